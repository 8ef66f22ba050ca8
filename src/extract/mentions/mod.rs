//! Entity mentions: runs of capitalised words (with the lowercase particles
//! and adjectives names carry: "département d'État", "Organisation des
//! Nations unies", "Council on American - Islamic Relations"), typed from
//! the word lists (places, first names, titles and honorifics, organisation
//! / place / event head words) and the context (a place preposition, an
//! acronym); plus demonym mentions ("côté russe", "US officials",
//! "russo-américaines") that stand for a country. A capitalised article
//! inside a sentence opens a name ("chez La Poste", "Des Moines"); in
//! French an 's closes the name before it ("Moody's"); the capitalised
//! common nouns of French ("l'État", "l'Homme") alone name nothing; a
//! name, a colon and a name inside a sentence title one work ("Batman:
//! The Animated Series"). An organisation's noun before a name ("the
//! broadcaster X") or an apposition after it (", a company that") types
//! it; names of one list share a type. Listed names hold together ("Côte
//! d'Ivoire", "la Mission de la Ligue arabe") and end before where they
//! sit ("la Commission européenne de Bruxelles"); "the Orange County
//! Sheriff's office" is one agency; "le parti de X" names X.
//!
//! One pass over the tokens; each candidate carries the strength of the cue
//! that typed it so resolution can let the strongest cue of a node win.

use super::gaz::{self, Known, PlaceClass, TitleKind, cls};
use super::segment::{TokKind, Words};
use crate::lists::{Lists, WordClass};
use crate::model::{EntityType, Lang};
use std::sync::OnceLock;
use tagger::{merge_tagged, tagger_first};

mod tagger;

/// A mention before resolution.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub sent: usize,
    /// Name tokens `[a, b)`, without titles or articles.
    pub a: usize,
    pub b: usize,
    /// First token of the written form with its honorific ("Mme Duval").
    pub lead: usize,
    pub kind: EntityType,
    /// 0 default, 1 context, 2 shape, 3 head word / first name / title,
    /// 4 honorific, 5 word list.
    pub strength: u8,
    pub known: Option<Known>,
    /// A nationality adjective or noun standing for its country.
    pub demonym: bool,
    /// First word of its sentence (or of a quote): capitalised anyway.
    pub initial: bool,
}

/// Nouns whose complement is a place: "the coast of X", "la prise de X",
/// "the outskirts of X" (beside the generic place nouns of the lists):
/// `place_of` of `word_classes.tsv`.
fn place_of_nouns() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| Lists::get().words(WordClass::PlaceOf).collect())
}

/// Common nouns capitalised by convention that alone name nothing
/// ("l'État", "l'Homme", "the Administration"), folded: `lone_common` of
/// `word_classes.tsv`.
fn lone_common() -> &'static crate::model::Set<String> {
    static CELL: OnceLock<crate::model::Set<String>> = OnceLock::new();
    CELL.get_or_init(|| {
        Lists::get()
            .words(WordClass::LoneCommon)
            .map(|w| gaz::fold_cow(w).into_owned())
            .collect()
    })
}

/// Closed word classes of `word_classes.tsv` the typing of a candidate
/// compares its words with, loaded once.
struct NameWords {
    /// "league", "ligue" (`league`).
    league: crate::model::Set<&'static str>,
    /// "one", "two" after a league (`league_rank`).
    league_rank: crate::model::Set<&'static str>,
    /// "secretary", "secretaries" (`secretary`).
    secretary: crate::model::Set<&'static str>,
}

fn name_words() -> &'static NameWords {
    static CELL: OnceLock<NameWords> = OnceLock::new();
    CELL.get_or_init(|| {
        let words = |class| Lists::get().words(class).collect();
        NameWords {
            league: words(WordClass::League),
            league_rank: words(WordClass::LeagueRank),
            secretary: words(WordClass::Secretary),
        }
    })
}

/// Particles that may sit inside a name between capitalised words.
fn particle_len(t: &Words<'_>, j: usize, end: usize) -> usize {
    let w = |k: usize| if k < end { t.lower(k) } else { "" };
    match w(j) {
        "de" | "of" | "for" => match w(j + 1) {
            "la" | "l'" | "the" => 2,
            _ => 1,
        },
        "du" | "des" | "d'" | "on" | "-" | "&" | "und" | "del" | "di" | "van" | "von" => 1,
        _ => 0,
    }
}

/// Words that join the parts of a name and never end one.
fn is_particle_word(w: &str) -> bool {
    matches!(
        w,
        "de" | "du"
            | "des"
            | "d'"
            | "la"
            | "le"
            | "l'"
            | "les"
            | "of"
            | "the"
            | "for"
            | "and"
            | "on"
            | "at"
            | "&"
            | "-"
    )
}

fn namey(t: &Words<'_>, i: usize) -> bool {
    let tok = &t.toks[i];
    // Most tokens are lowercase words or punctuation: turned away before
    // any look at their letters or at the token before.
    if tok.kind == TokKind::Punct || (tok.kind == TokKind::Word && !tok.cap && !tok.camel) {
        return false;
    }
    let w = t.lower(i);
    if i > 0 && matches!(t.lower(i - 1), "#" | "@") {
        return false;
    }
    match tok.kind {
        TokKind::Word => {
            (tok.cap
                || (tok.camel
                    // "al-Assad", "el-Sisi": an Arabic article before a
                    // capitalised name.
                    && (!w.bytes().any(|b| b == b'-')
                        || w.starts_with("al-")
                        || w.starts_with("el-"))))
                && (!roman(w)
                    || (i + 1 < t.toks.len() && t.toks[i + 1].cap && !roman(t.lower(i + 1)))
                    || regnal(t, i))
                && !w
                    .bytes()
                    .position(|b| b == b'\'')
                    .is_some_and(|k| gaz::classes(&w[..k]) & cls::STOP != 0 || &w[..k] == "i")
        }
        TokKind::Num => {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !w.contains('-')
                && !["ème", "eme", "th", "st", "nd", "rd", "er", "ers", "ère"]
                    .iter()
                    .any(|x| w.ends_with(x))
        }
        TokKind::Punct => false,
    }
}

/// "Mohammed VI", "Charles III", "Benoît XVI": a numeral of two letters
/// or more in capitals right after a capitalised first name (no acronym)
/// numbers a monarch or a pope, a word of the name ("Apple II" is a
/// model's).
fn regnal(t: &Words<'_>, i: usize) -> bool {
    i > 0
        && t.toks[i].upper
        && t.lower(i).len() >= 2
        && t.toks[i - 1].kind == TokKind::Word
        && t.toks[i - 1].cap
        && !t.toks[i - 1].upper
        && gaz::is_first_name_cls(t.lower(i - 1), t.class(i - 1))
}

/// Roman numerals up to 399 (XVII, Ve, IIIe) are not names. Only a
/// well-formed numeral counts, so names spelt with its letters stay
/// names ("Lille", "Vic"); "Li" (a surname) is one too.
fn roman(w: &str) -> bool {
    /// `s` without up to three leading `c`s.
    fn strip_run(mut s: &str, c: char) -> &str {
        for _ in 0..3 {
            match s.strip_prefix(c) {
                Some(r) => s = r,
                None => break,
            }
        }
        s
    }
    let core = w.strip_suffix('e').unwrap_or(w);
    if core.is_empty() || core.len() > 6 || core == "li" {
        return false;
    }
    let s = strip_run(core, 'c');
    let s = match s.strip_prefix("xc").or_else(|| s.strip_prefix("xl")) {
        Some(r) => r,
        None => strip_run(s.strip_prefix('l').unwrap_or(s), 'x'),
    };
    let s = match s.strip_prefix("ix").or_else(|| s.strip_prefix("iv")) {
        Some(r) => r,
        None => strip_run(s.strip_prefix('v').unwrap_or(s), 'i'),
    };
    s.is_empty()
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "«" | "\"" | "“" | ":" | "-" | "–" | "—" | "'")
}

/// How the trained tagger's spans are used beside the rules. Measured with
/// `kg eval gold` on ../shared/data/dev: `Off` typed entity F1 0.92, `Types`
/// 0.93 (`TypesAndSpans` adds nothing there); the sample is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NerUse {
    /// Rules only.
    Off,
    /// The tagger types multi-word names the rules could only guess, and
    /// vouches for a lone capitalised word opening a sentence.
    Types,
    /// Also adds the multi-word spans the rules missed.
    TypesAndSpans,
    /// Tagger first where the rules are unsure (the default): the tagger
    /// reads every candidate no word list, honorific or demonym vouches
    /// for, drops lone guesses it sees no name in, types multi-word
    /// defaults and grows names to the span it sees ([`tagger_first`]).
    /// `kg eval gold` entity / typed F1, train 0.80 / 0.69 -> 0.83 / 0.72,
    /// dev 0.97 / 0.94 -> 0.97 / 0.93.
    First,
}

impl NerUse {
    /// What [`crate::extract::extract`] uses.
    pub const DEFAULT: NerUse = NerUse::First;
}

/// Finds the mention candidates of every sentence.
pub fn find(text: &str, t: &Words<'_>, lang: Lang, how: NerUse) -> Vec<Cand> {
    let mut out = find_rules(text, t, lang);
    drop_common_acronyms(t, &mut out);
    drop_title_pieces(text, t, lang, &mut out);
    cut_rank_acronyms(t, &mut out);
    drop_accentless_places(text, t, lang, &mut out);
    if how == NerUse::First {
        out = tagger_first(text, t, lang, out);
        list_types(t, &mut out);
    } else {
        merge_tagged(text, t, lang, how, &mut out);
    }
    join_subtitles(text, t, &mut out);
    cut_title_case_headline(text, t, lang, &mut out);
    out
}

