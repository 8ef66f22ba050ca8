//! The list files as text, and the one parser of their rows: TAB
//! separated, one header line, every row with the header's number of
//! fields and a first field that is not empty. An error names the file
//! and the line.

use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};

/// The loader's hash maps and sets (foldhash: fast, fixed seed; no output
/// depends on iteration order).
pub(super) type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// See [`Map`].
pub(super) type Set<T> = HashSet<T, foldhash::fast::FixedState>;

/// The text of every list file, by file name. [`Files::shipped`] is
/// `data/lists/` as embedded in the binary; tests swap one file for
/// another text.
#[derive(Debug, Clone)]
pub struct Files {
    texts: Vec<(&'static str, &'static str)>,
}

impl Files {
    /// The files of `data/lists/`, embedded at compile time.
    pub fn shipped() -> Files {
        macro_rules! files {
            ($($name:literal),* $(,)?) => {
                vec![$(($name, include_str!(concat!("../../data/lists/", $name)))),*]
            };
        }
        Files {
            texts: files![
                "places.tsv",
                "place_names.tsv",
                "demonyms.tsv",
                "demonym_prefixes.tsv",
                "first_names.tsv",
                "titles.tsv",
                "heads.tsv",
                "verbs.tsv",
                "rule_titles.tsv",
                "word_classes.tsv",
                "trigger_pairs.tsv",
                "abbreviations.tsv",
                "common_words.tsv",
            ],
        }
    }

    /// These files with `name`'s text replaced by `text`.
    pub fn with(mut self, name: &'static str, text: &'static str) -> Files {
        match self.texts.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = text,
            None => self.texts.push((name, text)),
        }
        self
    }

    /// The text of `name`, or an error naming the missing file.
    pub(super) fn text(&self, name: &str) -> Result<&'static str> {
        self.texts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, t)| t)
            .ok_or_else(|| bad(name, 1, "missing file".into()))
    }

    /// The rows of `name` after its header, each with its 1-based line
    /// number and exactly `N` fields.
    /// The rows of `name` ([`Files::table`]) as (first field, the second
    /// read by `parse`); a second field `parse` refuses is an error naming
    /// `column`.
    pub(super) fn typed<const N: usize, T>(
        &self,
        name: &str,
        column: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Vec<(&'static str, T)>> {
        self.table::<N>(name)?
            .into_iter()
            .map(|(line, r)| match parse(r[1]) {
                Some(v) => Ok((r[0], v)),
                None => Err(bad(name, line, format!("{column} {:?}", r[1]))),
            })
            .collect()
    }

    pub(super) fn table<const N: usize>(&self, name: &str) -> Result<Vec<Row<N>>> {
        table(name, self.text(name)?)
    }
}

/// A row of a list file: its 1-based line number and its fields.
pub(super) type Row<const N: usize> = (usize, [&'static str; N]);

pub(super) fn bad(file: &str, line: usize, message: String) -> Error {
    Error::Input {
        path: format!("data/lists/{file}"),
        line: Some(line),
        message,
    }
}

/// The rows of a list file's text after its header, each with its 1-based
/// line number and exactly `N` fields, the first not empty.
pub(super) fn table<const N: usize>(file: &str, text: &'static str) -> Result<Vec<Row<N>>> {
    let mut lines = text.lines();
    let header = lines
        .next()
        .ok_or_else(|| bad(file, 1, "empty file, expected a header line".into()))?;
    if header.split('\t').count() != N {
        return Err(bad(file, 1, format!("header has not {N} columns")));
    }
    lines
        .enumerate()
        .map(|(i, l)| {
            let mut row = [""; N];
            let mut fields = l.split('\t');
            let mut got = 0;
            for (cell, field) in row.iter_mut().zip(fields.by_ref()) {
                *cell = field;
                got += 1;
            }
            if got != N || fields.next().is_some() || row[0].is_empty() {
                return Err(bad(file, i + 2, format!("expected {N} fields, got {l:?}")));
            }
            Ok((i + 2, row))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_line_is_reported_with_its_line() {
        let err = table::<2>("x.tsv", "a\tb\nok\tyes\nbroken\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/lists/x.tsv:3: expected 2 fields, got \"broken\""
        );
    }
}
