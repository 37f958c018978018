//! The HTTP API under `/api`: thin handlers that read the request, call a
//! service (`sign_in`) or storage, and turn the result into JSON.
//!
//! Paths come from `portal_api::routes`, shared with the SPA.

use std::net::{IpAddr, SocketAddr};

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get, post};
use axum::{middleware, Json, Router};
use futures_util::Stream;
use portal_api::{
    routes, CurrentUser, DeviceDetails, DeviceId, DeviceList, Enrollment, EnrollmentId,
    EnrollmentRules, NotificationList, Organization, ProfileDownload, RenameDevice, SessionInfo,
    SignInOptions, SignInRequest, SignedOut, StartEnrollment,
};
use serde::Serialize;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{AppError, NOT_FOUND_MESSAGE};
use crate::sign_in::stream_sessions::StreamLease;
use crate::sign_in::{self, session, SignedIn};
use crate::{anti_forgery, devices, enrollment, AppState};

/// The API's routes, with anti-forgery and `Cache-Control: no-store`.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(routes::HEALTH, get(health))
        .route(routes::ORGANIZATION, get(organization))
        .route(
            routes::SESSION,
            get(current_session).post(start_session).delete(end_session),
        )
        .route(routes::SIGN_IN_OPTIONS, get(sign_in_options))
        .route(routes::OIDC_START, get(start_oidc_sign_in))
        .route(routes::OIDC_CALLBACK, get(finish_oidc_sign_in))
        .route(routes::ME, get(me))
        .route(routes::DEVICES, get(devices))
        .route(
            &routes::device("{id}"),
            get(get_device).patch(rename_device).delete(remove_device),
        )
        .route(
            &routes::device_remote_lock("{id}"),
            post(remote_lock_device),
        )
        .route(
            &routes::device_check_status("{id}"),
            post(check_device_status),
        )
        .route(&routes::device_events("{id}"), get(device_events))
        .route(routes::NOTIFICATIONS, get(notifications))
        .route(routes::ENROLLMENT_RULES, get(enrollment_rules))
        .route(
            routes::ACCOUNT_ENROLLMENT_SESSION,
            get(crate::account_enrollment::session),
        )
        .route(
            routes::ACCOUNT_ENROLLMENT_CONSENT,
            post(crate::account_enrollment::consent),
        )
        .route(routes::ENROLLMENTS, post(start_enrollment))
        .route(routes::CURRENT_ENROLLMENT, get(current_enrollment))
        .route(&routes::enrollment("{id}"), get(get_enrollment))
        .route(&routes::enrollment_profile("{id}"), post(issue_profile))
        .route(&routes::enrollment_events("{id}"), get(enrollment_events))
        .method_not_allowed_fallback(method_not_allowed)
        // Unknown API paths answer in JSON, not with the SPA's index.html.
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            anti_forgery::require_portal_request,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
}

/// `GET /api/health`
async fn health() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// `GET /api/organization`: public, for the sign-in page and Help.
async fn organization(State(state): State<AppState>) -> Result<Json<Organization>, AppError> {
    organization_profile(&state)
        .await?
        .map(Json)
        .ok_or_else(AppError::portal_not_set_up)
}

/// The organization's public profile (`GET /api/organization`, and the
/// first paint's); `None` before the portal is set up.
pub async fn organization_profile(state: &AppState) -> Result<Option<Organization>, AppError> {
    let Some(organization) = state.storage.organization().await? else {
        return Ok(None);
    };
    let mut profile = organization.profile;
    profile.offers_user_enrollment = enrollment::type_profiles::offers_user_enrollment(
        &state.storage.enrollment_type_profiles().await?,
    );
    Ok(Some(profile))
}

/// `POST /api/session`: sign in.
async fn start_session(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(request): ApiJson<SignInRequest>,
) -> Result<impl IntoResponse, AppError> {
    let started = sign_in::sign_in(&state, &request, client).await?;
    let cookie = session::session_cookie(&started.token, state.config.sessions.absolute_lifetime);
    let cookie = HeaderValue::from_str(&cookie)
        .map_err(|_| AppError::Internal("the session cookie is not a valid header".into()))?;
    Ok(([(header::SET_COOKIE, cookie)], Json(started.user)))
}

/// `GET /api/session`: the signed-in user or nobody, always 200 (an
/// expired session is nobody, and is deleted).
async fn current_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<SessionInfo>, AppError> {
    let user = match session::token_from_headers(&headers) {
        Some(token) => match sign_in::signed_in_user(&state, &token).await {
            Ok(signed_in) => Some(signed_in.user),
            Err(AppError::Api(_)) => None,
            Err(error) => return Err(error),
        },
        None => None,
    };
    Ok(Json(SessionInfo { user }))
}

