//! Typed relations from patterns over each sentence, French and English.
//!
//! A sentence becomes a row of slots: one per entity mention (demonyms
//! included, standing for their country) and one per other token. Patterns
//! then read the row: title appositions (`role`/`leads`), meeting,
//! agreement and opposition triggers with their subject and object
//! (`meets`, `agrees_with`, `opposes`), places (`located_in`), membership
//! (`member_of`), units (`part_of`) and sides (`represents`). Negated
//! triggers ("n'a pas rencontré", "did not meet") yield nothing. "Les deux
//! parties" / "both sides" stand for the article's two main actors. Entities
//! of a sentence left without a typed relation get a `cooccurs` edge.
//! Each pass is linear in the sentence (bounded look-arounds).

use super::gaz::{self, TitleKind};
use super::resolve::Resolved;
use super::segment::{TokKind, Words};
use super::{Entity, Relation};
use super::{Map, Set};
use crate::model::{COOCCURS_CONFIDENCE, EntityType, Label, Lang};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One position of a sentence: an entity mention or a token.
#[derive(Debug, Clone, Copy)]
struct Slot {
    a: usize,
    b: usize,
    ent: Option<usize>,
    demonym: bool,
}

/// A sentence being read.
struct Sent<'a> {
    text: &'a str,
    t: &'a Words<'a>,
    slots: Vec<Slot>,
    ents: &'a [Entity],
    r: &'a Resolved,
    si: usize,
    /// Slots used as the complement of a title (not actors).
    complement: Vec<bool>,
    /// The lowercase word of each slot, "" for entities (patterns read
    /// each slot's word many times).
    words: Vec<&'a str>,
    /// The word lists of each slot's word (`gaz::classes`), 0 for
    /// entities.
    classes: Vec<u32>,
}

impl Sent<'_> {
    fn len(&self) -> usize {
        self.slots.len()
    }
    /// Lowercase word of a token slot ("" for entities and out of range).
    fn w(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }
    /// The word lists of a token slot's word (`gaz::classes`; 0 for
    /// entities and out of range, as for "").
    fn c(&self, i: usize) -> u32 {
        self.classes.get(i).copied().unwrap_or(0)
    }
    fn ent(&self, i: usize) -> Option<usize> {
        self.slots.get(i).and_then(|s| s.ent)
    }
    fn kind(&self, i: usize) -> Option<EntityType> {
        self.ent(i).map(|e| self.ents[e].kind)
    }
    fn is_country(&self, i: usize) -> bool {
        self.ent(i)
            .is_some_and(|e| self.r.info[e].known.as_ref().is_some_and(|k| k.country))
    }
    fn is_container(&self, i: usize) -> bool {
        self.ent(i)
            .is_some_and(|e| self.r.info[e].known.as_ref().is_some_and(|k| k.container))
    }
    /// Slot `i` follows a place preposition ("à X", "in the X").
    fn after_place_prep(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && matches!(self.w(k - 1), "la" | "le" | "l'" | "les" | "the") {
            k -= 1;
        }
        k > 0
            && matches!(
                self.w(k - 1),
                "à" | "au" | "aux" | "en" | "in" | "at" | "near" | "dans" | "from" | "vers"
            )
    }
    /// An entity that can act: a person, an organisation, a country or a
    /// city standing for its government, not a place complement.
    fn actor(&self, i: usize) -> bool {
        self.ent(i).is_some()
            && self.kind(i) != Some(EntityType::Misc)
            && !self.complement[i]
            && !self.after_place_prep(i)
            // "Wichita, Kansas": the second place only locates the first.
            && !(i >= 2
                && self.w(i - 1) == ","
                && self.kind(i) == Some(EntityType::Loc)
                && self.kind(i - 2) == Some(EntityType::Loc))
            // "Genève (Suisse)": the bracketed place only locates.
            && !(i >= 2 && self.w(i - 1) == "(" && self.ent(i - 2).is_some())
    }
    /// The token text of slots `[a, b)`.
    fn words(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.len() {
            return "";
        }
        &self.text[self.t.toks[self.slots[a].a].start..self.t.toks[self.slots[b - 1].b - 1].end]
    }
    fn tok_of(&self, i: usize) -> usize {
        self.slots[i].a
    }
}

/// Collects relations without duplicates.
#[derive(Default)]
struct Out {
    rels: Vec<Relation>,
    seen: Set<(usize, Label, usize, usize)>,
}

impl Out {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        s: &Sent<'_>,
        head: usize,
        label: Label,
        tail: usize,
        trigger: &str,
        confidence: f32,
        attrs: &[(&str, &str)],
    ) {
        if head == tail {
            return;
        }
        let (h, t) = if label.is_symmetric() && tail < head {
            (tail, head)
        } else {
            (head, tail)
        };
        if !self.seen.insert((h, label, t, s.si)) {
            return;
        }
        // Inserted one by one: collecting would sort a vector first.
        let mut map = BTreeMap::new();
        for (k, v) in attrs {
            if !v.is_empty() {
                map.insert(k.to_string(), v.to_string());
            }
        }
        self.rels.push(Relation {
            head: h,
            label,
            tail: t,
            sentence: s.si,
            trigger: trigger.to_string(),
            confidence,
            attrs: map,
        });
    }
}

impl Out {
    /// A relation between the entities of two slots, without attributes.
    fn link(&mut self, s: &Sent<'_>, a: usize, label: Label, b: usize, trigger: &str, conf: f32) {
        if let (Some(h), Some(t)) = (s.ent(a), s.ent(b)) {
            self.add(s, h, label, t, trigger, conf, &[]);
        }
    }
}

/// Article-level context shared by the sentence patterns.
struct Article {
    /// The two main actors ("les deux parties").
    pair: Option<(usize, usize)>,
    /// The main country ("the nation's capital").
    country: Option<usize>,
    /// Generic place noun -> last place introduced with it ("la province").
    generic: Map<String, usize>,
    /// (title word, tail) -> holder, for "le maire de X" without a name.
    holders: Map<(String, usize), usize>,
    /// Most mentioned person, if clearly salient.
    salient_person: Option<usize>,
    /// The two most mentioned people ("les deux hommes").
    people: Option<(usize, usize)>,
    /// The two people of the previous sentence, when it names exactly two.
    prev_people: Option<(usize, usize)>,
    /// The last organisation of the previous sentence ("Its chairperson").
    prev_org: Option<usize>,
    /// Most mentioned organisation, if mentioned at least three times.
    main_org: Option<usize>,
    /// Last word of each organisation's name -> organisation ("the project").
    org_heads: Map<String, usize>,
}

