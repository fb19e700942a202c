//! The Database section's commands through Tauri's real IPC layer (mock runtime, no display):
//! what the window is told about the database in use, a connection test of a SQLite path,
//! and a switch that is refused when the test fails or saved without restarting when `--db`
//! overrides the settings. The switch that restarts the app is not driven here: restarting
//! would end the test process.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use itinera::store::{ConfigPaths, DatabaseSource, Store};
use itinera_app::database::DatabaseInUse;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// A mock window on a SQLite file chosen by `source`, with its config files in `dir`.
struct Window {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    paths: ConfigPaths,
    db: String,
}

fn open_window(dir: &Path, source: DatabaseSource) -> Window {
    let db = dir.join("current.db").to_str().expect("utf-8").to_owned();
    let store = tauri::async_runtime::block_on(Store::open(&db)).expect("store opens");
    let paths = ConfigPaths {
        settings_file: dir.join("config/settings.json"),
        pgpass_file: dir.join("pgpass"),
    };
    let app = mock_builder()
        .manage(store)
        .manage(itinera::print::Fonts::new())
        .manage(DatabaseInUse {
            location: db.clone(),
            source,
            paths: paths.clone(),
        })
        .invoke_handler(itinera_app::commands::handler())
        .build(mock_context(noop_assets()))
        .expect("the mock app builds");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the mock window opens");
    Window {
        _app: app,
        webview,
        paths,
        db,
    }
}

/// Calls a command as the UI's backend.ts does: `invoke(cmd, { input })`.
fn invoke(w: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        &w.webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("valid url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("a JSON result"))
}

#[test]
fn database_settings_names_the_database_in_use_and_its_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let w = open_window(dir.path(), DatabaseSource::Environment);
    let s = invoke(&w, "database_settings", json!({})).expect("database_settings");
    assert_eq!(s["location"], w.db.as_str(), "the database in use: {s}");
    assert_eq!(s["kind"], "sqlite", "{s}");
    assert_eq!(
        s["source"], "environment",
        "the dialog can say ITINERA_DB chose it: {s}"
    );
    assert_eq!(s["saved"], Value::Null, "nothing saved yet: {s}");
    assert!(
        s["settings_file"]
            .as_str()
            .is_some_and(|f| f.ends_with("config/settings.json")),
        "{s}"
    );
}

#[test]
fn testing_a_sqlite_path_reports_it_and_a_missing_folder_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let w = open_window(dir.path(), DatabaseSource::Default);
    let other = dir.path().join("다른.db");
    let report = invoke(
        &w,
        "test_database_connection",
        json!({"input": {"location": other.to_str().expect("utf-8")}}),
    )
    .expect("a new file in an existing folder passes");
    assert_eq!(report["kind"], "sqlite", "{report}");
    assert_eq!(report["exists"], false, "{report}");
    assert_eq!(report["schema"], "empty", "{report}");
    assert!(!other.exists(), "a test creates nothing");
    let current = invoke(
        &w,
        "test_database_connection",
        json!({"input": {"location": w.db}}),
    )
    .expect("the database in use can be tested too");
    assert_eq!(current["schema"], "current", "{current}");
    let err = invoke(
        &w,
        "test_database_connection",
        json!({"input": {"location": dir.path().join("nowhere/a.db").to_str().expect("utf-8")}}),
    )
    .expect_err("missing folder");
    assert_eq!(err["kind"], "invalid", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("nowhere")),
        "the message names the folder: {err}"
    );
}

#[test]
fn a_switch_whose_test_fails_saves_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let w = open_window(dir.path(), DatabaseSource::Default);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port");
    let err = invoke(
        &w,
        "switch_database",
        json!({"input": {"location": format!("postgres://planner@127.0.0.1:{port}/itinera"), "password": "s3cret"}}),
    )
    .expect_err("nothing listens there");
    assert_eq!(err["kind"], "storage", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("127.0.0.1:{port}")) && !m.contains("s3cret")),
        "host and port named, password never: {err}"
    );
    assert!(
        !w.paths.settings_file.exists() && !w.paths.pgpass_file.exists(),
        "a failed test must not save the choice nor the password"
    );
    let err = invoke(&w, "switch_database", json!({"input": {"location": w.db}}))
        .expect_err("the same database");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("already using")),
        "switching to the database in use is refused: {err}"
    );
}

#[test]
fn a_switch_under_a_db_argument_is_saved_without_restarting_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let w = open_window(dir.path(), DatabaseSource::Argument);
    let next = dir.path().join("next.db");
    let outcome = invoke(
        &w,
        "switch_database",
        json!({"input": {"location": next.to_str().expect("utf-8")}}),
    )
    .expect("a valid choice is saved");
    assert_eq!(
        outcome["restarting"], false,
        "restarting would reopen the --db database: {outcome}"
    );
    assert_eq!(outcome["overridden_by"], "argument", "{outcome}");
    let mode = std::fs::metadata(&w.paths.settings_file)
        .expect("settings written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "the settings file is private");
    let s = invoke(&w, "database_settings", json!({})).expect("database_settings");
    assert_eq!(
        s["saved"],
        next.to_str().expect("utf-8"),
        "the saved choice is shown beside the database in use: {s}"
    );
    assert_eq!(
        s["location"],
        w.db.as_str(),
        "this session keeps its database"
    );
}
