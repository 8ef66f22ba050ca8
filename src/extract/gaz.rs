//! The word lists extraction consults, as one small facade over the
//! loaded lists (`crate::lists`, the only reader of `data/lists/`): the
//! gazetteer (places, demonyms, first names, titles, head words) and the
//! closed word classes of the rules, compiled into one class lookup per
//! word ([`classes`]). A leaf of `extract`: it imports no other part of it
//! but the hash map types. Nothing here names a particular person, place
//! or organisation.

use crate::lists::{Lexicon, Lists, WordClass};
use crate::model::{EntityType, Lang};
use crate::model::{Map, Set};
use std::sync::OnceLock;

pub use crate::lists::TitleKind;

/// A place or organisation found in the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// Cross-article, cross-language key.
    pub key: &'static str,
    pub kind: EntityType,
    /// A country (or a comparable sovereign unit): the target of demonyms,
    /// the "two parties" of an article.
    pub country: bool,
    /// A country, continent or region that other places are in.
    pub container: bool,
    /// The country a city or region is in.
    pub parent: Option<&'static str>,
    /// What the lists say it is.
    pub class: PlaceClass,
}

/// What a [`Known`] place or organisation is, from the `class` column of
/// `places.tsv` (never read from its key, which names it in databases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceClass {
    /// A country (`country:RU`).
    Country,
    /// A region of a country (`region:US-CA`, ISO 3166-2).
    Region,
    /// A continent or a region of the world, a region in no country
    /// (`region:150`, `region:155`, UN M49: Europe, Western Europe).
    WorldRegion,
    /// A sea or a region named by custom (`area:sahel`, `area:baltic`).
    Area,
    /// A city (`city:<GeoNames id>`).
    City,
    /// An organisation (`org:NATO`).
    Org,
}

impl PlaceClass {
    /// The class of a place row: its `class` column (one of those the
    /// lexicon admits) and whether it has a parent country.
    fn of(class: &str, parent: Option<&str>) -> PlaceClass {
        match class {
            "country" => PlaceClass::Country,
            "region" if parent.is_some() => PlaceClass::Region,
            "region" | "continent" => PlaceClass::WorldRegion,
            "area" => PlaceClass::Area,
            "city" => PlaceClass::City,
            _ => PlaceClass::Org,
        }
    }
}

impl Known {
    /// A continent, a world region or a sea ("Africa", "the Sahel",
    /// "Western Europe"): no one's government, so no one leads it or holds
    /// a post in it ("Regional Director for Africa" is a post in an
    /// organisation).
    pub fn supranational(&self) -> bool {
        matches!(self.class, PlaceClass::WorldRegion | PlaceClass::Area)
    }
}

pub use crate::fold::{fold, fold_cow, fold_into, with_fold};

/// Looks a title or honorific up at the start of `words` (lowercase tokens);
/// returns how many words it spans. `ex-`/`former`/`ancien` prefixes count.
pub fn title(words: &[&str]) -> Option<(usize, TitleKind)> {
    title_cls(words, words.first().map_or(0, |w| classes(w)))
}

/// [`title`] of words whose first word's [`classes`] are `c` (the tokens
/// carry them: not looked up again).
pub fn title_cls(words: &[&str], c: u32) -> Option<(usize, TitleKind)> {
    let (skip, words) = match words.first() {
        Some(_) if c & cls::TITLE_PREFIX != 0 => (1, &words[1..]),
        _ => (0, words),
    };
    let first = *words.first()?;
    let c = match first.strip_prefix("ex-") {
        Some(rest) => classes(rest),
        None if skip == 1 => classes(first),
        None => c,
    };
    let first = first.strip_prefix("ex-").unwrap_or(first);
    if c & cls::TITLE_FIRST == 0 {
        return None;
    }
    let index = title_index();
    let mut best: Option<(usize, TitleKind)> = None;
    for (rest, kind) in index.ours.get(first).map_or(&[][..], Vec::as_slice) {
        let n = matches_words(rest, words);
        if n > 0 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, *kind));
        }
    }
    if let Some((n, k)) = lexicon_title(words)
        && best.is_none_or(|(m, _)| n > m)
    {
        best = Some((n, k));
    }
    best.map(|(n, k)| (n + skip, k))
}

