//! A time-indexed LP relaxation of a visit over every start and every venue, host and
//! interpreter choice: a lower bound that sees what `bound`'s sequencing cannot, namely that a
//! task pushed late by its `after` chain or by the resources of the choices it may take pays
//! its late cost.
//!
//! One variable x ∈ [0, 1] per task and feasible (start, choice) pair (the domains the CP model
//! uses, each pair passed by the booking checker); each task takes one pair in total. Rows,
//! each valid for every placement the CP model allows:
//! - per venue and time point, at most one pair holds it there;
//! - per person, the same with each interval stretched by the travel gap (or same-site
//!   buffer) it needs on the grid before the next item of that person: for every two pairs
//!   that may meet, the stretch after the first plus the stretch before the second is at most
//!   the gap they need, so two stretched intervals overlap only when the pairs clash. Once
//!   over every holder of the person and once over its sited holders only (an unsited item
//!   needs no gap, which would otherwise cut every stretch to nothing);
//! - `after` orders in the strong time-indexed form: by any time u, the share of b started is
//!   at most the share of a started by u − duration(a);
//! - per interpreter, the minutes of a day within the daily limit, and the minutes inside any
//!   window of the continuous limit plus the checker's break within the continuous limit
//!   (more than that leaves less than a break of idle time in the window, so it is one
//!   stretch longer than the limit);
//! - per person, for two pairs that clash (the travel gap does not fit) but no stretched row
//!   holds both, a row for the two. With it, on the grid, the integer points of the rows are
//!   the placements the CP model allows (see `mip`, which solves them as a MIP).
//!
//! HiGHS's simplex solves it (about 0.1 s for the 20-request visit) in floating point, so its
//! value is not taken on trust: its row duals, negated, are multipliers `y ≥ 0`, evaluated
//! exactly as the Lagrangian bound Σ_task min_pair (cost + Σ_row a·y) − Σ_row rhs·y, which is
//! a lower bound on every placement for any `y ≥ 0` whatever the solver's round-off (at the
//! dual optimum it equals the LP's value).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::time::{Duration, Instant};

use super::problem::{GRID, Placed, Problem};

/// Above this many (task, start, choice) pairs the LP and the MIP are skipped: the
/// 20-request visit has 1 782, the 300-session course 134 424, where even the LP would take
/// far longer than the course's budget.
pub(crate) const MAX_PAIRS: usize = 20_000;

/// What the LP relaxation of a visit gave (see [`relaxation_bound`](super::relaxation_bound)).
#[derive(Debug, Clone, PartialEq)]
pub enum Relaxation {
    /// A lower bound on the cost of every proposal with any choices.
    Bound {
        /// The certified bound: the Lagrangian value of the dual solution, rounded up.
        bound: i64,
        /// The LP's optimum as the floating-point solver reports it.
        value: f64,
        /// (task, start, choice) variables.
        pairs: usize,
        /// Rows besides one per task.
        rows: usize,
    },
    /// More (task, start, choice) pairs than the limit: not solved.
    TooLarge {
        /// Pairs the visit has.
        pairs: usize,
        /// The most that are solved.
        limit: usize,
    },
    /// A request has no feasible start with any choice, or the rows admit no placement.
    Infeasible,
    /// The deadline passed, or the solver failed numerically.
    Unsolved,
}

impl Relaxation {
    /// The bound, when there is one.
    pub fn bound(&self) -> Option<i64> {
        match self {
            Relaxation::Bound { bound, .. } => Some(*bound),
            _ => None,
        }
    }
}

/// One (task, start, choice) pair.
pub(super) struct Pair {
    pub task: usize,
    pub start: i32,
    pub choice: usize,
    pub cost: i64,
}

/// A row Σ coef·x ≤ rhs over pair indices.
pub(super) struct Row {
    pub terms: Vec<(usize, f64)>,
    pub rhs: f64,
}

/// The relaxation of a visit built and ready to solve: plain data, so the solve can run on
/// a thread of its own beside the CP search.
pub(crate) struct Prepared {
    pub(super) pairs: Vec<Pair>,
    pub(super) of_task: Vec<Vec<usize>>,
    pub(super) rows: Vec<Row>,
}

