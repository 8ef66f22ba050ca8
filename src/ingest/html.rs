//! HTML articles: one article per file. The article's main text is what a
//! reader sees in the story itself, not the page around it: the first
//! `<article>` element when there is one, else `<main>` (or
//! `role="main"`), else the whole `<body>`; navigation, headers, footers,
//! asides, forms, scripts and styles are dropped everywhere. Block
//! elements (paragraphs, headings, list items, table cells, `<br>`) become
//! paragraphs separated by a blank line; runs of white space inside one
//! collapse to a space; character references are decoded.
//!
//! The stored text is that extracted text, headline first (so offsets
//! point into what was stored, as for `.txt`). Metadata comes from the
//! page when it says it: the headline from the first `<h1>` of the
//! content, else `og:title`, else `<title>`; the date from
//! `article:published_time` or a `<time datetime>`; the URL from the
//! canonical link or `og:url`; the language from `<html lang>`.
//!
//! This is a tolerant scanner, not a full HTML5 parser: it never fails on
//! malformed markup, it only finds no text (the caller reports that). It
//! follows HTML's optional tags where they matter for the text: a
//! `<head>` without `</head>` ends at the first element or text that
//! cannot be in a head, and `<body>` may be left out.

use crate::model::{ArticleRecord, Lang};

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside",
    "form", "button", "select", "textarea", "iframe", "object", "canvas", "head", "menu", "dialog",
];

/// Elements whose content is raw text up to the matching end tag.
const RAW: &[&str] = &["script", "style", "textarea", "title"];

/// Elements that start and end a paragraph of the extracted text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "br",
    "hr",
    "address",
    "body",
];

/// Elements that may stay in `<head>`: any other start tag, or text, ends
/// a `<head>` whose end tag is left out (optional in HTML, as are
/// `<body>` and its tags).
const HEAD_CONTENT: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "noscript", "script", "style", "template",
    "title", "head",
];

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track",
    "wbr", "param",
];

/// Builds the article of one HTML file, with the language the page
/// declares. Err when the page has no text (the message says so).
pub fn parse(source: &str, html: &str) -> Result<(ArticleRecord, Option<Lang>), String> {
    let page = scan(html);
    let chosen = [Region::Article, Region::Main, Region::Body]
        .into_iter()
        .map(|r| page.paragraphs_in(r))
        .find(|ps| !ps.is_empty())
        .unwrap_or_default();
    if chosen.is_empty() {
        return Err("no article text found in the HTML page, skipped".to_string());
    }
    let title = chosen
        .iter()
        .find(|p| p.h1)
        .map(|p| p.text.clone())
        .or_else(|| page.og_title.clone())
        .or_else(|| page.title.clone())
        .filter(|t| !t.is_empty());
    let mut text = String::new();
    if let Some(t) = &title
        && chosen[0].text != *t
    {
        text.push_str(t);
        text.push_str("\n\n");
    }
    for (i, p) in chosen.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(&p.text);
    }
    text.push('\n');
    let lang = page.lang.as_deref().and_then(|l| {
        let primary = l.split(['-', '_']).next().unwrap_or(l);
        primary.parse::<Lang>().ok()
    });
    Ok((
        ArticleRecord {
            source: source.to_string(),
            title,
            date: page.date.filter(|d| looks_like_iso_date(d)),
            url: page.url,
            text,
            ..ArticleRecord::default()
        },
        lang,
    ))
}

fn looks_like_iso_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Article,
    Main,
    Body,
}

