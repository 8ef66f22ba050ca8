//! Queries: counts, entity lookup and resolution, adjacency by head and by
//! tail (index-only), evidence, and sorted scans for exports.

use super::{MAX_NAME_CHARS, Side, Store, fold};
use crate::error::{Error, Result};
use crate::model::{ArticleId, COOCCURS_CONFIDENCE, EntityId, EntityType, Label, RelationId};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;
use std::collections::BTreeMap;

/// One entity (graph node).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    pub id: EntityId,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub key: String,
    pub mentions: i64,
}

/// One relation (graph edge), as stored: symmetric labels have the
/// smaller id as head.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EdgeRow {
    pub id: RelationId,
    pub head: EntityId,
    pub tail: EntityId,
    pub label: Label,
    pub confidence: f64,
}

impl EdgeRow {
    /// The endpoint that is not `from` (for walking edges either way).
    pub fn other(&self, from: EntityId) -> EntityId {
        if self.head == from {
            self.tail
        } else {
            self.head
        }
    }
}

/// One sentence supporting a relation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRow {
    /// The article's source (path, `path:line`, `-`).
    pub article: String,
    pub title: Option<String>,
    pub sentence: String,
    /// Code-point offsets of the sentence in the article text.
    pub start: i64,
    pub end: i64,
    pub trigger: String,
    pub confidence: f64,
    pub attrs: BTreeMap<String, String>,
}

/// An article an entity is mentioned in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: ArticleId,
    pub source: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub lang: String,
    pub mentions: i64,
}

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

/// Sizes of everything in the store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub schema_version: i64,
    pub articles: i64,
    pub articles_by_lang: BTreeMap<String, i64>,
    pub sentences: i64,
    pub entities: i64,
    pub entities_by_type: BTreeMap<String, i64>,
    pub aliases: i64,
    pub mentions: i64,
    pub relations: i64,
    pub relations_by_label: BTreeMap<String, i64>,
    pub evidence: i64,
}

fn entity_row(r: &Row<'_>) -> rusqlite::Result<EntityRow> {
    let kind: String = r.get(2)?;
    Ok(EntityRow {
        id: EntityId(r.get(0)?),
        name: r.get(1)?,
        kind: kind.parse().map_err(|e: String| bad_column(2, e))?,
        key: r.get(3)?,
        mentions: r.get(4)?,
    })
}

pub(super) fn edge_row(r: &Row<'_>) -> rusqlite::Result<EdgeRow> {
    let label: String = r.get(3)?;
    Ok(EdgeRow {
        id: RelationId(r.get(0)?),
        head: EntityId(r.get(1)?),
        tail: EntityId(r.get(2)?),
        label: label.parse().map_err(|e: String| bad_column(3, e))?,
        confidence: r.get(4)?,
    })
}

/// The `cooccurs` edge of a row whose first two columns are a pair of
/// `cooccurrences`.
pub(super) fn cooccurs_row(r: &Row<'_>) -> rusqlite::Result<EdgeRow> {
    let (head, tail) = (EntityId(r.get(0)?), EntityId(r.get(1)?));
    let id = RelationId::cooccurs(head, tail)
        .ok_or_else(|| bad_column(0, format!("co-occurrence #{head} #{tail} has no edge id")))?;
    Ok(EdgeRow {
        id,
        head,
        tail,
        label: Label::Cooccurs,
        confidence: COOCCURS_CONFIDENCE,
    })
}

/// A node's `cooccurs` pairs where it is the head, by tail (primary key),
/// and where it is the tail, by head (`cooccurrences_by_tail`): one row per
/// pair however many sentences name it, read in index order.
const COOCCURS_AS_HEAD: &str = "SELECT head, tail FROM cooccurrences WHERE head = ?1 GROUP BY tail";
const COOCCURS_AS_TAIL: &str = "SELECT head, tail FROM cooccurrences WHERE tail = ?1 GROUP BY head";

fn bad_column(i: usize, e: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
}

const ENTITY_COLS: &str = "id, name, type, key, mention_count";

/// How many `cooccurs` edges (distinct pairs) there are.
const COUNT_COOCCURS_PAIRS: &str =
    "SELECT count(*) FROM (SELECT DISTINCT head, tail FROM cooccurrences)";

