//! The MDM commands behind the user's actions, and what the device's
//! answers do.
//!
//! | Action | Command | Acknowledged | Error |
//! | --- | --- | --- | --- |
//! | remote lock | `DeviceLock` | Succeeded | Failed, with the device's reason |
//! | status check | `DeviceInformation` | facts stored, compliance evaluated | Failed |
//! | removal | `RemoveProfile` | the device is forgotten | Failed |
//!
//! `NotNow` puts the command back in the queue for the next poll. Each
//! outcome leaves a notification for the device's owner.
//!
//! The portal also sends commands of its own, with no user action behind
//! them: `InstallProfile` of the managed web clip after enrollment
//! (`devices::web_clip`). Their answers are recorded on the command and
//! logged; they change no action's state and notify no one.

use plist::{Dictionary, Value};
use portal_api::{ComplianceState, NotificationKind};

use super::{
    evaluate_and_store, forget, notify, remote_lock_failed_message, remote_lock_succeeded_message,
    removal_failed_message, status_check_failed_message,
};
use crate::clock::Timestamp;
use crate::error::AppError;
use crate::storage::{ActionKind, CommandState, DeviceRecord, NewCommand, ReportedFacts};
use crate::AppState;

/// What `DeviceInformation` asks for: what compliance and the details page
/// need, nothing more.
pub const STATUS_QUERIES: [&str; 5] = [
    "OSVersion",
    "BuildVersion",
    "PasscodePresent",
    "ModelName",
    "ProductName",
];

/// When the device gives no reason of its own.
pub const NO_REASON: &str = "The device didn't say why.";
pub const FORMAT_ERROR_REASON: &str = "The device couldn't read the request.";

/// `DeviceLock`: waits for the device however long it takes (there is no
/// time limit on locking).
pub fn device_lock() -> Result<NewCommand, AppError> {
    command(
        "DeviceLock",
        Dictionary::new(),
        Some(ActionKind::RemoteLock),
        None,
    )
}

/// `DeviceInformation` with [`STATUS_QUERIES`].
pub fn device_information(gives_up_at: Timestamp) -> Result<NewCommand, AppError> {
    let mut fields = Dictionary::new();
    fields.insert(
        "Queries".into(),
        Value::Array(STATUS_QUERIES.iter().map(|q| Value::from(*q)).collect()),
    );
    command(
        "DeviceInformation",
        fields,
        Some(ActionKind::StatusCheck),
        Some(gives_up_at),
    )
}

/// `RemoveProfile` of the enrollment profile (its top-level
/// `PayloadIdentifier`): removing it unenrolls the device.
pub fn remove_profile(identifier: &str, gives_up_at: Timestamp) -> Result<NewCommand, AppError> {
    let mut fields = Dictionary::new();
    fields.insert("Identifier".into(), identifier.into());
    command(
        "RemoveProfile",
        fields,
        Some(ActionKind::Removal),
        Some(gives_up_at),
    )
}

/// `InstallProfile` with the configuration profile (`.mobileconfig` bytes)
/// as its `Payload`. The portal's own command: no user action, no time
/// limit (a device that postpones it gets it again on a later poll).
pub fn install_profile(profile: Vec<u8>) -> Result<NewCommand, AppError> {
    let mut fields = Dictionary::new();
    fields.insert("Payload".into(), Value::Data(profile));
    command("InstallProfile", fields, None, None)
}

/// `{CommandUUID, Command: {RequestType, ...fields}}` as an XML plist.
fn command(
    request_type: &str,
    fields: Dictionary,
    action: Option<ActionKind>,
    gives_up_at: Option<Timestamp>,
) -> Result<NewCommand, AppError> {
    // Upper case, as Apple writes UUIDs.
    let command_uuid = uuid::Uuid::new_v4().to_string().to_uppercase();
    let mut body = Dictionary::new();
    body.insert("RequestType".into(), request_type.into());
    for (key, value) in fields {
        body.insert(key, value);
    }
    let mut envelope = Dictionary::new();
    envelope.insert("CommandUUID".into(), command_uuid.clone().into());
    envelope.insert("Command".into(), Value::Dictionary(body));
    let mut payload = Vec::new();
    plist::to_writer_xml(&mut payload, &Value::Dictionary(envelope)).map_err(|error| {
        AppError::Internal(format!("writing a {request_type} command: {error}"))
    })?;
    Ok(NewCommand {
        command_uuid,
        request_type: request_type.to_owned(),
        payload,
        action,
        gives_up_at,
    })
}

/// A command result from the device: `{Status, CommandUUID, ...}`.
#[derive(Debug, Clone)]
pub struct CommandResult<'a> {
    pub status: &'a str,
    pub command_uuid: &'a str,
    pub message: &'a Dictionary,
}

