//! Quality of proposals (`itinera::schedule`): a small visit whose optimum is known by hand
//! is found and proven optimal, and the large-neighbourhood search on a course of more than
//! sixty sessions never returns something worse than the greedy start, never a blocking
//! conflict, and never claims a bound above its own cost; the 20-request example visit's
//! optimum is proven, for the greedy's choices and over every choice; proposed items keep the interpreters'
//! continuous and daily limits.

use std::time::Duration;

use itinera::conflicts::{self, PrintLog};
use itinera::model::{ItineraryItem, Key};
use itinera::plan::{self, Plan};
use itinera::schedule::{self, Engine, Options, Outcome, Proposal};
use serde_json::{Value, json};

fn key(s: &str) -> Key {
    Key::new(s).expect("a valid key")
}

fn read(v: &Value) -> Plan {
    match plan::read(&v.to_string(), None) {
        Ok(p) => p,
        Err(problems) => panic!("{}", plan::format_problems(&problems)),
    }
}

fn propose(plan: &Plan, delegation: &str, ms: u64) -> Proposal {
    let options = Options {
        budget: Duration::from_millis(ms),
        ..Options::default()
    };
    match schedule::propose(plan, &key(delegation), &options).expect("the visit is known") {
        Outcome::Proposal(p) => p,
        Outcome::Infeasible(why) => panic!("expected a proposal, got {why:#?}"),
    }
}

fn blocking(plan: &Plan, delegation: &str, items: &[ItineraryItem]) -> Vec<String> {
    let mut plan = plan.clone();
    plan.delegations
        .iter_mut()
        .find(|d| d.delegation.key.as_str() == delegation)
        .expect("the delegation is in the plan")
        .items
        .extend(items.iter().cloned());
    conflicts::check(&plan, &[], &PrintLog::default())
        .into_iter()
        .filter(|c| c.is_blocking())
        .map(|c| c.message)
        .collect()
}

fn plan_with(sites: usize, hosts: Vec<Value>, delegation: Value, requests: Vec<Value>) -> Value {
    let wk =
        json!([{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "07:30", "close": "21:00"}]);
    let mut site_list = vec![];
    let mut travel = vec![];
    let mut venues = vec![];
    for s in 1..=sites {
        site_list.push(json!({"key": format!("site-{s}"), "name": {"en": format!("Site {s}"), "ko": format!("{s}캠퍼스")}, "timezone": "Asia/Seoul"}));
        for t in s + 1..=sites {
            travel.push(json!({"from": format!("site-{s}"), "to": format!("site-{t}"), "minutes": 5 + 3 * (t - s)}));
        }
        for v in 1..=2 {
            venues.push(
                json!({"key": format!("room-{s}-{v}"), "site": format!("site-{s}"),
                "name": {"en": format!("Room {s}.{v}"), "ko": format!("{s}관 {v}강의실")},
                "capacity": 150, "opening_hours": wk}),
            );
        }
    }
    json!({"format": "itinera-plan", "version": 1, "settings": {"same_site_buffer_minutes": 0},
        "sites": site_list, "travel": travel, "venues": venues, "hosts": hosts,
        "interpreters": [], "delegations": [delegation], "requests": requests})
}

