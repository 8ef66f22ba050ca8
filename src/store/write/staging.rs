//! Staging: the graph facts of the articles written in the open
//! transaction, kept in memory until they are applied (`applying.rs`).

use super::offsets::{CharIndex, spans_json};
use crate::model::{EntityType, Label, When};
use crate::model::{Extraction, Map as HashMap};

/// The graph facts of the articles written in the open transaction, kept
/// in memory and applied to the tables in key order at the commit (or
/// when [`Pending::is_full`]).
///
/// Measured (bench/SCALE.md): applied one article at a time,
/// every row is a B-tree descent to a random leaf of a large index, and
/// each commit rewrites nearly every leaf it touched. Merged per entity
/// and per edge first, then sorted, a batch makes one lookup per distinct
/// entity and edge, and consecutive statements land on the same pages.
///
/// The rows written are the ones the article-at-a-time writer wrote:
/// entity and relation ids in order of first appearance, a name replaced
/// only by a longer one, an edge's confidence the best of its evidence,
/// the first evidence row of a (relation, article, sentence) kept.
#[derive(Debug, Default)]
pub(in crate::store) struct Pending {
    /// One per distinct (type, key) of an article, articles in order.
    pub(super) entities: Vec<StagedEntity>,
    /// One per (article entity, article): its spans as JSON.
    pub(super) mentions: Vec<StagedMentions>,
    pub(super) relations: Vec<StagedRelation>,
}

#[derive(Debug)]
pub(super) struct StagedEntity {
    pub(super) kind: EntityType,
    pub(super) key: String,
    /// Every name and alias of its occurrences in the article.
    pub(super) aliases: Vec<String>,
    /// The index in `aliases` of the first of the longest names.
    pub(super) name: usize,
    pub(super) mentions: i64,
    /// Curation removed every name the article gave it: `aliases` holds
    /// only the removed name, kept as a name for a node that is new, never
    /// added to a stored one's aliases (see `Rules::apply`).
    pub(super) removed_names: bool,
}

impl StagedEntity {
    pub(super) fn name(&self) -> &str {
        &self.aliases[self.name]
    }
}

/// The mentions of one entity in one article.
#[derive(Debug)]
pub(super) struct StagedMentions {
    /// Index into `Pending::entities`.
    pub(super) entity: usize,
    pub(super) article: i64,
    /// `[[start, end], ...]`, code points.
    pub(super) spans: String,
    /// The names the article gives the entity, its name first, as JSON
    /// (what `kg forget` recomputes aliases and names from).
    pub(super) names: String,
}

#[derive(Debug)]
pub(super) struct StagedRelation {
    /// Indexes into `Pending::entities`.
    pub(super) head: usize,
    pub(super) tail: usize,
    pub(super) label: Label,
    pub(super) confidence: f64,
    pub(super) article: i64,
    pub(super) sentence: i64,
    pub(super) trigger: String,
    /// The attributes as JSON; `None` for none (`{}`), most relations.
    pub(super) attrs: Option<String>,
    /// The first and last day it is dated by, and the words that say so.
    pub(super) when: When,
}

/// Staged relations past which a transaction's facts are applied before
/// its commit, so memory stays bounded whatever `--batch-size` says.
const PENDING_RELATIONS: usize = 1 << 20;

impl Pending {
    pub(super) fn is_full(&self) -> bool {
        self.relations.len() >= PENDING_RELATIONS
    }

    pub(in crate::store) fn clear(&mut self) {
        *self = Pending::default();
    }

    /// Stages one checked extraction of article `article`, taking its
    /// entities' strings and its relations' triggers.
    pub(super) fn stage(&mut self, article: i64, ex: &mut Extraction, chars: &CharIndex) {
        // Extraction entities sharing a (type, key) are one node: one
        // staged entity, one mention row. New ones are numbered in order
        // of first appearance.
        let base = self.entities.len();
        let local: Vec<usize> = {
            let mut seen: HashMap<(EntityType, &str), usize> = HashMap::default();
            ex.entities
                .iter()
                .map(|e| {
                    let next = base + seen.len();
                    *seen.entry((e.kind, e.key.as_str())).or_insert(next)
                })
                .collect()
        };
        for (e, &i) in ex.entities.iter_mut().zip(&local) {
            let name = std::mem::take(&mut e.name);
            if i == self.entities.len() {
                self.entities.push(StagedEntity {
                    kind: e.kind,
                    key: std::mem::take(&mut e.key),
                    aliases: vec![name],
                    name: 0,
                    mentions: 0,
                    removed_names: false,
                });
            } else {
                let staged = &mut self.entities[i];
                if name.chars().count() > staged.name().chars().count() {
                    staged.name = staged.aliases.len();
                }
                staged.aliases.push(name);
            }
            self.entities[i].aliases.append(&mut e.aliases);
        }
        let mut spans: Vec<Vec<(i64, i64)>> = vec![Vec::new(); self.entities.len() - base];
        for m in &ex.mentions {
            let i = local[m.entity];
            self.entities[i].mentions += 1;
            spans[i - base].push(chars.span(m.span));
        }
        for (i, mut spans) in spans.into_iter().enumerate() {
            if !spans.is_empty() {
                spans.sort_unstable();
                let e = &self.entities[base + i];
                self.mentions.push(StagedMentions {
                    entity: base + i,
                    article,
                    spans: spans_json(spans.into_iter()),
                    names: names_json(e.name(), &e.aliases),
                });
            }
        }
        for r in &mut ex.relations {
            self.relations.push(StagedRelation {
                head: local[r.head],
                tail: local[r.tail],
                label: r.label,
                confidence: clamp(r.confidence),
                article,
                sentence: r.sentence as i64,
                trigger: std::mem::take(&mut r.trigger),
                attrs: (!r.attrs.is_empty())
                    .then(|| serde_json::to_string(&r.attrs).expect("a string map serialises")),
                when: std::mem::take(&mut r.when),
            });
        }
    }
}

/// `name` then the other `aliases`, each once, as a JSON array.
pub(in crate::store) fn names_json(name: &str, aliases: &[String]) -> String {
    let mut names: Vec<&str> = vec![name];
    for a in aliases {
        if !names.contains(&a.as_str()) {
            names.push(a);
        }
    }
    serde_json::to_string(&names).expect("strings serialise")
}

/// A confidence in [0, 1], rounded to four decimals so that an f32 such as
/// 0.9 is stored (and exported) as 0.9, not 0.8999999761581421.
fn clamp(c: f32) -> f64 {
    if c.is_nan() {
        0.0
    } else {
        (f64::from(c.clamp(0.0, 1.0)) * 10_000.0).round() / 10_000.0
    }
}
