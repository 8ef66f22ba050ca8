//! The bounded ingest fuzz harness (issue 15), on stable Rust: for
//! `KG_FUZZ_SECS` seconds (default 30; `KG_FUZZ_SECS=600` is the
//! ten-minute run) it makes seeded random inputs of three kinds, raw bytes
//! (invalid UTF-8, NULs, byte-order marks, UTF-16, Latin-1), HTML pages
//! from a grammar (tags nested deep or left open, attributes, character
//! references, scripts, JSON-LD, charset declarations, huge values) and
//! JSON Lines (broken lines, wrong types, huge or empty fields, dates,
//! languages), plus text files with front matter and mutations of the
//! pages of `tests/pages/` and of the bundled articles.
//!
//! Most cases go through the readers and the extractor in this process,
//! as `kg ingest` reads a file (fast); about a third of the time goes to
//! batches of files given to the real `kg ingest` binary, all into one
//! database. Checked: nothing panics, no case hangs (an in-process case
//! over [`HANG`], a run of the binary over [`RUN_TIMEOUT`], is a failure),
//! the binary exits with the code its summary calls for (0, 1 when nothing
//! could be ingested, 3 when some input failed), never by a signal, and
//! prints no panic; the database stays readable (`kg stats`), its article
//! count moves by what the run says (new articles, less those corrections
//! replaced), and the articles stored first are all still there.
//!
//! The seed is printed at the start and in every failure; `KG_FUZZ_SEED=N`
//! replays the same cases in the same order. A failing case's files are
//! kept under `target/tmp/fuzz-failures/`.

use super::support::utf16;
use super::{PIECES, check};
use kg::bench::rng::Rng;
use kg::extract::{Input, extract};
use kg::ingest::{decode, html, jsonl, txt};
use kg::model::{ArticleLang, Lang};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The longest an in-process case may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(60);

/// The longest one run of `kg ingest` (a few small files) may take.
const RUN_TIMEOUT: Duration = Duration::from_secs(120);

/// The share of the time spent running the binary.
const BINARY_SHARE: f64 = 0.35;

/// The bound of a JSON Lines line in process, as `--max-article-bytes`.
const MAX_LINE: u64 = 1 << 20;

const KG: &str = env!("CARGO_BIN_EXE_kg");

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Writes to the real standard error, which the test harness does not
/// capture: the seed must be seen even if the process dies.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[test]
fn ingest_survives_random_bytes_html_and_jsonl() {
    let secs = env_u64("KG_FUZZ_SECS").unwrap_or(30);
    let seed = env_u64("KG_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    say(&format!(
        "fuzz_ingest: KG_FUZZ_SEED={seed} KG_FUZZ_SECS={secs}"
    ));
    let corpus = Corpus::load();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("fuzz.db");
    let sentinels = store_sentinels(&db);
    start_watchdog();

    let started = Instant::now();
    let budget = Duration::from_secs(secs);
    let (mut cases, mut runs, mut run_files) = (0u64, 0u64, 0u64);
    let mut binary_time = Duration::ZERO;
    while started.elapsed() < budget || cases == 0 || runs == 0 {
        let elapsed = started.elapsed();
        if runs == 0 || binary_time.as_secs_f64() < BINARY_SHARE * elapsed.as_secs_f64() {
            let mut rng = Rng::fork(seed, 2 * runs + 1);
            let files = corpus.batch(&mut rng);
            run_files += files.len() as u64;
            let t = Instant::now();
            if let Err(why) = run_binary(&mut rng, dir.path(), &db, runs, &files, &sentinels) {
                fail(seed, &format!("kg ingest run {runs}"), &files, &why);
            }
            binary_time += t.elapsed();
            runs += 1;
        } else {
            let mut rng = Rng::fork(seed, 2 * cases);
            let file = corpus.file(&mut rng);
            watch(Some(format!(
                "in-process case {cases}, KG_FUZZ_SEED={seed}"
            )));
            let read = std::panic::catch_unwind(|| read_in_process(&file.0, &file.1));
            watch(None);
            match read {
                Ok(Ok(())) => {}
                Ok(Err(why)) => fail(seed, &format!("in-process case {cases}"), &[file], &why),
                Err(_) => fail(
                    seed,
                    &format!("in-process case {cases}"),
                    &[file],
                    "panicked (message above)",
                ),
            }
            cases += 1;
        }
    }
    let total = started.elapsed().as_secs_f64();
    let in_process = (total - binary_time.as_secs_f64()).max(1e-9);
    say(&format!(
        "fuzz_ingest: {total:.0} s, seed {seed}: {cases} in-process cases ({:.0}/s), \
         {runs} kg ingest runs of {run_files} files ({:.1} runs/s)",
        cases as f64 / in_process,
        runs as f64 / binary_time.as_secs_f64().max(1e-9),
    ));
}

