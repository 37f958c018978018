//! The storage contract, checked against a backend: every rule the traits in
//! `src/storage/` document, as a generic test on a fresh, empty
//! [`Storage`]. Each backend runs the whole suite through
//! [`conformance_tests!`] with its constructor: SQLite in a temp folder,
//! PostgreSQL in a fresh database on the server `cargo xtask test` starts
//! (its URL in `PORTAL_TEST_POSTGRES_URL`). Below the suite, what only
//! PostgreSQL needs to show: the rules hold across two instances (two
//! connection pools on one database).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use portal_api::{
    CommandFailure, CommandFailureReason, ComplianceState, DeviceAction, DeviceId, DeviceKind,
    DeviceSummary, EmailAddress, EnrollmentId, EnrollmentProfileType, EnrollmentState,
    EnrollmentType, NotificationDetails, NotificationKind, Ownership,
};
use portal_server::demo::demo_organization;
use portal_server::storage::*;
use portal_server::{PostgresStorage, SqliteStorage, Storage, Timestamp};
use sha2::Digest;

/// A fresh, empty backend for one test, with what must live as long as it.
pub struct Backend {
    pub storage: Arc<dyn Storage>,
    /// Dropped after `storage` (fields drop in order): SQLite's folder.
    _keep: Box<dyn std::any::Any + Send>,
}

/// SQLite in a temp folder of its own.
pub async fn sqlite() -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let storage = SqliteStorage::open(&dir.path().join("portal.db"))
        .await
        .unwrap();
    Backend {
        storage: Arc::new(storage),
        _keep: Box::new(dir),
    }
}

/// The server the PostgreSQL tests make their databases on.
const POSTGRES_URL_VARIABLE: &str = "PORTAL_TEST_POSTGRES_URL";

/// PostgreSQL in a fresh database of its own (so tests run in parallel).
pub async fn postgres() -> Backend {
    let storage = PostgresStorage::connect_with(fresh_postgres_database().await)
        .await
        .unwrap();
    Backend {
        storage: Arc::new(storage),
        _keep: Box::new(()),
    }
}

/// Creates an empty database on the test server and returns how to
/// connect to it. The databases go with the throwaway server.
pub async fn fresh_postgres_database() -> sqlx::postgres::PgConnectOptions {
    use sqlx::{Connection, Executor};
    static CREATED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let Ok(url) = std::env::var(POSTGRES_URL_VARIABLE) else {
        panic!(
            "{POSTGRES_URL_VARIABLE} is not set: the PostgreSQL tests need a server. \
             Run them with `cargo xtask test --suite native`, or wrap the command in \
             `cargo xtask postgres -- cargo test ...`, which start a throwaway one."
        );
    };
    let server: sqlx::postgres::PgConnectOptions = url
        .parse()
        .unwrap_or_else(|e| panic!("{POSTGRES_URL_VARIABLE}: {e}"));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let name = format!(
        "test_{}_{}_{nanos}",
        std::process::id(),
        CREATED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    let mut connection = sqlx::PgConnection::connect_with(&server).await.unwrap();
    connection
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    connection.close().await.unwrap();
    server.database(&name)
}

/// One `#[tokio::test]` per contract for the backend `$backend` (an async
/// fn returning a fresh [`Backend`]), in a module of that name.
macro_rules! conformance_tests {
    ($backend:ident) => {
        conformance_tests!(@each $backend:
            users_are_saved_once_per_email,
            a_managed_apple_account_finds_its_user,
            sessions_end_by_age_idleness_or_sign_out,
            sign_in_attempts_are_counted_and_reserved_atomically,
            pending_sign_ins_are_single_use,
            a_provider_identity_is_one_user,
            the_organization_is_one_and_its_settings_read_back,
            local_groups_keep_their_members,
            enrollment_type_profiles_rank_by_priority,
            enrolling_replaces_the_users_unfinished_enrollments,
            an_enrollment_reads_back_as_written,
            an_enrollment_expires_only_when_downloaded_and_due,
            only_a_users_newest_profile_downloads_and_only_once,
            a_scep_challenge_expires_with_the_install_window,
            a_scep_challenge_is_used_once_under_concurrency,
            identities_are_bound_and_revoked_once,
            account_tokens_bind_an_enrollment,
            a_device_enrolls_once_per_enrollment,
            a_users_devices_are_theirs_only,
            reported_facts_keep_what_was_not_reported_and_the_users_name,
            removing_a_device_forgets_it_and_revokes_its_identity,
            one_unfinished_request_per_action_and_device,
            racing_requests_queue_one_command,
            commands_go_out_user_actions_first_oldest_first_until_answered,
            commands_give_up_when_due,
            the_latest_request_of_each_action,
            notifications_newest_first_and_only_the_users,
            the_audit_trail_oldest_first_and_kept,
            push_targets_and_problems,
        );
    };
    (@each $backend:ident: $($test:ident),* $(,)?) => {
        mod $backend {
            $(
                #[tokio::test]
                async fn $test() {
                    let backend = super::$backend().await;
                    super::$test(backend.storage.clone()).await;
                }
            )*
        }
    };
}

conformance_tests!(sqlite);
conformance_tests!(postgres);

// --- Fixtures ---------------------------------------------------------

/// 2026-01-01T00:00:00Z
const T0: Timestamp = 1_767_225_600;
const ALEX: &str = "alex@contoso.example";
const SAM: &str = "sam@contoso.example";

fn email(address: &str) -> EmailAddress {
    EmailAddress::parse(address).unwrap()
}

fn hash(seed: &str) -> [u8; 32] {
    sha2::Sha256::digest(seed.as_bytes()).into()
}

async fn organization(storage: &dyn Storage) -> OrganizationId {
    storage
        .save_organization(&demo_organization(), T0)
        .await
        .unwrap()
}

async fn user(storage: &dyn Storage, organization_id: OrganizationId, address: &str) -> UserId {
    storage
        .save_user(
            &UserToSave {
                organization_id,
                email: &email(address),
                display_name: address,
                password_hash: "$argon2id$not-a-real-hash",
            },
            T0,
        )
        .await
        .unwrap()
}

/// An organization with Alex and Sam.
async fn alex_and_sam(storage: &dyn Storage) -> (UserId, UserId) {
    let organization_id = organization(storage).await;
    (
        user(storage, organization_id, ALEX).await,
        user(storage, organization_id, SAM).await,
    )
}

fn new_enrollment(id: &str, user_id: UserId, at: Timestamp) -> EnrollmentRecord {
    EnrollmentRecord {
        id: EnrollmentId(id.into()),
        user_id,
        state: EnrollmentState::Created,
        ownership: Ownership::Personal,
        enrollment_type: EnrollmentType::DeviceEnrollment,
        device: DeviceKind::Iphone,
        reported_os_version: None,
        created_at: at,
        updated_at: at,
        downloaded_at: None,
        profiles_downloaded: 0,
        install_deadline_at: None,
        problem: None,
        device_id: None,
        device_facts: None,
        account_driven: false,
    }
}

async fn create(storage: &dyn Storage, id: &str, user_id: UserId, at: Timestamp) -> EnrollmentId {
    storage
        .create_enrollment(&new_enrollment(id, user_id, at))
        .await
        .unwrap();
    EnrollmentId(id.into())
}

fn summary(id: &str, name: &str) -> DeviceSummary {
    DeviceSummary {
        id: DeviceId(id.into()),
        display_name: name.into(),
        model: "iPhone 15".into(),
        product_code: None,
        os_version: Some("17.4.1".into()),
        enrollment_type: EnrollmentType::DeviceEnrollment,
        ownership: Ownership::Personal,
        compliance: ComplianceState::Unknown,
        last_check_in_at: Some(T0),
    }
}

fn new_device(
    user_id: UserId,
    enrollment_id: &EnrollmentId,
    id: &str,
    name: &str,
    identity: CertificateFingerprint,
) -> NewDevice {
    NewDevice {
        user_id,
        enrollment_id: enrollment_id.clone(),
        summary: summary(id, name),
        udid: Some(format!("udid-{id}")),
        serial_number: Some(format!("serial-{id}")),
        push_token: Some(b"token-1".to_vec()),
        push_magic: Some("magic-1".into()),
        mdm_topic: Some("com.apple.mgmt.External.contoso".into()),
        identity,
    }
}

/// A device of the user, enrolled through an enrollment of its own.
async fn device(storage: &dyn Storage, user_id: UserId, id: &str, name: &str) -> DeviceId {
    let enrollment_id = create(storage, &format!("enrollment-{id}"), user_id, T0).await;
    let identity = CertificateFingerprint(hash(id));
    let (device_id, created) = storage
        .enroll_device(&new_device(user_id, &enrollment_id, id, name, identity), T0)
        .await
        .unwrap();
    assert!(created);
    device_id
}

fn command(uuid: &str, action: Option<DeviceAction>) -> NewCommand {
    NewCommand {
        command_uuid: uuid.into(),
        request_type: match action {
            Some(DeviceAction::RemoteLock) => "DeviceLock",
            Some(DeviceAction::CheckStatus) => "DeviceInformation",
            Some(DeviceAction::Remove) => "RemoveProfile",
            Some(DeviceAction::Rename) => "Settings",
            None => "InstallProfile",
        }
        .into(),
        payload: format!("<plist>{uuid}</plist>").into_bytes(),
        action,
        gives_up_at: None,
        request_id: None,
    }
}

fn uuids(commands: &[CommandRecord]) -> Vec<&str> {
    commands.iter().map(|c| c.command_uuid.as_str()).collect()
}

async fn queue_at(
    storage: &dyn Storage,
    user_id: UserId,
    device_id: &DeviceId,
    command: NewCommand,
    at: Timestamp,
) -> QueueOutcome {
    storage
        .queue_command(user_id, device_id, &command, at)
        .await
        .unwrap()
}

/// Issues a download link for the enrollment and downloads it; returns the
/// profile.
async fn downloaded_profile(
    storage: &dyn Storage,
    enrollment_id: &EnrollmentId,
    seed: &str,
    at: Timestamp,
    deadline: Timestamp,
) -> ProfileRecord {
    let token = ProfileTokenHash(hash(&format!("token-{seed}")));
    storage
        .issue_profile(enrollment_id, &token, at)
        .await
        .unwrap();
    let challenge = ScepChallengeHash(hash(&format!("challenge-{seed}")));
    assert!(storage
        .record_profile_download(&token, &challenge, at, deadline)
        .await
        .unwrap());
    storage.profile_by_token(&token).await.unwrap().unwrap()
}

// --- Users and sessions -------------------------------------------------

async fn users_are_saved_once_per_email(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let organization_id = organization(storage).await;
    let first = user(storage, organization_id, ALEX).await;
    let again = storage
        .save_user(
            &UserToSave {
                organization_id,
                email: &email(ALEX),
                display_name: "Alex Kim",
                password_hash: "$argon2id$another",
            },
            T0 + 1,
        )
        .await
        .unwrap();
    assert_eq!(again, first, "the same email is the same account");
    let stored = storage.user_by_email(&email(ALEX)).await.unwrap().unwrap();
    assert_eq!(stored.id, first);
    assert_eq!(stored.organization_id, organization_id);
    assert_eq!(stored.display_name, "Alex Kim");
    assert_eq!(stored.password_hash, "$argon2id$another");
    assert_eq!(
        storage.email_of_user(first).await.unwrap(),
        Some(email(ALEX))
    );
    assert_eq!(storage.email_of_user(first + 1000).await.unwrap(), None);
    assert_eq!(storage.user_by_email(&email(SAM)).await.unwrap(), None);
}

async fn a_managed_apple_account_finds_its_user(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let found = |account: &'static str| async move {
        storage
            .user_by_managed_apple_account(account)
            .await
            .unwrap()
            .map(|user| user.id)
    };
    // Without one set, the work email is the account.
    assert_eq!(storage.managed_apple_account(alex).await.unwrap(), None);
    assert_eq!(found(ALEX).await, Some(alex));

    let account = "alex@appleid.contoso.example";
    storage
        .set_managed_apple_account(alex, Some(account))
        .await
        .unwrap();
    assert_eq!(
        storage
            .managed_apple_account(alex)
            .await
            .unwrap()
            .as_deref(),
        Some(account)
    );
    assert_eq!(found(account).await, Some(alex));
    assert_eq!(found(ALEX).await, None, "the work email no longer is it");

    // An account set explicitly wins over someone's work email.
    storage.set_managed_apple_account(alex, None).await.unwrap();
    storage
        .set_managed_apple_account(sam, Some(ALEX))
        .await
        .unwrap();
    assert_eq!(found(ALEX).await, Some(sam));
}

