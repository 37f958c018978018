//! Adding user accounts (`portal-server user add`, and the demo seed), and
//! each person's Managed Apple Account (`user managed-apple-account`).

use portal_api::{EmailAddress, NewPassword, Organization};

use crate::clock::Clock;
use crate::sign_in::password::{self, PasswordHashError};
use crate::storage::{OrganizationId, Storage, StorageError, UserId, UserToSave};

/// The longest display name accepted.
const MAX_DISPLAY_NAME_CHARS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum AddUserError {
    #[error(
        "this portal has no organization yet: run `portal-server demo`, \
         or pass --organization NAME to create it"
    )]
    NoOrganization,
    #[error("this portal belongs to {existing:?}, not {requested:?}")]
    OtherOrganization { existing: String, requested: String },
    #[error("the email address is not usable: {0}")]
    Email(#[from] portal_api::email::EmailError),
    #[error("enter the user's name (at most {MAX_DISPLAY_NAME_CHARS} characters)")]
    DisplayName,
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    PasswordHash(#[from] PasswordHashError),
}

/// Whether `add_user` created the account or updated an existing one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedUser {
    pub id: UserId,
    pub organization: String,
}

/// Creates the account in the portal's organization, or, when the email has
/// one, sets its name and password (and signs it out everywhere).
///
/// `organization` names the organization to create when there is none yet.
pub async fn add_user(
    storage: &dyn Storage,
    clock: &dyn Clock,
    organization: Option<&str>,
    email: &EmailAddress,
    display_name: &str,
    password: &NewPassword,
) -> Result<SavedUser, AddUserError> {
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(AddUserError::DisplayName);
    }
    let (organization_id, organization_name) =
        organization_for_new_user(storage, clock, organization).await?;
    let id = save_user(
        storage,
        clock,
        organization_id,
        email,
        display_name,
        password,
    )
    .await?;
    Ok(SavedUser {
        id,
        organization: organization_name,
    })
}

async fn organization_for_new_user(
    storage: &dyn Storage,
    clock: &dyn Clock,
    requested: Option<&str>,
) -> Result<(OrganizationId, String), AddUserError> {
    let requested = requested.map(str::trim).filter(|name| !name.is_empty());
    match (storage.organization().await?, requested) {
        (Some(existing), Some(requested)) if existing.profile.name != requested => {
            Err(AddUserError::OtherOrganization {
                existing: existing.profile.name,
                requested: requested.to_owned(),
            })
        }
        (Some(existing), _) => Ok((existing.id, existing.profile.name)),
        (None, Some(requested)) => {
            let profile = Organization {
                name: requested.to_owned(),
                support: Default::default(),
                privacy_statement_url: None,
                privacy_messages: Default::default(),
                managed_web_clip: false,
                offers_user_enrollment: false,
            };
            let id = storage.save_organization(&profile, clock.now()).await?;
            Ok((id, profile.name))
        }
        (None, None) => Err(AddUserError::NoOrganization),
    }
}

/// Hashes the password and saves the account; an existing account with this
/// email gets the new name and password and loses its sessions.
pub async fn save_user(
    storage: &dyn Storage,
    clock: &dyn Clock,
    organization_id: OrganizationId,
    email: &EmailAddress,
    display_name: &str,
    password: &NewPassword,
) -> Result<UserId, AddUserError> {
    let password_hash = password::hash_in_background(password.clone()).await?;
    let user = UserToSave {
        organization_id,
        email,
        display_name,
        password_hash: &password_hash,
    };
    let id = storage.save_user(&user, clock.now()).await?;
    storage.delete_sessions_of_user(id).await?;
    Ok(id)
}

#[derive(Debug, thiserror::Error)]
pub enum ManagedAppleAccountError {
    #[error("there is no user {0} (see `user add`)")]
    NoSuchUser(EmailAddress),
    #[error("a Managed Apple Account looks like an email address: {0}")]
    NotAnAccount(#[from] portal_api::email::EmailError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The Managed Apple Account the person signs in with on their device for
/// account-driven enrollment: the one set for them, or their work email (as
/// with federated authentication, where both are the same).
pub async fn managed_apple_account(
    storage: &dyn Storage,
    user_id: UserId,
    email: &EmailAddress,
) -> Result<String, StorageError> {
    Ok(storage
        .managed_apple_account(user_id)
        .await?
        .unwrap_or_else(|| email.as_str().to_owned()))
}

/// Sets (or with `None` clears, back to the work email) the user's Managed
/// Apple Account; returns the account now in use.
pub async fn set_managed_apple_account(
    storage: &dyn Storage,
    email: &EmailAddress,
    account: Option<&str>,
) -> Result<String, ManagedAppleAccountError> {
    let user = storage
        .user_by_email(email)
        .await?
        .ok_or_else(|| ManagedAppleAccountError::NoSuchUser(email.clone()))?;
    let account = account.map(EmailAddress::parse).transpose()?;
    storage
        .set_managed_apple_account(user.id, account.as_ref().map(EmailAddress::as_str))
        .await?;
    Ok(managed_apple_account(storage, user.id, email).await?)
}
