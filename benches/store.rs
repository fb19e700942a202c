//! Confirmed-booking throughput of the store, on SQLite and on PostgreSQL.
//!
//! Each attempt is what a scheduler's "confirm" does: `Store::save_item` of a new confirmed
//! item booking the Uzbek interpreter, checked against the whole plan inside the write
//! transaction. Slots never overlap, so every attempt commits. Run with
//! `cargo bench --bench store`; prints bookings per second from one client and from four
//! clients (each its own connection pool, as four workstations), for each database. The
//! PostgreSQL server is the tests' throw-away one (needs scripts/setup.sh's `postgresql`).

#[path = "../tests/it/pg_support.rs"]
#[allow(dead_code)]
mod pg_support;

use std::time::Instant;

use itinera::api::SaveItem;
use itinera::model::{ItemStatus, Key, Participants};
use itinera::plan::{self, Plan};
use itinera::store::Store;

/// Attempts per measurement (split between the clients).
const ATTEMPTS: usize = 240;

fn key(s: &str) -> Key {
    Key::new(s).expect("valid key")
}

fn sample() -> Plan {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/office-sample.json"
    ))
    .expect("sample");
    plan::read(&text, None).expect("valid sample")
}

/// The sample plus an empty month-long visit the bookings go into.
fn base() -> Plan {
    let mut plan = sample();
    let mut d = plan.delegations[1].clone();
    d.delegation.key = key("bench-visit");
    d.delegation.subgroups.clear();
    d.delegation.arrival = "2027-03-01T00:00:00+09:00".parse().expect("time");
    d.delegation.departure = "2027-03-31T00:00:00+09:00".parse().expect("time");
    d.members.truncate(1);
    d.members[0].key = key("bench-guest");
    d.items.clear();
    plan.delegations.push(d);
    plan
}

async fn measure(location: &str, clients: usize) -> f64 {
    let setup = Store::open(location).await.expect("open");
    setup.import_plan(&base()).await.expect("import");
    let template = sample().delegations[1]
        .items
        .iter()
        .find(|i| i.key.as_str() == "samarkand-welcome")
        .expect("item")
        .clone();
    let per_client = ATTEMPTS / clients;
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let location = location.to_owned();
            let template = template.clone();
            tokio::spawn(async move {
                let store = Store::open(&location).await.expect("client pool");
                for s in 0..per_client {
                    let slot = c * per_client + s;
                    let mut item = template.clone();
                    item.key = key(&format!("bench-{slot}"));
                    item.venue = None;
                    item.hosts.clear();
                    item.participants = Participants::default();
                    item.status = ItemStatus::Confirmed;
                    item.start = "2027-03-02T00:00:00+09:00"
                        .parse::<chrono::DateTime<chrono::FixedOffset>>()
                        .expect("time")
                        + chrono::TimeDelta::minutes(60 * slot as i64);
                    item.end = item.start + chrono::TimeDelta::minutes(30);
                    store
                        .save_item(SaveItem {
                            delegation: key("bench-visit"),
                            item,
                            expected_version: None,
                        })
                        .await
                        .expect("a booking on a free slot commits");
                }
                store.close().await;
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("client");
    }
    let seconds = started.elapsed().as_secs_f64();
    setup.close().await;
    (per_client * clients) as f64 / seconds
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!("confirmed bookings per second ({ATTEMPTS} saves, whole-plan check each):");
    for clients in [1, 4] {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("bench.db");
        let sqlite = runtime.block_on(measure(file.to_str().expect("path"), clients));
        let postgres = runtime.block_on(measure(&pg_support::fresh_database(), clients));
        println!("  {clients} client(s): SQLite {sqlite:>8.1} /s   PostgreSQL {postgres:>8.1} /s");
    }
}