/// [`title`] of the words of `words` (six at most), gathered on the stack.
pub fn title_in<'w>(words: impl IntoIterator<Item = &'w str>) -> Option<(usize, TitleKind)> {
    let mut buf = [""; 6];
    let n = gather(words, &mut buf);
    title(&buf[..n])
}

/// [`title_cls`] of the words of `words` (six at most), gathered on the
/// stack.
pub fn title_in_cls<'w>(
    words: impl IntoIterator<Item = &'w str>,
    c: u32,
) -> Option<(usize, TitleKind)> {
    // Most words open no title: turned away before the others are read.
    let mut words = words.into_iter();
    let first = words.next()?;
    if !may_open_title_cls(first, c) {
        return None;
    }
    let mut buf = [first; 6];
    let n = 1 + gather(words, &mut buf[1..]);
    title_cls(&buf[..n], c)
}

/// Puts the first words of `words` into `buf`; returns how many.
fn gather<'w>(words: impl IntoIterator<Item = &'w str>, buf: &mut [&'w str]) -> usize {
    let mut n = 0;
    for w in words.into_iter().take(buf.len()) {
        buf[n] = w;
        n += 1;
    }
    n
}

/// Whether [`title`] can find a title in words starting with `w`, whose
/// [`classes`] are `c`: callers skip gathering the words when not.
pub fn may_open_title_cls(w: &str, c: u32) -> bool {
    c & cls::TITLE_PREFIX != 0
        || match w.strip_prefix("ex-") {
            Some(rest) => classes(rest) & cls::TITLE_FIRST != 0,
            None => c & cls::TITLE_FIRST != 0,
        }
}

/// Titles by first word: ours, and the first words of the lexicon's (so
/// most tokens are turned away with one hash lookup).
struct TitleIndex {
    /// First word -> the entry's other words (split once here), kind.
    ours: Map<&'static str, Vec<(Vec<&'static str>, TitleKind)>>,
    first_words: Set<String>,
}

fn title_index() -> &'static TitleIndex {
    static INDEX: OnceLock<TitleIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut ours: Map<&'static str, Vec<(Vec<&'static str>, TitleKind)>> = Map::default();
        let mut first_words: Set<String> = Set::default();
        let lists = Lists::get();
        for (entry, kind) in lists.rule_titles() {
            let first = entry.split(' ').next().unwrap_or(entry);
            let rest = entry.split(' ').skip(1).collect();
            ours.entry(first).or_default().push((rest, kind));
            first_words.insert(first.to_string());
        }
        for (title, _) in lists.titles() {
            if let Some(first) = title.split(' ').next() {
                let lower = first.to_lowercase();
                first_words.insert(fold(&lower));
                // "M." is also tokenised "m" + "."
                first_words.insert(lower.trim_end_matches('.').to_string());
                first_words.insert(lower);
            }
        }
        TitleIndex { ours, first_words }
    })
}

/// How many of `words` an entry of [`TitleIndex::ours`] covers, its first
/// word being `words[0]` (0 if it does not).
fn matches_words(rest: &[&str], words: &[&str]) -> usize {
    let mut n = 1;
    for &p in rest {
        // d'état is two tokens: "d'" + "état"
        let mut rest = p;
        while !rest.is_empty() {
            let Some(w) = words.get(n) else { return 0 };
            match rest.strip_prefix(*w) {
                Some(r) => rest = r,
                None => return 0,
            }
            n += 1;
        }
    }
    n
}

