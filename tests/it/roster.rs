//! Importing members from spreadsheets: real .xlsx workbooks, UTF-8 (BOM) and CP949 CSV,
//! pasted cells; the mapping guess; per-row problems with the sheet's row numbers; one
//! transaction for the whole import; and `itinera members import` through the real binary.

use itinera::ErrorKind;
use itinera::api::{SaveDelegation, SaveMember};
use itinera::model::{Key, Lang, LocalizedText, Member};
use itinera::plan;
use itinera::roster::{
    self, ImportMembers, ImportMode, MemberField, SourceEncoding, guess_mapping,
};
use itinera::store::Store;
use rust_xlsxwriter::Workbook;

use crate::roster_fixture::{SIX, six_members_xlsx};
use crate::support::{Backend, TempDb, on_both_databases, repo};

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

/// Creates an empty delegation `k` (guests read Vietnamese, then English).
async fn delegation(store: &Store, k: &str) {
    let text = std::fs::read_to_string(repo().join("examples/office-sample.json")).expect("sample");
    let mut d = plan::read(&text, None)
        .expect("sample plan")
        .delegations
        .remove(0)
        .delegation;
    d.key = key(k);
    d.subgroups.clear();
    store
        .save_delegation(SaveDelegation {
            delegation: d,
            expected_version: None,
        })
        .await
        .expect("create delegation");
}

fn input(delegation: &str, table: roster::Table, mode: ImportMode) -> ImportMembers {
    ImportMembers {
        delegation: key(delegation),
        mapping: guess_mapping(&table.headers),
        table,
        mode,
    }
}

fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx bytes")
}

async fn six_member_workbook_imports_in_sheet_order(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    delegation(&store, "choray-2027").await;
    let table = roster::read_table("delegation-6.xlsx", &six_members_xlsx(), None)
        .expect("a real .xlsx reads");
    assert_eq!(table.encoding, SourceEncoding::Spreadsheet);
    assert_eq!(
        table.sheet.as_deref(),
        Some("Members"),
        "the first sheet is read by default"
    );
    assert_eq!(table.sheets, vec!["Members", "Notes"]);
    assert_eq!(
        table.rows.first().map(|r| r.line),
        Some(2),
        "data starts in sheet row 2"
    );

    let outcome = roster::import_members(
        &store,
        &input("choray-2027", table, ImportMode::AllOrNothing),
    )
    .await
    .expect("six valid rows import");
    assert_eq!(outcome.imported.len(), 6);
    assert_eq!(outcome.skipped, 0);
    let stored = store
        .get_delegation(&key("choray-2027"))
        .await
        .expect("reload");
    let got: Vec<(u32, &str)> = stored
        .members
        .iter()
        .map(|m| (m.member.precedence, m.member.native_name.as_str()))
        .collect();
    let want: Vec<(u32, &str)> = SIX.iter().map(|m| (m.0, m.1)).collect();
    assert_eq!(
        got, want,
        "every script survives the import, in protocol order"
    );
    let son = &stored.members[0].member;
    assert_eq!(son.key.as_str(), "choray-2027-nguyen-truong-son");
    assert_eq!(son.languages, vec![Lang::Vi, Lang::En]);
    assert_eq!(
        son.title.get(Lang::Vi),
        Some("Giám đốc Bệnh viện"),
        "titles land in the guests' language"
    );
    let li = &stored.members[4].member;
    assert_eq!(
        li.key.as_str(),
        "choray-2027-li-ming",
        "keys come from the romanized name"
    );
    assert_eq!(li.email.as_deref(), Some("liming@zjhospital.cn"));
    let dang = &stored.members[5].member;
    assert_eq!(
        dang.key.as_str(),
        "choray-2027-dang-van-hung",
        "Vietnamese folds to ASCII"
    );
    assert_eq!(
        dang.title.get(Lang::Ko),
        Some("병원 국제협력팀장"),
        "a title written in Hangul is Korean whatever the guests read"
    );
}
on_both_databases!(six_member_workbook_imports_in_sheet_order);

