//! Writing extracted articles: one transaction per batch, prepared (cached)
//! statements, an article whole or not at all.
//!
//! Here: the article rows (written at once, for their ids and the
//! duplicate check) and the transactions. The graph facts of a
//! transaction are staged (`staging.rs`) and written merged, in key
//! order, at its commit (`applying.rs`, with the multi-row inserts of
//! `insert.rs`); offsets go in as code points (`offsets.rs`).

mod applying;
mod insert;
mod offsets;
mod reextract;
mod staging;

pub use reextract::{FactKeys, StoredText};
pub(super) use staging::Pending;

use super::Store;
use crate::error::{Error, Result};
use crate::model::{ArticleId, ArticleRecord, Extraction};
use offsets::{CharIndex, check, spans_json};
use rusqlite::{Connection, OptionalExtension, params};

/// What happened to one article of a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    New(ArticleId),
    /// A correction: stored (first id), and the older versions with its
    /// JSONL id or URL (the others) forgotten.
    Replaced(ArticleId, Vec<ArticleId>),
    /// The same text was already stored (under this id).
    Skipped(ArticleId),
    /// The extraction did not fit the text; nothing was written for it.
    Failed(String),
}

pub use crate::model::content_hash;

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
        self.begin_write()?;
        let written = write_all(&self.conn, &mut self.pending, batch, self.keep_versions);
        if written.is_err() {
            self.rollback();
        }
        written
    }

    /// Opens the writer's transaction unless one is open.
    fn begin_write(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            return Ok(());
        }
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
        Ok(())
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
    keep_versions: bool,
) -> Result<Vec<Outcome>> {
    let mut outcomes = Vec::with_capacity(batch.len());
    // The split rules act on what an article's text names, so before
    // staging (the other rules act as the staged facts are applied).
    let rules = crate::store::curation::Rules::load(conn)?;
    for (article, ex) in batch {
        outcomes.push(write_article(
            conn,
            pending,
            article,
            ex,
            keep_versions,
            rules.as_ref(),
        )?);
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
    keep_versions: bool,
    rules: Option<&crate::store::curation::Rules>,
) -> Result<Outcome> {
    let chars = CharIndex::new(&a.text);
    if let Err(message) = check(ex, &chars) {
        return Ok(Outcome::Failed(message));
    }
    let hash = content_hash(&a.text);
    let older = older_versions(tx, a, &hash)?;
    let version = older.iter().map(|&(_, v)| v + 1).max().unwrap_or(1);
    let inserted = tx
        .prepare_cached(
            "INSERT INTO articles (source, external_id, url, title, date, lang, content_hash, text,
                                   sentence_spans, date_raw, author, version)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (content_hash) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
                a.source,
                a.external_id,
                a.url,
                a.title,
                a.date,
                ex.lang.code(),
                &hash[..],
                a.text,
                spans_json(ex.sentences.iter().map(|s| chars.span(*s))),
                a.date_raw,
                a.author,
                version
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
    if !older.is_empty() && !keep_versions {
        // A correction replaces what it corrects; the older version's
        // facts may still be staged.
        pending.apply(tx)?;
        for &(old, _) in &older {
            crate::store::curation::forget_article(tx, old)?;
        }
    }
    if let Some(rules) = rules {
        rules.split(&a.text, ex);
    }
    pending.stage(article, ex, &chars);
    if older.is_empty() || keep_versions {
        return Ok(Outcome::New(ArticleId(article)));
    }
    let old: Vec<ArticleId> = older.iter().map(|&(id, _)| ArticleId(id)).collect();
    crate::store::curation::log(
        tx,
        "kg ingest",
        "correct",
        serde_json::json!({"article": article, "source": a.source, "replaced": old}),
    )?;
    Ok(Outcome::Replaced(ArticleId(article), old))
}

/// The stored articles (id, version) with `a`'s JSONL id or URL and
/// another text; none when `a`'s text is stored already (a no-op).
fn older_versions(tx: &Connection, a: &ArticleRecord, hash: &[u8; 32]) -> Result<Vec<(i64, i64)>> {
    if a.external_id.is_none() && a.url.is_none() {
        return Ok(Vec::new());
    }
    let step = "look up older versions";
    let same: Option<i64> = tx
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")
        .and_then(|mut s| s.query_row(params![&hash[..]], |r| r.get(0)).optional())
        .map_err(Error::sql(step))?;
    if same.is_some() {
        return Ok(Vec::new());
    }
    // Two plain lookups rather than one UNION: SQLite prepared the UNION
    // again at every run, its plan depending on the values bound
    // (`sqlite3Reprepare`: 2% of an ingest's instructions under
    // callgrind); these keep their plans.
    let mut found = Vec::new();
    for (sql, value) in [
        (
            "SELECT id, version FROM articles WHERE external_id = ?1",
            &a.external_id,
        ),
        ("SELECT id, version FROM articles WHERE url = ?1", &a.url),
    ] {
        if value.is_none() {
            continue;
        }
        tx.prepare_cached(sql)
            .and_then(|mut s| {
                s.query_map(params![value], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .try_for_each(|row| row.map(|row| found.push(row)))
            })
            .map_err(Error::sql(step))?;
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::model::{EntityId, Label};
    use crate::store::test_fixtures::{article, words};
    use proptest::prelude::*;

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
