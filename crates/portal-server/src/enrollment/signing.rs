//! Signed enrollment profiles.
//!
//! Settings shows an unsigned profile as "Not Verified" at the very moment
//! people are asked to trust the organization with their phone. So every
//! `.mobileconfig` the portal serves is a DER CMS `SignedData` (RFC 5652)
//! with the plist attached as `id-data` content, signed by the
//! profile-signing certificate, with its chain in `certificates`. Settings
//! shows "Verified" when that chain reaches a root the device trusts.
//!
//! The signing certificate is the operator's (`--profile-signing-cert` and
//! `--profile-signing-key`), else the TLS certificate, else the self-signed
//! one the server keeps beside its database. Keys: RSA (PKCS#1 v1.5 with
//! SHA-256) or ECDSA P-256 (with SHA-256), in PKCS#8, PKCS#1 or SEC1 PEM.

use std::path::{Path, PathBuf};

use cms::builder::{create_signing_time_attribute, SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::OctetString;
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

#[derive(Debug, thiserror::Error)]
pub enum ProfileSigningError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} holds no PEM certificate")]
    NoCertificate(PathBuf),
    #[error("{path} holds no usable certificate: {reason}")]
    BadCertificate { path: PathBuf, reason: String },
    #[error("{0} holds no usable private key (RSA or ECDSA P-256, in PKCS#8, PKCS#1 or SEC1 PEM)")]
    BadKey(PathBuf),
    #[error("the profile-signing key does not belong to the first certificate of {0}")]
    KeyMismatch(PathBuf),
    #[error("cannot sign the profile: {0}")]
    Sign(String),
}

/// The key that signs profiles.
enum SigningKey {
    Rsa(Box<rsa::pkcs1v15::SigningKey<sha2::Sha256>>),
    P256(p256::ecdsa::SigningKey),
}

/// The profile-signing certificate (first), its chain, and its key.
pub struct ProfileSigner {
    chain: Vec<Certificate>,
    key: SigningKey,
}

impl std::fmt::Debug for ProfileSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileSigner")
            .field("subject", &self.subject())
            .finish_non_exhaustive()
    }
}

impl ProfileSigner {
    /// Loads the certificate chain (PEM, the signing certificate first) and
    /// its private key (PEM), and checks that they belong together.
    pub fn load(cert_path: &Path, key_path: &Path) -> Result<Self, ProfileSigningError> {
        let cert_pem = read(cert_path)?;
        let key_pem = read(key_path)?;
        let chain = Certificate::load_pem_chain(cert_pem.as_bytes()).map_err(|error| {
            ProfileSigningError::BadCertificate {
                path: cert_path.to_owned(),
                reason: error.to_string(),
            }
        })?;
        let key =
            signing_key(&key_pem).ok_or_else(|| ProfileSigningError::BadKey(key_path.into()))?;
        Self::new(chain, key).map_err(|error| match error {
            ProfileSigningError::NoCertificate(_) => {
                ProfileSigningError::NoCertificate(cert_path.to_owned())
            }
            ProfileSigningError::KeyMismatch(_) => {
                ProfileSigningError::KeyMismatch(cert_path.to_owned())
            }
            other => other,
        })
    }

    /// A signer from PEM text, for tests and callers that hold the files'
    /// contents already.
    pub fn from_pem(cert_pem: &str, key_pem: &str) -> Result<Self, ProfileSigningError> {
        let chain = Certificate::load_pem_chain(cert_pem.as_bytes()).map_err(|error| {
            ProfileSigningError::BadCertificate {
                path: PathBuf::new(),
                reason: error.to_string(),
            }
        })?;
        let key =
            signing_key(key_pem).ok_or_else(|| ProfileSigningError::BadKey(PathBuf::new()))?;
        Self::new(chain, key)
    }

