//! Dates: the article dates behind an edge's evidence and an entity's
//! mentions, for exports over time (GEXF spells, `--since/--until`).
//!
//! A date is the first ten characters of the article's `date` when they
//! read as `YYYY-MM-DD`; an article with no such date is undated and
//! counted apart.

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

fn dated(rows: Vec<(Option<String>, i64)>) -> Dated {
    let mut out = Dated::default();
    for (day, n) in rows {
        match day.filter(|d| is_day(d)) {
            Some(d) => match out.days.last_mut() {
                Some((last, m)) if *last == d => *m += n,
                _ => out.days.push((d, n)),
            },
            None => out.undated += n,
        }
    }
    out
}

impl Store {
    /// The days of the articles whose sentences support an edge, with the
    /// number of sentences on each.
    pub fn evidence_dates(&self, relation: RelationId) -> Result<Dated> {
        const STEP: &str = "read evidence dates";
        let (sql, args) = match relation.pair() {
            Some((head, tail)) => (
                "SELECT substr(a.date, 1, 10) AS day, count(*) FROM cooccurrences e
                 JOIN articles a ON a.id = e.article_id
                 WHERE e.head = ?1 AND e.tail = ?2 GROUP BY day ORDER BY day",
                vec![head.0, tail.0],
            ),
            None => (
                "SELECT substr(a.date, 1, 10) AS day, count(*) FROM evidence e
                 JOIN articles a ON a.id = e.article_id
                 WHERE e.relation_id = ?1 GROUP BY day ORDER BY day",
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
        Ok(dated(rows))
    }

    /// The days of the articles that mention an entity, one count per
    /// article.
    pub fn mention_dates(&self, id: EntityId) -> Result<Dated> {
        const STEP: &str = "read mention dates";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT substr(a.date, 1, 10) AS day, count(*) FROM mentions m
                 JOIN articles a ON a.id = m.article_id
                 WHERE m.entity_id = ?1 GROUP BY day ORDER BY day",
            )
            .map_err(Error::sql(STEP))?;
        let rows = stmt
            .query_map(params![id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(Error::sql(STEP))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::sql(STEP))?;
        Ok(dated(rows))
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
        let d = dated(vec![
            (None, 2),
            (Some("June 2021".into()), 1),
            (Some("2021-06-01".into()), 3),
            (Some("2021-06-02".into()), 1),
        ]);
        assert_eq!(d.undated, 3);
        assert_eq!(d.total(), 7);
        let mid = d.between(Some("2021-06-02"), Some("2021-06-02"));
        assert_eq!(mid.days, vec![("2021-06-02".to_string(), 1)]);
        assert_eq!(mid.total(), 1);
        assert_eq!(d.between(None, Some("2021-05-31")).total(), 0);
    }
}
