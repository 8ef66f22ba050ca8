//! Read-only helpers for the scale benchmark (`kg bench run`): the
//! highest-degree entities (hubs), entities picked by id for random
//! samples, and whether two entities are adjacent. Kept apart from the
//! query paths users run.

use super::Store;
use crate::error::{Error, Result};
use crate::model::EntityId;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The `n` entities with the most incident relations, most first (a
    /// scan of the adjacency indexes: seconds on millions of edges).
    pub fn top_degree(&self, n: usize) -> Result<Vec<(EntityId, i64)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, sum(c) AS degree FROM (
                   SELECT head AS id, count(*) AS c FROM relations GROUP BY head
                   UNION ALL
                   SELECT tail AS id, count(*) AS c FROM relations GROUP BY tail
                   UNION ALL
                   SELECT head AS id, count(DISTINCT tail) AS c FROM cooccurrences GROUP BY head
                   UNION ALL
                   SELECT tail AS id, count(DISTINCT head) AS c FROM cooccurrences GROUP BY tail)
                 GROUP BY id ORDER BY degree DESC, id LIMIT ?1",
            )
            .map_err(Error::sql("prepare top degree"))?;
        stmt.query_map(params![n as i64], |r| Ok((EntityId(r.get(0)?), r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(Error::sql("top degree"))
    }

    /// The smallest and largest entity ids (None for an empty graph).
    pub fn entity_id_range(&self) -> Result<Option<(i64, i64)>> {
        self.conn
            .query_row("SELECT min(id), max(id) FROM entities", [], |r| {
                Ok(r.get::<_, Option<i64>>(0)?.zip(r.get::<_, Option<i64>>(1)?))
            })
            .map_err(Error::sql("entity id range"))
    }

    /// The first entity whose id is at least `id`.
    pub fn entity_at_or_after(&self, id: i64) -> Result<Option<EntityId>> {
        self.conn
            .prepare_cached("SELECT id FROM entities WHERE id >= ?1 ORDER BY id LIMIT 1")
            .and_then(|mut s| s.query_row(params![id], |r| r.get(0)).optional())
            .map(|o| o.map(EntityId))
            .map_err(Error::sql("entity at or after"))
    }

    /// Whether a relation links `a` and `b` (either way).
    pub fn adjacent(&self, a: EntityId, b: EntityId) -> Result<bool> {
        self.conn
            .prepare_cached(
                "SELECT 1 FROM relations WHERE (head = ?1 AND tail = ?2) OR (head = ?2 AND tail = ?1)
                 UNION ALL
                 SELECT 1 FROM cooccurrences WHERE head = min(?1, ?2) AND tail = max(?1, ?2)",
            )
            .and_then(|mut s| s.exists(params![a.0, b.0]))
            .map_err(Error::sql("adjacent"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Input, extract};
    use crate::model::ArticleRecord;

    #[test]
    fn hubs_ranges_and_adjacency() {
        let mut store = Store::open_in_memory().expect("memory db");
        assert_eq!(store.entity_id_range().expect("range"), None);
        let text = "Hier Alpha Un a vu Beta Deux et Gamma Trois. Puis Alpha Un a vu Delta Quatre.";
        let a = ArticleRecord {
            source: "t".into(),
            text: text.into(),
            ..Default::default()
        };
        let ex = extract(Input { text, lang: None });
        store.write_batch(&[(a, ex)]).expect("write");
        let (lo, hi) = store.entity_id_range().expect("range").expect("not empty");
        assert!(lo <= hi);
        let top = store.top_degree(1).expect("top");
        assert_eq!(top.len(), 1);
        let (hub, degree) = top[0];
        assert_eq!(
            store
                .degree(hub, &crate::store::EdgeFilter::default())
                .expect("degree"),
            degree
        );
        assert!(degree >= 2, "the hub has degree {degree}");
        assert_eq!(store.entity_at_or_after(hi + 1).expect("after"), None);
        assert_eq!(
            store.entity_at_or_after(lo).expect("at"),
            Some(EntityId(lo))
        );
        let others: Vec<EntityId> = (lo..=hi).map(EntityId).filter(|&e| e != hub).collect();
        let linked = others
            .iter()
            .filter(|&&o| store.adjacent(hub, o).expect("adjacent"))
            .count() as i64;
        assert!(linked >= 1 && linked <= degree);
    }
}
