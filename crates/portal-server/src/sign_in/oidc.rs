//! Signing in with the organization's identity provider: OpenID Connect's
//! authorization code flow with PKCE, `state` and `nonce`, run entirely by
//! the server. The browser only ever holds the portal's own cookies.
//!
//! 1. `start`: discovery (cached), a pending sign-in saved server-side
//!    (single-use, 10 minutes, bound to the browser by a `__Host-` cookie),
//!    a redirect to the provider.
//! 2. `finish`: the pending sign-in taken by `state`, the code exchanged,
//!    the ID token checked (signature with an algorithm allow-list and the
//!    provider's keys — an unknown key id fetches the keys once more —,
//!    issuer, audience, expiry, nonce), the user found by (issuer, subject)
//!    or created, a session started.

use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenVerifier, CoreJsonWebKeySet,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AccessToken, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    ProviderMetadataWithLogout, RedirectUrl, Scope, SignatureVerificationError, TokenResponse,
};
use portal_api::routes::{OIDC_CALLBACK, PENDING_SIGN_IN_COOKIE, SIGN_IN_PAGE};
use portal_api::{safe_return_to, EmailAddress, OidcSignInError};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::Deserialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::clock::seconds;
use crate::storage::{OidcSettings, PendingSignIn, ProviderIdentity};
use crate::AppState;

/// How long a person has to sign in at the provider.
pub const PENDING_SIGN_IN_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// How long discovery and keys are reused before being fetched again.
const METADATA_LIFETIME: Duration = Duration::from_secs(60 * 60);
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);

/// Signature algorithms accepted on ID tokens: asymmetric only (no `none`,
/// no HMAC with the client secret).
const ALLOWED_ALGORITHMS: [CoreJwsSigningAlgorithm; 8] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
];

/// Why a sign-in through the provider failed: the code for the person, the
/// reason for the log (never a token or secret).
#[derive(Debug)]
pub struct Failure {
    pub code: OidcSignInError,
    pub reason: String,
    /// The page the person wanted, when the pending sign-in was found.
    pub return_to: Option<String>,
}

impl Failure {
    fn new(code: OidcSignInError, reason: impl Into<String>) -> Self {
        Self {
            code,
            reason: reason.into(),
            return_to: None,
        }
    }

    /// `/sign-in?error=<code>` (and the page asked for, to try again).
    pub fn sign_in_page(&self) -> String {
        let mut url = format!("{SIGN_IN_PAGE}?error={}", self.code.as_str());
        if let Some(return_to) = self.return_to.as_deref().filter(|r| *r != "/") {
            url.push_str("&return_to=");
            url.push_str(&url_encode(return_to));
        }
        url
    }
}

/// The HTTP client towards the provider and what it learned from it.
pub struct OidcClient {
    http: reqwest::Client,
    cache: tokio::sync::Mutex<Option<CachedMetadata>>,
}

struct CachedMetadata {
    issuer: String,
    metadata: ProviderMetadataWithLogout,
    fetched_at: Instant,
}

impl Default for OidcClient {
    fn default() -> Self {
        Self::new()
    }
}

impl OidcClient {
    pub fn new() -> Self {
        // No redirects: a provider endpoint that redirects could otherwise
        // send the client secret or code somewhere else (SSRF).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            // A few requests per sign-in, minutes apart: a pooled connection
            // would mostly be one the provider has already closed.
            .pool_max_idle_per_host(0)
            .build()
            .unwrap_or_default();
        Self {
            http,
            cache: tokio::sync::Mutex::new(None),
        }
    }

