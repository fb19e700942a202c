//! `itinera import`, `export` and `schema`: plan files in and out.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{EXIT_BAD_INPUT, read_text, write_text};
use crate::Result;
use crate::plan;
use crate::store::Store;

/// Arguments of `itinera import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The plan file (JSON, see docs/plan-format.md).
    pub file: PathBuf,
}

/// Arguments of `itinera export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE.json")]
    pub out: Option<PathBuf>,
}

/// Arguments of `itinera schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE.json")]
    pub out: Option<PathBuf>,
}

pub(super) async fn import(store: &Store, args: &ImportArgs) -> Result<ExitCode> {
    let text = read_text(&args.file)?;
    let existing = store.load_plan().await?;
    let plan = match plan::read(&text, Some(&existing)) {
        Ok(plan) => plan,
        Err(problems) => {
            eprintln!(
                "{}: {} problem(s), nothing was imported:\n{}",
                args.file.display(),
                problems.len(),
                plan::format_problems(&problems)
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let summary = store.import_plan(&plan).await?;
    println!(
        "imported {} into {}: {}",
        args.file.display(),
        store.location(),
        summary.added
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) async fn export(store: &Store, args: &ExportArgs) -> Result<ExitCode> {
    let plan = store.load_plan().await?;
    write_text(args.out.as_deref(), &plan::to_json(&plan))?;
    if let Some(out) = &args.out {
        eprintln!("exported {} to {}", store.location(), out.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn schema(args: &SchemaArgs) -> Result<ExitCode> {
    write_text(args.out.as_deref(), &plan::schema())?;
    Ok(ExitCode::SUCCESS)
}
