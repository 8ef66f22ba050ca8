//! Tokens and sentences: one left-to-right pass over the article text.
//!
//! Words keep their hyphens (États-Unis, russo-américaines, Al-Qaïda), their
//! inner dots (U.S., Gawker.com) and abbreviation dots (M., Mr., Dr.); French
//! elisions split after the apostrophe (l' d' qu', with ' or ’); an English
//! possessive `'s` is a token of its own; a capitalised word glued to a
//! lowercase suffix by a hyphen (`Scientology-critic`) is split so the name
//! stands alone. Sentences ([`split_sentences`], once the language is
//! known) end at `.!?…` followed by a capital, a quote, a digit or a dash,
//! and at a paragraph's end. A period after an abbreviation of the
//! language (`data/lists/abbreviations.tsv`: "Sept.", "janv.") or one a
//! token keeps (Mr., U.S., a.m., etc.) ends a sentence only before a
//! capitalised function word ("etc. Les", "St. The"; not "M. Le Pen"). A
//! line break inside a paragraph is a space (hard-wrapped text); a blank
//! line ends a paragraph, and so does a line break before a list item or a
//! heading, or after a line too short to be wrapped ([`Breaks`]: a
//! headline, a dateline) unless the next line starts in lowercase or the
//! line ends on a comma or a function word. Lowercase forms of all tokens
//! live in one buffer, so tokenising allocates per article, not per token.

use super::gaz::{self, cls};
use crate::lists::{Lists, WordClass};
use crate::model::{Lang, Set};
use std::sync::OnceLock;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (and digits, hyphens, inner dots, apostrophes).
    Word,
    /// Starts with a digit.
    Num,
    /// One punctuation or symbol character.
    Punct,
}

/// One token: byte span in the text and in the lowercase buffer
/// ([`Words::lower`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// First character is uppercase.
    pub cap: bool,
    /// At least two letters, all uppercase (acronyms: ONU, NASA, U.S.).
    pub upper: bool,
    /// Preceded by a line break or begins the text.
    pub line_start: bool,
    /// Lowercase first letter with an uppercase one later (eBay, iPhone).
    pub camel: bool,
    /// Plain ASCII (so its lowercase form holds no capital).
    pub ascii: bool,
    /// Holds an ASCII hyphen `-`.
    pub hyphen: bool,
    lo: (u32, u32),
}

/// The tokens and sentences of one text.
#[derive(Debug, Default)]
pub struct Tokens {
    pub toks: Vec<Token>,
    /// Sentences as token ranges `[start, end)`.
    pub sents: Vec<(usize, usize)>,
    lower: String,
    /// The word lists each token's lowercase form is in (`gaz::classes`).
    class: Vec<u32>,
}

impl Tokens {
    /// The length in bytes and the first byte of token `i`'s lowercase
    /// form, for filters that turn most tokens away before comparing.
    pub fn lower_shape(&self, i: usize) -> (usize, u8) {
        let (a, b) = self.toks[i].lo;
        (
            (b - a) as usize,
            self.lower.as_bytes().get(a as usize).copied().unwrap_or(0),
        )
    }

    /// The word lists token `i`'s lowercase form is in ([`gaz::cls`] bits).
    pub fn class(&self, i: usize) -> u32 {
        self.class[i]
    }

    /// The lowercase form of token `i` (see [`Words::lower`], which
    /// answers the rules faster).
    fn lowered(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lo;
        &self.lower[a as usize..b as usize]
    }

    /// The text of token `i`.
    fn text<'s>(&self, text: &'s str, i: usize) -> &'s str {
        &text[self.toks[i].start..self.toks[i].end]
    }
}

/// [`Tokens`] with every token's lowercase form sliced once: the rules
/// read each word many times, and a slice of the shared buffer checks its
/// character boundaries at every call. Derefs to the tokens; its own
/// [`Words::lower`] answers from the list.
pub struct Words<'t> {
    tokens: &'t Tokens,
    lower: Vec<&'t str>,
}

impl<'t> Words<'t> {
    /// The words of `tokens`, listed in `buf` (emptied first; see
    /// [`Words::into_buf`]).
    pub fn new(tokens: &'t Tokens, mut buf: Vec<&'static str>) -> Self {
        buf.clear();
        let mut lower: Vec<&'t str> = buf;
        // The tokens' forms follow each other in the buffer: each is split
        // off the rest (one boundary check).
        let mut rest = tokens.lower.as_str();
        lower.extend(tokens.toks.iter().map(|tok| {
            let (a, b) = tok.lo;
            debug_assert_eq!(a as usize, tokens.lower.len() - rest.len());
            let (word, after) = rest.split_at((b - a) as usize);
            rest = after;
            word
        }));
        Words { tokens, lower }
    }

