//! `kg load FACTS...`: store the facts lines `kg extract` wrote, exactly
//! as `kg ingest` stores the articles they came from (the same store
//! step, `ingest::load`).

use super::ingest::{DeferIndexes, Writing, write};
use crate::ingest::{self, Options};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files of facts lines (`kg extract`), loaded in the order given, or `-` for standard input
    #[arg(required = true, value_name = "FACTS")]
    pub paths: Vec<PathBuf>,

    /// Articles per write transaction, as for `kg ingest`
    #[arg(long, default_value_t = crate::ingest::DEFAULT_BATCH_SIZE as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,

    /// Build the secondary indexes once at the end, as for `kg ingest`
    #[arg(long, value_enum, default_value_t = DeferIndexes::Auto)]
    pub defer_indexes: DeferIndexes,

    /// Seconds to wait for another writer of the same database to finish
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub wait: u64,

    /// Keep the older version of a corrected article, as for `kg ingest`
    #[arg(long)]
    pub keep_versions: bool,

    /// Skip articles in a language kg does not extract
    #[arg(long)]
    pub skip_unsupported: bool,

    /// Print one line per article and extraction notes
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let writing = Writing {
        defer_indexes: args.defer_indexes,
        wait: args.wait,
        keep_versions: args.keep_versions,
        verbose: args.verbose,
        json: args.json,
        opts: Options {
            batch_size: args.batch_size as usize,
            skip_unsupported: args.skip_unsupported,
            ..Options::default()
        },
    };
    let paths = args.paths;
    write(db, writing, |store, opts, on| {
        ingest::load(store, &paths, opts, on)
    })
}
