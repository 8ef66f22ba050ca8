//! The vocabulary every layer speaks: the ontology's types and labels, the
//! id newtypes, an article and what extraction found in it
//! ([`extraction`]) and as a facts line ([`facts`]), the languages it can
//! be in ([`language`]), and the
//! hash maps word lists are kept in. It imports nothing from the rest of
//! the crate.
//!
//! The strings here (PER, ORG, `meets`, ...) are the contract of
//! `docs/ontology.md` (a copy of `../shared/spec/ontology.md`, kept equal
//! by a test); a test checks them against its tables.

mod extraction;
pub mod facts;
mod language;

pub use extraction::{ArticleRecord, Entity, Extraction, Mention, ReadNote, Relation, Span, When};
pub use facts::content_hash;
pub use language::{ArticleLang, OtherLang};

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

/// The hash maps and sets of word lists and extraction. Word lists are
/// looked up several times per token, so they hash with foldhash (fast,
/// fixed seed) instead of the standard library's SipHash; no output
/// depends on iteration order.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// See [`Map`].
pub type Set<T> = HashSet<T, foldhash::fast::FixedState>;

/// Kind of an entity node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
    #[serde(rename = "EVENT")]
    Event,
}

impl EntityType {
    pub const ALL: [EntityType; 5] = [Self::Per, Self::Org, Self::Loc, Self::Misc, Self::Event];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Per => "PER",
            Self::Org => "ORG",
            Self::Loc => "LOC",
            Self::Misc => "MISC",
            Self::Event => "EVENT",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                format!("unknown entity type {s:?} (expected PER, ORG, LOC, MISC or EVENT)")
            })
    }
}

/// Label of an edge: the nine typed relations of the ontology plus `cooccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Meets,
    Role,
    Leads,
    MemberOf,
    Represents,
    LocatedIn,
    PartOf,
    AgreesWith,
    Opposes,
    Cooccurs,
}

impl Label {
    /// The typed labels, in the order of ontology.md's table.
    pub const TYPED: [Label; 9] = [
        Self::Meets,
        Self::Role,
        Self::Leads,
        Self::MemberOf,
        Self::Represents,
        Self::LocatedIn,
        Self::PartOf,
        Self::AgreesWith,
        Self::Opposes,
    ];
    pub const ALL: [Label; 10] = [
        Self::Meets,
        Self::Role,
        Self::Leads,
        Self::MemberOf,
        Self::Represents,
        Self::LocatedIn,
        Self::PartOf,
        Self::AgreesWith,
        Self::Opposes,
        Self::Cooccurs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Meets => "meets",
            Self::Role => "role",
            Self::Leads => "leads",
            Self::MemberOf => "member_of",
            Self::Represents => "represents",
            Self::LocatedIn => "located_in",
            Self::PartOf => "part_of",
            Self::AgreesWith => "agrees_with",
            Self::Opposes => "opposes",
            Self::Cooccurs => "cooccurs",
        }
    }

    /// `meets`, `agrees_with` and `cooccurs` have no direction: stores keep
    /// them with the smaller entity id as head.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::Meets | Self::AgreesWith | Self::Cooccurs)
    }

    /// Whether the ontology allows this label from an entity of type
    /// `head` to one of type `tail` (the "from -> to" column of
    /// `docs/ontology.md`; MISC takes part in no typed relation).
    pub fn allows(self, head: EntityType, tail: EntityType) -> bool {
        use EntityType::{Loc, Org, Per};
        let actor = |t: EntityType| matches!(t, Per | Org | Loc);
        match self {
            Self::Meets | Self::AgreesWith | Self::Opposes | Self::Cooccurs => {
                actor(head) && actor(tail)
            }
            Self::Role | Self::Leads => head == Per && matches!(tail, Org | Loc),
            Self::MemberOf => actor(head) && tail == Org,
            Self::Represents => matches!(head, Per | Org) && matches!(tail, Org | Loc),
            Self::LocatedIn => matches!(head, Org | Loc) && tail == Loc,
            Self::PartOf => head == Org && matches!(tail, Org | Loc),
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Label {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|l| l.as_str()).collect();
                format!("unknown label {s:?} (expected one of {})", names.join(", "))
            })
    }
}

/// Language of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "fr" | "fra" | "french" => Ok(Self::Fr),
            "en" | "eng" | "english" => Ok(Self::En),
            _ => Err(format!("unsupported language {s:?} (expected fr or en)")),
        }
    }
}

