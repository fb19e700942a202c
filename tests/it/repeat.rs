//! Repeating a past visit (`itinera::revisit`, `itinera repeat`): the programme lands on the
//! new dates at the same wall-clock times, as tentative holds whose conflicts are shown, on
//! both databases; bad input stores nothing.

use chrono::NaiveDate;
use itinera::api::CheckInput;
use itinera::conflicts::{ConflictCode, Severity};
use itinera::model::{ItemStatus, Key, Lang, LocalizedText, Participants};
use itinera::revisit::{self, RepeatVisit};
use itinera::store::Store;

use crate::conflict_fixtures::{base_plan, item_mut, key};
use crate::support::{Backend, TempDb, on_both_databases};

fn ask(to: &str, arrival: &str, with_members: bool) -> RepeatVisit {
    RepeatVisit {
        source: key("choray-2026-03"),
        key: key(to),
        name: Some(
            LocalizedText::one(Lang::En, "Cho Ray visit, second year")
                .with(Lang::Vi, "Đoàn Bệnh viện Chợ Rẫy (lần 2)"),
        ),
        arrival_date: NaiveDate::parse_from_str(arrival, "%Y-%m-%d").expect("date"),
        with_members,
    }
}

/// The fixture week, with the Cho Ray lecture cancelled (a copy leaves it behind).
async fn stored_week(db: &TempDb) -> Store {
    let mut plan = base_plan();
    item_mut(&mut plan, "cr-lecture").status = ItemStatus::Cancelled;
    let store = db.open().await;
    store.import_plan(&plan).await.expect("import the week");
    store
}

async fn repeating_a_visit_a_week_later_keeps_its_times_and_holds(backend: Backend) {
    let db = TempDb::on(backend);
    let store = stored_week(&db).await;
    let past = store
        .list_items(&key("choray-2026-03"))
        .await
        .expect("items");

    let detail = revisit::repeat(&store, &ask("choray-2026-03b", "2026-03-17", false))
        .await
        .expect("repeat");
    let d = &detail.delegation;
    assert_eq!(d.arrival.to_rfc3339(), "2026-03-17T08:30:00+09:00");
    assert_eq!(d.departure.to_rfc3339(), "2026-03-19T18:00:00+09:00");
    assert_eq!(
        d.name.0.get(&Lang::Vi).map(String::as_str),
        Some("Đoàn Bệnh viện Chợ Rẫy (lần 2)")
    );
    assert!(
        detail.members.is_empty(),
        "members are copied only when asked"
    );
    assert!(
        d.subgroups.iter().all(|g| g.members.is_empty()),
        "sub-groups keep their names but not the past visit's people: {:?}",
        d.subgroups
    );

    let copied = store
        .list_items(&key("choray-2026-03b"))
        .await
        .expect("items");
    let kept: Vec<_> = past
        .iter()
        .filter(|r| r.item.status != ItemStatus::Cancelled)
        .collect();
    assert_eq!(
        copied.len(),
        kept.len(),
        "every item but the cancelled lecture"
    );
    assert!(
        copied
            .iter()
            .all(|r| r.item.key.as_str() != "choray-2026-03b.cr-lecture"),
        "the cancelled lecture stays behind"
    );
    for old in kept {
        let new_key = format!("choray-2026-03b.{}", old.item.key);
        let new = copied
            .iter()
            .find(|r| r.item.key.as_str() == new_key)
            .unwrap_or_else(|| panic!("{new_key} was not copied"));
        assert_eq!(
            new.item.start - old.item.start,
            chrono::Duration::days(7),
            "{new_key}"
        );
        assert_eq!(
            new.item.end - old.item.end,
            chrono::Duration::days(7),
            "{new_key}"
        );
        assert_eq!(
            new.item.status,
            ItemStatus::Tentative,
            "{new_key} is a hold"
        );
        assert_eq!(new.item.venue, old.item.venue, "{new_key} keeps its venue");
        assert_eq!(new.item.hosts, old.item.hosts, "{new_key} keeps its hosts");
    }
    // Items of sub-groups stay the sub-groups' items.
    let neuro = copied
        .iter()
        .find(|r| r.item.key.as_str() == "choray-2026-03b.cr-neuro")
        .expect("neuro session");
    assert!(
        matches!(&neuro.item.participants, Participants::Selected { subgroups, .. } if subgroups == &vec![key("choray-2026-03b.neuro")]),
        "{:?}",
        neuro.item.participants
    );
    // The past visit is untouched.
    assert_eq!(
        store
            .list_items(&key("choray-2026-03"))
            .await
            .expect("items")
            .len(),
        past.len()
    );
}
on_both_databases!(repeating_a_visit_a_week_later_keeps_its_times_and_holds);