impl Store {
    /// Counts of everything, for `kg stats`.
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str, step: &'static str| -> Result<i64> {
            self.conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(Error::sql(step))
        };
        let grouped = |sql: &str, step: &'static str| -> Result<BTreeMap<String, i64>> {
            let mut stmt = self.conn.prepare(sql).map_err(Error::sql(step))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(Error::sql(step))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(Error::sql(step))
        };
        let articles_by_lang = grouped(
            "SELECT lang, count(*) FROM articles GROUP BY lang",
            "count articles",
        )?;
        let entities_by_type = grouped(
            "SELECT type, count(*) FROM entities GROUP BY type",
            "count entities",
        )?;
        let mut relations_by_label = grouped(
            "SELECT label, count(*) FROM relations GROUP BY label",
            "count relations",
        )?;
        let pairs = count(COUNT_COOCCURS_PAIRS, "count co-occurrences")?;
        if pairs > 0 {
            relations_by_label.insert(Label::Cooccurs.as_str().to_string(), pairs);
        }
        Ok(Stats {
            schema_version: self.schema_version()?,
            articles: articles_by_lang.values().sum(),
            articles_by_lang,
            sentences: count(
                "SELECT coalesce(sum(json_array_length(sentence_spans)), 0) FROM articles",
                "count sentences",
            )?,
            entities: entities_by_type.values().sum(),
            entities_by_type,
            aliases: count("SELECT count(*) FROM aliases", "count aliases")?,
            mentions: count(
                "SELECT coalesce(sum(json_array_length(spans)), 0) FROM mentions",
                "count mentions",
            )?,
            relations: relations_by_label.values().sum(),
            relations_by_label,
            evidence: count(
                "SELECT (SELECT count(*) FROM evidence) + (SELECT count(*) FROM cooccurrences)",
                "count evidence",
            )?,
        })
    }

    /// Number of entities and relations, `cooccurs` pairs included (for
    /// the ingest summary; counting the pairs reads `cooccurrences` once,
    /// 0.2 s at 100k articles).
    pub fn totals(&self) -> Result<(i64, i64)> {
        self.conn
            .query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM entities),
                            (SELECT count(*) FROM relations) + ({COUNT_COOCCURS_PAIRS})"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(Error::sql("count totals"))
    }

    /// Entities, most mentioned first, optionally of one type.
    pub fn entities(
        &self,
        kind: Option<EntityType>,
        limit: Option<usize>,
    ) -> Result<Vec<EntityRow>> {
        let sql = format!(
            "SELECT {ENTITY_COLS} FROM entities WHERE ?1 IS NULL OR type = ?1
             ORDER BY mention_count DESC, name, id LIMIT ?2"
        );
        let limit = limit.map_or(-1, |l| l as i64);
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(Error::sql("list entities"))?;
        let rows = stmt
            .query_map(params![kind.map(EntityType::as_str), limit], entity_row)
            .map_err(Error::sql("list entities"))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(Error::sql("list entities"))
    }

    /// One entity by id.
    pub fn entity(&self, id: EntityId) -> Result<Option<EntityRow>> {
        let sql = format!("SELECT {ENTITY_COLS} FROM entities WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params![id.0], entity_row).optional())
            .map_err(Error::sql("read entity"))
    }

    /// An entity's surface forms, sorted.
    pub fn aliases(&self, id: EntityId) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT alias FROM aliases WHERE entity_id = ?1 ORDER BY alias")
            .map_err(Error::sql("read aliases"))?;
        let rows = stmt
            .query_map(params![id.0], |r| r.get(0))
            .map_err(Error::sql("read aliases"))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(Error::sql("read aliases"))
    }

    /// The first `limit` articles an entity is mentioned in, by id, with its
    /// mentions in each: the first `limit` rows of its `mentions` range
    /// (`+?1`: see [`Store::evidence`]), so
    /// a hub mentioned in tens of thousands of articles costs what is
    /// printed.
    pub fn articles_of(&self, id: EntityId, limit: usize) -> Result<Vec<ArticleRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.source, a.title, a.date, a.lang, json_array_length(m.spans)
                 FROM mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.entity_id = +?1 ORDER BY m.article_id",
            )
            .map_err(Error::sql("read articles of entity"))?;
        let rows = stmt
            .query_map(params![id.0], |r| {
                Ok(ArticleRow {
                    id: ArticleId(r.get(0)?),
                    source: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                    lang: r.get(4)?,
                    mentions: r.get(5)?,
                })
            })
            .map_err(Error::sql("read articles of entity"))?;
        rows.take(limit)
            .collect::<rusqlite::Result<_>>()
            .map_err(Error::sql("read articles of entity"))
    }

    /// How many articles mention an entity (index-only).
    pub fn article_count(&self, id: EntityId) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT count(*) FROM mentions WHERE entity_id = ?1")
            .and_then(|mut s| s.query_row(params![id.0], |r| r.get(0)))
            .map_err(Error::sql("count articles of entity"))
    }

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
    pub(super) fn for_each_cooccurs_edge(
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
    pub(super) fn for_each_cooccurs_side(
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

    /// Calls `f` on every entity, by id. Streams.
    pub fn for_each_entity(&self, mut f: impl FnMut(EntityRow) -> Result<()>) -> Result<()> {
        let sql = format!("SELECT {ENTITY_COLS} FROM entities ORDER BY id");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(Error::sql("scan entities"))?;
        let rows = stmt
            .query_map([], entity_row)
            .map_err(Error::sql("scan entities"))?;
        for row in rows {
            f(row.map_err(Error::sql("scan entities"))?)?;
        }
        Ok(())
    }

    /// The sentences supporting a relation, in article order, at most `limit`.
    pub fn evidence(&self, relation: RelationId, limit: Option<usize>) -> Result<Vec<EvidenceRow>> {
        // SQLite re-prepares a join at every new binding of a parameter
        // compared with a column (`x = ?1`), and a statement at every new
        // binding of a `LIMIT ?`: 60% of the CPU of an export went to
        // parsing this one again. `+?1` (still an index lookup) and
        // stopping after `limit` rows in primary-key order avoid both.
        const SENTENCE: &str = r#"a.source, a.title,
            substr(a.text, (a.sentence_spans -> e.sentence ->> 0) + 1,
                   (a.sentence_spans -> e.sentence ->> 1)
                   - (a.sentence_spans -> e.sentence ->> 0)),
            a.sentence_spans -> e.sentence ->> 0,
            a.sentence_spans -> e.sentence ->> 1"#;
        let (sql, args) = match relation.pair() {
            // A `cooccurs` edge: its rows, with no trigger, attributes or
            // confidence of their own.
            Some((head, tail)) => (
                format!(
                    "SELECT {SENTENCE}, '', NULL, '{{}}' FROM cooccurrences e
                     JOIN articles a ON a.id = e.article_id
                     WHERE e.head = +?1 AND e.tail = +?2
                     ORDER BY e.article_id, e.sentence"
                ),
                vec![head.0, tail.0],
            ),
            None => (
                format!(
                    "SELECT {SENTENCE}, e.trigger, e.confidence, e.attrs FROM evidence e
                     JOIN articles a ON a.id = e.article_id
                     WHERE e.relation_id = +?1
                     ORDER BY e.article_id, e.sentence"
                ),
                vec![relation.0],
            ),
        };
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(Error::sql("read evidence"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                let attrs: String = r.get(7)?;
                Ok(EvidenceRow {
                    article: r.get(0)?,
                    title: r.get(1)?,
                    sentence: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    trigger: r.get(5)?,
                    confidence: r.get::<_, Option<f64>>(6)?.unwrap_or(COOCCURS_CONFIDENCE),
                    attrs: serde_json::from_str(&attrs)
                        .map_err(|e| bad_column(7, e.to_string()))?,
                })
            })
            .map_err(Error::sql("read evidence"))?;
        rows.take(limit.unwrap_or(usize::MAX))
            .collect::<rusqlite::Result<_>>()
            .map_err(Error::sql("read evidence"))
    }

    /// How many sentences support a relation (for a `cooccurs` edge, the
    /// count ontology.md gives it).
    pub fn evidence_count(&self, relation: RelationId) -> Result<i64> {
        match relation.pair() {
            Some((head, tail)) => self
                .conn
                .prepare_cached("SELECT count(*) FROM cooccurrences WHERE head = ?1 AND tail = ?2")
                .and_then(|mut s| s.query_row(params![head.0, tail.0], |r| r.get(0))),
            None => self
                .conn
                .prepare_cached("SELECT count(*) FROM evidence WHERE relation_id = ?1")
                .and_then(|mut s| s.query_row(params![relation.0], |r| r.get(0))),
        }
        .map_err(Error::sql("count evidence"))
    }

    /// Resolves what a user typed to one entity: `#ID`, else a name or
    /// alias compared case- and accent-insensitively, else the query as
    /// whole words of a name ("dvorak" for "Antonín Dvořák"). Unknown names
    /// get suggestions, ambiguous ones the candidates (both exit 2 in the
    /// CLI); a name longer than [`MAX_NAME_CHARS`] is refused before any
    /// SQL. Every step is an index lookup or a bounded index range.
    pub fn resolve(&self, query: &str) -> Result<EntityId> {
        let chars = query.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(Error::NameTooLong {
                chars,
                max: MAX_NAME_CHARS,
            });
        }
        if let Some(id) = query.strip_prefix('#').and_then(|n| n.parse::<i64>().ok())
            && self.entity(EntityId(id))?.is_some()
        {
            return Ok(EntityId(id));
        }
        let q = fold(query);
        let exact = self.matching(
            "SELECT entity_id FROM aliases WHERE norm = ?1",
            params![q],
            50,
        )?;
        // Else names holding the query as whole words: those indexed by
        // its longest word (the most selective), checked for the rest.
        let longest = q.split(' ').max_by_key(|w| w.len()).unwrap_or("");
        let found = if exact.is_empty() && !longest.is_empty() {
            self.matching(
                "SELECT a.entity_id FROM alias_words w JOIN aliases a ON a.norm = w.norm
                 WHERE w.word = ?1 AND instr(' ' || w.norm || ' ', ?2) > 0",
                params![longest, format!(" {q} ")],
                50,
            )?
        } else {
            exact
        };
        let by_name: Vec<&EntityRow> = found.iter().filter(|e| fold(&e.name) == q).collect();
        match (found.as_slice(), by_name.as_slice()) {
            ([one], _) => Ok(one.id),
            (_, [one]) => Ok(one.id),
            ([], _) => Err(Error::UnknownEntity {
                query: query.to_string(),
                suggestions: self.suggest(&q)?,
            }),
            (many, _) => Err(Error::AmbiguousEntity {
                query: query.to_string(),
                candidates: many.iter().map(describe).collect(),
            }),
        }
    }

    /// The entities whose ids `ids_sql` selects with `args`, most
    /// mentioned first, at most `limit`.
    fn matching(
        &self,
        ids_sql: &str,
        args: impl rusqlite::Params,
        limit: usize,
    ) -> Result<Vec<EntityRow>> {
        let sql = format!(
            "SELECT {ENTITY_COLS} FROM entities WHERE id IN ({ids_sql})
             ORDER BY mention_count DESC, id LIMIT {limit}"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(Error::sql("resolve entity"))?;
        stmt.query_map(args, entity_row)
            .and_then(|rows| rows.collect())
            .map_err(Error::sql("resolve entity"))
    }

    /// Close names for an unknown query: names starting with it, or with
    /// a word starting with one of its words (of 3 characters or more);
    /// else names with a word (or the whole name) within a small edit
    /// distance of the query or one of its words, among those sharing its
    /// first character. Each search reads a bounded range of an index.
    fn suggest(&self, q: &str) -> Result<Vec<String>> {
        const MAX: usize = 5;
        /// Index entries one prefix search reads at most.
        const PREFIX_ROWS: usize = 1000;
        /// Index entries the edit-distance search reads per query word.
        const CLOSE_ROWS: usize = 20_000;
        let upper = |p: &str| format!("{p}{}", char::MAX);
        let mut out: Vec<EntityRow> = Vec::new();
        let add = |rows: Vec<EntityRow>, out: &mut Vec<EntityRow>| {
            for r in rows {
                if out.len() < MAX && !out.iter().any(|o| o.id == r.id) {
                    out.push(r);
                }
            }
        };
        let words: Vec<&str> = q
            .split([' ', '-', '\''])
            .filter(|w| w.chars().count() >= 3)
            .collect();
        if !q.is_empty() {
            let rows = self.matching(
                &format!(
                    "SELECT entity_id FROM aliases WHERE norm >= ?1 AND norm < ?2
                     LIMIT {PREFIX_ROWS}"
                ),
                params![q, upper(q)],
                MAX,
            )?;
            add(rows, &mut out);
        }
        for w in &words {
            if out.len() >= MAX {
                break;
            }
            let rows = self.matching(
                &format!(
                    "SELECT a.entity_id FROM
                       (SELECT norm FROM alias_words WHERE word >= ?1 AND word < ?2
                        LIMIT {PREFIX_ROWS}) w
                     JOIN aliases a ON a.norm = w.norm"
                ),
                params![w, upper(w)],
                MAX,
            )?;
            add(rows, &mut out);
        }
        if out.is_empty() {
            let mut close: Vec<(usize, String)> = Vec::new();
            // (length in chars, allowed distance) of each target, by its
            // first character: each range is read once however many
            // targets start with it.
            let mut targets: BTreeMap<char, Vec<(&str, usize, usize)>> = BTreeMap::new();
            for t in std::iter::once(q).chain(words.iter().copied()) {
                if let Some(first) = t.chars().next() {
                    let n = t.chars().count();
                    targets
                        .entry(first)
                        .or_default()
                        .push((t, n, (n / 3).max(1)));
                }
            }
            let mut range = self
                .conn
                .prepare_cached(&format!(
                    "SELECT word, norm FROM alias_words WHERE word >= ?1 AND word < ?2
                     LIMIT {CLOSE_ROWS}"
                ))
                .map_err(Error::sql("suggest entities"))?;
            for (first, ts) in &targets {
                let first = first.to_string();
                let mut rows = range
                    .query(params![first, upper(&first)])
                    .map_err(Error::sql("suggest entities"))?;
                while let Some(r) = rows.next().map_err(Error::sql("suggest entities"))? {
                    let word = row_str(r, 0)?;
                    let len = word.chars().count();
                    // Close to one of its words, or (a query of several
                    // words) to the whole name.
                    let mut best = ts
                        .iter()
                        .filter(|&&(_, n, max)| n.abs_diff(len) <= max)
                        .filter_map(|&(t, _, max)| edit_distance(t, word, max))
                        .min();
                    let norm = row_str(r, 1)?;
                    for &(t, n, max) in ts.iter().filter(|t| t.0.contains(' ')) {
                        if n.abs_diff(norm.chars().count()) <= max {
                            best = best.into_iter().chain(edit_distance(t, norm, max)).min();
                        }
                    }
                    if let Some(d) = best {
                        close.push((d, norm.to_string()));
                    }
                }
            }
            // The smallest distance of each name, then the closest first.
            close.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            close.dedup_by(|a, b| a.1 == b.1);
            close.sort();
            let mut ids: Vec<(usize, i64)> = Vec::new();
            let mut by_norm = self
                .conn
                .prepare_cached("SELECT entity_id FROM aliases WHERE norm = ?1")
                .map_err(Error::sql("suggest entities"))?;
            for (d, norm) in close.iter().take(4 * MAX) {
                let rows = by_norm
                    .query_map(params![norm], |r| r.get::<_, i64>(0))
                    .map_err(Error::sql("suggest entities"))?;
                for id in rows {
                    ids.push((*d, id.map_err(Error::sql("suggest entities"))?));
                }
            }
            ids.sort_by_key(|&(d, id)| (id, d));
            ids.dedup_by_key(|c| c.1);
            ids.sort();
            for (_, id) in ids.into_iter().take(MAX) {
                if let Some(e) = self.entity(EntityId(id))? {
                    out.push(e);
                }
            }
        }
        Ok(out.iter().map(describe).collect())
    }
}

/// Column `i` of `r` as borrowed text.
fn row_str<'r>(r: &'r Row<'_>, i: usize) -> Result<&'r str> {
    r.get_ref(i)
        .and_then(|v| v.as_str().map_err(Into::into))
        .map_err(Error::sql("suggest entities"))
}

fn describe(e: &EntityRow) -> String {
    format!(
        "{} ({}, #{}, {} mentions)",
        e.name, e.kind, e.id, e.mentions
    )
}

/// Levenshtein distance between `a` and `b` if it is at most `max`.
fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > max) {
            return None;
        }
        prev = cur;
    }
    prev.last().copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::edit_distance;
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
        let batch = crate::store::generated_batch(60, 11);
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

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("orlakov", "orlokov", 2), Some(1));
        assert_eq!(edit_distance("dalmont", "dalmont", 0), Some(0));
        assert_eq!(edit_distance("abc", "xyz", 2), None);
    }
}

