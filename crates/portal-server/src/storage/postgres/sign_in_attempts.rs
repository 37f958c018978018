//! PostgreSQL: [`SignInAttemptStore`].

use async_trait::async_trait;
use sqlx::postgres::PgRow;
use sqlx::Row;

use super::PostgresStorage;
use crate::clock::Timestamp;
use crate::storage::{AttemptCount, RecentAttempts, SignInAttemptStore, StorageError};

#[async_trait]
impl SignInAttemptStore for PostgresStorage {
    async fn reserve_sign_in_attempt(
        &self,
        account: &str,
        client_address: &str,
        since: Timestamp,
        now: Timestamp,
        decide: &(dyn Fn(RecentAttempts) -> Option<std::time::Duration> + Send + Sync),
    ) -> Result<Result<i64, std::time::Duration>, StorageError> {
        let mut tx = self.write_transaction().await?;
        // The table lock (a mode that conflicts with itself, not with plain
        // reads) makes reservations run one at a time across every instance,
        // as SQLite's BEGIN IMMEDIATE does: two attempts never both count
        // the same past. Row locks would not do: what is counted includes
        // rows that do not exist yet. Sign-ins are rare enough to queue.
        sqlx::query("LOCK TABLE sign_in_attempts IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
        let pair = sqlx::query(
            "SELECT COUNT(*) AS count, MAX(attempted_at) AS latest FROM sign_in_attempts
             WHERE account = $1 AND client_address = $2 AND attempted_at > $3",
        )
        .bind(account)
        .bind(client_address)
        .bind(since)
        .fetch_one(&mut *tx)
        .await?;
        let by_account = sqlx::query(
            "SELECT COUNT(*) AS count, MAX(attempted_at) AS latest FROM sign_in_attempts
             WHERE account = $1 AND attempted_at > $2",
        )
        .bind(account)
        .bind(since)
        .fetch_one(&mut *tx)
        .await?;
        let by_address = sqlx::query(
            "SELECT COUNT(*) AS count, MAX(attempted_at) AS latest FROM sign_in_attempts
             WHERE client_address = $1 AND attempted_at > $2",
        )
        .bind(client_address)
        .bind(since)
        .fetch_one(&mut *tx)
        .await?;
        let recent = RecentAttempts {
            pair: attempt_count(&pair)?,
            account: attempt_count(&by_account)?,
            address: attempt_count(&by_address)?,
        };
        if let Some(wait) = decide(recent) {
            // Nothing recorded: dropping the transaction rolls it back.
            return Ok(Err(wait));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_attempts (account, client_address, attempted_at)
             VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(account)
        .bind(client_address)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(id))
    }

    async fn clear_sign_in_attempts(
        &self,
        account: &str,
        client_address: &str,
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_attempts WHERE account = $1 AND client_address = $2")
            .bind(account)
            .bind(client_address)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sign_in_attempts_before(&self, before: Timestamp) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_attempts WHERE attempted_at <= $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn attempt_count(row: &PgRow) -> Result<AttemptCount, StorageError> {
    let count: i64 = row.try_get("count")?;
    Ok(AttemptCount {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        latest: row.try_get("latest")?,
    })
}
