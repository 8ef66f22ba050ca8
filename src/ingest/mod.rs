//! Ingest: from paths (files, directories walked recursively in sorted
//! order, `-` for standard input) to articles in the store.
//!
//! Articles stream through a bounded window: read a window, skip texts
//! already stored, extract the rest in parallel (rayon) while the previous
//! window is written; the writer commits every `batch_size` articles (one
//! transaction, so an interrupted ingest keeps whole articles only). Memory
//! stays bounded whatever the input size. Bad files and lines, and
//! articles whose extraction panicked (a bug, caught by [`isolate`]), are
//! reported through the event callback and skipped; only a store failure
//! stops the run. Every file's bytes become text in [`decode`]. An article
//! in a language kg does not extract is stored without extraction, or
//! skipped ([`Options::skip_unsupported`]), and reported either way.

pub mod decode;
pub mod html;
pub mod isolate;
pub mod jsonl;
pub mod reextract;
pub mod txt;

use crate::error::{Error, Result};
use crate::extract;
use crate::extract::date;
use crate::model::{ArticleLang, ArticleRecord, Extraction, Lang, OtherLang, ReadNote};
use crate::store::{Outcome, Store, content_hash};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Articles per write transaction unless told otherwise. Measured
/// (bench/SCALE.md): 256-article transactions spent a quarter of the
/// storage CPU writing the same index pages again and again; at 100k
/// articles 8192 cost 0.5-1.2 CPU-s less than 4096 for 20-55 MB more
/// peak, 16384 another 0.35 for 190 MB more.
pub const DEFAULT_BATCH_SIZE: usize = 8192;

/// How to ingest.
#[derive(Debug, Clone)]
pub struct Options {
    /// The language of every article, or None to detect it per article
    /// (a JSONL `lang` field wins over both).
    pub lang: Option<Lang>,
    /// Articles per write transaction; extraction works through them in
    /// windows of at most [`WINDOW`].
    pub batch_size: usize,
    /// Whether to drop the deferrable indexes for the run and build them
    /// at its end ([`Store::defer_indexes`]): a bulk load. Readers refuse
    /// the database until they are built again, so only a database nobody
    /// can read yet (a new one, built aside) should be loaded so unless
    /// the user asks for it; the default is false.
    pub defer_indexes: bool,
    /// Makes extraction panic on every article whose text holds this
    /// string: how tests check that a panic costs one article only
    /// (`kg ingest --debug-panic-on`, hidden).
    pub panic_on: Option<String>,
    /// The largest article read, in bytes: a bigger file, standard input
    /// or JSONL line is skipped (and reported) without being read whole.
    pub max_article_bytes: u64,
    /// Whether an article in a language kg does not extract is skipped
    /// instead of stored without extraction.
    pub skip_unsupported: bool,
}

/// [`Options::max_article_bytes`] unless told otherwise: far above any
/// news article (a long feature is 50-100 KB of text), far below what
/// would strain memory (extraction keeps a few dozen bytes per byte of an
/// article while it works on it).
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 8 << 20;

/// Articles extracted at once (in parallel) while the previous window is
/// written: what bounds the memory of an ingest.
pub const WINDOW: usize = 256;

/// Bytes of text that close a window before [`WINDOW`] articles: big
/// articles are extracted a few at a time (extraction holds dozens of
/// bytes per byte of text: 540 MB for one 8 MB article), 256 of them at
/// once would not fit in memory. A window of average news articles
/// (5 KB) is far below it.
const WINDOW_BYTES: usize = 8 << 20;

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: None,
            batch_size: DEFAULT_BATCH_SIZE,
            defer_indexes: false,
            panic_on: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            skip_unsupported: false,
        }
    }
}

/// What happens during an ingest, for the caller to show.
#[derive(Debug)]
pub enum Event<'a> {
    /// A file, entry or line that was skipped.
    Problem(&'a Error),
    /// A file a walked directory holds that was passed over on purpose
    /// (a FIFO, a device, a socket), not counted as failed.
    Passed { path: &'a str, why: &'a str },
    /// Something extraction noticed in an article.
    Note { source: &'a str, note: &'a str },
    /// How a file that is not plain UTF-8 was decoded ([`decode`]).
    Decoded { source: &'a str, note: &'a str },
    /// An article in a language kg does not extract, stored without
    /// extraction (once committed) or skipped.
    Unsupported {
        source: &'a str,
        lang: OtherLang,
        stored: bool,
    },
    /// Something reading an article's source noticed that the user must
    /// be told (a date not understood, a broken front matter), with the
    /// line of the source when known. The article is still ingested.
    Warning {
        source: &'a str,
        line: Option<usize>,
        message: &'a str,
    },
    /// The ingest is building the indexes it deferred (a bulk load).
    BuildingIndexes,
    /// An article was written, skipped or refused by the store.
    Article {
        source: &'a str,
        outcome: &'a Outcome,
    },
}

