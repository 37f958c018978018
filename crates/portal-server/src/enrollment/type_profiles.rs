//! Enrollment type profiles: which enrollment a person is offered (web
//! device enrollment, account-driven user enrollment, or their choice),
//! assigned to groups or to everyone, the highest priority winning.
//!
//! A person's groups are the portal's own (`portal-server group …`) and the
//! ones the identity provider's groups claim listed at their latest sign-in;
//! an assignment names a group either way. Without any profile that applies
//! a person gets web device enrollment, the portal's behaviour before
//! profiles existed.

use portal_api::{EmailAddress, EnrollmentProfileType};

use crate::clock::Clock;
use crate::storage::{EnrollmentTypeProfile, LocalGroup, Storage, StorageError, UserId};

/// A profile or group name is a short label on a command line.
pub const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum EnrollmentProfileError {
    #[error(
        "this portal has no organization yet: run `portal-server demo`, or add a user with \
         `portal-server user add --organization NAME`"
    )]
    NoOrganization,
    #[error("a name must be 1 to {MAX_NAME_CHARS} characters, without control characters")]
    Name,
    #[error("there is no enrollment profile named {0:?} (see `enrollment-profile list`)")]
    NoSuchProfile(String),
    #[error("an enrollment profile named {0:?} exists already")]
    ProfileExists(String),
    #[error("there is no group named {0:?} (see `group list`)")]
    NoSuchGroup(String),
    #[error("there is no user {0} (see `user add`)")]
    NoSuchUser(EmailAddress),
    #[error("the priority must be 1 or more (1 is the highest)")]
    Priority,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Who a profile is assigned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignment {
    AllUsers,
    Group(String),
}

/// Of the profiles that apply to someone in `groups`, the one with the
/// highest priority (the lowest number; equal numbers by name).
pub fn effective<'a>(
    profiles: &'a [EnrollmentTypeProfile],
    groups: &[String],
) -> Option<&'a EnrollmentTypeProfile> {
    profiles
        .iter()
        .filter(|profile| profile.all_users || profile.groups.iter().any(|g| groups.contains(g)))
        .min_by(|a, b| (a.priority, &a.name).cmp(&(b.priority, &b.name)))
}

/// Whether anyone can be offered user enrollment: a profile of that type
/// or of the person's choice that is assigned to someone.
pub fn offers_user_enrollment(profiles: &[EnrollmentTypeProfile]) -> bool {
    profiles.iter().any(|profile| {
        (profile.all_users || !profile.groups.is_empty())
            && matches!(
                profile.profile_type,
                EnrollmentProfileType::AccountDrivenUserEnrollment
                    | EnrollmentProfileType::UserChoice
            )
    })
}

/// The user's groups: the portal's own and the identity provider's.
pub async fn groups_of_user(
    storage: &dyn Storage,
    user_id: UserId,
) -> Result<Vec<String>, StorageError> {
    let mut groups = storage.local_groups_of_user(user_id).await?;
    groups.extend(storage.groups_of_user(user_id).await?);
    Ok(groups)
}

/// The profile that decides the user's enrollment, if any applies.
pub async fn effective_profile(
    storage: &dyn Storage,
    user_id: UserId,
) -> Result<Option<EnrollmentTypeProfile>, StorageError> {
    let profiles = storage.enrollment_type_profiles().await?;
    let groups = groups_of_user(storage, user_id).await?;
    Ok(effective(&profiles, &groups).cloned())
}

/// What the user is offered: their effective profile's type, or web device
/// enrollment when no profile applies.
pub async fn effective_type(
    storage: &dyn Storage,
    user_id: UserId,
) -> Result<EnrollmentProfileType, StorageError> {
    Ok(effective_profile(storage, user_id)
        .await?
        .map(|profile| profile.profile_type)
        .unwrap_or_default())
}

