//! Generated small visits with venue, host and interpreter choices, solved by enumerating
//! every start and choice: the bound over every choice and the LP relaxation's (`lp`) never
//! exceed the enumerated optimum, and `propose` reports that optimum, proven, with no blocking
//! conflict.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::conflicts::{self, Index, PrintLog};
use crate::model::Key;
use crate::plan::{self, Plan};
use crate::schedule::problem::{Placed, Problem};
use crate::schedule::{Options, Outcome, greedy, lp, propose, solver};

/// A deterministic generator: the instances are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % m
    }
}

/// One day (Tue 6 Oct 2026) at two sites 15 minutes apart, three rooms, three hosts working
/// 08:00–19:00 with a busy hour each, two Vietnamese interpreters (one busy for another visit), three members
/// and three or four requests, each with a few starts and up to four ways to hold it.
fn instance(rng: &mut Lcg) -> Value {
    let wk =
        json!([{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "07:30", "close": "21:00"}]);
    let venues: Vec<Value> = [
        ("room-a", "site-1"),
        ("room-b", "site-1"),
        ("room-c", "site-2"),
    ]
    .iter()
    .map(|(v, s)| {
        json!({"key": v, "site": s, "name": {"en": v, "ko": format!("{v} 회의실")},
                "capacity": 20, "opening_hours": wk})
    })
    .collect();
    let hosts: Vec<Value> = (0..3)
        .map(|h| {
            let busy = 9 + rng.next(6);
            json!({"key": format!("host-{h}"), "name": {"ko": format!("교수 {h}"), "en": format!("Professor {h}")},
                "languages": ["ko"], "availability": {
                    "working_hours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "08:00", "close": "19:00"}],
                    "busy": [{
                    "start": format!("2026-10-06T{busy:02}:00:00+09:00"),
                    "end": format!("2026-10-06T{:02}:00:00+09:00", busy + 1)}]}})
        })
        .collect();
    let interpreters: Vec<Value> = (0..2)
        .map(|i| {
            json!({"key": format!("interp-{i}"), "name": {"ko": format!("통역사 {i}"), "en": format!("Interpreter {i}")},
                "pairs": ["ko-vi"], "affiliation": "agency", "max_continuous_minutes": 90 + 30 * i,
                "max_daily_minutes": 240})
        })
        .collect();
    let busy_interpreting = 9 + rng.next(2);
    let other = json!({"key": "other-visit", "name": {"en": "Other visit", "ko": "다른 방문"},
        "languages": ["vi"], "timezone": "Asia/Seoul",
        "arrival": "2026-10-06T07:00:00+09:00", "departure": "2026-10-06T20:00:00+09:00",
        "members": [{"key": "other-head", "native_name": "Lê Văn Tám", "precedence": 1}],
        "items": [{"key": "other-talk", "kind": "meeting", "title": {"en": "Talk", "ko": "면담"},
            "start": format!("2026-10-06T{busy_interpreting:02}:00:00+09:00"),
            "end": format!("2026-10-06T{busy_interpreting:02}:45:00+09:00"),
            "interpreters": [{"interpreter": "interp-0", "pair": "ko-vi"}], "status": "confirmed"}]});
    let members = ["m-0", "m-1", "m-2"];
    let visit = json!({"key": "visit", "name": {"en": "Chợ Rẫy Hospital", "ko": "쩌라이 병원"},
        "languages": ["vi"], "timezone": "Asia/Seoul",
        "arrival": "2026-10-06T07:00:00+09:00", "departure": "2026-10-06T20:00:00+09:00",
        "members": members.iter().enumerate().map(|(k, m)| json!({"key": m,
            "native_name": format!("Nguyễn Văn {k}"), "precedence": k + 1})).collect::<Vec<_>>()});
    let n = 3 + rng.next(2) as usize;
    let requests: Vec<Value> = (0..n)
        .map(|k| {
            let duration = 30 + 15 * rng.next(3) as u32;
            let slack = 60 + 30 * rng.next(3) as u32;
            let from = 9 * 60 + 15 * rng.next(4) as u32;
            let to = from + duration + slack;
            let mut who: Vec<&str> = members.iter().copied().filter(|_| rng.next(2) == 0).collect();
            if who.is_empty() {
                who.push(members[k % 3]);
            }
            let venues: Vec<&str> = match rng.next(4) {
                0 => vec!["room-a", "room-c"],
                1 => vec!["room-a"],
                2 => vec!["room-b"],
                _ => vec!["room-c"],
            };
            let mut r = json!({"key": format!("request-{k}"), "delegation": "visit", "kind": "meeting",
                "title": {"en": format!("Meeting {k}"), "ko": format!("회의 {k}")},
                "duration_minutes": duration, "participants": {"members": who}, "venues": venues,
                "interpretation": rng.next(3) > 0,
                "earliest": format!("{:02}:{:02}", from / 60, from % 60),
                "latest": format!("{:02}:{:02}", to / 60, to % 60)});
            if rng.next(2) == 0 {
                let h = rng.next(3);
                r["hosts_one_of"] = json!([format!("host-{h}"), format!("host-{}", (h + 1) % 3)]);
            } else {
                r["hosts"] = json!([format!("host-{}", rng.next(3))]);
            }
            r
        })
        .collect();
    json!({"format": "itinera-plan", "version": 1, "settings": {"same_site_buffer_minutes": 0},
        "sites": [
            {"key": "site-1", "name": {"en": "Main campus", "ko": "본원"}, "timezone": "Asia/Seoul"},
            {"key": "site-2", "name": {"en": "Cancer centre", "ko": "암센터"}, "timezone": "Asia/Seoul"}],
        "travel": [{"from": "site-1", "to": "site-2", "minutes": 15}],
        "venues": venues, "hosts": hosts, "interpreters": interpreters,
        "delegations": [visit, other], "requests": requests})
}

