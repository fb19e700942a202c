//! The store's refusals in a Korean window (issue 5: "every string translated"): a blank
//! name, a stale save, a site still in use, an unknown or taken key, travel within one site,
//! a request without duration, a roster with bad rows — each worded in Korean, naming the
//! field, row or item, with no English words beyond the data; the same refusal in an English
//! window keeps its English wording. On SQLite and PostgreSQL.

use itinera::api::{
    DeleteDirectoryEntry, DirectoryKind, SaveDelegation, SaveMember, SetTravelTime,
};
use itinera::model::Lang;
use itinera::roster::{self, ImportMembers, ImportMode, guess_mapping};
use itinera::store::SaveRequest;
use itinera::{Error, ErrorKind, UiError};

use crate::support::{Backend, on_both_databases, with_sample};

const CHORAY: &str = "choray-2026-12";

fn key(s: &str) -> itinera::model::Key {
    itinera::model::Key::new(s).expect("key")
}

/// Latin words of three letters or more left once the data is taken out — what is quoted
/// ('…'), keys in parentheses, and `data` — what a Korean scheduler would read as
/// untranslated.
fn english_words(message: &str, data: &[&str]) -> Vec<String> {
    let mut rest = String::new();
    let mut quoted = false;
    for part in message.split('\'') {
        if !quoted {
            rest.push_str(part);
        }
        rest.push(' ');
        quoted = !quoted;
    }
    let is_key = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
    };
    let mut unkeyed = String::new();
    for (i, part) in rest.split('(').enumerate() {
        match part.split_once(')') {
            Some((inside, after)) if i > 0 && is_key(inside) => unkeyed.push_str(after),
            _ => unkeyed.push_str(part),
        }
        unkeyed.push(' ');
    }
    let mut rest = unkeyed;
    for d in data {
        rest = rest.replace(d, " ");
    }
    rest.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_owned)
        .collect()
}

/// The refusal as the Korean window shows it, checked for Korean wording.
fn korean(e: &Error, kind: ErrorKind, data: &[&str]) -> UiError {
    let ui = UiError::new(e, Lang::Ko);
    assert_eq!(ui.kind, kind, "{e}");
    assert!(
        itinera::wording::has_hangul(&ui.message),
        "Korean window, English message: {}",
        ui.message
    );
    let left = english_words(&ui.message, data);
    assert!(
        left.is_empty(),
        "untranslated words {left:?} in: {}",
        ui.message
    );
    ui
}

