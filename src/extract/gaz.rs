//! The word lists extraction consults, behind one small facade: the
//! generated lexicon (places, demonyms, first names, titles, head words)
//! plus a few generic grammatical lists kept here (title classes, head words
//! of organisation, place and event names, particles). Nothing here names a
//! particular person, place or organisation.

use super::lexicon::{Lexicon, TitleClass};
use super::{Map, Set};
use crate::model::EntityType;
use std::sync::OnceLock;

/// What a title word does for the person it introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// M., Mme, Mr, Dr, Professor: a person follows.
    Honorific,
    /// président, PDG, maire, chairman: `leads`.
    Head,
    /// ministre, ambassadeur, porte-parole, co-founder: `role`.
    Role,
}

/// A place or organisation found in the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Cross-article, cross-language key.
    pub key: String,
    pub kind: EntityType,
    /// A country (or a comparable sovereign unit): the target of demonyms,
    /// the "two parties" of an article.
    pub country: bool,
    /// A country, continent or region that other places are in.
    pub container: bool,
    /// The country a city or region is in.
    pub parent: Option<String>,
}

/// Honorifics (lowercase).
const HONORIFICS: &[&str] = &[
    "m.",
    "mm.",
    "mme",
    "mmes",
    "mlle",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof.",
    "professor",
    "professeur",
    "sir",
    "dame",
    "lord",
    "emeritus professor",
];

const HEADS: &[&str] = &[
    "président",
    "présidente",
    "president",
    "pdg",
    "p-dg",
    "président-directeur général",
    "ceo",
    "chief executive",
    "chief executive officer",
    "maire",
    "mayor",
    "premier ministre",
    "première ministre",
    "prime minister",
    "chef",
    "chef de l'état",
    "chef du gouvernement",
    "head",
    "chairman",
    "chairwoman",
    "chair",
    "directeur général",
    "directrice générale",
    "director general",
    "director-general",
    "directeur",
    "directrice",
    "director",
    "leader",
    "dirigeant",
    "dirigeante",
    "secrétaire général",
    "secrétaire générale",
    "secretary general",
    "secretary-general",
    "roi",
    "reine",
    "king",
    "queen",
    "chancelier",
    "chancelière",
    "chancellor",
    "gouverneur",
    "governor",
    "patron",
    "patronne",
    "présidente-directrice générale",
    "emir",
    "émir",
    "sultan",
    "prince",
    "chief",
    "commandant",
    "commander",
    "managing director",
    "boss",
    "dean",
    "doyen",
    "recteur",
    "rector",
];

const ROLES: &[&str] = &[
    "ministre",
    "minister",
    "vice-ministre",
    "deputy minister",
    "foreign minister",
    "ministre des affaires étrangères",
    "secrétaire d'état",
    "sous-secrétaire d'état",
    "sous-secrétaire",
    "secretary of state",
    "under secretary",
    "undersecretary",
    "secretary",
    "ambassadeur",
    "ambassadrice",
    "ambassador",
    "porte-parole",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "député",
    "députée",
    "sénateur",
    "sénatrice",
    "senator",
    "conseiller",
    "conseillère",
    "adviser",
    "advisor",
    "co-fondateur",
    "cofondateur",
    "co-fondatrice",
    "fondateur",
    "fondatrice",
    "founder",
    "co-founder",
    "cofounder",
    "creator",
    "créateur",
    "créatrice",
    "négociateur",
    "négociatrice",
    "negotiator",
    "envoyé",
    "envoyée",
    "envoy",
    "commissaire",
    "commissioner",
    "juge",
    "judge",
    "procureur",
    "prosecutor",
    "général",
    "general",
    "journaliste",
    "journalist",
    "correspondant",
    "correspondante",
    "correspondent",
    "vice-président",
    "vice-présidente",
    "vice-president",
    "vice president",
    "deputy",
    "numéro 2",
    "numéro deux",
    "number two",
    "no. 2",
    "directeur adjoint",
    "directrice adjointe",
    "executive director",
    "representative",
    "représentant",
    "représentante",
    "délégué",
    "déléguée",
    "delegate",
    "haut représentant",
    "high representative",
    "economist",
    "économiste",
    "analyst",
    "analyste",
    "editor",
    "rédacteur en chef",
    "chief economist",
    "officer",
    "official",
    "responsable",
    "chercheur",
    "researcher",
    "professeur",
    "lawyer",
    "avocat",
    "avocate",
    "coach",
    "entraîneur",
    "captain",
    "capitaine",
    "manager",
    "employee",
    "employé",
    "member of parliament",
    "mp",
    "deputy prime minister",
    "vice-premier ministre",
];

