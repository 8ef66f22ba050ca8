//! `kg bench`: the scale benchmark of issue 5.
//!
//! `kg bench gen` writes a seeded, deterministic corpus of news-like
//! articles (JSONL); `kg bench run` generates, ingests and queries graphs
//! of growing size and prints every figure beside the baselines'.

use crate::bench::corpus::{self, Filler};
use anyhow::Context;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub command: BenchCommand,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write a seeded corpus of generated news articles as JSONL
    Gen(GenArgs),
}

#[derive(Debug, Args)]
pub struct GenArgs {
    /// How many articles (accepts 10k, 1M)
    #[arg(long, value_parser = parse_count, default_value = "1000")]
    pub articles: u64,
    /// Seed: the same seed gives the same corpus
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output file, `-` for standard output
    #[arg(long, short, default_value = "-")]
    pub out: PathBuf,
    /// Mix in real sentences as filler from this folder of CoNLL corpora
    /// (e.g. ../shared/data); skipped when absent
    #[arg(long, value_name = "DIR")]
    pub filler: Option<PathBuf>,
}

pub fn run(args: BenchArgs) -> anyhow::Result<i32> {
    match args.command {
        BenchCommand::Gen(a) => run_gen(a),
    }
}

/// Parses a count with an optional k/M suffix: `10k`, `1M`, `2500`.
pub fn parse_count(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1_000.0),
        Some((i, 'm' | 'M')) => (&t[..i], 1_000_000.0),
        _ => (t, 1.0),
    };
    num.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| (n * mult).round() as u64)
        .ok_or_else(|| format!("not a count: {s:?} (expected e.g. 500, 10k, 1M)"))
}

/// Real filler sentences from the shared CoNLL corpora, when present.
fn load_filler(dir: Option<&Path>) -> anyhow::Result<Filler> {
    let mut filler = Filler::default();
    let Some(dir) = dir else { return Ok(filler) };
    if !dir.is_dir() {
        eprintln!(
            "kg: filler folder {} not found; templates only",
            dir.display()
        );
        return Ok(filler);
    }
    let sources = [
        ("conll2003/train.conll", false),
        ("wikineural_fr/dev.conll", true),
    ];
    for (rel, fr) in sources {
        let path = dir.join(rel);
        if path.is_file() {
            let s = corpus::conll_sentences(&path, 20_000)?;
            if fr { &mut filler.fr } else { &mut filler.en }.extend(s);
        }
    }
    Ok(filler)
}

fn run_gen(args: GenArgs) -> anyhow::Result<i32> {
    let filler = load_filler(args.filler.as_deref())?;
    let started = std::time::Instant::now();
    let dest = args.out.display().to_string();
    let summary = if dest == "-" {
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        corpus::generate(args.articles, args.seed, &filler, &mut w, "-")?
    } else {
        let file =
            std::fs::File::create(&args.out).with_context(|| format!("cannot create {dest}"))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        corpus::generate(args.articles, args.seed, &filler, &mut w, &dest)?
    };
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "generated {} articles, {} tokens, {:.1} MB, {} distinct named things, in {:.1} s",
        summary.articles,
        summary.tokens,
        summary.bytes as f64 / 1e6,
        summary.distinct_things,
        started.elapsed().as_secs_f64()
    )?;
    Ok(crate::cli::exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_suffixes() {
        assert_eq!(parse_count("10k"), Ok(10_000));
        assert_eq!(parse_count("1M"), Ok(1_000_000));
        assert_eq!(parse_count("2.5k"), Ok(2_500));
        assert_eq!(parse_count("77"), Ok(77));
        assert!(parse_count("lots").is_err());
        assert!(parse_count("-3").is_err());
    }
}
