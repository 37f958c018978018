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
    /// Why it failed, in words fit to show a person.
    pub failure: Option<String>,
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
    pub status_check: Option<ActionStatus>,
    /// Set once **Remove** was requested; the device disappears when it
    /// acknowledges or checks out, or when the organization's period passes.
    pub removal: Option<ActionStatus>,
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

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    RemoteLockSucceeded,
    RemoteLockFailed,
    StatusCheckFinished,
    StatusCheckTimedOut,
    RemovalFinished,
    RemovalTimedOut,
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
    pub message: String,
    pub created_at: i64,
}

/// `GET /api/notifications`: newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub notifications: Vec<Notification>,
}
