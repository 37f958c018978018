//! Legacy user enrollment (Apple's profile-based user enrollment, iOS 13.1
//! to 17): off until the organization turns it on; then the web journey may
//! start one for a person who chooses "only work apps and data" on a device
//! that can use it, whose profile names their Managed Apple Account
//! (`ManagedAppleID`) and asks for no rights; a device-sim iPhone installs
//! it and checks in by its `EnrollmentID`.

use axum::body::Body;
use axum::http::{header, Method, StatusCode};
use device_sim::mdm_schema::{self, Context, Enrollment as SchemaEnrollment};
use plist::{Dictionary, Value};
use portal_api::{
    routes, DeviceDetails, DeviceKind, DeviceList, EmailAddress, Enrollment, EnrollmentRules,
    EnrollmentState, EnrollmentType, ErrorCode, OsVersion, Ownership, StartEnrollment,
};
use portal_server::organization::{self, OrganizationChanges, OrganizationView};
use portal_server::users;

use crate::device::payload;
use crate::enrollment::link;
use crate::support::{portal_request, profile_plist, Portal, Reply, ALEX, SAM};

const HOST: &str = "portal.contoso.example";
/// Alex's Managed Apple Account, set apart from the work email so the
/// profile is seen to carry the account, not the email.
const ALEX_APPLE_ACCOUNT: &str = "alex.wilber@appleid.contoso.example";

async fn set_legacy_user_enrollment(portal: &Portal, enabled: bool) -> OrganizationView {
    let changes = OrganizationChanges {
        legacy_user_enrollment: Some(enabled),
        ..Default::default()
    };
    organization::change_organization(portal.storage.as_ref(), portal.clock.as_ref(), &changes)
        .await
        .unwrap()
}

async fn rules(portal: &Portal, cookie: &str) -> EnrollmentRules {
    portal
        .get_signed_in(routes::ENROLLMENT_RULES, cookie)
        .await
        .json()
}

/// "Only work apps and data" from the web journey, on an iPhone whose
/// browser says `os_version`.
async fn start_user_enrollment(
    portal: &Portal,
    cookie: &str,
    os_version: Option<OsVersion>,
) -> Reply {
    let body = serde_json::to_vec(&StartEnrollment {
        // Whatever the request says, user enrollment is a personal device's.
        ownership: Ownership::Corporate,
        device: DeviceKind::Iphone,
        os_version,
        enrollment_type: EnrollmentType::UserEnrollment,
    })
    .unwrap();
    portal
        .send(
            portal_request(Method::POST, routes::ENROLLMENTS)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
}

fn ios(major: u32, minor: u32) -> Option<OsVersion> {
    Some(OsVersion::new(major, minor, 0))
}

#[tokio::test]
async fn legacy_user_enrollment_is_an_organization_setting_off_by_default() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let shown = organization::current_organization(portal.storage.as_ref())
        .await
        .unwrap();
    assert!(!shown.legacy_user_enrollment);
    assert!(!rules(&portal, &cookie).await.legacy_user_enrollment);
    let refused = start_user_enrollment(&portal, &cookie, ios(16, 5)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.error().code, ErrorCode::EnrollmentTypeNotAllowed);

    let saved = set_legacy_user_enrollment(&portal, true).await;
    assert!(saved.legacy_user_enrollment);
    assert!(
        saved.organization.managed_web_clip,
        "other settings stay as they were"
    );
    let shown = organization::current_organization(portal.storage.as_ref())
        .await
        .unwrap();
    assert!(shown.legacy_user_enrollment);
    let json = serde_json::to_value(&shown).unwrap();
    assert_eq!(json["legacy_user_enrollment"], serde_json::json!(true));
    assert!(rules(&portal, &cookie).await.legacy_user_enrollment);

    assert!(
        !set_legacy_user_enrollment(&portal, false)
            .await
            .legacy_user_enrollment
    );
    assert!(!rules(&portal, &cookie).await.legacy_user_enrollment);
}

#[tokio::test]
async fn only_a_person_who_may_choose_on_ios_13_1_to_17_starts_one() {
    let portal = Portal::start().await;
    set_legacy_user_enrollment(&portal, true).await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let reply = start_user_enrollment(&portal, &cookie, ios(16, 5)).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let started: Enrollment = reply.json();
    assert_eq!(started.enrollment_type, EnrollmentType::UserEnrollment);
    assert_eq!(started.ownership, Ownership::Personal);
    assert_eq!(started.state, EnrollmentState::Created);
    assert!(!started.account_driven);
    for first in [ios(13, 1), ios(17, 7)] {
        let reply = start_user_enrollment(&portal, &cookie, first).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    }

    // Apple removed it in iOS 18; it came with 13.1; unknown won't do:
    // not this way, Settings is the way (the SPA says so by the code).
    for version in [ios(18, 0), ios(13, 0), None] {
        let reply = start_user_enrollment(&portal, &cookie, version.clone()).await;
        assert_eq!(
            reply.status,
            StatusCode::FORBIDDEN,
            "{version:?}: {}",
            reply.text()
        );
        assert_eq!(reply.error().code, ErrorCode::EnrollmentTypeNotAllowed);
    }
    // Sam's profile is account-driven user enrollment: no choice, no
    // download.
    let sam = portal.signed_in_cookie(SAM).await;
    let reply = start_user_enrollment(&portal, &sam, ios(16, 5)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error().code, ErrorCode::EnrollmentTypeNotAllowed);
}

