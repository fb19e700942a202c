//! The bundled fonts and which of them sets each character.
//!
//! Owns the OFL fonts embedded in the binary (`assets/fonts/`, licence in `OFL.txt`): Noto Sans
//! for Latin, Vietnamese, Cyrillic and Uzbek ʻ (U+02BB), and Noto Sans CJK with one face per
//! writing tradition, so Chinese prints with Chinese glyph forms, Japanese with Japanese and
//! Korean with Korean. Nothing is fetched or read from disk at run time.
//!
//! Invariants: a face is parsed at most once per [`Fonts`] value (lazily, on first use, so a
//! Vietnamese–Korean document never pays for the Japanese face); [`Fonts::face_for`] only ever
//! returns a face that has a glyph for the character.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::model::Lang;

use super::pdf::LoadedFace;
use crate::wording::Text;

static SANS_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");
static CJK_REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJK-Regular.ttc");
static CJK_BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJK-Bold.ttc");

/// A family of glyph forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    /// Noto Sans: Latin (incl. Vietnamese and Uzbek), Cyrillic, Greek.
    Latin,
    /// Noto Sans CJK JP.
    Japanese,
    /// Noto Sans CJK KR.
    Korean,
    /// Noto Sans CJK SC (simplified Chinese).
    Chinese,
}

/// One concrete face: a script family in regular or bold weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Face {
    /// Which glyph forms.
    pub script: Script,
    /// Bold weight.
    pub bold: bool,
}

impl Face {
    /// Every face, in the order [`Fonts`] stores them.
    pub const ALL: [Face; 8] = [
        Face {
            script: Script::Latin,
            bold: false,
        },
        Face {
            script: Script::Latin,
            bold: true,
        },
        Face {
            script: Script::Japanese,
            bold: false,
        },
        Face {
            script: Script::Japanese,
            bold: true,
        },
        Face {
            script: Script::Korean,
            bold: false,
        },
        Face {
            script: Script::Korean,
            bold: true,
        },
        Face {
            script: Script::Chinese,
            bold: false,
        },
        Face {
            script: Script::Chinese,
            bold: true,
        },
    ];

    /// Position in [`Face::ALL`].
    pub fn index(self) -> usize {
        let s = match self.script {
            Script::Latin => 0,
            Script::Japanese => 2,
            Script::Korean => 4,
            Script::Chinese => 6,
        };
        s + usize::from(self.bold)
    }

    /// The embedded bytes and the face index inside a collection.
    fn source(self) -> (&'static [u8], usize) {
        // Face order inside NotoSansCJK-*.ttc: 0 JP, 1 KR, 2 SC, 3 TC.
        match (self.script, self.bold) {
            (Script::Latin, false) => (SANS_REGULAR, 0),
            (Script::Latin, true) => (SANS_BOLD, 0),
            (Script::Japanese, b) => (if b { CJK_BOLD } else { CJK_REGULAR }, 0),
            (Script::Korean, b) => (if b { CJK_BOLD } else { CJK_REGULAR }, 1),
            (Script::Chinese, b) => (if b { CJK_BOLD } else { CJK_REGULAR }, 2),
        }
    }

    /// A short name for logs and PDF resource names.
    pub fn name(self) -> &'static str {
        match (self.script, self.bold) {
            (Script::Latin, false) => "NotoSans-Regular",
            (Script::Latin, true) => "NotoSans-Bold",
            (Script::Japanese, false) => "NotoSansCJKjp-Regular",
            (Script::Japanese, true) => "NotoSansCJKjp-Bold",
            (Script::Korean, false) => "NotoSansCJKkr-Regular",
            (Script::Korean, true) => "NotoSansCJKkr-Bold",
            (Script::Chinese, false) => "NotoSansCJKsc-Regular",
            (Script::Chinese, true) => "NotoSansCJKsc-Bold",
        }
    }
}

/// A character as written in a language, in a weight.
type GlyphKey = (char, Option<Lang>, bool);

/// The bundled fonts, parsed on first use and kept for every later document.
///
/// Load one value at start-up (or per benchmark) and pass it to every print call; parsing a
/// CJK face costs tens of milliseconds, far more than laying out a whole itinerary.
#[derive(Default)]
pub struct Fonts {
    faces: [OnceLock<Option<LoadedFace>>; 8],
    /// Face and advance (in ems) per character, language and weight: measuring is the hot
    /// loop of layout, and font table look-ups cost far more than a hash look-up.
    glyphs: Mutex<HashMap<GlyphKey, Option<(Face, f32)>>>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let loaded: Vec<&str> = Face::ALL
            .iter()
            .filter(|face| self.faces[face.index()].get().is_some())
            .map(|face| face.name())
            .collect();
        f.debug_struct("Fonts").field("loaded", &loaded).finish()
    }
}

impl Fonts {
    /// Fonts ready to parse on demand (nothing is parsed yet).
    pub fn new() -> Self {
        Fonts::default()
    }

    /// Parses every face now, so later documents never wait for a parse.
    pub fn preload(&self) -> crate::Result<()> {
        for face in Face::ALL {
            self.face(face)?;
        }
        Ok(())
    }

    /// The parsed face, parsing it on first use.
    pub(crate) fn face(&self, face: Face) -> crate::Result<&LoadedFace> {
        self.faces[face.index()]
            .get_or_init(|| {
                let (bytes, index) = face.source();
                let loaded = LoadedFace::parse(bytes, index);
                if loaded.is_none() {
                    tracing::error!(face = face.name(), "bundled font could not be parsed");
                }
                loaded
            })
            .as_ref()
            .ok_or_else(|| {
                crate::Error::Invalid(Text::new(
                    format!("the bundled font {} could not be read", face.name()),
                    format!("내장 글꼴 {}을(를) 읽을 수 없습니다", face.name()),
                ))
            })
    }