/// Finds typed relations and co-occurrences.
pub fn find(text: &str, t: &Words<'_>, lang: Lang, r: &Resolved) -> Vec<Relation> {
    let _ = lang;
    // Mention indices by sentence: sentence `si`'s are
    // `by_sent[sent_start[si]..sent_start[si + 1]]`, in mention order.
    let mut sent_start = vec![0usize; t.sents.len() + 1];
    for m in &r.mentions {
        sent_start[m.sent + 1] += 1;
    }
    for si in 0..t.sents.len() {
        sent_start[si + 1] += sent_start[si];
    }
    let mut by_sent = vec![0usize; r.mentions.len()];
    let mut fill = sent_start.clone();
    for (mi, m) in r.mentions.iter().enumerate() {
        by_sent[fill[m.sent]] = mi;
        fill[m.sent] += 1;
    }
    // Buffers reused from one sentence to the next.
    let mut slots_buf: Vec<Slot> = Vec::new();
    let mut words_buf: Vec<&str> = Vec::new();
    let mut complement_buf: Vec<bool> = Vec::new();
    let mut classes_buf: Vec<u32> = Vec::new();
    let mut typed: Set<(usize, usize)> = Set::default();
    let mut in_sent: Vec<usize> = Vec::new();
    let mut people: Vec<usize> = Vec::new();
    let mut art = article_context(r);
    let mut out = Out {
        rels: Vec::with_capacity(64),
        seen: Set::with_capacity_and_hasher(256, Default::default()),
    };
    let mut prev_person: Option<usize> = None;
    let mut headline_country: Option<usize> = None;
    for (si, &(sa, sb)) in t.sents.iter().enumerate() {
        let mut slots = std::mem::take(&mut slots_buf);
        slots.clear();
        let mut k = sa;
        let ms = &by_sent[sent_start[si]..sent_start[si + 1]];
        let mut mi = 0;
        while k < sb {
            let mut took = false;
            while mi < ms.len() && r.mentions[ms[mi]].a < k {
                mi += 1;
            }
            while mi < ms.len() && r.mentions[ms[mi]].a == k {
                let m = r.mentions[ms[mi]];
                slots.push(Slot {
                    a: m.a,
                    b: m.b,
                    ent: Some(m.entity),
                    demonym: m.demonym,
                });
                took = true;
                mi += 1;
            }
            if took {
                k = slots.last().map_or(k + 1, |s| s.b);
            } else {
                slots.push(Slot {
                    a: k,
                    b: k + 1,
                    ent: None,
                    demonym: false,
                });
                k += 1;
            }
        }
        let n = slots.len();
        let mut words = std::mem::take(&mut words_buf);
        words.clear();
        words.extend(
            slots
                .iter()
                .map(|x| if x.ent.is_none() { t.lower(x.a) } else { "" }),
        );
        let mut classes = std::mem::take(&mut classes_buf);
        classes.clear();
        classes.extend(
            slots
                .iter()
                .map(|x| if x.ent.is_none() { t.class(x.a) } else { 0 }),
        );
        let mut complement = std::mem::take(&mut complement_buf);
        complement.clear();
        complement.resize(n, false);
        let mut s = Sent {
            text,
            t,
            slots,
            ents: &r.entities,
            r,
            si,
            complement,
            words,
            classes,
        };
        let before = out.rels.len();
        remember_generic(&s, &mut art);
        titles(&mut s, &mut art, &mut out);
        places(&s, &art, &mut out);
        membership(&s, &art, &mut out);
        appositions(&s, &mut out);
        events(&s, &art, prev_person, &mut out);
        // Headline "Pays : ..." gives the country places are in.
        if si == 0 && n >= 2 && s.is_country(0) && s.w(1) == ":" {
            headline_country = s.ent(0);
        }
        // Co-occurrence for entities without a typed relation here.
        typed.clear();
        typed.extend(
            out.rels[before..]
                .iter()
                .map(|r| (r.head.min(r.tail), r.head.max(r.tail))),
        );
        in_sent.clear();
        in_sent.extend(s.slots.iter().filter_map(|x| x.ent));
        in_sent.sort_unstable();
        in_sent.dedup();
        in_sent.truncate(16);
        for (i, &a) in in_sent.iter().enumerate() {
            for &b in &in_sent[i + 1..] {
                if !typed.contains(&(a, b)) {
                    out.add(
                        &s,
                        a,
                        Label::Cooccurs,
                        b,
                        "",
                        COOCCURS_CONFIDENCE as f32,
                        &[],
                    );
                }
            }
        }
        people.clear();
        people.extend(
            (0..n)
                .filter(|&i| !s.slots[i].demonym && s.kind(i) == Some(EntityType::Per))
                .filter_map(|i| s.ent(i)),
        );
        people.sort_unstable();
        people.dedup();
        art.prev_people = match people.as_slice() {
            [a, b] => Some((*a, *b)),
            _ => None,
        };
        art.prev_org = (0..n)
            .rev()
            .find(|&i| s.kind(i) == Some(EntityType::Org))
            .and_then(|i| s.ent(i));
        if let Some(p) = (0..n)
            .filter(|&i| !s.slots[i].demonym)
            .filter_map(|i| s.ent(i))
            .find(|&e| r.entities[e].kind == EntityType::Per)
        {
            prev_person = Some(p);
        }
        slots_buf = s.slots;
        words_buf = s.words;
        complement_buf = s.complement;
        classes_buf = s.classes;
    }
    headline_places(r, headline_country, &mut out, t);
    let _ = &mut art;
    out.rels
}

/// "la province de la X": remembers X as "la province".
fn remember_generic(s: &Sent<'_>, art: &mut Article) {
    for i in 2..s.len() {
        if s.kind(i) != Some(EntityType::Loc) {
            continue;
        }
        let mut k = i;
        if matches!(s.w(k - 1), "la" | "l'" | "le" | "the") {
            k -= 1;
        }
        if k >= 2
            && matches!(s.w(k - 1), "de" | "d'" | "of")
            && s.c(k - 2) & gaz::cls::LOC_GENERIC != 0
        {
            art.generic
                .insert(s.w(k - 2).to_string(), s.ent(i).expect("loc"));
        }
    }
}

fn article_context(r: &Resolved) -> Article {
    let mut countries: Vec<usize> = (0..r.entities.len())
        .filter(|&e| r.info[e].known.as_ref().is_some_and(|k| k.country))
        .collect();
    countries.sort_by_key(|&e| (usize::MAX - r.info[e].count, e));
    let mut actors: Vec<usize> = (0..r.entities.len())
        .filter(|&e| matches!(r.entities[e].kind, EntityType::Per | EntityType::Org))
        .collect();
    actors.sort_by_key(|&e| (usize::MAX - r.info[e].count, e));
    let count = |i: usize| countries.get(i).map_or(0, |&c| r.info[c].count);
    let pair = if countries.len() >= 2 && count(1) > count(2) {
        Some((countries[0], countries[1]))
    } else if actors.len() >= 2 {
        Some((actors[0], actors[1]))
    } else {
        None
    };
    let country = countries.first().copied().filter(|&c| r.info[c].count >= 2);
    let mut people: Vec<usize> = (0..r.entities.len())
        .filter(|&e| r.entities[e].kind == EntityType::Per)
        .collect();
    people.sort_by_key(|&e| (usize::MAX - r.info[e].count, e));
    let r_count = |e: &usize| r.info[*e].count;
    let salient_person = match people.as_slice() {
        [p] if r.info[*p].count >= 3 => Some(*p),
        [p, q, ..] if r.info[*p].count >= 3 && r.info[*p].count >= 2 * r.info[*q].count => Some(*p),
        _ => None,
    };
    let mut orgs: Vec<usize> = (0..r.entities.len())
        .filter(|&e| r.entities[e].kind == EntityType::Org)
        .collect();
    orgs.sort_by_key(|&e| (usize::MAX - r.info[e].count, e));
    let main_org = orgs.first().copied().filter(|&o| r.info[o].count >= 3);
    let mut org_heads: Map<String, usize> = Map::default();
    for &o in orgs.iter().rev() {
        if let Some(last) = r.entities[o].name.split_whitespace().last() {
            let last = last.to_lowercase();
            if gaz::is_org_head(&last) {
                org_heads.insert(last, o);
            }
        }
    }
    let two_people = match people.as_slice() {
        [p, q] => Some((*p, *q)),
        [p, q, r, ..] if r_count(r) < r_count(q) => Some((*p, *q)),
        _ => None,
    };
    Article {
        people: two_people,
        prev_people: None,
        prev_org: None,
        pair,
        country,
        generic: Map::default(),
        holders: Map::default(),
        salient_person,
        main_org,
        org_heads,
    }
}

