//! Rules 1–4: a venue, interpreter, host or member booked by two items at once.
//!
//! One conflict per clashing pair of items and resource; for members, one conflict per pair
//! of items naming every member caught in both (a whole delegation in two sessions is one
//! problem, not eight). Tentative holds count like confirmed items; cancelled items are not
//! in the index at all. Intervals are half-open, so back-to-back items never clash.

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::{EDITED, ItemId};
use super::scope::Scope;
use super::timeline::{Entry, Timeline};
use crate::model::ItemStatus;

/// Every double booking in the index.
pub(super) fn all(s: &Scope<'_, '_>, out: &mut Vec<Conflict>) {
    for (timeline, kind) in resource_timelines(s) {
        for r in 0..timeline.resources() as u32 {
            timeline.overlapping_pairs(r, |a, b| out.push(double(s, kind, r, a.item, b.item)));
        }
    }
    members(s, member_clashes(s), out);
}

/// Every `(earlier, later, member)` of a member in two overlapping items of the index.
/// Members meet only in items of their own delegation: each overlapping pair of a
/// delegation's items catches the members both name.
pub(super) fn member_clashes(s: &Scope<'_, '_>) -> Vec<(ItemId, ItemId, u32)> {
    let ix = s.ix;
    let mut caught = vec![];
    for d in 0..ix.delegations.resources() as u32 {
        ix.delegations.overlapping_pairs(d, |a, b| {
            both(s.members(a.item), s.members(b.item), |m| {
                caught.push((a.item, b.item, m))
            })
        });
    }
    caught
}

/// The double bookings of the edited item.
pub(super) fn edited(s: &Scope<'_, '_>, out: &mut Vec<Conflict>) {
    let ix = s.ix;
    let me = s.item(EDITED).entry(EDITED);
    for (timeline, kind) in resource_timelines(s) {
        let mine: &[u32] = match kind {
            ResourceKind::Venue => s.item(EDITED).venue.as_slice(),
            ResourceKind::Host => s.hosts(EDITED),
            _ => s.interpreters(EDITED),
        };
        for &r in mine {
            each_clash(s, timeline, r, &me, |a, b| {
                out.push(double(s, kind, r, a, b))
            });
        }
    }
    let mut caught = vec![];
    let mine = s.members(EDITED);
    if !mine.is_empty() {
        let d = s.item(EDITED).deleg;
        each_clash(s, &ix.delegations, d, &me, |a, b| {
            let other = if a == EDITED { b } else { a };
            both(mine, s.members(other), |m| caught.push((a, b, m)));
        });
    }
    members(s, caught, out);
}

/// Calls `f` for each position in both `xs` and `ys` (each sorted, without repeats), in
/// increasing order.
pub(super) fn both(xs: &[u32], ys: &[u32], mut f: impl FnMut(u32)) {
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (xs.get(i), ys.get(j)) {
        if x == y {
            f(x);
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
}

fn resource_timelines<'a>(s: &Scope<'a, '_>) -> [(&'a Timeline, ResourceKind); 3] {
    [
        (&s.ix.venues, ResourceKind::Venue),
        (&s.ix.hosts, ResourceKind::Host),
        (&s.ix.interpreters, ResourceKind::Interpreter),
    ]
}

/// Calls `f(earlier, later)` for each indexed booking of `r` that overlaps `me`.
fn each_clash(
    s: &Scope<'_, '_>,
    timeline: &Timeline,
    r: u32,
    me: &Entry,
    mut f: impl FnMut(ItemId, ItemId),
) {
    if me.end <= me.start {
        return;
    }
    timeline.overlapping(r, me.start, me.end, |e| {
        if !s.hidden(e.item) {
            if s.rank(e.start, e.item) < s.rank(me.start, me.item) {
                f(e.item, me.item);
            } else {
                f(me.item, e.item);
            }
        }
    });
}

/// The clash of two items: the overlap of their intervals.
fn clash(s: &Scope<'_, '_>, a: ItemId, b: ItemId) -> (i64, i64) {
    let (x, y) = (s.item(a), s.item(b));
    (x.start.max(y.start), x.end.min(y.end))
}

fn holds_note(s: &Scope<'_, '_>, a: ItemId, b: ItemId) -> &'static str {
    let tentative = |i| s.item(i).status == ItemStatus::Tentative;
    match (tentative(a) && tentative(b), s.ko()) {
        (false, _) => "",
        (true, true) => " (둘 다 가예약)",
        (true, false) => " (both are tentative holds)",
    }
}

fn double(s: &Scope<'_, '_>, kind: ResourceKind, r: u32, a: ItemId, b: ItemId) -> Conflict {
    let code = match kind {
        ResourceKind::Venue => ConflictCode::VenueDoubleBooked,
        ResourceKind::Host => ConflictCode::HostDoubleBooked,
        _ => ConflictCode::InterpreterDoubleBooked,
    };
    let when = clash(s, a, b);
    let (name, range) = (
        describe::resource_name(s, kind, r),
        describe::range(s.lang, when.0, when.1, s.item(a).zone),
    );
    let (first, second) = (describe::item(s, a), describe::item(s, b));
    let holds = holds_note(s, a, b);
    let message = match (s.ko(), kind) {
        (true, ResourceKind::Venue) => {
            format!("{name}에 {range} 예약이 겹칩니다: {first}, {second}{holds}")
        }
        (true, _) => format!("{name}에게 {range} 일정이 겹칩니다: {first}, {second}{holds}"),
        (false, _) => format!("{name} is double-booked {range}: {first} and {second}{holds}"),
    };
    s.conflict(
        code,
        &[a, b],
        vec![describe::resource(s, kind, r)],
        when,
        message,
    )
}

/// Groups `(earlier, later, member)` by pair of items: one conflict per pair.
fn members(s: &Scope<'_, '_>, mut caught: Vec<(ItemId, ItemId, u32)>, out: &mut Vec<Conflict>) {
    caught.sort_unstable();
    for group in caught.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (a, b, _) = group[0];
        let who: Vec<String> = group
            .iter()
            .map(|&(_, _, m)| describe::member(s, m))
            .collect();
        let when = clash(s, a, b);
        let (names, range) = (
            describe::list(s.lang, &who),
            describe::range(s.lang, when.0, when.1, s.item(a).zone),
        );
        let (first, second) = (describe::item(s, a), describe::item(s, b));
        let holds = holds_note(s, a, b);
        let message = if s.ko() {
            format!("{names}에게 {range} 두 일정이 동시에 잡혀 있습니다: {first}, {second}{holds}")
        } else {
            format!(
                "{names} {} in two items at once {range}: {first} and {second}{holds}",
                if who.len() == 1 { "is" } else { "are" },
            )
        };
        let resources = group
            .iter()
            .map(|&(_, _, m)| describe::resource(s, ResourceKind::Member, m))
            .collect();
        out.push(s.conflict(
            ConflictCode::MemberDoubleBooked,
            &[a, b],
            resources,
            when,
            message,
        ));
    }
}
