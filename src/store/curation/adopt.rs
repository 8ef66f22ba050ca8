//! `kg merge-db` of curated databases: another database's decisions
//! taken as this one's before its articles are stored. The rules
//! (`redirects`, `alias_rules`, `split_rules`) are what a later ingest
//! re-applies ([`Rules`](super::Rules)), so once adopted they shape every
//! merged article as it is written, whichever database it comes from,
//! as they shape the articles ingested after a decision; the log entries
//! come along with their time and author.

use crate::error::{Error, Result};
use crate::store::Store;
use rusqlite::types::Value;
use std::path::Path;

/// The rule tables, copied row for row (their primary keys say which
/// rule a later one replaces).
const RULE_TABLES: [&str; 3] = ["redirects", "alias_rules", "split_rules"];

impl Store {
    /// Whether any article is stored.
    pub fn has_articles(&self) -> Result<bool> {
        self.conn
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))
            .map_err(Error::sql("count articles"))
    }

    /// Whether any curation decision is recorded (a rule or a log entry
    /// other than a correction): what [`Store::adopt_curation`] takes.
    pub fn has_decisions(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM curation_log WHERE action <> 'correct')
                     OR EXISTS (SELECT 1 FROM redirects)
                     OR EXISTS (SELECT 1 FROM alias_rules)
                     OR EXISTS (SELECT 1 FROM split_rules)",
                [],
                |r| r.get(0),
            )
            .map_err(Error::sql("count curation decisions"))
    }

    /// Adopts the curation of the database at `src`, in one transaction:
    /// its rules (one this database has for the same entity, or entity
    /// and name, is replaced: the later decision wins) and its log
    /// entries, but its corrections, which the writer records itself when
    /// it stores them. Returns the number of log entries adopted.
    pub fn adopt_curation(&mut self, src: &Path) -> Result<usize> {
        let from = Store::open_read_only(src)?;
        let read = |sql: &str, step: &'static str| -> Result<Vec<Vec<Value>>> {
            let mut stmt = from.conn.prepare(sql).map_err(Error::sql(step))?;
            let n = stmt.column_count();
            stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .and_then(|rows| rows.collect())
                .map_err(Error::sql(step))
        };
        let mut tables = Vec::new();
        for table in RULE_TABLES {
            tables.push((
                table,
                read(&format!("SELECT * FROM {table}"), "read curation rules")?,
            ));
        }
        let log = read(
            "SELECT at, by, action, detail FROM curation_log WHERE action <> 'correct' ORDER BY id",
            "read curation log",
        )?;
        let adopted = log.len();
        self.curate(|s| {
            let write = |sql: &str, rows: &[Vec<Value>]| -> Result<()> {
                let mut stmt = s
                    .conn
                    .prepare_cached(sql)
                    .map_err(Error::sql("adopt curation"))?;
                for row in rows {
                    stmt.execute(rusqlite::params_from_iter(row))
                        .map_err(Error::sql("adopt curation"))?;
                }
                Ok(())
            };
            for (table, rows) in &tables {
                if let Some(first) = rows.first() {
                    let marks = vec!["?"; first.len()].join(", ");
                    write(
                        &format!("INSERT OR REPLACE INTO {table} VALUES ({marks})"),
                        rows,
                    )?;
                }
            }
            write(
                "INSERT INTO curation_log (at, by, action, detail) VALUES (?1, ?2, ?3, ?4)",
                &log,
            )
        })?;
        Ok(adopted)
    }
}
