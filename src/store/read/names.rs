//! Names: what a user typed resolved to one entity (`#ID`, a name or
//! alias, whole words of one), else suggestions or the candidates.

use super::rows::{ENTITY_COLS, EntityRow, entity_row};
use crate::error::{Error, Result};
use crate::model::EntityId;
use crate::store::{MAX_NAME_CHARS, Store, fold};
use rusqlite::{Row, params};
use std::collections::BTreeMap;

impl Store {
    /// Resolves what a user typed to one entity: `#ID`, else a name or
    /// alias compared case- and accent-insensitively, else the query as
    /// whole words of a name ("dvorak" for "Antonín Dvořák"). Unknown names
    /// get suggestions, ambiguous ones the candidates (both exit 2 in the
    /// CLI); a name longer than [`MAX_NAME_CHARS`] is refused before any
    /// SQL. Every step is an index lookup or a bounded index range.
    pub fn resolve(&self, query: &str) -> Result<EntityId> {
        let chars = query.chars().count();
        if chars > MAX_NAME_CHARS {
            return Err(Error::NameTooLong {
                chars,
                max: MAX_NAME_CHARS,
            });
        }
        if let Some(id) = query.strip_prefix('#').and_then(|n| n.parse::<i64>().ok())
            && self.entity(EntityId(id))?.is_some()
        {
            return Ok(EntityId(id));
        }
        let q = fold(query);
        let exact = self.matching(
            "SELECT entity_id FROM aliases WHERE norm = ?1",
            params![q],
            50,
        )?;
        // Else names holding the query as whole words: those indexed by
        // its longest word (the most selective), checked for the rest.
        let longest = q.split(' ').max_by_key(|w| w.len()).unwrap_or("");
        let found = if exact.is_empty() && !longest.is_empty() {
            self.matching(
                "SELECT a.entity_id FROM alias_words w JOIN aliases a ON a.norm = w.norm
                 WHERE w.word = ?1 AND instr(' ' || w.norm || ' ', ?2) > 0",
                params![longest, format!(" {q} ")],
                50,
            )?
        } else {
            exact
        };
        let by_name: Vec<&EntityRow> = found.iter().filter(|e| fold(&e.name) == q).collect();
        match (found.as_slice(), by_name.as_slice()) {
            ([one], _) => Ok(one.id),
            (_, [one]) => Ok(one.id),
            ([], _) => Err(Error::UnknownEntity {
                query: query.to_string(),
                suggestions: self.suggest(&q)?,
            }),
            (many, _) => Err(Error::AmbiguousEntity {
                query: query.to_string(),
                candidates: many.iter().map(describe).collect(),
            }),
        }
    }

    /// The entities whose ids `ids_sql` selects with `args`, most
    /// mentioned first, at most `limit`.
    fn matching(
        &self,
        ids_sql: &str,
        args: impl rusqlite::Params,
        limit: usize,
    ) -> Result<Vec<EntityRow>> {
        let sql = format!(
            "SELECT {ENTITY_COLS} FROM entities WHERE id IN ({ids_sql})
             ORDER BY mention_count DESC, id LIMIT {limit}"
        );
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(Error::sql("resolve entity"))?;
        stmt.query_map(args, entity_row)
            .and_then(|rows| rows.collect())
            .map_err(Error::sql("resolve entity"))
    }

