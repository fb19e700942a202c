//! Repeating a past visit: its programme copied to new dates as a new delegation.
//!
//! Offices host the same kind of visit again and again (the yearly course, the partner
//! hospital's next director); the scheduler starts from the last programme instead of a
//! blank page. A pure core: [`repeat_visit`] takes the past delegation with its items and
//! returns the new one; the store writes it in one transaction and the usual checker then
//! shows whatever the new dates collide with.
//!
//! Rules, chosen so that nothing is promised by accident:
//! - every item moves by the same number of *calendar days* and keeps its wall-clock times in
//!   its own zone (a 09:00 tour stays at 09:00 across a clock change);
//! - copied items are **tentative** holds (bookings are re-checked, nothing is confirmed for
//!   the scheduler); cancelled items are left behind; acknowledgements are not carried over
//!   (a reason given for one date says nothing about another);
//! - flights are cleared (a new trip), the status starts as draft; sub-groups come along
//!   under new keys (keys are unique across the office);
//! - members are copied only when asked (a course with the same trainees), under new keys;
//!   otherwise items that named members lose those names, and an item left with nobody
//!   becomes an item for the whole delegation.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::DelegationDetail;
use crate::model::{DelegationStatus, ItemStatus, ItineraryItem, Key, LocalizedText, Participants};
use crate::plan::{self, DelegationPlan, Plan};
use crate::store::Store;
use crate::wording::{Text, noun_ko};
use crate::{Error, Result};

/// What the scheduler asks for when repeating a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RepeatVisit {
    /// The past delegation to copy.
    pub source: Key,
    /// Key of the new delegation.
    pub key: Key,
    /// Name of the new visit; the past visit's name when absent.
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<LocalizedText>,
    /// The new arrival day, in the visit's zone ("2027-03-09"); every date moves with it.
    #[ts(type = "string")]
    pub arrival_date: NaiveDate,
    /// Copy the members too (under new keys), e.g. the same trainees coming back.
    #[serde(default)]
    pub with_members: bool,
}

/// Repeats a stored visit: the copy is checked against everything stored (keys, venues, hosts,
/// interpreters still in the directory) and written in one transaction, or nothing is.
pub async fn repeat(store: &Store, ask: &RepeatVisit) -> Result<DelegationDetail> {
    let existing = store.load_plan().await?;
    let past = existing
        .delegation(&ask.source)
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: ask.source.to_string(),
        })?;
    let mut copy = Plan {
        delegations: vec![repeat_visit(past, ask)?],
        ..Plan::default()
    };
    let problems = plan::check(&copy, Some(&existing));
    if !problems.is_empty() {
        return Err(Error::InvalidPlan(problems));
    }
    plan::normalise(&mut copy, Some(&existing));
    store.import_plan(&copy).await?;
    store.get_delegation(&ask.key).await
}

/// The new delegation and its items, ready to be stored.
pub fn repeat_visit(past: &DelegationPlan, ask: &RepeatVisit) -> Result<DelegationPlan> {
    if ask.key == past.delegation.key {
        return Err(Error::Invalid(Text::new(
            format!(
                "key: the new visit needs its own key, '{}' is the past visit's",
                ask.key
            ),
            format!(
                "키: 새 방문에는 자기 키가 필요합니다. '{}'은(는) 지난 방문의 키입니다",
                ask.key
            ),
        )));
    }
    let zone = past.delegation.timezone;
    let old_arrival = past.delegation.arrival.with_timezone(&zone).date_naive();
    let shift = ask
        .arrival_date
        .signed_duration_since(old_arrival)
        .num_days();
    let moved = |what: Text, at: DateTime<FixedOffset>, tz: Tz| move_days(what, at, tz, shift);

    let mut delegation = past.delegation.clone();
    delegation.key = ask.key.clone();
    if let Some(name) = &ask.name {
        if name.is_blank() {
            return Err(Error::Invalid(Text::new(
                "name: the new visit needs a name",
                "이름: 새 방문의 이름이 필요합니다",
            )));
        }
        delegation.name = name.clone();
    }
    delegation.arrival = moved(Text::new("arrival", "도착"), delegation.arrival, zone)?;
    delegation.departure = moved(Text::new("departure", "출발"), delegation.departure, zone)?;
    delegation.arrival_flight = None;
    delegation.departure_flight = None;
    delegation.status = DelegationStatus::Draft;

    let members = if ask.with_members {
        past.members
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.key = rekey(&past.delegation.key, &ask.key, &m.key, "member")?;
                Ok(m)
            })
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    let member_key = |old: &Key| -> Option<Key> {
        ask.with_members
            .then(|| rekey(&past.delegation.key, &ask.key, old, "member").ok())
            .flatten()
    };
    // Sub-group keys are unique across the office, like every key: the copies get new ones.
    let group_key = |old: &Key| rekey(&past.delegation.key, &ask.key, old, "sub-group");
    for group in &mut delegation.subgroups {
        group.key = group_key(&group.key)?;
        group.members = group.members.iter().filter_map(member_key).collect();
    }

    let mut items = Vec::with_capacity(past.items.len());
    for item in &past.items {
        if item.status == ItemStatus::Cancelled {
            continue;
        }
        let tz = item.timezone.unwrap_or(zone);
        let what = |end: &str, end_ko: &str| {
            Text::new(
                format!("item '{}' {end}", item.key),
                format!("일정 '{}'의 {end_ko}", item.key),
            )
        };
        let mut copy: ItineraryItem = item.clone();
        copy.key = rekey(&past.delegation.key, &ask.key, &item.key, "item")?;
        copy.start = moved(what("start", "시작"), item.start, tz)?;
        copy.end = moved(what("end", "종료"), item.end, tz)?;
        copy.status = ItemStatus::Tentative;
        copy.participants = match &item.participants {
            Participants::Everyone => Participants::Everyone,
            Participants::Selected { subgroups, members } => {
                let members: Vec<Key> = members.iter().filter_map(member_key).collect();
                if subgroups.is_empty() && members.is_empty() {
                    Participants::Everyone
                } else {
                    Participants::Selected {
                        subgroups: subgroups.iter().map(group_key).collect::<Result<_>>()?,
                        members,
                    }
                }
            }
        };
        items.push(copy);
    }
    items.sort_by_key(|i| i.start);
    Ok(DelegationPlan {
        delegation,
        members,
        items,
    })
}

