//! Learned typed relations: every pair of an article's entities that could
//! be related becomes a candidate with sparse features, and a trained
//! one-vs-rest logistic model (`data/models/relations.tsv`) scores each
//! label in each direction. The rules of `relations` are features here,
//! next to the words between and around the two mentions, trigger classes
//! from the public verb lexicon (`data/lists/verbs.tsv`, VerbNet and
//! Verb∋Net, loaded by `crate::lists`), title words, entity types and
//! distance.
//!
//! Candidates: every pair of entities named in one sentence (a pronoun
//! subject, "il", "she", standing for the last person named before it),
//! every pair a rule proposed, and two article-level kinds: the headline's
//! country with each place and organisation, and a titled person with the
//! article's main country.
//!
//! A pair's score for a label is its best candidate's; the pair keeps its
//! best label when that score, calibrated (Platt), reaches the model's
//! threshold. A candidate whose second mention follows a word of
//! proximity ("X, close to the Y", "près de Y"), whose two mentions a
//! conjunction parts ("X and regulators in Y"), or whose two places the
//! word lists keep apart (two countries, two regions of one country), is
//! neither `located_in` nor `part_of`; a ministry or a minister's
//! portfolio ("le ministre des Finances") is never `located_in` a
//! country (it is part of its government). A pair whose best label is an
//! event (`meets`, `agrees_with`, `opposes`) with no trigger of its kind
//! (a verb of the lexicon by the two, or a rule's relation) keeps no
//! label: two politicians named together are not yet opposed. Two mentions on either side of a
//! caption run into the sentence (a capitalised function word after a
//! word: "... Jane Roe In the north, ...") are no candidate. Training and
//! the choice of the threshold are in `crate::eval::learn`; nothing here
//! can fail.

use super::gaz::{self, PlaceClass, TitleKind};
use super::resolve::Resolved;
use super::segment::{TokKind, Words};
use crate::lists::{Lists, WordClass};
use crate::model::{EntityType, Label, Lang, Map, Relation};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The labels the model scores: a directed label twice (first entity to
/// second, then back), a symmetric one once.
pub const CLASSES: usize = 16;

/// Directed labels, in class order (class `2 i` is `x -> y`, `2 i + 1` is
/// `y -> x`).
const DIRECTED: [Label; 7] = [
    Label::Role,
    Label::Leads,
    Label::MemberOf,
    Label::Represents,
    Label::LocatedIn,
    Label::PartOf,
    Label::Opposes,
];
/// Symmetric labels: classes 14 and 15.
const SYMMETRIC: [Label; 2] = [Label::Meets, Label::AgreesWith];

/// The label of class `c` and whether it runs from `x` to `y`.
pub fn class_label(c: usize) -> (Label, bool) {
    if c < 14 {
        (DIRECTED[c / 2], c.is_multiple_of(2))
    } else {
        (SYMMETRIC[c - 14], true)
    }
}

/// The class of `label` from `x` to `y` (`forward`) or back.
pub fn class_of(label: Label, forward: bool) -> Option<usize> {
    if let Some(i) = DIRECTED.iter().position(|&l| l == label) {
        return Some(2 * i + usize::from(!forward));
    }
    SYMMETRIC.iter().position(|&l| l == label).map(|i| 14 + i)
}

/// One pair of entities in one sentence, with its features.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The entity named first (or the lower index, for article-level pairs).
    pub x: usize,
    pub y: usize,
    pub sentence: usize,
    /// Hashed features ([`feature_hash`]).
    pub feats: Vec<u64>,
    /// The text between the two mentions when short, as the trigger.
    pub between: String,
    /// The types of `x` and `y`: a label the ontology does not allow
    /// between them is never chosen.
    pub kinds: (EntityType, EntityType),
    /// A title word stands by the person of the pair (or a rule found a
    /// post): without one, `role` and `leads` are never chosen, since the
    /// ontology's `role` keeps a title.
    pub titled: bool,
    /// A word of proximity leads to the second mention ("X, close to the
    /// Y", "X, près de Y"), a conjunction stands between them ("X and
    /// regulators in Y"), or the word lists make the two disjoint (two
    /// countries, two regions of one country): neither is in or part of
    /// the other.
    pub near: bool,
    /// One is a ministry or a minister's portfolio ("le ministre des
    /// Finances", "ministère de la Justice") and the other a country: a
    /// part of its government, never `located_in` it.
    pub ministry_of_country: bool,
    /// The event labels (`meets`, `agrees_with`, `opposes`) a trigger of
    /// the pair stands for: a verb of the lexicon between or around the
    /// two (anywhere in the sentence when they are far apart), or a rule's
    /// relation ([`event_bit`]). Without one, the model
    /// never chooses that label: two politicians named together are not
    /// yet opposed.
    pub events: u8,
}

/// FNV-1a over the parts of a feature name, joined by one space: the same
/// hash as the name written in the model file.
pub fn feature_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h = (h ^ u64::from(b' ')).wrapping_mul(0x0100_0000_01b3);
        }
        for b in p.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Where features go: their hashes, and their names when training asks.
pub struct Sink<'a> {
    out: Vec<u64>,
    names: Option<&'a mut Map<u64, String>>,
    /// A post's title was seen by the person of the pair.
    titled: bool,
    /// The event labels a trigger word stands for ([`event_bit`]).
    events: u8,
}

impl Sink<'_> {
    fn add(&mut self, parts: &[&str]) {
        let h = feature_hash(parts);
        self.out.push(h);
        if let Some(n) = self.names.as_deref_mut() {
            n.entry(h).or_insert_with(|| parts.join(" "));
        }
    }
}

