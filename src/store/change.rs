//! StoreChange events for live refresh: "someone committed a change to this record".
//!
//! The PostgreSQL backend sends one per committed write as the payload `<kind>:<key>` of
//! `NOTIFY itinera_changes`; [`super::Store::subscribe`] hands them out as [`StoreChange`]. An
//! event carries no data, only what to reload, so a missed or duplicated event costs at most
//! one extra reload and never shows a wrong value.

use serde::Serialize;
use ts_rs::TS;

/// One committed change: which kind of record, and its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StoreChange {
    /// "delegation", "member", "item", "request", "directory", "settings", "office",
    /// "release", "acknowledgement" or "plan" (an import or copy: reload everything).
    pub kind: String,
    /// The record's key (for a member, an item or a request: the key of its delegation); empty when
    /// the change is not about one record.
    pub key: String,
}

impl StoreChange {
    /// Reads a notification payload `<kind>:<key>`; `None` for anything else.
    pub fn parse(payload: &str) -> Option<StoreChange> {
        let (kind, key) = payload.split_once(':')?;
        if kind.is_empty() {
            return None;
        }
        Some(StoreChange {
            kind: kind.to_owned(),
            key: key.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_splits_at_the_first_colon() {
        assert_eq!(
            StoreChange::parse("item:choray-welcome"),
            Some(StoreChange {
                kind: "item".into(),
                key: "choray-welcome".into()
            }),
            "kind and key come from either side of the first colon"
        );
        assert_eq!(
            StoreChange::parse("plan:"),
            Some(StoreChange {
                kind: "plan".into(),
                key: String::new()
            }),
            "a change about no single record has an empty key"
        );
        assert_eq!(
            StoreChange::parse("garbage"),
            None,
            "a payload without a kind is ignored"
        );
    }
}
