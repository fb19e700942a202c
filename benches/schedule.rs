//! Scheduler benchmark (`cargo bench --bench schedule`, release mode). Prints:
//! - the 20-request Chợ Rẫy director visit (`examples/scheduling/director-visit-requests.json`),
//!   three times for the greedy's venues, hosts and interpreters (the proof of its optimum),
//!   then over every choice with a 1 s budget (three times) and with `ITINERA_BENCH_VISIT_MS` (default
//!   10000; `ITINERA_BENCH_VISIT_ONLY` stops after it, `ITINERA_BENCH_PRINT` lists the items):
//!   time to the first proposal, to the best proposal and whether it is proven optimal,
//!   objective, the lower bound and the gap to it (for every scenario);
//! - the time-indexed LP bound of the visit over every choice (and of the course, which is
//!   above the LP's size limit): bound, size, time of each of three solves (with a 10 s or
//!   longer visit budget, the exact MIP of `schedule::mip` runs beside the search and its
//!   proof shows as "proven optimal after …");
//! - a 3-day, 4-track course across 6 sites (300 sessions, 101 participants, hosts chosen
//!   "one of" per track, two venues per track, interpreters for a quarter of the sessions):
//!   time to the first complete proposal, blocking conflicts the checker finds in it,
//!   objective after 2 s, 10 s and the full budget (`ITINERA_BENCH_BUDGET_MS`, default
//!   30000, the issue's);
//! - the time to a reason set for an over-committed director.
//!
//! Targets from issue 7: optimum of the 20-request visit proven ≤ 1 s; a complete
//! conflict-free course proposal ≤ 2 s; a reason set ≤ 100 ms.

use std::time::{Duration, Instant};

use itinera::conflicts::{PrintLog, check};
use itinera::model::Key;
use itinera::plan::{self, Plan};
use itinera::schedule::{self, Options, Outcome};
use serde_json::{Value, json};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn options(ms: u64) -> Options {
    Options {
        budget: Duration::from_millis(ms),
        ..Options::default()
    }
}

fn fixed_choices(ms: u64) -> Options {
    Options {
        explore_choices: false,
        ..options(ms)
    }
}

fn example() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/scheduling/director-visit-requests.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("json")
}

fn read(v: &Value) -> Plan {
    match plan::read(&v.to_string(), None) {
        Ok(p) => p,
        Err(problems) => panic!("{}", plan::format_problems(&problems)),
    }
}

fn blocking(plan: &Plan, delegation: &str, items: &[itinera::model::ItineraryItem]) -> usize {
    let mut plan = plan.clone();
    if let Some(d) = plan
        .delegations
        .iter_mut()
        .find(|d| d.delegation.key.as_str() == delegation)
    {
        d.items.extend(items.iter().cloned());
    }
    check(&plan, &[], &PrintLog::default())
        .iter()
        .filter(|c| c.is_blocking())
        .count()
}

fn report(name: &str, plan: &Plan, delegation: &str, budget_ms: u64) {
    report_with(name, plan, delegation, &options(budget_ms));
}

fn report_with(name: &str, plan: &Plan, delegation: &str, options: &Options) {
    let started = Instant::now();
    match schedule::propose(plan, &key(delegation), options).expect("known visit") {
        Outcome::Proposal(p) if std::env::var("ITINERA_BENCH_PRINT").is_ok() => {
            for i in &p.items {
                println!(
                    "  {} {}–{} {:?} {:?} {:?}",
                    i.key,
                    i.start.format("%d %H:%M"),
                    i.end.format("%H:%M"),
                    i.venue.as_ref().map(|v| v.to_string()),
                    i.hosts.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
                    i.interpreters
                        .iter()
                        .map(|a| a.interpreter.to_string())
                        .collect::<Vec<_>>()
                );
            }
            println!("{name}: objective {}", p.objective);
        }
        Outcome::Proposal(p) => println!(
            "{name}: {} items; first proposal {} ms (objective {}), best {} found after {} ms \
             ({:?}), bound {}, gap {}{}; blocking conflicts per checker: {} (wall {} ms)",
            p.items.len(),
            p.first_ms,
            p.first_objective,
            p.objective,
            p.best_ms,
            p.engine,
            p.bound.map_or("unknown".into(), |b| b.to_string()),
            p.bound.map_or("unknown".into(), |b| format!(
                "{} ({:.1}%)",
                p.objective - b,
                100.0 * (p.objective - b) as f64 / p.objective.max(1) as f64
            )),
            if p.optimal {
                format!(", proven optimal after {} ms", p.total_ms)
            } else {
                format!(", not proven optimal ({} ms)", p.total_ms)
            },
            blocking(plan, delegation, &p.items),
            started.elapsed().as_millis()
        ),
        Outcome::Infeasible(why) => println!(
            "{name}: infeasible in {} ms: {} ({} requirements, minimal: {})",
            why.total_ms,
            why.summary,
            why.requirements.len(),
            why.minimal
        ),
    }
}

