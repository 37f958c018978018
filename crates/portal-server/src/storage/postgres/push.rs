//! PostgreSQL: [`PushStore`].

use async_trait::async_trait;
use portal_api::DeviceId;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{DevicePushState, PushProblem, PushStore, PushTarget, StorageError};

#[async_trait]
impl PushStore for PostgresStorage {
    async fn push_target(&self, id: &DeviceId) -> Result<Option<PushTarget>, StorageError> {
        let row = sqlx::query(
            "SELECT push_token, push_magic, mdm_topic, push_token_invalid_since
             FROM devices WHERE id = $1",
        )
        .bind(&id.0)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let token: Option<Vec<u8>> = row.try_get("push_token")?;
        let push_magic: Option<String> = row.try_get("push_magic")?;
        Ok(match (token, push_magic) {
            (Some(token), Some(push_magic)) => Some(PushTarget {
                token,
                push_magic,
                topic: row.try_get("mdm_topic")?,
                token_invalid_since: row.try_get("push_token_invalid_since")?,
            }),
            _ => None,
        })
    }

    async fn record_push_delivered(
        &self,
        id: &DeviceId,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET last_push_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn record_push_failure(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET last_push_failure_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn mark_push_token_invalid(
        &self,
        id: &DeviceId,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE devices SET push_token_invalid_since = COALESCE(push_token_invalid_since, $1)
             WHERE id = $2",
        )
        .bind(at)
        .bind(&id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn device_push_state(
        &self,
        id: &DeviceId,
    ) -> Result<Option<DevicePushState>, StorageError> {
        let row = sqlx::query(
            "SELECT push_token_invalid_since, last_push_at, last_push_failure_at
             FROM devices WHERE id = $1",
        )
        .bind(&id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(DevicePushState {
                token_invalid_since: row.try_get("push_token_invalid_since")?,
                last_push_at: row.try_get("last_push_at")?,
                last_push_failure_at: row.try_get("last_push_failure_at")?,
            })
        })
        .transpose()
    }

    async fn set_push_problem(
        &self,
        problem: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE organizations
             SET push_problem_since = CASE
                     WHEN $1 IS NULL THEN NULL
                     WHEN push_problem IS NOT DISTINCT FROM $2 THEN push_problem_since
                     ELSE $3 END,
                 push_problem = $4",
        )
        .bind(problem)
        .bind(problem)
        .bind(at)
        .bind(problem)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn push_problem(&self) -> Result<Option<PushProblem>, StorageError> {
        let row = sqlx::query(
            "SELECT push_problem, push_problem_since FROM organizations
             WHERE push_problem IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(PushProblem {
                message: row.try_get("push_problem")?,
                since: row
                    .try_get::<Option<Timestamp>, _>("push_problem_since")?
                    .unwrap_or_default(),
            })
        })
        .transpose()
    }
}
