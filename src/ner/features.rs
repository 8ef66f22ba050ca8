//! Feature extraction shared by training and inference: each token gets a
//! signature of hashed string views (lower-cased form, shape, affixes)
//! computed once, then every position emits u64 feature hashes combining
//! template ids with the signatures of the tokens around it. No allocation
//! per token; the weight table maps a hash to one weight per label.

use super::N_LABELS;
use super::clusters::{self, MAX_LEVELS};
use super::gazetteer::{self, Gazetteer};
use super::hash::{Map, add, apostrophe, fmix, lower};

/// Hash-parameter version written in model files: bump when the templates
/// or hashing change, so an old model is refused instead of misread.
pub(crate) const FEATURE_VERSION: u32 = 3;

/// Version of the templates only models with clusters compute (cluster
/// and headline features), written in their clusters section: bump it
/// when those change, so an older model with clusters is refused while
/// models without clusters keep their bytes.
pub(crate) const EXTENDED_VERSION: u32 = 1;

/// A feature's hash: never 0 (0 marks an empty table slot).
#[inline]
fn feature(template: u64, value: u64) -> u64 {
    fmix(add(add(0x9e37_79b9_7f4a_7c15, template), value)) | 1
}

#[inline]
fn pair(a: u64, b: u64) -> u64 {
    add(add(0x2545_f491_4f6c_dd1d, a), b)
}

/// Flag bits of a token.
const CAP: u32 = 1; // first character upper-case
const ALLCAP: u32 = 2; // every letter upper-case, at least one letter
const DIGIT: u32 = 4;
const LETTER: u32 = 8;
const HYPHEN: u32 = 16;
const PERIOD: u32 = 32;
const NONALNUM: u32 = 64; // no letter and no digit
const BROKEN: u32 = 128; // one half of a word broken at a line end ('con¬ tinue')

/// Hashed views of one token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sig {
    lower: u64,
    shape: u64,
    short: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    flags: u32,
    /// Word-list role bits ([`super::gazetteer`]).
    gaz: u16,
    /// Cluster ids plus one per granularity ([`super::clusters`]; 0: not
    /// in the list, `u16::MAX`: padding).
    clu: [u16; MAX_LEVELS],
    /// 1 for the head (`con¬`), 2 for the tail (`tinue`) of a broken word.
    half: u8,
}

/// Signature of the padding before (`v` = 0xb05) or after the sentence.
const fn pad(v: u64) -> Sig {
    Sig {
        lower: v,
        shape: v,
        short: v,
        pre: [0; 4],
        suf: [0; 4],
        flags: 0,
        gaz: 0,
        clu: [u16::MAX; MAX_LEVELS],
        half: 0,
    }
}
pub(crate) const PAD_BEFORE: Sig = pad(0xb05);
pub(crate) const PAD_AFTER: Sig = pad(0xe05);

#[inline]
fn class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

impl Sig {
    /// Whether this is the signature of a word broken at a line end
    /// (both halves read the whole word), not of the token alone.
    pub(crate) fn broken(&self) -> bool {
        self.flags & BROKEN != 0
    }

