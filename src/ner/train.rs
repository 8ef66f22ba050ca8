//! Training: averaged structured perceptrons over the features of
//! [`super::features`], decoded with the same BIO-constrained Viterbi as
//! inference, in two passes. The first learns local features. The second
//! learns document features on top of the first pass's scores, which for
//! the training data come from first-pass models trained on the other
//! folds (jackknifing), so it learns how far to trust a first pass that has
//! not seen the sentence. Deterministic: features are numbered in order of
//! first appearance, sentences are shuffled by a seeded generator, and the
//! result is quantised to i16, so the same data and seed give the same
//! model bytes.

use super::clusters::{self, Clusters};
use super::conll::{Document, Sentence};
use super::features::{DocStats, Sigs, doc_emissions, emissions};
use super::format::Weights;
use super::hash::Map;
use super::{DOC_SENTENCES, Model, N_LABELS, Score, Tagger, mask_forbidden, viterbi};
use crate::model::Lang;
use rayon::prelude::*;
use std::sync::{Mutex, PoisonError};

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
    /// Epochs of the second (document) pass; 0 for none.
    pub doc_epochs: usize,
    /// Folds of the jackknife that feeds the second pass.
    pub folds: usize,
    /// Word clusters to compute features from (carried by the model).
    pub clusters: Option<Clusters>,
    /// First-pass perceptrons trained with different shuffles and
    /// averaged into one (1: a single run).
    pub bags: usize,
    /// The same for the first-pass models of the jackknife folds (which
    /// only give the second pass its training scores); `None`: `bags`.
    pub fold_bags: Option<usize>,
    /// The same for the second (document) pass.
    pub doc_bags: usize,
}

impl Config {
    pub fn new(lang: Lang) -> Config {
        Config {
            lang,
            epochs: 12,
            seed: 1,
            min_count: 2,
            prune: 1,
            doc_epochs: 8,
            folds: 4,
            clusters: None,
            bags: 1,
            fold_bags: None,
            doc_bags: 1,
        }
    }
}

/// What one epoch did.
#[derive(Debug, Clone, Copy)]
pub struct Epoch {
    /// 1 for the local pass, 2 for the document pass.
    pub pass: u8,
    pub epoch: usize,
    /// Tokens whose predicted tag differed from gold during the epoch.
    pub errors: usize,
    pub tokens: usize,
    pub features: usize,
}

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

/// A training set as feature indices: token `t` of the whole set has
/// features `feats[offsets[t]..offsets[t + 1]]`.
struct Encoded {
    keys: Vec<u64>,
    feats: Vec<u32>,
    offsets: Vec<usize>,
    /// Per sentence: its first token index and length.
    sentences: Vec<(usize, usize)>,
    gold: Vec<u8>,
}

