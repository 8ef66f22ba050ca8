//! Multi-row inserts: the statements the writer fills its tables with.

use crate::error::{Error, Result};
use rusqlite::Connection;
use rusqlite::types::{ToSqlOutput, ValueRef};

/// Rows per multi-row `INSERT` of [`insert_rows`].
pub(super) const ROWS_PER_INSERT: usize = 64;

/// Inserts `rows` into `into` (a table and its column list), the values of
/// a row given by `values`, with one statement per [`ROWS_PER_INSERT`]
/// rows. Measured (bench/SCALE.md): SQLite's cost per statement run
/// (binding, starting and halting the program, closing its cursors) was a
/// large part of a row's.
///
/// `OR FAIL`: a multi-row insert that may abort half-way makes SQLite keep
/// a statement journal (a copy of every page it touches, to undo just that
/// statement); with `FAIL` a constraint error stops the statement without
/// undoing its earlier rows, and the caller rolls the whole transaction
/// back anyway. A rowid given in a multi-row insert would still make SQLite
/// keep the journal (it checks that the value is an integer).
pub(super) fn insert_rows<'v, R, const W: usize>(
    conn: &Connection,
    into: &str,
    rows: &'v [R],
    step: &'static str,
    values: impl Fn(&'v R) -> [ToSqlOutput<'v>; W],
) -> Result<()> {
    let sql = |n: usize| {
        let row = format!("({})", ["?"; W].join(","));
        format!(
            "INSERT OR FAIL INTO {into} VALUES {}",
            vec![row; n].join(",")
        )
    };
    let run = |stmt: &mut rusqlite::Statement<'_>, chunk: &'v [R]| {
        for (i, value) in chunk.iter().flat_map(&values).enumerate() {
            stmt.raw_bind_parameter(i + 1, value)?;
        }
        stmt.raw_execute()
    };
    let mut chunks = rows.chunks_exact(ROWS_PER_INSERT);
    if rows.len() >= ROWS_PER_INSERT {
        let mut stmt = conn
            .prepare_cached(&sql(ROWS_PER_INSERT))
            .map_err(Error::sql(step))?;
        for chunk in &mut chunks {
            run(&mut stmt, chunk).map_err(Error::sql(step))?;
        }
    }
    let mut stmt = conn.prepare_cached(&sql(1)).map_err(Error::sql(step))?;
    for row in chunks.remainder() {
        run(&mut stmt, std::slice::from_ref(row)).map_err(Error::sql(step))?;
    }
    Ok(())
}

/// A borrowed text value for [`insert_rows`].
pub(super) fn text(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}
