//! GraphViz DOT, written by us (petgraph's `Dot` is a debugging aid): nodes
//! styled by entity type, edges labelled, `cooccurs` dashed and grey,
//! symmetric labels without arrowheads; an edge's tooltip gives its
//! confidence, its number of sentences and the days they are dated by.
//! Every string goes through [`escape`], so `dot` accepts any name.

use crate::model::{EntityType, Label};
use crate::store::{Dated, EdgeRow, EntityRow};
use std::io::{self, Write};

/// Escapes a string for a double-quoted DOT string: backslashes and quotes
/// are backslashed, line breaks become DOT's `\n`, other control
/// characters become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn header(w: &mut impl Write, name: &str) -> io::Result<()> {
    writeln!(w, "digraph kg {{")?;
    writeln!(
        w,
        "  graph [label=\"{}\", labelloc=t, fontname=\"Helvetica\", overlap=false];",
        escape(name)
    )?;
    writeln!(
        w,
        "  node [style=filled, fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(w, "  edge [fontname=\"Helvetica\", fontsize=9];")
}

fn shape(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Per => "ellipse",
        EntityType::Org => "box",
        EntityType::Loc => "house",
        EntityType::Misc => "note",
        EntityType::Event => "hexagon",
    }
}

pub(super) fn node(w: &mut impl Write, e: &EntityRow) -> io::Result<()> {
    let (shape, color) = (shape(e.kind), super::style::hex(e.kind));
    writeln!(
        w,
        "  {} [label=\"{}\", shape={shape}, fillcolor=\"{color}\", tooltip=\"{} #{}\"];",
        e.id,
        escape(&e.name),
        e.kind,
        e.id
    )
}

pub(super) fn edge(
    w: &mut impl Write,
    e: &EdgeRow,
    evidence: i64,
    dates: &Dated,
) -> io::Result<()> {
    let mut attrs = format!("label=\"{}\"", escape(e.label.as_str()));
    if e.label.is_symmetric() {
        attrs.push_str(", dir=none");
    }
    if e.label == Label::Cooccurs {
        attrs.push_str(", style=dashed, color=\"#999999\", fontcolor=\"#999999\"");
    }
    let when = match dates.span() {
        ("", _) => String::new(),
        (first, last) if first == last => format!(", {first}"),
        (first, last) => format!(", {first} to {last}"),
    };
    writeln!(
        w,
        "  {} -> {} [{attrs}, tooltip=\"confidence {:.2}, {evidence} sentence(s){when}\"];",
        e.head, e.tail, e.confidence
    )
}

pub(super) fn footer(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "}}")
}

#[cfg(test)]
mod tests {
    use super::escape;
    use proptest::prelude::*;

    /// Reads back a DOT double-quoted string body the way `dot` does for
    /// the escapes we emit.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(c) => out.push(c),
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn escapes_quotes_backslashes_and_newlines() {
        assert_eq!(escape("a \"b\" \\c\nd\re"), "a \\\"b\\\" \\\\c\\nde");
    }

    proptest! {
        /// Any string survives: the escaped form has no bare quote or raw
        /// line break, never ends in a lone backslash, and reads back as
        /// the original (control characters aside).
        #[test]
        fn escaping_survives_any_string(s in "\\PC*|[\"\\\\\n\r\t a-zé]{0,20}") {
            let e = escape(&s);
            prop_assert!(!e.contains('\n') && !e.contains('\r'));
            let mut backslashes = 0;
            for c in e.chars() {
                if c == '"' {
                    prop_assert!(backslashes % 2 == 1, "bare quote in {:?}", e);
                }
                backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            }
            prop_assert!(backslashes % 2 == 0, "dangling backslash in {:?}", e);
            let want: String = s
                .chars()
                .filter(|&c| c != '\r')
                .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
                .collect();
            prop_assert_eq!(unescape(&e), want);
        }
    }
}
