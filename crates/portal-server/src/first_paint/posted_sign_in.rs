//! `POST /sign-in`: the sign-in form as the browser sends it itself, when
//! someone signs in before the app has taken over from the first paint (on
//! a slow network the app is still downloading) or without it (it could
//! not load). Signing in then works as it does through the API: the same
//! checks, throttle and session. Success opens the page the person was
//! going to; a refusal answers with the sign-in page again, saying why and
//! keeping the email address.

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use portal_api::return_to::{safe_return_path, RETURN_TO_PARAM};
use portal_api::start::SignInAttempt;
use portal_api::SignInRequest;

use crate::anti_forgery::{authority_of, check_same_origin};
use crate::api::ClientAddress;
use crate::error::AppError;
use crate::sign_in::{self, session};
use crate::AppState;

/// The most a sign-in form can weigh: an email address and a password of
/// the most their parsers take, percent-encoded, with room to spare.
pub const MAX_FORM_BYTES: usize = 8 * 1024;

/// Signs in with the form's email and password.
pub async fn sign_in_with_form(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Only the portal's own page may sign someone in (no login forgery),
    // and the body is read only after that.
    let authority = authority_of(&headers, &uri);
    if let Err(refusal) =
        check_same_origin(&headers, authority.as_deref(), &state.config.public_url)
    {
        tracing::warn!(?refusal, "refused a sign-in form from another site");
        return AppError::forbidden().into_response();
    }
    let request = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => serde_urlencoded::from_bytes::<SignInRequest>(&bytes).ok(),
        Err(_) => None,
    };
    // A browser always sends both fields; without them, it reads as an
    // empty form (the parser then asks for the email address).
    let request = request.unwrap_or(SignInRequest {
        email: String::new(),
        password: String::new(),
    });

    match sign_in::sign_in(&state, &request, client).await {
        Ok(started) => {
            let return_path = return_path(&uri);
            let cookie =
                session::session_cookie(&started.token, state.config.sessions.absolute_lifetime);
            match HeaderValue::from_str(&cookie) {
                Ok(cookie) => {
                    ([(header::SET_COOKIE, cookie)], Redirect::to(&return_path)).into_response()
                }
                Err(_) => AppError::Internal("the session cookie is not a valid header".into())
                    .into_response(),
            }
        }
        Err(error) => {
            let answer = error.into_answer();
            let attempt = SignInAttempt {
                email: request.email,
                error: answer.error.clone(),
            };
            let Some(mut page) = super::refused_sign_in(&state, &uri, &headers, attempt).await
            else {
                // No page to draw it in (no first paint): the API's answer.
                return answer.into_response();
            };
            *page.status_mut() = answer.status;
            if let Some(retry_after) = answer.retry_after {
                page.headers_mut().insert(header::RETRY_AFTER, retry_after);
            }
            page
        }
    }
}

/// Where the form leads: its address's `return_to`, checked (as the
/// sign-in page's own, `first_paint::render`, reads it).
fn return_path(uri: &Uri) -> String {
    safe_return_path(super::query_value(&super::query_of(uri), RETURN_TO_PARAM))
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use super::*;

    #[test]
    fn the_return_path_comes_from_the_forms_address() {
        let uri: Uri = "/sign-in?return_to=%2Fdevices%2Fabc%3Ftab%3D1"
            .parse()
            .unwrap();
        assert_eq!(return_path(&uri), "/devices/abc?tab=1");
        let uri: Uri = "/sign-in".parse().unwrap();
        assert_eq!(return_path(&uri), "/devices");
        let uri: Uri = "/sign-in?return_to=%2F%2Fevil.example".parse().unwrap();
        assert_eq!(return_path(&uri), "/devices");
    }

    #[test]
    fn a_status_code_is_kept_for_the_page() {
        // The page answer takes the API's status, so a throttled form is 429.
        let answer = AppError::TooManyAttempts {
            retry_after: std::time::Duration::from_secs(61),
        }
        .into_answer();
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(answer.retry_after, Some(HeaderValue::from(61u64)));
    }
}