/// What a scan of the page found.
#[derive(Debug, Default)]
struct Page {
    paragraphs: Vec<Paragraph>,
    title: Option<String>,
    og_title: Option<String>,
    date: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

/// One paragraph of the page's text, in document order.
#[derive(Debug)]
struct Paragraph {
    text: String,
    /// Inside the first `<article>`.
    in_article: bool,
    /// Inside the first `<main>` (or `role="main"`), or the article.
    in_main: bool,
    /// A level-one heading.
    h1: bool,
}

impl Page {
    fn paragraphs_in(&self, region: Region) -> Vec<&Paragraph> {
        self.paragraphs
            .iter()
            .filter(|p| match region {
                Region::Article => p.in_article,
                Region::Main => p.in_main,
                Region::Body => true,
            })
            .collect()
    }
}

/// The scanner's state while walking the markup.
#[derive(Default)]
struct Scanner {
    page: Page,
    /// Open elements, lower-cased, with whether each opened a dropped,
    /// article or main region.
    stack: Vec<(String, Opened)>,
    dropped: usize,
    article: Depth,
    main: Depth,
    /// The paragraph being built, white space already collapsed.
    current: String,
    current_is_h1: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Opened {
    #[default]
    Plain,
    Dropped,
    Article,
    Main,
}

/// An element region that is taken only the first time it opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Depth {
    #[default]
    NotYet,
    Inside(usize),
    Done,
}

fn scan(html: &str) -> Page {
    let mut s = Scanner::default();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            None => {
                s.text(rest);
                break;
            }
            Some(i) => {
                s.text(&rest[..i]);
                rest = &rest[i..];
            }
        }
        rest = s.markup(rest);
    }
    s.end_paragraph();
    s.page
}

