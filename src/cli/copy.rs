//! `itinera copy`: moves everything from one database to another (SQLite ↔ PostgreSQL).
//!
//! The whole source is read from one snapshot and written into the target in one
//! transaction, so the target ends up with all of it or nothing. A target that holds
//! anything is refused unless `--replace` is given. Locations are shown without passwords.

use std::process::ExitCode;

use clap::Args;

use crate::Result;
use crate::store::Store;

/// Arguments of `itinera copy`.
#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The database to copy from (a SQLite file or a postgres:// URL).
    #[arg(long, value_name = "URL")]
    pub from: String,
    /// The database to copy into; it must be empty unless --replace is given.
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Replace everything in a non-empty target.
    #[arg(long)]
    pub replace: bool,
}

/// Runs the copy and reports what was moved.
pub async fn run(args: &CopyArgs) -> Result<ExitCode> {
    let source = Store::open(&args.from).await?;
    let target = Store::open(&args.to).await?;
    let result = source.copy_to(&target, args.replace).await;
    source.close().await;
    target.close().await;
    let dump = result?;
    let items: usize = dump.plan.delegations.iter().map(|d| d.items.len()).sum();
    eprintln!(
        "copied {} to {}: {} delegations, {items} items, {} releases, {} acknowledgements{}",
        source.location(),
        target.location(),
        dump.plan.delegations.len(),
        dump.releases.len(),
        dump.acknowledgements.len(),
        if dump.office.is_some() {
            ", office settings"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}
