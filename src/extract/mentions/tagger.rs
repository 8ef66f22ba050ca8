//! The trained tagger beside the rules: `tagger_first` (the default)
//! lets it read the candidates no word list, honorific or demonym vouches
//! for (drop, type, grow them), after the lone ordinary words a sentence's
//! opening or capitals made look like names are dropped; `merge_tagged`
//! folds its spans into the rule candidates for the other [`NerUse`] modes.

use super::*;
use crate::model::{Map, Set};
/// The tagger's entity spans over the tokens of the sentences that need
/// it, sentence by sentence.
fn tagged(
    text: &str,
    t: &Words<'_>,
    lang: Lang,
    windows: &[(usize, usize)],
) -> Vec<(usize, usize, EntityType)> {
    let tagger = crate::ner::Tagger::builtin(lang);
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for &(sa, sb) in windows {
        words.clear();
        words.extend((sa..sb).map(|k| &text[t.toks[k].start..t.toks[k].end]));
        for (r, kind) in crate::ner::spans(&tagger.tag(&words)) {
            // A quote or a bracket the tagger took in at a span's edge
            // ("Parti radical »") is no part of the name.
            let (mut a, mut b) = (sa + r.start, sa + r.end);
            while a < b && t.toks[a].kind == TokKind::Punct {
                a += 1;
            }
            while b > a && t.toks[b - 1].kind == TokKind::Punct {
                b -= 1;
            }
            if a < b {
                out.push((a, b, kind));
            }
        }
    }
    out
}

/// Adds the words within `reach` of a candidate, in its sentence, to the
/// windows the tagger reads, merged with the last window when they touch
/// in the same sentence, never across a sentence's end ("the Hajj.
/// Construction was" would read as one name).
fn add_window(windows: &mut Vec<(usize, usize)>, t: &Words<'_>, c: &Cand, reach: usize) {
    let (sa, sb) = t.sents[c.sent];
    let w = (c.a.saturating_sub(reach).max(sa), (c.b + reach).min(sb));
    match windows.last_mut() {
        Some(last) if last.1 >= w.0 && last.0 <= w.0 && last.0 >= sa => last.1 = last.1.max(w.1),
        _ => windows.push(w),
    }
}

/// Whether the rules are unsure of a candidate: no word list, honorific
/// or demonym vouches for it.
fn unsure(c: &Cand) -> bool {
    !c.demonym && c.known.is_none() && c.strength < 4
}

/// Words a tagger span may add to a rule candidate on its right: the
/// particles of a name ("Committee for the Protection of Rivers", "Space
/// & Rocket Center"), a French name's lowercase words ("Front de
/// libération nationale"), numbers ("Radio Azur 2") and capitalised words
/// ("Studio TV"), never a title or a date.
fn may_join_right(t: &Words<'_>, lang: Lang, k: usize) -> bool {
    let tok = &t.toks[k];
    let w = t.lower(k);
    // Nor a word that never names ("Belle Image: Jane Doe", a caption).
    if t.class(k) & cls::ENDS_NAME != 0 || gaz::title_cls(&[w], t.class(k)).is_some() {
        return false;
    }
    match tok.kind {
        TokKind::Num => true,
        TokKind::Word if tok.cap || tok.camel => true,
        // "Committee for the Protection", "Daughters of the American
        // Revolution": "the" joins a name after a particle, never right
        // after a name ("According to Doe the Acme property": two names).
        TokKind::Word if w == "the" => {
            k > 0 && matches!(t.lower(k - 1), "of" | "for" | "and" | "at" | "on")
        }
        TokKind::Word => {
            matches!(w, "of" | "for" | "and" | "at")
                // "Council on Foreign Relations", not "Space Center on
                // STS-1": "on" joins words, not a code or a number.
                || (w == "on" && t.toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Word))
                || (lang == Lang::Fr && !matches!(w, "à" | "en" | "par" | "sur" | "dans" | "avec"))
        }
        TokKind::Punct => matches!(w, "&" | "-"),
    }
}

/// Words a tagger span may add on a candidate's left: capitalised words
/// and numbers that are no title ("The Globe", "Hong Kong Island").
fn may_join_left(t: &Words<'_>, k: usize) -> bool {
    let tok = &t.toks[k];
    (tok.cap || tok.kind == TokKind::Num)
        && gaz::title_cls(&[t.lower(k)], t.class(k)).is_none()
        && t.class(k) & cls::ENDS_NAME == 0
        && (t.class(k) & cls::STOP == 0 || t.lower(k) == "the")
}