    /// The provider's discovery document with its keys, cached.
    async fn metadata(&self, issuer: &str) -> Result<ProviderMetadataWithLogout, Failure> {
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_ref().filter(|cached| {
            cached.issuer == issuer && cached.fetched_at.elapsed() < METADATA_LIFETIME
        }) {
            return Ok(cached.metadata.clone());
        }
        let issuer_url = IssuerUrl::new(issuer.to_owned()).map_err(|e| {
            Failure::new(OidcSignInError::NotConfigured, format!("issuer URL: {e}"))
        })?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer_url, &self.http)
            .await
            .map_err(|e| {
                Failure::new(
                    OidcSignInError::ProviderUnavailable,
                    format!("discovery: {e}"),
                )
            })?;
        *cache = Some(CachedMetadata {
            issuer: issuer.to_owned(),
            metadata: metadata.clone(),
            fetched_at: Instant::now(),
        });
        Ok(metadata)
    }

    /// Fetches the provider's keys again (they rotated) and caches them.
    async fn refreshed_keys(&self, issuer: &str) -> Result<CoreJsonWebKeySet, Failure> {
        let metadata = self.metadata(issuer).await?;
        let keys = CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), &self.http)
            .await
            .map_err(|e| {
                Failure::new(OidcSignInError::ProviderUnavailable, format!("keys: {e}"))
            })?;
        let mut cache = self.cache.lock().await;
        if let Some(cached) = cache.as_mut().filter(|cached| cached.issuer == issuer) {
            cached.metadata = cached.metadata.clone().set_jwks(keys.clone());
        }
        Ok(keys)
    }

    /// Claims from the userinfo endpoint, for providers that keep some out
    /// of the ID token.
    async fn userinfo(
        &self,
        endpoint: &str,
        access_token: &AccessToken,
    ) -> Option<Map<String, Value>> {
        let response = self
            .http
            .get(endpoint)
            .bearer_auth(access_token.secret())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .ok()?
            .error_for_status()
            .ok()?;
        response.json::<Map<String, Value>>().await.ok()
    }
}

/// The redirect URI registered at the provider.
pub fn redirect_uri(state: &AppState) -> String {
    format!("{}{OIDC_CALLBACK}", state.config.public_url.origin())
}

/// A started sign-in: where to send the browser, and the cookie binding it.
#[derive(Debug)]
pub struct Started {
    pub provider_url: String,
    pub cookie: String,
}

