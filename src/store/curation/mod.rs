//! Curation: the decisions a person makes on the graph (`kg merge`,
//! `kg split`, `kg alias`, `kg retype`, `kg forget`), each in one
//! transaction, each recorded in `curation_log` (who, when, what), and
//! kept as rules keyed by extraction's `(type, key)` (`rules.rs`) that
//! the writer consults when it stores an extracted entity, so a decision
//! survives later ingests. `refresh.rs` recomputes an entity or relation
//! from the rows left, for `forget` and for corrections.

mod adopt;
mod refresh;
mod rules;
mod split;

pub(in crate::store) use refresh::{forget_article, forget_facts};
pub(in crate::store) use rules::Rules;

use crate::error::{Error, Result};
use crate::model::{ArticleId, EntityId, EntityType};
use crate::store::read::EntityRow;
use crate::store::{Store, fold};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

/// One recorded curation decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub id: i64,
    /// UTC, ISO 8601.
    pub at: String,
    pub by: String,
    pub action: String,
    pub detail: serde_json::Value,
}

/// A stored article as curation names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRef {
    pub id: ArticleId,
    pub source: String,
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub version: i64,
}

/// What a merge, split, alias or retype leaves: the node it changed.
pub type Curated = EntityRow;

impl Store {
    /// Runs `f` in one immediate transaction, committed when it succeeds,
    /// rolled back (nothing changed) when it fails.
    fn curate<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(Error::sql("begin curation"))?;
        match f(self) {
            Ok(v) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(Error::sql("commit curation"))?;
                Ok(v)
            }
            Err(e) => {
                // Best effort: the error being returned is the one to report.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// An entity that must exist (resolved from what the user typed).
    fn node(&self, query: &str) -> Result<EntityRow> {
        let id = self.resolve(query)?;
        self.entity(id)?.ok_or_else(|| Error::UnknownEntity {
            query: query.to_string(),
            suggestions: Vec::new(),
        })
    }

    /// `kg merge A B`: B's mentions, aliases and edges join A, and B is
    /// gone; what is extracted as B from now on is stored as A.
    pub fn merge(&mut self, into: &str, from: &str, by: &str) -> Result<Curated> {
        self.curate(|s| {
            let (a, b) = (s.node(into)?, s.node(from)?);
            if a.id == b.id {
                return Err(refused(format!(
                    "{into:?} and {from:?} are one entity already (#{} {})",
                    a.id, a.name
                )));
            }
            merge_rows(&s.conn, b.id.0, a.id.0)?;
            redirect(&s.conn, (b.kind, &b.key), (a.kind, &a.key))?;
            let rules = Rules::load(&s.conn)?;
            refresh::refresh_entity(&s.conn, a.id.0, rules.as_ref())?;
            log(
                &s.conn,
                by,
                "merge",
                json!({"into": node_json(&a), "from": node_json(&b)}),
            )?;
            s.entity(a.id)?.ok_or_else(|| vanished(a.id))
        })
    }

    /// `kg alias add NODE NAME`: one more name for NODE, kept through
    /// later ingests and forgets.
    pub fn alias_add(&mut self, node: &str, alias: &str, by: &str) -> Result<Curated> {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err(refused("an alias cannot be empty".to_string()));
        }
        self.curate(|s| {
            let e = s.node(node)?;
            if s.aliases(e.id)?.iter().any(|a| a == alias) {
                return Err(refused(format!(
                    "{} (#{}) has the alias {alias:?} already",
                    e.name, e.id
                )));
            }
            alias_rule(&s.conn, &e, alias, true)?;
            s.refresh_curated(
                &e,
                "alias-add",
                json!({"node": node_json(&e), "alias": alias}),
                by,
            )
        })
    }

