//! Commands of the resource timeline: every booking of the shared venues, hosts and
//! interpreters across all delegations, and moving one booking by dragging it. Adapters like
//! those in [`crate::commands`]: state and one input struct → an `itinera` function.

use itinera::UiError;
use itinera::resources::{self, MoveBooking, MovedBooking, ResourceTimeline, TimelineQuery};
use itinera::store::Store;
use tauri::State;

use crate::commands::to_ui;

/// The rows of one kind of resource and their bookings in a window, across all delegations.
#[tauri::command]
pub async fn resource_timeline(
    store: State<'_, Store>,
    input: TimelineQuery,
) -> Result<ResourceTimeline, UiError> {
    resources::resource_timeline(&store, &input)
        .await
        .map_err(|e| to_ui("resource_timeline", e))
}

/// Moves a booking to another resource of its kind (and/or in time) through the ordinary
/// item save: stale and conflict checks apply, and a refused move changes nothing.
#[tauri::command]
pub async fn move_booking(
    store: State<'_, Store>,
    input: MoveBooking,
) -> Result<MovedBooking, UiError> {
    resources::move_booking(&store, &input)
        .await
        .map_err(|e| to_ui("move_booking", e))
}
