//! A plan resolved once and kept resolved across edits, so the full check is a sweep over
//! compact data instead of a resolve of every item.
//!
//! [`ResolvedPlan::new`] takes the plan the app loaded and resolves it as [`super::check`]
//! does (zones, UTC seconds, local times, participants as member ids, bookings per
//! resource). [`ResolvedPlan::upsert_item`] and [`ResolvedPlan::remove_item`] then change
//! the plan it owns and the resolved data together, touching only the edited item and the
//! buckets of the resources it books; [`ResolvedPlan::check`] runs the rules over the result.
//!
//! Byte-identical results rest on one invariant: item ids are in plan order. The rules break
//! ties between equal starts by id, and [`super::check`]'s ids are plan positions. So each
//! delegation owns a contiguous range of ids, sized with spare slots: its items sit in plan
//! order at the front, an added item (appended to its delegation, as the store does) takes
//! the next slot, and a removed one leaves a vacant slot that books and reports nothing.
//! Ids thus stay increasing in plan order without renumbering anything. When a delegation's
//! range is full, or the reference arena (edits append new reference lists and leave the
//! old ones unused) has doubled, everything is resolved again once.
//!
//! Only items change here. Directory, delegation or member changes need a new
//! [`ResolvedPlan`].

use std::sync::OnceLock;

use compact_str::CompactString;

use super::clock::LocalClock;
use super::conflict::{AcknowledgedConflict, Conflict};
use super::index::{Core, Held, Index, ItemId, VACANT};
use super::keymap::KeyMap;
use super::printed::PrintLog;
use crate::model::{ItineraryItem, Key, Lang};
use crate::plan::Plan;
use crate::{Error, Result};

/// Spare slots after a delegation of `n` items: room for a quarter more, at least eight.
fn spare(n: usize) -> usize {
    n / 4 + 8
}

/// A plan together with its resolved form, kept in step item edit by item edit.
#[derive(Debug)]
pub struct ResolvedPlan {
    plan: Plan,
    core: Core,
    /// First id of each delegation's range, plus the total number of slots.
    base: Vec<u32>,
    /// Slots used in each delegation's range (its items and the vacancies removals left).
    used: Vec<u32>,
    /// Length of the reference arena after the last full resolve.
    refs_resolved: usize,
    /// The id of each item by key; built on the first lookup, then kept up to date.
    ids: OnceLock<KeyMap<CompactString, ItemId>>,
}

impl ResolvedPlan {
    /// Resolves `plan`, which the resolved plan then owns (see [`ResolvedPlan::plan`]).
    pub fn new(plan: Plan) -> Self {
        let mut me = ResolvedPlan {
            plan,
            core: Core::default(),
            base: vec![],
            used: vec![],
            refs_resolved: 0,
            ids: OnceLock::new(),
        };
        me.resolve();
        me
    }

    /// Resolves the whole plan again, laying out fresh spare slots.
    fn resolve(&mut self) {
        self.core = Core::build(&self.plan, spare);
        self.base.clear();
        self.used.clear();
        let mut next = 0u32;
        for d in &self.plan.delegations {
            self.base.push(next);
            self.used.push(d.items.len() as u32);
            next += (d.items.len() + spare(d.items.len())) as u32;
        }
        self.base.push(next);
        self.refs_resolved = self.core.refs.len();
        self.ids = OnceLock::new();
    }

    /// The plan as edited so far.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Gives the plan back.
    pub fn into_plan(self) -> Plan {
        self.plan
    }

    /// An index over the resolved plan, for the [`Index`] queries (such as
    /// [`Index::check_item`], whose first call there looks up every key once).
    pub fn index<'a>(&'a self, acks: &[AcknowledgedConflict], printed: &'a PrintLog) -> Index<'a> {
        Index::over(&self.plan, Held::Lent(&self.core), acks, printed)
    }

    /// Every conflict of the plan; exactly what [`super::check`] of [`ResolvedPlan::plan`]
    /// returns.
    pub fn check(&self, acks: &[AcknowledgedConflict], printed: &PrintLog) -> Vec<Conflict> {
        self.check_in(acks, printed, Lang::En)
    }

    /// [`ResolvedPlan::check`] with messages in `lang`; exactly what [`super::check_in`]
    /// returns.
    pub fn check_in(
        &self,
        acks: &[AcknowledgedConflict],
        printed: &PrintLog,
        lang: Lang,
    ) -> Vec<Conflict> {
        self.index(acks, printed).check_all_in(lang)
    }

    /// The conflicts `item` of `delegation` would have (see [`Index::check_item`]); after an
    /// [`ResolvedPlan::upsert_item`] of the same item these are the item's conflicts in the
    /// plan. Fails when the delegation is unknown.
    pub fn check_item(
        &self,
        item: &ItineraryItem,
        delegation: &Key,
        acks: &[AcknowledgedConflict],
        printed: &PrintLog,
    ) -> Result<Vec<Conflict>> {
        self.check_item_in(item, delegation, acks, printed, Lang::En)
    }

    /// [`ResolvedPlan::check_item`] with messages in `lang`.
    pub fn check_item_in(
        &self,
        item: &ItineraryItem,
        delegation: &Key,
        acks: &[AcknowledgedConflict],
        printed: &PrintLog,
        lang: Lang,
    ) -> Result<Vec<Conflict>> {
        let skip = self.id_of(item.key.as_str());
        self.index(acks, printed)
            .check_edited(item, delegation, skip, lang)
    }

