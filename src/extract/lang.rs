//! Language detection for French and English by counting function words
//! (`fr_word` and `en_word` of `data/lists/word_classes.tsv`, carried by
//! each token's class bits): no model, no crate, a few hundred tokens are
//! plenty.

use super::gaz::cls;
use super::segment::Tokens;
use crate::model::Lang;

/// The language whose function words are more frequent; French on a tie
/// (including an empty text).
pub fn detect(tokens: &Tokens) -> Lang {
    let (mut fr, mut en) = (0usize, 0usize);
    for i in 0..tokens.toks.len() {
        let c = tokens.class(i);
        if c & cls::FR_WORD != 0 {
            fr += 1;
        } else if c & cls::EN_WORD != 0 {
            en += 1;
        }
    }
    if en > fr { Lang::En } else { Lang::Fr }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::segment::segment;

    #[test]
    fn detects_both_languages() {
        let fr = segment(
            "Le ministre a rencontré les représentants de l'entreprise à Lyon.",
            Lang::Fr,
        );
        let en = segment(
            "The minister met the company's representatives in Leeds on Monday.",
            Lang::En,
        );
        assert_eq!(detect(&fr), Lang::Fr);
        assert_eq!(detect(&en), Lang::En);
        assert_eq!(detect(&segment("", Lang::Fr)), Lang::Fr);
    }
}
