//! `kg split NODE --alias X`: the mentions of NODE written X (compared
//! folded) become their own entity, with the evidence of the sentences
//! where NODE is named only so; a `split_rules` row makes later ingests
//! do the same (`Rules::split`).

use super::refresh::{refresh_entity, refresh_relation};
use super::rules::Rules;
use super::{Curated, log, move_cooccurrences, node_json, refused, run, vanished};
use crate::error::{Error, Result};
use crate::model::{EntityId, Label};
use crate::store::{Store, fold};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;
use std::collections::BTreeSet;

type Spans = Vec<(i64, i64)>;

impl Store {
    /// Splits the mentions of `alias` off `node` into a new entity of the
    /// same type (key `KEY|alias`), and returns it.
    pub fn split(&mut self, node: &str, alias: &str, by: &str) -> Result<Curated> {
        self.curate(|s| {
            let e = s.node(node)?;
            let norm = fold(alias);
            let conn = &s.conn;
            let step = "split entity";
            let rows: Vec<(i64, String, String, String)> = conn
                .prepare_cached(
                    "SELECT m.article_id, m.spans, a.text, a.sentence_spans FROM mentions m
                     JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?1 ORDER BY 1",
                )
                .and_then(|mut st| {
                    st.query_map(params![e.id.0], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                    })?
                    .collect()
                })
                .map_err(Error::sql(step))?;
            // Per article: (moved spans, kept spans, moved surfaces, kept surfaces, sentences).
            let mut plan = Vec::new();
            for (article, spans, text, sentences) in rows {
                let chars: Vec<char> = text.chars().collect();
                let surface =
                    |(a, b): (i64, i64)| chars[a as usize..b as usize].iter().collect::<String>();
                let spans: Spans = json(&spans)?;
                let (moved, kept): (Spans, Spans) =
                    spans.into_iter().partition(|&sp| fold(&surface(sp)) == norm);
                let names = |v: &Spans| {
                    let mut out: Vec<String> = Vec::new();
                    for &sp in v {
                        let n = surface(sp);
                        if !out.contains(&n) {
                            out.push(n);
                        }
                    }
                    out
                };
                let sentences: Spans = json(&sentences)?;
                plan.push((article, names(&moved), names(&kept), moved, kept, sentences));
            }
            let moved_count: usize = plan.iter().map(|p| p.3.len()).sum();
            let kept_count: usize = plan.iter().map(|p| p.4.len()).sum();
            if moved_count == 0 {
                return Err(refused(format!(
                    "no mention of {} (#{}) is written {alias:?}",
                    e.name, e.id
                )));
            }
            if kept_count == 0 {
                return Err(refused(format!(
                    "every mention of {} (#{}) is written {alias:?}: nothing would be left; use kg alias or kg retype",
                    e.name, e.id
                )));
            }
            let key = format!("{}|{norm}", e.key);
            let name = plan.iter().find_map(|p| p.1.first().cloned()).unwrap_or_default();
            run(
                conn,
                "INSERT INTO entities (type, key, name, mention_count) VALUES (?1, ?2, ?3, 0)",
                params![e.kind.as_str(), key, name],
            )
            .map_err(|_| {
                refused(format!(
                    "{} (#{}) was split on {alias:?} already",
                    e.name, e.id
                ))
            })?;
            let new = conn.last_insert_rowid();
            // What is extracted as NODE and written so from now on too.
            run(
                conn,
                "INSERT OR REPLACE INTO split_rules (type, key, alias, to_type, to_key)
                 VALUES (?1, ?2, ?3, ?1, ?4)",
                params![e.kind.as_str(), e.key, norm, key],
            )?;
            // (article, sentence) where the entity is named only as `alias`.
            let mut only_alias: BTreeSet<(i64, i64)> = BTreeSet::new();
            for (article, moved_names, kept_names, moved, kept, sentences) in &plan {
                let inside = |sp: &(i64, i64), s: &(i64, i64)| sp.0 >= s.0 && sp.1 <= s.1;
                for (i, s) in sentences.iter().enumerate() {
                    if moved.iter().any(|sp| inside(sp, s)) && !kept.iter().any(|sp| inside(sp, s)) {
                        only_alias.insert((*article, i as i64));
                    }
                }
                if !moved.is_empty() {
                    run(
                        conn,
                        "INSERT INTO mentions (entity_id, article_id, spans, names) VALUES (?1, ?2, ?3, ?4)",
                        params![new, article, to_json(moved), to_json(moved_names)],
                    )?;
                }
                if kept.is_empty() {
                    run(
                        conn,
                        "DELETE FROM mentions WHERE entity_id = ?1 AND article_id = ?2",
                        params![e.id.0, article],
                    )?;
                } else if !moved.is_empty() {
                    let old: String = conn
                        .prepare_cached("SELECT names FROM mentions WHERE entity_id = ?1 AND article_id = ?2")
                        .and_then(|mut st| st.query_row(params![e.id.0, article], |r| r.get(0)))
                        .map_err(Error::sql(step))?;
                    let mut names: Vec<String> = json(&old)?;
                    names.retain(|n| fold(n) != norm);
                    if names.is_empty() {
                        names = kept_names.clone();
                    }
                    run(
                        conn,
                        "UPDATE mentions SET spans = ?3, names = ?4 WHERE entity_id = ?1 AND article_id = ?2",
                        params![e.id.0, article, to_json(kept), to_json(&names)],
                    )?;
                }
            }
            move_evidence(conn, e.id.0, new, &only_alias)?;
            let rules = Rules::load(conn)?;
            refresh_entity(conn, e.id.0, rules.as_ref())?;
            refresh_entity(conn, new, rules.as_ref())?;
            let split = s.entity(EntityId(new))?.ok_or_else(|| vanished(EntityId(new)))?;
            log(
                conn,
                by,
                "split",
                json!({"node": node_json(&e), "alias": alias, "new": node_json(&split)}),
            )?;
            Ok(split)
        })
    }
}

