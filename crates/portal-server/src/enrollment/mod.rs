//! Web-based enrollment of the iPhone or iPad the user is holding: the
//! organization's rules, enrollments and their states, single-use profile
//! download links, and the changes pushed to the SPA as events.
//!
//! The handlers in `api.rs` (and the download in `enrollment/download.rs`)
//! call these functions; the MDM check-in (`mdm`) moves enrollments on once
//! the device talks. Expiry is lazy: every read of an enrollment whose
//! install deadline passed marks it `Expired` first, so nothing ticks in the
//! background.

pub mod download;
pub mod events;
pub mod profile;
pub mod signing;
pub mod type_profiles;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use portal_api::{
    supports_legacy_user_enrollment, EmailAddress, Enrollment, EnrollmentId, EnrollmentProfileType,
    EnrollmentRules, EnrollmentState, EnrollmentType, ErrorCode, OsVersion, Ownership,
    ProfileDownload, RefusalDetails, StartEnrollment,
};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::clock::Timestamp;
use crate::error::AppError;
use crate::storage::{EnrollmentRecord, OrganizationSettings, ProfileTokenHash, UserId};
use crate::AppState;

/// A finished enrollment still counts as current for this long, so the SPA
/// can show how it ended.
pub const CURRENT_AFTER_FINISH_SECONDS: i64 = 60 * 60;

pub const ENROLLMENT_NOT_FOUND_MESSAGE: &str =
    "This enrollment doesn't exist or isn't yours. Start again from Enroll this device.";
pub const NO_ENROLLMENT_IN_PROGRESS_MESSAGE: &str = "You have no enrollment in progress.";
pub const ENROLLMENT_ALREADY_FINISHED_MESSAGE: &str =
    "This enrollment can't download a profile any more. Start again from Enroll this device.";

const ENROLLMENT_ID_BYTES: usize = 16;
const PROFILE_TOKEN_BYTES: usize = 32;
/// 32 bytes in unpadded base64.
const PROFILE_TOKEN_CHARS: usize = 43;

/// The secret in a profile download link. Never logged; only its SHA-256
/// is stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ProfileToken(String);

impl ProfileToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; PROFILE_TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only what [`ProfileToken::generate`] could have made.
    pub fn parse(value: &str) -> Option<Self> {
        let well_formed = value.len() == PROFILE_TOKEN_CHARS
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then(|| Self(value.to_owned()))
    }

    pub fn hash(&self) -> ProfileTokenHash {
        ProfileTokenHash(Sha256::digest(self.0.as_bytes()).into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ProfileToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProfileToken(***)")
    }
}

/// A new enrollment id: 128 random bits, base64url.
pub fn new_enrollment_id() -> EnrollmentId {
    let mut bytes = [0u8; ENROLLMENT_ID_BYTES];
    OsRng.fill_bytes(&mut bytes);
    EnrollmentId(URL_SAFE_NO_PAD.encode(bytes))
}

/// The enrollment as the API shows it, with the server's clock.
pub fn to_api(record: &EnrollmentRecord, now: Timestamp) -> Enrollment {
    Enrollment {
        id: record.id.clone(),
        state: record.state,
        ownership: record.ownership,
        enrollment_type: record.enrollment_type,
        device: record.device,
        downloaded_at: record.downloaded_at,
        profiles_downloaded: record.profiles_downloaded,
        install_deadline_at: record.install_deadline_at,
        server_now: now,
        problem: record.problem.clone(),
        device_id: record.device_id.clone(),
        account_driven: record.account_driven,
    }
}

/// The user's organization and its enrollment settings.
pub async fn settings_of_user(
    state: &AppState,
    user_id: UserId,
) -> Result<OrganizationSettings, AppError> {
    state
        .storage
        .organization_settings_of_user(user_id)
        .await?
        .ok_or_else(AppError::portal_not_set_up)
}

/// `GET /api/enrollment/rules`
pub async fn rules(
    state: &AppState,
    user_id: UserId,
    email: &EmailAddress,
) -> Result<EnrollmentRules, AppError> {
    let settings = settings_of_user(state, user_id).await?.enrollment;
    let devices_enrolled = state.storage.device_count_of_user(user_id).await?;
    Ok(EnrollmentRules {
        ownership_choice: settings.ownership_choice,
        default_ownership: settings.default_ownership,
        os_versions: settings.os_versions,
        allowed_devices: settings.allowed_devices,
        device_limit: settings.device_limit,
        devices_enrolled,
        install_window_seconds: settings.install_window_seconds,
        enrollment_set_up: state.push_certificate.is_some(),
        enrollment_profile_type: type_profiles::effective_type(state.storage.as_ref(), user_id)
            .await?,
        managed_apple_account: Some(
            crate::users::managed_apple_account(state.storage.as_ref(), user_id, email).await?,
        ),
        legacy_user_enrollment: settings.legacy_user_enrollment,
    })
}

