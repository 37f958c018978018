//! The MDM device CA: the portal's own certificate authority for the
//! identities that devices sign their MDM messages with.
//!
//! It is a self-signed P-256 CA made on first start and kept beside the
//! database (`mdm-ca-cert.pem`, and `mdm-ca-key.pem` readable by the owner
//! only), like the self-signed TLS certificate in `tls.rs`. Every profile
//! download gets a fresh P-256 key and a certificate from this CA (common
//! name: the enrollment id; a random 128-bit serial), packed into PKCS#12.
//!
//! The PKCS#12 uses the legacy algorithms every iOS version imports:
//! pbeWithSHAAnd3-KeyTripleDES-CBC for the key and the certificates, and an
//! HMAC-SHA1 MAC (2048 iterations each, as OpenSSL's `-legacy`). iOS has
//! refused files made with OpenSSL 3's PBES2/AES-256 defaults.

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use der::{Decode, Encode};
use p12_keystore::{
    EncryptionAlgorithm, KeyStore, KeyStoreEntry, LocalKeyId, MacAlgorithm, PrivateKey,
    PrivateKeyChain,
};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use rand::rngs::OsRng;
use rand::RngCore;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SerialNumber,
};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use crate::clock::Timestamp;
use crate::key_files;
use crate::storage::CertificateFingerprint;

pub const MDM_CA_CERT_FILE: &str = "mdm-ca-cert.pem";
pub const MDM_CA_KEY_FILE: &str = "mdm-ca-key.pem";

const CA_COMMON_NAME: &str = "Company Portal MDM Device CA";
/// ecdsa-with-SHA256 (RFC 5758).
const ECDSA_WITH_SHA256: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const DAY: i64 = 24 * 60 * 60;
const CA_LIFETIME_DAYS: i64 = 20 * 365;
/// Devices have no way to renew their identity yet, so it lasts long.
const IDENTITY_LIFETIME_DAYS: i64 = 10 * 365;
const PKCS12_ITERATIONS: u32 = 2048;
/// 24 random bytes: 192 bits, 32 characters.
const PASSWORD_BYTES: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} holds no usable certificate")]
    BadCertificate(PathBuf),
    #[error("certificate generation failed: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("the MDM CA's certificate is not a P-256 key's")]
    NotP256,
    #[error("a time is out of range")]
    Time,
    #[error("cannot write the PKCS#12: {0}")]
    Pkcs12(String),
}

/// Why a device's certificate was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    #[error("the certificate was not issued by the MDM CA")]
    OtherIssuer,
    #[error("the certificate's signature is not ECDSA with SHA-256")]
    Algorithm,
    #[error("the certificate's signature does not verify")]
    Signature,
}

/// A device identity for one profile download.
pub struct DeviceIdentity {
    /// The PKCS#12 (DER) holding the key, its certificate and the CA.
    pub pkcs12: Vec<u8>,
    /// The PKCS#12's password, carried in the profile's identity payload.
    pub password: String,
    pub certificate_der: Vec<u8>,
    pub fingerprint: CertificateFingerprint,
}

impl std::fmt::Debug for DeviceIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceIdentity")
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// The MDM device CA, loaded.
pub struct MdmCa {
    key: KeyPair,
    certificate_der: Vec<u8>,
    certificate: Certificate,
    verifying_key: VerifyingKey,
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
    (folder.join(MDM_CA_CERT_FILE), folder.join(MDM_CA_KEY_FILE))
}

impl MdmCa {
    /// A new CA valid from `now`, kept in memory only.
    pub fn generate(now: Timestamp) -> Result<Self, CaError> {
        let key = KeyPair::generate()?;
        let mut params = ca_params();
        params.not_before = offset_date_time(now - DAY)?;
        params.not_after = offset_date_time(now + CA_LIFETIME_DAYS * DAY)?;
        let certificate = params.self_signed(&key)?;
        Self::from_parts(key, certificate.der().to_vec(), None)
    }

    /// Reuses the CA saved at `cert_path`/`key_path`, or makes one and saves
    /// it there (the key readable by the owner only).
    pub fn load_or_create(
        cert_path: &Path,
        key_path: &Path,
        now: Timestamp,
    ) -> Result<Self, CaError> {
        if cert_path.is_file() && key_path.is_file() {
            let cert_pem = read_to_string(cert_path)?;
            let key_pem = read_to_string(key_path)?;
            let key = KeyPair::from_pem(&key_pem)?;
            let der = pem_certificate_der(&cert_pem)
                .ok_or_else(|| CaError::BadCertificate(cert_path.to_owned()))?;
            tracing::info!(path = %cert_path.display(), "using the saved MDM device CA");
            return Self::from_parts(key, der, Some(cert_path));
        }
        let ca = Self::generate(now)?;
        key_files::write_private(key_path, ca.key.serialize_pem().as_bytes())
            .map_err(write_error(key_path))?;
        key_files::write_public(cert_path, ca.certificate_pem().as_bytes())
            .map_err(write_error(cert_path))?;
        tracing::info!(path = %cert_path.display(), "created the MDM device CA");
        Ok(ca)
    }

