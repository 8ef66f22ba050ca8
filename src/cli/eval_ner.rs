//! `kg eval ner FILE.conll`: tags a labelled CoNLL file and prints
//! conlleval-style precision, recall and F1, overall and per type; with
//! `--pipeline`, scores the whole extraction instead of the tagger alone.

use super::tag::load_tagger;
use crate::model::Lang;
use crate::ner::conll::{Line, classify, read_labeled};
use crate::ner::score::score_documents;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct NerArgs {
    /// Labelled CoNLL file (`token<TAB>...<TAB>TAG`)
    pub file: PathBuf,
    /// Language of the text: fr or en
    #[arg(long)]
    pub lang: Lang,
    /// A model file instead of the shipped one
    #[arg(long, value_name = "FILE", conflicts_with = "pipeline")]
    pub model: Option<PathBuf>,
    /// Score only the first N sentences
    #[arg(long, value_name = "N")]
    pub max_sentences: Option<usize>,
    /// Score the whole extraction (rules, tagger, resolution) on the text
    /// rebuilt from the tokens, not the tagger alone
    #[arg(long)]
    pub pipeline: bool,
    /// With --pipeline: list each sentence's missed and spurious spans
    /// after the scores
    #[arg(short, long, requires = "pipeline")]
    pub verbose: bool,
}

pub fn run(args: NerArgs) -> anyhow::Result<i32> {
    let path = args.file.display().to_string();
    let text = std::fs::read_to_string(&args.file).map_err(|source| crate::error::Error::Io {
        path: path.clone(),
        source,
    })?;
    let docs = read_labeled(&text, &path)?;
    let max = args.max_sentences.unwrap_or(usize::MAX);
    let mut errors = String::new();
    let tagger = load_tagger(args.lang, args.model.as_ref())?;
    let report = if args.pipeline {
        let marked = text.lines().any(|l| classify(l) == Line::DocStart);
        let docs = crate::eval::ner::documents(&docs, marked, max);
        let (alone, whole) = crate::eval::ner::score_pipeline(
            &docs,
            args.lang,
            tagger,
            args.verbose.then_some(&mut errors),
        );
        format!(
            "tagger alone (same documents and conventions):\n{}\nwhole extraction:\n{}{errors}",
            alone.report(),
            whole.report()
        )
    } else {
        score_documents(tagger, &docs, max).report()
    };
    std::io::stdout().lock().write_all(report.as_bytes())?;
    Ok(crate::cli::exit::OK)
}
