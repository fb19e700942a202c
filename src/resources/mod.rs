//! The resource timeline: every booking of the shared venues, hosts or interpreters across
//! all delegations, laid out per resource, and moving one booking to another resource (or
//! another time) from that view.
//!
//! The directory is shared by every visit, so this is the one view where a scheduler sees a
//! room, a director or the one Uzbek-speaking interpreter across every delegation at once.
//! [`lay_out`] is pure: from the plan, the item records (for the versions a save must quote)
//! and the conflicts it returns the rows and bookings of one kind in a window. The two async
//! functions are thin use cases over the [`Store`]: [`resource_timeline`] reads, and
//! [`move_booking`] changes one item through [`Store::save_item`] with the version the
//! timeline showed, so the store's stale check, conflict check and refusal of a confirmed
//! item with a blocking conflict all apply exactly as in the itinerary editor.
//!
//! Cancelled items book nothing and are not shown. A booking's mark is the worst
//! unacknowledged conflict that involves both its item and its resource.

mod layout;
mod reassign;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::{ItemRecord, SaveItem, SavedItem};
use crate::conflicts::Severity;
use crate::model::{ItemKind, ItemStatus, Key, LanguagePair, LocalizedText};
use crate::store::Store;
use crate::wording::Text;
use crate::{Error, Result};

pub use layout::lay_out;
pub use reassign::{MoveError, moved};

/// The longest window the timeline lays out at once: a little more than a month keeps the
/// answer small enough for the window to draw quickly.
pub const MAX_WINDOW_DAYS: i64 = 42;

/// The kinds of shared resources a timeline row can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BookableKind {
    /// Rooms and spaces.
    Venue,
    /// Staff hosting guests.
    Host,
    /// Interpreters (booked by language pair).
    Interpreter,
}

impl BookableKind {
    /// The word messages use.
    pub fn noun(self) -> &'static str {
        match self {
            BookableKind::Venue => "venue",
            BookableKind::Host => "host",
            BookableKind::Interpreter => "interpreter",
        }
    }
}

/// Which bookings to lay out: one kind of resource, in `[from, to)`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineQuery {
    /// Venues, hosts or interpreters.
    pub kind: BookableKind,
    /// Start of the window.
    pub from: DateTime<FixedOffset>,
    /// End of the window (after `from`, at most [`MAX_WINDOW_DAYS`] later).
    pub to: DateTime<FixedOffset>,
}

impl TimelineQuery {
    /// Refuses an empty, inverted or too long window, naming the field.
    pub fn check(&self) -> Result<()> {
        if self.to <= self.from {
            return Err(Error::Invalid(Text::new(
                format!(
                    "to: the window must end after it starts ({} is not after {})",
                    self.to, self.from
                ),
                format!(
                    "종료: 기간의 끝은 시작보다 늦어야 합니다({}이 {}보다 늦지 않습니다)",
                    self.to, self.from
                ),
            )));
        }
        if self.to - self.from > chrono::Duration::days(MAX_WINDOW_DAYS) {
            return Err(Error::Invalid(Text::new(
                format!("to: the window may span at most {MAX_WINDOW_DAYS} days"),
                format!("종료: 기간은 최대 {MAX_WINDOW_DAYS}일입니다"),
            )));
        }
        Ok(())
    }

    /// Whether an interval overlaps the window (half-open, so back-to-back does not).
    pub fn overlaps(&self, start: DateTime<FixedOffset>, end: DateTime<FixedOffset>) -> bool {
        start < self.to && end > self.from
    }
}

/// One row of the timeline: a venue, host or interpreter of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineRow {
    /// The resource's key.
    pub key: Key,
    /// Its name.
    pub name: LocalizedText,
    /// What tells rows of the same name apart: a venue's site, a host's title, an
    /// interpreter's language pairs.
    pub detail: LocalizedText,
}

