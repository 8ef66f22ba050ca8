//! Writing extracted articles: one transaction per batch, prepared (cached)
//! statements, an article whole or not at all.

use super::Store;
use crate::error::{Error, Result};
use crate::extract::{Extraction, Span};
use crate::model::ArticleId;
use rusqlite::{OptionalExtension, Transaction, params};
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
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(Error::sql("begin ingest batch"))?;
        let mut next_relation: i64 = tx
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM relations", [], |r| {
                r.get(0)
            })
            .map_err(Error::sql("next relation id"))?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (article, ex) in batch {
            outcomes.push(write_article(&tx, article, ex, &mut next_relation)?);
        }
        tx.commit().map_err(Error::sql("commit ingest batch"))?;
        Ok(outcomes)
    }
}

fn write_article(
    tx: &Transaction<'_>,
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
            "INSERT INTO articles (source, external_id, url, title, date, lang, content_hash, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
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
                a.text
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

    let mut sentences = Vec::with_capacity(ex.sentences.len());
    {
        let mut stmt = tx
            .prepare_cached(
                r#"INSERT INTO sentences (article_id, ord, start, "end") VALUES (?1, ?2, ?3, ?4)"#,
            )
            .map_err(Error::sql("prepare sentence insert"))?;
        for (ord, span) in ex.sentences.iter().enumerate() {
            let (start, end) = chars.span(*span);
            stmt.execute(params![article, ord as i64, start, end])
                .map_err(Error::sql("insert sentence"))?;
            sentences.push(tx.last_insert_rowid());
        }
    }

    let mut entities = Vec::with_capacity(ex.entities.len());
    {
        let mut upsert = tx
            .prepare_cached(
                "INSERT INTO entities (type, key, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT (type, key) DO UPDATE SET name = excluded.name
                   WHERE length(excluded.name) > length(entities.name)
                 RETURNING id",
            )
            .map_err(Error::sql("prepare entity upsert"))?;
        let mut find = tx
            .prepare_cached("SELECT id FROM entities WHERE type = ?1 AND key = ?2")
            .map_err(Error::sql("prepare entity lookup"))?;
        let mut alias = tx
            .prepare_cached(
                "INSERT INTO aliases (entity_id, alias, norm) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
            )
            .map_err(Error::sql("prepare alias insert"))?;
        for e in &ex.entities {
            let kind = e.kind.as_str();
            // RETURNING yields nothing when the conflict's WHERE skips the
            // update; the lookup finds the existing row then.
            let id: i64 = match upsert
                .query_row(params![kind, e.key, e.name], |r| r.get(0))
                .optional()
                .map_err(Error::sql("upsert entity"))?
            {
                Some(id) => id,
                None => find
                    .query_row(params![kind, e.key], |r| r.get(0))
                    .map_err(Error::sql("find entity"))?,
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
        let mut stmt = tx
            .prepare_cached(
                r#"INSERT INTO mentions (entity_id, article_id, sentence_id, start, "end", surface)
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6)"#,
            )
            .map_err(Error::sql("prepare mention insert"))?;
        let mut per_entity: BTreeMap<i64, i64> = BTreeMap::new();
        for m in &ex.mentions {
            let (start, end) = chars.span(m.span);
            let entity = entities[m.entity];
            stmt.execute(params![
                entity,
                article,
                sentences[m.sentence],
                start,
                end,
                &a.text[m.span.start..m.span.end]
            ])
            .map_err(Error::sql("insert mention"))?;
            *per_entity.entry(entity).or_default() += 1;
        }
        let mut count = tx
            .prepare_cached("UPDATE entities SET mention_count = mention_count + ?2 WHERE id = ?1")
            .map_err(Error::sql("prepare mention count"))?;
        for (entity, n) in per_entity {
            count
                .execute(params![entity, n])
                .map_err(Error::sql("count mentions"))?;
        }
    }

    {
        let mut relation = tx
            .prepare_cached(
                "INSERT INTO relations (head, tail, label, id, confidence) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (head, tail, label) DO UPDATE
                   SET confidence = max(confidence, excluded.confidence)
                 RETURNING id",
            )
            .map_err(Error::sql("prepare relation upsert"))?;
        let mut evidence = tx
            .prepare_cached(
                "INSERT INTO evidence (relation_id, sentence_id, article_id, trigger, confidence, attrs)
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
            let id: i64 = relation
                .query_row(
                    params![head, tail, r.label.as_str(), *next_relation, confidence],
                    |row| row.get(0),
                )
                .map_err(Error::sql("upsert relation"))?;
            if id == *next_relation {
                *next_relation += 1;
            }
            let attrs = serde_json::to_string(&r.attrs).expect("a string map serialises");
            evidence
                .execute(params![
                    id,
                    sentences[r.sentence],
                    article,
                    r.trigger,
                    confidence,
                    attrs
                ])
                .map_err(Error::sql("insert evidence"))?;
        }
    }
    Ok(Outcome::New(ArticleId(article)))
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
            let mut stmt = s.conn.prepare("SELECT start, \"end\", surface FROM mentions").expect("sql");
            let rows: Vec<(i64, i64, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            prop_assert_eq!(rows.len(), ex.mentions.len());
            for (a, b, surface) in rows {
                prop_assert_eq!(slice(a, b), surface);
            }
            for e in s.relations(&crate::store::EdgeFilter::default(), None).expect("edges") {
                for ev in s.evidence(e.id, None).expect("evidence") {
                    prop_assert_eq!(slice(ev.start, ev.end), ev.sentence.clone());
                    prop_assert_eq!(ev.sentence, text.clone());
                }
            }
        }
    }
}
