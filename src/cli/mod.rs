//! The command line: one file per subcommand, each a clap `Args` struct and
//! `run(args)`. Only this module (and `main.rs`) prints, reads the
//! environment or chooses exit codes.

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

pub mod args;
pub mod bench;
mod bench_extract;
pub mod bench_tag;
mod curate;
mod entities;
pub mod eval;
pub mod eval_ner;
pub mod export;
mod extract;
mod gold;
mod ingest;
mod load;
mod merge_db;
pub mod neighbors;
mod output;
pub mod path;
mod reextract;
pub mod relations;
mod show;
mod stats;
pub mod tag;
mod timeline;
pub mod train_ner;
pub mod train_rel;
mod view;

/// Exit codes, in one place.
pub mod exit {
    pub const OK: i32 = 0;
    pub const FAILURE: i32 = 1;
    /// Usage errors, unknown or ambiguous entities.
    pub const USAGE: i32 = 2;
    /// `kg ingest`: some inputs failed (each reported), the others were
    /// stored.
    pub const SOME_FAILED: i32 = 3;
}

#[derive(Debug, Parser)]
#[command(
    name = "kg",
    version,
    about = "Build a knowledge graph from news articles and question it"
)]
pub struct Cli {
    /// SQLite database [default: $KG_DB, else ./kg.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score extraction against gold data
    Eval(eval::EvalArgs),
    /// Read articles (files, directories, `-` for stdin) into the database
    Ingest(ingest::Args),
    /// Extract articles without a database: one JSON line of facts each
    Extract(extract::Args),
    /// Store facts lines from `kg extract` as `kg ingest` would
    Load(load::Args),
    /// Combine databases into OUT as one ingest of their articles would
    MergeDb(merge_db::Args),
    /// List entities, most mentioned first
    Entities(entities::Args),
    /// Count what the database holds
    Stats(stats::Args),
    /// Tag CoNLL tokens from standard input with BIO entity tags
    Tag(tag::Args),
    /// Train an entity tagger model from CoNLL files
    TrainNer(train_ner::Args),
    /// Train the relation model from gold graphs
    TrainRel(train_rel::Args),
    /// Measure tagging throughput (tokens/s on one core) against a baseline
    BenchTag(bench_tag::Args),
    /// One entity: aliases, articles, relations with evidence
    Show(show::Args),
    /// List relations, with evidence
    Relations(relations::Args),
    /// Entities within K hops of one
    Neighbors(neighbors::Args),
    /// How two entities are connected, each hop with its evidence
    Path(path::Args),
    /// An entity's dated relations in date order (dates read from the
    /// sentences: "jeudi", "last Friday", "in March")
    Timeline(timeline::Args),
    /// Write the graph (or a neighbourhood) as node-link JSON or DOT
    Export(export::Args),
    /// Write the graph (or a neighbourhood) as an HTML page to explore in a
    /// browser, or serve it on 127.0.0.1
    View(view::Args),
    /// Benchmark at scale: generate corpora, time ingest and queries
    Bench(bench::BenchArgs),
    /// Merge entity B into entity A (kept through later ingests)
    Merge(curate::MergeArgs),
    /// Make the mentions of one alias of an entity their own entity
    Split(curate::SplitArgs),
    /// Add or remove an alias of an entity (kept through later ingests)
    Alias(curate::AliasArgs),
    /// Change an entity's type (kept through later ingests)
    Retype(curate::RetypeArgs),
    /// Remove an article and every fact that came only from it
    Forget(curate::ForgetArgs),
    /// The curation log: who merged, split, retyped, forgot what, and when
    Log(curate::LogArgs),
    /// Extract the stored articles again with this build (curation kept)
    Reextract(reextract::Args),
}

/// The database path: `--db`, else `$KG_DB`, else `./kg.db`.
pub fn db_path(flag: &Option<PathBuf>) -> PathBuf {
    flag.clone()
        .or_else(|| std::env::var_os("KG_DB").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("kg.db"))
}