fn checked_name(name: &str) -> Result<String, EnrollmentProfileError> {
    let name = name.trim();
    let fine = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && !name.chars().any(char::is_control);
    fine.then(|| name.to_owned())
        .ok_or(EnrollmentProfileError::Name)
}

async fn organization_id(storage: &dyn Storage) -> Result<i64, EnrollmentProfileError> {
    Ok(storage
        .organization()
        .await?
        .ok_or(EnrollmentProfileError::NoOrganization)?
        .id)
}

async fn profile_named(
    storage: &dyn Storage,
    name: &str,
) -> Result<EnrollmentTypeProfile, EnrollmentProfileError> {
    storage
        .enrollment_type_profiles()
        .await?
        .into_iter()
        .find(|profile| profile.name == name.trim())
        .ok_or_else(|| EnrollmentProfileError::NoSuchProfile(name.trim().to_owned()))
}

async fn save(
    storage: &dyn Storage,
    clock: &dyn Clock,
    profile: &EnrollmentTypeProfile,
) -> Result<(), EnrollmentProfileError> {
    let organization = organization_id(storage).await?;
    storage
        .save_enrollment_type_profile(organization, profile, clock.now())
        .await?;
    tracing::info!(profile = %profile.name, profile_type = profile.profile_type.as_str(),
        priority = profile.priority, "enrollment profile saved");
    Ok(())
}

/// `enrollment-profile add`: a new profile, assigned to nobody yet.
pub async fn add_profile(
    storage: &dyn Storage,
    clock: &dyn Clock,
    name: &str,
    profile_type: EnrollmentProfileType,
    priority: u32,
) -> Result<EnrollmentTypeProfile, EnrollmentProfileError> {
    let name = checked_name(name)?;
    if priority == 0 {
        return Err(EnrollmentProfileError::Priority);
    }
    if profile_named(storage, &name).await.is_ok() {
        return Err(EnrollmentProfileError::ProfileExists(name));
    }
    let profile = EnrollmentTypeProfile {
        name,
        profile_type,
        priority,
        all_users: false,
        groups: Vec::new(),
    };
    save(storage, clock, &profile).await?;
    Ok(profile)
}

/// `enrollment-profile assign` (or with `assigned` false, unassign).
pub async fn assign_profile(
    storage: &dyn Storage,
    clock: &dyn Clock,
    name: &str,
    assignment: &Assignment,
    assigned: bool,
) -> Result<EnrollmentTypeProfile, EnrollmentProfileError> {
    let mut profile = profile_named(storage, name).await?;
    match assignment {
        Assignment::AllUsers => profile.all_users = assigned,
        Assignment::Group(group) => {
            let group = checked_name(group)?;
            profile.groups.retain(|g| *g != group);
            if assigned {
                profile.groups.push(group);
            }
        }
    }
    save(storage, clock, &profile).await?;
    Ok(profile)
}

/// `enrollment-profile priority`.
pub async fn set_priority(
    storage: &dyn Storage,
    clock: &dyn Clock,
    name: &str,
    priority: u32,
) -> Result<EnrollmentTypeProfile, EnrollmentProfileError> {
    if priority == 0 {
        return Err(EnrollmentProfileError::Priority);
    }
    let mut profile = profile_named(storage, name).await?;
    profile.priority = priority;
    save(storage, clock, &profile).await?;
    Ok(profile)
}

/// `enrollment-profile remove`.
pub async fn remove_profile(
    storage: &dyn Storage,
    name: &str,
) -> Result<(), EnrollmentProfileError> {
    if storage.remove_enrollment_type_profile(name.trim()).await? {
        tracing::info!(profile = %name.trim(), "enrollment profile removed");
        Ok(())
    } else {
        Err(EnrollmentProfileError::NoSuchProfile(
            name.trim().to_owned(),
        ))
    }
}