/// Keeps the failing case's files and fails with how to replay it.
fn fail(seed: u64, what: &str, files: &[(String, Vec<u8>)], why: &str) -> ! {
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fuzz-failures")
        .join(format!("{seed}-{}", what.replace(' ', "-")));
    let _ = std::fs::create_dir_all(&keep);
    for (name, bytes) in files {
        let _ = std::fs::write(keep.join(name.replace('/', "_")), bytes);
    }
    panic!(
        "{what} failed: {why}\nreplay with KG_FUZZ_SEED={seed}; its files are in {}",
        keep.display()
    );
}

/// What an in-process case is doing and since when, for the watchdog.
static CURRENT: Mutex<Option<(Instant, String)>> = Mutex::new(None);

fn watch(case: Option<String>) {
    let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    *current = case.map(|c| (Instant::now(), c));
}

/// A thread that ends the process when an in-process case runs longer
/// than [`HANG`], naming it: a hang cannot be caught otherwise.
fn start_watchdog() {
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_secs(1));
            let current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((since, case)) = &*current
                && since.elapsed() > HANG
            {
                say(&format!("fuzz_ingest: {case} hangs (over {HANG:?})"));
                std::process::exit(101);
            }
        }
    });
}

/// Reads one file as `kg ingest` would (its format from its extension),
/// extracts every article read in the language ingest would give it and
/// checks the offsets; also extracts the bytes read as lossy UTF-8.
fn read_in_process(name: &str, bytes: &[u8]) -> Result<(), String> {
    let mut articles: Vec<(String, Option<Lang>)> = Vec::new();
    let extracted = |lang: Option<ArticleLang>| lang.and_then(ArticleLang::extracted);
    match name.rsplit('.').next() {
        Some("html") => {
            if let Ok(page) = decode::decode(name, bytes, decode::Kind::Html)
                && let Ok((a, lang)) = html::parse(name, &page.text)
            {
                articles.push((a.text, extracted(lang)));
            }
        }
        Some("jsonl") => {
            if let Ok(utf16) = decode::jsonl_head(bytes) {
                let reader: Box<dyn BufRead> = match utf16 {
                    Some(e) => Box::new(BufReader::new(decode::Utf8Reader::new(bytes, e))),
                    None => Box::new(bytes),
                };
                for item in jsonl::Lines::new(reader, name, 1).with_max_bytes(MAX_LINE) {
                    match item {
                        Ok((a, lang)) => articles.push((a.text, extracted(lang))),
                        Err(e) if !e.to_string().starts_with(name) => {
                            return Err(format!("an error that does not name the file: {e}"));
                        }
                        Err(_) => {}
                    }
                }
            }
        }
        _ => {
            if let Ok(d) = decode::decode(name, bytes, decode::Kind::Text)
                && let Ok((a, lang)) = txt::parse(name, d.text)
            {
                articles.push((a.text, lang));
            }
        }
    }
    if bytes.len() < 20_000 {
        articles.push((String::from_utf8_lossy(bytes).into_owned(), None));
    }
    for (text, lang) in &articles {
        check(text, &extract(Input { text, lang: *lang })).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Ingests the articles every run must keep (the sample, the examples and
/// the training texts: plain texts, which no later article can replace)
/// and returns their sources.
fn store_sentinels(db: &Path) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(KG)
        .arg("--db")
        .arg(db)
        .arg("ingest")
        .args(["data/articles", "data/examples", "data/train/texts"].map(|p| root.join(p)))
        .output()
        .expect("kg runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sources = article_sources(db);
    assert!(sources.len() > 30, "{sources:?}");
    sources
}

fn open(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("the database opens")
}

fn article_count(db: &Path) -> u64 {
    open(db)
        .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .expect("count") as u64
}

fn article_sources(db: &Path) -> BTreeSet<String> {
    let conn = open(db);
    let mut stmt = conn.prepare("SELECT source FROM articles").expect("select");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Writes `files` into a directory of their own and ingests it with
/// random options (or one of them on standard input), then checks the
/// exit code, the messages and the database (see the module doc).
fn run_binary(
    rng: &mut Rng,
    dir: &Path,
    db: &Path,
    run: u64,
    files: &[(String, Vec<u8>)],
    sentinels: &BTreeSet<String>,
) -> Result<(), String> {
    let case = dir.join(format!("run{run}"));
    for (name, bytes) in files {
        let path = case.join(name);
        std::fs::create_dir_all(path.parent().expect("in the case directory"))
            .map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
    }
    let mut args: Vec<String> = vec!["--db".into(), db.display().to_string()];
    args.extend(["ingest".into(), "--json".into()]);
    if rng.chance(0.3) {
        args.extend(["--lang".into(), one(rng, &["fr", "en", "auto"]).to_string()]);
    }
    if rng.chance(0.2) {
        args.extend([
            "--max-article-bytes".into(),
            one(rng, &["1K", "64K"]).to_string(),
        ]);
    }
    if rng.chance(0.2) {
        args.push("--skip-unsupported".into());
    }
    if rng.chance(0.2) {
        args.extend([
            "--batch-size".into(),
            one(rng, &["1", "2", "100"]).to_string(),
        ]);
    }
    if rng.chance(0.2) {
        args.push("-v".into());
    }
    let stdin = rng.chance(0.1);
    if stdin {
        args.push("-".into());
    } else {
        args.push(case.display().to_string());
    }
    let before = article_count(db);
    let (code, stdout, stderr) = run_kg(&args, stdin.then(|| files[0].1.clone()), &case)?;
    let shown = || format!("kg {}\nstdout: {stdout}\nstderr: {stderr}", args.join(" "));
    let (new, removed) =
        judge(&args, code, &stdout, &stderr).map_err(|e| format!("{e}\n{}", shown()))?;
    let after = article_count(db);
    if after != before + new - removed {
        return Err(format!(
            "{before} articles before, {after} after, with {new} new and {removed} replaced\n{}",
            shown()
        ));
    }
    let after = article_sources(db);
    if let Some(lost) = sentinels.difference(&after).next() {
        return Err(format!("{lost} was lost\n{}", shown()));
    }
    let stats = Command::new(KG)
        .arg("--db")
        .arg(db)
        .arg("stats")
        .output()
        .map_err(|e| e.to_string())?;
    if !stats.status.success() {
        return Err(format!(
            "kg stats failed after the run: {}\n{}",
            String::from_utf8_lossy(&stats.stderr),
            shown()
        ));
    }
    let _ = std::fs::remove_dir_all(&case);
    Ok(())
}

/// Checks what one `kg ingest --json` printed and its exit code: no panic
/// or crash message, a JSON summary, the exit code it calls for. Returns
/// the articles it says are new and those it says it replaced.
fn judge(args: &[String], code: i32, stdout: &str, stderr: &str) -> Result<(u64, u64), String> {
    for sign in [
        "panicked at",
        "RUST_BACKTRACE",
        "internal error",
        "overflowed",
    ] {
        if stderr.contains(sign) {
            return Err(format!("{sign:?} on standard error"));
        }
    }
    let summary: serde_json::Value = serde_json::from_str(stdout.trim())
        .map_err(|e| format!("no JSON summary ({e}), exit code {code}"))?;
    let count = |key: &str| summary[key].as_u64().unwrap_or(u64::MAX);
    let (new, replaced, skipped, failed) = (
        count("articles_new"),
        count("articles_replaced"),
        count("articles_skipped"),
        count("articles_failed"),
    );
    let only_unsupported =
        args.iter().any(|a| a == "--skip-unsupported") && count("articles_unsupported") > 0;
    let expected = if new + skipped == 0 && !only_unsupported {
        1
    } else if failed > 0 {
        3
    } else {
        0
    };
    if code != expected {
        return Err(format!(
            "exit code {code}, the summary calls for {expected}"
        ));
    }
    // A correction replaces every older version (same id or URL): the
    // summary counts corrections, each line names the articles removed.
    let removed: u64 = stderr
        .lines()
        .filter_map(|l| l.split_once(") replaces article"))
        .map(|(_, ids)| ids.matches('#').count() as u64)
        .sum();
    if removed < replaced {
        return Err(format!("{replaced} replaced, {removed} named as replaced"));
    }
    Ok((new, removed))
}

/// The harness can fail: a panic in extraction, which `kg ingest` catches
/// and reports as a failed article, is seen, as is a wrong exit code.
#[test]
fn the_ingest_harness_sees_a_caught_panic_and_a_wrong_exit_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Anne Hidalgo a parlé à Paris.").expect("written");
    let path = |name: &str| dir.path().join(name).display().to_string();
    let args: Vec<String> = vec![
        "--db".into(),
        path("x.db"),
        "ingest".into(),
        "--json".into(),
        "--debug-panic-on".into(),
        "Hidalgo".into(),
        path("a.txt"),
    ];
    let (code, stdout, stderr) = run_kg(&args, None, dir.path()).expect("kg runs");
    let why = judge(&args, code, &stdout, &stderr).expect_err("a panic is a failure");
    assert!(why.contains("internal error"), "{why}");
    let ok = "{\"articles_new\": 1, \"articles_replaced\": 0, \"articles_skipped\": 0, \"articles_failed\": 1}";
    assert_eq!(judge(&args, 3, ok, ""), Ok((1, 0)));
    let replacing = "{\"articles_new\": 1, \"articles_replaced\": 1, \"articles_skipped\": 0, \"articles_failed\": 0}";
    let said = "a.jsonl:3: corrected version (article #9) replaces articles #4, #7";
    assert_eq!(judge(&args, 0, replacing, said), Ok((1, 2)));
    assert!(judge(&args, 0, replacing, "").is_err());
    assert!(judge(&args, 0, ok, "").is_err());
}

/// Runs kg with `args` (and `input` on standard input), its output going
/// to files in `case`; its exit code, standard output and error, or why
/// it did not exit by itself in time.
fn run_kg(
    args: &[String],
    input: Option<Vec<u8>>,
    case: &Path,
) -> Result<(i32, String, String), String> {
    std::fs::create_dir_all(case).map_err(|e| e.to_string())?;
    let (out_path, err_path) = (case.join(".stdout"), case.join(".stderr"));
    let file = |p: &PathBuf| std::fs::File::create(p).map_err(|e| e.to_string());
    let mut child = Command::new(KG)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(file(&out_path)?)
        .stderr(file(&err_path)?)
        .spawn()
        .map_err(|e| e.to_string())?;
    let writer = child.stdin.take().map(|mut pipe| {
        let input = input.unwrap_or_default();
        // kg may stop reading early (a bound): a closed pipe is fine.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        })
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "kg {} hangs (over {RUN_TIMEOUT:?})",
                args.join(" ")
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    let read =
        |p: &PathBuf| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let (stdout, stderr) = (read(&out_path), read(&err_path));
    match status.code() {
        Some(code) => Ok((code, stdout, stderr)),
        None => Err(format!(
            "kg {} was killed by a signal ({status:?})\nstderr: {stderr}",
            args.join(" ")
        )),
    }
}

/// The real files mutated: the saved pages of `tests/pages/` and the
/// bundled articles.
struct Corpus {
    seeds: Vec<(String, Vec<u8>)>,
}

impl Corpus {
    fn load() -> Corpus {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seeds = Vec::new();
        for dir in [
            "tests/pages",
            "data/articles",
            "data/examples",
            "data/train/texts",
        ] {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
                .expect("a directory of the repository")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            paths.sort();
            for p in paths {
                let name = p
                    .file_name()
                    .expect("a file")
                    .to_string_lossy()
                    .into_owned();
                seeds.push((name, std::fs::read(&p).expect("readable")));
            }
        }
        assert!(seeds.len() > 30, "the corpus is there");
        Corpus { seeds }
    }

    /// One random input file: its name (whose extension chooses the
    /// reader) and bytes.
    fn file(&self, rng: &mut Rng) -> (String, Vec<u8>) {
        let (ext, bytes) = match rng.below(6) {
            0 => (one(rng, &["txt", "md", "html", "jsonl"]), raw_bytes(rng)),
            1 => ("html", html_page(rng).into_bytes()),
            2 => ("jsonl", jsonl_lines(rng)),
            3 => (one(rng, &["txt", "md"]), text_file(rng).into_bytes()),
            _ => {
                let (name, bytes) = rng.pick(&self.seeds);
                let ext = name.rsplit('.').next().unwrap_or("txt");
                let ext = if ext == "html" { "html" } else { "txt" };
                let mut bytes = bytes.clone();
                if rng.chance(0.2) {
                    // A bundled article as a JSON Lines line.
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let mut line = serde_json::json!({ "text": text }).to_string().into_bytes();
                    mutate(rng, &mut line, &self.seeds);
                    return (format!("m{}.jsonl", rng.below(1000)), line);
                }
                mutate(rng, &mut bytes, &self.seeds);
                (ext, bytes)
            }
        };
        (format!("f{}.{ext}", rng.below(1_000_000)), bytes)
    }

    /// A few files for one run of the binary, some in a subdirectory, one
    /// hidden or of another extension now and then.
    fn batch(&self, rng: &mut Rng) -> Vec<(String, Vec<u8>)> {
        let n = rng.range(1, 6);
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for i in 0..n {
            let (name, bytes) = self.file(rng);
            let name = match rng.below(10) {
                0 => format!("sub/{i}-{name}"),
                1 => format!(".{i}-{name}"),
                2 => format!("{i}-{name}.bin"),
                _ => format!("{i}-{name}"),
            };
            files.push((name, bytes));
        }
        files
    }
}

/// Words [`PIECES`] lacks: names, abbreviations, other languages.
const WORDS: &[&str] = &[
    "les",
    "des",
    "to",
    "a rencontré",
    "said",
    "a déclaré",
    "Moscow",
    "Emmanuel",
    "Macron",
    "Olaf",
    "Scholz",
    "Park",
    "Min-ho",
    "Ma Jin-woo",
    "St.",
    "a.m.",
    "etc.",
    "Sept.",
    "Der",
    "Präsident",
    "und",
    "die",
    "el",
    "presidente",
    "y",
    "il",
    "governo",
    "中国",
    "北京",
    "Москва",
    "القاهرة",
    "\u{202e}",
    "😀",
    "𝄞",
    "- ",
    "* ",
    "1. ",
    "# ",
];

const DATES: &[&str] = &[
    "2024-03-05",
    "2024-03-05T10:00:00Z",
    "2024-03-05T25:61:61+99:99",
    "5 mars 2024",
    "1er janvier 1970",
    "March 5, 2024",
    "03/05/2024",
    "31/02/2024",
    "2024-13-45",
    "0000-00-00",
    "9999-12-31",
    "not a date",
    "",
    "  ",
    "Tue, 05 Mar 2024 10:00:00 +0000",
    "５ mars ２０２４",
    "5 mars",
    "mars 2024",
    "-1",
    "1e400",
    "99999999999999999999-01-01",
];

const LANGS: &[&str] = &[
    "fr",
    "en",
    "de",
    "es",
    "it",
    "xx",
    "",
    "FR",
    "En",
    "fra",
    "eng",
    "deu",
    "German",
    "french",
    "zz-ZZ",
    "fr-FR",
    "en_US",
    "de_DE",
    "zh-Hant",
    "und",
    "123",
    "\u{0}",
    "ελληνικά",
];

const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&eacute;",
    "&Eacute;",
    "&times;",
    "&frac12;",
    "&oslash;",
    "&nbsp;",
    "&#0;",
    "&#x0;",
    "&#xD800;",
    "&#x110000;",
    "&#65;",
    "&#x1F600;",
    "&#99999999999;",
    "&;",
    "&#;",
    "&#x;",
    "&amp",
    "&eacute",
    "&notit;",
    "&NotNestedGreaterGreater;",
    "&&",
    "&#128;",
    "&#150;",
    "&#x9;",
];

const TAGS: &[&str] = &[
    "div",
    "p",
    "span",
    "a",
    "article",
    "main",
    "section",
    "nav",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "figure",
    "figcaption",
    "time",
    "form",
    "select",
    "option",
    "textarea",
    "button",
    "label",
    "dl",
    "dt",
    "dd",
    "svg",
    "math",
    "template",
    "noscript",
    "iframe",
    "object",
    "frameset",
    "xmp",
    "plaintext",
    "title",
    "body",
    "head",
    "html",
    "font",
    "center",
    "marquee",
];

const VOID: &[&str] = &[
    "br", "hr", "img", "meta", "link", "input", "wbr", "source", "base",
];

const ATTR_NAMES: &[&str] = &[
    "class",
    "id",
    "lang",
    "href",
    "src",
    "datetime",
    "content",
    "property",
    "name",
    "charset",
    "http-equiv",
    "itemprop",
    "rel",
    "role",
    "style",
    "hidden",
    "aria-hidden",
    "data-x",
    "xml:lang",
    "dir",
    "onclick",
];

const ATTR_VALUES: &[&str] = &[
    "cookie-banner",
    "related",
    "comments",
    "newsletter",
    "article-body",
    "content",
    "story",
    "main",
    "sidebar",
    "share",
    "ad",
    "promo",
    "footer",
    "og:title",
    "og:url",
    "og:locale",
    "article:published_time",
    "author",
    "date",
    "description",
    "canonical",
    "text/html; charset=iso-8859-15",
    "charset=\"utf-16\"",
    "utf-8",
    "windows-1252",
    "iso-8859-1",
    "x-user-defined",
    "koi8-r",
    "https://example.org/a?b=1&c=2",
    "javascript:alert(1)",
    "",
];

/// One of `items` (strings or byte strings).
fn one<'a, T: ?Sized>(rng: &mut Rng, items: &[&'a T]) -> &'a T {
    rng.pick::<&'a T>(items)
}

fn random_char(rng: &mut Rng) -> char {
    char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{fffd}')
}

/// Words, names, punctuation, line breaks and any character now and then.
fn words(rng: &mut Rng, n: u64) -> String {
    let mut s = String::new();
    for _ in 0..n {
        match rng.below(20) {
            0 => s.push(random_char(rng)),
            1 => s.push_str(one(rng, DATES)),
            2 => s.push_str(one(
                rng,
                &["\n", "\n\n", "\r\n", "\t", ". ", ", ", "\u{a0}", "\u{2028}"],
            )),
            3..=9 => s.push_str(one(rng, WORDS)),
            _ => s.push_str(one(rng, PIECES)),
        }
        s.push(' ');
    }
    s
}

/// Latin-1 bytes of `text` (`?` for what Latin-1 lacks).
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// Byte-order marks: UTF-8, UTF-16LE, UTF-16BE, UTF-32LE, UTF-32BE.
const BOMS: &[&[u8]] = &[
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff\xfe\0\0",
    b"\0\0\xfe\xff",
];

/// Byte sequences UTF-8 forbids: lone lead and continuation bytes,
/// truncated sequences, an encoded surrogate, beyond U+10FFFF, overlong.
const BAD_UTF8: &[&[u8]] = &[
    b"\xc0",
    b"\xc3",
    b"\xe2\x82",
    b"\xf0\x9f\x98",
    b"\x80",
    b"\xff",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xc0\xaf",
];

fn raw_bytes(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.range(0, 40) {
        match rng.below(9) {
            0 => out.extend((0..rng.below(64)).map(|_| rng.below(256) as u8)),
            1 => out.extend_from_slice(one(rng, BOMS)),
            2 => out.extend(std::iter::repeat_n(0u8, rng.range(1, 4) as usize)),
            3 => out.extend_from_slice(one(rng, BAD_UTF8)),
            4 => out.extend_from_slice(
                {
                    let n = rng.range(1, 20);
                    words(rng, n)
                }
                .as_bytes(),
            ),
            5 => {
                let le = rng.chance(0.5);
                out.extend(utf16(
                    &{
                        let n = rng.range(1, 20);
                        words(rng, n)
                    },
                    le,
                ));
            }
            6 => out.extend(latin1(&{
                let n = rng.range(1, 20);
                words(rng, n)
            })),
            7 => out.extend_from_slice(html_page(rng).as_bytes()),
            _ => out.extend(jsonl_lines(rng)),
        }
    }
    if rng.chance(0.02) {
        let b = rng.below(256) as u8;
        out.extend(std::iter::repeat_n(b, rng.range(1, 200_000) as usize));
    }
    out
}

/// An attribute, its value quoted either way, not at all, or left open.
fn attribute(rng: &mut Rng) -> String {
    let name = one(rng, ATTR_NAMES);
    let value = match rng.below(8) {
        0 => {
            let n = rng.range(0, 4);
            words(rng, n)
        }
        1 => one(rng, LANGS).to_string(),
        2 => one(rng, DATES).to_string(),
        3 if rng.chance(0.1) => "x".repeat(rng.range(1, 100_000) as usize),
        _ => one(rng, ATTR_VALUES).to_string(),
    };
    match rng.below(6) {
        0 => format!(" {name}='{value}'"),
        1 => format!(" {name}={}", value.replace(' ', "")),
        2 => format!(" {name}"),
        3 if rng.chance(0.2) => format!(" {name}=\"{value}"),
        _ => format!(" {name}=\"{value}\""),
    }
}

fn attributes(rng: &mut Rng) -> String {
    (0..rng.below(4)).map(|_| attribute(rng)).collect()
}

/// A random JSON value, nested to `depth` at most.
fn json_value(rng: &mut Rng, depth: u32) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    match rng.below(if depth == 0 { 5 } else { 7 }) {
        0 => quoted(one(rng, DATES)),
        1 => quoted(&{
            let n = rng.range(0, 8);
            words(rng, n)
        }),
        2 => quoted(one(rng, LANGS)),
        3 => rng
            .pick(&[
                "null",
                "true",
                "0",
                "-1.5e308",
                "1e999",
                "12345678901234567890",
            ])
            .to_string(),
        4 => quoted(one(rng, &["", " ", "\u{0}", "\\ud800", "\u{fffd}"])),
        5 => {
            let items: Vec<String> = (0..rng.below(4))
                .map(|_| json_value(rng, depth - 1))
                .collect();
            format!("[{}]", items.join(","))
        }
        _ => json_object(rng, depth - 1),
    }
}

