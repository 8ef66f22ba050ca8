//! Searches that stay fast on a graph of millions of edges, for a fresh
//! process: breadth-first over neighbour ids only ([`Adjacency::neighbor_ids`],
//! index-only reads), loading entity rows and edges just for what is
//! returned.
//!
//! - [`shortest`]: bidirectional BFS, expanding the smaller frontier one
//!   whole level at a time. After each level every node seen by both sides
//!   is a meeting point; the shortest path is the best of them (a shorter
//!   path would have a node within both sides' explored depths, so it
//!   would have been seen by both already). Ties go to the smallest
//!   meeting id and to parents in id order, so answers are deterministic.
//! - [`KnowledgeGraph::neighborhood_limited`]: the first `limit` nodes by
//!   distance (ids ascending within a distance), stopping the walk as soon
//!   as that many are found, so a super-hub's neighbourhood costs what is
//!   shown, not what exists.

use super::{Adjacency, KnowledgeGraph, Neighborhood, Walk};
use crate::error::Result;
use crate::model::EntityId;
use crate::store::EdgeFilter;
use std::collections::{BTreeMap, HashMap};

/// One side of the search: for every node seen, its parent toward the
/// side's start and its distance.
struct Side {
    seen: HashMap<EntityId, (EntityId, usize)>,
    frontier: Vec<EntityId>,
    depth: usize,
}

impl Side {
    fn new(start: EntityId) -> Side {
        Side {
            seen: HashMap::from([(start, (start, 0))]),
            frontier: vec![start],
            depth: 0,
        }
    }

    /// The path from this side's start to `node`, start first.
    fn trace(&self, node: EntityId) -> Vec<EntityId> {
        let mut path = vec![node];
        let mut cur = node;
        while let Some(&(parent, d)) = self.seen.get(&cur) {
            if d == 0 {
                break;
            }
            path.push(parent);
            cur = parent;
        }
        path.reverse();
        path
    }
}

