//! Text preparation, font runs, measuring and line wrapping.
//!
//! Invariants: every string is NFC-normalised and stripped of bidi isolation/format marks
//! before it is measured or drawn (printpdf does no shaping, so decomposed Vietnamese would
//! draw colliding accents, and U+2068/U+2069 have no glyph); every character is assigned a
//! face that has its glyph, or the whole print fails naming the text — never a silent box.
//! Widths come from the fonts' advance tables, so wrapped lines never overflow their column.

use unicode_normalization::UnicodeNormalization;

use crate::model::Lang;

use super::fonts::{Face, Fonts, breaks_around, no_break_before};
use crate::wording::Text;

/// What a run of text looks like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Size in points.
    pub size: f32,
    /// Bold weight.
    pub bold: bool,
    /// Colour.
    pub color: super::layout::Color,
}

/// A piece of a line set in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The face that has every glyph of `text`.
    pub face: Face,
    /// The characters.
    pub text: String,
    /// Width in points at the style's size.
    pub width: f32,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Runs, left to right.
    pub runs: Vec<Run>,
    /// Total width in points.
    pub width: f32,
}

impl Line {
    /// The line's characters, for tests and logs.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// NFC-normalises and removes characters that must never be drawn (bidi isolates and marks,
/// zero-width spaces, soft hyphens, control characters other than line feed).
pub fn prepare(s: &str) -> String {
    s.nfc()
        .filter(|&c| {
            !matches!(c, '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{00AD}' | '\u{FEFF}')
                && (c == '\n' || !c.is_control())
        })
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// One measured character.
struct Glyph {
    c: char,
    face: Face,
    width: f32,
}

fn measure(
    fonts: &Fonts,
    text: &str,
    lang: Option<Lang>,
    style: Style,
    context: &str,
) -> crate::Result<Vec<Glyph>> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' {
            out.push(Glyph {
                c,
                face: Face {
                    script: super::fonts::Script::Latin,
                    bold: style.bold,
                },
                width: 0.0,
            });
            continue;
        }
        let Some((face, em)) = fonts.glyph(c, lang, style.bold)? else {
            return Err(crate::Error::Invalid(Text::new(
                format!(
                    "cannot print '{text}' in {context}: no font has U+{:04X}",
                    c as u32
                ),
                format!(
                    "{context}의 '{text}'을(를) 인쇄할 수 없습니다: U+{:04X} 글자가 있는 글꼴이 없습니다",
                    c as u32
                ),
            )));
        };
        out.push(Glyph {
            c,
            face,
            width: em * style.size,
        });
    }
    Ok(out)
}

/// Checks that every character of `text` can be printed, naming the text when one cannot.
pub fn check_printable(
    fonts: &Fonts,
    text: &str,
    lang: Option<Lang>,
    context: &str,
) -> crate::Result<()> {
    let style = Style {
        size: 10.0,
        bold: false,
        color: super::layout::Color::BLACK,
    };
    measure(fonts, &prepare(text), lang, style, context).map(|_| ())
}

/// Width of `text` on one line, in points.
pub fn width(
    fonts: &Fonts,
    text: &str,
    lang: Option<Lang>,
    style: Style,
    context: &str,
) -> crate::Result<f32> {
    Ok(measure(fonts, &prepare(text), lang, style, context)?
        .iter()
        .map(|g| g.width)
        .sum())
}

