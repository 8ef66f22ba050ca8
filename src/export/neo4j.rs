//! Neo4j: the CSV files `neo4j-admin database import full` reads (a nodes
//! file and a relationships file, typed headers, arrays joined with `;`),
//! and a Cypher script of `MERGE` statements for a running database.
//!
//! Nodes are `Entity` plus their type as a second label (`Entity;PER`);
//! relationships have kg's label as their type (`meets`, `cooccurs`, ...)
//! and carry their evidence as parallel arrays (`sentences`, `articles`,
//! `triggers`, `sentence_starts`, `sentence_ends`, and the article's
//! `article_ids`, `titles`, `dates`, `urls`, `external_ids`, empty where
//! unknown), the same for both writers (`evidence_arrays`). `neo4j-admin` has no escape for the
//! array delimiter, so a `;` inside an array element is written as the
//! fullwidth semicolon `；` (U+FF1B); the Cypher script keeps every string
//! exact. CSV fields are quoted with `"` (doubled inside) and may hold line
//! breaks (`--multiline-fields=true`).

use super::json::round;
use crate::store::{EdgeRow, EntityRow, EvidenceRow};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The nodes file's header.
pub const NODES_HEADER: &str = "id:ID,:LABEL,name,type,key,mentions:int,aliases:string[]";

/// The relationships file's header.
pub const RELATIONSHIPS_HEADER: &str = ":START_ID,:END_ID,:TYPE,relation:long,key:int,\
confidence:double,count:int,symmetric:boolean,sentences:string[],articles:string[],\
triggers:string[],sentence_starts:int[],sentence_ends:int[],article_ids:long[],\
titles:string[],dates:string[],urls:string[],external_ids:string[]";

/// A CSV field: always quoted, inner quotes doubled.
fn field(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// An array field: elements joined with `;`, a `;` inside one written as
/// `；` (U+FF1B), the whole quoted.
fn array<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>) {
    let joined: Vec<String> = items.into_iter().map(|s| s.replace(';', "；")).collect();
    field(out, &joined.join(";"));
}

pub(super) fn csv_nodes_header(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "{NODES_HEADER}")
}

pub(super) fn csv_relationships_header(w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "{RELATIONSHIPS_HEADER}")
}

pub(super) fn csv_node(w: &mut impl Write, e: &EntityRow, aliases: &[String]) -> io::Result<()> {
    let mut line = format!("{},Entity;{},", e.id, e.kind);
    field(&mut line, &e.name);
    let _ = write!(line, ",{},", e.kind);
    field(&mut line, &e.key);
    let _ = write!(line, ",{},", e.mentions);
    array(&mut line, aliases.iter().map(String::as_str));
    writeln!(w, "{line}")
}

pub(super) fn csv_edge(
    w: &mut impl Write,
    e: &EdgeRow,
    key: usize,
    evidence: &[EvidenceRow],
    count: i64,
) -> io::Result<()> {
    let mut line = format!(
        "{},{},{},{},{key},{},{count},{}",
        e.head,
        e.tail,
        e.label,
        e.id.0,
        round(e.confidence),
        e.label.is_symmetric()
    );
    for (_, values) in evidence_arrays(evidence) {
        line.push(',');
        match values {
            Values::Text(items) => array(&mut line, items),
            Values::Int(items) => {
                let items: Vec<String> = items.iter().map(i64::to_string).collect();
                line.push_str(&items.join(";"));
            }
        }
    }
    writeln!(w, "{line}")
}

/// The values of one evidence array, one per evidence sentence.
enum Values<'a> {
    Text(Vec<&'a str>),
    Int(Vec<i64>),
}

/// The evidence arrays of a relationship, in the header's order, with
/// their property names: what both the CSV and the Cypher writer write.
/// Absent article fields (title, date, URL, JSONL id) are empty strings,
/// so the arrays stay parallel.
fn evidence_arrays(evidence: &[EvidenceRow]) -> [(&'static str, Values<'_>); 10] {
    let text = |f: fn(&EvidenceRow) -> &str| Values::Text(evidence.iter().map(f).collect());
    let int = |f: fn(&EvidenceRow) -> i64| Values::Int(evidence.iter().map(f).collect());
    [
        ("sentences", text(|ev| &ev.sentence)),
        ("articles", text(|ev| &ev.article)),
        ("triggers", text(|ev| &ev.trigger)),
        ("sentence_starts", int(|ev| ev.start)),
        ("sentence_ends", int(|ev| ev.end)),
        ("article_ids", int(|ev| ev.article_id.0)),
        ("titles", text(|ev| ev.title.as_deref().unwrap_or(""))),
        ("dates", text(|ev| ev.date.as_deref().unwrap_or(""))),
        ("urls", text(|ev| ev.url.as_deref().unwrap_or(""))),
        (
            "external_ids",
            text(|ev| ev.external_id.as_deref().unwrap_or("")),
        ),
    ]
}

