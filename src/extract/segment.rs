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
}

impl Tokens {
    /// The lowercase form of token `i`, apostrophes folded to `'`.
    pub fn lower(&self, i: usize) -> &str {
        let (a, b) = self.toks[i].lo;
        &self.lower[a as usize..b as usize]
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

/// Splits `text` into tokens and sentences.
pub fn segment(text: &str) -> Tokens {
    let mut out = Tokens {
        toks: Vec::with_capacity(text.len() / 5),
        sents: Vec::new(),
        lower: String::with_capacity(text.len() + 16),
    };
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    chars.extend(text.char_indices());
    let n = chars.len();
    let off = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
    let mut k = 0;
    let mut newline = true;
    while k < n {
        let c = chars[k].1;
        if c.is_whitespace() {
            if c == '\n' {
                newline = true;
            }
            k += 1;
            continue;
        }
        let start_k = k;
        let kind;
        if c.is_alphanumeric() {
            kind = if c.is_ascii_digit() {
                TokKind::Num
            } else {
                TokKind::Word
            };
            k = scan_word(&chars, k, kind);
        } else {
            kind = TokKind::Punct;
            k += 1;
            // English possessive: one token "'s".
            if is_apos(c)
                && chars.get(k).is_some_and(|&(_, s)| s == 's' || s == 'S')
                && !chars.get(k + 1).is_some_and(|&(_, x)| x.is_alphanumeric())
            {
                k += 1;
            }
        }
        let (s, e) = (off(start_k), off(k));
        let word = &text[s..e];
        let lo_start = out.lower.len() as u32;
        // One pass: the lowercase form, letters, and where the capitals are.
        let (mut letters, mut any_lower, mut later_upper) = (0, false, false);
        for (n, ch) in word.chars().enumerate() {
            if ch.is_ascii() {
                out.lower.push(ch.to_ascii_lowercase());
            } else if is_apos(ch) {
                out.lower.push('\'');
            } else {
                out.lower.extend(ch.to_lowercase());
            }
            letters += usize::from(ch.is_alphabetic());
            any_lower |= ch.is_lowercase();
            later_upper |= n > 0 && ch.is_uppercase();
        }
        out.toks.push(Token {
            start: s,
            end: e,
            kind,
            cap: c.is_uppercase(),
            upper: letters >= 2 && !any_lower,
            line_start: newline,
            camel: c.is_lowercase() && later_upper,
            lo: (lo_start, out.lower.len() as u32),
        });
        newline = false;
    }
    out.sents = sentences(text, &out.toks);
    out
}

/// Scans a word or number starting at char `k`; returns the char index after it.
fn scan_word(chars: &[(usize, char)], mut k: usize, kind: TokKind) -> usize {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let start = k;
    let first_upper = chars[k].1.is_uppercase();
    loop {
        while at(k).is_some_and(|c| c.is_alphanumeric()) {
            k += 1;
        }
        let part_len = k - start;
        match at(k) {
            Some(h) if is_hyphen(h) && at(k + 1).is_some_and(char::is_alphanumeric) => {
                // Split `Name-suffix` when the suffix is a lowercase word that
                // ends the compound (Scientology-critic, New York-based).
                let mut j = k + 1;
                while at(j).is_some_and(|c| c.is_alphanumeric()) {
                    j += 1;
                }
                let suffix_lower = at(k + 1).is_some_and(char::is_lowercase);
                let continues = at(j).is_some_and(is_hyphen);
                if first_upper && suffix_lower && !continues && j - (k + 1) > 1 && k - start > 1 {
                    return k;
                }
                k = j;
            }
            Some('.') if at(k + 1).is_some_and(char::is_alphanumeric) && kind == TokKind::Word => {
                // Inner dot: U.S, Gawker.com, alt.religion
                k += 1;
            }
            Some('.') if kind == TokKind::Word => {
                let word: String = chars[start..k].iter().map(|&(_, c)| c).collect();
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
                if initial || dotted || ABBREV.contains(&word.as_str()) {
                    return k + 1;
                }
                return k;
            }
            Some(',') if kind == TokKind::Num && at(k + 1).is_some_and(|c| c.is_ascii_digit()) => {
                k += 1;
            }
            Some(a) if is_apos(a) && at(k + 1).is_some_and(char::is_alphabetic) => {
                let prefix: String = chars[start..k]
                    .iter()
                    .flat_map(|&(_, c)| c.to_lowercase())
                    .collect();
                if ELISION.contains(&prefix.as_str()) {
                    return k + 1;
                }
                let after_s = at(k + 1).is_some_and(|c| c == 's' || c == 'S')
                    && !at(k + 2).is_some_and(char::is_alphanumeric);
                if after_s {
                    return k;
                }
                if part_len == 0 {
                    return k;
                }
                k += 1;
            }
            _ => return k,
        }
    }
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
    fn name_glued_to_lowercase_suffix_is_split() {
        assert_eq!(
            render("the Acme-backed site and Mahmood-e-Raqi"),
            "the|Acme|-|backed|site|and|Mahmood-e-Raqi"
        );
    }
}