/// Counts of a finished ingest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub new: usize,
    /// Of the new ones, corrections that replaced an older version.
    pub replaced: usize,
    pub skipped: usize,
    /// Bad files, entries and lines, plus articles the store refused.
    pub failed: usize,
    /// Files in walked directories whose extension is not an article format.
    pub ignored: usize,
    /// Articles in a language kg does not extract: stored (and counted in
    /// `new`) without extraction, or skipped with
    /// [`Options::skip_unsupported`].
    pub unsupported: usize,
}

/// An article as read: its record, the language its source declares and
/// what decoding it noted.
struct ReadArticle {
    article: ArticleRecord,
    lang: Option<ArticleLang>,
    note: Option<String>,
}

impl ReadArticle {
    fn new(article: ArticleRecord, lang: Option<ArticleLang>) -> ReadArticle {
        ReadArticle {
            article,
            lang,
            note: None,
        }
    }
}

type Item = Result<ReadArticle>;

/// Ingests `paths` into `store`, calling `on` for every article and problem.
pub fn ingest(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<Summary> {
    let inputs = collect_inputs(paths);
    let mut summary = Summary {
        ignored: inputs.ignored,
        ..Summary::default()
    };
    for p in &inputs.problems {
        summary.failed += 1;
        on(Event::Problem(p));
    }
    for (path, kind) in &inputs.special {
        on(Event::Passed {
            path,
            why: &format!("{kind}, not a regular file; skipped"),
        });
    }
    let defer = opts.defer_indexes;
    if defer {
        store.defer_indexes()?;
    }
    let items = Articles {
        inputs: inputs.sources.into_iter(),
        current: None,
        max: opts.max_article_bytes,
    };
    let written = write_all(store, items, opts, on, &mut summary);
    if defer {
        // Also after a failure: what was committed stays readable.
        on(Event::BuildingIndexes);
        let built = store.build_indexes();
        written.and(built)?;
    } else {
        written?;
    }
    Ok(summary)
}

/// Extracts and writes every article of `items`, committing every
/// `opts.batch_size`.
fn write_all(
    store: &mut Store,
    mut items: Articles,
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
    summary: &mut Summary,
) -> Result<()> {
    let per_transaction = opts.batch_size.max(1);
    let batch = per_transaction.min(WINDOW);
    // Written in the open transaction, not yet committed nor reported.
    let mut unreported: Vec<(String, Vec<String>, ArticleLang, Outcome)> = Vec::new();
    let mut pending: Vec<(ArticleRecord, Extraction)> = Vec::new();
    loop {
        let mut todo = Vec::with_capacity(batch);
        let mut exhausted = false;
        let mut bytes = 0;
        while todo.len() < batch && bytes < WINDOW_BYTES {
            match items.next() {
                None => {
                    exhausted = true;
                    break;
                }
                Some(Err(e)) => {
                    summary.failed += 1;
                    on(Event::Problem(&e));
                }
                Some(Ok(ReadArticle {
                    article: mut a,
                    lang,
                    note,
                })) => {
                    for n in std::mem::take(&mut a.read_notes) {
                        on(Event::Warning {
                            source: &a.source,
                            line: n.line,
                            message: &n.message,
                        });
                    }
                    match store.find_hash(&content_hash(&a.text))? {
                        Some(id) => {
                            summary.skipped += 1;
                            on(Event::Article {
                                source: &a.source,
                                outcome: &Outcome::Skipped(id),
                            });
                        }
                        None => {
                            if let Some(note) = &note {
                                on(Event::Decoded {
                                    source: &a.source,
                                    note,
                                });
                            }
                            bytes += a.text.len();
                            todo.push((a, lang.or(opts.lang.map(ArticleLang::from))));
                        }
                    }
                }
            }
        }
        let mut writing = std::mem::take(&mut pending);
        // The commit applies the transaction's graph facts (the bulk of the
        // writer's work), so it runs beside the next window's extraction.
        let last = exhausted && todo.is_empty();
        let commit = last || unreported.len() + writing.len() >= per_transaction;
        let (written, extracted) = rayon::join(
            || {
                let outcomes = store.write_uncommitted_taking(&mut writing)?;
                if commit {
                    store.commit()?;
                }
                Ok::<_, Error>((writing, outcomes))
            },
            || {
                todo.into_par_iter()
                    .map(|(mut a, lang)| {
                        let ex = isolate::guarded(|| {
                            if let Some(m) = &opts.panic_on
                                && a.text.contains(m.as_str())
                            {
                                panic!("--debug-panic-on {m:?} matched");
                            }
                            let mut ex = match lang {
                                Some(ArticleLang::Other(other)) => Extraction::unextracted(other),
                                _ => extract::extract(extract::Input {
                                    text: &a.text,
                                    lang: lang.and_then(ArticleLang::extracted),
                                }),
                            };
                            // Relations dated by their sentences, else the article.
                            let day = iso_date(a.date.clone(), ex.lang);
                            extract::dated::date_relations(&mut ex, &a.text, day.as_deref());
                            ex
                        });
                        if let Ok(ex) = &ex {
                            a.date = iso_date(a.date.take(), ex.lang);
                        }
                        (a, ex)
                    })
                    .collect::<Vec<_>>()
            },
        );
        let (written, outcomes) = written?;
        // A panic in extraction (a bug) costs its article only.
        let extracted = extracted
            .into_iter()
            .filter_map(|(a, ex)| match ex {
                Ok(ex) => match ex.lang {
                    ArticleLang::Other(lang) if opts.skip_unsupported => {
                        summary.unsupported += 1;
                        on(Event::Unsupported {
                            source: &a.source,
                            lang,
                            stored: false,
                        });
                        None
                    }
                    _ => Some((a, ex)),
                },
                Err(why) => {
                    summary.failed += 1;
                    on(Event::Problem(&input_error(
                        &a.source,
                        &format!("extraction failed (internal error: {why}); skipped"),
                    )));
                    None
                }
            })
            .collect();
        for ((a, ex), outcome) in written.into_iter().zip(outcomes) {
            unreported.push((a.source, ex.notes, ex.lang, outcome));
        }
        if commit {
            // Reported only once committed: a run killed before the commit
            // never said "new" of an article that is not stored.
            for (source, notes, lang, outcome) in unreported.drain(..) {
                match outcome {
                    Outcome::New(_) => summary.new += 1,
                    Outcome::Replaced(..) => {
                        summary.new += 1;
                        summary.replaced += 1;
                    }
                    Outcome::Skipped(_) => summary.skipped += 1,
                    Outcome::Failed(_) => summary.failed += 1,
                }
                if let (ArticleLang::Other(lang), Outcome::New(_)) = (lang, &outcome) {
                    summary.unsupported += 1;
                    on(Event::Unsupported {
                        source: &source,
                        lang,
                        stored: true,
                    });
                }
                for note in &notes {
                    on(Event::Note {
                        source: &source,
                        note,
                    });
                }
                on(Event::Article {
                    source: &source,
                    outcome: &outcome,
                });
            }
        }
        pending = extracted;
        if exhausted && pending.is_empty() {
            return Ok(());
        }
    }
}

/// Checks the date a reader found: one [`date::parse`] cannot read moves
/// to `date_raw`, with a note naming `line` of the source (when the source
/// itself does not name it). A readable one stays as written until the
/// article's language is known ([`iso_date`]).
fn check_date(a: &mut ArticleRecord, line: Option<usize>) {
    let Some(raw) = a.date.take() else {
        return;
    };
    let raw = raw.trim().to_string();
    if raw.is_empty() {
        return;
    }
    // Readable or not does not depend on the language, only the order of
    // an all-numeric day and month does.
    if date::parse(&raw, Lang::Fr).is_some() {
        a.date = Some(raw);
        return;
    }
    a.read_notes.push(ReadNote {
        line,
        message: format!("date {raw:?} not understood; kept as written (date_raw), no date stored"),
    });
    a.date_raw = Some(raw);
}

/// The ISO 8601 form of a date [`check_date`] kept, read in the order of
/// the article's language (declared, else detected): "05/03/2024" is
/// 5 March in French, May 3 in English, and day first in the other
/// languages (German, Spanish, Italian... write the day first).
fn iso_date(checked: Option<String>, lang: ArticleLang) -> Option<String> {
    let order = lang.extracted().unwrap_or(Lang::Fr);
    checked.and_then(|d| date::parse(&d, order).map(|d| d.to_string()))
}

/// One thing to read articles from.
#[derive(Debug)]
enum Source {
    Text(PathBuf),
    Html(PathBuf),
    Jsonl(PathBuf),
    Stdin,
}

fn format_of(path: &Path) -> Option<fn(PathBuf) -> Source> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "md" | "markdown" => Some(Source::Text),
        "html" | "htm" | "xhtml" => Some(Source::Html),
        "jsonl" | "ndjson" => Some(Source::Jsonl),
        _ => None,
    }
}