/// Appositions and brackets the ontology's conventions name, read from
/// the shape of the phrase alone:
/// - "Jean Dupont (PS)": a person's party or group in brackets, `member_of`;
/// - "the Ridgeway Academy, a private school in Leeds": an organisation
///   described as lying in a place, `located_in`;
/// - "Norway's broadcaster NRK" / "Norway's NRK": a country's
///   organisation lies in it, `located_in`;
/// - "Anna Berg, the Acme Foundation spokeswoman": a person, then an
///   organisation and a title, `role` (`leads` for a head title).
fn appositions(s: &Sent<'_>, out: &mut Out) {
    let n = s.len();
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let org = |k: usize| s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym;
    let loc = |k: usize| s.kind(k) == Some(EntityType::Loc) && !s.slots[k].demonym;
    let lower_word = |k: usize| {
        let w = s.w(k);
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    for i in 0..n {
        // PER ( ORG )
        if per(i) && s.w(i + 1) == "(" && org(i + 2) && matches!(s.w(i + 3), ")" | ",") {
            out.link(s, i, Label::MemberOf, i + 2, "( )", 0.7);
        }
        // ORG , a|an|une|un ... in|à|en LOC (five words at most between)
        if org(i)
            && s.w(i + 1) == ","
            && matches!(
                s.w(i + 2),
                "a" | "an" | "un" | "une" | "the" | "le" | "la" | "l'"
            )
        {
            let mut k = i + 3;
            while k < n && k < i + 8 && lower_word(k) && !matches!(s.w(k), "in" | "à" | "en") {
                k += 1;
            }
            if matches!(s.w(k), "in" | "à" | "en") && loc(k + 1) {
                out.link(s, i, Label::LocatedIn, k + 1, s.w(k), 0.6);
            }
        }
        // COUNTRY 's [two lowercase words at most] ORG
        if s.is_country(i) && !s.slots[i].demonym && s.w(i + 1) == "'s" {
            let mut k = i + 2;
            while k < n && k < i + 4 && lower_word(k) {
                k += 1;
            }
            if org(k) {
                out.link(s, k, Label::LocatedIn, i, "'s", 0.6);
            }
        }
        // PER , the ORG TITLE
        if per(i) && s.w(i + 1) == "," && matches!(s.w(i + 2), "the" | "a" | "an") && org(i + 3) {
            let words = (i + 4..(i + 7).min(n)).map(|k| s.w(k));
            if let Some((_, kind)) = gaz::title_in_cls(words, s.c(i + 4)) {
                let label = if kind == TitleKind::Head {
                    Label::Leads
                } else {
                    Label::Role
                };
                out.link(s, i, label, i + 3, s.w(i + 4), 0.7);
            }
        }
    }
}

/// Skips articles and determiners forward from slot `i`.
fn skip_det(s: &Sent<'_>, mut i: usize) -> usize {
    while matches!(
        s.w(i),
        "le" | "la"
            | "les"
            | "l'"
            | "the"
            | "a"
            | "an"
            | "un"
            | "une"
            | "son"
            | "sa"
            | "ses"
            | "his"
            | "her"
            | "its"
            | "their"
            | "leur"
    ) {
        i += 1;
    }
    i
}

fn is_of(w: &str) -> bool {
    matches!(
        w,
        "de" | "du" | "des" | "d'" | "of" | "at" | "for" | "à" | "au"
    )
}

/// Reads the complement of a title starting at slot `i` ("des Affaires
/// étrangères", "of the Dallas chapter of the Council ..."): returns the
/// entity it names and the slot after it.
fn complement(s: &Sent<'_>, mut i: usize) -> (Option<usize>, usize) {
    let mut found = None;
    let mut steps = 0;
    while i < s.len() && steps < 3 && is_of(s.w(i)) {
        let j = skip_det(s, i + 1);
        if s.ent(j).is_some() && !s.slots[j].demonym {
            found = Some(j);
            i = j + 1;
            // "the Dallas chapter of the X": keep reading.
            if i < s.len()
                && s.ent(i).is_none()
                && s.t.toks[s.tok_of(i)].kind == TokKind::Word
                && !s.w(i).is_empty()
                && matches!(s.w(i + 1), "of" | "de" | "du" | "des" | "d'")
                && !matches!(s.w(i), "en" | "in")
            {
                i += 1;
                steps += 1;
                continue;
            }
            return (found, i);
        }
        // "de la province de X", "of the project's panel": a noun then of.
        if s.ent(j).is_none() && is_of(s.w(j + 1)) && !s.w(j).is_empty() {
            i = j + 1;
            steps += 1;
            continue;
        }
        break;
    }
    (found, i)
}

/// Title appositions: "le président russe X", "X, PDG de Y", "US President
/// X", "Co-founder of Y, X", "Germany's foreign minister X".
fn titles(s: &mut Sent<'_>, art: &mut Article, out: &mut Out) {
    let mut i = 0;
    while i < s.len() {
        if s.ent(i).is_some() {
            i += 1;
            continue;
        }
        if !gaz::may_open_title_cls(s.w(i), s.c(i)) {
            i += 1;
            continue;
        }
        // Up to seven words, stopping at an entity (whose word is "").
        let mut k = i;
        while k < s.len() && k - i < 7 && s.ent(k).is_none() {
            k += 1;
        }
        let Some((n, kind)) = gaz::title_cls(&s.words[i..k], s.c(i)) else {
            i += 1;
            continue;
        };
        if kind == TitleKind::Honorific {
            i += n;
            continue;
        }
        let tstart = i;
        let mut j = i + n;
        // Demonyms after the title: "président russe".
        let mut country = None;
        let mut adjectives = 0;
        loop {
            if j < s.len() && s.slots[j].demonym {
                country = country.or(s.ent(j));
                s.complement[j] = true;
                j += 1;
            } else if adjectives < 2
                && (gaz::is_name_adjective(s.w(j))
                    || matches!(
                        s.w(j),
                        "central"
                            | "centrale"
                            | "général"
                            | "générale"
                            | "adjoint"
                            | "adjointe"
                            | "exécutif"
                            | "exécutive"
                            | "principal"
                            | "national"
                            | "régional"
                    ))
            {
                adjectives += 1;
                j += 1;
            } else {
                break;
            }
        }
        let title_end = j;
        let (comp, after) = complement(s, j);
        if let Some(c) = comp {
            s.complement[c] = true;
        }
        // "the chairman of the project's panel": the project named before.
        let anaphoric = if comp.is_none() && matches!(s.w(j), "of" | "de" | "du") {
            let k = skip_det(s, j + 1);
            art.org_heads.get(s.w(k)).copied()
        } else {
            None
        };
        // "le directeur général du groupe": the article's main organisation.
        let generic_org = if comp.is_none() && matches!(s.w(j), "of" | "de" | "du") {
            let k = skip_det(s, j + 1);
            matches!(
                s.w(k),
                "groupe"
                    | "group"
                    | "entreprise"
                    | "société"
                    | "company"
                    | "firm"
                    | "constructeur"
                    | "compagnie"
                    | "organisation"
                    | "organization"
            )
            .then_some(art.main_org)
            .flatten()
        } else {
            None
        };
        // "son secrétaire général X": the organisation named before.
        let possessive = tstart > 0
            && matches!(
                s.w(tstart - 1),
                "son" | "sa" | "ses" | "its" | "his" | "her" | "their" | "leur"
            );
        let owner = if possessive {
            (0..tstart)
                .rev()
                .find(|&k| s.kind(k) == Some(EntityType::Org) || s.is_country(k))
                .and_then(|k| s.ent(k))
                .or(if tstart <= 1 { art.prev_org } else { None })
        } else {
            None
        };
        let mut tail = country
            .or(comp.and_then(|c| s.ent(c)))
            .or(anaphoric)
            .or(generic_org)
            .or(owner);
        // English prenominal: "US President X", "Facebook co-founder X",
        // "New Zealand's Prime Minister X".
        let mut pre = tstart;
        if pre > 0 && s.w(pre - 1) == "'s" {
            pre -= 1;
        }
        if tail.is_none() && pre > 0 && s.ent(pre - 1).is_some() {
            tail = s.ent(pre - 1);
            s.complement[pre - 1] = true;
        }
        // The person: right after (", Mme X") or right before ("X, PDG de").
        let mut p = after;
        // "de France en Afghanistan, X": the posting place is not the tail.
        if matches!(s.w(p), "en" | "in" | "à" | "au") && s.ent(p + 1).is_some() {
            p += 2;
        }
        while matches!(
            s.w(p),
            "," | "m." | "mme" | "mr" | "mr." | "mrs" | "ms" | "dr" | "dr."
        ) {
            p += 1;
        }
        let is_per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
        let mut person = is_per(p).then(|| s.ent(p)).flatten();
        // "la directrice générale nommée en septembre X": a short participle
        // phrase between a definite title and the name.
        let participle = |w: &str| {
            ["é", "ée", "és", "ées", "ed", "u", "ue", "us"]
                .iter()
                .any(|x| w.ends_with(x))
                || matches!(w, "named" | "appointed" | "désigné" | "désignée")
        };
        if person.is_none()
            && tstart > 0
            && matches!(s.w(tstart - 1), "le" | "la" | "l'" | "the")
            && participle(s.w(p))
        {
            let q = (p..(p + 6).min(s.len()))
                .take_while(|&k| s.ent(k).is_none() || is_per(k))
                .take_while(|&k| !matches!(s.w(k), "," | "." | ";" | "«" | "»" | "\"" | "(" | ")"))
                .find(|&k| is_per(k));
            person = q.and_then(|k| s.ent(k));
        }
        if person.is_none() {
            let mut q = skip_back_det(s, tstart);
            if q > 0 && s.w(q - 1) == "," && q > 1 && s.kind(q - 2) == Some(EntityType::Per) {
                q -= 2;
                person = s.ent(q);
            }
        }
        // "Ivanov, côté russe": the side is the tail when nothing else is.
        let side = person.and_then(|pp| side_after(s, pp));
        if tail.is_none() {
            tail = side;
        } else if let (Some(pe), Some(sd)) = (person, side)
            && Some(sd) != tail
        {
            // "le vice-ministre des Affaires étrangères, X, côté russe"
            let label = if kind == TitleKind::Head {
                Label::Leads
            } else {
                Label::Role
            };
            let tt = s.words(tstart, title_end);
            out.add(s, pe, label, sd, tt, 0.6, &[("title", tt)]);
        }
        // A head with no organisation named: the article's main organisation.
        let definite = tstart > 0 && matches!(s.w(tstart - 1), "le" | "la" | "l'" | "the");
        if tail.is_none() && kind == TitleKind::Head && person.is_some() && definite {
            tail = art.main_org;
        }
        let label = if kind == TitleKind::Head {
            Label::Leads
        } else {
            Label::Role
        };
        let title_text = s.words(tstart, if comp.is_some() { after } else { title_end });
        let first_word = s.w(tstart).trim_start_matches("ex-").to_string();
        match (person, tail) {
            (Some(pe), Some(ta)) => {
                art.holders.insert((first_word, ta), pe);
                out.add(s, pe, label, ta, title_text, 0.85, &[("title", title_text)]);
            }
            (None, Some(ta)) => {
                // "l'ex-maire de Nantes" with no name: the holder already
                // named, else the article's clearly salient person.
                let definite = tstart > 0
                    && matches!(s.w(tstart - 1), "le" | "la" | "l'" | "the")
                    && (tstart == 1 || matches!(s.w(tstart - 2), "," | "" | "«"));
                let holder = art.holders.get(&(first_word, ta)).copied();
                if let Some(pe) = holder.or(if definite { art.salient_person } else { None }) {
                    out.add(s, pe, label, ta, title_text, 0.4, &[("title", title_text)]);
                }
            }
            _ => {}
        }
        i = title_end.max(i + 1);
    }
}

fn skip_back_det(s: &Sent<'_>, mut i: usize) -> usize {
    while i > 0
        && matches!(
            s.w(i - 1),
            "le" | "la" | "l'" | "the" | "a" | "an" | "un" | "une"
        )
    {
        i -= 1;
    }
    i
}

/// "X, côté russe" / "côté américain" after the person at slot index of
/// entity `pe`: the country of that side.
fn side_after(s: &Sent<'_>, pe: usize) -> Option<usize> {
    let at = (0..s.len()).find(|&i| s.ent(i) == Some(pe))?;
    let mut k = at + 1;
    let end = (at + 12).min(s.len());
    while k < end {
        if matches!(s.w(k), "côté" | "side") && s.slots.get(k + 1).is_some_and(|x| x.demonym) {
            return s.ent(k + 1);
        }
        if s.kind(k) == Some(EntityType::Per) {
            return None;
        }
        k += 1;
    }
    None
}

/// "situé à", "headquarters in" (and "situé...", "basé..." by prefix).
const LOCATED: &[&str] = &[
    "located",
    "based",
    "headquartered",
    "headquarters",
    "hq",
    "siège",
    "installé",
    "installée",
    "implanté",
    "implantée",
];
const CAPITAL: &[&str] = &["capitale", "capital"];
const MEMBER: &[&str] = &[
    "membre",
    "membres",
    "member",
    "members",
    "adhérent",
    "militant",
];
const STUDENT: &[&str] = &[
    "student",
    "étudiant",
    "étudiante",
    "major",
    "élève",
    "students",
];
const UNIT: &[&str] = &[
    "filiale",
    "subsidiary",
    "division",
    "unit",
    "branch",
    "spinoff",
    "spin-off",
];
/// "X a reçu Y", "X hosted Y".
const HOSTS: &[&str] = &[
    "reçoit",
    "reçu",
    "hosted",
    "hosts",
    "accueille",
    "accueilli",
];

/// The words a sentence's slots are compared with one by one in
/// [`places`], [`membership`] and [`events`] (`gaz::cls::SLOT_TRIGGER`):
/// a slot without the bit skips those comparisons.
pub(super) fn slot_trigger_words() -> impl Iterator<Item = &'static str> {
    [LOCATED, CAPITAL, MEMBER, STUDENT, UNIT, HOSTS]
        .into_iter()
        .flatten()
        .copied()
        .chain(["'s", "nom", "behalf", "representing", "côté"])
}