/// "Senior researcher Jane Doe said", "UNLESS he returned": a lone
/// capitalised word no cue but its capital types, capitalised because it
/// opens a sentence or a quote, or written in capitals, that is an
/// ordinary word of the language (`gaz::is_common_word`) is that word,
/// whatever the tagger says, unless the article also writes it
/// capitalised inside a sentence or as a word of a longer name ("Jane
/// Hope ... Hope said"). First names are left to their own rules.
fn drop_ordinary_words(
    text: &str,
    t: &Words<'_>,
    lang: Lang,
    rules: Vec<Cand>,
    inner: &Map<&str, usize>,
) -> Vec<Cand> {
    let ordinary = |c: &Cand| {
        let k = c.a;
        c.b - c.a == 1
            && unsure(c)
            && c.strength <= 2
            && (c.initial && c.strength < 2 || t.toks[k].upper && t.lower(k).chars().count() >= 5)
            && !is_first_name(t, k)
            && gaz::is_common_word(t.lower(k), lang)
            // Capitalised inside a sentence elsewhere too.
            && inner
                .get(join_form(text, t, c.a, c.b))
                .is_none_or(|&n| n < 1 + usize::from(!c.initial))
    };
    if !rules.iter().any(ordinary) {
        return rules;
    }
    // The words of the article's longer names.
    let in_names: Set<&str> = rules
        .iter()
        .filter(|c| c.b - c.a > 1)
        .flat_map(|c| (c.a..c.b).map(|k| t.lower(k)))
        .collect();
    rules
        .into_iter()
        .filter(|c| !ordinary(c) || in_names.contains(t.lower(c.a)))
        .collect()
}

