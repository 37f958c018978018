//! Enrollments and the enrollment profiles (download links) handed out for
//! them.

use async_trait::async_trait;
use portal_api::{
    DeviceId, DeviceKind, EnrollmentId, EnrollmentProblem, EnrollmentState, EnrollmentType,
    Ownership,
};

use super::{CertificateFingerprint, ScepChallengeHash, StorageError, UserId};
use crate::clock::Timestamp;

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

/// Enrollments: one user's attempt to enroll one device, from the request to
/// the enrolled device. A user has at most one unfinished enrollment.
#[async_trait]
pub trait EnrollmentStore: Send + Sync {
    /// Saves a new enrollment (state `Created`) and, in the same transaction,
    /// marks every unfinished (`Created`, `Downloaded` or `Authenticated`)
    /// older enrollment of the same user `Replaced` (updated at the new one's
    /// `created_at`): a user has at most one unfinished enrollment. Returns the
    /// ids of the replaced ones, so whoever watches them can be told.
    async fn create_enrollment(
        &self,
        enrollment: &EnrollmentRecord,
    ) -> Result<Vec<EnrollmentId>, StorageError>;

    /// The enrollment, whoever's; `None` when unknown.
    async fn enrollment(&self, id: &EnrollmentId)
        -> Result<Option<EnrollmentRecord>, StorageError>;

    /// The user's newest enrollment (by `created_at`; of two in the same
    /// second, the one saved last).
    async fn latest_enrollment_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<EnrollmentRecord>, StorageError>;

    /// Writes the enrollment's state, problem, times (`updated_at`,
    /// `downloaded_at`, `install_deadline_at`), device and device facts. Who it
    /// is for, its type, ownership and device kind never change. Unknown:
    /// nothing happens.
    async fn update_enrollment(&self, enrollment: &EnrollmentRecord) -> Result<(), StorageError>;

    /// `Downloaded` → `Expired` (updated at its deadline) when the install
    /// deadline is at or before `now`. Returns whether it expired now; in any
    /// other state, or before the deadline, nothing changes.
    async fn expire_enrollment_if_due(
        &self,
        id: &EnrollmentId,
        now: Timestamp,
    ) -> Result<bool, StorageError>;

    /// The enrollment an enrolled device came from; `None` for an unknown
    /// device.
    async fn enrollment_of_device(
        &self,
        id: &DeviceId,
    ) -> Result<Option<EnrollmentId>, StorageError>;

    /// Records the identity that authenticated the enrollment (the only one its
    /// `TokenUpdate` is accepted from); a later call replaces it.
    async fn set_authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
        identity: &CertificateFingerprint,
    ) -> Result<(), StorageError>;

    /// The identity recorded by
    /// [`EnrollmentStore::set_authenticated_identity`], if any.
    async fn authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
    ) -> Result<Option<CertificateFingerprint>, StorageError>;
}

/// Enrollment profiles: the download links of an enrollment. Only a user's
/// newest link can be downloaded, and only once.
#[async_trait]
pub trait ProfileStore: Send + Sync {
    /// Saves a new download link (`Issued`) for the enrollment. In the same
    /// transaction every earlier profile of the same user that no device used
    /// yet (`Issued` or `Downloaded`) becomes `Replaced`, and its SCEP
    /// challenge stops working: only a user's newest link can be downloaded and
    /// installed.
    async fn issue_profile(
        &self,
        enrollment_id: &EnrollmentId,
        token_hash: &ProfileTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// The profile with this download token, in whatever state; `None` when
    /// unknown.
    async fn profile_by_token(
        &self,
        token_hash: &ProfileTokenHash,
    ) -> Result<Option<ProfileRecord>, StorageError>;

    /// The profile whose SCEP challenge got this identity issued
    /// ([`super::IdentityStore::record_identity_issued`]).
    async fn profile_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<ProfileRecord>, StorageError>;

    /// Uses up the download link: `Issued` → `Downloaded` with the SCEP
    /// challenge it carried (valid until the install deadline), and its
    /// enrollment `Downloaded` with the install deadline and no problem, in one
    /// transaction. Returns false (and changes nothing) when the link was not
    /// `Issued` any more: a link downloads once, even under concurrent
    /// requests.
    async fn record_profile_download(
        &self,
        token_hash: &ProfileTokenHash,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
        install_deadline_at: Timestamp,
    ) -> Result<bool, StorageError>;

    /// `Downloaded` → `Used`: the device checked in with it. In any other state
    /// nothing changes.
    async fn mark_profile_used(&self, profile_id: i64) -> Result<(), StorageError>;
}
