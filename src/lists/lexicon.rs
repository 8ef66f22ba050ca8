//! The gazetteer part of the lists, compiled: places and organisations
//! with their French and English names, demonyms and compound prefixes,
//! first names, titles and head nouns, as hash maps built by
//! [`Lexicon::load`] from the files' validated rows. Lookups go through
//! [`fold`] (lowercase, no accents) except where a doc comment says
//! otherwise.

use super::table::{Files, Map, Row, Set, bad};
use crate::error::Result;
use crate::fold::{fold, fold_into, with_fold};
use crate::model::{EntityType, Lang};

/// Longest title, in words handed to [`Lexicon::title`], that is tried.
const MAX_TITLE_WORDS: usize = 12;

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

/// The [`TitleKind`] of a `class` column.
pub(super) fn title_kind(class: &str) -> Option<TitleKind> {
    match class {
        "honorific" => Some(TitleKind::Honorific),
        "head" => Some(TitleKind::Head),
        "role" => Some(TitleKind::Role),
        _ => None,
    }
}

/// The validated rows of the gazetteer files, in file order.
#[derive(Debug)]
pub(super) struct GazetteerRows {
    pub(super) place_names: Vec<Row<3>>,
    pub(super) demonyms: Vec<Row<3>>,
    pub(super) first_names: Vec<Row<2>>,
    pub(super) titles: Vec<(&'static str, TitleKind)>,
    pub(super) heads: Vec<(&'static str, EntityType)>,
}

/// A place or an organisation of the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    /// Stable key, the same for every name in every language:
    /// `country:RU` (ISO 3166 code), `city:524901` (GeoNames id),
    /// `region:US-CA` (ISO 3166-2) or `region:150` (UN M49 code),
    /// `org:NATO`.
    pub key: &'a str,
    /// LOC for places, ORG for organisations.
    pub kind: EntityType,
    /// Canonical French name.
    pub name_fr: &'a str,
    /// Canonical English name.
    pub name_en: &'a str,
    /// Key of the containing country, for cities and regions.
    pub parent: Option<&'a str>,
    /// `country`, `city`, `region`, `continent`, `area` (a sea, a region
    /// named by custom: the Sahel) or `org`.
    pub class: &'a str,
    /// Population (GeoNames) for countries and cities, 0 when unknown.
    pub population: u64,
    /// Whether this city is its country's capital.
    pub capital: bool,
}

/// The gazetteer lists, compiled. The shared instance is
/// [`super::Lists::get`]`().lexicon()`.
#[derive(Debug)]
pub struct Lexicon {
    places: Vec<Place<'static>>,
    by_key: Map<&'static str, usize>,
    /// Surface form as written in the list -> place (acronyms live only here).
    exact: Map<&'static str, usize>,
    /// Folded form -> place, for every form that is not an acronym.
    folded: Map<String, usize>,
    demonyms: Map<String, &'static str>,
    prefixes: Map<String, &'static str>,
    first_names: Set<String>,
    title_max_len: usize,
    /// Every prefix of a title folded with its whitespace removed (the
    /// titles included: a longer title can only follow one of these) ->
    /// the title's class when the prefix is a title itself.
    title_prefixes: Map<String, Option<TitleKind>>,
    org_heads: Set<String>,
    loc_heads: Set<String>,
    max_words: usize,
}

impl Lexicon {
    /// Gazetteer lookup of a surface form ("Russie", "United States", "ONU"):
    /// the form as written first, then case- and accent-folded. Whitespace runs
    /// count as one space. Forms without a lowercase letter (acronyms: US, UN,
    /// ONU, É.-U.) only match as written, so "us" and "un" match nothing.
    /// Articles are not stripped: the caller looks up "Russie", not
    /// "la Russie". When several places share a name, the list keeps one:
    /// countries before organisations, continents, capitals and cities of a
    /// million, regions of the larger countries, other cities by population,
    /// then the other countries' regions.
    pub fn place(&self, form: &str) -> Option<Place<'_>> {
        let squashed;
        let form = if !is_squashed(form) {
            squashed = form.split_whitespace().collect::<Vec<_>>().join(" ");
            squashed.as_str()
        } else {
            form
        };
        let idx = match self.exact.get(form) {
            Some(&i) => i,
            None => with_fold(form, |f| self.folded.get(f).copied())?,
        };
        self.places.get(idx).copied()
    }