    pub(crate) fn of(token: &str, clusters: Option<&clusters::Table>) -> Sig {
        let mut s = Sig::default();
        let mut lower_h = 1u64;
        let mut shape_h = 2u64;
        let mut short_h = 3u64;
        let mut last_class = '\0';
        let mut tail = ['\0'; 4];
        let mut n = 0usize;
        let mut letters = 0usize;
        let mut upper = 0usize;
        for c in token.chars().map(apostrophe) {
            let l = lower(c);
            lower_h = add(lower_h, u64::from(l));
            if n < 4 {
                s.pre[n] = lower_h;
            }
            tail = [tail[1], tail[2], tail[3], l];
            let k = class(c);
            if n < 12 {
                shape_h = add(shape_h, u64::from(k));
            }
            if k != last_class {
                short_h = add(short_h, u64::from(k));
                last_class = k;
            }
            if c.is_alphabetic() {
                letters += 1;
                if c.is_uppercase() {
                    upper += 1;
                    if n == 0 {
                        s.flags |= CAP;
                    }
                }
            } else if c.is_numeric() {
                s.flags |= DIGIT;
            } else if c == '-' {
                s.flags |= HYPHEN;
            } else if c == '.' {
                s.flags |= PERIOD;
            }
            n += 1;
        }
        if letters > 0 {
            s.flags |= LETTER;
            if upper == letters {
                s.flags |= ALLCAP;
            }
        } else if s.flags & DIGIT == 0 {
            s.flags |= NONALNUM;
        }
        s.lower = fmix(lower_h);
        s.gaz = Gazetteer::get().bits(s.lower);
        if let Some(c) = clusters {
            s.clu = c.get(s.lower);
            if c.compounds && s.clu[0] == 0 && s.flags & HYPHEN != 0 {
                s.clu = c.compound(token);
            }
        }
        s.shape = fmix(shape_h);
        s.short = fmix(short_h);
        // Affixes shorter than the word only: the whole word is `lower`.
        for k in 0..4 {
            if k + 1 >= n {
                s.pre[k] = 0;
            }
        }
        for k in 0..4 {
            if k + 1 < n {
                let mut h = 5u64;
                for &c in &tail[3 - k..] {
                    h = add(h, u64::from(c));
                }
                s.suf[k] = h;
            }
        }
        s
    }
}

/// Signatures of one sentence, with padding on both sides; reusable.
#[derive(Debug, Default)]
pub(crate) struct Sigs {
    sigs: Vec<Sig>,
    /// Cluster granularities (0: no cluster list, no cluster feature).
    levels: usize,
    /// Scratch for re-joining a broken word.
    joined: String,
}

/// OCR'd newspapers keep line-end hyphenation as a `¬` ending the first
/// half: `Shakes¬ peare`.
const BREAK: char = '¬';

pub(crate) const PAD: usize = 2;

impl Sigs {
    /// Signatures of `tokens`, with the cluster ids of `clusters` if given.
    pub(crate) fn fill(&mut self, tokens: &[&str], clusters: Option<&clusters::Table>) {
        self.fill_with(tokens, clusters, |t| Sig::of(t, clusters));
    }

    /// [`Sigs::fill`] with `sig_of(token)` for `Sig::of(token, clusters)`
    /// (a cache of it).
    pub(crate) fn fill_with(
        &mut self,
        tokens: &[&str],
        clusters: Option<&clusters::Table>,
        sig_of: impl FnMut(&str) -> Sig,
    ) {
        self.levels = clusters.map_or(0, |c| c.levels);
        self.sigs.clear();
        self.sigs.reserve(tokens.len() + 2 * PAD);
        self.sigs.extend([PAD_BEFORE; PAD]);
        self.sigs.extend(tokens.iter().copied().map(sig_of));
        self.sigs.extend([PAD_AFTER; PAD]);
        self.join_broken(tokens, clusters);
    }

    /// Both halves of a word broken at a line end (`con¬ tinue`) get the
    /// signature of the whole word, marked as head or tail, so that the
    /// word's lexical features fire on them. Text without `¬` is untouched.
    fn join_broken(&mut self, tokens: &[&str], clusters: Option<&clusters::Table>) {
        for (i, pair) in tokens.windows(2).enumerate() {
            let Some(head) = pair[0].strip_suffix(BREAK) else {
                continue;
            };
            if head.is_empty() {
                continue;
            }
            self.joined.clear();
            self.joined.push_str(head);
            self.joined
                .push_str(pair[1].strip_suffix(BREAK).unwrap_or(pair[1]));
            let whole = Sig::of(&self.joined, clusters);
            for (k, half) in [(i, 1), (i + 1, 2)] {
                let s = &mut self.sigs[PAD + k];
                *s = whole;
                s.flags |= BROKEN;
                s.half = half;
            }
        }
    }

