//! Resolution: one node per real thing within an article, and a key that is
//! the same for the same thing across articles and languages.
//!
//! Rules, in order: word-list hits share the list's key ("Russie",
//! "Russia", "russe"); a name is the same with or without the article it
//! opens with ("La Poste", "la Poste"); an acronym in parentheses after a name is that name
//! ("Organisation des Nations unies (ONU)"), and so is an acronym that
//! spells the initials of an organisation of the article; full names that differ only by
//! initials are one person ("J. Smith" / "John Smith"); an organisation's
//! head-word prefix is the organisation ("Représentation permanente" of a
//! longer name); a bare surname or first name joins the person of this
//! article who carries it (the most mentioned one when two do); "lac X"
//! answers to "X" (not "Festival de X": a place after "de" is its own);
//! "Church of X" answers to "X"; "Acme" to "Acme Motors" (a company's
//! kind word dropped); a surname of several words ("Van Damme") is the
//! one person whose full name ends with it; "Procès X" opening a
//! sentence, X a person's surname, is that person. Anything else is its own
//! node keyed by its folded form, so a bare surname stays apart from people
//! of other articles. A country only ever seen as a demonym gets no node.
//! Everything is keyed through hash maps: linear in the mentions.

use super::gaz::{self, Known};
use super::mentions::{Cand, join_form};
use super::segment::Words;
use crate::model::EntityType;
use crate::model::{Entity, Map, Mention, Set, Span};
use std::borrow::Cow;

/// The types a mention votes for, in vote order.
const KINDS: [EntityType; 4] = [
    EntityType::Per,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

/// What relation finding needs to know about each node beyond [`Entity`].
#[derive(Debug, Clone, Default)]
pub struct NodeInfo {
    pub known: Option<Known>,
    /// Mentions, demonyms included.
    pub count: usize,
}

/// A resolved mention: the public [`Mention`] plus its tokens.
#[derive(Debug, Clone, Copy)]
pub struct TokMention {
    pub entity: usize,
    pub sent: usize,
    pub a: usize,
    pub b: usize,
    pub demonym: bool,
}

#[derive(Debug, Default)]
pub struct Resolved {
    pub entities: Vec<Entity>,
    pub info: Vec<NodeInfo>,
    /// In text order.
    pub mentions: Vec<TokMention>,
}

impl Resolved {
    pub fn public_mentions(&self, t: &Words<'_>) -> Vec<Mention> {
        self.mentions
            .iter()
            .filter(|m| !m.demonym)
            .map(|m| Mention {
                entity: m.entity,
                sentence: m.sent,
                span: Span {
                    start: t.toks[m.a].start,
                    end: t.toks[m.b - 1].end,
                },
            })
            .collect()
    }
}

struct Cluster<'t> {
    kind: EntityType,
    strength: u8,
    known: Option<Known>,
    /// Folded name tokens of the fullest form (read by the merges and the
    /// surname index only, so left empty for clusters made after them).
    toks: Vec<Cow<'t, str>>,
    name: &'t str,
    count: usize,
    named: usize,
    multi: usize,
    first: usize,
}

