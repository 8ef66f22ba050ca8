//! Appositions and brackets read from the shape of the phrase alone (see
//! [`appositions`]).

use super::sentence::{Edges, SentenceView};
use crate::extract::gaz::{self, TitleKind};
use crate::model::{EntityType, Label};

/// Appositions and brackets the ontology's conventions name, read from
/// the shape of the phrase alone:
/// - "Jean Dupont (PS)": a person's party or group in brackets, `member_of`;
/// - "the Ridgeway Academy, a private school in Leeds": an organisation
///   described as lying in a place, `located_in`;
/// - "Norway's broadcaster NRK" / "Norway's NRK": a country's
///   organisation lies in it, `located_in`; a state body, "Norway's state
///   broadcaster NRK", "Japan's Civil Aviation Authority", is `part_of` it;
/// - "the Italian daily X", "la chaîne belge X", "US team X": a country's
///   organisation named with the country or its demonym and a noun that
///   introduces an organisation's name, `located_in` (`part_of` for a
///   state body);
/// - "Anna Berg, the Acme Foundation spokeswoman", "Tom Reed, Norway
///   coach": a person, then an organisation or a place and a title,
///   `role` (`leads` for a head title);
/// - "Paul Roy, avocat de Léa Marin", "lawyer for Léa Marin, Paul Roy": a
///   person whose post is in the service of another person (counsel,
///   adviser) stands with them, `agrees_with`.
pub(super) fn appositions(s: &SentenceView<'_>, out: &mut Edges) {
    let n = s.len();
    let per = |k: usize| s.kind(k) == Some(EntityType::Per) && !s.slots[k].demonym;
    let org = |k: usize| s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym;
    let loc = |k: usize| s.kind(k) == Some(EntityType::Loc) && !s.slots[k].demonym;
    let lower_word = |k: usize| {
        let w = s.word(k);
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    };
    for i in 0..n {
        // PER ( ORG )
        if per(i) && s.word(i + 1) == "(" && org(i + 2) && matches!(s.word(i + 3), ")" | ",") {
            out.link(s, i, Label::MemberOf, i + 2, "( )", 0.7);
        }
        // ORG , a|an|une|un ... in|à|en LOC (five words at most between)
        if org(i)
            && s.word(i + 1) == ","
            && matches!(
                s.word(i + 2),
                "a" | "an" | "un" | "une" | "the" | "le" | "la" | "l'"
            )
        {
            let mut k = i + 3;
            while k < n && k < i + 8 && lower_word(k) && !matches!(s.word(k), "in" | "à" | "en") {
                k += 1;
            }
            if matches!(s.word(k), "in" | "à" | "en") && loc(k + 1) {
                out.link(s, i, Label::LocatedIn, k + 1, s.word(k), 0.6);
            }
        }
        // COUNTRY 's [two lowercase words at most] ORG
        if s.is_country(i) && !s.slots[i].demonym && s.word(i + 1) == "'s" {
            let mut k = i + 2;
            while k < n && k < i + 4 && lower_word(k) {
                k += 1;
            }
            if org(k) {
                out.link(s, k, state_unit(s, i + 2..k, k), i, "'s", 0.6);
            }
        }
        // A country's organisation lies in it (a state body is a unit of
        // it): "the Italian daily X", "US team X", "Chinese state
        // broadcaster X" (a country or its demonym, then `org_cue` nouns
        // and `state_word`s, one noun at least); "la chaîne belge X", "la
        // télévision publique belge X" (an `org_cue` noun, a state word,
        // the demonym).
        if s.is_country(i) && s.word(i + 1) != "'s" {
            let cue_or_state =
                |q: usize| s.class(q) & (gaz::cls::ORG_CUE | gaz::cls::STATE_WORD) != 0;
            let mut k = i + 1;
            while k < n && k < i + 3 && cue_or_state(k) {
                k += 1;
            }
            let cue_after = (i + 1..k).any(|q| s.class(q) & gaz::cls::ORG_CUE != 0);
            let mut q = i;
            while q > 0 && q + 2 > i && cue_or_state(q - 1) {
                q -= 1;
            }
            let cue_before = s.slots[i].demonym
                && k == i + 1
                && (q..i).any(|q| s.class(q) & gaz::cls::ORG_CUE != 0);
            if org(k) && (cue_after || cue_before) {
                let words = if cue_before { q..i } else { i + 1..k };
                out.link(s, k, state_unit(s, words, k), i, "", 0.55);
            }
        }
        // PER , [det] TITLE of PER ; TITLE of PER , PER
        let serves = |k: usize| {
            let k = if matches!(
                s.word(k),
                "le" | "la" | "l'" | "the" | "a" | "an" | "un" | "une"
            ) {
                k + 1
            } else {
                k
            };
            let words = (k..(k + 4).min(n)).map(|q| s.word(q));
            let (len, kind) = gaz::title_in_cls(words, s.class(k))?;
            let of = k + len;
            if kind == TitleKind::Honorific
                || !matches!(s.word(of), "de" | "d'" | "of" | "for" | "du")
            {
                return None;
            }
            let q = if matches!(s.word(of + 1), "the" | "le" | "la" | "l'") {
                of + 2
            } else {
                of + 1
            };
            per(q).then_some(q)
        };
        if per(i)
            && s.word(i + 1) == ","
            && let Some(q) = serves(i + 2)
        {
            out.link(s, i, Label::AgreesWith, q, s.word(i + 2), 0.6);
        }
        if s.entity(i).is_none()
            && let Some(q) = serves(i)
            && s.word(q + 1) == ","
            && per(q + 2)
        {
            out.link(s, q + 2, Label::AgreesWith, q, s.word(i), 0.6);
        }
        // PER , [the] ORG|PLACE TITLE
        let at = if matches!(s.word(i + 2), "the" | "a" | "an") {
            i + 3
        } else {
            i + 2
        };
        if per(i) && s.word(i + 1) == "," && (org(at) || loc(at)) {
            let words = (at + 1..(at + 4).min(n)).map(|k| s.word(k));
            if let Some((_, kind)) = gaz::title_in_cls(words, s.class(at + 1))
                && kind != TitleKind::Honorific
            {
                let label = if kind == TitleKind::Head {
                    Label::Leads
                } else {
                    Label::Role
                };
                out.link(s, i, label, at, s.word(at + 1), 0.7);
            }
        }
    }
}

/// The label of the organisation of slot `org` towards the country named
/// before it: `part_of` for a state body ("Norway's state broadcaster
/// NRK": a `state_word` among the slots `words`; "Japan's Civil Aviation
/// Authority": a `state_body` word last in its name, "Ministry of ..."
/// has no head there), else `located_in`.
fn state_unit(s: &SentenceView<'_>, words: std::ops::Range<usize>, org: usize) -> Label {
    let state = words
        .into_iter()
        .any(|q| s.class(q) & gaz::cls::STATE_WORD != 0)
        || s.entity(org)
            .and_then(|e| s.entities[e].name.split_whitespace().last())
            .is_some_and(|h| gaz::classes(&h.to_lowercase()) & gaz::cls::STATE_BODY != 0);
    if state {
        Label::PartOf
    } else {
        Label::LocatedIn
    }
}