async fn sessions_end_by_age_idleness_or_sign_out(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let token = |seed: &str| SessionTokenHash(hash(seed));
    let issuer = "https://login.contoso.example";
    storage
        .create_session(&token("old"), alex, None, T0)
        .await
        .unwrap();
    storage
        .create_session(&token("idle"), alex, Some(issuer), T0 + 10)
        .await
        .unwrap();
    storage
        .create_session(&token("fresh"), sam, None, T0 + 20)
        .await
        .unwrap();

    let old = storage.session(&token("old")).await.unwrap().unwrap();
    assert_eq!(old.user_id, alex);
    assert_eq!(old.email, email(ALEX));
    assert_eq!(old.display_name, ALEX);
    assert_eq!((old.created_at, old.last_seen_at), (T0, T0));
    assert_eq!(old.identity_issuer, None);
    let idle = storage.session(&token("idle")).await.unwrap().unwrap();
    assert_eq!(idle.identity_issuer.as_deref(), Some(issuer));

    storage
        .touch_session(&token("old"), T0 + 100)
        .await
        .unwrap();
    let old = storage.session(&token("old")).await.unwrap().unwrap();
    assert_eq!((old.created_at, old.last_seen_at), (T0, T0 + 100));

    // "old" started too long ago (used recently or not), "idle" was not
    // used recently; "fresh" stays.
    let deleted = storage
        .delete_expired_sessions(T0 + 5, T0 + 15)
        .await
        .unwrap();
    assert_eq!(deleted, 2);
    assert_eq!(storage.session(&token("old")).await.unwrap(), None);
    assert_eq!(storage.session(&token("idle")).await.unwrap(), None);
    assert!(storage.session(&token("fresh")).await.unwrap().is_some());

    storage
        .create_session(&token("second"), sam, None, T0 + 30)
        .await
        .unwrap();
    storage.delete_session(&token("second")).await.unwrap();
    assert_eq!(storage.session(&token("second")).await.unwrap(), None);
    assert!(storage.session(&token("fresh")).await.unwrap().is_some());
    storage.delete_sessions_of_user(sam).await.unwrap();
    assert_eq!(storage.session(&token("fresh")).await.unwrap(), None);
}

async fn sign_in_attempts_are_counted_and_reserved_atomically(storage: Arc<dyn Storage>) {
    const HOME: &str = "203.0.113.7";
    const CAFE: &str = "198.51.100.9";
    // Ten parallel attempts of one pair, three allowed: exactly three are
    // recorded, whatever the interleaving.
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let storage = storage.clone();
        attempts.spawn(async move {
            let three = |recent: RecentAttempts| {
                (recent.pair.count >= 3).then_some(Duration::from_secs(60))
            };
            storage
                .reserve_sign_in_attempt(ALEX, HOME, T0 - 60, T0, &three)
                .await
                .unwrap()
        });
    }
    let mut recorded = 0;
    while let Some(outcome) = attempts.join_next().await {
        match outcome.unwrap() {
            Ok(_) => recorded += 1,
            Err(wait) => assert_eq!(wait, Duration::from_secs(60)),
        }
    }
    assert_eq!(recorded, 3);

    let seen = Mutex::new(Vec::new());
    let watch = |recent: RecentAttempts| {
        seen.lock().unwrap().push(recent);
        None
    };
    let reserve = |address: &'static str, since: Timestamp, now: Timestamp| {
        let storage = storage.clone();
        let watch = &watch;
        async move {
            storage
                .reserve_sign_in_attempt(ALEX, address, since, now, watch)
                .await
                .unwrap()
        }
    };
    assert!(reserve(CAFE, T0 - 60, T0 + 1).await.is_ok());
    let recent = seen.lock().unwrap().pop().unwrap();
    assert_eq!(recent.pair.count, 0);
    assert_eq!(
        recent.account,
        AttemptCount {
            count: 3,
            latest: Some(T0)
        }
    );
    assert_eq!(recent.address.count, 0);

    // Attempts at or before `since` do not count.
    assert!(reserve(CAFE, T0, T0 + 2).await.is_ok());
    let recent = seen.lock().unwrap().pop().unwrap();
    assert_eq!(
        recent.account,
        AttemptCount {
            count: 1,
            latest: Some(T0 + 1)
        }
    );
    assert_eq!(recent.address.count, 1);

    // A successful sign-in forgets the pair's attempts only.
    storage.clear_sign_in_attempts(ALEX, HOME).await.unwrap();
    assert!(reserve(HOME, T0 - 60, T0 + 3).await.is_ok());
    let recent = seen.lock().unwrap().pop().unwrap();
    assert_eq!(recent.pair.count, 0);
    assert_eq!(recent.account.count, 2, "the café's two stay");

    storage
        .delete_sign_in_attempts_before(T0 + 2)
        .await
        .unwrap();
    assert!(reserve(HOME, T0 - 60, T0 + 4).await.is_ok());
    let recent = seen.lock().unwrap().pop().unwrap();
    assert_eq!(
        recent.account,
        AttemptCount {
            count: 1,
            latest: Some(T0 + 3)
        }
    );
}

async fn pending_sign_ins_are_single_use(storage: Arc<dyn Storage>) {
    let pending = |state: &str, at: Timestamp| PendingSignIn {
        state: state.into(),
        browser_hash: hash(state),
        nonce: format!("nonce-{state}"),
        pkce_verifier: format!("verifier-{state}"),
        return_to: "/devices".into(),
        created_at: at,
    };
    storage
        .save_pending_sign_in(&pending("first", T0))
        .await
        .unwrap();
    let mut takes = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let storage = storage.clone();
        takes.spawn(async move { storage.take_pending_sign_in("first").await.unwrap() });
    }
    let mut taken = Vec::new();
    while let Some(outcome) = takes.join_next().await {
        taken.extend(outcome.unwrap());
    }
    assert_eq!(taken, vec![pending("first", T0)], "taken exactly once");

    storage
        .save_pending_sign_in(&pending("stale", T0 + 100))
        .await
        .unwrap();
    storage
        .save_pending_sign_in(&pending("recent", T0 + 101))
        .await
        .unwrap();
    storage
        .delete_pending_sign_ins_before(T0 + 100)
        .await
        .unwrap();
    assert_eq!(storage.take_pending_sign_in("stale").await.unwrap(), None);
    assert_eq!(
        storage.take_pending_sign_in("recent").await.unwrap(),
        Some(pending("recent", T0 + 101))
    );
}

