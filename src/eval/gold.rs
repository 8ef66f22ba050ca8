//! Node-level entity scores and pair / labelled relation scores of one
//! article's extraction against its gold graph (the gold file format of
//! `../shared/data/gold/` and `../shared/data/dev/gold/`).
//!
//! Matching rules (ontology.md): a predicted node matches a gold entity when
//! its name or one of its aliases equals one of the gold aliases, case- and
//! accent-insensitively (’ folded to '), and, for typed scores, the types
//! agree. Each gold entity is matched by one node at most: a second node for
//! the same thing is spurious. Optional gold entities and relations count
//! neither for nor against; `cooccurs` edges are not scored.

use super::Counts;
use crate::fold::fold;
use crate::model::{EntityType, Extraction, Label};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// A gold file, as far as scoring needs it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    /// The article's path, relative to the folder that holds the gold folder.
    pub article: String,
    #[serde(default)]
    pub lang: Option<String>,
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldRelation {
    pub head: OneOrMany,
    pub label: Label,
    pub tail: OneOrMany,
    #[serde(default)]
    pub optional: bool,
}

/// A relation end: one entity name, or a list meaning "any of these".
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn names(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// The four scores of one article, and what was missed or spurious.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Score {
    pub entities: Counts,
    pub typed_entities: Counts,
    pub pairs: Counts,
    pub labelled: Counts,
    /// The labelled counts of each label.
    pub by_label: BTreeMap<Label, Counts>,
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
    /// Each scored typed relation (a true or a false positive; one that
    /// hits an optional gold relation is neither): its label, its
    /// confidence (the highest of its copies), and whether it is true.
    #[serde(skip)]
    pub judged: Vec<(Label, f32, bool)>,
}

impl Score {
    pub fn add(&mut self, other: &Score) {
        self.judged.extend_from_slice(&other.judged);
        self.entities.add(other.entities);
        self.typed_entities.add(other.typed_entities);
        self.pairs.add(other.pairs);
        self.labelled.add(other.labelled);
        for (l, c) in &other.by_label {
            self.by_label.entry(*l).or_default().add(*c);
        }
    }
}

/// How a predicted node was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// To this required gold entity.
    Gold(usize),
    /// To an optional gold entity (or a required one already taken, after an optional): not scored.
    Ignored(usize),
    /// Spurious.
    None,
}

