//! Changing the organization's settings from the command line
//! (`portal-server organization set`, `… show`): its privacy messages and
//! the managed web clip. Everything else about the organization comes from
//! `portal-server demo` or `user add --organization`.

use portal_api::{Organization, Ownership};

use crate::clock::Clock;
use crate::storage::{Storage, StorageError};

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
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// What to change; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationChanges {
    /// The new message for personal devices; empty clears it.
    pub privacy_message_personal: Option<String>,
    /// The new message for the organization's own devices; empty clears it.
    pub privacy_message_corporate: Option<String>,
    pub managed_web_clip: Option<bool>,
}

/// Applies `changes` to the portal's organization and returns it as the API
/// shows it.
pub async fn change_organization(
    storage: &dyn Storage,
    clock: &dyn Clock,
    changes: &OrganizationChanges,
) -> Result<Organization, OrganizationSettingsError> {
    let mut organization = storage
        .organization()
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?
        .profile;
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
    tracing::info!(organization = %organization.name, "organization settings changed");
    Ok(organization)
}

/// The portal's organization, as the API shows it.
pub async fn current_organization(
    storage: &dyn Storage,
) -> Result<Organization, OrganizationSettingsError> {
    Ok(storage
        .organization()
        .await?
        .ok_or(OrganizationSettingsError::NoOrganization)?
        .profile)
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
