//! End-to-end tests of the `kg` binary: each runs in its own temporary
//! directory and checks stdout, stderr and the exit code, plus what the
//! database holds afterwards.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");

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
        let mut c = Command::cargo_bin("kg").expect("kg binary");
        c.current_dir(self.dir.path())
            .env_remove("KG_DB")
            .arg("--db")
            .arg(self.db());
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

#[test]
fn ingest_twice_leaves_the_database_unchanged() {
    let env = Env::new();
    env.kg()
        .args(["ingest", SAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "articles:  1 new, 0 skipped, 0 failed",
        ));
    let first = env.dump();
    assert!(first.contains("== articles (1 rows)"), "{first}");
    env.kg()
        .args(["ingest", SAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "articles:  0 new, 1 skipped, 0 failed",
        ));
    assert_eq!(env.dump(), first);
}

#[test]
fn read_commands_on_a_missing_database_fail_without_creating_it() {
    let env = Env::new();
    for args in [vec!["stats"], vec!["entities"]] {
        env.kg().args(&args).assert().code(1).stderr(
            predicate::str::contains("kg: database")
                .and(predicate::str::contains("does not exist")),
        );
        assert!(!env.db().exists(), "{args:?} created the database");
        let leftovers: Vec<_> = std::fs::read_dir(env.dir.path()).expect("ls").collect();
        assert!(leftovers.is_empty(), "{args:?} left {leftovers:?}");
    }
}

#[test]
fn stats_and_entities_report_what_was_ingested() {
    let env = Env::new();
    env.ingest_sample();
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(env.kg().args(["stats", "--json"]))).expect("json");
    assert_eq!(stats["articles"], 1);
    assert!(stats["entities"].as_i64().expect("count") > 0);
    let entities: serde_json::Value = serde_json::from_str(&stdout_of(
        env.kg().args(["entities", "--json", "--limit", "0"]),
    ))
    .expect("json");
    let n = entities.as_array().expect("array").len() as i64;
    assert_eq!(n, stats["entities"].as_i64().expect("count"));
}

#[test]
fn binary_non_utf8_and_empty_files_are_reported_and_skipped_keeping_what_was_stored() {
    let env = Env::new();
    env.ingest_sample();
    let before = env.dump();
    env.write("in/a.txt", b"\x7fELF\x00\x01\x02binary");
    env.write("in/b.txt", b"caf\xe9 au lait, encod\xe9 en latin-1\n");
    env.write("in/c.md", b"  \n\n");
    env.write("in/d.jsonl", b"");
    env.kg()
        .arg("ingest")
        .arg(env.path("in"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 new, 0 skipped, 4 failed"))
        .stderr(
            predicate::str::contains("a.txt: binary file (contains NUL bytes), skipped")
                .and(predicate::str::contains(
                    "b.txt: not UTF-8 text (invalid byte at offset 3), skipped",
                ))
                .and(predicate::str::contains("c.md: empty file, skipped"))
                .and(predicate::str::contains("d.jsonl: empty file, skipped"))
                .and(predicate::str::contains("kg: nothing could be ingested")),
        );
    assert_eq!(env.dump(), before, "a failed ingest changed the database");
}

#[test]
fn bad_jsonl_lines_are_named_and_the_other_lines_ingested() {
    let env = Env::new();
    env.ingest_sample();
    let jsonl = env.write(
        "news.jsonl",
        concat!(
            r#"{"id": "a1", "title": "One", "lang": "en", "text": "Talks between Alice Martin and Bob Stone began in Vienna."}"#,
            "\n",
            "this is not json\n",
            r#"{"title": "no text here"}"#,
            "\n",
            r#"{"text": "Claire Dubois a rencontré Paul Durand à Lyon.", "lang": "fr", "date": "2021-09-30"}"#,
            "\n",
        ),
    );
    env.kg()
        .arg("ingest")
        .arg(&jsonl)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "articles:  2 new, 0 skipped, 2 failed",
        ))
        .stderr(
            predicate::str::contains("news.jsonl:2: not a JSON object").and(
                predicate::str::contains("news.jsonl:3: missing required field `text`"),
            ),
        );
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(env.kg().args(["stats", "--json"]))).expect("json");
    assert_eq!(stats["articles"], 3, "the sample and two good lines");
}
