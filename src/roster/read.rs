//! Reading workbooks, CSV files and pasted cells into a [`Table`] of trimmed NFC strings.
//!
//! Workbooks are recognised by their bytes, not their names (a renamed .xlsx still reads).
//! Text is decoded as UTF-8 (with or without the byte-order mark) or else as CP949, the
//! encoding Korean Excel writes for "CSV"; the delimiter (`,` `;` or tab) is sniffed from
//! the first rows. The header is the first non-blank row; blank rows are dropped but keep
//! their numbers so reports match what the spreadsheet shows.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};
use unicode_normalization::UnicodeNormalization;

use super::{RosterError, SourceEncoding, Table, TableRow, guess_mapping};
use crate::Error;

/// Reads a file into a table (`sheet`: the workbook sheet to read, default the first).
pub fn read_table_file(path: &Path, sheet: Option<&str>) -> crate::Result<Table> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok(read_table(&name, &bytes, sheet)?)
}

/// Reads the bytes of a file named `name` (used in messages) into a table.
pub fn read_table(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, RosterError> {
    // ZIP (xlsx, ods) or OLE compound document (xls).
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if workbook {
        return read_workbook(name, bytes, sheet);
    }
    let (text, encoding) = decode(name, bytes)?;
    let delimiter = sniff_delimiter(&text);
    let rows = parse_delimited(name, &text, delimiter)?;
    with_header(name, rows, encoding, None, vec![], true)
}

/// Parses what a spreadsheet puts on the clipboard: tab-separated cells, quoted when they
/// hold a tab, a quote or a line break. The first row is a header only when it names at
/// least one member field; otherwise every row is a member and columns are named A, B, ….
pub fn parse_pasted(text: &str) -> Result<Table, RosterError> {
    let name = "pasted text";
    let rows = parse_delimited(name, text, b'\t')?;
    let first_is_header = rows
        .first()
        .is_some_and(|(_, cells)| guess_mapping(cells).iter().any(Option::is_some));
    with_header(
        name,
        rows,
        SourceEncoding::Pasted,
        None,
        vec![],
        first_is_header,
    )
}

fn read_workbook(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, RosterError> {
    let unreadable = |e: &dyn std::fmt::Display| RosterError::Unreadable {
        name: name.to_owned(),
        reason: e.to_string(),
    };
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let sheets = book.sheet_names();
    let chosen = match sheet {
        Some(s) => sheets
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| RosterError::NoSheet {
                name: name.to_owned(),
                sheet: s.to_owned(),
                sheets: sheets.clone(),
            })?,
        None => sheets.first().cloned().ok_or_else(|| RosterError::Empty {
            name: name.to_owned(),
        })?,
    };
    let range = book.worksheet_range(&chosen).map_err(|e| unreadable(&e))?;
    // The range starts at the first used cell; row numbers count from the sheet's top.
    let (top, left) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Vec<String> = vec![String::new(); left as usize];
            cells.extend(r.iter().map(cell_text));
            (top + i as u32 + 1, cells)
        })
        .collect();
    with_header(
        name,
        rows,
        SourceEncoding::Spreadsheet,
        Some(chosen),
        sheets,
        true,
    )
}

/// A cell as the sheet shows it: whole numbers without ".0" (precedence 1, phone numbers).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

fn decode(name: &str, bytes: &[u8]) -> Result<(String, SourceEncoding), RosterError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_owned(), SourceEncoding::Utf8Bom))
            .map_err(|_| RosterError::Encoding {
                name: name.to_owned(),
            });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), SourceEncoding::Utf8));
    }
    // encoding_rs's EUC-KR is the WHATWG one: Windows code page 949 (Unified Hangul Code).
    let (text, had_errors) = encoding_rs::EUC_KR.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(RosterError::Encoding {
            name: name.to_owned(),
        });
    }
    Ok((text.into_owned(), SourceEncoding::Cp949))
}

/// The delimiter that splits the first rows into the same number (more than one) of
/// fields most often; a comma when none does.
fn sniff_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let mut best = (b',', 0usize);
    for d in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(sample.as_bytes());
        let widths: Vec<usize> = reader
            .records()
            .filter_map(|r| r.ok())
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .map(|r| r.len())
            .collect();
        let Some(&first) = widths.first() else {
            continue;
        };
        let agreeing = widths.iter().filter(|&&w| w == first).count();
        let score = if first > 1 { agreeing * first } else { 0 };
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn parse_delimited(
    name: &str,
    text: &str,
    delimiter: u8,
) -> Result<Vec<(u32, Vec<String>)>, RosterError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| RosterError::Csv {
            name: name.to_owned(),
            line: e.position().map_or(i as u64 + 1, |p| p.line()),
            reason: e.to_string(),
        })?;
        // A record spanning lines (a quoted cell with a line break) still counts as one row
        // of the sheet: report its row, not its first text line.
        rows.push((i as u32 + 1, record.iter().map(str::to_owned).collect()));
    }
    Ok(rows)
}

/// Cleans cells, drops blank rows and splits off the header.
fn with_header(
    name: &str,
    raw: Vec<(u32, Vec<String>)>,
    encoding: SourceEncoding,
    sheet: Option<String>,
    sheets: Vec<String>,
    first_is_header: bool,
) -> Result<Table, RosterError> {
    let mut rows: Vec<TableRow> = raw
        .into_iter()
        .map(|(line, cells)| TableRow {
            line,
            cells: cells.iter().map(|c| clean(c)).collect(),
        })
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(RosterError::Empty {
            name: name.to_owned(),
        });
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for r in &mut rows {
        r.cells.resize(width, String::new());
    }
    let headers = if first_is_header {
        let mut h = rows.remove(0).cells;
        for (i, title) in h.iter_mut().enumerate() {
            if title.is_empty() {
                *title = column_letter(i);
            }
        }
        h
    } else {
        (0..width).map(column_letter).collect()
    };
    if rows.is_empty() {
        return Err(RosterError::Empty {
            name: name.to_owned(),
        });
    }
    Ok(Table {
        headers,
        has_header: first_is_header,
        rows,
        encoding,
        sheet,
        sheets,
    })
}

/// Trims, folds line breaks inside a cell into spaces, and normalises to NFC (Vietnamese
/// typed with combining marks otherwise compares unequal and prints badly).
fn clean(cell: &str) -> String {
    let one_line = cell
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    one_line.trim().nfc().collect()
}

/// "A", "B", … "Z", "AA", … as spreadsheets name columns.
fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn semicolons_and_tabs_are_sniffed() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n"), b'\t');
        assert_eq!(
            sniff_delimiter("name,title\n\"Lee; Kim\",x\n"),
            b',',
            "a semicolon inside a quoted comma-separated cell must not win"
        );
    }

    #[test]
    fn cp949_text_is_decoded_and_reported() {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode("이름,직위\n김철수,병원장\n");
        let t = read_table("k.csv", &bytes, None).expect("CP949 text reads");
        assert_eq!(t.encoding, SourceEncoding::Cp949);
        assert_eq!(t.headers, vec!["이름", "직위"]);
        assert_eq!(t.rows[0].cells, vec!["김철수", "병원장"]);
    }

    #[test]
    fn whole_number_cells_lose_the_decimal_point() {
        assert_eq!(cell_text(&Data::Float(1.0)), "1");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
    }
}
