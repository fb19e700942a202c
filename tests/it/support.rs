//! Shared test support: temporary databases and the real `itinera` binary.

use std::path::{Path, PathBuf};
use std::process::Output;

use itinera::store::Store;

/// A temporary directory with a database path inside; removed when dropped.
pub struct TempDb {
    /// Keeps the directory alive.
    pub dir: tempfile::TempDir,
    /// The database file.
    pub path: PathBuf,
}

impl TempDb {
    /// A new, empty location.
    pub fn new() -> TempDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("office.db");
        TempDb { dir, path }
    }

    /// Opens the store on it.
    pub async fn open(&self) -> Store {
        Store::open(self.path.to_str().expect("utf-8 path"))
            .await
            .expect("open store")
    }

    /// Runs the `itinera` binary with `--db` pointing here.
    pub fn itinera(&self, args: &[&str]) -> Output {
        itinera_at(&self.path, args)
    }
}

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