/// Tagger first where the rules are unsure: every candidate no word list,
/// honorific or demonym vouches for is read by the tagger (with the
/// words around it). A weak guess goes when the tagger sees no name in
/// any of its mentions ("Inspiration", "Gameplay"); a multi-word default
/// guess takes the tagger's type; a candidate grows to the longer name
/// the tagger sees when the words added may sit in a name ("Observatoire"
/// to "Observatoire français des droits de l'enfant", "Joint Committee",
/// "Protection" and "Rivers" to one name, "Radio Azur" to "Radio Azur 2");
/// a sentence's capitalised first word before the tagger's name is left
/// out ("Several European"), and a lone default the tagger reads as MISC
/// ("European", "Republican") is dropped. 6-fold CV on train/ (entity /
/// typed F1): 0.86 / 0.77 -> 0.87 / 0.78; dev/ unchanged (0.97 / 0.93).
pub(super) fn tagger_first(text: &str, t: &Words<'_>, lang: Lang, rules: Vec<Cand>) -> Vec<Cand> {
    // Words of context on each side of a candidate.
    const REACH: usize = 3;
    // Forms capitalised inside a sentence twice or more: names, whatever
    // the tagger says.
    let mut inner: Map<&str, usize> = Map::default();
    for c in rules.iter().filter(|c| unsure(c) && !c.initial) {
        *inner.entry(join_form(text, t, c.a, c.b)).or_default() += 1;
    }
    let rules = drop_ordinary_words(text, t, lang, rules, &inner);
    // Only candidates the tagger's opinion can change are tagged: a lone
    // weak guess, any default (even a repeated one: a lone adjective the
    // tagger reads as MISC goes), a name the next or previous words may
    // belong to.
    // "la Ligue arabe", "les Frères musulmans": a French name's one
    // capitalised word after an article may go on with a lowercase
    // adjective; the tagger tells it from a verb ("la Ligue condamne").
    let after_article = |k: usize| {
        k > 0
            && matches!(
                t.lower(k - 1),
                "le" | "la" | "l'" | "les" | "du" | "des" | "au" | "aux"
            )
    };
    let lower_word =
        |k: usize| t.toks[k].kind == TokKind::Word && !t.toks[k].cap && t.class(k) & cls::STOP == 0;
    let asks = |c: &Cand| {
        let (sa, sb) = t.sents[c.sent];
        let single = c.b - c.a == 1;
        let grows_right = c.b < sb
            && (particle_len(t, c.b, sb) > 0
                || matches!(t.lower(c.b), "and" | "at" | "the")
                || t.toks[c.b].kind == TokKind::Num
                || (lang == Lang::Fr && gaz::is_name_adjective(t.lower(c.b)))
                || (lang == Lang::Fr
                    && single
                    && c.a > sa
                    && after_article(c.a)
                    && lower_word(c.b))
                // "la Mission de la Ligue arabe": so may a longer name's
                // last word after "de la".
                || (lang == Lang::Fr
                    && !single
                    && t.toks[c.b - 1].cap
                    && after_article(c.b - 1)
                    && lower_word(c.b)));
        let grows_left =
            c.a > sa && (t.toks[c.a - 1].kind == TokKind::Num || t.lower(c.a - 1) == "the");
        unsure(c)
            && (c.strength == 0
                || (single
                    && c.strength < 2
                    && inner
                        .get(join_form(text, t, c.a, c.b))
                        .is_none_or(|&n| n < 2))
                || grows_right
                || grows_left)
    };
    let mut windows: Vec<(usize, usize)> = Vec::new();
    for c in rules.iter().filter(|c| asks(c)) {
        add_window(&mut windows, t, c, REACH);
    }
    let spans = tagged(text, t, lang, &windows);
    // The tagger span each token is in.
    let mut span_of: Map<usize, usize> =
        Map::with_capacity_and_hasher(spans.len() * 2, Default::default());
    for (si, &(a, b, _)) in spans.iter().enumerate() {
        for k in a..b {
            span_of.insert(k, si);
        }
    }
    let spans_in = |c: &Cand| {
        let mut v: Vec<usize> = (c.a..c.b)
            .filter_map(|k| span_of.get(&k).copied())
            .collect();
        v.dedup();
        v
    };
    // Forms the tagger saw as (part of) a name in at least one mention,
    // or that are capitalised inside a sentence twice or more.
    let mut named: Set<&str> = inner
        .iter()
        .filter(|&(_, &n)| n >= 2)
        .map(|(f, _)| *f)
        .collect();
    named.extend(
        rules
            .iter()
            .filter(|c| unsure(c) && !spans_in(c).is_empty())
            .map(|c| join_form(text, t, c.a, c.b)),
    );
    // "Sud-Rail", "Force-Ouvrière": a lone word with capitals on both
    // sides of a hyphen in a body sentence is a name, whatever the tagger
    // sees: no sentence's opening capital, no adjective (a title-case
    // headline capitalises any compound; "Anglo-American", "Nord-Africain"
    // are demonyms' compounds).
    let hyphen_name = |c: &Cand| {
        let form = join_form(text, t, c.a, c.b);
        let lower = t.lower(c.a);
        c.sent > 0
            && c.b - c.a == 1
            && t.toks[c.a].hyphen
            && form
                .split('-')
                .all(|p| p.chars().count() >= 2 && p.chars().next().is_some_and(char::is_uppercase))
            && lower.split('-').all(|p| {
                gaz::demonym(p).is_none()
                    && gaz::demonym_prefix(p).is_none()
                    && gaz::place(p).is_none()
            })
            && gaz::demonym(lower).is_none()
    };
    let mut out: Vec<Cand> = Vec::with_capacity(rules.len());
    // Candidates up to this token were taken into a longer name.
    let mut covered_to = 0usize;
    for (ci, c) in rules.iter().enumerate() {
        if c.a < covered_to {
            continue;
        }
        let mut c = c.clone();
        if !unsure(&c) {
            out.push(c);
            continue;
        }
        // "Several European ...", "Yesterday Acme Corp said": a
        // sentence's first word is capitalised anyway; when the tagger's
        // one name in the run starts after it, the words before it are
        // no part of the name.
        if let &[si] = spans_in(&c).as_slice()
            && c.initial
            && c.strength < 3
            && spans[si].0 > c.a
            && spans[si].1 <= c.b
        {
            c.a = spans[si].0;
            c.lead = c.lead.max(c.a);
            c.initial = false;
            // "Team Estonia": what is left may be a listed place.
            if let Some(k) = gaz::place(join_form(text, t, c.a, c.b)) {
                (c.kind, c.strength, c.known) = (k.kind, 5, Some(k));
            }
        }
        match spans_in(&c).as_slice() {
            [] => {
                // "Acme chief executive Jane Doe": a title after it.
                let (_, sb) = t.sents[c.sent];
                let titled = c.b < sb
                    && gaz::title_in((c.b..sb.min(c.b + 5)).map(|k| t.lower(k)))
                        .is_some_and(|(_, k)| k != TitleKind::Honorific);
                if titled {
                    c.strength = c.strength.max(2);
                }
                // "Belfius, ING, KBC et AXA": an item of a list of
                // three names or more is a name too, whatever the
                // tagger sees (not a sentence's first word, nor an
                // ordinary word: "Surveying, Planning and Design").
                let link = |x: usize, y: usize| {
                    let (p, n) = (&rules[x], &rules[y]);
                    p.sent == n.sent && p.b <= n.lead && list_gap(t, p.b, n.lead).is_some()
                };
                let n = rules.len();
                let listed = !c.initial
                    && !gaz::is_common_word(t.lower(c.a), lang)
                    && ((ci > 1 && link(ci - 2, ci - 1) && link(ci - 1, ci))
                        || (ci > 0 && ci + 1 < n && link(ci - 1, ci) && link(ci, ci + 1))
                        || (ci + 2 < n && link(ci, ci + 1) && link(ci + 1, ci + 2)));
                let form = join_form(text, t, c.a, c.b);
                if c.strength >= 2
                    || !asks(&c)
                    || c.b - c.a > 1
                    || named.contains(form)
                    || listed
                    || hyphen_name(&c)
                {
                    out.push(c);
                }
            }
            &[si] => {
                let (a, b, kind) = spans[si];
                if a == c.a && b == c.b {
                    // A lone word no rule typed that the tagger reads as
                    // MISC is a nationality, a faith or a group's
                    // adjective ("European", "Republican": CoNLL's MISC),
                    // no entity of this ontology; a country's demonym
                    // comes from the word lists, not from here.
                    if b - a == 1 && c.strength == 0 && kind == EntityType::Misc && !hyphen_name(&c)
                    {
                        continue;
                    }
                    // A lone word opening a sentence: the tagger vouches
                    // for it being a name (its type stays the rules' guess:
                    // the tagger types lone words poorly).
                    if c.initial && b - a == 1 && c.strength < 2 {
                        c.strength = 2;
                    }
                    if c.strength == 0 && b - a > 1 {
                        c.kind = kind;
                        c.strength = 1;
                    }
                    // "au Tibet", "aux Maldives" (but "au Hamas"), "two
                    // suspects from Xville": after "au" or "from" a lone
                    // word the tagger reads as a place is one ("of", "de"
                    // and "to" go before organisations too often: "a
                    // co-founder of Acme").
                    if c.strength == 0
                        && b - a == 1
                        && kind == EntityType::Loc
                        && a > t.sents[c.sent].0
                        && matches!(t.lower(a - 1), "au" | "aux" | "from")
                    {
                        c.kind = kind;
                        c.strength = 1;
                    }
                } else if a <= c.a && b >= c.b {
                    // A name never ends in a particle: the tagger's span
                    // may stop short of the word after one (its window
                    // ends there).
                    let mut b = b;
                    while b > c.b && is_particle_word(t.lower(b - 1)) {
                        b -= 1;
                    }
                    // The candidates the longer name covers must be as
                    // unsure as this one, and no person's name is run
                    // into another ("Jane Doe of Acme").
                    let person = c.kind == EntityType::Per && c.strength >= 3;
                    // "the Horn of Africa", "the Bank of England": a weak
                    // guess before a particle may take in a listed place
                    // the tagger reads as the end of the same name.
                    let place_after_particle = |o: &Cand| {
                        c.strength <= 1
                            && o.known.is_some()
                            && !o.demonym
                            && o.a > c.b
                            && is_particle_word(t.lower(o.a - 1))
                    };
                    let others_ok = rules[ci + 1..]
                        .iter()
                        .take_while(|o| o.a < b)
                        .all(|o| (unsure(o) || place_after_particle(o)) && o.b <= b && !person)
                        && out.last().is_none_or(|p| p.b <= a);
                    let words_ok = (a..c.a).all(|k| may_join_left(t, k))
                        && (c.b..b).all(|k| may_join_right(t, lang, k));
                    if others_ok && words_ok {
                        if c.strength < 3 {
                            c.kind = kind;
                        }
                        c.lead = c.lead.min(a);
                        (c.a, c.b) = (a, b);
                        c.strength = c.strength.max(2);
                        covered_to = b;
                        // "Côte" and the tagger's "Côte d'Ivoire": the
                        // longer name may be a listed place.
                        if c.known.is_none()
                            && let Some(k) = gaz::place(join_form(text, t, a, b))
                        {
                            (c.kind, c.strength, c.known) = (k.kind, 5, Some(k));
                        }
                    }
                }
                out.push(c);
            }
            list => {
                // "United States Hamdullah Mohib", "Brampton Spider-Gwen":
                // a run the rules could only guess that the tagger reads
                // as two names or more, with nothing but particles between
                // them, is those names.
                let inside = list
                    .iter()
                    .all(|&si| spans[si].0 >= c.a && spans[si].1 <= c.b);
                let gaps_ok = (c.a..c.b).all(|k| {
                    span_of.contains_key(&k)
                        || t.toks[k].kind == TokKind::Punct
                        || is_particle_word(t.lower(k))
                });
                // A person's name of two words or more among them.
                let person = list
                    .iter()
                    .any(|&si| spans[si].2 == EntityType::Per && spans[si].1 - spans[si].0 >= 2);
                if c.strength < 2 && inside && gaps_ok && person {
                    for &si in list {
                        let (a, b, kind) = spans[si];
                        let mut p = c.clone();
                        (p.a, p.b, p.kind, p.strength) = (a, b, kind, 1);
                        p.lead = if a == c.a { c.lead } else { a };
                        p.initial = c.initial && a == c.a;
                        if let Some(k) = gaz::place(join_form(text, t, a, b)) {
                            (p.kind, p.strength, p.known) = (k.kind, 5, Some(k));
                        }
                        out.push(p);
                    }
                    continue;
                }
                out.push(c);
            }
        }
    }
    out
}

