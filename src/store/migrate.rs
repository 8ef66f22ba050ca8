//! Schema migrations: the plain SQL files of `migrations/`, embedded at
//! compile time and applied in order. The schema version is SQLite's
//! `PRAGMA user_version`; pending migrations run in one transaction, so a
//! database is always at a version this list names.

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// The migrations, in order; `MIGRATIONS[i]` brings the schema from
/// version `i` to `i + 1`. Never edit a released one: add a file.
pub const MIGRATIONS: &[(&str, &str)] = &[(
    "0001_create_schema.sql",
    include_str!("../../migrations/0001_create_schema.sql"),
)];

/// The schema version this build knows.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version recorded in the database.
pub fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(Error::sql("read schema version"))
}

/// Applies the pending migrations in one transaction. Fails with
/// [`Error::SchemaTooNew`] on a database written by a newer kg.
pub fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let found = version(conn)?;
    check_not_newer(found, path)?;
    if found == latest() {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(Error::sql("begin migration"))?;
    // Re-read under the write lock: another process may have migrated.
    let found = version(&tx)?;
    for (_, sql) in MIGRATIONS.iter().skip(found as usize) {
        tx.execute_batch(sql)
            .map_err(Error::sql("apply migration"))?;
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
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} out of order"
            );
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
}
