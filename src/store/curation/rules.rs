//! The curation rules an ingest re-applies: what a merge or a retype
//! redirected (extraction's `(type, key)` to the node's), the aliases
//! added or removed by hand, and the aliases split off a node. Keyed by extraction keys, not entity ids, so
//! they hold for entities extracted again, and for entities created anew
//! after a `kg forget` removed them.

use crate::error::{Error, Result};
use crate::model::{Entity, EntityType, Extraction, Map as HashMap};
use crate::store::fold;
use rusqlite::Connection;
use std::collections::BTreeSet;

/// Redirect hops followed at most (a chain of merges); more is a cycle.
const MAX_HOPS: usize = 32;

/// An entity as extraction keys it.
type Node = (EntityType, String);

/// Every rule of a database, loaded once per applied batch.
#[derive(Debug, Default)]
pub(in crate::store) struct Rules {
    redirects: HashMap<Node, Node>,
    /// Per (type, key): (alias, kept). Removed ones are folded.
    aliases: HashMap<Node, Vec<(String, bool)>>,
    /// Per (type, key) of a node split: (folded alias, the split's node).
    splits: HashMap<Node, Vec<(String, Node)>>,
}

fn kind(s: String) -> rusqlite::Result<EntityType> {
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

impl Rules {
    /// The rules, or `None` when there is none (most databases).
    pub(in crate::store) fn load(conn: &Connection) -> Result<Option<Rules>> {
        let mut rules = Rules::default();
        let step = "read curation rules";
        let mut stmt = conn
            .prepare_cached("SELECT from_type, from_key, to_type, to_key FROM redirects")
            .map_err(Error::sql(step))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    (kind(r.get(0)?)?, r.get::<_, String>(1)?),
                    (kind(r.get(2)?)?, r.get::<_, String>(3)?),
                ))
            })
            .map_err(Error::sql(step))?;
        for row in rows {
            let (from, to) = row.map_err(Error::sql(step))?;
            rules.redirects.insert(from, to);
        }
        let mut stmt = conn
            .prepare_cached("SELECT type, key, alias, keep FROM alias_rules ORDER BY 1, 2, 3")
            .map_err(Error::sql(step))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    (kind(r.get(0)?)?, r.get::<_, String>(1)?),
                    (r.get::<_, String>(2)?, r.get::<_, bool>(3)?),
                ))
            })
            .map_err(Error::sql(step))?;
        for row in rows {
            let (at, rule) = row.map_err(Error::sql(step))?;
            rules.aliases.entry(at).or_default().push(rule);
        }
        let mut stmt = conn
            .prepare_cached(
                "SELECT type, key, alias, to_type, to_key FROM split_rules ORDER BY 1, 2, 3",
            )
            .map_err(Error::sql(step))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    (kind(r.get(0)?)?, r.get::<_, String>(1)?),
                    (r.get::<_, String>(2)?, (kind(r.get(3)?)?, r.get(4)?)),
                ))
            })
            .map_err(Error::sql(step))?;
        for row in rows {
            let (at, rule) = row.map_err(Error::sql(step))?;
            rules.splits.entry(at).or_default().push(rule);
        }
        let none =
            rules.redirects.is_empty() && rules.aliases.is_empty() && rules.splits.is_empty();
        Ok((!none).then_some(rules))
    }

    /// Where an extracted `(kind, key)` is stored: itself, or the end of
    /// its redirects.
    pub(in crate::store) fn target<'a>(
        &'a self,
        mut kind: EntityType,
        mut key: &'a str,
    ) -> (EntityType, &'a str) {
        for _ in 0..MAX_HOPS {
            match self.redirects.get(&(kind, key.to_string())) {
                Some((k, to)) => (kind, key) = (*k, to),
                None => break,
            }
        }
        (kind, key)
    }

    /// Adds the aliases added by hand to the entity `(kind, key)` and
    /// drops those removed by hand (compared folded).
    pub(in crate::store) fn adjust_aliases(
        &self,
        kind: EntityType,
        key: &str,
        aliases: &mut Vec<String>,
    ) {
        let Some(rules) = self.aliases.get(&(kind, key.to_string())) else {
            return;
        };
        for (alias, keep) in rules {
            if *keep {
                if !aliases.contains(alias) {
                    aliases.push(alias.clone());
                }
            } else {
                aliases.retain(|a| fold(a) != *alias);
            }
        }
    }

    /// Applies the rules to one staged entity of an article: its
    /// `(kind, key)` redirected, its aliases adjusted, its name (the index
    /// `name` into `aliases`) still one of them. True when the rules
    /// removed every name the article gave it: `aliases` is then the
    /// removed name alone, for a node that has no other.
    pub(in crate::store) fn apply(
        &self,
        kind: &mut EntityType,
        key: &mut String,
        aliases: &mut Vec<String>,
        name: &mut usize,
    ) -> bool {
        let (k, to) = self.target(*kind, key);
        if (k, to) != (*kind, key.as_str()) {
            (*kind, *key) = (k, to.to_string());
        }
        let old = aliases[*name].clone();
        self.adjust_aliases(*kind, key, aliases);
        *name = match aliases.iter().position(|a| *a == old) {
            Some(i) => i,
            // The name itself was removed: the first of the longest left.
            None => match longest(aliases) {
                Some(i) => i,
                None => {
                    aliases.push(old);
                    *name = 0;
                    return true;
                }
            },
        };
        false
    }
}

