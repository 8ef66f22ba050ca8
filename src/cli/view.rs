//! `kg view [ENTITY] [--depth D] [--top N] [--out FILE] [--serve]`: the
//! graph as one self-contained HTML page (see `export::view`). Without
//! ENTITY, the `--top` most mentioned entities and the edges between them;
//! with one, its neighbourhood (the nearest `--top`). What is kept is
//! chosen by `export::select`, with the exports' filters (`--type`,
//! `--labels`, `--min-count`, `--since/--until`, ...). `--serve` serves the
//! page on 127.0.0.1 until interrupted.

use super::args::{EvidenceFilterArgs, WalkArgs};
use crate::error::Error;
use crate::export::select::{Around, Selection};
use crate::export::view::{self, ViewGraph};
use crate::model::{EntityId, Label};
use crate::store::{EdgeRow, Store};
use anyhow::Context;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where the page goes when neither `--out` nor `--serve` is given.
const DEFAULT_OUT: &str = "kg-view.html";

/// The entities and edges a page holds by default (`--top`,
/// `--max-edges`): what headless Chromium opens in about a second on a
/// loaded 2-core machine. Cytoscape's cost grows with the elements
/// (styling each, then the first frame); 501 entities and 1,500 edges
/// took half as long again (docs/benchmarks.md, `kg view`).
const DEFAULT_TOP: usize = 300;
const DEFAULT_MAX_EDGES: usize = 900;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Centre the view on this entity (name, alias or #ID); without one,
    /// the most mentioned entities are shown
    #[arg(value_name = "ENTITY")]
    pub entity: Option<String>,

    /// With ENTITY: how many hops out
    #[arg(long, default_value_t = 1)]
    pub depth: usize,

    /// At most this many entities: the most mentioned, or with ENTITY the
    /// nearest besides it (0: all; the page opens slower with each)
    #[arg(long, default_value_t = DEFAULT_TOP)]
    pub top: usize,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub filter: EvidenceFilterArgs,

    /// At most this many edges: ENTITY's first, typed relations before
    /// `cooccurs`, then those with the most sentences (0: all; the page
    /// opens slower with each)
    #[arg(long, default_value_t = DEFAULT_MAX_EDGES, value_name = "N")]
    pub max_edges: usize,

    /// Evidence sentences kept per edge (0: all)
    #[arg(long, default_value_t = 5)]
    pub evidence: usize,

    /// Write the page here (`-`: standard output) [default: kg-view.html,
    /// none with --serve]
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Serve the page on 127.0.0.1 and print its URL, until interrupted
    #[arg(long)]
    pub serve: bool,

    /// With --serve: the port (0: any free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<i32> {
    let store = Store::open_read_only(db).map_err(super::at_db(db))?;
    store.begin_read()?;
    // Resolve before writing anything, so a typo leaves no file behind.
    let center = args
        .entity
        .as_deref()
        .map(|a| store.resolve(a))
        .transpose()?;
    let top = (args.top > 0).then_some(args.top);
    let Shown {
        graph,
        edges_found,
        title,
        mut note,
        mut left_out,
    } = match center {
        Some(c) => around(&store, &args, c, top)?,
        None => most_mentioned(&store, &args, top)?,
    };
    if graph.edge_count() < edges_found {
        note.push_str(&format!(
            "; the {} strongest of {edges_found} relations among them (raise --max-edges, 0 for all)",
            graph.edge_count()
        ));
        left_out = true;
    }
    let mut page = Vec::new();
    view::write(&mut page, &title, &note, &graph)?;
    let summary = format!(
        "{} entities, {} relations",
        graph.node_count(),
        graph.edge_count()
    );
    let out = match (&args.out, args.serve) {
        (Some(p), _) => Some(p.clone()),
        (None, false) => Some(PathBuf::from(DEFAULT_OUT)),
        (None, true) => None,
    };
    match out {
        Some(p) if p.as_os_str() == "-" => std::io::stdout().lock().write_all(&page)?,
        Some(p) => {
            std::fs::write(&p, &page).map_err(|source| Error::Io {
                path: p.display().to_string(),
                source,
            })?;
            println!("wrote {}: {summary}", p.display());
        }
        None => {}
    }
    if left_out {
        eprintln!("kg: {note}");
    }
    if args.serve {
        serve(&page, args.port, &summary)?;
    }
    Ok(super::exit::OK)
}

/// What the page shows, and says about it.
struct Shown {
    graph: ViewGraph,
    /// The edges between the entities shown, before `--max-edges`.
    edges_found: usize,
    title: String,
    /// What is shown and what was left out.
    note: String,
    /// Whether entities or edges were left out (the note is printed then).
    left_out: bool,
}

