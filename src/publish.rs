//! Printing for guests as a use case: every guest print is a release.
//!
//! The PDF is rendered first, with the next release number in its footer and, when asked, a
//! "Changes since vN" box; only when it rendered is the release recorded (snapshot + what each
//! printed item looked like, which feeds the "changed after printing" rule). A print that
//! fails leaves no release behind, and a release always has a document.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::api::{ChangesInput, Release, ReleaseInfo};
use crate::conflicts::{PrintLog, PrintedItem, guest_fingerprint};
use crate::model::Key;
use crate::print::{self, Audience, ChangesBox, Fonts, PrintOptions, ReleaseLabel};
use crate::release::{self, Change, ReleaseSnapshot};
use crate::store::Store;
use crate::{Error, Result};

/// What to print for guests.
#[derive(Debug, Clone)]
pub struct GuestPrint {
    /// The delegation.
    pub delegation: Key,
    /// The whole delegation, a sub-group or a member.
    pub audience: Audience,
    /// Paper, languages, institution, logo (release and changes are filled in here).
    pub options: PrintOptions,
    /// Show the changes since this release in a box (e.g. 2 for "Changes since v2").
    pub changes_since: Option<u32>,
    /// Who prints (recorded with the release).
    pub by: String,
    /// The office's zone, for the footer's release time.
    pub zone: Tz,
}

/// A printed guest document and the release it was recorded as.
#[derive(Debug, Clone)]
pub struct Printed {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The release recorded.
    pub release: ReleaseInfo,
}

/// Prints a guest itinerary and records it as the next release. `now` is passed in so the
/// footer, the release record and tests agree on one instant.
pub async fn print_guest(
    store: &Store,
    fonts: &Fonts,
    req: GuestPrint,
    now: DateTime<Utc>,
) -> Result<Printed> {
    let plan = store.load_plan().await?;
    let previous = store.release(&req.delegation, None).await?;
    let number = previous.as_ref().map_or(1, |r| r.info.number + 1);
    let snapshot = ReleaseSnapshot::of_guest_programme(&plan, &req.delegation, &req.audience)?;
    let mut options = req.options;
    options.release = Some(ReleaseLabel {
        version: number,
        released_at: now,
        zone: req.zone,
    });
    if let Some(since) = req.changes_since {
        let old = store
            .release(&req.delegation, Some(since))
            .await?
            .ok_or_else(|| Error::NotFound {
                kind: "release",
                key: format!("v{since}"),
            })?;
        options.changes = Some(ChangesBox {
            since_version: since,
            changes: release::diff(&old.snapshot, &snapshot),
        });
    }
    let pdf = print::guest_itinerary(&plan, fonts, &req.delegation, &req.audience, &options)?;

    let printed_at = now.fixed_offset();
    let d = plan
        .delegation(&req.delegation)
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: req.delegation.to_string(),
        })?;
    let shown: std::collections::HashSet<&Key> = snapshot.items.iter().map(|i| &i.key).collect();
    let log: PrintLog = d
        .items
        .iter()
        .filter(|i| shown.contains(&i.key))
        .map(|i| {
            (
                i.key.clone(),
                PrintedItem {
                    fingerprint: guest_fingerprint(i),
                    printed_at,
                },
            )
        })
        .collect();
    let release = Release {
        info: ReleaseInfo {
            delegation: req.delegation,
            number,
            audience: req.audience,
            released_at: printed_at,
            released_by: req.by,
            item_count: snapshot.items.len() as u32,
        },
        snapshot,
    };
    store.record_release(&release, &log).await?;
    Ok(Printed {
        pdf,
        release: release.info,
    })
}

/// What changed for guests since release `since` (added, cancelled, moved, renamed).
pub async fn changes_since(store: &Store, input: &ChangesInput) -> Result<Vec<Change>> {
    let old = store
        .release(&input.delegation, Some(input.since))
        .await?
        .ok_or_else(|| Error::NotFound {
            kind: "release",
            key: format!("v{}", input.since),
        })?;
    let plan = store.load_plan().await?;
    let audience = input.audience.clone().unwrap_or(old.info.audience);
    let now = ReleaseSnapshot::of_guest_programme(&plan, &input.delegation, &audience)?;
    Ok(release::diff(&old.snapshot, &now))
}

/// Which document to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentRequest {
    /// The guests' itinerary (recorded as a release).
    Guest {
        /// Delegation, sub-group or member.
        audience: Audience,
        /// Show the changes since this release.
        #[ts(optional)]
        changes_since: Option<u32>,
    },
    /// The staff run sheet.
    Staff,
    /// One interpreter's assignments across delegations.
    Interpreter {
        /// The interpreter.
        interpreter: Key,
        /// First day (local), inclusive.
        from: chrono::NaiveDate,
        /// Last day (local), inclusive.
        to: chrono::NaiveDate,
    },
}

/// Everything the print dialog chooses.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PrintRequest {
    /// The delegation (for the interpreter sheet: the one the dialog was opened from).
    pub delegation: Key,
    /// Which document.
    pub document: DocumentRequest,
    /// Paper and languages.
    pub options: PrintOptions,
    /// Who prints.
    pub by: String,
}

/// A printed document; guest prints also carry the release they were recorded as.
#[derive(Debug, Clone)]
pub struct PrintedDocument {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The release, for guest documents.
    pub release: Option<ReleaseInfo>,
}

/// Prints any document. Guest itineraries become releases (see [`print_guest`]).
pub async fn print_document(
    store: &Store,
    fonts: &Fonts,
    req: PrintRequest,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<PrintedDocument> {
    match req.document {
        DocumentRequest::Guest {
            audience,
            changes_since,
        } => {
            let guest = GuestPrint {
                delegation: req.delegation,
                audience,
                options: req.options,
                changes_since,
                by: req.by,
                zone,
            };
            let printed = print_guest(store, fonts, guest, now).await?;
            Ok(PrintedDocument {
                pdf: printed.pdf,
                release: Some(printed.release),
            })
        }
        DocumentRequest::Staff => {
            let plan = store.load_plan().await?;
            let pdf = print::staff_run_sheet(&plan, fonts, &req.delegation, &req.options)?;
            Ok(PrintedDocument { pdf, release: None })
        }
        DocumentRequest::Interpreter {
            interpreter,
            from,
            to,
        } => {
            if to < from {
                return Err(Error::Invalid(format!("to: {to} is before from: {from}")));
            }
            let plan = store.load_plan().await?;
            let pdf =
                print::interpreter_assignments(&plan, fonts, &interpreter, from, to, &req.options)?;
            Ok(PrintedDocument { pdf, release: None })
        }
    }
}
