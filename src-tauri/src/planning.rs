//! Commands for planning itineraries: items and their conflicts, the shared directory,
//! printing and calendar files. Each is an adapter like those in [`crate::commands`]: state
//! and one input struct → an `itinera` function → `Result<_, UiError>`.

use std::path::{Path, PathBuf};

use itinera::api::{
    AcknowledgeInput, CalendarToFile, ChangesInput, CheckInput, DeleteDirectoryEntry,
    DirectoryListing, DirectoryRecord, ItemRecord, KeyInput, MessageLanguage, OfficeRecord,
    PrintToFile, ReleaseInfo, SaveDirectoryEntry, SaveItem, SaveOfficeSettings, SavedFile,
    SavedItem, SetTravelTime, WorkstationUser,
};
use itinera::calendar::{self, CalendarOptions, CalendarScope};
use itinera::conflicts::{AcknowledgedConflict, Conflict};
use itinera::model::DirectorySettings;
use itinera::print::{ChangesBox, Fonts};
use itinera::publish::{self, DocumentRequest, PrintRequest};
use itinera::store::Store;
use itinera::{Error, UiError};
use tauri::State;

use crate::commands::to_ui;

/// The items of a delegation.
#[tauri::command]
pub async fn list_items(
    store: State<'_, Store>,
    input: KeyInput,
) -> Result<Vec<ItemRecord>, UiError> {
    store
        .list_items(&input.key)
        .await
        .map_err(|e| to_ui("list_items", e))
}

/// Creates or updates an item; a confirmed item with a blocking conflict is refused.
#[tauri::command]
pub async fn save_item(store: State<'_, Store>, input: SaveItem) -> Result<SavedItem, UiError> {
    store
        .save_item(input)
        .await
        .map_err(|e| to_ui("save_item", e))
}

/// Deletes an item.
#[tauri::command]
pub async fn delete_item(store: State<'_, Store>, input: KeyInput) -> Result<(), UiError> {
    store
        .delete_item(&input.key)
        .await
        .map_err(|e| to_ui("delete_item", e))
}

/// Every conflict (of one delegation, or all), blocking first.
#[tauri::command]
pub async fn check_conflicts(
    store: State<'_, Store>,
    input: CheckInput,
) -> Result<Vec<Conflict>, UiError> {
    store
        .check(&input)
        .await
        .map_err(|e| to_ui("check_conflicts", e))
}

/// The window's language, for the conflict messages the store writes (saves, refusals).
#[tauri::command]
pub async fn set_message_language(
    store: State<'_, Store>,
    input: MessageLanguage,
) -> Result<(), UiError> {
    store.set_message_language(input.lang);
    crate::commands::set_window_language(input.lang);
    Ok(())
}

/// Accepts a warning with a reason.
#[tauri::command]
pub async fn acknowledge_conflict(
    store: State<'_, Store>,
    input: AcknowledgeInput,
) -> Result<AcknowledgedConflict, UiError> {
    store
        .acknowledge(input)
        .await
        .map_err(|e| to_ui("acknowledge_conflict", e))
}

/// The shared directory with versions.
#[tauri::command]
pub async fn list_directory(store: State<'_, Store>) -> Result<DirectoryListing, UiError> {
    store
        .list_directory()
        .await
        .map_err(|e| to_ui("list_directory", e))
}

/// Creates or updates a site, venue, host or interpreter.
#[tauri::command]
pub async fn save_directory_entry(
    store: State<'_, Store>,
    input: SaveDirectoryEntry,
) -> Result<DirectoryRecord, UiError> {
    store
        .save_directory_entry(input)
        .await
        .map_err(|e| to_ui("save_directory_entry", e))
}

/// Deletes a directory entry nothing uses.
#[tauri::command]
pub async fn delete_directory_entry(
    store: State<'_, Store>,
    input: DeleteDirectoryEntry,
) -> Result<(), UiError> {
    store
        .delete_directory_entry(input)
        .await
        .map_err(|e| to_ui("delete_directory_entry", e))
}

/// Sets or removes a travel time between two sites.
#[tauri::command]
pub async fn set_travel_time(store: State<'_, Store>, input: SetTravelTime) -> Result<(), UiError> {
    store
        .set_travel_time(input)
        .await
        .map_err(|e| to_ui("set_travel_time", e))
}

/// Saves directory-wide settings.
#[tauri::command]
pub async fn save_settings(
    store: State<'_, Store>,
    input: DirectorySettings,
) -> Result<(), UiError> {
    store
        .save_settings(&input)
        .await
        .map_err(|e| to_ui("save_settings", e))
}

/// The guest releases of a delegation.
#[tauri::command]
pub async fn list_releases(
    store: State<'_, Store>,
    input: KeyInput,
) -> Result<Vec<ReleaseInfo>, UiError> {
    store
        .list_releases(&input.key)
        .await
        .map_err(|e| to_ui("list_releases", e))
}

