//! The gateway: Apple's provider API for MDM pushes, and the device side's
//! endpoints, on one HTTPS listener (HTTP/2 by ALPN, HTTP/1.1 too).
//!
//! Provider API (as Apple's):
//! - `POST /3/device/<64 hex digits>` with `{"mdm": "<PushMagic>"}` and the
//!   push certificate as the TLS client certificate → 200 with `apns-id`;
//!   400 `{"reason":"BadDeviceToken"}` (unknown token), 400
//!   `PayloadEmpty` / `BadPayload` (body), 403 `MissingCertificate` (no
//!   client certificate), 400 `DeviceTokenNotForTopic` (the certificate's
//!   topic is not the one the device registered for), 410 `{"reason":"Unregistered","timestamp":<ms>}`,
//!   405 `MethodNotAllowed`. A push whose `mdm` is not the device's
//!   PushMagic is answered 200, as Apple does, and ignored, as iOS does.
//!
//! Device side (device-sim's own, not Apple's), JSON:
//! - `POST /device-sim/register` `{"topic", "push_magic"}` → `{"token"}`
//! - `GET /device-sim/wakes/<token>` waits up to 25 s → 200 `{"mdm"}`, 204
//!   (nothing yet: ask again) or 410 (unregistered)
//! - `DELETE /device-sim/devices/<token>` → 204: unregisters the token.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use rand::RngCore;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use serde_json::json;
use tokio::sync::Notify;

use super::connection::Wake;
use super::topic::topic_of_certificate;

/// How long a device's wait for a wake lasts before it asks again.
pub const WAKE_POLL: Duration = Duration::from_secs(25);
/// How long [`Gateway::wait_for_pushes`] waits at most.
const TEST_WAIT: Duration = Duration::from_secs(20);

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
    #[error("the client CA: {0}")]
    ClientCa(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
}

/// How to start a gateway.
#[derive(Debug, Clone)]
pub struct GatewayOptions {
    /// `host:port`; port 0 picks a free port.
    pub listen: String,
    /// The CA (PEM) that issued the push certificates it accepts; settable
    /// later with [`Gateway::set_client_ca`]. Without one every push is
    /// answered 403.
    pub client_ca_pem: Option<String>,
}

impl Default for GatewayOptions {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:0".into(),
            client_ca_pem: None,
        }
    }
}

/// Whether a push reached a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Delivered: the device wakes.
    Woke,
    /// Answered 200, but its `mdm` is not the device's PushMagic: iOS
    /// ignores it.
    Ignored,
    /// Refused (any answer but 200).
    NotDelivered,
}

/// One push the gateway received and how it answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPush {
    /// The device token of the path (lowercase hex as sent).
    pub token: String,
    /// The client certificate's topic; `None` without one.
    pub topic: Option<String>,
    /// The body's `mdm`, when it had one.
    pub mdm: Option<String>,
    /// `HTTP/2.0` for a client that speaks like Apple wants.
    pub http_version: String,
    pub status: u16,
    pub reason: Option<String>,
    pub delivery: Delivery,
}

struct DeviceEntry {
    topic: String,
    push_magic: String,
    /// Milliseconds since the Unix epoch when it unregistered.
    unregistered_at: Option<u64>,
    wakes: VecDeque<String>,
}

#[derive(Default)]
struct State {
    devices: HashMap<String, DeviceEntry>,
    pushes: Vec<ReceivedPush>,
    /// Answers to give instead of the real ones (fault injection).
    forced: VecDeque<(u16, String)>,
    /// Pushes wait before being answered while set.
    held: bool,
    /// Pushes that reached the handler, answered or not.
    arrived: usize,
}

struct Shared {
    state: Mutex<State>,
    /// Rung on every change of `state`.
    changed: Notify,
    tls: RwLock<Arc<ServerConfig>>,
    server_cert: CertificateDer<'static>,
    server_key: PrivateKeyDer<'static>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Changes the state and wakes whoever waits on it.
    fn update<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        let result = change(&mut self.lock());
        self.changed.notify_waiters();
        result
    }

    /// Waits until `ready` gives a value, or `limit` passes.
    async fn wait_for<T>(
        &self,
        limit: Duration,
        mut ready: impl FnMut(&mut State) -> Option<T>,
    ) -> Option<T> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(value) = ready(&mut self.lock()) {
                return Some(value);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return ready(&mut self.lock());
            }
        }
    }
}

