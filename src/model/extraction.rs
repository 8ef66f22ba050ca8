//! What one article is before and after extraction: the record read from
//! its source, and the sentences, entities, mentions and relations found in
//! its text. Extraction produces these; the store, evaluation and the tests
//! read them without depending on how they were found.
//!
//! Offsets are **byte** offsets into the article text; the store turns
//! them into code-point offsets for the outside world.

use super::{ArticleLang, EntityType, Label, OtherLang};
use std::collections::BTreeMap;

/// An article as read from its source, before extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleRecord {
    /// Where it came from: a path, `path:line` for JSONL, `-` for stdin.
    pub source: String,
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The publication date: ISO 8601 once ingest has read it.
    pub date: Option<String>,
    /// The date as the source wrote it, when it could not be read (then
    /// `date` is None): kept, never dropped.
    pub date_raw: Option<String>,
    /// Who wrote it, as the source names them ("A and B" for several).
    pub author: Option<String>,
    /// The whole text; extraction offsets point into it.
    pub text: String,
    /// What reading the source noticed that the user must be told (a date
    /// not understood, a broken front matter), for the caller to report.
    pub read_notes: Vec<ReadNote>,
}

/// Something reading an article's source noticed, with the line of the
/// source it is about when known (else the source names the place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadNote {
    pub line: Option<usize>,
    pub message: String,
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
    /// `title`, `place`, ... when the sentence gives them.
    pub attrs: BTreeMap<String, String>,
    /// When it happened, as the sentence or the article dates it.
    pub when: When,
}

/// The date of a relation: the date words of its sentence (the nearest to
/// its trigger) resolved against the article's date, else the article's
/// date itself. Set after extraction by `extract::dated`, once the
/// article's date is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    /// The first and last day, `YYYY-MM-DD` (equal for one day; a month
    /// is its first to its last day). None when nothing dates it: no date
    /// words that can be resolved and no article date.
    pub days: Option<(String, String)>,
    /// The sentence's words the date was read from ("jeudi", "in March");
    /// None when the date is the article's.
    pub words: Option<String>,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The language extracted in, or the other language of an article
    /// stored without extraction.
    pub lang: ArticleLang,
    pub sentences: Vec<Span>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub relations: Vec<Relation>,
    /// What extraction noticed and could not use, for the user's eyes.
    pub notes: Vec<String>,
}

impl Extraction {
    /// An article in a language kg does not extract: nothing found in it.
    pub fn unextracted(lang: OtherLang) -> Extraction {
        Extraction {
            lang: ArticleLang::Other(lang),
            sentences: Vec::new(),
            entities: Vec::new(),
            mentions: Vec::new(),
            relations: Vec::new(),
            notes: Vec::new(),
        }
    }
}
