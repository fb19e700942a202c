//! Page layout: turns a [`Sheet`] (header, blocks, day tables, footer) into positioned pages.
//!
//! Pure: input is the sheet and the fonts' metrics, output is pages of text runs, rules and
//! filled boxes in points from the top-left corner. No PDF here (see `pdf.rs`).
//!
//! Invariants: a table row never splits across pages; the table header is repeated at the top
//! of every page a day continues on; a day heading is only placed when its table header and
//! first row fit below it; every text run lies inside the page's side margins; the footer
//! ("page x of y") is written after pagination, so y is the real page count.

use crate::model::Lang;

use super::fonts::{Face, Fonts};
use super::text::{Line, Style, wrap};

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub f32, pub f32, pub f32);

impl Color {
    /// Body text.
    pub const BLACK: Color = Color(0.1, 0.1, 0.12);
    /// Secondary-language text and captions.
    pub const GREY: Color = Color(0.38, 0.38, 0.42);
    /// Rules between rows.
    pub const RULE: Color = Color(0.75, 0.75, 0.78);
    /// The institution's accent (headings, header band).
    pub const ACCENT: Color = Color(0.05, 0.27, 0.45);
    /// Table header background.
    pub const HEADER_FILL: Color = Color(0.91, 0.94, 0.97);
    /// Background of internal (staff-only) rows.
    pub const INTERNAL_FILL: Color = Color(0.99, 0.95, 0.86);
    /// Background of cancelled rows on staff sheets.
    pub const CANCELLED_FILL: Color = Color(0.95, 0.95, 0.95);
    /// Text on a red warning (cancellations).
    pub const ALERT: Color = Color(0.7, 0.1, 0.1);
}

/// Paper size.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// Side margin in points (15 mm): inside what office printers can reach.
pub const MARGIN_X: f32 = 42.5;
/// Top margin in points (14 mm).
pub const MARGIN_TOP: f32 = 39.7;
/// Bottom margin in points (14 mm); the footer sits just above it.
pub const MARGIN_BOTTOM: f32 = 39.7;
const FOOTER_H: f32 = 24.0;
const CELL_PAD_X: f32 = 3.5;
const CELL_PAD_Y: f32 = 3.5;
const LEADING: f32 = 1.22;

/// A paragraph: one string in one style, wrapped to its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// The text (may contain line feeds).
    pub text: String,
    /// Its language, which picks CJK glyph forms.
    pub lang: Option<Lang>,
    /// Size, weight, colour.
    pub style: Style,
    /// What the text is, for the error when a character cannot be printed.
    pub context: String,
}

impl Para {
    /// A paragraph.
    pub fn new(
        text: impl Into<String>,
        lang: Option<Lang>,
        style: Style,
        context: impl Into<String>,
    ) -> Self {
        Para {
            text: text.into(),
            lang,
            style,
            context: context.into(),
        }
    }
}

/// A table row: one list of paragraphs per column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Cells, one per column.
    pub cells: Vec<Vec<Para>>,
    /// Background, for internal or cancelled rows.
    pub fill: Option<Color>,
}

/// One day: a heading and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Heading paragraphs (date and weekday in the document's languages).
    pub heading: Vec<Para>,
    /// Table rows in time order.
    pub rows: Vec<Row>,
}

/// A block of paragraphs before the days (member list, changes box, summaries).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Heading.
    pub title: Vec<Para>,
    /// Body paragraphs.
    pub body: Vec<Para>,
    /// Drawn with a coloured left bar (the changes box).
    pub highlighted: bool,
}

/// Everything a document shows, before layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Paper size.
    pub paper: Paper,
    /// Institution name (first line of the header).
    pub institution: Para,
    /// Whether a logo is drawn left of the header.
    pub logo: bool,
    /// Document title.
    pub title: Vec<Para>,
    /// Further header lines (delegation name, dates, who the copy is for).
    pub header_lines: Vec<Para>,
    /// A one-line header repeated on continuation pages.
    pub running_header: Para,
    /// Blocks before the days.
    pub blocks: Vec<Block>,
    /// Column widths as fractions of the text width (sum 1).
    pub columns: Vec<f32>,
    /// The table header row.
    pub table_header: Row,
    /// The days.
    pub sections: Vec<Section>,
    /// Footer lines on the left (release label, coordinator).
    pub footer: Vec<Para>,
    /// Page label template with `{x}` and `{y}` ("Page {x} of {y}").
    pub page_label: Para,
}

