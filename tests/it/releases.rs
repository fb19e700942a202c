//! Guest releases: printing records v1, v2…; edits after a print are flagged; the changes
//! since a release are listed and printed in the "Changes since" box.

use chrono::{TimeZone, Utc};
use itinera::api::{ChangesInput, CheckInput, SaveItem};
use itinera::conflicts::ConflictCode;
use itinera::model::{ItemStatus, Key};
use itinera::print::{Audience, Fonts, PrintOptions};
use itinera::publish::{GuestPrint, print_guest};
use itinera::release::ChangeKind;

use crate::support::{TempDb, repo};

fn key(s: &str) -> Key {
    Key::new(s).expect("key")
}

fn request(changes_since: Option<u32>) -> GuestPrint {
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
    let db = TempDb::new();
    let store = db.open().await;
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    store
        .import_plan(&itinera::plan::read(&text, None).expect("valid"))
        .await
        .expect("import");
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
            since: 1,
            audience: None,
        },
    )
    .await
    .expect("changes");
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

    let v2 = print_guest(&store, &fonts, request(Some(1)), at)
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
