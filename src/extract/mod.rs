//! Extraction: from an article's text to sentences, entities, mentions and
//! relations.
//!
//! Pure: no I/O, never fails. It returns what it found plus notes on what it
//! could not make sense of (rust-analyzer's parser returns a tree plus
//! errors). Offsets are byte offsets into the text handed in; the store turns
//! them into code-point offsets for the outside world.

pub mod lexicon;

use crate::model::{EntityType, Label, Lang};
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

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
/// PLACEHOLDER (to be replaced by the extraction work of issue 3): splits
/// sentences at `.!?` and blank lines, takes runs of capitalised words that
/// do not start a sentence as MISC entities, and links entities of one
/// sentence by `cooccurs`.
pub fn extract(input: Input<'_>) -> Extraction {
    let text = input.text;
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let para = b == b'\n' && bytes.get(i + 1) == Some(&b'\n');
        let stop = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
        if para || stop {
            let end = if para { i } else { i + 1 };
            if text[start..end].trim().len() > 1 {
                sentences.push(trim(text, start, end));
            }
            start = end;
        }
    }
    if text[start..].trim().len() > 1 {
        sentences.push(trim(text, start, text.len()));
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut mentions = Vec::new();
    let mut relations = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let mut in_sentence: Vec<usize> = Vec::new();
        let mut run: Option<Span> = None;
        let mut first = true;
        for (off, word) in text[s.start..s.end].split_word_bound_indices() {
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            let (a, b) = (s.start + off, s.start + off + word.len());
            if cap && !first {
                run = Some(run.map_or(Span { start: a, end: b }, |r| Span {
                    start: r.start,
                    end: b,
                }));
            } else if (!word.trim().is_empty() || run.is_none())
                && let Some(r) = run.take()
            {
                {
                    let name = text[r.start..r.end].to_string();
                    let key = name.to_lowercase();
                    let e = entities
                        .iter()
                        .position(|e| e.key == key)
                        .unwrap_or_else(|| {
                            entities.push(Entity {
                                name: name.clone(),
                                kind: EntityType::Misc,
                                key,
                                aliases: vec![name],
                            });
                            entities.len() - 1
                        });
                    mentions.push(Mention {
                        entity: e,
                        sentence: si,
                        span: r,
                    });
                    if !in_sentence.contains(&e) {
                        in_sentence.push(e);
                    }
                }
            }
            if !word.trim().is_empty() {
                first = false;
            }
        }
        for (i, &a) in in_sentence.iter().enumerate() {
            for &b in &in_sentence[i + 1..] {
                relations.push(Relation {
                    head: a,
                    label: Label::Cooccurs,
                    tail: b,
                    sentence: si,
                    trigger: String::new(),
                    confidence: 0.5,
                    attrs: BTreeMap::new(),
                });
            }
        }
    }
    Extraction {
        lang: input.lang.unwrap_or(Lang::Fr),
        sentences,
        entities,
        mentions,
        relations,
        notes: Vec::new(),
    }
}

fn trim(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    Span {
        start: start + lead,
        end: start + lead + s.trim().len(),
    }
}
