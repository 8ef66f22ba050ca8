//! kg turns news articles (French and English) into a knowledge graph kept in
//! one SQLite file, and answers questions about it: who met whom, who holds
//! which role where, how two entities are connected, with the sentence that
//! says so for every edge.
//!
//! Layers, dependencies pointing one way:
//! `cli -> {ingest, extract, store, graph, export, eval} -> model`.
//! See ARCHITECTURE.md for the map.
#![forbid(unsafe_code)]

pub mod bench;
pub mod cli;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod fold;
pub mod graph;
pub mod ingest;
pub mod lists;
pub mod model;
pub mod ner;
pub mod store;
