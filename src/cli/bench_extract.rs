//! `kg bench extract`: the CPU cost of extraction alone (`extract::extract`,
//! tagger included, no store), on one core, over JSONL corpora, folders of
//! text articles and CoNLL files (whose sentences are joined into articles
//! of ten), so extraction can be tuned apart from SQLite.
//!
//! Tokens are counted as `kg bench run` counts them (word-bound segments),
//! time is this thread's CPU time, each figure the best of `--repeat`
//! passes. `--dump` writes every extraction in full (debug form, one
//! article after another), so two builds can be checked to extract exactly
//! the same thing.

use super::bench_tag::cpu_seconds;
use crate::bench::corpus::{conll_sentences, count_tokens};
use crate::extract::{self, Input};
use crate::ingest::{jsonl, txt};
use crate::model::{ArticleLang, Lang};
use anyhow::Context;
use std::hint::black_box;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSONL corpora, folders of .txt articles, or .conll files
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Articles read at most, over all paths [default: all]
    #[arg(long)]
    pub limit: Option<usize>,
    /// Timed passes over all articles; the best is reported
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Write every extraction (debug form) to this file
    #[arg(long)]
    pub dump: Option<PathBuf>,
}

/// One article as ingest would hand it to extraction.
struct Article {
    text: String,
    lang: Option<Lang>,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut articles = Vec::new();
    for p in &args.paths {
        read(p, &mut articles, args.limit.unwrap_or(usize::MAX))?;
    }
    let tokens: u64 = articles.iter().map(|a| count_tokens(&a.text)).sum();
    if let Some(path) = &args.dump {
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        let mut w = std::io::BufWriter::new(file);
        for a in &articles {
            writeln!(w, "{:#?}", extract::extract(input(a)))?;
        }
        w.flush()?;
    }
    let clock = if cpu_seconds().is_some() {
        "CPU"
    } else {
        "wall-clock"
    };
    // Word lists and models load on first use: not part of the cost.
    for a in articles.iter().take(50) {
        for lang in [Lang::Fr, Lang::En] {
            black_box(extract::extract(Input {
                text: &a.text,
                lang: Some(lang),
            }));
        }
    }
    let mut best = f64::INFINITY;
    for _ in 0..args.repeat.max(1) {
        // A small corpus is read again until a timed pass lasts long
        // enough for the clock (CPU time ticks in milliseconds or more).
        let (c0, t0) = (cpu_seconds(), Instant::now());
        let mut passes = 0u32;
        while passes == 0 || t0.elapsed().as_secs_f64() < MIN_TIMED_SECONDS {
            pass(&articles);
            passes += 1;
        }
        let used = match (c0, cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => t0.elapsed().as_secs_f64(),
        };
        best = best.min(used / f64::from(passes));
    }
    println!(
        "{} articles, {tokens} tokens: {best:.4} {clock}-s (best of {}), {:.3} {clock}-s per 1M tokens, {:.0} tokens per {clock}-s",
        articles.len(),
        args.repeat.max(1),
        best * 1e6 / tokens.max(1) as f64,
        tokens as f64 / best.max(1e-9),
    );
    Ok(crate::cli::exit::OK)
}

/// The least wall-clock time of one timed pass over the corpus.
const MIN_TIMED_SECONDS: f64 = 0.25;

/// One timed pass; a function of its own so a profiler can be told to
/// count only inside it (`valgrind --tool=callgrind
/// --toggle-collect='*bench_extract::pass'`).
#[inline(never)]
fn pass(articles: &[Article]) {
    for a in articles {
        black_box(extract::extract(input(black_box(a))));
    }
}

fn input(a: &Article) -> Input<'_> {
    Input {
        text: &a.text,
        lang: a.lang,
    }
}

/// Reads the articles of one path into `out`, up to `limit` in all.
fn read(path: &Path, out: &mut Vec<Article>, limit: usize) -> anyhow::Result<()> {
    let name = path.display().to_string();
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("cannot read {name}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            if out.len() >= limit {
                break;
            }
            let text = std::fs::read_to_string(&f)
                .with_context(|| format!("cannot read {}", f.display()))?;
            let name = f.display().to_string();
            let (a, lang) = txt::parse(&name, text).map_err(|m| anyhow::anyhow!("{name}: {m}"))?;
            out.push(Article { text: a.text, lang });
        }
    } else if path.extension().is_some_and(|e| e == "conll") {
        let sents = conll_sentences(path, usize::MAX)?;
        for chunk in sents.chunks(10) {
            if out.len() >= limit {
                break;
            }
            out.push(Article {
                text: chunk.join(" "),
                lang: None,
            });
        }
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
        for line in std::io::BufReader::new(file).lines() {
            if out.len() >= limit {
                break;
            }
            let line = line.with_context(|| format!("cannot read {name}"))?;
            if line.trim().is_empty() {
                continue;
            }
            let (a, lang) = jsonl::parse_line(&line).map_err(|m| anyhow::anyhow!("{name}: {m}"))?;
            // Another language is identified again, and nothing extracted.
            let lang = lang.and_then(ArticleLang::extracted);
            out.push(Article { text: a.text, lang });
        }
    }
    Ok(())
}
