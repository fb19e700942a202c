//! Itinerary items and conflict acknowledgements on SQLite.
//!
//! Saving an item is where the booking rules bite: inside one `BEGIN IMMEDIATE` transaction
//! the whole plan is read, the edited item is checked by the conflict checker against every
//! other visit, a confirmed item with a blocking conflict is refused, and only then are the
//! item and its booking rows written (where the triggers hold the line once more).

use sqlx::Row;

use super::releases::print_log;
use super::{
    Sqlite, Tx, body, delegation_id, delete_keyed, insert_item, load_plan, now, parse, read_err,
    write_bookings, write_err,
};
use crate::Result;
use crate::api::{AcknowledgeInput, ItemRecord, SaveItem, SavedItem};
use crate::conflicts::{self, AcknowledgedConflict};
use crate::model::{ItineraryItem, Key, Lang};
use crate::store::checked::{Snapshot, Writing};
use crate::store::placing::{self, Placed};

impl Sqlite {
    pub(in crate::store) async fn list_items(&self, delegation: &Key) -> Result<Vec<ItemRecord>> {
        let rows = sqlx::query(
            "SELECT i.body, i.version FROM items i JOIN delegations d ON d.id = i.delegation_id
             WHERE d.key = ? ORDER BY i.starts_at, i.key",
        )
        .bind(delegation.as_str())
        .fetch_all(&self.pool)
        .await
        .map_err(read_err)?;
        if rows.is_empty() {
            // Distinguish "no items yet" from "no such delegation".
            let mut conn = self.pool.acquire().await.map_err(read_err)?;
            delegation_id(&mut conn, delegation).await?;
        }
        rows.iter()
            .map(|r| {
                Ok(ItemRecord {
                    delegation: delegation.clone(),
                    item: parse(r.try_get(0).map_err(read_err)?)?,
                    version: r.try_get(1).map_err(read_err)?,
                })
            })
            .collect()
    }

    /// Saves items of one delegation in one transaction, each checked against the plan
    /// holding all of them (the store's kept plan when it is current); one refusal writes none.
    pub(in crate::store) async fn save_items(
        &self,
        delegation: &Key,
        inputs: Vec<SaveItem>,
        lang: Lang,
        writing: &mut Writing<'_>,
    ) -> Result<Vec<SavedItem>> {
        let mut tx = self.begin().await?;
        let before = revision(&mut tx).await?;
        let acks = load_acks(&mut tx).await?;
        let printed = print_log(&mut tx).await?;
        let resolved = writing
            .at(before, async || load_plan(&mut tx).await)
            .await?;
        let placed = placing::place_items(resolved, &acks, &printed, delegation, &inputs, lang)?;
        let edited: Vec<(Key, ItineraryItem)> = placed
            .iter()
            .map(|p| (delegation.clone(), p.item.clone()))
            .collect();
        match self.write_placed(tx, delegation, inputs, placed).await {
            Ok((saved, after)) => {
                writing.committed(before, after, &edited);
                Ok(saved)
            }
            Err(e) => {
                writing.forget();
                Err(e)
            }
        }
    }