/// Starts a sign-in at the provider; `return_to` is the portal page to open
/// afterwards (anything but a portal path becomes `/`).
pub async fn start(state: &AppState, return_to: Option<&str>) -> Result<Started, Failure> {
    let return_to = return_to.and_then(safe_return_to).unwrap_or("/").to_owned();
    let with_return = |mut failure: Failure| {
        failure.return_to = Some(return_to.clone());
        failure
    };
    let settings = oidc_settings(state).await.map_err(with_return)?;
    let metadata = state
        .oidc
        .metadata(&settings.issuer)
        .await
        .map_err(with_return)?;
    let extra_scopes: Vec<Scope> = ["email", "profile", settings.groups_claim.as_str()]
        .into_iter()
        .filter(|scope| {
            *scope != settings.groups_claim
                || metadata
                    .scopes_supported()
                    .is_some_and(|supported| supported.iter().any(|s| s.as_str() == *scope))
        })
        .map(|scope| Scope::new(scope.to_owned()))
        .collect();
    let client = client_for(state, &settings, metadata).map_err(with_return)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scopes(extra_scopes)
        .set_pkce_challenge(challenge)
        .url();

    let browser_token = random_token();
    let now = state.clock.now();
    let storage = state.storage.as_ref();
    storage
        .delete_pending_sign_ins_before(now - seconds(PENDING_SIGN_IN_LIFETIME))
        .await
        .map_err(|e| {
            with_return(Failure::new(
                OidcSignInError::ProviderUnavailable,
                e.to_string(),
            ))
        })?;
    storage
        .save_pending_sign_in(&PendingSignIn {
            state: csrf.secret().clone(),
            browser_hash: Sha256::digest(browser_token.as_bytes()).into(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            return_to,
            created_at: now,
        })
        .await
        .map_err(|e| Failure::new(OidcSignInError::ProviderUnavailable, e.to_string()))?;
    Ok(Started {
        provider_url: url.to_string(),
        cookie: pending_cookie(&browser_token, PENDING_SIGN_IN_LIFETIME),
    })
}

/// What the provider sent back to the callback.
#[derive(Debug, Default, Deserialize)]
pub struct CallbackQuery {
    pub state: Option<String>,
    pub code: Option<String>,
    pub error: Option<String>,
}

/// The result of a finished sign-in: the user and the page to open.
#[derive(Debug)]
pub struct Finished {
    pub user_id: crate::storage::UserId,
    pub issuer: String,
    pub return_to: String,
}

/// Finishes a sign-in at the callback. `browser_token` is the pending
/// sign-in cookie's value.
pub async fn finish(
    state: &AppState,
    query: &CallbackQuery,
    browser_token: Option<&str>,
) -> Result<Finished, Failure> {
    let pending = match query.state.as_deref() {
        Some(state_param) => state
            .storage
            .take_pending_sign_in(state_param)
            .await
            .map_err(|e| Failure::new(OidcSignInError::ProviderUnavailable, e.to_string()))?,
        None => None,
    };
    let result = finish_pending(state, query, browser_token, pending.as_ref()).await;
    result.map_err(|mut failure| {
        failure.return_to = pending.map(|pending| pending.return_to);
        failure
    })
}

async fn finish_pending(
    state: &AppState,
    query: &CallbackQuery,
    browser_token: Option<&str>,
    pending: Option<&PendingSignIn>,
) -> Result<Finished, Failure> {
    if let Some(error) = query.error.as_deref() {
        let code = match error {
            "access_denied" => OidcSignInError::Cancelled,
            _ => OidcSignInError::ProviderUnavailable,
        };
        return Err(Failure::new(code, format!("the provider answered {error}")));
    }
    let pending = pending
        .ok_or_else(|| Failure::new(OidcSignInError::Expired, "unknown or already used state"))?;
    let bound = browser_token.is_some_and(|token| {
        <[u8; 32]>::from(Sha256::digest(token.as_bytes())) == pending.browser_hash
    });
    if !bound {
        return Err(Failure::new(
            OidcSignInError::Expired,
            "the callback came without the browser's pending sign-in cookie",
        ));
    }
    let age = state.clock.now() - pending.created_at;
    if age >= seconds(PENDING_SIGN_IN_LIFETIME) {
        return Err(Failure::new(
            OidcSignInError::Expired,
            "the sign-in took too long",
        ));
    }
    let code = query
        .code
        .clone()
        .ok_or_else(|| Failure::new(OidcSignInError::InvalidResponse, "no code"))?;

    let settings = oidc_settings(state).await?;
    let metadata = state.oidc.metadata(&settings.issuer).await?;
    let userinfo_endpoint = metadata.userinfo_endpoint().map(|e| e.url().to_string());
    let keys = metadata.jwks().clone();
    let client = client_for(state, &settings, metadata)?;
    let token_response = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| Failure::new(OidcSignInError::NotConfigured, e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&state.oidc.http)
        .await
        .map_err(|e| match e {
            openidconnect::RequestTokenError::Request(e) => Failure::new(
                OidcSignInError::ProviderUnavailable,
                format!("token endpoint: {}", error_chain(&e)),
            ),
            other => Failure::new(
                OidcSignInError::InvalidResponse,
                format!("token endpoint: {other}"),
            ),
        })?;
    let id_token = token_response
        .id_token()
        .ok_or_else(|| Failure::new(OidcSignInError::InvalidResponse, "no ID token"))?;
    let nonce = Nonce::new(pending.nonce.clone());

    let issuer_url = IssuerUrl::new(settings.issuer.clone())
        .map_err(|e| Failure::new(OidcSignInError::NotConfigured, format!("issuer URL: {e}")))?;
    let verifier = |keys: CoreJsonWebKeySet| {
        CoreIdTokenVerifier::new_confidential_client(
            ClientId::new(settings.client_id.clone()),
            ClientSecret::new(settings.client_secret.clone()),
            issuer_url.clone(),
            keys,
        )
        .set_allowed_algs(ALLOWED_ALGORITHMS)
    };
    let claims = match id_token.claims(&verifier(keys), &nonce) {
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            // The provider may have rotated its keys since they were cached.
            let keys = state.oidc.refreshed_keys(&settings.issuer).await?;
            id_token.claims(&verifier(keys), &nonce).cloned()
        }
        other => other.cloned(),
    }
    .map_err(|e| Failure::new(OidcSignInError::InvalidResponse, format!("ID token: {e}")))?;

    let subject = claims.subject().as_str().to_owned();
    let mut raw = id_token_payload(&id_token.to_string()).unwrap_or_default();
    let wanted = ["email", "name", settings.groups_claim.as_str()];
    if let Some(endpoint) =
        userinfo_endpoint.filter(|_| wanted.iter().any(|c| !raw.contains_key(*c)))
    {
        if let Some(userinfo) = state
            .oidc
            .userinfo(&endpoint, token_response.access_token())
            .await
            .filter(|info| info.get("sub").and_then(Value::as_str) == Some(subject.as_str()))
        {
            for (claim, value) in userinfo {
                raw.entry(claim).or_insert(value);
            }
        }
    }
    let identity = identity_from_claims(state, &settings, &subject, &raw).await?;
    let user_id = state
        .storage
        .save_provider_identity(&identity, state.clock.now())
        .await
        .map_err(|e| {
            Failure::new(
                OidcSignInError::InvalidResponse,
                format!("saving the user: {e}"),
            )
        })?;
    save_managed_apple_account(state, user_id, &raw).await?;
    Ok(Finished {
        user_id,
        issuer: settings.issuer,
        return_to: pending.return_to.clone(),
    })
}