/// Something drawn on a page. Coordinates in points from the top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// A run of text in one face.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline, from the top.
        baseline: f32,
        /// Size in points.
        size: f32,
        /// Face (has every glyph of `text`).
        face: Face,
        /// Characters.
        text: String,
        /// Colour.
        color: Color,
    },
    /// A straight line.
    Rule {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke width.
        width: f32,
        /// Colour.
        color: Color,
    },
    /// A filled rectangle.
    Fill {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        color: Color,
    },
    /// The institution's logo, scaled into the box.
    Logo {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// What is drawn, in drawing order.
    pub elements: Vec<Element>,
    /// Right edge of each text run, kept so tests can check nothing crosses the margin.
    pub text_right_edges: Vec<f32>,
}

impl Page {
    /// Every text run on the page, in drawing order (for tests and searches).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.elements.iter().filter_map(|e| match e {
            Element::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// Paragraphs wrapped to a width, with their total height.
struct Wrapped {
    lines: Vec<(Line, Style)>,
    height: f32,
}

fn wrap_paras(fonts: &Fonts, paras: &[Para], width: f32) -> crate::Result<Wrapped> {
    let mut lines = Vec::new();
    let mut height = 0.0;
    for p in paras {
        if p.text.trim().is_empty() {
            continue;
        }
        for l in wrap(fonts, &p.text, p.lang, p.style, width, &p.context)? {
            height += p.style.size * LEADING;
            lines.push((l, p.style));
        }
    }
    Ok(Wrapped { lines, height })
}

struct Cursor<'a> {
    fonts: &'a Fonts,
    sheet: &'a Sheet,
    pages: Vec<Page>,
    y: f32,
    width: f32,
    height: f32,
    current: usize,
}

