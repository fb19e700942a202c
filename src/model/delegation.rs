//! Delegations: who visits, when, and in which sub-groups.
//!
//! A delegation owns its members and its itinerary items; deleting it removes them. Members
//! are ordered by precedence (1 = head of delegation), which every printed list follows.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Key, Lang, LocalizedText, zone};

/// Where a visit stands in the office's process.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DelegationStatus {
    /// Being drafted; nothing promised yet.
    #[default]
    Draft,
    /// Dates agreed, programme being planned.
    Planned,
    /// Programme confirmed with the guests.
    Confirmed,
    /// The visit took place.
    Completed,
    /// Called off.
    Cancelled,
}

/// A person to call about the visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
}

/// A named part of a delegation that can follow its own programme (a track, a department
/// placement, the students' session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SubGroup {
    /// Unique key.
    pub key: Key,
    /// Name.
    pub name: LocalizedText,
    /// Keys of the members in it. A member may be in several sub-groups.
    #[serde(default)]
    pub members: Vec<Key>,
}

/// A visiting delegation (its members and items are stored beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Delegation {
    /// Unique key, e.g. `"choray-2026-03"`.
    pub key: Key,
    /// Name of the visit as staff and guests read it.
    pub name: LocalizedText,
    /// The sending organisation (hospital, university, ministry).
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub organisation: LocalizedText,
    /// ISO 3166-1 alpha-2 country code of origin, e.g. `"VN"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub country: Option<String>,
    /// Languages the guests read, most preferred first.
    pub languages: Vec<Lang>,
    /// The IANA zone where the visit takes place.
    #[serde(with = "zone")]
    #[schemars(with = "String")]
    #[ts(type = "string")]
    pub timezone: Tz,
    /// Arrival, with its UTC offset.
    pub arrival: DateTime<FixedOffset>,
    /// Departure, with its UTC offset.
    pub departure: DateTime<FixedOffset>,
    /// Flight of arrival, e.g. "VN416".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub arrival_flight: Option<String>,
    /// Flight of departure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub departure_flight: Option<String>,
    /// Where the guests stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hotel: Option<String>,
    /// The office's coordinator for this visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub coordinator: Option<Contact>,
    /// Where the visit stands.
    #[serde(default)]
    pub status: DelegationStatus,
    /// Sub-groups or tracks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<SubGroup>>", optional)]
    pub subgroups: Vec<SubGroup>,
    /// Notes for staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes: Option<String>,
}

/// A visiting person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Member {
    /// Unique key.
    pub key: Key,
    /// Name in the person's own script, exactly as they write it ("Nguyễn Trường Sơn",
    /// "Хакимов Бегали", "李明").
    pub native_name: String,
    /// Name in Latin letters ("Nguyen Truong Son"), for staff and badges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub romanized_name: Option<String>,
    /// Title or position ("Giám đốc Bệnh viện" / "병원장").
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub title: LocalizedText,
    /// Protocol order: 1 is the head of delegation.
    pub precedence: u32,
    /// Dietary needs (halal, vegetarian, allergies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub dietary: Option<String>,
    /// Accessibility needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub accessibility: Option<String>,
    /// Languages the person speaks; empty means the delegation's languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Lang>>", optional)]
    pub languages: Vec<Lang>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    /// Notes for staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notes: Option<String>,
}
