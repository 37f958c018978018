//! A portal for one test: a fresh SQLite file and static folder in a temp
//! dir, the demo organization and users, the real router, and a clock that
//! only moves when the test says so.

use portal_server::storage::{GroupStore, UserStore};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::connect_info::{ConnectInfo, MockConnectInfo};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use portal_api::{routes, ApiError, ErrorBody, NewPassword, SignInRequest};
use portal_server::config::ConnectionLimits;
use portal_server::enrollment::signing::ProfileSigner;
use portal_server::mdm::ca::{self, MdmCa};
use portal_server::push::apns::{ApnsClient, ApnsOptions};
use portal_server::push::certificate::{self as push_certificate, PushFiles};
use portal_server::push::pusher::{Pusher, RetryPolicy};
use portal_server::push::PushCertificate;
use portal_server::storage::{CertificateFingerprint, EnrollmentRecord, NewDevice};
use portal_server::{
    build_app, connections, demo, tls, AppState, Config, ManualClock, PublicUrl, SqliteStorage,
    Storage,
};
use serde::de::DeserializeOwned;
use tempfile::TempDir;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple";
pub const ALEX: &str = "alex@contoso.example";
pub const SAM: &str = "sam@contoso.example";
pub const PUBLIC_URL: &str = "https://portal.contoso.example";
/// 2026-01-01T00:00:00Z
pub const START: i64 = 1_767_225_600;
/// Where requests come from unless a test says otherwise.
pub const CLIENT: [u8; 4] = [203, 0, 113, 7];

pub const JS: &str = "company-portal-3f9c0a1b2c3d4e5f.js";
pub const WASM: &str = "company-portal-3f9c0a1b2c3d4e5f_bg.wasm";
/// What Trunk injects into index.html to start the app.
pub const LOADER: &str = "\nimport init, * as bindings from '/company-portal-3f9c0a1b2c3d4e5f.js';\nconst wasm = await init({ module_or_path: '/company-portal-3f9c0a1b2c3d4e5f_bg.wasm' });\n\nwindow.wasmBindings = bindings;\n\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n";

pub fn index_html() -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Company Portal</title>\
         <link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\">\
         <link rel=\"modulepreload\" href=\"/{JS}\" crossorigin=\"anonymous\">\
         <script type=\"module\">{LOADER}</script></head><body></body></html>"
    )
}

pub struct Portal {
    pub app: Router,
    pub storage: Arc<SqliteStorage>,
    pub clock: Arc<ManualClock>,
    pub dir: TempDir,
    /// Wakes devices (disabled unless the portal was started with push).
    pub pusher: Pusher,
    /// Serves profile downloads: `app`, or when the portal also listens on
    /// a socket, the same portal served there.
    pub download_app: Router,
    /// The state `app` serves (its event streams' sessions, its config).
    pub state: AppState,
}

/// A portal that pushes through a (test) APNs gateway.
pub struct PushSetup {
    pub certificate: PushCertificate,
    pub apns: ApnsOptions,
    pub policy: RetryPolicy,
}

impl Portal {
    /// A portal with an MDM push certificate installed, as most tests need
    /// (without one no profile is handed out), that pushes nowhere.
    pub async fn start() -> Self {
        Self::start_with(None, None).await
    }

    /// A portal whose configuration the test changes first (short time
    /// limits, fewer streams).
    pub async fn start_configured(adjust: impl Fn(&mut Config)) -> Self {
        Self::start_from(true, None, None, &adjust).await
    }