impl Prepared {
    /// Builds the relaxation over `feasible[t][c]`, the starts of task `t` with choice `c`
    /// (see `choices::feasible_starts`); the answer itself when there is nothing to solve.
    pub fn build(
        problem: &Problem<'_>,
        feasible: &[Vec<Vec<i32>>],
        max_pairs: usize,
    ) -> Result<Prepared, Relaxation> {
        let (pairs, of_task) = pairs_of(problem, feasible);
        if of_task.iter().any(Vec::is_empty) {
            return Err(Relaxation::Infeasible);
        }
        if pairs.len() > max_pairs {
            return Err(Relaxation::TooLarge {
                pairs: pairs.len(),
                limit: max_pairs,
            });
        }
        let rows = rows(problem, &pairs, &of_task);
        Ok(Prepared {
            pairs,
            of_task,
            rows,
        })
    }

    /// Solves it before `deadline`.
    pub fn solve(&self, deadline: Instant) -> Relaxation {
        match deadline.checked_duration_since(Instant::now()) {
            Some(left) => self.solve_lp(left),
            None => Relaxation::Unsolved,
        }
    }
}

/// The relaxation's bound over every choice, with `feasible[t][c]` the starts of task `t` with
/// choice `c` (see `choices::feasible_starts`), solved before `deadline`.
pub(crate) fn bound(
    problem: &Problem<'_>,
    feasible: &[Vec<Vec<i32>>],
    max_pairs: usize,
    deadline: Instant,
) -> Relaxation {
    match Prepared::build(problem, feasible, max_pairs) {
        Ok(prepared) => prepared.solve(deadline),
        Err(answer) => answer,
    }
}

/// Every (task, start, choice) pair, and per task the indices of its own.
fn pairs_of(problem: &Problem<'_>, feasible: &[Vec<Vec<i32>>]) -> (Vec<Pair>, Vec<Vec<usize>>) {
    let mut pairs: Vec<Pair> = vec![];
    let mut of_task: Vec<Vec<usize>> = vec![];
    for (t, per_choice) in feasible.iter().enumerate() {
        let mut mine = vec![];
        for (c, starts) in per_choice.iter().enumerate() {
            for &s in starts {
                mine.push(pairs.len());
                pairs.push(Pair {
                    task: t,
                    start: s,
                    choice: c,
                    cost: problem.cost(t, s),
                });
            }
        }
        of_task.push(mine);
    }
    (pairs, of_task)
}

/// What a pair holds of one resource: (task, from, to, pair index).
type Interval = (usize, i32, i32, usize);

/// Every row of the relaxation (see the module doc), duplicates dropped.
fn rows(problem: &Problem<'_>, pairs: &[Pair], of_task: &[Vec<usize>]) -> Vec<Row> {
    let mut out: Vec<Row> = vec![];
    let mut seen: HashSet<Vec<usize>> = HashSet::new();
    // Intervals (task, from, to, pair) per resource and family: 0 plain (venues),
    // 1 people stretched over every holder, 2 people stretched over sited holders.
    let mut by_resource: BTreeMap<(u32, u8), Vec<Interval>> = BTreeMap::new();
    let stretch = stretches(problem);
    for (x, p) in pairs.iter().enumerate() {
        let task = &problem.tasks[p.task];
        let choice = &task.choices[p.choice];
        let end = p.start + task.duration;
        // People need no plain rows: family 1 stretches every holder's interval, so its
        // rows contain the plain ones.
        if let Some(r) = choice.venue_res {
            by_resource
                .entry((r, 0))
                .or_default()
                .push((p.task, p.start, end, x));
        }
        for r in &choice.people {
            for family in [1, 2] {
                if let Some(&(before, after)) = stretch.get(&(*r, family, p.task, p.choice)) {
                    by_resource.entry((*r, family)).or_default().push((
                        p.task,
                        p.start - before,
                        end + after,
                        x,
                    ));
                }
            }
        }
    }
    for intervals in by_resource.values() {
        // Two intervals overlap exactly when one holds the other's start, so the starts are
        // the only points that need a row.
        let points: BTreeSet<i32> = intervals.iter().map(|i| i.1).collect();
        for u in points {
            let covering: Vec<&Interval> =
                intervals.iter().filter(|i| i.1 <= u && u < i.2).collect();
            let tasks: BTreeSet<usize> = covering.iter().map(|i| i.0).collect();
            if tasks.len() < 2 {
                continue;
            }
            let mut key: Vec<usize> = covering.iter().map(|i| i.3).collect();
            key.sort_unstable();
            if seen.insert(key.clone()) {
                out.push(Row {
                    terms: key.into_iter().map(|x| (x, 1.0)).collect(),
                    rhs: 1.0,
                });
            }
        }
    }
    for (b, task) in problem.tasks.iter().enumerate() {
        for &a in &task.after {
            let before = problem.tasks[a].duration;
            let points: BTreeSet<i32> = of_task[b].iter().map(|&x| pairs[x].start).collect();
            let last_a = of_task[a]
                .iter()
                .map(|&x| pairs[x].start)
                .max()
                .unwrap_or(0);
            // Once every start of a lies before u − duration(a), the row says no more than
            // that b takes one pair.
            for u in points.into_iter().filter(|&u| u - before < last_a) {
                let mut terms: Vec<(usize, f64)> = of_task[b]
                    .iter()
                    .filter(|&&x| pairs[x].start <= u)
                    .map(|&x| (x, 1.0))
                    .collect();
                terms.extend(
                    of_task[a]
                        .iter()
                        .filter(|&&x| pairs[x].start <= u - before)
                        .map(|&x| (x, -1.0)),
                );
                out.push(Row { terms, rhs: 0.0 });
            }
        }
    }
    travel_rows(problem, pairs, &stretch, &mut seen, &mut out);
    interpreter_rows(problem, pairs, &mut out);
    out
}

