//! PostgreSQL: [`OrganizationStore`].

use async_trait::async_trait;
use portal_api::Organization;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::rows::{
    device_settings_from_row, enrollment_settings_from_row, organization_from_row,
};
use crate::storage::{
    device_kind_to_db, ownership_to_db, DeviceSettings, EnrollmentSettings, OrganizationId,
    OrganizationRecord, OrganizationSettings, OrganizationStore, StorageError, UserId,
};

#[async_trait]
impl OrganizationStore for PostgresStorage {
    async fn organization(&self) -> Result<Option<OrganizationRecord>, StorageError> {
        let row = sqlx::query(
            "SELECT id, name, support_name, support_phone, support_email, support_website,
                    privacy_statement_url, privacy_message_personal, privacy_message_corporate,
                    managed_web_clip
             FROM organizations ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| organization_from_row(&row)).transpose()
    }

    async fn save_organization(
        &self,
        profile: &Organization,
        now: Timestamp,
    ) -> Result<OrganizationId, StorageError> {
        let mut tx = self.write_transaction().await?;
        // There is one organization: the table lock (conflicting with
        // itself, not with reads) keeps two instances saving the first
        // profile at once from creating two. Saving it is a rare admin step.
        sqlx::query("LOCK TABLE organizations IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT id FROM organizations ORDER BY id LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        let support = &profile.support;
        let privacy = &profile.privacy_messages;
        let id = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE organizations
                     SET name = $1, support_name = $2, support_phone = $3, support_email = $4,
                         support_website = $5, privacy_statement_url = $6,
                         privacy_message_personal = $7, privacy_message_corporate = $8,
                         managed_web_clip = $9, updated_at = $10
                     WHERE id = $11",
                )
                .bind(&profile.name)
                .bind(&support.name)
                .bind(&support.phone)
                .bind(&support.email)
                .bind(&support.website)
                .bind(&profile.privacy_statement_url)
                .bind(&privacy.personal)
                .bind(&privacy.corporate)
                .bind(profile.managed_web_clip)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO organizations
                        (name, support_name, support_phone, support_email, support_website,
                         privacy_statement_url, privacy_message_personal,
                         privacy_message_corporate, managed_web_clip, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                     RETURNING id",
                )
                .bind(&profile.name)
                .bind(&support.name)
                .bind(&support.phone)
                .bind(&support.email)
                .bind(&support.website)
                .bind(&profile.privacy_statement_url)
                .bind(&privacy.personal)
                .bind(&privacy.corporate)
                .bind(profile.managed_web_clip)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        tx.commit().await?;
        Ok(id)
    }

    async fn organization_settings_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<OrganizationSettings>, StorageError> {
        let row = sqlx::query(
            "SELECT organizations.id, organizations.name, ownership_choice, default_ownership,
                    min_os_version, max_os_version, allowed_devices, device_limit,
                    install_window_seconds, compliance_min_os_version,
                    compliance_passcode_required, compliance_max_days_since_check_in,
                    compliance_grace_period_days, check_status_timeout_seconds,
                    remove_timeout_seconds, managed_web_clip, legacy_user_enrollment
             FROM users JOIN organizations ON organizations.id = users.organization_id
             WHERE users.id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(OrganizationSettings {
                organization_id: row.try_get("id")?,
                organization_name: row.try_get("name")?,
                enrollment: enrollment_settings_from_row(&row)?,
                devices: device_settings_from_row(&row)?,
                managed_web_clip: row.try_get("managed_web_clip")?,
            })
        })
        .transpose()
    }

    async fn enrollment_settings(
        &self,
        organization_id: OrganizationId,
    ) -> Result<Option<EnrollmentSettings>, StorageError> {
        let row = sqlx::query(
            "SELECT ownership_choice, default_ownership, min_os_version, max_os_version,
                    allowed_devices, device_limit, install_window_seconds,
                    legacy_user_enrollment
             FROM organizations WHERE id = $1",
        )
        .bind(organization_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| enrollment_settings_from_row(&row))
            .transpose()
    }

    async fn save_enrollment_settings(
        &self,
        organization_id: OrganizationId,
        settings: &EnrollmentSettings,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let allowed: Vec<&str> = settings
            .allowed_devices
            .iter()
            .map(|kind| device_kind_to_db(*kind))
            .collect();
        sqlx::query(
            "UPDATE organizations
             SET ownership_choice = $1, default_ownership = $2, min_os_version = $3,
                 max_os_version = $4, allowed_devices = $5, device_limit = $6,
                 install_window_seconds = $7, legacy_user_enrollment = $8, updated_at = $9
             WHERE id = $10",
        )
        .bind(settings.ownership_choice)
        .bind(ownership_to_db(settings.default_ownership))
        .bind(settings.os_versions.min.as_ref().map(ToString::to_string))
        .bind(settings.os_versions.max.as_ref().map(ToString::to_string))
        .bind(allowed.join(","))
        .bind(i64::from(settings.device_limit))
        .bind(i64::from(settings.install_window_seconds))
        .bind(settings.legacy_user_enrollment)
        .bind(now)
        .bind(organization_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn save_device_settings(
        &self,
        organization_id: OrganizationId,
        settings: &DeviceSettings,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let policy = &settings.compliance;
        sqlx::query(
            "UPDATE organizations
             SET compliance_min_os_version = $1, compliance_passcode_required = $2,
                 compliance_max_days_since_check_in = $3, compliance_grace_period_days = $4,
                 check_status_timeout_seconds = $5, remove_timeout_seconds = $6, updated_at = $7
             WHERE id = $8",
        )
        .bind(policy.min_os_version.as_ref().map(ToString::to_string))
        .bind(policy.passcode_required)
        .bind(policy.max_days_since_check_in.map(i64::from))
        .bind(i64::from(policy.grace_period_days))
        .bind(i64::from(settings.check_status_timeout_seconds))
        .bind(i64::from(settings.remove_timeout_seconds))
        .bind(now)
        .bind(organization_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