/// The Managed Apple Account from the claim the organization named, when
/// it did and the provider sent a usable one.
async fn save_managed_apple_account(
    state: &AppState,
    user_id: crate::storage::UserId,
    claims: &Map<String, Value>,
) -> Result<(), Failure> {
    let saving = |e: crate::storage::StorageError| {
        Failure::new(
            OidcSignInError::InvalidResponse,
            format!("saving the Managed Apple Account: {e}"),
        )
    };
    let Some(claim) = state
        .storage
        .managed_apple_account_claim()
        .await
        .map_err(saving)?
    else {
        return Ok(());
    };
    let account = claims
        .get(&claim)
        .and_then(Value::as_str)
        .and_then(|account| EmailAddress::parse(account).ok());
    if let Some(account) = account {
        state
            .storage
            .set_managed_apple_account(user_id, Some(account.as_str()))
            .await
            .map_err(saving)?;
    }
    Ok(())
}

/// The user the claims describe, refusing an email the provider says is not
/// verified.
async fn identity_from_claims(
    state: &AppState,
    settings: &OidcSettings,
    subject: &str,
    claims: &Map<String, Value>,
) -> Result<ProviderIdentity, Failure> {
    if claims.get("email_verified") == Some(&Value::Bool(false)) {
        return Err(Failure::new(
            OidcSignInError::EmailNotVerified,
            "email_verified is false",
        ));
    }
    let email = claims
        .get("email")
        .and_then(Value::as_str)
        .and_then(|email| EmailAddress::parse(email).ok())
        .ok_or_else(|| Failure::new(OidcSignInError::EmailMissing, "no usable email claim"))?;
    let display_name = claims
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map_or_else(|| email.as_str().to_owned(), str::to_owned);
    let groups = match claims.get(&settings.groups_claim) {
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(group)) => vec![group.clone()],
        _ => Vec::new(),
    };
    let organization_id = state
        .storage
        .organization()
        .await
        .ok()
        .flatten()
        .map(|organization| organization.id)
        .ok_or_else(|| Failure::new(OidcSignInError::NotConfigured, "no organization"))?;
    Ok(ProviderIdentity {
        organization_id,
        issuer: settings.issuer.clone(),
        subject: subject.to_owned(),
        email,
        display_name,
        groups,
    })
}

