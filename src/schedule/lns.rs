//! Large neighbourhood search: improving a large proposal (a course of hundreds of sessions)
//! with the CP solver, a neighbourhood at a time.
//!
//! One model of every task does not improve on the greedy start within seconds at that size.
//! Instead each round frees a few dozen tasks of one day (those sharing a person or venue with
//! a random seed task, or those nearest to it in time), keeps every other task where it is,
//! cuts the freed tasks' domains against the kept ones (clashes, travel gaps, orders), and lets
//! `solver::minimise` place them at a lower cost, starting from where they are. A round is
//! kept only when it lowers the total, so the result is never worse than the start and, since
//! every freed start is checked against every kept task, never carries a clash. The
//! neighbourhood grows while rounds are proven optimal quickly and shrinks when they time out.
//! The search ends at the deadline, or when the total reaches the lower bound (proven
//! optimal).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use pumpkin_core::rand::rngs::SmallRng;
use pumpkin_core::rand::{RngExt, SeedableRng};

use super::Options;
use super::problem::{Placed, Problem, shares};
use super::solver::{Holding, Improved, lower_bound_of, minimise};

/// Neighbourhood sizes (tasks freed per round).
const MIN_FREE: usize = 4;
const START_FREE: usize = 10;
const MAX_FREE: usize = 60;
/// Time one round may take at most.
const ROUND: Duration = Duration::from_millis(250);
const DAY: i32 = 1440;

/// Improves `current` (one placement per task, in task order) until the deadline; `domains`
/// and `holdings` are per task for the current choices, `bound` a lower bound on the total.
pub(crate) fn improve(
    problem: &Problem<'_>,
    mut current: Vec<Placed>,
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
    bound: i64,
    options: &Options,
    deadline: Instant,
) -> Improved {
    let n = current.len();
    let mut rng = SmallRng::seed_from_u64(options.seed);
    let mut successors: Vec<Vec<usize>> = vec![vec![]; n];
    for (t, task) in problem.tasks.iter().enumerate() {
        for &a in &task.after {
            successors[a].push(t);
        }
    }
    let mut total = problem.objective(&current);
    let mut size = START_FREE.min(n);
    let mut found_at = Instant::now();
    while total > bound && Instant::now() < deadline && !cancelled(options) {
        let free = neighbourhood(problem, &current, holdings, size, &mut rng);
        let Some(round) = Round::new(problem, &current, domains, &successors, &free) else {
            continue;
        };
        let before: i64 = free
            .iter()
            .map(|&t| problem.cost(t, current[t].start))
            .sum();
        let local_holdings: Vec<Holding> = free
            .iter()
            .map(|&t| super::solver::holding(problem, t, Some(current[t].choice)))
            .collect();
        let lower = lower_bound_of(problem, &free, &round.domains, &local_holdings);
        if lower >= before {
            // Already as cheap as these tasks can be: look elsewhere, a little wider.
            size = (size + size / 4 + 1).min(MAX_FREE).min(n);
            continue;
        }
        let round_deadline = deadline.min(Instant::now() + ROUND);
        let warm: Vec<i32> = free.iter().map(|&t| current[t].start).collect();
        let found = minimise(
            problem,
            &free,
            &round.domains,
            &local_holdings,
            lower,
            before,
            &warm,
            options,
            round_deadline,
        );
        let Some(found) = found else {
            size = (size * 3 / 4).max(MIN_FREE);
            continue;
        };
        if found.cost < before {
            for (i, &t) in free.iter().enumerate() {
                current[t].start = found.starts[i];
            }
            total = problem.objective(&current);
            found_at = found.found_at;
        }
        size = if found.optimal {
            (size + size / 4 + 1).min(MAX_FREE).min(n)
        } else {
            (size * 3 / 4).max(MIN_FREE)
        };
    }
    Improved {
        optimal: total <= bound,
        placed: current,
        bound,
        found_at,
    }
}

fn cancelled(options: &Options) -> bool {
    options
        .cancel
        .as_ref()
        .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
}

/// Picks up to `size` tasks on the day of a random seed task: half the time those sharing a
/// person or venue with it, otherwise any, nearest to it in time first.
fn neighbourhood(
    problem: &Problem<'_>,
    current: &[Placed],
    holdings: &[Holding],
    size: usize,
    rng: &mut SmallRng,
) -> Vec<usize> {
    let n = current.len();
    let seed = rng.random_range(0..n);
    let at = current[seed].start;
    let day = at.div_euclid(DAY);
    let by_resource = rng.random_bool(0.5);
    let held = |h: &Holding| -> Vec<u32> {
        let mut r: Vec<u32> = h.people.clone();
        r.extend(h.venue);
        r.sort_unstable();
        r
    };
    let seed_held = held(&holdings[seed]);
    let mut candidates: Vec<usize> = (0..n)
        .filter(|&t| current[t].start.div_euclid(DAY) == day)
        .filter(|&t| !by_resource || shares(&held(&holdings[t]), &seed_held))
        .collect();
    // Nearest in time first; ties broken at random so rounds differ.
    let jitter: HashMap<usize, u32> = candidates.iter().map(|&t| (t, rng.random())).collect();
    candidates.sort_by_key(|&t| {
        (
            (current[t].start - at).abs() + problem.tasks[t].duration / 2,
            jitter[&t],
        )
    });
    candidates.truncate(size);
    candidates.sort_unstable();
    candidates
}

/// The freed tasks' domains, cut against every kept task.
struct Round {
    /// Per freed task (in the order given), its starts and their cost.
    domains: Vec<Vec<(i32, i64)>>,
}

impl Round {
    /// None when a freed task has no start left (cannot happen from a feasible placement,
    /// since its current start stays; kept as a guard against inconsistent input).
    fn new(
        problem: &Problem<'_>,
        current: &[Placed],
        domains: &[Vec<(i32, i64)>],
        successors: &[Vec<usize>],
        free: &[usize],
    ) -> Option<Round> {
        let mut is_free = vec![false; current.len()];
        for &t in free {
            is_free[t] = true;
        }
        let mut kept_by_day: HashMap<i32, Vec<Placed>> = HashMap::new();
        for p in current.iter().filter(|p| !is_free[p.task]) {
            kept_by_day
                .entry(p.start.div_euclid(DAY))
                .or_default()
                .push(*p);
        }
        let none: Vec<Placed> = vec![];
        let mut out = Vec::with_capacity(free.len());
        for &t in free {
            let task = &problem.tasks[t];
            let ready = task
                .after
                .iter()
                .filter(|&&a| !is_free[a])
                .map(|&a| current[a].start + problem.tasks[a].duration)
                .max()
                .unwrap_or(i32::MIN);
            let due = successors[t]
                .iter()
                .filter(|&&x| !is_free[x])
                .map(|&x| current[x].start)
                .min()
                .unwrap_or(i32::MAX);
            let choice = current[t].choice;
            let domain: Vec<(i32, i64)> = domains[t]
                .iter()
                .copied()
                .filter(|&(s, _)| s >= ready && s + task.duration <= due)
                .filter(|&(s, _)| {
                    let p = Placed {
                        task: t,
                        choice,
                        start: s,
                    };
                    let day = s.div_euclid(DAY);
                    // Travel gaps are far shorter than a day: the day before, of and after
                    // the start hold every task that could clash.
                    (day - 1..=day + 1)
                        .flat_map(|d| kept_by_day.get(&d).unwrap_or(&none))
                        .all(|&q| !problem.clash(p, q))
                })
                .collect();
            if domain.is_empty() {
                return None;
            }
            out.push(domain);
        }
        Some(Round { domains: out })
    }
}