async fn a_provider_identity_is_one_user(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let organization_id = organization(storage).await;
    let pat = "pat@contoso.example";
    let local = user(storage, organization_id, pat).await;
    let identity = |subject: &str, address: &str, groups: &[&str]| ProviderIdentity {
        organization_id,
        issuer: "https://login.contoso.example".into(),
        subject: subject.into(),
        email: email(address),
        display_name: format!("Name of {address}"),
        groups: groups.iter().map(|g| g.to_string()).collect(),
    };
    assert_eq!(
        storage.groups_of_user(local).await.unwrap(),
        Vec::<String>::new()
    );

    // A first sign-in finds the account made before by its email; it keeps
    // its password.
    let id = storage
        .save_provider_identity(&identity("sub-1", pat, &["staff"]), T0)
        .await
        .unwrap();
    assert_eq!(id, local);
    let stored = storage.user_by_email(&email(pat)).await.unwrap().unwrap();
    assert_eq!(stored.display_name, format!("Name of {pat}"));
    assert_eq!(stored.password_hash, "$argon2id$not-a-real-hash");
    assert_eq!(storage.groups_of_user(local).await.unwrap(), ["staff"]);

    // Later ones find it by subject, whatever the email became.
    let renamed = "pat.kim@contoso.example";
    let again = storage
        .save_provider_identity(&identity("sub-1", renamed, &["staff", "byod"]), T0 + 1)
        .await
        .unwrap();
    assert_eq!(again, local);
    assert_eq!(
        storage
            .user_by_email(&email(renamed))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(local)
    );
    assert_eq!(storage.user_by_email(&email(pat)).await.unwrap(), None);
    assert_eq!(
        storage.groups_of_user(local).await.unwrap(),
        ["staff", "byod"]
    );

    // Someone new gets an account without a password.
    let lee = "lee@contoso.example";
    let new = storage
        .save_provider_identity(&identity("sub-2", lee, &[]), T0 + 2)
        .await
        .unwrap();
    assert_ne!(new, local);
    let stored = storage.user_by_email(&email(lee)).await.unwrap().unwrap();
    assert_eq!(stored.id, new);
    assert_eq!(stored.organization_id, organization_id);
    assert!(stored.password_hash.is_empty());
    assert_eq!(
        storage.groups_of_user(new).await.unwrap(),
        Vec::<String>::new()
    );
}

// --- Organization, groups, enrollment type profiles ----------------------

async fn the_organization_is_one_and_its_settings_read_back(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    assert_eq!(storage.organization().await.unwrap(), None);
    assert_eq!(storage.sign_in_settings().await.unwrap(), None);
    let id = organization(storage).await;
    let mut profile = demo_organization();
    profile.name = "Fabrikam".into();
    assert_eq!(
        storage.save_organization(&profile, T0 + 1).await.unwrap(),
        id
    );
    assert_eq!(
        storage.organization().await.unwrap(),
        Some(OrganizationRecord { id, profile })
    );

    let sign_in = SignInSettings {
        oidc: Some(OidcSettings {
            issuer: "https://login.contoso.example".into(),
            client_id: "portal".into(),
            client_secret: "secret".into(),
            groups_claim: "roles".into(),
        }),
        local_accounts: false,
    };
    storage.save_sign_in_settings(&sign_in, T0).await.unwrap();
    assert_eq!(storage.sign_in_settings().await.unwrap(), Some(sign_in));

    assert_eq!(storage.managed_apple_account_claim().await.unwrap(), None);
    storage
        .set_managed_apple_account_claim(Some("apple_account"))
        .await
        .unwrap();
    assert_eq!(
        storage
            .managed_apple_account_claim()
            .await
            .unwrap()
            .as_deref(),
        Some("apple_account")
    );
    storage.set_managed_apple_account_claim(None).await.unwrap();
    assert_eq!(storage.managed_apple_account_claim().await.unwrap(), None);

    let mut enrollment = storage.enrollment_settings(id).await.unwrap().unwrap();
    enrollment.ownership_choice = !enrollment.ownership_choice;
    enrollment.default_ownership = Ownership::Corporate;
    enrollment.allowed_devices = vec![DeviceKind::Ipad];
    enrollment.device_limit = 7;
    enrollment.install_window_seconds = 1234;
    enrollment.legacy_user_enrollment = !enrollment.legacy_user_enrollment;
    storage
        .save_enrollment_settings(id, &enrollment, T0)
        .await
        .unwrap();
    assert_eq!(
        storage.enrollment_settings(id).await.unwrap(),
        Some(enrollment.clone())
    );
    assert_eq!(storage.enrollment_settings(id + 1000).await.unwrap(), None);

    let alex = user(storage, id, ALEX).await;
    let mut devices = storage
        .organization_settings_of_user(alex)
        .await
        .unwrap()
        .unwrap()
        .devices;
    devices.compliance.passcode_required = !devices.compliance.passcode_required;
    devices.compliance.max_days_since_check_in = Some(9);
    devices.compliance.grace_period_days = 4;
    devices.check_status_timeout_seconds = 321;
    devices.remove_timeout_seconds = 654;
    storage
        .save_device_settings(id, &devices, T0)
        .await
        .unwrap();
    let settings = storage
        .organization_settings_of_user(alex)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(settings.organization_id, id);
    assert_eq!(settings.organization_name, "Fabrikam");
    assert_eq!(settings.enrollment, enrollment);
    assert_eq!(settings.devices, devices);
    assert_eq!(
        storage
            .organization_settings_of_user(alex + 1000)
            .await
            .unwrap(),
        None
    );
}

async fn local_groups_keep_their_members(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let organization_id = storage.organization().await.unwrap().unwrap().id;
    for name in ["byod", "byod", "admins"] {
        storage
            .save_local_group(organization_id, name, T0)
            .await
            .unwrap();
    }
    assert!(storage.add_local_group_member("byod", sam).await.unwrap());
    assert!(storage.add_local_group_member("byod", alex).await.unwrap());
    assert!(storage.add_local_group_member("byod", alex).await.unwrap());
    assert!(!storage
        .add_local_group_member("nobody", alex)
        .await
        .unwrap());
    assert_eq!(
        storage.local_groups().await.unwrap(),
        vec![
            LocalGroup {
                name: "admins".into(),
                members: vec![],
            },
            LocalGroup {
                name: "byod".into(),
                members: vec![email(ALEX), email(SAM)],
            },
        ]
    );
    assert_eq!(storage.local_groups_of_user(alex).await.unwrap(), ["byod"]);

    assert!(storage
        .remove_local_group_member("byod", alex)
        .await
        .unwrap());
    assert!(!storage
        .remove_local_group_member("byod", alex)
        .await
        .unwrap());
    assert!(!storage
        .remove_local_group_member("nobody", sam)
        .await
        .unwrap());
    assert!(storage.local_groups_of_user(alex).await.unwrap().is_empty());
    assert_eq!(storage.local_groups_of_user(sam).await.unwrap(), ["byod"]);
}

async fn enrollment_type_profiles_rank_by_priority(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let organization_id = organization(storage).await;
    let profile =
        |name: &str, priority: u32, all_users: bool, groups: &[&str]| EnrollmentTypeProfile {
            name: name.into(),
            profile_type: EnrollmentProfileType::UserChoice,
            priority,
            all_users,
            groups: groups.iter().map(|g| g.to_string()).collect(),
        };
    let save = |profile: EnrollmentTypeProfile| async move {
        storage
            .save_enrollment_type_profile(organization_id, &profile, T0)
            .await
            .unwrap()
    };
    save(profile("Everyone", 2, true, &[])).await;
    save(profile("BYOD", 1, false, &["staff", "byod"])).await;
    assert_eq!(
        storage.enrollment_type_profiles().await.unwrap(),
        vec![
            profile("BYOD", 1, false, &["byod", "staff"]),
            profile("Everyone", 2, true, &[]),
        ]
    );

    // Saving by the same name replaces it, assignments and all.
    save(EnrollmentTypeProfile {
        profile_type: EnrollmentProfileType::AccountDrivenUserEnrollment,
        ..profile("BYOD", 3, false, &["contractors"])
    })
    .await;
    assert_eq!(
        storage.enrollment_type_profiles().await.unwrap(),
        vec![
            profile("Everyone", 2, true, &[]),
            EnrollmentTypeProfile {
                profile_type: EnrollmentProfileType::AccountDrivenUserEnrollment,
                ..profile("BYOD", 3, false, &["contractors"])
            },
        ]
    );
    assert!(storage
        .remove_enrollment_type_profile("BYOD")
        .await
        .unwrap());
    assert!(!storage
        .remove_enrollment_type_profile("BYOD")
        .await
        .unwrap());
    assert_eq!(
        storage.enrollment_type_profiles().await.unwrap(),
        vec![profile("Everyone", 2, true, &[])]
    );
}

// --- Enrollments, profiles, identities, account tokens -------------------

