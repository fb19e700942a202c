//! `itinera print` and `itinera ics`: PDF documents and calendar files from the database.
//!
//! Adapters only: arguments → [`crate::publish::print_document`] (guest prints are recorded as
//! releases there) or [`crate::calendar::ics`]. This is the edge, so the clock is read here
//! and passed down.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;
use clap::{Args, ValueEnum};

use crate::api::ChangesSince;
use crate::calendar::{CalendarOptions, CalendarScope};
use crate::model::{Key, Lang};
use crate::print::{Audience, Fonts, Paper, PrintOptions};
use crate::publish::{DocumentRequest, PrintRequest};
use crate::store::Store;
use crate::wording::Text;
use crate::{Error, Result};

/// Which document to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentKind {
    /// The guests' itinerary (recorded as a release).
    Guest,
    /// The staff run sheet.
    Staff,
    /// One interpreter's assignments across delegations.
    Interpreter,
}

/// Arguments of `itinera print`.
#[derive(Debug, Args)]
pub struct PrintArgs {
    /// The delegation's key.
    #[arg(long, value_name = "KEY")]
    pub delegation: Key,
    /// Which document.
    #[arg(long, value_enum, default_value = "guest")]
    pub document: DocumentKind,
    /// Guest copy for one member only (the items that member attends).
    #[arg(long, value_name = "KEY", conflicts_with = "subgroup")]
    pub member: Option<Key>,
    /// Guest copy for one sub-group.
    #[arg(long, value_name = "KEY")]
    pub subgroup: Option<Key>,
    /// The interpreter (for `--document interpreter`).
    #[arg(long, value_name = "KEY", required_if_eq("document", "interpreter"))]
    pub interpreter: Option<Key>,
    /// First day of the interpreter sheet (default: the delegation's arrival).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<NaiveDate>,
    /// Last day of the interpreter sheet (default: the delegation's departure).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<NaiveDate>,
    /// Main language (guest copies default to the delegation's language, staff to ko).
    #[arg(long, value_parser = parse_lang)]
    pub language: Option<Lang>,
    /// Second language printed below the first: ko or en.
    #[arg(long, value_parser = parse_lang)]
    pub with: Option<Lang>,
    /// Paper size: a4 or letter.
    #[arg(long, default_value = "a4", value_parser = parse_paper)]
    pub paper: Paper,
    /// Institution name in the header (default: the office settings, in the document's
    /// languages).
    #[arg(long, env = "ITINERA_INSTITUTION", default_value = "")]
    pub institution: String,
    /// The institution's logo (PNG; default: the office settings' logo).
    #[arg(long, value_name = "FILE.png")]
    pub logo: Option<PathBuf>,
    /// Add a "Changes since" box to a guest copy: `last` compares with the latest copy
    /// printed for the same audience; `v2` names a release, which must be of that audience.
    #[arg(long, value_name = "vN|last", value_parser = super::releases::parse_since)]
    pub changes_since: Option<ChangesSince>,
    /// The office's IANA zone, for the release time in the footer.
    #[arg(long, default_value = "Asia/Seoul", value_parser = parse_zone)]
    pub zone: Tz,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

/// Arguments of `itinera ics`.
#[derive(Debug, Args)]
pub struct IcsArgs {
    /// The delegation's key.
    #[arg(long, value_name = "KEY")]
    pub delegation: Key,
    /// One member's calendar.
    #[arg(long, value_name = "KEY", group = "whose")]
    pub member: Option<Key>,
    /// One host's calendar (internal items included).
    #[arg(long, value_name = "KEY", group = "whose")]
    pub host: Option<Key>,
    /// One interpreter's calendar (internal items included).
    #[arg(long, value_name = "KEY", group = "whose")]
    pub interpreter: Option<Key>,
    /// Language of summaries and locations (default: the delegation's language).
    #[arg(long, value_parser = parse_lang)]
    pub language: Option<Lang>,
    /// SEQUENCE of the events (default: the number of the latest guest release).
    #[arg(long)]
    pub sequence: Option<u32>,
    /// Where to write the .ics file.
    #[arg(long, value_name = "FILE.ics")]
    pub out: PathBuf,
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}

fn parse_paper(s: &str) -> std::result::Result<Paper, String> {
    match s.to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "letter" => Ok(Paper::Letter),
        _ => Err(format!("'{s}' is no paper size (use a4 or letter)")),
    }
}