/// "Lula Meets With the Presidents ...", "Oil Companies Sign Agreement":
/// an English headline in title case capitalises every word, so its
/// ordinary words look like names. In a headline (the first line, with
/// no full stop) whose every content word is capitalised, an ordinary
/// word of the language (`gaz::is_common_word`) that is no first name,
/// place or demonym, and that the article's other sentences never
/// capitalise inside a sentence, is no part of a name: a candidate keeps
/// its longest run of other words ("Lula Meets" to "Lula"), weakly
/// typed, and goes when none is left. A name a word list knows stays
/// whole.
fn cut_title_case_headline(text: &str, t: &Words<'_>, lang: Lang, out: &mut Vec<Cand>) {
    if lang != Lang::En || t.sents.len() < 2 {
        return;
    }
    let (sa, sb) = t.sents[0];
    if sb <= sa || matches!(t.lower(sb - 1), "." | ";") || !out.iter().any(|c| c.sent == 0) {
        return;
    }
    let word = |k: usize| {
        t.toks[k].kind == TokKind::Word
            && t.lower(k).chars().count() >= 2
            && t.lower(k).chars().all(|ch| ch.is_alphabetic() || ch == '-')
    };
    let (mut caps, mut lower) = (0usize, 0usize);
    for k in (sa..sb).filter(|&k| word(k) && t.class(k) & cls::STOP == 0) {
        if t.toks[k].cap {
            caps += 1;
        } else {
            lower += 1;
        }
    }
    if lower > 0 || caps < 3 {
        return;
    }
    // Words the rest of the article capitalises inside a sentence (not
    // after a colon, a quote or a dash, which may open one).
    let opens = |k: usize| {
        t.toks[k].kind == TokKind::Punct
            && matches!(
                t.lower(k),
                ":" | "\"" | "“" | "'" | "‘" | "«" | "-" | "–" | "—"
            )
    };
    let mut inner: crate::model::Set<&str> = crate::model::Set::default();
    for &(a, b) in &t.sents[1..] {
        for k in a + 1..b {
            if t.toks[k].cap && t.toks[k].kind == TokKind::Word && !opens(k - 1) {
                inner.insert(t.lower(k));
            }
        }
    }
    let ordinary = |k: usize| {
        let tok = &t.toks[k];
        tok.kind == TokKind::Word
            && tok.cap
            && !tok.upper
            && !tok.camel
            && gaz::is_common_word(t.lower(k), lang)
            && !is_first_name(t, k)
            && gaz::place(t.lower(k)).is_none()
            && gaz::demonym_cls(t.lower(k), t.class(k)).is_none()
            && !inner.contains(t.lower(k))
    };
    // A run's ends: a capitalised word or a number, no function word.
    let edge = |k: usize| {
        let tok = &t.toks[k];
        tok.kind == TokKind::Num
            || tok.kind == TokKind::Word && (tok.cap || tok.camel) && t.class(k) & cls::STOP == 0
    };
    // The types the body gives its names.
    let body: crate::model::Map<&str, EntityType> = out
        .iter()
        .filter(|c| c.sent != 0)
        .map(|c| (join_form(text, t, c.a, c.b), c.kind))
        .collect();
    out.retain_mut(|c| {
        if c.sent != 0 || c.known.is_some() || c.demonym || !(c.a..c.b).any(ordinary) {
            return true;
        }
        let mut best = (c.a, c.a);
        let mut k = c.a;
        while k < c.b {
            if ordinary(k) {
                k += 1;
                continue;
            }
            let mut e = k;
            while e < c.b && !ordinary(e) {
                e += 1;
            }
            let (mut a, mut b) = (k, e);
            while a < b && !edge(a) {
                a += 1;
            }
            while b > a && !edge(b - 1) {
                b -= 1;
            }
            if b - a > best.1 - best.0 {
                best = (a, b);
            }
            k = e;
        }
        if best.0 == best.1 {
            return false;
        }
        if best.0 != c.a {
            c.lead = best.0;
            c.initial = false;
        }
        (c.a, c.b) = best;
        // What is left is typed afresh: a listed place ("Mexico Arrests
        // ..."), else as the body types it, else weakly as before.
        let form = join_form(text, t, c.a, c.b);
        if let Some(known) = gaz::place(form) {
            c.kind = known.kind;
            c.known = Some(known);
            c.strength = 5;
        } else {
            if let Some(&kind) = body.get(form) {
                c.kind = kind;
            }
            c.strength = c.strength.min(1);
        }
        true
    });
}

/// "Seul un train sur trois circulait": a sentence's capitalised first
/// word that is an ordinary word of the language and a place's name only
/// once its accents are dropped ("Seúl", Seoul in Spanish) is the word,
/// not the place. A place written as the lists write it ("Tours",
/// "Vienne") or in capitals ("PARIS", a dateline) stays.
fn drop_accentless_places(text: &str, t: &Words<'_>, lang: Lang, out: &mut Vec<Cand>) {
    out.retain(|c| {
        !(c.initial
            && c.b == c.a + 1
            && c.known.is_some()
            && !c.demonym
            && !t.toks[c.a].upper
            && gaz::is_common_word(t.lower(c.a), lang)
            && !gaz::place_as_written(join_form(text, t, c.a, c.b)))
    });
}

/// The words between two names of one list: a comma, a conjunction, or
/// both (`Some(true)` when a conjunction is among them).
fn list_gap(t: &Words<'_>, from: usize, to: usize) -> Option<bool> {
    let and = |k: usize| matches!(t.lower(k), "and" | "et" | "or" | "ou");
    match to.checked_sub(from)? {
        1 if t.lower(from) == "," => Some(false),
        1 if and(from) => Some(true),
        2 if t.lower(from) == "," && and(from + 1) => Some(true),
        _ => None,
    }
}

/// Names of one list share a type: "Tom Ward, Jim Hale and Dirk
/// Maes" are three people, whatever the tagger made of the one no first
/// name or title types. A name only the tagger or a default typed (no
/// word list, no cue) takes the type its list neighbours' cues (first
/// names, titles, honorifics, head words) agree on; a comma alone links
/// names only in a list of three or with a conjunction beside it (a
/// comma after a person's name may open an apposition: "Jane Doe, Acme
/// Widgets"). And "Jane Doe of the Free Voters", "Nick Doe of Duran
/// Duran": a name after a person and "of" that the tagger reads as MISC
/// (a group's plural, a slogan) or as a person no cue vouches for is the
/// organisation the person belongs to. One pass over the candidates.
fn list_types(t: &Words<'_>, out: &mut [Cand]) {
    let strong = |c: &Cand| (3..=4).contains(&c.strength) && c.known.is_none() && !c.demonym;
    let mut new_kinds: Vec<(usize, EntityType)> = Vec::new();
    for ci in 0..out.len() {
        let c = &out[ci];
        if c.strength > 1 || c.known.is_some() || c.demonym {
            continue;
        }
        let link = |x: usize, y: usize| {
            let (p, n) = (&out[x], &out[y]);
            (p.sent == n.sent && p.b <= n.lead)
                .then(|| list_gap(t, p.b, n.lead))
                .flatten()
        };
        let before = (ci > 0).then(|| link(ci - 1, ci)).flatten();
        let after = (ci + 1 < out.len()).then(|| link(ci, ci + 1)).flatten();
        let before2 = (ci > 1 && before.is_some())
            .then(|| link(ci - 2, ci - 1))
            .flatten();
        let after2 = (ci + 2 < out.len() && after.is_some())
            .then(|| link(ci + 1, ci + 2))
            .flatten();
        // "Tom Ward of Free Voters, and Jim Hale": a complement of the
        // name before is no item of the list after it.
        let (sa, _) = t.sents[c.sent];
        let complement = before.is_none() && c.lead > sa && t.class(c.lead - 1) & cls::STOP != 0;
        let mut kinds: Vec<EntityType> = Vec::with_capacity(2);
        if let Some(and) = before
            && (and || before2.is_some() || after.is_some())
            && strong(&out[ci - 1])
        {
            kinds.push(out[ci - 1].kind);
        }
        if let Some(and) = after
            && (and || after2.is_some() || before.is_some())
            && strong(&out[ci + 1])
        {
            kinds.push(out[ci + 1].kind);
        }
        if !complement
            && let Some(&k) = kinds.first()
            && kinds.iter().all(|&x| x == k)
            && k != c.kind
        {
            new_kinds.push((ci, k));
            continue;
        }
        // "Jane Doe of the Free Voters", "Nick Doe of Duran Duran".
        let guessed = c.kind == EntityType::Misc || c.kind == EntityType::Per && c.strength <= 1;
        if guessed && c.b - c.a > 1 && ci > 0 {
            let p = &out[ci - 1];
            let mut k = c.lead;
            if k > p.b && matches!(t.lower(k - 1), "the" | "la" | "l'") {
                k -= 1;
            }
            if p.sent == c.sent
                && p.kind == EntityType::Per
                && p.strength >= 3
                && k == p.b + 1
                && matches!(t.lower(p.b), "of" | "de" | "du" | "des")
            {
                new_kinds.push((ci, EntityType::Org));
            }
        }
    }
    for (ci, k) in new_kinds {
        out[ci].kind = k;
        out[ci].strength = 3;
    }
}

