//! The MDM protocol endpoints devices talk to (not browsers, so outside
//! `/api` and its anti-forgery check): check-in at `PUT /mdm/checkin`
//! (`Authenticate`, `TokenUpdate`, `CheckOut`) and the command channel at
//! `PUT /mdm/connect`. Every message must carry a valid `Mdm-Signature`
//! (see `signature`), else 401 and nothing changes.
//!
//! A message is taken in this order, cheapest and most telling first, so
//! nothing a stranger sends reaches the plist parser:
//!
//! 1. the body's size ([`MAX_BODY_BYTES`], else 413);
//! 2. the signature over the body (401);
//! 3. the signer's identity, looked up before the body is read: unknown,
//!    revoked (the device checked out or was removed) or replaced (a newer
//!    download took over) identities are refused (401, or 403 for a
//!    replaced profile); the command channel only talks to an enrolled
//!    device's own identity;
//! 4. the body's form (`body`): an XML property list, not too deeply nested
//!    (400);
//! 5. what the message says (`checkin`).
//!
//! `ca` is the device CA that issues the identities the devices sign with,
//! `scep` the SCEP server devices get them from at `/mdm/scep`; `reported`
//! is how strings a device sends are limited and cleaned.

pub mod body;
pub mod ca;
pub mod checkin;
pub mod reported;
pub mod scep;
pub mod signature;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::Router;
use portal_api::routes;

use crate::error::AppError;
use crate::AppState;

/// The largest MDM message body accepted: 64 KiB, answered 413 beyond.
///
/// The largest message a device sends this server is the answer to a
/// command the server chose: a `DeviceInformation` answer to the queries it
/// asks (six short strings, about 1 KiB as XML), a `SecurityInfo` answer
/// (under 1 KiB), or an `ErrorChain` (a few entries, about 2 KiB). Even an
/// iPhone answering every iOS query there is stays under 8 KiB; the server
/// sends no `ProfileList` or `InstalledApplicationList`, whose answers grow
/// with the device. 64 KiB is eight times the largest real answer.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The MDM routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::MDM_CHECKIN, put(check_in))
        .route(routes::MDM_CONNECT, put(connect))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .merge(scep::router())
}

/// Why a message was not accepted. Devices read only the status.
#[derive(Debug, thiserror::Error)]
pub enum MdmError {
    /// No valid signature, or a signer the server doesn't know (401).
    #[error("unauthenticated: {0}")]
    Unauthorized(String),
    /// Signed, but the organization's rules or the enrollment refuse it (403).
    #[error("refused: {0}")]
    Forbidden(String),
    /// Not a check-in message the server understands (400).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The body is not an XML plist the server reads (400).
    #[error("bad body: {0}")]
    Body(#[from] body::BodyError),
    /// An account-driven enrollment's request without a valid access
    /// token (401 with the `apple-as-web` challenge: sign in again).
    #[error("the access token is missing or expired")]
    SignInRequired,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<crate::storage::StorageError> for MdmError {
    fn from(error: crate::storage::StorageError) -> Self {
        Self::App(error.into())
    }
}

impl IntoResponse for MdmError {
    fn into_response(self) -> Response {
        let status = match &self {
            MdmError::Unauthorized(_) | MdmError::SignInRequired => StatusCode::UNAUTHORIZED,
            MdmError::Forbidden(_) => StatusCode::FORBIDDEN,
            MdmError::BadRequest(_) | MdmError::Body(_) => StatusCode::BAD_REQUEST,
            // iOS sends the message again later; nothing was recorded.
            MdmError::App(error) if error.is_storage_unavailable() => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            MdmError::App(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        match &self {
            MdmError::App(error) => tracing::error!(%error, "MDM message failed"),
            // Debug: the reasons quote what the device sent, escaped.
            other => tracing::warn!(error = ?other, "MDM message refused"),
        }
        let mut response = (status, status.canonical_reason().unwrap_or("")).into_response();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                crate::error::retry_after_storage(),
            );
        }
        response
    }
}

/// `PUT /mdm/checkin`
async fn check_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, MdmError> {
    let answer = async {
        let signer = authenticate(&state, &headers, &body)?;
        let profile = checkin::admit_check_in(&state, &signer).await?;
        crate::account_enrollment::require_token(
            &state,
            &headers,
            &profile.enrollment_id,
            profile.user_id,
        )
        .await?;
        let message = checkin::Message::parse(&body)?;
        checkin::check_in(&state, &signer, &profile, &message).await?;
        Ok(empty_plist())
    }
    .await;
    with_challenge(&state, answer)
}

/// A missing or expired access token gets the `apple-as-web` challenge.
fn with_challenge(
    state: &AppState,
    answer: Result<Response, MdmError>,
) -> Result<Response, MdmError> {
    match answer {
        Err(MdmError::SignInRequired) => {
            tracing::info!("MDM request without a valid access token: challenged");
            Ok(crate::account_enrollment::challenge_response(state))
        }
        other => other,
    }
}

/// `PUT /mdm/connect`: the device asks for its next command (`Idle`) or
/// reports a result. The answer is its next command as a plist, or an
/// empty 200 ("nothing to do").
async fn connect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, MdmError> {
    let answer = async {
        let signer = authenticate(&state, &headers, &body)?;
        let device = checkin::admit_connect(&state, &signer).await?;
        if let Some(enrollment_id) = state.storage.enrollment_of_device(&device.id).await? {
            crate::account_enrollment::require_token(
                &state,
                &headers,
                &enrollment_id,
                device.user_id,
            )
            .await?;
        }
        let message = checkin::Message::parse(&body)?;
        match checkin::connect(&state, &signer, &device, &message).await? {
            Some(command) => Ok((
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/xml"),
                )],
                command,
            )
                .into_response()),
            None => Ok(StatusCode::OK.into_response()),
        }
    }
    .await;
    with_challenge(&state, answer)
}

fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<signature::Signer, MdmError> {
    let header = headers
        .get(signature::MDM_SIGNATURE_HEADER)
        .map(HeaderValue::as_bytes);
    signature::verify(&state.mdm_ca, header, body, state.clock.now())
        .map_err(|error| MdmError::Unauthorized(error.to_string()))
}

/// An empty dictionary: "accepted", for check-in messages.
fn empty_plist() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml"),
        )],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \
         \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
         <plist version=\"1.0\">\n<dict/>\n</plist>\n",
    )
        .into_response()
}
