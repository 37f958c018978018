//! The MDM device CA: the portal's own certificate authority for the
//! identities that devices sign their MDM messages with, issued over SCEP
//! (`mdm::scep`).
//!
//! It is a self-signed RSA-2048 CA (SCEP's key transport is RSA, so the CA
//! that decrypts requests must be RSA) made on first start and kept beside
//! the database: `scep-ca-cert.pem`, and `scep-ca-key.pem` (PKCS#8)
//! readable by the owner only. New file names, so the P-256 CA an older
//! portal kept in `mdm-ca-*.pem` is never mistaken for it.
//!
//! Devices make their own keys; the CA only ever sees their public keys.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use der::asn1::{GeneralizedTime, SetOfVec, Utf8StringRef};
use der::oid::ObjectIdentifier;
use der::referenced::OwnedToRef;
use der::{Any, Decode, DecodePem, Encode, EncodePem};
use rand::rngs::OsRng;
use rand::RngCore;
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectKeyIdentifier,
};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use crate::clock::Timestamp;
use crate::key_files::{self, KeyFileError};
use crate::storage::CertificateFingerprint;

pub const CA_CERT_FILE: &str = "scep-ca-cert.pem";
pub const CA_KEY_FILE: &str = "scep-ca-key.pem";

const CA_COMMON_NAME: &str = "Company Portal MDM Device CA";
const CA_KEY_BITS: usize = 2048;
const DAY: i64 = 24 * 60 * 60;
const CA_LIFETIME_DAYS: i64 = 20 * 365;
/// Device identities last a year; the profile is installed again after.
pub const IDENTITY_LIFETIME_DAYS: i64 = 365;
const ID_KP_CLIENT_AUTH: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.2");
const ID_AT_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const ID_AT_ORGANIZATION: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");

#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error(transparent)]
    File(#[from] KeyFileError),
    #[error("{0} holds no usable RSA key or certificate")]
    BadFile(PathBuf),
    #[error("the CA's certificate is not its key's")]
    KeyMismatch,
    #[error("cannot make a key or certificate: {0}")]
    Generate(String),
    #[error("a time is out of range")]
    Time,
}

/// Why a device's certificate was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("the certificate was not issued by the MDM CA")]
    OtherIssuer,
    #[error("the certificate's signature is not RSA with SHA-256 or SHA-1")]
    Algorithm,
    #[error("the certificate's signature does not verify")]
    Signature,
}

/// A certificate the CA issued.
#[derive(Debug, Clone)]
pub struct IssuedCertificate {
    pub certificate: Certificate,
    pub fingerprint: CertificateFingerprint,
    pub not_after: Timestamp,
}

/// The MDM device CA, loaded.
pub struct MdmCa {
    key: RsaPrivateKey,
    public_key: RsaPublicKey,
    certificate_der: Vec<u8>,
    certificate: Certificate,
}

impl std::fmt::Debug for MdmCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MdmCa")
            .field(
                "subject",
                &self.certificate.tbs_certificate.subject.to_string(),
            )
            .finish_non_exhaustive()
    }
}

/// Where the CA is kept: beside the database.
pub fn ca_paths(database: &Path) -> (PathBuf, PathBuf) {
    let folder = database.parent().unwrap_or(Path::new(""));
    (folder.join(CA_CERT_FILE), folder.join(CA_KEY_FILE))
}

