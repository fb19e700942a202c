//! Precedence order of a delegation's members: the record the UI sends after a drag (or
//! Alt+Arrow) in the members table, the rule it must obey, and the [`Store`] method that
//! routes it to a backend.
//!
//! Invariants (both backends):
//! - the new order names every member of the delegation exactly once — a partial, duplicated
//!   or foreign list is refused, naming the missing and unknown keys, and nothing is written;
//! - precedence becomes 1..n in the given order, in ONE transaction;
//! - unlike a request's list position, precedence is part of a member's body (printed lists
//!   follow it), so each moved member's version goes up: an editor still holding the old
//!   version would otherwise put the old precedence back on save. Members whose precedence
//!   does not change keep their version.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Backend, Store};
use crate::Result;
use crate::api::DelegationDetail;
use crate::model::Key;

/// The new precedence order of a delegation's members: every stored key once, head first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReorderMembers {
    /// The delegation.
    pub delegation: Key,
    /// Its member keys in the wanted order (the first gets precedence 1).
    pub keys: Vec<Key>,
}

/// Checks that `input.keys` names every stored member of the delegation exactly once.
pub(super) fn check_member_order(stored: &[Key], input: &ReorderMembers) -> Result<()> {
    super::order::check_permutation("member", &input.delegation, stored, &input.keys)
}

impl Store {
    /// Gives a delegation's members precedence 1..n in the order of `input.keys` (every
    /// member once), in one transaction; returns the delegation as stored after it.
    pub async fn reorder_members(&self, input: ReorderMembers) -> Result<DelegationDetail> {
        dispatch!(self.reorder_members(&input))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::new(s).expect("key")
    }

    #[test]
    fn a_member_order_must_name_every_member_once() {
        let stored = vec![key("kim"), key("lee"), key("park")];
        let ok = ReorderMembers {
            delegation: key("choray"),
            keys: vec![key("park"), key("kim"), key("lee")],
        };
        assert!(check_member_order(&stored, &ok).is_ok(), "a permutation");
        let twice = ReorderMembers {
            keys: vec![key("park"), key("park"), key("lee")],
            ..ok.clone()
        };
        let err = check_member_order(&stored, &twice).expect_err("duplicate refused");
        assert!(err.to_string().contains("[park]"), "names it: {err}");
        let foreign = ReorderMembers {
            keys: vec![key("park"), key("kim"), key("nguyen")],
            ..ok
        };
        let err = check_member_order(&stored, &foreign).expect_err("foreign refused");
        let text = err.to_string();
        assert!(
            text.contains("missing: [lee]") && text.contains("not its members: [nguyen]"),
            "names missing and unknown: {text}"
        );
    }
}
