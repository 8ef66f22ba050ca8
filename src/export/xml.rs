//! Escaping for the XML formats (GraphML, GEXF): any string, safe in an
//! attribute or text.

/// Escapes a string for XML 1.0 text or a double-quoted attribute: markup
/// characters become entities, tabs and line breaks character references
/// (so attribute values keep them), and characters XML 1.0 forbids
/// (other control characters, U+FFFE, U+FFFF) become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;
    use proptest::prelude::*;

    /// Reads back what [`escape`] writes, as an XML parser would.
    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&#9;", "\t")
            .replace("&#10;", "\n")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    }

    #[test]
    fn escapes_markup_and_keeps_line_breaks_as_references() {
        assert_eq!(
            escape("a<b>&\"c'\n\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#10; "
        );
    }

    proptest! {
        /// Any string survives: no raw markup character is left, and it
        /// reads back as the original with forbidden characters as spaces.
        #[test]
        fn escaping_survives_any_string(s in "\\PC*|[<>&\"'\n\r\t\u{0}-\u{1f} a-zé]{0,20}") {
            let e = escape(&s);
            prop_assert!(!e.contains(['<', '>', '"', '\'', '\n', '\r', '\t']));
            let want: String = s
                .chars()
                .map(|c| if c.is_control() && !"\t\n\r".contains(c) { ' ' } else { c })
                .collect();
            prop_assert_eq!(unescape(&e), want);
        }
    }
}
