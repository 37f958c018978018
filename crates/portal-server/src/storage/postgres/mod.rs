//! The PostgreSQL backend: one database several portal instances share,
//! with the versioned migrations in `crates/portal-server/migrations-postgres/`
//! applied at connect (sqlx holds an advisory lock while migrating, so two
//! instances starting together do not both migrate). Its tables and columns
//! are SQLite's (`migrations/`), with BIGINT, BOOLEAN and BYTEA for SQLite's
//! INTEGER, 0/1 and BLOB.
//!
//! Where SQLite's code relies on `BEGIN IMMEDIATE` (one writer at a time)
//! for a rule, each method here says what keeps it under concurrency from
//! several instances: a row lock (`SELECT … FOR UPDATE`), a conditional
//! `UPDATE … RETURNING`, or a table lock.

mod account_tokens;
mod audit;
mod commands;
mod devices;
mod enrollment_types;
mod enrollments;
mod groups;
mod identities;
mod identity_provider;
mod notifications;
mod organization;
mod push;
mod sign_in_attempts;
mod users;

use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::PgConnection;

pub(super) use super::sqlx_common::{from_json, to_json};
use crate::storage::{StorageError, UserId};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations-postgres");

/// How long a request waits for a free connection before the storage
/// counts as unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

const MAX_CONNECTIONS: u32 = 16;

/// A connection idle this long is pinged before a request uses it.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

/// The portal's data in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStorage {
    pool: PgPool,
}

impl PostgresStorage {
    /// Connects to the database at `url` (`postgres://user:password@host/db`)
    /// and brings its schema up to date. The database must exist.
    pub async fn connect(url: &str) -> Result<Self, StorageError> {
        let options: PgConnectOptions = url
            .parse()
            .map_err(|e| StorageError::Setup(format!("the database URL: {e}")))?;
        Self::connect_with(options).await
    }

    /// [`PostgresStorage::connect`] with options already parsed.
    pub async fn connect_with(options: PgConnectOptions) -> Result<Self, StorageError> {
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // A ping before every query would double the round trips under
            // load; only a connection that has sat idle may have been cut
            // (a restart, a proxy's timeout) without a query noticing.
            .test_before_acquire(false)
            .before_acquire(|connection, metadata| {
                Box::pin(async move {
                    if metadata.idle_for >= PING_WHEN_IDLE_FOR {
                        sqlx::Connection::ping(connection).await?;
                    }
                    Ok(true)
                })
            })
            .connect_with(options)
            .await?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StorageError::Setup(format!("migrating the schema: {e}")))?;
        Ok(Self { pool })
    }

    /// The connection pool, for what the storage traits do not cover (a
    /// `LISTEN` connection for live updates across instances).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The newest migration applied, e.g. `1` for `0001_initial.sql`.
    pub async fn schema_version(&self) -> Result<Option<i64>, StorageError> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await?;
        Ok(version)
    }

    /// Waits for open queries and closes the connections.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A transaction for a method that reads and then writes. PostgreSQL's
    /// default isolation (read committed) is enough where the method locks
    /// what it reads (`FOR UPDATE`) or writes conditionally; each method
    /// says which.
    async fn write_transaction(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.pool.begin().await
    }
}

/// Locks a user's row until the transaction ends. Methods that replace a
/// user's older records (enrollments, profiles) or count them before adding
/// one take it first, so they run one at a time per user as they do under
/// SQLite's single writer, while other users' requests go on.
async fn lock_user(connection: &mut PgConnection, user_id: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .execute(connection)
        .await?;
    Ok(())
}

/// What an error PostgreSQL reported means for the portal, by its SQLSTATE
/// (the constraint violations are already told apart by
/// `storage::sqlx_common`).
pub(super) fn classify(code: Option<&str>, text: String) -> StorageError {
    let Some(code) = code else {
        return StorageError::Other(text);
    };
    match code {
        // Connection exceptions; insufficient resources (disk full, out of
        // memory, too many connections); the server shutting down or not
        // accepting connections yet; a statement cancelled (a timeout); a
        // lock not available; a serialization failure or deadlock.
        _ if code.starts_with("08") || code.starts_with("53") => StorageError::Unavailable(text),
        "57P01" | "57P02" | "57P03" | "57014" | "55P03" | "40001" | "40P01" => {
            StorageError::Unavailable(text)
        }
        // Data or an index found corrupted.
        "XX001" | "XX002" => StorageError::Corrupt(text),
        _ => StorageError::Other(text),
    }
}
