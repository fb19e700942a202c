//! Member rosters from spreadsheets: reading .xlsx/.xls/.ods/.csv files and pasted cells into
//! a [`Table`], guessing which column holds which [`MemberField`], previewing the members a
//! mapping would create with a per-row error report, and importing them.
//!
//! Invariants: everything here except [`import_members`] is pure (no store, no clock); row
//! numbers are the ones the spreadsheet shows (the header row of a sheet is row 1), so a
//! scheduler can find the row the report names; an import writes every accepted member in
//! one store transaction or nothing.

mod mapping;
mod preview;
mod read;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use mapping::{FIELD_NAMES, guess_mapping, parse_mapping_spec};
pub use preview::{build_preview, member_key};
pub use read::{parse_pasted, read_table, read_table_file};

use crate::api::DelegationDetail;
use crate::model::{Key, Lang, Member};
use crate::progress::Progress;
use crate::store::Store;
use crate::wording::Text;
use crate::{Error, Result};

/// How the text of a file was decoded (spreadsheets are binary and say `spreadsheet`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceEncoding {
    /// An .xlsx/.xls/.ods workbook (cells are Unicode already).
    Spreadsheet,
    /// UTF-8 text starting with the byte-order mark Excel writes.
    Utf8Bom,
    /// UTF-8 text without a byte-order mark.
    Utf8,
    /// CP949 (the EUC-KR superset Korean Excel writes for "CSV").
    Cp949,
    /// Text pasted from a spreadsheet (tab-separated).
    Pasted,
}

/// One data row of a table, with the row number the spreadsheet shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TableRow {
    /// Row number as the spreadsheet (or the pasted block) shows it, from 1.
    pub line: u32,
    /// Cell texts, trimmed and in NFC; as many as the table has columns.
    pub cells: Vec<String>,
}

/// A sheet or text read into strings: a header row and the data rows below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Table {
    /// Column titles; for pasted rows without a header, "A", "B", … as a spreadsheet names
    /// its columns.
    pub headers: Vec<String>,
    /// Whether `headers` came from the data (false: the first row was already a member).
    pub has_header: bool,
    /// The data rows; blank rows are left out (their numbers are skipped).
    pub rows: Vec<TableRow>,
    /// How the text was decoded.
    pub encoding: SourceEncoding,
    /// The sheet read, for workbooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sheet: Option<String>,
    /// Every sheet of the workbook (empty for text), so another one can be chosen.
    pub sheets: Vec<String>,
}

/// A member field a column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MemberField {
    /// Name in the person's own script (required).
    NativeName,
    /// Name in Latin letters.
    RomanizedName,
    /// Title in the guests' language (Hangul text is taken as Korean).
    Title,
    /// Title in Korean.
    TitleKo,
    /// Title in English.
    TitleEn,
    /// Protocol order, 1 = head of delegation.
    Precedence,
    /// Dietary needs.
    Dietary,
    /// Accessibility needs.
    Accessibility,
    /// Language codes ("vi, en").
    Languages,
    /// E-mail address.
    Email,
    /// Phone number.
    Phone,
    /// Notes for staff.
    Notes,
}

/// Which field each column is read into (`None`: ignored), one entry per table column.
pub type ColumnMapping = Vec<Option<MemberField>>;

/// A table with the mapping guessed from its header row: what the import dialog starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GuessedTable {
    /// The table.
    pub table: Table,
    /// The guessed mapping, one entry per column.
    pub mapping: ColumnMapping,
}

/// One problem of one row, naming the column as the sheet titles it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowProblem {
    /// The column's title, when the problem is in one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub column: Option<String>,
    /// The field the column is mapped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<MemberField>,
    /// What is wrong, in words.
    pub message: String,
}

/// The outcome for one row: a member draft, or the problems that stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    /// Row number as the spreadsheet shows it.
    pub line: u32,
    /// The member this row would create (also filled, as far as it goes, when there are
    /// problems, so the preview can show the row).
    pub member: Member,
    /// Problems; empty means the row will be imported.
    pub problems: Vec<RowProblem>,
}

