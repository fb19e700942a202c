//! Calendar files (`.ics`) for a delegation, one member, a host or an interpreter.
//!
//! Pure: takes the plan, a scope and options (language, SEQUENCE, the DTSTAMP instant) and
//! returns the iCalendar text. Invariants: instants are written in UTC (`…Z`; icalendar 0.17
//! writes no VTIMEZONE, and UTC imports at the right local time everywhere); each event's UID
//! is `<item key>@<delegation key>.itinera`, stable across exports, so a re-import updates
//! rather than duplicates; cancelled items stay in the file with `STATUS:CANCELLED` so
//! calendars remove them; guest scopes (delegation, member) never carry internal items or
//! internal notes.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ItemKind, ItemStatus, ItineraryItem, Key, Lang};
use crate::plan::{DelegationPlan, Plan};
use crate::print::{Audience, guest_items, item_zone};

/// Whose calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
#[ts(export)]
pub enum CalendarScope {
    /// Everything guests see of the delegation.
    Delegation,
    /// What one member attends.
    Member(Key),
    /// The items a host is booked for (internal ones included).
    Host(Key),
    /// The items an interpreter is booked for (internal ones included).
    Interpreter(Key),
}

/// How to write the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarOptions {
    /// Language of summaries and locations.
    pub language: Lang,
    /// SEQUENCE of every event: raise it (e.g. to the release number) when re-exporting
    /// changed items, so calendar programs accept the update.
    pub sequence: u32,
    /// DTSTAMP: when the file is produced (a parameter, never read from the clock here).
    pub stamp: DateTime<Utc>,
}

/// The stable UID of an item.
pub fn uid(delegation: &Key, item: &Key) -> String {
    format!("{item}@{delegation}.itinera")
}

/// Writes the `.ics` text for `scope` within one delegation.
pub fn ics(
    plan: &Plan,
    delegation: &Key,
    scope: &CalendarScope,
    opts: &CalendarOptions,
) -> crate::Result<String> {
    let d = plan
        .delegation(delegation)
        .ok_or_else(|| crate::Error::NotFound {
            kind: "delegation",
            key: delegation.to_string(),
        })?;
    let items = scoped_items(plan, d, scope)?;
    let lang = opts.language;
    let mut cal = Calendar::new();
    cal.name(d.delegation.name.best(lang));
    for item in items {
        let mut ev = icalendar::Event::new();
        ev.uid(&uid(delegation, &item.key))
            .timestamp(opts.stamp)
            .sequence(opts.sequence)
            .summary(item.title.best(lang))
            .starts(item.start.with_timezone(&Utc))
            .ends(item.end.with_timezone(&Utc))
            .status(match item.status {
                ItemStatus::Cancelled => EventStatus::Cancelled,
                ItemStatus::Tentative => EventStatus::Tentative,
                ItemStatus::Confirmed => EventStatus::Confirmed,
            });
        if let Some(location) = location(plan, item, lang) {
            ev.location(&location);
        }
        let notes = item.guest_notes.best(lang);
        let zone = item_zone(plan, &d.delegation, item);
        let local = format!(
            "{}–{} {}",
            item.start.with_timezone(&zone).format("%Y-%m-%d %H:%M"),
            item.end.with_timezone(&zone).format("%H:%M"),
            zone.name()
        );
        let description = if notes.trim().is_empty() {
            local
        } else {
            format!("{notes}\n{local}")
        };
        ev.description(&description);
        cal.push(ev.done());
    }
    Ok(cal.done().to_string())
}

fn scoped_items<'a>(
    plan: &Plan,
    d: &'a DelegationPlan,
    scope: &CalendarScope,
) -> crate::Result<Vec<&'a ItineraryItem>> {
    let staff = |pred: &dyn Fn(&ItineraryItem) -> bool| {
        let mut v: Vec<&ItineraryItem> = d.items.iter().filter(|i| pred(i)).collect();
        v.sort_by_key(|i| (i.start, i.end));
        v
    };
    match scope {
        CalendarScope::Delegation => guest_items(d, &Audience::Delegation),
        CalendarScope::Member(m) => guest_items(d, &Audience::Member(m.clone())),
        CalendarScope::Host(h) => {
            if !plan.hosts.iter().any(|x| &x.key == h) {
                return Err(crate::Error::NotFound {
                    kind: "host",
                    key: h.to_string(),
                });
            }
            Ok(staff(&|i| i.hosts.contains(h)))
        }
        CalendarScope::Interpreter(k) => {
            if !plan.interpreters.iter().any(|x| &x.key == k) {
                return Err(crate::Error::NotFound {
                    kind: "interpreter",
                    key: k.to_string(),
                });
            }
            Ok(staff(&|i| {
                i.interpreters.iter().any(|a| &a.interpreter == k)
            }))
        }
    }
    .inspect(|v| {
        // Guest scopes come from `guest_items`, which already drops internal items; staff
        // scopes keep them, and that is the only difference.
        debug_assert!(
            matches!(
                scope,
                CalendarScope::Host(_) | CalendarScope::Interpreter(_)
            ) || v.iter().all(|i| i.kind != ItemKind::Internal)
        );
    })
}

/// "Venue, Building 5F, Site" or the off-site location.
fn location(plan: &Plan, item: &ItineraryItem, lang: Lang) -> Option<String> {
    match plan
        .venues
        .iter()
        .find(|v| Some(&v.key) == item.venue.as_ref())
    {
        Some(v) => {
            let mut parts = vec![v.name.best(lang).to_string()];
            let building = [v.building.best(lang), v.floor.as_deref().unwrap_or("")]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if !building.is_empty() {
                parts.push(building);
            }
            if let Some(site) = plan.sites.iter().find(|s| s.key == v.site) {
                parts.push(site.name.best(lang).to_string());
                if let Some(a) = &site.address {
                    parts.push(a.clone());
                }
            }
            Some(parts.join(", "))
        }
        None => Some(item.location.best(lang).to_string()).filter(|s| !s.trim().is_empty()),
    }
}
