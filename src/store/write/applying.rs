//! Applying: a transaction's staged facts written to the tables, merged
//! per entity and per edge, in key order.

use super::insert::{insert_rows, text};
use super::staging::{Pending, StagedEntity, StagedMentions, StagedRelation};
use crate::error::{Error, Result};
use crate::model::Map as HashMap;
use crate::model::{EntityType, Label, When};
use crate::store::{alias_words, fold};
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, params};
use std::borrow::Cow;

impl Pending {
    /// Writes the staged facts in key order and empties `self`.
    pub(in crate::store) fn apply(&mut self, conn: &Connection) -> Result<()> {
        let mut p = std::mem::take(self);
        // Curation decisions (merges, retypes, aliases) hold for what is
        // extracted again.
        if let Some(rules) = crate::store::curation::Rules::load(conn)? {
            for e in &mut p.entities {
                e.removed_names = rules.apply(&mut e.kind, &mut e.key, &mut e.aliases, &mut e.name);
            }
        }
        let (ids, first_new) = apply_entities(conn, &p.entities)?;
        apply_mentions(conn, &p.mentions, &ids)?;
        apply_relations(conn, &p.relations, &ids, first_new)
    }
}

/// One node of a batch: its staged occurrences merged.
struct Node<'a> {
    kind: EntityType,
    key: &'a str,
    /// The first of the longest names, and its length in characters.
    name: &'a str,
    name_len: usize,
    mentions: i64,
    aliases: Vec<&'a str>,
    /// Names curation removed, given only to a new node with no other.
    removed: Vec<&'a str>,
}

