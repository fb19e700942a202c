//! What one run of the rules sees: the index, and for an incremental check the edited item
//! standing in for its stored version.
//!
//! Invariant: in an incremental check the stored version of the edited item (`skip`) is
//! invisible to every query, and the edited item answers to the id [`EDITED`].

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

use super::conflict::{Conflict, ConflictCode, ResourceRef};
use super::index::{EDITED, Index, ItemId, Refs, Resolved};
use crate::model::{ItineraryItem, Lang};
use crate::plan::DelegationPlan;

/// The items a run of the rules can see.
pub(super) struct Scope<'a, 'p> {
    /// The prebuilt index.
    pub ix: &'a Index<'p>,
    edited: Option<(&'a Resolved, &'a Refs, &'a ItineraryItem)>,
    skip: Option<ItemId>,
    /// The language messages are written in: Korean or English (see [`message_lang`]).
    pub lang: Lang,
}

/// The language the checker writes messages in for a reader of `lang`: Korean for Korean,
/// English for every other language (staff read one of the two; guests never see messages).
pub(super) fn message_lang(lang: Lang) -> Lang {
    match lang {
        Lang::Ko => Lang::Ko,
        _ => Lang::En,
    }
}

impl<'a, 'p> Scope<'a, 'p> {
    /// Every indexed item, nothing edited; messages in `lang`.
    pub fn full(ix: &'a Index<'p>, lang: Lang) -> Self {
        Scope {
            ix,
            edited: None,
            skip: None,
            lang: message_lang(lang),
        }
    }

    /// The index with `edited` (resolved from `item`) replacing the indexed item `skip` (if
    /// it was indexed); messages in `lang`.
    pub fn edited(
        ix: &'a Index<'p>,
        (edited, refs, item): (&'a Resolved, &'a Refs, &'a ItineraryItem),
        skip: Option<ItemId>,
        lang: Lang,
    ) -> Self {
        Scope {
            ix,
            edited: Some((edited, refs, item)),
            skip,
            lang: message_lang(lang),
        }
    }

    /// Whether messages are written in Korean.
    pub fn ko(&self) -> bool {
        self.lang == Lang::Ko
    }

    /// Whether a booking of the index must be ignored (the stored version of the edit).
    pub fn hidden(&self, id: ItemId) -> bool {
        self.skip == Some(id)
    }

    fn get(&self, id: ItemId) -> (&'a Resolved, &'a Refs) {
        match self.edited {
            Some((r, refs, _)) if id == EDITED => (r, refs),
            _ => (&self.ix.items[id as usize], &self.ix.refs),
        }
    }

    /// The plan's item behind `id` (the edited item for [`EDITED`]).
    pub fn source(&self, id: ItemId) -> &'a ItineraryItem {
        match self.edited {
            Some((_, _, item)) if id == EDITED => item,
            _ => self.ix.source(&self.ix.items[id as usize]),
        }
    }

    /// The order of a booking among others of the same resource: by start, then by position
    /// in the plan. The edited item takes its stored version's position, so an incremental
    /// check orders (and words) a clash exactly as the full check does.
    pub fn rank(&self, start: i64, id: ItemId) -> (i64, ItemId) {
        match self.skip {
            Some(stored) if id == EDITED => (start, stored),
            _ => (start, id),
        }
    }

    /// The resolved item.
    pub fn item(&self, id: ItemId) -> &'a Resolved {
        self.get(id).0
    }

    /// Members the item books.
    pub fn members(&self, id: ItemId) -> &'a [u32] {
        let (r, refs) = self.get(id);
        refs.members_of(r)
    }

    /// Hosts the item books.
    pub fn hosts(&self, id: ItemId) -> &'a [u32] {
        let (r, refs) = self.get(id);
        refs.hosts_of(r)
    }

    /// Interpreters the item books.
    pub fn interpreters(&self, id: ItemId) -> &'a [u32] {
        let (r, refs) = self.get(id);
        refs.interpreters_of(r)
    }

    /// The delegation the item belongs to.
    pub fn delegation(&self, id: ItemId) -> &'p DelegationPlan {
        &self.ix.plan.delegations[self.item(id).deleg as usize]
    }

    /// A conflict about `items` (the first one's zone gives the local times).
    pub fn conflict(
        &self,
        code: ConflictCode,
        items: &[ItemId],
        resources: Vec<ResourceRef>,
        (start, end): (i64, i64),
        message: String,
    ) -> Conflict {
        let zone = items.first().map_or(Tz::UTC, |&i| self.item(i).zone);
        let mut delegations: Vec<_> = items
            .iter()
            .map(|&i| self.delegation(i).delegation.key.clone())
            .collect();
        delegations.sort();
        delegations.dedup();
        Conflict {
            code,
            severity: code.severity(),
            items: items.iter().map(|&i| self.source(i).key.clone()).collect(),
            delegations,
            resources,
            start: local(start, zone),
            end: local(end, zone),
            message,
            acknowledged: None,
        }
    }
}

/// UTC seconds as a time with the offset `zone` has then.
pub(super) fn local(ts: i64, zone: Tz) -> DateTime<FixedOffset> {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .with_timezone(&zone)
        .fixed_offset()
}
