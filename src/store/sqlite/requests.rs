//! Scheduling requests on SQLite: list, save (checked as a plan file's requests are, version
//! quoted), delete, reorder; and the loading and inserting the whole-plan paths use.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction that reads the plan it checks
//! against, so a check and the write it allows see the same database.

use sqlx::Row;
use sqlx::sqlite::SqliteConnection;

use super::{Sqlite, body, delegation_id, delete_keyed, load_plan, now, parse, read_err, stale};
use super::{insert_err, write_err};
use crate::Result;
use crate::model::{Key, Request};
use crate::store::requests::{
    ReorderRequests, RequestRecord, SaveRequest, check_order, checked, followers, in_use,
};

impl Sqlite {
    pub(in crate::store) async fn list_requests(
        &self,
        delegation: &Key,
    ) -> Result<Vec<RequestRecord>> {
        let mut conn = self.pool.acquire().await.map_err(read_err)?;
        let id = delegation_id(&mut conn, delegation).await?;
        records(&mut conn, id).await
    }

    pub(in crate::store) async fn save_request(&self, input: SaveRequest) -> Result<RequestRecord> {
        let mut tx = self.begin().await?;
        let stored = load_plan(&mut tx).await?;
        let request = checked(stored, input.request, input.expected_version.is_none())?;
        let version = match input.expected_version {
            None => {
                let id = delegation_id(&mut tx, &request.delegation).await?;
                insert_request(&mut tx, id, &request, &now()).await?;
                1
            }
            Some(version) => {
                let done = sqlx::query(
                    "UPDATE requests SET body = ?, version = version + 1, updated_at = ?
                     WHERE key = ? AND version = ?",
                )
                .bind(body(&request)?)
                .bind(now())
                .bind(request.key.as_str())
                .bind(version)
                .execute(&mut *tx)
                .await
                .map_err(write_err)?;
                if done.rows_affected() == 0 {
                    return Err(stale(&mut tx, "request", request.key.as_str()).await);
                }
                version + 1
            }
        };
        tx.commit().await.map_err(write_err)?;
        Ok(RequestRecord { request, version })
    }

    pub(in crate::store) async fn delete_request(&self, key: &Key) -> Result<()> {
        let mut tx = self.begin().await?;
        let siblings: Vec<Request> = sqlx::query_scalar::<_, String>(
            "SELECT body FROM requests WHERE delegation_id =
                 (SELECT delegation_id FROM requests WHERE key = ?)",
        )
        .bind(key.as_str())
        .fetch_all(&mut *tx)
        .await
        .map_err(read_err)?
        .iter()
        .map(|t| parse(t))
        .collect::<Result<_>>()?;
        let following = followers(&siblings, key);
        if !following.is_empty() {
            return Err(in_use(key, &following));
        }
        delete_keyed(
            &mut *tx,
            "DELETE FROM requests WHERE key = ?",
            "request",
            key,
        )
        .await?;
        tx.commit().await.map_err(write_err)
    }

    pub(in crate::store) async fn reorder_requests(
        &self,
        input: &ReorderRequests,
    ) -> Result<Vec<RequestRecord>> {
        let mut tx = self.begin().await?;
        let id = delegation_id(&mut tx, &input.delegation).await?;
        let stored: Vec<Key> = records(&mut tx, id)
            .await?
            .into_iter()
            .map(|r| r.request.key)
            .collect();
        check_order(&stored, input)?;
        // The order is not part of a request's content: versions stay, so an editor open on
        // one request is not made stale by a drag in the list.
        for (position, key) in input.keys.iter().enumerate() {
            sqlx::query("UPDATE requests SET position = ? WHERE key = ?")
                .bind(position as i64 + 1)
                .bind(key.as_str())
                .execute(&mut *tx)
                .await
                .map_err(write_err)?;
        }
        let out = records(&mut tx, id).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }
}

/// The requests of one delegation (by row id) with versions, in order.
async fn records(conn: &mut SqliteConnection, delegation: i64) -> Result<Vec<RequestRecord>> {
    sqlx::query("SELECT body, version FROM requests WHERE delegation_id = ? ORDER BY position, key")
        .bind(delegation)
        .fetch_all(conn)
        .await
        .map_err(read_err)?
        .iter()
        .map(|r| {
            Ok(RequestRecord {
                request: parse(r.try_get(0).map_err(read_err)?)?,
                version: r.try_get(1).map_err(read_err)?,
            })
        })
        .collect()
}

/// Every stored request, by delegation key and then in each delegation's order.
pub(super) async fn load_requests(conn: &mut SqliteConnection) -> Result<Vec<Request>> {
    sqlx::query_scalar::<_, String>(
        "SELECT r.body FROM requests r JOIN delegations d ON d.id = r.delegation_id
         ORDER BY d.key, r.position, r.key",
    )
    .fetch_all(conn)
    .await
    .map_err(read_err)?
    .iter()
    .map(|t| parse(t))
    .collect()
}

/// Inserts a checked request at the end of its delegation's list.
pub(super) async fn insert_request(
    c: &mut SqliteConnection,
    delegation: i64,
    r: &Request,
    stamp: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO requests (key, delegation_id, position, body, updated_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM requests WHERE delegation_id = ?), ?, ?)",
    )
    .bind(r.key.as_str())
    .bind(delegation)
    .bind(delegation)
    .bind(body(r)?)
    .bind(stamp)
    .execute(c)
    .await
    .map_err(insert_err("request", &r.key))?;
    Ok(())
}

/// The row id of the delegation a request of a plan names.
pub(super) async fn request_delegation(c: &mut SqliteConnection, r: &Request) -> Result<i64> {
    delegation_id(c, &r.delegation)
        .await
        .map_err(|_| crate::store::refusals::request_without_delegation(&r.key, &r.delegation))
}
