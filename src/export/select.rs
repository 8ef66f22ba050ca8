//! The filtered graph view every export writes: which entities and which
//! edges a [`Filter`] keeps, worked out once ([`Selection::new`]) and then
//! streamed to any writer, in id order for nodes and (head, tail, label)
//! order for edges.
//!
//! Nodes are chosen first: the neighbourhood of `--around` (else every
//! entity), of the `--type`s asked for, within `--since/--until` (at an
//! end of an edge with a sentence dated in the range, or mentioned in an
//! article dated in it), then the `--top` N most mentioned of those.
//! Edges are those among the chosen nodes that the edge filter accepts
//! (labels, confidence, `cooccurs`), backed by at least `--min-count`
//! sentences (those dated in the range, by their sentence's date words
//! else their article's day, when a range is given). Without a node filter
//! nothing is held per entity: every entity and edge is streamed as read.
//! With one, the chosen ids are held as bits (an eighth of a byte per id
//! of the store), `--top N` choosing through a heap of N; entities and
//! edges are read as they are written.

use super::neighborhood::IdSet;
use super::neighborhood::{self, Neighborhood};
use crate::error::Result;
use crate::graph::{KnowledgeGraph, Walk};
use crate::model::{EntityId, RelationId};
use crate::store::{ArticleDays, Dated, DayRange, EdgeRow, EntityRow, EvidenceRow, Store};
use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What to keep of the graph.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Edge labels, confidence and `cooccurs`; entity types.
    pub walk: Walk,
    /// Only the N most mentioned entities (besides an `around` centre).
    pub top: Option<usize>,
    /// Only edges with at least this many evidence sentences.
    pub min_count: i64,
    /// Only what is dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only what is dated on or before this day.
    pub until: Option<String>,
    pub around: Option<Around>,
}

/// The neighbourhood an export is restricted to.
#[derive(Debug, Clone, Copy)]
pub struct Around {
    pub center: EntityId,
    pub depth: usize,
    /// The nearest N entities besides the centre (None: all).
    pub limit: Option<usize>,
}

impl Filter {
    fn ranged(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// `--since/--until` as a range of days.
    pub fn days(&self) -> DayRange {
        DayRange {
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }

    fn range(&self, d: Dated) -> Dated {
        if self.ranged() {
            d.within(&self.days())
        } else {
            d
        }
    }
}

/// One node as written: the entity, its aliases, and (when asked for) the
/// days of the articles mentioning it.
#[derive(Debug, Clone)]
pub struct Node {
    pub entity: EntityRow,
    pub aliases: Vec<String>,
    pub dates: Dated,
}

/// One edge as written: the relation, its evidence count (within the date
/// range) and (when asked for) the days of that evidence.
#[derive(Debug, Clone)]
pub struct Edge {
    pub row: EdgeRow,
    pub count: i64,
    pub dates: Dated,
}

/// The entities a filter keeps; their edges are found as they are written.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The kept entities as bits; `None` without a node filter: every
    /// entity, and nothing held per entity.
    kept: Option<Neighborhood>,
    filter: Filter,
    /// Every article's day, read when first needed.
    days: OnceCell<ArticleDays>,
    /// Whether `--around`'s limit left entities out.
    pub truncated: bool,
    /// The entities found before `--top` kept the most mentioned.
    pub considered: usize,
}

/// Takes the candidates one by one and keeps them, or with `--top` the N
/// most mentioned so far (a heap of N) besides the centre.
struct Chooser {
    top: Option<usize>,
    center: Option<EntityId>,
    /// The N best, the worst on top: fewest mentions, then largest id.
    best: BinaryHeap<(Reverse<i64>, EntityId)>,
    members: IdSet,
    len: usize,
    considered: usize,
}

impl Chooser {
    fn add(&mut self, mentions: i64, id: EntityId) {
        self.considered += 1;
        match self.top {
            Some(n) if Some(id) != self.center => {
                self.best.push((Reverse(mentions), id));
                if self.best.len() > n {
                    self.best.pop();
                }
            }
            _ => self.len += usize::from(self.members.insert(id)),
        }
    }

