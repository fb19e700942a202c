//! Testing a database before switching to it: can it be reached, with which password, what
//! does it hold, and is its schema one this version can use.
//!
//! Decision: a test only reads. It opens one connection (no pool), never runs migrations
//! and never creates a SQLite file; an empty database or an older schema is reported
//! ([`SchemaStatus::Empty`], [`SchemaStatus::Upgrade`]) and set up by [`super::Store::open`]
//! when the scheduler actually switches. So pressing "Test connection" on the wrong server
//! leaves no tables behind. Failures are classified into [`SettingsError`] variants that
//! name the host, port, user or database; the password is never part of a message or log.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Row};
use ts_rs::TS;

use super::settings::{SettingsError, percent_decode, pg_options, sqlite_path};
use super::{is_postgres, redact_url, split_password};

/// How long a server may take to accept a connection before it counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

// The same migration folders the stores run: their newest version is the schema this build
// expects (embedding them twice costs a few kilobytes and keeps the stores' migrators private).
static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// The two kinds of database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DatabaseKind {
    /// An embedded SQLite file, for one workstation.
    Sqlite,
    /// A PostgreSQL server shared by an office.
    Postgres,
}

impl DatabaseKind {
    /// The kind of a location.
    pub fn of(location: &str) -> DatabaseKind {
        if is_postgres(location) {
            DatabaseKind::Postgres
        } else {
            DatabaseKind::Sqlite
        }
    }
}

/// The schema of a tested database compared with what this version expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SchemaStatus {
    /// Nothing there yet (or a SQLite file still to be created): set up when switching.
    Empty,
    /// Exactly the schema of this version.
    Current,
    /// An older Itinera schema: upgraded when switching.
    Upgrade,
}

/// What a successful connection test found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionReport {
    /// SQLite file or PostgreSQL server.
    pub kind: DatabaseKind,
    /// The location tested, password removed.
    pub location: String,
    /// The database software and version ("PostgreSQL 15.14", "SQLite 3.46.0").
    pub server: String,
    /// Whether the database exists already (false: a SQLite file created when switching).
    pub exists: bool,
    /// The schema compared with this version's.
    pub schema: SchemaStatus,
    /// The newest migration applied there (0 when empty).
    pub schema_version: u32,
    /// The newest migration this version has.
    pub app_schema_version: u32,
    /// Delegations held.
    pub delegations: u32,
    /// Itinerary items held.
    pub items: u32,
}

/// Tests `location` with `password` (for a PostgreSQL URL without one; else the URL's own,
/// then `PGPASSWORD` / the password file, as when the app opens it). Reads only; see the
/// module documentation.
pub async fn test_connection(
    location: &str,
    password: Option<&str>,
) -> Result<ConnectionReport, SettingsError> {
    let location = location.trim();
    let shown = redact_url(location);
    let report = if is_postgres(location) {
        test_postgres(location, password.filter(|p| !p.is_empty())).await
    } else {
        test_sqlite(location).await
    };
    match &report {
        Ok(r) => {
            tracing::info!(location = %shown, server = %r.server, schema = ?r.schema, "connection test passed")
        }
        Err(e) => tracing::info!(location = %shown, error = %e, "connection test failed"),
    }
    report
}

/// A migration version for the UI (they are small positive numbers: 1, 2, 3…).
fn version_number(version: i64) -> u32 {
    u32::try_from(version).unwrap_or(u32::MAX)
}

fn newest(migrator: &sqlx::migrate::Migrator) -> i64 {
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The status of a schema at `found` for a build whose newest migration is `supported`.
fn schema_status(
    location: &str,
    found: i64,
    supported: i64,
) -> Result<SchemaStatus, SettingsError> {
    match found {
        0 => Ok(SchemaStatus::Empty),
        f if f == supported => Ok(SchemaStatus::Current),
        f if f < supported => Ok(SchemaStatus::Upgrade),
        found => Err(SettingsError::SchemaTooNew {
            location: location.to_owned(),
            found,
            supported,
        }),
    }
}

async fn test_postgres(
    location: &str,
    password: Option<&str>,
) -> Result<ConnectionReport, SettingsError> {
    let (url, in_url) = split_password(location);
    let shown = redact_url(location);
    let mut options = pg_options(&url)?;
    // A password typed in the dialog wins over one in the URL, which wins over the files.
    match (password, in_url) {
        (Some(p), _) => options = options.password(p),
        (None, Some(p)) => options = options.password(&percent_decode(&p, &url)?),
        (None, None) => {}
    }
    let host = options.get_host().to_owned();
    let port = options.get_port();
    let user = options.get_username().to_owned();
    let database = options.get_database().unwrap_or(&user).to_owned();
    let mut conn =
        match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options)).await {
            Err(_) => {
                return Err(SettingsError::Unreachable {
                    host,
                    port,
                    reason: format!("no answer within {} s", CONNECT_TIMEOUT.as_secs()),
                });
            }
            Ok(Ok(conn)) => conn,
            Ok(Err(e)) => {
                return Err(match &e {
                    sqlx::Error::Io(io) => SettingsError::Unreachable {
                        host,
                        port,
                        reason: io.to_string(),
                    },
                    sqlx::Error::Database(d) => match d.code().as_deref() {
                        // invalid_password
                        Some("28P01") => SettingsError::WrongPassword { host, port, user },
                        // invalid_catalog_name
                        Some("3D000") => SettingsError::DatabaseMissing {
                            host,
                            port,
                            database,
                        },
                        // invalid_authorization_specification: no pg_hba rule, no such role
                        Some("28000") => SettingsError::Refused {
                            host,
                            port,
                            user,
                            reason: d.message().to_owned(),
                        },
                        _ => SettingsError::Database {
                            location: shown,
                            reason: d.message().to_owned(),
                        },
                    },
                    other => SettingsError::Database {
                        location: shown,
                        reason: other.to_string(),
                    },
                });
            }
        };
    let version = conn.server_version_num().unwrap_or(0);
    let server = format!("PostgreSQL {}.{}", version / 10000, version % 100);
    let read = |e: sqlx::Error| SettingsError::Database {
        location: shown.clone(),
        reason: e.to_string(),
    };
    let tracked: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut conn)
        .await
        .map_err(read)?;
    let (found, delegations, items) = if tracked {
        let row = sqlx::query(
            "SELECT (SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success),
                    (SELECT COUNT(*) FROM delegations), (SELECT COUNT(*) FROM items)",
        )
        .fetch_one(&mut conn)
        .await
        .map_err(read)?;
        (
            row.try_get::<i64, _>(0).map_err(read)?,
            row.try_get::<i64, _>(1).map_err(read)?,
            row.try_get::<i64, _>(2).map_err(read)?,
        )
    } else {
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables
             WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
        )
        .fetch_one(&mut conn)
        .await
        .map_err(read)?;
        if tables > 0 {
            return Err(SettingsError::NotItinera {
                location: shown,
                tables,
            });
        }
        (0, 0, 0)
    };
    let _ = conn.close().await;
    let supported = newest(&POSTGRES_MIGRATIONS);
    Ok(ConnectionReport {
        kind: DatabaseKind::Postgres,
        schema: schema_status(&shown, found, supported)?,
        location: shown,
        server,
        exists: true,
        schema_version: version_number(found),
        app_schema_version: version_number(supported),
        delegations: u32::try_from(delegations).unwrap_or(u32::MAX),
        items: u32::try_from(items).unwrap_or(u32::MAX),
    })
}

