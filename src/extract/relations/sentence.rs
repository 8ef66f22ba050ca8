//! The sentence as the patterns read it, and where they put what they find.
//!
//! A [`SentenceView`] is a row of [`Slot`]s: one per entity mention
//! (demonyms included, standing for their country) and one per other token,
//! with each token slot's lowercase word and word-list classes read once.
//! [`Edges`] collects the relations found, one per (head, label, tail,
//! sentence). The phrase readers at the end (determiners, "de"/"of", a
//! title's complement) are shared by the pattern families.

use crate::extract::gaz;
use crate::extract::resolve::Resolved;
use crate::extract::segment::{TokKind, Words};
use crate::lists::{Lists, WordClass};
use crate::model::{Entity, Relation, Set};
use crate::model::{EntityType, Label};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One position of a sentence: an entity mention or a token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    /// The slot's tokens, `[start, end)` (one token unless a mention).
    pub(super) start: usize,
    pub(super) end: usize,
    /// The mention's entity; `None` for a token.
    pub(super) entity: Option<usize>,
    /// The mention is a demonym ("russe") standing for its country.
    pub(super) demonym: bool,
}

/// A sentence being read: its slots and what the patterns ask of them.
pub(super) struct SentenceView<'a> {
    /// The article text (token offsets index it).
    pub(super) text: &'a str,
    pub(super) tokens: &'a Words<'a>,
    pub(super) slots: Vec<Slot>,
    pub(super) entities: &'a [Entity],
    pub(super) resolved: &'a Resolved,
    /// The sentence's index in the article.
    pub(super) index: usize,
    /// Slots used as the complement of a title (not actors).
    pub(super) title_complement: Vec<bool>,
    /// The lowercase word of each slot, "" for entities (patterns read
    /// each slot's word many times).
    pub(super) lower_words: Vec<&'a str>,
    /// The word lists of each slot's word (`gaz::classes`), 0 for
    /// entities.
    pub(super) classes: Vec<u32>,
}

/// The buffers of a [`SentenceView`], handed from one sentence to the next.
#[derive(Default)]
pub(super) struct Spare<'a> {
    slots: Vec<Slot>,
    lower_words: Vec<&'a str>,
    title_complement: Vec<bool>,
    classes: Vec<u32>,
}

impl<'a> SentenceView<'a> {
    /// Sentence `index`, tokens `[start, end)`, whose mentions are
    /// `mentions` (indices into `resolved.mentions`, in text order), read
    /// into the buffers of `spare`.
    pub(super) fn new(
        text: &'a str,
        tokens: &'a Words<'a>,
        resolved: &'a Resolved,
        index: usize,
        (start, end): (usize, usize),
        mentions: &[usize],
        spare: Spare<'a>,
    ) -> Self {
        let Spare {
            mut slots,
            mut lower_words,
            mut title_complement,
            mut classes,
        } = spare;
        slots.clear();
        let mut k = start;
        let mut mi = 0;
        while k < end {
            let mut took = false;
            while mi < mentions.len() && resolved.mentions[mentions[mi]].a < k {
                mi += 1;
            }
            while mi < mentions.len() && resolved.mentions[mentions[mi]].a == k {
                let m = resolved.mentions[mentions[mi]];
                slots.push(Slot {
                    start: m.a,
                    end: m.b,
                    entity: Some(m.entity),
                    demonym: m.demonym,
                });
                took = true;
                mi += 1;
            }
            if took {
                k = slots.last().map_or(k + 1, |s| s.end);
            } else {
                slots.push(Slot {
                    start: k,
                    end: k + 1,
                    entity: None,
                    demonym: false,
                });
                k += 1;
            }
        }
        lower_words.clear();
        lower_words.extend(slots.iter().map(|x| {
            if x.entity.is_none() {
                tokens.lower(x.start)
            } else {
                ""
            }
        }));
        classes.clear();
        classes.extend(slots.iter().map(|x| {
            if x.entity.is_none() {
                tokens.class(x.start)
            } else {
                0
            }
        }));
        title_complement.clear();
        title_complement.resize(slots.len(), false);
        SentenceView {
            text,
            tokens,
            slots,
            entities: &resolved.entities,
            resolved,
            index,
            title_complement,
            lower_words,
            classes,
        }
    }

    /// The buffers, for the next sentence.
    pub(super) fn into_spare(self) -> Spare<'a> {
        Spare {
            slots: self.slots,
            lower_words: self.lower_words,
            title_complement: self.title_complement,
            classes: self.classes,
        }
    }
}