    /// Whether `form` is a place's name as the lists write it (case and
    /// accents included), not only once folded: "Séoul" is, "Seul" is not.
    pub fn is_written_place(&self, form: &str) -> bool {
        self.exact.contains_key(form)
            || (!is_squashed(form)
                && self.exact.contains_key(
                    form.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str(),
                ))
    }

    /// Every place and organisation of the gazetteer, in file order.
    pub fn places(&self) -> impl Iterator<Item = Place<'_>> + '_ {
        self.places.iter().copied()
    }

    /// The place or organisation with this key (`country:RU`, `org:UN`, ...).
    pub fn place_by_key(&self, key: &str) -> Option<Place<'_>> {
        self.by_key
            .get(key)
            .and_then(|&i| self.places.get(i).copied())
    }

    /// Demonym or nationality adjective, any inflection, case- and
    /// accent-insensitive ("russes", "Américaine", "Americans") -> country key.
    pub fn demonym(&self, word: &str) -> Option<&str> {
        with_fold(word, |f| self.demonyms.get(f).copied())
    }

    /// French compound prefix, without its hyphen ("russo", "américano",
    /// "franco"), case- and accent-insensitive -> country key (or a continent
    /// key for "afro", "euro").
    pub fn demonym_prefix(&self, prefix: &str) -> Option<&str> {
        with_fold(prefix, |f| self.prefixes.get(f).copied())
    }

    /// Whether the word is a known first name (case- and accent-insensitive:
    /// the caller checks capitalisation). Country and continent names are
    /// never first names here.
    pub fn is_first_name(&self, word: &str) -> bool {
        with_fold(word, |f| self.first_names.contains(f))
    }

    /// Longest title or honorific starting at `words[0]`: how many of the
    /// words it spans and its class. Case- and accent-insensitive; the words
    /// are compared with whitespace removed, so either tokenisation works
    /// (`["vice-ministre"]` or `["vice", "-", "ministre"]`; `["M."]` or
    /// `["M", "."]`), and whitespace tokens count as words.
    pub fn title(&self, words: &[&str]) -> Option<(usize, TitleKind)> {
        thread_local! {
            /// The key buffer, reused from call to call.
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        KEY.with(|key| match key.try_borrow_mut() {
            Ok(mut key) => {
                key.clear();
                self.title_in(words, &mut key)
            }
            Err(_) => self.title_in(words, &mut String::new()),
        })
    }

    /// [`Lexicon::title`] building its keys in `key` (empty).
    fn title_in(&self, words: &[&str], key: &mut String) -> Option<(usize, TitleKind)> {
        key.reserve(self.title_max_len + 32);
        let mut best = None;
        for (i, w) in words.iter().take(MAX_TITLE_WORDS).enumerate() {
            let start = key.len();
            fold_into(w, key);
            // Bytes first: most words are ASCII without whitespace.
            if key.as_bytes()[start..]
                .iter()
                .any(|&b| b >= 0x80 || b.is_ascii_whitespace())
                && key[start..].contains(char::is_whitespace)
            {
                let word: String = key[start..]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                key.truncate(start);
                key.push_str(&word);
            }
            if key.len() > self.title_max_len {
                break;
            }
            match self.title_prefixes.get(key.as_str()) {
                None => break,
                Some(&Some(class)) => best = Some((i + 1, class)),
                Some(None) => {}
            }
        }
        best
    }

    /// Whether the word is a head noun of organisation names (ministère,
    /// Department, Party, Inc, ...), case- and accent-insensitive.
    pub fn org_head(&self, word: &str) -> bool {
        with_fold(word, |f| self.org_heads.contains(f))
    }

    /// Whether the word is a head noun of place names (lac, mont, River,
    /// Gulf, ...), case- and accent-insensitive.
    pub fn loc_head(&self, word: &str) -> bool {
        with_fold(word, |f| self.loc_heads.contains(f))
    }

    /// Canonical display name of a key in a language.
    pub fn name(&self, key: &str, lang: Lang) -> Option<&str> {
        let p = self.place_by_key(key)?;
        Some(match lang {
            Lang::Fr => p.name_fr,
            Lang::En => p.name_en,
        })
    }

    /// Largest number of whitespace-separated words in any gazetteer name
    /// (bounds n-gram lookups with [`Lexicon::place`]).
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// Parses the gazetteer files of `files` and compiles them; also
    /// hands back their rows, which other views compile their own way.
    pub(super) fn load(files: &Files) -> Result<(Lexicon, GazetteerRows)> {
        let places = files.table::<8>("places.tsv")?;
        let place_names = files.table::<3>("place_names.tsv")?;
        let demonyms = files.table::<3>("demonyms.tsv")?;
        let prefixes = files.table::<3>("demonym_prefixes.tsv")?;
        let first_names = files.table::<2>("first_names.tsv")?;
        let titles = files.typed::<3, _>("titles.tsv", "class", title_kind)?;
        let heads = files.typed::<3, _>("heads.tsv", "kind", |k| match k {
            "org" => Some(EntityType::Org),
            "loc" => Some(EntityType::Loc),
            _ => None,
        })?;
        let lexicon = Lexicon::build(
            &places,
            &place_names,
            &demonyms,
            &prefixes,
            &first_names,
            &titles,
            &heads,
        )?;
        let rows = GazetteerRows {
            place_names,
            demonyms,
            first_names,
            titles,
            heads,
        };
        Ok((lexicon, rows))
    }

    /// Compiles the validated rows of the gazetteer files; a name whose
    /// key is not in `places.tsv` is an error at its line.
    fn build(
        place_rows: &[Row<8>],
        place_names: &[Row<3>],
        demonyms: &[Row<3>],
        prefixes: &[Row<3>],
        first_names: &[Row<2>],
        title_rows: &[(&'static str, TitleKind)],
        heads: &[(&'static str, EntityType)],
    ) -> Result<Lexicon> {
        let mut places = Vec::new();
        let mut by_key = Map::default();
        for &(line, r) in place_rows {
            let kind = match r[2] {
                "LOC" => EntityType::Loc,
                "ORG" => EntityType::Org,
                other => return Err(bad("places.tsv", line, format!("kind {other:?}"))),
            };
            if !matches!(
                r[1],
                "country" | "region" | "continent" | "area" | "city" | "org"
            ) {
                return Err(bad("places.tsv", line, format!("class {:?}", r[1])));
            }
            let population = r[4]
                .parse()
                .map_err(|_| bad("places.tsv", line, format!("population {:?}", r[4])))?;
            if by_key.insert(r[0], places.len()).is_some() {
                return Err(bad("places.tsv", line, format!("duplicate key {}", r[0])));
            }
            places.push(Place {
                key: r[0],
                class: r[1],
                kind,
                parent: (!r[3].is_empty()).then_some(r[3]),
                population,
                capital: r[5] == "1",
                name_fr: r[6],
                name_en: r[7],
            });
        }
        let mut exact = Map::default();
        let mut folded = Map::default();
        let mut max_words = 1;
        for &(line, r) in place_names {
            let &i = by_key
                .get(r[1])
                .ok_or_else(|| bad("place_names.tsv", line, format!("unknown key {}", r[1])))?;
            exact.entry(r[0]).or_insert(i);
            if r[0].chars().any(char::is_lowercase) {
                folded.entry(fold(r[0])).or_insert(i);
            }
            max_words = max_words.max(r[0].split_whitespace().count());
        }
        let demonyms = keyed("demonyms.tsv", demonyms, &by_key)?;
        let prefixes = keyed("demonym_prefixes.tsv", prefixes, &by_key)?;
        let first_names = first_names.iter().map(|(_, r)| fold(r[0])).collect();
        let mut titles = Map::default();
        for &(title, class) in title_rows {
            let key: String = fold(title).chars().filter(|c| !c.is_whitespace()).collect();
            // A form listed twice keeps its first class (the file is sorted).
            titles.entry(key).or_insert(class);
        }
        let title_max_len = titles.keys().map(String::len).max().unwrap_or(0);
        // The empty prefix too: a word may fold to nothing.
        let mut title_prefixes: Map<String, Option<TitleKind>> = titles
            .keys()
            .flat_map(|k| k.char_indices().map(|(i, _)| &k[..i]))
            .map(|p| (p.to_string(), None))
            .collect();
        for (k, class) in titles {
            title_prefixes.insert(k, Some(class));
        }
        let mut org_heads = Set::default();
        let mut loc_heads = Set::default();
        for &(word, kind) in heads {
            if kind == EntityType::Org {
                org_heads.insert(fold(word));
            } else {
                loc_heads.insert(fold(word));
            }
        }
        Ok(Lexicon {
            places,
            by_key,
            exact,
            folded,
            demonyms,
            prefixes,
            first_names,
            title_max_len,
            title_prefixes,
            org_heads,
            loc_heads,
            max_words,
        })
    }
}

/// Whether `s` is already its words joined by single spaces (what
/// [`Lexicon::place`] looks up), so it need not be rebuilt.
fn is_squashed(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// A `form, key, ...` file as folded form -> key, each key checked against
/// the places.
fn keyed(
    file: &str,
    rows: &[Row<3>],
    places: &Map<&'static str, usize>,
) -> Result<Map<String, &'static str>> {
    let mut out = Map::default();
    for &(line, r) in rows {
        let (&key, _) = places
            .get_key_value(r[1])
            .ok_or_else(|| bad(file, line, format!("unknown key {}", r[1])))?;
        out.entry(fold(r[0])).or_insert(key);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The shipped gazetteer, loaded once for these tests.
    fn lexicon() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::load(&Files::shipped())
                .expect("shipped lists parse")
                .0
        })
    }

    fn key(form: &str) -> Option<&'static str> {
        lexicon().place(form).map(|p| p.key)
    }

    #[test]
    fn names_in_both_languages_share_a_key() {
        let groups: &[&[&str]] = &[
            &["Russie", "Russia", "russie", "Fédération de Russie"],
            &[
                "États-Unis",
                "Etats-Unis",
                "Etats Unis",
                "United States",
                "USA",
                "US",
                "U.S.",
            ],
            &["Allemagne", "Germany"],
            &["Royaume-Uni", "United Kingdom", "UK"],
            &["Suisse", "Switzerland"],
            &[
                "ONU",
                "UN",
                "Nations unies",
                "United Nations",
                "Organisation des Nations unies",
            ],
            &["OTAN", "NATO", "Otan"],
            &["Union européenne", "European Union", "UE", "EU"],
            &["Moscou", "Moscow"],
            &["Londres", "London"],
            &["Pékin", "Beijing", "Pekin"],
            &["Grande-Bretagne", "Britain", "Royaume-Uni"],
            &["Afrique", "Africa"],
            &["Bavière", "Bayern"],
            &["Californie", "California"],
        ];
        for g in groups {
            let k = key(g[0]);
            assert!(k.is_some(), "{} not found", g[0]);
            for f in *g {
                assert_eq!(key(f), k, "{f} vs {}", g[0]);
            }
        }
    }

    #[test]
    fn ordinary_words_are_not_places() {
        // Alternate names that are words ("Russe" for the Bulgarian city Ruse),
        // and small cities named by common words.
        for w in ["Russe", "Mec", "Surprise", "High Point", "russes"] {
            assert_eq!(key(w), None, "{w}");
        }
    }

    #[test]
    fn acronyms_match_only_as_written() {
        assert_eq!(key("us"), None);
        assert_eq!(key("un"), None);
        assert_eq!(key("Un"), None);
    }

    #[test]
    fn places_carry_class_kind_and_parent() {
        let lex = lexicon();
        let ru = lex.place("Russie").expect("Russie");
        assert_eq!(
            (ru.key, ru.class, ru.kind),
            ("country:RU", "country", EntityType::Loc)
        );
        let moscow = lex.place("Moscou").expect("Moscou");
        assert_eq!(
            (moscow.class, moscow.parent, moscow.capital),
            ("city", Some("country:RU"), true)
        );
        assert_eq!(lex.name(moscow.key, Lang::Fr), Some("Moscou"));
        assert_eq!(lex.name(moscow.key, Lang::En), Some("Moscow"));
        let nato = lex.place("OTAN").expect("OTAN");
        assert_eq!((nato.kind, nato.class), (EntityType::Org, "org"));
        assert_eq!(lex.name("country:DE", Lang::Fr), Some("Allemagne"));
        assert_eq!(lex.place("Europe").map(|p| p.class), Some("continent"));
        assert_eq!(
            lex.place("Californie").map(|p| p.parent),
            Some(Some("country:US"))
        );
        assert_eq!(key("  Royaume-Uni \n"), Some("country:GB"));
    }

    #[test]
    fn demonyms_in_every_inflection() {
        let lex = lexicon();
        for w in ["russe", "Russes", "Russian", "Russians"] {
            assert_eq!(lex.demonym(w), Some("country:RU"), "{w}");
        }
        for w in [
            "américain",
            "Américaine",
            "américains",
            "américaines",
            "American",
            "Americans",
        ] {
            assert_eq!(lex.demonym(w), Some("country:US"), "{w}");
        }
        for w in ["afghan", "afghane", "afghans", "afghanes"] {
            assert_eq!(lex.demonym(w), Some("country:AF"), "{w}");
        }
        assert_eq!(lex.demonym("French"), Some("country:FR"));
        assert_eq!(lex.demonym("française"), Some("country:FR"));
        assert_eq!(lex.demonym("table"), None);
    }

    #[test]
    fn compound_prefixes() {
        let lex = lexicon();
        assert_eq!(lex.demonym_prefix("russo"), Some("country:RU"));
        assert_eq!(lex.demonym_prefix("américano"), Some("country:US"));
        assert_eq!(lex.demonym_prefix("franco"), Some("country:FR"));
        assert_eq!(lex.demonym_prefix("italo"), Some("country:IT"));
        assert_eq!(lex.demonym_prefix("sino"), Some("country:CN"));
        assert_eq!(lex.demonym_prefix("xyzo"), None);
    }

    #[test]
    fn titles_longest_first() {
        let lex = lexicon();
        assert_eq!(
            lex.title(&["M.", "Dupont"]),
            Some((1, TitleKind::Honorific))
        );
        assert_eq!(
            lex.title(&["M", ".", "Dupont"]),
            Some((2, TitleKind::Honorific))
        );
        assert_eq!(
            lex.title(&["Mme", "Durand"]),
            Some((1, TitleKind::Honorific))
        );
        assert_eq!(
            lex.title(&["premier", "ministre", "X"]),
            Some((2, TitleKind::Head))
        );
        assert_eq!(
            lex.title(&["président", "russe"]),
            Some((1, TitleKind::Head))
        );
        assert_eq!(
            lex.title(&["vice", "-", "ministre"]),
            Some((3, TitleKind::Role))
        );
        assert_eq!(
            lex.title(&["vice-ministre", "des"]),
            Some((1, TitleKind::Role))
        );
        assert_eq!(
            lex.title(&["secrétaire", "d'État"]),
            Some((2, TitleKind::Role))
        );
        assert_eq!(
            lex.title(&["Prime", "Minister"]),
            Some((2, TitleKind::Head))
        );
        assert_eq!(lex.title(&["spokeswoman"]), Some((1, TitleKind::Role)));
        assert_eq!(lex.title(&["table"]), None);
        assert_eq!(lex.title(&[]), None);
    }

    #[test]
    fn first_names_and_heads() {
        let lex = lexicon();
        assert!(lex.is_first_name("Jean"));
        assert!(lex.is_first_name("John"));
        assert!(!lex.is_first_name("France"));
        assert!(lex.is_first_name("Édouard") && lex.is_first_name("Jean-Yves"));
        for w in ["Paris", "Mais", "You", "Le", "May", "Lundi"] {
            assert!(!lex.is_first_name(w), "{w}");
        }
        assert!(lex.org_head("Ministère") && lex.org_head("University") && lex.org_head("Inc"));
        assert!(lex.loc_head("lac") && lex.loc_head("River"));
        assert!(!lex.org_head("lac"));
    }

    proptest::proptest! {
        #[test]
        fn is_squashed_means_nothing_to_squash(s in "[ab \t\u{a0}]{0,6}") {
            let squashed = s.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(super::is_squashed(&s), squashed == s);
        }
    }

    #[test]
    fn fold_strips_case_accents_and_curly_apostrophes() {
        assert_eq!(fold("États-Unis"), "etats-unis");
        assert_eq!(fold("d’Ivoire"), "d'ivoire");
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    proptest::proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC*") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once);
        }
    }
}
