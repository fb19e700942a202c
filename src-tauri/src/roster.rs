//! Commands of the member import dialog: read a chosen file or pasted cells into a table
//! with a guessed mapping, preview a mapping, and import. Adapters like those in
//! [`crate::commands`]: one input struct → an `itinera::roster` function → `UiError`.
//!
//! The file arrives as bytes from the window's file input (the webview's own file chooser),
//! so no path of the user's disk is trusted or needed here.

use itinera::api::{AddMembers, DelegationDetail, DeleteMembers, MembersRemoved};
use itinera::roster::{
    self, GuessedTable, ImportMembers, ImportOutcome, ImportPreview, guess_mapping,
};
use itinera::store::Store;
use itinera::{Error, UiError};
use serde::Deserialize;
use tauri::State;

use crate::commands::to_ui;
use itinera::wording::Text;

/// A roster file chosen in the window.
#[derive(Debug, Deserialize)]
pub struct ReadMemberFile {
    /// The file's name (for messages).
    pub name: String,
    /// Its contents.
    pub bytes: Vec<u8>,
    /// The workbook sheet to read (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
}

/// Text pasted into the members table.
#[derive(Debug, Deserialize)]
pub struct PasteMembers {
    /// The clipboard text (tab-separated cells).
    pub text: String,
}

/// The largest roster file accepted: a delegation list is kilobytes; anything this big is
/// the wrong file and would only stall the window.
const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Reads a roster file into a table with the mapping its header suggests.
#[tauri::command]
pub async fn read_member_file(input: ReadMemberFile) -> Result<GuessedTable, UiError> {
    if input.bytes.len() > MAX_FILE_BYTES {
        return Err(to_ui(
            "read_member_file",
            Error::Invalid(Text::new(
                format!(
                    "{}: {} MB is too large for a member list (at most 20 MB)",
                    input.name,
                    input.bytes.len() / (1024 * 1024)
                ),
                format!(
                    "{}: {} MB는 단원 명단으로는 너무 큽니다(최대 20 MB)",
                    input.name,
                    input.bytes.len() / (1024 * 1024)
                ),
            )),
        ));
    }
    // Parsing a workbook is CPU work: keep it off the async runtime's threads.
    let table = tauri::async_runtime::spawn_blocking(move || {
        roster::read_table(&input.name, &input.bytes, input.sheet.as_deref())
    })
    .await
    .map_err(|e| to_ui("read_member_file", stopped(e)))?
    .map_err(|e| to_ui("read_member_file", e.into()))?;
    let mapping = guess_mapping(&table.headers);
    Ok(GuessedTable { table, mapping })
}

/// Parses pasted cells into a table with a guessed mapping.
#[tauri::command]
pub async fn parse_member_paste(input: PasteMembers) -> Result<GuessedTable, UiError> {
    let table =
        roster::parse_pasted(&input.text).map_err(|e| to_ui("parse_member_paste", e.into()))?;
    let mapping = guess_mapping(&table.headers);
    Ok(GuessedTable { table, mapping })
}

/// What importing a table with a mapping would do, row by row.
#[tauri::command]
pub async fn preview_member_import(
    store: State<'_, Store>,
    input: ImportMembers,
) -> Result<ImportPreview, UiError> {
    roster::preview_import(&store, &input)
        .await
        .map_err(|e| to_ui("preview_member_import", e))
}

/// Imports the members in one transaction (all, or the valid rows when asked).
#[tauri::command]
pub async fn import_members(
    store: State<'_, Store>,
    input: ImportMembers,
) -> Result<ImportOutcome, UiError> {
    roster::import_members(&store, &input)
        .await
        .map_err(|e| to_ui("import_members", e))
}

/// Adds members as they were imported, all or none (redoing an undone import), or re-adds
/// deleted members into the sub-groups and items they sat in (undoing a delete).
#[tauri::command]
pub async fn add_members(
    store: State<'_, Store>,
    input: AddMembers,
) -> Result<DelegationDetail, UiError> {
    store
        .add_members_restoring(&input.delegation, &input.members, &input.restore)
        .await
        .map_err(|e| to_ui("add_members", e))
}

/// Removes several members in one transaction, all or none (deleting from the members table,
/// undoing an import); returns where they sat so the delete can be undone completely.
#[tauri::command]
pub async fn delete_members(
    store: State<'_, Store>,
    input: DeleteMembers,
) -> Result<MembersRemoved, UiError> {
    store
        .delete_members(input)
        .await
        .map_err(|e| to_ui("delete_members", e))
}

/// A background task of a command that panicked or was dropped: the work stopped, and the
/// log has why.
pub(crate) fn stopped(e: tauri::Error) -> Error {
    tracing::error!(error = %e, "a background task stopped unexpectedly");
    Error::Invalid(Text::new(
        format!("the work stopped unexpectedly ({e}); nothing of it was saved"),
        format!("작업이 예기치 않게 멈췄습니다({e}). 아무것도 저장하지 않았습니다"),
    ))
}
