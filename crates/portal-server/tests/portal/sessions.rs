use portal_server::storage::UserStore;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use portal_api::{
    routes, ComplianceState, DeviceId, DeviceList, DeviceSummary, EmailAddress, EnrollmentType,
    ErrorCode, Ownership, SessionInfo,
};

use crate::support::{portal_request, store_enrolled_device, Portal, ALEX, SAM, START};

#[tokio::test]
async fn me_without_a_session_asks_to_sign_in() {
    let portal = Portal::start().await;

    for cookie in [
        None,
        Some("__Host-portal_session=not-a-token"),
        Some("other=1"),
    ] {
        let mut request = axum::http::Request::get(routes::ME);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let reply = portal.send(request.body(Body::empty()).unwrap()).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{cookie:?}");
        let error = reply.error();
        assert_eq!(error.code, ErrorCode::NotSignedIn);
        assert_eq!(error.message, "Sign in to continue.");
    }
}

#[tokio::test]
async fn the_session_says_who_is_signed_in_and_is_never_an_error() {
    let portal = Portal::start().await;
    for cookie in [
        None,
        Some("__Host-portal_session=not-a-token".to_owned()),
        Some(format!("__Host-portal_session={}", "A".repeat(43))),
    ] {
        let mut request = axum::http::Request::get(routes::SESSION);
        if let Some(cookie) = &cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let reply = portal.send(request.body(Body::empty()).unwrap()).await;
        assert_eq!(reply.status, StatusCode::OK, "{cookie:?}");
        assert_eq!(reply.json::<SessionInfo>(), SessionInfo { user: None });
        assert_eq!(reply.header("cache-control"), "no-store");
    }
    let cookie = portal.signed_in_cookie(ALEX).await;
    let reply = portal.get_signed_in(routes::SESSION, &cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    let user = reply.json::<SessionInfo>().user.expect("signed in");
    assert_eq!(user.email.as_str(), ALEX);
}

#[tokio::test]
async fn a_well_formed_but_unknown_token_is_not_a_session() {
    let portal = Portal::start().await;
    let forged = format!("__Host-portal_session={}", "A".repeat(43));
    let reply = portal.get_signed_in(routes::ME, &forged).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;

    let reply = portal
        .send(
            portal_request(Method::DELETE, routes::SESSION)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(reply.status, StatusCode::OK);
    let clearing = reply.header("set-cookie");
    assert!(
        clearing.starts_with("__Host-portal_session=;"),
        "{clearing}"
    );
    assert!(clearing.contains("Max-Age=0"), "{clearing}");
    // The old cookie, replayed, no longer works.
    let me = portal.get_signed_in(routes::ME, &cookie).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.error().code, ErrorCode::NotSignedIn);
}

#[tokio::test]
async fn signing_out_without_a_session_still_succeeds() {
    let portal = Portal::start().await;
    let reply = portal
        .send(
            portal_request(Method::DELETE, routes::SESSION)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("set-cookie").contains("Max-Age=0"));
}

#[tokio::test]
async fn a_session_unused_for_an_hour_expires() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;

    // Each request within the hour keeps the session alive.
    portal.clock.advance(Duration::from_secs(59 * 60));
    assert_eq!(
        portal.get_signed_in(routes::ME, &cookie).await.status,
        StatusCode::OK
    );
    portal.clock.advance(Duration::from_secs(59 * 60));
    assert_eq!(
        portal.get_signed_in(routes::ME, &cookie).await.status,
        StatusCode::OK
    );

    portal.clock.advance(Duration::from_secs(60 * 60));
    let reply = portal.get_signed_in(routes::ME, &cookie).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error().code, ErrorCode::NotSignedIn);

    // The expired session was deleted: it stays gone.
    portal.clock.set(crate::support::START);
    assert_eq!(
        portal.get_signed_in(routes::ME, &cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_busy() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;

    // 14 × 50 minutes = 11 h 40 min, never idle for an hour.
    for step in 1..=14 {
        portal.clock.advance(Duration::from_secs(50 * 60));
        let reply = portal.get_signed_in(routes::ME, &cookie).await;
        assert_eq!(reply.status, StatusCode::OK, "step {step}");
    }

    portal.clock.advance(Duration::from_secs(20 * 60));
    let reply = portal.get_signed_in(routes::ME, &cookie).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.error().code, ErrorCode::NotSignedIn);
}

fn device(id: &str, name: &str) -> DeviceSummary {
    DeviceSummary {
        id: DeviceId(id.into()),
        display_name: name.into(),
        model: "iPhone 15".into(),
        product_code: None,
        os_version: Some("17.4.1".into()),
        enrollment_type: EnrollmentType::UserEnrollment,
        ownership: Ownership::Personal,
        compliance: ComplianceState::Compliant,
        last_check_in_at: Some(crate::support::START - 300),
    }
}

#[tokio::test]
async fn my_devices_lists_only_the_signed_in_users_devices() {
    let portal = Portal::start().await;
    let storage = portal.storage.as_ref();
    let alex = storage
        .user_by_email(&EmailAddress::parse(ALEX).unwrap())
        .await
        .unwrap()
        .unwrap();
    let sam = storage
        .user_by_email(&EmailAddress::parse(SAM).unwrap())
        .await
        .unwrap()
        .unwrap();
    let alex_phone = device("dev-alex-1", "Alex's iPhone");
    let sam_ipad = DeviceSummary {
        model: "iPad Air".into(),
        os_version: None,
        enrollment_type: EnrollmentType::DeviceEnrollment,
        ownership: Ownership::Corporate,
        compliance: ComplianceState::InGracePeriod,
        last_check_in_at: None,
        ..device("dev-sam-1", "Sam's iPad")
    };
    store_enrolled_device(storage, alex.id, &alex_phone, START).await;
    store_enrolled_device(storage, sam.id, &sam_ipad, START).await;

    // Compliance is evaluated from the facts a status check reported; these
    // devices never reported any, so it is unknown whatever was stored.
    let alex_phone = DeviceSummary {
        compliance: ComplianceState::Unknown,
        ..alex_phone
    };
    let sam_ipad = DeviceSummary {
        compliance: ComplianceState::Unknown,
        ..sam_ipad
    };
    let alex_cookie = portal.signed_in_cookie(ALEX).await;
    let reply = portal.get_signed_in(routes::DEVICES, &alex_cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json::<DeviceList>(),
        DeviceList {
            devices: vec![alex_phone]
        }
    );

    let sam_cookie = portal.signed_in_cookie(SAM).await;
    let reply = portal.get_signed_in(routes::DEVICES, &sam_cookie).await;
    assert_eq!(
        reply.json::<DeviceList>(),
        DeviceList {
            devices: vec![sam_ipad]
        }
    );

    let anonymous = portal.get(routes::DEVICES).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
