//! The distributed examples: `examples/spark/kg_spark.py` (PySpark, local
//! mode) and `examples/dask/kg_dask.py` (Dask distributed, a
//! LocalCluster) extract a generated corpus of 10,000 articles, in
//! shards, on the engine's workers and load the facts; the database and
//! its exports are those of one `kg ingest` of the shards. Each engine is
//! skipped with a message when its Python package is absent (a failure
//! under CI=true: `.ci/run` installs them).

use crate::facts::{corpus, export, ingest_shards, write_shards};
use crate::*;

const ARTICLES: usize = 10_000;
const SHARDS: usize = 8;

/// Runs `python3 SCRIPT SHARDS FACTS --kg KG --db DB ARGS` and checks that
/// DB is `one`, row for row and in its JSON and DOT exports.
fn assert_example_is_one_ingest(env: &Env, one: &Path, script: &str, args: &[&str]) {
    let name = Path::new(script)
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("script name");
    let db = env.path(&format!("{name}.db"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(script);
    let started = std::time::Instant::now();
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(env.path("shards"))
        .arg(env.path(&format!("{name}-facts")))
        .arg("--kg")
        .arg(assert_cmd::cargo::cargo_bin("kg"))
        .arg("--db")
        .arg(&db)
        .args(args)
        .output()
        .expect("run python3");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name} failed: {stderr}");
    assert_says(
        &String::from_utf8_lossy(&out.stdout),
        &[&format!("articles:  {ARTICLES} new, 0 skipped, 0 failed")],
    );
    eprintln!("{name}: {:.1} s", started.elapsed().as_secs_f64());
    assert!(
        dump(one) == dump(&db),
        "{name}: the rows differ from one ingest"
    );
    for format in ["json", "dot"] {
        assert!(
            export(one, format) == export(&db, format),
            "{name}: the {format} export differs from one ingest's"
        );
    }
}

#[test]
fn spark_and_dask_examples_give_what_one_ingest_gives() {
    let spark = have("PySpark", &["python3", "-c", "import pyspark"]);
    let dask = have(
        "Dask distributed",
        &["python3", "-c", "import dask.bag, dask.distributed"],
    );
    if !(spark || dask) {
        return;
    }
    let env = Env::new();
    let lines = corpus(&env, ARTICLES, 18);
    let cuts: Vec<usize> = (1..SHARDS).map(|i| i * ARTICLES / SHARDS).collect();
    assert_eq!(write_shards(&env, &lines, &cuts).len(), SHARDS);
    let one = env.path("one.db");
    ingest_shards(&env, &one);
    if spark {
        assert_example_is_one_ingest(
            &env,
            &one,
            "examples/spark/kg_spark.py",
            &["--master", "local[2]"],
        );
    }
    if dask {
        assert_example_is_one_ingest(&env, &one, "examples/dask/kg_dask.py", &["--workers", "2"]);
    }
}
