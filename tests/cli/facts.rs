//! `kg extract`, `kg load` and `kg merge-db`: facts lines that validate
//! against `docs/facts.schema.json`, the same bytes for the same input,
//! and shards extracted then loaded, or ingested apart then merged,
//! giving the database one ingest gives.

use crate::*;
use proptest::prelude::*;

/// A generated corpus of `articles` articles (`kg bench gen`), its lines.
pub(crate) fn corpus(env: &Env, articles: usize, seed: u64) -> Vec<String> {
    let out = env.path("corpus.jsonl");
    env.kg()
        .args(["bench", "gen", "--seed", &seed.to_string(), "--articles"])
        .arg(articles.to_string())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    std::fs::read_to_string(out)
        .expect("corpus")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Writes `lines` as `shards/NN.jsonl`, cut before each index of `cuts`,
/// and returns the shard files in order.
pub(crate) fn write_shards(env: &Env, lines: &[String], cuts: &[usize]) -> Vec<PathBuf> {
    let mut bounds = vec![0];
    bounds.extend(cuts.iter().copied().filter(|&c| c > 0 && c < lines.len()));
    bounds.push(lines.len());
    bounds.sort_unstable();
    bounds.dedup();
    bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            env.write(
                &format!("shards/{i:02}.jsonl"),
                lines[w[0]..w[1]].join("\n") + "\n",
            )
        })
        .collect()
}

/// `kg export --format FORMAT` of the database at `db`.
pub(crate) fn export(db: &Path, format: &str) -> String {
    stdout_of(
        kg().arg("--db")
            .arg(db)
            .args(["export", "--format", format]),
    )
}

/// `kg ingest` of `env`'s `shards` directory into `db`.
pub(crate) fn ingest_shards(env: &Env, db: &Path) {
    kg().arg("--db")
        .arg(db)
        .arg("ingest")
        .arg(env.path("shards"))
        .assert()
        .success();
}

/// Ingests each of `shards` into a database of its own, `dbs/NN.db`.
fn ingest_each(env: &Env, shards: &[PathBuf]) -> Vec<PathBuf> {
    let mut dbs = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let db = env.path(&format!("dbs/{i:02}.db"));
        std::fs::create_dir_all(db.parent().expect("dir")).expect("mkdir");
        kg().arg("--db")
            .arg(&db)
            .arg("ingest")
            .arg(shard)
            .assert()
            .success();
        dbs.push(db);
    }
    dbs
}

/// `kg merge-db` of `dbs` into `merged.db`, which it returns.
fn merge_dbs(env: &Env, dbs: &[PathBuf]) -> PathBuf {
    let merged = env.path("merged.db");
    kg().arg("merge-db")
        .arg(&merged)
        .args(dbs)
        .assert()
        .success();
    merged
}

/// Ingests the `shards` directory into `one.db`; extracts each shard and
/// loads the facts into `loaded.db`; ingests each shard into a database
/// of its own and merges them into `merged.db`: the three databases hold
/// the same rows and export the same bytes.
fn assert_extract_and_load_is_ingest(env: &Env, shards: &[PathBuf]) {
    let one = env.path("one.db");
    ingest_shards(env, &one);
    let mut facts = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let out = env.path(&format!("facts/{i:02}.facts"));
        std::fs::create_dir_all(out.parent().expect("dir")).expect("mkdir");
        env.kg()
            .arg("extract")
            .arg(shard)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        facts.push(out);
    }
    let loaded = env.path("loaded.db");
    kg().arg("--db")
        .arg(&loaded)
        .arg("load")
        .args(&facts)
        .assert()
        .success();
    // One database per shard, merged.
    let dbs = ingest_each(env, shards);
    let merged = merge_dbs(env, &dbs);
    let expected = dump(&one);
    assert_eq!(expected, dump(&loaded), "extract + load");
    assert_eq!(expected, dump(&merged), "merge-db");
    for format in ["json", "dot"] {
        let expected = export(&one, format);
        assert!(
            expected == export(&loaded, format),
            "{format} differs after load"
        );
        assert!(
            expected == export(&merged, format),
            "{format} differs after merge-db"
        );
    }
}

