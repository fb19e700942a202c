//! The database choice of the Settings dialog: a private settings file without password, the
//! password in a private libpq password file, a password-protected PostgreSQL reached
//! through the saved choice alone (by the real `itinera` binary), clear errors for a wrong
//! password, a missing database, an unreachable port or a missing folder, and no password in
//! the log.
//!
//! The password-protected server is the shared test server of `pg_support` with one extra
//! role whose host connections must authenticate with SCRAM (a `pg_hba.conf` line for that
//! role alone, placed before the `trust` lines, then a configuration reload).

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use itinera::store::{
    ConfigPaths, DatabaseKind, SchemaStatus, SettingsError, Store, load_settings,
    save_database_choice, test_connection,
};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};

/// A password with every character the password file must escape, and some that URLs must.
const PASSWORD: &str = r"Tr0ub4dor:&\Sơn@3";

fn paths(dir: &Path) -> ConfigPaths {
    ConfigPaths {
        settings_file: dir.join("config/itinera/settings.json"),
        pgpass_file: dir.join("pgpass"),
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// A database owned by a role that must give [`PASSWORD`]; its URL without the password.
struct Protected {
    url: String,
    user: String,
    port: u16,
}

static PROTECTED: OnceLock<Protected> = OnceLock::new();

/// Creates the role and its database once per test run, and makes the server demand the
/// role's password over TCP.
fn protected() -> &'static Protected {
    PROTECTED.get_or_init(|| {
        let admin_url = crate::pg_support::fresh_database();
        let admin = PgConnectOptions::from_str(&admin_url).expect("admin url");
        let port = admin.get_port();
        let user = format!("planner_{}", std::process::id());
        let database = format!("office_{}", std::process::id());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let mut conn = PgConnection::connect_with(&admin)
                .await
                .expect("admin connection");
            let literal = PASSWORD.replace('\'', "''");
            for sql in [
                "SET password_encryption = 'scram-sha-256'".to_owned(),
                format!("CREATE ROLE {user} LOGIN PASSWORD '{literal}'"),
                format!("CREATE DATABASE {database} OWNER {user}"),
            ] {
                // Audited: names built from the process id, the password a quoted constant.
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await
                    .expect("setup");
            }
            let hba: String = sqlx::query_scalar("SHOW hba_file")
                .fetch_one(&mut conn)
                .await
                .expect("hba_file");
            let old = std::fs::read_to_string(&hba).expect("read pg_hba.conf");
            // First match wins: this role must authenticate, every other one stays trusted.
            let rule = format!("host all {user} 127.0.0.1/32 scram-sha-256\n");
            std::fs::write(&hba, format!("{rule}{old}")).expect("write pg_hba.conf");
            let _: bool = sqlx::query_scalar("SELECT pg_reload_conf()")
                .fetch_one(&mut conn)
                .await
                .expect("reload");
            let url = format!("postgres://{user}@127.0.0.1:{port}/{database}");
            // The reload is asynchronous: wait until a connection without password is refused.
            let no_password = PgConnectOptions::from_str(&url).expect("url").password("");
            for _ in 0..100 {
                if PgConnection::connect_with(&no_password).await.is_err() {
                    return Protected { url, user, port };
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!("the server still lets {user} in without a password after the reload");
        })
    })
}

/// Runs the real `itinera` binary with no `--db` and no `ITINERA_DB`: only the settings
/// file chooses the database, and only `pgpass` can supply a password.
fn itinera_from_settings(home: &Path, paths: &ConfigPaths, pgpass: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_itinera"))
        .args(args)
        .env_remove("ITINERA_DB")
        .env_remove("PGPASSWORD")
        .env("HOME", home)
        .env(
            "ITINERA_CONFIG_DIR",
            paths.settings_file.parent().expect("config dir"),
        )
        .env("PGPASSFILE", pgpass)
        .output()
        .expect("run itinera")
}

#[test]
fn the_settings_file_is_private_and_never_holds_the_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    // The password written inside the URL, percent-encoded, as a scheduler might paste it.
    let saved = save_database_choice(
        &paths,
        "postgres://planner:Tr0ub4dor%3A%26%5CS%C6%A1n%403@db.office.example:6543/itinera",
        None,
    )
    .expect("a valid choice is saved");
    assert_eq!(
        saved.location, "postgres://planner@db.office.example:6543/itinera",
        "the saved URL keeps user, host, port and database but no password"
    );
    let text = std::fs::read_to_string(&paths.settings_file).expect("settings written");
    assert!(
        !text.contains("Tr0ub4dor") && !text.contains("%3A%26"),
        "the settings file must never hold the password: {text}"
    );
    let settings = load_settings(&paths).expect("the settings read back");
    assert_eq!(
        settings.database.as_deref(),
        Some("postgres://planner@db.office.example:6543/itinera")
    );
    assert_eq!(mode(&paths.settings_file), 0o600, "settings.json is 0600");
    assert_eq!(
        mode(paths.settings_file.parent().expect("dir")),
        0o700,
        "its directory is 0700"
    );
    assert_eq!(mode(&paths.pgpass_file), 0o600, "the password file is 0600");
    let pgpass = std::fs::read_to_string(&paths.pgpass_file).expect("pgpass written");
    assert_eq!(
        pgpass, "db.office.example:6543:itinera:planner:Tr0ub4dor\\:&\\\\Sơn@3\n",
        "the password is decoded, ':' and '\\' escaped, on the line of its host:port:db:user"
    );
    let leftovers: Vec<_> = std::fs::read_dir(paths.settings_file.parent().expect("dir"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != "settings.json")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn a_new_password_replaces_the_old_line_and_other_lines_and_settings_stay() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    std::fs::create_dir_all(paths.settings_file.parent().expect("dir")).expect("mkdir");
    std::fs::write(
        &paths.settings_file,
        r#"{"database": "/home/planner/old.db", "theme": "dark"}"#,
    )
    .expect("older settings");
    let mut old = std::fs::File::create(&paths.pgpass_file).expect("pgpass");
    writeln!(old, "# written by hand").expect("write");
    writeln!(old, "other.example:5432:*:planner:keep-me").expect("write");
    writeln!(old, "db.office.example:5432:itinera:planner:old-secret").expect("write");
    drop(old);
    std::fs::set_permissions(&paths.pgpass_file, std::fs::Permissions::from_mode(0o644))
        .expect("chmod");
    save_database_choice(
        &paths,
        "postgresql://planner@db.office.example:5432/itinera",
        Some("new:secret"),
    )
    .expect("saved");
    let pgpass = std::fs::read_to_string(&paths.pgpass_file).expect("pgpass");
    assert_eq!(
        pgpass,
        "# written by hand\nother.example:5432:*:planner:keep-me\n\
         db.office.example:5432:itinera:planner:new\\:secret\n",
        "the old line of the same host:port:db:user is replaced, comments and others kept"
    );
    assert_eq!(
        mode(&paths.pgpass_file),
        0o600,
        "a password file that was readable by others is 0600 after the save"
    );
    let settings = load_settings(&paths).expect("settings");
    assert_eq!(
        settings.database.as_deref(),
        Some("postgresql://planner@db.office.example:5432/itinera")
    );
    assert_eq!(
        settings.other.get("theme").and_then(|v| v.as_str()),
        Some("dark"),
        "settings this version does not know are kept"
    );
}

#[test]
fn bad_choices_are_refused_with_the_field_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    let e = save_database_choice(&paths, "itinera.db", None).expect_err("relative");
    assert!(
        e.to_string().contains("full path"),
        "a relative path is refused: {e}"
    );
    let e = save_database_choice(&paths, "mysql://planner:pw@db/itinera", None)
        .expect_err("not postgres");
    assert!(
        matches!(e, SettingsError::NotADatabase { .. }) && !e.to_string().contains(":pw@"),
        "another kind of URL is refused without echoing its password: {e}"
    );
    let e = save_database_choice(&paths, "postgres://planner@db/itinera", Some("a\nb"))
        .expect_err("line break");
    assert!(e.to_string().contains("line break"), "{e}");
    assert!(
        !paths.settings_file.exists() && !paths.pgpass_file.exists(),
        "a refused choice writes nothing"
    );
    std::fs::create_dir_all(paths.settings_file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&paths.settings_file, "{ not json").expect("corrupt");
    let e = load_settings(&paths).expect_err("corrupt settings");
    assert!(
        e.to_string().contains("settings.json"),
        "a corrupt settings file is named: {e}"
    );
}