    /// Cluster ids (plus one) of the first token (for tests).
    #[cfg(test)]
    pub(crate) fn first_clusters(&self) -> [u16; MAX_LEVELS] {
        self.sigs[PAD].clu
    }

    pub(crate) fn len(&self) -> usize {
        self.sigs.len() - 2 * PAD
    }

    /// Every signature, padding included: token `k` is at `k + PAD`.
    pub(crate) fn padded(&self) -> &[Sig] {
        &self.sigs
    }

    /// Signatures of the sentence's tokens, without padding.
    fn tokens(&self) -> &[Sig] {
        &self.sigs[PAD..self.sigs.len() - PAD]
    }
}

/// Entity type index of a label: 0 for O, then PER, ORG, LOC, MISC.
#[inline]
fn type_of(label: u8) -> usize {
    usize::from(label).div_ceil(2)
}

/// Document statistics for the second pass: for every capitalised word
/// (by lower-cased hash), how often the first pass tagged it O, PER, ORG,
/// LOC and MISC in the document.
#[derive(Debug, Default)]
pub(crate) struct DocStats {
    counts: Map<[u16; 5]>,
}

impl DocStats {
    pub(crate) fn clear(&mut self) {
        self.counts.clear();
    }

    /// Counts one sentence with its first-pass labels.
    pub(crate) fn add(&mut self, sigs: &Sigs, labels: &[u8]) {
        for (s, &l) in sigs.tokens().iter().zip(labels) {
            if s.flags & CAP != 0 && s.flags & LETTER != 0 {
                let c = self.counts.entry(s.lower).or_default();
                c[type_of(l)] = c[type_of(l)].saturating_add(1);
            }
        }
    }
}

/// Calls `f(i, hash)` for the document features of each capitalised token
/// `i`: what the first pass said about the same word elsewhere in the
/// document (the token's own first-pass label excluded).
pub(crate) fn doc_emissions(
    sigs: &Sigs,
    labels: &[u8],
    stats: &DocStats,
    mut f: impl FnMut(usize, u64),
) {
    for (i, (c, &l)) in sigs.tokens().iter().zip(labels).enumerate() {
        if c.flags & CAP == 0 || c.flags & LETTER == 0 {
            continue;
        }
        let mut counts = stats.counts.get(&c.lower).copied().unwrap_or_default();
        counts[type_of(l)] = counts[type_of(l)].saturating_sub(1);
        let total: u32 = counts.iter().map(|&x| u32::from(x)).sum();
        let initial = u64::from(i == 0);
        if total == 0 {
            f(i, feature(1000, initial));
            continue;
        }
        let mut major = 0;
        for t in 1..5 {
            if counts[t] > counts[major] {
                major = t;
            }
        }
        let major = major as u64;
        f(i, feature(1001, major));
        f(i, feature(1002, pair(major, c.short)));
        f(i, feature(1003, major << 1 | initial));
        f(i, feature(1004, major << 8 | u64::from(total.min(4))));
        f(i, feature(1005, major << 4 | type_of(l) as u64));
        for (t, &n) in counts.iter().enumerate().skip(1) {
            if n > 0 {
                f(i, feature(1010 + t as u64, 1));
            }
        }
    }
}

/// Whether the sentence is a headline: most words in capitals (only
/// models with clusters use it).
pub(crate) fn headline(sigs: &Sigs) -> bool {
    sigs.levels > 0 && {
        let (mut w, mut u) = (0, 0);
        for t in sigs.tokens() {
            if t.flags & LETTER != 0 {
                w += 1;
                if t.flags & ALLCAP != 0 && t.flags & CAP != 0 {
                    u += 1;
                }
            }
        }
        2 * u > w && w > 1
    }
}

