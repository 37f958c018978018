//! Self-service for enrolled devices: details, rename, remote lock, status
//! check, removal, notifications and their events, with the test signer
//! playing the device over `/mdm/connect`.

use portal_server::storage::{AuditStore, CommandStore, UserStore};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::BodyExt;
use plist::{Dictionary, Value};
use portal_api::{
    routes, ActionState, CommandFailure, CommandFailureReason, ComplianceRule, ComplianceState,
    DeviceAction, DeviceDetails, DeviceId, DeviceKind, DeviceList, EmailAddress, Enrollment,
    EnrollmentState, ErrorCode, InvalidValue, NotificationDetails, NotificationKind,
    NotificationList, OsVersion, Ownership, ProfileDownload, StartEnrollment,
};
use portal_server::storage::{AuditOutcome, CommandRecord, CommandState};
use tower::ServiceExt;

use crate::device::{self, Device};
use crate::support::{portal_request, Portal, Reply, ALEX, SAM, START};

const DAY: u64 = 24 * 60 * 60;

/// Signs `email` in and enrolls a device for them (iOS 17.4.1), which
/// then answers the portal's DeviceInformation and installs the demo
/// organization's web clip, as an iPhone does on its first poll.
pub async fn enrolled(portal: &Portal, email: &str) -> (String, DeviceId, Device) {
    let (cookie, id, device) = enroll(portal, email).await;
    let web_clip = first_poll(portal, &device).await.expect("the web clip");
    assert_eq!(web_clip.request_type, "InstallProfile");
    let next = acknowledge(portal, &device, &web_clip.uuid).await;
    assert!(next.is_none());
    (cookie, id, device)
}

/// The device's first poll after enrolling: it answers the portal's
/// DeviceInformation (named "Alex's iPhone"); returns the next command.
pub async fn first_poll(portal: &Portal, device: &Device) -> Option<Sent> {
    let information = idle(portal, device).await.expect("a DeviceInformation");
    report_information(portal, device, &information, device::DEVICE_NAME).await
}

/// Answers a `DeviceInformation` with what it asked, the device called
/// `name`; returns the next command.
pub async fn report_information(
    portal: &Portal,
    device: &Device,
    command: &Sent,
    name: &str,
) -> Option<Sent> {
    assert_eq!(command.request_type, "DeviceInformation");
    let queries = queries_of(command);
    let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
    let responses = device::query_responses(&queries, "17.4.1", name);
    answer(portal, device, &command.uuid, "Acknowledged", responses).await
}

