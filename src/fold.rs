//! Case and accent folding for looking entities up by what a user types:
//! "dvorak", "Antonín Dvořák" and "ANTONIN  DVORAK" fold alike. The store
//! resolves command-line names with it; evaluation matches gold aliases with it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, strips accents (NFD minus combining marks), maps typographic
/// apostrophes and dashes to ASCII and collapses whitespace.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
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
    out
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
    }

    proptest! {
        #[test]
        fn idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }
    }
}