fn json_object(rng: &mut Rng, depth: u32) -> String {
    const KEYS: &[&str] = &[
        "@context",
        "@type",
        "@graph",
        "headline",
        "datePublished",
        "dateModified",
        "author",
        "name",
        "url",
        "inLanguage",
        "publisher",
        "text",
        "title",
        "date",
        "lang",
        "id",
    ];
    let fields: Vec<String> = (0..rng.below(6))
        .map(|_| {
            let key = serde_json::to_string(one(rng, KEYS)).expect("JSON");
            format!("{key}:{}", json_value(rng, depth))
        })
        .collect();
    format!("{{{}}}", fields.join(","))
}

fn html_page(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(0.5) {
        s.push_str(one(
            rng,
            &[
                "<!DOCTYPE html>",
                "<!doctype html public \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
                "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>",
                "<!DOCTYPE>",
            ],
        ));
    }
    if rng.chance(0.8) {
        let lang = one(rng, LANGS);
        s.push_str(&format!("<html lang=\"{lang}\"{}>", attributes(rng)));
    }
    if rng.chance(0.8) {
        s.push_str("<head>");
        for _ in 0..rng.below(5) {
            s.push_str(&format!("<meta{}>", attributes(rng)));
        }
        if rng.chance(0.7) {
            s.push_str(&format!("<title>{}</title>", {
                let n = rng.range(0, 8);
                words(rng, n)
            }));
        }
        if rng.chance(0.5) {
            s.push_str(&format!(
                "<script type=\"application/ld+json\">{}</script>",
                json_value(rng, 4)
            ));
        }
        if rng.chance(0.8) {
            s.push_str("</head>");
        }
    }
    let mut budget = rng.range(1, 200);
    s.push_str("<body>");
    while budget > 0 {
        element(rng, &mut s, 0, &mut budget);
    }
    if rng.chance(0.7) {
        s.push_str("</body></html>");
    }
    s
}

