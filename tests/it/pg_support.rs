//! A throw-away PostgreSQL server for the tests, from Debian's `postgresql` binaries.
//!
//! One server per test-binary run (started on first use, `OnceLock`): `initdb` into a
//! temporary directory, `pg_ctl start` on a free 127.0.0.1 port with its socket in that
//! directory, and a fresh database per test (`createdb`). Statics are never dropped, so a
//! small watchdog shell started with the server stops it and removes the directory as soon
//! as this test process is gone. When the binaries are missing the tests fail (never skip)
//! with a message naming `scripts/setup.sh`. initdb refuses to run as root: as root, the
//! server runs as the `postgres` OS user (`runuser`), which owns the directory.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The running server.
pub struct PgServer {
    bin: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
}

static SERVER: OnceLock<PgServer> = OnceLock::new();
static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// The shared server, started on first use.
pub fn server() -> &'static PgServer {
    SERVER.get_or_init(PgServer::start)
}

/// A fresh, empty database on the shared server; its URL.
pub fn fresh_database() -> String {
    server().create_database()
}

/// Where Debian puts the server binaries (the newest major version installed).
fn bin_dir() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").exists() && b.join("pg_ctl").exists())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!(
            "the PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are missing: \
             run scripts/setup.sh test (it installs the `postgresql` package)"
        )
    })
}

impl PgServer {
    fn start() -> PgServer {
        let bin = bin_dir();
        let root = std::fs::metadata("/proc/self")
            .map(|m| m.uid() == 0)
            .unwrap_or(false);
        let run_as = root.then_some("postgres");
        // Kept (not removed on drop): the watchdog removes it once this process is gone.
        let dir = tempfile::Builder::new()
            .prefix("itinera-pg-")
            .tempdir()
            .expect("temporary directory for PostgreSQL")
            .keep();
        let data = dir.join("data");
        if let Some(user) = run_as {
            let ok = Command::new("chown")
                .arg(format!("{user}:"))
                .arg(&dir)
                .status()
                .expect("chown");
            assert!(ok.success(), "cannot hand {} to {user}", dir.display());
        }
        let port = free_port();
        let server = PgServer { bin, port, run_as };
        server.run(
            "initdb",
            &[
                "-D",
                path(&data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        );
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            path(&dir)
        );
        server.run(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-D",
                path(&data),
                "-l",
                path(&dir.join("server.log")),
                "-o",
                &options,
            ],
        );
        server.watch(&dir, &data);
        server
    }

    /// Runs one of the server binaries (as the server's user); panics with its output.
    fn run(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let mut cmd = match self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        let out = cmd
            .args(args)
            .current_dir("/")
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
        assert!(
            out.status.success(),
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts the watchdog: when this process exits (however), stop the server, remove it.
    #[allow(
        clippy::zombie_processes,
        reason = "the watchdog must outlive this process; init reaps it"
    )]
    fn watch(&self, dir: &Path, data: &Path) {
        let stop = match self.run_as {
            Some(user) => format!("runuser -u {user} -- "),
            None => String::new(),
        };
        let script = format!(
            "while [ -d /proc/{pid} ]; do sleep 0.5; done; \
             {stop}'{pg_ctl}' stop -m immediate -D '{data}' >/dev/null 2>&1; rm -rf '{dir}'",
            pid = std::process::id(),
            pg_ctl = self.bin.join("pg_ctl").display(),
            data = data.display(),
            dir = dir.display(),
        );
        Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the PostgreSQL watchdog");
    }

    /// The URL of database `name` on this server.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    fn create_database(&self) -> String {
        let name = format!(
            "itinera_{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::Relaxed)
        );
        let port = self.port.to_string();
        self.run(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", &name],
        );
        self.url(&name)
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temporary path")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}
