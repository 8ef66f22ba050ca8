//! The facts format: one article and everything extraction found in it
//! as one JSON line (`kg extract` writes it, `kg load` reads it), so that
//! extraction can run where no database is. Documented in `docs/facts.md`
//! with the JSON Schema `docs/facts.schema.json`.
//!
//! Offsets are **code points** (as everything kg shows), converted from
//! and back to extraction's byte offsets here. A line holds what the store
//! writes and nothing that depends on a database: the article (text
//! included, with its SHA-256), the sentences, the entities with their
//! mentions, the typed relations with their evidence, the co-occurrences.
//! [`Facts::into_extraction`] gives back an extraction the store writes
//! exactly as it writes the one the line came from.

use super::{ArticleLang, ArticleRecord, Entity, EntityType, Extraction, Label, Mention};
use super::{Relation, Span, When};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The version of the format a line declares (`"kg_facts": 1`); a reader
/// refuses another.
pub const FACTS_VERSION: u32 = 1;

/// One line of facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// [`FACTS_VERSION`].
    pub kg_facts: u32,
    pub article: FactsArticle,
    /// `[start, end)` of each sentence, code points.
    pub sentences: Vec<[usize; 2]>,
    pub entities: Vec<FactsEntity>,
    /// The typed relations, each with its evidence sentence.
    pub relations: Vec<FactsRelation>,
    /// Two entities named in one sentence with no typed relation between
    /// them there (a `cooccurs` edge), dated as relations are.
    pub cooccurrences: Vec<FactsCooccurrence>,
    /// What extraction noticed and could not use.
    pub notes: Vec<String>,
}

/// The article of a line: what the store keeps of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsArticle {
    pub source: String,
    pub external_id: Option<String>,
    pub title: Option<String>,
    /// ISO 8601.
    pub date: Option<String>,
    pub date_raw: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// ISO 639-1 code: `fr` or `en` when extracted, another when stored
    /// without extraction.
    pub lang: String,
    /// SHA-256 of `text` (its UTF-8 bytes), lower-case hex.
    pub hash: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub key: String,
    pub aliases: Vec<String>,
    /// `[start, end, sentence]`, code points.
    pub mentions: Vec<[usize; 3]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsRelation {
    pub head: usize,
    pub label: Label,
    pub tail: usize,
    pub sentence: usize,
    pub trigger: String,
    pub confidence: f32,
    pub attrs: BTreeMap<String, String>,
    /// The first day the relation is dated by, `YYYY-MM-DD` (its
    /// sentence's date words, else the article's date); None with
    /// `day_end` when nothing dates it.
    pub day_start: Option<String>,
    /// The last day (equal to `day_start` for one day).
    pub day_end: Option<String>,
    /// The sentence's words the days were read from ("jeudi"); None when
    /// they are the article's date.
    pub date_words: Option<String>,
}

/// `[head, tail, sentence, day_start, day_end, date_words]`: a
/// co-occurrence and its date, as for [`FactsRelation`], written as one
/// JSON array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactsCooccurrence(
    pub usize,
    pub usize,
    pub usize,
    pub Option<String>,
    pub Option<String>,
    pub Option<String>,
);

/// The three date fields of a relation or co-occurrence of `when`.
fn when_fields(when: &When) -> (Option<String>, Option<String>, Option<String>) {
    let (start, end) = match &when.days {
        Some((a, b)) => (Some(a.clone()), Some(b.clone())),
        None => (None, None),
    };
    (start, end, when.words.clone())
}

/// Whether `s` reads as a day as the format writes it, `YYYY-MM-DD`
/// (digits and dashes; not a calendar check).
pub fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

/// The date fields of a line back as a [`When`], checked: both days or
/// neither, each `YYYY-MM-DD`, the first not after the last.
fn when_of(
    start: Option<String>,
    end: Option<String>,
    words: Option<String>,
) -> Result<When, String> {
    let days = match (start, end) {
        (None, None) => None,
        (Some(a), Some(b)) if is_day(&a) && is_day(&b) && a <= b => Some((a, b)),
        (a, b) => {
            let show = |d: Option<String>| d.map_or("null".to_string(), |d| format!("{d:?}"));
            return Err(format!(
                "day_start {} and day_end {} are not a range of days (YYYY-MM-DD, both or neither, start first)",
                show(a),
                show(b)
            ));
        }
    };
    Ok(When { days, words })
}