/// One node of a page: text, an element (closed, left open or closed by
/// the wrong tag), a comment, a script, or deep nesting.
fn element(rng: &mut Rng, s: &mut String, depth: u32, budget: &mut u64) {
    *budget = budget.saturating_sub(1);
    match rng.below(12) {
        0..=2 => {
            s.push_str(&{
                let n = rng.range(1, 30);
                words(rng, n)
            });
            if rng.chance(0.3) {
                s.push_str(one(rng, ENTITIES));
            }
        }
        3 => s.push_str(&format!("<{}{}>", one(rng, VOID), attributes(rng))),
        4 => s.push_str(&format!(
            "<!--{}{}",
            words(rng, 3),
            if rng.chance(0.9) { "-->" } else { "" }
        )),
        5 => {
            let tag = one(rng, &["script", "style", "textarea", "title"]);
            let inside = one(
                rng,
                &[
                    "var s = '</p>'; if (a < b && c) {}",
                    "<!--",
                    "]]>",
                    "</scr",
                    "{\"@type\":",
                ],
            );
            let close = if rng.chance(0.8) {
                format!("</{tag}>")
            } else {
                String::new()
            };
            s.push_str(&format!("<{tag}>{inside}{close}"));
        }
        6 if rng.chance(0.05) => {
            let n = rng.range(100, 20_000) as usize;
            let tag = one(
                rng,
                &["div", "span", "b", "table", "ul", "a", "p", "blockquote"],
            );
            s.push_str(&format!("<{tag}>").repeat(n));
            s.push_str(&words(rng, 5));
            if rng.chance(0.5) {
                s.push_str(&format!("</{tag}>").repeat(n));
            }
        }
        7 => s.push_str(one(
            rng,
            &[
                "<![CDATA[x]]>",
                "</>",
                "<>",
                "< p>",
                "</div>",
                "<p/>",
                "<?php ?>",
                "<a <b>",
            ],
        )),
        _ if depth < 40 => {
            let tag = one(rng, TAGS);
            s.push_str(&format!("<{tag}{}>", attributes(rng)));
            for _ in 0..rng.below(4) {
                if *budget == 0 {
                    break;
                }
                element(rng, s, depth + 1, budget);
            }
            match rng.below(10) {
                0 => {}
                1 => s.push_str(&format!("</{}>", one(rng, TAGS))),
                _ => s.push_str(&format!("</{tag}>")),
            }
        }
        _ => s.push_str(&words(rng, 3)),
    }
}