/// Scores one article. Errors when the gold file is inconsistent (a relation
/// naming an entity it does not list).
pub fn score(gold: &GoldFile, ex: &Extraction) -> Result<Score, String> {
    let gold_forms = forms(gold);
    let rels = relations(gold)?;

    let mut out = Score::default();
    let scored: Vec<usize> = (0..ex.entities.len())
        .filter(|&i| ex.entities[i].kind != EntityType::Event)
        .collect();
    let untyped = match_nodes(gold, &gold_forms, ex, &scored, false);
    let typed = match_nodes(gold, &gold_forms, ex, &scored, true);
    out.entities = node_counts(gold, &untyped);
    out.typed_entities = node_counts(gold, &typed);
    for (gi, g) in gold.entities.iter().enumerate() {
        if !g.optional && !typed.values().any(|m| *m == Match::Gold(gi)) {
            out.missed.push(format!("entity {} ({})", g.name, g.kind));
        }
    }
    for (&pi, m) in &typed {
        if *m == Match::None {
            let e = &ex.entities[pi];
            out.spurious.push(format!("entity {} ({})", e.name, e.kind));
        }
    }

    // Predicted typed relations, deduplicated on their ends' matches.
    let mut pred_pairs: BTreeMap<(MatchKey, MatchKey), String> = BTreeMap::new();
    let mut pred_triples: BTreeMap<(MatchKey, Label, MatchKey), (String, f32)> = BTreeMap::new();
    for r in ex.relations.iter().filter(|r| r.label != Label::Cooccurs) {
        let (Some(h), Some(t)) = (typed.get(&r.head), typed.get(&r.tail)) else {
            continue;
        };
        let (hk, tk) = (key(*h, r.head), key(*t, r.tail));
        let shown = format!(
            "{} {} {}",
            ex.entities[r.head].name, r.label, ex.entities[r.tail].name
        );
        let pair = if hk <= tk { (hk, tk) } else { (tk, hk) };
        pred_pairs.entry(pair).or_insert_with(|| shown.clone());
        let triple = if r.label.is_symmetric() && tk < hk {
            (tk, r.label, hk)
        } else {
            (hk, r.label, tk)
        };
        let e = pred_triples.entry(triple).or_insert((shown, r.confidence));
        e.1 = e.1.max(r.confidence);
    }

    // Pairs: each required gold relation's unordered end sets form a group.
    let groups: BTreeSet<(BTreeSet<usize>, BTreeSet<usize>)> = rels
        .iter()
        .filter(|r| !r.3)
        .map(|(h, _, t, _)| {
            if h <= t {
                (h.clone(), t.clone())
            } else {
                (t.clone(), h.clone())
            }
        })
        .collect();
    let groups: Vec<_> = groups.into_iter().collect();
    let mut found = vec![false; groups.len()];
    let pair_hits = |a: usize, b: usize, h: &BTreeSet<usize>, t: &BTreeSet<usize>| {
        (h.contains(&a) && t.contains(&b)) || (h.contains(&b) && t.contains(&a))
    };
    for ((a, b), shown) in &pred_pairs {
        let optional = a.is_optional() || b.is_optional();
        let (Some(a), Some(b)) = (a.gold(), b.gold()) else {
            if !optional {
                out.pairs.fp += 1;
                out.spurious.push(format!("pair {shown}"));
            }
            continue;
        };
        let hit: Vec<usize> = (0..groups.len())
            .filter(|&g| pair_hits(a, b, &groups[g].0, &groups[g].1))
            .collect();
        if let Some(&g) = hit.iter().find(|&&g| !found[g]) {
            found[g] = true;
            out.pairs.tp += 1;
        } else if optional {
            // An end on an optional entity counts only where the gold
            // offers that entity as one of a relation's ends.
        } else if hit.is_empty() && !rels.iter().any(|(h, _, t, _)| pair_hits(a, b, h, t)) {
            out.pairs.fp += 1;
            out.spurious.push(format!("pair {shown}"));
        }
    }
    out.pairs.fn_ = found.iter().filter(|f| !**f).count();

    // Labelled: each required gold relation is one item.
    let mut matched = vec![false; rels.len()];
    let triple_hits = |a: usize, l: Label, b: usize, r: &GoldRel| {
        r.1 == l
            && ((r.0.contains(&a) && r.2.contains(&b))
                || (l.is_symmetric() && r.0.contains(&b) && r.2.contains(&a)))
    };
    for ((a, l, b), (shown, confidence)) in &pred_triples {
        let optional = a.is_optional() || b.is_optional();
        let (Some(a), Some(b)) = (a.gold(), b.gold()) else {
            if optional {
                continue;
            }
            out.judged.push((*l, *confidence, false));
            out.labelled.fp += 1;
            out.by_label.entry(*l).or_default().fp += 1;
            out.spurious.push(format!("relation {shown}"));
            continue;
        };
        let hits: Vec<usize> = (0..rels.len())
            .filter(|&i| triple_hits(a, *l, b, &rels[i]))
            .collect();
        if let Some(&i) = hits.iter().find(|&&i| !rels[i].3 && !matched[i]) {
            matched[i] = true;
            out.judged.push((*l, *confidence, true));
            out.labelled.tp += 1;
            out.by_label.entry(*l).or_default().tp += 1;
        } else if hits.is_empty() && !optional {
            out.judged.push((*l, *confidence, false));
            out.labelled.fp += 1;
            out.by_label.entry(*l).or_default().fp += 1;
            out.spurious.push(format!("relation {shown}"));
        }
    }
    for (r, _) in rels.iter().zip(&matched).filter(|(r, m)| !r.3 && !**m) {
        out.labelled.fn_ += 1;
        out.by_label.entry(r.1).or_default().fn_ += 1;
        let names = |s: &BTreeSet<usize>| {
            s.iter()
                .map(|&g| gold.entities[g].name.as_str())
                .collect::<Vec<_>>()
                .join("|")
        };
        out.missed
            .push(format!("relation {} {} {}", names(&r.0), r.1, names(&r.2)));
    }
    Ok(out)
}

