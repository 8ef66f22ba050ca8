//! Evaluation of extraction against hand-made gold graphs, as
//! `../shared/spec/ontology.md` ("How extraction is scored") defines it.
//!
//! Pure functions over extraction output and parsed gold files; reading the
//! files and printing belong to `cli::eval`.

pub mod gold;
pub mod learn;
pub mod ner;

/// True positives, false positives and false negatives of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Precision; with nothing predicted it is 1 only if nothing was to be found.
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 && self.fn_ > 0 {
            return 0.0;
        }
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// A ratio where 0/0 counts as perfect: nothing to find and nothing found.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}
