//! Pieces every document shares: styles, bilingual paragraphs, the time and venue cells, day
//! headings, the column header row, the running header and the footer.
//!
//! Bilingual text is the primary language in full, with the secondary language below it in a
//! smaller grey line — only when that version exists and differs, so a one-language plan never
//! prints a line twice.

use chrono::NaiveDate;

use crate::model::{Delegation, ItineraryItem, Lang, LocalizedText};
use crate::plan::Plan;

use super::labels::{Labels, labels, long_date};
use super::layout::{Color, Para, Row};
use super::text::Style;
use super::{Langs, PrintOptions, item_zone};

/// Body text.
pub(super) const BODY: Style = Style {
    size: 8.4,
    bold: false,
    color: Color::BLACK,
};
/// Bold body text (item titles).
pub(super) const STRONG: Style = Style {
    size: 8.4,
    bold: true,
    color: Color::BLACK,
};
/// Secondary-language lines and captions.
pub(super) const SECOND: Style = Style {
    size: 7.5,
    bold: false,
    color: Color::GREY,
};
/// Warnings (cancelled, staff only).
pub(super) const ALERT: Style = Style {
    size: 7.5,
    bold: true,
    color: Color::ALERT,
};
/// Column headings.
const HEAD: Style = Style {
    size: 8.0,
    bold: true,
    color: Color::ACCENT,
};
/// Day headings.
const DAY: Style = Style {
    size: 10.5,
    bold: true,
    color: Color::ACCENT,
};

/// Column widths: time | programme | venue | with whom.
pub(super) const COLUMNS: [f32; 4] = [0.12, 0.42, 0.24, 0.22];

/// Primary version of `text` (fallback: primary, English, Korean, any), then the secondary
/// version when it exists and reads differently.
pub(super) fn localized(
    out: &mut Vec<Para>,
    text: &LocalizedText,
    langs: Langs,
    strong: Style,
    context: &str,
) {
    let first = text.best(langs.primary);
    if first.trim().is_empty() {
        return;
    }
    out.push(Para::new(
        first,
        lang_of(text, first, langs.primary),
        strong,
        context,
    ));
    if let Some(second) = langs.secondary.and_then(|l| text.get(l).map(|t| (l, t)))
        && second.1.trim() != first.trim()
    {
        out.push(Para::new(second.1, Some(second.0), SECOND, context));
    }
}

/// The language a fallback string is actually written in, so CJK forms follow the text.
fn lang_of(text: &LocalizedText, shown: &str, wanted: Lang) -> Option<Lang> {
    text.0
        .iter()
        .find(|(_, v)| v.as_str() == shown)
        .map(|(l, _)| *l)
        .or(Some(wanted))
}

/// A fixed label in both languages as two paragraphs.
pub(super) fn label(langs: Langs, pick: fn(&Labels) -> &'static str, style: Style) -> Vec<Para> {
    let mut v = vec![Para::new(
        pick(labels(langs.primary)),
        Some(langs.primary),
        style,
        "label",
    )];
    if let Some(s) = langs.secondary {
        v.push(Para::new(pick(labels(s)), Some(s), SECOND, "label"));
    }
    v
}

/// "Thời gian / 시간" on one line, for footers and compact headings.
pub(super) fn label_inline(langs: Langs, pick: fn(&Labels) -> &'static str) -> String {
    match langs.secondary {
        Some(s) => format!("{} / {}", pick(labels(langs.primary)), pick(labels(s))),
        None => pick(labels(langs.primary)).to_string(),
    }
}

/// The table header row.
pub(super) fn column_header(langs: Langs, last: fn(&Labels) -> &'static str) -> Row {
    Row {
        cells: vec![
            label(langs, |l| l.time, HEAD),
            label(langs, |l| l.programme, HEAD),
            label(langs, |l| l.venue, HEAD),
            label(langs, last, HEAD),
        ],
        fill: None,
    }
}

/// "Ngày 1 · Thứ Ba, 10/03/2026" with the secondary language below.
pub(super) fn day_heading(langs: Langs, day_number: Option<i64>, date: NaiveDate) -> Vec<Para> {
    let one = |lang: Lang| match day_number {
        Some(n) => format!(
            "{} · {}",
            labels(lang).day.replace("{n}", &n.to_string()),
            long_date(date, lang)
        ),
        None => long_date(date, lang),
    };
    let mut v = vec![Para::new(
        one(langs.primary),
        Some(langs.primary),
        DAY,
        "day heading",
    )];
    if let Some(s) = langs.secondary {
        v.push(Para::new(one(s), Some(s), SECOND, "day heading"));
    }
    v
}

