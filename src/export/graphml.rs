//! GraphML, as NetworkX's `read_graphml` and Gephi read it: a directed
//! graph whose node ids are entity ids.
//!
//! Gephi's conventions: a node's `label` is its name and its colour the
//! `r`, `g`, `b` integer keys (the DOT palette by type); an edge's `label`
//! is its relation label and its `weight` the number of evidence
//! sentences, and `evidence` holds its first sentence. Every value is flat (aliases and edge attributes are
//! `;`-joined strings), so NetworkX can read and write the graph again.
//! An edge of a symmetric label (`meets`, `agrees_with`, `cooccurs`) is
//! written both ways, both marked `symmetric`: edge ids are `e` and the
//! relation id, and `~` after it for the reverse copy (NetworkX uses them
//! as multigraph keys).

use super::xml::escape;
use crate::store::{EdgeRow, EntityRow, EvidenceRow};
use std::io::{self, Write};

/// (id, for, name, type) of each key, in the order they are declared.
const KEYS: [(&str, &str, &str, &str); 15] = [
    ("name", "graph", "name", "string"),
    ("label", "node", "label", "string"),
    ("type", "node", "type", "string"),
    ("aliases", "node", "aliases", "string"),
    ("mentions", "node", "mentions", "long"),
    ("r", "node", "r", "int"),
    ("g", "node", "g", "int"),
    ("b", "node", "b", "int"),
    ("elabel", "edge", "label", "string"),
    ("weight", "edge", "weight", "double"),
    ("confidence", "edge", "confidence", "double"),
    ("count", "edge", "count", "long"),
    ("symmetric", "edge", "symmetric", "boolean"),
    ("attrs", "edge", "attrs", "string"),
    ("evidence", "edge", "evidence", "string"),
];

pub(super) fn header(w: &mut impl Write, name: &str) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, on, name, kind) in KEYS {
        writeln!(
            w,
            r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="kg" edgedefault="directed">"#)?;
    writeln!(w, r#"    <data key="name">{}</data>"#, escape(name))
}

pub(super) fn node(w: &mut impl Write, e: &EntityRow, aliases: &[String]) -> io::Result<()> {
    let [r, g, b] = super::style::colour(e.kind);
    writeln!(
        w,
        r#"    <node id="{}"><data key="label">{}</data><data key="type">{}</data><data key="aliases">{}</data><data key="mentions">{}</data><data key="r">{r}</data><data key="g">{g}</data><data key="b">{b}</data></node>"#,
        e.id,
        escape(&e.name),
        e.kind,
        escape(&aliases.join(";")),
        e.mentions
    )
}

pub(super) fn edge(
    w: &mut impl Write,
    e: &EdgeRow,
    evidence: &[EvidenceRow],
    count: i64,
) -> io::Result<()> {
    let symmetric = e.label.is_symmetric();
    let data = format!(
        r#"<data key="elabel">{}</data><data key="weight">{count}</data><data key="confidence">{:.4}</data><data key="count">{count}</data><data key="symmetric">{symmetric}</data><data key="attrs">{}</data><data key="evidence">{}</data>"#,
        e.label,
        e.confidence,
        escape(&super::style::flat_attrs(evidence)),
        escape(evidence.first().map_or("", |ev| ev.sentence.as_str()))
    );
    writeln!(
        w,
        r#"    <edge id="e{}" source="{}" target="{}">{data}</edge>"#,
        e.id.0, e.head, e.tail
    )?;
    if symmetric {
        writeln!(
            w,
            r#"    <edge id="e{}~" source="{}" target="{}">{data}</edge>"#,
            e.id.0, e.tail, e.head
        )?;
    }
    Ok(())
}

pub(super) fn footer(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "  </graph>\n</graphml>")
}
