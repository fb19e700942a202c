//! Printed documents: the guest itinerary, the staff run sheet and the interpreter sheet.
//!
//! Pure: every entry point takes the [`Plan`] snapshot, the options (languages, paper, release
//! label, changes) and a loaded [`Fonts`], and returns PDF bytes. No clock, no database, no
//! file system. Building a document is three steps: the document module (`guest`, `staff`,
//! `interpreter`) turns the plan into a [`layout::Sheet`]; [`layout::lay_out`] paginates it;
//! `pdf` writes it.
//!
//! Invariants: a guest copy never contains internal items, internal notes, staff notes or
//! private phone numbers (the guest builder never reads those fields); cancelled items are
//! left out of the guest programme and only appear in the changes box; every character prints
//! in a font that has it or the print fails naming the text.

pub mod fonts;
mod guest;
mod interpreter;
pub mod labels;
pub mod layout;
mod pdf;
mod rows;
mod staff;
pub mod text;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Delegation, ItineraryItem, Key, Lang, Member, Participants};
use crate::plan::{DelegationPlan, Plan};
use crate::release::Change;
use crate::wording::Text;

pub use fonts::Fonts;
pub use layout::{Page, Paper, Sheet};

/// Which part of a delegation a guest copy is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
#[ts(export)]
pub enum Audience {
    /// The whole delegation.
    Delegation,
    /// One sub-group or track.
    SubGroup(Key),
    /// One member: only the items that member attends.
    Member(Key),
}

/// The release a print belongs to, shown in the footer ("v3 · 2026-11-22 14:05 KST").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReleaseLabel {
    /// Release number (1, 2, …).
    pub version: u32,
    /// When it was released.
    pub released_at: DateTime<Utc>,
    /// The zone to show the time in (usually the office's).
    #[serde(with = "crate::model::zone")]
    #[ts(type = "string")]
    pub zone: Tz,
}

impl ReleaseLabel {
    /// "v3 · 2026-11-22 14:05 KST".
    pub fn text(&self) -> String {
        let local = self.released_at.with_timezone(&self.zone);
        format!("v{} · {}", self.version, local.format("%Y-%m-%d %H:%M %Z"))
    }
}

/// The "changes since vN" box of a guest copy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangesBox {
    /// The release compared with, e.g. 2 for "Changes since v2".
    pub since_version: u32,
    /// The changes, as [`crate::release::diff`] returns them.
    pub changes: Vec<Change>,
}

/// How to print.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintOptions {
    /// Paper size.
    #[serde(default)]
    pub paper: Paper,
    /// Main language. Guest copies default to the delegation's first language; staff and
    /// interpreter sheets to Korean.
    #[serde(default)]
    #[ts(optional)]
    pub language: Option<Lang>,
    /// Second language printed below the first (Korean or English). Guest copies default to
    /// Korean, staff sheets to the delegation's language, interpreter sheets to English.
    /// Equal to `language` means a one-language document.
    #[serde(default)]
    #[ts(optional)]
    pub with: Option<Lang>,
    /// Institution name for the header.
    #[serde(default)]
    pub institution: String,
    /// The institution's logo as PNG bytes.
    #[serde(default, skip)]
    #[ts(skip)]
    pub logo_png: Option<Vec<u8>>,
    /// The release this print belongs to.
    #[serde(default)]
    #[ts(optional)]
    pub release: Option<ReleaseLabel>,
    /// Changes since an earlier release, for guest copies.
    #[serde(default)]
    #[ts(optional)]
    pub changes: Option<ChangesBox>,
}

/// The eight bytes every PNG file starts with.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Width and height in pixels of a logo, checked the way the PDF writer reads it: the PNG
/// signature first (so a JPEG or a text file is named as such), then a full decode.
pub fn logo_size(png: &[u8]) -> crate::Result<(u32, u32)> {
    if !png.starts_with(PNG_SIGNATURE) {
        return Err(crate::Error::Invalid(Text::new(
            "the file is not a PNG image (it does not start with the PNG signature)",
            "PNG 이미지가 아닙니다(PNG 서명으로 시작하지 않습니다)",
        )));
    }
    let (w, h) = pdf::png_size(png).map_err(|e| {
        tracing::warn!(error = %e, "logo could not be decoded");
        crate::Error::Invalid(Text::new(
            "the PNG image could not be decoded (damaged or unsupported)",
            "PNG 이미지를 읽을 수 없습니다(손상되었거나 지원하지 않는 형식)",
        ))
    })?;
    match (u32::try_from(w), u32::try_from(h)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok((w, h)),
        _ => Err(crate::Error::Invalid(Text::new(
            format!("the PNG image has no usable size ({w} × {h} pixels)"),
            format!("PNG 이미지의 크기를 쓸 수 없습니다({w} × {h} 픽셀)"),
        ))),
    }
}