/// A shortest path from `a` to `b` of at most `max_len` hops over the
/// edges `walk` accepts (its type filter is not applied here), as node ids
/// from `a` to `b`; None when there is none.
pub fn shortest(
    src: &dyn Adjacency,
    a: EntityId,
    b: EntityId,
    max_len: usize,
    walk: &Walk,
) -> Result<Option<Vec<EntityId>>> {
    if a == b {
        return Ok(Some(vec![a]));
    }
    let (mut fa, mut fb) = (Side::new(a), Side::new(b));
    while fa.depth + fb.depth < max_len && !fa.frontier.is_empty() && !fb.frontier.is_empty() {
        let from_a = fa.frontier.len() <= fb.frontier.len();
        let (side, other) = if from_a {
            (&mut fa, &fb)
        } else {
            (&mut fb, &fa)
        };
        side.depth += 1;
        let mut next = Vec::new();
        let mut meet: Option<(usize, EntityId)> = None;
        for &u in &side.frontier {
            for v in src.neighbor_ids(u, &walk.edges)? {
                if side.seen.contains_key(&v) {
                    continue;
                }
                side.seen.insert(v, (u, side.depth));
                next.push(v);
                if let Some(&(_, d)) = other.seen.get(&v) {
                    let cand = (side.depth + d, v);
                    meet = Some(meet.map_or(cand, |m| m.min(cand)));
                }
            }
        }
        next.sort_unstable();
        side.frontier = next;
        if let Some((len, v)) = meet
            && len <= max_len
        {
            let mut path = fa.trace(v);
            let mut back = fb.trace(v);
            back.pop();
            back.reverse();
            path.extend(back);
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// The nodes within some hops of a centre, nearest first.
#[derive(Debug, Clone, Default)]
pub struct Nearest {
    /// Up to `limit` nodes (the centre not among them), by distance, ids
    /// ascending within one distance.
    pub order: Vec<EntityId>,
    /// For every node seen, the node that reached it and its distance.
    pub parent: BTreeMap<EntityId, (EntityId, usize)>,
    /// Whether nodes within the depth were left out.
    pub truncated: bool,
}

/// Walks neighbour ids level by level from `center` (index-only reads, no
/// rows), stopping as soon as more than `limit` nodes are found.
pub fn nearest(
    src: &dyn Adjacency,
    center: EntityId,
    depth: usize,
    filter: &EdgeFilter,
    limit: usize,
) -> Result<Nearest> {
    let mut parent: BTreeMap<EntityId, (EntityId, usize)> = BTreeMap::new();
    let mut order: Vec<EntityId> = Vec::new();
    let mut frontier = vec![center];
    let mut truncated = false;
    'levels: for d in 1..=depth {
        let mut next = Vec::new();
        for &u in &frontier {
            let mut fresh: Vec<EntityId> = src
                .neighbor_ids(u, filter)?
                .into_iter()
                .filter(|v| *v != center && !parent.contains_key(v))
                .collect();
            fresh.sort_unstable();
            // Of a hub's many neighbours only the smallest ids can still
            // make the cut: the `room` left plus one to tell that more
            // were found. Measured: inserting the top hub's 130k ids was
            // most of `neighbors --depth 2` around it.
            let room = limit.saturating_sub(order.len()).saturating_add(1);
            for v in fresh.into_iter().take(room) {
                parent.insert(v, (u, d));
                next.push(v);
            }
            if parent.len() > limit {
                truncated = true;
                next.sort_unstable();
                order.extend(next);
                break 'levels;
            }
        }
        next.sort_unstable();
        order.extend(next.iter().copied());
        frontier = next;
    }
    order.truncate(limit);
    Ok(Nearest {
        order,
        parent,
        truncated,
    })
}

impl KnowledgeGraph {
    /// Up to `limit` nodes within `depth` hops of `center`, nearest first
    /// (ids ascending within one distance), each with the best edge that
    /// reached it; and whether more were left out. Walks no further than
    /// needed to fill `limit`. Entity-type filters are not applied here.
    pub fn neighborhood_limited(
        src: &dyn Adjacency,
        center: EntityId,
        depth: usize,
        walk: &Walk,
        limit: usize,
    ) -> Result<(Neighborhood, bool)> {
        let Nearest {
            order,
            parent,
            truncated,
        } = nearest(src, center, depth, &walk.edges, limit)?;
        let mut g = KnowledgeGraph::default();
        g.load(src, center)?;
        let mut distance = BTreeMap::from([(center, 0)]);
        let mut via = BTreeMap::new();
        for &v in &order {
            let (u, d) = parent[&v];
            g.load(src, u)?;
            g.load(src, v)?;
            if let Some(&e) = src.edges_between(u, v, &walk.edges)?.first() {
                g.add_edge(e);
                via.insert(v, e);
                distance.insert(v, d);
            }
        }
        Ok((
            Neighborhood {
                graph: g,
                center,
                distance,
                via,
            },
            truncated,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Label, RelationId};
    use crate::store::{EdgeFilter, EdgeRow, EntityRow};

    /// A graph in memory: edges as (head, tail).
    struct Mem(Vec<(i64, i64)>);

    impl Adjacency for Mem {
        fn incident(&self, id: EntityId, _: &EdgeFilter) -> Result<Vec<EdgeRow>> {
            Ok(self
                .0
                .iter()
                .enumerate()
                .filter(|(_, (h, t))| *h == id.0 || *t == id.0)
                .map(|(i, &(h, t))| EdgeRow {
                    id: RelationId(i as i64 + 1),
                    head: EntityId(h),
                    tail: EntityId(t),
                    label: Label::Cooccurs,
                    confidence: 0.5,
                })
                .collect())
        }
        fn entity(&self, id: EntityId) -> Result<Option<EntityRow>> {
            Ok(Some(EntityRow {
                id,
                name: format!("n{}", id.0),
                kind: EntityType::Misc,
                key: format!("n{}", id.0),
                mentions: 1,
            }))
        }
    }

    fn ids(v: &[i64]) -> Vec<EntityId> {
        v.iter().map(|&i| EntityId(i)).collect()
    }

    /// Plain BFS distance, to check the bidirectional search against.
    fn distance(g: &Mem, a: i64, b: i64) -> Option<usize> {
        let mut dist = HashMap::from([(a, 0usize)]);
        let mut queue = std::collections::VecDeque::from([a]);
        while let Some(u) = queue.pop_front() {
            for &(h, t) in &g.0 {
                for (x, y) in [(h, t), (t, h)] {
                    if x == u && !dist.contains_key(&y) {
                        dist.insert(y, dist[&u] + 1);
                        queue.push_back(y);
                    }
                }
            }
        }
        dist.get(&b).copied()
    }

    #[test]
    fn shortest_paths_are_shortest_and_real() {
        // A ring of 12 with chords and a hub, plus an isolated pair.
        let mut edges: Vec<(i64, i64)> = (1..=12).map(|i| (i, i % 12 + 1)).collect();
        edges.extend([(1, 7), (3, 9), (20, 2), (20, 5), (20, 11), (30, 31)]);
        let g = Mem(edges);
        let walk = Walk::default();
        for a in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30] {
            for b in [1, 4, 6, 8, 10, 12, 20, 31] {
                let got = shortest(&g, EntityId(a), EntityId(b), 6, &walk).expect("search");
                match distance(&g, a, b) {
                    None => assert_eq!(got, None, "{a} -> {b}"),
                    Some(d) => {
                        let p = got.unwrap_or_else(|| panic!("no path {a} -> {b}"));
                        assert_eq!(p.len(), d + 1, "{a} -> {b}: {p:?}");
                        assert_eq!((p[0], p[p.len() - 1]), (EntityId(a), EntityId(b)));
                        for w in p.windows(2) {
                            let (x, y) = (w[0].0, w[1].0);
                            assert!(g.0.contains(&(x, y)) || g.0.contains(&(y, x)), "{p:?}");
                        }
                    }
                }
            }
        }
        // max_len cuts off longer paths.
        assert_eq!(
            shortest(&g, EntityId(4), EntityId(10), 2, &walk).expect("search"),
            None
        );
    }

    /// `nearest` as it was before it stopped taking a hub's neighbours at
    /// the cut: every neighbour of a frontier node recorded.
    fn nearest_reference(g: &Mem, center: i64, depth: usize, limit: usize) -> (Vec<i64>, bool) {
        let filter = EdgeFilter::default();
        let mut seen = std::collections::BTreeSet::from([center]);
        let (mut order, mut frontier) = (Vec::new(), vec![EntityId(center)]);
        for _ in 1..=depth {
            let mut next = Vec::new();
            for &u in &frontier {
                for v in g.neighbor_ids(u, &filter).expect("ids") {
                    if seen.insert(v.0) {
                        next.push(v);
                    }
                }
                if seen.len() - 1 > limit {
                    next.sort_unstable();
                    order.extend(next);
                    order.truncate(limit);
                    return (order.iter().map(|e| e.0).collect(), true);
                }
            }
            next.sort_unstable();
            order.extend(next.iter().copied());
            frontier = next;
        }
        order.truncate(limit);
        (order.iter().map(|e| e.0).collect(), false)
    }

    proptest::proptest! {
        #[test]
        fn nearest_takes_what_the_full_walk_would_keep(
            edges in proptest::collection::vec((0i64..25, 0i64..25), 0..80),
            center in 0i64..25,
            depth in 1usize..4,
            limit in 0usize..30,
        ) {
            let g = Mem(edges);
            let got = nearest(&g, EntityId(center), depth, &EdgeFilter::default(), limit)
                .expect("walk");
            let got = (got.order.iter().map(|e| e.0).collect::<Vec<_>>(), got.truncated);
            proptest::prop_assert_eq!(got, nearest_reference(&g, center, depth, limit));
        }
    }

    #[test]
    fn limited_neighborhood_is_nearest_first_and_says_when_cut() {
        let g = Mem(vec![(1, 2), (1, 3), (2, 4), (3, 5), (5, 6)]);
        let walk = Walk::default();
        let (n, cut) =
            KnowledgeGraph::neighborhood_limited(&g, EntityId(1), 2, &walk, 10).expect("walk");
        assert!(!cut);
        let got: Vec<(EntityId, usize)> = n.distance.iter().map(|(&k, &v)| (k, v)).collect();
        assert_eq!(
            got,
            vec![
                (EntityId(1), 0),
                (EntityId(2), 1),
                (EntityId(3), 1),
                (EntityId(4), 2),
                (EntityId(5), 2)
            ]
        );
        assert_eq!(n.via[&EntityId(4)].head, EntityId(2));
        let (n, cut) =
            KnowledgeGraph::neighborhood_limited(&g, EntityId(1), 2, &walk, 3).expect("walk");
        assert!(cut);
        assert_eq!(
            n.distance.keys().copied().collect::<Vec<_>>(),
            ids(&[1, 2, 3, 4])
        );
    }
}