/// Calls `f(i, hash)` for every feature of every position `i`.
#[inline]
pub(crate) fn emissions(sigs: &Sigs, mut f: impl FnMut(usize, u64)) {
    let n = sigs.len();
    let s = &sigs.sigs;
    let headline = headline(sigs);
    for i in 0..n {
        let (m2, m1, c, p1, p2) = (&s[i], &s[i + 1], &s[i + 2], &s[i + 3], &s[i + 4]);
        let mut t = 0u64;
        let mut emit = |v: u64| {
            t += 1;
            f(i, feature(t, v));
        };
        emit(0);
        emit(c.lower);
        emit(m1.lower);
        emit(p1.lower);
        emit(m2.lower);
        emit(p2.lower);
        emit(c.shape);
        emit(c.short);
        emit(m1.short);
        emit(p1.short);
        emit(pair(m1.lower, c.lower));
        emit(pair(c.lower, p1.lower));
        emit(pair(m1.short, c.short));
        emit(pair(c.short, p1.short));
        emit(pair(m1.lower, c.short));
        emit(pair(c.short, p1.lower));
        let initial = u64::from(i == 0);
        emit(u64::from(c.flags) | initial << 8);
        emit(u64::from(m1.flags) << 16 | u64::from(c.flags) | u64::from(p1.flags) << 8);
        emit(u64::from(m1.gaz) << 16 | u64::from(c.gaz));
        emit(u64::from(c.gaz) << 16 | u64::from(p1.gaz));
        emit(u64::from(c.gaz) << 32 | c.short);
        for b in 0..gazetteer::BITS {
            t += 1;
            if c.gaz & (1 << b) != 0 {
                f(i, feature(t, 1));
            }
        }
        for k in 0..4 {
            t += 1;
            if c.pre[k] != 0 {
                f(i, feature(t, c.pre[k]));
            }
            t += 1;
            if c.suf[k] != 0 {
                f(i, feature(t, c.suf[k]));
            }
        }
        if c.half != 0 {
            f(i, feature(t + 1, u64::from(c.half)));
        }
        if sigs.levels > 0 {
            cluster_emissions(sigs.levels, m1, c, p1, |h| f(i, h));
            extended_emissions(headline, c, |h| f(i, h));
        }
    }
}

/// How many roles a token plays in the features of [`emissions`]: the
/// token scored ([`ROLE_C`]), the one before ([`ROLE_M1`]) and after
/// ([`ROLE_P1`]), two before ([`ROLE_M2`]) and two after ([`ROLE_P2`]).
pub(crate) const ROLES: usize = 5;
pub(crate) const ROLE_C: usize = 0;
pub(crate) const ROLE_M1: usize = 1;
pub(crate) const ROLE_P1: usize = 2;
pub(crate) const ROLE_M2: usize = 3;
pub(crate) const ROLE_P2: usize = 4;

/// The features of [`emissions`] that read one token alone, as
/// `f(role, hash)`: the same templates and hashes, so that what a word
/// contributes in each role can be summed once and reused (inference
/// only: the order of the calls differs from [`emissions`]). The others
/// are [`context_features`]'.
#[inline]
pub(crate) fn word_features(c: &Sig, levels: usize, mut f: impl FnMut(usize, u64)) {
    f(ROLE_C, feature(2, c.lower));
    f(ROLE_M1, feature(3, c.lower));
    f(ROLE_P1, feature(4, c.lower));
    f(ROLE_M2, feature(5, c.lower));
    f(ROLE_P2, feature(6, c.lower));
    f(ROLE_C, feature(7, c.shape));
    f(ROLE_C, feature(8, c.short));
    f(ROLE_M1, feature(9, c.short));
    f(ROLE_P1, feature(10, c.short));
    f(ROLE_C, feature(21, u64::from(c.gaz) << 32 | c.short));
    let mut t = 21;
    for b in 0..gazetteer::BITS {
        t += 1;
        if c.gaz & (1 << b) != 0 {
            f(ROLE_C, feature(t, 1));
        }
    }
    for k in 0..4 {
        t += 1;
        if c.pre[k] != 0 {
            f(ROLE_C, feature(t, c.pre[k]));
        }
        t += 1;
        if c.suf[k] != 0 {
            f(ROLE_C, feature(t, c.suf[k]));
        }
    }
    if c.half != 0 {
        f(ROLE_C, feature(t + 1, u64::from(c.half)));
    }
    for l in 0..levels {
        let t = 2000 + 16 * l as u64;
        f(ROLE_C, feature(t, u64::from(c.clu[l])));
        f(ROLE_M1, feature(t + 1, u64::from(c.clu[l])));
        f(ROLE_P1, feature(t + 2, u64::from(c.clu[l])));
    }
}

