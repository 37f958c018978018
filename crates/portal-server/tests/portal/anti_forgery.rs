use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use portal_api::{routes, CurrentUser, ErrorCode, SignInRequest};

use crate::support::{Portal, Reply, ALEX, PASSWORD};

const MESSAGE: &str = "This request didn't come from the portal. Reload the page and try again.";

fn sign_in_body() -> Body {
    Body::from(
        serde_json::to_vec(&SignInRequest {
            email: ALEX.into(),
            password: PASSWORD.into(),
        })
        .unwrap(),
    )
}

/// A sign-in with exactly the given headers (plus Content-Type).
async fn sign_in_with(portal: &Portal, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(routes::SESSION)
        .header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    portal.send(request.body(sign_in_body()).unwrap()).await
}

fn assert_refused(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text());
    let error = reply.error();
    assert_eq!(error.code, ErrorCode::Forbidden);
    assert_eq!(error.message, MESSAGE);
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn a_write_without_the_portal_header_is_refused() {
    let portal = Portal::start().await;
    let reply = sign_in_with(
        &portal,
        &[
            ("origin", "https://portal.contoso.example"),
            ("sec-fetch-site", "same-origin"),
        ],
    )
    .await;
    assert_refused(&reply);
}

#[tokio::test]
async fn a_write_from_another_origin_is_refused() {
    let portal = Portal::start().await;
    let reply = sign_in_with(
        &portal,
        &[
            ("x-portal-request", "1"),
            ("origin", "https://attacker.example"),
        ],
    )
    .await;
    assert_refused(&reply);
}

#[tokio::test]
async fn a_cross_site_write_is_refused() {
    let portal = Portal::start().await;
    let reply = sign_in_with(
        &portal,
        &[("x-portal-request", "1"), ("sec-fetch-site", "cross-site")],
    )
    .await;
    assert_refused(&reply);
}

#[tokio::test]
async fn a_write_without_origin_or_fetch_metadata_is_refused() {
    let portal = Portal::start().await;
    let reply = sign_in_with(&portal, &[("x-portal-request", "1")]).await;
    assert_refused(&reply);
}

#[tokio::test]
async fn signing_out_needs_the_same_proof() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let reply = portal
        .send(
            Request::delete(routes::SESSION)
                .header(header::COOKIE, &cookie)
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_refused(&reply);
    // The session was not ended.
    assert_eq!(
        portal.get_signed_in(routes::ME, &cookie).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_host_the_browser_used_is_its_own_origin() {
    let portal = Portal::start().await;
    let reply = sign_in_with(
        &portal,
        &[
            ("x-portal-request", "1"),
            ("host", "127.0.0.1:8443"),
            ("origin", "https://127.0.0.1:8443"),
        ],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json::<CurrentUser>().email.as_str(), ALEX);
}

#[tokio::test]
async fn reads_need_no_proof() {
    let portal = Portal::start().await;
    assert_eq!(portal.get(routes::HEALTH).await.status, StatusCode::OK);
    assert_eq!(
        portal.get(routes::ME).await.status,
        StatusCode::UNAUTHORIZED
    );
}
