//! Event streams end with their session (sign-out, expiry, the user's
//! sessions ended), a session has only so many, and a stream outlives the
//! request time limit.

use portal_server::storage::UserStore;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use portal_api::{routes, EmailAddress, Enrollment, EnrollmentState, ErrorCode, Ownership};
use portal_server::sign_in;
use tower::ServiceExt;

use crate::enrollment::{link, start};
use crate::support::{portal_request, Portal, ALEX};

/// Long enough for any honest step of a test on a slow machine.
const PATIENCE: Duration = Duration::from_secs(10);

/// Opens the enrollment's event stream; its response.
async fn open(portal: &Portal, cookie: &str, id: &str) -> axum::response::Response {
    portal
        .app
        .clone()
        .oneshot(
            Request::get(routes::enrollment_events(id))
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap()
}

/// An open stream, past its first event.
async fn following(portal: &Portal, cookie: &str, id: &str) -> Body {
    let response = open(portal, cookie, id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    assert_eq!(next_event(&mut body).await.id.0, id);
    body
}

async fn next_event(body: &mut Body) -> Enrollment {
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(PATIENCE, body.frame())
            .await
            .expect("an event in time")
            .expect("the stream goes on")
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        if let Some(line) = text.lines().find_map(|l| l.strip_prefix("data: ")) {
            if text.contains("\n\n") {
                return serde_json::from_str(line).unwrap();
            }
        }
    }
}

/// Waits for the stream to end (keep-alive comments aside); panics when
/// it goes on past `PATIENCE` or sends an event.
async fn ends(body: &mut Body) {
    tokio::time::timeout(PATIENCE, async {
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.unwrap().into_data() {
                let text = String::from_utf8_lossy(&data);
                assert!(
                    !text.contains("data:"),
                    "an event instead of the end: {text}"
                );
            }
        }
    })
    .await
    .expect("the stream ended in time");
}

async fn sign_out(portal: &Portal, cookie: &str) {
    let reply = portal
        .send(
            portal_request(Method::DELETE, routes::SESSION)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_stream_ends_when_its_session_signs_out_and_no_other() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let other_tab = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let mut stream = following(&portal, &cookie, &started.id.0).await;
    let mut other = following(&portal, &other_tab, &started.id.0).await;

    sign_out(&portal, &cookie).await;
    ends(&mut stream).await;
    assert_eq!(
        open(&portal, &cookie, &started.id.0).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // The other session's stream still brings the next change.
    let download = link(&portal, &other_tab, &started.id.0).await;
    portal.get_signed_in(&download.url, &other_tab).await;
    let mut next = next_event(&mut other).await;
    while next.state != EnrollmentState::Downloaded {
        next = next_event(&mut other).await;
    }
    assert_eq!(portal.state.stream_sessions.open_streams(), 1);
}

#[tokio::test]
async fn a_stream_ends_when_its_session_reaches_its_lifetime() {
    let portal = Portal::start_configured(|config| {
        config.sessions.absolute_lifetime = Duration::from_secs(2);
    })
    .await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let mut stream = following(&portal, &cookie, &started.id.0).await;
    portal.clock.advance(Duration::from_secs(2));
    ends(&mut stream).await;
    assert_eq!(
        portal.get_signed_in(routes::ME, &cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_stream_ends_when_its_session_is_idle_too_long_but_not_while_used() {
    let portal = Portal::start_configured(|config| {
        config.sessions.idle_timeout = Duration::from_secs(3);
        config.sessions.touch_interval = Duration::from_secs(1);
    })
    .await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let mut stream = following(&portal, &cookie, &started.id.0).await;
    // A request two seconds in keeps the session (and the stream) on.
    portal.clock.advance(Duration::from_secs(2));
    assert_eq!(
        portal.get_signed_in(routes::ME, &cookie).await.status,
        StatusCode::OK
    );
    portal.clock.advance(Duration::from_secs(2));
    let download = link(&portal, &cookie, &started.id.0).await;
    portal.get_signed_in(&download.url, &cookie).await;
    let mut next = next_event(&mut stream).await;
    while next.state != EnrollmentState::Downloaded {
        next = next_event(&mut stream).await;
    }
    // Then nothing for the idle timeout.
    portal.clock.advance(Duration::from_secs(3));
    ends(&mut stream).await;
}

#[tokio::test]
async fn the_streams_of_a_user_end_when_their_sessions_are_ended() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let phone = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let mut first = following(&portal, &cookie, &started.id.0).await;
    let mut second = following(&portal, &phone, &started.id.0).await;
    let alex = portal
        .storage
        .user_by_email(&EmailAddress::parse(ALEX).unwrap())
        .await
        .unwrap()
        .unwrap();

    sign_in::end_sessions_of_user(&portal.state, alex.id)
        .await
        .unwrap();
    ends(&mut first).await;
    ends(&mut second).await;
    assert_eq!(
        portal.get_signed_in(routes::ME, &phone).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_session_may_have_only_so_many_streams() {
    let portal = Portal::start_configured(|config| {
        config.event_streams_per_session = 2;
    })
    .await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let id = &started.id.0;
    let first = following(&portal, &cookie, id).await;
    let _second = following(&portal, &cookie, id).await;

    let refused = open(&portal, &cookie, id).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    let body = refused.into_body().collect().await.unwrap().to_bytes();
    let error: portal_api::ErrorBody = serde_json::from_slice(&body).unwrap();
    assert_eq!(error.error.code, ErrorCode::TooManyEventStreams);

    // Another session has places of its own; a closed stream frees one.
    let other = portal.signed_in_cookie(ALEX).await;
    let _third = following(&portal, &other, id).await;
    drop(first);
    let _again = following(&portal, &cookie, id).await;
}

#[tokio::test]
async fn many_streams_of_one_value_all_get_the_change() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let mut streams = Vec::new();
    for _ in 0..8 {
        streams.push(following(&portal, &cookie, &started.id.0).await);
    }
    let download = link(&portal, &cookie, &started.id.0).await;
    portal.get_signed_in(&download.url, &cookie).await;
    for stream in &mut streams {
        let mut next = next_event(stream).await;
        while next.state != EnrollmentState::Downloaded {
            next = next_event(stream).await;
        }
    }
}

#[tokio::test]
async fn a_stream_outlives_the_request_time_limit() {
    let portal = Portal::start_configured(|config| {
        config.request_timeout = Duration::from_secs(1);
    })
    .await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let mut stream = following(&portal, &cookie, &started.id.0).await;
    // The scenario, not the assertion: the request limit passes.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let download = link(&portal, &cookie, &started.id.0).await;
    portal.get_signed_in(&download.url, &cookie).await;
    let mut next = next_event(&mut stream).await;
    while next.state != EnrollmentState::Downloaded {
        next = next_event(&mut stream).await;
    }
}
