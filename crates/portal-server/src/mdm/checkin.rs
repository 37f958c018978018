//! What each MDM message does to enrollments and devices.
//!
//! - `Authenticate`: the user is installing the profile. Refused (403) when
//!   the profile was replaced or its install window passed, or when the
//!   device breaks the organization's rules (OS version, device kind,
//!   device limit; the enrollment becomes `Rejected` with the reason).
//!   Otherwise the enrollment is `Authenticated`.
//! - `TokenUpdate`: the profile is installed. The device is created (once)
//!   and the enrollment is `Enrolled`; when the organization wants it, the
//!   managed web clip is queued for the device (`devices::web_clip`).
//! - `CheckOut`: the profile was removed; the device is forgotten and its
//!   owner told.
//! - The command channel: `Idle` and results record a check-in; a result
//!   moves its command and action on (`devices::commands`); the answer is
//!   the device's next waiting command, if any.

use std::io::Cursor;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use plist::{Dictionary, Value};
use portal_api::{
    ComplianceState, DeviceId, DeviceKind, DeviceSummary, EnrollmentProblem, EnrollmentProblemCode,
    EnrollmentState, OsVersion, VersionRuleViolation,
};
use rand::rngs::OsRng;
use rand::RngCore;

use super::signature::Signer;
use super::MdmError;
use crate::devices::{self, commands, web_clip};
use crate::enrollment;
use crate::storage::{
    DeviceFacts, EnrollmentRecord, NewDevice, OrganizationSettings, ProfileRecord, ProfileState,
};
use crate::AppState;

/// A check-in message body.
struct Message(Dictionary);

impl Message {
    fn parse(body: &[u8]) -> Result<Self, MdmError> {
        match Value::from_reader(Cursor::new(body)) {
            Ok(Value::Dictionary(dictionary)) => Ok(Self(dictionary)),
            Ok(_) => Err(MdmError::BadRequest("the body is not a dictionary".into())),
            Err(error) => Err(MdmError::BadRequest(format!(
                "the body is not a plist: {error}"
            ))),
        }
    }

    fn string(&self, key: &str) -> Option<String> {
        self.0
            .get(key)
            .and_then(Value::as_string)
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    }

    fn data(&self, key: &str) -> Option<Vec<u8>> {
        self.0.get(key).and_then(Value::as_data).map(<[u8]>::to_vec)
    }
}

/// `PUT /mdm/checkin`
pub async fn check_in(state: &AppState, signer: &Signer, body: &[u8]) -> Result<(), MdmError> {
    let message = Message::parse(body)?;
    let message_type = message
        .string("MessageType")
        .ok_or_else(|| MdmError::BadRequest("no MessageType".into()))?;
    match message_type.as_str() {
        "Authenticate" => authenticate(state, signer, &message).await,
        "TokenUpdate" => token_update(state, signer, &message).await,
        "CheckOut" => check_out(state, signer).await,
        other => Err(MdmError::BadRequest(format!(
            "unsupported MessageType {other:?}"
        ))),
    }
}

