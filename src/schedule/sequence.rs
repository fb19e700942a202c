//! A propagator that keeps `bound`'s sequencing bound during the search: the total cost is at
//! least what the tasks sharing a resource cost when run one after another, recomputed from
//! the start variables' current bounds at every node.
//!
//! Why: the sum of the per-task cost tables only sees each task's cheapest remaining start, so
//! the solver had to enumerate most orders of a day's sessions before it could refute a cost
//! below the optimum (the 20-request visit took seconds to prove). The positional assignment
//! of `bound` sees that a day's sessions cannot all start at 08:00; inside the search it
//! prunes every branch whose remaining tasks cannot be sequenced cheaply enough.
//!
//! Soundness: the groups are fixed (chosen once, disjoint, at the root) and each group's bound
//! only reads each start's lower and upper bound (its initial domain cut to them). Tighter
//! bounds only remove positions and starts, so the group bound can only grow: the explanation
//! "these start bounds (and these cost lower bounds for the tasks in no group)" implies
//! `total ≥ bound`.

use pumpkin_core::declare_inference_label;
use pumpkin_core::predicate;
use pumpkin_core::predicates::PropositionalConjunction;
use pumpkin_core::proof::{ConstraintTag, InferenceCode};
use pumpkin_core::propagation::{
    DomainEvents, EventsToRegister, LocalId, PropagationContext, Propagator, PropagatorConstructor,
    PropagatorConstructorContext, PropagatorSpec, ReadDomains, RuntimeCheckers,
};
use pumpkin_core::state::{PropagationStatusCP, PropagatorConflict};
use pumpkin_core::variables::DomainId;

declare_inference_label!(Sequencing);

/// Arguments of the sequencing bound: per task its start variable (in `unit` minutes), its
/// cost variable, its initial domain (start in minutes, cost) in time order and its duration;
/// the disjoint groups of tasks that share a resource; the total cost variable.
#[derive(Clone, Debug)]
pub(crate) struct SequenceBoundArgs {
    pub starts: Vec<DomainId>,
    pub costs: Vec<DomainId>,
    pub domains: Vec<Vec<(i32, i64)>>,
    pub durations: Vec<i32>,
    pub groups: Vec<Vec<usize>>,
    /// Per group, how many interchangeable resources its tasks share (1: one person or room).
    pub capacities: Vec<usize>,
    pub total: DomainId,
    pub unit: i32,
    pub tag: ConstraintTag,
}

impl PropagatorConstructor for SequenceBoundArgs {
    type PropagatorImpl = SequenceBound;

    fn create(self, _context: PropagatorConstructorContext) -> PropagatorSpec<SequenceBound> {
        let n = self.starts.len();
        let mut grouped = vec![false; n];
        for g in &self.groups {
            for &t in g {
                grouped[t] = true;
            }
        }
        let mut registration = EventsToRegister::builder();
        for (t, &in_group) in grouped.iter().enumerate() {
            let id = LocalId::from(t as u32);
            registration = if in_group {
                registration.add(&self.starts[t], DomainEvents::BOUNDS, id)
            } else {
                registration.add(&self.costs[t], DomainEvents::LOWER_BOUND, id)
            };
        }
        registration = registration.add(
            &self.total,
            DomainEvents::UPPER_BOUND,
            LocalId::from(n as u32),
        );
        let ungrouped = (0..n).filter(|&t| !grouped[t]).collect();
        PropagatorSpec {
            registration: registration.build(),
            checkers: RuntimeCheckers::empty(),
            propagator: SequenceBound {
                inference_code: InferenceCode::new(self.tag, Sequencing),
                args: self,
                ungrouped,
            },
        }
    }
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub(crate) struct SequenceBound {
    args: SequenceBoundArgs,
    ungrouped: Vec<usize>,
    inference_code: InferenceCode,
}

impl Propagator for SequenceBound {
    fn name(&self) -> &str {
        "SequenceBound"
    }

    fn priority(&self) -> pumpkin_core::propagation::Priority {
        // Assignments per group: run after the cheap propagators have settled the bounds.
        pumpkin_core::propagation::Priority::VeryLow
    }

    fn propagate_from_scratch(&self, mut context: PropagationContext) -> PropagationStatusCP {
        let a = &self.args;
        let mut cut: Vec<Vec<(i32, i64)>> = vec![vec![]; a.starts.len()];
        let mut reason: Vec<pumpkin_core::predicates::Predicate> = vec![];
        let mut bound = 0i64;
        for (group, &capacity) in a.groups.iter().zip(&a.capacities) {
            for &t in group {
                let (lo, hi) = (
                    context.lower_bound(&a.starts[t]),
                    context.upper_bound(&a.starts[t]),
                );
                reason.push(predicate![a.starts[t] >= lo]);
                reason.push(predicate![a.starts[t] <= hi]);
                cut[t] = a.domains[t]
                    .iter()
                    .copied()
                    .filter(|&(s, _)| s >= lo * a.unit && s <= hi * a.unit)
                    .collect();
            }
            match super::bound::group_bound_on(group, &cut, &a.durations, capacity) {
                Some(b) => bound += b,
                None => {
                    // No way to sequence the group within these bounds.
                    return Err(PropagatorConflict {
                        conjunction: reason.into_iter().collect(),
                        inference_code: self.inference_code.clone(),
                    }
                    .into());
                }
            }
        }
        for &t in &self.ungrouped {
            let lo = context.lower_bound(&a.costs[t]);
            reason.push(predicate![a.costs[t] >= lo]);
            bound += i64::from(lo);
        }
        let bound = i32::try_from(bound).unwrap_or(i32::MAX);
        if bound > context.lower_bound(&a.total) {
            let reason: PropositionalConjunction = reason.into_iter().collect();
            context.post(predicate![a.total >= bound], (reason, &self.inference_code))?;
        }
        Ok(())
    }
}