fn read(v: &Value) -> Plan {
    match plan::read(&v.to_string(), None) {
        Ok(p) => p,
        Err(problems) => panic!("{}", plan::format_problems(&problems)),
    }
}

/// The least cost over every start and choice of every task (restricted to `only`'s choice
/// per task when given) that keeps the booking checker, the orders, every clash and the
/// interpreters' limits; none when nothing does.
fn enumerate(problem: &Problem<'_>, index: &Index<'_>, only: Option<&[Placed]>) -> Option<i64> {
    fn go(
        problem: &Problem<'_>,
        index: &Index<'_>,
        only: Option<&[Placed]>,
        chosen: &mut Vec<Placed>,
        cost: i64,
        best: &mut Option<i64>,
    ) {
        if best.is_some_and(|b| cost >= b) {
            return;
        }
        let t = chosen.len();
        if t == problem.tasks.len() {
            if problem.interpreters_fit(chosen) {
                *best = Some(cost);
            }
            return;
        }
        let task = &problem.tasks[t];
        for c in 0..task.choices.len() {
            if only.is_some_and(|o| o[t].choice != c) {
                continue;
            }
            for &s in &task.starts {
                let p = Placed {
                    task: t,
                    choice: c,
                    start: s,
                };
                let ordered = task
                    .after
                    .iter()
                    .all(|&a| a >= t || chosen[a].start + problem.tasks[a].duration <= s);
                if ordered
                    && chosen.iter().all(|&q| !problem.clash(p, q))
                    && problem.fits_booked(index, t, c, s)
                {
                    chosen.push(p);
                    go(
                        problem,
                        index,
                        only,
                        chosen,
                        cost + problem.cost(t, s),
                        best,
                    );
                    chosen.pop();
                }
            }
        }
    }
    let mut best = None;
    go(problem, index, only, &mut vec![], 0, &mut best);
    best
}

fn blocking(plan: &Plan, items: &[crate::model::ItineraryItem]) -> usize {
    let mut plan = plan.clone();
    plan.delegations[0].items.extend(items.iter().cloned());
    conflicts::check(&plan, &[], &PrintLog::default())
        .iter()
        .filter(|c| c.is_blocking())
        .count()
}

/// Sixty visits generated from `seed`; `check` gets each one that can be placed (its round,
/// plan, problem, index, enumerated optimum and the generator, for draws of its own).
/// Returns how many could be placed.
fn each_placeable(
    seed: u64,
    mut check: impl FnMut(usize, &Plan, &Problem<'_>, &Index<'_>, i64, &mut Lcg),
) -> usize {
    let mut rng = Lcg(seed);
    let key = Key::new("visit").expect("a valid key");
    let printed = PrintLog::default();
    let mut placeable = 0;
    for round in 0..60 {
        let plan = read(&instance(&mut rng));
        let problem = Problem::build(&plan, &key).expect("the visit is known");
        let index = Index::build(&plan, &[], &printed);
        if let Some(optimum) = enumerate(&problem, &index, None) {
            check(round, &plan, &problem, &index, optimum, &mut rng);
            placeable += 1;
        }
    }
    placeable
}