/// Escapes a string for a single-quoted Cypher literal: backslash, quote
/// and the usual control characters get Cypher's escapes, other control
/// characters `\uXXXX`; everything else is written as it is (UTF-8).
pub fn cypher_string(s: &str) -> String {
    format!("'{}'", super::rdf::escape_quoted(s, '\''))
}

/// A Cypher list of strings.
fn cypher_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(cypher_string).collect();
    format!("[{}]", items.join(", "))
}

pub(super) fn cypher_header(w: &mut impl Write, name: &str) -> io::Result<()> {
    let name: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    writeln!(
        w,
        "// {name}: Cypher for Neo4j 5 (cypher-shell -f FILE); MERGE on the kg id,\n\
         // so running it again changes nothing.\n\
         CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"
    )
}

pub(super) fn cypher_node(w: &mut impl Write, e: &EntityRow, aliases: &[String]) -> io::Result<()> {
    writeln!(
        w,
        "MERGE (n:Entity {{id: {}}}) SET n:`{}`, n.name = {}, n.type = '{}', n.key = {}, \
         n.mentions = {}, n.aliases = {};",
        e.id,
        e.kind,
        cypher_string(&e.name),
        e.kind,
        cypher_string(&e.key),
        e.mentions,
        cypher_list(aliases.iter().map(String::as_str))
    )
}

pub(super) fn cypher_edge(
    w: &mut impl Write,
    e: &EdgeRow,
    key: usize,
    evidence: &[EvidenceRow],
    count: i64,
) -> io::Result<()> {
    let mut line = format!(
        "MATCH (a:Entity {{id: {}}}), (b:Entity {{id: {}}}) MERGE (a)-[r:`{}`]->(b) \
         SET r.relation = {}, r.key = {key}, r.confidence = {:?}, r.count = {count}, \
         r.symmetric = {}",
        e.head,
        e.tail,
        e.label,
        e.id.0,
        round(e.confidence),
        e.label.is_symmetric(),
    );
    for (name, values) in evidence_arrays(evidence) {
        let list = match values {
            Values::Text(items) => cypher_list(items),
            Values::Int(items) => {
                let items: Vec<String> = items.iter().map(i64::to_string).collect();
                format!("[{}]", items.join(", "))
            }
        };
        let _ = write!(line, ", r.{name} = {list}");
    }
    writeln!(w, "{line};")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a Cypher string literal back as Neo4j's parser does.
    fn unescape(lit: &str) -> Option<String> {
        let body = lit.strip_prefix('\'')?.strip_suffix('\'')?;
        crate::export::rdf::tests::unescape(body, '\'')
    }

    /// Splits one CSV line of quoted fields as neo4j-admin does.
    fn fields(line: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    out.last_mut().expect("a field").push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(String::new()),
                c => out.last_mut().expect("a field").push(c),
            }
        }
        out
    }

    #[test]
    fn the_header_names_the_evidence_arrays_in_order() {
        let names: Vec<&str> = evidence_arrays(&[]).iter().map(|(n, _)| *n).collect();
        let header: Vec<&str> = RELATIONSHIPS_HEADER
            .split(',')
            .skip(8)
            .map(|c| c.split(':').next().expect("a name"))
            .collect();
        assert_eq!(header, names);
    }

    #[test]
    fn escapes_cypher_strings() {
        assert_eq!(cypher_string("l'État \\ \"x\"\n"), r#"'l\'État \\ "x"\n'"#);
        assert_eq!(cypher_string("a\u{1}b"), r"'a\u0001b'");
    }

    #[test]
    fn array_elements_never_split_on_their_own_semicolons() {
        let mut out = String::new();
        array(&mut out, ["a; b", "c\"d"]);
        assert_eq!(out, "\"a； b;c\"\"d\"");
        assert_eq!(fields(&out), vec!["a； b;c\"d"]);
    }

    proptest! {
        /// Any string survives Cypher quoting and reads back the same.
        #[test]
        fn cypher_strings_survive_any_string(s in "\\PC*|[\"'\\\\\n\r\t\u{0}-\u{1f} aé東]{0,20}") {
            prop_assert_eq!(unescape(&cypher_string(&s)), Some(s));
        }

        /// Any name survives a CSV node line: its fields read back.
        #[test]
        fn csv_fields_survive_any_name(name in "\\PC*|[\",;\n\r aé]{0,20}") {
            let e = EntityRow {
                id: crate::model::EntityId(7),
                name: name.clone(),
                kind: crate::model::EntityType::Org,
                key: format!("org:{name}"),
                mentions: 3,
            };
            let mut out = Vec::new();
            csv_node(&mut out, &e, &[]).expect("write");
            let line = String::from_utf8(out).expect("utf-8");
            let f = fields(line.strip_suffix('\n').expect("newline"));
            prop_assert_eq!(f.len(), NODES_HEADER.split(',').count());
            prop_assert_eq!(&f[0], "7");
            prop_assert_eq!(&f[1], "Entity;ORG");
            prop_assert_eq!(&f[2], &name);
            prop_assert_eq!(&f[4], &format!("org:{name}"));
        }
    }
}