/// The labelled counts `--min-confidence min` would leave: the scored
/// relations at least `min` confident; a true one below it is a miss.
pub fn at_confidence(s: &Score, min: f32) -> Counts {
    let dropped_tp = s.judged.iter().filter(|(_, c, t)| *t && *c < min).count();
    Counts {
        tp: s.labelled.tp - dropped_tp,
        fp: s.judged.iter().filter(|(_, c, t)| !*t && *c >= min).count(),
        fn_: s.labelled.fn_ + dropped_tp,
    }
}

/// The confidence bands of [`calibration`]: each from its bound to the next.
pub const BANDS: [f32; 6] = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9];

/// One band of [`calibration`]: its lower bound, how many scored relations
/// fall in it, how many of them are true, and their mean confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub from: f32,
    pub relations: usize,
    pub right: usize,
    pub mean: f64,
}

/// Per band of [`BANDS`], the scored relations whose confidence falls in
/// it: a calibrated confidence has about its band's precision.
pub fn calibration(s: &Score) -> Vec<Band> {
    BANDS
        .iter()
        .enumerate()
        .map(|(i, &lo)| {
            let hi = BANDS.get(i + 1).copied().unwrap_or(f32::INFINITY);
            let band: Vec<_> = s
                .judged
                .iter()
                .filter(|(_, c, _)| *c >= lo && *c < hi)
                .collect();
            let sum: f64 = band.iter().map(|(_, c, _)| f64::from(*c)).sum();
            Band {
                from: lo,
                relations: band.len(),
                right: band.iter().filter(|(_, _, t)| *t).count(),
                mean: if band.is_empty() {
                    0.0
                } else {
                    sum / band.len() as f64
                },
            }
        })
        .collect()
}

/// The expected calibration error of the bands: the gap between each
/// band's precision and its mean confidence, weighed by its relations.
pub fn calibration_error(bands: &[Band]) -> f64 {
    let n: usize = bands.iter().map(|b| b.relations).sum();
    if n == 0 {
        return 0.0;
    }
    bands
        .iter()
        .filter(|b| b.relations > 0)
        .map(|b| (b.right as f64 / b.relations as f64 - b.mean).abs() * b.relations as f64)
        .sum::<f64>()
        / n as f64
}

/// A gold relation: head candidates, label, tail candidates, optional.
pub type GoldRel = (BTreeSet<usize>, Label, BTreeSet<usize>, bool);

/// The folded forms (name and aliases) of each gold entity.
pub fn forms(gold: &GoldFile) -> Vec<BTreeSet<String>> {
    gold.entities
        .iter()
        .map(|g| {
            std::iter::once(&g.name)
                .chain(&g.aliases)
                .map(|a| fold(a))
                .collect()
        })
        .collect()
}

/// The gold relations with their ends as entity indices, deduplicated: a
/// relation listed both as required and as optional is required. Errors
/// when a relation names an entity the file does not list.
pub fn relations(gold: &GoldFile) -> Result<Vec<GoldRel>, String> {
    let by_name: BTreeMap<&str, usize> = gold
        .entities
        .iter()
        .enumerate()
        .map(|(i, g)| (g.name.as_str(), i))
        .collect();
    let ends = |names: &OneOrMany| -> Result<BTreeSet<usize>, String> {
        names
            .names()
            .iter()
            .map(|n| {
                by_name
                    .get(n.as_str())
                    .copied()
                    .ok_or_else(|| format!("relation names unknown entity {n:?}"))
            })
            .collect()
    };
    let mut rels: Vec<GoldRel> = Vec::new();
    for r in &gold.relations {
        let (h, t) = (ends(&r.head)?, ends(&r.tail)?);
        match rels
            .iter_mut()
            .find(|o| o.0 == h && o.1 == r.label && o.2 == t)
        {
            Some(o) => o.3 &= r.optional,
            None => rels.push((h, r.label, t, r.optional)),
        }
    }
    Ok(rels)
}

/// A relation end after matching: a required gold entity, an optional one
/// (which counts only where a required relation offers it as one of its
/// alternative ends), or a spurious predicted node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MatchKey {
    Gold(usize),
    Optional(usize),
    Spurious(usize),
}

