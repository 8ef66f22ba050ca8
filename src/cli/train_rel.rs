//! `kg train-rel`: trains the relation model on articles with gold graphs
//! and writes it (deterministic: same articles and options, same bytes).
//! The shipped `data/models/relations.tsv` is this command's output on
//! `../shared/data/train/gold` (`tools/train_models.sh`).

use super::gold::{gold_files, read_article};
use crate::eval::learn::{self, TrainOptions};
use crate::extract::{Input, NerUse, analyse, analyse_named};
use crate::model::Map;
use anyhow::Context;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold JSON files or folders holding them (their articles are read
    /// relative to the folder above the gold folder)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Where to write the model
    #[arg(long)]
    pub out: PathBuf,
    #[command(flatten)]
    pub train: TrainArgs,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let files = gold_files(&args.paths)?;
    let mut names: Map<u64, String> = Map::default();
    let mut articles = files
        .iter()
        .map(|f| read_article(f, Some(&mut names)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    args.train.mark_fresh(&files, &mut articles)?;
    let opts = args.train.options();
    let extra = args.train.extra(Some(&mut names))?;
    let refs: Vec<&learn::Article> = articles.iter().collect();
    let extra_refs: Vec<&learn::Article> = extra.iter().collect();
    let model = learn::fit(&refs, &extra_refs, &opts);
    let text = learn::write_model(&model, &names);
    std::fs::write(&args.out, &text).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "kg: wrote {} ({} articles, {} features, platt {:.3} {:.3}, threshold {:.2})",
        args.out.display(),
        articles.len(),
        text.lines().count().saturating_sub(3),
        model.platt.0,
        model.platt.1,
        model.threshold
    );
    Ok(super::exit::OK)
}

/// How the relation model is trained (`kg train-rel`, `kg eval gold --folds`).
#[derive(Debug, Clone, clap::Args)]
pub struct TrainArgs {
    /// Training epochs
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    /// L2 penalty per epoch, spread over each feature's occurrences
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    pub l2: f32,
    /// Drop features seen in fewer candidates than this
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    pub min_count: usize,
    /// Drop features seen in fewer training articles than this
    #[arg(long, default_value_t = TrainOptions::default().min_articles)]
    pub min_articles: usize,
    /// Whether a label's own threshold may be lower than the global one
    #[arg(long, default_value_t = TrainOptions::default().lower_label_thresholds, action = clap::ArgAction::Set)]
    pub lower_label_thresholds: bool,
    /// Weight of a positive example against a negative one
    #[arg(long, default_value_t = TrainOptions::default().positive_weight)]
    pub positive_weight: f32,
    /// Folds over the training articles that choose the calibration and
    /// threshold
    #[arg(long, default_value_t = TrainOptions::default().inner_folds)]
    pub inner_folds: usize,
    /// CrossRE JSON-lines files (train and dev splits) whose sentences are
    /// added to every training set, their labels mapped to the ontology's
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub crossre: Vec<PathBuf>,
    /// Gold files or folders among the training ones whose articles were
    /// read before any pattern was written from them: the patterns'
    /// precision (a pattern relation's confidence), pooled and per label,
    /// is measured on these alone
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub fresh: Vec<PathBuf>,
    /// CrossRE sentences per training article
    #[arg(long, default_value_t = 20, hide = true)]
    pub crossre_per: usize,
}

impl TrainArgs {
    /// Marks the articles read from `files` that lie under a `--fresh`
    /// path; a `--fresh` path that holds none of them is an error.
    pub fn mark_fresh(
        &self,
        files: &[PathBuf],
        articles: &mut [learn::Article],
    ) -> anyhow::Result<()> {
        if self.fresh.is_empty() {
            return Ok(());
        }
        // Compared as absolute paths: "./data/x" names what "data/x" does.
        let real = |p: &PathBuf| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        let files: Vec<PathBuf> = files.iter().map(real).collect();
        for path in &self.fresh {
            let mut any = false;
            let wanted = real(path);
            for (file, a) in files.iter().zip(articles.iter_mut()) {
                if file.starts_with(&wanted) {
                    a.fresh = true;
                    any = true;
                }
            }
            if !any {
                anyhow::bail!(
                    "--fresh {}: none of the training gold files is there (give it among the paths too)",
                    path.display()
                );
            }
        }
        Ok(())
    }

    /// The CrossRE training articles of `--crossre`.
    pub fn extra(
        &self,
        mut names: Option<&mut Map<u64, String>>,
    ) -> anyhow::Result<Vec<learn::Article>> {
        let mut out = Vec::new();
        for path in &self.crossre {
            let src = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let docs = learn::crossre_articles(&src, self.crossre_per.max(1))
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            for (i, (text, gold)) in docs.into_iter().enumerate() {
                let input = Input {
                    text: &text,
                    lang: None,
                };
                let analysis = match names.as_deref_mut() {
                    Some(n) => analyse_named(input, NerUse::DEFAULT, n),
                    None => analyse(input, NerUse::DEFAULT),
                };
                let name = format!("{}#{}", path.display(), i + 1);
                out.push(
                    learn::Article::new(name, gold, analysis)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?,
                );
            }
        }
        Ok(out)
    }

    pub fn options(&self) -> TrainOptions {
        TrainOptions {
            epochs: self.epochs,
            l2: self.l2,
            min_count: self.min_count,
            min_articles: self.min_articles,
            lower_label_thresholds: self.lower_label_thresholds,
            positive_weight: self.positive_weight,
            inner_folds: self.inner_folds,
            ..TrainOptions::default()
        }
    }
}