    /// Close names for an unknown query: names starting with it, or with
    /// a word starting with one of its words (of 3 characters or more);
    /// else names with a word (or the whole name) within a small edit
    /// distance of the query or one of its words, among those sharing its
    /// first character. Each search reads a bounded range of an index.
    fn suggest(&self, q: &str) -> Result<Vec<String>> {
        const MAX: usize = 5;
        /// Index entries one prefix search reads at most.
        const PREFIX_ROWS: usize = 1000;
        /// Index entries the edit-distance search reads per query word.
        const CLOSE_ROWS: usize = 20_000;
        let upper = |p: &str| format!("{p}{}", char::MAX);
        let mut out: Vec<EntityRow> = Vec::new();
        let add = |rows: Vec<EntityRow>, out: &mut Vec<EntityRow>| {
            for r in rows {
                if out.len() < MAX && !out.iter().any(|o| o.id == r.id) {
                    out.push(r);
                }
            }
        };
        let words: Vec<&str> = q
            .split([' ', '-', '\''])
            .filter(|w| w.chars().count() >= 3)
            .collect();
        if !q.is_empty() {
            let rows = self.matching(
                &format!(
                    "SELECT entity_id FROM aliases WHERE norm >= ?1 AND norm < ?2
                     LIMIT {PREFIX_ROWS}"
                ),
                params![q, upper(q)],
                MAX,
            )?;
            add(rows, &mut out);
        }
        for w in &words {
            if out.len() >= MAX {
                break;
            }
            let rows = self.matching(
                &format!(
                    "SELECT a.entity_id FROM
                       (SELECT norm FROM alias_words WHERE word >= ?1 AND word < ?2
                        LIMIT {PREFIX_ROWS}) w
                     JOIN aliases a ON a.norm = w.norm"
                ),
                params![w, upper(w)],
                MAX,
            )?;
            add(rows, &mut out);
        }
        if out.is_empty() {
            let mut close: Vec<(usize, String)> = Vec::new();
            // (length in chars, allowed distance) of each target, by its
            // first character: each range is read once however many
            // targets start with it.
            let mut targets: BTreeMap<char, Vec<(&str, usize, usize)>> = BTreeMap::new();
            for t in std::iter::once(q).chain(words.iter().copied()) {
                if let Some(first) = t.chars().next() {
                    let n = t.chars().count();
                    targets
                        .entry(first)
                        .or_default()
                        .push((t, n, (n / 3).max(1)));
                }
            }
            let mut range = self
                .conn
                .prepare_cached(&format!(
                    "SELECT word, norm FROM alias_words WHERE word >= ?1 AND word < ?2
                     LIMIT {CLOSE_ROWS}"
                ))
                .map_err(Error::sql("suggest entities"))?;
            for (first, ts) in &targets {
                let first = first.to_string();
                let mut rows = range
                    .query(params![first, upper(&first)])
                    .map_err(Error::sql("suggest entities"))?;
                while let Some(r) = rows.next().map_err(Error::sql("suggest entities"))? {
                    let word = row_str(r, 0)?;
                    let len = word.chars().count();
                    // Close to one of its words, or (a query of several
                    // words) to the whole name.
                    let mut best = ts
                        .iter()
                        .filter(|&&(_, n, max)| n.abs_diff(len) <= max)
                        .filter_map(|&(t, _, max)| edit_distance(t, word, max))
                        .min();
                    let norm = row_str(r, 1)?;
                    for &(t, n, max) in ts.iter().filter(|t| t.0.contains(' ')) {
                        if n.abs_diff(norm.chars().count()) <= max {
                            best = best.into_iter().chain(edit_distance(t, norm, max)).min();
                        }
                    }
                    if let Some(d) = best {
                        close.push((d, norm.to_string()));
                    }
                }
            }
            // The smallest distance of each name, then the closest first.
            close.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
            close.dedup_by(|a, b| a.1 == b.1);
            close.sort();
            let mut ids: Vec<(usize, i64)> = Vec::new();
            let mut by_norm = self
                .conn
                .prepare_cached("SELECT entity_id FROM aliases WHERE norm = ?1")
                .map_err(Error::sql("suggest entities"))?;
            for (d, norm) in close.iter().take(4 * MAX) {
                let rows = by_norm
                    .query_map(params![norm], |r| r.get::<_, i64>(0))
                    .map_err(Error::sql("suggest entities"))?;
                for id in rows {
                    ids.push((*d, id.map_err(Error::sql("suggest entities"))?));
                }
            }
            ids.sort_by_key(|&(d, id)| (id, d));
            ids.dedup_by_key(|c| c.1);
            ids.sort();
            for (_, id) in ids.into_iter().take(MAX) {
                if let Some(e) = self.entity(EntityId(id))? {
                    out.push(e);
                }
            }
        }
        Ok(out.iter().map(describe).collect())
    }
}

/// Column `i` of `r` as borrowed text.
fn row_str<'r>(r: &'r Row<'_>, i: usize) -> Result<&'r str> {
    r.get_ref(i)
        .and_then(|v| v.as_str().map_err(Into::into))
        .map_err(Error::sql("suggest entities"))
}

fn describe(e: &EntityRow) -> String {
    format!(
        "{} ({}, #{}, {} mentions)",
        e.name, e.kind, e.id, e.mentions
    )
}

