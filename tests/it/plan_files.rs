//! Plan files through the real command line: import, export, rejection of bad files,
//! the generated JSON Schema.

use serde_json::Value;

use crate::support::{TempDb, repo};

/// Sorts every list of objects that carry a `key` (and travel entries) so two plans can be
/// compared regardless of the order entities were written in.
fn canonical(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Array(items) => {
                items.iter_mut().for_each(walk);
                items.sort_by_key(|x| {
                    let k = |f: &str| x.get(f).and_then(Value::as_str).unwrap_or("").to_owned();
                    (k("key"), k("from"), k("to"))
                });
            }
            Value::Object(o) => o.values_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

fn read_json(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read json")).expect("parse json")
}

#[test]
fn every_example_survives_import_then_export() {
    let examples: Vec<_> = std::fs::read_dir(repo().join("examples"))
        .expect("examples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(
        examples.len() >= 2,
        "the repository must ship at least two example plans"
    );
    for example in examples {
        let db = TempDb::new();
        let out = db.itinera(&["import", example.to_str().expect("path")]);
        assert!(
            out.status.success(),
            "importing {} must succeed: {}",
            example.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let exported = db.dir.path().join("export.json");
        let out = db.itinera(&["export", "--out", exported.to_str().expect("path")]);
        assert!(
            out.status.success(),
            "export must succeed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            canonical(read_json(&exported)),
            canonical(read_json(&example)),
            "import → export of {} must give back the same entities and values",
            example.display()
        );
        // And the export itself imports into another empty database unchanged.
        let again = TempDb::new();
        let out = again.itinera(&["import", exported.to_str().expect("path")]);
        assert!(
            out.status.success(),
            "an export must import again: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&again.itinera(&["export"]).stdout),
            std::fs::read_to_string(&exported).expect("first export"),
            "export → import → export must give the same document, byte for byte"
        );
    }
}

#[test]
fn examples_keep_native_script_names_byte_exact() {
    let db = TempDb::new();
    let sample = repo().join("examples/office-sample.json");
    assert!(
        db.itinera(&["import", sample.to_str().expect("path")])
            .status
            .success()
    );
    let out = db.itinera(&["export"]);
    let text = String::from_utf8(out.stdout).expect("export is UTF-8");
    for name in [
        "Nguyễn Trường Sơn",
        "Hakimov Begʻali",
        "Юсупов Шерзод",
        "Toʻxtayeva Gulnoza",
    ] {
        assert!(
            text.contains(name),
            "export must contain {name} exactly as written"
        );
    }
}

const THREE_MISTAKES: &str = r#"{
  "format": "itinera-plan", "version": 1,
  "sites": [{"key": "main", "name": {"en": "Main Hospital"}, "timezone": "Asia/Seoul"}],
  "venues": [{"key": "hall", "site": "main", "name": {"en": "Hall"}, "capacity": 50}],
  "delegations": [{
    "key": "choray", "name": {"vi": "Đoàn Chợ Rẫy"}, "languages": ["vi"],
    "timezone": "Asia/Seoul",
    "arrival": "2026-12-08T08:00:00+09:00", "departure": "2026-12-09T20:00:00+09:00",
    "members": [{"key": "son", "native_name": "Nguyễn Trường Sơn", "precedence": 1}],
    "items": [
      {"key": "welcome", "kind": "ceremony", "title": {"en": "Welcome"},
       "start": "2026-12-08T09:30:00+09:00", "end": "2026-12-08T10:00:00+09:00",
       "venue": "annex-6f-hall"},
      {"key": "talks", "kind": "meeting", "title": {"en": "Talks"},
       "start": "2026-12-08T11:00:00+09:00", "end": "2026-12-08T10:00:00+09:00"},
      {"key": "lunch", "kind": "meal",
       "start": "2026-12-08T12:00:00+09:00", "end": "2026-12-08T13:00:00+09:00"}
    ]
  }]
}"#;

#[test]
fn a_file_with_three_mistakes_reports_all_three_and_writes_nothing() {
    let db = TempDb::new();
    let sample = repo().join("examples/vietnam-director-visit.json");
    assert!(
        db.itinera(&["import", sample.to_str().expect("path")])
            .status
            .success()
    );
    let before = db.itinera(&["export"]).stdout;

    let bad = db.dir.path().join("bad.json");
    std::fs::write(&bad, THREE_MISTAKES).expect("write bad plan");
    let out = db.itinera(&["import", bad.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "bad input must exit 2: {stderr}"
    );
    for (path, words) in [
        (
            "$.delegations[0].items[0].venue",
            "no venue with key 'annex-6f-hall'",
        ),
        ("$.delegations[0].items[1].end", "before it starts"),
        ("$.delegations[0].items[2].title", "missing required field"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(path) && l.contains(words)),
            "the report must name {path} ({words}); got:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("3 problem(s)"),
        "exactly the three mistakes are reported:\n{stderr}"
    );
    assert_eq!(
        db.itinera(&["export"]).stdout,
        before,
        "a rejected import must change nothing"
    );
}

#[test]
fn bad_values_are_named_by_field() {
    let db = TempDb::new();
    let bad = db.dir.path().join("bad.json");
    let cases = [
        (
            r#""timezone": "Asia/Seoul""#,
            r#""timezone": "Asia/Hanoi""#,
            "$.sites[0].timezone",
            "unknown time zone 'Asia/Hanoi'",
        ),
        (
            r#""capacity": 50"#,
            r#""capacity": -3"#,
            "$.venues[0].capacity",
            "-3",
        ),
        (
            r#""languages": ["vi"]"#,
            r#""languages": ["xx"]"#,
            "$.delegations[0].languages[0]",
            "xx",
        ),
        (
            r#""end": "2026-12-08T10:00:00+09:00",
       "venue""#,
            r#""end": "2026-12-08T09:30:00+09:00",
       "venue""#,
            "$.delegations[0].items[0].end",
            "zero length",
        ),
        (
            r#""end": "2026-12-08T13:00:00+09:00"}"#,
            r#""end": "2026-12-09T01:00:00+09:00", "title": {"en": "Night"}}"#,
            "$.delegations[0].items[2].end",
            "midnight",
        ),
    ];
    for (from, to, path, words) in cases {
        let text = THREE_MISTAKES.replacen(from, to, 1);
        assert_ne!(text, THREE_MISTAKES, "fixture edit for {path} must apply");
        std::fs::write(&bad, text).expect("write");
        let out = db.itinera(&["import", bad.to_str().expect("path")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(path) && l.contains(words)),
            "expected {path} with '{words}' in:\n{stderr}"
        );
    }
    assert!(
        String::from_utf8_lossy(&db.itinera(&["info"]).stdout).contains("0 delegations"),
        "nothing may be stored from rejected files"
    );
}

#[test]
fn the_checked_in_schema_matches_the_rust_types() {
    let path = repo().join("docs/plan.schema.json");
    let generated = itinera::plan::schema();
    if std::env::var_os("ITINERA_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/plan.schema.json is stale: run `ITINERA_BLESS=1 cargo test --test it schema`"
    );
    let schema: Value = serde_json::from_str(&generated).expect("schema is JSON");
    for required in ["format", "version"] {
        assert!(
            schema["required"]
                .as_array()
                .is_some_and(|r| r.iter().any(|x| x == required)),
            "the schema must require {required}"
        );
    }
}

#[test]
fn every_subcommand_has_help_and_usage_errors_exit_2() {
    let db = TempDb::new();
    for sub in ["import", "export", "info", "schema"] {
        let out = db.itinera(&[sub, "--help"]);
        assert!(out.status.success(), "{sub} --help must work");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{sub} --help shows usage"
        );
    }
    assert_eq!(
        db.itinera(&["frobnicate"]).status.code(),
        Some(2),
        "unknown subcommand exits 2"
    );
}
