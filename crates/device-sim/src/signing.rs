//! `Mdm-Signature`: a detached CMS signature of a message body.
//!
//! `ContentInfo { id-signedData, SignedData {
//!   version 1, digestAlgorithms { sha-256 (or sha-1) },
//!   encapContentInfo { id-data, no eContent },
//!   certificates { the identity certificate },
//!   signerInfos { SignerInfo { version 1, sid issuerAndSerialNumber,
//!     digestAlgorithm sha-256 (or sha-1),
//!     signedAttrs { contentType id-data, messageDigest digest(body), signingTime },
//!     signatureAlgorithm sha256WithRSAEncryption (or sha1WithRSAEncryption),
//!     signature over DER(signedAttrs as SET OF) } } } }`
//! DER, then standard base64 without newlines.

use base64::Engine;
use cms::builder::{create_signing_time_attribute, SignedDataBuilder, SignerInfoBuilder};
use cms::cert::x509::Certificate;
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{
    RSA_ENCRYPTION, SHA_1_WITH_RSA_ENCRYPTION, SHA_256_WITH_RSA_ENCRYPTION,
};
use der::{Decode, Encode};
use scep::DigestAlgorithm;

use crate::{Identity, SimError};

fn err(e: impl std::fmt::Display) -> SimError {
    SimError::Signature(e.to_string())
}

/// The DER `ContentInfo` of a detached SHA-256 signature of `body`.
pub fn sign_detached_der(identity: &Identity, body: &[u8]) -> Result<Vec<u8>, SimError> {
    sign_detached_der_with(identity, body, DigestAlgorithm::Sha256)
}

/// The DER `ContentInfo` of a detached signature of `body` with `digest`
/// (SHA-1 is what older iOS versions sent).
pub fn sign_detached_der_with(
    identity: &Identity,
    body: &[u8],
    digest: DigestAlgorithm,
) -> Result<Vec<u8>, SimError> {
    let message_digest = digest.digest(body);
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: identity.certificate.tbs_certificate.issuer.clone(),
        serial_number: identity.certificate.tbs_certificate.serial_number.clone(),
    });
    let mut builder = SignedDataBuilder::new(&content);
    builder
        .add_digest_algorithm(digest.identifier())
        .map_err(err)?
        .add_certificate(CertificateChoices::Certificate(
            identity.certificate.clone(),
        ))
        .map_err(err)?;
    // The builder adds contentType and messageDigest itself.
    let signing_time = create_signing_time_attribute().map_err(err)?;
    let signer = RsaSigner {
        sid,
        digest,
        content: &content,
        message_digest: &message_digest,
        signing_time,
    };
    match digest {
        DigestAlgorithm::Sha256 => signer.add_to::<sha2::Sha256>(&mut builder, identity)?,
        DigestAlgorithm::Sha1 => signer.add_to::<sha1::Sha1>(&mut builder, identity)?,
    }
    builder.build().map_err(err)?.to_der().map_err(err)
}

/// One RSA PKCS #1 v1.5 signer of a detached signature; the hash is the
/// type parameter of [`RsaSigner::add_to`].
struct RsaSigner<'a> {
    sid: SignerIdentifier,
    digest: DigestAlgorithm,
    content: &'a EncapsulatedContentInfo,
    message_digest: &'a [u8],
    signing_time: x509_cert::attr::Attribute,
}

impl RsaSigner<'_> {
    fn add_to<D>(
        self,
        builder: &mut SignedDataBuilder<'_>,
        identity: &Identity,
    ) -> Result<(), SimError>
    where
        D: sha2::Digest + const_oid::AssociatedOid + rsa::pkcs1v15::RsaSignatureAssociatedOid,
    {
        let key = rsa::pkcs1v15::SigningKey::<D>::new(identity.key.clone());
        let mut signer = SignerInfoBuilder::new(
            &key,
            self.sid,
            self.digest.identifier(),
            self.content,
            Some(self.message_digest),
        )
        .map_err(err)?;
        signer
            .add_signed_attribute(self.signing_time)
            .map_err(err)?;
        builder
            .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer)
            .map_err(err)?;
        Ok(())
    }
}

/// The DER `ContentInfo` of a SHA-256 signature with `body` attached (as
/// the device's built-in identity signs its MachineInfo for account-driven
/// enrollment).
pub fn sign_attached_der(identity: &Identity, body: &[u8]) -> Result<Vec<u8>, SimError> {
    let econtent = der::Any::new(der::Tag::OctetString, body).map_err(err)?;
    let content = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: Some(econtent),
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: identity.certificate.tbs_certificate.issuer.clone(),
        serial_number: identity.certificate.tbs_certificate.serial_number.clone(),
    });
    let digest = DigestAlgorithm::Sha256;
    let mut builder = SignedDataBuilder::new(&content);
    builder
        .add_digest_algorithm(digest.identifier())
        .map_err(err)?
        .add_certificate(CertificateChoices::Certificate(
            identity.certificate.clone(),
        ))
        .map_err(err)?;
    let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(identity.key.clone());
    let signer =
        SignerInfoBuilder::new(&key, sid, digest.identifier(), &content, None).map_err(err)?;
    builder
        .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer)
        .map_err(err)?;
    builder.build().map_err(err)?.to_der().map_err(err)
}

/// The `Mdm-Signature` header value for `body` with `digest`.
pub fn mdm_signature_with(
    identity: &Identity,
    body: &[u8],
    digest: DigestAlgorithm,
) -> Result<String, SimError> {
    Ok(base64::engine::general_purpose::STANDARD
        .encode(sign_detached_der_with(identity, body, digest)?))
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
    let digest = DigestAlgorithm::from_oid(signer.digest_alg.oid)
        .ok_or_else(|| err("digest algorithm is neither SHA-256 nor SHA-1"))?;
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
    let digest_value = attr_value(ID_MESSAGE_DIGEST)?
        .decode_as::<der::asn1::OctetString>()
        .map_err(err)?;
    if digest_value.as_bytes() != digest.digest(body).as_slice() {
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
    let key =
        scep::rsa_signature::rsa_public_key(&certificate.tbs_certificate.subject_public_key_info)
            .map_err(err)?;
    let oid = signer.signature_algorithm.oid;
    let consistent = oid == RSA_ENCRYPTION
        || (oid == SHA_256_WITH_RSA_ENCRYPTION && digest == DigestAlgorithm::Sha256)
        || (oid == SHA_1_WITH_RSA_ENCRYPTION && digest == DigestAlgorithm::Sha1);
    if !consistent {
        return Err(err(format!("unsupported signature algorithm {oid}")));
    }
    scep::rsa_signature::verify(&key, digest, &signed_bytes, signer.signature.as_bytes())
        .map_err(err)?;
    Ok(certificate)
}
