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
    let (item, when, guests, spoken_by_guests, host_list, spoken_by_hosts) = (
        describe::item(s, id),
        describe::range(s.lang, r.start, r.end, r.zone),
        describe::list(s.lang, &names),
        codes(s.lang, guest_langs),
        describe::list(s.lang, &host_names),
        codes(s.lang, spoken),
    );
    let message = if s.ko() {
        format!(
            "{item} 일정({when}): {guests}의 언어({spoken_by_guests})와 주최 측 {host_list}의 \
             언어({spoken_by_hosts})가 달라 대화할 수 없고, 이어 줄 통역사도 없습니다"
        )
    } else {
        format!(
            "At {item} {when}, {guests} {} {spoken_by_guests} but the hosts {host_list} speak \
             {spoken_by_hosts}, and no interpreter bridges them",
            if lost.len() == 1 { "speaks" } else { "speak" },
        )
    };
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

/// `uz, ru` for a language set; in Korean `우즈베크어, 러시아어`.
fn codes(lang: Lang, set: u8) -> String {
    let langs: Vec<&str> = Lang::ALL
        .iter()
        .filter(|&&l| set & lang_bit(l) != 0)
        .map(|&l| describe::language(lang, l))
        .collect();
    match (langs.is_empty(), lang) {
        (true, Lang::Ko) => "알려진 언어 없음".into(),
        (true, _) => "no known language".into(),
        (false, _) => langs.join(", "),
    }
}
