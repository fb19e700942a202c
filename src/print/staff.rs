//! The staff run sheet: every item (internal and cancelled ones marked), hosts with phones,
//! interpreters, head counts, participants, internal notes, and a summary of the members'
//! dietary and accessibility needs.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{ItemKind, ItemStatus, Lang, Participants};
use crate::plan::{DelegationPlan, Plan};

use super::labels::{date_range, labels};
use super::layout::{Block, Color, Para, Row, Section, Sheet};
use super::rows::{self, ALERT, BODY, COLUMNS, SECOND, STRONG, SUBJECT, localized};
use super::{Langs, PrintOptions, attends, by_precedence, item_date};

pub(super) fn sheet(plan: &Plan, d: &DelegationPlan, opts: &PrintOptions) -> crate::Result<Sheet> {
    let del = &d.delegation;
    let primary = opts.language.unwrap_or(Lang::Ko);
    let guest = del.languages.first().copied().unwrap_or(Lang::En);
    let langs = Langs::new(primary, opts.with.unwrap_or(guest));
    let l = labels(primary);

    let mut header_lines = Vec::new();
    localized(
        &mut header_lines,
        &del.name,
        langs,
        SUBJECT,
        "delegation name",
    );
    localized(
        &mut header_lines,
        &del.organisation,
        langs,
        BODY,
        "delegation organisation",
    );
    let zone = del.timezone;
    let (from, to) = (
        del.arrival.with_timezone(&zone).date_naive(),
        del.departure.with_timezone(&zone).date_naive(),
    );
    let mut facts = vec![date_range(from, to, primary)];
    for flight in [&del.arrival_flight, &del.departure_flight]
        .into_iter()
        .flatten()
    {
        facts.push(flight.clone());
    }
    if let Some(hotel) = &del.hotel {
        facts.push(hotel.clone());
    }
    header_lines.push(Para::new(
        facts.join("  ·  "),
        Some(primary),
        BODY,
        "delegation facts",
    ));

    let mut blocks = vec![members_block(d, langs)];
    if let Some(notes) = del.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        blocks.push(Block {
            title: vec![Para::new(l.notes, Some(primary), STRONG, "label")],
            body: vec![Para::new(notes, Some(primary), BODY, "delegation notes")],
            highlighted: false,
        });
    }

    let mut items: Vec<_> = d.items.iter().collect();
    items.sort_by_key(|i| (i.start, i.end));
    let mut days: BTreeMap<NaiveDate, Vec<Row>> = BTreeMap::new();
    for item in items {
        let mut programme = Vec::new();
        if item.kind == ItemKind::Internal {
            programme.push(Para::new(l.internal_item, Some(primary), ALERT, "label"));
        }
        if item.status == ItemStatus::Cancelled {
            programme.push(Para::new(l.cancelled, Some(primary), ALERT, "label"));
        } else if item.status == ItemStatus::Tentative {
            programme.push(Para::new(
                format!("({})", l.tentative),
                Some(primary),
                SECOND,
                "label",
            ));
        }
        localized(
            &mut programme,
            &item.title,
            langs,
            STRONG,
            &format!("title of item '{}'", item.key),
        );
        localized(
            &mut programme,
            &item.guest_notes,
            langs,
            BODY,
            &format!("guest notes of item '{}'", item.key),
        );
        if let Participants::Selected { subgroups, members } = &item.participants {
            let mut names: Vec<String> = del
                .subgroups
                .iter()
                .filter(|g| subgroups.contains(&g.key))
                .map(|g| g.name.best(primary).to_string())
                .collect();
            names.extend(
                d.members
                    .iter()
                    .filter(|m| members.contains(&m.key))
                    .map(|m| m.native_name.clone()),
            );
            programme.push(Para::new(
                format!("→ {}", names.join(", ")),
                Some(guest),
                SECOND,
                format!("participants of item '{}'", item.key),
            ));
        }
        if let Some(n) = item
            .internal_notes
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            programme.push(Para::new(
                format!("{}: {n}", l.internal_note),
                Some(primary),
                BODY,
                format!("internal notes of item '{}'", item.key),
            ));
        }

        let mut with = Vec::new();
        for key in &item.hosts {
            if let Some(h) = plan.hosts.iter().find(|h| &h.key == key) {
                let mut line = h.name.best(primary).to_string();
                let title = h.title.best(primary);
                if !title.trim().is_empty() {
                    line.push_str(&format!(" ({title})"));
                }
                with.push(Para::new(
                    line,
                    Some(primary),
                    BODY,
                    format!("host '{}'", h.key),
                ));
                if let Some(p) = &h.phone {
                    with.push(Para::new(
                        p.clone(),
                        None,
                        SECOND,
                        format!("phone of host '{}'", h.key),
                    ));
                }
            }
        }
        for a in &item.interpreters {
            if let Some(i) = plan.interpreters.iter().find(|i| i.key == a.interpreter) {
                let mut line = format!("{}: {} ({})", l.interpreter, i.name.best(primary), a.pair);
                if let Some(p) = &i.phone {
                    line.push_str(&format!(" {p}"));
                }
                with.push(Para::new(
                    line,
                    Some(primary),
                    BODY,
                    format!("interpreter '{}'", i.key),
                ));
            }
        }
        let guests = d
            .members
            .iter()
            .filter(|m| attends(d, item, &m.key))
            .count();
        let staff = item.hosts.len() + item.interpreters.len() + item.extra_attendees as usize;
        with.push(Para::new(
            format!("{}: {guests} + {staff}", l.head_count),
            Some(primary),
            SECOND,
            "head count",
        ));

        let fill = match (item.status, item.kind) {
            (ItemStatus::Cancelled, _) => Some(Color::CANCELLED_FILL),
            (_, ItemKind::Internal) => Some(Color::INTERNAL_FILL),
            _ => None,
        };
        let row = Row {
            cells: vec![
                rows::time_cell(plan, del, item, zone),
                programme,
                rows::venue_cell(plan, item, langs),
                with,
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
            heading: rows::day_heading(langs, Some((date - from).num_days() + 1), date),
            rows,
        })
        .collect();

    Ok(Sheet {
        paper: opts.paper,
        institution: rows::institution(opts),
        logo: opts.logo_png.is_some(),
        title: rows::title(langs, |l| l.staff_title),
        header_lines,
        running_header: rows::running_header(opts, l.staff_title, del.name.best(primary)),
        blocks,
        columns: COLUMNS.to_vec(),
        table_header: rows::column_header(langs, |l| l.with_whom),
        sections,
        footer: rows::footer(langs, opts, del.coordinator.as_ref()),
        page_label: rows::page_label(langs),
    })
}

