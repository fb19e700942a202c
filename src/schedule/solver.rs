//! The CP model (pumpkin): improving a proposal under a time budget, and finding which
//! requests cannot all hold.
//!
//! Variables are the tasks' starts over their feasible grid starts (those that pass the
//! booking checker against everything booked, so venue hours, availability, the stay and
//! other visits' bookings are already in the domains). Constraints: `after` orders, one
//! no-overlap (disjunctive) per shared person and per shared venue, and for two tasks sharing
//! a person at sites apart a choice of order that leaves the travel time between them. The
//! objective is the sum of the per-start costs (a table constraint per task), bounded by the
//! greedy proposal's cost; the linear SAT-UNSAT search tightens it until the budget ends or
//! the bound is proven.
//!
//! Explaining: every task gets a "parking" start after the visit and an activation
//! assumption `start ≤ horizon`; an unsatisfiable core of those assumptions is a set of
//! requests that cannot all be placed, and dropping each one in turn (deletion-based
//! minimisation) leaves a minimal set.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use pumpkin_conflict_resolvers::resolvers::ResolutionResolver;
use pumpkin_core::optimisation::OptimisationDirection;
use pumpkin_core::optimisation::linear_sat_unsat::LinearSatUnsat;
use pumpkin_core::options::SolverOptions;
use pumpkin_core::predicates::{Predicate, PredicateConstructor};
use pumpkin_core::rand::SeedableRng;
use pumpkin_core::rand::rngs::SmallRng;
use pumpkin_core::results::{
    OptimisationResult, ProblemSolution, SatisfactionResultUnderAssumptions,
};
use pumpkin_core::termination::TerminationCondition;
use pumpkin_core::variables::{DomainId, TransformableVariable};
use pumpkin_core::{DefaultBrancher, Solver};
use pumpkin_propagators::disjunctive::ArgDisjunctiveTask;

use super::Options;
use super::problem::{Placed, Problem, shares};
use crate::conflicts::Index;

/// The model's time unit in minutes: grid starts are multiples of it, durations and travel
/// gaps are rounded up to it (never shorter than asked), and domains stay small.
const UNIT: i32 = 5;

fn units(minutes: i32) -> i32 {
    (minutes + UNIT - 1).div_euclid(UNIT)
}

/// Stops the search at the deadline or when the cancel flag is set.
struct Stop {
    deadline: Instant,
    cancel: Option<Arc<AtomicBool>>,
}

