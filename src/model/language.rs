//! The languages an article can be stored with: French and English, which
//! kg extracts ([`Lang`]), and the others language identification knows
//! ([`OtherLang`]), whose articles are stored without extraction. Stored
//! and printed as ISO 639-1 codes ("fr", "de").

use super::Lang;
use std::fmt;
use std::str::FromStr;

/// The language of a stored article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ArticleLang {
    /// A language kg extracts.
    Extracted(Lang),
    /// Another language: the text is stored, nothing is extracted.
    Other(OtherLang),
}

impl ArticleLang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Extracted(l) => l.as_str(),
            Self::Other(o) => o.code(),
        }
    }

    /// The language extraction runs in, if it runs.
    pub fn extracted(self) -> Option<Lang> {
        match self {
            Self::Extracted(l) => Some(l),
            Self::Other(_) => None,
        }
    }
}

impl From<Lang> for ArticleLang {
    fn from(l: Lang) -> Self {
        Self::Extracted(l)
    }
}

impl fmt::Display for ArticleLang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for ArticleLang {
    type Err = String;
    /// A language kg extracts by [`Lang`]'s names, else another by its
    /// ISO 639-1 or 639-3 code or English name ("de", "deu", "German").
    fn from_str(s: &str) -> Result<Self, String> {
        s.parse::<Lang>()
            .map(Self::Extracted)
            .or_else(|_| s.parse::<OtherLang>().map(Self::Other))
    }
}

/// A language kg recognises but does not extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OtherLang(u8);

/// (ISO 639-1, ISO 639-3, English name) of every language language
/// identification knows besides French and English (whatlang's 0.18 list).
const OTHERS: &[(&str, &str, &str)] = &[
    ("af", "afr", "Afrikaans"),
    ("ak", "aka", "Akan"),
    ("am", "amh", "Amharic"),
    ("ar", "ara", "Arabic"),
    ("az", "aze", "Azerbaijani"),
    ("be", "bel", "Belarusian"),
    ("bg", "bul", "Bulgarian"),
    ("bn", "ben", "Bengali"),
    ("ca", "cat", "Catalan"),
    ("cs", "ces", "Czech"),
    ("cy", "cym", "Welsh"),
    ("da", "dan", "Danish"),
    ("de", "deu", "German"),
    ("el", "ell", "Greek"),
    ("eo", "epo", "Esperanto"),
    ("es", "spa", "Spanish"),
    ("et", "est", "Estonian"),
    ("fa", "pes", "Persian"),
    ("fi", "fin", "Finnish"),
    ("gu", "guj", "Gujarati"),
    ("he", "heb", "Hebrew"),
    ("hi", "hin", "Hindi"),
    ("hr", "hrv", "Croatian"),
    ("hu", "hun", "Hungarian"),
    ("hy", "hye", "Armenian"),
    ("id", "ind", "Indonesian"),
    ("it", "ita", "Italian"),
    ("ja", "jpn", "Japanese"),
    ("jv", "jav", "Javanese"),
    ("ka", "kat", "Georgian"),
    ("km", "khm", "Khmer"),
    ("kn", "kan", "Kannada"),
    ("ko", "kor", "Korean"),
    ("la", "lat", "Latin"),
    ("lt", "lit", "Lithuanian"),
    ("lv", "lav", "Latvian"),
    ("mk", "mkd", "Macedonian"),
    ("ml", "mal", "Malayalam"),
    ("mr", "mar", "Marathi"),
    ("my", "mya", "Burmese"),
    ("nb", "nob", "Norwegian Bokmål"),
    ("ne", "nep", "Nepali"),
    ("nl", "nld", "Dutch"),
    ("or", "ori", "Oriya"),
    ("pa", "pan", "Punjabi"),
    ("pl", "pol", "Polish"),
    ("pt", "por", "Portuguese"),
    ("ro", "ron", "Romanian"),
    ("ru", "rus", "Russian"),
    ("si", "sin", "Sinhalese"),
    ("sk", "slk", "Slovak"),
    ("sl", "slv", "Slovenian"),
    ("sn", "sna", "Shona"),
    ("sr", "srp", "Serbian"),
    ("sv", "swe", "Swedish"),
    ("ta", "tam", "Tamil"),
    ("te", "tel", "Telugu"),
    ("th", "tha", "Thai"),
    ("tk", "tuk", "Turkmen"),
    ("tl", "tgl", "Tagalog"),
    ("tr", "tur", "Turkish"),
    ("uk", "ukr", "Ukrainian"),
    ("ur", "urd", "Urdu"),
    ("uz", "uzb", "Uzbek"),
    ("vi", "vie", "Vietnamese"),
    ("yi", "yid", "Yiddish"),
    ("zh", "cmn", "Chinese"),
    ("zu", "zul", "Zulu"),
];

impl OtherLang {
    /// The language of an ISO 639-3 code of [`OTHERS`] ("deu").
    pub fn from_639_3(code: &str) -> Option<OtherLang> {
        OTHERS
            .iter()
            .position(|&(_, c, _)| c == code)
            .map(|i| OtherLang(i as u8))
    }

    fn entry(self) -> (&'static str, &'static str, &'static str) {
        OTHERS[usize::from(self.0)]
    }

    /// The ISO 639-1 code ("de").
    pub fn code(self) -> &'static str {
        self.entry().0
    }

    /// The English name ("German").
    pub fn name(self) -> &'static str {
        self.entry().2
    }
}

impl FromStr for OtherLang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        OTHERS
            .iter()
            .position(|&(a, b, name)| {
                s.eq_ignore_ascii_case(a)
                    || s.eq_ignore_ascii_case(b)
                    || s.eq_ignore_ascii_case(name)
            })
            .map(|i| OtherLang(i as u8))
            .ok_or_else(|| {
                format!("unknown language {s:?} (expected an ISO 639-1 code such as fr, en, de)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        for (i, &(a, b, name)) in OTHERS.iter().enumerate() {
            let l = OtherLang(i as u8);
            for s in [a, b, name, &a.to_uppercase()] {
                assert_eq!(s.parse::<OtherLang>(), Ok(l), "{s}");
            }
            assert_eq!(OtherLang::from_639_3(b), Some(l));
            assert_eq!(l.code(), a);
            assert!(a.len() == 2 && b.len() == 3, "{a} {b}");
        }
        assert!(OTHERS.iter().all(|&(a, _, _)| a != "fr" && a != "en"));
        assert_eq!("fra".parse(), Ok(ArticleLang::Extracted(Lang::Fr)));
        assert_eq!("de".parse::<ArticleLang>().map(ArticleLang::code), Ok("de"));
        assert!("xx".parse::<ArticleLang>().is_err());
    }
}
