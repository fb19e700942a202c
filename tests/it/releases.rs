//! Guest releases: printing records v1, v2…; edits after a print are flagged; the changes
//! since a release are listed and printed in the "Changes since" box.

use chrono::{TimeZone, Utc};
use itinera::api::{ChangesInput, ChangesSince, CheckInput, SaveItem};
use itinera::conflicts::ConflictCode;
use itinera::model::{ItemStatus, Key};
use itinera::print::{Audience, Fonts, PrintOptions};
use itinera::publish::{GuestPrint, print_guest};
use itinera::release::ChangeKind;

use crate::support::{Backend, with_sample};

fn key(s: &str) -> Key {
    Key::new(s).expect("key")
}

fn request(changes_since: Option<ChangesSince>) -> GuestPrint {
    GuestPrint {
        delegation: key("choray-2026-12"),
        audience: Audience::Delegation,
        options: PrintOptions {
            institution: "Seoul University Hospital".into(),
            ..PrintOptions::default()
        },
        changes_since,
        by: "이지은".into(),
        zone: chrono_tz::Asia::Seoul,
    }
}

fn pdftotext(pdf: &[u8], dir: &std::path::Path) -> String {
    let path = dir.join("print.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("path"), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[tokio::test]
async fn printing_records_releases_and_later_edits_are_flagged_and_listed() {
    let (db, store) = with_sample(Backend::Sqlite).await;
    let fonts = Fonts::new();
    let at = Utc
        .with_ymd_and_hms(2026, 11, 30, 5, 5, 0)
        .single()
        .expect("time");

    let v1 = print_guest(&store, &fonts, request(None), at)
        .await
        .expect("first print");
    assert_eq!(v1.release.number, 1, "the first guest print is v1");
    assert!(
        pdftotext(&v1.pdf, db.dir.path()).contains("v1"),
        "the footer names the release"
    );
    let before = store.check(&CheckInput::default()).await.expect("check");
    assert!(
        !before
            .iter()
            .any(|c| c.code == ConflictCode::ChangedAfterPrinted),
        "nothing has changed since the print yet"
    );

    // Lunch moves 12:00 → 12:30 and the robotic surgery observation is called off.
    let items = store
        .list_items(&key("choray-2026-12"))
        .await
        .expect("items");
    let lunch = items
        .iter()
        .find(|r| r.item.key.as_str() == "choray-lunch-1")
        .expect("lunch");
    let mut moved = lunch.item.clone();
    moved.start = "2026-12-08T12:30:00+09:00".parse().expect("time");
    moved.end = "2026-12-08T13:35:00+09:00".parse().expect("time");
    store
        .save_item(SaveItem {
            delegation: key("choray-2026-12"),
            item: moved,
            expected_version: Some(lunch.version),
        })
        .await
        .expect("move lunch");
    let robotic = items
        .iter()
        .find(|r| r.item.key.as_str() == "choray-robotic")
        .expect("robotic");
    let mut cancelled = robotic.item.clone();
    cancelled.status = ItemStatus::Cancelled;
    store
        .save_item(SaveItem {
            delegation: key("choray-2026-12"),
            item: cancelled,
            expected_version: Some(robotic.version),
        })
        .await
        .expect("cancel");

    let after = store.check(&CheckInput::default()).await.expect("check");
    let flagged: Vec<_> = after
        .iter()
        .filter(|c| c.code == ConflictCode::ChangedAfterPrinted)
        .flat_map(|c| c.items.iter().map(Key::as_str))
        .collect();
    assert!(
        flagged.contains(&"choray-lunch-1"),
        "a moved printed item asks for a reprint: {flagged:?}"
    );

    let changes = itinera::publish::changes_since(
        &store,
        &ChangesInput {
            delegation: key("choray-2026-12"),
            since: ChangesSince::Release(1),
            audience: None,
        },
    )
    .await
    .expect("changes");
    assert_eq!(changes.since_version, 1, "compared with the release named");
    let changes = changes.changes;
    let kinds: Vec<_> = changes.iter().map(|c| (c.kind, c.item.as_str())).collect();
    assert!(
        kinds.contains(&(ChangeKind::Moved, "choray-lunch-1")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ChangeKind::Cancelled, "choray-robotic")),
        "{kinds:?}"
    );
    assert_eq!(changes.len(), 2, "nothing else changed: {kinds:?}");

    let v2 = print_guest(&store, &fonts, request(Some(ChangesSince::Release(1))), at)
        .await
        .expect("second print");
    assert_eq!(v2.release.number, 2);
    let text = pdftotext(&v2.pdf, db.dir.path());
    assert!(text.contains("v2"), "footer names v2");
    assert!(
        text.contains("12:30"),
        "the box shows the new lunch time:\n{text}"
    );
    let releases = store
        .list_releases(&key("choray-2026-12"))
        .await
        .expect("releases");
    assert_eq!(
        releases.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![1, 2]
    );
    let again = store.check(&CheckInput::default()).await.expect("check");
    assert!(
        !again
            .iter()
            .any(|c| c.code == ConflictCode::ChangedAfterPrinted),
        "after reprinting nothing is flagged any more"
    );
}

/// Renames an item (in Vietnamese and English) or cancels it, through the store.
async fn edit(store: &itinera::store::Store, item: &str, rename_vi: Option<&str>) {
    let items = store
        .list_items(&key("choray-2026-12"))
        .await
        .expect("items");
    let rec = items
        .iter()
        .find(|r| r.item.key.as_str() == item)
        .expect("item in the sample");
    let mut changed = rec.item.clone();
    match rename_vi {
        Some(vi) => {
            changed.title = changed
                .title
                .clone()
                .with(itinera::model::Lang::Vi, vi)
                .with(itinera::model::Lang::En, format!("{vi} (en)"));
        }
        None => changed.status = ItemStatus::Cancelled,
    }
    store
        .save_item(SaveItem {
            delegation: key("choray-2026-12"),
            item: changed,
            expected_version: Some(rec.version),
        })
        .await
        .expect("edit");
}

#[tokio::test]
async fn a_member_copy_lists_only_changes_since_the_copy_that_member_last_got() {
    let (db, store) = with_sample(Backend::Sqlite).await;
    let fonts = Fonts::new();
    let at = Utc
        .with_ymd_and_hms(2026, 11, 30, 5, 5, 0)
        .single()
        .expect("time");
    let son = Audience::Member(key("choray-nguyen-truong-son"));
    let print_for = |audience: Audience, since: Option<ChangesSince>| GuestPrint {
        audience,
        changes_since: since,
        options: PrintOptions {
            language: Some(itinera::model::Lang::Vi),
            with: Some(itinera::model::Lang::Ko),
            ..PrintOptions::default()
        },
        ..request(None)
    };

    let v1 = print_guest(&store, &fonts, print_for(Audience::Delegation, None), at)
        .await
        .expect("v1 for the whole delegation");
    let v2 = print_guest(&store, &fonts, print_for(son.clone(), None), at)
        .await
        .expect("v2 for Nguyễn Trường Sơn");
    assert_eq!((v1.release.number, v2.release.number), (1, 2));

    // Sơn attends the director talks, not the robotic surgery observation.
    edit(
        &store,
        "choray-director-talks",
        Some("Hội đàm cấp Giám đốc mở rộng"),
    )
    .await;
    edit(&store, "choray-robotic", None).await;

    let found = itinera::publish::changes_since(
        &store,
        &ChangesInput {
            delegation: key("choray-2026-12"),
            since: ChangesSince::LastOfAudience,
            audience: Some(son.clone()),
        },
    )
    .await
    .expect("changes for Sơn");
    assert_eq!(
        found.since_version, 2,
        "'last' for a member is the last copy printed for that member, not v1"
    );
    let kinds: Vec<_> = found
        .changes
        .iter()
        .map(|c| (c.kind, c.item.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![(ChangeKind::Renamed, "choray-director-talks")],
        "only the member's own change is listed; items of the whole-delegation copy are not \
         'removed' and the cancelled observation he never attended is not his change"
    );

    let v3 = print_guest(
        &store,
        &fonts,
        print_for(son.clone(), Some(ChangesSince::LastOfAudience)),
        at,
    )
    .await
    .expect("v3 for Sơn with the changes box");
    assert_eq!(v3.release.number, 3, "numbers run per delegation");
    let text = pdftotext(&v3.pdf, db.dir.path());
    assert!(
        text.contains("Thay đổi kể từ v2"),
        "the box compares with v2, the copy Sơn holds:\n{text}"
    );
    let bullets: Vec<_> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('•'))
        .collect();
    assert_eq!(
        bullets.len(),
        1,
        "the box lists exactly one change: {bullets:?}"
    );
    assert!(
        bullets[0].contains("Hội đàm cấp Giám đốc mở rộng"),
        "the one change is the renamed talks: {bullets:?}"
    );

    // An explicit release of another audience is refused, and nothing is recorded.
    let err = print_guest(
        &store,
        &fonts,
        print_for(son.clone(), Some(ChangesSince::Release(1))),
        at,
    )
    .await
    .expect_err("v1 was for the whole delegation");
    assert_eq!(
        err.to_string(),
        "v1 was printed for the whole delegation, not for member 'Nguyễn Trường Sơn'; pick a \
         release of the same audience",
        "the refusal names both audiences and what to do"
    );
    let v4 = print_guest(
        &store,
        &fonts,
        print_for(Audience::SubGroup(key("choray-medical")), None),
        at,
    )
    .await
    .expect("v4 for the physicians");
    let err = itinera::publish::changes_since(
        &store,
        &ChangesInput {
            delegation: key("choray-2026-12"),
            since: ChangesSince::Release(v4.release.number),
            audience: Some(son.clone()),
        },
    )
    .await
    .expect_err("v4 was for a sub-group");
    assert_eq!(
        err.to_string(),
        "v4 was printed for sub-group 'Physicians', not for member 'Nguyễn Trường Sơn'; pick a \
         release of the same audience"
    );
    let err = print_guest(
        &store,
        &fonts,
        print_for(
            Audience::SubGroup(key("choray-nursing")),
            Some(ChangesSince::LastOfAudience),
        ),
        at,
    )
    .await
    .expect_err("the nurses never got a copy");
    assert!(
        err.to_string().contains("sub-group 'Nursing'"),
        "'last' with no earlier copy of that audience says so: {err}"
    );
    let numbers: Vec<_> = store
        .list_releases(&key("choray-2026-12"))
        .await
        .expect("releases")
        .iter()
        .map(|r| r.number)
        .collect();
    assert_eq!(
        numbers,
        vec![1, 2, 3, 4],
        "refused prints record no release"
    );

    // The command line: `itinera changes --since last --member` and a mismatched vN.
    store.close().await;
    let out = db.itinera(&[
        "changes",
        "--delegation",
        "choray-2026-12",
        "--since",
        "last",
        "--member",
        "choray-nguyen-truong-son",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.starts_with("no changes for guests since v3"),
        "Sơn's last copy is v3, printed after the edits: {stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = db.itinera(&[
        "changes",
        "--delegation",
        "choray-2026-12",
        "--since",
        "v4",
        "--member",
        "choray-nguyen-truong-son",
    ]);
    assert!(
        !out.status.success()
            && String::from_utf8_lossy(&out.stderr).contains("pick a release of the same audience"),
        "the CLI refuses a release of another audience: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