/// What an import would do, row by row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// Every data row, in sheet order.
    pub rows: Vec<PreviewRow>,
    /// Rows that will be imported.
    pub valid: u32,
    /// Rows with problems.
    pub invalid: u32,
}

impl ImportPreview {
    /// The problems as lines "row 4, column 'E-mail': …", for the command line and logs.
    pub fn problem_lines(&self, lang: Lang) -> Vec<String> {
        let ko = lang == Lang::Ko;
        self.rows
            .iter()
            .flat_map(|r| {
                r.problems.iter().map(move |p| match (&p.column, ko) {
                    (Some(c), false) => format!("row {}, column '{c}': {}", r.line, p.message),
                    (None, false) => format!("row {}: {}", r.line, p.message),
                    (Some(c), true) => format!("{}행, '{c}' 열: {}", r.line, p.message),
                    (None, true) => format!("{}행: {}", r.line, p.message),
                })
            })
            .collect()
    }
}

/// What to do when some rows have problems.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportMode {
    /// Import nothing unless every row is valid.
    #[default]
    AllOrNothing,
    /// Import the valid rows and leave the others out.
    ValidRows,
}

/// Import (or preview) the members of a table into a delegation.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportMembers {
    /// The delegation receiving the members.
    pub delegation: Key,
    /// The rows as read.
    pub table: Table,
    /// Which field each column is read into.
    pub mapping: ColumnMapping,
    /// Whether rows with problems block the import.
    #[serde(default)]
    pub mode: ImportMode,
}

/// An import the window runs with progress events and a Cancel button.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportMembersRun {
    /// What to import.
    pub import: ImportMembers,
    /// The id the window chose: progress events carry it, `cancel_operation` names it.
    pub operation: String,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    /// Keys of the members created, in sheet order (what an undo deletes).
    pub imported: Vec<Key>,
    /// Rows left out because of problems (only with [`ImportMode::ValidRows`]).
    pub skipped: u32,
    /// The delegation as it now stands.
    pub detail: DelegationDetail,
}

