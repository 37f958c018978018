//! The one error shape of the API:
//! `{"error":{"code":"...","message":"...","field":"...","details":{...}}}`.
//!
//! Every refusal has a stable [`ErrorCode`]; the SPA words it from its own
//! catalogs, in the person's language, with the numbers and names in
//! [`RefusalDetails`]. `message` is the server's English sentence: for logs,
//! for other API clients, and the SPA's fallback for a code it does not
//! know yet.

use serde::{Deserialize, Serialize};

use crate::device_name::DeviceNameError;
use crate::email::EmailError;
use crate::password::PasswordError;
use crate::{DeviceKind, OsVersion};

/// A stable, machine-readable reason. The SPA chooses its words by this code;
/// `message` is the English fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A field of the request is not acceptable (HTTP 422): `field` names
    /// it and `details.invalid` says what is wrong with it.
    InvalidInput,
    /// The request body could not be read at all: not JSON, not sent as
    /// JSON, or a field missing or of the wrong type (HTTP 422).
    UnreadableRequest,
    /// A known API path asked with a method it does not support (HTTP 405).
    MethodNotAllowed,
    /// Wrong email or password; deliberately does not say which (HTTP 401).
    InvalidCredentials,
    /// Too many failed sign-ins for this account or address (HTTP 429);
    /// `details.retry_after_seconds` says how long to wait.
    TooManyAttempts,
    /// No session, or the session expired or was signed out (HTTP 401).
    NotSignedIn,
    /// A state-changing request without the anti-forgery header or from
    /// another origin (HTTP 403).
    Forbidden,
    /// The organization turned email-and-password accounts off: people sign
    /// in with the organization's account only (HTTP 403).
    LocalAccountsOff,
    /// No such resource, or one that belongs to someone else (HTTP 404).
    /// One code for every "there is none": clients (and older SPAs still
    /// running from a service worker) read it as "none" or "gone".
    NotFound,
    /// The portal has no organization yet (HTTP 503).
    PortalNotSetUp,
    /// Something failed on the server (HTTP 500).
    Internal,
    /// The organization has not finished setting up enrollment (no MDM push
    /// certificate yet), so no profile can be handed out (HTTP 503).
    EnrollmentNotSetUp,
    /// The person's enrollment type profile does not allow this kind of
    /// enrollment (HTTP 403); the SPA offers the one it allows.
    /// `details.organization` names the organization.
    EnrollmentTypeNotAllowed,
    /// Signed in with another account than the one typed in Settings for
    /// account-driven enrollment (HTTP 403); `details.signed_in_as` says
    /// which account is signed in.
    WrongAccount,
    /// The person already has as many enrolled devices as the organization
    /// allows (HTTP 409); `details.device_limit` and `details.organization`.
    DeviceLimitReached,
    /// The enrollment went past the download (the device installed the
    /// profile, or it ended), so no new profile link can be issued
    /// (HTTP 409): start again.
    EnrollmentAlreadyFinished,
    /// The device is being removed and takes no more commands (HTTP 409).
    RemovePending,
    /// The action is not allowed on a device enrolled with user enrollment
    /// (HTTP 403).
    NotAllowedForUserEnrollment,
    /// The request did not arrive in full, or was not answered, within the
    /// server's time limit (HTTP 408): try again.
    RequestTimeout,
    /// The session has as many event streams open as the server allows
    /// (HTTP 429): close a page that follows a device or an enrollment.
    TooManyEventStreams,
    /// The portal cannot reach its database right now (it restarts, or its
    /// disk is full) (HTTP 503, with `Retry-After`): nothing was changed;
    /// the same request can be sent again.
    StorageUnavailable,
    /// Anything the client does not know yet (a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The HTTP status the server answers with for this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidInput | ErrorCode::UnreadableRequest => 422,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::InvalidCredentials | ErrorCode::NotSignedIn => 401,
            ErrorCode::TooManyAttempts | ErrorCode::TooManyEventStreams => 429,
            ErrorCode::RequestTimeout => 408,
            ErrorCode::Forbidden
            | ErrorCode::LocalAccountsOff
            | ErrorCode::EnrollmentTypeNotAllowed
            | ErrorCode::WrongAccount
            | ErrorCode::NotAllowedForUserEnrollment => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::DeviceLimitReached
            | ErrorCode::EnrollmentAlreadyFinished
            | ErrorCode::RemovePending => 409,
            ErrorCode::Internal | ErrorCode::Unknown => 500,
            ErrorCode::PortalNotSetUp
            | ErrorCode::EnrollmentNotSetUp
            | ErrorCode::StorageUnavailable => 503,
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
}

