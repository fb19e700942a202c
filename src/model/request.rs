//! Scheduling requests: what a visit should contain, before it is placed in time.
//!
//! A [`Request`] says what is wanted (kind, title, duration, who takes part, which hosts, which
//! venues, whether interpretation is needed) and the hard limits on when (earliest start,
//! latest end, allowed dates, order after other requests); a preferred window is a soft goal.
//! A request with `pinned` stands for an item already in the itinerary that must not move.
//! Requests belong to one delegation and are listed in the plan's `requests`; the scheduler
//! (`crate::schedule`) turns them into tentative itinerary items whose key is the request key.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClockTime, ItemKind, Key, LocalizedText, Participants};

/// A soft time-of-day window: the scheduler prefers starts inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PreferredWindow {
    /// Preferred earliest start (local clock).
    pub from: ClockTime,
    /// Preferred latest end (local clock).
    pub to: ClockTime,
}

/// One element the programme of a delegation should contain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Request {
    /// Unique key; also the key of the item the scheduler proposes for it.
    pub key: Key,
    /// The delegation whose programme this is part of.
    pub delegation: Key,
    /// What kind of element.
    pub kind: ItemKind,
    /// Title in Korean and the guests' languages.
    pub title: LocalizedText,
    /// Length in minutes (more than 0).
    pub duration_minutes: u32,
    /// Who of the delegation takes part.
    #[serde(default, skip_serializing_if = "Participants::is_everyone")]
    #[ts(as = "Option<Participants>", optional)]
    pub participants: Participants,
    /// Hosts who must all be there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Key>>", optional)]
    pub hosts: Vec<Key>,
    /// Hosts of whom one must be there (in addition to `hosts`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Key>>", optional)]
    pub hosts_one_of: Vec<Key>,
    /// Acceptable venues, most preferred first; empty means off-site (see `location`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Key>>", optional)]
    pub venues: Vec<Key>,
    /// Off-site place (restaurant) when there is no venue.
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub location: LocalizedText,
    /// Whether an interpreter between the delegation's first language and Korean is needed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub interpretation: bool,
    /// Earliest start on any day (local clock of the visit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub earliest: Option<ClockTime>,
    /// Latest end on any day (local clock of the visit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub latest: Option<ClockTime>,
    /// Allowed dates; empty means any day of the stay.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<NaiveDate>>", optional)]
    pub dates: Vec<NaiveDate>,
    /// Requests that must end before this one starts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Key>>", optional)]
    pub after: Vec<Key>,
    /// Preferred time of day (a soft goal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub preferred: Option<PreferredWindow>,
    /// An existing item of the delegation that fulfils this request and must not move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pinned: Option<Key>,
}