/// Primary and optional secondary language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Langs {
    pub primary: Lang,
    pub secondary: Option<Lang>,
}

impl Langs {
    fn new(primary: Lang, secondary: Lang) -> Self {
        Langs {
            primary,
            secondary: (secondary != primary).then_some(secondary),
        }
    }
}

/// The zone an item happens in: its own, else its venue's site's, else the delegation's.
pub fn item_zone(plan: &Plan, delegation: &Delegation, item: &ItineraryItem) -> Tz {
    item.timezone
        .or_else(|| {
            let venue = plan
                .venues
                .iter()
                .find(|v| Some(&v.key) == item.venue.as_ref())?;
            plan.sites
                .iter()
                .find(|s| s.key == venue.site)
                .map(|s| s.timezone)
        })
        .unwrap_or(delegation.timezone)
}

/// The local date an item starts on, in its own zone.
pub fn item_date(plan: &Plan, delegation: &Delegation, item: &ItineraryItem) -> NaiveDate {
    item.start
        .with_timezone(&item_zone(plan, delegation, item))
        .date_naive()
}

/// Whether `member` takes part in `item`.
pub fn attends(delegation: &DelegationPlan, item: &ItineraryItem, member: &Key) -> bool {
    match &item.participants {
        Participants::Everyone => true,
        Participants::Selected { subgroups, members } => {
            members.contains(member)
                || delegation
                    .delegation
                    .subgroups
                    .iter()
                    .any(|g| subgroups.contains(&g.key) && g.members.contains(member))
        }
    }
}

/// The items a guest copy for `audience` may show, in time order: never internal ones.
/// Cancelled items are included (the programme skips them, release snapshots keep them).
pub fn guest_items<'a>(
    delegation: &'a DelegationPlan,
    audience: &Audience,
) -> crate::Result<Vec<&'a ItineraryItem>> {
    match audience {
        Audience::Delegation => {}
        Audience::SubGroup(g) => {
            if !delegation.delegation.subgroups.iter().any(|s| &s.key == g) {
                return Err(crate::Error::NotFound {
                    kind: "sub-group",
                    key: g.to_string(),
                });
            }
        }
        Audience::Member(m) => {
            if !delegation.members.iter().any(|x| &x.key == m) {
                return Err(crate::Error::NotFound {
                    kind: "member",
                    key: m.to_string(),
                });
            }
        }
    }
    let mut items: Vec<&ItineraryItem> = delegation
        .items
        .iter()
        .filter(|i| i.kind.guest_visible())
        .filter(|i| match audience {
            Audience::Delegation => true,
            Audience::SubGroup(g) => match &i.participants {
                Participants::Everyone => true,
                Participants::Selected { subgroups, .. } => subgroups.contains(g),
            },
            Audience::Member(m) => attends(delegation, i, m),
        })
        .collect();
    items.sort_by_key(|i| (i.start, i.end));
    Ok(items)
}

fn find_delegation<'a>(plan: &'a Plan, key: &Key) -> crate::Result<&'a DelegationPlan> {
    plan.delegation(key).ok_or_else(|| crate::Error::NotFound {
        kind: "delegation",
        key: key.to_string(),
    })
}

/// Members in protocol order (head of delegation first).
pub(crate) fn by_precedence(members: &[Member]) -> Vec<&Member> {
    let mut v: Vec<&Member> = members.iter().collect();
    v.sort_by_key(|m| (m.precedence, m.native_name.clone()));
    v
}

/// Lays out and writes a sheet.
fn write(sheet: &Sheet, fonts: &Fonts, opts: &PrintOptions, title: &str) -> crate::Result<Vec<u8>> {
    let pages = layout::lay_out(sheet, fonts)?;
    pdf::render(
        &pages,
        fonts,
        &pdf::PdfMeta {
            title,
            logo_png: opts.logo_png.as_deref(),
        },
    )
}

/// The guest itinerary as a sheet (before layout), for previews and tests.
pub fn guest_sheet(
    plan: &Plan,
    delegation: &Key,
    audience: &Audience,
    opts: &PrintOptions,
) -> crate::Result<Sheet> {
    guest::sheet(plan, find_delegation(plan, delegation)?, audience, opts)
}

