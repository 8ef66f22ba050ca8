//! The trained entity tagger: BIO tags over PER/ORG/LOC/MISC for a sentence
//! of tokens, from an averaged structured perceptron decoded with Viterbi
//! under BIO constraints.
//!
//! Vaporetto's split: a versioned model file ([`format`]) whose loader
//! validates everything, an inference path ([`Tagger::tag`]) that cannot
//! fail, and training ([`train`]) behind its own subcommand. The French and
//! English models ship in `data/models/` and are embedded in the binary
//! ([`Tagger::builtin`]).
//!
//! How to call it from extraction:
//! ```
//! use kg::model::Lang;
//! use kg::ner::{Tagger, spans};
//! let tagger = Tagger::builtin(Lang::En);
//! let tokens = ["Angela", "Merkel", "visited", "Paris", "."];
//! let tags = tagger.tag(&tokens);
//! for (range, kind) in spans(&tags) {
//!     println!("{kind}: {}", tokens[range].join(" "));
//! }
//! ```

pub mod clusters;
pub mod conll;
mod features;
pub mod format;
mod gazetteer;
mod hash;
pub mod score;
pub mod train;

use crate::error::{Error, Result};
use crate::model::{EntityType, Lang};
use features::{Sigs, emissions};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

pub use format::Model;

/// Number of labels: O plus B-/I- for each of the four types.
pub const N_LABELS: usize = 9;

/// The four entity types the tagger knows, in label order.
pub const TYPES: [EntityType; 4] = [
    EntityType::Per,
    EntityType::Org,
    EntityType::Loc,
    EntityType::Misc,
];

/// One BIO tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    O,
    /// First token of an entity.
    B(EntityType),
    /// Token inside an entity, after its first.
    I(EntityType),
}

impl Tag {
    /// All labels in model order: O, B-PER, I-PER, B-ORG, I-ORG, B-LOC,
    /// I-LOC, B-MISC, I-MISC.
    pub const ALL: [Tag; N_LABELS] = [
        Tag::O,
        Tag::B(EntityType::Per),
        Tag::I(EntityType::Per),
        Tag::B(EntityType::Org),
        Tag::I(EntityType::Org),
        Tag::B(EntityType::Loc),
        Tag::I(EntityType::Loc),
        Tag::B(EntityType::Misc),
        Tag::I(EntityType::Misc),
    ];

    /// Position in [`Tag::ALL`]. An EVENT type (which the tagger never
    /// produces) maps to O.
    pub fn index(self) -> usize {
        let t = |k: EntityType| TYPES.iter().position(|&x| x == k);
        match self {
            Tag::O => 0,
            Tag::B(k) => t(k).map_or(0, |p| 1 + 2 * p),
            Tag::I(k) => t(k).map_or(0, |p| 2 + 2 * p),
        }
    }

    /// The entity type, if any.
    pub fn kind(self) -> Option<EntityType> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(k) => write!(f, "B-{k}"),
            Tag::I(k) => write!(f, "I-{k}"),
        }
    }
}

impl FromStr for Tag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "O" {
            return Ok(Tag::O);
        }
        let bad = || format!("bad tag {s:?} (expected O, B-X or I-X with X in PER ORG LOC MISC)");
        let (bio, kind) = s.split_once('-').ok_or_else(bad)?;
        let kind: EntityType = kind.parse().map_err(|_| bad())?;
        if !TYPES.contains(&kind) {
            return Err(bad());
        }
        match bio {
            "B" => Ok(Tag::B(kind)),
            "I" => Ok(Tag::I(kind)),
            _ => Err(bad()),
        }
    }
}

/// The entity chunks of a tag sequence, conlleval's way: a chunk starts at
/// `B-X`, or at `I-X` after `O` or a different type, and runs over the
/// following `I-X`.
pub fn spans(tags: &[Tag]) -> Vec<(Range<usize>, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(k), Some((_, o))) if k == o);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push((s..i, k));
        }
        if let Some(k) = t.kind() {
            open = Some((i, k));
        }
    }
    if let Some((s, k)) = open {
        out.push((s..tags.len(), k));
    }
    out
}