/// A trained relation model: weights per feature and class, the Platt
/// calibration of the best class's score, and the threshold on it.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub weights: Map<u64, [f32; CLASSES]>,
    /// Calibrated p = sigmoid(a * z + b), z the raw score (log-odds).
    pub platt: (f32, f32),
    /// Keep a pair's best label when its calibrated p reaches this.
    pub threshold: f32,
    /// Per-label thresholds that replace [`Model::threshold`].
    pub label_thresholds: BTreeMap<Label, f32>,
    /// The rules' relations stand and the model only adds pairs they left
    /// (chosen by cross-validation when it scores better than the model
    /// alone).
    pub rules_first: bool,
    /// The confidence every rule relation is given: the precision the
    /// patterns' relations had on the training articles
    /// ([`Model::rule_confidence`]).
    pub rule_precision: Option<f32>,
    /// Each label's own patterns' precision, measured on articles the
    /// patterns were not written from (`kg train-rel --fresh`), shrunk
    /// towards [`Model::rule_precision`]; it replaces that figure for the
    /// label's pattern relations.
    pub label_rule_precision: BTreeMap<Label, f32>,
    /// A model file written before `=rule-precision`: each pattern
    /// family's precision, by its label and the pattern's fixed confidence
    /// (in hundredths), read so that such a file still means what it did.
    pub rule_confidence: BTreeMap<(Label, u16), f32>,
}

/// The key of a pattern's fixed confidence in [`Model::rule_confidence`].
pub fn rule_key(confidence: f32) -> u16 {
    (confidence * 100.0).round().clamp(0.0, 100.0) as u16
}

/// The header line of the model file.
const MAGIC: &str = "# kg relation model v1";

impl Model {
    /// The model shipped in the binary (`data/models/relations.tsv`).
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::parse(include_str!("../../data/models/relations.tsv"))
                .expect("the shipped relation model parses (checked by a test)")
        })
    }

    /// Reads a model file: the header, `platt A B`, `threshold T`, then one
    /// `FEATURE<TAB>w0 ... w15` line per feature.
    pub fn parse(src: &str) -> Result<Model, String> {
        let mut lines = src.lines().enumerate();
        match lines.next() {
            Some((_, l)) if l == MAGIC => {}
            _ => return Err(format!("line 1: expected {MAGIC:?}")),
        }
        let mut m = Model {
            platt: (1.0, 0.0),
            threshold: 0.5,
            ..Model::default()
        };
        for (i, line) in lines {
            let bad = |what: &str| format!("line {}: {what}: {line:?}", i + 1);
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, rest) = line.split_once('\t').ok_or_else(|| bad("no tab"))?;
            let nums: Vec<f32> = rest
                .split(' ')
                .map(|x| x.parse::<f32>().map_err(|_| bad("not a number")))
                .collect::<Result<_, _>>()?;
            if nums.iter().any(|x| !x.is_finite()) {
                return Err(bad("not a finite number"));
            }
            match (name, nums.as_slice()) {
                ("=platt", [a, b]) => m.platt = (*a, *b),
                ("=threshold", [t]) => m.threshold = *t,
                ("=rules-first", [x]) => m.rules_first = *x != 0.0,
                ("=rule-precision", [p]) if (0.0..=1.0).contains(p) => {
                    m.rule_precision = Some(*p);
                }
                (n, [p]) if n.starts_with("=rule-precision ") && (0.0..=1.0).contains(p) => {
                    let label = n["=rule-precision ".len()..]
                        .parse::<Label>()
                        .map_err(|e| bad(&e))?;
                    m.label_rule_precision.insert(label, *p);
                }
                (n, [t]) if n.starts_with("=threshold ") => {
                    let label = n["=threshold ".len()..]
                        .parse::<Label>()
                        .map_err(|e| bad(&e))?;
                    m.label_thresholds.insert(label, *t);
                }
                (n, [p]) if n.starts_with("=rule ") => {
                    let (label, fixed) = n["=rule ".len()..]
                        .split_once(' ')
                        .ok_or_else(|| bad("expected =rule LABEL CONFIDENCE"))?;
                    let label = label.parse::<Label>().map_err(|e| bad(&e))?;
                    let fixed = fixed.parse::<f32>().map_err(|_| bad("not a number"))?;
                    m.rule_confidence.insert((label, rule_key(fixed)), *p);
                }
                (_, w) if w.len() == CLASSES && !name.starts_with('=') => {
                    let parts: Vec<&str> = name.split(' ').collect();
                    let mut row = [0f32; CLASSES];
                    row.copy_from_slice(w);
                    m.weights.insert(feature_hash(&parts), row);
                }
                _ => {
                    return Err(bad(
                        "expected =platt A B, =threshold T, =rule-precision P or 16 weights",
                    ));
                }
            }
        }
        Ok(m)
    }

    /// Raw scores (log-odds) of each class for one candidate.
    pub fn scores(&self, feats: &[u64]) -> [f32; CLASSES] {
        let mut z = [0f32; CLASSES];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (zc, wc) in z.iter_mut().zip(w) {
                    *zc += wc;
                }
            }
        }
        z
    }

    /// The threshold of `label`.
    pub fn threshold_of(&self, label: Label) -> f32 {
        self.label_thresholds
            .get(&label)
            .copied()
            .unwrap_or(self.threshold)
    }

    /// The confidence of a rule relation: its label's patterns' precision
    /// measured on fresh articles when the model has it, else all the
    /// patterns' measured precision (else its family's, in an older model
    /// file), else the pattern's own figure.
    pub fn rule_confidence(&self, label: Label, fixed: f32) -> f32 {
        self.label_rule_precision
            .get(&label)
            .copied()
            .or(self.rule_precision)
            .or_else(|| self.rule_confidence.get(&(label, rule_key(fixed))).copied())
            .unwrap_or(fixed)
    }

    /// The calibrated probability of a raw score.
    pub fn calibrated(&self, z: f32) -> f32 {
        sigmoid(self.platt.0 * z + self.platt.1)
    }
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Decides the typed relations of an article from its candidates: each
/// pair keeps its best class if its calibrated score reaches the model's
/// threshold, with one evidence row per candidate sentence that reaches it
/// too (at least the best). Rule relations of the same label, ends and
/// sentence lend their trigger and attributes.
pub fn decide(model: &Model, cands: &[Candidate], rules: &[Relation]) -> Vec<Relation> {
    let scored: Vec<[f32; CLASSES]> = cands.iter().map(|c| model.scores(&c.feats)).collect();
    decide_scored(model, cands, &scored, rules)
}

