//! Reaching devices through APNs.

use async_trait::async_trait;
use portal_api::DeviceId;

use super::StorageError;
use crate::clock::Timestamp;

/// The address of a device at APNs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushTarget {
    pub token: Vec<u8>,
    pub push_magic: String,
    pub topic: Option<String>,
    pub token_invalid_since: Option<Timestamp>,
}

/// How pushing the device has gone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DevicePushState {
    pub token_invalid_since: Option<Timestamp>,
    pub last_push_at: Option<Timestamp>,
    pub last_push_failure_at: Option<Timestamp>,
}

/// APNs refused the organization's push certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushProblem {
    /// APNs' reason, e.g. `ExpiredCertificate`, with what to do.
    pub message: String,
    pub since: Timestamp,
}

/// Where to push each device, how pushing it went, and the organization's push
/// problem.
#[async_trait]
pub trait PushStore: Send + Sync {
    /// Where to push the device: its token and PushMagic from the last
    /// `TokenUpdate`; `None` when it is gone or sent none.
    async fn push_target(&self, id: &DeviceId) -> Result<Option<PushTarget>, StorageError>;

    /// Records when APNs last accepted a push for the device.
    async fn record_push_delivered(&self, id: &DeviceId, at: Timestamp)
        -> Result<(), StorageError>;

    /// Records when a push for the device last failed for good.
    async fn record_push_failure(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError>;

    /// APNs no longer knows the device's token (until its next `TokenUpdate`,
    /// which clears this). The first time is kept: marking again does not move
    /// it.
    async fn mark_push_token_invalid(
        &self,
        id: &DeviceId,
        at: Timestamp,
    ) -> Result<(), StorageError>;

    /// What the portal knows about reaching the device; `None` when it is gone.
    async fn device_push_state(
        &self,
        id: &DeviceId,
    ) -> Result<Option<DevicePushState>, StorageError>;

    /// Sets (or with `None` clears) the organization's push problem; its
    /// `since` stays while the same problem goes on, and starts again at `at`
    /// for a different one.
    async fn set_push_problem(
        &self,
        problem: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StorageError>;

    /// The organization's push problem, if any.
    async fn push_problem(&self) -> Result<Option<PushProblem>, StorageError>;
}
