//! Printing for guests as a use case: every guest print is a release.
//!
//! The PDF is rendered first, with the next release number in its footer and, when asked, a
//! "Changes since vN" box; only when it rendered is the release recorded (snapshot + what each
//! printed item looked like, which feeds the "changed after printing" rule). A print that
//! fails leaves no release behind, and a release always has a document.
//!
//! **Changes compare like with like.** Releases are numbered per delegation but each carries
//! the audience it was printed for (whole delegation, a sub-group, a member). A "Changes since"
//! box answers the question a guest asks — "what is different from the copy *I* hold?" — so
//! by default it compares with the latest earlier release of the *same* audience
//! ([`ChangesSince::LastOfAudience`]). A release named explicitly must be of that audience
//! too, otherwise it is refused ("v2 was printed for sub-group 'Track A', not for member …").
//! We chose refusing over diffing both snapshots restricted to the audience: a restricted
//! diff would report changes against a page this reader never held (a member never saw the
//! whole-delegation copy's layout or its other items), and what it reports would silently
//! depend on membership changes made since — the refusal is honest and easy to act on.
//!
//! **Header from the office settings.** When a request leaves the institution name or logo
//! empty, the stored office settings fill them (command-line flags still override): the name
//! in the document's own languages, with the usual fallback of [`LocalizedText::best`].

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::api::{ChangesInput, ChangesSince, Release, ReleaseInfo};
use crate::conflicts::{PrintLog, PrintedItem, guest_fingerprint};
use crate::model::{Key, Lang, LocalizedText};
use crate::plan::{DelegationPlan, Plan};
use crate::print::{self, Audience, ChangesBox, Fonts, PrintOptions, ReleaseLabel};
use crate::release::{self, ReleaseSnapshot};
use crate::store::Store;
use crate::wording::Text;
use crate::{Error, Result};

/// What to print for guests.
#[derive(Debug, Clone)]
pub struct GuestPrint {
    /// The delegation.
    pub delegation: Key,
    /// The whole delegation, a sub-group or a member.
    pub audience: Audience,
    /// Paper, languages, institution, logo (release and changes are filled in here).
    pub options: PrintOptions,
    /// Show a "Changes since vN" box, comparing with this release of the same audience.
    pub changes_since: Option<ChangesSince>,
    /// Who prints (recorded with the release).
    pub by: String,
    /// The office's zone, for the footer's release time.
    pub zone: Tz,
}

/// A printed guest document and the release it was recorded as.
#[derive(Debug, Clone)]
pub struct Printed {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The release recorded.
    pub release: ReleaseInfo,
}

/// Prints a guest itinerary and records it as the next release. `now` is passed in so the
/// footer, the release record and tests agree on one instant.
pub async fn print_guest(
    store: &Store,
    fonts: &Fonts,
    req: GuestPrint,
    now: DateTime<Utc>,
) -> Result<Printed> {
    let plan = store.load_plan().await?;
    let d = find_delegation(&plan, &req.delegation)?;
    let previous = store.release(&req.delegation, None).await?;
    let number = previous.as_ref().map_or(1, |r| r.info.number + 1);
    let snapshot = ReleaseSnapshot::of_guest_programme(&plan, &req.delegation, &req.audience)?;
    let primary = req
        .options
        .language
        .or_else(|| d.delegation.languages.first().copied())
        .unwrap_or(Lang::En);
    let secondary = req.options.with.unwrap_or(Lang::Ko);
    let mut options = with_office(store, req.options, primary, secondary).await?;
    options.release = Some(ReleaseLabel {
        version: number,
        released_at: now,
        zone: req.zone,
    });
    if let Some(since) = req.changes_since {
        let old = base_release(store, d, &req.audience, since).await?;
        options.changes = Some(ChangesBox {
            since_version: old.info.number,
            changes: release::diff(&old.snapshot, &snapshot),
        });
    }
    let pdf = print::guest_itinerary(&plan, fonts, &req.delegation, &req.audience, &options)?;

    let printed_at = now.fixed_offset();
    let shown: std::collections::HashSet<&Key> = snapshot.items.iter().map(|i| &i.key).collect();
    let log: PrintLog = d
        .items
        .iter()
        .filter(|i| shown.contains(&i.key))
        .map(|i| {
            (
                i.key.clone(),
                PrintedItem {
                    fingerprint: guest_fingerprint(i),
                    printed_at,
                },
            )
        })
        .collect();
    let release = Release {
        info: ReleaseInfo {
            delegation: req.delegation,
            number,
            audience: req.audience,
            released_at: printed_at,
            released_by: req.by,
            item_count: snapshot.items.len() as u32,
        },
        snapshot,
    };
    store.record_release(&release, &log).await?;
    Ok(Printed {
        pdf,
        release: release.info,
    })
}