impl MdmCa {
    /// A new CA valid from `now`, kept in memory only.
    pub fn generate(now: Timestamp) -> Result<Self, CaError> {
        let key = RsaPrivateKey::new(&mut OsRng, CA_KEY_BITS)
            .map_err(|e| CaError::Generate(e.to_string()))?;
        let name = ca_name()?;
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(key.clone());
        let certificate = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::new(&random_serial()).map_err(generate_error)?,
            validity(now - DAY, now + CA_LIFETIME_DAYS * DAY)?,
            name,
            public_key_info(&key.to_public_key())?,
            &signer,
        )
        .map_err(generate_error)?
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(generate_error)?;
        let der = certificate.to_der().map_err(generate_error)?;
        Self::from_parts(key, der)
    }

    /// Reuses the CA saved at `cert_path`/`key_path`, or makes one and saves
    /// it there (the key readable by the owner only).
    pub fn load_or_create(
        cert_path: &Path,
        key_path: &Path,
        now: Timestamp,
    ) -> Result<Self, CaError> {
        if cert_path.is_file() && key_path.is_file() {
            let key = RsaPrivateKey::from_pkcs8_pem(&key_files::read_to_string(key_path)?)
                .map_err(|_| CaError::BadFile(key_path.to_owned()))?;
            let certificate =
                Certificate::from_pem(key_files::read_to_string(cert_path)?.as_bytes())
                    .map_err(|_| CaError::BadFile(cert_path.to_owned()))?;
            let der = certificate
                .to_der()
                .map_err(|_| CaError::BadFile(cert_path.to_owned()))?;
            tracing::info!(path = %cert_path.display(), "using the saved MDM device CA");
            return Self::from_parts(key, der);
        }
        let ca = Self::generate(now)?;
        ca.save(cert_path, key_path)?;
        tracing::info!(path = %cert_path.display(), "created the MDM device CA");
        Ok(ca)
    }

    /// Writes the CA's files (the key owner-only).
    pub fn save(&self, cert_path: &Path, key_path: &Path) -> Result<(), CaError> {
        let key_pem = self
            .key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(generate_error)?;
        key_files::write_private(key_path, key_pem.as_bytes())?;
        Ok(key_files::write_public(
            cert_path,
            self.certificate_pem()?.as_bytes(),
        )?)
    }

    fn from_parts(key: RsaPrivateKey, der: Vec<u8>) -> Result<Self, CaError> {
        let certificate =
            Certificate::from_der(&der).map_err(|_| CaError::BadFile(PathBuf::new()))?;
        let public_key = key.to_public_key();
        if certificate.tbs_certificate.subject_public_key_info != public_key_info(&public_key)? {
            return Err(CaError::KeyMismatch);
        }
        Ok(Self {
            key,
            public_key,
            certificate_der: der,
            certificate,
        })
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The CA's private key: it signs certificates and CertReps and opens
    /// the envelopes of SCEP requests.
    pub(crate) fn key(&self) -> &RsaPrivateKey {
        &self.key
    }

    pub fn certificate_pem(&self) -> Result<String, CaError> {
        self.certificate
            .to_pem(LineEnding::LF)
            .map_err(generate_error)
    }

    /// The CA's common name (the SCEP payload's `Name`).
    pub fn name(&self) -> &'static str {
        CA_COMMON_NAME
    }

    /// A certificate for a device's `public_key`: subject CN = the
    /// enrollment id, O = the organization; a random 128-bit serial;
    /// digitalSignature and clientAuth; valid from a day before `now` (for
    /// devices whose clock is behind) to a year after.
    pub fn issue(
        &self,
        public_key: SubjectPublicKeyInfoOwned,
        common_name: &str,
        organization: &str,
        now: Timestamp,
    ) -> Result<IssuedCertificate, CaError> {
        let subject = device_name(common_name, organization)?;
        let not_after = now + IDENTITY_LIFETIME_DAYS * DAY;
        let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(self.key.clone());
        let issuer_key = public_key_info(&self.public_key)?;
        let mut builder = CertificateBuilder::new(
            Profile::Manual {
                issuer: Some(self.certificate.tbs_certificate.subject.clone()),
            },
            SerialNumber::new(&random_serial()).map_err(generate_error)?,
            validity(now - DAY, not_after)?,
            subject,
            public_key.clone(),
            &signer,
        )
        .map_err(generate_error)?;
        builder
            .add_extension(&BasicConstraints {
                ca: false,
                path_len_constraint: None,
            })
            .map_err(generate_error)?;
        builder
            .add_extension(&KeyUsage(KeyUsages::DigitalSignature.into()))
            .map_err(generate_error)?;
        builder
            .add_extension(&ExtendedKeyUsage(vec![ID_KP_CLIENT_AUTH]))
            .map_err(generate_error)?;
        builder
            .add_extension(
                &SubjectKeyIdentifier::try_from(public_key.owned_to_ref())
                    .map_err(generate_error)?,
            )
            .map_err(generate_error)?;
        builder
            .add_extension(
                &AuthorityKeyIdentifier::try_from(issuer_key.owned_to_ref())
                    .map_err(generate_error)?,
            )
            .map_err(generate_error)?;
        let certificate = builder
            .build::<rsa::pkcs1v15::Signature>()
            .map_err(generate_error)?;
        let der = certificate.to_der().map_err(generate_error)?;
        Ok(IssuedCertificate {
            fingerprint: fingerprint(&der),
            certificate,
            not_after,
        })
    }

    /// Checks that `certificate` was issued by this CA: its issuer is the
    /// CA's subject and the CA's RSA signature over its `TBSCertificate`
    /// verifies.
    pub fn verify_issued(&self, certificate: &Certificate) -> Result<(), IdentityError> {
        if certificate.tbs_certificate.issuer != self.certificate.tbs_certificate.subject {
            return Err(IdentityError::OtherIssuer);
        }
        match scep::rsa_signature::verify_certificate(certificate, &self.public_key) {
            Ok(()) => Ok(()),
            Err(scep::ScepError::Algorithm(_)) => Err(IdentityError::Algorithm),
            Err(_) => Err(IdentityError::Signature),
        }
    }
}

