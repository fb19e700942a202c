//! How the app was asked to start: which database, where the log goes.
//!
//! The database is `--db PATH` (or `--db=PATH`) if given, else `ITINERA_DB` if set and not
//! empty, else the one chosen in the Settings dialog (the per-user settings file), else the
//! per-user default file. Resolution is a pure function of the arguments, the environment
//! values, the saved choice and the default, so it is tested without touching the real
//! data or config directories. [`LaunchOptions::source`] remembers which level chose, so
//! the Settings dialog can say when `--db` or `ITINERA_DB` overrides its choice.

use std::ffi::OsString;
use std::path::PathBuf;

use itinera::store::{DatabaseSource, SettingsError};

/// What the command line and environment chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchOptions {
    /// The database the app works on: a SQLite file path or a PostgreSQL URL.
    pub db: PathBuf,
    /// Which level of the start-up order chose it.
    pub source: DatabaseSource,
    /// The directory the log file is written to.
    pub log_dir: PathBuf,
}

/// A command line the app cannot start with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LaunchError {
    /// `--db` was the last argument.
    #[error("--db needs a file path, e.g. --db ~/itinera-test.db")]
    MissingDbPath,
    /// `--db` was given twice with different values.
    #[error("--db was given twice ('{0}' and '{1}'); give it once")]
    RepeatedDb(String, String),
    /// The settings file exists but cannot be read; starting on another database instead
    /// would hide the scheduler's choice.
    #[error("{0}")]
    Settings(String),
}

/// The environment values that matter, read once (tests pass their own).
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `ITINERA_DB`.
    pub db: Option<OsString>,
    /// `ITINERA_LOG_DIR`.
    pub log_dir: Option<OsString>,
}

impl Environment {
    /// Reads the process environment.
    pub fn current() -> Self {
        Environment {
            db: std::env::var_os("ITINERA_DB"),
            log_dir: std::env::var_os("ITINERA_LOG_DIR"),
        }
    }
}

fn non_empty(v: Option<OsString>) -> Option<PathBuf> {
    v.filter(|s| !s.is_empty()).map(PathBuf::from)
}

