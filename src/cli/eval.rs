//! `kg eval`: scores extraction against gold data.
//!
//! `kg eval gold DIR|FILE...` runs extraction on each gold file's article and
//! prints the scores of ontology.md (entities, typed entities, relation
//! pairs, labelled relations), per article and in total (micro-averaged).

use crate::eval::Counts;
use crate::eval::gold::{self, GoldFile, Score};
use crate::extract::{Input, extract};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

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
}

pub fn run(args: EvalArgs) -> anyhow::Result<i32> {
    match args.command {
        EvalCommand::Gold(a) => run_gold(a),
        EvalCommand::Ner(a) => super::eval_ner::run(a),
    }
}

fn run_gold(args: GoldArgs) -> anyhow::Result<i32> {
    let mut files = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        bail!(
            "no gold .json files in {}",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut rows = Vec::new();
    let mut total = Score::default();
    for file in &files {
        let (name, score) = score_file(file)?;
        total.add(&score);
        rows.push((name, score));
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let articles: Vec<_> = rows
            .iter()
            .map(|(n, s)| serde_json::json!({"article": n, "scores": summary(s), "missed": s.missed, "spurious": s.spurious}))
            .collect();
        let doc = serde_json::json!({"articles": articles, "total": summary(&total)});
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(super::exit::OK);
    }
    writeln!(
        out,
        "{:<40} {:>17} {:>17} {:>17} {:>17}",
        "article", "entities P/R/F1", "typed P/R/F1", "pairs P/R/F1", "labelled P/R/F1"
    )?;
    for (name, s) in &rows {
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
    writeln!(
        out,
        "{}",
        line(&format!("total ({} articles)", rows.len()), &total)
    )?;
    Ok(super::exit::OK)
}

fn score_file(file: &Path) -> anyhow::Result<(String, Score)> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let g: GoldFile = serde_json::from_str(&raw)
        .with_context(|| format!("{}: not a gold file", file.display()))?;
    let base = file
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let text_path = base.join(&g.article);
    let text = std::fs::read_to_string(&text_path).with_context(|| {
        format!(
            "{}: reading its article {}",
            file.display(),
            text_path.display()
        )
    })?;
    let ex = extract(Input {
        text: &text,
        lang: None,
    });
    let score = gold::score(&g, &ex).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, score))
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
    })
}