/// A running stand-in APNs gateway; stops when dropped.
pub struct Gateway {
    shared: Arc<Shared>,
    address: SocketAddr,
    certificate_pem: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A handle on a gateway's device side, for [`super::PushConnection`].
#[derive(Clone)]
pub(crate) struct GatewayHandle(Arc<Shared>);

impl Gateway {
    /// Binds, makes a self-signed TLS certificate for 127.0.0.1 and
    /// localhost, and serves until dropped.
    pub async fn start(options: GatewayOptions) -> Result<Gateway, GatewayError> {
        let listener = tokio::net::TcpListener::bind(&options.listen)
            .await
            .map_err(|source| GatewayError::Bind {
                address: options.listen.clone(),
                source,
            })?;
        let address = listener.local_addr()?;
        let certified =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()])
                .map_err(|e| GatewayError::Tls(e.to_string()))?;
        let server_cert = CertificateDer::from(certified.cert.der().to_vec());
        let server_key = PrivateKeyDer::Pkcs8(certified.signing_key.serialize_der().into());
        let tls = tls_config(&server_cert, &server_key, options.client_ca_pem.as_deref())?;
        let shared = Arc::new(Shared {
            state: Mutex::default(),
            changed: Notify::new(),
            tls: RwLock::new(tls),
            server_cert,
            server_key,
        });
        let task = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Gateway {
            shared,
            address,
            certificate_pem: certified.cert.pem(),
            task,
        })
    }

    /// `https://127.0.0.1:<port>`: the portal's `--apns-url`.
    pub fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The gateway's self-signed TLS certificate (PEM): the portal's
    /// `--apns-ca`, and the device side's trust.
    pub fn certificate_pem(&self) -> &str {
        &self.certificate_pem
    }

    /// Accepts push certificates issued by this CA (PEM) from the next
    /// connection on.
    pub fn set_client_ca(&self, ca_pem: &str) -> Result<(), GatewayError> {
        let config = tls_config(
            &self.shared.server_cert,
            &self.shared.server_key,
            Some(ca_pem),
        )?;
        *self.shared.tls.write().unwrap_or_else(|e| e.into_inner()) = config;
        Ok(())
    }

    /// The next `count` pushes are answered `status` with `reason` (e.g.
    /// 429 `TooManyRequests`, 503 `ServiceUnavailable`, 403
    /// `BadCertificate`) and not delivered.
    pub fn answer_next(&self, count: usize, status: u16, reason: &str) {
        self.shared.update(|state| {
            for _ in 0..count {
                state.forced.push_back((status, reason.to_owned()));
            }
        });
    }

    /// Pushes wait unanswered until [`Gateway::release_pushes`].
    pub fn hold_pushes(&self) {
        self.shared.update(|state| state.held = true);
    }

    pub fn release_pushes(&self) {
        self.shared.update(|state| state.held = false);
    }

    /// Every push answered so far, oldest first.
    pub fn pushes(&self) -> Vec<ReceivedPush> {
        self.shared.lock().pushes.clone()
    }

    /// Waits (at most 20 s) until `count` pushes were answered; returns
    /// them all (fewer when the time ran out).
    pub async fn wait_for_pushes(&self, count: usize) -> Vec<ReceivedPush> {
        self.shared
            .wait_for(TEST_WAIT, |state| {
                (state.pushes.len() >= count).then(|| state.pushes.clone())
            })
            .await
            .unwrap_or_default()
    }

    /// Waits (at most 20 s) until `count` pushes arrived, answered or
    /// held; returns how many did.
    pub async fn wait_for_arrivals(&self, count: usize) -> usize {
        self.shared
            .wait_for(TEST_WAIT, |state| {
                (state.arrived >= count).then_some(state.arrived)
            })
            .await
            .unwrap_or_default()
    }

    /// Device side: registers a device for `topic` and returns its new
    /// token (64 hex digits).
    pub fn register(&self, topic: &str, push_magic: &str) -> String {
        self.handle().register(topic, push_magic)
    }

    /// Device side: registers a device with a token of the test's choice.
    pub fn register_token(&self, token: &[u8], topic: &str, push_magic: &str) {
        self.handle()
            .register_with(hex::encode(token), topic, push_magic);
    }

    /// Device side: the token no longer reaches a device (erased,
    /// unenrolled); pushes to it are answered 410.
    pub fn unregister(&self, token: &str) {
        self.handle().unregister(token);
    }

    /// Device side: waits for the device's next wake (at most `limit`).
    pub async fn next_wake(&self, token: &str, limit: Duration) -> Wake {
        self.handle().next_wake(token, limit).await
    }

    pub(crate) fn handle(&self) -> GatewayHandle {
        GatewayHandle(self.shared.clone())
    }
}

