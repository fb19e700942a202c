//! The shared directory on PostgreSQL: sites, venues, hosts, interpreters, travel times, settings.
//!
//! Entries are checked the way a plan file is (references, hours, names) against the rest of
//! the database. An entry still used by an item (or a venue's site) cannot be deleted: the
//! refusal lists what uses it, so the scheduler knows what to change first.

use sqlx::Row;

use super::{
    Postgres, body, delete_keyed, insert_err, load_plan, notify, now, parse, read_err, write_err,
};
use crate::api::{
    DeleteDirectoryEntry, DirectoryEntry, DirectoryKind, DirectoryListing, DirectoryRecord,
    SaveDirectoryEntry, SetTravelTime,
};
use crate::model::{DirectorySettings, Key};
use crate::plan::{self, Plan};
use crate::store::{problems_to_error, refusals};
use crate::{Error, Result};

impl Postgres {
    pub(in crate::store) async fn list_directory(&self) -> Result<DirectoryListing> {
        let mut conn = self.snapshot().await?;
        let plan = load_plan(&mut conn).await?;
        let mut entries = Vec::new();
        for (kind, sql) in [
            (
                DirectoryKind::Site,
                "SELECT body, version FROM sites ORDER BY key",
            ),
            (
                DirectoryKind::Venue,
                "SELECT body, version FROM venues ORDER BY key",
            ),
            (
                DirectoryKind::Host,
                "SELECT body, version FROM hosts ORDER BY key",
            ),
            (
                DirectoryKind::Interpreter,
                "SELECT body, version FROM interpreters ORDER BY key",
            ),
        ] {
            for row in sqlx::query(sql)
                .fetch_all(&mut *conn)
                .await
                .map_err(read_err)?
            {
                let text: &str = row.try_get(0).map_err(read_err)?;
                let entry = match kind {
                    DirectoryKind::Site => DirectoryEntry::Site(parse(text)?),
                    DirectoryKind::Venue => DirectoryEntry::Venue(parse(text)?),
                    DirectoryKind::Host => DirectoryEntry::Host(parse(text)?),
                    DirectoryKind::Interpreter => DirectoryEntry::Interpreter(parse(text)?),
                };
                entries.push(DirectoryRecord {
                    entry,
                    version: row.try_get(1).map_err(read_err)?,
                });
            }
        }
        Ok(DirectoryListing {
            settings: plan.settings,
            entries,
            travel: plan.travel,
        })
    }

