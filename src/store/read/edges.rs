//! Edges: reads of the edges around a node (by head and by tail,
//! index-only), ranked for `show`, and in key order for exports; typed
//! relations from `relations`, `cooccurs` edges from `cooccurrences`.

use super::rows::{EdgeRow, cooccurs_row, edge_row};
use crate::error::{Error, Result};
use crate::model::{COOCCURS_CONFIDENCE, EntityId, Label};
use crate::store::{Side, Store};
use rusqlite::params;

/// Which edges a query walks.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeFilter {
    /// Only these labels (None: all).
    pub labels: Option<Vec<Label>>,
    /// Whether `cooccurs` edges count.
    pub cooccurs: bool,
    pub min_confidence: f64,
}

impl Default for EdgeFilter {
    fn default() -> Self {
        EdgeFilter {
            labels: None,
            cooccurs: true,
            min_confidence: 0.0,
        }
    }
}

impl EdgeFilter {
    pub fn accepts(&self, label: Label, confidence: f64) -> bool {
        (self.cooccurs || label != Label::Cooccurs)
            && confidence >= self.min_confidence
            && self.labels.as_ref().is_none_or(|l| l.contains(&label))
    }

    /// Whether `cooccurs` edges (kept in `cooccurrences`) pass.
    pub fn accepts_cooccurs(&self) -> bool {
        self.accepts(Label::Cooccurs, COOCCURS_CONFIDENCE)
    }
}

/// A node's `cooccurs` pairs where it is the head, by tail (primary key),
/// and where it is the tail, by head (`cooccurrences_by_tail`): one row per
/// pair however many sentences name it, read in index order.
const COOCCURS_AS_HEAD: &str = "SELECT head, tail FROM cooccurrences WHERE head = ?1 GROUP BY tail";
const COOCCURS_AS_TAIL: &str = "SELECT head, tail FROM cooccurrences WHERE tail = ?1 GROUP BY head";

impl Store {
    /// How many edges touching `id` `filter` accepts: index-only counts of
    /// both directions (a scan of labels when the filter names some).
    pub fn degree(&self, id: EntityId, filter: &EdgeFilter) -> Result<i64> {
        let mut total = 0;
        for side in ["head", "tail"] {
            total += self.cooccurs_degree(id, side, filter)?;
            if filter.labels.is_none() && filter.cooccurs {
                let sql = format!(
                    "SELECT count(*) FROM relations WHERE {side} = ?1 AND confidence >= ?2"
                );
                let n: i64 = self
                    .conn
                    .prepare_cached(&sql)
                    .and_then(|mut s| {
                        s.query_row(params![id.0, filter.min_confidence], |r| r.get(0))
                    })
                    .map_err(Error::sql("count relations of entity"))?;
                total += n;
                continue;
            }
            let sql = format!(
                "SELECT label, confidence FROM relations WHERE {side} = ?1 AND confidence >= ?2"
            );
            let mut stmt = self
                .conn
                .prepare_cached(&sql)
                .map_err(Error::sql("count relations of entity"))?;
            let mut rows = stmt
                .query(params![id.0, filter.min_confidence])
                .map_err(Error::sql("count relations of entity"))?;
            while let Some(r) = rows
                .next()
                .map_err(Error::sql("count relations of entity"))?
            {
                let label: String = r.get(0).map_err(Error::sql("count relations of entity"))?;
                let confidence: f64 = r.get(1).map_err(Error::sql("count relations of entity"))?;
                if label.parse().is_ok_and(|l| filter.accepts(l, confidence)) {
                    total += 1;
                }
            }
        }
        Ok(total)
    }

    /// How many `cooccurs` edges `filter` lets through with `id` at `side`
    /// (`"head"` or `"tail"`; index-only).
    fn cooccurs_degree(&self, id: EntityId, side: &str, filter: &EdgeFilter) -> Result<i64> {
        if !filter.accepts_cooccurs() {
            return Ok(0);
        }
        let other = if side == "head" { "tail" } else { "head" };
        self.conn
            .prepare_cached(&format!(
                "SELECT count(DISTINCT {other}) FROM cooccurrences WHERE {side} = ?1"
            ))
            .and_then(|mut s| s.query_row(params![id.0], |r| r.get(0)))
            .map_err(Error::sql("count co-occurrences of entity"))
    }