/// The pairs of one person's holders that clash (the travel gap between their sites does
/// not fit) although no stretched row holds both: one row `x + y ≤ 1` each, so that every
/// clash the CP model forbids is forbidden here too and the integer points of the rows are
/// exactly the placements (see `mip`). On the 20-request visit there are none: the
/// stretches already cover every clash.
fn travel_rows(
    problem: &Problem<'_>,
    pairs: &[Pair],
    stretch: &BTreeMap<(u32, u8, usize, usize), (i32, i32)>,
    seen: &mut HashSet<Vec<usize>>,
    out: &mut Vec<Row>,
) {
    let mut holders: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (x, p) in pairs.iter().enumerate() {
        for r in &problem.tasks[p.task].choices[p.choice].people {
            holders.entry(*r).or_default().push(x);
        }
    }
    let placed = |p: &Pair| Placed {
        task: p.task,
        choice: p.choice,
        start: p.start,
    };
    for (&r, held) in &holders {
        // The widest gap between two of this person's choices: pairs further apart in time
        // cannot clash, and most are.
        let choices: BTreeSet<(usize, usize)> = held
            .iter()
            .map(|&x| (pairs[x].task, pairs[x].choice))
            .collect();
        let widest = choices
            .iter()
            .flat_map(|&(t, c)| {
                choices.iter().map(move |&(u, d)| {
                    problem.gap(&problem.tasks[t].choices[c], &problem.tasks[u].choices[d])
                })
            })
            .max()
            .unwrap_or(0);
        let stretched = |family: u8, x: usize| {
            let p = &pairs[x];
            stretch
                .get(&(r, family, p.task, p.choice))
                .map(|&(before, after)| {
                    (
                        p.start - before,
                        p.start + problem.tasks[p.task].duration + after,
                    )
                })
        };
        let meet = |a: Option<(i32, i32)>, b: Option<(i32, i32)>| matches!((a, b), (Some(a), Some(b)) if a.0 < b.1 && b.0 < a.1);
        for (i, &x) in held.iter().enumerate() {
            let (px, ex) = (
                &pairs[x],
                pairs[x].start + problem.tasks[pairs[x].task].duration,
            );
            for &y in &held[i + 1..] {
                let (py, ey) = (
                    &pairs[y],
                    pairs[y].start + problem.tasks[pairs[y].task].duration,
                );
                if px.task == py.task || ex + widest <= py.start || ey + widest <= px.start {
                    continue;
                }
                let covered = meet(stretched(1, x), stretched(1, y))
                    || meet(stretched(2, x), stretched(2, y));
                if covered || !problem.clash(placed(px), placed(py)) {
                    continue;
                }
                if seen.insert(vec![x.min(y), x.max(y)]) {
                    out.push(Row {
                        terms: vec![(x, 1.0), (y, 1.0)],
                        rhs: 1.0,
                    });
                }
            }
        }
    }
}

