//! The interpreter sheet: one interpreter's assignments across every delegation for a range of
//! local dates, with venues, the people to call, and the guests' language.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{ItemStatus, ItineraryItem, Key, Lang};
use crate::plan::{DelegationPlan, Plan};

use super::labels::{date_range, labels};
use super::layout::{Color, Para, Row, Section, Sheet};
use super::rows::{self, ALERT, BODY, COLUMNS, SECOND, STRONG, SUBJECT, localized};
use super::{Langs, PrintOptions, item_date, item_zone};
use crate::wording::Text;

pub(super) fn sheet(
    plan: &Plan,
    key: &Key,
    from: NaiveDate,
    to: NaiveDate,
    opts: &PrintOptions,
) -> crate::Result<Sheet> {
    let interpreter = plan
        .interpreters
        .iter()
        .find(|i| &i.key == key)
        .ok_or_else(|| crate::Error::NotFound {
            kind: "interpreter",
            key: key.to_string(),
        })?;
    if to < from {
        return Err(crate::Error::Invalid(Text::new(
            format!("the date range {from} – {to} ends before it starts"),
            format!("날짜 범위 {from} – {to}의 끝이 시작보다 이릅니다"),
        )));
    }
    let primary = opts.language.unwrap_or(Lang::Ko);
    let langs = Langs::new(primary, opts.with.unwrap_or(Lang::En));
    let l = labels(primary);

    let mut header_lines = Vec::new();
    localized(
        &mut header_lines,
        &interpreter.name,
        langs,
        SUBJECT,
        &format!("name of interpreter '{key}'"),
    );
    let pairs: Vec<String> = interpreter.pairs.iter().map(ToString::to_string).collect();
    let mut facts = vec![date_range(from, to, primary), pairs.join(", ")];
    if let Some(p) = &interpreter.phone {
        facts.push(p.clone());
    }
    header_lines.push(Para::new(
        facts.join("  ·  "),
        Some(primary),
        BODY,
        "interpreter facts",
    ));

    let mut found: Vec<(&DelegationPlan, &ItineraryItem)> = plan
        .delegations
        .iter()
        .flat_map(|d| d.items.iter().map(move |i| (d, i)))
        .filter(|(_, i)| i.interpreters.iter().any(|a| &a.interpreter == key))
        .filter(|(d, i)| {
            let date = item_date(plan, &d.delegation, i);
            from <= date && date <= to
        })
        .collect();
    found.sort_by_key(|(_, i)| (i.start, i.end));

    let mut days: BTreeMap<NaiveDate, Vec<Row>> = BTreeMap::new();
    for (d, item) in found {
        let del = &d.delegation;
        let mut programme = Vec::new();
        if item.status == ItemStatus::Cancelled {
            programme.push(Para::new(l.cancelled, Some(primary), ALERT, "label"));
        }
        localized(
            &mut programme,
            &item.title,
            langs,
            STRONG,
            &format!("title of item '{}'", item.key),
        );
        let guest = del.languages.first().copied();
        programme.push(Para::new(
            del.name.best(primary),
            guest.or(Some(primary)),
            SECOND,
            format!("name of delegation '{}'", del.key),
        ));
        let assigned: Vec<String> = item
            .interpreters
            .iter()
            .filter(|a| &a.interpreter == key)
            .map(|a| a.pair.to_string())
            .collect();
        programme.push(Para::new(
            format!("{}: {}", l.language, assigned.join(", ")),
            Some(primary),
            BODY,
            "language pair",
        ));
        localized(
            &mut programme,
            &item.guest_notes,
            langs,
            SECOND,
            &format!("guest notes of item '{}'", item.key),
        );
        if let Some(n) = item
            .internal_notes
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            programme.push(Para::new(
                format!("{}: {n}", l.internal_note),
                Some(primary),
                SECOND,
                format!("internal notes of item '{}'", item.key),
            ));
        }

        let mut contacts = Vec::new();
        for h in item
            .hosts
            .iter()
            .filter_map(|k| plan.hosts.iter().find(|h| &h.key == k))
        {
            let mut line = h.name.best(primary).to_string();
            if let Some(p) = &h.phone {
                line.push_str(&format!("  {p}"));
            }
            contacts.push(Para::new(
                line,
                Some(primary),
                BODY,
                format!("host '{}'", h.key),
            ));
        }
        if let Some(c) = &del.coordinator {
            let mut line = format!("{}: {}", l.coordinator, c.name);
            if let Some(p) = &c.phone {
                line.push_str(&format!("  {p}"));
            }
            contacts.push(Para::new(line, Some(primary), SECOND, "coordinator"));
        }
        let fill = (item.status == ItemStatus::Cancelled).then_some(Color::CANCELLED_FILL);
        let home = item_zone(plan, del, item);
        let row = Row {
            cells: vec![
                rows::time_cell(plan, del, item, home),
                programme,
                rows::venue_cell(plan, item, langs),
                contacts,
            ],
            fill,
        };
        days.entry(item_date(plan, del, item))
            .or_default()
            .push(row);
    }
    let sections = days
        .into_iter()
        .map(|(date, rows)| Section {
            heading: rows::day_heading(langs, None, date),
            rows,
        })
        .collect();

    Ok(Sheet {
        paper: opts.paper,
        institution: rows::institution(opts),
        logo: opts.logo_png.is_some(),
        title: rows::title(langs, |l| l.interpreter_title),
        header_lines,
        running_header: rows::running_header(
            opts,
            l.interpreter_title,
            interpreter.name.best(primary),
        ),
        blocks: Vec::new(),
        columns: COLUMNS.to_vec(),
        table_header: rows::column_header(langs, |l| l.coordinator),
        sections,
        footer: rows::footer(langs, opts, None),
        page_label: rows::page_label(langs),
    })
}
