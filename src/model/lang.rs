//! Languages, language pairs and text written in several languages.
//!
//! Staff read Korean; guests read Vietnamese, Russian, Chinese (simplified), Uzbek (Latin),
//! Japanese or English. Every name or title a guest or a staff member reads is a
//! [`LocalizedText`]: one string per language, so a printed schedule can be bilingual.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language Itinera can show or print. Codes are ISO 639-1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Lang {
    /// Korean: the staff's language.
    Ko,
    /// English.
    En,
    /// Vietnamese.
    Vi,
    /// Russian.
    Ru,
    /// Chinese, simplified script.
    Zh,
    /// Uzbek, Latin script (uses ʻ U+02BB).
    Uz,
    /// Japanese.
    Ja,
}

impl Lang {
    /// Every language, in the order menus list them.
    pub const ALL: [Lang; 7] = [
        Lang::Ko,
        Lang::En,
        Lang::Vi,
        Lang::Ru,
        Lang::Zh,
        Lang::Uz,
        Lang::Ja,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
            Lang::Vi => "vi",
            Lang::Ru => "ru",
            Lang::Zh => "zh",
            Lang::Uz => "uz",
            Lang::Ja => "ja",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code that names no language Itinera knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language code '{0}' (expected one of ko, en, vi, ru, zh, uz, ja)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == s)
            .ok_or_else(|| UnknownLang(s.to_owned()))
    }
}

/// Two languages an interpreter works between, written `"ko-vi"`. Order does not matter:
/// `ko-vi` and `vi-ko` are the same pair, and the canonical form puts the smaller code first
/// in [`Lang`] order (Korean first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(export, type = "string")]
pub struct LanguagePair(Lang, Lang);

impl LanguagePair {
    /// The pair of `a` and `b`, in canonical order.
    pub fn new(a: Lang, b: Lang) -> Self {
        if a <= b {
            LanguagePair(a, b)
        } else {
            LanguagePair(b, a)
        }
    }

    /// The two languages, canonical order.
    pub fn langs(self) -> (Lang, Lang) {
        (self.0, self.1)
    }

    /// Whether the pair bridges `a` and `b` (in either direction).
    pub fn bridges(self, a: Lang, b: Lang) -> bool {
        self == LanguagePair::new(a, b)
    }
}

impl fmt::Display for LanguagePair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.1)
    }
}

impl FromStr for LanguagePair {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("'{s}' is not a language pair like 'ko-vi'"))?;
        let a: Lang = a.parse().map_err(|e: UnknownLang| e.to_string())?;
        let b: Lang = b.parse().map_err(|e: UnknownLang| e.to_string())?;
        if a == b {
            return Err(format!("'{s}' pairs a language with itself"));
        }
        Ok(LanguagePair::new(a, b))
    }
}

impl Serialize for LanguagePair {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LanguagePair {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for LanguagePair {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LanguagePair".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(ko|en|vi|ru|zh|uz|ja)-(ko|en|vi|ru|zh|uz|ja)$",
            "description": "Two languages an interpreter works between, e.g. \"ko-vi\"."
        })
    }
}

/// Text in one or more languages, e.g. `{"ko": "환영식", "vi": "Lễ chào mừng"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(transparent)]
#[ts(export)]
pub struct LocalizedText(pub BTreeMap<Lang, String>);

impl LocalizedText {
    /// Text with one language version.
    pub fn one(lang: Lang, text: impl Into<String>) -> Self {
        LocalizedText(BTreeMap::from([(lang, text.into())]))
    }

    /// Adds (or replaces) a language version.
    pub fn with(mut self, lang: Lang, text: impl Into<String>) -> Self {
        self.0.insert(lang, text.into());
        self
    }

    /// The version in `lang`, if written and not blank.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.0
            .get(&lang)
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// The best version for a reader of `lang`: `lang` itself, then English, then Korean,
    /// then whatever exists. Empty when no version is written.
    pub fn best(&self, lang: Lang) -> &str {
        self.get(lang)
            .or_else(|| self.get(Lang::En))
            .or_else(|| self.get(Lang::Ko))
            .or_else(|| {
                self.0
                    .values()
                    .map(String::as_str)
                    .find(|s| !s.trim().is_empty())
            })
            .unwrap_or("")
    }

    /// Whether no language version has any text.
    pub fn is_blank(&self) -> bool {
        self.0.values().all(|s| s.trim().is_empty())
    }

    /// Every language version, for searching and validation.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_canonical_and_symmetric() {
        let a: LanguagePair = "vi-ko".parse().expect("valid pair");
        let b: LanguagePair = "ko-vi".parse().expect("valid pair");
        assert_eq!(a, b, "ko-vi and vi-ko must be the same interpreter skill");
        assert_eq!(a.to_string(), "ko-vi");
        assert!(a.bridges(Lang::Vi, Lang::Ko));
        assert!(!a.bridges(Lang::Ru, Lang::Ko));
    }

    #[test]
    fn bad_pairs_name_the_problem() {
        let err = "ko-xx"
            .parse::<LanguagePair>()
            .expect_err("xx is no language");
        assert!(
            err.contains("'xx'"),
            "the message must name the bad code: {err}"
        );
        assert!("ko-ko".parse::<LanguagePair>().is_err());
        assert!("kovi".parse::<LanguagePair>().is_err());
    }

    #[test]
    fn best_text_falls_back_en_then_ko() {
        let t = LocalizedText::one(Lang::Ko, "환영식").with(Lang::En, "Welcome ceremony");
        assert_eq!(t.best(Lang::Vi), "Welcome ceremony");
        assert_eq!(t.best(Lang::Ko), "환영식");
        let only_ko = LocalizedText::one(Lang::Ko, "환영식");
        assert_eq!(only_ko.best(Lang::Ru), "환영식");
        assert_eq!(LocalizedText::default().best(Lang::Ru), "");
    }
}
