//! The conflict check kept resolved between calls (issue 3): the store resolves the plan once
//! and keeps it while the database does not change; its own item saves (checked against the
//! kept plan) and deletes are applied to it; any other write (another client on the same
//! database, a directory change) or a save that fails in the database makes the next check
//! resolve again. After every step the result must
//! equal, message for message, that of a store opened afresh on the same database — on both
//! databases.

use chrono::{DateTime, Duration, FixedOffset};
use itinera::ErrorKind;
use itinera::api::{CheckInput, SaveItem, SetTravelTime};
use itinera::conflicts::{Conflict, ConflictCode};
use itinera::model::{ItemStatus, ItineraryItem, Key, Lang};
use itinera::store::Store;

use crate::support::{Backend, on_both_databases, with_sample};

const CHORAY: &str = "choray-2026-12";
const SAMARKAND: &str = "samarkand-2026-12";

fn key(s: &str) -> Key {
    Key::new(s).expect("key")
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("time")
}

fn all() -> CheckInput {
    CheckInput {
        delegation: None,
        lang: None,
    }
}

/// Sorted by identity, so two checks can be compared whatever their order of equal keys.
fn normal(mut cs: Vec<Conflict>) -> Vec<Conflict> {
    cs.sort_by(|a, b| (a.id(), &a.message).cmp(&(b.id(), &b.message)));
    cs
}

/// What a store opened afresh on the same database finds (it resolves from scratch).
async fn fresh(location: &str) -> Vec<Conflict> {
    let other = Store::open(location).await.expect("open again");
    let found = other.check(&all()).await.expect("fresh check");
    assert_eq!(other.check_resolves(), 1, "a fresh store resolves once");
    other.close().await;
    normal(found)
}

/// Checks on the kept plan; asserts it equals a fresh check and how many resolves it took.
async fn same_as_fresh(store: &Store, location: &str, resolves: u64, step: &str) -> Vec<Conflict> {
    let kept = normal(store.check(&all()).await.expect("check"));
    assert_eq!(store.check_resolves(), resolves, "{step}: resolves so far");
    assert_eq!(
        kept,
        fresh(location).await,
        "{step}: the kept plan's check differs from a fresh one"
    );
    kept
}

async fn item(store: &Store, delegation: &str, key_: &str) -> (ItineraryItem, i64) {
    let r = store
        .list_items(&key(delegation))
        .await
        .expect("items")
        .into_iter()
        .find(|r| r.item.key.as_str() == key_)
        .unwrap_or_else(|| panic!("item {key_}"));
    (r.item, r.version)
}

async fn update(store: &Store, delegation: &str, item: ItineraryItem, version: i64) {
    store
        .save_item(SaveItem {
            delegation: key(delegation),
            item,
            expected_version: Some(version),
        })
        .await
        .expect("save");
}

fn codes_of(cs: &[Conflict], item: &str) -> Vec<ConflictCode> {
    cs.iter()
        .filter(|c| c.items.iter().any(|k| k.as_str() == item))
        .map(|c| c.code)
        .collect()
}

