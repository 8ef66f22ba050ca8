//! Writing extracted articles: one transaction per batch, prepared (cached)
//! statements, an article whole or not at all.

use super::Store;
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleRecord, EntityType, Extraction, Label, Map as HashMap, Span};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// What happened to one article of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    New(ArticleId),
    /// The same text was already stored (under this id).
    Skipped(ArticleId),
    /// The extraction did not fit the text; nothing was written for it.
    Failed(String),
}

/// SHA-256 of an article's text: the key that makes re-ingesting a no-op.
pub fn content_hash(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

impl Store {
    /// The article stored with this text hash, if any.
    pub fn find_hash(&self, hash: &[u8; 32]) -> Result<Option<ArticleId>> {
        self.conn
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")
            .and_then(|mut s| s.query_row(params![&hash[..]], |r| r.get(0)).optional())
            .map(|id| id.map(ArticleId))
            .map_err(Error::sql("look up content hash"))
    }

    /// Writes a batch of extracted articles in one transaction and says,
    /// per article, whether it was new, skipped (same text already stored)
    /// or failed (extraction offsets that do not fit the text).
    pub fn write_batch(&mut self, batch: &[(ArticleRecord, Extraction)]) -> Result<Vec<Outcome>> {
        let outcomes = self.write_uncommitted(batch)?;
        self.commit()?;
        Ok(outcomes)
    }

    /// Like [`Store::write_batch`], but inside the open write transaction
    /// (opening one when none is): the articles are stored at the next
    /// [`Store::commit`], and dropped with the transaction if the process
    /// stops first. On an error the transaction is rolled back, so the
    /// database only ever holds whole articles.
    ///
    /// Measured (bench/SCALE.md): every commit writes each page it
    /// dirtied to the write-ahead log, and the index pages of a large
    /// database are dirtied by nearly every batch, so fewer, larger
    /// transactions cost less CPU.
    pub fn write_uncommitted(
        &mut self,
        batch: &[(ArticleRecord, Extraction)],
    ) -> Result<Vec<Outcome>> {
        self.write_uncommitted_taking(&mut batch.to_vec())
    }

    /// Like [`Store::write_uncommitted`], but the strings staged until the
    /// commit (entity keys, names, aliases, relation triggers) are taken
    /// out of the extractions of the articles stored new, not copied:
    /// those are left without them. Measured (bench/SCALE.md, "The
    /// writer's own work"): the copies cost 1.2% of an ingest's
    /// instructions.
    pub fn write_uncommitted_taking(
        &mut self,
        batch: &mut [(ArticleRecord, Extraction)],
    ) -> Result<Vec<Outcome>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        if self.conn.is_autocommit() {
            // Every id the writer stores comes from a row it looked up or
            // wrote in this same transaction, so SQLite's foreign-key
            // checks (a B-tree lookup per reference) are switched off for
            // it, and on again at its end (measured: 10% of the CPU of a
            // 100k-article ingest). So are the CHECK constraints: types
            // and languages come from enums, attributes from serde_json
            // (measured, bench/SCALE.md: 3% of the 100k ingest, mostly
            // `json_valid` on every evidence row). Tests run
            // `foreign_key_check` and `integrity_check` (which checks CHECK
            // constraints) on what it wrote.
            let begun = self.conn.execute_batch(
                "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; BEGIN IMMEDIATE",
            );
            if let Err(source) = begun {
                // Best effort: the error being returned is the one to report.
                let _ = self.conn.execute_batch(CHECKS_ON);
                return Err(Error::Sql {
                    step: "begin ingest batch",
                    source,
                });
            }
        }
        let written = write_all(&self.conn, &mut self.pending, batch);
        if written.is_err() {
            self.rollback();
        }
        written
    }

    /// Commits the open write transaction, if any, after writing the graph
    /// facts staged for it.
    pub fn commit(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        let applied = self.pending.apply(&self.conn);
        if applied.is_err() {
            self.rollback();
            return applied;
        }
        self.conn
            .execute_batch(&format!("COMMIT; {CHECKS_ON}"))
            .map_err(Error::sql("commit ingest batch"))
    }

    /// Drops the open transaction and what was staged for it.
    pub(super) fn rollback(&mut self) {
        self.pending.clear();
        // Best effort: the error being returned is the one to report.
        let _ = self.conn.execute_batch(&format!("ROLLBACK; {CHECKS_ON}"));
    }
}

