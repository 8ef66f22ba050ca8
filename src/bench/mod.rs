//! Benchmarks at scale (issue 5): a seeded generator of news-like corpora
//! ([`corpus`]), and the harness that ingests them and times every query kind
//! from fresh `kg` processes against the NetworkX and recursive-CTE
//! baselines of `bench/` ([`run`]); every export format timed beside
//! NetworkX's writers ([`export`]). The harness measures; the CLI prints.

pub mod corpus;
pub mod export;
mod names;
pub mod process;
pub mod rng;
pub mod run;