async fn edits_keep_the_plan_resolved(backend: Backend) {
    let (db, store) = with_sample(backend).await;
    let loc = db.location.as_str();

    let start = same_as_fresh(&store, loc, 1, "first check").await;
    // Checking again, or one delegation, reads no plan.
    let choray = store
        .check(&CheckInput {
            delegation: Some(key(CHORAY)),
            lang: None,
        })
        .await
        .expect("one delegation");
    assert!(
        choray
            .iter()
            .all(|c| c.delegations.iter().any(|d| d.as_str() == CHORAY))
    );
    assert_eq!(
        store.check_resolves(),
        1,
        "an unchanged database is not read again"
    );
    let unknown = store
        .check(&CheckInput {
            delegation: Some(key("nobody-2026")),
            lang: None,
        })
        .await
        .expect_err("an unknown delegation is refused");
    assert_eq!(unknown.kind(), ErrorKind::NotFound);

    // Move the Samarkand director talks (a tentative hold) onto Cho Ray's MOU signing: the
    // director is double-booked — applied to the kept plan, not resolved again.
    let (mut talks, v) = item(&store, SAMARKAND, "samarkand-director-talks").await;
    talks.start = at("2026-12-09T10:40:00+09:00");
    talks.end = at("2026-12-09T11:25:00+09:00");
    update(&store, SAMARKAND, talks, v).await;
    let moved = same_as_fresh(&store, loc, 1, "after a move").await;
    assert!(
        codes_of(&moved, "samarkand-director-talks").contains(&ConflictCode::HostDoubleBooked),
        "the move shows the director double-booked: {moved:#?}"
    );
    assert_ne!(moved, start);

    // A new tentative hold in the robotic OR gallery over the robotic surgery observation.
    let (mut extra, _) = item(&store, CHORAY, "choray-robotic").await;
    extra.key = key("choray-robotic-second");
    extra.start += Duration::minutes(30);
    extra.end += Duration::minutes(30);
    store
        .save_item(SaveItem {
            delegation: key(CHORAY),
            item: extra,
            expected_version: None,
        })
        .await
        .expect("add");
    let added = same_as_fresh(&store, loc, 1, "after an add").await;
    assert!(codes_of(&added, "choray-robotic-second").contains(&ConflictCode::VenueDoubleBooked));

    // Cancel the introduction; delete the added hold.
    let (mut intro, v) = item(&store, CHORAY, "choray-intro").await;
    intro.status = ItemStatus::Cancelled;
    update(&store, CHORAY, intro, v).await;
    same_as_fresh(&store, loc, 1, "after a cancel").await;
    store
        .delete_item(&key("choray-robotic-second"))
        .await
        .expect("delete");
    let deleted = same_as_fresh(&store, loc, 1, "after a delete").await;
    assert!(codes_of(&deleted, "choray-robotic-second").is_empty());

    // A refused save (a confirmed item on the director's other meeting) changes nothing.
    let (mut welcome, v) = item(&store, SAMARKAND, "samarkand-welcome").await;
    welcome.start = at("2026-12-09T10:30:00+09:00");
    welcome.end = at("2026-12-09T11:00:00+09:00");
    let refused = store
        .save_item(SaveItem {
            delegation: key(SAMARKAND),
            item: welcome,
            expected_version: Some(v),
        })
        .await
        .expect_err("a confirmed double booking is refused");
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    assert_eq!(
        same_as_fresh(&store, loc, 1, "after a refusal").await,
        deleted
    );

    // A move onto the very start of another item of the same delegation: the rules order
    // such a pair by plan position, so the store resolves again rather than guess.
    let (mut lunch, v) = item(&store, CHORAY, "choray-lunch-2").await;
    lunch.start = at("2026-12-09T10:30:00+09:00");
    lunch.end = at("2026-12-09T11:30:00+09:00");
    lunch.status = ItemStatus::Tentative;
    update(&store, CHORAY, lunch, v).await;
    same_as_fresh(&store, loc, 2, "after a tie with another item").await;

    // Another client writes to the same database (the command-line program, another
    // workstation): the next check sees it.
    let other = Store::open(loc).await.expect("a second client");
    let (mut dinner, v) = item(&other, CHORAY, "choray-dinner").await;
    dinner.start = at("2026-12-08T19:00:00+09:00");
    update(&other, CHORAY, dinner, v).await;
    other.close().await;
    let seen = same_as_fresh(&store, loc, 3, "after another client's write").await;
    assert!(
        seen.iter()
            .all(|c| c.items.iter().all(|k| k.as_str() != "choray-dinner")
                || c.start >= at("2026-12-08T19:00:00+09:00"))
    );

    // A directory change: two hours from the main hospital to the annex.
    store
        .set_travel_time(SetTravelTime {
            from: key("main-hospital"),
            to: key("annex"),
            minutes: Some(120),
        })
        .await
        .expect("change a travel time");
    let travel = same_as_fresh(&store, loc, 4, "after a directory change").await;
    assert!(
        travel
            .iter()
            .any(|c| c.code == ConflictCode::TravelTimeShort)
            && !seen.iter().any(|c| c.code == ConflictCode::TravelTimeShort),
        "the directory change shows in the check"
    );

    // And the kept plan goes on taking edits after a resolve.
    let (mut tour, v) = item(&store, CHORAY, "choray-rehab-tour").await;
    tour.start += Duration::minutes(15);
    tour.end += Duration::minutes(15);
    update(&store, CHORAY, tour, v).await;
    same_as_fresh(&store, loc, 4, "after an edit following a resolve").await;

    // A save refused by the database after the rules passed (a stale version): the kept plan
    // had the edit and is dropped, so the next check reads the plan again.
    let (mut tour, v) = item(&store, CHORAY, "choray-rehab-tour").await;
    tour.end += Duration::minutes(15);
    let stale = store
        .save_item(SaveItem {
            delegation: key(CHORAY),
            item: tour,
            expected_version: Some(v - 1),
        })
        .await
        .expect_err("an old version is refused");
    assert_eq!(stale.kind(), ErrorKind::Stale);
    same_as_fresh(&store, loc, 5, "after a stale save").await;
    store.close().await;
}
on_both_databases!(edits_keep_the_plan_resolved);

