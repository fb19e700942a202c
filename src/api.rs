//! The shapes the UI and the command line exchange with the core: one input struct per
//! operation, and records that carry the version a later save must quote.
//!
//! All of these are exported to TypeScript (ts-rs) so the UI's types are never written by
//! hand.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Delegation, DelegationStatus, Key, LocalizedText, Member};

/// Create a delegation (`expected_version` absent) or update one (the version that was
/// loaded; a newer one in the database means someone else saved first).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveDelegation {
    /// The delegation's fields (the key cannot change once created).
    pub delegation: Delegation,
    /// The version loaded, or none to create.
    #[ts(optional)]
    pub expected_version: Option<i64>,
}

/// Create or update a member of a delegation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SaveMember {
    /// The delegation the member belongs to.
    pub delegation: Key,
    /// The member's fields (the key cannot change once created).
    pub member: Member,
    /// The version loaded, or none to create.
    #[ts(optional)]
    pub expected_version: Option<i64>,
}

/// Remove a member from a delegation (and from its sub-groups and items).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeleteMember {
    /// The delegation.
    pub delegation: Key,
    /// The member.
    pub member: Key,
}

/// Names one entity.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyInput {
    /// The key.
    pub key: Key,
}

/// A line of the delegation list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DelegationSummary {
    /// Key.
    pub key: Key,
    /// Name.
    pub name: LocalizedText,
    /// Sending organisation.
    pub organisation: LocalizedText,
    /// Country code.
    #[ts(optional)]
    pub country: Option<String>,
    /// Arrival.
    pub arrival: DateTime<FixedOffset>,
    /// Departure.
    pub departure: DateTime<FixedOffset>,
    /// Status.
    pub status: DelegationStatus,
    /// Number of members.
    pub member_count: u32,
    /// Number of itinerary items (cancelled ones included).
    pub item_count: u32,
    /// Version of the delegation record.
    pub version: i64,
}

/// A member with the version a save must quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberRecord {
    /// The member.
    pub member: Member,
    /// Its version.
    pub version: i64,
}

/// A delegation with its members, ordered by precedence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DelegationDetail {
    /// The delegation.
    pub delegation: Delegation,
    /// Its version.
    pub version: i64,
    /// Members by precedence.
    pub members: Vec<MemberRecord>,
}

/// How many of each entity a database or an import holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Counts {
    /// Sites.
    pub sites: u32,
    /// Travel-time entries.
    pub travel: u32,
    /// Venues.
    pub venues: u32,
    /// Hosts.
    pub hosts: u32,
    /// Interpreters.
    pub interpreters: u32,
    /// Delegations.
    pub delegations: u32,
    /// Members.
    pub members: u32,
    /// Itinerary items.
    pub items: u32,
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sites, {} travel times, {} venues, {} hosts, {} interpreters, \
             {} delegations, {} members, {} items",
            self.sites,
            self.travel,
            self.venues,
            self.hosts,
            self.interpreters,
            self.delegations,
            self.members,
            self.items
        )
    }
}

/// Where the data lives and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StoreInfo {
    /// The database file (or server).
    pub location: String,
    /// The newest migration applied.
    pub schema_version: i64,
    /// What it holds.
    pub counts: Counts,
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    /// Entities added.
    pub added: Counts,
}
