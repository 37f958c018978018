//! Accounts and their signed-in sessions.

use async_trait::async_trait;
use portal_api::EmailAddress;

use super::{OrganizationId, StorageError, UserId};
use crate::clock::Timestamp;

/// An account that can sign in.
#[derive(Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserId,
    pub organization_id: OrganizationId,
    pub email: EmailAddress,
    pub display_name: String,
    /// argon2id, as a PHC string. Never logged.
    pub password_hash: String,
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("organization_id", &self.organization_id)
            .field("email", &self.email)
            .field("display_name", &self.display_name)
            .field("password_hash", &"***")
            .finish()
    }
}

/// An account to create, or to update when its email already exists.
pub struct UserToSave<'a> {
    pub organization_id: OrganizationId,
    pub email: &'a EmailAddress,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

/// SHA-256 of a session token. The token itself is only ever in the cookie.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionTokenHash(pub [u8; 32]);

impl std::fmt::Debug for SessionTokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionTokenHash(***)")
    }
}

/// A signed-in session together with whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user_id: UserId,
    pub email: EmailAddress,
    pub display_name: String,
    /// When the user signed in.
    pub created_at: Timestamp,
    /// The last request made with this session (written at most once a
    /// minute).
    pub last_seen_at: Timestamp,
    /// The identity provider the user signed in with (`None`: a password).
    pub identity_issuer: Option<String>,
}

/// The accounts that can sign in, found by email, id or Managed Apple Account.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// The account with this email address, if any.
    async fn user_by_email(&self, email: &EmailAddress)
        -> Result<Option<UserRecord>, StorageError>;

    /// Creates the account, or updates its organization, name and password
    /// hash when the email already has one.
    async fn save_user(
        &self,
        user: &UserToSave<'_>,
        now: Timestamp,
    ) -> Result<UserId, StorageError>;

    /// The user's email address; `None` when there is no such user.
    async fn email_of_user(&self, user_id: UserId) -> Result<Option<EmailAddress>, StorageError>;

    /// The account set for the user (`None`: none set, or no such user; their
    /// work email is used).
    async fn managed_apple_account(&self, user_id: UserId) -> Result<Option<String>, StorageError>;

    /// Sets (or with `None` clears) the user's Managed Apple Account.
    async fn set_managed_apple_account(
        &self,
        user_id: UserId,
        account: Option<&str>,
    ) -> Result<(), StorageError>;

    /// The user whose Managed Apple Account this is, else the user without one
    /// whose work email it is (an account set explicitly wins over an email).
    async fn user_by_managed_apple_account(
        &self,
        account: &str,
    ) -> Result<Option<UserRecord>, StorageError>;
}

/// Signed-in sessions, keyed by the SHA-256 of the cookie's token.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Saves a new session of the user, started and last used at `now`.
    /// `identity_issuer`: the provider the user signed in with, if any.
    async fn create_session(
        &self,
        token_hash: &SessionTokenHash,
        user_id: UserId,
        identity_issuer: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// The session with this token hash, with its user's email and name; `None`
    /// when unknown or deleted.
    async fn session(
        &self,
        token_hash: &SessionTokenHash,
    ) -> Result<Option<SessionRecord>, StorageError>;

    /// Sets the session's last use to `now` (how often is the caller's choice).
    /// Unknown: nothing happens.
    async fn touch_session(
        &self,
        token_hash: &SessionTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Signs the session out: later lookups find nothing. Unknown: nothing
    /// happens.
    async fn delete_session(&self, token_hash: &SessionTokenHash) -> Result<(), StorageError>;

    /// Signs the user out everywhere (e.g. after a password reset).
    async fn delete_sessions_of_user(&self, user_id: UserId) -> Result<(), StorageError>;

    /// Deletes sessions that started at or before `started_by` or were last
    /// used at or before `idle_since`. Returns how many.
    async fn delete_expired_sessions(
        &self,
        started_by: Timestamp,
        idle_since: Timestamp,
    ) -> Result<u64, StorageError>;
}
