//! Large neighbourhood search: improving a large proposal (a course of hundreds of sessions)
//! with the CP solver, a neighbourhood at a time.
//!
//! One model of every task does not improve on the greedy start within seconds at that size.
//! Instead each round frees a few dozen tasks of one day (those sharing a person or venue with
//! a random seed task, or those nearest to it in time), keeps every other task where it is,
//! cuts the freed tasks' domains against the kept ones (clashes, travel gaps, orders), and lets
//! `solver::minimise` place them at a lower cost, starting from where they are. One round in
//! three (when asked) also gives the freed tasks another venue, host or interpreter at
//! random, which is what frees a person or room the first choices held. A round is kept only
//! when it lowers the total, or keeps it on other choices (a sideways move), so the result is
//! never worse than the start and, since every freed start is checked against every kept task
//! and the freed tasks against one another for the interpreters' limits, never carries a
//! clash. The
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
use crate::conflicts::Index;

/// Neighbourhood sizes (tasks freed per round).
const MIN_FREE: usize = 4;
const START_FREE: usize = 10;
const MAX_FREE: usize = 60;
/// Time one round may take at most.
const ROUND: Duration = Duration::from_millis(250);
const DAY: i32 = 1440;

/// Improves `current` (one placement per task, in task order) until the deadline; `domains`
/// and `holdings` are per task for the current choices, `bound` a lower bound on the total.
/// With `switching`, rounds may also move tasks to other choices.
#[allow(clippy::too_many_arguments)]
pub(crate) fn improve(
    problem: &Problem<'_>,
    index: &Index<'_>,
    mut current: Vec<Placed>,
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
    bound: i64,
    switching: bool,
    options: &Options,
    deadline: Instant,
) -> Improved {
    let mut domains = domains.to_vec();
    let mut holdings: Vec<Holding> = holdings.to_vec();
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
    let mut switched_any = false;
    let mut bound = bound;
    while total > bound && Instant::now() < deadline && !cancelled(options) {
        let free = neighbourhood(problem, &current, &holdings, size, &mut rng);
        // One round in three also moves the freed tasks to another venue, host or
        // interpreter: times alone cannot free a person or room held by the chosen one.
        let switch = switching && rng.random_bool(1.0 / 3.0);
        let mut choices: Vec<usize> = free.iter().map(|&t| current[t].choice).collect();
        let mut choice_domains: Vec<Option<Vec<(i32, i64)>>> = vec![None; free.len()];
        if switch {
            for (i, &t) in free.iter().enumerate() {
                let k = problem.tasks[t].choices.len();
                if k < 2 {
                    continue;
                }
                let c = (current[t].choice + rng.random_range(1..k)) % k;
                let domain: Vec<(i32, i64)> = problem.tasks[t]
                    .starts
                    .iter()
                    .copied()
                    .filter(|&s| problem.fits_booked(index, t, c, s))
                    .map(|s| (s, problem.cost(t, s)))
                    .collect();
                if !domain.is_empty() {
                    choices[i] = c;
                    choice_domains[i] = Some(domain);
                }
            }
        }
        let switched = choices
            .iter()
            .zip(&free)
            .any(|(&c, &t)| c != current[t].choice);
        let mut trial = current.clone();
        for (i, &t) in free.iter().enumerate() {
            trial[t].choice = choices[i];
        }
        let round_domains: Vec<Vec<(i32, i64)>> = free
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                choice_domains[i]
                    .clone()
                    .unwrap_or_else(|| domains[t].clone())
            })
            .collect();
        let Some(round) = Round::new(problem, &trial, &round_domains, &successors, &free) else {
            size = (size * 3 / 4).max(MIN_FREE);
            continue;
        };
        let before: i64 = free
            .iter()
            .map(|&t| problem.cost(t, current[t].start))
            .sum();
        let local_holdings: Vec<Holding> = free
            .iter()
            .map(|&t| super::solver::holding(problem, t, Some(trial[t].choice)))
            .collect();
        let lower = lower_bound_of(problem, &free, &round.domains, &local_holdings);
        if lower > before || (lower == before && !switched) {
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
        for (i, &t) in free.iter().enumerate() {
            trial[t].start = found.starts[i];
        }
        // Kept: lower cost, or the same cost on other choices (a sideways move that lets
        // later rounds use what the old choices held). The freed tasks are checked against
        // one another for the interpreters' limits, which the model does not hold.
        let accept = found.cost < before || (found.cost == before && switched);
        if accept
            && free
                .iter()
                .all(|&t| problem.interpreter_fits(t, trial[t].choice, trial[t].start, &trial))
        {
            for (i, &t) in free.iter().enumerate() {
                if let Some(d) = choice_domains[i].take() {
                    domains[t] = d;
                    holdings[t] = super::solver::holding(problem, t, Some(trial[t].choice));
                }
            }
            if found.cost < before {
                found_at = found.found_at;
            }
            current = trial;
            total = problem.objective(&current);
            switched_any |= switched;
        }
        size = if found.optimal {
            (size + size / 4 + 1).min(MAX_FREE).min(n)
        } else {
            (size * 3 / 4).max(MIN_FREE)
        };
    }
    if switched_any {
        // The bound held for the choices the search started from; the returned choices get
        // their own, and the lesser of the two is a lower bound for them as well.
        let all: Vec<usize> = (0..n).collect();
        bound = bound.min(lower_bound_of(problem, &all, &domains, &holdings));
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

/// The freed tasks' domains (`free_domains`, per freed task for its choice in `current`),
/// cut against every kept task.
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
        free_domains: &[Vec<(i32, i64)>],
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
        let kept: Vec<Placed> = current
            .iter()
            .copied()
            .filter(|p| !is_free[p.task])
            .collect();
        let mut out = Vec::with_capacity(free.len());
        for (i, &t) in free.iter().enumerate() {
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
            let domain: Vec<(i32, i64)> = free_domains[i]
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
                        && problem.interpreter_fits(t, choice, s, &kept)
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
