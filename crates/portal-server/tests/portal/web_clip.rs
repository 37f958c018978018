//! The managed web clip: after a device enrolls, an `InstallProfile` with
//! a `com.apple.webClip.managed` payload waits for its first poll, when the
//! organization wants it; the device's answer is recorded and changes none
//! of the user's actions.

use axum::http::StatusCode;
use plist::Dictionary;
use portal_api::{ActionState, DeviceAction, DeviceDetails, DeviceId};
use portal_server::organization::{self, OrganizationChanges};
use portal_server::storage::CommandStore;
use portal_server::storage::{CommandRecord, CommandState};

use crate::self_service::{
    acknowledge, answer, details, enroll, error_chain, first_poll, idle, lock, notifications, Sent,
};
use crate::support::{Portal, ALEX, PUBLIC_URL, TOUCH_ICON};

const WEB_CLIP: &str = "com.apple.webClip.managed";

/// The profile inside an `InstallProfile` command.
fn profile_of(command: &Sent) -> Dictionary {
    assert_eq!(command.request_type, "InstallProfile");
    let payload = command.body["Payload"]
        .as_data()
        .expect("Payload is plist data");
    let profile: Dictionary = plist::from_bytes(payload).expect("the Payload is a profile");
    mdm_schema::check_configuration_profile(&crate::support::schema_context(), &profile).unwrap();
    profile
}

/// The one web clip payload of a profile.
fn web_clip_payload(profile: &Dictionary) -> Dictionary {
    let content = profile["PayloadContent"].as_array().unwrap();
    assert_eq!(content.len(), 1, "{content:?}");
    content[0].as_dictionary().unwrap().clone()
}

/// The device's InstallProfile commands (not the DeviceInformation that
/// comes first after enrollment).
async fn commands(portal: &Portal, id: &DeviceId) -> Vec<CommandRecord> {
    let all = portal.storage.commands_of_device(id).await.unwrap();
    all.into_iter()
        .filter(|c| c.request_type == "InstallProfile")
        .collect()
}

/// What a device's page shows when no user action was ever requested.
fn untouched(shown: &DeviceDetails) {
    assert_eq!(shown.remote_lock, None);
    assert_eq!(shown.check_status, None);
    assert_eq!(shown.remove, None);
    assert_eq!(
        shown.actions,
        [
            DeviceAction::Rename,
            DeviceAction::RemoteLock,
            DeviceAction::CheckStatus,
            DeviceAction::Remove
        ]
    );
}

async fn set_web_clip(portal: &Portal, enabled: bool) {
    let changes = OrganizationChanges {
        managed_web_clip: Some(enabled),
        ..Default::default()
    };
    organization::change_organization(portal.storage.as_ref(), portal.clock.as_ref(), &changes)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_first_poll_after_enrolling_installs_the_portal_on_the_home_screen() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enroll(&portal, ALEX).await;

    let command = first_poll(&portal, &device).await.expect("the web clip");
    let profile = profile_of(&command);
    assert_eq!(profile["PayloadType"].as_string(), Some("Configuration"));
    assert_eq!(
        profile["PayloadIdentifier"].as_string(),
        Some("example.contoso.portal.webclip")
    );
    let clip = web_clip_payload(&profile);
    assert_eq!(clip["PayloadType"].as_string(), Some(WEB_CLIP));
    assert_eq!(
        clip["URL"].as_string(),
        Some(format!("{PUBLIC_URL}/devices").as_str())
    );
    assert_eq!(clip["Label"].as_string(), Some("Contoso"));
    assert_eq!(clip["FullScreen"].as_boolean(), Some(true));
    assert_eq!(clip["IsRemovable"].as_boolean(), Some(true));
    assert_eq!(clip["Icon"].as_data(), Some(TOUCH_ICON));

    // Sent, not answered: still nothing on the device's page.
    untouched(&details(&portal, &cookie, &id).await);

    let next = acknowledge(&portal, &device, &command.uuid).await;
    assert!(next.is_none());
    let stored = commands(&portal, &id).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].request_type, "InstallProfile");
    assert_eq!(stored[0].state, CommandState::Acknowledged);
    assert_eq!(stored[0].action, None);
    untouched(&details(&portal, &cookie, &id).await);
    assert!(notifications(&portal, &cookie)
        .await
        .notifications
        .is_empty());
    // Installed once: later polls and token refreshes bring nothing more.
    assert_eq!(device.token_update(&portal).await.status, StatusCode::OK);
    assert!(idle(&portal, &device).await.is_none());
    assert_eq!(commands(&portal, &id).await.len(), 1);
}