#[tokio::test]
async fn sqlite_tests_name_a_missing_folder_and_never_create_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("없는 폴더/itinera.db");
    let e = test_connection(missing.to_str().expect("utf-8"), None)
        .await
        .expect_err("missing folder");
    assert!(
        matches!(e, SettingsError::FolderMissing { .. }) && e.to_string().contains("없는 폴더"),
        "the message names the missing folder: {e}"
    );
    let file = dir.path().join("office.db");
    let location = file.to_str().expect("utf-8");
    let report = test_connection(location, None).await.expect("a new file");
    assert_eq!(
        (report.kind, report.exists, report.schema),
        (DatabaseKind::Sqlite, false, SchemaStatus::Empty),
        "a file still to create is reported as such"
    );
    assert!(!file.exists(), "testing must not create the file");
    let store = Store::open(location).await.expect("open");
    let plan = itinera::sample::sample_plan().expect("sample");
    store.import_plan(&plan).await.expect("import");
    store.close().await;
    let report = test_connection(location, None)
        .await
        .expect("an Itinera file");
    assert_eq!(report.schema, SchemaStatus::Current, "{report:?}");
    assert!(
        report.delegations > 0 && report.items > 0 && report.server.starts_with("SQLite 3"),
        "the report counts what the file holds: {report:?}"
    );
    let junk = dir.path().join("notes.db");
    std::fs::write(&junk, "not a database, just notes ".repeat(100)).expect("write");
    let e = test_connection(junk.to_str().expect("utf-8"), None)
        .await
        .expect_err("not a database");
    assert!(
        e.to_string().contains("notes.db"),
        "a file that is not a database is named: {e}"
    );
}