impl CommandResult<'_> {
    /// The state the answer puts the command in, and the reason for an error.
    fn outcome(&self) -> (CommandState, Option<String>) {
        match self.status {
            "Acknowledged" => (CommandState::Acknowledged, None),
            "NotNow" => (CommandState::Queued, None),
            "CommandFormatError" => (CommandState::Error, Some(FORMAT_ERROR_REASON.to_owned())),
            // "Error", and any status this server does not know yet.
            _ => (CommandState::Error, Some(error_reason(self.message))),
        }
    }
}

/// The device's own words from `ErrorChain`: the first entry's
/// `LocalizedDescription`, else its `USEnglishDescription`.
pub fn error_reason(message: &Dictionary) -> String {
    let entries = message
        .get("ErrorChain")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    entries
        .iter()
        .filter_map(Value::as_dictionary)
        .find_map(|entry| {
            ["LocalizedDescription", "USEnglishDescription"]
                .iter()
                .find_map(|key| entry.get(key).and_then(Value::as_string))
                .map(str::trim)
                .filter(|text| !text.is_empty())
        })
        .map_or_else(|| NO_REASON.to_owned(), str::to_owned)
}

/// The facts in a `DeviceInformation` answer's `QueryResponses`.
pub fn reported_facts(message: &Dictionary) -> ReportedFacts {
    let Some(responses) = message.get("QueryResponses").and_then(Value::as_dictionary) else {
        return ReportedFacts::default();
    };
    let text = |key: &str| {
        responses
            .get(key)
            .and_then(Value::as_string)
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    };
    ReportedFacts {
        os_version: text("OSVersion"),
        build_version: text("BuildVersion"),
        // DeviceName is left out on purpose: the portal's name is the user's.
        model: text("ModelName").or_else(|| text("ProductName")),
        passcode_present: responses.get("PasscodePresent").and_then(Value::as_boolean),
    }
}

/// Applies a command result to the device and its action. Returns whether
/// the device is gone now (it acknowledged its removal).
pub async fn apply_result(
    state: &AppState,
    device: &DeviceRecord,
    result: &CommandResult<'_>,
    now: Timestamp,
) -> Result<bool, AppError> {
    let id = &device.summary.id;
    let (new_state, reason) = result.outcome();
    let Some(command) = state
        .storage
        .record_command_result(id, result.command_uuid, new_state, reason.as_deref(), now)
        .await?
    else {
        // Unknown, already answered, or answered after the portal gave up:
        // the action's outcome stands.
        tracing::warn!(device = %id.0, command = result.command_uuid, status = result.status,
            "result for no pending command");
        return Ok(false);
    };
    tracing::info!(device = %id.0, command = %command.command_uuid,
        request_type = %command.request_type, status = result.status, "MDM command result");
    let name = &device.summary.display_name;
    let reason = reason.unwrap_or_else(|| NO_REASON.to_owned());
    let mut gone = false;
    match (command.action, new_state) {
        (_, CommandState::Queued) => {
            tracing::info!(device = %id.0, command = %command.command_uuid, "NotNow: requeued");
        }
        (Some(ActionKind::RemoteLock), CommandState::Acknowledged) => {
            let message = remote_lock_succeeded_message(name);
            notify(
                state,
                device,
                NotificationKind::RemoteLockSucceeded,
                message,
                now,
            )
            .await?;
        }
        (Some(ActionKind::RemoteLock), _) => {
            let message = remote_lock_failed_message(name, &reason);
            notify(
                state,
                device,
                NotificationKind::RemoteLockFailed,
                message,
                now,
            )
            .await?;
        }
        (Some(ActionKind::StatusCheck), CommandState::Acknowledged) => {
            status_reported(state, device, result.message, now).await?;
        }
        (Some(ActionKind::StatusCheck), _) => {
            let message = status_check_failed_message(name, &reason);
            notify(
                state,
                device,
                NotificationKind::StatusCheckFinished,
                message,
                now,
            )
            .await?;
        }
        (Some(ActionKind::Removal), CommandState::Acknowledged) => {
            forget(state, device, now).await?;
            gone = true;
        }
        (Some(ActionKind::Removal), _) => {
            let message = removal_failed_message(name, &reason);
            notify(state, device, NotificationKind::Other, message, now).await?;
        }
        (None, CommandState::Error) => {
            // Nobody is waiting for it on a page: the log and the command's
            // stored error are where an operator finds out.
            tracing::warn!(device = %id.0, command = %command.command_uuid,
                request_type = %command.request_type, status = result.status,
                reason = %reason, "the device refused a command of the portal's own");
            return Ok(false);
        }
        (None, _) => return Ok(false),
    }
    state.device_events.publish(id);
    Ok(gone)
}

