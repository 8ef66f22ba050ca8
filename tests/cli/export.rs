//! `kg export`: golden DOT and JSON files, the filters, and real
//! consumers (Graphviz's `dot`, NetworkX) reading what it writes.

use crate::*;

/// The exports of the fixture are golden files; `KG_UPDATE_GOLDEN=1`
/// rewrites them.
#[test]
fn exports_of_the_fixture_match_the_golden_files() {
    let env = Env::new();
    env.fixture_db();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for (format, file) in [("json", "fixture.json"), ("dot", "fixture.dot")] {
        let out = stdout_of(env.kg().args(["export", "--format", format]));
        let path = golden.join(file);
        if std::env::var_os("KG_UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(&golden).expect("mkdir golden");
            std::fs::write(&path, &out).expect("write golden");
        }
        let want =
            std::fs::read_to_string(&path).expect("golden file (KG_UPDATE_GOLDEN=1 makes it)");
        assert_eq!(
            out, want,
            "{file} differs; KG_UPDATE_GOLDEN=1 cargo test regenerates it"
        );
    }
}

#[test]
fn export_filters_restrict_nodes_and_edges() {
    let env = Env::new();
    env.fixture_db();
    let all = json_of(env.kg().args(["export"]));
    assert_eq!(all["directed"], true);
    assert_eq!(all["multigraph"], true);
    assert_eq!(
        all["nodes"].as_array().expect("nodes").len(),
        FIXTURE_ENTITIES
    );
    assert_eq!(all["edges"].as_array().expect("edges").len(), FIXTURE_EDGES);
    let typed = json_of(env.kg().args(["export", "--no-cooccurs"]));
    assert!(
        typed["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .all(|e| e["label"] != "cooccurs")
    );
    let meets = json_of(env.kg().args(["export", "--labels", "meets"]));
    assert_eq!(meets["edges"].as_array().expect("edges").len(), 3);
    let around = json_of(
        env.kg()
            .args(["export", "--around", "Brekke", "--depth", "1"]),
    );
    let names: Vec<&str> = around["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, vec!["Hanna Väisänen", "Norway", "Olav Brekke"]);
    // Induced subgraph: the Väisänen-Brekke pair has both its edges, keyed 0 and 1.
    let keys: Vec<(i64, i64, &str, i64)> = around["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["source"].as_i64().expect("s"),
                e["target"].as_i64().expect("t"),
                e["label"].as_str().expect("l"),
                e["key"].as_i64().expect("k"),
            )
        })
        .collect();
    assert_eq!(
        keys,
        vec![(3, 5, "cooccurs", 0), (3, 5, "meets", 1), (5, 4, "role", 0)]
    );
    // --limit keeps the nearest entities and says what it left out.
    let out = env
        .kg()
        .args([
            "export", "--around", "Brekke", "--depth", "2", "--limit", "1",
        ])
        .output()
        .expect("run kg");
    assert!(out.status.success());
    let cut: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(cut["nodes"].as_array().expect("nodes").len(), 2);
    assert!(
        cut["graph"]["name"]
            .as_str()
            .is_some_and(|n| n.ends_with("nearest 1 entities"))
    );
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("--limit 0 exports them all"), "{note}");
    // -o writes a file; an unknown --around creates none.
    env.kg()
        .args(["export", "-f", "dot", "-o", "g.dot"])
        .assert()
        .success()
        .stdout("");
    assert!(
        std::fs::read_to_string(env.path("g.dot"))
            .expect("g.dot")
            .starts_with("digraph kg {")
    );
    env.kg()
        .args(["export", "--around", "Nobody", "-o", "none.dot"])
        .assert()
        .code(2);
    assert!(!env.path("none.dot").exists());
}

