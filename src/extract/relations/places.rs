//! Places, `located_in`: "X (Y)", "X, Texas", "à X, en Y", "située à",
//! "ORG à X", "ORG in X", "ORG at the X", "ORG (ACR) in X", "ORG, X",
//! "ORG de Ville", "ORG of the COUNTRY",
//! "X in Y" (also "from X at Y") and "Y's X" between places, "la place X
//! du Caire", "X, Washington" (a city's name that is a state's too),
//! "dans la banlieue de Y, à X", "the Y suburb of X",
//! "headquarters in", "Leeds-based ORG", "Based in X, ORG", "capitale
//! de", "the nation's capital, X", "the Saudi capital" (the capital
//! the lists give, when the article names it), a
//! headline "Pays : ..." (or a dateline "date, Pays. -", or the one
//! country a headline names) that places
//! the article's other places (a
//! headline "Région : ..." those the lists do not know), and a
//! place named in one sentence with the country the lists put it in.

use super::SlotWords;
use super::article::{ArticleContext, company_anaphor, place_anaphor};
use super::sentence::{Edges, SentenceView, read_complement, skip_det};
use crate::extract::gaz::{self, Known};
use crate::extract::resolve::Resolved;
use crate::fold::fold;
use crate::lists::Lists;
use crate::model::{EntityType, Label};
use crate::model::{Relation, Set};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Places: "X (Y)", "à X, en Y", "à X, dans l'Y", "X, Texas", "située à", "headquarters in",
/// "capitale de", "the nation's capital, X".
pub(super) fn places(s: &SentenceView<'_>, article: &ArticleContext, out: &mut Edges) {
    let n = s.len();
    let loc = |i: usize| s.kind(i) == Some(EntityType::Loc) && !s.slots[i].demonym;
    for i in 0..n {
        if !loc(i) || s.is_country(i) {
            // still allow ORG located_in via triggers below
        } else {
            // X (Y)
            if s.word(i + 1) == "(" && loc(i + 2) && s.word(i + 3) == ")" {
                out.link(s, i, Label::LocatedIn, i + 2, "( )", 0.85);
            }
            // X, (en|in) Y  where Y contains X
            let mut j = i + 1;
            if s.word(j) == "," {
                j += 1;
                if matches!(s.word(j), "en" | "in" | "au" | "aux") {
                    j += 1;
                } else if s.word(j) == "dans" && matches!(s.word(j + 1), "le" | "la" | "l'" | "les")
                {
                    // "à Des Moines, dans l'Iowa"
                    j += 2;
                }
                let ends = !loc(j + 2) || s.word(j + 1) != ",";
                // "Albany, New York and ...": a place the lists do not
                // hold, then a state's name, is no list of cities.
                let state = loc(j) && names_region(s, i, j);
                let unlisted = |k: usize| {
                    s.entity(k)
                        .is_some_and(|e| s.resolved.info[e].known.is_none())
                };
                if loc(j)
                    && (s.is_container(j) || unlisted(j) || state)
                    && !s.is_country(i)
                    && !s.is_container(i)
                    && ends
                    && (!matches!(s.word(j + 1), "et" | "and") || (state && unlisted(i)))
                {
                    out.add(
                        s,
                        s.entity(i).expect("loc"),
                        Label::LocatedIn,
                        s.entity(j).expect("loc"),
                        ",",
                        0.7,
                        &[],
                    );
                }
            }
        }
        // A short form in brackets after a name, "Kell Space Center (KSC)",
        // is skipped: what follows speaks of the name.
        let j = if s.word(i + 1) == "(" && s.word(i + 3) == ")" && s.entity(i + 2) == s.entity(i) {
            i + 3
        } else {
            i
        };
        // An organisation and where it is: "l'école X à Toulouse", "the
        // Museum of Flight in Seattle", "the University of X, Fayetteville"
        // (a place that is not a country after a comma, the phrase ending),
        // "la Commission de Bruxelles" (a place the lists do not hold as
        // containing others).
        // The place may follow an article: "at the Kell Space Center".
        let place_at = if matches!(s.word(j + 2), "the" | "la" | "l'") {
            j + 3
        } else {
            j + 2
        };
        if s.kind(i) == Some(EntityType::Org) && !s.slots[i].demonym && !s.run_in(j + 1) {
            let at = matches!(s.word(j + 1), "à" | "au" | "in" | "at");
            // The place ends the phrase: in "Selon le quotidien X, Y
            // envisage ..." the comma closes an opening phrase and Y is
            // the next clause's subject.
            let comma = s.word(j + 1) == ","
                && !s.is_country(j + 2)
                && !loc(j + 3)
                && matches!(s.word(j + 3), "," | "." | ";" | ":" | ")" | "");
            let of_city = matches!(s.word(j + 1), "de" | "d'")
                && !s.is_container(j + 2)
                && !matches!(s.word(j + 3), "à" | "au" | "en");
            // "the University of Leeds of the UK": an organisation of a
            // country, the phrase ending there, by punctuation or the
            // verb the phrase is the subject of ("... of the UK has
            // shown"); not one coordinated before it: "A and B of the US"
            // may be B's alone.
            let of_country = s.word(j + 1) == "of"
                && s.is_country(place_at)
                && !s.slots[place_at].demonym
                && matches!(
                    s.word(place_at + 1),
                    "," | "."
                        | "and"
                        | ";"
                        | ""
                        | "has"
                        | "have"
                        | "had"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "will"
                        | "said"
                        | "says"
                );
            if of_country {
                out.link(s, i, Label::LocatedIn, place_at, "of", 0.6);
            } else if (at || comma || of_city) && loc(j + 2) {
                out.link(s, i, Label::LocatedIn, j + 2, s.word(j + 1), 0.6);
            } else if at && place_at > j + 2 && loc(place_at) && !route_after(s, place_at) {
                out.link(s, i, Label::LocatedIn, place_at, s.word(j + 1), 0.6);
            }
        }
        // A place in another: "the Grand Mosque in Mecca", "le stade X à
        // Y"; not the end of a route ("de Lyon à Nice", "from X to Y") nor a
        // listed place the lists put elsewhere.
        // "from X at Y", "from X in Y" still place X ("à" after "de X" is
        // "to").
        let route = i > 0
            && match s.word(i - 1) {
                "between" | "entre" => true,
                "de" | "d'" | "du" | "des" | "from" => s.word(j + 1) == "à",
                _ => false,
            };
        if loc(i)
            && !s.is_container(i)
            && !route
            && matches!(s.word(j + 1), "à" | "in" | "at")
            && !s.run_in(j + 1)
            && loc(place_at)
            && !listed_elsewhere(s, i, place_at)
            && (place_at == j + 2 || !route_after(s, place_at))
        {
            out.link(s, i, Label::LocatedIn, place_at, s.word(j + 1), 0.6);
        }
        // A site of a city: "la place Tahrir du Caire", "the Old Mosque of
        // Harra": a place the lists do not hold, then "de"/"of" and a city
        // they hold (not a region, which "la région de X" names).
        if loc(i)
            && s.entity(i)
                .is_some_and(|e| s.resolved.info[e].known.is_none())
            && !route
            && matches!(s.word(j + 1), "de" | "du" | "d'" | "of")
            && loc(j + 2)
            && s.entity(j + 2)
                .and_then(|e| s.resolved.info[e].known.as_ref())
                .is_some_and(|k| !k.container && k.parent.is_some())
            && !route_after(s, j + 2)
        {
            out.link(s, i, Label::LocatedIn, j + 2, s.word(j + 1), 0.6);
        }
        // A place's place: "Mecca's Grand Mosque".
        if s.word(i) == "'s"
            && i > 0
            && loc(i - 1)
            && loc(i + 1)
            && !s.is_container(i + 1)
            && !listed_elsewhere(s, i + 1, i - 1)
        {
            out.link(s, i + 1, Label::LocatedIn, i - 1, "'s", 0.6);
        }
        // Triggers.
        let w = s.word(i);
        let slot_word = s.class(i) & gaz::cls::SLOT_TRIGGER != 0;
        let located = w.starts_with("situé")
            || w.starts_with("basé")
            || (slot_word && SlotWords::get().located.contains(&w));
        // "situé à X", "dont le siège est à X", "headquarters located in X"
        // ("situé...", "basé..." by prefix, the `located` words whole)
        let prep_ok = || {
            (i + 1..(i + 4).min(n)).any(|k| {
                matches!(
                    s.word(k),
                    "à" | "au" | "en" | "in" | "at" | "dans" | "near" | "sur" | "près" | "outside"
                )
            }) || s.entity(i + 1).is_some()
        };
        let on_figurative = || {
            matches!(s.word(i + 1), "on" | "upon")
                || (w.starts_with("basé") && s.word(i + 1) == "sur")
        };
        // "the Leeds-based company Acme", "Acme, a Leeds-based firm": a
        // place, a hyphen and the word make one modifier of the
        // organisation's noun phrase.
        let compound = located && i >= 2 && s.word(i - 1) == "-" && loc(i - 2);
        if compound {
            if let Some(o) = compound_holder(s, i) {
                out.link(s, o, Label::LocatedIn, i - 2, w, 0.75);
            }
        } else if located && prep_ok() && !on_figurative() {
            let obj = (i + 1..n.min(i + 8)).find(|&k| loc(k));
            // "Based in Leeds, Acme employs ...", "Basée à Lyon, la
            // société Acme ...": the participle opens the sentence, and
            // the organisation is the subject after the place's comma.
            let fronted = (0..i).all(|k| s.entity(k).is_none() && !is_word(s.word(k)));
            let subj = if fronted {
                obj.and_then(|b| fronted_subject(s, b))
                    .and_then(|k| s.entity(k))
                    .or_else(|| company_anaphor(s, article))
            } else {
                (0..i)
                    .rev()
                    .take(6)
                    .find(|&k| {
                        matches!(s.kind(k), Some(EntityType::Org | EntityType::Loc))
                            && !s.slots[k].demonym
                    })
                    .and_then(|k| s.entity(k))
                    .or_else(|| company_anaphor(s, article))
            };
            if let (Some(ha), Some(b)) = (subj, obj) {
                let tb = s.entity(b).expect("e");
                out.add(s, ha, Label::LocatedIn, tb, w, 0.75, &[]);
            }
        }
        // "à X, dans la banlieue de Y", "dans la banlieue de Y, à X", "X,
        // a suburb of Y", "the Y suburb of X": X is in the city Y.
        if slot_word
            && SlotWords::get().suburb.contains(&w)
            && matches!(s.word(i + 1), "de" | "du" | "d'" | "of")
        {
            suburb(s, i, &loc, out);
        }
        if slot_word && SlotWords::get().capital.contains(&w) {
            demonym_capital(s, i, out);
            // X, capitale de Y
            if i >= 2 && s.word(i - 1) == ","
                || (i >= 3 && s.word(i - 1) == "la" && s.word(i - 2) == ",")
            {
                let x = (0..i).rev().take(3).find(|&k| loc(k));
                let (comp, _) = read_complement(s, i + 1);
                let y = comp
                    .and_then(|c| s.entity(c))
                    .or_else(|| place_anaphor(s, article, i + 1));
                if let (Some(x), Some(y)) = (x.and_then(|x| s.entity(x)), y) {
                    out.add(s, x, Label::LocatedIn, y, w, 0.75, &[]);
                }
            }
            // (the nation's | la) capitale, X / Y's capital, X
            if s.word(i + 1) == "," && loc(i + 2) {
                let owner = if i >= 2 && s.word(i - 1) == "'s" {
                    s.entity(i - 2).or_else(|| {
                        matches!(s.word(i - 2), "nation" | "country")
                            .then_some(article.main_country)
                            .flatten()
                    })
                } else {
                    place_anaphor(s, article, i + 1)
                };
                if let Some(y) = owner {
                    out.add(
                        s,
                        s.entity(i + 2).expect("loc"),
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

/// The organisation a "Leeds-based" compound (its `located` word at
/// slot `i`, the place at `i - 2`) describes: the name after it, a
/// few lowercase words between ("the Leeds-based software company
/// Acme"), or the name before an apposition it opens (", a Leeds-based
/// firm"). People are not placed: "a Leeds-based artist, Jane Doe".
fn compound_holder(s: &SentenceView<'_>, i: usize) -> Option<usize> {
    let org = |k: usize| s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym;
    let lower = |k: usize| s.entity(k).is_none() && is_lower_noun(s.word(k));
    let mut k = i + 1;
    while k < s.len() && k < i + 4 && lower(k) {
        k += 1;
    }
    if org(k) {
        return Some(k);
    }
    // ", a Leeds-based firm" after the name.
    let det = i.checked_sub(3)?;
    if matches!(s.word(det), "a" | "an" | "the") && det >= 2 && s.word(det - 1) == "," {
        return org(det - 2).then_some(det - 2);
    }
    None
}

/// The subject after a fronted "Based in Leeds," (the place at slot
/// `b`): the first comma within a few slots, then an organisation
/// after an article and a few lowercase words ("la société Acme").
fn fronted_subject(s: &SentenceView<'_>, b: usize) -> Option<usize> {
    let comma = (b + 1..s.len().min(b + 6)).find(|&k| s.word(k) == ",")?;
    let mut k = skip_det(s, comma + 1);
    let start = k;
    while k < s.len() && k < start + 3 && s.entity(k).is_none() && is_lower_noun(s.word(k)) {
        k += 1;
    }
    (s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym).then_some(k)
}

/// A lowercase word of letters and hyphens, or the hyphen a compound
/// is split at ("start - up").
fn is_lower_noun(w: &str) -> bool {
    w == "-" || (!w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-'))
}

/// A token with a letter or a digit in it (not a quote or a dash).
fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

/// "the Saudi capital", "la capitale sénégalaise" (the capital word at
/// slot `i`, a demonym or the country beside it): the capital the lists give that
/// country, when the article names it, is `located_in` the country.
fn demonym_capital(s: &SentenceView<'_>, i: usize, out: &mut Edges) {
    static CAPITALS: OnceLock<Set<&'static str>> = OnceLock::new();
    let capitals = CAPITALS.get_or_init(|| {
        Lists::get()
            .lexicon()
            .places()
            .filter(|p| p.capital)
            .map(|p| p.key)
            .collect()
    });
    // "Saudi" is listed as a short name of the country, not a demonym.
    let demonym = |k: usize| k < s.len() && s.is_country(k);
    let Some(d) = [i.wrapping_sub(1), i + 1].into_iter().find(|&k| demonym(k)) else {
        return;
    };
    let Some(country) = s.entity(d) else { return };
    let Some(country_key) = s.resolved.info[country].known.as_ref().map(|k| k.key) else {
        return;
    };
    let city = s.resolved.info.iter().position(|info| {
        info.known
            .as_ref()
            .is_some_and(|k| k.parent == Some(country_key) && capitals.contains(k.key))
    });
    if let Some(c) = city.filter(|&c| s.entities[c].kind == EntityType::Loc) {
        out.add(s, c, Label::LocatedIn, country, s.word(i), 0.7, &[]);
    }
}

/// The suburb patterns around the suburb word of slot `i`, "de"/"of"
/// after it (see [`places`]). The suburb is no country nor region.
fn suburb(s: &SentenceView<'_>, i: usize, loc: &dyn Fn(usize) -> bool, out: &mut Edges) {
    let town = |k: usize| loc(k) && !s.is_container(k);
    let city = skip_det(s, i + 2);
    if i > 0 && town(i - 1) && s.word(i + 1) == "of" && town(i + 2) {
        // "the Paris suburb of Saint-Denis"
        out.link(s, i + 2, Label::LocatedIn, i - 1, s.word(i), 0.6);
        return;
    }
    if !town(city) {
        return;
    }
    // ", à X" after the city.
    if s.word(city + 1) == "," && matches!(s.word(city + 2), "à" | "au" | "in" | "at") {
        if town(city + 3) {
            out.link(s, city + 3, Label::LocatedIn, city, s.word(i), 0.6);
        }
        return;
    }
    // "X, (dans la|une|a) banlieue": a comma, then articles and "dans"/"in".
    let mut k = i;
    while k > 0 && matches!(s.word(k - 1), "la" | "une" | "a" | "the" | "dans" | "in") {
        k -= 1;
    }
    if k >= 2 && s.word(k - 1) == "," && town(k - 2) {
        out.link(s, k - 2, Label::LocatedIn, city, s.word(i), 0.6);
    }
}

/// Slot `j` names a city the lists hold that shares its name with a
/// region of the city's country, and slot `i`, before it, is a place the
/// lists do not hold or hold in that country: "Seattle, Washington",
/// "Albany, New York" name the state.
fn names_region(s: &SentenceView<'_>, i: usize, j: usize) -> bool {
    static REGIONS: OnceLock<Set<(String, &'static str)>> = OnceLock::new();
    let regions = REGIONS.get_or_init(|| {
        Lists::get()
            .lexicon()
            .places()
            .filter(|p| p.class == "region")
            .filter_map(|p| Some((p.name_en, p.name_fr, p.parent?)))
            .flat_map(|(en, fr, parent)| [(fold(en), parent), (fold(fr), parent)])
            .collect()
    });
    let known = |k: usize| s.entity(k).and_then(|e| s.resolved.info[e].known.as_ref());
    let Some((e, country)) = s
        .entity(j)
        .zip(known(j).filter(|k| !k.container).and_then(|k| k.parent))
    else {
        return false;
    };
    known(i).is_none_or(|k| k.parent == Some(country))
        && regions.contains(&(fold(&s.entities[e].name), country))
}

/// Slot `k` starts a route or a span ("in the Alps to the sea", "at the
/// border between X and Y"): the place is not where the thing before is.
fn route_after(s: &SentenceView<'_>, k: usize) -> bool {
    matches!(s.word(k + 1), "to" | "à" | "and" | "et")
}

/// The lists put the place of slot `a` in a country, and slot `b` is
/// another country or a listed place that holds no others (a city is not
/// in another city: "un train reliant Lyon à Nice").
fn listed_elsewhere(s: &SentenceView<'_>, a: usize, b: usize) -> bool {
    let known = |i: usize| s.entity(i).and_then(|e| s.resolved.info[e].known.as_ref());
    match (known(a), known(b)) {
        (Some(ka), Some(kb)) => {
            ka.parent.is_some() && (!kb.container || (kb.country && ka.parent != Some(kb.key)))
        }
        _ => false,
    }
}

/// A place the lists put in a country named in one sentence with it is
/// located in it (world knowledge of the lists: "Kabul" and
/// "Afghanistan"), unless a pattern placed it already; the evidence is
/// their first sentence together.
pub(super) fn listed_places(resolved: &Resolved, out: &mut Edges) {
    let placed = placed_heads(out);
    let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
    for (e, info) in resolved.info.iter().enumerate() {
        if let Some(k) = info.known.as_ref().filter(|k| k.country) {
            by_key.entry(k.key).or_insert(e);
        }
    }
    let mut sents: BTreeMap<usize, Set<usize>> = BTreeMap::new();
    for m in resolved.mentions.iter().filter(|m| !m.demonym) {
        sents.entry(m.entity).or_default().insert(m.sent);
    }
    for (e, ent) in resolved.entities.iter().enumerate() {
        let Some(k) = resolved.info[e].known.as_ref() else {
            continue;
        };
        let Some(&c) = k.parent.and_then(|p| by_key.get(p)) else {
            continue;
        };
        let (Some(se), Some(sc)) = (sents.get(&e), sents.get(&c)) else {
            continue;
        };
        let Some(&si) = se.iter().filter(|x| sc.contains(x)).min() else {
            continue;
        };
        if ent.kind != EntityType::Loc || c == e || placed.contains(&e) {
            continue;
        }
        article_located_in(out, e, c, si, "lists");
    }
}

/// The entities a relation already places somewhere.
fn placed_heads(out: &Edges) -> Set<usize> {
    out.relations
        .iter()
        .filter(|x| x.label == Label::LocatedIn)
        .map(|x| x.head)
        .collect()
}

/// `e located_in c` read from the article rather than one sentence's
/// words (once per pair), with `sentence` as its evidence.
fn article_located_in(out: &mut Edges, e: usize, c: usize, sentence: usize, trigger: &str) {
    if out.seen.insert((e, Label::LocatedIn, c, usize::MAX)) {
        out.relations.push(Relation {
            head: e,
            label: Label::LocatedIn,
            tail: c,
            sentence,
            trigger: trigger.to_string(),
            confidence: 0.4,
            attrs: BTreeMap::new(),
            when: Default::default(),
        });
    }
}

/// A headline "Pays : ..." places the article's other places in that country.
pub(super) fn headline_places(resolved: &Resolved, country: Option<usize>, out: &mut Edges) {
    let Some(c) = country else { return };
    let country_key = resolved.info[c].known.as_ref().map(|k| k.key);
    // Countries and continents are not in the headline's country, nor a
    // place the lists put in another.
    headline_locates(resolved, c, out, |known| {
        known.is_none_or(|k| !(k.container && k.parent.is_none()) && k.parent == country_key)
    });
}

/// A headline "Région : ..." places the article's other places that the
/// lists do not know in that region (a place they know, they put in its
/// country or region already; a country or a continent is in no region).
pub(super) fn headline_region_places(resolved: &Resolved, region: Option<usize>, out: &mut Edges) {
    let Some(r) = region else { return };
    // A listed city ("Nantes : ...") holds none of the article's other
    // places: "la Région Pays de la Loire" is not in Nantes.
    if resolved.info[r]
        .known
        .as_ref()
        .is_some_and(|k| k.country || !k.container)
    {
        return;
    }
    headline_locates(resolved, r, out, |known| known.is_none());
}

/// The article's places other than `c` that no relation places yet and
/// whose word-list entry (if any) `keep` accepts: `located_in` `c`, with
/// their first sentence as evidence.
fn headline_locates(
    resolved: &Resolved,
    c: usize,
    out: &mut Edges,
    keep: impl Fn(Option<&Known>) -> bool,
) {
    let placed = placed_heads(out);
    let mut first_sent: BTreeMap<usize, usize> = BTreeMap::new();
    for m in &resolved.mentions {
        first_sent.entry(m.entity).or_insert(m.sent);
    }
    for (e, ent) in resolved.entities.iter().enumerate() {
        if ent.kind != EntityType::Loc || e == c || placed.contains(&e) {
            continue;
        }
        if !keep(resolved.info[e].known.as_ref()) {
            continue;
        }
        let si = first_sent.get(&e).copied().unwrap_or(0);
        article_located_in(out, e, c, si, "headline");
    }
}
