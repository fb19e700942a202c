//! The per-user choice of database, kept between sessions: `settings.json` in the user's
//! configuration directory (`~/.config/itinera/`, or `ITINERA_CONFIG_DIR`), and the
//! PostgreSQL password in the standard libpq password file (`PGPASSFILE`, else `~/.pgpass`).
//!
//! Invariants:
//! - the settings file never holds a password: a URL is saved as [`split_password`] leaves
//!   it, and the password goes to the password file, which sqlx reads by itself when a URL
//!   has none (sqlx-postgres `options/pgpass.rs`: `PGPASSFILE` first, then `~/.pgpass`,
//!   files readable by others are ignored);
//! - both files are written whole (a temporary file created with mode 0600, then renamed
//!   over the old one): never half-written, never readable by others even for a moment; the
//!   settings directory is 0700;
//! - the password file gets at most one line per `host:port:database:user` (a new password
//!   replaces the old line); other lines and comments stay as they were;
//! - the password is never logged.
//!
//! Checking a connection before switching to it is in [`super::probe`].

use std::fs::{DirBuilder, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgConnectOptions;
use ts_rs::TS;

use super::{is_postgres, redact_url, split_password};
use crate::ErrorKind;
use crate::model::Lang;
use crate::wording::Text;

/// Name of the settings file inside the configuration directory.
const SETTINGS_FILE: &str = "settings.json";

/// Where the per-user files live; [`ConfigPaths::from_env`] for the real ones, tests pass
/// temporary paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPaths {
    /// The settings file (`settings.json`); its directory is created 0700 when saving.
    pub settings_file: PathBuf,
    /// The libpq password file the password of a PostgreSQL choice is written to.
    pub pgpass_file: PathBuf,
}

impl ConfigPaths {
    /// The paths from the environment: `ITINERA_CONFIG_DIR` (else the per-user config
    /// directory, `$XDG_CONFIG_HOME/itinera` or `~/.config/itinera`) and `PGPASSFILE` (else
    /// `~/.pgpass`) — the same password file sqlx reads when connecting.
    pub fn from_env() -> ConfigPaths {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let config_dir = var("ITINERA_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "itinera")
                    .map(|d| d.config_dir().to_path_buf())
            })
            .unwrap_or_else(|| PathBuf::from("."));
        let pgpass_file = var("PGPASSFILE").map(PathBuf::from).unwrap_or_else(|| {
            directories::BaseDirs::new()
                .map(|d| d.home_dir().join(".pgpass"))
                .unwrap_or_else(|| PathBuf::from(".pgpass"))
        });
        ConfigPaths {
            settings_file: config_dir.join(SETTINGS_FILE),
            pgpass_file,
        }
    }
}

/// The per-user settings. Keys this version does not know are kept when saving, so an older
/// Itinera does not erase what a newer one wrote.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserSettings {
    /// The chosen database: a SQLite file path or a PostgreSQL URL without password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// Settings of other versions, kept as they were.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// Which level of the start-up order named the database in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DatabaseSource {
    /// `--db` on the command line.
    Argument,
    /// The `ITINERA_DB` environment variable.
    Environment,
    /// The settings file (chosen in the Settings dialog).
    Settings,
    /// Nothing was chosen: `itinera.db` in the per-user data directory.
    Default,
}

/// A database the scheduler typed in the Settings dialog, to test or switch to.
#[derive(Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DatabaseChoice {
    /// A SQLite file path, or a PostgreSQL URL (its password is better given separately).
    pub location: String,
    /// The PostgreSQL password, kept out of the URL and the settings file.
    #[serde(default)]
    #[ts(optional)]
    pub password: Option<String>,
}

impl std::fmt::Debug for DatabaseChoice {
    // Written by hand so no log line or panic message can ever show the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseChoice")
            .field("location", &redact_url(&self.location))
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

/// The database in use and where that choice came from, for the Settings dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DatabaseSettings {
    /// The database this window works on, password removed.
    pub location: String,
    /// SQLite file or PostgreSQL server.
    pub kind: super::DatabaseKind,
    /// Which level of the start-up order chose it.
    pub source: DatabaseSource,
    /// The choice in the settings file, when there is one (it differs from `location` when
    /// `--db` or `ITINERA_DB` overrides it).
    pub saved: Option<String>,
    /// The settings file.
    pub settings_file: String,
    /// The SQLite file used when nothing is chosen.
    pub default_location: String,
}

