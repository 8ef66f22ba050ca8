//! `kg merge`, `kg split`, `kg alias`, `kg retype`, `kg forget`, `kg log`
//! and corrections (a JSONL id or URL ingested again with new text): each
//! against what a fresh ingest gives, and through later ingests.

use super::*;
use serde_json::Value;
use std::collections::BTreeMap;

const A: &str = "Talks in Geneva\n\nWendy Sherman met Sergei Ryabkov in Geneva on Monday. Sherman said the talks were useful.\n";
const B: &str = "Vote in Brussels\n\nJohn Smith leads Acme Corp. Smith met Wendy Sherman in Brussels. Helga Lindqvist spoke in Geneva. Wendy Sherman met Sergei Ryabkov again.\n";
const C: &str = "Trade\n\nThe Acme Corporation signed a deal with Globex in Paris. Sergei Ryabkov visited Paris and Geneva.\n";

/// The node-link export of a database.
fn export(env: &Env) -> String {
    stdout_of(env.kg().args(["export", "--format", "json"]))
}

/// An export with node ids replaced by (type, key) and article numbers
/// and versions left out: what two databases
/// holding the same facts share whatever order their entities came in.
fn canonical(json: &str) -> String {
    let mut d: Value = serde_json::from_str(json).expect("export JSON");
    let mut name: BTreeMap<i64, String> = BTreeMap::new();
    for n in d["nodes"].as_array_mut().expect("nodes") {
        name.insert(
            n["id"].as_i64().expect("id"),
            format!("{}:{}", n["type"], n["key"]),
        );
        n["id"] = Value::Null;
    }
    for e in d["edges"].as_array_mut().expect("edges") {
        for end in ["source", "target"] {
            e[end] = Value::String(name[&e[end].as_i64().expect("end")].clone());
        }
        // Articles too are numbered in the order they came (and a
        // correction is a version 2); their source names them.
        for ev in e["evidence"].as_array_mut().expect("evidence") {
            ev["article_id"] = Value::Null;
            ev["version"] = Value::Null;
        }
    }
    let mut nodes: Vec<String> = d["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| format!("{n}"))
        .collect();
    let mut edges: Vec<String> = d["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| format!("{e}"))
        .collect();
    nodes.sort();
    edges.sort();
    format!("{}\n{}", nodes.join("\n"), edges.join("\n"))
}

/// A database of `files` (name, text), ingested in that order.
fn ingested(files: &[(&str, &str)]) -> Env {
    let env = Env::new();
    let mut cmd = env.kg();
    cmd.arg("ingest");
    for (name, text) in files {
        env.write(name, text);
        cmd.arg(name);
    }
    cmd.args(["--lang", "en"]).assert().success();
    env
}

fn count(env: &Env, sql: &str) -> i64 {
    rusqlite::Connection::open(env.db())
        .expect("open db")
        .query_row(sql, [], |r| r.get(0))
        .expect(sql)
}

/// Relations left without any evidence sentence.
const BARE_RELATIONS: &str = "SELECT count(*) FROM relations r WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.relation_id = r.id)";

/// Entities whose count is not the sum of their mention spans.
const WRONG_COUNTS: &str = "SELECT count(*) FROM entities e WHERE mention_count !=
    (SELECT coalesce(sum(json_array_length(m.spans)), 0) FROM mentions m WHERE m.entity_id = e.id)";

#[test]
fn forget_gives_what_a_fresh_ingest_of_the_rest_gives() {
    // B in the middle: ids differ from a fresh ingest, facts must not.
    let env = ingested(&[("in/a.txt", A), ("in/b.txt", B), ("in/c.txt", C)]);
    let with_b = export(&env);
    // B shares entities and a relation (a meeting) with A: forgetting B
    // must keep the relation with A's evidence only.
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM relations r WHERE 2 = (SELECT count(DISTINCT article_id)
             FROM evidence e WHERE e.relation_id = r.id AND e.article_id IN (1, 2))"
        ),
        1
    );
    env.kg()
        .args(["forget", "in/b.txt", "--by", "tester"])
        .assert()
        .success()
        .stdout(predicate::str::contains("forgot article #2 in/b.txt"));
    let fresh = ingested(&[("in/a.txt", A), ("in/c.txt", C)]);
    let (after, expected) = (export(&env), export(&fresh));
    assert_ne!(canonical(&with_b), canonical(&expected), "B must add facts");
    assert_eq!(canonical(&after), canonical(&expected));
    assert_eq!(count(&env, BARE_RELATIONS), 0);
    assert_eq!(count(&env, WRONG_COUNTS), 0);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM entities WHERE name LIKE '%Lindqvist%'"
        ),
        0
    );
    // No word of a forgotten name is left to look it up by.
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM alias_words WHERE word = 'lindqvist'"
        ),
        0
    );
}

