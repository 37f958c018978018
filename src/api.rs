//! The one client of the portal's JSON API.
//!
//! Pages never build URLs, set headers or parse JSON themselves: they call
//! the functions here, which use the paths, header and wire types of
//! `portal-api`, and get either the typed answer or a [`ClientError`] whose
//! [`ClientError::message`] can be shown to a person as it is.

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::Owner;
use portal_api::routes::{
    self, ACCOUNT_ENROLLMENT_CONSENT, ACCOUNT_ENROLLMENT_SESSION, ANTI_FORGERY_HEADER,
    ANTI_FORGERY_VALUE, CURRENT_ENROLLMENT, DEVICES, ENROLLMENTS, ENROLLMENT_RULES, NOTIFICATIONS,
    ORGANIZATION, SESSION, SIGN_IN_OPTIONS,
};
use portal_api::{
    AccountEnrollmentConsent, AccountEnrollmentConsented, AccountEnrollmentSession, ApiError,
    CurrentUser, DeviceDetails, DeviceId, DeviceList, Enrollment, EnrollmentId, EnrollmentRules,
    ErrorBody, ErrorCode, NotificationList, Organization, ProfileDownload, RenameDevice,
    SessionInfo, SignInOptions, SignInRequest, SignedOut, StartEnrollment,
};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
use web_sys::{AbortController, RequestCredentials};

use crate::t;

/// `GET /api/organization`: whose portal this is and whom to call for help.
pub async fn organization() -> Result<Organization, ClientError> {
    request(Method::GET, ORGANIZATION, NO_BODY).await
}

/// `POST /api/session`: signs in; the server sets the session cookie.
pub async fn sign_in(sign_in: SignInRequest) -> Result<CurrentUser, ClientError> {
    request(Method::POST, SESSION, Some(&sign_in)).await
}

/// `DELETE /api/session`: signs out; says where to end the identity
/// provider's session too, when there is one.
pub async fn sign_out() -> Result<SignedOut, ClientError> {
    request::<Option<SignedOut>, _>(Method::DELETE, SESSION, NO_BODY)
        .await
        .map(Option::unwrap_or_default)
}

/// `GET /api/sign-in/options`: how this organization's people sign in.
pub async fn sign_in_options() -> Result<SignInOptions, ClientError> {
    request(Method::GET, SIGN_IN_OPTIONS, NO_BODY).await
}

/// `GET /api/session`: who is signed in, if anyone (always 200).
pub async fn current_session() -> Result<SessionInfo, ClientError> {
    request(Method::GET, SESSION, NO_BODY).await
}

/// `GET /api/devices`: the signed-in user's devices, for **My devices**.
pub async fn devices() -> Result<DeviceList, ClientError> {
    request(Method::GET, DEVICES, NO_BODY).await
}

/// `GET /api/devices/{id}`: one device with what the organization can see.
/// Another person's device, or one that was removed, answers `not_found`.
pub async fn device(id: DeviceId) -> Result<DeviceDetails, ClientError> {
    request(Method::GET, &routes::device(&id.0), NO_BODY).await
}

/// `PATCH /api/devices/{id}`: renames the device in the portal only.
///
/// The state-changing device requests answer with the device's details;
/// `None` when the answer is a success without them (e.g. `204`), and the
/// page then asks for the device again.
pub async fn rename_device(
    id: DeviceId,
    rename: RenameDevice,
) -> Result<Option<DeviceDetails>, ClientError> {
    details_or_none(request(Method::PATCH, &routes::device(&id.0), Some(&rename)).await)
}

/// `POST /api/devices/{id}/remote-lock`: queues a remote lock (or answers the one
/// that is pending).
pub async fn remote_lock(id: DeviceId) -> Result<Option<DeviceDetails>, ClientError> {
    details_or_none(request(Method::POST, &routes::device_remote_lock(&id.0), NO_BODY).await)
}

/// `POST /api/devices/{id}/check-status`: asks the device for fresh facts.
pub async fn check_status(id: DeviceId) -> Result<Option<DeviceDetails>, ClientError> {
    details_or_none(request(Method::POST, &routes::device_check_status(&id.0), NO_BODY).await)
}