/// [`decide`] with each candidate's raw scores given.
pub fn decide_scored(
    model: &Model,
    cands: &[Candidate],
    scored: &[[f32; CLASSES]],
    rules: &[Relation],
) -> Vec<Relation> {
    // Candidates grouped by pair, in (min, max) order.
    let mut order: Vec<usize> = (0..cands.len()).collect();
    let pair = |c: &Candidate| (c.x.min(c.y), c.x.max(c.y));
    order.sort_by_key(|&i| (pair(&cands[i]), i));
    // Class `k` of a pair in (min, max) orientation, for candidate `c`.
    let oriented = |c: &Candidate, k: usize| if c.x <= c.y || k >= 14 { k } else { k ^ 1 };
    let mut out = Vec::new();
    for group in order.chunk_by(|&a, &b| pair(&cands[a]) == pair(&cands[b])) {
        let (lo, hi) = pair(&cands[group[0]]);
        // The pair's best class over its candidates, among the labels the
        // ontology allows between their types.
        let mut best = (f32::NEG_INFINITY, usize::MAX);
        let titled = group.iter().any(|&ci| cands[ci].titled);
        let events = group.iter().fold(0, |e, &ci| e | cands[ci].events);
        let c0 = &cands[group[0]];
        let (kind_lo, kind_hi) = if c0.x <= c0.y {
            c0.kinds
        } else {
            (c0.kinds.1, c0.kinds.0)
        };
        for &ci in group {
            for k in 0..CLASSES {
                let (label, forward) = class_label(k);
                let allowed = if forward {
                    label.allows(kind_lo, kind_hi)
                } else {
                    label.allows(kind_hi, kind_lo)
                };
                if !allowed || (!titled && matches!(label, Label::Role | Label::Leads)) {
                    continue;
                }
                if cands[ci].near && matches!(label, Label::LocatedIn | Label::PartOf) {
                    continue;
                }
                if cands[ci].ministry_of_country && label == Label::LocatedIn {
                    continue;
                }
                let z = scored[ci][oriented(&cands[ci], k)];
                if z > best.0 {
                    best = (z, k);
                }
            }
        }
        let (z, k) = best;
        if k == usize::MAX {
            continue;
        }
        let (label, forward) = class_label(k);
        // An event the pair has no trigger for: the model's best guess is
        // that the two are on opposite sides (or together), which no
        // words of the pair say; no other label either.
        if events & event_bit(label) != event_bit(label) {
            continue;
        }
        let threshold = model.threshold_of(label);
        if model.calibrated(z) < threshold {
            continue;
        }
        let (head, tail) = if forward { (lo, hi) } else { (hi, lo) };
        let mut top: Option<(f32, usize)> = None;
        let before = out.len();
        let contained = matches!(label, Label::LocatedIn | Label::PartOf);
        let barred = |c: &Candidate| {
            (contained && c.near) || (label == Label::LocatedIn && c.ministry_of_country)
        };
        for &ci in group.iter().filter(|&&ci| !barred(&cands[ci])) {
            let pc = model.calibrated(scored[ci][oriented(&cands[ci], k)]);
            if top.is_none_or(|(bp, _)| pc > bp) {
                top = Some((pc, ci));
            }
            if pc >= threshold {
                out.push(relation(&cands[ci], head, label, tail, pc, rules));
            }
        }
        if out.len() == before
            && let Some((pc, ci)) = top
        {
            out.push(relation(&cands[ci], head, label, tail, pc, rules));
        }
    }
    if model.rules_first {
        // The rules' relations stand; the model adds pairs they left.
        let ruled: std::collections::BTreeSet<(usize, usize)> = rules
            .iter()
            .map(|r| (r.head.min(r.tail), r.head.max(r.tail)))
            .collect();
        out.retain(|r| !ruled.contains(&(r.head.min(r.tail), r.head.max(r.tail))));
        out.extend(rules.iter().map(|r| Relation {
            confidence: model.rule_confidence(r.label, r.confidence),
            ..r.clone()
        }));
    }
    // One evidence row per (ends, label, sentence).
    out.sort_by(|a, b| {
        (a.head, a.tail, a.label, a.sentence)
            .cmp(&(b.head, b.tail, b.label, b.sentence))
            .then(b.confidence.total_cmp(&a.confidence))
    });
    out.dedup_by(|a, b| {
        (a.head, a.tail, a.label, a.sentence) == (b.head, b.tail, b.label, b.sentence)
    });
    out
}

fn relation(
    c: &Candidate,
    head: usize,
    label: Label,
    tail: usize,
    p: f32,
    rules: &[Relation],
) -> Relation {
    let (head, tail) = if label.is_symmetric() && tail < head {
        (tail, head)
    } else {
        (head, tail)
    };
    let rule = rules
        .iter()
        .find(|r| r.sentence == c.sentence && r.label == label && r.head == head && r.tail == tail);
    Relation {
        head,
        label,
        tail,
        sentence: c.sentence,
        trigger: rule.map_or_else(|| c.between.clone(), |r| r.trigger.clone()),
        confidence: (p * 1000.0).round() / 1000.0,
        attrs: rule.map(|r| r.attrs.clone()).unwrap_or_default(),
        when: Default::default(),
    }
}

/// Trigger labels of the verb lexicon, by stem ("critiqu" -> opposes).
struct VerbStems {
    labels: Map<String, Label>,
    /// The first three characters of every stem: a word that starts
    /// otherwise has no stem for a prefix.
    heads: crate::model::Set<String>,
}

fn verb_stems() -> &'static VerbStems {
    static STEMS: OnceLock<VerbStems> = OnceLock::new();
    STEMS.get_or_init(|| {
        let mut labels = Map::default();
        for v in Lists::get().verbs() {
            // "réunir se" -> "réunir"; "meet_with" -> "meet".
            let verb = v.lemma.split([' ', '_']).next().unwrap_or(v.lemma);
            let stem = stem_of(verb, v.lang == Lang::Fr);
            if stem.chars().count() >= 3 {
                labels.entry(stem).or_insert(v.label);
            }
        }
        let heads = labels.keys().map(|s| head3(s).to_string()).collect();
        VerbStems { labels, heads }
    })
}

/// The first three characters of `w` (all of it when shorter).
fn head3(w: &str) -> &str {
    w.char_indices().nth(3).map_or(w, |(i, _)| &w[..i])
}