impl Cursor<'_> {
    fn page(&mut self) -> &mut Page {
        // `new_page` runs before anything is drawn, so `current` always names a page.
        &mut self.pages[self.current]
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM - FOOTER_H
    }

    fn text_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }

    /// Draws wrapped lines from `top` at `x`; returns the y below them.
    fn draw_lines(&mut self, w: &Wrapped, x: f32, top: f32) -> f32 {
        let mut y = top;
        for (line, style) in &w.lines {
            let lh = style.size * LEADING;
            let baseline = y + style.size * 0.96;
            let mut run_x = x;
            let page = self.page();
            for run in &line.runs {
                page.elements.push(Element::Text {
                    x: run_x,
                    baseline,
                    size: style.size,
                    face: run.face,
                    text: run.text.clone(),
                    color: style.color,
                });
                run_x += run.width;
                page.text_right_edges.push(run_x);
            }
            y += lh;
        }
        y
    }

    fn new_page(&mut self) -> crate::Result<()> {
        self.pages.push(Page {
            width: self.width,
            height: self.height,
            elements: Vec::new(),
            text_right_edges: Vec::new(),
        });
        self.current = self.pages.len() - 1;
        self.y = MARGIN_TOP;
        if self.pages.len() == 1 {
            self.first_header()
        } else {
            let w = wrap_paras(
                self.fonts,
                std::slice::from_ref(&self.sheet.running_header),
                self.text_width(),
            )?;
            self.y = self.draw_lines(&w, MARGIN_X, self.y) + 2.0;
            self.rule(self.y, 0.6, Color::ACCENT);
            self.y += 8.0;
            Ok(())
        }
    }

    fn first_header(&mut self) -> crate::Result<()> {
        let sheet = self.sheet;
        let logo_w = if sheet.logo { 46.0 } else { 0.0 };
        let x = MARGIN_X + if sheet.logo { logo_w + 10.0 } else { 0.0 };
        let width = self.text_width() - (x - MARGIN_X);
        let top = self.y;
        let mut paras = vec![sheet.institution.clone()];
        paras.extend(sheet.title.iter().cloned());
        let w = wrap_paras(self.fonts, &paras, width)?;
        let mut y = self.draw_lines(&w, x, top) + 2.0;
        let w = wrap_paras(self.fonts, &sheet.header_lines, width)?;
        y = self.draw_lines(&w, x, y);
        if sheet.logo {
            self.page().elements.push(Element::Logo {
                x: MARGIN_X,
                y: top,
                w: logo_w,
                h: logo_w,
            });
            y = y.max(top + logo_w);
        }
        self.y = y + 4.0;
        self.rule(self.y, 1.2, Color::ACCENT);
        self.y += 10.0;
        Ok(())
    }

    fn rule(&mut self, y: f32, width: f32, color: Color) {
        let x2 = self.width - MARGIN_X;
        self.page().elements.push(Element::Rule {
            x1: MARGIN_X,
            y1: y,
            x2,
            y2: y,
            width,
            color,
        });
    }

    fn block(&mut self, block: &Block) -> crate::Result<()> {
        let inset = if block.highlighted { 9.0 } else { 0.0 };
        let width = self.text_width() - inset;
        let title = wrap_paras(self.fonts, &block.title, width)?;
        let body = wrap_paras(self.fonts, &block.body, width)?;
        let h = title.height + body.height + 10.0;
        if self.y + h > self.bottom() && self.y > MARGIN_TOP + 40.0 {
            self.new_page()?;
        }
        let top = self.y;
        if block.highlighted {
            self.page().elements.push(Element::Fill {
                x: MARGIN_X,
                y: top - 2.0,
                w: 3.0,
                h: h - 6.0,
                color: Color::ALERT,
            });
        }
        let y = self.draw_lines(&title, MARGIN_X + inset, top);
        let y = self.draw_lines(&body, MARGIN_X + inset, y + 1.0);
        self.y = y + 9.0;
        Ok(())
    }

    fn column_x(&self) -> Vec<(f32, f32)> {
        let mut x = MARGIN_X;
        self.sheet
            .columns
            .iter()
            .map(|f| {
                let w = f * self.text_width();
                let col = (x, w);
                x += w;
                col
            })
            .collect()
    }

    fn measure_row(&self, row: &Row) -> crate::Result<(Vec<Wrapped>, f32)> {
        let cols = self.column_x();
        let mut cells = Vec::with_capacity(cols.len());
        let mut h: f32 = 0.0;
        for (i, (_, w)) in cols.iter().enumerate() {
            let paras = row.cells.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let wrapped = wrap_paras(self.fonts, paras, w - 2.0 * CELL_PAD_X)?;
            h = h.max(wrapped.height);
            cells.push(wrapped);
        }
        Ok((cells, h + 2.0 * CELL_PAD_Y))
    }

    fn draw_row(&mut self, row: &Row, cells: &[Wrapped], h: f32, header: bool) {
        let top = self.y;
        let fill = if header {
            Some(Color::HEADER_FILL)
        } else {
            row.fill
        };
        if let Some(color) = fill {
            let w = self.text_width();
            self.page().elements.push(Element::Fill {
                x: MARGIN_X,
                y: top,
                w,
                h,
                color,
            });
        }
        for ((x, _), cell) in self.column_x().into_iter().zip(cells) {
            self.draw_lines(cell, x + CELL_PAD_X, top + CELL_PAD_Y);
        }
        self.y = top + h;
        let (width, color) = if header {
            (0.8, Color::ACCENT)
        } else {
            (0.4, Color::RULE)
        };
        self.rule(self.y, width, color);
    }

    fn section(&mut self, section: &Section) -> crate::Result<()> {
        let heading = wrap_paras(self.fonts, &section.heading, self.text_width())?;
        let (hcells, hh) = self.measure_row(&self.sheet.table_header)?;
        let first = match section.rows.first() {
            Some(r) => self.measure_row(r)?.1,
            None => 0.0,
        };
        // Keep the heading with the table header and the first row.
        if self.y + 6.0 + heading.height + hh + first > self.bottom() {
            self.new_page()?;
        } else {
            self.y += 6.0;
        }
        self.y = self.draw_lines(&heading, MARGIN_X, self.y) + 3.0;
        self.draw_row(&self.sheet.table_header, &hcells, hh, true);
        for row in &section.rows {
            let (cells, h) = self.measure_row(row)?;
            if self.y + h > self.bottom() {
                self.new_page()?;
                self.draw_row(&self.sheet.table_header, &hcells, hh, true);
            }
            self.draw_row(row, &cells, h, false);
        }
        Ok(())
    }

    fn footers(&mut self) -> crate::Result<()> {
        let total = self.pages.len();
        let left = wrap_paras(self.fonts, &self.sheet.footer, self.text_width() * 0.72)?;
        for n in 0..total {
            let top = self.height - MARGIN_BOTTOM - FOOTER_H + 6.0;
            let mut label = self.sheet.page_label.clone();
            label.text = label
                .text
                .replace("{x}", &(n + 1).to_string())
                .replace("{y}", &total.to_string());
            let right = wrap_paras(
                self.fonts,
                std::slice::from_ref(&label),
                self.text_width() * 0.28,
            )?;
            self.current = n;
            self.rule(top - 3.0, 0.4, Color::RULE);
            self.draw_lines(&left, MARGIN_X, top);
            let rw = right.lines.iter().map(|(l, _)| l.width).fold(0.0, f32::max);
            self.draw_lines(&right, self.width - MARGIN_X - rw, top);
        }
        Ok(())
    }
}

/// Lays a sheet out on pages.
pub fn lay_out(sheet: &Sheet, fonts: &Fonts) -> crate::Result<Vec<Page>> {
    let (width, height) = sheet.paper.size();
    let mut cur = Cursor {
        fonts,
        sheet,
        pages: Vec::new(),
        y: 0.0,
        width,
        height,
        current: 0,
    };
    cur.new_page()?;
    for block in &sheet.blocks {
        cur.block(block)?;
    }
    for section in &sheet.sections {
        cur.section(section)?;
    }
    cur.footers()?;
    Ok(cur.pages)
}
