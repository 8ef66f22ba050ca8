//! Extraction: from an article's text to sentences, entities, mentions and
//! relations.
//!
//! Pure: no I/O, never fails. It returns what it found plus notes on what it
//! could not make sense of (rust-analyzer's parser returns a tree plus
//! errors). Offsets are byte offsets into the text handed in; the store turns
//! them into code-point offsets for the outside world.

pub mod lexicon;

use crate::model::{EntityType, Label, Lang};
use std::collections::{BTreeMap, HashMap, HashSet};

mod gaz;
mod lang;
mod mentions;
pub use mentions::NerUse;
mod relations;
mod resolve;
mod segment;

/// The hash maps and sets of extraction. Word lists are looked up several
/// times per token, so they hash with foldhash (fast, fixed seed) instead of
/// the standard library's SipHash; no output depends on iteration order.
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// See [`Map`].
pub(crate) type Set<T> = HashSet<T, foldhash::fast::FixedState>;

/// One article as extraction sees it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The whole article text (title line included when the file has one).
    pub text: &'a str,
    /// The language if the caller knows it; detected otherwise.
    pub lang: Option<Lang>,
}

/// A byte range `[start, end)` of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One real-world thing named in the article (a future graph node).
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Display name: the fullest form seen, without titles.
    pub name: String,
    pub kind: EntityType,
    /// Normalised key: the same thing gets the same key in every article and
    /// language (the store merges nodes on `(kind, key)`).
    pub key: String,
    /// Every surface form seen, name included, deduplicated.
    pub aliases: Vec<String>,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Extraction::entities`].
    pub entity: usize,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    pub span: Span,
}

/// One edge with the sentence that supports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    /// Index into [`Extraction::entities`].
    pub head: usize,
    pub label: Label,
    /// Index into [`Extraction::entities`].
    pub tail: usize,
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// The words the relation was found from, as written.
    pub trigger: String,
    /// In [0, 1].
    pub confidence: f32,
    /// `title`, `place`, `date`, ... when the sentence gives them.
    pub attrs: BTreeMap<String, String>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub lang: Lang,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub relations: Vec<Relation>,
    /// What extraction noticed and could not use, for the user's eyes.
    pub notes: Vec<String>,
}

/// Extracts sentences, entities, mentions and relations from one article.
///
/// Tokens and sentences ([`segment`]), language ([`lang`]), mention
/// candidates ([`mentions`]), one node per real thing ([`resolve`]), then
/// typed relations and co-occurrence per sentence ([`relations`]).
pub fn extract(input: Input<'_>) -> Extraction {
    extract_with(input, Options::default())
}

/// Choices [`extract`] makes by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How the trained tagger (`crate::ner`) is used beside the rules.
    pub ner: NerUse,
}

impl Default for Options {
    fn default() -> Self {
        Options { ner: NerUse::First }
    }
}

/// [`extract`] with explicit [`Options`].
pub fn extract_with(input: Input<'_>, options: Options) -> Extraction {
    thread_local! {
        /// The last article's token buffers, reused by the next one.
        static TOKENS: std::cell::RefCell<segment::Tokens> = Default::default();
        /// The last article's word list buffer ([`segment::Words`]).
        static WORDS: std::cell::RefCell<Vec<&'static str>> = Default::default();
    }
    let mut tokens = TOKENS.with(|t| t.take());
    let mut words = WORDS.with(|w| w.take());
    let out = extract_from(input, options, &mut tokens, &mut words);
    TOKENS.with(|t| t.replace(tokens));
    WORDS.with(|w| w.replace(words));
    out
}

/// [`extract_with`] segmenting into `tokens`, listing their words in
/// `words` (handed back emptied).
fn extract_from(
    input: Input<'_>,
    options: Options,
    tokens: &mut segment::Tokens,
    words: &mut Vec<&'static str>,
) -> Extraction {
    let text = input.text;
    segment::segment_into(text, tokens);
    let list = segment::Words::new(tokens, std::mem::take(words));
    let tokens = &list;
    let lang = input.lang.unwrap_or_else(|| lang::detect(tokens));
    let cands = mentions::find(text, tokens, lang, options.ner);
    let resolved = resolve::resolve(text, tokens, cands);
    let relations = relations::find(text, tokens, lang, &resolved);
    let sentences = tokens
        .sents
        .iter()
        .map(|&(a, b)| Span {
            start: tokens.toks[a].start,
            end: tokens.toks[b - 1].end,
        })
        .collect();
    let mentions = resolved.public_mentions(tokens);
    *words = list.into_buf();
    Extraction {
        lang,
        sentences,
        entities: resolved.entities,
        mentions,
        relations,
        notes: Vec::new(),
    }
}
#[cfg(test)]
mod tests;
