//! Which column holds which member field: guessed from header titles in English, Korean,
//! Vietnamese, Russian, Chinese, Japanese and Uzbek, or given as `column=field` pairs.
//!
//! A title is compared without case, spaces and punctuation, and also part by part
//! ("직위/Title", "Name (Latin)"), so the spellings offices use match. Each field is given to
//! the first column that claims it; a column nothing recognises is ignored.

use unicode_normalization::UnicodeNormalization;

use super::{ColumnMapping, MemberField, RosterError};
use crate::wording::Text;

/// The names fields have in `--map` and in the UI, with their fields.
pub const FIELD_NAMES: [(&str, MemberField); 12] = [
    ("native_name", MemberField::NativeName),
    ("romanized_name", MemberField::RomanizedName),
    ("title", MemberField::Title),
    ("title_ko", MemberField::TitleKo),
    ("title_en", MemberField::TitleEn),
    ("precedence", MemberField::Precedence),
    ("dietary", MemberField::Dietary),
    ("accessibility", MemberField::Accessibility),
    ("languages", MemberField::Languages),
    ("email", MemberField::Email),
    ("phone", MemberField::Phone),
    ("notes", MemberField::Notes),
];

/// Header titles per field, already folded (see [`fold`]). More specific titles come in
/// fields listed first, so "영문 이름" is a romanized name before "이름" is a native one.
const SYNONYMS: &[(MemberField, &[&str])] = &[
    (
        MemberField::RomanizedName,
        &[
            "romanizedname",
            "romanized",
            "latinname",
            "namelatin",
            "latin",
            "englishname",
            "nameenglish",
            "passportname",
            "영문이름",
            "영문명",
            "영문성명",
            "로마자이름",
            "로마자",
            "영문",
            "tênlatinh",
            "tênkhôngdấu",
            "tiếnganh",
            "латиницей",
            "латиница",
            "имялатиницей",
            "拼音",
            "英文名",
            "ローマ字",
            "lotincha",
        ],
    ),
    (
        MemberField::TitleKo,
        &[
            "titleko",
            "koreantitle",
            "국문직위",
            "직위국문",
            "직위한글",
            "한글직위",
        ],
    ),
    (
        MemberField::TitleEn,
        &["titleen", "englishtitle", "영문직위", "직위영문"],
    ),
    (
        MemberField::NativeName,
        &[
            "nativename",
            "name",
            "fullname",
            "이름",
            "성명",
            "성함",
            "원어이름",
            "원어성명",
            "họvàtên",
            "họtên",
            "tên",
            "фио",
            "имя",
            "фамилияимя",
            "姓名",
            "名字",
            "氏名",
            "名前",
            "ism",
            "ismfamiliya",
            "fish",
        ],
    ),
    (
        MemberField::Title,
        &[
            "title",
            "position",
            "jobtitle",
            "role",
            "직위",
            "직책",
            "직함",
            "chứcvụ",
            "chứcdanh",
            "должность",
            "职务",
            "职位",
            "役職",
            "lavozim",
        ],
    ),
    (
        MemberField::Precedence,
        &[
            "precedence",
            "order",
            "no",
            "number",
            "#",
            "순서",
            "서열",
            "의전서열",
            "번호",
            "순번",
            "연번",
            "stt",
            "thứtự",
            "№",
            "порядок",
            "序号",
            "順番",
            "tartib",
        ],
    ),
    (
        MemberField::Dietary,
        &[
            "dietary",
            "diet",
            "dietaryneeds",
            "dietaryrequirements",
            "food",
            "meal",
            "식이",
            "식이제한",
            "식단",
            "음식",
            "식사",
            "chếđộăn",
            "ănkiêng",
            "питание",
            "диета",
            "饮食",
            "食事",
            "ovqat",
        ],
    ),
    (
        MemberField::Accessibility,
        &[
            "accessibility",
            "mobility",
            "access",
            "접근성",
            "장애",
            "편의",
            "거동",
            "hỗtrợ",
            "tiếpcận",
            "доступность",
            "无障碍",
            "バリアフリー",
        ],
    ),
    (
        MemberField::Languages,
        &[
            "languages",
            "language",
            "lang",
            "langs",
            "언어",
            "사용언어",
            "ngônngữ",
            "язык",
            "языки",
            "语言",
            "言語",
            "til",
            "tillar",
        ],
    ),
    (
        MemberField::Email,
        &[
            "email",
            "mail",
            "emailaddress",
            "이메일",
            "전자우편",
            "메일",
            "thưđiệntử",
            "эл почта",
            "элпочта",
            "электроннаяпочта",
            "почта",
            "邮箱",
            "电子邮件",
            "メール",
            "elektronpochta",
        ],
    ),
    (
        MemberField::Phone,
        &[
            "phone",
            "telephone",
            "tel",
            "mobile",
            "cell",
            "phonenumber",
            "전화",
            "전화번호",
            "연락처",
            "휴대폰",
            "핸드폰",
            "điệnthoại",
            "sđt",
            "sốđiệnthoại",
            "телефон",
            "电话",
            "手机",
            "電話",
            "telefon",
        ],
    ),
    (
        MemberField::Notes,
        &[
            "notes",
            "note",
            "remarks",
            "remark",
            "comment",
            "comments",
            "비고",
            "메모",
            "참고",
            "특이사항",
            "ghichú",
            "примечание",
            "примечания",
            "备注",
            "備考",
            "izoh",
        ],
    ),
];