/// `s.chars().count()`, inline for the short strings of names: the bytes
/// that start a character.
pub fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Which word lists a word is in: bits of [`classes`], so a token is
/// looked up once for all of them (the tokenizer keeps them per token).
/// The closed classes are those of `data/lists/word_classes.tsv`.
pub mod cls {
    pub const STOP: u32 = 1 << 0;
    pub const LOWER_OPENER: u32 = 1 << 1;
    pub const PLACE_PREP: u32 = 1 << 2;
    pub const ORG_HEAD: u32 = 1 << 3;
    pub const ORG_OPENER: u32 = 1 << 4;
    pub const LOC_HEAD: u32 = 1 << 5;
    pub const LOC_GENERIC: u32 = 1 << 6;
    pub const MISC_HEAD: u32 = 1 << 7;
    pub const ADHERENT: u32 = 1 << 8;
    pub const DATE_WORD: u32 = 1 << 9;
    pub const COMMON: u32 = 1 << 10;
    /// An organisation head noun of the lexicon.
    pub const LEX_ORG_HEAD: u32 = 1 << 11;
    /// A place head noun of the lexicon.
    pub const LEX_LOC_HEAD: u32 = 1 << 12;
    /// A key of the first-name set (lowercase or folded name).
    pub const FIRST_NAME: u32 = 1 << 13;
    /// A first word of a title or honorific.
    pub const TITLE_FIRST: u32 = 1 << 14;
    /// A key of the demonym map (lowercase or folded form).
    pub const DEMONYM: u32 = 1 << 15;
    /// The first word of a two-word event trigger of the relation patterns
    /// (`trigger_pairs.tsv`).
    pub const PAIR_TRIGGER: u32 = 1 << 16;
    /// A French function word (`fr_word`).
    pub const FR_WORD: u32 = 1 << 17;
    /// An English function word (`en_word`).
    pub const EN_WORD: u32 = 1 << 18;
    /// A word some relation pattern compares each slot with
    /// (`slot_trigger`, `located`, `capital`, `member`, `student`, `unit`,
    /// `hosts`).
    pub const SLOT_TRIGGER: u32 = 1 << 19;
    /// A word a title may follow (`title_prefix`).
    pub const TITLE_PREFIX: u32 = 1 << 20;
    /// A lowercase noun that introduces an event's, a vehicle's or a
    /// work's name (`misc_cue`).
    pub const MISC_CUE: u32 = 1 << 21;
    /// A word of a team-sport match report (`sport`).
    pub const SPORT: u32 = 1 << 22;
    /// A word saying an organisation belongs to the state (`state_word`).
    pub const STATE_WORD: u32 = 1 << 23;
    /// The last word of a state body's name, lowercase (`state_body`).
    pub const STATE_BODY: u32 = 1 << 24;
    /// A lowercase noun that introduces an organisation's name (`org_cue`).
    pub const ORG_CUE: u32 = 1 << 25;

    /// [`super::is_org_head`].
    pub const ANY_ORG_HEAD: u32 = ORG_HEAD | ORG_OPENER | LEX_ORG_HEAD;
    /// A place head noun, ours or the lexicon's.
    pub const ANY_LOC_HEAD: u32 = LOC_HEAD | LEX_LOC_HEAD;
    /// [`super::is_not_name`].
    pub const NOT_NAME: u32 = DATE_WORD | COMMON | ADHERENT;
    /// Never inside a name.
    pub const ENDS_NAME: u32 = DATE_WORD | COMMON;
}

/// The [`cls`] bits of `w` as written (no folding): exactly the lists
/// whose sets hold `w`. One lookup: words of up to 16 bytes in a
/// [`ShortTable`], longer ones in a hash map.
pub fn classes(w: &str) -> u32 {
    static MAP: OnceLock<(ShortTable, Map<String, u32>, [bool; 256])> = OnceLock::new();
    let (short, map, first_bytes) = MAP.get_or_init(|| {
        let mut m = class_map();
        // The first bytes of the words held: most other words (and
        // punctuation) are turned away before hashing.
        let mut first_bytes = [false; 256];
        for w in m.keys() {
            first_bytes[usize::from(w.as_bytes().first().copied().unwrap_or(0))] = true;
        }
        let short = ShortTable::new(m.iter().filter(|(w, _)| is_short(w)));
        m.retain(|w, _| !is_short(w));
        (short, m, first_bytes)
    });
    let first = usize::from(w.as_bytes().first().copied().unwrap_or(0));
    if !first_bytes[first] {
        return 0;
    }
    if is_short(w) {
        short.get(w)
    } else {
        map.get(w).copied().unwrap_or(0)
    }
}

