//! Conflict messages in Korean (issue 5: every string the window shows is translated).
//!
//! Each rule is triggered on the fixture week with every name given in Korean or in the
//! guest's native script (Cyrillic, Chinese), so a Korean message must hold no run of ASCII
//! letters at all: any English word left in a template shows up. The same situation checked in
//! English must find the very same conflicts (identity, severity, times, acknowledgement,
//! order) — only the wording may change — and the incremental and kept-resolved checks in
//! Korean must agree with the full Korean check.

use crate::conflict_fixtures::*;
use itinera::conflicts::{
    self, Conflict, ConflictCode, Index, PrintLog, PrintedItem, ResolvedPlan, acknowledge,
    check_in, guest_fingerprint,
};
use itinera::model::{ItemKind, ItemStatus, ItineraryItem, Lang, LocalizedText, Participants};
use itinera::plan::Plan;

/// The fixture week with Korean names for everything staff name, native-script guests only
/// (the Vietnamese visit, whose names are Latin script, never appears in these messages),
/// and no romanised forms.
fn korean_plan() -> Plan {
    let mut plan = base_plan();
    let names = [
        ("choray-2026-03", "초라이 병원 방문단"),
        ("samarkand-2026-03", "사마르칸트 방문단"),
        ("rizhao-2026-03", "르자오시 인민병원 방문단"),
    ];
    for (k, ko) in names {
        let d = &mut delegation_mut(&mut plan, k).delegation;
        d.name = d.name.clone().with(Lang::Ko, ko);
    }
    for (i, ko) in plan
        .interpreters
        .iter_mut()
        .zip(["쩐투하", "카리모바 딜노자", "장웨이"])
    {
        i.name = i.name.clone().with(Lang::Ko, ko);
    }
    for d in &mut plan.delegations {
        for m in &mut d.members {
            m.romanized_name = None;
            if m.key.as_str() == "nodira" {
                m.native_name = "Рустамова Нодира".into();
            }
        }
    }
    plan.venues[0].closures[0].reason = Some("음향 설비 교체".into());
    plan.hosts[0].availability.busy[0].reason = Some("이사회".into());
    item_mut(&mut plan, "rz-mou").title = en_ko("MOU signing", "업무협약 체결식");
    plan
}

/// An item with a Korean title (and an English one, which Korean messages must not use).
fn ko_item(k: &str, en: &str, ko: &str, (start, end): (&str, &str), venue: &str) -> ItineraryItem {
    let mut i = new_item(k, en, start, end, venue, &[]);
    i.title = en_ko(en, ko);
    i
}

fn set_times(plan: &mut Plan, item: &str, start: &str, end: &str) {
    let i = item_mut(plan, item);
    i.start = seoul(start);
    i.end = seoul(end);
}

