//! Enrolling a device: the API, the single-use profile download, the
//! profile's contents and the signed MDM check-in.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plist::Value;
use portal_api::{
    routes, DeviceKind, DeviceList, Enrollment, EnrollmentProblemCode, EnrollmentProfileType,
    EnrollmentRules, EnrollmentState, EnrollmentType, ErrorCode, OsVersion, Ownership,
    ProfileDownload, StartEnrollment, VersionRange,
};
use tower::ServiceExt;

use crate::device::{self, payload, plist_bytes, put_signed, Device};
use crate::support::{portal_request, Portal, Reply, ALEX, SAM};

pub async fn start(portal: &Portal, cookie: &str, ownership: Ownership) -> Enrollment {
    let body = serde_json::to_vec(&StartEnrollment {
        ownership,
        device: DeviceKind::Iphone,
        os_version: Some(OsVersion::new(17, 4, 0)),
        enrollment_type: portal_api::EnrollmentType::DeviceEnrollment,
    })
    .unwrap();
    let reply = portal
        .send(
            portal_request(Method::POST, routes::ENROLLMENTS)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()
}

async fn issue(portal: &Portal, cookie: &str, id: &str) -> Reply {
    portal
        .send(
            portal_request(Method::POST, &routes::enrollment_profile(id))
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
}

pub async fn link(portal: &Portal, cookie: &str, id: &str) -> ProfileDownload {
    let reply = issue(portal, cookie, id).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

pub async fn enrollment(portal: &Portal, cookie: &str, id: &str) -> Enrollment {
    let reply = portal.get_signed_in(&routes::enrollment(id), cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

/// Alex starts an enrollment and downloads its profile.
pub async fn downloaded(portal: &Portal, ownership: Ownership) -> (String, Enrollment, Device) {
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(portal, &cookie, ownership).await;
    let download = link(portal, &cookie, &started.id.0).await;
    let reply = portal.get_signed_in(&download.url, &cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let device = Device::from_profile(portal, &reply.body).await;
    (cookie, started, device)
}

#[tokio::test]
async fn the_rules_are_the_organizations_and_count_the_users_devices() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let reply = portal
        .get_signed_in(routes::ENROLLMENT_RULES, &cookie)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        reply.json::<EnrollmentRules>(),
        EnrollmentRules {
            ownership_choice: true,
            default_ownership: Ownership::Corporate,
            os_versions: VersionRange::at_least(OsVersion::new(16, 0, 0)),
            allowed_devices: vec![DeviceKind::Iphone, DeviceKind::Ipad],
            device_limit: 5,
            devices_enrolled: 0,
            install_window_seconds: 480,
            enrollment_set_up: true,
            enrollment_profile_type: EnrollmentProfileType::UserChoice,
            managed_apple_account: Some(ALEX.into()),
            legacy_user_enrollment: false,
        }
    );
    assert_eq!(
        portal.get(routes::ENROLLMENT_RULES).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn starting_again_replaces_the_unfinished_enrollment_and_current_finds_the_newest() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    assert_eq!(
        portal
            .get_signed_in(routes::CURRENT_ENROLLMENT, &cookie)
            .await
            .error()
            .code,
        ErrorCode::NotFound
    );
    let first = start(&portal, &cookie, Ownership::Personal).await;
    assert_eq!(first.state, EnrollmentState::Created);
    assert_eq!(first.ownership, Ownership::Personal);
    assert_eq!(first.enrollment_type, EnrollmentType::DeviceEnrollment);
    assert_eq!(first.server_now, crate::support::START);
    let second = start(&portal, &cookie, Ownership::Corporate).await;
    assert_eq!(
        enrollment(&portal, &cookie, &first.id.0).await.state,
        EnrollmentState::Replaced
    );
    let current: Enrollment = portal
        .get_signed_in(routes::CURRENT_ENROLLMENT, &cookie)
        .await
        .json();
    assert_eq!(current.id, second.id);
}

#[tokio::test]
async fn a_profile_link_works_once() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let download = link(&portal, &cookie, &started.id.0).await;
    assert!(download.url.starts_with("/enrollment-profiles/"));
    assert_eq!(download.enrollment.state, EnrollmentState::Created);

    // A top-level navigation: no anti-forgery header, just the cookie.
    let first = portal.get_signed_in(&download.url, &cookie).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    assert_eq!(
        first.header("content-type"),
        "application/x-apple-aspen-config"
    );
    assert_eq!(first.header("cache-control"), "no-store");
    assert_eq!(
        first.header("content-disposition"),
        "attachment; filename=\"Contoso enrollment.mobileconfig\""
    );
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Downloaded);
    assert_eq!(after.downloaded_at, Some(crate::support::START));
    assert_eq!(after.install_deadline_at, Some(crate::support::START + 480));
    assert_eq!(after.seconds_left(), Some(480));

    let second = portal.get_signed_in(&download.url, &cookie).await;
    assert_eq!(second.status, StatusCode::GONE);
    assert!(
        second.text().contains(
            "This profile link was already used. Go back to the portal and tap Download again."
        ),
        "{}",
        second.text()
    );
}

#[tokio::test]
async fn a_replaced_link_is_refused() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let old = link(&portal, &cookie, &started.id.0).await;
    let new = link(&portal, &cookie, &started.id.0).await;
    assert_ne!(old.url, new.url);
    let refused = portal.get_signed_in(&old.url, &cookie).await;
    assert_eq!(refused.status, StatusCode::GONE);
    assert!(
        refused.text().contains("Download again"),
        "{}",
        refused.text()
    );
    assert_eq!(
        portal.get_signed_in(&new.url, &cookie).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn another_users_enrollment_and_link_are_not_found() {
    let portal = Portal::start().await;
    let alex = portal.signed_in_cookie(ALEX).await;
    let sam = portal.signed_in_cookie(SAM).await;
    let started = start(&portal, &alex, Ownership::Corporate).await;
    let download = link(&portal, &alex, &started.id.0).await;

    for path in [
        routes::enrollment(&started.id.0),
        routes::enrollment_events(&started.id.0),
    ] {
        let theirs = portal.get_signed_in(&path, &sam).await;
        let missing = portal
            .get_signed_in(&path.replace(&started.id.0, "AAAAAAAAAAAAAAAAAAAAAA"), &sam)
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(theirs.error(), missing.error(), "{path}");
    }
    assert_eq!(
        issue(&portal, &sam, &started.id.0).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        portal.get_signed_in(&download.url, &sam).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        portal.get(&download.url).await.status,
        StatusCode::NOT_FOUND
    );
    // Their tries did not use it up.
    assert_eq!(
        portal.get_signed_in(&download.url, &alex).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_profile_carries_an_identity_and_the_mdm_payload() {
    let portal = Portal::start().await;
    let (_, started, device) = downloaded(&portal, Ownership::Personal).await;
    let profile = &device.profile;
    assert_eq!(profile["PayloadType"].as_string(), Some("Configuration"));
    assert_eq!(profile["PayloadVersion"].as_signed_integer(), Some(1));
    assert_eq!(
        profile["PayloadDisplayName"].as_string(),
        Some("Contoso device management")
    );
    assert_eq!(profile["PayloadOrganization"].as_string(), Some("Contoso"));
    for key in ["PayloadIdentifier", "PayloadUUID", "PayloadDescription"] {
        assert!(profile[key].as_string().is_some(), "{key}");
    }

    let identity = payload(profile, "com.apple.security.scep");
    for key in ["PayloadUUID", "PayloadIdentifier", "PayloadDisplayName"] {
        assert!(identity[key].as_string().is_some(), "{key}");
    }
    assert_eq!(identity["PayloadVersion"].as_signed_integer(), Some(1));
    let scep = identity["PayloadContent"].as_dictionary().unwrap();
    assert_eq!(
        scep["URL"].as_string(),
        Some("https://portal.contoso.example/mdm/scep")
    );
    assert_eq!(
        scep["Name"].as_string(),
        Some("Company Portal MDM Device CA")
    );
    assert_eq!(scep["Keysize"].as_signed_integer(), Some(2048));
    assert_eq!(scep["Key Type"].as_string(), Some("RSA"));
    assert_eq!(scep["Key Usage"].as_signed_integer(), Some(5));
    let challenge = scep["Challenge"].as_string().unwrap();
    assert!(challenge.len() >= 32, "{challenge}");
    let subject: Vec<Vec<Vec<String>>> = plist::from_value(&scep["Subject"]).unwrap();
    assert_eq!(
        subject,
        [
            [["CN".to_owned(), started.id.0.clone()]],
            [["O".to_owned(), "Contoso".to_owned()]]
        ]
    );
    // Nothing secret but the challenge: no key travels in the profile.
    let text = String::from_utf8_lossy(&plist_bytes(profile.clone())).into_owned();
    assert!(!text.contains("PRIVATE KEY") && !text.contains("pkcs12"));

    let mdm = payload(profile, "com.apple.mdm");
    assert_eq!(
        mdm["ServerURL"].as_string(),
        Some("https://portal.contoso.example/mdm/connect")
    );
    assert_eq!(
        mdm["CheckInURL"].as_string(),
        Some("https://portal.contoso.example/mdm/checkin")
    );
    assert!(mdm["Topic"]
        .as_string()
        .unwrap()
        .starts_with("com.apple.mgmt.External."));
    assert_eq!(
        mdm["IdentityCertificateUUID"].as_string(),
        identity["PayloadUUID"].as_string()
    );
    // Personal: everything except erase (8).
    assert_eq!(mdm["AccessRights"].as_signed_integer(), Some(8191 - 8));
    assert_eq!(mdm["SignMessage"].as_boolean(), Some(true));
    assert_eq!(mdm["CheckOutWhenRemoved"].as_boolean(), Some(true));
    assert_eq!(mdm["PayloadVersion"].as_signed_integer(), Some(1));
    assert_eq!(mdm["PayloadOrganization"].as_string(), Some("Contoso"));
    for key in ["PayloadUUID", "PayloadIdentifier"] {
        assert!(mdm[key].as_string().is_some(), "{key}");
    }
    // The identity's certificate (from SCEP) names the enrollment.
    let subject = device
        .identity
        .certificate
        .tbs_certificate
        .subject
        .to_string();
    assert!(
        subject.contains(&format!("CN={}", started.id.0)),
        "{subject}"
    );

    let (_, _, corporate) = downloaded(&portal, Ownership::Corporate).await;
    assert_eq!(
        payload(&corporate.profile, "com.apple.mdm")["AccessRights"].as_signed_integer(),
        Some(8191)
    );
}

#[tokio::test]
async fn the_install_window_expires_and_a_late_check_in_is_refused() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    portal.clock.advance(Duration::from_secs(481));
    let expired = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(expired.state, EnrollmentState::Expired);
    assert_eq!(expired.seconds_left(), Some(0));

    let late = device.authenticate(&portal, "17.4").await;
    assert_eq!(late.status, StatusCode::FORBIDDEN);
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Expired);
    let problem = after.problem.expect("a problem");
    assert_eq!(problem.code, EnrollmentProblemCode::ProfileExpired);
    assert!(
        problem.message.contains("installed in time"),
        "{}",
        problem.message
    );
    assert_eq!(
        problem.details.and_then(|d| d.install_window_seconds),
        Some(480)
    );

    // Enroll again: a new link, back to Created.
    let again = link(&portal, &cookie, &started.id.0).await;
    assert_eq!(again.enrollment.state, EnrollmentState::Created);
    assert_eq!(again.enrollment.problem, None);
}

#[tokio::test]
async fn a_device_with_a_replaced_profile_is_refused_and_the_enrollment_goes_on() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    link(&portal, &cookie, &started.id.0).await;
    let refused = device.authenticate(&portal, "17.4").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Downloaded);
    assert_eq!(
        after.problem.map(|p| p.code),
        Some(EnrollmentProblemCode::ProfileReplaced)
    );
}

#[tokio::test]
async fn unsigned_or_badly_signed_messages_are_refused_and_change_nothing() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    let body = plist_bytes(device::authenticate_message("17.4"));

    let missing = put_signed(&portal, routes::MDM_CHECKIN, body.clone(), None).await;
    let garbage = put_signed(
        &portal,
        routes::MDM_CHECKIN,
        body.clone(),
        Some("bm90IGEgc2lnbmF0dXJl".into()),
    )
    .await;
    let other_body = device.sign(b"<plist>something else</plist>");
    let wrong_body = put_signed(&portal, routes::MDM_CHECKIN, body.clone(), Some(other_body)).await;

    // A well-formed signature by a certificate the portal's CA did not issue.
    let key = device::device_key();
    let name = device_sim::scep::subject_name(&[("CN".to_owned(), "stranger".to_owned())]).unwrap();
    let stranger = device_sim::Identity::new(
        key.clone(),
        device_sim::scep::self_signed_certificate(&key, &name).unwrap(),
        vec![],
    )
    .unwrap();
    let foreign = device_sim::signing::mdm_signature(&stranger, &body).unwrap();
    let foreign = put_signed(&portal, routes::MDM_CHECKIN, body.clone(), Some(foreign)).await;
    let idle = put_signed(&portal, routes::MDM_CONNECT, body.clone(), None).await;

    for reply in [missing, garbage, wrong_body, foreign, idle] {
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text());
    }
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Downloaded);
    assert_eq!(after.problem, None);

    // The same body, properly signed, goes through.
    let signed = put_signed(
        &portal,
        routes::MDM_CHECKIN,
        body.clone(),
        Some(device.sign(&body)),
    )
    .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text());
}

