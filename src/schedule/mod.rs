//! Proposing a delegation's programme: its scheduling requests placed in time, around
//! everything already booked, or the reasons why they cannot all be placed.
//!
//! A pure core: the input is the [`Plan`] (directory, every delegation with its items, and the
//! requests) plus [`Options`] (time budget, seed, cancel flag); no clock is read except to
//! honour the budget, and every local time is the delegation's zone. Invariants:
//! - every proposed item is checked with the booking engine's own checker
//!   ([`crate::conflicts::Index::check_item`]) against everything booked, and against the other
//!   proposed items for double bookings and travel times; a proposal never carries a blocking
//!   conflict and never leaves a request's hard limits (window, dates, `after` orders);
//! - pinned requests (and requests whose item already exists) never move;
//! - [`Infeasible::requirements`] is a minimal set of requests: without any one of them the
//!   rest can be placed (checked by the solver, see `reasons`).
//!
//! How: `problem` turns requests into tasks on a 15-minute grid with their cost per start
//! (soft goals, see [`weights`]); `greedy` places them tightest first at the cheapest
//! feasible start (the first proposal, in milliseconds); `solver` builds a pumpkin CP model
//! (start variables over the feasible starts, no-overlap per shared person and venue, travel
//! gaps, `after` orders, a weighted objective) bounded by the greedy objective and improves it
//! until the budget ends or optimality is proven (`bound` gives a lower bound, so a proposal
//! that reaches it is optimal without search, and `sequence` keeps that bound during the
//! search). For a visit, `choices` models every start and every venue, host and interpreter
//! choice at once (the interpreters' limits a lazy propagator, `limits`), starting from the
//! optimum for the greedy's choices found first; its bound (`bound` over every choice,
//! interpreter pools sequenced two or more at a time, or with 0.9 s or more left the
//! time-indexed LP relaxation of `lp`, solved beside the search, whichever is larger) and its
//! "optimal" hold for every choice. With [`Options::explore_choices`] off the whole model proves the optimum for the
//! greedy's choices and `lns` rounds may try others. Above a few dozen tasks `lns` (times
//! and choices) re-solves one neighbourhood at a time instead; there the models do not hold
//! the interpreters' limits: the greedy and every round check them
//! (`Problem::interpreter_fits`) and a solution that breaks them is refused. When the greedy
//! cannot place everything the solver decides: a solution
//! seeds a second greedy pass, an unsatisfiable core is minimised
//! into plain-words reasons (`reasons`).

mod bound;
mod choices;
mod greedy;
mod limits;
mod lns;
mod lp;
mod mip;
mod problem;
mod reasons;
mod sequence;
mod solver;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use crate::model::{ItineraryItem, Key};
use crate::plan::Plan;
use crate::wording::Text;
use crate::{Error, Result};

pub use lp::Relaxation;
pub use problem::weights;

/// Greedy passes before the solver is asked (each moves the stuck task forward).
const GREEDY_PASSES: usize = 40;

/// How long and how to search.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time for the solver to improve the first proposal (or to explain infeasibility).
    pub budget: Duration,
    /// Seed of the solver's random choices (the same seed gives the same proposal).
    pub seed: u64,
    /// Set to stop early; the best proposal so far is returned.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Whether a visit's search covers every venue, host and interpreter choice (its
    /// `optimal` and `bound` then hold for all of them), rather than proving the optimum for
    /// the greedy's choices and trying others with the time left. A course always tries
    /// other choices.
    pub explore_choices: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            budget: Duration::from_millis(2000),
            seed: 42,
            cancel: None,
            explore_choices: true,
        }
    }
}

/// A log filter directive for the default filters of the command line and the app: the
/// `highs` crate logs every solve that ends at its time limit or by an interrupt (how the
/// scheduler always stops the MIP) as a warning, which is no news to the user.
pub const SOLVER_LOG_DIRECTIVE: &str = "highs=error";

/// Which engine produced the returned proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// The greedy constructor alone (the solver found nothing better in the budget).
    Greedy,
    /// A solver improved on the greedy start: the CP search, or for a visit the exact MIP.
    Solver,
}

