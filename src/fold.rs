//! Case and accent folding for looking entities up by what a user types:
//! "dvorak", "Antonín Dvořák" and "ANTONIN  DVORAK" fold alike. The store
//! resolves command-line names with it; evaluation matches gold aliases with it.

use std::borrow::Cow;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, strips accents (NFD minus combining marks), spells out the
/// ligatures œ and æ, maps typographic apostrophes and dashes to ASCII and
/// collapses whitespace. Extraction keys, word-list lookups, command-line
/// names and gold aliases all fold with this one function.
pub fn fold(s: &str) -> String {
    if let Some(out) = fold_ascii(s) {
        return out;
    }
    let mut out = String::with_capacity(s.len());
    if fold_latin(s, &mut out) {
        return out;
    }
    out.clear();
    fold_any(s, &mut out);
    out
}

/// [`fold`] that borrows `s` when it is already folded (plain lowercase
/// ASCII), as most words looked up in a list are: no allocation then.
pub fn fold_cow(s: &str) -> Cow<'_, str> {
    if is_folded_ascii(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold(s))
    }
}

/// Plain lowercase ASCII: its own [`fold`].
fn is_folded_ascii(s: &str) -> bool {
    ascii_shape(s) == Some(false)
}

/// Calls `f` with [`fold`]`(s)`, without allocating: `s` itself when it is
/// already folded, else a buffer kept per thread (a fresh string only when
/// `f` itself folds through here). For lookups of words and names that
/// are not kept.
pub fn with_fold<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    use std::cell::RefCell;
    thread_local! {
        static BUF: RefCell<String> = const { RefCell::new(String::new()) };
    }
    if is_folded_ascii(s) {
        return f(s);
    }
    BUF.with(|buf| match buf.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            fold_into(s, &mut buf);
            f(&buf)
        }
        Err(_) => f(&fold(s)),
    })
}

/// Appends [`fold`]`(s)` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    let start = out.len();
    if plain_ascii(s) {
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    if fold_latin(s, out) {
        return;
    }
    out.truncate(start);
    let mut rest = String::new();
    fold_any(s, &mut rest);
    out.push_str(&rest);
}

/// ASCII words with single spaces, which fold by lower-casing.
fn plain_ascii(s: &str) -> bool {
    ascii_shape(s).is_some()
}

/// No space at either end, none doubled, no other ASCII whitespace.
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut space = false;
    for &c in b {
        if c == b' ' {
            if space {
                return false;
            }
            space = true;
        } else if c.is_ascii_whitespace() {
            return false;
        } else {
            space = false;
        }
    }
    true
}

/// [`plain_ascii`] and [`single_spaced`] in one pass: `Some(whether an
/// uppercase letter occurs)` for plain ASCII, else `None`.
#[inline]
fn ascii_shape(s: &str) -> Option<bool> {
    // Most words are printable ASCII: read eight bytes at a time; what
    // that reading leaves undecided, byte by byte.
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(b' '), _) | (_, Some(b' ')) => None,
        (None, _) | (_, None) => Some(false),
        _ => word_shape(b).or_else(|| ascii_shape_bytewise(s)),
    }
}

/// Byte positions (high bits) of eight bytes: all of them, and those whose
/// next byte is the next byte of the word too.
const HIGH: u64 = 0x8080_8080_8080_8080;
const NEXT_ALL: u64 = HIGH >> 8;

/// `Some(whether an uppercase letter occurs)` when every byte of `b` (at
/// least one, neither end a space) is printable ASCII or a space other
/// than the backtick (0x20 to 0x7F, not 0x60) and no two spaces follow each
/// other; `None` (undecided) otherwise. `b` is read as overlapping
/// eight-byte integers, so that every two bytes that follow each other sit
/// side by side in one of them.
fn word_shape(b: &[u8]) -> Option<bool> {
    /// A filler byte for short words, plain and lowercase.
    const FILL: u64 = 0x6161_6161_6161_6161;
    let n = b.len();
    let at4 = |i: usize| {
        let w: [u8; 4] = b[i..i + 4].try_into().expect("four bytes");
        u64::from(u32::from_le_bytes(w))
    };
    let at2 = |i: usize| u64::from(u16::from_le_bytes([b[i], b[i + 1]]));
    match n {
        0 => None,
        1 => word_shape8(u64::from(b[0]) | FILL << 8, 0),
        2..=3 => word_shape8(at2(0) | at2(n - 2) << 16 | FILL << 32, 0x80 | 0x80 << 16),
        4..=7 => word_shape8(at4(0) | at4(n - 4) << 32, 0x0080_8080 | 0x0080_8080 << 32),
        _ => {
            let mut upper = false;
            let mut at = 0;
            loop {
                let at8 = at.min(n - 8);
                let w: [u8; 8] = b[at8..at8 + 8].try_into().expect("eight bytes");
                upper |= word_shape8(u64::from_le_bytes(w), NEXT_ALL)?;
                if at8 == n - 8 {
                    return Some(upper);
                }
                // Seven on: the last byte read and the next one sit side by side.
                at += 7;
            }
        }
    }
}

