//! `kg load FACTS...`: store the facts lines `kg extract` wrote, exactly
//! as `kg ingest` stores the articles they came from (the same store
//! step, `ingest::load`).

use super::ingest::{WriteArgs, write};
use crate::ingest::{self, Options};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files of facts lines (`kg extract`), loaded in the order given, or `-` for standard input
    #[arg(required = true, value_name = "FACTS")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let paths = args.paths;
    write(db, &args.write, Options::default(), |store, opts, on| {
        ingest::load(store, &paths, opts, on)
    })
}
