//! `Mdm-Signature`: a detached CMS signature of a message body.
//!
//! `ContentInfo { id-signedData, SignedData {
//!   version 1, digestAlgorithms { sha-256 },
//!   encapContentInfo { id-data, no eContent },
//!   certificates { the identity certificate },
//!   signerInfos { SignerInfo { version 1, sid issuerAndSerialNumber,
//!     digestAlgorithm sha-256,
//!     signedAttrs { contentType id-data, messageDigest SHA-256(body), signingTime },
//!     signatureAlgorithm ecdsa-with-SHA256 (or sha256WithRSAEncryption),
//!     signature over DER(signedAttrs as SET OF) } } } }`
//! DER, then standard base64 without newlines.

use base64::Engine;
use cms::builder::{create_signing_time_attribute, SignedDataBuilder, SignerInfoBuilder};
use cms::cert::x509::Certificate;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, ID_SHA_256, SHA_256_WITH_RSA_ENCRYPTION};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

use crate::profile::{Identity, IdentityKey};
use crate::SimError;

fn err(e: impl std::fmt::Display) -> SimError {
    SimError::Signature(e.to_string())
}

/// The DER `ContentInfo` of a detached signature of `body`.
pub fn sign_detached_der(identity: &Identity, body: &[u8]) -> Result<Vec<u8>, SimError> {
    let digest = Sha256::digest(body);
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: identity.certificate.tbs_certificate.issuer.clone(),
        serial_number: identity.certificate.tbs_certificate.serial_number.clone(),
    });
    let sha256 = AlgorithmIdentifierOwned {
        oid: ID_SHA_256,
        parameters: None,
    };
    let mut builder = SignedDataBuilder::new(&content);
    builder
        .add_digest_algorithm(sha256.clone())
        .map_err(err)?
        .add_certificate(CertificateChoices::Certificate(
            identity.certificate.clone(),
        ))
        .map_err(err)?;
    // The builder adds contentType and messageDigest itself.
    let signing_time = create_signing_time_attribute().map_err(err)?;
    match &identity.key {
        IdentityKey::P256(key) => {
            let mut signer =
                SignerInfoBuilder::new(key, sid, sha256, &content, Some(digest.as_slice()))
                    .map_err(err)?;
            signer.add_signed_attribute(signing_time).map_err(err)?;
            builder
                .add_signer_info::<_, p256::ecdsa::DerSignature>(signer)
                .map_err(err)?;
        }
        IdentityKey::Rsa(key) => {
            let mut signer =
                SignerInfoBuilder::new(&**key, sid, sha256, &content, Some(digest.as_slice()))
                    .map_err(err)?;
            signer.add_signed_attribute(signing_time).map_err(err)?;
            builder
                .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer)
                .map_err(err)?;
        }
    }
    builder.build().map_err(err)?.to_der().map_err(err)
}

/// The `Mdm-Signature` header value for `body`.
pub fn mdm_signature(identity: &Identity, body: &[u8]) -> Result<String, SimError> {
    Ok(base64::engine::general_purpose::STANDARD.encode(sign_detached_der(identity, body)?))
}

/// Checks an `Mdm-Signature` header value against `body`, independently of
/// the builder: the digest, the content type, the signer's certificate and
/// the signature over the signed attributes. Returns the signer's certificate.
pub fn verify_mdm_signature(header: &str, body: &[u8]) -> Result<Certificate, SimError> {
    let der_bytes = base64::engine::general_purpose::STANDARD
        .decode(header.trim())
        .map_err(err)?;
    let info = ContentInfo::from_der(&der_bytes).map_err(err)?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(err("not SignedData"));
    }
    let signed: SignedData = info.content.decode_as().map_err(err)?;
    if signed.encap_content_info.econtent.is_some() {
        return Err(err("not detached: eContent present"));
    }
    if signed.encap_content_info.econtent_type != ID_DATA {
        return Err(err("eContentType is not id-data"));
    }
    let signer = match signed.signer_infos.0.as_slice() {
        [one] => one,
        _ => return Err(err("expected exactly one SignerInfo")),
    };
    if signer.digest_alg.oid != ID_SHA_256 {
        return Err(err("digest algorithm is not SHA-256"));
    }
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer.sid else {
        return Err(err("signer not identified by issuer and serial"));
    };
    let certificate = signed
        .certificates
        .as_ref()
        .into_iter()
        .flat_map(|set| set.0.iter())
        .find_map(|choice| match choice {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate.issuer == sid.issuer
                    && c.tbs_certificate.serial_number == sid.serial_number =>
            {
                Some(c.clone())
            }
            _ => None,
        })
        .ok_or_else(|| err("signer certificate not in certificates"))?;
    let attrs = signer
        .signed_attrs
        .as_ref()
        .ok_or_else(|| err("no signed attributes"))?;
    let attr_value = |oid| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.get(0))
            .ok_or_else(|| err(format!("signed attribute {oid} missing")))
    };
    let digest = attr_value(ID_MESSAGE_DIGEST)?
        .decode_as::<der::asn1::OctetString>()
        .map_err(err)?;
    if digest.as_bytes() != Sha256::digest(body).as_slice() {
        return Err(err("messageDigest does not match the body"));
    }
    let content_type = attr_value(ID_CONTENT_TYPE)?
        .decode_as::<der::asn1::ObjectIdentifier>()
        .map_err(err)?;
    if content_type != ID_DATA {
        return Err(err("contentType attribute is not id-data"));
    }
    // The signature covers the attributes encoded as a SET OF (tag 0x31).
    let signed_bytes = attrs.to_der().map_err(err)?;
    let spki_der = certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(err)?;
    let signature = signer.signature.as_bytes();
    use signature::Verifier;
    use spki::DecodePublicKey;
    match signer.signature_algorithm.oid {
        ECDSA_WITH_SHA_256 => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der).map_err(err)?;
            let sig = p256::ecdsa::Signature::from_der(signature).map_err(err)?;
            key.verify(&signed_bytes, &sig).map_err(err)?;
        }
        SHA_256_WITH_RSA_ENCRYPTION => {
            let key = rsa::RsaPublicKey::from_public_key_der(&spki_der).map_err(err)?;
            let key = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key);
            let sig = rsa::pkcs1v15::Signature::try_from(signature).map_err(err)?;
            key.verify(&signed_bytes, &sig).map_err(err)?;
        }
        other => return Err(err(format!("unsupported signature algorithm {other}"))),
    }
    Ok(certificate)
}
