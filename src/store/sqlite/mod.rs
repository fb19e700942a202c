//! The embedded SQLite backend.
//!
//! Opened with WAL, foreign keys and a busy timeout; migrations are embedded and run at
//! start-up. Every write that touches bookings runs in a `BEGIN IMMEDIATE` transaction so
//! racing writers queue instead of failing with "database is locked", and the triggers of
//! `0001_initial.sql` refuse overlapping confirmed bookings whatever the caller checked.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Row, Transaction};

mod copy;
mod directory;
mod items;
mod members_order;
mod office;
mod releases;
mod requests;

use super::{membership, problems_to_error};
use crate::api::{
    Counts, DelegationDetail, DelegationSummary, DeleteMember, DeleteMembers, ImportSummary,
    MemberRecord, MembersRemoved, Membership, SaveDelegation, SaveMember,
};
use crate::model::{
    Delegation, DirectorySettings, ItemStatus, ItineraryItem, Key, Member, TravelTime,
};
use crate::plan::{DelegationPlan, Plan};
use crate::progress::Progress;
use crate::{Error, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");

/// A SQLite database file.
#[derive(Debug, Clone)]
pub(super) struct Sqlite {
    pool: SqlitePool,
}

pub(super) type Tx = Transaction<'static, sqlx::Sqlite>;

pub(super) fn read_err(e: impl std::fmt::Display) -> Error {
    Error::storage("read", e)
}

pub(super) fn write_err(e: impl std::fmt::Display) -> Error {
    Error::storage("written", e)
}

pub(super) fn body<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(write_err)
}

pub(super) fn parse<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(read_err)
}

pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Maps an insert's unique-key violation to [`Error::Duplicate`].
pub(super) fn insert_err<'k>(
    kind: &'static str,
    key: &'k Key,
) -> impl FnOnce(sqlx::Error) -> Error + 'k {
    move |e| match e.as_database_error() {
        Some(d) if d.is_unique_violation() => Error::Duplicate {
            kind,
            key: key.to_string(),
        },
        _ => write_err(e),
    }
}