/// A word [`ShortTable`] holds: 1 to 16 bytes.
fn is_short(w: &str) -> bool {
    (1..=16).contains(&w.len())
}

/// The [`cls`] bit of a class of `word_classes.tsv` (none for the
/// adjective suffixes and the event trigger prefixes, which are endings
/// and beginnings, not words, and the membership heads, legislatures and chambers, read
/// from whole names). Every class of words the relation patterns compare a slot with
/// gives [`cls::SLOT_TRIGGER`].
fn class_bit(class: WordClass) -> Option<u32> {
    Some(match class {
        WordClass::Stop => cls::STOP,
        WordClass::LowerOpener => cls::LOWER_OPENER,
        WordClass::PlacePrep => cls::PLACE_PREP,
        WordClass::OrgHead => cls::ORG_HEAD,
        WordClass::OrgOpener => cls::ORG_OPENER,
        WordClass::LocHead => cls::LOC_HEAD,
        WordClass::LocGeneric => cls::LOC_GENERIC,
        WordClass::MiscHead => cls::MISC_HEAD,
        WordClass::Adherent => cls::ADHERENT,
        WordClass::DateWord => cls::DATE_WORD,
        WordClass::Common => cls::COMMON,
        WordClass::FrWord => cls::FR_WORD,
        WordClass::EnWord => cls::EN_WORD,
        WordClass::TitlePrefix => cls::TITLE_PREFIX,
        WordClass::MiscCue => cls::MISC_CUE,
        WordClass::Sport => cls::SPORT,
        WordClass::StateWord => cls::STATE_WORD,
        WordClass::StateBody => cls::STATE_BODY,
        WordClass::OrgCue => cls::ORG_CUE,
        WordClass::SlotTrigger
        | WordClass::Located
        | WordClass::Capital
        | WordClass::Member
        | WordClass::Student
        | WordClass::Unit
        | WordClass::Hosts
        | WordClass::Suburb => cls::SLOT_TRIGGER,
        WordClass::NameAdjectiveSuffix
        | WordClass::MembershipHead
        | WordClass::Legislature
        | WordClass::Chamber
        | WordClass::MeetPrefix
        | WordClass::MeetWord
        | WordClass::MeetNounPrefix
        | WordClass::AgreePrefix
        | WordClass::NotAgreePrefix
        | WordClass::SupportPrefix
        | WordClass::SupportNounPrefix
        | WordClass::OpposePrefix
        | WordClass::OpposeWord
        | WordClass::OpposeNounPrefix
        | WordClass::Abbreviation
        | WordClass::Elision
        | WordClass::CompoundSuffix
        | WordClass::PlaceOf
        | WordClass::Proximity
        | WordClass::OfficeNoun
        | WordClass::OfficeNameNoun
        | WordClass::PartyAdjective
        | WordClass::IdeologyAdjective
        | WordClass::Describe
        | WordClass::HarshPrefix
        | WordClass::LoneCommon
        | WordClass::OpposeMutualPrefix
        | WordClass::Claim
        | WordClass::Accused
        | WordClass::Prosecution
        | WordClass::Defence
        | WordClass::Reaction
        | WordClass::Provoke
        | WordClass::Unrealised
        | WordClass::Exhort
        | WordClass::Visit
        | WordClass::ElectedOffice
        | WordClass::AgreementDocument
        | WordClass::Sentenced
        | WordClass::HeadVerb
        | WordClass::HeadParticiple
        | WordClass::League
        | WordClass::LeagueRank
        | WordClass::Secretary
        | WordClass::Companion
        | WordClass::OutsideProfession
        | WordClass::Court
        | WordClass::Ministry
        | WordClass::HonorificAbbreviation => return None,
    })
}

