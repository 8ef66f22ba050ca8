//! `kg entities [--type T]`: the graph's nodes, most mentioned first.

use super::output;
use crate::model::EntityType;
use crate::store::Store;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entities of this type (PER, ORG, LOC, MISC, EVENT)
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub kind: Option<EntityType>,

    /// At most this many (0: all)
    #[arg(long, default_value_t = 50)]
    pub limit: usize,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let limit = (args.limit > 0).then_some(args.limit);
    let rows = store.entities(args.kind, limit)?;
    if args.json {
        output::print_json(&rows)?;
        return Ok(super::exit::OK);
    }
    let mut t = output::table(["id", "type", "name", "mentions"]);
    for e in &rows {
        t.add_row(vec![
            format!("#{}", e.id),
            e.kind.to_string(),
            e.name.clone(),
            e.mentions.to_string(),
        ]);
    }
    output::print_table(&t, "no entities")?;
    Ok(super::exit::OK)
}
