//! Proposing a programme (`itinera::schedule`): the 2-day Chợ Rẫy director visit of
//! `examples/scheduling/director-visit-requests.json` (20 requests, two sub-groups, venues, hosts and an
//! interpreter shared with the Tashkent visit already booked), an over-committed director,
//! and the `itinera schedule` command.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use itinera::conflicts::{self, PrintLog};
use itinera::model::{BusyBlock, ItemKind, ItemStatus, ItineraryItem, Key, LocalizedText};
use itinera::plan::{self, Plan};
use itinera::schedule::{self, Options, Outcome, Proposal};

use crate::support::{TempDb, repo};

const VISIT: &str = "choray-2026-03";

fn example() -> Plan {
    let text =
        std::fs::read_to_string(repo().join("examples/scheduling/director-visit-requests.json"))
            .expect("the example exists");
    plan::read(&text, None).expect("the example plan is valid")
}

fn key(s: &str) -> Key {
    Key::new(s).expect("a valid key")
}

fn seoul(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("an RFC 3339 time")
}

fn options(ms: u64) -> Options {
    Options {
        budget: Duration::from_millis(ms),
        ..Options::default()
    }
}

fn proposal(plan: &Plan, ms: u64) -> Proposal {
    match schedule::propose(plan, &key(VISIT), &options(ms)).expect("the visit is known") {
        Outcome::Proposal(p) => p,
        Outcome::Infeasible(why) => panic!("expected a proposal, got {why:#?}"),
    }
}

/// The plan with the proposed items added to the visit.
fn with_items(plan: &Plan, items: &[ItineraryItem]) -> Plan {
    let mut plan = plan.clone();
    let d = plan
        .delegations
        .iter_mut()
        .find(|d| d.delegation.key.as_str() == VISIT)
        .expect("the visit is in the plan");
    d.items.extend(items.iter().cloned());
    plan
}

#[test]
fn director_visit_gets_a_proposal_free_of_blocking_conflicts() {
    let plan = example();
    let p = proposal(&plan, 1500);
    let free: Vec<_> = plan
        .requests_of(&key(VISIT))
        .filter(|r| r.pinned.is_none())
        .collect();
    assert_eq!(
        p.items.len(),
        free.len(),
        "every request that is not pinned gets exactly one item"
    );
    let booked = with_items(&plan, &p.items);
    let blocking: Vec<_> = conflicts::check(&booked, &[], &PrintLog::default())
        .into_iter()
        .filter(|c| c.is_blocking())
        .collect();
    assert!(
        blocking.is_empty(),
        "the booking engine's checker must find no blocking conflict in a proposal: {blocking:#?}"
    );
    assert!(
        p.items.iter().all(|i| i.status == ItemStatus::Tentative),
        "proposed items are tentative holds until the scheduler accepts them"
    );
    assert!(
        p.objective <= p.first_objective,
        "the solver never returns something worse than the greedy start"
    );

    // Every order holds; pinned requests stand for their fixed items.
    let visit = booked.delegation(&key(VISIT)).expect("visit");
    let mut span: BTreeMap<&str, (DateTime<FixedOffset>, DateTime<FixedOffset>)> = BTreeMap::new();
    for r in plan.requests_of(&key(VISIT)) {
        let item_key = r.pinned.as_ref().unwrap_or(&r.key);
        let item = visit
            .items
            .iter()
            .find(|i| &i.key == item_key)
            .expect("every request has an item");
        span.insert(r.key.as_str(), (item.start, item.end));
    }
    for r in plan.requests_of(&key(VISIT)) {
        for a in &r.after {
            assert!(
                span[a.as_str()].1 <= span[r.key.as_str()].0,
                "'{}' must start after '{}' ends",
                r.key,
                a
            );
        }
        let (start, end) = span[r.key.as_str()];
        if r.pinned.is_none() {
            assert_eq!(
                (end - start).num_minutes(),
                i64::from(r.duration_minutes),
                "'{}' lasts as long as requested",
                r.key
            );
            let day = start.date_naive();
            assert!(
                r.dates.is_empty() || r.dates.contains(&day),
                "'{}' lies on one of its allowed dates",
                r.key
            );
            if let Some(e) = r.earliest {
                assert!(
                    start.time()
                        >= chrono::NaiveTime::from_hms_opt(e.minutes() / 60, e.minutes() % 60, 0)
                            .expect("time"),
                    "'{}' starts no earlier than {e}",
                    r.key
                );
            }
        }
    }
    let welcome = &span["welcome"];
    assert_eq!(
        welcome.0,
        seoul("2026-03-10T09:00:00+09:00"),
        "a pinned item never moves"
    );
}

