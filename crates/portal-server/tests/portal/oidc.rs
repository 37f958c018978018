//! Signing in with the organization's identity provider: against the real
//! `oidc-provider` from npm (the happy path, cancelling, an unverified
//! email), and against a tiny provider in this file whose ID tokens the
//! tests make with their own keys (every check the portal makes on them).

use portal_server::storage::{IdentityProviderStore, UserStore};
use std::collections::HashMap;
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use portal_api::{routes, CurrentUser, SignInOptions};
use portal_server::organization::{self, OidcChanges, OrganizationChanges};
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::support::{Portal, Reply, PUBLIC_URL};

const CLIENT_ID: &str = "company-portal";
const CLIENT_SECRET: &str = "company-portal-test-secret";

async fn configure(portal: &Portal, issuer: &str) {
    let changes = OrganizationChanges {
        oidc: Some(Some(OidcChanges {
            issuer: issuer.to_owned(),
            client_id: CLIENT_ID.to_owned(),
            client_secret: CLIENT_SECRET.to_owned(),
        })),
        ..Default::default()
    };
    organization::change_organization(portal.storage.as_ref(), portal.clock.as_ref(), &changes)
        .await
        .unwrap();
}

/// `GET` the start route; returns the provider URL and the pending cookie.
async fn start(portal: &Portal, return_to: &str) -> (String, String) {
    let reply = portal
        .get(&format!("{}?return_to={return_to}", routes::OIDC_START))
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let cookie = reply.header("set-cookie");
    assert!(cookie.starts_with("__Host-portal_oidc="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("Secure"));
    (
        reply.header("location").to_owned(),
        cookie.split(';').next().unwrap().to_owned(),
    )
}

fn query_param(url: &str, name: &str) -> Option<String> {
    let url = reqwest::Url::parse(url).unwrap();
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

async fn callback(portal: &Portal, query: &str, cookie: Option<&str>) -> Reply {
    let mut request = Request::get(format!("{}?{query}", routes::OIDC_CALLBACK));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    portal.send(request.body(Body::empty()).unwrap()).await
}

fn session_cookie(reply: &Reply) -> Option<String> {
    reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .find(|value| value.starts_with("__Host-portal_session=") && !value.contains("Max-Age=0"))
        .map(|value| value.split(';').next().unwrap().to_owned())
}

// --- A provider the test controls -----------------------------------------

struct TestKey {
    kid: &'static str,
    key: RsaPrivateKey,
}

fn keys() -> &'static [TestKey; 2] {
    static KEYS: OnceLock<[TestKey; 2]> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut rng = rand::thread_rng();
        [
            TestKey {
                kid: "key-1",
                key: RsaPrivateKey::new(&mut rng, 2048).unwrap(),
            },
            TestKey {
                kid: "key-2",
                key: RsaPrivateKey::new(&mut rng, 2048).unwrap(),
            },
        ]
    })
}

fn jwk(key: &TestKey) -> Value {
    let public = key.key.to_public_key();
    json!({
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": key.kid,
        "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
    })
}

fn signed_token(key: &TestKey, claims: &Value) -> String {
    token_with_kid(key, key.kid, claims)
}