    fn finish(mut self) -> (IdSet, usize, usize) {
        for (_, id) in self.best.drain() {
            self.len += usize::from(self.members.insert(id));
        }
        (self.members, self.len, self.considered)
    }
}

impl Selection {
    /// Chooses the nodes.
    pub fn new(store: &Store, filter: &Filter) -> Result<Selection> {
        let days = OnceCell::new();
        let unfiltered = filter.around.is_none()
            && filter.walk.types.is_none()
            && filter.top.is_none()
            && !filter.ranged();
        if unfiltered {
            return Ok(Selection {
                kept: None,
                filter: filter.clone(),
                days,
                truncated: false,
                considered: store.entity_count()?,
            });
        }
        let max_id = store.max_entity_id()?;
        let typed = |e: &EntityRow| {
            filter
                .walk
                .types
                .as_ref()
                .is_none_or(|t| t.contains(&e.kind))
        };
        let center = filter.around.map(|a| a.center);
        // Within `--since/--until`: the centre, an end of a dated edge, or
        // mentioned in a dated article.
        let dated = if filter.ranged() {
            Some((
                Self::days_in(&days, store)?,
                store.entities_dated(&filter.days())?,
            ))
        } else {
            None
        };
        let in_range = |id: EntityId| -> Result<bool> {
            let Some((days, dated)) = &dated else {
                return Ok(true);
            };
            Ok(Some(id) == center
                || dated.binary_search(&id).is_ok()
                || filter.range(store.mention_dates(id, days)?).total() > 0)
        };
        let mut chooser = Chooser {
            top: filter.top,
            center,
            best: BinaryHeap::new(),
            members: IdSet::with_max(max_id),
            len: 0,
            considered: 0,
        };
        let mut add = |mentions: i64, id: EntityId| -> Result<()> {
            if in_range(id)? {
                chooser.add(mentions, id);
            }
            Ok(())
        };
        let mut truncated = false;
        match filter.around {
            // Without a type filter the neighbourhood is walked by ids (see
            // `neighborhood`); with one, through the loaded graph.
            Some(a) if filter.walk.types.is_none() => {
                let ball =
                    neighborhood::find(store, a.center, a.depth, &filter.walk.edges, a.limit)?;
                truncated = ball.truncated;
                for id in ball.ids() {
                    if let Some(e) = store.entity(id)? {
                        add(e.mentions, id)?;
                    }
                }
            }
            Some(a) => {
                // The nearest `limit` besides the centre: by hops, then
                // the most mentioned.
                let n = KnowledgeGraph::neighborhood(store, a.center, a.depth, &filter.walk, true)?;
                let mut near: Vec<(Option<usize>, i64, EntityId)> = n
                    .graph
                    .nodes()
                    .filter(|e| e.id != a.center)
                    .map(|e| (n.distance.get(&e.id).copied(), e.mentions, e.id))
                    .collect();
                if let Some(limit) = a.limit.filter(|&l| near.len() > l) {
                    near.sort_unstable_by(|x, y| {
                        x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2))
                    });
                    near.truncate(limit);
                    truncated = true;
                }
                for (_, m, id) in near {
                    add(m, id)?;
                }
                for e in n.graph.nodes().filter(|e| e.id == a.center) {
                    add(e.mentions, e.id)?;
                }
            }
            None => store.for_each_entity(|e| {
                if typed(&e) {
                    add(e.mentions, e.id)?;
                }
                Ok(())
            })?,
        }
        let (members, len, considered) = chooser.finish();
        Ok(Selection {
            kept: Some(Neighborhood::of(members, len, max_id)),
            filter: filter.clone(),
            days,
            truncated,
            considered,
        })
    }

    fn days_in<'a>(cell: &'a OnceCell<ArticleDays>, store: &Store) -> Result<&'a ArticleDays> {
        if cell.get().is_none() {
            // Unset just above, so this cannot fail.
            let _ = cell.set(store.article_days()?);
        }
        Ok(cell.get().expect("set just above"))
    }

    /// How many entities are kept.
    pub fn len(&self) -> usize {
        self.kept
            .as_ref()
            .map_or(self.considered, Neighborhood::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f` on each kept node, by id; `dates` reads the days its
    /// articles carry (within the range).
    pub fn nodes(
        &self,
        store: &Store,
        dates: bool,
        mut f: impl FnMut(Node) -> Result<()>,
    ) -> Result<()> {
        let mut emit = |entity: EntityRow| -> Result<()> {
            let dates = if dates {
                let days = Self::days_in(&self.days, store)?;
                self.filter.range(store.mention_dates(entity.id, days)?)
            } else {
                Dated::default()
            };
            let aliases = store.aliases(entity.id)?;
            f(Node {
                entity,
                aliases,
                dates,
            })
        };
        match &self.kept {
            None => store.for_each_entity(emit),
            Some(kept) if kept.is_large() => store.for_each_entity(|e| {
                if kept.members.contains(e.id) {
                    emit(e)?;
                }
                Ok(())
            }),
            Some(kept) => {
                for id in kept.ids() {
                    if let Some(e) = store.entity(id)? {
                        emit(e)?;
                    }
                }
                Ok(())
            }
        }
    }

    /// The evidence of an edge dated within the range (all of it without
    /// one), at most `limit` sentences.
    pub fn evidence(
        &self,
        store: &Store,
        edge: RelationId,
        limit: Option<usize>,
    ) -> Result<Vec<EvidenceRow>> {
        store.evidence_in(edge, limit, &self.filter.days())
    }

    /// Calls `f` on each kept edge among the kept nodes, in (head, tail,
    /// label) order; `dates` reads the days of its evidence (within the
    /// range).
    pub fn edges(
        &self,
        store: &Store,
        dates: bool,
        mut f: impl FnMut(Edge) -> Result<()>,
    ) -> Result<()> {
        let filter = &self.filter;
        let mut keep = |row: EdgeRow| -> Result<()> {
            let (count, dates) = if dates || filter.ranged() {
                let d = filter.range(store.evidence_dates(row.id)?);
                (d.total(), d)
            } else {
                (store.evidence_count(row.id)?, Dated::default())
            };
            if (count == 0 && filter.ranged()) || count < filter.min_count {
                return Ok(());
            }
            f(Edge { row, count, dates })
        };
        match &self.kept {
            None => store.for_each_edge(&filter.walk.edges, |row| keep(row).map(|()| true)),
            Some(kept) => neighborhood::induced_edges(store, kept, &filter.walk.edges, keep),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::EdgeFilter;

    /// A store of generated articles, dated one day apart from 2021-06-01
    /// (every fifth left undated).
    fn store() -> Store {
        let mut batch = crate::store::test_fixtures::generated_batch(40, 5);
        for (i, (a, ex)) in batch.iter_mut().enumerate() {
            a.date = (i % 5 != 4).then(|| format!("2021-06-{:02}T08:00:00Z", i % 28 + 1));
            // No date words: every relation is dated by its article, as
            // ingest dates them (`extract::dated`).
            for r in &mut ex.relations {
                r.when.days = a
                    .date
                    .as_ref()
                    .map(|d| (d[..10].to_string(), d[..10].to_string()));
            }
        }
        let mut store = Store::open_in_memory().expect("memory db");
        store.write_batch(&batch).expect("write");
        store
    }

    fn run(store: &Store, filter: &Filter) -> (Vec<Node>, Vec<Edge>) {
        let s = Selection::new(store, filter).expect("selection");
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        s.nodes(store, true, |n| {
            nodes.push(n);
            Ok(())
        })
        .expect("nodes");
        s.edges(store, true, |e| {
            edges.push(e);
            Ok(())
        })
        .expect("edges");
        (nodes, edges)
    }

    fn all_entities(store: &Store) -> Vec<EntityRow> {
        let mut all = Vec::new();
        store
            .for_each_entity(|e| {
                all.push(e);
                Ok(())
            })
            .expect("entities");
        all
    }

    #[test]
    fn no_filter_keeps_everything_in_order() {
        let store = store();
        let (nodes, edges) = run(&store, &Filter::default());
        assert_eq!(nodes.len(), all_entities(&store).len());
        let want = store
            .relations(&EdgeFilter::default(), None)
            .expect("edges");
        let got: Vec<EdgeRow> = edges.iter().map(|e| e.row).collect();
        assert_eq!(got, want);
        for e in &edges {
            assert_eq!(e.count, store.evidence_count(e.row.id).expect("count"));
        }
    }

    #[test]
    fn top_keeps_the_most_mentioned_and_only_their_edges() {
        let store = store();
        let mut all = all_entities(&store);
        all.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
        let want: Vec<EntityId> = {
            let mut w: Vec<EntityId> = all[..10].iter().map(|e| e.id).collect();
            w.sort();
            w
        };
        let filter = Filter {
            top: Some(10),
            ..Filter::default()
        };
        let (nodes, edges) = run(&store, &filter);
        let got: Vec<EntityId> = nodes.iter().map(|n| n.entity.id).collect();
        assert_eq!(got, want);
        assert!(!edges.is_empty(), "the ten most mentioned are linked");
        assert!(
            edges
                .iter()
                .all(|e| want.contains(&e.row.head) && want.contains(&e.row.tail))
        );
        let among = store
            .relations(&EdgeFilter::default(), None)
            .expect("edges")
            .into_iter()
            .filter(|e| want.contains(&e.head) && want.contains(&e.tail))
            .count();
        assert_eq!(edges.len(), among);
    }

    #[test]
    fn min_count_and_dates_cut_edges_by_their_evidence() {
        let store = store();
        let (_, all) = run(&store, &Filter::default());
        let min_count = Filter {
            min_count: 2,
            ..Filter::default()
        };
        let (_, strong) = run(&store, &min_count);
        assert!(!strong.is_empty() && strong.len() < all.len());
        assert_eq!(strong.len(), all.iter().filter(|e| e.count >= 2).count());
        let range = Filter {
            since: Some("2021-06-05".into()),
            until: Some("2021-06-10".into()),
            ..Filter::default()
        };
        let (nodes, edges) = run(&store, &range);
        assert!(!edges.is_empty() && edges.len() < all.len());
        for e in &edges {
            assert!(e.count > 0 && e.count == e.dates.total());
            assert!(
                e.dates
                    .days
                    .iter()
                    .all(|((d, _), _)| d.as_str() >= "2021-06-05" && d.as_str() <= "2021-06-10")
            );
        }
        for n in &nodes {
            assert!(
                n.dates.total() > 0,
                "{} has no article in range",
                n.entity.name
            );
        }
        // Every edge of the whole graph with evidence in the range is kept.
        let within = all
            .iter()
            .filter(|e| e.dates.within(&range.days()).total() > 0)
            .count();
        assert_eq!(edges.len(), within);
    }

    /// With a type filter `--around` walks the loaded graph; the edges
    /// found among its nodes are the ones it loaded.
    #[test]
    fn around_with_types_agrees_with_the_loaded_neighbourhood() {
        use crate::model::EntityType;
        let store = store();
        for (hub, _) in store.top_degree(3).expect("hubs") {
            let walk = Walk {
                edges: EdgeFilter::default(),
                types: Some(vec![EntityType::Per, EntityType::Org]),
            };
            let n = KnowledgeGraph::neighborhood(&store, hub, 2, &walk, true).expect("loaded");
            let filter = Filter {
                walk,
                around: Some(Around {
                    center: hub,
                    depth: 2,
                    limit: None,
                }),
                ..Filter::default()
            };
            let (nodes, edges) = run(&store, &filter);
            let want: Vec<EntityId> = n.graph.nodes().map(|e| e.id).collect();
            assert_eq!(nodes.iter().map(|n| n.entity.id).collect::<Vec<_>>(), want);
            let want: Vec<EdgeRow> = n.graph.edges().into_iter().copied().collect();
            assert!(!want.is_empty());
            assert_eq!(edges.iter().map(|e| e.row).collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn around_with_top_keeps_the_centre() {
        let store = store();
        let (hub, _) = store.top_degree(1).expect("hub")[0];
        let filter = Filter {
            top: Some(3),
            around: Some(Around {
                center: hub,
                depth: 2,
                limit: None,
            }),
            ..Filter::default()
        };
        let s = Selection::new(&store, &filter).expect("selection");
        assert_eq!(s.len(), 4);
        let (mut nodes, mut centre) = (0, false);
        s.nodes(&store, false, |n| {
            nodes += 1;
            centre |= n.entity.id == hub;
            Ok(())
        })
        .expect("nodes");
        assert_eq!(nodes, 4);
        assert!(centre);
    }
}
