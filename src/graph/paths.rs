//! Shortest paths: bidirectional breadth-first loading from the store,
//! then Yen's k shortest simple paths over what was loaded.

use super::{Adjacency, KnowledgeGraph, Walk};
use crate::error::Result;
use crate::model::EntityId;
use crate::store::EdgeRow;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// One step of a path: from one node to the next over the best edge
/// between them (typed before `cooccurs`, then by confidence).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hop {
    pub from: EntityId,
    pub to: EntityId,
    pub edge: EdgeRow,
}

/// One side of the bidirectional search.
struct Side {
    dist: HashMap<EntityId, usize>,
    frontier: Vec<EntityId>,
    depth: usize,
}

impl Side {
    fn new(start: EntityId) -> Side {
        Side {
            dist: HashMap::from([(start, 0)]),
            frontier: vec![start],
            depth: 0,
        }
    }
}

impl KnowledgeGraph {
    /// Up to `k` shortest simple paths from `a` to `b` of at most `max_len`
    /// hops, shortest first (ties in entity-id order), and the part of the
    /// graph loaded to find them. Empty when there is none.
    pub fn paths(
        src: &dyn Adjacency,
        a: EntityId,
        b: EntityId,
        k: usize,
        max_len: usize,
        walk: &Walk,
    ) -> Result<(KnowledgeGraph, Vec<Vec<Hop>>)> {
        let mut g = KnowledgeGraph::default();
        g.load(src, a)?;
        g.load(src, b)?;
        if a == b || k == 0 {
            return Ok((g, if a == b { vec![Vec::new()] } else { Vec::new() }));
        }
        if k == 1 && walk.types.is_none() {
            // One shortest path: search over ids only (see `bfs`), then
            // load just the path.
            let Some(ids) = super::bfs::shortest(src, a, b, max_len, walk)? else {
                return Ok((g, Vec::new()));
            };
            let mut hops = Vec::new();
            for w in ids.windows(2) {
                g.load(src, w[1])?;
                let Some(&edge) = src.edges_between(w[0], w[1], &walk.edges)?.first() else {
                    return Ok((g, Vec::new()));
                };
                g.add_edge(edge);
                hops.push(Hop {
                    from: w[0],
                    to: w[1],
                    edge,
                });
            }
            return Ok((g, vec![hops]));
        }
        let keep = |id: EntityId| id == a || id == b;
        let (mut fa, mut fb) = (Side::new(a), Side::new(b));
        let mut met = false;
        loop {
            let cap = fa.depth + fb.depth;
            let exhausted = cap >= max_len || (fa.frontier.is_empty() && fb.frontier.is_empty());
            if met {
                let found = yen(&g, a, b, k, cap.min(max_len));
                if found.len() >= k || exhausted {
                    let found = hops(&g, &found);
                    return Ok((g, found));
                }
            }
            if exhausted {
                return Ok((g, Vec::new()));
            }
            // Expand the side with the smaller frontier (an empty one is done).
            let side = if fb.frontier.is_empty()
                || (!fa.frontier.is_empty() && fa.frontier.len() <= fb.frontier.len())
            {
                &mut fa
            } else {
                &mut fb
            };
            side.depth += 1;
            let mut next = Vec::new();
            for &id in &side.frontier {
                for (other, _) in g.expand(src, id, walk, &keep, false)? {
                    if !side.dist.contains_key(&other) {
                        side.dist.insert(other, side.depth);
                        next.push(other);
                    }
                }
            }
            next.sort();
            next.dedup();
            side.frontier = next;
            met = met || fa.dist.keys().any(|n| fb.dist.contains_key(n));
            if !met && (fa.frontier.is_empty() || fb.frontier.is_empty()) {
                // One side has nothing left to reach: no path at all.
                return Ok((g, Vec::new()));
            }
        }
    }
}

fn hops(g: &KnowledgeGraph, paths: &[Vec<EntityId>]) -> Vec<Vec<Hop>> {
    paths
        .iter()
        .map(|p| {
            p.windows(2)
                .map(|w| Hop {
                    from: w[0],
                    to: w[1],
                    edge: *g.edges_between(w[0], w[1])[0],
                })
                .collect()
        })
        .collect()
}

