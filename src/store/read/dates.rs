//! Dates: the article dates behind an edge's evidence and an entity's
//! mentions, for exports over time (GEXF spells, `--since/--until`).
//!
//! A date is the first ten characters of the article's `date` when they
//! read as `YYYY-MM-DD`; an article with no such date is undated and
//! counted apart. [`Store::article_days`] reads every article's day once;
//! the reads of an edge or an entity then touch only their index.

use crate::error::{Error, Result};
use crate::model::{EntityId, RelationId};
use crate::store::Store;
use rusqlite::params;

/// How many sentences (for an edge) or articles (for an entity) fall on
/// each day, in date order, and how many carry no date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dated {
    pub days: Vec<(String, i64)>,
    pub undated: i64,
}

impl Dated {
    /// All of them, dated or not.
    pub fn total(&self) -> i64 {
        self.undated + self.days.iter().map(|(_, n)| n).sum::<i64>()
    }

    /// Those dated within `[since, until]` (both `YYYY-MM-DD`, inclusive).
    pub fn between(&self, since: Option<&str>, until: Option<&str>) -> Dated {
        Dated {
            days: self
                .days
                .iter()
                .filter(|(d, _)| {
                    since.is_none_or(|s| d.as_str() >= s) && until.is_none_or(|u| d.as_str() <= u)
                })
                .cloned()
                .collect(),
            undated: 0,
        }
    }
}

/// Whether `s` reads as `YYYY-MM-DD` (digits and dashes; not a calendar
/// check).
pub fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The day of every article, read once: evidence and mention reads then
/// stay index-only (joining `articles` would read each text's page).
#[derive(Debug, Clone, Default)]
pub struct ArticleDays(Vec<Option<Box<str>>>);

impl ArticleDays {
    fn day(&self, article: i64) -> Option<&str> {
        usize::try_from(article)
            .ok()
            .and_then(|i| self.0.get(i))
            .and_then(|d| d.as_deref())
    }

    /// Rows of (article id, count), any order, as days and undated.
    fn dated(&self, rows: &[(i64, i64)]) -> Dated {
        let mut days = std::collections::BTreeMap::new();
        let mut undated = 0;
        for &(article, n) in rows {
            match self.day(article) {
                Some(d) => *days.entry(d).or_insert(0) += n,
                None => undated += n,
            }
        }
        Dated {
            days: days.into_iter().map(|(d, n)| (d.to_string(), n)).collect(),
            undated,
        }
    }
}

impl Store {
    /// The day of each article (`YYYY-MM-DD`, else none), by id.
    pub fn article_days(&self) -> Result<ArticleDays> {
        const STEP: &str = "read article dates";
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, substr(date, 1, 10) FROM articles WHERE date IS NOT NULL")
            .map_err(Error::sql(STEP))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(Error::sql(STEP))?;
        let mut days: Vec<Option<Box<str>>> = Vec::new();
        for row in rows {
            let (id, day) = row.map_err(Error::sql(STEP))?;
            let Ok(i) = usize::try_from(id) else { continue };
            if is_day(&day) {
                if i >= days.len() {
                    days.resize(i + 1, None);
                }
                days[i] = Some(day.into());
            }
        }
        Ok(ArticleDays(days))
    }

    /// The days of the articles whose sentences support an edge, with the
    /// number of sentences on each (index-only).
    pub fn evidence_dates(&self, relation: RelationId, days: &ArticleDays) -> Result<Dated> {
        const STEP: &str = "read evidence dates";
        let (sql, args) = match relation.pair() {
            Some((head, tail)) => (
                "SELECT article_id, count(*) FROM cooccurrences
                 WHERE head = +?1 AND tail = +?2 GROUP BY article_id",
                vec![head.0, tail.0],
            ),
            None => (
                "SELECT article_id, count(*) FROM evidence
                 WHERE relation_id = +?1 GROUP BY article_id",
                vec![relation.0],
            ),
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(Error::sql(STEP))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(Error::sql(STEP))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::sql(STEP))?;
        Ok(days.dated(&rows))
    }

    /// The days of the articles that mention an entity, one count per
    /// article (index-only).
    pub fn mention_dates(&self, id: EntityId, days: &ArticleDays) -> Result<Dated> {
        const STEP: &str = "read mention dates";
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id, 1 FROM mentions WHERE entity_id = +?1")
            .map_err(Error::sql(STEP))?;
        let rows = stmt
            .query_map(params![id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(Error::sql(STEP))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::sql(STEP))?;
        Ok(days.dated(&rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_ten_characters_of_digits_and_dashes() {
        assert!(is_day("2021-09-30"));
        for bad in ["2021-9-30", "2021/09/30", "", "2021-09-30T", "abcd-ef-gh"] {
            assert!(!is_day(bad), "{bad}");
        }
    }

    #[test]
    fn rows_become_days_and_undated_and_ranges_keep_their_ends() {
        let days = ArticleDays(vec![
            None,
            Some("2021-06-02".into()),
            Some("2021-06-01".into()),
            None,
            Some("2021-06-01".into()),
        ]);
        // Article 3 is undated, 9 unknown.
        let d = days.dated(&[(1, 1), (2, 2), (3, 2), (4, 1), (9, 1)]);
        assert_eq!(
            d.days,
            vec![("2021-06-01".to_string(), 3), ("2021-06-02".to_string(), 1)]
        );
        assert_eq!(d.undated, 3);
        assert_eq!(d.total(), 7);
        let mid = d.between(Some("2021-06-02"), Some("2021-06-02"));
        assert_eq!(mid.days, vec![("2021-06-02".to_string(), 1)]);
        assert_eq!(mid.total(), 1);
        assert_eq!(d.between(None, Some("2021-05-31")).total(), 0);
    }

    /// The day table agrees with the articles' dates as stored.
    #[test]
    fn article_days_read_what_was_written() {
        let mut batch = crate::store::test_fixtures::generated_batch(6, 1);
        let dates = [
            Some("2021-06-01T08:00:00Z"),
            None,
            Some("June 2021"),
            Some("2020-01-31"),
        ];
        for (i, (a, _)) in batch.iter_mut().enumerate() {
            a.date = dates[i % 4].map(str::to_string);
        }
        let mut store = Store::open_in_memory().expect("memory db");
        store.write_batch(&batch).expect("write");
        let days = store.article_days().expect("days");
        let got: Vec<Option<&str>> = (1..=6).map(|i| days.day(i)).collect();
        assert_eq!(
            got,
            [
                Some("2021-06-01"),
                None,
                None,
                Some("2020-01-31"),
                Some("2021-06-01"),
                None
            ]
        );
    }
}
