//! Conflict lists as the command line prints them: plain text for people, JSON for scripts.
//!
//! Both forms keep the checker's order (blocking first, then by time). The JSON form is a
//! stable contract: `{ "blocking": n, "warnings": n, "conflicts": [ {code, severity, items,
//! delegations, resources: [{kind, key}], start, end, message, acknowledged?} ] }`.

use serde::Serialize;

use super::conflict::{Conflict, Severity};
use crate::model::Key;

/// The conflicts that involve an item of delegation `key`.
pub fn of_delegation(conflicts: Vec<Conflict>, key: &Key) -> Vec<Conflict> {
    conflicts
        .into_iter()
        .filter(|c| c.delegations.contains(key))
        .collect()
}

/// Whether any conflict is blocking.
pub fn has_blocking(conflicts: &[Conflict]) -> bool {
    conflicts.iter().any(Conflict::is_blocking)
}

/// One line per conflict, then a count.
pub fn to_text(conflicts: &[Conflict]) -> String {
    let mut out = String::new();
    for c in conflicts {
        let label = match (c.severity, &c.acknowledged) {
            (Severity::Blocking, _) => "BLOCKING",
            (Severity::Warning, None) => "warning",
            (Severity::Warning, Some(_)) => "accepted",
        };
        out.push_str(&format!("{label:<8} {}: {}\n", c.code.as_str(), c.message));
        if let Some(a) = &c.acknowledged {
            out.push_str(&format!(
                "         accepted by {} at {}: {}\n",
                a.by,
                a.at.format("%Y-%m-%d %H:%M"),
                a.reason
            ));
        }
    }
    let (blocking, warnings) = counts(conflicts);
    out.push_str(&match (blocking, warnings) {
        (0, 0) => "no conflicts\n".to_owned(),
        _ => format!("{blocking} blocking, {warnings} warning(s)\n"),
    });
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    blocking: usize,
    warnings: usize,
    conflicts: &'a [Conflict],
}

/// The JSON form, pretty-printed.
pub fn to_json(conflicts: &[Conflict]) -> String {
    let (blocking, warnings) = counts(conflicts);
    let report = JsonReport {
        blocking,
        warnings,
        conflicts,
    };
    // Conflicts hold only strings, numbers and times: serialising them cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default()
}

fn counts(conflicts: &[Conflict]) -> (usize, usize) {
    let blocking = conflicts.iter().filter(|c| c.is_blocking()).count();
    (blocking, conflicts.len() - blocking)
}