/// Numbers the features `feats_of(k, buf)` gives for sentence `k` (as
/// `(token, hash)` pairs in token order), keeping those seen at least
/// `min_count` times.
fn encode(
    data: &[&Sentence],
    min_count: u32,
    mut feats_of: impl FnMut(usize, &mut Vec<(usize, u64)>),
) -> Encoded {
    let mut counts: Map<u32> = Map::default();
    let mut buf = Vec::new();
    for k in 0..data.len() {
        buf.clear();
        feats_of(k, &mut buf);
        for &(_, h) in &buf {
            *counts.entry(h).or_default() += 1;
        }
    }
    let mut index: Map<u32> = Map::default();
    let mut keys = Vec::new();
    let mut feats = Vec::new();
    let mut offsets = vec![0];
    for (k, s) in data.iter().enumerate() {
        buf.clear();
        feats_of(k, &mut buf);
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
    Encoded {
        keys,
        feats,
        offsets,
        sentences,
        gold,
    }
}

fn sigs_of(s: &Sentence, clusters: Option<&clusters::Table>) -> Sigs {
    let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
    let mut sigs = Sigs::default();
    sigs.fill(&toks, clusters);
    sigs
}

/// Perceptron state of one pass.
struct Learner {
    w: Averaged,
    start: Averaged,
    trans: Averaged,
    c: f64,
}

/// Runs `epochs` perceptron epochs over `enc`; token scores are the
/// features' weights plus `base` (the first pass's, for the second).
/// Calls `on_epoch` with each epoch's figures and the learner.
fn perceptron(
    enc: &Encoded,
    base: Option<(&[[f64; N_LABELS]], &Weights, f64)>,
    epochs: usize,
    seed: u64,
    mut on_epoch: impl FnMut(usize, usize, &Learner),
) -> Learner {
    let mut l = Learner {
        w: Averaged::new(enc.keys.len() * N_LABELS),
        start: Averaged::new(N_LABELS),
        trans: Averaged::new(N_LABELS * N_LABELS),
        c: 1.0,
    };
    // The second pass starts from the first pass's start and transition
    // scores, and learns corrections.
    if let Some((_, first, unit)) = base {
        for (a, &q) in l.start.w.iter_mut().zip(&first.start) {
            *a = f64::from(q) * unit;
        }
        for (a, &q) in l.trans.w.iter_mut().zip(&first.trans) {
            *a = f64::from(q) * unit;
        }
    }
    let base = base.map(|b| b.0);
    let mut order: Vec<usize> = (0..enc.sentences.len()).collect();
    let mut rng = Rng(seed);
    let mut emit: Vec<[f64; N_LABELS]> = Vec::new();
    let mut pred = Vec::new();
    for epoch in 1..=epochs {
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
                let mut e = base.map_or([0.0; N_LABELS], |b| b[t]);
                for &f in &enc.feats[enc.offsets[t]..enc.offsets[t + 1]] {
                    let row = &l.w.w[f as usize * N_LABELS..][..N_LABELS];
                    for (x, y) in e.iter_mut().zip(row) {
                        *x += y;
                    }
                }
                emit.push(e);
            }
            let mut s = [0.0; N_LABELS];
            s.copy_from_slice(&l.start.w);
            let mut tr = [[0.0; N_LABELS]; N_LABELS];
            for (row, src) in tr.iter_mut().zip(l.trans.w.chunks_exact(N_LABELS)) {
                row.copy_from_slice(src);
            }
            mask_forbidden(&mut s, &mut tr);
            viterbi(&emit, &s, &tr, &mut pred);
            if pred.as_slice() != gold {
                errors += update(&mut l, enc, first, gold, &pred);
            }
            l.c += 1.0;
        }
        on_epoch(epoch, errors, &l);
    }
    l
}

/// The perceptron update of one mis-tagged sentence; returns how many
/// tokens were wrong.
fn update(l: &mut Learner, enc: &Encoded, first: usize, gold: &[u8], pred: &[u8]) -> usize {
    let c = l.c;
    let mut errors = 0;
    for k in 0..gold.len() {
        let (g, p) = (usize::from(gold[k]), usize::from(pred[k]));
        if g != p {
            errors += 1;
            let t = first + k;
            for &f in &enc.feats[enc.offsets[t]..enc.offsets[t + 1]] {
                l.w.bump(f as usize * N_LABELS + g, 1.0, c);
                l.w.bump(f as usize * N_LABELS + p, -1.0, c);
            }
        }
        if k == 0 {
            if g != p {
                l.start.bump(g, 1.0, c);
                l.start.bump(p, -1.0, c);
            }
        } else {
            let (a, b) = (usize::from(gold[k - 1]), usize::from(pred[k - 1]));
            if (a, g) != (b, p) {
                l.trans.bump(a * N_LABELS + g, 1.0, c);
                l.trans.bump(b * N_LABELS + p, -1.0, c);
            }
        }
    }
    errors
}

/// Trains the first pass on `data`: its weights and scale.
fn train_local(
    cfg: &Config,
    bags: usize,
    clusters: Option<&clusters::Table>,
    data: &[&Sentence],
    on_epoch: impl FnMut(&Epoch, &dyn Fn() -> Model) + Send,
) -> (Weights, f64) {
    let enc = encode(data, cfg.min_count, |k, buf| {
        emissions(&sigs_of(data[k], clusters), |i, h| buf.push((i, h)))
    });
    // The runs are independent: trained in parallel, averaged in bag
    // order (the same bytes whatever the number of threads).
    let on_epoch = Mutex::new(on_epoch);
    let mut runs: Vec<Learner> = (0..bags.max(1))
        .into_par_iter()
        .map(|bag| {
            perceptron(
                &enc,
                None,
                cfg.epochs,
                bag_seed(cfg.seed, bag),
                |epoch, errors, l| {
                    let e = Epoch {
                        pass: 1,
                        epoch,
                        errors,
                        tokens: enc.gold.len(),
                        features: enc.keys.len(),
                    };
                    let mut report = on_epoch.lock().unwrap_or_else(PoisonError::into_inner);
                    report(&e, &|| {
                        let (local, scale) = finish(cfg, &enc.keys, l, None);
                        model(cfg, local, Weights::empty(), scale)
                    });
                },
            )
        })
        .collect();
    let l = if runs.len() == 1 {
        runs.pop().expect("one run")
    } else {
        mean(&runs)
    };
    finish(cfg, &enc.keys, &l, None)
}

