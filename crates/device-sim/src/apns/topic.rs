//! The topic of a push certificate: the UID in its subject.

use der::{Decode, Tag, Tagged};
use x509_cert::Certificate;

/// The subject UID of a DER certificate, e.g.
/// `com.apple.mgmt.External.<uuid>`; `None` when it has none.
pub fn topic_of_certificate(der: &[u8]) -> Option<String> {
    let certificate = Certificate::from_der(der).ok()?;
    let uid = const_oid::ObjectIdentifier::new_unwrap(super::UID_OID);
    certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|attribute| attribute.oid == uid)
        .and_then(|attribute| match attribute.value.tag() {
            Tag::Utf8String | Tag::PrintableString | Tag::Ia5String => {
                std::str::from_utf8(attribute.value.value())
                    .ok()
                    .map(str::to_owned)
            }
            _ => None,
        })
}
