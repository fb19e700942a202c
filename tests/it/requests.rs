//! Scheduling requests in the database (both backends): stored by `itinera import` and by
//! single saves checked exactly as plan files are, with versions, refused when stale, kept in
//! their order, guarded against deleting a request others follow, and part of the plan the
//! store loads (so the scheduler sees them).

use itinera::ErrorKind;
use itinera::model::{Key, Request};
use itinera::plan::{self, Plan};
use itinera::store::{ReorderRequests, SaveRequest};

use crate::support::{Backend, TempDb, on_both_databases, repo};

const VISIT: &str = "choray-2026-03";

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn example() -> Plan {
    let text =
        std::fs::read_to_string(repo().join("examples/scheduling/director-visit-requests.json"))
            .expect("the example exists");
    plan::read(&text, None).expect("the example plan is valid")
}

/// The example without its requests, and the requests apart.
fn example_split() -> (Plan, Vec<Request>) {
    let mut plan = example();
    let requests = std::mem::take(&mut plan.requests);
    (plan, requests)
}

async fn requests_round_trip_with_versions_and_order(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let (plan, requests) = example_split();
    store.import_plan(&plan).await.expect("import the visits");
    assert!(
        store
            .list_requests(&key(VISIT))
            .await
            .expect("list")
            .is_empty(),
        "a visit imported without requests has none"
    );
    let welcome = requests
        .iter()
        .find(|r| r.key.as_str() == "welcome")
        .expect("welcome");
    let call = requests
        .iter()
        .find(|r| r.key.as_str() == "director-call")
        .expect("director call");
    for r in [welcome, call] {
        let saved = store
            .save_request(SaveRequest {
                request: r.clone(),
                expected_version: None,
            })
            .await
            .expect("a request of the example saves");
        assert_eq!(saved.version, 1, "a new request starts at version 1");
    }
    let again = store
        .save_request(SaveRequest {
            request: welcome.clone(),
            expected_version: None,
        })
        .await
        .expect_err("creating the same key twice must fail");
    assert_eq!(again.kind(), ErrorKind::Duplicate, "{again}");

    let mut longer = call.clone();
    longer.duration_minutes = 90;
    let updated = store
        .save_request(SaveRequest {
            request: longer.clone(),
            expected_version: Some(1),
        })
        .await
        .expect("update quoting the loaded version");
    assert_eq!(updated.version, 2, "an update bumps the version");

    let stale = store
        .save_request(SaveRequest {
            request: call.clone(),
            expected_version: Some(1),
        })
        .await
        .expect_err("a save quoting an old version must be refused");
    assert_eq!(stale.kind(), ErrorKind::Stale, "{stale}");
    assert!(
        stale.to_string().contains("director-call")
            && stale.to_string().contains("changed by someone else"),
        "the stale refusal names the request like an item's would: {stale}"
    );

    let listed = store.list_requests(&key(VISIT)).await.expect("list");
    let keys: Vec<&str> = listed.iter().map(|r| r.request.key.as_str()).collect();
    assert_eq!(
        keys,
        ["welcome", "director-call"],
        "requests keep the order they were added in"
    );
    assert_eq!(
        listed[1].request, longer,
        "the stored request is the one saved last"
    );

    let reordered = store
        .reorder_requests(ReorderRequests {
            delegation: key(VISIT),
            keys: vec![key("director-call"), key("welcome")],
        })
        .await
        .expect("reorder");
    let keys: Vec<&str> = reordered.iter().map(|r| r.request.key.as_str()).collect();
    assert_eq!(keys, ["director-call", "welcome"], "the new order is kept");
    assert_eq!(
        reordered[0].version, 2,
        "reordering does not make open editors stale"
    );

    let loaded = store.load_plan().await.expect("load");
    let in_plan: Vec<&str> = loaded.requests.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        in_plan,
        ["director-call", "welcome"],
        "the loaded plan carries the stored requests in order"
    );

    let in_use = store
        .delete_request(&key("welcome"))
        .await
        .expect_err("the director call is ordered after the welcome");
    assert_eq!(in_use.kind(), ErrorKind::InUse, "{in_use}");
    assert!(
        in_use.to_string().contains("director-call"),
        "names the follower: {in_use}"
    );
    store
        .delete_request(&key("director-call"))
        .await
        .expect("delete the follower");
    store
        .delete_request(&key("welcome"))
        .await
        .expect("then the welcome");
    let gone = store
        .delete_request(&key("welcome"))
        .await
        .expect_err("deleting twice");
    assert_eq!(gone.kind(), ErrorKind::NotFound, "{gone}");
}

