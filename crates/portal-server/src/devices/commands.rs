//! The MDM commands behind the user's actions, and what the device's
//! answers do.
//!
//! | Action | Commands | All acknowledged | An error |
//! | --- | --- | --- | --- |
//! | remote lock | `DeviceLock` | Succeeded | Failed, with the device's reason |
//! | status check | `DeviceInformation` + `SecurityInfo` | facts stored, compliance evaluated | Failed |
//! | removal | `RemoveProfile` | the device is forgotten | Failed |
//!
//! A status check needs two commands, because iOS reports the passcode
//! only in `SecurityInfo` (`SecurityInfo.PasscodePresent`) and the OS
//! version only in `DeviceInformation`. Both are queued as one request; it
//! stays pending until both are answered, fails if either fails, and times
//! out if either is not answered in time.
//!
//! `NotNow` puts the command back in the queue for the next poll. Each
//! outcome leaves a notification for the device's owner.
//!
//! The portal also sends commands of its own, with no user action behind
//! them: `DeviceInformation` right after enrollment (iOS does not say its
//! name or model at check-in; the answer fills them in), and `InstallProfile`
//! of the managed web clip (`devices::web_clip`). Their answers are
//! recorded on the command and logged; they change no action's state and
//! notify no one.

use plist::{Dictionary, Value};
use portal_api::{
    CommandFailure, CommandFailureReason, ComplianceState, EnrollmentType, NotificationDetails,
    NotificationKind,
};

use super::{
    check_status_failed_message, check_status_timed_out_message, evaluate_and_store, forget,
    notify, remote_lock_failed_message, remote_lock_succeeded_message, remove_failed_message,
};
use crate::clock::Timestamp;
use crate::error::AppError;
use crate::mdm::reported::{self, ReportedTextError, MAX_REPORTED_CHARS};
use portal_api::DeviceAction;

use crate::storage::{CommandState, DeviceRecord, NewCommand, ReportedFacts};
use crate::AppState;

/// What a status check's `DeviceInformation` asks for: what compliance and
/// the details page need, nothing more. (The passcode is `SecurityInfo`'s.)
pub const STATUS_QUERIES: [&str; 5] = [
    "DeviceName",
    "OSVersion",
    "BuildVersion",
    "ModelName",
    "ProductName",
];

/// What the `DeviceInformation` right after a device enrollment asks for:
/// the facts iOS leaves out of `Authenticate`. All are allowed on a device
/// enrollment and need only the Device Information access right.
pub const ENROLLMENT_QUERIES: [&str; 6] = [
    "DeviceName",
    "ModelName",
    "ProductName",
    "OSVersion",
    "BuildVersion",
    "SerialNumber",
];

/// When the device gives no reason of its own.
pub const NO_REASON: &str = "The device didn't say why.";
pub const FORMAT_ERROR_REASON: &str = "The device couldn't read the request.";

/// Why the device refused a command, in English: its own words when it
/// gave any (the SPA says the rest in the person's language).
pub fn failure_words(failure: &CommandFailure) -> String {
    match failure.reason {
        CommandFailureReason::UnreadableCommand => FORMAT_ERROR_REASON.to_owned(),
        CommandFailureReason::DeviceError | CommandFailureReason::Unknown => failure
            .device_says
            .clone()
            .unwrap_or_else(|| NO_REASON.to_owned()),
    }
}

/// `DeviceLock`: waits for the device however long it takes (there is no
/// time limit on locking).
pub fn device_lock() -> Result<NewCommand, AppError> {
    command(
        "DeviceLock",
        Dictionary::new(),
        Some(DeviceAction::RemoteLock),
        None,
    )
}

