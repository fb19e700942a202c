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
//! Item saves and deletes use the kept plan too, and keep it current instead of discarding
//! it. Their write transaction reads the revision first; when the kept plan is of it, the
//! new items are validated and checked against it (`placing.rs`) — no read of the whole plan,
//! no index built — otherwise the plan is read in the transaction, resolved and kept. The
//! edit goes into the kept plan, which is tagged with the revision read again just before the
//! commit (writers are serialised, so that is exactly the edit). A refusal takes the edit out
//! again; a failure after it forgets the kept plan. Anything else (a write elsewhere, a
//! directory change) leaves the tag behind, and the next check or save reads the plan again.
//! The kept plan thus always equals the database at its tag.
//!
//! Checks give the same result as a check from scratch, message for message. One case needs
//! care: the rules order two items that start at the same instant by their position in the
//! plan, which a fresh read sorts by start and key, while an edited item keeps its position
//! and an added one goes last. So an edit that leaves an item of a delegation starting
//! together with another of the same delegation is not kept; the next check reads the plan
//! again. (The conflicts that save itself answers with may name such a pair the other way
//! round; their identity, severity and times are the same.)

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::sync::{Mutex, MutexGuard};

use crate::conflicts::{AcknowledgedConflict, Conflict, PrintLog, ResolvedPlan, report};
use crate::model::{ItineraryItem, Key, Lang};
use crate::plan::Plan;
use crate::{Error, Result};

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
    resolves: Arc<AtomicU64>,
    /// Whether conflict messages are written in Korean when the caller does not say
    /// (see [`crate::store::Store::set_message_language`]).
    korean: Arc<AtomicBool>,
}

impl std::fmt::Debug for Checker {
    // The plan can hold 100,000 items: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker").finish_non_exhaustive()
    }
}

impl Checker {
    /// Every conflict (of `delegation`, or all), blocking first, messages in `lang` (see
    /// [`Checker::with_current`] for `read`). The kept plan does not depend on the language:
    /// one resolved plan serves checks in every language.
    pub async fn check<F>(
        &self,
        delegation: Option<&Key>,
        lang: Lang,
        read: F,
    ) -> Result<Vec<Conflict>>
    where
        F: AsyncFnOnce(Option<i64>) -> Result<Snapshot>,
    {
        self.with_current(read, |resolved, acks, printed| {
            if let Some(d) = delegation
                && resolved.plan().delegation(d).is_none()
            {
                return Err(Error::NotFound {
                    kind: "delegation",
                    key: d.to_string(),
                });
            }
            let all = resolved.check_in(acks, printed, lang);
            Ok(match delegation {
                Some(d) => report::of_delegation(all, d),
                None => all,
            })
        })
        .await
    }

    /// Calls `f` with the resolved plan as the database holds it now, and the
    /// acknowledgements and print log of the same snapshot. `read` gets the revision of the
    /// kept plan (none at first) and returns the snapshot, with the plan only when the kept
    /// one is not current; the lock is held meanwhile, so two callers never resolve the same
    /// revision twice.
    pub async fn with_current<F, R>(
        &self,
        read: F,
        f: impl FnOnce(&ResolvedPlan, &[AcknowledgedConflict], &PrintLog) -> Result<R>,
    ) -> Result<R>
    where
        F: AsyncFnOnce(Option<i64>) -> Result<Snapshot>,
    {
        let mut kept = self.kept.lock().await;
        let snapshot = read(kept.as_ref().map(|k| k.revision)).await?;
        let current = match (kept.take(), snapshot.plan) {
            (_, Some(plan)) => {
                self.resolves.fetch_add(1, Ordering::Relaxed);
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
        f(&kept.resolved, &snapshot.acks, &snapshot.printed)
    }

    /// The kept plan, locked for one write transaction (see [`Writing`]).
    pub async fn write(&self) -> Writing<'_> {
        Writing {
            kept: self.kept.lock().await,
            resolves: &self.resolves,
        }
    }

    /// The language of conflict messages when a caller does not name one: Korean or English.
    pub fn set_language(&self, lang: Lang) {
        self.korean.store(lang == Lang::Ko, Ordering::Relaxed);
    }

    /// See [`Checker::set_language`].
    pub fn language(&self) -> Lang {
        if self.korean.load(Ordering::Relaxed) {
            Lang::Ko
        } else {
            Lang::En
        }
    }

    /// How many times the whole plan was resolved since the store was opened.
    pub fn resolves(&self) -> u64 {
        self.resolves.load(Ordering::Relaxed)
    }
}

/// The kept plan during one item write. The write transaction reads the revision first:
/// [`Writing::at`] gives the resolved plan of exactly that revision (the kept one, or one read
/// in the transaction), the write puts its items into it, and [`Writing::committed`] tags it
/// with the revision after the commit. A write that fails once its items are in the plan
/// calls [`Writing::forget`] (a refusal by the rules has already taken them out again).
pub(super) struct Writing<'a> {
    kept: MutexGuard<'a, Option<Kept>>,
    resolves: &'a AtomicU64,
}

