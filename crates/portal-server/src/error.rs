//! The one error type of the request handlers. Every failure becomes the
//! API's error shape, `{"error":{"code":"...","message":"..."}}`, with the
//! status its code calls for and words fit to show a person.

use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_api::{ApiError, ErrorBody, ErrorCode, InvalidValue, RefusalDetails};

use crate::sign_in::password::PasswordHashError;
use crate::storage::StorageError;

pub const INVALID_CREDENTIALS_MESSAGE: &str =
    "That email and password don't match an account. Check them and try again.";
pub const NOT_SIGNED_IN_MESSAGE: &str = "Sign in to continue.";
pub const FORBIDDEN_MESSAGE: &str =
    "This request didn't come from the portal. Reload the page and try again.";
pub const METHOD_NOT_ALLOWED_MESSAGE: &str = "This action isn't supported here.";
pub const NOT_FOUND_MESSAGE: &str = "There's nothing here.";
pub const ENROLLMENT_NOT_SET_UP_MESSAGE: &str =
    "Your organization hasn't finished setting up enrollment yet, so devices can't be enrolled \
     right now. Contact your IT support.";
pub const PORTAL_NOT_SET_UP_MESSAGE: &str = "This portal hasn't been set up yet.";
pub const INTERNAL_MESSAGE: &str = "Something went wrong on our side. Try again in a few minutes.";
pub const STORAGE_UNAVAILABLE_MESSAGE: &str =
    "The portal can't reach its data right now, so nothing was changed. Try again in a minute.";
/// What `Retry-After` says when the database is out of reach: a restart or
/// a failover takes seconds; a full disk needs a person, and clients keep
/// asking at this pace until then.
pub const STORAGE_RETRY_AFTER: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Something the person can fix or should know; the code picks the status.
    #[error("{0}")]
    Api(ApiError),
    /// Too many failed sign-ins: answered with `Retry-After`.
    #[error("too many failed sign-ins; retry after {retry_after:?}")]
    TooManyAttempts { retry_after: Duration },
    /// A known API path asked with a method it does not support (HTTP 405).
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    PasswordHash(#[from] PasswordHashError),
    /// Any other server-side failure; the text is logged, never sent.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// Whether the database was out of reach (unavailable, its disk full):
    /// a failure of the moment, answered 503 so clients try again.
    pub fn is_storage_unavailable(&self) -> bool {
        matches!(self, AppError::Storage(StorageError::Unavailable(_)))
    }

    /// A field whose value the shared parsers refused: the parser's words,
    /// and what is wrong for the SPA to say in its language.
    pub fn invalid_value(field: &str, invalid: InvalidValue) -> Self {
        Self::Api(
            ApiError::new(ErrorCode::InvalidInput, invalid.to_string())
                .for_field(field)
                .with_details(RefusalDetails {
                    invalid: Some(invalid),
                    ..RefusalDetails::default()
                }),
        )
    }

    /// A request body the server could not read at all (no field to blame).
    pub fn unreadable_request(message: impl Into<String>) -> Self {
        Self::Api(ApiError::new(ErrorCode::UnreadableRequest, message))
    }

    /// Wrong email or wrong password: deliberately the same answer for both.
    pub fn invalid_credentials() -> Self {
        Self::Api(ApiError::new(
            ErrorCode::InvalidCredentials,
            INVALID_CREDENTIALS_MESSAGE,
        ))
    }

    pub fn not_signed_in() -> Self {
        Self::Api(ApiError::new(ErrorCode::NotSignedIn, NOT_SIGNED_IN_MESSAGE))
    }

    pub fn forbidden() -> Self {
        Self::Api(ApiError::new(ErrorCode::Forbidden, FORBIDDEN_MESSAGE))
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::Api(ApiError::new(ErrorCode::NotFound, message))
    }

    /// The portal has no organization yet (503).
    pub fn portal_not_set_up() -> Self {
        Self::Api(ApiError::new(
            ErrorCode::PortalNotSetUp,
            PORTAL_NOT_SET_UP_MESSAGE,
        ))
    }

    /// The person's enrollment type profile does not allow this enrollment
    /// (403); `message` says what it allows instead.
    pub fn enrollment_type_not_allowed(organization: &str, message: impl Into<String>) -> Self {
        Self::Api(
            ApiError::new(ErrorCode::EnrollmentTypeNotAllowed, message).with_details(
                RefusalDetails {
                    organization: Some(organization.to_owned()),
                    ..RefusalDetails::default()
                },
            ),
        )
    }

    /// No MDM push certificate yet: no profile can be handed out (503).
    pub fn enrollment_not_set_up() -> Self {
        Self::Api(ApiError::new(
            ErrorCode::EnrollmentNotSetUp,
            ENROLLMENT_NOT_SET_UP_MESSAGE,
        ))
    }

    /// A refusal whose code says it all: no numbers or names to add.
    pub fn refused(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Api(ApiError::new(code, message))
    }

    /// A refusal with the numbers and names its words need.
    pub fn refused_with(
        code: ErrorCode,
        message: impl Into<String>,
        details: RefusalDetails,
    ) -> Self {
        Self::Api(ApiError::new(code, message).with_details(details))
    }
}

