//! Saving items through the store: the conflict checker runs inside the write transaction,
//! confirmed items with blocking conflicts are refused, racing writers cannot both win, and a
//! batch (an accepted proposal) is saved all or none.

use itinera::ErrorKind;
use itinera::api::{
    AcknowledgeInput, CheckInput, DeleteDirectoryEntry, DirectoryKind, SaveItem, SetTravelTime,
};
use itinera::conflicts::{ConflictCode, Severity};
use itinera::model::{ItemStatus, ItineraryItem, Key};
use itinera::plan::{self, Plan};
use itinera::store::Store;

use crate::support::{Backend, TempDb, on_both_databases, repo};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn sample() -> Plan {
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    plan::read(&text, None).expect("valid sample")
}

async fn loaded(backend: Backend) -> (TempDb, Store) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    store.import_plan(&sample()).await.expect("import sample");
    (db, store)
}

async fn record(store: &Store, delegation: &str, item: &str) -> (ItineraryItem, i64) {
    let r = store
        .list_items(&key(delegation))
        .await
        .expect("items")
        .into_iter()
        .find(|r| r.item.key.as_str() == item)
        .expect("item exists");
    (r.item, r.version)
}

async fn a_confirmed_item_with_a_blocking_conflict_is_refused_and_nothing_changes(
    backend: Backend,
) {
    let (_db, store) = loaded(backend).await;
    // The Samarkand talks are a tentative hold on the director while he signs the Cho Ray MOU.
    let (mut talks, version) =
        record(&store, "samarkand-2026-12", "samarkand-director-talks").await;
    talks.status = ItemStatus::Confirmed;
    let err = store
        .save_item(SaveItem {
            delegation: key("samarkand-2026-12"),
            item: talks.clone(),
            expected_version: Some(version),
        })
        .await
        .expect_err("the director cannot be confirmed twice");
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(
        err.to_string().contains("Kim Young-soo"),
        "the message names the director: {err}"
    );
    let (after, v) = record(&store, "samarkand-2026-12", "samarkand-director-talks").await;
    assert_eq!(
        (after.status, v),
        (ItemStatus::Tentative, version),
        "a refused save changes nothing"
    );

    // Moved to 11:15 (when the MOU ends) it no longer clashes and can be confirmed.
    talks.start = "2026-12-09T11:15:00+09:00".parse().expect("time");
    talks.end = "2026-12-09T12:00:00+09:00".parse().expect("time");
    let saved = store
        .save_item(SaveItem {
            delegation: key("samarkand-2026-12"),
            item: talks,
            expected_version: Some(version),
        })
        .await
        .expect("back-to-back with the MOU is fine");
    assert_eq!(saved.record.version, version + 1);
    assert!(
        saved
            .conflicts
            .iter()
            .all(|c| c.severity != Severity::Blocking),
        "a confirmed save returns no blocking conflict: {:?}",
        saved.conflicts
    );
}

async fn a_tentative_hold_is_saved_and_shows_its_conflicts(backend: Backend) {
    let (_db, store) = loaded(backend).await;
    let (mut talks, version) =
        record(&store, "samarkand-2026-12", "samarkand-director-talks").await;
    talks.end = "2026-12-09T11:35:00+09:00".parse().expect("time");
    let saved = store
        .save_item(SaveItem {
            delegation: key("samarkand-2026-12"),
            item: talks,
            expected_version: Some(version),
        })
        .await
        .expect("tentative holds may overlap");
    assert!(
        saved
            .conflicts
            .iter()
            .any(|c| c.code == ConflictCode::HostDoubleBooked),
        "the hold's clash with the MOU is reported: {:?}",
        saved.conflicts
    );
    let all = store
        .check(&CheckInput {
            delegation: Some(key("choray-2026-12")),
            lang: None,
        })
        .await
        .expect("check");
    assert!(
        all.iter().any(|c| c.code == ConflictCode::HostDoubleBooked
            && c.items.iter().any(|i| i.as_str() == "choray-mou")),
        "the other delegation sees the clash too"
    );
}