/// What "Switch and restart" did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SwitchOutcome {
    /// The location saved in the settings file (no password).
    pub saved: String,
    /// Whether the app restarts now on the new database.
    pub restarting: bool,
    /// Set when `--db` or `ITINERA_DB` chose the database of this session: the choice is
    /// saved but applies only when Itinera starts without them.
    pub overridden_by: Option<DatabaseSource>,
}

/// A database choice that cannot be saved, tested or read back; every message names the
/// file, host, user or database concerned, never a password.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A settings or password file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The settings file is not the JSON Itinera writes.
    #[error("the settings file {path} cannot be read ({reason}) — correct or delete it")]
    InvalidFile {
        /// The file.
        path: String,
        /// What is wrong, with line and column.
        reason: String,
    },
    /// A URL of some other kind of database.
    #[error(
        "'{location}' is neither a PostgreSQL URL (postgres://user@host:5432/database) nor a SQLite file path"
    )]
    NotADatabase {
        /// The location, password removed.
        location: String,
    },
    /// A PostgreSQL URL that does not parse.
    #[error("the PostgreSQL URL {url} cannot be read: {reason}")]
    BadUrl {
        /// The URL, password removed.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// A password the password file cannot hold.
    #[error("the password cannot be used: {0}")]
    BadPassword(&'static str),
    /// A SQLite path relative to wherever the app happened to start.
    #[error("give the SQLite file with its full path (e.g. /home/you/itinera.db), not '{path}'")]
    RelativePath {
        /// The path given.
        path: String,
    },
    /// A SQLite file in a folder that does not exist.
    #[error(
        "the folder {folder} does not exist — create it first or choose another place for the SQLite file"
    )]
    FolderMissing {
        /// The missing folder.
        folder: String,
    },
    /// A file that SQLite cannot open as a database.
    #[error("{path} cannot be opened as an Itinera database: {reason}")]
    NotADatabaseFile {
        /// The file.
        path: String,
        /// SQLite's explanation.
        reason: String,
    },
    /// Nothing answers at the host and port (refused, unknown host, timeout).
    #[error("cannot reach the PostgreSQL server at {host}:{port} ({reason})")]
    Unreachable {
        /// The host.
        host: String,
        /// The port.
        port: u16,
        /// What happened.
        reason: String,
    },
    /// The server refused the password (or none was given and it wants one).
    #[error("the PostgreSQL server at {host}:{port} refused the password of user '{user}'")]
    WrongPassword {
        /// The host.
        host: String,
        /// The port.
        port: u16,
        /// The user.
        user: String,
    },
    /// The server runs, but has no database of that name.
    #[error(
        "the PostgreSQL server at {host}:{port} has no database '{database}' — ask its administrator to create it"
    )]
    DatabaseMissing {
        /// The host.
        host: String,
        /// The port.
        port: u16,
        /// The database asked for.
        database: String,
    },
    /// The server refused the connection for another reason (no access rule, no such user).
    #[error("the PostgreSQL server at {host}:{port} refused user '{user}': {reason}")]
    Refused {
        /// The host.
        host: String,
        /// The port.
        port: u16,
        /// The user.
        user: String,
        /// The server's explanation.
        reason: String,
    },
    /// The database holds tables, but not Itinera's.
    #[error(
        "{location} holds {tables} table(s) but no Itinera data — choose an empty database or one Itinera set up"
    )]
    NotItinera {
        /// The location, password removed.
        location: String,
        /// How many tables it holds.
        tables: i64,
    },
    /// A newer Itinera set the database up.
    #[error(
        "{location} was set up by a newer Itinera (schema {found}, this version knows {supported}) — update Itinera first"
    )]
    SchemaTooNew {
        /// The location, password removed.
        location: String,
        /// The schema version found.
        found: i64,
        /// The newest schema this version knows.
        supported: i64,
    },
    /// Any other failure while reading the database.
    #[error("{location} could not be read: {reason}")]
    Database {
        /// The location, password removed.
        location: String,
        /// What happened.
        reason: String,
    },
}

