//! PostgreSQL: [`IdentityStore`].

use async_trait::async_trait;
use portal_api::EnrollmentId;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{
    CertificateFingerprint, ChallengedProfile, IdentityStore, ScepChallengeHash, StorageError,
};

#[async_trait]
impl IdentityStore for PostgresStorage {
    async fn use_scep_challenge(
        &self,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
    ) -> Result<Option<ChallengedProfile>, StorageError> {
        // One UPDATE: two requests with the same challenge cannot both get
        // it (the second waits for the row, then no longer finds the hash).
        let row = sqlx::query(
            "UPDATE enrollment_profiles SET scep_challenge_hash = NULL
             WHERE scep_challenge_hash = $1 AND state = 'downloaded'
               AND scep_challenge_expires_at > $2
             RETURNING id, enrollment_id,
                 (SELECT user_id FROM enrollments
                  WHERE enrollments.id = enrollment_profiles.enrollment_id) AS user_id",
        )
        .bind(&challenge_hash.0[..])
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| -> Result<ChallengedProfile, StorageError> {
            Ok(ChallengedProfile {
                profile_id: row.try_get("id")?,
                enrollment_id: EnrollmentId(row.try_get("enrollment_id")?),
                user_id: row.try_get("user_id")?,
            })
        })
        .transpose()
    }

    async fn record_identity_issued(
        &self,
        profile_id: i64,
        identity: &CertificateFingerprint,
        issued_at: Timestamp,
        not_after: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE enrollment_profiles
             SET identity_fingerprint = $1, identity_issued_at = $2, identity_not_after = $3
             WHERE id = $4",
        )
        .bind(&identity.0[..])
        .bind(issued_at)
        .bind(not_after)
        .bind(profile_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn revoke_identity(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE enrollment_profiles SET identity_revoked_at = $1
             WHERE identity_fingerprint = $2 AND identity_revoked_at IS NULL",
        )
        .bind(now)
        .bind(&identity.0[..])
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    async fn identity_revoked_at(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<Timestamp>, StorageError> {
        let revoked: Option<Option<Timestamp>> = sqlx::query_scalar(
            "SELECT identity_revoked_at FROM enrollment_profiles WHERE identity_fingerprint = $1",
        )
        .bind(&identity.0[..])
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.flatten())
    }
}