/// What other statements run with, the writer's transactions without.
const CHECKS_ON: &str = "PRAGMA foreign_keys = ON; PRAGMA ignore_check_constraints = OFF";

fn write_all(
    conn: &Connection,
    pending: &mut Pending,
    batch: &mut [(ArticleRecord, Extraction)],
) -> Result<Vec<Outcome>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    for (article, ex) in batch {
        outcomes.push(write_article(conn, pending, article, ex)?);
    }
    if pending.is_full() {
        pending.apply(conn)?;
    }
    Ok(outcomes)
}

/// Stores the article row now (its id and the duplicate check are needed at
/// once) and stages its entities, mentions and relations in `pending`.
fn write_article(
    tx: &Connection,
    pending: &mut Pending,
    a: &ArticleRecord,
    ex: &mut Extraction,
) -> Result<Outcome> {
    let chars = CharIndex::new(&a.text);
    if let Err(message) = check(ex, &chars) {
        return Ok(Outcome::Failed(message));
    }
    let hash = content_hash(&a.text);
    let inserted = tx
        .prepare_cached(
            "INSERT INTO articles (source, external_id, url, title, date, lang, content_hash, text,
                                   sentence_spans)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (content_hash) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
                a.source,
                a.external_id,
                a.url,
                a.title,
                a.date,
                ex.lang.as_str(),
                &hash[..],
                a.text,
                spans_json(ex.sentences.iter().map(|s| chars.span(*s)))
            ])
        })
        .map_err(Error::sql("insert article"))?;
    if inserted == 0 {
        let id: i64 = tx
            .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")
            .and_then(|mut s| s.query_row(params![&hash[..]], |r| r.get(0)))
            .map_err(Error::sql("find duplicate article"))?;
        return Ok(Outcome::Skipped(ArticleId(id)));
    }
    let article = tx.last_insert_rowid();
    pending.stage(article, ex, &chars);
    Ok(Outcome::New(ArticleId(article)))
}

/// The graph facts of the articles written in the open transaction, kept
/// in memory and applied to the tables in key order at the commit (or
/// when [`Pending::is_full`]).
///
/// Measured (bench/SCALE.md): applied one article at a time,
/// every row is a B-tree descent to a random leaf of a large index, and
/// each commit rewrites nearly every leaf it touched. Merged per entity
/// and per edge first, then sorted, a batch makes one lookup per distinct
/// entity and edge, and consecutive statements land on the same pages.
///
/// The rows written are the ones the article-at-a-time writer wrote:
/// entity and relation ids in order of first appearance, a name replaced
/// only by a longer one, an edge's confidence the best of its evidence,
/// the first evidence row of a (relation, article, sentence) kept.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// One per distinct (type, key) of an article, articles in order.
    entities: Vec<StagedEntity>,
    /// One per (article entity, article): its spans as JSON.
    mentions: Vec<(usize, i64, String)>,
    relations: Vec<StagedRelation>,
}

#[derive(Debug)]
struct StagedEntity {
    kind: EntityType,
    key: String,
    /// Every name and alias of its occurrences in the article.
    aliases: Vec<String>,
    /// The index in `aliases` of the first of the longest names.
    name: usize,
    mentions: i64,
}

impl StagedEntity {
    fn name(&self) -> &str {
        &self.aliases[self.name]
    }
}