/// Resolves candidates (in text order) to nodes.
pub fn resolve<'t>(text: &'t str, t: &'t Words<'t>, cands: Vec<Cand>) -> Resolved {
    let mut cands = filter_initial(text, t, cands);
    place_surnames(t, &mut cands);
    initial_noun_before_surname(t, &mut cands);
    // The folded form of each candidate, all in one buffer.
    let mut folded_buf = String::with_capacity(
        cands
            .iter()
            .map(|c| t.toks[c.b - 1].end - t.toks[c.a].start + 4)
            .sum(),
    );
    let mut folded_end = Vec::with_capacity(cands.len());
    for c in &cands {
        gaz::fold_into(join_form(text, t, c.a, c.b), &mut folded_buf);
        folded_end.push(folded_buf.len());
    }
    let folded: Vec<&str> = (0..cands.len())
        .map(|ci| &folded_buf[if ci == 0 { 0 } else { folded_end[ci - 1] }..folded_end[ci]])
        .collect();
    let mut clusters: Vec<Cluster<'t>> = Vec::with_capacity(cands.len());
    let mut by_key: Map<Cow<'_, str>, usize> =
        Map::with_capacity_and_hasher(cands.len(), Default::default());
    let mut assign: Vec<Option<usize>> = vec![None; cands.len()];

    let new_cluster = |clusters: &mut Vec<Cluster<'t>>, c: &Cand, idx: usize, toks: bool| {
        let form = join_form(text, t, c.a, c.b);
        clusters.push(Cluster {
            kind: c.kind,
            strength: c.strength,
            known: c.known,
            toks: if toks {
                (c.a..c.b).map(|k| gaz::fold_cow(t.lower(k))).collect()
            } else {
                Vec::new()
            },
            name: form,
            count: 0,
            named: 0,
            multi: 0,
            first: idx,
        });
        clusters.len() - 1
    };

    // Pass A: word-list hits; pass B: multi-word names.
    for (ci, c) in cands.iter().enumerate() {
        let key = if let Some(k) = &c.known {
            k.key
        } else if c.b - c.a > 1 {
            without_article(folded[ci])
        } else {
            continue;
        };
        let id = match by_key.get(key) {
            Some(&id) => id,
            None => {
                let id = new_cluster(&mut clusters, c, ci, true);
                by_key.insert(Cow::Borrowed(key), id);
                id
            }
        };
        assign[ci] = Some(id);
    }
    // Acronyms in parentheses: "Name (ACR)".
    for ci in 1..cands.len() {
        let (p, c) = (&cands[ci - 1], &cands[ci]);
        if c.b - c.a != 1 || !t.toks[c.a].upper || c.a < 1 {
            continue;
        }
        // A known acronym after an unknown long name: the long name is it.
        if let (Some(acr), None) = (assign[ci], &p.known)
            && t.lower(c.a - 1) == "("
            && p.b == c.a - 1
            && c.known.is_some()
            && !p.demonym
            && folded[ci].chars().next() == folded[ci - 1].chars().next()
        {
            by_key.insert(Cow::Borrowed(folded[ci - 1]), acr);
            assign[ci - 1] = Some(acr);
            continue;
        }
        if assign[ci].is_some() {
            continue;
        }
        // The candidate may end the text: no token after it.
        let paren =
            t.lower(c.a - 1) == "(" && p.b == c.a - 1 && c.b < t.toks.len() && t.lower(c.b) == ")";
        let same_initial = folded[ci].chars().next() == folded[ci - 1].chars().next();
        if paren && same_initial && folded[ci] != folded[ci - 1] && !p.demonym {
            let pid = match assign[ci - 1] {
                Some(pid) => pid,
                None => {
                    let id = new_cluster(&mut clusters, p, ci - 1, true);
                    by_key.insert(Cow::Borrowed(folded[ci - 1]), id);
                    assign[ci - 1] = Some(id);
                    id
                }
            };
            assign[ci] = Some(pid);
            by_key.entry(Cow::Borrowed(folded[ci])).or_insert(pid);
        }
    }
    merge_multiword(&mut clusters, &mut assign, &mut by_key);
    // Surname / first-name index over multi-word person-like clusters.
    let mut by_acronym: Map<Cow<'t, str>, usize> = Map::default();
    let mut by_part: Map<Cow<'t, str>, Vec<usize>> =
        Map::with_capacity_and_hasher(2 * clusters.len(), Default::default());
    for (id, cl) in clusters.iter().enumerate() {
        if cl.toks.len() > 1 && cl.known.is_none() {
            // "lac Léman" answers to "Léman", but "Festival de Cannes" not
            // to "Cannes": a last word after "de"/"of" is a place of its own.
            let n = cl.toks.len();
            let before_last = if n >= 3 && matches!(&*cl.toks[n - 2], "la" | "le" | "l'" | "the") {
                &cl.toks[n - 3]
            } else {
                &cl.toks[n - 2]
            };
            let lead_opener = cl.kind != EntityType::Per
                && cl.kind != EntityType::Org
                && !matches!(&**before_last, "de" | "du" | "des" | "d'" | "of");
            if cl.kind == EntityType::Per || lead_opener {
                by_part
                    .entry(cl.toks[cl.toks.len() - 1].clone())
                    .or_default()
                    .push(id);
            }
            if cl.kind == EntityType::Per {
                by_part.entry(cl.toks[0].clone()).or_default().push(id);
            }
            // "Ferrodyne" answers to "Ferrodyne Motors": a company's
            // name without the word that says what kind of company it is.
            if cl.kind == EntityType::Org
                && n == 2
                && matches!(
                    &*cl.toks[1],
                    "motors"
                        | "group"
                        | "groupe"
                        | "holdings"
                        | "inc"
                        | "inc."
                        | "corp"
                        | "corp."
                        | "corporation"
                        | "ltd"
                        | "plc"
                        | "sa"
                        | "ag"
                        | "airlines"
                        | "technologies"
                        | "systems"
                        | "industries"
                        | "labs"
                        | "pharmaceuticals"
                )
            {
                by_part.entry(cl.toks[0].clone()).or_default().push(id);
            }
            // "ABN" answers to "ABN News": an acronym opening an
            // organisation's name.
            if cl.kind == EntityType::Org && cl.name.split(' ').next().is_some_and(is_acronym) {
                by_acronym.entry(cl.toks[0].clone()).or_insert(id);
            }
            // "Church of X" answers to "X".
            if cl.kind == EntityType::Org
                && gaz::is_org_head(&cl.toks[0])
                && let Some(p) = cl.toks.iter().position(|w| w == "of" || w == "de")
                && p + 2 == cl.toks.len()
            {
                by_part.entry(cl.toks[p + 1].clone()).or_default().push(id);
            }
        }
    }
    let multi_count: Vec<usize> = {
        let mut v = vec![0; clusters.len()];
        for (ci, c) in cands.iter().enumerate() {
            if let Some(id) = assign[ci]
                && c.b - c.a > 1
            {
                v[id] += 1;
            }
        }
        v
    };
    // Pass D: single words.
    for (ci, c) in cands.iter().enumerate() {
        if assign[ci].is_some() {
            continue;
        }
        let f = folded[ci];
        let id = if let Some(&id) = by_key.get(f) {
            id
        } else if let Some(&id) = by_acronym.get(f).filter(|_| t.toks[c.a].upper) {
            by_key.insert(Cow::Borrowed(f), id);
            id
        } else if let Some(id) =
            (c.known.is_none() && t.toks[c.a].upper && is_acronym(join_form(text, t, c.a, c.b)))
                .then(|| spelled_by(&clusters, f))
                .flatten()
        {
            by_key.insert(Cow::Borrowed(f), id);
            id
        } else if let Some(ids) = by_part.get(f) {
            let best = ids
                .iter()
                .copied()
                .max_by_key(|&id| (multi_count[id], usize::MAX - clusters[id].first))
                .expect("non-empty");
            by_key.insert(Cow::Borrowed(f), best);
            best
        } else {
            // Tokens are read no more: none kept.
            let id = new_cluster(&mut clusters, c, ci, false);
            by_key.insert(Cow::Borrowed(f), id);
            id
        };
        assign[ci] = Some(id);
    }

    // Votes, forms, counts. Forms are gathered as (cluster, form) pairs,
    // then grouped by cluster.
    let mut forms: Vec<(usize, &'t str)> = Vec::with_capacity(2 * cands.len());
    // One type per thing: the mentions' types, each weighted by its cue.
    // A name's full forms vote before its short ones: "Heald said" is
    // typed from one word, "Colette Heald" from two.
    let mut votes: Vec<[u32; 4]> = vec![[0; 4]; clusters.len()];
    let mut short_votes: Vec<[u32; 4]> = vec![[0; 4]; clusters.len()];
    for (ci, c) in cands.iter().enumerate() {
        let Some(id) = assign[ci] else { continue };
        let cl = &mut clusters[id];
        cl.count += 1;
        if c.demonym {
            continue;
        }
        cl.named += 1;
        if c.strength > cl.strength {
            cl.kind = c.kind;
            cl.strength = c.strength;
        }
        if let Some(k) = KINDS.iter().position(|&k| k == c.kind) {
            let ballot = if c.b - c.a > 1 {
                &mut votes
            } else {
                &mut short_votes
            };
            ballot[id][k] += u32::from(c.strength) + 1;
        }
        if c.b - c.a > 1 {
            cl.multi += 1;
        }
        let form = join_form(text, t, c.a, c.b);
        if cl.named == 1 || cl.known.is_none() && gaz::char_count(form) > gaz::char_count(cl.name) {
            cl.name = form;
        }
        forms.push((id, form));
        if c.lead != c.a {
            forms.push((id, join_form(text, t, c.lead, c.b)));
        }
    }
    // Where no word list or honorific decided, a type with more votes
    // than the strongest cue's wins.
    for ((cl, full), short) in clusters.iter_mut().zip(&votes).zip(&short_votes) {
        let v = if full.iter().any(|&n| n > 0) {
            full
        } else {
            short
        };
        let own = KINDS.iter().position(|&k| k == cl.kind).map_or(0, |k| v[k]);
        if cl.strength <= 3
            && cl.known.is_none()
            && let Some((k, &n)) = v.iter().enumerate().max_by_key(|&(_, &n)| n)
            && n > own
        {
            cl.kind = KINDS[k];
        }
    }
    // Cluster `id`'s forms are `by_cluster[form_start[id]..form_start[id + 1]]`.
    let mut form_start = vec![0usize; clusters.len() + 1];
    for &(id, _) in &forms {
        form_start[id + 1] += 1;
    }
    for id in 0..clusters.len() {
        form_start[id + 1] += form_start[id];
    }
    let mut by_cluster: Vec<&str> = vec![""; forms.len()];
    let mut fill = form_start.clone();
    for &(id, f) in &forms {
        by_cluster[fill[id]] = f;
        fill[id] += 1;
    }
    // Nodes: clusters named at least once, in order of first mention.
    let mut order: Vec<usize> = (0..clusters.len())
        .filter(|&id| clusters[id].named > 0)
        .collect();
    order.sort_by_key(|&id| clusters[id].first);
    let mut remap = vec![usize::MAX; clusters.len()];
    let mut out = Resolved {
        entities: Vec::with_capacity(order.len()),
        info: Vec::with_capacity(order.len()),
        mentions: Vec::with_capacity(cands.len()),
    };
    for (n, &id) in order.iter().enumerate() {
        remap[id] = n;
        let cl = &mut clusters[id];
        let key = match &cl.known {
            Some(k) => k.key.to_string(),
            None => {
                // "{kind in lowercase}:{folded name}"
                let kind = cl.kind.as_str();
                let mut key = String::with_capacity(kind.len() + 1 + cl.name.len());
                key.push_str(kind);
                key.make_ascii_lowercase();
                key.push(':');
                gaz::fold_into(cl.name, &mut key);
                key
            }
        };
        // Sorted, each form once.
        let run = &mut by_cluster[form_start[id]..form_start[id + 1]];
        run.sort_unstable();
        let mut aliases = Vec::with_capacity(run.len());
        for (k, f) in run.iter().enumerate() {
            if k == 0 || run[k - 1] != *f {
                aliases.push(one_line(f));
            }
        }
        // A name cut by a line break reads as the same name on one line.
        aliases.sort_unstable();
        aliases.dedup();
        out.entities.push(Entity {
            name: one_line(cl.name),
            kind: if cl.known.is_some() {
                cl.known.as_ref().map_or(cl.kind, |k| k.kind)
            } else {
                cl.kind
            },
            key,
            aliases,
        });
        out.info.push(NodeInfo {
            known: cl.known,
            count: cl.count,
        });
    }
    for (ci, c) in cands.iter().enumerate() {
        let Some(id) = assign[ci] else { continue };
        if remap[id] == usize::MAX {
            continue;
        }
        out.mentions.push(TokMention {
            entity: remap[id],
            sent: c.sent,
            a: c.a,
            b: c.b,
            demonym: c.demonym,
        });
    }
    out
}