/// Words that make a capitalised name an organisation.
const ORG_HEADS: &[&str] = &[
    "church",
    "university",
    "council",
    "department",
    "ministry",
    "association",
    "district",
    "project",
    "news",
    "times",
    "herald",
    "post",
    "journal",
    "tribune",
    "party",
    "union",
    "bank",
    "company",
    "corporation",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "group",
    "institute",
    "foundation",
    "agency",
    "organization",
    "committee",
    "commission",
    "court",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "army",
    "navy",
    "police",
    "school",
    "college",
    "office",
    "bureau",
    "service",
    "network",
    "society",
    "league",
    "federation",
    "alliance",
    "coalition",
    "front",
    "movement",
    "club",
    "fund",
    "board",
    "authority",
    "administration",
    "mail",
    "telegraph",
    "guardian",
    "press",
    "airlines",
    "airways",
    "motors",
    "systems",
    "technologies",
    "labs",
    "studios",
    "center",
    "centre",
    "agence",
    "communauté",
    "société",
    "groupe",
    "sénat",
    "armée",
    "compagnie",
    "gendarmerie",
    "mairie",
    "préfecture",
    "cabinet",
    "gouvernement",
    "government",
    "embassy",
    "reserve",
    "monde",
    "figaro",
    "libération",
    "gazette",
    "chronicle",
    "daily",
    "review",
    "magazine",
    "tv",
    "radio",
    "television",
    "télévision",
    "holdings",
    "partners",
    "capital",
    "industries",
    "nations",
    "wiki",
    "operation",
    "opération",
];

/// French organisation heads that may open a name in lowercase:
/// "département d'État", "ministère des Affaires étrangères".
const ORG_OPENERS: &[&str] = &[
    "ministère",
    "département",
    "assemblée",
    "organisation",
    "parti",
    "banque",
    "conseil",
    "cour",
    "tribunal",
    "fédération",
    "confédération",
    "institut",
    "fondation",
    "université",
    "école",
    "comité",
    "ambassade",
    "mouvement",
    "ligue",
    "syndicat",
    "représentation",
    "haut-commissariat",
    "secrétariat",
];

/// Lowercase place heads that are part of the name (lac Léman, mont Blanc).
const LOC_HEADS: &[&str] = &[
    "lac",
    "lake",
    "mont",
    "mount",
    "montagne",
    "mountains",
    "monts",
    "île",
    "îles",
    "island",
    "islands",
    "fleuve",
    "rivière",
    "river",
    "mer",
    "sea",
    "océan",
    "ocean",
    "golfe",
    "gulf",
    "baie",
    "bay",
    "vallée",
    "valley",
    "désert",
    "desert",
    "canal",
    "détroit",
    "strait",
    "plateau",
    "péninsule",
    "peninsula",
    "bassin",
    "basin",
    "place",
    "square",
    "rue",
    "street",
    "avenue",
    "boulevard",
    "pont",
    "bridge",
    "parc",
    "park",
    "county",
    "comté",
    "airport",
    "aéroport",
];

/// Generic place nouns whose complement is the name: "la province de la X",
/// "la ville de X", "the city of X".
const LOC_GENERIC: &[&str] = &[
    "province",
    "région",
    "region",
    "ville",
    "city",
    "town",
    "village",
    "commune",
    "territoire",
    "territory",
    "capitale",
    "capital",
    "localité",
    "quartier",
    "district",
    "état",
    "state",
    "préfecture",
];

/// Event, work and other MISC head words.
const MISC_HEADS: &[&str] = &[
    "guerre",
    "war",
    "jour",
    "day",
    "fair",
    "festival",
    "coupe",
    "cup",
    "jeux",
    "games",
    "olympiques",
    "championnat",
    "championship",
    "prix",
    "prize",
    "award",
    "awards",
    "traité",
    "treaty",
    "accords",
    "pacte",
    "pact",
    "ouragan",
    "hurricane",
    "tempête",
    "storm",
    "cyclone",
    "typhon",
    "typhoon",
    "loi",
    "act",
    "révolution",
    "revolution",
    "crise",
    "crisis",
    "exposition",
    "expo",
    "salon",
    "open",
    "marathon",
    "conférence",
    "conference",
    "forum",
    "summit",
    "sommet",
    "biennale",
    "élection",
    "élections",
    "election",
    "elections",
    "référendum",
    "referendum",
    "république",
    "republic",
];

/// Days and months: never names, and they end one ("Waitangi Day - February").
const DATE_WORDS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Capitalised words that are never part of a name: common acronyms and
/// nouns that English (or a caption) capitalises.
const COMMON: &[&str] = &[
    "gmt", "utc", "vip", "ok", "tv", "pdg", "ceo", "pib", "gdp", "internet", "web", "am", "pm",
    "etc", "image", "images", "photo", "photos", "video", "updated", "breaking", "sic", "t-shirt",
    "hashtag", "ong", "ngo", "ngos", "covid-19", "covid", "dieu", "god",
];

