//! PostgreSQL: [`AuditStore`].

use async_trait::async_trait;
use portal_api::DeviceId;
use sqlx::Row;

use super::PostgresStorage;
use crate::storage::{
    action_from_db, action_to_db, AuditEvent, AuditOutcome, AuditStore, StorageError, UserId,
};

#[async_trait]
impl AuditStore for PostgresStorage {
    async fn add_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO audit_events (user_id, action, device_id, occurred_at, outcome)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(event.user_id)
        .bind(action_to_db(event.action))
        .bind(&event.device_id.0)
        .bind(event.occurred_at)
        .bind(event.outcome.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn audit_events_of_user(&self, user_id: UserId) -> Result<Vec<AuditEvent>, StorageError> {
        let rows = sqlx::query(
            "SELECT user_id, action, device_id, occurred_at, outcome
             FROM audit_events WHERE user_id = $1 ORDER BY occurred_at, id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.try_get("action")?;
                let outcome: String = row.try_get("outcome")?;
                Ok(AuditEvent {
                    user_id: row.try_get("user_id")?,
                    action: action_from_db(&action)?,
                    device_id: DeviceId(row.try_get("device_id")?),
                    occurred_at: row.try_get("occurred_at")?,
                    outcome: AuditOutcome::from_db(&outcome)?,
                })
            })
            .collect()
    }
}
