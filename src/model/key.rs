//! Human-chosen keys that name entities in plan files, on the command line and in the UI.
//!
//! A key is unique within its kind (two venues cannot share a key, a venue and a host can).
//! Keys are short, lowercase and URL-safe so they survive shells, spreadsheets and file names.

use std::fmt;

use compact_str::CompactString;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 80;

/// A key such as `"choray-2026-03"` or `"annex-5f-conference"`.
///
/// Stored inline when it has at most 24 bytes (nearly every key): a plan holds hundreds of
/// thousands of references, and resolving them must not chase a heap pointer each (the
/// conflict checker's index build was bound by exactly those cache misses).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(export, type = "string")]
pub struct Key(#[ts(type = "string")] CompactString);

impl Key {
    /// Checks and wraps a key. The error says what is wrong in words a scheduler understands.
    pub fn new(s: impl Into<String>) -> Result<Self, String> {
        let s = s.into();
        if s.is_empty() {
            return Err("a key cannot be empty".into());
        }
        if s.len() > MAX_KEY_LEN {
            return Err(format!("key '{s}' is longer than {MAX_KEY_LEN} characters"));
        }
        let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
        if let Some(bad) = s.chars().find(|&c| !ok(c)) {
            return Err(format!(
                "key '{s}' contains '{bad}': use lowercase letters, digits, '-', '_' or '.'"
            ));
        }
        Ok(Key(CompactString::from(s)))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Key {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Key::new(s)
    }
}

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Key::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Key {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Key".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9._-]{1,80}$",
            "description": "A human-chosen key, unique within its kind."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_accept_plain_slugs_and_reject_the_rest() {
        assert!(Key::new("choray-2026-03").is_ok());
        assert!(Key::new("annex-5f_conference.room").is_ok());
        let err = Key::new("Cho Ray").expect_err("spaces and capitals are not keys");
        assert!(
            err.contains("'C'"),
            "the message names the offending character: {err}"
        );
        assert!(Key::new("").is_err());
        assert!(Key::new("a".repeat(81)).is_err());
    }
}
