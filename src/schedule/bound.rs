//! A lower bound on the objective, so that "optimal" can be proven without search when a
//! proposal reaches it, and so that a proposal's gap can be reported when it cannot.
//!
//! Each task costs at least its cheapest start. Tasks that hold one resource (a person or a
//! venue) run one after another, each day a sequence of its own: on a day, the task that
//! starts `k`-th starts no earlier than the day's earliest start plus the `k` shortest
//! durations. Assigning the tasks to distinct (day, rank) positions at least cost (an
//! assignment problem, solved exactly) bounds the group's cost from below, also for tasks free
//! to take any of several days. Groups are taken greedily, each task in at most one, so their
//! bounds add up. Orders, travel gaps and shared interpreters are ignored: the bound is a
//! relaxation, valid for the domains and resources it is given. `sequence` keeps the same
//! bound inside the solver's search.

use std::collections::{BTreeMap, BTreeSet};

/// Cost standing for "cannot take that position"; any assignment using it is ignored.
const NEVER: i64 = 1 << 40;
/// Groups larger than this are left out (the assignment is cubic in the group's size).
const MAX_GROUP: usize = 80;

/// The lower bound for tasks with `domains[t]` (start, cost) in time order, durations in
/// minutes and `resources[t]` held by every way of placing task `t`.
#[cfg(test)]
pub(crate) fn lower_bound(
    domains: &[Vec<(i32, i64)>],
    durations: &[i32],
    resources: &[Vec<u32>],
) -> i64 {
    bound_with_groups(domains, durations, resources).0
}

/// The lower bound and the disjoint groups it bounded as sequences (every other task counts
/// its cheapest start). Two families of candidate groups are tried — the tasks holding a
/// resource over the whole visit (each day a sequence of its own), and those holding it on
/// a single day — and the better packing is kept: taking groups greedily, a whole-visit
/// group (an interpreter's sessions across the days) can take tasks that a day's group (a
/// track's sessions) would have bounded far better, and the other way round.
pub(crate) fn bound_with_groups(
    domains: &[Vec<(i32, i64)>],
    durations: &[i32],
    resources: &[Vec<u32>],
) -> (i64, Vec<Vec<usize>>) {
    let n = domains.len();
    let mut by_resource: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    let mut by_day: BTreeMap<(u32, i32), Vec<usize>> = BTreeMap::new();
    for t in 0..n {
        let day = single_day(&domains[t]);
        for &r in &resources[t] {
            by_resource.entry(r).or_default().push(t);
            if let Some(day) = day {
                by_day.entry((r, day)).or_default().push(t);
            }
        }
    }
    let whole: Vec<Vec<usize>> = by_resource.into_values().collect();
    let daily: Vec<Vec<usize>> = by_day.into_values().collect();
    let mixed: Vec<Vec<usize>> = whole.iter().chain(&daily).cloned().collect();
    let single = |groups: Vec<Vec<usize>>| groups.into_iter().map(|g| (g, 1)).collect();
    let (bound, groups) = [single(daily), single(mixed)]
        .into_iter()
        .map(|candidates| pack(candidates, domains, durations))
        .max_by_key(|b| b.0)
        .unwrap_or_default();
    (bound, groups.into_iter().map(|g| g.0).collect())
}

/// Like [`bound_with_groups`], with `pools` (tasks that each take one of `capacity`
/// interchangeable resources, such as the interpreters of a language pair) packed first
/// when they gain most: the groups it bounded, each with its capacity.
pub(crate) fn bound_with_pools(
    domains: &[Vec<(i32, i64)>],
    durations: &[i32],
    resources: &[Vec<u32>],
    pools: &[(Vec<usize>, usize)],
) -> (i64, Vec<(Vec<usize>, usize)>) {
    let mut by_resource: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (t, held) in resources.iter().enumerate() {
        for &r in held {
            by_resource.entry(r).or_default().push(t);
        }
    }
    let candidates: Vec<(Vec<usize>, usize)> = pools
        .iter()
        .cloned()
        .chain(by_resource.into_values().map(|g| (g, 1)))
        .collect();
    pack(candidates, domains, durations)
}