/// Wraps `text` into lines no wider than `max_width` points.
///
/// Lines break at spaces and explicit line feeds, and between CJK ideographs or kana (never
/// before closing punctuation). A word longer than a whole line is cut between characters.
/// `context` names the text in errors ("member name", "title of item 'lunch-1'").
pub fn wrap(
    fonts: &Fonts,
    text: &str,
    lang: Option<Lang>,
    style: Style,
    max_width: f32,
    context: &str,
) -> crate::Result<Vec<Line>> {
    let text = prepare(text);
    let glyphs = measure(fonts, &text, lang, style, context)?;
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    let mut line: Vec<&Glyph> = Vec::new();
    let mut line_w = 0.0f32;
    let mut i = 0;
    while i < glyphs.len() {
        let g = &glyphs[i];
        if g.c == '\n' {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
            i += 1;
            continue;
        }
        if g.c == ' ' {
            // Spaces never start a line; at the end of a line they are trimmed below.
            if !line.is_empty() {
                line.push(g);
                line_w += g.width;
            }
            i += 1;
            continue;
        }
        // The next unbreakable word: up to a space, a line feed, or a CJK break opportunity.
        let mut j = i + 1;
        while j < glyphs.len() {
            let (prev, next) = (glyphs[j - 1].c, glyphs[j].c);
            if next == ' ' || next == '\n' {
                break;
            }
            if (breaks_around(prev) || breaks_around(next)) && !no_break_before(next) {
                break;
            }
            j += 1;
        }
        let word = &glyphs[i..j];
        let word_w: f32 = word.iter().map(|g| g.width).sum();
        // Spaces already on the line sit between words and count; spaces after the word do not.
        if line.is_empty() || line_w + word_w <= max_width + 0.01 {
            if line_w + word_w > max_width + 0.01 && line.is_empty() {
                // A single word wider than the column: cut it between characters.
                for g in word {
                    if !line.is_empty() && line_w + g.width > max_width + 0.01 {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(g);
                    line_w += g.width;
                }
            } else {
                line.extend(word.iter());
                line_w += word_w;
            }
            i = j;
        } else {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    Ok(lines.into_iter().map(|l| to_runs(&l)).collect())
}

fn to_runs(line: &[&Glyph]) -> Line {
    let end = line.len() - line.iter().rev().take_while(|g| g.c == ' ').count();
    let mut out = Line::default();
    for g in &line[..end] {
        match out.runs.last_mut() {
            Some(run) if run.face == g.face => {
                run.text.push(g.c);
                run.width += g.width;
            }
            _ => out.runs.push(Run {
                face: g.face,
                text: g.c.to_string(),
                width: g.width,
            }),
        }
        out.width += g.width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::layout::Color;

    const S: Style = Style {
        size: 10.0,
        bold: false,
        color: Color::BLACK,
    };

    #[test]
    fn decomposed_vietnamese_is_composed_and_isolates_are_stripped() {
        let s = prepare("\u{2068}Nguye\u{0302}\u{0303}n\u{2069}");
        assert_eq!(
            s, "Nguyễn",
            "printpdf cannot compose accents: text must be NFC"
        );
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let fonts = Fonts::new();
        let text = "Tham quan Trung tâm Ung thư Vú và Phòng mổ Robot — 유방암센터 및 로봇수술실 견학, 参观乳腺癌中心和机器人手术室";
        for max in [40.0, 80.0, 150.0, 300.0] {
            let lines = wrap(&fonts, text, Some(Lang::Vi), S, max, "test").expect("printable");
            let rejoined: String = lines.iter().map(Line::text).collect::<Vec<_>>().join(" ");
            for l in &lines {
                let w = width(&fonts, &l.text(), Some(Lang::Vi), S, "t").expect("printable");
                assert!(
                    w <= max + 0.05,
                    "line '{}' is {w} pt wide, more than {max}",
                    l.text()
                );
                assert!(
                    (w - l.width).abs() < 0.05,
                    "the recorded width must be the measured one"
                );
            }
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(
                squash(&rejoined),
                squash(text),
                "wrapping must not lose characters"
            );
        }
    }

    #[test]
    fn chinese_breaks_between_ideographs_not_before_a_full_stop() {
        let fonts = Fonts::new();
        let lines = wrap(&fonts, "日照市人民医院。欢迎", Some(Lang::Zh), S, 35.0, "t").expect("ok");
        assert!(
            lines.len() > 1,
            "Chinese text without spaces must still wrap"
        );
        assert!(
            lines.iter().all(|l| !l.text().starts_with('。')),
            "a full stop never starts a line"
        );
    }

    #[test]
    fn unprintable_character_names_the_text_and_code_point() {
        let fonts = Fonts::new();
        let err = wrap(
            &fonts,
            "Ali \u{E000}",
            Some(Lang::Uz),
            S,
            100.0,
            "member name",
        )
        .expect_err("a private-use character has no glyph");
        let msg = err.to_string();
        assert!(
            msg.contains("'Ali \u{E000}'") && msg.contains("member name") && msg.contains("U+E000"),
            "{msg}"
        );
    }
}