    /// Writes placed items and commits; returns them as stored, with the revision after.
    async fn write_placed(
        &self,
        mut tx: Tx,
        delegation: &Key,
        inputs: Vec<SaveItem>,
        placed: Vec<Placed>,
    ) -> Result<(Vec<SavedItem>, i64)> {
        let mut saved = Vec::with_capacity(placed.len());
        for (input, Placed { item, conflicts }) in inputs.into_iter().zip(placed) {
            let key = item.key.clone();
            let version = match input.expected_version {
                None => {
                    let id = delegation_id(&mut tx, delegation).await?;
                    insert_item(&mut tx, id, &item, &now()).await?;
                    1
                }
                Some(version) => {
                    let row = sqlx::query(
                        "UPDATE items SET body = ?, venue_id = (SELECT id FROM venues WHERE key = ?),
                                status = ?, starts_at = ?, ends_at = ?, version = version + 1,
                                updated_at = ?
                         WHERE key = ? AND version = ? RETURNING id, version",
                    )
                    .bind(body(&item)?)
                    .bind(item.venue.as_ref().map(Key::as_str))
                    .bind(super::status_text(item.status))
                    .bind(item.start.timestamp())
                    .bind(item.end.timestamp())
                    .bind(now())
                    .bind(key.as_str())
                    .bind(version)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(write_err)?;
                    let Some(row) = row else {
                        return Err(super::stale(&mut tx, "item", key.as_str()).await);
                    };
                    let id: i64 = row.try_get(0).map_err(read_err)?;
                    sqlx::query("DELETE FROM bookings WHERE item_id = ?")
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(write_err)?;
                    write_bookings(&mut tx, id, &item).await?;
                    row.try_get(1).map_err(read_err)?
                }
            };
            saved.push(SavedItem {
                record: ItemRecord {
                    delegation: delegation.clone(),
                    item,
                    version,
                },
                conflicts,
            });
        }
        let after = revision(&mut tx).await?;
        tx.commit().await.map_err(write_err)?;
        Ok((saved, after))
    }

    pub(in crate::store) async fn delete_item(
        &self,
        key: &Key,
        writing: &mut Writing<'_>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = revision(&mut tx).await?;
        delete_keyed(&mut *tx, "DELETE FROM items WHERE key = ?", "item", key).await?;
        let after = revision(&mut tx).await?;
        tx.commit().await.map_err(write_err)?;
        writing.deleted(key, before, after);
        Ok(())
    }

    /// What a conflict check reads, from one snapshot: the plan only when `kept` (the
    /// revision of the plan the store keeps resolved) is not current.
    pub(in crate::store) async fn check_snapshot(&self, kept: Option<i64>) -> Result<Snapshot> {
        // A (deferred) transaction: every table is read from one snapshot.
        let mut conn = self.pool.begin().await.map_err(read_err)?;
        let revision = revision(&mut conn).await?;
        let plan = match kept {
            Some(k) if k == revision => None,
            _ => Some(load_plan(&mut conn).await?),
        };
        Ok(Snapshot {
            revision,
            plan,
            acks: load_acks(&mut conn).await?,
            printed: print_log(&mut conn).await?,
        })
    }

    pub(in crate::store) async fn acknowledge(
        &self,
        input: AcknowledgeInput,
    ) -> Result<AcknowledgedConflict> {
        let mut tx = self.begin().await?;
        let plan = load_plan(&mut tx).await?;
        let acks = load_acks(&mut tx).await?;
        let printed = print_log(&mut tx).await?;
        let all = conflicts::check(&plan, &acks, &printed);
        let conflict = all
            .iter()
            .find(|c| c.id() == input.conflict)
            .ok_or_else(|| crate::store::refusals::conflict_gone(input.conflict.code))?;
        let at = chrono::Utc::now().fixed_offset();
        let ack = conflicts::acknowledge(conflict, &input.reason, &input.by, at)?;
        sqlx::query(
            "INSERT INTO acknowledgements (conflict_id, body, created_at) VALUES (?, ?, ?)
             ON CONFLICT (conflict_id) DO UPDATE SET body = excluded.body",
        )
        .bind(body(&ack.id)?)
        .bind(body(&ack)?)
        .bind(now())
        .execute(&mut *tx)
        .await
        .map_err(write_err)?;
        tx.commit().await.map_err(write_err)?;
        Ok(ack)
    }
}

async fn load_acks(conn: &mut sqlx::SqliteConnection) -> Result<Vec<AcknowledgedConflict>> {
    sqlx::query_scalar::<_, String>("SELECT body FROM acknowledgements ORDER BY id")
        .fetch_all(conn)
        .await
        .map_err(read_err)?
        .iter()
        .map(|b| parse(b))
        .collect()
}

/// The change counter of the tables the conflict check reads (migration 0006).
pub(super) async fn revision(conn: &mut sqlx::SqliteConnection) -> Result<i64> {
    sqlx::query_scalar("SELECT n FROM revision WHERE id = 1")
        .fetch_one(conn)
        .await
        .map_err(read_err)
}