/// `at` moved by `days` calendar days, keeping its wall-clock time in `tz`.
fn move_days(
    what: Text,
    at: DateTime<FixedOffset>,
    tz: Tz,
    days: i64,
) -> Result<DateTime<FixedOffset>> {
    let local = at.with_timezone(&tz).naive_local();
    let shifted = if days >= 0 {
        local.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        local.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .ok_or_else(|| {
        Error::Invalid(Text::new(
            format!("{}: the new date is out of range", what.en()),
            format!("{}: 새 날짜가 범위를 벗어납니다", what.ko()),
        ))
    })?;
    // A wall-clock time skipped by a clock change has no instant; an hour repeated by one
    // takes its first occurrence, as people read it.
    let placed = tz.from_local_datetime(&shifted).earliest().ok_or_else(|| {
        let at = shifted.format("%Y-%m-%d %H:%M");
        Error::Invalid(Text::new(
            format!(
                "{}: {at} does not exist in {} (the clocks skip it); move the item by hand",
                what.en(),
                tz.name()
            ),
            format!(
                "{}: {}에는 {at}이라는 시각이 없습니다(시계가 건너뜁니다). 일정을 직접 옮기세요",
                what.ko(),
                tz.name()
            ),
        ))
    })?;
    Ok(placed.with_timezone(&placed.offset().fix()))
}

/// The key of a copied record: the past visit's key prefix replaced by the new visit's key
/// (`choray-2026-03-tour` → `choray-2027-03-tour`), else the new key put in front.
fn rekey(old_visit: &Key, new_visit: &Key, old: &Key, kind: &str) -> Result<Key> {
    let text = match old.as_str().strip_prefix(old_visit.as_str()) {
        Some(rest) if rest.is_empty() || rest.starts_with(['-', '_', '.']) => {
            format!("{new_visit}{rest}")
        }
        _ => format!("{new_visit}.{old}"),
    };
    Key::new(text).map_err(|e| {
        Error::Invalid(Text::new(
            format!(
                "key: the copy of {kind} '{old}' would get the key {e}; choose a shorter key for \
                 the new visit"
            ),
            format!(
                "키: {} '{old}'의 사본에 쓸 키가 올바르지 않습니다({e}). 새 방문의 키를 더 짧게 \
                 하세요",
                noun_ko(kind)
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::new(s).expect("key")
    }

    #[test]
    fn keys_keep_their_tail_and_get_the_new_visit_in_front() {
        let (old, new) = (key("choray-2026"), key("choray-2027"));
        let k = |s: &str| {
            rekey(&old, &new, &key(s), "item")
                .expect("rekey")
                .to_string()
        };
        assert_eq!(k("choray-2026-tour"), "choray-2027-tour");
        assert_eq!(k("choray-2026.lunch"), "choray-2027.lunch");
        // A key that merely starts with the same letters is not the visit's prefix.
        assert_eq!(k("choray-20261"), "choray-2027.choray-20261");
        assert_eq!(k("welcome"), "choray-2027.welcome");
    }

    #[test]
    fn a_key_too_long_for_the_copy_is_refused_naming_the_record() {
        let long = key(&"x".repeat(79));
        let err = rekey(&key("v"), &long, &key("welcome"), "item").expect_err("too long");
        let text = err.to_string();
        assert!(text.contains("item 'welcome'"), "{text}");
        assert!(text.contains("longer than 80"), "{text}");
    }

    #[test]
    fn wall_clock_time_survives_a_clock_change() {
        // 09:00 in Berlin on Friday 20 March 2026 (UTC+1) moved 10 days is 09:00 on
        // 30 March 2026 (UTC+2, after the switch to summer time).
        let tz: Tz = "Europe/Berlin".parse().expect("zone");
        let at = DateTime::parse_from_rfc3339("2026-03-20T09:00:00+01:00").expect("time");
        let moved = move_days(Text::new("start", "시작"), at, tz, 10).expect("moved");
        assert_eq!(moved.to_rfc3339(), "2026-03-30T09:00:00+02:00");
        let back = move_days(Text::new("start", "시작"), moved, tz, -10).expect("moved back");
        assert_eq!(back, at);
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_naming_the_item() {
        let tz: Tz = "Europe/Berlin".parse().expect("zone");
        let at = DateTime::parse_from_rfc3339("2026-03-22T02:30:00+01:00").expect("time");
        let what = Text::new(
            "item 'night-transfer' start",
            "일정 'night-transfer'의 시작",
        );
        let err = move_days(what, at, tz, 7).expect_err("gap");
        let text = err.to_string();
        assert!(text.contains("item 'night-transfer' start"), "{text}");
        assert!(text.contains("2026-03-29 02:30"), "{text}");
        let ko = err.message(crate::model::Lang::Ko);
        assert!(ko.starts_with("일정 'night-transfer'의 시작: "), "{ko}");
        assert!(
            ko.contains("2026-03-29 02:30") && ko.contains("Europe/Berlin"),
            "{ko}"
        );
    }
}
