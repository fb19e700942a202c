//! The planning commands through Tauri's real IPC layer (mock runtime, no display): items
//! refused on conflict, conflicts listed, a guest itinerary printed to a file as a release.

mod support;

use serde_json::json;
use support::{Window, invoke};

fn open_window() -> Window {
    support::open_window(true)
}

#[test]
fn confirming_a_double_booked_director_is_refused_with_a_conflict_kind() {
    let w = open_window();
    let items = invoke(
        &w,
        "list_items",
        json!({"input": {"key": "samarkand-2026-12"}}),
    )
    .expect("items");
    let talks = items
        .as_array()
        .expect("a list")
        .iter()
        .find(|r| r["item"]["key"] == "samarkand-director-talks")
        .expect("the tentative talks")
        .clone();
    let mut item = talks["item"].clone();
    item["status"] = json!("confirmed");
    let err = invoke(
        &w,
        "save_item",
        json!({"input": {"delegation": "samarkand-2026-12", "item": item, "expected_version": talks["version"]}}),
    )
    .expect_err("the director is already confirmed for the MOU");
    assert_eq!(
        err["kind"], "conflict",
        "the UI branches on the kind: {err}"
    );
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("Kim Young-soo")),
        "the message names the director: {err}"
    );
    let conflicts = invoke(
        &w,
        "check_conflicts",
        json!({"input": {"delegation": "samarkand-2026-12"}}),
    )
    .expect("check");
    assert!(
        conflicts
            .as_array()
            .expect("list")
            .iter()
            .any(|c| c["code"] == "host_double_booked"),
        "the tentative hold's clash is listed: {conflicts}"
    );
}

#[test]
fn printing_a_guest_itinerary_saves_a_pdf_and_records_release_one() {
    let w = open_window();
    let folder = w.dir.path().join("prints");
    let saved = invoke(
        &w,
        "print_document",
        json!({"input": {
            "request": {
                "delegation": "choray-2026-12",
                "document": {"kind": "guest", "audience": {"kind": "delegation"}},
                "options": {"paper": "a4", "language": "vi", "with": "ko", "institution": "Itinera Hospital"},
                "by": "이지은"
            },
            "folder": folder.to_str().expect("path"),
            "open": false
        }}),
    )
    .expect("print_document succeeds");
    assert_eq!(
        saved["release"]["number"], 1,
        "the first guest print is v1: {saved}"
    );
    let path = saved["path"].as_str().expect("a path");
    let pdf = std::fs::read(path).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"), "a real PDF");
    assert!(
        !std::path::Path::new(&format!("{path}.partial")).exists(),
        "no partial file is left"
    );
    let releases = invoke(
        &w,
        "list_releases",
        json!({"input": {"key": "choray-2026-12"}}),
    )
    .expect("releases");
    assert_eq!(
        releases.as_array().map(Vec::len),
        Some(1),
        "one release recorded"
    );
}
