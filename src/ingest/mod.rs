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
//!
//! [`load`] stores facts lines ([`Facts`], written by [`extract_facts`],
//! `kg extract`) through the same store step ([`store_all`]), parsing
//! them where [`ingest`] extracts: the same articles give the same
//! database either way.

pub mod decode;
pub mod html;
pub mod isolate;
pub mod jsonl;
pub mod reextract;
pub mod txt;

use crate::error::{Error, Result};
use crate::extract;
use crate::extract::date;
use crate::model::facts::Facts;
use crate::model::{ArticleLang, ArticleRecord, Extraction, Lang, OtherLang, ReadNote};
use crate::store::{Outcome, Store, content_hash};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    /// A relation model to decide typed relations with instead of the
    /// shipped one (`kg extract --relation-model`, hidden: how a model
    /// trained aside is read on new text before it ships).
    pub relation_model: Option<&'static crate::extract::classify::Model>,
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
            relation_model: None,
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
    /// `kg extract` wrote an article's facts ([`extract_facts`]).
    Extracted { source: &'a str },
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
    /// CPU time of the store step (finding stored hashes, writing,
    /// committing, building deferred indexes), summed over the threads
    /// that ran it ([`thread_cpu`]): the rest of a run's CPU is reading
    /// and extraction, the share `kg extract` does alone (`kg bench run`
    /// compares them). Zero where threads' CPU clocks cannot be read.
    pub store_cpu: Duration,
}

/// The CPU time the calling thread has run so far (the thread's CPU
/// clock, `CLOCK_THREAD_CPUTIME_ID`: a call into the vDSO on Linux, no
/// system call, cheap enough for every article); None where it cannot
/// be read.
pub fn thread_cpu() -> Option<Duration> {
    cpu_time::ThreadTime::try_now()
        .ok()
        .map(|t| t.as_duration())
}

/// Runs `f`, adding the CPU time the calling thread spent in it to `acc`.
pub fn add_cpu<T>(acc: &mut Duration, f: impl FnOnce() -> T) -> T {
    let before = thread_cpu();
    let out = f();
    if let (Some(a), Some(b)) = (before, thread_cpu()) {
        *acc += b.saturating_sub(a);
    }
    out
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
    let (mut summary, mut items) = open_inputs(paths, opts, on);
    let admit =
        |store: &Store, read: ReadArticle, on: &mut dyn FnMut(Event<'_>), summary: &mut Summary| {
            let (a, lang, note) = take_notes(read, on);
            let hash = content_hash(&a.text);
            if let Some(id) = add_cpu(&mut summary.store_cpu, || store.find_hash(&hash))? {
                summary.skipped += 1;
                on(Event::Article {
                    source: &a.source,
                    outcome: &Outcome::Skipped(id),
                });
                return Ok(None);
            }
            Ok(Some(to_extract(a, lang, note, opts, on)))
        };
    let work = |(a, lang)| extract_one(a, lang, opts);
    store_all(store, &mut items, admit, work, opts, on, &mut summary)?;
    Ok(summary)
}

/// An article admitted to extraction: its decoding note reported, its
/// language the one it declared, else `--lang`'s (None: detect it); with
/// its size in bytes, which bounds a window.
fn to_extract(
    a: ArticleRecord,
    lang: Option<ArticleLang>,
    note: Option<String>,
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
) -> ((ArticleRecord, Option<ArticleLang>), usize) {
    if let Some(note) = &note {
        on(Event::Decoded {
            source: &a.source,
            note,
        });
    }
    let bytes = a.text.len();
    ((a, lang.or(opts.lang.map(ArticleLang::from))), bytes)
}

