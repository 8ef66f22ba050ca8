//! Recomputing what an entity or a relation is from the rows left: what
//! `kg forget` (and a correction replacing an article) runs after taking
//! an article's rows away, and what merge and split run on the nodes they
//! change. Every delete is explicit: the writer's transactions run with
//! foreign keys (and so their cascades) off.

use super::rules::{Rules, longest};
use crate::error::{Error, Result};
use crate::model::EntityType;
use crate::store::{alias_words, fold};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeSet;

/// Takes article `article` and every fact that came only from it out of
/// the database: its evidence, co-occurrences and mentions; the relations
/// left with no evidence; the entities left with no mention. The entities
/// and relations it touched get their counts, names, aliases and
/// confidences back from the articles left.
pub(in crate::store) fn forget_article(conn: &Connection, article: i64) -> Result<()> {
    forget_facts(conn, article)?;
    conn.prepare_cached("DELETE FROM articles WHERE id = ?1")
        .and_then(|mut s| s.execute(params![article]))
        .map_err(Error::sql("forget article"))?;
    Ok(())
}

/// Like [`forget_article`], but the article itself stays, without a fact:
/// what `kg reextract` runs before it stages the article's new extraction.
pub(in crate::store) fn forget_facts(conn: &Connection, article: i64) -> Result<()> {
    let step = "forget article";
    let ids = |sql: &str| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(sql).map_err(Error::sql(step))?;
        stmt.query_map(params![article], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(Error::sql(step))
    };
    let relations =
        ids("SELECT DISTINCT relation_id FROM evidence WHERE article_id = ?1 ORDER BY 1")?;
    let entities = ids("SELECT entity_id FROM mentions WHERE article_id = ?1 ORDER BY 1")?;
    for sql in [
        "DELETE FROM evidence WHERE article_id = ?1",
        "DELETE FROM cooccurrences WHERE article_id = ?1",
        "DELETE FROM mentions WHERE article_id = ?1",
    ] {
        conn.prepare_cached(sql)
            .and_then(|mut s| s.execute(params![article]))
            .map_err(Error::sql(step))?;
    }
    for r in relations {
        refresh_relation(conn, r)?;
    }
    let rules = Rules::load(conn)?;
    for e in entities {
        refresh_entity(conn, e, rules.as_ref())?;
    }
    Ok(())
}

