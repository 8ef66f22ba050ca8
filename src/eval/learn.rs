//! Training the relation model ([`crate::extract::classify`]) on articles
//! with gold graphs, and scoring it by cross-validation over articles.
//!
//! Labels come from the gold graph: a candidate pair whose entities match
//! two gold entities (by name or alias, folded, as scoring matches them)
//! is positive for each gold label between them, in its direction; pairs
//! of an optional gold relation or entity teach nothing. The model is one
//! logistic regression per class over hashed features (AdaGrad, L2),
//! deterministic for the same articles and options. Its calibration (Platt)
//! and its threshold are chosen on out-of-fold scores of the training
//! articles alone, so a model never sees the articles it is scored on.

use super::Counts;
use super::gold::{self, GoldFile, Score};
use crate::bench::rng::Rng;
use crate::extract::Analysis;
use crate::extract::classify::{self, CLASSES, Candidate, Model};
use crate::fold::fold;
use crate::model::{Extraction, Label, Map};
use std::collections::{BTreeMap, BTreeSet};

/// One annotated article, read up to its candidates.
#[derive(Debug, Clone)]
pub struct Article {
    pub name: String,
    pub gold: GoldFile,
    pub analysis: Analysis,
    /// Each candidate's classes: `None` teaches nothing, else a bit per
    /// positive class.
    pub labels: Vec<Option<u16>>,
    /// Read before any pattern was written from it: the patterns'
    /// precision is measured on such articles when there are any
    /// (`kg train-rel --fresh`).
    pub fresh: bool,
}

impl Article {
    /// Labels the candidates of `analysis` from `gold`.
    pub fn new(name: String, gold: GoldFile, analysis: Analysis) -> Result<Article, String> {
        let labels = labels(&gold, &analysis.extraction, &analysis.candidates)?;
        Ok(Article {
            name,
            gold,
            analysis,
            labels,
            fresh: false,
        })
    }
}

/// How a model is trained.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub epochs: usize,
    /// L2 penalty per epoch: spread over a feature's occurrences, so a
    /// frequent feature (a rule, the bias) is held back no more than a
    /// rare word.
    pub l2: f32,
    /// AdaGrad's base step.
    pub rate: f32,
    /// Features seen in fewer candidates than this are dropped.
    pub min_count: usize,
    /// Features seen in fewer training articles than this are dropped: a
    /// word of one article (a name, a place, a phrase its writer
    /// repeats) teaches that article alone, however often it occurs.
    pub min_articles: usize,
    /// Whether a label's own threshold may be lower than the global one.
    /// Lowering it adds relations the model alone finds, chosen on the
    /// few such relations of the training articles (`located_in` went to
    /// 0.5 for about one relation); raising it only drops some. Off:
    /// cross-validated labelled F1 0.801 -> 0.802 (tp 234 -> 233, fp 26
    /// -> 24), calibration error 0.023 -> 0.020, and on new articles the
    /// `located_in` the model alone kept at 0.5-0.7 were mostly wrong.
    pub lower_label_thresholds: bool,
    /// Weight of a positive example against a negative one.
    pub positive_weight: f32,
    /// Inner folds for the calibration and threshold.
    pub inner_folds: usize,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 30,
            l2: 1.0,
            rate: 0.3,
            min_count: 3,
            min_articles: 1,
            lower_label_thresholds: false,
            positive_weight: 2.0,
            inner_folds: 5,
            seed: 1,
        }
    }
}

/// The gold entity each predicted entity stands for: a required entity
/// whose forms share one with the node's (its display name first), else an
/// optional one; `(gold index, optional)`.
fn entity_map(gold: &GoldFile, ex: &Extraction) -> Vec<Option<(usize, bool)>> {
    let forms = gold::forms(gold);
    ex.entities
        .iter()
        .map(|e| {
            let name = fold(&e.name);
            let all: BTreeSet<String> = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|a| fold(a))
                .collect();
            let by = |exact: bool, optional: bool| {
                (0..gold.entities.len()).find(|&g| {
                    gold.entities[g].optional == optional
                        && if exact {
                            forms[g].contains(&name)
                        } else {
                            !forms[g].is_disjoint(&all)
                        }
                })
            };
            by(true, false)
                .map(|g| (g, false))
                .or_else(|| by(false, false).map(|g| (g, false)))
                .or_else(|| by(true, true).map(|g| (g, true)))
                .or_else(|| by(false, true).map(|g| (g, true)))
        })
        .collect()
}

