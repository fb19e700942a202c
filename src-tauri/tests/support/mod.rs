//! A window on Tauri's mock runtime with the app's real command handler, and `invoke` as the
//! UI's backend.ts calls it — shared by the command test files.

// Each test binary compiles this module and uses a different part of it.
#![allow(dead_code)]

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

use itinera::store::Store;

/// A mock window over a database in a temporary directory.
pub struct Window {
    _app: App<MockRuntime>,
    /// The window's webview (clone it to call commands from another thread).
    pub webview: WebviewWindow<MockRuntime>,
    /// The temporary directory (database and any files the commands write).
    pub dir: tempfile::TempDir,
    /// The database file.
    pub db: std::path::PathBuf,
}

/// Opens a window on a new database, optionally holding the sample visits.
pub fn open_window(with_sample: bool) -> Window {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("itinera.db");
    let store = tauri::async_runtime::block_on(async {
        let store = Store::open(db.to_str().expect("utf-8 path"))
            .await
            .expect("a new database opens");
        if with_sample {
            let plan = itinera::sample::sample_plan().expect("sample plan");
            store.import_plan(&plan).await.expect("import sample");
        }
        store
    });
    let app = mock_builder()
        .manage(store)
        .manage(itinera::print::Fonts::new())
        .manage(itinera_app::scheduling::ProposalRuns::default())
        .manage(itinera_app::operations::OperationRuns::default())
        .invoke_handler(itinera_app::commands::handler())
        .build(mock_context(noop_assets()))
        .expect("the mock app builds");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("the mock window opens");
    Window {
        _app: app,
        webview,
        dir,
        db,
    }
}

/// Calls a command as the UI's backend.ts does: `invoke(cmd, { input })`.
pub fn invoke(w: &Window, cmd: &str, args: Value) -> Result<Value, Value> {
    invoke_on(&w.webview, cmd, args)
}

/// [`invoke`] on a webview handle (a clone may call from another thread while a command of
/// the window is still running).
pub fn invoke_on(
    webview: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // On Linux the IPC accepts the custom-protocol origin (not http://tauri.localhost).
            url: "tauri://localhost".parse().expect("valid url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("a JSON result"))
}
