//! Enrollment type profiles: which kind of enrollment whom the organization
//! offers.

use async_trait::async_trait;
use portal_api::EnrollmentProfileType;

use super::{OrganizationId, StorageError};
use crate::clock::Timestamp;

/// A named enrollment type profile: what it offers, to whom, and how it
/// ranks against others that apply to the same person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EnrollmentTypeProfile {
    pub name: String,
    pub profile_type: EnrollmentProfileType,
    /// 1 is the highest priority.
    pub priority: u32,
    /// Assigned to everyone in the organization.
    pub all_users: bool,
    /// Assigned to these groups (local ones or the identity provider's).
    pub groups: Vec<String>,
}

/// Named enrollment type profiles with their assignments, by priority.
#[async_trait]
pub trait EnrollmentTypeStore: Send + Sync {
    /// Every enrollment type profile, highest priority (lowest number) first,
    /// then by name; each with its groups by name.
    async fn enrollment_type_profiles(&self) -> Result<Vec<EnrollmentTypeProfile>, StorageError>;

    /// Creates or replaces (by name) a profile with its assignments: the groups
    /// saved are exactly `profile.groups`.
    async fn save_enrollment_type_profile(
        &self,
        organization_id: OrganizationId,
        profile: &EnrollmentTypeProfile,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Removes the profile and its assignments. False when there was no such
    /// profile.
    async fn remove_enrollment_type_profile(&self, name: &str) -> Result<bool, StorageError>;
}