/// [`word_shape`] of eight bytes, `next` saying which bytes are followed by
/// the word's next byte. With no byte above 0x7F, adding `0x80 - k` to
/// every byte carries into no other byte and sets a byte's high bit
/// exactly when the byte is at least `k`.
#[inline(always)]
fn word_shape8(v: u64, next: u64) -> Option<bool> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least = |v: u64, k: u64| (v + ONES * (0x80 - k)) & HIGH;
    let not_backtick = at_least(v ^ (ONES * 0x60), 1);
    let space = !at_least(v ^ (ONES * 0x20), 1) & HIGH;
    if v & HIGH != 0 || at_least(v, 0x20) != HIGH || not_backtick != HIGH {
        return None;
    }
    if space & (space >> 8) & next != 0 {
        return None;
    }
    Some(at_least(v, 0x41) & !at_least(v, 0x5B) != 0)
}

/// [`ascii_shape`] read byte by byte.
fn ascii_shape_bytewise(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let (mut space, mut upper) = (false, false);
    for &c in b {
        if c == b' ' {
            if space {
                return None;
            }
            space = true;
            continue;
        }
        if c >= 0x80 || c == b'`' || c.is_ascii_whitespace() {
            return None;
        }
        space = false;
        upper |= c.is_ascii_uppercase();
    }
    Some(upper)
}

/// Fast path: plain ASCII words fold by lower-casing.
fn fold_ascii(s: &str) -> Option<String> {
    plain_ascii(s).then(|| s.to_ascii_lowercase())
}

/// The general case of [`fold`], written to `out`.
fn fold_any(s: &str, out: &mut String) {
    let mut space = false;
    for c in s.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
            'œ' => {
                out.push_str(if space { " oe" } else { "oe" });
                space = false;
                continue;
            }
            'æ' => {
                out.push_str(if space { " ae" } else { "ae" });
                space = false;
                continue;
            }
            c => c,
        };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
}

/// Characters below this one fold through [`latin_table`].
const LATIN_END: u32 = 0x250;

/// [`fold`] of text in the Latin alphabets (accented letters, œ, ß, single
/// spaces between words, typographic apostrophes and dashes), one table
/// lookup per character: written to `out`, or false (with `out` partly
/// written) when `s` holds anything else. Exact because lower-casing and
/// canonical decomposition act on each character alone there (the only
/// reordering NFD does is among combining marks, which are all dropped).
fn fold_latin(s: &str, out: &mut String) -> bool {
    if !single_spaced(s) {
        return false;
    }
    let table = latin_table();
    let bytes = s.as_bytes();
    // Runs of plain ASCII (no backquote, no whitespace but spaces) fold by
    // lower-casing, as a block: `run` is where the current one starts.
    #[inline(always)]
    fn flush(s: &str, out: &mut String, run: usize, k: usize) {
        if run < k {
            let start = out.len();
            out.push_str(&s[run..k]);
            out[start..].make_ascii_lowercase();
        }
    }
    let (mut k, mut run) = (0, 0);
    while k < bytes.len() {
        let b = bytes[k];
        if b < 0x80 && b != b'`' && b != 0x0b {
            // Other ASCII whitespace than spaces and \x0b fails
            // `single_spaced`.
            k += 1;
            continue;
        }
        flush(s, out, run, k);
        let c = s[k..].chars().next().expect("k is on a character boundary");
        k += c.len_utf8();
        run = k;
        match c {
            '`' | '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            '\u{2010}'..='\u{2015}' => out.push('-'),
            c if (c as u32) < LATIN_END && !c.is_ascii() && !c.is_whitespace() => {
                match &table[c as usize] {
                    Folded::One(f) => out.push(*f),
                    Folded::Many(f) => out.push_str(f),
                }
            }
            _ => return false,
        }
    }
    flush(s, out, run, k);
    true
}

/// The fold of one character: mostly one character, pushed without a copy
/// of a string.
enum Folded {
    One(char),
    Many(String),
}

