//! A user-enrolled (account-driven) iPhone: check-in keyed by its
//! `EnrollmentID`, every MDM request carrying its access token, only the
//! commands Apple allows under user enrollment.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use device_sim::mdm_schema::{self, Context, Enrollment};
use plist::{Dictionary, Value};
use portal_api::{routes, DeviceDetails, DeviceId, EnrollmentType};
use portal_server::account_enrollment::ACCESS_TOKEN_LIFETIME_SECONDS;
use portal_server::storage::DeviceStore;

use crate::account_enrollment::{
    built_in_identity, machine_info, post_machine_info, sign_in_and_consent, SIGN_IN_CHALLENGE,
};
use crate::device::{self, plist_bytes, Device};
use crate::self_service::Sent;
use crate::support::{portal_request, Portal, Reply, ALEX, SAM};

pub const ENROLLMENT_ID: &str = "8B2F6D3A-4C1E-4A7B-9E2D-5F6A7B8C9D0E";

fn user_context() -> Context {
    Context::ios("17.4.1").with_enrollment(Enrollment::User)
}

/// `PUT` of a signed plist with the access token.
async fn put(
    portal: &Portal,
    device: &Device,
    path: &str,
    message: Dictionary,
    token: Option<&str>,
) -> Reply {
    let body = plist_bytes(message);
    let mut request = Request::builder()
        .method(Method::PUT)
        .uri(path)
        .header("mdm-signature", device.sign(&body));
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    portal.send(request.body(Body::from(body)).unwrap()).await
}

fn authenticate_message() -> Dictionary {
    let mut message = Dictionary::new();
    message.insert("MessageType".into(), "Authenticate".into());
    message.insert("Topic".into(), "com.apple.mgmt.External.test".into());
    message.insert("EnrollmentID".into(), ENROLLMENT_ID.into());
    message.insert("OSVersion".into(), "17.4.1".into());
    message.insert("BuildVersion".into(), "21E236".into());
    message.insert("ProductName".into(), "iPhone16,1".into());
    mdm_schema::check_checkin(&user_context(), "Authenticate", &message).unwrap();
    message
}

fn token_update_message(device: &Device) -> Dictionary {
    let mut message = Dictionary::new();
    message.insert("MessageType".into(), "TokenUpdate".into());
    message.insert("Topic".into(), device.topic().into());
    message.insert("EnrollmentID".into(), ENROLLMENT_ID.into());
    message.insert("Token".into(), Value::Data(vec![0xCD; 32]));
    message.insert(
        "PushMagic".into(),
        "2A4B6C8D-0000-4000-8000-123456789ABC".into(),
    );
    mdm_schema::check_checkin(&user_context(), "TokenUpdate", &message).unwrap();
    message
}

/// A command as a user-enrolled iPhone receives it, checked against the
/// schema for user enrollment.
fn sent(reply: &Reply) -> Option<Sent> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    if reply.body.is_empty() {
        return None;
    }
    let envelope: Dictionary = plist::from_bytes(&reply.body).unwrap();
    mdm_schema::check_command(&user_context(), &envelope)
        .expect("a command Apple allows under user enrollment");
    let body = envelope["Command"].as_dictionary().unwrap().clone();
    Some(Sent {
        uuid: envelope["CommandUUID"].as_string().unwrap().to_owned(),
        request_type: body["RequestType"].as_string().unwrap().to_owned(),
        body,
    })
}

async fn connect(
    portal: &Portal,
    device: &Device,
    token: &str,
    status: &str,
    uuid: Option<&str>,
    extra: Dictionary,
) -> Reply {
    let mut message = Dictionary::new();
    message.insert("Status".into(), status.into());
    message.insert("EnrollmentID".into(), ENROLLMENT_ID.into());
    if let Some(uuid) = uuid {
        message.insert("CommandUUID".into(), uuid.into());
    }
    for (key, value) in extra {
        message.insert(key, value);
    }
    put(portal, device, routes::MDM_CONNECT, message, Some(token)).await
}

