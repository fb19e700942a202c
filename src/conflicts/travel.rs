//! Rule 11: enough time to get from one item's venue to the next one's, for every person
//! (member, host, interpreter).
//!
//! Only items with a known venue and site take part; items without a venue (a transfer, a
//! meal at a restaurant) are time spent on the way, so "consecutive" means the next item
//! *with a venue* in the person's bookings ordered by start. Between sites the directory's
//! travel minutes apply (asymmetric when both directions are recorded; a single recorded
//! direction stands for both); between two venues of one site, the directory's walking
//! buffer; in the same venue nothing. Overlapping items are a double booking, not a travel
//! problem, and are skipped here. When no travel time is recorded for two sites, items on the
//! same local day are reported as `travel_time_unknown` so the directory gets completed.
//! One conflict per pair of items, naming every person making that move.

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::{EDITED, ItemId};
use super::scope::Scope;
use super::timeline::{Entry, Timeline};

/// A person's move between two items: (from, to, kind, person).
pub(super) type Move = (ItemId, ItemId, ResourceKind, u32);

/// Rule 11 over every person of the index.
pub(super) fn all(s: &Scope<'_, '_>, out: &mut Vec<Conflict>) {
    let mut moves: Vec<Move> = vec![];
    for (timeline, kind) in people_timelines(s) {
        for p in 0..timeline.resources() as u32 {
            let mut last: Option<&Entry> = None;
            for e in timeline.bookings(p) {
                if !sited(s, e) {
                    continue;
                }
                if let Some(prev) = last
                    && needs_check(s, prev, e)
                {
                    moves.push((prev.item, e.item, kind, p));
                }
                last = Some(e);
            }
        }
    }
    member_moves(s, &mut moves);
    report(s, moves, out);
}

/// Appends the members' moves of the index that lack time to `moves`. A member's bookings
/// are the items of their delegation naming them, in the delegation's order, so one walk
/// over a delegation's timeline follows all its members, each with their own last sited
/// booking.
pub(super) fn member_moves(s: &Scope<'_, '_>, moves: &mut Vec<Move>) {
    let ix = s.ix;
    let mut last: Vec<Option<Entry>> = vec![];
    for d in 0..ix.delegations.resources() {
        let (Some(&base), Some(&next)) = (ix.dir.member_base.get(d), ix.dir.member_base.get(d + 1))
        else {
            continue;
        };
        last.clear();
        last.resize((next - base) as usize, None);
        for e in ix.delegations.bookings(d as u32) {
            if !sited(s, e) {
                continue;
            }
            // Members coming from the same item make the same move: judge it once.
            let mut judged: Option<(ItemId, bool)> = None;
            for &m in s.members(e.item) {
                let Some(slot) = m.checked_sub(base).and_then(|k| last.get_mut(k as usize)) else {
                    continue;
                };
                if let Some(prev) = slot {
                    let short = match judged {
                        Some((from, short)) if from == prev.item => short,
                        _ => {
                            let short = needs_check(s, prev, e);
                            judged = Some((prev.item, short));
                            short
                        }
                    };
                    if short {
                        moves.push((prev.item, e.item, ResourceKind::Member, m));
                    }
                }
                *slot = Some(*e);
            }
        }
    }
}

/// Rule 11 for the moves into and out of the edited item.
pub(super) fn edited(s: &Scope<'_, '_>, out: &mut Vec<Conflict>) {
    let me = s.item(EDITED).entry(EDITED);
    if !sited(s, &me) {
        return;
    }
    let mut moves: Vec<Move> = vec![];
    let ix = s.ix;
    let deleg = s.item(EDITED).deleg;
    let people = [
        (ResourceKind::Member, s.members(EDITED)),
        (ResourceKind::Host, s.hosts(EDITED)),
        (ResourceKind::Interpreter, s.interpreters(EDITED)),
    ];
    for (kind, people) in people {
        for &p in people {
            // A member's bookings: their delegation's bookings that name them.
            let (bookings, member) = match kind {
                ResourceKind::Member => (ix.delegations.bookings(deleg), true),
                ResourceKind::Host => (ix.hosts.bookings(p), false),
                _ => (ix.interpreters.bookings(p), false),
            };
            let at =
                bookings.partition_point(|e| s.rank(e.start, e.item) < s.rank(me.start, me.item));
            let usable = |e: &&Entry| {
                !s.hidden(e.item)
                    && sited(s, e)
                    && (!member || s.members(e.item).binary_search(&p).is_ok())
            };
            if let Some(prev) = bookings[..at].iter().rev().find(usable)
                && needs_check(s, prev, &me)
            {
                moves.push((prev.item, EDITED, kind, p));
            }
            if let Some(next) = bookings[at..].iter().find(usable)
                && needs_check(s, &me, next)
            {
                moves.push((EDITED, next.item, kind, p));
            }
        }
    }
    report(s, moves, out);
}