fn token_with_kid(key: &TestKey, kid: &str, claims: &Value) -> String {
    let header = json!({ "alg": "RS256", "typ": "JWT", "kid": kid });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signer = SigningKey::<sha2::Sha256>::new(key.key.clone());
    let signature = signer.sign(input.as_bytes()).to_vec();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn unsigned_token(claims: &Value) -> String {
    let header = json!({ "alg": "none", "typ": "JWT" });
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

#[derive(Default)]
struct ProviderState {
    /// The keys `/jwks` serves (their indexes in `keys()`).
    published: Vec<usize>,
    /// What the token endpoint answers with next.
    id_token: String,
}

struct FakeProvider {
    issuer: String,
    state: Arc<Mutex<ProviderState>>,
    jwks_fetches: Arc<AtomicUsize>,
}

impl FakeProvider {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(ProviderState {
            published: vec![0],
            ..Default::default()
        }));
        let jwks_fetches = Arc::new(AtomicUsize::new(0));
        let discovery = json!({
            "issuer": issuer,
            "authorization_endpoint": format!("{issuer}/authorize"),
            "token_endpoint": format!("{issuer}/token"),
            "jwks_uri": format!("{issuer}/jwks"),
            "end_session_endpoint": format!("{issuer}/logout"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile", "groups"],
        });
        let jwks_state = state.clone();
        let fetches = jwks_fetches.clone();
        let token_state = state.clone();
        let app = Router::new()
            .route(
                "/.well-known/openid-configuration",
                get(move || {
                    let discovery = discovery.clone();
                    async move { Json(discovery) }
                }),
            )
            .route(
                "/jwks",
                get(move || {
                    fetches.fetch_add(1, Ordering::SeqCst);
                    let published = jwks_state.lock().unwrap().published.clone();
                    let keys: Vec<Value> = published.iter().map(|i| jwk(&keys()[*i])).collect();
                    async move { Json(json!({ "keys": keys })) }
                }),
            )
            .route(
                "/token",
                post(move || {
                    let id_token = token_state.lock().unwrap().id_token.clone();
                    async move {
                        Json(json!({
                            "access_token": "test-access-token",
                            "token_type": "Bearer",
                            "expires_in": 300,
                            "id_token": id_token,
                        }))
                    }
                }),
            );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self {
            issuer,
            state,
            jwks_fetches,
        }
    }

    fn claims(&self, nonce: &str) -> Value {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        json!({
            "iss": self.issuer, "aud": CLIENT_ID, "sub": "alex-subject",
            "iat": now, "exp": now + 300, "nonce": nonce,
            "email": "alex@contoso.example", "email_verified": true,
            "name": "Alex Wilber", "groups": ["Sales", "BYOD"],
        })
    }

    fn answer_with(&self, id_token: String) {
        self.state.lock().unwrap().id_token = id_token;
    }

    fn publish(&self, published: Vec<usize>) {
        self.state.lock().unwrap().published = published;
    }
}

/// Starts a sign-in, lets `token` make the ID token from the nonce the
/// portal sent, and returns the callback's answer.
async fn sign_in_with(
    portal: &Portal,
    provider: &FakeProvider,
    token: impl FnOnce(&str) -> String,
) -> Reply {
    let (location, cookie) = start(portal, "/devices").await;
    let state = query_param(&location, "state").unwrap();
    let nonce = query_param(&location, "nonce").unwrap();
    provider.answer_with(token(&nonce));
    callback(
        portal,
        &format!("code=the-code&state={state}"),
        Some(&cookie),
    )
    .await
}

fn assert_error(reply: &Reply, code: &str) {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let location = reply.header("location");
    assert!(
        location.starts_with(&format!("/sign-in?error={code}")),
        "{location}"
    );
    assert!(session_cookie(reply).is_none());
}

async fn portal_with_fake_provider() -> (Portal, FakeProvider) {
    let portal = Portal::start().await;
    let provider = FakeProvider::start().await;
    configure(&portal, &provider.issuer).await;
    (portal, provider)
}

#[tokio::test]
async fn a_valid_id_token_signs_in_and_returns_to_the_page_asked_for() {
    let (portal, provider) = portal_with_fake_provider().await;
    let options: SignInOptions = portal.get(routes::SIGN_IN_OPTIONS).await.json();
    assert_eq!(
        options,
        SignInOptions {
            organization_name: "Contoso".into(),
            oidc: true,
            local_accounts: true
        }
    );
    let (location, _) = start(&portal, "/devices").await;
    assert!(location.starts_with(&format!("{}/authorize?", provider.issuer)));
    assert_eq!(
        query_param(&location, "code_challenge_method").unwrap(),
        "S256"
    );
    assert_eq!(
        query_param(&location, "redirect_uri").unwrap(),
        format!("{PUBLIC_URL}{}", routes::OIDC_CALLBACK)
    );

    let key = &keys()[0];
    let reply = sign_in_with(&portal, &provider, |nonce| {
        signed_token(key, &provider.claims(nonce))
    })
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    assert_eq!(reply.header("location"), "/devices");
    let cookie = session_cookie(&reply).expect("a session");
    let me: CurrentUser = portal.get_signed_in(routes::ME, &cookie).await.json();
    // The demo's Alex (same verified email) is now linked to the provider.
    assert_eq!(me.email.as_str(), "alex@contoso.example");
    let user = portal
        .storage
        .user_by_email(&me.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        portal.storage.groups_of_user(user.id).await.unwrap(),
        ["Sales", "BYOD"]
    );

    // Sign-out offers the provider's sign-out too.
    let reply = portal
        .send(
            crate::support::portal_request(axum::http::Method::DELETE, routes::SESSION)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let signed_out: portal_api::SignedOut = reply.json();
    let url = signed_out
        .provider_sign_out_url
        .expect("a provider sign-out URL");
    assert!(
        url.starts_with(&format!("{}/logout?", provider.issuer)),
        "{url}"
    );
    assert_eq!(query_param(&url, "client_id").unwrap(), CLIENT_ID);
}

#[tokio::test]
async fn id_tokens_failing_a_check_are_refused() {
    let (portal, provider) = portal_with_fake_provider().await;
    let key = &keys()[0];
    type Change = fn(&mut Value);
    let cases: [(&str, Change); 4] = [
        ("wrong audience", |c| c["aud"] = json!("someone-else")),
        ("wrong issuer", |c| c["iss"] = json!("https://evil.example")),
        ("expired", |c| {
            c["exp"] = json!(1_000_000_000);
            c["iat"] = json!(999_999_000);
        }),
        ("wrong nonce", |c| c["nonce"] = json!("not-the-nonce")),
    ];
    for (name, change) in cases {
        let reply = sign_in_with(&portal, &provider, |nonce| {
            let mut claims = provider.claims(nonce);
            change(&mut claims);
            signed_token(key, &claims)
        })
        .await;
        assert_error(&reply, "invalid_response");
        println!("refused: {name}");
    }
    let reply = sign_in_with(&portal, &provider, |nonce| {
        unsigned_token(&provider.claims(nonce))
    })
    .await;
    assert_error(&reply, "invalid_response");

    let reply = sign_in_with(&portal, &provider, |nonce| {
        let mut claims = provider.claims(nonce);
        claims["email_verified"] = json!(false);
        signed_token(key, &claims)
    })
    .await;
    assert_error(&reply, "email_not_verified");
}

#[tokio::test]
async fn an_unknown_key_id_fetches_the_keys_once_more() {
    let (portal, provider) = portal_with_fake_provider().await;
    let reply = sign_in_with(&portal, &provider, |nonce| {
        signed_token(&keys()[0], &provider.claims(nonce))
    })
    .await;
    assert!(session_cookie(&reply).is_some(), "{:?}", reply.headers);
    let fetches = provider.jwks_fetches.load(Ordering::SeqCst);

    // The provider rotates to key 2: one more fetch, and sign-in works.
    provider.publish(vec![1]);
    let reply = sign_in_with(&portal, &provider, |nonce| {
        signed_token(&keys()[1], &provider.claims(nonce))
    })
    .await;
    assert!(session_cookie(&reply).is_some(), "{:?}", reply.headers);
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), fetches + 1);

    // A key the provider does not publish: one fetch, then refused.
    let reply = sign_in_with(&portal, &provider, |nonce| {
        token_with_kid(&keys()[0], "key-unknown", &provider.claims(nonce))
    })
    .await;
    assert_error(&reply, "invalid_response");
    assert_eq!(provider.jwks_fetches.load(Ordering::SeqCst), fetches + 2);
}

