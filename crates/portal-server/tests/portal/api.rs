use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use portal_api::{routes, ErrorCode, Organization, Ownership, PrivacyMessages, SupportContact};
use portal_server::demo;
use portal_server::organization::{self, OrganizationChanges};

use crate::support::{portal_request, Portal};

#[tokio::test]
async fn health_says_ok_and_is_never_cached() {
    let portal = Portal::start().await;
    let reply = portal.get(routes::HEALTH).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json::<serde_json::Value>(),
        serde_json::json!({"status": "ok"})
    );
    assert_eq!(reply.header("cache-control"), "no-store");
    assert!(reply.header("content-type").starts_with("application/json"));
}

#[tokio::test]
async fn the_organization_is_public() {
    let portal = Portal::start().await;
    let reply = portal.get(routes::ORGANIZATION).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json::<Organization>(),
        Organization {
            name: "Contoso".into(),
            support: SupportContact {
                name: Some("Contoso IT Help Desk".into()),
                phone: Some("+1 (555) 010-0199".into()),
                email: Some("helpdesk@contoso.example".into()),
                website: Some("https://support.contoso.example".into()),
            },
            privacy_statement_url: Some("https://contoso.example/privacy".into()),
            privacy_messages: PrivacyMessages {
                personal: Some(demo::DEMO_PRIVACY_MESSAGE_PERSONAL.into()),
                corporate: Some(demo::DEMO_PRIVACY_MESSAGE_CORPORATE.into()),
            },
            managed_web_clip: true,
            // The demo lets everyone choose "only work apps and data".
            offers_user_enrollment: true,
        }
    );
    // The wire shape the SPA reads.
    let json: serde_json::Value = reply.json();
    assert_eq!(json["managed_web_clip"], true);
    assert_eq!(json["offers_user_enrollment"], true);
    assert_eq!(
        json["privacy_messages"]["personal"],
        demo::DEMO_PRIVACY_MESSAGE_PERSONAL
    );
    assert_eq!(
        json["privacy_messages"]["corporate"],
        demo::DEMO_PRIVACY_MESSAGE_CORPORATE
    );
}

#[tokio::test]
async fn the_operator_changes_the_privacy_messages_and_the_web_clip() {
    let portal = Portal::start().await;
    let changes = OrganizationChanges {
        privacy_message_personal: Some("  Only work apps are managed.\n".into()),
        privacy_message_corporate: Some(String::new()),
        managed_web_clip: Some(false),
        ..Default::default()
    };
    let saved =
        organization::change_organization(portal.storage.as_ref(), portal.clock.as_ref(), &changes)
            .await
            .unwrap();
    let shown: Organization = portal.get(routes::ORGANIZATION).await.json();
    // The page also says whether user enrollment is offered (the demo's
    // profiles decide, not these settings).
    assert_eq!(
        shown,
        Organization {
            offers_user_enrollment: true,
            ..saved.organization
        }
    );
    assert_eq!(
        shown.privacy_message(Ownership::Personal),
        Some("Only work apps are managed.")
    );
    assert_eq!(shown.privacy_message(Ownership::Corporate), None);
    assert!(!shown.managed_web_clip);
    // What was not named stays.
    assert_eq!(shown.name, "Contoso");
    assert_eq!(
        shown.privacy_statement_url.as_deref(),
        Some("https://contoso.example/privacy")
    );

    let only_the_web_clip = OrganizationChanges {
        managed_web_clip: Some(true),
        ..Default::default()
    };
    organization::change_organization(
        portal.storage.as_ref(),
        portal.clock.as_ref(),
        &only_the_web_clip,
    )
    .await
    .unwrap();
    let shown: Organization = portal.get(routes::ORGANIZATION).await.json();
    assert!(shown.managed_web_clip);
    assert_eq!(
        shown.privacy_message(Ownership::Personal),
        Some("Only work apps are managed.")
    );
}

#[tokio::test]
async fn an_unknown_api_path_is_a_json_404() {
    let portal = Portal::start().await;
    for path in ["/api/x", "/api/devices/abc/wipe", "/api"] {
        let reply = portal.get(path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.error().code, ErrorCode::NotFound, "{path}");
        assert_eq!(reply.header("cache-control"), "no-store");
    }
    let post = portal
        .send(
            portal_request(Method::POST, "/api/x")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert_eq!(post.error().code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_method_an_api_path_does_not_support_is_a_json_405() {
    let portal = Portal::start().await;
    let put_session = portal
        .send(
            portal_request(Method::PUT, routes::SESSION)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let put_me = portal
        .send(
            portal_request(Method::PUT, routes::ME)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    for reply in [put_session, put_me] {
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
        let error = reply.error();
        assert_eq!(error.code, ErrorCode::MethodNotAllowed);
        assert_eq!(error.message, "This action isn't supported here.");
    }
}

#[tokio::test]
async fn every_api_response_carries_the_security_headers() {
    let portal = Portal::start().await;
    let ok = portal.get(routes::HEALTH).await;
    let error = portal.get(routes::ME).await;
    let missing = portal
        .send(Request::get("/api/nope").body(Body::empty()).unwrap())
        .await;
    for reply in [ok, error, missing] {
        let csp = reply.header("content-security-policy");
        assert!(
            csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"),
            "{csp}"
        );
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
        assert_eq!(reply.header("referrer-policy"), "same-origin");
        assert_eq!(
            reply.header("permissions-policy"),
            "camera=(), microphone=(), geolocation=()"
        );
        assert_eq!(reply.header("cross-origin-opener-policy"), "same-origin");
        assert_eq!(
            reply.header("strict-transport-security"),
            "max-age=31536000"
        );
        assert_eq!(reply.header("cache-control"), "no-store");
    }
}
