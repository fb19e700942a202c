//! One CP model of a whole visit over its venue, host and interpreter choices, so that an
//! optimum is proven over every way of holding the requests, not only for the greedy's.
//!
//! Per task a start variable (its starts at which some choice fits everything booked) and a
//! choice variable; a table of the (start, choice) pairs that pass the booking checker ties
//! them together, so each choice keeps its own venue hours, availabilities and other visits'
//! bookings. Resources every choice holds (the members, the fixed hosts, a single venue) get
//! a no-overlap each, as in `solver`. Two tasks that may meet on a resource only through
//! their choices (an interpreter, a host "one of", one of several venues), or whose travel
//! gap depends on the sites chosen, get an order literal: under each combination of choices
//! that needs it, the order keeps them apart by the duration plus the gap of that
//! combination. The interpreters of a language pair are a pool (a cumulative of the pool's
//! size), the interpreters' continuous and daily limits a lazy propagator (`limits`), and the
//! objective is bounded below by `bound`'s sequencing bound over the resources every choice
//! holds (`sequence` keeps it during the search), which is valid for every choice.
//!
//! The model's time unit divides the grid, every duration and every gap, so it is exact:
//! "optimal" from the solver is an optimum over the whole problem. The search starts from
//! the incumbent (warm start of starts and choices, then solution-guided).

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use pumpkin_core::Solver;
use pumpkin_core::predicates::{Predicate, PredicateConstructor};
use pumpkin_core::proof::ConstraintTag;
use pumpkin_core::results::ProblemSolution;
use pumpkin_core::variables::{DomainId, TransformableVariable};
use pumpkin_propagators::disjunctive::ArgDisjunctiveTask;

use super::Options;
use super::limits::{Limit, LimitsArgs};
use super::problem::{GRID, Placed, Problem};
use super::solver::{Holding, bound_and_groups, holding, new_solver, warm_minimise};
use crate::conflicts::Index;

/// The best placement over every choice the model found.
pub(crate) struct Found {
    /// One per task, in task order.
    pub placed: Vec<Placed>,
    pub cost: i64,
    /// Whether no placement with any choices costs less.
    pub optimal: bool,
    pub found_at: Instant,
}

/// Per task and choice, the starts at which that choice fits everything booked (the
/// incumbent's own pair, when there is one, always kept), in time order.
pub(crate) fn feasible_starts(
    problem: &Problem<'_>,
    index: &Index<'_>,
    incumbent: Option<&[Placed]>,
    deadline: Instant,
) -> Option<Vec<Vec<Vec<i32>>>> {
    let mut out = Vec::with_capacity(problem.tasks.len());
    for (t, task) in problem.tasks.iter().enumerate() {
        let per_choice: Vec<Vec<i32>> = (0..task.choices.len())
            .map(|c| {
                task.starts
                    .iter()
                    .copied()
                    .filter(|&s| {
                        incumbent.is_some_and(|i| i[t].choice == c && i[t].start == s)
                            || problem.fits_booked(index, t, c, s)
                    })
                    .collect()
            })
            .collect();
        out.push(per_choice);
        if Instant::now() >= deadline {
            return None;
        }
    }
    Some(out)
}

/// Per task, its starts over every choice with their cost (the relaxed domains).
pub(crate) fn any_choice_domains(
    problem: &Problem<'_>,
    feasible: &[Vec<Vec<i32>>],
) -> Vec<Vec<(i32, i64)>> {
    feasible
        .iter()
        .enumerate()
        .map(|(t, per_choice)| {
            let starts: BTreeSet<i32> = per_choice.iter().flatten().copied().collect();
            starts
                .into_iter()
                .map(|s| (s, problem.cost(t, s)))
                .collect()
        })
        .collect()
}

/// A lower bound on the cost of any placement with any choices: each start is one some
/// choice allows, and only resources every choice holds, and the interpreter pools, are
/// sequenced (the larger of the two packings).
pub(crate) fn bound_over_choices(problem: &Problem<'_>, domains: &[Vec<(i32, i64)>]) -> i64 {
    let all: Vec<usize> = (0..problem.tasks.len()).collect();
    let holdings: Vec<Holding> = all.iter().map(|&t| holding(problem, t, None)).collect();
    let held = bound_and_groups(problem, &all, domains, &holdings).0;
    let pools = pool_groups(problem);
    if pools.is_empty() {
        return held;
    }
    held.max(pool_packing(problem, domains, &holdings, &pools).0)
}

