//! `kg tag`: CoNLL tokens on standard input, `token<TAB>TAG` lines out, with
//! the input's tokenisation, sentence breaks and `-DOCSTART-` lines kept
//! (interfaces.md).

use crate::model::Lang;
use crate::ner::Tagger;
use crate::ner::conll::{Line, classify};
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

pub fn run(args: Args) -> anyhow::Result<i32> {
    let tagger = load_tagger(args.lang, args.model.as_ref())?;
    let Format::Conll = args.format;
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut tokens: Vec<String> = Vec::new();
    let flush = |tokens: &mut Vec<String>, out: &mut BufWriter<_>| -> std::io::Result<()> {
        if tokens.is_empty() {
            return Ok(());
        }
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        for (tok, tag) in refs.iter().zip(tagger.tag(&refs)) {
            writeln!(out, "{tok}\t{tag}")?;
        }
        tokens.clear();
        Ok(())
    };
    for (n, line) in stdin.lines().enumerate() {
        let line = line.with_context(|| format!("reading standard input, line {}", n + 1))?;
        match classify(&line) {
            Line::Token(tok, _) => tokens.push(tok.to_string()),
            Line::Break | Line::DocStart => {
                flush(&mut tokens, &mut out)?;
                writeln!(out, "{}", line.strip_suffix('\r').unwrap_or(&line))?;
            }
        }
    }
    flush(&mut tokens, &mut out)?;
    out.flush()?;
    Ok(crate::cli::exit::OK)
}
