//! `kg show ENTITY`: one entity with its aliases, the articles that mention
//! it and its relations, each with a supporting sentence.

use super::args::{ListArgs, WalkArgs};
use super::output;
use crate::store::{EdgeRow, EntityRow, EvidenceRow, Store};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Name, alias or #ID (case- and accent-insensitive)
    pub entity: String,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Serialize)]
struct Shown {
    entity: EntityRow,
    aliases: Vec<String>,
    articles: Vec<crate::store::ArticleRow>,
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
    let store = Store::open_read_only(db)?;
    let id = store.resolve(&args.entity)?;
    let entity = store
        .entity(id)?
        .ok_or_else(|| anyhow::anyhow!("entity #{id} vanished"))?;
    let mut edges = store.incident(id, &args.walk.edges())?;
    // Typed relations first, most confident first.
    edges.sort_by(|a, b| {
        (a.label == crate::model::Label::Cooccurs)
            .cmp(&(b.label == crate::model::Label::Cooccurs))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.id.cmp(&b.id))
    });
    if let Some(limit) = args.list.limit() {
        edges.truncate(limit);
    }
    let mut relations = Vec::new();
    for edge in edges {
        let Some(other) = store.entity(edge.other(id))? else {
            continue;
        };
        if !args.walk.types.is_empty() && !args.walk.types.contains(&other.kind) {
            continue;
        }
        relations.push(Related {
            edge,
            other,
            evidence_count: store.evidence_count(edge.id)?,
            evidence: store.evidence(edge.id, Some(args.list.evidence))?,
        });
    }
    let shown = Shown {
        aliases: store.aliases(id)?,
        articles: store.articles_of(id, 20)?,
        entity,
        relations,
    };
    if args.list.json {
        output::print_json(&shown)?;
        return Ok(super::exit::OK);
    }
    let e = &shown.entity;
    let mut text = format!(
        "{} (#{}, {}, key {:?})\naliases: {}\nmentions: {} in {} article(s)\n",
        e.name,
        e.id,
        e.kind,
        e.key,
        shown.aliases.join(", "),
        e.mentions,
        shown.articles.len()
    );
    for a in &shown.articles {
        text.push_str(&format!(
            "  {}{} ({} mentions)\n",
            a.source,
            a.title
                .as_deref()
                .map(|t| format!(" \"{}\"", output::shorten(t, 60)))
                .unwrap_or_default(),
            a.mentions
        ));
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
