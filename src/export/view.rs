//! `kg view`: the graph as one self-contained HTML page to explore in a
//! browser, with no network: Cytoscape.js and its fCoSE layout (vendored in
//! `assets/view/vendor/`, see its README) and the page's own script and
//! style are embedded with `include_str!`, the graph as JSON in a
//! `<script type="application/json">` element, each node with its
//! position ([`super::layout`]), so the page draws at once. fCoSE rides
//! as text, run only when the reader asks to refine the layout.
//!
//! The caller collects the nodes and edges of the part it shows (a few
//! hundred nodes: the page is for looking at, not for the whole graph) into
//! a [`ViewGraph`], in id order, then [`write`]s the page to any
//! `io::Write`. JSON inside a `<script>` element must never contain
//! `</script`: [`script_json`] writes `<`, `>` and `&` as `\u` escapes.

use crate::store::{EdgeRow, EntityRow, EvidenceRow};
use serde::Serialize;
use std::io::{self, Write};

const PAGE: &str = include_str!("../../assets/view/page.html");
const STYLE: &str = include_str!("../../assets/view/view.css");
const APP: &str = include_str!("../../assets/view/view.js");

/// The vendored libraries, in load order (each needs the ones before it).
const LIBS: [(&str, &str); 4] = [
    (
        "cytoscape 3.35.0",
        include_str!("../../assets/view/vendor/cytoscape.min.js"),
    ),
    (
        "layout-base 2.0.1",
        include_str!("../../assets/view/vendor/layout-base.js"),
    ),
    (
        "cose-base 2.2.0",
        include_str!("../../assets/view/vendor/cose-base.js"),
    ),
    (
        "cytoscape-fcose 2.2.0",
        include_str!("../../assets/view/vendor/cytoscape-fcose.js"),
    ),
];

/// The libraries after the first (the fCoSE layout, only "Refine layout"
/// needs it) ride in the page as text (`type="text/plain"`), run when
/// first asked for: the browser does not parse 0.3 MB of script before
/// the first draw.
const EAGER_LIBS: usize = 1;

/// One entity as the page reads it.
#[derive(Debug, Clone, Serialize)]
struct Node {
    id: i64,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    mentions: i64,
    aliases: Vec<String>,
    /// Where the layout put it (page units, one decimal).
    x: f64,
    y: f64,
}

/// One sentence supporting an edge.
#[derive(Debug, Clone, Serialize)]
struct Sentence {
    article: String,
    title: Option<String>,
    /// The article's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// The day (or `first/last` days) the sentence itself dates what it
    /// tells, and its words ("jeudi"); none when the article's date stands.
    #[serde(skip_serializing_if = "Option::is_none")]
    when: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_words: Option<String>,
    sentence: String,
    trigger: String,
}

/// One edge, with some of its evidence and how much there is in all.
#[derive(Debug, Clone, Serialize)]
struct Edge {
    source: i64,
    target: i64,
    label: &'static str,
    symmetric: bool,
    confidence: f64,
    count: i64,
    evidence: Vec<Sentence>,
}

/// What the page shows: nodes by id, edges by (source, target, label), and
/// the entity it is centred on, if any.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ViewGraph {
    center: Option<i64>,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

impl ViewGraph {
    /// An empty graph, centred on `center` when given.
    pub fn new(center: Option<crate::model::EntityId>) -> ViewGraph {
        ViewGraph {
            center: center.map(|c| c.0),
            ..ViewGraph::default()
        }
    }

    /// Adds a node; nodes come in id order.
    pub fn node(&mut self, e: &EntityRow, aliases: Vec<String>) {
        self.nodes.push(Node {
            id: e.id.0,
            name: e.name.clone(),
            kind: e.kind.as_str(),
            mentions: e.mentions,
            aliases,
            x: 0.0,
            y: 0.0,
        });
    }

