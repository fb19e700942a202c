//! The commands the window may call: each one is an adapter from managed state and at most
//! one input struct to an `itinera` function, with errors mapped to [`UiError`].
//!
//! The list of commands exists once, in [`handler`]; `lib.rs` and the tests both use it.
//! Errors are logged here with their kind; the UI receives only the kind and the message
//! the domain wrote for people (storage internals were already replaced by the store).

use itinera::api::{
    DelegationDetail, DelegationSummary, ImportSummary, KeyInput, SaveDelegation, SaveMember,
    StoreInfo,
};
use std::sync::RwLock;

use itinera::model::Lang;
use itinera::store::Store;
use itinera::wording::Text;
use itinera::{Error, UiError};
use tauri::State;

/// The window's language, which every error message is worded in. One process has one
/// window, so this is process-wide; `set_message_language` sets it with the store's.
static WINDOW_LANGUAGE: RwLock<Lang> = RwLock::new(Lang::En);

/// The language error messages are worded in.
pub(crate) fn window_language() -> Lang {
    WINDOW_LANGUAGE.read().map_or(Lang::En, |l| *l)
}

/// Follows the window's language (see [`window_language`]).
pub(crate) fn set_window_language(lang: Lang) {
    if let Ok(mut l) = WINDOW_LANGUAGE.write() {
        *l = lang;
    }
}

/// Maps a domain error for the window, logging it first (shared by every command module).
pub(crate) fn to_ui(command: &'static str, err: Error) -> UiError {
    tracing::warn!(command, kind = ?err.kind(), %err, "command failed");
    UiError::new(&err, window_language())
}

/// The database file, its schema version and counts.
#[tauri::command]
pub async fn app_info(store: State<'_, Store>) -> Result<StoreInfo, UiError> {
    store.info().await.map_err(|e| to_ui("app_info", e))
}

/// Every delegation, for the list.
#[tauri::command]
pub async fn list_delegations(store: State<'_, Store>) -> Result<Vec<DelegationSummary>, UiError> {
    store
        .list_delegations()
        .await
        .map_err(|e| to_ui("list_delegations", e))
}

/// One delegation with its members.
#[tauri::command]
pub async fn get_delegation(
    store: State<'_, Store>,
    input: KeyInput,
) -> Result<DelegationDetail, UiError> {
    store
        .get_delegation(&input.key)
        .await
        .map_err(|e| to_ui("get_delegation", e))
}

/// Creates or updates a delegation (updates quote the version they loaded).
#[tauri::command]
pub async fn save_delegation(
    store: State<'_, Store>,
    input: SaveDelegation,
) -> Result<DelegationDetail, UiError> {
    store
        .save_delegation(input)
        .await
        .map_err(|e| to_ui("save_delegation", e))
}

/// Repeats a past visit on new dates: a new delegation whose items are tentative copies
/// (see [`itinera::revisit`]); the window then shows the conflicts at the new dates.
#[tauri::command]
pub async fn repeat_visit(
    store: State<'_, Store>,
    input: itinera::revisit::RepeatVisit,
) -> Result<DelegationDetail, UiError> {
    itinera::revisit::repeat(&store, &input)
        .await
        .map_err(|e| to_ui("repeat_visit", e))
}

/// Deletes a delegation with its members and items.
#[tauri::command]
pub async fn delete_delegation(store: State<'_, Store>, input: KeyInput) -> Result<(), UiError> {
    store
        .delete_delegation(&input.key)
        .await
        .map_err(|e| to_ui("delete_delegation", e))
}

/// Adds or updates a member (updates quote the version they loaded).
#[tauri::command]
pub async fn save_member(
    store: State<'_, Store>,
    input: SaveMember,
) -> Result<DelegationDetail, UiError> {
    store
        .save_member(input)
        .await
        .map_err(|e| to_ui("save_member", e))
}

/// Puts a delegation's members in a new precedence order (every member once, head first),
/// in one transaction.
#[tauri::command]
pub async fn reorder_members(
    store: State<'_, Store>,
    input: itinera::store::ReorderMembers,
) -> Result<DelegationDetail, UiError> {
    store
        .reorder_members(input)
        .await
        .map_err(|e| to_ui("reorder_members", e))
}

/// Loads the sample visits — only into an empty database, so it can never mix with or
/// overwrite real data.
#[tauri::command]
pub async fn load_sample_plan(store: State<'_, Store>) -> Result<ImportSummary, UiError> {
    let empty = store
        .is_empty()
        .await
        .map_err(|e| to_ui("load_sample_plan", e))?;
    if !empty {
        return Err(to_ui(
            "load_sample_plan",
            Error::Invalid(Text::new(
                "the sample visits can only be loaded into an empty database",
                "예시 방문은 빈 데이터베이스에만 불러올 수 있습니다",
            )),
        ));
    }
    let plan = itinera::sample::sample_plan().map_err(|e| to_ui("load_sample_plan", e))?;
    store
        .import_plan(&plan)
        .await
        .map_err(|e| to_ui("load_sample_plan", e))
}

/// The invoke handler with every command above: the one list of what the window may call.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static
{
    tauri::generate_handler![
        app_info,
        list_delegations,
        get_delegation,
        save_delegation,
        delete_delegation,
        repeat_visit,
        save_member,
        reorder_members,
        load_sample_plan,
        crate::planning::list_items,
        crate::planning::save_item,
        crate::planning::delete_item,
        crate::planning::check_conflicts,
        crate::planning::set_message_language,
        crate::planning::acknowledge_conflict,
        crate::planning::list_directory,
        crate::planning::save_directory_entry,
        crate::planning::delete_directory_entry,
        crate::planning::set_travel_time,
        crate::planning::save_settings,
        crate::planning::list_releases,
        crate::planning::changes_since,
        crate::planning::print_document,
        crate::planning::get_office_settings,
        crate::planning::save_office_settings,
        crate::planning::workstation_user,
        crate::planning::export_calendar,
        crate::scheduling::list_requests,
        crate::scheduling::save_request,
        crate::scheduling::delete_request,
        crate::scheduling::reorder_requests,
        crate::scheduling::propose_programme,
        crate::scheduling::stop_proposal,
        crate::scheduling::accept_proposal,
        crate::database::database_settings,
        crate::database::test_database_connection,
        crate::database::switch_database,
        crate::roster::read_member_file,
        crate::roster::parse_member_paste,
        crate::roster::preview_member_import,
        crate::roster::import_members,
        crate::roster::add_members,
        crate::roster::delete_members,
        crate::operations::cancel_operation,
        crate::operations::import_members_run,
        crate::operations::print_member_copies,
        crate::resources::resource_timeline,
        crate::resources::move_booking,
    ]
}
