//! `itinera schedule`: propose a delegation's programme from its scheduling requests.
//!
//! An adapter: loads the stored plan with its stored requests (saved in the app, or brought
//! in by `itinera import`), runs the pure scheduler and prints the proposal or the reasons.
//! `--requests FILE` replaces the stored requests for this run only (nothing is stored), to
//! try a variant without editing the database. Exit 0 with a proposal, 1 when the requests
//! cannot all be placed, 2 on bad input. `--apply` saves the proposed items as tentative
//! through [`crate::programme::accept_proposal`] (the app's "Accept all" does the same), all
//! or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{EXIT_BAD_INPUT, EXIT_PROBLEMS, read_text};
use crate::Result;
use crate::model::{Key, Lang};
use crate::plan;
use crate::programme::{self, AcceptProposal};
use crate::schedule::{self, Outcome};
use crate::store::Store;

/// How to print the answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormat {
    /// One line per proposed item or reason, for people.
    #[default]
    Text,
    /// The whole outcome as JSON, for scripts.
    Json,
}

/// Arguments of `itinera schedule`.
#[derive(Debug, Clone, Args)]
pub struct ScheduleArgs {
    /// The delegation whose programme to propose.
    #[arg(long, value_name = "KEY", value_parser = parse_key)]
    pub delegation: Key,
    /// A JSON file with a `requests` list (a plan file will do) to use instead of the stored
    /// requests, for this run only.
    #[arg(long, value_name = "FILE.json")]
    pub requests: Option<PathBuf>,
    /// Time budget of the solver in milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub budget_ms: u64,
    /// Save the proposed items as tentative (all or nothing).
    #[arg(long)]
    pub apply: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScheduleFormat::Text)]
    pub format: ScheduleFormat,
}

fn parse_key(s: &str) -> std::result::Result<Key, String> {
    Key::new(s)
}

/// Runs `itinera schedule` against the store.
pub async fn run(store: &Store, args: &ScheduleArgs) -> Result<ExitCode> {
    let (mut plan, options) = programme::prepare(store, args.budget_ms, None).await?;
    if let Some(path) = &args.requests {
        match plan::read_requests(&read_text(path)?, &plan) {
            Ok(requests) => plan.requests = requests,
            Err(problems) => {
                eprintln!(
                    "{}: {} problem(s):\n{}",
                    path.display(),
                    problems.len(),
                    plan::format_problems(&problems)
                );
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        }
    }
    let outcome = schedule::propose(&plan, &args.delegation, &options)?;
    match args.format {
        ScheduleFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&outcome).unwrap_or_else(|_| "{}".into())
        ),
        ScheduleFormat::Text => print!("{}", to_text(&outcome)),
    }
    match outcome {
        Outcome::Infeasible(_) => Ok(ExitCode::from(EXIT_PROBLEMS)),
        Outcome::Proposal(p) if args.apply => {
            let input = AcceptProposal {
                delegation: args.delegation.clone(),
                items: p.items,
            };
            let saved = programme::accept_proposal(store, &input).await?;
            eprintln!("saved {} tentative item(s)", saved.len());
            Ok(ExitCode::SUCCESS)
        }
        Outcome::Proposal(_) => Ok(ExitCode::SUCCESS),
    }
}

/// The outcome as lines for people.
pub fn to_text(outcome: &Outcome) -> String {
    let mut out = String::new();
    match outcome {
        Outcome::Proposal(p) => {
            let quality = match (p.optimal, p.within_percent, p.bound) {
                (true, _, _) => "proven optimal".to_string(),
                (false, Some(percent), Some(bound)) => {
                    format!("at most {percent}% above the best possible, bound {bound}")
                }
                _ => "not proven optimal".to_string(),
            };
            out += &format!(
                "proposal: {} item(s), cost {} (first {}, {quality}), {} ms to the first, {} ms in all\n",
                p.items.len(),
                p.objective,
                p.first_objective,
                p.first_ms,
                p.total_ms
            );
            for i in &p.items {
                out += &format!(
                    "  {}  {}–{}  {:<28} {}{}\n",
                    i.start.format("%a %Y-%m-%d"),
                    i.start.format("%H:%M"),
                    i.end.format("%H:%M"),
                    i.key,
                    i.title.best(Lang::En),
                    i.venue
                        .as_ref()
                        .map(|v| format!("  @{v}"))
                        .unwrap_or_default()
                );
            }
        }
        Outcome::Infeasible(why) => {
            out += &format!("cannot be scheduled: {}\n", why.summary);
            for r in &why.requirements {
                out += &format!("  - {}\n", r.text);
            }
            if !why.minimal {
                out += "  (not proven minimal within the budget)\n";
            }
        }
    }
    out
}
