//! Itinerary items: what happens, when, where, with whom.
//!
//! The bookings of venues, hosts and interpreters are fields of the item itself, so the agenda
//! and the bookings are one thing and can never drift apart. An item belongs to exactly one
//! delegation.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Key, LanguagePair, LocalizedText, zone};

/// What kind of programme element an item is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    /// Tour of a facility (breast cancer centre, robotic surgery suite).
    FacilityTour,
    /// Meeting or talks.
    Meeting,
    /// Welcome, MOU signing, completion ceremony.
    Ceremony,
    /// Breakfast, lunch, dinner, reception.
    Meal,
    /// Moving the group between places.
    Transfer,
    /// Lecture or presentation.
    Lecture,
    /// Hands-on training.
    HandsOn,
    /// Observation, e.g. live surgery.
    Observation,
    /// Video conference.
    VideoConference,
    /// Free time.
    FreeTime,
    /// Setup, briefing: never shown to guests.
    Internal,
}

impl ItemKind {
    /// Whether guests ever see items of this kind.
    pub fn guest_visible(self) -> bool {
        self != ItemKind::Internal
    }
}

/// Whether an item holds its bookings firmly.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemStatus {
    /// A hold: may overlap other holds, and the overlap is shown.
    #[default]
    Tentative,
    /// Promised: no blocking conflict may remain.
    Confirmed,
    /// Called off: books nothing, printed as cancelled where a change log shows it.
    Cancelled,
}

/// Who of the delegation takes part.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum Participants {
    /// The whole delegation, written `"everyone"`.
    #[default]
    #[serde(with = "everyone")]
    #[schemars(with = "EveryoneTag")]
    #[ts(type = "\"everyone\"")]
    Everyone,
    /// Some sub-groups and/or named members.
    Selected {
        /// Sub-groups taking part.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[ts(as = "Option<Vec<Key>>", optional)]
        subgroups: Vec<Key>,
        /// Members taking part (in addition to the sub-groups).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[ts(as = "Option<Vec<Key>>", optional)]
        members: Vec<Key>,
    },
}

impl Participants {
    /// Whether the whole delegation takes part.
    pub fn is_everyone(&self) -> bool {
        matches!(self, Participants::Everyone)
    }
}

#[derive(JsonSchema)]
#[allow(dead_code)]
enum EveryoneTag {
    #[serde(rename = "everyone")]
    Everyone,
}

mod everyone {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("everyone")
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
        let s = String::deserialize(d)?;
        if s == "everyone" {
            Ok(())
        } else {
            Err(serde::de::Error::custom(format!(
                "expected \"everyone\", found \"{s}\""
            )))
        }
    }
}

/// An interpreter booked for an item, for one language pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InterpreterAssignment {
    /// The interpreter's key.
    pub interpreter: Key,
    /// The pair needed, e.g. `"ko-vi"`.
    pub pair: LanguagePair,
}

/// One element of a delegation's programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ItineraryItem {
    /// Unique key.
    pub key: Key,
    /// What kind of element.
    pub kind: ItemKind,
    /// Title in Korean and the guests' languages.
    pub title: LocalizedText,
    /// Notes printed for guests.
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub guest_notes: LocalizedText,
    /// Notes for staff only: never printed for guests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub internal_notes: Option<String>,
    /// Start, with its UTC offset.
    pub start: DateTime<FixedOffset>,
    /// End, with its UTC offset (after `start`).
    pub end: DateTime<FixedOffset>,
    /// The zone the item happens in, when it differs from the venue's site (or, without a
    /// venue, from the delegation's zone).
    #[serde(
        default,
        with = "zone::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(with = "Option<String>")]
    #[ts(optional, type = "string")]
    pub timezone: Option<Tz>,
    /// Set when the item deliberately runs past midnight (a night transfer).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub overnight: bool,
    /// The booked venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub venue: Option<Key>,
    /// An off-site place (restaurant, airport) when there is no venue.
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub location: LocalizedText,
    /// Booked hosts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Key>>", optional)]
    pub hosts: Vec<Key>,
    /// Who of the delegation takes part.
    #[serde(default, skip_serializing_if = "Participants::is_everyone")]
    #[ts(as = "Option<Participants>", optional)]
    pub participants: Participants,
    /// Booked interpreters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<InterpreterAssignment>>", optional)]
    pub interpreters: Vec<InterpreterAssignment>,
    /// Extra people present besides guests and hosts (for capacity).
    #[serde(default, skip_serializing_if = "is_zero")]
    #[ts(as = "Option<u32>", optional)]
    pub extra_attendees: u32,
    /// Tentative, confirmed or cancelled.
    #[serde(default)]
    pub status: ItemStatus,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
