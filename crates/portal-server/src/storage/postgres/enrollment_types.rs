//! PostgreSQL: [`EnrollmentTypeStore`].

use async_trait::async_trait;
use portal_api::EnrollmentProfileType;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{EnrollmentTypeProfile, EnrollmentTypeStore, OrganizationId, StorageError};

#[async_trait]
impl EnrollmentTypeStore for PostgresStorage {
    async fn enrollment_type_profiles(&self) -> Result<Vec<EnrollmentTypeProfile>, StorageError> {
        let rows = sqlx::query(
            "SELECT p.name, p.profile_type, p.priority, p.all_users, g.group_name
             FROM enrollment_type_profiles p
             LEFT JOIN enrollment_type_profile_groups g ON g.profile_id = p.id
             ORDER BY p.priority, p.name, g.group_name",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut profiles: Vec<EnrollmentTypeProfile> = Vec::new();
        for row in rows {
            let name: String = row.try_get("name")?;
            if profiles.last().is_none_or(|last| last.name != name) {
                let kind: String = row.try_get("profile_type")?;
                let profile_type = EnrollmentProfileType::parse(&kind)
                    .ok_or_else(|| StorageError::Corrupt(format!("profile type {kind:?}")))?;
                let priority: i64 = row.try_get("priority")?;
                profiles.push(EnrollmentTypeProfile {
                    name,
                    profile_type,
                    priority: u32::try_from(priority)
                        .map_err(|_| StorageError::Corrupt(format!("priority {priority}")))?,
                    all_users: row.try_get("all_users")?,
                    groups: Vec::new(),
                });
            }
            let group: Option<String> = row.try_get("group_name")?;
            if let (Some(group), Some(profile)) = (group, profiles.last_mut()) {
                profile.groups.push(group);
            }
        }
        Ok(profiles)
    }

    async fn save_enrollment_type_profile(
        &self,
        organization_id: OrganizationId,
        profile: &EnrollmentTypeProfile,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tx = self.write_transaction().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO enrollment_type_profiles
                (organization_id, name, profile_type, priority, all_users, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (name) DO UPDATE SET
                profile_type = excluded.profile_type,
                priority = excluded.priority,
                all_users = excluded.all_users,
                updated_at = excluded.updated_at
             RETURNING id",
        )
        .bind(organization_id)
        .bind(&profile.name)
        .bind(profile.profile_type.as_str())
        .bind(i64::from(profile.priority))
        .bind(profile.all_users)
        .bind(now)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM enrollment_type_profile_groups WHERE profile_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for group in &profile.groups {
            sqlx::query(
                "INSERT INTO enrollment_type_profile_groups (profile_id, group_name) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(group)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn remove_enrollment_type_profile(&self, name: &str) -> Result<bool, StorageError> {
        let done = sqlx::query("DELETE FROM enrollment_type_profiles WHERE name = $1")
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
