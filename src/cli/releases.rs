//! `itinera releases` and `itinera changes`: what was printed for guests, and what changed
//! since.
//!
//! Changes are compared per audience: `--since last` takes the latest release of the chosen
//! audience (whole delegation unless `--member`/`--subgroup`), and a named `vN` printed for
//! another audience is refused (see [`crate::publish`]).

use std::process::ExitCode;

use clap::Args;

use crate::api::{ChangesInput, ChangesSince};
use crate::model::{Key, Lang};
use crate::print::Audience;
use crate::store::Store;
use crate::wording::Text;
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
    /// The release to compare with: `v2` (or `2`), or `last` for the latest release of the
    /// audience.
    #[arg(long, value_name = "vN|last", value_parser = parse_since)]
    pub since: ChangesSince,
    /// Compare one member's copy (default: the audience of the named release, or the whole
    /// delegation with `last`).
    #[arg(long, value_name = "KEY", conflicts_with = "subgroup")]
    pub member: Option<Key>,
    /// Compare one sub-group's copy.
    #[arg(long, value_name = "KEY")]
    pub subgroup: Option<Key>,
    /// Language of the change descriptions.
    #[arg(long, default_value = "en", value_parser = parse_lang)]
    pub language: Lang,
}

/// Parses `v2`, `2` or `last` (any case).
pub(super) fn parse_since(s: &str) -> std::result::Result<ChangesSince, String> {
    if s.eq_ignore_ascii_case("last") {
        return Ok(ChangesSince::LastOfAudience);
    }
    s.trim_start_matches(['v', 'V'])
        .parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .map(ChangesSince::Release)
        .ok_or_else(|| format!("'{s}' is not a release like v2 (or 'last')"))
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
    let audience = match (&args.member, &args.subgroup) {
        (Some(m), _) => Some(Audience::Member(m.clone())),
        (None, Some(g)) => Some(Audience::SubGroup(g.clone())),
        (None, None) => None,
    };
    let input = ChangesInput {
        delegation: args.delegation.clone(),
        since: args.since,
        audience,
    };
    let found = crate::publish::changes_since(store, &input)
        .await
        .map_err(|e| match (e, args.since) {
            (
                Error::NotFound {
                    kind: "release", ..
                },
                ChangesSince::Release(n),
            ) => Error::Invalid(Text::new(
                format!("{} has no release v{n}", args.delegation),
                format!("{}에 릴리스 v{n}이 없습니다", args.delegation),
            )),
            (other, _) => other,
        })?;
    if found.changes.is_empty() {
        println!("no changes for guests since v{}", found.since_version);
    } else {
        println!("changes since v{}:", found.since_version);
    }
    for c in &found.changes {
        println!("{}", c.describe(args.language));
    }
    Ok(ExitCode::SUCCESS)
}
