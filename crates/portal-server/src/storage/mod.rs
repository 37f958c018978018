//! Where the portal keeps its data: one [`Storage`] interface, one module per
//! backend. All SQL lives under this folder; the services above only see the
//! record types below.
//!
//! SQLite ([`sqlite::SqliteStorage`]) is the backend today. A PostgreSQL
//! backend is another module implementing the same trait with its own
//! migrations; nothing above this folder changes.

pub mod sqlite;

use async_trait::async_trait;
use portal_api::{
    ComplianceState, DeviceSummary, EmailAddress, EnrollmentType, Organization, Ownership,
};

use crate::clock::Timestamp;

pub type OrganizationId = i64;
pub type UserId = i64;

/// Why storage failed. Always a server-side problem (HTTP 500).
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("could not create the database's folder: {0}")]
    Folder(#[from] std::io::Error),
    /// A stored value that the code cannot understand.
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
}

/// The organization that runs this portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationRecord {
    pub id: OrganizationId,
    pub profile: Organization,
}

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
}

/// What failed sign-ins are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottleScope {
    /// The normalized email address typed, whether or not it has an account.
    Account,
    /// The IP address the request came from.
    ClientAddress,
}

impl ThrottleScope {
    /// The value stored in `sign_in_failures.scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            ThrottleScope::Account => "account",
            ThrottleScope::ClientAddress => "client_address",
        }
    }
}

/// The portal's storage. Every method is one small, self-contained operation.
#[async_trait]
pub trait Storage: Send + Sync + 'static {
    // --- Organization --------------------------------------------------

    /// The organization that runs this portal, if one was set up.
    async fn organization(&self) -> Result<Option<OrganizationRecord>, StorageError>;

    /// Creates the organization, or updates it when one exists (a portal has
    /// one organization).
    async fn save_organization(
        &self,
        profile: &Organization,
        now: Timestamp,
    ) -> Result<OrganizationId, StorageError>;

    // --- Users ---------------------------------------------------------

    async fn user_by_email(&self, email: &EmailAddress)
        -> Result<Option<UserRecord>, StorageError>;

    /// Creates the account, or updates its organization, name and password
    /// hash when the email already has one.
    async fn save_user(
        &self,
        user: &UserToSave<'_>,
        now: Timestamp,
    ) -> Result<UserId, StorageError>;

    // --- Sessions ------------------------------------------------------

    async fn create_session(
        &self,
        token_hash: &SessionTokenHash,
        user_id: UserId,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    async fn session(
        &self,
        token_hash: &SessionTokenHash,
    ) -> Result<Option<SessionRecord>, StorageError>;

    /// Records a request made with the session.
    async fn touch_session(
        &self,
        token_hash: &SessionTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError>;

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

    // --- Sign-in throttling --------------------------------------------

    /// Counts one failed sign-in against both the account and the address.
    async fn record_sign_in_failure(
        &self,
        account: &str,
        client_address: &str,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// The times of the latest `limit` failures for `subject` after `since`,
    /// newest first.
    async fn recent_sign_in_failures(
        &self,
        scope: ThrottleScope,
        subject: &str,
        since: Timestamp,
        limit: u32,
    ) -> Result<Vec<Timestamp>, StorageError>;

    async fn clear_sign_in_failures(
        &self,
        scope: ThrottleScope,
        subject: &str,
    ) -> Result<(), StorageError>;

    /// Forgets failures at or before `before`; they no longer count.
    async fn delete_sign_in_failures_before(&self, before: Timestamp) -> Result<(), StorageError>;

    // --- Devices -------------------------------------------------------

    /// The user's devices, for **My devices**.
    async fn devices_of_user(&self, user_id: UserId) -> Result<Vec<DeviceSummary>, StorageError>;

    /// Records an enrolled device as the user's.
    async fn add_device(
        &self,
        user_id: UserId,
        device: &DeviceSummary,
        enrolled_at: Timestamp,
    ) -> Result<(), StorageError>;
}

// The words stored in the `devices` table for the API's enums. They equal the
// API's JSON spelling, so a database row reads like the API.

pub fn enrollment_type_to_db(value: EnrollmentType) -> &'static str {
    match value {
        EnrollmentType::DeviceEnrollment => "device_enrollment",
        EnrollmentType::UserEnrollment => "user_enrollment",
    }
}

pub fn enrollment_type_from_db(value: &str) -> Result<EnrollmentType, StorageError> {
    match value {
        "device_enrollment" => Ok(EnrollmentType::DeviceEnrollment),
        "user_enrollment" => Ok(EnrollmentType::UserEnrollment),
        other => Err(StorageError::Corrupt(format!("enrollment type {other:?}"))),
    }
}

pub fn ownership_to_db(value: Ownership) -> &'static str {
    match value {
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    }
}

pub fn ownership_from_db(value: &str) -> Result<Ownership, StorageError> {
    match value {
        "personal" => Ok(Ownership::Personal),
        "corporate" => Ok(Ownership::Corporate),
        other => Err(StorageError::Corrupt(format!("ownership {other:?}"))),
    }
}

pub fn compliance_to_db(value: ComplianceState) -> &'static str {
    match value {
        ComplianceState::Compliant => "compliant",
        ComplianceState::InGracePeriod => "in_grace_period",
        ComplianceState::NotCompliant => "not_compliant",
        ComplianceState::Unknown => "unknown",
    }
}

pub fn compliance_from_db(value: &str) -> Result<ComplianceState, StorageError> {
    match value {
        "compliant" => Ok(ComplianceState::Compliant),
        "in_grace_period" => Ok(ComplianceState::InGracePeriod),
        "not_compliant" => Ok(ComplianceState::NotCompliant),
        "unknown" => Ok(ComplianceState::Unknown),
        other => Err(StorageError::Corrupt(format!("compliance state {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_enum_words_match_the_api_spelling() {
        for value in [
            EnrollmentType::DeviceEnrollment,
            EnrollmentType::UserEnrollment,
        ] {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(json, enrollment_type_to_db(value));
            assert_eq!(
                enrollment_type_from_db(enrollment_type_to_db(value)).unwrap(),
                value
            );
        }
        for value in [Ownership::Personal, Ownership::Corporate] {
            assert_eq!(serde_json::to_value(value).unwrap(), ownership_to_db(value));
            assert_eq!(ownership_from_db(ownership_to_db(value)).unwrap(), value);
        }
        for value in [
            ComplianceState::Compliant,
            ComplianceState::InGracePeriod,
            ComplianceState::NotCompliant,
            ComplianceState::Unknown,
        ] {
            assert_eq!(
                serde_json::to_value(value).unwrap(),
                compliance_to_db(value)
            );
            assert_eq!(compliance_from_db(compliance_to_db(value)).unwrap(), value);
        }
        assert!(compliance_from_db("green").is_err());
    }
}
