//! The native half of the `kg` Python package (`kg._kg`): extraction of a
//! text to its facts, and the graph queries of a database, through kg's
//! library, never the binary. Every answer is the JSON the matching
//! command prints (`kg extract`, `kg neighbors --json`, `kg relations
//! --json`, `kg path --json`, `kg export --format json`), built by the same
//! functions and handed to Python's `json.loads`, so the package and the
//! command line cannot disagree. Errors become `kg.KgError` (or
//! `kg.EntityError` for a name that matches no entity, or several) with the
//! message the command line prints after `kg: `.
#![forbid(unsafe_code)]

use kg::cli::{args, export, neighbors, path, relations};
use kg::model::{ArticleRecord, EntityType, Label, Lang};
use kg::store::Store;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;

pyo3::create_exception!(
    kg,
    KgError,
    PyException,
    "An error of kg, with its message."
);
pyo3::create_exception!(
    kg,
    EntityError,
    KgError,
    "A name that matches no entity (the message lists suggestions) or several."
);

/// kg's error as a Python exception.
fn kg_err(err: anyhow::Error) -> PyErr {
    let entity = matches!(
        err.downcast_ref::<kg::error::Error>(),
        Some(kg::error::Error::UnknownEntity { .. } | kg::error::Error::AmbiguousEntity { .. })
    );
    let message = kg::cli::message(&err);
    if entity {
        EntityError::new_err(message)
    } else {
        KgError::new_err(message)
    }
}

/// A JSON text as Python objects.
fn loads<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

fn to_json(value: &impl serde::Serialize) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| KgError::new_err(e.to_string()))
}

/// Parses each string with `FromStr`, a bad one a `ValueError`.
fn parse_all<T: FromStr<Err = String>>(items: Option<Vec<String>>) -> PyResult<Vec<T>> {
    items
        .unwrap_or_default()
        .iter()
        .map(|s| T::from_str(s).map_err(PyValueError::new_err))
        .collect()
}

fn day(name: &str, value: Option<String>) -> PyResult<Option<String>> {
    match value {
        Some(d) if !kg::store::is_day(&d) => Err(PyValueError::new_err(format!(
            "{name}: {d:?} is not a day as YYYY-MM-DD"
        ))),
        d => Ok(d),
    }
}

/// `--labels`, `--type`, `--min-confidence`, `--no-cooccurs`.
fn walk(
    labels: Option<Vec<String>>,
    types: Option<Vec<String>>,
    min_confidence: f64,
    cooccurs: bool,
) -> PyResult<args::WalkArgs> {
    Ok(args::WalkArgs {
        labels: parse_all::<Label>(labels)?,
        types: parse_all::<EntityType>(types)?,
        min_confidence,
        no_cooccurs: !cooccurs,
    })
}

fn days(since: Option<String>, until: Option<String>) -> PyResult<args::DayArgs> {
    Ok(args::DayArgs {
        since: day("since", since)?,
        until: day("until", until)?,
    })
}

/// The facts of one article's text (see the stub for the arguments).
#[pyfunction]
#[pyo3(signature = (text, lang=None, *, date=None, title=None, source="-".to_string()))]
fn extract<'py>(
    py: Python<'py>,
    text: String,
    lang: Option<String>,
    date: Option<String>,
    title: Option<String>,
    source: String,
) -> PyResult<Bound<'py, PyAny>> {
    let lang = match lang.as_deref() {
        None | Some("auto") => None,
        Some(l) => Some(Lang::from_str(l).map_err(PyValueError::new_err)?),
    };
    let article = ArticleRecord {
        source,
        title,
        date,
        text,
        ..ArticleRecord::default()
    };
    let (line, notes) = py
        .detach(|| kg::ingest::extract_record(article, lang))
        .map_err(|e| kg_err(e.into()))?;
    let warn = py.import("warnings")?;
    for n in notes {
        warn.call_method1("warn", (n.message,))?;
    }
    loads(py, &line)
}

/// A kg database opened for reading.
#[pyclass(module = "kg", subclass)]
struct Graph {
    store: Mutex<Store>,
    path: PathBuf,
}

impl Graph {
    /// Runs `f` on the store without holding the GIL.
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Store) -> anyhow::Result<T> + Send,
    ) -> PyResult<T> {
        py.detach(|| {
            let store = self
                .store
                .lock()
                .map_err(|_| anyhow::anyhow!("the database handle was poisoned by a panic"))?;
            f(&store)
        })
        .map_err(kg_err)
    }
}

