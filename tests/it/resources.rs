//! The resource timeline across delegations, and moving a booking from it, on both
//! databases: the sample's two overlapping visits share the director, the conference room and
//! the interpreters, so every rule is visible in one week.

use itinera::conflicts::Severity;
use itinera::model::Key;
use itinera::resources::{
    BookableKind, MoveBooking, ResourceTimeline, TimelineQuery, move_booking, resource_timeline,
};
use itinera::store::Store;
use itinera::{Error, ErrorKind};

use crate::support::{Backend, TempDb, on_both_databases};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn query(kind: BookableKind, from: &str, to: &str) -> TimelineQuery {
    TimelineQuery {
        kind,
        from: from.parse().expect("from"),
        to: to.parse().expect("to"),
    }
}

/// The week of the sample's two visits.
fn week(kind: BookableKind) -> TimelineQuery {
    query(
        kind,
        "2026-12-07T00:00:00+09:00",
        "2026-12-14T00:00:00+09:00",
    )
}

async fn sample_store(db: &TempDb) -> Store {
    let store = db.open().await;
    let plan = itinera::sample::sample_plan().expect("sample plan");
    store.import_plan(&plan).await.expect("import the sample");
    store
}

fn booking<'t>(
    t: &'t ResourceTimeline,
    resource: &str,
    item: &str,
) -> &'t itinera::resources::Booking {
    t.bookings
        .iter()
        .find(|b| b.resource.as_str() == resource && b.item.as_str() == item)
        .unwrap_or_else(|| panic!("no booking of {resource} by {item}"))
}

async fn version_of(
    store: &Store,
    delegation: &str,
    item: &str,
) -> (i64, itinera::model::ItineraryItem) {
    let r = store
        .list_items(&key(delegation))
        .await
        .expect("items")
        .into_iter()
        .find(|r| r.item.key.as_str() == item)
        .expect("the item exists");
    (r.version, r.item)
}

async fn hosts_span_both_delegations_with_the_clash_marked(backend: Backend) {
    let db = TempDb::on(backend);
    let store = sample_store(&db).await;
    let t = resource_timeline(&store, &week(BookableKind::Host))
        .await
        .expect("timeline");
    assert_eq!(
        t.rows.len(),
        6,
        "every host of the directory is a row, booked or not"
    );
    let director: Vec<_> = t
        .bookings
        .iter()
        .filter(|b| b.resource.as_str() == "director-kim")
        .collect();
    let delegations: std::collections::BTreeSet<_> =
        director.iter().map(|b| b.delegation.as_str()).collect();
    assert_eq!(
        delegations.into_iter().collect::<Vec<_>>(),
        ["choray-2026-12", "samarkand-2026-12"],
        "the director's row shows both visits"
    );
    assert!(
        director.windows(2).all(|w| w[0].start <= w[1].start),
        "a row's bookings come by start"
    );
    let talks = booking(&t, "director-kim", "samarkand-director-talks");
    assert_eq!(
        talks.mark,
        Some(Severity::Blocking),
        "the director is double-booked"
    );
    assert!(
        talks.problems.iter().any(|m| m.contains("Kim Young-soo")),
        "the mark explains itself: {:?}",
        talks.problems
    );
    assert_eq!(
        booking(&t, "director-kim", "choray-mou").mark,
        Some(Severity::Blocking),
        "both sides of the clash are marked"
    );
    assert_eq!(
        booking(&t, "vice-park", "choray-mou").mark,
        None,
        "the other host of the same item is not part of that clash"
    );
    assert!(
        !booking(&t, "director-kim", "choray-mou")
            .delegation_name
            .is_blank(),
        "blocks are labelled with their delegation"
    );
}

async fn the_window_and_cancellation_limit_what_is_shown(backend: Backend) {
    let db = TempDb::on(backend);
    let store = sample_store(&db).await;
    let day = query(
        BookableKind::Venue,
        "2026-12-10T00:00:00+09:00",
        "2026-12-11T00:00:00+09:00",
    );
    let t = resource_timeline(&store, &day).await.expect("timeline");
    assert_eq!(t.rows.len(), 8, "every venue is a row");
    assert!(
        t.bookings
            .iter()
            .all(|b| b.delegation.as_str() == "samarkand-2026-12"),
        "on 10 December only the Samarkand visit books venues"
    );
    assert_eq!(t.bookings.len(), 4, "mou, lunch, rehab tour and lab");

    let (version, mut lunch) = version_of(&store, "samarkand-2026-12", "samarkand-lunch").await;
    lunch.status = itinera::model::ItemStatus::Cancelled;
    store
        .save_item(itinera::api::SaveItem {
            delegation: key("samarkand-2026-12"),
            item: lunch,
            expected_version: Some(version),
        })
        .await
        .expect("cancel the lunch");
    let t = resource_timeline(&store, &day).await.expect("timeline");
    assert!(
        t.bookings
            .iter()
            .all(|b| b.item.as_str() != "samarkand-lunch"),
        "a cancelled item books nothing"
    );

    let bad = query(
        BookableKind::Venue,
        "2026-12-10T00:00:00+09:00",
        "2026-12-09T00:00:00+09:00",
    );
    let err = resource_timeline(&store, &bad)
        .await
        .expect_err("an inverted window is refused");
    assert!(err.to_string().starts_with("to:"), "names the field: {err}");
}