#[test]
fn forget_of_the_last_article_gives_a_byte_identical_export() {
    let env = ingested(&[("a.txt", A), ("c.txt", C), ("b.txt", B)]);
    let hash = {
        let conn = rusqlite::Connection::open(env.db()).expect("open");
        let h: Vec<u8> = conn
            .query_row(
                "SELECT content_hash FROM articles WHERE source = 'b.txt'",
                [],
                |r| r.get(0),
            )
            .expect("hash");
        h.iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    // By content hash this time.
    env.kg().args(["forget", &hash]).assert().success();
    let fresh = ingested(&[("a.txt", A), ("c.txt", C)]);
    assert_eq!(export(&env), export(&fresh));
}

#[test]
fn unknown_names_and_articles_are_refused_and_change_nothing() {
    let env = ingested(&[("a.txt", A)]);
    let before = env.dump();
    env.kg()
        .args(["merge", "Geneva", "Genevaa"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no entity matches \"Genevaa\"")
                .and(predicate::str::contains("Geneva")),
        );
    env.kg()
        .args(["forget", "nowhere.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no article matches \"nowhere.txt\"",
        ));
    env.kg()
        .args(["alias", "remove", "Geneva", "Genf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no alias \"Genf\""));
    env.kg()
        .args(["merge", "Geneva", "Geneva"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("one entity already"));
    assert_eq!(env.dump(), before);
    // And a missing database is not created.
    let other = Env::new();
    other.kg().args(["merge", "A", "B"]).assert().code(1);
    assert!(!other.db().exists());
}

/// The id of what `name` resolves to.
fn id_of(env: &Env, name: &str) -> i64 {
    json_of(env.kg().args(["show", name, "--json"]))["entity"]["id"]
        .as_i64()
        .expect("id")
}

#[test]
fn a_merge_holds_through_later_ingests() {
    let env = ingested(&[("a.txt", A), ("b.txt", B)]);
    assert_ne!(id_of(&env, "Geneva"), id_of(&env, "Brussels"));
    let merged = json_of(
        env.kg()
            .args(["merge", "Geneva", "Brussels", "--by", "ann", "--json"]),
    );
    let id = merged["id"].as_i64().expect("id");
    assert_eq!(id_of(&env, "Brussels"), id);
    assert_eq!(count(&env, BARE_RELATIONS), 0);
    assert_eq!(count(&env, WRONG_COUNTS), 0);
    // A new article naming both: still one node, no edge to itself.
    env.write(
        "d.txt",
        "Summit\n\nDelegates flew from Brussels to Geneva. Lena Moss spoke in Brussels.\n",
    );
    env.kg()
        .args(["ingest", "d.txt", "--lang", "en"])
        .assert()
        .success();
    assert_eq!(id_of(&env, "Brussels"), id);
    assert_eq!(id_of(&env, "Geneva"), id);
    let shown = json_of(env.kg().args(["show", "Geneva", "--json"]));
    assert_eq!(shown["article_count"], 3);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM entities WHERE type = 'LOC' AND name IN ('Geneva', 'Brussels')"
        ),
        1
    );
    assert_eq!(
        count(&env, "SELECT count(*) FROM cooccurrences WHERE head = tail"),
        0
    );
    assert_eq!(count(&env, WRONG_COUNTS), 0);
    // Forgetting an article afterwards keeps the merge too.
    env.kg().args(["forget", "a.txt"]).assert().success();
    assert_eq!(id_of(&env, "Geneva"), id_of(&env, "Brussels"));
    let log = json_of(env.kg().args(["log", "--json"]));
    let actions: Vec<(&str, &str)> = log
        .as_array()
        .expect("log")
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["by"].as_str().unwrap()))
        .collect();
    assert_eq!(actions[0], ("merge", "ann"));
    assert_eq!(actions[1].0, "forget");
    assert_eq!(log[0]["detail"]["from"]["name"], "Brussels");
    assert!(log[0]["at"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn aliases_and_types_hold_through_later_ingests() {
    let env = ingested(&[("a.txt", A)]);
    env.kg()
        .args(["alias", "add", "Wendy Sherman", "the deputy secretary"])
        .assert()
        .success()
        .stdout(predicate::str::contains("alias added: Wendy Sherman"));
    let id = id_of(&env, "Wendy Sherman");
    assert_eq!(id_of(&env, "The Deputy Secretary"), id);
    env.kg()
        .args(["alias", "remove", "Wendy Sherman", "sherman"])
        .assert()
        .success();
    env.kg()
        .args(["retype", "Geneva", "ORG"])
        .assert()
        .success();
    let key = format!("#{id}");
    let aliases = |env: &Env| json_of(env.kg().args(["show", &key, "--json"]))["aliases"].clone();
    assert_eq!(
        aliases(&env),
        serde_json::json!(["Wendy Sherman", "the deputy secretary"])
    );
    env.write(
        "e.txt",
        "Talks again\n\nWendy Sherman was in Geneva again. Sherman met nobody in Geneva.\n",
    );
    env.kg()
        .args(["ingest", "e.txt", "--lang", "en"])
        .assert()
        .success();
    assert_eq!(
        aliases(&env),
        serde_json::json!(["Wendy Sherman", "the deputy secretary"])
    );
    let geneva = json_of(env.kg().args(["show", "Geneva", "--json"]));
    assert_eq!(geneva["entity"]["type"], "ORG");
    assert_eq!(geneva["article_count"], 2);
    assert_eq!(
        count(&env, "SELECT count(*) FROM entities WHERE name = 'Geneva'"),
        1
    );
    // The same rules hold when the entity is recomputed by a forget.
    env.kg().args(["forget", "e.txt"]).assert().success();
    assert_eq!(
        aliases(&env),
        serde_json::json!(["Wendy Sherman", "the deputy secretary"])
    );
    let log = stdout_of(env.kg().arg("log"));
    assert_says(
        &log,
        &[
            "alias-add",
            "alias-remove",
            "retype",
            "Geneva (#1, LOC) to ORG",
        ],
    );
}

#[test]
fn a_removed_alias_stays_removed_when_an_article_names_the_entity_only_so() {
    let env = ingested(&[("a.txt", A)]);
    let fr = "Pourparlers\n\nDes diplomates se sont réunis à Genève lundi.\n";
    env.write("fr1.txt", fr);
    env.kg()
        .args(["ingest", "fr1.txt", "--lang", "fr"])
        .assert()
        .success();
    let aliases = || json_of(env.kg().args(["show", "Geneva", "--json"]))["aliases"].clone();
    assert_eq!(aliases(), serde_json::json!(["Geneva", "Genève"]));
    env.kg()
        .args(["alias", "remove", "Geneva", "Genève"])
        .assert()
        .success();
    assert_eq!(aliases(), serde_json::json!(["Geneva"]));
    // An article that calls it only by the removed name still lands on
    // the node, and the name stays removed.
    env.write(
        "fr2.txt",
        "Réunion\n\nLes négociateurs sont revenus à Genève mardi.\n",
    );
    env.kg()
        .args(["ingest", "fr2.txt", "--lang", "fr"])
        .assert()
        .success();
    assert_eq!(aliases(), serde_json::json!(["Geneva"]));
    let geneva = json_of(env.kg().args(["show", "Geneva", "--json"]));
    assert_eq!(geneva["entity"]["name"], "Geneva");
    assert_eq!(geneva["article_count"], 3);
}

#[test]
fn split_makes_an_alias_its_own_node() {
    let env = ingested(&[("a.txt", A)]);
    let before = json_of(env.kg().args(["show", "Wendy Sherman", "--json"]));
    let total = before["entity"]["mentions"].as_i64().unwrap();
    let split = json_of(
        env.kg()
            .args(["split", "Wendy Sherman", "--alias", "sherman", "--json"]),
    );
    assert_eq!(split["name"], "Sherman");
    let rest = json_of(env.kg().args(["show", "Wendy Sherman", "--json"]));
    assert_eq!(rest["aliases"], serde_json::json!(["Wendy Sherman"]));
    assert_eq!(
        split["mentions"].as_i64().unwrap() + rest["entity"]["mentions"].as_i64().unwrap(),
        total
    );
    assert_eq!(count(&env, WRONG_COUNTS), 0);
    assert_eq!(count(&env, BARE_RELATIONS), 0);
    // The meeting was with "Wendy Sherman": it stays hers.
    let rels = json_of(env.kg().args([
        "relations",
        "--entity",
        "Wendy Sherman",
        "--labels",
        "meets",
        "--json",
    ]));
    assert_eq!(rels.as_array().unwrap().len(), 1);
    env.kg()
        .args(["split", "Wendy Sherman", "--alias", "Wendy Sherman"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing would be left"));
}

#[test]
fn a_correction_replaces_the_old_facts_or_is_kept_beside_them() {
    let line = |text: &str| {
        format!(
            "{}\n",
            serde_json::json!({"id": "story-1", "url": "https://example.org/story-1", "title": "Story", "date": "2024-03-05", "text": text})
        )
    };
    let old = "Wendy Sherman met Sergei Ryabkov in Geneva on Monday.";
    let new = "Wendy Sherman met Lena Moss in Vienna on Monday.";
    let env = Env::new();
    env.write("v1.jsonl", line(old));
    env.write("v2.jsonl", line(new));
    env.kg()
        .args(["ingest", "v1.jsonl", "--lang", "en"])
        .assert()
        .success();
    env.kg()
        .args(["ingest", "v2.jsonl", "--lang", "en"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "v2.jsonl:1: corrected version (article #2) replaces article #1",
        ));
    let fresh = Env::new();
    fresh.write("v2.jsonl", line(new));
    fresh
        .kg()
        .args(["ingest", "v2.jsonl", "--lang", "en"])
        .assert()
        .success();
    assert_eq!(canonical(&export(&env)), canonical(&export(&fresh)));
    assert_eq!(count(&env, "SELECT count(*) FROM articles"), 1);
    assert_eq!(count(&env, "SELECT version FROM articles"), 2);
    env.kg().args(["show", "Sergei Ryabkov"]).assert().code(2);
    // Ingesting the same version again changes nothing.
    let before = env.dump();
    env.kg()
        .args(["ingest", "v2.jsonl", "--lang", "en"])
        .assert()
        .success();
    assert_eq!(env.dump(), before);
    // A correction naming fewer entities says so with a minus sign.
    env.write("v3.jsonl", line("Wendy Sherman spoke on Monday."));
    env.kg()
        .args(["ingest", "v3.jsonl", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("entities:  1 (-2)"));
    // --keep-versions: both kept, the newer numbered.
    let kept = Env::new();
    kept.write("v1.jsonl", line(old));
    kept.write("v2.jsonl", line(new));
    kept.kg()
        .args(["ingest", "v1.jsonl", "--lang", "en"])
        .assert()
        .success();
    kept.kg()
        .args(["ingest", "v2.jsonl", "--lang", "en", "--keep-versions"])
        .assert()
        .success();
    assert_eq!(count(&kept, "SELECT count(*) FROM articles"), 2);
    assert_eq!(count(&kept, "SELECT max(version) FROM articles"), 2);
    kept.kg()
        .args(["show", "Sergei Ryabkov"])
        .assert()
        .success();
    // Forgetting by JSONL id forgets every version.
    kept.kg().args(["forget", "story-1"]).assert().success();
    assert_eq!(count(&kept, "SELECT count(*) FROM articles"), 0);
    assert_eq!(count(&kept, "SELECT count(*) FROM entities"), 0);
}

#[test]
fn evidence_names_its_article_everywhere() {
    let env = Env::new();
    env.write(
        "news.jsonl",
        format!(
            "{}\n",
            serde_json::json!({"id": "n-7", "url": "https://example.org/n-7", "title": "Geneva talks",
                               "date": "2024-03-05", "text": "Wendy Sherman met Sergei Ryabkov in Geneva on Monday."})
        ),
    );
    env.kg()
        .args(["ingest", "news.jsonl", "--lang", "en"])
        .assert()
        .success();
    let export: Value =
        serde_json::from_str(&stdout_of(env.kg().args(["export", "--format", "json"])))
            .expect("JSON");
    let geneva = export["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "Geneva")
        .expect("Geneva");
    assert!(geneva["key"].as_str().unwrap().contains(':'), "{geneva}");
    let meets = export["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "meets")
        .expect("a meets edge");
    let ev = &meets["evidence"][0];
    assert_eq!(ev["article"], "news.jsonl:1");
    assert_eq!(ev["article_id"], 1);
    assert_eq!(ev["title"], "Geneva talks");
    assert_eq!(ev["date"], "2024-03-05");
    assert_eq!(ev["url"], "https://example.org/n-7");
    assert_eq!(ev["external_id"], "n-7");
    assert_eq!(
        (ev["start"].as_i64(), ev["end"].as_i64()),
        (Some(0), Some(53))
    );
    let text = stdout_of(env.kg().args(["relations", "--labels", "meets"]));
    assert_says(
        &text,
        &["in #1 \"Geneva talks\" (2024-03-05) https://example.org/n-7, chars 0-53"],
    );
    let shown = json_of(env.kg().args(["show", "Wendy Sherman", "--json"]));
    assert_eq!(
        shown["relations"][0]["evidence"][0]["url"],
        "https://example.org/n-7"
    );
    let text = stdout_of(env.kg().args(["show", "Wendy Sherman"]));
    assert_says(&text, &["in #1 \"Geneva talks\" (2024-03-05)"]);
    let text = stdout_of(env.kg().args(["path", "Wendy Sherman", "Sergei Ryabkov"]));
    assert_says(
        &text,
        &[
            "(in #1 \"Geneva talks\" (2024-03-05) https://example.org/n-7, chars 0-53, trigger \"met\", on 2024-03-04 (\"on Monday\"))",
        ],
    );
}

#[test]
fn a_split_holds_through_later_ingests() {
    let env = ingested(&[("a.txt", A)]);
    let split = json_of(
        env.kg()
            .args(["split", "Wendy Sherman", "--alias", "sherman", "--json"]),
    );
    let id = split["id"].as_i64().expect("id");
    // Named both ways again: "Sherman" goes to the split's node, with the
    // meeting of the sentence that names her only so.
    env.write(
        "e.txt",
        "Talks again\n\nWendy Sherman met Lena Moss in Vienna. Sherman met Ivan Petrov in Oslo.\n",
    );
    env.kg()
        .args(["ingest", "e.txt", "--lang", "en"])
        .assert()
        .success();
    let wendy = json_of(env.kg().args(["show", "Wendy Sherman", "--json"]));
    assert_eq!(wendy["aliases"], serde_json::json!(["Wendy Sherman"]));
    assert_eq!(wendy["article_count"], 2);
    let sherman = json_of(env.kg().args(["show", &format!("#{id}"), "--json"]));
    assert_eq!(sherman["entity"]["name"], "Sherman");
    assert_eq!(sherman["article_count"], 2);
    let met = |who: &str| -> Vec<String> {
        let rels =
            json_of(
                env.kg()
                    .args(["relations", "--entity", who, "--labels", "meets", "--json"]),
            );
        let mut names: Vec<String> = rels
            .as_array()
            .expect("relations")
            .iter()
            .flat_map(|r| [r["head_name"].clone(), r["tail_name"].clone()])
            .filter_map(|n| n.as_str().map(str::to_string))
            .filter(|n| n != "Wendy Sherman" && n != "Sherman")
            .collect();
        names.sort();
        names
    };
    assert_eq!(met("Wendy Sherman"), ["Lena Moss", "Sergei Ryabkov"]);
    assert_eq!(met(&format!("#{id}")), ["Ivan Petrov"]);
    assert_eq!(count(&env, WRONG_COUNTS), 0);
    assert_eq!(count(&env, BARE_RELATIONS), 0);
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM entities WHERE name LIKE '%Sherman%'"
        ),
        2
    );
}

/// Runs `kg reextract --json` with `args` and returns its report.
fn reextract(env: &Env, args: &[&str]) -> Value {
    json_of(env.kg().arg("reextract").arg("--json").args(args))
}

#[test]
fn reextract_after_a_model_change_keeps_merges() {
    let env = ingested(&[("a.txt", A), ("b.txt", B), ("c.txt", C)]);
    for args in [
        &["merge", "Geneva", "Brussels"][..],
        &["split", "Wendy Sherman", "--alias", "sherman"],
        &["alias", "add", "Sergei Ryabkov", "the Russian envoy"],
        &["retype", "Paris", "ORG"],
    ] {
        env.kg().args(args).assert().success();
    }
    let curated = canonical(&export(&env));
    // This build's model again: everything is extracted anew (every fact
    // forgotten, then written through the curation rules), nothing changes.
    let same = reextract(&env, &[]);
    assert_eq!(same["articles"], 3);
    for list in [
        "entities_added",
        "entities_removed",
        "relations_added",
        "relations_removed",
    ] {
        assert_eq!(same[list], serde_json::json!([]), "{list}: {same}");
    }
    assert_eq!(canonical(&export(&env)), curated);
    // What an older model would have left: Globex a person, and no
    // meeting found.
    let conn = rusqlite::Connection::open(env.db()).expect("open db");
    conn.execute_batch(
        "UPDATE entities SET type = 'PER' WHERE name = 'Globex';
         DELETE FROM evidence WHERE relation_id IN (SELECT id FROM relations WHERE label = 'meets');
         DELETE FROM relations WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.relation_id = relations.id);",
    )
    .expect("tamper");
    drop(conn);
    assert_ne!(canonical(&export(&env)), curated);
    let changed = reextract(&env, &["--batch-size", "1"]);
    assert_eq!(changed["articles"], 3);
    let keys = |list: &str| -> String { changed[list].to_string() };
    assert!(keys("entities_added").contains("ORG "), "{changed}");
    assert!(keys("entities_removed").contains("PER "), "{changed}");
    assert!(keys("relations_added").contains("-meets->"), "{changed}");
    // Globex's two edges as a PER: located_in Paris, and agrees_with
    // from "The Acme Corporation signed a deal with Globex".
    assert_eq!(
        changed["relations_removed"].as_array().map(Vec::len),
        Some(2),
        "Globex's edges as a PER"
    );
    // The merge, the split, the alias and the retype all hold.
    assert_eq!(canonical(&export(&env)), curated);
    assert_eq!(id_of(&env, "Brussels"), id_of(&env, "Geneva"));
    assert_eq!(
        count(
            &env,
            "SELECT count(*) FROM entities WHERE name IN ('Geneva', 'Brussels')"
        ),
        1
    );
    assert_eq!(
        count(&env, "SELECT count(*) FROM entities WHERE name = 'Sherman'"),
        1
    );
    assert_eq!(
        id_of(&env, "the Russian envoy"),
        id_of(&env, "Sergei Ryabkov")
    );
    let paris = json_of(env.kg().args(["show", "Paris", "--json"]));
    assert_eq!(paris["entity"]["type"], "ORG");
    assert_eq!(count(&env, WRONG_COUNTS), 0);
    assert_eq!(count(&env, BARE_RELATIONS), 0);
}
