//! The benchmark corpus generator: deterministic, seeded, streaming
//! French and English news-like articles in the JSONL ingest format.
//!
//! Names follow a realistic frequency: each draw of a person, organisation
//! or city comes, with probability [`HEAD_SHARE`], from a Zipf-distributed
//! head of well-known actors (rank frequency ~ 1/rank, so a few appear in
//! thousands of articles), and otherwise from a long tail of millions of
//! names that rarely repeat. Sentences come from templates the extraction
//! rules recognise (meetings, roles, agreements, accusations, places,
//! membership) mixed with filler. Article `i` depends only on `(seed, i)`,
//! so any prefix of a corpus is the smaller corpus of the same seed.

use super::names::*;
use super::rng::Rng;
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::Path;
use unicode_segmentation::UnicodeSegmentation;

/// Share of entity draws that come from the Zipf head of famous actors.
pub const HEAD_SHARE: f64 = 0.3;
const PERSON_HEAD: u64 = 20_000;
const ORG_HEAD: u64 = 5_000;
const CITY_HEAD: u64 = 3_000;
/// Multiplier of the bijection that scatters ranks over the name space; a
/// prime larger than every factor of the universes, so coprime with them.
const SCATTER: u64 = 1_000_003;

/// Real sentences to mix in as filler, by language (optional).
#[derive(Debug, Default, Clone)]
pub struct Filler {
    pub fr: Vec<String>,
    pub en: Vec<String>,
}

/// What a generation produced.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct GenSummary {
    pub articles: u64,
    pub bytes: u64,
    /// Word-bound segments that are not whitespace: what a tokenizer such
    /// as spaCy's counts (words and punctuation).
    pub tokens: u64,
    /// Distinct named things drawn (an upper bound for the node count if
    /// extraction found every one and merged nothing wrongly).
    pub distinct_things: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Thing {
    Person(u64),
    Org(u64),
    Intl(usize),
    City(u64),
    Country(usize),
}

fn person_universe() -> u64 {
    ((FIRST_M.len() + FIRST_F.len()) * SYLLABLES.len() * SYLLABLES.len() * SURNAME_END.len()) as u64
}
/// Brands and cities take an optional third syllable (digit 0: none), so
/// their tails hold millions of names, like persons'.
fn org_universe() -> u64 {
    (SYLLABLES.len() * SYLLABLES.len() * (SYLLABLES.len() + 1) * BRAND_END.len() * ORG_KIND.len())
        as u64
}
fn city_universe() -> u64 {
    (CITY_START.len() * SYLLABLES.len() * SYLLABLES.len() * (SYLLABLES.len() + 1) * CITY_END.len())
        as u64
}

/// A head-or-tail draw over `[0, universe)`, scattered by a bijection so
/// that head ranks do not share name parts.
fn draw(rng: &mut Rng, universe: u64, head: u64) -> u64 {
    let rank = if rng.chance(HEAD_SHARE) {
        rng.zipf(head)
    } else {
        head + rng.below(universe - head)
    };
    (rank.wrapping_mul(SCATTER).wrapping_add(12_345)) % universe
}