/// Why a roster could not be read or mapped.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    /// The file could not be opened as a workbook.
    #[error("{name}: not a spreadsheet that can be read ({reason})")]
    Unreadable {
        /// File name.
        name: String,
        /// The reader's explanation.
        reason: String,
    },
    /// The requested sheet does not exist.
    #[error("{name}: no sheet '{sheet}' (sheets: {})", .sheets.join(", "))]
    NoSheet {
        /// File name.
        name: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// Text that is neither UTF-8 nor CP949.
    #[error("{name}: the text is neither UTF-8 nor CP949 (Korean Excel); save it as UTF-8 CSV")]
    Encoding {
        /// File name.
        name: String,
    },
    /// A malformed CSV record.
    #[error("{name}, row {line}: {reason}")]
    Csv {
        /// File name.
        name: String,
        /// Row number.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// Nothing but blank rows.
    #[error("{name}: no rows to import")]
    Empty {
        /// File name (or "pasted text").
        name: String,
    },
    /// A mapping that cannot be applied.
    #[error("{0}")]
    Mapping(Text),
}

impl From<RosterError> for Error {
    fn from(e: RosterError) -> Self {
        let ko = match &e {
            RosterError::Unreadable { name, reason } => {
                format!("{name}: 읽을 수 있는 스프레드시트가 아닙니다({reason})")
            }
            RosterError::NoSheet {
                name,
                sheet,
                sheets,
            } => format!(
                "{name}: '{sheet}' 시트가 없습니다(있는 시트: {})",
                sheets.join(", ")
            ),
            RosterError::Encoding { name } => format!(
                "{name}: 텍스트가 UTF-8도 CP949(한국어 Excel)도 아닙니다. UTF-8 CSV로 저장하세요"
            ),
            RosterError::Csv { name, line, reason } => {
                format!("{name}, {line}행: 읽을 수 없는 CSV 행입니다({reason})")
            }
            RosterError::Empty { name } => format!("{name}: 가져올 행이 없습니다"),
            RosterError::Mapping(t) => t.ko().to_owned(),
        };
        Error::Invalid(Text::new(e.to_string(), ko))
    }
}

/// Previews an import against the delegation as stored now.
pub async fn preview_import(store: &Store, input: &ImportMembers) -> Result<ImportPreview> {
    let detail = store.get_delegation(&input.delegation).await?;
    Ok(build_preview(
        &input.table,
        &input.mapping,
        &detail.delegation,
        &members_of(&detail),
        store.message_language(),
    )?)
}

/// Imports the members of a table into a delegation in one store transaction. With
/// [`ImportMode::AllOrNothing`] any row problem refuses the whole import, naming every
/// problem; a store refusal (a key already used by another delegation's member, a member
/// added meanwhile under the same name) names the row and writes nothing either.
pub async fn import_members(store: &Store, input: &ImportMembers) -> Result<ImportOutcome> {
    import_members_with(store, input, &Progress::none("the import")).await
}

/// [`import_members`] reporting each member written (`done` of the rows accepted) and
/// stopping at the next member once `progress` is cancelled: a cancelled import stores no
/// member (the one transaction rolls back).
pub async fn import_members_with(
    store: &Store,
    input: &ImportMembers,
    progress: &Progress<'_>,
) -> Result<ImportOutcome> {
    progress.check()?;
    let preview = preview_import(store, input).await?;
    if input.mode == ImportMode::AllOrNothing && preview.invalid > 0 {
        // The rows' problems are worded in the store's language, as the preview showed them.
        let lang = store.message_language();
        let lines = preview.problem_lines(lang).join("\n");
        return Err(Error::Invalid(Text::new(
            format!(
                "{} of {} rows have problems; nothing was imported:\n{lines}",
                preview.invalid,
                preview.rows.len(),
            ),
            format!(
                "{}행 중 {}행에 문제가 있어 아무것도 가져오지 않았습니다:\n{lines}",
                preview.rows.len(),
                preview.invalid,
            ),
        )));
    }
    let accepted: Vec<&PreviewRow> = preview
        .rows
        .iter()
        .filter(|r| r.problems.is_empty())
        .collect();
    if accepted.is_empty() {
        return Err(Error::Invalid(Text::new(
            "no row can be imported",
            "가져올 수 있는 행이 없습니다",
        )));
    }
    let members: Vec<Member> = accepted.iter().map(|r| r.member.clone()).collect();
    let detail = store
        .add_members_with(&input.delegation, &members, progress)
        .await
        .map_err(|e| name_row(e, &accepted))?;
    Ok(ImportOutcome {
        imported: members.into_iter().map(|m| m.key).collect(),
        skipped: preview.invalid,
        detail,
    })
}

/// Puts the row number in front of a store error about one member.
fn name_row(e: Error, rows: &[&PreviewRow]) -> Error {
    let row_of = |key: &str| rows.iter().find(|r| r.member.key.as_str() == key);
    match e {
        Error::Duplicate { key, .. } => match row_of(&key) {
            Some(r) => Error::Invalid(Text::new(
                format!(
                    "row {} ({}): the member key '{key}' is already used (by another \
                     delegation's member); nothing was imported",
                    r.line, r.member.native_name
                ),
                format!(
                    "{}행({}): 단원 키 '{key}'을(를) 다른 방문단의 단원이 이미 쓰고 있어 \
                     아무것도 가져오지 않았습니다",
                    r.line, r.member.native_name
                ),
            )),
            None => Error::Duplicate {
                kind: "member",
                key,
            },
        },
        other => other,
    }
}

fn members_of(detail: &DelegationDetail) -> Vec<Member> {
    detail.members.iter().map(|m| m.member.clone()).collect()
}