/// A loaded, validated model ready to tag.
#[derive(Debug)]
pub struct Tagger {
    /// Distinct per tagger built in this process (keys [`WORD_ROWS`]).
    id: u64,
    lang: Lang,
    local: Pass,
    /// The second pass, absent when the model has no document weights.
    doc: Option<Pass>,
    /// The model's word clusters, absent when it was trained without.
    clusters: Option<clusters::Table>,
    /// The [`WordRows`] of the padding before and after a sentence.
    pad_rows: [WordRows; 2],
}

/// Decoding tables of one pass.
#[derive(Debug)]
struct Pass {
    table: features::Table,
    start: [i32; N_LABELS],
    trans: [[i32; N_LABELS]; N_LABELS],
}

impl Pass {
    /// What a word of signature `sig` contributes alone, by role
    /// ([`features::word_features`]).
    fn word_rows(&self, sig: &features::Sig, levels: usize) -> WordRows {
        let mut rows: WordRows = [[0; N_LABELS]; features::ROLES];
        features::word_features(sig, levels, |role, h| self.add(&mut rows[role], h));
        rows
    }

    fn new(w: &format::Weights) -> Pass {
        let mut start = [0; N_LABELS];
        let mut trans = [[0; N_LABELS]; N_LABELS];
        for (s, &x) in start.iter_mut().zip(&w.start) {
            *s = i32::from(x);
        }
        for (row, src) in trans.iter_mut().zip(w.trans.chunks_exact(N_LABELS)) {
            for (t, &x) in row.iter_mut().zip(src) {
                *t = i32::from(x);
            }
        }
        mask_forbidden(&mut start, &mut trans);
        Pass {
            table: features::Table::new(&w.keys, &w.weights),
            start,
            trans,
        }
    }

    /// Adds the weights of feature `h` to the scores `e`.
    #[inline]
    fn add(&self, e: &mut [i32; N_LABELS], h: u64) {
        if let Some(w) = self.table.get(h) {
            for (e, &x) in e[1..].iter_mut().zip(&w.0) {
                *e += i32::from(x);
            }
        }
    }
}

/// What one word contributes alone to the first-pass scores, by role.
type WordRows = [[i32; N_LABELS]; features::ROLES];

/// A word's signature and [`WordRows`].
#[derive(Clone, Copy)]
struct WordEntry {
    sig: features::Sig,
    rows: WordRows,
}

/// Words whose [`WordRows`] a thread keeps per tagger (about 200 bytes
/// each); the cache starts over when full.
const WORD_ROWS_MAX: usize = 1 << 14;

/// [`WordRows`] by word, per tagger (a few taggers at a time).
#[derive(Default)]
struct WordRowsCache {
    taggers: Vec<(u64, crate::model::Map<Box<str>, WordEntry>)>,
}

impl WordRowsCache {
    fn of(&mut self, id: u64) -> &mut crate::model::Map<Box<str>, WordEntry> {
        let k = match self.taggers.iter().position(|(t, _)| *t == id) {
            Some(k) => k,
            None => {
                if self.taggers.len() >= 4 {
                    self.taggers.remove(0);
                }
                self.taggers.push((id, Default::default()));
                self.taggers.len() - 1
            }
        };
        &mut self.taggers[k].1
    }
}

thread_local! {
    static WORD_ROWS: std::cell::RefCell<WordRowsCache> = std::cell::RefCell::default();
}

/// Sentences a document is read in for the second pass: longer inputs
/// (a corpus without document breaks) are cut into chunks of this many.
pub const DOC_SENTENCES: usize = 200;

static BUILTIN_FR: OnceLock<Tagger> = OnceLock::new();
static BUILTIN_EN: OnceLock<Tagger> = OnceLock::new();

/// The shipped models, embedded at compile time.
pub const MODEL_FR: &[u8] = include_bytes!("../../data/models/fr.model");
pub const MODEL_EN: &[u8] = include_bytes!("../../data/models/en.model");

