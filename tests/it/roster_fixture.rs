//! The six-member roster of a Cho Ray-style visit as a real .xlsx workbook, written with
//! rust_xlsxwriter the way a Korean office sheet looks (bilingual headers, a title row of
//! numbers, a second sheet). Shared by the roster tests and `examples/members_xlsx.rs`,
//! which writes `examples/members/delegation-6.xlsx` for the end-to-end flow.

use rust_xlsxwriter::Workbook;

/// Header titles as the office writes them (Korean with English).
pub const HEADERS: [&str; 7] = [
    "No.",
    "성명",
    "영문 이름",
    "직위/Title",
    "식이",
    "Email",
    "언어",
];

/// The six members: precedence, native name, romanized name, title, dietary, e-mail,
/// languages.
pub const SIX: [(u32, &str, &str, &str, &str, &str, &str); 6] = [
    (
        1,
        "Nguyễn Trường Sơn",
        "Nguyen Truong Son",
        "Giám đốc Bệnh viện",
        "",
        "son.nt@choray.vn",
        "vi, en",
    ),
    (
        2,
        "Trần Thị Mai",
        "Tran Thi Mai",
        "Trưởng khoa Điều dưỡng",
        "vegetarian",
        "mai.tt@choray.vn",
        "vi",
    ),
    (
        3,
        "Hakimov Begʻali",
        "Hakimov Begali",
        "Bosh shifokor",
        "halal",
        "",
        "uz, ru",
    ),
    (
        4,
        "Хакимов Бегали",
        "Khakimov Begali",
        "Заместитель главного врача",
        "halal",
        "",
        "ru",
    ),
    (
        5,
        "李明",
        "Li Ming",
        "副院长",
        "no pork",
        "liming@zjhospital.cn",
        "zh",
    ),
    (
        6,
        "Đặng Văn Hùng",
        "",
        "병원 국제협력팀장",
        "",
        "hung.dv@choray.vn",
        "vi",
    ),
];

/// The workbook: sheet "Members" with the header in row 1 and the six members in rows
/// 2–7, then a "Notes" sheet the import must not read by default.
pub fn six_members_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Members").expect("sheet name");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header cell");
    }
    for (i, (n, native, roman, title, diet, email, langs)) in SIX.iter().enumerate() {
        let r = i as u32 + 1;
        sheet
            .write_number(r, 0, f64::from(*n))
            .expect("number cell");
        for (c, text) in [native, roman, title, diet, email, langs]
            .iter()
            .enumerate()
        {
            if !text.is_empty() {
                sheet
                    .write_string(r, c as u16 + 1, **text)
                    .expect("text cell");
            }
        }
    }
    let notes = book.add_worksheet();
    notes.set_name("Notes").expect("sheet name");
    notes
        .write_string(0, 0, "Arrival VN416 Dec 7, 09:40")
        .expect("note cell");
    notes
        .write_string(1, 0, "Hotel: Lotte Hotel Seoul")
        .expect("note cell");
    book.save_to_buffer().expect("workbook bytes")
}