/// The features of [`emissions`] at position `i` that [`word_features`]
/// leaves out: the bias, those reading two or three tokens, the position
/// and the sentence (`headline` is [`headline`]`(sigs)`).
#[inline]
pub(crate) fn context_features(sigs: &Sigs, i: usize, headline: bool, mut f: impl FnMut(u64)) {
    let s = &sigs.sigs;
    let (m1, c, p1) = (&s[i + 1], &s[i + 2], &s[i + 3]);
    f(feature(1, 0));
    f(feature(11, pair(m1.lower, c.lower)));
    f(feature(12, pair(c.lower, p1.lower)));
    f(feature(13, pair(m1.short, c.short)));
    f(feature(14, pair(c.short, p1.short)));
    f(feature(15, pair(m1.lower, c.short)));
    f(feature(16, pair(c.short, p1.lower)));
    let initial = u64::from(i == 0);
    f(feature(17, u64::from(c.flags) | initial << 8));
    f(feature(
        18,
        u64::from(m1.flags) << 16 | u64::from(c.flags) | u64::from(p1.flags) << 8,
    ));
    f(feature(19, u64::from(m1.gaz) << 16 | u64::from(c.gaz)));
    f(feature(20, u64::from(c.gaz) << 16 | u64::from(p1.gaz)));
    if sigs.levels > 0 {
        extended_emissions(headline, c, f);
    }
}

/// Features a model with clusters computes besides the cluster ones
/// (added with them, so older models keep theirs): whether the sentence
/// is a headline (most words in capitals, as CoNLL-2003's titles), with the
/// token's shape and with its word.
#[inline]
fn extended_emissions(headline: bool, c: &Sig, mut f: impl FnMut(u64)) {
    let h = u64::from(headline);
    f(feature(3005, pair(h, c.short)));
    f(feature(3006, pair(h, c.lower)));
}

/// Cluster features of one position (none without a cluster list): its
/// cluster and its neighbours' at each granularity. Template ids from 2000
/// up, apart from those of [`emissions`], so a model trained without
/// clusters sees exactly the features it always did.
#[inline]
fn cluster_emissions(levels: usize, m1: &Sig, c: &Sig, p1: &Sig, mut f: impl FnMut(u64)) {
    for l in 0..levels {
        let t = 2000 + 16 * l as u64;
        f(feature(t, u64::from(c.clu[l])));
        f(feature(t + 1, u64::from(m1.clu[l])));
        f(feature(t + 2, u64::from(p1.clu[l])));
    }
}

/// Inference weight table: open addressing over the feature hashes, in two
/// parallel arrays. `fps` keeps a 16-bit fingerprint of each stored hash
/// (its low bits; the slot index comes from the high bits), small enough to
/// stay in cache, so an absent feature costs no trip to memory. `rows`
/// keeps the weights of labels 1.. relative to label O (a per-token
/// constant does not change the decoded path), 16 aligned bytes a slot.
/// An absent feature matches a stored one only if its slot chain and
/// fingerprint agree (about 1 in 65,535 per probe): noise far below the
/// quantisation step.
#[derive(Debug)]
pub(crate) struct Table {
    shift: u32,
    mask: usize,
    fps: Vec<u16>,
    rows: Vec<Row>,
}

/// Weights of labels 1..N_LABELS minus the weight of O.
#[derive(Debug, Clone, Copy, Default)]
#[repr(align(16))]
pub(crate) struct Row(pub(crate) [i16; N_LABELS - 1]);

