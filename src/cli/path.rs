//! `kg path A B`: how two entities are connected: the shortest path (or the
//! `--k` shortest simple paths), each hop with its label and evidence
//! (within `--since/--until`: through edges with a sentence dated in the
//! range, each hop's evidence dated in it).

use super::args::{DayArgs, WalkArgs};
use super::{exit, output};
use crate::graph::{Adjacency, KnowledgeGraph, Within};
use crate::store::{EdgeRow, EntityRow, EvidenceRow, Store};
use serde::Serialize;
use std::path::Path;

/// The most paths `-k` asks for: each costs a search of the graph, so a
/// larger number is a usage error rather than minutes of work.
pub const MAX_K: u32 = 1000;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// From: name, alias or #ID
    pub from: String,
    /// To: name, alias or #ID
    pub to: String,

    /// How many shortest simple paths (at most 1000)
    #[arg(long, short = 'k', default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=MAX_K as i64))]
    pub k: u32,

    /// Longest path considered, in hops
    #[arg(long, default_value_t = 6)]
    pub max_len: usize,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub days: DayArgs,

    /// Evidence sentences per hop
    #[arg(long, default_value_t = 1)]
    pub evidence: usize,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// One step of a path in JSON: the node reached and the edge that reached
/// it (none for the first node).
#[derive(Serialize)]
pub struct Step {
    pub node: EntityRow,
    pub edge: Option<Edge>,
}

#[derive(Serialize)]
pub struct Edge {
    #[serde(flatten)]
    pub row: EdgeRow,
    /// Whether the hop walks the edge from head to tail.
    pub forward: bool,
    pub evidence: Vec<EvidenceRow>,
}

/// What `kg path --json` prints (and the Python package returns): each
/// path from the first entity to the second, shortest first.
#[derive(Serialize)]
pub struct Out {
    pub paths: Vec<Vec<Step>>,
    /// The two ends, for the message when no path joins them.
    #[serde(skip)]
    pub ends: [EntityRow; 2],
}

/// The paths `args` asks for (none when no path is short enough).
pub fn answer(store: &Store, args: &Args) -> anyhow::Result<Out> {
    let a = store.resolve(&args.from)?;
    let b = store.resolve(&args.to)?;
    let range = args.days.range();
    let within = Within {
        store,
        range: range.clone(),
    };
    let src: &dyn Adjacency = if range.is_all() { store } else { &within };
    let (g, paths) =
        KnowledgeGraph::paths(src, a, b, args.k as usize, args.max_len, &args.walk.walk())?;
    let node = |id| {
        g.entity(id)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("entity #{id} vanished"))
    };
    let mut out = Out {
        paths: Vec::new(),
        ends: [node(a)?, node(b)?],
    };
    for p in &paths {
        let mut steps = vec![Step {
            node: node(a)?,
            edge: None,
        }];
        for h in p {
            steps.push(Step {
                node: node(h.to)?,
                edge: Some(Edge {
                    row: h.edge,
                    forward: h.edge.head == h.from,
                    evidence: store.evidence_in(h.edge.id, Some(args.evidence), &range)?,
                }),
            });
        }
        out.paths.push(steps);
    }
    Ok(out)
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let out = answer(&store, &args)?;
    let code = if out.paths.is_empty() {
        exit::FAILURE
    } else {
        exit::OK
    };
    if args.json {
        output::print_json(&out)?;
    } else if out.paths.is_empty() {
        output::print_lines(&format!(
            "no path between {} and {} within {} hop{}\n",
            out.ends[0].name,
            out.ends[1].name,
            args.max_len,
            if args.max_len == 1 { "" } else { "s" }
        ))?;
    } else {
        output::print_lines(&render(&out))?;
    }
    Ok(code)
}

fn render(out: &Out) -> String {
    let mut text = String::new();
    for (i, steps) in out.paths.iter().enumerate() {
        text.push_str(&format!("path {} ({} hops):\n", i + 1, steps.len() - 1));
        for s in steps {
            if let Some(e) = &s.edge {
                let arrow = match (e.row.label.is_symmetric(), e.forward) {
                    (true, _) => format!("-- {} --", e.row.label),
                    (false, true) => format!("-- {} ->", e.row.label),
                    (false, false) => format!("<- {} --", e.row.label),
                };
                text.push_str(&format!("    {arrow} ({:.2})\n", e.row.confidence));
                for ev in &e.evidence {
                    let mut whence = output::provenance(ev);
                    if !ev.trigger.is_empty() {
                        whence.push_str(&format!(", trigger \"{}\"", ev.trigger));
                    }
                    if let Some(on) = output::sentence_date(ev) {
                        whence.push_str(&format!(", {on}"));
                    }
                    text.push_str(&format!(
                        "        \"{}\"\n        ({whence})\n",
                        ev.sentence.replace('\n', " "),
                    ));
                }
            }
            text.push_str(&format!(
                "  {} ({}, #{})\n",
                s.node.name, s.node.kind, s.node.id
            ));
        }
    }
    text
}
