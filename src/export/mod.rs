//! Exports: the graph, or a part of it, written to any `io::Write` in a
//! stable order: nodes by id, then edges by (source, target, label).
//!
//! The caller streams nodes then edges into an [`Exporter`]; it never holds
//! the graph. Each edge gets its multigraph `key`: 0, 1, ... among the
//! edges of the same (source, target) pair, in label order.
//!
//! [`select`] is the filtered graph view (`--top`, `--min-count`,
//! `--since`, `--around`, ...) every format writes; `style` the colours
//! and flat values the formats share, `xml` the XML escaping.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod layout;
pub mod neighborhood;
pub mod neo4j;
pub mod rdf;
pub mod select;
pub mod style;
pub mod view;
pub mod xml;

use crate::model::EntityId;
use crate::store::{Dated, EdgeRow, EntityRow, EvidenceRow};
use std::io::{self, Write};
use std::str::FromStr;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// NetworkX node-link JSON (interfaces.md).
    Json,
    /// GraphViz DOT.
    Dot,
    /// GraphML (NetworkX, Gephi).
    Graphml,
    /// GEXF 1.3 with time (Gephi, NetworkX).
    Gexf,
    /// CSV edge list.
    Csv,
    /// CSV node list.
    CsvNodes,
    /// `neo4j-admin database import` CSV: nodes to the exporter's writer,
    /// relationships to [`Options::relationships`].
    Neo4j,
    /// A Cypher script of `MERGE` statements.
    Cypher,
    /// RDF N-Triples.
    NTriples,
    /// RDF Turtle.
    Turtle,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Ok(Format::Json),
            "dot" | "gv" => Ok(Format::Dot),
            "graphml" => Ok(Format::Graphml),
            "gexf" => Ok(Format::Gexf),
            "csv" | "csv-edges" => Ok(Format::Csv),
            "csv-nodes" => Ok(Format::CsvNodes),
            "neo4j" => Ok(Format::Neo4j),
            "cypher" => Ok(Format::Cypher),
            "ntriples" | "nt" => Ok(Format::NTriples),
            "turtle" | "ttl" => Ok(Format::Turtle),
            _ => Err(format!(
                "unknown format {s:?} (expected json, dot, graphml, gexf, csv, csv-nodes, \
                 neo4j, cypher, ntriples or turtle)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Nodes,
    Edges,
}

/// Reads one entity by id (`None` when there is none).
pub type Entities<'a> = Box<dyn FnMut(EntityId) -> io::Result<Option<EntityRow>> + 'a>;

/// What some formats need besides the writer.
pub struct Options<'a, W> {
    /// The IRIs of `ntriples` and `turtle` hang off this.
    pub base_iri: rdf::BaseIri,
    /// Where `neo4j` writes its relationships file (it needs one).
    pub relationships: Option<W>,
    /// `ntriples` and `turtle` name an edge's ends by their type and key,
    /// read through this as the edges are written (rather than keeping an
    /// IRI per node); without it they cannot write edges.
    pub entities: Option<Entities<'a>>,
}

impl<W> Default for Options<'_, W> {
    fn default() -> Self {
        Options {
            base_iri: rdf::BaseIri::default(),
            relationships: None,
            entities: None,
        }
    }
}

/// Streams one graph out in a format.
pub struct Exporter<'a, W: Write> {
    w: W,
    format: Format,
    stage: Stage,
    nodes: usize,
    edges: usize,
    pair: Option<(EntityId, EntityId)>,
    key: usize,
    /// `neo4j`'s relationships file.
    relationships: Option<W>,
    /// `ntriples` and `turtle`'s state.
    rdf: Option<rdf::Rdf<'a>>,
}

impl<'a, W: Write> Exporter<'a, W> {
    /// Writes the header; `name` becomes the graph's name.
    pub fn new(w: W, format: Format, name: &str) -> io::Result<Self> {
        Self::with_options(w, format, name, Options::default())
    }