async fn enrolling_replaces_the_users_unfinished_enrollments(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let state = |id: &'static str| async move {
        storage
            .enrollment(&EnrollmentId(id.into()))
            .await
            .unwrap()
            .unwrap()
            .state
    };
    let replaced =
        |record: EnrollmentRecord| async move { storage.create_enrollment(&record).await.unwrap() };
    assert!(replaced(new_enrollment("a1", alex, T0)).await.is_empty());
    assert!(replaced(new_enrollment("s1", sam, T0)).await.is_empty());
    assert_eq!(
        replaced(new_enrollment("a2", alex, T0 + 10)).await,
        [EnrollmentId("a1".into())]
    );
    let a1 = storage
        .enrollment(&EnrollmentId("a1".into()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (a1.state, a1.updated_at),
        (EnrollmentState::Replaced, T0 + 10)
    );
    assert_eq!(state("s1").await, EnrollmentState::Created, "not Alex's");

    // Finished enrollments stay as they are.
    let mut a2 = new_enrollment("a2", alex, T0 + 10);
    a2.state = EnrollmentState::Enrolled;
    storage.update_enrollment(&a2).await.unwrap();
    assert!(replaced(new_enrollment("a3", alex, T0 + 20))
        .await
        .is_empty());
    assert_eq!(state("a2").await, EnrollmentState::Enrolled);

    // Downloaded and Authenticated are unfinished too.
    for (unfinished, next, at) in [
        (EnrollmentState::Downloaded, "a4", T0 + 30),
        (EnrollmentState::Authenticated, "a5", T0 + 40),
    ] {
        let mut latest = storage
            .latest_enrollment_of_user(alex)
            .await
            .unwrap()
            .unwrap();
        latest.state = unfinished;
        storage.update_enrollment(&latest).await.unwrap();
        assert_eq!(
            replaced(new_enrollment(next, alex, at)).await,
            [latest.id.clone()]
        );
    }

    // Of two made in the same second, the one saved last is the latest.
    replaced(new_enrollment("a6", alex, T0 + 40)).await;
    assert_eq!(
        storage
            .latest_enrollment_of_user(alex)
            .await
            .unwrap()
            .map(|e| e.id),
        Some(EnrollmentId("a6".into()))
    );
    assert_eq!(
        storage
            .enrollment(&EnrollmentId("nope".into()))
            .await
            .unwrap(),
        None
    );
}

async fn an_enrollment_reads_back_as_written(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let mut record = new_enrollment("e1", alex, T0);
    record.ownership = Ownership::Corporate;
    record.enrollment_type = EnrollmentType::UserEnrollment;
    record.device = DeviceKind::Ipad;
    record.reported_os_version = Some("17.5".into());
    storage.create_enrollment(&record).await.unwrap();
    assert_eq!(
        storage.enrollment(&record.id).await.unwrap().as_ref(),
        Some(&record)
    );

    record.state = EnrollmentState::Authenticated;
    record.updated_at = T0 + 5;
    record.downloaded_at = Some(T0 + 1);
    record.install_deadline_at = Some(T0 + 600);
    record.device_facts = Some(DeviceFacts {
        udid: "udid-1".into(),
        serial_number: Some("F2LX".into()),
        device_name: Some("Alex's iPad".into()),
        model: Some("iPad".into()),
        os_version: Some("17.5".into()),
    });
    storage.update_enrollment(&record).await.unwrap();
    assert_eq!(
        storage.enrollment(&record.id).await.unwrap().as_ref(),
        Some(&record)
    );

    let identity = CertificateFingerprint(hash("identity"));
    assert_eq!(
        storage.authenticated_identity(&record.id).await.unwrap(),
        None
    );
    storage
        .set_authenticated_identity(&record.id, &identity)
        .await
        .unwrap();
    assert_eq!(
        storage.authenticated_identity(&record.id).await.unwrap(),
        Some(identity)
    );
    let other = CertificateFingerprint(hash("other"));
    storage
        .set_authenticated_identity(&record.id, &other)
        .await
        .unwrap();
    assert_eq!(
        storage.authenticated_identity(&record.id).await.unwrap(),
        Some(other)
    );
}

async fn an_enrollment_expires_only_when_downloaded_and_due(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let id = create(storage, "e1", alex, T0).await;
    assert!(!storage
        .expire_enrollment_if_due(&id, T0 + 10_000)
        .await
        .unwrap());

    downloaded_profile(storage, &id, "p1", T0 + 1, T0 + 100).await;
    let downloaded = storage.enrollment(&id).await.unwrap().unwrap();
    assert_eq!(downloaded.state, EnrollmentState::Downloaded);
    assert_eq!(downloaded.downloaded_at, Some(T0 + 1));
    assert_eq!(downloaded.install_deadline_at, Some(T0 + 100));
    assert_eq!(downloaded.profiles_downloaded, 1);

    assert!(!storage
        .expire_enrollment_if_due(&id, T0 + 99)
        .await
        .unwrap());
    assert!(storage
        .expire_enrollment_if_due(&id, T0 + 150)
        .await
        .unwrap());
    let expired = storage.enrollment(&id).await.unwrap().unwrap();
    assert_eq!(expired.state, EnrollmentState::Expired);
    assert_eq!(expired.updated_at, T0 + 100, "expired at its deadline");
    assert!(!storage
        .expire_enrollment_if_due(&id, T0 + 200)
        .await
        .unwrap());
}

