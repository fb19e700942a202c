//! Itinera's desktop shell: wiring only.
//!
//! Start-up order: resolve the database (`--db`, `ITINERA_DB`, the Settings choice, per-user
//! default; see [`launch`]), start the log, take the one-instance lock on that file, open the
//! store, then open the window with the store as managed state. The lock is held until the window closes; a second
//! Itinera on the same file explains itself (dialog and log) and exits with status 1.
//! Everything the window can do is in [`commands`]; the domain lives in the `itinera` crate.

pub mod commands;
pub mod database;
pub mod launch;
pub mod logging;
pub mod operations;
pub mod planning;
pub mod resources;
pub mod roster;
pub mod scheduling;

use std::path::Path;
use std::process::ExitCode;

use itinera::store::{InstanceLock, Store, is_postgres, redact_url};
use tauri::Emitter;

/// The app event carrying an [`itinera::store::StoreChange`] committed by any workstation.
pub const CHANGED_EVENT: &str = "itinera://changed";

/// Why the app could not start, for the person who launched it.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The command line was wrong.
    #[error(transparent)]
    Launch(#[from] launch::LaunchError),
    /// The database could not be locked or opened.
    #[error(transparent)]
    Store(#[from] itinera::Error),
    /// The window could not be created.
    #[error("the window could not be opened: {0}")]
    Window(#[from] tauri::Error),
}

/// Opens the window and runs until it closes. Returns the process exit status.
pub fn run() -> ExitCode {
    let paths = itinera::store::ConfigPaths::from_env();
    let options = match launch::resolve(
        std::env::args().skip(1),
        launch::Environment::current(),
        || itinera::store::load_settings(&paths).map(|s| s.database),
        itinera::store::default_location,
    ) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("itinera-app: {e}");
            return ExitCode::from(2);
        }
    };
    let _log = logging::init(&options.log_dir);
    // A PostgreSQL URL may carry a password: the log gets it redacted.
    let shown = redact_url(&options.db.to_string_lossy());
    tracing::info!(db = %shown, version = env!("CARGO_PKG_VERSION"), "starting");
    let in_use = database::DatabaseInUse {
        location: options.db.to_string_lossy().into_owned(),
        source: options.source,
        paths,
    };
    match open_and_run(&options.db, in_use) {
        Ok(code) => {
            tracing::info!(code, "window closed");
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        Err(e) => {
            tracing::error!(error = %e, "could not start");
            tell_user(&e);
            ExitCode::FAILURE
        }
    }
}

/// Locks and opens the database, then runs the window. Returns the event loop's exit code.
fn open_and_run(db: &Path, in_use: database::DatabaseInUse) -> Result<i32, StartError> {
    let location = db.to_string_lossy();
    // The lock guard lives until this function returns, i.e. until the window has closed.
    // A shared PostgreSQL database is meant for several workstations: no lock there.
    let _lock = if is_postgres(&location) {
        None
    } else {
        Some(InstanceLock::acquire(db)?)
    };
    let store = tauri::async_runtime::block_on(Store::open(&location))?;
    let mut changes = tauri::async_runtime::block_on(store.subscribe())?;
    let app = tauri::Builder::default()
        .manage(store.clone())
        .manage(itinera::print::Fonts::new())
        .manage(scheduling::ProposalRuns::default())
        .manage(operations::OperationRuns::default())
        .manage(in_use)
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())?;
    // Live refresh: every committed change of any workstation reaches the window as an
    // app event (on SQLite the stream is empty and this task ends at once).
    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move {
        while let Some(change) = changes.recv().await {
            if let Err(e) = handle.emit(CHANGED_EVENT, &change) {
                tracing::warn!(error = %e, "could not forward a change to the window");
            }
        }
    });
    let code = app.run_return(|_, _| {});
    // Checkpoints the write-ahead log so the file is complete on its own after exit.
    tauri::async_runtime::block_on(store.close());
    Ok(code)
}

/// Shows a start-up failure: always on stderr, and in a dialog when there is a display
/// (someone double-clicked the app and would otherwise see nothing).
fn tell_user(err: &StartError) {
    eprintln!("itinera-app: {err}");
    let has_display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
    if has_display {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Itinera")
            .set_description(err.to_string())
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
}
