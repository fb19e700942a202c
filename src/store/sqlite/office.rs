//! The office settings on SQLite: one row (`id = 1`) with the institution's name and logo.
//!
//! Invariants: the row is written only after [`OfficeSettings::check`] passed (the caller in
//! `store/mod.rs` checks first), and every update quotes the version it loaded, so two
//! workstations editing the settings at once cannot silently overwrite each other.

use sqlx::Row;

use super::{Sqlite, body, now, parse, read_err, write_err};
use crate::Result;
use crate::api::{OfficeRecord, OfficeSettings, SaveOfficeSettings};

impl Sqlite {
    pub(in crate::store) async fn office_settings(&self) -> Result<OfficeRecord> {
        let row = sqlx::query("SELECT institution, logo_png, version FROM office WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(read_err)?;
        let Some(r) = row else {
            return Ok(OfficeRecord {
                settings: OfficeSettings::default(),
                version: 0,
            });
        };
        Ok(OfficeRecord {
            settings: OfficeSettings {
                institution: parse(r.try_get(0).map_err(read_err)?)?,
                logo_png: r.try_get(1).map_err(read_err)?,
            },
            version: r.try_get(2).map_err(read_err)?,
        })
    }

    pub(in crate::store) async fn save_office_settings(
        &self,
        input: &SaveOfficeSettings,
    ) -> Result<OfficeRecord> {
        let institution = body(&input.settings.institution)?;
        let mut tx = self.begin().await?;
        let version = match input.expected_version.unwrap_or(0) {
            // First save: refused (as stale) when another workstation saved in between.
            0 => sqlx::query_scalar::<_, i64>(
                "INSERT INTO office (id, version, institution, logo_png, updated_at)
                 VALUES (1, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING version",
            )
            .bind(&institution)
            .bind(input.settings.logo_png.as_deref())
            .bind(now())
            .fetch_optional(&mut *tx)
            .await
            .map_err(write_err)?,
            expected => sqlx::query_scalar::<_, i64>(
                "UPDATE office SET institution = ?, logo_png = ?, updated_at = ?,
                        version = version + 1
                 WHERE id = 1 AND version = ? RETURNING version",
            )
            .bind(&institution)
            .bind(input.settings.logo_png.as_deref())
            .bind(now())
            .bind(expected)
            .fetch_optional(&mut *tx)
            .await
            .map_err(write_err)?,
        };
        // None: the first save lost to another workstation's, or the version moved on.
        let Some(version) = version else {
            return Err(super::stale(&mut tx, "office settings", "office").await);
        };
        tx.commit().await.map_err(write_err)?;
        Ok(OfficeRecord {
            settings: input.settings.clone(),
            version,
        })
    }
}