/// A verb's stem: French infinitive endings and English final "e" off.
fn stem_of(verb: &str, french: bool) -> String {
    let v = verb.to_lowercase();
    if french {
        for end in ["er", "ir", "re"] {
            if let Some(s) = v.strip_suffix(end) {
                return s.to_string();
            }
        }
        v
    } else {
        v.strip_suffix('e').map_or(v.clone(), str::to_string)
    }
}

/// The lexicon label of a word form: its longest prefix (at most five
/// letters shorter) that is a verb stem.
fn verb_label(w: &str) -> Option<Label> {
    if w.len() < 3 || !w.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let stems = verb_stems();
    if !stems.heads.contains(head3(w)) {
        return None;
    }
    // Prefix ends from the whole word back, five characters at most,
    // never shorter than three characters.
    let mut end = w.len();
    for _ in 0..6 {
        if w[..end].chars().count() < 3 {
            break;
        }
        if let Some(&l) = stems.labels.get(&w[..end]) {
            return Some(l);
        }
        match w[..end].char_indices().next_back() {
            Some((i, _)) => end = i,
            None => break,
        }
    }
    None
}

/// The [`verb_label`] of each token's word, looked up on first use: a
/// sentence's words are read again for each of its pairs.
struct VerbLabels(Vec<Option<Option<Label>>>);

impl VerbLabels {
    fn new(tokens: usize) -> VerbLabels {
        VerbLabels(vec![None; tokens])
    }

    fn of(&mut self, t: &Words<'_>, k: usize) -> Option<Label> {
        *self.0[k].get_or_insert_with(|| verb_label(t.lower(k)))
    }
}

/// Words that stand for a person named before ("il", "she").
fn is_person_pronoun(w: &str) -> bool {
    matches!(w, "il" | "elle" | "he" | "she")
}

fn negation(w: &str) -> bool {
    matches!(
        w,
        "pas"
            | "jamais"
            | "ni"
            | "ne"
            | "n'"
            | "not"
            | "n't"
            | "never"
            | "neither"
            | "nor"
            | "refuse"
            | "refused"
    )
}

/// A negation between tokens `a` and `b` ("n'a pas rencontré", "did not
/// meet", "n'est pas membre de"): the sentence says the two are not so
/// related, whether or not the lexicon knows the verb, so the pair is no
/// candidate there. ("refused to" is a stance, not a negation.)
fn negated_verb(t: &Words<'_>, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        let w = t.lower(k);
        negation(w) && !w.starts_with("refuse")
    })
}

/// A coordinating conjunction between tokens `a` and `b`, outside any
/// mention ("the Commission and regulators in the US", "at the Centre
/// and in Goa", "Nokia et la Finlande"): the two stand in separate
/// conjuncts, so neither is said to lie in the other.
fn coordinated(t: &Words<'_>, slots: &[Slot], a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        matches!(t.lower(k), "and" | "et" | "or" | "ou")
            && !slots.iter().any(|s| s.a <= k && k < s.b)
    })
}

/// An entity mention as candidates see it: tokens `[a, b)`.
#[derive(Debug, Clone, Copy)]
struct Slot {
    ent: usize,
    a: usize,
    b: usize,
    demonym: bool,
    pronoun: bool,
}

/// Builds the candidates of an article (see the module doc). `names`, when
/// given, collects the name of every feature (training writes them out).
/// Words of proximity (`proximity` of `word_classes.tsv`: near, close,
/// près, à côté...).
fn proximity_words() -> &'static crate::model::Set<&'static str> {
    static CELL: OnceLock<crate::model::Set<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| Lists::get().words(WordClass::Proximity).collect())
}