    /// Whether `face` has a glyph for `c`.
    pub(crate) fn covers(&self, face: Face, c: char) -> crate::Result<bool> {
        Ok(self.face(face)?.glyph(c).is_some())
    }

    /// Advance width of `c` in `face`, in ems (0 when the face lacks it).
    pub(crate) fn advance_em(&self, face: Face, c: char) -> crate::Result<f32> {
        Ok(self.face(face)?.advance_em(c))
    }

    /// The face that sets `c` (see [`Fonts::face_for`]) and its advance in ems, cached.
    pub(crate) fn glyph(
        &self,
        c: char,
        lang: Option<Lang>,
        bold: bool,
    ) -> crate::Result<Option<(Face, f32)>> {
        let cached = self
            .glyphs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(c, lang, bold))
            .copied();
        if let Some(hit) = cached {
            return Ok(hit);
        }
        let found = match self.face_for(c, lang, bold)? {
            Some(face) => Some((face, self.advance_em(face, c)?)),
            None => None,
        };
        self.glyphs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert((c, lang, bold), found);
        Ok(found)
    }

    /// The face that sets `c` in text written in `lang`, or `None` when no bundled face has it.
    ///
    /// Ideographs, kana, Hangul and CJK punctuation go to the CJK face of the text's language
    /// (zh → SC, ja → JP, ko → KR; other languages: Hangul → KR, kana → JP, Han → SC);
    /// everything else to Noto Sans when it has the glyph, else to any CJK face that has it.
    pub fn face_for(&self, c: char, lang: Option<Lang>, bold: bool) -> crate::Result<Option<Face>> {
        let cjk = cjk_script(c, lang);
        let mut order: Vec<Script> = Vec::with_capacity(4);
        match cjk {
            Some(s) => order.push(s),
            None => order.push(Script::Latin),
        }
        for s in [
            preferred_cjk(lang),
            Script::Korean,
            Script::Chinese,
            Script::Japanese,
            Script::Latin,
        ] {
            if !order.contains(&s) {
                order.push(s);
            }
        }
        for script in order {
            let face = Face { script, bold };
            if self.covers(face, c)? {
                return Ok(Some(face));
            }
        }
        Ok(None)
    }
}

/// The CJK face a text in `lang` prefers for Han characters.
fn preferred_cjk(lang: Option<Lang>) -> Script {
    match lang {
        Some(Lang::Ja) => Script::Japanese,
        Some(Lang::Ko) => Script::Korean,
        _ => Script::Chinese,
    }
}

/// For characters that need CJK glyph forms: the face the language calls for.
fn cjk_script(c: char, lang: Option<Lang>) -> Option<Script> {
    let u = c as u32;
    let hangul = matches!(u, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF);
    let kana = matches!(u, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F);
    let han_or_punct = matches!(u,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3190..=0x31EF    // kanbun, bopomofo ext., strokes
        | 0x3200..=0x33FF    // enclosed CJK, compatibility
        | 0x3400..=0x4DBF    // Han ext. A
        | 0x4E00..=0x9FFF    // Han
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms
        | 0xFF00..=0xFF65    // full-width forms
        | 0xFFE0..=0xFFEF
        | 0x20000..=0x3134F);
    match lang {
        Some(Lang::Zh) if hangul => Some(Script::Korean),
        Some(Lang::Zh) if kana => Some(Script::Japanese),
        Some(Lang::Zh) if han_or_punct => Some(Script::Chinese),
        Some(Lang::Ja) if hangul => Some(Script::Korean),
        Some(Lang::Ja) if kana || han_or_punct => Some(Script::Japanese),
        Some(Lang::Ko) if hangul || han_or_punct => Some(Script::Korean),
        Some(Lang::Ko) if kana => Some(Script::Japanese),
        _ if hangul => Some(Script::Korean),
        _ if kana => Some(Script::Japanese),
        _ if han_or_punct => Some(Script::Chinese),
        _ => None,
    }
}

/// Whether a line may break before or after `c` without a space (CJK ideographs and kana).
pub(crate) fn breaks_around(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Whether `c` must not start a line (closing punctuation, CJK full stops and commas).
pub(crate) fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | ')'
            | ']'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
            | 'ー'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_japanese_and_korean_get_their_own_glyph_forms() {
        let fonts = Fonts::new();
        let face = |c, l| {
            fonts
                .face_for(c, l, false)
                .expect("fonts parse")
                .map(|f| f.script)
        };
        assert_eq!(
            face('骨', Some(Lang::Zh)),
            Some(Script::Chinese),
            "zh Han must use SC forms"
        );
        assert_eq!(
            face('骨', Some(Lang::Ja)),
            Some(Script::Japanese),
            "ja Han must use JP forms"
        );
        assert_eq!(
            face('骨', Some(Lang::Ko)),
            Some(Script::Korean),
            "ko Han must use KR forms"
        );
        assert_eq!(
            face('환', Some(Lang::Vi)),
            Some(Script::Korean),
            "Hangul anywhere uses KR"
        );
        assert_eq!(
            face('ʻ', Some(Lang::Uz)),
            Some(Script::Latin),
            "Noto Sans has U+02BB"
        );
        assert_eq!(face('ệ', Some(Lang::Vi)), Some(Script::Latin));
        assert_eq!(face('Ж', Some(Lang::Ru)), Some(Script::Latin));
        assert_eq!(
            face('A', Some(Lang::Zh)),
            Some(Script::Latin),
            "Latin in Chinese text"
        );
        assert_eq!(
            face('\u{E000}', None),
            None,
            "a private-use character has no glyph"
        );
    }
}