/// Places: "X (Y)", "à X, en Y", "X, Texas", "située à", "headquarters in",
/// "capitale de", "the nation's capital, X".
fn places(s: &Sent<'_>, art: &Article, out: &mut Out) {
    let n = s.len();
    let loc = |i: usize| s.kind(i) == Some(EntityType::Loc) && !s.slots[i].demonym;
    for i in 0..n {
        if !loc(i) || s.is_country(i) {
            // still allow ORG located_in via triggers below
        } else {
            // X (Y)
            if s.w(i + 1) == "(" && loc(i + 2) && s.w(i + 3) == ")" {
                out.link(s, i, Label::LocatedIn, i + 2, "( )", 0.85);
            }
            // X, (en|in) Y  where Y contains X
            let mut j = i + 1;
            if s.w(j) == "," {
                j += 1;
                if matches!(s.w(j), "en" | "in" | "au" | "aux") {
                    j += 1;
                }
                let ends = !loc(j + 2) || s.w(j + 1) != ",";
                if loc(j)
                    && (s.is_container(j) || s.ent(j).is_some_and(|e| s.r.info[e].known.is_none()))
                    && !s.is_country(i)
                    && !s.is_container(i)
                    && ends
                    && !matches!(s.w(j + 1), "et" | "and")
                {
                    out.add(
                        s,
                        s.ent(i).expect("loc"),
                        Label::LocatedIn,
                        s.ent(j).expect("loc"),
                        ",",
                        0.7,
                        &[],
                    );
                }
            }
        }
        // Triggers.
        let w = s.w(i);
        let slot_word = s.c(i) & gaz::cls::SLOT_TRIGGER != 0;
        let located =
            w.starts_with("situé") || w.starts_with("basé") || (slot_word && LOCATED.contains(&w));
        // "situé à X", "dont le siège est à X", "headquarters located in X"
        let prep_ok = || {
            (i + 1..(i + 4).min(n)).any(|k| {
                matches!(
                    s.w(k),
                    "à" | "au" | "en" | "in" | "at" | "dans" | "near" | "sur" | "près" | "outside"
                )
            }) || s.ent(i + 1).is_some()
        };
        let on_figurative = || {
            matches!(s.w(i + 1), "on" | "upon") || (w.starts_with("basé") && s.w(i + 1) == "sur")
        };
        if located && prep_ok() && !on_figurative() {
            let subj = (0..i)
                .rev()
                .take(6)
                .find(|&k| {
                    matches!(s.kind(k), Some(EntityType::Org | EntityType::Loc))
                        && !s.slots[k].demonym
                })
                .and_then(|k| s.ent(k))
                .or_else(|| company_anaphor(s, art));
            let obj = (i + 1..n.min(i + 8)).find(|&k| loc(k));
            if let (Some(ha), Some(b)) = (subj, obj) {
                let tb = s.ent(b).expect("e");
                out.add(s, ha, Label::LocatedIn, tb, w, 0.75, &[]);
            }
        }
        if slot_word && CAPITAL.contains(&w) {
            // X, capitale de Y
            if i >= 2 && s.w(i - 1) == "," || (i >= 3 && s.w(i - 1) == "la" && s.w(i - 2) == ",") {
                let x = (0..i).rev().take(3).find(|&k| loc(k));
                let (comp, _) = complement(s, i + 1);
                let y = comp
                    .and_then(|c| s.ent(c))
                    .or_else(|| anaphor(s, art, i + 1));
                if let (Some(x), Some(y)) = (x.and_then(|x| s.ent(x)), y) {
                    out.add(s, x, Label::LocatedIn, y, w, 0.75, &[]);
                }
            }
            // (the nation's | la) capitale, X / Y's capital, X
            if s.w(i + 1) == "," && loc(i + 2) {
                let owner = if i >= 2 && s.w(i - 1) == "'s" {
                    s.ent(i - 2).or_else(|| {
                        matches!(s.w(i - 2), "nation" | "country")
                            .then_some(art.country)
                            .flatten()
                    })
                } else {
                    anaphor(s, art, i + 1)
                };
                if let Some(y) = owner {
                    out.add(
                        s,
                        s.ent(i + 2).expect("loc"),
                        Label::LocatedIn,
                        y,
                        w,
                        0.7,
                        &[],
                    );
                }
            }
        }
    }
}

/// A sentence opening "The company, ...", "Le groupe ...": the article's
/// main organisation.
fn company_anaphor(s: &Sent<'_>, art: &Article) -> Option<usize> {
    let k = skip_det(s, 0);
    let generic = matches!(
        s.w(k),
        "company" | "firm" | "group" | "groupe" | "entreprise" | "société" | "constructeur"
    );
    (k > 0 && generic).then_some(art.main_org).flatten()
}

/// "de la province", "du pays": the place those words stand for.
fn anaphor(s: &Sent<'_>, art: &Article, i: usize) -> Option<usize> {
    let j = skip_det(s, if is_of(s.w(i)) { i + 1 } else { i });
    match s.w(j) {
        "pays" | "country" | "nation" => art.country,
        w if gaz::is_loc_generic(w) => art.generic.get(w).copied(),
        _ => None,
    }
}