    /// The same portal served over plain HTTP on a free port of 127.0.0.1
    /// within `limits`, as `serve` serves it; stops with the test.
    pub fn listen(&self, limits: ConnectionLimits) -> SocketAddr {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let address = listener.local_addr().unwrap();
        let service =
            build_app(self.state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(connections::serve_listener(
            listener,
            None,
            service,
            limits,
            axum_server::Handle::new(),
        ));
        address
    }

    /// A portal whose organization has not installed a push certificate.
    pub async fn start_without_push_certificate() -> Self {
        Self::start_from(false, None, None, &|_| {}).await
    }

    /// A portal with push; with `listener`, also served over HTTPS there
    /// (a self-signed certificate) for a device-sim device, whose client
    /// resolves the portal's host name to it.
    pub async fn start_with(
        push: Option<PushSetup>,
        listener: Option<std::net::TcpListener>,
    ) -> Self {
        Self::start_from(true, push, listener, &|_| {}).await
    }

    async fn start_from(
        push_certificate: bool,
        push: Option<PushSetup>,
        listener: Option<std::net::TcpListener>,
        adjust: &dyn Fn(&mut Config),
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        if push_certificate {
            install_shared_push_certificate(&dir.path().join("data"));
        }
        write_static_files(&dir.path().join("dist"));
        let storage = Arc::new(
            SqliteStorage::open(&dir.path().join("data").join("portal.db"))
                .await
                .unwrap(),
        );
        let clock = Arc::new(ManualClock::new(START));
        let password = NewPassword::parse(PASSWORD).unwrap();
        demo::seed(storage.as_ref(), clock.as_ref(), &password)
            .await
            .unwrap();
        let state = state_with(&storage, &clock, dir.path(), PUBLIC_URL, adjust);
        let pusher = match push {
            Some(push) => {
                let client = ApnsClient::new(&push.certificate, &push.apns).unwrap();
                let pusher = Pusher::start(
                    client,
                    storage.clone(),
                    clock.clone(),
                    state.device_events.clone(),
                    push.policy,
                );
                Some((Arc::new(push.certificate), pusher))
            }
            None => None,
        };
        let with_push = |state: AppState| match &pusher {
            Some((certificate, pusher)) => {
                state.with_push(Some(certificate.clone()), pusher.clone())
            }
            None => state,
        };
        let mock_client = MockConnectInfo(SocketAddr::from((CLIENT, 50_000)));
        let state = with_push(state);
        let app = build_app(state.clone()).layer(mock_client);
        let download_app = match listener {
            Some(listener) => {
                // The same portal; clients resolve its host to the listener.
                let served = with_push(state_for(&storage, &clock, dir.path(), PUBLIC_URL));
                let service =
                    build_app(served.clone()).into_make_service_with_connect_info::<SocketAddr>();
                let (cert, key) =
                    tls::self_signed_paths(&dir.path().join("data").join("portal.db"));
                tls::load_or_create_self_signed(
                    &cert,
                    &key,
                    &tls::self_signed_names("portal.contoso.example"),
                )
                .unwrap();
                let config = tls::server_config(&cert, &key).unwrap();
                listener.set_nonblocking(true).unwrap();
                let server = axum_server::from_tcp_rustls(listener, config).unwrap();
                tokio::spawn(server.serve(service));
                build_app(served).layer(mock_client)
            }
            None => app.clone(),
        };
        Self {
            app,
            storage,
            clock,
            dir,
            pusher: pusher.map(|(_, pusher)| pusher).unwrap_or_default(),
            download_app,
            state,
        }
    }

    /// `GET` of a profile download link with the session cookie.
    pub async fn download(&self, path: &str, cookie: &str) -> Reply {
        send_to(
            &self.download_app,
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// The same portal believing `X-Forwarded-For` from these proxies.
    pub fn trust_proxies(&mut self, proxies: Vec<ipnet::IpNet>) {
        self.app = app_with(&self.storage, &self.clock, self.dir.path(), proxies);
    }

    /// A second server on the same database (as after a restart).
    pub fn restarted(&self) -> Router {
        app_for(&self.storage, &self.clock, self.dir.path())
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        send_to(&self.app, request).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    /// `GET` with the cookie from a sign-in.
    pub async fn get_signed_in(&self, path: &str, cookie: &str) -> Reply {
        self.send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Reply {
        self.sign_in_from(email, password, CLIENT).await
    }

    pub async fn sign_in_from(&self, email: &str, password: &str, client: [u8; 4]) -> Reply {
        self.send(sign_in_request(email, password, client)).await
    }

    /// Signs in and returns the `name=value` pair to send back as `Cookie`.
    pub async fn signed_in_cookie(&self, email: &str) -> String {
        let reply = self.sign_in(email, PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.session_cookie_pair()
    }
}

/// Takes the user out of the demo's BYOD group, so their effective
/// enrollment profile is "determine based on user choice".
pub async fn leave_byod_group(portal: &Portal, email: &str) {
    let user = portal
        .storage
        .user_by_email(&portal_api::EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(portal
        .storage
        .remove_local_group_member(portal_server::demo::DEMO_BYOD_GROUP, user.id)
        .await
        .unwrap());
}

pub async fn send_to(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Reply {
        status,
        headers,
        body,
    }
}

/// The device CA's files (certificate, key), made once per test run: an
/// RSA key takes long to make, and every portal may share one CA.
fn shared_ca_files() -> &'static (Vec<u8>, Vec<u8>) {
    static FILES: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = ca::ca_paths(&dir.path().join("portal.db"));
        MdmCa::load_or_create(&cert, &key, START).unwrap();
        (std::fs::read(&cert).unwrap(), std::fs::read(&key).unwrap())
    })
}

/// The push certificate (with its key and the stand-in push CA) every test
/// portal shares: made once per test run, since RSA keys take long to make.
fn shared_push_files() -> &'static Vec<(&'static str, Vec<u8>)> {
    static FILES: OnceLock<Vec<(&'static str, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let files = PushFiles::beside(&dir.path().join("portal.db"));
        push_certificate::set_up_demo(&files, START).unwrap();
        [
            push_certificate::PUSH_KEY_FILE,
            push_certificate::PUSH_CERT_FILE,
            push_certificate::DEMO_PUSH_CA_CERT_FILE,
            "demo-push-ca-key.pem",
        ]
        .into_iter()
        .map(|name| (name, std::fs::read(dir.path().join(name)).unwrap()))
        .collect()
    })
}

/// Puts the shared push certificate, its key and the stand-in push CA in
/// `data` (the database's folder).
pub fn install_shared_push_certificate(data: &Path) {
    std::fs::create_dir_all(data).unwrap();
    for (name, contents) in shared_push_files() {
        std::fs::write(data.join(name), contents).unwrap();
    }
}

/// The push certificate a portal in `dir` loads.
pub fn push_files(dir: &Path) -> PushFiles {
    PushFiles::beside(&dir.join("data").join("portal.db"))
}

fn app_for(storage: &Arc<SqliteStorage>, clock: &Arc<ManualClock>, dir: &Path) -> Router {
    app_with(storage, clock, dir, Vec::new())
}

fn app_with(
    storage: &Arc<SqliteStorage>,
    clock: &Arc<ManualClock>,
    dir: &Path,
    trusted_proxies: Vec<ipnet::IpNet>,
) -> Router {
    let mut state = state_for(storage, clock, dir, PUBLIC_URL);
    state.config = Arc::new(Config {
        trusted_proxies,
        ..state.config.as_ref().clone()
    });
    build_app(state).layer(MockConnectInfo(SocketAddr::from((CLIENT, 50_000))))
}

/// The portal's state as `serve` makes it, with the push certificate
/// installed in `dir` (if any) and no pusher.
fn state_for(
    storage: &Arc<SqliteStorage>,
    clock: &Arc<ManualClock>,
    dir: &Path,
    public_url: &str,
) -> AppState {
    state_with(storage, clock, dir, public_url, &|_| {})
}

/// [`state_for`] with the configuration changed by `adjust`.
fn state_with(
    storage: &Arc<SqliteStorage>,
    clock: &Arc<ManualClock>,
    dir: &Path,
    public_url: &str,
    adjust: &dyn Fn(&mut Config),
) -> AppState {
    let mut config = Config::new(PublicUrl::parse(public_url).unwrap(), dir.join("dist"));
    adjust(&mut config);
    let (ca_cert, ca_key) = ca::ca_paths(&dir.join("data").join("portal.db"));
    if !ca_cert.exists() {
        let (cert_pem, key_pem) = shared_ca_files();
        std::fs::write(&ca_cert, cert_pem).unwrap();
        std::fs::write(&ca_key, key_pem).unwrap();
    }
    let mdm_ca = MdmCa::load_or_create(&ca_cert, &ca_key, START).unwrap();
    let (chain, key) = profile_signing_files(dir);
    let signer = ProfileSigner::load(&chain, &key).unwrap();
    AppState::new(
        config,
        storage.clone(),
        clock.clone(),
        Arc::new(mdm_ca),
        Arc::new(signer),
    )
    .with_push(
        push_certificate::load(&push_files(dir))
            .unwrap()
            .map(Arc::new),
        Pusher::disabled(),
    )
}

/// The root that the test profile-signing chain reaches (PEM), as an
/// organization's public CA would be.
pub const SIGNING_ROOT_FILE: &str = "signing-root.pem";

/// A profile-signing chain like a real one: a leaf for the portal's host
/// issued by a root, kept in the test's folder (made once per folder, so a
/// restarted portal signs with the same chain). Returns the chain (leaf
/// first) and the leaf's key.
fn profile_signing_files(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let chain_path = dir.join("signing-chain.pem");
    let key_path = dir.join("signing-key.pem");
    if chain_path.is_file() {
        return (chain_path, key_path);
    }
    let root_key = KeyPair::generate().unwrap();
    let mut root = CertificateParams::new(Vec::<String>::new()).unwrap();
    root.distinguished_name
        .push(DnType::CommonName, "Contoso Test Root");
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let root_cert = root.self_signed(&root_key).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let mut leaf = CertificateParams::new(vec!["portal.contoso.example".to_owned()]).unwrap();
    leaf.distinguished_name
        .push(DnType::CommonName, "portal.contoso.example");
    let leaf_cert = leaf
        .signed_by(&leaf_key, &Issuer::new(root, &root_key))
        .unwrap();
    std::fs::write(dir.join(SIGNING_ROOT_FILE), root_cert.pem()).unwrap();
    std::fs::write(
        &chain_path,
        format!("{}{}", leaf_cert.pem(), root_cert.pem()),
    )
    .unwrap();
    std::fs::write(&key_path, leaf_key.serialize_pem()).unwrap();
    (chain_path, key_path)
}

/// The device the tests play, for Apple's schema: an iPhone on the iOS the
/// test devices report, enrolled by device enrollment.
pub fn schema_context() -> mdm_schema::Context {
    mdm_schema::Context::ios("17.4.1")
}

/// The plist inside a signed profile (DER CMS SignedData, content attached).
pub fn profile_plist(signed: &[u8]) -> Vec<u8> {
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::Decode;
    let info = ContentInfo::from_der(signed).expect("the profile is a CMS ContentInfo");
    let data: SignedData = info.content.decode_as().expect("SignedData");
    let content = data
        .encap_content_info
        .econtent
        .expect("the plist is attached");
    content
        .decode_as::<der::asn1::OctetString>()
        .expect("an OCTET STRING")
        .as_bytes()
        .to_vec()
}

/// What stands in for the SPA's Home Screen icon (a PNG by its signature).
pub const TOUCH_ICON: &[u8] = b"\x89PNG\r\n\x1a\n180x180 touch icon";
pub const SERVICE_WORKER: &[u8] = b"self.addEventListener('fetch', () => {});";
pub const MANIFEST: &[u8] = br#"{"name":"Company Portal","start_url":"/devices"}"#;

fn write_static_files(dist: &Path) {
    std::fs::create_dir_all(dist.join("icons")).unwrap();
    std::fs::create_dir_all(dist.join("locales")).unwrap();
    let index = index_html();
    let js_br = format!("{JS}.br");
    let files: [(&str, &[u8]); 13] = [
        ("index.html", index.as_bytes()),
        ("index.html.br", b"brotli index"),
        ("index.html.gz", b"gzip index"),
        (JS, b"export default function init() {}"),
        (&js_br, b"brotli js"),
        (WASM, b"\0asm\x01\0\0\0"),
        ("main-0123456789abcdef.css", b"body { margin: 0 }"),
        ("apple-touch-icon.png", TOUCH_ICON),
        ("sw.js", SERVICE_WORKER),
        ("sw.js.br", b"brotli sw"),
        ("manifest.webmanifest", MANIFEST),
        ("icons/icon-192.png", b"\x89PNG\r\n\x1a\n192x192 icon"),
        ("locales/de.json", b"{}"),
    ];
    for (name, contents) in files {
        std::fs::write(dist.join(name), contents).unwrap();
    }
}

/// A request as the portal's own pages send a state-changing one.
/// A newly enrolled device's first poll: the portal asks what iOS leaves
/// out of `Authenticate` and installs the web clip, and the device
/// acknowledges both.
pub async fn first_poll_sets_up(device: &mut device_sim::Device) {
    let outcome = device.poll_once().await.unwrap();
    let kinds: Vec<&str> = outcome
        .commands
        .iter()
        .map(|command| command.request_type.as_str())
        .collect();
    assert_eq!(kinds, ["DeviceInformation", "InstallProfile"]);
    assert!(outcome
        .commands
        .iter()
        .all(|command| command.status == "Acknowledged"));
}

pub fn portal_request(method: Method, path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header(routes::ANTI_FORGERY_HEADER, routes::ANTI_FORGERY_VALUE)
        .header(header::ORIGIN, PUBLIC_URL)
        .header("sec-fetch-site", "same-origin")
}

pub fn sign_in_request(email: &str, password: &str, client: [u8; 4]) -> Request<Body> {
    let body = serde_json::to_vec(&SignInRequest {
        email: email.into(),
        password: password.into(),
    })
    .unwrap();
    let mut request = portal_request(Method::POST, routes::SESSION)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((client, 50_000))));
    request
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    pub fn error(&self) -> ApiError {
        self.json::<ErrorBody>().error
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
            .to_str()
            .unwrap()
    }