fn jsonl_lines(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    if rng.chance(0.1) {
        out.extend_from_slice(b"\xef\xbb\xbf");
    }
    for _ in 0..rng.range(0, 30) {
        match rng.below(10) {
            0..=4 => out.extend_from_slice(article_line(rng).as_bytes()),
            5 => {
                let line = article_line(rng);
                let cut = rng.below(line.len() as u64 + 1) as usize;
                out.extend_from_slice(&line.as_bytes()[..cut]);
            }
            6 => out.extend_from_slice(one(rng, &[&b""[..], b"  ", b"\r", b"\t"])),
            7 => out.extend_from_slice(one(
                rng,
                &[
                    &b"[]"[..],
                    b"null",
                    b"1",
                    b"\"text\"",
                    b"{",
                    b"}",
                    b"{}{}",
                    b"\0",
                    b"\xff\xfe",
                ],
            )),
            8 => out.extend(raw_line(rng)),
            _ => out.extend_from_slice(json_object(rng, 3).as_bytes()),
        }
        out.extend_from_slice(if rng.chance(0.1) { b"\r\n" } else { b"\n" });
    }
    if rng.chance(0.1) {
        let text = String::from_utf8_lossy(&out).into_owned();
        return utf16(&text, rng.chance(0.5));
    }
    out
}