impl Tagger {
    /// The model shipped for `lang`, validated once on first use.
    pub fn builtin(lang: Lang) -> &'static Tagger {
        let (cell, bytes) = match lang {
            Lang::Fr => (&BUILTIN_FR, MODEL_FR),
            Lang::En => (&BUILTIN_EN, MODEL_EN),
        };
        cell.get_or_init(|| {
            Tagger::from_bytes(bytes, &format!("builtin:{lang}"))
                .expect("shipped models are validated by the test builtin_models_load")
        })
    }

    /// Validates a model file's bytes (`origin` names it in errors).
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Tagger> {
        Ok(Tagger::from_model(&format::decode(bytes, origin)?))
    }

    /// Reads and validates a model file.
    pub fn load(path: &std::path::Path) -> Result<Tagger> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Tagger::from_bytes(&bytes, &path.display().to_string())
    }

    /// Builds the inference tables of a decoded model.
    pub fn from_model(m: &Model) -> Tagger {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let local = Pass::new(&m.local);
        let clusters = m
            .clusters
            .as_ref()
            .map(|c| c.table().with_compounds(m.lang == Lang::Fr));
        let levels = clusters.as_ref().map_or(0, |c| c.levels);
        let pad_rows =
            [features::PAD_BEFORE, features::PAD_AFTER].map(|sig| local.word_rows(&sig, levels));
        Tagger {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            lang: m.lang,
            local,
            doc: (!m.doc.keys.is_empty()).then(|| Pass::new(&m.doc)),
            clusters,
            pad_rows,
        }
    }

    /// The language this model was trained for.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Tags one sentence (a document of one sentence). Never fails; an
    /// empty sentence gives no tags.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_document(&[tokens]).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document (an article): a first pass per
    /// sentence, then a second that looks at what the first said about the
    /// same capitalised words elsewhere in the document. Never fails.
    pub fn tag_document(&self, sentences: &[&[&str]]) -> Vec<Vec<Tag>> {
        let mut out = Vec::with_capacity(sentences.len());
        let mut stats = features::DocStats::default();
        let mut path = Vec::new();
        for chunk in sentences.chunks(DOC_SENTENCES) {
            let mut firsts: Vec<(Sigs, Vec<[i32; N_LABELS]>, Vec<u8>)> =
                Vec::with_capacity(chunk.len());
            stats.clear();
            for tokens in chunk {
                let (sigs, emit) = self.local_emissions_cached(tokens);
                viterbi(&emit, &self.local.start, &self.local.trans, &mut path);
                if self.doc.is_some() {
                    stats.add(&sigs, &path);
                }
                firsts.push((sigs, emit, path.clone()));
            }
            for (sigs, mut emit, labels) in firsts {
                if let Some(doc) = &self.doc {
                    features::doc_emissions(&sigs, &labels, &stats, |i, h| {
                        doc.add(&mut emit[i], h)
                    });
                    viterbi(&emit, &doc.start, &doc.trans, &mut path);
                } else {
                    path = labels;
                }
                out.push(path.iter().map(|&l| Tag::ALL[usize::from(l)]).collect());
            }
        }
        out
    }

    /// The signatures of `tokens` ([`Sigs::fill`]) and their
    /// [`Tagger::local_emissions`], with each word's signature and what it
    /// contributes alone ([`features::word_features`]) computed once per
    /// thread and tagger and reused: the same integers.
    pub(crate) fn local_emissions_cached(&self, tokens: &[&str]) -> (Sigs, Vec<[i32; N_LABELS]>) {
        use features::{PAD, ROLE_C, ROLE_M1, ROLE_M2, ROLE_P1, ROLE_P2};
        let clusters = self.clusters.as_ref();
        let mut sigs = Sigs::default();
        let levels = clusters.map_or(0, |c| c.levels);
        let word_rows = |sig: &features::Sig| self.local.word_rows(sig, levels);
        let mut rows: Vec<WordRows> = Vec::with_capacity(tokens.len() + 2 * PAD);
        WORD_ROWS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let map = cache.of(self.id);
            // A word found in the cache gives its rows with its signature
            // (one lookup); the others, and the halves of broken words,
            // are filled in after.
            let mut misses: Vec<usize> = Vec::new();
            rows.extend([self.pad_rows[0]; PAD]);
            sigs.fill_with(tokens, clusters, |w| match map.get(w) {
                Some(e) => {
                    rows.push(e.rows);
                    e.sig
                }
                None => {
                    misses.push(rows.len());
                    rows.push(self.pad_rows[0]);
                    features::Sig::of(w, clusters)
                }
            });
            rows.extend([self.pad_rows[1]; PAD]);
            let mut misses = misses.into_iter().peekable();
            for (k, (sig, &w)) in sigs.padded()[PAD..].iter().zip(tokens).enumerate() {
                let j = k + PAD;
                let missed = misses.next_if_eq(&j).is_some();
                if sig.broken() {
                    rows[j] = word_rows(sig);
                } else if missed {
                    rows[j] = match map.get(w) {
                        Some(e) => e.rows,
                        None => {
                            let r = word_rows(sig);
                            if map.len() >= WORD_ROWS_MAX {
                                map.clear();
                            }
                            map.insert(Box::from(w), WordEntry { sig: *sig, rows: r });
                            r
                        }
                    };
                }
            }
        });
        let headline = features::headline(&sigs);
        let mut emit = vec![[0i32; N_LABELS]; sigs.len()];
        for (i, e) in emit.iter_mut().enumerate() {
            features::context_features(&sigs, i, headline, |h| self.local.add(e, h));
            for (role, j) in [
                (ROLE_C, i + PAD),
                (ROLE_M1, i + PAD - 1),
                (ROLE_P1, i + PAD + 1),
                (ROLE_M2, i + PAD - 2),
                (ROLE_P2, i + PAD + 2),
            ] {
                for (x, &r) in e.iter_mut().zip(&rows[j][role]) {
                    *x += r;
                }
            }
        }
        (sigs, emit)
    }

    /// First-pass scores of every label at every token.
    pub(crate) fn local_emissions(&self, sigs: &Sigs) -> Vec<[i32; N_LABELS]> {
        let mut emit = vec![[0i32; N_LABELS]; sigs.len()];
        emissions(sigs, |i, h| self.local.add(&mut emit[i], h));
        emit
    }

    /// First-pass labels and scores of one sentence (for training the
    /// second pass).
    pub(crate) fn first_pass(&self, sigs: &Sigs) -> (Vec<[i32; N_LABELS]>, Vec<u8>) {
        let emit = self.local_emissions(sigs);
        let mut path = Vec::new();
        viterbi(&emit, &self.local.start, &self.local.trans, &mut path);
        (emit, path)
    }
}