async fn a_copy_on_the_same_dates_shows_every_double_booking_without_blocking(backend: Backend) {
    let db = TempDb::on(backend);
    let store = stored_week(&db).await;
    revisit::repeat(&store, &ask("choray-twin", "2026-03-10", true))
        .await
        .expect("tentative holds never block the copy");
    let conflicts = store
        .check(&CheckInput {
            delegation: Some(key("choray-twin")),
            lang: None,
        })
        .await
        .expect("check");
    let has = |code: ConflictCode, item: &str| {
        conflicts
            .iter()
            .any(|c| c.code == code && c.items.iter().any(|i| i.as_str() == item))
    };
    // The welcome ceremony: same room, same director, same Vietnamese interpreter.
    assert!(
        has(ConflictCode::VenueDoubleBooked, "choray-twin.cr-welcome"),
        "{conflicts:#?}"
    );
    assert!(
        has(ConflictCode::HostDoubleBooked, "choray-twin.cr-welcome"),
        "{conflicts:#?}"
    );
    assert!(
        has(
            ConflictCode::InterpreterDoubleBooked,
            "choray-twin.cr-welcome"
        ),
        "{conflicts:#?}"
    );
    let welcome = conflicts
        .iter()
        .find(|c| {
            c.code == ConflictCode::VenueDoubleBooked
                && c.items
                    .iter()
                    .any(|i| i.as_str() == "choray-twin.cr-welcome")
        })
        .expect("venue conflict");
    assert!(
        welcome
            .message
            .contains("Annex 5F International Conference Room")
            || welcome.message.contains("별관 5층 국제회의실"),
        "{}",
        welcome.message
    );
    // Blocking between holds is shown, not enforced: the scheduler resolves it before confirming.
    assert!(
        conflicts.iter().any(|c| c.severity == Severity::Blocking),
        "{conflicts:#?}"
    );

    // Members came along under new keys, and the sub-groups name the new keys.
    let detail = store
        .get_delegation(&key("choray-twin"))
        .await
        .expect("detail");
    let names: Vec<_> = detail
        .members
        .iter()
        .map(|m| (m.member.key.to_string(), m.member.native_name.clone()))
        .collect();
    assert!(
        names.contains(&("choray-twin.son".into(), "Nguyễn Trường Sơn".into())),
        "{names:?}"
    );
    let neuro = detail
        .delegation
        .subgroups
        .iter()
        .find(|g| g.key.as_str() == "choray-twin.neuro")
        .expect("neuro");
    assert_eq!(
        neuro.members,
        vec![key("choray-twin.son"), key("choray-twin.minh")]
    );
}
on_both_databases!(a_copy_on_the_same_dates_shows_every_double_booking_without_blocking);

async fn bad_requests_store_nothing(backend: Backend) {
    let db = TempDb::on(backend);
    let store = stored_week(&db).await;
    let before = store.info().await.expect("info").counts;

    let taken = revisit::repeat(&store, &ask("samarkand-2026-03", "2026-04-01", false))
        .await
        .expect_err("the key is taken");
    assert!(taken.to_string().contains("samarkand-2026-03"), "{taken}");

    let long = "c".repeat(70);
    let too_long = revisit::repeat(&store, &ask(&long, "2026-04-01", false))
        .await
        .expect_err("keys of the copies would be too long");
    assert!(
        too_long.to_string().contains("item 'cr-welcome'"),
        "{too_long}"
    );

    let mut unknown = ask("choray-2027", "2027-03-09", false);
    unknown.source = Key::new("choray-1999").expect("key");
    let missing = revisit::repeat(&store, &unknown)
        .await
        .expect_err("no such visit");
    assert!(missing.to_string().contains("choray-1999"), "{missing}");

    assert_eq!(
        store.info().await.expect("info").counts,
        before,
        "nothing was written"
    );
}
on_both_databases!(bad_requests_store_nothing);

#[tokio::test]
async fn the_command_line_repeats_a_visit_and_lists_its_conflicts() {
    let db = TempDb::new();
    let store = stored_week(&db).await;
    store.close().await;

    let out = db.itinera(&[
        "repeat",
        "--from",
        "choray-2026-03",
        "--as",
        "choray-twin",
        "--arrival",
        "2026-03-10",
        "--name-en",
        "Cho Ray again",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("choray-twin: 2026-03-10 08:30"), "{text}");
    assert!(text.contains("BLOCKING venue_double_booked"), "{text}");

    let again = db.itinera(&[
        "repeat",
        "--from",
        "choray-2026-03",
        "--as",
        "choray-twin",
        "--arrival",
        "2026-04-10",
    ]);
    assert_eq!(again.status.code(), Some(2), "a taken key is bad input");
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("choray-twin"), "{err}");
}
