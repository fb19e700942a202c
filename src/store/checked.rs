//! The conflict check kept resolved between calls.
//!
//! A check from scratch reads the whole plan and resolves it (zones, UTC seconds, bookings per
//! resource) before the rules run; on a large database that resolve costs more than the
//! rules. The store therefore keeps one [`ResolvedPlan`] per session, tagged with the
//! database's *revision*: a counter that triggers bump on every write to a table the check
//! reads (migration 0006), whoever writes (this window, the command-line program, another
//! workstation on a shared database). A check first reads the revision with the small tables
//! that are always read afresh (acknowledgements, the print log); only when the revision
//! moved does it read and resolve the plan again.
//!
//! The store's own item saves and deletes keep the resolved plan current instead of
//! discarding it: their write transaction reads the revision before and after writing, and
//! the edit is applied to a resolved plan tagged with exactly the revision before. Anything
//! else (a write elsewhere in between, a directory change) leaves the tag behind, and the next
//! check resolves again. The resolved plan thus always equals the database at its tag.
//!
//! The result is the same as a check from scratch, message for message. One case needs care:
//! the rules order two items that start at the same instant by their position in the plan,
//! which a fresh read sorts by start and key, while an edited item keeps its position and an
//! added one goes last. So a save that leaves an item of a delegation starting together with
//! another of the same delegation is not applied; the next check resolves the plan again.

use std::sync::Arc;

use tokio::sync::Mutex;

use crate::api::SavedItem;
use crate::conflicts::{AcknowledgedConflict, Conflict, PrintLog, ResolvedPlan, report};
use crate::model::Key;
use crate::plan::Plan;
use crate::{Error, Result};

/// The revision a write transaction saw before it wrote and after (still inside it, so no
/// other writer came between).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub before: i64,
    pub after: i64,
}

/// What a check reads from the database in one snapshot: the revision, the plan only when the
/// kept one is not of that revision, and the tables every check reads afresh.
pub(super) struct Snapshot {
    pub revision: i64,
    pub plan: Option<Plan>,
    pub acks: Vec<AcknowledgedConflict>,
    pub printed: PrintLog,
}

/// A resolved plan and the revision of the database it equals.
struct Kept {
    revision: i64,
    resolved: ResolvedPlan,
}

/// The session's resolved plan, shared by every clone of the store.
#[derive(Clone, Default)]
pub(super) struct Checker {
    kept: Arc<Mutex<Option<Kept>>>,
    /// How many times the whole plan was resolved (see [`crate::store::Store::check_resolves`]).
    resolves: Arc<std::sync::atomic::AtomicU64>,
}

impl std::fmt::Debug for Checker {
    // The plan can hold 100,000 items: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker").finish_non_exhaustive()
    }
}

impl Checker {
    /// Every conflict (of `delegation`, or all), blocking first. `read` gets the revision of
    /// the kept plan (none at first) and returns the snapshot; the lock is held meanwhile, so
    /// two checks never resolve the same revision twice.
    pub async fn check<F>(&self, delegation: Option<&Key>, read: F) -> Result<Vec<Conflict>>
    where
        F: AsyncFnOnce(Option<i64>) -> Result<Snapshot>,
    {
        let mut kept = self.kept.lock().await;
        let snapshot = read(kept.as_ref().map(|k| k.revision)).await?;
        let current = match (kept.take(), snapshot.plan) {
            (_, Some(plan)) => {
                self.resolves
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Kept {
                    revision: snapshot.revision,
                    resolved: ResolvedPlan::new(plan),
                }
            }
            (Some(k), None) if k.revision == snapshot.revision => k,
            _ => {
                return Err(Error::storage(
                    "read",
                    format!(
                        "no plan read for revision {}, and none kept of it",
                        snapshot.revision
                    ),
                ));
            }
        };
        let kept = kept.insert(current);
        if let Some(d) = delegation
            && kept.resolved.plan().delegation(d).is_none()
        {
            return Err(Error::NotFound {
                kind: "delegation",
                key: d.to_string(),
            });
        }
        let all = kept.resolved.check(&snapshot.acks, &snapshot.printed);
        Ok(match delegation {
            Some(d) => report::of_delegation(all, d),
            None => all,
        })
    }

    /// Applies saved items to the kept plan when it is of the revision their transaction
    /// started from; otherwise leaves it for the next check to replace.
    pub async fn saved(&self, saved: &[SavedItem], stamp: Stamp) {
        let mut kept = self.kept.lock().await;
        let Some(k) = kept.as_mut().filter(|k| k.revision == stamp.before) else {
            return;
        };
        if saved.iter().any(|s| ties(k.resolved.plan(), s, saved)) {
            // Keep the result exactly that of a check from scratch (see the module doc).
            *kept = None;
            return;
        }
        for s in saved {
            if k.resolved
                .upsert_item(&s.record.delegation, s.record.item.clone())
                .is_err()
            {
                // Cannot happen while the tag holds (the delegation was in the plan the save
                // checked against); resolving again is always correct.
                *kept = None;
                return;
            }
        }
        k.revision = stamp.after;
    }

    /// Removes a deleted item from the kept plan, as [`Checker::saved`] applies a save.
    pub async fn deleted(&self, key: &Key, stamp: Stamp) {
        let mut kept = self.kept.lock().await;
        let Some(k) = kept.as_mut().filter(|k| k.revision == stamp.before) else {
            return;
        };
        if k.resolved.remove_item(key).is_err() {
            *kept = None;
            return;
        }
        k.revision = stamp.after;
    }

    /// How many times the whole plan was resolved since the store was opened.
    pub fn resolves(&self) -> u64 {
        self.resolves.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Whether `s` starts at the same instant as another item of its delegation, kept or saved
/// with it.
fn ties(plan: &Plan, s: &SavedItem, saved: &[SavedItem]) -> bool {
    let me = &s.record.item;
    let other = |i: &crate::model::ItineraryItem| i.key != me.key && i.start == me.start;
    plan.delegation(&s.record.delegation)
        .is_some_and(|d| d.items.iter().any(other))
        || saved
            .iter()
            .any(|o| o.record.delegation == s.record.delegation && other(&o.record.item))
}
