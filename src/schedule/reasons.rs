//! Plain-words reasons: why a set of requests cannot all be placed.
//!
//! Each requirement says what the request needs (hosts, venues, interpretation, its window)
//! and where it could go at all given everything booked, e.g. "‘Courtesy call on the
//! director’ (60 min) needs 김민수 (Kim Min-su); it fits only Tue 10 Mar 09:00–10:30"; when it
//! fits nowhere, the booking checker's own messages say why. The summary names the people
//! and venues the requests share, which is usually what the scheduler has to change.
//! Everything is written in English and in Korean (the window shows its own language);
//! Korean sentences put a fixed noun ("일정") before any particle, so titles in any script
//! read correctly.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::conflicts::Index;
use crate::model::Lang;

use super::problem::{GRID, Problem};
use super::solver::relaxed_domains;
use super::{Infeasible, Requirement};

/// The reasons for a core of tasks that cannot all be placed.
pub(crate) fn describe(
    problem: &Problem<'_>,
    index: &Index<'_>,
    core: &[usize],
    minimal: bool,
    started: Instant,
) -> Infeasible {
    let domains = relaxed_domains(problem, index);
    let requirements = core
        .iter()
        .map(|&t| requirement(problem, index, t, &domains[t]))
        .collect();
    Infeasible {
        summary: summary(problem, core, Lang::En),
        summary_ko: summary(problem, core, Lang::Ko),
        requirements,
        minimal,
        total_ms: started.elapsed().as_millis() as u64,
    }
}

/// The reasons when the greedy and the solver both ran out of time on `task`.
pub(crate) fn unplaced(
    problem: &Problem<'_>,
    index: &Index<'_>,
    task: usize,
    started: Instant,
) -> Infeasible {
    let domains = relaxed_domains(problem, index);
    Infeasible {
        summary: format!(
            "No complete programme was found within the time budget; ‘{}’ could not be placed \
             after the others (a longer budget may find one).",
            title(problem, task, Lang::En)
        ),
        summary_ko: format!(
            "시간 예산 안에 완전한 일정을 찾지 못했습니다. ‘{}’ 일정을 다른 일정 뒤에 배치할 수 \
             없었습니다(예산을 늘리면 찾을 수도 있습니다).",
            title(problem, task, Lang::Ko)
        ),
        requirements: vec![requirement(problem, index, task, &domains[task])],
        minimal: false,
        total_ms: started.elapsed().as_millis() as u64,
    }
}

/// The request's title: English (with the Korean one when it differs), or Korean.
fn title(problem: &Problem<'_>, t: usize, lang: Lang) -> String {
    let r = problem.tasks[t].request;
    let ko = r.title.get(Lang::Ko);
    let en = r.title.get(Lang::En);
    match (ko, en, lang) {
        (Some(k), Some(e), Lang::En) if k != e => format!("{e} / {k}"),
        _ => r.title.best(lang).to_owned(),
    }
}

fn name(problem: &Problem<'_>, resource: &str, lang: Lang) -> String {
    let plan = problem.plan;
    let (kind, key) = resource.split_once(':').unwrap_or(("", resource));
    let found = match kind {
        "host" => plan
            .hosts
            .iter()
            .find(|h| h.key.as_str() == key)
            .map(|h| h.name.best(Lang::Ko).to_owned()),
        "interpreter" => plan
            .interpreters
            .iter()
            .find(|i| i.key.as_str() == key)
            .map(|i| match lang {
                Lang::Ko => format!("통역사 {}", i.name.best(Lang::Ko)),
                _ => format!("interpreter {}", i.name.best(Lang::Ko)),
            }),
        "venue" => plan
            .venues
            .iter()
            .find(|v| v.key.as_str() == key)
            .map(|v| v.name.best(lang).to_owned()),
        "member" => problem
            .delegation
            .members
            .iter()
            .find(|m| m.key.as_str() == key)
            .map(|m| m.native_name.clone()),
        _ => None,
    };
    found.unwrap_or_else(|| key.to_owned())
}

