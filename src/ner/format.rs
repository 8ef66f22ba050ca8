//! The model file format, versioned and validated. Little-endian:
//!
//! ```text
//! magic "KGNERMOD" | format version u32 | feature version u32 | lang u8
//! | label count u8, then each label as u8 length + UTF-8
//! | scale f32 (the real value of one weight unit)
//! | local weights | document weights | [clusters, version 4 only]
//! | checksum u64 over every byte before it
//! ```
//!
//! where each weight set (the first pass's local features, the second
//! pass's document features) is:
//!
//! ```text
//! start weights [i16; L] | transition weights [i16; L*L]
//! | feature count u32 | keys [u64; n] strictly ascending, odd
//! | weights [i16; n*L]
//! ```
//!
//! and the clusters section, for a model trained with a word-cluster list
//! ([`super::clusters`]), is:
//!
//! ```text
//! extended feature version u32 | levels u8 (1..=6) | word count u32 | word hashes [u64; n] strictly ascending
//! | cluster ids [u16; n*levels], each below 65534
//! ```
//!
//! The extended feature version is that of the templates only models with
//! clusters compute ([`EXTENDED_VERSION`]). A model without clusters is
//! written as version 2 (the layout without the section), so models that
//! predate clusters keep their bytes; a kg that only reads version 2
//! refuses a version 4 model instead of tagging without its cluster
//! features. Version 3 (clusters without the extended feature version)
//! is refused: retrain.
//!
//! [`decode`] checks every field, so a truncated, corrupt or foreign file is
//! an [`Error::Model`] naming what is wrong, never a panic or a silently
//! wrong tagger.

use super::clusters::{Clusters, MAX_LEVELS};
use super::features::{EXTENDED_VERSION, FEATURE_VERSION};
use super::{N_LABELS, Tag};
use crate::error::{Error, Result};
use crate::model::Lang;

const MAGIC: &[u8; 8] = b"KGNERMOD";
/// Version of the file layout above (with the clusters section).
pub const FORMAT_VERSION: u32 = 4;
/// The layout without the clusters section, still written for models
/// without clusters.
const FORMAT_VERSION_NO_CLUSTERS: u32 = 2;

/// One weight set: start and transition scores plus feature weights.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Weights {
    /// Score of each label at sentence start.
    pub start: Vec<i16>,
    /// Score of label `to` after `from`, at `from * N_LABELS + to`.
    pub trans: Vec<i16>,
    /// Feature hashes, strictly ascending.
    pub keys: Vec<u64>,
    /// `N_LABELS` weights per key.
    pub weights: Vec<i16>,
}

impl Weights {
    /// No features and zero start and transition scores.
    pub fn empty() -> Weights {
        Weights {
            start: vec![0; N_LABELS],
            trans: vec![0; N_LABELS * N_LABELS],
            keys: Vec::new(),
            weights: Vec::new(),
        }
    }