impl Sqlite {
    pub(super) async fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let opened = |e: sqlx::Error| {
            tracing::error!(error = %e, path = %path.display(), "cannot open database");
            Error::Storage {
                action: "opened",
                detail: format!("{}: {e}", path.display()),
            }
        };
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(opened)?;
        MIGRATOR.run(&pool).await.map_err(|e| {
            tracing::error!(error = %e, "migration failed");
            Error::Storage {
                action: "upgraded",
                detail: e.to_string(),
            }
        })?;
        Ok(Sqlite { pool })
    }

    pub(super) async fn close(&self) {
        self.pool.close().await;
    }

    pub(super) async fn begin(&self) -> Result<Tx> {
        // IMMEDIATE takes the write lock up front: a racing writer waits (busy_timeout)
        // instead of failing half-way with "database is locked".
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(write_err)
    }

    pub(super) async fn info(&self) -> Result<(i64, Counts)> {
        let row = sqlx::query(
            "SELECT (SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success),
                    (SELECT COUNT(*) FROM sites), (SELECT COUNT(*) FROM travel_times),
                    (SELECT COUNT(*) FROM venues), (SELECT COUNT(*) FROM hosts),
                    (SELECT COUNT(*) FROM interpreters), (SELECT COUNT(*) FROM delegations),
                    (SELECT COUNT(*) FROM members), (SELECT COUNT(*) FROM items)",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(read_err)?;
        let n =
            |i: usize| -> Result<u32> { Ok(row.try_get::<i64, _>(i).map_err(read_err)? as u32) };
        let counts = Counts {
            sites: n(1)?,
            travel: n(2)?,
            venues: n(3)?,
            hosts: n(4)?,
            interpreters: n(5)?,
            delegations: n(6)?,
            members: n(7)?,
            items: n(8)?,
        };
        Ok((row.try_get(0).map_err(read_err)?, counts))
    }

    pub(super) async fn load_plan(&self) -> Result<Plan> {
        // A (deferred) transaction: every table is read from one snapshot.
        let mut conn = self.pool.begin().await.map_err(read_err)?;
        load_plan(&mut conn).await
    }

    pub(super) async fn import_plan(&self, plan: &Plan) -> Result<ImportSummary> {
        let mut tx = self.begin().await?;
        let summary = import_into(&mut tx, plan).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(summary)
    }

    pub(super) async fn list_delegations(&self) -> Result<Vec<DelegationSummary>> {
        let rows = sqlx::query(
            "SELECT d.body, d.version,
                    (SELECT COUNT(*) FROM members m WHERE m.delegation_id = d.id),
                    (SELECT COUNT(*) FROM items i WHERE i.delegation_id = d.id)
             FROM delegations d ORDER BY d.arrival_at, d.key",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(read_err)?;
        rows.iter()
            .map(|r| {
                let d: Delegation = parse(r.try_get(0).map_err(read_err)?)?;
                Ok(DelegationSummary {
                    key: d.key,
                    name: d.name,
                    organisation: d.organisation,
                    country: d.country,
                    arrival: d.arrival,
                    departure: d.departure,
                    timezone: d.timezone.name().to_owned(),
                    status: d.status,
                    version: r.try_get(1).map_err(read_err)?,
                    member_count: r.try_get::<i64, _>(2).map_err(read_err)? as u32,
                    item_count: r.try_get::<i64, _>(3).map_err(read_err)? as u32,
                })
            })
            .collect()
    }

    pub(super) async fn get_delegation(&self, key: &Key) -> Result<DelegationDetail> {
        let mut conn = self.pool.acquire().await.map_err(read_err)?;
        detail(&mut conn, key).await
    }

    pub(super) async fn save_delegation(&self, input: SaveDelegation) -> Result<DelegationDetail> {
        let mut tx = self.begin().await?;
        let key = input.delegation.key.clone();
        let members = match input.expected_version {
            Some(_) => detail(&mut tx, &key)
                .await?
                .members
                .into_iter()
                .map(|m| m.member)
                .collect(),
            None => vec![],
        };
        let delegation = checked_delegation(input.delegation, members)?;
        match input.expected_version {
            None => {
                insert_delegation(&mut tx, &delegation, &now()).await?;
            }
            Some(version) => {
                let done = sqlx::query(
                    "UPDATE delegations SET body = ?, arrival_at = ?, departure_at = ?,
                            version = version + 1, updated_at = ?
                     WHERE key = ? AND version = ?",
                )
                .bind(body(&delegation)?)
                .bind(delegation.arrival.timestamp())
                .bind(delegation.departure.timestamp())
                .bind(now())
                .bind(key.as_str())
                .bind(version)
                .execute(&mut *tx)
                .await
                .map_err(write_err)?;
                if done.rows_affected() == 0 {
                    return Err(stale(&mut tx, "delegation", key.as_str()).await);
                }
            }
        }
        let out = detail(&mut tx, &key).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }

    pub(super) async fn delete_delegation(&self, key: &Key) -> Result<()> {
        delete_keyed(
            &self.pool,
            "DELETE FROM delegations WHERE key = ?",
            "delegation",
            key,
        )
        .await
    }

    pub(super) async fn save_member(&self, input: SaveMember) -> Result<DelegationDetail> {
        let mut tx = self.begin().await?;
        let current = detail(&mut tx, &input.delegation).await?;
        let mut members: Vec<Member> = current
            .members
            .into_iter()
            .map(|m| m.member)
            .filter(|m| m.key != input.member.key)
            .collect();
        members.push(input.member.clone());
        let mut plan = Plan::default();
        plan.delegations.push(DelegationPlan {
            delegation: current.delegation,
            members,
            items: vec![],
        });
        let problems = crate::plan::check(&plan, None);
        let member_path = format!(
            "$.delegations[0].members[{}]",
            plan.delegations[0].members.len() - 1
        );
        let mine: Vec<_> = problems
            .into_iter()
            .filter(|p| p.path.starts_with(&member_path))
            .collect();
        if !mine.is_empty() {
            return Err(problems_to_error(mine, &member_path));
        }
        crate::plan::normalise(&mut plan, None);
        let member = plan.delegations[0]
            .members
            .pop()
            .ok_or_else(|| write_err("member vanished"))?;
        match input.expected_version {
            None => {
                let id = delegation_id(&mut tx, &input.delegation).await?;
                insert_member(&mut tx, id, &member, &now()).await?;
            }
            Some(version) => {
                let done = sqlx::query(
                    "UPDATE members SET body = ?, precedence = ?, version = version + 1,
                            updated_at = ?
                     WHERE key = ? AND version = ?
                       AND delegation_id = (SELECT id FROM delegations WHERE key = ?)",
                )
                .bind(body(&member)?)
                .bind(i64::from(member.precedence))
                .bind(now())
                .bind(member.key.as_str())
                .bind(version)
                .bind(input.delegation.as_str())
                .execute(&mut *tx)
                .await
                .map_err(write_err)?;
                if done.rows_affected() == 0 {
                    let exists = sqlx::query("SELECT 1 FROM members WHERE key = ?")
                        .bind(member.key.as_str())
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(read_err)?;
                    return Err(match exists {
                        Some(_) => stale(&mut tx, "member", member.key.as_str()).await,
                        None => Error::NotFound {
                            kind: "member",
                            key: member.key.to_string(),
                        },
                    });
                }
            }
        }
        let out = detail(&mut tx, &input.delegation).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }

    /// Adds new members to a delegation in one transaction, checked with the delegation's
    /// current members: one refused member (a problem, a key already taken) writes none.
    pub(super) async fn add_members(
        &self,
        delegation: &Key,
        new: &[Member],
        restore: &[Membership],
        progress: &Progress<'_>,
    ) -> Result<DelegationDetail> {
        let mut tx = self.begin().await?;
        let current = detail(&mut tx, delegation).await?;
        let before = current.members.len();
        let mut plan = Plan::default();
        plan.delegations.push(DelegationPlan {
            delegation: current.delegation,
            members: current
                .members
                .into_iter()
                .map(|m| m.member)
                .chain(new.iter().cloned())
                .collect(),
            items: vec![],
        });
        let problems = crate::plan::check(&plan, None);
        if !problems.is_empty() {
            return Err(problems_to_error(problems, "$.delegations[0]"));
        }
        crate::plan::normalise(&mut plan, None);
        let id = delegation_id(&mut tx, delegation).await?;
        let stamp = now();
        let added = &plan.delegations[0].members[before..];
        let total = added.len() as u64;
        for (done, member) in added.iter().enumerate() {
            // Returning early drops the transaction: a cancelled import stores nothing.
            progress.check()?;
            insert_member(&mut tx, id, member, &stamp).await?;
            progress.report(done as u64 + 1, total);
        }
        rejoin(&mut tx, id, delegation, restore).await?;
        progress.check()?;
        let out = detail(&mut tx, delegation).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }

    pub(super) async fn delete_member(&self, input: DeleteMember) -> Result<DelegationDetail> {
        let mut tx = self.begin().await?;
        let id = delegation_id(&mut tx, &input.delegation).await?;
        remove_member(&mut tx, id, &input.delegation, &input.member).await?;
        let out = detail(&mut tx, &input.delegation).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }

    /// Removes several members in one transaction: one missing member removes none.
    pub(super) async fn delete_members(&self, input: DeleteMembers) -> Result<MembersRemoved> {
        let mut tx = self.begin().await?;
        let id = delegation_id(&mut tx, &input.delegation).await?;
        let mut memberships = Vec::with_capacity(input.members.len());
        for member in &input.members {
            memberships.push(remove_member(&mut tx, id, &input.delegation, member).await?);
        }
        let out = MembersRemoved {
            detail: detail(&mut tx, &input.delegation).await?,
            memberships,
        };
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }
}

/// Deletes one member of delegation `id` (inside the caller's transaction), taking them out
/// of the delegation's sub-groups and of the items they were named in; returns where they sat
/// so an undo can put them back.
async fn remove_member(
    c: &mut SqliteConnection,
    id: i64,
    key: &Key,
    member: &Key,
) -> Result<Membership> {
    let done = sqlx::query("DELETE FROM members WHERE key = ? AND delegation_id = ?")
        .bind(member.as_str())
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(write_err)?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound {
            kind: "member",
            key: member.to_string(),
        });
    }
    // A removed guest leaves their sub-groups and the items they were named in.
    let mut delegation = detail(&mut *c, key).await?.delegation;
    let subgroups = membership::leave_subgroups(&mut delegation, member);
    if !subgroups.is_empty() {
        write_delegation_body(c, id, &delegation).await?;
    }
    let mut items = Vec::new();
    for (row_id, mut item) in delegation_items(c, id).await? {
        if membership::leave_item(&mut item, member) {
            items.push(item.key.clone());
            write_item_body(c, row_id, &item).await?;
        }
    }
    Ok(Membership {
        member: member.clone(),
        subgroups,
        items,
    })
}

