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

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::conflicts::{Acknowledgement, ConflictCode};

    fn capacity_warning(accepted: bool) -> Conflict {
        let at = DateTime::parse_from_rfc3339("2026-03-10T14:00:00+09:00").expect("time");
        Conflict {
            code: ConflictCode::VenueOverCapacity,
            severity: ConflictCode::VenueOverCapacity.severity(),
            items: vec![Key::new("cr-neuro").expect("key")],
            delegations: vec![Key::new("choray-2026-03").expect("key")],
            resources: vec![],
            start: at,
            end: at,
            message: "'Neurosurgery observation' (Cho Ray visit) brings 8 people".into(),
            acknowledged: accepted.then(|| Acknowledgement {
                reason: "two observers stand at the back".into(),
                by: "Jeon Hye-jin".into(),
                at,
            }),
        }
    }

    #[test]
    fn text_marks_accepted_warnings_and_counts() {
        assert_eq!(
            to_text(&[]),
            "no conflicts\n",
            "an empty check says so plainly"
        );
        let text = to_text(&[capacity_warning(true)]);
        assert!(
            text.starts_with("accepted venue_over_capacity: 'Neurosurgery observation'"),
            "an acknowledged warning is labelled as accepted: {text}"
        );
        assert!(
            text.contains("accepted by Jeon Hye-jin"),
            "who accepted it is shown: {text}"
        );
        assert!(text.ends_with("0 blocking, 1 warning(s)\n"), "{text}");
        assert!(
            !has_blocking(&[capacity_warning(false)]),
            "a warning never makes the exit code 1"
        );
    }

    #[test]
    fn json_leaves_out_missing_acknowledgements() {
        let json = to_json(&[capacity_warning(false)]);
        assert!(
            !json.contains("acknowledged"),
            "no null field for the UI to trip on: {json}"
        );
        let json = to_json(&[capacity_warning(true)]);
        assert!(
            json.contains("\"reason\": \"two observers stand at the back\""),
            "{json}"
        );
    }
}
