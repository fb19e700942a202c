//! The pure half of saving itinerary items, shared by both databases: put the items into the
//! resolved plan the store keeps (current as of the write transaction's revision, see
//! `checked.rs`), validate them, normalise them the way an import would, check each against
//! every visit, and refuse a confirmed item with a blocking conflict. The backends only read
//! and write rows, so one item (the item form) and many (accepting a proposed programme)
//! follow exactly the same rules — and many are written in one transaction: all or none.

use crate::api::SaveItem;
use crate::conflicts::{AcknowledgedConflict, Conflict, PrintLog, ResolvedPlan};
use crate::model::{ItemStatus, ItineraryItem, Key, Lang};
use crate::plan::{self, DelegationPlan, Plan};
use crate::store::problems_to_error;
use crate::wording::Text;
use crate::{Error, Result};

/// An item ready to be written: normalised, with every conflict it has.
pub(super) struct Placed {
    pub item: ItineraryItem,
    pub conflicts: Vec<Conflict>,
}

/// Places `inputs` (all of `delegation`) into the resolved plan the store keeps and checks
/// them; nothing is written. With several items each is checked against the plan holding all
/// of them, so two accepted proposals that clash with each other are seen; an error about one
/// of several names it. On success the items are in `resolved`; on a refusal `resolved` is
/// as it was.
///
/// Only the edited delegation is validated (with the directory): an item's references are to
/// the directory and to its own delegation's members and sub-groups. Keys are unique across
/// the plan, which the resolved plan answers without a scan.
pub(super) fn place_items(
    resolved: &mut ResolvedPlan,
    acks: &[AcknowledgedConflict],
    printed: &PrintLog,
    delegation: &Key,
    inputs: &[SaveItem],
    lang: Lang,
) -> Result<Vec<Placed>> {
    let whole = resolved.plan();
    let source = whole
        .delegation(delegation)
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: delegation.to_string(),
        })?;
    let mut one = Plan {
        settings: whole.settings.clone(),
        sites: whole.sites.clone(),
        travel: whole.travel.clone(),
        venues: whole.venues.clone(),
        hosts: whole.hosts.clone(),
        interpreters: whole.interpreters.clone(),
        delegations: vec![source.clone()],
        ..Plan::default()
    };
    for input in inputs {
        if input.expected_version.is_none()
            && resolved.contains(&input.item.key)
            && !source.items.iter().any(|i| i.key == input.item.key)
        {
            return Err(Error::Duplicate {
                kind: "item",
                key: input.item.key.to_string(),
            });
        }
    }
    let previous = source.items.clone();
    let items = prepare(&mut one, 0, delegation, inputs)?;

    // Into the resolved plan, all of them first: each is then checked against the others.
    for item in &items {
        resolved.upsert_item(delegation, item.clone())?;
    }
    let checked = check_placed(&items, lang, |item| {
        resolved.check_item_in(item, delegation, acks, printed, lang)
    });
    if checked.is_err() {
        // Refused: the resolved plan goes back to what the database holds. (These cannot
        // fail: the delegation is in the plan, and each new key was just added.)
        for item in items.iter().rev() {
            match previous.iter().find(|p| p.key == item.key) {
                Some(old) => resolved.upsert_item(delegation, old.clone())?,
                None => {
                    resolved.remove_item(&item.key)?;
                }
            }
        }
    }
    checked
}

/// Puts `inputs` into delegation `d` of `plan`, validates them and normalises them the way an
/// import would; returns the items as they will be stored.
fn prepare(
    plan: &mut Plan,
    d: usize,
    delegation: &Key,
    inputs: &[SaveItem],
) -> Result<Vec<ItineraryItem>> {
    let many = inputs.len() > 1;
    let named = |key: &Key, e: Error| match e {
        Error::Invalid(m) if many => {
            Error::Invalid(m.after(format!("item '{key}'"), format!("일정 '{key}'")))
        }
        other => other,
    };
    let mut at = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input.delegation != *delegation {
            return Err(Error::Invalid(Text::new(
                format!(
                    "delegation: item '{}' belongs to '{}', not '{delegation}'",
                    input.item.key, input.delegation
                ),
                format!(
                    "방문단: 일정 '{}'은(는) '{delegation}'이 아니라 '{}'의 일정입니다",
                    input.item.key, input.delegation
                ),
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
    Ok(at
        .iter()
        .map(|&i| plan.delegations[d].items[i].clone())
        .collect())
}

/// The conflicts of each placed item; a confirmed item with a blocking conflict is refused.
fn check_placed(
    items: &[ItineraryItem],
    lang: Lang,
    mut conflicts_of: impl FnMut(&ItineraryItem) -> Result<Vec<Conflict>>,
) -> Result<Vec<Placed>> {
    let mut placed = Vec::with_capacity(items.len());
    for item in items {
        let conflicts = conflicts_of(item)?;
        if item.status == ItemStatus::Confirmed {
            let blocking: Vec<&str> = conflicts
                .iter()
                .filter(|c| c.is_blocking())
                .map(|c| c.message.as_str())
                .collect();
            if !blocking.is_empty() {
                let (title, why) = (item.title.best(lang), blocking.join("; "));
                // The conflicts are worded in the store's language only.
                return Err(Error::Conflict(Text::written_in(if lang == Lang::Ko {
                    format!("'{title}' 일정은 확정할 수 없습니다: {why}")
                } else {
                    format!("'{title}' cannot be confirmed: {why}")
                })));
            }
        }
        placed.push(Placed {
            item: item.clone(),
            conflicts,
        });
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
