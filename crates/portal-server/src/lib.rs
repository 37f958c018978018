//! The Company Portal's web server.
//!
//! A request reads in one direction: [`build_app`]'s router →
//! `security_headers` (every response) → `api` handlers (with
//! `anti_forgery`) or `static_files` → the `sign_in` service → `storage`.
//!
//! | Where | What |
//! | --- | --- |
//! | `api` | `/api/...` handlers and their routes |
//! | `sign_in` | passwords, sessions and the session cookie, throttling, the sessions behind open event streams |
//! | `account_enrollment` | account-driven enrollment: discovery, the challenge, the web sign-in's API, access tokens |
//! | `enrollment` | enrolling a device: rules, enrollments, profile downloads and their signing, events |
//! | `devices` | self-service: details, rename, remote lock, status check, removal, notifications, events; the managed web clip |
//! | `instances` | several instances on one PostgreSQL database: changes and sign-outs relayed with LISTEN/NOTIFY |
//! | `live_stream` | the server-sent events following one enrollment or device, ending with their session, one read per change for all streams of a value |
//! | `compliance` | the organization's compliance rules as a pure function |
//! | `mdm` | the device CA, `Mdm-Signature`, check-in and the command channel |
//! | `push` | the MDM push certificate, the APNs client and the push queue that wakes devices |
//! | `storage` | one small trait per concern (`UserStore`, `CommandStore`, ...), their contracts, [`Storage`] their sum; `storage/sqlite/`: all SQL, one file per concern |
//! | `static_files` | the SPA's files, caching and SPA routes |
//! | `first_paint` | the pages of the SPA as the server sends them: drawn already, with the app's start data |
//! | `security_headers` | CSP (with hashes of `index.html`'s inline scripts) and friends |
//! | `anti_forgery` | the checks on state-changing API requests |
//! | `server`, `tls` | binding, HTTPS, graceful shutdown |
//! | `connections`, `request_timeout` | what one connection or request may cost: the connection cap, header, idle and request time limits |
//! | `key_files` | writing key (mode 0600) and certificate PEM files |
//! | `demo`, `users`, `organization` | the demo seed, `user add`, `organization set` |

pub mod account_enrollment;
pub mod anti_forgery;
pub mod api;
pub mod clock;
pub mod compliance;
pub mod config;
pub mod connections;
pub mod demo;
pub mod devices;
pub mod enrollment;
pub mod error;
pub mod first_paint;
pub mod instances;
pub mod key_files;
pub mod live_stream;
pub mod mdm;
pub mod organization;
pub mod push;
pub mod request_timeout;
pub mod security_headers;
pub mod server;
pub mod sign_in;
pub mod static_files;
pub mod storage;
pub mod tls;
pub mod users;

use std::sync::Arc;

use axum::{middleware, Router};
use tower_http::trace::TraceLayer;

pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use config::{Config, PublicUrl};
pub use error::AppError;
pub use storage::postgres::PostgresStorage;
pub use storage::sqlite::SqliteStorage;
pub use storage::{Storage, StorageError};

use devices::events::DeviceEvents;
use enrollment::events::EnrollmentEvents;
use enrollment::signing::ProfileSigner;
use first_paint::FirstPaint;
use mdm::ca::MdmCa;
use security_headers::SecurityHeaders;
use static_files::StaticFiles;

/// Everything a request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub storage: Arc<dyn Storage>,
    pub clock: Arc<dyn Clock>,
    /// Issues device identities and checks the devices' signatures.
    pub mdm_ca: Arc<MdmCa>,
    /// Signs every enrollment profile the portal serves.
    pub profile_signer: Arc<ProfileSigner>,
    /// The organization's MDM push certificate; without one no enrollment
    /// profile is handed out.
    pub push_certificate: Option<Arc<push::PushCertificate>>,
    /// Wakes devices when commands are queued for them.
    pub pusher: push::pusher::Pusher,
    /// Every enrollment change, for the event streams.
    pub enrollment_events: EnrollmentEvents,
    /// Every device change, for the device event streams.
    pub device_events: DeviceEvents,
    /// The sessions behind open event streams, which end with them.
    pub stream_sessions: sign_in::stream_sessions::StreamSessions,
    /// Bounds the password checks (argon2id) running at once.
    pub password_checks: Arc<tokio::sync::Semaphore>,
    /// The organization's identity provider: HTTP client and caches.
    pub oidc: Arc<sign_in::oidc::OidcClient>,
    pub(crate) security_headers: Arc<SecurityHeaders>,
    pub(crate) static_files: StaticFiles,
    pub(crate) first_paint: Arc<FirstPaint>,
}

