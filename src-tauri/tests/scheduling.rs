//! The scheduling commands through Tauri's real IPC layer (mock runtime, no display):
//! requests listed, saved with versions and refused when stale; "Propose programme" sending
//! its first proposal as an event, stopped early by `stop_proposal` with the best proposal so
//! far; the chosen items accepted as tentative holds, all or nothing.

mod support;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use itinera_app::scheduling::FIRST_PROPOSAL_EVENT;
use serde_json::{Value, json};
use support::{Window, invoke, invoke_on};
use tauri::Listener;

const VISIT: &str = "choray-2026-03";

/// A window on a database holding the 2-day Chợ Rẫy visit of the scheduling example with its
/// 20 requests, plus `extra` half-hour department visits of one sub-group with a preferred
/// window: the greedy places them at once (~30 ms), but with 6 of them the solver was still
/// improving after 8 s, far longer than the test waits before stopping it.
fn window_with_requests(extra: usize) -> Window {
    let w = support::open_window(false);
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/scheduling/director-visit-requests.json"),
    )
    .expect("the example exists");
    let mut value: Value = serde_json::from_str(&text).expect("JSON");
    let requests = value["requests"].as_array_mut().expect("requests");
    for n in 0..extra {
        let (group, from, to) = if n % 2 == 0 {
            ("choray-surgeons", "09:00", "12:00")
        } else {
            ("choray-nurses", "14:00", "17:00")
        };
        requests.push(json!({
            "key": format!("department-visit-{n:02}"),
            "delegation": VISIT,
            "kind": "meeting",
            "title": {"ko": format!("진료과 방문 {n}"), "vi": format!("Thăm khoa {n}")},
            "duration_minutes": 30,
            "participants": {"subgroups": [group]},
            "venues": ["cancer-seminar", "main-boardroom", "simulation-lab"],
            "preferred": {"from": from, "to": to}
        }));
    }
    let plan = itinera::plan::read(&value.to_string(), None).expect("the example is valid");
    tauri::async_runtime::block_on(async {
        let store = itinera::store::Store::open(w.db.to_str().expect("path"))
            .await
            .expect("open");
        store.import_plan(&plan).await.expect("import");
        store.close().await;
    });
    w
}

#[test]
fn requests_are_listed_saved_with_versions_and_stale_saves_refused() {
    let w = window_with_requests(0);
    let listed = invoke(&w, "list_requests", json!({"input": {"key": VISIT}})).expect("list");
    let listed = listed.as_array().expect("a list");
    assert_eq!(listed.len(), 20, "the imported plan's requests are stored");
    let lunch = listed
        .iter()
        .find(|r| r["request"]["key"] == "welcome-lunch")
        .expect("the lunch")
        .clone();
    let mut longer = lunch["request"].clone();
    longer["duration_minutes"] = json!(90);
    let saved = invoke(
        &w,
        "save_request",
        json!({"input": {"request": longer, "expected_version": lunch["version"]}}),
    )
    .expect("an update quoting the version saves");
    assert_eq!(saved["version"], 2, "an update bumps the version");
    let err = invoke(
        &w,
        "save_request",
        json!({"input": {"request": lunch["request"], "expected_version": lunch["version"]}}),
    )
    .expect_err("the version is old now");
    assert_eq!(err["kind"], "stale", "the UI branches on the kind: {err}");

    let mut bad = lunch["request"].clone();
    bad["key"] = json!("second-lunch");
    bad["venues"] = json!(["no-such-room"]);
    let err = invoke(&w, "save_request", json!({"input": {"request": bad}}))
        .expect_err("an unknown venue is refused");
    assert_eq!(err["kind"], "invalid", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("venues[0]: no venue with key 'no-such-room'")),
        "the message names the field: {err}"
    );
    let err = invoke(&w, "delete_request", json!({"input": {"key": "welcome"}}))
        .expect_err("most requests come after the welcome");
    assert_eq!(err["kind"], "in_use", "{err}");
}

#[test]
fn a_long_proposal_is_stopped_early_and_returns_its_best_so_far() {
    let w = window_with_requests(6);
    let (first_tx, first_rx) = mpsc::channel::<Value>();
    w.webview.listen_any(FIRST_PROPOSAL_EVENT, move |event| {
        let payload: Value = serde_json::from_str(event.payload()).expect("JSON payload");
        let _ = first_tx.send(payload);
    });
    let budget_ms = 60_000;
    let stop_after = Duration::from_millis(2_500);
    let webview = w.webview.clone();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(stop_after);
        invoke_on(
            &webview,
            "stop_proposal",
            json!({"input": {"delegation": VISIT}}),
        )
    });
    let started = Instant::now();
    let outcome = invoke(
        &w,
        "propose_programme",
        json!({"input": {"delegation": VISIT, "budget_ms": budget_ms}}),
    )
    .expect("a proposal");
    let took = started.elapsed();
    let stopped = stopper
        .join()
        .expect("the stopper thread")
        .expect("stop answers");
    assert_eq!(stopped, json!(true), "the stop found the running proposal");
    assert!(
        took < Duration::from_millis(budget_ms / 6),
        "a stopped run returns well before its {budget_ms} ms budget, took {took:?}"
    );
    assert!(
        took >= stop_after,
        "the run was still going when stopped ({took:?})"
    );
    assert_eq!(outcome["outcome"], "proposal", "{outcome}");
    assert_eq!(
        outcome["optimal"], false,
        "the fixture must be too hard to prove optimal before the stop, or this test proves \
         nothing about stopping: {outcome}"
    );
    let first = first_rx
        .recv_timeout(Duration::from_secs(1))
        .expect("the first proposal was sent as an event");
    assert_eq!(first["delegation"], VISIT);
    assert_eq!(
        first["proposal"]["items"].as_array().map(Vec::len),
        outcome["items"].as_array().map(Vec::len),
        "the first proposal already places every request"
    );
    assert!(
        outcome["objective"].as_i64() <= first["proposal"]["objective"].as_i64(),
        "the returned proposal is never worse than the first"
    );
    eprintln!(
        "stopped after {took:?}: first objective {}, returned {} ({})",
        first["proposal"]["objective"], outcome["objective"], outcome["engine"]
    );

    // Accept two proposed items, then try the same again: nothing more is saved.
    let chosen: Vec<Value> = outcome["items"].as_array().expect("items")[..2].to_vec();
    let accepted = invoke(
        &w,
        "accept_proposal",
        json!({"input": {"delegation": VISIT, "items": chosen}}),
    )
    .expect("the chosen items are saved");
    let accepted = accepted.as_array().expect("records");
    assert_eq!(accepted.len(), 2);
    assert!(
        accepted.iter().all(|r| r["item"]["status"] == "tentative"),
        "accepted items are tentative holds"
    );
    let before = count_items(&w);
    let mut again: Vec<Value> = outcome["items"].as_array().expect("items")[1..4].to_vec();
    again[2]["status"] = json!("confirmed");
    let err = invoke(
        &w,
        "accept_proposal",
        json!({"input": {"delegation": VISIT, "items": again}}),
    )
    .expect_err("one of them is stored already");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("nothing saved")),
        "{err}"
    );
    assert_eq!(
        count_items(&w),
        before,
        "all or nothing: no item of the refused batch stays"
    );
}

fn count_items(w: &Window) -> usize {
    invoke(w, "list_items", json!({"input": {"key": VISIT}}))
        .expect("items")
        .as_array()
        .map(Vec::len)
        .unwrap_or(0)
}
