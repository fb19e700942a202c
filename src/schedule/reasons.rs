//! Plain-words reasons: why a set of requests cannot all be placed.
//!
//! Each requirement says what the request needs (hosts, venues, interpretation, its window)
//! and where it could go at all given everything booked, e.g. "‘Courtesy call on the
//! director’ (60 min) needs 김민수 (Kim Min-su); it fits only Tue 10 Mar 09:00–10:30"; when it
//! fits nowhere, the booking checker's own messages say why. The summary names the people
//! and venues the requests share, which is usually what the scheduler has to change.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::conflicts::Index;
use crate::model::Lang;

use super::problem::{GRID, Problem};
use super::solver::relaxed_domains;
use super::{Infeasible, Requirement};

/// The reasons for a core of tasks (`minimal` when proven minimal).
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
    let summary = summary(problem, core);
    Infeasible {
        summary,
        requirements,
        minimal,
        total_ms: started.elapsed().as_millis() as u64,
    }
}

/// The reason when the solver found no answer in time and the greedy is stuck on `task`.
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
            title(problem, task)
        ),
        requirements: vec![requirement(problem, index, task, &domains[task])],
        minimal: false,
        total_ms: started.elapsed().as_millis() as u64,
    }
}

fn title(problem: &Problem<'_>, t: usize) -> String {
    let r = problem.tasks[t].request;
    let ko = r.title.get(Lang::Ko);
    let en = r.title.get(Lang::En);
    match (ko, en) {
        (Some(k), Some(e)) if k != e => format!("{e} / {k}"),
        _ => r.title.best(Lang::En).to_owned(),
    }
}

/// A resource's display name ("host:kim" → the host's name).
fn name(problem: &Problem<'_>, resource: &str) -> String {
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
            .map(|i| format!("interpreter {}", i.name.best(Lang::Ko))),
        "venue" => plan
            .venues
            .iter()
            .find(|v| v.key.as_str() == key)
            .map(|v| v.name.best(Lang::En).to_owned()),
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

fn day(problem: &Problem<'_>, m: i32) -> String {
    problem.date(m).format("%a %-d %b").to_string()
}

fn requirement(
    problem: &Problem<'_>,
    index: &Index<'_>,
    t: usize,
    domain: &[(i32, i64)],
) -> Requirement {
    let task = &problem.tasks[t];
    let r = task.request;
    let host_name = |k: &crate::model::Key| name(problem, &format!("host:{k}"));
    let mut needs: Vec<String> = vec![];
    if !r.hosts.is_empty() {
        needs.push(
            r.hosts
                .iter()
                .map(host_name)
                .collect::<Vec<_>>()
                .join(" and "),
        );
    }
    if !r.hosts_one_of.is_empty() {
        let names: Vec<String> = r.hosts_one_of.iter().map(host_name).collect();
        needs.push(format!("one of {}", names.join(", ")));
    }
    if !r.venues.is_empty() {
        let names: Vec<String> = r
            .venues
            .iter()
            .map(|v| name(problem, &format!("venue:{v}")))
            .collect();
        needs.push(names.join(" or "));
    }
    if let Some(pair) = problem.needed_pair(r) {
        needs.push(format!("an interpreter for {pair}"));
    }
    let mut text = format!("‘{}’ ({} min)", title(problem, t), task.duration);
    if !needs.is_empty() {
        text += &format!(" needs {}", needs.join(", "));
    }
    if !r.after.is_empty() {
        let keys: Vec<&str> = r.after.iter().map(|k| k.as_str()).collect();
        text += &format!(", comes after {}", keys.join(", "));
    }
    if domain.is_empty() {
        text += "; it fits nowhere in its window";
        // One message per rule and resource (the first start's), most frequent first.
        let mut why: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for &s in &task.starts {
            for c in problem.check(index, t, 0, s) {
                let rule = format!("{:?} {:?}", c.code, c.resources);
                why.entry(rule).or_insert((0, c.message)).0 += 1;
            }
        }
        let mut why: Vec<(usize, String)> = why.into_values().collect();
        why.sort_by_key(|w| std::cmp::Reverse(w.0));
        if !why.is_empty() {
            let top: Vec<String> = why
                .into_iter()
                .take(3)
                .map(|(n, m)| {
                    if n > 1 {
                        format!("{m} (and {} more starts)", n - 1)
                    } else {
                        m
                    }
                })
                .collect();
            text += &format!(": {}", top.join("; "));
        }
    } else {
        text += &format!("; it fits only {}", windows(problem, task.duration, domain));
    }
    Requirement {
        request: r.key.clone(),
        text,
    }
}

/// Contiguous runs of feasible starts as "Tue 10 Mar 09:00–10:30" (start of the first to end
/// of the last).
fn windows(problem: &Problem<'_>, duration: i32, domain: &[(i32, i64)]) -> String {
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
        .map(|&(a, b)| format!("{} {}–{}", day(problem, a), clock(a), clock(b + duration)))
        .collect();
    let more = runs.len().saturating_sub(6);
    if more > 0 {
        format!("{} and {more} more windows", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// "They cannot all be placed: all need …" naming what two or more of them share.
fn summary(problem: &Problem<'_>, core: &[usize]) -> String {
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
        .map(|r| name(problem, r))
        .collect();
    let n = core.len();
    match (n, named.is_empty()) {
        (1, _) => format!("‘{}’ cannot be placed at all.", title(problem, core[0])),
        (_, true) => format!("These {n} requests cannot all be placed together."),
        (_, false) => format!(
            "These {n} requests cannot all be placed: they all need {} in the time available.",
            named.join(", ")
        ),
    }
}
