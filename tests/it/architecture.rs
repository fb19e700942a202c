//! Architectural invariants that keep the core usable without a window.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::repo;

/// Package name → names of its dependencies, read from Cargo.lock.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(repo().join("Cargo.lock")).expect("Cargo.lock");
    let mut graph = BTreeMap::new();
    for block in text.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .map(|n| n.trim_matches('"').to_owned())
            .expect("package name");
        let deps = block
            .split_once("dependencies = [")
            .map(|(_, rest)| rest.split(']').next().unwrap_or(""))
            .unwrap_or("")
            .lines()
            .filter_map(|l| {
                l.trim()
                    .trim_end_matches(',')
                    .trim_matches('"')
                    .split(' ')
                    .next()
                    .map(str::to_owned)
            })
            .filter(|d| !d.is_empty())
            .collect();
        graph.entry(name).or_insert(deps);
    }
    graph
}

#[test]
fn the_domain_library_depends_on_no_tauri_crate() {
    let graph = lock_graph();
    assert!(
        graph.contains_key("tauri"),
        "the workspace lock includes the shell's tauri, so the check is meaningful"
    );
    let mut seen = BTreeSet::new();
    let mut todo = vec!["itinera".to_owned()];
    while let Some(p) = todo.pop() {
        if seen.insert(p.clone()) {
            todo.extend(graph.get(&p).cloned().unwrap_or_default());
        }
    }
    let tauri: Vec<_> = seen
        .iter()
        .filter(|p| p.starts_with("tauri") || p.starts_with("wry") || p.starts_with("webkit2gtk"))
        .collect();
    assert!(
        tauri.is_empty(),
        "the domain library must build without Tauri or WebKit, found {tauri:?}"
    );
    assert!(
        seen.contains("sqlx"),
        "the walk reached the library's real dependencies"
    );
}
