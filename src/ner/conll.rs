//! CoNLL reading: one token per line (columns after a TAB), a blank line
//! between sentences, `-DOCSTART-` lines between documents. Training and
//! evaluation read the last column as the gold BIO tag.

use super::Tag;
use crate::error::{Error, Result};

/// What one CoNLL line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    /// A token line: the token (first column) and the rest of the line
    /// after the first TAB, if any.
    Token(&'a str, Option<&'a str>),
    /// A blank line: sentence break.
    Break,
    /// A `-DOCSTART-` line: document break.
    DocStart,
}

/// Classifies one line (without its line terminator; a trailing `\r` is
/// ignored).
pub fn classify(line: &str) -> Line<'_> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return Line::Break;
    }
    let (token, rest) = match line.split_once('\t') {
        Some((t, r)) => (t, Some(r)),
        None => (line, None),
    };
    if token == "-DOCSTART-" {
        Line::DocStart
    } else {
        Line::Token(token, rest)
    }
}

/// A sentence with its gold tags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

/// Sentences of one document (the whole file when it has no `-DOCSTART-`).
pub type Document = Vec<Sentence>;

/// Reads a labelled CoNLL text: the gold tag is the last TAB-separated
/// column. `path` names the file in errors.
pub fn read_labeled(text: &str, path: &str) -> Result<Vec<Document>> {
    let mut docs: Vec<Document> = vec![Vec::new()];
    let mut cur = Sentence::default();
    let flush = |docs: &mut Vec<Document>, cur: &mut Sentence| {
        if !cur.tokens.is_empty() {
            docs.last_mut()
                .expect("docs always holds the current document")
                .push(std::mem::take(cur));
        }
    };
    for (n, line) in text.lines().enumerate() {
        match classify(line) {
            Line::Break => flush(&mut docs, &mut cur),
            Line::DocStart => {
                flush(&mut docs, &mut cur);
                if docs.last().is_some_and(|d| !d.is_empty()) {
                    docs.push(Vec::new());
                }
            }
            Line::Token(token, rest) => {
                let tag = rest
                    .and_then(|r| r.rsplit('\t').next())
                    .ok_or_else(|| Error::Input {
                        path: path.to_string(),
                        line: Some(n + 1),
                        message: "token line without a TAB-separated tag".into(),
                    })?;
                let tag = tag.trim().parse::<Tag>().map_err(|message| Error::Input {
                    path: path.to_string(),
                    line: Some(n + 1),
                    message,
                })?;
                cur.tokens.push(token.to_string());
                cur.tags.push(tag);
            }
        }
    }
    flush(&mut docs, &mut cur);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// Reads a labelled CoNLL file.
pub fn read_labeled_file(path: &std::path::Path) -> Result<Vec<Document>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    read_labeled(&text, &path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityType;

    #[test]
    fn reads_documents_sentences_and_tags() {
        let text =
            "-DOCSTART-\n\nJohn\tB-PER\nruns\tx\tO\n\n\n.\tO\n-DOCSTART-\n\nParis\tB-LOC\r\n";
        let docs = read_labeled(text, "t").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][0].tokens, vec!["John", "runs"]);
        assert_eq!(docs[0][0].tags, vec![Tag::B(EntityType::Per), Tag::O]);
        assert_eq!(docs[1][0].tags, vec![Tag::B(EntityType::Loc)]);
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = read_labeled("a\tO\nb\tB-FOO\n", "f.conll").unwrap_err();
        assert!(e.to_string().starts_with("f.conll:2:"), "{e}");
        let e = read_labeled("a\n", "f.conll").unwrap_err();
        assert!(e.to_string().starts_with("f.conll:1:"), "{e}");
    }

    #[test]
    fn classifies_lines() {
        assert_eq!(classify("  "), Line::Break);
        assert_eq!(classify("-DOCSTART-\tO"), Line::DocStart);
        assert_eq!(classify("#tok\tO"), Line::Token("#tok", Some("O")));
    }
}