impl SettingsError {
    /// The kind the UI branches on: the choice itself is wrong (`invalid`), the database
    /// cannot be used (`storage`), or a file could not be written (`io`).
    pub fn kind(&self) -> ErrorKind {
        match self {
            SettingsError::Io { .. } => ErrorKind::Io,
            SettingsError::InvalidFile { .. }
            | SettingsError::NotADatabase { .. }
            | SettingsError::BadUrl { .. }
            | SettingsError::BadPassword(_)
            | SettingsError::RelativePath { .. }
            | SettingsError::FolderMissing { .. } => ErrorKind::Invalid,
            _ => ErrorKind::Storage,
        }
    }

    pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SettingsError + '_ {
        move |source| SettingsError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

impl SettingsError {
    /// The message in the window's language (`Display` is the English one).
    pub fn message(&self, lang: Lang) -> String {
        if lang != Lang::Ko {
            return self.to_string();
        }
        use SettingsError as E;
        match self {
            E::Io { path, source } => format!("{path}: {}", crate::error::io_ko(source)),
            E::InvalidFile { path, reason } => {
                format!("설정 파일 {path}을(를) 읽을 수 없습니다({reason}). 고치거나 지우세요")
            }
            E::NotADatabase { location } => format!(
                "PostgreSQL URL(postgres://user@host:5432/database)도 SQLite 파일 경로도 \
                 아닙니다: '{location}'"
            ),
            E::BadUrl { url, reason } => {
                format!("PostgreSQL URL을 읽을 수 없습니다: {url} ({reason})")
            }
            E::BadPassword(why) => format!("이 비밀번호는 쓸 수 없습니다: {why}"),
            E::RelativePath { path } => format!(
                "SQLite 파일은 전체 경로로 지정하세요(예: /home/you/itinera.db). 받은 값: '{path}'"
            ),
            E::FolderMissing { folder } => format!(
                "폴더가 없습니다: {folder}. 먼저 만들거나 SQLite 파일을 둘 다른 곳을 고르세요"
            ),
            E::NotADatabaseFile { path, reason } => {
                format!("{path}을(를) Itinera 데이터베이스로 열 수 없습니다: {reason}")
            }
            E::Unreachable { host, port, reason } => {
                format!("PostgreSQL 서버 {host}:{port}에 연결할 수 없습니다({reason})")
            }
            E::WrongPassword { host, port, user } => format!(
                "PostgreSQL 서버 {host}:{port}이(가) 사용자 '{user}'의 비밀번호를 거부했습니다"
            ),
            E::DatabaseMissing {
                host,
                port,
                database,
            } => format!(
                "PostgreSQL 서버 {host}:{port}에 '{database}' 데이터베이스가 없습니다. \
                 관리자에게 만들어 달라고 하세요"
            ),
            E::Refused {
                host,
                port,
                user,
                reason,
            } => format!(
                "PostgreSQL 서버 {host}:{port}이(가) 사용자 '{user}'를 거부했습니다: {reason}"
            ),
            E::NotItinera { location, tables } => format!(
                "{location}에 테이블이 {tables}개 있지만 Itinera 데이터가 아닙니다. 빈 \
                 데이터베이스나 Itinera가 만든 데이터베이스를 고르세요"
            ),
            E::SchemaTooNew {
                location,
                found,
                supported,
            } => format!(
                "{location}은(는) 더 새로운 Itinera가 만든 데이터베이스입니다(스키마 {found}, 이 \
                 버전은 {supported}까지). 먼저 Itinera를 업데이트하세요"
            ),
            E::Database { location, reason } => {
                format!("{location}을(를) 읽을 수 없습니다: {reason}")
            }
        }
    }
}

impl From<SettingsError> for crate::Error {
    fn from(e: SettingsError) -> Self {
        match e {
            SettingsError::Io { path, source } => crate::Error::Io { path, source },
            other => crate::Error::Invalid(Text::new(other.to_string(), other.message(Lang::Ko))),
        }
    }
}

/// Reads the settings; a missing file is the empty settings.
pub fn load_settings(paths: &ConfigPaths) -> Result<UserSettings, SettingsError> {
    let path = &paths.settings_file;
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UserSettings::default()),
        Err(e) => return Err(SettingsError::io(path)(e)),
    };
    serde_json::from_str(&text).map_err(|e| SettingsError::InvalidFile {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// What [`save_database_choice`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedChoice {
    /// The location now in the settings file (never with a password).
    pub location: String,
    /// The password file that received the password, when one was given.
    pub pgpass_file: Option<PathBuf>,
}

/// Saves `location` as the database to open from now on. A PostgreSQL password (given
/// separately, or found in the URL) goes to the password file first, so the settings never
/// name a database whose password is missing; the settings get the URL without it. A SQLite
/// path must be absolute. Nothing is checked against the database here: callers test the
/// connection first ([`super::test_connection`]).
pub fn save_database_choice(
    paths: &ConfigPaths,
    location: &str,
    password: Option<&str>,
) -> Result<SavedChoice, SettingsError> {
    let location = location.trim();
    let (saved, password) = if is_postgres(location) {
        let (url, in_url) = split_password(location);
        let password = match password.filter(|p| !p.is_empty()) {
            Some(p) => Some(p.to_owned()),
            None => in_url.map(|p| percent_decode(&p, &url)).transpose()?,
        };
        (url, password)
    } else {
        sqlite_path(location)?;
        (location.to_owned(), None)
    };
    let pgpass_file = match password {
        Some(password) => {
            let options = pg_options(&saved)?;
            let entry = PgpassEntry {
                host: options.get_host().to_owned(),
                port: options.get_port(),
                database: options.get_database().unwrap_or_default().to_owned(),
                user: options.get_username().to_owned(),
            };
            write_pgpass(&paths.pgpass_file, &entry, &password)?;
            Some(paths.pgpass_file.clone())
        }
        None => None,
    };
    let mut settings = load_settings(paths)?;
    settings.database = Some(saved.clone());
    let mut text = serde_json::to_string_pretty(&settings).map_err(|e| SettingsError::Io {
        path: paths.settings_file.display().to_string(),
        source: std::io::Error::other(e),
    })?;
    text.push('\n');
    private_dir(&paths.settings_file)?;
    write_private(&paths.settings_file, text.as_bytes())?;
    tracing::info!(
        database = %saved,
        file = %paths.settings_file.display(),
        password_file = ?pgpass_file,
        "database choice saved"
    );
    Ok(SavedChoice {
        location: saved,
        pgpass_file,
    })
}

/// The SQLite file of a location that is not a PostgreSQL URL: a path (or `sqlite://`
/// path), absolute; any other `scheme://` is refused.
pub(super) fn sqlite_path(location: &str) -> Result<PathBuf, SettingsError> {
    let path = location
        .strip_prefix("sqlite://")
        .or_else(|| location.strip_prefix("sqlite:"))
        .unwrap_or(location);
    if path.contains("://") {
        return Err(SettingsError::NotADatabase {
            location: redact_url(location),
        });
    }
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(SettingsError::RelativePath {
            path: location.to_owned(),
        });
    }
    Ok(path)
}

