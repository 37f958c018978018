//! Reaching enrolled devices: an iPhone never polls its MDM server; it
//! connects when Apple's push service (APNs) wakes it with a push sent
//! with the organization's MDM push certificate.
//!
//! | Where | What |
//! | --- | --- |
//! | `certificate` | the push certificate: request (key + CSR), install, its topic and expiry |
//! | `apns` | the HTTP/2 client that sends `{"mdm": PushMagic}` to a device token |
//! | `pusher` | the background queue: one push per device, coalesced, retried |

pub mod apns;
pub mod certificate;
pub mod pusher;

use crate::clock::Timestamp;

/// The organization's MDM push certificate with its key: the client
/// identity towards APNs, and the topic every enrollment profile names.
#[derive(Clone)]
pub struct PushCertificate {
    /// The UID of the certificate's subject, `com.apple.mgmt.External.<uuid>`.
    pub topic: String,
    pub not_after: Timestamp,
    /// The certificate (PEM), possibly followed by its chain.
    pub certificate_pem: String,
    /// Its private key (PKCS#8 PEM). Never logged.
    pub key_pem: String,
}

impl std::fmt::Debug for PushCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushCertificate")
            .field("topic", &self.topic)
            .field("not_after", &self.not_after)
            .field("key_pem", &"***")
            .finish_non_exhaustive()
    }
}