impl GatewayHandle {
    pub(crate) fn register(&self, topic: &str, push_magic: &str) -> String {
        let mut token = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut token);
        let token = hex::encode(token);
        self.register_with(token.clone(), topic, push_magic);
        token
    }

    fn register_with(&self, token: String, topic: &str, push_magic: &str) {
        self.0.update(|state| {
            state.devices.insert(
                token.to_ascii_lowercase(),
                DeviceEntry {
                    topic: topic.to_owned(),
                    push_magic: push_magic.to_owned(),
                    unregistered_at: None,
                    wakes: VecDeque::new(),
                },
            );
        });
    }

    pub(crate) fn unregister(&self, token: &str) {
        self.0.update(|state| {
            if let Some(device) = state.devices.get_mut(&token.to_ascii_lowercase()) {
                device.unregistered_at.get_or_insert_with(now_millis);
                device.wakes.clear();
            }
        });
    }

    pub(crate) async fn next_wake(&self, token: &str, limit: Duration) -> Wake {
        let token = token.to_ascii_lowercase();
        self.0
            .wait_for(limit, |state| match state.devices.get_mut(&token) {
                None => Some(Wake::Unregistered),
                Some(device) if device.unregistered_at.is_some() => Some(Wake::Unregistered),
                Some(device) => device.wakes.pop_front().map(Wake::Push),
            })
            .await
            .unwrap_or(Wake::Nothing)
    }
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or_default()
}

/// The TLS settings: HTTP/2 first by ALPN; a client certificate is asked
/// for and checked against `client_ca_pem` when one is given, but not
/// required (the device side has none; the provider API answers 403).
fn tls_config(
    server_cert: &CertificateDer<'static>,
    server_key: &PrivateKeyDer<'static>,
    client_ca_pem: Option<&str>,
) -> Result<Arc<ServerConfig>, GatewayError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| GatewayError::Tls(e.to_string()))?;
    let builder = match client_ca_pem {
        Some(pem) => {
            let mut roots = RootCertStore::empty();
            for certificate in CertificateDer::pem_slice_iter(pem.as_bytes()) {
                let certificate = certificate.map_err(|e| GatewayError::ClientCa(e.to_string()))?;
                roots
                    .add(certificate)
                    .map_err(|e| GatewayError::ClientCa(e.to_string()))?;
            }
            if roots.is_empty() {
                return Err(GatewayError::ClientCa("no certificate in the PEM".into()));
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                .allow_unauthenticated()
                .build()
                .map_err(|e| GatewayError::ClientCa(e.to_string()))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let mut config = builder
        .with_single_cert(vec![server_cert.clone()], server_key.clone_key())
        .map_err(|e| GatewayError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _peer)) = listener.accept().await else {
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let config = shared.tls.read().unwrap_or_else(|e| e.into_inner()).clone();
            let Ok(tls) = tokio_rustls::TlsAcceptor::from(config).accept(stream).await else {
                return;
            };
            let topic = tls
                .get_ref()
                .1
                .peer_certificates()
                .and_then(|chain| chain.first())
                .and_then(|leaf| topic_of_certificate(leaf));
            let service = hyper::service::service_fn(move |request| {
                let shared = shared.clone();
                let topic = topic.clone();
                async move { Ok::<_, Infallible>(answer(&shared, topic, request).await) }
            });
            let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

fn json_response(status: u16, body: serde_json::Value) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    response
}

fn empty_response(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::new()));
    *response.status_mut() = status;
    response
}

