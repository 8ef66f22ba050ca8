//! The whole extraction scored on a labelled CoNLL file (`kg eval ner
//! --pipeline`): each document's text is rebuilt from its tokens, run
//! through [`extract`](crate::extract::extract), and every entity mention
//! is mapped back to the tokens it covers, then scored conlleval-style
//! (exact span and type) by [`Scores`], as the tagger alone is.
//!
//! Conventions, fixed and not tuned: each sentence is its own paragraph
//! (a blank line between sentences; the document's first sentence stands
//! as the headline); a file without `-DOCSTART-` is cut into documents of
//! [`GROUP`] sentences. Demonyms are not mentions in kg's output (they
//! stand for their country in relations only), so a corpus's MISC
//! "German" counts as missed; a mention that starts or ends inside a
//! token covers that whole token; the titles and honorifics kg leaves out
//! of a name and some corpora put in ("M . Chéron", "président Wilson")
//! are left out of the gold spans too, and of the tagger's when it is
//! scored beside the extraction. Nested or overlapping mentions keep the
//! first in text order. EVENT is scored as MISC. Nothing else is
//! adjusted: appositions inside a corpus's span, OCR breaks and spans
//! that cross kg's sentence ends count as errors.

use crate::extract::{Input, NerUse, analyse, title_words};
use crate::model::{EntityType, Lang};
use crate::ner::conll::{Document, Sentence};
use crate::ner::score::Scores;
use crate::ner::{Tag, Tagger};
use rayon::prelude::*;

/// Sentences per document when the file marks none.
pub const GROUP: usize = 10;

/// A document's text rebuilt from its tokens, with each token's byte range.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rebuilt {
    pub text: String,
    /// Per sentence, per token: `(start, end)` byte offsets into `text`.
    pub offsets: Vec<Vec<(usize, usize)>>,
}

/// Tokens after which no space is written (opening brackets, elided
/// French articles and pronouns: "l'", "d'", "qu'").
fn glues_right(tok: &str) -> bool {
    matches!(tok, "(" | "[" | "{" | "'" | "’") || tok.ends_with('\'') || tok.ends_with('’')
}

/// Tokens written without a space before them (closing punctuation, "'s").
fn glues_left(tok: &str) -> bool {
    matches!(
        tok,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "..." | "'" | "’"
    ) || tok.starts_with("'s")
        || tok.starts_with("’s")
        || tok == "n't"
}

/// Writes a document as text: one paragraph per sentence.
pub fn rebuild(doc: &[Sentence]) -> Rebuilt {
    let mut out = Rebuilt::default();
    for (si, s) in doc.iter().enumerate() {
        if si > 0 {
            out.text.push_str("\n\n");
        }
        let mut offs = Vec::with_capacity(s.tokens.len());
        let mut prev: Option<&str> = None;
        for tok in &s.tokens {
            if let Some(p) = prev
                && !glues_right(p)
                && !glues_left(tok)
            {
                out.text.push(' ');
            }
            let start = out.text.len();
            out.text.push_str(tok);
            offs.push((start, out.text.len()));
            prev = Some(tok);
        }
        out.offsets.push(offs);
    }
    out
}

/// The predicted tags of each sentence of `doc`: its extraction's
/// mentions mapped back to tokens.
pub fn pipeline_tags(doc: &[Sentence], lang: Lang) -> Vec<Vec<Tag>> {
    let r = rebuild(doc);
    let ex = analyse(
        Input {
            text: &r.text,
            lang: Some(lang),
        },
        NerUse::DEFAULT,
    )
    .extraction;
    // Every token in text order, as (sentence, index, start, end).
    let flat: Vec<(usize, usize, usize, usize)> = r
        .offsets
        .iter()
        .enumerate()
        .flat_map(|(si, o)| o.iter().enumerate().map(move |(i, &(a, b))| (si, i, a, b)))
        .collect();
    let mut tags: Vec<Vec<Tag>> = doc.iter().map(|s| vec![Tag::O; s.tokens.len()]).collect();
    let mut spans: Vec<(usize, usize, EntityType)> = ex
        .mentions
        .iter()
        .map(|m| (m.span.start, m.span.end, ex.entities[m.entity].kind))
        .collect();
    spans.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    for (start, end, kind) in spans {
        let kind = match kind {
            EntityType::Event => EntityType::Misc,
            k => k,
        };
        // The first token ending after the mention's start, the last
        // starting before its end.
        let first = flat.partition_point(|t| t.3 <= start);
        let last = flat.partition_point(|t| t.2 < end);
        if first >= last {
            continue;
        }
        let (si, a) = (flat[first].0, flat[first].1);
        let (sj, b) = (flat[last - 1].0, flat[last - 1].1);
        let row = &mut tags[si];
        if si != sj || row[a..=b].iter().any(|t| *t != Tag::O) {
            continue;
        }
        row[a] = Tag::B(kind);
        for t in &mut row[a + 1..=b] {
            *t = Tag::I(kind);
        }
    }
    tags
}

/// The documents to score: those of the file, or groups of [`GROUP`]
/// sentences when the file is one document without marks; then the first
/// `max_sentences` sentences only.
pub fn documents(docs: &[Document], marked: bool, max_sentences: usize) -> Vec<Document> {
    let grouped: Vec<Document> = if marked {
        docs.to_vec()
    } else {
        docs.iter()
            .flat_map(|d| d.chunks(GROUP).map(<[Sentence]>::to_vec))
            .collect()
    };
    let mut left = max_sentences;
    let mut out = Vec::new();
    for mut d in grouped {
        if left == 0 {
            break;
        }
        d.truncate(left);
        left -= d.len();
        out.push(d);
    }
    out
}

