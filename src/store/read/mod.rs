//! Queries: counts, entity lookup and resolution, adjacency by head and by
//! tail (index-only), evidence, and sorted scans for exports.
//!
//! `rows.rs` has the row types and the reads of entities, articles,
//! evidence and counts; `edges.rs` the reads of edges (`relations` and
//! `cooccurrences` alike); `names.rs` turns what a user typed into an
//! entity, or into suggestions; `dates.rs` the article dates behind an
//! edge or an entity; `facts.rs` every stored article back as a facts
//! line (`kg merge-db`).

mod dates;
mod edges;
mod facts;
mod names;
mod rows;

pub use dates::{ArticleDays, Dated, DayRange, is_day};
pub use edges::EdgeFilter;
pub use rows::{ArticleRow, EdgeRow, EntityRow, EvidenceRow, Stats};
pub(super) use rows::{cooccurs_row, edge_row};
