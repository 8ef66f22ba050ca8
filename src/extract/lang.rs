//! Language detection for French and English by counting function words:
//! no model, no crate, a few hundred tokens are plenty.

use super::gaz::cls;
use super::segment::Tokens;
use crate::model::Lang;

/// French function words (`gaz::cls::FR_WORD`).
pub(super) const FR: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "dans", "pour", "que", "qui",
    "sur", "au", "aux", "avec", "par", "ne", "pas", "se", "sont", "il", "elle", "ce", "cette",
    "l'", "d'", "qu'", "été", "mais", "ou", "leur", "selon",
];

/// English function words (`gaz::cls::EN_WORD`).
pub(super) const EN: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "by", "as", "at",
    "from", "has", "have", "are", "his", "her", "it", "he", "she", "they", "this", "which", "were",
    "been", "said", "would", "will", "but", "or", "their",
];

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
        let fr = segment("Le ministre a rencontré les représentants de l'entreprise à Lyon.");
        let en = segment("The minister met the company's representatives in Leeds on Monday.");
        assert_eq!(detect(&fr), Lang::Fr);
        assert_eq!(detect(&en), Lang::En);
        assert_eq!(detect(&segment("")), Lang::Fr);
    }
}