/// Extracts the articles of `paths` without a store, handing each
/// article's facts line ([`Facts`]) to `out`, in input order. Extraction
/// and the making of lines run in parallel windows, as in [`ingest`].
pub fn extract_facts(
    paths: &[PathBuf],
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
    out: &mut dyn FnMut(&str) -> Result<()>,
) -> Result<Summary> {
    let (mut summary, mut items) = open_inputs(paths, opts, on);
    loop {
        let admit = |read: ReadArticle, on: &mut dyn FnMut(Event<'_>), _: &mut Summary| {
            let (a, lang, note) = take_notes(read, on);
            Ok(Some(to_extract(a, lang, note, opts, on)))
        };
        let (todo, exhausted) = window(&mut items, WINDOW, on, &mut summary, admit)?;
        let lines: Vec<Result<(String, ArticleLang, String)>> = todo
            .into_par_iter()
            .map(|(a, lang)| {
                extract_one(a, lang, opts).map(|(a, ex)| {
                    let line = match ex.lang {
                        ArticleLang::Other(_) if opts.skip_unsupported => String::new(),
                        _ => Facts::new(&a, &ex).to_line(),
                    };
                    (a.source, ex.lang, line)
                })
            })
            .collect();
        for line in lines {
            match line {
                Ok((source, lang, line)) => {
                    if let ArticleLang::Other(lang) = lang {
                        summary.unsupported += 1;
                        on(Event::Unsupported {
                            source: &source,
                            lang,
                            stored: !opts.skip_unsupported,
                        });
                    }
                    if !line.is_empty() {
                        out(&line)?;
                        summary.new += 1;
                        on(Event::Extracted { source: &source });
                    }
                }
                Err(e) => {
                    summary.failed += 1;
                    on(Event::Problem(&e));
                }
            }
        }
        if exhausted {
            return Ok(summary);
        }
    }
}

/// Extracts one article handed over whole (the Python package's
/// `kg.extract`) into its facts line, the line [`extract_facts`] writes
/// for a JSONL line with the same fields: its date read as that line's
/// is, extracted in `lang` (None: detected). Also returns what reading
/// noticed (a date not understood, kept as `date_raw`).
pub fn extract_record(mut a: ArticleRecord, lang: Option<Lang>) -> Result<(String, Vec<ReadNote>)> {
    check_date(&mut a, None);
    let notes = std::mem::take(&mut a.read_notes);
    let (a, ex) = extract_one(a, lang.map(ArticleLang::from), &Options::default())?;
    Ok((Facts::new(&a, &ex).to_line(), notes))
}

/// Stores the facts lines of `paths` (files of [`Facts`], `-` for
/// standard input) as [`ingest`] stores the articles they were extracted
/// from: lines are read in order and parsed in parallel windows while the
/// previous window is written. A bad line is reported with its file and
/// line and skipped.
pub fn load(
    store: &mut Store,
    paths: &[PathBuf],
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut lines = FactsLines {
        paths: paths.iter(),
        current: None,
        max: opts.max_article_bytes.saturating_mul(FACTS_PER_TEXT_BYTE),
    };
    let admit = |_: &Store, line: RawLine, _: &mut dyn FnMut(Event<'_>), _: &mut Summary| {
        let bytes = line.text.len();
        Ok(Some((line, bytes)))
    };
    let work = |line: RawLine| {
        Facts::parse(&line.text)
            .and_then(Facts::into_extraction)
            .map_err(|message| Error::Input {
                path: line.path.clone(),
                line: Some(line.line),
                message,
            })
    };
    store_all(store, &mut lines, admit, work, opts, on, &mut summary)?;
    Ok(summary)
}

/// Stores the articles of the databases at `dbs` into `store`, one
/// database after the other, each in its id order, through the same store
/// step as [`load`]: each article as the facts line `kg extract` would
/// have written ([`Store::each_article_facts`], read on a thread of its
/// own while the previous window is written). Entities merge by type and
/// key, articles by text hash, as in one ingest of them all. The curation
/// of a curated database (its rules and log) is adopted first
/// ([`Store::adopt_curation`], in input order: a later decision about
/// the same entity wins), so its decisions apply to every article merged,
/// whichever database it comes from; `store` must then hold no article
/// yet, else it is refused before anything is written.
pub fn merge_dbs(
    store: &mut Store,
    dbs: &[PathBuf],
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
) -> Result<Summary> {
    let mut curated = Vec::new();
    for db in dbs {
        if Store::open_read_only(db)?.has_decisions()? {
            curated.push(db);
        }
    }
    if let Some(db) = curated.first()
        && store.has_articles()?
    {
        return Err(Error::Refused {
            message: format!(
                "{}: curated (it records curation decisions), and the database merged into holds articles already, which its decisions would not reach; merge curated databases into a new database; nothing was written",
                db.display()
            ),
        });
    }
    for db in curated {
        store.adopt_curation(db)?;
    }
    let mut summary = Summary::default();
    let mut items = dbs.iter().flat_map(|db| stored_facts(db.clone()));
    let admit =
        |_: &Store, item: (String, Facts), _: &mut dyn FnMut(Event<'_>), _: &mut Summary| {
            let bytes = item.1.article.text.len();
            Ok(Some((item, bytes)))
        };
    let work = |(db, facts): (String, Facts)| {
        facts.into_extraction().map_err(|message| Error::Input {
            path: db,
            line: None,
            message,
        })
    };
    store_all(store, &mut items, admit, work, opts, on, &mut summary)?;
    Ok(summary)
}

