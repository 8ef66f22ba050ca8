//! Language: is the article in a language kg extracts, and which one.
//!
//! [`identify`] asks whatlang (trigram profiles of 70 languages, no
//! model file) whether the text is in another language than French or
//! English: only a reliable answer on a text of a dozen words or more
//! counts, and a text whose French and English function words are too
//! many for another language is not asked about. Between French and English, and whenever whatlang is unsure,
//! [`detect`] counts function words (`fr_word` and `en_word` of
//! `data/lists/word_classes.tsv`, carried by each token's class bits), as
//! it always has: a few hundred tokens are plenty, and a short text or a
//! title is still told apart. Measured on the bundled articles (89) and
//! their 1,800 sentences of four words or more: whatlang calls none of
//! them reliably another language.

use super::gaz::cls;
use super::segment::{TokKind, Tokens};
use crate::model::{Lang, OtherLang};

/// Bytes of an article whatlang reads: its time grows with the text, and
/// a paragraph (150 words) tells the language. Measured (`kg bench
/// extract` of data/train and data/dev, 44 articles): 4 KB made
/// extraction 87% slower, 1 KB 20%.
const SAMPLE_BYTES: usize = 1024;

/// English function words per hundred words from which a text is English
/// without asking whatlang: English prose has 25 to 35 (the bundled
/// articles: 27 at least), other languages a few ("in", "is", "at").
const ENGLISH_PERCENT: usize = 15;

/// French and English function words per hundred words from which a text
/// is French or English without asking whatlang: French prose has 24 to
/// 37 (the bundled articles), Spanish, Catalan or Italian, which share
/// "de", "la", "que", about 20 at most.
const FRENCH_OR_ENGLISH_PERCENT: usize = 30;

/// Words below which a text is too short to be called another language:
/// it is French or English as [`detect`] says (a headline, a snippet, a
/// name list such as "Volkswagen, Siemens und Bosch").
const MIN_WORDS: usize = 12;

/// The language of `text` when it is reliably not French nor English;
/// None when it is French or English, or too short to tell.
pub fn identify(text: &str, tokens: &Tokens) -> Option<OtherLang> {
    let (mut words, mut fr, mut en) = (0usize, 0usize, 0usize);
    for (i, t) in tokens.toks.iter().enumerate() {
        if t.kind == TokKind::Word {
            words += 1;
            let c = tokens.class(i);
            fr += usize::from(c & cls::FR_WORD != 0);
            en += usize::from(c & cls::EN_WORD != 0);
        }
    }
    // whatlang costs about as much as the rest of extraction: the plain
    // cases do without it.
    if words < MIN_WORDS
        || en * 100 >= words * ENGLISH_PERCENT
        || (fr + en) * 100 >= words * FRENCH_OR_ENGLISH_PERCENT
    {
        return None;
    }
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    match info.lang() {
        whatlang::Lang::Fra | whatlang::Lang::Eng => None,
        l if info.is_reliable() => OtherLang::from_639_3(l.code()),
        _ => None,
    }
}

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

    /// As extraction asks it: on the tokens, before sentences are split.
    fn identified(text: &str) -> Option<&'static str> {
        let mut tokens = Tokens::default();
        crate::extract::segment::segment_into(text, &mut tokens);
        identify(text, &tokens).map(OtherLang::code)
    }

    #[test]
    fn other_languages_are_identified() {
        let de = "Die Bundesregierung hat am Dienstag in Berlin neue Maßnahmen gegen die \
                  steigenden Energiepreise beschlossen. Der Kanzler erklärte nach der Sitzung, \
                  dass die Lage ernst bleibe und die Zukunft der Industrie auf dem Spiel stehe.";
        let es = "El presidente del Gobierno anunció el martes en Madrid un nuevo plan de \
                  vivienda para los jóvenes. Según el ministerio, las ayudas llegarán a más de \
                  cien mil familias durante el próximo año.";
        let it = "Il sindaco di Torino ha presentato ieri il nuovo piano per i trasporti \
                  pubblici della città. Secondo la giunta, le nuove linee del tram saranno \
                  pronte entro la fine del prossimo anno.";
        assert_eq!(identified(de), Some("de"));
        assert_eq!(identified(es), Some("es"));
        assert_eq!(identified(it), Some("it"));
    }

    #[test]
    fn french_and_english_short_or_long_are_not_other_languages() {
        for text in [
            "Emmanuel Macron à Berlin.",
            "Angela Merkel reçoit Mario Draghi.",
            "Madrid: Pedro Sánchez meets Olaf Scholz.",
            "Le conseil municipal de Lyon a voté le budget mardi soir après un long débat.",
            "The city council of Leeds approved the budget on Tuesday after a long debate.",
            "Der Spiegel et El País citent le président.",
            "Volkswagen, Siemens und Bosch: le patronat allemand inquiet.",
        ] {
            assert_eq!(identified(text), None, "{text}");
        }
    }
}