/// A complete programme for the delegation's requests.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Proposal {
    /// The proposed items (tentative), one per request that was not pinned or placed already,
    /// sorted by start.
    pub items: Vec<ItineraryItem>,
    /// Weighted soft-goal cost (lower is better; see [`weights`]).
    #[ts(type = "number")]
    pub objective: i64,
    /// Cost of the first (greedy) proposal.
    #[ts(type = "number")]
    pub first_objective: i64,
    /// Whether the solver proved that no proposal has a lower cost: with any venues, hosts
    /// and interpreters for a visit searched with [`Options::explore_choices`], otherwise for
    /// the chosen ones.
    pub optimal: bool,
    /// A lower bound on the cost of any proposal (over the same choices as `optimal`; none
    /// when the budget ended before it was computed); `objective - bound` is the most the
    /// proposal can be improved.
    #[ts(type = "number | null")]
    pub bound: Option<i64>,
    /// When not proven optimal, the most the cost can lie above the best possible, in
    /// percent (rounded up) — `(objective - bound) / bound`; none when optimal or without a
    /// positive bound. What the window and the CLI tell the scheduler.
    pub within_percent: Option<u32>,
    /// Which engine found `items`.
    pub engine: Engine,
    /// Milliseconds until the first complete proposal.
    #[ts(type = "number")]
    pub first_ms: u64,
    /// Milliseconds until the returned proposal was found.
    #[ts(type = "number")]
    pub best_ms: u64,
    /// Milliseconds in total.
    #[ts(type = "number")]
    pub total_ms: u64,
}

/// One requirement of a reason set, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Requirement {
    /// The request.
    pub request: Key,
    /// What it needs and where it could go, e.g. "‘Meeting with the director’ (60 min) needs
    /// 김민수 and fits only Tue 10 Mar 09:00–10:30".
    pub text: String,
    /// The same in Korean, for a Korean window.
    pub text_ko: String,
}

/// Why the requests cannot all be placed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Infeasible {
    /// One sentence naming what the requirements share.
    pub summary: String,
    /// The same in Korean, for a Korean window.
    pub summary_ko: String,
    /// A minimal set: these cannot all hold, any proper subset can (when `minimal`).
    pub requirements: Vec<Requirement>,
    /// Whether the set was proven minimal within the budget.
    pub minimal: bool,
    /// Milliseconds taken.
    #[ts(type = "number")]
    pub total_ms: u64,
}

/// The answer of [`propose`].
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A complete programme.
    Proposal(Proposal),
    /// The requests cannot all be placed.
    Infeasible(Infeasible),
}

/// Proposes a programme for the requests of `delegation` in `plan`. Fails when the
/// delegation is unknown or has no request left to place.
pub fn propose(plan: &Plan, delegation: &Key, options: &Options) -> Result<Outcome> {
    let started = Instant::now();
    if plan.delegation(delegation).is_none() {
        return Err(Error::NotFound {
            kind: "delegation",
            key: delegation.to_string(),
        });
    }
    let printed = crate::conflicts::PrintLog::default();
    let index = crate::conflicts::Index::build(plan, &[], &printed);
    let problem = problem::Problem::build(plan, delegation)?;
    if problem.tasks.is_empty() {
        return Err(nothing_to_place(delegation));
    }
    let deadline = started + options.budget;
    let placed = match greedy::place_with_retries(&problem, &index, None, GREEDY_PASSES, deadline) {
        Ok(p) => p,
        Err(stuck) => match solver::explain(&problem, &index, options, deadline) {
            solver::Explained::Feasible(hint) => {
                match greedy::place_with_retries(
                    &problem,
                    &index,
                    Some(&hint),
                    GREEDY_PASSES,
                    deadline,
                ) {
                    Ok(p) => p,
                    Err(stuck) => {
                        // The hint came from a model with the choices relaxed; the model over
                        // every choice is exact, so it finds a programme whenever one exists
                        // (half the time left, the rest improves it).
                        let left = deadline.saturating_duration_since(Instant::now());
                        let found = (problem.tasks.len() <= solver::WHOLE_MODEL_TASKS)
                            .then(|| {
                                choices::place(&problem, &index, options, Instant::now() + left / 2)
                            })
                            .flatten();
                        match found {
                            Some(p) => p,
                            None => {
                                let why = reasons::unplaced(&problem, &index, stuck, started);
                                return Ok(Outcome::Infeasible(why));
                            }
                        }
                    }
                }
            }
            solver::Explained::Unknown => {
                let why = reasons::unplaced(&problem, &index, stuck, started);
                return Ok(Outcome::Infeasible(why));
            }
            solver::Explained::Core(core, minimal) => {
                let why = reasons::describe(&problem, &index, &core, minimal, started);
                return Ok(Outcome::Infeasible(why));
            }
        },
    };
    let first_ms = started.elapsed().as_millis() as u64;
    let first_objective = problem.objective(&placed);
    let improved = solver::improve(&problem, &index, &placed, options, deadline);
    let bound = improved.as_ref().map(|i| i.bound);
    let (chosen, engine, optimal, best_ms) = match improved {
        Some(better) if problem.objective(&better.placed) < first_objective => {
            let best_ms = better.found_at.duration_since(started).as_millis() as u64;
            (better.placed, Engine::Solver, better.optimal, best_ms)
        }
        Some(same) => (placed, Engine::Greedy, same.optimal, first_ms),
        None => (placed, Engine::Greedy, false, first_ms),
    };
    let objective = problem.objective(&chosen);
    let mut items: Vec<ItineraryItem> = chosen
        .iter()
        .map(|p| problem.item(p.task, p.choice, p.start))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            Error::Invalid(Text::new(
                "a proposed start fell into a clock change",
                "제안한 시작 시각이 시간 변경(서머타임)으로 없는 시각입니다",
            ))
        })?;
    items.sort_by_key(|i| i.start);
    Ok(Outcome::Proposal(Proposal {
        items,
        objective,
        first_objective,
        optimal,
        bound,
        within_percent: within_percent(objective, bound, optimal),
        engine,
        first_ms,
        best_ms,
        total_ms: started.elapsed().as_millis() as u64,
    }))
}

