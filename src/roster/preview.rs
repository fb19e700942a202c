//! Applying a mapping to a table: one member draft per row, or the problems that stop it.
//!
//! A row is refused for an empty name, an e-mail address that cannot be one, an unknown
//! language code, a precedence that is not a whole number from 1, or a name that is already
//! a member of the delegation (or an earlier row). Rows without a precedence follow the
//! members already there, in sheet order. Keys are made from the delegation's key and the
//! romanized (else native) name, so they are readable and unique within the delegation.

use std::collections::{BTreeSet, HashMap};

use unicode_normalization::UnicodeNormalization;

use super::{
    ColumnMapping, ImportPreview, MemberField, PreviewRow, RosterError, RowProblem, Table,
};
use crate::model::{Delegation, Key, Lang, LocalizedText, MAX_KEY_LEN, Member};
use crate::wording::{Text, is_hangul};

/// Builds the preview of importing `table` with `mapping` into `delegation`, which already
/// has `existing` members.
pub fn build_preview(
    table: &Table,
    mapping: &ColumnMapping,
    delegation: &Delegation,
    existing: &[Member],
    lang: Lang,
) -> Result<ImportPreview, RosterError> {
    if mapping.len() != table.headers.len() {
        return Err(RosterError::Mapping(Text::new(
            format!(
                "the mapping has {} columns but the table has {}",
                mapping.len(),
                table.headers.len()
            ),
            format!(
                "열 연결은 {}개인데 표의 열은 {}개입니다",
                mapping.len(),
                table.headers.len()
            ),
        )));
    }
    if !mapping.contains(&Some(MemberField::NativeName)) {
        return Err(RosterError::Mapping(Text::new(
            "no column is mapped to the native name (native_name): every member needs a name",
            "이름(native_name)에 연결한 열이 없습니다. 모든 단원에게 이름이 필요합니다",
        )));
    }
    let guest_lang = delegation.languages.first().copied().unwrap_or(Lang::En);
    let mut next_precedence = existing.iter().map(|m| m.precedence).max().unwrap_or(0) + 1;
    let mut names: HashMap<String, Text> = existing
        .iter()
        .map(|m| {
            (
                fold_name(&m.native_name),
                Text::new(
                    format!("existing member '{}' ({})", m.native_name, m.key),
                    format!("기존 단원 '{}'({})", m.native_name, m.key),
                ),
            )
        })
        .collect();
    let mut keys: BTreeSet<String> = existing.iter().map(|m| m.key.to_string()).collect();
    let mut rows = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut draft = Draft::default();
        let mut problems = Vec::new();
        for ((cell, field), header) in row.cells.iter().zip(mapping).zip(&table.headers) {
            let Some(field) = field else { continue };
            if let Err(message) = draft.set(*field, cell, guest_lang) {
                problems.push(RowProblem {
                    column: Some(header.clone()),
                    field: Some(*field),
                    message: message.get(lang).to_owned(),
                });
            }
        }
        let name_column = mapping
            .iter()
            .position(|f| *f == Some(MemberField::NativeName))
            .map(|i| table.headers[i].clone());
        let native = draft.native_name.clone().unwrap_or_default();
        if native.is_empty() {
            problems.push(RowProblem {
                column: name_column,
                field: Some(MemberField::NativeName),
                message: Text::new(
                    "the name is empty: every member needs a name",
                    "이름이 비어 있습니다. 모든 단원에게 이름이 필요합니다",
                )
                .get(lang)
                .to_owned(),
            });
        } else if let Some(other) = names.get(&fold_name(&native)) {
            problems.push(RowProblem {
                column: name_column,
                field: Some(MemberField::NativeName),
                message: Text::new(
                    format!("'{native}' has the same name as {other}"),
                    format!("같은 이름이 이미 있습니다: '{native}' — {}", other.ko()),
                )
                .get(lang)
                .to_owned(),
            });
        } else {
            names.insert(
                fold_name(&native),
                Text::new(format!("row {}", row.line), format!("{}행", row.line)),
            );
        }
        let precedence = draft.precedence.unwrap_or(next_precedence);
        // A refused row leaves no gap in the order of the rows that are imported.
        if problems.is_empty() {
            next_precedence = next_precedence.max(precedence + 1);
        }
        let key = member_key(
            &delegation.key,
            draft.romanized_name.as_deref(),
            &native,
            precedence,
            &keys,
        );
        let member = Member {
            key,
            native_name: native,
            romanized_name: draft.romanized_name,
            title: draft.title,
            precedence,
            dietary: draft.dietary,
            accessibility: draft.accessibility,
            languages: draft.languages,
            email: draft.email,
            phone: draft.phone,
            notes: draft.notes,
        };
        if problems.is_empty() {
            keys.insert(member.key.to_string());
        }
        rows.push(PreviewRow {
            line: row.line,
            member,
            problems,
        });
    }
    let invalid = rows.iter().filter(|r| !r.problems.is_empty()).count() as u32;
    Ok(ImportPreview {
        valid: rows.len() as u32 - invalid,
        invalid,
        rows,
    })
}

