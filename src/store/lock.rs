//! One running app per database file.
//!
//! Two windows writing one SQLite file would each hold stale copies of the same visit; the
//! app takes an exclusive lock on `<database>.lock` for its lifetime. The lock is an OS file
//! lock, so it disappears with the process even after a crash.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::wording::Text;
use crate::{Error, Result};

/// Held while the app runs; dropping it releases the database for another instance.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
    path: PathBuf,
}

impl InstanceLock {
    /// Takes the lock for `db_path`, or fails with [`Error::Locked`] when another instance
    /// holds it.
    pub fn acquire(db_path: &Path) -> Result<InstanceLock> {
        let mut name = db_path.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(Error::Locked(Text::new(
                format!(
                    "Itinera is already open on {} — switch to that window, or close it first",
                    db_path.display()
                ),
                format!(
                    "{}을(를) 이미 다른 Itinera 창이 열고 있습니다. 그 창으로 가거나 먼저 닫으세요",
                    db_path.display()
                ),
            ))),
            Err(TryLockError::Error(source)) => Err(Error::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_on_the_same_file_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("office.db");
        let first = InstanceLock::acquire(&db).expect("first instance gets the lock");
        let second = InstanceLock::acquire(&db).expect_err("a second instance must be refused");
        assert!(
            matches!(second, Error::Locked(_)),
            "refusal must be Locked, got {second:?}"
        );
        drop(first);
        InstanceLock::acquire(&db).expect("the lock is free again once the first app closes");
    }
}
