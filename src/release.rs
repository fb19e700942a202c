//! Releases of the guest programme: what a printed copy showed, and what changed since.
//!
//! A [`ReleaseSnapshot`] records, per item a guest copy could show, its title, local start and
//! end, venue and status. [`diff`] compares two snapshots and returns plain-words changes
//! ("Lunch moved 12:00 → 12:30"). Pure: the store keeps snapshots, this module only compares.
//!
//! Invariants: snapshots never contain internal items (they are built from
//! [`crate::print::guest_items`]); times are kept in the item's own zone so messages read in
//! local time; `diff` lists changes in programme order and is empty for equal snapshots.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ItemStatus, Key, Lang, LocalizedText};
use crate::plan::Plan;
use crate::print::labels::{labels, short_date};
use crate::print::{Audience, guest_items, item_zone};

/// One item as a guest copy showed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnapshotItem {
    /// The item's key.
    pub key: Key,
    /// Title.
    pub title: LocalizedText,
    /// Start, in the item's local zone.
    pub start: DateTime<FixedOffset>,
    /// End, in the item's local zone.
    pub end: DateTime<FixedOffset>,
    /// Venue key, if booked.
    #[ts(optional)]
    pub venue: Option<Key>,
    /// Venue name (or off-site location) as printed.
    pub place: LocalizedText,
    /// Status at release time.
    pub status: ItemStatus,
}

/// What a guest print showed, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReleaseSnapshot {
    /// The delegation.
    pub delegation: Key,
    /// Items in programme order (cancelled ones included, marked by status).
    pub items: Vec<SnapshotItem>,
}

impl ReleaseSnapshot {
    /// The snapshot of what a guest copy for `audience` shows now.
    pub fn of_guest_programme(
        plan: &Plan,
        delegation: &Key,
        audience: &Audience,
    ) -> crate::Result<Self> {
        let d = plan
            .delegation(delegation)
            .ok_or_else(|| crate::Error::NotFound {
                kind: "delegation",
                key: delegation.to_string(),
            })?;
        let items = guest_items(d, audience)?
            .into_iter()
            .map(|i| {
                let zone = item_zone(plan, &d.delegation, i);
                let venue = plan
                    .venues
                    .iter()
                    .find(|v| Some(&v.key) == i.venue.as_ref());
                SnapshotItem {
                    key: i.key.clone(),
                    title: i.title.clone(),
                    start: i.start.with_timezone(&zone).fixed_offset(),
                    end: i.end.with_timezone(&zone).fixed_offset(),
                    venue: i.venue.clone(),
                    place: venue
                        .map(|v| v.name.clone())
                        .unwrap_or_else(|| i.location.clone()),
                    status: i.status,
                }
            })
            .collect();
        Ok(ReleaseSnapshot {
            delegation: delegation.clone(),
            items,
        })
    }
}

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeKind {
    /// A new item.
    Added,
    /// The item was called off (still in the plan, status cancelled).
    Cancelled,
    /// The item is gone from the programme (deleted, made internal, or no longer for this
    /// audience).
    Removed,
    /// New time and/or venue.
    Moved,
    /// New title.
    Renamed,
}

/// One change between two releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Change {
    /// What happened.
    pub kind: ChangeKind,
    /// The item's key.
    pub item: Key,
    /// The item as it was (absent for added items).
    #[ts(optional)]
    pub before: Option<SnapshotItem>,
    /// The item as it is (absent for removed items).
    #[ts(optional)]
    pub after: Option<SnapshotItem>,
    /// The change in plain English ("Lunch moved 12:00 → 12:30"); see [`Change::describe`].
    pub message: String,
}

fn when(item: &SnapshotItem, lang: Lang) -> String {
    format!(
        "{} {}",
        short_date(item.start.date_naive(), lang),
        item.start.format("%H:%M")
    )
}

