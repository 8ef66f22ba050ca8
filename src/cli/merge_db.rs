//! `kg merge-db OUT DB...`: combine databases into OUT (new or existing),
//! entities by type and key, articles by text hash, as one ingest of all
//! their articles would have built it. Named `merge-db` because `kg merge
//! A B` merges two entities (curation).

use super::ingest::{DeferIndexes, Writing, write};
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

    /// Articles per write transaction, as for `kg ingest`
    #[arg(long, default_value_t = crate::ingest::DEFAULT_BATCH_SIZE as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,

    /// Build the secondary indexes once at the end, as for `kg ingest`
    #[arg(long, value_enum, default_value_t = DeferIndexes::Auto)]
    pub defer_indexes: DeferIndexes,

    /// Seconds to wait for another writer of OUT to finish
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub wait: u64,

    /// Print one line per article
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
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
    let writing = Writing {
        defer_indexes: args.defer_indexes,
        wait: args.wait,
        keep_versions: false,
        verbose: args.verbose,
        json: args.json,
        opts: Options {
            batch_size: args.batch_size as usize,
            ..Options::default()
        },
    };
    let dbs = args.dbs;
    write(&args.out, writing, |store, opts, on| {
        ingest::merge_dbs(store, &dbs, opts, on)
    })
}
