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
    /// e.g. "iPhone 15".
    pub model: String,
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