impl AppState {
    /// Reads `index.html` in the static folder once, for the CSP's hashes
    /// and as the template of the first paint.
    pub fn new(
        config: Config,
        storage: Arc<dyn Storage>,
        clock: Arc<dyn Clock>,
        mdm_ca: Arc<MdmCa>,
        profile_signer: Arc<ProfileSigner>,
    ) -> Self {
        let security_headers =
            SecurityHeaders::for_static_dir(&config.static_dir, config.public_url.is_https());
        let static_files = StaticFiles::new(&config.static_dir);
        let first_paint = Arc::new(FirstPaint::for_static_dir(&config.static_dir));
        let password_checks = Arc::new(tokio::sync::Semaphore::new(
            config.throttle.max_concurrent_password_checks.max(1),
        ));
        let stream_sessions = sign_in::stream_sessions::StreamSessions::new(
            config.event_streams_per_session,
            config.sessions,
        );
        Self {
            password_checks,
            stream_sessions,
            oidc: Arc::new(sign_in::oidc::OidcClient::new()),
            config: Arc::new(config),
            storage,
            clock,
            mdm_ca,
            profile_signer,
            push_certificate: None,
            pusher: push::pusher::Pusher::disabled(),
            enrollment_events: EnrollmentEvents::new(live_stream::Topic::Enrollment),
            device_events: DeviceEvents::new(live_stream::Topic::Device),
            security_headers: Arc::new(security_headers),
            static_files,
            first_paint,
        }
    }
}

impl AppState {
    /// Passes every enrollment and device change and every ended session on
    /// to the portal's other instances through `relay`.
    pub fn relay_changes_through(&self, relay: Arc<dyn live_stream::ChangeRelay>) {
        self.enrollment_events.relay_through(relay.clone());
        self.device_events.relay_through(relay.clone());
        self.stream_sessions.relay_through(relay);
    }

    /// Changes of other instances may have been missed: every stream reads
    /// its value again.
    pub fn announce_every_change(&self) {
        self.enrollment_events.announce_every_change();
        self.device_events.announce_every_change();
    }

    /// A change another instance relayed: wakes this instance's streams of
    /// that value, or ends the streams of the ended sessions. Words that do
    /// not parse are logged and dropped.
    pub fn announce_relayed_change(&self, topic: live_stream::Topic, id: &str) {
        use live_stream::RelayedId;
        match topic {
            live_stream::Topic::Session => {
                let mut hash = [0u8; 32];
                match hex::decode_to_slice(id, &mut hash) {
                    Ok(()) => self
                        .stream_sessions
                        .end_session_here(&storage::SessionTokenHash(hash)),
                    Err(_) => tracing::warn!("a relayed sign-out without a session"),
                }
            }
            live_stream::Topic::UserSessions => match id.parse::<storage::UserId>() {
                Ok(user_id) => self.stream_sessions.end_sessions_of_user_here(user_id),
                Err(_) => tracing::warn!(id, "a relayed sign-out without a user"),
            },
            live_stream::Topic::Enrollment => self
                .enrollment_events
                .announce_here(&portal_api::EnrollmentId::from_text(id)),
            live_stream::Topic::Device => self
                .device_events
                .announce_here(&portal_api::DeviceId::from_text(id)),
        }
    }

    /// The same state with the organization's push certificate and the
    /// pusher that uses it.
    pub fn with_push(
        mut self,
        certificate: Option<Arc<push::PushCertificate>>,
        pusher: push::pusher::Pusher,
    ) -> Self {
        self.push_certificate = certificate;
        self.pusher = pusher;
        self
    }
}

/// The whole portal as one router: the API under `/api`, profile downloads,
/// the MDM endpoints, the SPA for everything else, security headers on
/// every response.
///
/// Serve it with `into_make_service_with_connect_info::<SocketAddr>()`: sign-in
/// throttling needs the client's address.
pub fn build_app(state: AppState) -> Router {
    Router::new()
        .merge(api::router(&state))
        .route(
            &format!("{}/{{token}}", portal_api::routes::ENROLLMENT_PROFILES),
            axum::routing::get(enrollment::download::download_profile),
        )
        .merge(mdm::router())
        .merge(account_enrollment::router())
        // The sign-in page, and its form sent before the app took over.
        .route(
            portal_api::routes::SIGN_IN_PAGE,
            axum::routing::get(static_files::serve)
                .post(first_paint::posted_sign_in::sign_in_with_form),
        )
        .fallback(static_files::serve)
        // Inside the security headers, so a timed-out answer has them too.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_timeout::limit_request_time,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers::add_security_headers,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The span of each request: method and path, with the single-use token of
/// a profile download link left out (no secrets in logs, not even at debug
/// level), and never the query string or headers.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
    )
}

/// `path` without secrets: `/enrollment-profiles/<token>` becomes
/// `/enrollment-profiles/…`.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    let prefix = portal_api::routes::ENROLLMENT_PROFILES;
    match path.strip_prefix(prefix) {
        Some(rest) if rest.len() > 1 => format!("{prefix}/…").into(),
        _ => path.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn profile_tokens_stay_out_of_logged_paths() {
        assert_eq!(
            loggable_path("/enrollment-profiles/abcDEF123_-secret"),
            "/enrollment-profiles/…"
        );
        assert_eq!(loggable_path("/api/devices"), "/api/devices");
        assert_eq!(
            loggable_path("/enrollment-profiles"),
            "/enrollment-profiles"
        );
    }
}