/// Three meetings of the whole delegation on one day from 09:00: a 2-hour one that must
/// start by 11:00 and two 1-hour ones. Each costs one unit per quarter hour after 09:00.
/// The greedy places the tightest (the 2-hour one) first at 09:00, then the others at 11:00
/// and 12:00 (0 + 8 + 12 = 20). By hand, the best order is 1 h, 1 h, 2 h at 09:00, 10:00
/// and 11:00 (0 + 4 + 8 = 12), and no order does better, since the three run one after
/// another from 09:00.
#[test]
fn a_small_visit_whose_optimum_is_known_by_hand_is_proven_optimal() {
    let delegation = json!({"key": "hue-2026-06", "name": {"en": "Huế Central Hospital", "ko": "후에 중앙병원"},
        "languages": ["en"], "timezone": "Asia/Seoul",
        "arrival": "2026-06-02T07:00:00+09:00", "departure": "2026-06-02T20:00:00+09:00",
        "members": [{"key": "hue-head", "native_name": "Nguyễn Văn Hải", "precedence": 1}]});
    let meeting = |k: &str, minutes: u32, latest: &str| {
        json!({"key": k, "delegation": "hue-2026-06", "kind": "meeting",
            "title": {"en": k, "ko": format!("회의 {k}")}, "duration_minutes": minutes,
            "venues": ["room-1-1"], "dates": ["2026-06-02"], "earliest": "09:00", "latest": latest})
    };
    let plan = read(&plan_with(
        1,
        vec![],
        delegation,
        vec![
            meeting("long-meeting", 120, "13:00"),
            meeting("short-a", 60, "17:00"),
            meeting("short-b", 60, "17:00"),
        ],
    ));
    let p = propose(&plan, "hue-2026-06", 10_000);
    assert_eq!(
        p.objective, 12,
        "the hand-computed optimum is 0 + 4 + 8: {p:#?}"
    );
    assert!(p.optimal, "the optimum is proven, not just found: {p:#?}");
    assert_eq!(
        p.within_percent, None,
        "a proven optimum has no margin to tell"
    );
    assert_eq!(
        p.bound,
        Some(12),
        "the lower bound of three meetings in a row meets the optimum"
    );
    assert!(
        p.first_objective > p.objective && p.engine == Engine::Solver,
        "the solver, not the greedy, found the optimum (greedy {})",
        p.first_objective
    );
    let long = p
        .items
        .iter()
        .find(|i| i.key.as_str() == "long-meeting")
        .expect("the long meeting is proposed");
    assert_eq!(
        long.start.format("%H:%M").to_string(),
        "11:00",
        "the 2-hour meeting goes last, at 11:00"
    );
    assert!(
        blocking(&plan, "hue-2026-06", &p.items).is_empty(),
        "the optimum has no blocking conflict"
    );
}

/// A one-day course: 2 tracks of 36 sessions at two sites, 2 plenaries at a third, hosts
/// chosen one of two per session, some sessions ordered after others (74 tasks, more than
/// one solver model handles, so the large-neighbourhood search runs).
fn course() -> Value {
    let hosts: Vec<Value> = (0..12)
        .map(|h| json!({"key": format!("faculty-{h}"), "name": {"ko": format!("교수 {h}"), "en": format!("Faculty {h}")}, "languages": ["ko", "en"]}))
        .collect();
    let mut members = vec![
        json!({"key": "course-head", "native_name": "Хакимов Бегали", "romanized_name": "Hakimov Beg\u{2bb}ali", "precedence": 1}),
    ];
    let mut groups = vec![];
    for t in 0..2 {
        let keys: Vec<String> = (0..10).map(|m| format!("t{t}-m{m}")).collect();
        for (m, k) in keys.iter().enumerate() {
            members.push(json!({"key": k, "native_name": format!("Курсант {t}-{m}"), "precedence": 2 + t * 10 + m}));
        }
        groups.push(json!({"key": format!("track-{t}"), "name": {"en": format!("Track {t}"), "ko": format!("{t}트랙")}, "members": keys}));
    }
    let mut requests = vec![];
    for p in 0..2 {
        requests.push(json!({"key": format!("plenary-{p}"), "delegation": "course-2026-09", "kind": "lecture",
            "title": {"en": format!("Plenary {p}"), "ko": format!("전체 강의 {p}")}, "duration_minutes": 30,
            "hosts_one_of": [format!("faculty-{}", 10 + p), format!("faculty-{}", 10 + (p + 1) % 2)],
            "venues": ["room-3-1"], "dates": ["2026-09-15"], "earliest": "08:00", "latest": "20:00"}));
    }
    for t in 0..2 {
        for s in 0..36 {
            let mut r = json!({"key": format!("s-{t}-{s}"), "delegation": "course-2026-09", "kind": "lecture",
                "title": {"en": format!("Session {t}.{s}"), "ko": format!("세션 {t}.{s}")},
                "duration_minutes": if s % 5 == 4 { 30 } else { 15 },
                "participants": {"subgroups": [format!("track-{t}")]},
                "hosts_one_of": [format!("faculty-{}", t * 5 + s % 5), format!("faculty-{}", t * 5 + (s + 2) % 5)],
                "venues": [format!("room-{}-1", t + 1), format!("room-{}-2", t + 1)],
                "dates": ["2026-09-15"], "earliest": "08:00", "latest": "20:00"});
            if s >= 6 && s % 6 == 0 {
                r["after"] = json!([format!("s-{t}-{}", s - 6)]);
            }
            requests.push(r);
        }
    }
    let delegation = json!({"key": "course-2026-09", "name": {"en": "Tashkent endoscopy course", "ko": "타슈켄트 내시경 연수"},
        "languages": ["ru"], "timezone": "Asia/Seoul",
        "arrival": "2026-09-14T18:00:00+09:00", "departure": "2026-09-16T12:00:00+09:00",
        "subgroups": groups, "members": members});
    plan_with(3, hosts, delegation, requests)
}

