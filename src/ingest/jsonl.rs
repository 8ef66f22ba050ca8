//! JSON Lines: one article per line with `text` required and `title`,
//! `url`, `date`, `lang`, `id` optional. Streamed line by line; a bad line
//! is an error naming the file and line, and the next lines still read.
//! A line is read up to a bound ([`Lines::with_max_bytes`]): a longer one
//! is passed over without being kept, and reported.

use crate::error::Error;
use crate::model::{ArticleLang, ArticleRecord};
use serde::Deserialize;
use std::io::{BufRead, Read};

#[derive(Deserialize)]
struct Line {
    text: Option<String>,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
    lang: Option<String>,
    id: Option<serde_json::Value>,
}

/// The articles of a JSONL stream, one item per non-blank line.
pub struct Lines<R> {
    reader: R,
    path: String,
    line: usize,
    buf: Vec<u8>,
    /// The longest line kept, in bytes (newline excluded).
    max: u64,
}

impl<R: BufRead> Lines<R> {
    /// Reads `reader`; `path` names it in sources and errors. `first_line`
    /// is the number of the first line `reader` yields (1 unless a caller
    /// already consumed some).
    pub fn new(reader: R, path: &str, first_line: usize) -> Self {
        Lines {
            reader,
            path: path.to_string(),
            line: first_line - 1,
            buf: Vec::new(),
            max: super::DEFAULT_MAX_ARTICLE_BYTES,
        }
    }

    /// Lines longer than `max` bytes are skipped (and reported) instead
    /// of read into memory.
    pub fn with_max_bytes(mut self, max: u64) -> Self {
        self.max = max;
        self
    }

    /// Reads the next line into `buf`, at most `max` bytes of it and its
    /// newline; Ok(None) at the end, Ok(Some(false)) for a longer line
    /// (passed over up to its newline).
    fn read_line(&mut self) -> std::io::Result<Option<bool>> {
        let limit = self.max.saturating_add(1);
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        if (n as u64) < limit || self.buf.ends_with(b"\n") {
            return Ok(Some(true));
        }
        self.buf.clear();
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(Some(false));
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(Some(false));
                }
                None => {
                    let all = available.len();
                    self.reader.consume(all);
                }
            }
        }
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Input {
            path: self.path.clone(),
            line: Some(self.line),
            message: message.into(),
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<(ArticleRecord, Option<ArticleLang>), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line += 1;
            match self.read_line() {
                Ok(None) => return None,
                Ok(Some(true)) => {}
                Ok(Some(false)) => {
                    return Some(Err(self.error(format!(
                        "line longer than the maximum article size ({} bytes, --max-article-bytes), skipped",
                        self.max
                    ))));
                }
                Err(source) => {
                    return Some(Err(Error::Io {
                        path: format!("{}:{}", self.path, self.line),
                        source,
                    }));
                }
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let first = self.line == 1;
            let bytes = if first {
                super::decode::strip_bom(&self.buf)
            } else {
                &self.buf
            };
            let Ok(text) = std::str::from_utf8(bytes) else {
                return Some(Err(self.error("line is not valid UTF-8")));
            };
            return Some(
                parse_line(text)
                    .map_err(|m| self.error(m))
                    .map(|(mut a, lang)| {
                        a.source = format!("{}:{}", self.path, self.line);
                        // The source names the line already.
                        super::check_date(&mut a, None);
                        (a, lang)
                    }),
            );
        }
    }
}

/// Parses one JSONL line; the error is a message without location.
pub fn parse_line(line: &str) -> Result<(ArticleRecord, Option<ArticleLang>), String> {
    let l: Line = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let text = l.text.ok_or("missing required field `text`")?;
    if text.trim().is_empty() {
        return Err("field `text` is empty".into());
    }
    let lang = l
        .lang
        .as_deref()
        .map(str::parse::<ArticleLang>)
        .transpose()?;
    let external_id = l.id.map(|v| match v {
        serde_json::Value::String(s) => s,
        v => v.to_string(),
    });
    Ok((
        ArticleRecord {
            source: String::new(),
            external_id,
            url: l.url,
            title: l.title,
            date: l.date,
            text,
            ..ArticleRecord::default()
        },
        lang,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn bad_lines_are_named_and_the_rest_read() {
        let input = b"{\"text\": \"A first article.\", \"lang\": \"en\", \"id\": 7}\n\nnot json\n{\"title\": \"no text\"}\n{\"text\": \"Un second.\", \"title\": \"T\"}\n";
        let items: Vec<_> = Lines::new(&input[..], "x.jsonl", 1).collect();
        assert_eq!(items.len(), 4);
        let (a, lang) = items[0].as_ref().expect("first line is fine");
        assert_eq!(
            (a.source.as_str(), lang, a.external_id.as_deref()),
            ("x.jsonl:1", &Some(Lang::En.into()), Some("7"))
        );
        let e = items[1]
            .as_ref()
            .expect_err("line 3 is not JSON")
            .to_string();
        assert!(e.starts_with("x.jsonl:3: not a JSON object"), "{e}");
        let e = items[2]
            .as_ref()
            .expect_err("line 4 lacks text")
            .to_string();
        assert_eq!(e, "x.jsonl:4: missing required field `text`");
        let (b, _) = items[3].as_ref().expect("line 5 is fine");
        assert_eq!(
            (b.source.as_str(), b.title.as_deref()),
            ("x.jsonl:5", Some("T"))
        );
    }

    #[test]
    fn a_line_over_the_bound_is_skipped_and_named() {
        let long = format!("{{\"text\": \"{}\"}}", "a".repeat(100));
        let input =
            format!("{{\"text\": \"Short one.\"}}\n{long}\n{{\"text\": \"After it.\"}}\n{long}");
        let items: Vec<_> = Lines::new(input.as_bytes(), "x.jsonl", 1)
            .with_max_bytes(40)
            .collect();
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].as_ref().expect("short").0.text, "Short one.");
        let e = items[1].as_ref().expect_err("too long").to_string();
        assert!(e.starts_with("x.jsonl:2: line longer than"), "{e}");
        assert_eq!(items[2].as_ref().expect("after").0.text, "After it.");
        let e = items[3].as_ref().expect_err("too long").to_string();
        assert!(e.starts_with("x.jsonl:4: line longer than"), "{e}");
        // A line of exactly the bound, newline or not, is read.
        let exact = "{\"text\": \"abc\"}";
        for input in [format!("{exact}\n"), exact.to_string()] {
            let items: Vec<_> = Lines::new(input.as_bytes(), "x.jsonl", 1)
                .with_max_bytes(exact.len() as u64)
                .collect();
            assert_eq!(items[0].as_ref().expect("fits").0.text, "abc");
        }
    }
}