impl Rules {
    /// Applies the split rules to the extraction of an article (`text`)
    /// before it is staged: the mentions of a split node written as the
    /// split alias (compared folded) go to the split's node, and so do the
    /// relations of the sentences that name the node only so (what
    /// `kg split` did to the rows stored then).
    pub(in crate::store) fn split(&self, text: &str, ex: &mut Extraction) {
        if self.splits.is_empty() {
            return;
        }
        for e in 0..ex.entities.len() {
            let (kind, key) = self.target(ex.entities[e].kind, &ex.entities[e].key);
            let Some(rules) = self.splits.get(&(kind, key.to_string())) else {
                continue;
            };
            for (alias, to) in rules {
                let surface = |span: crate::model::Span| text.get(span.start..span.end);
                let (mut moved, mut kept) = (Vec::new(), BTreeSet::new());
                for (i, m) in ex
                    .mentions
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.entity == e)
                {
                    match surface(m.span) {
                        Some(s) if fold(s) == *alias => moved.push(i),
                        _ => {
                            kept.insert(m.sentence);
                        }
                    }
                }
                let mut names: Vec<String> = Vec::new();
                for &i in &moved {
                    let name = surface(ex.mentions[i].span).unwrap_or_default().to_string();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                let Some(first) = names.first().cloned() else {
                    continue;
                };
                let split = Entity {
                    name: first,
                    kind: to.0,
                    key: to.1.clone(),
                    aliases: names[1..].to_vec(),
                };
                if kept.is_empty() {
                    // Named only so in this article: all of it is the split's.
                    ex.entities[e] = split;
                    break;
                }
                let new = ex.entities.len();
                ex.entities.push(split);
                let mut only = BTreeSet::new();
                for &i in &moved {
                    let m = &mut ex.mentions[i];
                    m.entity = new;
                    if !kept.contains(&m.sentence) {
                        only.insert(m.sentence);
                    }
                }
                for r in ex
                    .relations
                    .iter_mut()
                    .filter(|r| only.contains(&r.sentence))
                {
                    for end in [&mut r.head, &mut r.tail] {
                        if *end == e {
                            *end = new;
                        }
                    }
                }
                let left: Vec<String> = ex
                    .mentions
                    .iter()
                    .filter(|m| m.entity == e)
                    .filter_map(|m| surface(m.span).map(str::to_string))
                    .collect();
                let node = &mut ex.entities[e];
                node.aliases.retain(|a| fold(a) != *alias);
                if fold(&node.name) == *alias {
                    node.name = longest(&left).map(|i| left[i].clone()).unwrap_or_default();
                }
            }
        }
    }
}

/// The index of the first of the longest names (in characters).
pub(in crate::store) fn longest(names: &[String]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, n) in names.iter().enumerate() {
        let len = n.chars().count();
        if best.is_none_or(|(_, l)| len > l) {
            best = Some((i, len));
        }
    }
    best.map(|(i, _)| i)
}