/// Per (person, family, task, choice): how far that choice's intervals are stretched before
/// their start and after their end (family 1: over every holder of the person; 2: over its
/// sited holders; see the module doc).
fn stretches(problem: &Problem<'_>) -> BTreeMap<(u32, u8, usize, usize), (i32, i32)> {
    let round_up = |m: i32| (m + GRID - 1).div_euclid(GRID) * GRID;
    // What (t, c) then (u, d) need from the first's end to the second's start: starts lie on
    // the grid, so the gap rounds up to it.
    let need = |(t, c): (usize, usize), (u, d): (usize, usize)| -> i32 {
        let dur = problem.tasks[t].duration;
        let gap = problem.gap(&problem.tasks[t].choices[c], &problem.tasks[u].choices[d]);
        round_up(dur + gap) - dur
    };
    let mut holders: BTreeMap<u32, Vec<(usize, usize)>> = BTreeMap::new();
    for (t, task) in problem.tasks.iter().enumerate() {
        for (c, choice) in task.choices.iter().enumerate() {
            for r in &choice.people {
                holders.entry(*r).or_default().push((t, c));
            }
        }
    }
    let mut out = BTreeMap::new();
    for (&r, every) in &holders {
        for family in [1u8, 2] {
            let held: Vec<(usize, usize)> = every
                .iter()
                .copied()
                .filter(|&(t, c)| family == 1 || problem.tasks[t].choices[c].site.is_some())
                .collect();
            // After: the least need towards any other task's holder; before: what every
            // other holder's need towards this one leaves beyond that holder's own stretch.
            let after: BTreeMap<(usize, usize), i32> = held
                .iter()
                .map(|&x| {
                    let least = held
                        .iter()
                        .filter(|o| o.0 != x.0)
                        .map(|&o| need(x, o))
                        .min()
                        .unwrap_or(0);
                    (x, least)
                })
                .collect();
            for &x in &held {
                let before = held
                    .iter()
                    .filter(|o| o.0 != x.0)
                    .map(|&o| need(o, x) - after[&o])
                    .min()
                    .unwrap_or(0)
                    .max(0);
                out.insert((r, family, x.0, x.1), (before, after[&x]));
            }
        }
    }
    out
}

/// The interpreters' daily minutes and continuous windows (booked items count).
fn interpreter_rows(problem: &Problem<'_>, pairs: &[Pair], out: &mut Vec<Row>) {
    let mut by_interpreter: BTreeMap<&crate::model::Key, Vec<(i32, i32, usize)>> = BTreeMap::new();
    for (x, p) in pairs.iter().enumerate() {
        let task = &problem.tasks[p.task];
        if let Some(a) = &task.choices[p.choice].interpreter {
            by_interpreter.entry(&a.interpreter).or_default().push((
                p.start,
                p.start + task.duration,
                x,
            ));
        }
    }
    let overlap = |a: i32, b: i32, from: i32, to: i32| (b.min(to) - a.max(from)).max(0);
    let mut limit_row = |spans: &[(i32, i32, usize)], booked: &[(i32, i32)], from, to, cap| {
        let used: i32 = booked.iter().map(|&(a, b)| overlap(a, b, from, to)).sum();
        let terms: Vec<(usize, f64)> = spans
            .iter()
            .map(|&(a, b, x)| (x, f64::from(overlap(a, b, from, to))))
            .filter(|t| t.1 > 0.0)
            .collect();
        let most: f64 = terms.iter().map(|t| t.1).sum();
        // Without terms the booked items alone break the limit: not the proposal's doing (the
        // checker reports it either way), and no row can help.
        if !terms.is_empty() && most + f64::from(used) > f64::from(cap) {
            out.push(Row {
                terms,
                rhs: f64::from(cap - used),
            });
        }
    };
    for (key, spans) in by_interpreter {
        let Some((continuous, daily)) = problem.interpreter_limits(key) else {
            continue;
        };
        let booked = problem.interpreting_of(key);
        let days: BTreeSet<i32> = spans.iter().map(|s| s.0.div_euclid(1440)).collect();
        for &d in &days {
            limit_row(&spans, &booked, d * 1440, (d + 1) * 1440, daily);
        }
        let window = continuous + crate::conflicts::BREAK_MINUTES as i32;
        // A stretch too long starts where a span starts, the interpreter's own booked ones
        // included, and ends where one ends.
        let froms: BTreeSet<i32> = spans
            .iter()
            .flat_map(|s| [s.0, s.1 - window])
            .chain(
                booked
                    .iter()
                    .map(|b| b.0)
                    .filter(|&from| days.contains(&from.div_euclid(1440))),
            )
            .collect();
        for from in froms {
            limit_row(&spans, &booked, from, from + window, continuous);
        }
    }
}

