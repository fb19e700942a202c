//! The store on both databases: delegation and member records, optimistic versions, the booking
//! invariant under racing writers.

use itinera::api::{DeleteMember, SaveDelegation, SaveMember};
use itinera::model::{Key, Lang, LocalizedText, Member};
use itinera::plan::{self, Plan};
use itinera::{Error, ErrorKind};

use crate::support::{Backend, TempDb, on_both_databases, repo};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn sample_plan() -> Plan {
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    plan::read(&text, None).expect("sample plan is valid")
}

fn member(k: &str, name: &str, precedence: u32) -> Member {
    Member {
        key: key(k),
        native_name: name.into(),
        romanized_name: None,
        title: LocalizedText::default(),
        precedence,
        dietary: None,
        accessibility: None,
        languages: vec![],
        email: None,
        phone: None,
        notes: None,
    }
}

async fn delegations_and_members_round_trip_with_versions(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let mut d = sample_plan().delegations.remove(0).delegation;
    d.key = key("hanoi-2027-02");
    d.subgroups.clear();
    let created = store
        .save_delegation(SaveDelegation {
            delegation: d.clone(),
            expected_version: None,
        })
        .await
        .expect("create");
    assert_eq!(created.version, 1, "a new record starts at version 1");

    let again = store
        .save_delegation(SaveDelegation {
            delegation: d.clone(),
            expected_version: None,
        })
        .await
        .expect_err("creating the same key twice must fail");
    assert_eq!(again.kind(), ErrorKind::Duplicate, "{again}");

    // Decomposed Vietnamese typed on some keyboards is stored precomposed (NFC).
    let decomposed = "Nguye\u{0302}\u{0303}n Tru\u{031b}o\u{031b}\u{0300}ng So\u{031b}n";
    let detail = store
        .save_member(SaveMember {
            delegation: d.key.clone(),
            member: member("hanoi-son", decomposed, 1),
            expected_version: None,
        })
        .await
        .expect("add member");
    assert_eq!(
        detail.members[0].member.native_name, "Nguyễn Trường Sơn",
        "names are stored NFC"
    );

    let mut renamed = d.clone();
    renamed.name = LocalizedText::one(Lang::Vi, "Đoàn Bệnh viện Bạch Mai");
    let updated = store
        .save_delegation(SaveDelegation {
            delegation: renamed.clone(),
            expected_version: Some(1),
        })
        .await
        .expect("update with the current version");
    assert_eq!(updated.version, 2);
    let stale = store
        .save_delegation(SaveDelegation {
            delegation: renamed,
            expected_version: Some(1),
        })
        .await
        .expect_err("saving a stale copy must be refused");
    assert_eq!(stale.kind(), ErrorKind::Stale, "{stale}");
    assert!(
        stale.to_string().contains("reload"),
        "the message tells what to do: {stale}"
    );

    let blank = store
        .save_member(SaveMember {
            delegation: d.key.clone(),
            member: member("hanoi-blank", "  ", 2),
            expected_version: None,
        })
        .await
        .expect_err("a member without a name is refused");
    assert!(
        blank.to_string().contains("native_name"),
        "the message names the field: {blank}"
    );

    store.delete_delegation(&d.key).await.expect("delete");
    let gone = store.get_delegation(&d.key).await.expect_err("deleted");
    assert_eq!(gone.kind(), ErrorKind::NotFound);
}

async fn deleting_a_member_removes_them_from_sub_groups_and_items(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    store
        .import_plan(&sample_plan())
        .await
        .expect("import sample");
    let choray = key("choray-2026-12");
    let son = key("choray-nguyen-truong-son");
    store
        .delete_member(DeleteMember {
            delegation: choray.clone(),
            member: son.clone(),
        })
        .await
        .expect("delete member");
    let plan = store.load_plan().await.expect("load");
    let d = plan.delegation(&choray).expect("delegation still there");
    assert!(d.members.iter().all(|m| m.key != son), "member row is gone");
    assert!(
        d.delegation
            .subgroups
            .iter()
            .all(|g| !g.members.contains(&son)),
        "no sub-group may keep a deleted member"
    );
    assert!(
        plan::check(&plan, None).is_empty(),
        "the stored plan must stay valid after a member is removed"
    );
}

/// A delegation with one confirmed item booking the Uzbek interpreter 10:00–11:00
/// (shifted by `offset` minutes so every writer overlaps every other).
fn racer(n: usize) -> Plan {
    let base = sample_plan();
    let mut plan = Plan {
        interpreters: vec![],
        sites: vec![],
        venues: vec![],
        hosts: vec![],
        travel: vec![],
        ..base.clone()
    };
    let mut d = base.delegations[1].clone();
    d.delegation.key = key(&format!("race-{n}"));
    d.delegation.subgroups.clear();
    d.members = vec![member(&format!("race-{n}-guest"), "Хакимов Бегали", 1)];
    let mut item = d
        .items
        .iter()
        .find(|i| i.key.as_str() == "samarkand-welcome")
        .expect("item")
        .clone();
    item.key = key(&format!("race-{n}-talks"));
    item.venue = None;
    item.hosts.clear();
    item.start = "2026-12-09T10:00:00+09:00".parse().expect("time");
    item.end = "2026-12-09T11:00:00+09:00"
        .parse::<chrono::DateTime<chrono::FixedOffset>>()
        .expect("time")
        + chrono::TimeDelta::minutes(n as i64);
    item.status = itinera::model::ItemStatus::Confirmed;
    d.items = vec![item];
    plan.delegations = vec![d];
    plan
}

async fn racing_writers_cannot_both_confirm_one_interpreter(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    let mut directory = sample_plan();
    directory.delegations.clear();
    store.import_plan(&directory).await.expect("directory");

    let mut tasks = Vec::new();
    for n in 0..8 {
        // Each writer has its own connection pool, as separate app instances would.
        let path = db.location.clone();
        tasks.push(tokio::spawn(async move {
            let store = itinera::store::Store::open(&path).await.expect("open");
            store.import_plan(&racer(n)).await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => won += 1,
            Err(Error::Conflict(msg)) => {
                assert!(
                    msg.en().contains("interp-yusupova"),
                    "the loser is told which interpreter: {msg}"
                )
            }
            Err(other) => panic!("a loser must get the conflict error, got {other:?}"),
        }
    }
    assert_eq!(
        won, 1,
        "exactly one of 8 racing writers may confirm the interpreter"
    );
    let plan = store.load_plan().await.expect("load");
    let confirmed: Vec<_> = plan
        .delegations
        .iter()
        .flat_map(|d| &d.items)
        .filter(|i| {
            i.interpreters
                .iter()
                .any(|a| a.interpreter.as_str() == "interp-yusupova")
        })
        .collect();
    assert_eq!(
        confirmed.len(),
        1,
        "losers left nothing behind (all-or-nothing imports)"
    );
    assert_eq!(
        plan.delegations.len(),
        1,
        "no half-written delegation of a loser remains"
    );
}

on_both_databases!(delegations_and_members_round_trip_with_versions);
on_both_databases!(deleting_a_member_removes_them_from_sub_groups_and_items);
on_both_databases!(
    racing_writers_cannot_both_confirm_one_interpreter,
    (flavor = "multi_thread", worker_threads = 4)
);
