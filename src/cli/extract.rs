//! `kg extract PATH...`: extract articles without a database, one JSON
//! line of facts per article (`docs/facts.md`) on standard output or in
//! `--out FILE`, for `kg load` to store on another machine or later.

use super::exit;
use super::ingest::{LangChoice, Reporter, parse_lang, parse_size};
use crate::error::Error;
use crate::ingest::{self, Options};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files (.txt, .md, .html, .jsonl), directories (walked recursively) or `-` for standard input, as `kg ingest` reads them
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the facts to FILE instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Language of the articles: fr, en or auto, as for `kg ingest`
    #[arg(long, default_value = "auto", value_parser = parse_lang)]
    pub lang: LangChoice,

    /// The largest article read, in bytes (suffixes K, M, G), as for `kg ingest`
    #[arg(long, default_value = "8M", value_parser = parse_size, value_name = "BYTES")]
    pub max_article_bytes: u64,

    /// Leave out articles in a language kg does not extract instead of
    /// writing them without entities
    #[arg(long)]
    pub skip_unsupported: bool,

    /// Print one line per article and extraction notes
    #[arg(short, long)]
    pub verbose: bool,

    /// A relation model file (`kg train-rel --out`) to decide typed
    /// relations with instead of the shipped one
    #[arg(long, value_name = "FILE", hide = true)]
    pub relation_model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let relation_model = match &args.relation_model {
        Some(path) => {
            let src = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let m = crate::extract::classify::Model::parse(&src)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            // One model for the whole run.
            Some(&*Box::leak(Box::new(m)))
        }
        None => None,
    };
    let opts = Options {
        relation_model,
        lang: args.lang.0,
        max_article_bytes: args.max_article_bytes,
        skip_unsupported: args.skip_unsupported,
        ..Options::default()
    };
    let (mut sink, name): (Box<dyn Write>, String) = match &args.out {
        Some(p) => (
            Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("{}: create", p.display()))?,
            )),
            p.display().to_string(),
        ),
        None => (
            Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            "standard output".to_string(),
        ),
    };
    let io = |source| Error::Io {
        path: name.clone(),
        source,
    };
    let reporter = Reporter::new(args.verbose, "written without entities");
    let result = ingest::extract_facts(
        &args.paths,
        &opts,
        &mut |e| reporter.event(e),
        &mut |line| {
            sink.write_all(line.as_bytes())
                .and_then(|()| sink.write_all(b"\n"))
                .map_err(io)
        },
    );
    reporter.finish();
    let s = result?;
    sink.flush().map_err(io)?;
    let mut ignored = String::new();
    if s.ignored > 0 {
        ignored = format!(" ({} files of other formats ignored)", s.ignored);
    }
    eprintln!(
        "kg: extracted {} articles, {} failed{ignored}",
        s.new, s.failed
    );
    if s.new == 0 && !(args.skip_unsupported && s.unsupported > 0) {
        eprintln!("kg: nothing could be extracted");
        return Ok(exit::FAILURE);
    }
    if s.failed > 0 {
        return Ok(exit::SOME_FAILED);
    }
    Ok(exit::OK)
}
