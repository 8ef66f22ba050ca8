//! The SQLite store: the only place in kg with SQL. Every value is a bound
//! parameter; every open sets `foreign_keys=ON` (the writer's own
//! transactions switch it off, see `write/mod.rs`), WAL and a busy timeout.
//!
//! Writers work in WAL mode (readers run beside them); a finished ingest
//! puts the file back in rollback mode ([`Store::close_writer`]) so that
//! reading it creates nothing next to it.
//!
//! Invariants kept here:
//! - a read-only open never creates or changes a file
//!   ([`Store::open_read_only`] fails with [`Error::MissingDatabase`]);
//! - articles are written in batched transactions, whole or not at all,
//!   and an article whose text hash is already stored is skipped;
//! - entities are merged across articles on `(type, key)`; a symmetric
//!   relation is stored once, smaller entity id as head;
//! - offsets are Unicode code points into the article text (extraction's
//!   byte offsets are converted on the way in).

mod adjacency;
mod bench_inputs;
mod bulk;
mod curation;
mod lock;
mod migrate;
mod new_database;
mod read;
mod subgraph;
#[cfg(test)]
pub(crate) mod test_fixtures;
mod write;

pub use crate::fold::fold;
pub use curation::{ArticleRef, Curated, LogEntry};
pub(crate) use curation::{join_names, join_spans};
pub use lock::{IngestLock, ingest_lock_path};
pub use migrate::{MIGRATIONS, latest as schema_latest};
pub use new_database::{building_path, is_new};
pub use read::{
    ArticleDays, ArticleRow, Dated, DayRange, EdgeFilter, EdgeRow, EntityRow, EvidenceRow, Stats,
    is_day,
};
pub use subgraph::Side;
pub use write::{FactKeys, Outcome, StoredText, content_hash};

/// The longest name, in characters, a lookup accepts; longer ones are a
/// usage error before any SQL ([`Error::NameTooLong`]).
pub const MAX_NAME_CHARS: usize = 500;

/// The words `alias_words` indexes a folded name by: its space-separated
/// words, and their parts at hyphens and apostrophes, each once (what
/// migration 0005 computes in SQL for the names stored before it).
pub(crate) fn alias_words(norm: &str) -> impl Iterator<Item = &str> {
    let mut seen: Vec<&str> = norm
        .split(' ')
        .chain(norm.split([' ', '-', '\'']))
        .filter(|w| !w.is_empty())
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.into_iter()
}

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a connection waits for another writer before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open kg database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Graph facts of the open write transaction, written at its commit.
    pending: write::Pending,
    /// Set when this writer builds a new database aside (`new_database.rs`);
    /// after `conn`, so that the connection is closed before it is dropped.
    new_database: Option<new_database::NewDatabase>,
    /// A corrected article (its JSONL id or URL stored, its text new) is
    /// stored beside the old version, numbered, instead of replacing it.
    keep_versions: bool,
}

impl Store {
    /// Opens (creating it if needed) a database for writing and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path).map_err(|source| Error::Sql {
            step: "open database",
            source,
        })?;
        // Refused before anything writes (the switch to WAL rewrites the
        // header): a refusal leaves the file as it was.
        migrate::check_not_newer(migrate::version(&conn)?, path)?;
        set_page_size_if_new(&conn)?;
        configure(&conn, Access::Write)?;
        migrate::apply(&mut conn, path)?;
        // An ingest killed during a bulk load left these out.
        bulk::build(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            pending: write::Pending::default(),
            new_database: None,
            keep_versions: false,
        })
    }

    /// Opens an existing database for reading. Never creates a file: a
    /// missing database is [`Error::MissingDatabase`].
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::MissingDatabase {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| match source {
            rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::CannotOpen => {
                Error::MissingDatabase {
                    path: path.to_path_buf(),
                }
            }
            source => Error::Sql {
                step: "open database read-only",
                source,
            },
        })?;
        configure(&conn, Access::Read)?;
        let found = migrate::version(&conn)?;
        migrate::check_not_newer(found, path)?;
        if found < migrate::latest() {
            return Err(Error::Input {
                path: path.display().to_string(),
                line: None,
                message: format!(
                    "schema version {found} is older than this kg's ({}); run `kg ingest` once to upgrade it",
                    migrate::latest()
                ),
            });
        }
        let missing = bulk::missing(&conn)?;
        if !missing.is_empty() {
            return Err(Error::Input {
                path: path.display().to_string(),
                line: None,
                message: format!(
                    "indexes {} are missing: an ingest is loading this file in bulk, or was stopped before it rebuilt them; wait for it to finish, or run `kg ingest` again (on any input) to rebuild them",
                    missing.join(", ")
                ),
            });
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            pending: write::Pending::default(),
            new_database: None,
            keep_versions: false,
        })
    }

    /// An in-memory database with the current schema, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory().map_err(Error::sql("open in memory"))?;
        set_page_size_if_new(&conn)?;
        configure(&conn, Access::Write)?;
        let path = PathBuf::from(":memory:");
        migrate::apply(&mut conn, &path)?;
        Ok(Store {
            conn,
            path,
            pending: write::Pending::default(),
            new_database: None,
            keep_versions: false,
        })
    }

    /// Keep the older versions of corrected articles (`--keep-versions`).
    pub fn keep_versions(&mut self, keep: bool) {
        self.keep_versions = keep;
    }

    /// Where this database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> Result<i64> {
        migrate::version(&self.conn)
    }

    /// Ends a writing session: folds the write-ahead log into the database
    /// and puts the file back in rollback-journal mode, so that read-only
    /// opens need no `-wal`/`-shm` files (they would create them, and fail
    /// in a directory they cannot write). Best effort: when another
    /// connection is open the file simply stays in WAL mode.
    ///
    /// A database built aside is closed, synced and moved into place.
    pub fn close_writer(mut self) -> Result<()> {
        if let Some(new_database) = self.new_database.take() {
            self.conn.close().map_err(|(_, source)| Error::Sql {
                step: "close database",
                source,
            })?;
            return new_database.finish();
        }
        self.conn
            .busy_timeout(Duration::ZERO)
            .map_err(Error::sql("set busy timeout"))?;
        let _ = self.conn.pragma_update(None, "journal_mode", "DELETE");
        Ok(())
    }
}