/// `DELETE /api/session`: sign out. Always 200 with [`SignedOut`], and
/// always clears the cookie.
async fn end_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let signed_out = sign_in::sign_out(&state, session::token_from_headers(&headers)).await?;
    let cookie = HeaderValue::from_str(&session::clearing_cookie())
        .map_err(|_| AppError::Internal("the clearing cookie is not a valid header".into()))?;
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json::<SignedOut>(signed_out),
    ))
}

/// `GET /api/sign-in/options`: public, for the sign-in page.
async fn sign_in_options(State(state): State<AppState>) -> Result<Json<SignInOptions>, AppError> {
    let organization = state
        .storage
        .organization()
        .await?
        .ok_or_else(AppError::portal_not_set_up)?;
    sign_in_options_of(&state, organization.profile.name)
        .await
        .map(Json)
}

/// The ways to sign in (`GET /api/sign-in/options`, and the first paint's)
/// of the organization named `organization_name`.
pub async fn sign_in_options_of(
    state: &AppState,
    organization_name: String,
) -> Result<SignInOptions, AppError> {
    let settings = state.storage.sign_in_settings().await?;
    Ok(SignInOptions {
        organization_name,
        oidc: settings.as_ref().is_some_and(|s| s.oidc.is_some()),
        local_accounts: settings.as_ref().is_none_or(|s| s.local_accounts),
    })
}

#[derive(Debug, serde::Deserialize)]
struct StartQuery {
    return_to: Option<String>,
}

/// `GET /api/sign-in/oidc/start?return_to=/path`: 302 to the provider.
async fn start_oidc_sign_in(
    State(state): State<AppState>,
    Query(query): Query<StartQuery>,
) -> Response {
    match sign_in::oidc::start(&state, query.return_to.as_deref()).await {
        Ok(started) => with_cookies(Redirect::to(&started.provider_url), &[started.cookie]),
        Err(failure) => {
            tracing::warn!(code = failure.code.as_str(), reason = %failure.reason, "sign-in with the provider did not start");
            Redirect::to(&failure.sign_in_page()).into_response()
        }
    }
}

/// `GET /api/sign-in/oidc/callback`: where the provider sends the browser
/// back. A session and 302 to the page asked for, or 302 to
/// `/sign-in?error=<code>`. The pending sign-in cookie is cleared either way.
async fn finish_oidc_sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<sign_in::oidc::CallbackQuery>,
) -> Response {
    let browser_token = sign_in::oidc::pending_token_from_headers(&headers);
    let clearing = sign_in::oidc::clearing_pending_cookie();
    let finished = sign_in::oidc::finish(&state, &query, browser_token.as_deref()).await;
    let finished = match finished {
        Ok(finished) => finished,
        Err(failure) => {
            tracing::warn!(code = failure.code.as_str(), reason = %failure.reason, "sign-in with the provider failed");
            return with_cookies(Redirect::to(&failure.sign_in_page()), &[clearing]);
        }
    };
    match sign_in::start_session(&state, finished.user_id, Some(&finished.issuer)).await {
        Ok(token) => {
            tracing::info!(
                user_id = finished.user_id,
                "signed in with the identity provider"
            );
            let cookie = session::session_cookie(&token, state.config.sessions.absolute_lifetime);
            with_cookies(Redirect::to(&finished.return_to), &[clearing, cookie])
        }
        Err(error) => error.into_response(),
    }
}