/// Whether `s` has a run of two or more ASCII letters (a word such as "on" or "and"; the
/// data's only Latin letter is the single "B" of "컨벤션센터 B홀").
fn has_english_word(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_alphabetic() && w[1].is_ascii_alphabetic())
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Checks `plan` in both languages and demands that they agree on everything but the
/// wording, that the Korean incremental check of every item and the kept-resolved check
/// agree with the full Korean check, and that every Korean message is free of English.
/// Returns the Korean conflicts of `code`, which must exist.
fn korean(
    plan: &Plan,
    acks: &[conflicts::AcknowledgedConflict],
    printed: &PrintLog,
    code: ConflictCode,
) -> Vec<Conflict> {
    let ko = check_in(plan, acks, printed, Lang::Ko);
    let en = conflicts::check(plan, acks, printed);
    assert_eq!(
        en,
        check_in(plan, acks, printed, Lang::En),
        "check is check_in English"
    );
    assert_eq!(
        en,
        check_in(plan, acks, printed, Lang::Ja),
        "languages other than Korean get English"
    );
    assert_eq!(ko.len(), en.len(), "the same number of conflicts");
    for (k, e) in ko.iter().zip(&en) {
        assert_eq!(k.id(), e.id(), "same identity, same order");
        assert_eq!(
            (
                k.severity,
                k.start,
                k.end,
                &k.items,
                &k.delegations,
                &k.resources
            ),
            (
                e.severity,
                e.start,
                e.end,
                &e.items,
                &e.delegations,
                &e.resources
            ),
            "only the message may depend on the language"
        );
        assert_eq!(
            k.acknowledged, e.acknowledged,
            "acknowledged in both or neither"
        );
        assert_ne!(
            k.message, e.message,
            "the Korean message is not the English one"
        );
        assert!(has_hangul(&k.message), "Korean: {}", k.message);
        assert!(
            !has_english_word(&k.message),
            "an English word is left in the Korean message: {}",
            k.message
        );
    }

    let index = Index::build(plan, acks, printed);
    let resolved = ResolvedPlan::new(plan.clone());
    assert_eq!(
        resolved.check_in(acks, printed, Lang::Ko),
        ko,
        "the kept-resolved check words messages like the full check"
    );
    for d in &plan.delegations {
        for item in &d.items {
            let mut incremental = index
                .check_item_in(item, &d.delegation.key, Lang::Ko)
                .expect("known delegation");
            let mut expected: Vec<Conflict> = ko
                .iter()
                .filter(|c| c.items.contains(&item.key))
                .cloned()
                .collect();
            let by_id = |c: &Conflict| (c.id(), c.message.clone());
            incremental.sort_by_key(by_id);
            expected.sort_by_key(by_id);
            assert_eq!(
                incremental, expected,
                "check_item_in('{}', ko) must match the full Korean check",
                item.key
            );
            let mut kept = resolved
                .check_item_in(item, &d.delegation.key, acks, printed, Lang::Ko)
                .expect("known delegation");
            kept.sort_by_key(by_id);
            assert_eq!(
                kept, expected,
                "ResolvedPlan::check_item_in('{}', ko) must match the full Korean check",
                item.key
            );
        }
    }

    let codes: Vec<ConflictCode> = ko.iter().map(|c| c.code).collect();
    let found: Vec<Conflict> = ko.into_iter().filter(|c| c.code == code).collect();
    assert!(!found.is_empty(), "expected a {code:?}, found {codes:?}");
    found
}

fn one(plan: &Plan, code: ConflictCode) -> String {
    let found = korean(plan, &[], &PrintLog::new(), code);
    assert_eq!(found.len(), 1, "one {code:?}: {found:#?}");
    found[0].message.clone()
}

fn contains_all(message: &str, parts: &[&str]) {
    for p in parts {
        assert!(message.contains(p), "'{p}' missing from: {message}");
    }
}

#[test]
fn the_korean_fixture_has_no_conflict() {
    assert!(check_in(&korean_plan(), &[], &PrintLog::new(), Lang::Ko).is_empty());
}

#[test]
fn double_bookings_in_korean() {
    let mut plan = korean_plan();
    set_times(
        &mut plan,
        "sm-welcome",
        "2026-03-10 10:45",
        "2026-03-10 12:00",
    );
    assert_eq!(
        one(&plan, ConflictCode::VenueDoubleBooked),
        "별관 5층 국제회의실에 2026-03-10 10:45–11:00 예약이 겹칩니다: 초라이 병원 방문단 \
         '병원 소개', 사마르칸트 방문단 '환영식'"
    );

    let mut plan = korean_plan();
    item_mut(&mut plan, "cr-neuro")
        .hosts
        .push(key("director-kim"));
    contains_all(
        &one(&plan, ConflictCode::HostDoubleBooked),
        &[
            "김민준(병원장)에게",
            "일정이 겹칩니다",
            "신경외과 참관",
            "병원장 면담",
        ],
    );

    let mut plan = korean_plan();
    let mut briefing = ko_item(
        "rz-briefing",
        "Interpreter briefing",
        "통역 사전 회의",
        ("2026-03-10 15:00", "2026-03-10 16:00"),
        "main-lobby",
    );
    briefing.kind = ItemKind::Internal;
    briefing.participants = Participants::Selected {
        subgroups: vec![],
        members: vec![],
    };
    add_item(
        &mut plan,
        "rizhao-2026-03",
        interpreted(briefing, "interp-uz", "ko-ru"),
    );
    assert_eq!(
        one(&plan, ConflictCode::InterpreterDoubleBooked),
        "카리모바 딜노자에게 2026-03-10 15:00–15:30 일정이 겹칩니다: 사마르칸트 방문단 \
         '병원장 면담', 르자오시 인민병원 방문단 '통역 사전 회의'"
    );

    let mut plan = korean_plan();
    let mut tour = ko_item(
        "rz-tour",
        "Lobby tour",
        "로비 견학",
        ("2026-03-11 10:30", "2026-03-11 11:30"),
        "main-lobby",
    );
    tour.status = ItemStatus::Tentative;
    item_mut(&mut plan, "rz-mou").status = ItemStatus::Tentative;
    add_item(&mut plan, "rizhao-2026-03", tour);
    assert_eq!(
        one(&plan, ConflictCode::MemberDoubleBooked),
        "李明, 王芳에게 2026-03-11 10:30–11:00 두 일정이 동시에 잡혀 있습니다: 르자오시 \
         인민병원 방문단 '업무협약 체결식', 르자오시 인민병원 방문단 '로비 견학' (둘 다 가예약)"
    );
}

