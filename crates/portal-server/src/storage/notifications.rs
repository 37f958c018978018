//! Notifications kept for users.

use async_trait::async_trait;
use portal_api::{DeviceId, Notification, NotificationDetails, NotificationKind};

use super::{StorageError, UserId};
use crate::clock::Timestamp;

/// A notification to keep for a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub user_id: UserId,
    pub device_id: DeviceId,
    pub device_name: String,
    pub kind: NotificationKind,
    /// English, for API clients (see [`Notification::message`]).
    pub message: String,
    pub details: NotificationDetails,
    pub created_at: Timestamp,
}

/// What the portal tells a user about their devices.
#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// Keeps a notification for the user. Returns its id.
    async fn add_notification(&self, notification: &NewNotification) -> Result<i64, StorageError>;

    /// The user's notifications, newest first (of two at the same time, the
    /// later kept first); never another user's.
    async fn notifications_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<Notification>, StorageError>;
}
