use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use portal_api::{routes, CurrentUser, ErrorCode, InvalidValue, NewPassword};
use portal_server::demo;

use crate::support::{portal_request, send_to, sign_in_request, Portal, ALEX, PASSWORD, SAM};

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
    assert_eq!(error.details.invalid, Some(InvalidValue::EmailEmpty));
    assert_eq!(error.message, "Enter your email address.");

    let bad_email = portal.sign_in("alex", PASSWORD).await;
    assert_eq!(bad_email.error().field.as_deref(), Some("email"));
    assert_eq!(
        bad_email.error().details.invalid,
        Some(InvalidValue::EmailMalformed)
    );

    let no_password = portal.sign_in(ALEX, "").await;
    assert_eq!(no_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = no_password.error();
    assert_eq!(error.field.as_deref(), Some("password"));
    assert_eq!(error.details.invalid, Some(InvalidValue::PasswordEmpty));
    assert_eq!(error.message, "Enter your password.");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_an_unreadable_request_with_a_readable_422() {
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
        assert_eq!(error.code, ErrorCode::UnreadableRequest);
        assert_eq!(error.message, message);
        assert_eq!(error.field, None);
    }
}

#[tokio::test]
async fn five_failures_slow_down_that_address_but_not_the_right_password_from_another() {
    let portal = Portal::start().await;
    let attacker = [198, 51, 100, 20];
    for attempt in 1..=5 {
        let reply = portal.sign_in_from(ALEX, "wrong password", attacker).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }

    // From the guessing address, even the right password waits a minute.
    let throttled = portal.sign_in_from(ALEX, PASSWORD, attacker).await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.header("retry-after"), "60");
    let error = throttled.error();
    assert_eq!(error.code, ErrorCode::TooManyAttempts);
    assert_eq!(error.details.retry_after_seconds, Some(60));
    assert_eq!(
        error.message,
        "Too many attempts to sign in. Wait 1 minute and try again."
    );
    assert!(throttled.headers.get(header::SET_COOKIE).is_none());

    // The throttle is kept in the database: a restarted server still has it.
    let after_restart = send_to(
        &portal.restarted(),
        sign_in_request(ALEX, PASSWORD, attacker),
    )
    .await;
    assert_eq!(after_restart.status, StatusCode::TOO_MANY_REQUESTS);

    // Alex, from their own address, signs in at once.
    assert_eq!(portal.sign_in(ALEX, PASSWORD).await.status, StatusCode::OK);

    // The wait doubles with each further failure from that address.
    portal.clock.advance(Duration::from_secs(60));
    let reply = portal.sign_in_from(ALEX, "wrong again", attacker).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let throttled = portal.sign_in_from(ALEX, PASSWORD, attacker).await;
    assert_eq!(throttled.header("retry-after"), "120");
    portal.clock.advance(Duration::from_secs(120));
    let reply = portal.sign_in_from(ALEX, PASSWORD, attacker).await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn concurrent_guesses_check_no_more_passwords_than_the_limit() {
    let portal = Arc::new(Portal::start().await);
    let attacker = [198, 51, 100, 21];
    let guesses = (0..300).map(|n| {
        let portal = portal.clone();
        tokio::spawn(async move {
            portal
                .sign_in_from(ALEX, &format!("guess {n}"), attacker)
                .await
                .status
        })
    });
    let statuses = futures_util::future::join_all(guesses).await;
    let checked = statuses
        .iter()
        .filter(|status| *status.as_ref().unwrap() == StatusCode::UNAUTHORIZED)
        .count();
    let slowed = statuses
        .iter()
        .filter(|status| *status.as_ref().unwrap() == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked, 5, "passwords checked");
    assert_eq!(slowed, 295);
}

#[tokio::test]
async fn x_forwarded_for_counts_only_from_a_trusted_proxy() {
    use axum::http::HeaderMap;
    use portal_server::api::client_address;
    let trusted: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
    let mut headers = HeaderMap::new();
    headers.insert("x-forwarded-for", "203.0.113.9, 10.1.2.3".parse().unwrap());
    let proxy = "10.0.0.1".parse().unwrap();
    let stranger = "198.51.100.7".parse().unwrap();
    assert_eq!(
        client_address(proxy, &headers, &trusted),
        "203.0.113.9".parse::<std::net::IpAddr>().unwrap()
    );
    assert_eq!(client_address(stranger, &headers, &trusted), stranger);
    assert_eq!(client_address(proxy, &headers, &[]), proxy);
    // Garbage in the header: the proxy itself is the client.
    headers.insert("x-forwarded-for", "not an address".parse().unwrap());
    assert_eq!(client_address(proxy, &headers, &trusted), proxy);
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_throttled_alone() {
    let mut portal = Portal::start().await;
    portal.trust_proxies(vec!["10.0.0.0/8".parse().unwrap()]);
    let proxy = [10, 0, 0, 1];
    let through_proxy = |client: &str, password: &str| {
        let mut request = sign_in_request(ALEX, password, proxy);
        request
            .headers_mut()
            .insert("x-forwarded-for", client.parse().unwrap());
        request
    };
    for _ in 0..5 {
        let reply = portal.send(through_proxy("203.0.113.66", "wrong")).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let guesser = portal.send(through_proxy("203.0.113.66", PASSWORD)).await;
    assert_eq!(guesser.status, StatusCode::TOO_MANY_REQUESTS);
    let alex = portal.send(through_proxy("192.0.2.10", PASSWORD)).await;
    assert_eq!(alex.status, StatusCode::OK);

    // From a peer that is not a proxy, the header is ignored: the peer is
    // the client, and it is the one slowed down.
    let stranger = [198, 51, 100, 30];
    for _ in 0..5 {
        let mut request = sign_in_request(SAM, "wrong", stranger);
        request
            .headers_mut()
            .insert("x-forwarded-for", "192.0.2.10".parse().unwrap());
        portal.send(request).await;
    }
    let mut request = sign_in_request(SAM, PASSWORD, stranger);
    request
        .headers_mut()
        .insert("x-forwarded-for", "192.0.2.99".parse().unwrap());
    assert_eq!(
        portal.send(request).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The address the stranger named was not slowed down.
    let mut sam = sign_in_request(SAM, PASSWORD, proxy);
    sam.headers_mut()
        .insert("x-forwarded-for", "192.0.2.10".parse().unwrap());
    assert_eq!(portal.send(sam).await.status, StatusCode::OK);
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
async fn twenty_failures_slow_down_the_client_address() {
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
    assert_eq!(throttled.header("retry-after"), "60");

    // Alex, from their own address, is not affected.
    let elsewhere = portal.sign_in_from(ALEX, PASSWORD, [192, 0, 2, 44]).await;
    assert_eq!(elsewhere.status, StatusCode::OK);

    portal.clock.advance(Duration::from_secs(60));
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
