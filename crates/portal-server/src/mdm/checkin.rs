//! What each MDM message does to enrollments and devices.
//!
//! Who may speak is settled first, from the signer alone, before the body
//! is read ([`admit_check_in`], [`admit_connect`]). Then:
//!
//! - `Authenticate`: the user is installing the profile. Refused (403) when
//!   its install window passed, or when the device breaks the
//!   organization's rules (OS version, device kind, device limit; the
//!   enrollment becomes `Rejected` with the reason). iOS does not say its
//!   name or model here, only `UDID`, `OSVersion`, `BuildVersion`,
//!   `ProductName`, `SerialNumber` (and `IMEI`/`MEID` with cellular); the
//!   last four are optional in Apple's schema but sent by every iOS since 9
//!   to a profile with the Device Information right, which ours has, so a
//!   device without `OSVersion` or `ProductName` is refused with a problem
//!   that says so. Otherwise the enrollment is `Authenticated`, by this
//!   identity only.
//! - `TokenUpdate`: the profile is installed. Accepted only from the
//!   identity that authenticated the enrollment, with the same `UDID`. The
//!   device is created (once), named for its product family ("iPhone")
//!   until it reports more, and the enrollment is `Enrolled`. A
//!   `DeviceInformation` is queued at once for its name, model and versions
//!   (`devices::commands`), then, when the organization wants it, the
//!   managed web clip (`devices::web_clip`).
//! - `CheckOut`: the profile was removed; the identity is revoked, the
//!   device forgotten and its owner told.
//! - The command channel: `Idle` and results record a check-in; a result
//!   moves its command and action on (`devices::commands`); the answer is
//!   the device's next waiting command, if any.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use plist::{Dictionary, Value};
use portal_api::{
    ComplianceState, DeviceId, DeviceKind, DeviceSummary, EnrollmentProblem, EnrollmentProblemCode,
    EnrollmentState, EnrollmentType, OsVersion, RefusalDetails, VersionRuleViolation,
};
use rand::rngs::OsRng;
use rand::RngCore;

use super::signature::Signer;
use super::{body, reported, MdmError};
use crate::devices::{self, commands, web_clip};
use crate::enrollment;
use crate::storage::{
    DeviceFacts, DeviceIdentityRecord, EnrollmentRecord, NewDevice, OrganizationSettings,
    ProfileRecord, ProfileState, QueueOutcome,
};
use crate::AppState;

/// A message body: an XML plist dictionary.
pub struct Message(Dictionary);

impl Message {
    pub fn parse(body: &[u8]) -> Result<Self, MdmError> {
        Ok(Self(body::parse_dictionary(body)?))
    }

    /// An identifier or version the device sent (see `reported`): `None`
    /// when absent or empty, 400 when too long or with control characters.
    fn string(&self, key: &str) -> Result<Option<String>, MdmError> {
        match self.0.get(key).and_then(Value::as_string) {
            Some(value) => reported::identifier(key, value)
                .map_err(|error| MdmError::BadRequest(error.to_string())),
            None => Ok(None),
        }
    }

    fn required(&self, key: &str) -> Result<String, MdmError> {
        self.string(key)?
            .ok_or_else(|| MdmError::BadRequest(format!("no {key}")))
    }

    fn data(&self, key: &str) -> Option<Vec<u8>> {
        self.0.get(key).and_then(Value::as_data).map(<[u8]>::to_vec)
    }
}

/// The enrollment profile whose identity signed a check-in message, if the
/// identity may speak: not unknown (401), not revoked (401), not from a
/// replaced profile (403; the problem is shown on the enrollment). Decided
/// before the body is read.
pub async fn admit_check_in(state: &AppState, signer: &Signer) -> Result<ProfileRecord, MdmError> {
    let profile = state
        .storage
        .profile_by_identity(&signer.fingerprint)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("no enrollment profile has this identity".into()))?;
    refuse_if_revoked(state, signer).await?;
    if profile.state == ProfileState::Replaced {
        return refuse_replaced(state, &profile).await;
    }
    Ok(profile)
}