#[test]
fn a_chosen_sheet_is_read_and_a_missing_one_is_named() {
    let bytes = six_members_xlsx();
    let notes = roster::read_table("d.xlsx", &bytes, Some("Notes")).expect("second sheet");
    assert_eq!(notes.headers, vec!["Arrival VN416 Dec 7, 09:40"]);
    assert_eq!(notes.rows[0].cells, vec!["Hotel: Lotte Hotel Seoul"]);
    assert_eq!(notes.sheet.as_deref(), Some("Notes"));
    let err = roster::read_table("d.xlsx", &bytes, Some("Guests")).expect_err("no such sheet");
    let msg = err.to_string();
    assert!(
        msg.contains("'Guests'") && msg.contains("Members, Notes"),
        "the message names the sheet and lists those there are: {msg}"
    );
}

#[test]
fn utf8_bom_and_cp949_csv_read_the_same_korean_names() {
    let text =
        "성명;직위;이메일\n김철수;병원장;kim@hospital.kr\n\"이, 영희\";간호부장;lee@hospital.kr\n";
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let with_bom = roster::read_table("bom.csv", &bom, None).expect("UTF-8 with BOM");
    assert_eq!(with_bom.encoding, SourceEncoding::Utf8Bom);
    assert_eq!(
        with_bom.headers[0], "성명",
        "the BOM must not stick to the first header (it would stop the mapping guess)"
    );
    let comma_separated = text.replace(';', ",");
    let (cp949, _, unmappable) = encoding_rs::EUC_KR.encode(&comma_separated);
    assert!(!unmappable, "the test text is encodable in CP949");
    assert!(
        std::str::from_utf8(&cp949).is_err(),
        "the bytes really are not UTF-8"
    );
    let korean_excel = roster::read_table("excel.csv", &cp949, None).expect("CP949");
    assert_eq!(korean_excel.encoding, SourceEncoding::Cp949);
    assert_eq!(with_bom.headers, korean_excel.headers);
    assert_eq!(
        with_bom.rows, korean_excel.rows,
        "the same cells whatever the encoding and delimiter"
    );
    assert_eq!(
        korean_excel.rows[1].cells[0], "이, 영희",
        "a quoted delimiter stays in its cell"
    );
    assert_eq!(
        guess_mapping(&korean_excel.headers),
        vec![
            Some(MemberField::NativeName),
            Some(MemberField::Title),
            Some(MemberField::Email)
        ]
    );
    let garbage = [0x80u8, 0xFF, 0xFE, 0x81, 0x00, 0xFF];
    let err = roster::read_table("bad.csv", &garbage, None).expect_err("neither encoding");
    assert!(err.to_string().contains("bad.csv"), "{err}");
}

#[test]
fn pasted_cells_keep_a_quoted_line_break_in_one_row() {
    // What LibreOffice and Excel put on the clipboard: tabs, CRLF, quotes around a cell
    // with a line break.
    let clip = "Họ và tên\tChức vụ\tGhi chú\r\nNguyễn Trường Sơn\tGiám đốc\t\"Đến muộn\r\nngày 7\"\r\nTrần Thị Mai\tTrưởng khoa\t\r\n";
    let t = roster::parse_pasted(clip).expect("pasted rows");
    assert!(t.has_header, "a first row naming fields is a header");
    assert_eq!(t.encoding, SourceEncoding::Pasted);
    assert_eq!(
        t.rows.len(),
        2,
        "the line break inside quotes does not start a row"
    );
    assert_eq!(t.rows[0].cells[2], "Đến muộn ngày 7");
    assert_eq!((t.rows[0].line, t.rows[1].line), (2, 3));
    assert_eq!(
        guess_mapping(&t.headers),
        vec![
            Some(MemberField::NativeName),
            Some(MemberField::Title),
            Some(MemberField::Notes)
        ]
    );

    let bare = roster::parse_pasted("李明\t副院长\nХакимов Бегали\tГлавный врач\n").expect("rows");
    assert!(!bare.has_header, "names are not a header");
    assert_eq!(bare.headers, vec!["A", "B"]);
    assert_eq!(
        bare.rows.len(),
        2,
        "every pasted row is a member when there is no header"
    );
}