#[cfg(test)]
mod resolve_tests {
    use crate::error::Error;
    use crate::model::{ArticleRecord, Entity, EntityType, Extraction, Lang, Mention, Span};
    use crate::store::{MAX_NAME_CHARS, Store};

    /// A store with one article mentioning each of `names` (the same
    /// number of times as its position, so the order of suggestions is
    /// known), each its own alias.
    fn store_of(names: &[&str]) -> Store {
        let text = names.join(". ");
        let mut ex = Extraction {
            lang: Lang::Fr,
            sentences: vec![Span {
                start: 0,
                end: text.len(),
            }],
            entities: Vec::new(),
            mentions: Vec::new(),
            relations: Vec::new(),
            notes: Vec::new(),
        };
        let mut at = 0;
        for (i, n) in names.iter().enumerate() {
            ex.entities.push(Entity {
                name: (*n).into(),
                kind: EntityType::Per,
                key: crate::fold::fold(n),
                aliases: vec![(*n).into()],
            });
            for _ in 0..=i {
                ex.mentions.push(Mention {
                    entity: i,
                    sentence: 0,
                    span: Span {
                        start: at,
                        end: at + n.len(),
                    },
                });
            }
            at += n.len() + 2;
        }
        let mut store = Store::open_in_memory().expect("memory db");
        let article = ArticleRecord {
            source: "a.txt".into(),
            text,
            ..Default::default()
        };
        store.write_batch(&[(article, ex)]).expect("write");
        store
    }