/// Finds or creates the entity of every staged one and returns their ids,
/// index for index, and the first id of a new entity. New entities get ids
/// in order of first appearance.
fn apply_entities(conn: &Connection, staged: &[StagedEntity]) -> Result<(Vec<i64>, i64)> {
    let mut nodes: Vec<Node<'_>> = Vec::new();
    let mut node_of: HashMap<(EntityType, &str), usize> = HashMap::default();
    let mut of_staged = Vec::with_capacity(staged.len());
    for e in staged {
        let n = *node_of.entry((e.kind, &e.key)).or_insert_with(|| {
            nodes.push(Node {
                kind: e.kind,
                key: &e.key,
                name: e.name(),
                name_len: 0,
                mentions: 0,
                aliases: Vec::new(),
                removed: Vec::new(),
            });
            nodes.len() - 1
        });
        let node = &mut nodes[n];
        node.mentions += e.mentions;
        of_staged.push(n);
        if e.removed_names {
            node.removed.push(e.name());
            continue;
        }
        // A removed name is the node's name until a kept one comes.
        let len = e.name().chars().count();
        if len > node.name_len || node.aliases.is_empty() {
            (node.name, node.name_len) = (e.name(), len);
        }
        node.aliases.extend(e.aliases.iter().map(String::as_str));
    }
    let mut by_key: Vec<usize> = (0..nodes.len()).collect();
    by_key.sort_unstable_by(|&a, &b| {
        (nodes[a].kind.as_str(), nodes[a].key).cmp(&(nodes[b].kind.as_str(), nodes[b].key))
    });
    let mut found = vec![None; nodes.len()];
    {
        let mut find = conn
            .prepare_cached("SELECT id FROM entities WHERE type = ?1 AND key = ?2")
            .map_err(Error::sql("prepare entity lookup"))?;
        for &n in &by_key {
            found[n] = find
                .query_row(params![nodes[n].kind.as_str(), nodes[n].key], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()
                .map_err(Error::sql("find entity"))?;
        }
    }
    // A stored node keeps its name and aliases; a new one named only by
    // removed names takes them.
    for (node, stored) in nodes.iter_mut().zip(&found) {
        if node.aliases.is_empty() {
            if stored.is_some() {
                node.name = "";
            } else {
                node.aliases = std::mem::take(&mut node.removed);
            }
        }
    }
    let (ids, first_new) = stored_or_next(conn, "entities", &found, |&id| id)?;
    {
        // No RETURNING and no upsert: either makes SQLite keep a statement
        // journal, a copy of every page the statement touches (measured:
        // half the cost of these statements).
        // In id order and without the id: SQLite gives each the largest
        // rowid plus one, the id `stored_or_next` chose, and keeps no
        // statement journal (it would for a given rowid, see
        // `insert_rows`).
        insert_rows(
            conn,
            "entities (type, key, name, mention_count)",
            &not_found(0..nodes.len(), &found),
            "insert entity",
            |&n| {
                let node = &nodes[n];
                [
                    text(node.kind.as_str()),
                    text(node.key),
                    text(node.name),
                    node.mentions.into(),
                ]
            },
        )?;
        let mut merge = conn
            .prepare_cached(
                "UPDATE entities SET mention_count = mention_count + ?2,
                   name = iif(length(?3) > length(name), ?3, name)
                 WHERE id = ?1",
            )
            .map_err(Error::sql("prepare entity merge"))?;
        let mut known: Vec<usize> = (0..nodes.len()).filter(|&n| found[n].is_some()).collect();
        known.sort_unstable_by_key(|&n| ids[n]);
        for n in known {
            merge
                .execute(params![ids[n], nodes[n].mentions, nodes[n].name])
                .map_err(Error::sql("merge entity"))?;
        }
    }
    // (id, alias, stored entity?): only a stored entity can have the alias
    // already; a new one's go in with a plain insert, which saves the
    // second B-tree descent of `ON CONFLICT`.
    let mut aliases: Vec<(i64, &str, bool)> = nodes
        .iter()
        .enumerate()
        .flat_map(|(n, node)| node.aliases.iter().map(move |&a| (n, a)))
        .map(|(n, a)| (ids[n], a, found[n].is_some()))
        .collect();
    aliases.sort_unstable();
    aliases.dedup();
    let mut merge = conn
        .prepare_cached(
            "INSERT INTO aliases (entity_id, alias, norm) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )
        .map_err(Error::sql("prepare alias merge"))?;
    // Stored entities have the smaller ids, so their aliases come first.
    let stored = aliases.partition_point(|&(_, _, stored)| stored);
    // Each alias with its folded form, folded once.
    let rows: Vec<(i64, &str, String)> = aliases
        .iter()
        .map(|&(id, name, _)| (id, name, fold(name)))
        .collect();
    for (id, name, norm) in &rows[..stored] {
        merge
            .execute(params![id, name, norm])
            .map_err(Error::sql("insert alias"))?;
    }
    insert_rows(
        conn,
        "aliases (entity_id, alias, norm)",
        &rows[stored..],
        "insert alias",
        |(id, name, norm)| [(*id).into(), text(name), text(norm)],
    )?;
    // The words of each folded name, for whole-word lookups and
    // suggestions (migration 0005); most are there already. Sorted and
    // deduplicated vectors: the order a BTreeSet gives, without one.
    let mut norms: Vec<&str> = rows.iter().map(|(_, _, norm)| norm.as_str()).collect();
    norms.sort_unstable();
    norms.dedup();
    let mut pairs: Vec<(&str, &str)> = norms
        .iter()
        .flat_map(|&n| alias_words(n).map(move |w| (w, n)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut word = conn
        .prepare_cached(
            "INSERT INTO alias_words (word, norm) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )
        .map_err(Error::sql("prepare alias words"))?;
    for (w, n) in pairs {
        word.execute(params![w, n])
            .map_err(Error::sql("insert alias word"))?;
    }
    Ok((of_staged.into_iter().map(|n| ids[n]).collect(), first_new))
}

/// The id of each of `found`, index for index: the stored row's where
/// there is one, else the next free id of `table`, in order of first
/// appearance (what one-at-a-time inserts would have given); and the first
/// of those new ids (every stored id is smaller).
fn stored_or_next<T>(
    conn: &Connection,
    table: &'static str,
    found: &[Option<T>],
    id: impl Fn(&T) -> i64,
) -> Result<(Vec<i64>, i64)> {
    let first_new: i64 = conn
        .query_row(
            &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
            [],
            |r| r.get(0),
        )
        .map_err(Error::sql("next free id"))?;
    let mut next = first_new;
    let ids = found
        .iter()
        .map(|f| match f {
            Some(f) => id(f),
            None => {
                next += 1;
                next - 1
            }
        })
        .collect();
    Ok((ids, first_new))
}

/// One row per (entity, article), in key order. Two staged entities of
/// one article that curation made one node share a row: their spans and
/// names are joined.
fn apply_mentions(conn: &Connection, staged: &[StagedMentions], ids: &[i64]) -> Result<()> {
    let mut rows: Vec<(i64, i64, Cow<'_, str>, Cow<'_, str>)> = staged
        .iter()
        .map(|m| {
            (
                ids[m.entity],
                m.article,
                Cow::Borrowed(m.spans.as_str()),
                Cow::Borrowed(m.names.as_str()),
            )
        })
        .collect();
    rows.sort_by_key(|&(e, a, _, _)| (e, a));
    if rows
        .windows(2)
        .any(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
    {
        rows = join_rows(rows);
    }
    insert_rows(
        conn,
        "mentions (entity_id, article_id, spans, names)",
        &rows,
        "insert mentions",
        |(entity, article, spans, names)| {
            [
                (*entity).into(),
                (*article).into(),
                text(spans),
                text(names),
            ]
        },
    )
}

type MentionRow<'a> = (i64, i64, Cow<'a, str>, Cow<'a, str>);

/// Rows sorted by (entity, article) with those of one key joined.
fn join_rows(rows: Vec<MentionRow<'_>>) -> Vec<MentionRow<'_>> {
    let mut out: Vec<MentionRow<'_>> = Vec::with_capacity(rows.len());
    for row in rows {
        match out.last_mut() {
            Some(last) if (last.0, last.1) == (row.0, row.1) => {
                last.2 = Cow::Owned(crate::store::join_spans(&last.2, &row.2));
                last.3 = Cow::Owned(crate::store::join_names(&last.3, &row.3));
            }
            _ => out.push(row),
        }
    }
    out
}

/// Finds or creates each staged relation's edge (ids of new ones in order
/// of first appearance), keeps its best confidence and writes the
/// evidence rows, all in key order. Entities from `first_new_entity` on
/// were created in this apply, so no stored edge has them at either end.
fn apply_relations(
    conn: &Connection,
    staged: &[StagedRelation],
    ids: &[i64],
    first_new_entity: i64,
) -> Result<()> {
    // (head, tail, label) -> index into `edges`, first appearance order.
    let mut edge_of: HashMap<(i64, i64, Label), usize> = HashMap::default();
    let mut edges: Vec<((i64, i64, Label), f64)> = Vec::new();
    // (edge, staged relation) of every relation that is not a loop.
    let mut evidence: Vec<(usize, &StagedRelation)> = Vec::with_capacity(staged.len());
    // (head, tail, article, sentence) of every co-occurrence, and its date.
    let mut cooccurrences: Vec<([i64; 4], &When)> = Vec::new();
    for r in staged {
        let (mut head, mut tail) = (ids[r.head], ids[r.tail]);
        if head == tail {
            continue; // two mentions of one thing merged into one node
        }
        if r.label.is_symmetric() && head > tail {
            std::mem::swap(&mut head, &mut tail);
        }
        if r.label == Label::Cooccurs {
            cooccurrences.push(([head, tail, r.article, r.sentence], &r.when));
            continue;
        }
        let e = *edge_of.entry((head, tail, r.label)).or_insert_with(|| {
            edges.push(((head, tail, r.label), r.confidence));
            edges.len() - 1
        });
        edges[e].1 = edges[e].1.max(r.confidence);
        evidence.push((e, r));
    }
    drop(edge_of);
    // Stable: of two rows with one key, the first staged is kept.
    cooccurrences.sort_by_key(|&(key, _)| key);
    cooccurrences.dedup_by_key(|&mut (key, _)| key);
    // A plain insert, as for evidence below: the article is new.
    insert_rows(
        conn,
        "cooccurrences (head, tail, article_id, sentence, day_start, day_end, date_words)",
        &cooccurrences,
        "insert co-occurrence",
        |([head, tail, article, sentence], when)| {
            let [start, end, words] = when_values(when);
            [
                (*head).into(),
                (*tail).into(),
                (*article).into(),
                (*sentence).into(),
                start,
                end,
                words,
            ]
        },
    )?;
    drop(cooccurrences);
    let mut by_key: Vec<usize> = (0..edges.len()).collect();
    by_key.sort_unstable_by(|&a, &b| {
        let ((ha, ta, la), _) = edges[a];
        let ((hb, tb, lb), _) = edges[b];
        (ha, ta, la.as_str()).cmp(&(hb, tb, lb.as_str()))
    });
    let mut found: Vec<Option<(i64, f64)>> = vec![None; edges.len()];
    {
        let mut find = conn
            .prepare_cached(
                "SELECT id, confidence FROM relations WHERE head = ?1 AND tail = ?2 AND label = ?3",
            )
            .map_err(Error::sql("prepare relation lookup"))?;
        // Measured (bench/SCALE.md): most edges of a batch have a new
        // entity at one end, and their lookups were all misses.
        for &e in &by_key {
            let ((head, tail, label), _) = edges[e];
            if head >= first_new_entity || tail >= first_new_entity {
                continue;
            }
            found[e] = find
                .query_row(params![head, tail, label.as_str()], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .optional()
                .map_err(Error::sql("find relation"))?;
        }
    }
    let (rel_ids, _) = stored_or_next(conn, "relations", &found, |&(id, _)| id)?;
    {
        insert_rows(
            conn,
            "relations (head, tail, label, id, confidence)",
            &not_found(by_key.iter().copied(), &found),
            "insert relation",
            |&e| {
                let ((head, tail, label), confidence) = edges[e];
                [
                    head.into(),
                    tail.into(),
                    text(label.as_str()),
                    rel_ids[e].into(),
                    confidence.into(),
                ]
            },
        )?;
        let mut raise = conn
            .prepare_cached(
                "UPDATE relations SET confidence = ?4 WHERE head = ?1 AND tail = ?2 AND label = ?3",
            )
            .map_err(Error::sql("prepare relation confidence"))?;
        for &e in &by_key {
            let ((head, tail, label), confidence) = edges[e];
            // Known edge: keep the best confidence of its evidence.
            if let Some((_, stored)) = found[e]
                && confidence > stored
            {
                raise
                    .execute(params![head, tail, label.as_str(), confidence])
                    .map_err(Error::sql("raise relation confidence"))?;
            }
        }
    }
    // Keys inline, so the sort reads no staged relation. Stable: of two
    // rows with one key, the first staged is kept.
    let mut evidence: Vec<((i64, i64, i64), &StagedRelation)> = evidence
        .into_iter()
        .map(|(e, r)| ((rel_ids[e], r.article, r.sentence), r))
        .collect();
    evidence.sort_by_key(|&(key, _)| key);
    evidence.dedup_by_key(|&mut (key, _)| key);
    // A plain insert: an article is staged whole, between two applies, and
    // its id is new, so no stored row can have the key; an `ON CONFLICT`
    // clause would cost a second B-tree descent per row.
    insert_rows(
        conn,
        "evidence (relation_id, article_id, sentence, trigger, confidence, attrs, \
         day_start, day_end, date_words)",
        &evidence,
        "insert evidence",
        |&((relation, article, sentence), r)| {
            let [start, end, words] = when_values(&r.when);
            [
                relation.into(),
                article.into(),
                sentence.into(),
                text(&r.trigger),
                r.confidence.into(),
                text(r.attrs.as_deref().unwrap_or("{}")),
                start,
                end,
                words,
            ]
        },
    )
}

/// `day_start`, `day_end` and `date_words` of a row dated `when`.
fn when_values(when: &When) -> [ToSqlOutput<'_>; 3] {
    let (start, end) = match &when.days {
        Some((a, b)) => (Some(a.as_str()), Some(b.as_str())),
        None => (None, None),
    };
    [
        opt_text(start),
        opt_text(end),
        opt_text(when.words.as_deref()),
    ]
}

/// A borrowed text value, or NULL.
fn opt_text(s: Option<&str>) -> ToSqlOutput<'_> {
    s.map_or(ToSqlOutput::from(rusqlite::types::Null), text)
}

/// The items of `order` that `found` has no stored row for, in that order.
fn not_found<T>(order: impl IntoIterator<Item = usize>, found: &[Option<T>]) -> Vec<usize> {
    order.into_iter().filter(|&i| found[i].is_none()).collect()
}

#[cfg(test)]
mod tests {
    use super::super::insert::ROWS_PER_INSERT;
    use crate::model::ArticleRecord;
    use crate::model::Extraction;
    use crate::model::Label;
    use crate::store::Store;
    use crate::store::test_fixtures::{article, words};
    use proptest::prelude::*;

    /// Every row of the graph tables, in key order, as text.
    fn dump(s: &Store) -> Vec<String> {
        [
            "SELECT id, type, key, name, mention_count FROM entities ORDER BY id",
            "SELECT entity_id, alias, norm FROM aliases ORDER BY 1, 2",
            "SELECT entity_id, article_id, spans FROM mentions ORDER BY 1, 2",
            "SELECT id, head, tail, label, confidence FROM relations ORDER BY id",
            "SELECT relation_id, article_id, sentence, trigger, confidence, attrs
             FROM evidence ORDER BY 1, 2, 3",
        ]
        .iter()
        .flat_map(|sql| {
            let mut stmt = s.conn.prepare(sql).expect("sql");
            let n = stmt.column_count();
            stmt.query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map(|v| v.join("|"))
            })
            .expect("query")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("rows")
        })
        .collect()
    }

    /// A constraint error in the middle of a multi-row insert (`OR FAIL`
    /// keeps the statement's earlier rows) still leaves nothing of the
    /// batch: the whole transaction is rolled back, and what was stored
    /// before stays.
    #[test]
    fn a_failed_insert_leaves_nothing_of_its_batch() {
        let mut s = Store::open_in_memory().expect("store");
        // The key of the batch's 40th evidence row (of 79, in the first
        // 64-row statement), taken first.
        s.conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO evidence (relation_id, article_id, sentence, trigger, confidence)
                 VALUES (40, 1, 0, 'stored before', 1.0);
                 PRAGMA foreign_keys = ON;",
            )
            .expect("seed");
        let text = (0..80)
            .map(|i| format!("W{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let batch = [(article(&text), words(&text, Label::Meets))];
        assert!(s.write_batch(&batch).is_err());
        let count = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).expect("count") };
        assert_eq!(count("SELECT count(*) FROM articles"), 0);
        assert_eq!(count("SELECT count(*) FROM entities"), 0);
        assert_eq!(count("SELECT count(*) FROM relations"), 0);
        assert_eq!(
            count("SELECT count(*) FROM evidence WHERE trigger = 'stored before'"),
            1
        );
        assert_eq!(count("SELECT count(*) FROM evidence"), 1);
    }

    /// The rows of `batch` written in one transaction, and written one
    /// article (and transaction) at a time.
    fn together_and_apart(batch: &[(ArticleRecord, Extraction)]) -> (Vec<String>, Vec<String>) {
        let mut together = Store::open_in_memory().expect("store");
        together.write_batch(batch).expect("write");
        let mut apart = Store::open_in_memory().expect("store");
        for one in batch {
            apart.write_batch(std::slice::from_ref(one)).expect("write");
        }
        (dump(&together), dump(&apart))
    }

    /// A batch large enough for the multi-row inserts (several full
    /// statements and a remainder of each table) writes the rows that one
    /// article at a time (single-row statements only) writes.
    #[test]
    fn multi_row_inserts_write_every_row() {
        let batch: Vec<(ArticleRecord, Extraction)> = (0..70)
            .map(|i| {
                // New names in every article, and names shared across them.
                let text = format!("N{i} M{i} O{} P{} Q{}", i % 7, i % 11, i % 3);
                let label = [Label::Meets, Label::Role, Label::Cooccurs][i % 3];
                let ex = words(&text, label);
                (article(&text), ex)
            })
            .collect();
        let (together, apart) = together_and_apart(&batch);
        assert!(
            together.len() > 5 * 2 * ROWS_PER_INSERT,
            "{} rows",
            together.len()
        );
        assert_eq!(together, apart);
    }

    proptest! {
        /// A transaction's facts are merged and written in key order at
        /// its commit: the rows are the ones writing (and committing) one
        /// article at a time gives, ids, names, counts and evidence alike.
        #[test]
        fn batched_writes_equal_one_at_a_time(
            texts in prop::collection::vec("[Aa][bB]?( [AaBb][aA]?){1,5}", 1..6),
            labels in prop::collection::vec(0usize..3, 6),
        ) {
            let batch: Vec<(ArticleRecord, Extraction)> = texts
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let label = [Label::Meets, Label::Role, Label::Cooccurs][labels[i]];
                    let mut ex = words(text, label);
                    for (j, e) in ex.entities.iter_mut().enumerate() {
                        // Names of one key but different lengths.
                        e.name.push_str(&"x".repeat((i + j) % 3));
                        e.aliases = vec![e.name.clone()];
                    }
                    for (j, r) in ex.relations.iter_mut().enumerate() {
                        r.confidence = [0.5, 0.9, 0.7][(i + j) % 3];
                    }
                    (article(text), ex)
                })
                .collect();
            let (together, apart) = together_and_apart(&batch);
            prop_assert_eq!(together, apart);
        }
    }
}
