//! The relaxation on the 20-request example visit: its bound lies above the sequencing bound
//! over every choice and below a real placement; above the size limit it is skipped.

use std::time::{Duration, Instant};

use super::{MAX_PAIRS, Relaxation, bound};
use crate::conflicts::{Index, PrintLog};
use crate::model::Key;
use crate::plan::{self, Plan};
use crate::schedule::problem::Problem;
use crate::schedule::{choices, greedy};

/// The 20-request example plan (also the fixture of `mip`'s tests).
pub(crate) fn example() -> Plan {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/scheduling/director-visit-requests.json"
    );
    let text = std::fs::read_to_string(path).expect("the example plan is in the repository");
    match plan::read(&text, None) {
        Ok(p) => p,
        Err(problems) => panic!("{}", plan::format_problems(&problems)),
    }
}

/// The example visit's problem, booking index and feasible starts per choice, with the
/// deadline the tests solve by.
pub(crate) fn visit<'p>(
    plan: &'p Plan,
    printed: &'p PrintLog,
) -> (Problem<'p>, Index<'p>, Vec<Vec<Vec<i32>>>, Instant) {
    let visit = plan
        .delegation(&Key::new("choray-2026-03").expect("a valid key"))
        .expect("the visit is in the example");
    // The plan's own key: the problem borrows it for as long as the plan.
    let problem = Problem::build(plan, &visit.delegation.key).expect("the visit is known");
    let index = Index::build(plan, &[], printed);
    let deadline = Instant::now() + Duration::from_secs(120);
    let feasible = choices::feasible_starts(&problem, &index, None, deadline).expect("in time");
    (problem, index, feasible, deadline)
}

#[test]
fn the_visit_bound_lies_above_the_sequencing_bound_and_below_a_placement() {
    let (plan, printed) = (example(), PrintLog::default());
    let (problem, index, feasible, deadline) = visit(&plan, &printed);
    let domains = choices::any_choice_domains(&problem, &feasible);
    let sequencing = choices::bound_over_choices(&problem, &domains);
    let relaxed = bound(&problem, &feasible, MAX_PAIRS, deadline);
    let Relaxation::Bound {
        bound, value, rows, ..
    } = relaxed
    else {
        panic!("the visit's LP is solved: {relaxed:?}");
    };
    assert!(rows > 0, "the visit shares people, venues and interpreters");
    assert!(
        bound > sequencing,
        "the LP bound ({bound}) is stronger than the sequencing bound ({sequencing})"
    );
    assert!(
        (bound as f64 - value).abs() < 1.0,
        "the certified bound ({bound}) is the LP's value ({value}) rounded up"
    );
    let mut placed = greedy::place_with_retries(&problem, &index, None, 40, deadline)
        .expect("the greedy places the visit");
    // In task order, as the checks index it.
    placed.sort_by_key(|p| p.task);
    assert!(
        choices::valid(&problem, &index, &placed),
        "the greedy's placement keeps every rule"
    );
    let cost = problem.objective(&placed);
    assert!(
        bound <= cost,
        "the bound ({bound}) never exceeds a placement's cost ({cost})"
    );
}

#[test]
fn a_visit_with_more_pairs_than_the_limit_is_skipped() {
    let (plan, printed) = (example(), PrintLog::default());
    let (problem, _, feasible, deadline) = visit(&plan, &printed);
    let pairs: usize = feasible.iter().flatten().map(Vec::len).sum();
    assert_eq!(
        bound(&problem, &feasible, pairs - 1, deadline),
        Relaxation::TooLarge {
            pairs,
            limit: pairs - 1
        },
        "one pair over the limit is not solved"
    );
    let past = Instant::now() - Duration::from_millis(1);
    assert_eq!(
        bound(&problem, &feasible, MAX_PAIRS, past),
        Relaxation::Unsolved,
        "a deadline already passed solves nothing"
    );
}
