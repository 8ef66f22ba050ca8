//! HTML articles: one article per file, parsed as a browser does (html5ever,
//! through scraper: the HTML5 parsing algorithm, so malformed markup, left
//! out tags and all named character references are handled as the
//! standard says). The article's main text is what a reader sees in the
//! story itself, not the page around it: [`content`] cuts the page into
//! blocks, drops the furniture (navigation, banners, "read also" boxes,
//! comments, newsletters) and keeps the region that holds the story. Each
//! block becomes a paragraph, separated by a blank line; runs of white
//! space inside one collapse to a space.
//!
//! The stored text is that extracted text, headline first and only once
//! (so offsets point into what was stored, as for `.txt`). Metadata comes
//! from the page when it says it ([`meta`]): the headline from the first
//! `<h1>` of the story, else the JSON-LD `headline`, `og:title`,
//! `<title>`; the date from the JSON-LD `datePublished`, else
//! `article:published_time` and the other date tags, else a `<time
//! datetime>` of the story; the URL from the canonical link, `og:url`,
//! the JSON-LD `url`; the author from the JSON-LD `author`, else the
//! `author` tags; the language from `<html lang>`, the JSON-LD
//! `inLanguage`, `og:locale` (the first whose primary subtag names a
//! language: "fr-FR", "de_DE"; another language than French or English
//! is stored without extraction, as a JSONL `lang` is). The page's bytes
//! were decoded before, by [`super::decode`].
//!
//! Parsing never fails; a page without text is refused with a message.

mod content;
mod meta;

use crate::fold::fold;
use crate::model::{ArticleLang, ArticleRecord};
use scraper::Html;
use std::collections::BTreeSet;

/// Builds the article of one HTML file, with the language the page
/// declares. Err when the page has no text (the message says so).
pub fn parse(source: &str, html: &str) -> Result<(ArticleRecord, Option<ArticleLang>), String> {
    let doc = Html::parse_document(html);
    let content = content::read(&doc);
    if content.blocks.is_empty() {
        return Err("no article text found in the HTML page, skipped".to_string());
    }
    let m = meta::read(&doc);
    let title = content
        .headline
        .clone()
        .or(m.ld.headline)
        .or(m.og_title)
        .or(m.title);
    let mut text = String::new();
    let folded_title = title.as_deref().map(fold);
    if let Some(t) = &title {
        text.push_str(t);
    }
    for b in &content.blocks {
        // The headline is written once, first.
        if folded_title.as_deref() == Some(fold(&b.text).as_str()) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&b.text);
    }
    text.push('\n');
    let region: BTreeSet<_> = content.region.iter().copied().collect();
    let time_in_story = m
        .times
        .iter()
        .find(|(id, _)| region.is_empty() || content::within(&doc, *id, &region))
        .map(|(_, d)| d.clone());
    let date = m.ld.date.or(m.meta_date).or(time_in_story);
    let date_line = date.as_deref().and_then(|d| line_of(html, d));
    let lang = [m.html_lang, m.ld.lang, m.meta_lang]
        .into_iter()
        .flatten()
        .find_map(|l| {
            let primary = l.split(['-', '_']).next().unwrap_or(&l).trim().to_string();
            primary.parse::<ArticleLang>().ok()
        });
    let mut a = ArticleRecord {
        source: source.to_string(),
        title,
        date,
        url: m.canonical.or(m.og_url).or(m.ld.url),
        author: m.ld.author.or(m.meta_author),
        text,
        ..ArticleRecord::default()
    };
    super::check_date(&mut a, date_line);
    Ok((a, lang))
}

