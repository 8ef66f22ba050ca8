//! `kg ingest` over each input format and its failures: text, HTML,
//! JSONL and standard input; binary, empty, unreadable and endless
//! inputs (other encodings and languages: `languages.rs`); a panic in extraction. Each failure is named on stderr
//! and costs its own input only.

use crate::*;

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
    // Written without SQLite's foreign-key and CHECK constraint checks
    // (the writer's own transactions): what it wrote passes them.
    let db = rusqlite::Connection::open(env.db()).expect("db");
    let problems: Vec<String> = db
        .prepare("SELECT \"table\" || ' ' || rowid FROM pragma_foreign_key_check UNION ALL SELECT * FROM pragma_integrity_check")
        .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
        .expect("checks");
    assert_eq!(problems, ["ok"]);
    drop(db);
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
fn binary_non_utf8_and_empty_files_are_reported_and_skipped_keeping_what_was_stored() {
    let env = Env::new();
    env.ingest_sample();
    let before = env.dump();
    env.write("in/a.txt", b"\x7fELF\x00\x01\x02binary");
    let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 254) as u8 + 1).collect();
    env.write("in/b.txt", noise);
    env.write("in/c.md", b"  \n\n");
    env.write("in/d.jsonl", b"");
    let page = env.write("page.html", "<html><body><nav>Home</nav></body></html>");
    env.kg()
        .arg("ingest")
        .arg(env.path("in"))
        .arg(&page)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("0 new, 0 skipped, 5 failed"))
        .stderr(
            predicate::str::contains("a.txt: binary file (contains NUL bytes), skipped")
                .and(
                    predicate::str::is_match(
                        "b.txt: binary file \\(not text in [^ ]+ either\\), skipped",
                    )
                    .expect("regex"),
                )
                .and(predicate::str::contains("c.md: empty file, skipped"))
                .and(predicate::str::contains("d.jsonl: empty file, skipped"))
                .and(predicate::str::contains(
                    "page.html: no article text found in the HTML page, skipped",
                ))
                .and(predicate::str::contains("kg: nothing could be ingested")),
        );
    assert_eq!(env.dump(), before, "a failed ingest changed the database");
}