    fn write(&self, out: &mut Vec<u8>) {
        for w in self.start.iter().chain(&self.trans) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for w in &self.weights {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
}

/// A decoded model: quantised weights keyed by feature hash, for the first
/// pass (local features) and the second (document features; empty when
/// the model has no second pass).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub lang: Lang,
    /// Real value of one weight unit (informational; decoding is integer).
    pub scale: f32,
    pub local: Weights,
    pub doc: Weights,
    /// The word-cluster list the model was trained with, if any.
    pub clusters: Option<Clusters>,
}

/// Checksum: a multiply-rotate chain over 8-byte words. Each step is a
/// bijection of the state, so any single changed word changes the result.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    let mut w = [0u8; 8];
    w[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
    h ^ (h >> 29)
}

fn lang_code(lang: Lang) -> u8 {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

/// Serialises a model. Deterministic: the same model gives the same bytes.
pub fn encode(m: &Model) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(512 + (m.local.keys.len() + m.doc.keys.len()) * (8 + 2 * N_LABELS));
    out.extend_from_slice(MAGIC);
    let version = match m.clusters {
        Some(_) => FORMAT_VERSION,
        None => FORMAT_VERSION_NO_CLUSTERS,
    };
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
    out.push(lang_code(m.lang));
    out.push(N_LABELS as u8);
    for t in Tag::ALL {
        let s = t.to_string();
        out.push(s.len() as u8);
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&m.scale.to_le_bytes());
    m.local.write(&mut out);
    m.doc.write(&mut out);
    if let Some(c) = &m.clusters {
        out.extend_from_slice(&EXTENDED_VERSION.to_le_bytes());
        out.push(c.levels as u8);
        out.extend_from_slice(&(c.keys.len() as u32).to_le_bytes());
        for k in &c.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for id in &c.ids {
            out.extend_from_slice(&id.to_le_bytes());
        }
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    origin: &'a str,
}

impl<'a> Reader<'a> {
    fn err(&self, message: String) -> Error {
        Error::Model {
            path: self.origin.to_string(),
            message,
        }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(self.err(format!(
                "truncated: {what} needs {n} bytes at offset {}",
                self.pos
            )));
        };
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }

    fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.array::<1>(what)?[0])
    }
    fn u32(&mut self, what: &str) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    /// One weight set, validated: counts within the file, keys odd and
    /// strictly ascending.
    fn weights(&mut self, pass: &str) -> Result<Weights> {
        let start = self.i16s(N_LABELS, &format!("{pass} start weights"))?;
        let trans = self.i16s(N_LABELS * N_LABELS, &format!("{pass} transition weights"))?;
        let n = self.u32(&format!("{pass} feature count"))? as usize;
        let left = self.bytes.len() - self.pos;
        if n.checked_mul(8 + 2 * N_LABELS)
            .is_none_or(|need| need > left)
        {
            return Err(self.err(format!(
                "truncated: {pass} has {n} features, only {left} bytes remain"
            )));
        }
        let key_bytes = self.take(n * 8, "feature keys")?;
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for (i, c) in key_bytes.chunks_exact(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            let k = u64::from_le_bytes(w);
            if k & 1 == 0 || (i > 0 && k <= prev) {
                return Err(self.err(format!(
                    "{pass} feature key {i} is not odd and strictly ascending"
                )));
            }
            prev = k;
            keys.push(k);
        }
        let weights = self.i16s(n * N_LABELS, &format!("{pass} feature weights"))?;
        Ok(Weights {
            start,
            trans,
            keys,
            weights,
        })
    }

    /// The clusters section, validated like the weights.
    fn clusters(&mut self) -> Result<Clusters> {
        let ev = self.u32("extended feature version")?;
        if ev != EXTENDED_VERSION {
            return Err(self.err(format!(
                "extended feature version {ev}, this kg computes version {EXTENDED_VERSION}; retrain the model"
            )));
        }
        let levels = usize::from(self.u8("cluster levels")?);
        if !(1..=MAX_LEVELS).contains(&levels) {
            return Err(self.err(format!(
                "{levels} cluster levels, expected 1 to {MAX_LEVELS}"
            )));
        }
        let n = self.u32("cluster word count")? as usize;
        let left = self.bytes.len() - self.pos;
        if n.checked_mul(8 + 2 * levels).is_none_or(|need| need > left) {
            return Err(self.err(format!(
                "truncated: {n} cluster words, only {left} bytes remain"
            )));
        }
        let key_bytes = self.take(n * 8, "cluster word hashes")?;
        let mut keys = Vec::with_capacity(n);
        for (i, c) in key_bytes.chunks_exact(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            let k = u64::from_le_bytes(w);
            if keys.last().is_some_and(|&p| k <= p) {
                return Err(self.err(format!("cluster word hash {i} is not strictly ascending")));
            }
            keys.push(k);
        }
        let ids: Vec<u16> = self
            .take(n * levels * 2, "cluster ids")?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        if let Some(i) = ids.iter().position(|&x| x >= u16::MAX - 1) {
            return Err(self.err(format!("cluster id {i} out of range")));
        }
        Ok(Clusters { levels, keys, ids })
    }

    fn i16s(&mut self, n: usize, what: &str) -> Result<Vec<i16>> {
        let len = n
            .checked_mul(2)
            .ok_or_else(|| self.err(format!("{what}: count overflows")))?;
        let b = self.take(len, what)?;
        Ok(b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
}

/// Validates and decodes a model file's bytes; `origin` names the file in
/// errors.
pub fn decode(bytes: &[u8], origin: &str) -> Result<Model> {
    let mut r = Reader {
        bytes,
        pos: 0,
        origin,
    };
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(r.err("not a kg NER model (bad magic bytes)".into()));
    }
    if bytes.len() < MAGIC.len() + 8 + 8 {
        return Err(r.err(format!("truncated: only {} bytes", bytes.len())));
    }
    r.pos = MAGIC.len();
    let version = r.u32("format version")?;
    if version != FORMAT_VERSION && version != FORMAT_VERSION_NO_CLUSTERS {
        return Err(r.err(format!(
            "format version {version}, this kg reads versions {FORMAT_VERSION_NO_CLUSTERS} and {FORMAT_VERSION}"
        )));
    }
    let (body, tail) = bytes.split_at(bytes.len() - 8);
    let mut stored = [0u8; 8];
    stored.copy_from_slice(tail);
    if checksum(body) != u64::from_le_bytes(stored) {
        return Err(r.err("checksum mismatch (file truncated or corrupt)".into()));
    }
    r.bytes = body;
    let fv = r.u32("feature version")?;
    if fv != FEATURE_VERSION {
        return Err(r.err(format!(
            "feature version {fv}, this kg computes version {FEATURE_VERSION}; retrain the model"
        )));
    }
    let lang = match r.u8("language")? {
        0 => Lang::Fr,
        1 => Lang::En,
        x => return Err(r.err(format!("unknown language code {x}"))),
    };
    let n_labels = usize::from(r.u8("label count")?);
    if n_labels != N_LABELS {
        return Err(r.err(format!("{n_labels} labels, expected {N_LABELS}")));
    }
    for t in Tag::ALL {
        let len = usize::from(r.u8("label length")?);
        let s = r.take(len, "label")?;
        if s != t.to_string().as_bytes() {
            return Err(r.err(format!(
                "label {:?} where {t} was expected",
                String::from_utf8_lossy(s)
            )));
        }
    }
    let scale = f32::from_le_bytes(r.array("scale")?);
    if !(scale.is_finite() && scale > 0.0) {
        return Err(r.err(format!("bad weight scale {scale}")));
    }
    let local = r.weights("first pass")?;
    let doc = r.weights("second pass")?;
    let clusters = if version == FORMAT_VERSION {
        Some(r.clusters()?)
    } else {
        None
    };
    if r.pos != body.len() {
        return Err(r.err(format!(
            "{} bytes left over after the weights and clusters",
            body.len() - r.pos
        )));
    }
    Ok(Model {
        lang,
        scale,
        local,
        doc,
        clusters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Model {
        Model {
            lang: Lang::Fr,
            scale: 0.01,
            local: Weights {
                start: (0..N_LABELS as i16).collect(),
                trans: (0..(N_LABELS * N_LABELS) as i16).map(|x| x - 40).collect(),
                keys: vec![1, 3, 0xffff_0001, u64::MAX],
                weights: (0..4 * N_LABELS as i16).map(|x| x * 7 - 100).collect(),
            },
            doc: Weights {
                keys: vec![5, 7],
                weights: (0..2 * N_LABELS as i16).collect(),
                ..Weights::empty()
            },
            clusters: None,
        }
    }

    fn with_clusters() -> Model {
        Model {
            clusters: Some(Clusters {
                levels: 2,
                keys: vec![2, 9, u64::MAX],
                ids: vec![0, 1, 2, 3, 4, 65533],
            }),
            ..sample()
        }
    }

    #[test]
    fn round_trips() {
        for m in [sample(), with_clusters()] {
            let bytes = encode(&m);
            assert_eq!(decode(&bytes, "t").unwrap(), m);
            assert_eq!(encode(&m), bytes);
        }
        // Without clusters, the layout (and version) of before clusters.
        assert_eq!(encode(&sample())[8], 2);
        assert_eq!(encode(&with_clusters())[8], 4);
    }

    /// Every truncation and every single-byte corruption is refused with
    /// an error, never a panic.
    #[test]
    fn truncated_or_corrupt_files_are_errors() {
        for m in [sample(), with_clusters()] {
            refuses_every_corruption(&encode(&m));
        }
    }

    fn refuses_every_corruption(bytes: &[u8]) {
        for len in 0..bytes.len() {
            let e = decode(&bytes[..len], "t").unwrap_err();
            assert!(matches!(e, Error::Model { .. }), "{e}");
        }
        for i in 0..bytes.len() {
            for flip in [1u8, 0x80, 0xff] {
                let mut b = bytes.to_vec();
                b[i] ^= flip;
                let e = decode(&b, "t").unwrap_err();
                assert!(matches!(e, Error::Model { .. }), "byte {i}: {e}");
            }
        }
        let mut longer = bytes.to_vec();
        longer.push(0);
        assert!(decode(&longer, "t").is_err());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let msg = |b: &[u8]| decode(b, "m.model").unwrap_err().to_string();
        assert!(msg(b"hello world").contains("bad magic"));
        let mut b = encode(&sample());
        b[8] = 9;
        assert!(msg(&b).contains("format version 9"));
        let b = encode(&sample());
        assert!(msg(&b[..b.len() - 3]).contains("checksum"));
        assert!(msg(&b[..b.len() - 3]).starts_with("model m.model:"));
    }

    #[test]
    fn validates_inner_fields_even_with_a_good_checksum() {
        let msg_of = |b: &[u8]| decode(b, "t").unwrap_err().to_string();
        let resign = |mut b: Vec<u8>| {
            b.truncate(b.len() - 8);
            let s = checksum(&b);
            b.extend_from_slice(&s.to_le_bytes());
            b
        };
        let mut m = sample();
        m.local.keys.swap(0, 1);
        assert!(
            decode(&encode(&m), "t")
                .unwrap_err()
                .to_string()
                .contains("ascending")
        );
        let mut b = encode(&sample());
        b[16] = 7; // language code
        assert!(
            decode(&resign(b), "t")
                .unwrap_err()
                .to_string()
                .contains("language")
        );
        let b = encode(&with_clusters());
        let mut old = b.clone();
        old[8] = 3;
        assert!(msg_of(&resign(old)).contains("format version 3"));
        let mut b = b;
        let at = b.len() - 8 - (4 + 1 + 4 + 3 * 8 + 6 * 2);
        b[at] = 9;
        assert!(msg_of(&resign(b)).contains("extended feature version 9"));
        let mut m = with_clusters();
        m.clusters.as_mut().unwrap().keys.swap(0, 1);
        assert!(
            decode(&encode(&m), "t")
                .unwrap_err()
                .to_string()
                .contains("ascending")
        );
        let mut m = with_clusters();
        m.clusters.as_mut().unwrap().ids[0] = u16::MAX;
        assert!(
            decode(&encode(&m), "t")
                .unwrap_err()
                .to_string()
                .contains("out of range")
        );
    }
}
