//! The knowledge graph as queries see it: [`KnowledgeGraph`], petgraph
//! behind a type that speaks [`EntityId`]s (no petgraph type in its API).
//!
//! A graph is never loaded whole. Queries pull the part they need from an
//! [`Adjacency`] (the store's indexed adjacency, by head and by tail):
//! `neighborhood` expands breadth-first to a depth, `paths` runs a
//! bidirectional breadth-first search that expands the smaller frontier
//! level by level until both sides meet, then (for `k > 1`) Yen's
//! algorithm over the loaded part, loading one more level while fewer than
//! `k` paths fit. Every path of length `da + db` lies wholly in the part
//! loaded after expanding `da` levels from one end and `db` from the other,
//! which is what makes the answers exact, not approximate.
//!
//! Paths and neighbourhoods treat edges as undirected; hops keep the
//! stored direction for display.

mod bfs;
mod paths;

pub use bfs::{Nearest, nearest, shortest};
pub use paths::Hop;

use crate::error::Result;
use crate::model::{EntityId, EntityType, Label, RelationId};
use crate::store::{DayRange, EdgeFilter, EdgeRow, EntityRow, Store};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, HashMap};

/// Where a graph query reads nodes and edges from.
pub trait Adjacency {
    /// The edges touching `id` that `filter` accepts.
    fn incident(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EdgeRow>>;
    /// One node.
    fn entity(&self, id: EntityId) -> Result<Option<EntityRow>>;
    /// The ids one accepted edge away from `id`, sorted and deduplicated
    /// (see [`bfs`]; the store answers from its indexes without rows).
    fn neighbor_ids(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EntityId>> {
        let mut ids: Vec<EntityId> = self
            .incident(id, filter)?
            .iter()
            .map(|e| e.other(id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
    /// The accepted edges between `a` and `b`, best first (typed before
    /// `cooccurs`, then by confidence, then by id).
    fn edges_between(&self, a: EntityId, b: EntityId, filter: &EdgeFilter) -> Result<Vec<EdgeRow>> {
        let mut out: Vec<EdgeRow> = self
            .incident(a, filter)?
            .into_iter()
            .filter(|e| e.other(a) == b)
            .collect();
        best_first(&mut out);
        Ok(out)
    }
}

/// Orders edges between one pair of nodes best first: typed before
/// `cooccurs`, then by confidence, then by id.
fn best_first(edges: &mut [EdgeRow]) {
    edges.sort_by(|x, y| {
        (x.label == Label::Cooccurs)
            .cmp(&(y.label == Label::Cooccurs))
            .then(y.confidence.total_cmp(&x.confidence))
            .then(x.id.cmp(&y.id))
    });
}

impl Adjacency for Store {
    fn incident(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EdgeRow>> {
        Store::incident(self, id, filter)
    }
    fn entity(&self, id: EntityId) -> Result<Option<EntityRow>> {
        Store::entity(self, id)
    }
    fn neighbor_ids(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EntityId>> {
        Store::neighbor_ids(self, id, filter)
    }
    fn edges_between(&self, a: EntityId, b: EntityId, filter: &EdgeFilter) -> Result<Vec<EdgeRow>> {
        let mut out = Store::edges_between(self, a, b, filter)?;
        best_first(&mut out);
        Ok(out)
    }
}

/// The store seen through a range of days (`--since/--until`): only the
/// edges with a sentence dated in the range. Its edges are read row by
/// row ([`Store::incident`], then each edge's dates), not from the
/// adjacency indexes alone, so a walk within a range costs more.
pub struct Within<'a> {
    pub store: &'a Store,
    pub range: DayRange,
}

impl Adjacency for Within<'_> {
    fn incident(&self, id: EntityId, filter: &EdgeFilter) -> Result<Vec<EdgeRow>> {
        let mut kept = Vec::new();
        for e in self.store.incident(id, filter)? {
            if self.store.evidence_count_in(e.id, &self.range)? > 0 {
                kept.push(e);
            }
        }
        Ok(kept)
    }
    fn entity(&self, id: EntityId) -> Result<Option<EntityRow>> {
        self.store.entity(id)
    }
}

/// What a query walks: which edges, and through which kinds of node.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    pub edges: EdgeFilter,
    /// Only through nodes of these types (None: all). The query's own
    /// endpoints are always allowed.
    pub types: Option<Vec<EntityType>>,
}

/// A loaded part of the graph.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    graph: UnGraph<EntityId, RelationId>,
    index: HashMap<EntityId, NodeIndex>,
    nodes: BTreeMap<EntityId, EntityRow>,
    edges: BTreeMap<RelationId, EdgeRow>,
}

/// A neighbourhood: the loaded graph and each node's distance from the centre.
#[derive(Debug)]
pub struct Neighborhood {
    pub graph: KnowledgeGraph,
    pub center: EntityId,
    pub distance: BTreeMap<EntityId, usize>,
    /// For each node but the centre: the edge that first reached it.
    pub via: BTreeMap<EntityId, EdgeRow>,
}

impl KnowledgeGraph {
    /// The loaded nodes, by id.
    pub fn nodes(&self) -> impl Iterator<Item = &EntityRow> {
        self.nodes.values()
    }

    /// The loaded edges, by (head, tail, label).
    pub fn edges(&self) -> Vec<&EdgeRow> {
        let mut e: Vec<&EdgeRow> = self.edges.values().collect();
        e.sort_by_key(|e| (e.head, e.tail, e.label.as_str()));
        e
    }

    pub fn entity(&self, id: EntityId) -> Option<&EntityRow> {
        self.nodes.get(&id)
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The loaded edges between `a` and `b` (either direction), best first:
    /// typed before `cooccurs`, then by confidence, then by id.
    pub fn edges_between(&self, a: EntityId, b: EntityId) -> Vec<&EdgeRow> {
        let (Some(&na), Some(&nb)) = (self.index.get(&a), self.index.get(&b)) else {
            return Vec::new();
        };
        let mut out: Vec<&EdgeRow> = self
            .graph
            .edges_connecting(na, nb)
            .filter_map(|e| self.edges.get(e.weight()))
            .collect();
        out.sort_by(|x, y| {
            (x.label == Label::Cooccurs)
                .cmp(&(y.label == Label::Cooccurs))
                .then(y.confidence.total_cmp(&x.confidence))
                .then(x.id.cmp(&y.id))
        });
        out
    }

    /// The distinct neighbours of a loaded node, by id.
    fn neighbors(&self, id: EntityId) -> Vec<EntityId> {
        let Some(&n) = self.index.get(&id) else {
            return Vec::new();
        };
        let mut out: Vec<EntityId> = self.graph.neighbors(n).map(|m| self.graph[m]).collect();
        out.sort();
        out.dedup();
        out
    }

    fn add_node(&mut self, row: EntityRow) -> NodeIndex {
        let id = row.id;
        if let Some(&n) = self.index.get(&id) {
            return n;
        }
        let n = self.graph.add_node(id);
        self.index.insert(id, n);
        self.nodes.insert(id, row);
        n
    }

    fn add_edge(&mut self, e: EdgeRow) {
        if self.edges.contains_key(&e.id) {
            return;
        }
        let (Some(&h), Some(&t)) = (self.index.get(&e.head), self.index.get(&e.tail)) else {
            return;
        };
        self.graph.add_edge(h, t, e.id);
        self.edges.insert(e.id, e);
    }

    /// Loads a node (which must exist) without its edges.
    fn load(&mut self, src: &dyn Adjacency, id: EntityId) -> Result<()> {
        if !self.index.contains_key(&id)
            && let Some(row) = src.entity(id)?
        {
            self.add_node(row);
        }
        Ok(())
    }

    /// Loads the edges of `id` the walk accepts, with their other ends, and
    /// returns those other ends. With `only_known`, edges to nodes not yet
    /// loaded are left out (to close a subgraph without growing it).
    fn expand(
        &mut self,
        src: &dyn Adjacency,
        id: EntityId,
        walk: &Walk,
        keep: &dyn Fn(EntityId) -> bool,
        only_known: bool,
    ) -> Result<Vec<(EntityId, EdgeRow)>> {
        let mut reached = Vec::new();
        for e in src.incident(id, &walk.edges)? {
            let other = e.other(id);
            if !self.index.contains_key(&other) {
                if only_known {
                    continue;
                }
                let Some(row) = src.entity(other)? else {
                    continue;
                };
                let allowed =
                    keep(other) || walk.types.as_ref().is_none_or(|t| t.contains(&row.kind));
                if !allowed {
                    continue;
                }
                self.add_node(row);
            }
            self.add_edge(e);
            reached.push((other, e));
        }
        Ok(reached)
    }

    /// The nodes within `depth` hops of `center`, breadth-first. With
    /// `closed`, edges among the outermost nodes are loaded too (so the
    /// result is the induced subgraph, as exports want).
    pub fn neighborhood(
        src: &dyn Adjacency,
        center: EntityId,
        depth: usize,
        walk: &Walk,
        closed: bool,
    ) -> Result<Neighborhood> {
        let mut g = KnowledgeGraph::default();
        g.load(src, center)?;
        let mut distance = BTreeMap::from([(center, 0)]);
        let mut via = BTreeMap::new();
        let mut frontier = vec![center];
        let keep = |id: EntityId| id == center;
        for d in 1..=depth {
            let mut next = Vec::new();
            for &id in &frontier {
                for (other, e) in g.expand(src, id, walk, &keep, false)? {
                    if let std::collections::btree_map::Entry::Vacant(v) = distance.entry(other) {
                        v.insert(d);
                        via.insert(other, e);
                        next.push(other);
                    }
                }
            }
            next.sort();
            frontier = next;
        }
        if closed {
            for &id in &frontier {
                g.expand(src, id, walk, &keep, true)?;
            }
        }
        Ok(Neighborhood {
            graph: g,
            center,
            distance,
            via,
        })
    }
}