#[test]
fn generated_visits_with_choices_are_solved_to_the_enumerated_optimum() {
    let key = Key::new("visit").expect("a valid key");
    let mut choices_mattered = 0;
    let solved = each_placeable(
        0x9e37_79b9_7f4a_7c15,
        |round, plan, problem, index, optimum, _| {
            let domains = solver::relaxed_domains(problem, index);
            let bound = super::bound_over_choices(problem, &domains);
            assert!(
                bound <= optimum,
                "instance {round}: the bound over every choice ({bound}) exceeds the optimum {optimum}"
            );
            let deadline = Instant::now() + Duration::from_secs(5);
            if let Ok(first) = greedy::place_with_retries(problem, index, None, 40, deadline)
                && enumerate(problem, index, Some(&first)).is_some_and(|o| o > optimum)
            {
                choices_mattered += 1;
            }
            let options = Options {
                budget: Duration::from_secs(20),
                ..Options::default()
            };
            match propose(plan, &key, &options).expect("the visit has requests") {
                Outcome::Proposal(p) => {
                    assert_eq!(
                        p.objective, optimum,
                        "instance {round}: the proposal's cost is the enumerated optimum"
                    );
                    assert!(
                        p.optimal && p.bound == Some(optimum),
                        "instance {round}: the optimum over every choice is proven: {p:#?}"
                    );
                    assert_eq!(
                        blocking(plan, &p.items),
                        0,
                        "instance {round}: the checker finds no blocking conflict in the proposal"
                    );
                }
                Outcome::Infeasible(why) => {
                    panic!("instance {round}: a placement exists (cost {optimum}), got {why:#?}")
                }
            }
        },
    );
    assert!(
        solved >= 10,
        "many generated visits can be placed ({solved} of 60)"
    );
    assert!(
        choices_mattered > 0,
        "on some instances the greedy's venues, hosts or interpreters cannot reach the optimum"
    );
}

#[test]
fn the_lp_bound_over_every_choice_never_exceeds_the_enumerated_optimum() {
    let (mut stronger, mut exact) = (0, 0);
    let checked = each_placeable(
        0x51_7cc1_b727_220a,
        |round, _, problem, index, optimum, rng| {
            let deadline = Instant::now() + Duration::from_secs(20);
            let feasible = super::feasible_starts(problem, index, None, deadline).expect("in time");
            let domains = super::any_choice_domains(problem, &feasible);
            let sequencing = super::bound_over_choices(problem, &domains);
            let relaxed = lp::bound(problem, &feasible, lp::MAX_PAIRS, deadline);
            let Some(bound) = relaxed.bound() else {
                panic!("instance {round}: a placement exists (cost {optimum}), got {relaxed:?}");
            };
            assert!(
                bound <= optimum,
                "instance {round}: the LP bound ({bound}) exceeds the optimum {optimum}"
            );
            // The Lagrangian is a bound for any multipliers, not only the dual optimum's.
            for _ in 0..5 {
                let value =
                    lp::lagrangian_with(problem, &feasible, &mut |_| rng.next(4) as f64 * 0.75);
                assert!(
                    value <= optimum as f64 + 1e-9,
                    "instance {round}: the Lagrangian with some multipliers ({value}) exceeds the \
                 optimum {optimum}"
                );
            }
            stronger += usize::from(bound > sequencing);
            exact += usize::from(bound == optimum);
        },
    );
    assert!(
        checked >= 10,
        "many generated visits can be placed ({checked} of 60)"
    );
    assert!(
        stronger > 0,
        "on some visits the LP bound is above the sequencing bound ({checked} checked)"
    );
    assert!(
        exact > 0,
        "on some visits the LP bound is the optimum itself ({checked} checked)"
    );
}

#[test]
fn the_exact_model_over_every_choice_proves_the_enumerated_optimum() {
    let never = std::sync::atomic::AtomicBool::new(false);
    let checked = each_placeable(
        0x2545_f491_4f6c_dd1d,
        |round, _, problem, index, optimum, _| {
            let deadline = Instant::now() + Duration::from_secs(60);
            let feasible = super::feasible_starts(problem, index, None, deadline).expect("in time");
            let Ok(prepared) = lp::Prepared::build(problem, &feasible, lp::MAX_PAIRS) else {
                panic!(
                    "instance {round}: a placement exists (cost {optimum}), so the model builds"
                );
            };
            let exact = prepared.solve_exact(&[], 1, deadline, &[&never]);
            assert!(
                exact.proven,
                "instance {round}: HiGHS proves an optimum: {exact:?}"
            );
            let placed = exact.placed.expect("a proven optimum has its placement");
            assert!(
                super::valid(problem, index, &placed),
                "instance {round}: the model's optimum keeps every rule: {placed:?}"
            );
            assert_eq!(
                (problem.objective(&placed), exact.bound),
                (optimum, Some(optimum)),
                "instance {round}: the model's optimum and bound are the enumerated optimum"
            );
        },
    );
    assert!(
        checked >= 10,
        "many generated visits can be placed ({checked} of 60)"
    );
}