/// Mixed-radix digits of `idx`, least significant first.
fn digits<const N: usize>(mut idx: u64, radix: [usize; N]) -> [usize; N] {
    let mut out = [0; N];
    for (o, r) in out.iter_mut().zip(radix) {
        *o = (idx % r as u64) as usize;
        idx /= r as u64;
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn coined(a: usize, b: usize, end: &str) -> String {
    capitalise(&format!("{}{}{}", SYLLABLES[a], SYLLABLES[b], end))
}

/// Like [`coined`] with an optional middle syllable (`c` 0: none).
fn coined3(a: usize, b: usize, c: usize, end: &str) -> String {
    let mid = c.checked_sub(1).map_or("", |c| SYLLABLES[c]);
    capitalise(&format!("{}{}{}{}", SYLLABLES[a], SYLLABLES[b], mid, end))
}

/// (first name, surname, is female) of person `idx`.
fn person(idx: u64) -> (&'static str, String, bool) {
    let s = SYLLABLES.len();
    let [f, a, b, e] = digits(
        idx,
        [FIRST_M.len() + FIRST_F.len(), s, s, SURNAME_END.len()],
    );
    let (first, female) = match FIRST_M.get(f) {
        Some(m) => (*m, false),
        None => (FIRST_F[f - FIRST_M.len()], true),
    };
    (first, coined(a, b, SURNAME_END[e]), female)
}

fn org(idx: u64) -> String {
    let s = SYLLABLES.len();
    let [k, a, b, e, c] = digits(idx, [ORG_KIND.len(), s, s, BRAND_END.len(), s + 1]);
    let brand = coined3(a, b, c, BRAND_END[e]);
    let (fr, en) = ORG_KIND[k];
    if (a + b) % 2 == 0 {
        format!("{fr} {brand}")
    } else {
        format!("{brand} {en}")
    }
}

fn city(idx: u64) -> String {
    let s = SYLLABLES.len();
    let [p, a, b, e, c] = digits(idx, [CITY_START.len(), s, s, CITY_END.len(), s + 1]);
    let name = coined3(a, b, c, CITY_END[e]);
    format!("{}{}", CITY_START[p], name)
}

/// French "de" + a country with its article: "du Portugal", "de la France".
fn de_country(with_article: &str) -> String {
    if let Some(rest) = with_article.strip_prefix("le ") {
        format!("du {rest}")
    } else if let Some(rest) = with_article.strip_prefix("les ") {
        format!("des {rest}")
    } else {
        format!("de {with_article}")
    }
}

/// French "in" + a country: "en France", "au Portugal", "aux Pays-Bas".
fn in_country(with_article: &str, bare: &str) -> String {
    if with_article.starts_with("le ") {
        format!("au {bare}")
    } else if with_article.starts_with("les ") {
        format!("aux {bare}")
    } else {
        format!("en {bare}")
    }
}

/// French contractions the slots can create: "de le" -> "du", "à les" ->
/// "aux", ...
fn contract_fr(s: &str) -> String {
    if !s.contains(" le ") && !s.contains(" les ") {
        return s.to_string();
    }
    s.replace(" de le ", " du ")
        .replace(" de les ", " des ")
        .replace(" à le ", " au ")
        .replace(" à les ", " aux ")
}

/// One article's cast and the state of its mentions.
struct Article<'f> {
    rng: Rng,
    fr: bool,
    persons: Vec<u64>,
    orgs: Vec<u64>,
    intl: usize,
    cities: Vec<u64>,
    countries: Vec<usize>,
    introduced: HashSet<u64>,
    filler: &'f [String],
}

impl Article<'_> {
    /// A person's mention: the full name the first time, then often the
    /// honorific and surname or the bare surname.
    fn person_mention(&mut self, idx: u64, honorific: bool) -> String {
        let (first, last, female) = person(idx);
        let seen = !self.introduced.insert(idx);
        let hon = match (self.fr, female) {
            (true, false) => "M.",
            (true, true) => "Mme",
            (false, false) => "Mr",
            (false, true) => "Ms",
        };
        let roll = self.rng.unit();
        if honorific || (seen && roll < 0.3) {
            format!("{hon} {last}")
        } else if seen && roll < 0.5 {
            last
        } else {
            format!("{first} {last}")
        }
    }

    /// A cast member other than those in `not`: often one of the two lead
    /// actors, often one not named yet (so the whole cast appears), else
    /// anyone.
    fn pick_person(&mut self, not: &[Option<u64>]) -> u64 {
        loop {
            let roll = self.rng.unit();
            let fresh: Vec<u64> = if (0.35..0.7).contains(&roll) {
                self.persons
                    .iter()
                    .copied()
                    .filter(|p| !self.introduced.contains(p))
                    .collect()
            } else {
                Vec::new()
            };
            let p = if roll < 0.35 {
                self.persons[self.rng.below(2) as usize]
            } else if !fresh.is_empty() {
                *self.rng.pick(&fresh)
            } else {
                *self.rng.pick(&self.persons)
            };
            if !not.contains(&Some(p)) {
                return p;
            }
        }
    }

    fn pick_distinct(&mut self, items: &[u64], not: Option<u64>) -> u64 {
        loop {
            let o = *self.rng.pick(items);
            if Some(o) != not || items.len() < 2 {
                return o;
            }
        }
    }

    fn render(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let (mut p1, mut p2, mut p3, mut o1) = (None, None, None, None);
        let country = *self.rng.pick(&self.countries);
        let (k_fr, k_art, k_en) = COUNTRIES[country];
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let slot = &rest[open + 1..close];
            rest = rest.get(close + 1..).unwrap_or("");
            let value = match slot {
                "P1" | "H1" => {
                    let p = self.pick_person(&[p2, p3]);
                    p1 = Some(p);
                    self.person_mention(p, slot == "H1")
                }
                "P2" => {
                    let p = self.pick_person(&[p1, p3]);
                    p2 = Some(p);
                    self.person_mention(p, false)
                }
                "P3" => {
                    let p = self.pick_person(&[p1, p2]);
                    p3 = Some(p);
                    self.person_mention(p, false)
                }
                "O1" => {
                    let orgs = self.orgs.clone();
                    let o = self.pick_distinct(&orgs, None);
                    o1 = Some(o);
                    org(o)
                }
                "O2" => {
                    let orgs = self.orgs.clone();
                    org(self.pick_distinct(&orgs, o1))
                }
                "I" => {
                    let (fr, en) = INTL_ORGS[self.intl];
                    (if self.fr { fr } else { en }).to_string()
                }
                "C" => {
                    let cities = self.cities.clone();
                    city(self.pick_distinct(&cities, None))
                }
                "K" => (if self.fr { k_fr } else { k_en }).to_string(),
                "KA" => k_art.to_string(),
                "KA^" => capitalise(k_art),
                "DEK" => de_country(k_art),
                "ENK" => in_country(k_art, k_fr),
                "T" => {
                    let (fr, en) = *self.rng.pick(TITLES);
                    (if self.fr { fr } else { en }).to_string()
                }
                "S" => {
                    let (fr, en) = *self.rng.pick(TOPICS);
                    (if self.fr { fr } else { en }).to_string()
                }
                "D" => (*self.rng.pick(if self.fr { DAYS_FR } else { DAYS_EN })).to_string(),
                "N" => self.rng.range(2, 950).to_string(),
                "N2" => self.rng.below(10).to_string(),
                "M" => self.rng.range(2, 12).to_string(),
                "Y" => self.rng.range(1995, 2023).to_string(),
                _ => String::new(),
            };
            out.push_str(&value);
        }
        out.push_str(rest);
        if self.fr { contract_fr(&out) } else { out }
    }

    fn filler_sentence(&mut self) -> String {
        if !self.filler.is_empty() && self.rng.chance(0.5) {
            return self.rng.pick(self.filler).clone();
        }
        if self.rng.chance(0.25) {
            let t = *self.rng.pick(if self.fr { FIGURES_FR } else { FIGURES_EN });
            return self.render(t);
        }
        let (s, v, o) = if self.fr { FILL_FR } else { FILL_EN };
        let line = format!(
            "{} {} {}.",
            self.rng.pick(s),
            self.rng.pick(v),
            self.rng.pick(o)
        );
        if self.fr { contract_fr(&line) } else { line }
    }
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    title: &'a str,
    date: &'a str,
    lang: &'a str,
    url: &'a str,
    text: &'a str,
}