/// `DELETE /api/devices/{id}`: asks to remove (unenroll) the device
/// (`202`, with `removal` pending until the device answers).
pub async fn remove_device(id: DeviceId) -> Result<Option<DeviceDetails>, ClientError> {
    details_or_none(request(Method::DELETE, &routes::device(&id.0), NO_BODY).await)
}

/// `GET /api/notifications`: the results of actions, newest first.
pub async fn notifications() -> Result<NotificationList, ClientError> {
    request(Method::GET, NOTIFICATIONS, NO_BODY).await
}

/// `GET /api/enrollment/rules`: what the organization allows and asks.
pub async fn enrollment_rules() -> Result<EnrollmentRules, ClientError> {
    request(Method::GET, ENROLLMENT_RULES, NO_BODY).await
}

/// `GET /api/enrollments/current`: the signed-in user's newest enrollment,
/// to resume; `None` when there is none (404).
pub async fn current_enrollment() -> Result<Option<Enrollment>, ClientError> {
    not_found_as_none(request(Method::GET, CURRENT_ENROLLMENT, NO_BODY).await)
}

/// `POST /api/enrollments`: starts enrolling this device.
pub async fn start_enrollment(start: StartEnrollment) -> Result<Enrollment, ClientError> {
    request(Method::POST, ENROLLMENTS, Some(&start)).await
}

/// `GET /api/enrollments/{id}`: where one enrollment is now.
pub async fn enrollment(id: EnrollmentId) -> Result<Enrollment, ClientError> {
    request(Method::GET, &routes::enrollment(&id.0), NO_BODY).await
}

/// `POST /api/enrollments/{id}/profile`: a fresh single-use download link
/// (also **Download again** and **Enroll again**).
pub async fn profile_download(id: EnrollmentId) -> Result<ProfileDownload, ClientError> {
    request(Method::POST, &routes::enrollment_profile(&id.0), NO_BODY).await
}

/// `GET /api/account-enrollment/session?user-identifier=…`: what the web
/// sign-in sheet of account-driven enrollment shows the signed-in person.
pub async fn account_enrollment_session(
    user_identifier: Option<String>,
) -> Result<AccountEnrollmentSession, ClientError> {
    let path = match user_identifier {
        Some(account) => format!(
            "{ACCOUNT_ENROLLMENT_SESSION}?user-identifier={}",
            crate::return_to::percent_encode_query_value(&account)
        ),
        None => ACCOUNT_ENROLLMENT_SESSION.to_owned(),
    };
    request(Method::GET, &path, NO_BODY).await
}

/// `POST /api/account-enrollment/consent`: the person agrees to enroll;
/// the answer says where to send the sheet to hand Settings its token.
pub async fn account_enrollment_consent(
    consent: AccountEnrollmentConsent,
) -> Result<AccountEnrollmentConsented, ClientError> {
    request(Method::POST, ACCOUNT_ENROLLMENT_CONSENT, Some(&consent)).await
}

/// A successful answer as the device's details when it is them; any other
/// successful body (none, or another shape) as `None`.
fn details_or_none(
    result: Result<serde_json::Value, ClientError>,
) -> Result<Option<DeviceDetails>, ClientError> {
    result.map(|body| serde_json::from_value(body).ok())
}

/// True when the request failed because the item does not exist (`404`).
pub fn is_not_found(error: &ClientError) -> bool {
    matches!(error, ClientError::Api(error) if error.code == ErrorCode::NotFound)
}

/// A 404 (`not_found`) as "there is none".
fn not_found_as_none<T>(result: Result<T, ClientError>) -> Result<Option<T>, ClientError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(ClientError::Api(error)) if error.code == ErrorCode::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Why a request to the portal did not give the answer asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// The portal answered with an error of the API contract (`ErrorBody`).
    Api(ApiError),
    /// No answer at all: offline, the portal down or unreachable, or the
    /// request was cancelled.
    Network,
    /// An answer that is not the API contract, e.g. a proxy's HTML error
    /// page or a body that does not parse; `status` is its HTTP status.
    UnexpectedResponse { status: u16 },
}