pub fn queries_of(command: &Sent) -> Vec<String> {
    command.body["Queries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_string)
        .map(str::to_owned)
        .collect()
}

/// Signs `email` in and enrolls a device for them (iOS 17.4.1), up to its
/// TokenUpdate: it has not polled yet.
pub async fn enroll(portal: &Portal, email: &str) -> (String, DeviceId, Device) {
    let cookie = portal.signed_in_cookie(email).await;
    let (started, profile) = start_and_download(portal, &cookie).await;
    let device = Device::from_profile(portal, &profile).await;
    assert_eq!(
        device.authenticate(portal, "17.4.1").await.status,
        StatusCode::OK
    );
    assert_eq!(device.token_update(portal).await.status, StatusCode::OK);
    let enrollment: Enrollment = portal
        .get_signed_in(&routes::enrollment(&started.id.0), &cookie)
        .await
        .json();
    assert_eq!(enrollment.state, EnrollmentState::Enrolled);
    (cookie, enrollment.device_id.unwrap(), device)
}

/// Starts an enrollment (a corporate iPhone on iOS 17.4.1) and downloads
/// its profile.
pub async fn download_profile(portal: &Portal, cookie: &str) -> Vec<u8> {
    start_and_download(portal, cookie).await.1.to_vec()
}

async fn start_and_download(portal: &Portal, cookie: &str) -> (Enrollment, axum::body::Bytes) {
    let cookie = cookie.to_owned();
    let body = serde_json::to_vec(&StartEnrollment {
        ownership: Ownership::Corporate,
        device: DeviceKind::Iphone,
        os_version: Some(OsVersion::new(17, 4, 1)),
        enrollment_type: portal_api::EnrollmentType::DeviceEnrollment,
    })
    .unwrap();
    let started: Enrollment = call(
        portal,
        Method::POST,
        routes::ENROLLMENTS,
        &cookie,
        Some(body),
    )
    .await
    .json();
    let download: ProfileDownload = call(
        portal,
        Method::POST,
        &routes::enrollment_profile(&started.id.0),
        &cookie,
        None,
    )
    .await
    .json();
    let profile = portal.download(&download.url, &cookie).await;
    assert_eq!(profile.status, StatusCode::OK, "{}", profile.text());
    (started, profile.body)
}

/// A request as the portal's pages send it (JSON body when given).
pub async fn call(
    portal: &Portal,
    method: Method,
    path: &str,
    cookie: &str,
    json: Option<Vec<u8>>,
) -> Reply {
    let mut request = portal_request(method, path).header(header::COOKIE, cookie);
    if json.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    portal
        .send(request.body(Body::from(json.unwrap_or_default())).unwrap())
        .await
}

pub async fn details(portal: &Portal, cookie: &str, id: &DeviceId) -> DeviceDetails {
    let reply = portal.get_signed_in(&routes::device(&id.0), cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

async fn rename(portal: &Portal, cookie: &str, id: &DeviceId, name: &str) -> Reply {
    let body = serde_json::to_vec(&serde_json::json!({ "display_name": name })).unwrap();
    call(
        portal,
        Method::PATCH,
        &routes::device(&id.0),
        cookie,
        Some(body),
    )
    .await
}

pub async fn lock(portal: &Portal, cookie: &str, id: &DeviceId) -> Reply {
    call(
        portal,
        Method::POST,
        &routes::device_remote_lock(&id.0),
        cookie,
        None,
    )
    .await
}

pub async fn check_status(portal: &Portal, cookie: &str, id: &DeviceId) -> Reply {
    call(
        portal,
        Method::POST,
        &routes::device_check_status(&id.0),
        cookie,
        None,
    )
    .await
}

pub async fn remove(portal: &Portal, cookie: &str, id: &DeviceId) -> Reply {
    call(portal, Method::DELETE, &routes::device(&id.0), cookie, None).await
}

pub async fn notifications(portal: &Portal, cookie: &str) -> NotificationList {
    let reply = portal.get_signed_in(routes::NOTIFICATIONS, cookie).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

/// A command the server sent: its UUID, request type and dictionary.
pub struct Sent {
    pub uuid: String,
    pub request_type: String,
    pub body: Dictionary,
}

/// Parses a `/mdm/connect` answer, checked against Apple's schema; `None`
/// for the empty "nothing to do".
pub fn sent(reply: &Reply) -> Option<Sent> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    if reply.body.is_empty() {
        return None;
    }
    assert_eq!(reply.header("content-type"), "application/xml");
    let envelope: Dictionary = plist::from_bytes(&reply.body).unwrap();
    // Every command any test receives is one an iPhone on iOS 17 accepts.
    mdm_schema::check_command(&crate::support::schema_context(), &envelope).unwrap();
    let body = envelope["Command"].as_dictionary().unwrap().clone();
    Some(Sent {
        uuid: envelope["CommandUUID"].as_string().unwrap().to_owned(),
        request_type: body["RequestType"].as_string().unwrap().to_owned(),
        body,
    })
}

pub async fn idle(portal: &Portal, device: &Device) -> Option<Sent> {
    let mut message = Dictionary::new();
    message.insert("Status".into(), "Idle".into());
    message.insert("UDID".into(), device::UDID.into());
    sent(&device.put(portal, routes::MDM_CONNECT, message).await)
}

/// Answers a command; returns the server's next command.
pub async fn answer(
    portal: &Portal,
    device: &Device,
    uuid: &str,
    status: &str,
    extra: Dictionary,
) -> Option<Sent> {
    let mut message = Dictionary::new();
    message.insert("Status".into(), status.into());
    message.insert("CommandUUID".into(), uuid.into());
    message.insert("UDID".into(), device::UDID.into());
    for (key, value) in extra {
        message.insert(key, value);
    }
    sent(&device.put(portal, routes::MDM_CONNECT, message).await)
}

/// Acknowledges a command with nothing more to say; returns the server's
/// next command.
pub async fn acknowledge(portal: &Portal, device: &Device, uuid: &str) -> Option<Sent> {
    answer(portal, device, uuid, "Acknowledged", Dictionary::new()).await
}

pub fn error_chain(description: &str) -> Dictionary {
    let mut entry = Dictionary::new();
    entry.insert("ErrorDomain".into(), "MCMDMErrorDomain".into());
    entry.insert("ErrorCode".into(), Value::Integer(12067.into()));
    entry.insert("LocalizedDescription".into(), description.into());
    entry.insert("USEnglishDescription".into(), description.into());
    let mut extra = Dictionary::new();
    extra.insert(
        "ErrorChain".into(),
        Value::Array(vec![Value::Dictionary(entry)]),
    );
    extra
}

fn query_responses(os_version: &str) -> Dictionary {
    device::query_responses(
        &portal_server::devices::commands::STATUS_QUERIES,
        os_version,
        device::DEVICE_NAME,
    )
}

/// The device's commands that carry out a user's action (not the web clip).
pub async fn action_commands(portal: &Portal, id: &DeviceId) -> Vec<CommandRecord> {
    let commands = portal.storage.commands_of_device(id).await.unwrap();
    commands
        .into_iter()
        .filter(|c| c.action.is_some())
        .collect()
}

/// Requests a status check and plays the device answering it.
async fn checked(portal: &Portal, cookie: &str, id: &DeviceId, device: &Device, os: &str) {
    assert_eq!(
        check_status(portal, cookie, id).await.status,
        StatusCode::OK
    );
    let command = idle(portal, device).await.expect("a DeviceInformation");
    assert_eq!(command.request_type, "DeviceInformation");
    let next = answer(
        portal,
        device,
        &command.uuid,
        "Acknowledged",
        query_responses(os),
    )
    .await
    .expect("a SecurityInfo");
    assert_eq!(next.request_type, "SecurityInfo");
    let last = answer(
        portal,
        device,
        &next.uuid,
        "Acknowledged",
        device::security_info(true),
    )
    .await;
    assert!(last.is_none());
}

#[tokio::test]
async fn another_users_device_is_not_found_and_nothing_changes() {
    let portal = Portal::start().await;
    let (alex, id, _device) = enrolled(&portal, ALEX).await;
    let sam = portal.signed_in_cookie(SAM).await;
    let missing = DeviceId("AAAAAAAAAAAAAAAAAAAAAA".into());
    let rename_body =
        || Some(serde_json::to_vec(&serde_json::json!({ "display_name": "Mine now" })).unwrap());

    for target in [&id, &missing] {
        let replies = [
            portal.get_signed_in(&routes::device(&target.0), &sam).await,
            portal
                .get_signed_in(&routes::device_events(&target.0), &sam)
                .await,
            call(
                &portal,
                Method::PATCH,
                &routes::device(&target.0),
                &sam,
                rename_body(),
            )
            .await,
            call(
                &portal,
                Method::DELETE,
                &routes::device(&target.0),
                &sam,
                None,
            )
            .await,
            lock(&portal, &sam, target).await,
            check_status(&portal, &sam, target).await,
        ];
        for reply in replies {
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{}", reply.text());
            let error = reply.error();
            assert_eq!(error.code, ErrorCode::NotFound);
            assert_eq!(
                error.message,
                "This device doesn't exist or isn't yours. Go back to My devices."
            );
        }
    }
    // Even an invalid name is 404, not a validation error.
    assert_eq!(
        rename(&portal, &sam, &id, "").await.status,
        StatusCode::NOT_FOUND
    );

    let storage = portal.storage.as_ref();
    assert!(action_commands(&portal, &id).await.is_empty());
    let after = details(&portal, &alex, &id).await;
    assert_eq!(after.summary.display_name, "Alex's iPhone");
    assert_eq!(after.remove, None);
    assert_eq!(after.remote_lock, None);
    assert_eq!(after.check_status, None);
    let sams: DeviceList = portal.get_signed_in(routes::DEVICES, &sam).await.json();
    assert!(sams.devices.is_empty());
    let sam_user = storage
        .user_by_email(&EmailAddress::parse(SAM).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(storage
        .audit_events_of_user(sam_user.id)
        .await
        .unwrap()
        .is_empty());
    assert!(notifications(&portal, &sam).await.notifications.is_empty());
}

#[tokio::test]
async fn the_details_show_what_the_organization_sees_and_allows() {
    let portal = Portal::start().await;
    let (cookie, id, _device) = enrolled(&portal, ALEX).await;
    let shown = details(&portal, &cookie, &id).await;
    assert_eq!(shown.summary.id, id);
    assert_eq!(shown.summary.os_version.as_deref(), Some("17.4.1"));
    assert_eq!(shown.serial_number.as_deref(), Some(device::SERIAL));
    assert_eq!(shown.enrolled_at, START);
    assert_eq!(shown.server_now, START);
    assert_eq!(shown.compliance.state, ComplianceState::Unknown);
    assert_eq!(
        shown.actions,
        [
            DeviceAction::Rename,
            DeviceAction::RemoteLock,
            DeviceAction::CheckStatus,
            DeviceAction::Remove
        ]
    );
    let unsigned = portal.get(&routes::device(&id.0)).await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn rename_checks_the_name_and_changes_only_the_portals_name() {
    let portal = Portal::start().await;
    let (cookie, id, _device) = enrolled(&portal, ALEX).await;
    let long = "x".repeat(65);
    for (name, invalid, message) in [
        (
            "   ",
            InvalidValue::DeviceNameEmpty,
            "Enter a name for this device.",
        ),
        (
            long.as_str(),
            InvalidValue::DeviceNameTooLong,
            "Use at most 64 characters.",
        ),
        (
            "Alex\u{7}Phone",
            InvalidValue::DeviceNameControlCharacters,
            "Use letters, numbers, spaces and punctuation only.",
        ),
    ] {
        let reply = rename(&portal, &cookie, &id, name).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
        let error = reply.error();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.field.as_deref(), Some("display_name"));
        assert_eq!(error.details.invalid, Some(invalid));
        assert_eq!(error.message, message);
    }
    assert_eq!(
        details(&portal, &cookie, &id).await.summary.display_name,
        "Alex's iPhone"
    );

    let reply = rename(&portal, &cookie, &id, "  Work phone ").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        reply.json::<DeviceDetails>().summary.display_name,
        "Work phone"
    );
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(list.devices[0].display_name, "Work phone");

    let storage = portal.storage.as_ref();
    let alex = storage
        .user_by_email(&EmailAddress::parse(ALEX).unwrap())
        .await
        .unwrap()
        .unwrap();
    let trail = storage.audit_events_of_user(alex.id).await.unwrap();
    let outcomes: Vec<_> = trail.iter().map(|e| (e.action, e.outcome)).collect();
    assert_eq!(
        outcomes,
        [
            (DeviceAction::Rename, AuditOutcome::Refused),
            (DeviceAction::Rename, AuditOutcome::Refused),
            (DeviceAction::Rename, AuditOutcome::Refused),
            (DeviceAction::Rename, AuditOutcome::Renamed),
        ]
    );
    assert!(trail
        .iter()
        .all(|e| e.device_id == id && e.occurred_at == START));
}

#[tokio::test]
async fn a_second_lock_while_one_is_pending_queues_nothing() {
    let portal = Portal::start().await;
    let (cookie, id, _device) = enrolled(&portal, ALEX).await;
    let first = lock(&portal, &cookie, &id).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let first: DeviceDetails = first.json();
    let pending = first.remote_lock.clone().expect("a remote lock");
    assert_eq!(pending.state, ActionState::Pending);
    assert_eq!(pending.requested_at, START);

    portal.clock.advance(Duration::from_secs(10));
    let second: DeviceDetails = lock(&portal, &cookie, &id).await.json();
    assert_eq!(second.remote_lock, Some(pending));
    let commands = action_commands(&portal, &id).await;
    assert_eq!(commands.len(), 1);
    assert_eq!(commands[0].request_type, "DeviceLock");
    assert_eq!(commands[0].state, CommandState::Queued);

    let storage = portal.storage.as_ref();
    let alex = storage
        .user_by_email(&EmailAddress::parse(ALEX).unwrap())
        .await
        .unwrap()
        .unwrap();
    let outcomes: Vec<_> = storage
        .audit_events_of_user(alex.id)
        .await
        .unwrap()
        .iter()
        .map(|e| (e.action, e.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            (DeviceAction::RemoteLock, AuditOutcome::Queued),
            (DeviceAction::RemoteLock, AuditOutcome::AlreadyPending),
        ]
    );
}

#[tokio::test]
async fn an_acknowledged_lock_succeeds_and_notifies() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    assert!(idle(&portal, &device).await.is_none());
    lock(&portal, &cookie, &id).await;

    portal.clock.advance(Duration::from_secs(30));
    let command = idle(&portal, &device).await.expect("the lock command");
    assert_eq!(command.request_type, "DeviceLock");
    let commands = action_commands(&portal, &id).await;
    assert_eq!(commands[0].state, CommandState::Sent);
    assert_eq!(commands[0].sent_at, Some(START + 30));

    // NotNow: back in the queue, sent again at the next poll (not at once).
    assert!(
        answer(&portal, &device, &command.uuid, "NotNow", Dictionary::new())
            .await
            .is_none()
    );
    assert_eq!(
        details(&portal, &cookie, &id)
            .await
            .remote_lock
            .unwrap()
            .state,
        ActionState::Pending
    );
    let again = idle(&portal, &device).await.expect("the lock again");
    assert_eq!(again.uuid, command.uuid);

    portal.clock.advance(Duration::from_secs(5));
    let next = acknowledge(&portal, &device, &command.uuid).await;
    assert!(next.is_none());
    let after = details(&portal, &cookie, &id).await;
    let locked = after.remote_lock.unwrap();
    assert_eq!(locked.state, ActionState::Succeeded);
    assert_eq!(locked.requested_at, START);
    assert_eq!(locked.finished_at, Some(START + 35));
    assert_eq!(after.summary.last_check_in_at, Some(START + 35));

    let list = notifications(&portal, &cookie).await.notifications;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, NotificationKind::RemoteLockSucceeded);
    assert_eq!(list[0].device_id, id);
    assert_eq!(list[0].device_name, "Alex's iPhone");
    assert_eq!(
        list[0].message,
        "Remote lock successful: Alex's iPhone is locked."
    );
    assert_eq!(list[0].created_at, START + 35);
    // Sam has none of Alex's notifications.
    let sam = portal.signed_in_cookie(SAM).await;
    assert!(notifications(&portal, &sam).await.notifications.is_empty());
}

#[tokio::test]
async fn a_lock_error_fails_with_the_devices_reason() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    lock(&portal, &cookie, &id).await;
    let command = idle(&portal, &device).await.unwrap();
    let reason = "The device cannot be locked: no passcode is set.";
    answer(
        &portal,
        &device,
        &command.uuid,
        "Error",
        error_chain(reason),
    )
    .await;

    let failed = details(&portal, &cookie, &id).await.remote_lock.unwrap();
    assert_eq!(failed.state, ActionState::Failed);
    assert_eq!(failed.failure.as_deref(), Some(reason));
    let device_error = CommandFailure {
        reason: CommandFailureReason::DeviceError,
        device_says: Some(reason.into()),
    };
    assert_eq!(failed.failure_reason.as_ref(), Some(&device_error));
    let list = notifications(&portal, &cookie).await.notifications;
    assert_eq!(list[0].kind, NotificationKind::RemoteLockFailed);
    assert_eq!(
        list[0].message,
        "Remote lock of Alex's iPhone failed: The device cannot be locked: no passcode is set."
    );
    // Every language gets how the device refused, and its own words.
    assert_eq!(
        list[0].details,
        Some(NotificationDetails {
            failure: Some(device_error),
            ..NotificationDetails::default()
        })
    );
    // A failed lock can be tried again.
    let again: DeviceDetails = lock(&portal, &cookie, &id).await.json();
    assert_eq!(again.remote_lock.unwrap().state, ActionState::Pending);
}

