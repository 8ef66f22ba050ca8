//! Writing extracted articles: one transaction per batch, prepared (cached)
//! statements, an article whole or not at all.

use super::Store;
use crate::error::{Error, Result};
use crate::extract::{Extraction, Span};
use crate::model::ArticleId;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// An article as read from its source, before extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleRecord {
    /// Where it came from: a path, `path:line` for JSONL, `-` for stdin.
    pub source: String,
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The whole text; extraction offsets point into it.
    pub text: String,
}

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
    /// Measured (ARCHITECTURE.md, "Scale"): every commit writes each page it
    /// dirtied to the write-ahead log, and the index pages of a large
    /// database are dirtied by nearly every batch, so fewer, larger
    /// transactions cost less CPU.
    pub fn write_uncommitted(
        &mut self,
        batch: &[(ArticleRecord, Extraction)],
    ) -> Result<Vec<Outcome>> {
        if batch.is_empty() {
            return Ok(Vec::new());
        }
        if self.conn.is_autocommit() {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(Error::sql("begin ingest batch"))?;
        }
        let written = write_all(&self.conn, batch);
        if written.is_err() {
            // Best effort: the error being returned is the one to report.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        written
    }

    /// Commits the open write transaction, if any.
    pub fn commit(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.conn
            .execute_batch("COMMIT")
            .map_err(Error::sql("commit ingest batch"))
    }
}

fn write_all(conn: &Connection, batch: &[(ArticleRecord, Extraction)]) -> Result<Vec<Outcome>> {
    let mut next_relation: i64 = conn
        .query_row("SELECT coalesce(max(id), 0) + 1 FROM relations", [], |r| {
            r.get(0)
        })
        .map_err(Error::sql("next relation id"))?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for (article, ex) in batch {
        outcomes.push(write_article(conn, article, ex, &mut next_relation)?);
    }
    Ok(outcomes)
}

