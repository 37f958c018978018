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
    CommandFailure, CommandFailureReason, ComplianceState, DeviceAction, DeviceId, DeviceKind,
    DeviceSummary, EmailAddress, EnrollmentId, EnrollmentProblem, EnrollmentProblemCode,
    EnrollmentProfileType, EnrollmentState, EnrollmentType, Notification, NotificationDetails,
    NotificationKind, Organization, Ownership, VersionRange,
};

use crate::clock::Timestamp;
use crate::compliance::CompliancePolicy;

pub type OrganizationId = i64;
pub type UserId = i64;

/// Why storage failed. Always a server-side problem (HTTP 500); the words
/// are for the log. Backend-neutral: each backend turns its driver's errors
/// into these (SQLite's in `sqlite.rs`), so nothing above this folder knows
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
    /// The identity provider the user signed in with (`None`: a password).
    pub identity_issuer: Option<String>,
}

/// Recent sign-in attempts (failed, or being checked) within the throttle
/// window: how many and the latest, for one (account, address) pair, the
/// account from anywhere, and the address for any account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentAttempts {
    pub pair: AttemptCount,
    pub account: AttemptCount,
    pub address: AttemptCount,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttemptCount {
    pub count: u32,
    pub latest: Option<Timestamp>,
}

/// How the organization's people sign in (columns of `organizations`).
#[derive(Clone, PartialEq, Eq)]
pub struct SignInSettings {
    pub oidc: Option<OidcSettings>,
    pub local_accounts: bool,
}

/// The organization's OpenID provider and the portal's client there.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    /// Never logged, never shown.
    pub client_secret: String,
    /// The ID token (or userinfo) claim that lists the user's groups.
    pub groups_claim: String,
}

impl std::fmt::Debug for SignInSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInSettings")
            .field("oidc", &self.oidc)
            .field("local_accounts", &self.local_accounts)
            .finish()
    }
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("groups_claim", &self.groups_claim)
            .finish()
    }
}

/// A sign-in sent to the identity provider and not back yet.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingSignIn {
    /// The `state` sent to the provider; the key.
    pub state: String,
    /// SHA-256 of the cookie that binds it to the browser.
    pub browser_hash: [u8; 32],
    pub nonce: String,
    pub pkce_verifier: String,
    /// The portal page to open afterwards (a checked relative path).
    pub return_to: String,
    pub created_at: Timestamp,
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("return_to", &self.return_to)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// Who the identity provider says signed in, to create or update the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderIdentity {
    pub organization_id: OrganizationId,
    pub issuer: String,
    pub subject: String,
    pub email: EmailAddress,
    pub display_name: String,
    pub groups: Vec<String>,
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

/// One enrollment, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentRecord {
    pub id: EnrollmentId,
    pub user_id: UserId,
    pub state: EnrollmentState,
    pub ownership: Ownership,
    pub enrollment_type: EnrollmentType,
    pub device: DeviceKind,
    pub reported_os_version: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub downloaded_at: Option<Timestamp>,
    /// How many of its profiles were downloaded (read only: counted from
    /// the profiles).
    pub profiles_downloaded: u32,
    pub install_deadline_at: Option<Timestamp>,
    pub problem: Option<EnrollmentProblem>,
    pub device_id: Option<DeviceId>,
    /// What the device said about itself when it checked in.
    pub device_facts: Option<DeviceFacts>,
    /// Made by account-driven enrollment (read only: an access token names
    /// it).
    pub account_driven: bool,
}

/// What a device says about itself in `Authenticate`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceFacts {
    pub udid: String,
    pub serial_number: Option<String>,
    pub device_name: Option<String>,
    /// `ModelName` ("iPhone"), else `ProductName` ("iPhone16,1").
    pub model: Option<String>,
    pub os_version: Option<String>,
}

/// SHA-256 of a profile download token. The token itself is only ever in
/// the download link.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProfileTokenHash(pub [u8; 32]);

impl std::fmt::Debug for ProfileTokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProfileTokenHash(***)")
    }
}

