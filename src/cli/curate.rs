//! The curation commands: `kg merge`, `kg split`, `kg alias add|remove`,
//! `kg retype` and `kg forget`. Each runs in one transaction (an unknown
//! name changes nothing), is recorded in the curation log with who
//! (`--by`, else `$USER`) and when, and holds through later ingests
//! (see `store/curation/`). `kg log` shows the record.

use super::output;
use crate::model::EntityType;
use crate::store::{Curated, Store};
use std::path::Path;

/// Who decides, and how the result is printed.
#[derive(Debug, Clone, clap::Args)]
pub struct Who {
    /// Who makes the decision, for the log [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,

    /// Print the result as JSON
    #[arg(long)]
    pub json: bool,
}

impl Who {
    fn name(&self) -> String {
        self.by
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_string())
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  kg merge \"Rosa Hasren\" Hasren")]
pub struct MergeArgs {
    /// The entity that stays (name, alias or #ID)
    pub into: String,
    /// The entity merged into it, then gone
    pub from: String,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  kg split \"John Smith\" --alias \"J. Smith\"")]
pub struct SplitArgs {
    /// The entity to split (name, alias or #ID)
    pub node: String,
    /// The alias whose mentions become their own entity
    #[arg(long, value_name = "NAME")]
    pub alias: String,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kg alias add \"Julia Hart\" \"la diplomate\"\n  kg alias remove \"Julia Hart\" Hart"
)]
pub struct AliasArgs {
    #[command(subcommand)]
    pub action: AliasAction,
}

#[derive(Debug, clap::Subcommand)]
pub enum AliasAction {
    /// Give an entity one more name
    Add(AliasChange),
    /// Take a name (and every spelling that folds to it) from an entity
    Remove(AliasChange),
}

#[derive(Debug, clap::Args)]
pub struct AliasChange {
    /// The entity (name, alias or #ID)
    pub node: String,
    /// The alias
    pub name: String,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  kg retype Dakar LOC")]
pub struct RetypeArgs {
    /// The entity (name, alias or #ID)
    pub node: String,
    /// Its new type: PER, ORG, LOC, MISC or EVENT
    pub kind: EntityType,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kg forget '#3'\n  kg forget https://example.org/2024/03/story\n  kg forget corpus.jsonl:12"
)]
pub struct ForgetArgs {
    /// The article: #NUMBER, JSONL id, URL, content hash (SHA-256, hex)
    /// or source path (a JSONL file's path names all its lines)
    pub article: String,
    #[command(flatten)]
    pub who: Who,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  kg log --json")]
pub struct LogArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// Opens an existing database for a curation (never creates one).
fn open(db: &Path) -> anyhow::Result<Store> {
    if !db.is_file() {
        return Err(crate::error::Error::MissingDatabase {
            path: db.to_path_buf(),
        }
        .into());
    }
    Store::open(db).map_err(super::at_db(db))
}

/// Prints the node a curation left and closes the database.
fn done(store: Store, what: &str, node: &Curated, who: &Who) -> anyhow::Result<i32> {
    store.close_writer()?;
    if who.json {
        output::print_json(node)?;
    } else {
        output::print_lines(&format!(
            "{what}: {} (#{}, {}, {} mentions)\n",
            node.name, node.id, node.kind, node.mentions
        ))?;
    }
    Ok(super::exit::OK)
}

pub fn merge(args: MergeArgs, db: &Path) -> anyhow::Result<i32> {
    let mut store = open(db)?;
    let node = store.merge(&args.into, &args.from, &args.who.name())?;
    done(store, "merged", &node, &args.who)
}

pub fn split(args: SplitArgs, db: &Path) -> anyhow::Result<i32> {
    let mut store = open(db)?;
    let node = store.split(&args.node, &args.alias, &args.who.name())?;
    done(store, "split off", &node, &args.who)
}

pub fn alias(args: AliasArgs, db: &Path) -> anyhow::Result<i32> {
    let mut store = open(db)?;
    let (what, node, who) = match &args.action {
        AliasAction::Add(a) => (
            "alias added",
            store.alias_add(&a.node, &a.name, &a.who.name())?,
            &a.who,
        ),
        AliasAction::Remove(a) => (
            "alias removed",
            store.alias_remove(&a.node, &a.name, &a.who.name())?,
            &a.who,
        ),
    };
    done(store, what, &node, who)
}

pub fn retype(args: RetypeArgs, db: &Path) -> anyhow::Result<i32> {
    let mut store = open(db)?;
    let node = store.retype(&args.node, args.kind, &args.who.name())?;
    done(store, "retyped", &node, &args.who)
}

pub fn forget(args: ForgetArgs, db: &Path) -> anyhow::Result<i32> {
    let mut store = open(db)?;
    let gone = store.forget(&args.article, &args.who.name())?;
    store.close_writer()?;
    if args.who.json {
        output::print_json(&gone)?;
        return Ok(super::exit::OK);
    }
    let mut text = String::new();
    for a in &gone {
        text.push_str(&format!("forgot article #{} {}", a.id, a.source));
        if let Some(t) = &a.title {
            text.push_str(&format!(" \"{}\"", output::shorten(t, 60)));
        }
        text.push('\n');
    }
    output::print_lines(&text)?;
    Ok(super::exit::OK)
}

pub fn log(args: LogArgs, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let entries = store.curation_log()?;
    if args.json {
        output::print_json(&entries)?;
        return Ok(super::exit::OK);
    }
    let mut t = output::table(["#", "at", "by", "action", "what"]);
    for e in &entries {
        t.add_row(vec![
            e.id.to_string(),
            e.at.clone(),
            e.by.clone(),
            e.action.clone(),
            describe(&e.action, &e.detail),
        ]);
    }
    output::print_table(&t, "no curation yet")?;
    Ok(super::exit::OK)
}

/// One line for a log entry's detail.
fn describe(action: &str, d: &serde_json::Value) -> String {
    let node = |v: &serde_json::Value| {
        format!(
            "{} (#{}, {})",
            v["name"].as_str().unwrap_or("?"),
            v["id"],
            v["type"].as_str().unwrap_or("?")
        )
    };
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("?").to_string();
    match action {
        "merge" => format!("{} into {}", node(&d["from"]), node(&d["into"])),
        "split" => format!("{:?} out of {}", s(&d["alias"]), node(&d["node"])),
        "alias-add" | "alias-remove" => format!("{:?} of {}", s(&d["alias"]), node(&d["node"])),
        "retype" => format!("{} to {}", node(&d["node"]), s(&d["type"])),
        "forget" => {
            let articles = d["articles"].as_array().map(Vec::len).unwrap_or(0);
            format!("{:?} ({articles} article(s))", s(&d["query"]))
        }
        "correct" => format!("{} replaces article(s) {}", s(&d["source"]), d["replaced"]),
        _ => d.to_string(),
    }
}