/// What the command-line paths hold: the sources to read, and what was
/// passed over on the way.
#[derive(Default)]
struct Inputs {
    sources: Vec<Source>,
    /// Unreadable paths and directory entries (failed inputs).
    problems: Vec<Error>,
    /// Special files met while walking a directory, with what they are.
    special: Vec<(String, &'static str)>,
    /// Files of other formats in walked directories.
    ignored: usize,
    /// Directories walked (canonical), so that a symlink cycle ends.
    seen: BTreeSet<PathBuf>,
}

/// Turns the command-line paths into sources: directories are walked in
/// sorted order (hidden entries skipped, files of other formats counted,
/// FIFOs, devices and sockets passed over: reading them could block or
/// never end); a file named explicitly is read as text unless it is JSONL
/// (even a FIFO or a device: the user asked for it, and the read is
/// bounded).
fn collect_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.sources.push(Source::Stdin);
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => inputs.walk(p),
            Ok(_) => inputs
                .sources
                .push(format_of(p).unwrap_or(Source::Text)(p.clone())),
            Err(source) => inputs.problems.push(io_error(p, source)),
        }
    }
    inputs
}

impl Inputs {
    fn walk(&mut self, dir: &Path) {
        // A symlink cycle would otherwise walk forever.
        if let Ok(canon) = fs::canonicalize(dir)
            && !self.seen.insert(canon)
        {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(source) => return self.problems.push(io_error(dir, source)),
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => paths.push(e.path()),
                Err(source) => self.problems.push(io_error(dir, source)),
            }
        }
        paths.sort();
        for p in paths {
            if p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            match fs::metadata(&p) {
                Ok(m) if m.is_dir() => self.walk(&p),
                Ok(m) => match format_of(&p) {
                    Some(source) if m.is_file() => self.sources.push(source(p)),
                    Some(_) => self
                        .special
                        .push((p.display().to_string(), special_kind(&m.file_type()))),
                    None => self.ignored += 1,
                },
                Err(source) => self.problems.push(io_error(&p, source)),
            }
        }
    }
}