impl Prepared {
    /// Solves the LP (min Σ cost·x, one pair per task, the rows, 0 ≤ x ≤ 1) with HiGHS's
    /// simplex within `left` and evaluates the negated row duals as the Lagrangian bound.
    fn solve_lp(&self, left: Duration) -> Relaxation {
        let Ok(solved) = self.highs_model(false, left).try_solve() else {
            return Relaxation::Unsolved;
        };
        match solved.status() {
            highs::HighsModelStatus::Optimal => {}
            highs::HighsModelStatus::Infeasible => return Relaxation::Infeasible,
            // Out of time, or a numerical failure.
            _ => return Relaxation::Unsolved,
        }
        let solution = solved.get_solution();
        // A ≤ row of a minimisation has a dual ≤ 0 in HiGHS's sign convention; the task rows
        // come first.
        let multipliers: Vec<f64> = solution.dual_rows()[self.of_task.len()..]
            .iter()
            .map(|&d| (-d).max(0.0))
            .collect();
        let value = lagrangian(&self.pairs, &self.of_task, &self.rows, &multipliers);
        Relaxation::Bound {
            // The evaluation's own round-off is far below this margin.
            bound: (value - 1e-6).ceil() as i64,
            value: solved.objective_value(),
            pairs: self.pairs.len(),
            rows: self.rows.len(),
        }
    }

    /// The HiGHS model to minimise, quiet, on one thread, stopping after `left`: one column
    /// per pair (binary when `integer`), one row per task (exactly one pair), then the rows
    /// in order.
    pub(super) fn highs_model(&self, integer: bool, left: Duration) -> highs::Model {
        let mut problem = highs::RowProblem::default();
        let columns: Vec<highs::Col> = self
            .pairs
            .iter()
            .map(|p| {
                if integer {
                    problem.add_integer_column(p.cost as f64, 0.0..=1.0)
                } else {
                    problem.add_column(p.cost as f64, 0.0..=1.0)
                }
            })
            .collect();
        for mine in &self.of_task {
            problem.add_row(1.0..=1.0, mine.iter().map(|&x| (columns[x], 1.0)));
        }
        for row in &self.rows {
            problem.add_row(..=row.rhs, row.terms.iter().map(|&(x, a)| (columns[x], a)));
        }
        let mut model = problem.optimise(highs::Sense::Minimise);
        model.make_quiet();
        model.set_option("threads", 1);
        model.set_option("time_limit", left.as_secs_f64());
        model
    }
}

/// Σ_task min_pair (cost + Σ_row a·y) − Σ_row rhs·y: for any `y ≥ 0` at most the cost of every
/// placement that keeps the rows (each row's y times its slack is ≥ 0, and each task takes
/// one pair).
fn lagrangian(pairs: &[Pair], of_task: &[Vec<usize>], rows: &[Row], y: &[f64]) -> f64 {
    let mut reduced: Vec<f64> = pairs.iter().map(|p| p.cost as f64).collect();
    let mut total = 0.0;
    for (row, &yk) in rows.iter().zip(y) {
        if yk == 0.0 {
            continue;
        }
        for &(x, a) in &row.terms {
            reduced[x] += a * yk;
        }
        total -= row.rhs * yk;
    }
    for mine in of_task {
        total += mine
            .iter()
            .map(|&x| reduced[x])
            .fold(f64::INFINITY, f64::min);
    }
    total
}

/// The Lagrangian value of the relaxation with arbitrary multipliers (`y(row) ≥ 0`): a lower
/// bound for any of them, which the tests check against enumerated optima.
#[cfg(test)]
pub(crate) fn lagrangian_with(
    problem: &Problem<'_>,
    feasible: &[Vec<Vec<i32>>],
    y: &mut dyn FnMut(usize) -> f64,
) -> f64 {
    let (pairs, of_task) = pairs_of(problem, feasible);
    let rows = rows(problem, &pairs, &of_task);
    let multipliers: Vec<f64> = (0..rows.len()).map(|k| y(k).max(0.0)).collect();
    lagrangian(&pairs, &of_task, &rows, &multipliers)
}

#[cfg(test)]
pub(crate) mod tests;