/// SHA-256 of a profile's SCEP challenge. The challenge itself is only ever
/// in the downloaded profile.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScepChallengeHash(pub [u8; 32]);

impl std::fmt::Debug for ScepChallengeHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScepChallengeHash(***)")
    }
}

/// The profile whose SCEP challenge was just used up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengedProfile {
    pub profile_id: i64,
    pub enrollment_id: EnrollmentId,
    pub user_id: UserId,
}

/// SHA-256 of the DER of a device identity certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CertificateFingerprint(pub [u8; 32]);

/// Where an enrollment profile (one download link) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfileState {
    /// The link was handed out and not followed yet.
    Issued,
    /// The link was followed: the profile waits to be installed.
    Downloaded,
    /// The device checked in with the profile's identity.
    Used,
    /// A newer download took over.
    Replaced,
}

impl ProfileState {
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileState::Issued => "issued",
            ProfileState::Downloaded => "downloaded",
            ProfileState::Used => "used",
            ProfileState::Replaced => "replaced",
        }
    }

    pub fn from_db(value: &str) -> Result<Self, StorageError> {
        match value {
            "issued" => Ok(ProfileState::Issued),
            "downloaded" => Ok(ProfileState::Downloaded),
            "used" => Ok(ProfileState::Used),
            "replaced" => Ok(ProfileState::Replaced),
            other => Err(StorageError::Corrupt(format!("profile state {other:?}"))),
        }
    }
}

/// One enrollment profile together with whose enrollment it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRecord {
    pub id: i64,
    pub enrollment_id: EnrollmentId,
    pub user_id: UserId,
    pub state: ProfileState,
    pub issued_at: Timestamp,
    pub downloaded_at: Option<Timestamp>,
}

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

/// How a user action ([`DeviceAction`]) is stored: its API spelling, so
/// the database, the audit log and the API use one word per action.
pub fn action_to_db(action: DeviceAction) -> &'static str {
    match action {
        DeviceAction::Rename => "rename",
        DeviceAction::CheckStatus => "check_status",
        DeviceAction::RemoteLock => "remote_lock",
        DeviceAction::Remove => "remove",
    }
}

pub fn action_from_db(value: &str) -> Result<DeviceAction, StorageError> {
    match value {
        "rename" => Ok(DeviceAction::Rename),
        "check_status" => Ok(DeviceAction::CheckStatus),
        "remote_lock" => Ok(DeviceAction::RemoteLock),
        "remove" => Ok(DeviceAction::Remove),
        other => Err(StorageError::Corrupt(format!("action {other:?}"))),
    }
}

/// Where an MDM command is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommandState {
    /// Waiting for the device's next poll.
    Queued,
    /// Handed to the device; no answer yet.
    Sent,
    Acknowledged,
    Error,
    /// The device said it could not run it now (it is requeued).
    NotNow,
    /// The device did not answer before `gives_up_at`.
    Expired,
}

impl CommandState {
    pub fn as_str(self) -> &'static str {
        match self {
            CommandState::Queued => "queued",
            CommandState::Sent => "sent",
            CommandState::Acknowledged => "acknowledged",
            CommandState::Error => "error",
            CommandState::NotNow => "not_now",
            CommandState::Expired => "expired",
        }
    }

    pub fn from_db(value: &str) -> Result<Self, StorageError> {
        match value {
            "queued" => Ok(CommandState::Queued),
            "sent" => Ok(CommandState::Sent),
            "acknowledged" => Ok(CommandState::Acknowledged),
            "error" => Ok(CommandState::Error),
            "not_now" => Ok(CommandState::NotNow),
            "expired" => Ok(CommandState::Expired),
            other => Err(StorageError::Corrupt(format!("command state {other:?}"))),
        }
    }

    /// Still waiting for the device.
    pub fn is_pending(self) -> bool {
        matches!(self, CommandState::Queued | CommandState::Sent)
    }
}

/// A command to queue for a device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommand {
    pub command_uuid: String,
    pub request_type: String,
    /// The plist sent to the device.
    pub payload: Vec<u8>,
    pub action: Option<DeviceAction>,
    pub gives_up_at: Option<Timestamp>,
    /// The user request it belongs to (a status check sends two commands
    /// under one request); `None`: its own `command_uuid`.
    pub request_id: Option<String>,
}

