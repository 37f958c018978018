//! Enrolled devices.

use async_trait::async_trait;
use portal_api::{ComplianceState, DeviceId, DeviceSummary, EnrollmentId};

use super::{CertificateFingerprint, StorageError, UserId};
use crate::clock::Timestamp;

/// The columns of a [`DeviceRecord`], with the earliest give-up time of
/// the device's pending commands, in SQL both backends read alike (each
/// adds its own `WHERE`, placeholders and collation).
pub(crate) const SELECT_DEVICE: &str = "SELECT id, user_id, display_name, model, os_version,
        enrollment_type, ownership, compliance, last_check_in_at, enrolled_at, serial_number,
        passcode_present, build_version, facts_reported_at, non_compliant_since,
        (SELECT MIN(gives_up_at) FROM mdm_commands
         WHERE mdm_commands.device_id = devices.id AND state IN ('queued', 'sent')
           AND gives_up_at IS NOT NULL) AS next_give_up_at
     FROM devices";

/// A device that finished enrolling (`TokenUpdate`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub user_id: UserId,
    pub enrollment_id: EnrollmentId,
    pub summary: DeviceSummary,
    pub udid: Option<String>,
    pub serial_number: Option<String>,
    pub push_token: Option<Vec<u8>>,
    pub push_magic: Option<String>,
    pub mdm_topic: Option<String>,
    pub identity: CertificateFingerprint,
}

/// The device that signs with an identity certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceIdentityRecord {
    pub id: DeviceId,
    pub user_id: UserId,
}

/// An enrolled device with what self-service and the command channel need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRecord {
    pub user_id: UserId,
    /// `compliance` as last stored; the service evaluates it again on read.
    pub summary: DeviceSummary,
    pub serial_number: Option<String>,
    pub enrolled_at: Timestamp,
    pub passcode_present: Option<bool>,
    pub build_version: Option<String>,
    /// When the device last answered a status check.
    pub facts_reported_at: Option<Timestamp>,
    /// When it first failed a compliance rule.
    pub non_compliant_since: Option<Timestamp>,
    /// The earliest time one of its pending commands gives up, as read
    /// with the record: until then, reading the device expires nothing.
    pub next_give_up_at: Option<Timestamp>,
}

/// What a device answered to `DeviceInformation` or `SecurityInfo`;
/// `None`: not reported (the stored value is kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportedFacts {
    /// The device's own name; it becomes the display name only while the
    /// user has not renamed the device in the portal.
    pub device_name: Option<String>,
    pub os_version: Option<String>,
    pub build_version: Option<String>,
    pub model: Option<String>,
    pub serial_number: Option<String>,
    /// `SecurityInfo.PasscodePresent`.
    pub passcode_present: Option<bool>,
}

/// Enrolled devices and what they reported. Every method a user's request
/// reaches takes the user's id and checks ownership in the same step, so
/// another user's device is never read or changed.
#[async_trait]
pub trait DeviceStore: Send + Sync {
    /// How many enrolled devices the user has.
    async fn device_count_of_user(&self, user_id: UserId) -> Result<u32, StorageError>;

    /// How many enrolled devices listen for the APNs `topic` (the topic their
    /// profile named, as they reported it in `TokenUpdate`).
    async fn device_count_with_topic(&self, topic: &str) -> Result<u32, StorageError>;

    /// Records a device that finished enrolling and marks its enrollment
    /// `Enrolled` with it (no problem), in one transaction, once: when the
    /// enrollment already has a device, only the push token, magic, topic and
    /// check-in time are updated (and an invalid push token is forgotten).
    /// Returns the enrollment's device id and whether it was created now.
    async fn enroll_device(
        &self,
        device: &NewDevice,
        now: Timestamp,
    ) -> Result<(DeviceId, bool), StorageError>;

    /// The device that signs with this identity certificate.
    async fn device_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<DeviceIdentityRecord>, StorageError>;

    /// Sets the last check-in of the device that signs with this identity to
    /// `now` (no such device: nothing happens).
    async fn touch_device_check_in(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// The user's devices with their facts, for **My devices**, by display name
    /// (case-insensitive), then id; never another user's.
    async fn device_records_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<DeviceRecord>, StorageError>;

    /// The device, only if it is the user's (another user's reads as `None`).
    async fn device_of_user(
        &self,
        user_id: UserId,
        id: &DeviceId,
    ) -> Result<Option<DeviceRecord>, StorageError>;

    /// The device, whoever's (for the command channel).
    async fn device_record(&self, id: &DeviceId) -> Result<Option<DeviceRecord>, StorageError>;

    /// Sets the display name of the user's device and remembers that the user
    /// chose it (the device's own name no longer replaces it). Returns false,
    /// changing nothing, when the device is not the user's.
    async fn rename_device(
        &self,
        user_id: UserId,
        id: &DeviceId,
        display_name: &str,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// Stores what the device reported: each `Some` replaces the stored value,
    /// `None` keeps it. Its name becomes the display name only while the user
    /// has not renamed the device in the portal.
    async fn save_device_facts(
        &self,
        id: &DeviceId,
        facts: &ReportedFacts,
    ) -> Result<(), StorageError>;

    /// Records when the device last answered a whole status check (the moment
    /// compliance is evaluated from).
    async fn mark_facts_reported(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError>;

    /// Writes the device's compliance as evaluated, and since when it fails a
    /// rule.
    async fn save_compliance(
        &self,
        id: &DeviceId,
        state: ComplianceState,
        non_compliant_since: Option<Timestamp>,
    ) -> Result<(), StorageError>;

    /// Forgets the device and its commands and revokes the identity it signed
    /// with (at `now`, unless revoked already), in one transaction; its
    /// enrollment stays, without the device, as history. Returns whether there
    /// was one.
    async fn remove_device(&self, id: &DeviceId, now: Timestamp) -> Result<bool, StorageError>;
}