/// The facts of every article of the database at `db`, read on a thread
/// a window ahead of their writing.
fn stored_facts(db: PathBuf) -> impl Iterator<Item = Result<(String, Facts)>> {
    let (tx, rx) = std::sync::mpsc::sync_channel(WINDOW);
    std::thread::spawn(move || {
        let name = db.display().to_string();
        let read = Store::open_read_only(&db).and_then(|src| {
            src.each_article_facts(&mut |facts| {
                // The receiver gone (the run stopped): stop reading.
                tx.send(Ok((name.clone(), facts)))
                    .map_err(|_| Error::Refused {
                        message: "merge stopped".to_string(),
                    })
            })
        });
        if let Err(e) = read {
            let _ = tx.send(Err(e));
        }
    });
    rx.into_iter()
}

/// A facts line's bytes per byte of its article's text at most: the text
/// is there once, escaped (six bytes for a control character at worst),
/// and the facts about it take less room than it does.
const FACTS_PER_TEXT_BYTE: u64 = 16;

/// One line of a facts file, not parsed yet.
struct RawLine {
    path: String,
    line: usize,
    text: String,
}

/// The non-blank lines of facts files, one file after the other.
struct FactsLines<'a> {
    paths: std::slice::Iter<'a, PathBuf>,
    current: Option<(String, usize, Box<dyn BufRead>)>,
    max: u64,
}

impl Iterator for FactsLines<'_> {
    type Item = Result<RawLine>;

    fn next(&mut self) -> Option<Result<RawLine>> {
        loop {
            let Some((path, line, reader)) = &mut self.current else {
                let p = self.paths.next()?;
                let name = p.display().to_string();
                let reader: Box<dyn BufRead> = if p.as_os_str() == "-" {
                    Box::new(BufReader::new(std::io::stdin()))
                } else {
                    match fs::File::open(p) {
                        Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                        Err(e) => return Some(Err(io_error(p, e))),
                    }
                };
                self.current = Some((name, 0, reader));
                continue;
            };
            let mut buf = Vec::new();
            *line += 1;
            let read = reader
                .take(self.max.saturating_add(1))
                .read_until(b'\n', &mut buf);
            let at = |message: String| Error::Input {
                path: path.clone(),
                line: Some(*line),
                message,
            };
            match read {
                Err(e) => {
                    let e = io_error(Path::new(path), e);
                    self.current = None;
                    return Some(Err(e));
                }
                Ok(0) => self.current = None,
                Ok(_) if buf.len() as u64 > self.max && !buf.ends_with(b"\n") => {
                    // The rest of the line is not read: the file stops here.
                    let e = at(format!(
                        "line longer than {} bytes (16 x --max-article-bytes); the rest of the file is skipped",
                        self.max
                    ));
                    self.current = None;
                    return Some(Err(e));
                }
                Ok(_) => match String::from_utf8(buf) {
                    Err(_) => return Some(Err(at("not UTF-8".to_string()))),
                    Ok(text) if text.trim().is_empty() => {}
                    Ok(text) => {
                        return Some(Ok(RawLine {
                            path: path.clone(),
                            line: *line,
                            text,
                        }));
                    }
                },
            }
        }
    }
}

/// The sources of `paths` as a stream of articles read, and a summary
/// that counts what could not be opened (reported through `on`).
fn open_inputs(
    paths: &[PathBuf],
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
) -> (Summary, Articles) {
    let inputs = collect_inputs(paths);
    let mut summary = Summary {
        ignored: inputs.ignored,
        ..Summary::default()
    };
    for p in &inputs.problems {
        summary.failed += 1;
        on(Event::Problem(p));
    }
    for (path, why) in &inputs.passed {
        on(Event::Passed { path, why });
    }
    let items = Articles {
        inputs: inputs.sources.into_iter(),
        current: None,
        max: opts.max_article_bytes,
    };
    (summary, items)
}

