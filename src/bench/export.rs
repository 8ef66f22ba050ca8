//! `kg bench export`: every export format of one database timed as a
//! fresh `kg export` process (wall time, peak resident memory, its
//! anonymous part, bytes written), then NetworkX's own writers on the same
//! graph (`bench/networkx_export.py` loading kg's node-link JSON, one
//! process per writer) in the same session, so each figure comes with its
//! ratio. Everything here measures and returns numbers; the CLI prints.

use super::process::{Measured, measure};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Every format of `kg export`, in the order they are measured (`json`
/// first: NetworkX reads it).
pub const FORMATS: [&str; 10] = [
    "json",
    "dot",
    "graphml",
    "gexf",
    "csv",
    "csv-nodes",
    "neo4j",
    "cypher",
    "ntriples",
    "turtle",
];

/// NetworkX's writer for what a kg format holds, if it has one:
/// `node_link_data` dumped with `json`, `write_graphml`, `write_gexf`,
/// `write_edgelist` (comma-delimited, with the edge attributes).
pub fn nx_writer(format: &str) -> Option<&'static str> {
    match format {
        "json" => Some("node_link"),
        "graphml" => Some("graphml"),
        "gexf" => Some("gexf"),
        "csv" => Some("edgelist"),
        _ => None,
    }
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `kg` binary to time.
    pub kg: PathBuf,
    /// The database to export.
    pub db: PathBuf,
    /// Where the exports are written (each removed once measured unless
    /// `keep`).
    pub dir: PathBuf,
    pub formats: Vec<String>,
    /// Evidence sentences per edge (`kg export --evidence`; 0: all).
    pub evidence: usize,
    /// Python with NetworkX; None skips its writers.
    pub python: Option<PathBuf>,
    /// `networkx_export.py`.
    pub script: PathBuf,
    /// A process slower than this is killed and counted as failed.
    pub timeout: Duration,
    pub keep: bool,
}

/// One measured process.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub wall_s: f64,
    pub cpu_s: Option<f64>,
    /// Peak resident set (`VmHWM`): with the database pages it maps.
    pub peak_mb: Option<f64>,
    /// The largest anonymous resident set seen: its own allocations.
    pub anon_mb: Option<f64>,
    /// Bytes written (both files of `neo4j`).
    pub bytes: u64,
    /// What went wrong, when it failed.
    pub error: Option<String>,
}

/// NetworkX writing what one kg format holds.
#[derive(Debug, Clone, Serialize)]
pub struct NxRun {
    pub writer: String,
    pub run: Run,
    /// Reading kg's JSON and building the graph, then writing, as the
    /// script timed them.
    pub load_s: Option<f64>,
    pub write_s: Option<f64>,
    pub nodes: Option<u64>,
    pub edges: Option<u64>,
}

/// One format: kg, and NetworkX when it has a writer.
#[derive(Debug, Clone, Serialize)]
pub struct FormatRow {
    pub format: String,
    pub kg: Run,
    pub nx: Option<NxRun>,
}

/// Everything measured on one database.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub db: String,
    pub db_mb: f64,
    pub nodes: i64,
    pub edges: i64,
    pub evidence: usize,
    pub rows: Vec<FormatRow>,
    /// `/proc/loadavg`'s first three fields, before and after.
    pub load_before: Option<String>,
    pub load_after: Option<String>,
}

/// What the script prints.
#[derive(Debug, Deserialize)]
struct NxOut {
    load_s: Option<f64>,
    write_s: Option<f64>,
    nodes: Option<u64>,
    edges: Option<u64>,
}

fn mb(kb: Option<u64>) -> Option<f64> {
    kb.map(|k| k as f64 / 1024.0)
}

/// The size of a file, or of the files of a folder.
fn bytes(p: &Path) -> u64 {
    if p.is_dir() {
        std::fs::read_dir(p)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.metadata().map_or(0, |m| m.len()))
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::metadata(p).map_or(0, |m| m.len())
    }
}

fn remove(p: &Path) {
    let _ = if p.is_dir() {
        std::fs::remove_dir_all(p)
    } else {
        std::fs::remove_file(p)
    };
}