impl ClientError {
    /// What went wrong, in words fit to show a person, in the person's
    /// language: chosen by the error's stable code, with its details
    /// (`i18n::refusals`); the server's English message only for what this
    /// version of the app does not know.
    pub fn message(&self) -> String {
        match self {
            ClientError::Api(error) => crate::i18n::refusals::api_error_words(error),
            ClientError::Network => t!("api-error-network"),
            ClientError::UnexpectedResponse { status } if *status >= 500 => {
                t!("api-error-unavailable")
            }
            ClientError::UnexpectedResponse { .. } => t!("api-error-unexpected-response"),
        }
    }

    /// True when the request failed because nobody is signed in (or the
    /// session expired): the page should send the person to sign in.
    pub fn is_not_signed_in(&self) -> bool {
        matches!(self, ClientError::Api(error) if error.code == ErrorCode::NotSignedIn)
    }

    /// True when the organization has not finished setting up enrollment:
    /// the enrollment page explains instead of offering a retry.
    pub fn is_enrollment_not_set_up(&self) -> bool {
        matches!(self, ClientError::Api(error) if error.code == ErrorCode::EnrollmentNotSetUp)
    }

    /// The request field the error is about (e.g. `"email"`), if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ClientError::Api(error) => error.field.as_deref(),
            _ => None,
        }
    }
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ClientError {}

/// For requests without a body.
const NO_BODY: Option<&()> = None;

/// Sends one request to the portal and decodes the answer.
///
/// Every request carries the anti-forgery header and same-origin
/// credentials (the session cookie). A request made while a reactive owner
/// is current (a page's resource) is aborted when that owner is cleaned up,
/// e.g. when the person leaves the page before the answer arrives.
async fn request<T, B>(method: Method, path: &str, body: Option<&B>) -> Result<T, ClientError>
where
    T: DeserializeOwned,
    B: Serialize + ?Sized,
{
    let abort_controller = SendWrapper::new(AbortController::new().ok());
    let abort_signal = abort_controller.as_ref().map(AbortController::signal);
    Owner::on_cleanup(move || {
        if let Some(controller) = abort_controller.take() {
            controller.abort();
        }
    });

    let builder = RequestBuilder::new(path)
        .method(method)
        .header(ANTI_FORGERY_HEADER, ANTI_FORGERY_VALUE)
        .header("accept", "application/json")
        .credentials(RequestCredentials::SameOrigin)
        .abort_signal(abort_signal.as_ref());
    // Building fails only for a body that cannot be serialized or a URL the
    // browser rejects; neither happens with our paths and types, and both
    // mean the request never left, so they read as "can't reach".
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|_| ClientError::Network)?;

    let sent = request.send().await;
    // Feeds the offline state; a request the page cancelled says nothing.
    if !abort_signal
        .as_ref()
        .is_some_and(web_sys::AbortSignal::aborted)
    {
        crate::connectivity::report_answer(sent.as_ref().ok().map(|r| r.status()));
    }
    let response = sent.map_err(|_| ClientError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    decode(status, &text)
}