/// Adherents and faiths: not names on their own, but inside one they are
/// ("Muslim Student Association").
const ADHERENTS: &[&str] = &[
    "muslim",
    "muslims",
    "christian",
    "christians",
    "jewish",
    "jews",
    "catholic",
    "catholics",
    "protestant",
    "islamist",
    "islamists",
    "musulman",
    "musulmans",
    "chrétiens",
    "juifs",
    "islamistes",
    "islamophobia",
    "islamophobie",
];

/// A word list as a hash set, built once.
pub fn word_set(
    cell: &'static OnceLock<Set<&'static str>>,
    words: &'static [&'static str],
) -> &'static Set<&'static str> {
    cell.get_or_init(|| words.iter().copied().collect())
}

macro_rules! in_list {
    ($list:expr, $w:expr) => {{
        static SET: OnceLock<Set<&'static str>> = OnceLock::new();
        word_set(&SET, $list).contains($w)
    }};
}
pub(crate) use in_list;

pub use crate::fold::{fold, fold_cow};

/// Looks a title or honorific up at the start of `words` (lowercase tokens);
/// returns how many words it spans. `ex-`/`former`/`ancien` prefixes count.
pub fn title(words: &[&str]) -> Option<(usize, TitleKind)> {
    let (skip, words) = match words.first() {
        Some(&w) if is_title_prefix(w) => (1, &words[1..]),
        _ => (0, words),
    };
    let first = *words.first()?;
    let first = first.strip_prefix("ex-").unwrap_or(first);
    let index = title_index();
    if !index.first_words.contains(first) {
        return None;
    }
    let mut best: Option<(usize, TitleKind)> = None;
    for (entry, kind) in index.ours.get(first).map_or(&[][..], Vec::as_slice) {
        let n = matches_words(entry, first, words);
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

/// "former", "ancien", ...: a word a title may follow.
fn is_title_prefix(w: &str) -> bool {
    matches!(
        w,
        "former" | "ancien" | "ancienne" | "ex" | "acting" | "outgoing" | "sortant"
    )
}

/// Whether [`title`] can find a title in words starting with `w`: callers
/// skip gathering the words when not.
pub fn may_open_title(w: &str) -> bool {
    is_title_prefix(w)
        || title_index()
            .first_words
            .contains(w.strip_prefix("ex-").unwrap_or(w))
}

/// Titles by first word: ours, and the first words of the lexicon's (so
/// most tokens are turned away with one hash lookup).
struct TitleIndex {
    ours: Map<&'static str, Vec<(&'static str, TitleKind)>>,
    first_words: Set<String>,
}

fn title_index() -> &'static TitleIndex {
    static INDEX: OnceLock<TitleIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut ours: Map<&'static str, Vec<(&'static str, TitleKind)>> = Map::default();
        let mut first_words: Set<String> = Set::default();
        for (list, kind) in [
            (HONORIFICS, TitleKind::Honorific),
            (HEADS, TitleKind::Head),
            (ROLES, TitleKind::Role),
        ] {
            for entry in list {
                let first = entry.split(' ').next().unwrap_or(entry);
                ours.entry(first).or_default().push((entry, kind));
                first_words.insert(first.to_string());
            }
        }
        for line in LEXICON_TITLES.lines().skip(1) {
            if let Some(first) = line.split(['\t', ' ']).next() {
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

/// The lexicon's title list, read only for its first words.
const LEXICON_TITLES: &str = include_str!("../../data/lists/titles.tsv");

/// How many of `words` the space-separated `entry` covers (0 if it does not).
fn matches_words(entry: &str, first: &str, words: &[&str]) -> usize {
    let mut parts = entry.split(' ');
    if parts.next() != Some(first) {
        return 0;
    }
    let mut n = 1;
    for p in parts {
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

pub fn is_org_head(w: &str) -> bool {
    in_list!(ORG_HEADS, w) || in_list!(ORG_OPENERS, w) || lexicon_org_head(w)
}

/// A lowercase word that may open an organisation name.
pub fn is_org_opener(w: &str) -> bool {
    in_list!(ORG_OPENERS, w)
}

pub fn is_loc_head(w: &str) -> bool {
    in_list!(LOC_HEADS, w) || lexicon_loc_head(w)
}

pub fn is_loc_generic(w: &str) -> bool {
    in_list!(LOC_GENERIC, w)
}

pub fn is_misc_head(w: &str) -> bool {
    in_list!(MISC_HEADS, w)
}

/// A faith or adherent word ("Christian"): a name only inside a longer one.
pub fn is_adherent(w: &str) -> bool {
    in_list!(ADHERENTS, w)
}

/// Not a name on its own.
pub fn is_not_name(w: &str) -> bool {
    in_list!(DATE_WORDS, w) || in_list!(COMMON, w) || in_list!(ADHERENTS, w)
}

/// Never inside a name either.
pub fn ends_name(w: &str) -> bool {
    in_list!(DATE_WORDS, w) || in_list!(COMMON, w)
}

pub fn is_date_word(w: &str) -> bool {
    in_list!(DATE_WORDS, w)
}

/// A lowercase French adjective that may continue a name (Nations unies,
/// Assemblée nationale, Affaires étrangères, Guerre froide).
pub fn is_name_adjective(w: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ique", "iques", "ale", "ales", "aux", "elle", "elles", "aire", "aires", "ienne", "iennes",
        "aine", "aines", "ère", "ères", "ies", "ente", "entes", "ante", "antes", "ide", "ides",
        "ive", "ives", "ien", "aise", "aises", "oise", "oises", "iste", "istes", "enne", "ennes",
    ];
    w.chars().all(char::is_alphabetic)
        && w.chars().count() > 3
        && !w.ends_with("ment")
        && (SUFFIXES.iter().any(|s| w.ends_with(s)) || w == "froide" || w == "unis")
}

// ---- bridge to the generated lexicon (src/extract/lexicon.rs) ----

fn lex() -> &'static Lexicon {
    Lexicon::get()
}

/// A place or organisation named by `form` (as written, any case).
pub fn place(form: &str) -> Option<Known> {
    let p = lex().place(form)?;
    Some(Known {
        key: p.key.to_string(),
        kind: p.kind,
        country: p.class == "country",
        container: matches!(p.class, "country" | "region" | "continent"),
        parent: p.parent.map(str::to_string),
    })
}

/// The country key a demonym or nationality adjective names. Looked up
/// in a map of the lexicon's demonym list by lowercase form (then folded),
/// so the common case costs one hash lookup and no allocation.
pub fn demonym(word: &str) -> Option<String> {
    static MAP: OnceLock<Map<String, &'static str>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m = Map::default();
        for line in LEXICON_DEMONYMS.lines().skip(1) {
            let mut cols = line.split('\t');
            if let (Some(form), Some(key)) = (cols.next(), cols.next()) {
                m.insert(fold(form), key);
                m.insert(form.to_lowercase(), key);
            }
        }
        m
    });
    if let Some(k) = map.get(word) {
        return Some((*k).to_string());
    }
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    map.get(&fold(word)).map(|k| (*k).to_string())
}

