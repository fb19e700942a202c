//! Rule 9: hosts and interpreters booked outside their working hours or in a busy block.
//!
//! Working hours are read in the local time of where the item happens (the item's zone),
//! day by day; busy blocks are instants and compare in UTC. One conflict per person and
//! item, naming every reason.

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::ItemId;
use super::scope::Scope;
use crate::model::{Availability, Day, within_weekly};

/// Rule 9 for one item.
pub(super) fn check(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let dir = &s.ix.dir;
    for &h in s.hosts(id) {
        let availability = &s.ix.plan.hosts[h as usize].availability;
        let busy = &dir.host_busy[h as usize];
        person(s, id, (ResourceKind::Host, h), availability, busy, out);
    }
    for &i in s.interpreters(id) {
        let availability = &s.ix.plan.interpreters[i as usize].availability;
        let busy = &dir.interpreter_busy[i as usize];
        person(
            s,
            id,
            (ResourceKind::Interpreter, i),
            availability,
            busy,
            out,
        );
    }
}

fn person(
    s: &Scope<'_, '_>,
    id: ItemId,
    (kind, pos): (ResourceKind, u32),
    availability: &Availability,
    busy_seconds: &[(i64, i64)],
    out: &mut Vec<Conflict>,
) {
    if availability.is_unrestricted() {
        return;
    }
    let r = s.item(id);
    let mut reasons = vec![];
    let mut outside = None;
    r.local.each_day(|day, from, to| {
        if outside.is_none() && !within_weekly(&availability.working_hours, Day::of(day), from, to)
        {
            outside = Some(Day::of(day));
        }
    });
    if let Some(day) = outside {
        let hours = describe::hours_on(s.lang, &availability.working_hours, day);
        reasons.push(if s.ko() {
            format!("근무 시간({hours}) 밖")
        } else {
            format!("outside their working hours ({hours})")
        });
    }
    for (busy, &(a, b)) in availability.busy.iter().zip(busy_seconds) {
        if a < r.end && r.start < b {
            let when = describe::range(s.lang, a, b, r.zone);
            let why = busy.reason.as_deref();
            reasons.push(match (s.ko(), why) {
                (true, Some(why)) => format!("선약 시간({when}, {why})과 겹침"),
                (true, None) => format!("선약 시간({when})과 겹침"),
                (false, Some(why)) => format!("while busy {when} ({why})"),
                (false, None) => format!("while busy {when}"),
            });
        }
    }
    if reasons.is_empty() {
        return;
    }
    let (name, item, when) = (
        describe::resource_name(s, kind, pos),
        describe::item(s, id),
        describe::range(s.lang, r.start, r.end, r.zone),
    );
    let message = if s.ko() {
        format!(
            "{name}에게 {item} 일정({when})이 잡혀 있습니다: {}",
            reasons.join(", ")
        )
    } else {
        format!(
            "{name} is booked for {item} {when}, {}",
            reasons.join(" and ")
        )
    };
    let who = vec![describe::resource(s, kind, pos)];
    out.push(s.conflict(
        ConflictCode::OutsideAvailability,
        &[id],
        who,
        (r.start, r.end),
        message,
    ));
}