/// Where to end the provider's session on sign-out (RP-initiated logout),
/// when the provider offers it and still is the organization's.
pub async fn provider_sign_out_url(state: &AppState, issuer: &str) -> Option<String> {
    let settings = oidc_settings(state).await.ok()?;
    if settings.issuer != issuer {
        return None;
    }
    let metadata = state.oidc.metadata(issuer).await.ok()?;
    let endpoint = metadata
        .additional_metadata()
        .end_session_endpoint
        .as_ref()?;
    let mut url = endpoint.url().clone();
    url.query_pairs_mut()
        .append_pair("client_id", &settings.client_id)
        .append_pair(
            "post_logout_redirect_uri",
            &format!("{}{SIGN_IN_PAGE}", state.config.public_url.origin()),
        );
    Some(url.to_string())
}

async fn oidc_settings(state: &AppState) -> Result<OidcSettings, Failure> {
    state
        .storage
        .sign_in_settings()
        .await
        .map_err(|e| Failure::new(OidcSignInError::ProviderUnavailable, e.to_string()))?
        .and_then(|settings| settings.oidc)
        .ok_or_else(|| Failure::new(OidcSignInError::NotConfigured, "no identity provider set"))
}

fn client_for(
    state: &AppState,
    settings: &OidcSettings,
    metadata: ProviderMetadataWithLogout,
) -> Result<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
    Failure,
> {
    let redirect = RedirectUrl::new(redirect_uri(state))
        .map_err(|e| Failure::new(OidcSignInError::NotConfigured, format!("redirect URI: {e}")))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(settings.client_id.clone()),
        Some(ClientSecret::new(settings.client_secret.clone())),
    )
    .set_redirect_uri(redirect))
}

/// An error with its causes, for the log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The claims of a JWT, read after its signature was checked.
fn id_token_payload(jwt: &str) -> Option<Map<String, Value>> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The cookie that binds a pending sign-in to the browser. `SameSite=Lax`
/// so the provider's top-level redirect back carries it.
pub fn pending_cookie(token: &str, lifetime: Duration) -> String {
    format!(
        "{PENDING_SIGN_IN_COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={}",
        lifetime.as_secs()
    )
}

pub fn clearing_pending_cookie() -> String {
    format!("{PENDING_SIGN_IN_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// The pending sign-in cookie's value, if the request has one.
pub fn pending_token_from_headers(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == PENDING_SIGN_IN_COOKIE)
        .map(|(_, value)| value.trim_matches('"').to_owned())
}

fn url_encode(value: &str) -> String {
    openidconnect::url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Checks an issuer for `organization set`: https, or http on loopback.
pub fn check_issuer(issuer: &str) -> Result<String, String> {
    let url: openidconnect::url::Url = issuer
        .parse()
        .map_err(|e| format!("the issuer is not a URL: {e}"))?;
    let loopback = matches!(
        url.host(),
        Some(openidconnect::url::Host::Domain("localhost"))
            | Some(openidconnect::url::Host::Ipv4(
                std::net::Ipv4Addr::LOCALHOST
            ))
    ) || matches!(url.host(), Some(openidconnect::url::Host::Ipv6(ip)) if ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => {
            return Err(
                "the issuer must use https:// (http:// only on 127.0.0.1 or localhost)".into(),
            )
        }
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err("the issuer must not have a query, fragment or user name".into());
    }
    // Discovery appends /.well-known/openid-configuration; the ID token's
    // `iss` must equal the issuer exactly, so keep it as typed.
    Ok(issuer.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_are_https_or_loopback() {
        assert!(check_issuer("https://login.microsoftonline.com/tid/v2.0").is_ok());
        assert!(check_issuer("http://127.0.0.1:9000").is_ok());
        assert!(check_issuer("http://localhost:9000/realms/x").is_ok());
        assert!(check_issuer("http://idp.contoso.example").is_err());
        assert!(check_issuer("ftp://idp.contoso.example").is_err());
        assert!(check_issuer("not a url").is_err());
    }

    #[test]
    fn failures_return_to_the_page_asked_for() {
        let mut failure = Failure::new(OidcSignInError::Cancelled, "x");
        assert_eq!(failure.sign_in_page(), "/sign-in?error=cancelled");
        failure.return_to = Some("/devices/a b".into());
        assert_eq!(
            failure.sign_in_page(),
            "/sign-in?error=cancelled&return_to=%2Fdevices%2Fa+b"
        );
    }
}
