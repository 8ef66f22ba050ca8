//! Dates in sentences and time in queries: the dated corpus of
//! `data/dated/articles.jsonl` (invented French and English articles whose
//! sentences date their meetings "jeudi", "hier", "le 12", "En mars",
//! "lundi dernier", "last Friday", "Yesterday", "In March", "on Friday",
//! "on the 27th"), every date resolved to its day; `--since/--until` on
//! `relations`, `show`, `neighbors`, `path` and `export`; `kg timeline`.

use crate::*;

const DATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/dated/articles.jsonl");

fn dated_db() -> Env {
    let env = Env::new();
    env.kg().args(["ingest", DATED]).assert().success();
    env
}

/// `a|b|when|words` for every evidence sentence of every `meets` edge
/// of a node-link export (the two names in order), sorted.
fn meetings(export: &serde_json::Value) -> Vec<String> {
    let names: std::collections::BTreeMap<i64, &str> = export["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            (
                n["id"].as_i64().expect("id"),
                n["name"].as_str().expect("name"),
            )
        })
        .collect();
    let mut out = Vec::new();
    for e in export["edges"].as_array().expect("edges") {
        if e["label"] != "meets" {
            continue;
        }
        let mut pair = [
            names[&e["source"].as_i64().expect("source")],
            names[&e["target"].as_i64().expect("target")],
        ];
        pair.sort();
        for ev in e["evidence"].as_array().expect("evidence") {
            out.push(format!(
                "{}|{}|{}|{}",
                pair[0],
                pair[1],
                ev["when"].as_str().unwrap_or("-"),
                ev["date_words"].as_str().unwrap_or("-")
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn every_relative_date_of_the_dated_corpus_resolves_to_its_day() {
    let env = dated_db();
    let export = json_of(env.kg().args(["export", "--format", "json"]));
    assert_eq!(
        meetings(&export),
        [
            // Article of Thursday 14 March: "Hier".
            "Awa Diallo|Jean Barre|2024-03-13|Hier",
            // Article of 2 March, the meeting on 28 February.
            "Awa Diallo|Marc Lefort|2024-02-28|Le 28 février",
            // Article of Friday 8 March: "jeudi".
            "Awa Diallo|Paul Ndiaye|2024-03-07|jeudi",
            // Article of Tuesday 20 February: "lundi dernier".
            "Jean Barre|Marc Lefort|2024-02-19|lundi dernier",
            // Article of 14 March: "le 12".
            "Jean Barre|Paul Ndiaye|2024-03-12|le 12",
            // Article of Saturday 16 March: "last Friday".
            "Julia Hart|Luis Ortega|2024-03-15|last Friday",
            // Article of 1 March: "on the 27th" (of February).
            "Julia Hart|Sam Altman|2024-02-27|on the 27th",
            // Article of 10 April: "In March".
            "Julia Hart|Sam Altman|2024-03-01/2024-03-31|In March",
            // Article of Tuesday 27 February: "on Friday".
            "Luis Ortega|Sam Altman|2024-02-23|on Friday",
            // Article of Tuesday 5 March: "Yesterday".
            "Luis Ortega|Satya Nadella|2024-03-04|Yesterday",
            // Article of 2 April: "En mars".
            "Marc Lefort|Paul Ndiaye|2024-03-01/2024-03-31|En mars",
        ]
    );
    // DOT tooltips carry the days.
    let dot = stdout_of(
        env.kg()
            .args(["export", "--format", "dot", "--no-cooccurs"]),
    );
    assert!(
        dot.contains("1 sentence(s), 2024-03-01 to 2024-03-31\"")
            && dot.contains("2 sentence(s), 2024-02-27 to 2024-03-31\""),
        "{dot}"
    );
}

/// The pairs of `relations --json` rows, each with its evidence count.
fn pairs(rows: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let mut pair = [
                r["head_name"].as_str().expect("head"),
                r["tail_name"].as_str().expect("tail"),
            ];
            pair.sort();
            format!("{}|{}|{}", pair[0], pair[1], r["evidence_count"])
        })
        .collect();
    out.sort();
    out
}

const MARCH: [&str; 4] = ["--since", "2024-03-01", "--until", "2024-03-31"];

#[test]
fn relations_in_march_are_those_dated_in_march_not_published_then() {
    let env = dated_db();
    let all = json_of(env.kg().args(["relations", "--labels", "meets", "--json"]));
    assert_eq!(all.as_array().expect("rows").len(), 10);
    let march = json_of(
        env.kg()
            .args([
                "relations",
                "--labels",
                "meets",
                "--json",
                "--evidence",
                "5",
            ])
            .args(MARCH),
    );
    assert_eq!(
        pairs(&march),
        [
            "Awa Diallo|Jean Barre|1",
            "Awa Diallo|Paul Ndiaye|1",
            "Jean Barre|Paul Ndiaye|1",
            "Julia Hart|Luis Ortega|1",
            // Its sentence of 27 February is left out.
            "Julia Hart|Sam Altman|1",
            "Luis Ortega|Satya Nadella|1",
            "Marc Lefort|Paul Ndiaye|1",
        ]
    );
    for r in march.as_array().expect("rows") {
        for ev in r["evidence"].as_array().expect("evidence") {
            let when = ev["when"].as_str().expect("dated");
            assert!(when.starts_with("2024-03"), "{r}");
        }
    }
    // A month overlaps a range that starts inside it.
    let late = json_of(
        env.kg()
            .args(["relations", "--labels", "meets", "--json"])
            .args(["--since", "2024-03-20"]),
    );
    assert_eq!(
        pairs(&late),
        ["Julia Hart|Sam Altman|1", "Marc Lefort|Paul Ndiaye|1"]
    );
    let text = stdout_of(
        env.kg()
            .args(["relations", "--labels", "meets"])
            .args(MARCH),
    );
    assert!(
        text.contains("[met] on 2024-03-15 (\"last Friday\")"),
        "{text}"
    );
    env.kg()
        .args(["relations", "--since", "March"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a day as YYYY-MM-DD"));
}

#[test]
fn show_neighbors_and_path_walk_only_edges_dated_in_range() {
    let env = dated_db();
    let names = |v: &serde_json::Value| -> Vec<String> {
        let mut n: Vec<String> = v["neighbors"]
            .as_array()
            .expect("neighbors")
            .iter()
            .map(|x| x["node"]["name"].as_str().expect("name").to_string())
            .collect();
        n.sort();
        n
    };
    let args = ["neighbors", "Marc Lefort", "--no-cooccurs", "--json"];
    assert_eq!(
        names(&json_of(env.kg().args(args))),
        ["Awa Diallo", "Jean Barre", "Paul Ndiaye"]
    );
    assert_eq!(
        names(&json_of(env.kg().args(args).args(MARCH))),
        ["Paul Ndiaye"]
    );
    // Lefort met Diallo on 28 February: in March the way goes through
    // Ndiaye (7 and 1-31 March).
    let path = |extra: &[&str]| {
        let v = json_of(
            env.kg()
                .args([
                    "path",
                    "Marc Lefort",
                    "Awa Diallo",
                    "--no-cooccurs",
                    "--json",
                ])
                .args(extra),
        );
        v["paths"][0]
            .as_array()
            .expect("a path")
            .iter()
            .map(|s| s["node"]["name"].as_str().expect("name").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(path(&[]), ["Marc Lefort", "Awa Diallo"]);
    assert_eq!(path(&MARCH), ["Marc Lefort", "Paul Ndiaye", "Awa Diallo"]);
    let show = json_of(
        env.kg()
            .args(["show", "Marc Lefort", "--no-cooccurs", "--json"])
            .args(MARCH),
    );
    let others: Vec<&str> = show["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| r["other"]["name"].as_str().expect("name"))
        .collect();
    assert_eq!(others, ["Paul Ndiaye"]);
}

#[test]
fn export_in_a_range_keeps_only_evidence_dated_in_it() {
    let env = dated_db();
    let export = json_of(
        env.kg()
            .args(["export", "--format", "json", "--no-cooccurs"])
            .args(MARCH),
    );
    let got = meetings(&export);
    assert_eq!(got.len(), 7, "{got:?}");
    assert!(got.iter().all(|m| m.contains("|2024-03-")), "{got:?}");
    // Marc Lefort's meeting with Awa Diallo (28 February) is gone, he stays
    // for the one with Paul Ndiaye in March; Sam Altman's with Luis Ortega
    // (23 February) is gone too.
    assert!(!got.iter().any(|m| m.starts_with("Awa Diallo|Marc Lefort")));
    assert!(!got.iter().any(|m| m.starts_with("Luis Ortega|Sam Altman")));
}

#[test]
fn timeline_lists_an_entitys_dated_relations_in_date_order() {
    let env = dated_db();
    let events = |extra: &[&str]| -> Vec<String> {
        json_of(
            env.kg()
                .args(["timeline", "Julia Hart", "--json"])
                .args(extra),
        )
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e["date"].as_str().expect("date"),
                e["label"].as_str().expect("label"),
                e["other"]["name"].as_str().expect("name"),
                e["evidence"]["article_id"]
            )
        })
        .collect()
    };
    assert_eq!(
        events(&[]),
        [
            "2024-02-27 meets Sam Altman 10",
            "2024-03-01/2024-03-31 meets Sam Altman 8",
            "2024-03-15 meets Luis Ortega 6",
        ]
    );
    assert_eq!(
        events(&["--since", "2024-03-02"]),
        [
            "2024-03-01/2024-03-31 meets Sam Altman 8",
            "2024-03-15 meets Luis Ortega 6",
        ]
    );
    assert_eq!(events(&["--until", "2024-02-29"]).len(), 1);
    // With co-occurrences, the places of the meetings come in too.
    assert_eq!(events(&["--cooccurs"]).len(), 6);
    let text = stdout_of(env.kg().args(["timeline", "julia hart"]));
    assert!(text.starts_with("Julia Hart (#"), "{text}");
    assert!(text.contains("2024-03-15 (\"last Friday\")"), "{text}");
    assert!(text.contains("2024-03-01 to 2024-03-31"), "{text}");
    let help = stdout_of(env.kg().args(["timeline", "--help"]));
    assert!(
        help.contains("kg timeline \"Julia Hart\" --since"),
        "{help}"
    );
}