#[tokio::test]
async fn a_state_works_once_in_the_browser_that_started_it() {
    let (portal, provider) = portal_with_fake_provider().await;
    let (location, cookie) = start(&portal, "/devices").await;
    let state = query_param(&location, "state").unwrap();
    let nonce = query_param(&location, "nonce").unwrap();
    provider.answer_with(signed_token(&keys()[0], &provider.claims(&nonce)));
    let query = format!("code=the-code&state={state}");
    let first = callback(&portal, &query, Some(&cookie)).await;
    assert!(session_cookie(&first).is_some());
    let replayed = callback(&portal, &query, Some(&cookie)).await;
    assert_error(&replayed, "expired");

    // Another browser (no cookie) cannot finish someone's sign-in.
    let (location, _) = start(&portal, "/devices").await;
    let state = query_param(&location, "state").unwrap();
    let reply = callback(&portal, &format!("code=c&state={state}"), None).await;
    assert_error(&reply, "expired");
    // Nor one that waited too long.
    let (location, cookie) = start(&portal, "/").await;
    let state = query_param(&location, "state").unwrap();
    portal
        .clock
        .advance(std::time::Duration::from_secs(11 * 60));
    let reply = callback(&portal, &format!("code=c&state={state}"), Some(&cookie)).await;
    assert_error(&reply, "expired");
}