#[test]
fn venue_rules_in_korean() {
    let mut plan = korean_plan();
    set_times(&mut plan, "rz-mou", "2026-03-11 19:00", "2026-03-11 20:01");
    assert_eq!(
        one(&plan, ConflictCode::VenueClosed),
        "별관 5층 국제회의실의 운영 시간(수요일 08:00–20:00) 밖에 르자오시 인민병원 방문단 \
         '업무협약 체결식' 일정(2026-03-11 19:00–20:01)이 잡혀 있습니다"
    );
    set_times(&mut plan, "rz-mou", "2026-03-12 10:00", "2026-03-12 11:00");
    contains_all(
        &one(&plan, ConflictCode::VenueClosed),
        &["별관 5층 국제회의실의 사용 중지 기간(2026-03-12, 음향 설비 교체)에"],
    );

    // The gallery holds 6: two neurosurgeons, their host, their interpreter and 3 others.
    // (Cho Ray's guests have Latin-script names, but this message counts them, never names.)
    let mut plan = korean_plan();
    item_mut(&mut plan, "cr-neuro").extra_attendees = 3;
    assert_eq!(
        one(&plan, ConflictCode::VenueOverCapacity),
        "초라이 병원 방문단 '신경외과 참관' 일정(2026-03-10 14:00–15:00)에 7명(손님 2명, \
         주최 측 1명, 통역사 1명, 기타 3명)이 참석하여 로봇수술실 참관실의 수용 인원 6명을 \
         넘습니다"
    );
    // A warning acknowledged on its English message stays acknowledged in Korean (the
    // identity ignores the wording); `korean` demands it in both languages.
    let en = conflicts::check(&plan, &[], &PrintLog::new());
    let warning = en
        .iter()
        .find(|c| c.code == ConflictCode::VenueOverCapacity)
        .expect("over capacity");
    let ack = acknowledge(
        warning,
        "참관인 두 명은 뒤에 서 있습니다",
        "전혜진",
        seoul("2026-03-09 10:00"),
    )
    .expect("a warning can be acknowledged");
    let ko = korean(
        &plan,
        std::slice::from_ref(&ack),
        &PrintLog::new(),
        ConflictCode::VenueOverCapacity,
    );
    assert_eq!(
        ko[0].acknowledged.as_ref().map(|a| a.by.as_str()),
        Some("전혜진"),
        "the English acknowledgement holds for the Korean message"
    );
}

#[test]
fn people_rules_in_korean() {
    let mut plan = korean_plan();
    item_mut(&mut plan, "sm-welcome").interpreters[0].interpreter = key("interp-vi");
    assert_eq!(
        one(&plan, ConflictCode::InterpreterLacksPair),
        "쩐투하에게 사마르칸트 방문단 '환영식' 일정(2026-03-10 11:00–12:00)의 한국어–우즈베크어 \
         통역이 배정되었으나, 통역 가능한 언어 쌍은 한국어–베트남어뿐입니다"
    );

    let mut plan = korean_plan();
    set_times(&mut plan, "rz-mou", "2026-03-11 12:00", "2026-03-11 13:01");
    assert_eq!(
        one(&plan, ConflictCode::OutsideAvailability),
        "김민준(병원장)에게 르자오시 인민병원 방문단 '업무협약 체결식' 일정(2026-03-11 \
         12:00–13:01)이 잡혀 있습니다: 선약 시간(2026-03-11 13:00–15:00, 이사회)과 겹침"
    );
    set_times(&mut plan, "rz-mou", "2026-03-11 17:00", "2026-03-11 18:01");
    contains_all(
        &one(&plan, ConflictCode::OutsideAvailability),
        &["근무 시간(수요일 08:00–18:00) 밖"],
    );

    let mut plan = korean_plan();
    item_mut(&mut plan, "rz-mou").interpreters.clear();
    assert_eq!(
        one(&plan, ConflictCode::NoCommonLanguage),
        "르자오시 인민병원 방문단 '업무협약 체결식' 일정(2026-03-11 10:00–11:00): 王芳의 \
         언어(중국어)와 주최 측 김민준(병원장)의 언어(한국어, 영어)가 달라 대화할 수 없고, 이어 줄 \
         통역사도 없습니다"
    );

    let mut plan = korean_plan();
    let d = delegation_mut(&mut plan, "rizhao-2026-03");
    d.delegation.arrival = seoul("2026-03-11 10:30");
    assert_eq!(
        one(&plan, ConflictCode::OutsideStay),
        "르자오시 인민병원 방문단 '업무협약 체결식' 일정(2026-03-11 10:00–11:00)이 대표단 \
         도착(2026-03-11 10:30)보다 먼저 시작합니다"
    );
    let d = delegation_mut(&mut plan, "rizhao-2026-03");
    d.delegation.arrival = seoul("2026-03-11 08:00");
    d.delegation.departure = seoul("2026-03-11 10:59");
    contains_all(
        &one(&plan, ConflictCode::OutsideStay),
        &["대표단 출발(2026-03-11 10:59) 뒤에 끝납니다"],
    );
}

