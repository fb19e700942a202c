//! Reading a plan file while collecting every problem, not just the first.
//!
//! serde stops at the first error, but a scheduler fixing a file wants the whole list. So the
//! document is read as JSON first, then each entity is deserialised on its own; an entity
//! that does not parse is reported with its path and left out, and the semantic checks in
//! [`super::validate`] run over the rest. Keys of entities that failed to parse are still
//! collected so references to them do not produce a second, misleading error.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::validate::{DelegationPaths, Paths};
use super::{DelegationPlan, FORMAT, FORMAT_VERSION, Plan, Problem};
use crate::model::DirectorySettings;
use crate::wording::Text;

/// Keys written in the file, including those of entities that failed to parse.
#[derive(Debug, Default)]
pub(crate) struct RawKeys {
    /// Keys per kind ("venue", "member"…).
    pub by_kind: std::collections::BTreeMap<&'static str, BTreeSet<String>>,
}

impl RawKeys {
    fn note(&mut self, kind: &'static str, value: &Value) {
        if let Some(k) = value.get("key").and_then(Value::as_str) {
            self.by_kind.entry(kind).or_default().insert(k.to_owned());
        }
    }

    /// Whether the file names an entity of `kind` with `key`, parsed or not.
    pub fn contains(&self, kind: &str, key: &str) -> bool {
        self.by_kind.get(kind).is_some_and(|s| s.contains(key))
    }
}

/// Parses the text of a plan file. Structural problems are returned together with the
/// entities that did parse, so validation can continue.
pub(crate) fn parse(text: &str) -> (Plan, Paths, RawKeys, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut raw = RawKeys::default();
    let mut plan = Plan::default();
    let mut paths = Paths::default();
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Problem {
                path: "$".into(),
                message: Text::new(
                    format!("not valid JSON: {e}"),
                    format!("올바른 JSON이 아닙니다: {e}"),
                ),
            });
            return (plan, paths, raw, problems);
        }
    };
    let Value::Object(mut root) = root else {
        problems.push(problem(
            "$",
            Text::new(
                "a plan must be a JSON object",
                "계획은 JSON 객체여야 합니다",
            ),
        ));
        return (plan, paths, raw, problems);
    };

    match root.remove("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => problems.push(problem(
            "$.format",
            Text::new(
                format!("expected \"{FORMAT}\", found {other}"),
                format!("\"{FORMAT}\" 형식이어야 합니다. 받은 값: {other}"),
            ),
        )),
        None => problems.push(problem("$.format", missing())),
    }
    match root.remove("version") {
        Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(other) => problems.push(problem(
            "$.version",
            Text::new(
                format!("this Itinera reads format version {FORMAT_VERSION}, found {other}"),
                format!("이 Itinera는 형식 버전 {FORMAT_VERSION}을 읽습니다. 받은 값: {other}"),
            ),
        )),
        None => problems.push(problem("$.version", missing())),
    }
    if let Some(s) = root
        .remove("settings")
        .and_then(|v| entity::<DirectorySettings>(v, "$.settings", &mut problems))
    {
        plan.settings = s;
    }
    let mut r = Reader {
        raw: &mut raw,
        problems: &mut problems,
    };
    (plan.sites, paths.sites) = r.list(root.remove("sites"), "$.sites", "site");
    (plan.travel, paths.travel) = r.list(root.remove("travel"), "$.travel", "travel");
    (plan.venues, paths.venues) = r.list(root.remove("venues"), "$.venues", "venue");
    (plan.hosts, paths.hosts) = r.list(root.remove("hosts"), "$.hosts", "host");
    (plan.interpreters, paths.interpreters) =
        r.list(root.remove("interpreters"), "$.interpreters", "interpreter");
    if let Some(delegations) = root.remove("delegations") {
        (plan.delegations, paths.delegations) = r.delegations(delegations);
    }
    (plan.requests, paths.requests) = r.list(root.remove("requests"), "$.requests", "request");
    for unknown in root.keys() {
        problems.push(problem(
            &format!("$.{unknown}"),
            Text::new("unknown field", "알 수 없는 항목입니다"),
        ));
    }
    (plan, paths, raw, problems)
}

fn problem(path: &str, message: Text) -> Problem {
    Problem {
        path: path.into(),
        message,
    }
}

fn missing() -> Text {
    Text::new("missing required field", "필수 항목이 없습니다")
}

/// Deserialises one entity, reporting a failure at the deepest path serde reached.
pub(crate) fn entity<T: DeserializeOwned>(
    value: Value,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(v) => Some(v),
        Err(e) => {
            let inner = e.path().to_string();
            let mut at = if inner == "." || inner.is_empty() {
                path.to_owned()
            } else if inner.starts_with('[') {
                format!("{path}{inner}")
            } else {
                format!("{path}.{inner}")
            };
            let why = e.inner().to_string();
            let mut message = Text::new(why.clone(), format!("읽을 수 없는 값입니다 ({why})"));
            // "missing field `end`" is reported at the parent; point at the field itself.
            if let Some(field) = why
                .strip_prefix("missing field `")
                .and_then(|rest| rest.split('`').next())
            {
                at = format!("{at}.{field}");
                message = missing();
            }
            // serde appends " at line 1 column 2" only for text input; values have none.
            problems.push(Problem { path: at, message });
            None
        }
    }
}

fn array(value: Option<Value>, path: &str, problems: &mut Vec<Problem>) -> Vec<Value> {
    match value {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(items)) => items,
        Some(_) => {
            problems.push(problem(
                path,
                Text::new("expected a list", "목록이어야 합니다"),
            ));
            vec![]
        }
    }
}

struct Reader<'a> {
    raw: &'a mut RawKeys,
    problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    /// Parses each element of a list on its own; returns the parsed ones with their paths.
    fn list<T: DeserializeOwned>(
        &mut self,
        value: Option<Value>,
        path: &str,
        kind: &'static str,
    ) -> (Vec<T>, Vec<String>) {
        let mut out = (Vec::new(), Vec::new());
        for (i, v) in array(value, path, self.problems).into_iter().enumerate() {
            self.raw.note(kind, &v);
            let at = format!("{path}[{i}]");
            if let Some(parsed) = entity(v, &at, self.problems) {
                out.0.push(parsed);
                out.1.push(at);
            }
        }
        out
    }

    fn delegations(&mut self, value: Value) -> (Vec<DelegationPlan>, Vec<DelegationPaths>) {
        let mut out = (Vec::new(), Vec::new());
        for (i, v) in array(Some(value), "$.delegations", self.problems)
            .into_iter()
            .enumerate()
        {
            let path = format!("$.delegations[{i}]");
            self.raw.note("delegation", &v);
            let Value::Object(mut obj) = v else {
                self.problems.push(problem(
                    &path,
                    Text::new("expected an object", "객체여야 합니다"),
                ));
                continue;
            };
            let (members, member_paths) =
                self.list(obj.remove("members"), &format!("{path}.members"), "member");
            let (items, item_paths) =
                self.list(obj.remove("items"), &format!("{path}.items"), "item");
            if let Some(Value::Array(groups)) = obj.get("subgroups") {
                for g in groups {
                    self.raw.note("subgroup", g);
                }
            }
            if let Some(delegation) = entity(Value::Object(obj), &path, self.problems) {
                out.0.push(DelegationPlan {
                    delegation,
                    members,
                    items,
                });
                out.1.push(DelegationPaths {
                    path,
                    members: member_paths,
                    items: item_paths,
                });
            }
        }
        out
    }
}