#[tokio::test]
async fn a_status_check_stores_the_facts_and_evaluates_compliance() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    let requested: DeviceDetails = check_status(&portal, &cookie, &id).await.json();
    let pending = requested.check_status.unwrap();
    assert_eq!(pending.state, ActionState::Pending);
    assert_eq!(pending.gives_up_at, Some(START + 120));

    // Two commands: DeviceInformation (no passcode query: iOS has none
    // there) and SecurityInfo, which reports the passcode.
    let command = idle(&portal, &device).await.unwrap();
    assert_eq!(command.request_type, "DeviceInformation");
    assert_eq!(
        queries_of(&command),
        [
            "DeviceName",
            "OSVersion",
            "BuildVersion",
            "ModelName",
            "ProductName"
        ]
    );
    portal.clock.advance(Duration::from_secs(20));
    let security = answer(
        &portal,
        &device,
        &command.uuid,
        "Acknowledged",
        query_responses("17.5"),
    )
    .await
    .expect("the SecurityInfo");
    assert_eq!(security.request_type, "SecurityInfo");
    assert_eq!(security.body.len(), 1, "{:?}", security.body);
    // Half answered: still pending, nothing evaluated or told yet.
    let half = details(&portal, &cookie, &id).await;
    assert_eq!(half.check_status.unwrap().state, ActionState::Pending);
    assert_eq!(half.compliance.state, ComplianceState::Unknown);
    assert!(notifications(&portal, &cookie)
        .await
        .notifications
        .is_empty());

    portal.clock.advance(Duration::from_secs(2));
    let next = answer(
        &portal,
        &device,
        &security.uuid,
        "Acknowledged",
        device::security_info(true),
    )
    .await;
    assert!(next.is_none());

    let after = details(&portal, &cookie, &id).await;
    let finished = after.check_status.unwrap();
    assert_eq!(finished.state, ActionState::Succeeded);
    assert_eq!(finished.finished_at, Some(START + 22));
    assert_eq!(after.compliance.state, ComplianceState::Compliant);
    assert_eq!(after.compliance.evaluated_at, Some(START + 22));
    assert!(after.compliance.issues.is_empty());
    assert_eq!(after.summary.os_version.as_deref(), Some("17.5"));
    assert_eq!(after.summary.display_name, "Alex's iPhone");
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(list.devices[0].compliance, ComplianceState::Compliant);
    assert_eq!(list.devices[0].last_check_in_at, Some(START + 22));
    let note = &notifications(&portal, &cookie).await.notifications[0];
    assert_eq!(note.kind, NotificationKind::CheckStatusFinished);
    assert_eq!(
        note.message,
        "Check status done: Alex's iPhone meets your organization's requirements."
    );
    assert_eq!(
        note.details,
        Some(NotificationDetails {
            compliance: Some(ComplianceState::Compliant),
            ..NotificationDetails::default()
        })
    );

    // An older iOS: out of compliance, with access for the grace period.
    portal.clock.advance(Duration::from_secs(60));
    checked(&portal, &cookie, &id, &device, "16.7.2").await;
    let failing = details(&portal, &cookie, &id).await;
    assert_eq!(failing.compliance.state, ComplianceState::InGracePeriod);
    assert_eq!(
        failing.compliance.access_until,
        Some(START + 82 + 3 * DAY as i64)
    );
    assert_eq!(failing.compliance.issues.len(), 1);
    assert_eq!(
        failing.compliance.issues[0].rule,
        ComplianceRule::MinimumOsVersion
    );
    assert_eq!(
        failing.compliance.issues[0].instruction,
        "Update iOS to 17.0 or later: Settings > General > Software Update"
    );
    let note = &notifications(&portal, &cookie).await.notifications[0];
    assert_eq!(
        note.message,
        "Check status done: Alex's iPhone has 1 issue to fix. Open it in My devices to \
         see what to do."
    );
    // What the check found, for every language: the state and the rules.
    assert_eq!(
        note.details,
        Some(NotificationDetails {
            compliance: Some(ComplianceState::InGracePeriod),
            failing_rules: vec![ComplianceRule::MinimumOsVersion],
            ..NotificationDetails::default()
        })
    );
    portal.clock.advance(Duration::from_secs(3 * DAY + 1));
    // The session ended meanwhile.
    let cookie = portal.signed_in_cookie(ALEX).await;
    let late = details(&portal, &cookie, &id).await;
    assert_eq!(late.compliance.state, ComplianceState::NotCompliant);
    assert_eq!(late.compliance.access_until, None);
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert_eq!(list.devices[0].compliance, ComplianceState::NotCompliant);
}