    /// Adds an edge with (some of) its evidence and the number of sentences
    /// supporting it; edges come in (head, tail, label) order.
    pub fn edge(&mut self, e: &EdgeRow, evidence: &[EvidenceRow], count: i64) {
        self.edges.push(Edge {
            source: e.head.0,
            target: e.tail.0,
            label: e.label.as_str(),
            symmetric: e.label.is_symmetric(),
            confidence: e.confidence,
            count,
            evidence: evidence
                .iter()
                .map(|s| Sentence {
                    article: s.article.clone(),
                    title: s.title.clone(),
                    date: s.date.clone(),
                    when: s.date_words.as_ref().and(s.when.clone()),
                    date_words: s.date_words.clone(),
                    sentence: s.sentence.clone(),
                    trigger: s.trigger.clone(),
                })
                .collect(),
        });
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// A copy with every node placed by [`super::layout::lay_out`].
    fn laid_out(&self) -> ViewGraph {
        let index = |id: i64| self.nodes.binary_search_by_key(&id, |n| n.id).ok();
        let links: Vec<(usize, usize)> = self
            .edges
            .iter()
            .filter_map(|e| Some((index(e.source)?, index(e.target)?)))
            .collect();
        let center = self.center.and_then(index);
        let at = super::layout::lay_out(self.nodes.len(), &links, center);
        let mut graph = self.clone();
        for (n, (x, y)) in graph.nodes.iter_mut().zip(at) {
            n.x = (x * 10.0).round() / 10.0;
            n.y = (y * 10.0).round() / 10.0;
        }
        graph
    }
}

/// Writes the page: `title` heads it, `note` says what it shows (and what
/// was left out).
pub fn write<W: Write>(mut w: W, title: &str, note: &str, graph: &ViewGraph) -> io::Result<()> {
    let data = script_json(&graph.laid_out())?;
    let libs: String = LIBS
        .iter()
        .enumerate()
        .map(|(i, (name, js))| {
            let lazy = if i < EAGER_LIBS {
                ""
            } else {
                r#" type="text/plain" class="kg-lazy""#
            };
            format!("<script{lazy}>/* {name}, MIT licence */\n{js}\n</script>\n")
        })
        .collect();
    let mut rest = PAGE;
    while let Some(at) = rest.find('@') {
        let (text, tail) = rest.split_at(at);
        w.write_all(text.as_bytes())?;
        let marker = tail[1..].find('@').map(|end| &tail[..end + 2]);
        let fill = match marker {
            Some("@TITLE@") => super::xml::escape(title),
            Some("@NOTE@") => super::xml::escape(note),
            Some("@STYLE@") => STYLE.to_string(),
            Some("@LIBS@") => libs.clone(),
            Some("@DATA@") => data.clone(),
            Some("@APP@") => APP.to_string(),
            _ => {
                w.write_all(b"@")?;
                rest = &tail[1..];
                continue;
            }
        };
        w.write_all(fill.as_bytes())?;
        rest = &tail[marker.map_or(1, str::len)..];
    }
    w.write_all(rest.as_bytes())?;
    w.flush()
}

/// JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the
/// two line separators JavaScript once refused are written as `\u`
/// escapes. They can only occur inside JSON strings, where the escape
/// means the same character.
pub fn script_json<T: Serialize>(value: &T) -> io::Result<String> {
    let json = serde_json::to_string(value)?;
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::entity;
    use crate::model::{EntityId, Label, RelationId};
    use proptest::prelude::*;

    fn page(names: &[&str]) -> String {
        let mut g = ViewGraph::new(Some(EntityId(1)));
        for (i, n) in names.iter().enumerate() {
            g.node(&entity(i as i64 + 1, n), vec![n.to_string()]);
        }
        let e = EdgeRow {
            id: RelationId(1),
            head: EntityId(1),
            tail: EntityId(2),
            label: Label::Meets,
            confidence: 0.8,
        };
        g.edge(&e, &[], 4);
        let mut out = Vec::new();
        write(&mut out, names[0], names[1], &g).expect("write to a Vec");
        String::from_utf8(out).expect("utf-8")
    }

    /// The JSON between the data element's tags, parsed.
    fn data_of(page: &str) -> serde_json::Value {
        let open = r#"<script type="application/json" id="kg-data">"#;
        let start = page.find(open).expect("data element") + open.len();
        let len = page[start..].find("</script>").expect("closed");
        serde_json::from_str(&page[start..start + len]).expect("valid JSON")
    }

    #[test]
    fn no_embedded_script_can_close_its_element() {
        for (name, js) in LIBS.iter().chain(&[("view.js", APP)]) {
            let lower = js.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "{name} holds </script");
            assert!(!lower.contains("<!--"), "{name} holds <!--");
        }
    }

    #[test]
    fn every_marker_is_filled() {
        let p = page(&["a", "b"]);
        for m in ["@TITLE@", "@NOTE@", "@STYLE@", "@LIBS@", "@DATA@", "@APP@"] {
            assert!(!p.contains(m), "{m} left in the page");
        }
        // The libraries, the error counter, the data and the app.
        assert_eq!(p.matches("<script").count(), LIBS.len() + 3);
        // fCoSE rides as text, run when "Refine layout" first asks for it.
        assert_eq!(
            p.matches(r#"<script type="text/plain" class="kg-lazy">"#)
                .count(),
            LIBS.len() - EAGER_LIBS
        );
        let v = data_of(&p);
        assert_eq!(v["center"], 1);
        assert_eq!(v["edges"][0]["symmetric"], true);
        assert_eq!(v["edges"][0]["count"], 4);
    }

    #[test]
    fn a_name_closing_the_script_stays_data() {
        let evil = "</script><script>alert(1)</script><!--";
        let p = page(&[evil, "x & y <b>"]);
        assert_eq!(data_of(&p)["nodes"][0]["name"], evil);
        assert!(p.contains("<title>&lt;/script&gt;"));
        assert!(p.contains("x &amp; y &lt;b&gt;"));
    }

    proptest! {
        /// Whatever the names, the data element parses and gives them back.
        #[test]
        fn any_name_survives(a in "\\PC*|[<>&/!\\-\u{2028}\u{2029}a-z]{0,12}", b in "\\PC*") {
            let p = page(&[&a, &b]);
            let v = data_of(&p);
            prop_assert_eq!(v["nodes"][0]["name"].as_str(), Some(a.as_str()));
            prop_assert_eq!(v["nodes"][1]["aliases"][0].as_str(), Some(b.as_str()));
        }
    }
}