/// Scores the decoder adds: i32 at inference, f32 in training.
pub(crate) trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> {
    const FORBIDDEN: Self;
}
impl Score for i32 {
    const FORBIDDEN: i32 = i32::MIN / 4;
}
impl Score for f32 {
    const FORBIDDEN: f32 = -1e30;
}

/// Whether label `to` may follow label `from` in BIO (`None` = sentence
/// start): `I-X` only after `B-X` or `I-X`.
pub(crate) fn allowed(from: Option<usize>, to: usize) -> bool {
    if to == 0 || to % 2 == 1 {
        return true;
    }
    matches!(from, Some(f) if f != 0 && f.div_ceil(2) == to / 2)
}

/// Sets the start and transition scores BIO forbids to
/// [`Score::FORBIDDEN`], so the decoder needs no test.
pub(crate) fn mask_forbidden<S: Score>(
    start: &mut [S; N_LABELS],
    trans: &mut [[S; N_LABELS]; N_LABELS],
) {
    for to in 0..N_LABELS {
        if !allowed(None, to) {
            start[to] = S::FORBIDDEN;
        }
        for (from, row) in trans.iter_mut().enumerate() {
            if !allowed(Some(from), to) {
                row[to] = S::FORBIDDEN;
            }
        }
    }
}

