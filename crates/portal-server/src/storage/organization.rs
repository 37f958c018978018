//! The organization that runs the portal and its settings.

use async_trait::async_trait;
use portal_api::{DeviceKind, Organization, Ownership, VersionRange};

use super::{OrganizationId, StorageError, UserId};
use crate::clock::Timestamp;
use crate::compliance::CompliancePolicy;

/// The organization that runs this portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationRecord {
    pub id: OrganizationId,
    pub profile: Organization,
}

/// How the organization lets its users enroll devices (columns of
/// `organizations`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentSettings {
    pub ownership_choice: bool,
    pub default_ownership: Ownership,
    pub os_versions: VersionRange,
    pub allowed_devices: Vec<DeviceKind>,
    pub device_limit: u32,
    pub install_window_seconds: u32,
    /// Offer legacy user enrollment (Apple's profile-based user enrollment,
    /// iOS 13.1 to 17) in the web journey.
    pub legacy_user_enrollment: bool,
}

/// How the organization judges and waits for enrolled devices (columns of
/// `organizations`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSettings {
    pub compliance: CompliancePolicy,
    /// How long a status check waits for the device's answer.
    pub check_status_timeout_seconds: u32,
    /// How long a removal waits for the device before the portal forgets it.
    pub remove_timeout_seconds: u32,
}

/// The organization a user belongs to, with its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationSettings {
    pub organization_id: OrganizationId,
    pub organization_name: String,
    pub enrollment: EnrollmentSettings,
    pub devices: DeviceSettings,
    /// Install the portal's web clip on devices once they enroll (set with
    /// the organization's profile: [`Organization::managed_web_clip`]).
    pub managed_web_clip: bool,
}

/// The one organization of a portal: its profile and its enrollment and device
/// settings.
#[async_trait]
pub trait OrganizationStore: Send + Sync {
    /// The organization that runs this portal, if one was set up.
    async fn organization(&self) -> Result<Option<OrganizationRecord>, StorageError>;

    /// Creates the organization, or updates it when one exists (a portal has
    /// one organization).
    async fn save_organization(
        &self,
        profile: &Organization,
        now: Timestamp,
    ) -> Result<OrganizationId, StorageError>;

    /// The organization of the user with its settings; `None` when there is no
    /// such user.
    async fn organization_settings_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<OrganizationSettings>, StorageError>;

    /// The enrollment settings of the organization; `None` when there is no
    /// such organization.
    async fn enrollment_settings(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Option<EnrollmentSettings>, StorageError>;

    /// Writes the organization's enrollment settings; read back they are equal.
    async fn save_enrollment_settings(
        &self,
        organization_id: OrganizationId,
        settings: &EnrollmentSettings,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Writes the organization's compliance rules and device time limits; read
    /// back they are equal.
    async fn save_device_settings(
        &self,
        organization_id: OrganizationId,
        settings: &DeviceSettings,
        now: Timestamp,
    ) -> Result<(), StorageError>;
}
