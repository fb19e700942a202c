//! The Database section of the Settings dialog: which database this window works on, testing
//! another one, and switching to it (saved in the per-user settings, then the app restarts
//! so every screen reloads against the new store; `AppHandle::request_restart`).
//!
//! Invariants: a choice is saved only after its connection test passed; the password goes
//! to the password file, never to the settings file, the log or an error message; when
//! `--db` or `ITINERA_DB` chose this session's database the choice is saved but the app does
//! not restart (it would come back on the same database) and the outcome says why.

use std::time::Duration;

use itinera::store::{
    ConfigPaths, ConnectionReport, DatabaseChoice, DatabaseKind, DatabaseSettings, DatabaseSource,
    SettingsError, Store, SwitchOutcome, load_settings, redact_url, save_database_choice,
    split_password, test_connection,
};
use itinera::{ErrorKind, UiError};
use tauri::{AppHandle, Runtime, State};

/// How long the window has to show "restarting…" before the app restarts.
const RESTART_DELAY: Duration = Duration::from_millis(400);

/// The database of this session and where its choice came from (managed state).
#[derive(Debug, Clone)]
pub struct DatabaseInUse {
    /// The location as resolved at start-up (it may carry a password: never shown as is).
    pub location: String,
    /// Which level of the start-up order chose it.
    pub source: DatabaseSource,
    /// Where the settings and password files are.
    pub paths: ConfigPaths,
}

fn to_ui(command: &'static str, err: SettingsError) -> UiError {
    tracing::warn!(command, kind = ?err.kind(), %err, "command failed");
    UiError {
        kind: err.kind(),
        message: err.message(crate::commands::window_language()),
        field: None,
    }
}

/// The database in use, its source, and the choice saved in the settings file.
#[tauri::command]
pub async fn database_settings(
    current: State<'_, DatabaseInUse>,
) -> Result<DatabaseSettings, UiError> {
    let saved = load_settings(&current.paths)
        .map_err(|e| to_ui("database_settings", e))?
        .database;
    Ok(DatabaseSettings {
        location: redact_url(&current.location),
        kind: DatabaseKind::of(&current.location),
        source: current.source,
        saved: saved.as_deref().map(redact_url),
        settings_file: current.paths.settings_file.display().to_string(),
        default_location: itinera::store::default_location().display().to_string(),
    })
}

/// Tests a database without changing anything (see `itinera::store::test_connection`).
#[tauri::command]
pub async fn test_database_connection(input: DatabaseChoice) -> Result<ConnectionReport, UiError> {
    test_connection(&input.location, input.password.as_deref())
        .await
        .map_err(|e| to_ui("test_database_connection", e))
}

/// Tests, saves and — unless `--db` / `ITINERA_DB` overrides the settings — restarts the app
/// on the chosen database. A failing test saves nothing.
#[tauri::command]
pub async fn switch_database<R: Runtime>(
    app: AppHandle<R>,
    store: State<'_, Store>,
    current: State<'_, DatabaseInUse>,
    input: DatabaseChoice,
) -> Result<SwitchOutcome, UiError> {
    let wanted = split_password(input.location.trim()).0;
    if wanted == split_password(&current.location).0 {
        let location = redact_url(&wanted);
        let message = if crate::commands::window_language() == itinera::model::Lang::Ko {
            format!("Itinera는 이미 {location}을(를) 쓰고 있습니다")
        } else {
            format!("Itinera is already using {location}")
        };
        return Err(UiError {
            kind: ErrorKind::Invalid,
            message,
            field: None,
        });
    }
    test_connection(&input.location, input.password.as_deref())
        .await
        .map_err(|e| to_ui("switch_database", e))?;
    let saved = save_database_choice(&current.paths, &input.location, input.password.as_deref())
        .map_err(|e| to_ui("switch_database", e))?;
    let overridden_by = match current.source {
        DatabaseSource::Argument | DatabaseSource::Environment => Some(current.source),
        DatabaseSource::Settings | DatabaseSource::Default => None,
    };
    if overridden_by.is_none() {
        tracing::info!(database = %saved.location, "restarting on the new database");
        let store = store.inner().clone();
        tauri::async_runtime::spawn(async move {
            // Lets the window show the outcome, then flushes the old store before the new
            // process opens the new one.
            tokio::time::sleep(RESTART_DELAY).await;
            store.close().await;
            // Asks the event loop to exit and relaunch (same arguments and environment);
            // unlike `restart`, it does not park this worker thread forever.
            app.request_restart();
        });
    }
    Ok(SwitchOutcome {
        saved: saved.location,
        restarting: overridden_by.is_none(),
        overridden_by,
    })
}