fn parse_zone(s: &str) -> std::result::Result<Tz, String> {
    s.parse::<Tz>()
        .map_err(|_| format!("unknown time zone '{s}' (use an IANA name such as 'Asia/Seoul')"))
}

/// Writes bytes beside the final name and renames, so a failure never leaves half a file.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Runs `itinera print`.
pub async fn run(store: &Store, args: &PrintArgs) -> Result<ExitCode> {
    let plan = store.load_plan().await?;
    let d = plan
        .delegation(&args.delegation)
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: args.delegation.to_string(),
        })?;
    let document = match args.document {
        DocumentKind::Guest => DocumentRequest::Guest {
            audience: match (&args.member, &args.subgroup) {
                (Some(m), _) => Audience::Member(m.clone()),
                (None, Some(g)) => Audience::SubGroup(g.clone()),
                (None, None) => Audience::Delegation,
            },
            changes_since: args.changes_since,
        },
        DocumentKind::Staff => DocumentRequest::Staff,
        DocumentKind::Interpreter => {
            let interpreter = args.interpreter.clone().ok_or_else(|| {
                Error::Invalid(Text::new(
                    "--interpreter KEY is required for the interpreter sheet",
                    "통역사 일정표에는 --interpreter KEY가 필요합니다",
                ))
            })?;
            let zone = d.delegation.timezone;
            DocumentRequest::Interpreter {
                interpreter,
                from: args
                    .from
                    .unwrap_or_else(|| d.delegation.arrival.with_timezone(&zone).date_naive()),
                to: args
                    .to
                    .unwrap_or_else(|| d.delegation.departure.with_timezone(&zone).date_naive()),
            }
        }
    };
    let logo_png = match &args.logo {
        Some(p) => Some(std::fs::read(p).map_err(|source| Error::Io {
            path: p.display().to_string(),
            source,
        })?),
        None => None,
    };
    let options = PrintOptions {
        paper: args.paper,
        language: args.language,
        with: args.with,
        institution: args.institution.clone(),
        logo_png,
        release: None,
        changes: None,
    };
    let by = Some(crate::api::WorkstationUser::from_env().name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "itinera".into());
    let fonts = Fonts::new();
    let request = PrintRequest {
        delegation: args.delegation.clone(),
        document,
        options,
        by,
    };
    let printed =
        crate::publish::print_document(store, &fonts, request, args.zone, Utc::now()).await?;
    write_file(&args.out, &printed.pdf)?;
    match printed.release {
        Some(r) => println!(
            "{}: release v{} ({} KB)",
            args.out.display(),
            r.number,
            printed.pdf.len() / 1024
        ),
        None => println!("{} ({} KB)", args.out.display(), printed.pdf.len() / 1024),
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `itinera ics`.
pub async fn run_ics(store: &Store, args: &IcsArgs) -> Result<ExitCode> {
    let plan = store.load_plan().await?;
    let d = plan
        .delegation(&args.delegation)
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: args.delegation.to_string(),
        })?;
    let scope = match (&args.member, &args.host, &args.interpreter) {
        (Some(m), ..) => CalendarScope::Member(m.clone()),
        (None, Some(h), _) => CalendarScope::Host(h.clone()),
        (None, None, Some(i)) => CalendarScope::Interpreter(i.clone()),
        (None, None, None) => CalendarScope::Delegation,
    };
    let sequence = match args.sequence {
        Some(s) => s,
        None => store
            .list_releases(&args.delegation)
            .await?
            .last()
            .map_or(0, |r| r.number),
    };
    let options = CalendarOptions {
        language: args
            .language
            .or_else(|| d.delegation.languages.first().copied())
            .unwrap_or(Lang::En),
        sequence,
        stamp: Utc::now(),
    };
    let text = crate::calendar::ics(&plan, &args.delegation, &scope, &options)?;
    write_file(&args.out, text.as_bytes())?;
    println!(
        "{}: {} events",
        args.out.display(),
        text.matches("BEGIN:VEVENT").count()
    );
    Ok(ExitCode::SUCCESS)
}