    const NAMES: [&str; 5] = [
        "Antonín Dvořák",
        "Jean-Pierre Raffarin",
        "Sergueï Orlakov",
        "Barack Obama",
        "Michelle Obama",
    ];

    fn name_of(store: &Store, q: &str) -> String {
        let id = store.resolve(q).expect(q);
        store.entity(id).expect("read").expect("entity").name
    }

    fn suggestions(store: &Store, q: &str) -> Vec<String> {
        match store.resolve(q) {
            Err(Error::UnknownEntity { suggestions, .. }) => suggestions,
            other => panic!("{q}: {other:?}"),
        }
    }

    #[test]
    fn names_and_whole_words_resolve_through_the_index() {
        let store = store_of(&NAMES);
        assert_eq!(name_of(&store, "antonin dvorak"), "Antonín Dvořák");
        assert_eq!(name_of(&store, "DVORAK"), "Antonín Dvořák");
        assert_eq!(name_of(&store, "raffarin"), "Jean-Pierre Raffarin");
        assert_eq!(name_of(&store, "jean-pierre"), "Jean-Pierre Raffarin");
        // Parts at hyphens are indexed for suggestions, not whole words.
        assert!(matches!(
            store.resolve("pierre"),
            Err(Error::UnknownEntity { .. })
        ));
        match store.resolve("obama") {
            Err(Error::AmbiguousEntity { candidates, .. }) => assert_eq!(
                candidates,
                [
                    "Michelle Obama (PER, #5, 5 mentions)",
                    "Barack Obama (PER, #4, 4 mentions)"
                ]
            ),
            other => panic!("{other:?}"),
        }
        // Whole words only, in order.
        assert!(store.resolve("obam").is_err());
        assert!(store.resolve("obama barack").is_err());
    }