async fn row_problems_name_the_sheet_row_and_column(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    delegation(&store, "hanoi-2027").await;
    store
        .save_member(SaveMember {
            delegation: key("hanoi-2027"),
            member: Member {
                key: key("hanoi-2027-head"),
                native_name: "Nguyễn Trường Sơn".into(),
                romanized_name: None,
                title: LocalizedText::default(),
                precedence: 1,
                dietary: None,
                accessibility: None,
                languages: vec![],
                email: None,
                phone: None,
                notes: None,
            },
            expected_version: None,
        })
        .await
        .expect("existing member");
    let bytes = workbook(&[
        &["Name", "Title", "E-mail", "Languages", "Order"],
        &["Trần Thị Mai", "Head nurse", "mai@bvbm.vn", "vi", "2"],
        &["", "Driver", "", "", ""],
        &[],
        &["Lê Văn Tám", "Surgeon", "le.tam at bvbm", "vi", ""],
        &["Phạm Thu", "Surgeon", "", "vi, xx", ""],
        &["Đỗ Minh", "Surgeon", "", "", "first"],
        &["Nguyễn Trường Sơn", "Director", "", "", ""],
        &["Trần Thị Mai", "Nurse", "", "", ""],
        &["Võ An", "Resident", "", "", ""],
    ]);
    let table = roster::read_table("hanoi.xlsx", &bytes, None).expect("reads");
    let refused = roster::import_members(
        &store,
        &input("hanoi-2027", table.clone(), ImportMode::AllOrNothing),
    )
    .await
    .expect_err("problems refuse an all-or-nothing import");
    let msg = refused.to_string();
    for expected in [
        "row 3, column 'Name': the name is empty",
        "row 5, column 'E-mail': 'le.tam at bvbm' is not an e-mail address",
        "row 6, column 'Languages': unknown language code 'xx'",
        "row 7, column 'Order': precedence 'first' is not a whole number",
        "row 8, column 'Name': 'Nguyễn Trường Sơn' has the same name as existing member",
        "row 9, column 'Name': 'Trần Thị Mai' has the same name as row 2",
    ] {
        assert!(msg.contains(expected), "missing «{expected}» in:\n{msg}");
    }
    assert_eq!(
        store
            .get_delegation(&key("hanoi-2027"))
            .await
            .expect("reload")
            .members
            .len(),
        1,
        "a refused import writes nothing"
    );

    let outcome =
        roster::import_members(&store, &input("hanoi-2027", table, ImportMode::ValidRows))
            .await
            .expect("the valid rows import when asked");
    assert_eq!(outcome.skipped, 6);
    let names: Vec<(u32, String)> = outcome
        .detail
        .members
        .iter()
        .map(|m| (m.member.precedence, m.member.native_name.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            (1, "Nguyễn Trường Sơn".to_owned()),
            (2, "Trần Thị Mai".to_owned()),
            (3, "Võ An".to_owned()),
        ],
        "rows without an order follow the members already there"
    );
}
on_both_databases!(row_problems_name_the_sheet_row_and_column);