impl MatchKey {
    /// The gold entity this end stands for, required or optional.
    fn gold(self) -> Option<usize> {
        match self {
            MatchKey::Gold(g) | MatchKey::Optional(g) => Some(g),
            MatchKey::Spurious(_) => None,
        }
    }

    fn is_optional(self) -> bool {
        matches!(self, MatchKey::Optional(_))
    }
}

fn key(m: Match, pred: usize) -> MatchKey {
    match m {
        Match::Gold(g) => MatchKey::Gold(g),
        Match::Ignored(g) => MatchKey::Optional(g),
        Match::None => MatchKey::Spurious(pred),
    }
}

/// Matches predicted nodes to gold entities, one node per gold entity:
/// an untaken required entity first, then an optional one (ignored), else
/// the node is spurious.
fn match_nodes(
    gold: &GoldFile,
    gold_forms: &[BTreeSet<String>],
    ex: &Extraction,
    scored: &[usize],
    typed: bool,
) -> BTreeMap<usize, Match> {
    let mut taken = vec![false; gold.entities.len()];
    let mut out = BTreeMap::new();
    // Nodes whose display name matches exactly go first, so that a node
    // named "Anna Berg" wins over one that only shares an alias ("Berg").
    let mut order: Vec<(bool, usize)> = scored
        .iter()
        .map(|&pi| {
            let name = fold(&ex.entities[pi].name);
            (!gold_forms.iter().any(|f| f.contains(&name)), pi)
        })
        .collect();
    order.sort();
    for (_, pi) in order {
        let e = &ex.entities[pi];
        let forms: BTreeSet<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|a| fold(a))
            .collect();
        let candidates: Vec<usize> = (0..gold.entities.len())
            .filter(|&g| {
                (!typed || gold.entities[g].kind == e.kind) && !gold_forms[g].is_disjoint(&forms)
            })
            .collect();
        let m = if let Some(&g) = candidates
            .iter()
            .find(|&&g| !gold.entities[g].optional && !taken[g])
        {
            taken[g] = true;
            Match::Gold(g)
        } else if let Some(&g) = candidates.iter().find(|&&g| gold.entities[g].optional) {
            Match::Ignored(g)
        } else {
            Match::None
        };
        out.insert(pi, m);
    }
    out
}