/// An article read: its reading notes reported, its record, the language
/// its source declares and how it was decoded.
fn take_notes(
    read: ReadArticle,
    on: &mut dyn FnMut(Event<'_>),
) -> (ArticleRecord, Option<ArticleLang>, Option<String>) {
    let ReadArticle {
        article: mut a,
        lang,
        note,
    } = read;
    for n in std::mem::take(&mut a.read_notes) {
        on(Event::Warning {
            source: &a.source,
            line: n.line,
            message: &n.message,
        });
    }
    (a, lang, note)
}

/// Extracts one article in `lang` (None: detect it), its date made ISO in
/// the language found. A panic (a bug) is caught: the article fails alone.
fn extract_one(
    mut a: ArticleRecord,
    lang: Option<ArticleLang>,
    opts: &Options,
) -> Result<(ArticleRecord, Extraction)> {
    let ex = isolate::guarded(|| {
        if let Some(m) = &opts.panic_on
            && a.text.contains(m.as_str())
        {
            panic!("--debug-panic-on {m:?} matched");
        }
        let mut ex = match lang {
            Some(ArticleLang::Other(other)) => Extraction::unextracted(other),
            _ => {
                let input = extract::Input {
                    text: &a.text,
                    lang: lang.and_then(ArticleLang::extracted),
                };
                match opts.relation_model {
                    Some(m) => extract::extract_with(
                        input,
                        extract::Options {
                            relations: extract::Relations::Model(m),
                            ..extract::Options::default()
                        },
                    ),
                    None => extract::extract(input),
                }
            }
        };
        // Relations dated by their sentences, else the article.
        let day = iso_date(a.date.clone(), ex.lang);
        extract::dated::date_relations(&mut ex, &a.text, day.as_deref());
        ex
    });
    match ex {
        Ok(ex) => {
            a.date = iso_date(a.date.take(), ex.lang);
            Ok((a, ex))
        }
        Err(why) => Err(input_error(
            &a.source,
            &format!("extraction failed (internal error: {why}); skipped"),
        )),
    }
}

/// Reads the next window: up to `batch` items `admit` keeps (or
/// [`WINDOW_BYTES`] of them), reporting the others and the bad ones.
/// Also says whether `items` ran out.
#[allow(clippy::type_complexity)]
fn window<In, Todo>(
    items: &mut dyn Iterator<Item = Result<In>>,
    batch: usize,
    on: &mut dyn FnMut(Event<'_>),
    summary: &mut Summary,
    mut admit: impl FnMut(In, &mut dyn FnMut(Event<'_>), &mut Summary) -> Result<Option<(Todo, usize)>>,
) -> Result<(Vec<Todo>, bool)> {
    let mut todo = Vec::with_capacity(batch);
    let mut bytes = 0;
    while todo.len() < batch && bytes < WINDOW_BYTES {
        match items.next() {
            None => return Ok((todo, true)),
            Some(Err(e)) => {
                summary.failed += 1;
                on(Event::Problem(&e));
            }
            Some(Ok(item)) => {
                if let Some((t, size)) = admit(item, on, summary)? {
                    bytes += size;
                    todo.push(t);
                }
            }
        }
    }
    Ok((todo, false))
}

/// The store step of [`ingest`] and [`load`], one path for both: each
/// window of `items` that `admit` keeps is turned into articles and their
/// extractions by `work` in parallel while the previous window is
/// written; the writer commits every `opts.batch_size` articles and only
/// then reports them. With [`Options::defer_indexes`], the indexes are
/// dropped first and built at the end (also after a failure).
#[allow(clippy::type_complexity)]
fn store_all<In, Todo: Send>(
    store: &mut Store,
    items: &mut dyn Iterator<Item = Result<In>>,
    mut admit: impl FnMut(
        &Store,
        In,
        &mut dyn FnMut(Event<'_>),
        &mut Summary,
    ) -> Result<Option<(Todo, usize)>>,
    work: impl Fn(Todo) -> Result<(ArticleRecord, Extraction)> + Sync,
    opts: &Options,
    on: &mut dyn FnMut(Event<'_>),
    summary: &mut Summary,
) -> Result<()> {
    let defer = opts.defer_indexes;
    if defer {
        store.defer_indexes()?;
    }
    let written = write_all(store, items, &mut admit, &work, opts, on, summary);
    if defer {
        // Also after a failure: what was committed stays readable.
        on(Event::BuildingIndexes);
        let built = add_cpu(&mut summary.store_cpu, || store.build_indexes());
        written.and(built)
    } else {
        written
    }
}

/// Works through and writes every item of `items` ([`store_all`]).
#[allow(clippy::type_complexity)]
fn write_all<In, Todo: Send>(
    store: &mut Store,
    items: &mut dyn Iterator<Item = Result<In>>,
    admit: &mut impl FnMut(
        &Store,
        In,
        &mut dyn FnMut(Event<'_>),
        &mut Summary,
    ) -> Result<Option<(Todo, usize)>>,
    work: &(impl Fn(Todo) -> Result<(ArticleRecord, Extraction)> + Sync),
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
        let (todo, exhausted) = {
            let reader: &Store = store;
            window(items, batch, on, summary, |item, on, summary| {
                admit(reader, item, on, summary)
            })?
        };
        let mut writing = std::mem::take(&mut pending);
        // The commit applies the transaction's graph facts (the bulk of the
        // writer's work), so it runs beside the next window's work.
        let last = exhausted && todo.is_empty();
        let commit = last || unreported.len() + writing.len() >= per_transaction;
        let (written, worked) = rayon::join(
            || {
                let mut spent = Duration::ZERO;
                let outcomes = add_cpu(&mut spent, || {
                    let outcomes = store.write_uncommitted_taking(&mut writing)?;
                    if commit {
                        store.commit()?;
                    }
                    Ok::<_, Error>(outcomes)
                })?;
                Ok::<_, Error>((writing, outcomes, spent))
            },
            || todo.into_par_iter().map(work).collect::<Vec<_>>(),
        );
        let (written, outcomes, spent) = written?;
        summary.store_cpu += spent;
        // A bad item (a panic in extraction, a bad facts line) costs
        // itself only.
        let ready = worked
            .into_iter()
            .filter_map(|item| match item {
                Ok((a, ex)) => match ex.lang {
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
                Err(e) => {
                    summary.failed += 1;
                    on(Event::Problem(&e));
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
        pending = ready;
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
    /// Files met while walking a directory that are passed over, with
    /// why: FIFOs, devices, sockets, and the folder's own documentation.
    passed: Vec<(String, String)>,
    /// Files of other formats in walked directories.
    ignored: usize,
    /// Directories walked (canonical), so that a symlink cycle ends.
    seen: BTreeSet<PathBuf>,
}

/// Turns the command-line paths into sources: directories are walked in
/// sorted order (hidden entries skipped, files of other formats counted,
/// FIFOs, devices and sockets passed over: reading them could block or
/// never end; a folder's own documentation, `README.md` or `LICENSE.txt`,
/// passed over too: it describes the articles, it is not one); a file
/// named explicitly is read as text unless it is JSONL
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
                    Some(_) if m.is_file() && is_folder_doc(&p) => self.passed.push((
                        p.display().to_string(),
                        "the folder's documentation, not an article; skipped \
                         (name the file to ingest it)"
                            .to_string(),
                    )),
                    Some(source) if m.is_file() => self.sources.push(source(p)),
                    Some(_) => self.passed.push((
                        p.display().to_string(),
                        format!(
                            "{}, not a regular file; skipped",
                            special_kind(&m.file_type())
                        ),
                    )),
                    None => self.ignored += 1,
                },
                Err(source) => self.problems.push(io_error(&p, source)),
            }
        }
    }
}

/// Whether a file met in a walked folder is that folder's documentation
/// (`README.md`, `LICENSE.txt`, `CHANGELOG.md`...: the stem, in any case),
/// which a folder of articles often holds beside them.
fn is_folder_doc(path: &Path) -> bool {
    const DOCS: [&str; 9] = [
        "readme",
        "license",
        "licence",
        "copying",
        "changelog",
        "contributing",
        "authors",
        "notice",
        "attribution",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| DOCS.iter().any(|d| s.eq_ignore_ascii_case(d)))
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
