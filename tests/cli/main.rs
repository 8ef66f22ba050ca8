//! End-to-end tests of the `kg` binary, one test binary laid out by
//! command family (as xsv's and ripgrep's tests are): each test runs in its
//! own temporary directory and checks stdout, stderr and the exit code,
//! plus what the database holds afterwards. This file holds the shared
//! helpers: [`Env`] (a temp directory with `kg.db`), [`kg`], and the
//! fixture database the query and export tests read.

mod database;
mod eval;
mod export;
mod ingest;
mod interrupted_and_concurrent;
mod ner;
mod query;

use assert_cmd::Command;
use kg::extract::{Entity, Extraction, Mention, Relation, Span};
use kg::model::{COOCCURS_CONFIDENCE, EntityType, Label, Lang};
use kg::store::{ArticleRecord, Outcome, Store};
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
const SAMPLE_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/articles/geneve-sherman-riabkov.fr.txt"
);
const SAMPLE_SOURCE: &str = "data/articles/geneve-sherman-riabkov.fr.txt";

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

// ---------------------------------------------------------------------------
// A fixed, hand-built extraction of the sample article, written straight to
// the store. Query and export tests use it so that they do not move when
// extraction improves.

/// (name, type, other surface forms to find in the text); the key is the
/// lower-cased name.
const FIXTURE_ENTITIES: &[(&str, EntityType, &[&str])] = &[
    (
        "Wendy Sherman",
        EntityType::Per,
        &["Mme Wendy Sherman", "Mme Sherman"],
    ),
    ("Sergueï Riabkov", EntityType::Per, &["M. Riabkov"]),
    ("Bonnie Jenkins", EntityType::Per, &[]),
    ("Joe Biden", EntityType::Per, &[]),
    ("Vladimir Poutine", EntityType::Per, &[]),
    ("Genève", EntityType::Loc, &[]),
    ("Suisse", EntityType::Loc, &[]),
    ("Russie", EntityType::Loc, &[]),
    ("États-Unis", EntityType::Loc, &[]),
    ("Moscou", EntityType::Loc, &[]),
    ("Washington", EntityType::Loc, &[]),
    ("département d'État", EntityType::Org, &[]),
    ("ATS", EntityType::Org, &[]),
    ("Guerre froide", EntityType::Misc, &[]),
];

/// (head, label, tail, a phrase of the supporting sentence, trigger, attrs)
type FixtureRelation = (
    &'static str,
    Label,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);
const FIXTURE_RELATIONS: &[FixtureRelation] = &[
    (
        "Wendy Sherman",
        Label::Meets,
        "Sergueï Riabkov",
        "serrer la main",
        "serrer la main",
        &[("place", "Genève")],
    ),
    (
        "Wendy Sherman",
        Label::Role,
        "département d'État",
        "numéro 2",
        "numéro 2",
        &[("title", "numéro 2")],
    ),
    (
        "Sergueï Riabkov",
        Label::Role,
        "Russie",
        "vice-ministre",
        "vice-ministre",
        &[("title", "vice-ministre des Affaires étrangères")],
    ),
    (
        "Bonnie Jenkins",
        Label::Role,
        "États-Unis",
        "Bonnie Jenkins",
        "sous-secrétaire",
        &[("title", "sous-secrétaire d'État américaine au désarmement")],
    ),
    (
        "Russie",
        Label::AgreesWith,
        "États-Unis",
        "communiqué commun",
        "communiqué commun",
        &[],
    ),
    (
        "Genève",
        Label::LocatedIn,
        "Suisse",
        "Genève (Suisse)",
        "(Suisse)",
        &[],
    ),
    (
        "Joe Biden",
        Label::Meets,
        "Vladimir Poutine",
        "sommet historique",
        "sommet",
        &[("date", "16 juin")],
    ),
    (
        "Moscou",
        Label::Meets,
        "Washington",
        "dialoguaient",
        "dialoguaient",
        &[],
    ),
    (
        "Wendy Sherman",
        Label::Cooccurs,
        "Sergueï Riabkov",
        "numéro 2",
        "",
        &[],
    ),
    (
        "Bonnie Jenkins",
        Label::Cooccurs,
        "ATS",
        "Bonnie Jenkins",
        "",
        &[],
    ),
];

/// The sample article's text and its hand-built extraction. Sentences are
/// the paragraphs; mentions are every occurrence of each surface form
/// (longest first, no overlaps).
fn fixture() -> (String, Extraction) {
    let text = std::fs::read_to_string(SAMPLE_FILE).expect("sample article");
    let mut sentences = Vec::new();
    let mut at = 0;
    for para in text.split("\n\n") {
        let lead = para.len() - para.trim_start().len();
        let body = para.trim();
        if !body.is_empty() {
            sentences.push(Span {
                start: at + lead,
                end: at + lead + body.len(),
            });
        }
        at += para.len() + 2;
    }
    let sentence_of = |byte: usize| {
        sentences
            .iter()
            .position(|s| s.start <= byte && byte < s.end)
            .expect("offset inside a sentence")
    };
    let mut entities = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut taken: Vec<Span> = Vec::new();
    for (i, (name, kind, others)) in FIXTURE_ENTITIES.iter().enumerate() {
        let key = name.to_lowercase();
        let surfaces: Vec<&str> = std::iter::once(*name)
            .chain(others.iter().copied())
            .collect();
        let aliases: Vec<String> = surfaces.iter().map(|s| s.to_string()).collect();
        entities.push(Entity {
            name: name.to_string(),
            kind: *kind,
            key,
            aliases,
        });
        let mut forms = surfaces;
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        for form in forms {
            for (start, m) in text.match_indices(form) {
                let span = Span {
                    start,
                    end: start + m.len(),
                };
                if taken
                    .iter()
                    .any(|t| t.start < span.end && span.start < t.end)
                {
                    continue;
                }
                taken.push(span);
                mentions.push(Mention {
                    entity: i,
                    sentence: sentence_of(start),
                    span,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.span);
    let index = |name: &str| {
        FIXTURE_ENTITIES
            .iter()
            .position(|e| e.0 == name)
            .expect("fixture entity")
    };
    let relations = FIXTURE_RELATIONS
        .iter()
        .map(|(h, label, t, phrase, trigger, attrs)| Relation {
            head: index(h),
            label: *label,
            tail: index(t),
            sentence: sentence_of(text.find(phrase).expect("phrase in the sample")),
            trigger: trigger.to_string(),
            // What extraction gives `cooccurs` (the store keeps no other).
            confidence: if *label == Label::Cooccurs {
                COOCCURS_CONFIDENCE as f32
            } else {
                0.9
            },
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
        })
        .collect();
    let ex = Extraction {
        lang: Lang::Fr,
        sentences,
        entities,
        mentions,
        relations,
        notes: Vec::new(),
    };
    (text, ex)
}

impl Env {
    /// A database holding the fixture extraction of the sample article.
    fn fixture_db(&self) {
        let (text, ex) = fixture();
        let mut store = Store::open(&self.db()).expect("open store");
        let article = ArticleRecord {
            source: SAMPLE_SOURCE.to_string(),
            title: Some("Russes et Américains à Genève".to_string()),
            text,
            ..ArticleRecord::default()
        };
        let out = store.write_batch(&[(article, ex)]).expect("write fixture");
        assert!(matches!(out[..], [Outcome::New(_)]), "{out:?}");
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
