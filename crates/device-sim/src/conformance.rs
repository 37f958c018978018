//! Apple's schema (crate mdm-schema) as the referee at run time, for the
//! iOS version the device plays on a device enrollment: every message is
//! checked before it is sent (what iOS never says is a simulator bug, not
//! sent), every command before it is acted on (iOS answers one that breaks
//! the schema with `CommandFormatError`), and every profile before it is
//! installed (iOS refuses it).

use mdm_schema::{Context, KeySet, Violations};
use plist::{Dictionary, Value};

use crate::{messages, SimError};

/// The device as the schema sees it.
pub(crate) fn context(os_version: &str) -> Context {
    Context::ios(os_version)
}

/// A check-in message (`Authenticate`, `TokenUpdate`, `CheckOut`) about to
/// be sent.
pub(crate) fn outgoing_checkin(
    ctx: &Context,
    message_type: &str,
    message: &Dictionary,
) -> Result<(), SimError> {
    mdm_schema::check_checkin(ctx, message_type, message).map_err(SimError::NotWhatIosSends)
}

/// An `Idle` message about to be sent.
pub(crate) fn outgoing_idle(ctx: &Context, message: &Dictionary) -> Result<(), SimError> {
    mdm_schema::check_idle(ctx, message).map_err(SimError::NotWhatIosSends)
}

/// The answer to a `request_type` command about to be sent. A
/// `CommandFormatError` answers a command the schema may not know (or not
/// for iOS), so only the keys every response carries are checked then.
pub(crate) fn outgoing_result(
    ctx: &Context,
    request_type: &str,
    result: &Dictionary,
) -> Result<(), SimError> {
    let checked = if result.get("Status").and_then(Value::as_string) == Some(COMMAND_FORMAT_ERROR) {
        let envelope = mdm_schema::definition("local/command-response.yaml")
            .expect("mdm-schema embeds the command response envelope");
        mdm_schema::check(ctx, envelope, KeySet::Payload, result)
    } else {
        mdm_schema::check_command_response(ctx, request_type, result)
    };
    checked.map_err(SimError::NotWhatIosSends)
}

/// A command as the server sent it (`{CommandUUID, Command}`).
pub(crate) fn incoming_command(ctx: &Context, envelope: &Dictionary) -> Result<(), Violations> {
    mdm_schema::check_command(ctx, envelope)
}

/// A profile's plist, before it is installed.
pub(crate) fn installable_profile(ctx: &Context, profile: &Value) -> Result<(), SimError> {
    mdm_schema::check_configuration_profile(ctx, profile).map_err(SimError::ProfileSchema)
}

/// The status iOS answers a command with when it breaks the schema.
pub const COMMAND_FORMAT_ERROR: &str = "CommandFormatError";

/// The `ErrorChain` of a `CommandFormatError`: what was wrong, one
/// violation per clause (the code is the simulator's choice: Apple's schema
/// allows an ErrorChain here but documents no code).
pub(crate) fn command_format_error(violations: &Violations) -> Dictionary {
    let wrong: Vec<String> = violations.iter().map(ToString::to_string).collect();
    messages::error_chain(
        "MCMDMErrorDomain",
        12001,
        &format!(
            "The {} is not well formed: {} (device simulator)",
            violations.subject,
            wrong.join("; ")
        ),
    )
}