impl TerminationCondition for Stop {
    fn should_stop(&mut self) -> bool {
        Instant::now() >= self.deadline
            || self
                .cancel
                .as_ref()
                .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// What the solver made of a better proposal.
pub(crate) struct Improved {
    pub placed: Vec<Placed>,
    pub optimal: bool,
}

/// What the solver says when the greedy could not place everything.
pub(crate) enum Explained {
    /// A solution exists (choices relaxed): its starts per task, as a hint for the greedy.
    Feasible(Vec<i32>),
    /// These tasks cannot all be placed; `true` when proven minimal.
    Core(Vec<usize>, bool),
    /// The budget ran out before an answer.
    Unknown,
}

fn new_solver(options: &Options) -> Solver {
    Solver::with_options(SolverOptions {
        random_generator: SmallRng::seed_from_u64(options.seed),
        ..SolverOptions::default()
    })
}

/// The model's variables.
struct Model {
    solver: Solver,
    starts: Vec<DomainId>,
    costs: Vec<DomainId>,
    horizon: i32,
}

/// Which resources and site a task holds in the model: its fixed choice, or (relaxed) what
/// all of its choices hold.
struct Holding {
    venue: Option<u32>,
    people: Vec<u32>,
    choice: Option<usize>,
}

fn holding(problem: &Problem<'_>, t: usize, fixed: Option<usize>) -> Holding {
    let task = &problem.tasks[t];
    match fixed {
        Some(c) => Holding {
            venue: task.choices[c].venue_res,
            people: task.choices[c].people.clone(),
            choice: Some(c),
        },
        None => {
            let mut people = task
                .choices
                .first()
                .map(|c| c.people.clone())
                .unwrap_or_default();
            people.retain(|p| task.choices.iter().all(|c| c.people.contains(p)));
            let venue = task.choices.first().and_then(|c| c.venue_res);
            let venue = venue.filter(|v| task.choices.iter().all(|c| c.venue_res == Some(*v)));
            let one_site = task.choices.iter().all(|c| c.site == task.choices[0].site);
            Holding {
                venue,
                people,
                choice: one_site.then_some(0),
            }
        }
    }
}

/// Builds the model. `domains[t]` are the feasible starts of task `t` (with their cost);
/// with `park`, each task may also be parked beyond the horizon.
fn model(
    problem: &Problem<'_>,
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
    park: bool,
    options: &Options,
) -> Model {
    let mut solver = new_solver(options);
    let tag = solver.new_constraint_tag();
    let n = problem.tasks.len();
    let mut starts = Vec::with_capacity(n);
    let mut costs = Vec::with_capacity(n);
    let horizon = horizon(domains);
    // Parked starts follow one another after the horizon, so they never overlap.
    let mut park_at = horizon + 1;
    for (t, domain) in domains.iter().enumerate() {
        let mut values: Vec<i32> = domain.iter().map(|d| d.0 / UNIT).collect();
        let mut rows: Vec<Vec<i32>> = domain
            .iter()
            .map(|d| vec![d.0 / UNIT, d.1 as i32])
            .collect();
        if park {
            values.push(park_at);
            rows.push(vec![park_at, 0]);
            park_at += units(problem.tasks[t].duration) + 1;
        }
        let s = solver.new_sparse_integer(values);
        let lo = rows.iter().map(|r| r[1]).min().unwrap_or(0);
        let hi = rows.iter().map(|r| r[1]).max().unwrap_or(0);
        let c = solver.new_bounded_integer(lo, hi);
        solver
            .add_constraint(pumpkin_constraints::table([s, c], rows, tag))
            .post();
        starts.push(s);
        costs.push(c);
    }
    for (t, task) in problem.tasks.iter().enumerate() {
        for &a in &task.after {
            let dur = units(problem.tasks[a].duration);
            let c = pumpkin_constraints::less_than_or_equals(
                [starts[a].scaled(1), starts[t].scaled(-1)],
                -dur,
                tag,
            );
            if park {
                // A parked predecessor orders nothing.
                let active =
                    solver.new_literal_for_predicate(starts[a].upper_bound_predicate(horizon), tag);
                solver.add_constraint(c).implied_by(active);
            } else {
                solver.add_constraint(c).post();
            }
        }
    }
    // One no-overlap per shared resource.
    let mut by_resource: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (t, h) in holdings.iter().enumerate() {
        for r in h.venue.iter().chain(&h.people) {
            by_resource.entry(*r).or_default().push(t);
        }
    }
    for tasks in by_resource.values().filter(|ts| ts.len() > 1) {
        let args: Vec<ArgDisjunctiveTask<DomainId>> = tasks
            .iter()
            .map(|&t| ArgDisjunctiveTask {
                start_time: starts[t],
                processing_time: units(problem.tasks[t].duration),
            })
            .collect();
        solver
            .add_constraint(pumpkin_constraints::disjunctive_strict(args, tag))
            .post();
    }
    // Travel (or the same-site buffer) between tasks sharing a person.
    for a in 0..n {
        for b in a + 1..n {
            let (ha, hb) = (&holdings[a], &holdings[b]);
            let (Some(ca), Some(cb)) = (ha.choice, hb.choice) else {
                continue;
            };
            if !shares(&ha.people, &hb.people) || !same_days(&domains[a], &domains[b]) {
                continue;
            }
            let gap = problem.gap(&problem.tasks[a].choices[ca], &problem.tasks[b].choices[cb]);
            if gap == 0 {
                continue;
            }
            let (da, db) = (problem.tasks[a].duration, problem.tasks[b].duration);
            // In units, rounded up: start_a + da + gap ≤ start_b in minutes.
            let (da, db) = (units(da + gap), units(db + gap));
            let a_first = solver.new_literal();
            solver
                .add_constraint(pumpkin_constraints::less_than_or_equals(
                    [starts[a].scaled(1), starts[b].scaled(-1)],
                    -da,
                    tag,
                ))
                .implied_by(a_first);
            solver
                .add_constraint(pumpkin_constraints::less_than_or_equals(
                    [starts[b].scaled(1), starts[a].scaled(-1)],
                    -db,
                    tag,
                ))
                .implied_by(!a_first);
        }
    }
    if park {
        pools(problem, &mut solver, &starts, tag);
    }
    Model {
        solver,
        starts,
        costs,
        horizon,
    }
}

/// The last start (in units) a model's start variables allow before parking.
fn horizon_of(starts: &[DomainId], solver: &Solver) -> i32 {
    starts
        .iter()
        .map(|s| solver.upper_bound(s))
        .max()
        .unwrap_or(0)
}

/// The last start (in units) of any domain: parked starts lie after it.
fn horizon(domains: &[Vec<(i32, i64)>]) -> i32 {
    domains
        .iter()
        .flatten()
        .map(|d| d.0 / UNIT)
        .max()
        .unwrap_or(0)
}

/// With choices relaxed, the interpreters of one language pair are a pool: no more tasks
/// needing that pair at once than there are interpreters with it.
fn pools(
    problem: &Problem<'_>,
    solver: &mut Solver,
    starts: &[DomainId],
    tag: pumpkin_core::proof::ConstraintTag,
) {
    let mut by_pair: std::collections::BTreeMap<_, Vec<usize>> = Default::default();
    for (t, task) in problem.tasks.iter().enumerate() {
        if let Some(pair) = problem.needed_pair(task.request) {
            by_pair.entry(pair).or_default().push(t);
        }
    }
    for (pair, tasks) in by_pair {
        let capacity = problem
            .plan
            .interpreters
            .iter()
            .filter(|i| i.pairs.contains(&pair))
            .count() as i32;
        if capacity == 0 || tasks.len() as i32 <= capacity {
            continue;
        }
        let mut s: Vec<DomainId> = tasks.iter().map(|&t| starts[t]).collect();
        let mut d: Vec<i32> = tasks
            .iter()
            .map(|&t| units(problem.tasks[t].duration))
            .collect();
        // What the pool's interpreters already have booked takes capacity at fixed times.
        let pool: Vec<&crate::model::Key> = problem
            .plan
            .interpreters
            .iter()
            .filter(|i| i.pairs.contains(&pair))
            .map(|i| &i.key)
            .collect();
        let (first, last) = (0, horizon_of(starts, solver));
        for item in problem.plan.delegations.iter().flat_map(|d| &d.items) {
            if item.status == crate::model::ItemStatus::Cancelled
                || !item
                    .interpreters
                    .iter()
                    .any(|a| pool.contains(&&a.interpreter))
            {
                continue;
            }
            let a = problem.minutes_of(item.start.with_timezone(&problem.tz).naive_local());
            let b = problem.minutes_of(item.end.with_timezone(&problem.tz).naive_local());
            let (a, b) = (a.div_euclid(UNIT), units(b));
            if b <= first || a > last {
                continue;
            }
            s.push(solver.new_bounded_integer(a, a));
            d.push(b - a);
        }
        let ones = vec![1; s.len()];
        solver
            .add_constraint(pumpkin_constraints::cumulative(s, d, ones, capacity, tag))
            .post();
    }
}

/// Whether two domains have a day in common.
fn same_days(a: &[(i32, i64)], b: &[(i32, i64)]) -> bool {
    let days = |d: &[(i32, i64)]| -> std::collections::BTreeSet<i32> {
        d.iter().map(|x| x.0.div_euclid(1440)).collect()
    };
    !days(a).is_disjoint(&days(b))
}

/// Improves the greedy placement within the deadline, keeping each task's choice.
pub(crate) fn improve(
    problem: &Problem<'_>,
    index: &Index<'_>,
    placed: &[Placed],
    options: &Options,
    deadline: Instant,
) -> Option<Improved> {
    let mut choice_of = vec![0; problem.tasks.len()];
    for p in placed {
        choice_of[p.task] = p.choice;
    }
    let mut domains = Vec::with_capacity(problem.tasks.len());
    for (t, task) in problem.tasks.iter().enumerate() {
        let c = choice_of[t];
        let greedy_start = placed.iter().find(|p| p.task == t).map(|p| p.start);
        let domain: Vec<(i32, i64)> = task
            .starts
            .iter()
            .copied()
            .filter(|&s| Some(s) == greedy_start || problem.fits_booked(index, t, c, s))
            .map(|s| (s, problem.cost(t, s)))
            .collect();
        domains.push(domain);
        if Instant::now() >= deadline {
            return None;
        }
    }
    let holdings: Vec<Holding> = (0..problem.tasks.len())
        .map(|t| holding(problem, t, Some(choice_of[t])))
        .collect();
    let mut m = model(problem, &domains, &holdings, false, options);
    let tag = m.solver.new_constraint_tag();
    let bound = problem.objective(placed) as i32;
    let total = m.solver.new_bounded_integer(0, bound);
    let mut terms: Vec<_> = m.costs.iter().map(|c| c.scaled(1)).collect();
    terms.push(total.scaled(-1));
    m.solver
        .add_constraint(pumpkin_constraints::equals(terms, 0, tag))
        .post();
    let mut brancher: DefaultBrancher = m.solver.default_brancher();
    let mut resolver = ResolutionResolver::default();
    let mut stop = Stop {
        deadline,
        cancel: options.cancel.clone(),
    };
    let callback = |_: &Solver,
                    _: pumpkin_core::results::SolutionReference<'_>,
                    _: &DefaultBrancher,
                    _: &ResolutionResolver| ControlFlow::<()>::Continue(());
    let result = m.solver.optimise(
        &mut brancher,
        &mut stop,
        &mut resolver,
        LinearSatUnsat::new(OptimisationDirection::Minimise, total, callback),
    );
    let (solution, optimal) = match result {
        OptimisationResult::Optimal(s) => (s, true),
        OptimisationResult::Satisfiable(s) | OptimisationResult::Stopped(s, _) => (s, false),
        OptimisationResult::Unsatisfiable | OptimisationResult::Unknown => return None,
    };
    let placed = (0..problem.tasks.len())
        .map(|t| Placed {
            task: t,
            choice: choice_of[t],
            start: solution.get_integer_value(m.starts[t]) * UNIT,
        })
        .collect();
    Some(Improved { placed, optimal })
}

/// Decides whether the tasks can all be placed (choices relaxed to what every choice
/// holds); when not, a core of tasks, minimised within the deadline.
pub(crate) fn explain(
    problem: &Problem<'_>,
    index: &Index<'_>,
    options: &Options,
    deadline: Instant,
) -> Explained {
    let domains = relaxed_domains(problem, index);
    let holdings: Vec<Holding> = (0..problem.tasks.len())
        .map(|t| holding(problem, t, None))
        .collect();
    let mut m = model(problem, &domains, &holdings, true, options);
    let active: Vec<Predicate> = m
        .starts
        .iter()
        .map(|s| s.upper_bound_predicate(m.horizon))
        .collect();
    let all: Vec<usize> = (0..problem.tasks.len()).collect();
    let mut brancher = m.solver.default_brancher();
    let mut resolver = ResolutionResolver::default();
    let mut stop = Stop {
        deadline,
        cancel: options.cancel.clone(),
    };
    let mut core = match solve(
        &mut m,
        &mut brancher,
        &mut resolver,
        &mut stop,
        &active,
        &all,
    ) {
        Answer::Sat(starts) => return Explained::Feasible(starts),
        Answer::Unknown => return Explained::Unknown,
        Answer::Core(core) => core,
    };
    // Deletion-based minimisation: drop each task whose removal keeps the rest infeasible.
    let mut i = 0;
    while i < core.len() {
        let without: Vec<usize> = core.iter().copied().filter(|&t| t != core[i]).collect();
        match solve(
            &mut m,
            &mut brancher,
            &mut resolver,
            &mut stop,
            &active,
            &without,
        ) {
            Answer::Core(smaller) => core = smaller,
            Answer::Sat(_) => i += 1,
            Answer::Unknown => return Explained::Core(core, false),
        }
    }
    Explained::Core(core, true)
}

enum Answer {
    Sat(Vec<i32>),
    Core(Vec<usize>),
    Unknown,
}

/// Solves with the tasks `on` activated; a core comes back as task indices in task order.
fn solve(
    m: &mut Model,
    brancher: &mut DefaultBrancher,
    resolver: &mut ResolutionResolver,
    stop: &mut Stop,
    active: &[Predicate],
    on: &[usize],
) -> Answer {
    let assumptions: Vec<Predicate> = on.iter().map(|&t| active[t]).collect();
    match m
        .solver
        .satisfy_under_assumptions(brancher, stop, resolver, &assumptions)
    {
        SatisfactionResultUnderAssumptions::Satisfiable(s) => {
            let solution = s.solution();
            Answer::Sat(
                m.starts
                    .iter()
                    .map(|v| solution.get_integer_value(*v) * UNIT)
                    .collect(),
            )
        }
        SatisfactionResultUnderAssumptions::UnsatisfiableUnderAssumptions(mut u) => {
            let core = u.extract_core();
            let mut tasks: Vec<usize> = on
                .iter()
                .copied()
                .filter(|&t| core.contains(&active[t]))
                .collect();
            if tasks.is_empty() {
                tasks = on.to_vec();
            }
            Answer::Core(tasks)
        }
        SatisfactionResultUnderAssumptions::Unsatisfiable(_) => Answer::Core(on.to_vec()),
        SatisfactionResultUnderAssumptions::Unknown(_) => Answer::Unknown,
    }
}

/// Per task, the starts at which some choice fits everything booked, with their cost.
pub(crate) fn relaxed_domains(problem: &Problem<'_>, index: &Index<'_>) -> Vec<Vec<(i32, i64)>> {
    (0..problem.tasks.len())
        .map(|t| {
            let task = &problem.tasks[t];
            task.starts
                .iter()
                .copied()
                .filter(|&s| (0..task.choices.len()).any(|c| problem.fits_booked(index, t, c, s)))
                .map(|s| (s, problem.cost(t, s)))
                .collect()
        })
        .collect()
}
