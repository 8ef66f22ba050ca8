//! `kg export --format json|dot|graphml|gexf|csv|csv-nodes [-o FILE]`: the
//! whole graph, or the part the filters keep (`--around`, `--top`,
//! `--min-count`, `--since`, ...: see `export::select`), in one format.

use super::args::{GraphFilterArgs, WalkArgs};
use crate::error::Error;
use crate::export::select::{Around, Selection};
use crate::export::{Exporter, Format};
use crate::store::Store;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// json (NetworkX node-link), dot (GraphViz), graphml, gexf (1.3, with
    /// time), csv (edge list) or csv-nodes (node list)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: Format,

    /// Write here instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only the neighbourhood of this entity (name, alias or #ID)
    #[arg(long, value_name = "ENTITY")]
    pub around: Option<String>,

    /// With --around: how many hops out
    #[arg(long, default_value_t = 1)]
    pub depth: usize,

    /// With --around: keep the nearest N entities besides the centre
    /// (0: all). The depth-2 neighbourhood of a well-connected entity is
    /// most of the graph; a note on stderr says when some were left out
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub filter: GraphFilterArgs,

    /// Evidence sentences read per edge (0: all): JSON lists them,
    /// GraphML, GEXF and CSV take attributes and a first sentence from them
    #[arg(long, default_value_t = 0)]
    pub evidence: usize,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    store.begin_read()?;
    // Resolve before creating the output, so a typo leaves no empty file.
    let center = args
        .around
        .as_deref()
        .map(|a| store.resolve(a))
        .transpose()?;
    let target = args
        .output
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let io = |source| Error::Io {
        path: target.clone(),
        source,
    };
    let filter = args.filter.filter(
        args.walk.walk(),
        center.map(|center| Around {
            center,
            depth: args.depth,
            limit: (args.limit > 0).then_some(args.limit),
        }),
    );
    let selection = Selection::new(&store, &filter)?;
    let w: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).map_err(io)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let name = match &args.around {
        Some(a) if selection.truncated => format!(
            "kg: around {a}, depth {}, nearest {} entities",
            args.depth, args.limit
        ),
        Some(a) => format!("kg: around {a}, depth {}", args.depth),
        None => "kg".to_string(),
    };
    let mut x = Exporter::new(BufWriter::new(w), args.format, &name).map_err(io)?;
    let evidence_limit = (args.evidence > 0).then_some(args.evidence);
    let dates = x.wants_dates();
    selection.nodes(&store, dates, |n| {
        x.node_dated(&n.entity, &n.aliases, &n.dates).map_err(io)
    })?;
    if args.format != Format::CsvNodes {
        selection.edges(&store, dates, |e| {
            let evidence = if x.wants_evidence() {
                store.evidence(e.row.id, evidence_limit)?
            } else {
                Vec::new()
            };
            x.edge_dated(&e.row, &evidence, e.count, &e.dates)
                .map_err(io)
        })?;
    }
    let (_, nodes, edges) = x.finish().map_err(io)?;
    if selection.truncated {
        eprintln!(
            "kg: exported the nearest {} entities around {} ({nodes} nodes, {edges} edges); \
             more lie within depth {}: --limit 0 exports them all",
            args.limit,
            args.around.as_deref().unwrap_or(""),
            args.depth
        );
    }
    Ok(super::exit::OK)
}
