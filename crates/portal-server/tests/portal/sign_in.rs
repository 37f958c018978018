use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use portal_api::{routes, CurrentUser, ErrorCode, NewPassword};
use portal_server::demo;

use crate::support::{
    portal_request, send_to, sign_in_request, Portal, ALEX, CLIENT, PASSWORD, SAM,
};

const GENERIC_MESSAGE: &str =
    "That email and password don't match an account. Check them and try again.";

#[tokio::test]
async fn signing_in_returns_the_user_and_a_host_only_secure_cookie() {
    let portal = Portal::start().await;

    let reply = portal.sign_in(ALEX, PASSWORD).await;

    assert_eq!(reply.status, StatusCode::OK);
    let user: CurrentUser = reply.json();
    assert_eq!(user.email.as_str(), ALEX);
    assert_eq!(user.display_name, "Alex Wilber");
    let cookie = reply.header("set-cookie");
    assert!(cookie.starts_with("__Host-portal_session="), "{cookie}");
    let attributes: Vec<&str> = cookie.split(';').skip(1).map(str::trim).collect();
    for expected in [
        "Path=/",
        "HttpOnly",
        "Secure",
        "SameSite=Lax",
        "Max-Age=43200",
    ] {
        assert!(
            attributes.contains(&expected),
            "{expected} missing in {cookie}"
        );
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let token = reply.session_cookie_pair();
    assert_eq!(token.len(), "__Host-portal_session=".len() + 43);

    let me = portal.get_signed_in(routes::ME, &token).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json::<CurrentUser>(), user);
}

#[tokio::test]
async fn the_email_is_matched_however_it_is_typed() {
    let portal = Portal::start().await;
    let reply = portal.sign_in("  Alex@Contoso.EXAMPLE ", PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json::<CurrentUser>().email.as_str(), ALEX);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let portal = Portal::start().await;

    let wrong_password = portal.sign_in(ALEX, "not the password").await;
    let unknown_email = portal.sign_in("nobody@contoso.example", PASSWORD).await;

    for reply in [&wrong_password, &unknown_email] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        let error = reply.error();
        assert_eq!(error.code, ErrorCode::InvalidCredentials);
        assert_eq!(error.message, GENERIC_MESSAGE);
        assert_eq!(error.field, None);
        assert!(reply.headers.get(header::SET_COOKIE).is_none());
    }
    assert_eq!(wrong_password.body, unknown_email.body);
}