#[derive(Debug)]
struct StagedRelation {
    /// Indexes into `Pending::entities`.
    head: usize,
    tail: usize,
    label: Label,
    confidence: f64,
    article: i64,
    sentence: i64,
    trigger: String,
    /// The attributes as JSON; `None` for none (`{}`), most relations.
    attrs: Option<String>,
}

/// Staged relations past which a transaction's facts are applied before
/// its commit, so memory stays bounded whatever `--batch-size` says.
const PENDING_RELATIONS: usize = 1 << 20;

impl Pending {
    fn is_full(&self) -> bool {
        self.relations.len() >= PENDING_RELATIONS
    }

    pub(super) fn clear(&mut self) {
        *self = Pending::default();
    }

    /// Stages one checked extraction of article `article`, taking its
    /// entities' strings and its relations' triggers.
    fn stage(&mut self, article: i64, ex: &mut Extraction, chars: &CharIndex) {
        // Extraction entities sharing a (type, key) are one node: one
        // staged entity, one mention row. New ones are numbered in order
        // of first appearance.
        let base = self.entities.len();
        let local: Vec<usize> = {
            let mut seen: HashMap<(EntityType, &str), usize> = HashMap::default();
            ex.entities
                .iter()
                .map(|e| {
                    let next = base + seen.len();
                    *seen.entry((e.kind, e.key.as_str())).or_insert(next)
                })
                .collect()
        };
        for (e, &i) in ex.entities.iter_mut().zip(&local) {
            let name = std::mem::take(&mut e.name);
            if i == self.entities.len() {
                self.entities.push(StagedEntity {
                    kind: e.kind,
                    key: std::mem::take(&mut e.key),
                    aliases: vec![name],
                    name: 0,
                    mentions: 0,
                });
            } else {
                let staged = &mut self.entities[i];
                if name.chars().count() > staged.name().chars().count() {
                    staged.name = staged.aliases.len();
                }
                staged.aliases.push(name);
            }
            self.entities[i].aliases.append(&mut e.aliases);
        }
        let mut spans: Vec<Vec<(i64, i64)>> = vec![Vec::new(); self.entities.len() - base];
        for m in &ex.mentions {
            let i = local[m.entity];
            self.entities[i].mentions += 1;
            spans[i - base].push(chars.span(m.span));
        }
        for (i, mut spans) in spans.into_iter().enumerate() {
            if !spans.is_empty() {
                spans.sort_unstable();
                self.mentions
                    .push((base + i, article, spans_json(spans.into_iter())));
            }
        }
        for r in &mut ex.relations {
            self.relations.push(StagedRelation {
                head: local[r.head],
                tail: local[r.tail],
                label: r.label,
                confidence: clamp(r.confidence),
                article,
                sentence: r.sentence as i64,
                trigger: std::mem::take(&mut r.trigger),
                attrs: (!r.attrs.is_empty())
                    .then(|| serde_json::to_string(&r.attrs).expect("a string map serialises")),
            });
        }
    }

    /// Writes the staged facts in key order and empties `self`.
    pub(super) fn apply(&mut self, conn: &Connection) -> Result<()> {
        let p = std::mem::take(self);
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
                name_len: e.name().chars().count(),
                mentions: 0,
                aliases: Vec::new(),
            });
            nodes.len() - 1
        });
        let node = &mut nodes[n];
        let len = e.name().chars().count();
        if len > node.name_len {
            (node.name, node.name_len) = (e.name(), len);
        }
        node.mentions += e.mentions;
        node.aliases.extend(e.aliases.iter().map(String::as_str));
        of_staged.push(n);
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
    for &(id, name, _) in &aliases[..stored] {
        merge
            .execute(params![id, name, super::fold(name)])
            .map_err(Error::sql("insert alias"))?;
    }
    insert_rows(
        conn,
        "aliases (entity_id, alias, norm)",
        &aliases[stored..],
        "insert alias",
        |&(id, name, _)| [id.into(), text(name), super::fold(name).into()],
    )?;
    // The words of each folded name, for whole-word lookups and
    // suggestions (migration 0005); most are there already.
    let norms: BTreeSet<String> = aliases.iter().map(|&(_, a, _)| super::fold(a)).collect();
    let pairs: BTreeSet<(&str, &str)> = norms
        .iter()
        .flat_map(|n| super::alias_words(n).map(move |w| (w, n.as_str())))
        .collect();
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