async fn answer(
    shared: &Arc<Shared>,
    topic: Option<String>,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let path = request.uri().path().to_owned();
    if let Some(token) = path.strip_prefix("/3/device/") {
        let token = token.to_owned();
        return provider_push(shared, topic, token, request).await;
    }
    let handle = GatewayHandle(shared.clone());
    let method = request.method().clone();
    if path == "/device-sim/register" && method == Method::POST {
        let body = read_body(request).await;
        let field = |name: &str| {
            body.as_ref()
                .and_then(|value| value.get(name))
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        return match (field("topic"), field("push_magic")) {
            (Some(topic), Some(push_magic)) => json_response(
                200,
                json!({ "token": handle.register(&topic, &push_magic) }),
            ),
            _ => json_response(400, json!({ "reason": "BadPayload" })),
        };
    }
    if let Some(token) = path.strip_prefix("/device-sim/wakes/") {
        if method != Method::GET {
            return json_response(405, json!({ "reason": "MethodNotAllowed" }));
        }
        return match handle.next_wake(token, WAKE_POLL).await {
            Wake::Push(mdm) => json_response(200, json!({ "mdm": mdm })),
            Wake::Nothing => empty_response(StatusCode::NO_CONTENT),
            Wake::Unregistered => json_response(410, json!({ "reason": "Unregistered" })),
        };
    }
    if let Some(token) = path.strip_prefix("/device-sim/devices/") {
        if method != Method::DELETE {
            return json_response(405, json!({ "reason": "MethodNotAllowed" }));
        }
        handle.unregister(token);
        return empty_response(StatusCode::NO_CONTENT);
    }
    json_response(404, json!({ "reason": "BadPath" }))
}

async fn read_body(request: Request<Incoming>) -> Option<serde_json::Value> {
    let bytes = request.into_body().collect().await.ok()?.to_bytes();
    serde_json::from_slice(&bytes).ok()
}

/// `POST /3/device/<token>`: Apple's answers, recorded.
async fn provider_push(
    shared: &Arc<Shared>,
    topic: Option<String>,
    token: String,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    let http_version = format!("{:?}", request.version());
    let method = request.method().clone();
    let bytes = request
        .into_body()
        .collect()
        .await
        .map(|body| body.to_bytes())
        .unwrap_or_default();
    let body: Option<serde_json::Value> = serde_json::from_slice(&bytes).ok();
    let mdm = body
        .as_ref()
        .and_then(|value| value.get("mdm"))
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned);
    shared.update(|state| state.arrived += 1);
    // Held pushes wait here, unanswered (tests of what happens meanwhile).
    shared
        .wait_for(Duration::from_secs(3600), |state| {
            (!state.held).then_some(())
        })
        .await;

    let key = token.to_ascii_lowercase();
    let (status, reason, timestamp, delivery) = shared.update(|state| {
        let decided = decide(
            state,
            method,
            topic.as_deref(),
            &key,
            bytes.is_empty(),
            mdm.as_deref(),
        );
        state.pushes.push(ReceivedPush {
            token: token.clone(),
            topic: topic.clone(),
            mdm: mdm.clone(),
            http_version: http_version.clone(),
            status: decided.0,
            reason: decided.1.clone(),
            delivery: decided.3,
        });
        decided
    });
    if status == 200 {
        let mut response = empty_response(StatusCode::OK);
        let id = uuid::Uuid::new_v4().to_string().to_uppercase();
        if let Ok(value) = hyper::header::HeaderValue::from_str(&id) {
            response.headers_mut().insert("apns-id", value);
        }
        return response;
    }
    let _ = delivery;
    let mut body = json!({ "reason": reason.unwrap_or_default() });
    if let Some(timestamp) = timestamp {
        body["timestamp"] = json!(timestamp);
    }
    json_response(status, body)
}

/// Status, reason, 410's timestamp and delivery of one push; delivers it.
fn decide(
    state: &mut State,
    method: Method,
    topic: Option<&str>,
    token: &str,
    empty: bool,
    mdm: Option<&str>,
) -> (u16, Option<String>, Option<u64>, Delivery) {
    let refuse = |status: u16, reason: &str| {
        (
            status,
            Some(reason.to_owned()),
            None,
            Delivery::NotDelivered,
        )
    };
    if method != Method::POST {
        return refuse(405, "MethodNotAllowed");
    }
    let Some(topic) = topic else {
        return refuse(403, "MissingCertificate");
    };
    if let Some((status, reason)) = state.forced.pop_front() {
        return refuse(status, &reason);
    }
    let well_formed = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return refuse(400, "BadDeviceToken");
    }
    if empty {
        return refuse(400, "PayloadEmpty");
    }
    let Some(mdm) = mdm else {
        return refuse(400, "BadPayload");
    };
    let Some(device) = state.devices.get_mut(token) else {
        return refuse(400, "BadDeviceToken");
    };
    if device.topic != topic {
        return refuse(400, "DeviceTokenNotForTopic");
    }
    if let Some(at) = device.unregistered_at {
        return (
            410,
            Some("Unregistered".into()),
            Some(at),
            Delivery::NotDelivered,
        );
    }
    if device.push_magic != mdm {
        return (200, None, None, Delivery::Ignored);
    }
    // One wake is enough for any number of pushes waiting.
    if device.wakes.is_empty() {
        device.wakes.push_back(mdm.to_owned());
    }
    (200, None, None, Delivery::Woke)
}
