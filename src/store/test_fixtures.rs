//! What the store's unit tests write: articles, extractions made by hand
//! (so the tests do not move when extraction improves) and a small
//! generated graph with hubs.

use crate::model::ArticleRecord;
use crate::model::{Entity, Extraction, Mention, Relation, Span};
use crate::model::{EntityType, Label, Lang};
use std::collections::BTreeMap;

/// An article of `text` from `t.txt`.
pub(crate) fn article(text: &str) -> ArticleRecord {
    ArticleRecord {
        source: "t.txt".into(),
        text: text.into(),
        ..ArticleRecord::default()
    }
}

/// An extraction of `text` as one sentence: a mention per byte span of
/// `spans`, an entity of type `kind` per distinct surface form (keyed by its
/// lower case, named and aliased by its first occurrence), and, with a
/// `label`, a relation of that label from each mention to the one before.
pub(crate) fn extraction(
    text: &str,
    spans: impl IntoIterator<Item = (usize, usize)>,
    kind: EntityType,
    label: Option<Label>,
) -> Extraction {
    let mut ex = Extraction {
        lang: Lang::Fr.into(),
        sentences: vec![Span {
            start: 0,
            end: text.len(),
        }],
        entities: Vec::new(),
        mentions: Vec::new(),
        relations: Vec::new(),
        notes: Vec::new(),
    };
    for (start, end) in spans {
        let w = &text[start..end];
        let key = w.to_lowercase();
        let e = match ex.entities.iter().position(|e| e.key == key) {
            Some(e) => e,
            None => {
                ex.entities.push(Entity {
                    name: w.into(),
                    kind,
                    key,
                    aliases: vec![w.into()],
                });
                ex.entities.len() - 1
            }
        };
        ex.mentions.push(Mention {
            entity: e,
            sentence: 0,
            span: Span { start, end },
        });
    }
    let Some(label) = label else { return ex };
    for w in ex.mentions.windows(2) {
        ex.relations.push(Relation {
            head: w[1].entity,
            label,
            tail: w[0].entity,
            sentence: 0,
            trigger: String::new(),
            confidence: 0.9,
            attrs: BTreeMap::from([("k".into(), "v".into())]),
            when: Default::default(),
        });
    }
    ex
}

/// An extraction naming every word of `text` as an entity (MISC), one
/// sentence, and a `label` relation between consecutive words.
pub(crate) fn words(text: &str, label: Label) -> Extraction {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    extraction(text, spans, EntityType::Misc, Some(label))
}

/// `articles` generated articles (`kg bench gen`, seeded), extracted: a
/// small Zipf graph with hubs.
pub(crate) fn generated_batch(articles: u64, seed: u64) -> Vec<(ArticleRecord, Extraction)> {
    use crate::bench::corpus::{Filler, generate};
    use crate::extract::{Input, extract};
    let mut jsonl = Vec::new();
    generate(articles, seed, &Filler::default(), &mut jsonl, "test").expect("generate");
    String::from_utf8(jsonl)
        .expect("utf-8")
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let text = v["text"].as_str().expect("text").to_string();
            let ex = extract(Input {
                text: &text,
                lang: None,
            });
            let a = ArticleRecord {
                source: format!("t:{i}"),
                text,
                ..Default::default()
            };
            (a, ex)
        })
        .collect()
}
