//! The greedy constructor: the first complete proposal, in milliseconds.
//!
//! List scheduling: among the tasks whose `after` predecessors are placed, the tightest (fewest
//! starts × choices) goes next, at its cheapest start after its predecessors' ends, with the
//! first choice that clashes with no placed task and passes the booking checker against
//! everything booked. With a hint (starts from a solver solution), tasks go in the hint's
//! time order and try the hinted start first. It never backtracks: when a task fits nowhere it
//! reports that task; a few passes move the stuck task and its predecessors to the front
//! ("squeaky wheel"), then the solver takes over.

use crate::conflicts::Index;

use super::problem::{Placed, Problem};

/// Places every task, retrying with the stuck task and its predecessors moved to the front
/// (up to `attempts` passes, while `deadline` allows); returns the last stuck task on
/// failure.
pub(crate) fn place_with_retries(
    problem: &Problem<'_>,
    index: &Index<'_>,
    hint: Option<&[i32]>,
    attempts: usize,
    deadline: std::time::Instant,
) -> Result<Vec<Placed>, usize> {
    let mut boost = vec![0u32; problem.tasks.len()];
    let mut stuck = 0;
    for _ in 0..attempts.max(1) {
        match place(problem, index, hint, &boost) {
            Ok(p) => return Ok(p),
            Err(t) => {
                stuck = t;
                let mut todo = vec![t];
                while let Some(x) = todo.pop() {
                    boost[x] += 1;
                    todo.extend(problem.tasks[x].after.iter().copied());
                }
            }
        }
        if std::time::Instant::now() >= deadline {
            break;
        }
    }
    Err(stuck)
}

/// One pass: places every task, or returns the index of the first task that fits nowhere.
/// Tasks with a higher `boost` go first.
fn place(
    problem: &Problem<'_>,
    index: &Index<'_>,
    hint: Option<&[i32]>,
    boost: &[u32],
) -> Result<Vec<Placed>, usize> {
    let n = problem.tasks.len();
    let mut placed: Vec<Option<Placed>> = vec![None; n];
    let mut done: Vec<Placed> = Vec::with_capacity(n);
    let tightness: Vec<usize> = problem
        .tasks
        .iter()
        .map(|t| t.starts.len() * t.choices.len())
        .collect();
    for _ in 0..n {
        let ready = (0..n).filter(|&t| {
            placed[t].is_none() && problem.tasks[t].after.iter().all(|&a| placed[a].is_some())
        });
        let next = match hint {
            Some(h) => ready.min_by_key(|&t| (std::cmp::Reverse(boost[t]), h[t], t)),
            None => ready.min_by_key(|&t| {
                (
                    std::cmp::Reverse(boost[t]),
                    tightness[t],
                    std::cmp::Reverse(problem.tasks[t].duration),
                    t,
                )
            }),
        };
        // A cycle of orders is refused by validation; without a ready task, report the first.
        let Some(t) = next.or_else(|| (0..n).find(|&t| placed[t].is_none())) else {
            break;
        };
        let task = &problem.tasks[t];
        let ready_at = task
            .after
            .iter()
            .filter_map(|&a| placed[a].map(|p| p.start + problem.tasks[a].duration))
            .fold(task.not_before, i32::max);
        let mut starts: Vec<i32> = task
            .starts
            .iter()
            .copied()
            .filter(|&s| s >= ready_at)
            .collect();
        starts.sort_by_key(|&s| {
            let hinted = hint.is_some_and(|h| h[t] == s);
            (!hinted, problem.cost(t, s), s)
        });
        let found = starts.iter().find_map(|&start| {
            (0..task.choices.len()).find_map(|choice| {
                let p = Placed {
                    task: t,
                    choice,
                    start,
                };
                let free = done.iter().all(|&q| !problem.clash(p, q));
                (free
                    && problem.fits_booked(index, t, choice, start)
                    && problem.interpreter_fits(t, choice, start, &done))
                .then_some(p)
            })
        });
        match found {
            Some(p) => {
                placed[t] = Some(p);
                done.push(p);
            }
            None => return Err(t),
        }
    }
    Ok(done)
}