pub fn candidates(
    text: &str,
    t: &Words<'_>,
    r: &Resolved,
    rules: &[Relation],
    mut names: Option<&mut Map<u64, String>>,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    // Rule relations by sentence and unordered pair.
    let mut rule_by: RulesByPair = Map::default();
    for rel in rules.iter().filter(|x| x.label != Label::Cooccurs) {
        rule_by
            .entry((rel.sentence, rel.head.min(rel.tail), rel.head.max(rel.tail)))
            .or_default()
            .push((rel.label, rel.head));
    }
    let mut by_sent: Vec<Vec<Slot>> = vec![Vec::new(); t.sents.len()];
    for m in &r.mentions {
        by_sent[m.sent].push(Slot {
            ent: m.entity,
            a: m.a,
            b: m.b,
            demonym: m.demonym,
            pronoun: false,
        });
    }
    let kind = |e: usize| r.entities[e].kind;
    let country = |e: usize| r.info[e].known.as_ref().is_some_and(|k| k.country);
    // Pronoun subjects: the last person named in an earlier sentence.
    let mut last_person: Option<usize> = None;
    for (si, &(sa, sb)) in t.sents.iter().enumerate() {
        let slots = &mut by_sent[si];
        if let Some(p) = last_person {
            for k in sa..sb {
                let at_clause_start = k == sa || matches!(t.lower(k - 1), "," | ";" | "et" | "and");
                if at_clause_start
                    && is_person_pronoun(t.lower(k))
                    && !slots.iter().any(|s| s.ent == p)
                {
                    slots.push(Slot {
                        ent: p,
                        a: k,
                        b: k + 1,
                        demonym: false,
                        pronoun: true,
                    });
                    break;
                }
            }
            slots.sort_by_key(|s| s.a);
        }
        if let Some(p) = slots
            .iter()
            .rev()
            .find(|s| !s.pronoun && !s.demonym && kind(s.ent) == EntityType::Per)
        {
            last_person = Some(p.ent);
        }
    }
    // Two places the word lists keep apart: two countries, or two
    // first-level regions of one country (a list of states is no chain of
    // containment).
    let disjoint = |a: usize, b: usize| {
        let (Some(ka), Some(kb)) = (r.info[a].known.as_ref(), r.info[b].known.as_ref()) else {
            return false;
        };
        (ka.country && kb.country)
            || (ka.class == PlaceClass::Region
                && kb.class == PlaceClass::Region
                && ka.parent.is_some()
                && ka.parent == kb.parent)
    };
    let mut seen: Map<(usize, usize, usize), ()> = Map::default();
    let mut breaks: Vec<usize> = Vec::new();
    let mut verbs = VerbLabels::new(t.toks.len());
    for (si, slots) in by_sent.iter().enumerate() {
        let (sa, sb) = t.sents[si];
        // A caption run into the sentence ("Jane Roe of the Party In the
        // north district, ..."): its words are no part of the sentence's.
        breaks.clear();
        breaks.extend((sa + 1..sb).filter(|&k| t.run_in_break(k)));
        // At most 16 distinct entities per sentence, as for co-occurrence.
        for i in 0..slots.len().min(24) {
            for j in i + 1..slots.len().min(24) {
                let (p, q) = (slots[i], slots[j]);
                if p.ent == q.ent
                    || seen
                        .insert((si, p.ent.min(q.ent), p.ent.max(q.ent)), ())
                        .is_some()
                {
                    continue;
                }
                let mut sink = Sink {
                    out: Vec::with_capacity(48),
                    names: names.as_deref_mut(),
                    titled: false,
                    events: 0,
                };
                pair_features(t, r, (sa, sb), slots, (i, j), &mut verbs, &mut sink);
                rule_features(&rule_by, si, p.ent, q.ent, &kind, &mut sink);
                if q.a > p.b && negated_verb(t, p.b, q.a) {
                    continue;
                }
                if breaks.iter().any(|&k| p.b <= k && k < q.a) {
                    continue;
                }
                let between = if q.a > p.b && q.a - p.b <= 8 {
                    text[t.toks[p.b - 1].end..t.toks[q.a].start]
                        .trim()
                        .to_string()
                } else {
                    String::new()
                };
                let near = (q.a > p.b
                    && (q.a.saturating_sub(4).max(p.b)..q.a)
                        .any(|k| proximity_words().contains(&t.lower(k))))
                    || disjoint(p.ent, q.ent)
                    || coordinated(t, slots, p.b, q.a);
                out.push(Candidate {
                    x: p.ent,
                    y: q.ent,
                    sentence: si,
                    feats: sink.out,
                    between,
                    kinds: (kind(p.ent), kind(q.ent)),
                    titled: sink.titled,
                    events: sink.events,
                    near,
                    ministry_of_country: false,
                });
            }
        }
    }
    // Rule relations across sentences or entities not paired above.
    for (&(si, lo, hi), _) in rule_by.iter() {
        if seen.contains_key(&(si, lo, hi)) {
            continue;
        }
        let mut sink = Sink {
            out: Vec::new(),
            names: names.as_deref_mut(),
            titled: false,
            events: 0,
        };
        sink.add(&["bias"]);
        sink.add(&["apart"]);
        sink.add(&["ty", kind(lo).as_str(), kind(hi).as_str()]);
        rule_features(&rule_by, si, lo, hi, &kind, &mut sink);
        // How far a rule is trusted across sentences, by label.
        if let Some(rs) = rule_by.get(&(si, lo, hi)) {
            for &(label, _) in rs {
                sink.add(&["apart-rule", label.as_str()]);
            }
        }
        let mut c = Candidate::apart(lo, hi, si, sink.out, (kind(lo), kind(hi)));
        c.titled = sink.titled;
        c.events = sink.events;
        out.push(c);
        seen.insert((si, lo, hi), ());
    }
    // A place the word lists put in a country the article names, the two
    // never in one sentence: its first sentence is the evidence.
    let mut by_key: Map<&str, usize> = Map::default();
    for (e, info) in r.info.iter().enumerate() {
        if let Some(k) = info.known.as_ref() {
            by_key.entry(k.key).or_insert(e);
        }
    }
    let paired: std::collections::BTreeSet<(usize, usize)> =
        seen.keys().map(|&(_, lo, hi)| (lo, hi)).collect();
    // Each entity's first sentence: named (`first_named`), or in any
    // mention, demonyms included (`first_any`).
    let mut first_named: Vec<Option<usize>> = vec![None; r.entities.len()];
    let mut first_any: Vec<Option<usize>> = vec![None; r.entities.len()];
    for m in &r.mentions {
        first_any[m.entity].get_or_insert(m.sent);
        if !m.demonym {
            first_named[m.entity].get_or_insert(m.sent);
        }
    }
    for (e, info) in r.info.iter().enumerate() {
        let Some(c) = info
            .known
            .as_ref()
            .and_then(|k| k.parent)
            .and_then(|pk| by_key.get(pk).copied())
        else {
            continue;
        };
        let Some(si) = first_named[e] else {
            continue;
        };
        if c == e || paired.contains(&(e.min(c), e.max(c))) || first_named[c].is_none() {
            continue;
        }
        let mut sink = Sink {
            out: Vec::new(),
            names: names.as_deref_mut(),
            titled: false,
            events: 0,
        };
        sink.add(&["bias"]);
        sink.add(&["geo-in-article", kind(e).as_str()]);
        out.push(Candidate::apart(e, c, si, sink.out, (kind(e), kind(c))));
        seen.insert((si, e.min(c), e.max(c)), ());
    }
    // The headline's country ("Syrie : ..."): the article's places and
    // organisations may lie in it.
    let headline_country = by_sent.first().and_then(|s| {
        s.iter()
            .find(|x| country(x.ent) && !x.demonym)
            .map(|x| x.ent)
    });
    let colon_headline = t.sents.first().is_some_and(|&(a, b)| {
        (a..b).any(|k| t.lower(k) == ":") && by_sent[0].iter().any(|x| country(x.ent))
    });
    if let Some(c) = headline_country {
        let ents = first_any
            .iter()
            .enumerate()
            .filter_map(|(e, si)| Some((e, (*si)?)));
        for (e, si) in ents {
            if e == c || country(e) || !matches!(kind(e), EntityType::Loc | EntityType::Org) {
                continue;
            }
            if seen.contains_key(&(si, e.min(c), e.max(c))) {
                continue;
            }
            let mut sink = Sink {
                out: Vec::new(),
                names: names.as_deref_mut(),
                titled: false,
                events: 0,
            };
            sink.add(&["bias"]);
            sink.add(&["headline-country", kind(e).as_str()]);
            if colon_headline {
                sink.add(&["headline-country-colon", kind(e).as_str()]);
            }
            // Class orientation: x is `e`, y the country.
            out.push(Candidate::apart(e, c, si, sink.out, (kind(e), kind(c))));
        }
    }
    // Ministries and portfolios paired with a country: an organisation
    // is one once a mention names it so (its other mentions unread).
    let mut ministry = vec![false; r.entities.len()];
    for m in &r.mentions {
        if !ministry[m.entity] && kind(m.entity) == EntityType::Org {
            ministry[m.entity] = names_ministry(t, m.a, m.b);
        }
    }
    for c in &mut out {
        c.ministry_of_country = (ministry[c.x] && country(c.y)) || (ministry[c.y] && country(c.x));
    }
    out
}

