//! Word clusters from unlabelled text as tagger features (Ratinov & Roth
//! 2009): a word-to-cluster list, at a few granularities, tells the tagger
//! that a word it never saw in training behaves like words it did.
//!
//! A list is a UTF-8 TSV file (`data/clusters/LANG.tsv`, built by
//! `tools/build_clusters.py`): a header line, then `word<TAB>id<TAB>id...`,
//! one cluster id per granularity, in decreasing word frequency. Words are
//! folded as the features fold them ([`word_hash`]); of two lines that fold
//! alike the first wins. A model trained with a list carries it (as word
//! hashes and ids, see [`super::format`]), so a model file is all a tagger
//! needs, and a model trained without one computes no cluster feature.

use super::hash::{Map, word_hash};
use crate::error::{Error, Result};

/// Most granularities a list may have.
pub const MAX_LEVELS: usize = 6;

/// A word-cluster list: word hashes (strictly ascending) and `levels`
/// cluster ids per word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Clusters {
    pub levels: usize,
    pub keys: Vec<u64>,
    /// `levels` ids per key; each below `u16::MAX - 1` (stored one up,
    /// with `u16::MAX` marking the padding around a sentence).
    pub ids: Vec<u16>,
}

impl Clusters {
    /// Parses a TSV cluster list (`origin` names it in errors).
    pub fn parse(text: &str, origin: &str) -> Result<Clusters> {
        let err = |line: usize, message: String| Error::Model {
            path: format!("{origin}:{line}"),
            message,
        };
        let mut lines = text.lines().enumerate();
        let levels = match lines.next() {
            Some((_, header)) => header.split('\t').count().saturating_sub(1),
            None => 0,
        };
        if !(1..=MAX_LEVELS).contains(&levels) {
            return Err(err(
                1,
                format!(
                    "cluster list header names {levels} granularities, expected 1 to {MAX_LEVELS}"
                ),
            ));
        }
        let mut rows: Map<[u16; MAX_LEVELS]> = Map::default();
        let mut order = Vec::new();
        for (i, line) in lines {
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("");
            let mut ids = [0u16; MAX_LEVELS];
            let mut n = 0;
            for c in cols {
                let id = c
                    .parse::<u16>()
                    .ok()
                    .filter(|&x| x < u16::MAX - 1 && n < levels)
                    .ok_or_else(|| err(i + 1, format!("bad cluster id {c:?} (or too many)")))?;
                ids[n] = id;
                n += 1;
            }
            if n != levels || word.is_empty() {
                return Err(err(
                    i + 1,
                    format!("expected a word and {levels} cluster ids"),
                ));
            }
            let key = word_hash(word);
            if let std::collections::hash_map::Entry::Vacant(e) = rows.entry(key) {
                e.insert(ids);
                order.push(key);
            }
        }
        order.sort_unstable();
        let mut ids = Vec::with_capacity(order.len() * levels);
        for k in &order {
            ids.extend_from_slice(&rows[k][..levels]);
        }
        Ok(Clusters {
            levels,
            keys: order,
            ids,
        })
    }

    /// Reads a TSV cluster list file.
    pub fn load(path: &std::path::Path) -> Result<Clusters> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Clusters::parse(&text, &path.display().to_string())
    }

    /// The lookup table the features use.
    pub(crate) fn table(&self) -> Table {
        let mut map: Map<[u16; MAX_LEVELS]> = Map::default();
        map.reserve(self.keys.len());
        for (k, ids) in self
            .keys
            .iter()
            .zip(self.ids.chunks_exact(self.levels.max(1)))
        {
            // Stored one up: 0 is "not in the list".
            let mut row = [0u16; MAX_LEVELS];
            for (r, &id) in row.iter_mut().zip(ids) {
                *r = id + 1;
            }
            map.insert(*k, row);
        }
        Table {
            levels: self.levels,
            map,
            compounds: false,
        }
    }
}

/// Word hash -> cluster ids plus one (0: the word is not in the list).
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub(crate) levels: usize,
    map: Map<[u16; MAX_LEVELS]>,
    /// Whether a hyphenated word missing from the list takes the clusters
    /// of its parts ([`Table::compound`]).
    pub(crate) compounds: bool,
}

impl Table {
    /// With `on`, a hyphenated word the list lacks takes the clusters of
    /// its last part, else its first (`Hewlett-Packard`, `Aix-en-Provence`).
    /// On for French: its corpora split compounds into tokens while kg's
    /// tokenizer keeps them whole, and its list holds no hyphenated word.
    /// (Off for English, whose model was trained without it.)
    pub(crate) fn with_compounds(mut self, on: bool) -> Table {
        self.compounds = on;
        self
    }

    /// Cluster ids of a hyphenated `token` from its parts (see
    /// [`Table::with_compounds`]); zeros when neither end part is listed.
    pub(crate) fn compound(&self, token: &str) -> [u16; MAX_LEVELS] {
        let mut parts = token.split('-').filter(|p| !p.is_empty());
        let first = parts.next();
        let last = parts.next_back();
        for part in [last, first].into_iter().flatten() {
            let ids = self.get(word_hash(part));
            if ids[0] != 0 {
                return ids;
            }
        }
        [0; MAX_LEVELS]
    }

    #[inline]
    pub(crate) fn get(&self, word: u64) -> [u16; MAX_LEVELS] {
        self.map.get(&word).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_folds_and_keeps_the_first_line() {
        let c =
            Clusters::parse("word\tk2\tk8\nthe\t0\t5\nParis\t1\t7\nparis\t0\t0\n", "t").unwrap();
        assert_eq!(c.levels, 2);
        assert_eq!(c.keys.len(), 2);
        let t = c.table();
        assert_eq!(t.get(word_hash("PARIS"))[..3], [2, 8, 0]);
        assert_eq!(t.get(word_hash("The"))[..2], [1, 6]);
        assert_eq!(t.get(word_hash("London")), [0; MAX_LEVELS]);
        assert!(c.keys.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn compounds_take_their_parts_clusters() {
        let c = Clusters::parse("word\tk2\nsaint\t1\nlyon\t3\n", "t").unwrap();
        let t = c.table().with_compounds(true);
        // Last part first, else the first part; none when neither is listed.
        assert_eq!(t.compound("Saint-Lyon")[0], 4);
        assert_eq!(t.compound("Saint-Xyz")[0], 2);
        assert_eq!(t.compound("Abc-Xyz"), [0; MAX_LEVELS]);
        assert_eq!(t.compound("-"), [0; MAX_LEVELS]);
        // The tagger's signatures use it only when switched on.
        let ids = |t: &Table, w: &str| {
            let mut s = crate::ner::features::Sigs::default();
            s.fill(&[w], Some(t));
            s.first_clusters()
        };
        assert_eq!(ids(&t, "Saint-Lyon")[0], 4);
        assert_eq!(ids(&c.table(), "Saint-Lyon")[0], 0);
    }

    #[test]
    fn bad_lists_are_errors_naming_the_line() {
        let msg = |s: &str| Clusters::parse(s, "c.tsv").unwrap_err().to_string();
        assert!(msg("").contains("granularities"));
        assert!(msg("word\n").contains("granularities"));
        assert!(msg("word\tk2\nthe\tx\n").contains("c.tsv:2"));
        assert!(msg("word\tk2\nthe\t1\t2\n").contains("too many"));
        assert!(msg("word\tk2\tk4\nthe\t1\n").contains("2 cluster ids"));
        assert!(msg("word\tk2\nthe\t65534\n").contains("bad cluster id"));
    }
}
