//! Extraction: from an article's text to sentences, entities, mentions and
//! relations.
//!
//! Pure: no I/O, never fails. It returns what it found plus notes on what it
//! could not make sense of (rust-analyzer's parser returns a tree plus
//! errors). Offsets are byte offsets into the text handed in; the store turns
//! them into code-point offsets for the outside world.

use crate::model::{Extraction, Label, Lang, Map, OtherLang, Relation, Set, Span};
use std::collections::BTreeMap;

pub mod classify;
pub mod date;
pub mod dated;
mod gaz;
mod lang;
mod mentions;
pub use mentions::NerUse;
mod relations;
mod resolve;
mod segment;

/// One article as extraction sees it.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The whole article text (title line included when the file has one).
    pub text: &'a str,
    /// The language if the caller knows it; identified otherwise: an
    /// article in another language than French or English ([`lang`]) gets
    /// an empty extraction with that language.
    pub lang: Option<Lang>,
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
#[derive(Debug, Clone, Copy)]
pub struct Options<'m> {
    /// How the trained tagger (`crate::ner`) is used beside the rules.
    pub ner: NerUse,
    /// How typed relations are decided.
    pub relations: Relations<'m>,
}

/// Who decides the typed relations.
#[derive(Debug, Clone, Copy)]
pub enum Relations<'m> {
    /// The rules of `relations` alone (the former extraction).
    Rules,
    /// A trained model over candidate pairs ([`classify`]).
    Model(&'m classify::Model),
}

impl Default for Options<'static> {
    fn default() -> Self {
        Options {
            ner: NerUse::DEFAULT,
            relations: Relations::Model(classify::Model::builtin()),
        }
    }
}

/// An article read up to its relation candidates: what [`extract`] has
/// before it decides the typed relations. Training and evaluation score
/// the same candidates with other models.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The extraction without typed relations.
    pub extraction: Extraction,
    /// What the rules found (typed labels only).
    pub rules: Vec<Relation>,
    pub candidates: Vec<classify::Candidate>,
    /// The distinct entities of each sentence, smallest ids first, at most
    /// 16 (co-occurrence pairs).
    sent_entities: Vec<Vec<usize>>,
}

impl Analysis {
    /// An article in a language kg does not extract: nothing to decide.
    fn unextracted(lang: OtherLang) -> Analysis {
        Analysis {
            extraction: Extraction::unextracted(lang),
            rules: Vec::new(),
            candidates: Vec::new(),
            sent_entities: Vec::new(),
        }
    }

    /// The extraction with its typed relations decided by `how`, and
    /// `cooccurs` for the other pairs of each sentence.
    pub fn finish(mut self, how: Relations<'_>) -> Extraction {
        let typed = match how {
            Relations::Rules => std::mem::take(&mut self.rules),
            Relations::Model(m) => classify::decide(m, &self.candidates, &self.rules),
        };
        self.finish_with(typed)
    }

    /// The extraction with `typed` as its typed relations, those the
    /// ontology's types allow (`Label::allows`: no `role` to a person).
    pub fn finish_with(self, mut typed: Vec<Relation>) -> Extraction {
        let mut ex = self.extraction;
        let kind = |e: usize| ex.entities[e].kind;
        typed.retain(|r| r.label.allows(kind(r.head), kind(r.tail)));
        let mut done: Set<(usize, usize, usize)> = Set::default();
        done.extend(
            typed
                .iter()
                .map(|r| (r.sentence, r.head.min(r.tail), r.head.max(r.tail))),
        );
        ex.relations = typed;
        for (si, ents) in self.sent_entities.iter().enumerate() {
            for (i, &a) in ents.iter().enumerate() {
                for &b in &ents[i + 1..] {
                    if !done.contains(&(si, a, b)) {
                        ex.relations.push(Relation {
                            head: a,
                            label: Label::Cooccurs,
                            tail: b,
                            sentence: si,
                            trigger: String::new(),
                            confidence: crate::model::COOCCURS_CONFIDENCE as f32,
                            attrs: BTreeMap::new(),
                            when: Default::default(),
                        });
                    }
                }
            }
        }
        ex
    }
}

