//! The real `itinera-app` binary refuses to start when it must not: a second instance on the
//! same database file, or a dangling `--db`. These runs need no display: the app exits
//! before any window would open.

use std::path::Path;
use std::process::{Command, Output};

use itinera::store::InstanceLock;

fn run_app(args: &[&str], sandbox: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_itinera-app"))
        .args(args)
        // No display: a start-up error must not try to show a dialog, and a bug that let the
        // app past its checks fails fast instead of opening a window.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("ITINERA_DB")
        .env("ITINERA_LOG_DIR", sandbox.join("logs"))
        .env("XDG_DATA_HOME", sandbox.join("data"))
        .output()
        .expect("the app binary runs")
}

#[test]
fn a_second_instance_on_the_same_database_explains_and_exits() {
    let sandbox = tempfile::tempdir().expect("temp dir");
    let db = sandbox.path().join("은행나무 itinera.db");
    let _first = InstanceLock::acquire(&db).expect("the first instance takes the lock");

    let out = run_app(&["--db", db.to_str().expect("utf-8 path")], sandbox.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a locked database must end the app with status 1: {stderr}"
    );
    assert!(
        stderr.contains("itinera-app: ") && !stderr.contains("panicked"),
        "the refusal is a plain message, not a crash: {stderr}"
    );
    let expected = InstanceLock::acquire(&db)
        .expect_err("still locked by this test")
        .to_string();
    assert!(
        stderr.contains(&expected),
        "stderr must carry the lock's own message {expected:?}: {stderr}"
    );

    let logs: String = std::fs::read_dir(sandbox.path().join("logs"))
        .expect("the log directory was created")
        .filter_map(|e| std::fs::read_to_string(e.expect("dir entry").path()).ok())
        .collect();
    assert!(
        logs.contains("could not start"),
        "the refusal is also in the log file: {logs}"
    );
}

#[test]
fn a_dangling_db_flag_is_a_usage_error() {
    let sandbox = tempfile::tempdir().expect("temp dir");
    let out = run_app(&["--db"], sandbox.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "bad usage exits with 2: {stderr}"
    );
    assert!(
        stderr.contains("--db needs a file path"),
        "the message says what is missing: {stderr}"
    );
    assert!(
        !sandbox.path().join("data").exists(),
        "nothing is created in the per-user data dir when the app refuses to start"
    );
}
