//! `kg train-ner`: trains an entity tagger model from labelled CoNLL files
//! and writes it (deterministic: same files and seed, same bytes).

use crate::model::Lang;
use crate::ner::clusters::Clusters;
use crate::ner::conll::Document;
use crate::ner::conll::read_labeled_file;
use crate::ner::format::encode;
use crate::ner::score::score_documents;
use crate::ner::train::{Config, train};
use crate::ner::{Model, Tagger};
use anyhow::Context;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the model: fr or en
    #[arg(long)]
    pub lang: Lang,
    /// Labelled CoNLL training files
    #[arg(long, required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// Labelled CoNLL file scored after every epoch (not trained on)
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Where to write the model
    #[arg(long)]
    pub out: PathBuf,
    /// Epochs of the first (token-level) pass
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seed of the sentence shuffle
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Drop features seen fewer times than this
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Drop features whose largest quantised weight is below this
    #[arg(long, default_value_t = 1)]
    pub prune: i16,
    /// Epochs of the second (document-level) pass; 0 for none
    #[arg(long, default_value_t = 8)]
    pub doc_epochs: usize,
    /// Folds of the jackknife that trains the second pass
    #[arg(long, default_value_t = 4)]
    pub folds: usize,
    /// Word-cluster list (TSV, see data/clusters/README.md) to compute
    /// cluster features from; the model carries it
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// First-pass runs (different shuffles) averaged into one model
    #[arg(long, default_value_t = 1)]
    pub bags: usize,
    /// First-pass runs averaged into each model of the jackknife folds
    /// (default: --bags)
    #[arg(long)]
    pub fold_bags: Option<usize>,
    /// Second-pass (document) runs, different shuffles, averaged into one
    #[arg(long, default_value_t = 1)]
    pub doc_bags: usize,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let t0 = Instant::now();
    let mut data = Vec::new();
    for f in &args.train {
        data.extend(read_labeled_file(f)?);
    }
    let dev: Vec<_> = match &args.dev {
        Some(f) => read_labeled_file(f)?,
        None => Vec::new(),
    };
    let sentences = data.iter().map(Vec::len).sum::<usize>();
    let tokens: usize = data.iter().flatten().map(|s| s.tokens.len()).sum();
    eprintln!(
        "training on {} documents, {sentences} sentences, {tokens} tokens",
        data.len()
    );
    let mut cfg = Config::new(args.lang);
    cfg.epochs = args.epochs;
    cfg.seed = args.seed;
    cfg.min_count = args.min_count;
    cfg.prune = args.prune;
    cfg.doc_epochs = args.doc_epochs;
    cfg.folds = args.folds;
    cfg.bags = args.bags;
    cfg.fold_bags = args.fold_bags;
    cfg.doc_bags = args.doc_bags;
    if let Some(path) = &args.clusters {
        cfg.clusters = Some(Clusters::load(path)?);
    }
    let model = train(&cfg, &data, |e, model| {
        let mut line = format!(
            "pass {} epoch {:>2}: {} token errors ({:.2}%), {} features, {:.0}s",
            e.pass,
            e.epoch,
            e.errors,
            100.0 * e.errors as f64 / e.tokens.max(1) as f64,
            e.features,
            t0.elapsed().as_secs_f64()
        );
        if !dev.is_empty() {
            let f1 = dev_f1(&model(), &dev);
            line.push_str(&format!(", dev F1 {:.2}", 100.0 * f1));
        }
        eprintln!("{line}");
    });
    let bytes = encode(&model);
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} + {} features, {:.1} MB) in {:.0}s",
        args.out.display(),
        model.local.keys.len(),
        model.doc.keys.len(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    Ok(crate::cli::exit::OK)
}

fn dev_f1(model: &Model, dev: &[Document]) -> f64 {
    score_documents(&Tagger::from_model(model), dev, usize::MAX)
        .overall
        .f1()
}
