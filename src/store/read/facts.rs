//! Stored articles back as facts lines ([`Facts`]): what `kg merge-db`
//! writes into another database through the same store step as `kg load`,
//! so that merging databases gives what one ingest of their articles
//! gives.
//!
//! An article's entities come in the order of their ids here, its typed
//! relations in the order of theirs: the order in which they were first
//! stored, so that the entities and relations new to the other database
//! are numbered there in the order one ingest would have numbered them.
//! The database does not keep which sentence a mention is in; it is the
//! sentence whose span holds the mention's start.

use crate::error::{Error, Result};
use crate::model::facts::{
    FACTS_VERSION, Facts, FactsArticle, FactsCooccurrence, FactsEntity, FactsRelation,
};
use crate::model::{EntityType, Label, Map};
use crate::store::Store;
use rusqlite::types::Type;
use std::collections::BTreeMap;
use std::iter::Peekable;

/// A value the database should not hold, as rusqlite's conversion error.
fn bad(col: usize, e: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, Type::Text, e.into())
}

/// A stored sentence number (never negative) as an index.
fn index(n: i64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

fn json<T: serde::de::DeserializeOwned>(col: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| bad(col, e.to_string()))
}

struct MentionRow {
    article: i64,
    entity: i64,
    kind: EntityType,
    key: String,
    name: String,
    spans: Vec<[usize; 2]>,
    names: Vec<String>,
}

struct EvidenceRow {
    article: i64,
    head: i64,
    tail: i64,
    label: Label,
    sentence: usize,
    trigger: String,
    confidence: f64,
    attrs: BTreeMap<String, String>,
    day_start: Option<String>,
    day_end: Option<String>,
    date_words: Option<String>,
}

/// The rows of a stream ordered by article that belong to `article`
/// (rows of articles before it, which cannot be, are passed over).
fn rows_of<T>(
    rows: &mut Peekable<impl Iterator<Item = rusqlite::Result<T>>>,
    article: i64,
    of: impl Fn(&T) -> i64,
) -> rusqlite::Result<Vec<T>> {
    let mut out = Vec::new();
    while let Some(next) = rows.peek() {
        match next {
            Ok(r) if of(r) > article => break,
            Ok(r) if of(r) < article => {
                rows.next();
            }
            Ok(_) => out.push(rows.next().expect("peeked")?),
            Err(_) => return Err(rows.next().expect("peeked").err().expect("an error")),
        }
    }
    Ok(out)
}

