//! Commands for scheduling requests and "Propose programme": adapters like those in
//! [`crate::commands`] over `itinera::store` (requests) and `itinera::programme` (proposals).
//!
//! A proposal runs the pure scheduler on a blocking thread, so the window stays responsive.
//! It is *anytime*: the quick greedy proposal is sent at once as the [`FIRST_PROPOSAL_EVENT`]
//! app event, then the solver improves on it until the budget ends, optimality is proven, or
//! [`stop_proposal`] sets the run's cancel flag — the command then returns the best proposal
//! so far. The cancel flags live in managed [`ProposalRuns`], one per delegation; starting a
//! second run for the same delegation stops the first.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use itinera::UiError;
use itinera::api::{ItemRecord, KeyInput};
use itinera::model::Key;
use itinera::programme::{self, AcceptProposal, FirstProposal, ProposeProgramme, StopProposal};
use itinera::schedule::{self, Outcome};
use itinera::store::{ReorderRequests, RequestRecord, SaveRequest, Store};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::commands::to_ui;

/// The app event carrying a [`FirstProposal`] while the solver keeps improving it.
pub const FIRST_PROPOSAL_EVENT: &str = "itinera://first-proposal";

/// The cancel flags of running proposals, by delegation. The lock is held only to insert,
/// look up or remove a flag, never while a proposal runs.
#[derive(Debug, Default)]
pub struct ProposalRuns(Mutex<HashMap<Key, Arc<AtomicBool>>>);

impl ProposalRuns {
    /// Registers a new run (stopping one already running for the delegation).
    fn start(&self, delegation: &Key) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let mut runs = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(old) = runs.insert(delegation.clone(), flag.clone()) {
            old.store(true, Ordering::Relaxed);
        }
        flag
    }

    /// Forgets a finished run (unless a newer one replaced it).
    fn finish(&self, delegation: &Key, flag: &Arc<AtomicBool>) {
        let mut runs = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if runs.get(delegation).is_some_and(|f| Arc::ptr_eq(f, flag)) {
            runs.remove(delegation);
        }
    }

    /// Sets the cancel flag of the delegation's run; whether one was running.
    fn stop(&self, delegation: &Key) -> bool {
        let runs = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match runs.get(delegation) {
            Some(flag) => {
                flag.store(true, Ordering::Relaxed);
                true
            }
            None => false,
        }
    }
}

/// The requests of a delegation, in their order.
#[tauri::command]
pub async fn list_requests(
    store: State<'_, Store>,
    input: KeyInput,
) -> Result<Vec<RequestRecord>, UiError> {
    store
        .list_requests(&input.key)
        .await
        .map_err(|e| to_ui("list_requests", e))
}

/// Creates or updates a request (checked as plan files are; updates quote their version).
#[tauri::command]
pub async fn save_request(
    store: State<'_, Store>,
    input: SaveRequest,
) -> Result<RequestRecord, UiError> {
    store
        .save_request(input)
        .await
        .map_err(|e| to_ui("save_request", e))
}

/// Deletes a request nothing is ordered after.
#[tauri::command]
pub async fn delete_request(store: State<'_, Store>, input: KeyInput) -> Result<(), UiError> {
    store
        .delete_request(&input.key)
        .await
        .map_err(|e| to_ui("delete_request", e))
}

/// Puts a delegation's requests in a new order.
#[tauri::command]
pub async fn reorder_requests(
    store: State<'_, Store>,
    input: ReorderRequests,
) -> Result<Vec<RequestRecord>, UiError> {
    store
        .reorder_requests(input)
        .await
        .map_err(|e| to_ui("reorder_requests", e))
}

/// Proposes a programme from the stored requests: the first proposal as an event, the best
/// one (or the reasons it cannot be done) as the answer.
#[tauri::command]
pub async fn propose_programme<R: Runtime>(
    app: AppHandle<R>,
    store: State<'_, Store>,
    runs: State<'_, ProposalRuns>,
    input: ProposeProgramme,
) -> Result<Outcome, UiError> {
    let cancel = runs.start(&input.delegation);
    let outcome = run_proposal(app, &store, &input, cancel.clone()).await;
    runs.finish(&input.delegation, &cancel);
    outcome.map_err(|e| to_ui("propose_programme", e))
}

async fn run_proposal<R: Runtime>(
    app: AppHandle<R>,
    store: &Store,
    input: &ProposeProgramme,
    cancel: Arc<AtomicBool>,
) -> itinera::Result<Outcome> {
    let (plan, options) = programme::prepare(store, input.budget_ms, Some(cancel)).await?;
    let delegation = input.delegation.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Some(proposal) =
            programme::first_proposal(&plan, &delegation, options.cancel.clone())
        {
            let first = FirstProposal {
                delegation: delegation.clone(),
                proposal,
            };
            if let Err(e) = app.emit(FIRST_PROPOSAL_EVENT, &first) {
                tracing::warn!(error = %e, "could not send the first proposal to the window");
            }
        }
        schedule::propose(&plan, &delegation, &options)
    })
    .await
    .map_err(crate::roster::stopped)?
}

/// Stops the delegation's running proposal; it returns its best proposal so far. Whether one
/// was running.
#[tauri::command]
pub fn stop_proposal(runs: State<'_, ProposalRuns>, input: StopProposal) -> bool {
    runs.stop(&input.delegation)
}

/// Saves chosen proposed items as tentative holds, all or nothing.
#[tauri::command]
pub async fn accept_proposal(
    store: State<'_, Store>,
    input: AcceptProposal,
) -> Result<Vec<ItemRecord>, UiError> {
    programme::accept_proposal(&store, &input)
        .await
        .map_err(|e| to_ui("accept_proposal", e))
}
