//! Everything a database holds, as rows: what `itinera copy` moves between databases.
//!
//! A [`Dump`] is read from one snapshot and written into the target in one transaction, so
//! a copy is all or nothing. The plan goes through the same import path as a plan file
//! (so the target's invariants are checked again); the records outside the plan —
//! acknowledgements, releases, the print log and the office settings — are carried as the
//! stored text, byte for byte, so nothing is lost or re-formatted.

use crate::plan::Plan;

/// Everything in one database.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dump {
    /// Directory, settings, delegations with members and items.
    pub plan: Plan,
    /// Accepted warnings, oldest first.
    pub acknowledgements: Vec<AcknowledgementRow>,
    /// Guest releases, by delegation and number.
    pub releases: Vec<ReleaseRow>,
    /// What guests last saw of each printed item, by item key.
    pub printed: Vec<PrintedRow>,
    /// The office settings, when they were ever saved.
    pub office: Option<OfficeRow>,
}

/// One accepted warning as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcknowledgementRow {
    /// The conflict's identity (canonical JSON).
    pub conflict_id: String,
    /// The acknowledgement (JSON).
    pub body: String,
    /// When it was stored (RFC 3339).
    pub created_at: String,
}

/// One guest release as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseRow {
    /// The delegation's key.
    pub delegation: String,
    /// Release number, from 1.
    pub number: i64,
    /// The audience (JSON).
    pub audience: String,
    /// When it was printed (RFC 3339).
    pub released_at: String,
    /// Who printed it.
    pub released_by: String,
    /// What it showed (JSON).
    pub snapshot: String,
}

/// The print log entry of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedRow {
    /// The item's key.
    pub item_key: String,
    /// Fingerprint of what guests saw.
    pub fingerprint: String,
    /// When (RFC 3339).
    pub printed_at: String,
}

/// The office settings row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeRow {
    /// Its optimistic-concurrency version (kept, so open editors stay in step).
    pub version: i64,
    /// The institution's name (JSON).
    pub institution: String,
    /// The logo (PNG bytes).
    pub logo_png: Option<Vec<u8>>,
    /// When it was last saved (RFC 3339).
    pub updated_at: String,
}