/// One row per (entity, article), in key order.
fn apply_mentions(conn: &Connection, staged: &[(usize, i64, String)], ids: &[i64]) -> Result<()> {
    let mut rows: Vec<(i64, i64, &str)> = staged
        .iter()
        .map(|(e, article, spans)| (ids[*e], *article, spans.as_str()))
        .collect();
    rows.sort_unstable_by_key(|&(e, a, _)| (e, a));
    insert_rows(
        conn,
        "mentions (entity_id, article_id, spans)",
        &rows,
        "insert mentions",
        |&(entity, article, spans)| [entity.into(), article.into(), text(spans)],
    )
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
    // (head, tail, article, sentence) of every co-occurrence.
    let mut cooccurrences: Vec<[i64; 4]> = Vec::new();
    for r in staged {
        let (mut head, mut tail) = (ids[r.head], ids[r.tail]);
        if head == tail {
            continue; // two mentions of one thing merged into one node
        }
        if r.label.is_symmetric() && head > tail {
            std::mem::swap(&mut head, &mut tail);
        }
        if r.label == Label::Cooccurs {
            cooccurrences.push([head, tail, r.article, r.sentence]);
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
    cooccurrences.sort_unstable();
    cooccurrences.dedup();
    // A plain insert, as for evidence below: the article is new.
    insert_rows(
        conn,
        "cooccurrences (head, tail, article_id, sentence)",
        &cooccurrences,
        "insert co-occurrence",
        |row| row.map(ToSqlOutput::from),
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
        "evidence (relation_id, article_id, sentence, trigger, confidence, attrs)",
        &evidence,
        "insert evidence",
        |&((relation, article, sentence), r)| {
            [
                relation.into(),
                article.into(),
                sentence.into(),
                text(&r.trigger),
                r.confidence.into(),
                text(r.attrs.as_deref().unwrap_or("{}")),
            ]
        },
    )
}

/// The items of `order` that `found` has no stored row for, in that order.
fn not_found<T>(order: impl IntoIterator<Item = usize>, found: &[Option<T>]) -> Vec<usize> {
    order.into_iter().filter(|&i| found[i].is_none()).collect()
}

/// Rows per multi-row `INSERT` of [`insert_rows`].
const ROWS_PER_INSERT: usize = 64;

/// Inserts `rows` into `into` (a table and its column list), the values of
/// a row given by `values`, with one statement per [`ROWS_PER_INSERT`]
/// rows. Measured (bench/SCALE.md): SQLite's cost per statement run
/// (binding, starting and halting the program, closing its cursors) was a
/// large part of a row's.
///
/// `OR FAIL`: a multi-row insert that may abort half-way makes SQLite keep
/// a statement journal (a copy of every page it touches, to undo just that
/// statement); with `FAIL` a constraint error stops the statement without
/// undoing its earlier rows, and the caller rolls the whole transaction
/// back anyway. A rowid given in a multi-row insert would still make SQLite
/// keep the journal (it checks that the value is an integer).
fn insert_rows<'v, R, const W: usize>(
    conn: &Connection,
    into: &str,
    rows: &'v [R],
    step: &'static str,
    values: impl Fn(&'v R) -> [ToSqlOutput<'v>; W],
) -> Result<()> {
    let sql = |n: usize| {
        let row = format!("({})", ["?"; W].join(","));
        format!(
            "INSERT OR FAIL INTO {into} VALUES {}",
            vec![row; n].join(",")
        )
    };
    let run = |stmt: &mut rusqlite::Statement<'_>, chunk: &'v [R]| {
        for (i, value) in chunk.iter().flat_map(&values).enumerate() {
            stmt.raw_bind_parameter(i + 1, value)?;
        }
        stmt.raw_execute()
    };
    let mut chunks = rows.chunks_exact(ROWS_PER_INSERT);
    if rows.len() >= ROWS_PER_INSERT {
        let mut stmt = conn
            .prepare_cached(&sql(ROWS_PER_INSERT))
            .map_err(Error::sql(step))?;
        for chunk in &mut chunks {
            run(&mut stmt, chunk).map_err(Error::sql(step))?;
        }
    }
    let mut stmt = conn.prepare_cached(&sql(1)).map_err(Error::sql(step))?;
    for row in chunks.remainder() {
        run(&mut stmt, std::slice::from_ref(row)).map_err(Error::sql(step))?;
    }
    Ok(())
}

/// A borrowed text value for [`insert_rows`].
fn text(s: &str) -> ToSqlOutput<'_> {
    ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
}

