//! Ingests that are killed half-way, read during, or run two at once:
//! only whole articles are ever stored, a rerun finishes the job, and the
//! ingest lock makes concurrent runs take turns.

use crate::*;

/// `ARTICLES` short English stories as JSONL, names recurring across them.
fn stories(articles: i64) -> String {
    stories_from(0, articles)
}

/// Stories number `first` to `first + articles - 1` (see [`stories`]).
fn stories_from(first: i64, articles: i64) -> String {
    let mut corpus = String::new();
    for i in first..first + articles {
        corpus.push_str(
            &serde_json::json!({
                "id": i,
                "lang": "en",
                "text": format!(
                    "Story {i}. Yesterday Alice Martin{i} met Bob Stone{} in Vienna. \
                     Later Carol White{} called Alice Martin{i} from Geneva.",
                    i % 7,
                    i % 5
                ),
            })
            .to_string(),
        );
        corpus.push('\n');
    }
    corpus
}

/// A story ingested before the interrupted run, so that it writes into an
/// existing database (a new one is built aside: see the next test).
const SEED: &str = "Seed. Yesterday Alice Martin met Bob Stone in Vienna.";

/// Killing an ingest into an existing database half-way leaves only whole
/// articles (each with its sentences, mentions and counts), and finishing
/// it afterwards gives the same database as one uninterrupted run.
#[test]
fn an_interrupted_ingest_leaves_whole_articles_and_resumes_to_the_same_database() {
    let env = Env::new();
    const ARTICLES: i64 = 3000;
    let corpus = stories(ARTICLES);
    let seed = env.write("seed.txt", SEED);
    env.kg().arg("ingest").arg(&seed).assert().success();
    let input = env.write("news.jsonl", &corpus);
    let mut child = spawn_ingest(
        &env,
        &["--batch-size", "8", "--defer-indexes", "yes"],
        &input,
    );
    // Kill it (SIGKILL: no chance to clean up) as soon as a first batch is
    // committed, while later ones are being written.
    let stored = || -> i64 {
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        rusqlite::Connection::open_with_flags(env.db(), flags)
            .and_then(|db| db.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while stored() <= 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let at_kill = stored();
    assert!(
        at_kill > 1 && at_kill < ARTICLES + 1,
        "not interrupted half-way ({at_kill} of {ARTICLES} stored)"
    );
    {
        let db = rusqlite::Connection::open(env.db()).expect("db");
        let check = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).expect(sql) };
        assert_eq!(
            check(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)"
            ),
            0,
            "an article without sentences"
        );
        assert_eq!(
            check(
                "SELECT count(*) FROM entities e WHERE mention_count <> (SELECT coalesce(sum(json_array_length(m.spans)), 0) FROM mentions m WHERE m.entity_id = e.id)"
            ),
            0,
            "mention counts out of step"
        );
        let ok: String = db
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
    }
    // A bulk load, whose indexes were dropped and not yet rebuilt. Readers
    // refuse the file until a writer rebuilds them.
    env.kg()
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicate::str::contains("run `kg ingest` again"));
    env.kg().arg("ingest").arg(&input).assert().success();
    env.kg().arg("stats").assert().success();

    assert_same_as_one_run(&env, &[("seed.txt", SEED), ("news.jsonl", &corpus)]);
}

/// Ingests `files` (name, content), in order, into a new database and
/// checks that `env`'s database holds the same (temporary paths aside).
fn assert_same_as_one_run(env: &Env, files: &[(&str, &str)]) {
    let clean = Env::new();
    for (name, content) in files {
        let input = clean.write(name, content);
        clean.kg().arg("ingest").arg(&input).assert().success();
    }
    let normalise = |dump: String| {
        dump.replace(&*env.dir.path().to_string_lossy(), "TMP")
            .replace(&*clean.dir.path().to_string_lossy(), "TMP")
    };
    assert_eq!(normalise(env.dump()), normalise(clean.dump()));
}