macro_rules! id_newtype {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_newtype!(
    /// Row id of an article in the store.
    ArticleId,
    /// Row id of an entity (a graph node) in the store.
    EntityId,
    /// Row id of a sentence in the store.
    SentenceId,
    /// Row id of a relation (a graph edge) in the store.
    RelationId,
);

/// The confidence of every `cooccurs` edge: naming two things in one
/// sentence says as much each time. The store keeps no confidence for
/// them (`migrations/0004_cooccurrences.sql`).
pub const COOCCURS_CONFIDENCE: f64 = 0.3;

/// Ids of co-occurrence edges. A `cooccurs` edge is the pair of its
/// entities (smaller id first), stored as the rows of the sentences naming
/// both, with no id of its own; its [`RelationId`] is the pair, as a
/// negative number so it never meets a typed relation's (positive) id.
impl RelationId {
    /// Entity ids a pair id can hold (below 2^31).
    const PAIR_SHIFT: i64 = 1 << 31;

    /// The id of the `cooccurs` edge between `head` and `tail`, `head`
    /// the smaller; `None` if an id is too large to pair (over 2^31).
    pub fn cooccurs(head: EntityId, tail: EntityId) -> Option<RelationId> {
        let fits = |e: EntityId| (0..Self::PAIR_SHIFT).contains(&e.0);
        (fits(head) && fits(tail) && head < tail)
            .then(|| RelationId(-(head.0 * Self::PAIR_SHIFT + tail.0) - 1))
    }

    /// The (head, tail) of a `cooccurs` edge's id, `None` for a typed
    /// relation's id.
    pub fn pair(self) -> Option<(EntityId, EntityId)> {
        (self.0 < 0).then(|| {
            let n = -(self.0 + 1);
            (
                EntityId(n / Self::PAIR_SHIFT),
                EntityId(n % Self::PAIR_SHIFT),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooccurs_ids_round_trip_and_stay_negative() {
        let max = (1 << 31) - 1;
        for (h, t) in [
            (0, 1),
            (1, 2),
            (7, max),
            (max - 1, max),
            (123_456, 1_115_468),
        ] {
            let id = RelationId::cooccurs(EntityId(h), EntityId(t)).expect("fits");
            assert!(id.0 < 0, "{h} {t}");
            assert_eq!(id.pair(), Some((EntityId(h), EntityId(t))));
        }
        assert_eq!(RelationId::cooccurs(EntityId(2), EntityId(1)), None);
        assert_eq!(RelationId::cooccurs(EntityId(1), EntityId(1 << 31)), None);
        assert_eq!(RelationId(1).pair(), None);
        assert_eq!(RelationId(0).pair(), None);
    }

    #[test]
    fn strings_round_trip() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>(), Ok(t));
        }
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>(), Ok(l));
        }
        assert!("knows".parse::<Label>().is_err());
    }

    /// The ontology's tables are the contract: every type and label they
    /// name must be ours, and ours must be theirs. Skips (with a note) when
    /// `../shared` is absent, as in a fresh clone without the shared folder.
    #[test]
    fn matches_shared_ontology() {
        // The repository's copy (docs/), read always; the shared spec must
        // say the same when it is there.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("docs/ontology.md");
        let text = std::fs::read_to_string(&path).expect("docs/ontology.md ships");
        for doc in ["ontology.md", "interfaces.md"] {
            let shared = root.join("../shared/spec").join(doc);
            if let Ok(spec) = std::fs::read_to_string(&shared) {
                let ours = std::fs::read_to_string(root.join("docs").join(doc))
                    .expect("docs/ holds a copy of each spec");
                assert_eq!(ours, spec, "docs/{doc} differs from {}", shared.display());
            }
        }
        let mut section = "";
        let mut types = Vec::new();
        let mut labels = Vec::new();
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("## ") {
                section = if h.starts_with("Entity types") {
                    "types"
                } else if h.starts_with("Relation labels") {
                    "labels"
                } else {
                    ""
                };
                continue;
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() < 3 || cells[1].is_empty() || cells[1].starts_with("---") {
                continue;
            }
            match section {
                "types" if cells[1] != "type" => types.push(cells[1].to_string()),
                "labels" if cells[1] != "label" => labels.push(cells[1].to_string()),
                _ => {}
            }
        }
        let ours_t: Vec<String> = EntityType::ALL
            .iter()
            .filter(|t| **t != EntityType::Event)
            .map(|t| t.as_str().to_string())
            .collect();
        let ours_l: Vec<String> = Label::TYPED
            .iter()
            .map(|l| l.as_str().to_string())
            .collect();
        assert_eq!(types, ours_t);
        assert_eq!(labels, ours_l);
    }
}
