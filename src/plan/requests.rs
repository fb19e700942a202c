//! Checks of the plan's scheduling requests: every reference names something that exists
//! (in the plan or the database it is added to), keys are unique, times make sense and the
//! `after` orders have no cycle. Problems carry the JSON path of the offending value.

use std::collections::{BTreeMap, BTreeSet};

use super::{Plan, Problem};
use crate::model::{Participants, Request};
use crate::wording::{Text, no_such, no_such_here};

/// Names known in the plan and in `existing`, by kind.
#[derive(Default)]
struct Names<'a> {
    by_kind: BTreeMap<&'static str, BTreeSet<&'a str>>,
}

impl<'a> Names<'a> {
    fn of(plans: &[&'a Plan]) -> Self {
        let mut n = Names::default();
        for p in plans {
            n.add("host", p.hosts.iter().map(|h| h.key.as_str()));
            n.add("venue", p.venues.iter().map(|v| v.key.as_str()));
            for d in &p.delegations {
                let key = d.delegation.key.as_str();
                n.add("delegation", [key]);
                n.add("item", d.items.iter().map(|i| i.key.as_str()));
            }
        }
        n
    }

    fn add(&mut self, kind: &'static str, keys: impl IntoIterator<Item = &'a str>) {
        self.by_kind.entry(kind).or_default().extend(keys);
    }

    fn has(&self, kind: &str, key: &str) -> bool {
        self.by_kind.get(kind).is_some_and(|s| s.contains(key))
    }
}

/// Appends the problems of `plan.requests` (whose JSON paths are `paths`) to `out`.
pub(crate) fn validate(
    plan: &Plan,
    paths: &[String],
    existing: Option<&Plan>,
    out: &mut Vec<Problem>,
) {
    let plans: Vec<&Plan> = std::iter::once(plan).chain(existing).collect();
    let names = Names::of(&plans);
    let mut at = |path: String, message: Text| out.push(Problem { path, message });
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (r, path) in plan.requests.iter().zip(paths) {
        if let Some(first) = seen.insert(r.key.as_str(), path) {
            at(
                format!("{path}.key"),
                Text::new(
                    format!("request key '{}' is also used at {first}", r.key),
                    format!("일정 요청 키가 {first}에서도 쓰였습니다: '{}'", r.key),
                ),
            );
        }
        check_one(r, path, &plans, &names, &mut at);
    }
    let by_key: BTreeMap<&str, (&Request, &String)> = plan
        .requests
        .iter()
        .zip(paths)
        .map(|(r, p)| (r.key.as_str(), (r, p)))
        .collect();
    for (r, path) in plan.requests.iter().zip(paths) {
        for (i, a) in r.after.iter().enumerate() {
            match by_key.get(a.as_str()) {
                None => at(format!("{path}.after[{i}]"), no_such("request", a)),
                Some((other, _)) if other.delegation != r.delegation => at(
                    format!("{path}.after[{i}]"),
                    Text::new(
                        format!("request '{a}' belongs to another delegation"),
                        format!("다른 방문단의 일정 요청입니다: '{a}'"),
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some(cycle) = order_cycle(plan) {
        let (_, path) = by_key[cycle[0]];
        at(
            format!("{path}.after"),
            Text::new(
                format!("the orders form a cycle: {}", cycle.join(" → ")),
                format!("순서가 순환합니다: {}", cycle.join(" → ")),
            ),
        );
    }
}

fn check_one(
    r: &Request,
    path: &str,
    plans: &[&Plan],
    names: &Names<'_>,
    at: &mut impl FnMut(String, Text),
) {
    if r.title.is_blank() {
        at(
            format!("{path}.title"),
            Text::new("a request needs a title", "일정 요청에 제목이 필요합니다"),
        );
    }
    if r.duration_minutes == 0 {
        at(
            format!("{path}.duration_minutes"),
            Text::new(
                "the duration must be above zero",
                "소요 시간은 0분보다 길어야 합니다",
            ),
        );
    }
    let delegation = plans.iter().find_map(|p| p.delegation(&r.delegation));
    if delegation.is_none() {
        at(
            format!("{path}.delegation"),
            no_such("delegation", &r.delegation),
        );
    }
    for (field, list) in [("hosts", &r.hosts), ("hosts_one_of", &r.hosts_one_of)] {
        for (i, h) in list.iter().enumerate() {
            if !names.has("host", h.as_str()) {
                at(format!("{path}.{field}[{i}]"), no_such("host", h));
            }
        }
    }
    for (i, v) in r.venues.iter().enumerate() {
        if !names.has("venue", v.as_str()) {
            at(format!("{path}.venues[{i}]"), no_such("venue", v));
        }
    }
    if let (Some(e), Some(l)) = (r.earliest, r.latest)
        && l.minutes() < e.minutes() + r.duration_minutes
    {
        at(
            format!("{path}.latest"),
            Text::new(
                format!("{} min do not fit between {e} and {l}", r.duration_minutes),
                format!(
                    "{}분이 {e}–{l} 사이에 들어가지 않습니다",
                    r.duration_minutes
                ),
            ),
        );
    }
    if let Some(p) = r.preferred
        && p.to <= p.from
    {
        at(
            format!("{path}.preferred.to"),
            Text::new(
                format!(
                    "the preferred window ends ({}) before it starts ({})",
                    p.to, p.from
                ),
                format!("선호 시간의 끝({})이 시작({})보다 이릅니다", p.to, p.from),
            ),
        );
    }
    if let Some(pin) = &r.pinned {
        let own = delegation.is_some_and(|d| d.items.iter().any(|i| &i.key == pin));
        if !own {
            at(format!("{path}.pinned"), no_such_here("item", pin));
        }
    } else if names.has("item", r.key.as_str()) && delegation.is_none() {
        at(
            format!("{path}.key"),
            Text::new(
                format!("key '{}' is an item of another delegation", r.key),
                format!("다른 방문단의 일정 키입니다: '{}'", r.key),
            ),
        );
    }
    let Some(d) = delegation else { return };
    if let Participants::Selected { subgroups, members } = &r.participants {
        for (i, g) in subgroups.iter().enumerate() {
            if !d.delegation.subgroups.iter().any(|s| &s.key == g) {
                at(
                    format!("{path}.participants.subgroups[{i}]"),
                    no_such_here("sub-group", g),
                );
            }
        }
        for (i, m) in members.iter().enumerate() {
            if !d.members.iter().any(|x| &x.key == m) {
                at(
                    format!("{path}.participants.members[{i}]"),
                    no_such_here("member", m),
                );
            }
        }
    }
    for (i, day) in r.dates.iter().enumerate() {
        let tz = d.delegation.timezone;
        let first = d.delegation.arrival.with_timezone(&tz).date_naive();
        let last = d.delegation.departure.with_timezone(&tz).date_naive();
        if *day < first || *day > last {
            at(
                format!("{path}.dates[{i}]"),
                Text::new(
                    format!("{day} is outside the stay ({first} – {last})"),
                    format!("체류 기간({first} – {last}) 밖의 날짜입니다: {day}"),
                ),
            );
        }
    }
}

/// A cycle of `after` orders, as request keys (first repeated last), if there is one.
fn order_cycle(plan: &Plan) -> Option<Vec<&str>> {
    let after: BTreeMap<&str, Vec<&str>> = plan
        .requests
        .iter()
        .map(|r| (r.key.as_str(), r.after.iter().map(|a| a.as_str()).collect()))
        .collect();
    // 0 unvisited, 1 on the current path, 2 done.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    fn visit<'a>(
        k: &'a str,
        after: &BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<&'a str>> {
        match state.get(k) {
            Some(2) => return None,
            Some(1) => {
                let from = path.iter().position(|p| *p == k).unwrap_or(0);
                let mut cycle = path[from..].to_vec();
                cycle.push(k);
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(k, 1);
        path.push(k);
        for next in after.get(k).into_iter().flatten() {
            if let Some(c) = visit(next, after, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(k, 2);
        None
    }
    for k in after.keys() {
        if let Some(c) = visit(k, &after, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

/// Reads the `requests` list of a JSON document and checks it against `existing`.
pub(crate) fn read(text: &str, existing: &Plan) -> Result<Vec<Request>, Vec<Problem>> {
    let mut problems = vec![];
    let root: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            path: "$".into(),
            message: Text::new(format!("not JSON: {e}"), format!("JSON이 아닙니다: {e}")),
        }]
    })?;
    let list = match root.get("requests") {
        Some(serde_json::Value::Array(list)) => list.clone(),
        _ => {
            return Err(vec![Problem {
                path: "$.requests".into(),
                message: Text::new("expected a list of requests", "일정 요청 목록이어야 합니다"),
            }]);
        }
    };
    let mut plan = Plan::default();
    let mut paths = vec![];
    for (i, v) in list.into_iter().enumerate() {
        let path = format!("$.requests[{i}]");
        if let Some(r) = super::parse::entity::<Request>(v, &path, &mut problems) {
            plan.requests.push(r);
            paths.push(path);
        }
    }
    validate(&plan, &paths, Some(existing), &mut problems);
    if problems.is_empty() {
        Ok(plan.requests)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ItemKind, Key, LocalizedText};

    fn request(key: &str, after: &[&str]) -> Request {
        Request {
            key: Key::new(key).expect("key"),
            delegation: Key::new("choray-2026-03").expect("key"),
            kind: ItemKind::Meeting,
            title: LocalizedText::one(crate::model::Lang::Ko, "회의"),
            duration_minutes: 30,
            participants: Participants::Everyone,
            hosts: vec![],
            hosts_one_of: vec![],
            venues: vec![],
            location: LocalizedText::default(),
            interpretation: false,
            earliest: None,
            latest: None,
            dates: vec![],
            after: after.iter().map(|a| Key::new(*a).expect("key")).collect(),
            preferred: None,
            pinned: None,
        }
    }

    #[test]
    fn order_cycles_are_found_and_chains_are_not() {
        let mut plan = Plan {
            requests: vec![
                request("welcome", &[]),
                request("director-call", &["welcome"]),
                request("mou-signing", &["director-call"]),
            ],
            ..Plan::default()
        };
        assert_eq!(order_cycle(&plan), None, "a chain of orders is no cycle");
        plan.requests[0].after = vec![Key::new("mou-signing").expect("key")];
        let cycle = order_cycle(&plan).expect("welcome → mou → call → welcome is a cycle");
        assert_eq!(
            cycle.first(),
            cycle.last(),
            "a cycle is reported closed, first key repeated last"
        );
        assert_eq!(cycle.len(), 4, "the cycle names its three requests");
    }
}