/// Seed offset between the runs of a bag.
const BAG_SEED_STEP: u64 = 0x1000;

/// The shuffle seed of run `bag` of a bag started from `seed`.
fn bag_seed(seed: u64, bag: usize) -> u64 {
    seed.wrapping_add(BAG_SEED_STEP.wrapping_mul(bag as u64))
}

/// A learner whose averaged weights are the mean of the runs' averaged
/// weights (a linear model: the same as averaging their scores).
fn mean(runs: &[Learner]) -> Learner {
    let n = runs.len() as f64;
    let avg = |get: &dyn Fn(&Learner) -> &Averaged| {
        let mut w = vec![0.0; get(&runs[0]).w.len()];
        for l in runs {
            for (a, x) in w.iter_mut().zip(get(l).average(l.c)) {
                *a += x / n;
            }
        }
        Averaged {
            u: vec![0.0; w.len()],
            w,
        }
    };
    Learner {
        w: avg(&|l| &l.w),
        start: avg(&|l| &l.start),
        trans: avg(&|l| &l.trans),
        c: 1.0,
    }
}

fn model(cfg: &Config, local: Weights, doc: Weights, scale: f64) -> Model {
    Model {
        lang: cfg.lang,
        scale: scale as f32,
        local,
        doc,
        clusters: cfg.clusters.clone(),
    }
}