/// The fields read from one row so far.
#[derive(Default)]
struct Draft {
    native_name: Option<String>,
    romanized_name: Option<String>,
    title: LocalizedText,
    precedence: Option<u32>,
    dietary: Option<String>,
    accessibility: Option<String>,
    languages: Vec<Lang>,
    email: Option<String>,
    phone: Option<String>,
    notes: Option<String>,
}

impl Draft {
    /// Reads one cell into its field; the error says what is wrong with the cell.
    fn set(&mut self, field: MemberField, cell: &str, guest_lang: Lang) -> Result<(), Text> {
        let text = (!cell.is_empty()).then(|| cell.to_owned());
        match field {
            MemberField::NativeName => self.native_name = text,
            MemberField::RomanizedName => self.romanized_name = text,
            MemberField::Title => {
                if let Some(t) = text {
                    // Korean offices often write the guests' titles in Korean.
                    let lang = if cell.chars().any(is_hangul) {
                        Lang::Ko
                    } else {
                        guest_lang
                    };
                    self.title.0.insert(lang, t);
                }
            }
            MemberField::TitleKo => {
                if let Some(t) = text {
                    self.title.0.insert(Lang::Ko, t);
                }
            }
            MemberField::TitleEn => {
                if let Some(t) = text {
                    self.title.0.insert(Lang::En, t);
                }
            }
            MemberField::Precedence => {
                if !cell.is_empty() {
                    let n: u32 = cell.trim_end_matches('.').parse().map_err(|_| {
                        Text::new(
                            format!(
                                "precedence '{cell}' is not a whole number (1 = head of \
                                 delegation)"
                            ),
                            format!("서열 '{cell}'이(가) 정수가 아닙니다(1 = 방문단 대표)"),
                        )
                    })?;
                    if n == 0 {
                        return Err(Text::new(
                            "precedence starts at 1 (the head of delegation)",
                            "서열은 1(방문단 대표)부터 시작합니다",
                        ));
                    }
                    self.precedence = Some(n);
                }
            }
            MemberField::Dietary => self.dietary = text,
            MemberField::Accessibility => self.accessibility = text,
            MemberField::Languages => {
                for code in cell
                    .split([',', ';', '/', ' ', '、', '·'])
                    .map(|c| c.trim().to_lowercase())
                    .filter(|c| !c.is_empty())
                {
                    let lang: Lang = code.parse().map_err(|e: crate::model::UnknownLang| {
                        Text::new(
                            e.to_string(),
                            format!(
                                "알 수 없는 언어 코드입니다: '{code}' (ko, en, vi, ru, zh, uz, ja \
                                 중 하나)"
                            ),
                        )
                    })?;
                    if !self.languages.contains(&lang) {
                        self.languages.push(lang);
                    }
                }
            }
            MemberField::Email => {
                if let Some(t) = text {
                    if !looks_like_email(&t) {
                        return Err(Text::new(
                            format!("'{t}' is not an e-mail address"),
                            format!("이메일 주소가 아닙니다: '{t}'"),
                        ));
                    }
                    self.email = Some(t);
                }
            }
            MemberField::Phone => self.phone = text,
            MemberField::Notes => self.notes = text,
        }
        Ok(())
    }
}

/// One `@` between a non-empty local part and a dotted domain, no spaces: catches the
/// mistakes a sheet makes (a name or a phone number in the e-mail column) without
/// pretending to validate RFC 5322.
fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// A name for comparing: NFC, lowercase, single spaces.
fn fold_name(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A readable key for an imported member: `{delegation}-{name}` with the romanized (else
/// native) name folded to ASCII ("Nguyễn Trường Sơn" → `nguyen-truong-son`); names without
/// Latin letters use `m{precedence}`. A suffix `-2`, `-3`… keeps it out of `taken`.
pub fn member_key(
    delegation: &Key,
    romanized: Option<&str>,
    native: &str,
    precedence: u32,
    taken: &BTreeSet<String>,
) -> Key {
    let mut slug = ascii_slug(romanized.unwrap_or(native));
    if slug.is_empty() {
        slug = format!("m{precedence}");
    }
    let base: String = format!("{delegation}-{slug}")
        .chars()
        .take(MAX_KEY_LEN - 4)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Key::new(candidate).unwrap_or_else(|_| delegation.clone())
}

/// Lowercase ASCII letters and digits separated by single dashes; accents are dropped
/// (NFD, then combining marks removed), and other scripts leave nothing.
fn ascii_slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{0300}'..='\u{036F}').contains(&c) || c == '\u{02BB}' || c == '\'' {
            // combining accents and the Uzbek ʻ belong to the letter before them
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_vietnamese_and_uzbek_and_drop_other_scripts() {
        assert_eq!(ascii_slug("Nguyễn Trường Sơn"), "nguyen-truong-son");
        assert_eq!(ascii_slug("Đặng Thị Hoa"), "dang-thi-hoa");
        assert_eq!(ascii_slug("Hakimov Begʻali"), "hakimov-begali");
        assert_eq!(ascii_slug("李明"), "");
    }

    #[test]
    fn email_check_catches_the_usual_sheet_mistakes() {
        assert!(looks_like_email("son.nt@choray.vn"));
        assert!(!looks_like_email("Nguyen Son"));
        assert!(!looks_like_email("son@choray"));
        assert!(!looks_like_email("a@@b.vn"));
        assert!(!looks_like_email("a b@c.vn"));
    }
}
