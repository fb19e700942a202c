//! The window's commands, called through Tauri's real IPC layer (mock runtime, no display):
//! argument shapes, results, and how errors reach the UI.

mod support;

use serde_json::{Value, json};
use support::{Window, invoke};

fn open_window() -> Window {
    support::open_window(false)
}

fn choray(key: &str) -> Value {
    json!({
        "key": key,
        "name": { "ko": "쩌라이 병원 대표단", "vi": "Đoàn Bệnh viện Chợ Rẫy" },
        "organisation": { "vi": "Bệnh viện Chợ Rẫy" },
        "country": "VN",
        "languages": ["vi", "en"],
        "timezone": "Asia/Seoul",
        "arrival": "2026-03-10T09:00:00+09:00",
        "departure": "2026-03-12T17:00:00+09:00",
        "status": "planned"
    })
}

#[test]
fn a_delegation_and_a_vietnamese_member_round_trip_through_the_commands() {
    let w = open_window();
    let info = invoke(&w, "app_info", json!({})).expect("app_info answers");
    assert_eq!(
        info["location"],
        json!(w.db.display().to_string()),
        "app_info names the file in use"
    );
    assert_eq!(
        info["counts"]["delegations"],
        json!(0),
        "a new database is empty"
    );

    let saved = invoke(
        &w,
        "save_delegation",
        json!({ "input": { "delegation": choray("choray-2026-03") } }),
    )
    .expect("a valid delegation is saved");
    assert_eq!(
        saved["delegation"]["name"]["vi"],
        json!("Đoàn Bệnh viện Chợ Rẫy")
    );

    let name = "Nguyễn Trường Sơn";
    let member = json!({ "key": "nguyen-truong-son", "native_name": name, "romanized_name": "Nguyen Truong Son", "precedence": 1 });
    let detail = invoke(
        &w,
        "save_member",
        json!({ "input": { "delegation": "choray-2026-03", "member": member } }),
    )
    .expect("a valid member is saved");
    assert_eq!(
        detail["members"][0]["member"]["native_name"],
        json!(name),
        "save_member returns the stored member"
    );

    let list = invoke(&w, "list_delegations", json!({})).expect("the list loads");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(
        list[0]["member_count"],
        json!(1),
        "the list counts the new member"
    );

    let again = invoke(
        &w,
        "get_delegation",
        json!({ "input": { "key": "choray-2026-03" } }),
    )
    .expect("found");
    let stored = again["members"][0]["member"]["native_name"]
        .as_str()
        .expect("a string");
    assert_eq!(
        stored.as_bytes(),
        name.as_bytes(),
        "the native name comes back byte for byte"
    );

    let after = invoke(
        &w,
        "delete_members",
        json!({ "input": { "delegation": "choray-2026-03", "members": ["nguyen-truong-son"] } }),
    )
    .expect("the member is removed");
    assert_eq!(
        after["detail"]["members"],
        json!([]),
        "delete_members returns the delegation without them"
    );
    invoke(
        &w,
        "delete_delegation",
        json!({ "input": { "key": "choray-2026-03" } }),
    )
    .expect("deleted");
    let list = invoke(&w, "list_delegations", json!({})).expect("the list loads");
    assert_eq!(list, json!([]), "a deleted delegation leaves the list");
}

#[test]
fn domain_errors_reach_the_ui_as_kind_and_message() {
    let w = open_window();
    let err = invoke(
        &w,
        "get_delegation",
        json!({ "input": { "key": "nowhere-2026" } }),
    )
    .expect_err("an unknown key is an error");
    assert_eq!(
        err["kind"],
        json!("not_found"),
        "the UI branches on the kind: {err}"
    );
    let message = err["message"].as_str().expect("a message");
    assert!(
        message.contains("nowhere-2026"),
        "the message names the key: {message}"
    );

    let first = invoke(
        &w,
        "save_delegation",
        json!({ "input": { "delegation": choray("uz-2026-04") } }),
    )
    .expect("created");
    let loaded = first["version"].clone();
    invoke(
        &w,
        "save_delegation",
        json!({ "input": { "delegation": choray("uz-2026-04"), "expected_version": loaded } }),
    )
    .expect("an update quoting the current version is accepted");
    let stale = invoke(
        &w,
        "save_delegation",
        json!({ "input": { "delegation": choray("uz-2026-04"), "expected_version": loaded } }),
    )
    .expect_err("a second update from the same old version must not silently win");
    assert_eq!(
        stale["kind"],
        json!("stale"),
        "a lost update is reported as stale: {stale}"
    );
}

#[test]
fn input_tauri_cannot_read_is_refused_with_the_reason_the_ui_shows() {
    let w = open_window();
    let err = invoke(
        &w,
        "save_delegation",
        json!({ "input": { "delegation": choray("Cho Ray") } }),
    )
    .expect_err("a key with capitals and a space is not a key");
    // backend.ts recognises exactly this prefix and shows the rest as an `invalid` error.
    let text = err
        .as_str()
        .expect("Tauri reports argument errors as a string");
    assert!(
        text.starts_with("invalid args `input` for command `save_delegation`: "),
        "the UI's parser depends on this prefix: {text}"
    );
    assert!(
        text.contains("'Cho Ray'"),
        "the reason names the bad key: {text}"
    );
}

#[test]
fn the_sample_visits_load_only_into_an_empty_database() {
    let w = open_window();
    let summary =
        invoke(&w, "load_sample_plan", json!({})).expect("an empty database takes the sample");
    let delegations = summary["added"]["delegations"].as_u64().expect("a count");
    assert!(
        delegations >= 2,
        "the sample has overlapping visits: {summary}"
    );
    let list = invoke(&w, "list_delegations", json!({})).expect("the list loads");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(delegations as usize),
        "every sample visit is listed"
    );

    let again =
        invoke(&w, "load_sample_plan", json!({})).expect_err("a second load must not mix in");
    assert_eq!(
        again["kind"],
        json!("invalid"),
        "refused as invalid, not as a storage failure: {again}"
    );
    let list = invoke(&w, "list_delegations", json!({})).expect("the list loads");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(delegations as usize),
        "nothing was added twice"
    );
}