/// The words for a user at the device limit (an API refusal, and the
/// problem of a device refused at check-in for the same reason).
pub fn device_limit_message(limit: u32, organization: &str) -> String {
    let devices = if limit == 1 { "device" } else { "devices" };
    format!(
        "You already have {limit} enrolled {devices}, the most {organization} allows. \
         Remove a device you no longer use in My devices, then try again."
    )
}

/// The refusal of a new enrollment for a person at the device limit (409).
pub fn device_limit_reached(limit: u32, organization: &str) -> AppError {
    AppError::refused_with(
        ErrorCode::DeviceLimitReached,
        device_limit_message(limit, organization),
        RefusalDetails {
            device_limit: Some(limit),
            organization: Some(organization.to_owned()),
            ..RefusalDetails::default()
        },
    )
}

/// `POST /api/enrollments`: a new enrollment in `Created`; any older
/// unfinished one of the user becomes `Replaced`. Device enrollment, or
/// legacy user enrollment where [`check_legacy_user_enrollment`] allows it.
pub async fn start(
    state: &AppState,
    user_id: UserId,
    request: &StartEnrollment,
) -> Result<Enrollment, AppError> {
    if state.push_certificate.is_none() {
        return Err(AppError::enrollment_not_set_up());
    }
    let organization = settings_of_user(state, user_id).await?;
    let offered = type_profiles::effective_type(state.storage.as_ref(), user_id).await?;
    match request.enrollment_type {
        EnrollmentType::DeviceEnrollment if !offered.allows_web_device_enrollment() => {
            tracing::info!(
                user_id,
                offered = offered.as_str(),
                "web enrollment refused by the enrollment profile"
            );
            let name = &organization.organization_name;
            return Err(AppError::enrollment_type_not_allowed(
                name,
                format!(
                    "{name} enrolls your devices with your work account in Settings, not with a \
                     download. Open Settings › General › VPN & Device Management and choose Sign \
                     In to Work or School Account."
                ),
            ));
        }
        EnrollmentType::DeviceEnrollment => {}
        EnrollmentType::UserEnrollment => {
            check_legacy_user_enrollment(&organization, offered, request.os_version.as_ref())
                .inspect_err(|_| {
                    tracing::info!(user_id, offered = offered.as_str(),
                        os_version = ?request.os_version, "legacy user enrollment refused");
                })?;
        }
    }
    let settings = &organization.enrollment;
    let devices = state.storage.device_count_of_user(user_id).await?;
    if devices >= settings.device_limit {
        return Err(device_limit_reached(
            settings.device_limit,
            &organization.organization_name,
        ));
    }
    let ownership = match request.enrollment_type {
        // "Only work apps and data" is the answer to "I own this device".
        EnrollmentType::UserEnrollment => Ownership::Personal,
        EnrollmentType::DeviceEnrollment if settings.ownership_choice => request.ownership,
        EnrollmentType::DeviceEnrollment => settings.default_ownership,
    };
    let now = state.clock.now();
    let record = EnrollmentRecord {
        id: new_enrollment_id(),
        user_id,
        state: EnrollmentState::Created,
        ownership,
        enrollment_type: request.enrollment_type,
        device: request.device,
        reported_os_version: request.os_version.as_ref().map(ToString::to_string),
        created_at: now,
        updated_at: now,
        downloaded_at: None,
        profiles_downloaded: 0,
        install_deadline_at: None,
        problem: None,
        device_id: None,
        device_facts: None,
        account_driven: false,
    };
    let replaced = state.storage.create_enrollment(&record).await?;
    for id in &replaced {
        state.enrollment_events.publish(id);
    }
    tracing::info!(user_id, enrollment = %record.id.0, enrollment_type = ?record.enrollment_type,
        replaced = replaced.len(), "enrollment started");
    Ok(to_api(&record, now))
}

/// Whether "only work apps and data" may go by a downloaded profile
/// (legacy user enrollment): the organization turned it on, the person's
/// enrollment type profile lets them choose ("Determine based on user
/// choice"), and the browser's iOS version can use it (13.1 to 17; the
/// device's own check-in is what the rules are enforced on).
pub fn check_legacy_user_enrollment(
    organization: &OrganizationSettings,
    offered: EnrollmentProfileType,
    os_version: Option<&OsVersion>,
) -> Result<(), AppError> {
    let name = &organization.organization_name;
    if !organization.enrollment.legacy_user_enrollment {
        return Err(AppError::enrollment_type_not_allowed(
            name,
            format!(
                "{name} doesn't offer a profile to download for only work apps and data. Sign \
                 in to your work account in Settings › General › VPN & Device Management \
                 instead."
            ),
        ));
    }
    if offered != EnrollmentProfileType::UserChoice {
        return Err(AppError::enrollment_type_not_allowed(
            name,
            format!(
                "{name}'s enrollment settings don't let you choose only work apps and data here."
            ),
        ));
    }
    if !os_version.is_some_and(supports_legacy_user_enrollment) {
        // Not this way on this iOS version: the same refusal, whose words
        // point to Settings.
        return Err(AppError::enrollment_type_not_allowed(
            name,
            "Downloading a profile for only work apps and data works on iOS and iPadOS 13.1 to \
             17. On iOS 18 or later, sign in to your work account in Settings › General › VPN & \
             Device Management instead.",
        ));
    }
    Ok(())
}