/// "in Batman: The Animated Series", "a demo of Space Raiders: The
/// Return": inside a sentence, a name, a colon written against it, then
/// a name of two words or more (after "The" or "A" at most) is the title
/// of a work, one name of its own (MISC). Not at a sentence's start
/// ("Syria: Rebels ..." is a headline's place), nor when either part is a
/// word-list name (but a city's before the colon) or a person by its
/// first name or title ("Image: Nick Doe" credits a person). One pass
/// over the candidates.
fn join_subtitles(text: &str, t: &Words<'_>, out: &mut Vec<Cand>) {
    // A city's name may open a title ("Batman: Arkham Knight"); a
    // country's or region's before a colon introduces what is said of it.
    let sure = |c: &Cand, city: bool| {
        c.known
            .is_some_and(|k| !city || k.container || k.kind != EntityType::Loc)
            || c.demonym
            || (c.kind == EntityType::Per && c.strength >= 3)
    };
    let mut joined = false;
    for ci in 1..out.len() {
        let (p, c) = (&out[ci - 1], &out[ci]);
        let colon = p.b;
        if p.b == p.a
            || p.sent != c.sent
            || p.a <= t.sents[p.sent].0
            || colon >= c.a
            || t.lower(colon) != ":"
            || t.toks[colon].start != t.toks[colon - 1].end
            || c.b - c.a < 2
            || sure(p, true)
            || sure(c, false)
        {
            continue;
        }
        let article = c.a - colon - 1;
        if article > 1
            || article == 1 && !(t.toks[c.a - 1].cap && matches!(t.lower(c.a - 1), "the" | "a"))
            || text[t.toks[colon - 1].end..t.toks[c.a].start].contains('\n')
        {
            continue;
        }
        let (a, lead) = (p.a, p.lead);
        let c = &mut out[ci];
        c.a = a;
        c.lead = lead;
        c.kind = EntityType::Misc;
        c.strength = 3;
        out[ci - 1].b = out[ci - 1].a;
        joined = true;
    }
    if joined {
        out.retain(|c| c.b > c.a);
    }
}

/// "DSP Jane Doe", "CP John Okafor": a short acronym no list knows right
/// before a first name and a surname is the holder's rank or post
/// written short, no part of the name and no organisation of its own.
fn cut_rank_acronyms(t: &Words<'_>, out: &mut Vec<Cand>) {
    let rank = |k: usize| {
        let w = t.lower(k);
        t.toks[k].upper
            && t.toks[k].kind == TokKind::Word
            && (2..=4).contains(&w.len())
            && w.bytes().all(|b| b.is_ascii_alphabetic())
            && gaz::place(w).is_none()
            && gaz::demonym(w).is_none()
            && gaz::title_in([w]).is_none()
    };
    // A first name, capitalised, then another name word.
    let person_at = |k: usize, end: usize| {
        k + 1 < end && is_first_name(t, k) && !t.toks[k].upper && t.toks[k + 1].cap
    };
    let mut dropped = false;
    for i in 0..out.len() {
        let (a, b) = (out[i].a, out[i].b);
        if out[i].known.is_some() || out[i].demonym || !rank(a) {
            continue;
        }
        if b - a >= 3 && person_at(a + 1, b) && out[i].strength <= 2 {
            let c = &mut out[i];
            c.a = a + 1;
            c.lead = c.lead.max(c.a);
            c.initial = false;
            (c.kind, c.strength) = (EntityType::Per, 3);
        } else if b == a + 1
            && out
                .get(i + 1)
                .is_some_and(|n| n.a == b && person_at(n.a, n.b))
        {
            out[i].b = out[i].a;
            dropped = true;
        }
    }
    if dropped {
        out.retain(|c| c.b > c.a);
    }
}

/// "Technical Director Jane Doe", "the Public Relations Officer", "Human
/// Resources Manager": English writes a post in title case, so the
/// ordinary words before its title word look like a name. A candidate
/// that no cue but its capitals types, made only of ordinary words of
/// the language (`gaz::is_common_word`, no first name), directly followed
/// by a capitalised title word (no honorific), is a piece of the title,
/// unless the article names it elsewhere with no title after it ("Apple
/// Chief Executive ... Apple said"). A minister's portfolio ("Finance
/// Minister", "Health Secretary") is left to the portfolio rules.
fn drop_title_pieces(text: &str, t: &Words<'_>, lang: Lang, out: &mut Vec<Cand>) {
    if lang != Lang::En {
        return;
    }
    let titled = |c: &Cand| {
        let sb = t.sents[c.sent].1;
        c.b < sb
            && t.toks[c.b].cap
            && !gaz::is_minister_word(t.lower(c.b))
            && !name_words().secretary.contains(t.lower(c.b))
            && gaz::title_in((c.b..sb.min(c.b + 4)).map(|k| t.lower(k)))
                .is_some_and(|(_, k)| k != TitleKind::Honorific)
    };
    let piece = |c: &Cand| {
        c.strength <= 2
            && c.known.is_none()
            && !c.demonym
            && titled(c)
            && (c.a..c.b).all(|k| {
                t.toks[k].kind == TokKind::Word
                    && !t.toks[k].upper
                    && !is_first_name(t, k)
                    && gaz::is_common_word(t.lower(k), lang)
            })
    };
    if !out.iter().any(piece) {
        return;
    }
    // Forms the article also names with no title after them.
    let named: crate::model::Set<&str> = out
        .iter()
        .filter(|c| !titled(c))
        .map(|c| join_form(text, t, c.a, c.b))
        .collect();
    out.retain(|c| !piece(c) || named.contains(join_form(text, t, c.a, c.b)));
}

/// "l'IVG (interruption volontaire de grossesse)", "value added tax
/// (VAT)": an acronym spelled out by lowercase words abbreviates a common
/// noun, not a name; every mention of it in the article goes.
fn drop_common_acronyms(t: &Words<'_>, out: &mut Vec<Cand>) {
    let n = t.toks.len();
    let spells = |acr: usize, words: &mut dyn Iterator<Item = usize>| {
        let letters = t.lower(acr).chars().filter(|c| c.is_alphabetic());
        let mut initials: Vec<char> = Vec::with_capacity(8);
        for k in words {
            let tok = &t.toks[k];
            if tok.kind != TokKind::Word || tok.cap || tok.camel {
                return false;
            }
            if t.class(k) & cls::STOP == 0 {
                initials.extend(t.lower(k).chars().next());
            }
        }
        initials.len() >= 2 && letters.eq(initials.iter().copied())
    };
    let mut common: Vec<&str> = Vec::new();
    for c in out.iter() {
        let a = c.a;
        if c.b != a + 1 || !t.toks[a].upper || c.known.is_some() || c.demonym {
            continue;
        }
        let len = t.lower(a).chars().filter(|c| c.is_alphabetic()).count();
        // "IVG (interruption volontaire de grossesse)"
        let after = a + 1 < n
            && t.lower(a + 1) == "("
            && (a + 2..n.min(a + 3 + 2 * len))
                .find(|&k| t.lower(k) == ")")
                .is_some_and(|e| e > a + 2 && spells(a, &mut (a + 2..e)));
        // "interruption volontaire de grossesse (IVG)": the words before
        // the bracket, back to the one that gives the first letter.
        let before = !after
            && a >= 2
            && a + 1 < n
            && t.lower(a - 1) == "("
            && t.lower(a + 1) == ")"
            && (a.saturating_sub(1 + 2 * len)..a - 1)
                .rev()
                .any(|s| spells(a, &mut (s..a - 1)));
        if after || before {
            common.push(t.lower(a));
        }
    }
    // "15 IQ points", "un PC protégé": an acronym counted or after an
    // indefinite article is a common noun's, in every mention ("a loss
    // of IQ"). "Jane Doe, QC, said": a short acronym between commas
    // after a person's full name is a post-nominal honour or degree.
    for (ci, c) in out.iter().enumerate() {
        let a = c.a;
        // The word before is in its sentence ("April 13, 2011. NASA
        // celebrated" counts nothing).
        if c.b != a + 1
            || !t.toks[a].upper
            || c.known.is_some()
            || c.demonym
            || a <= t.sents[c.sent].0
        {
            continue;
        }
        let counted = matches!(t.lower(a - 1), "un" | "une") && !t.toks[a - 1].cap
            || (t.toks[a - 1].kind == TokKind::Num
                && t.lower(a - 1).bytes().all(|b| b.is_ascii_digit()));
        let post_nominal = ci > 0
            && t.lower(a - 1) == ","
            && out[ci - 1].b + 1 == a
            && out[ci - 1].kind == EntityType::Per
            && out[ci - 1].strength >= 3
            && out[ci - 1].b - out[ci - 1].a >= 2
            && t.lower(a).len() <= 3
            && (a + 1 >= n || matches!(t.lower(a + 1), "," | "." | ";" | ")"));
        if counted || post_nominal {
            common.push(t.lower(a));
        }
    }
    if !common.is_empty() {
        out.retain(|c| c.b != c.a + 1 || !common.contains(&t.lower(c.a)));
    }
}