    /// The lowercase form of token `i`, apostrophes folded to `'`.
    pub fn lower(&self, i: usize) -> &'t str {
        self.lower[i]
    }

    /// Token `k` opens a sentence run into the one before without its
    /// full stop, as a photo caption printed before a paragraph is: a
    /// capitalised function word ("In", "The", "Dans") after a word,
    /// followed by a lowercase word ("... Jane Roe In the north, ...").
    pub fn run_in_break(&self, k: usize) -> bool {
        let Some(tok) = self.toks.get(k) else {
            return false;
        };
        k > 0
            && tok.cap
            && !tok.upper
            && self.class(k) & cls::STOP != 0
            && self.lower(k) != "i"
            && self.toks[k - 1].kind == TokKind::Word
            && self
                .toks
                .get(k + 1)
                .is_some_and(|n| n.kind == TokKind::Word && !n.cap)
    }

    /// The list's buffer, emptied, for the next article's [`Words::new`]
    /// (collecting an emptied vector into one of the same layout keeps its
    /// allocation).
    pub fn into_buf(mut self) -> Vec<&'static str> {
        self.lower.clear();
        self.lower.into_iter().map(|_| "").collect()
    }
}

impl std::ops::Deref for Words<'_> {
    type Target = Tokens;
    fn deref(&self) -> &Tokens {
        self.tokens
    }
}

/// A word list of `word_classes.tsv`, in file order, read once.
fn word_list(
    cell: &'static OnceLock<Vec<&'static str>>,
    class: WordClass,
) -> &'static [&'static str] {
    cell.get_or_init(|| Lists::get().words(class).collect())
}

/// Abbreviations whose dot belongs to the word (case-sensitive):
/// `abbreviation` of `word_classes.tsv`.
fn abbreviations() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    word_list(&CELL, WordClass::Abbreviation)
}

/// The abbreviations of `lang` after which a period need not end a
/// sentence (`abbreviations.tsv`), without that period: "Sept", "janv".
fn sentence_abbreviations(lang: Lang) -> &'static Set<&'static str> {
    static CELLS: [OnceLock<Set<&'static str>>; 2] = [OnceLock::new(), OnceLock::new()];
    let cell = match lang {
        Lang::Fr => &CELLS[0],
        Lang::En => &CELLS[1],
    };
    cell.get_or_init(|| {
        Lists::get()
            .abbreviations(lang)
            .map(|a| a.strip_suffix('.').unwrap_or(a))
            .collect()
    })
}

/// French elided words, the token ending after their apostrophe:
/// `elision` of `word_classes.tsv`.
fn elisions() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    word_list(&CELL, WordClass::Elision)
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Lowercase words that end an English or French compound after a name
/// and a hyphen ("Paris-born", "UK-wide", "Kremlin-style"):
/// `compound_suffix` of `word_classes.tsv`.
fn compound_suffixes() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    word_list(&CELL, WordClass::CompoundSuffix)
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‑'
}

/// What segmentation asks of a character.
#[derive(Debug, Clone, Default)]
struct CharInfo {
    alnum: bool,
    alpha: bool,
    lower: bool,
    upper: bool,
    /// Its lowercase form.
    lowered: String,
}

/// Characters below this one are answered from a table ([`latin`]).
const LATIN_END: u32 = 0x250;

/// [`CharInfo`] of every character below [`LATIN_END`] (ASCII and the
/// Latin scripts' accented letters), computed once from the standard
/// library's answers, which otherwise search Unicode tables per call.
fn latin() -> &'static [CharInfo] {
    static TABLE: OnceLock<Vec<CharInfo>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LATIN_END)
            .map(|u| char::from_u32(u).map(info).unwrap_or_default())
            .collect()
    })
}

fn info(c: char) -> CharInfo {
    CharInfo {
        alnum: c.is_alphanumeric(),
        alpha: c.is_alphabetic(),
        lower: c.is_lowercase(),
        upper: c.is_uppercase(),
        lowered: c.to_lowercase().collect(),
    }
}

/// `c.is_alphanumeric()`, through [`latin`] for accented Latin letters.
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if (c as u32) < LATIN_END {
        latin()[c as usize].alnum
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte offset `p` of `s` (`None` at the end); plain
/// ASCII bytes are read without decoding.
fn char_at(s: &str, p: usize) -> Option<char> {
    let b = *s.as_bytes().get(p)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        s[p..].chars().next()
    }
}

/// [`ascii_flags`] bits.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const LOWER: u8 = 4;
const UPPER: u8 = 8;
/// `char::is_whitespace`.
const SPACE: u8 = 16;
/// A byte of a character longer than one byte.
const LONG: u8 = 32;
/// `-`.
const HYPHEN: u8 = 64;

