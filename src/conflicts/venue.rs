//! Rules 5 and 8: an item must fit its venue's opening hours, closures and capacity.
//!
//! Opening hours and closures are read in the venue's local time (the item's zone), day by
//! day, so a night item is checked against both days it touches. Capacity counts every
//! person in the room: participating guests, hosts, interpreters and extra attendees.

use chrono::NaiveDate;

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::ItemId;
use super::scope::Scope;
use crate::model::{DateRange, Day, within_weekly};

/// Rules 5 and 8 for one item.
pub(super) fn check(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let r = s.item(id);
    let Some(v) = r.venue else { return };
    let venue = &s.ix.plan.venues[v as usize];
    let at = || vec![describe::resource(s, ResourceKind::Venue, v)];

    let mut closure: Option<&DateRange> = None;
    let mut outside: Option<NaiveDate> = None;
    r.local.each_day(|day, from, to| {
        if closure.is_none() {
            closure = venue.closures.iter().find(|c| c.from <= day && day <= c.to);
        }
        if outside.is_none() && !within_weekly(&venue.opening_hours, Day::of(day), from, to) {
            outside = Some(day);
        }
    });
    let when = || describe::range(r.start, r.end, r.zone);
    let problem = match (closure, outside) {
        (Some(c), _) => Some(format!(
            "the venue is closed from {} to {}{}",
            c.from,
            c.to,
            c.reason
                .as_deref()
                .map(|why| format!(" ({why})"))
                .unwrap_or_default()
        )),
        (None, Some(day)) => Some(format!(
            "outside its opening hours ({})",
            describe::hours_on(&venue.opening_hours, Day::of(day))
        )),
        (None, None) => None,
    };
    if let Some(problem) = problem {
        let message = format!(
            "{} is booked in {} {}, {problem}",
            describe::item(s, id),
            describe::venue(s, v),
            when()
        );
        out.push(s.conflict(
            ConflictCode::VenueClosed,
            &[id],
            at(),
            (r.start, r.end),
            message,
        ));
    }

    let (guests, hosts, interpreters) = (
        s.members(id).len(),
        s.hosts(id).len(),
        s.interpreters(id).len(),
    );
    let extra = r.extra_attendees as usize;
    let people = guests + hosts + interpreters + extra;
    if people > venue.capacity as usize {
        let counts = [
            (guests, "guest"),
            (hosts, "host"),
            (interpreters, "interpreter"),
        ]
        .map(|(n, what)| describe::count(n, what))
        .join(", ");
        let message = format!(
            "{} brings {people} people to {} {} ({counts}, {extra} other), which holds {}",
            describe::item(s, id),
            describe::venue(s, v),
            when(),
            venue.capacity
        );
        let code = ConflictCode::VenueOverCapacity;
        out.push(s.conflict(code, &[id], at(), (r.start, r.end), message));
    }
}
