//! The resolved index: everything the rules need, computed once from a [`Plan`].
//!
//! For each item it holds the effective zone
//! (item zone, else the venue's site zone, else the delegation's zone), the UTC interval in
//! seconds, the local start and end in that zone, and the venue, hosts, interpreters and
//! members it books (sub-groups and `everyone` expanded, repeats removed). Bookings of items
//! that are not cancelled are then laid out per resource in [`Timeline`]s (cancelled items
//! book nothing). Members have no timeline of their own: a member only takes part in their
//! own delegation's items, so the rules follow them through the delegation's timeline.
//! Resolution itself lives in [`Directory`]. The resolved data ([`Core`]) does not borrow
//! the plan (items are named by delegation and position), so a
//! [`super::resolved::ResolvedPlan`] can own both and keep them in step.
//!
//! Building is bound by memory, not arithmetic: the plan's keys are separate heap strings.
//! So the two halves of the plan resolve on two cores (merged into exactly the sequential
//! result), the keys of the next batch of items are touched early so their cache lines
//! arrive while the current batch is resolved, and the four timelines are laid out two per
//! core, each pair counted in one pass over the resolved items and filled in a second.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::OnceLock;
use std::thread;

use chrono_tz::Tz;

use super::clock::LocalClock;
use super::conflict::{AcknowledgedConflict, Acknowledgement, ConflictId};
use super::directory::Directory;
use super::keymap::key_hash;
use super::local_span::LocalSpan;
use super::printed::PrintLog;
use super::timeline::{Entry, Layout, NO_VENUE, Timeline};
use crate::model::{ItemKind, ItemStatus, ItineraryItem, Key, Participants};
use crate::plan::Plan;

/// A `[from, from + len)` range into one of the flat reference vectors.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Span {
    from: u32,
    len: u32,
}

/// One item as the rules see it.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    /// Position of the item among its delegation's items in the plan, or [`VACANT`] for a
    /// slot a [`super::resolved::ResolvedPlan`] keeps free for items added later.
    pub pos: u32,
    /// Position of its delegation in the plan.
    pub deleg: u32,
    /// Effective zone.
    pub zone: Tz,
    /// UTC seconds.
    pub start: i64,
    /// UTC seconds.
    pub end: i64,
    /// Local times in `zone`.
    pub local: LocalSpan,
    /// The booked venue, if known.
    pub venue: Option<u32>,
    /// Copied from the item so the rules' sweep stays in this compact vector instead of
    /// chasing pointers into the plan (cache misses dominated the sweep otherwise).
    pub kind: ItemKind,
    /// Copied from the item.
    pub status: ItemStatus,
    /// Copied from the item.
    pub extra_attendees: u32,
    /// The assigned pairs as a set of bits `7 * a + b` for the pair's languages `(a, b)`.
    pub pairs: u64,
    /// Whether an assignment asks an interpreter for a pair they do not work in.
    pub lacks_pair: bool,
    /// Members booked, in [`Refs`].
    pub members: Span,
    /// Hosts booked, in [`Refs`].
    pub hosts: Span,
    /// Interpreters booked, in [`Refs`].
    pub interpreters: Span,
}

/// Position of an item inside the index; [`EDITED`] names the item given to `check_item`.
pub(super) type ItemId = u32;
/// The id of the edited item in an incremental check.
pub(super) const EDITED: ItemId = u32::MAX;
/// The `pos` of a vacant slot: no item, books nothing, reports nothing.
pub(super) const VACANT: u32 = u32::MAX;

/// Flat reference vectors shared by all resolved items.
#[derive(Debug, Default)]
pub(super) struct Refs {
    /// Global member positions.
    pub members: Vec<u32>,
    /// Host positions.
    pub hosts: Vec<u32>,
    /// Interpreter positions.
    pub interpreters: Vec<u32>,
}