async fn test_sqlite(location: &str) -> Result<ConnectionReport, SettingsError> {
    let path = sqlite_path(location)?;
    let shown = path.display().to_string();
    let supported = newest(&SQLITE_MIGRATIONS);
    let folder = path.parent().unwrap_or(Path::new("/"));
    if !folder.is_dir() {
        return Err(SettingsError::FolderMissing {
            folder: folder.display().to_string(),
        });
    }
    let not_db = |e: sqlx::Error| SettingsError::NotADatabaseFile {
        path: shown.clone(),
        reason: e
            .as_database_error()
            .map(|d| d.message().to_owned())
            .unwrap_or_else(|| e.to_string()),
    };
    let server = |conn_version: Option<String>| {
        format!("SQLite {}", conn_version.unwrap_or_else(|| "3".into()))
    };
    if !path.exists() {
        // Only the library version is wanted: ask a throw-away in-memory database.
        let memory = SqliteConnectOptions::from_str("sqlite::memory:").map_err(not_db)?;
        let mut conn = SqliteConnection::connect_with(&memory)
            .await
            .map_err(not_db)?;
        let version: Option<String> = sqlx::query_scalar("SELECT sqlite_version()")
            .fetch_one(&mut conn)
            .await
            .ok();
        let _ = conn.close().await;
        return Ok(ConnectionReport {
            kind: DatabaseKind::Sqlite,
            location: shown,
            server: server(version),
            exists: false,
            schema: SchemaStatus::Empty,
            schema_version: 0,
            app_schema_version: version_number(supported),
            delegations: 0,
            items: 0,
        });
    }
    // Opened without `create_if_missing` and without migrating: nothing is written.
    let options = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(false);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(not_db)?;
    let version: Option<String> = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut conn)
        .await
        .ok();
    // The first real read: a file that is not a database fails here ("file is not a database").
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut conn)
            .await
            .map_err(not_db)?;
    let (found, delegations, items) = if tables.iter().any(|t| t == "_sqlx_migrations") {
        let row = sqlx::query(
            "SELECT (SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success),
                    (SELECT COUNT(*) FROM delegations), (SELECT COUNT(*) FROM items)",
        )
        .fetch_one(&mut conn)
        .await
        .map_err(not_db)?;
        (
            row.try_get::<i64, _>(0).map_err(not_db)?,
            row.try_get::<i64, _>(1).map_err(not_db)?,
            row.try_get::<i64, _>(2).map_err(not_db)?,
        )
    } else if tables.is_empty() {
        (0, 0, 0)
    } else {
        return Err(SettingsError::NotItinera {
            location: shown,
            tables: i64::try_from(tables.len()).unwrap_or(i64::MAX),
        });
    };
    let _ = conn.close().await;
    Ok(ConnectionReport {
        kind: DatabaseKind::Sqlite,
        schema: schema_status(&shown, found, supported)?,
        location: shown,
        server: server(version),
        exists: true,
        schema_version: version_number(found),
        app_schema_version: version_number(supported),
        delegations: u32::try_from(delegations).unwrap_or(u32::MAX),
        items: u32::try_from(items).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_versions_compare_against_this_build() {
        assert_eq!(
            schema_status("x", 0, 5).expect("ok"),
            SchemaStatus::Empty,
            "no migrations yet: set up on switch"
        );
        assert_eq!(schema_status("x", 5, 5).expect("ok"), SchemaStatus::Current);
        assert_eq!(
            schema_status("x", 3, 5).expect("ok"),
            SchemaStatus::Upgrade,
            "an older schema is upgraded on switch"
        );
        let e = schema_status("db", 6, 5).expect_err("newer");
        assert!(
            e.to_string().contains("schema 6") && e.to_string().contains("knows 5"),
            "a newer schema is refused with both versions: {e}"
        );
    }
}
