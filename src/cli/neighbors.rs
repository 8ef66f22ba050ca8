//! `kg neighbors ENTITY [--depth K]`: the entities within K hops, each with
//! the edge that reached it (within `--since/--until`: through edges with a
//! sentence dated in the range).

use super::args::{DayArgs, WalkArgs};
use super::output;
use crate::graph::{Adjacency, KnowledgeGraph, Within};
use crate::store::{EdgeRow, EntityRow, Store};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name, alias or #ID (case- and accent-insensitive)
    pub entity: String,

    /// How many hops out
    #[arg(long, short = 'd', default_value_t = 1)]
    pub depth: usize,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub days: DayArgs,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,

    /// Show at most this many neighbours, nearest first (0: all); the walk
    /// stops once they are found, so a hub's neighbourhood stays quick
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
}

/// One neighbour: the node, how far, and the edge that first reached it
/// from the node it came from.
#[derive(Serialize)]
pub struct Neighbor {
    pub node: EntityRow,
    pub distance: usize,
    /// The edge that first reached this node, and the node it came from.
    pub via: EdgeRow,
    pub from: EntityRow,
}

/// What `kg neighbors --json` prints (and the Python package returns).
#[derive(Serialize)]
pub struct Answer {
    pub center: EntityRow,
    pub neighbors: Vec<Neighbor>,
    /// Whether `--limit` left neighbours out.
    pub truncated: bool,
}

/// The neighbours `args` asks for, nearest first, then by name and id.
pub fn answer(store: &Store, args: &Args) -> anyhow::Result<Answer> {
    let center = store.resolve(&args.entity)?;
    let walk = args.walk.walk();
    let range = args.days.range();
    let within = Within {
        store,
        range: range.clone(),
    };
    let src: &dyn Adjacency = if range.is_all() { store } else { &within };
    let (n, mut truncated) = if args.limit > 0 && walk.types.is_none() {
        KnowledgeGraph::neighborhood_limited(src, center, args.depth, &walk, args.limit)?
    } else {
        let n = KnowledgeGraph::neighborhood(src, center, args.depth, &walk, false)?;
        (n, false)
    };
    let g = &n.graph;
    let mut list = Vec::new();
    for (id, &distance) in &n.distance {
        let (Some(node), Some(via)) = (g.entity(*id), n.via.get(id)) else {
            continue;
        };
        let Some(from) = g.entity(via.other(*id)) else {
            continue;
        };
        list.push(Neighbor {
            node: node.clone(),
            distance,
            via: *via,
            from: from.clone(),
        });
    }
    list.sort_by(|a, b| {
        (a.distance, &a.node.name, a.node.id).cmp(&(b.distance, &b.node.name, b.node.id))
    });
    if args.limit > 0 && list.len() > args.limit {
        list.truncate(args.limit);
        truncated = true;
    }
    let center = g
        .entity(center)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("entity #{center} vanished"))?;
    Ok(Answer {
        center,
        neighbors: list,
        truncated,
    })
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let Answer {
        center,
        neighbors: list,
        truncated,
    } = answer(&store, &args)?;
    if args.json {
        output::print_json(&Answer {
            center,
            neighbors: list,
            truncated,
        })?;
        return Ok(super::exit::OK);
    }
    let mut t = output::table(["hops", "entity", "type", "via", "from", "conf"]);
    for x in &list {
        t.add_row(vec![
            x.distance.to_string(),
            format!("{} (#{})", x.node.name, x.node.id),
            x.node.kind.to_string(),
            output::arrow(&x.via, x.from.id),
            x.from.name.clone(),
            format!("{:.2}", x.via.confidence),
        ]);
    }
    output::print_table(&t, &format!("{} has no neighbours", center.name))?;
    if truncated {
        output::print_lines(&format!(
            "(nearest {} shown; --limit 0 shows all)\n",
            args.limit
        ))?;
    }
    Ok(super::exit::OK)
}
