//! `kg stats`: how much the database holds: articles, sentences, entities
//! by type, mentions, relations by label, evidence.

use super::output;
use crate::store::Store;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let s = store.stats()?;
    if args.json {
        output::print_json(&s)?;
        return Ok(super::exit::OK);
    }
    let mut t = output::table(["what", "count"]);
    let mut row = |what: String, n: i64| {
        t.add_row(vec![what, n.to_string()]);
    };
    row("articles".into(), s.articles);
    for (lang, n) in &s.articles_by_lang {
        row(format!("  {lang}"), *n);
    }
    row("sentences".into(), s.sentences);
    row("entities".into(), s.entities);
    for (kind, n) in &s.entities_by_type {
        row(format!("  {kind}"), *n);
    }
    row("aliases".into(), s.aliases);
    row("mentions".into(), s.mentions);
    row("relations".into(), s.relations);
    for (label, n) in &s.relations_by_label {
        row(format!("  {label}"), *n);
    }
    row("evidence".into(), s.evidence);
    row("schema version".into(), s.schema_version);
    output::print_table(&t, "")?;
    Ok(super::exit::OK)
}