/// `group add`: creates the group (if new) and adds these users to it.
pub async fn add_group_members(
    storage: &dyn Storage,
    clock: &dyn Clock,
    group: &str,
    members: &[EmailAddress],
) -> Result<LocalGroup, EnrollmentProfileError> {
    let group = checked_name(group)?;
    let organization = organization_id(storage).await?;
    let mut users = Vec::new();
    for email in members {
        let user = storage
            .user_by_email(email)
            .await?
            .ok_or_else(|| EnrollmentProfileError::NoSuchUser(email.clone()))?;
        users.push(user.id);
    }
    storage
        .save_local_group(organization, &group, clock.now())
        .await?;
    for user in users {
        storage.add_local_group_member(&group, user).await?;
    }
    group_named(storage, &group).await
}

/// `group remove-member`.
pub async fn remove_group_member(
    storage: &dyn Storage,
    group: &str,
    member: &EmailAddress,
) -> Result<LocalGroup, EnrollmentProfileError> {
    let user = storage
        .user_by_email(member)
        .await?
        .ok_or_else(|| EnrollmentProfileError::NoSuchUser(member.clone()))?;
    let group = group_named(storage, group).await?;
    storage
        .remove_local_group_member(&group.name, user.id)
        .await?;
    group_named(storage, &group.name).await
}

/// One local group with its members.
pub async fn group_named(
    storage: &dyn Storage,
    name: &str,
) -> Result<LocalGroup, EnrollmentProfileError> {
    storage
        .local_groups()
        .await?
        .into_iter()
        .find(|group| group.name == name.trim())
        .ok_or_else(|| EnrollmentProfileError::NoSuchGroup(name.trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(
        name: &str,
        kind: EnrollmentProfileType,
        priority: u32,
        groups: &[&str],
    ) -> EnrollmentTypeProfile {
        EnrollmentTypeProfile {
            name: name.into(),
            profile_type: kind,
            priority,
            all_users: groups.is_empty(),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        }
    }

    #[test]
    fn user_enrollment_is_offered_only_by_a_profile_assigned_to_someone() {
        let web = profile("Web", EnrollmentProfileType::WebDeviceEnrollment, 1, &[]);
        assert!(!offers_user_enrollment(std::slice::from_ref(&web)));
        let mut byod = profile(
            "BYOD",
            EnrollmentProfileType::AccountDrivenUserEnrollment,
            2,
            &["byod"],
        );
        assert!(offers_user_enrollment(&[web.clone(), byod.clone()]));
        byod.groups.clear();
        assert!(!offers_user_enrollment(&[web.clone(), byod]));
        let choice = profile("Choice", EnrollmentProfileType::UserChoice, 3, &[]);
        assert!(offers_user_enrollment(&[web, choice]));
    }

    #[test]
    fn the_highest_priority_that_applies_wins() {
        let profiles = [
            profile("Everyone", EnrollmentProfileType::UserChoice, 10, &[]),
            profile(
                "BYOD",
                EnrollmentProfileType::AccountDrivenUserEnrollment,
                1,
                &["byod"],
            ),
            profile(
                "Kiosk",
                EnrollmentProfileType::WebDeviceEnrollment,
                5,
                &["kiosk"],
            ),
        ];
        let of = |groups: &[&str]| {
            let groups: Vec<String> = groups.iter().map(|g| (*g).to_owned()).collect();
            effective(&profiles, &groups).map(|p| p.name.clone())
        };
        assert_eq!(of(&[]).as_deref(), Some("Everyone"));
        assert_eq!(of(&["byod"]).as_deref(), Some("BYOD"));
        assert_eq!(of(&["kiosk", "byod"]).as_deref(), Some("BYOD"));
        assert_eq!(of(&["kiosk"]).as_deref(), Some("Kiosk"));
        assert_eq!(effective(&profiles[1..], &[]), None);
    }

    #[test]
    fn names_are_trimmed_labels() {
        assert_eq!(checked_name("  BYOD ").unwrap(), "BYOD");
        assert!(checked_name("").is_err());
        assert!(checked_name("a\nb").is_err());
        assert!(checked_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
    }
}
