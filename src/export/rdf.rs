//! RDF: N-Triples and Turtle, one statement stream written two ways.
//!
//! IRIs hang off a base (`--base-iri`, [`BaseIri::default`] otherwise):
//! the vocabulary is `BASE ontology/` (prefix `kg:`), an entity is
//! `BASE entity/TYPE/KEY` with its extraction key percent-encoded (stable
//! across runs and across databases built from the same articles, unlike
//! ids). Entity types are classes (`kg:PER`, ... under `kg:Entity`).
//! Every relation is one direct triple (`<head> kg:meets <tail>`) and a
//! reified `kg:Relation` node (RDF 1.1 reification: it is also an
//! `rdf:Statement` with `rdf:subject`, `rdf:predicate`, `rdf:object`)
//! carrying its confidence, its number of sentences and one `kg:Evidence`
//! node per evidence sentence (sentence, article with its number, title,
//! date, URL and JSONL id when known, code-point offsets, trigger,
//! confidence). Reification rather than RDF-star because
//! N-Triples 1.1 and most stores read it, and an edge has several
//! evidence sentences, each a node of its own.
//!
//! Literals escape `"`, `\` and line breaks, other control characters as
//! `\uXXXX`; other text is written as UTF-8. An edge's endpoints are
//! named from their entities, read by id as the edges are written
//! ([`super::Options::entities`]; the head's IRI is kept while edges from
//! it follow), so the writer keeps nothing per node and its memory does
//! not grow with the graph.

use super::Entities;
use super::json::round;
use crate::model::{EntityId, EntityType, Label};
use crate::store::{EdgeRow, EntityRow, EvidenceRow};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::str::FromStr;

/// Where the IRIs of an export hang: an absolute IRI ending in `/` or `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseIri(String);

impl Default for BaseIri {
    fn default() -> Self {
        BaseIri("http://example.org/kg/".to_string())
    }
}

impl std::fmt::Display for BaseIri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl BaseIri {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for BaseIri {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let scheme = s.split(':').next().unwrap_or("");
        let scheme_ok = s.contains(':')
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !scheme_ok {
            return Err(format!(
                "{s:?} is not an absolute IRI (e.g. http://example.org/kg/)"
            ));
        }
        if let Some(c) = s.chars().find(|&c| c <= ' ' || "<>\"{}|^`\\".contains(c)) {
            return Err(format!("{s:?}: an IRI cannot hold {c:?}"));
        }
        if !s.ends_with('/') && !s.ends_with('#') {
            return Err(format!("{s:?} must end with / or #"));
        }
        Ok(BaseIri(s.to_string()))
    }
}

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// An article date: `xsd:date` when it is a whole day (YYYY-MM-DD), else
/// (a month, a year) the string as stored.
fn date_term(date: &str) -> Term<'_> {
    let b = date.as_bytes();
    let day = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if day {
        Term::Typed(date.to_string(), "date")
    } else {
        Term::Str(date)
    }
}

/// Percent-encodes a key for an IRI path segment: ASCII letters, digits,
/// `-._~:` stay, every other byte of the UTF-8 becomes `%XX`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Escapes a string for a double-quoted N-Triples or Turtle literal.
pub fn escape(s: &str) -> String {
    escape_quoted(s, '"')
}

