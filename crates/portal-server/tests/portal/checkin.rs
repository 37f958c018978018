//! What the MDM endpoints refuse, and that a refusal changes nothing: bodies
//! that are too big, too deep or not XML; identities of replaced profiles,
//! of removed devices, or that did not authenticate the enrollment; and
//! device strings beyond their limits.

use portal_server::storage::EnrollmentStore;
use std::time::Duration;

use axum::http::StatusCode;
use plist::{Dictionary, Value};
use portal_api::{
    routes, DeviceList, EnrollmentProblemCode, EnrollmentState, Ownership, RefusalDetails,
};

use crate::device::{self, plist_bytes, put_signed, Device};
use crate::enrollment::{downloaded, enrollment, link};
use crate::self_service::{acknowledge, answer, call, enrolled, idle, Sent};
use crate::support::{Portal, Reply};

/// A message that would be accepted, with `levels` nested arrays added.
fn with_nested_arrays(message: Dictionary, levels: usize) -> Vec<u8> {
    let text = String::from_utf8(plist_bytes(message)).unwrap();
    let end = text.rfind("</dict>").unwrap();
    format!(
        "{}<key>Extra</key>{}{}{}",
        &text[..end],
        "<array>".repeat(levels),
        "</array>".repeat(levels),
        &text[end..]
    )
    .into_bytes()
}

fn nested_arrays(levels: usize) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">{}{}</plist>\n",
        "<array>".repeat(levels),
        "</array>".repeat(levels)
    )
    .into_bytes()
}

async fn put_body(portal: &Portal, device: &Device, path: &str, body: Vec<u8>) -> Reply {
    let signature = device.sign(&body);
    put_signed(portal, path, body, Some(signature)).await
}

async fn health(portal: &Portal) {
    let reply = portal.get(routes::HEALTH).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
}

async fn devices(portal: &Portal, cookie: &str) -> DeviceList {
    portal.get_signed_in(routes::DEVICES, cookie).await.json()
}

fn check_out_message(device: &Device) -> Dictionary {
    let mut message = Dictionary::new();
    message.insert("MessageType".into(), "CheckOut".into());
    message.insert("UDID".into(), device::UDID.into());
    message.insert("Topic".into(), device.topic().into());
    message
}

fn idle_message() -> Dictionary {
    let mut message = Dictionary::new();
    message.insert("Status".into(), "Idle".into());
    message.insert("UDID".into(), device::UDID.into());
    message
}

#[tokio::test]
async fn deeply_nested_bodies_are_refused_and_the_server_keeps_answering() {
    let portal = Portal::start().await;
    let (_cookie, _id, device) = enrolled(&portal, crate::support::ALEX).await;

    // Within the size limit but deeper than any real message: 400 before
    // the plist parser recurses into it, though the message would
    // otherwise be accepted.
    let token_update = {
        let mut message = Dictionary::new();
        message.insert("MessageType".into(), "TokenUpdate".into());
        message.insert("Topic".into(), device.topic().into());
        message.insert("UDID".into(), device::UDID.into());
        message.insert("Token".into(), Value::Data(vec![0xAB; 32]));
        message.insert("PushMagic".into(), "magic".into());
        message
    };
    for (path, message) in [
        (routes::MDM_CHECKIN, token_update),
        (routes::MDM_CONNECT, idle_message()),
    ] {
        let shallow = with_nested_arrays(message.clone(), 30);
        let reply = put_body(&portal, &device, path, shallow).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.text());
        let deep = with_nested_arrays(message, 3_000);
        assert!(deep.len() < portal_server::mdm::MAX_BODY_BYTES);
        let reply = put_body(&portal, &device, path, deep).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
    }
    // The body that overflowed the parser's stack: too big to be read.
    let huge = nested_arrays(120_000);
    for path in [routes::MDM_CHECKIN, routes::MDM_CONNECT] {
        let reply = put_body(&portal, &device, path, huge.clone()).await;
        assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{path}");
        health(&portal).await;
    }
    // Just under the limit, but not a message a device sends.
    let padded = format!(
        "<plist><dict><key>Status</key><string>{}</string></dict></plist>",
        "x".repeat(portal_server::mdm::MAX_BODY_BYTES)
    );
    let reply = put_body(&portal, &device, routes::MDM_CONNECT, padded.into_bytes()).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);

    health(&portal).await;
    // The device still talks to the server normally.
    assert!(idle(&portal, &device).await.is_none());
}

