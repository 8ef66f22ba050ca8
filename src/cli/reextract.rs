//! `kg reextract`: extraction run again over the stored texts with this
//! build's model and lists, curation rules kept, and a report of the
//! entities and relations it added and removed.

use super::{exit, ingest, output};
use crate::ingest::reextract::{self, DEFAULT_BATCH_SIZE, Progress};
use crate::store::Store;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  kg reextract\n  kg reextract --verbose --batch-size 256")]
pub struct Args {
    /// Stored articles per write transaction (an interrupted run keeps
    /// each committed batch, the others keep their old facts)
    #[arg(long, default_value_t = DEFAULT_BATCH_SIZE as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,

    /// Seconds to wait for a `kg ingest` into the same database to finish
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub wait: u64,

    /// List the entities and relations added and removed
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the summary (with the lists) as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Report<'a> {
    articles: usize,
    articles_failed: usize,
    entities_added: &'a [String],
    entities_removed: &'a [String],
    relations_added: &'a [String],
    relations_removed: &'a [String],
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    if !db.is_file() {
        return Err(crate::error::Error::MissingDatabase {
            path: db.to_path_buf(),
        }
        .into());
    }
    ingest::quiet_caught_panics();
    // One writer at a time: an ingest waits for the run, and it for one.
    let _lock = ingest::lock(db, args.wait)?;
    let mut store = Store::open(db).map_err(super::at_db(db))?;
    let mut on = |p: Progress<'_>| match p {
        Progress::Failed { source, why } => eprintln!("kg: {source}: {why}"),
        Progress::Committed { done } if args.verbose => eprintln!("kg: {done} articles done"),
        Progress::Committed { .. } => {}
    };
    let s = reextract::reextract(&mut store, args.batch_size as usize, &mut on)?;
    store.close_writer()?;
    if args.json {
        output::print_json(&Report {
            articles: s.articles,
            articles_failed: s.failed,
            entities_added: &s.entities_added,
            entities_removed: &s.entities_removed,
            relations_added: &s.relations_added,
            relations_removed: &s.relations_removed,
        })?;
    } else {
        let mut text = format!(
            "articles:  {} re-extracted, {} failed\nentities:  +{} -{}\nrelations: +{} -{}\n",
            s.articles,
            s.failed,
            s.entities_added.len(),
            s.entities_removed.len(),
            s.relations_added.len(),
            s.relations_removed.len()
        );
        if args.verbose {
            for (sign, keys) in [
                ("+ entity", &s.entities_added),
                ("- entity", &s.entities_removed),
                ("+ relation", &s.relations_added),
                ("- relation", &s.relations_removed),
            ] {
                for k in keys.iter() {
                    text.push_str(&format!("{sign} {k}\n"));
                }
            }
        }
        output::print_lines(&text)?;
    }
    Ok(if s.failed > 0 {
        exit::SOME_FAILED
    } else {
        exit::OK
    })
}