/// The MDM payload of a downloaded profile, after checking the whole
/// profile against Apple's schema for user enrollment on `os_version`.
fn mdm_payload(profile: &[u8], os_version: &str) -> Dictionary {
    let plist: Dictionary = plist::from_bytes(&profile_plist(profile)).unwrap();
    let context = Context::ios(os_version).with_enrollment(SchemaEnrollment::User);
    mdm_schema::check_configuration_profile(&context, &plist)
        .expect("a profile for user enrollment");
    payload(&plist, "com.apple.mdm").clone()
}

#[tokio::test]
async fn the_profile_names_the_managed_apple_account_and_asks_for_no_rights() {
    let portal = Portal::start().await;
    set_legacy_user_enrollment(&portal, true).await;
    users::set_managed_apple_account(
        portal.storage.as_ref(),
        &EmailAddress::parse(ALEX).unwrap(),
        Some(ALEX_APPLE_ACCOUNT),
    )
    .await
    .unwrap();
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started: Enrollment = start_user_enrollment(&portal, &cookie, ios(16, 5))
        .await
        .json();
    let download = link(&portal, &cookie, &started.id.0).await;
    let reply = portal.download(&download.url, &cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        "application/x-apple-aspen-config"
    );
    let mdm = mdm_payload(&reply.body, "16.5");
    assert_eq!(
        mdm.get("ManagedAppleID").and_then(Value::as_string),
        Some(ALEX_APPLE_ACCOUNT)
    );
    for key in ["AccessRights", "EnrollmentMode", "AssignedManagedAppleID"] {
        assert!(!mdm.contains_key(key), "{key} in a legacy user enrollment");
    }
    // iOS 18 removed the key: it would refuse this profile.
    let plist: Dictionary = plist::from_bytes(&profile_plist(&reply.body)).unwrap();
    let on_18 = Context::ios("18.1").with_enrollment(SchemaEnrollment::User);
    assert!(mdm_schema::check_configuration_profile(&on_18, &plist).is_err());
    // device-sim installs it as a user enrollment.
    let profile = device_sim::Profile::parse_for(&reply.body, "16.5").unwrap();
    assert!(profile.is_user_enrollment());
    assert!(device_sim::Profile::parse_for(&reply.body, "18.1").is_err());

    // Turned off meanwhile: no new download for it.
    set_legacy_user_enrollment(&portal, false).await;
    let reply = portal
        .send(
            portal_request(Method::POST, &routes::enrollment_profile(&started.id.0))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error().code, ErrorCode::EnrollmentTypeNotAllowed);
}

/// A device-sim iPhone on iOS 16.5 installs the downloaded profile over
/// HTTPS: SCEP, `Authenticate` and `TokenUpdate` keyed by a fresh
/// `EnrollmentID` (no UDID, no serial number, no access token), then the
/// portal's first commands, all checked against Apple's schema for user
/// enrollment.
#[tokio::test]
async fn device_sim_user_enrolled_by_a_legacy_profile_checks_in() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let portal = Portal::start_with(None, Some(listener)).await;
    set_legacy_user_enrollment(&portal, true).await;
    let cookie = portal.signed_in_cookie(ALEX).await;
    let started: Enrollment = start_user_enrollment(&portal, &cookie, ios(16, 5))
        .await
        .json();
    let download = link(&portal, &cookie, &started.id.0).await;
    let reply = portal.download(&download.url, &cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());

    let mut facts = device_sim::DeviceFacts::iphone();
    facts.os_version = "16.5".into();
    facts.build_version = "20F66".into();
    let profile = device_sim::Profile::parse_for(&reply.body, &facts.os_version).unwrap();
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .danger_accept_invalid_certs(true)
        .resolve(HOST, address)
        .build()
        .unwrap();
    let mut device = device_sim::Device::new(facts, profile).with_http_client(client);
    assert!(device.enrollment_id().is_some());
    assert!(device.access_token().is_none());
    device.enroll().await.unwrap();

    let enrolled = crate::enrollment::enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(enrolled.state, EnrollmentState::Enrolled);
    crate::support::first_poll_sets_up(&mut device).await;

    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(list.devices.len(), 1);
    let summary = &list.devices[0];
    assert_eq!(summary.enrollment_type, EnrollmentType::UserEnrollment);
    assert_eq!(summary.ownership, Ownership::Personal);
    assert_eq!(summary.os_version.as_deref(), Some("16.5"));
    let details: DeviceDetails = portal
        .get_signed_in(&routes::device(&summary.id.0), &cookie)
        .await
        .json();
    assert_eq!(details.serial_number, None);
}
