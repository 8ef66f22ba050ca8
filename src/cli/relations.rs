//! `kg relations`: edges of the graph, optionally those of one entity,
//! filtered by label, confidence and the days their evidence is dated by.

use super::args::{DayArgs, ListArgs, WalkArgs};
use super::output;
use crate::store::{EdgeRow, EntityRow, EvidenceRow, Store};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only relations of this entity (name, alias or #ID)
    #[arg(long, short = 'e', value_name = "ENTITY")]
    pub entity: Option<String>,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub days: DayArgs,

    #[command(flatten)]
    pub list: ListArgs,
}

/// One relation as `kg relations --json` prints it (and the Python
/// package returns it): the edge, its ends' names and its evidence.
#[derive(Serialize)]
pub struct Relation {
    #[serde(flatten)]
    pub edge: EdgeRow,
    pub head_name: String,
    pub tail_name: String,
    pub evidence_count: i64,
    pub evidence: Vec<EvidenceRow>,
}

/// The relations `args` asks for, in the store's order.
pub fn answer(store: &Store, args: &Args) -> anyhow::Result<Vec<Relation>> {
    let filter = args.walk.edges();
    let limit = args.list.limit();
    let range = args.days.range();
    let mut edges = match &args.entity {
        Some(name) => store.incident(store.resolve(name)?, &filter)?,
        None if args.walk.types.is_empty() && range.is_all() => store.relations(&filter, limit)?,
        None => store.relations(&filter, None)?,
    };
    let mut names: BTreeMap<crate::model::EntityId, EntityRow> = BTreeMap::new();
    let mut rows = Vec::new();
    for e in edges.drain(..) {
        if limit.is_some_and(|l| rows.len() >= l) {
            break;
        }
        for id in [e.head, e.tail] {
            if !names.contains_key(&id)
                && let Some(row) = store.entity(id)?
            {
                names.insert(id, row);
            }
        }
        let (Some(h), Some(t)) = (names.get(&e.head), names.get(&e.tail)) else {
            continue;
        };
        let types = &args.walk.types;
        let typed_ok = types.is_empty() || (types.contains(&h.kind) && types.contains(&t.kind));
        if !typed_ok {
            continue;
        }
        let evidence_count = store.evidence_count_in(e.id, &range)?;
        if evidence_count == 0 {
            continue;
        }
        rows.push(Relation {
            edge: e,
            head_name: h.name.clone(),
            tail_name: t.name.clone(),
            evidence_count,
            evidence: store.evidence_in(e.id, Some(args.list.evidence), &range)?,
        });
    }
    Ok(rows)
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let rows = answer(&store, &args)?;
    if args.list.json {
        output::print_json(&rows)?;
        return Ok(super::exit::OK);
    }
    let mut t = output::table(["head", "label", "tail", "conf", "evidence"]);
    for r in &rows {
        t.add_row(vec![
            r.head_name.clone(),
            r.edge.label.to_string(),
            r.tail_name.clone(),
            format!("{:.2}", r.edge.confidence),
            output::evidence_cell(&r.evidence, r.evidence_count),
        ]);
    }
    output::print_table(&t, "no relations")?;
    Ok(super::exit::OK)
}
