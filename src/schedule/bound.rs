//! A lower bound on the objective, so that "optimal" can be proven without search when a
//! proposal reaches it, and so that a proposal's gap can be reported when it cannot.
//!
//! Each task costs at least its cheapest start. Tasks that hold one resource (a person or a
//! venue) on one day run one after another; in any order, the task that starts `k`-th starts
//! no earlier than the group's earliest start plus the `k` shortest durations. Assigning the
//! tasks to those positions at least cost (an assignment problem, solved exactly) bounds the
//! group's cost from below. Groups are taken greedily, each task in at most one, so their
//! bounds add up. Orders, travel gaps and shared interpreters are ignored: the bound is a
//! relaxation, valid for the domains and resources it is given.

use std::collections::{BTreeMap, BTreeSet};

/// Cost standing for "cannot take that position"; any assignment using it is ignored.
const NEVER: i64 = 1 << 40;
/// Groups larger than this are left out (the assignment is cubic in the group's size).
const MAX_GROUP: usize = 80;

/// The lower bound for tasks with `domains[t]` (start, cost) in time order, durations in
/// minutes and `resources[t]` held by every way of placing task `t`.
pub(crate) fn lower_bound(
    domains: &[Vec<(i32, i64)>],
    durations: &[i32],
    resources: &[Vec<u32>],
) -> i64 {
    let n = domains.len();
    let min_cost: Vec<i64> = domains
        .iter()
        .map(|d| d.iter().map(|x| x.1).min().unwrap_or(0))
        .collect();
    // Candidate groups: tasks on a single day holding a resource, deduplicated (a track's
    // members all hold the same tasks).
    let mut by_key: BTreeMap<(u32, i32), Vec<usize>> = BTreeMap::new();
    for t in 0..n {
        let Some(day) = single_day(&domains[t]) else {
            continue;
        };
        for &r in &resources[t] {
            by_key.entry((r, day)).or_default().push(t);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_key
        .into_values()
        .filter(|g| g.len() > 1 && g.len() <= MAX_GROUP)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut taken = vec![false; n];
    let mut total = 0;
    loop {
        let mut best: Option<(i64, usize, i64)> = None;
        for (g, group) in groups.iter().enumerate() {
            let free: Vec<usize> = group.iter().copied().filter(|&t| !taken[t]).collect();
            if free.len() < 2 {
                continue;
            }
            let Some(b) = group_bound(&free, domains, durations) else {
                continue;
            };
            let gain = b - free.iter().map(|&t| min_cost[t]).sum::<i64>();
            if gain > 0 && best.is_none_or(|x| gain > x.0) {
                best = Some((gain, g, b));
            }
        }
        let Some((_, g, b)) = best else {
            break;
        };
        for &t in &groups[g] {
            taken[t] = true;
        }
        total += b;
        groups.swap_remove(g);
    }
    total
        + (0..n)
            .filter(|&t| !taken[t])
            .map(|t| min_cost[t])
            .sum::<i64>()
}

fn single_day(domain: &[(i32, i64)]) -> Option<i32> {
    let first = domain.first()?.0.div_euclid(1440);
    domain
        .iter()
        .all(|d| d.0.div_euclid(1440) == first)
        .then_some(first)
}

/// The least cost of the tasks of `group` run one after another (none when some position
/// cannot be filled, which a feasible placement rules out).
fn group_bound(group: &[usize], domains: &[Vec<(i32, i64)>], durations: &[i32]) -> Option<i64> {
    let earliest = group
        .iter()
        .filter_map(|&t| domains[t].first())
        .map(|d| d.0)
        .min()?;
    let mut lengths: Vec<i32> = group.iter().map(|&t| durations[t]).collect();
    lengths.sort_unstable();
    let mut position_start = Vec::with_capacity(group.len());
    let mut at = earliest;
    for len in &lengths {
        position_start.push(at);
        at += len;
    }
    let cost: Vec<Vec<i64>> = group
        .iter()
        .map(|&t| {
            position_start
                .iter()
                .map(|&from| {
                    domains[t]
                        .iter()
                        .filter(|d| d.0 >= from)
                        .map(|d| d.1)
                        .min()
                        .unwrap_or(NEVER)
                })
                .collect()
        })
        .collect();
    let best = assignment(&cost);
    (best < NEVER).then_some(best)
}

/// The least total cost of a perfect assignment of rows to columns of a square matrix
/// (the Hungarian method with potentials, O(n³)).
pub(crate) fn assignment(cost: &[Vec<i64>]) -> i64 {
    let n = cost.len();
    if n == 0 {
        return 0;
    }
    // 1-based arrays as in the textbook formulation: column 0 is the virtual start.
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; n + 1];
    let mut row_of = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![i64::MAX; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let mut delta = i64::MAX;
            let mut j1 = 0;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
                if reduced < min_to[j] {
                    min_to[j] = reduced;
                    way[j] = j0;
                }
                if min_to[j] < delta {
                    delta = min_to[j];
                    j1 = j;
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if row_of[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            row_of[j0] = row_of[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).map(|j| cost[row_of[j] - 1][j - 1]).sum()
}

#[cfg(test)]
mod tests {
    use super::{assignment, lower_bound};

    #[test]
    fn assignment_finds_the_cheapest_matching() {
        let cost = vec![vec![4, 1, 3], vec![2, 0, 5], vec![3, 2, 2]];
        assert_eq!(
            assignment(&cost),
            5,
            "1 + 2 + 2 is the only matching of cost 5, and none is cheaper"
        );
    }

    #[test]
    fn tasks_sharing_a_person_are_bounded_by_running_one_after_another() {
        // Three 15-minute tasks for one person on day 0, from 08:00, each costing one unit
        // per quarter hour late: in any order they cost at least 0 + 1 + 2.
        let domain: Vec<(i32, i64)> = (0..8).map(|k| (480 + 15 * k, k as i64)).collect();
        let domains = vec![domain.clone(), domain.clone(), domain];
        let bound = lower_bound(&domains, &[15, 15, 15], &[vec![7], vec![7], vec![7]]);
        assert_eq!(bound, 3, "positions 08:00, 08:15 and 08:30 cost 0 + 1 + 2");
        let apart = lower_bound(&domains, &[15, 15, 15], &[vec![1], vec![2], vec![3]]);
        assert_eq!(
            apart, 0,
            "without a shared resource every task can start at 08:00"
        );
    }
}