/// An organisation one belongs to rather than works for: its name ends
/// in a word for a political or civic grouping ("Labour Party", "Front
/// national", "the Green Alliance").
fn is_membership_org(s: &Sent<'_>, k: usize) -> bool {
    let name = s.words(k, k + 1).to_lowercase();
    name.split([' ', '-']).any(|w| {
        matches!(
            w,
            "party"
                | "parti"
                | "partido"
                | "partei"
                | "front"
                | "alliance"
                | "movement"
                | "mouvement"
                | "league"
                | "ligue"
                | "coalition"
                | "bloc"
                | "union"
        )
    })
}

/// Membership and units: "X, de la CGT", "membre de", "member of", "student
/// at", "X of The Paper", "filiale de", "ORG's ORG", "the government's X".
fn membership(s: &Sent<'_>, art: &Article, out: &mut Out) {
    let n = s.len();
    for i in 0..n {
        let w = s.w(i);
        let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
        let org = |k: usize| s.kind(k) == Some(EntityType::Org);
        // "X, de la CGT" (fr) / "X of The Globe" (en)
        if per(i) {
            let mut j = i + 1;
            let comma = s.w(j) == ",";
            if comma {
                j += 1;
            }
            if matches!(s.w(j), "de" | "du" | "d'" | "of") {
                let k = skip_det(s, j + 1);
                if org(k) && !matches!(s.w(k + 1), "'s") {
                    let label = if s.w(j) == "of" && !comma && !is_membership_org(s, k) {
                        Label::Role
                    } else if s.w(j) == "of" && !comma {
                        Label::MemberOf
                    } else if comma && s.w(j) != "of" {
                        Label::MemberOf
                    } else {
                        continue;
                    };
                    out.add(
                        s,
                        s.ent(i).expect("per"),
                        label,
                        s.ent(k).expect("org"),
                        s.words(j, j + 1),
                        0.6,
                        &[],
                    );
                }
            }
        }
        // The words below are all in SLOT_TRIGGER_WORDS (one class bit).
        let slot_word = s.c(i) & gaz::cls::SLOT_TRIGGER != 0;
        let member = slot_word && MEMBER.contains(&w);
        let student = slot_word && STUDENT.contains(&w);
        if (member || student)
            && matches!(s.w(i + 1), "de" | "du" | "des" | "d'" | "of" | "at" | "à")
        {
            let k = skip_det(s, i + 2);
            if org(k) {
                let subj = (0..i)
                    .rev()
                    .take(10)
                    .find(|&q| per(q))
                    .or_else(|| (0..i).rev().take(5).find(|&q| s.actor(q)))
                    .or_else(|| {
                        // "Psychology major at University X Jane Doe"
                        (k + 1..n.min(k + 3)).find(|&q| per(q))
                    });
                if let Some(q) = subj {
                    out.link(s, q, Label::MemberOf, k, w, 0.7);
                }
            }
        }
        let unit =
            slot_word && UNIT.contains(&w) && matches!(s.w(i + 1), "de" | "du" | "d'" | "of");
        if unit {
            let k = skip_det(s, i + 2);
            let subj = (0..i).rev().take(5).find(|&q| org(q));
            if let (Some(q), true) = (subj, s.ent(k).is_some()) {
                out.link(s, q, Label::PartOf, k, w, 0.7);
            }
        }
        // ORG's ORG ; the government's ORG
        if slot_word && w == "'s" && org(i + 1) {
            if i > 0 && org(i - 1) {
                out.link(s, i + 1, Label::PartOf, i - 1, "'s", 0.6);
            } else if i > 0
                && matches!(s.w(i - 1), "government" | "state" | "country" | "nation")
                && let Some(c) = art.country
            {
                out.add(
                    s,
                    s.ent(i + 1).expect("e"),
                    Label::PartOf,
                    c,
                    "'s",
                    0.6,
                    &[],
                );
            }
        }
        // "the Labour Party's X": a member; "The Globe's X": works there.
        if slot_word && w == "'s" && i > 0 && org(i - 1) && per(i + 1) {
            let label = if is_membership_org(s, i - 1) {
                Label::MemberOf
            } else {
                Label::Role
            };
            out.link(s, i + 1, label, i - 1, "'s", 0.6);
        }
        // "au nom de X", "on behalf of X", "representing X"
        let on_behalf = slot_word
            && ((w == "nom" && s.w(i - 1) == "au" && is_of(s.w(i + 1)))
                || (w == "behalf" && s.w(i + 1) == "of")
                || w == "representing");
        if on_behalf && i > 0 {
            let k = skip_det(s, if w == "representing" { i + 1 } else { i + 2 });
            let subj = (0..i).rev().take(6).find(|&q| per(q) || org(q));
            if let (Some(q), Some(e)) = (subj, s.ent(k)) {
                out.add(s, s.ent(q).expect("e"), Label::Represents, e, w, 0.6, &[]);
            }
        }
        // "Scientologist X": an adherent of an organisation of the article.
        if per(i + 1) && (w.ends_with("ist") || w.ends_with("iste") || w.ends_with("ists")) {
            let stem = w
                .trim_end_matches('s')
                .trim_end_matches("iste")
                .trim_end_matches("ist");
            if stem.chars().count() >= 5
                && let Some(o) = (0..s.ents.len()).find(|&o| {
                    s.ents[o].kind == EntityType::Org
                        && s.ents[o]
                            .name
                            .split_whitespace()
                            .any(|x| x.to_lowercase().starts_with(stem))
                })
            {
                out.add(
                    s,
                    s.ent(i + 1).expect("per"),
                    Label::MemberOf,
                    o,
                    w,
                    0.6,
                    &[],
                );
            }
        }
        // "X, côté russe"
        if slot_word
            && w == "côté"
            && s.slots.get(i + 1).is_some_and(|x| x.demonym)
            && i >= 2
            && let Some(q) = (0..i).rev().take(4).find(|&q| per(q))
        {
            {
                out.link(s, q, Label::Represents, i + 1, "côté", 0.6);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ev {
    Meet,
    Agree,
    Support,
    Oppose,
}

/// The event of a two-word trigger and whether it is a verb (`None`: the
/// two words trigger nothing, "accuse un ...").
type PairEvent = Option<(Ev, bool)>;

/// Two-word triggers: first word, second word, [`PairEvent`].
const PAIRS: &[(&str, &str, PairEvent)] = &[
    ("d'", "accord", Some((Ev::Agree, true))),
    ("communiqué", "commun", Some((Ev::Agree, false))),
    ("déclaration", "commune", Some((Ev::Agree, false))),
    ("joint", "statement", Some((Ev::Agree, false))),
    ("joint", "declaration", Some((Ev::Agree, false))),
    ("voter", "pour", Some((Ev::Support, true))),
    ("vote", "for", Some((Ev::Support, true))),
    ("voted", "for", Some((Ev::Support, true))),
    ("held", "talks", Some((Ev::Meet, true))),
    ("hold", "talks", Some((Ev::Meet, true))),
    ("shook", "hands", Some((Ev::Meet, true))),
    ("serré", "la", Some((Ev::Meet, true))),
    ("serrer", "la", Some((Ev::Meet, true))),
    ("serre", "la", Some((Ev::Meet, true))),
    ("war", "on", Some((Ev::Oppose, false))),
    ("guerre", "contre", Some((Ev::Oppose, false))),
    ("sanctions", "contre", Some((Ev::Oppose, false))),
    ("sanctions", "against", Some((Ev::Oppose, false))),
    ("critical", "of", Some((Ev::Oppose, false))),
    ("hostile", "to", Some((Ev::Oppose, false))),
    ("critique", "envers", Some((Ev::Oppose, false))),
    ("accuse", "une", None),
    ("accuse", "un", None),
    ("accusé", "une", None),
    ("accusé", "un", None),
];

/// The first words of the two-word triggers (`gaz::cls::PAIR_TRIGGER`).
pub(super) fn pair_trigger_words() -> impl Iterator<Item = &'static str> {
    PAIRS.iter().map(|&(w, _, _)| w)
}

/// The second words and events of the [`PAIRS`] that start with `w`, in
/// their order there.
fn pairs_by_first(w: &str) -> &'static [(&'static str, PairEvent)] {
    static INDEX: OnceLock<Map<&'static str, Vec<(&'static str, PairEvent)>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: Map<&'static str, Vec<(&'static str, PairEvent)>> = Map::default();
        for &(a, b, ev) in PAIRS {
            m.entry(a).or_default().push((b, ev));
        }
        m
    });
    index.get(w).map_or(&[], Vec::as_slice)
}

