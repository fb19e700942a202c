//! Reading and writing a whole [`Dump`] on SQLite (for `itinera copy`).
//!
//! `dump` reads inside one deferred transaction (one snapshot); `restore` writes inside one
//! `BEGIN IMMEDIATE` transaction and refuses a non-empty target unless told to replace it.

use sqlx::Row;

use super::{Sqlite, import_into, read_err, write_err};
use crate::store::copy::{AcknowledgementRow, Dump, OfficeRow, PrintedRow, ReleaseRow};
use crate::{Error, Result};

impl Sqlite {
    pub(in crate::store) async fn dump(&self) -> Result<Dump> {
        let mut tx = self.pool.begin().await.map_err(read_err)?;
        let plan = super::load_plan(&mut tx).await?;
        let acknowledgements =
            sqlx::query("SELECT conflict_id, body, created_at FROM acknowledgements ORDER BY id")
                .fetch_all(&mut *tx)
                .await
                .map_err(read_err)?
                .iter()
                .map(|r| {
                    Ok(AcknowledgementRow {
                        conflict_id: r.try_get(0).map_err(read_err)?,
                        body: r.try_get(1).map_err(read_err)?,
                        created_at: r.try_get(2).map_err(read_err)?,
                    })
                })
                .collect::<Result<_>>()?;
        let releases = sqlx::query(
            "SELECT d.key, r.number, r.audience, r.released_at, r.released_by, r.snapshot
             FROM releases r JOIN delegations d ON d.id = r.delegation_id
             ORDER BY d.key, r.number",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(read_err)?
        .iter()
        .map(|r| {
            Ok(ReleaseRow {
                delegation: r.try_get(0).map_err(read_err)?,
                number: r.try_get(1).map_err(read_err)?,
                audience: r.try_get(2).map_err(read_err)?,
                released_at: r.try_get(3).map_err(read_err)?,
                released_by: r.try_get(4).map_err(read_err)?,
                snapshot: r.try_get(5).map_err(read_err)?,
            })
        })
        .collect::<Result<_>>()?;
        let printed = sqlx::query(
            "SELECT item_key, fingerprint, printed_at FROM printed_items ORDER BY item_key",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(read_err)?
        .iter()
        .map(|r| {
            Ok(PrintedRow {
                item_key: r.try_get(0).map_err(read_err)?,
                fingerprint: r.try_get(1).map_err(read_err)?,
                printed_at: r.try_get(2).map_err(read_err)?,
            })
        })
        .collect::<Result<_>>()?;
        let office = sqlx::query(
            "SELECT version, institution, logo_png, updated_at FROM office WHERE id = 1",
        )
        .fetch_optional(&mut *tx)
        .await
        .map_err(read_err)?
        .map(|r| {
            Ok::<_, Error>(OfficeRow {
                version: r.try_get(0).map_err(read_err)?,
                institution: r.try_get(1).map_err(read_err)?,
                logo_png: r.try_get(2).map_err(read_err)?,
                updated_at: r.try_get(3).map_err(read_err)?,
            })
        })
        .transpose()?;
        Ok(Dump {
            plan,
            acknowledgements,
            releases,
            printed,
            office,
        })
    }

    pub(in crate::store) async fn restore(&self, dump: &Dump, replace: bool) -> Result<()> {
        let mut tx = self.begin().await?;
        let used: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM sites) + (SELECT COUNT(*) FROM hosts)
                  + (SELECT COUNT(*) FROM interpreters) + (SELECT COUNT(*) FROM delegations)
                  + (SELECT COUNT(*) FROM office) + (SELECT COUNT(*) FROM settings)
                  + (SELECT COUNT(*) FROM acknowledgements) + (SELECT COUNT(*) FROM printed_items)",
        )
        .fetch_one(&mut *tx)
        .await
        .map_err(read_err)?;
        if used > 0 && !replace {
            return Err(crate::store::refusals::target_not_empty());
        }
        for sql in [
            "DELETE FROM printed_items",
            "DELETE FROM acknowledgements",
            "DELETE FROM releases",
            "DELETE FROM requests",
            "DELETE FROM bookings",
            "DELETE FROM items",
            "DELETE FROM members",
            "DELETE FROM delegations",
            "DELETE FROM travel_times",
            "DELETE FROM venues",
            "DELETE FROM sites",
            "DELETE FROM hosts",
            "DELETE FROM interpreters",
            "DELETE FROM settings",
            "DELETE FROM office",
        ] {
            sqlx::query(sql)
                .execute(&mut *tx)
                .await
                .map_err(write_err)?;
        }
        import_into(&mut tx, &dump.plan).await?;
        for a in &dump.acknowledgements {
            sqlx::query(
                "INSERT INTO acknowledgements (conflict_id, body, created_at) VALUES (?, ?, ?)",
            )
            .bind(&a.conflict_id)
            .bind(&a.body)
            .bind(&a.created_at)
            .execute(&mut *tx)
            .await
            .map_err(write_err)?;
        }
        for r in &dump.releases {
            sqlx::query(
                "INSERT INTO releases (delegation_id, number, audience, released_at, released_by, snapshot)
                 VALUES ((SELECT id FROM delegations WHERE key = ?), ?, ?, ?, ?, ?)",
            )
            .bind(&r.delegation)
            .bind(r.number)
            .bind(&r.audience)
            .bind(&r.released_at)
            .bind(&r.released_by)
            .bind(&r.snapshot)
            .execute(&mut *tx)
            .await
            .map_err(write_err)?;
        }
        for p in &dump.printed {
            sqlx::query(
                "INSERT INTO printed_items (item_key, fingerprint, printed_at) VALUES (?, ?, ?)",
            )
            .bind(&p.item_key)
            .bind(&p.fingerprint)
            .bind(&p.printed_at)
            .execute(&mut *tx)
            .await
            .map_err(write_err)?;
        }
        if let Some(o) = &dump.office {
            sqlx::query(
                "INSERT INTO office (id, version, institution, logo_png, updated_at)
                 VALUES (1, ?, ?, ?, ?)",
            )
            .bind(o.version)
            .bind(&o.institution)
            .bind(o.logo_png.as_deref())
            .bind(&o.updated_at)
            .execute(&mut *tx)
            .await
            .map_err(write_err)?;
        }
        tx.commit().await.map_err(write_err)
    }
}