#[tokio::test]
async fn binary_and_non_xml_bodies_are_refused_and_change_nothing() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    let mut binary = Vec::new();
    plist::to_writer_binary(
        &mut binary,
        &Value::Dictionary(device::authenticate_message("17.4")),
    )
    .unwrap();
    assert!(binary.starts_with(b"bplist00"));
    let json = br#"{"MessageType": "Authenticate"}"#.to_vec();
    for body in [binary, json] {
        let reply = put_body(&portal, &device, routes::MDM_CHECKIN, body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text());
    }
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Downloaded);
    assert_eq!(after.problem, None);
    health(&portal).await;
}

#[tokio::test]
async fn a_replaced_profiles_token_update_is_refused_and_changes_nothing() {
    let portal = Portal::start().await;
    let (cookie, started, old) = downloaded(&portal, Ownership::Corporate).await;
    // Download again: the first profile is replaced.
    let newer = link(&portal, &cookie, &started.id.0).await;
    let newer = portal.get_signed_in(&newer.url, &cookie).await;
    let newer = Device::from_profile(&portal, &newer.body).await;

    assert_eq!(
        old.authenticate(&portal, "17.4").await.status,
        StatusCode::FORBIDDEN
    );
    let before = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(
        before.problem.as_ref().map(|p| p.code),
        Some(EnrollmentProblemCode::ProfileReplaced)
    );
    let stored_before = portal.storage.enrollment(&started.id).await.unwrap();

    portal.clock.advance(Duration::from_secs(5));
    assert_eq!(
        old.token_update(&portal).await.status,
        StatusCode::FORBIDDEN
    );
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(
        portal_api::Enrollment {
            server_now: before.server_now,
            ..after
        },
        before
    );
    assert_eq!(
        portal.storage.enrollment(&started.id).await.unwrap(),
        stored_before
    );
    assert!(devices(&portal, &cookie).await.devices.is_empty());

    // The newest profile enrolls as usual.
    assert_eq!(
        newer.authenticate(&portal, "17.4").await.status,
        StatusCode::OK
    );
    assert_eq!(newer.token_update(&portal).await.status, StatusCode::OK);
    assert_eq!(devices(&portal, &cookie).await.devices.len(), 1);
}

#[tokio::test]
async fn token_update_is_accepted_only_from_the_identity_that_authenticated() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    assert_eq!(
        device.authenticate(&portal, "17.4").await.status,
        StatusCode::OK
    );
    // Another identity authenticated the enrollment since (the API offers no
    // second download once one authenticated; storage stands in for it).
    let other = portal_server::storage::CertificateFingerprint([7; 32]);
    portal
        .storage
        .set_authenticated_identity(&started.id, &other)
        .await
        .unwrap();
    let before = portal.storage.enrollment(&started.id).await.unwrap();
    assert_eq!(
        device.token_update(&portal).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        portal.storage.enrollment(&started.id).await.unwrap(),
        before
    );
    assert!(devices(&portal, &cookie).await.devices.is_empty());
    assert_eq!(
        device
            .put(&portal, routes::MDM_CONNECT, idle_message())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // Authenticating again makes it the enrollment's identity once more.
    assert_eq!(
        device.authenticate(&portal, "17.4").await.status,
        StatusCode::OK
    );
    assert_eq!(device.token_update(&portal).await.status, StatusCode::OK);
    assert_eq!(devices(&portal, &cookie).await.devices.len(), 1);
    assert_eq!(
        enrollment(&portal, &cookie, &started.id.0).await.state,
        EnrollmentState::Enrolled
    );
}

#[tokio::test]
async fn token_update_with_another_udid_is_refused() {
    let portal = Portal::start().await;
    let (cookie, _started, device) = downloaded(&portal, Ownership::Corporate).await;
    assert_eq!(
        device.authenticate(&portal, "17.4").await.status,
        StatusCode::OK
    );
    let mut message = Dictionary::new();
    message.insert("MessageType".into(), "TokenUpdate".into());
    message.insert("Topic".into(), device.topic().into());
    message.insert("UDID".into(), "00008120-0000000000000001".into());
    message.insert("Token".into(), Value::Data(vec![1; 32]));
    message.insert("PushMagic".into(), "magic".into());
    let reply = device.put(&portal, routes::MDM_CHECKIN, message).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(devices(&portal, &cookie).await.devices.is_empty());
}