async fn dragging_to_another_venue_saves_it_and_a_clash_is_refused(backend: Backend) {
    let db = TempDb::on(backend);
    let store = sample_store(&db).await;
    let t = resource_timeline(&store, &week(BookableKind::Venue))
        .await
        .expect("timeline");
    let lunch = booking(&t, "main-b1-dining", "samarkand-lunch");
    let moved = move_booking(
        &store,
        &MoveBooking {
            delegation: lunch.delegation.clone(),
            item: lunch.item.clone(),
            expected_version: lunch.version,
            kind: BookableKind::Venue,
            from: key("main-b1-dining"),
            to: key("annex-5f-conference"),
            shift_minutes: 0,
        },
    )
    .await
    .expect("the conference room is free at noon");
    assert_eq!(
        moved.before.item.venue,
        Some(key("main-b1-dining")),
        "before is kept for undo"
    );
    let (version, stored) = version_of(&store, "samarkand-2026-12", "samarkand-lunch").await;
    assert_eq!(
        stored.venue,
        Some(key("annex-5f-conference")),
        "the move is stored"
    );
    assert_eq!(version, lunch.version + 1, "through the versioned save");
    assert_eq!(
        stored.start, moved.before.item.start,
        "a row change keeps the time"
    );

    // The confirmed breast-cancer tour into the room the confirmed nursing tour holds then.
    let tour = booking(&t, "breast-cancer-centre", "choray-breast-tour");
    let err = move_booking(
        &store,
        &MoveBooking {
            delegation: tour.delegation.clone(),
            item: tour.item.clone(),
            expected_version: tour.version,
            kind: BookableKind::Venue,
            from: key("breast-cancer-centre"),
            to: key("health-promotion-centre"),
            shift_minutes: 0,
        },
    )
    .await
    .expect_err("a confirmed item may not double-book a venue");
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(
        err.to_string()
            .contains("Health Promotion Centre is double-booked")
            && err.to_string().contains("Visit to the Nursing Department"),
        "the message names the venue and the other booking: {err}"
    );
    let (v, stored) = version_of(&store, "choray-2026-12", "choray-breast-tour").await;
    assert_eq!(
        (v, stored.venue),
        (tour.version, Some(key("breast-cancer-centre"))),
        "a refused move changes nothing"
    );
}

async fn host_and_interpreter_swaps_keep_the_rest_and_stale_moves_are_refused(backend: Backend) {
    let db = TempDb::on(backend);
    let store = sample_store(&db).await;
    let hosts = resource_timeline(&store, &week(BookableKind::Host))
        .await
        .expect("timeline");
    let talks = booking(&hosts, "director-kim", "samarkand-director-talks");
    let stale = MoveBooking {
        delegation: talks.delegation.clone(),
        item: talks.item.clone(),
        expected_version: talks.version - 1,
        kind: BookableKind::Host,
        from: key("director-kim"),
        to: key("prof-choi-rehab"),
        shift_minutes: 0,
    };
    let err = move_booking(&store, &stale)
        .await
        .expect_err("a stale version is refused");
    assert!(
        matches!(err, Error::Stale { .. }),
        "an old version is refused: {err}"
    );

    let fresh = MoveBooking {
        expected_version: talks.version,
        ..stale
    };
    move_booking(&store, &fresh)
        .await
        .expect("the professor is free");
    let after = resource_timeline(&store, &week(BookableKind::Host))
        .await
        .expect("timeline");
    assert_eq!(
        booking(&after, "prof-choi-rehab", "samarkand-director-talks").mark,
        None,
        "the clash is gone with the director"
    );
    assert!(
        after
            .bookings
            .iter()
            .all(|b| !(b.resource.as_str() == "director-kim"
                && b.item.as_str() == "samarkand-director-talks")),
        "the director's row no longer holds the talks"
    );

    let interp = resource_timeline(&store, &week(BookableKind::Interpreter))
        .await
        .expect("timeline");
    let lab = booking(&interp, "interp-sokolova", "samarkand-lab");
    assert_eq!(lab.pair.map(|p| p.to_string()).as_deref(), Some("ko-ru"));
    move_booking(
        &store,
        &MoveBooking {
            delegation: lab.delegation.clone(),
            item: lab.item.clone(),
            expected_version: lab.version,
            kind: BookableKind::Interpreter,
            from: key("interp-sokolova"),
            to: key("interp-yusupova"),
            shift_minutes: 0,
        },
    )
    .await
    .expect("Yusupova also interprets Russian");
    let (_, stored) = version_of(&store, "samarkand-2026-12", "samarkand-lab").await;
    assert_eq!(stored.interpreters.len(), 1);
    assert_eq!(stored.interpreters[0].interpreter, key("interp-yusupova"));
    assert_eq!(
        stored.interpreters[0].pair.to_string(),
        "ko-ru",
        "the pair is kept"
    );
}

on_both_databases!(hosts_span_both_delegations_with_the_clash_marked);
on_both_databases!(the_window_and_cancellation_limit_what_is_shown);
on_both_databases!(dragging_to_another_venue_saves_it_and_a_clash_is_refused);
on_both_databases!(host_and_interpreter_swaps_keep_the_rest_and_stale_moves_are_refused);