/// Per language pair whose every task must take one of its interpreters: those tasks and
/// the number of interpreters with the pair.
fn pool_groups(problem: &Problem<'_>) -> Vec<(Vec<usize>, usize)> {
    let mut by_pair: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (t, task) in problem.tasks.iter().enumerate() {
        if task.choices.iter().all(|c| c.interpreter.is_some())
            && let Some(pair) = problem.needed_pair(task.request)
        {
            by_pair.entry(pair).or_default().push(t);
        }
    }
    by_pair
        .into_iter()
        .map(|(pair, tasks)| {
            let capacity = problem
                .plan
                .interpreters
                .iter()
                .filter(|i| i.pairs.contains(&pair))
                .count();
            (tasks, capacity)
        })
        .filter(|(tasks, capacity)| *capacity > 0 && tasks.len() > *capacity)
        .collect()
}

fn pool_packing(
    problem: &Problem<'_>,
    domains: &[Vec<(i32, i64)>],
    holdings: &[Holding],
    pools: &[(Vec<usize>, usize)],
) -> (i64, Vec<(Vec<usize>, usize)>) {
    let durations: Vec<i32> = problem.tasks.iter().map(|t| t.duration).collect();
    let resources: Vec<Vec<u32>> = holdings
        .iter()
        .map(|h| h.venue.iter().chain(&h.people).copied().collect())
        .collect();
    super::bound::bound_with_pools(domains, &durations, &resources, pools)
}

/// Two tasks that may meet, and per combination of their choices that keeps them apart, the
/// least distance from the first's start to the second's when the first goes first, and the
/// other way round.
type Pair = (usize, usize, Vec<((usize, usize), (i32, i32))>);

fn gcd(a: i32, b: i32) -> i32 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// What two tasks need between them under one combination of choices: the least distance
/// from the first start to the second when the first goes first, and the other way round
/// (none when they hold nothing in common).
fn separation(
    problem: &Problem<'_>,
    i: usize,
    ci: usize,
    j: usize,
    cj: usize,
) -> Option<(i32, i32)> {
    let (ti, tj) = (&problem.tasks[i], &problem.tasks[j]);
    let (a, b) = (&ti.choices[ci], &tj.choices[cj]);
    if super::problem::shares(&a.people, &b.people) {
        let gap = problem.gap(a, b);
        Some((ti.duration + gap, tj.duration + gap))
    } else if a.venue_res.is_some() && a.venue_res == b.venue_res {
        Some((ti.duration, tj.duration))
    } else {
        None
    }
}

