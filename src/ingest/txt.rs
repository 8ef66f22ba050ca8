//! Plain text and Markdown articles: one article per file. The first line
//! is the title when a blank line follows it (a Markdown `# ` is dropped
//! from the title).
//!
//! A file may start with a front matter: YAML between two `---` lines (the
//! closing one may be `...`), of which the flat `key: value` lines
//! `title`, `date`, `url`, `author` and `lang` (or `language`) are read; values may
//! be quoted, and a ` #` comment ends an unquoted one. Other keys, with
//! their nested or list lines, are ignored without a word. A line that is
//! not `key: value`, a `lang` that is not fr or en, or a front matter
//! never closed is reported (a [`ReadNote`] with its line) and the text is
//! ingested all the same: without the front matter when it was closed,
//! whole when it was not. The front matter's title wins over the first
//! line's.
//!
//! The stored and extracted text is the file after its front matter (and
//! the blank lines after it), so offsets point into exactly what was
//! stored.

use crate::model::{ArticleRecord, Lang, ReadNote};

/// Builds the article of one text file's content, with the language its
/// front matter declares. Err (a message) when nothing but a front
/// matter is there.
pub fn parse(source: &str, text: String) -> Result<(ArticleRecord, Option<Lang>), String> {
    let mut a = ArticleRecord {
        source: source.to_string(),
        ..ArticleRecord::default()
    };
    let mut lang = None;
    let mut date_line = None;
    let body = match front_matter(&text) {
        FrontMatter::None => text,
        FrontMatter::Unclosed => {
            a.read_notes.push(ReadNote {
                line: Some(1),
                message: "front matter opened here is never closed by a `---` line; \
                          the file is read as text, front matter included"
                    .into(),
            });
            text
        }
        FrontMatter::Closed { lines, body } => {
            for (n, line) in lines {
                match read_line(line) {
                    Line::Skip => {}
                    Line::Broken(why) => a.read_notes.push(ReadNote {
                        line: Some(n),
                        message: format!("front matter: {why}, ignored"),
                    }),
                    Line::Field(key, value) => match key {
                        "title" => a.title = Some(value).filter(|v| !v.is_empty()),
                        "url" => a.url = Some(value).filter(|v| !v.is_empty()),
                        "author" => a.author = Some(value).filter(|v| !v.is_empty()),
                        "date" => {
                            a.date = Some(value);
                            date_line = Some(n);
                        }
                        _ => match value.parse::<Lang>() {
                            Ok(l) => lang = Some(l),
                            Err(why) => a.read_notes.push(ReadNote {
                                line: Some(n),
                                message: format!(
                                    "front matter: {why}; the language is detected instead"
                                ),
                            }),
                        },
                    },
                }
            }
            let body = body.trim_start_matches(['\n', '\r']).to_string();
            if body.trim().is_empty() {
                return Err("no text after the front matter, skipped".into());
            }
            body
        }
    };
    super::check_date(&mut a, date_line);
    if a.title.is_none() {
        a.title = title(&body);
    }
    a.text = body;
    Ok((a, lang))
}

enum FrontMatter<'a> {
    None,
    Unclosed,
    /// Its lines (numbered from 1 in the file) and the text after it.
    Closed {
        lines: Vec<(usize, &'a str)>,
        body: &'a str,
    },
}

fn front_matter(text: &str) -> FrontMatter<'_> {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return FrontMatter::None;
    }
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut inside = Vec::new();
    for (i, line) in lines.enumerate() {
        offset += line.len();
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return FrontMatter::Closed {
                lines: inside,
                body: &text[offset..],
            };
        }
        inside.push((i + 2, bare));
    }
    FrontMatter::Unclosed
}

enum Line {
    /// Blank, a comment, an ignored key or what an ignored key holds.
    Skip,
    Broken(String),
    /// A known key (`title`, `date`, `url`, `author`, `lang`) and its value.
    Field(&'static str, String),
}

fn read_line(line: &str) -> Line {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.len() < line.len() {
        // Indented: a nested value of the key above.
        return Line::Skip;
    }
    if trimmed.starts_with("- ") || trimmed == "-" {
        return Line::Skip;
    }
    let Some((key, value)) = line.split_once(':') else {
        return Line::Broken(format!("{line:?} is not a `key: value` line"));
    };
    let key = key.trim();
    let known = match key.to_ascii_lowercase().as_str() {
        "title" => "title",
        "date" => "date",
        "url" => "url",
        "author" => "author",
        "lang" | "language" => "lang",
        _ => return Line::Skip,
    };
    match scalar(value.trim()) {
        Ok(v) => Line::Field(known, v),
        Err(why) => Line::Broken(format!("`{key}`: {why}")),
    }
}

/// A YAML scalar written on one line: plain (a ` #` starts a comment),
/// "double-quoted" (with backslash escapes) or 'single-quoted' (`''` is a
/// quote).
fn scalar(v: &str) -> Result<String, String> {
    if let Some(rest) = v.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return after_quote(chars.as_str(), out),
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(e @ ('"' | '\\' | '/')) => out.push(e),
                    _ => return Err("unknown escape in a double-quoted value".into()),
                },
                c => out.push(c),
            }
        }
        return Err("double quote not closed".into());
    }
    if let Some(rest) = v.strip_prefix('\'') {
        let mut out = String::new();
        let mut rest = rest;
        loop {
            let Some(i) = rest.find('\'') else {
                return Err("single quote not closed".into());
            };
            out.push_str(&rest[..i]);
            rest = &rest[i + 1..];
            match rest.strip_prefix('\'') {
                Some(r) => {
                    out.push('\'');
                    rest = r;
                }
                None => return after_quote(rest, out),
            }
        }
    }
    if v.starts_with(['|', '>', '[', '{', '&', '*', '!']) {
        return Err("only one-line values are read".into());
    }
    let v = v.find(" #").map_or(v, |i| &v[..i]);
    Ok(v.trim().to_string())
}

