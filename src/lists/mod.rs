//! The one loader of the word lists in `data/lists/`: the only code that
//! reads those files. Like vaporetto's `Predictor::new`, it loads once,
//! validates every row (a bad one is an [`Error::Input`] naming the file
//! and its line) and compiles the lists into lookup structures; extraction
//! (`extract::gaz`), the relation model's verb classes and the tagger's
//! gazetteer (`ner::gazetteer`) are views onto the loaded [`Lists`].
//!
//! The files are embedded at compile time ([`Files::shipped`]) and parsed
//! on the first call to [`Lists::get`]. `data/lists/README.md` says what
//! each file holds, where it comes from and under which licence.

mod lexicon;

pub use lexicon::{Lexicon, Place};

use crate::error::{Error, Result};
use crate::model::{EntityType, Label, Lang};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The loader's hash maps and sets (foldhash: fast, fixed seed; no output
/// depends on iteration order).
type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// See [`Map`].
type Set<T> = HashSet<T, foldhash::fast::FixedState>;

/// What a title word does for the person it introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleKind {
    /// A courtesy title before a name (M., Mme, Mr, Dr, Professor): not
    /// part of the name, implies no relation; a person follows.
    Honorific,
    /// A title whose holder heads something (président, PDG, maire,
    /// chairman): implies `leads`.
    Head,
    /// Another function (ministre, ambassadeur, porte-parole,
    /// co-founder): implies `role`.
    Role,
}

/// A closed class of `word_classes.tsv` (its `class` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    /// Function words that never start a name even when capitalised.
    Stop,
    /// Lowercase heads that may open a French name (lac Léman).
    LowerOpener,
    /// Prepositions after which an unknown name is a place.
    PlacePrep,
    /// Words that make a capitalised name an organisation.
    OrgHead,
    /// French organisation heads that may open a name in lowercase.
    OrgOpener,
    /// Lowercase place heads that are part of the name (mont Blanc).
    LocHead,
    /// Generic place nouns whose complement is the name (la ville de X).
    LocGeneric,
    /// Event, work and other MISC head words.
    MiscHead,
    /// Adherents and faiths: not names on their own.
    Adherent,
    /// Days and months: never names, and they end one.
    DateWord,
    /// Capitalised words that are never part of a name.
    Common,
    /// French function words (language detection).
    FrWord,
    /// English function words (language detection).
    EnWord,
    /// Words a title may follow (former, ancien, ex, ...).
    TitlePrefix,
    /// Endings of French adjectives that may continue a name.
    NameAdjectiveSuffix,
    /// First words of the relation patterns' two-word event triggers.
    PairTrigger,
    /// Words the relation patterns compare each slot with.
    SlotTrigger,
}

impl WordClass {
    const NAMES: [(&'static str, WordClass); 17] = [
        ("stop", WordClass::Stop),
        ("lower_opener", WordClass::LowerOpener),
        ("place_prep", WordClass::PlacePrep),
        ("org_head", WordClass::OrgHead),
        ("org_opener", WordClass::OrgOpener),
        ("loc_head", WordClass::LocHead),
        ("loc_generic", WordClass::LocGeneric),
        ("misc_head", WordClass::MiscHead),
        ("adherent", WordClass::Adherent),
        ("date_word", WordClass::DateWord),
        ("common", WordClass::Common),
        ("fr_word", WordClass::FrWord),
        ("en_word", WordClass::EnWord),
        ("title_prefix", WordClass::TitlePrefix),
        ("name_adjective_suffix", WordClass::NameAdjectiveSuffix),
        ("pair_trigger", WordClass::PairTrigger),
        ("slot_trigger", WordClass::SlotTrigger),
    ];

    fn parse(name: &str) -> Option<WordClass> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, c)| c)
    }
}

/// One row of `verbs.tsv`: a verb lemma and the relation label it
/// triggers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verb {
    /// As listed: "réunir se", "meet_with".
    pub lemma: &'static str,
    pub lang: Lang,
    pub label: Label,
}

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
    fn text(&self, name: &str) -> Result<&'static str> {
        self.texts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, t)| t)
            .ok_or_else(|| bad(name, 1, "missing file".into()))
    }

    /// The rows of `name` after its header, each with its 1-based line
    /// number and exactly `N` fields.
    fn table<const N: usize>(&self, name: &str) -> Result<Vec<Row<N>>> {
        table(name, self.text(name)?)
    }
}

