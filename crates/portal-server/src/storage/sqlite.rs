//! The SQLite backend: one database file, WAL mode, foreign keys on, and the
//! versioned migrations in `crates/portal-server/migrations/` applied at open.

use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use portal_api::{
    CommandFailure, ComplianceState, DeviceId, DeviceKind, DeviceSummary, EmailAddress,
    EnrollmentId, EnrollmentProblem, EnrollmentProfileType, Notification, Organization, OsVersion,
    PrivacyMessages, SupportContact, VersionRange,
};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::Row;

use super::{
    action_from_db, action_to_db, command_failure_reason_from_db, command_failure_reason_to_db,
    compliance_from_db, compliance_to_db, device_kind_from_db, device_kind_to_db,
    enrollment_state_from_db, enrollment_state_to_db, enrollment_type_from_db,
    enrollment_type_to_db, notification_kind_from_db, notification_kind_to_db, ownership_from_db,
    ownership_to_db, problem_code_from_db, problem_code_to_db, AccountTokenHash,
    AccountTokenRecord, AttemptCount, AuditEvent, AuditOutcome, CertificateFingerprint,
    ChallengedProfile, CommandRecord, CommandState, DeviceFacts, DeviceIdentityRecord,
    DevicePushState, DeviceRecord, DeviceSettings, EnrollmentRecord, EnrollmentSettings,
    EnrollmentTypeProfile, LocalGroup, NewCommand, NewDevice, NewNotification, OidcSettings,
    OrganizationId, OrganizationRecord, OrganizationSettings, PendingSignIn, ProfileRecord,
    ProfileState, ProfileTokenHash, ProviderIdentity, PushProblem, PushTarget, QueueOutcome,
    RecentAttempts, ReportedFacts, ScepChallengeHash, SessionRecord, SessionTokenHash,
    SignInSettings, StorageError, UserId, UserRecord, UserToSave,
};
use super::{
    AccountTokenStore, AuditStore, CommandStore, DeviceStore, EnrollmentStore, EnrollmentTypeStore,
    GroupStore, IdentityProviderStore, IdentityStore, NotificationStore, OrganizationStore,
    ProfileStore, PushStore, SessionStore, SignInAttemptStore, UserStore,
};
use crate::clock::Timestamp;
use crate::compliance::CompliancePolicy;

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

/// sqlx's errors as the backend-neutral [`StorageError`]: this is the only
/// place that knows them.
impl From<sqlx::Error> for StorageError {
    fn from(error: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        let text = error.to_string();
        match &error {
            sqlx::Error::Database(database) => {
                match database.kind() {
                    ErrorKind::UniqueViolation
                    | ErrorKind::ForeignKeyViolation
                    | ErrorKind::NotNullViolation
                    | ErrorKind::CheckViolation => return StorageError::Conflict(text),
                    _ => {}
                }
                let primary = database
                    .code()
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
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StorageError::Unavailable(text),
            sqlx::Error::ColumnDecode { .. }
            | sqlx::Error::Decode(_)
            | sqlx::Error::ColumnNotFound(_)
            | sqlx::Error::ColumnIndexOutOfBounds { .. }
            | sqlx::Error::TypeNotFound { .. } => StorageError::Corrupt(text),
            _ => StorageError::Other(text),
        }
    }
}

#[async_trait]
impl UserStore for SqliteStorage {
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

