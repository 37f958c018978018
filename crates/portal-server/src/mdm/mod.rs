//! The MDM protocol endpoints devices talk to (not browsers, so outside
//! `/api` and its anti-forgery check): check-in at `PUT /mdm/checkin`
//! (`Authenticate`, `TokenUpdate`, `CheckOut`) and the command channel at
//! `PUT /mdm/connect`. Bodies are XML property lists; every message must
//! carry a valid `Mdm-Signature` (see `signature`), else 401 and nothing
//! changes.
//!
//! `ca` is the device CA that issues the identities the devices sign with,
//! `scep` the SCEP server devices get them from at `/mdm/scep`; `checkin`
//! decides what each message does.

pub mod ca;
pub mod checkin;
pub mod scep;
pub mod signature;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::Router;
use portal_api::routes;

use crate::error::AppError;
use crate::AppState;

/// The MDM routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(routes::MDM_CHECKIN, put(check_in))
        .route(routes::MDM_CONNECT, put(connect))
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
            MdmError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            MdmError::Forbidden(_) => StatusCode::FORBIDDEN,
            MdmError::BadRequest(_) => StatusCode::BAD_REQUEST,
            MdmError::App(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        match &self {
            MdmError::App(error) => tracing::error!(%error, "MDM message failed"),
            other => tracing::warn!(error = %other, "MDM message refused"),
        }
        (status, status.canonical_reason().unwrap_or("")).into_response()
    }
}

/// `PUT /mdm/checkin`
async fn check_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, MdmError> {
    let signer = authenticate(&state, &headers, &body)?;
    checkin::check_in(&state, &signer, &body).await?;
    Ok(empty_plist())
}

/// `PUT /mdm/connect`: the device asks for its next command (`Idle`) or
/// reports a result. The answer is its next command as a plist, or an
/// empty 200 ("nothing to do").
async fn connect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, MdmError> {
    let signer = authenticate(&state, &headers, &body)?;
    match checkin::connect(&state, &signer, &body).await? {
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
