//! Signing in and out, and knowing who is signed in.
//!
//! The handlers in `api.rs` call [`sign_in`], [`sign_out`] and the
//! [`SignedIn`] extractor; this module decides, and `storage` remembers.

pub mod password;
pub mod session;
pub mod throttle;

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use portal_api::session::ValidSignIn;
use portal_api::{CurrentUser, SignInRequest};

use crate::clock::seconds;
use crate::error::AppError;
use crate::storage::{ThrottleScope, UserId};
use crate::AppState;
use session::{Freshness, SessionToken};

/// A new session, for the sign-in response.
#[derive(Debug)]
pub struct StartedSession {
    pub user: CurrentUser,
    pub token: SessionToken,
}

/// Checks the email and password and starts a session.
///
/// Wrong email and wrong password get the same answer, after the same amount
/// of work. Failures count against the account and the client address; once
/// either has too many, sign-in is refused without checking the password.
pub async fn sign_in(
    state: &AppState,
    request: &SignInRequest,
    client: IpAddr,
) -> Result<StartedSession, AppError> {
    let ValidSignIn { email, password } = request
        .parse()
        .map_err(|(field, message)| AppError::invalid_input(field.name(), message))?;
    let storage = state.storage.as_ref();
    let now = state.clock.now();
    let client_address = client.to_string();

    let throttle = &state.config.throttle;
    if let Some(retry_after) =
        throttle::retry_after_for(storage, throttle, email.as_str(), &client_address, now).await?
    {
        tracing::warn!(client = %client_address, "sign-in refused: too many failed attempts");
        return Err(AppError::TooManyAttempts { retry_after });
    }

    let user = storage.user_by_email(&email).await?;
    let hash = match &user {
        Some(user) => user.password_hash.clone(),
        None => password::DUMMY_HASH.to_owned(),
    };
    let matches = password::verify_in_background(password, hash).await?;
    let user = match user {
        Some(user) if matches => user,
        _ => {
            storage
                .record_sign_in_failure(email.as_str(), &client_address, now)
                .await?;
            storage
                .delete_sign_in_failures_before(now - seconds(throttle.window))
                .await?;
            tracing::info!(client = %client_address, "sign-in failed");
            return Err(AppError::invalid_credentials());
        }
    };

    storage
        .clear_sign_in_failures(ThrottleScope::Account, email.as_str())
        .await?;
    let token = SessionToken::generate();
    storage.create_session(&token.hash(), user.id, now).await?;
    let policy = &state.config.sessions;
    storage
        .delete_expired_sessions(
            now - seconds(policy.absolute_lifetime),
            now - seconds(policy.idle_timeout),
        )
        .await?;
    tracing::info!(user_id = user.id, client = %client_address, "signed in");
    Ok(StartedSession {
        user: CurrentUser {
            email: user.email,
            display_name: user.display_name,
        },
        token,
    })
}

/// Ends the session on the server. Without a session there is nothing to do.
pub async fn sign_out(state: &AppState, token: Option<SessionToken>) -> Result<(), AppError> {
    if let Some(token) = token {
        state.storage.delete_session(&token.hash()).await?;
    }
    Ok(())
}

/// The user behind a valid session. Extracting it answers 401
/// `not_signed_in` when there is no session or it expired (and deletes an
/// expired one).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: UserId,
    pub user: CurrentUser,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = session::token_from_headers(&parts.headers).ok_or(AppError::not_signed_in())?;
        signed_in_user(state, &token).await
    }
}

pub(crate) async fn signed_in_user(
    state: &AppState,
    token: &SessionToken,
) -> Result<SignedIn, AppError> {
    let hash = token.hash();
    let storage = state.storage.as_ref();
    let session = storage
        .session(&hash)
        .await?
        .ok_or(AppError::not_signed_in())?;
    let now = state.clock.now();
    match session::freshness(
        session.created_at,
        session.last_seen_at,
        now,
        &state.config.sessions,
    ) {
        Freshness::Active { touch } => {
            if touch {
                storage.touch_session(&hash, now).await?;
            }
            Ok(SignedIn {
                user_id: session.user_id,
                user: CurrentUser {
                    email: session.email,
                    display_name: session.display_name,
                },
            })
        }
        Freshness::IdleExpired | Freshness::LifetimeExpired => {
            storage.delete_session(&hash).await?;
            Err(AppError::not_signed_in())
        }
    }
}