/// A check with messages in `lang`.
fn in_lang(lang: Lang) -> CheckInput {
    CheckInput {
        delegation: None,
        lang: Some(lang),
    }
}

/// What a store opened afresh finds, with messages in `lang`.
async fn fresh_in(location: &str, lang: Lang) -> Vec<Conflict> {
    let other = Store::open(location).await.expect("open again");
    let found = other.check(&in_lang(lang)).await.expect("fresh check");
    other.close().await;
    normal(found)
}

/// Korean and English checks share one kept plan: asking in the other language resolves
/// nothing again, both find the same conflicts (only the messages differ), and after an edit
/// applied to the kept plan each language still equals a fresh check in that language.
async fn kept_checks_in_both_languages(backend: Backend) {
    let (db, store) = with_sample(backend).await;
    let loc = db.location.as_str();
    let ids = |cs: &[Conflict]| cs.iter().map(Conflict::id).collect::<Vec<_>>();

    let (mut talks, v) = item(&store, SAMARKAND, "samarkand-director-talks").await;
    talks.start = at("2026-12-09T10:40:00+09:00");
    talks.end = at("2026-12-09T11:25:00+09:00");
    let ko = normal(store.check(&in_lang(Lang::Ko)).await.expect("korean"));
    let en = normal(store.check(&in_lang(Lang::En)).await.expect("english"));
    assert_eq!(
        store.check_resolves(),
        1,
        "one resolve serves both languages"
    );
    assert_eq!(ko, fresh_in(loc, Lang::Ko).await, "korean, before an edit");
    assert_eq!(en, fresh_in(loc, Lang::En).await, "english, before an edit");
    update(&store, SAMARKAND, talks, v).await;
    for lang in [Lang::Ko, Lang::En, Lang::Vi] {
        let kept = normal(store.check(&in_lang(lang)).await.expect("check"));
        assert_eq!(
            kept,
            fresh_in(loc, lang).await,
            "{lang}: the kept plan's check differs from a fresh one after a move"
        );
    }
    assert_eq!(
        store.check_resolves(),
        1,
        "the move was applied, not resolved"
    );

    let ko = store.check(&in_lang(Lang::Ko)).await.expect("korean");
    let en = store.check(&all()).await.expect("english by default");
    assert_eq!(
        ids(&ko),
        ids(&en),
        "same conflicts, same order, in both languages"
    );
    let clash = ko
        .iter()
        .find(|c| c.code == ConflictCode::HostDoubleBooked)
        .expect("the moved talks double-book the director");
    assert!(
        clash.message.contains("일정이 겹칩니다"),
        "a Korean message: {}",
        clash.message
    );
    assert!(
        en.iter()
            .any(|c| c.message.contains("is double-booked") && c.id() == clash.id()),
        "no language asked means English"
    );
    store.close().await;
}
on_both_databases!(kept_checks_in_both_languages);

/// A small deterministic generator (no dependency needed for a test's dice).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// Many random item edits (moves, status changes, adds, deletes, refusals among them): after
/// each, the kept plan's check equals a fresh one, and most edits are applied, not resolved.
#[tokio::test]
async fn random_edits_match_a_fresh_check() {
    let (db, store) = with_sample(Backend::Sqlite).await;
    let loc = db.location.as_str();
    let mut dice = Dice(20261130);
    let mut applied = 0;
    for step in 0..60 {
        let delegation = [CHORAY, SAMARKAND][dice.below(2)];
        let items = store.list_items(&key(delegation)).await.expect("items");
        let r = &items[dice.below(items.len())];
        let (mut item, version) = (r.item.clone(), r.version);
        let before = store.check_resolves();
        let what = match dice.below(4) {
            0 => {
                let by = Duration::minutes(15 * (dice.below(17) as i64 - 8));
                item.start += by;
                item.end += by;
                "move"
            }
            1 => {
                item.status = [
                    ItemStatus::Tentative,
                    ItemStatus::Confirmed,
                    ItemStatus::Cancelled,
                ][dice.below(3)];
                "status"
            }
            2 if items.len() > 4 => {
                store.delete_item(&item.key).await.expect("delete");
                "delete"
            }
            _ => {
                item.key = key(&format!("{}-copy-{step}", item.key));
                let by = Duration::minutes(15 * dice.below(9) as i64);
                item.start += by;
                item.end += by;
                item.status = ItemStatus::Tentative;
                "add"
            }
        };
        if what != "delete" {
            let expected_version = (what != "add").then_some(version);
            // A confirmed double booking is refused: that too must leave the kept plan right.
            let _ = store
                .save_item(SaveItem {
                    delegation: key(delegation),
                    item,
                    expected_version,
                })
                .await;
        }
        let kept = normal(store.check(&all()).await.expect("check"));
        assert_eq!(kept, fresh(loc).await, "step {step} ({what})");
        if store.check_resolves() == before {
            applied += 1;
        }
    }
    assert!(
        applied >= 30,
        "only {applied} of 60 edits were applied to the kept plan"
    );
    store.close().await;
}