#[tokio::test]
async fn a_status_check_that_times_out_keeps_the_last_result() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    checked(&portal, &cookie, &id, &device, "17.4.1").await;
    let before = details(&portal, &cookie, &id).await.compliance;
    assert_eq!(before.state, ComplianceState::Compliant);

    portal.clock.advance(Duration::from_secs(600));
    check_status(&portal, &cookie, &id).await;
    portal.clock.advance(Duration::from_secs(120));
    let after = details(&portal, &cookie, &id).await;
    let timed_out = after.check_status.unwrap();
    assert_eq!(timed_out.state, ActionState::TimedOut);
    assert_eq!(timed_out.requested_at, START + 600);
    assert_eq!(timed_out.finished_at, Some(START + 720));
    assert_eq!(timed_out.gives_up_at, None);
    assert_eq!(after.compliance, before);

    let note = &notifications(&portal, &cookie).await.notifications[0];
    assert_eq!(note.kind, NotificationKind::CheckStatusTimedOut);
    assert_eq!(
        note.message,
        "Alex's iPhone didn't answer Check status in time. Make sure it's on and \
         connected to the internet, then try again."
    );
    assert_eq!(note.details, Some(NotificationDetails::default()));
    // The device polls later: the expired command isn't sent any more.
    assert!(idle(&portal, &device).await.is_none());
    // And a new status check may start.
    let again: DeviceDetails = check_status(&portal, &cookie, &id).await.json();
    assert_eq!(again.check_status.unwrap().state, ActionState::Pending);
}

