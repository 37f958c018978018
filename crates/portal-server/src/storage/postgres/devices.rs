//! PostgreSQL: [`DeviceStore`].

use async_trait::async_trait;
use portal_api::{ComplianceState, DeviceId};
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::rows::device_record_from_row;
use crate::storage::{
    compliance_to_db, enrollment_type_to_db, ownership_to_db, CertificateFingerprint,
    DeviceIdentityRecord, DeviceRecord, DeviceStore, NewDevice, ReportedFacts, StorageError,
    UserId, SELECT_DEVICE,
};

#[async_trait]
impl DeviceStore for PostgresStorage {
    async fn device_count_of_user(&self, user_id: UserId) -> Result<u32, StorageError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM devices WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn device_count_with_topic(&self, topic: &str) -> Result<u32, StorageError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM devices WHERE mdm_topic = $1")
            .bind(topic)
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn enroll_device(
        &self,
        device: &NewDevice,
        now: Timestamp,
    ) -> Result<(DeviceId, bool), StorageError> {
        let mut tx = self.write_transaction().await?;
        // The enrollment's row stays locked until the commit: two
        // TokenUpdates of one enrollment (two instances) run one after the
        // other, and the second updates the device the first created.
        sqlx::query("SELECT id FROM enrollments WHERE id = $1 FOR UPDATE")
            .bind(&device.enrollment_id.0)
            .execute(&mut *tx)
            .await?;
        let existing: Option<String> =
            sqlx::query_scalar("SELECT id FROM devices WHERE enrollment_id = $1")
                .bind(&device.enrollment_id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, created) = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE devices
                     SET push_token = $1, push_magic = $2, mdm_topic = $3, last_check_in_at = $4,
                         push_token_invalid_since = NULL
                     WHERE id = $5",
                )
                .bind(&device.push_token)
                .bind(&device.push_magic)
                .bind(&device.mdm_topic)
                .bind(now)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
                (id, false)
            }
            None => {
                let summary = &device.summary;
                sqlx::query(
                    "INSERT INTO devices
                        (id, user_id, display_name, model, os_version, enrollment_type,
                         ownership, compliance, last_check_in_at, enrolled_at, udid,
                         serial_number, push_token, push_magic, mdm_topic,
                         identity_fingerprint, enrollment_id)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
                )
                .bind(&summary.id.0)
                .bind(device.user_id)
                .bind(&summary.display_name)
                .bind(&summary.model)
                .bind(&summary.os_version)
                .bind(enrollment_type_to_db(summary.enrollment_type))
                .bind(ownership_to_db(summary.ownership))
                .bind(compliance_to_db(summary.compliance))
                .bind(summary.last_check_in_at)
                .bind(now)
                .bind(&device.udid)
                .bind(&device.serial_number)
                .bind(&device.push_token)
                .bind(&device.push_magic)
                .bind(&device.mdm_topic)
                .bind(&device.identity.0[..])
                .bind(&device.enrollment_id.0)
                .execute(&mut *tx)
                .await?;
                (summary.id.0.clone(), true)
            }
        };
        sqlx::query(
            "UPDATE enrollments
             SET state = 'enrolled', device_id = $1, problem_code = NULL,
                 problem_message = NULL, problem_details = NULL, updated_at = $2
             WHERE id = $3",
        )
        .bind(&id)
        .bind(now)
        .bind(&device.enrollment_id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((DeviceId(id), created))
    }

    async fn device_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<DeviceIdentityRecord>, StorageError> {
        let row = sqlx::query("SELECT id, user_id FROM devices WHERE identity_fingerprint = $1")
            .bind(&identity.0[..])
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(DeviceIdentityRecord {
                id: DeviceId(row.try_get("id")?),
                user_id: row.try_get("user_id")?,
            })
        })
        .transpose()
    }

    async fn touch_device_check_in(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET last_check_in_at = $1 WHERE identity_fingerprint = $2")
            .bind(now)
            .bind(&identity.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn device_records_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<DeviceRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "{SELECT_DEVICE} WHERE user_id = $1 ORDER BY lower(display_name), id"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(device_record_from_row).collect()
    }

    async fn device_of_user(
        &self,
        user_id: UserId,
        id: &DeviceId,
    ) -> Result<Option<DeviceRecord>, StorageError> {
        let row = sqlx::query(&format!("{SELECT_DEVICE} WHERE id = $1 AND user_id = $2"))
            .bind(&id.0)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| device_record_from_row(&row)).transpose()
    }

    async fn device_record(&self, id: &DeviceId) -> Result<Option<DeviceRecord>, StorageError> {
        let row = sqlx::query(&format!("{SELECT_DEVICE} WHERE id = $1"))
            .bind(&id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| device_record_from_row(&row)).transpose()
    }

    async fn rename_device(
        &self,
        user_id: UserId,
        id: &DeviceId,
        display_name: &str,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE devices SET display_name = $1, renamed_at = $2 WHERE id = $3 AND user_id = $4",
        )
        .bind(display_name)
        .bind(now)
        .bind(&id.0)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    async fn save_device_facts(
        &self,
        id: &DeviceId,
        facts: &ReportedFacts,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE devices
             SET display_name = CASE WHEN renamed_at IS NULL
                                     THEN COALESCE($1, display_name)
                                     ELSE display_name END,
                 os_version = COALESCE($2, os_version),
                 build_version = COALESCE($3, build_version),
                 model = COALESCE($4, model),
                 serial_number = COALESCE($5, serial_number),
                 passcode_present = COALESCE($6, passcode_present)
             WHERE id = $7",
        )
        .bind(&facts.device_name)
        .bind(&facts.os_version)
        .bind(&facts.build_version)
        .bind(&facts.model)
        .bind(&facts.serial_number)
        .bind(facts.passcode_present)
        .bind(&id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn mark_facts_reported(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET facts_reported_at = $1 WHERE id = $2")
            .bind(at)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn save_compliance(
        &self,
        id: &DeviceId,
        state: ComplianceState,
        non_compliant_since: Option<Timestamp>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET compliance = $1, non_compliant_since = $2 WHERE id = $3")
            .bind(compliance_to_db(state))
            .bind(non_compliant_since)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn remove_device(&self, id: &DeviceId, now: Timestamp) -> Result<bool, StorageError> {
        let mut tx = self.write_transaction().await?;
        // Its identity goes first (it is found through the device): one
        // TokenUpdate with it must not bring the device back.
        sqlx::query(
            "UPDATE enrollment_profiles SET identity_revoked_at = $1
             WHERE identity_revoked_at IS NULL
               AND identity_fingerprint = (SELECT identity_fingerprint FROM devices WHERE id = $2)",
        )
        .bind(now)
        .bind(&id.0)
        .execute(&mut *tx)
        .await?;
        // Its commands go with it (ON DELETE CASCADE); its enrollment keeps
        // the history with device_id set to NULL.
        let result = sqlx::query("DELETE FROM devices WHERE id = $1")
            .bind(&id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(result.rows_affected() > 0)
    }
}
