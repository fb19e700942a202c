//! Long operations with progress and cancel, and the one-step member writes undo relies on:
//! a cancelled import stores no member, a cancelled "copy for each member" print records no
//! release, the copies of a run are recorded all or none, removing an import's members is
//! all or nothing, and undoing a delete puts members back into their sub-groups and items —
//! on both databases.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{TimeZone, Utc};
use itinera::ErrorKind;
use itinera::api::{DeleteMembers, Membership, Release, ReleaseInfo, SaveDelegation};
use itinera::conflicts::PrintLog;
use itinera::member_copies::{self, PrintMemberCopies};
use itinera::model::{Key, Participants};
use itinera::print::{Audience, Fonts, PrintOptions};
use itinera::progress::Progress;
use itinera::release::ReleaseSnapshot;
use itinera::roster::{self, ImportMembers, ImportMode, guess_mapping};
use itinera::store::Store;

use crate::roster_fixture::six_members_xlsx;
use crate::support::{Backend, TempDb, on_both_databases, repo};

const CHORAY: &str = "choray-2026-12";
/// An empty delegation the roster is imported into (the sample's visit already has members).
const EMPTY: &str = "choray-2027";

fn key(s: &str) -> Key {
    Key::new(s).expect("key")
}

async fn sample(store: &Store) {
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    store
        .import_plan(&itinera::plan::read(&text, None).expect("valid"))
        .await
        .expect("import the sample");
    let mut d = store
        .get_delegation(&key(CHORAY))
        .await
        .expect("the sample visit")
        .delegation;
    d.key = key(EMPTY);
    d.subgroups.clear();
    store
        .save_delegation(SaveDelegation {
            delegation: d,
            expected_version: None,
        })
        .await
        .expect("an empty delegation");
}

fn six_rows() -> ImportMembers {
    let table = roster::read_table("delegation-6.xlsx", &six_members_xlsx(), None).expect("xlsx");
    ImportMembers {
        delegation: key(EMPTY),
        mapping: guess_mapping(&table.headers),
        table,
        mode: ImportMode::AllOrNothing,
    }
}

async fn member_keys(store: &Store, delegation: &str) -> Vec<String> {
    let d = store
        .get_delegation(&key(delegation))
        .await
        .expect("delegation");
    d.members.iter().map(|r| r.member.key.to_string()).collect()
}