/// Minimises the total cost over every start and choice, from `lower` up to the cost of
/// `incumbent` (one placement per task, in task order) when there is one, searching from
/// it. None when the deadline passed before a solution, or when there is none.
pub(crate) fn minimise(
    problem: &Problem<'_>,
    feasible: &[Vec<Vec<i32>>],
    incumbent: Option<&[Placed]>,
    lower: i64,
    options: &Options,
    deadline: Instant,
) -> Option<Found> {
    let n = problem.tasks.len();
    let domains = any_choice_domains(problem, feasible);
    let upper = match incumbent {
        Some(placed) => problem.objective(placed),
        None => domains
            .iter()
            .map(|d| d.iter().map(|x| x.1).max().unwrap_or(0))
            .sum(),
    };
    // Every combination's separation, per pair that can meet: (i, j) → ((ci, cj) → need).
    let mut pairs: Vec<Pair> = vec![];
    let mut unit = GRID;
    for t in &problem.tasks {
        unit = gcd(unit, t.duration);
    }
    for i in 0..n {
        for j in i + 1..n {
            let mut needs = vec![];
            for ci in 0..problem.tasks[i].choices.len() {
                for cj in 0..problem.tasks[j].choices.len() {
                    if let Some(sep) = separation(problem, i, ci, j, cj) {
                        unit = gcd(gcd(unit, sep.0), sep.1);
                        needs.push(((ci, cj), sep));
                    }
                }
            }
            let (first_i, last_i) = (domains[i].first()?.0, domains[i].last()?.0);
            let (first_j, last_j) = (domains[j].first()?.0, domains[j].last()?.0);
            let reach = needs.iter().map(|x| x.1.0.max(x.1.1)).max().unwrap_or(0);
            // Windows too far apart to meet under any choice need no order.
            // Pairs kept apart by a no-overlap already (a resource every choice holds, no
            // gap under any combination) need no order either.
            let (hi, hj) = (holding(problem, i, None), holding(problem, j, None));
            let plain = (problem.tasks[i].duration, problem.tasks[j].duration);
            let covered = (super::problem::shares(&hi.people, &hj.people)
                || hi.venue.is_some() && hi.venue == hj.venue)
                && needs.iter().all(|x| x.1 == plain);
            if !covered && !needs.is_empty() && last_i + reach > first_j && last_j + reach > first_i
            {
                pairs.push((i, j, needs));
            }
        }
    }
    let unit = unit.max(1);
    let mut solver = new_solver(options);
    let tag = solver.new_constraint_tag();
    let mut starts = Vec::with_capacity(n);
    let mut costs = Vec::with_capacity(n);
    let mut choice_vars: Vec<Option<DomainId>> = Vec::with_capacity(n);
    for t in 0..n {
        let values: Vec<i32> = domains[t].iter().map(|d| d.0 / unit).collect();
        let s = solver.new_sparse_integer(values);
        let rows: Vec<Vec<i32>> = domains[t]
            .iter()
            .map(|d| vec![d.0 / unit, d.1 as i32])
            .collect();
        let lo = rows.iter().map(|r| r[1]).min().unwrap_or(0);
        let hi = rows.iter().map(|r| r[1]).max().unwrap_or(0);
        let c = solver.new_bounded_integer(lo, hi);
        solver
            .add_constraint(pumpkin_constraints::table([s, c], rows, tag))
            .post();
        let k = problem.tasks[t].choices.len();
        let choice = (k > 1).then(|| {
            let v = solver.new_bounded_integer(0, k as i32 - 1);
            let rows: Vec<Vec<i32>> = feasible[t]
                .iter()
                .enumerate()
                .flat_map(|(c, ss)| ss.iter().map(move |&s| vec![s / unit, c as i32]))
                .collect();
            solver
                .add_constraint(pumpkin_constraints::table([s, v], rows, tag))
                .post();
            v
        });
        starts.push(s);
        costs.push(c);
        choice_vars.push(choice);
    }
    for (t, task) in problem.tasks.iter().enumerate() {
        for &a in &task.after {
            solver
                .add_constraint(pumpkin_constraints::less_than_or_equals(
                    [starts[a].scaled(1), starts[t].scaled(-1)],
                    -(problem.tasks[a].duration / unit),
                    tag,
                ))
                .post();
        }
    }
    no_overlaps(problem, &mut solver, &starts, unit, tag);
    let counts: Vec<usize> = problem.tasks.iter().map(|t| t.choices.len()).collect();
    orders(
        &mut solver,
        &pairs,
        &counts,
        &starts,
        &choice_vars,
        unit,
        tag,
    );
    pools(problem, &mut solver, &starts, unit, tag);
    limits(problem, &mut solver, &starts, &choice_vars, unit, tag);
    let total = solver.new_bounded_integer(lower as i32, upper as i32);
    let mut terms: Vec<_> = costs.iter().map(|c| c.scaled(1)).collect();
    terms.push(total.scaled(-1));
    solver
        .add_constraint(pumpkin_constraints::equals(terms, 0, tag))
        .post();
    let all: Vec<usize> = (0..n).collect();
    let holdings: Vec<Holding> = all.iter().map(|&t| holding(problem, t, None)).collect();
    // Two sequencing bounds, each sound on its own, so the search keeps the larger: the
    // resources every choice holds, and the interpreter pools packed first.
    let (_, groups) = bound_and_groups(problem, &all, &domains, &holdings);
    let mut packings: Vec<Vec<(Vec<usize>, usize)>> =
        vec![groups.into_iter().map(|g| (g, 1)).collect()];
    let pools = pool_groups(problem);
    if !pools.is_empty() {
        packings.push(pool_packing(problem, &domains, &holdings, &pools).1);
    }
    for packing in packings.into_iter().filter(|p| !p.is_empty()) {
        let (groups, capacities) = packing.into_iter().unzip();
        solver
            .add_constraint(super::sequence::SequenceBoundArgs {
                starts: starts.clone(),
                costs: costs.clone(),
                domains: domains.clone(),
                durations: problem.tasks.iter().map(|t| t.duration).collect(),
                groups,
                capacities,
                total,
                unit,
                tag,
            })
            .post();
    }
    // Warm start: the incumbent's choices first (the most constrained decision), then its
    // starts.
    let mut vars: Vec<DomainId> = vec![];
    let mut values: Vec<i32> = vec![];
    for (t, placed) in incumbent.iter().flat_map(|i| i.iter()).enumerate() {
        if let Some(v) = choice_vars[t] {
            vars.push(v);
            values.push(placed.choice as i32);
        }
    }
    for (t, placed) in incumbent.iter().flat_map(|i| i.iter()).enumerate() {
        vars.push(starts[t]);
        values.push(placed.start / unit);
    }
    let (solution, optimal, found_at) =
        warm_minimise(&mut solver, &vars, &values, total, options, deadline)?;
    let placed: Vec<Placed> = (0..n)
        .map(|t| Placed {
            task: t,
            choice: choice_vars[t].map_or(0, |v| solution.get_integer_value(v) as usize),
            start: solution.get_integer_value(starts[t]) * unit,
        })
        .collect();
    Some(Found {
        cost: problem.objective(&placed),
        placed,
        optimal,
        found_at,
    })
}

