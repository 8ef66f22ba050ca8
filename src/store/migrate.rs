//! Schema migrations: the plain SQL files of `migrations/`, embedded at
//! compile time and applied in order. The schema version is SQLite's
//! `PRAGMA user_version`; pending migrations run in one transaction, so a
//! database is always at a version this list names.

use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// The migrations, in order; each brings the schema to the version its
/// file name starts with (`0008_...` to version 8). Never edit a released
/// one: add a file. Numbers only grow; one may be missing while the branch
/// that adds it has not landed.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_create_schema.sql",
        include_str!("../../migrations/0001_create_schema.sql"),
    ),
    (
        "0002_compact_mentions_evidence.sql",
        include_str!("../../migrations/0002_compact_mentions_evidence.sql"),
    ),
    (
        "0003_index_relations_by_head.sql",
        include_str!("../../migrations/0003_index_relations_by_head.sql"),
    ),
    (
        "0004_cooccurrences.sql",
        include_str!("../../migrations/0004_cooccurrences.sql"),
    ),
    (
        "0005_index_alias_words.sql",
        include_str!("../../migrations/0005_index_alias_words.sql"),
    ),
    (
        "0006_add_article_date_raw_and_author.sql",
        include_str!("../../migrations/0006_add_article_date_raw_and_author.sql"),
    ),
    (
        "0007_articles_in_other_languages.sql",
        include_str!("../../migrations/0007_articles_in_other_languages.sql"),
    ),
    (
        "0008_curation.sql",
        include_str!("../../migrations/0008_curation.sql"),
    ),
    (
        "0009_split_rules.sql",
        include_str!("../../migrations/0009_split_rules.sql"),
    ),
    (
        "0010_date_evidence.sql",
        include_str!("../../migrations/0010_date_evidence.sql"),
    ),
];

/// The schema version this build knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |(name, _)| number(name))
}

/// The schema version a migration brings: the number its name starts with.
fn number(name: &str) -> i64 {
    name.split('_')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("migration {name} must start with its number"))
}

/// The schema version recorded in the database.
pub fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(Error::sql("read schema version"))
}

/// Applies the pending migrations in one transaction. Fails with
/// [`Error::SchemaTooNew`] on a database written by a newer kg.
///
/// Foreign keys are off while they run (SQLite's procedure for schema
/// changes: a table rebuilt, dropped and renamed, would otherwise take
/// what refers to it along) and checked before the commit; their setting
/// is restored after.
pub fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let found = version(conn)?;
    check_not_newer(found, path)?;
    if found == latest() {
        return Ok(());
    }
    let keys: bool = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .map_err(Error::sql("read foreign keys setting"))?;
    conn.pragma_update(None, "foreign_keys", false)
        .map_err(Error::sql("disable foreign keys for migration"))?;
    let applied = apply_pending(conn);
    let restored = conn
        .pragma_update(None, "foreign_keys", keys)
        .map_err(Error::sql("restore foreign keys after migration"));
    applied.and(restored)
}

/// [`apply`]'s transaction.
fn apply_pending(conn: &mut Connection) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(Error::sql("begin migration"))?;
    // Re-read under the write lock: another process may have migrated.
    let found = version(&tx)?;
    for (_, sql) in MIGRATIONS.iter().filter(|(name, _)| number(name) > found) {
        tx.execute_batch(sql)
            .map_err(Error::sql("apply migration"))?;
    }
    let broken: Option<String> = tx
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .optional()
        .map_err(Error::sql("check foreign keys after migration"))?;
    if let Some(table) = broken {
        return Err(Error::Sql {
            step: "check foreign keys after migration",
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!("a row of {table} refers to a missing row")),
            ),
        });
    }
    tx.pragma_update(None, "user_version", latest())
        .map_err(Error::sql("record schema version"))?;
    tx.commit().map_err(Error::sql("commit migration"))
}

