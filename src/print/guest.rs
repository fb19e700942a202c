//! The guest itinerary: what a delegation, a sub-group or one member holds in their hands.
//!
//! Invariant (tested by a property test over generated plans): this builder never reads
//! `internal_notes`, member or delegation `notes`, host phones, or items of kind `Internal`,
//! so none of them can reach a guest copy. Cancelled items are skipped here and shown only in
//! the changes box.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{ItemStatus, ItineraryItem, Lang};
use crate::plan::{DelegationPlan, Plan};
use crate::release::Change;

use super::labels::{date_range, labels};
use super::layout::{Block, Para, Row, Section, Sheet};
use super::rows::{self, BODY, COLUMNS, SECOND, STRONG, SUBJECT, localized};
use super::{Audience, Langs, PrintOptions, by_precedence, guest_items, item_date};

pub(super) fn sheet(
    plan: &Plan,
    d: &DelegationPlan,
    audience: &Audience,
    opts: &PrintOptions,
) -> crate::Result<Sheet> {
    let del = &d.delegation;
    let primary = opts
        .language
        .or_else(|| del.languages.first().copied())
        .unwrap_or(Lang::En);
    let langs = Langs::new(primary, opts.with.unwrap_or(Lang::Ko));
    let guest_lang = Some(primary);

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
    header_lines.push(Para::new(
        date_range(from, to, primary),
        Some(primary),
        BODY,
        "dates",
    ));
    match audience {
        Audience::Delegation => {}
        Audience::SubGroup(g) => {
            if let Some(group) = del.subgroups.iter().find(|s| &s.key == g) {
                let mut name = Vec::new();
                localized(&mut name, &group.name, langs, BODY, "sub-group name");
                if let Some(first) = name.first_mut() {
                    first.text = format!(
                        "{}: {}",
                        rows::label_inline(langs, |l| l.prepared_for),
                        first.text
                    );
                }
                header_lines.extend(name);
            }
        }
        Audience::Member(m) => {
            if let Some(member) = d.members.iter().find(|x| &x.key == m) {
                let lang = member.languages.first().copied().or(guest_lang);
                header_lines.push(Para::new(
                    format!(
                        "{}: {}",
                        rows::label_inline(langs, |l| l.prepared_for),
                        member.native_name
                    ),
                    lang,
                    STRONG,
                    "member name",
                ));
                localized(
                    &mut header_lines,
                    &member.title,
                    langs,
                    SECOND,
                    "member title",
                );
            }
        }
    }

    let mut blocks = Vec::new();
    if let Some(changes) = &opts.changes
        && !changes.changes.is_empty()
    {
        blocks.push(changes_block(
            langs,
            changes.since_version,
            &changes.changes,
        ));
    }
    if !matches!(audience, Audience::Member(_)) && !d.members.is_empty() {
        blocks.push(members_block(d, audience, langs));
    }

    let items: Vec<&ItineraryItem> = guest_items(d, audience)?
        .into_iter()
        .filter(|i| i.status != ItemStatus::Cancelled)
        .collect();
    let first_day = from;
    let mut days: BTreeMap<NaiveDate, Vec<Row>> = BTreeMap::new();
    for item in items {
        let ctx = format!("title of item '{}'", item.key);
        let mut programme = Vec::new();
        localized(&mut programme, &item.title, langs, STRONG, &ctx);
        localized(
            &mut programme,
            &item.guest_notes,
            langs,
            BODY,
            &format!("guest notes of item '{}'", item.key),
        );
        let mut with = Vec::new();
        for key in &item.hosts {
            if let Some(h) = plan.hosts.iter().find(|h| &h.key == key) {
                // Names and titles only: phones of hosts are for staff documents.
                localized(
                    &mut with,
                    &h.name,
                    langs,
                    BODY,
                    &format!("name of host '{}'", h.key),
                );
                let t = h.title.best(langs.primary);
                if !t.trim().is_empty() {
                    with.push(Para::new(
                        t,
                        Some(langs.primary),
                        SECOND,
                        format!("title of host '{}'", h.key),
                    ));
                }
            }
        }
        let row = Row {
            cells: vec![
                rows::time_cell(plan, del, item, zone),
                programme,
                rows::venue_cell(plan, item, langs),
                with,
            ],
            fill: None,
        };
        days.entry(item_date(plan, del, item))
            .or_default()
            .push(row);
    }
    let sections = days
        .into_iter()
        .map(|(date, rows)| Section {
            heading: rows::day_heading(langs, Some((date - first_day).num_days() + 1), date),
            rows,
        })
        .collect();

    let title_text = labels(primary).guest_title;
    Ok(Sheet {
        paper: opts.paper,
        institution: rows::institution(opts),
        logo: opts.logo_png.is_some(),
        title: rows::title(langs, |l| l.guest_title),
        header_lines,
        running_header: rows::running_header(opts, title_text, del.name.best(primary)),
        blocks,
        columns: COLUMNS.to_vec(),
        table_header: rows::column_header(langs, |l| l.with_whom),
        sections,
        footer: rows::footer(langs, opts, del.coordinator.as_ref()),
        page_label: rows::page_label(langs),
    })
}

/// The member list: native name, romanized name, title. No notes, needs or phones.
fn members_block(d: &DelegationPlan, audience: &Audience, langs: Langs) -> Block {
    let guest_lang = d.delegation.languages.first().copied();
    let in_group = |key| match audience {
        Audience::SubGroup(g) => d
            .delegation
            .subgroups
            .iter()
            .any(|s| &s.key == g && s.members.contains(key)),
        _ => true,
    };
    let mut body = Vec::new();
    for m in by_precedence(&d.members)
        .into_iter()
        .filter(|m| in_group(&m.key))
    {
        let lang = m.languages.first().copied().or(guest_lang);
        let mut line = m.native_name.clone();
        if let Some(r) = m
            .romanized_name
            .as_deref()
            .filter(|r| r.trim() != m.native_name.trim())
        {
            line.push_str(&format!(" ({r})"));
        }
        let title = m.title.best(langs.primary);
        if !title.trim().is_empty() {
            line.push_str(&format!(" — {title}"));
        }
        body.push(Para::new(
            line,
            lang,
            BODY,
            format!("name of member '{}'", m.key),
        ));
    }
    Block {
        title: rows::label(langs, |l| l.members, STRONG),
        body,
        highlighted: false,
    }
}

/// "Changes since v2": one line per change in the primary language.
fn changes_block(langs: Langs, since: u32, changes: &[Change]) -> Block {
    let v = format!("v{since}");
    let mut title = vec![Para::new(
        labels(langs.primary).changes_since.replace("{v}", &v),
        Some(langs.primary),
        rows::ALERT,
        "changes heading",
    )];
    if let Some(s) = langs.secondary {
        title.push(Para::new(
            labels(s).changes_since.replace("{v}", &v),
            Some(s),
            SECOND,
            "changes heading",
        ));
    }
    let body = changes
        .iter()
        .map(|c| {
            Para::new(
                format!("• {}", c.describe(langs.primary)),
                Some(langs.primary),
                BODY,
                format!("change of item '{}'", c.item),
            )
        })
        .collect();
    Block {
        title,
        body,
        highlighted: true,
    }
}
