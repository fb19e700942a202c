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
    let when = || describe::range(s.lang, r.start, r.end, r.zone);
    let (item, name) = (|| describe::item(s, id), || describe::venue(s, v));
    let message = match (closure, outside) {
        (Some(c), _) => {
            let (from, to) = (c.from, c.to);
            // A one-day closure reads as its date, not as a range from a day to itself.
            let period = if from == to {
                from.to_string()
            } else {
                format!("{from}~{to}")
            };
            Some(match (s.ko(), c.reason.as_deref()) {
                (true, Some(why)) => format!(
                    "{}의 사용 중지 기간({period}, {why})에 {} 일정({})이 잡혀 있습니다",
                    name(),
                    item(),
                    when()
                ),
                (true, None) => format!(
                    "{}의 사용 중지 기간({period})에 {} 일정({})이 잡혀 있습니다",
                    name(),
                    item(),
                    when()
                ),
                (false, why) => format!(
                    "{} is booked in {} {}, the venue is closed from {from} to {to}{}",
                    item(),
                    name(),
                    when(),
                    why.map(|why| format!(" ({why})")).unwrap_or_default()
                ),
            })
        }
        (None, Some(day)) => {
            let hours = describe::hours_on(s.lang, &venue.opening_hours, Day::of(day));
            Some(if s.ko() {
                format!(
                    "{}의 운영 시간({hours}) 밖에 {} 일정({})이 잡혀 있습니다",
                    name(),
                    item(),
                    when()
                )
            } else {
                format!(
                    "{} is booked in {} {}, outside its opening hours ({hours})",
                    item(),
                    name(),
                    when()
                )
            })
        }
        (None, None) => None,
    };
    if let Some(message) = message {
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
        let message = if s.ko() {
            format!(
                "{} 일정({})에 {people}명(손님 {guests}명, 주최 측 {hosts}명, 통역사 \
                 {interpreters}명, 기타 {extra}명)이 참석하여 {}의 수용 인원 {}명을 넘습니다",
                item(),
                when(),
                name(),
                venue.capacity
            )
        } else {
            let counts = [
                (guests, "guest"),
                (hosts, "host"),
                (interpreters, "interpreter"),
            ]
            .map(|(n, what)| describe::count(n, what))
            .join(", ");
            format!(
                "{} brings {people} people to {} {} ({counts}, {extra} other), which holds {}",
                item(),
                name(),
                when(),
                venue.capacity
            )
        };
        let code = ConflictCode::VenueOverCapacity;
        out.push(s.conflict(code, &[id], at(), (r.start, r.end), message));
    }
}