    /// `kg alias remove NODE NAME`: NODE is no longer known by NAME
    /// (every alias that folds to it), not even after later ingests.
    pub fn alias_remove(&mut self, node: &str, alias: &str, by: &str) -> Result<Curated> {
        self.curate(|s| {
            let e = s.node(node)?;
            let norm = fold(alias);
            let aliases = s.aliases(e.id)?;
            if !aliases.iter().any(|a| fold(a) == norm) {
                return Err(refused(format!(
                    "{} (#{}) has no alias {alias:?}; its aliases: {}",
                    e.name,
                    e.id,
                    aliases.join(", ")
                )));
            }
            if aliases.iter().all(|a| fold(a) == norm) {
                return Err(refused(format!(
                    "{alias:?} is the only name of {} (#{}); merge or forget it instead",
                    e.name, e.id
                )));
            }
            alias_rule(&s.conn, &e, &norm, false)?;
            s.refresh_curated(
                &e,
                "alias-remove",
                json!({"node": node_json(&e), "alias": alias}),
                by,
            )
        })
    }

    /// Recomputes a curated node from its rows and the rules, and logs.
    fn refresh_curated(
        &self,
        e: &EntityRow,
        action: &str,
        detail: serde_json::Value,
        by: &str,
    ) -> Result<Curated> {
        let rules = Rules::load(&self.conn)?;
        refresh::refresh_entity(&self.conn, e.id.0, rules.as_ref())?;
        log(&self.conn, by, action, detail)?;
        self.entity(e.id)?.ok_or_else(|| vanished(e.id))
    }

    /// `kg retype NODE TYPE`: NODE becomes a TYPE, and so does what is
    /// extracted with its key and old type from now on.
    pub fn retype(&mut self, node: &str, kind: EntityType, by: &str) -> Result<Curated> {
        self.curate(|s| {
            let e = s.node(node)?;
            if e.kind == kind {
                return Err(refused(format!("{} (#{}) is a {kind} already", e.name, e.id)));
            }
            let taken: Option<i64> = s
                .conn
                .prepare_cached("SELECT id FROM entities WHERE type = ?1 AND key = ?2")
                .and_then(|mut st| st.query_row(params![kind.as_str(), e.key], |r| r.get(0)).optional())
                .map_err(Error::sql("retype"))?;
            if let Some(other) = taken {
                return Err(refused(format!(
                    "{kind} #{other} has the key {:?} of {} (#{}) already; merge them: kg merge '#{other}' '#{}'",
                    e.key, e.name, e.id, e.id
                )));
            }
            s.conn
                .prepare_cached("UPDATE entities SET type = ?2 WHERE id = ?1")
                .and_then(|mut st| st.execute(params![e.id.0, kind.as_str()]))
                .map_err(Error::sql("retype"))?;
            redirect(&s.conn, (e.kind, &e.key), (kind, &e.key))?;
            log(
                &s.conn,
                by,
                "retype",
                json!({"node": node_json(&e), "type": kind.as_str()}),
            )?;
            s.entity(e.id)?.ok_or_else(|| vanished(e.id))
        })
    }

    /// `kg forget ARTICLE`: the articles ARTICLE names (see
    /// [`Store::find_articles`]; every version of it) and every fact that
    /// came only from them are gone.
    pub fn forget(&mut self, article: &str, by: &str) -> Result<Vec<ArticleRef>> {
        self.curate(|s| {
            let found = s.find_articles(article)?;
            for a in &found {
                forget_article(&s.conn, a.id.0)?;
            }
            log(
                &s.conn,
                by,
                "forget",
                json!({"query": article, "articles": found}),
            )?;
            Ok(found)
        })
    }