/// The `top` most mentioned entities (of the `--type`s, mentioned within
/// the dates, if given) and the edges between them.
fn most_mentioned(store: &Store, args: &Args, top: Option<usize>) -> anyhow::Result<Shown> {
    let filter = args.filter.filter(args.walk.walk(), top, None);
    let selection = Selection::new(store, &filter)?;
    let (graph, edges_found) = collect(store, args, None, &selection)?;
    let (shown, total) = (selection.len(), selection.considered);
    let note = if shown < total {
        format!(
            "the {shown} most mentioned of {total} entities; {} left out \
             (name an entity for its neighbourhood, or raise --top)",
            total - shown
        )
    } else {
        format!("all {total} entities")
    };
    Ok(Shown {
        graph,
        edges_found,
        title: "kg: the most mentioned entities".to_string(),
        note,
        left_out: shown < total,
    })
}

/// The neighbourhood of `center`: the nearest `top` entities within the
/// depth and the edges between them.
fn around(
    store: &Store,
    args: &Args,
    center: EntityId,
    top: Option<usize>,
) -> anyhow::Result<Shown> {
    let name = store
        .entity(center)?
        .map_or_else(|| format!("#{center}"), |e| e.name);
    let title = format!("kg: around {name}, depth {}", args.depth);
    let around = Around {
        center,
        depth: args.depth,
        limit: top,
    };
    let filter = args.filter.filter(args.walk.walk(), None, Some(around));
    let selection = Selection::new(store, &filter)?;
    let (graph, edges_found) = collect(store, args, Some(center), &selection)?;
    let shown = graph.node_count();
    let note = if selection.truncated {
        format!(
            "the {} entities nearest {name} within {} hop(s), and {name}; more lie \
             within that depth (raise --top, 0 for all)",
            shown.saturating_sub(1),
            args.depth
        )
    } else {
        format!("{shown} entities within {} hop(s) of {name}", args.depth)
    };
    Ok(Shown {
        graph,
        edges_found,
        title,
        note,
        left_out: selection.truncated,
    })
}

/// The nodes and edges `selection` keeps (the strongest `--max-edges` of
/// the edges), each with its evidence, as the page shows them; with the
/// number of edges found.
fn collect(
    store: &Store,
    args: &Args,
    center: Option<EntityId>,
    selection: &Selection,
) -> anyhow::Result<(ViewGraph, usize)> {
    let mut graph = ViewGraph::new(center);
    selection.nodes(store, false, |n| {
        graph.node(&n.entity, n.aliases);
        Ok(())
    })?;
    let mut found: Vec<(EdgeRow, i64)> = Vec::new();
    selection.edges(store, false, |e| {
        found.push((e.row, e.count));
        Ok(())
    })?;
    let total = found.len();
    strongest(
        &mut found,
        center,
        (args.max_edges > 0).then_some(args.max_edges),
    );
    let limit = (args.evidence > 0).then_some(args.evidence);
    for (e, count) in found {
        graph.edge(&e, &selection.evidence(store, e.id, limit)?, count);
    }
    Ok((graph, total))
}

/// Keeps the `max` strongest edges, if given: those of the centre first
/// (they are what makes a neighbourhood), typed relations before
/// `cooccurs` edges, then by sentences, then by confidence; the kept stay
/// in (head, tail, label) order.
fn strongest(edges: &mut Vec<(EdgeRow, i64)>, center: Option<EntityId>, max: Option<usize>) {
    let Some(max) = max.filter(|&m| edges.len() > m) else {
        return;
    };
    let order = |e: &EdgeRow| (e.head, e.tail, e.label.as_str());
    let off_center = |e: &EdgeRow| center.is_some_and(|c| e.head != c && e.tail != c);
    edges.sort_by(|(a, x), (b, y)| {
        off_center(a)
            .cmp(&off_center(b))
            .then((a.label == Label::Cooccurs).cmp(&(b.label == Label::Cooccurs)))
            .then(y.cmp(x))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(order(a).cmp(&order(b)))
    });
    edges.truncate(max);
    edges.sort_by(|(a, _), (b, _)| order(a).cmp(&order(b)));
}

/// Serves `page` at every GET on 127.0.0.1:`port`, one request at a time,
/// until the process is interrupted.
fn serve(page: &[u8], port: u16, summary: &str) -> anyhow::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
    let addr = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "serving http://{addr}/ ({summary}); Ctrl-C stops")?;
        out.flush()?;
    }
    // A client that goes away or sends garbage costs only its request.
    for stream in listener.incoming().flatten() {
        let _ = answer(stream, page);
    }
    Ok(())
}

/// Reads one request's head and answers it: the page for `GET /` (and
/// `HEAD /`), 404 for other paths, 405 for other methods.
fn answer(mut stream: TcpStream, page: &[u8]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The rest of the head, up to the blank line (at most 100 lines).
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    let (status, body): (&str, &[u8]) = match (method, path) {
        ("GET" | "HEAD", "/" | "/index.html") => ("200 OK", page),
        ("GET" | "HEAD", _) => ("404 Not Found", b"not found\n"),
        _ => ("405 Method Not Allowed", b"only GET\n"),
    };
    let kind = if status.starts_with("200") {
        "text/html; charset=utf-8"
    } else {
        "text/plain; charset=utf-8"
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}