async fn an_import_cancelled_part_way_stores_no_member(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    sample(&store).await;
    let before = member_keys(&store, EMPTY).await;
    let cancel = AtomicBool::new(false);
    let seen = Mutex::new(Vec::new());
    // The scheduler presses Cancel once two members have been written.
    let report = |done: u64, total: u64| {
        seen.lock().expect("lock").push((done, total));
        if done == 2 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let progress = Progress::new("the import", &cancel, &report);
    let err = roster::import_members_with(&store, &six_rows(), &progress)
        .await
        .expect_err("the import was cancelled");
    assert_eq!(
        err.kind(),
        ErrorKind::Cancelled,
        "the UI branches on the kind: {err}"
    );
    assert_eq!(
        *seen.lock().expect("lock"),
        vec![(1, 6), (2, 6)],
        "progress counts the members written out of the rows accepted"
    );
    assert_eq!(
        member_keys(&store, EMPTY).await,
        before,
        "a cancelled import leaves the delegation as it was (the transaction rolled back)"
    );

    let report_nothing = |_: u64, _: u64| {};
    let progress = Progress::new("the import", &cancel, &report_nothing);
    roster::import_members_with(&store, &six_rows(), &progress)
        .await
        .expect_err("a run cancelled before it starts stops at once");
    assert_eq!(member_keys(&store, EMPTY).await, before, "nothing stored");

    cancel.store(false, Ordering::Relaxed);
    let done = roster::import_members_with(&store, &six_rows(), &progress)
        .await
        .expect("an import nobody cancels");
    assert_eq!(done.imported.len(), 6, "all six rows are imported");
}
on_both_databases!(an_import_cancelled_part_way_stores_no_member);

async fn removing_an_imports_members_is_all_or_nothing(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    sample(&store).await;
    let before = member_keys(&store, EMPTY).await;
    let imported = roster::import_members(&store, &six_rows())
        .await
        .expect("import");
    let keys = imported.imported.clone();
    let members: Vec<_> = imported
        .detail
        .members
        .iter()
        .filter(|r| keys.contains(&r.member.key))
        .map(|r| r.member.clone())
        .collect();

    let mut with_missing = keys.clone();
    with_missing.push(key("choray-nobody"));
    let err = store
        .delete_members(DeleteMembers {
            delegation: key(EMPTY),
            members: with_missing,
        })
        .await
        .expect_err("one member is not there");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(
        err.to_string().contains("choray-nobody"),
        "names the missing member: {err}"
    );
    assert_eq!(
        member_keys(&store, EMPTY).await.len(),
        before.len() + 6,
        "a refused bulk delete removes none of the imported members"
    );

    let after = store
        .delete_members(DeleteMembers {
            delegation: key(EMPTY),
            members: keys.clone(),
        })
        .await
        .expect("undo the import");
    let left: Vec<_> = after
        .detail
        .members
        .iter()
        .map(|r| r.member.key.to_string())
        .collect();
    assert_eq!(
        left, before,
        "undoing the import removes exactly its members"
    );

    let redone = store
        .add_members(&key(EMPTY), &members)
        .await
        .expect("redo the import");
    let again: Vec<_> = redone
        .members
        .iter()
        .filter(|r| keys.contains(&r.member.key))
        .map(|r| r.member.clone())
        .collect();
    assert_eq!(
        again, members,
        "redo brings the same members back, same keys and data"
    );
}
on_both_databases!(removing_an_imports_members_is_all_or_nothing);

/// The sub-groups of `delegation` that list `member`, and the items that name them.
async fn placements(store: &Store, delegation: &str, member: &str) -> (Vec<String>, Vec<String>) {
    let m = key(member);
    let d = store
        .get_delegation(&key(delegation))
        .await
        .expect("delegation");
    let groups = d
        .delegation
        .subgroups
        .iter()
        .filter(|g| g.members.contains(&m))
        .map(|g| g.key.to_string())
        .collect();
    let items = store
        .list_items(&key(delegation))
        .await
        .expect("items")
        .into_iter()
        .filter(|r| matches!(&r.item.participants, Participants::Selected { members, .. } if members.contains(&m)))
        .map(|r| r.item.key.to_string())
        .collect();
    (groups, items)
}

async fn undoing_a_delete_puts_members_back_where_they_sat(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    sample(&store).await;
    let thao = "choray-pham-ngoc-thao";
    let chien = "choray-vo-duc-chien";
    let before = store.get_delegation(&key(CHORAY)).await.expect("visit");
    let order_before = member_keys(&store, CHORAY).await;
    let deleted: Vec<_> = before
        .members
        .iter()
        .filter(|r| [thao, chien].contains(&r.member.key.as_str()))
        .map(|r| r.member.clone())
        .collect();
    assert_eq!(
        placements(&store, CHORAY, thao).await,
        (
            vec!["choray-medical".into()],
            vec!["choray-director-talks".into()]
        )
    );

    let removed = store
        .delete_members(DeleteMembers {
            delegation: key(CHORAY),
            members: vec![key(thao), key(chien)],
        })
        .await
        .expect("delete two members");
    assert_eq!(
        removed.memberships,
        vec![
            Membership {
                member: key(thao),
                subgroups: vec![key("choray-medical")],
                items: vec![key("choray-director-talks")],
            },
            Membership {
                member: key(chien),
                subgroups: vec![key("choray-medical")],
                items: vec![key("choray-robotic")],
            },
        ],
        "the delete says where each member sat"
    );
    assert_eq!(placements(&store, CHORAY, thao).await, (vec![], vec![]));
    // Meanwhile the scheduler deletes the robotic-surgery observation Chiến was named in.
    store
        .delete_item(&key("choray-robotic"))
        .await
        .expect("delete an item");

    // A re-add that cannot be stored (Thao's key taken again) puts nobody anywhere.
    let mut clash = deleted.clone();
    clash.push(deleted[0].clone());
    let err = store
        .add_members_restoring(&key(CHORAY), &clash, &removed.memberships)
        .await
        .expect_err("the same key twice");
    assert!(err.to_string().contains(thao), "names the member: {err}");
    assert_eq!(placements(&store, CHORAY, thao).await, (vec![], vec![]));

    let back = store
        .add_members_restoring(&key(CHORAY), &deleted, &removed.memberships)
        .await
        .expect("undo the delete");
    assert_eq!(
        back.members
            .iter()
            .map(|r| r.member.key.to_string())
            .collect::<Vec<_>>(),
        order_before,
        "same precedence as before"
    );
    assert_eq!(
        placements(&store, CHORAY, thao).await,
        (
            vec!["choray-medical".into()],
            vec!["choray-director-talks".into()]
        ),
        "Thao is back in her sub-group and named in the director talks"
    );
    assert_eq!(
        placements(&store, CHORAY, chien).await,
        (vec!["choray-medical".into()], vec![]),
        "Chiến is back in his sub-group; the deleted observation is skipped"
    );
    let group = |d: &itinera::api::DelegationDetail| {
        d.delegation
            .subgroups
            .iter()
            .find(|g| g.key.as_str() == "choray-medical")
            .map(|g| g.members.len())
    };
    assert_eq!(group(&back), group(&before), "nobody listed twice");
}
on_both_databases!(undoing_a_delete_puts_members_back_where_they_sat);

fn copies_request() -> PrintMemberCopies {
    PrintMemberCopies {
        delegation: key(CHORAY),
        options: PrintOptions {
            institution: "Seoul University Hospital".into(),
            ..PrintOptions::default()
        },
        by: "이지은".into(),
        folder: None,
        operation: "copies-1".into(),
    }
}

#[tokio::test]
async fn cancelled_member_copies_record_no_release_and_finished_ones_record_each() {
    let db = TempDb::new();
    let store = db.open().await;
    sample(&store).await;
    let fonts = Fonts::new();
    let at = Utc
        .with_ymd_and_hms(2026, 11, 30, 5, 5, 0)
        .single()
        .expect("time");
    let members = member_keys(&store, CHORAY).await;
    assert!(
        members.len() >= 2,
        "the sample delegation has several members"
    );

    let cancel = AtomicBool::new(false);
    let report = |done: u64, _: u64| {
        if done == 1 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let progress = Progress::new("printing the member copies", &cancel, &report);
    let err = member_copies::print_member_copies(
        &store,
        &fonts,
        &copies_request(),
        chrono_tz::Asia::Seoul,
        at,
        &progress,
    )
    .await
    .expect_err("cancelled after the first copy");
    assert_eq!(err.kind(), ErrorKind::Cancelled, "{err}");
    assert!(
        store
            .list_releases(&key(CHORAY))
            .await
            .expect("releases")
            .is_empty(),
        "a cancelled run records no release, not even for the copies already rendered"
    );

    let seen = Mutex::new(Vec::new());
    let cancel = AtomicBool::new(false);
    let report = |done: u64, total: u64| seen.lock().expect("lock").push((done, total));
    let progress = Progress::new("printing the member copies", &cancel, &report);
    let copies = member_copies::print_member_copies(
        &store,
        &fonts,
        &copies_request(),
        chrono_tz::Asia::Seoul,
        at,
        &progress,
    )
    .await
    .expect("a run nobody cancels");
    assert_eq!(copies.len(), members.len(), "one copy per member");
    let mut done: Vec<u64> = seen.lock().expect("lock").iter().map(|(d, _)| *d).collect();
    done.sort_unstable();
    let expected: Vec<u64> = (1..=members.len() as u64).collect();
    assert_eq!(done, expected, "every copy is reported once");
    let numbers: Vec<u32> = copies.iter().map(|c| c.release.number).collect();
    let expected: Vec<u32> = (1..=members.len() as u32).collect();
    assert_eq!(
        numbers, expected,
        "each copy is its own release, numbered in order"
    );
    assert!(
        copies.iter().all(|c| c.pdf.starts_with(b"%PDF")),
        "every copy is a PDF"
    );
    let releases = store.list_releases(&key(CHORAY)).await.expect("releases");
    assert_eq!(releases.len(), members.len(), "every copy was recorded");
    assert!(
        releases
            .iter()
            .all(|r| matches!(r.audience, Audience::Member(_))),
        "each release is for one member"
    );
}

async fn member_copies_are_recorded_all_or_none(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    sample(&store).await;
    let plan = store.load_plan().await.expect("plan");
    let at = Utc
        .with_ymd_and_hms(2026, 11, 30, 5, 5, 0)
        .single()
        .expect("time");
    let release = |member: &str, number: u32| {
        let audience = Audience::Member(key(member));
        let snapshot =
            ReleaseSnapshot::of_guest_programme(&plan, &key(CHORAY), &audience).expect("snapshot");
        Release {
            info: ReleaseInfo {
                delegation: key(CHORAY),
                number,
                audience,
                released_at: at.fixed_offset(),
                released_by: "이지은".into(),
                item_count: snapshot.items.len() as u32,
            },
            snapshot,
        }
    };
    let members = member_keys(&store, CHORAY).await;
    let (first, second) = (&members[0], &members[1]);
    let log = PrintLog::default();
    // Another workstation took v2 meanwhile: the run's second copy collides.
    store
        .record_release(&release(second, 2), &log)
        .await
        .expect("the other print");
    let (a, b) = (release(first, 1), release(second, 2));
    let err = store
        .record_releases(&[(&a, &log), (&b, &log)])
        .await
        .expect_err("v2 is taken");
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    let recorded = store.list_releases(&key(CHORAY)).await.expect("releases");
    assert_eq!(
        recorded.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![2],
        "the run's first copy (v1) was rolled back with the refused second"
    );
}
on_both_databases!(member_copies_are_recorded_all_or_none);