/// A status check: `DeviceInformation` with [`STATUS_QUERIES`] and
/// `SecurityInfo`, as one request (the first command's UUID) with one time
/// limit.
pub fn check_status(gives_up_at: Timestamp) -> Result<Vec<NewCommand>, AppError> {
    let information = device_information(
        &STATUS_QUERIES,
        Some(DeviceAction::CheckStatus),
        Some(gives_up_at),
    )?;
    let mut security = command(
        "SecurityInfo",
        Dictionary::new(),
        Some(DeviceAction::CheckStatus),
        Some(gives_up_at),
    )?;
    security.request_id = Some(information.command_uuid.clone());
    Ok(vec![information, security])
}

/// The portal's own `DeviceInformation` right after enrollment. A user
/// enrollment may not ask for the serial number.
pub fn enrollment_information(enrollment_type: EnrollmentType) -> Result<NewCommand, AppError> {
    let queries: Vec<&str> = ENROLLMENT_QUERIES
        .iter()
        .copied()
        .filter(|query| {
            enrollment_type == EnrollmentType::DeviceEnrollment || *query != "SerialNumber"
        })
        .collect();
    device_information(&queries, None, None)
}

/// The commands the portal sends that Apple's schema allows under user
/// enrollment (`supportedOS.iOS.userenrollment`): no erase, no clearing
/// the passcode.
pub const USER_ENROLLMENT_COMMANDS: [&str; 5] = [
    "DeviceLock",
    "DeviceInformation",
    "SecurityInfo",
    "InstallProfile",
    "RemoveProfile",
];

/// The `DeviceInformation` queries a user enrollment may not ask.
pub const USER_ENROLLMENT_FORBIDDEN_QUERIES: [&str; 4] = ["UDID", "SerialNumber", "IMEI", "MEID"];

/// Whether `command` may be sent to a device enrolled this way.
pub fn allowed_for(enrollment_type: EnrollmentType, command: &NewCommand) -> bool {
    if enrollment_type == EnrollmentType::DeviceEnrollment {
        return true;
    }
    if !USER_ENROLLMENT_COMMANDS.contains(&command.request_type.as_str()) {
        return false;
    }
    let Ok(Value::Dictionary(plist)) = plist::from_bytes::<Value>(&command.payload) else {
        return false;
    };
    let queries = plist
        .get("Command")
        .and_then(Value::as_dictionary)
        .and_then(|body| body.get("Queries"))
        .and_then(Value::as_array);
    !queries.is_some_and(|queries| {
        queries
            .iter()
            .filter_map(Value::as_string)
            .any(|query| USER_ENROLLMENT_FORBIDDEN_QUERIES.contains(&query))
    })
}

/// `DeviceInformation` with `queries`.
fn device_information(
    queries: &[&str],
    action: Option<DeviceAction>,
    gives_up_at: Option<Timestamp>,
) -> Result<NewCommand, AppError> {
    let mut fields = Dictionary::new();
    fields.insert(
        "Queries".into(),
        Value::Array(queries.iter().map(|q| Value::from(*q)).collect()),
    );
    command("DeviceInformation", fields, action, gives_up_at)
}

/// `RemoveProfile` of the enrollment profile (its top-level
/// `PayloadIdentifier`): removing it unenrolls the device.
pub fn remove_profile(identifier: &str, gives_up_at: Timestamp) -> Result<NewCommand, AppError> {
    let mut fields = Dictionary::new();
    fields.insert("Identifier".into(), identifier.into());
    command(
        "RemoveProfile",
        fields,
        Some(DeviceAction::Remove),
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
    action: Option<DeviceAction>,
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
        request_id: None,
    })
}

/// A command result from the device: `{Status, CommandUUID, ...}`.
#[derive(Debug, Clone)]
pub struct CommandResult<'a> {
    pub status: &'a str,
    pub command_uuid: &'a str,
    pub message: &'a Dictionary,
    /// What the result reports about the device (checked by [`reported_facts`]).
    pub facts: ReportedFacts,
}