/// Connection options of a PostgreSQL URL (its own password, if any, included).
pub(super) fn pg_options(url: &str) -> Result<PgConnectOptions, SettingsError> {
    PgConnectOptions::from_str(url).map_err(|e| SettingsError::BadUrl {
        url: redact_url(url),
        reason: e.to_string(),
    })
}

/// Decodes a percent-encoded password taken from a URL.
pub(super) fn percent_decode(text: &str, url: &str) -> Result<String, SettingsError> {
    let bad = || SettingsError::BadUrl {
        url: redact_url(url),
        reason: "the password is not valid percent-encoded UTF-8".into(),
    };
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3).ok_or_else(bad)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// The four fields a password-file line is matched on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PgpassEntry {
    host: String,
    port: u16,
    database: String,
    user: String,
}

/// Escapes a password-file field: `:` and `\` are preceded by `\` (libpq's rule).
fn escape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    for c in field.chars() {
        if c == ':' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The first four (unescaped) fields of a password-file line; `None` for comments, blank
/// or malformed lines, which are kept untouched.
fn line_key(line: &str) -> Option<[String; 4]> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let mut fields: Vec<String> = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next()?),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    if fields.len() < 5 {
        return None;
    }
    let mut it = fields.into_iter();
    Some([it.next()?, it.next()?, it.next()?, it.next()?])
}