/// What segmentation asks of each byte below 0x80, as [`ALNUM`] ... bits
/// ([`LONG`] for the bytes above, which start or continue a longer
/// character).
const ASCII: [u8; 256] = {
    let mut t = [LONG; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut f = 0;
        if c.is_ascii_alphanumeric() {
            f |= ALNUM;
        }
        if c.is_ascii_alphabetic() {
            f |= ALPHA;
        }
        if c.is_ascii_lowercase() {
            f |= LOWER;
        }
        if c.is_ascii_uppercase() {
            f |= UPPER;
        }
        if c == b' ' || (c >= 0x09 && c <= 0x0d) {
            f |= SPACE;
        }
        if c == b'-' {
            f |= HYPHEN;
        }
        t[b] = f;
        b += 1;
    }
    t
};

/// The [`ASCII`] bits of any character (through [`latin`] below
/// [`LATIN_END`]).
fn char_flags(c: char) -> u8 {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    let computed;
    let i = if (c as u32) < LATIN_END {
        &latin()[c as usize]
    } else {
        computed = info(c);
        &computed
    };
    let mut f = 0;
    for (yes, bit) in [
        (i.alnum, ALNUM),
        (i.alpha, ALPHA),
        (i.lower, LOWER),
        (i.upper, UPPER),
    ] {
        if yes {
            f |= bit;
        }
    }
    if c.is_whitespace() {
        f |= SPACE;
    }
    f
}

/// Splits `text`, in `lang`, into tokens and sentences.
#[cfg(test)]
pub fn segment(text: &str, lang: Lang) -> Tokens {
    let mut out = Tokens::default();
    segment_into(text, &mut out);
    split_sentences(text, lang, &mut out);
    out
}

/// The tokens of `text` into the buffers of `out` (emptied first, its
/// sentences too), so a thread that segments article after article reuses
/// them. [`split_sentences`] then finds the sentences.
pub fn segment_into(text: &str, out: &mut Tokens) {
    out.toks.clear();
    out.sents.clear();
    out.lower.clear();
    out.class.clear();
    out.toks.reserve(text.len() / 5);
    out.lower.reserve(text.len() + 16);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut k = 0;
    let mut newline = true;
    while k < n {
        let b = bytes[k];
        let (c, f) = if b < 0x80 {
            (char::from(b), ASCII[usize::from(b)])
        } else {
            let c = text[k..]
                .chars()
                .next()
                .expect("k is on a character boundary");
            (c, char_flags(c))
        };
        if f & SPACE != 0 {
            newline |= c == '\n';
            k += c.len_utf8();
            continue;
        }
        let s = k;
        let kind;
        if f & ALNUM != 0 {
            kind = if c.is_ascii_digit() {
                TokKind::Num
            } else {
                TokKind::Word
            };
            // Most words are ASCII letters or digits up to a byte that
            // continues no word: read here; the rest by `scan_word`.
            let mut j = k + 1;
            while bytes
                .get(j)
                .is_some_and(|&x| ASCII[usize::from(x)] & ALNUM != 0)
            {
                j += 1;
            }
            k = match bytes.get(j) {
                _ if b >= 0x80 => scan_word(text, k, kind),
                None => j,
                Some(x) if *x < 0x80 && !matches!(x, b'-' | b'.' | b',' | b'\'') => j,
                _ => scan_word(text, k, kind),
            };
        } else {
            kind = TokKind::Punct;
            k += c.len_utf8();
            // English possessive: one token "'s".
            if is_apos(c)
                && matches!(bytes.get(k), Some(b's' | b'S'))
                && !char_at(text, k + 1).is_some_and(is_alnum)
            {
                k += 1;
            }
        }
        let e = k;
        let word = &text[s..e];
        let lo_start = out.lower.len();
        // One pass: the lowercase form, letters, and where the capitals are.
        let (mut letters, any_lower, later_upper);
        // Bits of the bytes after the first, and letters.
        let mut rest = 0u8;
        letters = usize::from(f & ALPHA != 0);
        for &b in &word.as_bytes()[1..] {
            let g = ASCII[usize::from(b)];
            rest |= g;
            letters += usize::from(g & ALPHA != 0);
        }
        let ascii = b < 0x80 && rest & LONG == 0;
        if ascii {
            out.lower.push_str(word);
            if (f | rest) & UPPER != 0 {
                out.lower[lo_start..].make_ascii_lowercase();
            }
            any_lower = (f | rest) & LOWER != 0;
            later_upper = rest & UPPER != 0;
        } else {
            let table = latin();
            let (mut lower, mut upper) = (false, false);
            letters = 0;
            for (n, ch) in word.chars().enumerate() {
                let computed;
                let i = if (ch as u32) < LATIN_END {
                    &table[ch as usize]
                } else {
                    computed = info(ch);
                    &computed
                };
                if ch.is_ascii() {
                    out.lower.push(ch.to_ascii_lowercase());
                } else if is_apos(ch) {
                    out.lower.push('\'');
                } else {
                    out.lower.push_str(&i.lowered);
                }
                letters += usize::from(i.alpha);
                lower |= i.lower;
                upper |= n > 0 && i.upper;
            }
            any_lower = lower;
            later_upper = upper;
        }
        out.class.push(gaz::classes(&out.lower[lo_start..]));
        out.toks.push(Token {
            start: s,
            end: e,
            kind,
            cap: f & UPPER != 0,
            upper: letters >= 2 && !any_lower,
            line_start: newline,
            camel: f & LOWER != 0 && later_upper,
            ascii,
            hyphen: (f | rest) & HYPHEN != 0,
            lo: (lo_start as u32, out.lower.len() as u32),
        });
        newline = false;
    }
}

