//! Membership and units: `member_of` ("X, de la CGT", "membre de",
//! "student at", "Scientologist X", "X from the Y Party", "Labour Party
//! member X", "X, IOC member"), `part_of` ("filiale de", "ORG's ORG",
//! a ministry of the article's one country,
//! "ORG at ORG", "ORG de l'ORG", "the government's X"), `represents` ("au nom de", "on behalf of",
//! "X for ORG, says ...",
//! "X, côté russe"), a unit named after its parent ("Mission de la Ligue
//! arabe" `part_of` "Ligue arabe"), a legislature's chambers ("Sénat"
//! `part_of` "Congrès" when one sentence names both). "X of The Paper" and "the Labour Party's X" are
//! `member_of`: with no title there is no `role`, which keeps one.

use super::SlotWords;
use super::article::ArticleContext;
use super::sentence::{Edges, SentenceView, is_of, skip_det};
use crate::extract::gaz;
use crate::extract::resolve::Resolved;
use crate::model::{EntityType, Label, Relation};
use std::collections::BTreeMap;

/// Membership and units: "X, de la CGT", "membre de", "member of", "student
/// at", "X of The Paper", "filiale de", "ORG's ORG", "the government's X".
pub(super) fn membership(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    let n = s.len();
    for i in 0..n {
        let w = s.word(i);
        let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
        let org = |k: usize| s.kind(k) == Some(EntityType::Org);
        // "X, de la CGT" (fr) / "X of The Globe" (en)
        if per(i) {
            let mut j = i + 1;
            let comma = s.word(j) == ",";
            if comma {
                j += 1;
            }
            let from = !comma && s.word(j) == "from";
            if matches!(s.word(j), "de" | "du" | "d'" | "of") || from {
                let mut k = skip_det(s, j + 1);
                // "X of the centre-right Popular Party", "X of the ruling
                // Y Party": two lowercase words at most before a grouping,
                // no adverb ("A and B of respectively X and Y").
                let lead = (k..n.min(k + 3))
                    .take_while(|&q| {
                        s.entity(q).is_none()
                            && is_lower_word(s.word(q))
                            && !s.word(q).ends_with("ly")
                    })
                    .count();
                if (1..=2).contains(&lead)
                    && org(k + lead)
                    && s.entity(k + lead)
                        .is_some_and(|e| is_grouping(&s.entities[e].name))
                {
                    k += lead;
                }
                if org(k)
                    && !matches!(s.word(k + 1), "'s")
                    && (!from
                        || s.entity(k)
                            .is_some_and(|e| is_grouping(&s.entities[e].name)))
                {
                    // "X of the Labour Party", "X of Acme", "X, de la CGT":
                    // no title, so no `role` (the ontology's role keeps one).
                    let of = matches!(s.word(j), "of" | "from");
                    if of == comma {
                        continue;
                    }
                    // "publishers A of X": a title gave the post already.
                    let (a, b) = (s.entity(i), s.entity(k));
                    // This sentence's relations are the last ones added.
                    let titled = out
                        .relations
                        .iter()
                        .rev()
                        .take_while(|r| r.sentence == s.index)
                        .any(|r| {
                            Some(r.head) == a
                                && Some(r.tail) == b
                                && matches!(r.label, Label::Role | Label::Leads)
                        });
                    if titled {
                        continue;
                    }
                    let label = Label::MemberOf;
                    out.add(
                        s,
                        s.entity(i).expect("per"),
                        label,
                        s.entity(k).expect("org"),
                        s.span_text(j, j + 1),
                        0.6,
                        &[],
                    );
                }
            }
        }
        // The words below all carry the SLOT_TRIGGER class bit ([`SlotWords`]).
        let slot_word = s.class(i) & gaz::cls::SLOT_TRIGGER != 0;
        let member = slot_word && SlotWords::get().member.contains(&w);
        let student = slot_word && SlotWords::get().student.contains(&w);
        if (member || student)
            && matches!(
                s.word(i + 1),
                "de" | "du" | "des" | "d'" | "of" | "at" | "à"
            )
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
                // "former members of X, including musician A and actor B":
                // the people the list names, a lowercase word or two
                // (their trade) before each.
                let mut q = k + 1;
                if s.word(q) == "," {
                    q += 1;
                }
                if matches!(s.word(q), "including" | "notamment" | "dont") {
                    q += 1;
                    let mut lowers = 0;
                    while q < n && lowers <= 2 {
                        if per(q) {
                            out.link(s, q, Label::MemberOf, k, w, 0.6);
                            lowers = 0;
                        } else if matches!(s.word(q), "," | "and" | "et") {
                            lowers = 0;
                        } else if is_lower_word(s.word(q)) && s.entity(q).is_none() {
                            lowers += 1;
                        } else {
                            break;
                        }
                        q += 1;
                    }
                }
            }
        }
        let unit = slot_word
            && SlotWords::get().unit.contains(&w)
            && matches!(s.word(i + 1), "de" | "du" | "d'" | "of");
        if unit {
            let k = skip_det(s, i + 2);
            let subj = (0..i).rev().take(5).find(|&q| org(q));
            if let (Some(q), true) = (subj, s.entity(k).is_some()) {
                out.link(s, q, Label::PartOf, k, w, 0.7);
            }
        }
        // A unit and what it is a unit of: "the Weather Museum at Orlin
        // College", "le Conseil de sécurité de l'ONU".
        if org(i) {
            let k = match s.word(i + 1) {
                "at" => skip_det(s, i + 2),
                "de" | "du" | "d'" | "of" => skip_det(s, i + 2),
                _ => usize::MAX,
            };
            if k != usize::MAX && org(k) && !matches!(s.word(k + 1), "'s") {
                out.link(s, i, Label::PartOf, k, s.word(i + 1), 0.6);
            }
        }
        // ORG's ORG, with two lowercase words at most between ("Acme's
        // new Research Unit"); the government's ORG
        if slot_word && w == "'s" && i > 0 && org(i - 1) {
            let mut k = i + 1;
            while k < n.min(i + 3) && s.entity(k).is_none() && is_lower_word(s.word(k)) {
                k += 1;
            }
            if org(k) {
                out.link(s, k, Label::PartOf, i - 1, "'s", 0.6);
            }
        } else if slot_word
            && w == "'s"
            && org(i + 1)
            && i > 0
            && matches!(s.word(i - 1), "government" | "state" | "country" | "nation")
            && let Some(c) = article.main_country
        {
            out.add(
                s,
                s.entity(i + 1).expect("e"),
                Label::PartOf,
                c,
                "'s",
                0.6,
                &[],
            );
        }
        // "the Labour Party's X", "The Globe's X": belongs to it (a title
        // between, "The Globe's editor X", is the titles' rule).
        if slot_word && w == "'s" && i > 0 && org(i - 1) && per(i + 1) {
            out.link(s, i + 1, Label::MemberOf, i - 1, "'s", 0.6);
            // "Acme's Tom Reed and Anna Berg": each of the list, unless
            // another group is named for one ("... and Anna Berg of X").
            let mut k = i + 1;
            while k + 2 < n && matches!(s.word(k + 1), "," | "and") && per(k + 2) {
                k += 2;
                if matches!(s.word(k + 1), "of" | "from" | "'s" | "(") {
                    break;
                }
                out.link(s, k, Label::MemberOf, i - 1, "'s", 0.6);
            }
        }
        // "Labour Party member X", "X, a Labour Party member", "X ...
        // becomes the youngest Council member": an organisation, a
        // lowercase word at most, then a member or student noun.
        if org(i) {
            prenominal_member(s, i, out);
        }
        // "au nom de X", "on behalf of X", "representing X"
        let on_behalf = slot_word
            && ((w == "nom" && s.word(i - 1) == "au" && is_of(s.word(i + 1)))
                || (w == "behalf" && s.word(i + 1) == "of")
                || w == "representing");
        if on_behalf && i > 0 {
            let k = skip_det(s, if w == "representing" { i + 1 } else { i + 2 });
            let subj = (0..i).rev().take(6).find(|&q| per(q) || org(q));
            if let (Some(q), Some(e)) = (subj, s.entity(k)) {
                out.add(
                    s,
                    s.entity(q).expect("e"),
                    Label::Represents,
                    e,
                    w,
                    0.6,
                    &[],
                );
            }
        }
        // "X for Acme, says ...", "X pour Acme, a déclaré": a person
        // speaking for an organisation, without a title.
        if per(i) && matches!(s.word(i + 1), "for" | "pour") && org(skip_det(s, i + 2)) {
            let k = skip_det(s, i + 2);
            let verb = if s.word(k + 1) == "," { k + 2 } else { k + 1 };
            let says = matches!(
                s.word(verb),
                "says" | "said" | "told" | "explains" | "explained" | "dit" | "explique"
            ) || (s.word(verb) == "a"
                && matches!(s.word(verb + 1), "dit" | "déclaré" | "expliqué" | "indiqué"));
            if says {
                out.link(s, i, Label::Represents, k, "for", 0.6);
            }
        }
        // "Scientologist X": an adherent of an organisation of the article.
        if per(i + 1) && (w.ends_with("ist") || w.ends_with("iste") || w.ends_with("ists")) {
            let stem = w
                .trim_end_matches('s')
                .trim_end_matches("iste")
                .trim_end_matches("ist");
            if stem.chars().count() >= 5
                && let Some(o) = (0..s.entities.len()).find(|&o| {
                    s.entities[o].kind == EntityType::Org
                        && s.entities[o]
                            .name
                            .split_whitespace()
                            .any(|x| x.to_lowercase().starts_with(stem))
                })
            {
                out.add(
                    s,
                    s.entity(i + 1).expect("per"),
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

/// "Labour Party member X", "X, a Labour Party member", "X, IOC member
/// from Fiji", "X, a second
/// year Acme art major", "X ... becomes the youngest Council member": the
/// organisation at slot `o`, then a lowercase word at most and an English
/// member or student noun (the `member` and `student` words ending in a
/// consonant cluster English puts after a name: member(s), student(s),
/// major). The person follows the noun, or stands before the phrase
/// (its article and a few lowercase words) in apposition, or is the
/// nearest person before a copula or "become" ahead of it.
fn prenominal_member(s: &SentenceView<'_>, o: usize, out: &mut Edges) {
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let noun = |k: usize| {
        matches!(
            s.word(k),
            "member" | "members" | "student" | "students" | "major"
        )
    };
    let Some(n) = (o + 1..(o + 3).min(s.len()))
        .take_while(|&k| s.entity(k).is_none() && is_lower_word(s.word(k)))
        .find(|&k| noun(k))
    else {
        return;
    };
    // "Council members say ...": a noun of its own, not a member's.
    if n == o + 2 && noun(o + 1) {
        return;
    }
    let person = if per(n + 1) && s.word(n) != "members" {
        Some(n + 1)
    } else {
        let mut b = o;
        while b > 0
            && o - b < 5
            && s.entity(b - 1).is_none()
            && is_lower_word(s.word(b - 1))
            && !is_copula(s.word(b - 1))
        {
            b -= 1;
        }
        // "X, a Labour Party member", and with no article "X, IOC member
        // from Fiji" (one member: "X, Labour members say" is not X's).
        let bare = b == o && matches!(s.word(n), "member" | "student");
        if b >= 2 && s.word(b - 1) == "," && per(b - 2) && (b < o || bare) {
            Some(b - 2)
        } else if b >= 1 && is_copula(s.word(b - 1)) {
            (0..b - 1)
                .rev()
                .take_while(|&k| !matches!(s.word(k), "." | ";" | ":"))
                .find(|&k| per(k))
        } else {
            None
        }
    };
    if let Some(q) = person {
        out.link(s, q, Label::MemberOf, o, s.word(n), 0.6);
    }
}

/// A copula or "become" before a predicate noun ("is", "became").
fn is_copula(w: &str) -> bool {
    matches!(
        w,
        "is" | "was" | "are" | "were" | "becomes" | "became" | "become" | "remains" | "remained"
    )
}

/// Players of a national side (the ontology's convention): in a sentence
/// of a match report (a `sport` word: "scored", "penalty", "buteur"; or
/// any sentence of an article that is one, `match_report`: "Belgium made a
/// change, as X replaced Y"), a person with no title represents the
/// country the sentence names as a side: "Korea's X", the one country
/// named, else the nearest named before. A place after "in"/"à" is where
/// the match is, not a side.
pub(super) fn national_side(s: &SentenceView<'_>, match_report: bool, out: &mut Edges) {
    let n = s.len();
    // England and Wales field sides of their own: a region that holds
    // places counts as a country here.
    let side = |k: usize| {
        (s.is_country(k) || s.is_container(k)) && !s.slots[k].demonym && !s.after_place_prep(k)
    };
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let Some(first_side) = (0..n).find(|&k| side(k)) else {
        return;
    };
    if !(0..n).any(per) || !(match_report || (0..n).any(|k| s.class(k) & gaz::cls::SPORT != 0)) {
        return;
    }
    let one_country = (first_side..n)
        .filter(|&k| side(k))
        .all(|k| s.entity(k) == s.entity(first_side));
    for k in (0..n).filter(|&k| per(k)) {
        let person = s.entity(k).expect("per");
        // A titled person ("the Panama coach X") has a role instead.
        let titled = out.relations.iter().rev().any(|r| {
            r.sentence == s.index
                && r.head == person
                && matches!(r.label, Label::Role | Label::Leads)
        });
        // "English captain X": a title just before the name.
        let title_before = (k.saturating_sub(3)..k).any(|j| {
            gaz::title_cls(&s.lower_words[j..k], s.class(j))
                .is_some_and(|(len, kind)| j + len == k && kind != gaz::TitleKind::Honorific)
        });
        if titled || title_before {
            continue;
        }
        let possessive = k >= 2 && s.word(k - 1) == "'s" && side(k - 2);
        let country = if possessive {
            Some(k - 2)
        } else if one_country {
            Some(first_side)
        } else {
            (0..k).rev().find(|&q| side(q))
        };
        if let Some(c) = country {
            out.link(s, k, Label::Represents, c, "", 0.5);
        }
    }
}

/// A legislature's chambers: in a sentence naming a legislature by one
/// word (`legislature`: "Congrès", "Parliament") and a chamber (a name
/// opening with a `chamber` word: "Sénat", "Chambre des représentants",
/// "House of Commons"; "House" only with a complement, so "White House"
/// is none), the chamber is `part_of` the legislature.
pub(super) fn chambers(s: &SentenceView<'_>, out: &mut Edges) {
    let (legislatures, chambers) = assembly_words();
    let n = s.len();
    let org = |k: usize| s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym;
    let name = |k: usize| s.entity(k).map(|e| s.entities[e].name.as_str());
    let Some(house) = (0..n).find(|&k| {
        org(k)
            && name(k).is_some_and(|x| {
                !x.contains(' ') && legislatures.contains(&x.to_lowercase().as_str())
            })
    }) else {
        return;
    };
    for k in (0..n).filter(|&k| org(k)) {
        let Some(x) = name(k) else { continue };
        let mut words = x.split_whitespace();
        let first = words.next().unwrap_or("").to_lowercase();
        let rest = words.count();
        if chambers.contains(&first.as_str()) && (first != "house" || rest >= 2) {
            out.link(s, k, Label::PartOf, house, "", 0.55);
        }
    }
}

/// A political or civic grouping by its name: one of its words is a
/// `membership_head` ("Labour Party", "Ligue X").
fn is_grouping(name: &str) -> bool {
    static HEADS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let heads = HEADS.get_or_init(|| {
        crate::lists::Lists::get()
            .words(crate::lists::WordClass::MembershipHead)
            .collect()
    });
    name.split_whitespace()
        .any(|w| heads.contains(&w.to_lowercase().as_str()))
}

/// An assembly by its name: one of its words is a `legislature`, a
/// `chamber` or a `state_body` word ("State Senate", "Assemblée
/// nationale", "Legislative Council").
pub(super) fn is_assembly(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        let w = w.to_lowercase();
        gaz::classes(&w) & gaz::cls::STATE_BODY != 0 || {
            let (legislatures, chambers) = assembly_words();
            legislatures.contains(&w.as_str()) || chambers.contains(&w.as_str())
        }
    })
}

/// The `legislature` and `chamber` words of `word_classes.tsv`.
fn assembly_words() -> &'static (Vec<&'static str>, Vec<&'static str>) {
    static WORDS: std::sync::OnceLock<(Vec<&'static str>, Vec<&'static str>)> =
        std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let lists = crate::lists::Lists::get();
        (
            lists.words(crate::lists::WordClass::Legislature).collect(),
            lists.words(crate::lists::WordClass::Chamber).collect(),
        )
    })
}