/// Reads an enrollment, applying a passed install deadline first.
pub async fn load(
    state: &AppState,
    id: &EnrollmentId,
) -> Result<Option<EnrollmentRecord>, AppError> {
    let now = state.clock.now();
    if state.storage.expire_enrollment_if_due(id, now).await? {
        tracing::info!(enrollment = %id.0, "enrollment expired: the install window passed");
        state.enrollment_events.publish(id);
    }
    Ok(state.storage.enrollment(id).await?)
}

/// The user's enrollment, or 404 exactly as for a missing one.
pub async fn load_for_user(
    state: &AppState,
    user_id: UserId,
    id: &EnrollmentId,
) -> Result<EnrollmentRecord, AppError> {
    match load(state, id).await? {
        Some(record) if record.user_id == user_id => Ok(record),
        _ => Err(AppError::not_found(ENROLLMENT_NOT_FOUND_MESSAGE)),
    }
}

/// `GET /api/enrollments/{id}`
pub async fn get(
    state: &AppState,
    user_id: UserId,
    id: &EnrollmentId,
) -> Result<Enrollment, AppError> {
    let record = load_for_user(state, user_id, id).await?;
    Ok(to_api(&record, state.clock.now()))
}

/// `GET /api/enrollments/current`: the newest enrollment, while unfinished
/// or finished within the last hour.
pub async fn current(state: &AppState, user_id: UserId) -> Result<Enrollment, AppError> {
    let newest = state.storage.latest_enrollment_of_user(user_id).await?;
    let Some(newest) = newest else {
        return Err(AppError::not_found(NO_ENROLLMENT_IN_PROGRESS_MESSAGE));
    };
    let record = load_for_user(state, user_id, &newest.id).await?;
    let now = state.clock.now();
    let recent =
        !record.state.is_final() || now - record.updated_at <= CURRENT_AFTER_FINISH_SECONDS;
    if !recent {
        return Err(AppError::not_found(NO_ENROLLMENT_IN_PROGRESS_MESSAGE));
    }
    Ok(to_api(&record, now))
}

/// `POST /api/enrollments/{id}/profile`: a fresh single-use download link.
/// Allowed before the device checks in (`Created`, `Downloaded`) and for
/// Enroll again on an `Expired` one, which goes back to `Created`.
pub async fn issue_profile(
    state: &AppState,
    user_id: UserId,
    id: &EnrollmentId,
) -> Result<ProfileDownload, AppError> {
    if state.push_certificate.is_none() {
        return Err(AppError::enrollment_not_set_up());
    }
    let mut record = load_for_user(state, user_id, id).await?;
    if record.enrollment_type == EnrollmentType::UserEnrollment {
        // The organization may have turned legacy user enrollment off since.
        let organization = settings_of_user(state, user_id).await?;
        if !organization.enrollment.legacy_user_enrollment {
            let name = &organization.organization_name;
            return Err(AppError::enrollment_type_not_allowed(
                name,
                format!(
                    "{name} no longer offers a profile to download for only work apps and \
                     data. Sign in to your work account in Settings › General › VPN & Device \
                     Management instead."
                ),
            ));
        }
    }
    let now = state.clock.now();
    match record.state {
        EnrollmentState::Created | EnrollmentState::Downloaded => {}
        EnrollmentState::Expired => {
            record.state = EnrollmentState::Created;
            record.downloaded_at = None;
            record.install_deadline_at = None;
            record.problem = None;
            record.updated_at = now;
            state.storage.update_enrollment(&record).await?;
        }
        EnrollmentState::Authenticated
        | EnrollmentState::Enrolled
        | EnrollmentState::Rejected
        | EnrollmentState::Replaced => {
            return Err(AppError::refused(
                ErrorCode::EnrollmentAlreadyFinished,
                ENROLLMENT_ALREADY_FINISHED_MESSAGE,
            ));
        }
    }
    let token = ProfileToken::generate();
    state.storage.issue_profile(id, &token.hash(), now).await?;
    state.enrollment_events.publish(id);
    tracing::info!(user_id, enrollment = %id.0, "profile download link issued");
    Ok(ProfileDownload {
        url: format!(
            "{}/{}",
            portal_api::routes::ENROLLMENT_PROFILES,
            token.expose()
        ),
        enrollment: to_api(&record, now),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_tokens_are_random_and_well_formed() {
        let a = ProfileToken::generate();
        let b = ProfileToken::generate();
        assert_ne!(a, b);
        assert_eq!(ProfileToken::parse(a.expose()), Some(a.clone()));
        assert_eq!(ProfileToken::parse("short"), None);
        assert_eq!(ProfileToken::parse(&"/".repeat(43)), None);
        assert!(!format!("{a:?}").contains(a.expose()));
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn enrollment_ids_carry_128_bits() {
        let id = new_enrollment_id();
        assert_eq!(URL_SAFE_NO_PAD.decode(&id.0).unwrap().len(), 16);
        assert_ne!(id, new_enrollment_id());
    }
}