fn write_article(
    tx: &Connection,
    a: &ArticleRecord,
    ex: &Extraction,
    next_relation: &mut i64,
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

    let mut mention_counts = vec![0i64; ex.entities.len()];
    for m in &ex.mentions {
        mention_counts[m.entity] += 1;
    }
    let mut entities = Vec::with_capacity(ex.entities.len());
    {
        // No RETURNING and no upsert: either makes SQLite keep a statement
        // journal, a copy of every page the statement touches (measured:
        // half the cost of these statements).
        let mut find = tx
            .prepare_cached("SELECT id FROM entities WHERE type = ?1 AND key = ?2")
            .map_err(Error::sql("prepare entity lookup"))?;
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO entities (type, key, name, mention_count) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(Error::sql("prepare entity insert"))?;
        let mut merge = tx
            .prepare_cached(
                "UPDATE entities SET mention_count = mention_count + ?2,
                   name = iif(length(?3) > length(name), ?3, name)
                 WHERE id = ?1",
            )
            .map_err(Error::sql("prepare entity merge"))?;
        let mut alias = tx
            .prepare_cached(
                "INSERT INTO aliases (entity_id, alias, norm) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )
            .map_err(Error::sql("prepare alias insert"))?;
        for (e, count) in ex.entities.iter().zip(&mention_counts) {
            let kind = e.kind.as_str();
            let found: Option<i64> = find
                .query_row(params![kind, e.key], |r| r.get(0))
                .optional()
                .map_err(Error::sql("find entity"))?;
            let id = match found {
                Some(id) => {
                    merge
                        .execute(params![id, count, e.name])
                        .map_err(Error::sql("merge entity"))?;
                    id
                }
                None => {
                    insert
                        .execute(params![kind, e.key, e.name, count])
                        .map_err(Error::sql("insert entity"))?;
                    tx.last_insert_rowid()
                }
            };
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                alias
                    .execute(params![id, name, super::fold(name)])
                    .map_err(Error::sql("insert alias"))?;
            }
            entities.push(id);
        }
    }

    {
        // One row per (entity, article): the spans of its mentions there.
        let mut per_entity: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
        for m in &ex.mentions {
            per_entity
                .entry(entities[m.entity])
                .or_default()
                .push(chars.span(m.span));
        }
        let mut stmt = tx
            .prepare_cached(
                "INSERT INTO mentions (entity_id, article_id, spans) VALUES (?1, ?2, ?3)",
            )
            .map_err(Error::sql("prepare mention insert"))?;
        for (entity, mut spans) in per_entity {
            spans.sort_unstable();
            stmt.execute(params![entity, article, spans_json(spans.into_iter())])
                .map_err(Error::sql("insert mentions"))?;
        }
    }

    {
        let mut insert = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO relations (head, tail, label, id, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(Error::sql("prepare relation insert"))?;
        let mut find = tx
            .prepare_cached(
                "SELECT id, confidence FROM relations WHERE head = ?1 AND tail = ?2 AND label = ?3",
            )
            .map_err(Error::sql("prepare relation lookup"))?;
        let mut raise = tx
            .prepare_cached(
                "UPDATE relations SET confidence = ?4 WHERE head = ?1 AND tail = ?2 AND label = ?3",
            )
            .map_err(Error::sql("prepare relation confidence"))?;
        let mut evidence = tx
            .prepare_cached(
                "INSERT INTO evidence (relation_id, article_id, sentence, trigger, confidence, attrs)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT DO NOTHING",
            )
            .map_err(Error::sql("prepare evidence insert"))?;
        for r in &ex.relations {
            let (mut head, mut tail) = (entities[r.head], entities[r.tail]);
            if head == tail {
                continue; // two mentions of one thing merged into one node
            }
            if r.label.is_symmetric() && head > tail {
                std::mem::swap(&mut head, &mut tail);
            }
            let confidence = clamp(r.confidence);
            let label = r.label.as_str();
            let inserted = insert
                .execute(params![head, tail, label, *next_relation, confidence])
                .map_err(Error::sql("insert relation"))?;
            let id = match inserted {
                1 => {
                    *next_relation += 1;
                    *next_relation - 1
                }
                _ => {
                    // Known edge: keep the best confidence of its evidence.
                    let (id, stored): (i64, f64) = find
                        .query_row(params![head, tail, label], |row| {
                            Ok((row.get(0)?, row.get(1)?))
                        })
                        .map_err(Error::sql("find relation"))?;
                    if confidence > stored {
                        raise
                            .execute(params![head, tail, label, confidence])
                            .map_err(Error::sql("raise relation confidence"))?;
                    }
                    id
                }
            };
            let attrs = serde_json::to_string(&r.attrs).expect("a string map serialises");
            evidence
                .execute(params![
                    id,
                    article,
                    r.sentence as i64,
                    r.trigger,
                    confidence,
                    attrs
                ])
                .map_err(Error::sql("insert evidence"))?;
        }
    }
    Ok(Outcome::New(ArticleId(article)))
}

/// Code-point spans as the JSON array `[[start,end],...]` the schema keeps
/// sentence and mention offsets in.
fn spans_json(spans: impl Iterator<Item = (i64, i64)>) -> String {
    use std::fmt::Write;
    let mut out = String::from("[");
    for (i, (start, end)) in spans.enumerate() {
        if i > 0 {
            out.push(',');
        }
        write!(out, "[{start},{end}]").expect("writing to a String cannot fail");
    }
    out.push(']');
    out
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
pub(crate) struct CharIndex {
    /// `chars[b]` is the code-point offset of byte `b`, or `u32::MAX` when
    /// `b` is inside a character; one extra entry for the end.
    chars: Vec<u32>,
}

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let mut chars = vec![u32::MAX; text.len() + 1];
        let mut n = 0u32;
        for (b, _) in text.char_indices() {
            chars[b] = n;
            n += 1;
        }
        chars[text.len()] = n;
        CharIndex { chars }
    }

    /// The code-point offset of byte `b`, if it is a character boundary.
    pub(crate) fn get(&self, b: usize) -> Option<i64> {
        self.chars
            .get(b)
            .filter(|&&c| c != u32::MAX)
            .map(|&c| i64::from(c))
    }

    /// A checked span in code points.
    fn span(&self, s: Span) -> (i64, i64) {
        (
            self.get(s.start).expect("span checked by check()"),
            self.get(s.end).expect("span checked by check()"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Entity, Mention, Relation};
    use crate::model::{EntityId, EntityType, Label, Lang};
    use proptest::prelude::*;

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

    proptest! {
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
