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
    let (item, when) = (
        describe::item(s, id),
        describe::range(s.lang, r.start, r.end, r.zone),
    );
    let message = if r.start < arrival {
        let arrives = describe::instant(s.lang, arrival, d.timezone);
        if s.ko() {
            format!("{item} 일정({when})이 대표단 도착({arrives})보다 먼저 시작합니다")
        } else {
            format!("{item} {when} starts before the delegation arrives ({arrives})")
        }
    } else if r.end > departure {
        let departs = describe::instant(s.lang, departure, d.timezone);
        if s.ko() {
            format!("{item} 일정({when})이 대표단 출발({departs}) 뒤에 끝납니다")
        } else {
            format!("{item} {when} ends after the delegation departs ({departs})")
        }
    } else {
        return;
    };
    let deleg = describe::resource(s, ResourceKind::Delegation, r.deleg);
    out.push(s.conflict(
        ConflictCode::OutsideStay,
        &[id],
        vec![deleg],
        (r.start, r.end),
        message,
    ));
}