/// Writes `password` for `entry` into the password file: the line for the same host, port,
/// database and user is replaced, everything else kept; the file ends up 0600.
fn write_pgpass(file: &Path, entry: &PgpassEntry, password: &str) -> Result<(), SettingsError> {
    if password.contains(['\n', '\r']) {
        return Err(SettingsError::BadPassword(
            "it must not contain a line break",
        ));
    }
    let old = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(SettingsError::io(file)(e)),
    };
    let key = [
        entry.host.clone(),
        entry.port.to_string(),
        entry.database.clone(),
        entry.user.clone(),
    ];
    let mut text: String = old
        .lines()
        .filter(|line| line_key(line).as_ref() != Some(&key))
        .flat_map(|line| [line, "\n"])
        .collect();
    text.push_str(
        &[
            escape(&entry.host),
            entry.port.to_string(),
            escape(&entry.database),
            escape(&entry.user),
            escape(password),
        ]
        .join(":"),
    );
    text.push('\n');
    write_private(file, text.as_bytes())
}

/// Creates the settings directory (0700) or narrows an existing one to 0700: it is ours.
fn private_dir(file: &Path) -> Result<(), SettingsError> {
    let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir).map_err(SettingsError::io(dir))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(SettingsError::io(dir))?;
    }
    #[cfg(not(unix))]
    builder.create(dir).map_err(SettingsError::io(dir))?;
    Ok(())
}

/// Replaces `path` with `contents` atomically: a temporary file beside it, created with mode
/// 0600 (never readable by others, not even before a chmod), synced, then renamed over.
fn write_private(path: &Path, contents: &[u8]) -> Result<(), SettingsError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    // A leftover of a crashed save by a process with the same id; never someone's data.
    let _ = std::fs::remove_file(&tmp);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(&tmp).and_then(|mut f| {
        f.write_all(contents)?;
        f.sync_all()
    });
    let result = written.and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(SettingsError::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_fields_are_escaped_and_read_back_as_written() {
        let line = [
            escape("db.office.example"),
            "5432".into(),
            escape("itinera"),
            escape("planner"),
            escape(r"a:b\c"),
        ]
        .join(":");
        assert_eq!(
            line, r"db.office.example:5432:itinera:planner:a\:b\\c",
            "':' and '\\' are escaped as libpq expects"
        );
        assert_eq!(
            line_key(&line),
            Some([
                "db.office.example".into(),
                "5432".into(),
                "itinera".into(),
                "planner".into()
            ]),
            "the key of a line is its first four fields"
        );
        assert_eq!(line_key("# a comment:1:2:3:4"), None, "comments are kept");
        assert_eq!(line_key("host:5432:db"), None, "short lines are kept");
    }

    #[test]
    fn url_passwords_are_percent_decoded_and_bad_ones_refused() {
        let url = "postgres://planner@db/itinera";
        assert_eq!(
            percent_decode("s3cr%40t-S%C6%A1n", url).expect("valid"),
            "s3cr@t-Sơn"
        );
        let e = percent_decode("bad%zz", url).expect_err("not hex");
        assert!(
            e.to_string().contains("percent-encoded") && !e.to_string().contains("bad%zz"),
            "the message explains without echoing the password: {e}"
        );
    }

    #[test]
    fn sqlite_paths_must_be_absolute_and_other_urls_are_refused() {
        assert_eq!(
            sqlite_path("sqlite:///tmp/a.db").expect("absolute"),
            PathBuf::from("/tmp/a.db")
        );
        let e = sqlite_path("itinera.db").expect_err("relative");
        assert!(
            matches!(e, SettingsError::RelativePath { .. }),
            "a relative path depends on where the app was started: {e}"
        );
        let e = sqlite_path("mysql://u:pw@h/db").expect_err("not ours");
        assert!(
            matches!(e, SettingsError::NotADatabase { .. }) && !e.to_string().contains("pw"),
            "another database kind is refused without echoing the password: {e}"
        );
    }
}