/// Code-point spans as the JSON array `[[start,end],...]` the schema keeps
/// sentence and mention offsets in.
fn spans_json(spans: impl Iterator<Item = (i64, i64)>) -> String {
    // Room for five-digit offsets: `[12345,12345],` a span.
    let mut out = String::with_capacity(2 + 14 * spans.size_hint().0);
    out.push('[');
    for (i, (start, end)) in spans.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_number(&mut out, start);
        out.push(',');
        push_number(&mut out, end);
        out.push(']');
    }
    out.push(']');
    out
}

/// Appends `n` in decimal: what `write!` gives, without its formatting
/// machinery (a measurable share of an ingest, two numbers per sentence
/// and mention).
fn push_number(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
}

/// A confidence in [0, 1], rounded to four decimals so that an f32 such as
/// 0.9 is stored (and exported) as 0.9, not 0.8999999761581421.
fn clamp(c: f32) -> f64 {
    if c.is_nan() {
        0.0
    } else {
        (f64::from(c.clamp(0.0, 1.0)) * 10_000.0).round() / 10_000.0
    }
}

/// Checks that every index and byte span of an extraction fits the text,
/// so the writer can index without panicking.
fn check(ex: &Extraction, chars: &CharIndex) -> std::result::Result<(), String> {
    let span_ok =
        |s: &Span| s.start <= s.end && chars.get(s.start).is_some() && chars.get(s.end).is_some();
    if let Some(s) = ex.sentences.iter().find(|s| !span_ok(s)) {
        return Err(format!(
            "extraction gave sentence span {}..{} that does not fit the text",
            s.start, s.end
        ));
    }
    let (ns, ne) = (ex.sentences.len(), ex.entities.len());
    for m in &ex.mentions {
        if m.entity >= ne || m.sentence >= ns || !span_ok(&m.span) {
            return Err(format!(
                "extraction gave a mention ({m:?}) that does not fit the text"
            ));
        }
    }
    for r in &ex.relations {
        if r.head >= ne || r.tail >= ne || r.sentence >= ns {
            return Err(format!(
                "extraction gave a relation ({} {} {}) with an index out of range",
                r.head, r.label, r.tail
            ));
        }
    }
    Ok(())
}

/// Maps byte offsets of a text to code-point offsets.
///
/// Measured (bench/SCALE.md, "The writer's own work"): a table of every
/// byte's offset, a `u32` written per byte of every article, cost 0.6% of
/// an ingest's instructions. This keeps one count per block of
/// [`CharIndex::BLOCK`] bytes and counts the rest of a block on a lookup.
pub(crate) struct CharIndex<'t> {
    text: &'t str,
    /// `before[k]`: the code points that start before byte `k * BLOCK`.
    before: Vec<u32>,
}

