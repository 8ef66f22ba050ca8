//! Adjacency by ids, for graph searches at scale: the ids one edge away
//! from a node (index-only reads of `relations` by head and by the
//! `relations_by_tail` index, no entity row loaded), and the edges between
//! two given nodes. A search touches a super-hub's hundreds of thousands of
//! edges through these without building a row per neighbour.

use super::read::edge_row;
use super::{EdgeFilter, EdgeRow, Store};
use crate::error::{Error, Result};
use crate::model::{EntityId, Label};
use rusqlite::params;

impl EdgeFilter {
    /// Whether this filter accepts every edge (the default walk).
    pub fn accepts_all(&self) -> bool {
        self.labels.is_none() && self.cooccurs && self.min_confidence <= 0.0
    }
}

impl Store {
    /// The ids one accepted edge away from `id`, sorted and deduplicated.
    pub fn neighbor_ids(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EntityId>> {
        let mut out = Vec::new();
        if filter.accepts_all() {
            for sql in [
                "SELECT tail FROM relations WHERE head = ?1",
                "SELECT head FROM relations WHERE tail = ?1",
            ] {
                let mut stmt = self
                    .conn
                    .prepare_cached(sql)
                    .map_err(Error::sql("read neighbour ids"))?;
                let mut rows = stmt
                    .query(params![id.0])
                    .map_err(Error::sql("read neighbour ids"))?;
                while let Some(r) = rows.next().map_err(Error::sql("read neighbour ids"))? {
                    out.push(EntityId(
                        r.get(0).map_err(Error::sql("read neighbour ids"))?,
                    ));
                }
            }
        } else {
            for sql in [
                "SELECT tail, label, confidence FROM relations WHERE head = ?1 AND confidence >= ?2",
                "SELECT head, label, confidence FROM relations WHERE tail = ?1 AND confidence >= ?2",
            ] {
                let mut stmt = self
                    .conn
                    .prepare_cached(sql)
                    .map_err(Error::sql("read neighbour ids"))?;
                let mut rows = stmt
                    .query(params![id.0, filter.min_confidence])
                    .map_err(Error::sql("read neighbour ids"))?;
                while let Some(r) = rows.next().map_err(Error::sql("read neighbour ids"))? {
                    let label: Label = r
                        .get_ref(1)
                        .ok()
                        .and_then(|v| v.as_str().ok())
                        .and_then(|s| s.parse().ok())
                        .ok_or_else(|| Error::Sql {
                            step: "read neighbour ids: unknown label",
                            source: rusqlite::Error::InvalidColumnType(
                                1,
                                "label".into(),
                                rusqlite::types::Type::Text,
                            ),
                        })?;
                    let confidence: f64 = r.get(2).map_err(Error::sql("read neighbour ids"))?;
                    if filter.accepts(label, confidence) {
                        out.push(EntityId(
                            r.get(0).map_err(Error::sql("read neighbour ids"))?,
                        ));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The accepted edges between `a` and `b`, either way (two primary-key
    /// lookups).
    pub fn edges_between(
        &self,
        a: EntityId,
        b: EntityId,
        filter: &EdgeFilter,
    ) -> Result<Vec<EdgeRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, head, tail, label, confidence FROM relations WHERE head = ?1 AND tail = ?2
                 UNION ALL
                 SELECT id, head, tail, label, confidence FROM relations WHERE head = ?2 AND tail = ?1",
            )
            .map_err(Error::sql("read edges between"))?;
        let out: Vec<EdgeRow> = stmt
            .query_map(params![a.0, b.0], edge_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(Error::sql("read edges between"))?
            .into_iter()
            .filter(|e: &EdgeRow| filter.accepts(e.label, e.confidence))
            .collect();
        Ok(out)
    }
}