/// Fails when the database is newer than this build.
pub fn check_not_newer(found: i64, path: &Path) -> Result<()> {
    if found > latest() {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            known: latest(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_numbered_in_order_and_explain_why() {
        let mut last = 0;
        for (name, sql) in MIGRATIONS {
            let n = number(name);
            assert!(
                n > last && name.starts_with(&format!("{n:04}_")),
                "{name} out of order"
            );
            last = n;
            assert!(sql.starts_with("-- Why:"), "{name} must open with a why");
        }
    }

    #[test]
    fn migrating_twice_is_a_no_op_and_newer_is_refused() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        let p = Path::new(":memory:");
        apply(&mut conn, p).expect("first");
        apply(&mut conn, p).expect("second");
        assert_eq!(version(&conn).expect("version"), latest());
        conn.pragma_update(None, "user_version", latest() + 1)
            .expect("bump");
        assert!(matches!(
            apply(&mut conn, p),
            Err(Error::SchemaTooNew { .. })
        ));
    }

    /// An in-memory database at schema version `n`.
    fn at_version(n: usize) -> Connection {
        let conn = Connection::open_in_memory().expect("memory db");
        for (name, sql) in &MIGRATIONS[..n] {
            conn.execute_batch(sql).expect(name);
        }
        conn.pragma_update(None, "user_version", n as i64)
            .expect("set version");
        conn
    }

    /// Asserts that SQLite finds nothing wrong: integrity (CHECK
    /// constraints included) and foreign keys.
    fn assert_intact(conn: &Connection) {
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity check");
        assert_eq!(ok, "ok");
        assert!(column(conn, "PRAGMA foreign_key_check").is_empty());
    }

    /// The first column of every row `sql` gives, as text.
    fn column(conn: &Connection, sql: &str) -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect(sql);
        stmt.query_map([], |r| r.get(0))
            .expect(sql)
            .collect::<rusqlite::Result<_>>()
            .expect(sql)
    }

    /// A database written by the first schema keeps every fact through
    /// 0002: sentence offsets, mention offsets and counts, evidence
    /// sentences (now named by article and position).
    #[test]
    fn version_1_upgrades_keeping_offsets_and_evidence() {
        let mut conn = at_version(1);
        conn.execute_batch(
            r#"INSERT INTO articles (id, source, lang, content_hash, text)
                 VALUES (1, 'a.txt', 'en', x'01', 'Ann met Bob. Bob met Ann.'),
                        (2, 'b.txt', 'en', x'02', 'Nothing here.'),
                        (3, 'c.txt', 'en', x'03', 'Bob.');
               INSERT INTO sentences (id, article_id, ord, start, "end")
                 VALUES (10, 1, 0, 0, 12), (11, 1, 1, 13, 25), (12, 3, 0, 0, 4);
               INSERT INTO entities (id, type, key, name, mention_count)
                 VALUES (1, 'PER', 'ann', 'Ann', 2), (2, 'PER', 'bob', 'Bob', 3);
               INSERT INTO mentions (entity_id, article_id, sentence_id, start, "end", surface)
                 VALUES (2, 1, 11, 13, 16, 'Bob'), (1, 1, 10, 0, 3, 'Ann'),
                        (2, 1, 10, 8, 11, 'Bob'), (1, 1, 11, 21, 24, 'Ann'),
                        (2, 3, 12, 0, 3, 'Bob');
               INSERT INTO relations (head, tail, label, id, confidence)
                 VALUES (1, 2, 'meets', 7, 0.9);
               INSERT INTO evidence (relation_id, sentence_id, article_id, trigger, confidence)
                 VALUES (7, 11, 1, 'met', 0.8), (7, 10, 1, 'met', 0.9);"#,
        )
        .expect("version 1 rows");
        apply(&mut conn, Path::new(":memory:")).expect("upgrade");
        assert_eq!(version(&conn).expect("version"), latest());
        let all = |sql: &str| column(&conn, sql);
        assert_eq!(
            all("SELECT sentence_spans FROM articles ORDER BY id"),
            ["[[0,12],[13,25]]", "[]", "[[0,4]]"]
        );
        assert_eq!(
            all("SELECT entity_id || ' ' || article_id || ' ' || spans FROM mentions"),
            ["1 1 [[0,3],[21,24]]", "2 1 [[8,11],[13,16]]", "2 3 [[0,3]]"]
        );
        assert_eq!(
            all(
                r#"SELECT e.article_id || ' ' || e.sentence || ' ' || e.confidence || ' '
                          || substr(a.text, s.start + 1, s."end" - s.start)
                   FROM evidence e JOIN articles a ON a.id = e.article_id
                   JOIN sentences s ON s.article_id = e.article_id AND s.ord = e.sentence
                   WHERE e.relation_id = 7 ORDER BY e.article_id, e.sentence"#
            ),
            ["1 0 0.9 Ann met Bob.", "1 1 0.8 Bob met Ann."]
        );
        assert_intact(&conn);
    }

    /// 0004 moves `cooccurs` edges and their evidence to `cooccurrences`,
    /// one row per sentence, and leaves typed relations as they were.
    #[test]
    fn version_3_moves_cooccurrences_keeping_their_sentences() {
        let mut conn = at_version(3);
        conn.execute_batch(
            r#"INSERT INTO articles (id, source, lang, content_hash, text, sentence_spans)
                 VALUES (1, 'a.txt', 'en', x'01', 'Ann, Bob, Cy. Ann met Bob.', '[[0,13],[14,26]]'),
                        (2, 'b.txt', 'en', x'02', 'Cy and Ann.', '[[0,11]]');
               INSERT INTO entities (id, type, key, name, mention_count)
                 VALUES (1, 'PER', 'ann', 'Ann', 3), (2, 'PER', 'bob', 'Bob', 2),
                        (3, 'PER', 'cy', 'Cy', 2);
               INSERT INTO relations (head, tail, label, id, confidence)
                 VALUES (1, 2, 'meets', 1, 0.9), (1, 2, 'cooccurs', 2, 0.3),
                        (1, 3, 'cooccurs', 3, 0.3), (2, 3, 'cooccurs', 4, 0.3);
               INSERT INTO evidence (relation_id, article_id, sentence, trigger, confidence)
                 VALUES (1, 1, 1, 'met', 0.9), (2, 1, 0, '', 0.3), (3, 2, 0, '', 0.3),
                        (3, 1, 0, '', 0.3), (4, 1, 0, '', 0.3);"#,
        )
        .expect("version 3 rows");
        apply(&mut conn, Path::new(":memory:")).expect("upgrade");
        let all = |sql: &str| column(&conn, sql);
        assert_eq!(
            all("SELECT concat_ws(' ', head, tail, article_id, sentence) FROM cooccurrences"),
            ["1 2 1 0", "1 3 1 0", "1 3 2 0", "2 3 1 0"]
        );
        assert_eq!(
            all("SELECT concat_ws(' ', head, tail, label, id) FROM relations"),
            ["1 2 meets 1"]
        );
        assert_eq!(
            all("SELECT concat_ws(' ', relation_id, article_id, sentence, trigger) FROM evidence"),
            ["1 1 1 met"]
        );
        assert_intact(&conn);
    }

    /// 0005 indexes every folded name stored before it by its words, as
    /// the writer does for names stored after it.
    #[test]
    fn version_4_upgrades_indexing_alias_words() {
        let mut conn = at_version(4);
        conn.execute_batch(
            r#"INSERT INTO entities (id, type, key, name, mention_count)
                 VALUES (1, 'PER', 'jean-pierre raffarin', 'Jean-Pierre Raffarin', 2),
                        (2, 'LOC', 'cote d''ivoire', 'Côte d''Ivoire', 1),
                        (3, 'PER', 'raffarin', 'Raffarin', 1);
               INSERT INTO aliases (entity_id, alias, norm)
                 VALUES (1, 'Jean-Pierre Raffarin', 'jean-pierre raffarin'),
                        (1, 'Raffarin', 'raffarin'),
                        (2, 'Côte d''Ivoire', 'cote d''ivoire'),
                        (3, 'RAFFARIN', 'raffarin');"#,
        )
        .expect("version 4 rows");
        apply(&mut conn, Path::new(":memory:")).expect("upgrade");
        let got = column(
            &conn,
            "SELECT word || '|' || norm FROM alias_words ORDER BY word, norm",
        );
        let norms = column(&conn, "SELECT DISTINCT norm FROM aliases");
        let mut want: Vec<(&str, &str)> = norms
            .iter()
            .flat_map(|n| super::super::alias_words(n).map(move |w| (w, n.as_str())))
            .collect();
        want.sort();
        let want: Vec<String> = want.iter().map(|(w, n)| format!("{w}|{n}")).collect();
        assert_eq!(got, want);
        assert_eq!(
            got,
            [
                "cote|cote d'ivoire",
                "d|cote d'ivoire",
                "d'ivoire|cote d'ivoire",
                "ivoire|cote d'ivoire",
                "jean|jean-pierre raffarin",
                "jean-pierre|jean-pierre raffarin",
                "pierre|jean-pierre raffarin",
                "raffarin|jean-pierre raffarin",
                "raffarin|raffarin",
            ]
        );
    }

    /// 0010 dates the evidence and co-occurrences stored before it by
    /// their article's day (none when the article has no ISO date), with
    /// no date words.
    #[test]
    fn version_8_upgrades_dating_evidence_by_its_article() {
        let mut conn = at_version(8);
        conn.execute_batch(
            r#"INSERT INTO articles (id, source, lang, content_hash, text, sentence_spans, date)
                 VALUES (1, 'a.txt', 'fr', x'01', 'Ann voit Bob jeudi.', '[[0,19]]',
                         '2024-03-08T10:00:00Z'),
                        (2, 'b.txt', 'en', x'02', 'Bob met Ann.', '[[0,12]]', NULL);
               INSERT INTO entities (id, type, key, name, mention_count)
                 VALUES (1, 'PER', 'ann', 'Ann', 2), (2, 'PER', 'bob', 'Bob', 2);
               INSERT INTO relations (head, tail, label, id, confidence)
                 VALUES (1, 2, 'meets', 1, 0.8);
               INSERT INTO evidence (relation_id, article_id, sentence, trigger, confidence, attrs)
                 VALUES (1, 1, 0, 'voit', 0.8, '{"date":"jeudi"}'),
                        (1, 2, 0, 'met', 0.8, '{}');
               INSERT INTO cooccurrences (head, tail, article_id, sentence)
                 VALUES (1, 2, 1, 0), (1, 2, 2, 0);"#,
        )
        .expect("version 8 rows");
        apply(&mut conn, Path::new(":memory:")).expect("upgrade");
        let all = |sql: &str| column(&conn, sql);
        assert_eq!(
            all(
                "SELECT concat_ws(' ', article_id, day_start, day_end, date_words, attrs)
                 FROM evidence ORDER BY article_id"
            ),
            ["1 2024-03-08 2024-03-08 {\"date\":\"jeudi\"}", "2 {}"]
        );
        assert_eq!(
            all(
                "SELECT concat_ws(' ', article_id, day_start, day_end) FROM cooccurrences
                 ORDER BY article_id"
            ),
            ["1 2024-03-08 2024-03-08", "2"]
        );
        assert_intact(&conn);
    }

    /// 0007 rebuilds `articles` to take any ISO 639-1 code: every row,
    /// id, column (0006's `date_raw` and `author` too) and reference to it
    /// is kept (with foreign keys on, as every connection of the store has
    /// them, nothing cascades), and a malformed code is still refused.
    #[test]
    fn version_6_upgrades_keeping_articles_and_what_refers_to_them() {
        let mut conn = at_version(6);
        conn.execute_batch(
            r#"INSERT INTO articles (id, source, lang, content_hash, text, sentence_spans,
                                     date_raw, author)
                 VALUES (4, 'a.txt', 'fr', x'01', 'Ann voit Bob.', '[[0,13]]', 'mardi', 'Zoé'),
                        (9, 'b.txt', 'en', x'02', 'Bob met Ann.', '[[0,12]]', NULL, NULL);
               INSERT INTO entities (id, type, key, name, mention_count)
                 VALUES (1, 'PER', 'ann', 'Ann', 2), (2, 'PER', 'bob', 'Bob', 2);
               INSERT INTO mentions (entity_id, article_id, spans)
                 VALUES (1, 4, '[[0,3]]'), (2, 9, '[[0,3]]');
               INSERT INTO cooccurrences (head, tail, article_id, sentence)
                 VALUES (1, 2, 4, 0), (1, 2, 9, 0);"#,
        )
        .expect("version 6 rows");
        conn.pragma_update(None, "foreign_keys", true)
            .expect("foreign keys on");
        apply(&mut conn, Path::new(":memory:")).expect("upgrade");
        let all = |sql: &str| column(&conn, sql);
        assert_eq!(
            all("SELECT concat_ws(' ', id, source, lang, hex(content_hash)) FROM articles"),
            ["4 a.txt fr 01", "9 b.txt en 02"]
        );
        assert_eq!(
            all("SELECT concat_ws(' ', id, date_raw, author) FROM articles"),
            ["4 mardi Zoé", "9"]
        );
        assert_eq!(
            all("SELECT concat_ws(' ', entity_id, article_id) FROM mentions"),
            ["1 4", "2 9"]
        );
        assert_eq!(
            all("SELECT CAST(article_id AS TEXT) FROM cooccurrences"),
            ["4", "9"]
        );
        assert_eq!(
            all("SELECT concat_ws(' ', article_id, ord, start, \"end\") FROM sentences"),
            ["4 0 0 13", "9 0 0 12"]
        );
        let on: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("setting");
        assert!(on, "the setting is restored");
        conn.execute(
            "INSERT INTO articles (source, lang, content_hash, text) VALUES ('c.txt', 'de', x'03', 'Ja.')",
            [],
        )
        .expect("another language");
        for bad in ["deu", "DE", ""] {
            let refused = conn.execute(
                "INSERT INTO articles (source, lang, content_hash, text) VALUES ('d.txt', ?1, x'04', 'x')",
                [bad],
            );
            assert!(refused.is_err(), "{bad:?}");
        }
        assert_intact(&conn);
    }
}