fn find_rules(text: &str, t: &Words<'_>, lang: Lang) -> Vec<Cand> {
    // Sized for a name every few tokens, so it seldom grows.
    let mut out = Vec::with_capacity(t.toks.len() / 4 + 8);
    let mut words: Vec<&str> = Vec::with_capacity(8);
    for (si, &(sa, sb)) in t.sents.iter().enumerate() {
        let mut i = sa;
        let mut first_word = true;
        let mut honorific: Option<(usize, usize)> = None;
        let mut title_end: Option<usize> = None;
        while i < sb {
            let tok = t.toks[i];
            let w = t.lower(i);
            if tok.kind == TokKind::Punct {
                if is_open_quote(&text[tok.start..tok.end]) {
                    first_word = true;
                }
                i += 1;
                continue;
            }
            let initial = first_word;
            first_word = false;
            let c = t.class(i);
            // "Me Jeanne Roux", "Me Roux": French lawyers' honorific,
            // written so only before a name ("me" is a pronoun otherwise,
            // and English "Me" none).
            if lang == Lang::Fr
                && w == "me"
                && tok.cap
                && !tok.upper
                && i + 1 < sb
                && namey(t, i + 1)
            {
                honorific = Some((i, i + 1));
                i += 1;
                continue;
            }
            // Titles and honorifics.
            let title = if gaz::may_open_title_cls(w, c) {
                words.clear();
                words.extend((i..sb.min(i + 6)).map(|k| t.lower(k)));
                gaz::title_cls(&words, c)
            } else {
                None
            };
            if let Some((n, kind)) = title {
                // A capitalised title directly followed by a capitalised
                // non-name word belongs to a name ("General Motors").
                let next_cap = i + n < sb && namey(t, i + n);
                if kind == TitleKind::Honorific {
                    if next_cap {
                        honorific = Some((i, i + n));
                    }
                    i += n;
                    continue;
                }
                if !(tok.cap && next_cap && t.class(i + n) & cls::ANY_ORG_HEAD != 0) {
                    title_end = Some(i + n);
                    i += n;
                    continue;
                }
            }
            // "Algérie-Espagne : ...", "Chine-Japon": two countries joined
            // by a hyphen name the pair, no thing of its own ("Guinée-Bissau",
            // one country, stays).
            if tok.cap && country_pair(w) {
                i += 1;
                continue;
            }
            // "Former Acme Bank chief jailed", "Ancien Premier ministre":
            // a sentence's first word that only dates a post (`title_prefix`)
            // is no part of the name after it.
            if initial && tok.cap && c & cls::TITLE_PREFIX != 0 && i + 1 < sb && namey(t, i + 1) {
                i += 1;
                continue;
            }
            // Demonyms ("russe", "Russes", "US", "russo-américaines").
            if let Some(n) = demonym_at(t, lang, i, sb, &mut out, si, initial) {
                i += n;
                continue;
            }
            let lower_opener = !tok.cap
                && c & (cls::LOWER_OPENER | cls::ORG_OPENER) != 0
                && i + 1 < sb
                && (namey(t, i + 1)
                    // "le palais de X", but "le plus grand stade du pays".
                    || lang == Lang::Fr && w != "stade" && {
                        let p = particle_len(t, i + 1, sb);
                        p > 0 && i + 1 + p < sb && namey(t, i + 1 + p)
                    });
            let cap_article = tok.cap
                && !initial
                && matches!(
                    w,
                    "la" | "le" | "les" | "l'" | "de" | "des" | "du" | "el" | "los" | "las"
                )
                && i + 1 < sb
                && namey(t, i + 1)
                && t.class(i + 1) & cls::STOP == 0
                && gaz::title_cls(&[t.lower(i + 1)], t.class(i + 1)).is_none();
            if !cap_article && (!(namey(t, i) || lower_opener) || (c & cls::STOP != 0 && tok.cap)) {
                i += 1;
                continue;
            }
            // "Jan 9", "Aug. 28": a month's abbreviation before a day is
            // a date, though "Jan" is a first name too.
            if month_before_day(t, i, sb) {
                i += 1;
                continue;
            }
            let adherent_in_name = c & cls::ADHERENT != 0 && i + 1 < sb && namey(t, i + 1);
            if c & cls::NOT_NAME != 0 && !adherent_in_name {
                i += 1;
                continue;
            }
            // "Scientologist Jane Doe": the adherent word is not the name.
            if (w.ends_with("ist") || w.ends_with("iste"))
                && i + 1 < sb
                && namey(t, i + 1)
                && is_first_name(t, i + 1)
            {
                i += 1;
                continue;
            }
            let (mut b, mut heads) = extend(text, t, i, sb, lang, initial);
            // "l'école Ozar Hatorah", "le syndicat SUD": a lowercase head
            // noun before a name in apposition is no part of it; it only
            // types the name.
            let mut a = i;
            if lower_opener && c & cls::ORG_OPENER != 0 && namey(t, i + 1) {
                // "l'école Jeanne Doe": the noun alone names nothing.
                if b == i + 1 {
                    i += 1;
                    continue;
                }
                a = i + 1;
            }
            // "le parti de Marine Doe", "le parti des Frères unis": an
            // organisation's lowercase noun, "de" and a person's name (a
            // given name opens it), or a party's or a movement's noun,
            // "de" and any name, is no part of that name: it is the
            // person, or the organisation itself, named after the noun.
            if lower_opener && a == i && c & cls::ORG_OPENER != 0 {
                let p = particle_len(t, i + 1, sb);
                let at = i + 1 + p;
                if p > 0
                    && at < b
                    && namey(t, at)
                    && ((is_first_name(t, at)
                        && at + 1 < b
                        && t.class(at) & cls::ANY_ORG_HEAD == 0)
                        || matches!(w, "parti" | "mouvement"))
                {
                    a = at;
                    (b, heads) = extend(text, t, at, sb, lang, false);
                }
            }
            // "le département de la Haute-Marne", "le département du
            // Nord": an administrative division's noun before the place
            // it is is no part of the place's name.
            if lower_opener && (w == "département" || c & cls::LOC_GENERIC != 0) {
                let p = particle_len(t, i + 1, sb);
                if p > 0 && i + 1 + p < b && {
                    let place = join_form(text, t, i + 1 + p, b);
                    gaz::place(place).is_some_and(|k| k.kind == EntityType::Loc)
                        || (b == i + 2 + p && place_shaped(t, i + 1 + p))
                } {
                    a = i + 1 + p;
                    heads = Heads::default();
                    (a..b).for_each(|k| heads.add(t, k));
                }
            }
            // "New Citizens' League", "Green Voter's Alliance (GVA)": a
            // possessive inside a name, before its head word or before
            // the acronym in brackets that spells it; not after a place or
            // a person ("Norway's Labour Party").
            if b + 1 < sb
                && matches!(t.lower(b), "'s" | "’s" | "'" | "’")
                && namey(t, b + 1)
                && gaz::place(join_form(text, t, i, b)).is_none()
                && !is_first_name(t, i)
            {
                let (b2, h2) = extend(text, t, b + 1, sb, lang, false);
                let defined = b2 + 2 < sb
                    && t.lower(b2) == "("
                    && t.toks[b2 + 1].upper
                    && t.lower(b2 + 2) == ")"
                    && acronym_of(t, i, b2, b2 + 1);
                if defined || (b2 == b + 2 && h2.org && !heads.any()) {
                    b = b2;
                    heads.org |= h2.org;
                    heads.loc |= h2.loc;
                    heads.misc |= h2.misc;
                }
            }
            // "the Hall County Sheriff's office", "the Ohio Governor's
            // Office": a name ending in a capitalised office holder's
            // noun (an ordinary word, no head word, no given name), an
            // 's and "office" or "department" name the holder's agency.
            if lang == Lang::En
                && b > i + 1
                && b + 1 < sb
                && matches!(t.lower(b), "'s" | "’s")
                && matches!(t.lower(b + 1), "office" | "department")
                && (b + 2 >= sb || !namey(t, b + 2))
                && t.toks[b - 1].cap
                && !t.toks[b - 1].upper
                && gaz::is_common_word(t.lower(b - 1), lang)
                && head_word(t, b - 1).1 & (cls::ANY_ORG_HEAD | cls::ANY_LOC_HEAD) == 0
                && !is_first_name(t, b - 1)
                && (!is_first_name(t, i) || gaz::place(join_form(text, t, i, b - 1)).is_some())
            {
                b += 2;
                heads.org = true;
            }
            // "Moody's", "McDonald's": French has no possessive 's, so
            // in a French text it belongs to the name.
            if lang == Lang::Fr
                && b < sb
                && matches!(t.lower(b), "'s" | "’s")
                && (b + 1 >= sb || !namey(t, b + 1))
            {
                b += 1;
                heads.org = true;
            }
            // "Organisation mondiale de la santé (OMS)": lowercase words
            // up to an acronym in parentheses that abbreviates the name.
            if heads.org && !t.toks[i].upper {
                let lim = (b + 10).min(sb);
                if let Some(p) = (b..lim).find(|&k| t.lower(k) == "(")
                    && p > b
                    && (b..p).all(|k| t.toks[k].kind == TokKind::Word)
                    && p + 2 < sb
                    && t.toks[p + 1].upper
                    && t.lower(p + 2) == ")"
                    && t.lower(p + 1).chars().next() == w.chars().next()
                {
                    b = p;
                }
            }
            let cand = classify(
                text,
                t,
                Span3 { si, a, b, sa, lang },
                heads,
                honorific.and_then(|(h, e)| (e == i).then_some(h)),
                title_end == Some(i),
                initial,
            );
            if let Some(c) = cand {
                out.push(c);
            }
            i = b.max(i + 1);
        }
    }
    out
}

/// A hyphenated word whose parts are each a country and which is no
/// place itself: "algérie-espagne", "russia-ukraine".
fn country_pair(w: &str) -> bool {
    w.contains('-')
        && w.split('-').count() == 2
        && w.split('-')
            .all(|p| gaz::place(p).is_some_and(|k| k.country))
        && gaz::place(w).is_none()
}

/// Token `i` is a month's name or abbreviation (its period apart or not)
/// followed by a day's number: "Jan 9", "Sept. 15", "Aug 28,".
fn month_before_day(t: &Words<'_>, i: usize, sb: usize) -> bool {
    let w = t.lower(i);
    let w = w.strip_suffix('.').unwrap_or(w);
    let mut k = i + 1;
    if k < sb && t.lower(k) == "." {
        k += 1;
    }
    k < sb
        && t.toks[k].kind == TokKind::Num
        && t.lower(k).len() <= 4
        && t.lower(k)
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit())
        && super::date::is_month(w)
}

