//! What the checker reports: a [`Conflict`] with a stable code, a severity, the items and
//! resources involved, the time of the clash and a message in plain words.
//!
//! A conflict has an identity ([`ConflictId`]: code + sorted item keys + sorted resources) that
//! does not depend on times or wording, so an [`Acknowledgement`] recorded for a warning
//! survives re-checks as long as the same items still clash on the same resources.
//! Blocking conflicts can never be acknowledged.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Key;
use crate::wording::Text;
use crate::{Error, Result};

/// Which rule a conflict breaks. The serialised names are stable: the UI, plan files of
/// acknowledgements and scripts reading `itinera check --format json` rely on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConflictCode {
    /// Rule 1: two items book the same venue at once.
    VenueDoubleBooked,
    /// Rule 2: two items book the same interpreter at once.
    InterpreterDoubleBooked,
    /// Rule 3: two items book the same host at once.
    HostDoubleBooked,
    /// Rule 4: a member (directly or through sub-groups) is in two items at once.
    MemberDoubleBooked,
    /// Rule 5: the item is outside the venue's opening hours or in one of its closures.
    VenueClosed,
    /// Rule 6: an assigned interpreter does not work in the pair the assignment needs.
    InterpreterLacksPair,
    /// Rule 7: the item is before the delegation's arrival or after its departure.
    OutsideStay,
    /// Rule 8: more people than the venue holds.
    VenueOverCapacity,
    /// Rule 9: a host or interpreter is booked outside working hours or in a busy block.
    OutsideAvailability,
    /// Rule 10: some guests share no language with the hosts and no interpreter bridges them.
    NoCommonLanguage,
    /// Rule 11: too little time to get from one item's venue to the next one's.
    TravelTimeShort,
    /// Rule 11, missing data: consecutive items on one day at two sites with no recorded
    /// travel time in either direction.
    TravelTimeUnknown,
    /// Rule 12: an interpreter works longer than the continuous limit without a break.
    InterpreterContinuousLimit,
    /// Rule 12: an interpreter works more minutes in one local day than the daily limit.
    InterpreterDailyLimit,
    /// Rule 13: the item changed after the guests' itinerary was last printed.
    ChangedAfterPrinted,
}

impl ConflictCode {
    /// The severity this rule always has.
    pub fn severity(self) -> Severity {
        use ConflictCode::*;
        match self {
            VenueDoubleBooked
            | InterpreterDoubleBooked
            | HostDoubleBooked
            | MemberDoubleBooked
            | VenueClosed
            | InterpreterLacksPair
            | OutsideStay => Severity::Blocking,
            VenueOverCapacity
            | OutsideAvailability
            | NoCommonLanguage
            | TravelTimeShort
            | TravelTimeUnknown
            | InterpreterContinuousLimit
            | InterpreterDailyLimit
            | ChangedAfterPrinted => Severity::Warning,
        }
    }

    /// The serialised name, e.g. `"venue_double_booked"`.
    pub fn as_str(self) -> &'static str {
        use ConflictCode::*;
        match self {
            VenueDoubleBooked => "venue_double_booked",
            InterpreterDoubleBooked => "interpreter_double_booked",
            HostDoubleBooked => "host_double_booked",
            MemberDoubleBooked => "member_double_booked",
            VenueClosed => "venue_closed",
            InterpreterLacksPair => "interpreter_lacks_pair",
            OutsideStay => "outside_stay",
            VenueOverCapacity => "venue_over_capacity",
            OutsideAvailability => "outside_availability",
            NoCommonLanguage => "no_common_language",
            TravelTimeShort => "travel_time_short",
            TravelTimeUnknown => "travel_time_unknown",
            InterpreterContinuousLimit => "interpreter_continuous_limit",
            InterpreterDailyLimit => "interpreter_daily_limit",
            ChangedAfterPrinted => "changed_after_printed",
        }
    }
}

/// How serious a conflict is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// A confirmed item with this conflict cannot be saved (tentative holds may show it).
    Blocking,
    /// Shown until fixed or acknowledged with a reason.
    Warning,
}

/// The kind of a resource a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ResourceKind {
    /// A venue.
    Venue,
    /// A host (staff member).
    Host,
    /// An interpreter.
    Interpreter,
    /// A member of a delegation.
    Member,
    /// A delegation (its stay).
    Delegation,
}

