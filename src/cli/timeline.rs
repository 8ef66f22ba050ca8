//! `kg timeline ENTITY`: an entity's dated relations in date order, one
//! line per evidence sentence: the day (or interval) it is dated by, the
//! relation, the other entity, the sentence and its article.
//!
//! A sentence is dated by its date words ("jeudi", "last Friday", "in
//! March") resolved against its article's date at ingest, else by that
//! date; what nothing dates is left out. `cooccurs` edges only with
//! `--cooccurs`.

use super::args::DayArgs;
use super::output;
use crate::model::Label;
use crate::store::{EdgeFilter, EdgeRow, EntityRow, EvidenceRow};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  kg timeline \"Julia Hart\" --since 2024-03-01 --until 2024-03-31"
)]
pub struct Args {
    /// Name, alias or #ID (case- and accent-insensitive)
    pub entity: String,

    /// Only relations with these labels (comma-separated, e.g. meets,role)
    #[arg(long, value_delimiter = ',', value_name = "LABELS")]
    pub labels: Vec<Label>,

    /// Include `cooccurs` edges (left out by default)
    #[arg(long)]
    pub cooccurs: bool,

    #[command(flatten)]
    pub days: DayArgs,

    /// At most this many lines (0: all)
    #[arg(long, default_value_t = 0)]
    pub limit: usize,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// One dated sentence of one of the entity's relations.
#[derive(Serialize)]
struct Event {
    /// `YYYY-MM-DD`, or `first/last` for an interval (a month).
    date: String,
    label: Label,
    /// `out` when the entity is the head of a directed relation, `in`
    /// when it is the tail, `both` for a symmetric one.
    direction: &'static str,
    other: EntityRow,
    edge: EdgeRow,
    evidence: EvidenceRow,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let (store, entity) = super::open_entity(db, &args.entity)?;
    let id = entity.id;
    let filter = EdgeFilter {
        labels: (!args.labels.is_empty()).then(|| args.labels.clone()),
        cooccurs: args.cooccurs,
        min_confidence: 0.0,
    };
    let range = args.days.range();
    let mut events = Vec::new();
    for edge in store.incident(id, &filter)? {
        let Some(other) = store.entity(edge.other(id))? else {
            continue;
        };
        let direction = if edge.label.is_symmetric() {
            "both"
        } else if edge.head == id {
            "out"
        } else {
            "in"
        };
        for evidence in store.evidence_in(edge.id, None, &range)? {
            let Some(date) = evidence.when.clone() else {
                continue;
            };
            events.push(Event {
                date,
                label: edge.label,
                direction,
                other: other.clone(),
                edge,
                evidence,
            });
        }
    }
    // By date (a day before the month starting on it), then as stored.
    events.sort_by(|a, b| {
        (&a.date, a.evidence.article_id, a.evidence.start, a.edge.id).cmp(&(
            &b.date,
            b.evidence.article_id,
            b.evidence.start,
            b.edge.id,
        ))
    });
    if args.limit > 0 {
        events.truncate(args.limit);
    }
    if args.json {
        output::print_json(&events)?;
        return Ok(super::exit::OK);
    }
    let mut t = output::table(["date", "relation", "entity", "evidence"]);
    for e in &events {
        let words = e
            .evidence
            .date_words
            .as_deref()
            .map(|w| format!(" ({w:?})"))
            .unwrap_or_default();
        t.add_row(vec![
            format!("{}{words}", e.date.replace('/', " to ")),
            output::arrow(&e.edge, id),
            format!("{} ({})", e.other.name, e.other.kind),
            format!(
                "\"{}\"\n  {}",
                output::shorten(&e.evidence.sentence, 90),
                output::provenance(&e.evidence)
            ),
        ]);
    }
    output::print_lines(&format!(
        "{} (#{}, {})\n",
        entity.name, entity.id, entity.kind
    ))?;
    output::print_table(&t, "no dated relations")?;
    Ok(super::exit::OK)
}