#[pymethods]
impl Graph {
    /// Opens a database for reading (`kg.open`).
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Graph> {
        let store = py
            .detach(|| Store::open_read_only(&path).map_err(kg::cli::at_db(&path)))
            .map_err(kg_err)?;
        Ok(Graph {
            store: Mutex::new(store),
            path,
        })
    }

    /// The database file.
    #[getter]
    fn db_path(&self) -> PathBuf {
        self.path.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let path = PyString::new(py, &self.path.to_string_lossy());
        Ok(format!("kg.Graph({})", path.repr()?))
    }

    #[pyo3(signature = (name, depth=1, *, labels=None, types=None, min_confidence=0.0, cooccurs=true, since=None, until=None, limit=100))]
    #[allow(clippy::too_many_arguments)]
    fn neighbors<'py>(
        &self,
        py: Python<'py>,
        name: String,
        depth: usize,
        labels: Option<Vec<String>>,
        types: Option<Vec<String>>,
        min_confidence: f64,
        cooccurs: bool,
        since: Option<String>,
        until: Option<String>,
        limit: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let args = neighbors::Args {
            entity: name,
            depth,
            walk: walk(labels, types, min_confidence, cooccurs)?,
            days: days(since, until)?,
            json: true,
            limit,
        };
        let json = self.with(py, |store| Ok(to_json(&neighbors::answer(store, &args)?)))??;
        loads(py, &json)
    }

    #[pyo3(signature = (name=None, label=None, *, labels=None, types=None, min_confidence=0.0, cooccurs=true, since=None, until=None, limit=50, evidence=1))]
    #[allow(clippy::too_many_arguments)]
    fn relations<'py>(
        &self,
        py: Python<'py>,
        name: Option<String>,
        label: Option<String>,
        labels: Option<Vec<String>>,
        types: Option<Vec<String>>,
        min_confidence: f64,
        cooccurs: bool,
        since: Option<String>,
        until: Option<String>,
        limit: usize,
        evidence: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let labels = match (label, labels) {
            (Some(one), Some(more)) => Some([vec![one], more].concat()),
            (Some(one), None) => Some(vec![one]),
            (None, more) => more,
        };
        let args = relations::Args {
            entity: name,
            walk: walk(labels, types, min_confidence, cooccurs)?,
            days: days(since, until)?,
            list: args::ListArgs {
                limit,
                evidence,
                json: true,
            },
        };
        let json = self.with(py, |store| Ok(to_json(&relations::answer(store, &args)?)))??;
        loads(py, &json)
    }

    #[pyo3(signature = (a, b, *, k=1, max_len=6, labels=None, types=None, min_confidence=0.0, cooccurs=true, since=None, until=None, evidence=1))]
    #[allow(clippy::too_many_arguments)]
    fn path<'py>(
        &self,
        py: Python<'py>,
        a: String,
        b: String,
        k: u32,
        max_len: usize,
        labels: Option<Vec<String>>,
        types: Option<Vec<String>>,
        min_confidence: f64,
        cooccurs: bool,
        since: Option<String>,
        until: Option<String>,
        evidence: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !(1..=path::MAX_K).contains(&k) {
            return Err(PyValueError::new_err(format!(
                "k must be between 1 and {}",
                path::MAX_K
            )));
        }
        let args = path::Args {
            from: a,
            to: b,
            k,
            max_len,
            walk: walk(labels, types, min_confidence, cooccurs)?,
            days: days(since, until)?,
            evidence,
            json: true,
        };
        let json = self.with(py, |store| Ok(to_json(&path::answer(store, &args)?.paths)))??;
        loads(py, &json)
    }

    /// `kg export --format json` of the whole graph, as text.
    fn _export_json(&self, py: Python<'_>) -> PyResult<String> {
        let args = export_args()?;
        let bytes = self.with(py, |store| {
            let mut buf = Vec::new();
            export::write(store, &args, "memory", || Ok((Box::new(&mut buf), None)))?;
            Ok(buf)
        })?;
        String::from_utf8(bytes).map_err(|e| KgError::new_err(e.to_string()))
    }
}

/// `kg export`'s arguments with every default (`--format json`).
fn export_args() -> PyResult<export::Args> {
    #[derive(clap::Parser)]
    struct Export {
        #[command(flatten)]
        args: export::Args,
    }
    <Export as clap::Parser>::try_parse_from(["export"])
        .map(|e| e.args)
        .map_err(|e| KgError::new_err(e.to_string()))
}

#[pymodule]
fn _kg(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_class::<Graph>()?;
    m.add("KgError", py.get_type::<KgError>())?;
    m.add("EntityError", py.get_type::<EntityError>())?;
    m.add("__version__", PyString::new(py, env!("CARGO_PKG_VERSION")))?;
    Ok(())
}
