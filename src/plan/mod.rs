//! Plan files: the JSON interchange format for everything the database holds.
//!
//! A [`Plan`] describes a complete situation (directory, delegations, members, items with
//! their bookings). Entities refer to each other by [`Key`]. Reading a plan collects *every*
//! problem with its JSON path before anything is stored; see `docs/plan-format.md`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{
    Delegation, DirectorySettings, Host, Interpreter, ItineraryItem, Key, Member, Request, Site,
    TravelTime, Venue,
};

/// The value of the `format` field of every plan file.
pub const FORMAT: &str = "itinera-plan";
/// The version of the format this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole plan: the shared directory and every delegation with its members and items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Always `"itinera-plan"`.
    pub format: String,
    /// Format version, currently 1.
    pub version: u32,
    /// Directory-wide settings.
    #[serde(default)]
    pub settings: DirectorySettings,
    /// Sites.
    #[serde(default)]
    pub sites: Vec<Site>,
    /// Travel minutes between sites.
    #[serde(default)]
    pub travel: Vec<TravelTime>,
    /// Venues.
    #[serde(default)]
    pub venues: Vec<Venue>,
    /// Hosts (staff).
    #[serde(default)]
    pub hosts: Vec<Host>,
    /// Interpreters.
    #[serde(default)]
    pub interpreters: Vec<Interpreter>,
    /// Delegations with their members and items.
    #[serde(default)]
    pub delegations: Vec<DelegationPlan>,
    /// Scheduling requests of the delegations (what their programmes should contain), each
    /// naming its delegation; see `crate::schedule`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<Request>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            settings: DirectorySettings::default(),
            sites: vec![],
            travel: vec![],
            venues: vec![],
            hosts: vec![],
            interpreters: vec![],
            delegations: vec![],
            requests: vec![],
        }
    }
}

/// A delegation as it stands in a plan file: its own fields plus members and items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DelegationPlan {
    /// The delegation's own fields.
    #[serde(flatten)]
    pub delegation: Delegation,
    /// Members, in any order (precedence orders them).
    #[serde(default)]
    pub members: Vec<Member>,
    /// Itinerary items.
    #[serde(default)]
    pub items: Vec<ItineraryItem>,
}

impl Plan {
    /// Finds a delegation by key.
    pub fn delegation(&self, key: &Key) -> Option<&DelegationPlan> {
        self.delegations.iter().find(|d| &d.delegation.key == key)
    }

    /// The scheduling requests of one delegation, in plan order.
    pub fn requests_of(&self, delegation: &Key) -> impl Iterator<Item = &Request> {
        let delegation = delegation.clone();
        self.requests
            .iter()
            .filter(move |r| r.delegation == delegation)
    }
}

/// One problem found in a plan, with the JSON path of the offending value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Problem {
    /// JSON path, e.g. `$.delegations[0].items[3].end`.
    pub path: String,
    /// What is wrong, in plain words.
    #[ts(type = "string")]
    pub message: crate::wording::Text,
}

/// Formats problems one per line, as the CLI prints them.
pub fn format_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {}: {}", p.path, p.message))
        .collect::<Vec<_>>()
        .join("\n")
}

mod normalise;
mod parse;
mod requests;
mod validate;

pub use validate::{DelegationPaths, Paths};

/// Reads a plan file's text: every problem is reported (with its JSON path) or the plan is
/// returned checked and normalised. `existing` is the database's content when the plan is to
/// be added to it (references may point into it; keys must not collide with it).
pub fn read(text: &str, existing: Option<&Plan>) -> Result<Plan, Vec<Problem>> {
    let (mut plan, paths, raw, mut problems) = parse::parse(text);
    problems.extend(validate::validate(&plan, &paths, &raw, existing));
    if !problems.is_empty() {
        return Err(problems);
    }
    normalise::normalise(&mut plan, existing);
    Ok(plan)
}

/// Reads the `requests` of a JSON document (a plan file, or just `{"requests": [...]}`; other
/// fields are ignored) and checks them against `existing`, the database's content.
pub fn read_requests(text: &str, existing: &Plan) -> Result<Vec<Request>, Vec<Problem>> {
    requests::read(text, existing)
}

/// Checks a plan built in code (e.g. one entity from the UI wrapped in a plan) the same way a
/// file is checked.
pub fn check(plan: &Plan, existing: Option<&Plan>) -> Vec<Problem> {
    validate::validate(plan, &Paths::of(plan), &parse::RawKeys::default(), existing)
}

/// Normalises a plan built in code: NFC text, times in the zone of where they happen.
pub fn normalise(plan: &mut Plan, existing: Option<&Plan>) {
    normalise::normalise(plan, existing);
}

/// Writes a plan as pretty JSON, the form `itinera export` produces.
pub fn to_json(plan: &Plan) -> String {
    // Serialising plain data to a String cannot fail; an empty object would be a bug signal.
    serde_json::to_string_pretty(plan).unwrap_or_else(|_| "{}".into()) + "\n"
}

/// The JSON Schema of plan files, generated from the Rust types (`docs/plan.schema.json`).
pub fn schema() -> String {
    let schema = schemars::schema_for!(Plan);
    serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".into()) + "\n"
}
