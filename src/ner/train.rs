//! Training: an averaged structured perceptron over the features of
//! [`super::features`], decoded with the same BIO-constrained Viterbi as
//! inference. Deterministic: features are numbered in order of first
//! appearance, sentences are shuffled by a seeded generator, and the
//! result is quantised to i16, so the same data and seed give the same
//! model bytes.

use super::conll::Sentence;
use super::features::{Sigs, emissions};
use super::{Model, N_LABELS, Score, mask_forbidden, viterbi};
use crate::model::Lang;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

impl Score for f64 {
    const FORBIDDEN: f64 = -1e300;
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub lang: Lang,
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in the training data are dropped.
    pub min_count: u32,
    /// Features whose largest quantised weight is below this are dropped
    /// from the model file (keeps it small).
    pub prune: i16,
}

impl Config {
    pub fn new(lang: Lang) -> Config {
        Config {
            lang,
            epochs: 12,
            seed: 1,
            min_count: 2,
            prune: 1,
        }
    }
}

/// What one epoch did.
#[derive(Debug, Clone, Copy)]
pub struct Epoch {
    pub epoch: usize,
    /// Tokens whose predicted tag differed from gold during the epoch.
    pub errors: usize,
    pub tokens: usize,
    pub features: usize,
}

/// Feature hashes are already well mixed: hash them as themselves.
#[derive(Default)]
pub(crate) struct Identity(u64);
impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
type Map<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

