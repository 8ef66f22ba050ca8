//! `kg bench-tag`: tagging throughput in tokens per second on one core,
//! over fixed corpora of ../shared/data (conll2003 test for English,
//! wikineural_fr test for French), with a baseline measured in the same run
//! on the same tokens: a pass that only lower-cases every token (the floor
//! cost of touching the text), so the tagger's figure is also a ratio.
//!
//! Time is this thread's CPU time (from `/proc/thread-self/stat`, as
//! "tokens per CPU-second"), so other processes on the machine do not count
//! against it; where that file is missing, wall-clock time. Each figure is
//! the best of `--repeat` passes.

use super::tag::load_tagger;
use crate::model::Lang;
use crate::ner::conll::read_labeled_file;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of the shared corpora
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
    /// Timed passes per corpus; the best is reported
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
}

/// This thread's CPU time (user + system) in seconds, if the kernel says.
pub(super) fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Best time in seconds of `repeat` passes of `f`; each pass loops over
/// `f` until it has used at least half a second, so the 10 ms clock tick
/// of CPU time stays small.
fn best(repeat: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let (c0, t0) = (cpu_seconds(), Instant::now());
        let mut runs = 0u32;
        let used = loop {
            black_box(f());
            runs += 1;
            let used = match (c0, cpu_seconds()) {
                (Some(a), Some(b)) => b - a,
                _ => t0.elapsed().as_secs_f64(),
            };
            if used >= 0.5 {
                break used;
            }
        };
        best = best.min(used / f64::from(runs));
    }
    best
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let clock = if cpu_seconds().is_some() {
        "CPU"
    } else {
        "wall-clock"
    };
    println!("tokens per {clock} second, best of {} passes", args.repeat);
    println!("corpus\ttokens\ttagger tok/s\tbaseline tok/s\ttagger/baseline");
    for (lang, file) in [
        (Lang::En, "conll2003/test.conll"),
        (Lang::Fr, "wikineural_fr/test.conll"),
    ] {
        let tagger = load_tagger(lang, None)?;
        let path = args.data.join(file);
        let docs = read_labeled_file(&path)?;
        // Documents of token slices, as ingest hands them to the tagger.
        let toks: Vec<Vec<Vec<&str>>> = docs
            .iter()
            .map(|d| {
                d.iter()
                    .map(|s| s.tokens.iter().map(String::as_str).collect())
                    .collect()
            })
            .collect();
        let docs_refs: Vec<Vec<&[&str]>> = toks
            .iter()
            .map(|d| d.iter().map(Vec::as_slice).collect())
            .collect();
        let sents: Vec<&[&str]> = docs_refs.iter().flatten().copied().collect();
        let n: usize = sents.iter().map(|s| s.len()).sum();
        let tag = best(args.repeat, || {
            docs_refs
                .iter()
                .map(|d| tagger.tag_document(black_box(d)).len())
                .sum()
        });
        let base = best(args.repeat, || {
            sents
                .iter()
                .flat_map(|s| s.iter())
                .map(|t| black_box(t.to_lowercase()).len())
                .sum()
        });
        println!(
            "{file}\t{n}\t{:.0}\t{:.0}\t{:.3}",
            n as f64 / tag,
            n as f64 / base,
            base / tag
        );
    }
    Ok(crate::cli::exit::OK)
}