    /// The `name=value` part of the session's `Set-Cookie`.
    pub fn session_cookie_pair(&self) -> String {
        let cookie = self.header("set-cookie");
        cookie.split(';').next().unwrap().to_owned()
    }
}

/// Stores `summary` as a device `user_id` finished enrolling at `now`, the
/// way the check-in does: an enrollment for it, then the device on it.
pub async fn store_enrolled_device(
    storage: &dyn Storage,
    user_id: i64,
    summary: &portal_api::DeviceSummary,
    now: i64,
) -> portal_api::DeviceId {
    let enrollment_id = portal_api::EnrollmentId(format!("enrollment-of-{}", summary.id.0));
    storage
        .create_enrollment(&EnrollmentRecord {
            id: enrollment_id.clone(),
            user_id,
            state: portal_api::EnrollmentState::Created,
            ownership: summary.ownership,
            enrollment_type: summary.enrollment_type,
            device: portal_api::DeviceKind::Iphone,
            reported_os_version: None,
            created_at: now,
            updated_at: now,
            downloaded_at: None,
            profiles_downloaded: 0,
            install_deadline_at: None,
            problem: None,
            device_id: None,
            device_facts: None,
            account_driven: false,
        })
        .await
        .unwrap();
    let (id, created) = storage
        .enroll_device(
            &NewDevice {
                user_id,
                enrollment_id,
                summary: summary.clone(),
                udid: Some(format!("udid-{}", summary.id.0)),
                serial_number: None,
                push_token: None,
                push_magic: None,
                mdm_topic: None,
                identity: CertificateFingerprint(sha256_of(summary.id.0.as_bytes())),
            },
            now,
        )
        .await
        .unwrap();
    assert!(created, "{id:?} was enrolled already");
    id
}

fn sha256_of(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}