fn raw_line(rng: &mut Rng) -> Vec<u8> {
    let mut line = b"{\"text\": \"".to_vec();
    line.extend(
        (0..rng.below(40))
            .map(|_| rng.range(1, 255) as u8)
            .filter(|&b| b != b'\n'),
    );
    line.extend_from_slice(b"\"}");
    line
}

/// An article line: the fields of JSON Lines, mostly of the right type,
/// sometimes not, huge, empty, repeated or unknown.
fn article_line(rng: &mut Rng) -> String {
    let quoted = |s: &str| serde_json::to_string(s).expect("a string is JSON");
    let mut fields = Vec::new();
    if rng.chance(0.9) {
        let text = match rng.below(10) {
            0 => quoted(""),
            1 => quoted(" \n "),
            2 if rng.chance(0.2) => quoted(&{
                let n = rng.range(1000, 20_000);
                words(rng, n)
            }),
            3 => json_value(rng, 2),
            4 => "\"A\\u0000B\\ud800 C\\\\\"".to_string(),
            _ => quoted(&{
                let n = rng.range(1, 200);
                words(rng, n)
            }),
        };
        fields.push(format!("\"text\": {text}"));
    }
    for (key, values) in [
        ("title", WORDS),
        ("url", ATTR_VALUES),
        ("date", DATES),
        ("lang", LANGS),
    ] {
        if rng.chance(0.5) {
            let value = if rng.chance(0.8) {
                quoted(one(rng, values))
            } else {
                json_value(rng, 1)
            };
            fields.push(format!("\"{key}\": {value}"));
        }
    }
    if rng.chance(0.3) {
        fields.push(format!("\"id\": {}", json_value(rng, 1)));
    }
    if rng.chance(0.1) {
        fields.push(format!("\"extra\": {}", json_value(rng, 3)));
    }
    if rng.chance(0.05) && !fields.is_empty() {
        let again = fields[0].clone();
        fields.push(again);
    }
    format!("{{{}}}", fields.join(", "))
}