/// Every word of the lists with its [`cls`] bits.
fn class_map() -> Map<String, u32> {
    let mut m: Map<String, u32> = Map::default();
    let mut add = |w: &str, bit: u32| match m.get_mut(w) {
        Some(v) => *v |= bit,
        None => {
            m.insert(w.to_string(), bit);
        }
    };
    for (w, class) in Lists::get().word_classes() {
        if let Some(bit) = class_bit(class) {
            add(w, bit);
        }
    }
    for pair in Lists::get().trigger_pairs() {
        add(pair.first, cls::PAIR_TRIGGER);
    }
    for (w, &org) in lexicon_heads() {
        add(
            w,
            if org {
                cls::LEX_ORG_HEAD
            } else {
                cls::LEX_LOC_HEAD
            },
        );
    }
    for w in first_names() {
        add(w, cls::FIRST_NAME);
    }
    for w in &title_index().first_words {
        add(w, cls::TITLE_FIRST);
    }
    for w in demonyms().keys() {
        add(w, cls::DEMONYM);
    }
    m
}

/// Words of at most 16 bytes with their [`cls`] bits, in an open-addressed
/// table whose slots hold each word's bytes as two integers: a lookup
/// hashes and compares integers, with no key on the heap to follow and no
/// byte comparison call.
struct ShortTable {
    /// `(bytes, length and bits)` per slot; length 0 marks an empty slot.
    slots: Vec<(u128, u64)>,
    mask: usize,
}

impl ShortTable {
    fn new<'a>(words: impl Iterator<Item = (&'a String, &'a u32)> + Clone) -> Self {
        let n = words.clone().count();
        let size = (2 * n + 2).next_power_of_two();
        let mut table = ShortTable {
            slots: vec![(0, 0); size],
            mask: size - 1,
        };
        for (w, &bits) in words {
            let (key, len) = Self::key(w);
            let mut i = table.slot(key);
            while table.slots[i].1 != 0 {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = (key, len | u64::from(bits) << 8);
        }
        table
    }

    /// The bytes of `w` ([`is_short`]) as one integer, read as fixed-size
    /// pieces that overlap for lengths between the powers of two (the
    /// first and the last 8, 4 or 1 bytes, and the middle one), and its
    /// length: given the length, the integer tells every byte.
    fn key(w: &str) -> (u128, u64) {
        let b = w.as_bytes();
        let n = b.len();
        let at8 = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let at4 = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"));
        let key = if n >= 8 {
            u128::from(at8(0)) | u128::from(at8(n - 8)) << 64
        } else if n >= 4 {
            u128::from(at4(0)) | u128::from(at4(n - 4)) << 32
        } else {
            u128::from(b[0]) | u128::from(b[n / 2]) << 8 | u128::from(b[n - 1]) << 16
        };
        (key, n as u64)
    }

