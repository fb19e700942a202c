//! Shared test support: temporary databases and the real `itinera` binary.

use std::path::{Path, PathBuf};
use std::process::Output;

use itinera::store::Store;

/// The databases the store runs on; store tests run on each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A database on the throw-away PostgreSQL server of `pg_support`.
    Postgres,
}

/// A temporary directory (for the SQLite file and any test files); removed when dropped. On
/// PostgreSQL the database lives on the test server and goes with it.
pub struct TempDb {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
    /// What `Store::open` and `--db` get: the file path or the PostgreSQL URL.
    pub location: String,
}

impl TempDb {
    /// A new, empty SQLite location.
    pub fn new() -> TempDb {
        TempDb::on(Backend::Sqlite)
    }

    /// A new, empty database on `backend`.
    pub fn on(backend: Backend) -> TempDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("office.db");
        let location = match backend {
            Backend::Sqlite => path.to_str().expect("utf-8 path").to_owned(),
            Backend::Postgres => crate::pg_support::fresh_database(),
        };
        TempDb { dir, location }
    }

    /// Opens the store on it.
    pub async fn open(&self) -> Store {
        Store::open(&self.location).await.expect("open store")
    }

    /// Runs the `itinera` binary with `--db` pointing here.
    pub fn itinera(&self, args: &[&str]) -> Output {
        itinera_at(Path::new(&self.location), args)
    }
}

/// Generates one test per backend from `async fn name(backend: Backend)`: `name::sqlite`
/// and `name::postgres`, with the tokio flavour given (default: current thread).
macro_rules! on_both_databases {
    ($name:ident $(, $flavor:tt)?) => {
        mod $name {
            use crate::support::Backend;

            #[tokio::test $($flavor)?]
            async fn sqlite() {
                super::$name(Backend::Sqlite).await
            }

            #[tokio::test $($flavor)?]
            async fn postgres() {
                super::$name(Backend::Postgres).await
            }
        }
    };
}
pub(crate) use on_both_databases;

/// Runs the real `itinera` binary on the database at `db`.
pub fn itinera_at(db: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_itinera"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ITINERA_DB")
        .output()
        .expect("run itinera")
}

/// The repository root (for examples and docs).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `itinera copy --from <from> --to <to> [--replace]`.
pub fn itinera_copy(from: &str, to: &str, replace: bool) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_itinera"));
    cmd.args(["copy", "--from", from, "--to", to]);
    if replace {
        cmd.arg("--replace");
    }
    cmd.env_remove("ITINERA_DB")
        .output()
        .expect("run itinera copy")
}

/// A new database on `backend` holding the office sample (two overlapping visits).
pub async fn with_sample(backend: Backend) -> (TempDb, itinera::store::Store) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    store
        .import_plan(&itinera::plan::read(&text, None).expect("valid"))
        .await
        .expect("import");
    (db, store)
}
