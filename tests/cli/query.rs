//! The read commands on an ingested database: `stats`, `entities`,
//! `show`, `relations`, `neighbors` and `path`; unknown, ambiguous and
//! overlong names; a closed output pipe.

use crate::*;

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
fn path_between_two_people_prints_each_hop_with_evidence() {
    let env = Env::new();
    env.fixture_db();
    let out = stdout_of(env.kg().args(["path", "Tove Lindqvist", "Olav Brekke"]));
    assert!(
        out.starts_with("path 1 (3 hops):\n  Tove Lindqvist (PER"),
        "{out}"
    );
    assert!(out.contains("-- role ->"), "{out}");
    assert!(out.contains("-- agrees_with --"), "{out}");
    assert!(out.contains("<- role --"), "{out}");
    assert!(
        out.contains(
            "\"Finally, Finland and Norway agreed on a \"frank and useful\" joint statement"
        ),
        "{out}"
    );
    assert!(
        out.contains("(in #1 \"Fishing talks in Bergen\", chars "),
        "{out}"
    );

    let v = json_of(
        env.kg()
            .args(["path", "lindqvist", "BREKKE", "--json", "-k", "2"]),
    );
    let paths = v["paths"].as_array().expect("paths");
    assert_eq!(paths.len(), 1, "the fixture has one simple path: {v}");
    let first = paths[0].as_array().expect("steps");
    assert_eq!(first[0]["node"]["name"], "Tove Lindqvist");
    assert!(first[0]["edge"].is_null());
    assert_eq!(first[3]["node"]["name"], "Olav Brekke");
    for step in &first[1..] {
        assert!(step["edge"]["label"].is_string(), "{step}");
        let ev = &step["edge"]["evidence"][0];
        assert!(
            ev["sentence"].as_str().is_some_and(|s| !s.is_empty()),
            "{step}"
        );
    }
    // Väisänen and Norway: via Brekke, or via the Fisheries Agency? Only
    // the first exists; parallel edges (meets, cooccurs) make one path.
    let v = json_of(
        env.kg()
            .args(["path", "Hanna Väisänen", "Norway", "--json", "-k", "3"]),
    );
    assert_eq!(v["paths"].as_array().expect("paths").len(), 1, "{v}");
    assert_eq!(
        v["paths"][0][1]["edge"]["label"], "meets",
        "typed edges win over cooccurs"
    );
}

#[test]
fn path_options_restrict_the_walk() {
    let env = Env::new();
    env.fixture_db();
    // Without cooccurs and typed roles the two are not connected.
    env.kg()
        .args([
            "path",
            "Tove Lindqvist",
            "Olav Brekke",
            "--labels",
            "meets,agrees_with",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "no path between Tove Lindqvist and Olav Brekke within 6 hops",
        ));
    env.kg()
        .args(["path", "Tove Lindqvist", "Olav Brekke", "--max-len", "2"])
        .assert()
        .code(1);
    // Only through places: Lindqvist -> Finland -> Norway -> Brekke still works.
    env.kg()
        .args(["path", "Tove Lindqvist", "Olav Brekke", "--type", "LOC"])
        .assert()
        .success();
    env.kg()
        .args(["path", "Tove Lindqvist", "Olav Brekke", "--type", "ORG"])
        .assert()
        .code(1);
}

#[test]
fn neighbors_by_depth_label_and_cooccurs() {
    let env = Env::new();
    env.fixture_db();
    let names = |v: &serde_json::Value| -> Vec<(u64, String)> {
        v["neighbors"]
            .as_array()
            .expect("neighbors")
            .iter()
            .map(|n| {
                (
                    n["distance"].as_u64().expect("d"),
                    n["node"]["name"].as_str().expect("n").to_string(),
                )
            })
            .collect()
    };
    let one = json_of(env.kg().args(["neighbors", "vaisanen", "--json"]));
    assert_eq!(one["center"]["name"], "Hanna Väisänen");
    assert_eq!(
        names(&one),
        vec![
            (1, "Fisheries Agency".to_string()),
            (1, "Olav Brekke".to_string())
        ]
    );
    let two = json_of(
        env.kg()
            .args(["neighbors", "Väisänen", "--depth", "2", "--json"]),
    );
    assert!(names(&two).contains(&(2, "Norway".to_string())), "{two}");
    let typed = json_of(
        env.kg()
            .args(["neighbors", "Tove Lindqvist", "--no-cooccurs", "--json"]),
    );
    assert_eq!(names(&typed), vec![(1, "Finland".to_string())]);
    let table = stdout_of(env.kg().args(["neighbors", "Tove Lindqvist"]));
    assert!(
        table.contains("| 1    | NTB (#") && table.contains("-- cooccurs --"),
        "{table}"
    );
}

