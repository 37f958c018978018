//! Account-driven enrollment (Settings › General › VPN & Device Management
//! › Sign In to Work or School Account), the server's side:
//!
//! 1. discovery at `/.well-known/com.apple.remotemanagement`: `mdm-byod`
//!    (user enrollment) or `mdm-adde` (device enrollment) by the person's
//!    enrollment type profile, else Apple's `com.apple.well-known.failed`
//!    403, the same for strangers and for people refused;
//! 2. the device's `POST` of its signed MachineInfo to the BaseURL, answered
//!    401 with the `apple-as-web` challenge until it carries a token;
//! 3. the web sign-in (the SPA's page) reads the session, the person
//!    consents, and the finish route hands the token over with a `308`;
//! 4. the same `POST` with `Authorization: Bearer` gets the enrollment
//!    profile (`EnrollmentMode`, `AssignedManagedAppleID`, no
//!    `AccessRights` for user enrollment; for device enrollment the
//!    MachineInfo must name the device (`UDID`, `SERIAL`) and say iOS 17 or
//!    later, and the profile has `AccessRights` by ownership);
//! 5. every later MDM request of the enrollment must carry a valid token
//!    ([`require_token`]); an expired one gets the challenge again, and the
//!    token of a new sign-in by the same person then takes over.
//!
//! Tokens are 256 random bits, stored as SHA-256, bound to the person and
//! the enrollment, good only for this, and expire after
//! [`ACCESS_TOKEN_LIFETIME_SECONDS`].

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use plist::Dictionary;
use portal_api::account_enrollment::{
    AUTHENTICATION_RESULTS, VERSION_DEVICE_ENROLLMENT, VERSION_USER_ENROLLMENT,
};
use portal_api::{
    routes, AccountEnrollmentConsent, AccountEnrollmentConsented, AccountEnrollmentSession,
    EmailAddress, EnrollmentProfileType, EnrollmentState, EnrollmentType, ErrorCode, Ownership,
    RefusalDetails, RemoteManagementServer, RemoteManagementServers,
};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::enrollment::download::{self, DownloadError, PROFILE_CONTENT_TYPE};
use crate::enrollment::profile::{AccountDriven, ProfileEnrollment};
use crate::enrollment::{self, type_profiles, ProfileToken};
use crate::error::AppError;
use crate::mdm::MdmError;
use crate::sign_in::SignedIn;
use crate::storage::{AccountTokenHash, AccountTokenRecord, EnrollmentRecord, UserId};
use crate::{users, AppState};

/// How long a token from the web sign-in stays good: 30 days, then the
/// device asks the person to sign in again.
pub const ACCESS_TOKEN_LIFETIME_SECONDS: i64 = 30 * 24 * 60 * 60;
/// A MachineInfo is a dozen short strings and a signature (about 4 KiB).
pub const MAX_MACHINE_INFO_BYTES: usize = 16 * 1024;
const TOKEN_BYTES: usize = 32;

pub const WELL_KNOWN_REFUSED_MESSAGE: &str =
    "This account can't enroll a device here. Contact your IT help desk.";
pub const NOT_ALLOWED_MESSAGE: &str =
    "Your organization doesn't let you enroll a device by signing in to your work account in \
     Settings. Open the Company Portal to see how to enroll.";