/// Everything the rules read besides the plan itself: the directory, the resolved items
/// (ids are positions here, in plan order) and the bookings per resource. An [`Index`] owns
/// one; a [`super::resolved::ResolvedPlan`] keeps one up to date across edits and lends it.
/// `pub` only because the public [`Index`] derefs to it; the module is private and every
/// field `pub(super)`, so nothing outside the checker can name or read it.
#[derive(Debug, Default)]
pub struct Core {
    pub(super) dir: Directory,
    pub(super) items: Vec<Resolved>,
    pub(super) refs: Refs,
    pub(super) venues: Timeline,
    pub(super) hosts: Timeline,
    pub(super) interpreters: Timeline,
    /// The bookings of each delegation's items. A member only ever takes part in items of
    /// their own delegation, so a member's bookings are those of their delegation's timeline
    /// that name them: the rules follow members through this one timeline instead of a
    /// timeline per member, which was the largest part of building the index (a whole
    /// delegation in an item is one entry here, not one per guest).
    pub(super) delegations: Timeline,
}

/// A [`Core`] built for one check, or one lent by a resolved plan.
#[derive(Debug)]
pub(super) enum Held<'p> {
    Owned(Box<Core>),
    Lent(&'p Core),
}

/// The prebuilt index a full check runs over and an incremental check queries.
#[derive(Debug)]
pub struct Index<'p> {
    pub(super) plan: &'p Plan,
    pub(super) core: Held<'p>,
    pub(super) acks: HashMap<ConflictId, Acknowledgement>,
    pub(super) printed: &'p PrintLog,
    /// (hash of item key, position), sorted; built on the first incremental check (a full
    /// check needs none). Hashes rather than `&'p str` keep the index covariant in `'p`, which
    /// lets an edited item that lives shorter than the plan be checked against it.
    positions: OnceLock<Vec<(u64, ItemId)>>,
}

impl Deref for Index<'_> {
    type Target = Core;

    fn deref(&self) -> &Core {
        match &self.core {
            Held::Owned(c) => c,
            Held::Lent(c) => c,
        }
    }
}

impl Core {
    /// Resolves every item of `plan` and lays out the bookings per resource. Each delegation's
    /// items are followed by `spare(items of the delegation)` vacant slots (none for a
    /// one-off check).
    pub(super) fn build(plan: &Plan, spare: fn(usize) -> usize) -> Self {
        let dir = Directory::of(plan);
        let (items, refs) = resolve_all(plan, &dir, spare);
        // Two cores lay out two timelines each; each pair is counted in one pass over the
        // items and placed in a second. Venues and hosts on one side, interpreters and
        // delegations on the other, hold about the same number of bookings each.
        let ((venues, hosts), (interpreters, delegations)) = thread::scope(|t| {
            let other = t.spawn(|| {
                lay_out_pair(
                    &items,
                    (plan.interpreters.len(), plan.delegations.len()),
                    |r| refs.interpreters_of(r),
                    |r| std::slice::from_ref(&r.deleg),
                )
            });
            let mine = lay_out_pair(
                &items,
                (plan.venues.len(), plan.hosts.len()),
                |r| r.venue.as_slice(),
                |r| refs.hosts_of(r),
            );
            (mine, joined(other.join()))
        });
        Core {
            dir,
            items,
            refs,
            venues,
            hosts,
            interpreters,
            delegations,
        }
    }
}

impl<'p> Index<'p> {
    /// Resolves every item of `plan` and lays out the bookings per resource. The index borrows
    /// the plan; rebuild it after the plan changes (or keep a
    /// [`super::resolved::ResolvedPlan`], which follows edits).
    pub fn build(plan: &'p Plan, acks: &[AcknowledgedConflict], printed: &'p PrintLog) -> Self {
        let core = Core::build(plan, |_| 0);
        Self::over(plan, Held::Owned(Box::new(core)), acks, printed)
    }

    /// An index over a built core of `plan`.
    pub(super) fn over(
        plan: &'p Plan,
        core: Held<'p>,
        acks: &[AcknowledgedConflict],
        printed: &'p PrintLog,
    ) -> Self {
        let acks = acks
            .iter()
            .map(|a| (a.id.clone(), a.acknowledgement.clone()))
            .collect();
        Index {
            plan,
            core,
            acks,
            printed,
            positions: OnceLock::new(),
        }
    }

