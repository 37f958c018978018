//! The `Mdm-Signature` header: how every MDM message proves which device
//! sent it.
//!
//! A profile with `SignMessage` makes the device sign each message body with
//! the identity it got by SCEP. The header carries base64 of a DER CMS
//! `ContentInfo` (RFC 5652) holding `SignedData`:
//!
//! - detached: `encapContentInfo` is `id-data` without content (the content
//!   is the HTTP body);
//! - the signer's certificate in `certificates`, the signer named by issuer
//!   and serial number (or subject key identifier);
//! - digest SHA-256 (SHA-1 from older iOS), with signed attributes
//!   `contentType` (`id-data`) and `messageDigest` (that digest of the
//!   body); `signingTime` may be there too;
//! - signature RSA PKCS#1 v1.5 (`rsaEncryption`, `sha256WithRSAEncryption`
//!   or `sha1WithRSAEncryption`) over the DER of the signed attributes as a
//!   `SET OF`.
//!
//! The certificate must have been issued by the MDM device CA and be valid
//! at the server's clock.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use scep::DigestAlgorithm;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::Certificate;

use super::ca::{fingerprint, timestamp, IdentityError, MdmCa};
use crate::clock::Timestamp;
use crate::storage::CertificateFingerprint;

/// The header devices send the signature in.
pub const MDM_SIGNATURE_HEADER: &str = "mdm-signature";

pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const ID_SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

/// Why a message's signature was refused (logged; the device gets 401).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("no Mdm-Signature header")]
    Missing,
    #[error("the Mdm-Signature header is not base64")]
    NotBase64,
    #[error("the signature is not a CMS SignedData: {0}")]
    Malformed(String),
    #[error("the signature is not detached")]
    NotDetached,
    #[error("the signature has no signer, or more than one")]
    Signers,
    #[error("the signer's certificate is not in the signature")]
    NoCertificate,
    #[error("the signer's certificate: {0}")]
    Certificate(#[from] IdentityError),
    #[error("the signer's certificate is expired or not yet valid")]
    CertificateNotValidNow,
    #[error("the digest is neither SHA-256 nor SHA-1")]
    DigestAlgorithm,
    #[error("the signature algorithm is not RSA with the message's digest")]
    SignatureAlgorithm,
    #[error("the signed attributes are missing or incomplete")]
    SignedAttributes,
    #[error("the message digest does not match the body")]
    DigestMismatch,
    #[error("the signature does not verify")]
    BadSignature,
}

/// A message whose signature checked out: who signed it.
#[derive(Debug, Clone)]
pub struct Signer {
    pub certificate: Certificate,
    pub fingerprint: CertificateFingerprint,
}

/// Checks `header` (the `Mdm-Signature` value) against `body`, with the
/// signer's certificate valid at `now`.
pub fn verify(
    ca: &MdmCa,
    header: Option<&[u8]>,
    body: &[u8],
    now: Timestamp,
) -> Result<Signer, SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let compact: Vec<u8> = header
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let der = STANDARD
        .decode(&compact)
        .map_err(|_| SignatureError::NotBase64)?;
    let malformed = |error: der::Error| SignatureError::Malformed(error.to_string());
    let content_info = ContentInfo::from_der(&der).map_err(malformed)?;
    if content_info.content_type != ID_SIGNED_DATA {
        return Err(SignatureError::Malformed("not SignedData".into()));
    }
    let signed_data: SignedData = content_info.content.decode_as().map_err(malformed)?;
    if signed_data.encap_content_info.econtent.is_some() {
        return Err(SignatureError::NotDetached);
    }
    let mut signers = signed_data.signer_infos.0.iter();
    let (Some(signer), None) = (signers.next(), signers.next()) else {
        return Err(SignatureError::Signers);
    };
    let certificate = signer_certificate(&signed_data, signer)?;
    ca.verify_issued(&certificate)?;
    let validity = &certificate.tbs_certificate.validity;
    if now < timestamp(&validity.not_before) || now > timestamp(&validity.not_after) {
        return Err(SignatureError::CertificateNotValidNow);
    }

    let digest =
        DigestAlgorithm::from_oid(signer.digest_alg.oid).ok_or(SignatureError::DigestAlgorithm)?;
    let algorithm = signer.signature_algorithm.oid;
    if algorithm != RSA_ENCRYPTION && DigestAlgorithm::from_signature_oid(algorithm) != Some(digest)
    {
        return Err(SignatureError::SignatureAlgorithm);
    }
    let attributes = signer
        .signed_attrs
        .as_ref()
        .ok_or(SignatureError::SignedAttributes)?;
    let content_type = single_attribute(attributes, ID_CONTENT_TYPE)?
        .decode_as::<ObjectIdentifier>()
        .map_err(|_| SignatureError::SignedAttributes)?;
    if content_type != ID_DATA {
        return Err(SignatureError::SignedAttributes);
    }
    let digest_value = single_attribute(attributes, ID_MESSAGE_DIGEST)?
        .decode_as::<OctetString>()
        .map_err(|_| SignatureError::SignedAttributes)?;
    if digest_value.as_bytes() != digest.digest(body).as_slice() {
        return Err(SignatureError::DigestMismatch);
    }

    let key =
        scep::rsa_signature::rsa_public_key(&certificate.tbs_certificate.subject_public_key_info)
            .map_err(|_| SignatureError::SignatureAlgorithm)?;
    // The signature covers the attributes' DER with the SET OF tag, not the
    // [0] IMPLICIT tag they carry inside SignerInfo.
    let signed = attributes.to_der().map_err(malformed)?;
    scep::rsa_signature::verify(&key, digest, &signed, signer.signature.as_bytes())
        .map_err(|_| SignatureError::BadSignature)?;

    let certificate_der = certificate.to_der().map_err(malformed)?;
    Ok(Signer {
        fingerprint: fingerprint(&certificate_der),
        certificate,
    })
}

/// The certificate the signer identifier names.
fn signer_certificate(
    signed_data: &SignedData,
    signer: &SignerInfo,
) -> Result<Certificate, SignatureError> {
    let certificates = signed_data
        .certificates
        .as_ref()
        .ok_or(SignatureError::NoCertificate)?;
    certificates
        .0
        .iter()
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(certificate) => Some(certificate),
            CertificateChoices::Other(_) => None,
        })
        .find(|certificate| names_signer(certificate, &signer.sid))
        .cloned()
        .ok_or(SignatureError::NoCertificate)
}

fn names_signer(certificate: &Certificate, sid: &SignerIdentifier) -> bool {
    let tbs = &certificate.tbs_certificate;
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            id.issuer == tbs.issuer && id.serial_number == tbs.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(wanted) => tbs
            .extensions
            .iter()
            .flatten()
            .filter(|extension| extension.extn_id == ID_SUBJECT_KEY_IDENTIFIER)
            .filter_map(|extension| {
                SubjectKeyIdentifier::from_der(extension.extn_value.as_bytes()).ok()
            })
            .any(|found| found == *wanted),
    }
}

/// The one value of a signed attribute that must be there once.
fn single_attribute(
    attributes: &cms::signed_data::SignedAttributes,
    oid: ObjectIdentifier,
) -> Result<der::Any, SignatureError> {
    let mut matching = attributes.iter().filter(|attribute| attribute.oid == oid);
    let (Some(attribute), None) = (matching.next(), matching.next()) else {
        return Err(SignatureError::SignedAttributes);
    };
    let mut values = attribute.values.iter();
    match (values.next(), values.next()) {
        (Some(value), None) => Ok(value.clone()),
        _ => Err(SignatureError::SignedAttributes),
    }
}