/// The time-indexed LP relaxation's lower bound for the requests of `delegation` over every
/// start and every venue, host and interpreter choice (see `lp`; [`propose`] keeps the larger
/// of it and its sequencing bound for a visit), solved within `budget`. For benchmarks and
/// diagnostics. Fails when the delegation is unknown or has no request left to place.
pub fn relaxation_bound(plan: &Plan, delegation: &Key, budget: Duration) -> Result<Relaxation> {
    let deadline = Instant::now() + budget;
    let problem = problem::Problem::build(plan, delegation)?;
    if problem.tasks.is_empty() {
        return Err(nothing_to_place(delegation));
    }
    let printed = crate::conflicts::PrintLog::default();
    let index = crate::conflicts::Index::build(plan, &[], &printed);
    let Some(feasible) = choices::feasible_starts(&problem, &index, None, deadline) else {
        return Ok(Relaxation::Unsolved);
    };
    Ok(lp::bound(&problem, &feasible, lp::MAX_PAIRS, deadline))
}

/// See [`Proposal::within_percent`]: the best possible cost is at least `bound`, so the cost
/// lies at most `objective / bound - 1` above it.
fn within_percent(objective: i64, bound: Option<i64>, optimal: bool) -> Option<u32> {
    let bound = bound.filter(|&b| b > 0 && !optimal && objective > b)?;
    let excess = (objective - bound) * 100;
    // Rounded up: "at most" must stay true.
    u32::try_from((excess + bound - 1) / bound).ok()
}

/// A delegation whose requests are all placed already (or that has none).
fn nothing_to_place(delegation: &Key) -> Error {
    Error::Invalid(Text::new(
        format!("delegation '{delegation}' has no scheduling request left to place"),
        format!("배치할 일정 요청이 남지 않은 방문단입니다: '{delegation}'"),
    ))
}

#[cfg(test)]
mod tests {
    use super::within_percent;

    #[test]
    fn the_margin_is_rounded_up_and_only_told_when_unproven() {
        // 402 against a bound of 338 is 18.9 % above: told as 19 %, never 18.
        assert_eq!(within_percent(402, Some(338), false), Some(19));
        assert_eq!(within_percent(200, Some(100), false), Some(100));
        assert_eq!(within_percent(101, Some(100), false), Some(1));
        assert_eq!(within_percent(402, Some(402), true), None);
        assert_eq!(within_percent(402, Some(338), true), None, "optimal wins");
        assert_eq!(
            within_percent(50, Some(0), false),
            None,
            "no ratio to a zero bound"
        );
        assert_eq!(within_percent(50, None, false), None);
    }
}
