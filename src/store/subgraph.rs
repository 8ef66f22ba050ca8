//! Reads for exporting a part of the graph: the edges of one side of a
//! node in primary-key order, a bounded probe of a side's size, and the
//! edges from one node to another. `export --around` combines them so
//! that the edges among a neighbourhood are found without reading every
//! edge of the hubs inside it (see `export::neighborhood`).

use super::read::{cooccurs_row, edge_row};
use super::{EdgeFilter, EdgeRow, Store};
use crate::error::{Error, Result};
use crate::model::EntityId;
use rusqlite::params;

/// Which end of its edges a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Head,
    Tail,
}

impl Store {
    /// How many edges have `id` at `side`, counting no further than `cap`
    /// (index-only; costs at most `cap` steps). The cap is not a bound
    /// `LIMIT ?`, which SQLite re-prepares at every binding.
    pub fn side_size_up_to(&self, id: EntityId, side: Side, cap: usize) -> Result<usize> {
        const STEP: &str = "probe side size";
        // Co-occurrences count by sentence, not by pair: a side that many
        // sentences name counts as big, which only picks the lookups.
        let sqls = match side {
            Side::Head => [
                "SELECT 1 FROM relations WHERE head = ?1",
                "SELECT 1 FROM cooccurrences WHERE head = ?1",
            ],
            Side::Tail => [
                "SELECT 1 FROM relations WHERE tail = ?1",
                "SELECT 1 FROM cooccurrences WHERE tail = ?1",
            ],
        };
        let mut n = 0;
        for sql in sqls {
            let mut stmt = self.conn.prepare_cached(sql).map_err(Error::sql(STEP))?;
            let mut rows = stmt.query(params![id.0]).map_err(Error::sql(STEP))?;
            while n < cap && rows.next().map_err(Error::sql(STEP))?.is_some() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Calls `f` on every accepted edge with `id` at `side`.
    pub fn for_each_side_edge(
        &self,
        id: EntityId,
        side: Side,
        filter: &EdgeFilter,
        mut f: impl FnMut(EdgeRow) -> Result<()>,
    ) -> Result<()> {
        const STEP: &str = "read edges of a side";
        let sql = match side {
            Side::Head => {
                "SELECT id, head, tail, label, confidence FROM relations WHERE head = ?1 AND confidence >= ?2"
            }
            Side::Tail => {
                "SELECT id, head, tail, label, confidence FROM relations WHERE tail = ?1 AND confidence >= ?2"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(Error::sql(STEP))?;
        let mut rows = stmt
            .query(params![id.0, filter.min_confidence])
            .map_err(Error::sql(STEP))?;
        while let Some(r) = rows.next().map_err(Error::sql(STEP))? {
            let e = edge_row(r).map_err(Error::sql(STEP))?;
            if filter.accepts(e.label, e.confidence) {
                f(e)?;
            }
        }
        self.for_each_cooccurs_side(id, side, filter, |e| f(e).map(|()| true))?;
        Ok(())
    }

    /// The accepted edges with `head` as head and `tail` as tail (one
    /// primary-key range).
    pub fn edges_from_to(
        &self,
        head: EntityId,
        tail: EntityId,
        filter: &EdgeFilter,
        out: &mut Vec<EdgeRow>,
    ) -> Result<()> {
        const STEP: &str = "read edges from to";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, head, tail, label, confidence FROM relations WHERE head = ?1 AND tail = ?2",
            )
            .map_err(Error::sql(STEP))?;
        let mut rows = stmt
            .query(params![head.0, tail.0])
            .map_err(Error::sql(STEP))?;
        while let Some(r) = rows.next().map_err(Error::sql(STEP))? {
            let e = edge_row(r).map_err(Error::sql(STEP))?;
            if filter.accepts(e.label, e.confidence) {
                out.push(e);
            }
        }
        if head < tail && filter.accepts_cooccurs() {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT head, tail FROM cooccurrences WHERE head = ?1 AND tail = ?2 LIMIT 1",
                )
                .map_err(Error::sql(STEP))?;
            let mut rows = stmt
                .query(params![head.0, tail.0])
                .map_err(Error::sql(STEP))?;
            if let Some(r) = rows.next().map_err(Error::sql(STEP))? {
                out.push(cooccurs_row(r).map_err(Error::sql(STEP))?);
            }
        }
        Ok(())
    }

    /// The largest entity id (0 for an empty graph).
    pub fn max_entity_id(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT coalesce(max(id), 0) FROM entities", [], |r| {
                r.get(0)
            })
            .map_err(Error::sql("max entity id"))
    }
}

impl Store {
    /// Reads the rest of this connection's queries in one read transaction:
    /// one snapshot, and one shared lock instead of one per statement (an
    /// export runs thousands of small queries). Ends when the store closes.
    pub fn begin_read(&self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(Error::sql("begin read transaction"))
    }
}