/// The timelines of the people with a timeline of their own (members follow their
/// delegation's).
fn people_timelines<'a>(s: &Scope<'a, '_>) -> [(&'a Timeline, ResourceKind); 2] {
    [
        (&s.ix.hosts, ResourceKind::Host),
        (&s.ix.interpreters, ResourceKind::Interpreter),
    ]
}

fn site(s: &Scope<'_, '_>, e: &Entry) -> Option<u32> {
    s.ix.dir.venue_site.get(e.venue as usize).copied().flatten()
}

pub(super) fn sited(s: &Scope<'_, '_>, e: &Entry) -> bool {
    site(s, e).is_some()
}

/// What getting from `a` to `b` needs, in minutes; `Some(None)` when unknown.
fn need(s: &Scope<'_, '_>, a: &Entry, b: &Entry) -> Option<Option<u32>> {
    let (sa, sb) = (site(s, a)?, site(s, b)?);
    if a.venue == b.venue {
        None
    } else if sa == sb {
        Some(Some(s.ix.plan.settings.same_site_buffer_minutes))
    } else {
        Some(s.ix.dir.travel_minutes(sa, sb))
    }
}

/// Whether the move from `a` to `b` lacks time (or lacks a recorded travel time).
pub(super) fn needs_check(s: &Scope<'_, '_>, a: &Entry, b: &Entry) -> bool {
    let gap = b.start - a.end;
    if gap < 0 {
        return false;
    }
    match need(s, a, b) {
        None => false,
        Some(Some(minutes)) => gap < i64::from(minutes) * 60,
        Some(None) => s.item(a.item).local.end.date() == s.item(b.item).local.start.date(),
    }
}

fn report(s: &Scope<'_, '_>, mut moves: Vec<Move>, out: &mut Vec<Conflict>) {
    moves.sort_unstable_by_key(|&(a, b, kind, p)| (a, b, kind, p));
    moves.dedup();
    for group in moves.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (a, b, _, _) = group[0];
        let names: Vec<String> = group
            .iter()
            .map(|&(_, _, k, p)| describe::resource_name(s, k, p))
            .collect();
        let resources = group
            .iter()
            .map(|&(_, _, k, p)| describe::resource(s, k, p))
            .collect();
        let (x, y) = (s.item(a), s.item(b));
        let (ea, eb) = (x.entry(a), y.entry(b));
        let (Some(va), Some(vb), Some(sa), Some(sb)) =
            (x.venue, y.venue, site(s, &ea), site(s, &eb))
        else {
            continue;
        };
        let gap = (y.start - x.end) / 60;
        let (from, from_venue, ends, to, to_venue, starts) = (
            describe::item(s, a),
            describe::venue(s, va),
            describe::instant(s.lang, x.end, x.zone),
            describe::item(s, b),
            describe::venue(s, vb),
            describe::instant(s.lang, y.start, y.zone),
        );
        let who = describe::list(s.lang, &names);
        let (site_a, site_b) = (describe::site(s, sa), describe::site(s, sb));
        let needed = need(s, &ea, &eb);
        let code = match needed {
            Some(Some(_)) => ConflictCode::TravelTimeShort,
            _ => ConflictCode::TravelTimeUnknown,
        };
        let message = if s.ko() {
            let route = format!(
                "{from_venue}의 {from}({ends} 종료)에서 {to_venue}의 {to}({starts} 시작)까지"
            );
            match needed {
                Some(Some(minutes)) if sa == sb => format!(
                    "{who}에게 {route} 이동 시간이 {gap}분뿐입니다. {site_a} 안에서 장소 사이를 \
                     걸어서 옮기는 데 {minutes}분이 걸립니다"
                ),
                Some(Some(minutes)) => format!(
                    "{who}에게 {route} 이동 시간이 {gap}분뿐입니다. {site_a}에서 {site_b}까지 \
                     {minutes}분이 걸립니다"
                ),
                _ => format!(
                    "{who}에게 {route} {gap}분이 있으나, {site_a}–{site_b} 사이 이동 시간이 \
                     등록되어 있지 않습니다"
                ),
            }
        } else {
            let route = format!(
                "from {from} at {from_venue} (ends {ends}) to {to} at {to_venue} (starts {starts})"
            );
            let has = if names.len() == 1 { "has" } else { "have" };
            match needed {
                Some(Some(minutes)) if sa == sb => format!(
                    "{who} {has} only {gap} min {route}; walking between venues of {site_a} \
                     takes {minutes} min"
                ),
                Some(Some(minutes)) => format!(
                    "{who} {has} only {gap} min {route}; travel from {site_a} to {site_b} takes \
                     {minutes} min"
                ),
                _ => format!(
                    "{who} {has} {gap} min {route}, but no travel time between {site_a} and \
                     {site_b} is recorded"
                ),
            }
        };
        out.push(s.conflict(code, &[a, b], resources, (x.end, y.start), message));
    }
}
