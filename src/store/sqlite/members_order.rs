//! Member precedence reordering on SQLite: one `BEGIN IMMEDIATE` transaction reads the
//! delegation's members, checks the new order names each once, and rewrites the precedence
//! (column and body) of those that moved.

use super::{Sqlite, body, delegation_id, detail, now, write_err};
use crate::Result;
use crate::api::DelegationDetail;
use crate::store::members_order::{ReorderMembers, check_member_order};

impl Sqlite {
    pub(in crate::store) async fn reorder_members(
        &self,
        input: &ReorderMembers,
    ) -> Result<DelegationDetail> {
        let mut tx = self.begin().await?;
        let id = delegation_id(&mut tx, &input.delegation).await?;
        let current = detail(&mut tx, &input.delegation).await?;
        let stored: Vec<_> = current
            .members
            .iter()
            .map(|m| m.member.key.clone())
            .collect();
        check_member_order(&stored, input)?;
        let stamp = now();
        for (at, key) in input.keys.iter().enumerate() {
            let precedence =
                u32::try_from(at + 1).map_err(|_| crate::store::refusals::too_many_members())?;
            let Some(record) = current.members.iter().find(|m| &m.member.key == key) else {
                continue; // unreachable: check_member_order matched the stored keys
            };
            if record.member.precedence == precedence {
                // Unmoved: its version stays, so an editor open on it is not made stale.
                continue;
            }
            let mut member = record.member.clone();
            member.precedence = precedence;
            sqlx::query(
                "UPDATE members SET body = ?, precedence = ?, version = version + 1,
                        updated_at = ?
                 WHERE key = ? AND delegation_id = ?",
            )
            .bind(body(&member)?)
            .bind(i64::from(precedence))
            .bind(&stamp)
            .bind(key.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(write_err)?;
        }
        let out = detail(&mut tx, &input.delegation).await?;
        tx.commit().await.map_err(write_err)?;
        Ok(out)
    }
}
