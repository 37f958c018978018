//! Self-service for enrolled devices: **My devices**, one device's details,
//! rename, remote lock, status check, removal, and the notifications that
//! report how each ended.
//!
//! The handlers in `api.rs` call these functions; the command channel
//! (`mdm::checkin`) hands the device's answers to [`commands`]. Actions are
//! MDM commands queued for the device's next poll. Time limits are lazy, as
//! for enrollments: every read first ends a status check or removal whose
//! time ran out, so nothing ticks in the background.
//!
//! Every storage call a user's request makes names the user, so another
//! user's device answers 404 exactly like a missing one and nothing changes.

pub mod commands;
pub mod events;
pub mod web_clip;

use portal_api::{
    ActionState, ActionStatus, ComplianceReport, DeviceAction, DeviceDetails, DeviceId, DeviceList,
    DeviceName, DeviceReach, EnrollmentType, ErrorCode, NotificationDetails, NotificationKind,
    NotificationList, RenameDevice,
};

use crate::clock::Timestamp;
use crate::compliance::{self, ComplianceFacts};
use crate::enrollment::profile::payload_identifier;
use crate::error::AppError;
use crate::storage::{
    action_to_db, AuditEvent, AuditOutcome, CommandRecord, CommandState, DeviceRecord,
    NewNotification, OrganizationSettings, QueueOutcome, UserId,
};
use crate::AppState;

pub const DEVICE_NOT_FOUND_MESSAGE: &str =
    "This device doesn't exist or isn't yours. Go back to My devices.";
pub const REMOVAL_PENDING_MESSAGE: &str =
    "This device is being removed, so it can't do that any more.";
pub const NOT_ALLOWED_FOR_USER_ENROLLMENT_MESSAGE: &str =
    "This action isn't available for a device enrolled with user enrollment.";

fn not_found() -> AppError {
    AppError::not_found(DEVICE_NOT_FOUND_MESSAGE)
}

/// `GET /api/devices`: the user's devices with their compliance now.
pub async fn list(state: &AppState, user_id: UserId) -> Result<DeviceList, AppError> {
    let now = state.clock.now();
    let settings = crate::enrollment::settings_of_user(state, user_id).await?;
    let mut devices = Vec::new();
    for record in state.storage.device_records_of_user(user_id).await? {
        let Some(record) = apply_time_limits(state, record, &settings, now).await? else {
            continue;
        };
        let report = evaluate_and_store(state, &record, &settings, now).await?;
        let mut summary = record.summary;
        summary.compliance = report.state;
        devices.push(summary);
    }
    Ok(DeviceList { devices })
}

/// `GET /api/devices/{id}`
pub async fn get(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
) -> Result<DeviceDetails, AppError> {
    let now = state.clock.now();
    let settings = crate::enrollment::settings_of_user(state, user_id).await?;
    let record = load_for_user(state, user_id, id, &settings, now).await?;
    details_of(state, record, &settings, now).await
}

/// The user's device with passed time limits applied, or 404.
async fn load_for_user(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
    settings: &OrganizationSettings,
    now: Timestamp,
) -> Result<DeviceRecord, AppError> {
    let record = state
        .storage
        .device_of_user(user_id, id)
        .await?
        .ok_or_else(not_found)?;
    apply_time_limits(state, record, settings, now)
        .await?
        .ok_or_else(not_found)
}

