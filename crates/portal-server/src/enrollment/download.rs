//! `GET /enrollment-profiles/{token}`: the single-use profile download.
//!
//! Safari navigates here (a top-level navigation, so the `SameSite=Lax`
//! session cookie comes along and no anti-forgery header can). The answer is
//! the profile as `application/x-apple-aspen-config`, which makes Safari
//! offer it to Settings, or a short page for a person: 404 for a link that
//! isn't theirs, 410 for one already used or replaced.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use portal_api::{EnrollmentState, EnrollmentType};

use crate::error::AppError;
use crate::mdm::scep::ScepChallenge;
use crate::sign_in::{self, session};
use crate::storage::{EnrollmentRecord, ProfileState, ProfileTokenHash, UserId};
use crate::AppState;

use super::profile::{self, ProfileEnrollment, ProfileInput};
use super::ProfileToken;

pub const PROFILE_CONTENT_TYPE: &str = "application/x-apple-aspen-config";

pub const NOT_FOUND_PAGE: &str =
    "This profile link doesn't work. Go back to the portal, sign in, and tap Download again.";
pub const ALREADY_USED_PAGE: &str =
    "This profile link was already used. Go back to the portal and tap Download again.";
pub const REPLACED_PAGE: &str =
    "A newer profile link replaced this one. Go back to the portal and tap Download again.";
pub const NOT_SET_UP_PAGE: &str = crate::error::ENROLLMENT_NOT_SET_UP_MESSAGE;
pub const UNAVAILABLE_PAGE: &str =
    "The portal can't reach its data right now. Go back to the portal and tap Download again in \
     a minute.";
pub const FAILED_PAGE: &str =
    "Something went wrong on our side. Go back to the portal and try again in a few minutes.";

/// Why no profile was sent.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// Not signed in, not theirs, or no such link (404, all alike).
    #[error("no such profile link")]
    NotFound,
    #[error("the profile link was already used")]
    AlreadyUsed,
    #[error("the profile link was replaced")]
    Replaced,
    /// No MDM push certificate: no profile can name a topic (503).
    #[error("enrollment is not set up (no MDM push certificate)")]
    NotSetUp,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<crate::storage::StorageError> for DownloadError {
    fn from(error: crate::storage::StorageError) -> Self {
        Self::App(error.into())
    }
}

impl IntoResponse for DownloadError {
    fn into_response(self) -> Response {
        let (status, message) = match &self {
            DownloadError::NotFound => (StatusCode::NOT_FOUND, NOT_FOUND_PAGE),
            DownloadError::AlreadyUsed => (StatusCode::GONE, ALREADY_USED_PAGE),
            DownloadError::Replaced => (StatusCode::GONE, REPLACED_PAGE),
            DownloadError::NotSetUp => (StatusCode::SERVICE_UNAVAILABLE, NOT_SET_UP_PAGE),
            DownloadError::App(error) if error.is_storage_unavailable() => {
                tracing::error!(%error, "profile download failed: the database is out of reach");
                (StatusCode::SERVICE_UNAVAILABLE, UNAVAILABLE_PAGE)
            }
            DownloadError::App(error) => {
                tracing::error!(%error, "profile download failed");
                (StatusCode::INTERNAL_SERVER_ERROR, FAILED_PAGE)
            }
        };
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Company Portal</title></head><body><main><h1>Company Portal</h1>\
             <p>{message}</p><p><a href=\"/\">Go back to the portal</a></p></main></body></html>"
        );
        (
            status,
            [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            Html(page),
        )
            .into_response()
    }
}

