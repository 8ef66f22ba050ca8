//! Adjacency by ids, for graph searches at scale: the ids one edge away
//! from a node (index-only reads of `relations` by head and by the
//! `relations_by_tail` index, no entity row loaded), and the edges between
//! two given nodes. A search touches a super-hub's hundreds of thousands of
//! edges through these without building a row per neighbour.

use super::{EdgeFilter, EdgeRow, Side, Store};
use crate::error::{Error, Result};
use crate::model::EntityId;
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
                // A pair once per sentence naming it: deduplicated below.
                "SELECT tail FROM cooccurrences WHERE head = ?1",
                "SELECT head FROM cooccurrences WHERE tail = ?1",
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
            for side in [Side::Head, Side::Tail] {
                self.for_each_side_edge(id, side, filter, |e| {
                    out.push(if side == Side::Head { e.tail } else { e.head });
                    Ok(())
                })?;
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
        let mut out = Vec::new();
        self.edges_from_to(a, b, filter, &mut out)?;
        self.edges_from_to(b, a, filter, &mut out)?;
        Ok(out)
    }
}