#[tokio::test]
async fn removal_waits_for_the_device_and_ends_at_check_out() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    let reply = remove(&portal, &cookie, &id).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{}", reply.text());
    let pending: DeviceDetails = reply.json();
    let removal = pending.remove.unwrap();
    assert_eq!(removal.state, ActionState::Pending);
    assert_eq!(removal.gives_up_at, Some(START + 7 * DAY as i64));
    assert_eq!(pending.actions, [DeviceAction::Rename]);

    // Nothing else while it's on its way out; removing again is the same.
    let refused = lock(&portal, &cookie, &id).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let error = refused.error();
    assert_eq!(error.code, ErrorCode::RemovePending);
    assert_eq!(
        error.message,
        "This device is being removed, so it can't do that any more."
    );
    assert_eq!(
        remove(&portal, &cookie, &id).await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(action_commands(&portal, &id).await.len(), 1);

    let command = idle(&portal, &device).await.unwrap();
    assert_eq!(command.request_type, "RemoveProfile");
    assert_eq!(
        command.body["Identifier"].as_string(),
        device.profile["PayloadIdentifier"].as_string()
    );
    // The user removed the profile themselves before answering: CheckOut.
    let mut check_out = Dictionary::new();
    check_out.insert("MessageType".into(), "CheckOut".into());
    check_out.insert("UDID".into(), device::UDID.into());
    check_out.insert("Topic".into(), device.topic().into());
    let reply = device.put(&portal, routes::MDM_CHECKIN, check_out).await;
    assert_eq!(reply.status, StatusCode::OK);

    assert_eq!(
        portal
            .get_signed_in(&routes::device(&id.0), &cookie)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert!(list.devices.is_empty());
    assert!(portal
        .storage
        .commands_of_device(&id)
        .await
        .unwrap()
        .is_empty());
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NotificationKind::RemoveFinished);
    assert_eq!(
        notes[0].message,
        "Alex's iPhone was removed. It's no longer managed by your organization."
    );
}

