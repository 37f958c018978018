//! PostgreSQL: [`IdentityProviderStore`].

use async_trait::async_trait;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{
    IdentityProviderStore, OidcSettings, PendingSignIn, ProviderIdentity, SignInSettings,
    StorageError, UserId,
};

#[async_trait]
impl IdentityProviderStore for PostgresStorage {
    async fn sign_in_settings(&self) -> Result<Option<SignInSettings>, StorageError> {
        let row = sqlx::query(
            "SELECT oidc_issuer, oidc_client_id, oidc_client_secret, oidc_groups_claim,
                    local_accounts
             FROM organizations ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let issuer: Option<String> = row.try_get("oidc_issuer")?;
        let client_id: Option<String> = row.try_get("oidc_client_id")?;
        let client_secret: Option<String> = row.try_get("oidc_client_secret")?;
        let oidc = match (issuer, client_id, client_secret) {
            (Some(issuer), Some(client_id), Some(client_secret)) => Some(OidcSettings {
                issuer,
                client_id,
                client_secret,
                groups_claim: row.try_get("oidc_groups_claim")?,
            }),
            _ => None,
        };
        Ok(Some(SignInSettings {
            oidc,
            local_accounts: row.try_get("local_accounts")?,
        }))
    }

    async fn save_sign_in_settings(
        &self,
        settings: &SignInSettings,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let oidc = settings.oidc.as_ref();
        let groups_claim = oidc.map_or("groups", |oidc| oidc.groups_claim.as_str());
        sqlx::query(
            "UPDATE organizations
             SET oidc_issuer = $1, oidc_client_id = $2, oidc_client_secret = $3,
                 oidc_groups_claim = $4, local_accounts = $5, updated_at = $6
             WHERE id = (SELECT id FROM organizations ORDER BY id LIMIT 1)",
        )
        .bind(oidc.map(|oidc| oidc.issuer.as_str()))
        .bind(oidc.map(|oidc| oidc.client_id.as_str()))
        .bind(oidc.map(|oidc| oidc.client_secret.as_str()))
        .bind(groups_claim)
        .bind(settings.local_accounts)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn save_pending_sign_in(&self, pending: &PendingSignIn) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO pending_sign_ins
                (state, browser_hash, nonce, pkce_verifier, return_to, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&pending.state)
        .bind(&pending.browser_hash[..])
        .bind(&pending.nonce)
        .bind(&pending.pkce_verifier)
        .bind(&pending.return_to)
        .bind(pending.created_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn take_pending_sign_in(
        &self,
        state: &str,
    ) -> Result<Option<PendingSignIn>, StorageError> {
        let row = sqlx::query(
            "DELETE FROM pending_sign_ins WHERE state = $1
             RETURNING state, browser_hash, nonce, pkce_verifier, return_to, created_at",
        )
        .bind(state)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let browser_hash: Vec<u8> = row.try_get("browser_hash")?;
            Ok(PendingSignIn {
                state: row.try_get("state")?,
                browser_hash: browser_hash
                    .try_into()
                    .map_err(|_| StorageError::Corrupt("a pending sign-in's hash".into()))?,
                nonce: row.try_get("nonce")?,
                pkce_verifier: row.try_get("pkce_verifier")?,
                return_to: row.try_get("return_to")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .transpose()
    }

    async fn delete_pending_sign_ins_before(&self, before: Timestamp) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM pending_sign_ins WHERE created_at <= $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn save_provider_identity(
        &self,
        identity: &ProviderIdentity,
        now: Timestamp,
    ) -> Result<UserId, StorageError> {
        let mut tx = self.pool.begin().await?;
        let known: Option<i64> = sqlx::query_scalar(
            "SELECT user_id FROM user_identities WHERE issuer = $1 AND subject = $2",
        )
        .bind(&identity.issuer)
        .bind(&identity.subject)
        .fetch_optional(&mut *tx)
        .await?;
        let user_id = match known {
            Some(user_id) => {
                sqlx::query(
                    "UPDATE users SET email = $1, display_name = $2, updated_at = $3 WHERE id = $4",
                )
                .bind(identity.email.as_str())
                .bind(&identity.display_name)
                .bind(now)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
                user_id
            }
            None => {
                // An empty password hash matches no password: the account
                // signs in through the provider only.
                sqlx::query_scalar(
                    "INSERT INTO users
                        (organization_id, email, display_name, password_hash, created_at,
                         updated_at)
                     VALUES ($1, $2, $3, '', $4, $5)
                     ON CONFLICT (email) DO UPDATE SET
                        display_name = excluded.display_name,
                        updated_at = excluded.updated_at
                     RETURNING id",
                )
                .bind(identity.organization_id)
                .bind(identity.email.as_str())
                .bind(&identity.display_name)
                .bind(now)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let groups = serde_json::to_string(&identity.groups)
            .map_err(|e| StorageError::Corrupt(format!("groups: {e}")))?;
        sqlx::query(
            "INSERT INTO user_identities (issuer, subject, user_id, groups, last_sign_in_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (issuer, subject) DO UPDATE SET
                groups = excluded.groups,
                last_sign_in_at = excluded.last_sign_in_at",
        )
        .bind(&identity.issuer)
        .bind(&identity.subject)
        .bind(user_id)
        .bind(groups)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(user_id)
    }

    async fn groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT groups FROM user_identities WHERE user_id = $1
             ORDER BY last_sign_in_at DESC LIMIT 1",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        match rows.first() {
            Some(json) => serde_json::from_str(json)
                .map_err(|e| StorageError::Corrupt(format!("groups: {e}"))),
            None => Ok(Vec::new()),
        }
    }

    async fn managed_apple_account_claim(&self) -> Result<Option<String>, StorageError> {
        let claim: Option<Option<String>> = sqlx::query_scalar(
            "SELECT oidc_managed_apple_account_claim FROM organizations ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(claim.flatten())
    }

    async fn set_managed_apple_account_claim(
        &self,
        claim: Option<&str>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE organizations SET oidc_managed_apple_account_claim = $1")
            .bind(claim)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
