//! The directory shared by every delegation: sites, travel times, venues, hosts, interpreters.
//!
//! A booking for one visit must see every other visit, so none of these belong to a
//! delegation. Availability of hosts and interpreters is described here; whether an item
//! respects it is the conflict checker's business.

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClockTime, DateRange, Key, Lang, LanguagePair, LocalizedText, WeeklyHours, zone};

/// A place with buildings: the main hospital, the annex, a convention centre, a partner
/// hospital, an animal laboratory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Site {
    /// Unique key.
    pub key: Key,
    /// Name in Korean and the guests' languages.
    pub name: LocalizedText,
    /// The IANA zone the site lies in.
    #[serde(with = "zone")]
    #[schemars(with = "String")]
    #[ts(type = "string")]
    pub timezone: Tz,
    /// Street address, for transfers and printed schedules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub address: Option<String>,
}

/// Minutes needed to get from one site to another (may differ by direction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TravelTime {
    /// Site left.
    pub from: Key,
    /// Site reached.
    pub to: Key,
    /// Door-to-door minutes.
    pub minutes: u32,
}

/// A room or space that can be booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Venue {
    /// Unique key.
    pub key: Key,
    /// The site it belongs to.
    pub site: Key,
    /// Name as staff and guests read it.
    pub name: LocalizedText,
    /// Building, e.g. "Annex" / "별관".
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub building: LocalizedText,
    /// Floor, e.g. "5F", "B1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub floor: Option<String>,
    /// How many people fit.
    pub capacity: u32,
    /// Weekly opening hours; empty means open at all hours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<WeeklyHours>>", optional)]
    pub opening_hours: Vec<WeeklyHours>,
    /// Days it cannot be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<DateRange>>", optional)]
    pub closures: Vec<DateRange>,
    /// Rules a scheduler must see ("OR gallery: max 4 observers, gowning required").
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub rules: LocalizedText,
}

/// A block of time when a person is not available.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BusyBlock {
    /// Start, with its UTC offset.
    pub start: DateTime<FixedOffset>,
    /// End, with its UTC offset.
    pub end: DateTime<FixedOffset>,
    /// Why (surgery, travel, leave…), shown to schedulers only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
}

/// When a person can be booked: weekly working hours (empty = any time) minus busy blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Availability {
    /// Weekly working hours, in the local time of where the item happens.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<WeeklyHours>>", optional)]
    pub working_hours: Vec<WeeklyHours>,
    /// Blocks when the person is busy elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<BusyBlock>>", optional)]
    pub busy: Vec<BusyBlock>,
}

impl Availability {
    /// Whether nothing restricts this person.
    pub fn is_unrestricted(&self) -> bool {
        self.working_hours.is_empty() && self.busy.is_empty()
    }
}

/// A member of staff who hosts guests: the hospital director, a department head, a nurse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Host {
    /// Unique key.
    pub key: Key,
    /// Name in Korean and in romanised/English form.
    pub name: LocalizedText,
    /// Title ("병원장" / "Hospital Director").
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub title: LocalizedText,
    /// Department.
    #[serde(default, skip_serializing_if = "LocalizedText::is_blank")]
    #[ts(as = "Option<LocalizedText>", optional)]
    pub department: LocalizedText,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    /// A private number is printed on staff documents only, never for guests.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub phone_private: bool,
    /// Languages the host speaks well enough to talk to guests without an interpreter.
    #[serde(default = "korean_only")]
    pub languages: Vec<Lang>,
    /// When the host can be booked.
    #[serde(default, skip_serializing_if = "Availability::is_unrestricted")]
    #[ts(as = "Option<Availability>", optional)]
    pub availability: Availability,
}

fn korean_only() -> Vec<Lang> {
    vec![Lang::Ko]
}

/// Whether an interpreter is on staff or hired from an agency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Affiliation {
    /// Employed by the institution.
    #[default]
    InHouse,
    /// Hired from an agency.
    Agency,
}

/// An interpreter, booked by language pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Interpreter {
    /// Unique key.
    pub key: Key,
    /// Name.
    pub name: LocalizedText,
    /// Language pairs, e.g. `["ko-vi", "ko-en"]`.
    pub pairs: Vec<LanguagePair>,
    /// In-house or agency.
    #[serde(default)]
    pub affiliation: Affiliation,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    /// When the interpreter can be booked.
    #[serde(default, skip_serializing_if = "Availability::is_unrestricted")]
    #[ts(as = "Option<Availability>", optional)]
    pub availability: Availability,
    /// Longest stretch of interpreting without a break, in minutes.
    #[serde(default = "default_continuous")]
    pub max_continuous_minutes: u32,
    /// Most interpreting minutes in one day.
    #[serde(default = "default_daily")]
    pub max_daily_minutes: u32,
}

fn default_continuous() -> u32 {
    90
}

fn default_daily() -> u32 {
    360
}

/// Settings of the whole directory that rules depend on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DirectorySettings {
    /// Minutes to walk between two venues on the same site.
    #[serde(default = "default_walk")]
    pub same_site_buffer_minutes: u32,
}

fn default_walk() -> u32 {
    5
}

impl Default for DirectorySettings {
    fn default() -> Self {
        DirectorySettings {
            same_site_buffer_minutes: default_walk(),
        }
    }
}

/// Clock time helper used by availability rules: whether `[start, end)` minutes after
/// midnight lies inside one of the hours that apply on `day`.
pub fn within_weekly(hours: &[WeeklyHours], day: super::Day, start: u32, end: u32) -> bool {
    hours.is_empty()
        || hours.iter().any(|h| {
            h.days.contains(&day)
                && ClockTime::minutes(h.open) <= start
                && end <= ClockTime::minutes(h.close)
        })
}
