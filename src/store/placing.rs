//! The pure half of saving itinerary items, shared by both databases: put the items into the
//! plan read inside the write transaction, validate them, normalise them the way an import
//! would, check each against every visit, and refuse a confirmed item with a blocking
//! conflict. The backends only read the plan and write the rows, so one item (the item form)
//! and many (accepting a proposed programme) follow exactly the same rules — and many are
//! written in one transaction: all of them or none.

use crate::api::SaveItem;
use crate::conflicts::{AcknowledgedConflict, Conflict, Index, PrintLog};
use crate::model::{ItemStatus, ItineraryItem, Key, Lang};
use crate::plan::{self, DelegationPlan, Plan};
use crate::store::problems_to_error;
use crate::{Error, Result};

/// An item ready to be written: normalised, with every conflict it has.
pub(super) struct Placed {
    pub item: ItineraryItem,
    pub conflicts: Vec<Conflict>,
}

/// Places `inputs` (all of `delegation`) into `plan` and checks them; nothing is written.
/// With several items each is checked against the plan holding all of them, so two accepted
/// proposals that clash with each other are seen; an error about one of several names it.
pub(super) fn place_items(
    plan: &mut Plan,
    acks: &[AcknowledgedConflict],
    printed: &PrintLog,
    delegation: &Key,
    inputs: &[SaveItem],
) -> Result<Vec<Placed>> {
    let d = plan
        .delegations
        .iter()
        .position(|d| d.delegation.key == *delegation)
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: delegation.to_string(),
        })?;
    let many = inputs.len() > 1;
    let named = |key: &Key, e: Error| match e {
        Error::Invalid(m) if many => Error::Invalid(format!("item '{key}': {m}")),
        other => other,
    };
    let mut at = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input.delegation != *delegation {
            return Err(Error::Invalid(format!(
                "delegation: item '{}' belongs to '{}', not '{delegation}'",
                input.item.key, input.delegation
            )));
        }
        at.push(put(&mut plan.delegations[d], input)?);
    }
    let problems = plan::check(plan, None);
    for (&i, input) in at.iter().zip(inputs) {
        let path = format!("$.delegations[{d}].items[{i}]");
        let mine: Vec<_> = problems
            .iter()
            .filter(|p| p.path == path || p.path.starts_with(&format!("{path}.")))
            .cloned()
            .collect();
        if !mine.is_empty() {
            return Err(named(&input.item.key, problems_to_error(mine, &path)));
        }
    }
    for &i in &at {
        plan.delegations[d].items[i] = normalised_item(plan, d, i);
    }
    let index = Index::build(plan, acks, printed);
    let mut placed = Vec::with_capacity(at.len());
    for &i in &at {
        let item = plan.delegations[d].items[i].clone();
        let conflicts = index.check_item(&item, delegation)?;
        if item.status == ItemStatus::Confirmed {
            let blocking: Vec<&str> = conflicts
                .iter()
                .filter(|c| c.is_blocking())
                .map(|c| c.message.as_str())
                .collect();
            if !blocking.is_empty() {
                return Err(Error::Conflict(format!(
                    "'{}' cannot be confirmed: {}",
                    item.title.best(Lang::En),
                    blocking.join("; ")
                )));
            }
        }
        placed.push(Placed { item, conflicts });
    }
    Ok(placed)
}

/// Puts one item into its delegation: replaces the stored item of an update, appends a new
/// one; returns its index. A new item under a taken key, or an update of a missing one, is
/// refused.
fn put(d: &mut DelegationPlan, input: &SaveItem) -> Result<usize> {
    let key = &input.item.key;
    let items = &mut d.items;
    match (
        items.iter().position(|i| i.key == *key),
        input.expected_version,
    ) {
        (Some(at), Some(_)) => {
            items[at] = input.item.clone();
            Ok(at)
        }
        (None, None) => {
            items.push(input.item.clone());
            Ok(items.len() - 1)
        }
        (Some(_), None) => Err(Error::Duplicate {
            kind: "item",
            key: key.to_string(),
        }),
        (None, Some(_)) => Err(Error::NotFound {
            kind: "item",
            key: key.to_string(),
        }),
    }
}

/// The item at `at` of delegation `d`, normalised (NFC, times in its zone) the way an import
/// would store it.
fn normalised_item(plan: &Plan, d: usize, at: usize) -> ItineraryItem {
    let source = &plan.delegations[d];
    let mut one = Plan::default();
    one.delegations.push(DelegationPlan {
        delegation: source.delegation.clone(),
        members: vec![],
        items: vec![source.items[at].clone()],
    });
    plan::normalise(&mut one, Some(plan));
    one.delegations.remove(0).items.remove(0)
}
