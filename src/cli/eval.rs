//! `kg eval`: scores extraction against gold data.
//!
//! `kg eval gold DIR|FILE...` runs extraction on each gold file's article and
//! prints the scores of ontology.md (entities, typed entities, relation
//! pairs, labelled relations), per article and in total (micro-averaged).

use super::gold::{gold_files, read_article};
use crate::eval::Counts;
use crate::eval::gold::{Band, Score, at_confidence, calibration, calibration_error};
use crate::eval::learn::{self, Article};
use crate::extract::Relations;
use crate::extract::classify::Model;
use crate::model::Label;
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub command: EvalCommand,
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score extraction against gold graphs (JSON files, or folders of them)
    Gold(GoldArgs),
    /// Score the entity tagger on a labelled CoNLL file (conlleval-style)
    Ner(super::eval_ner::NerArgs),
}

#[derive(Debug, Args)]
pub struct GoldArgs {
    /// Gold JSON files or folders holding them; each file's `article` is
    /// read relative to the folder above the gold file's folder
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// List what was missed and what was spurious, per article
    #[arg(long, short)]
    pub verbose: bool,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Cross-validate over articles: train the relation model on all but
    /// one of K folds, score the fold left out, K times
    #[arg(long, value_name = "K")]
    pub folds: Option<usize>,
    #[command(flatten)]
    pub train: super::train_rel::TrainArgs,
    /// Typed relations from the rules alone, not the relation model
    #[arg(long, conflicts_with = "folds")]
    pub rules: bool,
    /// With --folds: each gold pair's out-of-fold scores and top features
    #[arg(long, hide = true, requires = "folds")]
    pub diagnose: bool,
    /// Relation model file to score with instead of the shipped one
    #[arg(long, value_name = "FILE", conflicts_with_all = ["folds", "rules"])]
    pub model: Option<PathBuf>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<i32> {
    match args.command {
        EvalCommand::Gold(a) => run_gold(a),
        EvalCommand::Ner(a) => super::eval_ner::run(a),
    }
}

fn run_gold(args: GoldArgs) -> anyhow::Result<i32> {
    let files = gold_files(&args.paths)?;
    let mut names = crate::model::Map::default();
    let mut articles: Vec<Article> = files
        .iter()
        .map(|f| read_article(f, args.diagnose.then_some(&mut names)))
        .collect::<anyhow::Result<_>>()?;
    args.train.mark_fresh(&files, &mut articles)?;
    let scores: Vec<Score> = if let Some(k) = args.folds {
        if k < 2 || k > articles.len() {
            bail!(
                "--folds {k}: needs 2 to {} (the number of articles)",
                articles.len()
            );
        }
        let extra = args.train.extra(args.diagnose.then_some(&mut names))?;
        let extra: Vec<&Article> = extra.iter().collect();
        let mut lines = Vec::new();
        let diag = args.diagnose.then_some((&names, &mut lines));
        let scores = learn::cross_validate(&articles, &extra, k, &args.train.options(), diag);
        for l in &lines {
            println!("{l}");
        }
        scores
    } else {
        let loaded;
        let how = if args.rules {
            Relations::Rules
        } else if let Some(path) = &args.model {
            let src = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            loaded = Model::parse(&src).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Relations::Model(&loaded)
        } else {
            Relations::Model(Model::builtin())
        };
        articles
            .iter()
            .map(|a| {
                let ex = a.analysis.clone().finish(how);
                crate::eval::gold::score(&a.gold, &ex)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", a.name))
            })
            .collect::<anyhow::Result<_>>()?
    };
    let rows: Vec<(String, Option<String>, Score)> = articles
        .iter()
        .zip(scores)
        .map(|(a, s)| (a.name.clone(), a.gold.lang.clone(), s))
        .collect();
    let mut total = Score::default();
    let mut by_lang: BTreeMap<String, Score> = BTreeMap::new();
    for (_, lang, s) in &rows {
        total.add(s);
        by_lang
            .entry(lang.clone().unwrap_or_else(|| "?".into()))
            .or_default()
            .add(s);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let articles: Vec<_> = rows
            .iter()
            .map(|(n, _, s)| serde_json::json!({"article": n, "scores": summary(s), "missed": s.missed, "spurious": s.spurious}))
            .collect();
        let langs: BTreeMap<&String, serde_json::Value> =
            by_lang.iter().map(|(l, s)| (l, summary(s))).collect();
        let doc = serde_json::json!({
            "folds": args.folds,
            "articles": articles,
            "languages": langs,
            "total": summary(&total),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(super::exit::OK);
    }
    if args.verbose {
        let mut cover: BTreeMap<Label, (usize, usize)> = BTreeMap::new();
        for a in &articles {
            for (label, (c, n)) in learn::coverage(a) {
                let e = cover.entry(label).or_default();
                e.0 += c;
                e.1 += n;
            }
        }
        let (c, n) = cover.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let each: Vec<String> = cover
            .iter()
            .map(|(l, (c, n))| format!("{l} {c}/{n}"))
            .collect();
        writeln!(
            out,
            "candidate pairs cover {c} of {n} required gold relations ({})",
            each.join(", ")
        )?;
    }
    if let Some(k) = args.folds {
        writeln!(
            out,
            "cross-validated over {} articles in {k} folds: each row scored by a relation model trained without its fold",
            rows.len()
        )?;
    }
    writeln!(
        out,
        "{:<40} {:>17} {:>17} {:>17} {:>17}",
        "article", "entities P/R/F1", "typed P/R/F1", "pairs P/R/F1", "labelled P/R/F1"
    )?;
    for (name, _, s) in &rows {
        writeln!(out, "{}", line(name, s))?;
        if args.verbose {
            for m in &s.missed {
                writeln!(out, "    missed   {m}")?;
            }
            for m in &s.spurious {
                writeln!(out, "    spurious {m}")?;
            }
        }
    }
    if by_lang.len() > 1 {
        for (lang, s) in &by_lang {
            writeln!(out, "{}", line(&format!("total {lang}"), s))?;
        }
    }
    writeln!(
        out,
        "{}",
        line(&format!("total ({} articles)", rows.len()), &total)
    )?;
    writeln!(out)?;
    counts_table(
        &mut out,
        ("label", 12),
        Label::TYPED.iter().map(|label| {
            let c = total.by_label.get(label).copied().unwrap_or_default();
            (label.as_str().to_string(), c)
        }),
    )?;
    writeln!(out)?;
    counts_table(
        &mut out,
        ("min-confidence", 16),
        MIN_CONFIDENCES
            .iter()
            .map(|&min| (format!("{min:.1}"), at_confidence(&total, min))),
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<16} {:>9} {:>5} {:>9} {:>9}",
        "confidence", "relations", "true", "precision", "mean"
    )?;
    let bands = bands(&total);
    for (name, b) in &bands {
        let (p, mean) = if b.relations == 0 {
            ("-".to_string(), "-".to_string())
        } else {
            (
                format!("{:.2}", b.right as f64 / b.relations as f64),
                format!("{:.2}", b.mean),
            )
        };
        writeln!(
            out,
            "{name:<16} {:>9} {:>5} {p:>9} {mean:>9}",
            b.relations, b.right
        )?;
    }
    let bands: Vec<Band> = bands.into_iter().map(|(_, b)| b).collect();
    writeln!(
        out,
        "calibration error (precision against mean confidence, weighed): {:.3}",
        calibration_error(&bands)
    )?;
    Ok(super::exit::OK)
}

/// A table of tp, fp, fn and P/R/F1, one row per name; its first column
/// is `head.1` characters wide.
fn counts_table(
    out: &mut impl Write,
    head: (&str, usize),
    rows: impl Iterator<Item = (String, Counts)>,
) -> std::io::Result<()> {
    let w = head.1;
    writeln!(
        out,
        "{:<w$} {:>5} {:>5} {:>5} {:>17}",
        head.0, "tp", "fp", "fn", "P/R/F1"
    )?;
    for (name, c) in rows {
        writeln!(
            out,
            "{name:<w$} {:>5} {:>5} {:>5} {:>17}",
            c.tp,
            c.fp,
            c.fn_,
            prf(&c)
        )?;
    }
    Ok(())
}

/// The `--min-confidence` floors the table shows.
const MIN_CONFIDENCES: [f32; 6] = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9];

/// The calibration bands, named "0.5-0.6".
fn bands(s: &Score) -> Vec<(String, Band)> {
    let c = calibration(s);
    (0..c.len())
        .map(|i| {
            let name = match c.get(i + 1) {
                Some(next) => format!("{:.1}-{:.1}", c[i].from, next.from),
                None => format!("{:.1}-1.0", c[i].from),
            };
            (name, c[i])
        })
        .collect()
}

fn prf(c: &Counts) -> String {
    format!("{:.2}/{:.2}/{:.2}", c.precision(), c.recall(), c.f1())
}

fn line(name: &str, s: &Score) -> String {
    format!(
        "{:<40} {:>17} {:>17} {:>17} {:>17}",
        name,
        prf(&s.entities),
        prf(&s.typed_entities),
        prf(&s.pairs),
        prf(&s.labelled)
    )
}

fn summary(s: &Score) -> serde_json::Value {
    let one = |c: &Counts| serde_json::json!({"tp": c.tp, "fp": c.fp, "fn": c.fn_, "precision": c.precision(), "recall": c.recall(), "f1": c.f1()});
    serde_json::json!({
        "entities": one(&s.entities),
        "typed_entities": one(&s.typed_entities),
        "relation_pairs": one(&s.pairs),
        "labelled_relations": one(&s.labelled),
        "labels": s.by_label.iter().map(|(l, c)| (l.as_str(), one(c))).collect::<BTreeMap<_, _>>(),
        "min_confidence": MIN_CONFIDENCES.iter().map(|&m| {
            let mut v = one(&at_confidence(s, m));
            v["min"] = serde_json::json!(m);
            v
        }).collect::<Vec<_>>(),
        "calibration": bands(s).into_iter().map(|(band, b)| serde_json::json!({
            "band": band, "relations": b.relations, "true": b.right, "mean_confidence": b.mean,
        })).collect::<Vec<_>>(),
        "calibration_error": calibration_error(&calibration(s)),
    })
}