impl<'t> CharIndex<'t> {
    const BLOCK: usize = 64;

    pub(crate) fn new(text: &'t str) -> CharIndex<'t> {
        let mut n = 0u32;
        let before = std::iter::once(0)
            .chain(text.as_bytes().chunks(Self::BLOCK).map(|block| {
                n += starts(block);
                n
            }))
            .collect();
        CharIndex { text, before }
    }

    /// The code-point offset of byte `b`, if it is a character boundary.
    pub(crate) fn get(&self, b: usize) -> Option<i64> {
        if !self.text.is_char_boundary(b) {
            return None;
        }
        let block = b / Self::BLOCK;
        let rest = starts(&self.text.as_bytes()[block * Self::BLOCK..b]);
        Some(i64::from(self.before[block] + rest))
    }

    /// A checked span in code points.
    fn span(&self, s: Span) -> (i64, i64) {
        (
            self.get(s.start).expect("span checked by check()"),
            self.get(s.end).expect("span checked by check()"),
        )
    }
}

/// The code points that start in `bytes` (its bytes that are not UTF-8
/// continuation bytes), at most [`CharIndex::BLOCK`].
fn starts(bytes: &[u8]) -> u32 {
    bytes.iter().map(|&b| u32::from((b as i8) >= -0x40)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityId, EntityType, Label, Lang, Mention, Relation};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn article(text: &str) -> ArticleRecord {
        ArticleRecord {
            source: "t.txt".into(),
            text: text.into(),
            ..ArticleRecord::default()
        }
    }

    /// An extraction naming every word of `text` as an entity (keyed by its
    /// lower case), one sentence, and a relation between consecutive words.
    fn words(text: &str, label: Label) -> Extraction {
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
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let w = &text[s..i];
                    let key = w.to_lowercase();
                    let e = match ex.entities.iter().position(|e| e.key == key) {
                        Some(e) => e,
                        None => {
                            ex.entities.push(Entity {
                                name: w.into(),
                                kind: EntityType::Misc,
                                key,
                                aliases: vec![w.into()],
                            });
                            ex.entities.len() - 1
                        }
                    };
                    ex.mentions.push(Mention {
                        entity: e,
                        sentence: 0,
                        span: Span { start: s, end: i },
                    });
                    start = None;
                }
                _ => {}
            }
        }
        for w in ex.mentions.windows(2) {
            ex.relations.push(Relation {
                head: w[1].entity,
                label,
                tail: w[0].entity,
                sentence: 0,
                trigger: String::new(),
                confidence: 0.9,
                attrs: BTreeMap::from([("k".into(), "v".into())]),
            });
        }
        ex
    }

    #[test]
    fn same_text_is_skipped_and_bad_offsets_write_nothing() {
        let mut s = Store::open_in_memory().expect("store");
        let text = "Alice Bob Carol";
        let out = s
            .write_batch(&[
                (article(text), words(text, Label::Meets)),
                (article(text), words(text, Label::Meets)),
            ])
            .expect("write");
        assert!(matches!(
            out[..],
            [Outcome::New(_), Outcome::Skipped(ArticleId(1))]
        ));
        let mut bad = words("Dave Erin", Label::Meets);
        bad.mentions[0].span = Span { start: 3, end: 99 };
        let before = s.stats().expect("stats");
        let out = s
            .write_batch(&[(article("Dave Erin"), bad)])
            .expect("write");
        assert!(matches!(&out[..], [Outcome::Failed(m)] if m.contains("does not fit")));
        assert_eq!(s.stats().expect("stats"), before);
    }

    #[test]
    fn uncommitted_articles_are_stored_only_at_commit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("kg.db");
        let stored = |path: &std::path::Path| {
            Store::open_read_only(path)
                .and_then(|s| s.stats())
                .expect("stats")
                .articles
        };
        {
            let mut s = Store::open(&path).expect("store");
            s.write_uncommitted(&[(article("Alice Bob"), words("Alice Bob", Label::Meets))])
                .expect("write");
            // Dropped without a commit: the transaction rolls back.
        }
        assert_eq!(stored(&path), 0);
        let mut s = Store::open(&path).expect("store");
        for text in ["Alice Bob", "Bob Carol"] {
            s.write_uncommitted(&[(article(text), words(text, Label::Meets))])
                .expect("write");
        }
        assert_eq!(stored(&path), 0, "not visible before the commit");
        s.commit().expect("commit");
        assert_eq!(stored(&path), 2);
        s.commit().expect("a commit with nothing open is a no-op");
        // The writer's transactions run without foreign-key checks: what
        // it wrote must pass them, and they are on again after.
        let violations: i64 = s
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .expect("foreign key check");
        assert_eq!(violations, 0);
        let pragma = |name: &str| -> i64 {
            s.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .expect("pragma")
        };
        assert_eq!(pragma("foreign_keys"), 1);
        // Nor CHECK constraints, checked back on too.
        assert_eq!(pragma("ignore_check_constraints"), 0);
        assert_eq!(integrity(&s), ["ok"]);
    }

    fn integrity(s: &Store) -> Vec<String> {
        s.conn
            .prepare("PRAGMA integrity_check")
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
            .expect("integrity check")
    }

    /// The guard of the tests above: `integrity_check` finds rows that
    /// CHECK constraints would have refused.
    #[test]
    fn integrity_check_reports_what_check_constraints_refuse() {
        let s = Store::open_in_memory().expect("store");
        s.conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;
                 INSERT INTO evidence (relation_id, article_id, sentence, trigger, confidence, attrs)
                 VALUES (1, 1, 0, 'x', 1.0, 'not json');
                 PRAGMA ignore_check_constraints = OFF;",
            )
            .expect("seed");
        let found = integrity(&s);
        assert!(found.iter().any(|m| m.contains("CHECK")), "{found:?}");
    }

    #[test]
    fn symmetric_relations_are_stored_once_smaller_id_first() {
        let mut s = Store::open_in_memory().expect("store");
        s.write_batch(&[(article("Alice Bob"), words("Alice Bob", Label::Meets))])
            .expect("write");
        s.write_batch(&[(article("Bob Alice"), words("Bob Alice", Label::Meets))])
            .expect("write");
        let edges = s
            .relations(&crate::store::EdgeFilter::default(), None)
            .expect("edges");
        assert_eq!(edges.len(), 1, "{edges:?}");
        assert_eq!((edges[0].head, edges[0].tail), (EntityId(1), EntityId(2)));
        assert_eq!(s.evidence_count(edges[0].id).expect("count"), 2);
        // A directed label keeps its direction.
        s.write_batch(&[(article("Alice Bob role"), words("Alice Bob", Label::Role))])
            .expect("write");
        let role = s
            .relations(
                &crate::store::EdgeFilter {
                    labels: Some(vec![Label::Role]),
                    ..Default::default()
                },
                None,
            )
            .expect("edges");
        assert_eq!((role[0].head, role[0].tail), (EntityId(2), EntityId(1)));
    }

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

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 99, 1000, 123_456_789, -1, -40, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        assert_eq!(
            spans_json([(0, 12), (13, 140)].into_iter()),
            "[[0,12],[13,140]]"
        );
        assert_eq!(spans_json(std::iter::empty()), "[]");
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

    /// What [`CharIndex::get`] must give: a table of every byte's code
    /// point, `None` inside a character and past the end.
    fn char_table(text: &str) -> Vec<Option<i64>> {
        let mut table = vec![None; text.len() + 1];
        for (n, (b, _)) in text.char_indices().enumerate() {
            table[b] = Some(n as i64);
        }
        table[text.len()] = Some(text.chars().count() as i64);
        table
    }

    proptest! {
        /// Every byte offset of a mixed-script text (and a few past its
        /// end) maps to its code point, or to `None` where the table of
        /// every byte has none; around block ends too.
        #[test]
        fn char_index_matches_a_table_of_every_byte(
            text in "[a-zé東\u{1F600}\u{300} ]{0,200}",
        ) {
            let index = CharIndex::new(&text);
            let table = char_table(&text);
            for b in 0..text.len() + 70 {
                prop_assert_eq!(index.get(b), table.get(b).copied().flatten(), "byte {}", b);
            }
        }

        /// `check` refuses exactly the spans that do not fit: inside a
        /// character, past the end, or reversed, with the same message.
        #[test]
        fn check_refuses_spans_off_character_boundaries(
            text in "[aé東\u{1F600} ]{1,150}",
            start in 0usize..700,
            end in 0usize..700,
            as_sentence in any::<bool>(),
        ) {
            let mut ex = words(&text, Label::Meets);
            let span = Span { start, end };
            if as_sentence {
                ex.sentences[0] = span;
            } else {
                prop_assume!(!ex.mentions.is_empty());
                ex.mentions[0].span = span;
            }
            let table = char_table(&text);
            let fits = |b: usize| table.get(b).copied().flatten().is_some();
            let ok = start <= end && fits(start) && fits(end);
            let got = check(&ex, &CharIndex::new(&text));
            prop_assert_eq!(got.is_ok(), ok, "{:?}", got);
            if let Err(message) = got {
                prop_assert!(message.contains("does not fit"), "{}", message);
            }
        }

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

        /// What the store writes it reads back: each entity with its
        /// aliases, each mention's code-point offsets slicing the text to
        /// its surface form, each evidence sentence as the text says.
        #[test]
        fn store_round_trip(text in "[a-zA-Zéï東 ]{1,12}( [A-Zé][a-zü\"\\\\]{0,6}){0,8}") {
            let mut s = Store::open_in_memory().expect("store");
            let ex = words(&text, Label::Meets);
            prop_assume!(!ex.entities.is_empty());
            let out = s.write_batch(&[(article(&text), ex.clone())]).expect("write");
            prop_assert!(matches!(out[..], [Outcome::New(_)]));
            let chars: Vec<char> = text.chars().collect();
            let slice = |a: i64, b: i64| chars[a as usize..b as usize].iter().collect::<String>();
            for (i, e) in ex.entities.iter().enumerate() {
                let id = EntityId(i as i64 + 1);
                let row = s.entity(id).expect("read").expect("exists");
                prop_assert_eq!(&row.name, &e.name);
                prop_assert_eq!(s.aliases(id).expect("aliases"), vec![e.name.clone()]);
                let same_fold = ex.entities.iter().filter(|o| super::super::fold(&o.name) == super::super::fold(&e.name)).count();
                if same_fold == 1 {
                    prop_assert_eq!(s.resolve(&e.name.to_uppercase()).expect("resolve"), id);
                }
            }
            let mut stmt = s.conn.prepare("SELECT spans FROM mentions").expect("sql");
            let rows: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            let mut surfaces: Vec<String> = rows
                .iter()
                .flat_map(|spans| serde_json::from_str::<Vec<(i64, i64)>>(spans).expect("spans JSON"))
                .map(|(a, b)| slice(a, b))
                .collect();
            let mut expected: Vec<String> =
                ex.mentions.iter().map(|m| text[m.span.start..m.span.end].to_string()).collect();
            surfaces.sort();
            expected.sort();
            prop_assert_eq!(surfaces, expected);
            for e in s.relations(&crate::store::EdgeFilter::default(), None).expect("edges") {
                for ev in s.evidence(e.id, None).expect("evidence") {
                    prop_assert_eq!(slice(ev.start, ev.end), ev.sentence.clone());
                    prop_assert_eq!(ev.sentence, text.clone());
                }
            }
        }
    }
}