    /// The articles a user means by `query`: `#N` (the article's number),
    /// else those whose JSONL id, URL, content hash (hex) or source is
    /// `query` (a JSONL file's path names all its lines), in that order of
    /// preference. None is [`Error::UnknownArticle`].
    pub fn find_articles(&self, query: &str) -> Result<Vec<ArticleRef>> {
        const COLS: &str = "id, source, external_id, url, title, version";
        let by_number = query.strip_prefix('#').and_then(|n| n.parse::<i64>().ok());
        let hash = hex(query);
        let tries: [(&str, rusqlite::types::Value); 5] = [
            ("id = ?1", by_number.unwrap_or(0).into()),
            ("external_id = ?1", query.to_string().into()),
            ("url = ?1", query.to_string().into()),
            ("content_hash = ?1", hash.unwrap_or_default().into()),
            (
                "source = ?1 OR substr(source, 1, length(?1) + 1) = ?1 || ':'",
                query.to_string().into(),
            ),
        ];
        for (cond, value) in tries {
            let sql = format!("SELECT {COLS} FROM articles WHERE {cond} ORDER BY id");
            let found: Vec<ArticleRef> = self
                .conn
                .prepare(&sql)
                .and_then(|mut st| {
                    st.query_map(params![value], |r| {
                        Ok(ArticleRef {
                            id: ArticleId(r.get(0)?),
                            source: r.get(1)?,
                            external_id: r.get(2)?,
                            url: r.get(3)?,
                            title: r.get(4)?,
                            version: r.get(5)?,
                        })
                    })?
                    .collect()
                })
                .map_err(Error::sql("find article"))?;
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Err(Error::UnknownArticle {
            query: query.to_string(),
        })
    }

    /// The curation log, oldest first.
    pub fn curation_log(&self) -> Result<Vec<LogEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, at, by, action, detail FROM curation_log ORDER BY id")
            .map_err(Error::sql("read curation log"))?;
        stmt.query_map([], |r| {
            let detail: String = r.get(4)?;
            Ok(LogEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                by: r.get(2)?,
                action: r.get(3)?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(Error::sql("read curation log"))
    }
}

fn refused(message: String) -> Error {
    Error::Refused { message }
}

fn vanished(id: EntityId) -> Error {
    refused(format!("entity #{id} vanished during curation"))
}

/// How the log names a node: enough to find it again after ids change.
fn node_json(e: &EntityRow) -> serde_json::Value {
    json!({"id": e.id.0, "name": e.name, "type": e.kind.as_str(), "key": e.key})
}

/// The bytes of a 64-digit hex string (a SHA-256), else `None`.
fn hex(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..32)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok())
        .collect()
}

/// Records a decision.
pub(in crate::store) fn log(
    conn: &Connection,
    by: &str,
    action: &str,
    detail: serde_json::Value,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO curation_log (at, by, action, detail)
         VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2, ?3)",
    )
    .and_then(|mut s| s.execute(params![by, action, detail.to_string()]))
    .map_err(Error::sql("record curation"))?;
    Ok(())
}

/// From now on what is extracted as `from` is stored as `to`, and so is
/// what was redirected to `from`; a rule that would send a key to
/// itself is dropped. Alias and split rules of `from` move to `to`.
fn redirect(conn: &Connection, from: (EntityType, &str), to: (EntityType, &str)) -> Result<()> {
    let step = "record redirect";
    let (ft, fk, tt, tk) = (from.0.as_str(), from.1, to.0.as_str(), to.1);
    for sql in [
        "INSERT OR REPLACE INTO redirects (from_type, from_key, to_type, to_key) VALUES (?1, ?2, ?3, ?4)",
        "UPDATE redirects SET to_type = ?3, to_key = ?4 WHERE to_type = ?1 AND to_key = ?2",
        // A rule that would send a key to itself (a retype undone).
        "DELETE FROM redirects WHERE from_type = ?3 AND from_key = ?4 AND ?1 = ?1 AND ?2 = ?2",
        "UPDATE OR REPLACE alias_rules SET type = ?3, key = ?4 WHERE type = ?1 AND key = ?2",
        "UPDATE OR REPLACE split_rules SET type = ?3, key = ?4 WHERE type = ?1 AND key = ?2",
    ] {
        conn.prepare_cached(sql)
            .and_then(|mut s| s.execute(params![ft, fk, tt, tk]))
            .map_err(Error::sql(step))?;
    }
    Ok(())
}