async fn refusals_read_korean(backend: Backend) {
    let (_db, store) = with_sample(backend).await;
    store.set_message_language(Lang::Ko);
    let detail = store
        .get_delegation(&key(CHORAY))
        .await
        .expect("delegation");

    // A member saved without a name: the field's label leads, the field is named for forms.
    let mut head = detail.members[0].clone();
    head.member.native_name = "  ".into();
    let e = store
        .save_member(SaveMember {
            delegation: key(CHORAY),
            member: head.member.clone(),
            expected_version: Some(head.version),
        })
        .await
        .expect_err("a blank name is refused");
    let ui = korean(&e, ErrorKind::Invalid, &[]);
    assert_eq!(ui.message, "이름: 단원 이름이 필요합니다");
    assert_eq!(ui.field.as_deref(), Some("native_name"));
    assert_eq!(
        UiError::new(&e, Lang::En).message,
        "native_name: a member needs a name",
        "an English window keeps the English wording"
    );
    let stored = store.get_delegation(&key(CHORAY)).await.expect("reload");
    assert_eq!(
        stored.members[0].member.native_name, detail.members[0].member.native_name,
        "nothing of the refused save is written"
    );

    // A save quoting an old version.
    let mut d = detail.delegation.clone();
    d.hotel = Some("Lotte Hotel Seoul".into());
    store
        .save_delegation(SaveDelegation {
            delegation: d.clone(),
            expected_version: Some(detail.version),
        })
        .await
        .expect("first save");
    let e = store
        .save_delegation(SaveDelegation {
            delegation: d,
            expected_version: Some(detail.version),
        })
        .await
        .expect_err("the second is stale");
    let ui = korean(&e, ErrorKind::Stale, &[CHORAY]);
    assert!(
        ui.message.contains("다른 사용자가") && ui.message.contains("방문단"),
        "{}",
        ui.message
    );

    // A site that venues still use.
    let e = store
        .delete_directory_entry(DeleteDirectoryEntry {
            kind: DirectoryKind::Site,
            key: key("annex"),
        })
        .await
        .expect_err("in use");
    let ui = korean(&e, ErrorKind::InUse, &[]);
    assert!(
        ui.message
            .starts_with("사이트 'annex'을(를) 아직 쓰는 곳이 있습니다: 장소 '"),
        "{}",
        ui.message
    );
    assert!(
        store
            .list_directory()
            .await
            .expect("directory")
            .entries
            .iter()
            .any(|e| e.entry.key() == &key("annex")),
        "the refused site stays"
    );

    // Unknown and taken keys.
    let e = store
        .get_delegation(&key("hanoi-2027"))
        .await
        .expect_err("unknown");
    assert_eq!(
        korean(&e, ErrorKind::NotFound, &["hanoi"]).message,
        "없는 방문단 키입니다: 'hanoi-2027'"
    );
    let mut again = detail.delegation.clone();
    again.subgroups.clear();
    let e = store
        .save_delegation(SaveDelegation {
            delegation: again,
            expected_version: None,
        })
        .await
        .expect_err("taken");
    korean(&e, ErrorKind::Duplicate, &["choray"]);

    // Travel from a site to itself.
    let e = store
        .set_travel_time(SetTravelTime {
            from: key("annex"),
            to: key("annex"),
            minutes: Some(5),
        })
        .await
        .expect_err("within one site");
    let ui = korean(&e, ErrorKind::Invalid, &[]);
    assert_eq!(ui.field.as_deref(), Some("to"));

    // A scheduling request of zero minutes.
    let e = store
        .save_request(SaveRequest {
            request: serde_json::from_value(serde_json::json!({
                "key": "choray-2026-12-mou",
                "delegation": CHORAY,
                "kind": "ceremony",
                "title": {"ko": "업무협약 체결", "vi": "Ký kết biên bản ghi nhớ"},
                "duration_minutes": 0
            }))
            .expect("a request"),
            expected_version: None,
        })
        .await
        .expect_err("no duration");
    let ui = korean(&e, ErrorKind::Invalid, &[]);
    assert_eq!(ui.message, "소요 시간: 소요 시간은 0분보다 길어야 합니다");
    assert_eq!(ui.field.as_deref(), Some("duration_minutes"));

    // A roster whose rows have problems: each row named, in Korean; nothing imported.
    let csv = "성명,직위,이메일,서열\n\
               Trần Thị Mai,Điều dưỡng,mai@bvcr.vn,2\n\
               ,Lái xe,,\n\
               Lê Văn Tám,Bác sĩ,le.tam at bvcr,\n\
               Đỗ Minh,Bác sĩ,,first\n\
               Trần Thị Mai,Y tá,,\n";
    let table = roster::read_table("hanoi.csv", csv.as_bytes(), None).expect("reads");
    let input = ImportMembers {
        delegation: key(CHORAY),
        mapping: guess_mapping(&table.headers),
        table,
        mode: ImportMode::AllOrNothing,
    };
    let preview = roster::preview_import(&store, &input)
        .await
        .expect("preview");
    let row_messages: Vec<&str> = preview
        .rows
        .iter()
        .flat_map(|r| r.problems.iter().map(|p| p.message.as_str()))
        .collect();
    assert_eq!(row_messages.len(), 4, "{row_messages:?}");
    assert!(
        row_messages.contains(&"같은 이름이 이미 있습니다: 'Trần Thị Mai' — 2행"),
        "the second Mai names the first one's row: {row_messages:?}"
    );
    for m in &row_messages {
        assert!(
            itinera::wording::has_hangul(m)
                && english_words(m, &["le.tam at bvcr", "first"]).is_empty(),
            "a row problem in English: {m}"
        );
    }
    let e = roster::import_members(&store, &input)
        .await
        .expect_err("all or nothing");
    let ui = korean(&e, ErrorKind::Invalid, &["le.tam at bvcr", "first"]);
    for row in ["3행", "4행", "5행", "6행"] {
        assert!(ui.message.contains(row), "{row} is named: {}", ui.message);
    }
    let after = store.get_delegation(&key(CHORAY)).await.expect("reload");
    assert_eq!(
        after.members.len(),
        detail.members.len(),
        "nothing imported"
    );
}

on_both_databases!(refusals_read_korean);