/// The enrolled device that signed a command-channel message, if its
/// identity still counts (else 401). Decided before the body is read.
pub async fn admit_connect(
    state: &AppState,
    signer: &Signer,
) -> Result<DeviceIdentityRecord, MdmError> {
    refuse_if_revoked(state, signer).await?;
    state
        .storage
        .device_by_identity(&signer.fingerprint)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("no enrolled device has this identity".into()))
}

async fn refuse_if_revoked(state: &AppState, signer: &Signer) -> Result<(), MdmError> {
    match state
        .storage
        .identity_revoked_at(&signer.fingerprint)
        .await?
    {
        Some(at) => Err(MdmError::Unauthorized(format!(
            "the identity was revoked at {at} (checked out or removed)"
        ))),
        None => Ok(()),
    }
}

/// A replaced profile's identity speaks (the device installed an older
/// download): the enrollment shows why, once, and the message is refused.
async fn refuse_replaced(
    state: &AppState,
    profile: &ProfileRecord,
) -> Result<ProfileRecord, MdmError> {
    if let Some(mut enrollment) = enrollment::load(state, &profile.enrollment_id).await? {
        let shown = enrollment
            .problem
            .as_ref()
            .is_some_and(|problem| problem.code == EnrollmentProblemCode::ProfileReplaced);
        if !shown {
            enrollment.problem = Some(EnrollmentProblem::new(
                EnrollmentProblemCode::ProfileReplaced,
                "This device installed an older profile that a newer download replaced. \
                 Remove it in Settings, then install the newest profile.",
                RefusalDetails::default(),
            ));
            enrollment.updated_at = state.clock.now();
            state.storage.update_enrollment(&enrollment).await?;
            state.enrollment_events.publish(&enrollment.id);
        }
    }
    Err(MdmError::Forbidden("the profile was replaced".into()))
}

/// `PUT /mdm/checkin`, from an admitted identity.
pub async fn check_in(
    state: &AppState,
    signer: &Signer,
    profile: &ProfileRecord,
    message: &Message,
) -> Result<(), MdmError> {
    let message_type = message.required("MessageType")?;
    match message_type.as_str() {
        "Authenticate" => authenticate(state, signer, profile, message).await,
        "TokenUpdate" => token_update(state, signer, profile, message).await,
        "CheckOut" => check_out(state, signer).await,
        other => Err(MdmError::BadRequest(format!(
            "unsupported MessageType {other:?}"
        ))),
    }
}

/// `PUT /mdm/connect`, from an admitted device: returns the plist of the
/// device's next command, or `None` when there is nothing to do (or the
/// device is gone).
pub async fn connect(
    state: &AppState,
    signer: &Signer,
    device: &DeviceIdentityRecord,
    message: &Message,
) -> Result<Option<Vec<u8>>, MdmError> {
    let status = message.required("Status")?;
    let now = state.clock.now();
    state
        .storage
        .touch_device_check_in(&signer.fingerprint, now)
        .await?;
    // The check-in time is part of what the device's page shows.
    state.device_events.publish(&device.id);
    let record = state
        .storage
        .device_record(&device.id)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("the device is gone".into()))?;
    if status == "Idle" {
        tracing::debug!(device = %device.id.0, "MDM device polled");
    } else {
        let command_uuid = message.string("CommandUUID")?.ok_or_else(|| {
            MdmError::BadRequest(format!("a {status:?} result without CommandUUID"))
        })?;
        let facts = commands::reported_facts(&message.0)
            .map_err(|error| MdmError::BadRequest(error.to_string()))?;
        let result = commands::CommandResult {
            status: &status,
            command_uuid: &command_uuid,
            message: &message.0,
            facts,
        };
        if commands::apply_result(state, &record, &result, now).await? {
            // It acknowledged its removal: nothing more to say to it.
            return Ok(None);
        }
        if status == "NotNow" {
            // It can't run commands now; it polls again with Idle when it
            // can, and gets the requeued command then.
            return Ok(None);
        }
    }
    // A status check or removal whose time ran out is not sent any more.
    let settings = enrollment::settings_of_user(state, record.user_id).await?;
    if devices::apply_time_limits(state, record, &settings, now)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    let next = state.storage.send_next_command(&device.id, now).await?;
    if let Some(command) = &next {
        tracing::info!(device = %device.id.0, command = %command.command_uuid,
            request_type = %command.request_type, "MDM command sent");
        state.device_events.publish(&device.id);
    }
    Ok(next.map(|command| command.payload))
}

