//! `itinera releases` and `itinera changes`: what was printed for guests, and what changed
//! since.

use std::process::ExitCode;

use clap::Args;

use crate::api::ChangesInput;
use crate::model::{Key, Lang};
use crate::store::Store;
use crate::{Error, Result};

/// Arguments of `itinera releases`.
#[derive(Debug, Args)]
pub struct ReleasesArgs {
    /// The delegation's key.
    #[arg(long, value_name = "KEY")]
    pub delegation: Key,
}

/// Arguments of `itinera changes`.
#[derive(Debug, Args)]
pub struct ChangesArgs {
    /// The delegation's key.
    #[arg(long, value_name = "KEY")]
    pub delegation: Key,
    /// The release to compare with, e.g. `v2` (or `2`).
    #[arg(long, value_name = "vN", value_parser = parse_release)]
    pub since: u32,
    /// Language of the change descriptions.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub language: Lang,
}

fn parse_release(s: &str) -> std::result::Result<u32, String> {
    s.trim_start_matches(['v', 'V'])
        .parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("'{s}' is not a release like v2"))
}

fn parse_lang(s: &str) -> std::result::Result<Lang, String> {
    s.parse::<Lang>().map_err(|e| e.to_string())
}

pub(super) async fn releases(store: &Store, args: &ReleasesArgs) -> Result<ExitCode> {
    let releases = store.list_releases(&args.delegation).await?;
    if releases.is_empty() {
        println!(
            "{}: no guest itinerary has been printed yet",
            args.delegation
        );
    }
    for r in releases {
        let audience = serde_json::to_value(&r.audience)
            .ok()
            .and_then(|v| v.get("key").and_then(|k| k.as_str()).map(str::to_owned))
            .unwrap_or_else(|| "whole delegation".into());
        println!(
            "v{}  {}  {:>3} items  {}  by {}",
            r.number,
            r.released_at.format("%Y-%m-%d %H:%M %:z"),
            r.item_count,
            audience,
            r.released_by
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) async fn changes(store: &Store, args: &ChangesArgs) -> Result<ExitCode> {
    let input = ChangesInput {
        delegation: args.delegation.clone(),
        since: args.since,
        audience: None,
    };
    let changes = crate::publish::changes_since(store, &input)
        .await
        .map_err(|e| match e {
            Error::NotFound {
                kind: "release", ..
            } => Error::Invalid(format!(
                "{} has no release v{}",
                args.delegation, args.since
            )),
            other => other,
        })?;
    if changes.is_empty() {
        println!("no changes for guests since v{}", args.since);
    }
    for c in &changes {
        println!("{}", c.describe(args.language));
    }
    Ok(ExitCode::SUCCESS)
}