/// The line of the page where `s` is first written, when it is written
/// as is (not through character references).
fn line_of(html: &str, s: &str) -> Option<usize> {
    html.find(s)
        .map(|i| html[..i].bytes().filter(|&b| b == b'\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::model::{ArticleLang, Lang};

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr-FR"><head>
<meta charset="utf-8"><title>Diplomatie | Le Journal</title>
<meta property="og:title" content="Rencontre &agrave; Vienne">
<meta property="article:published_time" content="2021-09-30T10:00:00Z">
<link rel="canonical" href="https://example.org/a?x=1&amp;y=2">
<script>var s = "<p>not text</p>";</script><style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav></header>
<article>
  <h1>Rencontre à Vienne</h1>
  <p>Claire Dubois a rencontr&eacute; Paul&nbsp;Durand
     lundi &agrave; Vienne.<br>Les deux ont parl&#233; du &#x201C;climat&#x201D;.</p>
  <aside>Lire aussi : autre chose</aside>
  <p>Ils se reverront à Lyon &amp; Paris.</p>
</article>
<footer>© Le Journal</footer>
</body></html>"#;

    #[test]
    fn the_article_element_is_the_text_with_its_headline_and_metadata() {
        let (a, lang) = parse("p.html", PAGE).expect("text");
        assert_eq!(
            a.text,
            "Rencontre à Vienne\n\nClaire Dubois a rencontré Paul Durand lundi à Vienne.\n\n\
             Les deux ont parlé du “climat”.\n\nIls se reverront à Lyon & Paris.\n"
        );
        assert_eq!(a.title.as_deref(), Some("Rencontre à Vienne"));
        assert_eq!(a.date.as_deref(), Some("2021-09-30T10:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a?x=1&y=2"));
        assert_eq!(lang, Some(ArticleLang::from(Lang::Fr)));
    }

    #[test]
    fn without_article_or_main_the_body_minus_boilerplate_is_taken() {
        let html = "<html><head><title>Talks</title></head><body><nav>Home</nav>\
                    <div>Alice Martin met Bob Stone in Vienna.</div><footer>About us</footer>";
        let (a, lang) = parse("p.htm", html).expect("text");
        assert_eq!(a.text, "Talks\n\nAlice Martin met Bob Stone in Vienna.\n");
        assert_eq!(a.title.as_deref(), Some("Talks"));
        assert_eq!(lang, None);
    }

    #[test]
    fn main_is_preferred_to_the_body_and_a_page_without_text_is_refused() {
        let html = "<body><div>Menu</div><div role=main><p>Le texte.</p></div></body>";
        assert_eq!(parse("p.html", html).expect("text").0.text, "Le texte.\n");
        let classed =
            "<body><div>Menu</div><div role=main class=\"with-sidebar\"><p>Le texte.</p></div>";
        assert_eq!(
            parse("p.html", classed).expect("text").0.text,
            "Le texte.\n"
        );
        let empty = "<html><body><script>x()</script><nav>Home</nav></body></html>";
        let err = parse("e.html", empty).expect_err("no text");
        assert!(err.contains("no article text"), "{err}");
    }

    #[test]
    fn head_and_body_tags_may_be_left_out() {
        for html in [
            "<html><head><title>Talks</title><meta charset=utf-8>\n<p>Alice Martin met Bob Stone.</p></html>",
            "<html><head><title>Talks</title><body><p>Alice Martin met Bob Stone.</p>",
            "<head><title>Talks</title>\n<div>Alice Martin met Bob Stone.</div>",
            "<title>Talks</title><p>Alice Martin met Bob Stone.",
            "<head><title>Talks</title></head><p>Alice Martin met Bob Stone.</p>",
        ] {
            let (a, _) = parse("p.html", html).expect(html);
            assert_eq!(a.text, "Talks\n\nAlice Martin met Bob Stone.\n", "{html}");
        }
        // Text straight after the head's elements starts the body too.
        let (a, _) = parse(
            "p.html",
            "<head><title>T</title>Alice Martin met Bob Stone.",
        )
        .expect("text");
        assert_eq!(a.text, "T\n\nAlice Martin met Bob Stone.\n");
        // What the head holds is still no article text.
        let head_only = "<head><title>T</title><style>p{}</style><script>x()</script>";
        assert!(parse("p.html", head_only).is_err());
    }

    #[test]
    fn malformed_markup_never_fails() {
        for html in [
            "<p>a < b and c > d</p>",
            "<p>unclosed <b>bold",
            "<<<>>>",
            "<p attr=\"unterminated>text",
            "</div></div><p>x</p>",
            "&#xFFFFFFFF; &#0; &bogus; &",
            "<!-- never closed",
            "<script>never closed",
        ] {
            let _ = parse("m.html", html);
        }
        let (a, _) = parse("m.html", "<p>a < b and c > d</p>").expect("text");
        assert_eq!(a.text, "a < b and c > d\n");
        // Nested far deeper than any page: no stack to overflow.
        let deep = format!("{}<p>Deep text.</p>", "<div>".repeat(20_000));
        assert!(parse("d.html", &deep).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn any_input_gives_text_or_a_message_never_a_panic(
            html in "(<[a-z/!]{0,3}[^<>]{0,6}>?|&#?[a-zA-Z0-9]{0,4};?|[^<&]{0,8})*"
        ) {
            if let Ok((a, _)) = parse("p.html", &html) {
                proptest::prop_assert!(!a.text.trim().is_empty());
            }
        }
    }

    #[test]
    fn every_html5_character_reference_decodes_and_unknown_ones_stay() {
        let (a, _) = parse(
            "e.html",
            "<p>&Eacute;tat &ccedil;a &oelig;uvre &#39;x&#39; &bogus; R&D 3 &times; &frac12; \
             &oslash; &NotNestedGreaterGreater; &amp</p>",
        )
        .expect("text");
        assert_eq!(
            a.text,
            "État ça œuvre 'x' &bogus; R&D 3 × ½ ø \u{2aa2}\u{338} &\n"
        );
    }

    /// A saved page with no `<article>` or `<main>`, the story in plain
    /// divs among a cookie banner, a "read also" box, comments and a
    /// newsletter box, none of them marked by class.
    const CLUTTERED: &str = include_str!("../../tests/pages/sommet.fr.html");

    #[test]
    fn a_page_without_article_or_main_keeps_its_story_and_drops_the_furniture() {
        let (a, lang) = parse("s.html", CLUTTERED).expect("text");
        assert_eq!(
            a.text,
            "Sommet à Genève\n\n\
             Claire Dubois a rencontré Paul Durand mardi à Genève, pour un sommet de deux jours \
             consacré au climat, à l'énergie et au commerce.\n\n\
             Les deux responsables ont signé un accord de 3 × 2 ans ; la part d'½ du budget \
             revient au fonds, dit la ministre, citée par Le Monde.\n\n\
             Paul Durand a ensuite rejoint Marseille, où il a retrouvé des élus de la région, \
             des syndicats et des chefs d'entreprise.\n"
        );
        assert_eq!(a.title.as_deref(), Some("Sommet à Genève"));
        assert_eq!(a.date.as_deref(), Some("2024-03-05T08:30:00+01:00"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/sommet"));
        assert_eq!(a.author.as_deref(), Some("Anne Roux"));
        assert_eq!(lang, Some(ArticleLang::from(Lang::Fr)));
    }

    #[test]
    fn boxes_marked_by_class_or_role_are_dropped_inside_the_story_too() {
        let html = include_str!("../../tests/pages/talks.en.html");
        let (a, _) = parse("c.html", html).expect("text");
        assert_eq!(
            a.text,
            "Talks in Vienna\n\nAlice Martin met Bob Stone in Vienna on Monday, their first \
             meeting since the spring.\n\nThey spoke for two hours.\n"
        );
        assert_eq!(a.date.as_deref(), Some("Tue, 05 Mar 2024 10:00:00 +0000"));
        assert_eq!(a.author.as_deref(), Some("Mark Evans"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/talks"));
    }

    #[test]
    fn dates_come_from_json_ld_meta_or_time_and_an_unreadable_one_is_noted() {
        let page = |head: &str, body: &str| {
            format!("<html><head>{head}</head><body><article><p>Text of it.</p>{body}</article>")
        };
        let date = |html: &str| parse("d.html", html).expect("text").0;
        let a = date(&page(
            r#"<meta property="article:published_time" content="5 mars 2024">"#,
            "",
        ));
        assert_eq!(
            a.date.as_deref(),
            Some("5 mars 2024"),
            "read, made ISO by ingest"
        );
        let a = date(&page("", r#"<time datetime="2024-03-05">mardi</time>"#));
        assert_eq!(a.date.as_deref(), Some("2024-03-05"));
        let a = date(&page(
            "\n<meta name=\"date\" content=\"hier soir\">",
            r#"<time datetime="2024-03-05">mardi</time>"#,
        ));
        assert_eq!((a.date, a.date_raw.as_deref()), (None, Some("hier soir")));
        assert_eq!(a.read_notes.len(), 1);
        assert_eq!(a.read_notes[0].line, Some(2));
        assert!(
            a.read_notes[0]
                .message
                .contains("\"hier soir\" not understood")
        );
    }

    #[test]
    fn a_declared_language_is_any_iso_639_code() {
        let page = |head: &str| {
            format!(
                "<html {head}><body><article><p>Der Minister traf Vertreter.</p></article></body></html>"
            )
        };
        let lang = |head: &str| parse("p.html", &page(head)).expect("text").1;
        assert_eq!(lang(r#"lang="de-DE""#), Some("de".parse().expect("de")));
        assert_eq!(
            lang(r#"lang="xx"><head><meta property="og:locale" content="en_GB"></head"#),
            Some(ArticleLang::from(Lang::En))
        );
        assert_eq!(lang(r#"lang="xx""#), None);
    }
}
