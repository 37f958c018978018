//! RSA PKCS#1 v1.5 signatures with SHA-256 or SHA-1: what SCEP peers and
//! iOS sign with. Also checks the self-signature of a PKCS#10 request and
//! an issuer's signature on a certificate.

use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Tagged};
use rsa::pkcs8::DecodePublicKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::request::CertReq;
use x509_cert::Certificate;

use crate::oids;
use crate::ScepError;

/// The digests in use: SHA-256, and SHA-1 from older clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestAlgorithm {
    Sha256,
    Sha1,
}

impl DigestAlgorithm {
    /// From a digest `AlgorithmIdentifier`'s OID.
    pub fn from_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            oids::ID_SHA256 => Some(Self::Sha256),
            oids::ID_SHA1 => Some(Self::Sha1),
            _ => None,
        }
    }

    /// From a signature algorithm OID that names its digest
    /// (`sha256WithRSAEncryption`, `sha1WithRSAEncryption`).
    pub fn from_signature_oid(oid: ObjectIdentifier) -> Option<Self> {
        match oid {
            oids::SHA256_WITH_RSA => Some(Self::Sha256),
            oids::SHA1_WITH_RSA => Some(Self::Sha1),
            _ => None,
        }
    }

    pub fn oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha256 => oids::ID_SHA256,
            Self::Sha1 => oids::ID_SHA1,
        }
    }

    pub fn signature_oid(self) -> ObjectIdentifier {
        match self {
            Self::Sha256 => oids::SHA256_WITH_RSA,
            Self::Sha1 => oids::SHA1_WITH_RSA,
        }
    }

    /// The digest `AlgorithmIdentifier` (parameters absent, as RFC 5754 asks).
    pub fn identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.oid(),
            parameters: None,
        }
    }

    /// The signature `AlgorithmIdentifier` (parameters NULL, as RFC 4055 asks).
    pub fn signature_identifier(self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: self.signature_oid(),
            parameters: Some(der::Any::null()),
        }
    }

    pub fn digest(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha256 => Sha256::digest(bytes).to_vec(),
            Self::Sha1 => Sha1::digest(bytes).to_vec(),
        }
    }

    fn padding(self) -> Pkcs1v15Sign {
        match self {
            Self::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
            Self::Sha1 => Pkcs1v15Sign::new::<Sha1>(),
        }
    }
}

/// The RSA key of a `SubjectPublicKeyInfo`.
pub fn rsa_public_key(spki: &SubjectPublicKeyInfoOwned) -> Result<RsaPublicKey, ScepError> {
    if spki.algorithm.oid != oids::RSA_ENCRYPTION {
        return Err(ScepError::Algorithm(format!(
            "{} (the key is not RSA)",
            spki.algorithm.oid
        )));
    }
    RsaPublicKey::from_public_key_der(&spki.to_der()?)
        .map_err(|error| ScepError::Malformed(format!("RSA public key: {error}")))
}

/// Signs `message` (PKCS#1 v1.5 over its digest).
pub fn sign(
    key: &RsaPrivateKey,
    digest: DigestAlgorithm,
    message: &[u8],
) -> Result<Vec<u8>, ScepError> {
    key.sign(digest.padding(), &digest.digest(message))
        .map_err(|error| ScepError::Crypto(error.to_string()))
}

/// Checks a PKCS#1 v1.5 signature of `message`.
pub fn verify(
    key: &RsaPublicKey,
    digest: DigestAlgorithm,
    message: &[u8],
    signature: &[u8],
) -> Result<(), ScepError> {
    key.verify(digest.padding(), &digest.digest(message), signature)
        .map_err(|_| ScepError::BadSignature)
}

/// Checks that `issuer_key` signed `certificate` (sha256/sha1WithRSA).
pub fn verify_certificate(
    certificate: &Certificate,
    issuer_key: &RsaPublicKey,
) -> Result<(), ScepError> {
    let digest = DigestAlgorithm::from_signature_oid(certificate.signature_algorithm.oid)
        .filter(|_| {
            certificate.signature_algorithm.oid == certificate.tbs_certificate.signature.oid
        })
        .ok_or_else(|| ScepError::Algorithm(certificate.signature_algorithm.oid.to_string()))?;
    let tbs = certificate.tbs_certificate.to_der()?;
    let signature = certificate
        .signature
        .as_bytes()
        .ok_or(ScepError::BadSignature)?;
    verify(issuer_key, digest, &tbs, signature)
}

/// Parses a PKCS#10 request and checks its self-signature. Returns it with
/// its RSA key.
pub fn verified_request(der_bytes: &[u8]) -> Result<(CertReq, RsaPublicKey), ScepError> {
    let request = CertReq::from_der(der_bytes)?;
    let key = rsa_public_key(&request.info.public_key)?;
    let digest = DigestAlgorithm::from_signature_oid(request.algorithm.oid)
        .ok_or_else(|| ScepError::Algorithm(request.algorithm.oid.to_string()))?;
    let info = request.info.to_der()?;
    let signature = request
        .signature
        .as_bytes()
        .ok_or(ScepError::BadSignature)?;
    verify(&key, digest, &info, signature)?;
    Ok((request, key))
}

/// The `challengePassword` of a PKCS#10 request, if it has one.
pub fn challenge_password(request: &CertReq) -> Result<Option<String>, ScepError> {
    let Some(attribute) = request
        .info
        .attributes
        .iter()
        .find(|attribute| attribute.oid == oids::CHALLENGE_PASSWORD)
    else {
        return Ok(None);
    };
    let mut values = attribute.values.iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(ScepError::Attribute("challengePassword"));
    };
    // A DirectoryString: PrintableString or UTF8String in practice (and
    // IA5String from some old clients).
    let text = match value.tag() {
        der::Tag::PrintableString | der::Tag::Utf8String | der::Tag::Ia5String => {
            std::str::from_utf8(value.value())
                .map_err(|_| ScepError::Attribute("challengePassword"))?
        }
        _ => return Err(ScepError::Attribute("challengePassword")),
    };
    Ok(Some(text.to_owned()))
}
