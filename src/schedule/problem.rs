//! The scheduling problem of one delegation: its requests as tasks on a 15-minute grid.
//!
//! Times are local minutes since midnight of the arrival day in the delegation's zone, so
//! `start / 1440` is the day and `start % 1440` the clock time; instants are made only when an
//! item is built. A task has a list of choices (venue × "one of" host × interpreter); the
//! resources of a choice are interned as small numbers. Costs are a pure function of a task's
//! start (see [`weights`]), so the greedy and the solver optimise the same objective.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta, TimeZone};
use chrono_tz::Tz;

use crate::conflicts::{Conflict, ConflictCode, Index, Severity};
use crate::model::{
    InterpreterAssignment, ItemKind, ItemStatus, ItineraryItem, Key, Lang, LanguagePair,
    LocalizedText, Participants, Request,
};
use crate::plan::{DelegationPlan, Plan};
use crate::{Error, Result};

/// The weights of the soft goals (cost units per minute unless said otherwise).
pub mod weights {
    /// Per minute a start lies before, or an end after, the request's preferred window.
    pub const PREFERRED: i64 = 3;
    /// Per minute a meal without a preferred window lies outside lunch 11:30–13:30 (for
    /// meals that may start before 15:00).
    pub const LUNCH: i64 = 3;
    /// Per minute a non-meal item ends after 18:00 (the delegation's day should end then).
    pub const DAY_END: i64 = 2;
    /// Per 15 minutes a start lies after the earliest start of its window: keeps each day
    /// compact, which is what leaves few idle gaps.
    pub const COMPACT: i64 = 1;
    /// Per day a start lies after the first allowed day: fills the visit front to back.
    pub const LATER_DAY: i64 = 8;
}

/// The grid step in minutes.
pub const GRID: i32 = 15;
const DAY: i32 = 1440;
/// Default daily window when a request gives none.
const DEFAULT_EARLIEST: i32 = 8 * 60;
const DEFAULT_LATEST: i32 = 20 * 60;
const MEAL_LATEST: i32 = 22 * 60;
/// More alternatives than this per request are cut (most preferred first).
const MAX_CHOICES: usize = 64;

/// One way to hold a request: the venue, the "one of" host and the interpreter chosen.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    pub venue: Option<Key>,
    pub host: Option<Key>,
    pub interpreter: Option<InterpreterAssignment>,
    pub site: Option<Key>,
    /// Interned venue resource.
    pub venue_res: Option<u32>,
    /// Interned people: members, required hosts, the chosen host and interpreter.
    pub people: Vec<u32>,
}

/// A request still to be placed.
#[derive(Debug)]
pub(crate) struct Task<'p> {
    pub request: &'p Request,
    pub duration: i32,
    pub choices: Vec<Choice>,
    /// Grid starts inside the request's windows, dates and the stay, in time order (their
    /// cost: `Problem::cost`).
    pub starts: Vec<i32>,
    /// Tasks that must end before this one starts.
    pub after: Vec<usize>,
    /// Earliest start allowed by pinned predecessors.
    pub not_before: i32,
}

/// A task placed at a start with a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub task: usize,
    pub choice: usize,
    pub start: i32,
}

/// The whole problem of one delegation.
pub(crate) struct Problem<'p> {
    pub plan: &'p Plan,
    pub delegation: &'p DelegationPlan,
    pub tz: Tz,
    pub base: NaiveDate,
    pub tasks: Vec<Task<'p>>,
    /// Names of interned resources, for messages.
    pub resource_names: Vec<String>,
    travel: HashMap<(&'p str, &'p str), i32>,
    buffer: i32,
    /// Memo of `fits_booked` per task, choice and start index (0 unknown, 1 fits, 2 does
    /// not): the booking checker is the costliest step, and the greedy passes, the solver's
    /// domains and the reasons ask the same questions again.
    fits: RefCell<Vec<Vec<Vec<u8>>>>,
    /// Booked interpreting per interpreter key (grid minutes), for `interpreter_fits`.
    interpreting: RefCell<HashMap<String, Vec<(i32, i32)>>>,
}

