//! CSV node and edge lists (RFC 4180: comma-separated, fields quoted when
//! they hold a comma, a quote or a line break, quotes doubled), with the
//! headers Gephi's spreadsheet import knows.
//!
//! `csv-nodes`: `Id,Label,type,aliases,mentions,first_date,last_date`.
//! `csv` (edges): `Source,Target,Type,Id,Label,Weight,confidence,symmetric,
//! attrs,first_date,last_date`, where `Type` is `Undirected` for a
//! symmetric label and `Directed` otherwise, `Id` the relation id and
//! `Weight` the number of evidence sentences. Lists are `;`-joined; dates
//! are the first and last days of the dated articles behind a node, or of
//! the days an edge's evidence is dated by (empty when none is dated).

use crate::store::{Dated, EdgeRow, EntityRow, EvidenceRow};
use std::io::{self, Write};

/// One CSV field, quoted when it must be.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn first_last(dates: &Dated) -> (&str, &str) {
    dates.span()
}

pub(super) fn nodes_header(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "Id,Label,type,aliases,mentions,first_date,last_date")
}

pub(super) fn node(
    w: &mut impl Write,
    e: &EntityRow,
    aliases: &[String],
    dates: &Dated,
) -> io::Result<()> {
    let (first, last) = first_last(dates);
    writeln!(
        w,
        "{},{},{},{},{},{first},{last}",
        e.id,
        field(&e.name),
        e.kind,
        field(&aliases.join(";")),
        e.mentions
    )
}

pub(super) fn edges_header(w: &mut impl Write) -> io::Result<()> {
    writeln!(
        w,
        "Source,Target,Type,Id,Label,Weight,confidence,symmetric,attrs,first_date,last_date"
    )
}

pub(super) fn edge(
    w: &mut impl Write,
    e: &EdgeRow,
    evidence: &[EvidenceRow],
    count: i64,
    dates: &Dated,
) -> io::Result<()> {
    let symmetric = e.label.is_symmetric();
    let (first, last) = first_last(dates);
    writeln!(
        w,
        "{},{},{},{},{},{count},{:.4},{symmetric},{},{first},{last}",
        e.head,
        e.tail,
        if symmetric { "Undirected" } else { "Directed" },
        e.id.0,
        e.label,
        e.confidence,
        field(&super::style::flat_attrs(evidence))
    )
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("Genève"), "Genève");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
    }
}