impl Change {
    /// The change in the words of `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let l = labels(lang);
        let Some(any) = self.after.as_ref().or(self.before.as_ref()) else {
            return self.item.to_string();
        };
        let title = any.title.best(lang);
        let fill = |t: &str| {
            t.replace("{title}", title)
                .replace("{when}", &when(any, lang))
        };
        match (self.kind, &self.before, &self.after) {
            (ChangeKind::Added, ..) => fill(l.added),
            (ChangeKind::Cancelled, ..) => fill(l.cancelled_change),
            (ChangeKind::Removed, ..) => fill(l.removed),
            (ChangeKind::Renamed, Some(b), Some(a)) => l
                .renamed
                .replace("{old}", b.title.best(lang))
                .replace("{new}", a.title.best(lang)),
            (ChangeKind::Moved, Some(b), Some(a)) => {
                let (old, new) = moved_parts(b, a, lang);
                l.moved
                    .replace("{title}", title)
                    .replace("{old}", &old)
                    .replace("{new}", &new)
            }
            _ => fill(l.added),
        }
    }
}

/// The parts of a move that differ: time (with the date when the day changed) and/or place.
fn moved_parts(b: &SnapshotItem, a: &SnapshotItem, lang: Lang) -> (String, String) {
    let mut old = Vec::new();
    let mut new = Vec::new();
    if b.start != a.start || b.end != a.end {
        let day_changed = b.start.date_naive() != a.start.date_naive();
        let fmt = |i: &SnapshotItem| {
            let t = if b.end - b.start != a.end - a.start {
                format!("{}–{}", i.start.format("%H:%M"), i.end.format("%H:%M"))
            } else {
                i.start.format("%H:%M").to_string()
            };
            if day_changed {
                format!("{} {t}", short_date(i.start.date_naive(), lang))
            } else {
                t
            }
        };
        old.push(fmt(b));
        new.push(fmt(a));
    }
    if b.venue != a.venue || b.place != a.place {
        old.push(b.place.best(lang).to_string());
        new.push(a.place.best(lang).to_string());
    }
    (old.join(", "), new.join(", "))
}

fn change(
    kind: ChangeKind,
    item: &Key,
    before: Option<&SnapshotItem>,
    after: Option<&SnapshotItem>,
) -> Change {
    let mut c = Change {
        kind,
        item: item.clone(),
        before: before.cloned(),
        after: after.cloned(),
        message: String::new(),
    };
    c.message = c.describe(Lang::En);
    c
}

