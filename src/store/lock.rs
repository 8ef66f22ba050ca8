//! The ingest lock: one `kg ingest` writes a database at a time.
//!
//! SQLite serialises transactions, not runs: two ingests into one database
//! interleaved their batches, each counted the other's additions as its
//! own, and one could fail on the other's index build after its work was
//! committed. A run therefore holds an exclusive advisory lock (`flock`)
//! on `DB-ingest.lock` from before it opens the database until it has
//! closed it; readers take no part in it.
//!
//! Rules:
//! - the lock file is created on demand and removed by its holder on
//!   leaving, while still locked;
//! - its holder writes its process id into it, for a waiting run to name
//!   ([`IngestLock::holder`]);
//! - a lock taken on a file that is no longer at the path (its holder
//!   removed it meanwhile) is dropped and taken again, so two runs never
//!   hold locks on different files.

use crate::error::{Error, Result};
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the ingest lock of the database at `db` lives.
pub fn ingest_lock_path(db: &Path) -> PathBuf {
    let mut name = OsString::from(db.as_os_str());
    name.push("-ingest.lock");
    PathBuf::from(name)
}

/// The ingest lock of one database, held until dropped.
#[derive(Debug)]
pub struct IngestLock {
    path: PathBuf,
    /// Open on `path` and locked.
    file: File,
}

impl IngestLock {
    /// Takes the ingest lock of the database at `db` if no other run holds
    /// it: None if one does. Never waits.
    pub fn try_acquire(db: &Path) -> Result<Option<IngestLock>> {
        let path = ingest_lock_path(db);
        let io = |source| Error::Io {
            path: path.display().to_string(),
            source,
        };
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            if still_at(&file, &path) {
                // Best effort: the id only makes a waiting run's message
                // more precise.
                let _ = file.set_len(0).and_then(|()| {
                    (&file).write_all(format!("{}\n", std::process::id()).as_bytes())
                });
                return Ok(Some(IngestLock { path, file }));
            }
            // Its holder removed it between our open and our lock: the
            // lock is on a file nobody else will find. Take it again.
        }
    }
}

impl IngestLock {
    /// The process id the holder of the ingest lock of `db` wrote, if
    /// there is a holder and it has written it.
    pub fn holder(db: &Path) -> Option<u32> {
        fs::read_to_string(ingest_lock_path(db))
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }
}

impl Drop for IngestLock {
    fn drop(&mut self) {
        // Removed while still locked (unlocked when `file` closes): a run
        // that opened it meanwhile finds it gone and starts again. Failing
        // to remove it leaves a harmless empty file.
        if still_at(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` still names the file `file` is open on.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be removed: it is always still there.
#[cfg(not(unix))]
fn still_at(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_the_file_goes_with_it() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let db = dir.path().join("kg.db");
        let first = IngestLock::try_acquire(&db).expect("lock").expect("free");
        assert!(ingest_lock_path(&db).exists());
        assert_eq!(IngestLock::holder(&db), Some(std::process::id()));
        assert!(IngestLock::try_acquire(&db).expect("lock").is_none());
        drop(first);
        assert!(!ingest_lock_path(&db).exists(), "removed on leaving");
        assert_eq!(IngestLock::holder(&db), None);
        let again = IngestLock::try_acquire(&db).expect("lock");
        assert!(again.is_some(), "free again");
    }

    #[test]
    fn a_lock_on_a_removed_file_is_taken_again() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let db = dir.path().join("kg.db");
        let path = ingest_lock_path(&db);
        // An open handle on a file its holder has since removed.
        let orphan = File::create(&path).expect("create");
        fs::remove_file(&path).expect("remove");
        assert!(!still_at(&orphan, &path));
        let lock = IngestLock::try_acquire(&db).expect("lock").expect("free");
        assert!(still_at(&lock.file, &path));
    }
}