/// A row of a list file: its 1-based line number and its fields.
type Row<const N: usize> = (usize, [&'static str; N]);

/// Every word list, validated and compiled. Get the shared instance with
/// [`Lists::get`].
#[derive(Debug)]
pub struct Lists {
    lexicon: Lexicon,
    place_names: Vec<Row<3>>,
    demonyms: Vec<Row<3>>,
    first_names: Vec<Row<2>>,
    titles: Vec<(&'static str, TitleKind)>,
    heads: Vec<(&'static str, EntityType)>,
    rule_titles: Vec<(&'static str, TitleKind)>,
    words: Vec<(&'static str, WordClass)>,
    verbs: Vec<Verb>,
}

impl Lists {
    /// The shipped lists, loaded on first use and shared afterwards.
    pub fn get() -> &'static Lists {
        static LISTS: OnceLock<Lists> = OnceLock::new();
        LISTS.get_or_init(|| {
            Lists::load(&Files::shipped())
                .expect("the shipped lists parse: checked by lists::tests::shipped_lists_parse")
        })
    }

    /// Parses and validates `files`: the first bad row is an error naming
    /// its file and line.
    pub fn load(files: &Files) -> Result<Lists> {
        let places = files.table::<8>("places.tsv")?;
        let place_names = files.table::<3>("place_names.tsv")?;
        let demonyms = files.table::<3>("demonyms.tsv")?;
        let prefixes = files.table::<3>("demonym_prefixes.tsv")?;
        let first_names = files.table::<2>("first_names.tsv")?;
        let titles = typed(
            files.table::<3>("titles.tsv")?,
            "titles.tsv",
            "class",
            title_kind,
        )?;
        let heads = typed(
            files.table::<3>("heads.tsv")?,
            "heads.tsv",
            "kind",
            |k| match k {
                "org" => Some(EntityType::Org),
                "loc" => Some(EntityType::Loc),
                _ => None,
            },
        )?;
        let rule_titles = typed(
            files.table::<2>("rule_titles.tsv")?,
            "rule_titles.tsv",
            "class",
            title_kind,
        )?;
        let words = typed(
            files.table::<2>("word_classes.tsv")?,
            "word_classes.tsv",
            "class",
            WordClass::parse,
        )?;
        let mut verbs = Vec::new();
        for (line, r) in files.table::<5>("verbs.tsv")? {
            let lang = match r[1] {
                "fr" => Lang::Fr,
                "en" => Lang::En,
                other => return Err(bad("verbs.tsv", line, format!("lang {other:?}"))),
            };
            let label = r[2]
                .parse()
                .map_err(|_| bad("verbs.tsv", line, format!("label {:?}", r[2])))?;
            verbs.push(Verb {
                lemma: r[0],
                lang,
                label,
            });
        }
        let lexicon = Lexicon::build(
            &places,
            &place_names,
            &demonyms,
            &prefixes,
            &first_names,
            &titles,
            &heads,
        )?;
        Ok(Lists {
            lexicon,
            place_names,
            demonyms,
            first_names,
            titles,
            heads,
            rule_titles,
            words,
            verbs,
        })
    }

    /// Places, organisations, demonyms, prefixes, first names, titles and
    /// head nouns, compiled into hash maps.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// `place_names.tsv`: (form, place key), in file order.
    pub fn place_names(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.place_names.iter().map(|(_, r)| (r[0], r[1]))
    }

    /// `demonyms.tsv`: (form, country key), in file order.
    pub fn demonyms(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.demonyms.iter().map(|(_, r)| (r[0], r[1]))
    }

    /// `first_names.tsv`: the names, in file order.
    pub fn first_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.first_names.iter().map(|(_, r)| r[0])
    }

    /// `titles.tsv`: (title, kind), in file order.
    pub fn titles(&self) -> impl Iterator<Item = (&'static str, TitleKind)> + '_ {
        self.titles.iter().copied()
    }

    /// `heads.tsv`: (head noun, ORG or LOC), in file order.
    pub fn heads(&self) -> impl Iterator<Item = (&'static str, EntityType)> + '_ {
        self.heads.iter().copied()
    }

    /// `rule_titles.tsv`: the titles the rules match word by word
    /// (lowercase, words separated by one space), in file order: among
    /// matches of one length the first listed wins.
    pub fn rule_titles(&self) -> impl Iterator<Item = (&'static str, TitleKind)> + '_ {
        self.rule_titles.iter().copied()
    }

    /// `word_classes.tsv`: (word, class), in file order.
    pub fn word_classes(&self) -> impl Iterator<Item = (&'static str, WordClass)> + '_ {
        self.words.iter().copied()
    }

    /// The words of one class of `word_classes.tsv`, in file order.
    pub fn words(&self, class: WordClass) -> impl Iterator<Item = &'static str> + '_ {
        self.words
            .iter()
            .filter(move |&&(_, c)| c == class)
            .map(|&(w, _)| w)
    }

    /// `verbs.tsv`, in file order.
    pub fn verbs(&self) -> &[Verb] {
        &self.verbs
    }
}

fn title_kind(class: &str) -> Option<TitleKind> {
    match class {
        "honorific" => Some(TitleKind::Honorific),
        "head" => Some(TitleKind::Head),
        "role" => Some(TitleKind::Role),
        _ => None,
    }
}

/// Rows whose second column `column` names a value of `parse`: (first
/// column, value).
fn typed<const N: usize, T>(
    rows: Vec<Row<N>>,
    file: &str,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Vec<(&'static str, T)>> {
    rows.into_iter()
        .map(|(line, r)| match parse(r[1]) {
            Some(v) => Ok((r[0], v)),
            None => Err(bad(file, line, format!("{column} {:?}", r[1]))),
        })
        .collect()
}

fn bad(file: &str, line: usize, message: String) -> Error {
    Error::Input {
        path: format!("data/lists/{file}"),
        line: Some(line),
        message,
    }
}

/// The rows of a list file's text after its header, each with its 1-based
/// line number and exactly `N` fields, the first not empty.
fn table<const N: usize>(file: &str, text: &'static str) -> Result<Vec<Row<N>>> {
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
    fn shipped_lists_parse() {
        let lists = Lists::load(&Files::shipped()).expect("shipped lists parse");
        assert!(lists.place_names().count() > 1000);
        assert!(lists.first_names().count() > 10_000);
        assert!(lists.verbs().len() > 100);
        for &(_, class) in &WordClass::NAMES {
            assert!(lists.words(class).next().is_some(), "{class:?}");
        }
    }

    #[test]
    fn a_malformed_line_is_reported_with_its_line() {
        let err = table::<2>("x.tsv", "a\tb\nok\tyes\nbroken\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/lists/x.tsv:3: expected 2 fields, got \"broken\""
        );
    }

    /// A broken list handed to the loader: the error names the file and
    /// the line, whichever file it is.
    #[test]
    fn a_bad_row_names_its_file_and_line() {
        let cases = [
            (
                "heads.tsv",
                "word\tkind\tlang\nlac\tloc\tfr\nriver\tsea\ten\n",
                "data/lists/heads.tsv:3: kind \"sea\"",
            ),
            (
                "word_classes.tsv",
                "word\tclass\nle\tstop\nla\n",
                "data/lists/word_classes.tsv:3: expected 2 fields, got \"la\"",
            ),
            (
                "word_classes.tsv",
                "word\tclass\nle\tstopword\n",
                "data/lists/word_classes.tsv:2: class \"stopword\"",
            ),
            (
                "rule_titles.tsv",
                "title\tclass\nmaire\thead\nduc\tnoble\n",
                "data/lists/rule_titles.tsv:3: class \"noble\"",
            ),
            (
                "verbs.tsv",
                "lemma\tlang\tlabel\tclass\tsource\nmeet\ten\tgreets\tx\ty\n",
                "data/lists/verbs.tsv:2: label \"greets\"",
            ),
            (
                "demonyms.tsv",
                "form\tkey\tlang\nrusse\tcountry:RU\tfr\nnowhere\tcountry:ZZ\ten\n",
                "data/lists/demonyms.tsv:3: unknown key country:ZZ",
            ),
            (
                "titles.tsv",
                "",
                "data/lists/titles.tsv:1: empty file, expected a header line",
            ),
        ];
        for (file, text, expected) in cases {
            let err = Lists::load(&Files::shipped().with(file, text)).unwrap_err();
            assert_eq!(err.to_string(), expected, "{file}");
        }
    }
}