/// The identity of a device whose removal finished: refused everywhere.
async fn assert_revoked(portal: &Portal, cookie: &str, device: &Device) {
    assert_eq!(
        device.token_update(portal).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        device.authenticate(portal, "17.4").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        device
            .put(portal, routes::MDM_CHECKIN, check_out_message(device))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        device
            .put(portal, routes::MDM_CONNECT, idle_message())
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert!(devices(portal, cookie).await.devices.is_empty());
}

#[tokio::test]
async fn a_checked_out_devices_identity_is_revoked() {
    let portal = Portal::start().await;
    let (cookie, _id, device) = enrolled(&portal, crate::support::ALEX).await;
    let reply = device
        .put(&portal, routes::MDM_CHECKIN, check_out_message(&device))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_revoked(&portal, &cookie, &device).await;
}

#[tokio::test]
async fn an_acknowledged_removal_revokes_the_identity() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, crate::support::ALEX).await;
    let reply = call(
        &portal,
        axum::http::Method::DELETE,
        &routes::device(&id.0),
        &cookie,
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    let command: Sent = idle(&portal, &device).await.expect("the RemoveProfile");
    assert_eq!(command.request_type, "RemoveProfile");
    assert!(acknowledge(&portal, &device, &command.uuid).await.is_none());
    assert_revoked(&portal, &cookie, &device).await;
}

#[tokio::test]
async fn a_removal_past_its_time_limit_revokes_the_identity() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, crate::support::ALEX).await;
    call(
        &portal,
        axum::http::Method::DELETE,
        &routes::device(&id.0),
        &cookie,
        None,
    )
    .await;
    portal.clock.advance(Duration::from_secs(7 * 24 * 60 * 60));
    let cookie = portal.signed_in_cookie(crate::support::ALEX).await;
    // Reading the list applies the time limit.
    assert!(devices(&portal, &cookie).await.devices.is_empty());
    assert_revoked(&portal, &cookie, &device).await;
}

#[tokio::test]
async fn authenticate_without_os_version_or_product_is_refused_with_a_reason() {
    for missing in ["OSVersion", "ProductName"] {
        let portal = Portal::start().await;
        let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
        let mut message = device::authenticate_message("17.4");
        message.remove(missing);
        let reply = device.put(&portal, routes::MDM_CHECKIN, message).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{missing}");
        let after = enrollment(&portal, &cookie, &started.id.0).await;
        assert_eq!(after.state, EnrollmentState::Rejected, "{missing}");
        let problem = after.problem.expect("a problem");
        assert_eq!(problem.code, EnrollmentProblemCode::DeviceNotIdentified);
        assert_eq!(problem.details, Some(RefusalDetails::default()));
        assert_eq!(
            problem.message,
            "This device didn't say which iOS version it runs or which model it is, so \
             Contoso can't check it against its rules. Contact your IT help desk."
        );
        assert_eq!(
            device.token_update(&portal).await.status,
            StatusCode::FORBIDDEN
        );
        assert!(devices(&portal, &cookie).await.devices.is_empty());
    }
}

#[tokio::test]
async fn over_long_identifiers_are_refused() {
    let portal = Portal::start().await;
    let (cookie, started, device) = downloaded(&portal, Ownership::Corporate).await;
    for key in [
        "UDID",
        "SerialNumber",
        "OSVersion",
        "ProductName",
        "MessageType",
    ] {
        let mut message = device::authenticate_message("17.4");
        message.insert(key.into(), "1".repeat(256).into());
        let reply = device.put(&portal, routes::MDM_CHECKIN, message).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{key}");
    }
    let mut message = device::authenticate_message("17.4");
    message.insert("UDID".into(), "00008120-001A2B3C\n4D5E6F70".into());
    let reply = device.put(&portal, routes::MDM_CHECKIN, message).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let after = enrollment(&portal, &cookie, &started.id.0).await;
    assert_eq!(after.state, EnrollmentState::Downloaded);
    assert_eq!(after.problem, None);

    // In a command result: refused, the command still waits for an answer.
    assert_eq!(
        device.authenticate(&portal, "17.4").await.status,
        StatusCode::OK
    );
    assert_eq!(device.token_update(&portal).await.status, StatusCode::OK);
    let information = idle(&portal, &device).await.expect("a DeviceInformation");
    let mut responses = Dictionary::new();
    responses.insert("OSVersion".into(), "1".repeat(256).into());
    let mut extra = Dictionary::new();
    extra.insert("QueryResponses".into(), Value::Dictionary(responses));
    let mut message = extra;
    message.insert("Status".into(), "Acknowledged".into());
    message.insert("CommandUUID".into(), information.uuid.clone().into());
    message.insert("UDID".into(), device::UDID.into());
    let reply = device.put(&portal, routes::MDM_CONNECT, message).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let again = idle(&portal, &device).await.expect("the same command");
    assert_eq!(again.uuid, information.uuid);
    let next = answer(
        &portal,
        &device,
        &information.uuid,
        "Acknowledged",
        device::query_responses(&["OSVersion"], "17.4", device::DEVICE_NAME),
    )
    .await;
    assert!(next.is_some(), "the web clip follows");
}