/// `PUT /mdm/connect`: returns the plist of the device's next command, or
/// `None` when there is nothing to do (or the device is gone).
pub async fn connect(
    state: &AppState,
    signer: &Signer,
    body: &[u8],
) -> Result<Option<Vec<u8>>, MdmError> {
    let message = Message::parse(body)?;
    let device = state
        .storage
        .device_by_identity(&signer.fingerprint)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("no enrolled device has this identity".into()))?;
    let now = state.clock.now();
    state
        .storage
        .touch_device_check_in(&signer.fingerprint, now)
        .await?;
    // The check-in time is part of what the device's page shows.
    state.device_events.publish(&device.id);
    let status = message
        .string("Status")
        .ok_or_else(|| MdmError::BadRequest("no Status".into()))?;
    let record = state
        .storage
        .device_record(&device.id)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("the device is gone".into()))?;
    if status == "Idle" {
        tracing::debug!(device = %device.id.0, "MDM device polled");
    } else {
        let command_uuid = message.string("CommandUUID").ok_or_else(|| {
            MdmError::BadRequest(format!("a {status} result without CommandUUID"))
        })?;
        let result = commands::CommandResult {
            status: &status,
            command_uuid: &command_uuid,
            message: &message.0,
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

/// The profile the signer's identity came in, and its enrollment (expiry
/// applied). Unknown identities are unauthenticated.
async fn profile_and_enrollment(
    state: &AppState,
    signer: &Signer,
) -> Result<(ProfileRecord, EnrollmentRecord), MdmError> {
    let profile = state
        .storage
        .profile_by_identity(&signer.fingerprint)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("no enrollment profile has this identity".into()))?;
    let enrollment = enrollment::load(state, &profile.enrollment_id)
        .await?
        .ok_or_else(|| MdmError::Unauthorized("the profile's enrollment is gone".into()))?;
    Ok((profile, enrollment))
}

async fn authenticate(
    state: &AppState,
    signer: &Signer,
    message: &Message,
) -> Result<(), MdmError> {
    let (profile, mut enrollment) = profile_and_enrollment(state, signer).await?;
    let organization = enrollment::settings_of_user(state, enrollment.user_id).await?;
    let now = state.clock.now();

    if profile.state == ProfileState::Replaced || enrollment.state == EnrollmentState::Replaced {
        enrollment.problem = Some(EnrollmentProblem {
            code: EnrollmentProblemCode::ProfileReplaced,
            message: "This device installed an older profile that a newer download replaced. \
                      Remove it in Settings, then install the newest profile."
                .into(),
        });
        return refuse_keeping_state(state, enrollment, now, "the profile was replaced").await;
    }
    match enrollment.state {
        EnrollmentState::Downloaded | EnrollmentState::Authenticated => {}
        EnrollmentState::Expired => {
            let minutes = organization
                .enrollment
                .install_window_seconds
                .div_ceil(60)
                .max(1);
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            enrollment.problem = Some(EnrollmentProblem {
                code: EnrollmentProblemCode::ProfileExpired,
                message: format!(
                    "The profile wasn't installed in time: it must be installed within \
                     {minutes} {unit} of downloading it. Remove it in Settings, then tap \
                     Enroll again to download a new one."
                ),
            });
            return refuse_keeping_state(state, enrollment, now, "the install window passed").await;
        }
        other => {
            return Err(MdmError::Forbidden(format!(
                "Authenticate for an enrollment in state {other:?}"
            )));
        }
    }

    let facts = device_facts(message)?;
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

fn device_facts(message: &Message) -> Result<DeviceFacts, MdmError> {
    let udid = message
        .string("UDID")
        .ok_or_else(|| MdmError::BadRequest("no UDID".into()))?;
    Ok(DeviceFacts {
        udid,
        serial_number: message.string("SerialNumber"),
        device_name: message.string("DeviceName"),
        model: message
            .string("ModelName")
            .or_else(|| message.string("ProductName"))
            .or_else(|| message.string("Model")),
        os_version: message.string("OSVersion"),
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
    let version = facts
        .os_version
        .as_deref()
        .ok_or_else(|| MdmError::BadRequest("no OSVersion".into()))?;
    let version = OsVersion::parse(version)
        .map_err(|_| MdmError::BadRequest(format!("OSVersion {version:?} is not a version")))?;
    if let Err(violation) = settings.os_versions.check(&version) {
        let code = match violation {
            VersionRuleViolation::TooOld { .. } => EnrollmentProblemCode::OsTooOld,
            VersionRuleViolation::TooNew { .. } => EnrollmentProblemCode::OsTooNew,
        };
        let advice = match violation {
            VersionRuleViolation::TooOld { .. } => {
                " Update it in Settings > General > Software Update, then enroll again."
            }
            VersionRuleViolation::TooNew { .. } => " Contact your IT help desk.",
        };
        return Ok(Some(EnrollmentProblem {
            code,
            message: format!("{violation} It runs iOS {version}.{advice}"),
        }));
    }

    let product = message.string("ProductName").unwrap_or_default();
    let kind = if product.starts_with("iPhone") {
        Some(DeviceKind::Iphone)
    } else if product.starts_with("iPad") {
        Some(DeviceKind::Ipad)
    } else {
        None
    };
    if !kind.is_some_and(|kind| settings.allowed_devices.contains(&kind)) {
        let what = match kind {
            Some(DeviceKind::Iphone) => "iPhones",
            Some(DeviceKind::Ipad) => "iPads",
            None => "this kind of device",
        };
        return Ok(Some(EnrollmentProblem {
            code: EnrollmentProblemCode::DeviceNotAllowed,
            message: format!("{name} doesn't allow enrolling {what}."),
        }));
    }

    let devices = state
        .storage
        .device_count_of_user(enrollment.user_id)
        .await?;
    if devices >= settings.device_limit {
        return Ok(Some(EnrollmentProblem {
            code: EnrollmentProblemCode::DeviceLimitReached,
            message: enrollment::device_limit_message(settings.device_limit, name),
        }));
    }
    Ok(None)
}

async fn token_update(
    state: &AppState,
    signer: &Signer,
    message: &Message,
) -> Result<(), MdmError> {
    let (_, enrollment) = profile_and_enrollment(state, signer).await?;
    if !matches!(
        enrollment.state,
        EnrollmentState::Authenticated | EnrollmentState::Enrolled
    ) {
        return Err(MdmError::Forbidden(format!(
            "TokenUpdate for an enrollment in state {:?}",
            enrollment.state
        )));
    }
    let now = state.clock.now();
    let facts = enrollment.device_facts.clone().unwrap_or_default();
    let udid = message.string("UDID").unwrap_or(facts.udid);
    let model = facts
        .model
        .clone()
        .unwrap_or_else(|| default_model(enrollment.device).to_owned());
    let display_name = message
        .string("DeviceName")
        .or(facts.device_name)
        .unwrap_or_else(|| model.clone());
    let device = NewDevice {
        user_id: enrollment.user_id,
        enrollment_id: enrollment.id.clone(),
        summary: DeviceSummary {
            id: new_device_id(),
            display_name,
            model,
            os_version: facts.os_version,
            enrollment_type: enrollment.enrollment_type,
            ownership: enrollment.ownership,
            compliance: ComplianceState::Unknown,
            last_check_in_at: Some(now),
        },
        udid: Some(udid),
        serial_number: facts.serial_number,
        push_token: message.data("Token"),
        push_magic: message.string("PushMagic"),
        mdm_topic: message.string("Topic"),
        identity: signer.fingerprint,
    };
    let (device_id, created) = state.storage.enroll_device(&device, now).await?;
    state.enrollment_events.publish(&enrollment.id);
    if created {
        tracing::info!(enrollment = %enrollment.id.0, device = %device_id.0, "device enrolled");
        // The device is enrolled whatever happens to the web clip: a failure
        // is logged, not answered (the device would only send TokenUpdate
        // again, which creates nothing).
        if let Err(error) =
            web_clip::install_after_enrollment(state, enrollment.user_id, &device_id, now).await
        {
            tracing::error!(device = %device_id.0, %error, "could not queue the managed web clip");
        }
    }
    Ok(())
}

/// The profile was removed on the device (by the user in Settings, or by
/// our `RemoveProfile`): forget the device and tell its owner.
async fn check_out(state: &AppState, signer: &Signer) -> Result<(), MdmError> {
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
            devices::forget(state, &record, state.clock.now()).await?;
            tracing::info!(device = %record.summary.id.0, "device checked out");
        }
        // Already forgotten (it acknowledged RemoveProfile first).
        None => tracing::info!("check-out of a device the portal no longer has"),
    }
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