    async fn email_of_user(&self, user_id: UserId) -> Result<Option<EmailAddress>, StorageError> {
        let email: Option<String> = sqlx::query_scalar("SELECT email FROM users WHERE id = ?")
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
            sqlx::query_scalar("SELECT managed_apple_account FROM users WHERE id = ?")
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
        sqlx::query("UPDATE users SET managed_apple_account = ? WHERE id = ?")
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
             WHERE managed_apple_account = ?1
                OR (managed_apple_account IS NULL AND email = ?1)
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
impl SessionStore for SqliteStorage {
    async fn create_session(
        &self,
        token_hash: &SessionTokenHash,
        user_id: UserId,
        identity_issuer: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, identity_issuer, created_at, last_seen_at)
             VALUES (?, ?, ?, ?, ?)",
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
}

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

#[async_trait]
impl IdentityProviderStore for SqliteStorage {
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
             SET oidc_issuer = ?, oidc_client_id = ?, oidc_client_secret = ?,
                 oidc_groups_claim = ?, local_accounts = ?, updated_at = ?
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
             VALUES (?, ?, ?, ?, ?, ?)",
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
            "DELETE FROM pending_sign_ins WHERE state = ?
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
        sqlx::query("DELETE FROM pending_sign_ins WHERE created_at <= ?")
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
            "SELECT user_id FROM user_identities WHERE issuer = ? AND subject = ?",
        )
        .bind(&identity.issuer)
        .bind(&identity.subject)
        .fetch_optional(&mut *tx)
        .await?;
        let user_id = match known {
            Some(user_id) => {
                sqlx::query(
                    "UPDATE users SET email = ?, display_name = ?, updated_at = ? WHERE id = ?",
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
                     VALUES (?, ?, ?, '', ?, ?)
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
             VALUES (?, ?, ?, ?, ?)
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
            "SELECT groups FROM user_identities WHERE user_id = ?
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
        sqlx::query("UPDATE organizations SET oidc_managed_apple_account_claim = ?")
            .bind(claim)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl OrganizationStore for SqliteStorage {
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
                     SET name = ?, support_name = ?, support_phone = ?, support_email = ?,
                         support_website = ?, privacy_statement_url = ?,
                         privacy_message_personal = ?, privacy_message_corporate = ?,
                         managed_web_clip = ?, updated_at = ?
                     WHERE id = ?",
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
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
             WHERE users.id = ?",
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
             FROM organizations WHERE id = ?",
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
             SET ownership_choice = ?, default_ownership = ?, min_os_version = ?,
                 max_os_version = ?, allowed_devices = ?, device_limit = ?,
                 install_window_seconds = ?, legacy_user_enrollment = ?, updated_at = ?
             WHERE id = ?",
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
             SET compliance_min_os_version = ?, compliance_passcode_required = ?,
                 compliance_max_days_since_check_in = ?, compliance_grace_period_days = ?,
                 check_status_timeout_seconds = ?, remove_timeout_seconds = ?, updated_at = ?
             WHERE id = ?",
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

#[async_trait]
impl GroupStore for SqliteStorage {
    async fn save_local_group(
        &self,
        organization_id: OrganizationId,
        name: &str,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO user_groups (organization_id, name, created_at) VALUES (?, ?, ?)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(organization_id)
        .bind(name)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn add_local_group_member(
        &self,
        group: &str,
        user_id: UserId,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "INSERT INTO user_group_members (group_id, user_id)
             SELECT id, ? FROM user_groups WHERE name = ?
             ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(group)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() > 0 {
            return Ok(true);
        }
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM user_groups WHERE name = ?")
            .bind(group)
            .fetch_optional(&self.pool)
            .await?;
        Ok(exists.is_some())
    }

    async fn remove_local_group_member(
        &self,
        group: &str,
        user_id: UserId,
    ) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "DELETE FROM user_group_members
             WHERE user_id = ? AND group_id = (SELECT id FROM user_groups WHERE name = ?)",
        )
        .bind(user_id)
        .bind(group)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn local_groups(&self) -> Result<Vec<LocalGroup>, StorageError> {
        let rows = sqlx::query(
            "SELECT g.name, u.email FROM user_groups g
             LEFT JOIN user_group_members m ON m.group_id = g.id
             LEFT JOIN users u ON u.id = m.user_id
             ORDER BY g.name, u.email",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut groups: Vec<LocalGroup> = Vec::new();
        for row in rows {
            let name: String = row.try_get("name")?;
            let email: Option<String> = row.try_get("email")?;
            if groups.last().is_none_or(|last| last.name != name) {
                groups.push(LocalGroup {
                    name,
                    members: Vec::new(),
                });
            }
            if let (Some(email), Some(group)) = (email, groups.last_mut()) {
                let email = EmailAddress::parse(&email)
                    .map_err(|e| StorageError::Corrupt(format!("member email: {e}")))?;
                group.members.push(email);
            }
        }
        Ok(groups)
    }

    async fn local_groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT g.name FROM user_groups g
             JOIN user_group_members m ON m.group_id = g.id
             WHERE m.user_id = ? ORDER BY g.name",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }
}

#[async_trait]
impl EnrollmentTypeStore for SqliteStorage {
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
             VALUES (?, ?, ?, ?, ?, ?, ?)
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
        sqlx::query("DELETE FROM enrollment_type_profile_groups WHERE profile_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for group in &profile.groups {
            sqlx::query(
                "INSERT INTO enrollment_type_profile_groups (profile_id, group_name) VALUES (?, ?)
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
        let done = sqlx::query("DELETE FROM enrollment_type_profiles WHERE name = ?")
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

#[async_trait]
impl EnrollmentStore for SqliteStorage {
    async fn create_enrollment(
        &self,
        enrollment: &EnrollmentRecord,
    ) -> Result<Vec<EnrollmentId>, StorageError> {
        let mut tx = self.write_transaction().await?;
        let replaced: Vec<String> = sqlx::query_scalar(
            "UPDATE enrollments SET state = 'replaced', updated_at = ?
             WHERE user_id = ? AND state IN ('created', 'downloaded', 'authenticated')
             RETURNING id",
        )
        .bind(enrollment.created_at)
        .bind(enrollment.user_id)
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO enrollments
                (id, user_id, state, ownership, enrollment_type, device_kind,
                 reported_os_version, created_at, updated_at, downloaded_at,
                 install_deadline_at, problem_code, problem_message, problem_details, device_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&enrollment.id.0)
        .bind(enrollment.user_id)
        .bind(enrollment_state_to_db(enrollment.state))
        .bind(ownership_to_db(enrollment.ownership))
        .bind(enrollment_type_to_db(enrollment.enrollment_type))
        .bind(device_kind_to_db(enrollment.device))
        .bind(&enrollment.reported_os_version)
        .bind(enrollment.created_at)
        .bind(enrollment.updated_at)
        .bind(enrollment.downloaded_at)
        .bind(enrollment.install_deadline_at)
        .bind(
            enrollment
                .problem
                .as_ref()
                .map(|p| problem_code_to_db(p.code)),
        )
        .bind(enrollment.problem.as_ref().map(|p| p.message.as_str()))
        .bind(problem_details_to_db(enrollment.problem.as_ref())?)
        .bind(enrollment.device_id.as_ref().map(|id| id.0.as_str()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(replaced.into_iter().map(EnrollmentId).collect())
    }

    async fn enrollment(
        &self,
        id: &EnrollmentId,
    ) -> Result<Option<EnrollmentRecord>, StorageError> {
        let row = sqlx::query(&format!("{SELECT_ENROLLMENT} WHERE id = ?"))
            .bind(&id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| enrollment_from_row(&row)).transpose()
    }

    async fn latest_enrollment_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Option<EnrollmentRecord>, StorageError> {
        let row = sqlx::query(&format!(
            "{SELECT_ENROLLMENT} WHERE user_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1"
        ))
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| enrollment_from_row(&row)).transpose()
    }

    async fn update_enrollment(&self, enrollment: &EnrollmentRecord) -> Result<(), StorageError> {
        let facts = enrollment.device_facts.as_ref();
        sqlx::query(
            "UPDATE enrollments
             SET state = ?, updated_at = ?, downloaded_at = ?, install_deadline_at = ?,
                 problem_code = ?, problem_message = ?, problem_details = ?, device_id = ?,
                 device_udid = ?,
                 device_serial = ?, device_name = ?, device_model = ?, device_os_version = ?
             WHERE id = ?",
        )
        .bind(enrollment_state_to_db(enrollment.state))
        .bind(enrollment.updated_at)
        .bind(enrollment.downloaded_at)
        .bind(enrollment.install_deadline_at)
        .bind(
            enrollment
                .problem
                .as_ref()
                .map(|p| problem_code_to_db(p.code)),
        )
        .bind(enrollment.problem.as_ref().map(|p| p.message.as_str()))
        .bind(problem_details_to_db(enrollment.problem.as_ref())?)
        .bind(enrollment.device_id.as_ref().map(|id| id.0.as_str()))
        .bind(facts.map(|f| f.udid.as_str()))
        .bind(facts.and_then(|f| f.serial_number.as_deref()))
        .bind(facts.and_then(|f| f.device_name.as_deref()))
        .bind(facts.and_then(|f| f.model.as_deref()))
        .bind(facts.and_then(|f| f.os_version.as_deref()))
        .bind(&enrollment.id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn expire_enrollment_if_due(
        &self,
        id: &EnrollmentId,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE enrollments SET state = 'expired', updated_at = install_deadline_at
             WHERE id = ? AND state = 'downloaded' AND install_deadline_at <= ?",
        )
        .bind(&id.0)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    async fn enrollment_of_device(
        &self,
        id: &DeviceId,
    ) -> Result<Option<EnrollmentId>, StorageError> {
        let found: Option<Option<String>> =
            sqlx::query_scalar("SELECT enrollment_id FROM devices WHERE id = ?")
                .bind(&id.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.flatten().map(EnrollmentId))
    }

    async fn set_authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
        identity: &CertificateFingerprint,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE enrollments SET authenticated_identity = ? WHERE id = ?")
            .bind(&identity.0[..])
            .bind(&enrollment_id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn authenticated_identity(
        &self,
        enrollment_id: &EnrollmentId,
    ) -> Result<Option<CertificateFingerprint>, StorageError> {
        let stored: Option<Option<Vec<u8>>> =
            sqlx::query_scalar("SELECT authenticated_identity FROM enrollments WHERE id = ?")
                .bind(&enrollment_id.0)
                .fetch_optional(&self.pool)
                .await?;
        stored
            .flatten()
            .map(|bytes| {
                <[u8; 32]>::try_from(bytes.as_slice())
                    .map(CertificateFingerprint)
                    .map_err(|_| StorageError::Corrupt("enrollments.authenticated_identity".into()))
            })
            .transpose()
    }
}

#[async_trait]
impl ProfileStore for SqliteStorage {
    async fn issue_profile(
        &self,
        enrollment_id: &EnrollmentId,
        token_hash: &ProfileTokenHash,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let mut tx = self.write_transaction().await?;
        sqlx::query(
            "UPDATE enrollment_profiles
             SET state = 'replaced', scep_challenge_hash = NULL
             WHERE state IN ('issued', 'downloaded')
               AND enrollment_id IN (
                   SELECT id FROM enrollments
                   WHERE user_id = (SELECT user_id FROM enrollments WHERE id = ?))",
        )
        .bind(&enrollment_id.0)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO enrollment_profiles (token_hash, enrollment_id, issued_at, state)
             VALUES (?, ?, ?, 'issued')",
        )
        .bind(&token_hash.0[..])
        .bind(&enrollment_id.0)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn profile_by_token(
        &self,
        token_hash: &ProfileTokenHash,
    ) -> Result<Option<ProfileRecord>, StorageError> {
        let row = sqlx::query(&format!(
            "{SELECT_PROFILE} WHERE enrollment_profiles.token_hash = ?"
        ))
        .bind(&token_hash.0[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| profile_from_row(&row)).transpose()
    }

    async fn profile_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<ProfileRecord>, StorageError> {
        let row = sqlx::query(&format!(
            "{SELECT_PROFILE} WHERE enrollment_profiles.identity_fingerprint = ?"
        ))
        .bind(&identity.0[..])
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| profile_from_row(&row)).transpose()
    }

    async fn record_profile_download(
        &self,
        token_hash: &ProfileTokenHash,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
        install_deadline_at: Timestamp,
    ) -> Result<bool, StorageError> {
        let mut tx = self.write_transaction().await?;
        let enrollment_id: Option<String> = sqlx::query_scalar(
            "UPDATE enrollment_profiles
             SET state = 'downloaded', downloaded_at = ?, scep_challenge_hash = ?,
                 scep_challenge_expires_at = ?
             WHERE token_hash = ? AND state = 'issued'
             RETURNING enrollment_id",
        )
        .bind(now)
        .bind(&challenge_hash.0[..])
        .bind(install_deadline_at)
        .bind(&token_hash.0[..])
        .fetch_optional(&mut *tx)
        .await?;
        let Some(enrollment_id) = enrollment_id else {
            return Ok(false);
        };
        sqlx::query(
            "UPDATE enrollments
             SET state = 'downloaded', downloaded_at = ?, install_deadline_at = ?,
                 problem_code = NULL, problem_message = NULL, problem_details = NULL,
                 updated_at = ?
             WHERE id = ?",
        )
        .bind(now)
        .bind(install_deadline_at)
        .bind(now)
        .bind(&enrollment_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn mark_profile_used(&self, profile_id: i64) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE enrollment_profiles SET state = 'used'
             WHERE id = ? AND state = 'downloaded'",
        )
        .bind(profile_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

#[async_trait]
impl IdentityStore for SqliteStorage {
    async fn use_scep_challenge(
        &self,
        challenge_hash: &ScepChallengeHash,
        now: Timestamp,
    ) -> Result<Option<ChallengedProfile>, StorageError> {
        // One UPDATE: two requests with the same challenge cannot both get it.
        let row = sqlx::query(
            "UPDATE enrollment_profiles SET scep_challenge_hash = NULL
             WHERE scep_challenge_hash = ? AND state = 'downloaded'
               AND scep_challenge_expires_at > ?
             RETURNING id, enrollment_id,
                 (SELECT user_id FROM enrollments
                  WHERE enrollments.id = enrollment_profiles.enrollment_id) AS user_id",
        )
        .bind(&challenge_hash.0[..])
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| -> Result<ChallengedProfile, StorageError> {
            Ok(ChallengedProfile {
                profile_id: row.try_get("id")?,
                enrollment_id: EnrollmentId(row.try_get("enrollment_id")?),
                user_id: row.try_get("user_id")?,
            })
        })
        .transpose()
    }

    async fn record_identity_issued(
        &self,
        profile_id: i64,
        identity: &CertificateFingerprint,
        issued_at: Timestamp,
        not_after: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE enrollment_profiles
             SET identity_fingerprint = ?, identity_issued_at = ?, identity_not_after = ?
             WHERE id = ?",
        )
        .bind(&identity.0[..])
        .bind(issued_at)
        .bind(not_after)
        .bind(profile_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn revoke_identity(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE enrollment_profiles SET identity_revoked_at = ?
             WHERE identity_fingerprint = ? AND identity_revoked_at IS NULL",
        )
        .bind(now)
        .bind(&identity.0[..])
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    async fn identity_revoked_at(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<Timestamp>, StorageError> {
        let revoked: Option<Option<Timestamp>> = sqlx::query_scalar(
            "SELECT identity_revoked_at FROM enrollment_profiles WHERE identity_fingerprint = ?",
        )
        .bind(&identity.0[..])
        .fetch_optional(&self.pool)
        .await?;
        Ok(revoked.flatten())
    }
}

#[async_trait]
impl AccountTokenStore for SqliteStorage {
    async fn save_account_token(&self, token: &AccountTokenRecord) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO account_enrollment_tokens
                (token_hash, user_id, enrollment_id, mode, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?)",
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
             FROM account_enrollment_tokens WHERE token_hash = ?",
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
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM account_enrollment_tokens WHERE enrollment_id = ? LIMIT 1",
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
        sqlx::query("UPDATE account_enrollment_tokens SET enrollment_id = ? WHERE token_hash = ?")
            .bind(&enrollment_id.0)
            .bind(&token_hash.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl DeviceStore for SqliteStorage {
    async fn device_count_of_user(&self, user_id: UserId) -> Result<u32, StorageError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM devices WHERE user_id = ?")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn device_count_with_topic(&self, topic: &str) -> Result<u32, StorageError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM devices WHERE mdm_topic = ?")
            .bind(topic)
            .fetch_one(&self.pool)
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn enroll_device(
        &self,
        device: &NewDevice,
        now: Timestamp,
    ) -> Result<(DeviceId, bool), StorageError> {
        let mut tx = self.write_transaction().await?;
        let existing: Option<String> =
            sqlx::query_scalar("SELECT id FROM devices WHERE enrollment_id = ?")
                .bind(&device.enrollment_id.0)
                .fetch_optional(&mut *tx)
                .await?;
        let (id, created) = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE devices
                     SET push_token = ?, push_magic = ?, mdm_topic = ?, last_check_in_at = ?,
                         push_token_invalid_since = NULL
                     WHERE id = ?",
                )
                .bind(&device.push_token)
                .bind(&device.push_magic)
                .bind(&device.mdm_topic)
                .bind(now)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
                (id, false)
            }
            None => {
                let summary = &device.summary;
                sqlx::query(
                    "INSERT INTO devices
                        (id, user_id, display_name, model, os_version, enrollment_type,
                         ownership, compliance, last_check_in_at, enrolled_at, udid,
                         serial_number, push_token, push_magic, mdm_topic,
                         identity_fingerprint, enrollment_id)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(&summary.id.0)
                .bind(device.user_id)
                .bind(&summary.display_name)
                .bind(&summary.model)
                .bind(&summary.os_version)
                .bind(enrollment_type_to_db(summary.enrollment_type))
                .bind(ownership_to_db(summary.ownership))
                .bind(compliance_to_db(summary.compliance))
                .bind(summary.last_check_in_at)
                .bind(now)
                .bind(&device.udid)
                .bind(&device.serial_number)
                .bind(&device.push_token)
                .bind(&device.push_magic)
                .bind(&device.mdm_topic)
                .bind(&device.identity.0[..])
                .bind(&device.enrollment_id.0)
                .execute(&mut *tx)
                .await?;
                (summary.id.0.clone(), true)
            }
        };
        sqlx::query(
            "UPDATE enrollments
             SET state = 'enrolled', device_id = ?, problem_code = NULL,
                 problem_message = NULL, problem_details = NULL, updated_at = ?
             WHERE id = ?",
        )
        .bind(&id)
        .bind(now)
        .bind(&device.enrollment_id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((DeviceId(id), created))
    }

    async fn device_by_identity(
        &self,
        identity: &CertificateFingerprint,
    ) -> Result<Option<DeviceIdentityRecord>, StorageError> {
        let row = sqlx::query("SELECT id, user_id FROM devices WHERE identity_fingerprint = ?")
            .bind(&identity.0[..])
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| {
            Ok(DeviceIdentityRecord {
                id: DeviceId(row.try_get("id")?),
                user_id: row.try_get("user_id")?,
            })
        })
        .transpose()
    }

    async fn touch_device_check_in(
        &self,
        identity: &CertificateFingerprint,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET last_check_in_at = ? WHERE identity_fingerprint = ?")
            .bind(now)
            .bind(&identity.0[..])
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn device_records_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<DeviceRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "{SELECT_DEVICE} WHERE user_id = ? ORDER BY display_name COLLATE NOCASE, id"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(device_record_from_row).collect()
    }

    async fn device_of_user(
        &self,
        user_id: UserId,
        id: &DeviceId,
    ) -> Result<Option<DeviceRecord>, StorageError> {
        let row = sqlx::query(&format!("{SELECT_DEVICE} WHERE id = ? AND user_id = ?"))
            .bind(&id.0)
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| device_record_from_row(&row)).transpose()
    }

    async fn device_record(&self, id: &DeviceId) -> Result<Option<DeviceRecord>, StorageError> {
        let row = sqlx::query(&format!("{SELECT_DEVICE} WHERE id = ?"))
            .bind(&id.0)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| device_record_from_row(&row)).transpose()
    }

    async fn rename_device(
        &self,
        user_id: UserId,
        id: &DeviceId,
        display_name: &str,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let result = sqlx::query(
            "UPDATE devices SET display_name = ?, renamed_at = ? WHERE id = ? AND user_id = ?",
        )
        .bind(display_name)
        .bind(now)
        .bind(&id.0)
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() > 0)
    }

    async fn save_device_facts(
        &self,
        id: &DeviceId,
        facts: &ReportedFacts,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE devices
             SET display_name = CASE WHEN renamed_at IS NULL
                                     THEN COALESCE(?, display_name)
                                     ELSE display_name END,
                 os_version = COALESCE(?, os_version),
                 build_version = COALESCE(?, build_version),
                 model = COALESCE(?, model),
                 serial_number = COALESCE(?, serial_number),
                 passcode_present = COALESCE(?, passcode_present)
             WHERE id = ?",
        )
        .bind(&facts.device_name)
        .bind(&facts.os_version)
        .bind(&facts.build_version)
        .bind(&facts.model)
        .bind(&facts.serial_number)
        .bind(facts.passcode_present)
        .bind(&id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn mark_facts_reported(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET facts_reported_at = ? WHERE id = ?")
            .bind(at)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn save_compliance(
        &self,
        id: &DeviceId,
        state: ComplianceState,
        non_compliant_since: Option<Timestamp>,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET compliance = ?, non_compliant_since = ? WHERE id = ?")
            .bind(compliance_to_db(state))
            .bind(non_compliant_since)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn remove_device(&self, id: &DeviceId, now: Timestamp) -> Result<bool, StorageError> {
        let mut tx = self.write_transaction().await?;
        // Its identity goes first (it is found through the device): one
        // TokenUpdate with it must not bring the device back.
        sqlx::query(
            "UPDATE enrollment_profiles SET identity_revoked_at = ?
             WHERE identity_revoked_at IS NULL
               AND identity_fingerprint = (SELECT identity_fingerprint FROM devices WHERE id = ?)",
        )
        .bind(now)
        .bind(&id.0)
        .execute(&mut *tx)
        .await?;
        // Its commands go with it (ON DELETE CASCADE); its enrollment keeps
        // the history with device_id set to NULL.
        let result = sqlx::query("DELETE FROM devices WHERE id = ?")
            .bind(&id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(result.rows_affected() > 0)
    }
}

#[async_trait]
impl CommandStore for SqliteStorage {
    async fn queue_commands(
        &self,
        user_id: UserId,
        id: &DeviceId,
        commands: &[NewCommand],
        now: Timestamp,
    ) -> Result<QueueOutcome, StorageError> {
        let mut tx = self.write_transaction().await?;
        let owned: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM devices WHERE id = ? AND user_id = ?")
                .bind(&id.0)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?;
        if owned.is_none() {
            return Ok(QueueOutcome::NotFound);
        }
        for action in commands.iter().filter_map(|command| command.action) {
            let pending: Option<i64> = sqlx::query_scalar(
                "SELECT 1 FROM mdm_commands
                 WHERE device_id = ? AND action = ? AND state IN ('queued', 'sent')",
            )
            .bind(&id.0)
            .bind(action_to_db(action))
            .fetch_optional(&mut *tx)
            .await?;
            if pending.is_some() {
                return Ok(QueueOutcome::AlreadyPending);
            }
        }
        for command in commands {
            // The partial unique index refuses a second pending command of
            // the same action even if two requests race past the check
            // above; then nothing of this request is kept (no commit).
            let inserted = sqlx::query(
                "INSERT INTO mdm_commands
                    (command_uuid, device_id, request_type, payload, state, action,
                     created_at, gives_up_at, request_id)
                 VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)
                 ON CONFLICT DO NOTHING",
            )
            .bind(&command.command_uuid)
            .bind(&id.0)
            .bind(&command.request_type)
            .bind(&command.payload)
            .bind(command.action.map(action_to_db))
            .bind(now)
            .bind(command.gives_up_at)
            .bind(&command.request_id)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() == 0 {
                return Ok(QueueOutcome::AlreadyPending);
            }
        }
        tx.commit().await?;
        Ok(QueueOutcome::Queued)
    }

    async fn latest_action_commands(
        &self,
        id: &DeviceId,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMAND_COLUMNS} FROM mdm_commands
             WHERE device_id = ? AND action IS NOT NULL
               AND COALESCE(request_id, command_uuid) = (
                   SELECT COALESCE(newer.request_id, newer.command_uuid)
                   FROM mdm_commands AS newer
                   WHERE newer.device_id = mdm_commands.device_id
                     AND newer.action = mdm_commands.action
                   ORDER BY newer.created_at DESC, newer.rowid DESC LIMIT 1)
             ORDER BY created_at, rowid"
        ))
        .bind(&id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }

    async fn commands_of_request(
        &self,
        id: &DeviceId,
        request_id: &str,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "SELECT {COMMAND_COLUMNS} FROM mdm_commands
             WHERE device_id = ? AND COALESCE(request_id, command_uuid) = ?
             ORDER BY created_at, rowid"
        ))
        .bind(&id.0)
        .bind(request_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }

    async fn commands_of_device(&self, id: &DeviceId) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "{SELECT_COMMAND} WHERE device_id = ? ORDER BY created_at, rowid"
        ))
        .bind(&id.0)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }

    async fn send_next_command(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError> {
        // A `sent` command is offered again too: a device that polls `Idle`
        // is not working on anything, so a sent command it never answered
        // (the connection dropped) was lost and must be resent.
        // A user's action goes before the portal's own commands (the web
        // clip), so one the device keeps postponing with NotNow never holds
        // back a remote lock.
        let row = sqlx::query(&format!(
            "UPDATE mdm_commands SET state = 'sent', sent_at = ?
             WHERE command_uuid = (
                 SELECT command_uuid FROM mdm_commands
                 WHERE device_id = ? AND state IN ('queued', 'sent')
                   AND (gives_up_at IS NULL OR gives_up_at > ?)
                 ORDER BY action IS NULL, created_at, rowid LIMIT 1)
             RETURNING {COMMAND_COLUMNS}"
        ))
        .bind(now)
        .bind(&id.0)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| command_from_row(&row)).transpose()
    }

    async fn record_command_result(
        &self,
        id: &DeviceId,
        command_uuid: &str,
        state: CommandState,
        failure: Option<&CommandFailure>,
        now: Timestamp,
    ) -> Result<Option<CommandRecord>, StorageError> {
        // NotNow puts the command back in the queue unanswered.
        let answered_at = (state != CommandState::Queued).then_some(now);
        let row = sqlx::query(&format!(
            "UPDATE mdm_commands SET state = ?, answered_at = ?, error_reason = ?, error_text = ?
             WHERE device_id = ? AND command_uuid = ? AND state IN ('queued', 'sent')
             RETURNING {COMMAND_COLUMNS}"
        ))
        .bind(state.as_str())
        .bind(answered_at)
        .bind(failure.map(|f| command_failure_reason_to_db(f.reason)))
        .bind(failure.and_then(|f| f.device_says.as_deref()))
        .bind(&id.0)
        .bind(command_uuid)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| command_from_row(&row)).transpose()
    }

    async fn expire_due_commands(
        &self,
        id: &DeviceId,
        now: Timestamp,
    ) -> Result<Vec<CommandRecord>, StorageError> {
        let rows = sqlx::query(&format!(
            "UPDATE mdm_commands SET state = 'expired', answered_at = gives_up_at
             WHERE device_id = ? AND state IN ('queued', 'sent')
               AND gives_up_at IS NOT NULL AND gives_up_at <= ?
             RETURNING {COMMAND_COLUMNS}"
        ))
        .bind(&id.0)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(command_from_row).collect()
    }
}

#[async_trait]
impl NotificationStore for SqliteStorage {
    async fn add_notification(&self, notification: &NewNotification) -> Result<i64, StorageError> {
        let id = sqlx::query_scalar(
            "INSERT INTO notifications
                (user_id, device_id, device_name, kind, message, details, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(notification.user_id)
        .bind(&notification.device_id.0)
        .bind(&notification.device_name)
        .bind(notification_kind_to_db(notification.kind))
        .bind(&notification.message)
        .bind(to_json("notifications.details", &notification.details)?)
        .bind(notification.created_at)
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn notifications_of_user(
        &self,
        user_id: UserId,
    ) -> Result<Vec<Notification>, StorageError> {
        let rows = sqlx::query(
            "SELECT id, kind, device_name, device_id, message, details, created_at
             FROM notifications WHERE user_id = ?
             ORDER BY created_at DESC, id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let kind: String = row.try_get("kind")?;
                let details: Option<String> = row.try_get("details")?;
                Ok(Notification {
                    id: row.try_get("id")?,
                    kind: notification_kind_from_db(&kind),
                    device_name: row.try_get("device_name")?,
                    device_id: DeviceId(row.try_get("device_id")?),
                    message: row.try_get("message")?,
                    details: details
                        .map(|json| from_json("notifications.details", &json))
                        .transpose()?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl AuditStore for SqliteStorage {
    async fn add_audit_event(&self, event: &AuditEvent) -> Result<(), StorageError> {
        sqlx::query(
            "INSERT INTO audit_events (user_id, action, device_id, occurred_at, outcome)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(event.user_id)
        .bind(action_to_db(event.action))
        .bind(&event.device_id.0)
        .bind(event.occurred_at)
        .bind(event.outcome.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn audit_events_of_user(&self, user_id: UserId) -> Result<Vec<AuditEvent>, StorageError> {
        let rows = sqlx::query(
            "SELECT user_id, action, device_id, occurred_at, outcome
             FROM audit_events WHERE user_id = ? ORDER BY occurred_at, id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let action: String = row.try_get("action")?;
                let outcome: String = row.try_get("outcome")?;
                Ok(AuditEvent {
                    user_id: row.try_get("user_id")?,
                    action: action_from_db(&action)?,
                    device_id: DeviceId(row.try_get("device_id")?),
                    occurred_at: row.try_get("occurred_at")?,
                    outcome: AuditOutcome::from_db(&outcome)?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl PushStore for SqliteStorage {
    async fn push_target(&self, id: &DeviceId) -> Result<Option<PushTarget>, StorageError> {
        let row = sqlx::query(
            "SELECT push_token, push_magic, mdm_topic, push_token_invalid_since
             FROM devices WHERE id = ?",
        )
        .bind(&id.0)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let token: Option<Vec<u8>> = row.try_get("push_token")?;
        let push_magic: Option<String> = row.try_get("push_magic")?;
        Ok(match (token, push_magic) {
            (Some(token), Some(push_magic)) => Some(PushTarget {
                token,
                push_magic,
                topic: row.try_get("mdm_topic")?,
                token_invalid_since: row.try_get("push_token_invalid_since")?,
            }),
            _ => None,
        })
    }

    async fn record_push_delivered(
        &self,
        id: &DeviceId,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET last_push_at = ? WHERE id = ?")
            .bind(at)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn record_push_failure(&self, id: &DeviceId, at: Timestamp) -> Result<(), StorageError> {
        sqlx::query("UPDATE devices SET last_push_failure_at = ? WHERE id = ?")
            .bind(at)
            .bind(&id.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn mark_push_token_invalid(
        &self,
        id: &DeviceId,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE devices SET push_token_invalid_since = COALESCE(push_token_invalid_since, ?)
             WHERE id = ?",
        )
        .bind(at)
        .bind(&id.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn device_push_state(
        &self,
        id: &DeviceId,
    ) -> Result<Option<DevicePushState>, StorageError> {
        let row = sqlx::query(
            "SELECT push_token_invalid_since, last_push_at, last_push_failure_at
             FROM devices WHERE id = ?",
        )
        .bind(&id.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(DevicePushState {
                token_invalid_since: row.try_get("push_token_invalid_since")?,
                last_push_at: row.try_get("last_push_at")?,
                last_push_failure_at: row.try_get("last_push_failure_at")?,
            })
        })
        .transpose()
    }

    async fn set_push_problem(
        &self,
        problem: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE organizations
             SET push_problem_since = CASE
                     WHEN ? IS NULL THEN NULL
                     WHEN push_problem IS ? THEN push_problem_since
                     ELSE ? END,
                 push_problem = ?",
        )
        .bind(problem)
        .bind(problem)
        .bind(at)
        .bind(problem)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn push_problem(&self) -> Result<Option<PushProblem>, StorageError> {
        let row = sqlx::query(
            "SELECT push_problem, push_problem_since FROM organizations
             WHERE push_problem IS NOT NULL ORDER BY id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(PushProblem {
                message: row.try_get("push_problem")?,
                since: row
                    .try_get::<Option<Timestamp>, _>("push_problem_since")?
                    .unwrap_or_default(),
            })
        })
        .transpose()
    }
}

const SELECT_DEVICE: &str = "SELECT id, user_id, display_name, model, os_version,
        enrollment_type, ownership, compliance, last_check_in_at, enrolled_at, serial_number,
        passcode_present, build_version, facts_reported_at, non_compliant_since
     FROM devices";

const COMMAND_COLUMNS: &str = "command_uuid, device_id, request_type, payload, state, action,
        created_at, sent_at, answered_at, error_reason, error_text, gives_up_at,
        COALESCE(request_id, command_uuid) AS request_id";

const SELECT_COMMAND: &str = "SELECT command_uuid, device_id, request_type, payload, state,
        action, created_at, sent_at, answered_at, error_reason, error_text, gives_up_at,
        COALESCE(request_id, command_uuid) AS request_id
     FROM mdm_commands";

fn device_record_from_row(row: &SqliteRow) -> Result<DeviceRecord, StorageError> {
    Ok(DeviceRecord {
        user_id: row.try_get("user_id")?,
        summary: device_from_row(row)?,
        serial_number: row.try_get("serial_number")?,
        enrolled_at: row.try_get("enrolled_at")?,
        passcode_present: row.try_get("passcode_present")?,
        build_version: row.try_get("build_version")?,
        facts_reported_at: row.try_get("facts_reported_at")?,
        non_compliant_since: row.try_get("non_compliant_since")?,
    })
}

fn command_from_row(row: &SqliteRow) -> Result<CommandRecord, StorageError> {
    let state: String = row.try_get("state")?;
    let action: Option<String> = row.try_get("action")?;
    let error_reason: Option<String> = row.try_get("error_reason")?;
    Ok(CommandRecord {
        command_uuid: row.try_get("command_uuid")?,
        device_id: DeviceId(row.try_get("device_id")?),
        request_type: row.try_get("request_type")?,
        payload: row.try_get("payload")?,
        state: CommandState::from_db(&state)?,
        action: action.as_deref().map(action_from_db).transpose()?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
        answered_at: row.try_get("answered_at")?,
        error_reason: error_reason.as_deref().map(command_failure_reason_from_db),
        error_text: row.try_get("error_text")?,
        gives_up_at: row.try_get("gives_up_at")?,
        request_id: row.try_get("request_id")?,
    })
}

fn device_settings_from_row(row: &SqliteRow) -> Result<DeviceSettings, StorageError> {
    let min: Option<String> = row.try_get("compliance_min_os_version")?;
    let min_os_version = min
        .map(|text| {
            OsVersion::parse(&text)
                .map_err(|_| StorageError::Corrupt(format!("compliance_min_os_version {text:?}")))
        })
        .transpose()?;
    let count = |column: &str| -> Result<u32, StorageError> {
        let value: i64 = row.try_get(column)?;
        u32::try_from(value).map_err(|_| StorageError::Corrupt(column.to_owned()))
    };
    let max_days: Option<i64> = row.try_get("compliance_max_days_since_check_in")?;
    Ok(DeviceSettings {
        compliance: CompliancePolicy {
            min_os_version,
            passcode_required: row.try_get("compliance_passcode_required")?,
            max_days_since_check_in: max_days
                .map(|days| {
                    u32::try_from(days).map_err(|_| {
                        StorageError::Corrupt("compliance_max_days_since_check_in".into())
                    })
                })
                .transpose()?,
            grace_period_days: count("compliance_grace_period_days")?,
        },
        check_status_timeout_seconds: count("check_status_timeout_seconds")?,
        remove_timeout_seconds: count("remove_timeout_seconds")?,
    })
}

const SELECT_ENROLLMENT: &str =
    "SELECT id, user_id, state, ownership, enrollment_type, device_kind,
        reported_os_version, created_at, updated_at, downloaded_at, install_deadline_at,
        problem_code, problem_message, problem_details, device_id, device_udid, device_serial,
        device_name,
        device_model, device_os_version,
        (SELECT COUNT(*) FROM enrollment_profiles
         WHERE enrollment_profiles.enrollment_id = enrollments.id
           AND enrollment_profiles.downloaded_at IS NOT NULL) AS profiles_downloaded,
        EXISTS (SELECT 1 FROM account_enrollment_tokens
                WHERE account_enrollment_tokens.enrollment_id = enrollments.id) AS account_driven
     FROM enrollments";

const SELECT_PROFILE: &str = "SELECT enrollment_profiles.id, enrollment_profiles.enrollment_id,
        enrollments.user_id, enrollment_profiles.state, enrollment_profiles.issued_at,
        enrollment_profiles.downloaded_at
     FROM enrollment_profiles
     JOIN enrollments ON enrollments.id = enrollment_profiles.enrollment_id";

fn enrollment_from_row(row: &SqliteRow) -> Result<EnrollmentRecord, StorageError> {
    let problem_code: Option<String> = row.try_get("problem_code")?;
    let problem_message: Option<String> = row.try_get("problem_message")?;
    let problem_details: Option<String> = row.try_get("problem_details")?;
    let device_id: Option<String> = row.try_get("device_id")?;
    let udid: Option<String> = row.try_get("device_udid")?;
    let state: String = row.try_get("state")?;
    Ok(EnrollmentRecord {
        id: EnrollmentId(row.try_get("id")?),
        user_id: row.try_get("user_id")?,
        state: enrollment_state_from_db(&state)?,
        ownership: ownership_from_db(row.try_get("ownership")?)?,
        enrollment_type: enrollment_type_from_db(row.try_get("enrollment_type")?)?,
        device: device_kind_from_db(row.try_get("device_kind")?)?,
        reported_os_version: row.try_get("reported_os_version")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        downloaded_at: row.try_get("downloaded_at")?,
        profiles_downloaded: row.try_get("profiles_downloaded")?,
        install_deadline_at: row.try_get("install_deadline_at")?,
        problem: problem_code
            .map(|code| -> Result<_, StorageError> {
                Ok(EnrollmentProblem {
                    code: problem_code_from_db(&code),
                    message: problem_message.unwrap_or_default(),
                    details: problem_details
                        .map(|json| from_json("enrollments.problem_details", &json))
                        .transpose()?,
                })
            })
            .transpose()?,
        device_id: device_id.map(DeviceId),
        device_facts: match udid {
            Some(udid) => Some(DeviceFacts {
                udid,
                serial_number: row.try_get("device_serial")?,
                device_name: row.try_get("device_name")?,
                model: row.try_get("device_model")?,
                os_version: row.try_get("device_os_version")?,
            }),
            None => None,
        },
        account_driven: row.try_get("account_driven")?,
    })
}

fn profile_from_row(row: &SqliteRow) -> Result<ProfileRecord, StorageError> {
    let state: String = row.try_get("state")?;
    Ok(ProfileRecord {
        id: row.try_get("id")?,
        enrollment_id: EnrollmentId(row.try_get("enrollment_id")?),
        user_id: row.try_get("user_id")?,
        state: ProfileState::from_db(&state)?,
        issued_at: row.try_get("issued_at")?,
        downloaded_at: row.try_get("downloaded_at")?,
    })
}

fn enrollment_settings_from_row(row: &SqliteRow) -> Result<EnrollmentSettings, StorageError> {
    let version = |column: &str| -> Result<Option<OsVersion>, StorageError> {
        let value: Option<String> = row.try_get(column)?;
        value
            .map(|text| {
                OsVersion::parse(&text)
                    .map_err(|_| StorageError::Corrupt(format!("{column} {text:?}")))
            })
            .transpose()
    };
    let os_versions = VersionRange::new(version("min_os_version")?, version("max_os_version")?)
        .map_err(|error| StorageError::Corrupt(error.to_string()))?;
    let allowed: String = row.try_get("allowed_devices")?;
    let allowed_devices = allowed
        .split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(device_kind_from_db)
        .collect::<Result<Vec<DeviceKind>, _>>()?;
    let device_limit: i64 = row.try_get("device_limit")?;
    let install_window: i64 = row.try_get("install_window_seconds")?;
    Ok(EnrollmentSettings {
        ownership_choice: row.try_get("ownership_choice")?,
        default_ownership: ownership_from_db(row.try_get("default_ownership")?)?,
        os_versions,
        allowed_devices,
        device_limit: u32::try_from(device_limit)
            .map_err(|_| StorageError::Corrupt("device_limit".into()))?,
        install_window_seconds: u32::try_from(install_window)
            .map_err(|_| StorageError::Corrupt("install_window_seconds".into()))?,
        legacy_user_enrollment: row.try_get("legacy_user_enrollment")?,
    })
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
            privacy_messages: PrivacyMessages {
                personal: row.try_get("privacy_message_personal")?,
                corporate: row.try_get("privacy_message_corporate")?,
            },
            managed_web_clip: row.try_get("managed_web_clip")?,
            offers_user_enrollment: false,
        },
    })
}

fn device_from_row(row: &SqliteRow) -> Result<DeviceSummary, StorageError> {
    let stored_model: String = row.try_get("model")?;
    let (model, product_code) = portal_api::device_model::model_and_code(&stored_model);
    Ok(DeviceSummary {
        id: DeviceId(row.try_get("id")?),
        display_name: row.try_get("display_name")?,
        model,
        product_code,
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

fn attempt_count(row: &SqliteRow) -> Result<AttemptCount, StorageError> {
    let count: i64 = row.try_get("count")?;
    Ok(AttemptCount {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        latest: row.try_get("latest")?,
    })
}

/// A value kept as JSON in a TEXT column.
fn to_json<T: serde::Serialize>(column: &str, value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Corrupt(format!("{column}: {e}")))
}

fn from_json<T: serde::de::DeserializeOwned>(column: &str, json: &str) -> Result<T, StorageError> {
    serde_json::from_str(json).map_err(|e| StorageError::Corrupt(format!("{column}: {e}")))
}

/// An enrollment problem's details, for `enrollments.problem_details`.
fn problem_details_to_db(
    problem: Option<&EnrollmentProblem>,
) -> Result<Option<String>, StorageError> {
    problem
        .and_then(|p| p.details.as_ref())
        .map(|details| to_json("enrollments.problem_details", details))
        .transpose()
}
