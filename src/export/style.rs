//! What every format shows the same way: the colour of each entity type,
//! lists and edge attributes as flat values.

use crate::model::EntityType;
use crate::store::EvidenceRow;
use std::collections::BTreeMap;

/// The colour of a type, as red, green, blue.
pub fn colour(kind: EntityType) -> [u8; 3] {
    match kind {
        EntityType::Per => [0xa6, 0xce, 0xe3],
        EntityType::Org => [0xfd, 0xbf, 0x6f],
        EntityType::Loc => [0xb2, 0xdf, 0x8a],
        EntityType::Misc => [0xdd, 0xdd, 0xdd],
        EntityType::Event => [0xfb, 0x9a, 0x99],
    }
}

/// The colour of a type as `#rrggbb`.
pub fn hex(kind: EntityType) -> String {
    let [r, g, b] = colour(kind);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// An edge's attributes: each key's first value over its evidence.
pub fn attrs(evidence: &[EvidenceRow]) -> BTreeMap<&str, &str> {
    let mut attrs = BTreeMap::new();
    for ev in evidence {
        for (k, v) in &ev.attrs {
            attrs.entry(k.as_str()).or_insert(v.as_str());
        }
    }
    attrs
}

/// An edge's attributes as `key=value` pairs, `;`-joined, keys in order
/// (for formats that want flat values).
pub fn flat_attrs(evidence: &[EvidenceRow]) -> String {
    attrs(evidence)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}
