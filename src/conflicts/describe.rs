//! Words for messages: item titles with their visit, people's names, local times, in the
//! scope's message language (Korean or English).
//!
//! Messages are for staff, so names are in the message language where written (English
//! messages: English, else Korean, else any version; Korean messages: Korean, else English,
//! else any); guests' names are their native script, followed by the romanised form when it
//! differs. Times are local to where the item happens: `HH:MM on YYYY-MM-DD` in English,
//! `YYYY-MM-DD HH:MM` in Korean. Korean templates never put a particle whose form depends on
//! the last syllable (이/가, 을/를, 은/는, 와/과) right after a name or title: they use
//! particles that fit any word (에게, 의, 에, 에서, 까지) or a fixed noun before the particle
//! ("… 일정(10:00–11:00)이"), so names in any script read correctly.

use chrono_tz::Tz;

use super::conflict::{ResourceKind, ResourceRef};
use super::index::ItemId;
use super::scope::{Scope, local};
use crate::model::{Day, Lang, LanguagePair, WeeklyHours};

/// `'Welcome ceremony' (Cho Ray visit)`; in Korean `초라이 병원 방문단 '환영식'`.
pub(super) fn item(s: &Scope<'_, '_>, id: ItemId) -> String {
    let visit = s.delegation(id).delegation.name.best(s.lang);
    if s.ko() {
        format!("{visit} '{}'", title(s, id))
    } else {
        format!("'{}' ({visit})", title(s, id))
    }
}

/// `'Welcome ceremony'` without the visit.
pub(super) fn title(s: &Scope<'_, '_>, id: ItemId) -> String {
    s.source(id).title.best(s.lang).to_owned()
}

/// `10:00–11:00 on 2026-03-10`, or both dates when the range crosses midnight; in Korean
/// `2026-03-10 10:00–11:00`.
pub(super) fn range(lang: Lang, start: i64, end: i64, zone: Tz) -> String {
    let (a, b) = (local(start, zone), local(end, zone));
    let same_day = a.date_naive() == b.date_naive()
        || (b.date_naive() == a.date_naive().succ_opt().unwrap_or(a.date_naive())
            && b.time() == chrono::NaiveTime::MIN
            && end > start);
    let ko = lang == Lang::Ko;
    if same_day {
        let to = if b.date_naive() == a.date_naive() {
            b.format("%H:%M").to_string()
        } else {
            "24:00".into()
        };
        if ko {
            format!("{} {}–{to}", a.format("%Y-%m-%d"), a.format("%H:%M"))
        } else {
            format!("{}–{} on {}", a.format("%H:%M"), to, a.format("%Y-%m-%d"))
        }
    } else if ko {
        format!(
            "{} – {}",
            a.format("%Y-%m-%d %H:%M"),
            b.format("%Y-%m-%d %H:%M")
        )
    } else {
        format!(
            "{} – {}",
            a.format("%H:%M on %Y-%m-%d"),
            b.format("%H:%M on %Y-%m-%d")
        )
    }
}

/// `09:10 on 2026-03-09`; in Korean `2026-03-09 09:10`.
pub(super) fn instant(lang: Lang, ts: i64, zone: Tz) -> String {
    let format = if lang == Lang::Ko {
        "%Y-%m-%d %H:%M"
    } else {
        "%H:%M on %Y-%m-%d"
    };
    local(ts, zone).format(format).to_string()
}

/// The venue's name.
pub(super) fn venue(s: &Scope<'_, '_>, v: u32) -> String {
    s.ix.plan.venues[v as usize].name.best(s.lang).to_owned()
}

/// The site's name.
pub(super) fn site(s: &Scope<'_, '_>, site: u32) -> String {
    s.ix.plan.sites[site as usize].name.best(s.lang).to_owned()
}

/// `Kim Min-jun (Hospital Director)`; in Korean `김민준(병원장)`.
pub(super) fn host(s: &Scope<'_, '_>, h: u32) -> String {
    let host = &s.ix.plan.hosts[h as usize];
    let name = host.name.best(s.lang);
    match host.title.best(s.lang) {
        "" => name.to_owned(),
        title if s.ko() => format!("{name}({title})"),
        title => format!("{name} ({title})"),
    }
}