#[tokio::test]
async fn removal_ends_when_the_device_acknowledges() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    remove(&portal, &cookie, &id).await;
    let command = idle(&portal, &device).await.unwrap();
    let next = acknowledge(&portal, &device, &command.uuid).await;
    assert!(next.is_none());
    assert_eq!(
        portal
            .get_signed_in(&routes::device(&id.0), &cookie)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The removal revoked the identity: the CheckOut that follows is
    // refused before it is read, and changes nothing.
    let mut check_out = Dictionary::new();
    check_out.insert("MessageType".into(), "CheckOut".into());
    check_out.insert("UDID".into(), device::UDID.into());
    check_out.insert("Topic".into(), device.topic().into());
    assert_eq!(
        device
            .put(&portal, routes::MDM_CHECKIN, check_out)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NotificationKind::RemoveFinished);
    // The device is unknown to the command channel now.
    let mut poll = Dictionary::new();
    poll.insert("Status".into(), "Idle".into());
    assert_eq!(
        device.put(&portal, routes::MDM_CONNECT, poll).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_removal_the_device_never_answers_removes_it_after_the_time_limit() {
    let portal = Portal::start().await;
    let (cookie, id, _device) = enrolled(&portal, ALEX).await;
    remove(&portal, &cookie, &id).await;
    portal.clock.advance(Duration::from_secs(7 * DAY - 1));
    // The session ended meanwhile.
    let cookie = portal.signed_in_cookie(ALEX).await;
    assert_eq!(
        details(&portal, &cookie, &id).await.remove.unwrap().state,
        ActionState::Pending
    );
    portal.clock.advance(Duration::from_secs(1));
    assert_eq!(
        portal
            .get_signed_in(&routes::device(&id.0), &cookie)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let list: DeviceList = portal.get_signed_in(routes::DEVICES, &cookie).await.json();
    assert!(list.devices.is_empty());
    // Still there after the fact (a reload).
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, NotificationKind::RemoveTimedOut);
    assert_eq!(notes[0].created_at, START + 7 * DAY as i64);
    assert_eq!(
        notes[0].message,
        "Alex's iPhone didn't answer within 7 days, so it was removed from the portal. If \
         it's still managed, remove the management profile on the device: Settings > \
         General > VPN & Device Management."
    );
    assert_eq!(
        notes[0].details,
        Some(NotificationDetails {
            waited_seconds: Some(7 * 24 * 60 * 60),
            ..NotificationDetails::default()
        })
    );
}

#[tokio::test]
async fn a_removal_the_device_refuses_fails_with_how_it_refused() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    remove(&portal, &cookie, &id).await;
    let command = idle(&portal, &device).await.unwrap();
    // The device could not read the command, and said nothing more.
    answer(
        &portal,
        &device,
        &command.uuid,
        "CommandFormatError",
        Dictionary::new(),
    )
    .await;
    let after = details(&portal, &cookie, &id).await;
    let failed = after.remove.unwrap();
    assert_eq!(failed.state, ActionState::Failed);
    assert_eq!(
        failed.failure.as_deref(),
        Some("The device couldn't read the request.")
    );
    let unreadable = CommandFailure {
        reason: CommandFailureReason::UnreadableCommand,
        device_says: None,
    };
    assert_eq!(failed.failure_reason.as_ref(), Some(&unreadable));
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].kind, NotificationKind::RemoveFailed);
    assert_eq!(
        notes[0].message,
        "Alex's iPhone couldn't be removed: The device couldn't read the request. Try again, \
         or contact your IT help desk."
    );
    assert_eq!(
        notes[0].details,
        Some(NotificationDetails {
            failure: Some(unreadable),
            ..NotificationDetails::default()
        })
    );
    // The device stays, and can be asked again.
    assert!(after.actions.contains(&DeviceAction::Remove));
}