#[tokio::test]
async fn a_refused_web_clip_is_recorded_and_fails_no_action() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enroll(&portal, ALEX).await;
    let command = first_poll(&portal, &device).await.expect("the web clip");
    let next = answer(
        &portal,
        &device,
        &command.uuid,
        "Error",
        error_chain("The profile couldn't be installed."),
    )
    .await;
    assert!(next.is_none());

    let stored = commands(&portal, &id).await;
    assert_eq!(stored[0].state, CommandState::Error);
    assert_eq!(
        stored[0].error_text.as_deref(),
        Some("The profile couldn't be installed.")
    );
    untouched(&details(&portal, &cookie, &id).await);
    assert!(notifications(&portal, &cookie)
        .await
        .notifications
        .is_empty());

    // The user's actions work as ever.
    lock(&portal, &cookie, &id).await;
    let command = idle(&portal, &device).await.expect("the lock");
    assert_eq!(command.request_type, "DeviceLock");
    acknowledge(&portal, &device, &command.uuid).await;
    let shown = details(&portal, &cookie, &id).await;
    assert_eq!(shown.remote_lock.unwrap().state, ActionState::Succeeded);
}

#[tokio::test]
async fn a_users_action_goes_before_a_postponed_web_clip() {
    let portal = Portal::start().await;
    let (cookie, id, device) = enroll(&portal, ALEX).await;

    // The device postpones the web clip (NotNow), then the user locks it.
    let web_clip = first_poll(&portal, &device).await.expect("the web clip");
    assert!(answer(
        &portal,
        &device,
        &web_clip.uuid,
        "NotNow",
        Dictionary::new()
    )
    .await
    .is_none());
    lock(&portal, &cookie, &id).await;

    // The lock comes first; the web clip follows in the same conversation.
    let first = idle(&portal, &device).await.expect("a command");
    assert_eq!(first.request_type, "DeviceLock");
    let second = acknowledge(&portal, &device, &first.uuid)
        .await
        .expect("the web clip again");
    assert_eq!(second.uuid, web_clip.uuid);
    assert!(acknowledge(&portal, &device, &second.uuid).await.is_none());

    let shown = details(&portal, &cookie, &id).await;
    assert_eq!(shown.remote_lock.unwrap().state, ActionState::Succeeded);
    let notes = notifications(&portal, &cookie).await.notifications;
    assert_eq!(notes.len(), 1, "only the lock's: {notes:?}");
}

#[tokio::test]
async fn without_the_setting_no_web_clip_is_queued() {
    let portal = Portal::start().await;
    set_web_clip(&portal, false).await;
    let (_cookie, id, device) = enroll(&portal, ALEX).await;
    assert!(first_poll(&portal, &device).await.is_none());
    assert!(commands(&portal, &id).await.is_empty());
}

#[tokio::test]
async fn without_an_icon_file_the_web_clip_has_no_icon() {
    let portal = Portal::start().await;
    std::fs::remove_file(portal.dir.path().join("dist").join("apple-touch-icon.png")).unwrap();
    let (_cookie, _id, device) = enroll(&portal, ALEX).await;
    let command = first_poll(&portal, &device).await.expect("the web clip");
    let clip = web_clip_payload(&profile_of(&command));
    assert!(!clip.contains_key("Icon"), "{clip:?}");
    assert_eq!(clip["Label"].as_string(), Some("Contoso"));
}

/// Each device gets its own web clip, and one device's answer can't settle
/// another's.
#[tokio::test]
async fn each_enrolled_device_gets_its_own_web_clip() {
    let portal = Portal::start().await;
    let (_alex, alex_id, alex_device) = enroll(&portal, ALEX).await;
    // Sam's demo profile is account-driven user enrollment; this test wants
    // two web-enrolled devices.
    crate::support::leave_byod_group(&portal, crate::support::SAM).await;
    let (_sam, sam_id, sam_device) = enroll(&portal, crate::support::SAM).await;
    let alex_clip = first_poll(&portal, &alex_device)
        .await
        .expect("Alex's web clip");
    let sam_clip = first_poll(&portal, &sam_device)
        .await
        .expect("Sam's web clip");
    assert_ne!(alex_clip.uuid, sam_clip.uuid);
    // Answering another device's command changes nothing.
    let next = acknowledge(&portal, &alex_device, &sam_clip.uuid).await;
    assert!(next.is_some(), "Alex's own web clip is still waiting");
    assert_eq!(
        commands(&portal, &sam_id).await[0].state,
        CommandState::Sent
    );
    assert_eq!(
        commands(&portal, &alex_id).await[0].state,
        CommandState::Sent
    );
}
