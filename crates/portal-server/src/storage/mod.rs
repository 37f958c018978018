//! Where the portal keeps its data: small interfaces per concern (users and
//! sessions, organization, enrollments and profiles, devices, commands,
//! notifications, audit, ...), one module per backend. All SQL lives under
//! this folder; the services above only see the record types and the traits.
//!
//! Each trait method's documentation is its contract: the business rules
//! every backend keeps (which older enrollments a new one replaces, one
//! unfinished command per action, command order, single-use links and
//! challenges). `tests/portal/storage_conformance.rs` checks them against a
//! backend; a new backend implements the traits, gets [`Storage`] by the
//! blanket impl, and runs that suite.
//!
//! Two backends: SQLite ([`sqlite::SqliteStorage`], one file, the default
//! and the embedded choice) and PostgreSQL ([`postgres::PostgresStorage`],
//! for several instances sharing one database). Each has its own
//! migrations; nothing above this folder knows which one answers.

mod location;
pub mod postgres;
mod rows;
pub mod sqlite;
mod sqlx_common;

mod account_tokens;
mod audit;
mod commands;
mod devices;
mod enrollment_types;
mod enrollments;
mod groups;
mod identities;
mod identity_provider;
mod notifications;
mod organization;
mod push;
mod sign_in_attempts;
mod stored_words;
mod users;

pub use account_tokens::{AccountTokenHash, AccountTokenRecord, AccountTokenStore};
pub use audit::{AuditEvent, AuditOutcome, AuditStore};
pub use commands::{CommandRecord, CommandState, CommandStore, NewCommand, QueueOutcome};
pub(crate) use devices::SELECT_DEVICE;
pub use devices::{DeviceIdentityRecord, DeviceRecord, DeviceStore, NewDevice, ReportedFacts};
pub use enrollment_types::{EnrollmentTypeProfile, EnrollmentTypeStore};
pub use enrollments::{
    DeviceFacts, EnrollmentRecord, EnrollmentStore, ProfileRecord, ProfileState, ProfileStore,
    ProfileTokenHash,
};
pub use groups::{GroupStore, LocalGroup};
pub use identities::{CertificateFingerprint, ChallengedProfile, IdentityStore, ScepChallengeHash};
pub use identity_provider::{
    IdentityProviderStore, OidcSettings, PendingSignIn, ProviderIdentity, SignInSettings,
};
pub use location::{DatabaseLocation, OpenStorage, PostgresUrl};
pub use notifications::{NewNotification, NotificationStore};
pub use organization::{
    DeviceSettings, EnrollmentSettings, OrganizationRecord, OrganizationSettings, OrganizationStore,
};
pub use push::{DevicePushState, PushProblem, PushStore, PushTarget};
pub use sign_in_attempts::{AttemptCount, RecentAttempts, SignInAttemptStore};
pub use stored_words::{
    action_from_db, action_to_db, command_failure_reason_from_db, command_failure_reason_to_db,
    compliance_from_db, compliance_to_db, device_kind_from_db, device_kind_to_db,
    enrollment_state_from_db, enrollment_state_to_db, enrollment_type_from_db,
    enrollment_type_to_db, notification_kind_from_db, notification_kind_to_db, ownership_from_db,
    ownership_to_db, problem_code_from_db, problem_code_to_db,
};
pub use users::{SessionRecord, SessionStore, SessionTokenHash, UserRecord, UserStore, UserToSave};

pub type OrganizationId = i64;
pub type UserId = i64;

/// Why storage failed. Always a server-side problem (HTTP 500); the words
/// are for the log. Backend-neutral: each backend turns its driver's errors
/// into these (`sqlx_common.rs`), so nothing above this folder knows
/// which database answered.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database could not be reached or did not answer in time: a
    /// connection, I/O or the disk, a lock held too long. Retrying later may
    /// work.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// The database refused a write that breaks one of its rules (a unique
    /// or foreign key). The contracts below say when a method reports such a
    /// case as a value instead; reaching this is a bug.
    #[error("storage refused the change: {0}")]
    Conflict(String),
    /// A stored value that the code cannot understand.
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
    /// Opening the storage failed: its folder, or bringing the schema up to
    /// date.
    #[error("could not open the storage: {0}")]
    Setup(String),
    /// Any other failure of the database.
    #[error("storage failed: {0}")]
    Other(String),
}

/// The whole storage of the portal: every concern's trait. Services take
/// `&dyn Storage` (the app keeps an `Arc<dyn Storage>`); a backend never
/// implements it by hand: the blanket impl below covers any type with all
/// the parts.
pub trait Storage:
    UserStore
    + SessionStore
    + SignInAttemptStore
    + IdentityProviderStore
    + OrganizationStore
    + GroupStore
    + EnrollmentTypeStore
    + EnrollmentStore
    + ProfileStore
    + IdentityStore
    + AccountTokenStore
    + DeviceStore
    + CommandStore
    + NotificationStore
    + AuditStore
    + PushStore
    + 'static
{
}

impl<T> Storage for T where
    T: UserStore
        + SessionStore
        + SignInAttemptStore
        + IdentityProviderStore
        + OrganizationStore
        + GroupStore
        + EnrollmentTypeStore
        + EnrollmentStore
        + ProfileStore
        + IdentityStore
        + AccountTokenStore
        + DeviceStore
        + CommandStore
        + NotificationStore
        + AuditStore
        + PushStore
        + 'static
{
}