/// Whether token `acr` spells the initials of the capitalised words of
/// `[a, b)` ("NCL" of "New Citizens ' League").
fn acronym_of(t: &Words<'_>, a: usize, b: usize, acr: usize) -> bool {
    let letters = t.lower(acr).chars().filter(|c| c.is_alphabetic());
    let initials = (a..b)
        .filter(|&k| t.toks[k].cap)
        .filter_map(|k| t.lower(k).chars().next());
    letters.eq(initials)
}

/// Token range of a candidate and its sentence.
struct Span3 {
    si: usize,
    a: usize,
    b: usize,
    sa: usize,
    lang: Lang,
}

/// Head words found in a run.
#[derive(Default, Clone, Copy)]
struct Heads {
    org: bool,
    loc: bool,
    misc: bool,
    /// A lowercase adjective was taken in (Affaires étrangères).
    adj: bool,
}

impl Heads {
    fn any(self) -> bool {
        self.org || self.loc || self.misc
    }
    /// Adds the heads token `k` is.
    fn add(&mut self, t: &Words<'_>, k: usize) {
        let (w, c) = head_word(t, k);
        // Two-letter heads (AG, SA) only count in capitals.
        // Fewer than 3 characters (at most 4 bytes each).
        let short = w.len() < 3 || (w.len() < 12 && gaz::char_count(w) < 3);
        self.org |= !short && c & cls::ANY_ORG_HEAD != 0;
        self.loc |= c & cls::ANY_LOC_HEAD != 0;
        self.misc |= c & cls::MISC_HEAD != 0;
    }
}

/// Token `k` and its classes as a head word: "Facility-1", "Hangar-3"
/// are their head noun with a number.
fn head_word<'t>(t: &Words<'t>, k: usize) -> (&'t str, u32) {
    let (w, c) = (t.lower(k), t.class(k));
    if c == 0
        && t.toks[k].hyphen
        && let Some((x, n)) = w.rsplit_once('-')
        && !n.is_empty()
        && n.len() <= 3
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return (x, gaz::classes(x));
    }
    (w, c)
}

/// A short number, maybe with one letter after it ("12", "39A", "2E"):
/// what numbers a site ("Pad 39A", "Terminal 2E").
fn site_number(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && w.len() - digits <= 1
        && w.bytes().skip(digits).all(|b| b.is_ascii_alphabetic())
}

fn w_at<'t>(t: &Words<'t>, k: usize) -> &'t str {
    t.lower(k)
}

/// [`gaz::is_first_name`] of token `k`, unless a French article comes
/// right before it: "le ministre de la Santé" (Sante is a given name),
/// "au Maurice": French names no person with an article.
fn is_first_name(t: &Words<'_>, k: usize) -> bool {
    gaz::is_first_name_cls(t.lower(k), t.class(k))
        && (k == 0
            || !matches!(
                t.lower(k - 1),
                "la" | "le" | "l'" | "du" | "des" | "au" | "aux"
            ))
}

/// A French name's group of words at `b`, before `end`: "de" (or "d'",
/// "du", "des"; "de" maybe with an article), or "pour" and an article, a lowercase
/// noun, then up to two lowercase adjectives of names ("des droits",
/// "de l'homme", "de la statistique", "pour la rénovation urbaine").
/// Returns where it ends. A date word ("de mardi"), a place noun ("de la
/// ville") or a function word as the noun makes no group.
fn fr_name_group(t: &Words<'_>, b: usize, end: usize) -> Option<usize> {
    let mut k = b + 1;
    match t.lower(b) {
        "du" | "des" | "d'" => {}
        "de" if k < end && matches!(t.lower(k), "la" | "l'") => k += 1,
        "de" => {}
        "pour" if k < end && matches!(t.lower(k), "la" | "l'" | "le" | "les") => k += 1,
        _ => return None,
    }
    // "de l'Homme": a noun capitalised by convention counts as lowercase.
    let noun = |k: usize| {
        k < end
            && t.toks[k].kind == TokKind::Word
            && (!t.toks[k].cap || lone_common().contains(gaz::fold_cow(t.lower(k)).as_ref()))
            && t.lower(k).chars().count() >= 3
            && t.class(k) & (cls::STOP | cls::DATE_WORD | cls::ANY_LOC_HEAD) == 0
    };
    if !noun(k) {
        return None;
    }
    k += 1;
    let mut adjectives = 0;
    while adjectives < 2
        && k < end
        && !t.toks[k].cap
        && t.class(k) & cls::STOP == 0
        && gaz::is_name_adjective(t.lower(k))
    {
        k += 1;
        adjectives += 1;
    }
    Some(k)
}

/// Extends a name from token `a`; returns its end and the heads seen.
fn extend(
    text: &str,
    t: &Words<'_>,
    a: usize,
    end: usize,
    lang: Lang,
    initial: bool,
) -> (usize, Heads) {
    let mut heads = Heads::default();
    heads.add(t, a);
    let mut b = a + 1;
    let mut adjectives = 0;
    // Whether a group of "de" and a lowercase noun is in the name.
    let mut lower_group = false;
    let a_first_name = is_first_name(t, a);
    let first_known = || gaz::place(t.lower(a)).is_some() || a_first_name;
    while b < end {
        let w = t.lower(b);
        // "Luca de Meo", "Jane Le Doe", "Ursula von der Leyen": particles
        // inside a person's name.
        let c = t.class(b);
        if a_first_name && !heads.any() {
            let mut k = b;
            while k < end
                && k < b + 2
                && matches!(
                    w_at(t, k),
                    "de" | "da"
                        | "di"
                        | "del"
                        | "della"
                        | "van"
                        | "von"
                        | "der"
                        | "den"
                        | "le"
                        | "la"
                        | "du"
                        | "bin"
                        | "ben"
                        | "al"
                        | "el"
                        | "ter"
                        | "dos"
                        | "das"
                )
            {
                k += 1;
            }
            if k > b && k < end && namey(t, k) && t.class(k) & cls::STOP == 0 {
                b = k + 1;
                continue;
            }
        }
        if namey(t, b) {
            // A title or an honorific ends a name ("... Health Mr. Ricci").
            let is_title = gaz::title_in_cls((b..end.min(b + 5)).map(|k| t.lower(k)), c)
                .is_some_and(|(n, k)| {
                    k != TitleKind::Honorific || (b + n < end && namey(t, b + n))
                });
            // "BFM TV": a head word in capitals goes on a name though
            // alone it names nothing.
            let caps_head =
                t.toks[b].upper && c & cls::ANY_ORG_HEAD != 0 && c & cls::DATE_WORD == 0;
            if is_title
                || (c & cls::ENDS_NAME != 0 && !caps_head)
                || (c & cls::STOP != 0 && w != "mr")
            {
                break;
            }
            // "Assemblée Jane Doe", "Économie Jane Doe": a person's name
            // after another name; not a listed place's last word ("Los
            // Angeles Sheriff"), nor after a lowercase noun opening a
            // place's name ("le stade Jane Doe", "rue Jean Dupont").
            if b > a
                && !a_first_name
                && (t.toks[a].cap || t.class(a) & cls::LOWER_OPENER == 0)
                && is_first_name(t, b)
                && c & cls::ANY_ORG_HEAD == 0
                && b + 1 < end
                && namey(t, b + 1)
                && t.class(b + 1) & cls::ANY_ORG_HEAD == 0
                && gaz::place(join_form(text, t, a, b + 1)).is_none()
            {
                break;
            }
            heads.add(t, b);
            if lang == Lang::Fr && gaz::is_name_adjective(w) && !is_first_name(t, b) {
                heads.adj = true;
            }
            b += 1;
            adjectives = 0;
            continue;
        }
        // Lowercase adjective inside a French name (Nations unies); a
        // nationality adjective too right after a name's first word that
        // follows an article ("le Parlement européen", "la Ligue arabe",
        // "l'Observatoire français des ...").
        let demonym = gaz::demonym_cls(w, c).is_some();
        let after_article = a > 0
            && matches!(
                t.lower(a - 1),
                "le" | "la" | "l'" | "les" | "du" | "des" | "au" | "aux"
            );
        if lang == Lang::Fr
            && adjectives < 2
            && t.toks[b].kind == TokKind::Word
            && !t.toks[b].cap
            && c & cls::STOP == 0
            && ((gaz::is_name_adjective(w)
                && (heads.any() || (b == a + 1 && !first_known() && !initial))
                && (heads.any() || !demonym))
                // "les Frères musulmans": so does a faith's adjective.
            || ((demonym || c & cls::ADHERENT != 0) && b == a + 1 && after_article && !first_known())
            // "la Mission de la Ligue arabe": so after a name's later
            // word that follows an article when the two make a listed
            // name.
            || (b > a + 1
                && adjectives == 0
                && t.toks[b - 1].cap
                && matches!(t.lower(b - 2), "le" | "la" | "l'" | "les" | "du" | "des")
                && gaz::place(join_form(text, t, b - 1, b + 1)).is_some()))
        {
            heads.add(t, b);
            heads.adj = true;
            adjectives += 1;
            b += 1;
            continue;
        }
        // "le Front de libération nationale", "l'Agence de sécurité
        // sanitaire": a French organisation's head word, "de", a lowercase
        // noun and an adjective of names is one name; without the
        // adjective ("le Front de mer", "le Conseil de jeudi") it is not.
        if lang == Lang::Fr
            && heads.org
            && matches!(w, "de" | "d'")
            && b + 2 < end
            && (1..=2).all(|i| {
                t.toks[b + i].kind == TokKind::Word
                    && !t.toks[b + i].cap
                    && t.class(b + i) & cls::STOP == 0
            })
            && !gaz::is_name_adjective(t.lower(b + 1))
            && gaz::is_name_adjective(t.lower(b + 2))
        {
            heads.add(t, b + 1);
            heads.add(t, b + 2);
            heads.adj = true;
            b += 3;
            adjectives = 0;
            continue;
        }
        // "la Ligue des droits de l'homme", "l'Institut national de la
        // statistique et des études économiques": after a French
        // organisation's head word, groups of "de" and a lowercase noun
        // ([`fr_name_group`]) belong to its name, joined by "et" too.
        if lang == Lang::Fr && heads.org {
            let group = if w == "et" && b + 1 < end {
                fr_name_group(t, b + 1, end)
            } else {
                fr_name_group(t, b, end)
            };
            if let Some(g) = group {
                for k in b..g {
                    heads.add(t, k);
                }
                b = g;
                adjectives = 0;
                lower_group = true;
                continue;
            }
            // "le Conseil de sécurité de l'ONU": after such a group, "de"
            // and a name is the organisation it belongs to, a name of its
            // own.
            if lower_group {
                break;
            }
        }
        // A particle between two capitalised words of an organisation,
        // place or event name.
        let p = particle_len(t, b, end);
        // "Amérique du Nord", "Europe de l'Est": a compass point completes
        // the name before it.
        if p > 0
            && b + p < end
            && t.toks[b + p].cap
            && matches!(t.lower(b + p), "nord" | "sud" | "est" | "ouest")
        {
            b += p + 1;
            continue;
        }
        // "Côte d'Ivoire" in an English text, "Isle of Man": a particle
        // between capitalised words of a listed place, whatever heads.
        if p > 0
            && !heads.any()
            && b + p < end
            && namey(t, b + p)
            && gaz::place(join_form(text, t, a, b + p + 1)).is_some()
        {
            b += p + 1;
            continue;
        }
        if p > 0 && heads.any() && b + p < end {
            let next = b + p;
            // "Colorado State University of the US", "University of
            // Sheffield of the UK": a name that already holds a place
            // ends before "of" another place, where it is ("Bank of
            // England", "Communist Party of China" hold none before).
            let place_at = |k: usize| {
                gaz::place(join_form(text, t, k, k + 1)).is_some_and(|p| p.kind == EntityType::Loc)
            };
            if place_at(next) && (a..b).any(|k| t.toks[k].cap && place_at(k)) {
                break;
            }
            // "la Commission européenne de Bruxelles": a listed
            // organisation's whole name ends before "de" a listed place,
            // where it sits.
            if place_at(next)
                && (next + 1 >= end || !namey(t, next + 1))
                && gaz::place(join_form(text, t, a, b)).is_some_and(|k| k.kind == EntityType::Org)
            {
                break;
            }
            // "la Commission européenne de Bruxelles", "la place Tahrir du
            // Caire": a French name that a nationality adjective already
            // completes, or a lowercase noun and a capitalised name
            // ("place X", "lac X"), ends before "de" a listed place: that
            // is where it is.
            if lang == Lang::Fr
                && place_at(next)
                && (next + 1 >= end || !namey(t, next + 1))
                && ((a + 1..b)
                    .any(|k| !t.toks[k].cap && gaz::demonym_cls(t.lower(k), t.class(k)).is_some())
                    || (!t.toks[a].cap && (a + 1..b).any(|k| t.toks[k].cap)))
            {
                break;
            }
            let num_ok = heads.misc && t.toks[next].kind == TokKind::Num;
            // "Kennedy Space Center on STS-1": "on" joins words
            // ("Council on Foreign Relations"), not a code or a number.
            let on_code = w == "on"
                && (t.toks[next].kind == TokKind::Num
                    || is_code_number(join_form(text, t, next, next + 1)));
            if (namey(t, next) && t.class(next) & cls::DATE_WORD == 0 && !on_code) || num_ok {
                heads.add(t, next);
                b = next + 1;
                adjectives = 0;
                continue;
            }
        }
        // "Radio Azur 2", "Canal 24": a short number ends an
        // organisation's or an event's name.
        let country_num = b == a + 1
            && gaz::place(t.lower(a)).is_some_and(|k| k.country)
            && (b + 1 >= end || !matches!(t.lower(b + 1), "à" | "to" | "–"));
        // "Launch Pad 39A", "Terminal 2": a short number, maybe with a
        // letter, right after a place's head word numbers a site.
        let site_num = head_word(t, b - 1).1 & cls::ANY_LOC_HEAD != 0 && site_number(w);
        if ((heads.org || heads.misc || country_num)
            && w.len() <= 3
            && w.bytes().all(|x| x.is_ascii_digit())
            || site_num)
            && t.toks[b].kind == TokKind::Num
            && (b + 1 >= end
                || !matches!(t.toks[b + 1].kind, TokKind::Num)
                    && !matches!(t.lower(b + 1), "%" | "," | "." | "h" | "-"))
        {
            b += 1;
            break;
        }
        // "The X and Y": newspaper-style names.
        if (w == "and" || w == "&")
            && b == a + 1
            && a > 0
            && t.lower(a - 1) == "the"
            && b + 1 < end
            && namey(t, b + 1)
            && (b + 2 >= end || !namey(t, b + 2))
        {
            b += 2;
            heads.org = true;
            continue;
        }
        break;
    }
    (b, heads)
}

