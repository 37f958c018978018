//! The SQLite backend: one database file, WAL mode, foreign keys on, and the
//! versioned migrations in `crates/portal-server/migrations/` applied at open.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use portal_api::{DeviceId, DeviceSummary, EmailAddress, Organization, SupportContact};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::Row;

use super::{
    compliance_from_db, compliance_to_db, enrollment_type_from_db, enrollment_type_to_db,
    ownership_from_db, ownership_to_db, OrganizationId, OrganizationRecord, SessionRecord,
    SessionTokenHash, Storage, StorageError, ThrottleScope, UserId, UserRecord, UserToSave,
};
use crate::clock::Timestamp;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// How long a connection waits for another writer before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_CONNECTIONS: u32 = 8;

/// The portal's data in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStorage {
    pool: SqlitePool,
}

impl SqliteStorage {
    /// Opens (creating it and its folder if needed) the database at `path`
    /// and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self, StorageError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(folder).await?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool })
    }

    /// The newest migration applied, e.g. `1` for `0001_initial.sql`.
    pub async fn schema_version(&self) -> Result<Option<i64>, StorageError> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
                .fetch_one(&self.pool)
                .await?;
        Ok(version)
    }

    /// Waits for open queries and closes the file cleanly.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Storage for SqliteStorage {
    async fn organization(&self) -> Result<Option<OrganizationRecord>, StorageError> {
        let row = sqlx::query(
            "SELECT id, name, support_name, support_phone, support_email, support_website,
                    privacy_statement_url
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
        let mut tx = self.pool.begin().await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT id FROM organizations ORDER BY id LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        let support = &profile.support;
        let id = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE organizations
                     SET name = ?, support_name = ?, support_phone = ?, support_email = ?,
                         support_website = ?, privacy_statement_url = ?, updated_at = ?
                     WHERE id = ?",
                )
                .bind(&profile.name)
                .bind(&support.name)
                .bind(&support.phone)
                .bind(&support.email)
                .bind(&support.website)
                .bind(&profile.privacy_statement_url)
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
                         privacy_statement_url, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                     RETURNING id",
                )
                .bind(&profile.name)
                .bind(&support.name)
                .bind(&support.phone)
                .bind(&support.email)
                .bind(&support.website)
                .bind(&profile.privacy_statement_url)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        tx.commit().await?;
        Ok(id)
    }

    async fn user_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<UserRecord>, StorageError> {
        let row = sqlx::query(
            "SELECT id, organization_id, email, display_name, password_hash
             FROM users WHERE email = ?",
        )
        .bind(email.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(UserRecord {
                id: row.try_get("id")?,
                organization_id: row.try_get("organization_id")?,
                email: stored_email(row.try_get("email")?)?,
                display_name: row.try_get("display_name")?,
                password_hash: row.try_get("password_hash")?,
            })
        })
        .transpose()
    }

    async fn save_user(
        &self,
        user: &UserToSave<'_>,
        now: Timestamp,
    ) -> Result<UserId, StorageError> {
        let id = sqlx::query_scalar(
            "INSERT INTO users
                (organization_id, email, display_name, password_hash, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (email) DO UPDATE SET
                organization_id = excluded.organization_id,
                display_name = excluded.display_name,
                password_hash = excluded.password_hash,
                updated_at = excluded.updated_at
             RETURNING id",
        )
        .bind(user.organization_id)
        .bind(user.email.as_str())
        .bind(user.display_name)
        .bind(user.password_hash)
        .bind(now)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn create_session(
        &self,
        token_hash: &SessionTokenHash,
        user_id: UserId,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(&token_hash.0[..])
        .bind(user_id)
        .bind(now)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session(
        &self,
        token_hash: &SessionTokenHash,
    ) -> Result<Option<SessionRecord>, StorageError> {
        let row = sqlx::query(
            "SELECT sessions.user_id, sessions.created_at, sessions.last_seen_at,
                    users.email, users.display_name
             FROM sessions JOIN users ON users.id = sessions.user_id
             WHERE sessions.token_hash = ?",
        )
        .bind(&token_hash.0[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(SessionRecord {
                user_id: row.try_get("user_id")?,
                email: stored_email(row.try_get("email")?)?,
                display_name: row.try_get("display_name")?,
                created_at: row.try_get("created_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
            })
        })
        .transpose()
    }

    async fn touch_session(
        &self,
        token_hash: &SessionTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
            .bind(now)
            .bind(&token_hash.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &SessionTokenHash) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(&token_hash.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sessions_of_user(&self, user_id: UserId) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_expired_sessions(
        &self,
        started_by: Timestamp,
        idle_since: Timestamp,
    ) -> Result<u64, StorageError> {
        let result = sqlx::query("DELETE FROM sessions WHERE created_at <= ? OR last_seen_at <= ?")
            .bind(started_by)
            .bind(idle_since)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }

    async fn record_sign_in_failure(
        &self,
        account: &str,
        client_address: &str,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO sign_in_failures (scope, subject, failed_at)
             VALUES (?, ?, ?), (?, ?, ?)",
        )
        .bind(ThrottleScope::Account.as_str())
        .bind(account)
        .bind(now)
        .bind(ThrottleScope::ClientAddress.as_str())
        .bind(client_address)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn recent_sign_in_failures(
        &self,
        scope: ThrottleScope,
        subject: &str,
        since: Timestamp,
        limit: u32,
    ) -> Result<Vec<Timestamp>, StorageError> {
        let times = sqlx::query_scalar(
            "SELECT failed_at FROM sign_in_failures
             WHERE scope = ? AND subject = ? AND failed_at > ?
             ORDER BY failed_at DESC
             LIMIT ?",
        )
        .bind(scope.as_str())
        .bind(subject)
        .bind(since)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(times)
    }

    async fn clear_sign_in_failures(
        &self,
        scope: ThrottleScope,
        subject: &str,
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE scope = ? AND subject = ?")
            .bind(scope.as_str())
            .bind(subject)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sign_in_failures_before(&self, before: Timestamp) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at <= ?")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn devices_of_user(&self, user_id: UserId) -> Result<Vec<DeviceSummary>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, display_name, model, os_version, enrollment_type, ownership, compliance,
                    last_check_in_at
             FROM devices WHERE user_id = ?
             ORDER BY display_name COLLATE NOCASE, id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(device_from_row).collect()
    }

    async fn add_device(
        &self,
        user_id: UserId,
        device: &DeviceSummary,
        enrolled_at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO devices
                (id, user_id, display_name, model, os_version, enrollment_type, ownership,
                 compliance, last_check_in_at, enrolled_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&device.id.0)
        .bind(user_id)
        .bind(&device.display_name)
        .bind(&device.model)
        .bind(&device.os_version)
        .bind(enrollment_type_to_db(device.enrollment_type))
        .bind(ownership_to_db(device.ownership))
        .bind(compliance_to_db(device.compliance))
        .bind(device.last_check_in_at)
        .bind(enrolled_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

fn organization_from_row(row: &SqliteRow) -> Result<OrganizationRecord, StorageError> {
    Ok(OrganizationRecord {
        id: row.try_get("id")?,
        profile: Organization {
            name: row.try_get("name")?,
            support: SupportContact {
                name: row.try_get("support_name")?,
                phone: row.try_get("support_phone")?,
                email: row.try_get("support_email")?,
                website: row.try_get("support_website")?,
            },
            privacy_statement_url: row.try_get("privacy_statement_url")?,
        },
    })
}

fn device_from_row(row: &SqliteRow) -> Result<DeviceSummary, StorageError> {
    Ok(DeviceSummary {
        id: DeviceId(row.try_get("id")?),
        display_name: row.try_get("display_name")?,
        model: row.try_get("model")?,
        os_version: row.try_get("os_version")?,
        enrollment_type: enrollment_type_from_db(row.try_get("enrollment_type")?)?,
        ownership: ownership_from_db(row.try_get("ownership")?)?,
        compliance: compliance_from_db(row.try_get("compliance")?)?,
        last_check_in_at: row.try_get("last_check_in_at")?,
    })
}

fn stored_email(value: String) -> Result<EmailAddress, StorageError> {
    EmailAddress::parse(&value).map_err(|_| StorageError::Corrupt("a user's email address".into()))
}