/// The classes of each candidate (see [`Article::labels`]).
pub fn labels(
    gold: &GoldFile,
    ex: &Extraction,
    cands: &[Candidate],
) -> Result<Vec<Option<u16>>, String> {
    let rels = gold::relations(gold)?;
    let map = entity_map(gold, ex);
    Ok(cands
        .iter()
        .map(|c| {
            let (Some((gx, ox)), Some((gy, oy))) = (map[c.x], map[c.y]) else {
                return Some(0);
            };
            if ox || oy {
                return None;
            }
            let mut bits = 0u16;
            let mut optional = false;
            for (h, label, t, opt) in &rels {
                let fwd = h.contains(&gx) && t.contains(&gy);
                let back = h.contains(&gy) && t.contains(&gx);
                for (hit, forward) in [(fwd, true), (back, false)] {
                    if !hit {
                        continue;
                    }
                    if *opt {
                        optional = true;
                    } else if let Some(k) = classify::class_of(*label, forward) {
                        bits |= 1 << k;
                    }
                }
            }
            if bits == 0 && optional {
                None
            } else {
                Some(bits)
            }
        })
        .collect())
}

/// Raw weights trained on `articles` (no calibration: Platt (1, 0),
/// threshold 0.5).
pub fn train_raw(articles: &[&Article], opts: &TrainOptions) -> Model {
    // Feature ids in order of first sight, counted once per candidate.
    let mut ids: Map<u64, usize> = Map::default();
    let mut hashes: Vec<u64> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    // Distinct articles per feature, and the last article counted.
    let mut in_articles: Vec<(usize, usize)> = Vec::new();
    let mut examples: Vec<(Vec<usize>, u16)> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        for (c, label) in a.analysis.candidates.iter().zip(&a.labels) {
            let Some(bits) = *label else { continue };
            let mut fs: Vec<usize> = c
                .feats
                .iter()
                .map(|h| {
                    *ids.entry(*h).or_insert_with(|| {
                        hashes.push(*h);
                        counts.push(0);
                        in_articles.push((0, usize::MAX));
                        hashes.len() - 1
                    })
                })
                .collect();
            fs.sort_unstable();
            fs.dedup();
            for &f in &fs {
                counts[f] += 1;
                if in_articles[f].1 != ai {
                    in_articles[f] = (in_articles[f].0 + 1, ai);
                }
            }
            examples.push((fs, bits));
        }
    }
    for ex in &mut examples {
        ex.0.retain(|&f| counts[f] >= opts.min_count && in_articles[f].0 >= opts.min_articles);
    }
    let n = hashes.len();
    // Each feature's L2 step per occurrence.
    let l2: Vec<f32> = counts.iter().map(|&c| opts.l2 / c.max(1) as f32).collect();
    let mut w = vec![[0f32; CLASSES]; n];
    let mut g2 = vec![[0f32; CLASSES]; n];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(opts.seed);
    for _ in 0..opts.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        for &ei in &order {
            let (fs, bits) = &examples[ei];
            let mut z = [0f32; CLASSES];
            for &f in fs {
                for k in 0..CLASSES {
                    z[k] += w[f][k];
                }
            }
            for k in 0..CLASSES {
                let y = (bits >> k) & 1 == 1;
                let p = classify::sigmoid(z[k]);
                let g = (p - f32::from(u8::from(y))) * if y { opts.positive_weight } else { 1.0 };
                for &f in fs {
                    let grad = g + l2[f] * w[f][k];
                    g2[f][k] += grad * grad;
                    w[f][k] -= opts.rate * grad / (g2[f][k].sqrt() + 1e-6);
                }
            }
        }
    }
    let mut weights = Map::default();
    for (f, row) in w.into_iter().enumerate() {
        if row.iter().any(|x| x.abs() >= 1e-3) {
            weights.insert(hashes[f], row);
        }
    }
    Model {
        weights,
        platt: (1.0, 0.0),
        threshold: 0.5,
        label_thresholds: BTreeMap::new(),
        rules_first: false,
        ..Model::default()
    }
}

/// The articles of fold `k` of `n` (every n-th article by position).
fn split<'a>(articles: &[&'a Article], k: usize, n: usize) -> (Vec<&'a Article>, Vec<&'a Article>) {
    let mut train = Vec::new();
    let mut test = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        if i % n == k {
            test.push(*a);
        } else {
            train.push(*a);
        }
    }
    (train, test)
}