/// What changed for guests since a release of the same audience (added, cancelled, moved,
/// renamed), with the number of the release compared with. The audience is the input's, or
/// the named release's, or the whole delegation for [`ChangesSince::LastOfAudience`].
pub async fn changes_since(store: &Store, input: &ChangesInput) -> Result<ChangesBox> {
    let plan = store.load_plan().await?;
    let d = find_delegation(&plan, &input.delegation)?;
    let audience = match (&input.audience, input.since) {
        (Some(a), _) => a.clone(),
        (None, ChangesSince::Release(n)) => {
            store
                .release(&input.delegation, Some(n))
                .await?
                .ok_or_else(|| no_release(&input.delegation, n))?
                .info
                .audience
        }
        (None, ChangesSince::LastOfAudience) => Audience::Delegation,
    };
    let old = base_release(store, d, &audience, input.since).await?;
    let now = ReleaseSnapshot::of_guest_programme(&plan, &input.delegation, &audience)?;
    Ok(ChangesBox {
        since_version: old.info.number,
        changes: release::diff(&old.snapshot, &now),
    })
}

/// The release a comparison for `audience` starts from; a release of another audience is
/// refused (see the module doc for why).
async fn base_release(
    store: &Store,
    d: &DelegationPlan,
    audience: &Audience,
    since: ChangesSince,
) -> Result<Release> {
    let key = &d.delegation.key;
    match since {
        ChangesSince::LastOfAudience => {
            store
                .latest_release_for(key, audience)
                .await?
                .ok_or_else(|| {
                    let who = audience_words(d, audience);
                    Error::Invalid(Text::new(
                        format!(
                            "no guest copy has been printed for {} yet, so there is nothing to \
                             compare with; print without the changes box",
                            who.en()
                        ),
                        format!(
                            "{} 앞으로 인쇄한 손님용 일정표가 아직 없어 비교할 대상이 없습니다. \
                             변경 사항 상자 없이 인쇄하세요",
                            who.ko()
                        ),
                    ))
                })
        }
        ChangesSince::Release(n) => {
            let old = store
                .release(key, Some(n))
                .await?
                .ok_or_else(|| no_release(key, n))?;
            if &old.info.audience != audience {
                let (then, now) = (
                    audience_words(d, &old.info.audience),
                    audience_words(d, audience),
                );
                return Err(Error::Invalid(Text::new(
                    format!(
                        "v{n} was printed for {}, not for {}; pick a release of the same audience",
                        then.en(),
                        now.en()
                    ),
                    format!(
                        "v{n}은(는) {} 앞으로 인쇄한 것으로, {}용이 아닙니다. 같은 대상의 \
                         릴리스를 고르세요",
                        then.ko(),
                        now.ko()
                    ),
                )));
            }
            Ok(old)
        }
    }
}

fn no_release(delegation: &Key, n: u32) -> Error {
    Error::NotFound {
        kind: "release",
        key: format!("{delegation} v{n}"),
    }
}

/// An audience as a scheduler reads it: "the whole delegation", "sub-group 'Track A'",
/// "member 'Nguyễn Trường Sơn'" (the key when the entity is gone since).
pub fn audience_words(d: &DelegationPlan, audience: &Audience) -> Text {
    match audience {
        Audience::Delegation => Text::new("the whole delegation", "방문단 전체"),
        Audience::SubGroup(k) => {
            let name = d
                .delegation
                .subgroups
                .iter()
                .find(|g| &g.key == k)
                .map(|g| g.name.best(Lang::En))
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(k.as_str());
            Text::new(format!("sub-group '{name}'"), format!("소그룹 '{name}'"))
        }
        Audience::Member(k) => {
            let name = d
                .members
                .iter()
                .find(|m| &m.key == k)
                .map(|m| m.native_name.as_str())
                .unwrap_or(k.as_str());
            Text::new(format!("member '{name}'"), format!("단원 '{name}'"))
        }
    }
}

pub(crate) fn find_delegation<'p>(plan: &'p Plan, key: &Key) -> Result<&'p DelegationPlan> {
    plan.delegation(key).ok_or_else(|| Error::NotFound {
        kind: "delegation",
        key: key.to_string(),
    })
}