/// What went wrong: the code to choose words by, and the English words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    /// The server's English sentence (see the module's documentation).
    pub message: String,
    /// The request field the error is about, when there is one (e.g. `"email"`),
    /// so the SPA can show the message next to that field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The numbers and names the code's words need; absent when none.
    /// (Boxed: most errors have none, and errors travel in `Result`s.)
    #[serde(default, skip_serializing_if = "RefusalDetails::is_empty")]
    pub details: Box<RefusalDetails>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            details: Box::default(),
        }
    }

    pub fn for_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_details(mut self, details: RefusalDetails) -> Self {
        self.details = Box::new(details);
        self
    }
}

/// The numbers and names a refusal's words need, so every language can say
/// them (an API error's `details`, an enrollment problem's `details`). Each
/// field is there only for the codes its documentation names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalDetails {
    /// `invalid_input`: what is wrong with the field's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<InvalidValue>,
    /// `device_limit_reached` (error and problem): how many enrolled devices
    /// one person may have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_limit: Option<u32>,
    /// `device_limit_reached`, `enrollment_type_not_allowed`: the
    /// organization's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// `too_many_attempts`: seconds until signing in may be tried again
    /// (also the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// `wrong_account`: the account the person is signed in with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_in_as: Option<String>,
    /// `os_too_old`, `os_too_new` (problems): the version the device runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_version: Option<OsVersion>,
    /// `os_too_old` (problem): the lowest version the organization allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_os_version: Option<OsVersion>,
    /// `os_too_new` (problem): the highest version the organization allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_os_version: Option<OsVersion>,
    /// `device_not_allowed` (problem): the kind of device refused; absent
    /// when it is neither an iPhone nor an iPad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceKind>,
    /// `profile_expired` (problem): how long a downloaded profile may wait
    /// to be installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub install_window_seconds: Option<u32>,
}

impl RefusalDetails {
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// What is wrong with a field's value: the errors of the parsers shared by
/// the SPA and the server, so the SPA says the server's refusal in the same
/// words as its own check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum InvalidValue {
    #[error("{}", EmailError::Empty)]
    EmailEmpty,
    #[error("{}", EmailError::Malformed)]
    EmailMalformed,
    #[error("{}", EmailError::TooLong)]
    EmailTooLong,
    #[error("{}", PasswordError::Empty)]
    PasswordEmpty,
    #[error("{}", PasswordError::TooLong)]
    PasswordTooLong,
    #[error("{}", PasswordError::TooShort)]
    PasswordTooShort,
    #[error("{}", DeviceNameError::Empty)]
    DeviceNameEmpty,
    #[error("{}", DeviceNameError::TooLong)]
    DeviceNameTooLong,
    #[error("{}", DeviceNameError::ControlCharacters)]
    DeviceNameControlCharacters,
    /// A value error the client does not know yet (a newer server).
    #[serde(other)]
    #[error("Check this field and try again.")]
    Unknown,
}

impl From<EmailError> for InvalidValue {
    fn from(error: EmailError) -> Self {
        match error {
            EmailError::Empty => Self::EmailEmpty,
            EmailError::Malformed => Self::EmailMalformed,
            EmailError::TooLong => Self::EmailTooLong,
        }
    }
}

impl From<PasswordError> for InvalidValue {
    fn from(error: PasswordError) -> Self {
        match error {
            PasswordError::Empty => Self::PasswordEmpty,
            PasswordError::TooLong => Self::PasswordTooLong,
            PasswordError::TooShort => Self::PasswordTooShort,
        }
    }
}