/// A text or Markdown article, with front matter now and then (well
/// formed or not).
fn text_file(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(0.5) {
        s.push_str("---\n");
        for _ in 0..rng.below(6) {
            let key = one(
                rng,
                &["title", "date", "url", "lang", "author", "tags", "x", ""],
            );
            let value = match rng.below(6) {
                0 => one(rng, DATES).to_string(),
                1 => one(rng, LANGS).to_string(),
                2 => format!("\"{}\"", words(rng, 3).replace('\n', " ")),
                3 => rng
                    .pick(&[
                        "[a, b]",
                        "{x: 1}",
                        "|",
                        ">",
                        "'unclosed",
                        "\"",
                        "- item",
                        ":",
                    ])
                    .to_string(),
                _ => words(rng, 4).replace('\n', " "),
            };
            s.push_str(&format!("{key}: {value}\n"));
        }
        if rng.chance(0.8) {
            s.push_str(one(rng, &["---\n", "---", "...\n", "--- \n"]));
        }
    }
    if rng.chance(0.5) {
        s.push_str(&format!("# {}\n\n", words(rng, 5)));
    }
    s.push_str(&{
        let n = rng.range(0, 300);
        words(rng, n)
    });
    s
}

/// Changes `bytes` a few times: bytes flipped, ranges deleted or copied,
/// fragments inserted, cut short, spliced with another file, or the whole
/// re-encoded as UTF-16 or Latin-1.
fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, seeds: &[(String, Vec<u8>)]) {
    for _ in 0..rng.range(1, 8) {
        let len = bytes.len() as u64;
        let at = rng.below(len + 1) as usize;
        let end = (at + rng.below(200) as usize).min(bytes.len());
        match rng.below(9) {
            0 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            1 => {
                bytes.drain(at..end);
            }
            2 => {
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            3 => {
                let fragment = match rng.below(4) {
                    0 => html_page(rng).into_bytes(),
                    1 => words(rng, 10).into_bytes(),
                    2 => one(rng, ENTITIES).as_bytes().to_vec(),
                    _ => (0..rng.below(16)).map(|_| rng.below(256) as u8).collect(),
                };
                bytes.splice(at..at, fragment);
            }
            4 => bytes.truncate(at),
            5 => {
                let (_, other) = rng.pick(seeds);
                let from = rng.below(other.len() as u64 + 1) as usize;
                bytes.truncate(at);
                bytes.extend_from_slice(&other[from..]);
            }
            6 if rng.chance(0.3) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                *bytes = match rng.below(3) {
                    0 => utf16(&text, true),
                    1 => utf16(&text, false),
                    _ => latin1(&text),
                };
            }
            _ => {}
        }
    }
}
