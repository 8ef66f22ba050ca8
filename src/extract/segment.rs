//! Tokens and sentences: one left-to-right pass over the article text.
//!
//! Words keep their hyphens (États-Unis, russo-américaines, Al-Qaïda), their
//! inner dots (U.S., Gawker.com) and abbreviation dots (M., Mr., Dr.); French
//! elisions split after the apostrophe (l' d' qu', with ' or ’); an English
//! possessive `'s` is a token of its own; a capitalised word glued to a
//! lowercase suffix by a hyphen (`Scientology-critic`) is split so the name
//! stands alone. Sentences end at `.!?…` followed by a capital, a quote, a
//! digit or a dash, and at every line break. Lowercase forms of all tokens
//! live in one buffer, so tokenising allocates per article, not per token.

use super::gaz;
use crate::lists::{Lists, WordClass};
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

/// Splits `text` into tokens and sentences.
#[cfg(test)]
pub fn segment(text: &str) -> Tokens {
    let mut out = Tokens::default();
    segment_into(text, &mut out);
    out
}

/// [`segment`] into the buffers of `out` (emptied first), so a thread
/// that segments article after article reuses them.
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
    sentences(text, &out.toks, &mut out.sents);
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

/// Sentence boundaries over the tokens.
fn sentences(text: &str, toks: &[Token], out: &mut Vec<(usize, usize)>) {
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        if i > start && (toks[i].line_start || i - start >= MAX_SENTENCE_TOKENS) {
            out.push((start, i));
            start = i;
        }
        let t = &toks[i];
        if t.kind == TokKind::Punct && is_terminator(&text[t.start..t.end]) {
            let mut j = i + 1;
            while j < toks.len() && {
                let u = &toks[j];
                u.kind == TokKind::Punct
                    && !u.line_start
                    && (is_closer(&text[u.start..u.end]) || is_terminator(&text[u.start..u.end]))
            } {
                j += 1;
            }
            let next_opens = toks.get(j).is_some_and(|u| {
                let w = &text[u.start..u.end];
                u.cap
                    || u.kind == TokKind::Num
                    || u.line_start
                    || matches!(w, "«" | "\"" | "“" | "-" | "–" | "—" | "(" | "[")
            });
            if j >= toks.len() || next_opens {
                out.push((start, j));
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        let t = segment(text);
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
                "M. Dupont s’est rendu à l'ambassade des États-Unis. Les discussions russo-allemandes ont repris."
            ),
            "M.|Dupont|s’|est|rendu|à|l'|ambassade|des|États-Unis|.\nLes|discussions|russo-allemandes|ont|repris|."
        );
        assert_eq!(
            render("Qu'il vienne aujourd'hui, dit Mme Durand."),
            "Qu'|il|vienne|aujourd'hui|,|dit|Mme|Durand|."
        );
    }

    #[test]
    fn english_possessives_initials_and_domains() {
        assert_eq!(
            render(
                "Dr. Jane K. Doe of the U.S. Navy met Acme's chief at acme.com yesterday. She left."
            ),
            "Dr.|Jane|K.|Doe|of|the|U.S.|Navy|met|Acme|'s|chief|at|acme.com|yesterday|.\nShe|left|."
        );
    }

    #[test]
    fn quotes_dashes_and_line_breaks() {
        assert_eq!(
            render(
                "« Nous partons. » Il a dit « non ! » hier.\n\nTitre sans point\n2 mai 2020. - Texte suivi"
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
            let t = segment(&text);
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
        let t = segment(&text);
        let lens: Vec<usize> = t.sents.iter().map(|&(a, b)| b - a).collect();
        let n = MAX_SENTENCE_TOKENS;
        assert_eq!(lens, [n, n, n, 5]);
    }

    #[test]
    fn name_glued_to_lowercase_suffix_is_split() {
        assert_eq!(
            render("the Acme-backed site and Mahmood-e-Raqi"),
            "the|Acme|-|backed|site|and|Mahmood-e-Raqi"
        );
    }
}