/// The sentences of `text`, whose tokens `out` holds ([`segment_into`]),
/// written in `lang`.
pub fn split_sentences(text: &str, lang: Lang, out: &mut Tokens) {
    let mut sents = std::mem::take(&mut out.sents);
    sents.clear();
    sentences(text, out, sentence_abbreviations(lang), &mut sents);
    out.sents = sents;
}

/// Scans a word or number starting at byte `k`; returns the byte offset
/// after it.
fn scan_word(s: &str, mut k: usize, kind: TokKind) -> usize {
    let at = |k: usize| char_at(s, k);
    let alnum_at = |k: usize| at(k).is_some_and(is_alnum);
    // Past the letters and digits from `k`.
    let bytes = s.as_bytes();
    let run = |mut k: usize| loop {
        while bytes
            .get(k)
            .is_some_and(|&b| ASCII[usize::from(b)] & ALNUM != 0)
        {
            k += 1;
        }
        match bytes.get(k) {
            Some(&b) if b >= 0x80 => match at(k) {
                Some(c) if is_alnum(c) => k += c.len_utf8(),
                _ => return k,
            },
            _ => return k,
        }
    };
    let start = k;
    loop {
        k = run(k);
        // Most words end at a space or a punctuation mark that continues
        // no word.
        match bytes.get(k) {
            None => return k,
            Some(b) if *b < 0x80 && !matches!(b, b'-' | b'.' | b',' | b'\'') => return k,
            _ => {}
        }
        match at(k) {
            Some(h) if is_hyphen(h) && alnum_at(k + h.len_utf8()) => {
                // Split `Name-suffix` when the suffix is a lowercase word that
                // ends the compound (Scientology-critic, New York-based).
                let first = at(start).expect("scan_word starts on a character");
                let k1 = k + h.len_utf8();
                let j = run(k1);
                let suffix_chars = s[k1..j].chars().count();
                let suffix_lower = at(k1).is_some_and(char::is_lowercase);
                let continues = at(j).is_some_and(is_hyphen);
                let prefix_long = k > start + first.len_utf8();
                // "Min-ho", "Chung-tai": a given name's two short syllables
                // stay one word unless the suffix reads as an English
                // compound's ("York-based", "Paris-born").
                let syllables = s[start..k].chars().count() <= 6
                    && suffix_chars <= 6
                    && !s[k1..j].ends_with("ed")
                    && !compound_suffixes().contains(&&s[k1..j]);
                if first.is_uppercase()
                    && suffix_lower
                    && !continues
                    && suffix_chars > 1
                    && prefix_long
                    && !syllables
                {
                    return k;
                }
                k = j;
            }
            Some('.') if alnum_at(k + 1) && kind == TokKind::Word => {
                // Inner dot: U.S, Gawker.com, alt.religion
                k += 1;
            }
            Some('.') if kind == TokKind::Word => {
                let word = &s[start..k];
                let mut cs = word.chars();
                let initial = cs.next().is_some_and(char::is_uppercase) && cs.next().is_none();
                let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
                if initial || dotted || abbreviations().contains(&word) {
                    return k + 1;
                }
                return k;
            }
            Some(',') if kind == TokKind::Num && at(k + 1).is_some_and(|c| c.is_ascii_digit()) => {
                k += 1;
            }
            Some(a) if is_apos(a) && at(k + a.len_utf8()).is_some_and(char::is_alphabetic) => {
                let after = k + a.len_utf8();
                if elided(&s[start..k]) {
                    return after;
                }
                let after_s = matches!(at(after), Some('s' | 'S')) && !alnum_at(after + 1);
                if after_s {
                    return k;
                }
                if k == start {
                    return k;
                }
                k = after;
            }
            _ => return k,
        }
    }
}

