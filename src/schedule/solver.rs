//! The CP model (pumpkin): improving a proposal under a time budget, and finding which
//! requests cannot all hold.
//!
//! Variables are the tasks' starts over their feasible grid starts (those that pass the
//! booking checker against everything booked, so venue hours, availability, the stay and
//! other visits' bookings are already in the domains). Constraints: `after` orders, one
//! no-overlap (disjunctive) per shared person and per shared venue, and for two tasks sharing
//! a person at sites apart a choice of order that leaves the travel time between them. The
//! objective is the sum of the per-start costs (a table constraint per task), bounded above
//! by the greedy proposal's cost and below by `bound`'s lower bound, which `sequence`
//! recomputes at every node from the starts' bounds; the search starts from
//! the greedy placement (warm start, then solution-guided) and the linear SAT-UNSAT search
//! tightens it until the budget ends or optimality is proven. `minimise` serves both the
//! whole visit and `lns`'s neighbourhoods.
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
use pumpkin_core::branching::branchers::dynamic_brancher::DynamicBrancher;
use pumpkin_core::branching::branchers::warm_start::WarmStart;
use pumpkin_core::optimisation::OptimisationDirection;
use pumpkin_core::optimisation::linear_sat_unsat::LinearSatUnsat;
use pumpkin_core::options::SolverOptions;
use pumpkin_core::predicates::{Predicate, PredicateConstructor};
use pumpkin_core::rand::SeedableRng;
use pumpkin_core::rand::rngs::SmallRng;
use pumpkin_core::results::{
    OptimisationResult, ProblemSolution, SatisfactionResultUnderAssumptions, Solution,
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
pub(crate) struct Stop {
    pub deadline: Instant,
    pub cancel: Option<Arc<AtomicBool>>,
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
    /// One per task, in task order.
    pub placed: Vec<Placed>,
    pub optimal: bool,
    /// A lower bound on the cost of any placement with the same choices.
    pub bound: i64,
    /// When `placed` was found.
    pub found_at: Instant,
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

pub(crate) fn new_solver(options: &Options) -> Solver {
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
#[derive(Debug, Clone)]
pub(crate) struct Holding {
    pub venue: Option<u32>,
    pub people: Vec<u32>,
    choice: Option<usize>,
}

pub(crate) fn holding(problem: &Problem<'_>, t: usize, fixed: Option<usize>) -> Holding {
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

/// Builds the model of the tasks `ids` (indices into `problem.tasks`); `domains[i]` are the
/// feasible starts of task `ids[i]` (with their cost) and `holdings[i]` what it holds; with
/// `park`, each task may also be parked beyond the horizon. Orders and travel gaps are
/// posted between the modelled tasks only: whoever calls with a subset has already cut the
/// domains against the tasks left out.
fn model(
    problem: &Problem<'_>,
    ids: &[usize],
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
    park: bool,
    options: &Options,
) -> Model {
    let mut solver = new_solver(options);
    let tag = solver.new_constraint_tag();
    let n = ids.len();
    let mut local = vec![usize::MAX; problem.tasks.len()];
    for (i, &t) in ids.iter().enumerate() {
        local[t] = i;
    }
    let mut starts = Vec::with_capacity(n);
    let mut costs = Vec::with_capacity(n);
    let horizon = horizon(domains);
    // Parked starts follow one another after the horizon, so they never overlap.
    let mut park_at = horizon + 1;
    for (i, domain) in domains.iter().enumerate() {
        let mut values: Vec<i32> = domain.iter().map(|d| d.0 / UNIT).collect();
        let mut rows: Vec<Vec<i32>> = domain
            .iter()
            .map(|d| vec![d.0 / UNIT, d.1 as i32])
            .collect();
        if park {
            values.push(park_at);
            rows.push(vec![park_at, 0]);
            park_at += units(problem.tasks[ids[i]].duration) + 1;
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
    for (i, &t) in ids.iter().enumerate() {
        for &a in &problem.tasks[t].after {
            let j = local[a];
            if j == usize::MAX {
                continue;
            }
            let dur = units(problem.tasks[a].duration);
            let c = pumpkin_constraints::less_than_or_equals(
                [starts[j].scaled(1), starts[i].scaled(-1)],
                -dur,
                tag,
            );
            if park {
                // A parked predecessor orders nothing.
                let active =
                    solver.new_literal_for_predicate(starts[j].upper_bound_predicate(horizon), tag);
                solver.add_constraint(c).implied_by(active);
            } else {
                solver.add_constraint(c).post();
            }
        }
    }
    // One no-overlap per shared resource.
    let mut by_resource: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (i, h) in holdings.iter().enumerate() {
        for r in h.venue.iter().chain(&h.people) {
            by_resource.entry(*r).or_default().push(i);
        }
    }
    for members in by_resource.values().filter(|ts| ts.len() > 1) {
        let args: Vec<ArgDisjunctiveTask<DomainId>> = members
            .iter()
            .map(|&i| ArgDisjunctiveTask {
                start_time: starts[i],
                processing_time: units(problem.tasks[ids[i]].duration),
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
            let (ta, tb) = (&problem.tasks[ids[a]], &problem.tasks[ids[b]]);
            let gap = problem.gap(&ta.choices[ca], &tb.choices[cb]);
            if gap == 0 {
                continue;
            }
            // In units, rounded up: start_a + da + gap ≤ start_b in minutes.
            let (da, db) = (units(ta.duration + gap), units(tb.duration + gap));
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
        pools(problem, ids, &mut solver, &starts, tag);
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
    ids: &[usize],
    solver: &mut Solver,
    starts: &[DomainId],
    tag: pumpkin_core::proof::ConstraintTag,
) {
    let mut by_pair: std::collections::BTreeMap<_, Vec<usize>> = Default::default();
    for (i, &t) in ids.iter().enumerate() {
        if let Some(pair) = problem.needed_pair(problem.tasks[t].request) {
            by_pair.entry(pair).or_default().push(i);
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
        let mut s: Vec<DomainId> = tasks.iter().map(|&i| starts[i]).collect();
        let mut d: Vec<i32> = tasks
            .iter()
            .map(|&i| units(problem.tasks[ids[i]].duration))
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

/// Above this many tasks one model of the whole visit does not improve within seconds (the
/// 300-session course never did): large neighbourhood search takes over.
pub(crate) const WHOLE_MODEL_TASKS: usize = 60;

/// Improves the greedy placement within the deadline, keeping each task's choice: one model
/// of every task for a visit, large neighbourhood search (`lns`) for a course.
pub(crate) fn improve(
    problem: &Problem<'_>,
    index: &Index<'_>,
    placed: &[Placed],
    options: &Options,
    deadline: Instant,
) -> Option<Improved> {
    let n = problem.tasks.len();
    let mut current = vec![None; n];
    for p in placed {
        current[p.task] = Some(*p);
    }
    let current: Vec<Placed> = current.into_iter().collect::<Option<_>>()?;
    if n <= WHOLE_MODEL_TASKS && options.explore_choices {
        // A visit: one model over every start and choice proves the optimum over all of
        // them (the greedy's choices are only where the search starts).
        if let Some(best) = over_choices(problem, index, &current, options, deadline) {
            return Some(best);
        }
    }
    let mut domains = Vec::with_capacity(n);
    for (t, task) in problem.tasks.iter().enumerate() {
        let c = current[t].choice;
        let domain: Vec<(i32, i64)> = task
            .starts
            .iter()
            .copied()
            .filter(|&s| s == current[t].start || problem.fits_booked(index, t, c, s))
            .map(|s| (s, problem.cost(t, s)))
            .collect();
        domains.push(domain);
        if Instant::now() >= deadline {
            return None;
        }
    }
    let holdings: Vec<Holding> = (0..n)
        .map(|t| holding(problem, t, Some(current[t].choice)))
        .collect();
    let all: Vec<usize> = (0..n).collect();
    let bound = lower_bound_of(problem, &all, &domains, &holdings);
    let first = problem.objective(&current);
    if first <= bound {
        // The greedy start meets the bound: optimal without search.
        return Some(Improved {
            placed: current,
            optimal: true,
            bound,
            found_at: Instant::now(),
        });
    }
    if n > WHOLE_MODEL_TASKS {
        return Some(super::lns::improve(
            problem, index, current, &domains, &holdings, bound, true, options, deadline,
        ));
    }
    // A visit: first the optimum for the greedy's choices (the whole model proves it); then, with the time left, rounds that also change
    // venues, hosts and interpreters, and the whole model again on the choices they found.
    let first = whole(problem, index, current, bound, options, deadline)?;
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() || cancelled(options) || !options.explore_choices {
        return Some(first);
    }
    let explored = super::lns::improve(
        problem,
        index,
        first.placed.clone(),
        &domains_for(problem, index, &first.placed),
        &holdings_for(problem, &first.placed),
        bound_of_choices(problem, index, &first.placed),
        true,
        options,
        Instant::now() + left / 2,
    );
    if problem.objective(&explored.placed) >= problem.objective(&first.placed) {
        return Some(first);
    }
    let bound = bound_of_choices(problem, index, &explored.placed);
    match whole(
        problem,
        index,
        explored.placed.clone(),
        bound,
        options,
        deadline,
    ) {
        Some(last) if problem.objective(&last.placed) <= problem.objective(&explored.placed) => {
            Some(last)
        }
        _ => Some(explored),
    }
}

/// The optimum of a visit over every start and choice (see `choices`), searched from
/// `current`; the bound is valid for every choice. None when the deadline passed before
/// the model ran, or (a guard, never seen) when its solution fails a check the model
/// should have kept.
fn over_choices(
    problem: &Problem<'_>,
    index: &Index<'_>,
    current: &[Placed],
    options: &Options,
    deadline: Instant,
) -> Option<Improved> {
    let feasible = super::choices::feasible_starts(problem, index, Some(current), deadline)?;
    let domains = super::choices::any_choice_domains(problem, &feasible);
    let bound = super::choices::bound_over_choices(problem, &domains);
    let first = problem.objective(current);
    if first <= bound {
        return Some(Improved {
            placed: current.to_vec(),
            optimal: true,
            bound,
            found_at: Instant::now(),
        });
    }
    // The time-indexed LP over every choice (see `lp`) sees the late costs the sequencing
    // bound misses, and the same model with integer columns (see `mip`) is exact: HiGHS's
    // branch-and-cut can prove an optimum the CP search cannot. Both run on a thread of
    // their own beside the search, the LP first (about 0.1 s on the 20-request visit), then
    // the MIP; each stops the other side once it has proven the optimum. A result not in by
    // the end is not waited for beyond a short grace, and the larger bound is kept.
    let prepared = super::lp::Prepared::build(problem, &feasible, super::lp::MAX_PAIRS);
    let beside = match prepared {
        Ok(prepared) => Ok(Beside::start(prepared, current, options, deadline)),
        Err(answer) => Err(answer),
    };
    let search_options = match &beside {
        Ok(beside) => Options {
            cancel: Some(beside.search_stop.clone()),
            ..options.clone()
        },
        Err(_) => options.clone(),
    };
    let searched = search_over_choices(problem, index, current, bound, &search_options, deadline)?;
    let (relaxed, exact) = match beside {
        Err(answer) => (answer.bound(), None),
        Ok(beside) => beside.finish(searched.optimal || cancelled(options), deadline),
    };
    let mut bound = relaxed.map_or(searched.bound, |lp| searched.bound.max(lp));
    let mut best = searched;
    if let Some((exact, ended_at)) = exact {
        bound = bound.max(exact.bound.unwrap_or(bound));
        if let Some(placed) = exact.placed
            && problem.objective(&placed) < problem.objective(&best.placed)
            && super::choices::valid(problem, index, &placed)
        {
            best = Improved {
                placed,
                // HiGHS does not say when it found its placement: its end stands for it.
                found_at: ended_at,
                ..best
            };
        }
    }
    Some(Improved {
        optimal: best.optimal || problem.objective(&best.placed) <= bound,
        bound,
        ..best
    })
}

/// The least time left after the LP for which the MIP is started. Its presolve and root
/// cuts take about 2 s of a core on the 20-request visit before its bound passes the LP's,
/// and on the two-core bench machine its thread slows the search beside it: with a 1 s
/// budget the search's proposal was 1235 in two runs of three with the MIP running, 466–562
/// in nine runs without.
const MIP_LEAST_TIME: std::time::Duration = std::time::Duration::from_secs(4);

/// How long past the deadline a result of the LP or MIP thread is waited for: HiGHS checks
/// its time limit between steps, so a solve stopped by it returns a little late.
const BESIDE_GRACE: std::time::Duration = std::time::Duration::from_millis(150);

/// The LP and MIP of a visit, solving on a thread of their own beside the CP search.
struct Beside {
    /// The LP's answer, then the MIP's with when it ended.
    receive: std::sync::mpsc::Receiver<BesideAnswer>,
    /// Set when the search has ended: the MIP stops.
    search_done: Arc<AtomicBool>,
    /// The search's cancel flag: set when the MIP proved the optimum, or when the scheduler
    /// cancelled (relayed from the caller's flag).
    search_stop: Arc<AtomicBool>,
}

enum BesideAnswer {
    Relaxation(super::lp::Relaxation),
    /// The MIP's result and when its solve ended.
    Exact(super::mip::Exact, Instant),
}

impl Beside {
    fn start(
        prepared: super::lp::Prepared,
        current: &[Placed],
        options: &Options,
        deadline: Instant,
    ) -> Beside {
        let (send, receive) = std::sync::mpsc::channel();
        let search_done = Arc::new(AtomicBool::new(false));
        let search_stop = Arc::new(AtomicBool::new(false));
        if let Some(cancel) = options.cancel.clone() {
            // The caller's cancel reaches the search through its own flag, at once: a relay
            // of its own, since the solve thread may be inside HiGHS's presolve for a while.
            let (done, stop) = (search_done.clone(), search_stop.clone());
            std::thread::spawn(move || {
                while !done.load(Ordering::Relaxed) && Instant::now() < deadline {
                    if cancel.load(Ordering::Relaxed) {
                        stop.store(true, Ordering::Relaxed);
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
            });
        }
        let (done, stop) = (search_done.clone(), search_stop.clone());
        let start = current.to_vec();
        let seed = options.seed;
        std::thread::spawn(move || {
            // A send fails only when the search's side has stopped listening: nothing to tell.
            let _ = send.send(BesideAnswer::Relaxation(prepared.solve(deadline)));
            if deadline.saturating_duration_since(Instant::now()) >= MIP_LEAST_TIME {
                // `stop` is also set by a cancel (see above).
                let exact = prepared.solve_exact(&start, seed, deadline, &[&done, &stop]);
                if exact.proven {
                    stop.store(true, Ordering::Relaxed);
                }
                let _ = send.send(BesideAnswer::Exact(exact, Instant::now()));
            }
        });
        Beside {
            receive,
            search_done,
            search_stop,
        }
    }

    /// Stops the MIP and collects the LP's bound and the MIP's result: only those already
    /// in when `now_only`, else those in by the deadline (and its grace).
    fn finish(
        self,
        now_only: bool,
        deadline: Instant,
    ) -> (Option<i64>, Option<(super::mip::Exact, Instant)>) {
        self.search_done.store(true, Ordering::Relaxed);
        let (mut relaxed, mut exact) = (None, None);
        loop {
            let answer = if now_only {
                self.receive.try_recv().ok()
            } else {
                let until = deadline + BESIDE_GRACE;
                self.receive
                    .recv_timeout(until.saturating_duration_since(Instant::now()))
                    .ok()
            };
            match answer {
                Some(BesideAnswer::Relaxation(r)) => relaxed = r.bound(),
                Some(BesideAnswer::Exact(e, at)) => {
                    exact = Some((e, at));
                    break;
                }
                None => break,
            }
        }
        (relaxed, exact)
    }
}

/// The search of `over_choices` from `current`, `bound` a lower bound over every choice.
fn search_over_choices(
    problem: &Problem<'_>,
    index: &Index<'_>,
    current: &[Placed],
    bound: i64,
    options: &Options,
    deadline: Instant,
) -> Option<Improved> {
    let first = problem.objective(current);
    // The model over every choice improves slowly from the greedy start (measured: worse
    // than the greedy's own choices at 1 s), while the model of the greedy's choices finds
    // its optimum fast (the 20-request visit: in about 0.2 s, proven only by 0.65 s, which
    // the search over every choice does not need): up to a quarter of the budget goes to
    // that first, and the model over every choice starts from its result. Measured at 1 s
    // on the 20-request visit: 466–572 with a quarter, 573–878 with half, and an eighth
    // sometimes stopped before the first improvement (1281).
    let slice = deadline.saturating_duration_since(Instant::now()) / 4;
    let greedy_choices = bound_of_choices(problem, index, current);
    let start = whole(
        problem,
        index,
        current.to_vec(),
        greedy_choices,
        options,
        Instant::now() + slice,
    )
    .filter(|s| problem.objective(&s.placed) < first && problem.interpreters_fit(&s.placed));
    let (incumbent, incumbent_at) = match &start {
        Some(s) => (s.placed.clone(), s.found_at),
        None => (current.to_vec(), Instant::now()),
    };
    let feasible = super::choices::feasible_starts(problem, index, Some(&incumbent), deadline)?;
    let upper = problem.objective(&incumbent);
    let kept = Improved {
        placed: incumbent.clone(),
        optimal: upper <= bound,
        bound,
        found_at: incumbent_at,
    };
    if kept.optimal || Instant::now() >= deadline || cancelled(options) {
        return Some(kept);
    }
    let Some(found) = super::choices::minimise(
        problem,
        &feasible,
        Some(&incumbent),
        bound,
        options,
        deadline,
    ) else {
        return Some(kept);
    };
    if !super::choices::valid(problem, index, &found.placed) {
        return Some(kept);
    }
    let improved = found.cost < upper;
    Some(Improved {
        optimal: found.optimal,
        // A proven optimum is its own lower bound.
        bound: if found.optimal { found.cost } else { bound },
        found_at: if improved {
            found.found_at
        } else {
            incumbent_at
        },
        placed: if improved { found.placed } else { incumbent },
    })
}

fn cancelled(options: &Options) -> bool {
    options
        .cancel
        .as_ref()
        .is_some_and(|c| c.load(Ordering::Relaxed))
}

/// Per task, the starts at which its placed choice fits everything booked (its placed start
/// always kept), with their cost.
fn domains_for(
    problem: &Problem<'_>,
    index: &Index<'_>,
    placed: &[Placed],
) -> Vec<Vec<(i32, i64)>> {
    placed
        .iter()
        .map(|p| {
            problem.tasks[p.task]
                .starts
                .iter()
                .copied()
                .filter(|&s| s == p.start || problem.fits_booked(index, p.task, p.choice, s))
                .map(|s| (s, problem.cost(p.task, s)))
                .collect()
        })
        .collect()
}

fn holdings_for(problem: &Problem<'_>, placed: &[Placed]) -> Vec<Holding> {
    placed
        .iter()
        .map(|p| holding(problem, p.task, Some(p.choice)))
        .collect()
}

/// The lower bound for the choices of `placed`.
fn bound_of_choices(problem: &Problem<'_>, index: &Index<'_>, placed: &[Placed]) -> i64 {
    let all: Vec<usize> = (0..placed.len()).collect();
    lower_bound_of(
        problem,
        &all,
        &domains_for(problem, index, placed),
        &holdings_for(problem, placed),
    )
}

/// The optimum of a visit for the choices of `current` (`bound` a lower bound for them),
/// searched from `current` (warm start, then solution-guided). Neighbourhood rounds first
/// were measured: they stopped in a local optimum that led the solver's solution-guided
/// search astray (the optimum found after 3–6 s instead of 0.4 s), so the model starts from
/// `current` itself. Returns `current` unproven when the deadline passed before the model
/// found anything.
fn whole(
    problem: &Problem<'_>,
    index: &Index<'_>,
    current: Vec<Placed>,
    bound: i64,
    options: &Options,
    deadline: Instant,
) -> Option<Improved> {
    let n = current.len();
    let all: Vec<usize> = (0..n).collect();
    let quick = Improved {
        optimal: problem.objective(&current) <= bound,
        placed: current,
        bound,
        found_at: Instant::now(),
    };
    if quick.optimal {
        return Some(quick);
    }
    let holdings = holdings_for(problem, &quick.placed);
    let domains = domains_for(problem, index, &quick.placed);
    let bound = quick.bound;
    let upper = problem.objective(&quick.placed);
    let warm: Vec<i32> = quick.placed.iter().map(|p| p.start).collect();
    let Some(found) = minimise(
        problem, &all, &domains, &holdings, bound, upper, &warm, options, deadline,
    ) else {
        return Some(quick);
    };
    let placed: Vec<Placed> = (0..n)
        .map(|t| Placed {
            task: t,
            choice: quick.placed[t].choice,
            start: found.starts[t],
        })
        .collect();
    if !problem.interpreters_fit(&placed) {
        // The model does not hold the interpreters' limits: a solution breaking them is
        // refused, and nothing is claimed about optimality.
        return Some(Improved {
            optimal: false,
            ..quick
        });
    }
    let improved = found.cost < upper;
    Some(Improved {
        placed,
        optimal: found.optimal,
        // A proven optimum is its own lower bound.
        bound: if found.optimal { found.cost } else { bound },
        found_at: if improved {
            found.found_at
        } else {
            quick.found_at
        },
    })
}

/// The lower bound (see `bound`) of the tasks `ids` with local `domains` and `holdings`.
pub(crate) fn lower_bound_of(
    problem: &Problem<'_>,
    ids: &[usize],
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
) -> i64 {
    bound_and_groups(problem, ids, domains, holdings).0
}

/// The lower bound of the tasks `ids` and the groups (local indices) it sequenced.
pub(crate) fn bound_and_groups(
    problem: &Problem<'_>,
    ids: &[usize],
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
) -> (i64, Vec<Vec<usize>>) {
    let durations: Vec<i32> = ids.iter().map(|&t| problem.tasks[t].duration).collect();
    let resources: Vec<Vec<u32>> = holdings
        .iter()
        .map(|h| h.venue.iter().chain(&h.people).copied().collect())
        .collect();
    super::bound::bound_with_groups(domains, &durations, &resources)
}

/// The cheapest placement the solver found of the tasks `ids`.
pub(crate) struct Minimised {
    /// Start (minutes) per task of `ids`, in that order.
    pub starts: Vec<i32>,
    /// Their total cost.
    pub cost: i64,
    /// Whether no cheaper placement exists (within the model).
    pub optimal: bool,
    /// When the solver found it.
    pub found_at: Instant,
}

/// Minimises the total cost of the tasks `ids` (local `domains` and `holdings` as for
/// `model`) between `lower` and `upper`, starting the search from `warm` (a placement of
/// cost at most `upper`, minutes per task) and letting the default search follow the best
/// solution found (solution-guided). None when the deadline passed before any solution.
#[allow(clippy::too_many_arguments)]
pub(crate) fn minimise(
    problem: &Problem<'_>,
    ids: &[usize],
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
    lower: i64,
    upper: i64,
    warm: &[i32],
    options: &Options,
    deadline: Instant,
) -> Option<Minimised> {
    let mut m = model(problem, ids, domains, holdings, false, options);
    let tag = m.solver.new_constraint_tag();
    let total = m.solver.new_bounded_integer(lower as i32, upper as i32);
    let mut terms: Vec<_> = m.costs.iter().map(|c| c.scaled(1)).collect();
    terms.push(total.scaled(-1));
    m.solver
        .add_constraint(pumpkin_constraints::equals(terms, 0, tag))
        .post();
    let (_, groups) = bound_and_groups(problem, ids, domains, holdings);
    if !groups.is_empty() {
        m.solver
            .add_constraint(super::sequence::SequenceBoundArgs {
                starts: m.starts.clone(),
                costs: m.costs.clone(),
                domains: domains.to_vec(),
                durations: ids.iter().map(|&t| problem.tasks[t].duration).collect(),
                capacities: vec![1; groups.len()],
                groups,
                total,
                unit: UNIT,
                tag,
            })
            .post();
    }
    let warm_units: Vec<i32> = warm.iter().map(|s| s / UNIT).collect();
    let (solution, optimal, found_at) = warm_minimise(
        &mut m.solver,
        &m.starts,
        &warm_units,
        total,
        options,
        deadline,
    )?;
    Some(Minimised {
        starts: m
            .starts
            .iter()
            .map(|v| solution.get_integer_value(*v) * UNIT)
            .collect(),
        cost: i64::from(solution.get_integer_value(total)),
        optimal,
        found_at,
    })
}

/// Minimises `total`, starting the search from `values` for `vars` (then the solver's own
/// branching), until `deadline` or a cancel: the best solution, whether it is proven
/// optimal, and when it was found; none when there is no solution or none was found in time.
pub(crate) fn warm_minimise(
    solver: &mut Solver,
    vars: &[DomainId],
    values: &[i32],
    total: DomainId,
    options: &Options,
    deadline: Instant,
) -> Option<(Solution, bool, Instant)> {
    let mut brancher = DynamicBrancher::new(vec![
        Box::new(WarmStart::new(vars, values)),
        Box::new(solver.default_brancher()),
    ]);
    let mut resolver = ResolutionResolver::default();
    let mut stop = Stop {
        deadline,
        cancel: options.cancel.clone(),
    };
    let found_at = std::cell::Cell::new(Instant::now());
    let callback = |_: &Solver,
                    _: pumpkin_core::results::SolutionReference<'_>,
                    _: &DynamicBrancher,
                    _: &ResolutionResolver| {
        found_at.set(Instant::now());
        ControlFlow::<()>::Continue(())
    };
    let result = solver.optimise(
        &mut brancher,
        &mut stop,
        &mut resolver,
        LinearSatUnsat::new(OptimisationDirection::Minimise, total, callback),
    );
    match result {
        OptimisationResult::Optimal(s) => Some((s, true, found_at.get())),
        OptimisationResult::Satisfiable(s) | OptimisationResult::Stopped(s, _) => {
            Some((s, false, found_at.get()))
        }
        OptimisationResult::Unsatisfiable | OptimisationResult::Unknown => None,
    }
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
    let all: Vec<usize> = (0..problem.tasks.len()).collect();
    let mut m = model(problem, &all, &domains, &holdings, true, options);
    let active: Vec<Predicate> = m
        .starts
        .iter()
        .map(|s| s.upper_bound_predicate(m.horizon))
        .collect();
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
