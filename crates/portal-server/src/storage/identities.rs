//! Device identities: the certificates the portal's CA issues over SCEP, and
//! their revocation.

use async_trait::async_trait;
use portal_api::EnrollmentId;

use super::{StorageError, UserId};
use crate::clock::Timestamp;

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

/// SCEP challenges (single use) and the device identities issued with them.
#[async_trait]
pub trait IdentityStore: Send + Sync {
    /// Uses up a SCEP challenge, atomically: only a `Downloaded` profile's
    /// challenge that has not expired at `now` and was not used before. Returns
    /// its profile, or `None` (unknown, used, expired or replaced: all alike).
    /// Of two concurrent calls with one challenge, one gets it.
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

    /// Revokes an identity at `now`: the MDM endpoints refuse it from now on.
    /// Returns whether it was revoked now (false: unknown or revoked already,
    /// whose time stays).
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
}
