//! `kg reextract`: the stored texts read back, and their facts replaced by
//! a new extraction in one transaction per batch, the curation rules
//! applied as for an ingest (splits before staging, redirects and alias
//! rules as the facts are applied). An article's row (its id, source,
//! dates, language) stays; only its sentences and facts change.

use super::offsets::{CharIndex, check, spans_json};
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleLang, Extraction};
use crate::store::Store;
use crate::store::curation::{Rules, forget_facts};
use rusqlite::params;
use std::collections::BTreeSet;

/// A stored article as extraction reads it again.
#[derive(Debug, Clone)]
pub struct StoredText {
    pub id: ArticleId,
    pub source: String,
    pub text: String,
    /// The language it was stored with (forced or detected then), which
    /// extraction keeps.
    pub lang: ArticleLang,
    /// Its date (ISO when the source gave one), which dates its relations.
    pub date: Option<String>,
}

/// What identifies the graph's facts whatever their ids: entities by
/// `TYPE key`, relations by their ends' and label's, one string each.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FactKeys {
    pub entities: BTreeSet<String>,
    pub relations: BTreeSet<String>,
}

impl Store {
    /// Up to `limit` stored articles in a language kg extracts, with ids
    /// above `after`, in id order.
    pub fn texts_after(&self, after: ArticleId, limit: usize) -> Result<Vec<StoredText>> {
        let step = "read stored texts";
        let rows: Vec<(i64, String, String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT id, source, text, lang, date FROM articles
                 WHERE id > ?1 AND lang IN ('fr', 'en') ORDER BY id LIMIT ?2",
            )
            .and_then(|mut s| {
                s.query_map(params![after.0, limit as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect()
            })
            .map_err(Error::sql(step))?;
        rows.into_iter()
            .map(|(id, source, text, lang, date)| {
                let lang = lang.parse().map_err(|why: String| Error::Refused {
                    message: format!("article #{id} ({source}): stored language {lang:?}: {why}"),
                })?;
                Ok(StoredText {
                    id: ArticleId(id),
                    source,
                    text,
                    lang,
                    date,
                })
            })
            .collect()
    }

    /// Replaces the facts of each stored article of `batch` with its new
    /// extraction, in one transaction. Per article: `None` when replaced,
    /// else why not (offsets that do not fit its text: it keeps its old
    /// facts).
    pub fn reextract_batch(
        &mut self,
        batch: &mut [(StoredText, Extraction)],
    ) -> Result<Vec<Option<String>>> {
        self.begin_write()?;
        let done = replace_all(self, batch);
        match done {
            Ok(outcomes) => self.commit().map(|()| outcomes),
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// The keys of every entity and relation, for a report of what a run
    /// added and removed (held in memory: a string per fact).
    pub fn fact_keys(&self) -> Result<FactKeys> {
        let step = "read fact keys";
        let read = |sql: &str| -> Result<BTreeSet<String>> {
            self.conn
                .prepare(sql)
                .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
                .map_err(Error::sql(step))
        };
        Ok(FactKeys {
            entities: read("SELECT type || ' ' || key FROM entities")?,
            relations: read(
                "SELECT h.type || ' ' || h.key || ' -' || r.label || '-> ' || t.type || ' ' || t.key
                 FROM relations r JOIN entities h ON h.id = r.head JOIN entities t ON t.id = r.tail",
            )?,
        })
    }
}

/// Checks every extraction, forgets the facts of the articles whose fit,
/// then stages the new ones (all forgets first: nothing staged names an
/// entity a forget deletes).
fn replace_all(
    store: &mut Store,
    batch: &mut [(StoredText, Extraction)],
) -> Result<Vec<Option<String>>> {
    let conn = &store.conn;
    let mut outcomes = Vec::with_capacity(batch.len());
    for (a, ex) in batch.iter() {
        let chars = CharIndex::new(&a.text);
        let outcome = check(ex, &chars).err();
        if outcome.is_none() {
            forget_facts(conn, a.id.0)?;
            conn.prepare_cached("UPDATE articles SET sentence_spans = ?2 WHERE id = ?1")
                .and_then(|mut s| {
                    s.execute(params![
                        a.id.0,
                        spans_json(ex.sentences.iter().map(|s| chars.span(*s)))
                    ])
                })
                .map_err(Error::sql("update sentences"))?;
        }
        outcomes.push(outcome);
    }
    let rules = Rules::load(conn)?;
    for ((a, ex), outcome) in batch.iter_mut().zip(&outcomes) {
        if outcome.is_some() {
            continue;
        }
        if let Some(rules) = &rules {
            rules.split(&a.text, ex);
        }
        store.pending.stage(a.id.0, ex, &CharIndex::new(&a.text));
    }
    Ok(outcomes)
}
