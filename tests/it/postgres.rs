//! The shared PostgreSQL store: same data as SQLite, no lost updates between workstations,
//! live change events, and the database itself refusing double bookings under a race of
//! real `itinera` processes. Runs on the throw-away server of `pg_support`.

use std::time::Duration;

use itinera::ErrorKind;
use itinera::api::SaveDelegation;
use itinera::model::Key;
use itinera::store::{Store, StoreChange};

use crate::support::{Backend, TempDb, repo};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn exported(db: &TempDb) -> String {
    let out = db.itinera(&["export"]);
    assert!(
        out.status.success(),
        "export from {} failed: {}",
        db.location,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 export")
}

#[test]
fn the_same_import_exports_identically_from_sqlite_and_postgres() {
    for example in ["office-sample.json", "vietnam-director-visit.json"] {
        let file = repo().join("examples").join(example);
        let file = file.to_str().expect("utf-8 path");
        let sqlite = TempDb::on(Backend::Sqlite);
        let postgres = TempDb::on(Backend::Postgres);
        for db in [&sqlite, &postgres] {
            let out = db.itinera(&["import", file]);
            assert!(
                out.status.success(),
                "import of {example} into {} failed: {}",
                db.location,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let (a, b) = (exported(&sqlite), exported(&postgres));
        assert!(
            a.contains("日照市人民医院") || a.contains("Nguyễn") || a.len() > 1000,
            "the export carries the plan, not an empty shell"
        );
        assert_eq!(
            a, b,
            "both schemas must hold the same data: {example} exports identically"
        );
    }
}

#[tokio::test]
async fn a_stale_save_from_a_second_workstation_is_refused_with_the_time() {
    let db = TempDb::on(Backend::Postgres);
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    let plan = itinera::plan::read(&text, None).expect("valid sample");
    let first = db.open().await;
    first.import_plan(&plan).await.expect("import");
    // Two schedulers, two connection pools, both load version 1 of the Cho Ray visit.
    let second = db.open().await;
    let d = key("choray-2026-12");
    let mine = first.get_delegation(&d).await.expect("load A");
    let theirs = second.get_delegation(&d).await.expect("load B");
    assert_eq!(mine.version, theirs.version, "both start from one version");

    let mut edited = mine.delegation.clone();
    edited.notes = Some("Airport pick-up moved to terminal 2".into());
    let saved = first
        .save_delegation(SaveDelegation {
            delegation: edited,
            expected_version: Some(mine.version),
        })
        .await
        .expect("the first save wins");
    assert_eq!(saved.version, mine.version + 1, "a save bumps the version");

    let mut late = theirs.delegation.clone();
    late.notes = Some("Vegetarian lunch for Nguyễn Trường Sơn".into());
    let err = second
        .save_delegation(SaveDelegation {
            delegation: late,
            expected_version: Some(theirs.version),
        })
        .await
        .expect_err("a save quoting an old version must be refused");
    assert_eq!(err.kind(), ErrorKind::Stale, "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("changed by someone else at ") && msg.contains("reload to see it"),
        "the scheduler is told when and what to do: {msg}"
    );
    let now = first.get_delegation(&d).await.expect("reload");
    assert_eq!(
        now.delegation.notes.as_deref(),
        Some("Airport pick-up moved to terminal 2"),
        "the refused save overwrote nothing"
    );
}

#[tokio::test]
async fn another_client_hears_of_a_committed_save_within_two_seconds() {
    let db = TempDb::on(Backend::Postgres);
    let a = db.open().await;
    let b: Store = db.open().await;
    let mut events = b.subscribe().await.expect("subscribe");
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    let mut plan = itinera::plan::read(&text, None).expect("valid sample");
    let mut d = plan.delegations.remove(0).delegation;
    d.key = key("hanoi-2027-02");
    d.subgroups.clear();
    a.save_delegation(SaveDelegation {
        delegation: d,
        expected_version: None,
    })
    .await
    .expect("A saves a delegation");
    let got = tokio::time::timeout(Duration::from_secs(2), events.recv())
        .await
        .expect("B must hear of A's save within 2 s")
        .expect("the event stream stays open");
    assert_eq!(
        got,
        StoreChange {
            kind: "delegation".into(),
            key: "hanoi-2027-02".into()
        },
        "the event says what to reload"
    );

    // A refused write sends nothing: listeners only hear of committed changes.
    let mut again = b.get_delegation(&key("hanoi-2027-02")).await.expect("load");
    again.delegation.departure = again.delegation.arrival;
    a.save_delegation(SaveDelegation {
        delegation: again.delegation,
        expected_version: Some(again.version),
    })
    .await
    .expect_err("departure before arrival is refused");
    let quiet = tokio::time::timeout(Duration::from_millis(300), events.recv()).await;
    assert!(
        quiet.is_err(),
        "a rolled-back write must not be announced: {quiet:?}"
    );
}

#[tokio::test]
async fn a_sqlite_file_has_no_other_writers_to_hear_from() {
    let db = TempDb::on(Backend::Sqlite);
    let store = db.open().await;
    let mut events = store.subscribe().await.expect("subscribe");
    assert_eq!(
        events.recv().await,
        None,
        "on SQLite the change stream is empty and closed (documented on Store::subscribe)"
    );
}

/// Slots of the race: one hour apart, so only attempts on the same slot overlap.
const SLOTS: usize = 250;
/// Racing processes; each attempts every slot once.
const RACERS: usize = 4;

/// A plan adding delegation `race-<p>-<slot>` with one confirmed item booking the Uzbek
/// interpreter for 30 minutes in hour `slot` of December, shifted by `p` minutes so the
/// racers' attempts on one slot all overlap.
fn racing_plan(p: usize, slot: usize) -> itinera::plan::Plan {
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    let base = itinera::plan::read(&text, None).expect("valid sample");
    let mut d = base.delegations[1].clone();
    let name = format!("race-{p}-{slot}");
    d.delegation.key = key(&name);
    d.delegation.subgroups.clear();
    d.delegation.arrival = "2026-12-01T00:00:00+09:00".parse().expect("time");
    d.delegation.departure = "2026-12-31T00:00:00+09:00".parse().expect("time");
    d.members.truncate(1);
    d.members[0].key = key(&format!("{name}-guest"));
    let mut item = d
        .items
        .iter()
        .find(|i| i.key.as_str() == "samarkand-welcome")
        .expect("item")
        .clone();
    item.key = key(&format!("{name}-talks"));
    item.venue = None;
    item.hosts.clear();
    item.participants = itinera::model::Participants::default();
    item.start = d.delegation.arrival
        + chrono::TimeDelta::hours(24 + slot as i64)
        + chrono::TimeDelta::minutes(p as i64);
    item.end = item.start + chrono::TimeDelta::minutes(30);
    item.status = itinera::model::ItemStatus::Confirmed;
    d.items = vec![item];
    itinera::plan::Plan {
        delegations: vec![d],
        ..itinera::plan::Plan::default()
    }
}

#[test]
fn four_processes_racing_for_one_interpreter_never_double_book_it() {
    let db = TempDb::on(Backend::Postgres);
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    let mut directory = itinera::plan::read(&text, None).expect("valid sample");
    directory.delegations.clear();
    let file = db.dir.path().join("directory.json");
    std::fs::write(&file, itinera::plan::to_json(&directory)).expect("write directory");
    let out = db.itinera(&["import", file.to_str().expect("path")]);
    assert!(out.status.success(), "directory import: {out:?}");
    for p in 0..RACERS {
        for slot in 0..SLOTS {
            let path = db.dir.path().join(format!("race-{p}-{slot}.json"));
            std::fs::write(&path, itinera::plan::to_json(&racing_plan(p, slot))).expect("write");
        }
    }

    // Each racer is a stream of real `itinera import` processes (what a scheduler runs),
    // all four at once, each walking the slots in its own order.
    let outcomes: Vec<(usize, usize, std::process::Output)> = std::thread::scope(|s| {
        let racers: Vec<_> = (0..RACERS)
            .map(|p| {
                let db = &db;
                s.spawn(move || {
                    (0..SLOTS)
                        .map(|i| {
                            let slot = if p % 2 == 0 { i } else { SLOTS - 1 - i };
                            let path = db.dir.path().join(format!("race-{p}-{slot}.json"));
                            (
                                p,
                                slot,
                                db.itinera(&["import", path.to_str().expect("path")]),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        racers
            .into_iter()
            .flat_map(|r| r.join().expect("racer thread"))
            .collect()
    });

    let mut winners = vec![0usize; SLOTS];
    let mut losers = 0;
    for (p, slot, out) in &outcomes {
        if out.status.success() {
            winners[*slot] += 1;
            continue;
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "a loser exits with the problems code (racer {p}, slot {slot}): {stderr}"
        );
        assert!(
            stderr.contains("interpreter 'interp-yusupova' is already confirmed")
                && stderr.matches(&format!("-{slot}-talks")).count() >= 2,
            "a loser is told the interpreter and the item that holds it: {stderr}"
        );
        losers += 1;
    }
    assert_eq!(
        winners.iter().sum::<usize>() + losers,
        RACERS * SLOTS,
        "every attempt either won or got the conflict error"
    );
    assert!(
        winners.iter().all(|&w| w == 1),
        "exactly one racer wins each slot: {winners:?}"
    );

    let overlapping: i64 = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(async {
            let pool = sqlx::PgPool::connect(&db.location).await.expect("connect");
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM bookings a JOIN bookings b
                   ON a.resource_kind = b.resource_kind AND a.resource_key = b.resource_key
                  AND a.item_id < b.item_id AND a.starts_at < b.ends_at
                  AND b.starts_at < a.ends_at
                WHERE a.confirmed AND b.confirmed",
            )
            .fetch_one(&pool)
            .await
            .expect("count overlaps")
        });
    assert_eq!(
        overlapping, 0,
        "no two confirmed bookings overlap afterwards"
    );
}

/// The office sample plus generated visits up to `items` itinerary items: 50 items per
/// visit, one an hour, tentative (booking venue, host and interpreter), cancelled, or
/// confirmed without shared resources, so the plan is valid and no confirmed booking
/// overlaps another.
fn generated_office(items: usize) -> itinera::plan::Plan {
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    let mut plan = itinera::plan::read(&text, None).expect("valid sample");
    let template = plan.delegations[1].clone();
    let item = template
        .items
        .iter()
        .find(|i| i.key.as_str() == "samarkand-welcome")
        .expect("item")
        .clone();
    let have: usize = plan.delegations.iter().map(|d| d.items.len()).sum();
    let mut left = items - have;
    let mut n = 0;
    while left > 0 {
        let mut d = template.clone();
        let name = format!("gen-{n:04}");
        d.delegation.key = key(&name);
        d.delegation.subgroups.clear();
        d.delegation.name = itinera::model::LocalizedText(std::collections::BTreeMap::from([
            (itinera::model::Lang::En, format!("Generated visit {n}")),
            (itinera::model::Lang::Ru, format!("Делегация № {n}")),
        ]));
        d.delegation.arrival = "2027-01-01T08:00:00+09:00".parse().expect("time");
        d.delegation.departure = "2027-01-04T08:00:00+09:00".parse().expect("time");
        d.members.truncate(1);
        d.members[0].key = key(&format!("{name}-guest"));
        d.items = (0..left.min(50))
            .map(|j| {
                let mut i = item.clone();
                i.key = key(&format!("{name}-item-{j:02}"));
                i.participants = itinera::model::Participants::default();
                i.start = d.delegation.arrival + chrono::TimeDelta::hours(j as i64);
                i.end = i.start + chrono::TimeDelta::minutes(45);
                i.status = match j % 3 {
                    0 => itinera::model::ItemStatus::Tentative,
                    1 => itinera::model::ItemStatus::Cancelled,
                    _ => {
                        i.venue = None;
                        i.hosts.clear();
                        i.interpreters.clear();
                        itinera::model::ItemStatus::Confirmed
                    }
                };
                i
            })
            .collect();
        left -= d.items.len();
        plan.delegations.push(d);
        n += 1;
    }
    plan
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_moves_ten_thousand_items_sqlite_to_postgres_and_back_losslessly() {
    let origin = TempDb::on(Backend::Sqlite);
    let store = origin.open().await;
    let plan = generated_office(10_000);
    store.import_plan(&plan).await.expect("import generated");
    // A scheduling request travels with the plan (bilingual title, a window, a venue).
    let request: itinera::model::Request = serde_json::from_value(serde_json::json!({
        "key": "choray-extra-tour",
        "delegation": "choray-2026-12",
        "kind": "facility_tour",
        "title": {"ko": "로봇수술센터 견학", "vi": "Tham quan Trung tâm Phẫu thuật Robot"},
        "duration_minutes": 45,
        "earliest": "09:00",
        "latest": "17:00",
        "interpretation": true
    }))
    .expect("a request");
    store
        .save_request(itinera::store::SaveRequest {
            request: request.clone(),
            expected_version: None,
        })
        .await
        .expect("save the request");
    // Records outside the plan: an accepted warning, the office settings, a guest release.
    let all = store
        .check(&itinera::api::CheckInput::default())
        .await
        .expect("check");
    let warning = all
        .iter()
        .find(|c| c.severity == itinera::conflicts::Severity::Warning)
        .expect("the sample has a warning");
    store
        .acknowledge(itinera::api::AcknowledgeInput {
            conflict: warning.id(),
            reason: "Mai takes a break during the tour".into(),
            by: "이지은".into(),
        })
        .await
        .expect("acknowledge");
    store
        .save_office_settings(itinera::api::SaveOfficeSettings {
            settings: itinera::api::OfficeSettings {
                institution: itinera::model::LocalizedText(std::collections::BTreeMap::from([
                    (
                        itinera::model::Lang::Ko,
                        "서울대학교병원 대외협력실".to_owned(),
                    ),
                    (
                        itinera::model::Lang::En,
                        "External Affairs Office".to_owned(),
                    ),
                ])),
                logo_png: None,
            },
            expected_version: None,
        })
        .await
        .expect("office settings");
    store.close().await;
    let pdf = origin.dir.path().join("choray.pdf");
    let out = origin.itinera(&[
        "print",
        "--delegation",
        "choray-2026-12",
        "--out",
        pdf.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "guest print (release v1): {out:?}");

    let middle = TempDb::on(Backend::Postgres);
    let back = TempDb::on(Backend::Sqlite);
    for (from, to) in [(&origin, &middle), (&middle, &back)] {
        let out = crate::support::itinera_copy(&from.location, &to.location, false);
        assert!(
            out.status.success(),
            "copy {} → {}: {}",
            from.location,
            to.location,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let first = exported(&origin);
    assert!(
        first.matches("\"start\"").count() >= 10_000,
        "the export holds every generated item"
    );
    assert_eq!(
        first,
        exported(&middle),
        "SQLite → PostgreSQL loses or changes nothing of the plan"
    );
    assert_eq!(
        first,
        exported(&back),
        "and back to SQLite: the same export again"
    );
    let (a, b, c) = (
        origin.open().await.dump().await.expect("dump origin"),
        middle.open().await.dump().await.expect("dump middle"),
        back.open().await.dump().await.expect("dump back"),
    );
    assert_eq!(
        a.releases.len(),
        1,
        "the release was recorded at the origin"
    );
    assert!(a.office.is_some() && a.acknowledgements.len() == 1);
    assert_eq!(
        a.plan.requests,
        vec![request],
        "the request is in the origin's dump"
    );
    for (name, other) in [("PostgreSQL", &b), ("SQLite again", &c)] {
        assert_eq!(
            a.plan.requests, other.plan.requests,
            "scheduling requests equal on {name}"
        );
    }
    for (name, other) in [("PostgreSQL", &b), ("SQLite again", &c)] {
        assert_eq!(a.releases, other.releases, "releases equal on {name}");
        assert_eq!(a.printed, other.printed, "print log equal on {name}");
        assert_eq!(
            a.acknowledgements, other.acknowledgements,
            "acknowledgements equal on {name}"
        );
        assert_eq!(a.office, other.office, "office settings equal on {name}");
    }

    // A non-empty target is refused without --replace, and left as it was.
    let out = crate::support::itinera_copy(&back.location, &middle.location, false);
    assert_eq!(out.status.code(), Some(2), "refused as bad input: {out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not empty"),
        "the refusal says why: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let small = TempDb::on(Backend::Sqlite);
    small
        .open()
        .await
        .import_plan(
            &itinera::plan::read(
                &std::fs::read_to_string(repo().join("examples/office-sample.json"))
                    .expect("sample"),
                None,
            )
            .expect("valid"),
        )
        .await
        .expect("import sample");
    let out = crate::support::itinera_copy(&small.location, &middle.location, true);
    assert!(out.status.success(), "--replace overwrites: {out:?}");
    assert_eq!(
        exported(&middle),
        exported(&small),
        "after --replace the target holds exactly the source"
    );
}
