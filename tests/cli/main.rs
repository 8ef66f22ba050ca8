//! End-to-end tests of the `kg` binary, one test binary laid out by
//! command family (as xsv's and ripgrep's tests are): each test runs in its
//! own temporary directory and checks stdout, stderr and the exit code,
//! plus what the database holds afterwards. This file holds the shared
//! helpers: [`Env`] (a temp directory with `kg.db`), [`kg`], and the
//! fixture database the query and export tests read.

mod curation;
mod database;
mod dates;
mod distributed;
mod eval;
mod export;
mod export_formats;
mod export_stores;
mod facts;
mod ingest;
mod inputs;
mod interrupted_and_concurrent;
mod languages;
mod ner;
mod query;
mod real_world;
#[path = "../support/mod.rs"]
mod support;
mod view;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
const SAMPLE_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/articles/geneve-sherman-riabkov.fr.txt"
);

/// `kg` with `KG_DB` unset, so that no test reads the caller's database.
fn kg() -> Command {
    let mut c = Command::cargo_bin("kg").expect("kg binary is built");
    c.env_remove("KG_DB");
    c
}

/// A temporary directory with `kg.db` as the database path.
struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("kg.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write file");
        p
    }

    /// `kg --db <tmp>/kg.db ARGS...`, run in the temp directory, with
    /// `KG_DB` unset.
    fn kg(&self) -> Command {
        let mut c = kg();
        c.current_dir(self.dir.path()).arg("--db").arg(self.db());
        c
    }

    fn ingest_sample(&self) {
        self.kg().args(["ingest", SAMPLE]).assert().success();
    }

    /// Every row of every table, as text: equal dumps mean equal contents.
    fn dump(&self) -> String {
        dump(&self.db())
    }
}

fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open db");
    let mut out = String::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("list tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\""))
            .expect("select");
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        rows.sort();
        out.push_str(&format!(
            "== {t} ({} rows)\n{}\n",
            rows.len(),
            rows.join("\n")
        ));
    }
    out
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("utf-8 stdout")
}

/// Asserts that `err` holds each of `parts`.
fn assert_says(err: &str, parts: &[&str]) {
    for part in parts {
        assert!(err.contains(part), "{part:?} not in:\n{err}");
    }
}

/// The fixture article, made up for the query and export tests, which
/// build their database from it with `kg ingest` (see [`Env::fixture_db`]).
/// Written so that its extraction has the shapes they need, and they
/// expect what `kg ingest` actually gives:
/// - one simple path of three hops, Tove Lindqvist -role-> Finland
///   -agrees_with- Norway <-role- Olav Brekke;
/// - Hanna Väisänen and Olav Brekke linked twice, `meets` and `cooccurs`,
///   and Hanna Väisänen `leads` the Fisheries Agency;
/// - Tove Lindqvist named with NTB (`cooccurs` only);
/// - three `meets` in all, and pairs connected to nothing else.
const FIXTURE: &str = r#"Fishing talks in Bergen

The head of the Fisheries Agency, Ms Hanna Väisänen, led the first delegation on Thursday.

The deputy foreign minister of Norway, Olav Brekke, led the second.

Photos show Ms Väisänen shaking hands with Mr Brekke.

Hanna Väisänen met Olav Brekke in the morning.

On Wednesday the trade minister of Finland, Tove Lindqvist, hoped for concrete steps.

Tove Lindqvist later spoke to the news agency NTB.

Finally, Finland and Norway agreed on a "frank and useful" joint statement in the evening.

The talks took place in Lyon (France) last year.

At their summit on 16 June, Karl Ostberg met Lena Moss.

Even in the worst years, Oslo and Helsinki held talks.
"#;

/// The name [`FIXTURE`] is ingested under, in the temp directory.
const FIXTURE_FILE: &str = "talks.en.txt";

/// What `kg ingest` makes of [`FIXTURE`]: entities, and edges (each with
/// one sentence of evidence).
const FIXTURE_ENTITIES: usize = 14;
const FIXTURE_EDGES: usize = 10;

impl Env {
    /// A database holding what `kg ingest` extracts from [`FIXTURE`].
    fn fixture_db(&self) {
        self.write(FIXTURE_FILE, FIXTURE);
        self.kg()
            .args(["ingest", FIXTURE_FILE, "--lang", "en"])
            .assert()
            .success()
            .stdout(
                predicate::str::contains("articles:  1 new, 0 skipped, 0 failed")
                    .and(predicate::str::contains(format!(
                        "entities:  {FIXTURE_ENTITIES} (+{FIXTURE_ENTITIES})"
                    )))
                    .and(predicate::str::contains(format!(
                        "relations: {FIXTURE_EDGES} (+{FIXTURE_EDGES})"
                    ))),
            );
    }
}

impl Env {
    /// Runs an outside program in the temp directory; it must succeed.
    /// Returns its trimmed stdout.
    fn tool(&self, program: &str, args: &[&str]) -> String {
        let out = std::process::Command::new(program)
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("run {program}: {e}"));
        assert!(
            out.status.success(),
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

/// Whether an outside tool is there. Under CI=true a missing tool fails the
/// test; elsewhere the test is skipped with a note.
fn have(tool: &str, probe: &[&str]) -> bool {
    let ok = std::process::Command::new(probe[0])
        .args(&probe[1..])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{tool} is required when CI=true (.ci/run installs it)"
        );
        eprintln!("skipped: {tool} not found");
    }
    ok
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON on stdout")
}
