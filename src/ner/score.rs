//! A conlleval-equivalent scorer: entity chunks (as [`spans`] reads them)
//! count as correct when start, end and type all match; precision, recall
//! and F1 overall and per type, plus token accuracy, printed the way
//! conlleval prints them.

use super::conll::Document;
use super::{Tag, Tagger, spans};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Chunk counts for one type (or overall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.found)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// F1 = 2·correct / (gold + found), the harmonic mean of P and R.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.found)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Accumulated scores over many sentences.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub tokens: usize,
    pub correct_tags: usize,
    pub overall: Counts,
    pub per_type: BTreeMap<&'static str, Counts>,
}

impl Scores {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        debug_assert_eq!(gold.len(), pred.len());
        self.tokens += gold.len();
        self.correct_tags += gold.iter().zip(pred).filter(|(g, p)| g == p).count();
        let g = spans(gold);
        let p = spans(pred);
        for (_, k) in &g {
            self.overall.gold += 1;
            self.per_type.entry(k.as_str()).or_default().gold += 1;
        }
        for (_, k) in &p {
            self.overall.found += 1;
            self.per_type.entry(k.as_str()).or_default().found += 1;
        }
        for s in &p {
            if g.contains(s) {
                self.overall.correct += 1;
                self.per_type.entry(s.1.as_str()).or_default().correct += 1;
            }
        }
    }

    /// conlleval's report: a summary line, overall accuracy, precision,
    /// recall and FB1 in percent, then one line per type.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let o = &self.overall;
        let pct = |x: f64| 100.0 * x;
        let _ = writeln!(
            s,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, o.gold, o.found, o.correct
        );
        let _ = writeln!(
            s,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            pct(ratio(self.correct_tags, self.tokens)),
            pct(o.precision()),
            pct(o.recall()),
            pct(o.f1())
        );
        for (k, c) in &self.per_type {
            let _ = writeln!(
                s,
                "{k:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                pct(c.precision()),
                pct(c.recall()),
                pct(c.f1()),
                c.found
            );
        }
        let mut three = Counts::default();
        for k in ["PER", "LOC", "ORG"] {
            if let Some(c) = self.per_type.get(k) {
                three.gold += c.gold;
                three.found += c.found;
                three.correct += c.correct;
            }
        }
        let _ = writeln!(
            s,
            "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
            "PER+LOC+ORG",
            pct(three.precision()),
            pct(three.recall()),
            pct(three.f1()),
            three.found
        );
        s
    }
}

/// Tags each document with `tagger` and scores the first `max_sentences`
/// sentences against their gold tags.
pub fn score_documents(tagger: &Tagger, docs: &[Document], max_sentences: usize) -> Scores {
    let mut scores = Scores::default();
    let mut left = max_sentences;
    for doc in docs {
        if left == 0 {
            break;
        }
        let doc = &doc[..doc.len().min(left)];
        left -= doc.len();
        let toks: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = toks.iter().map(Vec::as_slice).collect();
        for (s, pred) in doc.iter().zip(tagger.tag_document(&refs)) {
            scores.add(&s.tags, &pred);
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(|x| x.parse().unwrap()).collect()
    }

    #[test]
    fn counts_exact_chunks_only() {
        let mut sc = Scores::default();
        sc.add(
            &tags("B-PER I-PER O B-LOC O B-ORG"),
            &tags("B-PER I-PER O B-ORG O B-ORG"),
        );
        // gold: PER(0..2) LOC(3..4) ORG(5..6); pred: PER(0..2) ORG(3..4) ORG(5..6)
        assert_eq!(
            sc.overall,
            Counts {
                gold: 3,
                found: 3,
                correct: 2
            }
        );
        assert_eq!(sc.per_type["LOC"].correct, 0);
        assert_eq!(sc.per_type["ORG"].found, 2);
        assert_eq!(sc.per_type["ORG"].gold, 1);
        assert!((sc.overall.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(sc.correct_tags, 5);
        let r = sc.report();
        assert!(r.starts_with("processed 6 tokens with 3 phrases; found: 3 phrases; correct: 2."));
        assert!(r.contains("precision:  66.67%"), "{r}");
    }

    #[test]
    fn empty_is_zero_not_nan() {
        let sc = Scores::default();
        assert_eq!(sc.overall.f1(), 0.0);
        assert!(!sc.report().contains("NaN"));
    }
}