#[tokio::test]
async fn notifications_are_newest_first() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    lock(&portal, &cookie, &id).await;
    let command = idle(&portal, &device).await.unwrap();
    acknowledge(&portal, &device, &command.uuid).await;
    portal.clock.advance(Duration::from_secs(5));
    checked(&portal, &cookie, &id, &device, "17.4.1").await;
    let kinds: Vec<_> = notifications(&portal, &cookie)
        .await
        .notifications
        .iter()
        .map(|n| n.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            NotificationKind::CheckStatusFinished,
            NotificationKind::RemoteLockSucceeded
        ]
    );
}

#[tokio::test]
async fn the_event_stream_sends_the_details_on_every_change() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    let response = portal
        .app
        .clone()
        .oneshot(
            Request::get(routes::device_events(&id.0))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let first = next_event(&mut body).await;
    assert_eq!(first.summary.id, id);
    assert_eq!(first.remote_lock, None);

    lock(&portal, &cookie, &id).await;
    let queued = next_event(&mut body).await;
    assert_eq!(queued.remote_lock.unwrap().state, ActionState::Pending);

    let command = idle(&portal, &device).await.unwrap();
    acknowledge(&portal, &device, &command.uuid).await;
    let mut done = next_event(&mut body).await;
    while done.remote_lock.as_ref().unwrap().state == ActionState::Pending {
        done = next_event(&mut body).await;
    }
    assert_eq!(done.remote_lock.unwrap().state, ActionState::Succeeded);
}

async fn next_event(body: &mut Body) -> DeviceDetails {
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

#[tokio::test]
async fn the_passcode_rule_uses_the_security_info_answer() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    check_status(&portal, &cookie, &id).await;
    let information = idle(&portal, &device).await.unwrap();
    // A PasscodePresent in QueryResponses is not iOS's and is not read.
    let mut responses = query_responses("17.4.1");
    if let Some(Value::Dictionary(r)) = responses.get_mut("QueryResponses") {
        r.insert("PasscodePresent".into(), Value::Boolean(true));
    }
    let security = answer(
        &portal,
        &device,
        &information.uuid,
        "Acknowledged",
        responses,
    )
    .await
    .unwrap();
    answer(
        &portal,
        &device,
        &security.uuid,
        "Acknowledged",
        device::security_info(false),
    )
    .await;
    let after = details(&portal, &cookie, &id).await;
    assert_eq!(after.check_status.unwrap().state, ActionState::Succeeded);
    assert_eq!(after.compliance.state, ComplianceState::InGracePeriod);
    let rules: Vec<_> = after.compliance.issues.iter().map(|i| i.rule).collect();
    assert_eq!(rules, [ComplianceRule::PasscodeRequired]);

    // With a passcode set, the next check is compliant.
    checked(&portal, &cookie, &id, &device, "17.4.1").await;
    let fixed = details(&portal, &cookie, &id).await;
    assert_eq!(fixed.compliance.state, ComplianceState::Compliant);
}