impl Writing<'_> {
    /// The resolved plan of `revision`: the kept one when it is of it, else `load`ed (inside
    /// the caller's transaction) and resolved, and kept from now on.
    pub async fn at<F>(&mut self, revision: i64, load: F) -> Result<&mut ResolvedPlan>
    where
        F: AsyncFnOnce() -> Result<Plan>,
    {
        if self.kept.as_ref().is_none_or(|k| k.revision != revision) {
            *self.kept = None;
            let plan = load().await?;
            self.resolves.fetch_add(1, Ordering::Relaxed);
            *self.kept = Some(Kept {
                revision,
                resolved: ResolvedPlan::new(plan),
            });
        }
        match self.kept.as_mut() {
            Some(k) => Ok(&mut k.resolved),
            None => Err(Error::storage("read", "the resolved plan vanished")),
        }
    }

    /// The kept plan if it is of `revision` (a delete has nothing to check, so it never
    /// reads the plan for this).
    pub fn kept_at(&mut self, revision: i64) -> Option<&mut ResolvedPlan> {
        self.kept
            .as_mut()
            .filter(|k| k.revision == revision)
            .map(|k| &mut k.resolved)
    }

    /// The write committed: the kept plan (holding its edit) is of revision `after` now. An
    /// edit that left an item starting together with another of its delegation is not kept
    /// (see the module doc): the next check reads the plan again.
    /// `before` is the revision the transaction began at; a kept plan of another revision
    /// (none of this write's doing) is left as it is.
    pub fn committed(&mut self, before: i64, after: i64, edited: &[(Key, ItineraryItem)]) {
        let Some(k) = self.kept.as_mut().filter(|k| k.revision == before) else {
            return;
        };
        if edited
            .iter()
            .any(|(d, item)| ties(k.resolved.plan(), d, item))
        {
            *self.kept = None;
        } else {
            k.revision = after;
        }
    }

    /// An item deleted by a transaction that began at `before` and committed at `after`:
    /// taken out of a kept plan of `before` (one of another revision is left as it is).
    pub fn deleted(&mut self, key: &Key, before: i64, after: i64) {
        if let Some(resolved) = self.kept_at(before) {
            match resolved.remove_item(key) {
                Ok(_) => self.committed(before, after, &[]),
                Err(_) => self.forget(),
            }
        }
    }

    /// The write failed after its items went into the kept plan: nobody can vouch for it.
    pub fn forget(&mut self) {
        *self.kept = None;
    }
}

/// Whether `item` starts at the same instant as another item of `delegation`.
fn ties(plan: &Plan, delegation: &Key, item: &ItineraryItem) -> bool {
    plan.delegation(delegation).is_some_and(|d| {
        d.items
            .iter()
            .any(|i| i.key != item.key && i.start == item.start)
    })
}