#[test]
fn course_search_is_never_worse_than_the_greedy_nor_conflicting() {
    let plan = read(&course());
    let p = propose(&plan, "course-2026-09", 3000);
    assert_eq!(p.items.len(), 74, "every session gets exactly one item");
    assert!(
        p.objective <= p.first_objective,
        "the search never returns something worse than the greedy start ({} > {})",
        p.objective,
        p.first_objective
    );
    let bound = p.bound.expect("the bound is computed within 3 s");
    assert!(
        bound <= p.objective,
        "a lower bound never exceeds a cost actually reached ({bound} > {})",
        p.objective
    );
    assert!(
        bound > 0,
        "twenty people each in 38 sessions cannot all start at 08:00: the bound must see that"
    );
    assert_eq!(
        p.optimal,
        p.objective == bound,
        "the search claims optimality exactly when it meets its bound"
    );
    if !p.optimal {
        let percent = p
            .within_percent
            .expect("an unproven proposal tells its margin");
        let margin = f64::from(percent) / 100.0;
        assert!(
            p.objective as f64 <= bound as f64 * (1.0 + margin)
                && (p.objective as f64) > bound as f64 * (1.0 + margin - 0.01),
            "{percent}% is (cost {} − bound {bound}) / bound, rounded up",
            p.objective
        );
    } else {
        assert_eq!(
            p.within_percent, None,
            "a proven optimum has no margin to tell"
        );
    }
    let found = blocking(&plan, "course-2026-09", &p.items);
    assert!(
        found.is_empty(),
        "the booking engine's checker finds no blocking conflict in the course: {found:#?}"
    );
    // Orders hold in the improved proposal too.
    let start = |k: &str| {
        p.items
            .iter()
            .find(|i| i.key.as_str() == k)
            .map(|i| (i.start, i.end))
            .expect("every session is proposed")
    };
    for t in 0..2 {
        for s in (6..36).step_by(6) {
            assert!(
                start(&format!("s-{t}-{}", s - 6)).1 <= start(&format!("s-{t}-{s}")).0,
                "session {t}.{s} starts after session {t}.{} ends",
                s - 6
            );
        }
    }
}

fn propose_with(plan: &Plan, delegation: &str, options: &Options) -> Proposal {
    match schedule::propose(plan, &key(delegation), options).expect("the visit is known") {
        Outcome::Proposal(p) => p,
        Outcome::Infeasible(why) => panic!("expected a proposal, got {why:#?}"),
    }
}

/// The 20-request director visit of the examples.
fn director_visit() -> Plan {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/scheduling/director-visit-requests.json"
    );
    match plan::read(
        &std::fs::read_to_string(path).expect("the example is readable"),
        None,
    ) {
        Ok(p) => p,
        Err(problems) => panic!("{}", plan::format_problems(&problems)),
    }
}

/// The 20-request director visit of the examples: for the greedy's venues, hosts and
/// interpreters the search proves its optimum (the solver says optimal, and the reported
/// bound is that optimum), well below the greedy's cost.
#[test]
fn director_visit_optimum_for_the_greedy_choices_is_proven() {
    let plan = director_visit();
    let options = Options {
        budget: Duration::from_secs(60),
        explore_choices: false,
        ..Options::default()
    };
    let p = propose_with(&plan, "choray-2026-03", &options);
    assert!(
        p.optimal,
        "the optimum is proven within the budget: {} after {} ms",
        p.objective, p.total_ms
    );
    assert_eq!(
        p.bound,
        Some(p.objective),
        "a proven optimum is reported as its own lower bound"
    );
    assert!(
        p.objective < p.first_objective,
        "the solver improves on the greedy ({} ≥ {})",
        p.objective,
        p.first_objective
    );
    assert!(
        blocking(&plan, "choray-2026-03", &p.items).is_empty(),
        "the optimum has no blocking conflict"
    );
    // Trying other choices too never returns something worse.
    let explored = propose_with(
        &plan,
        "choray-2026-03",
        &Options {
            budget: Duration::from_secs(8),
            ..Options::default()
        },
    );
    assert!(
        explored.objective <= p.objective,
        "other venues, hosts and interpreters are only taken when cheaper ({} > {})",
        explored.objective,
        p.objective
    );
    assert!(
        explored.bound.is_some_and(|b| b <= explored.objective),
        "the bound stays below the cost reached: {:?} > {}",
        explored.bound,
        explored.objective
    );
    assert!(
        blocking(&plan, "choray-2026-03", &explored.items).is_empty(),
        "other choices bring no blocking conflict"
    );
}