/// The changes from `old` to `new`, in programme order.
pub fn diff(old: &ReleaseSnapshot, new: &ReleaseSnapshot) -> Vec<Change> {
    let live = |i: &&SnapshotItem| i.status != ItemStatus::Cancelled;
    let find = |s: &'_ ReleaseSnapshot, k: &Key| s.items.iter().find(|i| &i.key == k).cloned();
    let mut out: Vec<(DateTime<FixedOffset>, Change)> = Vec::new();
    for b in old.items.iter().filter(live) {
        match find(new, &b.key) {
            None => out.push((b.start, change(ChangeKind::Removed, &b.key, Some(b), None))),
            Some(a) if a.status == ItemStatus::Cancelled => out.push((
                a.start,
                change(ChangeKind::Cancelled, &b.key, Some(b), Some(&a)),
            )),
            Some(a) => {
                if a.start != b.start || a.end != b.end || a.venue != b.venue || a.place != b.place
                {
                    out.push((
                        a.start,
                        change(ChangeKind::Moved, &b.key, Some(b), Some(&a)),
                    ));
                }
                if a.title != b.title {
                    out.push((
                        a.start,
                        change(ChangeKind::Renamed, &b.key, Some(b), Some(&a)),
                    ));
                }
            }
        }
    }
    for a in new.items.iter().filter(live) {
        let was_live = find(old, &a.key).is_some_and(|b| b.status != ItemStatus::Cancelled);
        if !was_live {
            out.push((a.start, change(ChangeKind::Added, &a.key, None, Some(a))));
        }
    }
    out.sort_by_key(|(t, _)| *t);
    out.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: &str, title: &str, start: &str, end: &str, place: &str) -> SnapshotItem {
        SnapshotItem {
            key: Key::new(key).expect("valid key"),
            title: LocalizedText::one(Lang::En, title).with(Lang::Vi, format!("{title} (vi)")),
            start: DateTime::parse_from_rfc3339(start).expect("valid time"),
            end: DateTime::parse_from_rfc3339(end).expect("valid time"),
            venue: None,
            place: LocalizedText::one(Lang::En, place),
            status: ItemStatus::Confirmed,
        }
    }

    fn snap(items: Vec<SnapshotItem>) -> ReleaseSnapshot {
        ReleaseSnapshot {
            delegation: Key::new("choray").expect("valid key"),
            items,
        }
    }

    #[test]
    fn lunch_moved_reads_in_plain_words() {
        let old = snap(vec![item(
            "lunch",
            "Lunch",
            "2026-03-10T12:00:00+09:00",
            "2026-03-10T13:00:00+09:00",
            "Staff canteen",
        )]);
        let new = snap(vec![item(
            "lunch",
            "Lunch",
            "2026-03-10T12:30:00+09:00",
            "2026-03-10T13:30:00+09:00",
            "Staff canteen",
        )]);
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1, "one moved item is one change");
        assert_eq!(changes[0].message, "Lunch moved 12:00 → 12:30");
        assert_eq!(
            changes[0].describe(Lang::Vi),
            "Lunch (vi) đổi 12:00 → 12:30"
        );
        assert!(
            diff(&new, &new).is_empty(),
            "equal snapshots have no changes"
        );
    }

    #[test]
    fn added_cancelled_removed_renamed_and_venue_moves_are_told_apart() {
        let a = item(
            "a",
            "Welcome",
            "2026-03-10T09:00:00+09:00",
            "2026-03-10T10:00:00+09:00",
            "Annex 5F",
        );
        let b = item(
            "b",
            "Tour",
            "2026-03-10T10:00:00+09:00",
            "2026-03-10T11:00:00+09:00",
            "Main",
        );
        let c = item(
            "c",
            "Dinner",
            "2026-03-10T18:00:00+09:00",
            "2026-03-10T20:00:00+09:00",
            "Hotel",
        );
        let mut b2 = b.clone();
        b2.status = ItemStatus::Cancelled;
        let mut a2 = a.clone();
        a2.place = LocalizedText::one(Lang::En, "Main hall");
        a2.title = LocalizedText::one(Lang::En, "Welcome ceremony");
        let d = item(
            "d",
            "MOU signing",
            "2026-03-11T15:00:00+09:00",
            "2026-03-11T16:00:00+09:00",
            "Main",
        );
        let changes = diff(&snap(vec![a, b, c]), &snap(vec![a2, b2, d]));
        let kinds: Vec<_> = changes.iter().map(|c| (c.kind, c.item.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (ChangeKind::Moved, "a"),
                (ChangeKind::Renamed, "a"),
                (ChangeKind::Cancelled, "b"),
                (ChangeKind::Removed, "c"),
                (ChangeKind::Added, "d"),
            ],
            "every kind of change is reported once, in programme order"
        );
        assert_eq!(
            changes[0].message,
            "Welcome ceremony moved Annex 5F → Main hall"
        );
        assert_eq!(changes[1].message, "Renamed Welcome → Welcome ceremony");
        assert_eq!(changes[4].message, "Added: MOU signing (11 Mar 15:00)");
    }

    #[test]
    fn a_move_to_another_day_names_both_dates() {
        let old = snap(vec![item(
            "x",
            "Lunch",
            "2026-03-10T12:00:00+09:00",
            "2026-03-10T13:00:00+09:00",
            "C",
        )]);
        let new = snap(vec![item(
            "x",
            "Lunch",
            "2026-03-11T12:00:00+09:00",
            "2026-03-11T13:00:00+09:00",
            "C",
        )]);
        assert_eq!(
            diff(&old, &new)[0].message,
            "Lunch moved 10 Mar 12:00 → 11 Mar 12:00"
        );
    }
}
