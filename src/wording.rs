//! What the scheduler reads when something is refused, in the two languages of the window.
//!
//! Staff work in Korean or English (issue 5: "every string translated"), so every message an
//! error carries is a [`Text`] with both wordings, chosen when it reaches the window
//! ([`crate::Error::message`]). The English wording is also what the command line and the log
//! print. Korean sentences never glue a particle to data they do not know (a key, a name): the
//! data goes after a colon or in quotes, and particles attach only to the fixed nouns below.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::model::Lang;

/// A message in English and Korean. Other languages read the English one: the window only
/// speaks those two, and guests never see errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    en: String,
    ko: String,
}

impl Text {
    /// A message worded in both languages.
    pub fn new(en: impl Into<String>, ko: impl Into<String>) -> Self {
        Text {
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// A message that only exists in one language — one the conflict checker already wrote
    /// in the window's language. It reads the same in both.
    pub fn written_in(text: impl Into<String>) -> Self {
        let text = text.into();
        Text {
            en: text.clone(),
            ko: text,
        }
    }

    /// The wording for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ko => &self.ko,
            _ => &self.en,
        }
    }

    /// The English wording (command line, log).
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The Korean wording.
    pub fn ko(&self) -> &str {
        &self.ko
    }

    /// This message after a lead-in: `"{en}: {message}"` / `"{ko}: {message}"`.
    pub fn after(self, en: impl fmt::Display, ko: impl fmt::Display) -> Self {
        Text {
            en: format!("{en}: {}", self.en),
            ko: format!("{ko}: {}", self.ko),
        }
    }

    /// Messages joined with "; ".
    pub fn join(texts: impl IntoIterator<Item = Text>) -> Self {
        let (en, ko): (Vec<String>, Vec<String>) = texts.into_iter().map(|t| (t.en, t.ko)).unzip();
        Text {
            en: en.join("; "),
            ko: ko.join("; "),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// Plan files and JSON reports carry the English wording, as the command line prints it.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.en)
    }
}

/// "no venue with key 'x'": a reference to something that does not exist.
pub fn no_such(kind: &str, key: impl fmt::Display) -> Text {
    Text::new(
        format!("no {kind} with key '{key}'"),
        format!("없는 {} 키입니다: '{key}'", noun_ko(kind)),
    )
}

/// "no member with key 'x' in this delegation".
pub fn no_such_here(kind: &str, key: impl fmt::Display) -> Text {
    Text::new(
        format!("no {kind} with key '{key}' in this delegation"),
        format!("이 방문단에 없는 {} 키입니다: '{key}'", noun_ko(kind)),
    )
}

/// The Korean name of an entity kind as the English messages name it ("delegation" →
/// "방문단"), with the terms of the window's catalogue. Unknown kinds are returned as they are.
pub fn noun_ko(kind: &str) -> &str {
    match kind {
        "delegation" => "방문단",
        "member" => "단원",
        "item" => "일정",
        "request" => "일정 요청",
        "venue" => "장소",
        "site" => "사이트",
        "host" => "접견자",
        "interpreter" => "통역사",
        "release" => "릴리스",
        "plan" => "계획",
        "sub-group" | "subgroup" => "소그룹",
        other => other,
    }
}

/// The Korean label of a field as the English messages name it (`native_name` → "이름"),
/// for the lead-in of a field's message. A path's last named segment counts
/// (`members[2].native_name` → "이름"); unknown fields keep their name.
pub fn field_ko(path: &str) -> String {
    let last = path
        .rsplit('.')
        .map(|s| s.split('[').next().unwrap_or(s))
        .find(|s| !s.is_empty() && *s != "$")
        .unwrap_or(path);
    let label = match last {
        "key" => "키",
        "name" | "native_name" => "이름",
        "romanized_name" => "로마자 이름",
        "title" => "제목",
        "start" => "시작",
        "end" => "종료",
        "kind" => "종류",
        "status" => "상태",
        "venue" => "장소",
        "site" => "사이트",
        "hosts" | "host" => "접견자",
        "hosts_one_of" => "접견자(택일)",
        "interpreters" | "interpreter" => "통역사",
        "members" | "member" => "단원",
        "subgroup" | "subgroups" => "소그룹",
        "delegation" => "방문단",
        "organisation" => "소속 기관",
        "country" => "국가",
        "arrival" => "도착",
        "departure" => "출발",
        "timezone" => "시간대",
        "languages" | "language" => "사용 언어",
        "language_pairs" => "통역 언어쌍",
        "precedence" => "서열",
        "role" => "직책",
        "phone" => "전화번호",
        "email" => "이메일",
        "notes" => "비고",
        "capacity" => "수용 인원",
        "hours" => "운영 시간",
        "open" => "여는 시간",
        "close" => "닫는 시간",
        "days" => "요일",
        "busy" => "일정 불가 시간",
        "closures" => "휴관",
        "travel" | "minutes" => "이동 시간",
        "duration_minutes" => "소요 시간",
        "earliest" => "가장 이른 시각",
        "latest" => "가장 늦은 시각",
        "preferred" => "선호 시간",
        "after" => "선행 일정",
        "dates" => "날짜",
        "from" => "시작일",
        "to" => "종료일",
        "keys" => "키 목록",
        "logo" => "로고",
        "hotel" => "호텔",
        "coordinator" => "코디네이터",
        "flight" | "arrival_flight" | "departure_flight" => "항공편",
        "interpretation" => "통역",
        "daily_limit_minutes" | "max_minutes_per_day" => "하루 한도",
        other => return other.to_owned(),
    };
    label.to_owned()
}

/// Whether `c` is Hangul: a syllable or a jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Whether `s` has Hangul: what a test asks of every Korean message.
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(is_hangul)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_reads_its_own_wording() {
        let t = Text::new("a venue needs a name", "장소 이름이 필요합니다");
        assert_eq!(t.get(Lang::Ko), "장소 이름이 필요합니다");
        assert_eq!(t.get(Lang::En), "a venue needs a name");
        assert_eq!(t.get(Lang::Vi), "a venue needs a name");
        assert_eq!(t.to_string(), "a venue needs a name");
        let led = t.after("name", "이름");
        assert_eq!(led.get(Lang::Ko), "이름: 장소 이름이 필요합니다");
        assert_eq!(led.en(), "name: a venue needs a name");
    }

    #[test]
    fn field_labels_follow_the_last_named_segment() {
        assert_eq!(field_ko("$.delegations[0].members[2].native_name"), "이름");
        assert_eq!(field_ko("hosts_one_of[1]"), "접견자(택일)");
        assert_eq!(field_ko("duration_minutes"), "소요 시간");
        assert_eq!(field_ko("mystery"), "mystery");
    }
}