/// The fold of each character below [`LATIN_END`], computed once by the
/// general case so the two cannot disagree.
fn latin_table() -> &'static [Folded] {
    static TABLE: OnceLock<Vec<Folded>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..LATIN_END)
            .map(|u| {
                let mut folded = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_any(c.encode_utf8(&mut [0; 4]), &mut folded);
                }
                let mut cs = folded.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Folded::One(c),
                    _ => Folded::Many(folded),
                }
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::fold;
    use proptest::prelude::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  Antonín   DVOŘÁK "), "antonin dvorak");
        assert_eq!(fold("États-Unis"), "etats-unis");
        assert_eq!(fold("département d’État"), "departement d'etat");
        assert_eq!(fold("L’Œuvre  et  Cæsar"), "l'oeuvre et caesar");
        assert_eq!(fold("Plain ASCII"), "plain ascii");
    }

    /// Folding without the Latin table, for comparison with it.
    fn slow(s: &str) -> String {
        super::fold_ascii(s).unwrap_or_else(|| {
            let mut out = String::new();
            super::fold_any(s, &mut out);
            out
        })
    }

    #[test]
    fn latin_fast_path_agrees_with_the_general_case() {
        let specials = [
            '\u{2018}', '\u{2019}', '\u{02BC}', '\u{2010}', '\u{2015}', '`',
        ];
        let chars = (0..0x300u32).filter_map(char::from_u32).chain(specials);
        for c in chars.clone() {
            for s in [
                format!("{c}"),
                format!("a{c}b"),
                format!("É{c}"),
                format!("x {c}"),
            ] {
                assert_eq!(fold(&s), slow(&s), "{s:?}");
            }
        }
        for s in [
            "Œuvre  d’État",
            " été",
            "l’été ",
            "Straße\u{a0}x",
            "İstanbul",
            "ǅemal",
        ] {
            assert_eq!(fold(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn fold_cow_borrows_only_what_is_folded() {
        for s in [
            "plain words",
            "Plain",
            "été",
            " x",
            "a`b",
            "tab\tx",
            "e-mail",
        ] {
            let cow = super::fold_cow(s);
            assert_eq!(cow, fold(s));
            assert_eq!(
                matches!(cow, std::borrow::Cow::Borrowed(_)),
                fold(s) == s,
                "{s:?}"
            );
        }
    }

    /// The eight-byte reading answers as the byte-by-byte one: every
    /// ASCII byte and some others at every place of words of 1 to 17
    /// bytes, two bytes of interest at every two places, and every string
    /// of two ASCII bytes.
    #[test]
    fn word_shape_agrees_with_the_bytewise_reading() {
        let bytes = (0u8..0x80).chain([0x80, 0xC3, 0xFF]);
        for b in bytes {
            for n in 1..=17 {
                for i in 0..n {
                    let mut w = b"abcdEfghijkLmnopq"[..n].to_vec();
                    w[i] = b;
                    let Ok(s) = std::str::from_utf8(&w) else {
                        continue;
                    };
                    assert_eq!(
                        super::ascii_shape(s),
                        super::ascii_shape_bytewise(s),
                        "{w:?}"
                    );
                }
            }
        }
        // Two bytes of interest at every two places (spaces side by side).
        let some = *b" aAZ[@`~\x7f\t\x0b\x1f";
        for (x, y) in some.iter().flat_map(|&x| some.iter().map(move |&y| (x, y))) {
            for n in 2..=17 {
                for i in 0..n {
                    for j in i + 1..n {
                        let mut w = b"abcdEfghijkLmnopq"[..n].to_vec();
                        (w[i], w[j]) = (x, y);
                        let s = std::str::from_utf8(&w).expect("ASCII");
                        assert_eq!(
                            super::ascii_shape(s),
                            super::ascii_shape_bytewise(s),
                            "{w:?}"
                        );
                    }
                }
            }
        }
        for a in 0u8..0x80 {
            for b in 0u8..0x80 {
                let w = [a, b];
                let s = std::str::from_utf8(&w).expect("ASCII");
                assert_eq!(
                    super::ascii_shape(s),
                    super::ascii_shape_bytewise(s),
                    "{w:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn word_shape_agrees_on_random_words(s in "[a-zA-Z@\\[`{~\u{7f} \t\n\r\u{b}\u{c}\u{1}é!0-9]{0,20}") {
            prop_assert_eq!(super::ascii_shape(&s), super::ascii_shape_bytewise(&s));
        }

        #[test]
        fn plain_ascii_is_one_pass_of_the_five_checks(s in "[abA `\t\n\r\u{b}\u{c}é]{0,8}") {
            let checks = s.is_ascii()
                && !s.starts_with(' ')
                && !s.ends_with(' ')
                && !s.contains("  ")
                && !s.contains('`')
                && !s.bytes().any(|b| b.is_ascii_whitespace() && b != b' ');
            prop_assert_eq!(super::plain_ascii(&s), checks);
            let lower = !s.bytes().any(|b| b.is_ascii_uppercase());
            prop_assert_eq!(super::is_folded_ascii(&s), checks && lower);
        }

        #[test]
        fn latin_table_agrees_with_the_general_case(s in "[a-zA-Z \u{80}-\u{24f}’‐`\t\u{b}]{0,12}") {
            prop_assert_eq!(fold(&s), slow(&s));
        }

        #[test]
        fn idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }
    }
}
