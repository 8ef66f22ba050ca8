//! `kg export` into graph databases and RDF stores, read by real ones:
//! the Neo4j CSV and the Cypher script loaded into Kùzu (an embedded
//! Cypher database from PyPI; the tests write its schema, which
//! `neo4j-admin` infers from the headers), N-Triples and Turtle into
//! Oxigraph (pyoxigraph). Each compares what the store holds with kg's
//! own answers on the same database: node and edge counts, names,
//! aliases and evidence, shortest paths (`kg path`), relations
//! (`kg relations`) and neighbours (`kg neighbors`).

use crate::export::hostile_db;
use crate::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The three databases every test reads: the CLI fixture, the sample
/// article, and names holding everything a format must escape.
fn databases() -> Vec<(&'static str, Env)> {
    let fixture = Env::new();
    fixture.fixture_db();
    let sample = Env::new();
    sample.ingest_sample();
    let hostile = Env::new();
    hostile_db(&hostile);
    vec![
        ("fixture", fixture),
        ("sample", sample),
        ("hostile", hostile),
        ("jsonl", jsonl_db()),
    ]
}

/// Articles whose source gives an id, URL, title and date (with
/// characters the formats escape), and one that gives none.
fn jsonl_db() -> Env {
    let env = Env::new();
    let lines = [
        serde_json::json!({"id": "n;7", "url": "https://example.org/n-7?a=1;b=\"2\"", "title": "Geneva; talks \"2024\"",
                           "date": "2024-03-05", "text": "Wendy Sherman met Sergei Ryabkov in Geneva on Monday."}),
        serde_json::json!({"text": "Sergei Ryabkov met Wendy Sherman in Vienna. Wendy Sherman visited Geneva."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    env.write("news.jsonl", text);
    env.kg()
        .args(["ingest", "news.jsonl", "--lang", "en"])
        .assert()
        .success();
    env
}

/// Per edge (source, target, label), the provenance of each evidence
/// sentence: [article id, title, date, URL, JSONL id], absent ones as
/// `absent` gives them, strings through `text`.
fn provenance(json: &Value, text: impl Fn(&str) -> String, absent: Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in array(&json["edges"]) {
        for ev in array(&e["evidence"]) {
            let field = |k: &str| match ev[k].as_str() {
                Some(s) => Value::from(text(s)),
                None => absent.clone(),
            };
            out.insert(
                Value::from(vec![
                    e["source"].clone(),
                    e["target"].clone(),
                    e["label"].clone(),
                    ev["article_id"].clone(),
                    field("title"),
                    field("date"),
                    field("url"),
                    field("external_id"),
                ])
                .to_string(),
            );
        }
    }
    out
}

/// The same from a store's rows: (source, target, label, then the five
/// parallel arrays). An array shorter than the ids (Kùzu's `string_split`
/// of `;` gives one empty string, not two) stands for `absent` values.
fn store_provenance(rows: &Value, absent: Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in array(rows) {
        let ids = array(&r[3]);
        for (i, id) in ids.iter().enumerate() {
            let at = |k: usize| r[k].get(i).cloned().unwrap_or_else(|| absent.clone());
            out.insert(
                Value::from(vec![
                    r[0].clone(),
                    r[1].clone(),
                    r[2].clone(),
                    id.clone(),
                    at(4),
                    at(5),
                    at(6),
                    at(7),
                ])
                .to_string(),
            );
        }
    }
    out
}

/// The node-link JSON export: kg's own view of the graph.
fn reference(env: &Env) -> Value {
    serde_json::from_str(&stdout_of(env.kg().args(["export"]))).expect("JSON export")
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array().expect("an array")
}

fn strings(v: &Value) -> Vec<String> {
    array(v)
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

/// (id, name, type, mentions, sorted aliases) of every node, by id, with
/// `text` applied to the strings (what a store is expected to give back).
fn nodes(
    json: &Value,
    text: impl Fn(&str) -> String,
) -> Vec<(i64, String, String, i64, Vec<String>)> {
    array(&json["nodes"])
        .iter()
        .map(|n| {
            let mut aliases: Vec<String> = strings(&n["aliases"]).iter().map(|a| text(a)).collect();
            aliases.sort();
            (
                n["id"].as_i64().expect("id"),
                text(n["name"].as_str().expect("name")),
                n["type"].as_str().expect("type").to_string(),
                n["mentions"].as_i64().expect("mentions"),
                aliases,
            )
        })
        .collect()
}

/// (source, target, label, count, sentences) of every edge, sorted.
fn edges(json: &Value, text: impl Fn(&str) -> String) -> Vec<(i64, i64, String, i64, Vec<String>)> {
    let mut out: Vec<_> = array(&json["edges"])
        .iter()
        .map(|e| {
            (
                e["source"].as_i64().expect("source"),
                e["target"].as_i64().expect("target"),
                e["label"].as_str().expect("label").to_string(),
                e["count"].as_i64().expect("count"),
                array(&e["evidence"])
                    .iter()
                    .map(|ev| text(ev["sentence"].as_str().expect("sentence")))
                    .collect(),
            )
        })
        .collect();
    out.sort();
    out
}

/// What a store's script printed, as the same tuples.
fn store_nodes(v: &Value) -> Vec<(i64, String, String, i64, Vec<String>)> {
    let mut out: Vec<_> = array(v)
        .iter()
        .map(|n| {
            let mut aliases = strings(&n[4]);
            aliases.sort();
            (
                n[0].as_i64().expect("id"),
                n[1].as_str().expect("name").to_string(),
                n[2].as_str().expect("type").to_string(),
                n[3].as_i64().expect("mentions"),
                aliases,
            )
        })
        .collect();
    out.sort();
    out
}

fn store_edges(v: &Value) -> Vec<(i64, i64, String, i64, Vec<String>)> {
    let mut out: Vec<_> = array(v)
        .iter()
        .map(|e| {
            (
                e[0].as_i64().expect("source"),
                e[1].as_i64().expect("target"),
                e[2].as_str().expect("label").to_string(),
                e[3].as_i64().expect("count"),
                strings(&e[4]),
            )
        })
        .collect();
    out.sort();
    out
}

/// Loads `neo4j-admin` CSV into Kùzu: the schema `neo4j-admin` would infer
/// from the headers, written out; array columns split on `;`. Prints the
/// nodes, the edges and the length of the shortest path (either
/// direction, as `kg path` walks) between each pair of ids given.
const KUZU_CSV: &str = r##"
import json, os, sys, tempfile, kuzu
d, pairs = sys.argv[1], json.loads(sys.argv[2])
c = kuzu.Connection(kuzu.Database(os.path.join(tempfile.mkdtemp(), "db")))
c.execute("CREATE NODE TABLE Entity(id INT64, labels STRING, name STRING, type STRING, key STRING, mentions INT64, aliases STRING[], PRIMARY KEY(id))")
c.execute("CREATE REL TABLE Rel(FROM Entity TO Entity, type STRING, relation INT64, key INT64, confidence DOUBLE, count INT64, symmetric BOOLEAN, sentences STRING[], articles STRING[], triggers STRING[], sentence_starts INT64[], sentence_ends INT64[], article_ids INT64[], titles STRING[], dates STRING[], urls STRING[], external_ids STRING[])")
# Our own column types: Kùzu reads `name:TYPE` headers with its own types.
opts = "(header=true, parallel=false)"
c.execute(f"""COPY Entity FROM (
  LOAD WITH HEADERS (id INT64, labels STRING, name STRING, type STRING, key STRING, mentions INT64, aliases STRING)
  FROM '{d}/nodes.csv' {opts}
  RETURN id, labels, name, type, key, mentions, string_split(aliases, ';'))""")
c.execute(f"""COPY Rel FROM (
  LOAD WITH HEADERS (from_ INT64, to_ INT64, type STRING, relation INT64, key INT64, confidence DOUBLE, count INT64,
    symmetric BOOLEAN, sentences STRING, articles STRING, triggers STRING, starts_ STRING, ends_ STRING,
    ids_ STRING, titles STRING, dates STRING, urls STRING, xids STRING)
  FROM '{d}/relationships.csv' {opts}
  RETURN from_, to_, type, relation, key, confidence, count, symmetric,
    string_split(sentences, ';'), string_split(articles, ';'), string_split(triggers, ';'),
    CAST(string_split(starts_, ';') AS INT64[]), CAST(string_split(ends_, ';') AS INT64[]),
    CAST(string_split(ids_, ';') AS INT64[]), string_split(coalesce(titles, ''), ';'),
    string_split(coalesce(dates, ''), ';'), string_split(coalesce(urls, ''), ';'), string_split(coalesce(xids, ''), ';'))""")
nodes = c.execute("MATCH (n:Entity) RETURN n.id, n.name, n.type, n.mentions, n.aliases, n.labels").get_all()
for n in nodes:
    assert n[5] == "Entity;" + n[2], n
edges = c.execute("MATCH (a:Entity)-[r:Rel]->(b:Entity) RETURN a.id, b.id, r.type, r.count, r.sentences, r.symmetric, r.sentence_starts").get_all()
for e in edges:
    assert e[5] == (e[2] in ("meets", "agrees_with", "cooccurs")), e
    assert len(e[6]) == len(e[4]), e
paths = []
for a, b in pairs:
    r = c.execute(f"MATCH p = (a:Entity)-[:Rel* SHORTEST 1..10]-(b:Entity) WHERE a.id = {a} AND b.id = {b} RETURN length(p)").get_all()
    paths.append([a, b, r[0][0] if r else None])
prov = c.execute("MATCH (a:Entity)-[r:Rel]->(b:Entity) RETURN a.id, b.id, r.type, r.article_ids, r.titles, r.dates, r.urls, r.external_ids").get_all()
print(json.dumps({"nodes": [n[:5] for n in nodes], "edges": [e[:5] for e in edges], "paths": paths, "provenance": prov}))
"##;

/// The hop count of `kg path`'s shortest path between two ids, or None
/// when it finds none within 10 hops (the script's bound too).
fn kg_path_hops(env: &Env, a: i64, b: i64) -> Option<i64> {
    let out = env
        .kg()
        .args(["path", &format!("#{a}"), &format!("#{b}"), "--json"])
        .args(["--max-len", "10"])
        .output()
        .expect("run kg path");
    if out.status.code() == Some(1) {
        return None;
    }
    assert!(out.status.success(), "kg path #{a} #{b}: {out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).expect("path JSON");
    let first = array(&v["paths"]).first()?;
    Some(array(first).len() as i64 - 1)
}

#[test]
fn kuzu_loads_the_neo4j_csv_and_finds_kgs_shortest_paths() {
    if !have("python3 with kuzu", &["python3", "-c", "import kuzu"]) {
        return;
    }
    for (what, env) in databases() {
        let json = reference(&env);
        env.kg()
            .args(["export", "-f", "neo4j", "-o", "neo"])
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains("relationships to neo"));
        let ids: Vec<i64> = array(&json["nodes"])
            .iter()
            .map(|n| n["id"].as_i64().expect("id"))
            .collect();
        // Every pair of up to 8 nodes spread over the ids.
        let some: Vec<i64> = ids.iter().step_by(ids.len().div_ceil(8)).copied().collect();
        let pairs: Vec<(i64, i64)> = some
            .iter()
            .flat_map(|&a| some.iter().filter(move |&&b| b > a).map(move |&b| (a, b)))
            .collect();
        let pairs_json = serde_json::to_string(&pairs).expect("pairs");
        let out = env.tool("python3", &["-c", KUZU_CSV, "neo", &pairs_json]);
        let got: Value = serde_json::from_str(&out).expect("script JSON");
        // neo4j-admin cannot escape its array delimiter: `;` in an
        // element is written as U+FF1B (docs/commands.md).
        let cell = |s: &str| s.replace(';', "；");
        let want_nodes: Vec<_> = nodes(&json, str::to_string)
            .into_iter()
            .map(|(id, name, t, m, aliases)| {
                (id, name, t, m, aliases.iter().map(|a| cell(a)).collect())
            })
            .collect();
        assert_eq!(store_nodes(&got["nodes"]), want_nodes, "{what}: nodes");
        assert_eq!(
            store_edges(&got["edges"]),
            edges(&json, cell),
            "{what}: edges"
        );
        let mut found = 0;
        for p in array(&got["paths"]) {
            let (a, b) = (p[0].as_i64().expect("a"), p[1].as_i64().expect("b"));
            let want = kg_path_hops(&env, a, b);
            assert_eq!(p[2].as_i64(), want, "{what}: shortest path #{a} #{b}");
            found += usize::from(want.is_some());
        }
        assert!(found > 0, "{what}: no pair is connected");
        // Each sentence's article: number, title, date, URL, JSONL id
        // (empty where unknown).
        assert_eq!(
            store_provenance(&got["provenance"], Value::from("")),
            provenance(&json, cell, Value::from("")),
            "{what}: provenance"
        );
    }
}

/// Runs the Cypher script in Kùzu. Kùzu wants a schema (written here: one
/// relationship table per label) and knows neither constraints nor a
/// second label set with `SET n:LABEL`, so those are left out; every
/// other statement runs as written.
const KUZU_CYPHER: &str = r##"
import json, os, re, sys, tempfile, kuzu
labels = ["meets", "role", "leads", "member_of", "represents", "located_in", "part_of", "agrees_with", "opposes", "cooccurs"]
c = kuzu.Connection(kuzu.Database(os.path.join(tempfile.mkdtemp(), "db")))
c.execute("CREATE NODE TABLE Entity(id INT64, name STRING, type STRING, key STRING, mentions INT64, aliases STRING[], PRIMARY KEY(id))")
for l in labels:
    c.execute(f"CREATE REL TABLE `{l}`(FROM Entity TO Entity, relation INT64, key INT64, confidence DOUBLE, count INT64, symmetric BOOLEAN, sentences STRING[], articles STRING[], triggers STRING[], sentence_starts INT64[], sentence_ends INT64[], article_ids INT64[], titles STRING[], dates STRING[], urls STRING[], external_ids STRING[])")
run = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("//") or line.startswith("CREATE CONSTRAINT"):
        continue
    line, n = re.subn(r"SET n:`[A-Z]+`, ", "SET ", line)
    assert line.startswith("MATCH") or n == 1, line
    c.execute(line)
    run += 1
nodes = c.execute("MATCH (n:Entity) RETURN n.id, n.name, n.type, n.mentions, n.aliases").get_all()
edges = c.execute("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id, b.id, label(r), r.count, r.sentences").get_all()
prov = c.execute("MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id, b.id, label(r), r.article_ids, r.titles, r.dates, r.urls, r.external_ids").get_all()
print(json.dumps({"nodes": nodes, "edges": edges, "statements": run, "provenance": prov}))
"##;

#[test]
fn kuzu_runs_the_cypher_script() {
    if !have("python3 with kuzu", &["python3", "-c", "import kuzu"]) {
        return;
    }
    for (what, env) in databases() {
        let json = reference(&env);
        env.kg()
            .args(["export", "-f", "cypher", "-o", "g.cypher"])
            .assert()
            .success();
        let out = env.tool("python3", &["-c", KUZU_CYPHER, "g.cypher"]);
        let got: Value = serde_json::from_str(&out).expect("script JSON");
        // Kùzu reads `\'`, `\"` and `\\` as Cypher does but drops the
        // backslash of `\n`, `\t` and `\r` (Neo4j reads them as the
        // control characters; the unit tests check that reading).
        let kuzu = |s: &str| s.replace('\n', "n").replace('\t', "t").replace('\r', "r");
        assert_eq!(
            store_nodes(&got["nodes"]),
            nodes(&json, kuzu),
            "{what}: nodes"
        );
        assert_eq!(
            store_edges(&got["edges"]),
            edges(&json, kuzu),
            "{what}: edges"
        );
        assert_eq!(
            store_provenance(&got["provenance"], Value::from("")),
            provenance(&json, kuzu, Value::from("")),
            "{what}: provenance"
        );
        assert_eq!(
            got["statements"].as_u64(),
            Some((array(&json["nodes"]).len() + array(&json["edges"]).len()) as u64)
        );
    }
}

/// Parses the N-Triples and the Turtle export with Oxigraph, checks they
/// hold the same triples, loads them into a store and asks SPARQL for the
/// nodes, the relations (reified) with their evidence, and each entity's
/// neighbours; also which entity IRIs lie outside the base.
const OXIGRAPH: &str = r##"
import json, sys, pyoxigraph as ox
nt, ttl, base = sys.argv[1:4]
a = set(ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES))
b = set(ox.parse(path=ttl, format=ox.RdfFormat.TURTLE))
assert a == b, (len(a), len(b), list(a - b)[:3], list(b - a)[:3])
s = ox.Store()
s.load(path=ttl, format=ox.RdfFormat.TURTLE)
pre = f"PREFIX kg: <{base}ontology/> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
def q(text):
    return [[None if v is None else (int(v.value) if v.value.lstrip("-").isdigit() and isinstance(v, ox.Literal) and v.datatype.value.endswith("integer") else v.value) for v in row] for row in s.query(pre + text)]
aliases = {}
for i, al in q("SELECT ?id ?a WHERE { ?e a kg:Entity ; kg:id ?id ; kg:alias ?a }"):
    aliases.setdefault(i, []).append(al)
nodes = [[i, name, c[len(base) + len("ontology/"):], m, aliases.get(i, [])] for i, name, c, m in q(
    "SELECT ?id ?name ?c ?m WHERE { ?e a kg:Entity, ?c ; kg:id ?id ; rdfs:label ?name ; kg:mentions ?m . FILTER(?c != kg:Entity) }")]
rel = "?r a kg:Relation ; rdf:subject ?h ; rdf:predicate ?p ; rdf:object ?t . ?h kg:id ?hid . ?t kg:id ?tid . ?h ?p ?t . "
relations = q("SELECT ?hid ?tid ?p ?n ?conf WHERE { " + rel + "?r kg:count ?n ; kg:confidence ?conf }")
evidence = q("SELECT ?hid ?tid ?p ?s ?art ?start ?end WHERE { " + rel + "?r kg:evidence ?ev . ?ev a kg:Evidence ; kg:sentence ?s ; kg:article ?art ; kg:start ?start ; kg:end ?end }")
prov = q("SELECT ?hid ?tid ?p ?aid ?title ?date ?url ?xid WHERE { " + rel + "?r kg:evidence ?ev . ?ev kg:articleId ?aid . OPTIONAL { ?ev kg:title ?title } OPTIONAL { ?ev kg:date ?date } OPTIONAL { ?ev kg:url ?url } OPTIONAL { ?ev kg:externalId ?xid } }")
dated = q("SELECT (COUNT(*) AS ?n) WHERE { ?ev kg:date ?d . FILTER(DATATYPE(?d) = <http://www.w3.org/2001/XMLSchema#date>) }")[0][0]
for row in relations + evidence + prov:
    row[2] = row[2][len(base) + len("ontology/"):]
direct = q("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?a a kg:Entity . ?b a kg:Entity }")[0][0]
neighbors = {}
for i, n in q("SELECT DISTINCT ?id ?nid WHERE { ?e kg:id ?id . { ?e ?p ?x } UNION { ?x ?p ?e } ?x a kg:Entity ; kg:id ?nid . FILTER(?nid != ?id) }"):
    neighbors.setdefault(str(i), []).append(n)
outside = q(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?e a kg:Entity . FILTER(!STRSTARTS(STR(?e), \"{base}entity/\")) }}")[0][0]
print(json.dumps({"triples": len(a), "nodes": nodes, "relations": relations, "evidence": evidence, "direct": direct, "neighbors": neighbors, "outside": outside,
                  "provenance": [r[:3] + [[v] for v in r[3:]] for r in prov], "dated": dated}))
"##;

#[test]
fn oxigraph_loads_the_rdf_and_agrees_with_kg_relations_and_neighbors() {
    if !have(
        "python3 with pyoxigraph",
        &["python3", "-c", "import pyoxigraph"],
    ) {
        return;
    }
    for (what, env) in databases() {
        let json = reference(&env);
        let base = if what == "hostile" {
            "urn:example:kg#"
        } else {
            "http://example.org/kg/"
        };
        for (format, file) in [("ntriples", "g.nt"), ("turtle", "g.ttl")] {
            env.kg()
                .args(["export", "-f", format, "--base-iri", base, "-o", file])
                .assert()
                .success();
        }
        let out = env.tool("python3", &["-c", OXIGRAPH, "g.nt", "g.ttl", base]);
        let got: Value = serde_json::from_str(&out).expect("script JSON");
        assert_eq!(got["outside"], 0, "{what}: entity IRIs outside {base}");
        assert_eq!(
            store_nodes(&got["nodes"]),
            nodes(&json, str::to_string),
            "{what}: nodes"
        );
        let n_edges = array(&json["edges"]).len();
        assert_eq!(
            got["direct"].as_u64(),
            Some(n_edges as u64),
            "{what}: direct triples"
        );

        // Relations agree with `kg relations`.
        let listed: Value = serde_json::from_str(&stdout_of(env.kg().args([
            "relations",
            "--limit",
            "0",
            "--json",
        ])))
        .expect("relations JSON");
        let key = |h: &Value, t: &Value, l: &Value, n: &Value, c: &Value| {
            (
                h.as_i64().expect("head"),
                t.as_i64().expect("tail"),
                l.as_str().expect("label").to_string(),
                n.as_i64().expect("count"),
                format!(
                    "{:.4}",
                    c.as_f64()
                        .or_else(|| c.as_str()?.parse().ok())
                        .expect("confidence")
                ),
            )
        };
        let mut want: Vec<_> = array(&listed)
            .iter()
            .map(|r| {
                key(
                    &r["head"],
                    &r["tail"],
                    &r["label"],
                    &r["evidence_count"],
                    &r["confidence"],
                )
            })
            .collect();
        want.sort();
        let mut relations: Vec<_> = array(&got["relations"])
            .iter()
            .map(|r| key(&r[0], &r[1], &r[2], &r[3], &r[4]))
            .collect();
        relations.sort();
        assert_eq!(relations.len(), n_edges, "{what}");
        assert_eq!(relations, want, "{what}: relations");

        // Evidence: every sentence of the JSON export, with its article
        // and offsets.
        let mut want = BTreeSet::new();
        for e in array(&json["edges"]) {
            for ev in array(&e["evidence"]) {
                want.insert(
                    Value::from(vec![
                        e["source"].clone(),
                        e["target"].clone(),
                        e["label"].clone(),
                        ev["sentence"].clone(),
                        ev["article"].clone(),
                        ev["start"].clone(),
                        ev["end"].clone(),
                    ])
                    .to_string(),
                );
            }
        }
        let evidence: BTreeSet<String> = array(&got["evidence"])
            .iter()
            .map(Value::to_string)
            .collect();
        assert!(!evidence.is_empty());
        assert_eq!(evidence, want, "{what}: evidence");
        // And its article's number, title, date (an xsd:date), URL and
        // JSONL id, each when known.
        assert_eq!(
            store_provenance(&got["provenance"], Value::Null),
            provenance(&json, str::to_string, Value::Null),
            "{what}: provenance"
        );
        let dated = provenance(&json, str::to_string, Value::Null)
            .iter()
            .filter(|p| p.contains("2024-03-05"))
            .count();
        assert_eq!(got["dated"].as_u64(), Some(dated as u64), "{what}: dates");
        if what == "jsonl" {
            assert!(dated > 0, "the jsonl database has dated evidence");
        }

        // Each entity's neighbours agree with `kg neighbors`.
        for n in array(&json["nodes"]) {
            let id = n["id"].as_i64().expect("id");
            let v: Value = serde_json::from_str(&stdout_of(env.kg().args([
                "neighbors",
                &format!("#{id}"),
                "--limit",
                "0",
                "--json",
            ])))
            .expect("neighbors JSON");
            let want: BTreeSet<i64> = array(&v["neighbors"])
                .iter()
                .map(|x| x["node"]["id"].as_i64().expect("id"))
                .collect();
            let got: BTreeSet<i64> = got["neighbors"]
                .get(id.to_string())
                .map(|x| array(x).iter().map(|i| i.as_i64().expect("id")).collect())
                .unwrap_or_default();
            assert_eq!(got, want, "{what}: neighbours of #{id}");
        }
    }
}

#[test]
fn rdf_and_neo4j_exports_refuse_bad_options_and_are_stable() {
    let env = Env::new();
    env.fixture_db();
    for bad in ["example.org/kg/", "http://example.org/kg", "http://x/a b/"] {
        env.kg()
            .args(["export", "-f", "turtle", "--base-iri", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--base-iri"));
    }
    env.kg()
        .args(["export", "-f", "neo4j"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output"));
    env.write("file", "");
    env.kg()
        .args(["export", "-f", "neo4j", "-o", "file"])
        .assert()
        .code(1)
        .stderr("kg: file: not a directory (--format neo4j writes nodes.csv and relationships.csv into one)\n");
    // The same database exports the same bytes, whichever the run.
    let mut seen = BTreeMap::new();
    for format in ["ntriples", "turtle", "cypher"] {
        let a = stdout_of(env.kg().args(["export", "-f", format]));
        let b = stdout_of(env.kg().args(["export", "-f", format]));
        assert_eq!(a, b, "{format}");
        seen.insert(format, a);
    }
    assert!(seen["turtle"].starts_with("# kg\n@prefix kg: <http://example.org/kg/ontology/> ."));
    // Entity IRIs come from (type, key), not from ids.
    assert!(seen["ntriples"].contains("<http://example.org/kg/entity/PER/per:olav%20brekke>"));
}

/// The fixture's Neo4j, Cypher and RDF exports are golden files, like its
/// JSON and DOT (`KG_UPDATE_GOLDEN=1` rewrites them).
#[test]
fn store_exports_of_the_fixture_match_the_golden_files() {
    let env = Env::new();
    env.fixture_db();
    env.kg()
        .args(["export", "-f", "neo4j", "-o", "neo"])
        .assert()
        .success();
    let read = |name: &str| std::fs::read_to_string(env.path(name)).expect("export file");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let outputs = [
        ("fixture.nodes.csv", read("neo/nodes.csv")),
        ("fixture.relationships.csv", read("neo/relationships.csv")),
        (
            "fixture.cypher",
            stdout_of(env.kg().args(["export", "-f", "cypher"])),
        ),
        (
            "fixture.nt",
            stdout_of(env.kg().args(["export", "-f", "ntriples"])),
        ),
        (
            "fixture.ttl",
            stdout_of(env.kg().args(["export", "-f", "turtle"])),
        ),
    ];
    for (file, out) in outputs {
        let path = golden.join(file);
        if std::env::var_os("KG_UPDATE_GOLDEN").is_some() {
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

/// The export filters (`--top`, `--min-count`, `--type`, `--labels`, ...)
/// choose the same nodes and edges for the Neo4j, Cypher and RDF formats
/// as for the JSON export.
#[test]
fn store_exports_keep_what_the_filters_keep() {
    let env = Env::new();
    env.ingest_sample();
    let filters: [&[&str]; 3] = [
        &["--top", "5"],
        &["--min-count", "2", "--no-cooccurs"],
        &["--type", "PER,ORG", "--around", "Sherman", "--depth", "2"],
    ];
    for filter in filters {
        let json: Value = serde_json::from_str(&stdout_of(env.kg().args(["export"]).args(filter)))
            .expect("JSON export");
        let ids: BTreeSet<i64> = array(&json["nodes"])
            .iter()
            .map(|n| n["id"].as_i64().expect("id"))
            .collect();
        let edges = array(&json["edges"]).len();
        assert!(!ids.is_empty() && edges > 0, "{filter:?} keeps something");
        env.kg()
            .args(["export", "-f", "neo4j", "-o", "neo"])
            .args(filter)
            .assert()
            .success();
        let read = |name: &str| std::fs::read_to_string(env.path(name)).expect("export file");
        let nodes: BTreeSet<i64> = read("neo/nodes.csv")
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().expect("id").parse().expect("an id"))
            .collect();
        assert_eq!(nodes, ids, "neo4j {filter:?}");
        // Evidence sentences hold no line break in the sample.
        assert_eq!(
            read("neo/relationships.csv").lines().count() - 1,
            edges,
            "neo4j {filter:?}"
        );
        let cypher = stdout_of(env.kg().args(["export", "-f", "cypher"]).args(filter));
        assert_eq!(
            cypher.matches("\nMERGE (n:Entity").count(),
            ids.len(),
            "cypher {filter:?}"
        );
        assert_eq!(
            cypher.matches("\nMATCH (a:Entity").count(),
            edges,
            "cypher {filter:?}"
        );
        let nt = stdout_of(env.kg().args(["export", "-f", "ntriples"]).args(filter));
        let typed = |class: &str| {
            nt.lines()
                .filter(|l| {
                    l.ends_with(&format!(
                        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/kg/ontology/{class}> ."
                    ))
                })
                .count()
        };
        assert_eq!(typed("Entity"), ids.len(), "ntriples {filter:?}");
        assert_eq!(typed("Relation"), edges, "ntriples {filter:?}");
    }
}