fn clock(m: i32) -> String {
    let m = m.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// "Tue 10 Mar"; in Korean "3월 10일(화)".
fn day(problem: &Problem<'_>, m: i32, lang: Lang) -> String {
    let date = problem.date(m);
    match lang {
        Lang::Ko => {
            use chrono::Datelike;
            const WEEKDAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];
            let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
            format!("{}월 {}일({weekday})", date.month(), date.day())
        }
        _ => date.format("%a %-d %b").to_string(),
    }
}

/// One request of a reason set, in both languages.
fn requirement(
    problem: &Problem<'_>,
    index: &Index<'_>,
    t: usize,
    domain: &[(i32, i64)],
) -> Requirement {
    let task = &problem.tasks[t];
    // Why each start is refused, counted per rule, with the checker's messages in both
    // languages (the rule of the most refused starts first).
    let mut why: Vec<(usize, String, String)> = vec![];
    if domain.is_empty() {
        let mut by_rule: BTreeMap<String, (usize, String, String)> = BTreeMap::new();
        for &s in &task.starts {
            let found = problem.check(index, t, 0, s);
            if found.is_empty() {
                continue;
            }
            let ko = problem
                .item(t, 0, s)
                .and_then(|item| {
                    index
                        .check_item_in(&item, &problem.delegation.delegation.key, Lang::Ko)
                        .ok()
                })
                .unwrap_or_default();
            for c in found {
                let rule = format!("{:?} {:?}", c.code, c.resources);
                let ko_message = ko
                    .iter()
                    .find(|k| k.id() == c.id())
                    .map_or_else(|| c.message.clone(), |k| k.message.clone());
                by_rule.entry(rule).or_insert((0, c.message, ko_message)).0 += 1;
            }
        }
        why = by_rule.into_values().collect();
        why.sort_by_key(|w| std::cmp::Reverse(w.0));
        why.truncate(3);
    }
    Requirement {
        request: task.request.key.clone(),
        text: requirement_text(problem, t, domain, &why, Lang::En),
        text_ko: requirement_text(problem, t, domain, &why, Lang::Ko),
    }
}

fn requirement_text(
    problem: &Problem<'_>,
    t: usize,
    domain: &[(i32, i64)],
    why: &[(usize, String, String)],
    lang: Lang,
) -> String {
    let ko = lang == Lang::Ko;
    let task = &problem.tasks[t];
    let r = task.request;
    let host_name = |k: &crate::model::Key| name(problem, &format!("host:{k}"), lang);
    let mut needs: Vec<String> = vec![];
    if !r.hosts.is_empty() {
        let names: Vec<String> = r.hosts.iter().map(host_name).collect();
        needs.push(names.join(if ko { " 및 " } else { " and " }));
    }
    if !r.hosts_one_of.is_empty() {
        let names: Vec<String> = r.hosts_one_of.iter().map(host_name).collect();
        needs.push(if ko {
            format!("{} 중 한 명", names.join(", "))
        } else {
            format!("one of {}", names.join(", "))
        });
    }
    if !r.venues.is_empty() {
        let names: Vec<String> = r
            .venues
            .iter()
            .map(|v| name(problem, &format!("venue:{v}"), lang))
            .collect();
        needs.push(names.join(if ko { " 또는 " } else { " or " }));
    }
    if let Some(pair) = problem.needed_pair(r) {
        needs.push(if ko {
            format!("{pair} 통역사")
        } else {
            format!("an interpreter for {pair}")
        });
    }
    let title = title(problem, t, lang);
    let mut text = if ko {
        format!("‘{title}’ 일정({}분)", task.duration)
    } else {
        format!("‘{title}’ ({} min)", task.duration)
    };
    if !needs.is_empty() {
        text += &if ko {
            format!(" — 필요: {}", needs.join(", "))
        } else {
            format!(" needs {}", needs.join(", "))
        };
    }
    if !r.after.is_empty() {
        let keys: Vec<&str> = r.after.iter().map(|k| k.as_str()).collect();
        text += &if ko {
            format!(", 선행 일정: {}", keys.join(", "))
        } else {
            format!(", comes after {}", keys.join(", "))
        };
    }
    if domain.is_empty() {
        text += if ko {
            "; 허용된 시간 안에 들어갈 곳이 없습니다"
        } else {
            "; it fits nowhere in its window"
        };
        let top: Vec<String> = why
            .iter()
            .map(|(n, en, k)| {
                let m = if ko { k } else { en };
                match (*n > 1, ko) {
                    (false, _) => m.clone(),
                    (true, false) => format!("{m} (and {} more starts)", n - 1),
                    (true, true) => format!("{m} (외 시작 시각 {}개)", n - 1),
                }
            })
            .collect();
        if !top.is_empty() {
            text += &format!(": {}", top.join("; "));
        }
    } else {
        let fits = windows(problem, task.duration, domain, lang);
        text += &if ko {
            format!("; 가능한 시간: {fits}")
        } else {
            format!("; it fits only {fits}")
        };
    }
    text
}