fn classify(
    text: &str,
    t: &Words<'_>,
    s: Span3,
    heads: Heads,
    honorific: Option<usize>,
    titled: bool,
    initial: bool,
) -> Option<Cand> {
    let Span3 { si, a, b, sa, lang } = s;
    let single = b - a == 1;
    // "l'État", "les droits de l'Homme", "la République": French
    // capitalises these common nouns; alone they name nothing.
    if single && lone_common().contains(gaz::fold_cow(t.lower(a)).as_ref()) {
        return None;
    }
    let mut cand = Cand {
        sent: si,
        a,
        b,
        lead: a,
        kind: if single {
            EntityType::Org
        } else {
            EntityType::Per
        },
        strength: 0,
        known: None,
        demonym: false,
        initial,
    };
    let set = |c: &mut Cand, kind: EntityType, strength: u8| {
        if strength > c.strength {
            c.kind = kind;
            c.strength = strength;
        }
    };
    // Word lists.
    let form = join_form(text, t, a, b);
    if let Some(stem) = form.strip_suffix("ers").or_else(|| form.strip_suffix("er"))
        && let Some(k) = gaz::place(stem).filter(|k| k.country)
    {
        cand.demonym = true;
        cand.strength = 5;
        cand.kind = EntityType::Loc;
        cand.known = Some(k);
        return Some(cand);
    }
    if let Some(k) = gaz::place(form) {
        set(&mut cand, k.kind, 5);
        cand.known = Some(k);
    }
    // "the State of Texas", "l'État de Bahia", "the Province of Ontario":
    // a state's or a province's generic noun, "of" and a listed region or
    // country is that place, one node with it.
    if cand.known.is_none()
        && b - a >= 3
        && t.toks[a].cap
        && matches!(
            gaz::fold_cow(t.lower(a)).as_ref(),
            "state" | "etat" | "province" | "region" | "territory" | "territoire"
        )
        && matches!(t.lower(a + 1), "of" | "de" | "du")
        && let Some(k) = gaz::place(join_form(text, t, a + 2, b)).filter(|k| {
            matches!(
                k.class,
                PlaceClass::Region | PlaceClass::WorldRegion | PlaceClass::Country
            )
        })
    {
        set(&mut cand, k.kind, 5);
        cand.known = Some(k);
    }
    if let Some(h) = honorific {
        cand.lead = h;
        set(&mut cand, EntityType::Per, 4);
    }
    if !single && is_first_name(t, a) && !heads.any() {
        set(&mut cand, EntityType::Per, 3);
    }
    // "Gloria", "Marilyn": a lone first name no other cue types is a
    // person called by it.
    if single && is_first_name(t, a) && !heads.any() && !t.toks[a].upper {
        set(&mut cand, EntityType::Per, 1);
    }
    // "Park Min-ho", "Lee Soo-jin": a family name and a given name of two
    // syllables joined by a hyphen, the second in lowercase; or the given
    // name first, before a short family name no organisation's or event's
    // head word ("Min-ho Park", "Jae-in Moon").
    if b - a == 2 && cand.known.is_none() {
        let given = |k: usize| {
            t.toks[k].hyphen
                && !t.toks[k].upper
                && join_form(text, t, k, k + 1)
                    .split_once('-')
                    .is_some_and(|(x, y)| {
                        (x.chars().count() <= 6
                            && y.chars().next().is_some_and(char::is_lowercase))
                            // "Kim Soo-Ah": two short capitalised
                            // syllables, not an Arabic article.
                            || (x.chars().count() <= 4
                                && (2..=4).contains(&y.chars().count())
                                && !y.contains('-')
                                && !x.eq_ignore_ascii_case("al")
                                && !x.eq_ignore_ascii_case("el"))
                    })
        };
        let given_first = given(a)
            && !t.toks[b - 1].hyphen
            && !t.toks[b - 1].upper
            && t.lower(b - 1).chars().count() <= 6
            && t.lower(a).matches('-').count() == 1
            && !heads.org
            && !heads.misc;
        if given(b - 1) || given_first {
            set(&mut cand, EntityType::Per, 4);
        }
    }
    // "El Pais", "El Mundo": a Spanish article opening a name, with no
    // first name after it ("El Hassane Doe"), names no person.
    if !single && t.toks[a].cap && t.lower(a) == "el" && !(a + 1..b).any(|k| is_first_name(t, k)) {
        set(&mut cand, EntityType::Org, 1);
    }
    // "B. Obama", "K.C. Smith": initials before a name.
    if !single && {
        let f = join_form(text, t, a, a + 1);
        f.ends_with('.')
            && gaz::place(f).is_none()
            && f.chars().filter(|c| c.is_alphabetic()).count() <= 3
            && f.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    } {
        set(&mut cand, EntityType::Per, 3);
    }
    if titled && !heads.any() {
        set(&mut cand, EntityType::Per, 3);
    }
    // A head word alone opening a sentence ("Crise au gouvernement",
    // "Election campaign turns bitter") is capitalised for its place, not
    // as a name: it only guesses the type, and the tagger decides.
    let head = if single && initial { 1 } else { 3 };
    // "l'opération Harpie", "l'ouragan Katia": a lowercase noun opening
    // the name says what it names (an event, a vehicle, a work), before
    // any organisation head ("opération" also heads "Operation Rescue").
    if !single && !t.toks[a].cap && t.class(a) & cls::MISC_CUE != 0 {
        set(&mut cand, EntityType::Misc, 3);
    }
    // "Space Shuttle Atlantis", "Cargo Ship Ocean Star": the same noun
    // capitalised inside the name, before its last word, with no head
    // word after it ("Space Shuttle Program" is an organisation's);
    // never a first name, nor a Korean family name before a given one
    // ("Song Min-ji").
    let cap_cue = (a..b - 1).any(|k| {
        let c = t.class(k);
        t.toks[k].cap
            && c & cls::MISC_CUE != 0
            && c & cls::ANY_ORG_HEAD == 0
            && !is_first_name(t, k)
            && (k > a || !t.toks[k + 1].hyphen)
            && (k + 1..b).all(|j| {
                // "the Space Shuttle Orbiters": another such noun after
                // it, in the plural too, makes a common noun's phrase.
                let w = t.lower(j);
                let plural = w.strip_suffix('s').map_or(0, gaz::classes);
                t.toks[j].cap
                    && head_word(t, j).1 & (cls::ANY_ORG_HEAD | cls::ANY_LOC_HEAD | cls::MISC_CUE)
                        == 0
                    && plural & cls::MISC_CUE == 0
            })
    });
    if !single && cap_cue {
        set(&mut cand, EntityType::Misc, 3);
    }
    if heads.misc {
        set(&mut cand, EntityType::Misc, head);
    }
    // "Kennedy Space Center Visitor Complex", "Union Station": the last
    // word of a compound of capitalised words is its head; a word that
    // only heads places there makes the whole a place, whatever
    // organisation's head comes before it.
    let last_loc = !single && heads.loc && (a..b).all(|k| t.toks[k].cap) && {
        // Only a place's head ("District" heads school districts too).
        let c = head_word(t, b - 1).1;
        c & cls::ANY_LOC_HEAD != 0 && c & cls::ANY_ORG_HEAD == 0
    };
    // "Kennedy Space Center", "Metro Toronto Convention Centre": a
    // centre named for what it hosts (space launches, conventions,
    // trade, shopping) is a site, a place; a science or an arts centre
    // stays an organisation.
    let site_centre = b - a >= 3
        && (a..b).all(|k| t.toks[k].cap)
        && matches!(t.lower(b - 1), "center" | "centre")
        && matches!(
            t.lower(b - 2),
            "space"
                | "convention"
                | "conference"
                | "exhibition"
                | "congress"
                | "trade"
                | "shopping"
                | "sports"
                | "leisure"
        );
    let last_loc = last_loc || site_centre;
    if heads.org && !last_loc {
        set(&mut cand, EntityType::Org, head);
    }
    if (heads.loc || site_centre) && (!heads.org || last_loc) {
        set(&mut cand, EntityType::Loc, head);
    }
    if heads.adj {
        set(&mut cand, EntityType::Org, 1);
    }
    if single && place_shaped(t, a) {
        set(&mut cand, EntityType::Loc, 2);
    }
    // "Fresh Harvest Canada", "Marine Standards Norway": a place name
    // after the first word of an unknown name makes it no person's name.
    if !single && cand.strength == 0 && (a + 1..b).any(|k| gaz::place(t.lower(k)).is_some()) {
        cand.kind = EntityType::Org;
    }
    // "France 24": a country and a short number name a channel.
    if b - a == 2
        && t.toks[b - 1].kind == TokKind::Num
        && gaz::place(t.lower(a)).is_some_and(|k| k.country)
    {
        set(&mut cand, EntityType::Org, 2);
    }
    // "Group F", "le groupe B", "Pool A": a tournament's group is named
    // by its letter; an event's stage (MISC), no organisation.
    if b - a == 2 && matches!(t.lower(a), "group" | "groupe" | "pool" | "poule") && {
        let l = join_form(text, t, a + 1, b);
        l.len() == 1 && l.bytes().all(|c| c.is_ascii_uppercase())
    } {
        set(&mut cand, EntityType::Misc, 4);
    }
    // "Ligue 1", "League Two", "la Ligue des champions", "the Champions
    // League": a league with a rank's number or of champions is a
    // competition (MISC), not the body that runs it ("Ligue de football
    // professionnel", "the Arab League"): `league`, `league_rank`.
    let competition = (a..b).any(|k| {
        name_words().league.contains(t.lower(k))
            && (k + 1 < b
                && (t.toks[k + 1].kind == TokKind::Num
                    || name_words().league_rank.contains(t.lower(k + 1))
                    || (t.lower(k + 1) == "des" && k + 2 < b && t.lower(k + 2) == "champions"))
                || (k > a && t.lower(k - 1) == "champions"))
    });
    if competition {
        set(&mut cand, EntityType::Misc, 4);
    }
    // Shape: acronyms, CamelCase, digits, domains.
    let tok = t.toks[a];
    // "STS-135", "F-16", "MH-17": capitals, a hyphen and a number name a
    // mission, a model or a flight.
    if single && is_code_number(join_form(text, t, a, b)) {
        set(&mut cand, EntityType::Misc, 2);
    }
    if single && (tok.upper || tok.kind == TokKind::Num || t.lower(a).contains('.')) {
        set(&mut cand, EntityType::Org, 2);
    }
    if !single && (a..b).any(|k| t.toks[k].upper) {
        set(&mut cand, EntityType::Org, 2);
    }
    // Context: "province de la X", "à X", "from X".
    let before = |k: usize| if k > sa { t.lower(k - 1) } else { "" };
    let mut p = a;
    if matches!(before(p), "la" | "l'" | "le" | "the") {
        p -= 1;
    }
    // "député-maire de X": the last part of a hyphenated noun.
    let noun = before(p.saturating_sub(1)).rsplit('-').next().unwrap_or("");
    if matches!(before(p), "de" | "d'" | "of")
        && (gaz::is_loc_generic(noun) || place_of_nouns().contains(&noun))
    {
        set(&mut cand, EntityType::Loc, 2);
    } else if gaz::classes(before(p)) & cls::PLACE_PREP != 0 && !prep_phrase(before(p - 1))
        || (single && before(a) == "les" && matches!(before(a - 1), "dans" | "en" | "à"))
    {
        set(&mut cand, EntityType::Loc, 1);
    } else if single && before(a) == "les" && !tok.upper {
        // "les Touareg": a people, not an organisation.
        set(&mut cand, EntityType::Misc, 1);
    }
    // "le ministre de la Défense", "ministre des Armées", "the minister
    // of Defence", "le portefeuille de la Santé": the complement of a
    // minister's title is its portfolio, an organisation of the
    // government.
    let (q, article) = if matches!(before(a), "la" | "l'" | "the") {
        (a - 1, true)
    } else {
        (a, false)
    };
    if (matches!(before(q), "de" | "d'" | "of") || !article && matches!(before(q), "du" | "des"))
        && gaz::is_minister_word(before(q - 1))
    {
        set(&mut cand, EntityType::Org, 3);
    }
    // "the cruise ship Freewinds", "le film Easy Rider", "l'ouragan
    // meurtrier Katia", "the vessel, Ocean Star": a lowercase noun just
    // before the name (after a comma, or before one adjective) introduces
    // an event's, a vehicle's or a work's name.
    let cue = |k: usize| !t.toks[k].cap && t.class(k) & cls::MISC_CUE != 0;
    let word_between = |k: usize| {
        t.toks[k].kind == TokKind::Word
            && !t.toks[k].cap
            && t.class(k) & (cls::STOP | cls::TITLE_FIRST) == 0
    };
    if a > sa
        && (cue(a - 1)
            || a - 1 > sa && (t.lower(a - 1) == "," || word_between(a - 1)) && cue(a - 2))
    {
        set(&mut cand, EntityType::Misc, 2);
    }
    // "the broadcaster Al Jazeera", "la chaîne qatarie Al Jazeera", "le
    // groupe pétrolier Total": a lowercase noun that introduces an
    // organisation's name (`org_cue`), just before it or (in French,
    // where adjectives follow the noun) before one adjective, names an
    // organisation, whatever first name or head word opens the name. Not
    // the complement of another noun ("chef d'équipe Jean Dupont").
    let org_cue = |k: usize| {
        !t.toks[k].cap
            && org_noun(t, k)
            && (k == sa || !matches!(t.lower(k - 1), "de" | "d'" | "of"))
    };
    let adjective_between = |k: usize| {
        word_between(k)
            && !matches!(t.lower(k), "'s" | "’s")
            && (lang == Lang::Fr || t.class(k) & (cls::DEMONYM | cls::STATE_WORD) != 0)
    };
    if a > sa
        && cand.known.is_none()
        && (org_cue(a - 1) || a - 1 > sa && adjective_between(a - 1) && org_cue(a - 2))
    {
        set(&mut cand, EntityType::Org, 4);
    }
    // "the Hajj, the annual pilgrimage", "Acme, a Leeds-based company
    // that", "Total, le groupe pétrolier,": an apposition after the
    // name whose head noun introduces an organisation's or an event's,
    // a vehicle's or a work's name says what the name is. The noun ends
    // the apposition's noun phrase (a function word or a stop after it,
    // or in French one adjective first), so "Jane Doe, a company
    // director" and "Jane Doe, the party's leader" stay people.
    // It outweighs a first name ("Carter Mills, a company that").
    if let Some(kind) = apposition_type(t, b, t.sents[si].1, lang) {
        set(&mut cand, kind, 4);
    }
    // "the ruling Georgian Dream party", "the far-right Chega party": in
    // English a name directly before "party" is the party's.
    if lang == Lang::En
        && b < t.sents[si].1
        && t.lower(b) == "party"
        && !t.toks[b].cap
        && cand.known.is_none()
    {
        set(&mut cand, EntityType::Org, 4);
    }
    // "NZ $ 26 million": a currency, not a name.
    if single && b < t.toks.len() && matches!(t.lower(b), "$" | "€" | "£") {
        return None;
    }
    // ", PDG de ..." after the name: a person. Not when the title goes
    // on to the person who holds it ("à Échirolles, le maire communiste
    // Ahmed Belkacem"): the name before is where, not who.
    if b + 1 < t.toks.len() && t.lower(b) == "," {
        let n = t.toks.len();
        let first =
            if b + 1 < n && matches!(t.lower(b + 1), "le" | "la" | "l'" | "the" | "a" | "an") {
                b + 2
            } else {
                b + 1
            };
        let title = gaz::title_in((first..n.min(first + 6)).map(|k| t.lower(k)))
            .filter(|&(_, k)| k != TitleKind::Honorific);
        if let Some((len, _)) = title {
            let mut k = first + len;
            while k < n && k < first + len + 2 && t.toks[k].kind == TokKind::Word && !t.toks[k].cap
            {
                k += 1;
            }
            let holder_after = k < n && namey(t, k) && is_first_name(t, k);
            if !holder_after {
                set(&mut cand, EntityType::Per, 2);
            }
        }
    }
    Some(cand)
}

