//! `reorder_members` through Tauri's real IPC layer (mock runtime, no display): the argument
//! shape `backend.ts` sends, the delegation it answers with, and a refusal as the UI sees it.

mod support;

use serde_json::{Value, json};
use support::invoke;

fn keys(detail: &Value) -> Vec<String> {
    detail["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|r| r["member"]["key"].as_str().expect("key").to_owned())
        .collect()
}

#[test]
fn members_are_reordered_through_the_command_and_a_wrong_list_is_refused() {
    let w = support::open_window(true);
    let list = invoke(&w, "list_delegations", json!({})).expect("list");
    // The first sample visit with three members or more.
    let detail = list
        .as_array()
        .expect("summaries")
        .iter()
        .map(|s| {
            invoke(
                &w,
                "get_delegation",
                json!({ "input": { "key": s["key"] } }),
            )
            .expect("get_delegation")
        })
        .find(|d| d["members"].as_array().is_some_and(|m| m.len() >= 3))
        .expect("a sample visit with three members");
    let visit = detail["delegation"]["key"].clone();
    let mut order = keys(&detail);
    order.reverse();

    let stored = invoke(
        &w,
        "reorder_members",
        json!({ "input": { "delegation": visit, "keys": order } }),
    )
    .expect("a permutation is stored");
    assert_eq!(keys(&stored), order, "answered in the new order");
    let precedences: Vec<u64> = stored["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|r| r["member"]["precedence"].as_u64().expect("precedence"))
        .collect();
    assert_eq!(precedences, (1..=order.len() as u64).collect::<Vec<_>>());

    let mut short = order.clone();
    let dropped = short.pop().expect("members");
    let err = invoke(
        &w,
        "reorder_members",
        json!({ "input": { "delegation": visit, "keys": short } }),
    )
    .expect_err("a list missing a member is refused");
    assert_eq!(err["kind"], json!("invalid"), "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains(&format!("missing: [{dropped}]"))),
        "the message names the missing member: {err}"
    );
    let again = invoke(&w, "get_delegation", json!({ "input": { "key": visit } })).expect("reload");
    assert_eq!(keys(&again), order, "the refused list changed nothing");
}