/// One MDM command, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    pub command_uuid: String,
    pub device_id: DeviceId,
    pub request_type: String,
    pub payload: Vec<u8>,
    pub state: CommandState,
    pub action: Option<DeviceAction>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub answered_at: Option<Timestamp>,
    /// How the device refused it (`None` on commands refused before the
    /// portal kept the reason).
    pub error_reason: Option<CommandFailureReason>,
    /// With `error_reason`: the device's own words, if it gave any. On older
    /// refusals: the English sentence that was shown.
    pub error_text: Option<String>,
    pub gives_up_at: Option<Timestamp>,
    /// The user request it belongs to (its own UUID when alone).
    pub request_id: String,
}

impl CommandRecord {
    /// Why the device refused it, when it did and the reason was kept.
    pub fn failure(&self) -> Option<CommandFailure> {
        if self.state != CommandState::Error {
            return None;
        }
        self.error_reason.map(|reason| CommandFailure {
            reason,
            device_says: self.error_text.clone(),
        })
    }
}

/// What queueing an action's command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOutcome {
    Queued,
    /// A command for the same action is still pending: nothing was queued.
    AlreadyPending,
    /// No such device, or not the user's: nothing was queued.
    NotFound,
}

/// A notification to keep for a user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub user_id: UserId,
    pub device_id: DeviceId,
    pub device_name: String,
    pub kind: NotificationKind,
    /// English, for API clients (see [`Notification::message`]).
    pub message: String,
    pub details: NotificationDetails,
    pub created_at: Timestamp,
}

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

    /// `identity_issuer`: the provider the user signed in with, if any.
    async fn create_session(
        &self,
        token_hash: &SessionTokenHash,
        user_id: UserId,
        identity_issuer: Option<&str>,
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

    /// Atomically: counts the attempts after `since`, asks `decide` whether
    /// another may be made, and if so records it (before its password is
    /// checked, so parallel attempts see each other). Returns the recorded
    /// attempt, or how long to wait.
    async fn reserve_sign_in_attempt(
        &self,
        account: &str,
        client_address: &str,
        since: Timestamp,
        now: Timestamp,
        decide: &(dyn Fn(RecentAttempts) -> Option<std::time::Duration> + Send + Sync),
    ) -> Result<Result<i64, std::time::Duration>, StorageError>;

    /// After a successful sign-in: forgets the attempts of this account from
    /// this address.
    async fn clear_sign_in_attempts(
        &self,
        account: &str,
        client_address: &str,
    ) -> Result<(), StorageError>;

    /// Forgets attempts at or before `before`; they no longer count.
    async fn delete_sign_in_attempts_before(&self, before: Timestamp) -> Result<(), StorageError>;

    // --- Identity provider -------------------------------------------------

    /// How the organization's people sign in; `None` without an organization.
    async fn sign_in_settings(&self) -> Result<Option<SignInSettings>, StorageError>;

    async fn save_sign_in_settings(
        &self,
        settings: &SignInSettings,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    async fn save_pending_sign_in(&self, pending: &PendingSignIn) -> Result<(), StorageError>;

    /// Removes and returns the pending sign-in with this `state`: a second
    /// call finds nothing (single use).
    async fn take_pending_sign_in(
        &self,
        state: &str,
    ) -> Result<Option<PendingSignIn>, StorageError>;

    async fn delete_pending_sign_ins_before(&self, before: Timestamp) -> Result<(), StorageError>;

    /// Finds the user by (issuer, subject), or on a first sign-in by the
    /// verified email (an account made before the provider was set up), or
    /// creates one; then writes the email, name and groups the provider
    /// sent. Returns the user's id.
    async fn save_provider_identity(
        &self,
        identity: &ProviderIdentity,
        now: Timestamp,
    ) -> Result<UserId, StorageError>;

    /// The groups the provider listed at the user's latest sign-in.
    async fn groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError>;

    // --- Devices -------------------------------------------------------

    /// How many devices the user has enrolled.
    async fn device_count_of_user(&self, user_id: UserId) -> Result<u32, StorageError>;

    /// How many enrolled devices listen for the APNs `topic` (the topic
    /// their profile named, as they reported it in `TokenUpdate`).
    async fn device_count_with_topic(&self, topic: &str) -> Result<u32, StorageError>;

    /// Records a device that finished enrolling and marks its enrollment
    /// `Enrolled` with it, once: when the enrollment already has a device,
    /// only the push token, magic and check-in time are updated. Returns the
    /// enrollment's device id and whether it was created now.
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

    /// Records a check-in (`Idle` or a command result) of the device.
    async fn touch_device_check_in(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    // --- Enrollment ----------------------------------------------------

    /// The enrollment settings of the user's organization.
    async fn organization_settings_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<OrganizationSettings>, StorageError>;

    /// The enrollment settings of the organization.
    async fn enrollment_settings(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Option<EnrollmentSettings>, StorageError>;

    async fn save_enrollment_settings(
        &self,
        organization_id: OrganizationId,
        settings: &EnrollmentSettings,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Saves a new enrollment (state `Created`) and marks every unfinished
    /// older enrollment of the same user `Replaced`. Returns the ids of the
    /// replaced ones.
    async fn create_enrollment(
        &self,
        enrollment: &EnrollmentRecord,
    ) -> Result<Vec<EnrollmentId>, StorageError>;

    async fn enrollment(&self, id: &EnrollmentId)
        -> Result<Option<EnrollmentRecord>, StorageError>;

    /// The user's newest enrollment.
    async fn latest_enrollment_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<EnrollmentRecord>, StorageError>;

    /// Writes the enrollment's state, problem, times and device.
    async fn update_enrollment(&self, enrollment: &EnrollmentRecord) -> Result<(), StorageError>;

    /// `Downloaded` → `Expired` when the install deadline is at or before
    /// `now`. Returns whether it expired now.
    async fn expire_enrollment_if_due(
        &self,
        id: &EnrollmentId,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// Saves a new download link for the enrollment. Every earlier profile
    /// of the same user not used by a device yet becomes `replaced`.
    async fn issue_profile(
        &self,
        enrollment_id: &EnrollmentId,
        token_hash: &ProfileTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    async fn profile_by_token(
        &self,
        token_hash: &ProfileTokenHash,
    ) -> Result<Option<ProfileRecord>, StorageError>;

    async fn profile_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<ProfileRecord>, StorageError>;

    /// Uses up the download link: `issued` → `downloaded` with the SCEP
    /// challenge it carried (valid until the install deadline), and its
    /// enrollment `Downloaded` with the install deadline, in one
    /// transaction. Returns false (and changes nothing) when the link was
    /// not `issued` any more.
    async fn record_profile_download(
        &self,
        token_hash: &ProfileTokenHash,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
        install_deadline_at: Timestamp,
    ) -> Result<bool, StorageError>;

    /// Uses up a SCEP challenge, in one statement: only a `downloaded`
    /// profile's challenge that has not expired at `now` and was not used
    /// before. Returns its profile, or `None` (unknown, used, expired or
    /// replaced: all alike).
    async fn use_scep_challenge(
        &self,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
    ) -> Result<Option<ChallengedProfile>, StorageError>;

    /// Binds the identity issued over SCEP to its profile.
    async fn record_identity_issued(
        &self,
        profile_id: i64,
        identity: &CertificateFingerprint,
        issued_at: Timestamp,
        not_after: Timestamp,
    ) -> Result<(), StorageError>;

    /// `downloaded` → `used`: the device checked in with it.
    async fn mark_profile_used(&self, profile_id: i64) -> Result<(), StorageError>;

    // --- Self-service --------------------------------------------------
    //
    // Every method a user's request reaches takes the user's id and checks
    // ownership in the same query, so another user's device is never read
    // or changed.

    async fn save_device_settings(
        &self,
        organization_id: OrganizationId,
        settings: &DeviceSettings,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// The user's devices with their facts, for **My devices**.
    async fn device_records_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<DeviceRecord>, StorageError>;

    /// The device, if it is the user's.
    async fn device_of_user(
        &self,
        user_id: UserId,
        id: &DeviceId,
    ) -> Result<Option<DeviceRecord>, StorageError>;

    /// The device, whoever's (for the command channel).
    async fn device_record(&self, id: &DeviceId) -> Result<Option<DeviceRecord>, StorageError>;

    /// Sets the display name of the user's device and remembers that the
    /// user chose it (the device's own name no longer replaces it). Returns
    /// whether it is the user's.
    async fn rename_device(
        &self,
        user_id: UserId,
        id: &DeviceId,
        display_name: &str,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// Queues `command` for the user's device unless a command for the same
    /// action is still pending.
    async fn queue_command(
        &self,
        user_id: UserId,
        id: &DeviceId,
        command: &NewCommand,
        now: Timestamp,
    ) -> Result<QueueOutcome, StorageError> {
        self.queue_commands(user_id, id, std::slice::from_ref(command), now)
            .await
    }

    /// Queues the commands of one request together (all or none), unless
    /// a command for the same action is still pending.
    async fn queue_commands(
        &self,
        user_id: UserId,
        id: &DeviceId,
        commands: &[NewCommand],
        now: Timestamp,
    ) -> Result<QueueOutcome, StorageError>;

    /// The commands of the newest request of each action kind for the
    /// device (a status check has two).
    async fn latest_action_commands(
        &self,
        id: &DeviceId,
    ) -> Result<Vec<CommandRecord>, StorageError>;

    /// The device's commands of one request, oldest first.
    async fn commands_of_request(
        &self,
        id: &DeviceId,
        request_id: &str,
    ) -> Result<Vec<CommandRecord>, StorageError>;

    /// Every command of the device, oldest first.
    async fn commands_of_device(&self, id: &DeviceId) -> Result<Vec<CommandRecord>, StorageError>;

    /// The device's next command, marked `sent`: the oldest waiting user
    /// action, else the oldest waiting command of the portal's own.
    async fn send_next_command(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError>;

    /// Records the device's answer to one of its pending commands: `state`
    /// is `Acknowledged`, `Error` (with `failure`) or `Queued` (NotNow).
    /// Returns the updated command; `None` when the device has no such
    /// pending command (unknown, finished or expired).
    async fn record_command_result(
        &self,
        id: &DeviceId,
        command_uuid: &str,
        state: CommandState,
        failure: Option<&CommandFailure>,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError>;

    /// Pending commands of the device whose `gives_up_at` is at or before
    /// `now` become `expired` (answered at `gives_up_at`). Returns them.
    async fn expire_due_commands(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Vec<CommandRecord>, StorageError>;

    /// Stores what the device reported. Its name becomes the display name
    /// only while the user has not renamed the device in the portal.
    async fn save_device_facts(
        &self,
        id: &DeviceId,
        facts: &ReportedFacts,
    ) -> Result<(), StorageError>;

    /// Records when the device last answered a whole status check (the
    /// moment compliance is evaluated from).
    async fn mark_facts_reported(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError>;

    async fn save_compliance(
        &self,
        id: &DeviceId,
        state: ComplianceState,
        non_compliant_since: Option<Timestamp>,
    ) -> Result<(), StorageError>;

    /// Forgets the device and its commands, and revokes the identity it
    /// signed with (at `now`). Returns whether there was one.
    async fn remove_device(&self, id: &DeviceId, now: Timestamp) -> Result<bool, StorageError>;

    // --- Device identities ---------------------------------------------

    /// Revokes an identity: the MDM endpoints refuse it from now on.
    /// Returns whether it was revoked now (false: unknown or already).
    async fn revoke_identity(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// When the identity was revoked; `None`: it was not (or is unknown).
    async fn identity_revoked_at(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<Timestamp>, StorageError>;

    /// Records the identity that authenticated the enrollment (the only one
    /// its `TokenUpdate` is accepted from).
    async fn set_authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
        identity: &CertificateFingerprint,
    ) -> Result<(), StorageError>;

    async fn authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
    ) -> Result<Option<CertificateFingerprint>, StorageError>;

    async fn add_notification(&self, notification: &NewNotification) -> Result<i64, StorageError>;

    /// The user's notifications, newest first.
    async fn notifications_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<Notification>, StorageError>;

    async fn add_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError>;

    /// The user's audit trail, oldest first.
    async fn audit_events_of_user(&self, user_id: UserId) -> Result<Vec<AuditEvent>, StorageError>;

    // --- Push ----------------------------------------------------------

    /// Where to push the device: its token and PushMagic from the last
    /// `TokenUpdate`; `None` when it is gone or sent none.
    async fn push_target(&self, id: &DeviceId) -> Result<Option<PushTarget>, StorageError>;

    /// APNs accepted a push for the device.
    async fn record_push_delivered(&self, id: &DeviceId, at: Timestamp)
        -> Result<(), StorageError>;

    /// A push for the device failed for good.
    async fn record_push_failure(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError>;

    /// APNs no longer knows the device's token (until its next
    /// `TokenUpdate`, which clears this).
    async fn mark_push_token_invalid(
        &self,
        id: &DeviceId,
        at: Timestamp,
    ) -> Result<(), StorageError>;

    /// What the portal knows about reaching the device.
    async fn device_push_state(
        &self,
        id: &DeviceId,
    ) -> Result<Option<DevicePushState>, StorageError>;

    /// Sets (or with `None` clears) the organization's push problem; its
    /// `since` stays while the same problem goes on.
    async fn set_push_problem(
        &self,
        problem: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StorageError>;

    /// The organization's push problem, if any.
    async fn push_problem(&self) -> Result<Option<PushProblem>, StorageError>;

    // --- Groups and enrollment type profiles ----------------------------

    /// Creates the portal's own group (nothing when it exists).
    async fn save_local_group(
        &self,
        organization_id: OrganizationId,
        name: &str,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Adds the user to the group; false when there is no such group.
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

    /// Every local group with its members, by name.
    async fn local_groups(&self) -> Result<Vec<LocalGroup>, StorageError>;

    /// The local groups the user is in.
    async fn local_groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError>;

    /// Every enrollment type profile, highest priority (lowest number) first.
    async fn enrollment_type_profiles(&self) -> Result<Vec<EnrollmentTypeProfile>, StorageError>;

    /// Creates or replaces (by name) a profile with its assignments.
    async fn save_enrollment_type_profile(
        &self,
        organization_id: OrganizationId,
        profile: &EnrollmentTypeProfile,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// False when there was no such profile.
    async fn remove_enrollment_type_profile(&self, name: &str) -> Result<bool, StorageError>;

    // --- Managed Apple Accounts ----------------------------------------

    /// The account set for the user (`None`: their work email is used).
    async fn managed_apple_account(&self, user_id: UserId) -> Result<Option<String>, StorageError>;

    async fn set_managed_apple_account(
        &self,
        user_id: UserId,
        account: Option<&str>,
    ) -> Result<(), StorageError>;

    /// The identity provider's claim carrying the Managed Apple Account.
    async fn managed_apple_account_claim(&self) -> Result<Option<String>, StorageError>;

    async fn set_managed_apple_account_claim(
        &self,
        claim: Option<&str>,
    ) -> Result<(), StorageError>;

    /// The user whose Managed Apple Account this is (or whose work email,
    /// when they have none set).
    async fn user_by_managed_apple_account(
        &self,
        account: &str,
    ) -> Result<Option<UserRecord>, StorageError>;

    // --- Account-driven enrollment --------------------------------------

    async fn save_account_token(&self, token: &AccountTokenRecord) -> Result<(), StorageError>;

    async fn account_token(
        &self,
        token_hash: &AccountTokenHash,
    ) -> Result<Option<AccountTokenRecord>, StorageError>;

    /// Whether the enrollment was made by account-driven enrollment (its
    /// MDM requests must carry a token).
    async fn is_account_driven(&self, enrollment_id: &EnrollmentId) -> Result<bool, StorageError>;

    /// Binds the token to another enrollment of the same user.
    async fn rebind_account_token(
        &self,
        token_hash: &AccountTokenHash,
        enrollment_id: &EnrollmentId,
    ) -> Result<(), StorageError>;

    async fn email_of_user(&self, user_id: UserId) -> Result<Option<EmailAddress>, StorageError>;

    /// The enrollment an enrolled device came from.
    async fn enrollment_of_device(
        &self,
        id: &DeviceId,
    ) -> Result<Option<EnrollmentId>, StorageError>;
}

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

/// One of the portal's own groups of users.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LocalGroup {
    pub name: String,
    pub members: Vec<EmailAddress>,
}

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

pub fn notification_kind_to_db(value: NotificationKind) -> &'static str {
    match value {
        NotificationKind::RemoteLockSucceeded => "remote_lock_succeeded",
        NotificationKind::RemoteLockFailed => "remote_lock_failed",
        NotificationKind::CheckStatusFinished => "check_status_finished",
        NotificationKind::CheckStatusFailed => "check_status_failed",
        NotificationKind::CheckStatusTimedOut => "check_status_timed_out",
        NotificationKind::RemoveFinished => "remove_finished",
        NotificationKind::RemoveFailed => "remove_failed",
        NotificationKind::RemoveTimedOut => "remove_timed_out",
        NotificationKind::Other => "other",
    }
}

/// Unknown words read as `Other`, as the API's own parser does.
pub fn notification_kind_from_db(value: &str) -> NotificationKind {
    match value {
        "remote_lock_succeeded" => NotificationKind::RemoteLockSucceeded,
        "remote_lock_failed" => NotificationKind::RemoteLockFailed,
        "check_status_finished" => NotificationKind::CheckStatusFinished,
        "check_status_failed" => NotificationKind::CheckStatusFailed,
        "check_status_timed_out" => NotificationKind::CheckStatusTimedOut,
        "remove_finished" => NotificationKind::RemoveFinished,
        "remove_failed" => NotificationKind::RemoveFailed,
        "remove_timed_out" => NotificationKind::RemoveTimedOut,
        _ => NotificationKind::Other,
    }
}

pub fn enrollment_state_to_db(value: EnrollmentState) -> &'static str {
    match value {
        EnrollmentState::Created => "created",
        EnrollmentState::Downloaded => "downloaded",
        EnrollmentState::Authenticated => "authenticated",
        EnrollmentState::Enrolled => "enrolled",
        EnrollmentState::Expired => "expired",
        EnrollmentState::Rejected => "rejected",
        EnrollmentState::Replaced => "replaced",
    }
}

pub fn enrollment_state_from_db(value: &str) -> Result<EnrollmentState, StorageError> {
    match value {
        "created" => Ok(EnrollmentState::Created),
        "downloaded" => Ok(EnrollmentState::Downloaded),
        "authenticated" => Ok(EnrollmentState::Authenticated),
        "enrolled" => Ok(EnrollmentState::Enrolled),
        "expired" => Ok(EnrollmentState::Expired),
        "rejected" => Ok(EnrollmentState::Rejected),
        "replaced" => Ok(EnrollmentState::Replaced),
        other => Err(StorageError::Corrupt(format!("enrollment state {other:?}"))),
    }
}

pub fn device_kind_to_db(value: DeviceKind) -> &'static str {
    match value {
        DeviceKind::Iphone => "iphone",
        DeviceKind::Ipad => "ipad",
    }
}

pub fn device_kind_from_db(value: &str) -> Result<DeviceKind, StorageError> {
    match value {
        "iphone" => Ok(DeviceKind::Iphone),
        "ipad" => Ok(DeviceKind::Ipad),
        other => Err(StorageError::Corrupt(format!("device kind {other:?}"))),
    }
}

pub fn problem_code_to_db(value: EnrollmentProblemCode) -> &'static str {
    match value {
        EnrollmentProblemCode::OsTooOld => "os_too_old",
        EnrollmentProblemCode::OsTooNew => "os_too_new",
        EnrollmentProblemCode::DeviceNotAllowed => "device_not_allowed",
        EnrollmentProblemCode::DeviceLimitReached => "device_limit_reached",
        EnrollmentProblemCode::ProfileAlreadyUsed => "profile_already_used",
        EnrollmentProblemCode::ProfileReplaced => "profile_replaced",
        EnrollmentProblemCode::ProfileExpired => "profile_expired",
        EnrollmentProblemCode::DeviceNotIdentified => "device_not_identified",
        EnrollmentProblemCode::Other => "other",
    }
}

/// Unknown words read as `Other`, as the API's own parser does.
pub fn problem_code_from_db(value: &str) -> EnrollmentProblemCode {
    match value {
        "os_too_old" => EnrollmentProblemCode::OsTooOld,
        "os_too_new" => EnrollmentProblemCode::OsTooNew,
        "device_not_allowed" => EnrollmentProblemCode::DeviceNotAllowed,
        "device_limit_reached" => EnrollmentProblemCode::DeviceLimitReached,
        "profile_already_used" => EnrollmentProblemCode::ProfileAlreadyUsed,
        "profile_replaced" => EnrollmentProblemCode::ProfileReplaced,
        "profile_expired" => EnrollmentProblemCode::ProfileExpired,
        "device_not_identified" => EnrollmentProblemCode::DeviceNotIdentified,
        _ => EnrollmentProblemCode::Other,
    }
}

pub fn command_failure_reason_to_db(value: CommandFailureReason) -> &'static str {
    match value {
        CommandFailureReason::DeviceError => "device_error",
        CommandFailureReason::UnreadableCommand => "unreadable_command",
        CommandFailureReason::Unknown => "unknown",
    }
}

/// Unknown words read as `Unknown`, as the API's own parser does.
pub fn command_failure_reason_from_db(value: &str) -> CommandFailureReason {
    match value {
        "device_error" => CommandFailureReason::DeviceError,
        "unreadable_command" => CommandFailureReason::UnreadableCommand,
        _ => CommandFailureReason::Unknown,
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
        for value in [
            EnrollmentState::Created,
            EnrollmentState::Downloaded,
            EnrollmentState::Authenticated,
            EnrollmentState::Enrolled,
            EnrollmentState::Expired,
            EnrollmentState::Rejected,
            EnrollmentState::Replaced,
        ] {
            let word = enrollment_state_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(enrollment_state_from_db(word).unwrap(), value);
        }
        for value in [
            NotificationKind::RemoteLockSucceeded,
            NotificationKind::RemoteLockFailed,
            NotificationKind::CheckStatusFinished,
            NotificationKind::CheckStatusFailed,
            NotificationKind::CheckStatusTimedOut,
            NotificationKind::RemoveFinished,
            NotificationKind::RemoveFailed,
            NotificationKind::RemoveTimedOut,
            NotificationKind::Other,
        ] {
            let word = notification_kind_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(notification_kind_from_db(word), value);
        }
        for value in [DeviceKind::Iphone, DeviceKind::Ipad] {
            let word = device_kind_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(device_kind_from_db(word).unwrap(), value);
        }
        for value in [
            EnrollmentProblemCode::OsTooOld,
            EnrollmentProblemCode::OsTooNew,
            EnrollmentProblemCode::DeviceNotAllowed,
            EnrollmentProblemCode::DeviceLimitReached,
            EnrollmentProblemCode::ProfileAlreadyUsed,
            EnrollmentProblemCode::ProfileReplaced,
            EnrollmentProblemCode::ProfileExpired,
            EnrollmentProblemCode::DeviceNotIdentified,
        ] {
            let word = problem_code_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(problem_code_from_db(word), value);
        }
        for value in [
            CommandFailureReason::DeviceError,
            CommandFailureReason::UnreadableCommand,
        ] {
            let word = command_failure_reason_to_db(value);
            assert_eq!(serde_json::to_value(value).unwrap(), word);
            assert_eq!(command_failure_reason_from_db(word), value);
        }
    }
}