    fn from_parts(key: KeyPair, der: Vec<u8>, path: Option<&Path>) -> Result<Self, CaError> {
        let bad = || CaError::BadCertificate(path.map(Path::to_owned).unwrap_or_default());
        let certificate = Certificate::from_der(&der).map_err(|_| bad())?;
        let verifying_key = VerifyingKey::from_sec1_bytes(
            certificate
                .tbs_certificate
                .subject_public_key_info
                .subject_public_key
                .raw_bytes(),
        )
        .map_err(|_| CaError::NotP256)?;
        Ok(Self {
            key,
            certificate_der: der,
            certificate,
            verifying_key,
        })
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub fn certificate_pem(&self) -> String {
        let body = base64::engine::general_purpose::STANDARD.encode(&self.certificate_der);
        let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
        for line in body.as_bytes().chunks(64) {
            pem.push_str(&String::from_utf8_lossy(line));
            pem.push('\n');
        }
        pem.push_str("-----END CERTIFICATE-----\n");
        pem
    }

    /// A fresh key and certificate for the enrollment `common_name`, in a
    /// PKCS#12 with a random password.
    pub fn issue_identity(
        &self,
        common_name: &str,
        organization: &str,
        now: Timestamp,
    ) -> Result<DeviceIdentity, CaError> {
        let key = KeyPair::generate()?;
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, common_name);
        name.push(DnType::OrganizationName, organization);
        params.distinguished_name = name;
        params.serial_number = Some(SerialNumber::from_slice(&random_serial()));
        params.not_before = offset_date_time(now - DAY)?;
        params.not_after = offset_date_time(now + IDENTITY_LIFETIME_DAYS * DAY)?;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        params.use_authority_key_identifier_extension = true;
        let issuer = Issuer::new(ca_params(), &self.key);
        let certificate = params.signed_by(&key, &issuer)?;
        let certificate_der = certificate.der().to_vec();
        let fingerprint = fingerprint(&certificate_der);

        let password = random_password();
        let pkcs12 = pkcs12(
            key.serialized_der(),
            &certificate_der,
            &self.certificate_der,
            &fingerprint,
            common_name,
            &password,
        )
        .map_err(CaError::Pkcs12)?;
        Ok(DeviceIdentity {
            pkcs12,
            password,
            certificate_der,
            fingerprint,
        })
    }

    /// Checks that `certificate` was issued by this CA: its issuer is the
    /// CA's subject and the CA's ECDSA P-256 signature over its
    /// `TBSCertificate` verifies.
    pub fn verify_issued(&self, certificate: &Certificate) -> Result<(), IdentityError> {
        if certificate.tbs_certificate.issuer != self.certificate.tbs_certificate.subject {
            return Err(IdentityError::OtherIssuer);
        }
        if certificate.signature_algorithm.oid != ECDSA_WITH_SHA256
            || certificate.tbs_certificate.signature.oid != ECDSA_WITH_SHA256
        {
            return Err(IdentityError::Algorithm);
        }
        let tbs = certificate
            .tbs_certificate
            .to_der()
            .map_err(|_| IdentityError::Signature)?;
        let signature = certificate
            .signature
            .as_bytes()
            .and_then(|bytes| DerSignature::try_from(bytes).ok())
            .ok_or(IdentityError::Signature)?;
        self.verifying_key
            .verify(&tbs, &signature)
            .map_err(|_| IdentityError::Signature)
    }
}

/// SHA-256 of a certificate's DER.
pub fn fingerprint(certificate_der: &[u8]) -> CertificateFingerprint {
    CertificateFingerprint(Sha256::digest(certificate_der).into())
}

/// The CA's subject and extensions. Issuing reuses them, so the issuer name
/// of every device certificate is the CA certificate's subject.
fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, CA_COMMON_NAME);
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    params
}