/// The backslash escapes N-Triples, Turtle and Cypher share, for a literal
/// between `quote`s: the backslash, the quote, `\n`, `\r`, `\t`, and
/// `\uXXXX` for other control characters; other text stays UTF-8.
pub(super) fn escape_quoted(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// One term of a statement.
enum Term<'a> {
    /// A full IRI.
    Iri(&'a str),
    /// A term of a known namespace: (namespace, Turtle prefix, local name).
    Name(&'a str, &'static str, &'a str),
    /// A string literal.
    Str(&'a str),
    /// A typed literal: lexical form and XSD type name.
    Typed(String, &'static str),
}

/// A term of the vocabulary.
fn kg<'a>(vocab: &'a str, local: &'a str) -> Term<'a> {
    Term::Name(vocab, "kg", local)
}

/// Statements written as N-Triples or Turtle.
struct Lines {
    turtle: bool,
    /// Turtle: the subject and predicate of the statement left open (it
    /// ends with `,`, `;` or `.` as the next one needs).
    open: Option<(String, String)>,
}

/// The state of one RDF export.
pub(super) struct Rdf<'a> {
    base: BaseIri,
    vocab: String,
    out: Lines,
    /// Reads an edge's ends by id, for their IRIs.
    entities: Option<Entities<'a>>,
    /// The last edge's head and its IRI (edges come grouped by head).
    head: Option<(EntityId, String)>,
}

impl Lines {
    fn term(&self, out: &mut String, t: &Term) {
        match t {
            Term::Iri(iri) => {
                let _ = write!(out, "<{iri}>");
            }
            Term::Name(RDF, _, "type") if self.turtle => out.push('a'),
            Term::Name(_, prefix, local) if self.turtle => {
                let _ = write!(out, "{prefix}:{local}");
            }
            Term::Name(ns, _, local) => {
                let _ = write!(out, "<{ns}{local}>");
            }
            Term::Str(s) => {
                let _ = write!(out, "\"{}\"", escape(s));
            }
            Term::Typed(lex, ty) if self.turtle => {
                let _ = write!(out, "\"{lex}\"^^xsd:{ty}");
            }
            Term::Typed(lex, ty) => {
                let _ = write!(out, "\"{lex}\"^^<{XSD}{ty}>");
            }
        }
    }

    /// Writes one statement; Turtle continues the open subject with `;`
    /// and the open subject and predicate with `,`.
    fn triple(&mut self, w: &mut impl Write, s: &str, p: &Term, o: &Term) -> io::Result<()> {
        let mut line = String::new();
        let mut predicate = String::new();
        self.term(&mut predicate, p);
        match &self.open {
            Some((subject, open)) if self.turtle && subject == s && *open == predicate => {
                line.push_str(", ");
            }
            Some((subject, _)) if self.turtle && subject == s => {
                let _ = write!(line, " ;\n    {predicate} ");
            }
            open => {
                if self.turtle && open.is_some() {
                    line.push_str(" .\n");
                }
                let _ = write!(line, "<{s}> {predicate} ");
            }
        }
        self.term(&mut line, o);
        if self.turtle {
            self.open = Some((s.to_string(), predicate));
        } else {
            line.push_str(" .\n");
        }
        w.write_all(line.as_bytes())
    }
}

impl<'a> Rdf<'a> {
    pub(super) fn new(base: BaseIri, turtle: bool, entities: Option<Entities<'a>>) -> Rdf<'a> {
        let vocab = format!("{}ontology/", base.as_str());
        Rdf {
            base,
            vocab,
            out: Lines { turtle, open: None },
            entities,
            head: None,
        }
    }

    /// An entity's IRI: its type and percent-encoded key under the base.
    fn iri(&self, e: &EntityRow) -> String {
        format!("{}entity/{}/{}", self.base.as_str(), e.kind, encode(&e.key))
    }

    pub(super) fn header(&mut self, w: &mut impl Write, name: &str) -> io::Result<()> {
        if self.out.turtle {
            writeln!(w, "# {}", name.replace(['\n', '\r'], " "))?;
            for (prefix, ns) in [
                ("kg", self.vocab.as_str()),
                ("rdf", RDF),
                ("rdfs", RDFS),
                ("owl", OWL),
                ("xsd", XSD),
            ] {
                writeln!(w, "@prefix {prefix}: <{ns}> .")?;
            }
            writeln!(w)?;
        }
        // The vocabulary: types as classes, labels as properties.
        let vocab = self.vocab.clone();
        let class = |local: &str| format!("{vocab}{local}");
        let rdf = |local| Term::Name(RDF, "rdf", local);
        let rdfs = |local| Term::Name(RDFS, "rdfs", local);
        let owl = |local| Term::Name(OWL, "owl", local);
        for local in ["Entity", "Relation", "Evidence"] {
            self.out
                .triple(w, &class(local), &rdf("type"), &rdfs("Class"))?;
        }
        for t in EntityType::ALL {
            let c = class(t.as_str());
            self.out.triple(w, &c, &rdf("type"), &rdfs("Class"))?;
            let entity = class("Entity");
            self.out
                .triple(w, &c, &rdfs("subClassOf"), &Term::Iri(&entity))?;
        }
        for l in Label::ALL {
            let p = class(l.as_str());
            self.out.triple(w, &p, &rdf("type"), &rdf("Property"))?;
            if l.is_symmetric() {
                self.out
                    .triple(w, &p, &rdf("type"), &owl("SymmetricProperty"))?;
            }
        }
        Ok(())
    }

    pub(super) fn node(
        &mut self,
        w: &mut impl Write,
        e: &EntityRow,
        aliases: &[String],
    ) -> io::Result<()> {
        let iri = self.iri(e);
        let rdf_type = Term::Name(RDF, "rdf", "type");
        let entity = kg(&self.vocab, "Entity");
        self.out.triple(w, &iri, &rdf_type, &entity)?;
        let class = kg(&self.vocab, e.kind.as_str());
        self.out.triple(w, &iri, &rdf_type, &class)?;
        let label = Term::Name(RDFS, "rdfs", "label");
        self.out.triple(w, &iri, &label, &Term::Str(&e.name))?;
        let id = Term::Typed(e.id.0.to_string(), "integer");
        self.out.triple(w, &iri, &kg(&self.vocab, "id"), &id)?;
        self.out
            .triple(w, &iri, &kg(&self.vocab, "key"), &Term::Str(&e.key))?;
        let mentions = Term::Typed(e.mentions.to_string(), "integer");
        self.out
            .triple(w, &iri, &kg(&self.vocab, "mentions"), &mentions)?;
        for a in aliases {
            self.out
                .triple(w, &iri, &kg(&self.vocab, "alias"), &Term::Str(a))?;
        }
        Ok(())
    }

    /// The IRI of an edge's end, read through [`Rdf::entities`].
    fn iri_of(&mut self, id: EntityId, edge: &EdgeRow) -> io::Result<String> {
        let entity = match self.entities.as_mut() {
            Some(read) => read(id)?,
            None => None,
        };
        let entity = entity.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "edge #{} names entity #{id}, which cannot be read",
                    edge.id.0
                ),
            )
        })?;
        Ok(self.iri(&entity))
    }

    pub(super) fn edge(
        &mut self,
        w: &mut impl Write,
        e: &EdgeRow,
        evidence: &[EvidenceRow],
        count: i64,
    ) -> io::Result<()> {
        let head = match self.head.take() {
            Some((id, iri)) if id == e.head => iri,
            _ => self.iri_of(e.head, e)?,
        };
        let tail = self.iri_of(e.tail, e)?;
        let label = e.label.as_str();
        self.out
            .triple(w, &head, &kg(&self.vocab, label), &Term::Iri(&tail))?;
        let rel = format!(
            "{}relation/{label}/{}/{}",
            self.base.as_str(),
            &head[self.base.as_str().len() + "entity/".len()..],
            &tail[self.base.as_str().len() + "entity/".len()..],
        );
        let rdf = |local| Term::Name(RDF, "rdf", local);
        let relation = kg(&self.vocab, "Relation");
        self.out.triple(w, &rel, &rdf("type"), &relation)?;
        self.out.triple(w, &rel, &rdf("type"), &rdf("Statement"))?;
        self.out
            .triple(w, &rel, &rdf("subject"), &Term::Iri(&head))?;
        let predicate = kg(&self.vocab, label);
        self.out.triple(w, &rel, &rdf("predicate"), &predicate)?;
        self.out
            .triple(w, &rel, &rdf("object"), &Term::Iri(&tail))?;
        let confidence = Term::Typed(round(e.confidence).to_string(), "decimal");
        self.out
            .triple(w, &rel, &kg(&self.vocab, "confidence"), &confidence)?;
        let count = Term::Typed(count.to_string(), "integer");
        self.out
            .triple(w, &rel, &kg(&self.vocab, "count"), &count)?;
        let evidence_class = kg(&self.vocab, "Evidence");
        let nodes: Vec<String> = (1..=evidence.len())
            .map(|i| format!("{rel}/evidence/{i}"))
            .collect();
        for n in &nodes {
            self.out
                .triple(w, &rel, &kg(&self.vocab, "evidence"), &Term::Iri(n))?;
        }
        for (n, ev) in nodes.iter().zip(evidence) {
            self.out.triple(w, n, &rdf("type"), &evidence_class)?;
            self.out
                .triple(w, n, &kg(&self.vocab, "sentence"), &Term::Str(&ev.sentence))?;
            self.out
                .triple(w, n, &kg(&self.vocab, "article"), &Term::Str(&ev.article))?;
            let article_id = Term::Typed(ev.article_id.0.to_string(), "integer");
            self.out
                .triple(w, n, &kg(&self.vocab, "articleId"), &article_id)?;
            for (local, value) in [
                ("title", &ev.title),
                ("externalId", &ev.external_id),
                ("url", &ev.url),
            ] {
                if let Some(v) = value {
                    self.out
                        .triple(w, n, &kg(&self.vocab, local), &Term::Str(v))?;
                }
            }
            if let Some(date) = &ev.date {
                self.out
                    .triple(w, n, &kg(&self.vocab, "date"), &date_term(date))?;
            }
            let start = Term::Typed(ev.start.to_string(), "integer");
            self.out.triple(w, n, &kg(&self.vocab, "start"), &start)?;
            let end = Term::Typed(ev.end.to_string(), "integer");
            self.out.triple(w, n, &kg(&self.vocab, "end"), &end)?;
            if !ev.trigger.is_empty() {
                self.out
                    .triple(w, n, &kg(&self.vocab, "trigger"), &Term::Str(&ev.trigger))?;
            }
            let c = Term::Typed(round(ev.confidence).to_string(), "decimal");
            self.out.triple(w, n, &kg(&self.vocab, "confidence"), &c)?;
        }
        self.head = Some((e.head, head));
        Ok(())
    }

    pub(super) fn footer(&mut self, w: &mut impl Write) -> io::Result<()> {
        if self.out.open.take().is_some() {
            w.write_all(b" .\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads the body of a literal between `quote`s back: the escapes of
    /// N-Triples (ECHAR, UCHAR), which Cypher's include; a bare quote or
    /// line break, or an unknown escape, is an error. Cypher also reads
    /// `\"` in a single-quoted literal (and N-Triples `\'`).
    pub(in crate::export) fn unescape(s: &str, quote: char) -> Option<String> {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            match c {
                '\n' | '\r' => return None,
                c if c == quote => return None,
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                    }
                    c @ ('\\' | '"' | '\'') => out.push(c),
                    _ => return None,
                },
                c => out.push(c),
            }
        }
        Some(out)
    }

    #[test]
    fn base_iris_are_checked() {
        assert!("http://example.org/kg/".parse::<BaseIri>().is_ok());
        assert!("urn:x:kg#".parse::<BaseIri>().is_ok());
        for bad in [
            "example.org/kg/",
            "http://x/kg",
            "http://x y/",
            "1http://x/",
            "http://x/<a>/",
        ] {
            assert!(bad.parse::<BaseIri>().is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_are_percent_encoded() {
        assert_eq!(encode("per:wendy sherman"), "per:wendy%20sherman");
        assert_eq!(
            encode("org:département d'état/x"),
            "org:d%C3%A9partement%20d%27%C3%A9tat%2Fx"
        );
    }

    proptest! {
        /// Any string survives literal escaping and reads back the same.
        #[test]
        fn literals_survive_any_string(s in "\\PC*|[\"\\\\\n\r\t\u{0}-\u{1f} aé東🎉]{0,20}") {
            prop_assert_eq!(unescape(&escape(&s), '"'), Some(s));
        }

        /// Encoded keys hold only IRI-safe characters and differ when the
        /// keys do.
        #[test]
        fn encoded_keys_are_safe_and_distinct(a in "\\PC{0,12}", b in "\\PC{0,12}") {
            let (x, y) = (encode(&a), encode(&b));
            prop_assert!(x.bytes().all(|c| c.is_ascii_alphanumeric() || b"-._~:%".contains(&c)));
            prop_assert_eq!(x == y, a == b);
        }
    }
}