/// Records an alias added (`keep`, as written) or removed (folded),
/// replacing the rules the other way about the same folded name.
fn alias_rule(conn: &Connection, e: &EntityRow, alias: &str, keep: bool) -> Result<()> {
    let step = "record alias rule";
    let (kind, key) = (e.kind.as_str(), e.key.as_str());
    let norm = fold(alias);
    let rules: Vec<String> = conn
        .prepare_cached("SELECT alias FROM alias_rules WHERE type = ?1 AND key = ?2")
        .and_then(|mut s| s.query_map(params![kind, key], |r| r.get(0))?.collect())
        .map_err(Error::sql(step))?;
    for a in rules.iter().filter(|a| fold(a) == norm) {
        run(
            conn,
            "DELETE FROM alias_rules WHERE type = ?1 AND key = ?2 AND alias = ?3",
            params![kind, key, a],
        )?;
    }
    let alias = if keep { alias } else { norm.as_str() };
    run(
        conn,
        "INSERT INTO alias_rules (type, key, alias, keep) VALUES (?1, ?2, ?3, ?4)",
        params![kind, key, alias, keep],
    )
}

/// Moves every row of entity `from` to entity `to` (mentions joined per
/// article, aliases, edges merged with `to`'s, co-occurrences) and
/// deletes `from`. Edges between the two become loops and are dropped.
fn merge_rows(conn: &Connection, from: i64, to: i64) -> Result<()> {
    let step = "merge entities";
    let rows: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT article_id, spans, names FROM mentions WHERE entity_id = ?1")
        .and_then(|mut s| {
            s.query_map(params![from], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(Error::sql(step))?;
    for (article, spans, names) in rows {
        let there: Option<(String, String)> = conn
            .prepare_cached(
                "SELECT spans, names FROM mentions WHERE entity_id = ?1 AND article_id = ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![to, article], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(Error::sql(step))?;
        let (spans, names) = match there {
            Some((s, n)) => (join_spans(&s, &spans), join_names(&n, &names)),
            None => (spans, names),
        };
        conn.prepare_cached("INSERT OR REPLACE INTO mentions (entity_id, article_id, spans, names) VALUES (?1, ?2, ?3, ?4)")
            .and_then(|mut s| s.execute(params![to, article, spans, names]))
            .map_err(Error::sql(step))?;
    }
    move_edges(conn, from, to)?;
    let norms = refresh::norms_of(conn, from)?;
    refresh::delete_entity(conn, from)?;
    refresh::drop_orphan_words(conn, &norms)
}

/// Re-points the edges and co-occurrences of `from` to `to`.
pub(in crate::store) fn move_edges(conn: &Connection, from: i64, to: i64) -> Result<()> {
    let step = "move edges";
    let edges: Vec<(i64, i64, String, i64)> = conn
        .prepare_cached(
            "SELECT head, tail, label, id FROM relations WHERE head = ?1
             UNION SELECT head, tail, label, id FROM relations WHERE tail = ?1 ORDER BY 4",
        )
        .and_then(|mut s| {
            s.query_map(params![from], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect()
        })
        .map_err(Error::sql(step))?;
    let swap = |x: i64| if x == from { to } else { x };
    for (head, tail, label, id) in edges {
        let (mut h, mut t) = (swap(head), swap(tail));
        let symmetric = label
            .parse::<crate::model::Label>()
            .is_ok_and(|l| l.is_symmetric());
        if symmetric && h > t {
            std::mem::swap(&mut h, &mut t);
        }
        let existing: Option<i64> = if h == t {
            None
        } else {
            conn.prepare_cached(
                "SELECT id FROM relations WHERE head = ?1 AND tail = ?2 AND label = ?3",
            )
            .and_then(|mut s| s.query_row(params![h, t, label], |r| r.get(0)).optional())
            .map_err(Error::sql(step))?
        };
        if h != t && existing.is_none() {
            run(
                conn,
                "UPDATE relations SET head = ?2, tail = ?3 WHERE id = ?1",
                params![id, h, t],
            )?;
            continue;
        }
        // A loop goes; an edge `to` has already takes the evidence.
        if let Some(other) = existing {
            run(
                conn,
                "INSERT OR IGNORE INTO evidence (relation_id, article_id, sentence, trigger, confidence, attrs,
                                                 day_start, day_end, date_words)
                 SELECT ?2, article_id, sentence, trigger, confidence, attrs, day_start, day_end, date_words
                 FROM evidence WHERE relation_id = ?1",
                params![id, other],
            )?;
        }
        run(
            conn,
            "DELETE FROM evidence WHERE relation_id = ?1",
            params![id],
        )?;
        run(conn, "DELETE FROM relations WHERE id = ?1", params![id])?;
        if let Some(other) = existing {
            refresh::refresh_relation(conn, other)?;
        }
    }
    move_cooccurrences(conn, from, to, |_| true)
}

/// Moves the co-occurrences of `from` that `moved` accepts (by article
/// and sentence) to `to`; one that would join `to` to itself goes.
pub(in crate::store) fn move_cooccurrences(
    conn: &Connection,
    from: i64,
    to: i64,
    moved: impl Fn((i64, i64)) -> bool,
) -> Result<()> {
    type Dates = (Option<String>, Option<String>, Option<String>);
    let pairs: Vec<(i64, i64, i64, i64, Dates)> = conn
        .prepare_cached(
            "SELECT head, tail, article_id, sentence, day_start, day_end, date_words
             FROM cooccurrences WHERE head = ?1
             UNION SELECT head, tail, article_id, sentence, day_start, day_end, date_words
             FROM cooccurrences WHERE tail = ?1",
        )
        .and_then(|mut s| {
            s.query_map(params![from], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    (r.get(4)?, r.get(5)?, r.get(6)?),
                ))
            })?
            .collect()
        })
        .map_err(Error::sql("move co-occurrences"))?;
    for (head, tail, article, sentence, (start, end, words)) in pairs {
        if !moved((article, sentence)) {
            continue;
        }
        run(
            conn,
            "DELETE FROM cooccurrences WHERE head = ?1 AND tail = ?2 AND article_id = ?3 AND sentence = ?4",
            params![head, tail, article, sentence],
        )?;
        let other = if head == from { tail } else { head };
        if other != to {
            run(
                conn,
                "INSERT OR IGNORE INTO cooccurrences
                   (head, tail, article_id, sentence, day_start, day_end, date_words)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    other.min(to),
                    other.max(to),
                    article,
                    sentence,
                    start,
                    end,
                    words
                ],
            )?;
        }
    }
    Ok(())
}