    fn slot(&self, key: u128) -> usize {
        // The halves may be equal (8-byte words): one is mixed first.
        let h = ((key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (key >> 64) as u64)
            .wrapping_mul(0xff51_afd7_ed55_8ccd);
        (h >> 40) as usize & self.mask
    }

    /// The longest distance of a word from its home slot.
    #[cfg(test)]
    fn longest_probe(&self) -> usize {
        (0..self.slots.len())
            .filter(|&i| self.slots[i].1 != 0)
            .map(|i| i.wrapping_sub(self.slot(self.slots[i].0)) & self.mask)
            .max()
            .unwrap_or(0)
    }

    /// The bits of `w` (0 when absent); `w` [`is_short`].
    fn get(&self, w: &str) -> u32 {
        let (key, len) = Self::key(w);
        let mut i = self.slot(key);
        loop {
            let (k, v) = self.slots[i];
            if v & 0xff == len && k == key {
                return (v >> 8) as u32;
            }
            if v == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
}

pub fn is_org_head(w: &str) -> bool {
    classes(w) & cls::ANY_ORG_HEAD != 0
}

pub fn is_loc_generic(w: &str) -> bool {
    classes(w) & cls::LOC_GENERIC != 0
}

/// A minister's or a ministry's word, whose complement is a portfolio
/// ("le ministre des Finances", "the ministry of Health", "le
/// portefeuille de la Santé"); `w` in lowercase.
pub fn is_minister_word(w: &str) -> bool {
    matches!(
        w,
        "ministre"
            | "ministres"
            | "ministère"
            | "minister"
            | "ministers"
            | "ministry"
            | "portefeuille"
            | "portfolio"
    )
}

/// A ministry's word ("ministère", "ministry": `ministry` of
/// `word_classes.tsv`); `w` in lowercase.
pub fn is_ministry_word(w: &str) -> bool {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| Lists::get().words(WordClass::Ministry).collect())
        .contains(&w)
}

/// Not a name on its own.
pub fn is_not_name(w: &str) -> bool {
    classes(w) & cls::NOT_NAME != 0
}

/// An ordinary word of `lang` (`w` in lowercase): a dictionary word as
/// frequent as once per million words (`common_words.tsv`), whatever its
/// case in the text ("Senior", "Hope").
pub fn is_common_word(w: &str, lang: Lang) -> bool {
    static CELL: OnceLock<[Set<&'static str>; 2]> = OnceLock::new();
    let sets = CELL.get_or_init(|| {
        let lists = Lists::get();
        [
            lists.common_words(Lang::En).collect(),
            lists.common_words(Lang::Fr).collect(),
        ]
    });
    sets[usize::from(lang == Lang::Fr)].contains(w)
}

/// A lowercase French adjective that may continue a name (Nations unies,
/// Assemblée nationale, Affaires étrangères, Guerre froide).
pub fn is_name_adjective(w: &str) -> bool {
    // Every suffix (and "froide", "unis") ends in one of these bytes. The
    // suffixes are tried only when the byte before the last agrees too
    // (all have at least two bytes).
    let b = w.as_bytes();
    matches!(b.last(), Some(b'e' | b's' | b'x' | b'n' | b'l' | b'r'))
        && b.len() >= 3
        && (name_adjective_suffixes().iter().any(|s| {
            let x = s.as_bytes();
            x.len() <= b.len() && x[x.len() - 2] == b[b.len() - 2] && b.ends_with(x)
        }) || w == "froide"
            || w == "unis")
        && !w.ends_with("ment")
        && w.chars().all(char::is_alphabetic)
        && w.chars().count() > 3
        && classes(w) & (cls::STOP | cls::DATE_WORD) == 0
}

/// Endings of French adjectives inside names ([`is_name_adjective`]):
/// `name_adjective_suffix` of `word_classes.tsv`.
fn name_adjective_suffixes() -> &'static [&'static str] {
    static SUFFIXES: OnceLock<Vec<&'static str>> = OnceLock::new();
    SUFFIXES.get_or_init(|| Lists::get().words(WordClass::NameAdjectiveSuffix).collect())
}

// ---- views onto the loaded lists (crate::lists) ----

fn lex() -> &'static Lexicon {
    Lists::get().lexicon()
}

/// Forms [`place`] (and words [`demonym_cls`]) remembers per thread before
/// it starts afresh.
const PLACE_CACHE_MAX: usize = 1 << 14;

/// A place or organisation named by `form` (as written, any case). The
/// answers are kept per thread: candidate names recur within and across
/// articles, and most are no place (two lookups and a fold each).
pub fn place(form: &str) -> Option<Known> {
    thread_local! {
        static CACHE: Cache<Option<Known>> = Cache::default();
    }
    remembered(&CACHE, form, place_uncached)
}

/// Whether `form` is a place's name as the lists write it, not only the
/// same letters without their accents ("Seul" is "Seúl" only so).
pub fn place_as_written(form: &str) -> bool {
    lex().is_written_place(form)
}

/// Answers kept per thread by word or form, up to [`PLACE_CACHE_MAX`].
type Cache<T> = std::cell::RefCell<Map<Box<str>, T>>;

/// `compute(key)`, kept in `cache` (emptied when full).
fn remembered<T: Copy>(
    cache: &'static std::thread::LocalKey<Cache<T>>,
    key: &str,
    compute: impl FnOnce(&str) -> T,
) -> T {
    cache.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return compute(key);
        };
        if let Some(&answer) = cache.get(key) {
            return answer;
        }
        let answer = compute(key);
        if cache.len() >= PLACE_CACHE_MAX {
            cache.clear();
        }
        cache.insert(Box::from(key), answer);
        answer
    })
}