impl From<DeviceNameError> for InvalidValue {
    fn from(error: DeviceNameError) -> Self {
        match error {
            DeviceNameError::Empty => Self::DeviceNameEmpty,
            DeviceNameError::TooLong => Self::DeviceNameTooLong,
            DeviceNameError::ControlCharacters => Self::DeviceNameControlCharacters,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody {
            error: ApiError::new(ErrorCode::NotSignedIn, "Sign in to continue."),
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"not_signed_in","message":"Sign in to continue."}}"#
        );
    }

    #[test]
    fn a_refusal_carries_its_numbers_and_names_as_details() {
        let error = ApiError::new(ErrorCode::DeviceLimitReached, "You already have 5…")
            .with_details(RefusalDetails {
                device_limit: Some(5),
                organization: Some("Contoso".into()),
                ..RefusalDetails::default()
            });
        let json = serde_json::to_string(&ErrorBody { error }).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"device_limit_reached","message":"You already have 5…","details":{"device_limit":5,"organization":"Contoso"}}}"#
        );
        let back: ErrorBody = serde_json::from_str(&json).unwrap();
        assert_eq!(back.error.details.device_limit, Some(5));
    }

    #[test]
    fn a_field_error_says_what_is_wrong_with_the_value() {
        let error = ApiError::new(ErrorCode::InvalidInput, "Use at most 64 characters.")
            .for_field("display_name")
            .with_details(RefusalDetails {
                invalid: Some(DeviceNameError::TooLong.into()),
                ..RefusalDetails::default()
            });
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "code": "invalid_input",
                "message": "Use at most 64 characters.",
                "field": "display_name",
                "details": {"invalid": "device_name_too_long"}
            })
        );
    }

    #[test]
    fn every_code_has_its_spelling_and_status() {
        let codes = [
            (ErrorCode::InvalidInput, "invalid_input", 422),
            (ErrorCode::UnreadableRequest, "unreadable_request", 422),
            (ErrorCode::MethodNotAllowed, "method_not_allowed", 405),
            (ErrorCode::InvalidCredentials, "invalid_credentials", 401),
            (ErrorCode::TooManyAttempts, "too_many_attempts", 429),
            (ErrorCode::NotSignedIn, "not_signed_in", 401),
            (ErrorCode::Forbidden, "forbidden", 403),
            (ErrorCode::LocalAccountsOff, "local_accounts_off", 403),
            (ErrorCode::NotFound, "not_found", 404),
            (ErrorCode::PortalNotSetUp, "portal_not_set_up", 503),
            (ErrorCode::Internal, "internal", 500),
            (ErrorCode::EnrollmentNotSetUp, "enrollment_not_set_up", 503),
            (
                ErrorCode::EnrollmentTypeNotAllowed,
                "enrollment_type_not_allowed",
                403,
            ),
            (ErrorCode::WrongAccount, "wrong_account", 403),
            (ErrorCode::DeviceLimitReached, "device_limit_reached", 409),
            (
                ErrorCode::EnrollmentAlreadyFinished,
                "enrollment_already_finished",
                409,
            ),
            (ErrorCode::RemovePending, "remove_pending", 409),
            (
                ErrorCode::NotAllowedForUserEnrollment,
                "not_allowed_for_user_enrollment",
                403,
            ),
            (ErrorCode::RequestTimeout, "request_timeout", 408),
            (ErrorCode::StorageUnavailable, "storage_unavailable", 503),
            (
                ErrorCode::TooManyEventStreams,
                "too_many_event_streams",
                429,
            ),
        ];
        for (code, spelling, status) in codes {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::json!(spelling)
            );
            assert_eq!(
                serde_json::from_value::<ErrorCode>(serde_json::json!(spelling)).unwrap(),
                code
            );
            assert_eq!(code.http_status(), status, "{spelling}");
        }
    }

    #[test]
    fn unknown_codes_and_details_from_a_newer_server_still_parse() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"error":{"code":"brand_new","message":"Hm.","details":{"invalid":"too_blue","colour":"blue"}}}"#,
        )
        .unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
        assert_eq!(body.error.message, "Hm.");
        assert_eq!(body.error.details.invalid, Some(InvalidValue::Unknown));
    }

    #[test]
    fn an_error_of_an_older_server_has_no_details() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"not_found","message":"Gone."}}"#).unwrap();
        assert!(body.error.details.is_empty());
    }

    #[test]
    fn a_value_error_reads_as_its_parser_says() {
        assert_eq!(
            InvalidValue::from(EmailError::Malformed).to_string(),
            EmailError::Malformed.to_string()
        );
        assert_eq!(
            InvalidValue::from(PasswordError::TooShort).to_string(),
            PasswordError::TooShort.to_string()
        );
        assert_eq!(
            InvalidValue::from(DeviceNameError::ControlCharacters).to_string(),
            DeviceNameError::ControlCharacters.to_string()
        );
    }
}