/// The time-indexed LP bound over every choice (what `propose` adds to its bound for a
/// visit), three times: the bound, the LP's size and the time of each solve.
fn relaxation(name: &str, plan: &Plan, delegation: &str) {
    for _ in 0..3 {
        let started = Instant::now();
        let found = schedule::relaxation_bound(plan, &key(delegation), Duration::from_secs(10))
            .expect("known delegation");
        let ms = started.elapsed().as_millis();
        match found {
            schedule::Relaxation::Bound {
                bound,
                value,
                pairs,
                rows,
            } => println!(
                "{name}: LP bound over every choice {bound} (LP value {value:.2}, {pairs} \
                 pairs, {rows} rows) in {ms} ms"
            ),
            schedule::Relaxation::TooLarge { pairs, limit } => println!(
                "{name}: LP bound skipped, {pairs} pairs > limit {limit} (decided in {ms} ms)"
            ),
            other => println!("{name}: LP bound {other:?} after {ms} ms"),
        }
    }
}

/// The course: 6 sites, tracks at sites 1–4, plenaries at site 5, labs at site 6.
fn course() -> Value {
    let days = ["2026-05-12", "2026-05-13", "2026-05-14"];
    let wk =
        json!([{"days": ["mon", "tue", "wed", "thu", "fri"], "open": "07:30", "close": "21:00"}]);
    let mut sites = vec![];
    let mut travel = vec![];
    let mut venues = vec![];
    for s in 1..=6 {
        sites.push(json!({"key": format!("site-{s}"), "name": {"en": format!("Site {s}"), "ko": format!("{s}캠퍼스")}, "timezone": "Asia/Seoul"}));
        for t in s + 1..=6 {
            travel.push(json!({"from": format!("site-{s}"), "to": format!("site-{t}"), "minutes": 5 + 3 * (t - s)}));
        }
        for v in 1..=3 {
            venues.push(
                json!({"key": format!("room-{s}-{v}"), "site": format!("site-{s}"),
                "name": {"en": format!("Room {s}.{v}"), "ko": format!("{s}관 {v}강의실")},
                "capacity": if s == 5 { 150 } else { 40 }, "opening_hours": wk}),
            );
        }
    }
    let mut hosts = vec![];
    for h in 0..40 {
        hosts.push(json!({"key": format!("faculty-{h}"), "name": {"ko": format!("교수 {h}"), "en": format!("Faculty {h}")},
            "languages": ["ko", "en"]}));
    }
    let mut interpreters = vec![];
    for i in 0..6 {
        interpreters.push(json!({"key": format!("interp-{i}"), "name": {"ko": format!("통역사 {i}"), "en": format!("Interpreter {i}")},
            "pairs": ["ko-uz", "ko-ru"], "affiliation": "agency", "max_continuous_minutes": 240, "max_daily_minutes": 600}));
    }
    let mut members = vec![
        json!({"key": "course-director", "native_name": "Хакимов Бегали", "romanized_name": "Hakimov Beg\u{2bb}ali", "precedence": 1}),
    ];
    let mut groups = vec![];
    for t in 0..4 {
        let keys: Vec<String> = (0..25).map(|m| format!("t{t}-m{m}")).collect();
        for (m, k) in keys.iter().enumerate() {
            members.push(json!({"key": k, "native_name": format!("Курсант {t}-{m}"), "precedence": 2 + t * 25 + m}));
        }
        groups.push(json!({"key": format!("track-{t}"), "name": {"en": format!("Track {t}"), "ko": format!("{t}트랙")}, "members": keys}));
    }
    let mut requests = vec![];
    let mut n = 0;
    for (d, day) in days.iter().enumerate() {
        for p in 0..4 {
            requests.push(json!({"key": format!("plenary-{d}-{p}"), "delegation": "course-2026-05", "kind": "lecture",
                "title": {"en": format!("Plenary {d}.{p}"), "ko": format!("전체 강의 {d}.{p}")}, "duration_minutes": 30,
                "hosts_one_of": [format!("faculty-{}", 36 + p), format!("faculty-{}", 36 + (p + 1) % 4)],
                "venues": ["room-5-1", "room-5-2"], "interpretation": true, "dates": [day],
                "earliest": "08:00", "latest": "20:00"}));
            n += 1;
        }
        for t in 0..4 {
            for s in 0..24 {
                let lab = s >= 21;
                let venues = if lab {
                    json!([format!("room-6-{}", 1 + t % 3)])
                } else {
                    json!([format!("room-{}-1", t + 1), format!("room-{}-2", t + 1)])
                };
                let mut r = json!({"key": format!("s-{d}-{t}-{s}"), "delegation": "course-2026-05",
                    "kind": if lab { "hands_on" } else { "lecture" },
                    "title": {"en": format!("Session {d}.{t}.{s}"), "ko": format!("세션 {d}.{t}.{s}")},
                    "duration_minutes": if lab { 30 } else { 15 },
                    "participants": {"subgroups": [format!("track-{t}")]},
                    "hosts_one_of": [format!("faculty-{}", t * 9 + s % 9), format!("faculty-{}", t * 9 + (s + 3) % 9)],
                    "venues": venues, "interpretation": s % 4 == 0, "dates": [day],
                    "earliest": "08:00", "latest": "20:00"});
                if s > 0 && s % 6 == 0 {
                    r["after"] = json!([format!("s-{d}-{t}-{}", s - 6)]);
                }
                requests.push(r);
                n += 1;
            }
        }
    }
    assert_eq!(n, 300, "the course has 300 sessions");
    json!({"format": "itinera-plan", "version": 1, "settings": {"same_site_buffer_minutes": 0},
        "sites": sites, "travel": travel, "venues": venues, "hosts": hosts, "interpreters": interpreters,
        "delegations": [{"key": "course-2026-05", "name": {"en": "Tashkent surgical training course", "ko": "타슈켄트 외과 연수 과정"},
            "languages": ["uz", "ru"], "timezone": "Asia/Seoul",
            "arrival": "2026-05-11T18:00:00+09:00", "departure": "2026-05-15T12:00:00+09:00",
            "subgroups": groups, "members": members}],
        "requests": requests})
}

