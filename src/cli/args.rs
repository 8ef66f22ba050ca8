//! Argument groups several subcommands share: which edges and nodes a
//! graph query walks.

use crate::graph::Walk;
use crate::model::{EntityType, Label};
use crate::store::EdgeFilter;

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