async fn only_a_users_newest_profile_downloads_and_only_once(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let token = |seed: &str| ProfileTokenHash(hash(seed));
    let challenge = |seed: &str| ScepChallengeHash(hash(seed));
    let sams = create(storage, "s1", sam, T0).await;
    storage
        .issue_profile(&sams, &token("sam"), T0)
        .await
        .unwrap();

    let first = create(storage, "a1", alex, T0).await;
    storage
        .issue_profile(&first, &token("a1"), T0)
        .await
        .unwrap();
    let issued = storage
        .profile_by_token(&token("a1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (issued.state, issued.enrollment_id.clone(), issued.user_id),
        (ProfileState::Issued, first.clone(), alex)
    );
    assert_eq!(issued.downloaded_at, None);
    assert!(storage
        .record_profile_download(&token("a1"), &challenge("a1"), T0 + 1, T0 + 900)
        .await
        .unwrap());
    assert!(
        !storage
            .record_profile_download(&token("a1"), &challenge("a1-again"), T0 + 2, T0 + 900)
            .await
            .unwrap(),
        "a link downloads once"
    );
    let downloaded = storage
        .profile_by_token(&token("a1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(downloaded.state, ProfileState::Downloaded);
    assert_eq!(downloaded.downloaded_at, Some(T0 + 1));

    // A newer link of Alex's replaces every earlier one not used yet, and
    // their challenges stop working; Sam's is not touched.
    let second = create(storage, "a2", alex, T0 + 10).await;
    storage
        .issue_profile(&second, &token("a2"), T0 + 10)
        .await
        .unwrap();
    let state = |seed: &'static str| async move {
        storage
            .profile_by_token(&token(seed))
            .await
            .unwrap()
            .unwrap()
            .state
    };
    assert_eq!(state("a1").await, ProfileState::Replaced);
    assert_eq!(state("sam").await, ProfileState::Issued);
    assert_eq!(
        storage
            .use_scep_challenge(&challenge("a1"), T0 + 11)
            .await
            .unwrap(),
        None
    );

    assert!(storage
        .record_profile_download(&token("a2"), &challenge("a2"), T0 + 12, T0 + 900)
        .await
        .unwrap());
    let used = storage
        .use_scep_challenge(&challenge("a2"), T0 + 13)
        .await
        .unwrap();
    let profile = storage
        .profile_by_token(&token("a2"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        used,
        Some(ChallengedProfile {
            profile_id: profile.id,
            enrollment_id: second,
            user_id: alex,
        })
    );
    assert_eq!(
        storage
            .use_scep_challenge(&challenge("a2"), T0 + 14)
            .await
            .unwrap(),
        None,
        "a challenge works once"
    );
    assert_eq!(
        storage.profile_by_token(&token("none")).await.unwrap(),
        None
    );
    assert!(!storage
        .record_profile_download(&token("none"), &challenge("none"), T0, T0 + 900)
        .await
        .unwrap());
}

async fn a_scep_challenge_expires_with_the_install_window(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let id = create(storage, "e1", alex, T0).await;
    downloaded_profile(storage, &id, "p1", T0, T0 + 100).await;
    assert_eq!(
        storage
            .use_scep_challenge(&ScepChallengeHash(hash("challenge-p1")), T0 + 100)
            .await
            .unwrap(),
        None
    );
}

async fn a_scep_challenge_is_used_once_under_concurrency(storage: Arc<dyn Storage>) {
    let (alex, _) = alex_and_sam(storage.as_ref()).await;
    let id = create(storage.as_ref(), "e1", alex, T0).await;
    downloaded_profile(storage.as_ref(), &id, "p1", T0, T0 + 900).await;
    let mut uses = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let storage = storage.clone();
        uses.spawn(async move {
            storage
                .use_scep_challenge(&ScepChallengeHash(hash("challenge-p1")), T0 + 1)
                .await
                .unwrap()
        });
    }
    let mut got = 0;
    while let Some(outcome) = uses.join_next().await {
        got += usize::from(outcome.unwrap().is_some());
    }
    assert_eq!(got, 1);
}

async fn identities_are_bound_and_revoked_once(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let id = create(storage, "e1", alex, T0).await;
    let profile = downloaded_profile(storage, &id, "p1", T0, T0 + 900).await;
    let identity = CertificateFingerprint(hash("identity"));
    assert_eq!(storage.profile_by_identity(&identity).await.unwrap(), None);
    storage
        .record_identity_issued(profile.id, &identity, T0 + 1, T0 + 86_400)
        .await
        .unwrap();
    assert_eq!(
        storage.profile_by_identity(&identity).await.unwrap(),
        Some(profile.clone())
    );

    assert_eq!(storage.identity_revoked_at(&identity).await.unwrap(), None);
    assert!(storage.revoke_identity(&identity, T0 + 5).await.unwrap());
    assert!(!storage.revoke_identity(&identity, T0 + 9).await.unwrap());
    assert_eq!(
        storage.identity_revoked_at(&identity).await.unwrap(),
        Some(T0 + 5)
    );
    let unknown = CertificateFingerprint(hash("unknown"));
    assert!(!storage.revoke_identity(&unknown, T0).await.unwrap());
    assert_eq!(storage.identity_revoked_at(&unknown).await.unwrap(), None);

    // Only a downloaded profile becomes used.
    storage.mark_profile_used(profile.id).await.unwrap();
    storage.mark_profile_used(profile.id).await.unwrap();
    let used = storage
        .profile_by_identity(&identity)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(used.state, ProfileState::Used);
    let next = create(storage, "e2", alex, T0 + 10).await;
    let token = ProfileTokenHash(hash("issued-only"));
    storage.issue_profile(&next, &token, T0 + 10).await.unwrap();
    let issued = storage.profile_by_token(&token).await.unwrap().unwrap();
    storage.mark_profile_used(issued.id).await.unwrap();
    assert_eq!(
        storage
            .profile_by_token(&token)
            .await
            .unwrap()
            .unwrap()
            .state,
        ProfileState::Issued
    );
    assert_eq!(
        storage
            .profile_by_identity(&identity)
            .await
            .unwrap()
            .unwrap()
            .state,
        ProfileState::Used,
        "a used profile is not replaced"
    );
}

async fn account_tokens_bind_an_enrollment(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let first = create(storage, "e1", alex, T0).await;
    let token = AccountTokenRecord {
        token_hash: AccountTokenHash(hash("token")),
        user_id: alex,
        enrollment_id: first.clone(),
        enrollment_type: EnrollmentType::UserEnrollment,
        created_at: T0,
        expires_at: T0 + 3600,
    };
    assert!(!storage.is_account_driven(&first).await.unwrap());
    storage.save_account_token(&token).await.unwrap();
    assert_eq!(
        storage.account_token(&token.token_hash).await.unwrap(),
        Some(token.clone())
    );
    assert!(storage.is_account_driven(&first).await.unwrap());
    assert!(
        storage
            .enrollment(&first)
            .await
            .unwrap()
            .unwrap()
            .account_driven
    );

    let second = create(storage, "e2", alex, T0 + 1).await;
    storage
        .rebind_account_token(&token.token_hash, &second)
        .await
        .unwrap();
    assert_eq!(
        storage
            .account_token(&token.token_hash)
            .await
            .unwrap()
            .map(|t| t.enrollment_id),
        Some(second.clone())
    );
    assert!(storage.is_account_driven(&second).await.unwrap());
    assert!(!storage.is_account_driven(&first).await.unwrap());
    assert_eq!(
        storage
            .account_token(&AccountTokenHash(hash("unknown")))
            .await
            .unwrap(),
        None
    );
    let device_token = AccountTokenRecord {
        token_hash: AccountTokenHash(hash("adde")),
        enrollment_type: EnrollmentType::DeviceEnrollment,
        ..token
    };
    storage.save_account_token(&device_token).await.unwrap();
    assert_eq!(
        storage
            .account_token(&device_token.token_hash)
            .await
            .unwrap(),
        Some(device_token)
    );
}

// --- Devices --------------------------------------------------------------

async fn a_device_enrolls_once_per_enrollment(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let enrollment_id = create(storage, "e1", alex, T0).await;
    let identity = CertificateFingerprint(hash("identity"));
    let first = new_device(alex, &enrollment_id, "d1", "Alex's iPhone", identity);
    let (id, created) = storage.enroll_device(&first, T0 + 5).await.unwrap();
    assert_eq!((id.clone(), created), (DeviceId("d1".into()), true));
    let enrollment = storage.enrollment(&enrollment_id).await.unwrap().unwrap();
    assert_eq!(enrollment.state, EnrollmentState::Enrolled);
    assert_eq!(enrollment.device_id, Some(id.clone()));
    assert_eq!(
        storage.enrollment_of_device(&id).await.unwrap(),
        Some(enrollment_id.clone())
    );

    // Another TokenUpdate of the same enrollment updates how to reach it.
    storage.mark_push_token_invalid(&id, T0 + 6).await.unwrap();
    let again = NewDevice {
        summary: summary("d1-other", "Other name"),
        push_token: Some(b"token-2".to_vec()),
        push_magic: Some("magic-2".into()),
        ..first
    };
    assert_eq!(
        storage.enroll_device(&again, T0 + 7).await.unwrap(),
        (id.clone(), false)
    );
    let target = storage.push_target(&id).await.unwrap().unwrap();
    assert_eq!(target.token, b"token-2");
    assert_eq!(target.push_magic, "magic-2");
    assert_eq!(target.token_invalid_since, None);
    let record = storage.device_record(&id).await.unwrap().unwrap();
    assert_eq!(record.summary.display_name, "Alex's iPhone");
    assert_eq!(record.summary.last_check_in_at, Some(T0 + 7));
    assert_eq!(record.enrolled_at, T0 + 5);
    assert_eq!(storage.device_count_of_user(alex).await.unwrap(), 1);
    assert_eq!(
        storage
            .device_count_with_topic("com.apple.mgmt.External.contoso")
            .await
            .unwrap(),
        1
    );
    assert_eq!(storage.device_count_with_topic("other").await.unwrap(), 0);
    assert_eq!(
        storage.device_by_identity(&identity).await.unwrap(),
        Some(DeviceIdentityRecord {
            id: id.clone(),
            user_id: alex
        })
    );
    storage
        .touch_device_check_in(&identity, T0 + 50)
        .await
        .unwrap();
    assert_eq!(
        storage
            .device_record(&id)
            .await
            .unwrap()
            .unwrap()
            .summary
            .last_check_in_at,
        Some(T0 + 50)
    );
}

async fn a_users_devices_are_theirs_only(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let phone = device(storage, alex, "d1", "Zed's phone").await;
    device(storage, alex, "d2", "alpha pad").await;
    let sams = device(storage, sam, "d3", "Sam's iPad").await;
    let names: Vec<String> = storage
        .device_records_of_user(alex)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.summary.display_name)
        .collect();
    assert_eq!(names, ["alpha pad", "Zed's phone"]);
    assert_eq!(storage.device_of_user(sam, &phone).await.unwrap(), None);
    let own = storage.device_of_user(alex, &phone).await.unwrap().unwrap();
    assert_eq!(own.user_id, alex);
    assert_eq!(own.serial_number.as_deref(), Some("serial-d1"));
    assert!(storage.device_record(&sams).await.unwrap().is_some());

    assert!(!storage
        .rename_device(sam, &phone, "Mine now", T0)
        .await
        .unwrap());
    assert!(storage
        .rename_device(alex, &phone, "Work phone", T0)
        .await
        .unwrap());
    assert_eq!(
        storage
            .device_record(&phone)
            .await
            .unwrap()
            .unwrap()
            .summary
            .display_name,
        "Work phone"
    );
    assert_eq!(storage.device_count_of_user(alex).await.unwrap(), 2);
    assert_eq!(storage.device_count_of_user(sam).await.unwrap(), 1);
}

async fn reported_facts_keep_what_was_not_reported_and_the_users_name(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let id = device(storage, alex, "d1", "iPhone").await;
    let record = || async { storage.device_record(&id).await.unwrap().unwrap() };
    storage
        .save_device_facts(
            &id,
            &ReportedFacts {
                device_name: Some("Alex's iPhone".into()),
                os_version: Some("17.5".into()),
                passcode_present: Some(true),
                ..ReportedFacts::default()
            },
        )
        .await
        .unwrap();
    let reported = record().await;
    assert_eq!(reported.summary.display_name, "Alex's iPhone");
    assert_eq!(reported.summary.os_version.as_deref(), Some("17.5"));
    assert_eq!(reported.summary.model, "iPhone 15", "not reported: kept");
    assert_eq!(reported.serial_number.as_deref(), Some("serial-d1"));
    assert_eq!(reported.passcode_present, Some(true));

    storage
        .save_device_facts(
            &id,
            &ReportedFacts {
                build_version: Some("21F79".into()),
                serial_number: Some("F2LX".into()),
                ..ReportedFacts::default()
            },
        )
        .await
        .unwrap();
    let reported = record().await;
    assert_eq!(reported.summary.os_version.as_deref(), Some("17.5"));
    assert_eq!(reported.build_version.as_deref(), Some("21F79"));
    assert_eq!(reported.serial_number.as_deref(), Some("F2LX"));

    // Once the user named it, the device's own name no longer replaces it.
    storage
        .rename_device(alex, &id, "Work phone", T0 + 1)
        .await
        .unwrap();
    storage
        .save_device_facts(
            &id,
            &ReportedFacts {
                device_name: Some("iPhone".into()),
                ..ReportedFacts::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(record().await.summary.display_name, "Work phone");

    storage.mark_facts_reported(&id, T0 + 5).await.unwrap();
    storage
        .save_compliance(&id, ComplianceState::NotCompliant, Some(T0 + 6))
        .await
        .unwrap();
    let judged = record().await;
    assert_eq!(judged.facts_reported_at, Some(T0 + 5));
    assert_eq!(judged.summary.compliance, ComplianceState::NotCompliant);
    assert_eq!(judged.non_compliant_since, Some(T0 + 6));
}

async fn removing_a_device_forgets_it_and_revokes_its_identity(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let enrollment_id = create(storage, "e1", alex, T0).await;
    let profile = downloaded_profile(storage, &enrollment_id, "p1", T0, T0 + 900).await;
    let identity = CertificateFingerprint(hash("identity"));
    storage
        .record_identity_issued(profile.id, &identity, T0, T0 + 86_400)
        .await
        .unwrap();
    let (id, _) = storage
        .enroll_device(
            &new_device(alex, &enrollment_id, "d1", "iPhone", identity),
            T0 + 1,
        )
        .await
        .unwrap();
    queue_at(
        storage,
        alex,
        &id,
        command("c1", Some(DeviceAction::RemoteLock)),
        T0,
    )
    .await;
    let event = AuditEvent {
        user_id: alex,
        action: DeviceAction::Remove,
        device_id: id.clone(),
        occurred_at: T0 + 2,
        outcome: AuditOutcome::Queued,
    };
    storage.add_audit_event(&event).await.unwrap();

    assert!(storage.remove_device(&id, T0 + 10).await.unwrap());
    assert!(!storage.remove_device(&id, T0 + 11).await.unwrap());
    assert_eq!(storage.device_record(&id).await.unwrap(), None);
    assert_eq!(storage.device_by_identity(&identity).await.unwrap(), None);
    assert!(storage.commands_of_device(&id).await.unwrap().is_empty());
    assert_eq!(
        storage.identity_revoked_at(&identity).await.unwrap(),
        Some(T0 + 10)
    );
    let enrollment = storage.enrollment(&enrollment_id).await.unwrap().unwrap();
    assert_eq!(
        enrollment.state,
        EnrollmentState::Enrolled,
        "kept as history"
    );
    assert_eq!(enrollment.device_id, None);
    assert_eq!(storage.device_count_of_user(alex).await.unwrap(), 0);
    assert_eq!(
        storage.audit_events_of_user(alex).await.unwrap(),
        [event],
        "the audit trail outlives the device"
    );
}

// --- Commands ---------------------------------------------------------------

async fn one_unfinished_request_per_action_and_device(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let id = device(storage, alex, "d1", "iPhone").await;
    let lock = |uuid: &str| command(uuid, Some(DeviceAction::RemoteLock));

    assert_eq!(
        queue_at(storage, sam, &id, lock("c0"), T0).await,
        QueueOutcome::NotFound,
        "not Sam's device"
    );
    assert_eq!(
        queue_at(storage, alex, &DeviceId("none".into()), lock("c0"), T0).await,
        QueueOutcome::NotFound
    );
    assert_eq!(
        queue_at(storage, alex, &id, lock("c1"), T0).await,
        QueueOutcome::Queued
    );
    assert_eq!(
        queue_at(storage, alex, &id, lock("c2"), T0 + 1).await,
        QueueOutcome::AlreadyPending
    );
    let queued = storage.commands_of_device(&id).await.unwrap();
    assert_eq!(uuids(&queued), ["c1"]);
    let c1 = &queued[0];
    assert_eq!(
        (c1.state, c1.action, c1.created_at),
        (CommandState::Queued, Some(DeviceAction::RemoteLock), T0)
    );
    assert_eq!(c1.request_type, "DeviceLock");
    assert_eq!(c1.payload, b"<plist>c1</plist>");
    assert_eq!(c1.request_id, "c1", "alone: its own request");

    // The portal's own commands are not limited.
    for uuid in ["own1", "own2"] {
        assert_eq!(
            queue_at(storage, alex, &id, command(uuid, None), T0).await,
            QueueOutcome::Queued
        );
    }

    // A request of two commands is queued together, and counts as one.
    let check = |uuid: &str, request_type: &str, request: &str| NewCommand {
        request_type: request_type.into(),
        request_id: Some(request.into()),
        ..command(uuid, Some(DeviceAction::CheckStatus))
    };
    let status = [
        check("c3", "DeviceInformation", "r1"),
        check("c4", "SecurityInfo", "r1"),
    ];
    assert_eq!(
        storage
            .queue_commands(alex, &id, &status, T0 + 2)
            .await
            .unwrap(),
        QueueOutcome::Queued
    );
    assert_eq!(
        uuids(&storage.commands_of_request(&id, "r1").await.unwrap()),
        ["c3", "c4"]
    );
    let again = [
        check("c5", "DeviceInformation", "r2"),
        check("c6", "SecurityInfo", "r2"),
    ];
    assert_eq!(
        storage
            .queue_commands(alex, &id, &again, T0 + 3)
            .await
            .unwrap(),
        QueueOutcome::AlreadyPending
    );

    // All or none: one pending action keeps the whole request out.
    let mixed = [command("c7", Some(DeviceAction::Remove)), lock("c8")];
    assert_eq!(
        storage
            .queue_commands(alex, &id, &mixed, T0 + 4)
            .await
            .unwrap(),
        QueueOutcome::AlreadyPending
    );
    assert_eq!(
        uuids(&storage.commands_of_device(&id).await.unwrap()),
        ["c1", "own1", "own2", "c3", "c4"]
    );

    // Once answered, the action can be asked for again.
    storage
        .record_command_result(&id, "c1", CommandState::Acknowledged, None, T0 + 5)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        queue_at(storage, alex, &id, lock("c9"), T0 + 6).await,
        QueueOutcome::Queued
    );
}

async fn racing_requests_queue_one_command(storage: Arc<dyn Storage>) {
    let (alex, _) = alex_and_sam(storage.as_ref()).await;
    let id = device(storage.as_ref(), alex, "d1", "iPhone").await;
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..8 {
        let storage = storage.clone();
        let id = id.clone();
        requests.spawn(async move {
            let lock = command(&format!("c{n}"), Some(DeviceAction::RemoteLock));
            storage.queue_command(alex, &id, &lock, T0).await.unwrap()
        });
    }
    let mut outcomes = Vec::new();
    while let Some(outcome) = requests.join_next().await {
        outcomes.push(outcome.unwrap());
    }
    let queued = outcomes
        .iter()
        .filter(|o| **o == QueueOutcome::Queued)
        .count();
    assert_eq!(queued, 1, "{outcomes:?}");
    assert!(outcomes
        .iter()
        .all(|o| matches!(o, QueueOutcome::Queued | QueueOutcome::AlreadyPending)));
    assert_eq!(storage.commands_of_device(&id).await.unwrap().len(), 1);
}

async fn commands_go_out_user_actions_first_oldest_first_until_answered(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let id = device(storage, alex, "d1", "iPhone").await;
    let sams = device(storage, sam, "d2", "iPad").await;
    queue_at(storage, alex, &id, command("own1", None), T0).await;
    queue_at(
        storage,
        alex,
        &id,
        command("lock", Some(DeviceAction::RemoteLock)),
        T0 + 1,
    )
    .await;
    queue_at(storage, alex, &id, command("own2", None), T0 + 2).await;
    queue_at(
        storage,
        alex,
        &id,
        command("check", Some(DeviceAction::CheckStatus)),
        T0 + 3,
    )
    .await;
    let id = &id;
    let next = |at: Timestamp| async move {
        storage
            .send_next_command(id, at)
            .await
            .unwrap()
            .map(|c| (c.command_uuid, c.state, c.sent_at))
    };
    let answer = |uuid: &'static str, state: CommandState, failure: Option<CommandFailure>, at| async move {
        storage
            .record_command_result(id, uuid, state, failure.as_ref(), at)
            .await
            .unwrap()
    };

    // User actions first, oldest first; unanswered, it is handed out again.
    assert_eq!(
        next(T0 + 10).await,
        Some(("lock".into(), CommandState::Sent, Some(T0 + 10)))
    );
    assert_eq!(
        next(T0 + 11).await,
        Some(("lock".into(), CommandState::Sent, Some(T0 + 11)))
    );
    let acknowledged = answer("lock", CommandState::Acknowledged, None, T0 + 12)
        .await
        .unwrap();
    assert_eq!(
        (acknowledged.state, acknowledged.answered_at),
        (CommandState::Acknowledged, Some(T0 + 12))
    );
    assert_eq!(
        answer("lock", CommandState::Error, None, T0 + 13).await,
        None,
        "an answer counts once"
    );
    assert_eq!(
        storage
            .record_command_result(&sams, "check", CommandState::Acknowledged, None, T0)
            .await
            .unwrap(),
        None,
        "another device's command"
    );

    // NotNow puts it back, unanswered, and it goes out again.
    assert_eq!(next(T0 + 14).await.unwrap().0, "check");
    let postponed = answer("check", CommandState::Queued, None, T0 + 15)
        .await
        .unwrap();
    assert_eq!(
        (postponed.state, postponed.answered_at),
        (CommandState::Queued, None)
    );
    assert_eq!(next(T0 + 16).await.unwrap().0, "check");
    let failure = CommandFailure {
        reason: CommandFailureReason::DeviceError,
        device_says: Some("Busy".into()),
    };
    let refused = answer("check", CommandState::Error, Some(failure.clone()), T0 + 17)
        .await
        .unwrap();
    assert_eq!(refused.failure(), Some(failure));
    assert_eq!(refused.answered_at, Some(T0 + 17));

    // Then the portal's own, oldest first.
    assert_eq!(next(T0 + 18).await.unwrap().0, "own1");
    answer("own1", CommandState::Acknowledged, None, T0 + 19)
        .await
        .unwrap();
    assert_eq!(next(T0 + 20).await.unwrap().0, "own2");
    answer("own2", CommandState::Acknowledged, None, T0 + 21)
        .await
        .unwrap();
    assert_eq!(next(T0 + 22).await, None);
    assert_eq!(storage.send_next_command(&sams, T0).await.unwrap(), None);
}

async fn commands_give_up_when_due(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let id = device(storage, alex, "d1", "iPhone").await;
    let lock = NewCommand {
        gives_up_at: Some(T0 + 100),
        ..command("lock", Some(DeviceAction::RemoteLock))
    };
    queue_at(storage, alex, &id, lock, T0).await;
    queue_at(storage, alex, &id, command("own", None), T0 + 1).await;

    // Past its time it is not handed out any more.
    assert_eq!(
        storage
            .send_next_command(&id, T0 + 100)
            .await
            .unwrap()
            .map(|c| c.command_uuid),
        Some("own".into())
    );
    assert!(storage
        .expire_due_commands(&id, T0 + 99)
        .await
        .unwrap()
        .is_empty());
    let expired = storage.expire_due_commands(&id, T0 + 150).await.unwrap();
    assert_eq!(uuids(&expired), ["lock"]);
    assert_eq!(
        (expired[0].state, expired[0].answered_at),
        (CommandState::Expired, Some(T0 + 100))
    );
    assert!(storage
        .expire_due_commands(&id, T0 + 200)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        storage
            .record_command_result(&id, "lock", CommandState::Acknowledged, None, T0 + 201)
            .await
            .unwrap(),
        None,
        "too late"
    );
    assert_eq!(
        queue_at(
            storage,
            alex,
            &id,
            command("lock2", Some(DeviceAction::RemoteLock)),
            T0 + 202
        )
        .await,
        QueueOutcome::Queued
    );
}

async fn the_latest_request_of_each_action(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let id = device(storage, alex, "d1", "iPhone").await;
    queue_at(
        storage,
        alex,
        &id,
        command("lock1", Some(DeviceAction::RemoteLock)),
        T0,
    )
    .await;
    storage
        .record_command_result(&id, "lock1", CommandState::Acknowledged, None, T0)
        .await
        .unwrap();
    queue_at(
        storage,
        alex,
        &id,
        command("lock2", Some(DeviceAction::RemoteLock)),
        T0 + 1,
    )
    .await;
    let check = |uuid: &str, request_type: &str| NewCommand {
        request_type: request_type.into(),
        request_id: Some("r1".into()),
        ..command(uuid, Some(DeviceAction::CheckStatus))
    };
    storage
        .queue_commands(
            alex,
            &id,
            &[
                check("info", "DeviceInformation"),
                check("security", "SecurityInfo"),
            ],
            T0 + 2,
        )
        .await
        .unwrap();
    queue_at(storage, alex, &id, command("own", None), T0 + 3).await;
    assert_eq!(
        uuids(&storage.latest_action_commands(&id).await.unwrap()),
        ["lock2", "info", "security"]
    );
    assert_eq!(
        uuids(&storage.commands_of_device(&id).await.unwrap()),
        ["lock1", "lock2", "info", "security", "own"]
    );
    assert_eq!(
        uuids(&storage.commands_of_request(&id, "lock1").await.unwrap()),
        ["lock1"]
    );
}

// --- Notifications, audit, push -------------------------------------------

async fn notifications_newest_first_and_only_the_users(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let add = |user_id: UserId, at: Timestamp, kind: NotificationKind| async move {
        storage
            .add_notification(&NewNotification {
                user_id,
                device_id: DeviceId("d1".into()),
                device_name: "iPhone".into(),
                kind,
                message: format!("{kind:?} at {at}"),
                details: NotificationDetails {
                    compliance: Some(ComplianceState::Compliant),
                    ..NotificationDetails::default()
                },
                created_at: at,
            })
            .await
            .unwrap()
    };
    let first = add(alex, T0, NotificationKind::RemoteLockSucceeded).await;
    let second = add(alex, T0 + 5, NotificationKind::CheckStatusFinished).await;
    add(sam, T0 + 1, NotificationKind::RemoveFinished).await;
    let third = add(alex, T0 + 5, NotificationKind::RemoveFailed).await;
    let notes = storage.notifications_of_user(alex).await.unwrap();
    assert_eq!(
        notes.iter().map(|n| n.id).collect::<Vec<_>>(),
        [third, second, first]
    );
    let note = &notes[1];
    assert_eq!(note.kind, NotificationKind::CheckStatusFinished);
    assert_eq!(note.device_id, DeviceId("d1".into()));
    assert_eq!(note.device_name, "iPhone");
    assert_eq!(note.message, format!("CheckStatusFinished at {}", T0 + 5));
    assert_eq!(note.created_at, T0 + 5);
    assert_eq!(
        note.details.as_ref().and_then(|d| d.compliance),
        Some(ComplianceState::Compliant)
    );
    assert_eq!(storage.notifications_of_user(sam).await.unwrap().len(), 1);
}

async fn the_audit_trail_oldest_first_and_kept(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, sam) = alex_and_sam(storage).await;
    let event = |user_id: UserId, at: Timestamp, action: DeviceAction, outcome| AuditEvent {
        user_id,
        action,
        device_id: DeviceId("d1".into()),
        occurred_at: at,
        outcome,
    };
    let events = [
        event(alex, T0 + 5, DeviceAction::Rename, AuditOutcome::Renamed),
        event(alex, T0, DeviceAction::RemoteLock, AuditOutcome::Queued),
        event(sam, T0 + 1, DeviceAction::Remove, AuditOutcome::Refused),
        event(
            alex,
            T0,
            DeviceAction::CheckStatus,
            AuditOutcome::AlreadyPending,
        ),
    ];
    for e in &events {
        storage.add_audit_event(e).await.unwrap();
    }
    assert_eq!(
        storage.audit_events_of_user(alex).await.unwrap(),
        [events[1].clone(), events[3].clone(), events[0].clone()]
    );
    assert_eq!(
        storage.audit_events_of_user(sam).await.unwrap(),
        [events[2].clone()]
    );
}

