//! The hashing the tagger's features are built on, and the map keyed by
//! its hashes. A leaf: the features, the word-cluster list and the
//! gazetteer all hash a word the same way ([`word_hash`]) without
//! importing one another. Changing anything here changes every model's
//! features: bump `features::FEATURE_VERSION` and retrain.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature hashes are already well mixed: hash maps keyed by them hash a
/// key as itself.
#[derive(Default)]
pub(crate) struct Identity(u64);
impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
/// A map keyed by a feature or word hash.
pub(crate) type Map<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes `v` into the running hash `h`.
#[inline]
pub(crate) fn add(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// The final mix of a hash (murmur3's finaliser).
#[inline]
pub(crate) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A character as the lower-cased views see it: lower case, every digit
/// `0`, a typographic apostrophe `'` ([`apostrophe`]).
#[inline]
pub(crate) fn lower(c: char) -> char {
    let c = apostrophe(c);
    if c.is_ascii() {
        if c.is_ascii_digit() {
            '0'
        } else {
            c.to_ascii_lowercase()
        }
    } else if c.is_numeric() {
        '0'
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The typographic apostrophes (’ ‘ ʼ) as the ASCII one, so that "d’Ivoire"
/// reads as "d'Ivoire" does; every other character as it is.
#[inline]
pub(crate) fn apostrophe(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        c => c,
    }
}

/// The lower-cased word hash of a token (what `features::Sig` keeps as
/// `lower`).
pub(crate) fn word_hash(token: &str) -> u64 {
    fmix(token.chars().fold(1u64, |h, c| add(h, u64::from(lower(c)))))
}