/// Turns a status and body into the typed answer or the error it carries.
/// An empty success body (`204 No Content`) decodes as JSON `null`, which is
/// what `()` expects.
fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ClientError> {
    if (200..300).contains(&status) {
        let json = if body.trim().is_empty() { "null" } else { body };
        serde_json::from_str(json).map_err(|_| ClientError::UnexpectedResponse { status })
    } else {
        match serde_json::from_str::<ErrorBody>(body) {
            Ok(ErrorBody { error }) => Err(ClientError::Api(error)),
            Err(_) => Err(ClientError::UnexpectedResponse { status }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_successful_answer() {
        let user: CurrentUser = decode(
            200,
            r#"{"email":"alex@contoso.example","display_name":"Alex Wilber"}"#,
        )
        .unwrap();
        assert_eq!(user.display_name, "Alex Wilber");
    }

    #[test]
    fn decodes_no_content_as_unit() {
        assert_eq!(decode::<()>(204, ""), Ok(()));
    }

    #[test]
    fn decodes_the_error_body() {
        let error = decode::<CurrentUser>(
            401,
            r#"{"error":{"code":"not_signed_in","message":"Sign in to continue."}}"#,
        )
        .unwrap_err();
        assert!(error.is_not_signed_in());
        assert_eq!(error.message(), "Your session has ended. Sign in again.");
    }

    #[test]
    fn keeps_the_field_of_an_invalid_input_error() {
        let error = decode::<CurrentUser>(
            422,
            r#"{"error":{"code":"invalid_input","message":"Enter an email address like name@example.com.","field":"email"}}"#,
        )
        .unwrap_err();
        assert_eq!(error.field(), Some("email"));
        assert_eq!(
            error.message(),
            "Enter an email address like name@example.com."
        );
        // With what is wrong, the words are the app's own, in any language.
        let error = decode::<CurrentUser>(
            422,
            r#"{"error":{"code":"invalid_input","message":"English.","field":"email","details":{"invalid":"email_too_long"}}}"#,
        )
        .unwrap_err();
        assert_eq!(error.message(), "That email address is too long.");
        assert!(!error.is_not_signed_in());
    }

    #[test]
    fn anything_else_is_an_unexpected_response() {
        assert_eq!(
            decode::<CurrentUser>(502, "<html>Bad gateway</html>"),
            Err(ClientError::UnexpectedResponse { status: 502 })
        );
        assert_eq!(
            decode::<CurrentUser>(200, "<html>Hello</html>"),
            Err(ClientError::UnexpectedResponse { status: 200 })
        );
        assert_eq!(
            decode::<CurrentUser>(200, ""),
            Err(ClientError::UnexpectedResponse { status: 200 })
        );
    }

    #[test]
    fn not_found_means_none() {
        let missing = decode::<CurrentUser>(
            404,
            r#"{"error":{"code":"not_found","message":"No enrollment."}}"#,
        );
        assert_eq!(not_found_as_none(missing), Ok(None));
        let failed = decode::<CurrentUser>(500, "oops");
        assert_eq!(
            not_found_as_none(failed),
            Err(ClientError::UnexpectedResponse { status: 500 })
        );
    }

    #[test]
    fn a_state_changing_answer_is_details_or_none() {
        assert_eq!(details_or_none(decode(204, "")), Ok(None));
        assert_eq!(
            details_or_none(decode(200, r#"{"state":"pending"}"#)),
            Ok(None)
        );
        let missing = details_or_none(decode(
            404,
            r#"{"error":{"code":"not_found","message":"No such device."}}"#,
        ))
        .unwrap_err();
        assert!(is_not_found(&missing));
    }

    #[test]
    fn messages_are_for_people() {
        assert_eq!(
            ClientError::Network.message(),
            "Can't reach the portal. Check your connection and try again."
        );
        assert!(ClientError::UnexpectedResponse { status: 503 }
            .message()
            .contains("isn't available"));
        let too_many = ClientError::Api(ApiError::new(ErrorCode::TooManyAttempts, "429"));
        assert!(too_many.message().starts_with("Too many attempts"));
        let not_allowed = ClientError::Api(ApiError::new(
            ErrorCode::EnrollmentTypeNotAllowed,
            "The server's English sentence.",
        ));
        assert!(not_allowed
            .message()
            .starts_with("Your organization doesn't allow"));
        let removing = decode::<CurrentUser>(
            409,
            r#"{"error":{"code":"remove_pending","message":"English."}}"#,
        )
        .unwrap_err();
        assert_eq!(
            removing.message(),
            "This device is being removed, so it can't do that any more."
        );
        let wrong = ClientError::Api(ApiError::new(ErrorCode::WrongAccount, "English."));
        assert!(wrong.message().contains("typed in Settings"));
        let unknown = ClientError::Api(ApiError::new(ErrorCode::Unknown, "From a newer server."));
        assert_eq!(unknown.message(), "From a newer server.");
    }
}
