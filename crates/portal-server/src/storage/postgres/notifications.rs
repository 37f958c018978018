//! PostgreSQL: [`NotificationStore`].

use async_trait::async_trait;
use portal_api::{DeviceId, Notification};
use sqlx::Row;

use super::{from_json, to_json, PostgresStorage};
use crate::storage::{
    notification_kind_from_db, notification_kind_to_db, NewNotification, NotificationStore,
    StorageError, UserId,
};

#[async_trait]
impl NotificationStore for PostgresStorage {
    async fn add_notification(&self, notification: &NewNotification) -> Result<i64, StorageError> {
        let id = sqlx::query_scalar(
            "INSERT INTO notifications
                (user_id, device_id, device_name, kind, message, details, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING id",
        )
        .bind(notification.user_id)
        .bind(&notification.device_id.0)
        .bind(&notification.device_name)
        .bind(notification_kind_to_db(notification.kind))
        .bind(&notification.message)
        .bind(to_json("notifications.details", &notification.details)?)
        .bind(notification.created_at)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn notifications_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<Notification>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, kind, device_name, device_id, message, details, created_at
             FROM notifications WHERE user_id = $1
             ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                let details: Option<String> = row.try_get("details")?;
                Ok(Notification {
                    id: row.try_get("id")?,
                    kind: notification_kind_from_db(&kind),
                    device_name: row.try_get("device_name")?,
                    device_id: DeviceId(row.try_get("device_id")?),
                    message: row.try_get("message")?,
                    details: details
                        .map(|json| from_json("notifications.details", &json))
                        .transpose()?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}