#[tokio::test]
async fn an_unreachable_port_names_host_and_port() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let e = test_connection(
        &format!("postgres://planner@127.0.0.1:{port}/itinera"),
        Some("x"),
    )
    .await
    .expect_err("nothing listens there");
    assert!(
        matches!(e, SettingsError::Unreachable { .. })
            && e.to_string().contains(&format!("127.0.0.1:{port}")),
        "the message names host and port: {e}"
    );
}

#[tokio::test]
async fn a_missing_database_is_named() {
    let url = crate::pg_support::server().url("no_such_office");
    let e = test_connection(&url, None).await.expect_err("no database");
    assert!(
        matches!(e, SettingsError::DatabaseMissing { .. })
            && e.to_string().contains("'no_such_office'"),
        "the message names the database: {e}"
    );
}

#[tokio::test]
async fn a_wrong_password_gives_a_clear_error_without_echoing_it() {
    let p = tokio::task::spawn_blocking(protected)
        .await
        .expect("the protected role is set up");
    let e = test_connection(&p.url, Some("not-the-password"))
        .await
        .expect_err("wrong password");
    let message = e.to_string();
    assert!(
        matches!(e, SettingsError::WrongPassword { .. })
            && message.contains(&p.user)
            && message.contains(&format!("127.0.0.1:{}", p.port)),
        "the message says the password was refused and for whom: {message}"
    );
    assert!(!message.contains("not-the-password"), "{message}");
}