    /// The plan item behind a resolved (not vacant) item.
    pub(super) fn source(&self, r: &Resolved) -> &'p ItineraryItem {
        &self.plan.delegations[r.deleg as usize].items[r.pos as usize]
    }

    /// The position of the indexed item with this key.
    pub(super) fn position(&self, key: &str) -> Option<ItemId> {
        let positions = self.positions.get_or_init(|| {
            let mut v: Vec<(u64, ItemId)> = (0..)
                .zip(&self.items)
                .filter(|(_, r)| r.pos != VACANT)
                .map(|(i, r)| (key_hash(self.source(r).key.as_str()), i))
                .collect();
            v.sort_unstable();
            v
        });
        let h = key_hash(key);
        let from = positions.partition_point(|&(x, _)| x < h);
        positions[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, i)| i)
            .find(|&i| self.source(&self.items[i as usize]).key.as_str() == key)
    }

    /// How many items the index holds (cancelled ones included: they book nothing, but a
    /// printed item that was cancelled still needs a reprint).
    pub fn len(&self) -> usize {
        self.items.iter().filter(|r| r.pos != VACANT).count()
    }

    /// Whether the plan has no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The items that book their resources, with their ids.
fn booking(items: &[Resolved]) -> impl Iterator<Item = (ItemId, &Resolved)> {
    (0..).zip(items).filter(|(_, r)| r.books())
}