/// Sam enrolls an iPhone by account-driven user enrollment, up to its
/// TokenUpdate. Returns the device, its token and Sam's session cookie.
async fn user_enrolled(portal: &Portal) -> (Device, String, String) {
    let token = sign_in_and_consent(portal, SAM).await;
    let reply = post_machine_info(portal, machine_info(&built_in_identity()), Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let device = Device::from_profile_for(portal, &reply.body, Enrollment::User).await;
    let reply = put(
        portal,
        &device,
        routes::MDM_CHECKIN,
        authenticate_message(),
        Some(&token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reply = put(
        portal,
        &device,
        routes::MDM_CHECKIN,
        token_update_message(&device),
        Some(&token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let cookie = portal.signed_in_cookie(SAM).await;
    (device, token, cookie)
}

async fn device_id(portal: &Portal, cookie: &str) -> DeviceId {
    let list: portal_api::DeviceList = portal.get_signed_in(routes::DEVICES, cookie).await.json();
    assert_eq!(list.devices.len(), 1);
    assert_eq!(
        list.devices[0].enrollment_type,
        EnrollmentType::UserEnrollment
    );
    list.devices[0].id.clone()
}

#[tokio::test]
async fn a_user_enrolled_iphone_checks_in_by_its_enrollment_id_only() {
    let portal = Portal::start().await;
    let (_device, _token, cookie) = user_enrolled(&portal).await;
    let id = device_id(&portal, &cookie).await;
    let record = portal.storage.device_record(&id).await.unwrap().unwrap();
    assert_eq!(record.serial_number, None);
    let details: DeviceDetails = portal
        .get_signed_in(&routes::device(&id.0), &cookie)
        .await
        .json();
    assert_eq!(details.serial_number, None);
    let shown = serde_json::to_string(&details).unwrap();
    assert!(
        !shown.contains(ENROLLMENT_ID),
        "the EnrollmentID is not shown"
    );
}

#[tokio::test]
async fn device_identifiers_or_a_missing_token_are_refused() {
    let portal = Portal::start().await;
    let token = sign_in_and_consent(&portal, SAM).await;
    let reply = post_machine_info(&portal, machine_info(&built_in_identity()), Some(&token)).await;
    let device = Device::from_profile_for(&portal, &reply.body, Enrollment::User).await;
    // No token: the challenge.
    let reply = put(
        &portal,
        &device,
        routes::MDM_CHECKIN,
        authenticate_message(),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("www-authenticate"), SIGN_IN_CHALLENGE);
    // Another person's token.
    let alex_token = sign_in_and_consent(&portal, ALEX).await;
    let reply = put(
        &portal,
        &device,
        routes::MDM_CHECKIN,
        authenticate_message(),
        Some(&alex_token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // A UDID has no place in a user enrollment's check-in.
    let mut with_udid = authenticate_message();
    with_udid.insert("UDID".into(), device::UDID.into());
    let reply = put(
        &portal,
        &device,
        routes::MDM_CHECKIN,
        with_udid,
        Some(&token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    // A device enrollment's check-in without UDID is refused too.
    let (_cookie, _started, web_device) =
        crate::enrollment::downloaded(&portal, portal_api::Ownership::Corporate).await;
    let reply = web_device
        .put(&portal, routes::MDM_CHECKIN, authenticate_message())
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn only_commands_allowed_under_user_enrollment_are_sent() {
    let portal = Portal::start().await;
    let (device, token, cookie) = user_enrolled(&portal).await;
    let id = device_id(&portal, &cookie).await;
    // The portal's DeviceInformation asks for no serial number.
    let information =
        sent(&connect(&portal, &device, &token, "Idle", None, Dictionary::new()).await)
            .expect("DeviceInformation");
    assert_eq!(information.request_type, "DeviceInformation");
    let queries = crate::self_service::queries_of(&information);
    assert!(!queries.iter().any(|q| q == "SerialNumber" || q == "UDID"));
    let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
    let responses = device::query_responses(&queries, "17.4.1", "Sam's iPhone");
    let mut next = sent(
        &connect(
            &portal,
            &device,
            &token,
            "Acknowledged",
            Some(&information.uuid),
            responses,
        )
        .await,
    );
    // The demo's web clip.
    if let Some(clip) = next.take() {
        assert_eq!(clip.request_type, "InstallProfile");
        next = sent(
            &connect(
                &portal,
                &device,
                &token,
                "Acknowledged",
                Some(&clip.uuid),
                Dictionary::new(),
            )
            .await,
        );
    }
    assert!(next.is_none());

    // Remote lock is allowed.
    let reply = portal
        .send(
            portal_request(Method::POST, &routes::device_remote_lock(&id.0))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.text());
    let lock =
        sent(&connect(&portal, &device, &token, "Idle", None, Dictionary::new()).await).unwrap();
    assert_eq!(lock.request_type, "DeviceLock");
    assert!(sent(
        &connect(
            &portal,
            &device,
            &token,
            "Acknowledged",
            Some(&lock.uuid),
            Dictionary::new()
        )
        .await
    )
    .is_none());

    // A status check: SecurityInfo says PasscodeCompliant, not PasscodePresent.
    let reply = portal
        .send(
            portal_request(Method::POST, &routes::device_check_status(&id.0))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.text());
    let mut command =
        sent(&connect(&portal, &device, &token, "Idle", None, Dictionary::new()).await);
    while let Some(current) = command {
        let extra = match current.request_type.as_str() {
            "DeviceInformation" => {
                let queries = crate::self_service::queries_of(&current);
                let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
                device::query_responses(&queries, "17.4.1", "Sam's iPhone")
            }
            "SecurityInfo" => {
                let mut info = Dictionary::new();
                info.insert("PasscodeCompliant".into(), Value::Boolean(true));
                let mut extra = Dictionary::new();
                extra.insert("SecurityInfo".into(), Value::Dictionary(info));
                extra
            }
            other => panic!("unexpected {other}"),
        };
        command = sent(
            &connect(
                &portal,
                &device,
                &token,
                "Acknowledged",
                Some(&current.uuid),
                extra,
            )
            .await,
        );
    }
    let record = portal.storage.device_record(&id).await.unwrap().unwrap();
    assert_eq!(record.passcode_present, Some(true));
    let details: DeviceDetails = portal
        .get_signed_in(&routes::device(&id.0), &cookie)
        .await
        .json();
    assert_eq!(
        details.summary.compliance,
        portal_api::ComplianceState::Compliant
    );
}

#[tokio::test]
async fn an_expired_token_is_challenged_and_a_new_sign_in_takes_over() {
    let portal = Portal::start().await;
    let (device, token, _cookie) = user_enrolled(&portal).await;
    portal.clock.advance(std::time::Duration::from_secs(
        u64::try_from(ACCESS_TOKEN_LIFETIME_SECONDS).unwrap(),
    ));
    let reply = connect(&portal, &device, &token, "Idle", None, Dictionary::new()).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.header("www-authenticate"), SIGN_IN_CHALLENGE);
    // Sam signs in again in the sheet the device opens.
    let renewed = sign_in_and_consent(&portal, SAM).await;
    let reply = connect(&portal, &device, &renewed, "Idle", None, Dictionary::new()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let reply = connect(&portal, &device, &renewed, "Idle", None, Dictionary::new()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

/// device-sim plays the whole account-driven user enrollment against the
/// portal over HTTPS; the test stands in for the person in the sheet.
#[tokio::test]
async fn device_sim_enrolls_by_account_driven_user_enrollment() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let portal = Portal::start_with(None, Some(listener)).await;
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .danger_accept_invalid_certs(true)
        .resolve("portal.contoso.example", address)
        .build()
        .unwrap();
    let enrollment = device_sim::account_enrollment::AccountEnrollment::new(
        client,
        "https://portal.contoso.example",
        SAM,
        device_sim::DeviceFacts::new(device_sim::DeviceKind::Iphone),
    )
    .unwrap();
    let portal_ref = &portal;
    let (mut device, mode) = enrollment
        .run(|url| async move {
            assert!(
                url.starts_with("https://portal.contoso.example/account-enrollment/sign-in?"),
                "{url}"
            );
            let cookie = portal_ref.signed_in_cookie(SAM).await;
            let reply = crate::account_enrollment::consent(portal_ref, &cookie, Some(SAM)).await;
            let consented: portal_api::AccountEnrollmentConsented = reply.json();
            let finish = portal_ref
                .get_signed_in(&consented.finish_url, &cookie)
                .await;
            assert_eq!(finish.status, StatusCode::PERMANENT_REDIRECT);
            Ok(finish.header("location").to_owned())
        })
        .await
        .unwrap();
    assert_eq!(mode, device_sim::account_enrollment::EnrollmentMode::Byod);
    assert!(device.enrollment_id().is_some());
    crate::support::first_poll_sets_up(&mut device).await;
    let cookie = portal.signed_in_cookie(SAM).await;
    let id = device_id(&portal, &cookie).await;
    let details: DeviceDetails = portal
        .get_signed_in(&routes::device(&id.0), &cookie)
        .await
        .json();
    assert_eq!(
        details.summary.enrollment_type,
        EnrollmentType::UserEnrollment
    );
    assert_eq!(details.serial_number, None);
}
