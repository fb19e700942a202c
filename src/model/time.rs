//! Clock times, weekdays, date ranges and time zones as they appear in plans.
//!
//! Instants are written with their UTC offset (`2026-03-10T09:00:00+07:00`) and stored in UTC;
//! every place carries the IANA zone it lies in, so day boundaries and display use the local
//! zone of where something happens, never the zone of the computer that shows it.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A wall-clock time written `"HH:MM"`; `"24:00"` is allowed as a closing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(export, type = "string")]
pub struct ClockTime {
    /// Minutes after midnight, 0..=1440.
    minutes: u16,
}

impl ClockTime {
    /// A time from hours and minutes; `None` when out of range.
    pub fn hm(h: u16, m: u16) -> Option<Self> {
        (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(ClockTime {
            minutes: h * 60 + m,
        })
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.minutes)
    }

    /// The clock time of a `NaiveTime`, to the minute.
    pub fn of(t: NaiveTime) -> Self {
        ClockTime {
            minutes: (t.hour() * 60 + t.minute()) as u16,
        }
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

impl std::str::FromStr for ClockTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a time like '09:30'");
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        ClockTime::hm(h, m).ok_or_else(bad)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$",
            "description": "A wall-clock time, HH:MM."
        })
    }
}

/// A day of the week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
#[allow(missing_docs)]
pub enum Day {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Day {
    /// The weekday of a date.
    pub fn of(date: NaiveDate) -> Self {
        use chrono::Weekday::*;
        match date.weekday() {
            Mon => Day::Mon,
            Tue => Day::Tue,
            Wed => Day::Wed,
            Thu => Day::Thu,
            Fri => Day::Fri,
            Sat => Day::Sat,
            Sun => Day::Sun,
        }
    }
}

/// Recurring weekly hours: open on `days` from `open` to `close` (local time of the place).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WeeklyHours {
    /// The weekdays these hours apply to.
    pub days: Vec<Day>,
    /// Opening time.
    pub open: ClockTime,
    /// Closing time (after `open`; `24:00` for midnight).
    pub close: ClockTime,
}

/// A range of whole days, both ends included (a closure, a holiday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DateRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// Why (renovation, public holiday…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
}

/// Serde and schema support for IANA zones (`chrono_tz::Tz`) as plain strings.
pub mod zone {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the zone's IANA name.
    pub fn serialize<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }

    /// Reads an IANA name, naming the unknown zone in the error.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Tz>().map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown time zone '{s}' (use an IANA name such as 'Asia/Seoul')"
            ))
        })
    }

    /// The same for an optional zone.
    pub mod option {
        use super::*;

        /// Writes the zone's IANA name or null.
        pub fn serialize<S: Serializer>(tz: &Option<Tz>, s: S) -> Result<S::Ok, S::Error> {
            match tz {
                Some(tz) => s.serialize_str(tz.name()),
                None => s.serialize_none(),
            }
        }

        /// Reads an optional IANA name.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
            #[derive(Deserialize)]
            struct Wrap(#[serde(with = "super")] Tz);
            Ok(Option::<Wrap>::deserialize(d)?.map(|Wrap(tz)| tz))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_parse_and_print() {
        let t: ClockTime = "09:05".parse().expect("valid time");
        assert_eq!(t.minutes(), 545);
        assert_eq!(t.to_string(), "09:05");
        assert_eq!(
            "24:00".parse::<ClockTime>().map(ClockTime::minutes),
            Ok(1440)
        );
        for bad in ["9:05", "24:01", "12:60", "noon", "12-00"] {
            assert!(
                bad.parse::<ClockTime>().is_err(),
                "'{bad}' must be rejected"
            );
        }
    }

    #[test]
    fn unknown_zone_is_named() {
        #[derive(Debug, Deserialize)]
        struct W {
            #[serde(with = "zone")]
            #[allow(dead_code)]
            tz: chrono_tz::Tz,
        }
        let err = serde_json::from_str::<W>(r#"{"tz":"Asia/Hanoi"}"#).expect_err("no such zone");
        assert!(err.to_string().contains("'Asia/Hanoi'"), "{err}");
        assert!(serde_json::from_str::<W>(r#"{"tz":"Asia/Ho_Chi_Minh"}"#).is_ok());
    }
}