/// Ends the device's pending actions whose time ran out: a status check
/// becomes `TimedOut` (the last compliance result stays, with its time), a
/// removal forgets the device. Returns the device, or `None` if it is gone.
pub async fn apply_time_limits(
    state: &AppState,
    record: DeviceRecord,
    settings: &OrganizationSettings,
    now: Timestamp,
) -> Result<Option<DeviceRecord>, AppError> {
    // Nothing is due (the usual case): no query for it. My devices reads
    // every device of the person on every visit.
    if record.next_give_up_at.is_none_or(|at| at > now) {
        return Ok(Some(record));
    }
    let id = record.summary.id.clone();
    let expired = state.storage.expire_due_commands(&id, now).await?;
    if expired.is_empty() {
        return Ok(Some(record));
    }
    let name = record.summary.display_name.clone();
    let mut removed = false;
    let mut status_checks: Vec<&str> = Vec::new();
    for command in &expired {
        // Notified at the moment the portal gave up, not when it noticed.
        let at = command.gives_up_at.unwrap_or(now);
        match command.action {
            Some(DeviceAction::CheckStatus) => {
                // Its two commands expire together: one ending per request.
                if !status_checks.contains(&command.request_id.as_str()) {
                    status_checks.push(&command.request_id);
                    commands::finish_check_status(state, &record, &command.request_id, at).await?;
                }
            }
            Some(DeviceAction::Remove) => {
                tracing::info!(device = %id.0, "removal timed out: the device is forgotten");
                state.storage.remove_device(&id, at).await?;
                removed = true;
                let waited = settings.devices.remove_timeout_seconds;
                let period = duration_words(i64::from(waited));
                notify(
                    state,
                    &record,
                    NotificationKind::RemoveTimedOut,
                    remove_timed_out_message(&name, &period),
                    NotificationDetails {
                        waited_seconds: Some(waited),
                        ..NotificationDetails::default()
                    },
                    at,
                )
                .await?;
            }
            Some(DeviceAction::RemoteLock | DeviceAction::Rename) | None => {}
        }
    }
    state.device_events.publish(&id);
    Ok((!removed).then_some(record))
}

/// Evaluates the organization's rules on the device now, and stores the
/// result when it changed (the list and the grace period read it).
pub async fn evaluate_and_store(
    state: &AppState,
    record: &DeviceRecord,
    settings: &OrganizationSettings,
    now: Timestamp,
) -> Result<ComplianceReport, AppError> {
    let facts = ComplianceFacts {
        os_version: record.summary.os_version.as_deref(),
        passcode_present: record.passcode_present,
        last_check_in_at: record.summary.last_check_in_at,
        facts_reported_at: record.facts_reported_at,
        non_compliant_since: record.non_compliant_since,
    };
    let evaluation = compliance::evaluate(&settings.devices.compliance, &facts, now);
    if evaluation.report.state != record.summary.compliance
        || evaluation.non_compliant_since != record.non_compliant_since
    {
        state
            .storage
            .save_compliance(
                &record.summary.id,
                evaluation.report.state,
                evaluation.non_compliant_since,
            )
            .await?;
    }
    Ok(evaluation.report)
}

/// The device as the API shows it.
async fn details_of(
    state: &AppState,
    record: DeviceRecord,
    settings: &OrganizationSettings,
    now: Timestamp,
) -> Result<DeviceDetails, AppError> {
    let report = evaluate_and_store(state, &record, settings, now).await?;
    let latest = state
        .storage
        .latest_action_commands(&record.summary.id)
        .await?;
    let status_of = |kind: DeviceAction| {
        let commands: Vec<&CommandRecord> = latest
            .iter()
            .filter(|command| command.action == Some(kind))
            .collect();
        action_status(&commands)
    };
    let remote_lock = status_of(DeviceAction::RemoteLock);
    let check_status = status_of(DeviceAction::CheckStatus);
    let remove = status_of(DeviceAction::Remove);
    let mut actions = vec![DeviceAction::Rename];
    // A device on its way out takes no more commands.
    let remove_pending = remove
        .as_ref()
        .is_some_and(|status| status.state == ActionState::Pending);
    if !remove_pending {
        actions.extend([
            DeviceAction::RemoteLock,
            DeviceAction::CheckStatus,
            DeviceAction::Remove,
        ]);
    }
    let reach = reach_of(state, &record, now).await?;
    let mut summary = record.summary;
    summary.compliance = report.state;
    // User enrollment keeps the device's identifiers from the organization.
    let serial_number = match summary.enrollment_type {
        EnrollmentType::DeviceEnrollment => record.serial_number,
        EnrollmentType::UserEnrollment => None,
    };
    Ok(DeviceDetails {
        summary,
        serial_number,
        enrolled_at: record.enrolled_at,
        compliance: report,
        actions,
        remote_lock,
        check_status,
        remove,
        reach,
        server_now: now,
    })
}