/// An `org_cue` noun that never names a person's occupation: "publisher
/// Jane Doe", "the operator Tom Ward" may be people.
fn org_noun(t: &Words<'_>, k: usize) -> bool {
    t.class(k) & cls::ORG_CUE != 0
        && !matches!(
            t.lower(k),
            "publisher" | "éditeur" | "operator" | "opérateur" | "distributeur" | "carrier"
        )
}

/// The type an apposition after a name gives it: ", the annual
/// pilgrimage", ", a Leeds-based company that", ", le groupe pétrolier,":
/// a comma, an article, at most two modifiers (lowercase words or
/// hyphenated compounds, no title), then an `org_cue` (ORG) or a
/// `misc_cue` (MISC) noun that ends the noun phrase: a stop, a function
/// word or the sentence's end after it (in French, after one adjective).
fn apposition_type(t: &Words<'_>, b: usize, sb: usize, lang: Lang) -> Option<EntityType> {
    if b + 3 >= sb || t.lower(b) != "," {
        return None;
    }
    if !matches!(
        t.lower(b + 1),
        "the" | "a" | "an" | "le" | "la" | "l'" | "un" | "une"
    ) {
        return None;
    }
    let ends = |k: usize| {
        k >= sb
            || !matches!(t.lower(k), "-" | "'s" | "’s")
                && (t.toks[k].kind == TokKind::Punct
                    || t.toks[k].kind == TokKind::Word
                        && !t.toks[k].cap
                        && t.class(k) & cls::STOP != 0)
    };
    let modifier = |k: usize| {
        let tok = &t.toks[k];
        tok.kind == TokKind::Word
            && (!tok.cap || tok.hyphen)
            && t.class(k) & (cls::STOP | cls::TITLE_FIRST) == 0
    };
    // "Leeds-based": a name, a hyphen and a lowercase word (the tokens
    // split such a compound) is one modifier.
    let compound = |k: usize| {
        k + 2 < sb
            && t.toks[k].kind == TokKind::Word
            && t.lower(k + 1) == "-"
            && t.toks[k + 2].kind == TokKind::Word
            && !t.toks[k + 2].cap
    };
    let mut k = b + 2;
    for _ in 0..3 {
        if k >= sb {
            return None;
        }
        if compound(k) {
            k += 3;
            continue;
        }
        let c = t.class(k);
        if t.toks[k].kind == TokKind::Word
            && !t.toks[k].cap
            && (org_noun(t, k) || c & cls::MISC_CUE != 0)
        {
            let after = ends(k + 1) || (lang == Lang::Fr && modifier(k + 1) && ends(k + 2));
            if !after {
                return None;
            }
            return Some(if org_noun(t, k) {
                EntityType::Org
            } else {
                EntityType::Misc
            });
        }
        if !modifier(k) {
            return None;
        }
        k += 1;
    }
    None
}