/// Fingerprint of a hash: never 0 (0 marks an empty slot).
#[inline]
fn fingerprint(key: u64) -> u16 {
    (key as u16).max(1)
}

impl Table {
    /// `keys` are distinct (the loader checks it); `weights` holds
    /// `N_LABELS` values per key. Load factor at most 2/3.
    pub(crate) fn new(keys: &[u64], weights: &[i16]) -> Table {
        let size = (keys.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mask = size - 1;
        let shift = 64 - size.trailing_zeros();
        let mut fps = vec![0u16; size];
        let mut rows = vec![Row::default(); size];
        for (&key, w) in keys.iter().zip(weights.chunks_exact(N_LABELS)) {
            let mut i = (key >> shift) as usize;
            while fps[i] != 0 {
                i = (i + 1) & mask;
            }
            fps[i] = fingerprint(key);
            for (r, &x) in rows[i].0.iter_mut().zip(&w[1..]) {
                let d = i32::from(x) - i32::from(w[0]);
                *r = d.clamp(-i32::from(i16::MAX), i32::from(i16::MAX)) as i16;
            }
        }
        Table {
            shift,
            mask,
            fps,
            rows,
        }
    }

    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<&Row> {
        let fp = fingerprint(key);
        let mut i = (key >> self.shift) as usize;
        loop {
            let f = self.fps[i];
            if f == fp {
                return Some(&self.rows[i]);
            }
            if f == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(tokens: &[&str]) -> Vec<Vec<u64>> {
        let mut sigs = Sigs::default();
        sigs.fill(tokens, None);
        let mut out = vec![Vec::new(); tokens.len()];
        emissions(&sigs, |i, h| out[i].push(h));
        out
    }

    #[test]
    fn features_are_deterministic_and_context_dependent() {
        let a = hashes(&["Le", "Paris", "de", "1900"]);
        assert_eq!(a, hashes(&["Le", "Paris", "de", "1900"]));
        let b = hashes(&["Au", "Paris", "de", "1900"]);
        assert_ne!(a[1], b[1]);
        // Same token, same left/right context: same features.
        assert_eq!(a[3], b[3]);
        assert!(a.iter().flatten().all(|&h| h != 0));
        // Digits are folded: 1900 and 1815 share their lower-cased form.
        let c = hashes(&["Le", "Paris", "de", "1815"]);
        assert_eq!(a[3], c[3]);
    }

    #[test]
    fn broken_words_are_read_whole() {
        let whole = hashes(&["de", "Shakespeare", "au"]);
        let broken = hashes(&["de", "Shakes¬", "peare", "au"]);
        // Feature 1 is the lower-cased word: both halves read the whole word.
        assert_eq!(broken[1][1], whole[1][1]);
        assert_eq!(broken[2][1], whole[1][1]);
        // The halves are told apart, and from the unbroken word.
        assert_ne!(broken[1], broken[2]);
        assert_ne!(broken[1], whole[1]);
        // A lone `¬` or a final one joins nothing: `x` after a lone `¬`
        // reads as itself, and a final `bb¬` as a plain word.
        assert_eq!(hashes(&["¬", "x"])[1][1], hashes(&["x"])[0][1]);
        assert_eq!(
            hashes(&["a", "bb¬"])[1].len(),
            hashes(&["a", "bbc"])[1].len()
        );
    }

    #[test]
    fn table_finds_what_it_holds() {
        let keys = [3u64, 5, 7 | (1 << 60), 9 | (3 << 62)];
        let mut weights = vec![0i16; keys.len() * N_LABELS];
        for (i, w) in weights.iter_mut().enumerate() {
            *w = i as i16;
        }
        let t = Table::new(&keys, &weights);
        for (k, key) in keys.iter().enumerate() {
            // Stored relative to O: label 1 minus label 0 is 1.
            assert_eq!(t.get(*key).unwrap().0[0], 1, "key {k}");
        }
        assert!(t.get(11).is_none());
        assert!(t.get(3 | (1 << 61)).is_none());
    }
}