/// A command pushed this long ago that the device has not come for makes
/// the device "not connecting": a woken iPhone connects within seconds.
pub const NOT_CONNECTING_AFTER_SECONDS: i64 = 2 * 60;

/// Whether the portal can reach the device now, from what APNs said and
/// whether the device came after its last push.
async fn reach_of(
    state: &AppState,
    record: &DeviceRecord,
    now: Timestamp,
) -> Result<DeviceReach, AppError> {
    let id = &record.summary.id;
    let push = state
        .storage
        .device_push_state(id)
        .await?
        .unwrap_or_default();
    if push.token_invalid_since.is_some() {
        return Ok(DeviceReach::Unregistered);
    }
    let failing = match (push.last_push_failure_at, push.last_push_at) {
        // In the same second, the push that went through counts.
        (Some(failed), Some(delivered)) => failed > delivered,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if failing || state.storage.push_problem().await?.is_some() {
        return Ok(DeviceReach::PushFailing);
    }
    let Some(pushed_at) = push.last_push_at else {
        return Ok(DeviceReach::Reachable);
    };
    // Strictly after: a check-in in the second of the push may have come
    // before it.
    let came_since = record
        .summary
        .last_check_in_at
        .is_some_and(|checked_in| checked_in > pushed_at);
    if came_since || now - pushed_at < NOT_CONNECTING_AFTER_SECONDS {
        return Ok(DeviceReach::Reachable);
    }
    let waiting = state
        .storage
        .commands_of_device(id)
        .await?
        .iter()
        .any(|command| command.state.is_pending());
    Ok(if waiting {
        DeviceReach::NotConnecting
    } else {
        DeviceReach::Reachable
    })
}

/// The state of one request from its commands (a status check has two):
/// pending until every one is answered or given up on; then failed if one
/// failed, timed out if one was not answered in time, else succeeded.
fn action_status(commands: &[&CommandRecord]) -> Option<ActionStatus> {
    let first = commands.first()?;
    let pending: Vec<&&CommandRecord> = commands
        .iter()
        .filter(|command| {
            matches!(
                command.state,
                CommandState::Queued | CommandState::Sent | CommandState::NotNow
            )
        })
        .collect();
    let failed = commands
        .iter()
        .find(|command| command.state == CommandState::Error);
    let state = if !pending.is_empty() {
        ActionState::Pending
    } else if failed.is_some() {
        ActionState::Failed
    } else if commands
        .iter()
        .any(|command| command.state == CommandState::Expired)
    {
        ActionState::TimedOut
    } else {
        ActionState::Succeeded
    };
    let done = state != ActionState::Pending;
    Some(ActionStatus {
        state,
        requested_at: commands
            .iter()
            .map(|command| command.created_at)
            .min()
            .unwrap_or(first.created_at),
        finished_at: if done {
            commands
                .iter()
                .filter_map(|command| command.answered_at)
                .max()
        } else {
            None
        },
        // Older refusals kept only their English sentence.
        failure: failed.and_then(|command| match command.failure() {
            Some(failure) => Some(commands::failure_words(&failure)),
            None => command.error_text.clone(),
        }),
        failure_reason: failed.and_then(|command| command.failure()),
        gives_up_at: pending
            .iter()
            .filter_map(|command| command.gives_up_at)
            .min(),
    })
}

/// `PATCH /api/devices/{id}`: a new display name (the portal's only; the
/// device keeps its own).
pub async fn rename(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
    request: &RenameDevice,
) -> Result<DeviceDetails, AppError> {
    let now = state.clock.now();
    let settings = crate::enrollment::settings_of_user(state, user_id).await?;
    // Ownership first: someone else's device is 404 whatever the name.
    load_for_user(state, user_id, id, &settings, now).await?;
    let name = match DeviceName::parse(&request.display_name) {
        Ok(name) => name,
        Err(error) => {
            audit(
                state,
                user_id,
                id,
                DeviceAction::Rename,
                AuditOutcome::Refused,
                now,
            )
            .await?;
            return Err(AppError::invalid_value("display_name", error.into()));
        }
    };
    if !state
        .storage
        .rename_device(user_id, id, name.as_str(), now)
        .await?
    {
        return Err(not_found());
    }
    audit(
        state,
        user_id,
        id,
        DeviceAction::Rename,
        AuditOutcome::Renamed,
        now,
    )
    .await?;
    state.device_events.publish(id);
    tracing::info!(user_id, device = %id.0, "device renamed");
    get(state, user_id, id).await
}

/// `POST /api/devices/{id}/remote-lock`
pub async fn lock(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
) -> Result<DeviceDetails, AppError> {
    request_action(state, user_id, id, DeviceAction::RemoteLock).await
}

/// `POST /api/devices/{id}/check-status`
pub async fn check_status(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
) -> Result<DeviceDetails, AppError> {
    request_action(state, user_id, id, DeviceAction::CheckStatus).await
}

/// `DELETE /api/devices/{id}`: asks the device to remove the management
/// profile; the device disappears when it acknowledges or checks out, or
/// when the organization's removal time limit passes.
pub async fn remove(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
) -> Result<DeviceDetails, AppError> {
    request_action(state, user_id, id, DeviceAction::Remove).await
}

/// Queues the action's command unless the same action is still pending
/// (then nothing is queued and the pending state is the answer).
async fn request_action(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
    kind: DeviceAction,
) -> Result<DeviceDetails, AppError> {
    let now = state.clock.now();
    let settings = crate::enrollment::settings_of_user(state, user_id).await?;
    let record = load_for_user(state, user_id, id, &settings, now).await?;
    let audit_action = kind;
    let current = details_of(state, record, &settings, now).await?;
    let remove_pending = current
        .remove
        .as_ref()
        .is_some_and(|removal| removal.state == ActionState::Pending);
    if remove_pending && kind != DeviceAction::Remove {
        audit(state, user_id, id, audit_action, AuditOutcome::Refused, now).await?;
        return Err(AppError::refused(
            ErrorCode::RemovePending,
            REMOVAL_PENDING_MESSAGE,
        ));
    }
    let commands = match kind {
        DeviceAction::RemoteLock => vec![commands::device_lock()?],
        DeviceAction::CheckStatus => {
            commands::check_status(now + i64::from(settings.devices.check_status_timeout_seconds))?
        }
        DeviceAction::Remove => vec![commands::remove_profile(
            &payload_identifier(&state.config.public_url),
            now + i64::from(settings.devices.remove_timeout_seconds),
        )?],
        // A rename stays in the portal (`rename_device`).
        DeviceAction::Rename => return Err(AppError::Internal("a rename sends no command".into())),
    };
    let enrollment_type = current.summary.enrollment_type;
    if !commands
        .iter()
        .all(|command| commands::allowed_for(enrollment_type, command))
    {
        // Never reached with the portal's own actions; a guard for new ones.
        audit(state, user_id, id, audit_action, AuditOutcome::Refused, now).await?;
        return Err(AppError::refused(
            ErrorCode::NotAllowedForUserEnrollment,
            NOT_ALLOWED_FOR_USER_ENROLLMENT_MESSAGE,
        ));
    }
    let outcome = match state
        .storage
        .queue_commands(user_id, id, &commands, now)
        .await?
    {
        // The device went away between the read and the write.
        QueueOutcome::NotFound => return Err(not_found()),
        QueueOutcome::AlreadyPending => AuditOutcome::AlreadyPending,
        QueueOutcome::Queued => {
            state.pusher.wake(id);
            state.device_events.publish(id);
            AuditOutcome::Queued
        }
    };
    audit(state, user_id, id, audit_action, outcome, now).await?;
    tracing::info!(
        user_id,
        device = %id.0,
        action = action_to_db(kind),
        outcome = outcome.as_str(),
        "device action requested"
    );
    get(state, user_id, id).await
}

async fn audit(
    state: &AppState,
    user_id: UserId,
    id: &DeviceId,
    action: DeviceAction,
    outcome: AuditOutcome,
    now: Timestamp,
) -> Result<(), AppError> {
    state
        .storage
        .add_audit_event(&AuditEvent {
            user_id,
            action,
            device_id: id.clone(),
            occurred_at: now,
            outcome,
        })
        .await?;
    Ok(())
}

/// `GET /api/notifications`: newest first.
pub async fn notifications(
    state: &AppState,
    user_id: UserId,
) -> Result<NotificationList, AppError> {
    Ok(NotificationList {
        notifications: state.storage.notifications_of_user(user_id).await?,
    })
}

/// Keeps a notification for the device's owner, with the device's name now:
/// the English `message`, and the `details` every language's words need.
pub async fn notify(
    state: &AppState,
    device: &DeviceRecord,
    kind: NotificationKind,
    message: String,
    details: NotificationDetails,
    at: Timestamp,
) -> Result<(), AppError> {
    state
        .storage
        .add_notification(&NewNotification {
            user_id: device.user_id,
            device_id: device.summary.id.clone(),
            device_name: device.summary.display_name.clone(),
            kind,
            message,
            details,
            created_at: at,
        })
        .await?;
    Ok(())
}

/// Forgets the device (its commands go with it) and tells its owner.
pub async fn forget(
    state: &AppState,
    device: &DeviceRecord,
    now: Timestamp,
) -> Result<(), AppError> {
    if state.storage.remove_device(&device.summary.id, now).await? {
        notify(
            state,
            device,
            NotificationKind::RemoveFinished,
            remove_finished_message(&device.summary.display_name),
            NotificationDetails::default(),
            now,
        )
        .await?;
        tracing::info!(device = %device.summary.id.0, "device removed");
    }
    state.device_events.publish(&device.summary.id);
    Ok(())
}

// The words of the notifications.

pub fn remote_lock_succeeded_message(name: &str) -> String {
    format!("Remote lock successful: {name} is locked.")
}

pub fn remote_lock_failed_message(name: &str, reason: &str) -> String {
    format!("Remote lock of {name} failed: {reason}")
}

pub fn check_status_failed_message(name: &str, reason: &str) -> String {
    format!("Check status of {name} failed: {reason}")
}

pub fn check_status_timed_out_message(name: &str) -> String {
    format!(
        "{name} didn't answer Check status in time. Make sure it's on and connected to \
         the internet, then try again."
    )
}

pub fn remove_finished_message(name: &str) -> String {
    format!("{name} was removed. It's no longer managed by your organization.")
}

pub fn remove_failed_message(name: &str, reason: &str) -> String {
    format!("{name} couldn't be removed: {reason} Try again, or contact your IT help desk.")
}

pub fn remove_timed_out_message(name: &str, period: &str) -> String {
    format!(
        "{name} didn't answer within {period}, so it was removed from the portal. If it's \
         still managed, remove the management profile on the device: Settings > General > \
         VPN & Device Management."
    )
}

/// "7 days", "2 minutes", "1 hour", "45 seconds": the largest whole unit.
pub fn duration_words(seconds: i64) -> String {
    let (count, unit) = if seconds >= 86_400 && seconds % 86_400 == 0 {
        (seconds / 86_400, "day")
    } else if seconds >= 3_600 && seconds % 3_600 == 0 {
        (seconds / 3_600, "hour")
    } else if seconds >= 60 && seconds % 60 == 0 {
        (seconds / 60, "minute")
    } else {
        (seconds, "second")
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_in_their_largest_whole_unit() {
        assert_eq!(duration_words(604_800), "7 days");
        assert_eq!(duration_words(86_400), "1 day");
        assert_eq!(duration_words(7_200), "2 hours");
        assert_eq!(duration_words(120), "2 minutes");
        assert_eq!(duration_words(90), "90 seconds");
        assert_eq!(duration_words(1), "1 second");
    }
}
