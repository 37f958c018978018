//! The time limit on one request: its body must arrive, and the handler
//! answer, within `Config::request_timeout`, or the client gets 408
//! `request_timeout` (and hyper closes the connection, as the body was not
//! read to its end).
//!
//! Only the way to the response is timed: an event stream's response is
//! made at once and its body goes on for as long as its session, so
//! streams are not cut by this limit.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_api::ErrorCode;

use crate::error::AppError;
use crate::AppState;

pub const REQUEST_TIMEOUT_MESSAGE: &str =
    "The request took too long to reach the portal. Check your connection and try again.";

pub async fn limit_request_time(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let limit = state.config.request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::info!(?limit, "request timed out");
            AppError::refused(ErrorCode::RequestTimeout, REQUEST_TIMEOUT_MESSAGE).into_response()
        }
    }
}