/// Takes disjoint groups from `candidates` greedily, largest gain over the tasks' cheapest
/// starts first; deduplicates them first (a track's members all hold the same tasks).
fn pack(
    candidates: Vec<(Vec<usize>, usize)>,
    domains: &[Vec<(i32, i64)>],
    durations: &[i32],
) -> (i64, Vec<(Vec<usize>, usize)>) {
    let n = domains.len();
    let min_cost: Vec<i64> = domains
        .iter()
        .map(|d| d.iter().map(|x| x.1).min().unwrap_or(0))
        .collect();
    let mut groups: Vec<(Vec<usize>, usize)> = candidates
        .into_iter()
        .filter(|g| g.0.len() > g.1 && g.0.len() <= MAX_GROUP)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut taken = vec![false; n];
    let mut total = 0;
    let mut chosen = vec![];
    loop {
        let mut best: Option<(i64, usize, i64, Vec<usize>)> = None;
        for (g, (group, capacity)) in groups.iter().enumerate() {
            let free: Vec<usize> = group.iter().copied().filter(|&t| !taken[t]).collect();
            if free.len() <= *capacity {
                continue;
            }
            let Some(b) = group_bound_on(&free, domains, durations, *capacity) else {
                continue;
            };
            let gain = b - free.iter().map(|&t| min_cost[t]).sum::<i64>();
            if gain > 0 && best.as_ref().is_none_or(|x| gain > x.0) {
                best = Some((gain, g, b, free));
            }
        }
        let Some((_, g, b, free)) = best else {
            break;
        };
        for &t in &free {
            taken[t] = true;
        }
        total += b;
        chosen.push((free, groups[g].1));
        groups.swap_remove(g);
    }
    let rest: i64 = (0..n).filter(|&t| !taken[t]).map(|t| min_cost[t]).sum();
    (total + rest, chosen)
}

fn single_day(domain: &[(i32, i64)]) -> Option<i32> {
    let first = domain.first()?.0.div_euclid(1440);
    domain
        .iter()
        .all(|d| d.0.div_euclid(1440) == first)
        .then_some(first)
}

/// The least cost of the tasks of `group` run one after another, each day a sequence of its
/// own (none when some task fits no position, which a feasible placement rules out).
///
/// Columns are (day, rank) positions: on day `d` the task of rank `k` starts no earlier than
/// the group's earliest start that day plus the `k` shortest durations of the tasks that may
/// run that day. Any placement maps each task to its own position (its day, its rank there)
/// at a start at least the position's, so the cheapest assignment of tasks to distinct
/// positions never exceeds its cost.
///
/// With `capacity` interchangeable resources (the interpreters of a language pair), the
/// `k`-th start of a day (from 0) comes when at most `capacity - 1` earlier tasks still run,
/// so at least `k + 1 - capacity` of them have ended on `capacity` resources: it lies at
/// least the `k + 1 - capacity` shortest durations, divided by `capacity`, after the day's
/// earliest start.
pub(crate) fn group_bound_on(
    group: &[usize],
    domains: &[Vec<(i32, i64)>],
    durations: &[i32],
    capacity: usize,
) -> Option<i64> {
    let capacity = capacity.max(1);
    // Per task and day: its starts that day with the least cost from each start on.
    let mut by_day: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    let mut tails: Vec<BTreeMap<i32, Vec<(i32, i64)>>> = Vec::with_capacity(group.len());
    for (row, &t) in group.iter().enumerate() {
        let mut days: BTreeMap<i32, Vec<(i32, i64)>> = BTreeMap::new();
        for &(s, c) in &domains[t] {
            days.entry(s.div_euclid(1440)).or_default().push((s, c));
        }
        for (day, starts) in days.iter_mut() {
            starts.sort_unstable();
            for i in (0..starts.len().saturating_sub(1)).rev() {
                starts[i].1 = starts[i].1.min(starts[i + 1].1);
            }
            by_day.entry(*day).or_default().push(row);
        }
        tails.push(days);
    }
    let mut columns: Vec<(i32, i32)> = vec![];
    for (&day, rows) in &by_day {
        let earliest = rows
            .iter()
            .filter_map(|&r| tails[r][&day].first())
            .map(|x| x.0)
            .min()?;
        let mut lengths: Vec<i32> = rows.iter().map(|&r| durations[group[r]]).collect();
        lengths.sort_unstable();
        let m = capacity as i32;
        let mut ended = 0;
        for k in 0..lengths.len() {
            if k >= capacity {
                ended += lengths[k - capacity];
            }
            columns.push((day, earliest + (ended + m - 1) / m));
        }
    }
    let cost: Vec<Vec<i64>> = tails
        .iter()
        .map(|days| {
            columns
                .iter()
                .map(|&(day, from)| {
                    let Some(starts) = days.get(&day) else {
                        return NEVER;
                    };
                    let i = starts.partition_point(|x| x.0 < from);
                    starts.get(i).map_or(NEVER, |x| x.1)
                })
                .collect()
        })
        .collect();
    let best = assignment(&cost);
    (best < NEVER).then_some(best)
}

