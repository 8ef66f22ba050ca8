//! Dates: the days an edge's evidence is dated by (its sentence's date
//! words resolved at ingest, else its article's day; schema 0010) and the
//! article days behind an entity's mentions, for queries and exports over
//! time (`--since/--until`, GEXF spells, `kg timeline`).
//!
//! An evidence row is dated by an interval of days, `day_start` to
//! `day_end` (one day, or a month's first to last); a range keeps the rows
//! whose interval overlaps it, so "in March" is within `--since
//! 2024-03-15`. An article's day is the first ten characters of its `date`
//! when they read as `YYYY-MM-DD`; an article with no such date is undated
//! and counted apart. [`Store::article_days`] reads every article's day
//! once; the reads of an edge or an entity then touch only their index.

use crate::error::{Error, Result};
use crate::model::{EntityId, RelationId};
use crate::store::Store;
use rusqlite::params;

/// Whether `s` reads as `YYYY-MM-DD`: one check for `--since`, stored
/// days and facts lines.
pub use crate::model::facts::is_day;

/// A range of days, both ends inclusive and optional (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayRange {
    pub since: Option<String>,
    pub until: Option<String>,
}

impl DayRange {
    /// Whether it keeps everything, the undated too.
    pub fn is_all(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// Whether the days `first` to `last` overlap it.
    pub fn overlaps(&self, first: &str, last: &str) -> bool {
        self.since.as_deref().is_none_or(|s| last >= s)
            && self.until.as_deref().is_none_or(|u| first <= u)
    }

    /// Since and until, to bind as the parameters of [`Self::condition`].
    pub(in crate::store) fn args(&self) -> (Option<&str>, Option<&str>) {
        (self.since.as_deref(), self.until.as_deref())
    }

    /// The condition a row of alias `e` (with `day_start`, `day_end`)
    /// meets when parameters `?n` and `?n+1` (since, until; NULL for
    /// none) keep it: an undated row passes only when neither is given.
    pub(in crate::store) fn condition(n: usize) -> String {
        let (s, u) = (n, n + 1);
        format!(
            "((?{s} IS NULL AND ?{u} IS NULL)
              OR (e.day_start IS NOT NULL AND (?{s} IS NULL OR e.day_end >= ?{s})
                  AND (?{u} IS NULL OR e.day_start <= ?{u})))"
        )
    }
}

/// How many sentences (for an edge) or articles (for an entity) fall on
/// each span of days (first, last: equal for one day), in date order, and
/// how many carry no date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dated {
    pub days: Vec<((String, String), i64)>,
    pub undated: i64,
}

impl Dated {
    /// All of them, dated or not.
    pub fn total(&self) -> i64 {
        self.undated + self.days.iter().map(|(_, n)| n).sum::<i64>()
    }

    /// Those dated within `range` (their days overlap it); all of them
    /// when the range is unbounded.
    pub fn within(&self, range: &DayRange) -> Dated {
        if range.is_all() {
            return self.clone();
        }
        Dated {
            days: self
                .days
                .iter()
                .filter(|((a, b), _)| range.overlaps(a, b))
                .cloned()
                .collect(),
            undated: 0,
        }
    }

    /// The first and last day of all of them ("" when none is dated).
    pub fn span(&self) -> (&str, &str) {
        let first = self.days.first().map_or("", |((a, _), _)| a.as_str());
        let last = self
            .days
            .iter()
            .map(|((_, b), _)| b.as_str())
            .max()
            .unwrap_or("");
        (first, last)
    }
}

/// The day of every article, read once: evidence and mention reads then
/// stay index-only (joining `articles` would read each text's page). A
/// day is held as the number `YYYYMMDD` (0: none), four bytes an article.
#[derive(Debug, Clone, Default)]
pub struct ArticleDays(Vec<u32>);

impl ArticleDays {
    fn day(&self, article: i64) -> Option<u32> {
        usize::try_from(article)
            .ok()
            .and_then(|i| self.0.get(i))
            .copied()
            .filter(|&d| d != 0)
    }

