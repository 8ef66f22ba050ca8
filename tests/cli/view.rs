//! `kg view`: the page holds what `kg export` and `kg entities` say it
//! should, headless Chromium draws it without an error, and `--serve`
//! serves it. The Chromium tests skip when `chromium` is absent, unless
//! CI=true (`.ci/run` installs Debian's package).

use super::export::hostile_db;
use super::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};

/// The graph embedded in a page.
fn data_of(page: &Path) -> serde_json::Value {
    let html = std::fs::read_to_string(page).expect("page");
    let open = r#"<script type="application/json" id="kg-data">"#;
    let start = html.find(open).expect("data element") + open.len();
    let len = html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..start + len]).expect("valid JSON")
}

/// (source, target, label, count) of each edge of a node-link graph.
fn edges_of(v: &serde_json::Value) -> Vec<(i64, i64, String, i64)> {
    v["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            (
                e["source"].as_i64().expect("source"),
                e["target"].as_i64().expect("target"),
                e["label"].as_str().expect("label").to_string(),
                e["count"].as_i64().expect("count"),
            )
        })
        .collect()
}

fn ids_of(v: &serde_json::Value, list: &str) -> BTreeSet<i64> {
    v[list]
        .as_array()
        .expect("list")
        .iter()
        .map(|n| n["id"].as_i64().expect("id"))
        .collect()
}