async fn a_request_is_checked_as_a_plan_file_would_check_it(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let (plan, requests) = example_split();
    store.import_plan(&plan).await.expect("import the visits");
    let mut bad = requests
        .iter()
        .find(|r| r.key.as_str() == "hospital-briefing")
        .expect("briefing")
        .clone();
    bad.duration_minutes = 0;
    bad.hosts = vec![key("no-such-host")];
    bad.after = vec![key("welcome")];
    let err = store
        .save_request(SaveRequest {
            request: bad,
            expected_version: None,
        })
        .await
        .expect_err("an invalid request writes nothing");
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    let message = err.to_string();
    for field in [
        "duration_minutes:",
        "hosts[0]: no host with key 'no-such-host'",
        "after[0]: no request with key 'welcome'",
    ] {
        assert!(
            message.contains(field),
            "the refusal names '{field}': {message}"
        );
    }
    assert!(
        store
            .list_requests(&key(VISIT))
            .await
            .expect("list")
            .is_empty(),
        "nothing was half-written"
    );

    // Two requests that would each come after the other: the second save closes a cycle.
    let mut a = requests
        .iter()
        .find(|r| r.key.as_str() == "surgery-lecture")
        .expect("lecture")
        .clone();
    let mut b = requests
        .iter()
        .find(|r| r.key.as_str() == "surgical-skills")
        .expect("skills")
        .clone();
    a.after.clear();
    b.after = vec![a.key.clone()];
    for r in [&a, &b] {
        store
            .save_request(SaveRequest {
                request: r.clone(),
                expected_version: None,
            })
            .await
            .expect("a chain saves");
    }
    a.after = vec![b.key.clone()];
    let cycle = store
        .save_request(SaveRequest {
            request: a,
            expected_version: Some(1),
        })
        .await
        .expect_err("a cycle of orders is refused");
    assert!(
        cycle
            .to_string()
            .starts_with("after: the orders form a cycle"),
        "the cycle is reported on the saved request's 'after': {cycle}"
    );

    let missing = store
        .list_requests(&key("no-such-visit"))
        .await
        .expect_err("an unknown delegation");
    assert_eq!(missing.kind(), ErrorKind::NotFound, "{missing}");
}

async fn importing_a_plan_stores_its_requests_and_deleting_the_visit_removes_them(
    backend: Backend,
) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let plan = example();
    store
        .import_plan(&plan)
        .await
        .expect("import with requests");
    let loaded = store.load_plan().await.expect("load");
    assert_eq!(
        loaded.requests, plan.requests,
        "every request of the plan file is stored, unchanged and in file order"
    );
    store
        .delete_delegation(&key(VISIT))
        .await
        .expect("delete the visit");
    let loaded = store.load_plan().await.expect("load");
    assert!(
        loaded
            .requests
            .iter()
            .all(|r| r.delegation.as_str() != VISIT),
        "a delegation's requests go with it"
    );
}

on_both_databases!(requests_round_trip_with_versions_and_order);
on_both_databases!(a_request_is_checked_as_a_plan_file_would_check_it);
on_both_databases!(importing_a_plan_stores_its_requests_and_deleting_the_visit_removes_them);
