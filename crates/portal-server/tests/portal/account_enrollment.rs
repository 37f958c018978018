//! Account-driven enrollment: discovery per enrollment profile, the
//! `apple-as-web` challenge, the web sign-in's consent and its `308`, the
//! access token (expiry, another person's), and the profile's keys.

use std::str::FromStr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use device_sim::mdm_schema::{Context, Enrollment};
use device_sim::Identity;
use plist::{Dictionary, Value};
use portal_api::{
    routes, AccountEnrollmentConsent, AccountEnrollmentConsented, AccountEnrollmentSession,
    EnrollmentType, ErrorCode, RemoteManagementServers,
};
use portal_server::account_enrollment::ACCESS_TOKEN_LIFETIME_SECONDS;
use portal_server::demo::{DEMO_BYOD_PROFILE, DEMO_EVERYONE_PROFILE};
use portal_server::enrollment::type_profiles;

use crate::support::{portal_request, profile_plist, Portal, Reply, ALEX, PUBLIC_URL, SAM};

pub const SIGN_IN_CHALLENGE: &str =
    "Bearer method=\"apple-as-web\", url=\"https://portal.contoso.example/account-enrollment/sign-in\"";

/// The device's built-in identity (a stand-in: Apple's is not ours to make).
pub fn built_in_identity() -> Identity {
    let key = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).unwrap();
    let name = x509_cert::name::Name::from_str("CN=Simulated iPhone built-in identity").unwrap();
    let certificate = device_sim::scep::self_signed_certificate(&key, &name).unwrap();
    Identity::new(key, certificate, Vec::new()).unwrap()
}

/// A user-enrolling iPhone's MachineInfo (iOS 17.4.1), signed.
pub fn machine_info(identity: &Identity) -> Vec<u8> {
    machine_info_of(identity, "17.4.1")
}

pub fn machine_info_of(identity: &Identity, os_version: &str) -> Vec<u8> {
    let mut info = Dictionary::new();
    info.insert("LANGUAGE".into(), "en-US".into());
    info.insert("PRODUCT".into(), "iPhone16,1".into());
    info.insert("VERSION".into(), "21E236".into());
    info.insert("OS_VERSION".into(), os_version.into());
    let context = Context::ios(os_version).with_enrollment(Enrollment::User);
    device_sim::mdm_schema::check_machine_info(&context, &info)
        .expect("a user enrollment's MachineInfo");
    let mut xml = Vec::new();
    plist::to_writer_xml(&mut xml, &Value::Dictionary(info)).unwrap();
    device_sim::signing::sign_attached_der(identity, &xml).unwrap()
}

pub async fn discover(portal: &Portal, account: &str) -> Reply {
    portal
        .get(&format!(
            "{}?user-identifier={account}&model-family=iPhone",
            routes::WELL_KNOWN_REMOTE_MANAGEMENT
        ))
        .await
}

pub async fn post_machine_info(portal: &Portal, body: Vec<u8>, token: Option<&str>) -> Reply {
    let mut request = Request::post(routes::MDM_ACCOUNT_ENROLLMENT)
        .header(header::CONTENT_TYPE, "application/pkcs7-signature");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    portal.send(request.body(Body::from(body)).unwrap()).await
}