/// Bytes per database page for a new file (SQLite's default is 4096).
/// Measured (bench/SCALE.md): ingest of 40k articles 9% less CPU
/// and an 8% smaller file than with 4 KiB pages, query latencies unchanged.
/// An existing file keeps the page size it was created with.
const PAGE_SIZE: i64 = 16 * 1024;

/// Sets [`PAGE_SIZE`] on a database that has no page yet (it must come
/// before the switch to WAL, which writes the first page).
fn set_page_size_if_new(conn: &Connection) -> Result<()> {
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(Error::sql("read page count"))?;
    if pages == 0 {
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(Error::sql("set page size"))?;
    }
    Ok(())
}

/// What a connection is for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Access {
    Read,
    Write,
    /// Writing a new database aside (`new_database.rs`): no journal, no syncs.
    Build,
}

/// Pragmas every connection gets. WAL is a property of the file, so only a
/// writer switches it on; readers just see it.
fn configure(conn: &Connection, access: Access) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(Error::sql("set busy timeout"))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(Error::sql("enable foreign keys"))?;
    if access != Access::Read {
        let (journal, synchronous) = match access {
            Access::Build => ("OFF", "OFF"),
            _ => ("WAL", "NORMAL"),
        };
        conn.pragma_update(None, "journal_mode", journal)
            .map_err(Error::sql("set journal mode"))?;
        conn.pragma_update(None, "synchronous", synchronous)
            .map_err(Error::sql("set synchronous"))?;
        // Measured (bench/SCALE.md): a writer's page cache of up
        // to 256 MiB keeps the entity, alias and adjacency index pages hot
        // through an ingest; with the 2 MiB default they are re-read from
        // the OS cache over and over.
        conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)
            .map_err(Error::sql("set cache size"))?;
        conn.pragma_update(None, "temp_store", "MEMORY")
            .map_err(Error::sql("set temp store"))?;
    } else {
        // Readers map the file rather than copy its pages. Writers do not:
        // mapped pages count in their resident memory (1.4 GB peak on 100k
        // articles), which the page cache above already bounds.
        conn.pragma_update(None, "mmap_size", MMAP_SIZE)
            .map_err(Error::sql("set mmap size"))?;
    }
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// A writer's page cache, in KiB (see [`configure`]).
const WRITER_CACHE_KIB: i64 = 256 * 1024;

/// Bytes of the database file mapped into memory (address space, not RAM).
const MMAP_SIZE: i64 = 1 << 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_files_get_the_page_size_existing_ones_keep_theirs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let page_size = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .expect("page size")
        };
        let new = dir.path().join("new.db");
        assert_eq!(page_size(&Store::open(&new).expect("open new")), PAGE_SIZE);
        let old = dir.path().join("old.db");
        Connection::open(&old)
            .and_then(|c| c.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x);"))
            .expect("a 4 KiB database");
        assert_eq!(page_size(&Store::open(&old).expect("open old")), 4096);
    }
}