/// "Noyal-sur-Vilaine", "Saint-Jean-du-Maroni": a French place name's
/// shape.
fn place_shaped(t: &Words<'_>, k: usize) -> bool {
    if !(t.toks[k].hyphen && t.toks[k].cap) {
        return false;
    }
    let w = t.lower(k);
    let inner = [
        "-sur-", "-sous-", "-lès-", "-les-", "-en-", "-du-", "-de-", "-la-", "-le-",
    ];
    inner.iter().any(|x| w.contains(x))
        || ["saint-", "sainte-", "port-", "fort-"]
            .iter()
            .any(|x| w.starts_with(x))
}

/// Words that make "à" part of a prepositional phrase, not a place's
/// preposition: "face à", "grâce à", "quant à", "suite à", "par rapport
/// à", "contrairement à", "mettre fin à".
fn prep_phrase(w: &str) -> bool {
    matches!(
        w,
        "face" | "grâce" | "quant" | "suite" | "rapport" | "contrairement" | "conformément" | "fin"
    )
}

/// Capitals, a hyphen and a number ("STS-135", "F-16"): a mission's, a
/// model's or a flight's code.
fn is_code_number(form: &str) -> bool {
    form.split_once('-').is_some_and(|(x, y)| {
        (1..=4).contains(&x.len())
            && x.bytes().all(|c| c.is_ascii_uppercase())
            && !y.is_empty()
            && y.bytes().all(|c| c.is_ascii_digit())
    })
}

/// The written form of tokens `[a, b)`, as in the text.
pub fn join_form<'a>(text: &'a str, t: &Words<'_>, a: usize, b: usize) -> &'a str {
    &text[t.toks[a].start..t.toks[b - 1].end]
}

/// A demonym at token `i`: pushes the mention(s) and returns the tokens used.
fn demonym_at(
    t: &Words<'_>,
    lang: Lang,
    i: usize,
    end: usize,
    out: &mut Vec<Cand>,
    si: usize,
    initial: bool,
) -> Option<usize> {
    let w = t.lower(i);
    if t.toks[i].upper {
        return None;
    }
    let mut keys: Vec<&'static str> = Vec::new();
    let n = 1;
    let c = t.class(i);
    // A plain ASCII token's lowercase form is its own fold: a demonym
    // only if listed as written.
    let known = if t.toks[i].ascii && c & cls::DEMONYM == 0 {
        None
    } else {
        gaz::demonym_cls(w, c)
    };
    if let Some(k) = known {
        keys.push(k);
    } else if t.toks[i].hyphen {
        // russo-américaines: prefixes then a demonym.
        let (prefixes, last) = w.rsplit_once('-')?;
        let last_key = gaz::demonym(last)?;
        for p in prefixes.split('-') {
            keys.push(gaz::demonym_prefix(p).or_else(|| gaz::demonym(p))?);
        }
        keys.push(last_key);
    } else {
        return None;
    }
    // A capitalised word that names a listed place is that place, not
    // an adjective of the same spelling.
    if t.toks[i].cap && gaz::place(w).is_some_and(|k| k.kind == EntityType::Loc) {
        return None;
    }
    // A capitalised demonym followed by a name is part of that name
    // ("American Airlines"), unless the next word is a title.
    // "le Camerounais Jean Doe", "l'Américain Jane Doe", "du Belge Jan
    // Peeters": after a French article, contracted or not, it is a
    // nationality noun before a person's name.
    let noun = i > 0
        && matches!(
            t.lower(i - 1),
            "le" | "la" | "l'" | "les" | "un" | "une" | "du" | "des" | "au" | "aux"
        );
    if t.toks[i].cap && i + n < end && namey(t, i + n) && !noun {
        let title_at = |k: usize| {
            let words = (k..end.min(k + 4)).map(|q| t.lower(q));
            gaz::title_in_cls(words, t.class(k)).is_some()
        };
        // "Kenyan Finance Minister X", "Iranian Oil Minister X": a
        // minister's portfolio, capitalised ordinary words, between the
        // nationality and a minister's or secretary's title (not "British
        // Airways boss X").
        let portfolio = |k: usize| {
            let tok = &t.toks[k];
            tok.kind == TokKind::Word
                && tok.cap
                && !tok.upper
                && gaz::is_common_word(t.lower(k), lang)
                && !is_first_name(t, k)
                && gaz::place(t.lower(k)).is_none()
        };
        let after_portfolio = (i + n..end.min(i + n + 3))
            .take_while(|&k| portfolio(k))
            .map(|k| k + 1)
            .any(|k| {
                k < end
                    && (gaz::is_minister_word(t.lower(k)) || t.lower(k) == "secretary")
                    && title_at(k)
            });
        if !title_at(i + n) && !after_portfolio && gaz::place(t.lower(i)).is_none() {
            return None;
        }
    }
    for key in keys {
        out.push(Cand {
            sent: si,
            a: i,
            b: i + n,
            lead: i,
            kind: EntityType::Loc,
            strength: 5,
            known: Some(Known {
                key,
                kind: EntityType::Loc,
                country: true,
                container: true,
                parent: None,
                class: PlaceClass::Country,
            }),
            demonym: true,
            initial,
        });
    }
    Some(n)
}