/// Drops capitalised sentence-initial single words that nothing else says
/// are names ("Enfin", "Pandémie", "Psychology"): a word also written in
/// lowercase in the article is a common word; otherwise it must be known,
/// shaped like a name (acronym), seen capitalised inside a sentence, or be
/// the subject of an auxiliary ("Acme has ..."). A lone word inside a
/// sentence that no list, honorific or title vouches for goes too when the
/// article writes it in lowercase ("the Administration's", "l'Enseignement
/// supérieur"), and so does a run of capitalised words no cue typed when
/// the article writes each of them in lowercase ("Election Results").
fn filter_initial(text: &str, t: &Words<'_>, cands: Vec<Cand>) -> Vec<Cand> {
    const AUX: &[&str] = &[
        "has",
        "is",
        "was",
        "said",
        "says",
        "a",
        "est",
        "avait",
        "sera",
        "annonce",
        "announced",
        "a-t-il",
    ];
    let quote = |i: usize| {
        i < t.toks.len()
            && matches!(
                &text[t.toks[i].start..t.toks[i].end],
                "\"" | "”" | "»" | "“"
            )
    };
    // The checks that need no other word come first; the words left to
    // check are then looked for among the lowercase tokens in one pass.
    let mut inner: Option<Set<Cow<'_, str>>> = None;
    let mut verdicts: Vec<Option<bool>> = cands
        .iter()
        .map(|c| {
            // A lone word inside a sentence no list, honorific or title
            // vouches for ("the Administration's", "WHO say Iodine"):
            // also asked whether the article writes it in lowercase.
            if !c.initial
                && c.b - c.a == 1
                && !c.demonym
                && c.known.is_none()
                && t.toks[c.a].cap
                && !t.toks[c.a].upper
                && c.strength <= 3
            {
                return None;
            }
            // A run of capitalised words no cue typed ("Election
            // Results", "Social Welfare"): asked the same of every word.
            if c.b - c.a > 1
                && c.strength <= 1
                && !c.demonym
                && c.known.is_none()
                && (c.a..c.b).all(|k| t.toks[k].cap && !t.toks[k].upper)
            {
                return None;
            }
            if !c.initial || c.demonym || c.known.is_some() || c.b - c.a > 1 {
                return Some(true);
            }
            (c.a > 0 && quote(c.a - 1) && quote(c.b)).then_some(true)
        })
        .collect();
    let asked: Set<&str> = cands
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| v.is_none())
        .flat_map(|(c, _)| (c.a..c.b).map(|k| t.lower(k)))
        .collect();
    let lower = written_lower(t, &asked);
    for (c, verdict) in cands.iter().zip(verdicts.iter_mut()) {
        if verdict.is_some() {
            continue;
        }
        let w = t.lower(c.a);
        let mut inner = || {
            inner
                .get_or_insert_with(|| {
                    let named = || cands.iter().filter(|c| !c.initial && !c.demonym);
                    let mut set = Set::with_capacity_and_hasher(
                        named().map(|c| c.b - c.a).sum(),
                        Default::default(),
                    );
                    set.extend(named().flat_map(|c| (c.a..c.b).map(|k| gaz::fold_cow(t.lower(k)))));
                    set
                })
                .contains(&gaz::fold_cow(w))
        };
        if c.b - c.a > 1 {
            *verdict = Some(!(c.a..c.b).all(|k| lower.contains(t.lower(k))));
            continue;
        }
        if !c.initial {
            *verdict = Some(!lower.contains(w));
            continue;
        }
        *verdict = Some(
            !lower.contains(w)
                && (c.strength >= 2
                    || inner()
                    || (c.b < t.toks.len() && AUX.contains(&t.lower(c.b)))),
        );
    }
    cands
        .into_iter()
        .zip(verdicts)
        .filter_map(|(c, keep)| (keep == Some(true)).then_some(c))
        .collect()
}

