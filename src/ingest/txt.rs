//! Plain text and Markdown articles: one article per file. The first line
//! is the title when a blank line follows it (a Markdown `# ` is dropped
//! from the title). The stored and extracted text is the whole file, so
//! offsets point into exactly what was read.

use crate::model::ArticleRecord;

/// Builds the article of one text file's content.
pub fn parse(source: &str, text: String) -> ArticleRecord {
    ArticleRecord {
        source: source.to_string(),
        title: title(&text),
        text,
        ..ArticleRecord::default()
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

    #[test]
    fn title_needs_a_blank_line_after_it() {
        let a = parse("a.md", "# Talks in Geneva\n\nThe two sides met.".into());
        assert_eq!(a.title.as_deref(), Some("Talks in Geneva"));
        assert_eq!(a.text, "# Talks in Geneva\n\nThe two sides met.");
        let b = parse("b.txt", "One line.\nAnother line.\n".into());
        assert_eq!(b.title, None);
        let c = parse("c.txt", "Only a line".into());
        assert_eq!(c.title, None);
    }
}