impl Store {
    /// Calls `f` with the facts of every stored article, in id order,
    /// reading each table once (ordered by article).
    pub fn each_article_facts(&self, f: &mut dyn FnMut(Facts) -> Result<()>) -> Result<()> {
        let step = "read stored articles as facts";
        let prepare = |sql: &str| self.conn.prepare(sql).map_err(Error::sql(step));
        let mut articles = prepare(
            "SELECT id, source, external_id, title, date, date_raw, url, author, lang,
                    lower(hex(content_hash)), text, sentence_spans
             FROM articles ORDER BY id",
        )?;
        let mut mentions = prepare(
            "SELECT m.article_id, m.entity_id, e.type, e.key, e.name, m.spans, m.names
             FROM mentions m JOIN entities e ON e.id = m.entity_id
             ORDER BY m.article_id, m.entity_id",
        )?;
        let mut evidence = prepare(
            "SELECT v.article_id, r.head, r.tail, r.label, v.sentence, v.trigger, v.confidence,
                    v.attrs, v.day_start, v.day_end, v.date_words
             FROM evidence v JOIN relations r ON r.id = v.relation_id
             ORDER BY v.article_id, r.id, v.sentence",
        )?;
        let mut cooccurrences = prepare(
            "SELECT article_id, head, tail, sentence, day_start, day_end, date_words
             FROM cooccurrences
             ORDER BY article_id, head, tail, sentence",
        )?;
        let mut entity = prepare("SELECT type, key, name FROM entities WHERE id = ?1")?;
        let mut mentions = mentions
            .query_map([], |r| {
                Ok(MentionRow {
                    article: r.get(0)?,
                    entity: r.get(1)?,
                    kind: r.get::<_, String>(2)?.parse().map_err(|e| bad(2, e))?,
                    key: r.get(3)?,
                    name: r.get(4)?,
                    spans: json(5, &r.get::<_, String>(5)?)?,
                    names: json(6, &r.get::<_, String>(6)?)?,
                })
            })
            .map_err(Error::sql(step))?
            .peekable();
        let mut evidence = evidence
            .query_map([], |r| {
                Ok(EvidenceRow {
                    article: r.get(0)?,
                    head: r.get(1)?,
                    tail: r.get(2)?,
                    label: r.get::<_, String>(3)?.parse().map_err(|e| bad(3, e))?,
                    sentence: index(r.get(4)?),
                    trigger: r.get(5)?,
                    confidence: r.get(6)?,
                    attrs: json(7, &r.get::<_, String>(7)?)?,
                    day_start: r.get(8)?,
                    day_end: r.get(9)?,
                    date_words: r.get(10)?,
                })
            })
            .map_err(Error::sql(step))?
            .peekable();
        let mut cooccurrences = cooccurrences
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    index(r.get(3)?),
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(Error::sql(step))?
            .peekable();
        let mut rows = articles.query([]).map_err(Error::sql(step))?;
        while let Some(r) = rows.next().map_err(Error::sql(step))? {
            let get = || -> rusqlite::Result<(i64, FactsArticle, Vec<[usize; 2]>)> {
                let article = FactsArticle {
                    source: r.get(1)?,
                    external_id: r.get(2)?,
                    title: r.get(3)?,
                    date: r.get(4)?,
                    date_raw: r.get(5)?,
                    url: r.get(6)?,
                    author: r.get(7)?,
                    lang: r.get(8)?,
                    hash: r.get(9)?,
                    text: r.get(10)?,
                };
                Ok((r.get(0)?, article, json(11, &r.get::<_, String>(11)?)?))
            };
            let (id, article, sentences) = get().map_err(Error::sql(step))?;
            let sentence_of = |start: usize| {
                sentences
                    .partition_point(|s| s[0] <= start)
                    .saturating_sub(1)
            };
            let mut local: Map<i64, usize> = Map::default();
            let mut entities = Vec::new();
            for m in rows_of(&mut mentions, id, |m| m.article).map_err(Error::sql(step))? {
                local.insert(m.entity, entities.len());
                let name = m.names.first().cloned().unwrap_or(m.name);
                entities.push(FactsEntity {
                    name,
                    kind: m.kind,
                    key: m.key,
                    aliases: m.names,
                    mentions: m
                        .spans
                        .iter()
                        .map(|&[s, e]| [s, e, sentence_of(s)])
                        .collect(),
                });
            }
            let mut number = |id: i64, entities: &mut Vec<FactsEntity>| -> Result<usize> {
                if let Some(&i) = local.get(&id) {
                    return Ok(i);
                }
                // An entity the article relates without naming it: none
                // from extraction, but kept whole if one is stored.
                let (kind, key, name): (String, String, String) = entity
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .map_err(Error::sql(step))?;
                let kind = kind.parse().map_err(|e| Error::sql(step)(bad(0, e)))?;
                local.insert(id, entities.len());
                entities.push(FactsEntity {
                    aliases: vec![name.clone()],
                    name,
                    kind,
                    key,
                    mentions: Vec::new(),
                });
                Ok(entities.len() - 1)
            };
            let mut relations = Vec::new();
            for v in rows_of(&mut evidence, id, |v| v.article).map_err(Error::sql(step))? {
                relations.push(FactsRelation {
                    head: number(v.head, &mut entities)?,
                    label: v.label,
                    tail: number(v.tail, &mut entities)?,
                    sentence: v.sentence,
                    trigger: v.trigger,
                    confidence: v.confidence as f32,
                    attrs: v.attrs,
                    day_start: v.day_start,
                    day_end: v.day_end,
                    date_words: v.date_words,
                });
            }
            let mut pairs = Vec::new();
            for (_, head, tail, sentence, start, end, words) in
                rows_of(&mut cooccurrences, id, |c| c.0).map_err(Error::sql(step))?
            {
                pairs.push(FactsCooccurrence(
                    number(head, &mut entities)?,
                    number(tail, &mut entities)?,
                    sentence,
                    start,
                    end,
                    words,
                ));
            }
            f(Facts {
                kg_facts: FACTS_VERSION,
                article,
                sentences,
                entities,
                relations,
                cooccurrences: pairs,
                notes: Vec::new(),
            })?;
        }
        Ok(())
    }
}
