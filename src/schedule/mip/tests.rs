//! The exact model on the 20-request example visit: HiGHS proves its optimum, which the
//! booking rules accept and no bound exceeds; a set stop flag ends the solve unproven.

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::conflicts::{Index, PrintLog};
use crate::plan::Plan;
use crate::schedule::lp::tests::{example, visit};
use crate::schedule::lp::{MAX_PAIRS, Prepared};
use crate::schedule::problem::{Placed, Problem};
use crate::schedule::{choices, greedy};

/// The visit's problem, its booking index, the prepared model and the greedy's placement
/// (in task order).
fn prepared<'p>(
    plan: &'p Plan,
    printed: &'p PrintLog,
) -> (Problem<'p>, Index<'p>, Prepared, Vec<Placed>) {
    let (problem, index, feasible, deadline) = visit(plan, printed);
    let Ok(prepared) = Prepared::build(&problem, &feasible, MAX_PAIRS) else {
        panic!("the visit's model is within the size limit");
    };
    let mut greedy = greedy::place_with_retries(&problem, &index, None, 40, deadline)
        .expect("the greedy places the visit");
    greedy.sort_by_key(|p| p.task);
    (problem, index, prepared, greedy)
}

#[test]
fn the_visit_optimum_is_proven_and_keeps_every_rule() {
    let (plan, printed) = (example(), PrintLog::default());
    let (problem, index, prepared, greedy) = prepared(&plan, &printed);
    let relaxed = prepared
        .solve(Instant::now() + Duration::from_secs(60))
        .bound()
        .expect("the LP is solved");
    let never = AtomicBool::new(false);
    // Not a timing: the budget only keeps a broken solver from hanging the tests.
    let exact = prepared.solve_exact(
        &greedy,
        7,
        Instant::now() + Duration::from_secs(300),
        &[&never],
    );
    assert!(exact.proven, "HiGHS proves the optimum: {exact:?}");
    let placed = exact.placed.expect("a proven optimum has its placement");
    assert!(
        choices::valid(&problem, &index, &placed),
        "the optimum keeps every booking rule, the interpreters' limits among them"
    );
    let cost = problem.objective(&placed);
    assert_eq!(exact.bound, Some(cost), "the dual bound meets the optimum");
    // 402: the best the CP search finds in 10 s, and a cost cap of 350 is infeasible for it.
    assert_eq!(cost, 402, "the visit's optimum over every choice");
    assert!(
        relaxed < cost && cost < problem.objective(&greedy),
        "the LP ({relaxed}) lies below the optimum ({cost}), which improves on the greedy"
    );
}

#[test]
fn a_set_stop_flag_ends_the_solve_unproven_with_the_start_kept() {
    let (plan, printed) = (example(), PrintLog::default());
    let (problem, _, prepared, greedy) = prepared(&plan, &printed);
    let stop = AtomicBool::new(true);
    let exact = prepared.solve_exact(
        &greedy,
        7,
        Instant::now() + Duration::from_secs(300),
        &[&stop],
    );
    assert!(
        !exact.proven,
        "an interrupted solve proves nothing: {exact:?}"
    );
    if let Some(placed) = exact.placed {
        assert!(
            problem.objective(&placed) <= problem.objective(&greedy),
            "what it returns is no worse than the start it was given"
        );
    }
}
