//! PostgreSQL: [`GroupStore`].

use async_trait::async_trait;
use portal_api::EmailAddress;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{GroupStore, LocalGroup, OrganizationId, StorageError, UserId};

#[async_trait]
impl GroupStore for PostgresStorage {
    async fn save_local_group(
        &self,
        organization_id: OrganizationId,
        name: &str,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO user_groups (organization_id, name, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(organization_id)
        .bind(name)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn add_local_group_member(
        &self,
        group: &str,
        user_id: UserId,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "INSERT INTO user_group_members (group_id, user_id)
             SELECT id, $1 FROM user_groups WHERE name = $2
             ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(group)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() > 0 {
            return Ok(true);
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM user_groups WHERE name = $1")
            .bind(group)
            .fetch_optional(&self.pool)
            .await?;
        Ok(exists.is_some())
    }

    async fn remove_local_group_member(
        &self,
        group: &str,
        user_id: UserId,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "DELETE FROM user_group_members
             WHERE user_id = $1 AND group_id = (SELECT id FROM user_groups WHERE name = $2)",
        )
        .bind(user_id)
        .bind(group)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn local_groups(&self) -> Result<Vec<LocalGroup>, StorageError> {
        let rows = sqlx::query(
            "SELECT g.name, u.email FROM user_groups g
             LEFT JOIN user_group_members m ON m.group_id = g.id
             LEFT JOIN users u ON u.id = m.user_id
             ORDER BY g.name, u.email",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut groups: Vec<LocalGroup> = Vec::new();
        for row in rows {
            let name: String = row.try_get("name")?;
            let email: Option<String> = row.try_get("email")?;
            if groups.last().is_none_or(|last| last.name != name) {
                groups.push(LocalGroup {
                    name,
                    members: Vec::new(),
                });
            }
            if let (Some(email), Some(group)) = (email, groups.last_mut()) {
                let email = EmailAddress::parse(&email)
                    .map_err(|e| StorageError::Corrupt(format!("member email: {e}")))?;
                group.members.push(email);
            }
        }
        Ok(groups)
    }

    async fn local_groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT g.name FROM user_groups g
             JOIN user_group_members m ON m.group_id = g.id
             WHERE m.user_id = $1 ORDER BY g.name",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
