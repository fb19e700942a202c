//! Rule 10: every participating guest must be able to talk to the hosts.
//!
//! A guest's languages are their own, else the delegation's. A guest is understood when they
//! share a language with at least one host of the item, or when an interpreter assignment's
//! pair bridges one of their languages and one of the hosts' (a ko–vi interpreter does not
//! help an Uzbek guest). The rule applies only to items with hosts and is skipped for
//! internal items; guests with no known language are not guessed about.

use super::conflict::{Conflict, ConflictCode, ResourceKind};
use super::describe;
use super::directory::lang_bit;
use super::index::ItemId;
use super::scope::Scope;
use crate::model::{ItemKind, Lang};

/// Rule 10 for one item.
pub(super) fn check(s: &Scope<'_, '_>, id: ItemId, out: &mut Vec<Conflict>) {
    let r = s.item(id);
    let hosts = s.hosts(id);
    if hosts.is_empty() || r.kind == ItemKind::Internal {
        return;
    }
    let dir = &s.ix.dir;
    let spoken = hosts
        .iter()
        .fold(0u8, |acc, &h| acc | dir.host_langs[h as usize]);
    let bridges = |guest: u8| {
        let mut pairs = r.pairs;
        while pairs != 0 {
            let bit = pairs.trailing_zeros();
            pairs &= pairs - 1;
            let (x, y) = (1u8 << (bit / 7), 1u8 << (bit % 7));
            if (guest & x != 0 && spoken & y != 0) || (guest & y != 0 && spoken & x != 0) {
                return true;
            }
        }
        false
    };
    let lost: Vec<u32> = s
        .members(id)
        .iter()
        .copied()
        .filter(|&m| {
            let guest = dir.member_langs[m as usize];
            guest != 0 && guest & spoken == 0 && !bridges(guest)
        })
        .collect();
    if lost.is_empty() {
        return;
    }
    let names: Vec<String> = lost.iter().map(|&m| describe::member(s, m)).collect();
    let guest_langs = lost
        .iter()
        .fold(0u8, |acc, &m| acc | dir.member_langs[m as usize]);
    let host_names: Vec<String> = hosts.iter().map(|&h| describe::host(s, h)).collect();
    let message = format!(
        "At {} {}, {} {} {} but the hosts {} speak {}, and no interpreter bridges them",
        describe::item(s, id),
        describe::range(r.start, r.end, r.zone),
        describe::list(&names),
        if lost.len() == 1 { "speaks" } else { "speak" },
        codes(guest_langs),
        describe::list(&host_names),
        codes(spoken),
    );
    let mut resources: Vec<_> = lost
        .iter()
        .map(|&m| describe::resource(s, ResourceKind::Member, m))
        .collect();
    resources.extend(
        hosts
            .iter()
            .map(|&h| describe::resource(s, ResourceKind::Host, h)),
    );
    let code = ConflictCode::NoCommonLanguage;
    out.push(s.conflict(code, &[id], resources, (r.start, r.end), message));
}

/// `uz, ru` for a language set.
fn codes(set: u8) -> String {
    let langs: Vec<&str> = Lang::ALL
        .iter()
        .filter(|&&l| set & lang_bit(l) != 0)
        .map(|l| l.code())
        .collect();
    if langs.is_empty() {
        "no known language".into()
    } else {
        langs.join(", ")
    }
}