/// Whether the mention of tokens `[a, b)` names a ministry ("ministère de
/// la Justice", "Ministry of Defence") or a minister's portfolio ("le
/// ministre des Finances", "the minister of Health", "le portefeuille de
/// la Santé"), as `mentions` types such a complement.
fn names_ministry(t: &Words<'_>, a: usize, b: usize) -> bool {
    if b > a && gaz::is_ministry_word(t.lower(a)) {
        return true;
    }
    let q = if a > 0 && matches!(t.lower(a - 1), "la" | "l'" | "the") {
        a - 1
    } else {
        a
    };
    q >= 2
        && matches!(t.lower(q - 1), "de" | "d'" | "of" | "du" | "des")
        && gaz::is_minister_word(t.lower(q - 2))
}

impl Candidate {
    /// A pair read from the article rather than from the words between two
    /// mentions of one sentence: no trigger text.
    fn apart(
        x: usize,
        y: usize,
        sentence: usize,
        feats: Vec<u64>,
        kinds: (EntityType, EntityType),
    ) -> Candidate {
        Candidate {
            x,
            y,
            sentence,
            feats,
            between: String::new(),
            kinds,
            titled: false,
            events: 0,
            near: false,
            ministry_of_country: false,
        }
    }
}

/// The rules' relations by (sentence, smaller entity, larger entity): each
/// label with its head.
type RulesByPair = Map<(usize, usize, usize), Vec<(Label, usize)>>;

/// Rule relations of this sentence between `x` and `y` as features.
fn rule_features(
    rule_by: &RulesByPair,
    si: usize,
    x: usize,
    y: usize,
    kind: &dyn Fn(usize) -> EntityType,
    sink: &mut Sink<'_>,
) {
    if let Some(rs) = rule_by.get(&(si, x.min(y), x.max(y))) {
        for &(label, head) in rs {
            let dir = if label.is_symmetric() {
                "="
            } else if head == x {
                ">"
            } else {
                "<"
            };
            sink.titled |= matches!(label, Label::Role | Label::Leads);
            sink.events |= event_bit(label);
            sink.add(&["rule", label.as_str(), dir]);
            sink.add(&[
                "rule",
                label.as_str(),
                dir,
                kind(x).as_str(),
                kind(y).as_str(),
            ]);
        }
    }
}

/// The bit of an event label in [`Candidate::events`]; 0 for the others.
pub fn event_bit(label: Label) -> u8 {
    match label {
        Label::Meets => 1,
        Label::AgreesWith => 2,
        Label::Opposes => 4,
        _ => 0,
    }
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=8 => "6-8",
        9..=15 => "9-15",
        _ => "16+",
    }
}

fn title_kind(k: TitleKind) -> &'static str {
    match k {
        TitleKind::Honorific => "hon",
        TitleKind::Head => "head",
        TitleKind::Role => "role",
    }
}

/// The lowercase word of token `k`, or a stand-in for an entity mention or
/// a number.
fn word_at<'a>(t: &'a Words<'a>, slots: &[Slot], k: usize, r: &Resolved) -> &'a str {
    stand_in(t, slots, k, r).unwrap_or_else(|| t.lower(k))
}

/// The stand-in [`word_at`] gives token `k`, if any.
fn stand_in(t: &Words<'_>, slots: &[Slot], k: usize, r: &Resolved) -> Option<&'static str> {
    if let Some(s) = slots.iter().find(|s| s.a <= k && k < s.b) {
        return Some(match r.entities[s.ent].kind {
            EntityType::Per => "<PER>",
            EntityType::Org => "<ORG>",
            EntityType::Loc => "<LOC>",
            _ => "<MISC>",
        });
    }
    (t.toks[k].kind == TokKind::Num).then_some("<NUM>")
}

/// [`word_at`] and its verb label (none for a stand-in).
fn word_and_verb<'a>(
    t: &'a Words<'a>,
    slots: &[Slot],
    k: usize,
    r: &Resolved,
    verbs: &mut VerbLabels,
) -> (&'a str, Option<Label>) {
    match stand_in(t, slots, k, r) {
        Some(w) => (w, None),
        None => (t.lower(k), verbs.of(t, k)),
    }
}

