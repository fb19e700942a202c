//! The resource timeline commands through Tauri's real IPC layer (mock runtime, no display):
//! the timeline as the UI asks for it, a drag to another venue saved, a refused drag with
//! the conflict kind the UI branches on.

mod support;

use serde_json::{Value, json};
use support::invoke;

fn venue_week(w: &support::Window) -> Value {
    invoke(
        w,
        "resource_timeline",
        json!({"input": {"kind": "venue", "from": "2026-12-07T00:00:00+09:00", "to": "2026-12-14T00:00:00+09:00"}}),
    )
    .expect("the timeline")
}

fn find<'v>(t: &'v Value, resource: &str, item: &str) -> &'v Value {
    t["bookings"]
        .as_array()
        .expect("bookings")
        .iter()
        .find(|b| b["resource"] == resource && b["item"] == item)
        .unwrap_or_else(|| panic!("no booking of {resource} by {item}: {t}"))
}

#[test]
fn the_venue_timeline_lists_every_room_and_both_visits_in_utc() {
    let w = support::open_window(true);
    let t = venue_week(&w);
    assert_eq!(t["kind"], "venue");
    assert_eq!(
        t["rows"].as_array().expect("rows").len(),
        8,
        "every venue is a row"
    );
    let mou = find(&t, "annex-5f-conference", "samarkand-mou");
    assert_eq!(
        mou["start"], "2026-12-10T02:00:00Z",
        "times reach the window in UTC (11:00 in Seoul)"
    );
    assert_eq!(mou["delegation"], "samarkand-2026-12");
    assert!(
        mou["version"].as_i64().is_some(),
        "a move must quote the version: {mou}"
    );
    let err = invoke(
        &w,
        "resource_timeline",
        json!({"input": {"kind": "room", "from": "2026-12-07T00:00:00+09:00", "to": "2026-12-14T00:00:00+09:00"}}),
    )
    .expect_err("an unknown kind is bad input");
    // Tauri refuses input that does not deserialize before the command runs; backend.ts
    // turns this text into an `invalid` error.
    assert!(
        err.as_str()
            .is_some_and(|m| m.contains("unknown variant `room`")),
        "the refusal names the bad kind: {err}"
    );
}

#[test]
fn a_drag_to_a_free_venue_is_saved_and_one_into_a_clash_is_refused() {
    let w = support::open_window(true);
    let t = venue_week(&w);
    let lunch = find(&t, "main-b1-dining", "samarkand-lunch");
    let moved = invoke(
        &w,
        "move_booking",
        json!({"input": {
            "delegation": "samarkand-2026-12", "item": "samarkand-lunch",
            "expected_version": lunch["version"], "kind": "venue",
            "from": "main-b1-dining", "to": "annex-5f-conference"
        }}),
    )
    .expect("the room is free at noon");
    assert_eq!(
        moved["before"]["item"]["venue"], "main-b1-dining",
        "undo needs the old item"
    );
    assert_eq!(
        moved["saved"]["record"]["item"]["venue"],
        "annex-5f-conference"
    );
    let after = venue_week(&w);
    find(&after, "annex-5f-conference", "samarkand-lunch");

    let tour = find(&t, "breast-cancer-centre", "choray-breast-tour");
    let err = invoke(
        &w,
        "move_booking",
        json!({"input": {
            "delegation": "choray-2026-12", "item": "choray-breast-tour",
            "expected_version": tour["version"], "kind": "venue",
            "from": "breast-cancer-centre", "to": "health-promotion-centre"
        }}),
    )
    .expect_err("the nursing tour holds that room, both confirmed");
    assert_eq!(
        err["kind"], "conflict",
        "the UI snaps the block back on this kind: {err}"
    );
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("Health Promotion Centre is double-booked")),
        "the message names the clash: {err}"
    );
    find(
        &venue_week(&w),
        "breast-cancer-centre",
        "choray-breast-tour",
    );
}