/// A model trained on `articles`, calibrated and thresholded on
/// out-of-fold scores of those articles alone.
pub fn fit(articles: &[&Article], extra: &[&Article], opts: &TrainOptions) -> Model {
    let folds = opts.inner_folds.min(articles.len());
    // Out-of-fold raw scores of every article.
    let mut oof: Vec<(&Article, Vec<[f32; CLASSES]>)> = Vec::new();
    if folds >= 2 {
        for k in 0..folds {
            let (mut train, test) = split(articles, k, folds);
            train.extend_from_slice(extra);
            let m = train_raw(&train, opts);
            for a in test {
                let scores = a
                    .analysis
                    .candidates
                    .iter()
                    .map(|c| m.scores(&c.feats))
                    .collect();
                oof.push((a, scores));
            }
        }
    }
    let all: Vec<&Article> = articles.iter().chain(extra).copied().collect();
    let mut model = train_raw(&all, opts);
    if oof.is_empty() {
        return model;
    }
    model.platt = platt(&oof);
    let pooled = |probe: &Model| {
        let mut total = Counts::default();
        for (a, scores) in &oof {
            total.add(score_with(a, probe, scores).labelled);
        }
        total.f1()
    };
    // With and without the rules first, the thresholds with the best
    // pooled labelled F1 out of fold.
    let mut best: Option<(f64, Model)> = None;
    for rules_first in [false, true] {
        let probe = tune_thresholds(
            model.platt,
            rules_first,
            opts.lower_label_thresholds,
            &pooled,
        );
        let f1 = pooled(&probe);
        if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
            best = Some((f1, probe));
        }
    }
    if let Some((_, probe)) = best {
        model.threshold = probe.threshold;
        model.label_thresholds = probe.label_thresholds;
        model.rules_first = probe.rules_first;
    }
    let (pooled, by_label) = rule_precision(articles);
    model.rule_precision = pooled;
    model.label_rule_precision = by_label;
    model
}

