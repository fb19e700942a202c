//! Conflict lists as the command line prints them: plain text for people, JSON for scripts.
//!
//! Both forms keep the checker's order (blocking first, then by time). The JSON form is a
//! stable contract: `{ "blocking": n, "warnings": n, "conflicts": [ {code, severity, items,
//! delegations, resources: [{kind, key}], start, end, message, acknowledged?} ] }`.

use serde::Serialize;

use super::conflict::{Conflict, Severity};
use crate::model::{Key, Lang};

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

/// One line per conflict, then a count (English labels).
pub fn to_text(conflicts: &[Conflict]) -> String {
    to_text_in(conflicts, Lang::En)
}

/// [`to_text`] with the labels in `lang` (Korean, else English); the messages are printed as
/// the check wrote them, and codes stay English for scripts that grep them.
pub fn to_text_in(conflicts: &[Conflict], lang: Lang) -> String {
    let ko = lang == Lang::Ko;
    let mut out = String::new();
    for c in conflicts {
        // Labels fill 8 terminal columns; a Hangul syllable takes two, so the Korean ones
        // carry their own padding.
        let label = match (c.severity, &c.acknowledged, ko) {
            (Severity::Blocking, _, false) => "BLOCKING",
            (Severity::Warning, None, false) => "warning ",
            (Severity::Warning, Some(_), false) => "accepted",
            (Severity::Blocking, _, true) => "차단    ",
            (Severity::Warning, None, true) => "경고    ",
            (Severity::Warning, Some(_), true) => "수락됨  ",
        };
        out.push_str(&format!("{label} {}: {}\n", c.code.as_str(), c.message));
        if let Some(a) = &c.acknowledged {
            let at = a.at.format("%Y-%m-%d %H:%M");
            out.push_str(&if ko {
                format!("         수락: {}, {at}: {}\n", a.by, a.reason)
            } else {
                format!("         accepted by {} at {at}: {}\n", a.by, a.reason)
            });
        }
    }
    let (blocking, warnings) = counts(conflicts);
    out.push_str(&match (blocking, warnings, ko) {
        (0, 0, false) => "no conflicts\n".to_owned(),
        (0, 0, true) => "충돌 없음\n".to_owned(),
        (_, _, false) => format!("{blocking} blocking, {warnings} warning(s)\n"),
        (_, _, true) => format!("차단 {blocking}건, 경고 {warnings}건\n"),
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
    fn korean_text_labels_and_counts() {
        assert_eq!(to_text_in(&[], Lang::Ko), "충돌 없음\n");
        let text = to_text_in(&[capacity_warning(true)], Lang::Ko);
        assert!(
            text.starts_with("수락됨   venue_over_capacity: "),
            "the label is Korean, the code stays for scripts: {text}"
        );
        assert!(
            text.contains("수락: Jeon Hye-jin, 2026-03-10 14:00"),
            "{text}"
        );
        assert!(text.ends_with("차단 0건, 경고 1건\n"), "{text}");
        assert_eq!(
            to_text_in(&[capacity_warning(true)], Lang::Vi),
            to_text(&[capacity_warning(true)]),
            "any other language gets the English labels"
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
