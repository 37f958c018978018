//! Running the portal: bind, pick HTTPS or plain HTTP, serve until SIGINT or
//! SIGTERM, then finish the requests in flight.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum_server::Handle;

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, ConnectionLimits, PublicUrl, Scheme};
use crate::connections;
use crate::enrollment::signing::{ProfileSigner, ProfileSigningError};
use crate::mdm::ca::{self, CaError, MdmCa};
use crate::push::apns::{ApnsError, ApnsOptions};
use crate::push::certificate::{self as push_certificate, PushCertificateError, PushFiles};
use crate::push::pusher::start_pusher;
use crate::push::PushCertificate;
use crate::storage::Storage;
use crate::tls::{self, TlsError};
use crate::{build_app, AppState};

/// How long requests in flight may take to finish after a shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// How the server speaks to browsers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// HTTPS with the operator's certificate chain and key (PEM files).
    Tls { cert: PathBuf, key: PathBuf },
    /// HTTPS with a self-signed certificate kept beside the database.
    SelfSignedTls,
    /// Plain HTTP, for running behind a TLS-terminating proxy. Cookies stay
    /// Secure, so browsers must still reach the proxy over HTTPS.
    PlainHttp,
}

/// What `portal-server serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// `host:port`; port 0 picks a free port.
    pub listen: String,
    /// The database file (the self-signed certificate is kept beside it).
    pub database: PathBuf,
    pub static_dir: PathBuf,
    /// Defaults to `https://<bound address>` (`http://` with plain HTTP).
    pub public_url: Option<PublicUrl>,
    pub transport: Transport,
    /// The certificate chain and key (PEM) that sign enrollment profiles;
    /// by default the TLS certificate's.
    pub profile_signing: Option<ProfileSigning>,
    /// Proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Where pushes go (Apple's gateway, or a test one).
    pub apns: ApnsOptions,
    /// Time limits and the cap on connections.
    pub limits: ConnectionLimits,
    /// Event streams one session may have open at once.
    pub event_streams_per_session: usize,
    /// The PostgreSQL database other instances share, if any: changes are
    /// relayed between the instances through it (`instances`).
    pub shared_database: Option<sqlx::PgPool>,
}