#[test]
fn travel_rules_in_korean() {
    let mut plan = korean_plan();
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 12:04",
        "2026-03-10 13:30",
    );
    assert_eq!(
        one(&plan, ConflictCode::TravelTimeShort),
        "김민준(병원장), 카리모바 딜노자, Хакимов Бегали, Рустамова Нодира에게 별관 5층 \
         국제회의실의 사마르칸트 방문단 '환영식'(2026-03-10 12:00 종료)에서 본관 로비의 \
         사마르칸트 방문단 '병원장 면담'(2026-03-10 12:04 시작)까지 이동 시간이 4분뿐입니다. \
         본원 안에서 장소 사이를 걸어서 옮기는 데 5분이 걸립니다"
    );

    let mut plan = korean_plan();
    add_item(
        &mut plan,
        "samarkand-2026-03",
        ko_item(
            "sm-forum",
            "Forum",
            "국제 의료 포럼",
            ("2026-03-10 15:50", "2026-03-10 16:00"),
            "convention-hall-b",
        ),
    );
    contains_all(
        &one(&plan, ConflictCode::TravelTimeShort),
        &[
            "Хакимов Бегали, Рустамова Нодира에게",
            "이동 시간이 20분뿐입니다",
            "본원에서 컨벤션센터까지 30분이 걸립니다",
        ],
    );

    let mut plan = korean_plan();
    add_item(
        &mut plan,
        "samarkand-2026-03",
        ko_item(
            "sm-lab",
            "Animal lab practice",
            "동물실험 실습",
            ("2026-03-10 16:00", "2026-03-10 17:00"),
            "animal-lab-1",
        ),
    );
    contains_all(
        &one(&plan, ConflictCode::TravelTimeUnknown),
        &["30분이 있으나, 본원–동물실험센터 사이 이동 시간이 등록되어 있지 않습니다"],
    );
}

#[test]
fn interpreter_limits_in_korean() {
    let mut plan = korean_plan();
    add_item(
        &mut plan,
        "samarkand-2026-03",
        interpreted(
            ko_item(
                "sm-rehab",
                "Rehabilitation centre tour",
                "재활센터 견학",
                ("2026-03-10 15:44", "2026-03-10 16:14"),
                "main-lobby",
            ),
            "interp-uz",
            "ko-uz",
        ),
    );
    assert_eq!(
        one(&plan, ConflictCode::InterpreterContinuousLimit),
        "카리모바 딜노자의 통역이 2026-03-10 14:00–16:14에 15분 휴식 없이 134분 이어져 연속 \
         통역 한도 90분을 넘습니다(사마르칸트 방문단 '병원장 면담', 사마르칸트 방문단 '재활센터 \
         견학')"
    );

    let mut plan = korean_plan();
    plan.interpreters[1].max_daily_minutes = 150;
    set_times(
        &mut plan,
        "sm-talks",
        "2026-03-10 14:00",
        "2026-03-10 15:31",
    );
    assert_eq!(
        one(&plan, ConflictCode::InterpreterDailyLimit),
        "카리모바 딜노자의 2026-03-10 통역 시간이 151분으로 하루 한도 150분을 넘습니다(사마르칸트 \
         방문단 '환영식', 사마르칸트 방문단 '병원장 면담')"
    );
}