/// What changed for guests since a release of the same audience, and which release that was.
#[tauri::command]
pub async fn changes_since(
    store: State<'_, Store>,
    input: ChangesInput,
) -> Result<ChangesBox, UiError> {
    publish::changes_since(&store, &input)
        .await
        .map_err(|e| to_ui("changes_since", e))
}

/// The office settings (institution name and logo) with their version.
#[tauri::command]
pub async fn get_office_settings(store: State<'_, Store>) -> Result<OfficeRecord, UiError> {
    store
        .office_settings()
        .await
        .map_err(|e| to_ui("get_office_settings", e))
}

/// Saves the office settings; a logo that is not a decodable PNG of at most 2 MB is refused
/// and nothing is written.
#[tauri::command]
pub async fn save_office_settings(
    store: State<'_, Store>,
    input: SaveOfficeSettings,
) -> Result<OfficeRecord, UiError> {
    store
        .save_office_settings(input)
        .await
        .map_err(|e| to_ui("save_office_settings", e))
}

/// The OS login name of whoever runs the app: the default for "Your name".
#[tauri::command]
pub fn workstation_user() -> WorkstationUser {
    WorkstationUser::from_env()
}

/// Prints a document, saves it and (if asked) opens it.
#[tauri::command]
pub async fn print_document(
    store: State<'_, Store>,
    fonts: State<'_, Fonts>,
    input: PrintToFile,
) -> Result<SavedFile, UiError> {
    let ui = |e| to_ui("print_document", e);
    let plan_zone = store
        .get_delegation(&input.request.delegation)
        .await
        .map_err(ui)?
        .delegation
        .timezone;
    let name = file_name(&input.request);
    let printed =
        publish::print_document(&store, &fonts, input.request, plan_zone, chrono::Utc::now())
            .await
            .map_err(ui)?;
    let name = match &printed.release {
        Some(r) => format!("{name} v{}.pdf", r.number),
        None => format!("{name}.pdf"),
    };
    let path = folder(input.folder.as_deref()).map_err(ui)?.join(name);
    write_atomically(&path, &printed.pdf).map_err(ui)?;
    if input.open {
        open_with_system(&path);
    }
    Ok(SavedFile {
        path: path.display().to_string(),
        release: printed.release,
    })
}

/// Writes an `.ics` file.
#[tauri::command]
pub async fn export_calendar(
    store: State<'_, Store>,
    input: CalendarToFile,
) -> Result<SavedFile, UiError> {
    let ui = |e| to_ui("export_calendar", e);
    let plan = store.load_plan().await.map_err(ui)?;
    let sequence = store
        .release(&input.delegation, None)
        .await
        .map_err(ui)?
        .map_or(0, |r| r.info.number);
    let opts = CalendarOptions {
        language: input.language,
        sequence,
        stamp: chrono::Utc::now(),
    };
    let text = calendar::ics(&plan, &input.delegation, &input.scope, &opts).map_err(ui)?;
    let who = match &input.scope {
        CalendarScope::Delegation => input.delegation.to_string(),
        CalendarScope::Member(k) | CalendarScope::Host(k) | CalendarScope::Interpreter(k) => {
            k.to_string()
        }
    };
    let path = folder(input.folder.as_deref())
        .map_err(ui)?
        .join(format!("{who}.ics"));
    write_atomically(&path, text.as_bytes()).map_err(ui)?;
    Ok(SavedFile {
        path: path.display().to_string(),
        release: None,
    })
}

fn file_name(req: &PrintRequest) -> String {
    let what = match &req.document {
        DocumentRequest::Guest { .. } => "guest itinerary",
        DocumentRequest::Staff => "run sheet",
        DocumentRequest::Interpreter { interpreter, .. } => interpreter.as_str(),
    };
    format!("{} {what}", req.delegation)
}

/// The folder documents are saved into: the chosen one, else Documents/Itinera (created).
/// Without a Documents folder (no XDG user dirs) the home folder is used: the scheduler must
/// find the file again, which a temporary folder would not promise.
pub(crate) fn folder(chosen: Option<&str>) -> Result<PathBuf, Error> {
    let dir = match chosen {
        Some(f) if !f.trim().is_empty() => PathBuf::from(f),
        _ => directories::UserDirs::new()
            .map(|u| u.document_dir().unwrap_or(u.home_dir()).to_path_buf())
            .unwrap_or_else(std::env::temp_dir)
            .join("Itinera"),
    };
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.display().to_string(),
        source,
    })?;
    Ok(dir)
}

/// Writes beside the final name and renames, so a reader never sees half a PDF.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Hands the file to the desktop's default viewer; failing to open is logged, not fatal —
/// the file is saved and its path shown.
fn open_with_system(path: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(path).spawn() {
        tracing::warn!(error = %e, path = %path.display(), "could not open the PDF viewer");
    }
}