#[test]
fn extract_and_load_of_shards_equal_one_ingest() {
    let env = Env::new();
    let lines = corpus(&env, 300, 11);
    let shards = write_shards(&env, &lines, &[97, 180]);
    assert_eq!(shards.len(), 3);
    assert_extract_and_load_is_ingest(&env, &shards);
    // The corpus dates sentences by weekday ("jeudi", "on Friday"): the
    // rows compared above include days the sentences, not the articles,
    // give.
    let conn = rusqlite::Connection::open(env.path("loaded.db")).expect("open");
    for table in ["evidence", "cooccurrences"] {
        let by_words: i64 = conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id
                     WHERE t.date_words IS NOT NULL AND t.day_start < a.date"
                ),
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert!(by_words > 50, "{table}: {by_words} rows dated by words");
    }
}

/// A facts line carries its relations' dates, resolved against the
/// article's date ("jeudi" in an article of Friday 2024-03-08 is the
/// 7th), and `kg load` stores them as given, checking their form.
#[test]
fn facts_carry_dates_and_load_stores_them_as_given() {
    let env = Env::new();
    let dated = concat!(env!("CARGO_MANIFEST_DIR"), "/data/dated/articles.jsonl");
    let facts = stdout_of(env.kg().arg("extract").arg(dated));
    let first: serde_json::Value =
        serde_json::from_str(facts.lines().next().expect("a line")).expect("json");
    assert_eq!(first["article"]["date"], "2024-03-08");
    let meets = &first["relations"][0];
    assert_eq!(meets["label"], "meets");
    assert_eq!(
        (&meets["day_start"], &meets["day_end"], &meets["date_words"]),
        (
            &serde_json::json!("2024-03-07"),
            &serde_json::json!("2024-03-07"),
            &serde_json::json!("jeudi")
        )
    );
    assert_eq!(
        first["cooccurrences"][0],
        serde_json::json!([0, 1, 0, "2024-03-07", "2024-03-07", "jeudi"])
    );
    // Another day in the line is the day stored: load does not date the
    // sentence again.
    let line = facts.lines().next().expect("a line");
    let moved = line
        .replace(r#""2024-03-07""#, r#""2024-03-06""#)
        .replace(r#""jeudi""#, r#""mercredi""#);
    let bad = line.replacen(r#""day_end":"2024-03-07""#, r#""day_end":null"#, 1);
    env.write("moved.facts", format!("{moved}\n{bad}\n"));
    env.kg()
        .args(["load", "moved.facts"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            r#"kg: moved.facts:2: day_start "2024-03-07" and day_end null are not a range of days"#,
        ));
    let conn = rusqlite::Connection::open(env.db()).expect("open");
    for table in ["evidence", "cooccurrences"] {
        let days: Vec<String> = conn
            .prepare(&format!(
                "SELECT DISTINCT concat_ws(' ', day_start, day_end, date_words) FROM {table}"
            ))
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(days, ["2024-03-06 2024-03-06 mercredi"], "{table}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]
    /// Whatever the corpus and wherever it is cut, extracting the pieces
    /// and loading them, or merging their databases, gives what one
    /// ingest of them gives.
    #[test]
    fn any_split_extracted_and_loaded_equals_one_ingest(
        seed in 0u64..1000,
        cuts in proptest::collection::vec(0usize..60, 0..4),
    ) {
        let env = Env::new();
        let lines = corpus(&env, 60, seed);
        let shards = write_shards(&env, &lines, &cuts);
        assert_extract_and_load_is_ingest(&env, &shards);
    }
}

/// `kg extract` gives the same bytes twice, lines that
/// `docs/facts.schema.json` accepts (checked by Python's jsonschema), and
/// needs no database.
#[test]
fn extract_is_deterministic_and_valid_against_the_schema() {
    let env = Env::new();
    let lines = corpus(&env, 200, 5);
    env.write("in/gen.jsonl", lines.join("\n"));
    env.write(
        "in/sample.fr.txt",
        std::fs::read(SAMPLE_FILE).expect("sample"),
    );
    env.write("in/de.txt", "Die Bundesregierung hat am Mittwoch in Berlin beschlossen, dass die neuen Regeln ab dem ersten Januar gelten sollen, wie der Sprecher sagte.");
    let run = || stdout_of(env.kg().args(["extract", "in"]));
    let first = run();
    assert_eq!(first.lines().count(), 202);
    assert!(first == run(), "two runs differ");
    assert!(!env.db().exists(), "extract needs no database");
    let facts = env.write("facts.jsonl", &first);
    let probe = ["python3", "-c", "import jsonschema"];
    if have("Python's jsonschema", &probe) {
        let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/facts.schema.json");
        let script = "import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
n = 0
for line in open(sys.argv[2], encoding='utf-8'):
    v.validate(json.loads(line))
    n += 1
print(n)";
        let n = env.tool(
            "python3",
            &["-c", script, schema, facts.to_str().expect("utf-8 path")],
        );
        assert_eq!(n, "202");
    }
    // The article in German is written without entities.
    let de: serde_json::Value = first
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
        .find(|f| {
            f["article"]["source"]
                .as_str()
                .is_some_and(|s| s.ends_with("de.txt"))
        })
        .expect("de.txt is there");
    assert_eq!(de["article"]["lang"], "de");
    assert_eq!(de["entities"], serde_json::json!([]));
}

/// A bad facts line is reported with its file and line and skipped; the
/// good lines are stored, and what the database held stays.
#[test]
fn load_reports_bad_lines_by_file_and_line_and_keeps_the_rest() {
    let env = Env::new();
    env.fixture_db();
    let before = stdout_of(env.kg().args(["stats", "--json"]));
    let lines = corpus(&env, 3, 9);
    env.write("c.jsonl", lines.join("\n"));
    let facts = stdout_of(env.kg().args(["extract", "c.jsonl"]));
    let good: Vec<&str> = facts.lines().collect();
    let tampered = good[1].replacen("\"text\":\"", "\"text\":\"X", 1);
    let file = format!(
        "{}\nnot json\n\n{tampered}\n{{\"kg_facts\":2}}\n{}\n",
        good[0], good[2]
    );
    env.write("bad.facts", file);
    let out = env
        .kg()
        .args(["load", "bad.facts"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_says(
        &err,
        &[
            "kg: bad.facts:2: not facts",
            "kg: bad.facts:4: \"hash\" is not the SHA-256 of \"text\"",
            "kg: bad.facts:5: facts version 2 is not one this kg reads",
        ],
    );
    assert_says(
        &String::from_utf8_lossy(&out.stdout),
        &["articles:  2 new, 0 skipped, 3 failed"],
    );
    let stats = json_of(env.kg().args(["stats", "--json"]));
    let before: serde_json::Value = serde_json::from_str(&before).expect("json");
    assert_eq!(
        stats["articles"],
        before["articles"].as_i64().expect("n") + 2
    );
    // Loading the same facts again stores nothing new.
    env.kg()
        .args(["load", "bad.facts"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains(
            "articles:  0 new, 2 skipped, 3 failed",
        ));
}

/// `kg merge-db` refuses OUT among its inputs, and a curated database
/// into an OUT that holds articles already (its decisions would not reach
/// them), writing nothing; into a new OUT the curation comes along.
#[test]
fn merge_db_refuses_itself_and_curation_it_cannot_apply() {
    let env = Env::new();
    env.fixture_db();
    env.kg()
        .args(["merge-db", "kg.db", "kg.db"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "OUT is also one of the databases to merge",
        ));
    env.kg()
        .args(["merge", "Hanna Väisänen", "Olav Brekke", "--by", "test"])
        .assert()
        .success();
    env.kg()
        .args(["merge-db", "out.db", "kg.db"])
        .assert()
        .success();
    let out = env.path("out.db");
    assert!(
        stdout_of(kg().arg("--db").arg(&out).arg("log")).contains("Olav Brekke"),
        "the merge is in OUT's log"
    );
    let before = dump(&out);
    env.kg()
        .args(["merge-db", "out.db", "kg.db"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "kg.db: curated (it records curation decisions), and the database merged into holds articles already, which its decisions would not reach; merge curated databases into a new database; nothing was written",
        ));
    assert_eq!(before, dump(&out), "nothing written");
}

/// The JSON export of `db` with each entity id replaced by its type and
/// key, a symmetric edge's ends in that order, article ids left out,
/// nodes and edges sorted: the graph, whatever order its entities and
/// articles were numbered in.
fn keyed_export(db: &Path) -> serde_json::Value {
    use serde_json::Value;
    let g: Value = serde_json::from_str(&export(db, "json")).expect("json export");
    let name = |n: &Value| format!("{} {}", n["type"], n["key"]);
    let ids: std::collections::HashMap<i64, String> = g["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_i64().expect("id"), name(n)))
        .collect();
    let mut nodes: Vec<Value> = g["nodes"].as_array().expect("nodes").clone();
    for n in &mut nodes {
        n.as_object_mut().expect("node").remove("id");
    }
    nodes.sort_by_key(|n| name(n));
    let mut edges: Vec<Value> = g["edges"].as_array().expect("edges").clone();
    for e in &mut edges {
        let end = |k: &str| ids[&e[k].as_i64().expect("end")].clone();
        let mut ends = [end("source"), end("target")];
        if e["symmetric"] == Value::Bool(true) {
            ends.sort();
        }
        let o = e.as_object_mut().expect("edge");
        o.remove("key");
        // Articles are numbered anew too (a forget leaves a gap in one
        // database only); their source names them.
        for ev in o
            .get_mut("evidence")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            ev.as_object_mut().expect("evidence").remove("article_id");
        }
        let [source, target] = ends;
        o.insert("source".into(), source.into());
        o.insert("target".into(), target.into());
    }
    edges.sort_by_key(|e| e.to_string());
    serde_json::json!({"nodes": nodes, "edges": edges})
}

/// Shards ingested apart and curated apart (a merge, an alias and a
/// forget in one, a retype, a split and an alias removed in the other), then merged, give the graph one
/// ingest of them all curated the same way gives: every decision reaches
/// the articles of the other shard too.
#[test]
fn merge_db_of_curated_shards_is_one_ingest_curated_alike() {
    let env = Env::new();
    let lines = corpus(&env, 200, 7);
    let shards = write_shards(&env, &lines, &[100]);
    let one = env.path("one.db");
    ingest_shards(&env, &one);
    let dbs = ingest_each(&env, &shards);
    let curate = |db: &Path, args: &[&str]| {
        kg().arg("--db")
            .arg(db)
            .args(args)
            .args(["--by", "test"])
            .assert()
            .success();
    };
    for db in [&one, &dbs[0]] {
        curate(db, &["merge", "Allemagne", "Italie"]);
        curate(db, &["alias", "add", "France", "Hexagone"]);
        curate(db, &["forget", "bench-7-3"]);
    }
    for db in [&one, &dbs[1]] {
        curate(db, &["retype", "Rosa Hasren", "ORG"]);
        curate(db, &["split", "Steven Riroson", "--alias", "Riroson"]);
        curate(db, &["alias", "remove", "Espagne", "Spain"]);
    }
    let merged = merge_dbs(&env, &dbs);
    assert!(
        keyed_export(&one) == keyed_export(&merged),
        "the merged graph is not the one curated ingest's"
    );
    let log = stdout_of(kg().arg("--db").arg(&merged).arg("log"));
    for action in [
        "merge",
        "alias-add",
        "alias-remove",
        "forget",
        "retype",
        "split",
    ] {
        assert!(
            log.contains(action),
            "{action} missing from the log:\n{log}"
        );
    }
}
