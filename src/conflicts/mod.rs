//! The conflict checker: every broken booking rule of a whole [`Plan`], at once.
//!
//! A pure core: the input is a plan (directory and every delegation with members and items),
//! the stored acknowledgements and the print log; the output is every [`Conflict`], blocking
//! first, then by time. No I/O, no clock: time zones come from the data (the item's zone,
//! else its venue's site, else its delegation's). Resources are shared across delegations,
//! so a venue, host or interpreter booked by two visits at once is found whichever visit is
//! being edited.
//!
//! How: [`Index::build`] resolves every item once (zone, UTC interval, local times,
//! participants expanded to members) and lays out bookings per venue, host, interpreter and
//! delegation, sorted by start with a running maximum of ends (members are followed through
//! their delegation's bookings: a member only takes part in their own delegation's items). The full check sweeps those timelines; [`Index::check_item`]
//! checks one edited item against the prebuilt index with binary searches, which is what the
//! UI calls while an item is being dragged. A [`ResolvedPlan`] keeps that resolved data
//! across edits (an upsert or removal touches one item and the buckets it books), so the app
//! re-checks a loaded plan after a save without resolving it again; it checks exactly like
//! [`check`], ordering included. The full check runs its independent halves
//! (double bookings and per-item rules; travel and interpreter limits) on two cores and
//! concatenates them in a fixed order, so the result does not depend on scheduling.
//!
//! Rules (see [`ConflictCode`]): blocking — venue, interpreter, host or member double-booked,
//! venue closed, interpreter lacking the pair, outside the stay; warnings — over capacity,
//! outside availability, no common language, travel time short or unknown, interpreter over
//! the continuous or daily limit, changed after printing. Tentative holds count for double
//! booking and their clashes are reported too; whether a save is refused is the store's
//! decision (blocking conflicts on a confirmed item). Cancelled items book nothing.
//!
//! Messages are written once, as each conflict is found, in the language asked ([`check_in`],
//! [`Index::check_all_in`], [`ResolvedPlan::check_in`]): Korean for the schedulers, English
//! otherwise ([`check`] and the other forms without a language). Only the wording changes:
//! a conflict's identity, severity, times and acknowledgement are the same in both.

mod availability;
mod bookings;
mod clock;
mod conflict;
mod describe;
mod directory;
#[cfg(test)]
mod equivalence;
mod index;
mod interpreting;
mod keymap;
mod language;
mod local_span;
mod printed;
pub mod report;
mod resolved;
mod scope;
mod stay;
mod timeline;
mod travel;
mod venue;

pub use conflict::{
    AcknowledgedConflict, Acknowledgement, Conflict, ConflictCode, ConflictId, ResourceKind,
    ResourceRef, Severity, acknowledge,
};
pub use index::Index;
pub use interpreting::BREAK_MINUTES;
pub use printed::{PrintLog, PrintedItem, guest_fingerprint};
pub use resolved::ResolvedPlan;

use std::thread;

use index::{EDITED, ItemId, Refs, VACANT};
use scope::Scope;

use crate::model::{ItineraryItem, Key, Lang};
use crate::plan::Plan;
use crate::{Error, Result};

/// Every conflict of `plan`, blocking first, then by time; warnings matching `acks` come back
/// with their acknowledgement, and items changed since `printed` are flagged. Messages are
/// in English (see [`check_in`]).
pub fn check(plan: &Plan, acks: &[AcknowledgedConflict], printed: &PrintLog) -> Vec<Conflict> {
    check_in(plan, acks, printed, Lang::En)
}

/// [`check`] with messages in `lang` (Korean or English; any other language gets English).
/// Only the wording depends on the language: codes, items, resources, times, severities and
/// acknowledgements are the same in every language.
pub fn check_in(
    plan: &Plan,
    acks: &[AcknowledgedConflict],
    printed: &PrintLog,
    lang: Lang,
) -> Vec<Conflict> {
    Index::build(plan, acks, printed).check_all_in(lang)
}

/// The conflicts of one edited item against a prebuilt index (see [`Index::check_item`]).
pub fn check_item(
    index: &Index<'_>,
    item: &ItineraryItem,
    delegation: &Key,
) -> Result<Vec<Conflict>> {
    index.check_item(item, delegation)
}