/// [`place`] without the cache.
fn place_uncached(form: &str) -> Option<Known> {
    let p = lex().place(form)?;
    let class = PlaceClass::of(p.class, p.parent);
    Some(Known {
        key: p.key,
        kind: p.kind,
        country: class == PlaceClass::Country,
        container: matches!(
            class,
            PlaceClass::Country | PlaceClass::Region | PlaceClass::WorldRegion
        ),
        parent: p.parent,
        class,
    })
}

/// The country key a demonym or nationality adjective names. Looked up
/// in a map of the lexicon's demonym list by lowercase form (then folded),
/// so the common case costs one hash lookup and no allocation.
pub fn demonym(word: &str) -> Option<&'static str> {
    demonym_cls(word, classes(word))
}

/// [`demonym`] of a word whose [`classes`] are `c`.
pub fn demonym_cls(word: &str, c: u32) -> Option<&'static str> {
    if c & cls::DEMONYM != 0 {
        return demonyms().get(word).copied();
    }
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return None;
        }
        return with_fold(word, |f| demonyms().get(f).copied());
    }
    // Accented words ("été", "première") recur and most are no demonym:
    // their fold is kept per thread.
    thread_local! {
        static CACHE: Cache<Option<&'static str>> = Cache::default();
    }
    remembered(&CACHE, word, |w| {
        with_fold(w, |f| demonyms().get(f).copied())
    })
}

/// The lexicon's demonym list by lowercase and folded form.
fn demonyms() -> &'static Map<String, &'static str> {
    static MAP: OnceLock<Map<String, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Map::default();
        for (form, key) in Lists::get().demonyms() {
            m.insert(fold(form), key);
            m.insert(form.to_lowercase(), key);
        }
        m
    })
}

/// The country key of a combining prefix (russo-, franco-, sino-).
pub fn demonym_prefix(word: &str) -> Option<&'static str> {
    lex().demonym_prefix(word)
}

/// Whether a lowercase word whose [`classes`] are `c` is a first name of
/// the lexicon's list (indexed by lowercase and folded form, so only a
/// word with accents needs a second lookup).
pub fn is_first_name_cls(word: &str, c: u32) -> bool {
    c & cls::FIRST_NAME != 0
        || (!word.is_ascii() && with_fold(word, classes) & cls::FIRST_NAME != 0)
}

/// The lexicon's first names by lowercase and folded form.
fn first_names() -> &'static Set<String> {
    static SET: OnceLock<Set<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut m = Set::default();
        for name in Lists::get().first_names() {
            m.insert(fold(name));
            m.insert(name.to_lowercase());
        }
        m
    })
}

/// The lexicon's head nouns: (folded word, kind) with kind `org` or `loc`.
fn lexicon_heads() -> &'static Map<String, bool> {
    static MAP: OnceLock<Map<String, bool>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Map::default();
        for (w, kind) in Lists::get().heads() {
            let org = kind == EntityType::Org;
            m.insert(fold(w), org);
            m.insert(w.to_lowercase(), org);
        }
        m
    })
}

