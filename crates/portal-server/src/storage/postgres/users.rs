//! PostgreSQL: [`UserStore`], [`SessionStore`].

use async_trait::async_trait;
use portal_api::EmailAddress;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{
    SessionRecord, SessionStore, SessionTokenHash, StorageError, UserId, UserRecord, UserStore,
    UserToSave,
};

#[async_trait]
impl UserStore for PostgresStorage {
    async fn user_by_email(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<UserRecord>, StorageError> {
        let row = sqlx::query(
            "SELECT id, organization_id, email, display_name, password_hash
             FROM users WHERE email = $1",
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
             VALUES ($1, $2, $3, $4, $5, $6)
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

    async fn email_of_user(&self, user_id: UserId) -> Result<Option<EmailAddress>, StorageError> {
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        email
            .map(|email| {
                EmailAddress::parse(&email)
                    .map_err(|e| StorageError::Corrupt(format!("user email: {e}")))
            })
            .transpose()
    }

    async fn managed_apple_account(&self, user_id: UserId) -> Result<Option<String>, StorageError> {
        let account: Option<Option<String>> =
            sqlx::query_scalar("SELECT managed_apple_account FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(account.flatten())
    }

    async fn set_managed_apple_account(
        &self,
        user_id: UserId,
        account: Option<&str>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE users SET managed_apple_account = $1 WHERE id = $2")
            .bind(account)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn user_by_managed_apple_account(
        &self,
        account: &str,
    ) -> Result<Option<UserRecord>, StorageError> {
        let email: Option<String> = sqlx::query_scalar(
            "SELECT email FROM users
             WHERE managed_apple_account = $1
                OR (managed_apple_account IS NULL AND email = $1)
             ORDER BY managed_apple_account IS NULL LIMIT 1",
        )
        .bind(account)
        .fetch_optional(&self.pool)
        .await?;
        match email {
            Some(email) => {
                let email = EmailAddress::parse(&email)
                    .map_err(|e| StorageError::Corrupt(format!("user email: {e}")))?;
                self.user_by_email(&email).await
            }
            None => Ok(None),
        }
    }
}

#[async_trait]
impl SessionStore for PostgresStorage {
    async fn create_session(
        &self,
        token_hash: &SessionTokenHash,
        user_id: UserId,
        identity_issuer: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, identity_issuer, created_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token_hash.0[..])
        .bind(user_id)
        .bind(identity_issuer)
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
                    sessions.identity_issuer, users.email, users.display_name
             FROM sessions JOIN users ON users.id = sessions.user_id
             WHERE sessions.token_hash = $1",
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
                identity_issuer: row.try_get("identity_issuer")?,
            })
        })
        .transpose()
    }

    async fn touch_session(
        &self,
        token_hash: &SessionTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&token_hash.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &SessionTokenHash) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&token_hash.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sessions_of_user(&self, user_id: UserId) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
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
        let result =
            sqlx::query("DELETE FROM sessions WHERE created_at <= $1 OR last_seen_at <= $2")
                .bind(started_by)
                .bind(idle_since)
                .execute(&self.pool)
                .await?;
        Ok(result.rows_affected())
    }
}

fn stored_email(value: String) -> Result<EmailAddress, StorageError> {
    EmailAddress::parse(&value).map_err(|_| StorageError::Corrupt("a user's email address".into()))
}
