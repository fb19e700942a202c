//! Words for messages: item titles with their visit, people's names, local times.
//!
//! Messages are for staff, so names are English where written (else Korean, else any
//! version); guests' names are their native script, followed by the romanised form when it
//! differs. Times are local to where the item happens, `HH:MM` on `YYYY-MM-DD`.

use chrono_tz::Tz;

use super::conflict::{ResourceKind, ResourceRef};
use super::index::ItemId;
use super::scope::{Scope, local};
use crate::model::{Day, Lang, WeeklyHours};

/// `'Welcome ceremony' (Cho Ray visit)`.
pub(super) fn item(s: &Scope<'_, '_>, id: ItemId) -> String {
    format!(
        "'{}' ({})",
        title(s, id),
        s.delegation(id).delegation.name.best(Lang::En)
    )
}

/// `'Welcome ceremony'` without the visit.
pub(super) fn title(s: &Scope<'_, '_>, id: ItemId) -> String {
    s.source(id).title.best(Lang::En).to_owned()
}

/// `10:00–11:00 on 2026-03-10`, or both dates when the range crosses midnight.
pub(super) fn range(start: i64, end: i64, zone: Tz) -> String {
    let (a, b) = (local(start, zone), local(end, zone));
    let same_day = a.date_naive() == b.date_naive()
        || (b.date_naive() == a.date_naive().succ_opt().unwrap_or(a.date_naive())
            && b.time() == chrono::NaiveTime::MIN
            && end > start);
    if same_day {
        let to = if b.date_naive() == a.date_naive() {
            b.format("%H:%M").to_string()
        } else {
            "24:00".into()
        };
        format!("{}–{} on {}", a.format("%H:%M"), to, a.format("%Y-%m-%d"))
    } else {
        format!(
            "{} – {}",
            a.format("%H:%M on %Y-%m-%d"),
            b.format("%H:%M on %Y-%m-%d")
        )
    }
}

/// `09:10 on 2026-03-09`.
pub(super) fn instant(ts: i64, zone: Tz) -> String {
    local(ts, zone).format("%H:%M on %Y-%m-%d").to_string()
}

/// The venue's name.
pub(super) fn venue(s: &Scope<'_, '_>, v: u32) -> String {
    s.ix.plan.venues[v as usize].name.best(Lang::En).to_owned()
}

/// The site's name.
pub(super) fn site(s: &Scope<'_, '_>, site: u32) -> String {
    s.ix.plan.sites[site as usize]
        .name
        .best(Lang::En)
        .to_owned()
}

/// `Kim Min-jun (Hospital Director)`.
pub(super) fn host(s: &Scope<'_, '_>, h: u32) -> String {
    let host = &s.ix.plan.hosts[h as usize];
    let name = host.name.best(Lang::En);
    match host.title.best(Lang::En) {
        "" => name.to_owned(),
        title => format!("{name} ({title})"),
    }
}

/// The interpreter's name.
pub(super) fn interpreter(s: &Scope<'_, '_>, i: u32) -> String {
    s.ix.plan.interpreters[i as usize]
        .name
        .best(Lang::En)
        .to_owned()
}

/// `Хакимов Бегали (Hakimov Begʻali)`.
pub(super) fn member(s: &Scope<'_, '_>, m: u32) -> String {
    let d = s.ix.dir.member_deleg[m as usize] as usize;
    let pos = (m - s.ix.dir.member_base[d]) as usize;
    let member = &s.ix.plan.delegations[d].members[pos];
    match member.romanized_name.as_deref() {
        Some(r) if !r.trim().is_empty() && r != member.native_name => {
            format!("{} ({r})", member.native_name)
        }
        _ => member.native_name.clone(),
    }
}

/// A person or venue named by its reference, for lists of mixed resources.
pub(super) fn resource_name(s: &Scope<'_, '_>, kind: ResourceKind, pos: u32) -> String {
    match kind {
        ResourceKind::Venue => venue(s, pos),
        ResourceKind::Host => host(s, pos),
        ResourceKind::Interpreter => interpreter(s, pos),
        ResourceKind::Member => member(s, pos),
        ResourceKind::Delegation => s.ix.plan.delegations[pos as usize]
            .delegation
            .name
            .best(Lang::En)
            .to_owned(),
    }
}

/// The reference of a resource by kind and position.
pub(super) fn resource(s: &Scope<'_, '_>, kind: ResourceKind, pos: u32) -> ResourceRef {
    let p = pos as usize;
    let plan = s.ix.plan;
    let key = match kind {
        ResourceKind::Venue => plan.venues[p].key.clone(),
        ResourceKind::Host => plan.hosts[p].key.clone(),
        ResourceKind::Interpreter => plan.interpreters[p].key.clone(),
        ResourceKind::Member => {
            let d = s.ix.dir.member_deleg[p] as usize;
            plan.delegations[d].members[p - s.ix.dir.member_base[d] as usize]
                .key
                .clone()
        }
        ResourceKind::Delegation => plan.delegations[p].delegation.key.clone(),
    };
    ResourceRef { kind, key }
}

/// `A`, `A and B`, `A, B and C`.
pub(super) fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The hours that apply on `day`: `Tue 08:00–18:00`, or `closed on Sun`.
pub(super) fn hours_on(hours: &[WeeklyHours], day: Day) -> String {
    let spans: Vec<String> = hours
        .iter()
        .filter(|h| h.days.contains(&day))
        .map(|h| format!("{}–{}", h.open, h.close))
        .collect();
    if spans.is_empty() {
        format!("closed on {day:?}")
    } else {
        format!("{day:?} {}", spans.join(", "))
    }
}

/// `1 guest`, `2 guests`.
pub(super) fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
