//! Signing in and out, and knowing who is signed in.
//!
//! The handlers in `api.rs` call [`sign_in`], [`sign_out`] and the
//! [`SignedIn`] extractor; this module decides, and `storage` remembers.

pub mod oidc;
pub mod password;
pub mod session;
pub mod stream_sessions;
pub mod throttle;

use std::net::IpAddr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use portal_api::session::ValidSignIn;
use portal_api::{CurrentUser, ErrorCode, SignInRequest, SignedOut};

use crate::clock::seconds;
use crate::error::AppError;
use crate::storage::{RecentAttempts, UserId};
use crate::AppState;
use session::{Freshness, SessionToken};
use stream_sessions::ActiveSession;

pub const LOCAL_ACCOUNTS_OFF_MESSAGE: &str =
    "This organization signs in with work accounts only. Use the button above.";

/// A new session, for the sign-in response.
#[derive(Debug)]
pub struct StartedSession {
    pub user: CurrentUser,
    pub token: SessionToken,
}

/// Checks the email and password and starts a session.
///
/// Wrong email and wrong password get the same answer, after the same amount
/// of work. Each attempt is first reserved with the throttle (which may ask
/// to wait instead), and at most a few passwords are checked at once.
pub async fn sign_in(
    state: &AppState,
    request: &SignInRequest,
    client: IpAddr,
) -> Result<StartedSession, AppError> {
    let ValidSignIn { email, password } = request
        .parse()
        .map_err(|(field, invalid)| AppError::invalid_value(field.name(), invalid))?;
    let storage = state.storage.as_ref();
    let settings = storage.sign_in_settings().await?;
    if settings.is_some_and(|settings| !settings.local_accounts) {
        return Err(AppError::refused(
            ErrorCode::LocalAccountsOff,
            LOCAL_ACCOUNTS_OFF_MESSAGE,
        ));
    }
    let now = state.clock.now();
    let client_address = client.to_string();

    let policy = state.config.throttle;
    let decide = move |recent: RecentAttempts| throttle::retry_after(&policy, &recent, now);
    let reserved = storage
        .reserve_sign_in_attempt(
            email.as_str(),
            &client_address,
            now - seconds(policy.window),
            now,
            &decide,
        )
        .await?;
    if let Err(retry_after) = reserved {
        tracing::warn!(client = %client_address, "sign-in slowed down: too many failed attempts");
        return Err(AppError::TooManyAttempts { retry_after });
    }

    let user = storage.user_by_email(&email).await?;
    let hash = match &user {
        // An account without a password signs in through the provider.
        Some(user) if !user.password_hash.is_empty() => user.password_hash.clone(),
        _ => password::DUMMY_HASH.to_owned(),
    };
    let matches = {
        let _permit = state
            .password_checks
            .acquire()
            .await
            .map_err(|_| AppError::Internal("the password check limiter closed".into()))?;
        password::verify_in_background(password, hash).await?
    };
    let user = match user {
        Some(user) if matches && !user.password_hash.is_empty() => user,
        _ => {
            storage
                .delete_sign_in_attempts_before(now - seconds(policy.window))
                .await?;
            tracing::info!(client = %client_address, "sign-in failed");
            return Err(AppError::invalid_credentials());
        }
    };

    storage
        .clear_sign_in_attempts(email.as_str(), &client_address)
        .await?;
    let token = start_session(state, user.id, None).await?;
    tracing::info!(user_id = user.id, client = %client_address, "signed in");
    Ok(StartedSession {
        user: CurrentUser {
            email: user.email,
            display_name: user.display_name,
        },
        token,
    })
}

/// Creates a session for the user (and forgets expired ones).
pub(crate) async fn start_session(
    state: &AppState,
    user_id: UserId,
    identity_issuer: Option<&str>,
) -> Result<SessionToken, AppError> {
    let storage = state.storage.as_ref();
    let now = state.clock.now();
    let token = SessionToken::generate();
    storage
        .create_session(&token.hash(), user_id, identity_issuer, now)
        .await?;
    let policy = &state.config.sessions;
    storage
        .delete_expired_sessions(
            now - seconds(policy.absolute_lifetime),
            now - seconds(policy.idle_timeout),
        )
        .await?;
    Ok(token)
}

/// Ends the session on the server, and says where the browser can end the
/// provider's session too when the session came from one that offers it.
/// Without a session there is nothing to do.
pub async fn sign_out(
    state: &AppState,
    token: Option<SessionToken>,
) -> Result<SignedOut, AppError> {
    let Some(token) = token else {
        return Ok(SignedOut::default());
    };
    let hash = token.hash();
    let session = state.storage.session(&hash).await?;
    state.storage.delete_session(&hash).await?;
    state.stream_sessions.end_session(&hash);
    let provider_sign_out_url = match session.and_then(|session| session.identity_issuer) {
        Some(issuer) => oidc::provider_sign_out_url(state, &issuer).await,
        None => None,
    };
    Ok(SignedOut {
        provider_sign_out_url,
    })
}

/// Ends every session of the user (the user was removed, or must sign in
/// again): in the database, and their open event streams at once.
pub async fn end_sessions_of_user(state: &AppState, user_id: UserId) -> Result<(), AppError> {
    state.storage.delete_sessions_of_user(user_id).await?;
    state.stream_sessions.end_sessions_of_user(user_id);
    tracing::info!(user_id, "ended every session of the user");
    Ok(())
}

/// The user behind a valid session. Extracting it answers 401
/// `not_signed_in` when there is no session or it expired (and deletes an
/// expired one).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user_id: UserId,
    pub user: CurrentUser,
    /// The session the request came with (event streams end with it).
    pub session: ActiveSession,
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
            let mut last_seen_at = session.last_seen_at;
            if touch {
                storage.touch_session(&hash, now).await?;
                state.stream_sessions.touched(&hash, now);
                last_seen_at = now;
            }
            Ok(SignedIn {
                session: ActiveSession {
                    token_hash: hash,
                    user_id: session.user_id,
                    created_at: session.created_at,
                    last_seen_at,
                },
                user_id: session.user_id,
                user: CurrentUser {
                    email: session.email,
                    display_name: session.display_name,
                },
            })
        }
        Freshness::IdleExpired | Freshness::LifetimeExpired => {
            storage.delete_session(&hash).await?;
            state.stream_sessions.end_session(&hash);
            Err(AppError::not_signed_in())
        }
    }
}