/// The window's language reaches the messages the store writes unasked: a refused save, the
/// conflicts a save answers with, a check without `lang` — and a check naming a language
/// still gets that one.
#[tokio::test]
async fn saves_answer_in_the_windows_language() {
    let (_db, store) = with_sample(Backend::Sqlite).await;
    assert_eq!(
        store.message_language(),
        itinera::model::Lang::En,
        "English until told"
    );
    store.set_message_language(itinera::model::Lang::Ko);
    let hangul = |s: &str| s.chars().any(|c| ('가'..='힣').contains(&c));

    // Confirmed, onto Cho Ray's MOU signing (same room, same vice director): refused.
    let (mut welcome, v) = item(&store, SAMARKAND, "samarkand-welcome").await;
    welcome.start = at("2026-12-09T10:30:00+09:00");
    welcome.end = at("2026-12-09T11:00:00+09:00");
    let refused = store
        .save_item(SaveItem {
            delegation: key(SAMARKAND),
            item: welcome.clone(),
            expected_version: Some(v),
        })
        .await
        .expect_err("refused");
    assert_eq!(refused.kind(), ErrorKind::Conflict);
    let text = refused.to_string();
    assert!(
        text.contains("확정할 수 없습니다") && text.contains("예약이 겹칩니다"),
        "{text}"
    );
    assert!(
        !text.contains("cannot be confirmed") && !text.contains("double-booked"),
        "{text}"
    );

    // As a tentative hold it is saved, and its conflicts are in Korean.
    welcome.status = ItemStatus::Tentative;
    let saved = store
        .save_item(SaveItem {
            delegation: key(SAMARKAND),
            item: welcome,
            expected_version: Some(v),
        })
        .await
        .expect("a hold is saved");
    assert!(!saved.conflicts.is_empty());
    assert!(
        saved.conflicts.iter().all(|c| hangul(&c.message)),
        "{:#?}",
        saved.conflicts
    );

    let unasked = store.check(&all()).await.expect("check");
    assert!(unasked.iter().all(|c| hangul(&c.message)));
    let english = store
        .check(&CheckInput {
            delegation: None,
            lang: Some(itinera::model::Lang::En),
        })
        .await
        .expect("check");
    assert!(english.iter().all(|c| !hangul(&c.message)));
    assert_eq!(
        english.iter().map(|c| c.id()).collect::<Vec<_>>(),
        unasked.iter().map(|c| c.id()).collect::<Vec<_>>()
    );
    store.close().await;
}

/// The resource timeline reads the kept plan too: opening it again, or after a save, reads no
/// plan, and what it shows is current.
#[tokio::test]
async fn the_timeline_uses_the_kept_plan() {
    use itinera::resources::{BookableKind, TimelineQuery, resource_timeline};
    let (_db, store) = with_sample(Backend::Sqlite).await;
    let week = TimelineQuery {
        kind: BookableKind::Host,
        from: at("2026-12-07T00:00:00+09:00"),
        to: at("2026-12-14T00:00:00+09:00"),
    };
    let first = resource_timeline(&store, &week).await.expect("timeline");
    let again = resource_timeline(&store, &week).await.expect("timeline");
    assert_eq!(format!("{first:?}"), format!("{again:?}"));
    assert_eq!(
        store.check_resolves(),
        1,
        "the second opening reads no plan"
    );

    let (mut dinner, v) = item(&store, CHORAY, "choray-dinner").await;
    dinner.start = at("2026-12-08T19:00:00+09:00");
    update(&store, CHORAY, dinner, v).await;
    let moved = resource_timeline(&store, &week).await.expect("timeline");
    assert_eq!(
        store.check_resolves(),
        1,
        "a save is applied to the kept plan"
    );
    let dinner: Vec<_> = moved
        .bookings
        .iter()
        .filter(|b| b.item.as_str() == "choray-dinner")
        .collect();
    assert!(!dinner.is_empty(), "the dinner books its hosts");
    for b in dinner {
        assert_eq!(b.start, at("2026-12-08T19:00:00+09:00"), "the move shows");
        assert_eq!(
            b.version,
            v + 1,
            "with the version a further move must quote"
        );
    }
    store.close().await;
}