#[test]
fn show_and_relations_list_evidence() {
    let env = Env::new();
    env.fixture_db();
    let out = stdout_of(env.kg().args(["show", "Ms Väisänen"]));
    assert!(
        out.starts_with("Hanna Väisänen (#3, PER, key \"per:hanna vaisanen\")\n"),
        "{out}"
    );
    assert!(
        out.contains("aliases: Hanna Väisänen, Ms Hanna Väisänen, Ms Väisänen, Väisänen"),
        "{out}"
    );
    assert!(
        out.contains("-- leads ->") && out.contains("[head of the Fisheries Agency]"),
        "{out}"
    );
    // Relations most confident first; the totals say what --limit cut.
    let v = json_of(
        env.kg()
            .args(["show", "Väisänen", "--limit", "2", "--json"]),
    );
    let conf: Vec<f64> = v["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| r["edge"]["confidence"].as_f64().expect("confidence"))
        .collect();
    assert_eq!(conf.len(), 2);
    assert!(conf[0] >= conf[1]);
    assert!(v["relation_count"].as_i64().expect("count") > 2);
    assert_eq!(v["article_count"], 1);
    let out = stdout_of(env.kg().args(["show", "Väisänen", "--limit", "2"]));
    assert!(out.contains("the 2 most confident shown"), "{out}");
    let v = json_of(env.kg().args(["relations", "--labels", "role", "--json"]));
    let rows = v.as_array().expect("rows");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r["label"] == "role"));
    assert_eq!(
        rows[0]["evidence"][0]["attrs"]["title"],
        "deputy foreign minister of Norway"
    );
}

#[test]
fn unknown_entities_get_suggestions_and_exit_2() {
    let env = Env::new();
    env.fixture_db();
    env.kg()
        .args(["show", "Brekkr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "kg: no entity matches \"Brekkr\"; did you mean: Olav Brekke (PER",
        ));
    env.kg()
        .args(["path", "Tove Lindqvist", "Nobody Atall"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no entity matches \"Nobody Atall\"",
        ));
}

/// Very long names are a usage error before any lookup (they used to
/// scan every alias, or fail with "LIKE or GLOB pattern too complex" and
/// exit 1), and so is a `-k` past its ceiling.
#[test]
fn long_names_and_huge_k_are_usage_errors() {
    let env = Env::new();
    env.fixture_db();
    for n in [501, 50_000] {
        env.kg()
            .args(["show", &"Zzyzx Qwerty ".repeat(n / 13 + 1)])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("kg: a name of ")
                    .and(predicate::str::contains(
                        "characters is too long to look up (at most 500)",
                    ))
                    .and(predicate::str::contains("LIKE").not()),
            );
    }
    env.kg()
        .args(["show", "Zzyzx Qwerty"])
        .assert()
        .code(2)
        .stderr("kg: no entity matches \"Zzyzx Qwerty\"\n");
    env.kg()
        .args(["path", "Brekke", "Väisänen", "-k", "1001"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1001 is not in 1..=1000"));
    env.kg()
        .args(["path", "Brekke", "Väisänen", "-k", "1000"])
        .assert()
        .success();
}

#[test]
fn ambiguous_entities_list_candidates_and_exit_2() {
    let env = Env::new();
    // One name, two entities: a person in one article, an organisation
    // (as extraction types it) in the other.
    env.write("a.txt", "Yesterday Mr Kestrel met Ms Lake in Vienna.\n");
    env.write(
        "b.txt",
        "A storm hit Kestrel, a town in Norway, on Monday.\n",
    );
    env.kg()
        .args(["ingest", "a.txt", "b.txt", "--lang", "en"])
        .assert()
        .success();
    env.kg()
        .args(["neighbors", "kestrel"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("kg: \"kestrel\" is ambiguous; candidates:")
                .and(predicate::str::contains("Kestrel (PER, #1, 1 mentions)"))
                .and(predicate::str::contains("Kestrel (ORG, #4, 1 mentions)")),
        );
    // An id picks one.
    env.kg()
        .args(["show", "#4"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Kestrel (#4, ORG"));
}

/// The path command on an article that went through `kg ingest` and the
/// real extraction: two people named in one sentence are connected, and the
/// hop shows that sentence.
#[test]
fn path_after_ingest_prints_the_evidence_sentence() {
    let env = Env::new();
    env.write(
        "talks.txt",
        "Talks in Vienna\n\nYesterday Alice Martin met Bob Stone in Vienna for two hours.\n",
    );
    env.kg()
        .args(["ingest", "talks.txt", "--lang", "en"])
        .assert()
        .success();
    env.kg()
        .args(["path", "Alice Martin", "Bob Stone"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("path 1 (1 hops):")
                .and(predicate::str::contains(
                    "\"Yesterday Alice Martin met Bob Stone in Vienna for two hours.\"",
                ))
                .and(predicate::str::contains(
                    "(in #1 \"Talks in Vienna\", chars 17-78",
                )),
        );
}

/// `kg ... | head` closes the pipe early: kg stops quietly, exit 0, for
/// table and JSON output alike (the read end is closed before kg writes).
#[test]
fn a_closed_pipe_ends_a_query_quietly() {
    let env = Env::new();
    env.ingest_sample();
    for args in [
        &["path", "Bonnie Jenkins", "Sergueï Riabkov", "--json"][..],
        &["path", "Bonnie Jenkins", "Sergueï Riabkov"],
        &["neighbors", "riabkov", "--depth", "2", "--json"],
        &["export", "--format", "json"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
            .arg("--db")
            .arg(env.db())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn kg");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait for kg");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
    }
}

/// The promise on the shipped sample, through the real extraction:
/// Bonnie Jenkins and Sergueï Riabkov are connected, with evidence.
#[test]
fn sample_path_from_jenkins_to_riabkov_has_evidence() {
    let env = Env::new();
    env.ingest_sample();
    env.kg()
        .args(["path", "Bonnie Jenkins", "Sergueï Riabkov"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("path 1 (")
                .and(predicate::str::contains("  Bonnie Jenkins (PER"))
                .and(predicate::str::contains("  Sergueï Riabkov (PER"))
                .and(predicate::str::contains(
                    "(in #1 \"Russes et Américains se sont réunis jeudi à Genèv…\", chars ",
                )),
        );
}
