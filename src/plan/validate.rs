//! Semantic checks of a plan: unique keys, references that resolve, times that make sense.
//!
//! Every problem names the JSON path of the offending value. A plan can be checked on its own
//! or against what the database already holds (an import adds to it): references may point
//! into the database, and keys may not collide with it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, TimeDelta};
use chrono_tz::Tz;

use super::parse::RawKeys;
use super::{Plan, Problem};
use crate::model::{ItineraryItem, Participants, WeeklyHours};
use crate::wording::{Text, no_such, no_such_here, noun_ko};

/// The JSON path of each entity of a plan (entities that failed to parse are absent, so
/// positions in the file and in the vectors may differ).
#[derive(Debug, Default, Clone)]
pub struct Paths {
    /// Paths of `plan.sites`.
    pub sites: Vec<String>,
    /// Paths of `plan.travel`.
    pub travel: Vec<String>,
    /// Paths of `plan.venues`.
    pub venues: Vec<String>,
    /// Paths of `plan.hosts`.
    pub hosts: Vec<String>,
    /// Paths of `plan.interpreters`.
    pub interpreters: Vec<String>,
    /// Paths of `plan.delegations` and their members and items.
    pub delegations: Vec<DelegationPaths>,
    /// Paths of `plan.requests`.
    pub requests: Vec<String>,
}

/// Paths of one delegation and its members and items.
#[derive(Debug, Default, Clone)]
pub struct DelegationPaths {
    /// Path of the delegation.
    pub path: String,
    /// Paths of its members.
    pub members: Vec<String>,
    /// Paths of its items.
    pub items: Vec<String>,
}

impl Paths {
    /// Paths by position, for a plan that did not come from a file.
    pub fn of(plan: &Plan) -> Paths {
        let idx = |name: &str, n: usize| (0..n).map(|i| format!("$.{name}[{i}]")).collect();
        Paths {
            sites: idx("sites", plan.sites.len()),
            travel: idx("travel", plan.travel.len()),
            venues: idx("venues", plan.venues.len()),
            hosts: idx("hosts", plan.hosts.len()),
            interpreters: idx("interpreters", plan.interpreters.len()),
            requests: idx("requests", plan.requests.len()),
            delegations: plan
                .delegations
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let path = format!("$.delegations[{i}]");
                    DelegationPaths {
                        members: (0..d.members.len())
                            .map(|j| format!("{path}.members[{j}]"))
                            .collect(),
                        items: (0..d.items.len())
                            .map(|j| format!("{path}.items[{j}]"))
                            .collect(),
                        path,
                    }
                })
                .collect(),
        }
    }
}

/// Site zones and keys of what exists, in the file and in the database.
struct Known<'a> {
    keys: BTreeMap<&'static str, BTreeSet<&'a str>>,
    raw: &'a RawKeys,
    site_zone: BTreeMap<&'a str, Tz>,
    venue_site: BTreeMap<&'a str, &'a str>,
}

impl<'a> Known<'a> {
    fn new(plan: &'a Plan, existing: Option<&'a Plan>, raw: &'a RawKeys) -> Self {
        let mut k = Known {
            keys: BTreeMap::new(),
            raw,
            site_zone: BTreeMap::new(),
            venue_site: BTreeMap::new(),
        };
        for p in std::iter::once(plan).chain(existing) {
            for s in &p.sites {
                k.add("site", s.key.as_str());
                k.site_zone.insert(s.key.as_str(), s.timezone);
            }
            for v in &p.venues {
                k.add("venue", v.key.as_str());
                k.venue_site.insert(v.key.as_str(), v.site.as_str());
            }
            p.hosts.iter().for_each(|h| k.add("host", h.key.as_str()));
            p.interpreters
                .iter()
                .for_each(|i| k.add("interpreter", i.key.as_str()));
        }
        k
    }

    fn add(&mut self, kind: &'static str, key: &'a str) {
        self.keys.entry(kind).or_default().insert(key);
    }

    /// Whether `key` names an entity of `kind` (parsed, unparsable in the file, or stored).
    fn has(&self, kind: &str, key: &str) -> bool {
        self.keys.get(kind).is_some_and(|s| s.contains(key)) || self.raw.contains(kind, key)
    }

    /// The zone an item happens in.
    fn item_zone(&self, item: &ItineraryItem, delegation_zone: Tz) -> Tz {
        item.timezone
            .or_else(|| {
                let site = self.venue_site.get(item.venue.as_ref()?.as_str())?;
                self.site_zone.get(site).copied()
            })
            .unwrap_or(delegation_zone)
    }
}