async fn a_store_refusal_on_row_4_writes_nothing(backend: Backend) {
    let db = TempDb::on(backend);
    let store = db.open().await;
    delegation(&store, "choray").await;
    delegation(&store, "other-visit").await;
    // Member keys are unique across delegations: another visit already holds the key the
    // fourth member (sheet row 5) would get, and only the database knows it.
    store
        .save_member(SaveMember {
            delegation: key("other-visit"),
            member: Member {
                key: key("choray-khakimov-begali"),
                native_name: "Khakimov".into(),
                romanized_name: None,
                title: LocalizedText::default(),
                precedence: 1,
                dietary: None,
                accessibility: None,
                languages: vec![],
                email: None,
                phone: None,
                notes: None,
            },
            expected_version: None,
        })
        .await
        .expect("the other visit's member");
    let table = roster::read_table("d6.xlsx", &six_members_xlsx(), None).expect("reads");
    let preview = roster::preview_import(
        &store,
        &input("choray", table.clone(), ImportMode::AllOrNothing),
    )
    .await
    .expect("preview");
    assert_eq!(
        preview.invalid, 0,
        "the preview cannot see other delegations' keys"
    );
    let err = roster::import_members(&store, &input("choray", table, ImportMode::AllOrNothing))
        .await
        .expect_err("the database refuses the fourth member");
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(
        err.to_string().contains("row 5 (Хакимов Бегали)"),
        "the refusal names the sheet row: {err}"
    );
    let after = store.get_delegation(&key("choray")).await.expect("reload");
    assert!(
        after.members.is_empty(),
        "rows 2–4 were inserted before the refusal and must be rolled back: {:?}",
        after.members
    );
}
on_both_databases!(a_store_refusal_on_row_4_writes_nothing);

#[test]
fn committed_e2e_fixture_matches_its_generator() {
    let path = repo().join("examples/members/delegation-6.xlsx");
    let committed = roster::read_table_file(&path, None)
        .expect("examples/members/delegation-6.xlsx exists (cargo run --example members_xlsx)");
    let fresh = roster::read_table("fresh.xlsx", &six_members_xlsx(), None).expect("reads");
    assert_eq!(
        (committed.headers, committed.rows),
        (fresh.headers, fresh.rows),
        "the e2e fixture is stale: cargo run --example members_xlsx"
    );
}

#[tokio::test]
async fn the_cli_previews_reports_and_imports() {
    let db = TempDb::new();
    {
        let store = db.open().await;
        delegation(&store, "choray-2027").await;
        store.close().await;
    }
    let good = db.dir.path().join("members.xlsx");
    std::fs::write(&good, six_members_xlsx()).expect("write xlsx");
    let good = good.to_str().expect("utf-8 path");

    let dry = db.itinera(&[
        "members",
        "import",
        "--delegation",
        "choray-2027",
        good,
        "--dry-run",
    ]);
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(
        dry.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(
        out.contains("성명 → native_name"),
        "the mapping is shown: {out}"
    );
    assert!(out.contains("6 row(s) valid, 0 with problems"), "{out}");
    assert!(out.contains("Хакимов Бегали"), "{out}");

    let bad = db.dir.path().join("bad.csv");
    std::fs::write(&bad, "Name,Email\nLi Ming,li.ming\n").expect("write csv");
    let refused = db.itinera(&[
        "members",
        "import",
        "--delegation",
        "choray-2027",
        bad.to_str().expect("path"),
    ]);
    assert_eq!(refused.status.code(), Some(2), "row problems exit 2");
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("row 2, column 'Email': 'li.ming' is not an e-mail address"),
        "{err}"
    );

    let mapped = db.itinera(&[
        "members",
        "import",
        "--delegation",
        "choray-2027",
        good,
        "--map",
        "식이=notes",
    ]);
    let out = String::from_utf8_lossy(&mapped.stdout);
    assert!(
        mapped.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&mapped.stderr)
    );
    assert!(
        out.contains("imported 6 member(s) into choray-2027"),
        "{out}"
    );
    let store = db.open().await;
    let stored = store
        .get_delegation(&key("choray-2027"))
        .await
        .expect("reload");
    assert_eq!(
        stored.members.len(),
        6,
        "the dry run wrote nothing, the import six"
    );
    let trans = &stored.members[1].member;
    assert_eq!(
        (trans.notes.as_deref(), trans.dietary.as_deref()),
        (Some("vegetarian"), None),
        "--map moved the 식이 column to notes"
    );
}