#[test]
fn a_change_after_printing_in_korean() {
    let mut plan = korean_plan();
    let mou = item_mut(&mut plan, "rz-mou").clone();
    let printed: PrintLog = [(
        mou.key.clone(),
        PrintedItem {
            fingerprint: guest_fingerprint(&mou),
            printed_at: seoul("2026-03-05 16:20"),
        },
    )]
    .into_iter()
    .collect();
    item_mut(&mut plan, "rz-mou").guest_notes = LocalizedText::one(Lang::Zh, "请提前十分钟到场");
    let found = korean(&plan, &[], &printed, ConflictCode::ChangedAfterPrinted);
    assert_eq!(
        found[0].message,
        "르자오시 인민병원 방문단 '업무협약 체결식' 일정(2026-03-11 10:00–11:00)이 손님용 일정표 \
         인쇄(2026-03-05 16:20) 이후에 변경되었습니다. 손님용 일정표를 다시 인쇄하세요"
    );
}

/// `itinera check --lang ko`: Korean messages and labels in text, Korean messages under the
/// same codes and keys in JSON; English stays the default; other languages are refused.
#[tokio::test]
async fn the_command_line_checks_in_korean() {
    use itinera::api::SaveItem;

    let db = crate::support::TempDb::new();
    let store = db.open().await;
    let sample = crate::support::repo().join("examples/office-sample.json");
    let text = std::fs::read_to_string(sample).expect("sample");
    store
        .import_plan(&itinera::plan::read(&text, None).expect("valid"))
        .await
        .expect("import");
    // Move the Samarkand director talks (a tentative hold) onto Cho Ray's MOU signing.
    let samarkand = key("samarkand-2026-12");
    let r = store
        .list_items(&samarkand)
        .await
        .expect("items")
        .into_iter()
        .find(|r| r.item.key.as_str() == "samarkand-director-talks")
        .expect("the talks");
    let mut talks = r.item;
    talks.start = chrono::DateTime::parse_from_rfc3339("2026-12-09T10:40:00+09:00").expect("t");
    talks.end = chrono::DateTime::parse_from_rfc3339("2026-12-09T11:25:00+09:00").expect("t");
    store
        .save_item(SaveItem {
            delegation: samarkand,
            item: talks,
            expected_version: Some(r.version),
        })
        .await
        .expect("a tentative hold may clash");
    store.close().await;

    let out = db.itinera(&["check", "--lang", "ko"]);
    let ko = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a blocking conflict exits 1: {ko}"
    );
    assert!(
        ko.lines().any(
            |l| l.starts_with("차단     host_double_booked: ") && l.contains("일정이 겹칩니다")
        ),
        "{ko}"
    );
    assert!(ko.contains("차단 "), "the count line is Korean: {ko}");
    assert!(!ko.contains("is double-booked"), "{ko}");

    let en = db.itinera(&["check"]);
    let en = String::from_utf8_lossy(&en.stdout).into_owned();
    assert!(
        en.lines()
            .any(|l| l.starts_with("BLOCKING host_double_booked: ")
                && l.contains("is double-booked")),
        "English by default: {en}"
    );

    let json = |lang: &str| -> serde_json::Value {
        let out = db.itinera(&["check", "--format", "json", "--lang", lang]);
        serde_json::from_slice(&out.stdout).expect("JSON output")
    };
    let (ko, en) = (json("ko"), json("en"));
    let without_messages = |mut v: serde_json::Value| {
        for c in v["conflicts"].as_array_mut().expect("conflicts") {
            c.as_object_mut().expect("object").remove("message");
        }
        v
    };
    let messages = |v: &serde_json::Value| -> Vec<String> {
        v["conflicts"]
            .as_array()
            .expect("conflicts")
            .iter()
            .map(|c| c["message"].as_str().expect("message").to_owned())
            .collect()
    };
    assert!(messages(&ko).iter().all(|m| has_hangul(m)), "{ko:#}");
    assert_ne!(messages(&ko), messages(&en));
    assert_eq!(
        without_messages(ko),
        without_messages(en),
        "only the messages depend on the language"
    );

    let refused = db.itinera(&["check", "--lang", "vi"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "only ko and en: {refused:?}"
    );
}