    pub(in crate::store) async fn save_directory_entry(
        &self,
        input: SaveDirectoryEntry,
    ) -> Result<DirectoryRecord> {
        let mut tx = self.begin().await?;
        let mut plan = load_plan(&mut tx).await?;
        let kind = input.entry.kind();
        let key = input.entry.key().clone();
        let path = place(
            &mut plan,
            input.entry.clone(),
            input.expected_version.is_some(),
        )?;
        let mine: Vec<_> = plan::check(&plan, None)
            .into_iter()
            .filter(|p| p.path == path || p.path.starts_with(&format!("{path}.")))
            .collect();
        if !mine.is_empty() {
            return Err(problems_to_error(mine, &path));
        }
        let mut one = Plan::default();
        match input.entry {
            DirectoryEntry::Site(e) => one.sites.push(e),
            DirectoryEntry::Venue(e) => one.venues.push(e),
            DirectoryEntry::Host(e) => one.hosts.push(e),
            DirectoryEntry::Interpreter(e) => one.interpreters.push(e),
        }
        plan::normalise(&mut one, None);
        let (entry, text) = match kind {
            DirectoryKind::Site => (
                DirectoryEntry::Site(one.sites[0].clone()),
                body(&one.sites[0])?,
            ),
            DirectoryKind::Venue => (
                DirectoryEntry::Venue(one.venues[0].clone()),
                body(&one.venues[0])?,
            ),
            DirectoryKind::Host => (
                DirectoryEntry::Host(one.hosts[0].clone()),
                body(&one.hosts[0])?,
            ),
            DirectoryKind::Interpreter => (
                DirectoryEntry::Interpreter(one.interpreters[0].clone()),
                body(&one.interpreters[0])?,
            ),
        };
        let site = match &entry {
            DirectoryEntry::Venue(v) => Some(v.site.as_str()),
            _ => None,
        };
        let stamp = now();
        let version = match input.expected_version {
            None => {
                let sql = match kind {
                    DirectoryKind::Site => {
                        "INSERT INTO sites (key, body, updated_at) VALUES ($1, $2, $3)"
                    }
                    DirectoryKind::Venue => {
                        "INSERT INTO venues (key, body, updated_at, site_id)
                         VALUES ($1, $2, $3, (SELECT id FROM sites WHERE key = $4))"
                    }
                    DirectoryKind::Host => {
                        "INSERT INTO hosts (key, body, updated_at) VALUES ($1, $2, $3)"
                    }
                    DirectoryKind::Interpreter => {
                        "INSERT INTO interpreters (key, body, updated_at) VALUES ($1, $2, $3)"
                    }
                };
                let mut q = sqlx::query(sql).bind(key.as_str()).bind(&text).bind(&stamp);
                if let Some(site) = site {
                    q = q.bind(site);
                }
                q.execute(&mut *tx)
                    .await
                    .map_err(insert_err(kind.noun(), &key))?;
                1
            }
            Some(version) => {
                let sql = match kind {
                    DirectoryKind::Site => {
                        "UPDATE sites SET body = $1, updated_at = $2, version = version + 1
                         WHERE key = $3 AND version = $4 RETURNING version"
                    }
                    DirectoryKind::Venue => {
                        "UPDATE venues SET body = $1, updated_at = $2, version = version + 1,
                                site_id = (SELECT id FROM sites WHERE key = $3)
                         WHERE key = $4 AND version = $5 RETURNING version"
                    }
                    DirectoryKind::Host => {
                        "UPDATE hosts SET body = $1, updated_at = $2, version = version + 1
                         WHERE key = $3 AND version = $4 RETURNING version"
                    }
                    DirectoryKind::Interpreter => {
                        "UPDATE interpreters SET body = $1, updated_at = $2, version = version + 1
                         WHERE key = $3 AND version = $4 RETURNING version"
                    }
                };
                let mut q = sqlx::query_scalar::<_, i64>(sql).bind(&text).bind(&stamp);
                if let Some(site) = site {
                    q = q.bind(site);
                }
                let updated = q
                    .bind(key.as_str())
                    .bind(version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(write_err)?;
                match updated {
                    Some(version) => version,
                    None => return Err(super::stale(&mut tx, kind.noun(), key.as_str()).await),
                }
            }
        };
        notify(&mut *tx, "directory", key.as_str()).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(DirectoryRecord { entry, version })
    }

    pub(in crate::store) async fn delete_directory_entry(
        &self,
        input: DeleteDirectoryEntry,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let plan = load_plan(&mut tx).await?;
        let users = refusals::users_of(&plan, input.kind, &input.key);
        if !users.is_empty() {
            return Err(refusals::still_used(input.kind, &input.key, &users));
        }
        let sql = match input.kind {
            DirectoryKind::Site => "DELETE FROM sites WHERE key = $1",
            DirectoryKind::Venue => "DELETE FROM venues WHERE key = $1",
            DirectoryKind::Host => "DELETE FROM hosts WHERE key = $1",
            DirectoryKind::Interpreter => "DELETE FROM interpreters WHERE key = $1",
        };
        delete_keyed(&mut *tx, sql, input.kind.noun(), &input.key).await?;
        notify(&mut *tx, "directory", input.key.as_str()).await?;
        tx.commit().await.map_err(write_err)
    }

    pub(in crate::store) async fn set_travel_time(&self, input: SetTravelTime) -> Result<()> {
        if input.from == input.to {
            return Err(refusals::travel_within_site());
        }
        let mut tx = self.begin().await?;
        for (field, site) in [("from", &input.from), ("to", &input.to)] {
            sqlx::query("SELECT 1 FROM sites WHERE key = $1")
                .bind(site.as_str())
                .fetch_optional(&mut *tx)
                .await
                .map_err(read_err)?
                .ok_or_else(|| refusals::no_site(field, site))?;
        }
        let q = match input.minutes {
            Some(minutes) => sqlx::query(
                "INSERT INTO travel_times (from_site, to_site, minutes)
                 VALUES ((SELECT id FROM sites WHERE key = $1), (SELECT id FROM sites WHERE key = $2), $3)
                 ON CONFLICT (from_site, to_site) DO UPDATE SET minutes = excluded.minutes",
            )
            .bind(input.from.as_str())
            .bind(input.to.as_str())
            .bind(i64::from(minutes)),
            None => sqlx::query(
                "DELETE FROM travel_times WHERE from_site = (SELECT id FROM sites WHERE key = $1)
                   AND to_site = (SELECT id FROM sites WHERE key = $2)",
            )
            .bind(input.from.as_str())
            .bind(input.to.as_str()),
        };
        q.execute(&mut *tx).await.map_err(write_err)?;
        notify(&mut *tx, "directory", "").await?;
        tx.commit().await.map_err(write_err)
    }

    pub(in crate::store) async fn save_settings(&self, settings: &DirectorySettings) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO settings (id, body) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body",
        )
        .bind(body(settings)?)
        .execute(&mut *tx)
        .await
        .map_err(write_err)?;
        notify(&mut *tx, "settings", "").await?;
        tx.commit().await.map_err(write_err)
    }
}

/// Puts the entry into the plan (replacing the stored one on update) and returns its path.
fn place(plan: &mut Plan, entry: DirectoryEntry, update: bool) -> Result<String> {
    fn put<T>(
        list: &mut Vec<T>,
        e: T,
        same: impl Fn(&T) -> bool,
        update: bool,
        name: &str,
        noun: &'static str,
        key: &Key,
    ) -> Result<String> {
        match (list.iter().position(same), update) {
            (Some(at), true) => {
                list[at] = e;
                Ok(format!("$.{name}[{at}]"))
            }
            (None, false) => {
                list.push(e);
                Ok(format!("$.{name}[{}]", list.len() - 1))
            }
            (Some(_), false) => Err(Error::Duplicate {
                kind: noun,
                key: key.to_string(),
            }),
            (None, true) => Err(Error::NotFound {
                kind: noun,
                key: key.to_string(),
            }),
        }
    }
    let key = entry.key().clone();
    match entry {
        DirectoryEntry::Site(e) => put(
            &mut plan.sites,
            e,
            |x| x.key == key,
            update,
            "sites",
            "site",
            &key,
        ),
        DirectoryEntry::Venue(e) => put(
            &mut plan.venues,
            e,
            |x| x.key == key,
            update,
            "venues",
            "venue",
            &key,
        ),
        DirectoryEntry::Host(e) => put(
            &mut plan.hosts,
            e,
            |x| x.key == key,
            update,
            "hosts",
            "host",
            &key,
        ),
        DirectoryEntry::Interpreter(e) => put(
            &mut plan.interpreters,
            e,
            |x| x.key == key,
            update,
            "interpreters",
            "interpreter",
            &key,
        ),
    }
}