/// The profile's enrollment (expiry applied).
async fn enrollment_of(
    state: &AppState,
    profile: &ProfileRecord,
) -> Result<EnrollmentRecord, MdmError> {
    enrollment::load(state, &profile.enrollment_id)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("the profile's enrollment is gone".into()))
}

async fn authenticate(
    state: &AppState,
    signer: &Signer,
    profile: &ProfileRecord,
    message: &Message,
) -> Result<(), MdmError> {
    let mut enrollment = enrollment_of(state, profile).await?;
    let organization = enrollment::settings_of_user(state, enrollment.user_id).await?;
    let now = state.clock.now();

    match enrollment.state {
        EnrollmentState::Downloaded | EnrollmentState::Authenticated => {}
        EnrollmentState::Expired => {
            let window = organization.enrollment.install_window_seconds;
            let minutes = window.div_ceil(60).max(1);
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            enrollment.problem = Some(EnrollmentProblem::new(
                EnrollmentProblemCode::ProfileExpired,
                format!(
                    "The profile wasn't installed in time: it must be installed within \
                     {minutes} {unit} of downloading it. Remove it in Settings, then tap \
                     Enroll again to download a new one."
                ),
                RefusalDetails {
                    install_window_seconds: Some(window),
                    ..RefusalDetails::default()
                },
            ));
            return refuse_keeping_state(state, enrollment, now, "the install window passed").await;
        }
        other => {
            return Err(MdmError::Forbidden(format!(
                "Authenticate for an enrollment in state {other:?}"
            )));
        }
    }

    let facts = device_facts(message, enrollment.enrollment_type)?;
    if let Some(problem) = rule_problem(state, &organization, &enrollment, message, &facts).await? {
        tracing::info!(enrollment = %enrollment.id.0, code = ?problem.code, "device refused");
        enrollment.state = EnrollmentState::Rejected;
        enrollment.problem = Some(problem);
        enrollment.device_facts = Some(facts);
        enrollment.updated_at = now;
        state.storage.update_enrollment(&enrollment).await?;
        state.enrollment_events.publish(&enrollment.id);
        return Err(MdmError::Forbidden(
            "the organization's rules refuse the device".into(),
        ));
    }

    enrollment.state = EnrollmentState::Authenticated;
    enrollment.problem = None;
    enrollment.device_facts = Some(facts);
    enrollment.updated_at = now;
    state.storage.update_enrollment(&enrollment).await?;
    state
        .storage
        .set_authenticated_identity(&enrollment.id, &signer.fingerprint)
        .await?;
    state.storage.mark_profile_used(profile.id).await?;
    state.enrollment_events.publish(&enrollment.id);
    tracing::info!(enrollment = %enrollment.id.0, "device authenticated");
    Ok(())
}

/// Records the problem on the enrollment without moving it, and refuses.
async fn refuse_keeping_state(
    state: &AppState,
    mut enrollment: EnrollmentRecord,
    now: i64,
    why: &str,
) -> Result<(), MdmError> {
    enrollment.updated_at = now;
    state.storage.update_enrollment(&enrollment).await?;
    state.enrollment_events.publish(&enrollment.id);
    Err(MdmError::Forbidden(why.to_owned()))
}