/// "09:00–10:30", with the zone abbreviation when the item is not in `home` zone.
pub(super) fn time_cell(
    plan: &Plan,
    delegation: &Delegation,
    item: &ItineraryItem,
    home: chrono_tz::Tz,
) -> Vec<Para> {
    let zone = item_zone(plan, delegation, item);
    let (s, e) = (
        item.start.with_timezone(&zone),
        item.end.with_timezone(&zone),
    );
    let mut text = format!("{}–{}", s.format("%H:%M"), e.format("%H:%M"));
    if s.date_naive() != e.date_naive() {
        text.push_str(&format!(
            " (+{})",
            (e.date_naive() - s.date_naive()).num_days()
        ));
    }
    let mut v = vec![Para::new(text, None, STRONG, "time")];
    if zone != home {
        v.push(Para::new(
            s.format("%Z").to_string(),
            None,
            SECOND,
            "time zone",
        ));
    }
    v
}

/// Venue name, then building, floor and (when the plan has several sites) the site.
pub(super) fn venue_cell(plan: &Plan, item: &ItineraryItem, langs: Langs) -> Vec<Para> {
    let mut v = Vec::new();
    let ctx = format!("venue of item '{}'", item.key);
    match plan
        .venues
        .iter()
        .find(|x| Some(&x.key) == item.venue.as_ref())
    {
        Some(venue) => {
            localized(&mut v, &venue.name, langs, BODY, &ctx);
            let mut place = Vec::new();
            let building = venue.building.best(langs.primary);
            if !building.trim().is_empty() {
                place.push(building.to_string());
            }
            if let Some(floor) = venue.floor.as_deref().filter(|f| !f.trim().is_empty()) {
                place.push(floor.to_string());
            }
            if plan.sites.len() > 1
                && let Some(site) = plan.sites.iter().find(|s| s.key == venue.site)
            {
                place.push(site.name.best(langs.primary).to_string());
            }
            if !place.is_empty() {
                v.push(Para::new(
                    place.join(" · "),
                    Some(langs.primary),
                    SECOND,
                    ctx,
                ));
            }
        }
        None => localized(&mut v, &item.location, langs, BODY, &ctx),
    }
    v
}

/// The one-line header of continuation pages.
pub(super) fn running_header(opts: &PrintOptions, title: &str, subject: &str) -> Para {
    let text = [opts.institution.as_str(), title, subject]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("  ·  ");
    Para::new(text, None, SECOND, "page header")
}

/// Footer lines: release label, then the coordinator.
pub(super) fn footer(
    langs: Langs,
    opts: &PrintOptions,
    coordinator: Option<&crate::model::Contact>,
) -> Vec<Para> {
    let mut v = Vec::new();
    if let Some(r) = &opts.release {
        v.push(Para::new(r.text(), None, SECOND, "release label"));
    }
    if let Some(c) = coordinator {
        let mut line = format!("{}: {}", label_inline(langs, |l| l.coordinator), c.name);
        if let Some(p) = &c.phone {
            line.push_str(&format!("  {p}"));
        }
        v.push(Para::new(line, Some(langs.primary), SECOND, "coordinator"));
    }
    v
}

/// The page label template ("Trang {x}/{y} · {x} / {y}쪽").
pub(super) fn page_label(langs: Langs) -> Para {
    let mut text = labels(langs.primary).page.to_string();
    if let Some(s) = langs.secondary {
        text = format!("{text}  ·  {}", labels(s).page);
    }
    Para::new(text, Some(langs.primary), SECOND, "page label")
}

/// The institution line of the first header.
pub(super) fn institution(opts: &PrintOptions) -> Para {
    Para::new(
        opts.institution.clone(),
        None,
        Style {
            size: 9.0,
            bold: true,
            color: Color::GREY,
        },
        "institution name",
    )
}

/// A document title, primary large and secondary below.
pub(super) fn title(langs: Langs, pick: fn(&Labels) -> &'static str) -> Vec<Para> {
    let mut v = vec![Para::new(
        pick(labels(langs.primary)),
        Some(langs.primary),
        Style {
            size: 15.0,
            bold: true,
            color: Color::ACCENT,
        },
        "title",
    )];
    if let Some(s) = langs.secondary {
        v.push(Para::new(
            pick(labels(s)),
            Some(s),
            Style {
                size: 10.0,
                bold: false,
                color: Color::GREY,
            },
            "title",
        ));
    }
    v
}

/// Header line style for the delegation name.
pub(super) const SUBJECT: Style = Style {
    size: 11.0,
    bold: true,
    color: Color::BLACK,
};
