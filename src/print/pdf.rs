//! The only file that talks to printpdf: parses font faces and turns laid-out pages into PDF.
//!
//! Everything above this file works with plain positioned text runs, rules and boxes measured
//! in points from the top-left corner; here they become PDF operators (origin bottom-left).
//! Fonts are embedded as subsets (printpdf's `text_layout` feature), so a page with a CJK face
//! stays tens of kilobytes instead of tens of megabytes.

use printpdf::{
    Color as PdfColor, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem,
    TextMatrix, WindingOrder, XObjectTransform,
};

use super::fonts::Fonts;
use super::layout::{Color, Element, Page};
use crate::wording::Text;

/// A parsed font face with the metrics the layout needs.
pub(crate) struct LoadedFace {
    font: ParsedFont,
    units_per_em: f32,
}

impl LoadedFace {
    /// Parses face `index` of `bytes`; `None` when the bytes are no usable font.
    pub(crate) fn parse(bytes: &[u8], index: usize) -> Option<Self> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, index, &mut warnings)?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        Some(LoadedFace { font, units_per_em })
    }

    /// The glyph for `c`, if the face has one (glyph 0 is `.notdef`, the "tofu" box).
    pub(crate) fn glyph(&self, c: char) -> Option<u16> {
        self.font.lookup_glyph_index(c as u32).filter(|&g| g != 0)
    }

    /// Advance of `c` in ems; 0 when the face lacks it.
    pub(crate) fn advance_em(&self, c: char) -> f32 {
        self.glyph(c)
            .map(|g| f32::from(self.font.get_horizontal_advance(g)) / self.units_per_em)
            .unwrap_or(0.0)
    }
}

/// Document-level facts written into the PDF.
pub(crate) struct PdfMeta<'a> {
    /// Title shown by PDF viewers.
    pub title: &'a str,
    /// The institution's logo as PNG bytes, drawn wherever a page has an `Element::Logo`.
    pub logo_png: Option<&'a [u8]>,
}

fn pdf_color(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// Decodes PNG bytes as [`render`] does and returns their size in pixels, so a logo that
/// passes here is one the writer can draw.
pub(crate) fn png_size(bytes: &[u8]) -> Result<(usize, usize), String> {
    let mut warnings = Vec::new();
    let image = RawImage::decode_from_bytes(bytes, &mut warnings)?;
    Ok((image.width, image.height))
}

/// Renders pages to PDF bytes with every used face embedded as a subset.
pub(crate) fn render(pages: &[Page], fonts: &Fonts, meta: &PdfMeta<'_>) -> crate::Result<Vec<u8>> {
    let mut doc = PdfDocument::new(meta.title);

    let mut font_ids = std::collections::BTreeMap::new();
    for page in pages {
        for el in &page.elements {
            if let Element::Text { face, .. } = el
                && !font_ids.contains_key(face)
            {
                let id = doc.add_font(&fonts.face(*face)?.font);
                font_ids.insert(*face, id);
            }
        }
    }

    let logo = match meta.logo_png {
        Some(bytes)
            if pages
                .iter()
                .any(|p| p.elements.iter().any(|e| matches!(e, Element::Logo { .. }))) =>
        {
            let mut warnings = Vec::new();
            let image = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|e| {
                tracing::warn!(error = %e, "logo could not be decoded");
                crate::Error::Invalid(Text::new(
                    "the logo is not a readable PNG image",
                    "로고가 읽을 수 있는 PNG 이미지가 아닙니다",
                ))
            })?;
            let (w, h) = (image.width as f32, image.height as f32);
            Some((doc.add_image(&image), w, h))
        }
        _ => None,
    };

    let mut out_pages = Vec::with_capacity(pages.len());
    for page in pages {
        let flip = |y: f32| page.height - y;
        let mut ops = Vec::with_capacity(page.elements.len() * 4);
        for el in &page.elements {
            match el {
                Element::Text {
                    x,
                    baseline,
                    size,
                    face,
                    text,
                    color,
                } => {
                    let Some(id) = font_ids.get(face) else {
                        continue;
                    };
                    ops.push(Op::StartTextSection);
                    ops.push(Op::SetFillColor {
                        col: pdf_color(*color),
                    });
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size),
                    });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(*x), Pt(flip(*baseline))),
                    });
                    ops.push(Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    });
                    ops.push(Op::EndTextSection);
                }
                Element::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                } => {
                    ops.push(Op::SetOutlineColor {
                        col: pdf_color(*color),
                    });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x1),
                                        y: Pt(flip(*y1)),
                                    },
                                    bezier: false,
                                },
                                LinePoint {
                                    p: Point {
                                        x: Pt(*x2),
                                        y: Pt(flip(*y2)),
                                    },
                                    bezier: false,
                                },
                            ],
                            is_closed: false,
                        },
                    });
                }
                Element::Fill { x, y, w, h, color } => {
                    ops.push(Op::SetFillColor {
                        col: pdf_color(*color),
                    });
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(flip(*y + *h)),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: Some(PaintMode::Fill),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
                Element::Logo { x, y, w, h } => {
                    let Some((id, px_w, px_h)) = &logo else {
                        continue;
                    };
                    // At 72 dpi one pixel is one point; scale the image into its box.
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(flip(*y + *h))),
                            scale_x: Some(*w / px_w.max(1.0)),
                            scale_y: Some(*h / px_h.max(1.0)),
                            dpi: Some(72.0),
                            ..Default::default()
                        },
                    });
                }
            }
        }
        out_pages.push(PdfPage::new(
            Mm(page.width * 25.4 / 72.0),
            Mm(page.height * 25.4 / 72.0),
            ops,
        ));
    }

    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..Default::default()
    };
    let bytes = doc.with_pages(out_pages).save(&options, &mut warnings);
    for w in warnings
        .iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        tracing::warn!(msg = %w.msg, page = w.page, "PDF writer reported a problem");
    }
    Ok(bytes)
}