/// Trains a model on documents (each a list of sentences; a document
/// longer than [`DOC_SENTENCES`] is cut as inference cuts it).
/// `on_epoch` is called after each epoch of each pass with its figures
/// and a way to build the model as it stands (for dev scoring).
pub fn train(
    cfg: &Config,
    docs: &[Document],
    mut on_epoch: impl FnMut(&Epoch, &dyn Fn() -> Model) + Send,
) -> Model {
    let docs: Vec<Vec<&Sentence>> = docs
        .iter()
        .flat_map(|d| d.chunks(DOC_SENTENCES))
        .map(|c| {
            c.iter()
                .filter(|s| !s.tokens.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|d| !d.is_empty())
        .collect();
    let all: Vec<&Sentence> = docs.iter().flatten().copied().collect();
    let table = cfg
        .clusters
        .as_ref()
        .map(|c| c.table().with_compounds(cfg.lang == Lang::Fr));
    let table = table.as_ref();
    if cfg.doc_epochs == 0 {
        let (local, scale) = train_local(cfg, cfg.bags, table, &all, &mut on_epoch);
        return model(cfg, local, Weights::empty(), scale);
    }
    let folds = cfg.folds.min(docs.len()).max(1);
    // The first pass on all the data and the jackknife's fold models (none
    // with one fold) are independent: trained in parallel.
    let fold_bags = cfg.fold_bags.unwrap_or(cfg.bags);
    let ((local, scale), fold_models) = rayon::join(
        || train_local(cfg, cfg.bags, table, &all, &mut on_epoch),
        || {
            (0..folds)
                .into_par_iter()
                .map(|fold| {
                    (folds > 1).then(|| {
                        let rest: Vec<&Sentence> = (0..docs.len())
                            .filter(|&d| d % folds != fold)
                            .flat_map(|d| docs[d].iter().copied())
                            .collect();
                        train_local(cfg, fold_bags, table, &rest, |_, _| {})
                    })
                })
                .collect::<Vec<_>>()
        },
    );
    let full = Tagger::from_model(&model(cfg, local.clone(), Weights::empty(), scale));
    // First-pass scores (in real units) and labels of every training
    // sentence, each from a model that did not see its document.
    let mut base: Vec<Vec<[f64; N_LABELS]>> = vec![Vec::new(); all.len()];
    let mut labels: Vec<Vec<u8>> = vec![Vec::new(); all.len()];
    let first_of: Vec<usize> = docs
        .iter()
        .scan(0, |n, d| {
            let f = *n;
            *n += d.len();
            Some(f)
        })
        .collect();
    let held = |d: usize, fold: usize| folds > 1 && d % folds == fold;
    for (fold, trained) in fold_models.into_iter().enumerate() {
        let tagger;
        let (tagger, unit) = match trained {
            Some((w, sc)) => {
                tagger = Tagger::from_model(&model(cfg, w, Weights::empty(), sc));
                (&tagger, sc)
            }
            None => (&full, scale),
        };
        for d in (0..docs.len()).filter(|&d| folds == 1 || held(d, fold)) {
            for (j, s) in docs[d].iter().enumerate() {
                let (emit, path) = tagger.first_pass(&sigs_of(s, table));
                let k = first_of[d] + j;
                base[k] = emit
                    .iter()
                    .map(|e| e.map(|x| f64::from(x) * unit))
                    .collect();
                labels[k] = path;
            }
        }
    }
    let base_flat: Vec<[f64; N_LABELS]> = base.into_iter().flatten().collect();
    let mut doc_feats: Vec<Vec<(usize, u64)>> = vec![Vec::new(); all.len()];
    let mut stats = DocStats::default();
    for (d, doc) in docs.iter().enumerate() {
        stats.clear();
        let sigs: Vec<Sigs> = doc.iter().map(|s| sigs_of(s, table)).collect();
        for (j, sg) in sigs.iter().enumerate() {
            stats.add(sg, &labels[first_of[d] + j]);
        }
        for (j, sg) in sigs.iter().enumerate() {
            let k = first_of[d] + j;
            doc_emissions(sg, &labels[k], &stats, |i, h| doc_feats[k].push((i, h)));
        }
    }
    let enc = encode(&all, 1, |k, buf| buf.extend_from_slice(&doc_feats[k]));
    let mut runs = Vec::with_capacity(cfg.doc_bags.max(1));
    for bag in 0..cfg.doc_bags.max(1) {
        let l = perceptron(
            &enc,
            Some((&base_flat, &local, scale)),
            cfg.doc_epochs,
            bag_seed(cfg.seed.wrapping_add(1), bag),
            |epoch, errors, l| {
                let e = Epoch {
                    pass: 2,
                    epoch,
                    errors,
                    tokens: enc.gold.len(),
                    features: enc.keys.len(),
                };
                on_epoch(&e, &|| {
                    model(
                        cfg,
                        local.clone(),
                        finish(cfg, &enc.keys, l, Some(scale)).0,
                        scale,
                    )
                });
            },
        );
        runs.push(l);
    }
    let l = if runs.len() == 1 {
        runs.pop().expect("one run")
    } else {
        mean(&runs)
    };
    let doc = finish(cfg, &enc.keys, &l, Some(scale)).0;
    model(cfg, local, doc, scale)
}

/// Averages, quantises to i16 (with `scale`, else one fitted to the
/// weights) and prunes: the weight set to write, and its scale.
fn finish(cfg: &Config, keys: &[u64], l: &Learner, scale: Option<f64>) -> (Weights, f64) {
    let mut w = l.w.average(l.c);
    // Weights relative to label O: the same decoded paths, and the
    // inference table stores only labels 1.. (see features::Table).
    for row in w.chunks_exact_mut(N_LABELS) {
        let o = row[0];
        row.iter_mut().for_each(|x| *x -= o);
    }
    let start = l.start.average(l.c);
    let trans = l.trans.average(l.c);
    let scale = scale.unwrap_or_else(|| {
        let max = w
            .iter()
            .chain(&start)
            .chain(&trans)
            .fold(0.0f64, |m, x| m.max(x.abs()));
        if max > 0.0 { max / 32767.0 } else { 1.0 }
    });
    let q = |x: f64| (x / scale).round().clamp(-32767.0, 32767.0) as i16;
    let mut rows: Vec<(u64, Vec<i16>)> = keys
        .iter()
        .zip(w.chunks_exact(N_LABELS))
        .map(|(&k, row)| (k, row.iter().map(|&x| q(x)).collect::<Vec<i16>>()))
        .filter(|(_, row)| {
            row.iter()
                .any(|x| x.unsigned_abs() >= cfg.prune.unsigned_abs().max(1))
        })
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    let weights = Weights {
        start: start.iter().map(|&x| q(x)).collect(),
        trans: trans.iter().map(|&x| q(x)).collect(),
        keys: rows.iter().map(|r| r.0).collect(),
        weights: rows.into_iter().flat_map(|r| r.1).collect(),
    };
    (weights, scale)
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

    /// Two documents.
    fn tiny() -> Vec<Document> {
        let sents: Vec<Sentence> = [
            "Alice/B-PER Martin/I-PER lives/O in/O Lyon/B-LOC ./O",
            "Bob/B-PER Durand/I-PER works/O for/O Acme/B-ORG Corp/I-ORG ./O",
            "Carol/B-PER lives/O in/O Nantes/B-LOC ./O",
            "the/O Acme/B-ORG Corp/I-ORG office/O is/O in/O Lyon/B-LOC ./O",
            "Dave/B-PER Martin/I-PER works/O in/O Nantes/B-LOC ./O",
        ]
        .iter()
        .map(|s| sent(s))
        .collect();
        vec![sents[..2].to_vec(), sents[2..].to_vec()]
    }

    /// The model (as bytes) tags every sentence of [`tiny`] as labelled.
    fn tags_its_training_data(model: &[u8]) {
        let tagger = Tagger::from_bytes(model, "tiny").unwrap();
        for s in tiny().into_iter().flatten() {
            let toks: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            assert_eq!(tagger.tag(&toks), s.tags, "{toks:?}");
        }
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
        tags_its_training_data(&a);
        cfg.seed = 2;
        let c = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        assert_ne!(a, c, "the seed changes the shuffle");
    }

    /// A model trained with clusters carries them, and they matter: the
    /// same training without them gives another model.
    #[test]
    fn clusters_are_carried_and_used() {
        let mut cfg = Config::new(Lang::En);
        cfg.min_count = 1;
        cfg.epochs = 4;
        let plain = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        cfg.clusters = Some(
            Clusters::parse("word\tk\nlyon\t0\nnantes\t0\nbrest\t0\nalice\t1\n", "t").unwrap(),
        );
        let a = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        assert_ne!(a, plain);
        assert_eq!(a, to_bytes(&train(&cfg, &tiny(), |_, _| {})));
        let m = crate::ner::format::decode(&a, "t").unwrap();
        assert_eq!(m.clusters, cfg.clusters);
        tags_its_training_data(&a);
    }

    /// Bagged runs are averaged into one model: reproducible, still
    /// learning its data, and not the single run's model.
    #[test]
    fn bags_average_runs() {
        let mut cfg = Config::new(Lang::En);
        cfg.min_count = 1;
        cfg.epochs = 8;
        let single = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        cfg.bags = 3;
        let bagged = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
        assert_ne!(single, bagged);
        assert_eq!(bagged, to_bytes(&train(&cfg, &tiny(), |_, _| {})));
        tags_its_training_data(&bagged);
    }

    /// The runs of a bag and the fold models are trained in parallel: one
    /// thread or several, the same bytes.
    #[test]
    fn threads_do_not_change_the_model() {
        let mut cfg = Config::new(Lang::En);
        cfg.min_count = 1;
        cfg.epochs = 4;
        cfg.folds = 2;
        cfg.bags = 3;
        let on_threads = |n: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
                .install(|| to_bytes(&train(&cfg, &tiny(), |_, _| {})))
        };
        assert_eq!(on_threads(1), on_threads(4));
    }

    /// Single-run fold models and a bagged second pass: reproducible, and
    /// the model still learns its data.
    #[test]
    fn fold_and_doc_bags_train_reproducibly() {
        let mut cfg = Config::new(Lang::En);
        cfg.min_count = 1;
        cfg.epochs = 6;
        cfg.folds = 2;
        cfg.bags = 3;
        for (fold_bags, doc_bags) in [(Some(1), 1), (None, 3)] {
            cfg.fold_bags = fold_bags;
            cfg.doc_bags = doc_bags;
            let m = to_bytes(&train(&cfg, &tiny(), |_, _| {}));
            assert_eq!(m, to_bytes(&train(&cfg, &tiny(), |_, _| {})));
            tags_its_training_data(&m);
        }
    }

    #[test]
    fn epochs_are_reported() {
        let mut cfg = Config::new(Lang::Fr);
        cfg.epochs = 3;
        cfg.doc_epochs = 2;
        let mut seen = Vec::new();
        train(&cfg, &tiny(), |e, model| {
            seen.push((e.pass, e.epoch));
            assert_eq!(model().lang, Lang::Fr);
        });
        assert_eq!(seen, vec![(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)]);
    }
}