/// SHA-256 of a certificate's DER.
pub fn fingerprint(certificate_der: &[u8]) -> CertificateFingerprint {
    CertificateFingerprint(Sha256::digest(certificate_der).into())
}

/// A certificate time as a Unix timestamp.
pub fn timestamp(time: &Time) -> Timestamp {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

fn ca_name() -> Result<Name, CaError> {
    Name::from_str(&format!("CN={CA_COMMON_NAME}")).map_err(generate_error)
}

/// CN and O as UTF8Strings (organization names need not be printable).
fn device_name(common_name: &str, organization: &str) -> Result<Name, CaError> {
    let rdn = |oid, value: &str| -> Result<RelativeDistinguishedName, CaError> {
        let value = Any::encode_from(&Utf8StringRef::new(value).map_err(generate_error)?)
            .map_err(generate_error)?;
        Ok(RelativeDistinguishedName(
            SetOfVec::try_from(vec![AttributeTypeAndValue { oid, value }])
                .map_err(generate_error)?,
        ))
    };
    Ok(RdnSequence(vec![
        rdn(ID_AT_COMMON_NAME, common_name)?,
        rdn(ID_AT_ORGANIZATION, organization)?,
    ]))
}

fn public_key_info(key: &RsaPublicKey) -> Result<SubjectPublicKeyInfoOwned, CaError> {
    let der = key.to_public_key_der().map_err(generate_error)?;
    SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(generate_error)
}

fn validity(not_before: Timestamp, not_after: Timestamp) -> Result<Validity, CaError> {
    let time = |t: Timestamp| -> Result<Time, CaError> {
        let seconds = u64::try_from(t).map_err(|_| CaError::Time)?;
        Ok(Time::GeneralTime(
            GeneralizedTime::from_unix_duration(Duration::from_secs(seconds))
                .map_err(|_| CaError::Time)?,
        ))
    };
    Ok(Validity {
        not_before: time(not_before)?,
        not_after: time(not_after)?,
    })
}

/// 16 random bytes, positive and not starting with a zero byte.
fn random_serial() -> [u8; 16] {
    let mut serial = [0u8; 16];
    OsRng.fill_bytes(&mut serial);
    serial[0] = (serial[0] & 0x7f) | 0x40;
    serial
}

fn generate_error(error: impl std::fmt::Display) -> CaError {
    CaError::Generate(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = 1_767_225_600;

    fn device_key() -> SubjectPublicKeyInfoOwned {
        let key = RsaPrivateKey::new(&mut OsRng, 2048).unwrap();
        public_key_info(&key.to_public_key()).unwrap()
    }

    #[test]
    fn issued_certificates_verify_and_others_do_not() {
        let ca = MdmCa::generate(NOW).unwrap();
        let issued = ca
            .issue(device_key(), "enrollment-1", "Contoso", NOW)
            .unwrap();
        assert_eq!(ca.verify_issued(&issued.certificate), Ok(()));
        assert_eq!(
            issued.fingerprint,
            fingerprint(&issued.certificate.to_der().unwrap())
        );
        assert_eq!(issued.not_after, NOW + 365 * DAY);
        let validity = &issued.certificate.tbs_certificate.validity;
        assert_eq!(timestamp(&validity.not_before), NOW - DAY);
        assert_eq!(timestamp(&validity.not_after), NOW + 365 * DAY);
        let subject = issued.certificate.tbs_certificate.subject.to_string();
        assert!(subject.contains("CN=enrollment-1"), "{subject}");
        assert!(subject.contains("O=Contoso"), "{subject}");

        let other = MdmCa::generate(NOW).unwrap();
        assert!(other.verify_issued(&issued.certificate).is_err());
    }

    #[test]
    fn creates_then_reuses_the_saved_ca() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = ca_paths(&dir.path().join("portal.db"));
        assert!(cert.ends_with("scep-ca-cert.pem"));
        let first = MdmCa::load_or_create(&cert, &key, NOW).unwrap();
        let issued = first.issue(device_key(), "e", "Contoso", NOW).unwrap();
        let again = MdmCa::load_or_create(&cert, &key, NOW).unwrap();
        assert_eq!(again.certificate_der(), first.certificate_der());
        assert_eq!(again.verify_issued(&issued.certificate), Ok(()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
    }
}
