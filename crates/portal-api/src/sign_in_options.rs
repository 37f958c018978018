//! What the sign-in page offers, and how a sign-in through the
//! organization's identity provider (OpenID Connect) can end.

use serde::{Deserialize, Serialize};

/// `GET /api/sign-in/options`: public, for the sign-in page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    pub organization_name: String,
    /// "Sign in with <organization>" through its identity provider.
    pub oidc: bool,
    /// Email and password accounts kept by the portal itself.
    pub local_accounts: bool,
}

/// `DELETE /api/session` answers with this.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedOut {
    /// Where to send the browser to end the session at the identity
    /// provider too (RP-initiated logout), when the session came from one
    /// that offers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_sign_out_url: Option<String>,
}

/// Why a sign-in through the identity provider did not succeed: the
/// callback redirects to `/sign-in?error=<code>`. The codes are stable; the
/// SPA translates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OidcSignInError {
    /// The person cancelled, or the provider refused them (`access_denied`).
    Cancelled,
    /// The provider could not be reached or answered with an error.
    ProviderUnavailable,
    /// The provider says the account's email address is not verified.
    EmailNotVerified,
    /// The provider sent no email address for the account.
    EmailMissing,
    /// The provider's answer did not pass the portal's checks (signature,
    /// issuer, audience, expiry, nonce).
    InvalidResponse,
    /// The sign-in took too long, was already used, or was started in
    /// another browser: start again.
    Expired,
    /// The portal is not set up to sign in through a provider.
    NotConfigured,
    /// Anything the client does not know yet (a newer server).
    #[serde(other)]
    Unknown,
}

impl OidcSignInError {
    pub const ALL: [OidcSignInError; 7] = [
        OidcSignInError::Cancelled,
        OidcSignInError::ProviderUnavailable,
        OidcSignInError::EmailNotVerified,
        OidcSignInError::EmailMissing,
        OidcSignInError::InvalidResponse,
        OidcSignInError::Expired,
        OidcSignInError::NotConfigured,
    ];

    /// The value of `?error=` on the sign-in page.
    pub fn as_str(self) -> &'static str {
        match self {
            OidcSignInError::Cancelled => "cancelled",
            OidcSignInError::ProviderUnavailable => "provider_unavailable",
            OidcSignInError::EmailNotVerified => "email_not_verified",
            OidcSignInError::EmailMissing => "email_missing",
            OidcSignInError::InvalidResponse => "invalid_response",
            OidcSignInError::Expired => "expired",
            OidcSignInError::NotConfigured => "not_configured",
            OidcSignInError::Unknown => "unknown",
        }
    }

    /// Reads `?error=`; any other value is [`OidcSignInError::Unknown`].
    pub fn parse(value: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|code| code.as_str() == value)
            .unwrap_or(OidcSignInError::Unknown)
    }
}

/// Accepts a page to return to after sign-in only when it is a path on the
/// portal itself: starts with one `/`, no scheme or host, no backslash or
/// control characters (browsers read `/\evil.example` as another host).
pub fn safe_return_to(value: &str) -> Option<&str> {
    let ok = value.starts_with('/')
        && !value.starts_with("//")
        && value.len() <= 2048
        && !value.chars().any(|c| c == '\\' || c.is_control());
    ok.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_round_trip() {
        for code in OidcSignInError::ALL {
            assert_eq!(OidcSignInError::parse(code.as_str()), code);
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(OidcSignInError::parse("new"), OidcSignInError::Unknown);
    }

    #[test]
    fn only_portal_paths_are_returned_to() {
        assert_eq!(safe_return_to("/devices/abc?x=1"), Some("/devices/abc?x=1"));
        assert_eq!(safe_return_to("/"), Some("/"));
        for bad in [
            "",
            "devices",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "/a\nb",
        ] {
            assert_eq!(safe_return_to(bad), None, "{bad:?}");
        }
    }
}
