//! Rows: the types reads return, how a row of SQL becomes one, and the
//! reads of entities, articles, evidence and counts.

use crate::error::{Error, Result};
use crate::model::{ArticleId, COOCCURS_CONFIDENCE, EntityId, EntityType, Label, RelationId};
use crate::store::{DayRange, Store};
use rusqlite::types::ToSqlOutput;
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

/// One sentence supporting a relation, with the article it is from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceRow {
    /// The article's source (path, `path:line`, `-`).
    pub article: String,
    pub title: Option<String>,
    /// The article's number in the database (`#N` for `kg forget`).
    pub article_id: ArticleId,
    /// The JSONL `id`, URL and date of the article, when its source gave them.
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// 1, or more for a corrected article kept with `--keep-versions`.
    pub version: i64,
    pub sentence: String,
    /// Code-point offsets of the sentence in the article text.
    pub start: i64,
    pub end: i64,
    pub trigger: String,
    pub confidence: f64,
    pub attrs: BTreeMap<String, String>,
    /// When the sentence says it happened: `YYYY-MM-DD`, or an interval
    /// `YYYY-MM-DD/YYYY-MM-DD` (a month); the article's day when the
    /// sentence gives none; None when nothing dates it.
    pub when: Option<String>,
    /// The sentence's words `when` was read from ("jeudi", "in March");
    /// None when it is the article's day.
    pub date_words: Option<String>,
}

/// `YYYY-MM-DD`, or `first/last` for an interval.
pub(in crate::store) fn when(start: Option<String>, end: Option<String>) -> Option<String> {
    match (start, end) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), Some(b)) => Some(format!("{a}/{b}")),
        (a, _) => a,
    }
}

/// An article an entity is mentioned in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: ArticleId,
    pub source: String,
    pub title: Option<String>,
    /// ISO 8601.
    pub date: Option<String>,
    /// The date as the source wrote it, when ingest could not read it.
    pub date_raw: Option<String>,
    pub author: Option<String>,
    pub lang: String,
    pub mentions: i64,
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

pub(super) fn entity_row(r: &Row<'_>) -> rusqlite::Result<EntityRow> {
    let kind: String = r.get(2)?;
    Ok(EntityRow {
        id: EntityId(r.get(0)?),
        name: r.get(1)?,
        kind: kind.parse().map_err(|e: String| bad_column(2, e))?,
        key: r.get(3)?,
        mentions: r.get(4)?,
    })
}

pub(in crate::store) fn edge_row(r: &Row<'_>) -> rusqlite::Result<EdgeRow> {
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
pub(in crate::store) fn cooccurs_row(r: &Row<'_>) -> rusqlite::Result<EdgeRow> {
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

pub(super) fn bad_column(i: usize, e: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
}

pub(super) const ENTITY_COLS: &str = "id, name, type, key, mention_count";

/// How many `cooccurs` edges (distinct pairs) there are.
pub(super) const COUNT_COOCCURS_PAIRS: &str =
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
                "SELECT a.id, a.source, a.title, a.date, a.lang, json_array_length(m.spans),
                        a.date_raw, a.author
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
                    date_raw: r.get(6)?,
                    author: r.get(7)?,
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

    /// How many entities there are.
    pub fn entity_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM entities", [], |r| r.get::<_, i64>(0))
            .map(|n| usize::try_from(n).unwrap_or(0))
            .map_err(Error::sql("count entities"))
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
        self.evidence_in(relation, limit, &DayRange::default())
    }

    /// [`Store::evidence`] dated within `range` (see [`DayRange`]).
    pub fn evidence_in(
        &self,
        relation: RelationId,
        limit: Option<usize>,
        range: &DayRange,
    ) -> Result<Vec<EvidenceRow>> {
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
        const ARTICLE: &str =
            "a.id, a.external_id, a.url, a.date, a.version, e.day_start, e.day_end, e.date_words";
        let (since, until) = range.args();
        let (sql, args): (String, Vec<Option<ToSqlOutput<'_>>>) = match relation.pair() {
            // A `cooccurs` edge: its rows, with no trigger, attributes or
            // confidence of their own.
            Some((head, tail)) => (
                format!(
                    "SELECT {SENTENCE}, '', NULL, '{{}}', {ARTICLE} FROM cooccurrences e
                     JOIN articles a ON a.id = e.article_id
                     WHERE e.head = +?1 AND e.tail = +?2 AND {}
                     ORDER BY e.article_id, e.sentence",
                    DayRange::condition(3)
                ),
                vec![
                    Some(head.0.into()),
                    Some(tail.0.into()),
                    since.map(Into::into),
                    until.map(Into::into),
                ],
            ),
            None => (
                format!(
                    "SELECT {SENTENCE}, e.trigger, e.confidence, e.attrs, {ARTICLE} FROM evidence e
                     JOIN articles a ON a.id = e.article_id
                     WHERE e.relation_id = +?1 AND {}
                     ORDER BY e.article_id, e.sentence",
                    DayRange::condition(2)
                ),
                vec![
                    Some(relation.0.into()),
                    since.map(Into::into),
                    until.map(Into::into),
                ],
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
                    article_id: ArticleId(r.get(8)?),
                    external_id: r.get(9)?,
                    url: r.get(10)?,
                    date: r.get(11)?,
                    version: r.get(12)?,
                    sentence: r.get(2)?,
                    start: r.get(3)?,
                    end: r.get(4)?,
                    trigger: r.get(5)?,
                    confidence: r.get::<_, Option<f64>>(6)?.unwrap_or(COOCCURS_CONFIDENCE),
                    attrs: serde_json::from_str(&attrs)
                        .map_err(|e| bad_column(7, e.to_string()))?,
                    when: when(r.get(13)?, r.get(14)?),
                    date_words: r.get(15)?,
                })
            })
            .map_err(Error::sql("read evidence"))?;
        rows.take(limit.unwrap_or(usize::MAX))
            .collect::<rusqlite::Result<_>>()
            .map_err(Error::sql("read evidence"))
    }

    /// How many sentences dated within `range` support a relation.
    pub fn evidence_count_in(&self, relation: RelationId, range: &DayRange) -> Result<i64> {
        if range.is_all() {
            return self.evidence_count(relation);
        }
        Ok(self.evidence_dates(relation)?.within(range).total())
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
}
