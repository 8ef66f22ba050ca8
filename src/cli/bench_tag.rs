//! `kg bench-tag`: tagging throughput in tokens per second on one core,
//! over fixed corpora of ../shared/data (conll2003 test for English,
//! wikineural_fr test for French), with a baseline measured in the same run
//! on the same tokens: a pass that only lower-cases every token (the floor
//! cost of touching the text), so the tagger's figure is also a ratio.

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

/// Best time in seconds of `repeat` runs of `f`.
fn best(repeat: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    println!("corpus\ttokens\ttagger tok/s\tbaseline tok/s\ttagger/baseline");
    for (lang, file) in [
        (Lang::En, "conll2003/test.conll"),
        (Lang::Fr, "wikineural_fr/test.conll"),
    ] {
        let tagger = load_tagger(lang, None)?;
        let path = args.data.join(file);
        let sentences: Vec<Vec<String>> = read_labeled_file(&path)?
            .into_iter()
            .flatten()
            .map(|s| s.tokens)
            .collect();
        let sents: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let n: usize = sents.iter().map(Vec::len).sum();
        let tag = best(args.repeat, || {
            sents.iter().map(|s| tagger.tag(black_box(s)).len()).sum()
        });
        let base = best(args.repeat, || {
            sents
                .iter()
                .flatten()
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