/// A database whose names contain everything DOT and JSON must escape.
///
/// The one fixture still written through the library (`Store` and the
/// extraction types), not by `kg ingest`: extraction never makes a name
/// holding a double quote, a backslash, a newline, a tab or braces (it
/// cuts names at such characters), and those are what the escaping of DOT
/// and JSON names must get right.
pub(crate) fn hostile_db(env: &Env) {
    use kg::model::{
        ArticleRecord, Entity, EntityType, Extraction, Label, Lang, Mention, Relation, Span,
    };
    use kg::store::Store;
    use std::collections::BTreeMap;

    let names = [
        "Quote \" in the middle",
        "back\\slash at the end\\",
        "new\nline and tab\t",
        "accents: Sergueï, Genève, 東京, emoji 🎉",
        "<html> & {braces} [brackets] ; -> --",
        "\\\"\\n",
    ];
    let text = names.join(" | ");
    let mut entities = Vec::new();
    let mut mentions = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let start = text.find(n).expect("name in text");
        entities.push(Entity {
            name: n.to_string(),
            kind: EntityType::ALL[i % 5],
            key: format!("k{i}"),
            aliases: vec![n.to_string()],
        });
        mentions.push(Mention {
            entity: i,
            sentence: 0,
            span: Span {
                start,
                end: start + n.len(),
            },
        });
    }
    let relations = (1..names.len())
        .map(|i| Relation {
            head: i - 1,
            label: Label::ALL[i % Label::ALL.len()],
            tail: i,
            sentence: 0,
            trigger: names[i].to_string(),
            confidence: 0.7,
            attrs: BTreeMap::from([("title".to_string(), names[i - 1].to_string())]),
            when: Default::default(),
        })
        .collect();
    let ex = Extraction {
        lang: Lang::En.into(),
        sentences: vec![Span {
            start: 0,
            end: text.len(),
        }],
        entities,
        mentions,
        relations,
        notes: Vec::new(),
    };
    let mut store = Store::open(&env.db()).expect("store");
    store
        .write_batch(&[(
            ArticleRecord {
                source: "weird \"source\".txt".into(),
                text,
                ..Default::default()
            },
            ex,
        )])
        .expect("write");
}

#[test]
fn graphviz_dot_renders_the_dot_export() {
    if !have("graphviz dot", &["dot", "-V"]) {
        return;
    }
    for make in [Env::fixture_db as fn(&Env), hostile_db] {
        let env = Env::new();
        make(&env);
        env.kg()
            .args(["export", "-f", "dot", "-o", "g.dot"])
            .assert()
            .success();
        env.tool("dot", &["-Tsvg", "g.dot", "-o", "g.svg"]);
        let svg = std::fs::read_to_string(env.path("g.svg")).expect("svg");
        assert!(svg.contains("<svg"), "no svg");
    }
}

/// NetworkX reads the JSON export as interfaces.md says, names survive,
/// and every evidence start/end slices the article text (Python code
/// points) to exactly the evidence sentence.
#[test]
fn networkx_loads_the_json_export() {
    if !have(
        "python3 with networkx",
        &["python3", "-c", "import networkx"],
    ) {
        return;
    }
    const CHECK: &str = r#"
import json, sys, networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
g = nx.node_link_graph(data, edges="edges")
assert g.is_directed() and g.is_multigraph()
assert g.number_of_nodes() == len(data["nodes"]) and g.number_of_edges() == len(data["edges"])
for n in data["nodes"]:
    assert g.nodes[n["id"]]["name"] == n["name"]
checked = 0
for u, v, k, d in g.edges(keys=True, data=True):
    assert d["label"] in {"meets","role","leads","member_of","represents","located_in","part_of","agrees_with","opposes","cooccurs"}
    for ev in d["evidence"]:
        assert text[ev["start"]:ev["end"]] == ev["sentence"], (ev, text[ev["start"]:ev["end"]])
        checked += 1
print(g.number_of_nodes(), g.number_of_edges(), checked)
"#;
    let env = Env::new();
    env.fixture_db();
    env.kg().args(["export", "-o", "g.json"]).assert().success();
    let counts = env.tool("python3", &["-c", CHECK, "g.json", FIXTURE_FILE]);
    assert_eq!(
        counts,
        format!("{FIXTURE_ENTITIES} {FIXTURE_EDGES} {FIXTURE_EDGES}")
    );

    let env = Env::new();
    hostile_db(&env);
    env.kg().args(["export", "-o", "g.json"]).assert().success();
    let text_file = env.write("text.txt", {
        let db = rusqlite::Connection::open(env.db()).expect("db");
        db.query_row("SELECT text FROM articles", [], |r| r.get::<_, String>(0))
            .expect("text")
    });
    env.tool(
        "python3",
        &["-c", CHECK, "g.json", &text_file.to_string_lossy()],
    );
}
