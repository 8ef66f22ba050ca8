//! Bulk loads: the secondary indexes an ingest may drop at its start and
//! build once at its end, instead of inserting into them row by row.
//!
//! Measured (bench/SCALE.md): on 100k generated articles the
//! adjacency indexes by tail and by head and the alias index by folded
//! name take a random leaf per row, and every commit rewrites the leaves
//! it touched; building them from the finished tables sorts once.
//!
//! Until the end of the load, and for good if the ingest is killed before
//! it, they are missing: the next writer open builds them again
//! ([`Store::open`]), and read-only opens refuse such a file with a message
//! saying so (their queries would read whole tables). Hence `kg ingest`
//! bulk-loads only a database nobody can read yet (a new one, built aside)
//! unless told to (`--defer-indexes yes`): readers of an existing database
//! keep every committed article while an ingest runs.

use super::{Store, WRITER_CACHE_KIB};
use crate::error::{Error, Result};
use rusqlite::Connection;

/// The indexes a bulk load defers: (name, the SQL that creates it), as the
/// migrations create them (a test checks).
pub(super) const DEFERRED: [(&str, &str); 4] = [
    (
        "relations_by_tail",
        "CREATE INDEX relations_by_tail ON relations (tail, confidence, id)",
    ),
    (
        "relations_by_head",
        "CREATE INDEX relations_by_head ON relations (head, confidence, id)",
    ),
    (
        "cooccurrences_by_tail",
        "CREATE INDEX cooccurrences_by_tail ON cooccurrences (tail, head)",
    ),
    (
        "aliases_by_norm",
        "CREATE INDEX aliases_by_norm ON aliases (norm, entity_id)",
    ),
];

/// The page cache while the indexes are built, in KiB.
const BUILD_CACHE_KIB: i64 = 64 * 1024;

/// The deferred indexes this database lacks.
pub(super) fn missing(conn: &Connection) -> Result<Vec<&'static str>> {
    let mut stmt = conn
        .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?1")
        .map_err(Error::sql("look up indexes"))?;
    let mut out = Vec::new();
    for (name, _) in DEFERRED {
        if !stmt.exists([name]).map_err(Error::sql("look up indexes"))? {
            out.push(name);
        }
    }
    Ok(out)
}

/// Creates the deferred indexes that are missing, in one transaction.
pub(super) fn build(conn: &Connection) -> Result<()> {
    let missing = missing(conn)?;
    if missing.is_empty() {
        return Ok(());
    }
    let sql = create_sql(&missing);
    // SQLite's sorter takes as much memory again as the page cache, and
    // keeps its spills in memory under temp_store=MEMORY: measured on 100k
    // articles, the build peaked at 500 MB with the writer's settings and
    // at 136 MB with these, for the same CPU.
    conn.execute_batch(&format!(
        "PRAGMA cache_size = -{BUILD_CACHE_KIB}; PRAGMA temp_store = FILE;
         BEGIN IMMEDIATE;\n{sql}COMMIT;
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{WRITER_CACHE_KIB};"
    ))
    .map_err(Error::sql("build indexes"))
}

/// The statements that create the deferred indexes `names`, each with
/// `IF NOT EXISTS`: another ingest into the same database may have built
/// one since they were found missing, and building must not then fail
/// (two concurrent ingests: "index relations_by_tail already exists").
/// SQLite records the statement without that clause, so the schema is the
/// migrations' own either way.
fn create_sql(names: &[&str]) -> String {
    DEFERRED
        .iter()
        .filter(|(name, _)| names.contains(name))
        .map(|(_, create)| {
            let create = create.replacen("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1);
            format!("{create};\n")
        })
        .collect()
}

impl Store {
    /// Drops the deferred indexes (committing any open transaction
    /// first): until [`Store::build_indexes`], writes skip them.
    pub fn defer_indexes(&mut self) -> Result<()> {
        self.commit()?;
        let sql: String = DEFERRED
            .iter()
            .map(|(name, _)| format!("DROP INDEX IF EXISTS {name};\n"))
            .collect();
        self.conn
            .execute_batch(&sql)
            .map_err(Error::sql("drop indexes for a bulk load"))
    }

    /// Builds the deferred indexes that are missing. A write transaction
    /// still open (an error cut the ingest short) is rolled back first:
    /// only what was committed is kept, as without a bulk load.
    pub fn build_indexes(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.rollback();
        }
        build(&self.conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deferred_indexes_are_the_migrations_own_and_building_is_idempotent() {
        let mut s = Store::open_in_memory().expect("store");
        let names = DEFERRED.map(|(name, _)| name);
        // Built by another writer meanwhile: creating them again is a no-op.
        s.conn.execute_batch(&create_sql(&names)).expect("again");
        s.defer_indexes().expect("drop");
        s.conn.execute_batch(&create_sql(&names)).expect("build");
        for (name, create) in DEFERRED {
            let sql: String = s
                .conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .expect(name);
            assert_eq!(sql, create);
        }
    }

    #[test]
    fn an_interrupted_bulk_load_is_refused_by_readers_and_mended_by_writers() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kg.db");
        Store::open(&path)
            .and_then(|mut s| s.defer_indexes())
            .expect("drop");
        // Killed here: no build.
        let err = Store::open_read_only(&path).err().expect("refused");
        assert!(err.to_string().contains("kg ingest"), "{err}");
        let s = Store::open(&path).expect("writer open");
        assert_eq!(missing(&s.conn).expect("missing"), Vec::<&str>::new());
        drop(s);
        Store::open_read_only(&path).expect("readable again");
    }
}
