//! The refusals both storage backends give in the same words, written once: what the
//! scheduler reads is the same on SQLite and PostgreSQL, in Korean and English.

use crate::Error;
use crate::api::DirectoryKind;
use crate::conflicts::ConflictCode;
use crate::model::{ItineraryItem, Key, Lang};
use crate::plan::Plan;
use crate::wording::{Text, noun_ko};

/// What still uses directory entry `key`: the items that book it (for a site, the venues
/// on it too), worded for the refusal of deleting it.
pub(super) fn users_of(plan: &Plan, kind: DirectoryKind, key: &Key) -> Vec<Text> {
    let item_uses = |i: &ItineraryItem| match kind {
        DirectoryKind::Venue => i.venue.as_ref() == Some(key),
        DirectoryKind::Host => i.hosts.contains(key),
        DirectoryKind::Interpreter => i.interpreters.iter().any(|a| &a.interpreter == key),
        DirectoryKind::Site => false,
    };
    let mut users: Vec<Text> = plan
        .delegations
        .iter()
        .flat_map(|d| &d.items)
        .filter(|i| item_uses(i))
        .map(|i| {
            Text::new(
                format!("'{}' ({})", i.title.best(Lang::En), i.key),
                format!("'{}'({})", i.title.best(Lang::Ko), i.key),
            )
        })
        .collect();
    if kind == DirectoryKind::Site {
        users.extend(plan.venues.iter().filter(|v| &v.site == key).map(|v| {
            Text::new(
                format!("venue '{}' ({})", v.name.best(Lang::En), v.key),
                format!("장소 '{}'({})", v.name.best(Lang::Ko), v.key),
            )
        }));
    }
    users
}

/// Deleting a directory entry that `users` still use: the first three are named.
pub(super) fn still_used(kind: DirectoryKind, key: &Key, users: &[Text]) -> Error {
    let shown: Vec<&Text> = users.iter().take(3).collect();
    let more = users.len().saturating_sub(3);
    let list = |lang: Lang| {
        shown
            .iter()
            .map(|t| t.get(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let noun = kind.noun();
    Error::InUse(Text::new(
        format!(
            "{noun} '{key}' is still used by {}{} — change those first",
            list(Lang::En),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ),
        format!(
            "{} '{key}'을(를) 아직 쓰는 곳이 있습니다: {}{}. 먼저 그쪽을 바꾸세요",
            noun_ko(noun),
            list(Lang::Ko),
            if more > 0 {
                format!(" 외 {more}건")
            } else {
                String::new()
            }
        ),
    ))
}

/// The travel time from a site to itself is a setting, not a matrix cell.
pub(super) fn travel_within_site() -> Error {
    Error::Invalid(Text::new(
        "to: travel within one site is the walking buffer in settings",
        "도착: 같은 사이트 안의 이동 시간은 설정의 도보 여유 시간입니다",
    ))
}

/// A travel time naming a site that does not exist (`field` is `from` or `to`).
pub(super) fn no_site(field: &str, site: &Key) -> Error {
    let label = if field == "from" { "출발" } else { "도착" };
    Error::Invalid(Text::new(
        format!("{field}: no site with key '{site}'"),
        format!("{label}: 없는 사이트 키입니다: '{site}'"),
    ))
}

/// An acknowledgement of a warning that a later edit made disappear.
pub(super) fn conflict_gone(code: ConflictCode) -> Error {
    Error::Invalid(Text::new(
        format!(
            "that {} conflict no longer exists — check again",
            code.as_str()
        ),
        format!(
            "그 충돌({})은 이제 없습니다. 다시 확인하세요",
            code.as_str()
        ),
    ))
}

/// A precedence that does not fit the column.
pub(super) fn too_many_members() -> Error {
    Error::Invalid(Text::new(
        "keys: too many members to order",
        "키 목록: 순서를 정하기에 단원이 너무 많습니다",
    ))
}

/// `itinera copy` into a database that already holds data, without `--replace`.
pub(super) fn target_not_empty() -> Error {
    Error::Invalid(Text::new(
        "the target database is not empty — copy into an empty one, or add --replace to \
         overwrite everything in it",
        "대상 데이터베이스가 비어 있지 않습니다. 빈 데이터베이스로 복사하거나, 모두 덮어쓰려면 \
         --replace를 붙이세요",
    ))
}

/// A confirmed item the database refused because `kind` `key` is already confirmed at that
/// time (`other`: the item holding it and its delegation, when it could be read).
pub(super) fn confirmed_clash(
    item: &ItineraryItem,
    kind: &str,
    key: &str,
    other: Option<(ItineraryItem, String)>,
) -> Error {
    let when = format!(
        "{}–{}",
        item.start.format("%Y-%m-%d %H:%M"),
        item.end.format("%H:%M")
    );
    let en = format!(
        "'{}' ({}) cannot be confirmed for {when}: {kind} '{key}' is already confirmed",
        item.title.best(Lang::En),
        item.key,
    );
    let ko = format!(
        "'{}'({}) 일정을 {when}에 확정할 수 없습니다. {} '{key}'이(가) 이미 확정되어 있습니다",
        item.title.best(Lang::Ko),
        item.key,
        noun_ko(kind),
    );
    Error::Conflict(match other {
        Some((o, delegation)) => {
            let at = format!("{}–{}", o.start.format("%H:%M"), o.end.format("%H:%M"));
            Text::new(
                format!(
                    "{en} {at} for '{}' ({}, delegation {delegation})",
                    o.title.best(Lang::En),
                    o.key
                ),
                format!(
                    "{ko}: {at} '{}'({}, 방문단 {delegation})",
                    o.title.best(Lang::Ko),
                    o.key
                ),
            )
        }
        None => Text::new(
            format!("{en} for an overlapping item"),
            format!("{ko}: 겹치는 일정"),
        ),
    })
}

/// Two prints took the same release number at once; the later one is refused.
pub(super) fn release_taken(number: u32, delegation: &Key) -> Error {
    Error::Conflict(Text::new(
        format!(
            "release v{number} of {delegation} was just recorded by someone else — print again"
        ),
        format!(
            "{delegation}의 릴리스 v{number}을(를) 방금 다른 사용자가 기록했습니다. 다시 인쇄하세요"
        ),
    ))
}

/// A request of a plan naming a delegation that is not stored.
pub(super) fn request_without_delegation(request: &Key, delegation: &Key) -> Error {
    Error::Invalid(Text::new(
        format!("request '{request}': no delegation with key '{delegation}'"),
        format!("일정 요청 '{request}': 없는 방문단 키입니다: '{delegation}'"),
    ))
}
