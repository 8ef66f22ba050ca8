//! What kg does with the database file itself: read commands never
//! create one or anything beside it; a newer schema and a file that is no
//! database are refused before anything writes.

use crate::*;

#[test]
fn read_commands_on_a_missing_database_fail_without_creating_it() {
    let env = Env::new();
    for args in [
        vec!["stats"],
        vec!["entities"],
        vec!["show", "Sherman"],
        vec!["relations"],
        vec!["neighbors", "Sherman"],
        vec!["path", "Sherman", "Riabkov"],
        vec!["export", "--format", "dot"],
    ] {
        env.kg().args(&args).assert().code(1).stderr(
            predicate::str::contains("kg: database")
                .and(predicate::str::contains("does not exist")),
        );
        assert!(!env.db().exists(), "{args:?} created the database");
        let leftovers: Vec<_> = std::fs::read_dir(env.dir.path()).expect("ls").collect();
        assert!(leftovers.is_empty(), "{args:?} left {leftovers:?}");
    }
}

#[test]
fn read_commands_create_no_file_next_to_the_database() {
    let env = Env::new();
    env.ingest_sample();
    let ls = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(env.dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(ls(), vec!["kg.db"]);
    let before = std::fs::read(env.db()).expect("db bytes");
    for args in [
        vec!["stats"],
        vec!["show", "Riabkov"],
        vec!["path", "Bonnie Jenkins", "Riabkov"],
        vec!["export"],
    ] {
        env.kg().args(&args).assert().success();
        assert_eq!(ls(), vec!["kg.db"], "{args:?}");
    }
    assert!(
        std::fs::read(env.db()).expect("db bytes") == before,
        "a read changed the file"
    );
}

#[test]
fn a_database_of_a_newer_schema_is_refused_before_anything_writes() {
    let env = Env::new();
    env.ingest_sample();
    let conn = rusqlite::Connection::open(env.db()).expect("db");
    conn.pragma_update(None, "user_version", 99)
        .expect("set version");
    drop(conn);
    let before = std::fs::read(env.db()).expect("read db");
    env.kg()
        .args(["ingest", SAMPLE_FILE])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has schema version 99, newer than this kg knows",
        ));
    let after = std::fs::read(env.db()).expect("read db");
    assert!(
        before == after,
        "the refused ingest changed the file's bytes"
    );
    for side in ["kg.db-wal", "kg.db-shm"] {
        assert!(!env.path(side).exists(), "{side} appeared");
    }
}

#[test]
fn a_file_that_is_no_database_is_named_once_and_a_failed_run_leaves_none() {
    let env = Env::new();
    env.write("kg.db", "not a database, only text ".repeat(40));
    for args in [&["stats"][..], &["ingest", SAMPLE_FILE][..]] {
        let assert = env.kg().args(args).assert().code(1);
        let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(err.contains("kg.db"), "{args:?}: {err}");
        assert_eq!(
            err.matches("file is not a database").count(),
            1,
            "{args:?}: {err}"
        );
    }
    // A run that stores nothing into a new database leaves no file.
    std::fs::remove_file(env.db()).expect("rm");
    env.write("empty.txt", "  \n");
    for defer in ["auto", "no"] {
        env.kg()
            .args(["ingest", "empty.txt", "--defer-indexes", defer])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("nothing could be ingested"));
        let left: Vec<_> = std::fs::read_dir(env.dir.path())
            .expect("ls")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with("kg.db"))
            .collect();
        assert!(left.is_empty(), "--defer-indexes {defer} left {left:?}");
    }
}
