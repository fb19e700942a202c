//! A guest copy for every member of a delegation, printed as one run that reports progress
//! and can be cancelled (a course of 100 members takes tens of seconds).
//!
//! The run has three phases so the shell can put the CPU work on a blocking thread:
//! [`prepare`] reads the store (plan, office header, the next release numbers), [`render`]
//! lays out and writes every PDF in memory on every core, [`record`] records every copy as a
//! release in one transaction (all or none). Invariant: a cancel is honoured until [`record`] starts, and nothing is written
//! before then — a cancelled run records no release and hands back no PDF to save.
//! Each copy is its own release (numbered consecutively) for [`Audience::Member`], so the
//! "changed after printing" rule and later "Changes since" boxes work per member as for a
//! copy printed alone. Copies of this run carry no "Changes since" box: most members have no
//! earlier copy of their own to compare with.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::{Release, ReleaseInfo};
use crate::conflicts::{PrintLog, PrintedItem, guest_fingerprint};
use crate::model::{Key, Lang};
use crate::plan::Plan;
use crate::print::{self, Audience, Fonts, PrintOptions, ReleaseLabel};
use crate::progress::Progress;
use crate::publish::{find_delegation, with_office};
use crate::release::ReleaseSnapshot;
use crate::store::Store;
use crate::wording::Text;
use crate::{Error, Result};

/// Print the guest itinerary of every member of a delegation into a folder.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintMemberCopies {
    /// The delegation.
    pub delegation: Key,
    /// Paper and languages (the release label is filled in per copy).
    pub options: PrintOptions,
    /// Who prints (recorded with every release).
    pub by: String,
    /// Folder to save into; the user's Documents/Itinera when absent.
    #[serde(default)]
    #[ts(optional)]
    pub folder: Option<String>,
    /// The id the window chose for this run: progress events carry it and
    /// `cancel_operation` names it.
    pub operation: String,
}

/// One member's copy waiting to be rendered and recorded.
#[derive(Debug, Clone)]
struct Copy {
    member: Key,
    options: PrintOptions,
    snapshot: ReleaseSnapshot,
    log: PrintLog,
}

/// Everything read from the store for a run; rendering needs nothing else.
#[derive(Debug, Clone)]
pub struct CopyRun {
    plan: Plan,
    delegation: Key,
    by: String,
    copies: Vec<Copy>,
}

impl CopyRun {
    /// How many copies the run prints.
    pub fn len(&self) -> usize {
        self.copies.len()
    }

    /// Whether the delegation has no member to print for.
    pub fn is_empty(&self) -> bool {
        self.copies.is_empty()
    }
}

/// One member's printed copy and the release it was recorded as.
#[derive(Debug, Clone)]
pub struct MemberCopy {
    /// The member.
    pub member: Key,
    /// The PDF.
    pub pdf: Vec<u8>,
    /// The release recorded.
    pub release: ReleaseInfo,
}

/// Reads what the run needs: the plan, the office header, and release numbers following the
/// delegation's latest release, one per member in protocol order.
pub async fn prepare(
    store: &Store,
    delegation: &Key,
    options: PrintOptions,
    by: &str,
    zone: Tz,
    now: DateTime<Utc>,
) -> Result<CopyRun> {
    let plan = store.load_plan().await?;
    let d = find_delegation(&plan, delegation)?;
    if d.members.is_empty() {
        return Err(Error::Invalid(Text::new(
            format!("delegation '{delegation}' has no members to print copies for"),
            format!("단원별로 인쇄할 단원이 없는 방문단입니다: '{delegation}'"),
        )));
    }
    let previous = store.release(delegation, None).await?;
    let first = previous.as_ref().map_or(1, |r| r.info.number + 1);
    let primary = options
        .language
        .or_else(|| d.delegation.languages.first().copied())
        .unwrap_or(Lang::En);
    let secondary = options.with.unwrap_or(Lang::Ko);
    let options = with_office(store, options, primary, secondary).await?;
    let mut members: Vec<_> = d.members.iter().collect();
    members.sort_by_key(|m| m.precedence);
    let printed_at = now.fixed_offset();
    let mut copies = Vec::with_capacity(members.len());
    for (n, m) in (first..).zip(members) {
        let audience = Audience::Member(m.key.clone());
        let snapshot = ReleaseSnapshot::of_guest_programme(&plan, delegation, &audience)?;
        let shown: HashSet<&Key> = snapshot.items.iter().map(|i| &i.key).collect();
        let log: PrintLog = d
            .items
            .iter()
            .filter(|i| shown.contains(&i.key))
            .map(|i| {
                let printed = PrintedItem {
                    fingerprint: guest_fingerprint(i),
                    printed_at,
                };
                (i.key.clone(), printed)
            })
            .collect();
        let mut opts = options.clone();
        opts.changes = None;
        opts.release = Some(ReleaseLabel {
            version: n,
            released_at: now,
            zone,
        });
        copies.push(Copy {
            member: m.key.clone(),
            options: opts,
            snapshot,
            log,
        });
    }
    Ok(CopyRun {
        plan,
        delegation: delegation.clone(),
        by: by.to_owned(),
        copies,
    })
}