impl Scanner {
    /// Handles the markup at the start of `rest` (which starts with '<')
    /// and returns what follows it.
    fn markup<'a>(&mut self, rest: &'a str) -> &'a str {
        if let Some(after) = rest.strip_prefix("<!--") {
            return after.find("-->").map_or("", |j| &after[j + 3..]);
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return rest.find('>').map_or("", |j| &rest[j + 1..]);
        }
        let Some(end) = tag_end(rest) else {
            // A lone '<' in text.
            self.text("<");
            return &rest[1..];
        };
        let inner = &rest[1..end];
        let after = &rest[end + 1..];
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/');
        let name_len = body
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(body.len());
        let name = body[..name_len].to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            self.text(&rest[..end + 1]);
            return after;
        }
        let attrs = &body[name_len..];
        if closing {
            self.close(&name);
            return after;
        }
        self.open(&name, attrs);
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            let lower_after = after.to_ascii_lowercase();
            let j = lower_after.find(&close).unwrap_or(after.len());
            if name == "title" && self.page.title.is_none() {
                self.page.title = Some(collapse(&decode_entities(&after[..j])));
            }
            self.close(&name);
            let tail = &after[j..];
            return tail.find('>').map_or("", |k| &tail[k + 1..]);
        }
        if VOID.contains(&name.as_str()) || inner.ends_with('/') {
            self.close(&name);
        }
        after
    }

    /// Closes a `<head>` left open, as an HTML parser does when the body
    /// starts without `</head>`.
    fn end_head(&mut self) {
        if self.stack.iter().any(|(n, _)| n == "head") {
            self.close("head");
        }
    }

    fn open(&mut self, name: &str, attrs: &str) {
        if !HEAD_CONTENT.contains(&name) {
            self.end_head();
        }
        match name {
            "html" => self.page.lang = attr(attrs, "lang"),
            "meta" => self.meta(attrs),
            "link" if attr(attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                self.page.url = self.page.url.take().or_else(|| attr(attrs, "href"));
            }
            "time" if self.page.date.is_none() => self.page.date = attr(attrs, "datetime"),
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.end_paragraph();
        }
        let role_main = attr(attrs, "role").is_some_and(|r| r.eq_ignore_ascii_case("main"));
        let opened = if DROPPED.contains(&name) {
            self.dropped += 1;
            Opened::Dropped
        } else if name == "article" && self.article == Depth::NotYet {
            self.article = Depth::Inside(self.stack.len());
            Opened::Article
        } else if (name == "main" || role_main) && self.main == Depth::NotYet {
            self.main = Depth::Inside(self.stack.len());
            Opened::Main
        } else {
            Opened::Plain
        };
        if name == "h1" {
            self.current_is_h1 = true;
        }
        if !VOID.contains(&name) {
            self.stack.push((name.to_string(), opened));
        }
    }

    /// Closes the innermost open element of that name (and what is open
    /// inside it); an end tag with no open element is ignored.
    fn close(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.end_paragraph();
        }
        let Some(pos) = self.stack.iter().rposition(|(n, _)| n == name) else {
            return;
        };
        for (_, opened) in self.stack.drain(pos..).rev() {
            match opened {
                Opened::Dropped => self.dropped -= 1,
                Opened::Article => self.article = Depth::Done,
                Opened::Main => self.main = Depth::Done,
                Opened::Plain => {}
            }
        }
        // A region whose element was closed by an outer end tag.
        if let Depth::Inside(d) = self.article
            && d >= self.stack.len()
        {
            self.article = Depth::Done;
        }
        if let Depth::Inside(d) = self.main
            && d >= self.stack.len()
        {
            self.main = Depth::Done;
        }
    }

    fn meta(&mut self, attrs: &str) {
        let key = attr(attrs, "property")
            .or_else(|| attr(attrs, "name"))
            .or_else(|| attr(attrs, "itemprop"))
            .map(|k| k.to_ascii_lowercase());
        let Some(content) = attr(attrs, "content") else {
            return;
        };
        let slot = match key.as_deref() {
            Some("og:title") => &mut self.page.og_title,
            Some("og:url") => &mut self.page.url,
            Some("article:published_time" | "datepublished" | "date" | "dc.date") => {
                &mut self.page.date
            }
            _ => return,
        };
        if slot.is_none() {
            *slot = Some(collapse(&content));
        }
    }

    fn text(&mut self, raw: &str) {
        if !raw.trim().is_empty() && self.stack.last().is_some_and(|(n, _)| n == "head") {
            self.end_head();
        }
        if self.dropped > 0 {
            return;
        }
        for c in decode_entities(raw).chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with(' ') {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn end_paragraph(&mut self) {
        let text = self.current.trim().to_string();
        self.current.clear();
        let h1 = std::mem::take(&mut self.current_is_h1);
        if text.is_empty() {
            return;
        }
        let in_article = matches!(self.article, Depth::Inside(_));
        let in_main = matches!(self.main, Depth::Inside(_));
        self.page.paragraphs.push(Paragraph {
            text,
            in_article,
            in_main: in_main || in_article,
            h1,
        });
    }
}

/// The index of the '>' that ends the tag at the start of `s`, skipping
/// quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    if !bytes
        .get(1)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/')
    {
        return None;
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            (None, b'<') => return None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` (case-insensitive), entities decoded.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_len = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        rest = rest[key_len..].trim_start();
        let value = if let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let (value, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &v[1..];
                    let j = body.find(q).unwrap_or(body.len());
                    (&body[..j], body.get(j + 1..).unwrap_or(""))
                }
                _ => {
                    let j = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..j], &v[j..])
                }
            };
            rest = after;
            value
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value).trim().to_string());
        }
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes numeric character references and the named ones news pages
/// use; an unknown or malformed reference is kept as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |j| j + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.and_then(char::from_u32)
                .map(|c| if c == '\0' { '\u{fffd}' } else { c })
        } else {
            named_entity(name)
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "middot" => '·',
        "bull" => '•',
        "deg" => '°',
        "euro" => '€',
        "pound" => '£',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "shy" => '\u{ad}',
        "thinsp" | "ensp" | "emsp" => ' ',
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "AElig" => 'Æ',
        "aelig" => 'æ',
        "szlig" => 'ß',
        "Yuml" => 'Ÿ',
        _ => return latin_letter(name),
    };
    Some(c)
}

/// `&eacute;`, `&Agrave;`, `&ccedil;`, ...: a base letter and an accent.
fn latin_letter(name: &str) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let (base, accent) = name.split_at_checked(1)?;
    let base = base.chars().next().filter(char::is_ascii_alphabetic)?;
    let mark = match accent {
        "acute" => '\u{301}',
        "grave" => '\u{300}',
        "circ" => '\u{302}',
        "uml" => '\u{308}',
        "tilde" => '\u{303}',
        "cedil" => '\u{327}',
        "ring" => '\u{30a}',
        _ => return None,
    };
    let composed: Vec<char> = [base, mark].into_iter().nfc().collect();
    (composed.len() == 1).then(|| composed[0])
}

#[cfg(test)]
mod tests {
    use super::{decode_entities, parse};
    use crate::model::Lang;

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
        assert_eq!(lang, Some(Lang::Fr));
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
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("&Eacute;tat &ccedil;a &oelig;uvre &#39;x&#39; &bogus; R&D"),
            "État ça œuvre 'x' &bogus; R&D"
        );
    }
}
