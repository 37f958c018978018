//! A simulated iPhone or iPad that installs an MDM enrollment profile and
//! speaks Apple's check-in and command protocols, so the portal can be tested
//! end to end without a real device.
//!
//! The flow mirrors a device:
//! 1. [`Profile::fetch`] (or [`Profile::parse`]) reads the `.mobileconfig`: the
//!    `com.apple.mdm` payload and the `com.apple.security.scep` payload it
//!    names for its identity.
//! 2. [`Device::enroll`] gets its identity by SCEP ([`scep`]: its own RSA
//!    key, a certificate from the server's CA), then PUTs `Authenticate`
//!    and `TokenUpdate` to the CheckInURL.
//! 3. [`Device::poll_once`] PUTs `Idle` to the ServerURL and answers commands
//!    until the server has none. With a push connection
//!    ([`Device::push_via`], [`apns`]) the device connects only when a push
//!    wakes it, as iOS does: [`Device::run_until`] waits for wakes.
//!    Without one, `run_until` polls every `poll_interval`: a test
//!    convenience, not what iOS does.
//!    `InstallProfile` keeps the profile it carries
//!    ([`Device::installed_profiles`]), e.g. the portal's managed web clip.
//! 4. [`Device::check_out`] PUTs `CheckOut`.
//!
//! [`account_enrollment`] plays account-driven enrollment, user (`mdm-byod`)
//! or device (`mdm-adde`) as discovery says (the `apple-as-web` challenge,
//! the web sign-in's token, the profile), then the same device with
//! `Authorization: Bearer` on every request, keyed by `EnrollmentID` under
//! user enrollment and by its UDID under device enrollment.
//!
//! A profile for user enrollment (Apple's profile-based user enrollment:
//! `ManagedAppleID` in the MDM payload, iOS 13.1 to 17) makes the device a
//! user-enrolled one: checked against the schema for user enrollment, its
//! messages keyed by a fresh `EnrollmentID` without device identifiers.
//!
//! With `SignMessage` every message carries an `Mdm-Signature` header: a
//! detached CMS signature made with the device's identity ([`signing`]).
//!
//! Apple's schema (crate mdm-schema) referees at run time, for the iOS
//! version the device plays: a message iOS never sends is not sent
//! ([`SimError::NotWhatIosSends`]); a command that breaks the schema is
//! answered `CommandFormatError` and not acted on; a profile iOS would
//! refuse (schema, or a signature that does not verify:
//! [`profile_signature`]) is refused.

pub mod account_enrollment;
pub mod apns;
mod conformance;
mod device;
mod error;
mod facts;
mod identity;
mod installed;
pub mod messages;
mod profile;
pub mod profile_signature;
pub mod scep;
pub mod signing;

/// The SCEP message crate the client is built on.
pub use ::scep as scep_message;
pub use conformance::COMMAND_FORMAT_ERROR;
pub use device::{AccessToken, CommandOutcome, Device, Enrolled, PollOutcome, RunOutcome};
pub use error::SimError;
pub use facts::{DeviceFacts, DeviceKind, FactsFile, DEFAULT_OS_VERSION};
pub use identity::{Identity, CERTIFICATE_FILE, FACTS_FILE, KEY_FILE};
pub use installed::{InstalledPayload, InstalledProfile, WEB_CLIP_PAYLOAD_TYPE};
/// Apple's schema, the referee of what the device sends and accepts.
pub use mdm_schema;
pub use profile::{MdmPayload, Profile};
pub use profile_signature::{ProfileSignature, Verification};
pub use scep::{ScepPayload, ScepRequest};

/// `Content-Type` of check-in messages (`Authenticate`, `TokenUpdate`, `CheckOut`).
pub const CHECKIN_CONTENT_TYPE: &str = "application/x-apple-aspen-mdm-checkin";
/// `Content-Type` of command-channel messages (`Idle` and command results).
pub const CONNECT_CONTENT_TYPE: &str = "application/x-apple-aspen-mdm";
/// `Content-Type` a server should serve a profile with.
pub const PROFILE_CONTENT_TYPE: &str = "application/x-apple-aspen-config";
/// The header carrying the base64 detached CMS signature of the body.
pub const SIGNATURE_HEADER: &str = "Mdm-Signature";
/// `User-Agent` of the MDM client on iOS.
pub const MDM_USER_AGENT: &str = "MDM/1.0";