/// Levenshtein distance between `a` and `b` if it is at most `max`.
fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > max) {
            return None;
        }
        prev = cur;
    }
    prev.last().copied().filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::edit_distance;
    use crate::error::Error;
    use crate::model::EntityType;
    use crate::store::test_fixtures::{article, extraction};
    use crate::store::{MAX_NAME_CHARS, Store};

    /// A store with one article mentioning each of `names` (the same
    /// number of times as its position, so the order of suggestions is
    /// known), each its own alias.
    fn store_of(names: &[&str]) -> Store {
        let text = names.join(". ");
        let mut spans = Vec::new();
        let mut at = 0;
        for (i, n) in names.iter().enumerate() {
            spans.extend(std::iter::repeat_n((at, at + n.len()), i + 1));
            at += n.len() + 2;
        }
        let ex = extraction(&text, spans, EntityType::Per, None);
        let mut store = Store::open_in_memory().expect("memory db");
        store.write_batch(&[(article(&text), ex)]).expect("write");
        store
    }

    const NAMES: [&str; 5] = [
        "Antonín Dvořák",
        "Jean-Pierre Raffarin",
        "Sergueï Orlakov",
        "Barack Obama",
        "Michelle Obama",
    ];

    fn name_of(store: &Store, q: &str) -> String {
        let id = store.resolve(q).expect(q);
        store.entity(id).expect("read").expect("entity").name
    }

    fn suggestions(store: &Store, q: &str) -> Vec<String> {
        match store.resolve(q) {
            Err(Error::UnknownEntity { suggestions, .. }) => suggestions,
            other => panic!("{q}: {other:?}"),
        }
    }

    #[test]
    fn names_and_whole_words_resolve_through_the_index() {
        let store = store_of(&NAMES);
        assert_eq!(name_of(&store, "antonin dvorak"), "Antonín Dvořák");
        assert_eq!(name_of(&store, "DVORAK"), "Antonín Dvořák");
        assert_eq!(name_of(&store, "raffarin"), "Jean-Pierre Raffarin");
        assert_eq!(name_of(&store, "jean-pierre"), "Jean-Pierre Raffarin");
        // Parts at hyphens are indexed for suggestions, not whole words.
        assert!(matches!(
            store.resolve("pierre"),
            Err(Error::UnknownEntity { .. })
        ));
        match store.resolve("obama") {
            Err(Error::AmbiguousEntity { candidates, .. }) => assert_eq!(
                candidates,
                [
                    "Michelle Obama (PER, #5, 5 mentions)",
                    "Barack Obama (PER, #4, 4 mentions)"
                ]
            ),
            other => panic!("{other:?}"),
        }
        // Whole words only, in order.
        assert!(store.resolve("obam").is_err());
        assert!(store.resolve("obama barack").is_err());
    }

    #[test]
    fn unknown_names_get_prefix_then_close_suggestions() {
        let store = store_of(&NAMES);
        // Names, or their words, starting with the query's words.
        assert_eq!(
            suggestions(&store, "Orla"),
            ["Sergueï Orlakov (PER, #3, 3 mentions)"]
        );
        assert_eq!(
            suggestions(&store, "pierre"),
            ["Jean-Pierre Raffarin (PER, #2, 2 mentions)"]
        );
        assert_eq!(
            suggestions(&store, "barack ob"),
            ["Barack Obama (PER, #4, 4 mentions)"]
        );
        // Else words (or whole names) a few edits away.
        assert_eq!(
            suggestions(&store, "Orlakof"),
            ["Sergueï Orlakov (PER, #3, 3 mentions)"]
        );
        assert_eq!(
            suggestions(&store, "Barak Obana"),
            [
                "Barack Obama (PER, #4, 4 mentions)",
                "Michelle Obama (PER, #5, 5 mentions)"
            ]
        );
        assert!(suggestions(&store, "Zzyzx Qwerty").is_empty());
        assert!(suggestions(&store, "%_\\'").is_empty());
    }

    #[test]
    fn names_too_long_are_refused_before_any_lookup() {
        let store = store_of(&NAMES);
        let long = "é".repeat(MAX_NAME_CHARS + 1);
        assert!(matches!(
            store.resolve(&long),
            Err(Error::NameTooLong { chars, max: MAX_NAME_CHARS }) if chars == MAX_NAME_CHARS + 1
        ));
        let at_bound = "a ".repeat(MAX_NAME_CHARS / 2);
        assert!(matches!(
            store.resolve(&at_bound),
            Err(Error::UnknownEntity { .. })
        ));
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("orlakov", "orlokov", 2), Some(1));
        assert_eq!(edit_distance("dalmont", "dalmont", 0), Some(0));
        assert_eq!(edit_distance("abc", "xyz", 2), None);
    }
}