/// Breadth-first shortest path avoiding `banned` nodes and edges, of at
/// most `max_len` hops; neighbours visited in id order so ties break
/// deterministically.
fn bfs(
    g: &KnowledgeGraph,
    s: EntityId,
    t: EntityId,
    banned_nodes: &HashSet<EntityId>,
    banned_edges: &HashSet<(EntityId, EntityId)>,
    max_len: usize,
) -> Option<Vec<EntityId>> {
    let mut parent: HashMap<EntityId, EntityId> = HashMap::new();
    let mut depth = HashMap::from([(s, 0usize)]);
    let mut queue = VecDeque::from([s]);
    while let Some(u) = queue.pop_front() {
        if u == t {
            let mut path = vec![t];
            let mut cur = t;
            while let Some(&p) = parent.get(&cur) {
                path.push(p);
                cur = p;
            }
            path.reverse();
            return Some(path);
        }
        let d = depth[&u];
        if d >= max_len {
            continue;
        }
        for v in g.neighbors(u) {
            if depth.contains_key(&v)
                || banned_nodes.contains(&v)
                || banned_edges.contains(&(u, v))
                || banned_edges.contains(&(v, u))
            {
                continue;
            }
            depth.insert(v, d + 1);
            parent.insert(v, u);
            queue.push_back(v);
        }
    }
    None
}