/// A complete placement over every choice when the greedy found none (its passes never
/// backtrack), searched until `deadline`; none when there is none or time ran out.
pub(crate) fn place(
    problem: &Problem<'_>,
    index: &Index<'_>,
    options: &Options,
    deadline: Instant,
) -> Option<Vec<Placed>> {
    let feasible = feasible_starts(problem, index, None, deadline)?;
    let found = minimise(problem, &feasible, None, 0, options, deadline)?;
    valid(problem, index, &found.placed).then_some(found.placed)
}

/// Whether a placement keeps everything a proposal must: each start one its choice fits
/// (booking checker), no clash between two tasks, every `after` order and the interpreters'
/// limits. The model keeps all of it; this guards the claim.
pub(crate) fn valid(problem: &Problem<'_>, index: &Index<'_>, placed: &[Placed]) -> bool {
    let fits = placed.iter().all(|p| {
        problem.fits_booked(index, p.task, p.choice, p.start)
            && problem.tasks[p.task]
                .after
                .iter()
                .all(|&a| placed[a].start + problem.tasks[a].duration <= p.start)
    });
    let apart = placed
        .iter()
        .enumerate()
        .all(|(i, &p)| placed[i + 1..].iter().all(|&q| !problem.clash(p, q)));
    fits && apart && problem.interpreters_fit(placed)
}

/// One no-overlap per resource that every choice of its tasks holds.
fn no_overlaps(
    problem: &Problem<'_>,
    solver: &mut Solver,
    starts: &[DomainId],
    unit: i32,
    tag: ConstraintTag,
) {
    let mut by_resource: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for t in 0..problem.tasks.len() {
        let h = holding(problem, t, None);
        for r in h.venue.iter().chain(&h.people) {
            by_resource.entry(*r).or_default().push(t);
        }
    }
    for tasks in by_resource.values().filter(|ts| ts.len() > 1) {
        let args: Vec<ArgDisjunctiveTask<DomainId>> = tasks
            .iter()
            .map(|&t| ArgDisjunctiveTask {
                start_time: starts[t],
                processing_time: problem.tasks[t].duration / unit,
            })
            .collect();
        solver
            .add_constraint(pumpkin_constraints::disjunctive_strict(args, tag))
            .post();
    }
}

/// The order literal of each pair that may meet: under each combination of choices that
/// needs it, the chosen order keeps the combination's separation.
fn orders(
    solver: &mut Solver,
    pairs: &[Pair],
    counts: &[usize],
    starts: &[DomainId],
    choices: &[Option<DomainId>],
    unit: i32,
    tag: ConstraintTag,
) {
    for (i, j, needs) in pairs {
        let (i, j) = (*i, *j);
        let mut by_need: BTreeMap<(i32, i32), Vec<(usize, usize)>> = BTreeMap::new();
        for &(combo, sep) in needs {
            by_need.entry(sep).or_default().push(combo);
        }
        let i_first = solver.new_literal();
        let every = needs.len() == counts[i] * counts[j];
        for (&(ij, ji), combos) in &by_need {
            let i_then_j = pumpkin_constraints::less_than_or_equals(
                [starts[i].scaled(1), starts[j].scaled(-1)],
                -(ij / unit),
                tag,
            );
            let j_then_i = pumpkin_constraints::less_than_or_equals(
                [starts[j].scaled(1), starts[i].scaled(-1)],
                -(ji / unit),
                tag,
            );
            if every && by_need.len() == 1 {
                solver.add_constraint(i_then_j).implied_by(i_first);
                solver.add_constraint(j_then_i).implied_by(!i_first);
                continue;
            }
            // `needed` holds whenever one of these combinations is chosen.
            let needed = solver.new_literal();
            for &(ci, cj) in combos {
                let mut clause: Vec<Predicate> = vec![needed.get_true_predicate()];
                if let Some(v) = choices[i] {
                    clause.push(v.disequality_predicate(ci as i32));
                }
                if let Some(v) = choices[j] {
                    clause.push(v.disequality_predicate(cj as i32));
                }
                solver.add_clause(clause, tag);
            }
            let (forward, backward) = (solver.new_literal(), solver.new_literal());
            solver.add_clause(
                [
                    (!i_first).get_true_predicate(),
                    (!needed).get_true_predicate(),
                    forward.get_true_predicate(),
                ],
                tag,
            );
            solver.add_clause(
                [
                    i_first.get_true_predicate(),
                    (!needed).get_true_predicate(),
                    backward.get_true_predicate(),
                ],
                tag,
            );
            solver.add_constraint(i_then_j).implied_by(forward);
            solver.add_constraint(j_then_i).implied_by(backward);
        }
    }
}

