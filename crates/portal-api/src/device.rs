//! Devices as the signed-in user sees them in **My devices**.

use serde::{Deserialize, Serialize};

/// A device's id in the portal: opaque to the SPA, never a serial or UDID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DeviceId(pub String);

/// How the device was enrolled, which decides what the organization can see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrollmentType {
    /// The whole device is managed.
    DeviceEnrollment,
    /// Only a separate work volume is managed (bring your own device).
    UserEnrollment,
}

/// Who owns the device, as chosen at enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    Personal,
    Corporate,
}

/// Whether the device meets the organization's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceState {
    /// Can access company resources.
    Compliant,
    /// Out of compliance, but can still access until the grace period ends.
    InGracePeriod,
    /// Cannot access company resources.
    NotCompliant,
    /// Not evaluated yet.
    Unknown,
}

/// One row of **My devices**.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSummary {
    pub id: DeviceId,
    /// The name shown in the portal (rename changes only this).
    pub display_name: String,
    /// As people know it, e.g. "iPhone 15 Pro" (see [`crate::device_model`]).
    pub model: String,
    /// Apple's product code, e.g. "iPhone16,1", when the device reported it.
    #[serde(default)]
    pub product_code: Option<String>,
    /// e.g. "17.4.1"; absent until the device reports it.
    pub os_version: Option<String>,
    pub enrollment_type: EnrollmentType,
    pub ownership: Ownership,
    pub compliance: ComplianceState,
    /// Last check-in, in seconds since the Unix epoch (UTC).
    pub last_check_in_at: Option<i64>,
}

/// `GET /api/devices`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceList {
    pub devices: Vec<DeviceSummary>,
}

/// What the signed-in user may do with a device; the server decides, the
/// page offers exactly these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceAction {
    Rename,
    Remove,
    RemoteLock,
    CheckStatus,
}

/// Where a queued action stands, as honestly as the device has told us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    /// Queued or sent; the device has not answered yet.
    Pending,
    /// The device acknowledged it.
    Succeeded,
    /// The device answered with an error (see `failure`).
    Failed,
    /// The device did not answer within the organization's time limit.
    TimedOut,
}

/// The latest request of one kind (remote lock, check status, removal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionStatus {
    pub state: ActionState,
    pub requested_at: i64,
    pub finished_at: Option<i64>,
    /// Why it failed, in English (the device's own words when it gave any).
    pub failure: Option<String>,
    /// Why it failed, for the SPA to say in the person's language. Absent
    /// when it did not fail, and for failures recorded before the server
    /// kept the reason (then only `failure` says why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<CommandFailure>,
    /// For a pending removal or status check: when the portal stops waiting.
    pub gives_up_at: Option<i64>,
}

/// A compliance rule of the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplianceRule {
    MinimumOsVersion,
    PasscodeRequired,
    /// The device must have checked in within the organization's number of days.
    RecentCheckIn,
}

/// A failing rule and what to do about it ("Update iOS to 17.4 or later:
/// Settings > General > Software Update").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceIssue {
    pub rule: ComplianceRule,
    pub instruction: String,
}

/// The result of evaluating the organization's rules on the device's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplianceReport {
    pub state: ComplianceState,
    /// When the facts it is based on were reported by the device.
    pub evaluated_at: Option<i64>,
    /// For `InGracePeriod`: access ends then unless the issues are fixed.
    pub access_until: Option<i64>,
    pub issues: Vec<ComplianceIssue>,
}

/// `GET /api/devices/{id}` (and each event of its `/events` stream): one
/// device with what the organization can see about it, and nothing more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceDetails {
    pub summary: DeviceSummary,
    /// Only for device enrollment; never for user enrollment.
    pub serial_number: Option<String>,
    pub enrolled_at: i64,
    pub compliance: ComplianceReport,
    /// The actions the device allows now.
    pub actions: Vec<DeviceAction>,
    pub remote_lock: Option<ActionStatus>,
    pub check_status: Option<ActionStatus>,
    /// Set once **Remove** was requested; the device disappears when it
    /// acknowledges or checks out, or when the organization's period passes.
    pub remove: Option<ActionStatus>,
    /// Whether the portal can reach the device now (see [`DeviceReach`]).
    #[serde(default)]
    pub reach: DeviceReach,
    pub server_now: i64,
}

/// Whether the portal can reach the device: a request only arrives once
/// Apple's push service (APNs) wakes the device and it connects. The page
/// says what is wrong and what the person can do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceReach {
    /// Nothing known to be wrong.
    #[default]
    Reachable,
    /// A request has waited a while: the device was pushed but has not
    /// connected since ("Open your device and connect to the internet").
    NotConnecting,
    /// The wake-up push cannot be delivered for now (the portal keeps
    /// trying); a problem on the organization's side.
    PushFailing,
    /// Apple says the device no longer listens for the organization: it was
    /// erased or its management profile was removed on the device.
    Unregistered,
    #[serde(other)]
    Unknown,
}