/// Starts `kg ingest ARGS INPUT` on `env`'s database, output discarded.
fn spawn_ingest(env: &Env, args: &[&str], input: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
        .arg("--db")
        .arg(env.db())
        .arg("ingest")
        .args(args)
        .arg(input)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn kg")
}

/// Killing an ingest into a new database leaves no database, only the side
/// file it was being built in; the next ingest starts that again and gives
/// the same database as one uninterrupted run.
#[test]
fn an_interrupted_ingest_into_a_new_database_leaves_none_and_starts_again() {
    let env = Env::new();
    let corpus = stories(20_000);
    let input = env.write("news.jsonl", &corpus);
    let side = env.path("kg.db-building");
    let mut child = spawn_ingest(&env, &["--batch-size", "8"], &input);
    // Kill it (SIGKILL) once its side file holds a few batches.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while std::fs::metadata(&side).map_or(0, |m| m.len()) < 1 << 20
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(side.exists(), "the side file is left");
    assert!(!env.db().exists(), "no half-built database");
    env.kg()
        .arg("stats")
        .assert()
        .failure()
        .stderr(predicate::str::contains("does not exist"));
    env.kg().arg("ingest").arg(&input).assert().success();
    assert!(!side.exists());

    assert_same_as_one_run(&env, &[("news.jsonl", &corpus)]);
}

/// Read commands keep working, and keep seeing every article committed
/// before, while an ingest with default options writes into an existing
/// database (its indexes stay in place: no bulk load there).
#[test]
fn reads_succeed_throughout_an_ingest_into_an_existing_database() {
    let env = Env::new();
    let seed = env.write("seed.txt", SEED);
    env.kg().arg("ingest").arg(&seed).assert().success();
    // Larger than the database: what `auto` used to bulk-load.
    let input = env.write("news.jsonl", stories(4000));
    assert!(std::fs::metadata(&input).unwrap().len() > std::fs::metadata(env.db()).unwrap().len());
    let mut child = spawn_ingest(&env, &[], &input);
    let mut reads = 0;
    let mut during = 0;
    loop {
        let running = child.try_wait().expect("wait").is_none();
        let stats = json_of(env.kg().args(["stats", "--json"]));
        let articles = stats["articles"].as_i64().expect("article count");
        assert!(articles >= 1, "the seeded article is read: {stats}");
        let entities = stdout_of(env.kg().args(["entities"]));
        assert!(entities.contains("Bob Stone"), "{entities}");
        reads += 2;
        if running {
            during += 2;
        } else {
            break;
        }
    }
    assert!(child.wait().expect("wait").success(), "the ingest succeeds");
    eprintln!("{reads} reads, {during} of them while the ingest ran");
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(stats["articles"].as_i64(), Some(4001), "{stats}");
}

/// Two ingests into one existing database at once: one waits for the
/// other, both succeed, each summary counts its own work only, and the
/// database is what the same ingests give one after the other (in the
/// order they took the lock).
#[test]
fn concurrent_ingests_take_turns_and_give_the_same_database_as_in_sequence() {
    let env = Env::new();
    let seed = env.write("seed.txt", SEED);
    env.kg().arg("ingest").arg(&seed).assert().success();
    let seeded = json_of(env.kg().args(["stats", "--json"]));
    let (a, b) = (stories_from(0, 1500), stories_from(1500, 1500));
    let a_path = env.write("a.jsonl", &a);
    let b_path = env.write("b.jsonl", &b);
    let run = |input: &Path| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
            .arg("--db")
            .arg(env.db())
            .args(["ingest", "--json"])
            .arg(input)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn kg")
    };
    let (first, second) = (run(&a_path), run(&b_path));
    let outputs = [first, second].map(|c| c.wait_with_output().expect("wait for kg"));
    let mut added = 0;
    for (out, articles) in outputs.iter().zip([1500, 1500]) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{:?}: {stderr}", out.status);
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
        assert_eq!(summary["articles_new"], articles, "{summary}");
        added += summary["entities_added"].as_i64().expect("entities_added");
    }
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(
        seeded["entities"].as_i64().unwrap() + added,
        stats["entities"].as_i64().unwrap(),
        "each run counted its own entities only: {stats}"
    );
    let lock = env.path(INGEST_LOCK);
    assert!(!lock.exists(), "the lock file goes with the last run");
    // Whichever took the lock first wrote the article after the seed.
    let after_seed: String = rusqlite::Connection::open(env.db())
        .and_then(|db| db.query_row("SELECT source FROM articles WHERE id = 2", [], |r| r.get(0)))
        .expect("second article");
    let (a, b) = (("a.jsonl", a.as_str()), ("b.jsonl", b.as_str()));
    let order = if after_seed.contains("a.jsonl") {
        [a, b]
    } else {
        [b, a]
    };
    assert_same_as_one_run(&env, &[("seed.txt", SEED), order[0], order[1]]);
}