/// Where the profile-signing certificate chain and key are (PEM files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSigning {
    pub cert: PathBuf,
    pub key: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Tls(#[from] TlsError),
    #[error("the profile-signing certificate: {0}")]
    ProfileSigning(#[from] ProfileSigningError),
    #[error("the APNs client: {0}")]
    Apns(#[from] ApnsError),
    #[error("the MDM device CA: {0}")]
    MdmCa(#[from] CaError),
    #[error("the MDM push certificate: {0}")]
    PushCertificate(#[from] PushCertificateError),
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
    #[error("the server task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("relaying changes between instances: {0}")]
    Relay(#[from] crate::storage::StorageError),
}

/// Serves the portal until SIGINT or SIGTERM. `on_listening` runs once the
/// server accepts connections, with the URL people reach it at.
pub async fn serve(
    options: ServeOptions,
    storage: Arc<dyn Storage>,
    on_listening: impl FnOnce(&PublicUrl),
) -> Result<(), ServeError> {
    // Bind first, so port 0 becomes a real port before anything names it.
    let listener = std::net::TcpListener::bind(options.listen.as_str()).map_err(|source| {
        ServeError::Bind {
            address: options.listen.clone(),
            source,
        }
    })?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let scheme = match options.transport {
        Transport::PlainHttp => Scheme::Http,
        Transport::Tls { .. } | Transport::SelfSignedTls => Scheme::Https,
    };
    let public_url = options
        .public_url
        .clone()
        .unwrap_or_else(|| PublicUrl::for_listener(address, scheme));

    let self_signed = || -> Result<ProfileSigning, TlsError> {
        let (cert, key) = tls::self_signed_paths(&options.database);
        let names = tls::self_signed_names(public_url.host_name());
        tls::load_or_create_self_signed(&cert, &key, &names)?;
        Ok(ProfileSigning { cert, key })
    };
    let (tls, tls_files) = match &options.transport {
        Transport::PlainHttp => (None, None),
        Transport::Tls { cert, key } => (
            Some(tls::server_config(cert, key)?),
            Some(ProfileSigning {
                cert: cert.clone(),
                key: key.clone(),
            }),
        ),
        Transport::SelfSignedTls => {
            let files = self_signed()?;
            (
                Some(tls::server_config(&files.cert, &files.key)?),
                Some(files),
            )
        }
    };
    // Profiles are signed by the operator's choice, else the TLS
    // certificate, else (plain HTTP behind a proxy) a self-signed one.
    let signing = match (options.profile_signing.clone(), tls_files) {
        (Some(chosen), _) => chosen,
        (None, Some(files)) => files,
        (None, None) => self_signed()?,
    };
    let profile_signer = ProfileSigner::load(&signing.cert, &signing.key)?;
    tracing::info!(
        subject = %profile_signer.subject(),
        path = %signing.cert.display(),
        "signing enrollment profiles"
    );

    let (ca_cert, ca_key) = ca::ca_paths(&options.database);
    let mdm_ca = MdmCa::load_or_create(&ca_cert, &ca_key, SystemClock.now())?;

    let push_certificate = load_push_certificate(&options.database)?;

    let mut config = Config::new(public_url.clone(), options.static_dir.clone());
    config.trusted_proxies = options.trusted_proxies.clone();
    config.request_timeout = options.limits.request_timeout;
    config.event_streams_per_session = options.event_streams_per_session;
    let state = AppState::new(
        config,
        storage,
        Arc::new(SystemClock),
        Arc::new(mdm_ca),
        Arc::new(profile_signer),
    );
    let pusher = start_pusher(&state, push_certificate.as_deref(), &options.apns)?;
    let state = state.with_push(push_certificate.clone(), pusher);
    if let Some(pool) = options.shared_database.clone() {
        crate::instances::relay_between_instances(&state, pool).await?;
    }
    if let Some(certificate) = push_certificate {
        tokio::spawn(push_certificate::watch_expiry(
            certificate,
            Arc::new(SystemClock),
        ));
    }
    let app = build_app(state).into_make_service_with_connect_info::<SocketAddr>();

    let handle = Handle::new();
    tokio::spawn(shutdown_on_signal(handle.clone()));
    let server = tokio::spawn(connections::serve_listener(
        listener,
        tls,
        app,
        options.limits,
        handle.clone(),
    ));
    if handle.listening().await.is_some() {
        tracing::info!(%address, url = %public_url, "Company Portal is listening");
        on_listening(&public_url);
    }
    server.await??;
    tracing::info!("Company Portal stopped");
    Ok(())
}

/// The installed MDM push certificate, logged; without one the portal
/// serves but hands out no enrollment profiles, and the log says what the
/// operator must do.
fn load_push_certificate(
    database: &std::path::Path,
) -> Result<Option<Arc<PushCertificate>>, PushCertificateError> {
    let files = PushFiles::beside(database);
    match push_certificate::load(&files)? {
        Some(certificate) => {
            tracing::info!(
                topic = %certificate.topic,
                expires = %push_certificate::date(certificate.not_after),
                path = %files.certificate.display(),
                "using the MDM push certificate"
            );
            Ok(Some(Arc::new(certificate)))
        }
        None => {
            tracing::warn!(
                path = %files.certificate.display(),
                "no MDM push certificate: people cannot enroll devices until one is installed. \
                 Run `portal-server push-cert request`, have the request signed by an MDM \
                 vendor, upload it at https://identity.apple.com, then run \
                 `portal-server push-cert install CERT.pem` and restart (see README, \
                 \"Setting up push\")"
            );
            Ok(None)
        }
    }
}

/// Waits for SIGINT (Ctrl-C) or SIGTERM, then shuts down gracefully.
async fn shutdown_on_signal(handle: Handle<SocketAddr>) {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
    handle.graceful_shutdown(Some(SHUTDOWN_GRACE));
}
