//! Where a member sits besides the member list — their sub-groups and the items that name
//! them — taken out when the member is deleted and put back when the delete is undone.
//!
//! Both databases keep delegations and items as JSON bodies, so the edits are the same pure
//! functions on the parsed records; each backend only reads and writes the rows. Putting back
//! is lenient on purpose: a sub-group or item deleted since the member was removed is skipped
//! (there is nothing to return to), and an item that now takes the whole delegation needs no
//! name. Everything that still exists gets the member again, so undoing a delete loses none of
//! the scheduler's placement work.

use crate::api::Membership;
use crate::model::{Delegation, ItineraryItem, Key, Participants};

/// Takes `member` out of every sub-group of `delegation`; returns the sub-groups they left.
pub(super) fn leave_subgroups(delegation: &mut Delegation, member: &Key) -> Vec<Key> {
    let mut left = Vec::new();
    for g in &mut delegation.subgroups {
        let before = g.members.len();
        g.members.retain(|m| m != member);
        if g.members.len() != before {
            left.push(g.key.clone());
        }
    }
    left
}

/// Takes `member` out of the item's named participants; true when they were named.
pub(super) fn leave_item(item: &mut ItineraryItem, member: &Key) -> bool {
    match &mut item.participants {
        Participants::Selected { members, .. } if members.contains(member) => {
            members.retain(|m| m != member);
            true
        }
        _ => false,
    }
}

/// Puts the member back into the sub-groups of `m` that still exist; true when anything
/// changed (so the delegation is written once).
pub(super) fn rejoin_subgroups(delegation: &mut Delegation, m: &Membership) -> bool {
    let mut changed = false;
    for g in &mut delegation.subgroups {
        if m.subgroups.contains(&g.key) && !g.members.contains(&m.member) {
            g.members.push(m.member.clone());
            changed = true;
        }
    }
    changed
}

/// Names again, in an item, every member of `restore` who was named in it; true when the
/// item changed. An item that now takes the whole delegation already includes them.
pub(super) fn rejoin_item(item: &mut ItineraryItem, restore: &[Membership]) -> bool {
    let key = item.key.clone();
    let Participants::Selected { members, .. } = &mut item.participants else {
        return false;
    };
    let mut changed = false;
    for m in restore.iter().filter(|m| m.items.contains(&key)) {
        if !members.contains(&m.member) {
            members.push(m.member.clone());
            changed = true;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, LocalizedText, SubGroup};

    fn key(s: &str) -> Key {
        Key::new(s).expect("valid key")
    }

    fn group(k: &str, members: &[&str]) -> SubGroup {
        SubGroup {
            key: key(k),
            name: LocalizedText::one(Lang::Ko, k),
            members: members.iter().map(|m| key(m)).collect(),
        }
    }

    #[test]
    fn leaving_and_rejoining_subgroups_round_trips_and_skips_deleted_groups() {
        let mut d: Delegation = crate::sample::sample_plan().expect("sample").delegations[0]
            .delegation
            .clone();
        d.subgroups = vec![
            group("nurses", &["son", "lan"]),
            group("surgeons", &["minh"]),
            group("all-day", &["lan", "son"]),
        ];
        let left = leave_subgroups(&mut d, &key("son"));
        assert_eq!(left, vec![key("nurses"), key("all-day")]);
        assert_eq!(d.subgroups[0].members, vec![key("lan")]);
        assert_eq!(d.subgroups[2].members, vec![key("lan")]);
        // The scheduler deleted "all-day" meanwhile: only "nurses" gets Son back.
        d.subgroups.remove(2);
        let m = Membership {
            member: key("son"),
            subgroups: left,
            items: vec![],
        };
        assert!(rejoin_subgroups(&mut d, &m));
        assert_eq!(d.subgroups[0].members, vec![key("lan"), key("son")]);
        assert_eq!(d.subgroups[1].members, vec![key("minh")]);
        assert!(
            !rejoin_subgroups(&mut d, &m),
            "already back: nothing to write"
        );
    }
}