/// How many leading tokens of a name are titles or honorifics ("M . le
/// président Fourcade": 4), with the full stops and articles among them;
/// kg leaves them out of names. Never the whole name.
pub fn title_words(tokens: &[&str]) -> usize {
    let folded: Vec<String> = tokens.iter().map(|t| gaz::fold(t)).collect();
    let words: Vec<&str> = folded.iter().map(String::as_str).collect();
    let mut i = 0;
    let mut kept = 0;
    while i < words.len() {
        if i > 0 && matches!(words[i], "." | "le" | "la" | "les" | "l'" | "the") {
            i += 1;
            continue;
        }
        let dotted = format!("{}.", words[i]);
        match gaz::title(&words[i..]).or_else(|| gaz::title(&[dotted.as_str()])) {
            Some((n, _)) => {
                i += n;
                while words.get(i) == Some(&".") {
                    i += 1;
                }
                kept = i;
            }
            None => break,
        }
    }
    if kept >= tokens.len() { 0 } else { kept }
}

/// Reads an article up to its relation candidates (see [`Analysis`]).
pub fn analyse(input: Input<'_>, ner: NerUse) -> Analysis {
    with_buffers(|tokens, words| analyse_from(input, ner, tokens, words, None))
}

/// [`analyse`], collecting the name of every candidate feature in `names`.
pub fn analyse_named(input: Input<'_>, ner: NerUse, names: &mut Map<u64, String>) -> Analysis {
    with_buffers(|tokens, words| analyse_from(input, ner, tokens, words, Some(names)))
}

/// [`extract`] with explicit [`Options`].
pub fn extract_with(input: Input<'_>, options: Options<'_>) -> Extraction {
    analyse(input, options.ner).finish(options.relations)
}

/// Runs `f` with this thread's token and word buffers.
fn with_buffers<T>(f: impl FnOnce(&mut segment::Tokens, &mut Vec<&'static str>) -> T) -> T {
    thread_local! {
        /// The last article's token buffers, reused by the next one.
        static TOKENS: std::cell::RefCell<segment::Tokens> = Default::default();
        /// The last article's word list buffer ([`segment::Words`]).
        static WORDS: std::cell::RefCell<Vec<&'static str>> = Default::default();
    }
    let mut tokens = TOKENS.with(|t| t.take());
    let mut words = WORDS.with(|w| w.take());
    let out = f(&mut tokens, &mut words);
    TOKENS.with(|t| t.replace(tokens));
    WORDS.with(|w| w.replace(words));
    out
}

/// [`extract_with`] segmenting into `tokens`, listing their words in
/// `words` (handed back emptied).
fn analyse_from(
    input: Input<'_>,
    ner: NerUse,
    tokens: &mut segment::Tokens,
    words: &mut Vec<&'static str>,
    names: Option<&mut Map<u64, String>>,
) -> Analysis {
    let text = input.text;
    segment::segment_into(text, tokens);
    let lang = match input.lang {
        Some(lang) => lang,
        None => {
            if let Some(other) = lang::identify(text, tokens) {
                return Analysis::unextracted(other);
            }
            lang::detect(tokens)
        }
    };
    segment::split_sentences(text, lang, tokens);
    let list = segment::Words::new(tokens, std::mem::take(words));
    let tokens = &list;
    let cands = mentions::find(text, tokens, lang, ner);
    let resolved = resolve::resolve(text, tokens, cands);
    let mut rules = relations::find(text, tokens, lang, &resolved);
    rules.retain(|r| r.label != Label::Cooccurs);
    let candidates = classify::candidates(text, tokens, &resolved, &rules, names);
    let mut sent_entities: Vec<Vec<usize>> = vec![Vec::new(); tokens.sents.len()];
    for m in &resolved.mentions {
        sent_entities[m.sent].push(m.entity);
    }
    for ents in &mut sent_entities {
        ents.sort_unstable();
        ents.dedup();
        ents.truncate(16);
    }
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
    Analysis {
        extraction: Extraction {
            lang: lang.into(),
            sentences,
            entities: resolved.entities,
            mentions,
            relations: Vec::new(),
            notes: Vec::new(),
        },
        rules,
        candidates,
        sent_entities,
    }
}

#[cfg(test)]
mod tests;