/// Over every venue, host and interpreter choice the 20-request visit's optimum is proven
/// (by the exact MIP beside the CP search), keeps every booking rule, and ends the search
/// before its budget. The budget is generous on purpose: this checks the proof, not its speed
/// (which `cargo bench --bench schedule` measures).
#[test]
fn director_visit_optimum_over_every_choice_is_proven() {
    let plan = director_visit();
    let budget = Duration::from_secs(300);
    let p = propose_with(
        &plan,
        "choray-2026-03",
        &Options {
            budget,
            ..Options::default()
        },
    );
    assert!(
        p.optimal && p.bound == Some(p.objective),
        "the optimum over every choice is proven: cost {}, bound {:?}, after {} ms",
        p.objective,
        p.bound,
        p.total_ms
    );
    // Found by the MIP and matched by the CP search's best in 10 s; a cost cap of 350 makes
    // the CP model infeasible.
    assert_eq!(p.objective, 402, "the visit's optimum over every choice");
    assert_eq!(
        p.within_percent, None,
        "a proven optimum has no margin to tell"
    );
    assert!(
        u128::from(p.total_ms) < budget.as_millis(),
        "the proof ends the search before the budget ({} ms)",
        p.total_ms
    );
    assert!(
        blocking(&plan, "choray-2026-03", &p.items).is_empty(),
        "the optimum has no blocking conflict"
    );
}

/// One Russian interpreter (at most 120 minutes without a break, 200 a day) for three
/// 90-minute interpreted meetings of the whole delegation over two days. Cheapest would be
/// all three back to back on the first morning; the limits allow two a day with a break
/// between them, and the booking checker must find no interpreter limit broken.
#[test]
fn proposed_items_keep_the_interpreters_continuous_and_daily_limits() {
    let delegation = json!({"key": "kaz-2026-10", "name": {"en": "Almaty Regional Hospital", "ko": "알마티 지역병원"},
        "languages": ["ru"], "timezone": "Asia/Seoul",
        "arrival": "2026-10-06T07:00:00+09:00", "departure": "2026-10-07T20:00:00+09:00",
        "members": [{"key": "kaz-head", "native_name": "Ахметов Ерлан", "precedence": 1}]});
    let requests: Vec<Value> = (0..3)
        .map(|k| {
            json!({"key": format!("talk-{k}"), "delegation": "kaz-2026-10", "kind": "meeting",
                "title": {"en": format!("Talk {k}"), "ko": format!("면담 {k}")}, "duration_minutes": 90,
                "venues": [format!("room-1-{}", 1 + k % 2)], "interpretation": true,
                "earliest": "09:00", "latest": "17:00"})
        })
        .collect();
    let mut v = plan_with(1, vec![], delegation, requests);
    v["interpreters"] = json!([{"key": "ivanova", "name": {"ko": "이바노바", "en": "Ivanova"},
        "pairs": ["ko-ru"], "affiliation": "agency", "max_continuous_minutes": 120, "max_daily_minutes": 200}]);
    let plan = read(&v);
    let p = propose(&plan, "kaz-2026-10", 5000);
    assert_eq!(p.items.len(), 3, "every talk is proposed");
    let mut with = plan.clone();
    with.delegations[0].items.extend(p.items.iter().cloned());
    let broken: Vec<String> = conflicts::check(&with, &[], &PrintLog::default())
        .into_iter()
        .filter(|c| {
            matches!(
                c.code,
                conflicts::ConflictCode::InterpreterContinuousLimit
                    | conflicts::ConflictCode::InterpreterDailyLimit
            )
        })
        .map(|c| c.message)
        .collect();
    assert!(
        broken.is_empty(),
        "the checker finds no interpreter limit broken: {broken:#?}"
    );
    let days: std::collections::BTreeSet<_> =
        p.items.iter().map(|i| i.start.date_naive()).collect();
    assert_eq!(
        days.len(),
        2,
        "200 minutes a day fit only two 90-minute talks a day"
    );
}