/// Which of the `asked` words the text also writes in lowercase (as a
/// token neither capitalised nor camel-cased). Masks of the asked words'
/// lengths and first bytes turn most tokens away before any hashing.
fn written_lower<'t>(t: &'t Words<'t>, asked: &Set<&str>) -> Set<&'t str> {
    if asked.is_empty() {
        return Set::default();
    }
    let bit = |len: usize| 1u64 << len.min(63);
    let lengths = asked.iter().fold(0, |m, w| m | bit(w.len()));
    let first = |w: &str| usize::from(w.as_bytes().first().copied().unwrap_or(0));
    let mut firsts = [0u64; 4];
    for w in asked {
        firsts[first(w) / 64] |= 1 << (first(w) % 64);
    }
    let mut out = Set::default();
    for (i, tok) in t.toks.iter().enumerate() {
        if tok.cap || tok.camel {
            continue;
        }
        let (len, b) = t.lower_shape(i);
        let b = usize::from(b);
        if lengths & bit(len) == 0 || firsts[b / 64] & (1 << (b % 64)) == 0 {
            continue;
        }
        let w = t.lower(i);
        if asked.contains(w) {
            out.insert(w);
        }
    }
    out
}

/// "Maria Paris ... Paris said": a place's name alone that is the last
/// word of a person's full name in the article (a first name, then it)
/// is that person, unless a place preposition (or "of", "de") comes
/// before it ("born in Paris"). So "Space Shuttle Columbia ...
/// Columbia was lost", "the place of Enterprise": a place's name alone
/// that is the last word of a vehicle's or a work's name a cue typed
/// (MISC) is that vehicle, unless a place preposition comes before it.
/// Such a mention loses its word-list key, so pass D joins it to the
/// person or the vehicle by its last word. Linear in the mentions.
fn place_surnames(t: &Words<'_>, cands: &mut [Cand]) {
    let mut surnames: Map<Cow<'_, str>, EntityType> = Map::default();
    for c in cands.iter() {
        if c.b - c.a >= 2
            && c.known.is_none()
            && !c.demonym
            && (c.kind == EntityType::Per && gaz::is_first_name_cls(t.lower(c.a), t.class(c.a))
                || c.kind == EntityType::Misc && c.strength >= 3)
            && gaz::place(t.lower(c.b - 1)).is_some()
        {
            surnames.insert(gaz::fold_cow(t.lower(c.b - 1)), c.kind);
        }
    }
    if surnames.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        let before = if c.a > 0 { t.lower(c.a - 1) } else { "" };
        if c.b - c.a != 1
            || c.demonym
            || c.known.is_none()
            || gaz::classes(before) & gaz::cls::PLACE_PREP != 0
            || matches!(before, "from" | "to" | "at" | "au" | "aux" | "via")
        {
            continue;
        }
        let Some(&kind) = surnames.get(gaz::fold_cow(t.lower(c.a)).as_ref()) else {
            continue;
        };
        if kind == EntityType::Per && matches!(before, "of" | "de" | "d'" | "du" | "des") {
            continue;
        }
        c.known = None;
        c.kind = kind;
        c.strength = 1;
    }
}