/// Puts members re-added by an undo back into the sub-groups and items they were taken out
/// of (those that still exist), inside the caller's transaction.
async fn rejoin(
    c: &mut SqliteConnection,
    id: i64,
    key: &Key,
    restore: &[Membership],
) -> Result<()> {
    if restore.is_empty() {
        return Ok(());
    }
    let mut delegation = detail(&mut *c, key).await?.delegation;
    let mut changed = false;
    for m in restore {
        changed |= membership::rejoin_subgroups(&mut delegation, m);
    }
    if changed {
        write_delegation_body(c, id, &delegation).await?;
    }
    for (row_id, mut item) in delegation_items(c, id).await? {
        if membership::rejoin_item(&mut item, restore) {
            write_item_body(c, row_id, &item).await?;
        }
    }
    Ok(())
}

/// Every item of delegation `id` with its row id.
async fn delegation_items(c: &mut SqliteConnection, id: i64) -> Result<Vec<(i64, ItineraryItem)>> {
    let rows = sqlx::query("SELECT id, body FROM items WHERE delegation_id = ?")
        .bind(id)
        .fetch_all(&mut *c)
        .await
        .map_err(read_err)?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<i64, _>(0).map_err(read_err)?,
                parse(row.try_get(1).map_err(read_err)?)?,
            ))
        })
        .collect()
}