/// Where `kg ingest` takes its lock, beside the database `kg.db`.
const INGEST_LOCK: &str = "kg.db-ingest.lock";

/// Starts a `kg ingest -` on `env`'s database that holds the ingest lock
/// until its standard input (left open, returned in the child) is closed:
/// it takes the lock, then opens the database (switching it to WAL, which
/// rewrites its header), before it reads its input. Returns once both are
/// done.
fn hold_the_ingest_lock(env: &Env) -> std::process::Child {
    let holder = std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
        .arg("--db")
        .arg(env.db())
        .args(["ingest", "-", "--lang", "en"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn kg");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !(env.path(INGEST_LOCK).exists() && env.path("kg.db-wal").exists()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the holder took no lock or opened no database"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    holder
}

/// An ingest or load finding another writer at work waits for it, names
/// its process, and gives up after `--wait` seconds with exit 1, having
/// written nothing.
#[test]
fn an_ingest_waits_for_another_then_gives_up_having_written_nothing() {
    let env = Env::new();
    let seed = env.write("seed.txt", SEED);
    env.kg().arg("ingest").arg(&seed).assert().success();
    let input = env.write("news.jsonl", stories(5));
    let facts = env.write("news.facts", stdout_of(env.kg().arg("extract").arg(&input)));
    let mut holder = hold_the_ingest_lock(&env);
    let before = std::fs::read(env.db()).expect("read db");
    // `kg load` queues behind the same lock.
    for (command, input) in [("ingest", &input), ("load", &facts)] {
        env.kg()
            .args([command, "--wait", "1"])
            .arg(input)
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                predicate::str::contains(format!(
                    "kg: waiting for the writer PID {} (another kg ingest, load or merge-db) on ",
                    holder.id()
                ))
                .and(predicate::str::contains(
                    "another writer (kg ingest, load or merge-db) is still writing it after 1 s; nothing was written",
                )),
            );
    }
    assert_eq!(std::fs::read(env.db()).expect("read db"), before);
    // The holder ends, with one article read from its standard input.
    let mut stdin = holder.stdin.take().expect("holder's stdin");
    std::io::Write::write_all(&mut stdin, SEED.replace("Seed", "Held").as_bytes())
        .expect("write to the holder");
    drop(stdin);
    assert!(
        holder.wait().expect("wait").success(),
        "the holder succeeds"
    );
    env.kg()
        .args(["ingest", "--wait", "0"])
        .arg(&input)
        .assert()
        .success()
        .stderr(predicate::str::contains("waiting").not());
}

/// Writers queue: an ingest, a load and a merge-db started while another
/// process holds the lock of a database not yet created each wait (naming
/// the holder's process on standard error), then write in turn: all
/// succeed, each summary counts its own additions only, and the database
/// is what the three give one after the other, in the order they took the
/// lock.
#[test]
fn writers_queue_on_a_new_database_and_count_their_own_work() {
    use std::io::BufRead;
    let env = Env::new();
    let parts = [
        ("a.jsonl", stories_from(0, 600)),
        ("b.jsonl", stories_from(600, 600)),
        ("c.jsonl", stories_from(1200, 600)),
    ];
    let paths: Vec<PathBuf> = parts.iter().map(|(n, c)| env.write(n, c)).collect();
    let facts = env.write("b.facts", stdout_of(env.kg().arg("extract").arg(&paths[1])));
    let c_db = env.path("c.db");
    kg().arg("--db")
        .arg(&c_db)
        .arg("ingest")
        .arg(&paths[2])
        .assert()
        .success();
    // This process holds the lock, as a writer does.
    let held = std::fs::File::create(env.path(INGEST_LOCK)).expect("lock file");
    held.lock().expect("lock");
    std::fs::write(env.path(INGEST_LOCK), format!("{}\n", std::process::id())).expect("pid");
    let db = env.db();
    let writers: [Vec<&std::ffi::OsStr>; 3] = [
        vec![
            "--db".as_ref(),
            db.as_os_str(),
            "ingest".as_ref(),
            paths[0].as_os_str(),
        ],
        vec![
            "--db".as_ref(),
            db.as_os_str(),
            "load".as_ref(),
            facts.as_os_str(),
        ],
        vec!["merge-db".as_ref(), db.as_os_str(), c_db.as_os_str()],
    ];
    let (tx, waiting) = std::sync::mpsc::channel();
    let mut children = Vec::new();
    for args in &writers {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kg"))
            .args(args)
            .arg("--json")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn kg");
        let stderr = child.stderr.take().expect("stderr");
        let tx = tx.clone();
        let reader = std::thread::spawn(move || {
            let mut all = String::new();
            for line in std::io::BufReader::new(stderr).lines() {
                let line = line.expect("stderr line");
                if line.starts_with("kg: waiting for the writer") {
                    let _ = tx.send(());
                }
                all.push_str(&line);
                all.push('\n');
            }
            all
        });
        children.push((child, reader));
    }
    for _ in 0..writers.len() {
        waiting
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("every writer says it waits");
    }
    assert!(!db.exists(), "nothing written while the lock is held");
    drop(held);
    let mut added = (0, 0);
    for (child, reader) in children {
        let out = child.wait_with_output().expect("wait for kg");
        let stderr = reader.join().expect("stderr read");
        assert!(out.status.success(), "{:?}: {stderr}", out.status);
        assert!(
            stderr.contains(&format!(
                "kg: waiting for the writer PID {} (another kg ingest, load or merge-db) on {}",
                std::process::id(),
                db.display()
            )),
            "{stderr}"
        );
        let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
        assert_eq!(summary["articles_new"], 600, "{summary}");
        added.0 += summary["entities_added"].as_i64().expect("entities_added");
        added.1 += summary["relations_added"]
            .as_i64()
            .expect("relations_added");
    }
    let stats = json_of(env.kg().args(["stats", "--json"]));
    assert_eq!(stats["articles"], 1800, "{stats}");
    assert_eq!(
        (stats["entities"].as_i64(), stats["relations"].as_i64()),
        (Some(added.0), Some(added.1)),
        "each run counted its own additions only: {stats}"
    );
    assert!(
        !env.path(INGEST_LOCK).exists(),
        "the lock file goes with the last run"
    );
    // The order they took the lock in: the sources of articles 1, 601, 1201.
    let conn = rusqlite::Connection::open(env.db()).expect("open");
    let order: Vec<(&str, &str)> = [1, 601, 1201]
        .iter()
        .map(|id| {
            let source: String = conn
                .query_row("SELECT source FROM articles WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .expect("article");
            let (name, content) = parts
                .iter()
                .find(|(n, _)| source.contains(n))
                .expect("a known source");
            (*name, content.as_str())
        })
        .collect();
    drop(conn);
    assert_same_as_one_run(&env, &order);
}
