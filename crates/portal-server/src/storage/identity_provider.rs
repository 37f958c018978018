//! Signing in through the organization's OpenID provider: its settings,
//! sign-ins on their way, and who the provider says signed in.

use async_trait::async_trait;
use portal_api::EmailAddress;

use super::{OrganizationId, StorageError, UserId};
use crate::clock::Timestamp;

/// How the organization's people sign in (columns of `organizations`).
#[derive(Clone, PartialEq, Eq)]
pub struct SignInSettings {
    pub oidc: Option<OidcSettings>,
    pub local_accounts: bool,
}

impl std::fmt::Debug for SignInSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInSettings")
            .field("oidc", &self.oidc)
            .field("local_accounts", &self.local_accounts)
            .finish()
    }
}

/// The organization's OpenID provider and the portal's client there.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    /// Never logged, never shown.
    pub client_secret: String,
    /// The ID token (or userinfo) claim that lists the user's groups.
    pub groups_claim: String,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("groups_claim", &self.groups_claim)
            .finish()
    }
}

/// A sign-in sent to the identity provider and not back yet.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingSignIn {
    /// The `state` sent to the provider; the key.
    pub state: String,
    /// SHA-256 of the cookie that binds it to the browser.
    pub browser_hash: [u8; 32],
    pub nonce: String,
    pub pkce_verifier: String,
    /// The portal page to open afterwards (a checked relative path).
    pub return_to: String,
    pub created_at: Timestamp,
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("return_to", &self.return_to)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// Who the identity provider says signed in, to create or update the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderIdentity {
    pub organization_id: OrganizationId,
    pub issuer: String,
    pub subject: String,
    pub email: EmailAddress,
    pub display_name: String,
    pub groups: Vec<String>,
}

/// How people sign in, the sign-ins sent to the provider and not back yet, and
/// the identities it vouched for.
#[async_trait]
pub trait IdentityProviderStore: Send + Sync {
    /// How the organization's people sign in; `None` without an organization.
    /// OpenID is set only when issuer, client id and secret all are.
    async fn sign_in_settings(&self) -> Result<Option<SignInSettings>, StorageError>;

    /// Writes how the organization's people sign in (no organization: nothing
    /// happens).
    async fn save_sign_in_settings(
        &self,
        settings: &SignInSettings,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Keeps a sign-in sent to the provider until it comes back; its `state` is
    /// the key.
    async fn save_pending_sign_in(&self, pending: &PendingSignIn) -> Result<(), StorageError>;

    /// Removes and returns the pending sign-in with this `state`: single use, a
    /// second call (even a concurrent one) finds nothing.
    async fn take_pending_sign_in(
        &self,
        state: &str,
    ) -> Result<Option<PendingSignIn>, StorageError>;

    /// Forgets pending sign-ins created at or before `before`.
    async fn delete_pending_sign_ins_before(&self, before: Timestamp) -> Result<(), StorageError>;

    /// Finds the user by (issuer, subject), or on a first sign-in by the
    /// verified email (an account made before the provider was set up, which
    /// keeps its password), or creates one (with no password: it signs in
    /// through the provider only); then writes the email, name and groups the
    /// provider sent, all in one transaction. Returns the user's id; the same
    /// (issuer, subject) always gives the same user.
    async fn save_provider_identity(
        &self,
        identity: &ProviderIdentity,
        now: Timestamp,
    ) -> Result<UserId, StorageError>;

    /// The groups the provider listed at the user's latest sign-in; empty when
    /// it listed none or the user never signed in through it.
    async fn groups_of_user(&self, user_id: UserId) -> Result<Vec<String>, StorageError>;

    /// The identity provider's claim carrying the Managed Apple Account, if one
    /// is set.
    async fn managed_apple_account_claim(&self) -> Result<Option<String>, StorageError>;

    /// Sets (or with `None` clears) the claim carrying the Managed Apple
    /// Account.
    async fn set_managed_apple_account_claim(
        &self,
        claim: Option<&str>,
    ) -> Result<(), StorageError>;
}