#[tokio::test]
async fn a_status_check_fails_when_either_command_fails() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    check_status(&portal, &cookie, &id).await;
    let information = idle(&portal, &device).await.unwrap();
    let reason = "The device is busy.";
    let security = answer(
        &portal,
        &device,
        &information.uuid,
        "Error",
        error_chain(reason),
    )
    .await
    .expect("the SecurityInfo still");
    // One answered with an error, one pending: still pending.
    assert_eq!(
        details(&portal, &cookie, &id)
            .await
            .check_status
            .unwrap()
            .state,
        ActionState::Pending
    );
    portal.clock.advance(Duration::from_secs(3));
    answer(
        &portal,
        &device,
        &security.uuid,
        "Acknowledged",
        device::security_info(true),
    )
    .await;
    let after = details(&portal, &cookie, &id).await;
    let failed = after.check_status.unwrap();
    assert_eq!(failed.state, ActionState::Failed);
    assert_eq!(failed.failure.as_deref(), Some(reason));
    assert_eq!(failed.finished_at, Some(START + 3));
    assert_eq!(after.compliance.state, ComplianceState::Unknown);
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].kind, NotificationKind::CheckStatusFailed);
    assert_eq!(
        notes[0].message,
        "Check status of Alex's iPhone failed: The device is busy."
    );
    assert_eq!(
        notes[0].details.as_ref().and_then(|d| d.failure.clone()),
        Some(CommandFailure {
            reason: CommandFailureReason::DeviceError,
            device_says: Some(reason.into()),
        })
    );
    // It can be tried again at once.
    let again: DeviceDetails = check_status(&portal, &cookie, &id).await.json();
    assert_eq!(again.check_status.unwrap().state, ActionState::Pending);
}

#[tokio::test]
async fn a_status_check_times_out_when_one_command_is_unanswered() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enrolled(&portal, ALEX).await;
    check_status(&portal, &cookie, &id).await;
    let information = idle(&portal, &device).await.unwrap();
    let security = answer(
        &portal,
        &device,
        &information.uuid,
        "Acknowledged",
        query_responses("17.5"),
    )
    .await
    .unwrap();
    assert_eq!(security.request_type, "SecurityInfo");
    portal.clock.advance(Duration::from_secs(120));
    let after = details(&portal, &cookie, &id).await;
    let timed_out = after.check_status.unwrap();
    assert_eq!(timed_out.state, ActionState::TimedOut);
    assert_eq!(timed_out.finished_at, Some(START + 120));
    // Half a status check evaluates nothing.
    assert_eq!(after.compliance.state, ComplianceState::Unknown);
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].kind, NotificationKind::CheckStatusTimedOut);
    // A late answer changes nothing.
    answer(
        &portal,
        &device,
        &security.uuid,
        "Acknowledged",
        device::security_info(true),
    )
    .await;
    assert_eq!(
        details(&portal, &cookie, &id)
            .await
            .check_status
            .unwrap()
            .state,
        ActionState::TimedOut
    );
}

#[tokio::test]
async fn the_name_follows_the_device_until_the_user_renames_it() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enroll(&portal, ALEX).await;
    // iOS said no name at check-in: the product family stands in.
    let before = details(&portal, &cookie, &id).await;
    assert_eq!(before.summary.display_name, "iPhone");
    assert_eq!(before.summary.model, "iPhone 15 Pro");
    assert_eq!(before.summary.os_version.as_deref(), Some("17.4.1"));

    // The first poll: the portal asks what iOS leaves out of Authenticate,
    // only what a device enrollment may ask.
    let information = idle(&portal, &device).await.expect("a DeviceInformation");
    assert_eq!(information.request_type, "DeviceInformation");
    assert_eq!(
        queries_of(&information),
        [
            "DeviceName",
            "ModelName",
            "ProductName",
            "OSVersion",
            "BuildVersion",
            "SerialNumber"
        ]
    );
    let web_clip = report_information(&portal, &device, &information, "Alex\u{1b}[31m's iPhone")
        .await
        .expect("the web clip");
    assert!(acknowledge(&portal, &device, &web_clip.uuid)
        .await
        .is_none());
    let named = details(&portal, &cookie, &id).await;
    // Control characters from the device are not kept.
    assert_eq!(named.summary.display_name, "Alex [31m's iPhone");
    // ModelName ("iPhone") does not replace what ProductName said.
    assert_eq!(named.summary.model, "iPhone 15 Pro");
    assert_eq!(named.summary.product_code.as_deref(), Some("iPhone16,1"));
    assert_eq!(named.serial_number.as_deref(), Some(device::SERIAL));
    // Not a status check: compliance is not evaluated from it.
    assert_eq!(named.compliance.state, ComplianceState::Unknown);
    assert_eq!(named.check_status, None);

    // Renamed on the device: a later answer follows it.
    check_status(&portal, &cookie, &id).await;
    let check = idle(&portal, &device).await.expect("the status check");
    let long_name = "Kitchen iPhone ".repeat(10);
    let security = report_information(&portal, &device, &check, &long_name)
        .await
        .unwrap();
    acknowledge(&portal, &device, &security.uuid).await;
    let followed = details(&portal, &cookie, &id).await.summary.display_name;
    assert_eq!(followed.chars().count(), 64, "{followed:?}");
    assert!(followed.starts_with("Kitchen iPhone Kitchen"));

    // Renamed in the portal: the user's name stays.
    assert_eq!(
        rename(&portal, &cookie, &id, "Work phone").await.status,
        StatusCode::OK
    );
    checked(&portal, &cookie, &id, &device, "17.4.1").await;
    let kept = details(&portal, &cookie, &id).await;
    assert_eq!(kept.summary.display_name, "Work phone");
}
