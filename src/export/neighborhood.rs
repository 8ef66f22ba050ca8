//! `export --around ENTITY --depth K`: the neighbourhood of one entity,
//! read without loading the graph.
//!
//! [`find`] walks neighbour ids level by level (index-only reads) and
//! stops as soon as `limit` entities besides the centre are found, nearest
//! first, so the depth-2 neighbourhood of a hub (most of the graph) costs
//! what is kept. [`induced_edges`] then finds every edge among the kept
//! entities, what NetworkX's `ego_graph` returns: a node whose edges on one
//! side are few (fewer than [`SMALL_SIDE`]) has them read in full; the
//! edges from a big head are found from the tail's side when that side is
//! small, and by one primary-key lookup per (big head, big tail) pair
//! otherwise. No hub's edges are read in full. A neighbourhood holding a
//! large share of the graph is cheaper to take from one ordered scan of
//! every edge.

use crate::error::Result;
use crate::model::EntityId;
use crate::store::{EdgeFilter, EdgeRow, Side, Store};

/// A side with fewer edges than this is read in full.
pub const SMALL_SIDE: usize = 512;

/// A set of entity ids, as bits indexed by id: an eighth of a byte per
/// entity of the store, whatever share of them it holds.
#[derive(Debug, Clone, Default)]
pub struct IdSet(Vec<u64>);

impl IdSet {
    pub fn with_max(max: i64) -> IdSet {
        IdSet(vec![0; (max.max(0) as usize) / 64 + 1])
    }
    pub fn contains(&self, id: EntityId) -> bool {
        let i = id.0.max(0) as usize;
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    /// Adds `id`; false when it was there already.
    pub fn insert(&mut self, id: EntityId) -> bool {
        let i = id.0.max(0) as usize;
        if i / 64 >= self.0.len() {
            self.0.resize(i / 64 + 1, 0);
        }
        let (w, bit) = (&mut self.0[i / 64], 1u64 << (i % 64));
        let fresh = *w & bit == 0;
        *w |= bit;
        fresh
    }
    /// The ids held, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(EntityId((i * 64 + bit) as i64))
            })
        })
    }
}

/// A set of entities (the centre and what lies within `depth` hops of it,
/// or any filter's choice), held as bits only.
#[derive(Debug, Clone)]
pub struct Neighborhood {
    pub members: IdSet,
    /// How many entities `members` holds.
    len: usize,
    /// Whether entities within the depth were left out by the limit.
    pub truncated: bool,
    /// The largest entity id of the store (for choosing a plan).
    max_id: i64,
}

impl Neighborhood {
    /// Any set of `len` entities, for the edges among them.
    pub fn of(members: IdSet, len: usize, max_id: i64) -> Neighborhood {
        Neighborhood {
            members,
            len,
            truncated: false,
            max_id,
        }
    }

