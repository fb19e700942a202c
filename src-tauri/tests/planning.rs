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

fn guest_print(
    w: &Window,
    audience: serde_json::Value,
    since: serde_json::Value,
    by: &str,
) -> Result<serde_json::Value, serde_json::Value> {
    let folder = w.dir.path().join("prints");
    let mut document = json!({"kind": "guest", "audience": audience});
    if !since.is_null() {
        document["changes_since"] = since;
    }
    invoke(
        w,
        "print_document",
        json!({"input": {
            "request": {
                "delegation": "choray-2026-12",
                "document": document,
                "options": {"paper": "a4", "language": "vi", "with": "ko", "institution": ""},
                "by": by
            },
            "folder": folder.to_str().expect("path"),
            "open": false
        }}),
    )
}

fn pdf_text(path: &str) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn office_settings_round_trip_and_head_the_window_prints_with_the_configured_name() {
    let w = open_window();
    let empty = invoke(&w, "get_office_settings", json!({})).expect("get");
    assert_eq!(empty["version"], 0, "nothing saved yet: {empty}");

    let logo =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/icons/32x32.png")).expect("icon");
    let settings = json!({
        "institution": {"ko": "서울대학교병원", "en": "Seoul National University Hospital"},
        "logo_png": logo,
    });
    let saved = invoke(
        &w,
        "save_office_settings",
        json!({"input": {"settings": settings}}),
    )
    .expect("a real PNG sent as bytes is accepted");
    assert_eq!(saved["version"], 1, "first save is version 1: {saved}");
    let read = invoke(&w, "get_office_settings", json!({})).expect("get");
    assert_eq!(
        read, saved,
        "the settings (logo bytes included) read back as saved"
    );

    let bad = invoke(
        &w,
        "save_office_settings",
        json!({"input": {"settings": {"institution": {"en": "X"}, "logo_png": [71, 73, 70, 56, 57, 97]}, "expected_version": 1}}),
    )
    .expect_err("a GIF is not a PNG");
    assert_eq!(
        bad["kind"], "invalid",
        "the UI shows it as a form problem: {bad}"
    );
    assert!(
        bad["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("logo: ")),
        "the message names the field: {bad}"
    );
    assert_eq!(
        invoke(&w, "get_office_settings", json!({})).expect("get"),
        saved,
        "a refused save writes nothing"
    );

    let printed = guest_print(
        &w,
        json!({"kind": "delegation"}),
        serde_json::Value::Null,
        "김민지",
    )
    .expect("print");
    assert_eq!(
        printed["release"]["released_by"], "김민지",
        "the release records the name the window sent, not a placeholder: {printed}"
    );
    let text: String = pdf_text(printed["path"].as_str().expect("path"))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.contains("서울대학교병원"),
        "a window print with no institution takes the stored one:\n{text}"
    );
    let releases = invoke(
        &w,
        "list_releases",
        json!({"input": {"key": "choray-2026-12"}}),
    )
    .expect("releases");
    assert_eq!(
        releases[0]["released_by"], "김민지",
        "the recorded release keeps the name"
    );
}

#[test]
fn changes_since_last_copy_of_an_audience_and_mismatches_through_ipc() {
    let w = open_window();
    let son = json!({"kind": "member", "key": "choray-nguyen-truong-son"});
    guest_print(
        &w,
        json!({"kind": "delegation"}),
        serde_json::Value::Null,
        "이지은",
    )
    .expect("v1");
    guest_print(&w, son.clone(), serde_json::Value::Null, "이지은").expect("v2");
    let found = invoke(
        &w,
        "changes_since",
        json!({"input": {"delegation": "choray-2026-12", "since": {"kind": "last_of_audience"}, "audience": son}}),
    )
    .expect("changes");
    assert_eq!(
        found["since_version"], 2,
        "the member's last copy is v2, not the whole-delegation v1: {found}"
    );
    let err = guest_print(&w, son, json!({"kind": "release", "number": 1}), "이지은")
        .expect_err("v1 was for everyone");
    assert_eq!(err["kind"], "invalid");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("v1 was printed for the whole delegation")),
        "{err}"
    );
}

#[test]
fn the_workstation_user_is_the_os_login_name() {
    let w = open_window();
    let user = invoke(&w, "workstation_user", json!({})).expect("workstation_user");
    let expected = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default();
    assert_eq!(
        user["name"], expected,
        "the default for 'Your name' is the OS login"
    );
}
