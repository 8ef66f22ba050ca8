//! Output helpers shared by the subcommands: tables for people, JSON for
//! scripts, both written to a locked stdout so a closed pipe surfaces as an
//! error that `report` turns into a quiet exit.

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use std::io::Write;

/// A table with our look: Markdown-style, so it pastes into docs.
pub fn table<I, S>(header: I) -> Table
where
    I: IntoIterator<Item = S>,
    S: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(presets::ASCII_MARKDOWN)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    t
}

/// Writes a table (or nothing but a note when it has no rows).
pub fn print_table(t: &Table, empty: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if t.row_count() == 0 {
        writeln!(out, "{empty}")
    } else {
        writeln!(out, "{t}")
    }
}

/// Writes `value` as pretty JSON and a newline.
pub fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    // As an io::Error: serde_json's own error hides a closed pipe from
    // `report` (its source is the io error's source, not the io error).
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// Writes lines of text.
pub fn print_lines(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
}

/// An edge seen from `from`: `meets` for symmetric labels, `role ->` when
/// `from` is the head, `<- role` when it is the tail.
pub fn arrow(e: &crate::store::EdgeRow, from: crate::model::EntityId) -> String {
    if e.label.is_symmetric() {
        format!("-- {} --", e.label)
    } else if e.head == from {
        format!("-- {} ->", e.label)
    } else {
        format!("<- {} --", e.label)
    }
}

/// Evidence for a table cell: each sentence, quoted, with the article it
/// is from (number, title, date and URL when known) and its offsets; then
/// how many more.
pub fn evidence_cell(ev: &[crate::store::EvidenceRow], total: i64) -> String {
    let mut cell: Vec<String> = ev
        .iter()
        .map(|e| {
            let mut trigger = if e.trigger.is_empty() {
                String::new()
            } else {
                format!(" [{}]", e.trigger)
            };
            if let Some(on) = sentence_date(e) {
                trigger.push_str(&format!(" {on}"));
            }
            format!(
                "\"{}\"{trigger}\n  {}",
                shorten(&e.sentence, 110),
                provenance(e)
            )
        })
        .collect();
    let more = total - ev.len() as i64;
    if more > 0 {
        cell.push(format!("(+{more} more)"));
    }
    cell.join("\n")
}

/// `on 2024-03-15 ("last Friday")` when the sentence dates what it says
/// itself ("jeudi" read as a day), else None (the article's date stands).
pub fn sentence_date(e: &crate::store::EvidenceRow) -> Option<String> {
    let (when, words) = (e.when.as_ref()?, e.date_words.as_ref()?);
    Some(format!("on {} ({words:?})", when.replace('/', " to ")))
}

/// Where a sentence is from: `in #3 "Title" (2024-03-05) https://...,
/// chars 120-241`; the source path when there is no title.
pub fn provenance(e: &crate::store::EvidenceRow) -> String {
    let mut s = format!("in #{}", e.article_id);
    match &e.title {
        Some(t) => s.push_str(&format!(" \"{}\"", shorten(t, 50))),
        None => s.push_str(&format!(" {}", e.article)),
    }
    if e.version > 1 {
        s.push_str(&format!(" v{}", e.version));
    }
    if let Some(d) = &e.date {
        s.push_str(&format!(" ({d})"));
    }
    if let Some(u) = &e.url {
        s.push_str(&format!(" {u}"));
    }
    s.push_str(&format!(", chars {}-{}", e.start, e.end));
    s
}

/// At most `max` characters of `s` on one line, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let one_line = s.replace(['\n', '\r'], " ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}