async fn push_targets_and_problems(storage: Arc<dyn Storage>) {
    let storage = storage.as_ref();
    let (alex, _) = alex_and_sam(storage).await;
    let enrollment_id = create(storage, "e1", alex, T0).await;
    let silent = NewDevice {
        push_token: None,
        push_magic: None,
        ..new_device(
            alex,
            &enrollment_id,
            "d1",
            "iPhone",
            CertificateFingerprint(hash("d1")),
        )
    };
    let (id, _) = storage.enroll_device(&silent, T0).await.unwrap();
    assert_eq!(
        storage.push_target(&id).await.unwrap(),
        None,
        "sent no token"
    );
    assert_eq!(
        storage.device_push_state(&id).await.unwrap(),
        Some(DevicePushState::default())
    );

    let reachable = device(storage, alex, "d2", "iPad").await;
    assert_eq!(
        storage.push_target(&reachable).await.unwrap(),
        Some(PushTarget {
            token: b"token-1".to_vec(),
            push_magic: "magic-1".into(),
            topic: Some("com.apple.mgmt.External.contoso".into()),
            token_invalid_since: None,
        })
    );
    storage
        .mark_push_token_invalid(&reachable, T0 + 1)
        .await
        .unwrap();
    storage
        .mark_push_token_invalid(&reachable, T0 + 2)
        .await
        .unwrap();
    storage
        .record_push_delivered(&reachable, T0 + 3)
        .await
        .unwrap();
    storage
        .record_push_failure(&reachable, T0 + 4)
        .await
        .unwrap();
    assert_eq!(
        storage.device_push_state(&reachable).await.unwrap(),
        Some(DevicePushState {
            token_invalid_since: Some(T0 + 1),
            last_push_at: Some(T0 + 3),
            last_push_failure_at: Some(T0 + 4),
        })
    );
    assert_eq!(
        storage
            .push_target(&reachable)
            .await
            .unwrap()
            .unwrap()
            .token_invalid_since,
        Some(T0 + 1)
    );
    assert_eq!(
        storage
            .device_push_state(&DeviceId("none".into()))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        storage.push_target(&DeviceId("none".into())).await.unwrap(),
        None
    );

    assert_eq!(storage.push_problem().await.unwrap(), None);
    let problem = |message: &str, since| PushProblem {
        message: message.into(),
        since,
    };
    storage
        .set_push_problem(Some("ExpiredCertificate"), T0)
        .await
        .unwrap();
    storage
        .set_push_problem(Some("ExpiredCertificate"), T0 + 5)
        .await
        .unwrap();
    assert_eq!(
        storage.push_problem().await.unwrap(),
        Some(problem("ExpiredCertificate", T0))
    );
    storage
        .set_push_problem(Some("BadCertificate"), T0 + 6)
        .await
        .unwrap();
    assert_eq!(
        storage.push_problem().await.unwrap(),
        Some(problem("BadCertificate", T0 + 6))
    );
    storage.set_push_problem(None, T0 + 7).await.unwrap();
    assert_eq!(storage.push_problem().await.unwrap(), None);
}

