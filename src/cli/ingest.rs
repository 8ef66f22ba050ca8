//! `kg ingest PATH...`: read articles from files, directories and standard
//! input into the database, with a progress bar on a terminal and a summary
//! at the end.

use super::{exit, output};
use crate::ingest::{self, Event, Options};
use crate::model::Lang;
use crate::store::{self, IngestLock, Outcome, Store};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files (.txt, .md, .html, .jsonl), directories (walked recursively) or `-` for standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Language of the articles: fr, en or auto (identify per article, storing one in another language without entities; a JSONL `lang` field or `<html lang>` wins)
    #[arg(long, default_value = "auto", value_parser = parse_lang)]
    pub lang: LangChoice,

    /// The largest article read, in bytes (suffixes K, M, G: KiB, MiB,
    /// GiB); a bigger file, standard input or JSONL line is skipped and
    /// reported
    #[arg(long, default_value = "8M", value_parser = parse_size, value_name = "BYTES")]
    pub max_article_bytes: u64,

    #[command(flatten)]
    pub write: WriteArgs,

    /// Make extraction panic on articles holding TEXT (tests of the
    /// isolation of failures)
    #[arg(long, hide = true, value_name = "TEXT")]
    pub debug_panic_on: Option<String>,
}

/// The options of every command that writes a database (`kg ingest`,
/// `kg load`, `kg merge-db`), flattened into each; [`write`] reads them.
#[derive(Debug, clap::Args)]
pub struct WriteArgs {
    /// Articles per write transaction (extracted or read in windows of at
    /// most 256)
    #[arg(long, default_value_t = crate::ingest::DEFAULT_BATCH_SIZE as u32, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch_size: u32,

    /// Build the secondary indexes once at the end instead of row by row
    /// (a bulk load): auto does so for a new database only, which is built
    /// aside, as PATH-building, and appears at PATH once complete; an
    /// existing one stays readable throughout, each batch once committed.
    /// `yes` bulk-loads an existing database too, which read commands then
    /// refuse until the ingest ends; `no` writes a new one in place
    #[arg(long, value_enum, default_value_t = DeferIndexes::Auto)]
    pub defer_indexes: DeferIndexes,

    /// Seconds to wait for another writer (`kg ingest`, `load` or
    /// `merge-db`) of the same database to finish (one writes at a time);
    /// then give up, having written nothing
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub wait: u64,

    /// Keep the older version of a corrected article (same JSONL id or
    /// URL, new text) beside the new one, numbered, instead of replacing it
    #[arg(long)]
    pub keep_versions: bool,

    /// Skip articles in a language kg does not extract (identified, or
    /// declared by a JSONL `lang`) instead of storing them without
    /// entities
    #[arg(long)]
    pub skip_unsupported: bool,

    /// Print one line per article and extraction notes
    #[arg(short, long)]
    pub verbose: bool,

    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
}

/// `--defer-indexes`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum DeferIndexes {
    Auto,
    Yes,
    No,
}

/// `--lang`: a language or `auto`.
#[derive(Debug, Clone, Copy)]
pub struct LangChoice(pub Option<Lang>);

pub(super) fn parse_lang(s: &str) -> Result<LangChoice, String> {
    if s.eq_ignore_ascii_case("auto") {
        Ok(LangChoice(None))
    } else {
        s.parse().map(|l| LangChoice(Some(l)))
    }
}

/// `--max-article-bytes`: a positive number of bytes, with an optional
/// binary suffix.
pub(super) fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit: u64 = match t[digits.len()..].to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        other => return Err(format!("unknown unit {other:?} (use K, M or G)")),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of bytes"))?;
    match n.checked_mul(unit) {
        Some(0) => Err("must be at least 1 byte".to_string()),
        Some(bytes) => Ok(bytes),
        None => Err(format!("{s:?} is too large")),
    }
}

#[derive(Serialize)]
struct Summary {
    articles_new: usize,
    /// Of the new ones, corrections that replaced an older version.
    articles_replaced: usize,
    articles_skipped: usize,
    articles_failed: usize,
    /// In a language kg does not extract: stored without entities (and
    /// counted in `articles_new`), or skipped with `--skip-unsupported`.
    articles_unsupported: usize,
    files_ignored: usize,
    entities: i64,
    entities_added: i64,
    relations: i64,
    relations_added: i64,
    seconds: f64,
    /// CPU seconds of the store step (hash lookups, writing, committing,
    /// index builds, opening and closing), summed over threads: the rest
    /// of the run's CPU is reading and extraction. 0 where per-thread CPU
    /// clocks cannot be read (Linux only).
    store_cpu_s: f64,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let opts = Options {
        lang: args.lang.0,
        panic_on: args.debug_panic_on,
        max_article_bytes: args.max_article_bytes,
        ..Options::default()
    };
    let paths = args.paths;
    write(db, &args.write, opts, |store, opts, on| {
        ingest::ingest(store, &paths, opts, on)
    })
}