    /// Rows of (article id, count), any order, as days and undated;
    /// taken one by one (a hub is mentioned tens of thousands of times).
    fn dated<E>(&self, rows: impl IntoIterator<Item = Result<(i64, i64), E>>) -> Result<Dated, E> {
        let mut days = std::collections::BTreeMap::new();
        let mut undated = 0;
        for row in rows {
            let (article, n) = row?;
            match self.day(article) {
                Some(d) => *days.entry(d).or_insert(0) += n,
                None => undated += n,
            }
        }
        Ok(Dated {
            days: days
                .into_iter()
                .map(|(d, n)| {
                    let day = format!("{:04}-{:02}-{:02}", d / 10_000, d / 100 % 100, d % 100);
                    ((day.clone(), day), n)
                })
                .collect(),
            undated,
        })
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
        let mut days: Vec<u32> = Vec::new();
        for row in rows {
            let (id, day) = row.map_err(Error::sql(STEP))?;
            let Ok(i) = usize::try_from(id) else { continue };
            if is_day(&day) {
                if i >= days.len() {
                    days.resize(i + 1, 0);
                }
                // `YYYY-MM-DD` as the number `YYYYMMDD`.
                days[i] = day
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .fold(0, |n, c| n * 10 + u32::from(c - b'0'));
            }
        }
        Ok(ArticleDays(days))
    }

    /// The days the sentences supporting an edge are dated by, with the
    /// number of sentences on each (read from the edge's own rows).
    pub fn evidence_dates(&self, relation: RelationId) -> Result<Dated> {
        const STEP: &str = "read evidence dates";
        let (sql, args) = match relation.pair() {
            Some((head, tail)) => (
                "SELECT day_start, day_end, count(*) FROM cooccurrences
                 WHERE head = +?1 AND tail = +?2 GROUP BY 1, 2 ORDER BY 1, 2",
                vec![head.0, tail.0],
            ),
            None => (
                "SELECT day_start, day_end, count(*) FROM evidence
                 WHERE relation_id = +?1 GROUP BY 1, 2 ORDER BY 1, 2",
                vec![relation.0],
            ),
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(Error::sql(STEP))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(Error::sql(STEP))?;
        let mut dated = Dated::default();
        for row in rows {
            match row.map_err(Error::sql(STEP))? {
                (Some(a), Some(b), n) => dated.days.push(((a, b), n)),
                (_, _, n) => dated.undated += n,
            }
        }
        Ok(dated)
    }

    /// The entities at either end of an edge with a sentence dated
    /// within `range`, by id.
    pub fn entities_dated(&self, range: &DayRange) -> Result<Vec<EntityId>> {
        const STEP: &str = "read entities dated in a range";
        let sql = format!(
            "SELECT r.head, r.tail FROM evidence e JOIN relations r ON r.id = e.relation_id
             WHERE {cond}
             UNION SELECT e.head, e.tail FROM cooccurrences e WHERE {cond}",
            cond = DayRange::condition(1)
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(Error::sql(STEP))?;
        let (since, until) = range.args();
        let rows = stmt
            .query_map(params![since, until], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(Error::sql(STEP))?;
        let mut ids = Vec::new();
        for row in rows {
            let (h, t) = row.map_err(Error::sql(STEP))?;
            ids.extend([EntityId(h), EntityId(t)]);
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
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
            .map_err(Error::sql(STEP))?;
        days.dated(rows).map_err(Error::sql(STEP))
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
        let days = ArticleDays(vec![0, 20210602, 20210601, 0, 20210601]);
        // Article 3 is undated, 9 unknown.
        let rows = [(1, 1), (2, 2), (3, 2), (4, 1), (9, 1)];
        let d = days
            .dated(rows.into_iter().map(Ok::<_, ()>))
            .expect("no error");
        let day = |s: &str, n| ((s.to_string(), s.to_string()), n);
        assert_eq!(d.days, vec![day("2021-06-01", 3), day("2021-06-02", 1)]);
        assert_eq!(d.undated, 3);
        assert_eq!(d.total(), 7);
        let range = |a: Option<&str>, b: Option<&str>| DayRange {
            since: a.map(str::to_string),
            until: b.map(str::to_string),
        };
        let mid = d.within(&range(Some("2021-06-02"), Some("2021-06-02")));
        assert_eq!(mid.days, vec![day("2021-06-02", 1)]);
        assert_eq!(mid.total(), 1);
        assert_eq!(d.within(&range(None, Some("2021-05-31"))).total(), 0);
        assert_eq!(d.within(&range(None, None)), d);
        // A month overlaps a range that starts in its middle.
        let march = range(Some("2024-03-15"), None);
        assert!(march.overlaps("2024-03-01", "2024-03-31"));
        assert!(!march.overlaps("2024-02-01", "2024-02-29"));
        assert!(range(None, Some("2024-03-01")).overlaps("2024-03-01", "2024-03-31"));
        assert!(!range(None, Some("2024-02-29")).overlaps("2024-03-01", "2024-03-31"));
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
        let got: Vec<Option<u32>> = (1..=6).map(|i| days.day(i)).collect();
        assert_eq!(
            got,
            [
                Some(20210601),
                None,
                None,
                Some(20200131),
                Some(20210601),
                None
            ]
        );
    }
}
