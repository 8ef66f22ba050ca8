//! Typed relations from patterns over each sentence, French and English.
//!
//! A sentence becomes a row of slots ([`sentence`]): one per entity mention
//! (demonyms included, standing for their country) and one per other
//! token. The pattern families then read the row, in this order:
//! [`titles`] (title appositions: `role`/`leads`), [`places`]
//! (`located_in`), [`membership`] (`member_of`, units as `part_of`, sides
//! as `represents`), [`appositions`] (brackets and appositions the
//! ontology's conventions name) and [`events`] (meeting, agreement,
//! support and opposition triggers, found by [`triggers`], with their
//! subject and object: `meets`, `agrees_with`, `opposes`). Negated triggers
//! ("n'a pas rencontré", "did not meet") yield nothing. What the whole
//! article names ([`article`]) lets "les deux parties" / "both sides" stand
//! for its two main actors, "the company" for its main organisation.
//! Entities of a sentence left without a typed relation get a `cooccurs`
//! edge. Each pass is linear in the sentence (bounded look-arounds).

mod appositions;
mod article;
mod events;
mod membership;
mod places;
mod sentence;
mod titles;
mod triggers;

use super::resolve::Resolved;
use super::segment::{TokKind, Words};
use super::{Relation, Set};
use crate::lists::{Lists, WordClass};
use crate::model::{COOCCURS_CONFIDENCE, Label, Lang};
use sentence::{Edges, SentenceView, Spare};
use std::sync::OnceLock;

/// The word lists a sentence's slots are compared with one by one in
/// [`places`], [`membership`] and [`events`], classes of
/// `word_classes.tsv` loaded once. `gaz` gives each of their words the
/// `gaz::cls::SLOT_TRIGGER` bit: a slot without it skips the comparisons.
pub(super) struct SlotWords {
    /// "situé à", "headquarters in" (`located`).
    pub located: Vec<&'static str>,
    /// "capitale de", "the nation's capital" (`capital`).
    pub capital: Vec<&'static str>,
    /// "membre de", "member of" (`member`).
    pub member: Vec<&'static str>,
    /// "student at", "étudiant à" (`student`).
    pub student: Vec<&'static str>,
    /// "filiale de", "subsidiary of" (`unit`).
    pub unit: Vec<&'static str>,
    /// "X a reçu Y", "X hosted Y" (`hosts`).
    pub hosts: Vec<&'static str>,
    /// "banlieue de", "suburb of" (`suburb`).
    pub suburb: Vec<&'static str>,
}

impl SlotWords {
    /// The lists, in file order.
    pub(super) fn get() -> &'static SlotWords {
        static WORDS: OnceLock<SlotWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let words = |class| Lists::get().words(class).collect();
            SlotWords {
                located: words(WordClass::Located),
                capital: words(WordClass::Capital),
                member: words(WordClass::Member),
                student: words(WordClass::Student),
                unit: words(WordClass::Unit),
                hosts: words(WordClass::Hosts),
                suburb: words(WordClass::Suburb),
            }
        })
    }
}

