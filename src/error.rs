//! The library's one error type: the variants the CLI reacts to, each with
//! the context a user needs (which file, which line, which SQL step).

use std::path::PathBuf;

/// Errors the library reports. The CLI maps them to messages and exit codes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database {path} does not exist (run `kg ingest` first, or pass --db)")]
    MissingDatabase { path: PathBuf },

    #[error(
        "database {path} has schema version {found}, newer than this kg knows ({known}); upgrade kg"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("no entity matches {query:?}{}", suggest(.suggestions))]
    UnknownEntity {
        query: String,
        suggestions: Vec<String>,
    },

    #[error(
        "no article matches {query:?} (give its #number, JSONL id, URL, content hash or source path)"
    )]
    UnknownArticle { query: String },

    /// A curation that would make no sense (nothing changed).
    #[error("{message}")]
    Refused { message: String },

    #[error("a name of {chars} characters is too long to look up (at most {max})")]
    NameTooLong { chars: usize, max: usize },

    #[error("{query:?} is ambiguous; candidates:\n{}", .candidates.iter().map(|c| format!("  {c}")).collect::<Vec<_>>().join("\n"))]
    AmbiguousEntity {
        query: String,
        candidates: Vec<String>,
    },

    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        path: String,
        line: Option<usize>,
        message: String,
    },

    #[error("model {path}: {message}")]
    Model { path: String, message: String },

    #[error("sqlite ({step}): {source}")]
    Sql {
        step: &'static str,
        #[source]
        source: rusqlite::Error,
    },

    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", s.join(", "))
    }
}

impl Error {
    /// Wraps a rusqlite error with the step that failed.
    pub fn sql(step: &'static str) -> impl FnOnce(rusqlite::Error) -> Error {
        move |source| Error::Sql { step, source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