/// Writes article number `i` (0-based) of the corpus of `seed` as one JSONL
/// line; returns (tokens, things drawn).
fn article(
    seed: u64,
    i: u64,
    filler: &Filler,
    out: &mut Vec<u8>,
    things: &mut HashSet<Thing>,
) -> Result<u64> {
    let mut rng = Rng::fork(seed, i);
    let fr = rng.chance(0.6);
    let mut a = Article {
        fr,
        persons: Vec::new(),
        orgs: Vec::new(),
        intl: rng.zipf(INTL_ORGS.len() as u64) as usize,
        cities: Vec::new(),
        countries: Vec::new(),
        introduced: HashSet::new(),
        filler: if fr { &filler.fr } else { &filler.en },
        rng,
    };
    let (np, no, nc, nk) = (
        a.rng.range(7, 13),
        a.rng.range(3, 6),
        a.rng.range(2, 5),
        a.rng.range(1, 3),
    );
    // Distinct cast members: a head actor may be drawn twice.
    while (a.persons.len() as u64) < np {
        let p = draw(&mut a.rng, person_universe(), PERSON_HEAD);
        if !a.persons.contains(&p) {
            a.persons.push(p);
        }
    }
    while (a.orgs.len() as u64) < no {
        let o = draw(&mut a.rng, org_universe(), ORG_HEAD);
        if !a.orgs.contains(&o) {
            a.orgs.push(o);
        }
    }
    while (a.cities.len() as u64) < nc {
        let c = draw(&mut a.rng, city_universe(), CITY_HEAD);
        if !a.cities.contains(&c) {
            a.cities.push(c);
        }
    }
    for _ in 0..nk {
        let k = a.rng.zipf(COUNTRIES.len() as u64) as usize;
        if !a.countries.contains(&k) {
            a.countries.push(k);
        }
    }
    things.extend(a.persons.iter().map(|&p| Thing::Person(p)));
    things.extend(a.orgs.iter().map(|&o| Thing::Org(o)));
    things.extend(a.cities.iter().map(|&c| Thing::City(c)));
    things.extend(a.countries.iter().map(|&k| Thing::Country(k)));
    things.insert(Thing::Intl(a.intl));

    let (first, last, _) = person(a.persons[0]);
    let (_, other, _) = person(a.persons[1]);
    let place = city(a.cities[0]);
    let title = if fr {
        format!("{first} {last} et {other} réunis à {place}")
    } else {
        format!("{first} {last} and {other} meet in {place}")
    };
    let n = a.rng.range(16, 28);
    let mut text = String::with_capacity(2048);
    for s in 0..n {
        let sentence = if s == 0 || a.rng.chance(0.65) {
            let t = *a.rng.pick(if fr { FACTS_FR } else { FACTS_EN });
            a.render(t)
        } else {
            a.filler_sentence()
        };
        if s > 0 {
            text.push_str(if a.rng.chance(0.3) { "\n\n" } else { " " });
        }
        text.push_str(&sentence);
    }
    let date = format!(
        "{}-{:02}-{:02}",
        a.rng.range(2015, 2024),
        a.rng.range(1, 12),
        a.rng.range(1, 28)
    );
    let id = format!("bench-{seed}-{i}");
    let url = format!("https://news.example.org/{seed}/{i}");
    let line = Line {
        id: &id,
        title: &title,
        date: &date,
        lang: if fr { "fr" } else { "en" },
        url: &url,
        text: &text,
    };
    serde_json::to_writer(&mut *out, &line).map_err(|e| Error::Input {
        path: id.clone(),
        line: None,
        message: format!("cannot serialise generated article: {e}"),
    })?;
    out.push(b'\n');
    Ok(count_tokens(&text))
}