/// The director is free only on Tuesday 09:30–10:30 besides the farewell dinner, which is
/// fixed on Wednesday at 18:30.
fn over_committed() -> Plan {
    let mut plan = example();
    let kim = plan
        .hosts
        .iter_mut()
        .find(|h| h.key.as_str() == "kim-director")
        .expect("the director is a host");
    for (start, end) in [
        ("2026-03-10T10:30:00+09:00", "2026-03-10T22:00:00+09:00"),
        ("2026-03-11T08:00:00+09:00", "2026-03-11T18:30:00+09:00"),
    ] {
        kim.availability.busy.push(BusyBlock {
            start: seoul(start),
            end: seoul(end),
            reason: Some("보건복지부 회의 / ministry meetings".into()),
        });
    }
    let dinner = ItineraryItem {
        key: key("cr-farewell-dinner"),
        kind: ItemKind::Meal,
        title: LocalizedText::one(itinera::model::Lang::Ko, "환송 만찬")
            .with(itinera::model::Lang::En, "Farewell dinner"),
        guest_notes: LocalizedText::default(),
        internal_notes: None,
        start: seoul("2026-03-11T18:30:00+09:00"),
        end: seoul("2026-03-11T20:30:00+09:00"),
        timezone: None,
        overnight: false,
        venue: None,
        location: LocalizedText::one(itinera::model::Lang::En, "Lotte Hotel Seoul"),
        hosts: vec![key("kim-director")],
        participants: Default::default(),
        interpreters: vec![],
        extra_attendees: 0,
        status: ItemStatus::Confirmed,
    };
    let visit = plan
        .delegations
        .iter_mut()
        .find(|d| d.delegation.key.as_str() == VISIT)
        .expect("visit");
    visit.items.push(dinner);
    let req = plan
        .requests
        .iter_mut()
        .find(|r| r.key.as_str() == "farewell-dinner")
        .expect("the dinner is requested");
    req.pinned = Some(key("cr-farewell-dinner"));
    plan
}

fn infeasible(plan: &Plan) -> schedule::Infeasible {
    match schedule::propose(plan, &key(VISIT), &options(3000)).expect("the visit is known") {
        Outcome::Infeasible(why) => why,
        Outcome::Proposal(p) => panic!(
            "expected reasons, got a proposal of {} items",
            p.items.len()
        ),
    }
}

fn keeping(plan: &Plan, keep: impl Fn(&str) -> bool) -> Plan {
    let mut plan = plan.clone();
    plan.requests
        .retain(|r| r.pinned.is_some() || keep(r.key.as_str()));
    plan
}

#[test]
fn over_committed_director_yields_a_minimal_reason_set_naming_him() {
    let plan = over_committed();
    let why = infeasible(&plan);
    assert!(
        why.minimal,
        "the reason set is proven minimal within the budget"
    );
    assert!(
        !why.requirements.is_empty() && why.requirements.len() <= 5,
        "a short list of requirements, got {:#?}",
        why.requirements
    );
    assert!(
        why.summary.contains("김민수")
            || why.requirements.iter().all(|r| r.text.contains("김민수")),
        "the reasons name the over-committed director: {why:#?}"
    );
    // A Korean window reads the same reasons in Korean, naming him too.
    assert!(
        why.summary_ko.contains("배치할 수 없습니다"),
        "{}",
        why.summary_ko
    );
    for r in &why.requirements {
        assert!(
            r.text_ko.contains("일정(") && r.text_ko.contains("김민수"),
            "a Korean requirement names the request and the director: {}",
            r.text_ko
        );
        assert!(
            !r.text_ko.contains(" needs ") && !r.text_ko.contains("fits only"),
            "no English in the Korean requirement: {}",
            r.text_ko
        );
    }
    let set: Vec<&str> = why
        .requirements
        .iter()
        .map(|r| r.request.as_str())
        .collect();
    // Every proper subset of the set (with only the pinned requests besides) is solvable.
    let n = set.len();
    for mask in 0..(1u32 << n) - 1 {
        let subset: Vec<&str> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| set[i])
            .collect();
        let only = keeping(&plan, |k| subset.contains(&k));
        if only.requests.iter().all(|r| r.pinned.is_some()) {
            continue;
        }
        proposal(&only, 2000);
    }
    // The set itself, alone, is not.
    let alone = keeping(&plan, |k| set.contains(&k));
    infeasible(&alone);
}

