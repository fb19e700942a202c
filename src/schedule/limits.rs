//! The interpreters' continuous and daily limits: one check shared by the greedy, the
//! neighbourhood rounds (`Problem::interpreter_fits`) and, as a propagator, the model over
//! every choice (`choices`), so that a model solution can never break a limit the checker
//! would report.
//!
//! The check follows the booking checker: assignments less than
//! [`crate::conflicts::BREAK_MINUTES`] apart form one continuous stretch, which must not be
//! longer than the interpreter's continuous limit, and the minutes interpreted on a day must
//! not exceed the daily limit.
//!
//! The propagator only judges tasks whose start and choice are both fixed. That is sound as a
//! lazy constraint: more assignments can only merge stretches and add minutes, never split a
//! stretch or remove minutes, so the fixed assignments that break a limit (the explanation)
//! break it in every completion. Learning from those explanations keeps the search from
//! trying the same combination again.

use pumpkin_core::declare_inference_label;
use pumpkin_core::predicate;
use pumpkin_core::predicates::{Predicate, PropositionalConjunction};
use pumpkin_core::proof::{ConstraintTag, InferenceCode};
use pumpkin_core::propagation::{
    DomainEvents, EventsToRegister, LocalId, PropagationContext, Propagator, PropagatorConstructor,
    PropagatorConstructorContext, PropagatorSpec, ReadDomains, RuntimeCheckers,
};
use pumpkin_core::state::{PropagationStatusCP, PropagatorConflict};
use pumpkin_core::variables::DomainId;

declare_inference_label!(InterpreterLimits);

const DAY: i32 = 1440;

/// Checks one interpreter's `spans` (start, end in minutes, and the task that holds each, none
/// for what is booked already), sorted by start: every continuous stretch must be at most
/// `continuous` minutes long and day `day` must hold at most `daily` minutes. On a breach,
/// the tasks whose spans break the limit (possibly none, when booked items alone do).
pub(crate) fn breach(
    spans: &[(i32, i32, Option<usize>)],
    day: i32,
    continuous: i32,
    daily: i32,
) -> Option<Vec<usize>> {
    let break_minutes = crate::conflicts::BREAK_MINUTES as i32;
    let (mut from, mut to) = (spans.first()?.0, spans.first()?.1);
    let mut stretch = 0;
    let mut minutes = 0;
    for (i, &(a, b, _)) in spans.iter().enumerate() {
        if a - to >= break_minutes {
            from = a;
            stretch = i;
        }
        to = to.max(b);
        if to - from > continuous {
            return Some(spans[stretch..=i].iter().filter_map(|s| s.2).collect());
        }
        minutes += (b.min((day + 1) * DAY) - a.max(day * DAY)).max(0);
    }
    (minutes > daily).then(|| {
        spans
            .iter()
            .filter(|s| s.1 > day * DAY && s.0 < (day + 1) * DAY)
            .filter_map(|s| s.2)
            .collect()
    })
}

/// One interpreter's limits and what is booked for them already (minutes).
#[derive(Clone, Debug)]
pub(crate) struct Limit {
    pub continuous: i32,
    pub daily: i32,
    pub booked: Vec<(i32, i32)>,
}

/// Arguments of the propagator: per task its start variable (in `unit` minutes), its choice
/// variable (none when it has one choice), per choice the index of its interpreter in
/// `limits` (none without one) and its duration in minutes.
#[derive(Clone, Debug)]
pub(crate) struct LimitsArgs {
    pub starts: Vec<DomainId>,
    pub choices: Vec<Option<DomainId>>,
    pub interpreter_of: Vec<Vec<Option<usize>>>,
    pub durations: Vec<i32>,
    pub limits: Vec<Limit>,
    pub unit: i32,
    pub tag: ConstraintTag,
}

impl PropagatorConstructor for LimitsArgs {
    type PropagatorImpl = LimitsPropagator;

    fn create(self, _context: PropagatorConstructorContext) -> PropagatorSpec<LimitsPropagator> {
        let mut registration = EventsToRegister::builder();
        let mut id = 0u32;
        for t in 0..self.starts.len() {
            if self.interpreter_of[t].iter().all(Option::is_none) {
                continue;
            }
            registration =
                registration.add(&self.starts[t], DomainEvents::ASSIGN, LocalId::from(id));
            id += 1;
            if let Some(c) = &self.choices[t] {
                registration = registration.add(c, DomainEvents::ASSIGN, LocalId::from(id));
                id += 1;
            }
        }
        PropagatorSpec {
            registration: registration.build(),
            checkers: RuntimeCheckers::empty(),
            propagator: LimitsPropagator {
                inference_code: InferenceCode::new(self.tag, InterpreterLimits),
                args: self,
            },
        }
    }
}