impl SentenceView<'_> {
    /// The number of slots.
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }
    /// Lowercase word of a token slot ("" for entities and out of range).
    pub(super) fn word(&self, i: usize) -> &str {
        self.lower_words.get(i).copied().unwrap_or("")
    }
    /// The word lists of a token slot's word (`gaz::classes`; 0 for
    /// entities and out of range, as for "").
    pub(super) fn class(&self, i: usize) -> u32 {
        self.classes.get(i).copied().unwrap_or(0)
    }
    /// The entity of slot `i` (`None` for a token and out of range).
    pub(super) fn entity(&self, i: usize) -> Option<usize> {
        self.slots.get(i).and_then(|s| s.entity)
    }
    /// The type of slot `i`'s entity.
    pub(super) fn kind(&self, i: usize) -> Option<EntityType> {
        self.entity(i).map(|e| self.entities[e].kind)
    }
    /// The lists know slot `i`'s entity as a country.
    pub(super) fn is_country(&self, i: usize) -> bool {
        self.entity(i)
            .is_some_and(|e| self.resolved.info[e].known.is_some_and(|k| k.country))
    }
    /// Slot `i` is a word that opens a caption or sentence run into this
    /// one ([`Words::run_in_break`]: "... Jane Roe In the north").
    pub(super) fn run_in(&self, i: usize) -> bool {
        self.slots
            .get(i)
            .is_some_and(|x| x.entity.is_none() && self.tokens.run_in_break(x.start))
    }
    /// The lists know slot `i`'s entity as a country, continent or region
    /// that other places are in.
    pub(super) fn is_container(&self, i: usize) -> bool {
        self.entity(i)
            .is_some_and(|e| self.resolved.info[e].known.is_some_and(|k| k.container))
    }
    /// Slot `i` follows a place preposition ("à X", "in the X").
    pub(super) fn after_place_prep(&self, i: usize) -> bool {
        let mut k = i;
        while k > 0 && matches!(self.word(k - 1), "la" | "le" | "l'" | "les" | "the") {
            k -= 1;
        }
        k > 0
            && matches!(
                self.word(k - 1),
                "à" | "au" | "aux" | "en" | "in" | "at" | "near" | "dans" | "from" | "vers"
            )
    }
    /// An entity that can act: a person, an organisation, a country or a
    /// city standing for its government, not a place complement.
    pub(super) fn actor(&self, i: usize) -> bool {
        self.entity(i).is_some()
            && self.kind(i) != Some(EntityType::Misc)
            && !self.title_complement[i]
            && !self.after_place_prep(i)
            // "Wichita, Kansas": the second place only locates the first
            // (not after a country: "le Chili, Singapour" is a list).
            && !(i >= 2
                && self.word(i - 1) == ","
                && self.kind(i) == Some(EntityType::Loc)
                && self.kind(i - 2) == Some(EntityType::Loc)
                && !self.is_country(i - 2))
            // "Lyon (France)": the bracketed place only locates.
            && !(i >= 2 && self.word(i - 1) == "(" && self.entity(i - 2).is_some())
            && !self.is_document(i)
    }
    /// Slot `i`'s entity is named as an agreement's document ("Memorandum
    /// of Understanding", "MoU", "Traité de ...": its first word is of
    /// `agreement_document`): what parties sign, not a party.
    pub(super) fn is_document(&self, i: usize) -> bool {
        static WORDS: OnceLock<Set<String>> = OnceLock::new();
        let words = WORDS.get_or_init(|| {
            Lists::get()
                .words(WordClass::AgreementDocument)
                .map(crate::fold::fold)
                .collect()
        });
        let Some(e) = self.entity(i) else {
            return false;
        };
        let first = self.entities[e].name.split([' ', '-']).next().unwrap_or("");
        first.len() <= 12 && crate::fold::with_fold(first, |f| words.contains(f))
    }
    /// The token text of slots `[a, b)`.
    pub(super) fn span_text(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.len() {
            return "";
        }
        &self.text[self.tokens.toks[self.slots[a].start].start
            ..self.tokens.toks[self.slots[b - 1].end - 1].end]
    }
    /// The first token of slot `i`.
    pub(super) fn first_token(&self, i: usize) -> usize {
        self.slots[i].start
    }
}

/// Collects relations without duplicates.
#[derive(Default)]
pub(super) struct Edges {
    pub(super) relations: Vec<Relation>,
    pub(super) seen: Set<(usize, Label, usize, usize)>,
}

impl Edges {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn add(
        &mut self,
        s: &SentenceView<'_>,
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
        if matches!(label, Label::Leads | Label::Role)
            && s.resolved.info[tail]
                .known
                .is_some_and(|k| k.supranational())
        {
            return;
        }
        let (h, t) = if label.is_symmetric() && tail < head {
            (tail, head)
        } else {
            (head, tail)
        };
        if !self.seen.insert((h, label, t, s.index)) {
            return;
        }
        // Inserted one by one: collecting would sort a vector first.
        let mut map = BTreeMap::new();
        for (k, v) in attrs {
            if !v.is_empty() {
                map.insert(k.to_string(), v.to_string());
            }
        }
        self.relations.push(Relation {
            head: h,
            label,
            tail: t,
            sentence: s.index,
            trigger: trigger.to_string(),
            confidence,
            attrs: map,
            when: Default::default(),
        });
    }

    /// Takes back relation `i` (an index into `relations`, added by
    /// [`Edges::add`]) and its key, so a later pass may add it again.
    pub(super) fn retract(&mut self, i: usize) {
        let r = self.relations.remove(i);
        self.seen.remove(&(r.head, r.label, r.tail, r.sentence));
    }