#[test]
fn an_html_page_is_ingested_from_its_article_text_with_offsets_into_it() {
    let env = Env::new();
    env.write(
        "site/talks.html",
        concat!(
            "<!DOCTYPE html><html lang=\"en\"><head><title>Talks | Daily</title>",
            "<meta property=\"article:published_time\" content=\"2021-09-30\"></head>",
            "<body><nav><a href=\"/\">Home</a> <a href=\"/world\">Oxford Street</a></nav>",
            "<article><h1>Talks in Vienna</h1>",
            "<p>Alice Martin met Bob Stone in Vienna on Monday.</p>",
            "<p>Martin &amp; Stone spoke for two hours.</p></article>",
            "<footer>Contact Carol White</footer></body></html>",
        ),
    );
    env.kg()
        .arg("ingest")
        .arg(env.path("site"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new, 0 skipped, 0 failed"));
    let entities = stdout_of(env.kg().args(["entities", "--limit", "0"]));
    assert!(entities.contains("Alice Martin"), "{entities}");
    assert!(entities.contains("Bob Stone"), "{entities}");
    assert!(
        !entities.contains("Carol White") && !entities.contains("Oxford"),
        "page furniture was read as article text:\n{entities}"
    );
    let export: serde_json::Value =
        serde_json::from_str(&stdout_of(env.kg().args(["export", "--format", "json"])))
            .expect("json");
    let db = rusqlite::Connection::open(env.path("kg.db")).expect("open");
    let text: String = db
        .query_row("SELECT text FROM articles", [], |r| r.get(0))
        .expect("one article");
    assert!(
        text.starts_with("Talks in Vienna\n\nAlice Martin met"),
        "{text}"
    );
    assert!(
        !text.contains('<') && text.contains("Martin & Stone"),
        "{text}"
    );
    let chars: Vec<char> = text.chars().collect();
    let edges = export["edges"].as_array().expect("edges");
    assert!(!edges.is_empty());
    for edge in edges {
        for ev in edge["evidence"].as_array().expect("evidence") {
            let (start, end) = (
                ev["start"].as_u64().expect("start"),
                ev["end"].as_u64().expect("end"),
            );
            let slice: String = chars[start as usize..end as usize].iter().collect();
            assert_eq!(slice, ev["sentence"].as_str().expect("sentence"));
        }
    }
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
        .code(3)
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

/// 1,001 JSONL lines: distinct good articles, and on line 501 the text
/// that crashed extraction in issue 19.
fn jsonl_poisoned_at_501() -> String {
    (1..=1001)
        .map(|i| {
            let text = if i == 501 {
                "Genève (S中".to_string()
            } else {
                format!("Story {i}: Alice Martin met Bob Stone in Vienna.")
            };
            format!("{}\n", serde_json::json!({ "text": text, "lang": "en" }))
        })
        .collect()
}

#[test]
fn a_panic_in_extraction_costs_its_article_only() {
    let env = Env::new();
    let jsonl = env.write("news.jsonl", jsonl_poisoned_at_501());
    // The bug is fixed; --debug-panic-on panics on that text as it did.
    let assert = env
        .kg()
        .arg("ingest")
        .arg(&jsonl)
        .args(["--debug-panic-on", "Genève (S中"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "articles:  1000 new, 0 skipped, 1 failed",
        ));
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("news.jsonl:501: extraction failed (internal error: "),
        "{err}"
    );
    assert!(
        !err.contains("panicked at"),
        "the caught panic printed: {err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(stats["articles"], 1000);
    // And the text itself now goes through.
    let env = Env::new();
    let jsonl = env.write("news.jsonl", jsonl_poisoned_at_501());
    env.kg()
        .arg("ingest")
        .arg(&jsonl)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "articles:  1001 new, 0 skipped, 0 failed",
        ));
}

#[test]
fn unreadable_directory_entries_are_reported_and_the_rest_ingested() {
    let env = Env::new();
    env.ingest_sample();
    let before = env.dump();
    env.write(
        "in/a/good.txt",
        "A title\n\nYesterday Alice Martin met Bob Stone in Vienna.\n",
    );
    env.write("in/notes.csv", "not,an,article\n");
    std::os::unix::fs::symlink(env.path("in/missing.txt"), env.path("in/dangling.txt"))
        .expect("symlink");
    let locked = env.path("in/locked");
    std::fs::create_dir_all(&locked).expect("mkdir");
    env.write("in/locked/secret.txt", "Hidden text about Carol White.\n");
    let mut perms = std::fs::metadata(&locked).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&locked, perms).expect("chmod");
    // root reads a mode-000 directory anyway; only then is it not an error.
    let root_reads_it = std::fs::read_dir(&locked).is_ok();
    let assert = env.kg().arg("ingest").arg(env.path("in")).assert().code(3);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    let mut perms = std::fs::metadata(&locked).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&locked, perms).expect("chmod back");
    assert!(
        err.contains("dangling.txt: No such file or directory"),
        "{err}"
    );
    assert!(out.contains("(1 files of other formats ignored)"), "{out}");
    if root_reads_it {
        assert!(
            out.contains("articles:  2 new, 0 skipped, 1 failed"),
            "{out}"
        );
    } else {
        assert!(err.contains("locked: Permission denied"), "{err}");
        assert!(
            out.contains("articles:  1 new, 0 skipped, 2 failed"),
            "{out}"
        );
    }
    // What was stored before is still there, unchanged.
    let after = env.dump();
    let first_article = before
        .lines()
        .find(|l| l.contains("geneve-sherman-riabkov"))
        .expect("sample row");
    assert!(after.contains(first_article));
}

#[test]
fn a_walked_folders_readme_is_passed_over_but_read_when_named() {
    let env = Env::new();
    env.write(
        "in/story.txt",
        "A title\n\nYesterday Alice Martin met Bob Stone in Vienna.\n",
    );
    env.write(
        "in/README.md",
        "About these files\n\nCollected by Dana Grey for the Vienna desk.\n",
    );
    env.write("in/sub/LICENSE.txt", "Licensed by Evan Frost.\n");
    let assert = env
        .kg()
        .arg("ingest")
        .arg(env.path("in"))
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        out.contains("articles:  1 new, 0 skipped, 0 failed"),
        "{out}"
    );
    for f in ["README.md", "LICENSE.txt"] {
        assert!(
            err.lines()
                .any(|l| l.contains(f) && l.contains("documentation, not an article")),
            "{err}"
        );
    }
    // Named on the command line, it is read like any text.
    let assert = env
        .kg()
        .arg("ingest")
        .arg(env.path("in/README.md"))
        .assert()
        .success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        out.contains("articles:  1 new, 0 skipped, 0 failed"),
        "{out}"
    );
}

#[test]
fn stdin_is_jsonl_when_it_parses_as_json_lines_else_one_text_article() {
    let env = Env::new();
    env.kg()
        .args(["ingest", "-"])
        .write_stdin("{\"text\": \"Yesterday Alice Martin met Bob Stone.\", \"lang\": \"en\"}\n{\"text\": \"Hier Claire Dubois a vu Paul Durand.\"}\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("articles:  2 new, 0 skipped, 0 failed"));
    env.kg()
        .args(["ingest", "-", "--lang", "en"])
        .write_stdin("Talks resume\n\nYesterday Alice Martin met Bob Stone in Vienna.\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "articles:  1 new, 0 skipped, 0 failed",
        ));
    let db = rusqlite::Connection::open(env.db()).expect("db");
    let rows: Vec<(String, Option<String>, String)> = db
        .prepare("SELECT source, title, lang FROM articles ORDER BY id")
        .expect("select")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows[0].0, "-:1");
    assert_eq!(rows[0].2, "en");
    assert_eq!(rows[1].0, "-:2");
    assert_eq!(
        rows[2],
        (
            "-".to_string(),
            Some("Talks resume".to_string()),
            "en".to_string()
        )
    );
}

