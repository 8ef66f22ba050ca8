//! New databases built aside: an ingest into a database that does not exist
//! yet writes it as `PATH-building`, with no journal and no syncs, and moves
//! it to `PATH` once it is complete.
//!
//! Measured (bench/SCALE.md): with write-ahead logging, every page a
//! transaction dirties is written twice (to the log, then back into the
//! file) with a checksum; on 100k generated articles that was 5.6 of 53.9
//! CPU-s. Without a journal a killed or failed write could leave the file
//! corrupt, which only a file nobody has yet can afford: `PATH` never holds
//! a half-built graph, and a build killed half-way leaves only the side
//! file, which the next ingest into `PATH` starts again from scratch.
//!
//! Rules:
//! - the side file is locked (`flock`) for as long as it is built, so two
//!   ingests into the same new `PATH` do not build it together, and an
//!   unlocked side file is a leftover, emptied before reuse;
//! - a [`Store`] dropped before [`Store::close_writer`] (an error cut the
//!   ingest short) removes its side file: nothing was stored;
//! - the finished file is synced, then linked to `PATH` (which fails rather
//!   than replace a database that appeared meanwhile), then the side file
//!   is removed.

use super::{Access, Store, configure, migrate, set_page_size_if_new, write};
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

/// The database being built, and where it goes when complete.
#[derive(Debug)]
pub(super) struct NewDatabase {
    target: PathBuf,
    side: PathBuf,
    /// Open on `side` and locked while it is built.
    lock: File,
    /// The side file became `target` (or is kept on purpose).
    done: bool,
}

/// Where a new database at `target` is built.
pub fn building_path(target: &Path) -> PathBuf {
    let mut name = OsString::from(target.as_os_str());
    name.push("-building");
    PathBuf::from(name)
}

/// Whether `path` holds no database yet: absent, or an empty file.
pub fn is_new(path: &Path) -> bool {
    match fs::metadata(path) {
        Ok(m) => m.is_file() && m.len() == 0,
        Err(e) => e.kind() == io::ErrorKind::NotFound,
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Store {
    /// Opens a writer for a database that does not exist yet at `path`,
    /// built in [`building_path`] and moved to `path` by
    /// [`Store::close_writer`] (see the module's rules).
    pub fn build_new(path: &Path) -> Result<Store> {
        let side = building_path(path);
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&side)
            .map_err(io_error(&side))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Input {
                    path: side.display().to_string(),
                    line: None,
                    message: format!(
                        "another kg ingest is building {} here; wait for it to finish",
                        path.display()
                    ),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_error(&side)(e)),
        }
        // A leftover of a build that was killed: start again.
        lock.set_len(0).map_err(io_error(&side))?;
        let new_database = NewDatabase {
            target: path.to_path_buf(),
            side,
            lock,
            done: false,
        };
        let mut conn = Connection::open(&new_database.side).map_err(Error::sql("open database"))?;
        set_page_size_if_new(&conn)?;
        configure(&conn, Access::Build)?;
        migrate::apply(&mut conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            pending: write::Pending::default(),
            new_database: Some(new_database),
            keep_versions: false,
        })
    }
}

impl NewDatabase {
    /// Moves the finished side file (its connection closed) into place.
    pub(super) fn finish(mut self) -> Result<()> {
        self.lock.sync_all().map_err(io_error(&self.side))?;
        match fs::hard_link(&self.side, &self.target) {
            Ok(()) => {
                // In place whatever happens next.
                self.done = true;
                fs::remove_file(&self.side).map_err(io_error(&self.side))?
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                if is_new(&self.target) {
                    fs::rename(&self.side, &self.target).map_err(io_error(&self.target))?;
                } else {
                    self.done = true;
                    return Err(Error::Input {
                        path: self.target.display().to_string(),
                        line: None,
                        message: format!(
                            "a database appeared here while this ingest built a new one; the new one is kept as {}",
                            self.side.display()
                        ),
                    });
                }
            }
            // A file system without hard links.
            Err(_) => fs::rename(&self.side, &self.target).map_err(io_error(&self.target))?,
        }
        self.done = true;
        // Best effort: the directory entry's durability, as SQLite does for
        // its journals.
        if let Some(dir) = self.target.parent()
            && let Ok(d) = File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for NewDatabase {
    fn drop(&mut self) {
        if !self.done {
            // Best effort: a leftover is emptied by the next build anyway.
            let _ = fs::remove_file(&self.side);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_fixtures::article;

    /// Articles stored at `path`, a finished database.
    fn stored_articles(path: &Path) -> i64 {
        Store::open_read_only(path).expect("readable");
        stored_articles_in(path)
    }

    fn write_one(s: &mut Store, text: &str) {
        let a = article(text);
        let ex = crate::extract::extract(crate::extract::Input {
            text: &a.text,
            lang: Some(crate::model::Lang::En),
        });
        s.write_uncommitted(&[(a, ex)]).expect("write");
        s.commit().expect("commit");
    }

    #[test]
    fn a_new_database_appears_only_when_complete() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kg.db");
        let mut s = Store::build_new(&path).expect("create");
        write_one(&mut s, "Alice Martin met Bob Stone in Vienna.");
        assert!(
            !path.exists(),
            "the database is not there before it is complete"
        );
        assert!(building_path(&path).exists());
        s.close_writer().expect("close");
        assert!(!building_path(&path).exists());
        assert_eq!(stored_articles(&path), 1);
        // In rollback mode like any finished ingest: reading creates nothing.
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, [OsString::from("kg.db")]);
    }

    #[test]
    fn a_build_cut_short_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kg.db");
        let mut s = Store::build_new(&path).expect("create");
        write_one(&mut s, "Alice Martin met Bob Stone in Vienna.");
        drop(s);
        assert!(!path.exists());
        assert!(!building_path(&path).exists());
    }

    #[test]
    fn a_leftover_side_file_is_rebuilt_and_a_locked_one_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kg.db");
        fs::write(building_path(&path), b"what a killed build left").expect("leftover");
        let mut s = Store::build_new(&path).expect("leftovers are replaced");
        let err = Store::build_new(&path)
            .err()
            .expect("a second build is refused");
        assert!(err.to_string().contains("another kg ingest"), "{err}");
        write_one(&mut s, "Alice Martin met Bob Stone in Vienna.");
        s.close_writer().expect("close");
        assert_eq!(stored_articles(&path), 1);
    }

    #[test]
    fn a_database_that_appeared_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kg.db");
        let mut s = Store::build_new(&path).expect("create");
        write_one(&mut s, "Alice Martin met Bob Stone in Vienna.");
        let mut other = Store::open(&path).expect("another writer");
        write_one(&mut other, "Carol White called Dan Gray from Oslo.");
        write_one(&mut other, "Erin Black visited Paris.");
        other.close_writer().expect("close other");
        let err = s.close_writer().expect_err("not replaced");
        assert!(err.to_string().contains("kept as"), "{err}");
        assert_eq!(stored_articles(&path), 2);
        let kept = building_path(&path);
        assert_eq!(stored_articles_in(&kept), 1);
    }

    fn stored_articles_in(path: &Path) -> i64 {
        Connection::open(path)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
            .expect("count")
    }
}