/// SHA-256 of an article's text: the key that makes storing it twice a
/// no-op, and the `hash` of its facts.
pub fn content_hash(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Byte offset <-> code-point offset of one text.
struct Offsets {
    /// The byte offset of every char boundary, the text's end included.
    bytes: Vec<usize>,
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        Offsets { bytes }
    }

    /// The code point at byte `b`, a char boundary (extraction's spans
    /// are).
    fn char_at(&self, b: usize) -> usize {
        self.bytes.partition_point(|&x| x < b)
    }

    fn byte_at(&self, c: usize) -> Option<usize> {
        self.bytes.get(c).copied()
    }

    fn span(&self, what: &str, start: usize, end: usize) -> Result<Span, String> {
        match (self.byte_at(start), self.byte_at(end)) {
            (Some(s), Some(e)) if start <= end => Ok(Span { start: s, end: e }),
            _ => Err(format!(
                "{what} {start}..{end} does not fit the text ({} code points)",
                self.bytes.len() - 1
            )),
        }
    }
}

impl Facts {
    /// The facts of `article` and its extraction (byte offsets into its
    /// text, as extraction gives them).
    pub fn new(article: &ArticleRecord, ex: &Extraction) -> Facts {
        let at = Offsets::new(&article.text);
        let cp = |s: Span| [at.char_at(s.start), at.char_at(s.end)];
        let mut entities: Vec<FactsEntity> = ex
            .entities
            .iter()
            .map(|e| FactsEntity {
                name: e.name.clone(),
                kind: e.kind,
                key: e.key.clone(),
                aliases: e.aliases.clone(),
                mentions: Vec::new(),
            })
            .collect();
        for m in &ex.mentions {
            let [start, end] = cp(m.span);
            if let Some(e) = entities.get_mut(m.entity) {
                e.mentions.push([start, end, m.sentence]);
            }
        }
        let (co, typed): (Vec<&Relation>, Vec<&Relation>) = ex
            .relations
            .iter()
            .partition(|r| r.label == Label::Cooccurs);
        Facts {
            kg_facts: FACTS_VERSION,
            article: FactsArticle {
                source: article.source.clone(),
                external_id: article.external_id.clone(),
                title: article.title.clone(),
                date: article.date.clone(),
                date_raw: article.date_raw.clone(),
                url: article.url.clone(),
                author: article.author.clone(),
                lang: ex.lang.code().to_string(),
                hash: hex(&content_hash(&article.text)),
                text: article.text.clone(),
            },
            sentences: ex.sentences.iter().map(|s| cp(*s)).collect(),
            entities,
            relations: typed
                .into_iter()
                .map(|r| {
                    let (day_start, day_end, date_words) = when_fields(&r.when);
                    FactsRelation {
                        head: r.head,
                        label: r.label,
                        tail: r.tail,
                        sentence: r.sentence,
                        trigger: r.trigger.clone(),
                        confidence: r.confidence,
                        attrs: r.attrs.clone(),
                        day_start,
                        day_end,
                        date_words,
                    }
                })
                .collect(),
            cooccurrences: co
                .iter()
                .map(|r| {
                    let (start, end, words) = when_fields(&r.when);
                    FactsCooccurrence(r.head, r.tail, r.sentence, start, end, words)
                })
                .collect(),
            notes: ex.notes.clone(),
        }
    }