/// What identifies the device in its check-in messages: its `UDID` under
/// device enrollment; its `EnrollmentID` under user enrollment, where Apple
/// forbids the device identifiers (and a message carrying one is refused,
/// so none is ever stored). A message without `UDID` is accepted only for
/// user enrollment.
fn check_in_key(message: &Message, enrollment_type: EnrollmentType) -> Result<String, MdmError> {
    match enrollment_type {
        EnrollmentType::DeviceEnrollment => message.required("UDID"),
        EnrollmentType::UserEnrollment => {
            if let Some(key) = DEVICE_IDENTIFIERS
                .into_iter()
                .find(|key| message.0.contains_key(key))
            {
                return Err(MdmError::BadRequest(format!(
                    "{key} in a user enrollment's check-in"
                )));
            }
            message.required("EnrollmentID")
        }
    }
}

/// The identifiers a user-enrolled device never sends.
const DEVICE_IDENTIFIERS: [&str; 4] = ["UDID", "SerialNumber", "IMEI", "MEID"];

/// What `Authenticate` says about the device. There is no name or model
/// name in it on iOS: those come with the `DeviceInformation` answer.
/// `udid` holds the check-in key ([`check_in_key`]): the `EnrollmentID`
/// under user enrollment.
fn device_facts(
    message: &Message,
    enrollment_type: EnrollmentType,
) -> Result<DeviceFacts, MdmError> {
    Ok(DeviceFacts {
        udid: check_in_key(message, enrollment_type)?,
        serial_number: match enrollment_type {
            EnrollmentType::DeviceEnrollment => message.string("SerialNumber")?,
            EnrollmentType::UserEnrollment => None,
        },
        device_name: None,
        // ProductName ("iPhone16,1").
        model: message.string("ProductName")?,
        os_version: message.string("OSVersion")?,
    })
}

/// The first of the organization's rules the device breaks.
async fn rule_problem(
    state: &AppState,
    organization: &OrganizationSettings,
    enrollment: &EnrollmentRecord,
    message: &Message,
    facts: &DeviceFacts,
) -> Result<Option<EnrollmentProblem>, MdmError> {
    let settings = &organization.enrollment;
    let name = &organization.organization_name;
    let (Some(version), Some(product)) = (facts.os_version.as_deref(), facts.model.as_deref())
    else {
        tracing::info!(enrollment = %enrollment.id.0,
            os_version = ?facts.os_version, product = ?message.string("ProductName").ok().flatten(),
            "Authenticate without OSVersion or ProductName");
        return Ok(Some(EnrollmentProblem::new(
            EnrollmentProblemCode::DeviceNotIdentified,
            format!(
                "This device didn't say which iOS version it runs or which model it is, so \
                 {name} can't check it against its rules. Contact your IT help desk."
            ),
            RefusalDetails::default(),
        )));
    };
    let version = OsVersion::parse(version)
        .map_err(|_| MdmError::BadRequest(format!("OSVersion {version:?} is not a version")))?;
    if let Err(violation) = settings.os_versions.check(&version) {
        let mut details = RefusalDetails {
            os_version: Some(version.clone()),
            ..RefusalDetails::default()
        };
        let (code, advice) = match &violation {
            VersionRuleViolation::TooOld { minimum } => {
                details.minimum_os_version = Some(minimum.clone());
                (
                    EnrollmentProblemCode::OsTooOld,
                    " Update it in Settings > General > Software Update, then enroll again.",
                )
            }
            VersionRuleViolation::TooNew { maximum } => {
                details.maximum_os_version = Some(maximum.clone());
                (
                    EnrollmentProblemCode::OsTooNew,
                    " Contact your IT help desk.",
                )
            }
        };
        return Ok(Some(EnrollmentProblem::new(
            code,
            format!("{violation} It runs iOS {version}.{advice}"),
            details,
        )));
    }

    let kind = device_kind(product);
    if !kind.is_some_and(|kind| settings.allowed_devices.contains(&kind)) {
        let what = match kind {
            Some(DeviceKind::Iphone) => "iPhones",
            Some(DeviceKind::Ipad) => "iPads",
            None => "this kind of device",
        };
        return Ok(Some(EnrollmentProblem::new(
            EnrollmentProblemCode::DeviceNotAllowed,
            format!("{name} doesn't allow enrolling {what}."),
            RefusalDetails {
                device: kind,
                ..RefusalDetails::default()
            },
        )));
    }

    let devices = state
        .storage
        .device_count_of_user(enrollment.user_id)
        .await?;
    if devices >= settings.device_limit {
        return Ok(Some(EnrollmentProblem::new(
            EnrollmentProblemCode::DeviceLimitReached,
            enrollment::device_limit_message(settings.device_limit, name),
            RefusalDetails {
                device_limit: Some(settings.device_limit),
                organization: Some(name.clone()),
                ..RefusalDetails::default()
            },
        )));
    }
    Ok(None)
}