impl CommandResult<'_> {
    /// The state the answer puts the command in, and how the device
    /// refused it.
    fn outcome(&self) -> (CommandState, Option<CommandFailure>) {
        match self.status {
            "Acknowledged" => (CommandState::Acknowledged, None),
            "NotNow" => (CommandState::Queued, None),
            "CommandFormatError" => (
                CommandState::Error,
                Some(CommandFailure {
                    reason: CommandFailureReason::UnreadableCommand,
                    device_says: None,
                }),
            ),
            // "Error", and any status this server does not know yet.
            _ => (
                CommandState::Error,
                Some(CommandFailure {
                    reason: CommandFailureReason::DeviceError,
                    device_says: device_says(self.message),
                }),
            ),
        }
    }
}

/// The device's own words from `ErrorChain`: the first entry's
/// `LocalizedDescription`, else its `USEnglishDescription` (cleaned and cut
/// to [`MAX_REPORTED_CHARS`]: it is shown to people). `None` when it gave
/// none.
pub fn device_says(message: &Dictionary) -> Option<String> {
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
                .and_then(|text| reported::human_text(text, MAX_REPORTED_CHARS))
        })
}

/// The facts in a result: `QueryResponses` of a `DeviceInformation`
/// answer, `SecurityInfo` of a `SecurityInfo` answer. An identifier that is
/// too long or holds control characters refuses the whole result.
pub fn reported_facts(message: &Dictionary) -> Result<ReportedFacts, ReportedTextError> {
    let mut facts = ReportedFacts::default();
    if let Some(responses) = message.get("QueryResponses").and_then(Value::as_dictionary) {
        let text = |key: &str| match responses.get(key).and_then(Value::as_string) {
            Some(value) => reported::identifier(key, value),
            None => Ok(None),
        };
        facts.device_name = responses
            .get("DeviceName")
            .and_then(Value::as_string)
            .and_then(reported::device_name);
        facts.os_version = text("OSVersion")?;
        facts.build_version = text("BuildVersion")?;
        // ProductName ("iPhone16,1") says exactly which model it is (the
        // portal shows its marketing name); ModelName ("iPhone") only the
        // family, when the product is missing.
        facts.model = text("ProductName")?.or(text("ModelName")?);
        facts.serial_number = text("SerialNumber")?;
    }
    if let Some(security) = message.get("SecurityInfo").and_then(Value::as_dictionary) {
        // A user-enrolled device may not say whether it has a passcode,
        // only whether its passcode is compliant: that answers the
        // passcode rule as well.
        facts.passcode_present = security
            .get("PasscodePresent")
            .or_else(|| security.get("PasscodeCompliant"))
            .and_then(Value::as_boolean);
    }
    Ok(facts)
}

