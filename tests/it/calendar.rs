//! Calendar files are read back by an independent parser (PyPI `icalendar`, run by python3)
//! and every event must carry the item's exact UTC instant, its stable UID and its status.

use std::process::Command;

use chrono::{DateTime, Utc};
use itinera::calendar::{CalendarOptions, CalendarScope, ics, uid};
use itinera::model::{ItemKind, ItemStatus, Key, Lang};
use itinera::plan::Plan;

use super::print::fixture;

const READER: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for ev in cal.walk('VEVENT'):
    s, e = ev.decoded('DTSTART'), ev.decoded('DTEND')
    out.append({
        'uid': str(ev['UID']),
        'start': s.astimezone(__import__('datetime').timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'end': e.astimezone(__import__('datetime').timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'utc': s.tzinfo is not None and s.utcoffset().total_seconds() == 0,
        'status': str(ev.get('STATUS', '')),
        'sequence': int(ev.get('SEQUENCE', -1)),
        'summary': str(ev.get('SUMMARY', '')),
        'location': str(ev.get('LOCATION', '')),
    })
print(json.dumps(out))
"#;

fn read_back(text: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("visit.ics");
    std::fs::write(&path, text).expect("write ics");
    let out = Command::new("python3")
        .args(["-c", READER, path.to_str().expect("path")])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the independent parser must read the file (needs `pip install icalendar`): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from the reader")
}

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn options(sequence: u32) -> CalendarOptions {
    CalendarOptions {
        language: Lang::Vi,
        sequence,
        stamp: "2026-03-01T00:00:00Z"
            .parse::<DateTime<Utc>>()
            .expect("instant"),
    }
}

fn z(t: DateTime<chrono::FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn moscow_plan() -> Plan {
    // One item abroad with its own zone: the UTC instant must not depend on Seoul.
    let mut plan = fixture::plan();
    let item = &mut plan.delegations[0].items[3];
    item.timezone = Some(chrono_tz::Europe::Moscow);
    item.start = "2026-03-10T10:00:00+03:00".parse().expect("instant");
    item.end = "2026-03-10T11:30:00+03:00".parse().expect("instant");
    plan
}

#[test]
fn every_event_reads_back_at_its_exact_utc_instant_with_a_stable_uid() {
    let plan = moscow_plan();
    let d = &plan.delegations[0];
    let text = ics(
        &plan,
        &d.delegation.key,
        &CalendarScope::Delegation,
        &options(3),
    )
    .expect("ics");
    assert!(
        text.contains("DTSTART:20260310T070000Z"),
        "instants are written in UTC with Z (the Moscow item at 10:00 MSK)"
    );
    let events = read_back(&text);
    let expected: Vec<_> = d
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Internal)
        .collect();
    assert_eq!(
        events.len(),
        expected.len(),
        "one event per guest-visible item, cancelled ones included"
    );
    for item in expected {
        let uid = uid(&d.delegation.key, &item.key);
        let ev = events
            .iter()
            .find(|e| e["uid"] == uid.as_str())
            .unwrap_or_else(|| panic!("event {uid} is in the file"));
        assert_eq!(
            ev["start"],
            z(item.start).as_str(),
            "{uid}: DTSTART is the item's UTC instant"
        );
        assert_eq!(
            ev["end"],
            z(item.end).as_str(),
            "{uid}: DTEND is the item's UTC instant"
        );
        assert_eq!(
            ev["utc"], true,
            "{uid}: the parser sees a UTC time, not a floating one"
        );
        assert_eq!(ev["sequence"], 3, "{uid}: SEQUENCE is the one asked for");
        let status = if item.status == ItemStatus::Cancelled {
            "CANCELLED"
        } else if item.status == ItemStatus::Tentative {
            "TENTATIVE"
        } else {
            "CONFIRMED"
        };
        assert_eq!(
            ev["status"], status,
            "{uid}: cancelled items stay in the file marked cancelled"
        );
        assert_eq!(
            ev["summary"],
            item.title.best(Lang::Vi),
            "{uid}: the summary is the title in the guest language"
        );
    }
    let conf = events
        .iter()
        .find(|e| e["uid"] == "cr-0-00@choray-2026-03.itinera")
        .expect("welcome");
    let location = conf["location"].as_str().expect("location");
    assert!(
        location.contains("Phòng Hội nghị Quốc tế") && location.contains("Tòa nhà phụ 5F"),
        "LOCATION names the venue, building and floor: {location}"
    );

    let again = ics(
        &plan,
        &d.delegation.key,
        &CalendarScope::Delegation,
        &options(4),
    )
    .expect("ics");
    let uids =
        |evs: &[serde_json::Value]| evs.iter().map(|e| e["uid"].to_string()).collect::<Vec<_>>();
    assert_eq!(
        uids(&events),
        uids(&read_back(&again)),
        "UIDs are stable across exports, so re-imports update"
    );
}

#[test]
fn member_host_and_interpreter_calendars_hold_their_own_items() {
    let plan = fixture::plan();
    let d = &plan.delegations[0];
    let dk = &d.delegation.key;
    let member =
        read_back(&ics(&plan, dk, &CalendarScope::Member(key("son")), &options(1)).expect("ics"));
    let surgeon =
        read_back(&ics(&plan, dk, &CalendarScope::Member(key("duc")), &options(1)).expect("ics"));
    assert!(
        surgeon.len() > member.len(),
        "a member's calendar holds only what that member attends"
    );
    assert!(
        member
            .iter()
            .all(|e| !e["uid"].as_str().unwrap_or("").contains("rehearsal")),
        "no internal item in a guest calendar"
    );

    let host = read_back(
        &ics(
            &plan,
            dk,
            &CalendarScope::Host(key("kim-intl")),
            &options(1),
        )
        .expect("ics"),
    );
    let booked = d
        .items
        .iter()
        .filter(|i| i.hosts.contains(&key("kim-intl")))
        .count();
    assert_eq!(
        host.len(),
        booked,
        "a host's calendar holds every item the host is booked for"
    );
    assert!(
        host.iter()
            .any(|e| e["uid"].as_str().unwrap_or("").contains("rehearsal")),
        "staff calendars include internal items"
    );

    let interp = read_back(
        &ics(
            &plan,
            dk,
            &CalendarScope::Interpreter(key("mai")),
            &options(1),
        )
        .expect("ics"),
    );
    let booked: Vec<_> = d
        .items
        .iter()
        .filter(|i| {
            i.interpreters
                .iter()
                .any(|a| a.interpreter.as_str() == "mai")
        })
        .collect();
    assert_eq!(
        interp.len(),
        booked.len(),
        "an interpreter's calendar holds every assignment"
    );
    for item in booked {
        let ev = interp
            .iter()
            .find(|e| e["uid"] == uid(dk, &item.key).as_str())
            .expect("assignment present");
        assert_eq!(
            ev["start"],
            z(item.start).as_str(),
            "the assignment starts at the item's UTC instant"
        );
    }
    let err =
        ics(&plan, dk, &CalendarScope::Host(key("nobody")), &options(1)).expect_err("unknown host");
    assert!(
        err.to_string().contains("'nobody'"),
        "an unknown host is named: {err}"
    );
}