    /// [`Exporter::new`] with the options some formats need.
    pub fn with_options(
        mut w: W,
        format: Format,
        name: &str,
        options: Options<'a, W>,
    ) -> io::Result<Self> {
        let mut relationships = options.relationships;
        let mut rdf = match format {
            Format::NTriples | Format::Turtle => Some(rdf::Rdf::new(
                options.base_iri,
                format == Format::Turtle,
                options.entities,
            )),
            _ => None,
        };
        match format {
            Format::Json => json::header(&mut w, name)?,
            Format::Dot => dot::header(&mut w, name)?,
            Format::Graphml => graphml::header(&mut w, name)?,
            Format::Gexf => gexf::header(&mut w, name)?,
            Format::Csv => csv::edges_header(&mut w)?,
            Format::CsvNodes => csv::nodes_header(&mut w)?,
            Format::Neo4j => {
                let r = relationships.as_mut().ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "neo4j needs a relationships file",
                    )
                })?;
                neo4j::csv_nodes_header(&mut w)?;
                neo4j::csv_relationships_header(r)?;
            }
            Format::Cypher => neo4j::cypher_header(&mut w, name)?,
            Format::NTriples | Format::Turtle => {
                if let Some(r) = rdf.as_mut() {
                    r.header(&mut w, name)?;
                }
            }
        }
        Ok(Exporter {
            w,
            format,
            stage: Stage::Nodes,
            nodes: 0,
            edges: 0,
            pair: None,
            key: 0,
            relationships,
            rdf,
        })
    }

    /// Writes one node; nodes come in id order, before every edge.
    pub fn node(&mut self, e: &EntityRow, aliases: &[String]) -> io::Result<()> {
        self.node_dated(e, aliases, &Dated::default())
    }

    /// Writes one node with the days of the articles mentioning it (see
    /// [`Exporter::wants_dates`]).
    pub fn node_dated(
        &mut self,
        e: &EntityRow,
        aliases: &[String],
        dates: &Dated,
    ) -> io::Result<()> {
        debug_assert_eq!(self.stage, Stage::Nodes, "nodes come before edges");
        match self.format {
            Format::Json => json::node(&mut self.w, self.nodes == 0, e, aliases)?,
            Format::Dot => dot::node(&mut self.w, e)?,
            Format::Graphml => graphml::node(&mut self.w, e, aliases)?,
            Format::Gexf => gexf::node(&mut self.w, e, aliases, dates)?,
            Format::CsvNodes => csv::node(&mut self.w, e, aliases, dates)?,
            Format::Csv => {}
            Format::Neo4j => neo4j::csv_node(&mut self.w, e, aliases)?,
            Format::Cypher => neo4j::cypher_node(&mut self.w, e, aliases)?,
            Format::NTriples | Format::Turtle => {
                if let Some(r) = self.rdf.as_mut() {
                    r.node(&mut self.w, e, aliases)?;
                }
            }
        }
        self.nodes += 1;
        Ok(())
    }

    /// Whether this format writes evidence sentences (else only their
    /// number is needed, and callers can skip reading them).
    pub fn wants_evidence(&self) -> bool {
        !matches!(self.format, Format::Dot | Format::CsvNodes)
    }

    /// Whether this format writes the days of nodes and edges (else
    /// callers can skip reading them).
    pub fn wants_dates(&self) -> bool {
        matches!(
            self.format,
            Format::Gexf | Format::Csv | Format::CsvNodes | Format::Dot
        )
    }

    /// Writes one edge with (some of) its evidence and the number of
    /// sentences supporting it; edges come in (head, tail, label) order.
    pub fn edge(&mut self, e: &EdgeRow, evidence: &[EvidenceRow], count: i64) -> io::Result<()> {
        self.edge_dated(e, evidence, count, &Dated::default())
    }

    /// Writes one edge with the days of its evidence's articles (see
    /// [`Exporter::wants_dates`]).
    pub fn edge_dated(
        &mut self,
        e: &EdgeRow,
        evidence: &[EvidenceRow],
        count: i64,
        dates: &Dated,
    ) -> io::Result<()> {
        if self.stage == Stage::Nodes {
            self.between()?;
            self.stage = Stage::Edges;
        }
        let pair = (e.head, e.tail);
        self.key = if self.pair == Some(pair) {
            self.key + 1
        } else {
            0
        };
        self.pair = Some(pair);
        match self.format {
            Format::Json => json::edge(&mut self.w, self.edges == 0, e, self.key, evidence, count)?,
            Format::Dot => dot::edge(&mut self.w, e, count, dates)?,
            Format::Graphml => graphml::edge(&mut self.w, e, evidence, count)?,
            Format::Gexf => gexf::edge(&mut self.w, e, evidence, count, dates)?,
            Format::Csv => csv::edge(&mut self.w, e, evidence, count, dates)?,
            Format::CsvNodes => {}
            Format::Neo4j => {
                if let Some(r) = self.relationships.as_mut() {
                    neo4j::csv_edge(r, e, self.key, evidence, count)?;
                }
            }
            Format::Cypher => neo4j::cypher_edge(&mut self.w, e, self.key, evidence, count)?,
            Format::NTriples | Format::Turtle => {
                if let Some(r) = self.rdf.as_mut() {
                    r.edge(&mut self.w, e, evidence, count)?;
                }
            }
        }
        self.edges += 1;
        Ok(())
    }

    /// Writes the footer and hands back the writer, with the counts of
    /// nodes and edges written.
    pub fn finish(mut self) -> io::Result<(W, usize, usize)> {
        if self.stage == Stage::Nodes {
            self.between()?;
        }
        match self.format {
            Format::Json => json::footer(&mut self.w)?,
            Format::Dot => dot::footer(&mut self.w)?,
            Format::Graphml => graphml::footer(&mut self.w)?,
            Format::Gexf => gexf::footer(&mut self.w)?,
            Format::Csv | Format::CsvNodes | Format::Neo4j | Format::Cypher => {}
            Format::NTriples | Format::Turtle => {
                if let Some(r) = self.rdf.as_mut() {
                    r.footer(&mut self.w)?;
                }
            }
        }
        if let Some(r) = self.relationships.as_mut() {
            r.flush()?;
        }
        self.w.flush()?;
        Ok((self.w, self.nodes, self.edges))
    }

    /// What comes between the nodes and the edges.
    fn between(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => json::between(&mut self.w),
            Format::Gexf => gexf::between(&mut self.w),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Label, RelationId};
    use proptest::prelude::*;

    /// A PER entity mentioned once (also for the exporters' own tests).
    pub(super) fn entity(id: i64, name: &str) -> EntityRow {
        EntityRow {
            id: EntityId(id),
            name: name.to_string(),
            kind: EntityType::Per,
            key: name.to_lowercase(),
            mentions: 1,
        }
    }

    fn edge(id: i64, head: i64, tail: i64, label: Label) -> EdgeRow {
        EdgeRow {
            id: RelationId(id),
            head: EntityId(head),
            tail: EntityId(tail),
            label,
            confidence: 0.5,
        }
    }

    #[test]
    fn keys_count_edges_of_the_same_pair() {
        let mut x = Exporter::new(Vec::new(), Format::Json, "g").expect("header");
        x.node(&entity(1, "a"), &[]).expect("node");
        x.node(&entity(2, "b"), &[]).expect("node");
        x.edge(&edge(1, 1, 2, Label::Cooccurs), &[], 1)
            .expect("edge");
        x.edge(&edge(2, 1, 2, Label::Meets), &[], 1).expect("edge");
        x.edge(&edge(3, 2, 1, Label::Role), &[], 1).expect("edge");
        let (out, n, e) = x.finish().expect("footer");
        assert_eq!((n, e), (2, 3));
        let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        let keys: Vec<i64> = v["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .map(|e| e["key"].as_i64().expect("key"))
            .collect();
        assert_eq!(keys, vec![0, 1, 0]);
    }

    /// RDF names an edge's ends from their entities, read by id as edges
    /// are written; without a way to read them it refuses the edge.
    #[test]
    fn rdf_edges_read_their_ends() {
        let ends = [entity(1, "a"), entity(2, "b")];
        let read = |id: EntityId| Ok(ends.iter().find(|e| e.id == id).cloned());
        let options = Options {
            entities: Some(Box::new(read)),
            ..Options::default()
        };
        let mut x =
            Exporter::with_options(Vec::new(), Format::NTriples, "g", options).expect("header");
        x.node(&ends[0], &[]).expect("node");
        x.node(&ends[1], &[]).expect("node");
        x.edge(&edge(1, 1, 2, Label::Meets), &[], 1).expect("edge");
        x.edge(&edge(2, 1, 3, Label::Meets), &[], 1)
            .expect_err("#3 cannot be read");
        let (out, _, _) = x.finish().expect("footer");
        let text = String::from_utf8(out).expect("utf-8");
        let base = "http://example.org/kg/";
        let triple = format!("<{base}entity/PER/a> <{base}ontology/meets> <{base}entity/PER/b> .");
        assert!(text.lines().any(|l| l == triple), "{text}");
        let mut bare = Exporter::new(Vec::new(), Format::Turtle, "g").expect("header");
        bare.node(&ends[0], &[]).expect("node");
        bare.edge(&edge(1, 1, 1, Label::Meets), &[], 1)
            .expect_err("no way to read the ends");
    }

    #[test]
    fn empty_graphs_are_valid() {
        for format in [
            Format::Json,
            Format::Dot,
            Format::Graphml,
            Format::Gexf,
            Format::Csv,
            Format::CsvNodes,
            Format::Neo4j,
            Format::Cypher,
            Format::NTriples,
            Format::Turtle,
        ] {
            let options = Options {
                relationships: (format == Format::Neo4j).then(Vec::new),
                ..Options::default()
            };
            let x = Exporter::with_options(Vec::new(), format, "empty", options).expect("header");
            let (out, _, _) = x.finish().expect("footer");
            let text = String::from_utf8(out).expect("utf-8");
            match format {
                Format::Json => {
                    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
                    assert_eq!(v["nodes"], serde_json::json!([]));
                }
                Format::Dot => assert!(text.starts_with("digraph kg {") && text.ends_with("}\n")),
                Format::Graphml => assert!(text.ends_with("</graph>\n</graphml>\n")),
                Format::Gexf => {
                    assert!(text.ends_with(
                        "<nodes>\n    </nodes>\n    <edges>\n    </edges>\n  </graph>\n</gexf>\n"
                    ))
                }
                Format::Csv | Format::CsvNodes | Format::Neo4j => {
                    assert_eq!(text.lines().count(), 1)
                }
                Format::Cypher => assert!(text.ends_with("REQUIRE n.id IS UNIQUE;\n")),
                Format::NTriples | Format::Turtle => assert!(text.ends_with(" .\n")),
            }
        }
    }

    proptest! {
        /// Whatever the names, the JSON export parses and gives them back.
        #[test]
        fn json_survives_any_name(names in proptest::collection::vec("\\PC*|[\"\\\\\n\u{0}-\u{1f}]{0,8}", 1..5)) {
            let mut x = Exporter::new(Vec::new(), Format::Json, &names[0]).expect("header");
            for (i, n) in names.iter().enumerate() {
                x.node(&entity(i as i64 + 1, n), std::slice::from_ref(n)).expect("node");
            }
            let (out, _, _) = x.finish().expect("footer");
            let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
            prop_assert_eq!(v["graph"]["name"].as_str(), Some(names[0].as_str()));
            for (i, n) in names.iter().enumerate() {
                prop_assert_eq!(v["nodes"][i]["name"].as_str(), Some(n.as_str()));
                prop_assert_eq!(v["nodes"][i]["aliases"][0].as_str(), Some(n.as_str()));
            }
        }
    }
}
