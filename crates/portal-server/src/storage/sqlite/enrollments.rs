//! SQLite: [`EnrollmentStore`], [`ProfileStore`].

use async_trait::async_trait;
use portal_api::{DeviceId, EnrollmentId, EnrollmentProblem};

use super::{to_json, SqliteStorage};
use crate::clock::Timestamp;
use crate::storage::rows::{enrollment_from_row, profile_from_row};
use crate::storage::{
    device_kind_to_db, enrollment_state_to_db, enrollment_type_to_db, ownership_to_db,
    problem_code_to_db, CertificateFingerprint, EnrollmentRecord, EnrollmentStore, ProfileRecord,
    ProfileStore, ProfileTokenHash, ScepChallengeHash, StorageError, UserId,
};

#[async_trait]
impl EnrollmentStore for SqliteStorage {
    async fn create_enrollment(
        &self,
        enrollment: &EnrollmentRecord,
    ) -> Result<Vec<EnrollmentId>, StorageError> {
        let mut tx = self.write_transaction().await?;
        let replaced: Vec<String> = sqlx::query_scalar(
            "UPDATE enrollments SET state = 'replaced', updated_at = ?
             WHERE user_id = ? AND state IN ('created', 'downloaded', 'authenticated')
             RETURNING id",
        )
        .bind(enrollment.created_at)
        .bind(enrollment.user_id)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO enrollments
                (id, user_id, state, ownership, enrollment_type, device_kind,
                 reported_os_version, created_at, updated_at, downloaded_at,
                 install_deadline_at, problem_code, problem_message, problem_details, device_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&enrollment.id.0)
        .bind(enrollment.user_id)
        .bind(enrollment_state_to_db(enrollment.state))
        .bind(ownership_to_db(enrollment.ownership))
        .bind(enrollment_type_to_db(enrollment.enrollment_type))
        .bind(device_kind_to_db(enrollment.device))
        .bind(&enrollment.reported_os_version)
        .bind(enrollment.created_at)
        .bind(enrollment.updated_at)
        .bind(enrollment.downloaded_at)
        .bind(enrollment.install_deadline_at)
        .bind(
            enrollment
                .problem
                .as_ref()
                .map(|p| problem_code_to_db(p.code)),
        )
        .bind(enrollment.problem.as_ref().map(|p| p.message.as_str()))
        .bind(problem_details_to_db(enrollment.problem.as_ref())?)
        .bind(enrollment.device_id.as_ref().map(|id| id.0.as_str()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(replaced.into_iter().map(EnrollmentId).collect())
    }

    async fn enrollment(
        &self,
        id: &EnrollmentId,
    ) -> Result<Option<EnrollmentRecord>, StorageError> {
        let row = sqlx::query(&format!("{SELECT_ENROLLMENT} WHERE id = ?"))
            .bind(&id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| enrollment_from_row(&row)).transpose()
    }

    async fn latest_enrollment_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<EnrollmentRecord>, StorageError> {
        let row = sqlx::query(&format!(
            "{SELECT_ENROLLMENT} WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1"
        ))
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| enrollment_from_row(&row)).transpose()
    }

    async fn update_enrollment(&self, enrollment: &EnrollmentRecord) -> Result<(), StorageError> {
        let facts = enrollment.device_facts.as_ref();
        sqlx::query(
            "UPDATE enrollments
             SET state = ?, updated_at = ?, downloaded_at = ?, install_deadline_at = ?,
                 problem_code = ?, problem_message = ?, problem_details = ?, device_id = ?,
                 device_udid = ?,
                 device_serial = ?, device_name = ?, device_model = ?, device_os_version = ?
             WHERE id = ?",
        )
        .bind(enrollment_state_to_db(enrollment.state))
        .bind(enrollment.updated_at)
        .bind(enrollment.downloaded_at)
        .bind(enrollment.install_deadline_at)
        .bind(
            enrollment
                .problem
                .as_ref()
                .map(|p| problem_code_to_db(p.code)),
        )
        .bind(enrollment.problem.as_ref().map(|p| p.message.as_str()))
        .bind(problem_details_to_db(enrollment.problem.as_ref())?)
        .bind(enrollment.device_id.as_ref().map(|id| id.0.as_str()))
        .bind(facts.map(|f| f.udid.as_str()))
        .bind(facts.and_then(|f| f.serial_number.as_deref()))
        .bind(facts.and_then(|f| f.device_name.as_deref()))
        .bind(facts.and_then(|f| f.model.as_deref()))
        .bind(facts.and_then(|f| f.os_version.as_deref()))
        .bind(&enrollment.id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn expire_enrollment_if_due(
        &self,
        id: &EnrollmentId,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE enrollments SET state = 'expired', updated_at = install_deadline_at
             WHERE id = ? AND state = 'downloaded' AND install_deadline_at <= ?",
        )
        .bind(&id.0)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    async fn enrollment_of_device(
        &self,
        id: &DeviceId,
    ) -> Result<Option<EnrollmentId>, StorageError> {
        let found: Option<Option<String>> =
            sqlx::query_scalar("SELECT enrollment_id FROM devices WHERE id = ?")
                .bind(&id.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.flatten().map(EnrollmentId))
    }

    async fn set_authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
        identity: &CertificateFingerprint,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE enrollments SET authenticated_identity = ? WHERE id = ?")
            .bind(&identity.0[..])
            .bind(&enrollment_id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
    ) -> Result<Option<CertificateFingerprint>, StorageError> {
        let stored: Option<Option<Vec<u8>>> =
            sqlx::query_scalar("SELECT authenticated_identity FROM enrollments WHERE id = ?")
                .bind(&enrollment_id.0)
                .fetch_optional(&self.pool)
                .await?;
        stored
            .flatten()
            .map(|bytes| {
                <[u8; 32]>::try_from(bytes.as_slice())
                    .map(CertificateFingerprint)
                    .map_err(|_| StorageError::Corrupt("enrollments.authenticated_identity".into()))
            })
            .transpose()
    }
}

#[async_trait]
impl ProfileStore for SqliteStorage {
    async fn issue_profile(
        &self,
        enrollment_id: &EnrollmentId,
        token_hash: &ProfileTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tx = self.write_transaction().await?;
        sqlx::query(
            "UPDATE enrollment_profiles
             SET state = 'replaced', scep_challenge_hash = NULL
             WHERE state IN ('issued', 'downloaded')
               AND enrollment_id IN (
                   SELECT id FROM enrollments
                   WHERE user_id = (SELECT user_id FROM enrollments WHERE id = ?))",
        )
        .bind(&enrollment_id.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO enrollment_profiles (token_hash, enrollment_id, issued_at, state)
             VALUES (?, ?, ?, 'issued')",
        )
        .bind(&token_hash.0[..])
        .bind(&enrollment_id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn profile_by_token(
        &self,
        token_hash: &ProfileTokenHash,
    ) -> Result<Option<ProfileRecord>, StorageError> {
        let row = sqlx::query(&format!(
            "{SELECT_PROFILE} WHERE enrollment_profiles.token_hash = ?"
        ))
        .bind(&token_hash.0[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| profile_from_row(&row)).transpose()
    }

    async fn profile_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<ProfileRecord>, StorageError> {
        let row = sqlx::query(&format!(
            "{SELECT_PROFILE} WHERE enrollment_profiles.identity_fingerprint = ?"
        ))
        .bind(&identity.0[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| profile_from_row(&row)).transpose()
    }

    async fn record_profile_download(
        &self,
        token_hash: &ProfileTokenHash,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
        install_deadline_at: Timestamp,
    ) -> Result<bool, StorageError> {
        let mut tx = self.write_transaction().await?;
        let enrollment_id: Option<String> = sqlx::query_scalar(
            "UPDATE enrollment_profiles
             SET state = 'downloaded', downloaded_at = ?, scep_challenge_hash = ?,
                 scep_challenge_expires_at = ?
             WHERE token_hash = ? AND state = 'issued'
             RETURNING enrollment_id",
        )
        .bind(now)
        .bind(&challenge_hash.0[..])
        .bind(install_deadline_at)
        .bind(&token_hash.0[..])
        .fetch_optional(&mut *tx)
        .await?;
        let Some(enrollment_id) = enrollment_id else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE enrollments
             SET state = 'downloaded', downloaded_at = ?, install_deadline_at = ?,
                 problem_code = NULL, problem_message = NULL, problem_details = NULL,
                 updated_at = ?
             WHERE id = ?",
        )
        .bind(now)
        .bind(install_deadline_at)
        .bind(now)
        .bind(&enrollment_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn mark_profile_used(&self, profile_id: i64) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE enrollment_profiles SET state = 'used'
             WHERE id = ? AND state = 'downloaded'",
        )
        .bind(profile_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

const SELECT_ENROLLMENT: &str =
    "SELECT id, user_id, state, ownership, enrollment_type, device_kind,
        reported_os_version, created_at, updated_at, downloaded_at, install_deadline_at,
        problem_code, problem_message, problem_details, device_id, device_udid, device_serial,
        device_name,
        device_model, device_os_version,
        (SELECT COUNT(*) FROM enrollment_profiles
         WHERE enrollment_profiles.enrollment_id = enrollments.id
           AND enrollment_profiles.downloaded_at IS NOT NULL) AS profiles_downloaded,
        EXISTS (SELECT 1 FROM account_enrollment_tokens
                WHERE account_enrollment_tokens.enrollment_id = enrollments.id) AS account_driven
     FROM enrollments";

const SELECT_PROFILE: &str = "SELECT enrollment_profiles.id, enrollment_profiles.enrollment_id,
        enrollments.user_id, enrollment_profiles.state, enrollment_profiles.issued_at,
        enrollment_profiles.downloaded_at
     FROM enrollment_profiles
     JOIN enrollments ON enrollments.id = enrollment_profiles.enrollment_id";

/// An enrollment problem's details, for `enrollments.problem_details`.
fn problem_details_to_db(
    problem: Option<&EnrollmentProblem>,
) -> Result<Option<String>, StorageError> {
    problem
        .and_then(|p| p.details.as_ref())
        .map(|details| to_json("enrollments.problem_details", details))
        .transpose()
}