/// What a file that is neither a regular file nor a directory is.
#[cfg(unix)]
fn special_kind(t: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &fs::FileType) -> &'static str {
    "not a regular file"
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

fn input_error(path: &str, message: &str) -> Error {
    Error::Input {
        path: path.to_string(),
        line: None,
        message: message.to_string(),
    }
}

/// The article of a text or Markdown file's bytes ([`decode`]); an empty
/// one is refused.
fn text_article(path: &str, bytes: &[u8]) -> Result<ReadArticle> {
    let d = decode::decode(path, bytes, decode::Kind::Text)?;
    if d.text.trim().is_empty() {
        return Err(input_error(path, "empty file, skipped"));
    }
    let (article, lang) = txt::parse(path, d.text).map_err(|m| input_error(path, &m))?;
    Ok(ReadArticle {
        note: d.note,
        ..ReadArticle::new(article, lang.map(ArticleLang::from))
    })
}

/// The stream of articles over all sources, opened one at a time.
struct Articles {
    inputs: std::vec::IntoIter<Source>,
    current: Option<Box<dyn Iterator<Item = Item>>>,
    /// [`Options::max_article_bytes`].
    max: u64,
}

impl Iterator for Articles {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(it) = &mut self.current {
                if let Some(item) = it.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let source = self.inputs.next()?;
            match open(source, self.max) {
                Ok(it) => self.current = Some(it),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

fn too_large(path: &str, max: u64) -> Error {
    input_error(
        path,
        &format!(
            "larger than the maximum article size ({max} bytes, --max-article-bytes), skipped"
        ),
    )
}

/// Appends what `reader` holds to `buf`, which may hold `max` bytes at
/// most: beyond that, [`too_large`] (having read one byte more, not the
/// rest, so an endless stream such as /dev/zero ends at once).
fn read_bounded(path: &str, reader: impl Read, buf: &mut Vec<u8>, max: u64) -> Result<()> {
    let room = max.saturating_sub(buf.len() as u64);
    reader
        .take(room.saturating_add(1))
        .read_to_end(buf)
        .map_err(|e| io_error(Path::new(path), e))?;
    if buf.len() as u64 > max {
        return Err(too_large(path, max));
    }
    Ok(())
}

/// The bytes of the file at `p`, `max` at most. A regular file is
/// measured first; anything else (a FIFO, a device) is read up to the
/// bound.
fn read_file(p: &Path, max: u64) -> Result<Vec<u8>> {
    let name = p.display().to_string();
    let file = fs::File::open(p).map_err(|e| io_error(p, e))?;
    let meta = file.metadata().map_err(|e| io_error(p, e))?;
    if meta.is_file() && meta.len() > max {
        return Err(too_large(&name, max));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() {
        meta.len() as usize
    } else {
        0
    });
    read_bounded(&name, file, &mut bytes, max)?;
    Ok(bytes)
}

fn open(source: Source, max: u64) -> Result<Box<dyn Iterator<Item = Item>>> {
    match source {
        Source::Text(p) => {
            let name = p.display().to_string();
            let read = text_article(&name, &read_file(&p, max)?)?;
            Ok(Box::new(std::iter::once(Ok(read))))
        }
        Source::Html(p) => {
            let name = p.display().to_string();
            let page = decode::decode(&name, &read_file(&p, max)?, decode::Kind::Html)?;
            let (article, lang) =
                html::parse(&name, &page.text).map_err(|m| input_error(&name, &m))?;
            Ok(Box::new(std::iter::once(Ok(ReadArticle {
                note: page.note,
                ..ReadArticle::new(article, lang)
            }))))
        }
        Source::Jsonl(p) => {
            let name = p.display().to_string();
            let file = fs::File::open(&p).map_err(|e| io_error(&p, e))?;
            let mut reader = BufReader::with_capacity(1 << 16, file);
            let head = reader.fill_buf().map_err(|e| io_error(&p, e))?;
            let utf16 = decode::jsonl_head(head).map_err(|m| input_error(&name, m))?;
            Ok(jsonl_articles(
                jsonl::Lines::new(as_utf8(reader, utf16), &name, 1).with_max_bytes(max),
            ))
        }
        Source::Stdin => open_stdin(max),
    }
}

/// Standard input is JSONL when its first non-blank line is a JSON object
/// (or, longer than `max`, starts like one), else one text article. At
/// most `max` bytes are read before that is decided.
fn open_stdin(max: u64) -> Result<Box<dyn Iterator<Item = Item>>> {
    let name = "-";
    let mut stdin = BufReader::new(std::io::stdin());
    let first = stdin.fill_buf().map_err(|e| io_error(Path::new(name), e))?;
    let utf16 = decode::jsonl_head(first).ok().flatten();
    let mut reader = as_utf8(stdin, utf16);
    let mut head = Vec::new();
    loop {
        let start = head.len();
        let room = max.saturating_sub(start as u64).saturating_add(1);
        let n = (&mut reader)
            .take(room)
            .read_until(b'\n', &mut head)
            .map_err(|e| io_error(Path::new(name), e))?;
        let cut = head.len() as u64 > max;
        if n == 0 || cut || !head[start..].iter().all(u8::is_ascii_whitespace) {
            let first = &head[start..];
            let is_json = if cut {
                first.trim_ascii_start().starts_with(b"{")
            } else {
                std::str::from_utf8(decode::strip_bom(first)).is_ok_and(|line| {
                    serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(line).is_ok()
                })
            };
            if n > 0 && is_json {
                let rest = std::io::Cursor::new(head).chain(reader);
                return Ok(jsonl_articles(
                    jsonl::Lines::new(BufReader::new(rest), name, 1).with_max_bytes(max),
                ));
            }
            break;
        }
    }
    read_bounded(name, reader, &mut head, max)?;
    let read = text_article(name, &head)?;
    Ok(Box::new(std::iter::once(Ok(read))))
}

/// `reader` as UTF-8: through [`decode::Utf8Reader`] when it is in
/// `utf16` (its byte-order mark first), else as it is.
fn as_utf8<R: BufRead + 'static>(
    reader: R,
    utf16: Option<&'static encoding_rs::Encoding>,
) -> Box<dyn BufRead> {
    match utf16 {
        Some(encoding) => Box::new(BufReader::with_capacity(
            1 << 16,
            decode::Utf8Reader::new(reader, encoding),
        )),
        None => Box::new(reader),
    }
}

/// The articles of JSON Lines (UTF-8 or made so, no decoding note).
fn jsonl_articles(lines: jsonl::Lines<impl BufRead + 'static>) -> Box<dyn Iterator<Item = Item>> {
    Box::new(lines.map(|item| item.map(|(a, lang)| ReadArticle::new(a, lang))))
}
