//! Proposing and accepting a delegation's programme: the use cases over the store that the
//! `itinera schedule` command and the app's "Propose programme" share.
//!
//! The scheduler itself (`crate::schedule`) is pure; this module loads what it needs (the
//! stored plan with its requests) and writes what the scheduler chose. Invariants:
//! - accepted items are saved as *tentative* holds through the store's conflict-checked
//!   [`Store::save_item`], whatever status they arrive with — accepting never confirms;
//! - accepting is all or nothing: when one save fails, the ones saved before it in the same
//!   call are deleted again and the error says nothing was saved.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::{ItemRecord, SaveItem};
use crate::model::{ItemStatus, ItineraryItem, Key};
use crate::plan::Plan;
use crate::schedule::{self, Options, Outcome};
use crate::store::Store;
use crate::wording::{Text, noun_ko};
use crate::{Error, Result};

/// The lead-in of a refused acceptance: the proposal is saved whole or not at all.
const NOTHING_SAVED: &str = "nothing saved";
const NOTHING_SAVED_KO: &str = "아무것도 저장하지 않았습니다";

/// Propose a programme for a delegation from its stored requests.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposeProgramme {
    /// The delegation.
    pub delegation: Key,
    /// Time the solver may spend improving the first proposal, in milliseconds.
    #[ts(type = "number")]
    pub budget_ms: u64,
}

/// Stop the running proposal of a delegation (its best proposal so far is returned).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StopProposal {
    /// The delegation.
    pub delegation: Key,
}

/// Save chosen proposed items as tentative holds, all or nothing.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AcceptProposal {
    /// The delegation they belong to.
    pub delegation: Key,
    /// The chosen items, as proposed.
    pub items: Vec<ItineraryItem>,
}

/// The first (greedy) proposal of a running "Propose programme", sent before the solver
/// improves on it so the scheduler sees a programme at once.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FirstProposal {
    /// The delegation.
    pub delegation: Key,
    /// The proposal so far.
    pub proposal: schedule::Proposal,
}

/// The longest budget a caller may ask for: a proposal is interactive work.
pub const MAX_BUDGET_MS: u64 = 600_000;

/// The stored plan (requests included) and the options for a proposal within `budget_ms`.
pub async fn prepare(
    store: &Store,
    budget_ms: u64,
    cancel: Option<Arc<AtomicBool>>,
) -> Result<(Plan, Options)> {
    if budget_ms > MAX_BUDGET_MS {
        return Err(Error::Invalid(Text::new(
            format!("budget_ms: at most {MAX_BUDGET_MS} ms (10 minutes), not {budget_ms}"),
            format!("시간 예산: 최대 {MAX_BUDGET_MS} ms(10분)입니다. 받은 값: {budget_ms}"),
        )));
    }
    let plan = store.load_plan().await?;
    let options = Options {
        budget: Duration::from_millis(budget_ms),
        cancel,
        ..Options::default()
    };
    Ok((plan, options))
}

/// How long the quick first proposal may take: enough for the greedy's retries (each pass is
/// milliseconds), short enough that the scheduler sees a programme at once.
pub const FIRST_PROPOSAL_MS: u64 = 250;

/// A quick first proposal (the greedy with its retries, at most [`FIRST_PROPOSAL_MS`]), or
/// `None` when that cannot place every request — the full run then decides or explains.
/// `cancel` stops it like the full run.
pub fn first_proposal(
    plan: &Plan,
    delegation: &Key,
    cancel: Option<Arc<AtomicBool>>,
) -> Option<schedule::Proposal> {
    let quick = Options {
        budget: Duration::from_millis(FIRST_PROPOSAL_MS),
        cancel,
        ..Options::default()
    };
    match schedule::propose(plan, delegation, &quick) {
        Ok(Outcome::Proposal(p)) => Some(p),
        _ => None,
    }
}

/// Saves the chosen items of a proposal as tentative holds, all or nothing; returns the
/// saved records in the order given.
pub async fn accept_proposal(store: &Store, input: &AcceptProposal) -> Result<Vec<ItemRecord>> {
    if input.items.is_empty() {
        return Err(Error::Invalid(Text::new(
            "items: choose at least one proposed item to accept",
            "일정: 받아들일 제안 일정을 하나 이상 고르세요",
        )));
    }
    let holds = input
        .items
        .iter()
        .map(|item| SaveItem {
            delegation: input.delegation.clone(),
            item: ItineraryItem {
                status: ItemStatus::Tentative,
                ..item.clone()
            },
            expected_version: None,
        })
        .collect();
    // One transaction: a refused item leaves nothing of the proposal behind.
    match store.save_items(&input.delegation, holds).await {
        Ok(saved) => Ok(saved.into_iter().map(|s| s.record).collect()),
        Err(Error::Conflict(m)) => Err(Error::Conflict(m.after(NOTHING_SAVED, NOTHING_SAVED_KO))),
        Err(Error::Duplicate { kind, key }) => Err(Error::Invalid(Text::new(
            format!(
                "{NOTHING_SAVED}: a {kind} with key '{key}' already exists (was this proposal \
                 accepted before?)"
            ),
            format!(
                "{NOTHING_SAVED_KO}: 이미 있는 {} 키입니다: '{key}' (이 제안을 이미 받아들였나요?)",
                noun_ko(kind)
            ),
        ))),
        Err(Error::Invalid(m)) => Err(Error::Invalid(m.after(NOTHING_SAVED, NOTHING_SAVED_KO))),
        Err(other) => Err(other),
    }
}
