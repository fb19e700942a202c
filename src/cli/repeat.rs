//! `itinera repeat`: a past visit's programme copied to new dates as a new delegation.
//!
//! An adapter over [`crate::revisit`]: prints the new visit and every conflict its new dates
//! meet (the copied items are tentative holds, so conflicts are shown, never blocking the
//! copy). Exit 0 when the copy was stored, 2 on bad input (nothing stored).

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use crate::Result;
use crate::api::CheckInput;
use crate::conflicts::report;
use crate::model::{Key, Lang, LocalizedText};
use crate::revisit::{self, RepeatVisit};
use crate::store::Store;

/// Arguments of `itinera repeat`.
#[derive(Debug, Args)]
pub struct RepeatArgs {
    /// The past delegation whose programme to copy.
    #[arg(long, value_name = "KEY")]
    pub from: Key,
    /// Key of the new delegation.
    #[arg(long = "as", value_name = "KEY")]
    pub key: Key,
    /// The new arrival day in the visit's zone, e.g. 2027-03-09; every date moves with it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub arrival: NaiveDate,
    /// Name of the new visit in Korean (default: the past visit's name).
    #[arg(long, value_name = "TEXT")]
    pub name_ko: Option<String>,
    /// Name of the new visit in English.
    #[arg(long, value_name = "TEXT")]
    pub name_en: Option<String>,
    /// Copy the members too (under new keys).
    #[arg(long)]
    pub with_members: bool,
}

pub(super) async fn run(store: &Store, args: &RepeatArgs) -> Result<ExitCode> {
    let mut name = LocalizedText::default();
    for (lang, text) in [(Lang::Ko, &args.name_ko), (Lang::En, &args.name_en)] {
        if let Some(text) = text {
            name = name.with(lang, text.trim());
        }
    }
    let ask = RepeatVisit {
        source: args.from.clone(),
        key: args.key.clone(),
        name: (!name.0.is_empty()).then_some(name),
        arrival_date: args.arrival,
        with_members: args.with_members,
    };
    let detail = revisit::repeat(store, &ask).await?;
    let d = &detail.delegation;
    println!(
        "{}: {} → {} ({}), {} member(s), {} item(s) as tentative holds",
        d.key,
        d.arrival.format("%Y-%m-%d %H:%M"),
        d.departure.format("%Y-%m-%d %H:%M"),
        d.timezone.name(),
        detail.members.len(),
        store.list_items(&d.key).await?.len(),
    );
    let conflicts = store
        .check(&CheckInput {
            delegation: Some(d.key.clone()),
            lang: None,
        })
        .await?;
    if conflicts.is_empty() {
        println!("no conflict at the new dates");
    } else {
        println!("at the new dates:");
        print!("{}", report::to_text(&conflicts));
    }
    Ok(ExitCode::SUCCESS)
}