/// iPhone or iPad, from a `ProductName` such as "iPhone16,1".
fn device_kind(product: &str) -> Option<DeviceKind> {
    match product_family(product) {
        "iPhone" => Some(DeviceKind::Iphone),
        "iPad" => Some(DeviceKind::Ipad),
        _ => None,
    }
}

/// The product family a `ProductName` starts with: "iPhone" of
/// "iPhone16,1".
fn product_family(product: &str) -> &str {
    let end = product
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(product.len());
    &product[..end]
}

async fn token_update(
    state: &AppState,
    signer: &Signer,
    profile: &ProfileRecord,
    message: &Message,
) -> Result<(), MdmError> {
    let enrollment = enrollment_of(state, profile).await?;
    if !matches!(
        enrollment.state,
        EnrollmentState::Authenticated | EnrollmentState::Enrolled
    ) {
        return Err(MdmError::Forbidden(format!(
            "TokenUpdate for an enrollment in state {:?}",
            enrollment.state
        )));
    }
    let authenticated = state.storage.authenticated_identity(&enrollment.id).await?;
    if authenticated != Some(signer.fingerprint) {
        return Err(MdmError::Forbidden(
            "TokenUpdate from an identity that did not authenticate this enrollment".into(),
        ));
    }
    let facts = enrollment
        .device_facts
        .clone()
        .ok_or_else(|| MdmError::Forbidden("TokenUpdate before Authenticate".into()))?;
    let key = check_in_key(message, enrollment.enrollment_type)?;
    if key != facts.udid {
        return Err(MdmError::Forbidden(format!(
            "TokenUpdate for {key:?}, authenticated as {:?}",
            facts.udid
        )));
    }
    let user_enrollment = enrollment.enrollment_type == EnrollmentType::UserEnrollment;
    let now = state.clock.now();
    // Until the device answers DeviceInformation, its product family is
    // the best name there is.
    let family = facts
        .model
        .as_deref()
        .map(product_family)
        .filter(|family| !family.is_empty())
        .unwrap_or_else(|| default_model(enrollment.device))
        .to_owned();
    let device = NewDevice {
        user_id: enrollment.user_id,
        enrollment_id: enrollment.id.clone(),
        summary: DeviceSummary {
            id: new_device_id(),
            // The product code ("iPhone16,1") is kept: the portal shows its
            // marketing name ("iPhone 15 Pro") and the code in the details.
            model: facts
                .model
                .clone()
                .filter(|model| portal_api::device_model::is_product_code(model))
                .unwrap_or_else(|| family.clone()),
            display_name: family,
            product_code: None,
            os_version: facts.os_version,
            enrollment_type: enrollment.enrollment_type,
            ownership: enrollment.ownership,
            compliance: ComplianceState::Unknown,
            last_check_in_at: Some(now),
        },
        // The EnrollmentID is not the device's: it stays with the enrollment.
        udid: (!user_enrollment).then_some(key),
        serial_number: facts.serial_number.filter(|_| !user_enrollment),
        push_token: message.data("Token"),
        push_magic: message.string("PushMagic")?,
        mdm_topic: message.string("Topic")?,
        identity: signer.fingerprint,
    };
    let (device_id, created) = state.storage.enroll_device(&device, now).await?;
    state.enrollment_events.publish(&enrollment.id);
    if created {
        tracing::info!(enrollment = %enrollment.id.0, device = %device_id.0, "device enrolled");
        // The device is enrolled whatever happens to these commands: a
        // failure is logged, not answered (the device would only send
        // TokenUpdate again, which creates nothing).
        if let Err(error) = ask_device_information(state, &enrollment, &device_id, now).await {
            tracing::error!(device = %device_id.0, %error,
                "could not queue the DeviceInformation after enrollment");
        }
        if let Err(error) =
            web_clip::install_after_enrollment(state, enrollment.user_id, &device_id, now).await
        {
            tracing::error!(device = %device_id.0, %error, "could not queue the managed web clip");
        }
    }
    Ok(())
}