/// The least total cost of assigning every row to its own column (rows ≤ columns; the
/// Hungarian method with potentials, O(rows² · columns)).
pub(crate) fn assignment(cost: &[Vec<i64>]) -> i64 {
    let n = cost.len();
    if n == 0 {
        return 0;
    }
    let m = cost[0].len();
    debug_assert!(
        m >= n,
        "an assignment needs at least as many columns as rows"
    );
    // 1-based arrays as in the textbook formulation: column 0 is the virtual start.
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; m + 1];
    let mut row_of = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![i64::MAX; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let mut delta = i64::MAX;
            let mut j1 = 0;
            for j in 1..=m {
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
            for j in 0..=m {
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
    (1..=m)
        .filter(|&j| row_of[j] != 0)
        .map(|j| cost[row_of[j] - 1][j - 1])
        .sum()
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
    fn tasks_free_to_take_either_day_are_sequenced_on_each() {
        // Two 15-minute tasks for one person, each free on day 0 or day 1 (a day later costs
        // 8, each quarter hour late 1): one of them starts second on day 0 (cost 1) or first
        // on day 1 (cost 8), so no placement costs less than 1.
        let domain: Vec<(i32, i64)> = (0..2)
            .flat_map(|d| (0..4).map(move |k| (d * 1440 + 480 + 15 * k, 8 * d as i64 + k as i64)))
            .collect();
        let bound = lower_bound(&[domain.clone(), domain], &[15, 15], &[vec![3], vec![3]]);
        assert_eq!(bound, 1, "08:00 and 08:15 on day 0 is the cheapest pair");
    }

    /// Every placement of `domains` (one start per task) where tasks sharing a resource do
    /// not overlap; the least total cost, by enumeration.
    fn brute_force(domains: &[Vec<(i32, i64)>], durations: &[i32], resources: &[Vec<u32>]) -> i64 {
        fn go(
            t: usize,
            chosen: &mut Vec<i32>,
            cost: i64,
            d: &[Vec<(i32, i64)>],
            len: &[i32],
            res: &[Vec<u32>],
            best: &mut i64,
        ) {
            if cost >= *best {
                return;
            }
            if t == d.len() {
                *best = cost;
                return;
            }
            for &(s, c) in &d[t] {
                let free = (0..t).all(|u| {
                    !res[u].iter().any(|r| res[t].contains(r))
                        || s + len[t] <= chosen[u]
                        || chosen[u] + len[u] <= s
                });
                if free {
                    chosen.push(s);
                    go(t + 1, chosen, cost + c, d, len, res, best);
                    chosen.pop();
                }
            }
        }
        let mut best = i64::MAX;
        go(0, &mut vec![], 0, domains, durations, resources, &mut best);
        best
    }

    #[test]
    fn the_bound_never_exceeds_the_optimum_of_generated_instances() {
        // A small linear congruential generator: the instances are the same on every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) % m
        };
        let mut tight = 0;
        for _ in 0..60 {
            let n = 3 + next(3) as usize;
            let mut domains = vec![];
            let mut durations = vec![];
            let mut resources = vec![];
            for _ in 0..n {
                let days: Vec<i32> = (0..2).filter(|_| next(3) > 0).collect();
                let days = if days.is_empty() { vec![0] } else { days };
                let from = 480 + 15 * next(4) as i32;
                let count = 2 + next(5) as i32;
                let slope = next(3) as i64;
                let mut domain = vec![];
                for &d in &days {
                    for k in 0..count {
                        let s = d * 1440 + from + 15 * k;
                        domain.push((s, 8 * i64::from(d) + slope * i64::from(k) + next(3) as i64));
                    }
                }
                domains.push(domain);
                durations.push(15 * (1 + next(3) as i32));
                let mut r: Vec<u32> = (0..3).filter(|_| next(2) == 0).collect();
                if r.is_empty() {
                    r.push(next(3) as u32);
                }
                resources.push(r);
            }
            let optimum = brute_force(&domains, &durations, &resources);
            if optimum == i64::MAX {
                continue;
            }
            let bound = lower_bound(&domains, &durations, &resources);
            assert!(
                bound <= optimum,
                "bound {bound} above the optimum {optimum} of {domains:?} {durations:?} {resources:?}"
            );
            let cheapest: i64 = domains
                .iter()
                .map(|d| d.iter().map(|x| x.1).min().unwrap_or(0))
                .sum();
            if bound > cheapest {
                tight += 1;
            }
        }
        assert!(
            tight > 0,
            "on some instances the sequencing must raise the bound above the cheapest starts"
        );
    }

    #[test]
    fn tasks_sharing_a_pool_of_two_are_bounded_two_at_a_time() {
        // Four 15-minute tasks, each needing one of two interpreters, from 08:00, one unit per
        // quarter hour late: two start at 08:00, the other two no earlier than 08:15.
        let domain: Vec<(i32, i64)> = (0..8).map(|k| (480 + 15 * k, k as i64)).collect();
        let domains = vec![domain; 4];
        let durations = [15; 4];
        let none: Vec<Vec<u32>> = vec![vec![]; 4];
        let pooled = super::bound_with_pools(&domains, &durations, &none, &[((0..4).collect(), 2)]);
        assert_eq!(pooled.0, 2, "0 + 0 + 1 + 1: two at a time");
        let alone = super::bound_with_pools(&domains, &durations, &none, &[((0..4).collect(), 1)]);
        assert_eq!(alone.0, 6, "one interpreter: 0 + 1 + 2 + 3");
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