#[tokio::test]
async fn invalid_input_names_the_field_and_says_what_to_do() {
    let portal = Portal::start().await;

    let no_email = portal.sign_in("", PASSWORD).await;
    assert_eq!(no_email.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = no_email.error();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(error.field.as_deref(), Some("email"));
    assert_eq!(error.message, "Enter your email address.");

    let bad_email = portal.sign_in("alex", PASSWORD).await;
    assert_eq!(bad_email.error().field.as_deref(), Some("email"));

    let no_password = portal.sign_in(ALEX, "").await;
    assert_eq!(no_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = no_password.error();
    assert_eq!(error.field.as_deref(), Some("password"));
    assert_eq!(error.message, "Enter your password.");
}

#[tokio::test]
async fn a_body_that_is_not_json_gets_a_readable_422() {
    let portal = Portal::start().await;
    for (content_type, body, message) in [
        (
            "application/json",
            "{\"email\": ",
            "The request isn't valid JSON.",
        ),
        (
            "application/json",
            "{\"email\": \"alex@contoso.example\"}",
            "The request is missing a field, or a field has the wrong type.",
        ),
        (
            "text/plain",
            "email=alex",
            "The request must be sent as JSON (Content-Type: application/json).",
        ),
    ] {
        let reply = portal
            .send(
                portal_request(Method::POST, routes::SESSION)
                    .header(header::CONTENT_TYPE, content_type)
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let error = reply.error();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.message, message);
    }
}

#[tokio::test]
async fn five_failures_throttle_the_account_even_for_the_right_password() {
    let portal = Portal::start().await;
    for attempt in 1..=5 {
        let reply = portal.sign_in(ALEX, "wrong password").await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }

    let throttled = portal.sign_in(ALEX, PASSWORD).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.header("retry-after"), "900");
    let error = throttled.error();
    assert_eq!(error.code, ErrorCode::TooManyAttempts);
    assert_eq!(
        error.message,
        "Too many attempts to sign in. Wait 15 minutes and try again."
    );
    assert!(throttled.headers.get(header::SET_COOKIE).is_none());

    // The throttle is kept in the database: a restarted server still has it.
    let after_restart = send_to(&portal.restarted(), sign_in_request(ALEX, PASSWORD, CLIENT)).await;
    assert_eq!(after_restart.status, StatusCode::TOO_MANY_REQUESTS);

    // Another account from the same address is not affected.
    assert_eq!(portal.sign_in(SAM, PASSWORD).await.status, StatusCode::OK);

    portal.clock.advance(Duration::from_secs(10 * 60));
    let still = portal.sign_in(ALEX, PASSWORD).await;
    assert_eq!(still.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(still.header("retry-after"), "300");
    assert!(still.error().message.contains("Wait 5 minutes"));

    portal.clock.advance(Duration::from_secs(5 * 60));
    assert_eq!(portal.sign_in(ALEX, PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_emails_are_throttled_like_accounts() {
    let portal = Portal::start().await;
    let email = "nobody@contoso.example";
    for _ in 0..5 {
        assert_eq!(
            portal.sign_in(email, PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        portal.sign_in(email, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_successful_sign_in_clears_the_accounts_failures() {
    let portal = Portal::start().await;
    for _ in 0..4 {
        portal.sign_in(ALEX, "wrong password").await;
    }
    assert_eq!(portal.sign_in(ALEX, PASSWORD).await.status, StatusCode::OK);
    for _ in 0..4 {
        assert_eq!(
            portal.sign_in(ALEX, "wrong password").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(portal.sign_in(ALEX, PASSWORD).await.status, StatusCode::OK);
}

#[tokio::test]
async fn twenty_failures_throttle_the_client_address() {
    let portal = Portal::start().await;
    let attacker = [198, 51, 100, 20];
    for n in 0..20 {
        let reply = portal
            .sign_in_from(&format!("guess{n}@contoso.example"), "guess", attacker)
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {n}");
    }

    let throttled = portal.sign_in_from(ALEX, PASSWORD, attacker).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.error().code, ErrorCode::TooManyAttempts);
    assert_eq!(throttled.header("retry-after"), "900");

    // Alex, from their own address, is not affected.
    let elsewhere = portal.sign_in_from(ALEX, PASSWORD, [192, 0, 2, 44]).await;
    assert_eq!(elsewhere.status, StatusCode::OK);

    // Alex's sign-in elsewhere did not reset this address's count.
    let still = portal.sign_in_from(SAM, PASSWORD, attacker).await;
    assert_eq!(still.status, StatusCode::TOO_MANY_REQUESTS);

    portal.clock.advance(Duration::from_secs(15 * 60));
    let later = portal.sign_in_from(ALEX, PASSWORD, attacker).await;
    assert_eq!(later.status, StatusCode::OK);
}

#[tokio::test]
async fn seeding_the_demo_again_resets_the_password() {
    let portal = Portal::start().await;
    let old_cookie = portal.signed_in_cookie(ALEX).await;
    let new_password = NewPassword::parse("a brand new demo password").unwrap();

    demo::seed(
        portal.storage.as_ref(),
        portal.clock.as_ref(),
        &new_password,
    )
    .await
    .unwrap();

    assert_eq!(
        portal.sign_in(ALEX, PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        portal.sign_in(SAM, new_password.expose()).await.status,
        StatusCode::OK
    );
    // A reset password signs the account out everywhere.
    assert_eq!(
        portal.get_signed_in(routes::ME, &old_cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
}
