//! Changing the organization's settings from the command line
//! (`portal-server organization set`, `… show`): its privacy messages, the
//! managed web clip, legacy user enrollment, and how its people sign in
//! (the identity provider, local accounts). Everything else about the organization comes from
//! `portal-server demo` or `user add --organization`.

use portal_api::{Organization, Ownership};
use serde::Serialize;

use crate::clock::Clock;
use crate::sign_in::oidc::check_issuer;
use crate::storage::{
    EnrollmentTypeProfile, LocalGroup, OidcSettings, SignInSettings, Storage, StorageError,
};

/// The claim most providers list groups in.
pub const DEFAULT_GROUPS_CLAIM: &str = "groups";

/// A privacy message is a short paragraph on a phone's screen.
pub const MAX_PRIVACY_MESSAGE_CHARS: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum OrganizationSettingsError {
    #[error(
        "this portal has no organization yet: run `portal-server demo`, or add a user with \
         `portal-server user add --organization NAME`"
    )]
    NoOrganization,
    #[error(
        "the privacy message for {ownership} devices has {chars} characters; keep it to \
         {MAX_PRIVACY_MESSAGE_CHARS}"
    )]
    PrivacyMessageTooLong {
        ownership: &'static str,
        chars: usize,
    },
    #[error("{0}")]
    Issuer(String),
    #[error("the OpenID client ID and secret must not be empty")]
    EmptyClient,
    #[error("the groups claim must be a claim name like `groups` or `roles`")]
    GroupsClaim,
    #[error(
        "turning local accounts off needs an identity provider first (--oidc-issuer), or \
         nobody could sign in"
    )]
    NobodyCouldSignIn,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A new identity provider for the organization.
#[derive(Clone, PartialEq, Eq)]
pub struct OidcChanges {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
}

impl std::fmt::Debug for OidcChanges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcChanges")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

/// The organization's settings as `organization set` and `show` print
/// them: the public profile and how people sign in, without the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganizationView {
    #[serde(flatten)]
    pub organization: Organization,
    pub sign_in: SignInView,
    /// The web journey offers legacy user enrollment (Apple's profile-based
    /// user enrollment, iOS/iPadOS 13.1 to 17) to devices that can use it.
    pub legacy_user_enrollment: bool,
    /// Enrollment type profiles, highest priority first.
    pub enrollment_profiles: Vec<EnrollmentTypeProfile>,
    /// The portal's own groups and their members.
    pub groups: Vec<LocalGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignInView {
    pub oidc_issuer: Option<String>,
    pub oidc_client_id: Option<String>,
    pub oidc_groups_claim: String,
    pub local_accounts: bool,
}

/// What to change; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationChanges {
    /// The new message for personal devices; empty clears it.
    pub privacy_message_personal: Option<String>,
    /// The new message for the organization's own devices; empty clears it.
    pub privacy_message_corporate: Option<String>,
    pub managed_web_clip: Option<bool>,
    /// `Some(Some(..))` sets the identity provider, `Some(None)` removes it.
    pub oidc: Option<Option<OidcChanges>>,
    pub oidc_groups_claim: Option<String>,
    pub local_accounts: Option<bool>,
    pub legacy_user_enrollment: Option<bool>,
}

/// Applies `changes` to the portal's organization and returns its settings.
pub async fn change_organization(
    storage: &dyn Storage,
    clock: &dyn Clock,
    changes: &OrganizationChanges,
) -> Result<OrganizationView, OrganizationSettingsError> {
    let sign_in = storage
        .sign_in_settings()
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?;
    let sign_in = changed_sign_in(sign_in, changes)?;
    let record = storage
        .organization()
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?;
    let mut enrollment = storage
        .enrollment_settings(record.id)
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?;
    let mut organization = record.profile;
    let messages = [
        (Ownership::Personal, &changes.privacy_message_personal),
        (Ownership::Corporate, &changes.privacy_message_corporate),
    ];
    for (ownership, message) in messages {
        if let Some(message) = message {
            let message = privacy_message(ownership, message)?;
            organization.privacy_messages.set(ownership, message);
        }
    }
    if let Some(enabled) = changes.managed_web_clip {
        organization.managed_web_clip = enabled;
    }
    storage
        .save_organization(&organization, clock.now())
        .await?;
    storage.save_sign_in_settings(&sign_in, clock.now()).await?;
    if let Some(enabled) = changes.legacy_user_enrollment {
        enrollment.legacy_user_enrollment = enabled;
        storage
            .save_enrollment_settings(record.id, &enrollment, clock.now())
            .await?;
    }
    tracing::info!(organization = %organization.name,
        legacy_user_enrollment = enrollment.legacy_user_enrollment, "organization settings changed");
    view(
        storage,
        organization,
        enrollment.legacy_user_enrollment,
        &sign_in,
    )
    .await
}

