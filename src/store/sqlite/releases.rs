//! Guest releases and the print log on SQLite.
//!
//! Releases are numbered per delegation (v1, v2, … whatever the audience) and each carries
//! the audience it was printed for, so "changes since" can find the copy one audience holds.

use std::collections::HashMap;

use sqlx::Row;

use super::{Sqlite, body, delegation_id, parse, read_err, write_err};
use crate::api::{Release, ReleaseInfo};
use crate::conflicts::{PrintLog, PrintedItem};
use crate::model::Key;
use crate::print::Audience;
use crate::{Error, Result};

impl Sqlite {
    pub(in crate::store) async fn list_releases(
        &self,
        delegation: &Key,
    ) -> Result<Vec<ReleaseInfo>> {
        let mut conn = self.pool.acquire().await.map_err(read_err)?;
        let id = delegation_id(&mut conn, delegation).await?;
        let rows = sqlx::query(
            "SELECT number, audience, released_at, released_by, snapshot FROM releases
             WHERE delegation_id = ? ORDER BY number",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .map_err(read_err)?;
        rows.iter()
            .map(|r| Ok(release_of(delegation, r)?.info))
            .collect()
    }

    pub(in crate::store) async fn release(
        &self,
        delegation: &Key,
        number: Option<u32>,
    ) -> Result<Option<Release>> {
        let mut conn = self.pool.acquire().await.map_err(read_err)?;
        let id = delegation_id(&mut conn, delegation).await?;
        let row = sqlx::query(
            "SELECT number, audience, released_at, released_by, snapshot FROM releases
             WHERE delegation_id = ? AND (? IS NULL OR number = ?) ORDER BY number DESC LIMIT 1",
        )
        .bind(id)
        .bind(number.map(i64::from))
        .bind(number.map(i64::from))
        .fetch_optional(&mut *conn)
        .await
        .map_err(read_err)?;
        match (row, number) {
            (Some(r), _) => Ok(Some(release_of(delegation, &r)?)),
            (None, Some(n)) => Err(Error::NotFound {
                kind: "release",
                key: format!("{delegation} v{n}"),
            }),
            (None, None) => Ok(None),
        }
    }

    /// The latest release printed for exactly `audience`. Audiences are stored as the JSON
    /// `body` writes, which is canonical for this enum, so equal audiences compare equal.
    pub(in crate::store) async fn latest_release_for(
        &self,
        delegation: &Key,
        audience: &Audience,
    ) -> Result<Option<Release>> {
        let mut conn = self.pool.acquire().await.map_err(read_err)?;
        let id = delegation_id(&mut conn, delegation).await?;
        let row = sqlx::query(
            "SELECT number, audience, released_at, released_by, snapshot FROM releases
             WHERE delegation_id = ? AND audience = ? ORDER BY number DESC LIMIT 1",
        )
        .bind(id)
        .bind(body(audience)?)
        .fetch_optional(&mut *conn)
        .await
        .map_err(read_err)?;
        row.map(|r| release_of(delegation, &r)).transpose()
    }

    pub(in crate::store) async fn record_release(
        &self,
        release: &Release,
        printed: &PrintLog,
    ) -> Result<()> {
        self.record_releases(&[(release, printed)]).await
    }

    /// Records several releases (with their print logs) in one transaction: all or none.
    pub(in crate::store) async fn record_releases(
        &self,
        releases: &[(&Release, &PrintLog)],
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        for &(release, printed) in releases {
            let id = delegation_id(&mut tx, &release.info.delegation).await?;
            sqlx::query(
                "INSERT INTO releases (delegation_id, number, audience, released_at, released_by, snapshot)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(i64::from(release.info.number))
            .bind(body(&release.info.audience)?)
            .bind(release.info.released_at.to_rfc3339())
            .bind(&release.info.released_by)
            .bind(body(&release.snapshot)?)
            .execute(&mut *tx)
            .await
            .map_err(|e| match e.as_database_error() {
                Some(d) if d.is_unique_violation() => crate::store::refusals::release_taken(
                    release.info.number,
                    &release.info.delegation,
                ),
                _ => write_err(e),
            })?;
            for (key, p) in printed {
                sqlx::query(
                    "INSERT INTO printed_items (item_key, fingerprint, printed_at) VALUES (?, ?, ?)
                     ON CONFLICT (item_key) DO UPDATE SET fingerprint = excluded.fingerprint,
                                                        printed_at = excluded.printed_at",
                )
                .bind(key.as_str())
                .bind(&p.fingerprint)
                .bind(p.printed_at.to_rfc3339())
                .execute(&mut *tx)
                .await
                .map_err(write_err)?;
            }
        }
        tx.commit().await.map_err(write_err)
    }
}

/// The print log: what guests last saw of each printed item.
pub(super) async fn print_log(conn: &mut sqlx::SqliteConnection) -> Result<PrintLog> {
    let rows = sqlx::query("SELECT item_key, fingerprint, printed_at FROM printed_items")
        .fetch_all(conn)
        .await
        .map_err(read_err)?;
    let mut log = HashMap::with_capacity(rows.len());
    for r in rows {
        let key = Key::new(r.try_get::<String, _>(0).map_err(read_err)?).map_err(read_err)?;
        let at: String = r.try_get(2).map_err(read_err)?;
        log.insert(
            key,
            PrintedItem {
                fingerprint: r.try_get(1).map_err(read_err)?,
                printed_at: chrono::DateTime::parse_from_rfc3339(&at).map_err(read_err)?,
            },
        );
    }
    Ok(log)
}

fn release_of(delegation: &Key, r: &sqlx::sqlite::SqliteRow) -> Result<Release> {
    let at: String = r.try_get(2).map_err(read_err)?;
    let snapshot: crate::release::ReleaseSnapshot = parse(r.try_get(4).map_err(read_err)?)?;
    Ok(Release {
        info: ReleaseInfo {
            delegation: delegation.clone(),
            number: r.try_get::<i64, _>(0).map_err(read_err)? as u32,
            audience: parse(r.try_get(1).map_err(read_err)?)?,
            released_at: chrono::DateTime::parse_from_rfc3339(&at).map_err(read_err)?,
            released_by: r.try_get(3).map_err(read_err)?,
            item_count: snapshot.items.len() as u32,
        },
        snapshot,
    })
}