/// Features of the pair of slots `i < j` of one sentence.
fn pair_features(
    t: &Words<'_>,
    r: &Resolved,
    (sa, sb): (usize, usize),
    slots: &[Slot],
    (i, j): (usize, usize),
    verbs: &mut VerbLabels,
    sink: &mut Sink<'_>,
) {
    let (p, q) = (slots[i], slots[j]);
    let tx = r.entities[p.ent].kind.as_str();
    let ty = r.entities[q.ent].kind.as_str();
    let country = |e: usize| r.info[e].known.as_ref().is_some_and(|k| k.country);
    sink.add(&["bias"]);
    sink.add(&["ty", tx, ty]);
    let gap = q.a.saturating_sub(p.b);
    let d = bucket(gap);
    sink.add(&["d", d]);
    sink.add(&["ty-d", tx, ty, d]);
    if country(p.ent) {
        sink.add(&["xc", ty]);
    }
    if country(q.ent) {
        sink.add(&["yc", tx]);
    }
    // The word lists place one inside the other (a city in its country).
    let parent = |a: usize, b: usize| {
        let (ka, kb) = (r.info[a].known.as_ref(), r.info[b].known.as_ref());
        ka.zip(kb).is_some_and(|(ka, kb)| ka.parent == Some(kb.key))
    };
    if parent(p.ent, q.ent) {
        sink.add(&["geo-in", ">"]);
    } else if parent(q.ent, p.ent) {
        sink.add(&["geo-in", "<"]);
    }
    if p.demonym {
        sink.add(&["xdem", ty]);
    }
    if q.demonym {
        sink.add(&["ydem", tx]);
    }
    if p.pronoun || q.pronoun {
        sink.add(&["pron"]);
    }
    if si_is_headline(sa) {
        sink.add(&["headline"]);
    }
    let others = slots[i + 1..j]
        .iter()
        .filter(|s| s.ent != p.ent && s.ent != q.ent)
        .count();
    sink.add(&["ne", bucket(others.min(3))]);
    // Words between.
    if gap <= 12 {
        let mut seq: Vec<&str> = Vec::with_capacity(4);
        let mut k = p.b;
        while k < q.a {
            let (w, verb) = word_and_verb(t, slots, k, r, verbs);
            sink.add(&["bw", w]);
            if gap <= 5 {
                sink.add(&["bw-ty", w, tx, ty]);
            }
            if let Some(l) = verb {
                sink.events |= event_bit(l);
                sink.add(&["bl", l.as_str()]);
                sink.add(&["bl-ty", l.as_str(), tx, ty]);
            }
            if negation(w) {
                sink.add(&["neg"]);
            }
            if seq.len() < 4 {
                seq.push(w);
            }
            // Skip the rest of an entity's tokens.
            k = slots
                .iter()
                .find(|s| s.a <= k && k < s.b)
                .map_or(k + 1, |s| s.b.max(k + 1));
        }
        if gap <= 3 {
            let joined = seq.join("_");
            sink.add(&["bseq", &joined]);
            sink.add(&["bseq-ty", &joined, tx, ty]);
        }
        if let Some(first) = seq.first() {
            sink.add(&["bfirst", first]);
            sink.add(&["bfirst-ty", first, tx, ty]);
        }
        if gap > 0 {
            let last = word_at(t, slots, q.a - 1, r);
            sink.add(&["blast", last]);
            sink.add(&["blast-ty", last, tx, ty]);
        }
        // A title between: the words gathered only when one may open it
        // (for most pairs none does).
        if (p.b..q.a).any(|k| t.class(k) & gaz::cls::TITLE_FIRST != 0) {
            let ws: Vec<&str> = (p.b..q.a).map(|k| t.lower(k)).collect();
            for s in 0..ws.len() {
                if t.class(p.b + s) & gaz::cls::TITLE_FIRST == 0 {
                    continue;
                }
                if let Some((_, kind)) = gaz::title(&ws[s..]) {
                    sink.titled |= kind != TitleKind::Honorific && (tx == "PER" || ty == "PER");
                    sink.add(&["bt", title_kind(kind)]);
                    sink.add(&["bt-ty", title_kind(kind), tx, ty]);
                }
            }
        }
    } else {
        sink.add(&["far"]);
        // Trigger classes anywhere in the sentence.
        for k in sa..sb {
            if let Some(l) = verbs.of(t, k) {
                sink.events |= event_bit(l);
                sink.add(&["sl", l.as_str()]);
            }
        }
    }
    // Around: two words before x, two after y.
    for (n, k) in [(1, p.a.checked_sub(1)), (2, p.a.checked_sub(2))] {
        if let Some(k) = k.filter(|&k| k >= sa) {
            let (w, verb) = word_and_verb(t, slots, k, r, verbs);
            sink.add(&[if n == 1 { "x-1" } else { "x-2" }, w]);
            if let Some(l) = verb {
                sink.events |= event_bit(l);
                sink.add(&["xl", l.as_str()]);
            }
        }
    }
    for (n, k) in [(1, q.b), (2, q.b + 1)] {
        if k < sb {
            let (w, verb) = word_and_verb(t, slots, k, r, verbs);
            sink.add(&[if n == 1 { "y+1" } else { "y+2" }, w]);
            if let Some(l) = verb {
                sink.events |= event_bit(l);
                sink.add(&["yl", l.as_str(), tx, ty]);
            }
        }
    }
    // A title just before either mention ("le ministre X", "CEO Y").
    for (side, s) in [("xt", p), ("yt", q)] {
        let from = s.a.saturating_sub(4).max(sa);
        if !(from..s.a).any(|k| t.class(k) & gaz::cls::TITLE_FIRST != 0) {
            continue;
        }
        let ws: Vec<&str> = (from..s.a).map(|k| t.lower(k)).collect();
        for o in 0..ws.len() {
            if t.class(from + o) & gaz::cls::TITLE_FIRST == 0 {
                continue;
            }
            if let Some((len, kind)) = gaz::title(&ws[o..])
                && o + len == ws.len()
            {
                let person = if side == "xt" { tx } else { ty };
                sink.titled |= kind != TitleKind::Honorific && person == "PER";
                sink.add(&[side, title_kind(kind), tx, ty]);
            }
        }
    }
}