/// Folds the tagger's opinion into the rule candidates.
pub(super) fn merge_tagged(
    text: &str,
    t: &Words<'_>,
    lang: Lang,
    how: NerUse,
    out: &mut Vec<Cand>,
) {
    if how == NerUse::Off {
        return;
    }
    // Only a few words around the names the rules could only guess are
    // tagged (every sentence when the tagger may add spans).
    let mut windows: Vec<(usize, usize)> = if how == NerUse::TypesAndSpans {
        t.sents.clone()
    } else {
        Vec::new()
    };
    let guess = |c: &Cand| c.strength == 0 && c.b - c.a > 1;
    // "Acme said ...", "Acme chief executive ...": a lowercase word follows.
    let opens_clause = |k: usize| {
        let w = &text[t.toks[k].start..t.toks[k].end];
        w.chars().next().is_some_and(char::is_lowercase) && w.chars().all(char::is_alphabetic)
    };
    // A lone capitalised word opening a sentence before an apposition or a
    // headline colon ("Acme, based in ...", "Acme : ...").
    let lone_initial = |c: &Cand| {
        c.initial
            && c.b - c.a == 1
            && c.strength < 2
            && c.known.is_none()
            && c.b < t.toks.len()
            && (matches!(t.lower(c.b), "," | ":" | "'s" | "(") || opens_clause(c.b))
    };
    for c in out.iter().filter(|c| guess(c) || lone_initial(c)) {
        add_window(&mut windows, t, c, 4);
    }
    let spans = tagged(text, t, lang, &windows);
    let mut by_start: Map<usize, usize> =
        Map::with_capacity_and_hasher(out.len(), Default::default());
    for (ci, c) in out.iter().enumerate() {
        by_start.entry(c.a).or_insert(ci);
    }
    let mut covered = vec![false; t.toks.len()];
    for c in out.iter() {
        covered[c.a..c.b].fill(true);
    }
    let mut added = Vec::new();
    for (a, b, kind) in spans {
        if let Some(&ci) = by_start.get(&a) {
            let c = &mut out[ci];
            // "Airbus, ..." at a sentence start: the tagger vouches for it.
            if lone_initial(c) && b - a == 1 && !c.demonym {
                // Its type is the rules' guess: the tagger types lone
                // capitalised words poorly, except places.
                if kind == EntityType::Loc {
                    c.kind = kind;
                }
                c.strength = 2;
                continue;
            }
            let multi = c.b - c.a > 1 && b - a > 1;
            if !c.demonym && c.strength == 0 && multi && c.kind != kind {
                c.kind = kind;
                c.strength = 1;
            }
        } else if how == NerUse::TypesAndSpans && b - a > 1 && (a..b).all(|k| !covered[k]) {
            let words: Vec<&str> = (a..b).map(|k| t.lower(k)).collect();
            if words
                .iter()
                .all(|w| gaz::is_not_name(w) || gaz::classes(w) & cls::STOP != 0)
            {
                continue;
            }
            let si = t.sents.partition_point(|&(_, e)| e <= a);
            let sa = t.sents.get(si).map_or(0, |s| s.0);
            added.push(Cand {
                sent: si,
                a,
                b,
                lead: a,
                kind,
                strength: 1,
                known: None,
                demonym: false,
                initial: a == sa,
            });
        }
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|c| (c.a, c.b));
    }
}