/// Prints the guest itinerary of a delegation, a sub-group or one member.
pub fn guest_itinerary(
    plan: &Plan,
    fonts: &Fonts,
    delegation: &Key,
    audience: &Audience,
    opts: &PrintOptions,
) -> crate::Result<Vec<u8>> {
    let sheet = guest_sheet(plan, delegation, audience, opts)?;
    write(&sheet, fonts, opts, &format!("{delegation} itinerary"))
}

/// The staff run sheet as a sheet (before layout).
pub fn staff_sheet(plan: &Plan, delegation: &Key, opts: &PrintOptions) -> crate::Result<Sheet> {
    staff::sheet(plan, find_delegation(plan, delegation)?, opts)
}

/// Prints the staff run sheet of a delegation: everything, internal items included.
pub fn staff_run_sheet(
    plan: &Plan,
    fonts: &Fonts,
    delegation: &Key,
    opts: &PrintOptions,
) -> crate::Result<Vec<u8>> {
    let sheet = staff_sheet(plan, delegation, opts)?;
    write(&sheet, fonts, opts, &format!("{delegation} run sheet"))
}

/// The interpreter sheet as a sheet (before layout).
pub fn interpreter_sheet(
    plan: &Plan,
    interpreter: &Key,
    from: NaiveDate,
    to: NaiveDate,
    opts: &PrintOptions,
) -> crate::Result<Sheet> {
    interpreter::sheet(plan, interpreter, from, to, opts)
}

/// Prints one interpreter's assignments across all delegations between two dates (inclusive,
/// local dates of the items).
pub fn interpreter_assignments(
    plan: &Plan,
    fonts: &Fonts,
    interpreter: &Key,
    from: NaiveDate,
    to: NaiveDate,
    opts: &PrintOptions,
) -> crate::Result<Vec<u8>> {
    let sheet = interpreter_sheet(plan, interpreter, from, to, opts)?;
    write(&sheet, fonts, opts, &format!("{interpreter} assignments"))
}

/// Prints many guest copies of one delegation (a course's per-member itineraries) on every
/// core. Results come back in the order of `copies`; one failing copy does not stop the rest.
pub fn guest_itineraries(
    plan: &Plan,
    fonts: &Fonts,
    delegation: &Key,
    copies: &[(Audience, PrintOptions)],
) -> Vec<crate::Result<Vec<u8>>> {
    let progress = crate::progress::Progress::none("printing the copies");
    // Without a cancel flag the run always finishes.
    guest_itineraries_with(plan, fonts, delegation, copies, &progress).unwrap_or_default()
}

/// [`guest_itineraries`] reporting each copy finished (`done` of `copies.len()`, from the
/// worker threads) and stopping once `progress` is cancelled: then no copy is returned,
/// only [`crate::Error::Cancelled`], so a caller cannot save part of a cancelled run.
pub fn guest_itineraries_with(
    plan: &Plan,
    fonts: &Fonts,
    delegation: &Key,
    copies: &[(Audience, PrintOptions)],
    progress: &crate::progress::Progress<'_>,
) -> crate::Result<Vec<crate::Result<Vec<u8>>>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(copies.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let total = copies.len() as u64;
    let mut done: Vec<(usize, crate::Result<Vec<u8>>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    while !progress.is_cancelled() {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((audience, opts)) = copies.get(i) else {
                            break;
                        };
                        mine.push((i, guest_itinerary(plan, fonts, delegation, audience, opts)));
                        let n = finished.fetch_add(1, Ordering::Relaxed) + 1;
                        progress.report(n as u64, total);
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    progress.check()?;
    done.sort_by_key(|(i, _)| *i);
    let mut out: Vec<crate::Result<Vec<u8>>> = Vec::with_capacity(copies.len());
    let mut done = done.into_iter().peekable();
    for i in 0..copies.len() {
        match done.next_if(|(j, _)| *j == i) {
            Some((_, r)) => out.push(r),
            // Only a panicking worker loses results; report it instead of a silent gap.
            None => out.push(Err(crate::Error::Invalid(Text::new(
                format!("copy {} could not be printed", i + 1),
                format!("{}번째 인쇄본을 인쇄할 수 없었습니다", i + 1),
            )))),
        }
    }
    Ok(out)
}

/// Lays out a sheet without writing PDF (for tests and previews).
pub fn pages(sheet: &Sheet, fonts: &Fonts) -> crate::Result<Vec<Page>> {
    layout::lay_out(sheet, fonts)
}