/// Lays out two timelines over the booking `items`: `a(r)` and `b(r)` name the resources of
/// each kind that item `r` books. One pass counts both kinds, one places both.
fn lay_out_pair<'a>(
    items: &'a [Resolved],
    (resources_a, resources_b): (usize, usize),
    a: impl Fn(&'a Resolved) -> &'a [u32],
    b: impl Fn(&'a Resolved) -> &'a [u32],
) -> (Timeline, Timeline) {
    let (mut la, mut lb) = (Layout::new(resources_a), Layout::new(resources_b));
    for (_, r) in booking(items) {
        a(r).iter().for_each(|&x| la.count(x));
        b(r).iter().for_each(|&x| lb.count(x));
    }
    la.allocate();
    lb.allocate();
    for (i, r) in booking(items) {
        let e = r.entry(i);
        a(r).iter().for_each(|&x| la.place(x, e));
        b(r).iter().for_each(|&x| lb.place(x, e));
    }
    (la.finish(), lb.finish())
}

/// The result of a scoped thread; a panic there is re-raised here, as if it ran inline.
pub(super) fn joined<T>(r: thread::Result<T>) -> T {
    r.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// How many items [`touch`] reads at a time, one batch ahead of the items being resolved.
const BATCH: usize = 8;

/// Reads the first byte of the key strings `item` refers to, so their cache lines are on
/// their way before the item is resolved. Resolution is bound by memory latency: each
/// item's host, interpreter and participant lists live in separate heap blocks, and waiting
/// for them one item at a time was the largest single cost of building the index. Touching
/// a whole batch in a tight loop keeps many of those loads in flight at once; touching one
/// item at a time in between resolving others kept about one. `black_box` keeps the loads
/// from being optimised away; nothing depends on their values.
fn touch(item: &ItineraryItem) {
    let first = |k: &Key| k.as_str().as_bytes().first().copied().unwrap_or(0);
    let mut x = item.venue.as_ref().map_or(0, first);
    x ^= item.hosts.first().map_or(0, first);
    x ^= item
        .interpreters
        .first()
        .map_or(0, |a| first(&a.interpreter));
    if let Participants::Selected { subgroups, members } = &item.participants {
        x ^= subgroups.first().map_or(0, first);
        x ^= members.first().map_or(0, first);
    }
    std::hint::black_box(x);
}

/// Resolves every item of `plan`, in plan order, each delegation's items followed by
/// `spare(its item count)` vacant slots. The two halves of the plan (split between
/// delegations) resolve on two cores; the second half's reference spans are then shifted
/// past the first half's references, which gives exactly what one sequential pass gives.
pub(super) fn resolve_all(
    plan: &Plan,
    dir: &Directory,
    spare: fn(usize) -> usize,
) -> (Vec<Resolved>, Refs) {
    let total: usize = plan.delegations.iter().map(|d| d.items.len()).sum();
    let mut seen = 0;
    let split = plan
        .delegations
        .iter()
        .position(|d| {
            seen += d.items.len();
            seen * 2 >= total
        })
        .map_or(plan.delegations.len(), |d| d + 1);
    let part = |from: usize, to: usize| {
        let mut refs = Refs::default();
        let mut clock = LocalClock::default();
        let slots = plan.delegations[from..to]
            .iter()
            .map(|d| d.items.len() + spare(d.items.len()))
            .sum();
        let mut items = Vec::with_capacity(slots);
        let mut ahead = plan.delegations[from..to].iter().flat_map(|dp| &dp.items);
        ahead.by_ref().take(BATCH).for_each(touch);
        let mut n = 0;
        for (d, dp) in plan.delegations.iter().enumerate().take(to).skip(from) {
            for (pos, item) in (0..).zip(&dp.items) {
                if n % BATCH == 0 {
                    ahead.by_ref().take(BATCH).for_each(touch);
                }
                n += 1;
                items.push(dir.resolve(item, d as u32, pos, &mut refs, &mut clock));
            }
            let free = spare(dp.items.len());
            items.extend(std::iter::repeat_n(Resolved::vacant(d as u32), free));
        }
        (items, refs)
    };
    let ((mut items, mut refs), (later, later_refs)) = thread::scope(|t| {
        let second = t.spawn(|| part(split, plan.delegations.len()));
        let first = part(0, split);
        (first, joined(second.join()))
    });
    let base = [
        refs.members.len() as u32,
        refs.hosts.len() as u32,
        refs.interpreters.len() as u32,
    ];
    items.extend(later.into_iter().map(|mut r| {
        r.members.from += base[0];
        r.hosts.from += base[1];
        r.interpreters.from += base[2];
        r
    }));
    refs.members.extend_from_slice(&later_refs.members);
    refs.hosts.extend_from_slice(&later_refs.hosts);
    refs.interpreters
        .extend_from_slice(&later_refs.interpreters);
    (items, refs)
}

impl Resolved {
    /// A vacant slot of delegation `deleg`: cancelled, so it books nothing, and internal, so
    /// no rule reports it (the full check skips vacant slots anyway).
    pub fn vacant(deleg: u32) -> Self {
        Resolved {
            pos: VACANT,
            deleg,
            zone: Tz::UTC,
            start: 0,
            end: 0,
            local: LocalSpan::default(),
            venue: None,
            kind: ItemKind::Internal,
            status: ItemStatus::Cancelled,
            extra_attendees: 0,
            pairs: 0,
            lacks_pair: false,
            members: Span::default(),
            hosts: Span::default(),
            interpreters: Span::default(),
        }
    }

    /// Whether the item books its resources (cancelled items book nothing).
    pub fn books(&self) -> bool {
        self.status != ItemStatus::Cancelled
    }

    /// The booking entry of this item under id `id`.
    pub fn entry(&self, id: ItemId) -> Entry {
        Entry {
            start: self.start,
            end: self.end,
            item: id,
            venue: self.venue.unwrap_or(NO_VENUE),
        }
    }
}

impl Refs {
    /// How many references all items together hold (edits of a resolved plan append).
    pub fn len(&self) -> usize {
        self.members.len() + self.hosts.len() + self.interpreters.len()
    }

    /// Members an item books.
    pub fn members_of(&self, r: &Resolved) -> &[u32] {
        slice(&self.members, r.members)
    }
    /// Hosts an item books.
    pub fn hosts_of(&self, r: &Resolved) -> &[u32] {
        slice(&self.hosts, r.hosts)
    }
    /// Interpreters an item books.
    pub fn interpreters_of(&self, r: &Resolved) -> &[u32] {
        slice(&self.interpreters, r.interpreters)
    }
}

fn slice(v: &[u32], s: Span) -> &[u32] {
    v.get(s.from as usize..(s.from + s.len) as usize)
        .unwrap_or(&[])
}

/// Sorts and de-duplicates `v[from..]`, returning its span.
#[inline]
pub(super) fn close_span(v: &mut Vec<u32>, from: usize) -> Span {
    // Most references arrive sorted and unique already (one host, a whole delegation, one
    // sub-group), which this check confirms without sorting.
    let tail = &v[from..];
    if tail.len() < 2 || tail.windows(2).all(|w| w[0] < w[1]) {
        return Span {
            from: from as u32,
            len: (v.len() - from) as u32,
        };
    }
    v[from..].sort_unstable();
    let mut w = from;
    for r in from..v.len() {
        if w == from || v[w - 1] != v[r] {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
    Span {
        from: from as u32,
        len: (w - from) as u32,
    }
}