fn run_of(m: &Measured, out: &Path) -> Run {
    let error = (!m.success).then(|| {
        if m.timed_out {
            "timed out".to_string()
        } else {
            String::from_utf8_lossy(&m.stderr).trim().to_string()
        }
    });
    Run {
        wall_s: m.wall_s,
        cpu_s: m.cpu_s,
        peak_mb: mb(m.peak_kb),
        anon_mb: mb(m.peak_anon_kb),
        bytes: bytes(out),
        error,
    }
}

fn load_average() -> Option<String> {
    let l = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// The file (or, for `neo4j`, the folder) a format is written to.
fn output(dir: &Path, format: &str) -> PathBuf {
    dir.join(format!("export.{format}"))
}

/// Exports the database in every format of [`FORMATS`] that `cfg.formats`
/// names and runs NetworkX's writers on kg's JSON, reporting progress
/// through `log`.
pub fn run(cfg: &Config, log: &mut dyn FnMut(&str)) -> Result<Report> {
    std::fs::create_dir_all(&cfg.dir).map_err(|source| Error::Io {
        path: cfg.dir.display().to_string(),
        source,
    })?;
    let (nodes, edges) = crate::store::Store::open_read_only(&cfg.db)?.totals()?;
    let load_before = load_average();
    // NetworkX reads kg's JSON: written first, kept until it is done.
    let mut formats: Vec<&str> = FORMATS
        .iter()
        .copied()
        .filter(|f| cfg.formats.iter().any(|g| g == f))
        .collect();
    let nx_wanted = cfg.python.is_some() && formats.iter().any(|f| nx_writer(f).is_some());
    if nx_wanted && formats.first() != Some(&"json") {
        formats.insert(0, "json");
    }
    let json = output(&cfg.dir, "json");
    let mut rows = Vec::new();
    for format in formats {
        let out = output(&cfg.dir, format);
        remove(&out);
        log(&format!("kg export -f {format}"));
        let m = measure(
            Command::new(&cfg.kg)
                .arg("--db")
                .arg(&cfg.db)
                .args(["export", "-f", format, "--evidence"])
                .arg(cfg.evidence.to_string())
                .arg("-o")
                .arg(&out),
            Some(cfg.timeout),
        )?;
        let kg = run_of(&m, &out);
        if !(cfg.keep || format == "json" && nx_wanted) {
            remove(&out);
        }
        if cfg.formats.iter().any(|f| f == format) {
            rows.push(FormatRow {
                format: format.to_string(),
                kg,
                nx: None,
            });
        }
    }
    if let (Some(python), true) = (&cfg.python, nx_wanted) {
        for row in &mut rows {
            let Some(writer) = nx_writer(&row.format) else {
                continue;
            };
            let out = cfg.dir.join(format!("networkx.{}", row.format));
            log(&format!("NetworkX {writer}"));
            let m = measure(
                Command::new(python)
                    .arg(&cfg.script)
                    .arg(&json)
                    .arg(writer)
                    .arg(&out),
                Some(cfg.timeout),
            )?;
            let parsed: Option<NxOut> = serde_json::from_slice(&m.stdout).ok();
            let run = run_of(&m, &out);
            remove(&out);
            row.nx = Some(NxRun {
                writer: writer.to_string(),
                run,
                load_s: parsed.as_ref().and_then(|p| p.load_s),
                write_s: parsed.as_ref().and_then(|p| p.write_s),
                nodes: parsed.as_ref().and_then(|p| p.nodes),
                edges: parsed.as_ref().and_then(|p| p.edges),
            });
        }
        if !cfg.keep {
            remove(&json);
        }
    }
    Ok(Report {
        db: cfg.db.display().to_string(),
        db_mb: bytes(&cfg.db) as f64 / 1e6,
        nodes,
        edges,
        evidence: cfg.evidence,
        rows,
        load_before,
        load_after: load_average(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_one_kg_knows() {
        for f in FORMATS {
            assert!(f.parse::<crate::export::Format>().is_ok(), "{f}");
        }
        assert_eq!(nx_writer("json"), Some("node_link"));
        assert_eq!(nx_writer("turtle"), None);
    }
}