/// A resource a conflict is about, by kind and key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResourceRef {
    /// What kind of resource.
    pub kind: ResourceKind,
    /// Its key.
    pub key: Key,
}

/// Why and by whom a warning was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Acknowledgement {
    /// The reason, in the scheduler's words ("the director joins for the last 10 minutes").
    pub reason: String,
    /// Who acknowledged it.
    pub by: String,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// The identity of a conflict across re-checks: code, sorted item keys, sorted resources.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConflictId {
    /// The rule.
    pub code: ConflictCode,
    /// Item keys, sorted.
    pub items: Vec<Key>,
    /// Resources, sorted.
    pub resources: Vec<ResourceRef>,
}

/// An acknowledgement as stored: which conflict, and the acknowledgement itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AcknowledgedConflict {
    /// The conflict acknowledged.
    pub id: ConflictId,
    /// Reason, who and when.
    pub acknowledgement: Acknowledgement,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    /// The rule.
    pub code: ConflictCode,
    /// Blocking or warning (always the code's severity).
    pub severity: Severity,
    /// Keys of the items involved, in the order the message names them.
    pub items: Vec<Key>,
    /// Keys of the delegations those items belong to (sorted, without repeats).
    pub delegations: Vec<Key>,
    /// The resources involved (venue, people).
    pub resources: Vec<ResourceRef>,
    /// Start of the clash, in the local time of the first item.
    pub start: DateTime<FixedOffset>,
    /// End of the clash.
    pub end: DateTime<FixedOffset>,
    /// What is wrong, in plain words of the language the check was asked in (Korean or
    /// English), naming items, people, times and venue. Not part of the identity.
    pub message: String,
    /// Set when a scheduler accepted this warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub acknowledged: Option<Acknowledgement>,
}

impl Conflict {
    /// The identity acknowledgements are matched by.
    pub fn id(&self) -> ConflictId {
        let mut items = self.items.clone();
        items.sort();
        items.dedup();
        let mut resources = self.resources.clone();
        resources.sort();
        resources.dedup();
        ConflictId {
            code: self.code,
            items,
            resources,
        }
    }

    /// Whether it is blocking and not (cannot be) acknowledged.
    pub fn is_blocking(&self) -> bool {
        self.severity == Severity::Blocking
    }
}

/// Records that a scheduler accepts a warning. Blocking conflicts cannot be acknowledged and
/// a reason is required, so every accepted warning says why.
pub fn acknowledge(
    conflict: &Conflict,
    reason: &str,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<AcknowledgedConflict> {
    if conflict.is_blocking() {
        return Err(Error::Invalid(Text::new(
            format!(
                "{} is blocking and cannot be acknowledged: {}",
                conflict.code.as_str(),
                conflict.message
            ),
            format!(
                "차단 충돌은 확인 처리할 수 없습니다({}): {}",
                conflict.code.as_str(),
                conflict.message
            ),
        )));
    }
    if reason.trim().is_empty() {
        return Err(Error::Invalid(Text::new(
            "acknowledgement.reason: say why the warning is accepted",
            "확인 사유: 경고를 받아들이는 이유를 적어 주세요",
        )));
    }
    if by.trim().is_empty() {
        return Err(Error::Invalid(Text::new(
            "acknowledgement.by: say who accepts the warning",
            "확인자: 경고를 받아들이는 사람을 적어 주세요",
        )));
    }
    Ok(AcknowledgedConflict {
        id: conflict.id(),
        acknowledgement: Acknowledgement {
            reason: reason.trim().to_owned(),
            by: by.trim().to_owned(),
            at,
        },
    })
}

/// Flags acknowledged warnings and sorts: blocking first, then by start, code and items.
pub(super) fn finish(conflicts: &mut [Conflict], acks: &HashMap<ConflictId, Acknowledgement>) {
    if !acks.is_empty() {
        for c in conflicts.iter_mut().filter(|c| !c.is_blocking()) {
            c.acknowledged = acks.get(&c.id()).cloned();
        }
    }
    conflicts.sort_by(|a, b| {
        (a.severity, a.start, a.code, &a.items).cmp(&(b.severity, b.start, b.code, &b.items))
    });
}