#[test]
fn removing_one_request_of_the_reason_set_makes_the_visit_solvable() {
    let plan = over_committed();
    let why = infeasible(&plan);
    let dropped = why.requirements[0].request.clone();
    let fewer = keeping(&plan, |k| k != dropped.as_str());
    let p = proposal(&fewer, 2000);
    let booked = with_items(&fewer, &p.items);
    assert!(
        !conflicts::check(&booked, &[], &PrintLog::default())
            .iter()
            .any(|c| c.is_blocking()),
        "without '{dropped}' the rest is placed without blocking conflicts"
    );
}

#[test]
fn requests_with_unknown_references_are_named_by_json_path() {
    let mut value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("examples/scheduling/director-visit-requests.json"))
            .expect("example"),
    )
    .expect("json");
    value["requests"][2]["hosts"][0] = "no-such-host".into();
    value["requests"][3]["after"] = serde_json::json!(["mou-signing"]);
    let problems = plan::read(&value.to_string(), None).expect_err("bad references are refused");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths.contains(&"$.requests[2].hosts[0]"),
        "an unknown host is reported at its path: {paths:?}"
    );
    assert!(
        paths.contains(&"$.requests[3].after"),
        "a request ordered after itself is a cycle: {paths:?}"
    );
}

#[test]
fn schedule_command_prints_applies_and_refuses_bad_input() {
    let db = TempDb::new();
    let example = repo().join("examples/scheduling/director-visit-requests.json");
    let example = example.to_str().expect("utf-8 path");
    let out = db.itinera(&["import", example]);
    assert!(out.status.success(), "the example imports: {out:?}");
    let out = db.itinera(&[
        "schedule",
        "--delegation",
        VISIT,
        "--requests",
        example,
        // Enough for the exact MIP to run beside the search (4 s or more) and to be stopped.
        "--budget-ms",
        "7000",
        "--format",
        "json",
        "--apply",
    ]);
    assert_eq!(out.status.code(), Some(0), "a proposal exits 0: {out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !said.contains("WARN") && !said.contains("HiGHS"),
        "a solver stopped by the budget is not a warning to print: {said}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(json["outcome"], "proposal", "the JSON names the outcome");
    let out = db.itinera(&["check", "--delegation", VISIT]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "applied items leave no blocking conflict: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = db.itinera(&["schedule", "--delegation", VISIT, "--requests", example]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "once applied, nothing is left to place (bad input): {out:?}"
    );
    let out = db.itinera(&[
        "schedule",
        "--delegation",
        "no-such-visit",
        "--requests",
        example,
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown delegation is bad input"
    );
}

#[test]
fn schedule_command_uses_the_stored_requests_and_a_file_overrides_them() {
    let db = TempDb::new();
    let file = repo().join("examples/scheduling/director-visit-requests.json");
    let out = db.itinera(&["import", file.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "the example imports with its requests: {out:?}"
    );
    let out = db.itinera(&[
        "schedule",
        "--delegation",
        VISIT,
        "--budget-ms",
        "500",
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "the stored requests are enough to propose: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let proposed: Vec<&str> = json["items"]
        .as_array()
        .expect("a proposal lists items")
        .iter()
        .filter_map(|i| i["key"].as_str())
        .collect();
    let plan = example();
    let unpinned = plan
        .requests_of(&key(VISIT))
        .filter(|r| r.pinned.is_none())
        .count();
    assert_eq!(
        proposed.len(),
        unpinned,
        "one item per stored request that is not pinned"
    );

    // A file with one request replaces the stored ones for this run only.
    let only = serde_json::json!({
        "requests": [plan.requests.iter().find(|r| r.key.as_str() == "welcome-lunch").expect("lunch")]
    });
    let file = db.dir.path().join("lunch-only.json");
    std::fs::write(&file, only.to_string()).expect("write");
    let out = db.itinera(&[
        "schedule",
        "--delegation",
        VISIT,
        "--requests",
        file.to_str().expect("path"),
        "--budget-ms",
        "300",
        "--format",
        "json",
        "--apply",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(
        json["items"].as_array().map(Vec::len),
        Some(1),
        "--requests replaces the stored requests: only the lunch is proposed"
    );
    let export = db.itinera(&["export"]);
    let exported: serde_json::Value = serde_json::from_slice(&export.stdout).expect("export JSON");
    assert_eq!(
        exported["requests"].as_array().map(Vec::len),
        Some(plan.requests.len()),
        "an override file changes no stored request"
    );
    let items = exported["delegations"]
        .as_array()
        .expect("delegations")
        .iter()
        .find(|d| d["key"] == VISIT)
        .expect("the visit")["items"]
        .as_array()
        .expect("items")
        .clone();
    let lunch = items
        .iter()
        .find(|i| i["key"] == "welcome-lunch")
        .expect("--apply saved the proposed lunch");
    assert_eq!(
        lunch["status"], "tentative",
        "applied items are tentative holds"
    );
}
