//! Laying bookings out per resource: the pure half of the timeline.

use std::collections::HashMap;

use chrono::Utc;

use super::{BookableKind, Booking, ResourceTimeline, TimelineQuery, TimelineRow};
use crate::api::ItemRecord;
use crate::conflicts::{Conflict, ResourceKind, Severity};
use crate::model::{ItemStatus, ItineraryItem, Key, Lang, LanguagePair, LocalizedText};
use crate::plan::Plan;

/// The rows of `query.kind` (every directory entry of that kind, by key) and the bookings of
/// `records` overlapping the window, by resource then start. `plan` gives the directory and
/// the delegations' names; `conflicts` the marks (acknowledged warnings mark nothing).
/// Records of delegations missing from the plan are still laid out, with an empty name.
pub fn lay_out(
    plan: &Plan,
    records: &[ItemRecord],
    conflicts: &[Conflict],
    query: &TimelineQuery,
) -> ResourceTimeline {
    let rows = rows(plan, query.kind);
    let names: HashMap<&Key, &LocalizedText> = plan
        .delegations
        .iter()
        .map(|d| (&d.delegation.key, &d.delegation.name))
        .collect();
    let marks = Marks::new(conflicts, query.kind);
    let mut bookings = Vec::new();
    for r in records {
        let item = &r.item;
        if item.status == ItemStatus::Cancelled || !query.overlaps(item.start, item.end) {
            continue;
        }
        for (resource, pair) in booked(item, query.kind) {
            let (mark, problems) = marks.of(&item.key, resource);
            bookings.push(Booking {
                resource: resource.clone(),
                item: item.key.clone(),
                version: r.version,
                delegation: r.delegation.clone(),
                delegation_name: names
                    .get(&r.delegation)
                    .map(|n| (*n).clone())
                    .unwrap_or_default(),
                kind: item.kind,
                status: item.status,
                start: item.start.with_timezone(&Utc),
                end: item.end.with_timezone(&Utc),
                title: item.title.clone(),
                pair,
                mark,
                problems,
            });
        }
    }
    bookings.sort_by(|a, b| (&a.resource, a.start, &a.item).cmp(&(&b.resource, b.start, &b.item)));
    ResourceTimeline {
        kind: query.kind,
        rows,
        bookings,
    }
}

/// Every directory entry of `kind` as a row.
fn rows(plan: &Plan, kind: BookableKind) -> Vec<TimelineRow> {
    let mut rows: Vec<TimelineRow> = match kind {
        BookableKind::Venue => {
            let sites: HashMap<&Key, &LocalizedText> =
                plan.sites.iter().map(|s| (&s.key, &s.name)).collect();
            plan.venues
                .iter()
                .map(|v| TimelineRow {
                    key: v.key.clone(),
                    name: v.name.clone(),
                    detail: sites.get(&v.site).map(|s| (*s).clone()).unwrap_or_default(),
                })
                .collect()
        }
        BookableKind::Host => plan
            .hosts
            .iter()
            .map(|h| TimelineRow {
                key: h.key.clone(),
                name: h.name.clone(),
                detail: h.title.clone(),
            })
            .collect(),
        BookableKind::Interpreter => plan
            .interpreters
            .iter()
            .map(|i| {
                // Pair codes read the same in every language.
                let pairs = i
                    .pairs
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                TimelineRow {
                    key: i.key.clone(),
                    name: i.name.clone(),
                    detail: LocalizedText::one(Lang::En, pairs),
                }
            })
            .collect(),
    };
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    rows
}

/// The resources of `kind` an item books, with the pair for interpreters.
fn booked(item: &ItineraryItem, kind: BookableKind) -> Vec<(&Key, Option<LanguagePair>)> {
    match kind {
        BookableKind::Venue => item.venue.iter().map(|v| (v, None)).collect(),
        BookableKind::Host => item.hosts.iter().map(|h| (h, None)).collect(),
        BookableKind::Interpreter => item
            .interpreters
            .iter()
            .map(|a| (&a.interpreter, Some(a.pair)))
            .collect(),
    }
}

/// The conflicts touching each (item, resource) of one kind.
struct Marks<'c> {
    by_booking: HashMap<(&'c str, &'c str), Vec<&'c Conflict>>,
}

impl<'c> Marks<'c> {
    fn new(conflicts: &'c [Conflict], kind: BookableKind) -> Marks<'c> {
        let wanted = match kind {
            BookableKind::Venue => ResourceKind::Venue,
            BookableKind::Host => ResourceKind::Host,
            BookableKind::Interpreter => ResourceKind::Interpreter,
        };
        let mut by_booking: HashMap<_, Vec<&Conflict>> = HashMap::new();
        for c in conflicts.iter().filter(|c| c.acknowledged.is_none()) {
            for r in c.resources.iter().filter(|r| r.kind == wanted) {
                for item in &c.items {
                    let list = by_booking
                        .entry((item.as_str(), r.key.as_str()))
                        .or_default();
                    // A conflict naming the same resource twice marks it once.
                    if !list.iter().any(|seen| std::ptr::eq(*seen, c)) {
                        list.push(c);
                    }
                }
            }
        }
        Marks { by_booking }
    }

    /// The worst severity and the messages (blocking first) for one booking.
    fn of(&self, item: &Key, resource: &Key) -> (Option<Severity>, Vec<String>) {
        let Some(list) = self.by_booking.get(&(item.as_str(), resource.as_str())) else {
            return (None, Vec::new());
        };
        let mut list = list.clone();
        list.sort_by_key(|c| c.severity);
        let worst = list.first().map(|c| c.severity);
        (worst, list.iter().map(|c| c.message.clone()).collect())
    }
}