    /// Reads one line of facts; the error says what is wrong with it
    /// (the caller names the file and line).
    pub fn parse(line: &str) -> Result<Facts, String> {
        #[derive(Deserialize)]
        struct Version {
            kg_facts: Option<serde_json::Value>,
        }
        if !line.trim_start().starts_with('{') {
            return Err("not facts: not a JSON object".to_string());
        }
        let version: Version = serde_json::from_str(line).map_err(|e| format!("not facts: {e}"))?;
        match version.kg_facts {
            Some(v) if v == serde_json::json!(FACTS_VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "facts version {v} is not one this kg reads (it reads version {FACTS_VERSION})"
                ));
            }
            None => return Err("not facts: no \"kg_facts\" version field".to_string()),
        }
        serde_json::from_str(line).map_err(|e| format!("bad facts: {e}"))
    }

    /// The article and its extraction (byte offsets), checked: the hash
    /// matches the text, every offset fits it and every index points at
    /// an entity or sentence of the line.
    pub fn into_extraction(self) -> Result<(ArticleRecord, Extraction), String> {
        let a = self.article;
        if hex(&content_hash(&a.text)) != a.hash {
            return Err("\"hash\" is not the SHA-256 of \"text\"".to_string());
        }
        let lang: ArticleLang = a
            .lang
            .parse()
            .map_err(|e| format!("\"lang\" {:?}: {e}", a.lang))?;
        let at = Offsets::new(&a.text);
        let sentences = self
            .sentences
            .iter()
            .map(|&[s, e]| at.span("sentence", s, e))
            .collect::<Result<Vec<_>, _>>()?;
        let ns = sentences.len();
        let ne = self.entities.len();
        let sentence = |i: usize| {
            (i < ns)
                .then_some(i)
                .ok_or_else(|| format!("sentence {i} does not exist ({ns} sentences)"))
        };
        let entity = |i: usize| {
            (i < ne)
                .then_some(i)
                .ok_or_else(|| format!("entity {i} does not exist ({ne} entities)"))
        };
        let mut entities = Vec::with_capacity(ne);
        let mut mentions = Vec::new();
        for (i, e) in self.entities.into_iter().enumerate() {
            for &[start, end, s] in &e.mentions {
                mentions.push(Mention {
                    entity: i,
                    sentence: sentence(s)?,
                    span: at.span("mention", start, end)?,
                });
            }
            entities.push(Entity {
                name: e.name,
                kind: e.kind,
                key: e.key,
                aliases: e.aliases,
            });
        }
        let mut relations = Vec::with_capacity(self.relations.len() + self.cooccurrences.len());
        for r in self.relations {
            if r.label == Label::Cooccurs {
                return Err("a `cooccurs` relation belongs in \"cooccurrences\"".to_string());
            }
            if !(0.0..=1.0).contains(&r.confidence) {
                return Err(format!("confidence {} is not in [0, 1]", r.confidence));
            }
            relations.push(Relation {
                head: entity(r.head)?,
                label: r.label,
                tail: entity(r.tail)?,
                sentence: sentence(r.sentence)?,
                trigger: r.trigger,
                confidence: r.confidence,
                attrs: r.attrs,
                when: when_of(r.day_start, r.day_end, r.date_words)?,
            });
        }
        for FactsCooccurrence(head, tail, s, start, end, words) in self.cooccurrences {
            relations.push(Relation {
                head: entity(head)?,
                label: Label::Cooccurs,
                tail: entity(tail)?,
                sentence: sentence(s)?,
                trigger: String::new(),
                confidence: super::COOCCURS_CONFIDENCE as f32,
                attrs: BTreeMap::new(),
                when: when_of(start, end, words)?,
            });
        }
        let article = ArticleRecord {
            source: a.source,
            external_id: a.external_id,
            url: a.url,
            title: a.title,
            date: a.date,
            date_raw: a.date_raw,
            author: a.author,
            text: a.text,
            read_notes: Vec::new(),
        };
        let ex = Extraction {
            lang,
            sentences,
            entities,
            mentions,
            relations,
            notes: self.notes,
        };
        Ok((article, ex))
    }

    /// The line: compact JSON, fields in a fixed order, no newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("facts serialise: string keys, finite numbers")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (ArticleRecord, Extraction) {
        // "é" is two bytes: code points and bytes differ after it.
        let text = "Zoé Martin met Bob Stone. Bob called Zoé.".to_string();
        let span = |s: &str, from: usize| {
            let start = text[from..].find(s).expect("in text") + from;
            Span {
                start,
                end: start + s.len(),
            }
        };
        let person = |name: &str| Entity {
            name: name.into(),
            kind: EntityType::Per,
            key: name.to_lowercase(),
            aliases: vec![name.into()],
        };
        let ex = Extraction {
            lang: ArticleLang::Extracted(super::super::Lang::En),
            sentences: vec![
                span("Zoé Martin met Bob Stone.", 0),
                span("Bob called Zoé.", 0),
            ],
            entities: vec![person("Zoé Martin"), person("Bob Stone")],
            mentions: vec![
                Mention {
                    entity: 0,
                    sentence: 0,
                    span: span("Zoé Martin", 0),
                },
                Mention {
                    entity: 1,
                    sentence: 0,
                    span: span("Bob Stone", 0),
                },
                Mention {
                    entity: 0,
                    sentence: 1,
                    span: span("Zoé", 20),
                },
            ],
            relations: vec![
                Relation {
                    head: 0,
                    label: Label::Meets,
                    tail: 1,
                    sentence: 0,
                    trigger: "met".into(),
                    confidence: 0.9,
                    attrs: BTreeMap::from([("place".to_string(), "Vienna".to_string())]),
                    when: When {
                        days: Some(("2024-03-01".into(), "2024-03-01".into())),
                        words: Some("last Friday".into()),
                    },
                },
                Relation {
                    head: 0,
                    label: Label::Cooccurs,
                    tail: 1,
                    sentence: 1,
                    trigger: String::new(),
                    confidence: super::super::COOCCURS_CONFIDENCE as f32,
                    attrs: BTreeMap::new(),
                    when: When {
                        days: Some(("2024-03-05".into(), "2024-03-05".into())),
                        words: None,
                    },
                },
            ],
            notes: vec!["a note".into()],
        };
        let article = ArticleRecord {
            source: "a.txt".into(),
            date: Some("2024-03-05".into()),
            text,
            ..ArticleRecord::default()
        };
        (article, ex)
    }

    #[test]
    fn facts_round_trip_in_code_points() {
        let (article, ex) = sample();
        let facts = Facts::new(&article, &ex);
        assert_eq!(facts.sentences, [[0, 25], [26, 41]]);
        assert_eq!(facts.entities[0].mentions, [[0, 10, 0], [37, 40, 1]]);
        let day = |d: &str| Some(d.to_string());
        assert_eq!(
            facts.cooccurrences,
            [FactsCooccurrence(
                0,
                1,
                1,
                day("2024-03-05"),
                day("2024-03-05"),
                None
            )]
        );
        let line = facts.to_line();
        assert!(line.contains(
            r#""day_start":"2024-03-01","day_end":"2024-03-01","date_words":"last Friday""#
        ));
        assert!(line.contains(r#""cooccurrences":[[0,1,1,"2024-03-05","2024-03-05",null]]"#));
        let back = Facts::parse(&line).expect("parses");
        assert_eq!(back, facts);
        let (a2, ex2) = back.into_extraction().expect("fits");
        assert_eq!(a2, article);
        let mut expected = ex.clone();
        expected.mentions.sort_by_key(|m| (m.entity, m.span));
        assert_eq!(ex2, expected);
    }

    #[test]
    fn bad_facts_say_what_is_wrong() {
        let (article, ex) = sample();
        let good = Facts::new(&article, &ex);
        let err = |f: Facts| f.into_extraction().expect_err("refused");
        let mut f = good.clone();
        f.article.text.push('!');
        assert!(err(f).contains("SHA-256"));
        let mut f = good.clone();
        f.entities[1].mentions[0] = [30, 99, 0];
        assert!(err(f).contains("mention 30..99 does not fit the text (41 code points)"));
        let mut f = good.clone();
        f.relations[0].tail = 7;
        assert!(err(f).contains("entity 7 does not exist"));
        let mut f = good.clone();
        f.cooccurrences[0].2 = 2;
        assert!(err(f).contains("sentence 2 does not exist"));
        let mut f = good.clone();
        f.relations[0].day_end = None;
        assert!(err(f).contains("not a range of days"));
        let mut f = good.clone();
        f.cooccurrences[0].3 = Some("2024-3-5".into());
        assert!(err(f).contains("not a range of days"));
        let mut f = good.clone();
        f.relations[0].day_start = Some("2024-03-02".into());
        assert!(err(f).contains("not a range of days"));
        let mut f = good;
        f.article.lang = "xx".into();
        assert!(err(f).contains("\"lang\""));
        let v2 = r#"{"kg_facts": 2}"#;
        assert!(Facts::parse(v2).expect_err("v2").contains("version 2"));
        assert!(
            Facts::parse("[1]")
                .expect_err("array")
                .contains("not facts")
        );
        assert!(
            Facts::parse(r#"{"kg_facts":1}"#)
                .expect_err("empty")
                .contains("missing field")
        );
    }
}
