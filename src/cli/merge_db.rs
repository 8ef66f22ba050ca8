//! `kg merge-db OUT DB...`: combine databases into OUT (new or existing),
//! entities by type and key, articles by text hash, as one ingest of all
//! their articles would have built it, the curation of curated ones
//! adopted first (`Store::adopt_curation`). Named `merge-db` because `kg merge
//! A B` merges two entities (curation).

use super::ingest::{WriteArgs, write};
use crate::ingest::{self, Options};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database to write (created when absent; `--db` is not read)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,

    /// Databases to merge into OUT, in this order
    #[arg(required = true, value_name = "DB")]
    pub dbs: Vec<PathBuf>,

    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let same = |db: &PathBuf| match (std::fs::canonicalize(db), std::fs::canonicalize(&args.out)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if let Some(db) = args.dbs.iter().find(|db| same(db)) {
        anyhow::bail!(
            "{}: OUT is also one of the databases to merge; write to a new file",
            db.display()
        );
    }
    let dbs = args.dbs;
    write(
        &args.out,
        &args.write,
        Options::default(),
        |store, opts, on| ingest::merge_dbs(store, &dbs, opts, on),
    )
}