/// Best label sequence; writes label indices to `out`. `start` and
/// `trans` carry the BIO constraints ([`mask_forbidden`]).
pub(crate) fn viterbi<S: Score>(
    emit: &[[S; N_LABELS]],
    start: &[S; N_LABELS],
    trans: &[[S; N_LABELS]; N_LABELS],
    out: &mut Vec<u8>,
) {
    out.clear();
    let Some(first) = emit.first() else {
        return;
    };
    let mut score = [S::FORBIDDEN; N_LABELS];
    for l in 0..N_LABELS {
        score[l] = start[l] + first[l];
    }
    let mut back = vec![[0u8; N_LABELS]; emit.len()];
    for (i, e) in emit.iter().enumerate().skip(1) {
        // For each label `to`, the first `from` with the best score: the
        // loop runs over `from` outside so the inner one is the same
        // operation on every `to` (vectorised), and each `to` still sees
        // its `from`s in order.
        let mut best = [S::FORBIDDEN; N_LABELS];
        let mut arg = [0u8; N_LABELS];
        for (from, row) in trans.iter().enumerate() {
            let sf = score[from];
            for to in 0..N_LABELS {
                let s = sf + row[to];
                if s > best[to] {
                    best[to] = s;
                    arg[to] = from as u8;
                }
            }
        }
        for to in 0..N_LABELS {
            score[to] = best[to] + e[to];
        }
        back[i] = arg;
    }
    let mut best = 0;
    for l in 1..N_LABELS {
        if score[l] > score[best] {
            best = l;
        }
    }
    out.resize(emit.len(), 0);
    let mut cur = best as u8;
    for i in (0..emit.len()).rev() {
        out[i] = cur;
        cur = back[i][usize::from(cur)];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_index() {
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(t.to_string().parse::<Tag>(), Ok(*t));
        }
        assert!("B-EVENT".parse::<Tag>().is_err());
        assert!("X-PER".parse::<Tag>().is_err());
        assert!("B-".parse::<Tag>().is_err());
    }

    #[test]
    fn spans_follow_conlleval() {
        let t = |s: &str| -> Vec<Tag> { s.split(' ').map(|x| x.parse().unwrap()).collect() };
        let got = spans(&t("B-PER I-PER O I-LOC I-LOC B-LOC I-ORG O B-MISC"));
        let want = vec![
            (0..2, EntityType::Per),
            (3..5, EntityType::Loc),
            (5..6, EntityType::Loc),
            (6..7, EntityType::Org),
            (8..9, EntityType::Misc),
        ];
        assert_eq!(got, want);
    }

    /// The decoder as first written (`to` outside, `from` inside).
    fn viterbi_reference(
        emit: &[[i32; N_LABELS]],
        start: &[i32; N_LABELS],
        trans: &[[i32; N_LABELS]; N_LABELS],
    ) -> Vec<u8> {
        let Some(first) = emit.first() else {
            return Vec::new();
        };
        let mut score: [i32; N_LABELS] = std::array::from_fn(|l| start[l] + first[l]);
        let mut back = vec![[0u8; N_LABELS]; emit.len()];
        for (i, e) in emit.iter().enumerate().skip(1) {
            let mut next = [i32::FORBIDDEN; N_LABELS];
            for to in 0..N_LABELS {
                let (mut best, mut arg) = (i32::FORBIDDEN, 0u8);
                for from in 0..N_LABELS {
                    let s = score[from] + trans[from][to];
                    if s > best {
                        (best, arg) = (s, from as u8);
                    }
                }
                next[to] = best + e[to];
                back[i][to] = arg;
            }
            score = next;
        }
        let best = (1..N_LABELS).fold(0, |b, l| if score[l] > score[b] { l } else { b });
        let mut out = vec![0; emit.len()];
        let mut cur = best as u8;
        for i in (0..emit.len()).rev() {
            out[i] = cur;
            cur = back[i][usize::from(cur)];
        }
        out
    }

    #[test]
    fn viterbi_breaks_ties_as_the_reference() {
        // Small integer scores, so ties are frequent; a fixed generator.
        let mut x = 0x2545_f491_u32;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x % 5) as i32
        };
        let mut out = Vec::new();
        for len in 0..12 {
            for _ in 0..50 {
                let mut start: [i32; N_LABELS] = std::array::from_fn(|_| next());
                let mut trans: [[i32; N_LABELS]; N_LABELS] =
                    std::array::from_fn(|_| std::array::from_fn(|_| next()));
                mask_forbidden(&mut start, &mut trans);
                let emit: Vec<[i32; N_LABELS]> =
                    (0..len).map(|_| std::array::from_fn(|_| next())).collect();
                viterbi(&emit, &start, &trans, &mut out);
                assert_eq!(out, viterbi_reference(&emit, &start, &trans));
            }
        }
    }

    #[test]
    fn viterbi_respects_bio() {
        // Emissions favour I-PER first, which BIO forbids at the start.
        let mut emit = [[0i32; N_LABELS]; 2];
        emit[0][2] = 10;
        emit[0][1] = 5;
        emit[1][2] = 10;
        let mut out = Vec::new();
        let (mut start, mut trans) = ([0; N_LABELS], [[0; N_LABELS]; N_LABELS]);
        mask_forbidden(&mut start, &mut trans);
        viterbi(&emit, &start, &trans, &mut out);
        assert_eq!(out, vec![1, 2]);
        viterbi::<i32>(&[], &start, &trans, &mut out);
        assert!(out.is_empty());
    }

    /// The shipped models decode, are for the right language, and find an
    /// obvious entity.
    #[test]
    fn builtin_models_load() {
        for (lang, bytes) in [(Lang::Fr, MODEL_FR), (Lang::En, MODEL_EN)] {
            let m = format::decode(bytes, "builtin").expect("shipped model is valid");
            assert_eq!(m.lang, lang);
            // tools/train_models.sh gives English a second pass, not French.
            assert_eq!(!m.doc.keys.is_empty(), lang == Lang::En);
            assert!(
                m.clusters.is_some(),
                "tools/train_models.sh gives both clusters"
            );
            assert_eq!(Tagger::builtin(lang).lang(), lang);
        }
        let tags = Tagger::builtin(Lang::En).tag(&["John", "Smith", "lives", "in", "London", "."]);
        assert_eq!(tags[0], Tag::B(EntityType::Per));
        assert_eq!(tags[4], Tag::B(EntityType::Loc));
        let tags = Tagger::builtin(Lang::Fr).tag(&["Jean", "Dupont", "habite", "à", "Lyon", "."]);
        assert_eq!(tags[0], Tag::B(EntityType::Per));
        assert_eq!(tags[4], Tag::B(EntityType::Loc));
    }

    /// Scores summed through the per-word cache are those of every
    /// feature looked up one by one, for words seen once or again, broken
    /// words and headlines included, with both shipped models.
    #[test]
    fn cached_word_rows_give_the_same_scores() {
        let words = [
            "Jean",
            "Dupont",
            "habite",
            "à",
            "Lyon",
            ".",
            "NATO",
            "Shakes¬",
            "peare",
            "¬",
            "x",
            "États-Unis",
            "l'",
            "2021",
            "U.S.",
            "Acme",
            "said",
            "ONU",
            "de",
            "la",
            "-",
            "«",
            "Marie-Claire",
        ];
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        for lang in [Lang::Fr, Lang::En] {
            let tagger = Tagger::builtin(lang);
            let mut sentences: Vec<Vec<&str>> = vec![
                vec!["JOHN", "SMITH", "WINS", "IN", "PARIS"],
                vec!["Shakes¬", "peare", "wrote"],
                vec!["x"],
            ];
            for _ in 0..200 {
                let len = 1 + next(12);
                sentences.push((0..len).map(|_| words[next(words.len())]).collect());
            }
            for _ in 0..2 {
                for tokens in &sentences {
                    let mut sigs = Sigs::default();
                    sigs.fill(tokens, tagger.clusters.as_ref());
                    let (cached_sigs, cached) = tagger.local_emissions_cached(tokens);
                    assert_eq!(cached, tagger.local_emissions(&sigs), "{tokens:?}");
                    assert_eq!(
                        tagger.local_emissions(&cached_sigs),
                        tagger.local_emissions(&sigs),
                        "{tokens:?}"
                    );
                }
            }
        }
    }
}