/// What may follow a closing quote: nothing, or a comment.
fn after_quote(rest: &str, value: String) -> Result<String, String> {
    let rest = rest.trim();
    if rest.is_empty() || rest.starts_with('#') {
        Ok(value)
    } else {
        Err(format!("{rest:?} after the closing quote"))
    }
}

fn title(text: &str) -> Option<String> {
    let mut lines = text.lines();
    let first = lines.next()?.trim();
    let blank_after = lines.next().is_some_and(|l| l.trim().is_empty());
    let first = first.trim_start_matches('#').trim();
    (blank_after && !first.is_empty()).then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::parse;
    use crate::model::{ArticleRecord, Lang};

    fn read(source: &str, text: &str) -> (ArticleRecord, Option<Lang>) {
        parse(source, text.into()).expect("text")
    }

    #[test]
    fn title_needs_a_blank_line_after_it() {
        let (a, _) = read("a.md", "# Talks in Geneva\n\nThe two sides met.");
        assert_eq!(a.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(a.text, "# Talks in Geneva\n\nThe two sides met.");
        let (b, _) = read("b.txt", "One line.\nAnother line.\n");
        assert_eq!(b.title, None);
        let (c, _) = read("c.txt", "Only a line");
        assert_eq!(c.title, None);
    }

    #[test]
    fn a_front_matter_gives_metadata_and_is_not_text() {
        let (a, lang) = read(
            "a.md",
            "---\ntitle: \"Talks: day two\"\ndate: 5 mars 2024  # local time\n\
             url: https://example.org/a?b=1#c\nlang: fr\ntags:\n  - diplomacy\n  - geneva\n\
             image: {src: a.png}\nauthor: Jane Roe\n---\n\n# Heading\n\nLe texte.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Talks: day two"));
        assert_eq!(a.date.as_deref(), Some("5 mars 2024"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a?b=1#c"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(lang, Some(Lang::Fr));
        assert_eq!(a.text, "# Heading\n\nLe texte.\n");
        assert_eq!(a.read_notes, vec![]);
        let (b, _) = read("b.txt", "---\ntitle: 'It''s on'\n...\nText.\r\n");
        assert_eq!(b.title.as_deref(), Some("It's on"));
        assert_eq!(b.text, "Text.\r\n");
    }

    #[test]
    fn a_broken_front_matter_is_noted_by_line_and_the_text_kept() {
        let (a, lang) = read(
            "a.md",
            "---\ntitle: \"open\nnot yaml at all\nlang: de\ndate: soon\n---\nText.\n",
        );
        let notes: Vec<_> = a
            .read_notes
            .iter()
            .map(|n| (n.line, n.message.as_str()))
            .collect();
        assert_eq!(
            notes,
            vec![
                (
                    Some(2),
                    "front matter: `title`: double quote not closed, ignored"
                ),
                (
                    Some(3),
                    "front matter: \"not yaml at all\" is not a `key: value` line, ignored"
                ),
                (
                    Some(4),
                    "front matter: unsupported language \"de\" (expected fr or en); \
                     the language is detected instead"
                ),
                (
                    Some(5),
                    "date \"soon\" not understood; kept as written (date_raw), no date stored"
                ),
            ]
        );
        assert_eq!((a.title, lang, a.date), (None, None, None));
        assert_eq!(a.date_raw.as_deref(), Some("soon"));
        assert_eq!(a.text, "Text.\n");

        let (b, _) = read("b.md", "---\ntitle: T\n\nText without an end.\n");
        assert_eq!(b.text, "---\ntitle: T\n\nText without an end.\n");
        assert_eq!(b.read_notes[0].line, Some(1));
        assert!(b.read_notes[0].message.contains("never closed"));

        let err = parse("c.md", "---\ntitle: T\n---\n\n \n".into()).expect_err("no text");
        assert!(err.contains("no text after the front matter"), "{err}");
    }
}
