//! The `itinera` command line: parsing arguments and dispatching to one module per command.
//!
//! Exit codes: 0 success, 1 the domain found problems (e.g. blocking conflicts),
//! 2 bad input or usage (clap's own usage errors exit 2 as well).

pub mod check;
pub mod copy;
pub mod members;
mod plan_files;
pub mod print;
mod releases;
mod repeat;
pub mod schedule;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{self, Store};
use crate::{Error, Result};

/// Plan the visits of incoming delegations — the same core as the Itinera app, without a
/// window: import and export plans, check conflicts, print itineraries.
#[derive(Debug, Parser)]
#[command(name = "itinera", version, propagate_version = true)]
pub struct Cli {
    /// Database: a SQLite file path or a postgres:// URL. Default: $ITINERA_DB, else the
    /// database chosen in the app's settings, else itinera.db in the per-user data directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a plan file (JSON) into the database: checked whole first, then written in
    /// one transaction. Nothing is written when any problem is found.
    Import(plan_files::ImportArgs),
    /// Export everything in the database as a plan file.
    Export(plan_files::ExportArgs),
    /// Show the database location, schema version and what it holds.
    Info,
    /// Write the JSON Schema of plan files.
    Schema(plan_files::SchemaArgs),
    /// List every booking conflict, blocking first; exit 1 when one is blocking.
    Check(check::CheckArgs),
    /// List the guest releases (printed versions) of a delegation.
    Releases(releases::ReleasesArgs),
    /// Show what changed for guests since a release.
    Changes(releases::ChangesArgs),
    /// Print a guest itinerary (recorded as a release), a staff run sheet or an
    /// interpreter sheet as PDF.
    Print(print::PrintArgs),
    /// Write a calendar file (.ics) for a delegation, a member, a host or an interpreter.
    Ics(print::IcsArgs),
    /// Propose a delegation's programme from its scheduling requests (exit 1 when they
    /// cannot all be placed; the reasons are printed).
    Schedule(schedule::ScheduleArgs),
    /// Work with the members of a delegation (import a roster from .xlsx / .csv).
    Members(members::MembersArgs),
    /// Repeat a past visit: its programme copied to new dates as a new delegation, the items
    /// as tentative holds, and the conflicts at the new dates listed.
    Repeat(repeat::RepeatArgs),
    /// Copy everything (plan, releases, acknowledgements, office settings) from one
    /// database to another, e.g. a SQLite file to PostgreSQL, in one transaction.
    Copy(copy::CopyArgs),
}

/// Exit status when the domain found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status for bad input or usage.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Runs a parsed command line; prints errors and returns the exit code.
pub async fn run(cli: Cli) -> ExitCode {
    match dispatch(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            match e.kind() {
                crate::ErrorKind::Conflict => ExitCode::from(EXIT_PROBLEMS),
                crate::ErrorKind::Storage => ExitCode::FAILURE,
                _ => ExitCode::from(EXIT_BAD_INPUT),
            }
        }
    }
}

async fn dispatch(cli: Cli) -> Result<ExitCode> {
    let location = store::resolve_location(cli.db.as_deref())?;
    match cli.command {
        Command::Schema(args) => plan_files::schema(&args),
        Command::Import(args) => {
            let store = Store::open(&location).await?;
            let code = plan_files::import(&store, &args).await;
            store.close().await;
            code
        }
        Command::Export(args) => {
            let store = Store::open(&location).await?;
            plan_files::export(&store, &args).await
        }
        Command::Releases(args) => {
            let store = Store::open(&location).await?;
            releases::releases(&store, &args).await
        }
        Command::Changes(args) => {
            let store = Store::open(&location).await?;
            releases::changes(&store, &args).await
        }
        Command::Print(args) => {
            let store = Store::open(&location).await?;
            let code = print::run(&store, &args).await;
            store.close().await;
            code
        }
        Command::Ics(args) => {
            let store = Store::open(&location).await?;
            print::run_ics(&store, &args).await
        }
        Command::Check(args) => {
            let store = Store::open(&location).await?;
            let code = check::run(&store, &args).await;
            store.close().await;
            code
        }
        Command::Schedule(args) => {
            let store = Store::open(&location).await?;
            let code = schedule::run(&store, &args).await;
            store.close().await;
            code
        }
        Command::Members(args) => {
            let store = Store::open(&location).await?;
            let code = members::run(&store, &args).await;
            store.close().await;
            code
        }
        Command::Repeat(args) => {
            let store = Store::open(&location).await?;
            let code = repeat::run(&store, &args).await;
            store.close().await;
            code
        }
        Command::Copy(args) => copy::run(&args).await,
        Command::Info => {
            let store = Store::open(&location).await?;
            let info = store.info().await?;
            println!("database:       {}", info.location);
            println!("schema version: {}", info.schema_version);
            println!("holds:          {}", info.counts);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Reads a file as UTF-8 text, naming the file on failure.
pub(crate) fn read_text(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Writes text to a file, or to standard output when `path` is none. The file is written
/// beside its final name and renamed, so a failure never leaves half a file.
pub(crate) fn write_text(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    let Some(path) = path else {
        print!("{text}");
        return Ok(());
    };
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".partial");
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}