/// Tokens as a tokenizer sees them: word-bound segments that are not
/// whitespace (words, numbers, punctuation).
pub fn count_tokens(text: &str) -> u64 {
    text.split_word_bounds()
        .filter(|w| !w.trim().is_empty())
        .count() as u64
}

/// Streams `articles` articles of the corpus of `seed` to `out`, one JSONL
/// line each; memory stays bounded except for the set of distinct things
/// drawn (a few tens of bytes per future node).
pub fn generate(
    articles: u64,
    seed: u64,
    filler: &Filler,
    out: &mut dyn Write,
    dest: &str,
) -> Result<GenSummary> {
    let mut summary = GenSummary::default();
    let mut things = HashSet::new();
    let mut buf = Vec::with_capacity(1 << 16);
    for i in 0..articles {
        buf.clear();
        summary.tokens += article(seed, i, filler, &mut buf, &mut things)?;
        summary.bytes += buf.len() as u64;
        out.write_all(&buf).map_err(|source| Error::Io {
            path: dest.to_string(),
            source,
        })?;
    }
    out.flush().map_err(|source| Error::Io {
        path: dest.to_string(),
        source,
    })?;
    summary.articles = articles;
    summary.distinct_things = things.len() as u64;
    Ok(summary)
}

/// Reads sentences from a CoNLL file (one token per line, blank line
/// between sentences) as plain text, for use as filler. Keeps sentences of
/// 8 to 40 tokens; joins tokens with spaces, gluing punctuation.
pub fn conll_sentences(path: &Path, limit: usize) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = Vec::new();
    let mut tokens: Vec<String> = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        let token = line.split('\t').next().unwrap_or("").trim();
        if token.is_empty() || token == "-DOCSTART-" {
            if (8..=40).contains(&tokens.len()) && !tokens.iter().any(|t| t.starts_with('#')) {
                out.push(detokenise(&tokens));
                if out.len() >= limit {
                    break;
                }
            }
            tokens.clear();
        } else {
            tokens.push(token.to_string());
        }
    }
    Ok(out)
}