fn lexicon_title(words: &[&str]) -> Option<(usize, TitleKind)> {
    lex().title(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of short words answers as the map it is built from.
    #[test]
    fn classes_answer_as_the_map() {
        let map = class_map();
        assert!(map.keys().filter(|w| is_short(w)).count() > 1000);
        for (w, &bits) in &map {
            assert_eq!(classes(w), bits, "{w}");
            // Near misses: a byte more, a byte less.
            let longer = format!("{w}x");
            assert_eq!(classes(&longer), map.get(&longer).copied().unwrap_or(0));
            let shorter = &w[..w.floor_char_boundary(w.len() - 1)];
            assert_eq!(classes(shorter), map.get(shorter).copied().unwrap_or(0));
        }
        assert_eq!(classes(""), 0);
        // The hash spreads the words (equal halves of 8-byte words once
        // sent them all to one slot).
        let table = ShortTable::new(map.iter().filter(|(w, _)| is_short(w)));
        assert!(table.longest_probe() < 40, "{}", table.longest_probe());
    }

    proptest::proptest! {
        #[test]
        fn classes_of_any_word(w in "[a-zé'\\-\\x00]{0,18}") {
            static MAP: OnceLock<Map<String, u32>> = OnceLock::new();
            let expected = MAP.get_or_init(class_map).get(&w).copied().unwrap_or(0);
            proptest::prop_assert_eq!(classes(&w), expected);
        }
    }

    proptest::proptest! {
        /// Against the former reading: any suffix, then the rest.
        #[test]
        fn name_adjectives_as_before(w in "[a-zéèêçû]{0,9}(ique|iques|ale|aux|elle|aire|ienne|aine|ère|ies|ente|ante|ide|ive|ien|aise|oise|iste|enne|ment|al|el|eur|e|s|n|x|l|r|)") {
            let before = w.chars().all(char::is_alphabetic)
                && w.chars().count() > 3
                && !w.ends_with("ment")
                && (name_adjective_suffixes().iter().any(|s| w.ends_with(s))
                    || w == "froide"
                    || w == "unis")
                && classes(&w) & (cls::STOP | cls::DATE_WORD) == 0;
            proptest::prop_assert_eq!(is_name_adjective(&w), before);
        }
    }

    /// `may_open_title_cls` reads the title prefixes from their class bit.
    #[test]
    fn title_prefixes_carry_their_class_bit() {
        for w in Lists::get().words(WordClass::TitlePrefix) {
            assert_ne!(classes(w) & cls::TITLE_PREFIX, 0, "{w}");
            assert!(may_open_title_cls(w, classes(w)), "{w}");
        }
        assert!(!may_open_title_cls("sentence", classes("sentence")));
    }

    proptest::proptest! {
        #[test]
        fn char_count_counts_characters(s in "\\PC{0,24}") {
            proptest::prop_assert_eq!(super::char_count(&s), s.chars().count());
        }
    }

    /// Every place's class agrees with its key's prefix, which the rules
    /// read before the class: `city:`, `area:`, `region:` and a UN M49
    /// number for a world region, `country:`, `org:`.
    #[test]
    fn place_classes_agree_with_their_keys() {
        let mut seen = Set::default();
        for p in lex().places() {
            let class = PlaceClass::of(p.class, p.parent);
            let (prefix, code) = p.key.split_once(':').expect("keys have a prefix");
            let expected = match prefix {
                "country" => PlaceClass::Country,
                "region" if code.bytes().all(|b| b.is_ascii_digit()) => PlaceClass::WorldRegion,
                "region" => PlaceClass::Region,
                "area" => PlaceClass::Area,
                "city" => PlaceClass::City,
                _ => PlaceClass::Org,
            };
            assert_eq!(class, expected, "{}", p.key);
            assert_eq!(prefix == "org", p.class == "org", "{}", p.key);
            seen.insert(format!("{class:?}"));
        }
        assert_eq!(seen.len(), 6, "{seen:?}");
        let sahel = place("Sahel").expect("listed");
        assert!(sahel.supranational() && sahel.class == PlaceClass::Area);
        assert!(place("Western Europe").is_some_and(|k| k.supranational()));
        assert!(!place("Texas").is_some_and(|k| k.supranational()));
    }
}
