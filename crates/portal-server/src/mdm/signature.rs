//! The `Mdm-Signature` header: how every MDM message proves which device
//! sent it.
//!
//! A profile with `SignMessage` makes the device sign each message body with
//! the identity from the profile. The header carries base64 of a DER CMS
//! `ContentInfo` (RFC 5652) holding `SignedData`:
//!
//! - detached: `encapContentInfo` is `id-data` without content (the content
//!   is the HTTP body);
//! - the signer's certificate in `certificates`, the signer named by issuer
//!   and serial number (or subject key identifier);
//! - digest SHA-256, with signed attributes `contentType` (`id-data`) and
//!   `messageDigest` (SHA-256 of the body); `signingTime` may be there too;
//! - signature ECDSA P-256 with SHA-256 (`ecdsa-with-SHA256`, or
//!   `id-ecPublicKey` as some signers write it) over the DER of the signed
//!   attributes as a `SET OF`, DER-encoded `Ecdsa-Sig-Value`.
//!
//! The certificate must have been issued by the MDM device CA.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::OctetString;
use der::oid::ObjectIdentifier;
use der::{Decode, Encode};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::Certificate;

use super::ca::{fingerprint, IdentityError, MdmCa};
use crate::storage::CertificateFingerprint;

/// The header devices send the signature in.
pub const MDM_SIGNATURE_HEADER: &str = "mdm-signature";

pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
pub const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
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
    #[error("the digest is not SHA-256")]
    DigestAlgorithm,
    #[error("the signature algorithm is not ECDSA with SHA-256")]
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

/// Checks `header` (the `Mdm-Signature` value) against `body`.
pub fn verify(ca: &MdmCa, header: Option<&[u8]>, body: &[u8]) -> Result<Signer, SignatureError> {
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

    if signer.digest_alg.oid != ID_SHA256 {
        return Err(SignatureError::DigestAlgorithm);
    }
    if signer.signature_algorithm.oid != ECDSA_WITH_SHA256
        && signer.signature_algorithm.oid != ID_EC_PUBLIC_KEY
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
    let digest = single_attribute(attributes, ID_MESSAGE_DIGEST)?
        .decode_as::<OctetString>()
        .map_err(|_| SignatureError::SignedAttributes)?;
    if digest.as_bytes() != Sha256::digest(body).as_slice() {
        return Err(SignatureError::DigestMismatch);
    }

    let key = VerifyingKey::from_sec1_bytes(
        certificate
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes(),
    )
    .map_err(|_| SignatureError::SignatureAlgorithm)?;
    let signature = DerSignature::try_from(signer.signature.as_bytes())
        .map_err(|_| SignatureError::BadSignature)?;
    // The signature covers the attributes' DER with the SET OF tag, not the
    // [0] IMPLICIT tag they carry inside SignerInfo.
    let signed = attributes.to_der().map_err(malformed)?;
    key.verify(&signed, &signature)
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