/// Resolves the options. `args` excludes the program name; arguments other than `--db` are
/// left to the platform (GTK and WebKit read their own). `saved_db` (the settings file) is
/// read only when neither `--db` nor `ITINERA_DB` names a database, and `default_db` only
/// when the settings name none either.
pub fn resolve(
    args: impl IntoIterator<Item = String>,
    env: Environment,
    saved_db: impl FnOnce() -> Result<Option<String>, SettingsError>,
    default_db: impl FnOnce() -> PathBuf,
) -> Result<LaunchOptions, LaunchError> {
    let mut from_args: Option<String> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = if arg == "--db" {
            Some(args.next().ok_or(LaunchError::MissingDbPath)?)
        } else {
            arg.strip_prefix("--db=").map(str::to_owned)
        };
        if let Some(value) = value {
            if value.is_empty() {
                return Err(LaunchError::MissingDbPath);
            }
            match &from_args {
                Some(prev) if *prev != value => {
                    return Err(LaunchError::RepeatedDb(prev.clone(), value));
                }
                _ => from_args = Some(value),
            }
        }
    }
    let (db, source) = match (from_args, non_empty(env.db)) {
        (Some(db), _) => (PathBuf::from(db), DatabaseSource::Argument),
        (None, Some(db)) => (db, DatabaseSource::Environment),
        (None, None) => match saved_db().map_err(|e| LaunchError::Settings(e.to_string()))? {
            Some(db) => (PathBuf::from(db), DatabaseSource::Settings),
            None => (default_db(), DatabaseSource::Default),
        },
    };
    // Logs live beside the per-user data (or where ITINERA_LOG_DIR says), never in the UI.
    let log_dir = non_empty(env.log_dir).unwrap_or_else(|| {
        itinera::store::default_location()
            .parent()
            .map(|p| p.join("logs"))
            .unwrap_or_else(|| PathBuf::from("logs"))
    });
    Ok(LaunchOptions {
        db,
        source,
        log_dir,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    fn env(db: Option<&str>) -> Environment {
        Environment {
            db: db.map(OsString::from),
            log_dir: Some("/tmp/itinera-logs".into()),
        }
    }

    fn unused_default() -> PathBuf {
        panic!("the per-user default must not be consulted when a database was named")
    }

    fn unused_settings() -> Result<Option<String>, SettingsError> {
        panic!("the settings file must not be read when --db or ITINERA_DB names a database")
    }

    fn no_settings() -> Result<Option<String>, SettingsError> {
        Ok(None)
    }

    #[test]
    fn saved_choice_wins_over_default_but_not_over_argument_or_environment() {
        let saved = || {
            Ok(Some(
                "postgres://planner@db.office.example:5432/itinera".to_owned(),
            ))
        };
        let o = resolve(args(&[]), env(None), saved, unused_default).expect("valid");
        assert_eq!(
            o.db,
            PathBuf::from("postgres://planner@db.office.example:5432/itinera"),
            "the database chosen in Settings is used when nothing else names one"
        );
        assert_eq!(
            o.source,
            DatabaseSource::Settings,
            "and its source is reported"
        );
        let o = resolve(
            args(&[]),
            env(Some("/tmp/env.db")),
            unused_settings,
            unused_default,
        )
        .expect("valid");
        assert_eq!(
            o.source,
            DatabaseSource::Environment,
            "ITINERA_DB overrides Settings"
        );
        let o = resolve(
            args(&["--db", "/a.db"]),
            env(None),
            unused_settings,
            unused_default,
        )
        .expect("valid");
        assert_eq!(
            o.source,
            DatabaseSource::Argument,
            "--db overrides Settings"
        );
        let o =
            resolve(args(&[]), env(None), no_settings, || PathBuf::from("/d.db")).expect("valid");
        assert_eq!(
            (o.db, o.source),
            (PathBuf::from("/d.db"), DatabaseSource::Default),
            "no choice saved: the per-user default"
        );
        let broken = || {
            Err(SettingsError::InvalidFile {
                path: "/home/u/.config/itinera/settings.json".into(),
                reason: "expected value at line 1 column 1".into(),
            })
        };
        let e = resolve(args(&[]), env(None), broken, unused_default)
            .expect_err("an unreadable settings file must not silently fall back");
        assert!(
            e.to_string().contains("settings.json"),
            "the message names the file: {e}"
        );
    }

    #[test]
    fn db_argument_wins_over_environment() {
        let o = resolve(
            args(&["--db", "/tmp/빈 폴더/a.db"]),
            env(Some("/tmp/env.db")),
            unused_settings,
            unused_default,
        )
        .expect("valid arguments");
        assert_eq!(
            o.db,
            PathBuf::from("/tmp/빈 폴더/a.db"),
            "--db must win over ITINERA_DB"
        );
        let o = resolve(
            args(&["--db=/tmp/b.db"]),
            env(Some("/tmp/env.db")),
            unused_settings,
            unused_default,
        )
        .expect("valid arguments");
        assert_eq!(
            o.db,
            PathBuf::from("/tmp/b.db"),
            "--db=PATH is the same as --db PATH"
        );
    }

    #[test]
    fn environment_wins_over_default_and_blank_is_unset() {
        let o = resolve(
            args(&[]),
            env(Some("/tmp/env.db")),
            unused_settings,
            unused_default,
        )
        .expect("valid");
        assert_eq!(
            o.db,
            PathBuf::from("/tmp/env.db"),
            "ITINERA_DB names the file"
        );
        let o = resolve(args(&[]), env(Some("")), no_settings, || {
            PathBuf::from("/home/u/.local/x.db")
        })
        .expect("valid");
        assert_eq!(
            o.db,
            PathBuf::from("/home/u/.local/x.db"),
            "a blank ITINERA_DB means unset"
        );
    }

    #[test]
    fn bad_db_arguments_are_refused_with_a_reason() {
        let e = resolve(args(&["--db"]), env(None), unused_settings, unused_default)
            .expect_err("no path");
        assert_eq!(
            e,
            LaunchError::MissingDbPath,
            "a dangling --db must not fall back silently"
        );
        let e = resolve(
            args(&["--db", "/a.db", "--db", "/b.db"]),
            env(None),
            unused_settings,
            unused_default,
        )
        .expect_err("two different files");
        assert!(
            e.to_string().contains("/a.db"),
            "the message names both files: {e}"
        );
        // The same file twice is harmless (some launchers repeat arguments).
        let o = resolve(
            args(&["--db", "/a.db", "--db=/a.db"]),
            env(None),
            unused_settings,
            unused_default,
        )
        .expect("same file twice");
        assert_eq!(o.db, PathBuf::from("/a.db"));
    }

    #[test]
    fn other_arguments_are_left_alone_and_log_dir_follows_environment() {
        let o = resolve(
            args(&["--gtk-debug", "misc", "--db", "/a.db"]),
            env(None),
            unused_settings,
            unused_default,
        )
        .expect("unknown flags belong to the platform");
        assert_eq!(o.db, PathBuf::from("/a.db"));
        assert_eq!(
            o.log_dir,
            PathBuf::from("/tmp/itinera-logs"),
            "ITINERA_LOG_DIR is honoured"
        );
    }
}