struct Report<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Report<'_> {
    fn at(&mut self, path: impl Into<String>, message: Text) {
        self.problems.push(Problem {
            path: path.into(),
            message,
        });
    }

    /// Reports keys used twice within one kind (in the file, or already in the database).
    fn unique<'k>(
        &mut self,
        kind: &str,
        entries: impl IntoIterator<Item = (&'k str, &'k str)>,
        stored: &BTreeSet<&str>,
    ) {
        let mut seen = BTreeMap::new();
        for (key, path) in entries {
            if let Some(first) = seen.insert(key, path) {
                self.at(
                    format!("{path}.key"),
                    Text::new(
                        format!("{kind} key '{key}' is also used at {first}"),
                        format!("{} 키가 {first}에서도 쓰였습니다: '{key}'", noun_ko(kind)),
                    ),
                );
            } else if stored.contains(key) {
                self.at(
                    format!("{path}.key"),
                    Text::new(
                        format!("a {kind} with key '{key}' already exists in the database"),
                        format!(
                            "데이터베이스에 이미 있는 {} 키입니다: '{key}'",
                            noun_ko(kind)
                        ),
                    ),
                );
            }
        }
    }

    fn reference(&mut self, known: &Known, kind: &str, key: &str, path: String) {
        if !known.has(kind, key) {
            self.at(path, no_such(kind, key));
        }
    }

    fn interval(&mut self, path: &str, start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) {
        if end < start {
            self.at(
                format!("{path}.end"),
                Text::new(
                    format!("ends ({end}) before it starts ({start})"),
                    format!("끝({end})이 시작({start})보다 이릅니다"),
                ),
            );
        } else if end == start {
            self.at(
                format!("{path}.end"),
                Text::new(
                    format!("has zero length (starts and ends at {start})"),
                    format!("길이가 0입니다(시작과 끝이 모두 {start})"),
                ),
            );
        }
    }

    fn hours(&mut self, path: &str, hours: &[WeeklyHours]) {
        for (i, h) in hours.iter().enumerate() {
            if h.close <= h.open {
                self.at(
                    format!("{path}[{i}].close"),
                    Text::new(
                        format!("closes ({}) before it opens ({})", h.close, h.open),
                        format!(
                            "닫는 시간({})이 여는 시간({})보다 이릅니다",
                            h.close, h.open
                        ),
                    ),
                );
            }
            if h.days.is_empty() {
                self.at(
                    format!("{path}[{i}].days"),
                    Text::new("names no weekday", "요일이 하나도 없습니다"),
                );
            }
        }
    }
}

fn keyed<'a>(keys: Vec<&'a str>, paths: &'a [String]) -> Vec<(&'a str, &'a str)> {
    keys.into_iter()
        .zip(paths.iter().map(String::as_str))
        .collect()
}

/// Keys already in the database, per kind.
fn stored(existing: Option<&Plan>) -> BTreeMap<&'static str, BTreeSet<&str>> {
    let mut m: BTreeMap<&'static str, BTreeSet<&str>> = BTreeMap::new();
    let Some(p) = existing else { return m };
    let mut add = |kind, key| {
        m.entry(kind).or_default().insert(key);
    };
    p.sites.iter().for_each(|e| add("site", e.key.as_str()));
    p.venues.iter().for_each(|e| add("venue", e.key.as_str()));
    p.hosts.iter().for_each(|e| add("host", e.key.as_str()));
    p.interpreters
        .iter()
        .for_each(|e| add("interpreter", e.key.as_str()));
    for d in &p.delegations {
        add("delegation", d.delegation.key.as_str());
        d.delegation
            .subgroups
            .iter()
            .for_each(|g| add("sub-group", g.key.as_str()));
        d.members.iter().for_each(|e| add("member", e.key.as_str()));
        d.items.iter().for_each(|e| add("item", e.key.as_str()));
    }
    m
}