    /// Calls `f` on the `cooccurs` edges of `id`, by the other end's id,
    /// until it returns `Ok(false)`; returns whether it never did. Reads
    /// nothing if `filter` refuses them.
    pub(in crate::store) fn for_each_cooccurs_edge(
        &self,
        id: EntityId,
        filter: &EdgeFilter,
        mut f: impl FnMut(EdgeRow) -> Result<bool>,
    ) -> Result<bool> {
        // As tail the other ends are smaller than `id`, as head larger; a
        // self-pair cannot be stored (head < tail), so no edge comes twice.
        Ok(self.for_each_cooccurs_side(id, Side::Tail, filter, &mut f)?
            && self.for_each_cooccurs_side(id, Side::Head, filter, &mut f)?)
    }

    /// [`Store::for_each_cooccurs_edge`] for the pairs with `id` at `side`.
    pub(in crate::store) fn for_each_cooccurs_side(
        &self,
        id: EntityId,
        side: Side,
        filter: &EdgeFilter,
        mut f: impl FnMut(EdgeRow) -> Result<bool>,
    ) -> Result<bool> {
        const STEP: &str = "read co-occurrences";
        if !filter.accepts_cooccurs() {
            return Ok(true);
        }
        let sql = match side {
            Side::Head => COOCCURS_AS_HEAD,
            Side::Tail => COOCCURS_AS_TAIL,
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(Error::sql(STEP))?;
        let mut rows = stmt.query(params![id.0]).map_err(Error::sql(STEP))?;
        while let Some(r) = rows.next().map_err(Error::sql(STEP))? {
            if !f(cooccurs_row(r).map_err(Error::sql(STEP))?)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Calls `f` on the edges touching `id` that `filter` accepts, most
    /// confident first (ties: typed relations by id, then `cooccurs` edges
    /// by the other end's id), until it returns `Ok(false)`.
    /// Both directions are read in that order through the
    /// `relations_by_head` and `relations_by_tail` indexes and merged, and
    /// the `cooccurs` edges put in at their confidence, so the cost is
    /// what `f` consumes, not the entity's degree.
    pub fn for_each_ranked_edge(
        &self,
        id: EntityId,
        filter: &EdgeFilter,
        mut f: impl FnMut(EdgeRow) -> Result<bool>,
    ) -> Result<()> {
        const STEP: &str = "read ranked relations";
        let ranked = |side: &str| {
            self.conn
                .prepare_cached(&format!(
                    "SELECT id, head, tail, label, confidence FROM relations
                     WHERE {side} = ?1 AND confidence >= ?2 ORDER BY confidence DESC, id"
                ))
                .map_err(Error::sql(STEP))
        };
        let (mut by_head, mut by_tail) = (ranked("head")?, ranked("tail")?);
        let args = params![id.0, filter.min_confidence];
        let mut heads = by_head.query(args).map_err(Error::sql(STEP))?;
        let mut tails = by_tail.query(args).map_err(Error::sql(STEP))?;
        let next = |rows: &mut rusqlite::Rows<'_>| -> Result<Option<EdgeRow>> {
            while let Some(r) = rows.next().map_err(Error::sql(STEP))? {
                let e = edge_row(r).map_err(Error::sql(STEP))?;
                if filter.accepts(e.label, e.confidence) {
                    return Ok(Some(e));
                }
            }
            Ok(None)
        };
        let (mut h, mut t) = (next(&mut heads)?, next(&mut tails)?);
        let mut cooccurs_due = filter.accepts_cooccurs();
        loop {
            let take_head = match (&h, &t) {
                (None, None) => {
                    if cooccurs_due {
                        self.for_each_cooccurs_edge(id, filter, &mut f)?;
                    }
                    return Ok(());
                }
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some(a), Some(b)) => b
                    .confidence
                    .total_cmp(&a.confidence)
                    .then(a.id.cmp(&b.id))
                    .is_le(),
            };
            let e = if take_head { h.take() } else { t.take() };
            let Some(e) = e else { return Ok(()) };
            // A self-loop comes from both sides: give it once.
            if e.head == e.tail && !take_head {
                t = next(&mut tails)?;
                continue;
            }
            if cooccurs_due && e.confidence < COOCCURS_CONFIDENCE {
                cooccurs_due = false;
                if !self.for_each_cooccurs_edge(id, filter, &mut f)? {
                    return Ok(());
                }
            }
            if !f(e)? {
                return Ok(());
            }
            if take_head {
                h = next(&mut heads)?;
            } else {
                t = next(&mut tails)?;
            }
        }
    }

    /// Every edge touching `id` (as head or tail) that `filter` accepts,
    /// sorted by (head, tail, label). Both lookups are index-only.
    pub fn incident(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EdgeRow>> {
        let mut out = Vec::new();
        for sql in [
            "SELECT id, head, tail, label, confidence FROM relations WHERE head = ?1 AND confidence >= ?2",
            "SELECT id, head, tail, label, confidence FROM relations WHERE tail = ?1 AND confidence >= ?2",
        ] {
            let mut stmt = self
                .conn
                .prepare_cached(sql)
                .map_err(Error::sql("read adjacency"))?;
            let rows = stmt
                .query_map(params![id.0, filter.min_confidence], edge_row)
                .map_err(Error::sql("read adjacency"))?;
            for row in rows {
                let e = row.map_err(Error::sql("read adjacency"))?;
                if filter.accepts(e.label, e.confidence) {
                    out.push(e);
                }
            }
        }
        self.for_each_cooccurs_edge(id, filter, |e| {
            out.push(e);
            Ok(true)
        })?;
        out.sort_by_key(|e| (e.head, e.tail, e.label.as_str()));
        Ok(out)
    }

    /// Relations accepted by `filter`, sorted by (head, tail, label),
    /// at most `limit`.
    pub fn relations(&self, filter: &EdgeFilter, limit: Option<usize>) -> Result<Vec<EdgeRow>> {
        let mut out = Vec::new();
        self.for_each_edge(filter, |e| {
            out.push(e);
            Ok(limit.is_none_or(|l| out.len() < l))
        })?;
        Ok(out)
    }

    /// Calls `f` on every edge `filter` accepts, in (head, tail, label)
    /// order, until it returns `Ok(false)`. Streams: nothing is collected.
    pub fn for_each_edge(
        &self,
        filter: &EdgeFilter,
        mut f: impl FnMut(EdgeRow) -> Result<bool>,
    ) -> Result<()> {
        const STEP: &str = "scan relations";
        let mut typed = self
            .conn
            .prepare_cached(
                "SELECT id, head, tail, label, confidence FROM relations
                 WHERE confidence >= ?1 ORDER BY head, tail, label",
            )
            .map_err(Error::sql(STEP))?;
        // `head >= 0` makes SQLite walk the primary key, in this order,
        // rather than the smaller by-tail index and a sort of every pair.
        let mut pairs = self
            .conn
            .prepare_cached(
                "SELECT head, tail FROM cooccurrences WHERE head >= 0
                 GROUP BY head, tail ORDER BY head, tail",
            )
            .map_err(Error::sql(STEP))?;
        let mut typed = typed
            .query(params![filter.min_confidence])
            .map_err(Error::sql(STEP))?;
        let mut pairs = if filter.accepts_cooccurs() {
            Some(pairs.query([]).map_err(Error::sql(STEP))?)
        } else {
            None
        };
        let mut next_typed = || -> Result<Option<EdgeRow>> {
            while let Some(r) = typed.next().map_err(Error::sql(STEP))? {
                let e = edge_row(r).map_err(Error::sql(STEP))?;
                if filter.accepts(e.label, e.confidence) {
                    return Ok(Some(e));
                }
            }
            Ok(None)
        };
        let mut next_pair = || -> Result<Option<EdgeRow>> {
            let Some(rows) = pairs.as_mut() else {
                return Ok(None);
            };
            match rows.next().map_err(Error::sql(STEP))? {
                Some(r) => Ok(Some(cooccurs_row(r).map_err(Error::sql(STEP))?)),
                None => Ok(None),
            }
        };
        let key = |e: &EdgeRow| (e.head, e.tail, e.label.as_str());
        let (mut a, mut b) = (next_typed()?, next_pair()?);
        loop {
            let e = match (a, b) {
                (None, None) => return Ok(()),
                (Some(x), Some(y)) if key(&y) < key(&x) => {
                    b = next_pair()?;
                    y
                }
                (Some(x), _) => {
                    a = next_typed()?;
                    x
                }
                (None, Some(y)) => {
                    b = next_pair()?;
                    y
                }
            };
            if !f(e)? {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{EntityId, Label};
    use crate::store::{EdgeFilter, EdgeRow, Outcome, Side, Store};
    use std::collections::{BTreeMap, BTreeSet};

    /// (head, tail, label) of an edge, as exports order them.
    type Key = (EntityId, EntityId, &'static str);

    /// (source, sentence text) of an edge's evidence, by (article, sentence).
    type Sentences = BTreeMap<(i64, usize), (String, String)>;

    /// Every read of edges, `cooccurs` (kept apart in `cooccurrences`)
    /// and typed alike, against the extractions written: the edges, their
    /// evidence sentences, each node's incident edges, degree, neighbours
    /// and sides, and the edges between two nodes.
    #[test]
    fn every_edge_read_agrees_with_the_extractions_written() {
        let batch = crate::store::test_fixtures::generated_batch(60, 11);
        let mut store = Store::open_in_memory().expect("memory db");
        let outcomes = store.write_batch(&batch).expect("write");
        // The oracle: each edge's (article, sentence) pairs and texts.
        let mut want: BTreeMap<Key, Sentences> = BTreeMap::new();
        for ((a, ex), outcome) in batch.iter().zip(&outcomes) {
            let Outcome::New(article) = outcome else {
                panic!("{} not new: {outcome:?}", a.source)
            };
            let id = |i: usize| -> EntityId {
                let e = &ex.entities[i];
                store
                    .conn
                    .query_row(
                        "SELECT id FROM entities WHERE type = ?1 AND key = ?2",
                        (e.kind.as_str(), &e.key),
                        |r| r.get(0),
                    )
                    .map(EntityId)
                    .expect("entity stored")
            };
            for r in &ex.relations {
                let (mut h, mut t) = (id(r.head), id(r.tail));
                if h == t {
                    continue;
                }
                if r.label.is_symmetric() && h > t {
                    std::mem::swap(&mut h, &mut t);
                }
                let span = ex.sentences[r.sentence];
                let text = a.text[span.start..span.end].to_string();
                want.entry((h, t, r.label.as_str()))
                    .or_default()
                    .entry((article.0, r.sentence))
                    .or_insert((a.source.clone(), text));
            }
        }
        let cooccurs = want.keys().filter(|k| k.2 == "cooccurs").count();
        assert!(
            cooccurs > 20 && cooccurs < want.len(),
            "{cooccurs} of {}",
            want.len()
        );
        let key = |e: &EdgeRow| (e.head, e.tail, e.label.as_str());
        let all = store
            .relations(&EdgeFilter::default(), None)
            .expect("edges");
        assert_eq!(
            all.iter().map(key).collect::<Vec<_>>(),
            want.keys().copied().collect::<Vec<_>>()
        );
        for e in &all {
            let sentences = &want[&key(e)];
            assert_eq!(
                store.evidence_count(e.id).expect("count"),
                sentences.len() as i64
            );
            let got: Vec<(String, String)> = store
                .evidence(e.id, None)
                .expect("evidence")
                .into_iter()
                .map(|v| (v.article, v.sentence))
                .collect();
            assert_eq!(
                got,
                sentences.values().cloned().collect::<Vec<_>>(),
                "{e:?}"
            );
        }
        let typed = EdgeFilter {
            cooccurs: false,
            ..EdgeFilter::default()
        };
        let nodes: BTreeSet<EntityId> = want.keys().flat_map(|k| [k.0, k.1]).collect();
        for &n in &nodes {
            for filter in [EdgeFilter::default(), typed.clone()] {
                let touching: Vec<Key> = want
                    .keys()
                    .filter(|k| (k.0 == n || k.1 == n) && (filter.cooccurs || k.2 != "cooccurs"))
                    .copied()
                    .collect();
                let incident = store.incident(n, &filter).expect("incident");
                assert_eq!(incident.iter().map(key).collect::<Vec<_>>(), touching);
                assert_eq!(
                    store.degree(n, &filter).expect("degree"),
                    touching.len() as i64
                );
                let others: BTreeSet<EntityId> = touching
                    .iter()
                    .map(|k| if k.0 == n { k.1 } else { k.0 })
                    .collect();
                let ids = store.neighbor_ids(n, &filter).expect("neighbours");
                assert_eq!(ids, others.iter().copied().collect::<Vec<_>>());
                let mut sides = Vec::new();
                for side in [Side::Head, Side::Tail] {
                    store
                        .for_each_side_edge(n, side, &filter, |e| {
                            sides.push(key(&e));
                            Ok(())
                        })
                        .expect("side");
                }
                sides.sort();
                assert_eq!(sides, touching);
                for &o in &others {
                    let mut between: Vec<Key> = store
                        .edges_between(n, o, &filter)
                        .expect("between")
                        .iter()
                        .map(key)
                        .collect();
                    between.sort();
                    let pair: Vec<Key> = touching
                        .iter()
                        .filter(|k| k.0 == o || k.1 == o)
                        .copied()
                        .collect();
                    assert_eq!(between, pair);
                }
            }
        }
        // A pair id names its pair; a typed id none.
        for e in &all {
            let pair = e.id.pair();
            assert_eq!(pair.is_some(), e.label == Label::Cooccurs);
            assert!(pair.is_none_or(|p| p == (e.head, e.tail)));
        }
    }
}