    fn new(chain: Vec<Certificate>, key: SigningKey) -> Result<Self, ProfileSigningError> {
        let leaf = chain
            .first()
            .ok_or_else(|| ProfileSigningError::NoCertificate(PathBuf::new()))?;
        let certified = leaf
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|error| ProfileSigningError::Sign(error.to_string()))?;
        if public_key_der(&key)? != certified {
            return Err(ProfileSigningError::KeyMismatch(PathBuf::new()));
        }
        Ok(Self { chain, key })
    }

    /// The signing certificate's subject, for the log.
    pub fn subject(&self) -> String {
        self.chain
            .first()
            .map(|leaf| leaf.tbs_certificate.subject.to_string())
            .unwrap_or_default()
    }

    /// `plist` wrapped in a DER CMS `SignedData` with the plist attached.
    pub fn sign(&self, plist: &[u8]) -> Result<Vec<u8>, ProfileSigningError> {
        let failed = |error: &dyn std::fmt::Display| ProfileSigningError::Sign(error.to_string());
        let leaf = self
            .chain
            .first()
            .ok_or_else(|| ProfileSigningError::Sign("no signing certificate".into()))?;
        let econtent = OctetString::new(plist)
            .and_then(|octets| Any::encode_from(&octets))
            .map_err(|error| failed(&error))?;
        let content = EncapsulatedContentInfo {
            econtent_type: ID_DATA,
            econtent: Some(econtent),
        };
        let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: leaf.tbs_certificate.issuer.clone(),
            serial_number: leaf.tbs_certificate.serial_number.clone(),
        });
        let sha256 = AlgorithmIdentifierOwned {
            oid: ID_SHA256,
            parameters: None,
        };
        let mut builder = SignedDataBuilder::new(&content);
        builder
            .add_digest_algorithm(sha256.clone())
            .map_err(|error| failed(&error))?;
        for certificate in &self.chain {
            builder
                .add_certificate(CertificateChoices::Certificate(certificate.clone()))
                .map_err(|error| failed(&error))?;
        }
        // The builder adds contentType and messageDigest; the signing time
        // is what Settings shows as "Signed".
        let signing_time = create_signing_time_attribute().map_err(|error| failed(&error))?;
        match &self.key {
            SigningKey::Rsa(key) => {
                let mut signer = SignerInfoBuilder::new(&**key, sid, sha256, &content, None)
                    .map_err(|error| failed(&error))?;
                signer
                    .add_signed_attribute(signing_time)
                    .map_err(|error| failed(&error))?;
                builder
                    .add_signer_info::<_, rsa::pkcs1v15::Signature>(signer)
                    .map_err(|error| failed(&error))?;
            }
            SigningKey::P256(key) => {
                let mut signer = SignerInfoBuilder::new(key, sid, sha256, &content, None)
                    .map_err(|error| failed(&error))?;
                signer
                    .add_signed_attribute(signing_time)
                    .map_err(|error| failed(&error))?;
                builder
                    .add_signer_info::<_, p256::ecdsa::DerSignature>(signer)
                    .map_err(|error| failed(&error))?;
            }
        }
        builder
            .build()
            .map_err(|error| failed(&error))?
            .to_der()
            .map_err(|error| failed(&error))
    }
}

/// The private key in `pem`: PKCS#8 (RSA or P-256), PKCS#1 RSA or SEC1 P-256.
fn signing_key(pem: &str) -> Option<SigningKey> {
    use p256::pkcs8::DecodePrivateKey as _;
    use rsa::pkcs1::DecodeRsaPrivateKey as _;

    if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_pem(pem) {
        return Some(SigningKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(
            key,
        ))));
    }
    if let Ok(key) = rsa::RsaPrivateKey::from_pkcs1_pem(pem) {
        return Some(SigningKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::new(
            key,
        ))));
    }
    if let Ok(key) = p256::SecretKey::from_pkcs8_pem(pem) {
        return Some(SigningKey::P256(key.into()));
    }
    p256::SecretKey::from_sec1_pem(pem)
        .ok()
        .map(|key| SigningKey::P256(key.into()))
}