/// Queues the portal's own `DeviceInformation` for a device that has just
/// enrolled: its answer names the device and says its model.
async fn ask_device_information(
    state: &AppState,
    enrollment: &EnrollmentRecord,
    device_id: &DeviceId,
    now: i64,
) -> Result<(), crate::error::AppError> {
    let command = commands::enrollment_information(enrollment.enrollment_type)?;
    let outcome = state
        .storage
        .queue_command(enrollment.user_id, device_id, &command, now)
        .await?;
    if outcome == QueueOutcome::Queued {
        state.pusher.wake(device_id);
        tracing::info!(device = %device_id.0, command = %command.command_uuid,
            "DeviceInformation queued after enrollment");
    } else {
        tracing::warn!(device = %device_id.0, ?outcome, "DeviceInformation not queued");
    }
    Ok(())
}

/// The profile was removed on the device (by the user in Settings, or by
/// our `RemoveProfile`): its identity is revoked, the device forgotten and
/// its owner told.
async fn check_out(state: &AppState, signer: &Signer) -> Result<(), MdmError> {
    let now = state.clock.now();
    let device = state
        .storage
        .device_by_identity(&signer.fingerprint)
        .await?;
    let record = match &device {
        Some(device) => state.storage.device_record(&device.id).await?,
        None => None,
    };
    match record {
        Some(record) => {
            devices::forget(state, &record, now).await?;
            tracing::info!(device = %record.summary.id.0, "device checked out");
        }
        None => tracing::info!("check-out of an identity with no device"),
    }
    // Forgetting the device revoked it already; an identity that never
    // enrolled a device is revoked here.
    state
        .storage
        .revoke_identity(&signer.fingerprint, now)
        .await?;
    Ok(())
}

fn default_model(kind: DeviceKind) -> &'static str {
    match kind {
        DeviceKind::Iphone => "iPhone",
        DeviceKind::Ipad => "iPad",
    }
}

/// A new device id: 128 random bits, base64url; never a serial or UDID.
fn new_device_id() -> DeviceId {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    DeviceId(URL_SAFE_NO_PAD.encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_product_name_says_the_family_and_kind() {
        assert_eq!(product_family("iPhone16,1"), "iPhone");
        assert_eq!(product_family("iPad13,4"), "iPad");
        assert_eq!(product_family("iPod9,1"), "iPod");
        assert_eq!(product_family("12,1"), "");
        assert_eq!(device_kind("iPhone16,1"), Some(DeviceKind::Iphone));
        assert_eq!(device_kind("iPad13,4"), Some(DeviceKind::Ipad));
        assert_eq!(device_kind("iPhoneX"), None);
        assert_eq!(device_kind("Watch7,1"), None);
    }
}