/// `kg ingest ARGS` in `env` with standard input from the file `stdin`
/// (none if None), killed after 20 s: (exit code, stderr, seconds taken).
/// Not assert_cmd's `pipe_stdin`: it reads the whole file first.
fn bounded_ingest(env: &Env, args: &[&str], stdin: Option<&str>) -> (Option<i32>, String, f64) {
    use std::process::Stdio;
    let started = std::time::Instant::now();
    let input = match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).expect("stdin file")),
        None => Stdio::null(),
    };
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
        .current_dir(env.dir.path())
        .env_remove("KG_DB")
        .arg("--db")
        .arg(env.db())
        .arg("ingest")
        .args(args)
        .stdin(input)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kg");
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if started.elapsed().as_secs() >= 20 {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        std::io::Read::read_to_string(&mut pipe, &mut err).expect("stderr");
    }
    (code, err, started.elapsed().as_secs_f64())
}

#[test]
fn endless_inputs_end_at_the_article_size_bound() {
    let env = Env::new();
    let too_large =
        "larger than the maximum article size (8388608 bytes, --max-article-bytes), skipped";
    for (args, stdin) in [(["/dev/zero"], None), (["-"], Some("/dev/zero"))] {
        let (code, err, secs) = bounded_ingest(&env, &args, stdin);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.contains(too_large), "{args:?}: {err}");
        assert!(secs < 10.0, "{args:?} took {secs} s");
    }
    // A file over the bound is refused before it is read; a JSONL line
    // over it is skipped, the next lines read.
    env.write("big.txt", "Alice Martin met Bob Stone. ".repeat(100));
    let long = format!(
        r#"{{"text": "{}"}}"#,
        "Alice Martin met Bob Stone. ".repeat(100)
    );
    env.write(
        "news.jsonl",
        format!("{long}\n{{\"text\": \"Claire Dubois a vu Paul Durand.\"}}\n"),
    );
    let (code, err, _) = bounded_ingest(
        &env,
        &["big.txt", "news.jsonl", "--max-article-bytes", "1K"],
        None,
    );
    assert_eq!(code, Some(3), "{err}");
    assert_says(
        &err,
        &[
            "big.txt: larger than the maximum article size (1024 bytes",
            "news.jsonl:1: line longer than the maximum article size (1024 bytes",
        ],
    );
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(stats["articles"], 1);
}

#[test]
fn fifos_and_devices_in_a_walked_folder_are_passed_over() {
    let env = Env::new();
    env.write(
        "in/good.txt",
        "Yesterday Alice Martin met Bob Stone in Vienna.\n",
    );
    let made = std::process::Command::new("mkfifo")
        .arg(env.path("in/x.txt"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    std::os::unix::fs::symlink("/dev/zero", env.path("in/zero.txt")).expect("symlink");
    let (code, err, secs) = bounded_ingest(&env, &["in"], None);
    assert_eq!(code, Some(0), "{err}");
    assert!(secs < 10.0, "took {secs} s");
    assert_says(
        &err,
        &[
            "x.txt: a FIFO, not a regular file; skipped",
            "zero.txt: a device, not a regular file; skipped",
        ],
    );
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(stats["articles"], 1);
}

/// `--json` gives the store step's CPU (`store_cpu_s`, what `kg bench
/// run` subtracts to get the extraction share): on Linux more than
/// nothing and less than the run's whole CPU, counted for `kg load` too.
#[test]
fn the_json_summary_gives_the_store_steps_cpu() {
    let env = Env::new();
    let corpus = (1..=300)
        .map(|i| format!("{{\"id\": \"{i}\", \"text\": \"Story {i}: Alice Martin met Bob Stone in Vienna on Monday.\"}}\n"))
        .collect::<String>();
    let jsonl = env.write("news.jsonl", corpus);
    let summary = json_of(env.kg().args(["ingest", "--json"]).arg(&jsonl));
    let store = summary["store_cpu_s"].as_f64().expect("store_cpu_s");
    if cfg!(target_os = "linux") {
        assert!(store > 0.0, "{summary}");
    }
    env.kg()
        .arg("extract")
        .arg(&jsonl)
        .args(["--out", "facts.jsonl"])
        .assert()
        .success();
    let loaded = json_of(kg().current_dir(env.path("")).args([
        "--db",
        "loaded.db",
        "load",
        "--json",
        "facts.jsonl",
    ]));
    assert_eq!(loaded["articles_new"], 300, "{loaded}");
    assert!(loaded["store_cpu_s"].as_f64().is_some(), "{loaded}");
}
