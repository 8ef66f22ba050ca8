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

/// One token: byte span in the text and in [`Tokens::lower`].
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
    /// The lowercase form of token `i`, apostrophes folded to `'`.
    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lo;
        &self.lower[a as usize..b as usize]
    }

    /// The word lists token `i`'s lowercase form is in ([`gaz::cls`] bits).
    pub fn class(&self, i: usize) -> u32 {
        self.class[i]
    }
}

/// Abbreviations whose dot belongs to the word (case-sensitive).
const ABBREV: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen",
    "Rep", "Mt", "Inc", "Corp", "Ltd", "Co", "vs", "etc", "Mgr", "Me", "Pr", "av", "cf", "No",
];

/// French elided words: the token ends after their apostrophe.
const ELISION: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
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

/// Splits `text` into tokens and sentences.
pub fn segment(text: &str) -> Tokens {
    let mut out = Tokens {
        toks: Vec::with_capacity(text.len() / 5),
        sents: Vec::new(),
        lower: String::with_capacity(text.len() + 16),
        class: Vec::new(),
    };
    let n = text.len();
    let mut k = 0;
    let mut newline = true;
    while k < n {
        let Some(c) = char_at(text, k) else { break };
        if c.is_whitespace() {
            if c == '\n' {
                newline = true;
            }
            k += c.len_utf8();
            continue;
        }
        let s = k;
        let kind;
        if is_alnum(c) {
            kind = if c.is_ascii_digit() {
                TokKind::Num
            } else {
                TokKind::Word
            };
            k = scan_word(text, k, kind);
        } else {
            kind = TokKind::Punct;
            k += c.len_utf8();
            // English possessive: one token "'s".
            if is_apos(c)
                && matches!(text.as_bytes().get(k), Some(b's' | b'S'))
                && !char_at(text, k + 1).is_some_and(is_alnum)
            {
                k += 1;
            }
        }
        let e = k;
        let word = &text[s..e];
        let lo_start = out.lower.len();
        // One pass: the lowercase form, letters, and where the capitals are.
        let (mut letters, mut any_lower, mut later_upper) = (0, false, false);
        if word.is_ascii() {
            out.lower.push_str(word);
            out.lower[lo_start..].make_ascii_lowercase();
            for (n, &b) in word.as_bytes().iter().enumerate() {
                letters += usize::from(b.is_ascii_alphabetic());
                any_lower |= b.is_ascii_lowercase();
                later_upper |= n > 0 && b.is_ascii_uppercase();
            }
        } else {
            let table = latin();
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
                any_lower |= i.lower;
                later_upper |= n > 0 && i.upper;
            }
        }
        out.toks.push(Token {
            start: s,
            end: e,
            kind,
            cap: c.is_uppercase(),
            upper: letters >= 2 && !any_lower,
            line_start: newline,
            camel: c.is_lowercase() && later_upper,
            lo: (lo_start as u32, out.lower.len() as u32),
        });
        newline = false;
    }
    out.sents = sentences(text, &out.toks);
    out.class = (0..out.toks.len())
        .map(|i| gaz::classes(out.lower(i)))
        .collect();
    out
}

/// Scans a word or number starting at byte `k`; returns the byte offset
/// after it.
fn scan_word(s: &str, mut k: usize, kind: TokKind) -> usize {
    let at = |k: usize| char_at(s, k);
    let alnum_at = |k: usize| at(k).is_some_and(is_alnum);
    // Past the letters and digits from `k`, and how many characters.
    let bytes = s.as_bytes();
    let run = |mut k: usize| {
        let mut count = 0usize;
        loop {
            match bytes.get(k) {
                Some(b) if b.is_ascii_alphanumeric() => k += 1,
                Some(&b) if b >= 0x80 => match at(k) {
                    Some(c) if is_alnum(c) => k += c.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
            count += 1;
        }
        (k, count)
    };
    let start = k;
    let first = at(k).expect("scan_word starts on a character");
    let first_upper = first.is_uppercase();
    loop {
        k = run(k).0;
        match at(k) {
            Some(h) if is_hyphen(h) && alnum_at(k + h.len_utf8()) => {
                // Split `Name-suffix` when the suffix is a lowercase word that
                // ends the compound (Scientology-critic, New York-based).
                let k1 = k + h.len_utf8();
                let (j, suffix_chars) = run(k1);
                let suffix_lower = at(k1).is_some_and(char::is_lowercase);
                let continues = at(j).is_some_and(is_hyphen);
                let prefix_long = k > start + first.len_utf8();
                if first_upper && suffix_lower && !continues && suffix_chars > 1 && prefix_long {
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
                if initial || dotted || ABBREV.contains(&word) {
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

/// Whether `prefix` lower-cased is one of [`ELISION`].
fn elided(prefix: &str) -> bool {
    if prefix.is_ascii() {
        return ELISION.iter().any(|e| e.eq_ignore_ascii_case(prefix));
    }
    let prefix: String = prefix.chars().flat_map(char::to_lowercase).collect();
    ELISION.contains(&prefix.as_str())
}

/// Closing quotes and brackets that stay with the sentence they end.
fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "\"" | "”" | ")" | "]" | "’" | "'")
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…")
}

/// Sentence boundaries over the tokens.
fn sentences(text: &str, toks: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        if i > start && toks[i].line_start {
            out.push((start, i));
            start = i;
        }
        let t = &toks[i];
        let s = &text[t.start..t.end];
        if t.kind == TokKind::Punct && is_terminator(s) {
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
    out
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

    #[test]
    fn name_glued_to_lowercase_suffix_is_split() {
        assert_eq!(
            render("the Acme-backed site and Mahmood-e-Raqi"),
            "the|Acme|-|backed|site|and|Mahmood-e-Raqi"
        );
    }
}