/// One booking: an item holding one resource for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Booking {
    /// The resource booked (the row).
    pub resource: Key,
    /// The item holding it.
    pub item: Key,
    /// The item's version, which a move must quote.
    #[ts(type = "number")]
    pub version: i64,
    /// The item's delegation.
    pub delegation: Key,
    /// The delegation's name.
    pub delegation_name: LocalizedText,
    /// What kind of programme element.
    pub kind: ItemKind,
    /// Tentative or confirmed (cancelled items book nothing and are left out).
    pub status: ItemStatus,
    /// Start, in UTC.
    pub start: DateTime<Utc>,
    /// End, in UTC.
    pub end: DateTime<Utc>,
    /// The item's title.
    pub title: LocalizedText,
    /// For an interpreter booking, the pair interpreted.
    #[ts(optional)]
    pub pair: Option<LanguagePair>,
    /// The worst unacknowledged conflict involving this item and this resource.
    #[ts(optional)]
    pub mark: Option<Severity>,
    /// The messages of those conflicts, worst first.
    pub problems: Vec<String>,
}

/// The rows of one kind with their bookings in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResourceTimeline {
    /// The kind laid out.
    pub kind: BookableKind,
    /// Every resource of that kind in the directory (booked or not), by key.
    pub rows: Vec<TimelineRow>,
    /// The bookings overlapping the window, by resource then start.
    pub bookings: Vec<Booking>,
}

/// Move one booking: replace resource `from` of the item by `to` (a venue by another venue,
/// a host by another host, an interpreter by another keeping the language pair), and/or
/// shift the item in time.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MoveBooking {
    /// The item's delegation.
    pub delegation: Key,
    /// The item.
    pub item: Key,
    /// The version the timeline showed; a newer one means someone else changed the item.
    #[ts(type = "number")]
    pub expected_version: i64,
    /// The kind of the row the booking was dragged in.
    pub kind: BookableKind,
    /// The resource the item holds now.
    pub from: Key,
    /// The resource it should hold (`from` again for a move in time only).
    pub to: Key,
    /// Minutes to move the item by (negative = earlier); zero keeps its time.
    #[serde(default)]
    #[ts(optional, as = "Option<i32>")]
    pub shift_minutes: i64,
}

/// What a move did: the item before it, and the item as saved with its conflicts.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MovedBooking {
    /// The item before the move (for undo).
    pub before: ItemRecord,
    /// The stored item and every conflict it still has.
    pub saved: SavedItem,
}

/// The timeline of one kind in a window, from one read of the plan, the item versions of
/// the delegations booking something in it, and the stored conflicts.
pub async fn resource_timeline(store: &Store, query: &TimelineQuery) -> Result<ResourceTimeline> {
    query.check()?;
    // The plan the store keeps resolved (read again only when the database changed).
    let booking: Vec<Key> = store
        .with_plan(|plan| {
            plan.delegations
                .iter()
                .filter(|d| d.items.iter().any(|i| query.overlaps(i.start, i.end)))
                .map(|d| d.delegation.key.clone())
                .collect()
        })
        .await?;
    // Versions live with the item records, not in the plan: read them only for the
    // delegations that book something in the window (one query per delegation, not per item).
    let mut records = Vec::new();
    for key in &booking {
        records.extend(store.list_items(key).await?);
    }
    store
        .with_checked_plan(|plan, conflicts| lay_out(plan, &records, &conflicts, query))
        .await
}

/// Moves one booking (see [`MoveBooking`]) through the store's ordinary item save: refused
/// as stale when the item changed since the timeline was read, refused with the conflict's
/// message when the moved item is confirmed and would break a blocking rule.
pub async fn move_booking(store: &Store, mv: &MoveBooking) -> Result<MovedBooking> {
    let before = store
        .list_items(&mv.delegation)
        .await?
        .into_iter()
        .find(|r| r.item.key == mv.item)
        .ok_or_else(|| Error::NotFound {
            kind: "item",
            key: mv.item.to_string(),
        })?;
    if before.version != mv.expected_version {
        return Err(Error::Stale {
            kind: "item",
            key: mv.item.to_string(),
            changed_at: None,
        });
    }
    let item = moved(&before.item, mv)?;
    let saved = store
        .save_item(SaveItem {
            delegation: mv.delegation.clone(),
            item,
            expected_version: Some(mv.expected_version),
        })
        .await?;
    Ok(MovedBooking { before, saved })
}
