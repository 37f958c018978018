//! The SQLite backend: one database file, WAL mode, foreign keys on, and the
//! versioned migrations in `crates/portal-server/migrations/` applied at open.
//! Its schema and the PostgreSQL one (`migrations-postgres/`) keep the same
//! tables and columns: a change to one is a migration in both.

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

pub(super) use super::sqlx_common::{from_json, to_json};

use std::path::Path;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::storage::StorageError;

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
            tokio::fs::create_dir_all(folder)
                .await
                .map_err(|e| StorageError::Setup(format!("creating {}: {e}", folder.display())))?;
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
            // A file has no connection to lose: a liveness ping before
            // every query would only add a round trip to the connection's
            // thread.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| StorageError::Setup(format!("migrating the schema: {e}")))?;
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

    /// What SQLite's integrity check finds wrong with the file (every page,
    /// index and constraint); empty when it is sound.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StorageError> {
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().filter(|row| row != "ok").collect())
    }

    /// Waits for open queries and closes the file cleanly.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

impl SqliteStorage {
    /// A transaction that writes: it takes SQLite's write lock at once
    /// (`BEGIN IMMEDIATE`), so a concurrent writer makes it wait (the busy
    /// timeout) instead of failing with "database is locked" when its read
    /// turns into a write.
    async fn write_transaction(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }
}

/// SQLite's result codes the portal tells apart (the primary code, the low
/// byte of the extended one).
const SQLITE_BUSY: i32 = 5;

const SQLITE_LOCKED: i32 = 6;

const SQLITE_NOMEM: i32 = 7;

const SQLITE_IOERR: i32 = 10;

const SQLITE_CORRUPT: i32 = 11;

const SQLITE_FULL: i32 = 13;

const SQLITE_CANTOPEN: i32 = 14;

const SQLITE_NOTADB: i32 = 26;

/// What an error SQLite reported means for the portal (the constraint
/// violations are already told apart by `storage::sqlx_errors`).
pub(super) fn classify(code: Option<&str>, text: String) -> StorageError {
    let primary = code
        .and_then(|code| code.parse::<i32>().ok())
        .map(|code| code & 0xff);
    match primary {
        Some(
            SQLITE_BUSY | SQLITE_LOCKED | SQLITE_NOMEM | SQLITE_IOERR | SQLITE_FULL
            | SQLITE_CANTOPEN,
        ) => StorageError::Unavailable(text),
        Some(SQLITE_CORRUPT | SQLITE_NOTADB) => StorageError::Corrupt(text),
        _ => StorageError::Other(text),
    }
}
