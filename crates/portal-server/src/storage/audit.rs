//! The audit trail of users' requests about devices.

use async_trait::async_trait;
use portal_api::{DeviceAction, DeviceId};

use super::{StorageError, UserId};
use crate::clock::Timestamp;

/// How a user's request went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditOutcome {
    /// A command was queued for the device.
    Queued,
    /// The same action was still pending; nothing was queued.
    AlreadyPending,
    /// Not allowed now, or the input was not acceptable.
    Refused,
    Renamed,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Queued => "queued",
            AuditOutcome::AlreadyPending => "already_pending",
            AuditOutcome::Refused => "refused",
            AuditOutcome::Renamed => "renamed",
        }
    }

    pub fn from_db(value: &str) -> Result<Self, StorageError> {
        match value {
            "queued" => Ok(AuditOutcome::Queued),
            "already_pending" => Ok(AuditOutcome::AlreadyPending),
            "refused" => Ok(AuditOutcome::Refused),
            "renamed" => Ok(AuditOutcome::Renamed),
            other => Err(StorageError::Corrupt(format!("audit outcome {other:?}"))),
        }
    }
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub user_id: UserId,
    pub action: DeviceAction,
    pub device_id: DeviceId,
    pub occurred_at: Timestamp,
    pub outcome: AuditOutcome,
}

/// Who asked for what on which device, and how it went. Append only; kept when
/// the device is gone.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Appends a line to the audit trail. Lines are never changed, and stay
    /// when the device is gone.
    async fn add_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError>;

    /// The user's audit trail, oldest first (of two at the same time, the
    /// earlier added first). No page shows it yet; the tests and the
    /// conformance suite read it.
    async fn audit_events_of_user(&self, user_id: UserId) -> Result<Vec<AuditEvent>, StorageError>;
}