/// Whether `prefix` lower-cased is one of [`elisions`].
fn elided(prefix: &str) -> bool {
    if prefix.is_ascii() {
        return elisions().iter().any(|e| e.eq_ignore_ascii_case(prefix));
    }
    let prefix: String = prefix.chars().flat_map(char::to_lowercase).collect();
    elisions().contains(&prefix.as_str())
}

/// Closing quotes and brackets that stay with the sentence they end.
fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "\"" | "”" | ")" | "]" | "’" | "'")
}

/// Whether the straight quote at `j` opens a quote: apart from the token
/// before it and glued to the word after it (`said. "We`), where a closing
/// one is glued to what it ends (`said."`).
fn opens_quote(t: &Tokens, j: usize) -> bool {
    let toks = &t.toks;
    j > 0
        && toks[j - 1].end < toks[j].start
        && toks
            .get(j + 1)
            .is_some_and(|n| n.start == toks[j].end && n.kind != TokKind::Punct)
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

/// The most tokens a sentence holds: a longer run without a sentence end
/// (a table, a list, a text without punctuation) is cut into pieces of
/// this many. Relations are found by comparing the mentions of a sentence
/// with each other, so a 50 MB text on one line was one sentence and took
/// hours (200 KB: 3.6 s, 400 KB: 15 s); news sentences stay far below
/// this.
const MAX_SENTENCE_TOKENS: usize = 400;

/// Sentence boundaries over the tokens `t` of `text`; `abbr` holds the
/// language's abbreviations ([`sentence_abbreviations`]).
fn sentences(text: &str, t: &Tokens, abbr: &Set<&str>, out: &mut Vec<(usize, usize)>) {
    let toks = &t.toks;
    let mut breaks = Breaks::default();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        if i > start && (breaks.hard(text, t, i) || i - start >= MAX_SENTENCE_TOKENS) {
            out.push((start, i));
            start = i;
        }
        let tok = &toks[i];
        let word = t.text(text, i);
        if tok.kind == TokKind::Punct && is_terminator(word) {
            let mut j = i + 1;
            while j < toks.len() && {
                let u = t.text(text, j);
                toks[j].kind == TokKind::Punct
                    && !breaks.hard(text, t, j)
                    && (is_closer(u) && !opens_quote(t, j) || is_terminator(u))
            } {
                j += 1;
            }
            // "Sept. 11": the period of an abbreviation, glued to it.
            let abbreviation = word == "."
                && j == i + 1
                && i > 0
                && toks[i - 1].end == tok.start
                && toks[i - 1].kind == TokKind::Word
                && abbr.contains(t.text(text, i - 1));
            let next_opens = toks.get(j).is_some_and(|u| {
                if abbreviation {
                    return starts_sentence(t, j);
                }
                u.cap
                    || u.kind == TokKind::Num
                    || matches!(
                        t.text(text, j),
                        "«" | "\"" | "“" | "-" | "–" | "—" | "(" | "["
                    )
            });
            if j >= toks.len() || next_opens {
                out.push((start, j));
                start = j;
            }
            i = j;
            continue;
        }
        // "etc. Les", "St. The", "the U.S. It": a token that keeps its
        // period ends a sentence before a capitalised function word.
        if tok.kind == TokKind::Word
            && word.ends_with('.')
            && i + 1 < toks.len()
            && starts_sentence(t, i + 1)
        {
            out.push((start, i + 1));
            start = i + 1;
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
}

/// Whether token `j` visibly opens a sentence after an abbreviation's
/// period: a capitalised function word ("The", "Les", "Il"), unless a
/// name's particle opens a name with it ("M. Le Pen", "Mr. De Niro").
fn starts_sentence(t: &Tokens, j: usize) -> bool {
    let u = &t.toks[j];
    if !(u.cap && u.kind == TokKind::Word && t.class(j) & cls::STOP != 0) {
        return false;
    }
    let particle = matches!(
        t.lowered(j),
        "le" | "la" | "les" | "de" | "du" | "des" | "l'" | "d'"
    );
    !(particle
        && t.toks
            .get(j + 1)
            .is_some_and(|v| v.cap && v.kind == TokKind::Word))
}

/// A wrapped line is at least this many characters wide: shorter lines
/// are a list, a table, a poem, whose line breaks are kept.
const MIN_WRAP: usize = 40;

/// Hard-wrapped text is at most this wide (e-mail wraps at 72 to 78,
/// `fmt` at 75): a wider text is one line per paragraph or sentence.
const MAX_WRAP: usize = 100;

/// How much shorter than the longest line a full line of hard-wrapped
/// text (at most [`MAX_WRAP`] wide) ending on a lowercase word may be, as
/// a fraction of it (1/5):
/// `fmt` fills lines to 93% of its width and counts bytes, not
/// characters, and people wrap by eye.
const WRAP_SLACK: usize = 5;

/// Which line breaks end a sentence whatever the punctuation says. A blank
/// line (a paragraph's end) does. A single line break does before a list
/// item or a heading ("- ", "• ", "1. ", "# ") and after a heading; else
/// it is a space when the next line starts in lowercase, when the line
/// ends on a comma, a lowercase function word or a sentence's punctuation
/// (which then decides), or when the line is full: the next line's first
/// word would not have fitted on it within the text's longest line, less
/// [`WRAP_SLACK`] when that is at most [`MAX_WRAP`] (hard-wrapped text, at
/// least [`MIN_WRAP`] wide). What remains is a short
/// line before a capital or a digit: a headline, a dateline.
#[derive(Default)]
struct Breaks {
    /// The longest line's width in characters, once asked.
    width: Option<usize>,
}

impl Breaks {
    /// Whether the whitespace before token `i` ends a sentence.
    fn hard(&mut self, text: &str, t: &Tokens, i: usize) -> bool {
        if i == 0 || !t.toks[i].line_start {
            return false;
        }
        let (prev, next) = (t.toks[i - 1].end, t.toks[i].start);
        let gap = &text[prev..next];
        let Some(nl) = gap.find('\n') else {
            return false;
        };
        if gap[nl + 1..].contains('\n') {
            return true;
        }
        let nl = prev + nl;
        let line = text[..nl].rsplit('\n').next().unwrap_or("").trim_end();
        let next_line = &text[next..];
        if opens_item(next_line) || line.trim_start().starts_with('#') {
            return true;
        }
        let last = t.text(text, i - 1);
        if next_line.chars().next().is_some_and(char::is_lowercase)
            || matches!(last, "," | ";")
            || is_terminator(last)
            || (is_closer(last) && i >= 2 && is_terminator(t.text(text, i - 2)))
            || (!t.toks[i - 1].cap && t.class(i - 1) & cls::STOP != 0)
        {
            return false;
        }
        let width = *self.width.get_or_insert_with(|| longest_line(text));
        let first_word = next_line.split(char::is_whitespace).next().unwrap_or("");
        // A line ending on a lowercase word is cut mid-sentence; one that
        // ends on a capital or a number may be a headline.
        let mid_sentence = t.toks[i - 1].kind == TokKind::Word && !t.toks[i - 1].cap;
        let slack = if width <= MAX_WRAP && mid_sentence {
            width / WRAP_SLACK
        } else {
            0
        };
        let full = width >= MIN_WRAP && width_of(line) + 1 + width_of(first_word) > width - slack;
        !full
    }
}

/// Whether a line starting with `line` is a list item or a heading:
/// "- ", "• ", "* ", "> ", "# ", "## ", "1. ", "2) ".
fn opens_item(line: &str) -> bool {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let after = |k: usize| b.get(k).is_none_or(|c| *c == b' ' || *c == b'\t');
    if digits > 0 {
        return digits <= 3 && matches!(b.get(digits), Some(b'.' | b')')) && after(digits + 1);
    }
    if line.starts_with('#') {
        return after(b.iter().take_while(|&&c| c == b'#').count());
    }
    line.strip_prefix(['-', '*', '>', '•', '–', '—', '·', '▪', '►'])
        .is_some_and(|rest| rest.starts_with([' ', '\t']))
}

/// A text's longest line, in characters (trailing spaces left out).
fn longest_line(text: &str) -> usize {
    text.split('\n')
        .map(|l| width_of(l.trim_end()))
        .max()
        .unwrap_or(0)
}

/// Characters in `s` (its bytes that start one).
fn width_of(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, lang: Lang) -> String {
        let t = segment(text, lang);
        t.sents
            .iter()
            .map(|&(a, b)| {
                (a..b)
                    .map(|i| &text[t.toks[i].start..t.toks[i].end])
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn french_elisions_hyphens_and_abbreviations() {
        assert_eq!(
            render(
                "M. Dupont s’est rendu à l'ambassade des États-Unis. Les discussions russo-allemandes ont repris.",
                Lang::Fr
            ),
            "M.|Dupont|s’|est|rendu|à|l'|ambassade|des|États-Unis|.\nLes|discussions|russo-allemandes|ont|repris|."
        );
        assert_eq!(
            render("Qu'il vienne aujourd'hui, dit Mme Durand.", Lang::Fr),
            "Qu'|il|vienne|aujourd'hui|,|dit|Mme|Durand|."
        );
    }

    #[test]
    fn english_possessives_initials_and_domains() {
        assert_eq!(
            render(
                "Dr. Jane K. Doe of the U.S. Navy met Acme's chief at acme.com yesterday. She left.",
                Lang::En
            ),
            "Dr.|Jane|K.|Doe|of|the|U.S.|Navy|met|Acme|'s|chief|at|acme.com|yesterday|.\nShe|left|."
        );
    }

    #[test]
    fn quotes_dashes_and_line_breaks() {
        assert_eq!(
            render(
                "« Nous partons. » Il a dit « non ! » hier.\n\nTitre sans point\n2 mai 2020. - Texte suivi",
                Lang::Fr
            ),
            "«|Nous|partons|.|»\nIl|a|dit|«|non|!|»|hier|.\nTitre|sans|point\n2|mai|2020|.\n-|Texte|suivi"
        );
    }

    #[test]
    fn character_bits_answer_as_the_standard_library() {
        for c in (0..0x800u32).filter_map(char::from_u32) {
            let f = char_flags(c);
            let want = [
                (c.is_alphanumeric(), ALNUM),
                (c.is_alphabetic(), ALPHA),
                (c.is_lowercase(), LOWER),
                (c.is_uppercase(), UPPER),
                (c.is_whitespace(), SPACE),
            ];
            for (yes, bit) in want {
                assert_eq!(f & bit != 0, yes, "{c:?} {bit}");
            }
        }
        for b in 0..=255u8 {
            assert_eq!(ASCII[usize::from(b)] & LONG != 0, b >= 0x80, "{b}");
            assert_eq!(ASCII[usize::from(b)] & HYPHEN != 0, b == b'-', "{b}");
        }
    }

    #[test]
    fn latin_table_answers_as_the_standard_library() {
        for c in (0..0x800u32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            if (c as u32) < LATIN_END {
                let i = &latin()[c as usize];
                assert_eq!(i.alpha, c.is_alphabetic(), "{c:?}");
                assert_eq!((i.lower, i.upper), (c.is_lowercase(), c.is_uppercase()));
                assert_eq!(i.lowered, c.to_lowercase().collect::<String>(), "{c:?}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Fuzzing of the segmenter (tests/fuzz.rs goes through it too):
        /// tokens in order on character boundaries, their lowercase forms
        /// back to back, sentences covering every token once.
        #[test]
        fn tokens_and_sentences_tile_any_text(
            text in r"([A-Za-zÉéß中א ا()«»'’.,!?\n -]|[0-9]|\PC){0,60}"
        ) {
            let lang = if text.len() % 2 == 0 { Lang::En } else { Lang::Fr };
            let t = segment(&text, lang);
            let words = Words::new(&t, Vec::new());
            let mut end = 0;
            for (i, tok) in t.toks.iter().enumerate() {
                proptest::prop_assert!(end <= tok.start && tok.start < tok.end);
                proptest::prop_assert!(text.get(tok.start..tok.end).is_some());
                let _ = (words.lower(i), t.lower_shape(i), t.class(i));
                end = tok.end;
            }
            let mut next = 0;
            for &(a, b) in &t.sents {
                proptest::prop_assert!(a == next && a < b);
                next = b;
            }
            proptest::prop_assert_eq!(next, t.toks.len());
        }
    }

    #[test]
    fn a_run_without_a_sentence_end_is_cut() {
        let text = "word ".repeat(3 * MAX_SENTENCE_TOKENS + 5);
        let t = segment(&text, Lang::En);
        let lens: Vec<usize> = t.sents.iter().map(|&(a, b)| b - a).collect();
        let n = MAX_SENTENCE_TOKENS;
        assert_eq!(lens, [n, n, n, 5]);
    }

    /// The sentences of `text` in `lang`, their tokens joined by spaces.
    fn sentences_of(text: &str, lang: Lang) -> Vec<String> {
        render(text, lang)
            .lines()
            .map(|s| s.replace('|', " "))
            .collect()
    }

    #[test]
    fn a_straight_quote_after_a_sentence_end_opens_the_next_one() {
        assert_eq!(
            sentences_of("Jane Doe left. \"We will return,\" she said.", Lang::En),
            ["Jane Doe left .", "\" We will return , \" she said ."]
        );
        // Glued to the period, it closes the quote it ends.
        assert_eq!(
            sentences_of("He said: \"We will return.\" Then he left.", Lang::En),
            ["He said : \" We will return . \"", "Then he left ."]
        );
    }

    #[test]
    fn a_line_break_inside_a_paragraph_is_a_space() {
        // Wrapped at 60 columns: a name cut by the line break, a line
        // ending on a comma's clause, "Sept.⏎11".
        let wrapped = "The French foreign minister held long talks with Vladimir\n\
                       Putin in Moscow on Tuesday about the war in Ukraine, and the\n\
                       two delegations agreed to meet again in Geneva before the\n\
                       end of the spring. The attacks of Sept.\n\
                       11 were also discussed.\n";
        assert_eq!(
            sentences_of(wrapped, Lang::En),
            [
                "The French foreign minister held long talks with Vladimir Putin in Moscow \
                 on Tuesday about the war in Ukraine , and the two delegations agreed to \
                 meet again in Geneva before the end of the spring .",
                "The attacks of Sept . 11 were also discussed .",
            ]
        );
        // Wrapped by hand, narrower: the next line starts in lowercase, or
        // the line ends on a function word.
        assert_eq!(
            sentences_of("Talks with Vladimir Putin\nin Moscow went well.", Lang::En),
            ["Talks with Vladimir Putin in Moscow went well ."]
        );
        assert_eq!(
            sentences_of(
                "La ministre a parlé avec\nVladimir Poutine à Moscou.",
                Lang::Fr
            ),
            ["La ministre a parlé avec Vladimir Poutine à Moscou ."]
        );
    }

    #[test]
    fn lines_wrapped_by_eye_are_wrapped_lines() {
        // "Park" would have fitted on the first line within the longest
        // line (68 characters): it is still a wrapped paragraph.
        let text = "Selon M. Duval, la ville a aussi reçu la ministre sud-coréenne\n\
                    Park Min-ho et son conseiller Ma Jin-woo, venus étudier le tramway.\n\
                    Mme Roussel a rappelé que l'hôpital avait accueilli en 2019\n\
                    l'ancien Premier ministre Lee Hae-chan, p. ex. pour une conférence.\n";
        let got = sentences_of(text, Lang::Fr);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].starts_with("Selon M"), "{got:?}");
    }

    #[test]
    fn headlines_datelines_lists_and_headings_keep_their_line() {
        let body = "The two delegations met on Monday in Geneva to discuss the arms treaty.";
        for first in [
            "Arms talks resume in Geneva",
            "GENEVA, March 3 (AFP) -",
            "# Arms talks",
        ] {
            let text = format!("{first}\n{body}\n");
            let got = sentences_of(&text, Lang::En);
            assert_eq!(got.len(), 2, "{text:?}: {got:?}");
            assert!(got[1].starts_with("The two delegations"), "{got:?}");
        }
        assert_eq!(
            sentences_of(
                "The delegations agreed on two points:\n- Anna Berg will chair the next round\n\
                 * Paul Stone will host it\n1. a third point\n2) a fourth\n• Oslo",
                Lang::En
            ),
            [
                "The delegations agreed on two points :",
                "- Anna Berg will chair the next round",
                "* Paul Stone will host it",
                "1 . a third point",
                "2 ) a fourth",
                "• Oslo",
            ]
        );
        // Short lines (a list of names) and blank lines keep their breaks.
        assert_eq!(
            sentences_of(
                "Anna Berg\nPaul Stone\nMaria Costa\n\nthen the others",
                Lang::En
            ),
            ["Anna Berg", "Paul Stone", "Maria Costa", "then the others"]
        );
    }

    #[test]
    fn an_abbreviation_period_ends_a_sentence_only_before_one() {
        let cases = [
            ("He lives on Main St. The house is old.", Lang::En, 2),
            (
                "The talks began at 10 a.m. The minister came late.",
                Lang::En,
                2,
            ),
            (
                "The delegates met in the U.S. It was their first visit.",
                Lang::En,
                2,
            ),
            ("The attacks of Sept. 11 changed the city.", Lang::En, 1),
            (
                "Mr. Smith met Dr. Jones in the U.S. on Monday.",
                Lang::En,
                1,
            ),
            (
                "Ils ont vendu des pommes, des poires, etc. Les prix ont monté.",
                Lang::Fr,
                2,
            ),
            (
                "M. Le Pen a rencontré M. Dupont le 3 janv. 2020 à Paris.",
                Lang::Fr,
                1,
            ),
            // "janv." is a French abbreviation, not an English one.
            ("Le 3 janv. 2020 à Paris.", Lang::En, 2),
        ];
        for (text, lang, n) in cases {
            let got = sentences_of(text, lang);
            assert_eq!(got.len(), n, "{text:?} ({lang}): {got:?}");
        }
    }

    #[test]
    fn name_glued_to_lowercase_suffix_is_split() {
        assert_eq!(
            render("the Acme-backed site and Mahmood-e-Raqi", Lang::En),
            "the|Acme|-|backed|site|and|Mahmood-e-Raqi"
        );
    }
}