/// Parses the arguments, runs the command, prints errors as `kg: ...` and
/// returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let db = db_path(&cli.db);
    match cli.command {
        Command::Eval(args) => eval::run(args),
        Command::Ingest(args) => ingest::run(args, &db),
        Command::Extract(args) => extract::run(args),
        Command::Load(args) => load::run(args, &db),
        Command::MergeDb(args) => merge_db::run(args),
        Command::Entities(args) => entities::run(args, &db),
        Command::Stats(args) => stats::run(args, &db),
        Command::Tag(args) => tag::run(args),
        Command::TrainNer(args) => train_ner::run(args),
        Command::TrainRel(args) => train_rel::run(args),
        Command::BenchTag(args) => bench_tag::run(args),
        Command::Show(args) => show::run(args, &db),
        Command::Relations(args) => relations::run(args, &db),
        Command::Neighbors(args) => neighbors::run(args, &db),
        Command::Path(args) => path::run(args, &db),
        Command::Timeline(args) => timeline::run(args, &db),
        Command::Export(args) => export::run(args, &db),
        Command::View(args) => view::run(args, &db),
        Command::Bench(args) => bench::run(args, &db),
        Command::Merge(args) => curate::merge(args, &db),
        Command::Split(args) => curate::split(args, &db),
        Command::Alias(args) => curate::alias(args, &db),
        Command::Retype(args) => curate::retype(args, &db),
        Command::Forget(args) => curate::forget(args, &db),
        Command::Log(args) => curate::log(args, &db),
        Command::Reextract(args) => reextract::run(args, &db),
    }
}

/// Names the database in an error of SQLite's own at its open ("file is
/// not a database"), which says neither which file nor that it is the
/// database; the library's other errors name their file already.
pub fn at_db(db: &Path) -> impl FnOnce(crate::error::Error) -> anyhow::Error + '_ {
    move |e| match e {
        crate::error::Error::Sql { .. } => {
            anyhow::Error::new(e).context(format!("database {}", db.display()))
        }
        e => anyhow::Error::new(e),
    }
}

/// Opens `db` read-only in one read transaction and finds the entity a
/// user named (name, alias or `#ID`): what the commands about one entity
/// (`show`, `timeline`) start with.
fn open_entity(
    db: &Path,
    name: &str,
) -> anyhow::Result<(crate::store::Store, crate::store::EntityRow)> {
    let store = crate::store::Store::open_read_only(db).map_err(at_db(db))?;
    store.begin_read()?;
    let id = store.resolve(name)?;
    let entity = store
        .entity(id)?
        .ok_or_else(|| anyhow::anyhow!("entity #{id} vanished"))?;
    Ok((store, entity))
}

/// Prints an error chain as `kg: ...` and picks its exit code. A closed
/// pipe (`kg ... | head`) exits quietly.
pub fn report(err: &anyhow::Error) -> i32 {
    for cause in err.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return exit::OK;
        }
    }
    let code = match err.downcast_ref::<crate::error::Error>() {
        Some(
            crate::error::Error::UnknownEntity { .. }
            | crate::error::Error::AmbiguousEntity { .. }
            | crate::error::Error::NameTooLong { .. }
            | crate::error::Error::UnknownArticle { .. }
            | crate::error::Error::Refused { .. },
        ) => exit::USAGE,
        _ => exit::FAILURE,
    };
    eprintln!("kg: {}", message(err));
    code
}

/// An error chain as one line, each cause once (what `kg: ...` prints;
/// the Python package's exceptions carry it too).
pub fn message(err: &anyhow::Error) -> String {
    let mut msg = err.to_string();
    // Each cause once: a library error already shows its source, and
    // rusqlite's error wraps SQLite's code with the same words
    // ("file is not a database: Error code 26: file is not a database").
    let mut last = String::new();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        let said = msg.contains(&text) || (!last.is_empty() && text.ends_with(&last));
        if !said {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        last = text;
    }
    msg
}
