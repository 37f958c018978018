//! The portal's own groups of users.

use async_trait::async_trait;
use portal_api::EmailAddress;

use super::{OrganizationId, StorageError, UserId};
use crate::clock::Timestamp;

/// One of the portal's own groups of users.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LocalGroup {
    pub name: String,
    pub members: Vec<EmailAddress>,
}

/// The portal's own groups (the identity provider's come with each sign-in, see
/// [`super::IdentityProviderStore::groups_of_user`]).
#[async_trait]
pub trait GroupStore: Send + Sync {
    /// Creates the portal's own group (nothing when it exists: saving twice is
    /// harmless).
    async fn save_local_group(
        &self,
        organization_id: OrganizationId,
        name: &str,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Adds the user to the group (a member already: nothing changes, still
    /// true); false when there is no such group.
    async fn add_local_group_member(
        &self,
        group: &str,
        user_id: UserId,
    ) -> Result<bool, StorageError>;

    /// Takes the user out of the group; false when they were not in it.
    async fn remove_local_group_member(
        &self,
        group: &str,
        user_id: UserId,
    ) -> Result<bool, StorageError>;

    /// Every local group with its members (by email), groups and members by
    /// name.
    async fn local_groups(&self) -> Result<Vec<LocalGroup>, StorageError>;

    /// The names of the local groups the user is in, by name.
    async fn local_groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError>;
}