/// Renders every copy (CPU work: call it on a blocking thread), reporting each one done.
/// One copy that cannot be printed fails the run, naming the member, so releases are
/// recorded for all copies or none.
pub fn render(run: &CopyRun, fonts: &Fonts, progress: &Progress<'_>) -> Result<Vec<Vec<u8>>> {
    let jobs: Vec<(Audience, PrintOptions)> = run
        .copies
        .iter()
        .map(|c| (Audience::Member(c.member.clone()), c.options.clone()))
        .collect();
    let pdfs = print::guest_itineraries_with(&run.plan, fonts, &run.delegation, &jobs, progress)?;
    run.copies
        .iter()
        .zip(pdfs)
        .map(|(c, pdf)| {
            pdf.map_err(|e| match e {
                Error::Invalid(t) => Error::Invalid(t.after(
                    format!("the copy for member '{}'", c.member),
                    format!("단원 '{}'의 인쇄본", c.member),
                )),
                other => other,
            })
        })
        .collect()
}

/// Records every rendered copy as its release in one transaction — all copies or none — and
/// is the last point a cancel is honoured.
pub async fn record(
    store: &Store,
    run: CopyRun,
    pdfs: Vec<Vec<u8>>,
    progress: &Progress<'_>,
) -> Result<Vec<MemberCopy>> {
    progress.check()?;
    if pdfs.len() != run.copies.len() {
        return Err(Error::Invalid(Text::new(
            format!(
                "{} copies were rendered for {} members",
                pdfs.len(),
                run.copies.len()
            ),
            format!(
                "단원 {}명에 인쇄본이 {}부 만들어졌습니다",
                run.copies.len(),
                pdfs.len()
            ),
        )));
    }
    let mut releases = Vec::with_capacity(run.copies.len());
    for copy in &run.copies {
        let Some(label) = &copy.options.release else {
            return Err(Error::Invalid(Text::new(
                format!(
                    "the copy for member '{}' has no release number",
                    copy.member
                ),
                format!("단원 '{}'의 인쇄본에 릴리스 번호가 없습니다", copy.member),
            )));
        };
        releases.push(Release {
            info: ReleaseInfo {
                delegation: run.delegation.clone(),
                number: label.version,
                audience: Audience::Member(copy.member.clone()),
                released_at: label.released_at.fixed_offset(),
                released_by: run.by.clone(),
                item_count: copy.snapshot.items.len() as u32,
            },
            snapshot: copy.snapshot.clone(),
        });
    }
    let batch: Vec<(&Release, &PrintLog)> = releases
        .iter()
        .zip(&run.copies)
        .map(|(r, c)| (r, &c.log))
        .collect();
    store.record_releases(&batch).await?;
    Ok(run
        .copies
        .into_iter()
        .zip(releases)
        .zip(pdfs)
        .map(|((copy, release), pdf)| MemberCopy {
            member: copy.member,
            pdf,
            release: release.info,
        })
        .collect())
}

/// The whole run in one call (the command line and tests; the window splits it to render
/// on a blocking thread).
pub async fn print_member_copies(
    store: &Store,
    fonts: &Fonts,
    request: &PrintMemberCopies,
    zone: Tz,
    now: DateTime<Utc>,
    progress: &Progress<'_>,
) -> Result<Vec<MemberCopy>> {
    let run = prepare(
        store,
        &request.delegation,
        request.options.clone(),
        &request.by,
        zone,
        now,
    )
    .await?;
    let pdfs = render(&run, fonts, progress)?;
    record(store, run, pdfs, progress).await
}