/// The event a word triggers, and whether it is a verb (negatable).
fn trigger(s: &Sent<'_>, i: usize) -> Option<(Ev, bool, usize)> {
    let w = s.w(i);
    if w.is_empty() {
        return None;
    }
    // Multi-word first (only words with the PAIR_TRIGGER class open one).
    if s.c(i) & gaz::cls::PAIR_TRIGGER != 0
        && let next = s.w(i + 1)
        && let Some(&(_, ev)) = pairs_by_first(w).iter().find(|&&(b, _)| b == next)
    {
        return ev.map(|(ev, verb)| (ev, verb, 2));
    }
    if !may_trigger(w) {
        return None;
    }
    single_trigger(w).map(|(ev, verb)| (ev, verb, 1))
}

/// The event a single word triggers and whether it is a verb: which of the
/// lists below hold it (as a word or a prefix) comes from [`list_bits`].
fn single_trigger(w: &str) -> Option<(Ev, bool)> {
    use trigger_bits as tb;
    let m = list_bits(w);
    if m & (tb::MEET | tb::MEET_WORDS) != 0 {
        return Some((
            Ev::Meet,
            m & tb::MEET_NOUNS == 0
                && !["tion", "tions", "ing", "ings", "talks"]
                    .iter()
                    .any(|x| w.ends_with(x)),
        ));
    }
    if m & tb::AGREE != 0 && m & tb::NOT_AGREE == 0 {
        return Some((Ev::Agree, true));
    }
    if m & tb::SUPPORT != 0 {
        return Some((Ev::Support, m & tb::SUPPORT_NOUNS == 0 || w.ends_with("ed")));
    }
    if m & (tb::OPPOSE | tb::OPPOSE_WORDS) != 0 {
        return Some((
            Ev::Oppose,
            m & tb::OPPOSE_NOUNS == 0 || w.ends_with("ed") || w.ends_with('é'),
        ));
    }
    None
}

/// Beginnings of meeting words (verbs and nouns).
const MEET: &[&str] = &[
    "réuni",
    "rencontr",
    "entretenu",
    "entretien",
    "s'entretien",
    "pourparler",
    "négoci",
    "negotiat",
    "sommet",
    "summit",
    "discussion",
    "dialogu",
    "tête-à-tête",
];
const MEET_WORDS: &[&str] = &[
    "met",
    "meet",
    "meets",
    "meeting",
    "meetings",
    "talks",
    "réunion",
    "réunions",
    "réunir",
];
/// Meeting nouns, which a negation does not reach.
const MEET_NOUNS: &[&str] = &[
    "sommet",
    "summit",
    "discussion",
    "réunion",
    "pourparler",
    "entretien",
];
const AGREE: &[&str] = &[
    "signé", "signe", "signer", "signat", "sign", "agree", "accord", "endors", "approuv", "allié",
    "ratifi",
];
const NOT_AGREE: &[&str] = &[
    "signal",
    "signif",
    "according",
    "accorde",
    "accordé",
    "accordingly",
];
const SUPPORT: &[&str] = &[
    "soutien", "soutient", "souten", "soutenu", "support", "appuie", "appuy", "backed", "backing",
    "praised", "salué", "salue",
];
const OPPOSE: &[&str] = &[
    "accus",
    "critiqu",
    "critici",
    "criticiz",
    "condamn",
    "condemn",
    "dénonc",
    "denounc",
    "déplor",
    "deplor",
    "fustig",
    "attaqu",
    "attack",
    "sanction",
    "blâm",
    "blam",
    "reproch",
    "menac",
    "threat",
    "slam",
    "blast",
    "inacceptable",
    "unacceptable",
    "bêtise",
    "sued",
    "sues",
    "lawsuit",
    "poursuit en justice",
    "oppos",
    "hostile",
    "rejet",
    "reject",
];
const OPPOSE_WORDS: &[&str] = &["critic", "critics"];
/// Opposition nouns and adjectives, which a negation does not reach.
const OPPOSE_NOUNS: &[&str] = &[
    "inacceptable",
    "unacceptable",
    "bêtise",
    "critic",
    "attack",
    "lawsuit",
];

/// Whether a single word may trigger an event: it is at least as long as
/// the shortest word or prefix of the lists above that shares its first two
/// bytes (one table lookup, so most words skip the prefix comparisons).
fn may_trigger(w: &str) -> bool {
    static SHORTEST: OnceLock<Vec<u8>> = OnceLock::new();
    let index = |b: &[u8]| usize::from(b[0]) << 8 | usize::from(b[1]);
    let shortest = SHORTEST.get_or_init(|| {
        let mut shortest = vec![u8::MAX; 1 << 16];
        for x in [MEET, MEET_WORDS, AGREE, SUPPORT, OPPOSE, OPPOSE_WORDS].concat() {
            let len = u8::try_from(x.len()).expect("trigger words are short");
            let i = index(x.as_bytes());
            shortest[i] = shortest[i].min(len);
        }
        shortest
    });
    let b = w.as_bytes();
    b.len() >= 2 && b.len() >= usize::from(shortest[index(b)])
}

/// The trigger lists a word is in, one bit each ([`list_bits`]).
mod trigger_bits {
    pub const MEET: u16 = 1;
    pub const MEET_WORDS: u16 = 1 << 1;
    pub const MEET_NOUNS: u16 = 1 << 2;
    pub const AGREE: u16 = 1 << 3;
    pub const NOT_AGREE: u16 = 1 << 4;
    pub const SUPPORT: u16 = 1 << 5;
    /// "soutien", "support": support nouns unless they end in "ed".
    pub const SUPPORT_NOUNS: u16 = 1 << 6;
    pub const OPPOSE: u16 = 1 << 7;
    pub const OPPOSE_WORDS: u16 = 1 << 8;
    pub const OPPOSE_NOUNS: u16 = 1 << 9;
}