    #[test]
    fn unknown_names_get_prefix_then_close_suggestions() {
        let store = store_of(&NAMES);
        // Names, or their words, starting with the query's words.
        assert_eq!(
            suggestions(&store, "Orla"),
            ["Sergueï Orlakov (PER, #3, 3 mentions)"]
        );
        assert_eq!(
            suggestions(&store, "pierre"),
            ["Jean-Pierre Raffarin (PER, #2, 2 mentions)"]
        );
        assert_eq!(
            suggestions(&store, "barack ob"),
            ["Barack Obama (PER, #4, 4 mentions)"]
        );
        // Else words (or whole names) a few edits away.
        assert_eq!(
            suggestions(&store, "Orlakof"),
            ["Sergueï Orlakov (PER, #3, 3 mentions)"]
        );
        assert_eq!(
            suggestions(&store, "Barak Obana"),
            [
                "Barack Obama (PER, #4, 4 mentions)",
                "Michelle Obama (PER, #5, 5 mentions)"
            ]
        );
        assert!(suggestions(&store, "Zzyzx Qwerty").is_empty());
        assert!(suggestions(&store, "%_\\'").is_empty());
    }

    #[test]
    fn names_too_long_are_refused_before_any_lookup() {
        let store = store_of(&NAMES);
        let long = "é".repeat(MAX_NAME_CHARS + 1);
        assert!(matches!(
            store.resolve(&long),
            Err(Error::NameTooLong { chars, max: MAX_NAME_CHARS }) if chars == MAX_NAME_CHARS + 1
        ));
        let at_bound = "a ".repeat(MAX_NAME_CHARS / 2);
        assert!(matches!(
            store.resolve(&at_bound),
            Err(Error::UnknownEntity { .. })
        ));
    }
}