fn run(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<()> {
    conn.prepare_cached(sql)
        .and_then(|mut s| s.execute(args))
        .map_err(Error::sql("curate"))?;
    Ok(())
}

/// Two `[[start, end], ...]` span lists as one, sorted, each span once.
pub(crate) fn join_spans(a: &str, b: &str) -> String {
    let mut spans: Vec<(i64, i64)> = serde_json::from_str(a).unwrap_or_default();
    spans.extend(serde_json::from_str::<Vec<(i64, i64)>>(b).unwrap_or_default());
    spans.sort_unstable();
    spans.dedup();
    serde_json::to_string(&spans).expect("numbers serialise")
}

/// Two name lists as one: `a`'s (its name first), then `b`'s new ones;
/// `b`'s name first when it is longer (the writer's rule).
pub(crate) fn join_names(a: &str, b: &str) -> String {
    let a: Vec<String> = serde_json::from_str(a).unwrap_or_default();
    let b: Vec<String> = serde_json::from_str(b).unwrap_or_default();
    let longer = |x: &[String], y: &[String]| {
        x.first().map_or(0, |n| n.chars().count()) > y.first().map_or(0, |n| n.chars().count())
    };
    let (first, second) = if longer(&b, &a) { (b, a) } else { (a, b) };
    let mut names = first;
    for n in second {
        if !names.contains(&n) {
            names.push(n);
        }
    }
    serde_json::to_string(&names).expect("strings serialise")
}