/// The institution line of a document in `primary` and `secondary`: both names when they
/// differ ("Seoul National University Hospital / 서울대학교병원"), one when they agree.
pub fn institution_line(names: &LocalizedText, primary: Lang, secondary: Lang) -> String {
    let first = names.best(primary).trim();
    let second = names.best(secondary).trim();
    if second.is_empty() || first == second {
        first.to_owned()
    } else if first.is_empty() {
        second.to_owned()
    } else {
        format!("{first} / {second}")
    }
}

/// Fills the institution name and logo a request left empty from the office settings.
pub(crate) async fn with_office(
    store: &Store,
    mut options: PrintOptions,
    primary: Lang,
    secondary: Lang,
) -> Result<PrintOptions> {
    if !options.institution.trim().is_empty() && options.logo_png.is_some() {
        return Ok(options);
    }
    let office = store.office_settings().await?.settings;
    if options.institution.trim().is_empty() {
        options.institution = institution_line(&office.institution, primary, secondary);
    }
    if options.logo_png.is_none() {
        options.logo_png = office.logo_png;
    }
    Ok(options)
}

/// Which document to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentRequest {
    /// The guests' itinerary (recorded as a release).
    Guest {
        /// Delegation, sub-group or member.
        audience: Audience,
        /// Show a "Changes since" box, compared with this release of the same audience.
        #[ts(optional)]
        changes_since: Option<ChangesSince>,
    },
    /// The staff run sheet.
    Staff,
    /// One interpreter's assignments across delegations.
    Interpreter {
        /// The interpreter.
        interpreter: Key,
        /// First day (local), inclusive.
        from: chrono::NaiveDate,
        /// Last day (local), inclusive.
        to: chrono::NaiveDate,
    },
}

/// Everything the print dialog chooses.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PrintRequest {
    /// The delegation (for the interpreter sheet: the one the dialog was opened from).
    pub delegation: Key,
    /// Which document.
    pub document: DocumentRequest,
    /// Paper and languages.
    pub options: PrintOptions,
    /// Who prints.
    pub by: String,
}

/// A printed document; guest prints also carry the release they were recorded as.
#[derive(Debug, Clone)]
pub struct PrintedDocument {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The release, for guest documents.
    pub release: Option<ReleaseInfo>,
}

/// Prints any document. Guest itineraries become releases (see [`print_guest`]).
pub async fn print_document(
    store: &Store,
    fonts: &Fonts,
    req: PrintRequest,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<PrintedDocument> {
    match req.document {
        DocumentRequest::Guest {
            audience,
            changes_since,
        } => {
            let guest = GuestPrint {
                delegation: req.delegation,
                audience,
                options: req.options,
                changes_since,
                by: req.by,
                zone,
            };
            let printed = print_guest(store, fonts, guest, now).await?;
            Ok(PrintedDocument {
                pdf: printed.pdf,
                release: Some(printed.release),
            })
        }
        DocumentRequest::Staff => {
            let plan = store.load_plan().await?;
            // The run sheet's defaults (see `print::staff`): Korean over the guests' language.
            let guest = find_delegation(&plan, &req.delegation)?
                .delegation
                .languages
                .first()
                .copied()
                .unwrap_or(Lang::En);
            let primary = req.options.language.unwrap_or(Lang::Ko);
            let secondary = req.options.with.unwrap_or(guest);
            let options = with_office(store, req.options, primary, secondary).await?;
            let pdf = print::staff_run_sheet(&plan, fonts, &req.delegation, &options)?;
            Ok(PrintedDocument { pdf, release: None })
        }
        DocumentRequest::Interpreter {
            interpreter,
            from,
            to,
        } => {
            if to < from {
                return Err(Error::Invalid(Text::new(
                    format!("to: {to} is before from: {from}"),
                    format!("종료일: {to}이 시작일 {from}보다 이릅니다"),
                )));
            }
            let plan = store.load_plan().await?;
            // The interpreter sheet's defaults (see `print::interpreter`): Korean over English.
            let primary = req.options.language.unwrap_or(Lang::Ko);
            let secondary = req.options.with.unwrap_or(Lang::En);
            let options = with_office(store, req.options, primary, secondary).await?;
            let pdf =
                print::interpreter_assignments(&plan, fonts, &interpreter, from, to, &options)?;
            Ok(PrintedDocument { pdf, release: None })
        }
    }
}
