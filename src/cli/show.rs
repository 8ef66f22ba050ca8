//! `kg show ENTITY`: one entity with its aliases, the articles that mention
//! it and its relations, each with a supporting sentence.
//!
//! It reads only what it prints: the relations come most confident first
//! from indexes ordered that way and stop at `--limit`, the articles stop
//! at the first [`ARTICLES`], and the totals are index-only counts, so a
//! hub with a hundred thousand edges answers as fast as a leaf.

use super::args::{DayArgs, ListArgs, WalkArgs};
use super::output;
use crate::store::{EdgeRow, EntityRow, EvidenceRow};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name, alias or #ID (case- and accent-insensitive)
    pub entity: String,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub days: DayArgs,

    #[command(flatten)]
    pub list: ListArgs,
}

/// Articles listed (the first ones, by id); their total is counted apart.
const ARTICLES: usize = 20;

#[derive(Serialize)]
struct Shown {
    entity: EntityRow,
    aliases: Vec<String>,
    /// Articles mentioning the entity, of which `articles` lists the first.
    article_count: i64,
    articles: Vec<crate::store::ArticleRow>,
    /// Relations the edge filters accept (before `--type`, which needs the
    /// other end: None then), of which `relations` lists the first.
    relation_count: Option<i64>,
    relations: Vec<Related>,
}

#[derive(Serialize)]
pub struct Related {
    pub edge: EdgeRow,
    pub other: EntityRow,
    pub evidence_count: i64,
    pub evidence: Vec<EvidenceRow>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let (store, entity) = super::open_entity(db, &args.entity)?;
    let id = entity.id;
    let filter = args.walk.edges();
    let limit = args.list.limit();
    let range = args.days.range();
    let mut relations = Vec::new();
    store.for_each_ranked_edge(id, &filter, |edge| {
        let Some(other) = store.entity(edge.other(id))? else {
            return Ok(true);
        };
        if !args.walk.types.is_empty() && !args.walk.types.contains(&other.kind) {
            return Ok(true);
        }
        let evidence_count = store.evidence_count_in(edge.id, &range)?;
        if evidence_count == 0 {
            return Ok(true);
        }
        relations.push(Related {
            edge,
            other,
            evidence_count,
            evidence: store.evidence_in(edge.id, Some(args.list.evidence), &range)?,
        });
        Ok(limit.is_none_or(|l| relations.len() < l))
    })?;
    // The count of relations within a range would read every edge.
    let relation_count = if args.walk.types.is_empty() && range.is_all() {
        Some(store.degree(id, &filter)?)
    } else {
        None
    };
    let shown = Shown {
        aliases: store.aliases(id)?,
        article_count: store.article_count(id)?,
        articles: store.articles_of(id, ARTICLES)?,
        entity,
        relation_count,
        relations,
    };
    if args.list.json {
        output::print_json(&shown)?;
        return Ok(super::exit::OK);
    }
    let e = &shown.entity;
    let mut text = format!(
        "{} (#{}, {}, key {:?})\naliases: {}\nmentions: {} in {} article(s){}\n",
        e.name,
        e.id,
        e.kind,
        e.key,
        shown.aliases.join(", "),
        e.mentions,
        shown.article_count,
        if shown.article_count > shown.articles.len() as i64 {
            format!(", the first {} by id:", shown.articles.len())
        } else {
            String::new()
        }
    );
    for a in &shown.articles {
        let date = match (&a.date, &a.date_raw) {
            (Some(d), _) => format!(", {d}"),
            (None, Some(raw)) => format!(", date as written {raw:?}"),
            (None, None) => String::new(),
        };
        text.push_str(&format!(
            "  {}{}{date} ({} mentions)\n",
            a.source,
            a.title
                .as_deref()
                .map(|t| format!(" \"{}\"", output::shorten(t, 60)))
                .unwrap_or_default(),
            a.mentions
        ));
    }
    let listed = shown.relations.len();
    match shown.relation_count {
        Some(n) if n > listed as i64 => text.push_str(&format!(
            "relations: {n}, the {listed} most confident shown (--limit 0 for all)\n"
        )),
        Some(n) => text.push_str(&format!("relations: {n}\n")),
        None => {}
    }
    output::print_lines(&text)?;
    let mut t = output::table(["relation", "entity", "conf", "evidence"]);
    for r in &shown.relations {
        t.add_row(vec![
            output::arrow(&r.edge, id),
            format!("{} ({})", r.other.name, r.other.kind),
            format!("{:.2}", r.edge.confidence),
            output::evidence_cell(&r.evidence, r.evidence_count),
        ]);
    }
    output::print_table(&t, "no relations")?;
    Ok(super::exit::OK)
}
