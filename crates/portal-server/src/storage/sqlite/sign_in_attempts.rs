//! SQLite: [`SignInAttemptStore`].

use async_trait::async_trait;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use super::SqliteStorage;
use crate::clock::Timestamp;
use crate::storage::{AttemptCount, RecentAttempts, SignInAttemptStore, StorageError};

#[async_trait]
impl SignInAttemptStore for SqliteStorage {
    async fn reserve_sign_in_attempt(
        &self,
        account: &str,
        client_address: &str,
        since: Timestamp,
        now: Timestamp,
        decide: &(dyn Fn(RecentAttempts) -> Option<std::time::Duration> + Send + Sync),
    ) -> Result<Result<i64, std::time::Duration>, StorageError> {
        // BEGIN IMMEDIATE takes the write lock before reading, so two
        // attempts (even from two servers) cannot both count the same past.
        let mut connection = self.pool.acquire().await?;
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut *connection)
            .await?;
        let outcome = async {
            let count = |filter: &'static str| {
                format!(
                    "SELECT COUNT(*) AS count, MAX(attempted_at) AS latest
                     FROM sign_in_attempts WHERE {filter} AND attempted_at > ?"
                )
            };
            let pair_sql = count("account = ? AND client_address = ?");
            let pair = sqlx::query(&pair_sql)
                .bind(account)
                .bind(client_address)
                .bind(since)
                .fetch_one(&mut *connection)
                .await?;
            let account_sql = count("account = ?");
            let by_account = sqlx::query(&account_sql)
                .bind(account)
                .bind(since)
                .fetch_one(&mut *connection)
                .await?;
            let address_sql = count("client_address = ?");
            let by_address = sqlx::query(&address_sql)
                .bind(client_address)
                .bind(since)
                .fetch_one(&mut *connection)
                .await?;
            let recent = RecentAttempts {
                pair: attempt_count(&pair)?,
                account: attempt_count(&by_account)?,
                address: attempt_count(&by_address)?,
            };
            if let Some(wait) = decide(recent) {
                return Ok::<_, StorageError>(Err(wait));
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO sign_in_attempts (account, client_address, attempted_at)
                 VALUES (?, ?, ?) RETURNING id",
            )
            .bind(account)
            .bind(client_address)
            .bind(now)
            .fetch_one(&mut *connection)
            .await?;
            Ok(Ok(id))
        }
        .await;
        let end = if outcome.is_ok() {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        sqlx::query(end).execute(&mut *connection).await?;
        outcome
    }

    async fn clear_sign_in_attempts(
        &self,
        account: &str,
        client_address: &str,
    ) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_attempts WHERE account = ? AND client_address = ?")
            .bind(account)
            .bind(client_address)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_sign_in_attempts_before(&self, before: Timestamp) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM sign_in_attempts WHERE attempted_at <= ?")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn attempt_count(row: &SqliteRow) -> Result<AttemptCount, StorageError> {
    let count: i64 = row.try_get("count")?;
    Ok(AttemptCount {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        latest: row.try_get("latest")?,
    })
}