async fn bad_items_are_refused_naming_the_field(backend: Backend) {
    let (_db, store) = loaded(backend).await;
    let (mut lunch, version) = record(&store, "choray-2026-12", "choray-lunch-2").await;
    lunch.end = lunch.start;
    let err = store
        .save_item(SaveItem {
            delegation: key("choray-2026-12"),
            item: lunch.clone(),
            expected_version: Some(version),
        })
        .await
        .expect_err("zero length");
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(
        err.to_string().starts_with("end:"),
        "names the field: {err}"
    );
    lunch.end = "2026-12-09T12:30:00+09:00".parse().expect("time");
    lunch.venue = Some(key("no-such-room"));
    let err = store
        .save_item(SaveItem {
            delegation: key("choray-2026-12"),
            item: lunch,
            expected_version: Some(version),
        })
        .await
        .expect_err("unknown venue");
    assert!(
        err.to_string()
            .contains("venue: no venue with key 'no-such-room'"),
        "{err}"
    );
}

async fn eight_writers_confirming_one_interpreter_one_wins(backend: Backend) {
    let (db, store) = loaded(backend).await;
    let (template, _) = record(&store, "choray-2026-12", "choray-rehab-tour").await;
    let mut tasks = Vec::new();
    for n in 0..8i64 {
        let path = db.location.clone();
        let mut item = template.clone();
        item.key = key(&format!("choray-extra-{n}"));
        item.venue = None;
        item.hosts.clear();
        item.status = ItemStatus::Confirmed;
        // 16:00–17:00 on day 1, each shifted a minute: all overlap, the interpreter is free.
        item.start = "2026-12-08T16:00:00+09:00".parse().expect("time");
        item.end = item.start + chrono::TimeDelta::minutes(60 + n);
        tasks.push(tokio::spawn(async move {
            let store = Store::open(&path).await.expect("own connection pool");
            store
                .save_item(SaveItem {
                    delegation: key("choray-2026-12"),
                    item,
                    expected_version: None,
                })
                .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => won += 1,
            Err(e) => {
                assert_eq!(
                    e.kind(),
                    ErrorKind::Conflict,
                    "losers get the conflict error: {e}"
                );
                assert!(
                    e.to_string().contains("Trần Thị Mai"),
                    "and are told who: {e}"
                );
            }
        }
    }
    assert_eq!(won, 1, "exactly one writer may confirm the interpreter");
    let extra = store
        .list_items(&key("choray-2026-12"))
        .await
        .expect("items")
        .into_iter()
        .filter(|r| r.item.key.as_str().starts_with("choray-extra-"))
        .count();
    assert_eq!(extra, 1, "the data stays consistent: one booking stored");
}

async fn warnings_can_be_acknowledged_with_a_reason_blocking_ones_cannot(backend: Backend) {
    let (_db, store) = loaded(backend).await;
    let all = store.check(&CheckInput::default()).await.expect("check");
    let warning = all
        .iter()
        .find(|c| c.severity == Severity::Warning)
        .expect("the sample has a warning");
    let blocking = all
        .iter()
        .find(|c| c.severity == Severity::Blocking)
        .expect("and a blocking hold");
    let ack = |c: &itinera::conflicts::Conflict, reason: &str| AcknowledgeInput {
        conflict: c.id(),
        reason: reason.into(),
        by: "이지은".into(),
    };
    let err = store
        .acknowledge(ack(warning, "  "))
        .await
        .expect_err("a reason is required");
    assert_eq!(err.kind(), ErrorKind::Invalid);
    let err = store
        .acknowledge(ack(blocking, "fine"))
        .await
        .expect_err("blocking cannot be accepted");
    assert_eq!(err.kind(), ErrorKind::Invalid);
    store
        .acknowledge(ack(warning, "Mai takes a break during the tour"))
        .await
        .expect("acknowledged");
    let again = store.check(&CheckInput::default()).await.expect("check");
    let same = again
        .iter()
        .find(|c| c.id() == warning.id())
        .expect("still reported");
    let a = same
        .acknowledged
        .as_ref()
        .expect("with its acknowledgement");
    assert_eq!(
        (a.reason.as_str(), a.by.as_str()),
        ("Mai takes a break during the tour", "이지은")
    );
}

async fn directory_entries_in_use_cannot_be_deleted(backend: Backend) {
    let (_db, store) = loaded(backend).await;
    let err = store
        .delete_directory_entry(DeleteDirectoryEntry {
            kind: DirectoryKind::Venue,
            key: key("annex-5f-conference"),
        })
        .await
        .expect_err("the conference room is booked");
    assert_eq!(err.kind(), ErrorKind::InUse);
    assert!(
        err.to_string().contains("Welcome ceremony"),
        "names a user: {err}"
    );
    store
        .set_travel_time(SetTravelTime {
            from: key("annex"),
            to: key("animal-lab"),
            minutes: Some(40),
        })
        .await
        .expect("set travel");
    let listing = store.list_directory().await.expect("directory");
    assert!(
        listing.travel.iter().any(|t| t.from.as_str() == "annex"
            && t.to.as_str() == "animal-lab"
            && t.minutes == 40)
    );
    let err = store
        .set_travel_time(SetTravelTime {
            from: key("annex"),
            to: key("mars"),
            minutes: Some(4),
        })
        .await
        .expect_err("unknown site");
    assert!(
        err.to_string().contains("to: no site with key 'mars'"),
        "{err}"
    );
}

on_both_databases!(a_confirmed_item_with_a_blocking_conflict_is_refused_and_nothing_changes);
on_both_databases!(a_tentative_hold_is_saved_and_shows_its_conflicts);
on_both_databases!(bad_items_are_refused_naming_the_field);
on_both_databases!(
    eight_writers_confirming_one_interpreter_one_wins,
    (flavor = "multi_thread", worker_threads = 4)
);
on_both_databases!(warnings_can_be_acknowledged_with_a_reason_blocking_ones_cannot);
on_both_databases!(directory_entries_in_use_cannot_be_deleted);

/// Two extra rehabilitation-centre visits for Samarkand at the same hour (16:00 on the 9th).
fn extra_pair(template: &ItineraryItem, status: ItemStatus) -> Vec<SaveItem> {
    ["samarkand-extra-1", "samarkand-extra-2"]
        .into_iter()
        .map(|k| SaveItem {
            delegation: key("samarkand-2026-12"),
            item: ItineraryItem {
                key: key(k),
                status,
                start: "2026-12-09T16:00:00+09:00".parse().expect("time"),
                end: "2026-12-09T17:00:00+09:00".parse().expect("time"),
                ..template.clone()
            },
            expected_version: None,
        })
        .collect()
}

async fn several_items_are_saved_all_or_none_each_checked_against_the_others(backend: Backend) {
    let (_db, store) = loaded(backend).await;
    let samarkand = key("samarkand-2026-12");
    let (tour, _) = record(&store, "samarkand-2026-12", "samarkand-rehab-tour").await;
    let count = |store: &Store| {
        let store = store.clone();
        let d = samarkand.clone();
        async move { store.list_items(&d).await.expect("items").len() }
    };
    let before = count(&store).await;

    // Held tentatively in one batch: each item's conflicts include the other one of the batch.
    let saved = store
        .save_items(&samarkand, extra_pair(&tour, ItemStatus::Tentative))
        .await
        .expect("tentative holds may overlap");
    assert_eq!(saved.len(), 2);
    assert_eq!(count(&store).await, before + 2);
    let first = &saved[0].conflicts;
    assert!(
        first
            .iter()
            .any(|c| c.code == ConflictCode::VenueDoubleBooked
                && c.items.iter().any(|i| i.as_str() == "samarkand-extra-2")),
        "the first item sees the second of the same batch: {first:?}"
    );
    assert!(
        first
            .iter()
            .filter(|c| c.severity == Severity::Blocking)
            .all(|c| c.items.iter().any(|i| i.as_str() == "samarkand-extra-2")),
        "its only blocking conflicts are with the other item: {first:?}"
    );
    for k in ["samarkand-extra-1", "samarkand-extra-2"] {
        store.delete_item(&key(k)).await.expect("delete");
    }

    // Confirmed, the pair double-books the centre: refused, and neither is stored.
    let err = store
        .save_items(&samarkand, extra_pair(&tour, ItemStatus::Confirmed))
        .await
        .expect_err("two confirmed bookings of one venue");
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert_eq!(
        count(&store).await,
        before,
        "nothing of the batch is stored"
    );

    // A bad third item: refused naming it and the field; nothing stored.
    let mut batch = extra_pair(&tour, ItemStatus::Tentative);
    let mut bad = batch[0].clone();
    bad.item.key = key("samarkand-extra-3");
    bad.item.end = bad.item.start;
    batch.push(bad);
    let err = store
        .save_items(&samarkand, batch)
        .await
        .expect_err("zero length");
    assert_eq!(err.kind(), ErrorKind::Invalid, "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("samarkand-extra-3") && msg.contains("end"),
        "names the item and the field: {msg}"
    );
    assert_eq!(
        count(&store).await,
        before,
        "nothing of the batch is stored"
    );
}
on_both_databases!(several_items_are_saved_all_or_none_each_checked_against_the_others);