/// The trigger lists a word starts with a prefix of (or, for the lists of
/// whole words, equals a word of), as [`trigger_bits`]. The list entries
/// are indexed by their first two bytes, so a word is compared only with
/// the few entries that share them.
fn list_bits(w: &str) -> u16 {
    use trigger_bits as tb;
    /// Entries by first two bytes: entry `(text, whole word, bit)`s of
    /// bucket `k` are `entries[starts[k]..starts[k + 1]]`.
    struct Index {
        starts: Vec<u16>,
        entries: Vec<(&'static str, bool, u16)>,
    }
    static INDEX: OnceLock<Index> = OnceLock::new();
    let bucket = |b: &[u8]| usize::from(b[0]) << 8 | usize::from(b[1]);
    let index = INDEX.get_or_init(|| {
        let lists: [(&[&'static str], bool, u16); 10] = [
            (MEET, false, tb::MEET),
            (MEET_WORDS, true, tb::MEET_WORDS),
            (MEET_NOUNS, false, tb::MEET_NOUNS),
            (AGREE, false, tb::AGREE),
            (NOT_AGREE, false, tb::NOT_AGREE),
            (SUPPORT, false, tb::SUPPORT),
            (&["soutien", "support"], false, tb::SUPPORT_NOUNS),
            (OPPOSE, false, tb::OPPOSE),
            (OPPOSE_WORDS, true, tb::OPPOSE_WORDS),
            (OPPOSE_NOUNS, false, tb::OPPOSE_NOUNS),
        ];
        let mut entries: Vec<(&'static str, bool, u16)> = lists
            .iter()
            .flat_map(|&(list, whole, bit)| list.iter().map(move |&x| (x, whole, bit)))
            .collect();
        entries.sort_by_key(|&(x, _, _)| bucket(x.as_bytes()));
        let mut starts = vec![0u16; (1 << 16) + 1];
        for &(x, _, _) in &entries {
            starts[bucket(x.as_bytes()) + 1] += 1;
        }
        for k in 0..1 << 16 {
            starts[k + 1] += starts[k];
        }
        Index { starts, entries }
    });
    let b = w.as_bytes();
    if b.len() < 2 {
        return 0;
    }
    let k = bucket(b);
    let (lo, hi) = (
        usize::from(index.starts[k]),
        usize::from(index.starts[k + 1]),
    );
    index.entries[lo..hi]
        .iter()
        .filter(|&&(x, whole, _)| if whole { w == x } else { w.starts_with(x) })
        .fold(0, |m, &(_, _, bit)| m | bit)
}

/// A negated verb at slot `i`: "n'a pas rencontré", "did not meet".
fn negated(s: &Sent<'_>, i: usize) -> bool {
    let lo = i.saturating_sub(4);
    // Slots out of range read as "", which matches nothing below.
    let before = s.words.get(lo..i).unwrap_or_default();
    let after = s.words.get(i + 1..(i + 3).min(s.len())).unwrap_or_default();
    let ne = before.iter().any(|w| matches!(*w, "ne" | "n'"));
    let pas = before.iter().chain(after.iter()).any(|w| {
        matches!(
            *w,
            "pas" | "jamais" | "plus" | "point" | "guère" | "aucun" | "aucune"
        )
    });
    let en = before.iter().rev().take(3).any(|w| {
        matches!(
            *w,
            "not" | "never" | "no" | "refused" | "declined" | "cancelled" | "canceled"
        ) || w.ends_with("n't")
    });
    (ne && pas)
        || en
        || before
            .iter()
            .any(|w| matches!(*w, "refusé" | "annulé" | "refuse"))
}

/// Date words of the sentence ("jeudi", "le 16 juin", "on May 16").
fn date_of(s: &Sent<'_>) -> String {
    for i in 0..s.len() {
        if s.c(i) & gaz::cls::DATE_WORD != 0 || matches!(s.w(i), "hier" | "yesterday") {
            let mut a = i;
            while a > 0 && s.t.toks[s.tok_of(a - 1)].kind == TokKind::Num {
                a -= 1;
            }
            let mut b = i + 1;
            while b < s.len() && s.t.toks[s.tok_of(b)].kind == TokKind::Num && s.ent(b).is_none() {
                b += 1;
            }
            return s.words(a, b).to_string();
        }
    }
    String::new()
}

/// Meetings, agreements, support and opposition.
fn events(s: &Sent<'_>, art: &Article, prev_person: Option<usize>, out: &mut Out) {
    let n = s.len();
    let mut i = 0;
    let mut place: Option<String> = None;
    let mut date: Option<String> = None;
    while i < n {
        // "X a reçu à Dakar le Premier ministre Y", "X hosted Y": a
        // meeting when a person is received.
        if s.c(i) & gaz::cls::SLOT_TRIGGER != 0
            && HOSTS.contains(&s.w(i))
            && !negated(s, i)
            && let Some(sj) = subject(s, i, true).filter(|&e| s.ents[e].kind == EntityType::Per)
        {
            let obj = (i + 1..(i + 12).min(n))
                .take_while(|&k| {
                    !matches!(
                        s.w(k),
                        "soutien"
                            | "support"
                            | "appui"
                            | "lettre"
                            | "letter"
                            | "message"
                            | "prix"
                            | "award"
                            | "."
                            | ";"
                            | "«"
                    )
                })
                .find(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per));
            if let Some(o) = obj.and_then(|k| s.ent(k)) {
                let place = (0..n)
                    .find(|&k| s.kind(k) == Some(EntityType::Loc) && s.after_place_prep(k))
                    .and_then(|k| s.ent(k))
                    .map(|e| s.ents[e].name.clone())
                    .unwrap_or_default();
                out.add(s, sj, Label::Meets, o, s.w(i), 0.7, &[("place", &place)]);
            }
        }
        let Some((ev, verb, len)) = trigger(s, i) else {
            i += 1;
            continue;
        };
        let tw = s.words(i, i + len);
        if verb && negated(s, i) {
            i += len;
            continue;
        }
        // "the X-critic site Y": Y opposes X.
        if ev == Ev::Oppose && i >= 2 && s.w(i - 1) == "-" && s.ent(i - 2).is_some() {
            if let Some(h) = (i + 1..(i + 4).min(n)).find(|&k| s.actor(k)) {
                let (h, t) = (s.ent(h).expect("e"), s.ent(i - 2).expect("e"));
                out.add(s, h, Label::Opposes, t, tw, 0.7, &[]);
            }
            i += len;
            continue;
        }
        let place = place.get_or_insert_with(|| {
            (0..n)
                .find(|&k| {
                    s.kind(k) == Some(EntityType::Loc)
                        && !s.slots[k].demonym
                        && s.after_place_prep(k)
                })
                .and_then(|k| s.ent(k))
                .map(|e| s.ents[e].name.clone())
                .unwrap_or_default()
        });
        let date = date.get_or_insert_with(|| date_of(s));
        let attrs = [("place", place.as_str()), ("date", date.as_str())];
        let label = match ev {
            Ev::Meet => Label::Meets,
            Ev::Agree | Ev::Support => Label::AgreesWith,
            Ev::Oppose => Label::Opposes,
        };
        let conf = if ev == Ev::Meet { 0.8 } else { 0.7 };
        let mut found = false;
        // "les deux parties", "both sides", "the two countries"
        if let Some((a, b)) = art.pair
            && ev != Ev::Oppose
            && both_sides(s)
        {
            out.add(s, a, label, b, tw, 0.6, &attrs);
            found = true;
        }
        if let Some((a, b)) = art.prev_people.or(art.people)
            && ev != Ev::Oppose
            && both_people(s)
        {
            out.add(s, a, label, b, tw, 0.6, &attrs);
            found = true;
        }
        // Coordinated actors: "X et Y se sont réunis", "entre X et Y".
        if matches!(ev, Ev::Meet | Ev::Agree) {
            for g in groups(s) {
                for (x, &a) in g.iter().enumerate() {
                    for &b in &g[x + 1..] {
                        out.add(s, a, label, b, tw, conf, &attrs);
                        found = true;
                    }
                }
            }
        }
        // Subject before, object after.
        let received = i > 0
            && matches!(
                s.w(i - 1),
                "received" | "reçu" | "receives" | "gets" | "got" | "obtenu"
            );
        let subj = subject(s, i, ev == Ev::Oppose).or_else(|| {
            (ev == Ev::Oppose && s.w(0) == "«")
                .then_some(prev_person)
                .flatten()
        });
        let objs = if verb || ev == Ev::Oppose || received {
            objects(s, i + len)
        } else {
            // "un sommet avec X", "talks with X", "le soutien de X"
            let k = (i + len..(i + len + 4).min(n)).find(|&k| {
                let w = s.w(k);
                matches!(w, "avec" | "with" | "entre" | "between" | "among")
                    || (ev == Ev::Support
                        && matches!(w, "de" | "du" | "of" | "to" | "à" | "for" | "pour"))
            });
            k.map(|k| objects(s, k + 1)).unwrap_or_default()
        };
        if received {
            if let Some(sj) = subj {
                for o in &objs {
                    out.add(s, *o, label, sj, tw, conf, &attrs);
                    found = true;
                }
            }
        } else if let Some(sj) = subj {
            for o in &objs {
                out.add(s, sj, label, *o, tw, conf, &attrs);
                found = true;
            }
            if objs.is_empty() && ev == Ev::Oppose && s.ents[sj].kind == EntityType::Per {
                // "Y ... X déplora un discours": the other person of the sentence.
                if let Some(o) = (0..n)
                    .filter(|&k| {
                        s.actor(k) && s.kind(k) == Some(EntityType::Per) && s.ent(k) != Some(sj)
                    })
                    .min_by_key(|&k| k.abs_diff(i))
                {
                    out.add(s, sj, label, s.ent(o).expect("e"), tw, 0.4, &attrs);
                    found = true;
                }
            }
        }
        // Two people in a meeting sentence.
        if !found && ev == Ev::Meet {
            let people: Vec<usize> = {
                let mut v: Vec<usize> = (0..n)
                    .filter(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per))
                    .filter_map(|k| s.ent(k))
                    .collect();
                v.dedup();
                v
            };
            if let [a, b] = people.as_slice() {
                out.add(s, *a, label, *b, tw, 0.6, &attrs);
            }
        }
        i += len;
    }
}

/// "les deux hommes", "the two leaders": the article's two main people.
fn both_people(s: &Sent<'_>) -> bool {
    (0..s.len()).any(|i| {
        matches!(s.w(i), "deux" | "two")
            && matches!(
                s.w(i + 1),
                "hommes"
                    | "dirigeants"
                    | "dirigeantes"
                    | "présidents"
                    | "ministres"
                    | "men"
                    | "leaders"
                    | "presidents"
                    | "ministers"
                    | "femmes"
                    | "women"
            )
    })
}

fn both_sides(s: &Sent<'_>) -> bool {
    // The next words are read only after a first word that may open one.
    (0..s.len()).any(|i| match s.w(i) {
        "deux" => matches!(
            s.w(i + 1),
            "parties" | "pays" | "camps" | "délégations" | "gouvernements"
        ),
        "both" => matches!(
            s.w(i + 1),
            "sides" | "countries" | "parties" | "governments"
        ),
        "the" => {
            s.w(i + 1) == "two"
                && matches!(
                    s.w(i + 2),
                    "sides" | "countries" | "parties" | "governments"
                )
        }
        _ => false,
    })
}

/// The actor a trigger's subject is: the nearest actor before it (a
/// person first, for opposition).
fn subject(s: &Sent<'_>, i: usize, prefer_person: bool) -> Option<usize> {
    let lo = i.saturating_sub(25);
    if prefer_person
        && let Some(k) = (0..i)
            .rev()
            .find(|&k| s.actor(k) && s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym)
    {
        return s.ent(k);
    }
    (lo..i).rev().find(|&k| s.actor(k)).and_then(|k| s.ent(k))
}

/// The objects after a trigger: the first actor (skipping "avec", "with",
/// "de", "des représentants du", ...) and the actors coordinated with it.
fn objects(s: &Sent<'_>, from: usize) -> Vec<usize> {
    let n = s.len();
    let mut out = Vec::new();
    let mut k = from;
    let end = (from + 8).min(n);
    // "son homologue russe X": the demonym describes the person.
    let describes = |k: usize| {
        s.slots[k].demonym && (k + 1..(k + 4).min(n)).any(|q| s.kind(q) == Some(EntityType::Per))
    };
    while k < end && (!s.actor(k) || describes(k)) {
        if matches!(
            s.w(k),
            "." | ";"
                | "»"
                | "qui"
                | "who"
                | "which"
                | "que"
                | "that"
                | "because"
                | "car"
                | "parce"
        ) {
            return out;
        }
        k += 1;
    }
    if k >= end {
        return out;
    }
    out.push(s.ent(k).expect("actor"));
    k += 1;
    loop {
        let mut j = k;
        while matches!(
            s.w(j),
            "," | "et"
                | "and"
                | "ou"
                | "or"
                | "du"
                | "de"
                | "d'"
                | "des"
                | "of"
                | "the"
                | "la"
                | "le"
                | "les"
                | "l'"
                | "to"
                | "à"
        ) {
            j += 1;
        }
        if j > k && s.actor(j) {
            out.push(s.ent(j).expect("actor"));
            k = j + 1;
            continue;
        }
        // "from X to Facebook creator Y": titles and their complements
        // between coordinated people.
        if matches!(s.w(k), "to" | "and" | "et" | "à") {
            let first_kind = s.ents[out[0]].kind;
            let q = (k + 1..(k + 5).min(n))
                .take_while(|&q| !matches!(s.w(q), "." | "," | ";"))
                .find(|&q| s.actor(q));
            if let Some(q) = q.filter(|&q| s.kind(q) == Some(first_kind)) {
                out.push(s.ent(q).expect("actor"));
                k = q + 1;
                continue;
            }
        }
        break;
    }
    out
}

/// Actors joined by "et"/"and" (and commas): "Russes et Américains",
/// "entre X et Y", "Joe Biden et Vladimir Poutine". Same class only
/// (people with people, others with others).
fn groups(s: &Sent<'_>) -> Vec<Vec<usize>> {
    let n = s.len();
    let mut out = Vec::new();
    let mut i = 0;
    let mut g = Vec::new();
    while i < n {
        if !s.actor(i) {
            i += 1;
            continue;
        }
        let per = s.kind(i) == Some(EntityType::Per);
        g.clear();
        g.push(s.ent(i).expect("actor"));
        let mut k = i + 1;
        let mut joined = false;
        loop {
            let mut j = k;
            let mut saw_and = false;
            while matches!(
                s.w(j),
                "," | "et" | "and" | "la" | "le" | "les" | "l'" | "the"
            ) {
                saw_and |= matches!(s.w(j), "et" | "and");
                j += 1;
            }
            // "X and French President Y": skip the title before the name.
            if saw_and && per {
                let mut q = j;
                while q < (j + 4).min(n)
                    && (s.slots[q].demonym
                        || s.complement[q]
                        || title_word(s, q)
                        || (!s.w(q).is_empty() && gaz::demonym_cls(s.w(q), s.c(q)).is_some()))
                {
                    q += 1;
                }
                if q > j && s.kind(q) == Some(EntityType::Per) {
                    j = q;
                }
            }
            if j > k && s.actor(j) && (s.kind(j) == Some(EntityType::Per)) == per {
                g.push(s.ent(j).expect("actor"));
                joined |= saw_and;
                k = j + 1;
            } else {
                break;
            }
        }
        if joined && g.len() >= 2 {
            g.dedup();
            out.push(g.clone());
        }
        i = k;
    }
    out
}

/// A title starts at slot `q` ("President", "ministre").
fn title_word(s: &Sent<'_>, q: usize) -> bool {
    gaz::title_in_cls((q..(q + 3).min(s.len())).map(|k| s.w(k)), s.c(q)).is_some()
}

/// A headline "Pays : ..." places the article's other places in that country.
fn headline_places(r: &Resolved, country: Option<usize>, out: &mut Out, t: &Words<'_>) {
    let Some(c) = country else { return };
    let _ = t;
    let placed: Set<usize> = out
        .rels
        .iter()
        .filter(|x| x.label == Label::LocatedIn)
        .map(|x| x.head)
        .collect();
    let mut first_sent: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &r.mentions {
        first_sent.entry(m.entity).or_insert(m.sent);
    }
    for (e, ent) in r.entities.iter().enumerate() {
        let known = r.info[e].known.as_ref();
        if ent.kind != EntityType::Loc || e == c || placed.contains(&e) {
            continue;
        }
        // Countries and continents are not in the headline's country.
        if known.is_some_and(|k| k.container && k.parent.is_none()) {
            continue;
        }
        let country_key = r.info[c].known.as_ref().map(|k| k.key);
        if known.is_some_and(|k| k.parent != country_key) {
            continue;
        }
        if out.seen.insert((e, Label::LocatedIn, c, usize::MAX)) {
            out.rels.push(Relation {
                head: e,
                label: Label::LocatedIn,
                tail: c,
                sentence: first_sent.get(&e).copied().unwrap_or(0),
                trigger: "headline".to_string(),
                confidence: 0.4,
                attrs: BTreeMap::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`single_trigger`] as it was written before the index: every list
    /// compared in turn.
    fn single_trigger_reference(w: &str) -> Option<(Ev, bool)> {
        let p = |pre: &[&str]| pre.iter().any(|x| w.starts_with(x));
        if p(MEET) || MEET_WORDS.contains(&w) {
            return Some((
                Ev::Meet,
                !p(MEET_NOUNS)
                    && !["tion", "tions", "ing", "ings", "talks"]
                        .iter()
                        .any(|x| w.ends_with(x)),
            ));
        }
        if p(AGREE) && !p(NOT_AGREE) {
            return Some((Ev::Agree, true));
        }
        if p(SUPPORT) {
            return Some((
                Ev::Support,
                !p(&["soutien", "support"]) || w.ends_with("ed"),
            ));
        }
        if p(OPPOSE) || OPPOSE_WORDS.contains(&w) {
            return Some((
                Ev::Oppose,
                !p(OPPOSE_NOUNS) || w.ends_with("ed") || w.ends_with('é'),
            ));
        }
        None
    }

    #[test]
    fn single_trigger_matches_the_list_by_list_reading() {
        let lists = [
            MEET,
            MEET_WORDS,
            MEET_NOUNS,
            AGREE,
            NOT_AGREE,
            SUPPORT,
            OPPOSE,
            OPPOSE_WORDS,
            OPPOSE_NOUNS,
        ];
        let mut found = 0;
        for x in lists.concat() {
            for cut in [0, 1, 2] {
                let stem = &x[..x.floor_char_boundary(x.len().saturating_sub(cut))];
                for suffix in [
                    "", "s", "ed", "é", "tion", "tions", "ing", "talks", "e", "ly",
                ] {
                    let w = format!("{stem}{suffix}");
                    let got = single_trigger(&w);
                    assert_eq!(got, single_trigger_reference(&w), "{w}");
                    found += usize::from(got.is_some());
                }
            }
        }
        // The lists themselves trigger (a broken index would find nothing).
        assert!(found > 500, "{found}");
    }

    /// The patterns skip slots without the bit: a word of theirs without
    /// it would never be compared.
    #[test]
    fn slot_trigger_words_carry_their_class_bit() {
        let mut n = 0;
        for w in slot_trigger_words() {
            assert_ne!(gaz::classes(w) & gaz::cls::SLOT_TRIGGER, 0, "{w}");
            n += 1;
        }
        assert!(n > 30, "{n}");
        assert_eq!(gaz::classes("sentence") & gaz::cls::SLOT_TRIGGER, 0);
    }

    proptest::proptest! {
        #[test]
        fn single_trigger_agrees_on_any_word(w in "[a-zéèêâ'-]{0,12}") {
            proptest::prop_assert_eq!(single_trigger(&w), single_trigger_reference(&w));
        }
    }
}