    /// The entities, by id.
    pub fn ids(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.members.iter()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether it holds a large share of the graph (a quarter of the ids or
    /// more): then one ordered scan beats lookups one by one.
    pub fn is_large(&self) -> bool {
        self.len as i64 * 4 > self.max_id
    }
}

/// The centre and the entities within `depth` accepted hops of it, the
/// nearest `limit` only when a limit is given (as `kg neighbors --limit`
/// keeps them: see [`crate::graph::nearest`]).
pub fn find(
    store: &Store,
    center: EntityId,
    depth: usize,
    filter: &EdgeFilter,
    limit: Option<usize>,
) -> Result<Neighborhood> {
    let max_id = store.max_entity_id()?;
    let near = crate::graph::nearest(store, center, depth, filter, limit.unwrap_or(usize::MAX))?;
    let mut members = IdSet::with_max(max_id);
    let mut len = usize::from(members.insert(center));
    for &v in &near.order {
        len += usize::from(members.insert(v));
    }
    Ok(Neighborhood {
        members,
        len,
        truncated: near.truncated,
        max_id,
    })
}

/// Calls `f` on every accepted edge between two entities of the
/// neighbourhood, in (head, tail, label) order, as the exporters want them.
pub fn induced_edges(
    store: &Store,
    neighborhood: &Neighborhood,
    filter: &EdgeFilter,
    f: impl FnMut(EdgeRow) -> Result<()>,
) -> Result<()> {
    let plan = if neighborhood.is_large() {
        Plan::Scan
    } else {
        Plan::Sides(SMALL_SIDE)
    };
    induced_edges_by(store, neighborhood, filter, plan, f)
}

/// How [`induced_edges`] finds the edges.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Plan {
    /// One ordered scan of every edge (a quarter of the graph or more).
    Scan,
    /// Sides with fewer edges than this read in full, lookups otherwise.
    Sides(usize),
}

fn induced_edges_by(
    store: &Store,
    neighborhood: &Neighborhood,
    filter: &EdgeFilter,
    plan: Plan,
    mut f: impl FnMut(EdgeRow) -> Result<()>,
) -> Result<()> {
    let inside = |e: &EdgeRow| {
        neighborhood.members.contains(e.head) && neighborhood.members.contains(e.tail)
    };
    let small = match plan {
        Plan::Sides(small) => small,
        Plan::Scan => 0,
    };
    if plan == Plan::Scan {
        return store.for_each_edge(filter, |e| {
            if inside(&e) {
                f(e)?;
            }
            Ok(true)
        });
    }
    let mut edges = Vec::new();
    let mut big_heads = Vec::new();
    let mut big = IdSet::with_max(neighborhood.max_id);
    for x in neighborhood.ids() {
        if store.side_size_up_to(x, Side::Head, small)? < small {
            store.for_each_side_edge(x, Side::Head, filter, |e| {
                if inside(&e) {
                    edges.push(e);
                }
                Ok(())
            })?;
        } else {
            big_heads.push(x);
            big.insert(x);
        }
    }
    if !big_heads.is_empty() {
        for t in neighborhood.ids() {
            if store.side_size_up_to(t, Side::Tail, small)? < small {
                store.for_each_side_edge(t, Side::Tail, filter, |e| {
                    if big.contains(e.head) && inside(&e) {
                        edges.push(e);
                    }
                    Ok(())
                })?;
            } else {
                for &h in &big_heads {
                    store.edges_from_to(h, t, filter, &mut edges)?;
                }
            }
        }
    }
    edges.sort_by(|a, b| {
        (a.head, a.tail, a.label.as_str()).cmp(&(b.head, b.tail, b.label.as_str()))
    });
    for e in edges {
        f(e)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;

    /// A store of a few generated articles: a small Zipf graph with hubs.
    fn store() -> Store {
        let batch = crate::store::test_fixtures::generated_batch(40, 3);
        let mut store = Store::open_in_memory().expect("memory db");
        store.write_batch(&batch).expect("write");
        store
    }

    fn edges(
        store: &Store,
        neighborhood: &Neighborhood,
        filter: &EdgeFilter,
        plan: Plan,
    ) -> Vec<EdgeRow> {
        let mut out = Vec::new();
        induced_edges_by(store, neighborhood, filter, plan, |e| {
            out.push(e);
            Ok(())
        })
        .expect("edges");
        out
    }

    #[test]
    fn every_plan_finds_the_same_edges_among_the_ball() {
        let store = store();
        let hubs = store.top_degree(3).expect("hubs");
        let typed = EdgeFilter {
            cooccurs: false,
            ..EdgeFilter::default()
        };
        for (hub, _) in hubs {
            for filter in [EdgeFilter::default(), typed.clone()] {
                for limit in [Some(5), Some(40), None] {
                    let b = find(&store, hub, 2, &filter, limit).expect("neighbourhood");
                    assert!(b.members.contains(hub));
                    if let Some(l) = limit {
                        assert!(b.len() <= l + 1);
                        assert!(!b.truncated || b.len() == l + 1);
                    }
                    let scan = edges(&store, &b, &filter, Plan::Scan);
                    // Every side big, every side small, and in between.
                    for small in [1, 3, 1000] {
                        assert_eq!(edges(&store, &b, &filter, Plan::Sides(small)), scan);
                    }
                    assert!(scan.iter().all(|e| filter.accepts(e.label, e.confidence)));
                    if b.len() > 1 {
                        assert!(
                            !scan.is_empty(),
                            "a neighbourhood of {} without edges",
                            b.len()
                        );
                    }
                    if limit.is_none() {
                        // The loaded-graph neighbourhood agrees.
                        let walk = crate::graph::Walk {
                            edges: filter.clone(),
                            types: None,
                        };
                        let n =
                            crate::graph::KnowledgeGraph::neighborhood(&store, hub, 2, &walk, true)
                                .expect("neighbourhood");
                        let ids: Vec<EntityId> = n.graph.nodes().map(|e| e.id).collect();
                        assert_eq!(ids, b.ids().collect::<Vec<_>>());
                        let loaded: Vec<EdgeRow> = n.graph.edges().into_iter().copied().collect();
                        assert_eq!(loaded, scan);
                    }
                }
            }
        }
    }

    /// `show`'s reads: ranked edges are the incident ones, most confident
    /// first, and the degree counts them.
    #[test]
    fn ranked_edges_and_degrees_agree_with_incident() {
        let store = store();
        let typed = EdgeFilter {
            cooccurs: false,
            ..EdgeFilter::default()
        };
        for (id, _) in store.top_degree(5).expect("hubs") {
            for filter in [EdgeFilter::default(), typed.clone()] {
                let mut want = store.incident(id, &filter).expect("incident");
                // Most confident first; at one confidence typed relations by
                // id, then `cooccurs` edges by the other end.
                let rank = |e: &EdgeRow| match e.label {
                    Label::Cooccurs => (1, e.other(id).0),
                    _ => (0, e.id.0),
                };
                want.sort_by(|a, b| {
                    b.confidence
                        .total_cmp(&a.confidence)
                        .then(rank(a).cmp(&rank(b)))
                });
                assert!(want.iter().any(|e| e.label == Label::Cooccurs) != (filter == typed));
                let mut got = Vec::new();
                store
                    .for_each_ranked_edge(id, &filter, |e| {
                        got.push(e);
                        Ok(true)
                    })
                    .expect("ranked");
                assert_eq!(got, want);
                assert_eq!(
                    store.degree(id, &filter).expect("degree"),
                    want.len() as i64
                );
                let mut first = Vec::new();
                store
                    .for_each_ranked_edge(id, &filter, |e| {
                        first.push(e);
                        Ok(first.len() < 3)
                    })
                    .expect("ranked");
                assert_eq!(first[..], want[..want.len().min(3)]);
            }
        }
    }

    #[test]
    fn id_sets_grow_and_remember() {
        let mut s = IdSet::with_max(10);
        assert!(s.insert(EntityId(3)));
        assert!(!s.insert(EntityId(3)));
        assert!(s.insert(EntityId(1000)));
        assert!(s.contains(EntityId(3)) && s.contains(EntityId(1000)));
        assert!(!s.contains(EntityId(4)) && !s.contains(EntityId(5000)));
        s.insert(EntityId(0));
        s.insert(EntityId(64));
        let ids: Vec<i64> = s.iter().map(|id| id.0).collect();
        assert_eq!(ids, [0, 3, 64, 1000]);
    }
}