/// Lowercase NFC without spaces and punctuation, for comparing header titles.
fn fold(s: &str) -> String {
    s.nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| !(c.is_whitespace() || matches!(c, '.' | '-' | '_' | ':' | '*' | '\'')))
        .collect()
}

/// The field a header title names, if any: the whole title, then each part split at
/// `/ ( ) | ,` and line breaks.
fn field_of(title: &str) -> Option<MemberField> {
    let whole = fold(title);
    let parts = title
        .split(['/', '(', ')', '|', ',', '\n', '（', '）'])
        .map(fold)
        .filter(|p| !p.is_empty());
    let candidates: Vec<String> = std::iter::once(whole).chain(parts).collect();
    // Fields in SYNONYMS order, so "Name (Latin)" is a romanized name although "Name" alone
    // would be a native one.
    SYNONYMS
        .iter()
        .find(|(_, names)| {
            names
                .iter()
                .any(|n| candidates.iter().any(|c| *c == fold(n)))
        })
        .map(|(f, _)| *f)
}

/// Guesses a mapping from header titles; each field goes to the first column naming it.
pub fn guess_mapping(headers: &[String]) -> ColumnMapping {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let f = field_of(h).filter(|f| !taken.contains(f))?;
            taken.push(f);
            Some(f)
        })
        .collect()
}

/// Applies `col=field,…` pairs (`--map`) over a mapping: a column is named by its header
/// title or its letter (A, B, …); `col=` or `col=-` ignores it.
pub fn parse_mapping_spec(
    spec: &str,
    headers: &[String],
    mut mapping: ColumnMapping,
) -> Result<ColumnMapping, RosterError> {
    mapping.resize(headers.len(), None);
    for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (col, field) = pair.split_once('=').ok_or_else(|| {
            RosterError::Mapping(Text::new(
                format!("--map '{pair}': write column=field, e.g. '성명=native_name'"),
                format!("--map '{pair}': 열=항목 형식으로 쓰세요(예: '성명=native_name')"),
            ))
        })?;
        let (col, field) = (col.trim(), field.trim());
        let index = headers
            .iter()
            .position(|h| fold(h) == fold(col))
            .or_else(|| letter_index(col).filter(|&i| i < headers.len()))
            .ok_or_else(|| {
                RosterError::Mapping(Text::new(
                    format!(
                        "--map '{pair}': no column '{col}' (columns: {})",
                        headers.join(", ")
                    ),
                    format!(
                        "--map '{pair}': '{col}' 열이 없습니다(있는 열: {})",
                        headers.join(", ")
                    ),
                ))
            })?;
        let field = match field {
            "" | "-" => None,
            name => Some(
                FIELD_NAMES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, f)| *f)
                    .ok_or_else(|| {
                        let fields = FIELD_NAMES.map(|(n, _)| n).join(", ");
                        RosterError::Mapping(Text::new(
                            format!("--map '{pair}': unknown field '{name}' (fields: {fields})"),
                            format!(
                                "--map '{pair}': 알 수 없는 항목 '{name}'입니다(항목: {fields})"
                            ),
                        ))
                    })?,
            ),
        };
        // A field named explicitly moves there from any column that had it by guess.
        if let Some(f) = field {
            mapping.iter_mut().for_each(|m| {
                if *m == Some(f) {
                    *m = None;
                }
            });
        }
        mapping[index] = field;
    }
    Ok(mapping)
}

/// "A" → 0, "AB" → 27; none for anything but ASCII letters.
fn letter_index(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for c in s.to_ascii_uppercase().bytes() {
        n = n * 26 + usize::from(c - b'A') + 1;
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_in_five_languages_are_recognised() {
        use MemberField::*;
        let cases = [
            ("이름", NativeName),
            ("성명", NativeName),
            ("Họ và tên", NativeName),
            ("ФИО", NativeName),
            ("Ф.И.О.", NativeName),
            ("Name", NativeName),
            ("직위/Title", Title),
            ("식이", Dietary),
            ("E-mail", Email),
            ("영문 이름", RomanizedName),
            ("Name (Latin)", RomanizedName),
            ("STT", Precedence),
            ("Điện thoại", Phone),
        ];
        for (title, field) in cases {
            assert_eq!(field_of(title), Some(field), "header '{title}'");
        }
        assert_eq!(field_of("Room number at hotel"), None);
    }

    #[test]
    fn a_field_goes_to_the_first_column_only() {
        let m = guess_mapping(&headers(&["성명", "Name", "Email"]));
        assert_eq!(
            m,
            vec![
                Some(MemberField::NativeName),
                None,
                Some(MemberField::Email)
            ]
        );
    }

    #[test]
    fn map_spec_overrides_by_title_or_letter_and_names_bad_parts() {
        let h = headers(&["성명", "비고", "X"]);
        let m = parse_mapping_spec("C=dietary,비고=-", &h, guess_mapping(&h)).expect("valid");
        assert_eq!(
            m,
            vec![
                Some(MemberField::NativeName),
                None,
                Some(MemberField::Dietary)
            ]
        );
        let err = parse_mapping_spec("X=food", &h, vec![]).expect_err("food is no field");
        assert!(err.to_string().contains("unknown field 'food'"), "{err}");
        let err = parse_mapping_spec("Q=email", &h, vec![]).expect_err("no such column");
        assert!(err.to_string().contains("no column 'Q'"), "{err}");
    }
}