/// The example with the director busy except Tuesday 09:30–10:30 and the dinner fixed.
fn over_committed() -> Value {
    let mut v = example();
    let hosts = v["hosts"].as_array_mut().expect("hosts");
    for h in hosts.iter_mut().filter(|h| h["key"] == "kim-director") {
        h["availability"]["busy"] = json!([
            {"start": "2026-03-10T10:30:00+09:00", "end": "2026-03-10T22:00:00+09:00"},
            {"start": "2026-03-11T08:00:00+09:00", "end": "2026-03-11T18:30:00+09:00"}]);
    }
    let visit = &mut v["delegations"][0];
    visit["items"].as_array_mut().expect("items").push(
        json!({"key": "cr-farewell-dinner", "kind": "meal",
        "title": {"ko": "환송 만찬", "en": "Farewell dinner"}, "start": "2026-03-11T18:30:00+09:00",
        "end": "2026-03-11T20:30:00+09:00", "hosts": ["kim-director"], "status": "confirmed"}),
    );
    for r in v["requests"].as_array_mut().expect("requests") {
        if r["key"] == "farewell-dinner" {
            r["pinned"] = json!("cr-farewell-dinner");
        }
    }
    v
}

fn main() {
    let budget: u64 = std::env::var("ITINERA_BENCH_BUDGET_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30_000);
    let visit = read(&example());
    for _ in 0..3 {
        report_with(
            "20-request visit, greedy's choices (budget 10 s)",
            &visit,
            "choray-2026-03",
            &fixed_choices(10_000),
        );
    }
    relaxation("20-request visit", &visit, "choray-2026-03");
    // Over every venue, host and interpreter choice: the state at 1 s, then the full run
    // (`ITINERA_BENCH_VISIT_MS`, default 10000).
    let visit_ms: u64 = std::env::var("ITINERA_BENCH_VISIT_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    for _ in 0..3 {
        report(
            "20-request visit, every choice (budget 1 s)",
            &visit,
            "choray-2026-03",
            1000,
        );
    }
    report(
        &format!("20-request visit, every choice (budget {visit_ms} ms)"),
        &visit,
        "choray-2026-03",
        visit_ms,
    );
    if std::env::var("ITINERA_BENCH_VISIT_ONLY").is_ok() {
        return;
    }
    let started = Instant::now();
    let course = read(&course());
    println!(
        "course plan built and validated in {} ms",
        started.elapsed().as_millis()
    );
    relaxation("300-session course", &course, "course-2026-05");
    // The objective at 2 s, 10 s and the full budget (each a run of its own, same seed).
    for ms in [2000, 10_000, budget] {
        if ms <= budget {
            report(
                &format!("300-session course (budget {ms} ms)"),
                &course,
                "course-2026-05",
                ms,
            );
        }
    }
    let tight = read(&over_committed());
    for _ in 0..3 {
        report(
            "over-committed director (reason set)",
            &tight,
            "choray-2026-03",
            5000,
        );
    }
}
