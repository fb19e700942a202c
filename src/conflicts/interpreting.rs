//! Rules 6 and 12: an interpreter must work in the assigned pair, and within their limits.
//!
//! Continuity: assignments separated by less than [`BREAK_MINUTES`] are one continuous
//! stretch (a 10-minute changeover is no rest), and a stretch longer than the interpreter's
//! `max_continuous_minutes` is reported with all its items. Daily: the minutes of each local
//! day (the item's zone) are summed over the union of assignments, so two overlapping items
//! (already a double booking) are not counted twice; a day over `max_daily_minutes` is
//! reported with every item touching it.

use chrono::NaiveDate;

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::{EDITED, ItemId};
use super::local_span::LocalSpan;
use super::scope::{Scope, local};
use super::timeline::Entry;

/// A pause shorter than this many minutes does not break a continuous stretch.
pub const BREAK_MINUTES: i64 = 15;

/// Rule 6 for one item: every assignment's pair must be among the interpreter's pairs.
pub(super) fn check_pairs(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let r = s.item(id);
    if !r.lacks_pair {
        return;
    }
    for a in &s.source(id).interpreters {
        let Some(&i) = s.ix.dir.interpreters.get(a.interpreter.as_str()) else {
            continue;
        };
        let interpreter = &s.ix.plan.interpreters[i as usize];
        if interpreter.pairs.contains(&a.pair) {
            continue;
        }
        let works: Vec<String> = interpreter
            .pairs
            .iter()
            .map(|&p| describe::pair(s.lang, p))
            .collect();
        let (name, item, when, needed) = (
            describe::interpreter(s, i),
            describe::item(s, id),
            describe::range(s.lang, r.start, r.end, r.zone),
            describe::pair(s.lang, a.pair),
        );
        let message = match (s.ko(), works.is_empty()) {
            (true, true) => format!(
                "{name}에게 {item} 일정({when})의 {needed} 통역이 배정되었으나, 통역 가능한 \
                 언어 쌍이 없습니다"
            ),
            (true, false) => format!(
                "{name}에게 {item} 일정({when})의 {needed} 통역이 배정되었으나, 통역 가능한 \
                 언어 쌍은 {}뿐입니다",
                works.join(", ")
            ),
            (false, true) => {
                format!(
                    "{name} is assigned to {item} {when} for {needed} but works only in no pair at all"
                )
            }
            (false, false) => format!(
                "{name} is assigned to {item} {when} for {needed} but works only in {}",
                works.join(", ")
            ),
        };
        let who = vec![describe::resource(s, ResourceKind::Interpreter, i)];
        let code = ConflictCode::InterpreterLacksPair;
        out.push(s.conflict(code, &[id], who, (r.start, r.end), message));
    }
}

/// Rule 12 over every interpreter of the index.
pub(super) fn limits_all(s: &Scope<'_, '_>, out: &mut Vec<Conflict>) {
    let mut days = vec![];
    for i in 0..s.ix.interpreters.resources() as u32 {
        limits(s, i, s.ix.interpreters.bookings(i), false, &mut days, out);
    }
}

/// Rule 12 for the interpreters of the edited item: only stretches and days it is part of.
pub(super) fn limits_edited(s: &Scope<'_, '_>, out: &mut Vec<Conflict>) {
    let me = s.item(EDITED).entry(EDITED);
    // Two days either side cover every local day the item touches, in any zone.
    let window = 48 * 3600;
    let mut days = vec![];
    for &i in s.interpreters(EDITED) {
        let mut near = vec![me];
        let (from, to) = (me.start - window, me.end + window);
        s.ix.interpreters.overlapping(i, from, to, |e| {
            if !s.hidden(e.item) {
                near.push(*e);
            }
        });
        // `overlapping` leaves out empty bookings, but the full check counts them: they
        // join stretches and are listed on their day. Add those inside the window.
        let all = s.ix.interpreters.bookings(i);
        let first = all.partition_point(|e| e.start < from);
        for e in all[first..].iter().take_while(|e| e.start < to) {
            if e.end <= e.start && !s.hidden(e.item) {
                near.push(*e);
            }
        }
        near.sort_unstable_by_key(|e| s.rank(e.start, e.item));
        limits(s, i, &near, true, &mut days, out);
    }
}

