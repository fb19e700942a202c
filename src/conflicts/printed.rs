//! Rule 13: an item changed after the guests' itinerary was last printed.
//!
//! The printing work records, for every item it printed for guests, a [`PrintedItem`]: the
//! item's [`guest_fingerprint`] at that time and when it was printed. The checker compares
//! fingerprints; nothing here knows about PDFs. The fingerprint covers exactly what a guest
//! copy shows (kind, titles, guest notes, times, zone, venue or place, hosts, participants,
//! status), so editing internal notes or swapping an interpreter does not ask for a reprint,
//! while cancelling a printed item does. Internal items are never printed for guests.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::ItemId;
use super::scope::Scope;
use crate::model::{ItemKind, ItineraryItem, Key};

/// What the last guest printout of an item showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintedItem {
    /// [`guest_fingerprint`] of the item as printed.
    pub fingerprint: String,
    /// When it was printed.
    pub printed_at: DateTime<FixedOffset>,
}

/// The last guest printout of each printed item, by item key (empty: nothing printed yet).
pub type PrintLog = HashMap<Key, PrintedItem>;

/// What a guest copy shows of an item; serialised in a fixed field order.
#[derive(Serialize)]
struct GuestView<'a> {
    kind: ItemKind,
    title: &'a crate::model::LocalizedText,
    notes: &'a crate::model::LocalizedText,
    start: i64,
    end: i64,
    zone: Option<&'a str>,
    venue: Option<&'a Key>,
    location: &'a crate::model::LocalizedText,
    hosts: &'a [Key],
    participants: &'a crate::model::Participants,
    status: crate::model::ItemStatus,
}

/// A stable fingerprint (16 hex digits, FNV-1a 64 of the guest-visible fields as JSON) of
/// what a guest copy shows of `item`. Stable across builds and platforms, so it can be stored.
pub fn guest_fingerprint(item: &ItineraryItem) -> String {
    let view = GuestView {
        kind: item.kind,
        title: &item.title,
        notes: &item.guest_notes,
        start: item.start.timestamp(),
        end: item.end.timestamp(),
        zone: item.timezone.as_ref().map(|z| z.name()),
        venue: item.venue.as_ref(),
        location: &item.location,
        hosts: &item.hosts,
        participants: &item.participants,
        status: item.status,
    };
    // Serialising plain data into memory cannot fail; an empty input still hashes stably.
    let bytes = serde_json::to_vec(&view).unwrap_or_default();
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Rule 13 for one item (cancelled ones included).
pub(super) fn check(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let r = s.item(id);
    if s.ix.printed.is_empty() || r.kind == ItemKind::Internal {
        return;
    }
    let item = s.source(id);
    let Some(printed) = s.ix.printed.get(&item.key) else {
        return;
    };
    if printed.fingerprint == guest_fingerprint(item) {
        return;
    }
    let (item, when, at) = (
        describe::item(s, id),
        describe::range(s.lang, r.start, r.end, r.zone),
        printed.printed_at.format("%Y-%m-%d %H:%M"),
    );
    let message = if s.ko() {
        format!(
            "{item} 일정({when})이 손님용 일정표 인쇄({at}) 이후에 변경되었습니다. 손님용 \
             일정표를 다시 인쇄하세요"
        )
    } else {
        format!(
            "{item} ({when}) changed after the guests' itinerary was printed on {at}; reprint \
             it for the guests"
        )
    };
    let deleg = describe::resource(s, ResourceKind::Delegation, r.deleg);
    let code = ConflictCode::ChangedAfterPrinted;
    out.push(s.conflict(code, &[id], vec![deleg], (r.start, r.end), message));
}