/// Moves the evidence and co-occurrences of `from` in `sentences` to
/// `to`, creating the edges `to` needs.
fn move_evidence(
    conn: &Connection,
    from: i64,
    to: i64,
    sentences: &BTreeSet<(i64, i64)>,
) -> Result<()> {
    let step = "split evidence";
    let rows: Vec<(i64, i64, String, i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT r.id, r.head, r.tail, r.label, e.article_id, e.sentence
             FROM relations r JOIN evidence e ON e.relation_id = r.id
             WHERE r.head = ?1 OR r.tail = ?1 ORDER BY 1, 5, 6",
        )
        .and_then(|mut st| {
            st.query_map(params![from], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(3)?,
                    r.get(2)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect()
        })
        .map_err(Error::sql(step))?;
    let mut touched = BTreeSet::new();
    for (id, head, label, tail, article, sentence) in rows {
        if !sentences.contains(&(article, sentence)) {
            continue;
        }
        let swap = |x: i64| if x == from { to } else { x };
        let (mut h, mut t) = (swap(head), swap(tail));
        if label.parse::<Label>().is_ok_and(|l| l.is_symmetric()) && h > t {
            std::mem::swap(&mut h, &mut t);
        }
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM relations WHERE head = ?1 AND tail = ?2 AND label = ?3")
            .and_then(|mut st| st.query_row(params![h, t, label], |r| r.get(0)).optional())
            .map_err(Error::sql(step))?;
        let target = match found {
            Some(t) => t,
            None => {
                let next: i64 = conn
                    .query_row("SELECT coalesce(max(id), 0) + 1 FROM relations", [], |r| {
                        r.get(0)
                    })
                    .map_err(Error::sql(step))?;
                run(
                    conn,
                    "INSERT INTO relations (head, tail, label, id, confidence) VALUES (?1, ?2, ?3, ?4, 0)",
                    params![h, t, label, next],
                )?;
                next
            }
        };
        run(
            conn,
            "INSERT OR IGNORE INTO evidence (relation_id, article_id, sentence, trigger, confidence, attrs,
                                             day_start, day_end, date_words)
             SELECT ?4, article_id, sentence, trigger, confidence, attrs, day_start, day_end, date_words
             FROM evidence
             WHERE relation_id = ?1 AND article_id = ?2 AND sentence = ?3",
            params![id, article, sentence, target],
        )?;
        run(
            conn,
            "DELETE FROM evidence WHERE relation_id = ?1 AND article_id = ?2 AND sentence = ?3",
            params![id, article, sentence],
        )?;
        touched.insert(id);
        touched.insert(target);
    }
    for id in touched {
        refresh_relation(conn, id)?;
    }
    move_cooccurrences(conn, from, to, |at| sentences.contains(&at))
}

fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| refused(format!("a stored JSON column is damaged: {e}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain values serialise")
}
