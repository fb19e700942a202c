//! The resolved index: everything the rules need, computed once from a [`Plan`].
//!
//! For each item it holds the effective zone
//! (item zone, else the venue's site zone, else the delegation's zone), the UTC interval in
//! seconds, the local start and end in that zone, and the venue, hosts, interpreters and
//! members it books (sub-groups and `everyone` expanded, repeats removed). Bookings of items
//! that are not cancelled are then laid out per resource in [`Timeline`]s (cancelled items
//! book nothing). Resolution itself lives in [`Directory`].

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono_tz::Tz;

use super::conflict::{AcknowledgedConflict, Acknowledgement, ConflictId};
use super::directory::Directory;
use super::keymap::key_hash;
use super::local_span::LocalSpan;
use super::printed::PrintLog;
use super::timeline::{Entry, NO_VENUE, Timeline};
use crate::model::{ItemKind, ItemStatus, ItineraryItem};
use crate::plan::Plan;

/// A `[from, from + len)` range into one of the flat reference vectors.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Span {
    from: u32,
    len: u32,
}

/// One item as the rules see it.
#[derive(Debug, Clone)]
pub(super) struct Resolved<'p> {
    /// The item itself.
    pub item: &'p ItineraryItem,
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

/// The prebuilt index a full check runs over and an incremental check queries.
#[derive(Debug)]
pub struct Index<'p> {
    pub(super) plan: &'p Plan,
    pub(super) dir: Directory<'p>,
    pub(super) items: Vec<Resolved<'p>>,
    pub(super) refs: Refs,
    pub(super) venues: Timeline,
    pub(super) hosts: Timeline,
    pub(super) interpreters: Timeline,
    pub(super) members: Timeline,
    pub(super) acks: HashMap<ConflictId, Acknowledgement>,
    pub(super) printed: &'p PrintLog,
    /// (hash of item key, position), sorted; built on the first incremental check (a full
    /// check needs none). Hashes rather than `&'p str` keep the index covariant in `'p`, which
    /// lets an edited item that lives shorter than the plan be checked against it.
    positions: OnceLock<Vec<(u64, ItemId)>>,
}

impl<'p> Index<'p> {
    /// Resolves every item of `plan` and lays out the bookings per resource. The index borrows
    /// the plan; rebuild it after the plan changes.
    pub fn build(plan: &'p Plan, acks: &[AcknowledgedConflict], printed: &'p PrintLog) -> Self {
        let dir = Directory::of(plan);
        let mut refs = Refs::default();
        let total: usize = plan.delegations.iter().map(|d| d.items.len()).sum();
        let mut items = Vec::with_capacity(total);
        for (d, dp) in plan.delegations.iter().enumerate() {
            for item in &dp.items {
                items.push(dir.resolve(plan, item, d as u32, &mut refs));
            }
        }
        let venues = Timeline::build(plan.venues.len(), |f| {
            for (i, r) in items.iter().enumerate().filter(|(_, r)| r.books()) {
                if let Some(v) = r.venue {
                    f(v, r.entry(i as u32));
                }
            }
        });
        let hosts = Timeline::build(plan.hosts.len(), |f| {
            for (i, r) in items.iter().enumerate().filter(|(_, r)| r.books()) {
                for &h in refs.hosts_of(r) {
                    f(h, r.entry(i as u32));
                }
            }
        });
        let interpreters = Timeline::build(plan.interpreters.len(), |f| {
            for (i, r) in items.iter().enumerate().filter(|(_, r)| r.books()) {
                for &h in refs.interpreters_of(r) {
                    f(h, r.entry(i as u32));
                }
            }
        });
        let member_count = dir.member_deleg.len();
        let members = Timeline::build(member_count, |f| {
            for (i, r) in items.iter().enumerate().filter(|(_, r)| r.books()) {
                for &m in refs.members_of(r) {
                    f(m, r.entry(i as u32));
                }
            }
        });
        let acks = acks
            .iter()
            .map(|a| (a.id.clone(), a.acknowledgement.clone()))
            .collect();
        Index {
            plan,
            dir,
            items,
            refs,
            venues,
            hosts,
            interpreters,
            members,
            acks,
            printed,
            positions: OnceLock::new(),
        }
    }

    /// The position of the indexed item with this key.
    pub(super) fn position(&self, key: &str) -> Option<ItemId> {
        let positions = self.positions.get_or_init(|| {
            let mut v: Vec<(u64, ItemId)> = self
                .items
                .iter()
                .enumerate()
                .map(|(i, r)| (key_hash(r.item.key.as_str()), i as ItemId))
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
            .find(|&i| self.items[i as usize].item.key.as_str() == key)
    }

    /// How many items the index holds (cancelled ones included: they book nothing, but a
    /// printed item that was cancelled still needs a reprint).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the plan has no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Resolved<'_> {
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
    /// Members an item books.
    pub fn members_of(&self, r: &Resolved<'_>) -> &[u32] {
        slice(&self.members, r.members)
    }
    /// Hosts an item books.
    pub fn hosts_of(&self, r: &Resolved<'_>) -> &[u32] {
        slice(&self.hosts, r.hosts)
    }
    /// Interpreters an item books.
    pub fn interpreters_of(&self, r: &Resolved<'_>) -> &[u32] {
        slice(&self.interpreters, r.interpreters)
    }
}

fn slice(v: &[u32], s: Span) -> &[u32] {
    v.get(s.from as usize..(s.from + s.len) as usize)
        .unwrap_or(&[])
}

/// Sorts and de-duplicates `v[from..]`, returning its span.
pub(super) fn close_span(v: &mut Vec<u32>, from: usize) -> Span {
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