/// The interpreters of one language pair are a pool: no more tasks needing the pair at once
/// than interpreters with it, counting what they have booked already.
fn pools(
    problem: &Problem<'_>,
    solver: &mut Solver,
    starts: &[DomainId],
    unit: i32,
    tag: ConstraintTag,
) {
    let mut by_pair: BTreeMap<_, Vec<usize>> = BTreeMap::new();
    for (t, task) in problem.tasks.iter().enumerate() {
        if task.choices.iter().all(|c| c.interpreter.is_some())
            && let Some(pair) = problem.needed_pair(task.request)
        {
            by_pair.entry(pair).or_default().push(t);
        }
    }
    for (pair, tasks) in by_pair {
        let pool: Vec<&crate::model::Key> = problem
            .plan
            .interpreters
            .iter()
            .filter(|i| i.pairs.contains(&pair))
            .map(|i| &i.key)
            .collect();
        let capacity = pool.len() as i32;
        if capacity == 0 || tasks.len() as i32 <= capacity {
            continue;
        }
        let mut s: Vec<DomainId> = tasks.iter().map(|&t| starts[t]).collect();
        let mut d: Vec<i32> = tasks
            .iter()
            .map(|&t| problem.tasks[t].duration / unit)
            .collect();
        let first = tasks
            .iter()
            .filter_map(|&t| problem.tasks[t].starts.first().copied())
            .min()
            .unwrap_or(0);
        let last = tasks
            .iter()
            .filter_map(|&t| {
                problem.tasks[t]
                    .starts
                    .last()
                    .map(|s| s + problem.tasks[t].duration)
            })
            .max()
            .unwrap_or(0);
        for who in &pool {
            // One interpreter's booked items merged (two overlapping ones still take one
            // place in the pool) and rounded inwards to the unit, so the pool is a relaxation.
            let mut booked = problem.interpreting_of(who);
            booked.sort_unstable();
            let mut merged: Vec<(i32, i32)> = vec![];
            for (a, b) in booked {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            for (a, b) in merged {
                let (a, b) = ((a + unit - 1).div_euclid(unit), b.div_euclid(unit));
                if b <= a || b * unit <= first || a * unit >= last {
                    continue;
                }
                s.push(solver.new_bounded_integer(a, a));
                d.push(b - a);
            }
        }
        let ones = vec![1; s.len()];
        solver
            .add_constraint(pumpkin_constraints::cumulative(s, d, ones, capacity, tag))
            .post();
    }
}

/// The interpreters' continuous and daily limits (see `limits`).
fn limits(
    problem: &Problem<'_>,
    solver: &mut Solver,
    starts: &[DomainId],
    choices: &[Option<DomainId>],
    unit: i32,
    tag: ConstraintTag,
) {
    let mut keys: Vec<&crate::model::Key> = vec![];
    let interpreter_of: Vec<Vec<Option<usize>>> = problem
        .tasks
        .iter()
        .map(|task| {
            task.choices
                .iter()
                .map(|c| {
                    let key = &c.interpreter.as_ref()?.interpreter;
                    problem.interpreter_limits(key)?;
                    Some(keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                        keys.push(key);
                        keys.len() - 1
                    }))
                })
                .collect()
        })
        .collect();
    if keys.is_empty() {
        return;
    }
    let limits: Vec<Limit> = keys
        .iter()
        .map(|k| {
            let (continuous, daily) = problem
                .interpreter_limits(k)
                .unwrap_or((i32::MAX, i32::MAX));
            Limit {
                continuous,
                daily,
                booked: problem.interpreting_of(k),
            }
        })
        .collect();
    solver
        .add_constraint(LimitsArgs {
            starts: starts.to_vec(),
            choices: choices.to_vec(),
            interpreter_of,
            durations: problem.tasks.iter().map(|t| t.duration).collect(),
            limits,
            unit,
            tag,
        })
        .post();
}

#[cfg(test)]
mod tests;