/// Members with romanized names, titles, contacts, needs and notes; then the needs summary.
fn members_block(d: &DelegationPlan, langs: Langs) -> Block {
    let l = labels(langs.primary);
    let guest = d.delegation.languages.first().copied();
    let mut body = Vec::new();
    let mut needs = Vec::new();
    for m in by_precedence(&d.members) {
        let mut line = format!("{}. {}", m.precedence, m.native_name);
        if let Some(r) = &m.romanized_name {
            line.push_str(&format!(" ({r})"));
        }
        let title = m.title.best(langs.primary);
        if !title.trim().is_empty() {
            line.push_str(&format!(" — {title}"));
        }
        for c in [&m.phone, &m.email].into_iter().flatten() {
            line.push_str(&format!("  {c}"));
        }
        let ctx = format!("member '{}'", m.key);
        body.push(Para::new(
            line,
            m.languages.first().copied().or(guest),
            BODY,
            ctx.clone(),
        ));
        if let Some(n) = m.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            body.push(Para::new(
                format!("    {}: {n}", l.notes),
                Some(langs.primary),
                SECOND,
                ctx.clone(),
            ));
        }
        let mut need = Vec::new();
        if let Some(x) = m.dietary.as_deref().filter(|x| !x.trim().is_empty()) {
            need.push(format!("{}: {x}", l.dietary));
        }
        if let Some(x) = m.accessibility.as_deref().filter(|x| !x.trim().is_empty()) {
            need.push(format!("{}: {x}", l.accessibility));
        }
        if !need.is_empty() {
            needs.push(Para::new(
                format!("{} — {}", m.native_name, need.join("; ")),
                m.languages.first().copied().or(guest),
                BODY,
                ctx,
            ));
        }
    }
    if !needs.is_empty() {
        body.push(Para::new(l.needs, Some(langs.primary), STRONG, "label"));
        body.extend(needs);
    }
    Block {
        title: rows::label(langs, |l| l.members, STRONG),
        body,
        highlighted: false,
    }
}