/// Finds the stretches and days of interpreter `i` over `bookings` (sorted by start) that
/// exceed the limits; with `edited_only`, only those containing the edited item.
fn limits(
    s: &Scope<'_, '_>,
    i: u32,
    bookings: &[Entry],
    edited_only: bool,
    days: &mut Vec<(NaiveDate, i64, ItemId)>,
    out: &mut Vec<Conflict>,
) {
    let interpreter = &s.ix.plan.interpreters[i as usize];
    let keep = |items: &[ItemId]| !edited_only || items.contains(&EDITED);

    let limit = i64::from(interpreter.max_continuous_minutes) * 60;
    let mut start = 0;
    while start < bookings.len() {
        let (from, mut to) = (bookings[start].start, bookings[start].end);
        let mut end = start + 1;
        while end < bookings.len() && bookings[end].start - to < BREAK_MINUTES * 60 {
            to = to.max(bookings[end].end);
            end += 1;
        }
        // Most stretches are within the limit: only those over it collect their items.
        if to - from > limit {
            let items: Vec<ItemId> = bookings[start..end].iter().map(|e| e.item).collect();
            if keep(&items) {
                out.push(continuous(s, i, &items, (from, to)));
            }
        }
        start = end;
    }

    days.clear();
    let mut covered = i64::MIN;
    for e in bookings {
        let r = s.item(e.item);
        let from = e.start.max(covered);
        let span = if from == r.start {
            r.local
        } else {
            LocalSpan {
                start: local(from.min(e.end), r.zone).naive_local(),
                end: r.local.end,
            }
        };
        span.each_day(|day, a, b| days.push((day, i64::from(b.saturating_sub(a)), e.item)));
        if from > e.start {
            // Days fully covered by earlier items still list this item.
            r.local.each_day(|day, _, _| days.push((day, 0, e.item)));
        }
        covered = covered.max(e.end);
    }
    days.sort_by_key(|&(day, _, _)| day);
    for group in days.chunk_by(|x, y| x.0 == y.0) {
        let minutes: i64 = group.iter().map(|&(_, m, _)| m).sum();
        if minutes <= i64::from(interpreter.max_daily_minutes) {
            continue;
        }
        let mut items: Vec<ItemId> = vec![];
        for &(_, _, id) in group {
            if !items.contains(&id) {
                items.push(id);
            }
        }
        if keep(&items) {
            out.push(daily(s, i, group[0].0, minutes, &items));
        }
    }
}

fn titles(s: &Scope<'_, '_>, items: &[ItemId]) -> String {
    describe::list(
        s.lang,
        &items
            .iter()
            .map(|&id| describe::item(s, id))
            .collect::<Vec<_>>(),
    )
}

fn continuous(s: &Scope<'_, '_>, i: u32, items: &[ItemId], (from, to): (i64, i64)) -> Conflict {
    let interpreter = &s.ix.plan.interpreters[i as usize];
    let (name, when, minutes, limit, titles) = (
        describe::interpreter(s, i),
        describe::range(s.lang, from, to, s.item(items[0]).zone),
        (to - from) / 60,
        interpreter.max_continuous_minutes,
        titles(s, items),
    );
    let message = if s.ko() {
        format!(
            "{name}의 통역이 {when}에 {BREAK_MINUTES}분 휴식 없이 {minutes}분 이어져 연속 \
             통역 한도 {limit}분을 넘습니다({titles})"
        )
    } else {
        format!(
            "{name} interprets {when} without a {BREAK_MINUTES}-minute break: {minutes} min, \
             over the limit of {limit} min ({titles})"
        )
    };
    let who = vec![describe::resource(s, ResourceKind::Interpreter, i)];
    s.conflict(
        ConflictCode::InterpreterContinuousLimit,
        items,
        who,
        (from, to),
        message,
    )
}

fn daily(s: &Scope<'_, '_>, i: u32, day: NaiveDate, minutes: i64, items: &[ItemId]) -> Conflict {
    let interpreter = &s.ix.plan.interpreters[i as usize];
    let from = items
        .iter()
        .map(|&id| s.item(id).start)
        .min()
        .unwrap_or_default();
    let to = items
        .iter()
        .map(|&id| s.item(id).end)
        .max()
        .unwrap_or_default();
    let (name, limit, titles) = (
        describe::interpreter(s, i),
        interpreter.max_daily_minutes,
        titles(s, items),
    );
    let message = if s.ko() {
        format!(
            "{name}의 {day} 통역 시간이 {minutes}분으로 하루 한도 {limit}분을 넘습니다({titles})"
        )
    } else {
        format!(
            "{name} interprets {minutes} min on {day}, over the daily limit of {limit} min \
             ({titles})"
        )
    };
    let who = vec![describe::resource(s, ResourceKind::Interpreter, i)];
    s.conflict(
        ConflictCode::InterpreterDailyLimit,
        items,
        who,
        (from, to),
        message,
    )
}