/// "Procès Valdenne : ...", "Affaire Morel : ...": a sentence's
/// capitalised first word that is an ordinary word (no head word of a
/// name) before one word that is the surname of a person of the article
/// ("Gérard Valdenne") is no part of the name: the mention is the
/// surname's, which pass D joins to the person. Linear in the mentions.
fn initial_noun_before_surname(t: &Words<'_>, cands: &mut [Cand]) {
    let surnames: Set<&str> = cands
        .iter()
        .filter(|c| c.kind == EntityType::Per && c.b - c.a >= 2 && !c.demonym)
        .map(|c| t.lower(c.b - 1))
        .collect();
    if surnames.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        let w = t.lower(c.a);
        if c.initial
            && c.b - c.a == 2
            && c.known.is_none()
            && !c.demonym
            && c.strength < 4
            && !t.toks[c.a].upper
            && surnames.contains(t.lower(c.a + 1))
            && (gaz::is_common_word(w, crate::model::Lang::Fr)
                || gaz::is_common_word(w, crate::model::Lang::En))
            && gaz::classes(w) & (gaz::cls::ANY_ORG_HEAD | gaz::cls::ANY_LOC_HEAD) == 0
            && gaz::title(&[w]).is_none()
            && !gaz::is_first_name_cls(w, t.class(c.a))
        {
            c.a += 1;
            c.lead = c.a;
            c.initial = false;
            c.kind = EntityType::Per;
        }
    }
}