/// Stores the facts of a status check, evaluates compliance on them and
/// tells the owner the result.
async fn status_reported(
    state: &AppState,
    device: &DeviceRecord,
    message: &Dictionary,
    now: Timestamp,
) -> Result<(), AppError> {
    let id = &device.summary.id;
    let facts = reported_facts(message);
    state.storage.save_device_facts(id, &facts, now).await?;
    let Some(updated) = state.storage.device_record(id).await? else {
        return Ok(());
    };
    let settings = crate::enrollment::settings_of_user(state, updated.user_id).await?;
    let report = evaluate_and_store(state, &updated, &settings, now).await?;
    let name = &updated.summary.display_name;
    let message = match report.state {
        ComplianceState::Compliant => {
            format!("Status check finished: {name} meets your organization's requirements.")
        }
        ComplianceState::InGracePeriod | ComplianceState::NotCompliant => {
            let count = report.issues.len();
            let issues = if count == 1 { "issue" } else { "issues" };
            format!(
                "Status check finished: {name} has {count} {issues} to fix. Open it in My \
                 devices to see what to do."
            )
        }
        ComplianceState::Unknown => format!("Status check finished for {name}."),
    };
    tracing::info!(device = %id.0, compliance = ?report.state, "status check finished");
    notify(
        state,
        &updated,
        NotificationKind::StatusCheckFinished,
        message,
        now,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_envelopes_with_a_request_type() {
        let lock = device_lock().unwrap();
        let parsed: Dictionary = plist::from_bytes(&lock.payload).unwrap();
        assert_eq!(
            parsed["CommandUUID"].as_string(),
            Some(lock.command_uuid.as_str())
        );
        let body = parsed["Command"].as_dictionary().unwrap();
        assert_eq!(body["RequestType"].as_string(), Some("DeviceLock"));
        assert_eq!(lock.gives_up_at, None);

        let info = device_information(42).unwrap();
        let parsed: Dictionary = plist::from_bytes(&info.payload).unwrap();
        let queries: Vec<&str> = parsed["Command"].as_dictionary().unwrap()["Queries"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_string)
            .collect();
        assert_eq!(queries, STATUS_QUERIES);
        assert_eq!(info.gives_up_at, Some(42));

        let remove = remove_profile("example.contoso.portal.enrollment", 7).unwrap();
        let parsed: Dictionary = plist::from_bytes(&remove.payload).unwrap();
        let body = parsed["Command"].as_dictionary().unwrap();
        assert_eq!(body["RequestType"].as_string(), Some("RemoveProfile"));
        assert_eq!(
            body["Identifier"].as_string(),
            Some("example.contoso.portal.enrollment")
        );
        assert_eq!(remove.action, Some(ActionKind::Removal));

        let install = install_profile(b"<plist/>".to_vec()).unwrap();
        let parsed: Dictionary = plist::from_bytes(&install.payload).unwrap();
        let body = parsed["Command"].as_dictionary().unwrap();
        assert_eq!(body["RequestType"].as_string(), Some("InstallProfile"));
        assert_eq!(body["Payload"].as_data(), Some(&b"<plist/>"[..]));
        assert_eq!((install.action, install.gives_up_at), (None, None));
    }

    #[test]
    fn the_error_reason_is_the_devices_own_words() {
        let mut entry = Dictionary::new();
        entry.insert("ErrorCode".into(), Value::Integer(12067.into()));
        entry.insert(
            "USEnglishDescription".into(),
            "The device cannot be locked: no passcode is set.".into(),
        );
        let mut message = Dictionary::new();
        message.insert(
            "ErrorChain".into(),
            Value::Array(vec![Value::Dictionary(entry.clone())]),
        );
        assert_eq!(
            error_reason(&message),
            "The device cannot be locked: no passcode is set."
        );
        entry.insert("LocalizedDescription".into(), "Localized.".into());
        message.insert(
            "ErrorChain".into(),
            Value::Array(vec![Value::Dictionary(entry)]),
        );
        assert_eq!(error_reason(&message), "Localized.");
        assert_eq!(error_reason(&Dictionary::new()), NO_REASON);
    }

    #[test]
    fn facts_come_from_the_query_responses_without_the_device_name() {
        let mut responses = Dictionary::new();
        responses.insert("OSVersion".into(), "17.5".into());
        responses.insert("BuildVersion".into(), "21F79".into());
        responses.insert("PasscodePresent".into(), Value::Boolean(false));
        responses.insert("ProductName".into(), "iPhone16,1".into());
        responses.insert("DeviceName".into(), "Renamed on the device".into());
        let mut message = Dictionary::new();
        message.insert("QueryResponses".into(), Value::Dictionary(responses));
        assert_eq!(
            reported_facts(&message),
            ReportedFacts {
                os_version: Some("17.5".into()),
                build_version: Some("21F79".into()),
                model: Some("iPhone16,1".into()),
                passcode_present: Some(false),
            }
        );
        assert_eq!(reported_facts(&Dictionary::new()), ReportedFacts::default());
    }
}
