//! The gold files `kg eval gold` and `kg train-rel` read: each a gold graph
//! (JSON) naming its article, which is read and analysed up to its relation
//! candidates.

use crate::eval::gold::GoldFile;
use crate::eval::learn::Article;
use crate::extract::{Input, NerUse, analyse, analyse_named};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

/// The gold `.json` files of `paths` (folders read in name order).
pub fn gold_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        bail!(
            "no gold .json files in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(files)
}

/// Reads a gold file and its article, and analyses the article up to its
/// relation candidates (feature names into `names` when given).
pub fn read_article(
    file: &Path,
    names: Option<&mut crate::model::Map<u64, String>>,
) -> anyhow::Result<Article> {
    let raw =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let g: GoldFile = serde_json::from_str(&raw)
        .with_context(|| format!("{}: not a gold file", file.display()))?;
    let base = file
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let text_path = base.join(&g.article);
    let text = std::fs::read_to_string(&text_path).with_context(|| {
        format!(
            "{}: reading its article {}",
            file.display(),
            text_path.display()
        )
    })?;
    let input = Input {
        text: &text,
        lang: None,
    };
    let analysis = match names {
        Some(n) => analyse_named(input, NerUse::DEFAULT, n),
        None => analyse(input, NerUse::DEFAULT),
    };
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Article::new(name, g, analysis).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))
}
