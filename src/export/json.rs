//! Node-link JSON, the format `networkx.node_link_graph(data,
//! edges="edges")` reads: a directed multigraph whose nodes carry name,
//! type, aliases and mention count, and whose edges carry label, key,
//! confidence, evidence count, `symmetric` (the label has no direction:
//! `meets`, `agrees_with`, `cooccurs`), attributes and evidence
//! (code-point offsets).
//! One node or edge per line, so large exports stay greppable.

use crate::store::{EdgeRow, EntityRow, EvidenceRow};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub(super) fn header(w: &mut impl Write, name: &str) -> io::Result<()> {
    write!(
        w,
        "{{\"directed\": true, \"multigraph\": true, \"graph\": {},\n\"nodes\": [",
        json!({ "name": name })
    )
}

pub(super) fn between(w: &mut impl Write) -> io::Result<()> {
    write!(w, "\n],\n\"edges\": [")
}

pub(super) fn footer(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "\n]}}")
}

#[derive(Serialize)]
struct Node<'a> {
    id: i64,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    aliases: &'a [String],
    mentions: i64,
    /// Extraction's key: a GeoNames id, an ISO code, `org:...`.
    key: &'a str,
}

pub(super) fn node(
    w: &mut impl Write,
    first: bool,
    e: &EntityRow,
    aliases: &[String],
) -> io::Result<()> {
    w.write_all(if first { b"\n" } else { b",\n" })?;
    serde_json::to_writer(
        &mut *w,
        &Node {
            id: e.id.0,
            name: &e.name,
            kind: e.kind.as_str(),
            aliases,
            mentions: e.mentions,
            key: &e.key,
        },
    )?;
    Ok(())
}

#[derive(Serialize)]
struct Evidence<'a> {
    article: &'a str,
    sentence: &'a str,
    start: i64,
    end: i64,
    trigger: &'a str,
    confidence: f64,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    attrs: &'a BTreeMap<String, String>,
    /// Provenance: the article's number, then what its source gave.
    article_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<&'a str>,
    #[serde(skip_serializing_if = "is_first")]
    version: i64,
    /// When the sentence dates it (a day or `first/last`), and its words.
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_words: Option<&'a str>,
}

fn is_first(v: &i64) -> bool {
    *v == 1
}

#[derive(Serialize)]
struct Edge<'a> {
    source: i64,
    target: i64,
    key: usize,
    label: &'a str,
    confidence: f64,
    count: i64,
    symmetric: bool,
    attrs: BTreeMap<&'a str, &'a str>,
    evidence: Vec<Evidence<'a>>,
}

pub(super) fn edge(
    w: &mut impl Write,
    first: bool,
    e: &EdgeRow,
    key: usize,
    evidence: &[EvidenceRow],
    count: i64,
) -> io::Result<()> {
    w.write_all(if first { b"\n" } else { b",\n" })?;
    let attrs = super::style::attrs(evidence);
    serde_json::to_writer(
        &mut *w,
        &Edge {
            source: e.head.0,
            target: e.tail.0,
            key,
            label: e.label.as_str(),
            confidence: round(e.confidence),
            count,
            symmetric: e.label.is_symmetric(),
            attrs,
            evidence: evidence
                .iter()
                .map(|ev| Evidence {
                    article: &ev.article,
                    sentence: &ev.sentence,
                    start: ev.start,
                    end: ev.end,
                    trigger: &ev.trigger,
                    confidence: round(ev.confidence),
                    attrs: &ev.attrs,
                    article_id: ev.article_id.0,
                    title: ev.title.as_deref(),
                    date: ev.date.as_deref(),
                    url: ev.url.as_deref(),
                    external_id: ev.external_id.as_deref(),
                    version: ev.version,
                    when: ev.when.as_deref(),
                    date_words: ev.date_words.as_deref(),
                })
                .collect(),
        },
    )?;
    Ok(())
}

/// Confidences are stored as f32-derived f64s; four decimals keep the
/// output readable and stable.
pub(super) fn round(c: f64) -> f64 {
    (c * 10_000.0).round() / 10_000.0
}