/// Rewrites a delegation's body (its sub-groups changed), bumping its version.
async fn write_delegation_body(
    c: &mut SqliteConnection,
    id: i64,
    delegation: &Delegation,
) -> Result<()> {
    sqlx::query(
        "UPDATE delegations SET body = ?, version = version + 1, updated_at = ? WHERE id = ?",
    )
    .bind(body(delegation)?)
    .bind(now())
    .bind(id)
    .execute(&mut *c)
    .await
    .map_err(write_err)?;
    Ok(())
}

/// Rewrites an item's body (its named participants changed), bumping its version.
async fn write_item_body(
    c: &mut SqliteConnection,
    row_id: i64,
    item: &ItineraryItem,
) -> Result<()> {
    sqlx::query("UPDATE items SET body = ?, version = version + 1, updated_at = ? WHERE id = ?")
        .bind(body(item)?)
        .bind(now())
        .bind(row_id)
        .execute(&mut *c)
        .await
        .map_err(write_err)?;
    Ok(())
}

/// Writes a checked plan on `c` (inside the caller's transaction).
pub(super) async fn import_into(c: &mut SqliteConnection, plan: &Plan) -> Result<ImportSummary> {
    if plan.settings != DirectorySettings::default() {
        sqlx::query(
            "INSERT INTO settings (id, body) VALUES (1, ?)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        )
        .bind(body(&plan.settings)?)
        .execute(&mut *c)
        .await
        .map_err(write_err)?;
    }
    let stamp = now();
    for s in &plan.sites {
        sqlx::query("INSERT INTO sites (key, body, updated_at) VALUES (?, ?, ?)")
            .bind(s.key.as_str())
            .bind(body(s)?)
            .bind(&stamp)
            .execute(&mut *c)
            .await
            .map_err(insert_err("site", &s.key))?;
    }
    for t in &plan.travel {
        sqlx::query(
            "INSERT INTO travel_times (from_site, to_site, minutes)
             VALUES ((SELECT id FROM sites WHERE key = ?), (SELECT id FROM sites WHERE key = ?), ?)",
        )
        .bind(t.from.as_str())
        .bind(t.to.as_str())
        .bind(i64::from(t.minutes))
        .execute(&mut *c)
        .await
        .map_err(write_err)?;
    }
    for v in &plan.venues {
        sqlx::query(
            "INSERT INTO venues (key, site_id, body, updated_at)
             VALUES (?, (SELECT id FROM sites WHERE key = ?), ?, ?)",
        )
        .bind(v.key.as_str())
        .bind(v.site.as_str())
        .bind(body(v)?)
        .bind(&stamp)
        .execute(&mut *c)
        .await
        .map_err(insert_err("venue", &v.key))?;
    }
    for h in &plan.hosts {
        sqlx::query("INSERT INTO hosts (key, body, updated_at) VALUES (?, ?, ?)")
            .bind(h.key.as_str())
            .bind(body(h)?)
            .bind(&stamp)
            .execute(&mut *c)
            .await
            .map_err(insert_err("host", &h.key))?;
    }
    for i in &plan.interpreters {
        sqlx::query("INSERT INTO interpreters (key, body, updated_at) VALUES (?, ?, ?)")
            .bind(i.key.as_str())
            .bind(body(i)?)
            .bind(&stamp)
            .execute(&mut *c)
            .await
            .map_err(insert_err("interpreter", &i.key))?;
    }
    let mut added = Counts {
        sites: plan.sites.len() as u32,
        travel: plan.travel.len() as u32,
        venues: plan.venues.len() as u32,
        hosts: plan.hosts.len() as u32,
        interpreters: plan.interpreters.len() as u32,
        delegations: plan.delegations.len() as u32,
        ..Counts::default()
    };
    for d in &plan.delegations {
        let id = insert_delegation(c, &d.delegation, &stamp).await?;
        for m in &d.members {
            insert_member(c, id, m, &stamp).await?;
        }
        for item in &d.items {
            insert_item(c, id, item, &stamp).await?;
        }
        added.members += d.members.len() as u32;
        added.items += d.items.len() as u32;
    }
    // After every delegation: a plan's requests may name any of them, or a stored one.
    for r in &plan.requests {
        let id = requests::request_delegation(c, r).await?;
        requests::insert_request(c, id, r, &stamp).await?;
    }
    Ok(ImportSummary { added })
}

/// Everything in the database as a plan, read on one connection (inside a transaction when
/// a use case needs a consistent picture to check against).
pub(super) async fn load_plan(conn: &mut SqliteConnection) -> Result<Plan> {
    let mut plan = Plan::default();

    if let Some(text) = sqlx::query_scalar::<_, String>("SELECT body FROM settings WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await
        .map_err(read_err)?
    {
        plan.settings = parse::<DirectorySettings>(&text)?;
    }
    plan.sites = bodies(conn, "SELECT body FROM sites ORDER BY key").await?;
    plan.venues = bodies(conn, "SELECT body FROM venues ORDER BY key").await?;
    plan.hosts = bodies(conn, "SELECT body FROM hosts ORDER BY key").await?;
    plan.interpreters = bodies(conn, "SELECT body FROM interpreters ORDER BY key").await?;
    plan.travel = sqlx::query(
        "SELECT f.key, t.key, tt.minutes FROM travel_times tt
         JOIN sites f ON f.id = tt.from_site JOIN sites t ON t.id = tt.to_site
         ORDER BY f.key, t.key",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(read_err)?
    .iter()
    .map(|r| {
        let key = |i| Key::new(r.try_get::<String, _>(i).map_err(read_err)?).map_err(read_err);
        Ok(TravelTime {
            from: key(0)?,
            to: key(1)?,
            minutes: r.try_get::<i64, _>(2).map_err(read_err)? as u32,
        })
    })
    .collect::<Result<_>>()?;

    let mut index = HashMap::new();
    for row in sqlx::query("SELECT id, body FROM delegations ORDER BY key")
        .fetch_all(&mut *conn)
        .await
        .map_err(read_err)?
    {
        index.insert(
            row.try_get::<i64, _>(0).map_err(read_err)?,
            plan.delegations.len(),
        );
        plan.delegations.push(DelegationPlan {
            delegation: parse(row.try_get(1).map_err(read_err)?)?,
            members: vec![],
            items: vec![],
        });
    }
    for row in sqlx::query(
        "SELECT delegation_id, body FROM members ORDER BY delegation_id, precedence, key",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(read_err)?
    {
        let at = *index
            .get(&row.try_get::<i64, _>(0).map_err(read_err)?)
            .ok_or_else(|| read_err("a row of a delegation outside the snapshot"))?;
        plan.delegations[at]
            .members
            .push(parse(row.try_get(1).map_err(read_err)?)?);
    }
    for row in
        sqlx::query("SELECT delegation_id, body FROM items ORDER BY delegation_id, starts_at, key")
            .fetch_all(&mut *conn)
            .await
            .map_err(read_err)?
    {
        let at = *index
            .get(&row.try_get::<i64, _>(0).map_err(read_err)?)
            .ok_or_else(|| read_err("a row of a delegation outside the snapshot"))?;
        plan.delegations[at]
            .items
            .push(parse(row.try_get(1).map_err(read_err)?)?);
    }
    plan.requests = requests::load_requests(conn).await?;
    Ok(plan)
}

/// Checks and normalises one delegation as it would stand in a plan with its members.
fn checked_delegation(delegation: Delegation, members: Vec<Member>) -> Result<Delegation> {
    let mut plan = Plan::default();
    plan.delegations.push(DelegationPlan {
        delegation,
        members,
        items: vec![],
    });
    let problems = crate::plan::check(&plan, None);
    if !problems.is_empty() {
        return Err(problems_to_error(problems, "$.delegations[0]"));
    }
    crate::plan::normalise(&mut plan, None);
    plan.delegations
        .pop()
        .map(|d| d.delegation)
        .ok_or_else(|| write_err("delegation vanished"))
}

async fn bodies<T: DeserializeOwned>(
    conn: &mut SqliteConnection,
    sql: &'static str,
) -> Result<Vec<T>> {
    sqlx::query_scalar::<_, String>(sql)
        .fetch_all(conn)
        .await
        .map_err(read_err)?
        .iter()
        .map(|t| parse(t))
        .collect()
}

/// Runs `sql` (a `DELETE … WHERE key = ?`) for `key`; no row deleted means it never existed.
pub(super) async fn delete_keyed<'c>(
    conn: impl sqlx::Executor<'c, Database = sqlx::Sqlite>,
    sql: &'static str,
    kind: &'static str,
    key: &Key,
) -> Result<()> {
    let done = sqlx::query(sql)
        .bind(key.as_str())
        .execute(conn)
        .await
        .map_err(write_err)?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound {
            kind,
            key: key.to_string(),
        });
    }
    Ok(())
}

pub(super) async fn delegation_id(conn: &mut SqliteConnection, key: &Key) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM delegations WHERE key = ?")
        .bind(key.as_str())
        .fetch_optional(conn)
        .await
        .map_err(read_err)?
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: key.to_string(),
        })
}

