//! Apple's device management schema as a referee for MDM plists.
//!
//! The YAML of apple/device-management (release iOS 18.1, vendored under
//! `schema/`) says which keys each check-in message, command, command
//! response and profile payload has, their types and allowed values, and on
//! which OS versions and enrollments each key exists. This crate checks a
//! `plist` value against one definition for one device ([`Context`]) and
//! returns every [`Violation`], so tests can assert that the simulated device
//! sends what iOS sends and that the server sends only what iOS accepts.
//!
//! ```
//! use mdm_schema::{check_checkin, Context};
//! let mut message = plist::Dictionary::new();
//! message.insert("MessageType".into(), "CheckOut".into());
//! message.insert("Topic".into(), "com.apple.mgmt.External.1".into());
//! message.insert("UDID".into(), "0000".into());
//! check_checkin(&Context::ios("17.4"), "CheckOut", &message).unwrap();
//! ```
//!
//! Rules, beyond docs/schema.md:
//! - A key applies if its `supportedOS` entry for the OS (the payload's,
//!   updated with the key's own fields) exists, is introduced at or before
//!   the version (`n/a`: never) and not removed. A key that doesn't apply
//!   must be absent.
//! - `userenrollment: {mode: forbidden}` keys must be absent under user
//!   enrollment; `mode: required` keys must be present under user enrollment
//!   and absent otherwise. `sharedipad: {mode: required}` keys (the user
//!   channel's) are allowed only on a Shared iPad, never forced present.
//!   These modes are the key's own, not inherited from the payload.
//! - Keys without `presence` (common in `responsekeys`) are optional.
//! - Unknown keys are violations. A dictionary key with an `ANY` subkey
//!   accepts any key name (checked against that subkey); a dictionary whose
//!   definition has no subkeys is open only with
//!   [`Checker::allow_open_dictionaries`].
//! - A scalar with subkeys (DeviceInformation's `Queries` items) must be one
//!   of the listed values, and that value must apply to the context.

mod catalog;
mod check;
mod context;
mod definition;
mod messages;
mod violation;

pub use catalog::{
    checkin_definition, command_definition, definition, error_document_definition,
    profile_payload_definition, FILES,
};
pub use check::KeySet;
pub use context::{Absence, Context, Enrollment, Os};
pub use definition::{
    Bounds, Definition, KeyDefinition, Mode, ModeSpec, OsSupport, OsVersion, PayloadInfo, Presence,
    RangeValue, SupportedOs, ValueType,
};
pub use messages::{
    check, check_checkin, check_command, check_command_request, check_command_response,
    check_configuration_profile, check_error_document, check_idle, check_machine_info,
    check_profile_payload, Checker, PlistRoot,
};
pub use violation::{Violation, ViolationKind, Violations};

/// A definition that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("definition is not valid schema YAML: {0}")]
    Yaml(String),
}
