//! GEXF 1.3 with time, as Gephi (whose timeline plays it) and NetworkX's
//! `read_gexf` read it: `mode="dynamic"`, `timeformat="date"`.
//!
//! Each node has one spell per day an article mentioning it is dated
//! (`start` = `end` = that day), each edge one per day or interval its
//! evidence sentences are dated by (their date words, "jeudi" or "in
//! March", else their article's day); what has no date has no spell, which
//! Gephi reads as always there. Nodes carry `type`, `aliases` (`;`-joined)
//! and `mentions`, their name as label and their type's colour
//! (`viz:color`, the DOT palette); edges their relation label, the number
//! of evidence sentences as `weight` and `count`, `confidence`,
//! `symmetric`, `attrs` and their first sentence as `evidence`. An edge of
//! a symmetric label is `type="mutual"`: Gephi draws it both ways, and
//! NetworkX adds it in both directions. Edge ids are relation ids.

use super::xml::escape;
use crate::store::{Dated, EdgeRow, EntityRow, EvidenceRow};
use std::io::{self, Write};

pub(super) fn header(w: &mut impl Write, name: &str) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(
        w,
        "  <meta><creator>kg</creator><description>{}</description></meta>",
        escape(name)
    )?;
    writeln!(
        w,
        r#"  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">"#
    )?;
    writeln!(
        w,
        r#"    <attributes class="node" mode="static"><attribute id="type" title="type" type="string"/><attribute id="aliases" title="aliases" type="string"/><attribute id="mentions" title="mentions" type="long"/></attributes>"#
    )?;
    writeln!(
        w,
        r#"    <attributes class="edge" mode="static"><attribute id="count" title="count" type="long"/><attribute id="confidence" title="confidence" type="double"/><attribute id="symmetric" title="symmetric" type="boolean"/><attribute id="attrs" title="attrs" type="string"/><attribute id="evidence" title="evidence" type="string"/></attributes>"#
    )?;
    writeln!(w, "    <nodes>")
}

fn spells(dates: &Dated) -> String {
    if dates.days.is_empty() {
        return String::new();
    }
    let mut s = String::from("<spells>");
    for ((first, last), _) in &dates.days {
        s.push_str(&format!(r#"<spell start="{first}" end="{last}"/>"#));
    }
    s.push_str("</spells>");
    s
}

pub(super) fn node(
    w: &mut impl Write,
    e: &EntityRow,
    aliases: &[String],
    dates: &Dated,
) -> io::Result<()> {
    let [r, g, b] = super::style::colour(e.kind);
    writeln!(
        w,
        r#"      <node id="{}" label="{}"><attvalues><attvalue for="type" value="{}"/><attvalue for="aliases" value="{}"/><attvalue for="mentions" value="{}"/></attvalues>{}<viz:color r="{r}" g="{g}" b="{b}"/></node>"#,
        e.id,
        escape(&e.name),
        e.kind,
        escape(&aliases.join(";")),
        e.mentions,
        spells(dates)
    )
}

pub(super) fn between(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "    </nodes>\n    <edges>")
}

pub(super) fn edge(
    w: &mut impl Write,
    e: &EdgeRow,
    evidence: &[EvidenceRow],
    count: i64,
    dates: &Dated,
) -> io::Result<()> {
    let symmetric = e.label.is_symmetric();
    writeln!(
        w,
        r#"      <edge id="{}" source="{}" target="{}" type="{}" label="{}" weight="{count}"><attvalues><attvalue for="count" value="{count}"/><attvalue for="confidence" value="{:.4}"/><attvalue for="symmetric" value="{symmetric}"/><attvalue for="attrs" value="{}"/><attvalue for="evidence" value="{}"/></attvalues>{}</edge>"#,
        e.id.0,
        e.head,
        e.tail,
        if symmetric { "mutual" } else { "directed" },
        e.label,
        e.confidence,
        escape(&super::style::flat_attrs(evidence)),
        escape(evidence.first().map_or("", |ev| ev.sentence.as_str())),
        spells(dates)
    )
}

pub(super) fn footer(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "    </edges>\n  </graph>\n</gexf>")
}
