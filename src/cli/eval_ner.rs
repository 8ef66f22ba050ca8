//! `kg eval ner FILE.conll`: tags a labelled CoNLL file and prints
//! conlleval-style precision, recall and F1, overall and per type.

use super::tag::load_tagger;
use crate::model::Lang;
use crate::ner::conll::read_labeled_file;
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
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Score only the first N sentences
    #[arg(long, value_name = "N")]
    pub max_sentences: Option<usize>,
}

pub fn run(args: NerArgs) -> anyhow::Result<i32> {
    let tagger = load_tagger(args.lang, args.model.as_ref())?;
    let docs = read_labeled_file(&args.file)?;
    let scores = score_documents(tagger, &docs, args.max_sentences.unwrap_or(usize::MAX));
    std::io::stdout()
        .lock()
        .write_all(scores.report().as_bytes())?;
    Ok(crate::cli::exit::OK)
}