// --- PostgreSQL: two instances on one database ---------------------------

/// What SQLite gets from its single writer, PostgreSQL must get from locks:
/// these run each rule against two instances (two [`PostgresStorage`], each
/// with its own connection pool) sharing one database, as two portal
/// servers behind one address would.
mod postgres_instances {
    use std::collections::HashMap;

    use sqlx::{Connection, Executor};

    use super::*;

    /// Two instances on one fresh database.
    async fn two_instances() -> (
        Arc<dyn Storage>,
        Arc<dyn Storage>,
        sqlx::postgres::PgConnectOptions,
    ) {
        let options = fresh_postgres_database().await;
        let a = PostgresStorage::connect_with(options.clone())
            .await
            .unwrap();
        let b = PostgresStorage::connect_with(options.clone())
            .await
            .unwrap();
        (Arc::new(a), Arc::new(b), options)
    }

    /// Instance A or B by turns.
    fn either<'a>(n: usize, a: &'a Arc<dyn Storage>, b: &'a Arc<dyn Storage>) -> Arc<dyn Storage> {
        if n.is_multiple_of(2) {
            a.clone()
        } else {
            b.clone()
        }
    }

    #[tokio::test]
    async fn commands_are_answered_once_when_two_instances_serve_a_device() {
        let (a, b, _) = two_instances().await;
        let (alex, _) = alex_and_sam(a.as_ref()).await;
        let id = device(a.as_ref(), alex, "d1", "iPhone").await;
        const COMMANDS: usize = 40;
        for n in 0..COMMANDS {
            queue_at(
                a.as_ref(),
                alex,
                &id,
                command(&format!("c{n:02}"), None),
                T0,
            )
            .await;
        }
        // Four pollers, two per instance, each answering what it gets at
        // once: every command is answered exactly once, none is handed out
        // after its answer (that would be answered a second time).
        let mut pollers = tokio::task::JoinSet::new();
        for n in 0..4 {
            let storage = either(n, &a, &b);
            let id = id.clone();
            pollers.spawn(async move {
                let mut answered = Vec::new();
                while let Some(sent) = storage.send_next_command(&id, T0 + 1).await.unwrap() {
                    assert_eq!(sent.state, CommandState::Sent);
                    let result = storage
                        .record_command_result(
                            &id,
                            &sent.command_uuid,
                            CommandState::Acknowledged,
                            None,
                            T0 + 2,
                        )
                        .await
                        .unwrap();
                    if result.is_some() {
                        answered.push(sent.command_uuid);
                    }
                }
                answered
            });
        }
        let mut answers: HashMap<String, usize> = HashMap::new();
        while let Some(answered) = pollers.join_next().await {
            for uuid in answered.unwrap() {
                *answers.entry(uuid).or_default() += 1;
            }
        }
        assert_eq!(answers.len(), COMMANDS, "{answers:?}");
        assert!(answers.values().all(|count| *count == 1), "{answers:?}");
        let commands = b.commands_of_device(&id).await.unwrap();
        assert!(commands
            .iter()
            .all(|c| c.state == CommandState::Acknowledged));
    }

    #[tokio::test]
    async fn a_poll_skips_the_command_another_instance_is_handing_out() {
        let (a, _, options) = two_instances().await;
        let (alex, _) = alex_and_sam(a.as_ref()).await;
        let id = device(a.as_ref(), alex, "d1", "iPhone").await;
        queue_at(a.as_ref(), alex, &id, command("first", None), T0).await;
        queue_at(a.as_ref(), alex, &id, command("second", None), T0 + 1).await;
        // Another instance in the middle of handing out "first": its row
        // is locked until that transaction ends.
        let mut other = sqlx::PgConnection::connect_with(&options).await.unwrap();
        other.execute("BEGIN").await.unwrap();
        other
            .execute("SELECT 1 FROM mdm_commands WHERE command_uuid = 'first' FOR UPDATE")
            .await
            .unwrap();
        // This poll neither waits for it nor takes it too.
        let sent = tokio::time::timeout(Duration::from_secs(10), a.send_next_command(&id, T0 + 2))
            .await
            .expect("a poll waited for another instance's lock")
            .unwrap()
            .unwrap();
        assert_eq!(sent.command_uuid, "second");
        other.execute("ROLLBACK").await.unwrap();
        // Once free, the older command goes out first again.
        let next = a.send_next_command(&id, T0 + 3).await.unwrap().unwrap();
        assert_eq!(next.command_uuid, "first");
    }

    #[tokio::test]
    async fn single_use_values_are_used_once_across_instances() {
        let (a, b, _) = two_instances().await;
        let (alex, _) = alex_and_sam(a.as_ref()).await;
        let id = create(a.as_ref(), "e1", alex, T0).await;

        // A profile link downloads once.
        let token = ProfileTokenHash(hash("token-p1"));
        a.issue_profile(&id, &token, T0).await.unwrap();
        let mut downloads = tokio::task::JoinSet::new();
        for n in 0..8 {
            let storage = either(n, &a, &b);
            downloads.spawn(async move {
                let challenge = ScepChallengeHash(hash(&format!("challenge-{n}")));
                storage
                    .record_profile_download(&token, &challenge, T0 + 1, T0 + 900)
                    .await
                    .unwrap()
            });
        }
        let mut downloaded = 0;
        while let Some(outcome) = downloads.join_next().await {
            downloaded += usize::from(outcome.unwrap());
        }
        assert_eq!(downloaded, 1);

        // The SCEP challenge of a downloaded profile is used once.
        downloaded_profile(a.as_ref(), &id, "p2", T0 + 2, T0 + 900).await;
        let mut uses = tokio::task::JoinSet::new();
        for n in 0..8 {
            let storage = either(n, &a, &b);
            uses.spawn(async move {
                storage
                    .use_scep_challenge(&ScepChallengeHash(hash("challenge-p2")), T0 + 3)
                    .await
                    .unwrap()
            });
        }
        let mut used = 0;
        while let Some(outcome) = uses.join_next().await {
            used += usize::from(outcome.unwrap().is_some());
        }
        assert_eq!(used, 1);

        // A pending sign-in is taken once.
        a.save_pending_sign_in(&PendingSignIn {
            state: "state-1".into(),
            browser_hash: hash("browser"),
            nonce: "nonce".into(),
            pkce_verifier: "verifier".into(),
            return_to: "/devices".into(),
            created_at: T0,
        })
        .await
        .unwrap();
        let mut takes = tokio::task::JoinSet::new();
        for n in 0..8 {
            let storage = either(n, &a, &b);
            takes.spawn(async move { storage.take_pending_sign_in("state-1").await.unwrap() });
        }
        let mut taken = 0;
        while let Some(outcome) = takes.join_next().await {
            taken += usize::from(outcome.unwrap().is_some());
        }
        assert_eq!(taken, 1);
    }

    #[tokio::test]
    async fn reservations_and_queues_hold_across_instances() {
        let (a, b, _) = two_instances().await;
        let (alex, _) = alex_and_sam(a.as_ref()).await;

        // Ten sign-in attempts at once through both, three allowed.
        let mut attempts = tokio::task::JoinSet::new();
        for n in 0..10 {
            let storage = either(n, &a, &b);
            attempts.spawn(async move {
                let three = |recent: RecentAttempts| {
                    (recent.pair.count >= 3).then_some(Duration::from_secs(60))
                };
                storage
                    .reserve_sign_in_attempt(ALEX, "203.0.113.7", T0 - 60, T0, &three)
                    .await
                    .unwrap()
            });
        }
        let mut recorded = 0;
        while let Some(outcome) = attempts.join_next().await {
            recorded += usize::from(outcome.unwrap().is_ok());
        }
        assert_eq!(recorded, 3);

        // One remote lock at a time per device, whichever instance asks.
        let id = device(a.as_ref(), alex, "d1", "iPhone").await;
        let mut requests = tokio::task::JoinSet::new();
        for n in 0..8 {
            let storage = either(n, &a, &b);
            let id = id.clone();
            requests.spawn(async move {
                let lock = command(&format!("lock{n}"), Some(DeviceAction::RemoteLock));
                storage.queue_command(alex, &id, &lock, T0).await.unwrap()
            });
        }
        let mut queued = 0;
        while let Some(outcome) = requests.join_next().await {
            queued += usize::from(outcome.unwrap() == QueueOutcome::Queued);
        }
        assert_eq!(queued, 1);

        // Two enrollments started at once leave one unfinished.
        let mut creations = tokio::task::JoinSet::new();
        for n in 0..6 {
            let storage = either(n, &a, &b);
            creations.spawn(async move {
                storage
                    .create_enrollment(&new_enrollment(&format!("e{n}"), alex, T0 + 10))
                    .await
                    .unwrap()
            });
        }
        while let Some(outcome) = creations.join_next().await {
            outcome.unwrap();
        }
        let mut unfinished = 0;
        for n in 0..6 {
            let enrollment = b
                .enrollment(&EnrollmentId(format!("e{n}")))
                .await
                .unwrap()
                .unwrap();
            unfinished += usize::from(enrollment.state != EnrollmentState::Replaced);
        }
        assert_eq!(unfinished, 1);
    }
}