pub async fn consent(portal: &Portal, cookie: &str, account: Option<&str>) -> Reply {
    let body = serde_json::to_vec(&AccountEnrollmentConsent {
        user_identifier: account.map(str::to_owned),
    })
    .unwrap();
    portal
        .send(
            portal_request(Method::POST, routes::ACCOUNT_ENROLLMENT_CONSENT)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
}

/// Signs `email` in on the web sign-in page, consents and follows the
/// finish route's `308`; returns the access token.
pub async fn sign_in_and_consent(portal: &Portal, email: &str) -> String {
    let cookie = portal.signed_in_cookie(email).await;
    let reply = consent(portal, &cookie, Some(email)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let consented: AccountEnrollmentConsented = reply.json();
    let finish = portal.get_signed_in(&consented.finish_url, &cookie).await;
    assert_eq!(finish.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(finish.header("location"), consented.location);
    consented
        .location
        .strip_prefix("apple-remotemanagement-user-login://authentication-results?access-token=")
        .expect("the device's result URL")
        .to_owned()
}

fn mdm_payload(profile: &[u8], os_version: &str) -> Dictionary {
    let plist = profile_plist(profile);
    let profile: Dictionary = plist::from_bytes(&plist).unwrap();
    let context = Context::ios(os_version).with_enrollment(Enrollment::User);
    device_sim::mdm_schema::check_configuration_profile(&context, &profile)
        .expect("a profile for user enrollment");
    profile["PayloadContent"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_dictionary)
        .find(|payload| payload["PayloadType"].as_string() == Some("com.apple.mdm"))
        .unwrap()
        .clone()
}

#[tokio::test]
async fn discovery_answers_per_enrollment_profile() {
    let portal = Portal::start().await;
    for account in [SAM, ALEX] {
        let reply = discover(&portal, account).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        let servers: RemoteManagementServers = reply.json();
        assert_eq!(servers.servers.len(), 1);
        assert_eq!(servers.servers[0].version, "mdm-byod");
        assert_eq!(
            servers.servers[0].base_url,
            format!("{PUBLIC_URL}{}", routes::MDM_ACCOUNT_ENROLLMENT)
        );
    }
    // A profile of web device enrollment: account-driven device enrollment.
    let storage = portal.storage.as_ref();
    type_profiles::add_profile(
        storage,
        portal.clock.as_ref(),
        "Corporate",
        portal_api::EnrollmentProfileType::WebDeviceEnrollment,
        2,
    )
    .await
    .unwrap();
    type_profiles::assign_profile(
        storage,
        portal.clock.as_ref(),
        "Corporate",
        &type_profiles::Assignment::AllUsers,
        true,
    )
    .await
    .unwrap();
    let servers: RemoteManagementServers = discover(&portal, ALEX).await.json();
    assert_eq!(servers.servers[0].version, "mdm-adde");

    // Without a profile Alex is refused, exactly as a stranger is.
    for name in ["Corporate", DEMO_EVERYONE_PROFILE] {
        type_profiles::remove_profile(storage, name).await.unwrap();
    }
    let refused = discover(&portal, ALEX).await;
    let stranger = discover(&portal, "nobody@contoso.example").await;
    for reply in [&refused, &stranger] {
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        let document: Dictionary = serde_json::from_slice(&reply.body).unwrap();
        device_sim::mdm_schema::check_error_document(&Context::ios("17.5"), &document)
            .expect("Apple's well-known.failed document");
        assert_eq!(
            document["code"].as_string(),
            Some("com.apple.well-known.failed")
        );
    }
    assert_eq!(refused.body, stranger.body);
    assert_eq!(
        discover(&portal, SAM).await.status,
        StatusCode::OK,
        "{DEMO_BYOD_PROFILE} still applies to Sam"
    );
}

#[tokio::test]
async fn without_a_token_the_device_is_challenged() {
    let portal = Portal::start().await;
    let identity = built_in_identity();
    let reply = post_machine_info(&portal, machine_info(&identity), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("www-authenticate"), SIGN_IN_CHALLENGE);
    let made_up = "A".repeat(43);
    let reply = post_machine_info(&portal, machine_info(&identity), Some(&made_up)).await;
    assert_eq!(reply.header("www-authenticate"), SIGN_IN_CHALLENGE);
    // Not a signed MachineInfo at all.
    let reply = post_machine_info(&portal, b"<plist/>".to_vec(), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = post_machine_info(&portal, vec![0; 64 * 1024], None).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_sign_in_page_learns_who_and_what() {
    let portal = Portal::start().await;
    let cookie = portal.signed_in_cookie(SAM).await;
    let reply = portal
        .get_signed_in(
            &format!(
                "{}?user-identifier={SAM}",
                routes::ACCOUNT_ENROLLMENT_SESSION
            ),
            &cookie,
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let session: AccountEnrollmentSession = reply.json();
    assert_eq!(session.organization_name, "Contoso");
    assert_eq!(session.managed_apple_account, SAM);
    assert!(session.account_matches);
    assert_eq!(
        session.enrollment_type,
        Some(EnrollmentType::UserEnrollment)
    );
    // Signed in as Sam, but Settings was given Alex's account.
    let wrong = consent(&portal, &cookie, Some(ALEX)).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert_eq!(wrong.error().code, ErrorCode::WrongAccount);
    assert_eq!(wrong.error().details.signed_in_as.as_deref(), Some(SAM));
    // Not signed in: the page signs the person in first.
    assert_eq!(
        portal.get(routes::ACCOUNT_ENROLLMENT_SESSION).await.status,
        StatusCode::UNAUTHORIZED
    );
    // The page is the SPA's.
    let page = portal
        .get(&format!(
            "{}?user-identifier={SAM}",
            routes::ACCOUNT_ENROLLMENT_SIGN_IN
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<!DOCTYPE html>"));
}

#[tokio::test]
async fn a_person_without_account_driven_enrollment_cannot_consent() {
    let portal = Portal::start().await;
    type_profiles::remove_profile(portal.storage.as_ref(), DEMO_EVERYONE_PROFILE)
        .await
        .unwrap();
    let cookie = portal.signed_in_cookie(ALEX).await;
    let reply = consent(&portal, &cookie, Some(ALEX)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error().code, ErrorCode::EnrollmentTypeNotAllowed);
    assert_eq!(
        reply.error().details.organization.as_deref(),
        Some("Contoso")
    );
}

#[tokio::test]
async fn the_token_gets_the_user_enrollment_profile() {
    let portal = Portal::start().await;
    let token = sign_in_and_consent(&portal, SAM).await;
    assert!(token.len() >= 22, "at least 128 bits");
    let identity = built_in_identity();
    let reply = post_machine_info(&portal, machine_info(&identity), Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        "application/x-apple-aspen-config"
    );
    let mdm = mdm_payload(&reply.body, "17.4.1");
    assert_eq!(mdm["EnrollmentMode"].as_string(), Some("BYOD"));
    assert_eq!(mdm["AssignedManagedAppleID"].as_string(), Some(SAM));
    assert!(!mdm.contains_key("AccessRights"));
    // iOS 18 removed ManagedAppleID: a device on it gets none.
    let token = sign_in_and_consent(&portal, SAM).await;
    let reply = post_machine_info(&portal, machine_info_of(&identity, "18.1"), Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let mdm = mdm_payload(&reply.body, "18.1");
    assert!(!mdm.contains_key("ManagedAppleID"));
    assert_eq!(mdm["AssignedManagedAppleID"].as_string(), Some(SAM));
    // The finish route is the owner's only.
    let alex = portal.signed_in_cookie(ALEX).await;
    let finish = format!("{}?access-token={token}", routes::ACCOUNT_ENROLLMENT_FINISH);
    assert_eq!(
        portal.get_signed_in(&finish, &alex).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(portal.get(&finish).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_expired_token_is_challenged_again() {
    let portal = Portal::start().await;
    let token = sign_in_and_consent(&portal, SAM).await;
    portal.clock.advance(Duration::from_secs(
        u64::try_from(ACCESS_TOKEN_LIFETIME_SECONDS).unwrap(),
    ));
    let reply = post_machine_info(&portal, machine_info(&built_in_identity()), Some(&token)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("www-authenticate"), SIGN_IN_CHALLENGE);
}

#[tokio::test]
async fn a_device_enrollment_token_wants_a_device_that_says_who_it_is() {
    let portal = Portal::start().await;
    let storage = portal.storage.as_ref();
    type_profiles::set_priority(storage, portal.clock.as_ref(), DEMO_EVERYONE_PROFILE, 10)
        .await
        .unwrap();
    type_profiles::add_profile(
        storage,
        portal.clock.as_ref(),
        "Corporate",
        portal_api::EnrollmentProfileType::WebDeviceEnrollment,
        2,
    )
    .await
    .unwrap();
    type_profiles::assign_profile(
        storage,
        portal.clock.as_ref(),
        "Corporate",
        &type_profiles::Assignment::AllUsers,
        true,
    )
    .await
    .unwrap();
    let token = sign_in_and_consent(&portal, ALEX).await;
    // A user enrollment's MachineInfo (no UDID, no serial) won't do.
    let reply = post_machine_info(&portal, machine_info(&built_in_identity()), Some(&token)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}