#[tokio::test]
async fn the_saved_choice_reaches_a_protected_server_without_a_password_in_the_url() {
    let p = tokio::task::spawn_blocking(protected)
        .await
        .expect("the protected role is set up");
    let report = test_connection(&p.url, Some(PASSWORD))
        .await
        .expect("the right password passes the test");
    assert_eq!(
        (report.kind, report.schema),
        (DatabaseKind::Postgres, SchemaStatus::Empty),
        "an empty database: {report:?}"
    );
    assert!(report.server.starts_with("PostgreSQL "), "{report:?}");
    let again = test_connection(&p.url, Some(PASSWORD))
        .await
        .expect("again");
    assert_eq!(
        again.schema,
        SchemaStatus::Empty,
        "a test never migrates: the database is still empty afterwards"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    save_database_choice(&paths, &p.url, Some(PASSWORD)).expect("saved");
    let settings = std::fs::read_to_string(&paths.settings_file).expect("settings");
    assert!(!settings.contains("Tr0ub4dor"), "{settings}");

    let out = itinera_from_settings(dir.path(), &paths, &paths.pgpass_file, &["info"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "itinera follows the saved choice and sqlx reads the password file: {}{}",
        stdout,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&p.url),
        "the database in use is the saved one: {stdout}"
    );
    assert!(!stdout.contains("Tr0ub4dor"), "{stdout}");

    // Control: the same run with an empty password file is refused, so the password above
    // really came from the file and not from somewhere else.
    let empty = dir.path().join("empty-pgpass");
    std::fs::write(&empty, "").expect("write");
    std::fs::set_permissions(&empty, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let out = itinera_from_settings(dir.path(), &paths, &empty, &["info"]);
    assert!(
        !out.status.success(),
        "without the password file the server refuses: {}",
        String::from_utf8_lossy(&out.stdout)
    );

    // `itinera info` opened the store, which set the schema up (a test never does).
    let after = test_connection(&p.url, Some(PASSWORD))
        .await
        .expect("after");
    assert_eq!(after.schema, SchemaStatus::Current, "{after:?}");
}

#[test]
fn a_corrupt_settings_file_stops_the_command_line_instead_of_using_another_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    std::fs::create_dir_all(paths.settings_file.parent().expect("dir")).expect("mkdir");
    std::fs::write(&paths.settings_file, "{\"database\": 42}").expect("write");
    let out = itinera_from_settings(dir.path(), &paths, &paths.pgpass_file, &["info"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "bad input: {stderr}");
    assert!(
        stderr.contains("settings.json"),
        "the file is named: {stderr}"
    );
    assert!(
        !dir.path().join(".local").exists(),
        "no default database was created instead"
    );
}

/// Collects what is logged, from every thread, while `on` is set.
#[derive(Clone, Default)]
struct Captured {
    on: Arc<std::sync::atomic::AtomicBool>,
    text: Arc<Mutex<Vec<u8>>>,
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.on.load(std::sync::atomic::Ordering::SeqCst) {
            self.text
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The process-wide capture. A global subscriber, not a thread-local default: with tests
/// running in parallel, tracing's per-callsite interest cache can be computed by another
/// thread without the thread-local subscriber, and then this thread's events are skipped
/// (seen in CI). No other test of this binary installs a subscriber.
fn capture() -> &'static Captured {
    static CAPTURE: OnceLock<Captured> = OnceLock::new();
    CAPTURE.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other global subscriber in this test binary");
        captured
    })
}

#[tokio::test]
async fn the_log_never_contains_the_password() {
    let p = tokio::task::spawn_blocking(protected)
        .await
        .expect("the protected role is set up");
    let captured = capture();
    captured.on.store(true, std::sync::atomic::Ordering::SeqCst);
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = paths(dir.path());
    let with_password = p
        .url
        .replacen("@", &format!(":{}@", "Tr0ub4dor%3A%26%5CS%C6%A1n%403"), 1);
    let _ = test_connection(&p.url, Some("wrong-Tr0ub4dor")).await;
    let _ = test_connection(&with_password, None)
        .await
        .expect("right password in the URL");
    let _ = test_connection(&p.url, Some(PASSWORD))
        .await
        .expect("right password");
    save_database_choice(&paths, &with_password, None).expect("saved");
    captured
        .on
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let log = String::from_utf8(captured.text.lock().expect("log").clone()).expect("utf-8 log");
    assert!(
        log.contains("connection test failed") && log.contains("database choice saved"),
        "the capture saw the tests and the save: {log}"
    );
    assert!(
        !log.contains("Tr0ub4dor") && !log.contains("%3A%26"),
        "no password, plain or encoded, may reach the log:\n{log}"
    );
}
