//! Fuzzing on stable Rust: bounded random inputs (proptest) through the
//! readers (text, JSONL, HTML), the segmenter and the extractor, checking
//! that nothing panics and that what comes out points into the text.
//!
//! The inputs are short strings built from pieces that have broken things
//! before or could: capitals, accented and caseless scripts (CJK, Hebrew,
//! Arabic, Ethiopic), brackets, quotes, apostrophes, elisions, digits,
//! dots, hyphens, line breaks, markup and JSON syntax, plus any character.
//! `KG_FUZZ_CASES=N` sets the cases per property (default 5000, a few
//! seconds in all); `KG_FUZZ_CASES=10000000 cargo test --release --test
//! fuzz` runs for about an hour on two cores (1.5 million took 521 s).

use kg::extract::{Input, extract};
use kg::ingest::{decode, html, jsonl, txt};
use kg::model::Extraction;
use kg::model::Lang;
use proptest::prelude::*;

#[path = "fuzz/ingest.rs"]
mod ingest;
#[path = "support/mod.rs"]
mod support;

fn cases() -> u32 {
    std::env::var("KG_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // Regressions are kept as named tests below, not in files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of text that mean something to the segmenter or the rules.
const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "Genève",
    "Paris",
    "ONU",
    "S",
    "AB",
    "U.S.",
    "M.",
    "Mr.",
    "Dr.",
    "l'",
    "d’",
    "qu'",
    "'s",
    "aujourd'hui",
    "États-Unis",
    "New York-based",
    "Acme-backed",
    "(",
    ")",
    "[",
    "]",
    "«",
    "»",
    "\"",
    "“",
    "”",
    "'",
    "’",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "-",
    "–",
    "—",
    "‑",
    "1",
    "2020",
    "3,5",
    "12.",
    "中",
    "国",
    "א",
    "ש",
    "ا",
    "ل",
    "ሀ",
    "ለ",
    "Σ",
    "ß",
    "ǅ",
    "İ",
    "ﬁ",
    "\u{301}",
    "\u{200b}",
    "\u{feff}",
    "a",
    "e",
    "met",
    "rencontré",
    "président",
    "ministre",
    "of",
    "the",
    "de",
    "la",
    "et",
    "and",
    "Alice",
    "Martin",
    "Bob",
    "Stone",
    "Nations",
    "unies",
    "Mme",
    "Durand",
    "CEO",
    "Inc",
    "Ltd",
    "&",
    "@",
    "#",
    "<",
    ">",
    "/",
    "{",
    "}",
    "\\",
];

/// A short text of [`PIECES`] and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

/// Checks that every offset of `ex` is a character boundary of `text` and
/// every index is in range.
fn check(text: &str, ex: &Extraction) -> Result<(), TestCaseError> {
    let on_text = |s: &kg::model::Span| s.start <= s.end && text.get(s.start..s.end).is_some();
    for s in &ex.sentences {
        prop_assert!(on_text(s), "sentence {s:?}");
    }
    for m in &ex.mentions {
        prop_assert!(on_text(&m.span), "mention {m:?}");
        prop_assert!(m.entity < ex.entities.len() && m.sentence < ex.sentences.len());
    }
    for r in &ex.relations {
        prop_assert!(r.head < ex.entities.len() && r.tail < ex.entities.len());
        prop_assert!(r.sentence < ex.sentences.len());
        prop_assert!((0.0..=1.0).contains(&r.confidence));
    }
    Ok(())
}

fn extract_all(text: &str) -> Result<(), TestCaseError> {
    for lang in [None, Some(Lang::Fr), Some(Lang::En)] {
        check(text, &extract(Input { text, lang }))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn extraction_never_panics_and_points_into_the_text(t in text()) {
        extract_all(&t)?;
    }

    #[test]
    fn text_and_markdown_files_read_and_extract(t in text()) {
        if let Ok((a, _)) = txt::parse("f.md", format!("# {t}\n\n{t}")) {
            extract_all(&a.text)?;
        }
        let front = format!("---\ntitle: {t}\ndate: {t}\n{t}\n---\n{t}");
        if let Ok((a, _)) = txt::parse("f.md", front) {
            extract_all(&a.text)?;
        }
    }

    #[test]
    fn jsonl_lines_read_or_are_named(t in text(), junk in text()) {
        let input = format!(
            "{}\n{junk}\n{{\"text\": {}, \"title\": {}, \"lang\": \"fr\"}}\n",
            serde_json::json!({ "text": t, "lang": "en" }),
            serde_json::to_string(&junk).expect("a string is JSON"),
            serde_json::to_string(&t).expect("a string is JSON"),
        );
        for item in jsonl::Lines::new(input.as_bytes(), "f.jsonl", 1).with_max_bytes(64) {
            match item {
                Ok((a, _)) => extract_all(&a.text)?,
                Err(e) => prop_assert!(e.to_string().starts_with("f.jsonl:")),
            }
        }
    }

    #[test]
    fn html_pages_read_and_extract(head in text(), body in text(), tag in "(p|div|h1|article|main|nav|head|body|script|title)") {
        let page = format!("<html><head><title>{head}</title><{tag}>{body}</{tag}><p>{head}</p>");
        let decoded = decode::decode("f.html", page.as_bytes(), decode::Kind::Html);
        if !page.contains('\0') {
            prop_assert_eq!(decoded.ok().map(|d| d.text), Some(page.clone()));
        }
        if let Ok((a, _)) = html::parse("f.html", &page) {
            extract_all(&a.text)?;
        }
    }

    #[test]
    fn any_bytes_decode_or_are_named(bytes in proptest::collection::vec(any::<u8>(), 0..600), html_kind in any::<bool>()) {
        let kind = if html_kind { decode::Kind::Html } else { decode::Kind::Text };
        match decode::decode("f.bin", &bytes, kind) {
            Ok(d) => extract_all(&d.text)?,
            Err(e) => prop_assert!(e.to_string().starts_with("f.bin: binary file"), "{}", e),
        }
    }
}

/// Issue 19: a capitalised word, `(`, then capitals glued to a letter of
/// a caseless script ending the text made extraction read past the last
/// token.
#[test]
fn issue_19_acronym_in_an_unclosed_bracket() {
    for text in ["Genève (S中", "Genève (SA\u{5d0}", "Lyon (XY\u{627}"] {
        extract_all(text).expect("no panic, offsets in the text");
    }
}