/// The secret the device carries as `Authorization: Bearer`. Never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; TOKEN_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Accepts only what [`AccessToken::generate`] could have made.
    pub fn parse(value: &str) -> Option<Self> {
        let decoded = URL_SAFE_NO_PAD.decode(value).ok()?;
        (decoded.len() == TOKEN_BYTES).then(|| Self(value.to_owned()))
    }

    pub fn hash(&self) -> AccountTokenHash {
        AccountTokenHash(Sha256::digest(self.0.as_bytes()).into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

/// Which account-driven enrollment a profile type allows: user enrollment
/// for "user enrollment" and "user choice" (Settings' sign-in is the "only
/// work apps and data" path), device enrollment (iOS 17+) for a profile of
/// web device enrollment; none without a profile.
///
/// Discovery carries no OS version, so it can't keep `mdm-adde` from an
/// older device: iOS 15 and 16 don't know that version and stop at once
/// ("the client selects the server … that matches its own most recent
/// supported version"), and one that posts anyway is refused by its
/// MachineInfo ([`runs_ios_17`]).
pub fn account_driven_type(profile: Option<EnrollmentProfileType>) -> Option<EnrollmentType> {
    match profile? {
        EnrollmentProfileType::AccountDrivenUserEnrollment | EnrollmentProfileType::UserChoice => {
            Some(EnrollmentType::UserEnrollment)
        }
        EnrollmentProfileType::WebDeviceEnrollment => Some(EnrollmentType::DeviceEnrollment),
    }
}

async fn account_driven_type_of(
    state: &AppState,
    user_id: UserId,
) -> Result<Option<EnrollmentType>, AppError> {
    let profile = type_profiles::effective_profile(state.storage.as_ref(), user_id).await?;
    Ok(account_driven_type(profile.map(|p| p.profile_type)))
}

/// The routes outside `/api`: discovery, the BaseURL, the finish.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::WELL_KNOWN_REMOTE_MANAGEMENT, get(discovery))
        .route(
            routes::MDM_ACCOUNT_ENROLLMENT,
            post(enroll).layer(DefaultBodyLimit::max(MAX_MACHINE_INFO_BYTES)),
        )
        .route(routes::ACCOUNT_ENROLLMENT_FINISH, get(finish))
}

// --- 1. Discovery ---------------------------------------------------------

/// Apple's `com.apple.well-known.failed` error document.
#[derive(Debug, Serialize)]
struct WellKnownFailed {
    code: &'static str,
    description: &'static str,
    message: &'static str,
}

/// `GET /.well-known/com.apple.remotemanagement?user-identifier=…`
async fn discovery(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let account = query.get("user-identifier").map(String::as_str);
    match discovered_type(&state, account).await? {
        Some(enrollment_type) => {
            let version = match enrollment_type {
                EnrollmentType::UserEnrollment => VERSION_USER_ENROLLMENT,
                EnrollmentType::DeviceEnrollment => VERSION_DEVICE_ENROLLMENT,
            };
            let servers = RemoteManagementServers {
                servers: vec![RemoteManagementServer {
                    version: version.into(),
                    base_url: format!(
                        "{}{}",
                        state.config.public_url.origin(),
                        routes::MDM_ACCOUNT_ENROLLMENT
                    ),
                }],
            };
            Ok(no_store(Json(servers).into_response()))
        }
        None => {
            // The same answer for strangers and for people refused.
            let refused = WellKnownFailed {
                code: "com.apple.well-known.failed",
                description: "no account-driven enrollment for this account",
                message: WELL_KNOWN_REFUSED_MESSAGE,
            };
            Ok(no_store(
                (StatusCode::FORBIDDEN, Json(refused)).into_response(),
            ))
        }
    }
}

async fn discovered_type(
    state: &AppState,
    account: Option<&str>,
) -> Result<Option<EnrollmentType>, AppError> {
    if state.push_certificate.is_none() {
        return Ok(None);
    }
    let Some(account) = account.and_then(|account| EmailAddress::parse(account).ok()) else {
        return Ok(None);
    };
    let Some(user) = state
        .storage
        .user_by_managed_apple_account(account.as_str())
        .await?
    else {
        return Ok(None);
    };
    account_driven_type_of(state, user.id).await
}

fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

// --- 2 and 4. The BaseURL ------------------------------------------------

/// The `WWW-Authenticate` challenge that sends the device to the web
/// sign-in.
pub fn challenge(state: &AppState) -> String {
    format!(
        "Bearer method=\"apple-as-web\", url=\"{}{}\"",
        state.config.public_url.origin(),
        routes::ACCOUNT_ENROLLMENT_SIGN_IN
    )
}

/// 401 with the challenge.
pub fn challenge_response(state: &AppState) -> Response {
    let mut response = (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    if let Ok(value) = HeaderValue::from_str(&challenge(state)) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// The valid (unexpired) token the request carries, if any.
pub async fn bearer_token(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<AccountTokenRecord>, AppError> {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .and_then(|value| AccessToken::parse(value.trim()))
    else {
        return Ok(None);
    };
    let record = state.storage.account_token(&token.hash()).await?;
    let now = state.clock.now();
    Ok(record.filter(|record| now < record.expires_at))
}

/// What the device's MachineInfo must (not) say for the mode.
fn check_machine_info(info: &Dictionary, enrollment_type: EnrollmentType) -> Result<(), String> {
    for key in ["PRODUCT", "VERSION"] {
        if info.get(key).and_then(plist::Value::as_string).is_none() {
            return Err(format!("MachineInfo without {key}"));
        }
    }
    match enrollment_type {
        EnrollmentType::UserEnrollment => {
            if let Some(key) = ["UDID", "SERIAL", "IMEI", "MEID"]
                .into_iter()
                .find(|key| info.contains_key(key))
            {
                return Err(format!("{key} in a user enrollment's MachineInfo"));
            }
        }
        EnrollmentType::DeviceEnrollment => {
            if let Some(key) = ["UDID", "SERIAL"]
                .into_iter()
                .find(|key| !info.contains_key(key))
            {
                return Err(format!("no {key} in a device enrollment's MachineInfo"));
            }
        }
    }
    Ok(())
}

/// Whether the MachineInfo says iOS 17 or later, which account-driven
/// device enrollment needs. `OS_VERSION` came with iOS 17 itself, so a
/// MachineInfo without it is from an older device.
fn runs_ios_17(info: &Dictionary) -> bool {
    info.get("OS_VERSION")
        .and_then(plist::Value::as_string)
        .and_then(|version| portal_api::OsVersion::parse(version).ok())
        .is_some_and(|version| portal_api::supports_account_driven_device_enrollment(&version))
}

/// Whether the MachineInfo's `OS_VERSION` is older than 18 (unknown counts
/// as older: the key is harmless where it is no longer read).
fn before_ios_18(info: &Dictionary) -> bool {
    info.get("OS_VERSION")
        .and_then(plist::Value::as_string)
        .and_then(|version| portal_api::OsVersion::parse(version).ok())
        .is_none_or(|version| version < portal_api::OsVersion::new(18, 0, 0))
}

/// The plist a CMS SignedData carries. The signature is the device's
/// built-in identity, whose chain Apple does not publish for this; the
/// access token is what authenticates the request.
fn machine_info(body: &[u8]) -> Result<Dictionary, String> {
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;
    use der::Decode;
    let info = ContentInfo::from_der(body).map_err(|e| format!("not CMS: {e}"))?;
    let data: SignedData = info
        .content
        .decode_as()
        .map_err(|e| format!("not SignedData: {e}"))?;
    let content = data
        .encap_content_info
        .econtent
        .ok_or("no attached MachineInfo")?;
    let bytes = content
        .decode_as::<der::asn1::OctetString>()
        .map_err(|e| format!("content: {e}"))?;
    crate::mdm::body::parse_dictionary(bytes.as_bytes()).map_err(|e| e.to_string())
}

/// `POST <BaseURL>`: the challenge, or with a token the profile.
async fn enroll(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let info = match machine_info(&body) {
        Ok(info) => info,
        Err(why) => {
            tracing::info!(%why, "account-driven enrollment: unreadable MachineInfo");
            return Ok((StatusCode::BAD_REQUEST, "Bad Request").into_response());
        }
    };
    let Some(token) = bearer_token(&state, &headers).await? else {
        return Ok(challenge_response(&state));
    };
    if let Err(why) = check_machine_info(&info, token.enrollment_type) {
        tracing::info!(%why, "account-driven enrollment: MachineInfo refused");
        return Ok((StatusCode::BAD_REQUEST, "Bad Request").into_response());
    }
    if token.enrollment_type == EnrollmentType::DeviceEnrollment && !runs_ios_17(&info) {
        // Discovery can't tell (it carries no version): an older device
        // that tries anyway stops here, with an error on the device.
        tracing::info!("account-driven device enrollment refused: the device runs iOS 16 or older");
        return Ok((StatusCode::FORBIDDEN, "Forbidden").into_response());
    }
    let Some(enrollment) = enrollment::load(&state, &token.enrollment_id)
        .await?
        .filter(|enrollment| enrollment.user_id == token.user_id)
    else {
        return Ok(challenge_response(&state));
    };
    if !matches!(
        enrollment.state,
        EnrollmentState::Created | EnrollmentState::Downloaded
    ) {
        // Used already (or replaced): a new sign-in makes a new enrollment.
        return Ok(challenge_response(&state));
    }
    let user = user_email(&state, token.user_id).await?;
    let account =
        users::managed_apple_account(state.storage.as_ref(), token.user_id, &user).await?;
    let profile_token = ProfileToken::generate();
    let now = state.clock.now();
    state
        .storage
        .issue_profile(&enrollment.id, &profile_token.hash(), now)
        .await?;
    let file = download::hand_out(
        &state,
        &enrollment,
        &profile_token.hash(),
        ProfileEnrollment::AccountDriven(AccountDriven {
            enrollment_type: token.enrollment_type,
            managed_apple_account: &account,
            with_managed_apple_id: before_ios_18(&info),
        }),
    )
    .await;
    let file = match file {
        Ok(file) => file,
        Err(DownloadError::App(error)) => return Err(error),
        Err(other) => {
            tracing::warn!(error = %other, "account-driven enrollment: no profile");
            return Ok(challenge_response(&state));
        }
    };
    tracing::info!(user_id = token.user_id, enrollment = %enrollment.id.0,
        enrollment_type = ?token.enrollment_type, "account-driven enrollment profile sent");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(PROFILE_CONTENT_TYPE),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        file.bytes,
    )
        .into_response())
}

async fn user_email(state: &AppState, user_id: UserId) -> Result<EmailAddress, AppError> {
    state
        .storage
        .email_of_user(user_id)
        .await?
        .ok_or_else(|| AppError::Internal("the token's user is gone".into()))
}

// --- 3. The web sign-in's API --------------------------------------------

fn wrong_account(account: &str) -> AppError {
    AppError::refused_with(
        ErrorCode::WrongAccount,
        format!("You're signed in as {account}. Sign in with the account you typed in Settings."),
        RefusalDetails {
            signed_in_as: Some(account.to_owned()),
            ..RefusalDetails::default()
        },
    )
}

fn same_account(given: Option<&str>, account: &str) -> bool {
    given
        .is_none_or(|given| EmailAddress::parse(given).is_ok_and(|given| given.as_str() == account))
}

/// `GET /api/account-enrollment/session?user-identifier=…`
pub async fn session(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<AccountEnrollmentSession>, AppError> {
    let organization = enrollment::settings_of_user(&state, signed_in.user_id).await?;
    let account = users::managed_apple_account(
        state.storage.as_ref(),
        signed_in.user_id,
        &signed_in.user.email,
    )
    .await?;
    let user_identifier = query.get("user-identifier").cloned();
    Ok(Json(AccountEnrollmentSession {
        organization_name: organization.organization_name,
        account_matches: same_account(user_identifier.as_deref(), &account),
        user_identifier,
        managed_apple_account: account,
        enrollment_type: account_driven_type_of(&state, signed_in.user_id).await?,
    }))
}

/// `POST /api/account-enrollment/consent`: a new enrollment and its token.
pub async fn consent(
    State(state): State<AppState>,
    signed_in: SignedIn,
    crate::api::ApiJson(request): crate::api::ApiJson<AccountEnrollmentConsent>,
) -> Result<Json<AccountEnrollmentConsented>, AppError> {
    if state.push_certificate.is_none() {
        return Err(AppError::enrollment_not_set_up());
    }
    let user_id = signed_in.user_id;
    let organization = enrollment::settings_of_user(&state, user_id).await?;
    let Some(enrollment_type) = account_driven_type_of(&state, user_id).await? else {
        return Err(AppError::enrollment_type_not_allowed(
            &organization.organization_name,
            NOT_ALLOWED_MESSAGE,
        ));
    };
    let account =
        users::managed_apple_account(state.storage.as_ref(), user_id, &signed_in.user.email)
            .await?;
    if !same_account(request.user_identifier.as_deref(), &account) {
        return Err(wrong_account(signed_in.user.email.as_str()));
    }
    let now = state.clock.now();
    let record = EnrollmentRecord {
        id: enrollment::new_enrollment_id(),
        user_id,
        state: EnrollmentState::Created,
        ownership: match enrollment_type {
            EnrollmentType::UserEnrollment => Ownership::Personal,
            EnrollmentType::DeviceEnrollment => organization.enrollment.default_ownership,
        },
        enrollment_type,
        // Settings doesn't say; the device's check-in does.
        device: portal_api::DeviceKind::Iphone,
        reported_os_version: None,
        created_at: now,
        updated_at: now,
        downloaded_at: None,
        profiles_downloaded: 0,
        install_deadline_at: None,
        problem: None,
        device_id: None,
        device_facts: None,
        account_driven: true,
    };
    let replaced = state.storage.create_enrollment(&record).await?;
    for id in &replaced {
        state.enrollment_events.publish(id);
    }
    let token = AccessToken::generate();
    state
        .storage
        .save_account_token(&AccountTokenRecord {
            token_hash: token.hash(),
            user_id,
            enrollment_id: record.id.clone(),
            enrollment_type,
            created_at: now,
            expires_at: now + ACCESS_TOKEN_LIFETIME_SECONDS,
        })
        .await?;
    tracing::info!(user_id, enrollment = %record.id.0, ?enrollment_type, "account-driven enrollment consented");
    Ok(Json(AccountEnrollmentConsented {
        location: result_location(&token),
        finish_url: format!(
            "{}?access-token={}",
            routes::ACCOUNT_ENROLLMENT_FINISH,
            token.expose()
        ),
    }))
}

fn result_location(token: &AccessToken) -> String {
    format!("{AUTHENTICATION_RESULTS}?access-token={}", token.expose())
}

/// `GET /account-enrollment/finish?access-token=…`: the `308` that ends
/// the sheet, for the signed-in owner of a valid token only.
async fn finish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let token = query
        .get("access-token")
        .and_then(|token| AccessToken::parse(token));
    let signed_in = match crate::sign_in::session::token_from_headers(&headers) {
        Some(session) => match crate::sign_in::signed_in_user(&state, &session).await {
            Ok(signed_in) => Some(signed_in),
            Err(AppError::Api(_)) => None,
            Err(error) => return Err(error),
        },
        None => None,
    };
    let (Some(signed_in), Some(token)) = (signed_in, token) else {
        return Err(AppError::not_found(crate::error::NOT_FOUND_MESSAGE));
    };
    let record = state.storage.account_token(&token.hash()).await?;
    let now = state.clock.now();
    let valid =
        record.is_some_and(|record| record.user_id == signed_in.user_id && now < record.expires_at);
    if !valid {
        return Err(AppError::not_found(crate::error::NOT_FOUND_MESSAGE));
    }
    let location = HeaderValue::from_str(&result_location(&token))
        .map_err(|_| AppError::Internal("the result location is not a header".into()))?;
    Ok((
        StatusCode::PERMANENT_REDIRECT,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response())
}

// --- 5. Later MDM requests -----------------------------------------------

/// For an account-driven enrollment, the request must carry a valid token
/// of the enrollment's person: the enrollment's own, or one from a new
/// sign-in (re-authentication), which then takes over. Otherwise 401 with
/// the challenge. Other enrollments pass.
pub async fn require_token(
    state: &AppState,
    headers: &HeaderMap,
    enrollment_id: &portal_api::EnrollmentId,
    user_id: UserId,
) -> Result<(), MdmError> {
    if !state.storage.is_account_driven(enrollment_id).await? {
        return Ok(());
    }
    let token = bearer_token(state, headers)
        .await?
        .filter(|token| token.user_id == user_id)
        .ok_or(MdmError::SignInRequired)?;
    if token.enrollment_id == *enrollment_id {
        return Ok(());
    }
    // A re-authentication: its consent made a fresh enrollment that no
    // device used. The token moves to this enrollment; the fresh one ends.
    let Some(mut fresh) = enrollment::load(state, &token.enrollment_id).await? else {
        return Err(MdmError::SignInRequired);
    };
    if fresh.state != EnrollmentState::Created || fresh.user_id != user_id {
        return Err(MdmError::SignInRequired);
    }
    state
        .storage
        .rebind_account_token(&token.token_hash, enrollment_id)
        .await?;
    fresh.state = EnrollmentState::Replaced;
    fresh.updated_at = state.clock.now();
    state.storage.update_enrollment(&fresh).await?;
    state.enrollment_events.publish(&fresh.id);
    tracing::info!(user_id, enrollment = %enrollment_id.0, "account-driven enrollment re-authenticated");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_well_formed_and_hidden() {
        let a = AccessToken::generate();
        let b = AccessToken::generate();
        assert_ne!(a, b);
        assert_eq!(AccessToken::parse(a.expose()), Some(a.clone()));
        assert_eq!(AccessToken::parse("short"), None);
        assert!(!format!("{a:?}").contains(a.expose()));
        assert_ne!(a.hash(), b.hash());
    }

    #[test]
    fn profiles_pick_the_account_driven_mode() {
        assert_eq!(account_driven_type(None), None);
        assert_eq!(
            account_driven_type(Some(EnrollmentProfileType::UserChoice)),
            Some(EnrollmentType::UserEnrollment)
        );
        assert_eq!(
            account_driven_type(Some(EnrollmentProfileType::WebDeviceEnrollment)),
            Some(EnrollmentType::DeviceEnrollment)
        );
    }

    #[test]
    fn device_enrollment_needs_ios_17() {
        let mut info = Dictionary::new();
        assert!(!runs_ios_17(&info), "no OS_VERSION: before iOS 17");
        info.insert("OS_VERSION".into(), "16.7.2".into());
        assert!(!runs_ios_17(&info));
        info.insert("OS_VERSION".into(), "17.0".into());
        assert!(runs_ios_17(&info));
        info.insert("OS_VERSION".into(), "not a version".into());
        assert!(!runs_ios_17(&info));
    }

    #[test]
    fn user_enrollment_machine_info_names_no_device() {
        let mut info = Dictionary::new();
        info.insert("PRODUCT".into(), "iPhone16,1".into());
        info.insert("VERSION".into(), "21E236".into());
        assert!(check_machine_info(&info, EnrollmentType::UserEnrollment).is_ok());
        assert!(check_machine_info(&info, EnrollmentType::DeviceEnrollment).is_err());
        info.insert("UDID".into(), "0000".into());
        assert!(check_machine_info(&info, EnrollmentType::UserEnrollment).is_err());
    }
}