/// The lexicon's demonym list, indexed here by lowercase form.
const LEXICON_DEMONYMS: &str = include_str!("../../data/lists/demonyms.tsv");

/// The country key of a combining prefix (russo-, franco-, sino-).
pub fn demonym_prefix(word: &str) -> Option<String> {
    lex().demonym_prefix(word).map(str::to_string)
}

/// Whether a lowercase word is a first name of the lexicon's list (indexed
/// here by lowercase and folded form: one hash lookup per word).
pub fn is_first_name(word: &str) -> bool {
    static SET: OnceLock<Set<String>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut m = Set::default();
        for line in LEXICON_FIRST_NAMES.lines().skip(1) {
            if let Some(name) = line.split('\t').next() {
                m.insert(fold(name));
                m.insert(name.to_lowercase());
            }
        }
        m
    });
    set.contains(word) || (!word.is_ascii() && set.contains(&fold(word)))
}

const LEXICON_FIRST_NAMES: &str = include_str!("../../data/lists/first_names.tsv");

/// The lexicon's head nouns: (folded word, kind) with kind `org` or `loc`.
fn lexicon_heads() -> &'static Map<String, bool> {
    static MAP: OnceLock<Map<String, bool>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = Map::default();
        for line in LEXICON_HEADS.lines().skip(1) {
            let mut cols = line.split('\t');
            if let (Some(w), Some(kind)) = (cols.next(), cols.next()) {
                m.insert(fold(w), kind == "org");
                m.insert(w.to_lowercase(), kind == "org");
            }
        }
        m
    })
}

const LEXICON_HEADS: &str = include_str!("../../data/lists/heads.tsv");

fn lexicon_title(words: &[&str]) -> Option<(usize, TitleKind)> {
    let (n, c) = lex().title(words)?;
    Some((
        n,
        match c {
            TitleClass::Honorific => TitleKind::Honorific,
            TitleClass::Head => TitleKind::Head,
            TitleClass::Role => TitleKind::Role,
        },
    ))
}

fn lexicon_org_head(w: &str) -> bool {
    lexicon_heads().get(w) == Some(&true)
}

fn lexicon_loc_head(w: &str) -> bool {
    lexicon_heads().get(w) == Some(&false)
}