/// Finds typed relations and co-occurrences.
pub fn find(text: &str, tokens: &Words<'_>, lang: Lang, resolved: &Resolved) -> Vec<Relation> {
    let _ = lang;
    let (sent_start, by_sent) = mentions_by_sentence(tokens, resolved);
    // Buffers reused from one sentence to the next.
    let mut spare = Spare::default();
    let mut typed: Set<(usize, usize)> = Set::default();
    let mut in_sent: Vec<usize> = Vec::new();
    let mut people: Vec<usize> = Vec::new();
    let mut article = article::article_context(resolved, tokens);
    let mut out = Edges {
        relations: Vec::with_capacity(64),
        seen: Set::with_capacity_and_hasher(256, Default::default()),
    };
    let mut headline_country: Option<usize> = None;
    let mut dateline_country: Option<usize> = None;
    let mut named_country: Option<usize> = None;
    let match_report = is_match_report(tokens);
    for (si, &range) in tokens.sents.iter().enumerate() {
        let mentions = &by_sent[sent_start[si]..sent_start[si + 1]];
        let mut s = SentenceView::new(text, tokens, resolved, si, range, mentions, spare);
        let before = out.relations.len();
        article::remember_generic(&s, &mut article);
        titles::titles(&mut s, &mut article, &mut out);
        places::places(&s, &article, &mut out);
        membership::membership(&s, &article, &mut out);
        membership::chambers(&s, &mut out);
        appositions::appositions(&s, &mut out);
        events::events(&s, &article, &mut out);
        events::court(&s, &article, &mut out);
        for e in events::accused(&s) {
            if !article.accused.contains(&e) && article.accused.len() < article::MAX_ACCUSED {
                article.accused.push(e);
            }
        }
        membership::national_side(&s, match_report, &mut out);
        // Headline "Pays : ..." gives the country places are in.
        if si == 0 && s.len() >= 2 && s.is_country(0) && s.word(1) == ":" {
            headline_country = s.entity(0);
        }
        // A headline ends without a period: a text that opens with a
        // sentence has none.
        if si == 0 && s.word(s.len().saturating_sub(1)) != "." {
            named_country = sole_country(&s);
        }
        if si == 1 {
            dateline_country = dateline_country_of(&s);
        }
        cooccurrences(&s, before, &mut out, &mut typed, &mut in_sent);
        article.remember_sentence(&s, &mut people);
        spare = s.into_spare();
    }
    // A title's fallback country that the person's own stated one
    // contradicts.
    for i in article.contradicted_fallbacks(resolved).into_iter().rev() {
        out.retract(i);
    }
    // Else a region's ("Corse : ..."): the places the lists do not know.
    let headline_region = headline_country
        .is_none()
        .then_some(article.headline_place)
        .flatten();
    places::headline_places(resolved, headline_country, &mut out);
    places::headline_region_places(resolved, headline_region, &mut out);
    // A dateline's country ("22 août 2012, Espagne. -"), else the one
    // country a headline names in its words ("Vote in Kenya ..."), when
    // the headline opens with none: after the region's places, it places
    // the rest.
    if headline_country.is_none() {
        places::headline_places(resolved, dateline_country.or(named_country), &mut out);
    }
    places::listed_places(resolved, &mut out);
    membership::named_units(resolved, &mut out);
    let one_country = article.sole_country.filter(|_| !article.many_countries);
    membership::ministries(resolved, one_country, &mut out);
    out.relations
}

/// The one country a sentence names (demonyms aside), if one.
fn sole_country(s: &SentenceView<'_>) -> Option<usize> {
    let mut countries = (0..s.len())
        .filter(|&k| s.is_country(k) && !s.slots[k].demonym)
        .filter_map(|k| s.entity(k));
    let first = countries.next()?;
    countries.all(|c| c == first).then_some(first)
}

/// The country of a dateline, the sentence after the headline: a date
/// (words and numbers, no name) then ", Pays." ("22 août 2012, Espagne.
/// -", "12 May 2015, Kenya -"). The ontology's conventions read it as a
/// headline's country.
fn dateline_country_of(s: &SentenceView<'_>) -> Option<usize> {
    let k = (1..s.len().min(8)).find(|&k| s.entity(k).is_some())?;
    let number = (0..k).any(|q| s.tokens.toks[s.first_token(q)].kind == TokKind::Num);
    let ends = matches!(s.word(k + 1), "." | "-" | "–" | "—" | "");
    (number && s.word(k - 1) == "," && ends && s.is_country(k) && !s.slots[k].demonym)
        .then(|| s.entity(k))
        .flatten()
}

/// The article reports a team-sport match: three sentences or more hold a
/// `sport` word (scored, penalty, buteur). Its sentences without one still
/// speak of sides and their players ("Belgium made a change, as X
/// replaced Y").
fn is_match_report(tokens: &Words<'_>) -> bool {
    let sport = |k: usize| tokens.class(k) & super::gaz::cls::SPORT != 0;
    tokens
        .sents
        .iter()
        .filter(|&&(a, b)| (a..b).any(sport))
        .nth(2)
        .is_some()
}