/// Yen's algorithm: the `k` shortest simple paths of at most `max_len` hops.
fn yen(
    g: &KnowledgeGraph,
    a: EntityId,
    b: EntityId,
    k: usize,
    max_len: usize,
) -> Vec<Vec<EntityId>> {
    let none = HashSet::new();
    let Some(first) = bfs(g, a, b, &none, &HashSet::new(), max_len) else {
        return Vec::new();
    };
    let mut found = vec![first];
    // Candidates ordered by (length, node ids): deterministic ties.
    let mut candidates: BTreeSet<(usize, Vec<EntityId>)> = BTreeSet::new();
    while found.len() < k {
        let prev = found.last().expect("found starts non-empty").clone();
        for i in 0..prev.len() - 1 {
            let spur = prev[i];
            let root = &prev[..=i];
            let banned_edges: HashSet<(EntityId, EntityId)> = found
                .iter()
                .filter(|p| p.len() > i + 1 && &p[..=i] == root)
                .map(|p| (p[i], p[i + 1]))
                .collect();
            let banned_nodes: HashSet<EntityId> = root[..i].iter().copied().collect();
            let Some(spur_path) = bfs(g, spur, b, &banned_nodes, &banned_edges, max_len - i) else {
                continue;
            };
            let mut path = root[..i].to_vec();
            path.extend(spur_path);
            if !found.contains(&path) {
                candidates.insert((path.len(), path));
            }
        }
        match candidates.pop_first() {
            Some((_, p)) => found.push(p),
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Label, RelationId};
    use crate::store::{EdgeFilter, EntityRow};
    use proptest::prelude::*;

    /// An in-memory graph for tests.
    struct Mem {
        n: i64,
        edges: Vec<EdgeRow>,
    }

    impl Mem {
        fn new(n: i64, pairs: &[(i64, i64)]) -> Mem {
            let edges = pairs
                .iter()
                .enumerate()
                .filter(|(_, (h, t))| h != t)
                .map(|(i, &(h, t))| EdgeRow {
                    id: RelationId(i as i64 + 1),
                    head: EntityId(h),
                    tail: EntityId(t),
                    label: if i % 3 == 0 {
                        Label::Cooccurs
                    } else {
                        Label::Meets
                    },
                    confidence: 0.5,
                })
                .collect();
            Mem { n, edges }
        }

        /// Plain BFS distance over the whole graph, as an oracle.
        fn distance(&self, a: i64, b: i64) -> Option<usize> {
            let mut dist = HashMap::from([(a, 0usize)]);
            let mut q = VecDeque::from([a]);
            while let Some(u) = q.pop_front() {
                let du = dist[&u];
                for e in &self.edges {
                    let v = if e.head.0 == u {
                        e.tail.0
                    } else if e.tail.0 == u {
                        e.head.0
                    } else {
                        continue;
                    };
                    if let std::collections::hash_map::Entry::Vacant(x) = dist.entry(v) {
                        x.insert(du + 1);
                        q.push_back(v);
                    }
                }
            }
            dist.get(&b).copied()
        }

        /// Lengths of all simple paths a..b of at most `max` hops, sorted.
        fn all_path_lengths(&self, a: i64, b: i64, max: usize) -> Vec<usize> {
            fn dfs(g: &Mem, u: i64, b: i64, max: usize, seen: &mut Vec<i64>, out: &mut Vec<usize>) {
                if u == b {
                    out.push(seen.len() - 1);
                    return;
                }
                if seen.len() > max {
                    return;
                }
                let mut next: Vec<i64> = g
                    .edges
                    .iter()
                    .filter_map(|e| match (e.head.0, e.tail.0) {
                        (h, t) if h == u => Some(t),
                        (h, t) if t == u => Some(h),
                        _ => None,
                    })
                    .collect();
                next.sort();
                next.dedup();
                for v in next {
                    if !seen.contains(&v) {
                        seen.push(v);
                        dfs(g, v, b, max, seen, out);
                        seen.pop();
                    }
                }
            }
            let mut out = Vec::new();
            dfs(self, a, b, max, &mut vec![a], &mut out);
            out.sort();
            out
        }
    }

    impl Adjacency for Mem {
        fn incident(&self, id: EntityId, f: &EdgeFilter) -> Result<Vec<EdgeRow>> {
            Ok(self
                .edges
                .iter()
                .filter(|e| (e.head == id || e.tail == id) && f.accepts(e.label, e.confidence))
                .copied()
                .collect())
        }
        fn entity(&self, id: EntityId) -> Result<Option<EntityRow>> {
            Ok((1..=self.n).contains(&id.0).then(|| EntityRow {
                id,
                name: format!("n{}", id.0),
                kind: EntityType::Per,
                key: format!("n{}", id.0),
                mentions: 1,
            }))
        }
    }

    fn ids(p: &[Hop]) -> Vec<i64> {
        let mut v: Vec<i64> = p.first().map(|h| h.from.0).into_iter().collect();
        v.extend(p.iter().map(|h| h.to.0));
        v
    }

    #[test]
    fn finds_the_k_shortest_simple_paths_in_order() {
        // 1-2-3-6, 1-4-6, 1-5-6, 1-6 via nothing else
        let g = Mem::new(6, &[(1, 2), (2, 3), (3, 6), (1, 4), (4, 6), (1, 5), (5, 6)]);
        let (_, p) = KnowledgeGraph::paths(&g, EntityId(1), EntityId(6), 3, 6, &Walk::default())
            .expect("paths");
        let got: Vec<Vec<i64>> = p.iter().map(|p| ids(p)).collect();
        assert_eq!(got, vec![vec![1, 4, 6], vec![1, 5, 6], vec![1, 2, 3, 6]]);
        let (_, p) = KnowledgeGraph::paths(&g, EntityId(1), EntityId(6), 3, 2, &Walk::default())
            .expect("paths");
        assert_eq!(p.len(), 2, "max_len 2 excludes the three-hop path");
    }

    #[test]
    fn no_cooccurs_removes_those_edges_from_the_walk() {
        // edge 0 (1-2) is cooccurs in Mem::new
        let g = Mem::new(3, &[(1, 2), (2, 3)]);
        let walk = Walk {
            edges: EdgeFilter {
                cooccurs: false,
                ..EdgeFilter::default()
            },
            types: None,
        };
        let (_, p) =
            KnowledgeGraph::paths(&g, EntityId(1), EntityId(3), 1, 6, &walk).expect("paths");
        assert!(p.is_empty());
        let n = KnowledgeGraph::neighborhood(&g, EntityId(2), 1, &walk, false).expect("n");
        assert_eq!(
            n.distance.keys().map(|e| e.0).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }

    proptest! {
        /// Every returned path exists in the graph, is simple, starts and
        /// ends where asked, comes in non-decreasing length, and the first
        /// is as short as a plain BFS over the whole graph says.
        #[test]
        fn returned_paths_exist_and_the_first_is_shortest(
            pairs in proptest::collection::vec((1i64..=10, 1i64..=10), 0..22),
            a in 1i64..=10,
            b in 1i64..=10,
            k in 1usize..4,
        ) {
            let g = Mem::new(10, &pairs);
            let (_, paths) = KnowledgeGraph::paths(&g, EntityId(a), EntityId(b), k, 12, &Walk::default()).expect("paths");
            prop_assert!(paths.len() <= k);
            match g.distance(a, b) {
                None => prop_assert!(paths.is_empty()),
                Some(d) => prop_assert_eq!(paths.first().map(Vec::len), Some(d)),
            }
            let mut last = 0;
            for p in &paths {
                let nodes = ids(p);
                if a != b {
                    prop_assert_eq!(nodes.first(), Some(&a));
                    prop_assert_eq!(nodes.last(), Some(&b));
                }
                let unique: HashSet<i64> = nodes.iter().copied().collect();
                prop_assert_eq!(unique.len(), nodes.len(), "not simple: {:?}", nodes);
                for h in p {
                    prop_assert!(g.edges.iter().any(|e| e.id == h.edge.id
                        && ((e.head == h.from && e.tail == h.to) || (e.head == h.to && e.tail == h.from))));
                }
                prop_assert!(p.len() >= last);
                last = p.len();
            }
            if a != b {
                let want: Vec<usize> = g.all_path_lengths(a, b, 5).into_iter().take(k).collect();
                let (_, paths) = KnowledgeGraph::paths(&g, EntityId(a), EntityId(b), k, 5, &Walk::default()).expect("paths");
                let got: Vec<usize> = paths.iter().map(Vec::len).collect();
                prop_assert_eq!(got, want, "k shortest lengths differ from brute force");
            }
        }
    }
}
