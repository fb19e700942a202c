//! Long operations through Tauri's real IPC layer (mock runtime, no display): a cancelled
//! "copy for each member" print writes no file and records no release, a finished one saves
//! one PDF per member; a cancelled import stores no member; an import is undone and redone
//! in one step each; a deleted member is put back where they sat.

mod support;

use serde_json::{Value, json};
use support::{Window, invoke};

const CHORAY: &str = "choray-2026-12";

fn print_input(folder: &std::path::Path, operation: &str) -> Value {
    json!({"input": {
        "delegation": CHORAY,
        "options": {"paper": "a4", "language": "vi", "with": "ko", "institution": "Itinera Hospital"},
        "by": "이지은",
        "folder": folder.to_str().expect("path"),
        "operation": operation
    }})
}

fn members(w: &Window) -> Vec<Value> {
    let d = invoke(w, "get_delegation", json!({"input": {"key": CHORAY}})).expect("delegation");
    d["members"].as_array().expect("members").clone()
}

fn releases(w: &Window) -> usize {
    invoke(w, "list_releases", json!({"input": {"key": CHORAY}}))
        .expect("releases")
        .as_array()
        .map_or(0, Vec::len)
}

#[test]
fn a_cancelled_copy_run_writes_no_file_and_records_no_release() {
    let w = support::open_window(true);
    let folder = w.dir.path().join("copies");
    // The window's Cancel may reach the shell before the run registers: it still stops it.
    invoke(&w, "cancel_operation", json!({"input": {"id": "run-1"}})).expect("cancel");
    let err = invoke(&w, "print_member_copies", print_input(&folder, "run-1"))
        .expect_err("the run was cancelled");
    assert_eq!(
        err["kind"], "cancelled",
        "the UI branches on the kind: {err}"
    );
    let written: Vec<_> = std::fs::read_dir(&folder)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        written.is_empty(),
        "a cancelled run writes no file: {written:?}"
    );
    assert_eq!(releases(&w), 0, "a cancelled run records no release");

    // The id is free again once its run ended: a new run with it prints.
    let saved = invoke(&w, "print_member_copies", print_input(&folder, "run-1"))
        .expect("a run nobody cancels");
    let saved = saved.as_array().expect("one entry per copy");
    let n = members(&w).len();
    assert_eq!(saved.len(), n, "one copy per member");
    for (i, s) in saved.iter().enumerate() {
        let path = s["path"].as_str().expect("path");
        assert!(
            std::fs::read(path).expect("saved").starts_with(b"%PDF"),
            "{path} is a PDF"
        );
        assert_eq!(s["release"]["number"], i + 1, "copies are releases v1…v{n}");
        assert!(!std::path::Path::new(&format!("{path}.partial")).exists());
    }
    assert_eq!(releases(&w), n, "every saved copy is a recorded release");
}

#[test]
fn a_cancelled_import_stores_nothing_and_an_import_is_undone_and_redone_whole() {
    let w = support::open_window(true);
    let before = members(&w);
    let table = json!({
        "headers": ["Họ và tên", "Email"],
        "has_header": true,
        "rows": [
            {"line": 2, "cells": ["Lê Văn Hùng", "hung@choray.vn"]},
            {"line": 3, "cells": ["Phạm Thị Lan", "lan@choray.vn"]}
        ],
        "encoding": "pasted",
        "sheets": []
    });
    let run = |operation: &str| {
        json!({"input": {
            "operation": operation,
            "import": {"delegation": CHORAY, "table": table, "mapping": ["native_name", "email"], "mode": "all_or_nothing"}
        }})
    };
    invoke(&w, "cancel_operation", json!({"input": {"id": "imp-1"}})).expect("cancel");
    let err = invoke(&w, "import_members_run", run("imp-1")).expect_err("cancelled");
    assert_eq!(err["kind"], "cancelled", "{err}");
    assert_eq!(members(&w), before, "a cancelled import stores no member");

    let done = invoke(&w, "import_members_run", run("imp-2")).expect("import");
    let keys = done["imported"].clone();
    assert_eq!(keys.as_array().map(Vec::len), Some(2), "{done}");
    let imported: Vec<Value> = members(&w)
        .into_iter()
        .filter(|r| {
            keys.as_array()
                .is_some_and(|k| k.contains(&r["member"]["key"]))
        })
        .map(|r| r["member"].clone())
        .collect();

    let undone = invoke(
        &w,
        "delete_members",
        json!({"input": {"delegation": CHORAY, "members": keys}}),
    )
    .expect("undo the import");
    assert_eq!(
        undone["detail"]["members"].as_array().expect("members"),
        &before,
        "both gone"
    );
    invoke(
        &w,
        "add_members",
        json!({"input": {"delegation": CHORAY, "members": imported}}),
    )
    .expect("redo the import");
    assert_eq!(members(&w).len(), before.len() + 2, "both back");
}

#[test]
fn a_deleted_member_comes_back_into_their_sub_group_through_the_ipc() {
    let w = support::open_window(true);
    let subgroup_of = |w: &Window, member: &str| -> Vec<String> {
        let d = invoke(w, "get_delegation", json!({"input": {"key": CHORAY}})).expect("delegation");
        d["delegation"]["subgroups"]
            .as_array()
            .expect("subgroups")
            .iter()
            .filter(|g| {
                g["members"]
                    .as_array()
                    .is_some_and(|m| m.contains(&json!(member)))
            })
            .map(|g| g["key"].as_str().expect("key").to_owned())
            .collect()
    };
    let huong = "choray-le-thanh-huong";
    assert_eq!(subgroup_of(&w, huong), ["choray-nursing"]);
    let member = members(&w)
        .into_iter()
        .find(|r| r["member"]["key"] == huong)
        .expect("Hương is a member")["member"]
        .clone();

    let removed = invoke(
        &w,
        "delete_members",
        json!({"input": {"delegation": CHORAY, "members": [huong]}}),
    )
    .expect("delete");
    assert_eq!(
        removed["memberships"],
        json!([{"member": huong, "subgroups": ["choray-nursing"], "items": []}]),
        "the window learns where she sat"
    );
    assert!(subgroup_of(&w, huong).is_empty());

    invoke(
        &w,
        "add_members",
        json!({"input": {"delegation": CHORAY, "members": [member], "restore": removed["memberships"]}}),
    )
    .expect("undo the delete");
    assert_eq!(
        subgroup_of(&w, huong),
        ["choray-nursing"],
        "the undo puts her back in the nursing sub-group"
    );
}