/// Merges multi-word clusters: initials ("J-M X" / "Jean-Marc X") and
/// organisation head prefixes ("Représentation permanente" of
/// "Représentation permanente des États-Unis").
fn merge_multiword(
    clusters: &mut [Cluster<'_>],
    assign: &mut [Option<usize>],
    by_key: &mut Map<Cow<'_, str>, usize>,
) {
    let n = clusters.len();
    let mut target: Vec<usize> = (0..n).collect();
    // Group by last token for initials.
    let mut by_last: Map<&str, Vec<usize>> = Map::default();
    for (id, cl) in clusters.iter().enumerate() {
        if cl.toks.len() == 2 && cl.known.is_none() {
            by_last.entry(&cl.toks[1]).or_default().push(id);
        }
    }
    for ids in by_last.values() {
        for &x in ids {
            for &y in ids {
                if x != y
                    && target[x] == x
                    && is_initials(&clusters[x].toks[0], &clusters[y].toks[0])
                {
                    target[x] = y;
                }
            }
        }
    }
    // Organisation head prefixes: index every head-led prefix of each name.
    let mut prefixes: Map<String, usize> = Map::default();
    for (id, cl) in clusters.iter().enumerate() {
        if cl.known.is_none() && gaz::is_org_head(&cl.toks[0]) {
            if cl.toks.len() > 1 {
                prefixes.entry(cl.toks[0].to_string()).or_insert(id);
            }
            for end in 1..cl.toks.len() {
                let next = &*cl.toks[end];
                if matches!(next, "de" | "des" | "du" | "d'" | "of") {
                    prefixes.entry(cl.toks[..end].join(" ")).or_insert(id);
                }
            }
        }
    }
    // "Interior Department" is "US Interior Department": a longer name
    // that only adds a country (or its demonym) before it.
    let mut by_toks: Map<String, usize> = Map::default();
    for (id, cl) in clusters.iter().enumerate() {
        if cl.known.is_none() && cl.toks.len() >= 2 {
            by_toks.entry(cl.toks.join(" ")).or_insert(id);
        }
    }
    for (id, cl) in clusters.iter().enumerate() {
        if cl.known.is_none()
            && cl.toks.len() >= 3
            && cl.name.split(' ').next().is_some_and(|w| {
                gaz::demonym(w).is_some()
                    || gaz::demonym(&cl.toks[0]).is_some()
                    || gaz::place(w).is_some_and(|k| k.country)
            })
            && let Some(&short) = by_toks.get(&cl.toks[1..].join(" "))
            && short != id
            && clusters[short].kind == cl.kind
            && target[short] == short
        {
            target[short] = id;
        }
    }
    // "M. Van Damme" is "Pieter Van Damme", "Mme Le Goff" "Sandrine Le
    // Goff": a surname of several words ("Van Damme", "Rebelo de Sousa")
    // is the person whose full name ends with it, when one person of the
    // article does. Names are a few words long: bounded work per name.
    let mut ends_of: Map<String, Option<usize>> = Map::default();
    for (id, cl) in clusters.iter().enumerate() {
        if cl.known.is_none() && cl.kind == EntityType::Per && cl.toks.len() >= 3 {
            for start in 1..cl.toks.len() - 1 {
                let tail = cl.toks[start..].join(" ");
                if by_toks.contains_key(&tail) {
                    ends_of
                        .entry(tail)
                        .and_modify(|v| {
                            if *v != Some(id) {
                                *v = None;
                            }
                        })
                        .or_insert(Some(id));
                }
            }
        }
    }
    for (tail, long) in &ends_of {
        if let (Some(long), Some(&short)) = (*long, by_toks.get(tail))
            && short != long
            && clusters[short].known.is_none()
            && matches!(clusters[short].kind, EntityType::Per | EntityType::Org)
            && target[short] == short
        {
            target[short] = long;
        }
    }
    for (p, &long) in &prefixes {
        if !p.contains(' ') {
            by_key.entry(Cow::Owned(p.clone())).or_insert(long);
        }
    }
    for (id, cl) in clusters.iter().enumerate() {
        // Every prefix starts with a head word (tokens hold no space), so
        // only names that do are joined to be looked for.
        if !prefixes.is_empty()
            && gaz::is_org_head(&cl.toks[0])
            && let Some(&long) = prefixes.get(&cl.toks.join(" "))
            && long != id
            && target[id] == id
        {
            target[id] = long;
        }
    }
    for a in assign.iter_mut().flatten() {
        let mut x = *a;
        while target[x] != x {
            x = target[x];
        }
        *a = x;
    }
    for v in by_key.values_mut() {
        let mut x = *v;
        while target[x] != x {
            x = target[x];
        }
        *v = x;
    }
}

/// The organisation of several words whose initials the acronym `f`
/// (folded) spells, particles left out: "NCL" is "New Citizens' League",
/// "UGS" "Union of the Green Students".
fn spelled_by(clusters: &[Cluster<'_>], f: &str) -> Option<usize> {
    let letters: Vec<char> = f.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 {
        return None;
    }
    clusters.iter().position(|cl| {
        cl.kind == EntityType::Org
            && cl.known.is_none()
            && cl.toks.len() >= letters.len()
            && cl
                .toks
                .iter()
                .filter(|w| !is_particle(w))
                .filter_map(|w| w.chars().next())
                .eq(letters.iter().copied())
    })
}

/// A folded name without the article it opens with ("la poste" is
/// "poste"): "La Poste" and "la Poste" are one name.
fn without_article(f: &str) -> &str {
    const ARTICLES: [&str; 11] = [
        "la ", "le ", "les ", "l'", "de ", "des ", "du ", "the ", "el ", "los ", "las ",
    ];
    ARTICLES
        .iter()
        .find_map(|a| f.strip_prefix(a))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(f)
}

/// Words an acronym leaves out of the name it spells.
fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "and"
            | "for"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "l'"
            | "d'"
            | "et"
            | "'s"
            | "'"
            | "’s"
            | "’"
            | "&"
            | "-"
    )
}

/// A word of two or more letters, all capitals ("ABN", "U.S.").
fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
}

/// "j-m" / "j." are the initials of "jean-marc" / "jean".
fn is_initials(short: &str, long: &str) -> bool {
    let s: Vec<char> = short.chars().filter(|c| c.is_alphabetic()).collect();
    let l: Vec<char> = long
        .split(['-', ' '])
        .filter_map(|p| p.chars().next())
        .collect();
    short.len() < long.len() && !s.is_empty() && s.len() <= 3 && s == l
}

/// `form` with each run of ASCII whitespace holding a line break or a tab
/// made one space: a name a line break cuts in hard-wrapped text
/// ("Vladimir⏎Putin") is stored as on one line.
fn one_line(form: &str) -> String {
    if !form.contains(['\n', '\r', '\t']) {
        return form.to_string();
    }
    let mut out = String::with_capacity(form.len());
    for part in form.split(|c: char| c.is_ascii_whitespace()) {
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}