/// See the module documentation.
#[derive(Clone, Debug)]
pub(crate) struct LimitsPropagator {
    args: LimitsArgs,
    inference_code: InferenceCode,
}

impl LimitsPropagator {
    /// The fixed task's (start in minutes, interpreter) and the predicates saying so.
    fn fixed(
        &self,
        context: &PropagationContext,
        t: usize,
    ) -> Option<(i32, usize, [Predicate; 2])> {
        let a = &self.args;
        if !context.is_fixed(&a.starts[t]) {
            return None;
        }
        let s = context.lower_bound(&a.starts[t]);
        let (choice, why) = match &a.choices[t] {
            Some(c) if context.is_fixed(c) => {
                let v = context.lower_bound(c);
                (v as usize, predicate![c == v])
            }
            Some(_) => return None,
            None => (0, predicate![a.starts[t] == s]),
        };
        let interpreter = a.interpreter_of[t][choice]?;
        Some((s * a.unit, interpreter, [predicate![a.starts[t] == s], why]))
    }
}

impl Propagator for LimitsPropagator {
    fn name(&self) -> &str {
        "InterpreterLimits"
    }

    fn priority(&self) -> pumpkin_core::propagation::Priority {
        pumpkin_core::propagation::Priority::Low
    }

    fn propagate_from_scratch(&self, context: PropagationContext) -> PropagationStatusCP {
        let a = &self.args;
        let fixed: Vec<Option<(i32, usize, [Predicate; 2])>> = (0..a.starts.len())
            .map(|t| self.fixed(&context, t))
            .collect();
        for (t, f) in fixed.iter().enumerate() {
            let Some((start, who, _)) = f else {
                continue;
            };
            let day = start.div_euclid(DAY);
            let limit = &a.limits[*who];
            // The same spans as `Problem::interpreter_fits` sees for this task.
            let mut spans: Vec<(i32, i32, Option<usize>)> = fixed
                .iter()
                .enumerate()
                .filter_map(|(u, g)| {
                    let (s, w, _) = g.as_ref()?;
                    (w == who && (u == t || (s.div_euclid(DAY) - day).abs() <= 1)).then_some((
                        *s,
                        s + a.durations[u],
                        Some(u),
                    ))
                })
                .collect();
            spans.extend(
                limit
                    .booked
                    .iter()
                    .filter(|&&(x, y)| y >= (day - 1) * DAY && x <= (day + 2) * DAY)
                    .map(|&(x, y)| (x, y, None)),
            );
            spans.sort_unstable();
            let Some(mut tasks) = breach(&spans, day, limit.continuous, limit.daily) else {
                continue;
            };
            tasks.push(t);
            tasks.sort_unstable();
            tasks.dedup();
            let conjunction: PropositionalConjunction = tasks
                .iter()
                .filter_map(|&u| fixed[u].as_ref())
                .flat_map(|(_, _, why)| why.iter().copied())
                .collect();
            return Err(PropagatorConflict {
                conjunction,
                inference_code: self.inference_code.clone(),
            }
            .into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::breach;

    #[test]
    fn a_stretch_without_a_break_over_the_limit_names_its_tasks() {
        // 09:00–10:00, 10:00–11:00 (task 1) and 11:10–11:40 (task 2): no 15-minute break, so
        // one stretch of 160 minutes, over a 120-minute limit.
        let spans = [(540, 600, None), (600, 660, Some(1)), (670, 700, Some(2))];
        assert_eq!(
            breach(&spans, 0, 120, 480),
            Some(vec![1, 2]),
            "the stretch's own tasks explain the breach"
        );
        let apart = [(540, 600, None), (600, 660, Some(1)), (675, 705, Some(2))];
        assert_eq!(
            breach(&apart, 0, 120, 480),
            None,
            "a 15-minute break ends the stretch at 120 minutes"
        );
        assert_eq!(
            breach(&apart, 0, 120, 140),
            Some(vec![1, 2]),
            "150 minutes on the day break a 140-minute daily limit"
        );
    }
}