#[tokio::test]
async fn cancelling_and_a_provider_that_is_down_land_on_sign_in_with_a_code() {
    let (portal, _provider) = portal_with_fake_provider().await;
    let (location, cookie) = start(&portal, "/devices/abc").await;
    let state = query_param(&location, "state").unwrap();
    let reply = callback(
        &portal,
        &format!("error=access_denied&state={state}"),
        Some(&cookie),
    )
    .await;
    assert_error(&reply, "cancelled");
    assert!(reply
        .header("location")
        .ends_with("&return_to=%2Fdevices%2Fabc"));

    let down = Portal::start().await;
    let unused = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("http://{}", unused.local_addr().unwrap());
    drop(unused);
    configure(&down, &issuer).await;
    let reply = down
        .get(&format!("{}?return_to=/devices", routes::OIDC_START))
        .await;
    assert_error(&reply, "provider_unavailable");
}

#[tokio::test]
async fn only_portal_paths_are_returned_to() {
    let (portal, provider) = portal_with_fake_provider().await;
    for evil in ["https://evil.example/", "//evil.example", "/\\evil.example"] {
        let reply = sign_in_with_return(&portal, &provider, evil).await;
        assert_eq!(reply.header("location"), "/", "{evil}");
    }
}

async fn sign_in_with_return(portal: &Portal, provider: &FakeProvider, return_to: &str) -> Reply {
    let encoded: String = reqwest::Url::parse_with_params("http://x/", &[("return_to", return_to)])
        .unwrap()
        .query()
        .unwrap()
        .to_owned();
    let reply = portal
        .get(&format!("{}?{encoded}", routes::OIDC_START))
        .await;
    let location = reply.header("location").to_owned();
    let cookie = reply
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let state = query_param(&location, "state").unwrap();
    let nonce = query_param(&location, "nonce").unwrap();
    provider.answer_with(signed_token(&keys()[0], &provider.claims(&nonce)));
    callback(portal, &format!("code=c&state={state}"), Some(&cookie)).await
}

// --- The real provider (npm oidc-provider) ---------------------------------

struct RealProvider {
    issuer: String,
    child: tokio::process::Child,
}