/// The portal's organization and how its people sign in.
pub async fn current_organization(
    storage: &dyn Storage,
) -> Result<OrganizationView, OrganizationSettingsError> {
    let record = storage
        .organization()
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?;
    let legacy_user_enrollment = storage
        .enrollment_settings(record.id)
        .await?
        .is_some_and(|settings| settings.legacy_user_enrollment);
    let sign_in = storage
        .sign_in_settings()
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?;
    view(storage, record.profile, legacy_user_enrollment, &sign_in).await
}

async fn view(
    storage: &dyn Storage,
    organization: Organization,
    legacy_user_enrollment: bool,
    sign_in: &SignInSettings,
) -> Result<OrganizationView, OrganizationSettingsError> {
    let oidc = sign_in.oidc.as_ref();
    Ok(OrganizationView {
        legacy_user_enrollment,
        enrollment_profiles: storage.enrollment_type_profiles().await?,
        groups: storage.local_groups().await?,
        organization,
        sign_in: SignInView {
            oidc_issuer: oidc.map(|oidc| oidc.issuer.clone()),
            oidc_client_id: oidc.map(|oidc| oidc.client_id.clone()),
            oidc_groups_claim: oidc
                .map_or(DEFAULT_GROUPS_CLAIM, |oidc| oidc.groups_claim.as_str())
                .to_owned(),
            local_accounts: sign_in.local_accounts,
        },
    })
}

fn changed_sign_in(
    mut sign_in: SignInSettings,
    changes: &OrganizationChanges,
) -> Result<SignInSettings, OrganizationSettingsError> {
    let groups_claim = match &changes.oidc_groups_claim {
        Some(claim) => {
            let claim = claim.trim();
            let valid = !claim.is_empty()
                && claim.len() <= 100
                && claim
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.:/".contains(c));
            if !valid {
                return Err(OrganizationSettingsError::GroupsClaim);
            }
            Some(claim.to_owned())
        }
        None => None,
    };
    match &changes.oidc {
        Some(Some(oidc)) => {
            let issuer = check_issuer(&oidc.issuer).map_err(OrganizationSettingsError::Issuer)?;
            let client_id = oidc.client_id.trim();
            if client_id.is_empty() || oidc.client_secret.trim().is_empty() {
                return Err(OrganizationSettingsError::EmptyClient);
            }
            let kept_claim = sign_in.oidc.as_ref().map(|oidc| oidc.groups_claim.clone());
            sign_in.oidc = Some(OidcSettings {
                issuer,
                client_id: client_id.to_owned(),
                client_secret: oidc.client_secret.trim().to_owned(),
                groups_claim: kept_claim.unwrap_or_else(|| DEFAULT_GROUPS_CLAIM.to_owned()),
            });
        }
        Some(None) => sign_in.oidc = None,
        None => {}
    }
    if let (Some(claim), Some(oidc)) = (groups_claim, sign_in.oidc.as_mut()) {
        oidc.groups_claim = claim;
    }
    if let Some(local_accounts) = changes.local_accounts {
        sign_in.local_accounts = local_accounts;
    }
    if !sign_in.local_accounts && sign_in.oidc.is_none() {
        return Err(OrganizationSettingsError::NobodyCouldSignIn);
    }
    Ok(sign_in)
}

/// Trimmed; blank means "no message".
fn privacy_message(
    ownership: Ownership,
    text: &str,
) -> Result<Option<String>, OrganizationSettingsError> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars > MAX_PRIVACY_MESSAGE_CHARS {
        return Err(OrganizationSettingsError::PrivacyMessageTooLong {
            ownership: match ownership {
                Ownership::Personal => "personal",
                Ownership::Corporate => "corporate",
            },
            chars,
        });
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privacy_messages_are_trimmed_and_blank_clears() {
        assert_eq!(
            privacy_message(Ownership::Personal, "  We see work apps only.\n").unwrap(),
            Some("We see work apps only.".into())
        );
        assert_eq!(privacy_message(Ownership::Corporate, " \n ").unwrap(), None);
        let long = "x".repeat(MAX_PRIVACY_MESSAGE_CHARS + 1);
        assert!(matches!(
            privacy_message(Ownership::Corporate, &long),
            Err(OrganizationSettingsError::PrivacyMessageTooLong {
                ownership: "corporate",
                ..
            })
        ));
    }
}
