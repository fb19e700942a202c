//! Progress and cancellation of long operations (importing a roster, printing a copy for
//! every member), without any window: the caller passes a cancel flag and a callback, the
//! domain reports `done of total` and stops at the next step once the flag is set.
//!
//! Invariant: an operation that stops because of the flag returns [`Error::Cancelled`]
//! before it writes anything (or inside its one transaction, which then rolls back), so a
//! cancelled operation leaves nothing half-written.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// How far a long operation is, as the window's progress bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OperationProgress {
    /// The id the window gave the operation when starting it.
    pub operation: String,
    /// Steps done (members written, copies printed).
    #[ts(type = "number")]
    pub done: u64,
    /// Steps in all.
    #[ts(type = "number")]
    pub total: u64,
}

/// Cancel the running operation with this id.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CancelOperation {
    /// The id the window gave the operation.
    pub id: String,
}

/// What a long operation reports to and asks of its caller.
#[derive(Clone, Copy)]
pub struct Progress<'a> {
    operation: &'static str,
    cancel: Option<&'a AtomicBool>,
    report: Option<&'a (dyn Fn(u64, u64) + Send + Sync)>,
}

impl std::fmt::Debug for Progress<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("operation", &self.operation)
            .field("cancelled", &self.is_cancelled())
            .finish_non_exhaustive()
    }
}

impl<'a> Progress<'a> {
    /// No reporting and no cancelling (the command line, callers that wait anyway).
    pub fn none(operation: &'static str) -> Self {
        Progress {
            operation,
            cancel: None,
            report: None,
        }
    }

    /// Reports to `report(done, total)` and stops once `cancel` is set. `operation` names
    /// the operation in the cancellation message ("the import").
    pub fn new(
        operation: &'static str,
        cancel: &'a AtomicBool,
        report: &'a (dyn Fn(u64, u64) + Send + Sync),
    ) -> Self {
        Progress {
            operation,
            cancel: Some(cancel),
            report: Some(report),
        }
    }

    /// Whether the caller asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }

    /// [`Error::Cancelled`] once the caller asked to stop.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled {
                operation: self.operation,
            })
        } else {
            Ok(())
        }
    }

    /// Reports `done` of `total` steps.
    pub fn report(&self, done: u64, total: u64) {
        if let Some(report) = self.report {
            report(done, total);
        }
    }

    /// Checks for a cancel, then reports: the call to make before each step's write.
    pub fn step(&self, done: u64, total: u64) -> Result<()> {
        self.check()?;
        self.report(done, total);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[test]
    fn a_set_flag_stops_the_next_step_and_names_the_operation() {
        let cancel = AtomicBool::new(false);
        let seen = Mutex::new(Vec::new());
        let report = |d, t| seen.lock().expect("lock").push((d, t));
        let p = Progress::new("the import", &cancel, &report);
        p.step(1, 3).expect("not cancelled yet");
        cancel.store(true, Ordering::Relaxed);
        let err = p.step(2, 3).expect_err("cancelled");
        assert_eq!(
            err.to_string(),
            "the import was cancelled; nothing was saved",
            "the message names what stopped"
        );
        assert_eq!(
            *seen.lock().expect("lock"),
            vec![(1, 3)],
            "a cancelled step is not reported as done"
        );
    }

    #[test]
    fn none_never_cancels() {
        let p = Progress::none("printing");
        assert!(p.step(5, 5).is_ok(), "without a flag nothing stops");
    }
}