/// The part of `facts` the command asked for: a result carries only what
/// its request type reports.
fn facts_of(request_type: &str, facts: &ReportedFacts) -> Option<ReportedFacts> {
    match request_type {
        "DeviceInformation" => Some(ReportedFacts {
            passcode_present: None,
            ..facts.clone()
        }),
        "SecurityInfo" => Some(ReportedFacts {
            passcode_present: facts.passcode_present,
            ..ReportedFacts::default()
        }),
        _ => None,
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
    let (new_state, failure) = result.outcome();
    let Some(command) = state
        .storage
        .record_command_result(id, result.command_uuid, new_state, failure.as_ref(), now)
        .await?
    else {
        // Unknown, already answered, or answered after the portal gave up:
        // the action's outcome stands.
        tracing::warn!(device = %id.0, command = ?result.command_uuid, status = ?result.status,
            "result for no pending command");
        return Ok(false);
    };
    tracing::info!(device = %id.0, command = %command.command_uuid,
        request_type = %command.request_type, status = ?result.status, "MDM command result");
    let name = &device.summary.display_name;
    let reason = failure
        .as_ref()
        .map_or_else(|| NO_REASON.to_owned(), failure_words);
    let failed = NotificationDetails {
        failure: failure.clone(),
        ..NotificationDetails::default()
    };
    let reported = (new_state == CommandState::Acknowledged)
        .then(|| facts_of(&command.request_type, &result.facts))
        .flatten();
    if let Some(facts) = &reported {
        state.storage.save_device_facts(id, facts).await?;
    }
    let mut gone = false;
    match (command.action, new_state) {
        (_, CommandState::Queued) => {
            tracing::info!(device = %id.0, command = %command.command_uuid, "NotNow: requeued");
        }
        (Some(DeviceAction::RemoteLock), CommandState::Acknowledged) => {
            let message = remote_lock_succeeded_message(name);
            notify(
                state,
                device,
                NotificationKind::RemoteLockSucceeded,
                message,
                NotificationDetails::default(),
                now,
            )
            .await?;
        }
        (Some(DeviceAction::RemoteLock), _) => {
            let message = remote_lock_failed_message(name, &reason);
            notify(
                state,
                device,
                NotificationKind::RemoteLockFailed,
                message,
                failed,
                now,
            )
            .await?;
        }
        (Some(DeviceAction::CheckStatus), _) => {
            finish_check_status(state, device, &command.request_id, now).await?;
        }
        (Some(DeviceAction::Remove), CommandState::Acknowledged) => {
            forget(state, device, now).await?;
            gone = true;
        }
        (Some(DeviceAction::Remove), _) => {
            let message = remove_failed_message(name, &reason);
            notify(
                state,
                device,
                NotificationKind::RemoveFailed,
                message,
                failed,
                now,
            )
            .await?;
        }
        // A rename sends no command, so none carries one.
        (None | Some(DeviceAction::Rename), CommandState::Error) => {
            // Nobody is waiting for it on a page: the log and the command's
            // stored error are where an operator finds out.
            tracing::warn!(device = %id.0, command = %command.command_uuid,
                request_type = %command.request_type, status = ?result.status,
                reason = ?reason, "the device refused a command of the portal's own");
            return Ok(false);
        }
        (None | Some(DeviceAction::Rename), _) => {
            if reported.is_some() {
                // The name and model after enrollment: the pages show them.
                tracing::info!(device = %id.0, "device facts reported");
                state.device_events.publish(id);
            }
            return Ok(false);
        }
    }
    state.device_events.publish(id);
    Ok(gone)
}

/// Ends a status check once none of its commands is pending: failed if one
/// failed, timed out if one was not answered in time, else its facts count
/// from `at` and compliance is evaluated on them. Each way, the owner is
/// told once.
pub async fn finish_check_status(
    state: &AppState,
    device: &DeviceRecord,
    request_id: &str,
    at: Timestamp,
) -> Result<(), AppError> {
    let id = &device.summary.id;
    let commands = state.storage.commands_of_request(id, request_id).await?;
    if commands.is_empty() || commands.iter().any(|c| c.state.is_pending()) {
        return Ok(());
    }
    // The device may have reported a new name just now.
    let updated = state
        .storage
        .device_record(id)
        .await?
        .unwrap_or_else(|| device.clone());
    let name = &updated.summary.display_name;
    if let Some(failed) = commands.iter().find(|c| c.state == CommandState::Error) {
        let failure = failed.failure();
        let reason = failure.as_ref().map_or_else(
            || {
                failed
                    .error_text
                    .clone()
                    .unwrap_or_else(|| NO_REASON.to_owned())
            },
            failure_words,
        );
        tracing::info!(device = %id.0, "status check failed");
        let message = check_status_failed_message(name, &reason);
        return notify(
            state,
            &updated,
            NotificationKind::CheckStatusFailed,
            message,
            NotificationDetails {
                failure,
                ..NotificationDetails::default()
            },
            at,
        )
        .await;
    }
    if commands.iter().any(|c| c.state == CommandState::Expired) {
        tracing::info!(device = %id.0, "status check timed out");
        let message = check_status_timed_out_message(name);
        return notify(
            state,
            &updated,
            NotificationKind::CheckStatusTimedOut,
            message,
            NotificationDetails::default(),
            at,
        )
        .await;
    }
    status_reported(state, id, at).await
}

/// Marks the facts of a whole status check as reported, evaluates
/// compliance on them and tells the owner the result.
async fn status_reported(
    state: &AppState,
    id: &portal_api::DeviceId,
    now: Timestamp,
) -> Result<(), AppError> {
    state.storage.mark_facts_reported(id, now).await?;
    let Some(updated) = state.storage.device_record(id).await? else {
        return Ok(());
    };
    let settings = crate::enrollment::settings_of_user(state, updated.user_id).await?;
    let report = evaluate_and_store(state, &updated, &settings, now).await?;
    let name = &updated.summary.display_name;
    let message = match report.state {
        ComplianceState::Compliant => {
            format!("Check status done: {name} meets your organization's requirements.")
        }
        ComplianceState::InGracePeriod | ComplianceState::NotCompliant => {
            let count = report.issues.len();
            let issues = if count == 1 { "issue" } else { "issues" };
            format!(
                "Check status done: {name} has {count} {issues} to fix. Open it in My \
                 devices to see what to do."
            )
        }
        ComplianceState::Unknown => format!("Check status done for {name}."),
    };
    tracing::info!(device = %id.0, compliance = ?report.state, "status check finished");
    let details = NotificationDetails {
        compliance: Some(report.state),
        failing_rules: report.issues.iter().map(|issue| issue.rule).collect(),
        ..NotificationDetails::default()
    };
    notify(
        state,
        &updated,
        NotificationKind::CheckStatusFinished,
        message,
        details,
        now,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queries_of(parsed: &Dictionary) -> Vec<String> {
        parsed["Command"].as_dictionary().unwrap()["Queries"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_string)
            .map(str::to_owned)
            .collect()
    }

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

        let check = check_status(42).unwrap();
        let [info, security] = check.as_slice() else {
            panic!("two commands: {check:?}");
        };
        let parsed: Dictionary = plist::from_bytes(&info.payload).unwrap();
        assert_eq!(queries_of(&parsed), STATUS_QUERIES);
        assert_eq!(info.gives_up_at, Some(42));
        let parsed: Dictionary = plist::from_bytes(&security.payload).unwrap();
        let body = parsed["Command"].as_dictionary().unwrap();
        assert_eq!(body["RequestType"].as_string(), Some("SecurityInfo"));
        assert_eq!(body.len(), 1);
        assert_eq!(security.gives_up_at, Some(42));
        assert_eq!(info.request_id, None);
        assert_eq!(
            security.request_id.as_deref(),
            Some(info.command_uuid.as_str())
        );
        assert!(check
            .iter()
            .all(|c| c.action == Some(DeviceAction::CheckStatus)));

        let device = enrollment_information(EnrollmentType::DeviceEnrollment).unwrap();
        let parsed: Dictionary = plist::from_bytes(&device.payload).unwrap();
        assert_eq!(queries_of(&parsed), ENROLLMENT_QUERIES);
        assert_eq!((device.action, device.gives_up_at), (None, None));
        let user = enrollment_information(EnrollmentType::UserEnrollment).unwrap();
        let parsed: Dictionary = plist::from_bytes(&user.payload).unwrap();
        assert!(!queries_of(&parsed).contains(&"SerialNumber".to_owned()));

        let remove = remove_profile("example.contoso.portal.enrollment", 7).unwrap();
        let parsed: Dictionary = plist::from_bytes(&remove.payload).unwrap();
        let body = parsed["Command"].as_dictionary().unwrap();
        assert_eq!(body["RequestType"].as_string(), Some("RemoveProfile"));
        assert_eq!(
            body["Identifier"].as_string(),
            Some("example.contoso.portal.enrollment")
        );
        assert_eq!(remove.action, Some(DeviceAction::Remove));

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
            device_says(&message).as_deref(),
            Some("The device cannot be locked: no passcode is set.")
        );
        entry.insert("LocalizedDescription".into(), "Localized.".into());
        message.insert(
            "ErrorChain".into(),
            Value::Array(vec![Value::Dictionary(entry)]),
        );
        assert_eq!(device_says(&message).as_deref(), Some("Localized."));
        assert_eq!(device_says(&Dictionary::new()), None);
    }

    #[test]
    fn facts_come_from_the_query_responses_and_the_security_info() {
        let mut responses = Dictionary::new();
        responses.insert("OSVersion".into(), "17.5".into());
        responses.insert("BuildVersion".into(), "21F79".into());
        responses.insert("ProductName".into(), "iPhone16,1".into());
        responses.insert("DeviceName".into(), "Alex\u{1b}[2J's iPhone".into());
        // Not a DeviceInformation key on iOS: ignored.
        responses.insert("PasscodePresent".into(), Value::Boolean(true));
        let mut message = Dictionary::new();
        message.insert(
            "QueryResponses".into(),
            Value::Dictionary(responses.clone()),
        );
        assert_eq!(
            reported_facts(&message).unwrap(),
            ReportedFacts {
                device_name: Some("Alex [2J's iPhone".into()),
                os_version: Some("17.5".into()),
                build_version: Some("21F79".into()),
                model: Some("iPhone16,1".into()),
                ..ReportedFacts::default()
            }
        );
        let mut security = Dictionary::new();
        security.insert("PasscodePresent".into(), Value::Boolean(false));
        let mut message = Dictionary::new();
        message.insert("SecurityInfo".into(), Value::Dictionary(security));
        let facts = reported_facts(&message).unwrap();
        assert_eq!(facts.passcode_present, Some(false));
        assert_eq!(
            facts_of("DeviceInformation", &facts).unwrap(),
            ReportedFacts::default()
        );
        assert_eq!(facts_of("SecurityInfo", &facts).unwrap(), facts);
        assert_eq!(facts_of("DeviceLock", &facts), None);
        assert_eq!(
            reported_facts(&Dictionary::new()).unwrap(),
            ReportedFacts::default()
        );

        responses.insert("OSVersion".into(), "1".repeat(256).into());
        let mut message = Dictionary::new();
        message.insert("QueryResponses".into(), Value::Dictionary(responses));
        assert!(reported_facts(&message).is_err());
    }

    #[test]
    fn the_english_reason_is_the_devices_words_or_says_there_are_none() {
        let said = |device_says: Option<&str>| CommandFailure {
            reason: CommandFailureReason::DeviceError,
            device_says: device_says.map(str::to_owned),
        };
        assert_eq!(failure_words(&said(Some("No passcode."))), "No passcode.");
        assert_eq!(failure_words(&said(None)), NO_REASON);
        let unreadable = CommandFailure {
            reason: CommandFailureReason::UnreadableCommand,
            device_says: None,
        };
        assert_eq!(failure_words(&unreadable), FORMAT_ERROR_REASON);
    }

    #[test]
    fn a_long_error_reason_is_cut() {
        let mut entry = Dictionary::new();
        entry.insert("LocalizedDescription".into(), "x\n".repeat(400).into());
        let mut message = Dictionary::new();
        message.insert(
            "ErrorChain".into(),
            Value::Array(vec![Value::Dictionary(entry)]),
        );
        let reason = device_says(&message).unwrap();
        assert_eq!(reason.chars().count(), MAX_REPORTED_CHARS);
        assert!(!reason.contains('\n'));
    }

    #[test]
    fn user_enrollment_gets_only_what_apple_allows_it() {
        let user = EnrollmentType::UserEnrollment;
        assert!(allowed_for(user, &device_lock().unwrap()));
        assert!(allowed_for(user, &enrollment_information(user).unwrap()));
        for command in check_status(100).unwrap() {
            assert!(allowed_for(user, &command));
        }
        let serial = device_information(&["SerialNumber"], None, None).unwrap();
        assert!(!allowed_for(user, &serial));
        assert!(allowed_for(EnrollmentType::DeviceEnrollment, &serial));
        let erase = command("EraseDevice", Dictionary::new(), None, None).unwrap();
        assert!(!allowed_for(user, &erase));
    }
}
