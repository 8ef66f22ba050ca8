//! `kg reextract`: extraction run again over the texts the database
//! holds, with the model and lists of this build, no source file needed.
//! Batches of stored articles are extracted in parallel, each article in
//! the language it was stored with, and written back one transaction per
//! batch ([`Store::reextract_batch`]), so an interrupted run leaves every
//! article with either its old facts or its new ones, and the curation
//! rules hold for what is found again.

use super::isolate;
use crate::error::Result;
use crate::extract;
use crate::model::{ArticleId, ArticleLang, Extraction};
use crate::store::{FactKeys, Store, StoredText};
use rayon::prelude::*;

/// Stored articles per transaction unless told otherwise (their texts and
/// extractions are held in memory together).
pub const DEFAULT_BATCH_SIZE: usize = 1024;

/// What happens during a run, for the caller to show.
#[derive(Debug)]
pub enum Progress<'a> {
    /// An article kept its old facts: its extraction failed (a bug, caught)
    /// or did not fit its text.
    Failed { source: &'a str, why: &'a str },
    /// A batch was committed; `done` articles so far.
    Committed { done: usize },
}

/// Counts of a finished run, and the facts it added and removed (keys as
/// [`FactKeys`] spells them, sorted).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub articles: usize,
    pub failed: usize,
    pub entities_added: Vec<String>,
    pub entities_removed: Vec<String>,
    pub relations_added: Vec<String>,
    pub relations_removed: Vec<String>,
}

/// Re-extracts every stored article in French or English, `batch_size`
/// per transaction.
pub fn reextract(
    store: &mut Store,
    batch_size: usize,
    on: &mut dyn FnMut(Progress<'_>),
) -> Result<Summary> {
    let before = store.fact_keys()?;
    let mut summary = Summary::default();
    let mut after = ArticleId(0);
    loop {
        let texts = store.texts_after(after, batch_size.max(1))?;
        let Some(last) = texts.last() else {
            break;
        };
        after = last.id;
        let extracted: Vec<(StoredText, std::result::Result<Extraction, String>)> = texts
            .into_par_iter()
            .map(|t| {
                let ex = isolate::guarded(|| {
                    let mut ex = match t.lang {
                        ArticleLang::Other(other) => Extraction::unextracted(other),
                        ArticleLang::Extracted(lang) => extract::extract(extract::Input {
                            text: &t.text,
                            lang: Some(lang),
                        }),
                    };
                    // Dated as ingest dates them (the stored date is ISO).
                    extract::dated::date_relations(&mut ex, &t.text, t.date.as_deref());
                    ex
                });
                (t, ex)
            })
            .collect();
        let mut batch = Vec::with_capacity(extracted.len());
        for (t, ex) in extracted {
            match ex {
                Ok(ex) => batch.push((t, ex)),
                Err(why) => {
                    summary.failed += 1;
                    let why = format!("extraction failed (internal error: {why}); kept as it was");
                    on(Progress::Failed {
                        source: &t.source,
                        why: &why,
                    });
                }
            }
        }
        let outcomes = store.reextract_batch(&mut batch)?;
        for ((t, _), outcome) in batch.iter().zip(outcomes) {
            match outcome {
                None => summary.articles += 1,
                Some(why) => {
                    summary.failed += 1;
                    on(Progress::Failed {
                        source: &t.source,
                        why: &format!("{why}; kept as it was"),
                    });
                }
            }
        }
        on(Progress::Committed {
            done: summary.articles + summary.failed,
        });
    }
    let now = store.fact_keys()?;
    let diff = |a: &std::collections::BTreeSet<String>, b: &std::collections::BTreeSet<String>| {
        a.difference(b).cloned().collect::<Vec<_>>()
    };
    let FactKeys {
        entities,
        relations,
    } = &before;
    summary.entities_added = diff(&now.entities, entities);
    summary.entities_removed = diff(entities, &now.entities);
    summary.relations_added = diff(&now.relations, relations);
    summary.relations_removed = diff(relations, &now.relations);
    Ok(summary)
}