/// Checks a parsed plan. `existing` is what the database holds when the plan is to be added
/// to it; `raw` holds the keys of entities that failed to parse.
pub(crate) fn validate(
    plan: &Plan,
    paths: &Paths,
    raw: &RawKeys,
    existing: Option<&Plan>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut r = Report {
        problems: &mut problems,
    };
    let known = Known::new(plan, existing, raw);
    let stored = stored(existing);
    let none = BTreeSet::new();
    let stored_of = |kind: &str| stored.get(kind).unwrap_or(&none);

    r.unique(
        "site",
        keyed(
            plan.sites.iter().map(|e| e.key.as_str()).collect(),
            &paths.sites,
        ),
        stored_of("site"),
    );
    r.unique(
        "venue",
        keyed(
            plan.venues.iter().map(|e| e.key.as_str()).collect(),
            &paths.venues,
        ),
        stored_of("venue"),
    );
    r.unique(
        "host",
        keyed(
            plan.hosts.iter().map(|e| e.key.as_str()).collect(),
            &paths.hosts,
        ),
        stored_of("host"),
    );
    r.unique(
        "interpreter",
        keyed(
            plan.interpreters.iter().map(|e| e.key.as_str()).collect(),
            &paths.interpreters,
        ),
        stored_of("interpreter"),
    );
    let dpaths: Vec<String> = paths.delegations.iter().map(|d| d.path.clone()).collect();
    r.unique(
        "delegation",
        keyed(
            plan.delegations
                .iter()
                .map(|d| d.delegation.key.as_str())
                .collect(),
            &dpaths,
        ),
        stored_of("delegation"),
    );
    let mut members = Vec::new();
    let mut items = Vec::new();
    let mut groups = Vec::new();
    for (d, dp) in plan.delegations.iter().zip(&paths.delegations) {
        members.extend(
            d.members
                .iter()
                .map(|m| m.key.as_str())
                .zip(dp.members.iter().map(String::as_str)),
        );
        items.extend(
            d.items
                .iter()
                .map(|m| m.key.as_str())
                .zip(dp.items.iter().map(String::as_str)),
        );
        for (i, g) in d.delegation.subgroups.iter().enumerate() {
            groups.push((g.key.as_str(), format!("{}.subgroups[{i}]", dp.path)));
        }
    }
    r.unique("member", members, stored_of("member"));
    r.unique("item", items, stored_of("item"));
    r.unique(
        "sub-group",
        groups.iter().map(|(k, p)| (*k, p.as_str())),
        stored_of("sub-group"),
    );

    let mut pairs = BTreeMap::new();
    for (t, path) in plan.travel.iter().zip(&paths.travel) {
        r.reference(&known, "site", t.from.as_str(), format!("{path}.from"));
        r.reference(&known, "site", t.to.as_str(), format!("{path}.to"));
        if t.from == t.to {
            r.at(
                format!("{path}.to"),
                Text::new(
                    "travel from a site to itself is the walking buffer in settings",
                    "같은 사이트 안의 이동 시간은 설정의 도보 여유 시간입니다",
                ),
            );
        }
        if let Some(first) = pairs.insert((t.from.as_str(), t.to.as_str()), path) {
            r.at(
                path.clone(),
                Text::new(
                    format!("travel {} → {} is also given at {first}", t.from, t.to),
                    format!("{} → {} 이동 시간이 {first}에도 있습니다", t.from, t.to),
                ),
            );
        }
    }
    for (s, path) in plan.sites.iter().zip(&paths.sites) {
        if s.name.is_blank() {
            r.at(
                format!("{path}.name"),
                Text::new("a site needs a name", "사이트 이름이 필요합니다"),
            );
        }
    }
    for (v, path) in plan.venues.iter().zip(&paths.venues) {
        r.reference(&known, "site", v.site.as_str(), format!("{path}.site"));
        if v.name.is_blank() {
            r.at(
                format!("{path}.name"),
                Text::new("a venue needs a name", "장소 이름이 필요합니다"),
            );
        }
        r.hours(&format!("{path}.opening_hours"), &v.opening_hours);
        for (i, c) in v.closures.iter().enumerate() {
            if c.to < c.from {
                r.at(
                    format!("{path}.closures[{i}].to"),
                    Text::new(
                        format!("ends ({}) before it starts ({})", c.to, c.from),
                        format!("끝({})이 시작({})보다 이릅니다", c.to, c.from),
                    ),
                );
            }
        }
    }
    let people = plan
        .hosts
        .iter()
        .map(|h| (&h.name, &h.availability))
        .zip(&paths.hosts)
        .chain(
            plan.interpreters
                .iter()
                .map(|i| (&i.name, &i.availability))
                .zip(&paths.interpreters),
        );
    for ((name, availability), path) in people {
        if name.is_blank() {
            r.at(
                format!("{path}.name"),
                Text::new("a name is required", "이름이 필요합니다"),
            );
        }
        r.hours(
            &format!("{path}.availability.working_hours"),
            &availability.working_hours,
        );
        for (i, b) in availability.busy.iter().enumerate() {
            r.interval(&format!("{path}.availability.busy[{i}]"), b.start, b.end);
        }
    }
    for (i, path) in plan.interpreters.iter().zip(&paths.interpreters) {
        if i.pairs.is_empty() {
            r.at(
                format!("{path}.pairs"),
                Text::new(
                    "an interpreter needs at least one language pair",
                    "통역사에게 언어쌍이 하나 이상 필요합니다",
                ),
            );
        }
        if i.max_continuous_minutes == 0 || i.max_daily_minutes == 0 {
            r.at(
                format!("{path}.max_continuous_minutes"),
                Text::new(
                    "interpreting limits must be above zero",
                    "통역 한도는 0분보다 커야 합니다",
                ),
            );
        }
    }
    for (d, dp) in plan.delegations.iter().zip(&paths.delegations) {
        validate_delegation(&mut r, &known, d, dp);
    }
    super::requests::validate(plan, &paths.requests, existing, &mut problems);
    problems
}