#[tokio::test]
async fn an_ios_older_than_the_minimum_is_rejected_with_the_reason() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    let refused = device.authenticate(&portal, "15.8.1").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Rejected);
    let problem = after.problem.expect("a problem");
    assert_eq!(problem.code, EnrollmentProblemCode::OsTooOld);
    assert!(
        problem.message.contains("iOS 16.0 or later"),
        "{}",
        problem.message
    );
    // Every language gets the versions: the one it runs, the lowest allowed.
    let details = problem.details.expect("the problem's details");
    assert_eq!(details.os_version, Some("15.8.1".parse().unwrap()));
    assert_eq!(details.minimum_os_version, Some("16.0".parse().unwrap()));
    assert_eq!(details.maximum_os_version, None);
    // A rejected enrollment can't enroll.
    assert_eq!(
        device.token_update(&portal).await.status,
        StatusCode::FORBIDDEN
    );
    // Nor download another profile: it is over, start again.
    let again = issue(&portal, &cookie, &started.id.0).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.error().code, ErrorCode::EnrollmentAlreadyFinished);
}

#[tokio::test]
async fn token_update_enrolls_the_device_once_with_the_facts_it_sent() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Personal).await;

    let accepted = device.authenticate(&portal, "17.4.1").await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    let parsed: Value = plist::from_bytes(&accepted.body).unwrap();
    assert_eq!(parsed.as_dictionary().map(|d| d.len()), Some(0));
    assert_eq!(
        enrollment(&portal, &cookie, &started.id.0).await.state,
        EnrollmentState::Authenticated
    );

    portal.clock.advance(Duration::from_secs(30));
    let updated = device.token_update(&portal).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text());
    let enrolled = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(enrolled.state, EnrollmentState::Enrolled);
    let device_id = enrolled.device_id.clone().expect("the new device");

    let devices: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(devices.devices.len(), 1);
    let summary = &devices.devices[0];
    assert_eq!(summary.id, device_id);
    // iOS does not say its name at check-in: the product family until the
    // DeviceInformation answer.
    assert_eq!(summary.display_name, "iPhone");
    // ProductName "iPhone16,1": its marketing name, and the code.
    assert_eq!(summary.model, "iPhone 15 Pro");
    assert_eq!(summary.product_code.as_deref(), Some("iPhone16,1"));
    assert_eq!(summary.os_version.as_deref(), Some("17.4.1"));
    assert_eq!(summary.ownership, Ownership::Personal);
    assert_eq!(summary.enrollment_type, EnrollmentType::DeviceEnrollment);
    assert_eq!(summary.compliance, portal_api::ComplianceState::Unknown);
    assert_eq!(summary.last_check_in_at, Some(crate::support::START + 30));

    // Again (a token refresh): still one device.
    assert_eq!(device.token_update(&portal).await.status, StatusCode::OK);
    let devices: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(devices.devices.len(), 1);
    let rules: EnrollmentRules = portal
        .get_signed_in(routes::ENROLLMENT_RULES, &cookie)
        .await
        .json();
    assert_eq!(rules.devices_enrolled, 1);

    // The command channel: Idle counts as a check-in. The first one gets
    // the DeviceInformation, then the organization's web clip (each once,
    // despite the second TokenUpdate); once those are answered, Idle gets
    // an empty 200.
    portal.clock.advance(Duration::from_secs(60));
    let mut idle = plist::Dictionary::new();
    idle.insert("Status".into(), "Idle".into());
    idle.insert("UDID".into(), device::UDID.into());
    let reply = device.put(&portal, routes::MDM_CONNECT, idle.clone()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let information: plist::Dictionary = plist::from_bytes(&reply.body).unwrap();
    let queries: Vec<&str> = information["Command"].as_dictionary().unwrap()["Queries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_string)
        .collect();
    let mut answer = device::query_responses(&queries, "17.4.1", device::DEVICE_NAME);
    answer.insert("Status".into(), "Acknowledged".into());
    answer.insert("CommandUUID".into(), information["CommandUUID"].clone());
    answer.insert("UDID".into(), device::UDID.into());
    let reply = device.put(&portal, routes::MDM_CONNECT, answer).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let devices: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(devices.devices[0].display_name, device::DEVICE_NAME);
    let web_clip: plist::Dictionary = plist::from_bytes(&reply.body).unwrap();
    assert_eq!(
        web_clip["Command"].as_dictionary().unwrap()["RequestType"].as_string(),
        Some("InstallProfile")
    );
    let mut acknowledged = plist::Dictionary::new();
    acknowledged.insert("Status".into(), "Acknowledged".into());
    acknowledged.insert("CommandUUID".into(), web_clip["CommandUUID"].clone());
    acknowledged.insert("UDID".into(), device::UDID.into());
    let reply = device.put(&portal, routes::MDM_CONNECT, acknowledged).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.body.is_empty());
    let reply = device.put(&portal, routes::MDM_CONNECT, idle).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(reply.body.is_empty());
    let devices: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(
        devices.devices[0].last_check_in_at,
        Some(crate::support::START + 90)
    );

    // CheckOut: the profile was removed.
    let mut check_out = plist::Dictionary::new();
    check_out.insert("MessageType".into(), "CheckOut".into());
    check_out.insert("UDID".into(), device::UDID.into());
    check_out.insert("Topic".into(), device.topic().into());
    let reply = device.put(&portal, routes::MDM_CHECKIN, check_out).await;
    assert_eq!(reply.status, StatusCode::OK);
    let devices: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert!(devices.devices.is_empty());
    // Its identity was revoked: one TokenUpdate can't bring it back.
    assert_eq!(
        device.token_update(&portal).await.status,
        StatusCode::UNAUTHORIZED
    );
    let devices: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert!(devices.devices.is_empty());
}