impl<'p> Problem<'p> {
    /// Builds the tasks of `delegation`'s requests. Pinned requests, and requests whose item
    /// exists already, become limits on the others.
    pub fn build(plan: &'p Plan, delegation: &'p Key) -> Result<Self> {
        let d = plan.delegation(delegation).ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: delegation.to_string(),
        })?;
        let tz = d.delegation.timezone;
        let base = d.delegation.arrival.with_timezone(&tz).date_naive();
        let mut p = Problem {
            plan,
            delegation: d,
            tz,
            base,
            tasks: vec![],
            resource_names: vec![],
            travel: plan
                .travel
                .iter()
                .map(|t| ((t.from.as_str(), t.to.as_str()), t.minutes as i32))
                .collect(),
            buffer: plan.settings.same_site_buffer_minutes as i32,
            fits: RefCell::new(vec![]),
            interpreting: RefCell::new(HashMap::new()),
        };
        let mut interned: HashMap<String, u32> = HashMap::new();
        let requests: Vec<&Request> = plan.requests_of(delegation).collect();
        // Fixed (pinned or already placed) requests: key → (start, end) in grid minutes.
        let mut fixed: HashMap<&str, (i32, i32)> = HashMap::new();
        for r in &requests {
            let item_key = r.pinned.as_ref().unwrap_or(&r.key);
            if let Some(item) = d.items.iter().find(|i| &i.key == item_key) {
                let s = p.minutes_of(item.start.with_timezone(&tz).naive_local());
                let e = p.minutes_of(item.end.with_timezone(&tz).naive_local());
                fixed.insert(r.key.as_str(), (s, e));
            }
        }
        let free: Vec<&Request> = requests
            .iter()
            .copied()
            .filter(|r| !fixed.contains_key(r.key.as_str()))
            .collect();
        let position: HashMap<&str, usize> = free
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key.as_str(), i))
            .collect();
        for r in &free {
            let mut not_before = i32::MIN;
            let mut after = vec![];
            for a in &r.after {
                if let Some(&(_, e)) = fixed.get(a.as_str()) {
                    not_before = not_before.max(e);
                } else if let Some(&i) = position.get(a.as_str()) {
                    after.push(i);
                }
            }
            let not_after = requests
                .iter()
                .filter(|x| x.after.contains(&r.key))
                .filter_map(|x| fixed.get(x.key.as_str()).map(|f| f.0))
                .min()
                .unwrap_or(i32::MAX);
            let choices = p.choices(r, &mut interned);
            let starts = p.starts(r, not_before, not_after);
            p.tasks.push(Task {
                request: r,
                duration: r.duration_minutes as i32,
                choices,
                starts,
                after,
                not_before,
            });
        }
        let mut names = vec![String::new(); interned.len()];
        for (name, id) in interned {
            names[id as usize] = name;
        }
        p.resource_names = names;
        p.fits = RefCell::new(
            p.tasks
                .iter()
                .map(|t| vec![vec![0; t.starts.len()]; t.choices.len()])
                .collect(),
        );
        Ok(p)
    }

    /// Grid minutes of a local date-time.
    pub fn minutes_of(&self, local: NaiveDateTime) -> i32 {
        (local - self.base.and_time(chrono::NaiveTime::MIN)).num_minutes() as i32
    }

    /// The instant of a grid minute (none inside a clock change gap).
    pub fn instant(&self, minutes: i32) -> Option<chrono::DateTime<chrono::FixedOffset>> {
        let local =
            self.base.and_time(chrono::NaiveTime::MIN) + TimeDelta::minutes(i64::from(minutes));
        self.tz
            .from_local_datetime(&local)
            .single()
            .map(|t| t.fixed_offset())
    }

    /// The local date of a grid minute.
    pub fn date(&self, minutes: i32) -> NaiveDate {
        self.base + TimeDelta::days(i64::from(minutes.div_euclid(DAY)))
    }

    fn members(&self, r: &Request) -> Vec<&'p Key> {
        match &r.participants {
            Participants::Everyone => self.delegation.members.iter().map(|m| &m.key).collect(),
            Participants::Selected { subgroups, members } => {
                let mut out: Vec<&Key> = vec![];
                for g in &self.delegation.delegation.subgroups {
                    if subgroups.contains(&g.key) {
                        out.extend(g.members.iter());
                    }
                }
                for m in &self.delegation.members {
                    if members.contains(&m.key) {
                        out.push(&m.key);
                    }
                }
                out.sort();
                out.dedup();
                out
            }
        }
    }

    fn choices(&self, r: &Request, interned: &mut HashMap<String, u32>) -> Vec<Choice> {
        let mut intern = |name: String| {
            let n = interned.len() as u32;
            *interned.entry(name).or_insert(n)
        };
        let mut people: Vec<u32> = self
            .members(r)
            .into_iter()
            .map(|m| intern(format!("member:{m}")))
            .collect();
        people.extend(r.hosts.iter().map(|h| intern(format!("host:{h}"))));
        let venues: Vec<Option<&Key>> = if r.venues.is_empty() {
            vec![None]
        } else {
            r.venues.iter().map(Some).collect()
        };
        let hosts: Vec<Option<&Key>> = if r.hosts_one_of.is_empty() {
            vec![None]
        } else {
            r.hosts_one_of.iter().map(Some).collect()
        };
        let interpreters: Vec<Option<InterpreterAssignment>> = match self.needed_pair(r) {
            None => vec![None],
            Some(pair) => self
                .plan
                .interpreters
                .iter()
                .filter(|i| i.pairs.contains(&pair))
                .map(|i| {
                    Some(InterpreterAssignment {
                        interpreter: i.key.clone(),
                        pair,
                    })
                })
                .collect(),
        };
        let mut out = vec![];
        for v in &venues {
            for h in &hosts {
                for i in &interpreters {
                    let mut ps = people.clone();
                    if let Some(h) = h {
                        ps.push(intern(format!("host:{h}")));
                    }
                    if let Some(i) = i {
                        ps.push(intern(format!("interpreter:{}", i.interpreter)));
                    }
                    ps.sort_unstable();
                    ps.dedup();
                    out.push(Choice {
                        venue: v.cloned(),
                        host: h.cloned(),
                        interpreter: i.clone(),
                        site: v.and_then(|v| {
                            self.plan
                                .venues
                                .iter()
                                .find(|x| &x.key == v)
                                .map(|x| x.site.clone())
                        }),
                        venue_res: v.map(|v| intern(format!("venue:{v}"))),
                        people: ps,
                    });
                    if out.len() == MAX_CHOICES {
                        return out;
                    }
                }
            }
        }
        out
    }

    /// The language pair a request's interpretation needs (none when not needed or when the
    /// guests read Korean).
    pub fn needed_pair(&self, r: &Request) -> Option<LanguagePair> {
        let first = *self.delegation.delegation.languages.first()?;
        (r.interpretation && first != Lang::Ko).then(|| LanguagePair::new(first, Lang::Ko))
    }

    /// The grid starts inside the request's daily window, its dates and the stay.
    fn starts(&self, r: &Request, not_before: i32, not_after: i32) -> Vec<i32> {
        let del = &self.delegation.delegation;
        let arrival = self.minutes_of(del.arrival.with_timezone(&self.tz).naive_local());
        let departure = self.minutes_of(del.departure.with_timezone(&self.tz).naive_local());
        let dur = r.duration_minutes as i32;
        let earliest = r.earliest.map_or(DEFAULT_EARLIEST, |c| c.minutes() as i32);
        let latest = r.latest.map_or(
            if r.kind == ItemKind::Meal {
                MEAL_LATEST
            } else {
                DEFAULT_LATEST
            },
            |c| c.minutes() as i32,
        );
        let mut out = vec![];
        for day in 0..=departure.div_euclid(DAY) {
            if !r.dates.is_empty() && !r.dates.contains(&self.date(day * DAY)) {
                continue;
            }
            let mut s = day * DAY + earliest;
            s += (GRID - s.rem_euclid(GRID)) % GRID;
            while s + dur <= day * DAY + latest {
                if s >= arrival && s + dur <= departure && s >= not_before && s + dur <= not_after {
                    out.push(s);
                }
                s += GRID;
            }
        }
        out
    }

    /// The soft-goal cost of starting task `t` at `start` (see [`weights`]).
    pub fn cost(&self, t: usize, start: i32) -> i64 {
        let task = &self.tasks[t];
        let r = task.request;
        let clock = i64::from(start.rem_euclid(DAY));
        let end = clock + i64::from(task.duration);
        let outside = |from: i64, to: i64| (from - clock).max(0) + (end - to).max(0);
        let mut cost = 0;
        if let Some(p) = r.preferred {
            cost += weights::PREFERRED
                * outside(i64::from(p.from.minutes()), i64::from(p.to.minutes()));
        } else if r.kind == ItemKind::Meal && r.earliest.is_none_or(|e| e.minutes() < 15 * 60) {
            cost += weights::LUNCH * outside(11 * 60 + 30, 13 * 60 + 30);
        }
        if r.kind != ItemKind::Meal {
            cost += weights::DAY_END * (end - 18 * 60).max(0);
        }
        let first = task.starts.first().copied().unwrap_or(start);
        let first_day = first.div_euclid(DAY);
        let day = start.div_euclid(DAY);
        let window_start = r
            .earliest
            .map_or(i64::from(DEFAULT_EARLIEST), |c| i64::from(c.minutes()));
        cost += weights::COMPACT * ((clock - window_start).max(0) / i64::from(GRID));
        cost += weights::LATER_DAY * i64::from(day - first_day);
        cost
    }

    /// The total cost of a placement.
    pub fn objective(&self, placed: &[Placed]) -> i64 {
        placed.iter().map(|p| self.cost(p.task, p.start)).sum()
    }

    /// The tentative item for task `t` with choice `c` at `start` (none inside a clock change).
    pub fn item(&self, t: usize, c: usize, start: i32) -> Option<ItineraryItem> {
        let task = &self.tasks[t];
        let r = task.request;
        let choice = &task.choices[c];
        let mut hosts = r.hosts.clone();
        hosts.extend(choice.host.iter().cloned());
        Some(ItineraryItem {
            key: r.key.clone(),
            kind: r.kind,
            title: r.title.clone(),
            guest_notes: LocalizedText::default(),
            internal_notes: None,
            start: self.instant(start)?,
            end: self.instant(start + task.duration)?,
            timezone: None,
            overnight: false,
            venue: choice.venue.clone(),
            location: r.location.clone(),
            hosts,
            participants: r.participants.clone(),
            interpreters: choice.interpreter.iter().cloned().collect(),
            extra_attendees: 0,
            status: ItemStatus::Tentative,
        })
    }

    /// The conflicts of task `t` with choice `c` at `start` against everything booked that
    /// a proposal must not have (none inside a clock change: `fits_booked` rules it out).
    pub fn check(&self, index: &Index<'_>, t: usize, c: usize, start: i32) -> Vec<Conflict> {
        let Some(item) = self.item(t, c, start) else {
            return vec![];
        };
        match index.check_item(&item, &self.delegation.delegation.key) {
            Ok(found) => found.into_iter().filter(rejects).collect(),
            Err(_) => vec![],
        }
    }

    /// Whether task `t` with choice `c` can start at `start` as far as everything booked is
    /// concerned.
    pub fn fits_booked(&self, index: &Index<'_>, t: usize, c: usize, start: i32) -> bool {
        let Ok(i) = self.tasks[t].starts.binary_search(&start) else {
            return self.item(t, c, start).is_some() && self.check(index, t, c, start).is_empty();
        };
        let known = self.fits.borrow()[t][c][i];
        if known != 0 {
            return known == 1;
        }
        let fits = self.item(t, c, start).is_some() && self.check(index, t, c, start).is_empty();
        self.fits.borrow_mut()[t][c][i] = if fits { 1 } else { 2 };
        fits
    }

    /// Whether task `t` with choice `c` at `start` keeps its interpreter within the continuous
    /// and daily limits, counting the interpreter's booked items and the `others` proposed
    /// with the same interpreter (the booking checker sees one proposed item at a time, so
    /// two proposed sessions back to back could otherwise pass it one by one and break the
    /// limit together). Assignments less than the checker's break apart count as one stretch.
    pub fn interpreter_fits(&self, t: usize, c: usize, start: i32, others: &[Placed]) -> bool {
        let Some(assigned) = &self.tasks[t].choices[c].interpreter else {
            return true;
        };
        let Some(who) = self
            .plan
            .interpreters
            .iter()
            .find(|i| i.key == assigned.interpreter)
        else {
            return true;
        };
        let day = start.div_euclid(DAY);
        let mut spans: Vec<(i32, i32, Option<usize>)> =
            vec![(start, start + self.tasks[t].duration, Some(t))];
        for p in others.iter().filter(|p| p.task != t) {
            let same = self.tasks[p.task].choices[p.choice]
                .interpreter
                .as_ref()
                .is_some_and(|a| a.interpreter == assigned.interpreter);
            if same && (p.start.div_euclid(DAY) - day).abs() <= 1 {
                spans.push((p.start, p.start + self.tasks[p.task].duration, Some(p.task)));
            }
        }
        spans.extend(
            self.booked_interpreting(&assigned.interpreter, day)
                .into_iter()
                .map(|(a, b)| (a, b, None)),
        );
        spans.sort_unstable();
        super::limits::breach(
            &spans,
            day,
            who.max_continuous_minutes as i32,
            who.max_daily_minutes as i32,
        )
        .is_none()
    }

    /// The interpreter's booked items (not cancelled, any delegation) from the day before
    /// `day` to the day after, in grid minutes; cached per interpreter.
    fn booked_interpreting(&self, interpreter: &Key, day: i32) -> Vec<(i32, i32)> {
        self.interpreting_of(interpreter)
            .into_iter()
            .filter(|&(a, b)| b >= (day - 1) * DAY && a <= (day + 2) * DAY)
            .collect()
    }

    /// The interpreter's continuous and daily limits in minutes (none for an unknown key).
    pub fn interpreter_limits(&self, interpreter: &Key) -> Option<(i32, i32)> {
        self.plan
            .interpreters
            .iter()
            .find(|i| &i.key == interpreter)
            .map(|i| (i.max_continuous_minutes as i32, i.max_daily_minutes as i32))
    }

    /// Every booked item (not cancelled, any delegation) of the interpreter, in grid minutes;
    /// cached per interpreter.
    pub fn interpreting_of(&self, interpreter: &Key) -> Vec<(i32, i32)> {
        let mut cache = self.interpreting.borrow_mut();
        let all = cache.entry(interpreter.to_string()).or_insert_with(|| {
            self.plan
                .delegations
                .iter()
                .flat_map(|d| &d.items)
                .filter(|i| {
                    i.status != ItemStatus::Cancelled
                        && i.interpreters.iter().any(|a| &a.interpreter == interpreter)
                })
                .map(|i| {
                    (
                        self.minutes_of(i.start.with_timezone(&self.tz).naive_local()),
                        self.minutes_of(i.end.with_timezone(&self.tz).naive_local()),
                    )
                })
                .collect()
        });
        all.clone()
    }

    /// Whether every placed task keeps its interpreter within the limits (see
    /// [`Problem::interpreter_fits`]).
    pub fn interpreters_fit(&self, placed: &[Placed]) -> bool {
        placed
            .iter()
            .all(|p| self.interpreter_fits(p.task, p.choice, p.start, placed))
    }

    /// The minutes that must separate two items with a person in common.
    pub fn gap(&self, a: &Choice, b: &Choice) -> i32 {
        match (&a.site, &b.site) {
            (Some(x), Some(y)) if x == y => self.buffer,
            (Some(x), Some(y)) => self
                .travel
                .get(&(x.as_str(), y.as_str()))
                .or_else(|| self.travel.get(&(y.as_str(), x.as_str())))
                .copied()
                .unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether two placed tasks clash (a shared venue overlapping, or a shared person without
    /// the travel gap between them).
    pub fn clash(&self, a: Placed, b: Placed) -> bool {
        let (ta, tb) = (&self.tasks[a.task], &self.tasks[b.task]);
        let (ca, cb) = (&ta.choices[a.choice], &tb.choices[b.choice]);
        let (ea, eb) = (a.start + ta.duration, b.start + tb.duration);
        if ca.venue_res.is_some() && ca.venue_res == cb.venue_res && a.start < eb && b.start < ea {
            return true;
        }
        if !shares(&ca.people, &cb.people) {
            return false;
        }
        let g = self.gap(ca, cb);
        !(ea + g <= b.start || eb + g <= a.start)
    }
}

/// Whether two sorted lists have an element in common.
pub(crate) fn shares(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Whether a conflict rules a proposal out: every blocking one, and the warnings a scheduler
/// would otherwise have to fix by hand (availability, travel, capacity, interpreter limits).
fn rejects(c: &Conflict) -> bool {
    c.acknowledged.is_none()
        && (c.severity == Severity::Blocking
            || matches!(
                c.code,
                ConflictCode::OutsideAvailability
                    | ConflictCode::TravelTimeShort
                    | ConflictCode::VenueOverCapacity
                    | ConflictCode::InterpreterContinuousLimit
                    | ConflictCode::InterpreterDailyLimit
            ))
}

#[cfg(test)]
mod tests {
    use super::shares;

    #[test]
    fn shared_resources_are_found_in_sorted_lists() {
        assert!(shares(&[1, 4, 9], &[2, 4]), "4 is in both lists");
        assert!(
            !shares(&[1, 3, 5], &[2, 4, 6]),
            "disjoint lists share nothing"
        );
        assert!(!shares(&[], &[1]), "an empty list shares nothing");
    }
}
