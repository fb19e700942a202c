//! The `itinera` command line: the same core as the app, without a window.

use std::process::ExitCode;

use clap::Parser;
use itinera::cli::{Cli, run};

#[tokio::main]
async fn main() -> ExitCode {
    // Diagnostics go to standard error, filtered by RUST_LOG (warnings by default), so they
    // never mix with exported data on standard output.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new(format!(
                    "warn,{}",
                    itinera::schedule::SOLVER_LOG_DIRECTIVE
                ))
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    run(Cli::parse()).await
}