/// Mention indices by sentence: sentence `si`'s are
/// `by_sent[sent_start[si]..sent_start[si + 1]]`, in mention order.
/// Returns `(sent_start, by_sent)`.
fn mentions_by_sentence(tokens: &Words<'_>, resolved: &Resolved) -> (Vec<usize>, Vec<usize>) {
    let mut sent_start = vec![0usize; tokens.sents.len() + 1];
    for m in &resolved.mentions {
        sent_start[m.sent + 1] += 1;
    }
    for si in 0..tokens.sents.len() {
        sent_start[si + 1] += sent_start[si];
    }
    let mut by_sent = vec![0usize; resolved.mentions.len()];
    let mut fill = sent_start.clone();
    for (mi, m) in resolved.mentions.iter().enumerate() {
        by_sent[fill[m.sent]] = mi;
        fill[m.sent] += 1;
    }
    (sent_start, by_sent)
}

/// A `cooccurs` edge for each pair of the sentence's entities (the first
/// 16 by index) without a typed relation found in this sentence, i.e.
/// since `out.relations[before]` (`typed` and `in_sent` are buffers).
fn cooccurrences(
    s: &SentenceView<'_>,
    before: usize,
    out: &mut Edges,
    typed: &mut Set<(usize, usize)>,
    in_sent: &mut Vec<usize>,
) {
    typed.clear();
    typed.extend(
        out.relations[before..]
            .iter()
            .map(|rel| (rel.head.min(rel.tail), rel.head.max(rel.tail))),
    );
    in_sent.clear();
    in_sent.extend(s.slots.iter().filter_map(|x| x.entity));
    in_sent.sort_unstable();
    in_sent.dedup();
    in_sent.truncate(16);
    for (i, &a) in in_sent.iter().enumerate() {
        for &b in &in_sent[i + 1..] {
            if !typed.contains(&(a, b)) {
                out.add(
                    s,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::gaz;

    /// The patterns skip slots without the bit: a word of theirs without
    /// it would never be compared. The words compared by name in
    /// [`membership`] are the `slot_trigger` class.
    #[test]
    fn slot_trigger_words_carry_their_class_bit() {
        let lists = SlotWords::get();
        let named = ["'s", "nom", "behalf", "representing", "côté"];
        let mut n = 0;
        for w in [
            &lists.located,
            &lists.capital,
            &lists.member,
            &lists.student,
            &lists.unit,
            &lists.hosts,
            &lists.suburb,
        ]
        .into_iter()
        .flatten()
        .chain(&named)
        {
            assert_ne!(gaz::classes(w) & gaz::cls::SLOT_TRIGGER, 0, "{w}");
            n += 1;
        }
        assert!(n > 30, "{n}");
        let listed: Vec<_> = Lists::get().words(WordClass::SlotTrigger).collect();
        assert_eq!(listed, named);
        assert_eq!(gaz::classes("sentence") & gaz::cls::SLOT_TRIGGER, 0);
    }

    /// A retracted relation leaves no key behind: a later pass may add
    /// it again, while one still held blocks its duplicate.
    #[test]
    fn a_retracted_relation_can_be_added_again() {
        let text = "Paris et Lyon.";
        let mut toks = crate::extract::segment::Tokens::default();
        crate::extract::segment::segment_into(text, &mut toks);
        crate::extract::segment::split_sentences(text, Lang::Fr, &mut toks);
        let words = Words::new(&toks, Vec::new());
        let resolved = Resolved::default();
        let range = words.sents[0];
        let s = SentenceView::new(text, &words, &resolved, 0, range, &[], Spare::default());
        let mut out = Edges::default();
        out.add(&s, 0, Label::Meets, 1, "et", 0.5, &[]);
        out.add(&s, 1, Label::Meets, 0, "et", 0.5, &[]);
        assert_eq!(out.relations.len(), 1);
        out.retract(0);
        assert!(out.relations.is_empty());
        assert!(out.seen.is_empty());
        out.add(&s, 0, Label::Meets, 1, "et", 0.5, &[]);
        assert_eq!(out.relations.len(), 1);
        assert_eq!(out.seen.len(), 1);
    }
}