impl Index<'_> {
    /// Every conflict of the indexed plan, sorted like [`check`], messages in English.
    pub fn check_all(&self) -> Vec<Conflict> {
        self.check_all_in(Lang::En)
    }

    /// [`Index::check_all`] with messages in `lang` (see [`check_in`]).
    pub fn check_all_in(&self, lang: Lang) -> Vec<Conflict> {
        let s = Scope::full(self, lang);
        // The sequential order is: double bookings, the per-item rules item by item, travel,
        // interpreter limits. Two cores run it as two runs of that sequence, cut inside the
        // per-item rules, and concatenate them, so the output is exactly the sequential one
        // (the final sort is stable, so even equal conflicts keep their order). The cut at
        // 3/5 of the items balances the halves (cachegrind: double bookings ≈ 20 M
        // instructions, per-item rules ≈ 70 M, travel + limits ≈ 38 M).
        let cut = (self.items.len() * 3 / 5) as ItemId;
        let (mut out, later) = thread::scope(|t| {
            let later = t.spawn(|| {
                let mut out = vec![];
                for id in cut..self.items.len() as ItemId {
                    per_item(&s, id, &mut out);
                }
                travel::all(&s, &mut out);
                interpreting::limits_all(&s, &mut out);
                out
            });
            let mut out = vec![];
            bookings::all(&s, &mut out);
            for id in 0..cut {
                per_item(&s, id, &mut out);
            }
            (out, index::joined(later.join()))
        });
        out.extend(later);
        conflict::finish(&mut out, &self.acks);
        out
    }

    /// The conflicts the edited `item` of `delegation` would have, against every other item
    /// of the index. The item may be new or a changed version of an indexed item (same key),
    /// whose stored version is then ignored. Only conflicts involving the edited item are
    /// returned. Fails when the delegation is unknown. Messages are in English.
    pub fn check_item(&self, item: &ItineraryItem, delegation: &Key) -> Result<Vec<Conflict>> {
        self.check_item_in(item, delegation, Lang::En)
    }

    /// [`Index::check_item`] with messages in `lang` (see [`check_in`]).
    pub fn check_item_in(
        &self,
        item: &ItineraryItem,
        delegation: &Key,
        lang: Lang,
    ) -> Result<Vec<Conflict>> {
        let skip = self.position(item.key.as_str());
        self.check_edited(item, delegation, skip, lang)
    }

    /// [`Index::check_item`] with the stored version of the item (if any) already found.
    pub(super) fn check_edited(
        &self,
        item: &ItineraryItem,
        delegation: &Key,
        skip: Option<ItemId>,
        lang: Lang,
    ) -> Result<Vec<Conflict>> {
        let Some(&d) = self.dir.delegations.get(delegation.as_str()) else {
            return Err(Error::NotFound {
                kind: "delegation",
                key: delegation.to_string(),
            });
        };
        let mut refs = Refs::default();
        // The edited item is not in the plan's item list under an id; `VACANT` says so, and
        // the scope answers `source(EDITED)` with `item` itself.
        let edited = self.dir.resolve(
            item,
            d,
            VACANT,
            &mut refs,
            &mut clock::LocalClock::default(),
        );
        let s = Scope::edited(self, (&edited, &refs, item), skip, lang);
        let mut out = vec![];
        if edited.books() {
            bookings::edited(&s, &mut out);
            travel::edited(&s, &mut out);
            interpreting::limits_edited(&s, &mut out);
        }
        per_item(&s, EDITED, &mut out);
        conflict::finish(&mut out, &self.acks);
        Ok(out)
    }
}

/// The rules that look at one item alone.
fn per_item(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let r = s.item(id);
    // A vacant slot of a resolved plan holds no item (the edited item is never vacant).
    if r.pos == VACANT && id != EDITED {
        return;
    }
    if r.books() {
        venue::check(s, id, out);
        interpreting::check_pairs(s, id, out);
        stay::check(s, id, out);
        availability::check(s, id, out);
        language::check(s, id, out);
    }
    printed::check(s, id, out);
}