    /// A relation between the entities of two slots, without attributes.
    pub(super) fn link(
        &mut self,
        s: &SentenceView<'_>,
        a: usize,
        label: Label,
        b: usize,
        trigger: &str,
        conf: f32,
    ) {
        if let (Some(h), Some(t)) = (s.entity(a), s.entity(b)) {
            self.add(s, h, label, t, trigger, conf, &[]);
        }
    }
}

/// Skips articles and determiners forward from slot `i`.
pub(super) fn skip_det(s: &SentenceView<'_>, mut i: usize) -> usize {
    while matches!(
        s.word(i),
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

/// "de", "of", "at", "for", "à": a word that opens a complement.
pub(super) fn is_of(w: &str) -> bool {
    matches!(
        w,
        "de" | "du" | "des" | "d'" | "of" | "at" | "for" | "à" | "au"
    )
}

/// Reads the complement of a title starting at slot `i` ("des Affaires
/// étrangères", "of the Dallas chapter of the Council ..."): returns the
/// entity it names and the slot after it.
/// Slot `i` is a lowercase common noun ("groupe", "chaîne", "newspaper"):
/// a word of three letters or more, no title, no function word.
fn is_common_noun(s: &SentenceView<'_>, i: usize) -> bool {
    let w = s.word(i);
    i < s.len()
        && s.entity(i).is_none()
        && s.tokens.toks[s.first_token(i)].kind == TokKind::Word
        && w.chars().count() >= 3
        && w.chars().all(|c| c.is_lowercase() || c == '-')
        && s.class(i) & (gaz::cls::TITLE_FIRST | gaz::cls::TITLE_PREFIX) == 0
        && !matches!(
            w,
            "the"
                | "and"
                | "les"
                | "des"
                | "aux"
                | "pour"
                | "for"
                | "with"
                | "avec"
                | "sur"
                | "par"
                | "from"
                | "une"
                | "dans"
                | "into"
                | "entre"
                | "between"
                | "its"
                | "their"
                | "his"
                | "her"
                | "son"
                | "ses"
                | "leur"
                | "leurs"
                | "cette"
                | "this"
        )
}

pub(super) fn read_complement(s: &SentenceView<'_>, mut i: usize) -> (Option<usize>, usize) {
    let mut found = None;
    let mut steps = 0;
    while i < s.len() && steps < 3 && is_of(s.word(i)) {
        let j = skip_det(s, i + 1);
        if s.entity(j).is_some() && !s.slots[j].demonym {
            found = Some(j);
            i = j + 1;
            // "du Mouvement réformateur (MR), X": the short form in
            // brackets after the name is part of it.
            if s.word(i) == "(" && s.word(i + 2) == ")" && s.tokens.toks[s.first_token(i + 1)].upper
            {
                i += 3;
            }
            // "the Dallas chapter of the X": keep reading.
            if i < s.len()
                && s.entity(i).is_none()
                && s.tokens.toks[s.first_token(i)].kind == TokKind::Word
                && !s.word(i).is_empty()
                && matches!(s.word(i + 1), "of" | "de" | "du" | "des" | "d'")
                && !matches!(s.word(i), "en" | "in")
            {
                i += 1;
                steps += 1;
                continue;
            }
            return (found, i);
        }
        // "du groupe X", "de la chaîne X", "of the newspaper X": a common
        // noun naming the kind of the organisation after it; in English
        // up to three ("of investment bank X", "of consumer goods group
        // X", "of the centre-right X"), after a nationality at most ("of
        // Italian energy major X").
        let n0 = usize::from(s.slots.get(j).is_some_and(|slot| slot.demonym));
        let nouns = (j + n0..s.len().min(j + n0 + 3))
            .take_while(|&q| is_common_noun(s, q))
            .count();
        let k = skip_det(s, j + n0 + nouns);
        if nouns > 0 && s.kind(k) == Some(EntityType::Org) && !s.slots[k].demonym {
            return (Some(k), k + 1);
        }
        // "de la région Bretagne", "of the state Jalisco": a generic place
        // noun right before the place's name.
        if s.entity(j).is_none()
            && s.class(j) & gaz::cls::LOC_GENERIC != 0
            && s.kind(j + 1) == Some(EntityType::Loc)
            && !s.slots[j + 1].demonym
        {
            return (Some(j + 1), j + 2);
        }
        // "de la province de X", "of the project's panel": a noun then of.
        if s.entity(j).is_none() && is_of(s.word(j + 1)) && !s.word(j).is_empty() {
            i = j + 1;
            steps += 1;
            continue;
        }
        // "du conseil régional de X", "du comité central de X": a noun
        // and an adjective of a body's level (-al: régional, municipal,
        // général; not "la communauté juive de X"), then of.
        let level = |w: &str| {
            ["al", "ale", "ales", "aux"].iter().any(|x| w.ends_with(x)) && gaz::is_name_adjective(w)
        };
        if s.entity(j).is_none()
            && !s.word(j).is_empty()
            && s.entity(j + 1).is_none()
            && level(s.word(j + 1))
            && is_of(s.word(j + 2))
        {
            i = j + 2;
            steps += 1;
            continue;
        }
        break;
    }
    (found, i)
}