/// "Wait 15 minutes", "wait 1 minute": whole minutes, rounded up.
pub fn too_many_attempts_message(retry_after: Duration) -> String {
    let minutes = retry_after.as_secs().div_ceil(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many attempts to sign in. Wait {minutes} {unit} and try again.")
}

/// An error as it is answered: its status, what it says, and when to try
/// again (`Retry-After`), whatever the answer's format (the API's JSON, or
/// a page).
#[derive(Debug)]
pub struct ErrorAnswer {
    pub status: StatusCode,
    pub error: ApiError,
    pub retry_after: Option<HeaderValue>,
}

impl AppError {
    /// What to answer (and logs what must not be sent).
    pub fn into_answer(self) -> ErrorAnswer {
        let answer = |status, error| ErrorAnswer {
            status,
            error,
            retry_after: None,
        };
        match self {
            AppError::Api(error) => answer(status_of(error.code), error),
            AppError::TooManyAttempts { retry_after } => {
                let seconds = retry_after.as_secs().max(1);
                let error = ApiError::new(
                    ErrorCode::TooManyAttempts,
                    too_many_attempts_message(retry_after),
                )
                .with_details(RefusalDetails {
                    retry_after_seconds: Some(seconds),
                    ..RefusalDetails::default()
                });
                ErrorAnswer {
                    retry_after: Some(HeaderValue::from(seconds)),
                    ..answer(StatusCode::TOO_MANY_REQUESTS, error)
                }
            }
            AppError::MethodNotAllowed => answer(
                StatusCode::METHOD_NOT_ALLOWED,
                ApiError::new(ErrorCode::MethodNotAllowed, METHOD_NOT_ALLOWED_MESSAGE),
            ),
            AppError::Storage(StorageError::Unavailable(_)) => {
                tracing::error!(error = %self, "request failed: the database is out of reach");
                let error =
                    ApiError::new(ErrorCode::StorageUnavailable, STORAGE_UNAVAILABLE_MESSAGE);
                ErrorAnswer {
                    retry_after: Some(retry_after_storage()),
                    ..answer(StatusCode::SERVICE_UNAVAILABLE, error)
                }
            }
            AppError::Storage(_) | AppError::PasswordHash(_) | AppError::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                answer(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ApiError::new(ErrorCode::Internal, INTERNAL_MESSAGE),
                )
            }
        }
    }
}

/// The API's answer: the error as JSON, with `Retry-After` when it has one.
impl IntoResponse for ErrorAnswer {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorBody { error: self.error })).into_response();
        if let Some(retry_after) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, retry_after);
        }
        response
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.into_answer().into_response()
    }
}

/// `Retry-After` for an answer given while the database is out of reach.
pub fn retry_after_storage() -> HeaderValue {
    HeaderValue::from(STORAGE_RETRY_AFTER.as_secs())
}

fn status_of(code: ErrorCode) -> StatusCode {
    StatusCode::from_u16(code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_message_rounds_minutes_up() {
        assert_eq!(
            too_many_attempts_message(Duration::from_secs(900)),
            "Too many attempts to sign in. Wait 15 minutes and try again."
        );
        assert_eq!(
            too_many_attempts_message(Duration::from_secs(61)),
            "Too many attempts to sign in. Wait 2 minutes and try again."
        );
        assert_eq!(
            too_many_attempts_message(Duration::from_secs(5)),
            "Too many attempts to sign in. Wait 1 minute and try again."
        );
    }

    #[test]
    fn statuses_follow_the_error_codes() {
        let response = AppError::not_signed_in().into_response();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let response = AppError::forbidden().into_response();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let response = AppError::MethodNotAllowed.into_response();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        let response = AppError::TooManyAttempts {
            retry_after: Duration::from_secs(120),
        }
        .into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "120");
        let response = AppError::Internal("boom".into()).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let response =
            AppError::Storage(StorageError::Unavailable("disk full".into())).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        let response = AppError::Storage(StorageError::Corrupt("?".into())).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let response = AppError::portal_not_set_up().into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let response = AppError::refused(ErrorCode::RemovePending, REMOVAL_PENDING).into_response();
        assert_eq!(response.status(), StatusCode::CONFLICT);
    }

    const REMOVAL_PENDING: &str = "This device is being removed.";

    async fn body_of(error: AppError) -> serde_json::Value {
        let response = error.into_response();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn a_field_error_carries_what_is_wrong_for_every_language() {
        let body = body_of(AppError::invalid_value(
            "email",
            portal_api::email::EmailError::Malformed.into(),
        ))
        .await;
        assert_eq!(
            body,
            serde_json::json!({"error": {
                "code": "invalid_input",
                "message": "Enter an email address like name@example.com.",
                "field": "email",
                "details": {"invalid": "email_malformed"}
            }})
        );
    }

    #[tokio::test]
    async fn a_throttled_sign_in_says_how_long_to_wait_in_seconds() {
        let body = body_of(AppError::TooManyAttempts {
            retry_after: Duration::from_secs(900),
        })
        .await;
        assert_eq!(body["error"]["code"], "too_many_attempts");
        assert_eq!(body["error"]["details"]["retry_after_seconds"], 900);
    }
}
