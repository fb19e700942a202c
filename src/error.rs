//! Errors of the domain, and the form the UI receives them in.
//!
//! Every failure a scheduler can cause or fix has its own variant with a message in plain
//! words. Storage internals are logged where they happen and reach the UI only as
//! "the database could not be read/written", never as SQL.

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

/// What went wrong, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// Input is malformed or breaks a rule (names the field).
    Invalid,
    /// The named entity does not exist.
    NotFound,
    /// An entity with that key already exists.
    Duplicate,
    /// A booking conflict blocks the save.
    Conflict,
    /// Someone else changed the record since it was loaded.
    Stale,
    /// The entity is still used elsewhere and cannot be deleted.
    InUse,
    /// Another Itinera is already working on this database file.
    Locked,
    /// The database could not be read or written (details are in the log).
    Storage,
    /// Reading or writing a file failed.
    Io,
    /// The scheduler cancelled a long operation; nothing of it was kept.
    Cancelled,
}

/// A domain error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input; the message names the field.
    #[error("{0}")]
    Invalid(String),
    /// A plan file with several problems, each with its JSON path.
    #[error("the plan has {} problem(s):\n{}", .0.len(), crate::plan::format_problems(.0))]
    InvalidPlan(Vec<crate::plan::Problem>),
    /// Nothing of that kind has that key.
    #[error("no {kind} with key '{key}'")]
    NotFound {
        /// Kind of entity ("delegation", "venue"…).
        kind: &'static str,
        /// The key asked for.
        key: String,
    },
    /// The key is taken.
    #[error("a {kind} with key '{key}' already exists")]
    Duplicate {
        /// Kind of entity.
        kind: &'static str,
        /// The key.
        key: String,
    },
    /// A blocking booking conflict.
    #[error("{0}")]
    Conflict(String),
    /// Optimistic concurrency failure.
    #[error(
        "this {kind} ('{key}') was changed by someone else{} — reload to see it",
        .changed_at.as_deref().map(|at| format!(" at {at}")).unwrap_or_default()
    )]
    Stale {
        /// Kind of entity.
        kind: &'static str,
        /// The key.
        key: String,
        /// When the other save happened, in the workstation's local time ("14:05"), when
        /// the record still exists.
        changed_at: Option<String>,
    },
    /// The entity is referenced elsewhere.
    #[error("{0}")]
    InUse(String),
    /// Another instance holds the database.
    #[error("{0}")]
    Locked(String),
    /// A database failure; details were logged.
    #[error("the database could not be {action}: {detail}")]
    Storage {
        /// "read", "written", "opened"…
        action: &'static str,
        /// A short, non-sensitive description.
        detail: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A long operation was cancelled before it wrote anything.
    #[error("{operation} was cancelled; nothing was saved")]
    Cancelled {
        /// What was cancelled ("the import", "printing the member copies").
        operation: &'static str,
    },
}

/// Result with the domain error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The kind the UI branches on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) | Error::InvalidPlan(_) => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Duplicate { .. } => ErrorKind::Duplicate,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::Stale { .. } => ErrorKind::Stale,
            Error::InUse(_) => ErrorKind::InUse,
            Error::Locked(_) => ErrorKind::Locked,
            Error::Storage { .. } => ErrorKind::Storage,
            Error::Io { .. } => ErrorKind::Io,
            Error::Cancelled { .. } => ErrorKind::Cancelled,
        }
    }

    /// Wraps a database error: logs the details, keeps a short description.
    pub fn storage(action: &'static str, err: impl std::fmt::Display) -> Self {
        tracing::error!(%err, action, "database error");
        Error::Storage {
            action,
            detail: "see the log for details".into(),
        }
    }
}

/// An error as the UI receives it: a kind to branch on and a message to show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UiError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// A message for the scheduler.
    pub message: String,
}

impl From<Error> for UiError {
    fn from(e: Error) -> Self {
        UiError {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}
