//! `kg export --format json|dot|graphml|gexf|csv|csv-nodes|neo4j|cypher|
//! ntriples|turtle [-o FILE]`: the whole graph, or the part the filters
//! keep (`--around`, `--top`, `--min-count`, `--since`, ...: see
//! `export::select`), in one format; `neo4j` writes two files into `-o DIR`.

use super::args::{GraphFilterArgs, WalkArgs};
use crate::error::Error;
use crate::export::select::{Around, Selection};
use crate::export::{Exporter, Format, Options, rdf::BaseIri};
use crate::store::Store;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// json (NetworkX node-link), dot (GraphViz), graphml, gexf (1.3, with
    /// time), csv (edge list), csv-nodes (node list), neo4j (neo4j-admin
    /// import CSV, needs -o DIR), cypher (Neo4j MERGE script), ntriples or
    /// turtle (RDF)
    #[arg(long, short = 'f', default_value = "json")]
    pub format: Format,

    /// Write here instead of standard output (neo4j: a directory, where
    /// nodes.csv and relationships.csv are written)
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        required_if_eq("format", "neo4j")
    )]
    pub output: Option<PathBuf>,

    /// ntriples, turtle: the IRI entities and the vocabulary hang off
    /// (absolute, ending in / or #)
    #[arg(long, value_name = "IRI", default_value_t = BaseIri::default())]
    pub base_iri: BaseIri,

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

    /// Evidence sentences read per edge (0: all): JSON, neo4j, cypher and
    /// RDF list them; GraphML, GEXF and CSV take attributes and a first
    /// sentence from them
    #[arg(long, default_value_t = 0)]
    pub evidence: usize,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    let target = args
        .output
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let io = |source| Error::Io {
        path: target.clone(),
        source,
    };
    let open = || -> anyhow::Result<Outputs<'_>> {
        Ok(match (&args.output, args.format) {
            (Some(dir), Format::Neo4j) => {
                let (nodes, relationships) = neo4j_files(dir).map_err(io)?;
                (nodes, Some(BufWriter::new(relationships)))
            }
            (None, Format::Neo4j) => {
                anyhow::bail!("--format neo4j writes two files: give a directory with -o DIR")
            }
            (Some(p), _) => (Box::new(std::fs::File::create(p).map_err(io)?), None),
            (None, _) => (Box::new(std::io::stdout().lock()), None),
        })
    };
    let done = write(&store, &args, &target, open)?;
    if let (Format::Neo4j, Some(dir)) = (args.format, &args.output) {
        eprintln!(
            "kg: wrote {} nodes to {} and {} relationships to {}",
            done.nodes,
            dir.join(NODES_FILE).display(),
            done.edges,
            dir.join(RELATIONSHIPS_FILE).display()
        );
    }
    if done.truncated {
        eprintln!(
            "kg: exported the nearest {} entities around {} ({} nodes, {} edges); \
             more lie within depth {}: --limit 0 exports them all",
            args.limit,
            args.around.as_deref().unwrap_or(""),
            done.nodes,
            done.edges,
            args.depth
        );
    }
    Ok(super::exit::OK)
}

/// Where [`write`] writes: the export, and `neo4j`'s relationships file.
pub type Outputs<'w> = (Box<dyn Write + 'w>, Option<BufWriter<Box<dyn Write + 'w>>>);

/// What [`write`] wrote.
pub struct Written {
    pub nodes: usize,
    pub edges: usize,
    /// Whether `--limit` left entities around `--around` out.
    pub truncated: bool,
}

/// Writes the export `args` asks for to what `open` gives (called once the
/// entity of `--around` is found, so a typo leaves no empty file; the
/// second writer is `neo4j`'s relationships file); `target` names the
/// output in errors. The Python package's `to_networkx` writes `json` to
/// memory through it.
pub fn write<'w>(
    store: &Store,
    args: &Args,
    target: &str,
    open: impl FnOnce() -> anyhow::Result<Outputs<'w>>,
) -> anyhow::Result<Written> {
    store.begin_read()?;
    let center = args
        .around
        .as_deref()
        .map(|a| store.resolve(a))
        .transpose()?;
    let io = |source| Error::Io {
        path: target.to_string(),
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
    let selection = Selection::new(store, &filter)?;
    let (w, relationships) = open()?;
    let name = match &args.around {
        Some(a) if selection.truncated => format!(
            "kg: around {a}, depth {}, nearest {} entities",
            args.depth, args.limit
        ),
        Some(a) => format!("kg: around {a}, depth {}", args.depth),
        None => "kg".to_string(),
    };
    let options = Options {
        base_iri: args.base_iri.clone(),
        relationships,
        entities: Some(Box::new(|id| {
            store
                .entity(id)
                .map_err(|e| std::io::Error::other(e.to_string()))
        })),
    };
    let mut x =
        Exporter::with_options(BufWriter::new(w), args.format, &name, options).map_err(io)?;
    let evidence_limit = (args.evidence > 0).then_some(args.evidence);
    let dates = x.wants_dates();
    selection.nodes(store, dates, |n| {
        x.node_dated(&n.entity, &n.aliases, &n.dates).map_err(io)
    })?;
    if args.format != Format::CsvNodes {
        selection.edges(store, dates, |e| {
            let evidence = if x.wants_evidence() {
                selection.evidence(store, e.row.id, evidence_limit)?
            } else {
                Vec::new()
            };
            x.edge_dated(&e.row, &evidence, e.count, &e.dates)
                .map_err(io)
        })?;
    }
    let (_, nodes, edges) = x.finish().map_err(io)?;
    Ok(Written {
        nodes,
        edges,
        truncated: selection.truncated,
    })
}

/// The files of `--format neo4j` in its output directory.
const NODES_FILE: &str = "nodes.csv";
const RELATIONSHIPS_FILE: &str = "relationships.csv";

/// Creates the output directory of `--format neo4j` (if needed) and its two
/// files.
fn neo4j_files(dir: &Path) -> std::io::Result<(Box<dyn Write>, Box<dyn Write>)> {
    if dir.exists() && !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "not a directory (--format neo4j writes {NODES_FILE} and {RELATIONSHIPS_FILE} into one)"
            ),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let nodes = std::fs::File::create(dir.join(NODES_FILE))?;
    let relationships = std::fs::File::create(dir.join(RELATIONSHIPS_FILE))?;
    Ok((Box::new(nodes), Box::new(relationships)))
}
