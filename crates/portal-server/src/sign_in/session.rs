//! Session tokens and the session cookie.
//!
//! A token is 32 random bytes from the operating system, base64url-encoded
//! into the `__Host-portal_session` cookie. The database keeps only its
//! SHA-256, so a copy of the database cannot be used to sign in.

use std::time::Duration;

use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use portal_api::routes::SESSION_COOKIE;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::clock::{seconds, Timestamp};
use crate::config::SessionPolicy;
use crate::storage::SessionTokenHash;

const TOKEN_BYTES: usize = 32;
/// 32 bytes in unpadded base64.
const TOKEN_CHARS: usize = 43;

/// The secret in the session cookie. Never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only what [`SessionToken::generate`] could have made.
    pub fn parse(value: &str) -> Option<Self> {
        let well_formed = value.len() == TOKEN_CHARS
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| Self(value.to_owned()))
    }

    /// What the database stores and looks sessions up by.
    pub fn hash(&self) -> SessionTokenHash {
        SessionTokenHash(Sha256::digest(self.0.as_bytes()).into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(***)")
    }
}

/// The `Set-Cookie` value that starts a session. `__Host-` requires Secure,
/// `Path=/` and no Domain; the cookie is Secure even when the server speaks
/// plain HTTP behind a TLS-terminating proxy.
pub fn session_cookie(token: &SessionToken, lifetime: Duration) -> String {
    format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={}",
        token.expose(),
        lifetime.as_secs()
    )
}

/// The `Set-Cookie` value that makes the browser forget the session.
pub fn clearing_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0")
}

/// The session token in the request's cookies, if there is a well-formed one.
pub fn token_from_headers(headers: &HeaderMap) -> Option<SessionToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == SESSION_COOKIE)
        .find_map(|(_, value)| SessionToken::parse(value.trim_matches('"')))
}

/// Whether a session may still be used at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Usable; `touch` says its last-seen time is due to be written.
    Active { touch: bool },
    /// Unused for the idle timeout.
    IdleExpired,
    /// Older than the absolute lifetime.
    LifetimeExpired,
}

pub fn freshness(
    created_at: Timestamp,
    last_seen_at: Timestamp,
    now: Timestamp,
    policy: &SessionPolicy,
) -> Freshness {
    if now - created_at >= seconds(policy.absolute_lifetime) {
        Freshness::LifetimeExpired
    } else if now - last_seen_at >= seconds(policy.idle_timeout) {
        Freshness::IdleExpired
    } else {
        Freshness::Active {
            touch: now - last_seen_at >= seconds(policy.touch_interval),
        }
    }
}

/// The moment a session expires unless a request comes first.
pub fn expires_at(
    created_at: Timestamp,
    last_seen_at: Timestamp,
    policy: &SessionPolicy,
) -> Timestamp {
    (created_at.saturating_add(seconds(policy.absolute_lifetime)))
        .min(last_seen_at.saturating_add(seconds(policy.idle_timeout)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_are_random_and_well_formed() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), TOKEN_CHARS);
        assert_eq!(SessionToken::parse(a.expose()), Some(a.clone()));
        assert_ne!(a.hash(), b.hash());
        assert!(!format!("{a:?}").contains(a.expose()));
    }

    #[test]
    fn refuses_tokens_it_could_not_have_made() {
        assert_eq!(SessionToken::parse(""), None);
        assert_eq!(SessionToken::parse("short"), None);
        assert_eq!(SessionToken::parse(&"+".repeat(43)), None);
        assert_eq!(SessionToken::parse(&format!("{}=", "a".repeat(42))), None);
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let token = SessionToken::generate();
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("theme=dark"));
        headers.append(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; {SESSION_COOKIE}={}; c=d", token.expose()))
                .unwrap(),
        );
        assert_eq!(token_from_headers(&headers), Some(token));
        assert_eq!(token_from_headers(&HeaderMap::new()), None);
    }

    #[test]
    fn cookies_carry_the_required_attributes() {
        let token = SessionToken::generate();
        let cookie = session_cookie(&token, Duration::from_secs(43_200));
        assert!(cookie.starts_with("__Host-portal_session="));
        for attribute in [
            "Path=/",
            "HttpOnly",
            "Secure",
            "SameSite=Lax",
            "Max-Age=43200",
        ] {
            assert!(cookie.contains(attribute), "{attribute}");
        }
        assert!(clearing_cookie().ends_with("Max-Age=0"));
    }

    #[test]
    fn sessions_expire_when_idle_or_too_old() {
        let policy = SessionPolicy::default();
        let start = 1_000_000;
        assert_eq!(
            freshness(start, start, start + 30, &policy),
            Freshness::Active { touch: false }
        );
        assert_eq!(
            freshness(start, start, start + 60, &policy),
            Freshness::Active { touch: true }
        );
        assert_eq!(
            freshness(start, start, start + 3_599, &policy),
            Freshness::Active { touch: true }
        );
        assert_eq!(
            freshness(start, start, start + 3_600, &policy),
            Freshness::IdleExpired
        );
        let twelve_hours = 12 * 3_600;
        assert_eq!(
            freshness(
                start,
                start + twelve_hours - 10,
                start + twelve_hours,
                &policy
            ),
            Freshness::LifetimeExpired
        );
    }
}
