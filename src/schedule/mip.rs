//! The exact model of a visit as a mixed-integer program, solved by HiGHS's branch-and-cut:
//! the LP relaxation's (task, start, choice) columns (see `lp`) made binary.
//!
//! Its rows forbid what the CP model forbids: two holders of a venue at once (a row per
//! start point), two holders of a person nearer than the travel gap their sites need (the
//! stretched rows, and a pair row for every clash they miss), `after` orders, and the
//! interpreters' daily minutes. The continuous limit is a row per window of the limit plus
//! the break: exact when every start, duration and booked interpretation lies on the
//! 15-minute grid (a stretch is then a run of busy quarter hours, and one too long fills a
//! whole window starting where its first span starts), and a relaxation otherwise. So its
//! optimum is a lower bound on every proposal in all cases; the placement it finds is
//! checked like any other before it is proposed, which, with the bound, proves it optimal.
//!
//! HiGHS works in floating point: its dual bound is taken as it reports it (within its
//! tolerances, far below the one-unit steps of the integral costs), whereas the LP's bound is
//! certified by the Lagrangian evaluation. On the 20-request visit HiGHS proves the optimum
//! (402; the LP gives 338) in 5.4–8.2 s of one core alone, and `propose` with a 10 s budget
//! is proven after 6.5–7.6 s on the two-core bench machine.

use std::collections::HashMap;
use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus};

use super::lp::Prepared;
use super::problem::Placed;

/// What the MIP gave before its deadline.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Exact {
    /// The best placement found, in task order, not yet checked.
    pub placed: Option<Vec<Placed>>,
    /// HiGHS's dual bound, rounded up (none before it has one).
    pub bound: Option<i64>,
    /// Whether HiGHS proved `placed` optimal for the model.
    pub proven: bool,
}

/// The flags HiGHS's callback reads: any set stops the solve.
struct Interrupt<'a> {
    flags: &'a [&'a AtomicBool],
}

/// HiGHS's C callback: asks for an interrupt once a flag is set. `user` points at the
/// [`Interrupt`] that `solve_exact` keeps alive for the whole run. The crate's only unsafe
/// code (see the workspace lints), with the registration below: HiGHS offers no other way to
/// stop a solve before its time limit.
#[allow(unsafe_code)]
unsafe extern "C" fn interrupt(
    _kind: c_int,
    _message: *const c_char,
    _out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut c_void,
) {
    // SAFETY: `user` is the `Interrupt` passed to `Highs_setCallback` below, alive until
    // `Highs_run` returns; `data_in` is HiGHS's own, valid during the call (null for
    // callbacks that take no input).
    unsafe {
        let interrupt = &*(user as *const Interrupt<'_>);
        if !data_in.is_null() && interrupt.flags.iter().any(|f| f.load(Ordering::Relaxed)) {
            (*data_in).user_interrupt = 1;
        }
    }
}

impl Prepared {
    /// Solves the exact model before `deadline`, starting from `start` (a placement, in
    /// task order, whose pairs are all in the model; ignored otherwise), until any of `stop`
    /// is set.
    pub(crate) fn solve_exact(
        &self,
        start: &[Placed],
        seed: u64,
        deadline: Instant,
        stop: &[&AtomicBool],
    ) -> Exact {
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return Exact::default();
        };
        let mut model = self.highs_model(true, left);
        model.set_option("random_seed", (seed % i32::MAX as u64) as i32);
        // The costs are integers: a gap below one unit is no gap.
        model.set_option("mip_rel_gap", 0.0);
        model.set_option("mip_abs_gap", 0.999);
        // The CP search beside it finds the good placements; HiGHS's own improvement
        // heuristics only slow its proof (20-request visit, one core, four seeds: proven in
        // 5.4–8.2 s without them, 8.5–11.9 s with them). Its feasibility jump and branching
        // still find placements.
        for heuristic in ["rins", "rens", "root_reduced_cost", "zi_round", "shifting"] {
            model.set_option(format!("mip_heuristic_run_{heuristic}"), false);
        }
        if let Some(columns) = self.columns_of(start) {
            // A start HiGHS finds infeasible (it cannot be, its pairs keep every row) is
            // only a lost hint.
            let _ = model.try_set_solution(Some(&columns), None, None, None);
        }
        let interrupt = Interrupt { flags: stop };
        // SAFETY: the model is a valid HiGHS instance; `interrupt` outlives the run below,
        // which is the only time HiGHS calls back.
        #[allow(unsafe_code)]
        unsafe {
            let highs = model.as_mut_ptr();
            highs_sys::Highs_setCallback(
                highs,
                Some(interrupt_callback()),
                &interrupt as *const Interrupt<'_> as *mut c_void,
            );
            highs_sys::Highs_startCallback(highs, highs_sys::kHighsCallbackMipInterrupt as _);
            highs_sys::Highs_startCallback(highs, highs_sys::kHighsCallbackSimplexInterrupt as _);
        }
        let Ok(solved) = model.try_solve() else {
            return Exact::default();
        };
        let status = solved.status();
        let bound = solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            // Round-off below a millionth of a unit is not a unit.
            .map(|b| (b - 1e-6).ceil() as i64);
        let placed = (solved.primal_solution_status() == HighsSolutionStatus::Feasible)
            .then(|| self.placement_of(solved.get_solution().columns()))
            .flatten();
        Exact {
            proven: status == HighsModelStatus::Optimal && placed.is_some(),
            placed,
            bound,
        }
    }

    /// The 0/1 columns of a placement of every task, when each of its pairs is a column.
    fn columns_of(&self, placed: &[Placed]) -> Option<Vec<f64>> {
        if placed.len() != self.of_task.len() {
            return None;
        }
        let index: HashMap<(usize, i32, usize), usize> = self
            .pairs
            .iter()
            .enumerate()
            .map(|(x, p)| ((p.task, p.start, p.choice), x))
            .collect();
        let mut columns = vec![0.0; self.pairs.len()];
        for p in placed {
            columns[*index.get(&(p.task, p.start, p.choice))?] = 1.0;
        }
        Some(columns)
    }

    /// The placement a 0/1 solution stands for: per task its column at one (the largest,
    /// against round-off), in task order.
    fn placement_of(&self, columns: &[f64]) -> Option<Vec<Placed>> {
        self.of_task
            .iter()
            .map(|mine| {
                let &x = mine
                    .iter()
                    .max_by(|&&a, &&b| columns[a].total_cmp(&columns[b]))?;
                (columns[x] > 0.5).then(|| {
                    let p = &self.pairs[x];
                    Placed {
                        task: p.task,
                        choice: p.choice,
                        start: p.start,
                    }
                })
            })
            .collect()
    }
}

/// The callback as the type the C API takes.
fn interrupt_callback() -> unsafe extern "C" fn(
    c_int,
    *const c_char,
    *const highs_sys::HighsCallbackDataOut,
    *mut highs_sys::HighsCallbackDataIn,
    *mut c_void,
) {
    interrupt
}

#[cfg(test)]
mod tests;