/// The DER `SubjectPublicKeyInfo` of the key's public half.
fn public_key_der(key: &SigningKey) -> Result<Vec<u8>, ProfileSigningError> {
    use p256::pkcs8::EncodePublicKey as _;

    let der = match key {
        SigningKey::Rsa(key) => rsa::RsaPublicKey::from(key.as_ref().as_ref()).to_public_key_der(),
        SigningKey::P256(key) => key.verifying_key().to_public_key_der(),
    }
    .map_err(|error| ProfileSigningError::Sign(error.to_string()))?;
    // Re-encode through spki so both sides use the same DER for the
    // algorithm parameters (RSA's explicit NULL).
    let info = spki::SubjectPublicKeyInfoOwned::from_der(der.as_bytes())
        .map_err(|error| ProfileSigningError::Sign(error.to_string()))?;
    info.to_der()
        .map_err(|error| ProfileSigningError::Sign(error.to_string()))
}

fn read(path: &Path) -> Result<String, ProfileSigningError> {
    std::fs::read_to_string(path).map_err(|source| ProfileSigningError::Read {
        path: path.to_owned(),
        source,
    })
}

/// Whether `bytes` starts like a DER `SEQUENCE` (a signed profile) rather
/// than a plist.
pub fn looks_signed(bytes: &[u8]) -> bool {
    bytes.first() == Some(&0x30)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cms::content_info::ContentInfo;
    use cms::signed_data::SignedData;

    fn self_signed_p256() -> (String, String) {
        let certified = rcgen::generate_simple_self_signed(vec!["portal.test".into()]).unwrap();
        (certified.cert.pem(), certified.signing_key.serialize_pem())
    }

    fn attached_content(signed: &[u8]) -> (Vec<u8>, usize) {
        let info = ContentInfo::from_der(signed).unwrap();
        let data: SignedData = info.content.decode_as().unwrap();
        let content = data.encap_content_info.econtent.unwrap();
        let octets = content.decode_as::<OctetString>().unwrap();
        let certificates = data.certificates.map(|set| set.0.len()).unwrap_or(0);
        (octets.as_bytes().to_vec(), certificates)
    }

    #[test]
    fn signs_with_the_plist_attached_and_the_certificate_inside() {
        let (cert, key) = self_signed_p256();
        let signer = ProfileSigner::from_pem(&cert, &key).unwrap();
        let signed = signer.sign(b"<plist>hello</plist>").unwrap();
        assert!(looks_signed(&signed));
        let (content, certificates) = attached_content(&signed);
        assert_eq!(content, b"<plist>hello</plist>");
        assert_eq!(certificates, 1);
    }

    #[test]
    fn signs_with_an_rsa_key_too() {
        use rsa::pkcs8::{EncodePrivateKey as _, LineEnding};
        let key = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).unwrap();
        let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap();
        let pair =
            rcgen::KeyPair::from_pkcs8_pem_and_sign_algo(&pem, &rcgen::PKCS_RSA_SHA256).unwrap();
        let params = rcgen::CertificateParams::new(vec!["portal.test".to_owned()]).unwrap();
        let cert = params.self_signed(&pair).unwrap();
        let signer = ProfileSigner::from_pem(&cert.pem(), &pem).unwrap();
        let (content, _) = attached_content(&signer.sign(b"<plist/>").unwrap());
        assert_eq!(content, b"<plist/>");
    }

    #[test]
    fn refuses_a_key_of_another_certificate() {
        let (cert, _) = self_signed_p256();
        let (_, other_key) = self_signed_p256();
        assert!(matches!(
            ProfileSigner::from_pem(&cert, &other_key),
            Err(ProfileSigningError::KeyMismatch(_))
        ));
        assert!(matches!(
            ProfileSigner::from_pem(&cert, "not a key"),
            Err(ProfileSigningError::BadKey(_))
        ));
    }
}