/// The precision of the patterns' relations on the gold articles, all
/// pooled: the confidence every rule relation is then given, so that
/// `--min-confidence` keeps what is as likely right as it says. Out of
/// fold, neither the pattern's fixed figure, nor its label, nor the
/// model's score of the pair told right from wrong pattern relations
/// better than this one figure on the articles the patterns were written
/// from (see docs/evaluation.md, "calibration"). On fresh articles, read
/// before any pattern was written from them, the labels differ widely
/// (agreements and oppositions are right far less often than posts), so
/// when some training articles are fresh the figures are measured on
/// those alone, pooled and per label: a label's precision shrunk towards
/// the pooled one as [`LABEL_PRIOR`] relations. CrossRE is left out: its
/// partial annotation counts right relations as wrong. None when the
/// articles judge no rule relation.
fn rule_precision(articles: &[&Article]) -> (Option<f32>, BTreeMap<Label, f32>) {
    let any_fresh = articles.iter().any(|a| a.fresh);
    let mut by_label: BTreeMap<Label, (usize, usize)> = BTreeMap::new();
    for a in articles.iter().filter(|a| a.fresh || !any_fresh) {
        let ex = a.analysis.clone().finish_with(a.analysis.rules.clone());
        let Ok(s) = gold::score(&a.gold, &ex) else {
            continue;
        };
        for j in &s.judged {
            let e = by_label.entry(j.0).or_default();
            e.0 += usize::from(j.2);
            e.1 += 1;
        }
    }
    let (right, n) = by_label
        .values()
        .fold((0, 0), |(r, n), (lr, ln)| (r + lr, n + ln));
    if n == 0 {
        return (None, BTreeMap::new());
    }
    let round = |p: f64| ((p * 1000.0).round() / 1000.0) as f32;
    let pooled = right as f64 / n as f64;
    let labels = if any_fresh {
        by_label
            .into_iter()
            .map(|(l, (r, n))| {
                let p = (r as f64 + LABEL_PRIOR * pooled) / (n as f64 + LABEL_PRIOR);
                (l, round(p))
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    (Some(round(pooled)), labels)
}

/// How many relations the pooled precision of the patterns weighs in a
/// label's own (measured on fresh articles).
const LABEL_PRIOR: f64 = 5.0;

/// The lowest threshold tried, in twentieths: a relation kept at a lower
/// calibrated probability would be wrong nearly always, whatever it adds
/// to F1.
const MIN_THRESHOLD_STEP: usize = 7;

/// The global threshold, then each label's own in turn, that give the best
/// `pooled` F1 (a label's never below the global one unless `lower`).
fn tune_thresholds(
    platt: (f32, f32),
    rules_first: bool,
    lower: bool,
    pooled: &dyn Fn(&Model) -> f64,
) -> Model {
    let mut probe = Model {
        weights: Map::default(),
        platt,
        threshold: 0.5,
        label_thresholds: BTreeMap::new(),
        rules_first,
        ..Model::default()
    };
    let mut best = (f64::NEG_INFINITY, 0.5f32);
    for step in MIN_THRESHOLD_STEP..20 {
        probe.threshold = step as f32 * 0.05;
        let f1 = pooled(&probe);
        // On a tie, the stricter threshold: the relations it drops were
        // worth nothing out of fold.
        if f1 >= best.0 - 1e-9 {
            best = (f1, probe.threshold);
        }
    }
    probe.threshold = best.1;
    let mut best_f1 = best.0;
    for label in crate::model::Label::TYPED {
        let mut keep = probe.threshold;
        for step in MIN_THRESHOLD_STEP..21 {
            let t = step as f32 * 0.05;
            if !lower && t < probe.threshold - 1e-6 {
                continue;
            }
            probe.label_thresholds.insert(label, t);
            let f1 = pooled(&probe);
            if f1 > best_f1 + 1e-9 {
                best_f1 = f1;
                keep = t;
            }
        }
        probe.label_thresholds.insert(label, keep);
    }
    probe
}

/// Scores `article` with its typed relations decided by `model` on the
/// given raw candidate scores.
fn score_with(article: &Article, model: &Model, scores: &[[f32; CLASSES]]) -> Score {
    let typed = classify::decide_scored(
        model,
        &article.analysis.candidates,
        scores,
        &article.analysis.rules,
    );
    let ex = article.analysis.clone().finish_with(typed);
    gold::score(&article.gold, &ex).unwrap_or_default()
}

/// Scores `article` with `model`.
pub fn score(article: &Article, model: &Model) -> Score {
    let scores: Vec<[f32; CLASSES]> = article
        .analysis
        .candidates
        .iter()
        .map(|c| model.scores(&c.feats))
        .collect();
    score_with(article, model, &scores)
}

/// Platt scaling of each pair's best raw score against whether that label
/// is right, fitted by Newton's method on the log loss.
fn platt(oof: &[(&Article, Vec<[f32; CLASSES]>)]) -> (f32, f32) {
    let mut points: Vec<(f64, bool)> = Vec::new();
    for (a, scores) in oof {
        let cands = &a.analysis.candidates;
        let mut best: BTreeMap<(usize, usize), (f32, usize)> = BTreeMap::new();
        let mut truth: BTreeMap<(usize, usize), Option<u16>> = BTreeMap::new();
        for ((c, z), label) in cands.iter().zip(scores).zip(&a.labels) {
            let key = (c.x.min(c.y), c.x.max(c.y));
            let flip = c.x > c.y;
            let orient = |k: usize| if flip && k < 14 { k ^ 1 } else { k };
            let e = best.entry(key).or_insert((f32::NEG_INFINITY, 0));
            for (k, &zk) in z.iter().enumerate() {
                if zk > e.0 {
                    *e = (zk, orient(k));
                }
            }
            let bits = label.map(|b| {
                (0..CLASSES)
                    .filter(|&k| b >> k & 1 == 1)
                    .fold(0u16, |acc, k| acc | 1 << orient(k))
            });
            let t = truth.entry(key).or_insert(Some(0));
            *t = match (*t, bits) {
                (Some(x), Some(y)) => Some(x | y),
                _ => None,
            };
        }
        for (key, (z, k)) in best {
            if let Some(Some(bits)) = truth.get(&key) {
                points.push((f64::from(z), bits >> k & 1 == 1));
            }
        }
    }
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
        for &(z, y) in &points {
            let p = 1.0 / (1.0 + (-(a * z + b)).exp());
            let d = p - f64::from(u8::from(y));
            ga += d * z;
            gb += d;
            let w = p * (1.0 - p);
            haa += w * z * z;
            hab += w * z;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// Cross-validation over articles: for each of `k` folds, a model fitted
/// on the others scores the fold. Returns each article's score, in input
/// order.
pub fn cross_validate(
    articles: &[Article],
    extra: &[&Article],
    k: usize,
    opts: &TrainOptions,
    mut diag: Option<(&Map<u64, String>, &mut Vec<String>)>,
) -> Vec<Score> {
    let all: Vec<&Article> = articles.iter().collect();
    let mut out: Vec<Option<Score>> = vec![None; articles.len()];
    for fold in 0..k {
        let (train, _) = split(&all, fold, k);
        let model = fit(&train, extra, opts);
        for (i, a) in articles.iter().enumerate() {
            if i % k == fold {
                out[i] = Some(score(a, &model));
                if let Some((names, lines)) = diag.as_mut() {
                    diagnose(a, &model, names, lines);
                }
            }
        }
    }
    out.into_iter().map(Option::unwrap_or_default).collect()
}

/// For each candidate pair that stands for a gold relation: its gold
/// classes, the model's best class and calibrated scores, the threshold,
/// and the features that weigh most for the gold class.
pub fn diagnose(a: &Article, model: &Model, names: &Map<u64, String>, lines: &mut Vec<String>) {
    let cands = &a.analysis.candidates;
    let ents = &a.analysis.extraction.entities;
    let mut by_pair: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, c) in cands.iter().enumerate() {
        by_pair
            .entry((c.x.min(c.y), c.x.max(c.y)))
            .or_default()
            .push(i);
    }
    for ((lo, hi), group) in by_pair {
        // Gold classes in (lo, hi) orientation.
        let mut gold_bits = 0u16;
        let mut optional = false;
        for &ci in &group {
            let c = &cands[ci];
            match a.labels[ci] {
                None => optional = true,
                Some(b) => {
                    for k in 0..CLASSES {
                        if b >> k & 1 == 1 {
                            let o = if c.x <= c.y || k >= 14 { k } else { k ^ 1 };
                            gold_bits |= 1 << o;
                        }
                    }
                }
            }
        }
        let mut best = (f32::NEG_INFINITY, 0usize, 0usize);
        let mut gold_best: BTreeMap<usize, (f32, usize)> = BTreeMap::new();
        for &ci in &group {
            let c = &cands[ci];
            let z = model.scores(&c.feats);
            for (k, &zk) in z.iter().enumerate() {
                let o = if c.x <= c.y || k >= 14 { k } else { k ^ 1 };
                let p = model.calibrated(zk);
                if p > best.0 {
                    best = (p, o, ci);
                }
                if gold_bits >> o & 1 == 1 {
                    let e = gold_best.entry(o).or_insert((f32::NEG_INFINITY, ci));
                    if p > e.0 {
                        *e = (p, ci);
                    }
                }
            }
        }
        let show = |o: usize| {
            let (l, f) = classify::class_label(o);
            format!(
                "{}{}",
                l,
                if l.is_symmetric() {
                    ""
                } else if f {
                    ">"
                } else {
                    "<"
                }
            )
        };
        if gold_bits == 0 && (optional || best.0 < 0.2) {
            continue;
        }
        let c0 = &cands[group[0]];
        let kinds = if c0.x <= c0.y {
            c0.kinds
        } else {
            (c0.kinds.1, c0.kinds.0)
        };
        let titled = group.iter().any(|&ci| cands[ci].titled);
        let mut line = format!(
            "diag {} | {} ({}) ~ {} ({}) | n={} titled={} | best {} {:.2}",
            a.name,
            ents[lo].name,
            kinds.0.as_str(),
            ents[hi].name,
            kinds.1.as_str(),
            group.len(),
            titled,
            show(best.1),
            best.0
        );
        if gold_bits == 0 {
            line.push_str(" | gold none");
        }
        for (o, (p, ci)) in &gold_best {
            let (label, _) = classify::class_label(*o);
            let c = &cands[*ci];
            let k = if c.x <= c.y || *o >= 14 { *o } else { o ^ 1 };
            let mut contrib: Vec<(f32, &str)> = c
                .feats
                .iter()
                .filter_map(|h| {
                    let w = model.weights.get(h)?[k];
                    Some((w, names.get(h).map_or("?", String::as_str)))
                })
                .collect();
            contrib.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
            let top: Vec<String> = contrib
                .iter()
                .take(5)
                .map(|(w, n)| format!("{n}:{w:+.1}"))
                .collect();
            line.push_str(&format!(
                " | gold {} {:.2} (t {:.2}) [{}] '{}'",
                show(*o),
                p,
                model.threshold_of(label),
                top.join(", "),
                c.between
            ));
        }
        lines.push(line);
    }
}

/// Writes `model` as a model file, features by name (sorted), weights
/// rounded to four decimals; features whose name is not known are left out.
pub fn write_model(model: &Model, names: &Map<u64, String>) -> String {
    let mut rows: Vec<(&str, &[f32; CLASSES])> = model
        .weights
        .iter()
        .filter_map(|(h, w)| names.get(h).map(|n| (n.as_str(), w)))
        .filter(|(n, _)| !n.contains(['\t', '\n']))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::from("# kg relation model v1\n");
    out.push_str(&format!("=platt\t{} {}\n", model.platt.0, model.platt.1));
    out.push_str(&format!("=threshold\t{}\n", model.threshold));
    out.push_str(&format!("=rules-first\t{}\n", u8::from(model.rules_first)));
    for (label, t) in &model.label_thresholds {
        out.push_str(&format!("=threshold {label}\t{t}\n"));
    }
    if let Some(p) = model.rule_precision {
        out.push_str(&format!("=rule-precision\t{p}\n"));
    }
    for (label, p) in &model.label_rule_precision {
        out.push_str(&format!("=rule-precision {label}\t{p}\n"));
    }
    for (name, w) in rows {
        let ws: Vec<String> = w.iter().map(|x| format!("{:.4}", x)).collect();
        out.push_str(name);
        out.push('\t');
        out.push_str(&ws.join(" "));
        out.push('\n');
    }
    out
}

/// How many of the article's required gold relations some candidate pair
/// stands for (matched ends, either order), and how many there are, per
/// label: the ceiling of relation recall.
pub fn coverage(article: &Article) -> BTreeMap<crate::model::Label, (usize, usize)> {
    let mut out = BTreeMap::new();
    let Ok(rels) = gold::relations(&article.gold) else {
        return out;
    };
    let map = entity_map(&article.gold, &article.analysis.extraction);
    let pairs: BTreeSet<(usize, usize)> = article
        .analysis
        .candidates
        .iter()
        .filter_map(|c| Some((map[c.x]?.0, map[c.y]?.0)))
        .collect();
    for (h, label, t, _) in rels.iter().filter(|r| !r.3) {
        let covered = pairs
            .iter()
            .any(|(a, b)| (h.contains(a) && t.contains(b)) || (h.contains(b) && t.contains(a)));
        let e: &mut (usize, usize) = out.entry(*label).or_default();
        e.0 += usize::from(covered);
        e.1 += 1;
    }
    out
}

/// CrossRE sentences (one JSON object a line: `sentence` tokens, `ner`
/// spans, `relations` as `[h0, h1, t0, t1, label, ...]`) as extra training
/// articles of `per` sentences each, their labels mapped to the ontology's:
/// `physical` and a place's `part-of` are `located_in` (from an
/// organisation or place), `role` is `role` (a person's), `opposite` is
/// `opposes`, an organisation's `part-of` is `part_of`, a person's
/// `part-of` and `general-affiliation` are `member_of`; `win-defeat`
/// (sporting rivalry) is no relation; the other labels teach nothing.
/// Returns each pseudo-article's text and gold graph.
pub fn crossre_articles(jsonl: &str, per: usize) -> Result<Vec<(String, GoldFile)>, String> {
    #[derive(serde::Deserialize)]
    struct Line {
        sentence: Vec<String>,
        #[serde(default, rename = "sentence-detokenized")]
        detokenized: Option<String>,
        ner: Vec<(usize, usize, String)>,
        relations: Vec<serde_json::Value>,
    }
    use crate::model::{EntityType, Label};
    let kind = |t: &str| match t {
        "person" | "politician" => Some(EntityType::Per),
        "organisation" | "politicalparty" => Some(EntityType::Org),
        "location" | "country" => Some(EntityType::Loc),
        "misc" => Some(EntityType::Misc),
        _ => None,
    };
    let mut out = Vec::new();
    let mut text = String::new();
    let mut entities: Vec<gold::GoldEntity> = Vec::new();
    let mut relations: Vec<gold::GoldRelation> = Vec::new();
    let mut count = 0;
    let flush = |text: &mut String,
                 entities: &mut Vec<gold::GoldEntity>,
                 relations: &mut Vec<gold::GoldRelation>,
                 out: &mut Vec<(String, GoldFile)>| {
        if !text.is_empty() {
            out.push((
                std::mem::take(text),
                GoldFile {
                    article: String::new(),
                    lang: None,
                    entities: std::mem::take(entities),
                    relations: std::mem::take(relations),
                },
            ));
        }
    };
    for (i, raw) in jsonl.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| format!("line {}: {e}", i + 1))?;
        let span = |a: usize, b: usize| -> Option<String> {
            (b < line.sentence.len() && a <= b).then(|| line.sentence[a..=b].join(" "))
        };
        let sentence = line
            .detokenized
            .clone()
            .unwrap_or_else(|| line.sentence.join(" "));
        text.push_str(&sentence);
        text.push('\n');
        let mut types: BTreeMap<(usize, usize), EntityType> = BTreeMap::new();
        for (a, b, t) in &line.ner {
            let (Some(k), Some(form)) = (kind(t), span(*a, *b)) else {
                continue;
            };
            types.insert((*a, *b), k);
            if !entities.iter().any(|e| e.name == form) {
                entities.push(gold::GoldEntity {
                    name: form.clone(),
                    kind: k,
                    aliases: vec![form],
                    optional: false,
                });
            }
        }
        for r in &line.relations {
            let num = |k: usize| {
                r.get(k)
                    .and_then(serde_json::Value::as_u64)
                    .map(|x| x as usize)
            };
            let (Some(h0), Some(h1), Some(t0), Some(t1), Some(label)) = (
                num(0),
                num(1),
                num(2),
                num(3),
                r.get(4).and_then(|x| x.as_str()),
            ) else {
                continue;
            };
            let (Some(&hk), Some(&tk)) = (types.get(&(h0, h1)), types.get(&(t0, t1))) else {
                continue;
            };
            let (Some(h), Some(t)) = (span(h0, h1), span(t0, t1)) else {
                continue;
            };
            use EntityType::{Loc, Org, Per};
            let mapped = match (label, hk, tk) {
                ("physical", Org | Loc, Loc) => Some((Label::LocatedIn, false)),
                ("part-of", Loc, Loc) => Some((Label::LocatedIn, false)),
                ("part-of", Org, Org | Loc) => Some((Label::PartOf, false)),
                ("part-of" | "general-affiliation", Per, Org) => Some((Label::MemberOf, false)),
                ("role", Per, Org | Loc) => Some((Label::Role, false)),
                ("opposite", Per | Org | Loc, Per | Org | Loc) => Some((Label::Opposes, false)),
                // Sporting rivalry, a person's whereabouts: no relation.
                ("win-defeat", _, _) | ("physical", Per, _) => None,
                // Unmapped (an optional relation): the pair teaches nothing.
                _ => Some((Label::Meets, true)),
            };
            if let Some((label, optional)) = mapped {
                relations.push(gold::GoldRelation {
                    head: gold::OneOrMany::One(h),
                    label,
                    tail: gold::OneOrMany::One(t),
                    optional,
                });
            }
        }
        count += 1;
        if count % per == 0 {
            flush(&mut text, &mut entities, &mut relations, &mut out);
        }
    }
    flush(&mut text, &mut entities, &mut relations, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;

    #[test]
    fn a_labels_threshold_is_never_below_the_global_one_unless_asked() {
        // Pooled F1 best with the global threshold at 0.7 and located_in's
        // at 0.4 (the global one weighs more).
        let pooled = |m: &Model| {
            1.0 - 2.0 * f64::from((m.threshold - 0.7).abs())
                - f64::from((m.threshold_of(Label::LocatedIn) - 0.4).abs())
        };
        let m = tune_thresholds((1.0, 0.0), true, true, &pooled);
        assert!((m.threshold - 0.7).abs() < 1e-6, "{}", m.threshold);
        assert!((m.threshold_of(Label::LocatedIn) - 0.4).abs() < 1e-6);
        let m = tune_thresholds((1.0, 0.0), true, false, &pooled);
        assert!((m.threshold_of(Label::LocatedIn) - 0.7).abs() < 1e-6);
        for label in Label::TYPED {
            assert!(m.threshold_of(label) >= m.threshold - 1e-6, "{label}");
        }
    }
}