/// The progress bar (on a terminal) and the messages of a run reading
/// articles: what `kg ingest`, `kg load` and `kg extract` show alike.
pub(super) struct Reporter {
    bar: Option<ProgressBar>,
    verbose: bool,
    /// What happens to an article in a language kg does not extract.
    unsupported: &'static str,
}

impl Reporter {
    pub(super) fn new(verbose: bool, unsupported: &'static str) -> Reporter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos} articles ({per_sec}) {elapsed} {wide_msg}",
                )
                .expect("static template is valid"),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Reporter {
            bar,
            verbose,
            unsupported,
        }
    }

    fn say(&self, line: String) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub(super) fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }

    fn tick(&self, source: &str) {
        if let Some(b) = &self.bar {
            b.inc(1);
            b.set_message(source.to_string());
        }
    }

    pub(super) fn event(&self, event: Event<'_>) {
        let verbose = self.verbose;
        match event {
            Event::Problem(e) => self.say(format!("kg: {e}")),
            Event::Passed { path, why } => self.say(format!("kg: {path}: {why}")),
            Event::Note { source, note } if verbose => {
                self.say(format!("kg: {source}: note: {note}"))
            }
            Event::Note { .. } => {}
            Event::Decoded { source, note } => self.say(format!("kg: {source}: note: {note}")),
            Event::Unsupported {
                source,
                lang,
                stored,
            } => self.say(format!(
                "kg: {source}: note: in {} ({}), which kg does not extract (French and English only); {}",
                lang.name(),
                lang.code(),
                if stored {
                    self.unsupported
                } else {
                    "skipped (--skip-unsupported)"
                }
            )),
            Event::Warning {
                source,
                line,
                message,
            } => self.say(match line {
                Some(l) => format!("kg: {source}:{l}: {message}"),
                None => format!("kg: {source}: {message}"),
            }),
            Event::BuildingIndexes => match &self.bar {
                Some(b) => b.set_message("building indexes"),
                None if verbose => self.say("kg: building indexes".into()),
                None => {}
            },
            Event::Extracted { source } => {
                self.tick(source);
                if verbose {
                    self.say(format!("{source}: extracted"));
                }
            }
            Event::Article { source, outcome } => {
                self.tick(source);
                match outcome {
                    Outcome::Failed(why) => self.say(format!("kg: {source}: {why}; skipped")),
                    Outcome::New(id) if verbose => {
                        self.say(format!("{source}: new (article #{id})"))
                    }
                    Outcome::Replaced(id, old) => self.say(format!(
                        "{source}: corrected version (article #{id}) replaces article{} {}",
                        if old.len() > 1 { "s" } else { "" },
                        old.iter()
                            .map(|o| format!("#{o}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                    Outcome::Skipped(id) if verbose => {
                        self.say(format!("{source}: skipped (same text as article #{id})"))
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Runs `step` on the database at `db` as one writer, as the options `w`
/// say: takes the ingest lock (waiting up to `--wait`), opens the
/// database (a new one built aside), counts what `step` added and prints
/// the summary. `opts` holds what the command reads; `w` sets the rest.
pub(super) fn write(
    db: &Path,
    w: &WriteArgs,
    opts: Options,
    step: impl FnOnce(
        &mut Store,
        &Options,
        &mut dyn FnMut(Event<'_>),
    ) -> crate::error::Result<ingest::Summary>,
) -> anyhow::Result<i32> {
    let started = Instant::now();
    quiet_caught_panics();
    // Held until the run ends, after the database is closed.
    let _lock = lock(db, w.wait)?;
    let absent = !db.exists();
    let aside = !matches!(w.defer_indexes, DeferIndexes::No) && store::is_new(db);
    // The store's own CPU beside the step's (opening, counting, closing).
    let mut store_cpu = Duration::ZERO;
    let mut store = ingest::add_cpu(&mut store_cpu, || {
        if aside {
            Store::build_new(db)
        } else {
            Store::open(db)
        }
    })
    .map_err(super::at_db(db))?;
    store.keep_versions(w.keep_versions);
    let (entities_before, relations_before) = ingest::add_cpu(&mut store_cpu, || store.totals())?;
    let reporter = Reporter::new(w.verbose, "stored without entities");
    let skip_unsupported = w.skip_unsupported;
    let opts = Options {
        batch_size: w.batch_size as usize,
        skip_unsupported,
        // Only where no committed article becomes unreadable: a database
        // built aside is nobody's yet.
        defer_indexes: match w.defer_indexes {
            DeferIndexes::Auto => aside,
            DeferIndexes::Yes => true,
            DeferIndexes::No => false,
        },
        ..opts
    };
    let result = step(&mut store, &opts, &mut |e| reporter.event(e));
    reporter.finish();
    let s = result.map_err(|e| {
        let e = anyhow::Error::new(e);
        if aside {
            e.context(format!(
                "{}: not created, nothing was stored (a new database is built aside and only moved into place once complete)",
                db.display()
            ))
        } else {
            e
        }
    })?;
    let (entities, relations) = ingest::add_cpu(&mut store_cpu, || store.totals())?;
    if s.new == 0 && aside {
        // Dropped unfinished: the side file goes, no empty database appears.
        drop(store);
    } else {
        ingest::add_cpu(&mut store_cpu, || store.close_writer())?;
        if s.new == 0 && absent {
            // Written in place (--defer-indexes no) and nothing stored.
            std::fs::remove_file(db)
                .with_context(|| format!("{}: remove the empty database", db.display()))?;
        }
    }
    let summary = Summary {
        articles_new: s.new,
        articles_replaced: s.replaced,
        articles_skipped: s.skipped,
        articles_failed: s.failed,
        articles_unsupported: s.unsupported,
        files_ignored: s.ignored,
        entities,
        entities_added: entities - entities_before,
        relations,
        relations_added: relations - relations_before,
        seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        store_cpu_s: ((store_cpu + s.store_cpu).as_secs_f64() * 1000.0).round() / 1000.0,
    };
    if w.json {
        output::print_json(&summary)?;
    } else {
        let mut ignored = if s.ignored > 0 {
            format!(" ({} files of other formats ignored)", s.ignored)
        } else {
            String::new()
        };
        if s.unsupported > 0 {
            ignored.push_str(&format!(
                "; {} in other languages, {}",
                s.unsupported,
                if skip_unsupported {
                    "skipped"
                } else {
                    "stored without entities"
                }
            ));
        }
        output::print_lines(&format!(
            "articles:  {} new, {} skipped, {} failed{ignored}\n\
             entities:  {} ({:+})\n\
             relations: {} ({:+})\n\
             time:      {:.3} s\n",
            s.new,
            s.skipped,
            s.failed,
            entities,
            summary.entities_added,
            relations,
            summary.relations_added,
            summary.seconds
        ))?;
    }
    if s.new + s.skipped == 0 && !(skip_unsupported && s.unsupported > 0) {
        eprintln!("kg: nothing could be ingested");
        return Ok(exit::FAILURE);
    }
    if s.failed > 0 {
        return Ok(exit::SOME_FAILED);
    }
    Ok(exit::OK)
}

/// Takes the ingest lock of `db` ([`IngestLock`]), waiting up to `wait`
/// seconds for another ingest to release it, and saying so once.
pub(super) fn lock(db: &Path, wait: u64) -> anyhow::Result<IngestLock> {
    let started = Instant::now();
    let mut said = false;
    loop {
        if let Some(lock) = IngestLock::try_acquire(db)? {
            return Ok(lock);
        }
        if started.elapsed() >= Duration::from_secs(wait) {
            anyhow::bail!(
                "{}: another writer (kg ingest, load or merge-db) is still writing it after {wait} s; nothing was written (see --wait)",
                db.display()
            );
        }
        if !said {
            let pid = IngestLock::holder(db).map_or(String::new(), |p| format!(" PID {p}"));
            eprintln!(
                "kg: waiting for the writer{pid} (another kg ingest, load or merge-db) on {} (up to {wait} s, --wait)",
                db.display()
            );
            said = true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Installs a panic hook that leaves the panics of extraction, which the
/// ingest catches and reports as failed inputs ([`ingest::isolate`]),
/// unprinted; any other panic prints as usual.
pub(super) fn quiet_caught_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !ingest::isolate::caught(info) {
            default(info);
        }
    }));
}