/// Sentence starting at token 0: the headline when the text has one.
fn si_is_headline(sa: usize) -> bool {
    sa == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_labels_round_trip() {
        for c in 0..CLASSES {
            let (label, forward) = class_label(c);
            assert_eq!(class_of(label, forward), Some(c));
        }
        assert_eq!(class_of(Label::Cooccurs, true), None);
    }

    #[test]
    fn shipped_model_parses_with_its_thresholds() {
        let m = Model::parse(include_str!("../../data/models/relations.tsv"))
            .expect("shipped model parses");
        assert!(!m.weights.is_empty());
        assert!((0.0..=1.0).contains(&m.threshold));
        assert!(m.platt.0 > 0.0, "calibration keeps the order of scores");
    }

    #[test]
    fn a_bad_model_line_is_named() {
        let err = Model::parse("# kg relation model v1\nbias\t1 2\n").expect_err("16 weights");
        assert!(err.starts_with("line 2:"), "{err}");
        let err = Model::parse("nope\n").expect_err("header");
        assert!(err.starts_with("line 1:"), "{err}");
        let err = Model::parse("# kg relation model v1\n=threshold meet\t0.5\n")
            .expect_err("unknown label");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn a_rule_relation_takes_the_patterns_measured_precision() {
        // No measure: the pattern's own figure.
        let m = Model::parse("# kg relation model v1\n").expect("empty model");
        assert_eq!(m.rule_confidence(Label::Opposes, 0.7), 0.7);
        // One figure for every pattern, whatever its label or figure.
        let m = Model::parse("# kg relation model v1\n=rule-precision\t0.89\n")
            .expect("rule precision");
        assert_eq!(m.rule_confidence(Label::Opposes, 0.7), 0.89);
        assert_eq!(m.rule_confidence(Label::LocatedIn, 0.4), 0.89);
        // A label's own figure, where the model has one, before the pooled.
        let m = Model::parse(
            "# kg relation model v1\n=rule-precision\t0.7\n=rule-precision opposes\t0.4\n",
        )
        .expect("label rule precision");
        assert_eq!(m.rule_confidence(Label::Opposes, 0.7), 0.4);
        assert_eq!(m.rule_confidence(Label::LocatedIn, 0.4), 0.7);
        let err = Model::parse("# kg relation model v1\n=rule-precision opposes\t1.5\n")
            .expect_err("a precision above 1");
        assert!(err.contains("line 2"), "{err}");
        // An older file's family lines still mean what they did.
        let m =
            Model::parse("# kg relation model v1\n=rule meets 0.80\t0.867\n").expect("family line");
        assert_eq!(m.rule_confidence(Label::Meets, 0.8), 0.867);
        assert_eq!(m.rule_confidence(Label::Meets, 0.6), 0.6);
        let err = Model::parse("# kg relation model v1\n=rule-precision\t1.5\n")
            .expect_err("a precision above 1");
        assert!(err.starts_with("line 2:"), "{err}");
    }

    #[test]
    fn feature_names_hash_as_their_parts() {
        assert_eq!(feature_hash(&["bw", "de"]), feature_hash(&["bw de"]));
        assert_ne!(feature_hash(&["bw", "de"]), feature_hash(&["bwde"]));
    }

    #[test]
    fn verb_forms_find_their_lexicon_label() {
        assert_eq!(verb_label("critiqué"), Some(Label::Opposes));
        assert_eq!(verb_label("criticized"), Some(Label::Opposes));
        assert_eq!(verb_label("négocient"), Some(Label::Meets));
        assert_eq!(verb_label("table"), None);
    }

    fn cand(x: usize, y: usize, sentence: usize, feats: &[&str]) -> Candidate {
        Candidate {
            kinds: (EntityType::Loc, EntityType::Loc),
            x,
            y,
            sentence,
            feats: feats.iter().map(|f| feature_hash(&[f])).collect(),
            between: String::new(),
            titled: false,
            events: 0,
            near: false,
            ministry_of_country: false,
        }
    }

    #[test]
    fn a_pair_keeps_its_best_label_above_threshold_in_every_sentence() {
        // located_in from x to y.
        let mut m = cue_model(&[(Label::LocatedIn, 8.0)]);
        // The same pair, named the other way round in sentence 2.
        let cands = [
            cand(0, 1, 0, &["bias", "cue"]),
            cand(1, 0, 2, &["bias"]),
            cand(2, 1, 1, &["bias"]),
        ];
        let rels = decide(&m, &cands, &[]);
        assert_eq!(rels.len(), 1, "{rels:?}");
        assert_eq!(
            (rels[0].head, rels[0].label, rels[0].tail),
            (0, Label::LocatedIn, 1)
        );
        assert!(rels[0].confidence > 0.9);
        m.threshold = 0.99;
        assert!(decide(&m, &cands, &[]).is_empty());
        // A person is never located_in a place: the ontology's types rule
        // the label out, however high its score.
        m.threshold = 0.5;
        let mut person = cand(0, 1, 0, &["bias", "cue"]);
        person.kinds = (EntityType::Per, EntityType::Loc);
        assert!(decide(&m, &[person], &[]).is_empty());
    }

    /// A model at threshold 0.5 whose feature "bias" scores every class
    /// -5 and "cue" each label (forward) its weight.
    fn cue_model(cues: &[(Label, f32)]) -> Model {
        let mut m = Model {
            platt: (1.0, 0.0),
            threshold: 0.5,
            ..Model::default()
        };
        m.weights.insert(feature_hash(&["bias"]), [-5.0; CLASSES]);
        let mut w = [0.0f32; CLASSES];
        for &(label, weight) in cues {
            w[class_of(label, true).expect("directed")] = weight;
        }
        m.weights.insert(feature_hash(&["cue"]), w);
        m
    }

    /// "cue" scores `best`, then `next`, well over the threshold.
    fn preferring(best: Label, next: Label) -> Model {
        cue_model(&[(best, 9.0), (next, 7.0)])
    }

    /// The labels `decide` gives one candidate alone.
    fn labels_of(m: &Model, c: &Candidate) -> Vec<Label> {
        decide(m, std::slice::from_ref(c), &[])
            .iter()
            .map(|r| r.label)
            .collect()
    }

    #[test]
    fn an_event_needs_a_trigger_of_its_kind() {
        let m = preferring(Label::Opposes, Label::MemberOf);
        let mut c = cand(0, 1, 0, &["bias", "cue"]);
        c.kinds = (EntityType::Per, EntityType::Org);
        let labels = |c: &Candidate| labels_of(&m, c);
        // No trigger: neither the event nor the runner-up.
        assert!(labels(&c).is_empty());
        // A trigger of another event is none either.
        c.events = event_bit(Label::Meets);
        assert!(labels(&c).is_empty());
        c.events |= event_bit(Label::Opposes);
        assert_eq!(labels(&c), [Label::Opposes]);
    }

    #[test]
    fn a_ministry_is_part_of_its_country_never_located_in_it() {
        let m = preferring(Label::LocatedIn, Label::PartOf);
        let mut c = cand(0, 1, 0, &["bias", "cue"]);
        c.kinds = (EntityType::Org, EntityType::Loc);
        let best = |c: &Candidate| labels_of(&m, c);
        assert_eq!(best(&c), [Label::LocatedIn]);
        c.ministry_of_country = true;
        assert_eq!(best(&c), [Label::PartOf]);
    }
}