async fn detail(conn: &mut SqliteConnection, key: &Key) -> Result<DelegationDetail> {
    let row = sqlx::query("SELECT id, body, version FROM delegations WHERE key = ?")
        .bind(key.as_str())
        .fetch_optional(&mut *conn)
        .await
        .map_err(read_err)?
        .ok_or_else(|| Error::NotFound {
            kind: "delegation",
            key: key.to_string(),
        })?;
    let id: i64 = row.try_get(0).map_err(read_err)?;
    let members = sqlx::query(
        "SELECT body, version FROM members WHERE delegation_id = ? ORDER BY precedence, key",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await
    .map_err(read_err)?
    .iter()
    .map(|r| {
        Ok(MemberRecord {
            member: parse(r.try_get(0).map_err(read_err)?)?,
            version: r.try_get(1).map_err(read_err)?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(DelegationDetail {
        delegation: parse(row.try_get(1).map_err(read_err)?)?,
        version: row.try_get(2).map_err(read_err)?,
        members,
    })
}

async fn insert_delegation(c: &mut SqliteConnection, d: &Delegation, stamp: &str) -> Result<i64> {
    let done = sqlx::query(
        "INSERT INTO delegations (key, arrival_at, departure_at, body, updated_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(d.key.as_str())
    .bind(d.arrival.timestamp())
    .bind(d.departure.timestamp())
    .bind(body(d)?)
    .bind(stamp)
    .execute(c)
    .await
    .map_err(insert_err("delegation", &d.key))?;
    Ok(done.last_insert_rowid())
}

async fn insert_member(
    c: &mut SqliteConnection,
    delegation: i64,
    m: &Member,
    stamp: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO members (key, delegation_id, precedence, body, updated_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(m.key.as_str())
    .bind(delegation)
    .bind(i64::from(m.precedence))
    .bind(body(m)?)
    .bind(stamp)
    .execute(c)
    .await
    .map_err(insert_err("member", &m.key))?;
    Ok(())
}

pub(super) fn status_text(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Tentative => "tentative",
        ItemStatus::Confirmed => "confirmed",
        ItemStatus::Cancelled => "cancelled",
    }
}

/// Inserts an item with the bookings it makes. A cancelled item books nothing.
pub(super) async fn insert_item(
    c: &mut SqliteConnection,
    delegation: i64,
    item: &ItineraryItem,
    stamp: &str,
) -> Result<()> {
    let done = sqlx::query(
        "INSERT INTO items (key, delegation_id, venue_id, status, starts_at, ends_at, body, updated_at)
         VALUES (?, ?, (SELECT id FROM venues WHERE key = ?), ?, ?, ?, ?, ?)",
    )
    .bind(item.key.as_str())
    .bind(delegation)
    .bind(item.venue.as_ref().map(Key::as_str))
    .bind(status_text(item.status))
    .bind(item.start.timestamp())
    .bind(item.end.timestamp())
    .bind(body(item)?)
    .bind(stamp)
    .execute(&mut *c)
    .await
    .map_err(insert_err("item", &item.key))?;
    write_bookings(c, done.last_insert_rowid(), item).await
}

/// Writes the bookings rows of an item (after its old ones were deleted, for an update).
pub(super) async fn write_bookings(
    c: &mut SqliteConnection,
    item_id: i64,
    item: &ItineraryItem,
) -> Result<()> {
    if item.status == ItemStatus::Cancelled {
        return Ok(());
    }
    let resources = item
        .venue
        .iter()
        .map(|v| ("venue", v))
        .chain(item.hosts.iter().map(|h| ("host", h)))
        .chain(
            item.interpreters
                .iter()
                .map(|a| ("interpreter", &a.interpreter)),
        );
    for (kind, key) in resources {
        let result = sqlx::query(
            "INSERT OR IGNORE INTO bookings (item_id, resource_kind, resource_key, starts_at, ends_at, confirmed)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(item_id)
        .bind(kind)
        .bind(key.as_str())
        .bind(item.start.timestamp())
        .bind(item.end.timestamp())
        .bind(item.status == ItemStatus::Confirmed)
        .execute(&mut *c)
        .await;
        if let Err(e) = result {
            let overlap = e
                .as_database_error()
                .is_some_and(|d| d.message().contains("itinera_booking_overlap"));
            if overlap {
                return Err(overlap_error(c, item, kind, key).await);
            }
            return Err(write_err(e));
        }
    }
    Ok(())
}

/// Names the confirmed item that already holds the resource.
async fn overlap_error(
    c: &mut SqliteConnection,
    item: &ItineraryItem,
    kind: &str,
    key: &Key,
) -> Error {
    let other = sqlx::query(
        "SELECT i.body, d.key FROM bookings b JOIN items i ON i.id = b.item_id
         JOIN delegations d ON d.id = i.delegation_id
         WHERE b.confirmed = 1 AND b.resource_kind = ? AND b.resource_key = ?
           AND b.starts_at < ? AND b.ends_at > ? AND i.key <> ?
         LIMIT 1",
    )
    .bind(kind)
    .bind(key.as_str())
    .bind(item.end.timestamp())
    .bind(item.start.timestamp())
    .bind(item.key.as_str())
    .fetch_optional(&mut *c)
    .await;
    let other = other.ok().flatten().and_then(|r| {
        let other: ItineraryItem = serde_json::from_str(r.try_get::<&str, _>(0).ok()?).ok()?;
        Some((other, r.try_get::<String, _>(1).ok()?))
    });
    super::refusals::confirmed_clash(item, kind, key.as_str(), other)
}

/// The stale-save error of the record `kind` `key`, with the time of the save that won.
pub(super) async fn stale(conn: &mut SqliteConnection, kind: &'static str, key: &str) -> Error {
    let sql = match kind {
        "delegation" => "SELECT updated_at FROM delegations WHERE key = ?",
        "member" => "SELECT updated_at FROM members WHERE key = ?",
        "item" => "SELECT updated_at FROM items WHERE key = ?",
        "request" => "SELECT updated_at FROM requests WHERE key = ?",
        "site" => "SELECT updated_at FROM sites WHERE key = ?",
        "venue" => "SELECT updated_at FROM venues WHERE key = ?",
        "host" => "SELECT updated_at FROM hosts WHERE key = ?",
        "interpreter" => "SELECT updated_at FROM interpreters WHERE key = ?",
        _ => "SELECT updated_at FROM office WHERE id = 1 AND ? IS NOT NULL",
    };
    let at = sqlx::query_scalar::<_, String>(sql)
        .bind(key)
        .fetch_optional(conn)
        .await
        .ok()
        .flatten();
    super::stale_error(kind, key, at.as_deref())
}