/// The interpreter's name.
pub(super) fn interpreter(s: &Scope<'_, '_>, i: u32) -> String {
    s.ix.plan.interpreters[i as usize]
        .name
        .best(s.lang)
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
            .best(s.lang)
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

/// `A`, `A and B`, `A, B and C`; in Korean `A, B, C` (a comma list needs no particle).
pub(super) fn list(lang: Lang, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        _ if lang == Lang::Ko => names.join(", "),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The hours that apply on `day`: `Tue 08:00–18:00`, or `closed on Sun`; in Korean
/// `화요일 08:00–18:00`, or `일요일 휴무`.
pub(super) fn hours_on(lang: Lang, hours: &[WeeklyHours], day: Day) -> String {
    let spans: Vec<String> = hours
        .iter()
        .filter(|h| h.days.contains(&day))
        .map(|h| format!("{}–{}", h.open, h.close))
        .collect();
    match (lang, spans.is_empty()) {
        (Lang::Ko, true) => format!("{}요일 휴무", weekday_ko(day)),
        (Lang::Ko, false) => format!("{}요일 {}", weekday_ko(day), spans.join(", ")),
        (_, true) => format!("closed on {day:?}"),
        (_, false) => format!("{day:?} {}", spans.join(", ")),
    }
}

/// The Korean name of a weekday: 월 화 수 목 금 토 일.
pub(super) fn weekday_ko(day: Day) -> &'static str {
    match day {
        Day::Mon => "월",
        Day::Tue => "화",
        Day::Wed => "수",
        Day::Thu => "목",
        Day::Fri => "금",
        Day::Sat => "토",
        Day::Sun => "일",
    }
}

/// A language by name in `lang`'s messages: the ISO code in English messages (`vi`, as
/// they always were), the Korean name in Korean ones (`베트남어`).
pub(super) fn language(lang: Lang, l: Lang) -> &'static str {
    if lang != Lang::Ko {
        return l.code();
    }
    match l {
        Lang::Ko => "한국어",
        Lang::En => "영어",
        Lang::Vi => "베트남어",
        Lang::Ru => "러시아어",
        Lang::Zh => "중국어",
        Lang::Uz => "우즈베크어",
        Lang::Ja => "일본어",
    }
}

/// An interpreting pair: `ko-vi`; in Korean `한국어–베트남어`.
pub(super) fn pair(lang: Lang, p: LanguagePair) -> String {
    if lang != Lang::Ko {
        return p.to_string();
    }
    let (a, b) = p.langs();
    format!("{}–{}", language(lang, a), language(lang, b))
}

/// `1 guest`, `2 guests`.
pub(super) fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_times_put_the_date_first_and_keep_english_unchanged() {
        // 2026-03-10 09:00 in Seoul.
        let nine = 1_773_100_800;
        let zone = Tz::Asia__Seoul;
        assert_eq!(
            range(Lang::Ko, nine, nine + 3600, zone),
            "2026-03-10 09:00–10:00"
        );
        assert_eq!(
            range(Lang::En, nine, nine + 3600, zone),
            "09:00–10:00 on 2026-03-10"
        );
        assert_eq!(
            range(Lang::Ko, nine + 14 * 3600, nine + 15 * 3600, zone),
            "2026-03-10 23:00–24:00",
            "ending at midnight stays on the day"
        );
        assert_eq!(
            range(Lang::Ko, nine + 14 * 3600, nine + 17 * 3600, zone),
            "2026-03-10 23:00 – 2026-03-11 02:00"
        );
        assert_eq!(instant(Lang::Ko, nine, zone), "2026-03-10 09:00");
        assert_eq!(instant(Lang::En, nine, zone), "09:00 on 2026-03-10");
    }

    #[test]
    fn korean_lists_hours_languages_and_pairs() {
        let names = [
            "김민준".to_owned(),
            "박서연".to_owned(),
            "최우진".to_owned(),
        ];
        assert_eq!(list(Lang::Ko, &names), "김민준, 박서연, 최우진");
        assert_eq!(list(Lang::En, &names), "김민준, 박서연 and 최우진");
        let hours = [WeeklyHours {
            days: vec![Day::Wed],
            open: "08:00".parse().expect("time"),
            close: "20:00".parse().expect("time"),
        }];
        assert_eq!(hours_on(Lang::Ko, &hours, Day::Wed), "수요일 08:00–20:00");
        assert_eq!(hours_on(Lang::Ko, &hours, Day::Sun), "일요일 휴무");
        assert_eq!(hours_on(Lang::En, &hours, Day::Sun), "closed on Sun");
        let ko_vi = LanguagePair::new(Lang::Vi, Lang::Ko);
        assert_eq!(pair(Lang::Ko, ko_vi), "한국어–베트남어");
        assert_eq!(pair(Lang::En, ko_vi), "ko-vi");
        assert_eq!(language(Lang::Ko, Lang::Uz), "우즈베크어");
    }
}