fn detokenise(tokens: &[String]) -> String {
    let mut s = String::new();
    for t in tokens {
        let glue = matches!(t.as_str(), "." | "," | ";" | ":" | ")" | "'s" | "%")
            || s.ends_with('(')
            || s.ends_with('\'');
        if !s.is_empty() && !glue {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(n: u64, seed: u64) -> (Vec<u8>, GenSummary) {
        let mut out = Vec::new();
        let s = generate(n, seed, &Filler::default(), &mut out, "test").expect("in memory");
        (out, s)
    }

    #[test]
    fn same_seed_same_corpus_and_prefixes_agree() {
        let (a, sa) = corpus(50, 9);
        let (b, _) = corpus(50, 9);
        assert_eq!(a, b);
        let (small, _) = corpus(20, 9);
        assert!(a.starts_with(&small));
        let (c, _) = corpus(50, 10);
        assert_ne!(a, c);
        assert_eq!(sa.articles, 50);
        assert_eq!(sa.bytes, a.len() as u64);
    }

    #[test]
    fn lines_are_ingestable_json_with_both_languages() {
        let (out, s) = corpus(200, 1);
        let text = String::from_utf8(out).expect("utf-8");
        let mut langs = HashSet::new();
        let mut hashes = HashSet::new();
        let mut tokens = 0;
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            let body = v["text"].as_str().expect("text field");
            assert!(body.len() > 200, "article too short: {body}");
            assert!(!body.contains('{'), "unfilled slot in: {body}");
            tokens += count_tokens(body);
            langs.insert(v["lang"].as_str().expect("lang").to_string());
            hashes.insert(body.to_string());
        }
        assert_eq!(tokens, s.tokens);
        assert_eq!(hashes.len(), 200, "articles must differ");
        assert_eq!(langs.len(), 2);
    }

    #[test]
    fn names_have_a_heavy_head_and_a_long_tail() {
        let mut rng = Rng::new(5);
        let mut counts = std::collections::HashMap::new();
        let n = 50_000;
        for _ in 0..n {
            *counts
                .entry(draw(&mut rng, person_universe(), PERSON_HEAD))
                .or_insert(0u32) += 1;
        }
        let max = counts.values().copied().max().unwrap_or(0);
        let once = counts.values().filter(|&&c| c == 1).count();
        assert!(max > 500, "most frequent name drawn {max} times");
        assert!(once > n / 2, "only {once} names drawn once");
    }

    #[test]
    fn name_parts_are_injective() {
        let names: HashSet<String> = (0..5000)
            .map(|i| {
                let (f, l, _) = person(i * 613);
                format!("{f} {l}")
            })
            .collect();
        assert_eq!(names.len(), 5000);
        assert_eq!(de_country("le Portugal"), "du Portugal");
        assert_eq!(in_country("les Pays-Bas", "Pays-Bas"), "aux Pays-Bas");
        assert_eq!(
            contract_fr("face à les prix de le gaz"),
            "face aux prix du gaz"
        );
    }

    #[test]
    fn conll_filler_is_detokenised() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("x.conll");
        std::fs::write(
            &p,
            "-DOCSTART-\n\nThe\tO\nbank\tO\n(\tO\nsaid\tO\n)\tO\nit\tO\nwould\tO\nrise\tO\n.\tO\n\n",
        )
        .expect("write");
        let s = conll_sentences(&p, 10).expect("read");
        assert_eq!(s, vec!["The bank (said) it would rise.".to_string()]);
    }
}