fn windows(problem: &Problem<'_>, duration: i32, domain: &[(i32, i64)], lang: Lang) -> String {
    let mut runs: Vec<(i32, i32)> = vec![];
    for &(s, _) in domain {
        match runs.last_mut() {
            Some(run) if run.1 + GRID == s && run.1.div_euclid(1440) == s.div_euclid(1440) => {
                run.1 = s
            }
            _ => runs.push((s, s)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .take(6)
        .map(|&(a, b)| {
            format!(
                "{} {}–{}",
                day(problem, a, lang),
                clock(a),
                clock(b + duration)
            )
        })
        .collect();
    let more = runs.len().saturating_sub(6);
    match (more > 0, lang) {
        (false, _) => shown.join(", "),
        (true, Lang::Ko) => format!("{} 외 {more}개 시간대", shown.join(", ")),
        (true, _) => format!("{} and {more} more windows", shown.join(", ")),
    }
}

/// "They cannot all be placed: all need …" naming what two or more of them share.
fn summary(problem: &Problem<'_>, core: &[usize], lang: Lang) -> String {
    let mut count: BTreeMap<u32, usize> = BTreeMap::new();
    for &t in core {
        let task = &problem.tasks[t];
        let mut held: Vec<u32> = task
            .choices
            .first()
            .map(|c| c.people.iter().chain(c.venue_res.iter()).copied().collect())
            .unwrap_or_default();
        held.retain(|r| {
            task.choices
                .iter()
                .all(|c| c.people.contains(r) || c.venue_res == Some(*r))
        });
        for r in held {
            *count.entry(r).or_default() += 1;
        }
    }
    // Members are named only when no host, interpreter or venue is shared: a whole
    // delegation is in everything, and the staff resource is what can change.
    let shared: Vec<&str> = count
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(r, _)| problem.resource_names[*r as usize].as_str())
        .collect();
    let staff: Vec<&str> = shared
        .iter()
        .copied()
        .filter(|r| !r.starts_with("member:"))
        .collect();
    let named: Vec<String> = if staff.is_empty() { shared } else { staff }
        .into_iter()
        .take(4)
        .map(|r| name(problem, r, lang))
        .collect();
    let n = core.len();
    match (n, named.is_empty(), lang) {
        (1, _, Lang::Ko) => format!(
            "‘{}’ 일정은 어디에도 배치할 수 없습니다.",
            title(problem, core[0], lang)
        ),
        (1, _, _) => format!(
            "‘{}’ cannot be placed at all.",
            title(problem, core[0], lang)
        ),
        (_, true, Lang::Ko) => format!("이 일정 요청 {n}개는 함께 배치할 수 없습니다."),
        (_, true, _) => format!("These {n} requests cannot all be placed together."),
        (_, false, Lang::Ko) => format!(
            "이 일정 요청 {n}개는 모두 배치할 수 없습니다. 주어진 시간에 모두 다음이 \
             필요합니다: {}.",
            named.join(", ")
        ),
        (_, false, _) => format!(
            "These {n} requests cannot all be placed: they all need {} in the time available.",
            named.join(", ")
        ),
    }
}