/// A relation's confidence back to the best of its evidence; deleted
/// when it has none left.
pub(in crate::store) fn refresh_relation(conn: &Connection, id: i64) -> Result<()> {
    let step = "refresh relation";
    let best: Option<f64> = conn
        .prepare_cached("SELECT max(confidence) FROM evidence WHERE relation_id = ?1")
        .and_then(|mut s| s.query_row(params![id], |r| r.get(0)))
        .map_err(Error::sql(step))?;
    match best {
        Some(c) => conn
            .prepare_cached("UPDATE relations SET confidence = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id, c])),
        None => conn
            .prepare_cached("DELETE FROM relations WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id])),
    }
    .map_err(Error::sql(step))?;
    Ok(())
}

/// An entity's mention count, name and aliases back to what its mention
/// rows say (and the alias rules); deleted with its aliases, relations and
/// co-occurrences when it has no mention left. Returns whether it is left.
pub(in crate::store) fn refresh_entity(
    conn: &Connection,
    id: i64,
    rules: Option<&Rules>,
) -> Result<bool> {
    let step = "refresh entity";
    let Some((kind, key)) = conn
        .prepare_cached("SELECT type, key FROM entities WHERE id = ?1")
        .and_then(|mut s| {
            s.query_row(params![id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .optional()
        })
        .map_err(Error::sql(step))?
    else {
        return Ok(false);
    };
    let rows: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT spans, names FROM mentions WHERE entity_id = ?1 ORDER BY article_id",
        )
        .and_then(|mut s| {
            s.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .map_err(Error::sql(step))?;
    let old_norms = norms_of(conn, id)?;
    if rows.is_empty() {
        delete_entity(conn, id)?;
        return drop_orphan_words(conn, &old_norms).map(|()| false);
    }
    let mut count = 0i64;
    let mut name: Option<String> = None;
    let mut aliases: Vec<String> = Vec::new();
    for (spans, names) in &rows {
        count += parse::<Vec<(i64, i64)>>(spans)?.len() as i64;
        let names: Vec<String> = parse(names)?;
        // An article's name (its first) replaces the one before only when
        // longer: the rule the writer keeps.
        if let Some(first) = names.first()
            && name
                .as_ref()
                .is_none_or(|n| first.chars().count() > n.chars().count())
        {
            name = Some(first.clone());
        }
        for n in names {
            if !aliases.contains(&n) {
                aliases.push(n);
            }
        }
    }
    let mut name = name.unwrap_or_default();
    if let Some(rules) = rules
        && let Ok(kind) = kind.parse::<EntityType>()
    {
        rules.adjust_aliases(kind, &key, &mut aliases);
        if !aliases.contains(&name)
            && let Some(i) = longest(&aliases)
        {
            name = aliases[i].clone();
        }
    }
    if aliases.is_empty() {
        aliases.push(name.clone());
    }
    conn.prepare_cached("UPDATE entities SET mention_count = ?2, name = ?3 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![id, count, name]))
        .map_err(Error::sql(step))?;
    set_aliases(conn, id, &aliases)?;
    drop_orphan_words(conn, &old_norms)?;
    Ok(true)
}

/// Replaces an entity's aliases, indexing the words of new ones.
pub(in crate::store) fn set_aliases(conn: &Connection, id: i64, aliases: &[String]) -> Result<()> {
    let step = "set aliases";
    conn.prepare_cached("DELETE FROM aliases WHERE entity_id = ?1")
        .and_then(|mut s| s.execute(params![id]))
        .map_err(Error::sql(step))?;
    let mut insert = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?1, ?2, ?3)",
        )
        .map_err(Error::sql(step))?;
    let mut word = conn
        .prepare_cached("INSERT OR IGNORE INTO alias_words (word, norm) VALUES (?1, ?2)")
        .map_err(Error::sql(step))?;
    for a in aliases {
        let norm = fold(a);
        insert
            .execute(params![id, a, norm])
            .map_err(Error::sql(step))?;
        for w in alias_words(&norm) {
            word.execute(params![w, norm]).map_err(Error::sql(step))?;
        }
    }
    Ok(())
}

/// The folded names of an entity's aliases.
pub(in crate::store) fn norms_of(conn: &Connection, id: i64) -> Result<BTreeSet<String>> {
    conn.prepare_cached("SELECT norm FROM aliases WHERE entity_id = ?1")
        .and_then(|mut s| s.query_map(params![id], |r| r.get(0))?.collect())
        .map_err(Error::sql("read aliases"))
}

/// Drops the word index rows of the folded names no alias has any more.
pub(in crate::store) fn drop_orphan_words(
    conn: &Connection,
    norms: &BTreeSet<String>,
) -> Result<()> {
    let mut drop = conn
        .prepare_cached(
            "DELETE FROM alias_words WHERE word = ?1 AND norm = ?2
             AND NOT EXISTS (SELECT 1 FROM aliases WHERE norm = ?2)",
        )
        .map_err(Error::sql("drop alias words"))?;
    for n in norms {
        // By word and name: the primary key.
        for w in alias_words(n) {
            drop.execute(params![w, n])
                .map_err(Error::sql("drop alias words"))?;
        }
    }
    Ok(())
}

/// Deletes an entity and everything hanging from it.
pub(in crate::store) fn delete_entity(conn: &Connection, id: i64) -> Result<()> {
    for sql in [
        "DELETE FROM evidence WHERE relation_id IN
           (SELECT id FROM relations WHERE head = ?1 UNION SELECT id FROM relations WHERE tail = ?1)",
        "DELETE FROM relations WHERE head = ?1",
        "DELETE FROM relations WHERE tail = ?1",
        "DELETE FROM cooccurrences WHERE head = ?1",
        "DELETE FROM cooccurrences WHERE tail = ?1",
        "DELETE FROM aliases WHERE entity_id = ?1",
        "DELETE FROM mentions WHERE entity_id = ?1",
        "DELETE FROM entities WHERE id = ?1",
    ] {
        conn.prepare_cached(sql)
            .and_then(|mut s| s.execute(params![id]))
            .map_err(Error::sql("delete entity"))?;
    }
    Ok(())
}

/// A JSON column read back.
fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|e| Error::Sql {
        step: "read JSON column",
        source: rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(e),
        ),
    })
}