    /// Whether an item of any delegation has this key.
    pub fn contains(&self, key: &Key) -> bool {
        self.id_of(key.as_str()).is_some()
    }

    /// The id of the item with this key.
    fn id_of(&self, key: &str) -> Option<ItemId> {
        self.ids
            .get_or_init(|| {
                let mut ids = KeyMap::default();
                ids.reserve(self.core.items.len());
                for (id, r) in (0..).zip(&self.core.items) {
                    if r.pos != VACANT {
                        let item = &self.plan.delegations[r.deleg as usize].items[r.pos as usize];
                        ids.insert(item.key.as_str().into(), id);
                    }
                }
                ids
            })
            .get(key)
            .copied()
    }

    /// Adds `item` to `delegation`, or replaces the item with its key (in place, wherever it
    /// is; moved to the end of `delegation` if it belonged to another one). Fails, changing
    /// nothing, when the delegation is unknown.
    pub fn upsert_item(&mut self, delegation: &Key, item: ItineraryItem) -> Result<()> {
        let Some(&d) = self.core.dir.delegations.get(delegation.as_str()) else {
            return Err(Error::NotFound {
                kind: "delegation",
                key: delegation.to_string(),
            });
        };
        let key = item.key.clone();
        match self.id_of(key.as_str()) {
            Some(id) if self.core.items[id as usize].deleg == d => {
                self.unbook(id);
                let pos = self.core.items[id as usize].pos;
                self.place(id, d, pos, &item);
                self.plan.delegations[d as usize].items[pos as usize] = item;
            }
            found => {
                if found.is_some() {
                    self.remove_item(&key)?;
                }
                let du = d as usize;
                let pos = self.plan.delegations[du].items.len() as u32;
                let room = self.base[du + 1] - self.base[du];
                if self.used[du] == room {
                    // The delegation's range is full: lay everything out again, with room.
                    self.plan.delegations[du].items.push(item);
                    self.resolve();
                    return Ok(());
                }
                let id = self.base[du] + self.used[du];
                self.used[du] += 1;
                self.place(id, d, pos, &item);
                self.plan.delegations[du].items.push(item);
                if let Some(ids) = self.ids.get_mut() {
                    ids.insert(key.as_str().into(), id);
                }
            }
        }
        if self.core.refs.len() > 2 * self.refs_resolved + 4096 {
            self.resolve();
        }
        Ok(())
    }

    /// Removes the item with this key from the plan and returns it. Fails, changing
    /// nothing, when no item has the key.
    pub fn remove_item(&mut self, key: &Key) -> Result<ItineraryItem> {
        let Some(id) = self.id_of(key.as_str()) else {
            return Err(Error::NotFound {
                kind: "item",
                key: key.to_string(),
            });
        };
        self.unbook(id);
        let r = &self.core.items[id as usize];
        let (d, pos) = (r.deleg as usize, r.pos);
        let item = self.plan.delegations[d].items.remove(pos as usize);
        self.core.items[id as usize] = super::index::Resolved::vacant(d as u32);
        // The items after it in the delegation moved up one place in the plan; their ids
        // stay, so no booking changes.
        let (from, to) = (self.base[d], self.base[d] + self.used[d]);
        for r in &mut self.core.items[from as usize..to as usize] {
            if r.pos != VACANT && r.pos > pos {
                r.pos -= 1;
            }
        }
        if let Some(ids) = self.ids.get_mut() {
            ids.remove(key.as_str());
        }
        Ok(item)
    }

    /// Resolves `item` (of delegation `d`, at `pos` in its items) into slot `id` and books it.
    fn place(&mut self, id: ItemId, d: u32, pos: u32, item: &ItineraryItem) {
        let core = &mut self.core;
        let r = core
            .dir
            .resolve(item, d, pos, &mut core.refs, &mut LocalClock::default());
        core.items[id as usize] = r;
        self.book(id);
    }

    /// Adds the bookings of item `id` to the timelines.
    fn book(&mut self, id: ItemId) {
        let core = &mut self.core;
        let r = &core.items[id as usize];
        if !r.books() {
            return;
        }
        let e = r.entry(id);
        for &v in r.venue.as_slice() {
            core.venues.insert(v, e);
        }
        for &h in core.refs.hosts_of(r) {
            core.hosts.insert(h, e);
        }
        for &i in core.refs.interpreters_of(r) {
            core.interpreters.insert(i, e);
        }
        core.delegations.insert(r.deleg, e);
    }

    /// Takes the bookings of item `id` off the timelines.
    fn unbook(&mut self, id: ItemId) {
        let core = &mut self.core;
        let r = &core.items[id as usize];
        if !r.books() {
            return;
        }
        for &v in r.venue.as_slice() {
            core.venues.remove(v, r.start, id);
        }
        for &h in core.refs.hosts_of(r) {
            core.hosts.remove(h, r.start, id);
        }
        for &i in core.refs.interpreters_of(r) {
            core.interpreters.remove(i, r.start, id);
        }
        core.delegations.remove(r.deleg, r.start, id);
    }
}
