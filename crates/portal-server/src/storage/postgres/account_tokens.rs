//! PostgreSQL: [`AccountTokenStore`].

use async_trait::async_trait;
use portal_api::EnrollmentId;
use sqlx::Row;

use super::PostgresStorage;
use crate::storage::{AccountTokenHash, AccountTokenRecord, AccountTokenStore, StorageError};

#[async_trait]
impl AccountTokenStore for PostgresStorage {
    async fn save_account_token(&self, token: &AccountTokenRecord) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO account_enrollment_tokens
                (token_hash, user_id, enrollment_id, mode, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&token.token_hash.0[..])
        .bind(token.user_id)
        .bind(&token.enrollment_id.0)
        .bind(match token.enrollment_type {
            portal_api::EnrollmentType::UserEnrollment => "byod",
            portal_api::EnrollmentType::DeviceEnrollment => "adde",
        })
        .bind(token.created_at)
        .bind(token.expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn account_token(
        &self,
        token_hash: &AccountTokenHash,
    ) -> Result<Option<AccountTokenRecord>, StorageError> {
        let row = sqlx::query(
            "SELECT user_id, enrollment_id, mode, created_at, expires_at
             FROM account_enrollment_tokens WHERE token_hash = $1",
        )
        .bind(&token_hash.0[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let mode: String = row.try_get("mode")?;
            Ok(AccountTokenRecord {
                token_hash: *token_hash,
                user_id: row.try_get("user_id")?,
                enrollment_id: EnrollmentId(row.try_get("enrollment_id")?),
                enrollment_type: match mode.as_str() {
                    "byod" => portal_api::EnrollmentType::UserEnrollment,
                    "adde" => portal_api::EnrollmentType::DeviceEnrollment,
                    other => return Err(StorageError::Corrupt(format!("token mode {other:?}"))),
                },
                created_at: row.try_get("created_at")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .transpose()
    }

    async fn is_account_driven(&self, enrollment_id: &EnrollmentId) -> Result<bool, StorageError> {
        let found: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM account_enrollment_tokens WHERE enrollment_id = $1 LIMIT 1",
        )
        .bind(&enrollment_id.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    async fn rebind_account_token(
        &self,
        token_hash: &AccountTokenHash,
        enrollment_id: &EnrollmentId,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE account_enrollment_tokens SET enrollment_id = $1 WHERE token_hash = $2",
        )
        .bind(&enrollment_id.0)
        .bind(&token_hash.0[..])
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