fn pkcs12(
    key_pkcs8: &[u8],
    certificate_der: &[u8],
    ca_der: &[u8],
    fingerprint: &CertificateFingerprint,
    alias: &str,
    password: &str,
) -> Result<Vec<u8>, String> {
    let key = PrivateKey::from_der(key_pkcs8).map_err(|e| e.to_string())?;
    let leaf = p12_keystore::Certificate::from_der(certificate_der).map_err(|e| e.to_string())?;
    let ca = p12_keystore::Certificate::from_der(ca_der).map_err(|e| e.to_string())?;
    let chain = PrivateKeyChain::new(LocalKeyId(fingerprint.0.to_vec()), key, [leaf, ca]);
    let mut store = KeyStore::new();
    store.add_entry(alias, KeyStoreEntry::PrivateKeyChain(chain));
    store
        .writer(password)
        .encryption_algorithm(EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc)
        .encryption_iterations(PKCS12_ITERATIONS)
        .mac_algorithm(MacAlgorithm::HmacSha1)
        .mac_iterations(PKCS12_ITERATIONS)
        .write()
        .map_err(|e| e.to_string())
}

/// 16 random bytes, positive and not starting with a zero byte.
fn random_serial() -> [u8; 16] {
    let mut serial = [0u8; 16];
    OsRng.fill_bytes(&mut serial);
    serial[0] = (serial[0] & 0x7f) | 0x40;
    serial
}

fn random_password() -> String {
    let mut bytes = [0u8; PASSWORD_BYTES];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn offset_date_time(timestamp: Timestamp) -> Result<time::OffsetDateTime, CaError> {
    time::OffsetDateTime::from_unix_timestamp(timestamp).map_err(|_| CaError::Time)
}

fn pem_certificate_der(pem: &str) -> Option<Vec<u8>> {
    let start = pem.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let end = pem[start..].find("-----END CERTIFICATE-----")? + start;
    let body: String = pem[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

fn read_to_string(path: &Path) -> Result<String, CaError> {
    std::fs::read_to_string(path).map_err(|source| CaError::Read {
        path: path.to_owned(),
        source,
    })
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> CaError + '_ {
    move |source| CaError::Write {
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = 1_767_225_600;

    #[test]
    fn issued_identities_verify_and_others_do_not() {
        let ca = MdmCa::generate(NOW).unwrap();
        let identity = ca.issue_identity("enrollment-1", "Contoso", NOW).unwrap();
        let certificate = Certificate::from_der(&identity.certificate_der).unwrap();
        assert_eq!(ca.verify_issued(&certificate), Ok(()));
        assert_eq!(identity.fingerprint, fingerprint(&identity.certificate_der));

        let other = MdmCa::generate(NOW).unwrap();
        assert!(other.verify_issued(&certificate).is_err());

        let again = ca.issue_identity("enrollment-1", "Contoso", NOW).unwrap();
        assert_ne!(again.fingerprint, identity.fingerprint);
        assert_ne!(again.password, identity.password);
    }

    #[test]
    fn the_pkcs12_opens_with_its_password_and_holds_key_and_chain() {
        let ca = MdmCa::generate(NOW).unwrap();
        let identity = ca.issue_identity("enrollment-1", "Contoso", NOW).unwrap();
        let store = KeyStore::from_pkcs12(
            &identity.pkcs12,
            &identity.password,
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .unwrap();
        let (_, chain) = store.private_key_chain().unwrap();
        assert_eq!(chain.certs()[0].as_der(), identity.certificate_der);
        use p256::pkcs8::DecodePrivateKey;
        p256::SecretKey::from_pkcs8_der(chain.key().as_der()).unwrap();
        assert!(KeyStore::from_pkcs12(
            &identity.pkcs12,
            "wrong",
            p12_keystore::Pkcs12ImportPolicy::Relaxed
        )
        .is_err());
    }

    #[test]
    fn creates_then_reuses_the_saved_ca() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = ca_paths(&dir.path().join("portal.db"));
        let first = MdmCa::load_or_create(&cert, &key, NOW).unwrap();
        let identity = first.issue_identity("e", "Contoso", NOW).unwrap();
        let again = MdmCa::load_or_create(&cert, &key, NOW).unwrap();
        assert_eq!(again.certificate_der(), first.certificate_der());
        let certificate = Certificate::from_der(&identity.certificate_der).unwrap();
        assert_eq!(again.verify_issued(&certificate), Ok(()));
        let issued_again = again.issue_identity("e", "Contoso", NOW).unwrap();
        let certificate = Certificate::from_der(&issued_again.certificate_der).unwrap();
        assert_eq!(first.verify_issued(&certificate), Ok(()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
    }
}