/// `PATCH /api/devices/{id}`: rename (the portal's display name only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameDevice {
    /// A plain string on the wire so a bad one gets a field message; parse
    /// with [`crate::DeviceName::parse`].
    pub display_name: String,
}

/// Why the device refused a command (a remote lock, a status check, a
/// removal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandFailure {
    pub reason: CommandFailureReason,
    /// The device's own description of the error (`ErrorChain`), in the
    /// device's language, when it gave one: shown as the device's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_says: Option<String>,
}

/// How the device refused a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandFailureReason {
    /// The device answered `Error` (its words, if any, in `device_says`).
    DeviceError,
    /// The device answered `CommandFormatError`: it could not read the
    /// command.
    UnreadableCommand,
    #[serde(other)]
    Unknown,
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    RemoteLockSucceeded,
    RemoteLockFailed,
    CheckStatusFinished,
    /// The device refused the status check (`details.failure` says why).
    CheckStatusFailed,
    CheckStatusTimedOut,
    RemoveFinished,
    /// The device refused its removal (`details.failure` says why).
    RemoveFailed,
    RemoveTimedOut,
    #[serde(other)]
    Other,
}

/// The result of an action, kept on the server so it is still there after
/// a reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    /// The device's name at the time (the device may be gone).
    pub device_name: String,
    pub device_id: DeviceId,
    /// The server's English sentence: for API clients, and for the SPA
    /// only when `details` is absent.
    pub message: String,
    /// What happened beyond the kind, for the SPA to say in every language.
    /// Absent on notifications kept before the server recorded details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<NotificationDetails>,
    pub created_at: i64,
}

/// The details of a notification; each field is there only for the kinds
/// its documentation names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationDetails {
    /// `remote_lock_failed`, `check_status_failed`, `remove_failed`: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<CommandFailure>,
    /// `check_status_finished`: the device's compliance on the facts it
    /// just reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<ComplianceState>,
    /// `check_status_finished`: the organization's rules the device fails.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failing_rules: Vec<ComplianceRule>,
    /// `remove_timed_out`: how long the portal waited for the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waited_seconds: Option<u32>,
}

/// `GET /api/notifications`: newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub notifications: Vec<Notification>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(kind: NotificationKind, details: Option<NotificationDetails>) -> Notification {
        Notification {
            id: 7,
            kind,
            device_name: "Alex's iPhone".into(),
            device_id: DeviceId("d1".into()),
            message: "English.".into(),
            details,
            created_at: 1_700_000_000,
        }
    }

    #[test]
    fn a_failed_lock_says_how_the_device_refused_and_in_its_words() {
        let failed = notification(
            NotificationKind::RemoteLockFailed,
            Some(NotificationDetails {
                failure: Some(CommandFailure {
                    reason: CommandFailureReason::DeviceError,
                    device_says: Some("Passcode required.".into()),
                }),
                ..NotificationDetails::default()
            }),
        );
        let json = serde_json::to_value(&failed).unwrap();
        assert_eq!(json["kind"], "remote_lock_failed");
        assert_eq!(
            json["details"],
            serde_json::json!({"failure": {"reason": "device_error", "device_says": "Passcode required."}})
        );
        assert_eq!(
            serde_json::from_value::<Notification>(json).unwrap(),
            failed
        );
    }

    #[test]
    fn a_status_check_names_the_failing_rules() {
        let finished = notification(
            NotificationKind::CheckStatusFinished,
            Some(NotificationDetails {
                compliance: Some(ComplianceState::InGracePeriod),
                failing_rules: vec![
                    ComplianceRule::MinimumOsVersion,
                    ComplianceRule::PasscodeRequired,
                ],
                ..NotificationDetails::default()
            }),
        );
        let json = serde_json::to_value(&finished).unwrap();
        assert_eq!(
            json["details"],
            serde_json::json!({
                "compliance": "in_grace_period",
                "failing_rules": ["minimum_os_version", "passcode_required"]
            })
        );
    }

    #[test]
    fn an_older_notification_has_no_details_and_a_newer_kind_is_other() {
        let old: Notification = serde_json::from_str(
            r#"{"id":1,"kind":"check_status_finished","device_name":"iPad","device_id":"d2","message":"Check status done for iPad.","created_at":5}"#,
        )
        .unwrap();
        assert_eq!(old.details, None);
        assert!(!serde_json::to_string(&old).unwrap().contains("details"));
        let newer: Notification = serde_json::from_str(
            r#"{"id":2,"kind":"wiped","device_name":"iPad","device_id":"d2","message":"Wiped.","details":{"failure":{"reason":"battery_flat"}},"created_at":6}"#,
        )
        .unwrap();
        assert_eq!(newer.kind, NotificationKind::Other);
        assert_eq!(
            newer.details.and_then(|d| d.failure).map(|f| f.reason),
            Some(CommandFailureReason::Unknown)
        );
    }
}