fn node_counts(gold: &GoldFile, m: &BTreeMap<usize, Match>) -> Counts {
    let tp = m.values().filter(|x| matches!(x, Match::Gold(_))).count();
    let fp = m.values().filter(|x| matches!(x, Match::None)).count();
    let required = gold.entities.iter().filter(|g| !g.optional).count();
    Counts {
        tp,
        fp,
        fn_: required - tp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Extraction, Lang, Relation, Span};

    fn ent(name: &str, kind: EntityType, aliases: &[&str]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            key: fold(name),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn rel(head: usize, label: Label, tail: usize) -> Relation {
        Relation {
            head,
            label,
            tail,
            sentence: 0,
            trigger: String::new(),
            confidence: 1.0,
            attrs: Default::default(),
            when: Default::default(),
        }
    }

    fn gold() -> GoldFile {
        serde_json::from_str(
            r#"{"article": "a.txt", "entities": [
                {"name": "Anna Berg", "type": "PER", "aliases": ["Anna Berg", "Mme Berg"]},
                {"name": "Pérou", "type": "LOC", "aliases": ["Pérou"]},
                {"name": "Lima", "type": "LOC", "aliases": ["Lima"]},
                {"name": "Sénat", "type": "ORG", "aliases": ["Sénat"], "optional": true}],
              "relations": [
                {"head": "Lima", "label": "located_in", "tail": "Pérou"},
                {"head": "Anna Berg", "label": "role", "tail": ["Pérou", "Sénat"]},
                {"head": "Anna Berg", "label": "meets", "tail": "Lima", "optional": true}]}"#,
        )
        .expect("test gold parses")
    }

    fn extraction(entities: Vec<Entity>, relations: Vec<Relation>) -> Extraction {
        Extraction {
            lang: Lang::Fr.into(),
            sentences: vec![Span { start: 0, end: 1 }],
            entities,
            mentions: vec![],
            relations,
            notes: vec![],
        }
    }

    #[test]
    fn perfect_extraction_scores_one() {
        let ex = extraction(
            vec![
                ent("Anna Berg", EntityType::Per, &["Berg"]),
                ent("Perou", EntityType::Loc, &[]),
                ent("Lima", EntityType::Loc, &[]),
            ],
            vec![
                rel(2, Label::LocatedIn, 1),
                rel(0, Label::Role, 1),
                rel(0, Label::Cooccurs, 2),
            ],
        );
        let s = score(&gold(), &ex).expect("consistent gold");
        assert_eq!(
            s.entities,
            Counts {
                tp: 3,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.typed_entities,
            Counts {
                tp: 3,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.pairs,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.labelled,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn wrong_type_split_node_direction_and_optional() {
        let ex = extraction(
            vec![
                ent("Anna Berg", EntityType::Per, &[]),
                ent("Berg", EntityType::Per, &["Mme Berg"]), // split node: spurious
                ent("Pérou", EntityType::Org, &[]),          // wrong type
                ent("Lima", EntityType::Loc, &[]),
                ent("Sénat", EntityType::Org, &[]), // optional: ignored
            ],
            vec![
                rel(1, Label::LocatedIn, 3), // wrong direction? no: Pérou is ORG here, so spurious
                rel(0, Label::Meets, 3),     // optional relation: ignored
                rel(0, Label::Role, 4),      // the optional Sénat is an alternative tail: right
                rel(4, Label::LocatedIn, 2), // optional entity, no gold relation: ignored
                rel(3, Label::LocatedIn, 0), // spurious
            ],
        );
        let s = score(&gold(), &ex).expect("consistent gold");
        assert_eq!(
            s.entities,
            Counts {
                tp: 3,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.typed_entities,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(
            s.labelled,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        // Anna Berg–Lima is an optional pair: ignored, whatever its label.
        // Anna Berg–Sénat is the role's pair by its alternative tail.
        assert_eq!(
            s.pairs,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert!(
            s.missed
                .iter()
                .any(|m| m == "relation Lima located_in Pérou")
        );
    }

    #[test]
    fn a_confidence_floor_turns_true_relations_below_it_into_misses() {
        let mut weak = rel(2, Label::LocatedIn, 1);
        weak.confidence = 0.4;
        let mut wrong = rel(0, Label::Role, 2);
        wrong.confidence = 0.9;
        let mut strong = rel(0, Label::Role, 1);
        strong.confidence = 0.95;
        let ex = extraction(
            vec![
                ent("Anna Berg", EntityType::Per, &[]),
                ent("Pérou", EntityType::Loc, &[]),
                ent("Lima", EntityType::Loc, &[]),
            ],
            vec![weak, wrong, strong],
        );
        let s = score(&gold(), &ex).expect("consistent gold");
        assert_eq!(
            s.labelled,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(at_confidence(&s, 0.0), s.labelled);
        assert_eq!(
            at_confidence(&s, 0.5),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            at_confidence(&s, 0.92),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 1
            }
        );
        let bands = calibration(&s);
        assert_eq!((bands[0].relations, bands[0].right), (1, 1));
        assert_eq!(
            (bands[5].from, bands[5].relations, bands[5].right),
            (0.9, 2, 1)
        );
        assert!((bands[5].mean - 0.925).abs() < 1e-6, "{bands:?}");
        assert_eq!(bands.iter().map(|b| b.relations).sum::<usize>(), 3);
        // |1 - 0.4| * 1 + |0.5 - 0.925| * 2, over 3 relations.
        assert!((calibration_error(&bands) - (0.6 + 0.85) / 3.0).abs() < 1e-6);
    }

    #[test]
    fn direction_matters_for_directed_labels_only() {
        let ex = extraction(
            vec![
                ent("Pérou", EntityType::Loc, &[]),
                ent("Lima", EntityType::Loc, &[]),
            ],
            vec![rel(0, Label::LocatedIn, 1)],
        );
        let s = score(&gold(), &ex).expect("consistent gold");
        assert_eq!(s.pairs.tp, 1);
        assert_eq!(
            s.labelled,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 2
            }
        );
    }

    #[test]
    fn unknown_entity_in_gold_is_an_error() {
        let mut g = gold();
        g.relations[0].head = OneOrMany::One("Nobody".into());
        assert!(score(&g, &extraction(vec![], vec![])).is_err());
    }
}
