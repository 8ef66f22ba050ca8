//! `kg tag`: CoNLL tokens on standard input, `token<TAB>TAG` lines out, with
//! the input's tokenisation, sentence breaks and `-DOCSTART-` lines kept
//! (interfaces.md).

use crate::model::Lang;
use crate::ner::conll::{Line, classify};
use crate::ner::{DOC_SENTENCES, Tagger};
use anyhow::{Context, bail};
use clap::ValueEnum;
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One `token<TAB>TAG` per line, blank line between sentences
    Conll,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the text: fr or en
    #[arg(long)]
    pub lang: Lang,
    /// Output format
    #[arg(long, value_enum, default_value = "conll")]
    pub format: Format,
    /// A model file instead of the shipped one
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
}

/// The tagger for `lang`: the shipped one, or `model` checked to be for
/// `lang`.
pub(crate) fn load_tagger(lang: Lang, model: Option<&PathBuf>) -> anyhow::Result<&'static Tagger> {
    let Some(path) = model else {
        return Ok(Tagger::builtin(lang));
    };
    let t = Tagger::load(path)?;
    if t.lang() != lang {
        bail!("model {} is for {}, not {lang}", path.display(), t.lang());
    }
    // The process ends soon after; a leaked tagger is simply its lifetime.
    Ok(Box::leak(Box::new(t)))
}

/// The lines of the document being read: tokens (`Some`) to tag, blank
/// lines (`None`, written back as read).
#[derive(Default)]
struct Pending {
    lines: Vec<Result<String, String>>,
    sentences: usize,
    in_sentence: bool,
}

impl Pending {
    /// Tags the pending document and writes it out.
    fn flush(&mut self, tagger: &Tagger, out: &mut impl Write) -> std::io::Result<()> {
        let mut sentences: Vec<Vec<&str>> = Vec::new();
        let mut open = false;
        for l in &self.lines {
            match l {
                Ok(tok) if open => sentences
                    .last_mut()
                    .expect("an open sentence exists")
                    .push(tok),
                Ok(tok) => {
                    sentences.push(vec![tok]);
                    open = true;
                }
                Err(_) => open = false,
            }
        }
        let refs: Vec<&[&str]> = sentences.iter().map(Vec::as_slice).collect();
        let mut tags = tagger.tag_document(&refs).into_iter().flatten();
        for l in &self.lines {
            match l {
                Ok(tok) => {
                    let tag = tags.next().expect("one tag per token");
                    writeln!(out, "{tok}\t{tag}")?;
                }
                Err(blank) => writeln!(out, "{blank}")?,
            }
        }
        self.lines.clear();
        self.sentences = 0;
        self.in_sentence = false;
        Ok(())
    }
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let tagger = load_tagger(args.lang, args.model.as_ref())?;
    let Format::Conll = args.format;
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut doc = Pending::default();
    for (n, line) in stdin.lines().enumerate() {
        let line = line.with_context(|| format!("reading standard input, line {}", n + 1))?;
        let kept = line.strip_suffix('\r').unwrap_or(&line);
        match classify(&line) {
            Line::Token(tok, _) => {
                if !doc.in_sentence {
                    // A document longer than the tagger's chunk is tagged
                    // chunk by chunk, as the tagger itself would.
                    if doc.sentences == DOC_SENTENCES {
                        doc.flush(tagger, &mut out)?;
                    }
                    doc.sentences += 1;
                    doc.in_sentence = true;
                }
                doc.lines.push(Ok(tok.to_string()));
            }
            Line::Break => {
                doc.in_sentence = false;
                doc.lines.push(Err(kept.to_string()));
            }
            Line::DocStart => {
                doc.flush(tagger, &mut out)?;
                writeln!(out, "{kept}")?;
            }
        }
    }
    doc.flush(tagger, &mut out)?;
    out.flush()?;
    Ok(crate::cli::exit::OK)
}