#[tokio::test]
async fn starting_at_the_device_limit_is_refused() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let organization =
        portal_server::storage::OrganizationStore::organization(portal.storage.as_ref())
            .await
            .unwrap()
            .unwrap();
    let mut settings = portal_server::demo::demo_enrollment_settings(Duration::from_secs(480));
    settings.device_limit = 0;
    portal_server::storage::OrganizationStore::save_enrollment_settings(
        portal.storage.as_ref(),
        organization.id,
        &settings,
        crate::support::START,
    )
    .await
    .unwrap();
    let body = serde_json::to_vec(&StartEnrollment {
        ownership: Ownership::Personal,
        device: DeviceKind::Iphone,
        os_version: None,
        enrollment_type: portal_api::EnrollmentType::DeviceEnrollment,
    })
    .unwrap();
    let reply = portal
        .send(
            portal_request(Method::POST, routes::ENROLLMENTS)
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CONFLICT);
    let error = reply.error();
    assert_eq!(error.code, ErrorCode::DeviceLimitReached);
    assert_eq!(error.details.device_limit, Some(0));
    assert_eq!(error.details.organization.as_deref(), Some("Contoso"));
    assert!(
        error.message.contains("the most Contoso allows"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn the_event_stream_starts_with_the_current_enrollment() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started = start(&portal, &cookie, Ownership::Corporate).await;
    let response = portal
        .app
        .clone()
        .oneshot(
            Request::get(routes::enrollment_events(&started.id.0))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut body = response.into_body();
    let first = next_event(&mut body).await;
    assert_eq!(first.id, started.id);
    assert_eq!(first.state, EnrollmentState::Created);

    // A change arrives as the next event.
    let download = link(&portal, &cookie, &started.id.0).await;
    portal.get_signed_in(&download.url, &cookie).await;
    let next = next_event(&mut body).await;
    assert_eq!(next.state, EnrollmentState::Downloaded);
}

async fn next_event(body: &mut Body) -> Enrollment {
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), body.frame())
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
