//! Access tokens of account-driven enrollment.

use async_trait::async_trait;
use portal_api::{EnrollmentId, EnrollmentType};

use super::{StorageError, UserId};
use crate::clock::Timestamp;

/// The SHA-256 of an account-driven enrollment access token.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AccountTokenHash(pub [u8; 32]);

impl std::fmt::Debug for AccountTokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccountTokenHash(***)")
    }
}

/// An access token from the web sign-in, bound to a person and an
/// enrollment, for one mode of account-driven enrollment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountTokenRecord {
    pub token_hash: AccountTokenHash,
    pub user_id: UserId,
    pub enrollment_id: EnrollmentId,
    /// User enrollment (`BYOD`) or device enrollment (`ADDE`).
    pub enrollment_type: EnrollmentType,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// The access tokens the web sign-in of account-driven enrollment hands out,
/// each bound to a person and an enrollment.
#[async_trait]
pub trait AccountTokenStore: Send + Sync {
    /// Keeps an access token (its hash is the key).
    async fn save_account_token(&self, token: &AccountTokenRecord) -> Result<(), StorageError>;

    /// The token with this hash, expired or not (the caller checks
    /// `expires_at`).
    async fn account_token(
        &self,
        token_hash: &AccountTokenHash,
    ) -> Result<Option<AccountTokenRecord>, StorageError>;

    /// Whether an access token names the enrollment (made by account-driven
    /// enrollment: its MDM requests must carry a token).
    async fn is_account_driven(&self, enrollment_id: &EnrollmentId) -> Result<bool, StorageError>;

    /// Binds the token to another enrollment of the same user. Unknown token:
    /// nothing happens.
    async fn rebind_account_token(
        &self,
        token_hash: &AccountTokenHash,
        enrollment_id: &EnrollmentId,
    ) -> Result<(), StorageError>;
}
