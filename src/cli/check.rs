//! `itinera check`: every conflict of the stored plan, blocking first.
//!
//! An adapter: the store runs the pure checker over the stored plan, acknowledgements and
//! print log; this prints text or JSON, and exit 1 when a
//! blocking conflict is shown (0 otherwise), so scripts and CI can gate on it. With
//! `--delegation`, only conflicts involving that visit's items are shown and counted. With
//! `--lang ko`, messages (text and JSON) and the text labels are in Korean; codes, keys and
//! the JSON field names stay the same for scripts.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::Result;
use crate::api::CheckInput;
use crate::conflicts::report;
use crate::model::{Key, Lang};

/// How to print the conflicts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per conflict, for people.
    #[default]
    Text,
    /// `{blocking, warnings, conflicts: [...]}`, for scripts.
    Json,
}

/// The language of the conflicts' messages and of the text report's labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum CheckLang {
    /// Korean, the schedulers' language.
    Ko,
    /// English.
    #[default]
    En,
}

impl From<CheckLang> for Lang {
    fn from(l: CheckLang) -> Lang {
        match l {
            CheckLang::Ko => Lang::Ko,
            CheckLang::En => Lang::En,
        }
    }
}

/// Arguments of `itinera check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// Only conflicts involving this delegation's items.
    #[arg(long, value_name = "KEY", value_parser = parse_key)]
    pub delegation: Option<Key>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Language of the messages (text and JSON) and of the text labels.
    #[arg(long, value_enum, default_value_t = CheckLang::En)]
    pub lang: CheckLang,
}

fn parse_key(s: &str) -> std::result::Result<Key, String> {
    Key::new(s)
}

/// Runs the check against the store (with its acknowledgements and print log) and prints
/// the result.
pub async fn run(store: &crate::store::Store, args: &CheckArgs) -> Result<ExitCode> {
    let lang = Lang::from(args.lang);
    let input = CheckInput {
        delegation: args.delegation.clone(),
        lang: Some(lang),
    };
    let found = store.check(&input).await?;
    let out = match args.format {
        CheckFormat::Text => report::to_text_in(&found, lang),
        CheckFormat::Json => report::to_json(&found) + "\n",
    };
    print!("{out}");
    Ok(if report::has_blocking(&found) {
        ExitCode::from(super::EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}
