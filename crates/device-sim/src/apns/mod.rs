//! A stand-in for Apple's push service (APNs), for tests and demos.
//!
//! An enrolled iPhone never polls its MDM server: it keeps one connection
//! open to APNs, and connects to the server's ServerURL when a push with
//! its `PushMagic` arrives. This module plays both sides of APNs:
//!
//! - [`Gateway`] serves Apple's **provider API** as the MDM server sees it:
//!   HTTP/2 over TLS, the organization's push certificate as the client
//!   certificate (its subject UID is the topic), `POST /3/device/<token>`
//!   with `{"mdm": "<PushMagic>"}`, and Apple's answers (200 with
//!   `apns-id`, 400 `BadDeviceToken`, 403, 410 `Unregistered`, ...).
//! - The **device side** stands in for a device's own connection to APNs.
//!   It is *not* Apple's API (Apple's is a private protocol): a device
//!   registers for a topic and gets a random 32-byte token, waits for
//!   wakes, and unregisters when it is erased or unenrolled. In one process
//!   use [`Gateway`]'s methods through [`PushConnection::in_process`]; from
//!   another process, [`PushConnection::remote`] uses plain JSON endpoints
//!   on the gateway's listener under `/device-sim/` (see [`gateway`]),
//!   authenticated by nothing but the token: fine for a test tool, never
//!   for anything real.

mod connection;
pub mod gateway;
mod push_ca;
mod topic;

pub use connection::{PushConnection, Wake};
pub use gateway::{Delivery, Gateway, GatewayError, GatewayOptions, ReceivedPush};
pub use push_ca::{IssuedPushCertificate, PushCa};
pub use topic::topic_of_certificate;

/// The subject attribute that names an MDM push certificate's topic:
/// UID (OID 0.9.2342.19200300.100.1.1).
pub const UID_OID: &str = "0.9.2342.19200300.100.1.1";
/// The prefix of every MDM topic.
pub const MDM_TOPIC_PREFIX: &str = "com.apple.mgmt.External.";