/// A word of lowercase letters (and hyphens).
fn is_lower_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-')
}

/// A unit named after its parent: an organisation whose name ends in
/// "de la", "du", "of the" and another organisation's name, "Mission de
/// la Ligue arabe" (with "Ligue arabe" named in the article), "the Audit
/// Office of the Acme Group", is `part_of` it. The parent's name has two
/// words at least or is an acronym ("ONU"), so a one-word portfolio read
/// as a name ("Justice") makes no parent. Evidence: the unit's first
/// sentence.
pub(super) fn named_units(resolved: &Resolved, out: &mut Edges) {
    let orgs: Vec<usize> = (0..resolved.entities.len())
        .filter(|&e| resolved.entities[e].kind == EntityType::Org)
        .collect();
    if orgs.len() < 2 {
        return;
    }
    let first_sent = |e: usize| {
        resolved
            .mentions
            .iter()
            .find(|m| m.entity == e && !m.demonym)
            .map(|m| m.sent)
    };
    // Each organisation's folded name, once, and whether it may name a
    // parent.
    let folded: Vec<(String, bool)> = orgs
        .iter()
        .map(|&e| {
            let name = &resolved.entities[e].name;
            let acronym =
                name.chars().count() >= 2 && name.chars().all(|c| c.is_uppercase() || c == '-');
            (
                crate::fold::fold(name),
                name.split_whitespace().count() >= 2 || acronym,
            )
        })
        .collect();
    for (x, &u) in orgs.iter().enumerate() {
        let unit = &folded[x].0;
        for (y, &p) in orgs.iter().enumerate() {
            let (parent, may_parent) = &folded[y];
            if p == u || !may_parent {
                continue;
            }
            let Some(before) = unit.strip_suffix(parent.as_str()) else {
                continue;
            };
            let joined = [
                " de la ", " de l'", " du ", " des ", " d'", " of the ", " of ",
            ]
            .iter()
            .find(|j| before.ends_with(*j) && before.len() > j.len());
            let Some(joiner) = joined else {
                continue;
            };
            // "ministère des Affaires étrangères" is the ministry its
            // portfolio "Affaires étrangères" names, not a unit of it.
            if matches!(
                &before[..before.len() - joiner.len()],
                "ministere" | "ministry"
            ) {
                continue;
            }
            let Some(si) = first_sent(u) else { continue };
            if out.seen.insert((u, Label::PartOf, p, usize::MAX)) {
                out.relations.push(Relation {
                    head: u,
                    label: Label::PartOf,
                    tail: p,
                    sentence: si,
                    trigger: "name".to_string(),
                    confidence: 0.5,
                    attrs: BTreeMap::new(),
                    when: Default::default(),
                });
            }
        }
    }
}

/// A ministry named without its country ("le ministère de la Santé",
/// "the Ministry of Health") in an article that names one country only
/// is that country's: `part_of` it, unless a relation ties the ministry
/// to a place or a parent already. Evidence: its first sentence.
pub(super) fn ministries(resolved: &Resolved, country: Option<usize>, out: &mut Edges) {
    let Some(c) = country else { return };
    for (e, ent) in resolved.entities.iter().enumerate() {
        let first = ent
            .name
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if ent.kind != EntityType::Org || !gaz::is_ministry_word(&first) {
            continue;
        }
        let tied = out
            .relations
            .iter()
            .any(|r| r.head == e && matches!(r.label, Label::PartOf | Label::LocatedIn));
        let Some(si) = resolved
            .mentions
            .iter()
            .find(|m| m.entity == e && !m.demonym)
            .map(|m| m.sent)
        else {
            continue;
        };
        if !tied && out.seen.insert((e, Label::PartOf, c, usize::MAX)) {
            out.relations.push(Relation {
                head: e,
                label: Label::PartOf,
                tail: c,
                sentence: si,
                trigger: "ministry".to_string(),
                confidence: 0.5,
                attrs: BTreeMap::new(),
                when: Default::default(),
            });
        }
    }
}
