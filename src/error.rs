//! Errors of the domain, and the form the UI receives them in.
//!
//! Every failure a scheduler can cause or fix has its own variant with a message in plain
//! words. Storage internals are logged where they happen and reach the UI only as
//! "the database could not be read/written", never as SQL.

use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use crate::model::Lang;
use crate::wording::{Text, noun_ko};

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
    Invalid(Text),
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
    Conflict(Text),
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
    InUse(Text),
    /// Another instance holds the database.
    #[error("{0}")]
    Locked(Text),
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

    /// The message in the window's language: Korean, or English for every other language.
    /// `Display` gives the English one (command line, log).
    pub fn message(&self, lang: Lang) -> String {
        if lang != Lang::Ko {
            return self.to_string();
        }
        match self {
            Error::Invalid(t) | Error::Conflict(t) | Error::InUse(t) | Error::Locked(t) => {
                t.ko().to_owned()
            }
            Error::InvalidPlan(problems) => format!(
                "계획에 문제가 {}건 있습니다:\n{}",
                problems.len(),
                problems
                    .iter()
                    .map(|p| format!("  {}: {}", p.path, p.message.ko()))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Error::NotFound { kind, key } => format!("없는 {} 키입니다: '{key}'", noun_ko(kind)),
            Error::Duplicate { kind, key } => {
                format!("이미 있는 {} 키입니다: '{key}'", noun_ko(kind))
            }
            Error::Stale {
                kind,
                key,
                changed_at,
            } => format!(
                "다른 사용자가 {}변경한 {}입니다('{key}'). 다시 불러와 확인하세요",
                changed_at
                    .as_deref()
                    .map(|at| format!("{at}에 "))
                    .unwrap_or_default(),
                noun_ko(kind)
            ),
            Error::Storage { action, detail } => {
                let verb = match *action {
                    "read" => "읽을",
                    "written" => "저장할",
                    "opened" => "열",
                    "upgraded" => "업그레이드할",
                    _ => "사용할",
                };
                let detail = if detail == LOGGED {
                    "자세한 내용은 로그에 있습니다"
                } else {
                    detail
                };
                format!("데이터베이스를 {verb} 수 없습니다: {detail}")
            }
            Error::Io { path, source } => format!("{path}: {}", io_ko(source)),
            Error::Cancelled { operation } => {
                let what = match *operation {
                    "the import" => "가져오기를",
                    "printing the member copies" => "단원별 인쇄를",
                    _ => "작업을",
                };
                format!("{what} 취소했습니다. 아무것도 저장하지 않았습니다")
            }
        }
    }

    /// Wraps a database error: logs the details, keeps a short description.
    pub fn storage(action: &'static str, err: impl std::fmt::Display) -> Self {
        tracing::error!(%err, action, "database error");
        Error::Storage {
            action,
            detail: LOGGED.into(),
        }
    }
}

/// What a logged database error tells the scheduler.
const LOGGED: &str = "see the log for details";

/// Why a file could not be read or written, in Korean, by the kind of failure (the
/// system's own text is English).
pub(crate) fn io_ko(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let why = match e.kind() {
        K::NotFound => "파일이나 폴더가 없습니다",
        K::PermissionDenied => "접근 권한이 없습니다",
        K::AlreadyExists => "이미 있는 파일입니다",
        K::InvalidData | K::InvalidInput => "읽을 수 없는 내용입니다",
        K::StorageFull => "디스크 공간이 부족합니다",
        K::ReadOnlyFilesystem => "읽기 전용 위치입니다",
        K::IsADirectory => "파일이 아니라 폴더입니다",
        _ => return format!("파일을 읽거나 쓸 수 없습니다 ({e})"),
    };
    why.to_owned()
}

/// An error as the UI receives it: a kind to branch on and a message to show.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UiError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// A message for the scheduler, in the window's language.
    pub message: String,
    /// The input field an invalid value was given for (`duration_minutes`, `hosts_one_of`),
    /// so a form can show the message next to it whatever the language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl UiError {
    /// The error worded in `lang`.
    pub fn new(e: &Error, lang: Lang) -> Self {
        UiError {
            kind: e.kind(),
            message: e.message(lang),
            field: match e {
                Error::Invalid(t) => field_of(t.en()),
                _ => None,
            },
        }
    }
}

/// The field a message leads with: `"hosts_one_of[1]: no host…"` → `hosts_one_of`.
fn field_of(message: &str) -> Option<String> {
    let (head, _) = message.split_once(':')?;
    let name = head.split('[').next()?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .then(|| name.to_owned())
}

impl From<Error> for UiError {
    fn from(e: Error) -> Self {
        UiError::new(&e, Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_reads_korean_and_the_field_whatever_the_language() {
        let e = Error::Invalid(Text::new(
            "duration_minutes: the duration must be above zero",
            "소요 시간: 0분보다 길어야 합니다",
        ));
        let ko = UiError::new(&e, Lang::Ko);
        assert_eq!(ko.message, "소요 시간: 0분보다 길어야 합니다");
        assert_eq!(ko.field.as_deref(), Some("duration_minutes"));
        let en = UiError::from(e);
        assert_eq!(
            en.message,
            "duration_minutes: the duration must be above zero"
        );
        let stale = Error::Stale {
            kind: "item",
            key: "lunch".into(),
            changed_at: Some("14:05".into()),
        };
        assert_eq!(
            stale.message(Lang::Ko),
            "다른 사용자가 14:05에 변경한 일정입니다('lunch'). 다시 불러와 확인하세요"
        );
        assert_eq!(UiError::new(&stale, Lang::Ko).field, None);
        let gone = Error::NotFound {
            kind: "delegation",
            key: "vn-2026".into(),
        };
        assert_eq!(gone.message(Lang::Ko), "없는 방문단 키입니다: 'vn-2026'");
        for (operation, ko) in [
            (
                "the import",
                "가져오기를 취소했습니다. 아무것도 저장하지 않았습니다",
            ),
            (
                "printing the member copies",
                "단원별 인쇄를 취소했습니다. 아무것도 저장하지 않았습니다",
            ),
        ] {
            assert_eq!(Error::Cancelled { operation }.message(Lang::Ko), ko);
        }
        assert_eq!(field_of("this request was changed by someone else"), None);
        assert_eq!(field_of("Item 'x': ..."), None);
    }
}
