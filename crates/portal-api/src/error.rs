//! The one error shape of the API: `{"error":{"code":"...","message":"..."}}`.

use serde::{Deserialize, Serialize};

/// A stable, machine-readable reason. The SPA chooses its words by this code;
/// `message` is the English fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or a field in it is not acceptable (HTTP 422).
    InvalidInput,
    /// Wrong email or password; deliberately does not say which (HTTP 401).
    InvalidCredentials,
    /// Too many failed sign-ins for this account or address (HTTP 429).
    TooManyAttempts,
    /// No session, or the session expired or was signed out (HTTP 401).
    NotSignedIn,
    /// A state-changing request without the anti-forgery header or from
    /// another origin (HTTP 403).
    Forbidden,
    /// No such resource, or one that belongs to someone else (HTTP 404).
    NotFound,
    /// Something failed on the server (HTTP 500).
    Internal,
    /// The organization has not finished setting up enrollment (no MDM push
    /// certificate yet), so no profile can be handed out (HTTP 503).
    EnrollmentNotSetUp,
    /// The person's enrollment type profile does not allow this kind of
    /// enrollment (HTTP 403); the SPA offers the one it allows.
    EnrollmentTypeNotAllowed,
    /// Signed in with another account than the one typed in Settings for
    /// account-driven enrollment (HTTP 403).
    WrongAccount,
    /// Anything the client does not know yet (a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The HTTP status the server answers with for this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidInput => 422,
            ErrorCode::InvalidCredentials | ErrorCode::NotSignedIn => 401,
            ErrorCode::TooManyAttempts => 429,
            ErrorCode::Forbidden
            | ErrorCode::EnrollmentTypeNotAllowed
            | ErrorCode::WrongAccount => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Internal | ErrorCode::Unknown => 500,
            ErrorCode::EnrollmentNotSetUp => 503,
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
}

/// What went wrong, in words fit to show a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The request field the error is about, when there is one (e.g. `"email"`),
    /// so the SPA can show the message next to that field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    pub fn for_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
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
    fn unknown_codes_from_a_newer_server_still_parse() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"brand_new","message":"Hm."}}"#).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
        assert_eq!(body.error.message, "Hm.");
    }
}
