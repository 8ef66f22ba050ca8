//! Argument groups several subcommands share: which edges and nodes a
//! graph query walks, and which part of the graph an export keeps.

use crate::export::select::{Around, Filter};
use crate::graph::Walk;
use crate::model::{EntityType, Label};
use crate::store::{DayRange, EdgeFilter};

#[derive(Debug, Clone, clap::Args)]
pub struct WalkArgs {
    /// Only edges with these labels (comma-separated, e.g. meets,role)
    #[arg(long, value_delimiter = ',', value_name = "LABELS")]
    pub labels: Vec<Label>,

    /// Only through entities of these types (comma-separated, e.g. PER,ORG)
    #[arg(
        long = "type",
        short = 't',
        value_delimiter = ',',
        value_name = "TYPES"
    )]
    pub types: Vec<EntityType>,

    /// Only edges at least this confident (0 to 1)
    #[arg(long, default_value_t = 0.0, value_name = "C")]
    pub min_confidence: f64,

    /// Leave out `cooccurs` edges
    #[arg(long)]
    pub no_cooccurs: bool,
}

impl WalkArgs {
    pub fn edges(&self) -> EdgeFilter {
        EdgeFilter {
            labels: (!self.labels.is_empty()).then(|| self.labels.clone()),
            cooccurs: !self.no_cooccurs,
            min_confidence: self.min_confidence,
        }
    }

    pub fn walk(&self) -> Walk {
        Walk {
            edges: self.edges(),
            types: (!self.types.is_empty()).then(|| self.types.clone()),
        }
    }
}

/// What an export keeps beyond [`WalkArgs`] (see `export::select`).
#[derive(Debug, Clone, clap::Args)]
pub struct GraphFilterArgs {
    /// Only the N most mentioned entities (besides the --around centre)
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    #[command(flatten)]
    pub evidence: EvidenceFilterArgs,
}

impl GraphFilterArgs {
    pub fn filter(&self, walk: Walk, around: Option<Around>) -> Filter {
        self.evidence.filter(walk, self.top, around)
    }
}

/// The filters on evidence and dates, without `--top` (for `kg view`, whose
/// `--top` has a default of its own).
#[derive(Debug, Clone, clap::Args)]
pub struct EvidenceFilterArgs {
    /// Only edges backed by at least N evidence sentences
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub min_count: i64,

    #[command(flatten)]
    pub days: DayArgs,
}

impl EvidenceFilterArgs {
    pub fn filter(&self, walk: Walk, top: Option<usize>, around: Option<Around>) -> Filter {
        Filter {
            walk,
            top,
            min_count: self.min_count,
            since: self.days.since.clone(),
            until: self.days.until.clone(),
            around,
        }
    }
}

/// `--since/--until`: only evidence dated in the range, and only edges
/// left with some. A sentence is dated by its date words ("jeudi", "last
/// Friday", "in March") resolved against its article's date, else by that
/// date; one dated by a month is in a range it overlaps.
#[derive(Debug, Clone, clap::Args)]
pub struct DayArgs {
    /// Only what is dated on or after this day (YYYY-MM-DD): a sentence by
    /// its date words ("jeudi", "in March"), else by its article's date
    #[arg(long, value_name = "DAY", value_parser = day)]
    pub since: Option<String>,

    /// Only what is dated on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DAY", value_parser = day)]
    pub until: Option<String>,
}

impl DayArgs {
    pub fn range(&self) -> DayRange {
        DayRange {
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }
}

fn day(s: &str) -> Result<String, String> {
    if crate::store::is_day(s) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a day as YYYY-MM-DD"))
    }
}

/// How much a listing shows.
#[derive(Debug, Clone, clap::Args)]
pub struct ListArgs {
    /// At most this many relations (0: all)
    #[arg(long, default_value_t = 50)]
    pub limit: usize,

    /// Evidence sentences per relation
    #[arg(long, default_value_t = 1)]
    pub evidence: usize,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

impl ListArgs {
    pub fn limit(&self) -> Option<usize> {
        (self.limit > 0).then_some(self.limit)
    }
}