fn validate_delegation(
    r: &mut Report,
    known: &Known,
    d: &super::DelegationPlan,
    dp: &DelegationPaths,
) {
    let del = &d.delegation;
    let path = &dp.path;
    if del.name.is_blank() {
        r.at(
            format!("{path}.name"),
            Text::new("a delegation needs a name", "방문단 이름이 필요합니다"),
        );
    }
    if del.languages.is_empty() {
        r.at(
            format!("{path}.languages"),
            Text::new(
                "name at least one language the guests read",
                "방문단이 읽는 언어를 하나 이상 지정하세요",
            ),
        );
    }
    if let Some(c) = &del.country
        && (c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        r.at(
            format!("{path}.country"),
            Text::new(
                format!("'{c}' is not a two-letter country code like 'VN'"),
                format!("'VN'과 같은 두 글자 국가 코드가 아닙니다: '{c}'"),
            ),
        );
    }
    if del.departure <= del.arrival {
        r.at(
            format!("{path}.departure"),
            Text::new(
                format!(
                    "departure ({}) must be after arrival ({})",
                    del.departure, del.arrival
                ),
                format!(
                    "출발({})은 도착({}) 이후여야 합니다",
                    del.departure, del.arrival
                ),
            ),
        );
    }
    let member_keys: BTreeSet<&str> = d.members.iter().map(|m| m.key.as_str()).collect();
    let member_known = |k: &str| member_keys.contains(k) || known.raw.contains("member", k);
    for (gi, g) in del.subgroups.iter().enumerate() {
        for (mi, m) in g.members.iter().enumerate() {
            if !member_known(m.as_str()) {
                r.at(
                    format!("{path}.subgroups[{gi}].members[{mi}]"),
                    no_such_here("member", m),
                );
            }
        }
    }
    for (m, mp) in d.members.iter().zip(&dp.members) {
        if m.native_name.trim().is_empty() {
            r.at(
                format!("{mp}.native_name"),
                Text::new("a member needs a name", "단원 이름이 필요합니다"),
            );
        }
        if m.precedence == 0 {
            r.at(
                format!("{mp}.precedence"),
                Text::new(
                    "precedence starts at 1 (the head of delegation)",
                    "서열은 1(방문단 대표)부터 시작합니다",
                ),
            );
        }
    }
    let group_keys: BTreeSet<&str> = del.subgroups.iter().map(|g| g.key.as_str()).collect();
    for (item, ip) in d.items.iter().zip(&dp.items) {
        if item.title.is_blank() {
            r.at(
                format!("{ip}.title"),
                Text::new("an item needs a title", "일정에 제목이 필요합니다"),
            );
        }
        r.interval(ip, item.start, item.end);
        if item.end > item.start && !item.overnight {
            let tz = known.item_zone(item, del.timezone);
            let first = item.start.with_timezone(&tz).date_naive();
            let last = (item.end - TimeDelta::seconds(1))
                .with_timezone(&tz)
                .date_naive();
            if first != last {
                r.at(
                    format!("{ip}.end"),
                    Text::new(
                        format!("runs past midnight ({first} → {last} in {tz}); set \"overnight\": true if that is intended"),
                        format!("자정을 넘깁니다({tz} 기준 {first} → {last}). 의도한 것이면 밤샘 일정으로 표시하세요"),
                    ),
                );
            }
        }
        if let Some(v) = &item.venue {
            r.reference(known, "venue", v.as_str(), format!("{ip}.venue"));
        }
        let mut seen = BTreeSet::new();
        for (hi, h) in item.hosts.iter().enumerate() {
            r.reference(known, "host", h.as_str(), format!("{ip}.hosts[{hi}]"));
            if !seen.insert(h) {
                r.at(
                    format!("{ip}.hosts[{hi}]"),
                    Text::new(
                        format!("host '{h}' is listed twice"),
                        format!("접견자가 두 번 들어 있습니다: '{h}'"),
                    ),
                );
            }
        }
        for (ai, a) in item.interpreters.iter().enumerate() {
            r.reference(
                known,
                "interpreter",
                a.interpreter.as_str(),
                format!("{ip}.interpreters[{ai}].interpreter"),
            );
        }
        if let Participants::Selected { subgroups, members } = &item.participants {
            for (gi, g) in subgroups.iter().enumerate() {
                if !group_keys.contains(g.as_str()) && !known.raw.contains("subgroup", g.as_str()) {
                    r.at(
                        format!("{ip}.participants.subgroups[{gi}]"),
                        no_such_here("sub-group", g),
                    );
                }
            }
            for (mi, m) in members.iter().enumerate() {
                if !member_known(m.as_str()) {
                    r.at(
                        format!("{ip}.participants.members[{mi}]"),
                        no_such_here("member", m),
                    );
                }
            }
        }
    }
}