/// `tags` with kg's conventions: the titles and honorifics a span
/// starts with ([`title_words`]) left out of it.
pub fn kg_conventions(tokens: &[String], tags: &[Tag]) -> Vec<Tag> {
    let mut out = tags.to_vec();
    for (r, kind) in crate::ner::spans(tags) {
        let words: Vec<&str> = tokens[r.clone()].iter().map(String::as_str).collect();
        let n = title_words(&words);
        if n > 0 {
            for t in &mut out[r.start..r.start + n] {
                *t = Tag::O;
            }
            out[r.start + n] = Tag::B(kind);
        }
    }
    out
}

/// The tagger alone and the whole extraction, scored on `docs` under
/// kg's conventions ([`kg_conventions`] on the gold and on the tagger's
/// spans); with `errors`, also lists each sentence's spans the extraction
/// missed or added (one line each, the sentence after them).
pub fn score_pipeline(
    docs: &[Document],
    lang: Lang,
    tagger: &Tagger,
    errors: Option<&mut String>,
) -> (Scores, Scores) {
    let preds: Vec<Vec<Vec<Tag>>> = docs.par_iter().map(|d| pipeline_tags(d, lang)).collect();
    let mut alone = Scores::default();
    let mut scores = Scores::default();
    let mut out = errors;
    for (doc, pred) in docs.iter().zip(&preds) {
        let toks: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = toks.iter().map(Vec::as_slice).collect();
        let tagged = tagger.tag_document(&refs);
        for ((s, p), t) in doc.iter().zip(pred).zip(&tagged) {
            let gold = Sentence {
                tokens: s.tokens.clone(),
                tags: kg_conventions(&s.tokens, &s.tags),
            };
            alone.add(&gold.tags, &kg_conventions(&s.tokens, t));
            scores.add(&gold.tags, p);
            if let Some(out) = out.as_deref_mut() {
                list_errors(&gold, p, out);
            }
        }
    }
    (alone, scores)
}

/// Appends the spans of `s` the prediction `pred` missed or added.
fn list_errors(s: &Sentence, pred: &[Tag], out: &mut String) {
    let gold = crate::ner::spans(&s.tags);
    let found = crate::ner::spans(pred);
    let words = |r: &std::ops::Range<usize>| s.tokens[r.clone()].join(" ");
    let before = out.len();
    for g in gold.iter().filter(|g| !found.contains(g)) {
        out.push_str(&format!("missed   {} {}\n", g.1.as_str(), words(&g.0)));
    }
    for f in found.iter().filter(|f| !gold.contains(f)) {
        out.push_str(&format!("spurious {} {}\n", f.1.as_str(), words(&f.0)));
    }
    if out.len() > before {
        out.push_str(&format!("    in: {}\n", s.tokens.join(" ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(words: &str) -> Sentence {
        let tokens: Vec<String> = words.split(' ').map(String::from).collect();
        let tags = vec![Tag::O; tokens.len()];
        Sentence { tokens, tags }
    }

    #[test]
    fn rebuilds_text_and_offsets() {
        let r = rebuild(&[sent("Il vit à l' Est ( près de Lyon ) ."), sent("Ok !")]);
        assert_eq!(r.text, "Il vit à l'Est (près de Lyon).\n\nOk!");
        let (a, b) = r.offsets[0][4];
        assert_eq!(&r.text[a..b], "Est");
        let (a, b) = r.offsets[1][0];
        assert_eq!(&r.text[a..b], "Ok");
    }

    #[test]
    fn groups_unmarked_files_and_cuts_at_max() {
        let doc: Document = (0..25).map(|_| sent("a")).collect();
        let d = documents(std::slice::from_ref(&doc), false, 22);
        assert_eq!(d.iter().map(Vec::len).collect::<Vec<_>>(), vec![10, 10, 2]);
        let d = documents(std::slice::from_ref(&doc), true, usize::MAX);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn leaves_titles_out_of_gold_spans() {
        let s = sent("M . le président Fourcade et Mme Curie virent Paris");
        let p = |x: &str| x.parse::<Tag>().unwrap();
        let tags: Vec<Tag> = "B-PER I-PER I-PER I-PER I-PER O B-PER I-PER O B-LOC"
            .split(' ')
            .map(p)
            .collect();
        let want: Vec<Tag> = "O O O O B-PER O O B-PER O B-LOC"
            .split(' ')
            .map(p)
            .collect();
        assert_eq!(kg_conventions(&s.tokens, &tags), want);
    }

    #[test]
    fn maps_mentions_back_to_tokens() {
        let doc = vec![
            sent("Angela Merkel visited Paris on Monday ."),
            sent("Merkel met officials of Siemens in Berlin ."),
        ];
        let tags = pipeline_tags(&doc, Lang::En);
        assert_eq!(tags[0][0], Tag::B(EntityType::Per), "{tags:?}");
        assert_eq!(tags[0][1], Tag::I(EntityType::Per));
        assert_eq!(tags[0][3], Tag::B(EntityType::Loc));
        assert_eq!(tags[1][0], Tag::B(EntityType::Per));
        assert_eq!(tags[1][6], Tag::B(EntityType::Loc));
    }
}