#[test]
fn the_top_entities_and_the_edges_between_them() {
    let env = Env::new();
    env.fixture_db();
    env.kg()
        .args(["view", "--top", "5", "-o", "v.html"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("wrote v.html: 5 entities, "))
        .stderr(predicate::str::contains(format!(
            "the 5 most mentioned of {FIXTURE_ENTITIES} entities; {} left out",
            FIXTURE_ENTITIES - 5
        )));
    let page = data_of(&env.path("v.html"));
    let top = json_of(env.kg().args(["entities", "--limit", "5", "--json"]));
    assert_eq!(
        ids_of(&page, "nodes"),
        ids_of(&serde_json::json!({"nodes": top}), "nodes")
    );
    // The edges: those of the whole export with both ends kept, in order.
    let all = json_of(env.kg().args(["export"]));
    let kept = ids_of(&page, "nodes");
    let expected: Vec<_> = edges_of(&all)
        .into_iter()
        .filter(|(s, t, _, _)| kept.contains(s) && kept.contains(t))
        .collect();
    assert!(!expected.is_empty(), "the fixture's top 5 are linked");
    assert_eq!(edges_of(&page), expected);
    // --max-edges: typed relations first, then the most sentences, then
    // the most confident; kept in (source, target, label) order.
    env.kg()
        .args(["view", "--top", "5", "--max-edges", "2", "-o", "m.html"])
        .assert()
        .success()
        .stdout("wrote m.html: 5 entities, 2 relations\n")
        .stderr(predicate::str::contains(format!(
            "; the 2 strongest of {} relations among them",
            expected.len()
        )));
    let conf = |e: &(i64, i64, String, i64)| {
        all["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .find(|x| x["source"] == e.0 && x["target"] == e.1 && x["label"] == e.2.as_str())
            .and_then(|x| x["confidence"].as_f64())
            .expect("confidence")
    };
    let mut strongest = expected.clone();
    strongest.sort_by(|a, b| {
        (a.2 == "cooccurs")
            .cmp(&(b.2 == "cooccurs"))
            .then(b.3.cmp(&a.3))
            .then(conf(b).total_cmp(&conf(a)))
            .then((a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)))
    });
    strongest.truncate(2);
    strongest.sort();
    assert_eq!(edges_of(&data_of(&env.path("m.html"))), strongest);
    // Every entity without --top: no note.
    env.kg()
        .args(["view", "-o", "all.html"])
        .assert()
        .success()
        .stdout(format!(
            "wrote all.html: {FIXTURE_ENTITIES} entities, {FIXTURE_EDGES} relations\n"
        ))
        .stderr("");
}

#[test]
fn an_entity_and_its_neighbourhood_as_export_around_gives_it() {
    let env = Env::new();
    env.ingest_sample();
    env.kg()
        .args(["view", "Sherman", "--no-cooccurs", "--evidence", "1"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("wrote kg-view.html: "));
    let page = data_of(&env.path("kg-view.html"));
    let around = json_of(
        env.kg()
            .args(["export", "--around", "Sherman", "--no-cooccurs"]),
    );
    assert_eq!(ids_of(&page, "nodes"), ids_of(&around, "nodes"));
    assert_eq!(edges_of(&page), edges_of(&around));
    assert_eq!(page["center"], 9, "Wendy Sherman is #9");
    // One sentence kept per edge, the count still the whole.
    let edges = page["edges"].as_array().expect("edges");
    assert!(
        edges
            .iter()
            .all(|e| e["evidence"].as_array().expect("ev").len() == 1)
    );
    assert!(edges.iter().any(|e| e["count"].as_i64() > Some(1)));
    // Capped, the centre's own edges come first: they make the neighbourhood.
    env.kg()
        .args(["view", "Riabkov", "--max-edges", "4", "-o", "r.html"])
        .assert()
        .success()
        .stdout("wrote r.html: 8 entities, 4 relations\n");
    let kept = edges_of(&data_of(&env.path("r.html")));
    assert_eq!(kept.len(), 4);
    assert!(kept.iter().all(|e| e.0 == 11 || e.1 == 11), "{kept:?}");
}

/// By default a page holds at most 300 entities and 900 edges, what a
/// browser opens in about a second (docs/benchmarks.md), and says what it
/// left out: a hub of a generated corpus has more of both.
#[test]
fn by_default_a_page_holds_300_entities_and_900_edges() {
    let env = Env::new();
    env.kg()
        .args(["bench", "gen", "--articles", "500", "-o", "news.jsonl"])
        .assert()
        .success();
    env.kg().args(["ingest", "news.jsonl"]).assert().success();
    env.kg()
        .args(["view", "France", "-o", "hub.html"])
        .assert()
        .success()
        .stdout("wrote hub.html: 301 entities, 900 relations\n")
        .stderr(
            predicate::str::contains("the 300 entities nearest France within 1 hop(s)")
                .and(predicate::str::contains("; the 900 strongest of ")),
        );
    env.kg()
        .args(["view", "-o", "top.html"])
        .assert()
        .success()
        .stdout("wrote top.html: 300 entities, 900 relations\n")
        .stderr(
            predicate::str::contains("the 300 most mentioned of ")
                .and(predicate::str::contains("; the 900 strongest of ")),
        );
}

/// Each sentence on the page carries its article's date and, when it
/// dates what it tells itself, that day and its words (shown on click).
#[test]
fn the_page_dates_each_sentence_by_its_own_words() {
    let env = Env::new();
    let dated = concat!(env!("CARGO_MANIFEST_DIR"), "/data/dated/articles.jsonl");
    env.kg().args(["ingest", dated]).assert().success();
    env.kg()
        .args(["view", "Awa Diallo", "--no-cooccurs"])
        .assert()
        .success();
    let page = data_of(&env.path("kg-view.html"));
    let sentences: Vec<&serde_json::Value> = page["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .flat_map(|e| e["evidence"].as_array().expect("evidence"))
        .collect();
    let said = |words: &str| {
        sentences
            .iter()
            .find(|s| s["sentence"].as_str().is_some_and(|t| t.contains(words)))
            .unwrap_or_else(|| panic!("a sentence with {words:?}: {page}"))
    };
    let jeudi = said("rencontré jeudi");
    assert_eq!(
        (&jeudi["date"], &jeudi["when"], &jeudi["date_words"]),
        (
            &serde_json::json!("2024-03-08"),
            &serde_json::json!("2024-03-07"),
            &serde_json::json!("jeudi")
        )
    );
    let mars = said("En mars");
    assert_eq!(mars["when"], "2024-03-01/2024-03-31");
}

#[test]
fn kg_places_every_node_apart() {
    let env = Env::new();
    env.ingest_sample();
    env.kg().args(["view", "-o", "v.html"]).assert().success();
    let page = data_of(&env.path("v.html"));
    let at: Vec<(f64, f64)> = page["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["x"].as_f64().expect("x"), n["y"].as_f64().expect("y")))
        .collect();
    assert_eq!(at.len(), 17);
    for (i, a) in at.iter().enumerate() {
        for b in &at[i + 1..] {
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            assert!(d > 20.0, "{a:?} and {b:?} are {d} apart");
        }
    }
    // The same database, the same picture.
    env.kg().args(["view", "-o", "w.html"]).assert().success();
    assert_eq!(data_of(&env.path("w.html"))["nodes"], page["nodes"]);
}

#[test]
fn an_unknown_entity_writes_nothing() {
    let env = Env::new();
    env.ingest_sample();
    env.kg()
        .args(["view", "Shermann", "-o", "v.html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Sherman"));
    assert!(!env.path("v.html").exists());
    env.kg()
        .args(["view", "-o", "no/such/dir/v.html"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/dir/v.html"));
}

#[test]
fn out_dash_writes_the_page_to_stdout() {
    let env = Env::new();
    env.ingest_sample();
    let html = stdout_of(env.kg().args(["view", "-o", "-"]));
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(!env.path("kg-view.html").exists());
}

#[test]
fn serve_answers_get_with_the_page() {
    let env = Env::new();
    env.ingest_sample();
    env.kg().args(["view", "-o", "v.html"]).assert().success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
        .env_remove("KG_DB")
        .current_dir(env.dir.path())
        .arg("--db")
        .arg(env.db())
        .args(["view", "--serve"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("kg view --serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let get = |path: &str| {
        let addr = line
            .strip_prefix("serving http://")
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        let mut s = std::net::TcpStream::connect(addr).expect("connect");
        write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).expect("read");
        answer
    };
    let page = get("/");
    let missing = get("/nope");
    child.kill().expect("stop the server");
    child.wait().expect("reap");
    assert!(line.ends_with("); Ctrl-C stops\n"), "{line}");
    let head_end = page
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("head")
        + 4;
    let head = String::from_utf8_lossy(&page[..head_end]);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    let file = std::fs::read(env.path("v.html")).expect("page");
    assert!(page[head_end..] == file[..], "served page differs from -o");
    assert!(String::from_utf8_lossy(&missing).starts_with("HTTP/1.1 404"));
}

/// Headless Chromium with a fresh profile in `dir`; its stdout, and its
/// stderr's console lines (with `--enable-logging`, every console message
/// and uncaught error).
fn chromium(dir: &Path, args: &[&str]) -> (String, Vec<String>) {
    let profile = tempfile::TempDir::new_in(dir).expect("profile dir");
    let out = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=20000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

/// The page's DOM after it ran, as Chromium dumps it (`#fragment`
/// optional), with the console lines.
fn dom(env: &Env, page: &str, fragment: &str) -> (String, Vec<String>) {
    let url = format!("file://{}{fragment}", env.path(page).display());
    chromium(env.dir.path(), &["--dump-dom", &url])
}

/// An attribute of the page's `<body>` element.
fn body_attr(dom: &str, name: &str) -> Option<String> {
    let start = dom.find("<body")?;
    let tag = &dom[start..start + dom[start..].find('>')?];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

#[test]
fn chromium_draws_every_node_without_an_error() {
    if !have("chromium", &["chromium", "--version"]) {
        return;
    }
    type MakeDb = fn(&Env);
    let cases: [(MakeDb, &[&str], usize); 3] = [
        (Env::ingest_sample, &[], 17),
        (Env::fixture_db, &["--top", "6"], 6),
        // Names with quotes, newlines, `<html> &`: still data, not markup.
        (hostile_db, &[], 6),
    ];
    for (make, args, nodes) in cases {
        let env = Env::new();
        make(&env);
        env.kg()
            .args(["view", "-o", "v.html"])
            .args(args)
            .assert()
            .success();
        let expected = data_of(&env.path("v.html"))["edges"]
            .as_array()
            .expect("edges")
            .len();
        let (dom, console) = dom(&env, "v.html", "");
        assert_eq!(console, Vec::<String>::new(), "console output");
        assert_eq!(body_attr(&dom, "data-ready").as_deref(), Some("true"));
        // The first frame drawn, with the steps' times up to it.
        assert_eq!(body_attr(&dom, "data-drawn").as_deref(), Some("true"));
        let marks = body_attr(&dom, "data-marks").expect("marks");
        assert!(
            marks.contains(" ready=") && marks.contains(" drawn="),
            "{marks}"
        );
        assert_eq!(body_attr(&dom, "data-errors").as_deref(), Some("0"));
        assert_eq!(
            body_attr(&dom, "data-node-count"),
            Some(nodes.to_string()),
            "nodes drawn"
        );
        assert_eq!(
            body_attr(&dom, "data-edge-count"),
            Some(expected.to_string())
        );
    }
}

#[test]
fn chromium_finds_an_entity_and_shows_an_edges_evidence() {
    if !have("chromium", &["chromium", "--version"]) {
        return;
    }
    let env = Env::new();
    env.ingest_sample();
    env.kg().args(["view", "-o", "v.html"]).assert().success();
    // The search, accents and case aside, as typed in the box.
    let (found, console) = dom(&env, "v.html", "#find=riabkov");
    assert!(console.is_empty(), "{console:?}");
    assert!(
        found.contains("<h3>Sergueï Riabkov</h3>"),
        "no details shown"
    );
    assert!(found.contains("also: M. Riabkov, Riabkov, Sergueï Riabkov"));
    let (missing, _) = dom(&env, "v.html", "#find=nobody");
    assert!(missing.contains("no entity matches in this view"));
    // An edge: its sentences with their article, the trigger marked.
    let (edge, console) = dom(&env, "v.html", "#edge=9-meets-11");
    assert!(console.is_empty(), "{console:?}");
    assert!(edge.contains("confidence 0.55 · 2 sentences"), "edge meta");
    assert!(edge.contains(r#"<mark class="trigger" title="trigger">discussions</mark>"#));
    assert!(edge.contains("data/articles/geneve-sherman-riabkov.fr.txt"));
}

/// Decodes an 8-bit RGB(A) PNG with Python's standard library and prints
/// the number of distinct colours and the share of non-white pixels in the
/// graph's area (left of the side panel, below the header).
const PNG_STATS: &str = r#"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, colour = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
assert depth == 8 and colour in (2, 6), (depth, colour)
bpp = 3 if colour == 2 else 4
raw, stride, prev, rows, i = zlib.decompress(idat), w * bpp, bytearray(w * bpp), [], 0
for _ in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    prev = line
colours = {r[x:x + 3] for r in rows for x in range(0, stride, bpp)}
area = [r[x:x + 3] for r in rows[80:] for x in range(0, (w - 380) * bpp, bpp)]
print(len(colours), sum(p != b"\xff\xff\xff" for p in area) / len(area))
"#;

#[test]
fn chromium_screenshot_is_a_picture() {
    if !have("chromium", &["chromium", "--version"]) || !have("python3", &["python3", "--version"])
    {
        return;
    }
    let env = Env::new();
    env.ingest_sample();
    env.kg().args(["view", "-o", "v.html"]).assert().success();
    let url = format!("file://{}", env.path("v.html").display());
    chromium(
        env.dir.path(),
        &["--window-size=1200,800", "--screenshot=shot.png", &url],
    );
    env.write("png_stats.py", PNG_STATS);
    let stats = env.tool("python3", &["png_stats.py", "shot.png"]);
    let (colours, inked) = stats.split_once(' ').expect("two numbers");
    let colours: usize = colours.parse().expect("colours");
    let inked: f64 = inked.parse().expect("share");
    // Five type colours, ten label colours, text, anti-aliasing.
    assert!(colours > 50, "{colours} colours: blank?");
    // 17 nodes, their names and their edges cover some of the graph's area.
    assert!(inked > 0.01, "only {inked} of the graph area drawn");
}
