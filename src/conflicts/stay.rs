//! Rule 7: guests' items must lie within the delegation's stay.
//!
//! Internal items (setup, briefing) are staff-only and are exempt: preparing the room the
//! evening before the guests land is normal work, not a conflict.

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::index::ItemId;
use super::scope::Scope;
use crate::model::ItemKind;

/// Rule 7 for one item.
pub(super) fn check(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let r = s.item(id);
    if r.kind == ItemKind::Internal {
        return;
    }
    let (arrival, departure) = s.ix.dir.stays[r.deleg as usize];
    if arrival <= r.start && r.end <= departure {
        return;
    }
    let d = &s.delegation(id).delegation;
    let problem = if r.start < arrival {
        format!(
            "starts before the delegation arrives ({})",
            describe::instant(arrival, d.timezone)
        )
    } else if r.end > departure {
        format!(
            "ends after the delegation departs ({})",
            describe::instant(departure, d.timezone)
        )
    } else {
        return;
    };
    let message = format!(
        "{} {} {problem}",
        describe::item(s, id),
        describe::range(r.start, r.end, r.zone)
    );
    let deleg = describe::resource(s, ResourceKind::Delegation, r.deleg);
    out.push(s.conflict(
        ConflictCode::OutsideStay,
        &[id],
        vec![deleg],
        (r.start, r.end),
        message,
    ));
}