/// splitmix64: the seeded shuffle's generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Weights with the averaging trick: `avg = w - u / c`.
struct Averaged {
    w: Vec<f64>,
    u: Vec<f64>,
}
impl Averaged {
    fn new(n: usize) -> Averaged {
        Averaged {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
    #[inline]
    fn bump(&mut self, i: usize, d: f64, c: f64) {
        self.w[i] += d;
        self.u[i] += c * d;
    }
    fn average(&self, c: f64) -> Vec<f64> {
        self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect()
    }
}

/// The training set as feature indices: token `t` of the whole set has
/// features `feats[offsets[t]..offsets[t + 1]]`.
struct Encoded {
    keys: Vec<u64>,
    feats: Vec<u32>,
    offsets: Vec<usize>,
    /// Per sentence: its first token index and length.
    sentences: Vec<(usize, usize)>,
    gold: Vec<u8>,
}

fn encode(data: &[Sentence], min_count: u32) -> Encoded {
    let mut sigs = Sigs::default();
    let mut counts: Map<u32> = Map::default();
    // Per sentence, the (token, feature hash) pairs in emission order.
    let mut sentence_features = |s: &Sentence, buf: &mut Vec<(usize, u64)>| {
        let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        sigs.fill(&toks);
        buf.clear();
        emissions(&sigs, |i, h| buf.push((i, h)));
    };
    let mut buf = Vec::new();
    for s in data {
        sentence_features(s, &mut buf);
        for &(_, h) in &buf {
            *counts.entry(h).or_default() += 1;
        }
    }
    let mut index: Map<u32> = Map::default();
    let mut keys = Vec::new();
    let mut feats = Vec::new();
    let mut offsets = vec![0];
    for s in data {
        sentence_features(s, &mut buf);
        let mut pairs = buf.iter().peekable();
        for t in 0..s.tokens.len() {
            while let Some(&(_, h)) = pairs.next_if(|(i, _)| *i == t) {
                if counts.get(&h).copied().unwrap_or(0) >= min_count {
                    let next = keys.len() as u32;
                    let id = *index.entry(h).or_insert_with(|| {
                        keys.push(h);
                        next
                    });
                    feats.push(id);
                }
            }
            offsets.push(feats.len());
        }
    }
    let mut sentences = Vec::with_capacity(data.len());
    let mut gold = Vec::new();
    for s in data {
        sentences.push((gold.len(), s.tokens.len()));
        gold.extend(s.tags.iter().map(|t| t.index() as u8));
    }
    debug_assert_eq!(offsets.len(), gold.len() + 1);
    Encoded {
        keys,
        feats,
        offsets,
        sentences,
        gold,
    }
}

/// Trains a model. `on_epoch` is called after each epoch with its figures
/// and a way to build the model as it stands (for dev scoring).
pub fn train(
    cfg: &Config,
    data: &[Sentence],
    mut on_epoch: impl FnMut(&Epoch, &dyn Fn() -> Model),
) -> Model {
    let data: Vec<Sentence> = data
        .iter()
        .filter(|s| !s.tokens.is_empty())
        .cloned()
        .collect();
    let enc = encode(&data, cfg.min_count);
    let nf = enc.keys.len();
    let mut w = Averaged::new(nf * N_LABELS);
    let mut start = Averaged::new(N_LABELS);
    let mut trans = Averaged::new(N_LABELS * N_LABELS);
    let mut order: Vec<usize> = (0..enc.sentences.len()).collect();
    let mut rng = Rng(cfg.seed);
    let mut c = 1.0f64;
    let mut emit: Vec<[f64; N_LABELS]> = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0;
        for &si in &order {
            let (first, len) = enc.sentences[si];
            let gold = &enc.gold[first..first + len];
            emit.clear();
            for t in first..first + len {
                let mut e = [0.0; N_LABELS];
                for &f in &enc.feats[enc.offsets[t]..enc.offsets[t + 1]] {
                    let row = &w.w[f as usize * N_LABELS..][..N_LABELS];
                    for (x, y) in e.iter_mut().zip(row) {
                        *x += y;
                    }
                }
                emit.push(e);
            }
            let mut s = [0.0; N_LABELS];
            s.copy_from_slice(&start.w);
            let mut tr = [[0.0; N_LABELS]; N_LABELS];
            for (row, src) in tr.iter_mut().zip(trans.w.chunks_exact(N_LABELS)) {
                row.copy_from_slice(src);
            }
            mask_forbidden(&mut s, &mut tr);
            viterbi(&emit, &s, &tr, &mut pred);
            if pred.as_slice() != gold {
                for k in 0..len {
                    let (g, p) = (usize::from(gold[k]), usize::from(pred[k]));
                    if g != p {
                        errors += 1;
                        let t = first + k;
                        for &f in &enc.feats[enc.offsets[t]..enc.offsets[t + 1]] {
                            w.bump(f as usize * N_LABELS + g, 1.0, c);
                            w.bump(f as usize * N_LABELS + p, -1.0, c);
                        }
                    }
                    let (gp, pp) = if k == 0 {
                        (None, None)
                    } else {
                        (
                            Some(usize::from(gold[k - 1])),
                            Some(usize::from(pred[k - 1])),
                        )
                    };
                    if (gp, g) != (pp, p) {
                        match (gp, pp) {
                            (Some(a), Some(b)) => {
                                trans.bump(a * N_LABELS + g, 1.0, c);
                                trans.bump(b * N_LABELS + p, -1.0, c);
                            }
                            _ => {
                                start.bump(g, 1.0, c);
                                start.bump(p, -1.0, c);
                            }
                        }
                    }
                }
            }
            c += 1.0;
        }
        let report = Epoch {
            epoch,
            errors,
            tokens: enc.gold.len(),
            features: nf,
        };
        on_epoch(&report, &|| finish(cfg, &enc.keys, &w, &start, &trans, c));
    }
    finish(cfg, &enc.keys, &w, &start, &trans, c)
}

/// Averages, quantises to i16 and prunes: the model to write.
fn finish(
    cfg: &Config,
    keys: &[u64],
    w: &Averaged,
    start: &Averaged,
    trans: &Averaged,
    c: f64,
) -> Model {
    let mut w = w.average(c);
    // Weights relative to label O: the same decoded paths, and the
    // inference table stores only labels 1.. (see features::Table).
    for row in w.chunks_exact_mut(N_LABELS) {
        let o = row[0];
        row.iter_mut().for_each(|x| *x -= o);
    }
    let start = start.average(c);
    let trans = trans.average(c);
    let max = w
        .iter()
        .chain(&start)
        .chain(&trans)
        .fold(0.0f64, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let q = |x: f64| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    let mut rows: Vec<(u64, Vec<i16>)> = keys
        .iter()
        .zip(w.chunks_exact(N_LABELS))
        .map(|(&k, row)| (k, row.iter().map(|&x| q(x)).collect::<Vec<i16>>()))
        .filter(|(_, row)| {
            row.iter()
                .any(|x| x.unsigned_abs() >= cfg.prune.unsigned_abs())
        })
        .filter(|(_, row)| row.iter().any(|&x| x != 0))
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    Model {
        lang: cfg.lang,
        scale: scale as f32,
        start: start.iter().map(|&x| q(x)).collect(),
        trans: trans.iter().map(|&x| q(x)).collect(),
        keys: rows.iter().map(|r| r.0).collect(),
        weights: rows.into_iter().flat_map(|r| r.1).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::format::encode as to_bytes;
    use crate::ner::{Tag, Tagger};

    fn sent(s: &str) -> Sentence {
        let mut out = Sentence::default();
        for pair in s.split(' ') {
            let (tok, tag) = pair.split_once('/').unwrap();
            out.tokens.push(tok.to_string());
            out.tags.push(tag.parse::<Tag>().unwrap());
        }
        out
    }

    fn tiny() -> Vec<Sentence> {
        [
            "Alice/B-PER Martin/I-PER lives/O in/O Lyon/B-LOC ./O",
            "Bob/B-PER Durand/I-PER works/O for/O Acme/B-ORG Corp/I-ORG ./O",
            "Carol/B-PER lives/O in/O Nantes/B-LOC ./O",
            "the/O Acme/B-ORG Corp/I-ORG office/O is/O in/O Lyon/B-LOC ./O",
            "Dave/B-PER Martin/I-PER works/O in/O Nantes/B-LOC ./O",
        ]
        .iter()
        .map(|s| sent(s))
        .collect()
    }

    /// Same data and seed, same bytes; and the model learns its data.
    #[test]
    fn training_is_reproducible_and_learns() {
        let mut cfg = Config::new(Lang::En);
        cfg.min_count = 1;
        cfg.epochs = 8;
        let a = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        let b = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        assert_eq!(a, b);
        let tagger = Tagger::from_bytes(&a, "tiny").unwrap();
        for s in tiny() {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            assert_eq!(tagger.tag(&toks), s.tags, "{toks:?}");
        }
        cfg.seed = 2;
        let c = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        assert_ne!(a, c, "the seed changes the shuffle");
    }

    #[test]
    fn epochs_are_reported() {
        let mut cfg = Config::new(Lang::Fr);
        cfg.epochs = 3;
        let mut seen = Vec::new();
        train(&cfg, &tiny(), |e, model| {
            seen.push(e.epoch);
            assert_eq!(model().lang, Lang::Fr);
        });
        assert_eq!(seen, vec![1, 2, 3]);
    }
}