impl Drop for RealProvider {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Starts `xtask/oidc/provider.mjs`, or says why it cannot (node or the npm
/// package missing: `cargo xtask test` installs both).
async fn real_provider() -> Option<RealProvider> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let script = root.join("xtask/oidc/provider.mjs");
    if !root.join("xtask/npm/node_modules/oidc-provider").exists() {
        eprintln!("SKIPPED: oidc-provider is not installed (run `npm ci` in xtask/npm)");
        return None;
    }
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let child = tokio::process::Command::new("node")
        .arg(&script)
        .args(["--port", &port.to_string()])
        .args([
            "--redirect-uri",
            &format!("{PUBLIC_URL}{}", routes::OIDC_CALLBACK),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => {
            eprintln!("SKIPPED: node could not be started: {error}");
            return None;
        }
    };
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next_line().await.unwrap() {
        if line.starts_with("OpenID provider is listening on") {
            // Keep reading what it prints, so it never writes to a closed pipe.
            tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
            return Some(RealProvider {
                issuer: format!("http://127.0.0.1:{port}"),
                child,
            });
        }
    }
    panic!("the OpenID provider exited before listening");
}

/// Plays the browser at the provider: follows redirects until one leads back
/// to the portal, filling in the login form on the way.
async fn sign_in_at_provider(provider_url: &str, email: &str, password: Option<&str>) -> String {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut url = reqwest::Url::parse(provider_url).unwrap();
    let mut form: Option<HashMap<&str, &str>> = None;
    for _ in 0..20 {
        let response = match form.take() {
            Some(fields) => browser.post(url.clone()).form(&fields).send().await,
            None => browser.get(url.clone()).send().await,
        }
        .unwrap();
        if let Some(location) = response.headers().get(header::LOCATION) {
            let next = url.join(location.to_str().unwrap()).unwrap();
            if next.as_str().starts_with(PUBLIC_URL) {
                return next.to_string();
            }
            url = next;
            continue;
        }
        let page = response.text().await.unwrap();
        assert!(page.contains("id=\"email\""), "not the login page: {page}");
        match password {
            Some(password) => {
                url = url.join(&format!("{}/login", url.path())).unwrap();
                form = Some(HashMap::from([("email", email), ("password", password)]));
            }
            None => url = url.join(&format!("{}/abort", url.path())).unwrap(),
        }
    }
    panic!("the provider never sent the browser back");
}

/// The portal's callback path and query from the URL the provider sent
/// the browser to.
fn callback_query(url: &str) -> String {
    let url = reqwest::Url::parse(url).unwrap();
    assert_eq!(url.path(), routes::OIDC_CALLBACK);
    url.query().unwrap().to_owned()
}

#[tokio::test]
async fn signing_in_through_a_real_provider_creates_the_user_with_its_groups() {
    let Some(provider) = real_provider().await else {
        return;
    };
    let portal = Portal::start().await;
    configure(&portal, &provider.issuer).await;

    // Sam exists as a demo user; a provider-only user is created.
    let (location, cookie) = start(&portal, "/enroll").await;
    let back = sign_in_at_provider(&location, "sam@contoso.example", Some("contoso-idp")).await;
    let reply = callback(&portal, &callback_query(&back), Some(&cookie)).await;
    assert_eq!(reply.header("location"), "/enroll", "{:?}", reply.headers);
    let session = session_cookie(&reply).expect("a session");
    let me: CurrentUser = portal.get_signed_in(routes::ME, &session).await.json();
    assert_eq!(me.email.as_str(), "sam@contoso.example");
    assert_eq!(me.display_name, "Sam Taylor");
    let user = portal
        .storage
        .user_by_email(&me.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        portal.storage.groups_of_user(user.id).await.unwrap(),
        ["BYOD"]
    );

    // A wrong password is refused at the provider; cancelling comes back.
    let (location, cookie) = start(&portal, "/").await;
    let back = sign_in_at_provider(&location, "alex@contoso.example", None).await;
    let reply = callback(&portal, &callback_query(&back), Some(&cookie)).await;
    assert_error(&reply, "cancelled");

    // An unverified email is refused by the portal.
    let (location, cookie) = start(&portal, "/").await;
    let back =
        sign_in_at_provider(&location, "unverified@contoso.example", Some("contoso-idp")).await;
    let reply = callback(&portal, &callback_query(&back), Some(&cookie)).await;
    assert_error(&reply, "email_not_verified");
}

#[tokio::test]
async fn a_password_sign_in_with_local_accounts_off_is_refused_as_such() {
    let portal = Portal::start().await;
    configure(&portal, "https://login.contoso.example").await;
    let changes = OrganizationChanges {
        local_accounts: Some(false),
        ..Default::default()
    };
    organization::change_organization(portal.storage.as_ref(), portal.clock.as_ref(), &changes)
        .await
        .unwrap();
    let reply = portal
        .sign_in(crate::support::ALEX, crate::support::PASSWORD)
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let error = reply.error();
    assert_eq!(error.code, portal_api::ErrorCode::LocalAccountsOff);
    assert_eq!(error.field, None);
}