/// A redirect with `Set-Cookie` headers.
fn with_cookies(redirect: Redirect, cookies: &[String]) -> Response {
    let mut response = redirect.into_response();
    for cookie in cookies {
        if let Ok(value) = HeaderValue::from_str(cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `GET /api/me`
async fn me(signed_in: SignedIn) -> Json<CurrentUser> {
    Json(signed_in.user)
}

/// `GET /api/devices`: the signed-in user's devices, for **My devices**.
async fn devices(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<DeviceList>, AppError> {
    Ok(Json(devices::list(&state, signed_in.user_id).await?))
}

/// `GET /api/devices/{id}`
async fn get_device(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<DeviceDetails>, AppError> {
    let id = DeviceId(id);
    Ok(Json(devices::get(&state, signed_in.user_id, &id).await?))
}

/// `PATCH /api/devices/{id}`: rename.
async fn rename_device(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RenameDevice>,
) -> Result<Json<DeviceDetails>, AppError> {
    let id = DeviceId(id);
    Ok(Json(
        devices::rename(&state, signed_in.user_id, &id, &request).await?,
    ))
}

/// `DELETE /api/devices/{id}`: 202, the removal waits for the device.
async fn remove_device(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<DeviceDetails>), AppError> {
    let id = DeviceId(id);
    let details = devices::remove(&state, signed_in.user_id, &id).await?;
    Ok((StatusCode::ACCEPTED, Json(details)))
}

/// `POST /api/devices/{id}/remote-lock`
async fn remote_lock_device(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<DeviceDetails>, AppError> {
    let id = DeviceId(id);
    Ok(Json(devices::lock(&state, signed_in.user_id, &id).await?))
}

/// `POST /api/devices/{id}/check-status`
async fn check_device_status(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<DeviceDetails>, AppError> {
    let id = DeviceId(id);
    Ok(Json(
        devices::check_status(&state, signed_in.user_id, &id).await?,
    ))
}

/// `GET /api/devices/{id}/events`: server-sent events, one `DeviceDetails`
/// per event.
async fn device_events(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>>, AppError> {
    let id = DeviceId(id);
    let lease = open_stream(&state, &signed_in).await?;
    // Subscribe first, so no change falls between the read and the stream.
    let changes = state.device_events.subscribe();
    let current = devices::get(&state, signed_in.user_id, &id).await?;
    Ok(devices::events::stream(
        state,
        signed_in.user_id,
        current,
        changes,
        lease,
    ))
}

/// A place for one more event stream of the request's session (or 429
/// `too_many_event_streams`). The session is read once more after the
/// place is taken: a sign-out between the first read and now would
/// otherwise leave the stream open.
async fn open_stream(state: &AppState, signed_in: &SignedIn) -> Result<StreamLease, AppError> {
    let lease = state.stream_sessions.open(&signed_in.session)?;
    if state
        .storage
        .session(&signed_in.session.token_hash)
        .await?
        .is_none()
    {
        return Err(AppError::not_signed_in());
    }
    Ok(lease)
}

/// `GET /api/notifications`
async fn notifications(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<NotificationList>, AppError> {
    Ok(Json(
        devices::notifications(&state, signed_in.user_id).await?,
    ))
}

/// `GET /api/enrollment/rules`
async fn enrollment_rules(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<EnrollmentRules>, AppError> {
    Ok(Json(
        enrollment::rules(&state, signed_in.user_id, &signed_in.user.email).await?,
    ))
}

/// `POST /api/enrollments`: 201 with the new enrollment.
async fn start_enrollment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ApiJson(request): ApiJson<StartEnrollment>,
) -> Result<(StatusCode, Json<Enrollment>), AppError> {
    let started = enrollment::start(&state, signed_in.user_id, &request).await?;
    Ok((StatusCode::CREATED, Json(started)))
}

/// `GET /api/enrollments/current`
async fn current_enrollment(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Json<Enrollment>, AppError> {
    Ok(Json(enrollment::current(&state, signed_in.user_id).await?))
}

/// `GET /api/enrollments/{id}`
async fn get_enrollment(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Enrollment>, AppError> {
    let id = EnrollmentId(id);
    Ok(Json(enrollment::get(&state, signed_in.user_id, &id).await?))
}

/// `POST /api/enrollments/{id}/profile`
async fn issue_profile(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<ProfileDownload>, AppError> {
    let id = EnrollmentId(id);
    Ok(Json(
        enrollment::issue_profile(&state, signed_in.user_id, &id).await?,
    ))
}

/// `GET /api/enrollments/{id}/events`: server-sent events, one
/// `Enrollment` per event.
async fn enrollment_events(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>>, AppError> {
    let id = EnrollmentId(id);
    let lease = open_stream(&state, &signed_in).await?;
    // Subscribe first, so no change falls between the read and the stream.
    let changes = state.enrollment_events.subscribe();
    let current = enrollment::get(&state, signed_in.user_id, &id).await?;
    Ok(enrollment::events::stream(
        state,
        signed_in.user_id,
        current,
        changes,
        lease,
    ))
}

async fn not_found() -> AppError {
    AppError::not_found(NOT_FOUND_MESSAGE)
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}

/// The IP address the request came from: the TCP peer, or, when the peer
/// is a trusted proxy, the address `X-Forwarded-For` names for it.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ConnectInfo(address) = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::Internal("the client's address is unknown".into()))?;
        let peer = address.ip().to_canonical();
        Ok(Self(client_address(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

/// Walks `X-Forwarded-For` from the right (the hop nearest the portal),
/// skipping trusted proxies: the first address that is not one is the
/// client. A client can prepend anything, so nothing left of that counts.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[ipnet::IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .map(|hop| hop.parse::<IpAddr>().map(|ip| ip.to_canonical()))
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    hops.into_iter()
        .rev()
        .find(|hop| !is_trusted(hop))
        .unwrap_or(peer)
}

/// `Json`, but a body that cannot be read answers in the API's error shape
/// with words for a person instead of serde's.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(AppError::unreadable_request(json_rejection_message(
                &rejection,
            ))),
        }
    }
}

fn json_rejection_message(rejection: &JsonRejection) -> &'static str {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            "The request must be sent as JSON (Content-Type: application/json)."
        }
        JsonRejection::JsonSyntaxError(_) => "The request isn't valid JSON.",
        JsonRejection::JsonDataError(_) => {
            "The request is missing a field, or a field has the wrong type."
        }
        _ => "The request couldn't be read.",
    }
}