/// The handler.
pub async fn download_profile(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, DownloadError> {
    let user_id = signed_in_user_id(&state, &headers).await?;
    let file = download(&state, user_id, &token).await?;
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    let disposition = HeaderValue::from_str(&disposition)
        .map_err(|_| AppError::Internal("the profile's file name is not a header".into()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(PROFILE_CONTENT_TYPE),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file.bytes,
    )
        .into_response())
}

async fn signed_in_user_id(state: &AppState, headers: &HeaderMap) -> Result<UserId, DownloadError> {
    let token = session::token_from_headers(headers).ok_or(DownloadError::NotFound)?;
    match sign_in::signed_in_user(state, &token).await {
        Ok(signed_in) => Ok(signed_in.user_id),
        Err(AppError::Api(_)) => Err(DownloadError::NotFound),
        Err(error) => Err(error.into()),
    }
}

/// A profile ready to send.
pub struct ProfileFile {
    pub bytes: Vec<u8>,
    pub file_name: String,
}

/// Uses up the link: a fresh SCEP challenge (valid until the install
/// deadline), the enrollment `Downloaded` with that deadline, and the
/// profile, signed.
pub async fn download(
    state: &AppState,
    user_id: UserId,
    token: &str,
) -> Result<ProfileFile, DownloadError> {
    let token = ProfileToken::parse(token).ok_or(DownloadError::NotFound)?;
    // Checked before the link is used up, so it still works once set up.
    if state.push_certificate.is_none() {
        return Err(DownloadError::NotSetUp);
    }
    let hash = token.hash();
    let profile = state
        .storage
        .profile_by_token(&hash)
        .await?
        .filter(|profile| profile.user_id == user_id)
        .ok_or(DownloadError::NotFound)?;
    match profile.state {
        ProfileState::Issued => {}
        ProfileState::Downloaded | ProfileState::Used => return Err(DownloadError::AlreadyUsed),
        ProfileState::Replaced => return Err(DownloadError::Replaced),
    }
    let enrollment = super::load_for_user(state, user_id, &profile.enrollment_id)
        .await
        .map_err(|_| DownloadError::NotFound)?;
    match enrollment.state {
        EnrollmentState::Created | EnrollmentState::Downloaded => {}
        EnrollmentState::Replaced => return Err(DownloadError::Replaced),
        _ => return Err(DownloadError::AlreadyUsed),
    }
    let account;
    let kind = match enrollment.enrollment_type {
        EnrollmentType::DeviceEnrollment => ProfileEnrollment::WebDevice,
        // Started in the web journey: legacy user enrollment.
        EnrollmentType::UserEnrollment => {
            let email = state
                .storage
                .email_of_user(user_id)
                .await?
                .ok_or(DownloadError::NotFound)?;
            account = crate::users::managed_apple_account(state.storage.as_ref(), user_id, &email)
                .await?;
            ProfileEnrollment::LegacyUser {
                managed_apple_account: &account,
            }
        }
    };
    hand_out(state, &enrollment, &hash, kind).await
}

/// Uses up the issued profile `hash` of `enrollment` and makes its file:
/// a fresh SCEP challenge (valid until the install deadline), the
/// enrollment `Downloaded` with that deadline, and the profile, signed.
pub async fn hand_out(
    state: &AppState,
    enrollment: &EnrollmentRecord,
    hash: &ProfileTokenHash,
    kind: ProfileEnrollment<'_>,
) -> Result<ProfileFile, DownloadError> {
    let push_certificate = state
        .push_certificate
        .clone()
        .ok_or(DownloadError::NotSetUp)?;
    let user_id = enrollment.user_id;
    let organization = super::settings_of_user(state, user_id).await?;
    let now = state.clock.now();
    let challenge = ScepChallenge::generate();
    let deadline = now + i64::from(organization.enrollment.install_window_seconds);
    if !state
        .storage
        .record_profile_download(hash, &challenge.hash(), now, deadline)
        .await?
    {
        return Err(DownloadError::AlreadyUsed);
    }
    state.enrollment_events.publish(&enrollment.id);
    tracing::info!(user_id, enrollment = %enrollment.id.0, "profile downloaded");

    let bytes = profile::build(&ProfileInput {
        organization: &organization.organization_name,
        public_url: &state.config.public_url,
        topic: &push_certificate.topic,
        ownership: enrollment.ownership,
        enrollment_id: &enrollment.id.0,
        scep_challenge: challenge.expose(),
        ca_name: state.mdm_ca.name(),
        enrollment: kind,
    })
    .map_err(|error| AppError::Internal(format!("cannot write the profile: {error}")))?;
    let bytes = state
        .profile_signer
        .sign(&bytes)
        .map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(ProfileFile {
        bytes,
        file_name: file_name(&organization.organization_name),
    })
}

/// `<Org> enrollment.mobileconfig`, with only characters that are safe in a
/// quoted header parameter and a file name.
pub fn file_name(organization: &str) -> String {
    let safe: String = organization
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '&'))
        .collect();
    let safe = safe.trim();
    if safe.is_empty() {
        "Enrollment.mobileconfig".to_owned()
    } else {
        format!("{safe} enrollment.mobileconfig")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_in_a_header() {
        assert_eq!(file_name("Contoso"), "Contoso enrollment.mobileconfig");
        assert_eq!(
            file_name("Fabrikam \"Ltd\"\r\n"),
            "Fabrikam Ltd enrollment.mobileconfig"
        );
        assert_eq!(file_name("株式会社"), "Enrollment.mobileconfig");
    }
}
