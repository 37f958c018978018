//! The device's identity: the RSA key it made itself and the certificate
//! the server's CA issued for it over SCEP. It signs every MDM message.
//!
//! A state directory keeps it for others (`device-sim enroll --state-dir`):
//! `key.pem` (PKCS#8), `cert.pem` and `facts.json`.

use std::path::Path;

use der::{Decode, Encode, EncodePem};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey, LineEnding};
use rsa::RsaPrivateKey;
use x509_cert::Certificate;

use crate::{DeviceFacts, SimError};

pub const KEY_FILE: &str = "key.pem";
pub const CERTIFICATE_FILE: &str = "cert.pem";
pub const FACTS_FILE: &str = "facts.json";

/// An RSA key and its certificate.
#[derive(Clone)]
pub struct Identity {
    pub key: RsaPrivateKey,
    pub certificate: Certificate,
    /// The issuer's certificates that came with it (the CA), leaf excluded.
    pub chain: Vec<Certificate>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field(
                "subject",
                &self.certificate.tbs_certificate.subject.to_string(),
            )
            .field(
                "issuer",
                &self.certificate.tbs_certificate.issuer.to_string(),
            )
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// The key and its certificate; refused when they don't belong together.
    pub fn new(
        key: RsaPrivateKey,
        certificate: Certificate,
        chain: Vec<Certificate>,
    ) -> Result<Identity, SimError> {
        let public = key
            .to_public_key()
            .to_public_key_der()
            .map_err(|e| SimError::Identity(e.to_string()))?;
        let in_certificate = certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| SimError::Identity(e.to_string()))?;
        if public.as_bytes() != in_certificate.as_slice() {
            return Err(SimError::Identity(
                "the private key does not match the certificate".into(),
            ));
        }
        Ok(Identity {
            key,
            certificate,
            chain,
        })
    }

    /// From a PKCS#8 RSA key (DER) and its certificate.
    pub fn from_pkcs8(
        pkcs8_der: &[u8],
        certificate: Certificate,
        chain: Vec<Certificate>,
    ) -> Result<Identity, SimError> {
        let key = RsaPrivateKey::from_pkcs8_der(pkcs8_der)
            .map_err(|e| SimError::Identity(format!("not an RSA PKCS#8 key: {e}")))?;
        Identity::new(key, certificate, chain)
    }

    /// The leaf certificate, DER.
    pub fn certificate_der(&self) -> Vec<u8> {
        self.certificate
            .to_der()
            .expect("a parsed certificate encodes")
    }

    /// The key as PKCS#8 PEM.
    pub fn key_pem(&self) -> Result<String, SimError> {
        Ok(self
            .key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| SimError::Identity(e.to_string()))?
            .to_string())
    }

    /// The certificate as PEM.
    pub fn certificate_pem(&self) -> Result<String, SimError> {
        self.certificate
            .to_pem(LineEnding::LF)
            .map_err(|e| SimError::Identity(e.to_string()))
    }

    /// Writes `key.pem` (owner-only on Unix), `cert.pem` and `facts.json`
    /// into `dir`, creating it.
    pub fn write_state_dir(&self, dir: &Path, facts: &DeviceFacts) -> Result<(), SimError> {
        std::fs::create_dir_all(dir)?;
        write_private(&dir.join(KEY_FILE), self.key_pem()?.as_bytes())?;
        std::fs::write(dir.join(CERTIFICATE_FILE), self.certificate_pem()?)?;
        let facts =
            serde_json::to_string_pretty(facts).map_err(|e| SimError::Facts(e.to_string()))?;
        std::fs::write(dir.join(FACTS_FILE), facts)?;
        Ok(())
    }

    /// Reads `key.pem` and `cert.pem` of a state directory.
    pub fn read_state_dir(dir: &Path) -> Result<Identity, SimError> {
        let key_pem = std::fs::read_to_string(dir.join(KEY_FILE))?;
        let key = RsaPrivateKey::from_pkcs8_pem(&key_pem)
            .map_err(|e| SimError::Identity(format!("{KEY_FILE}: {e}")))?;
        let certificate_pem = std::fs::read_to_string(dir.join(CERTIFICATE_FILE))?;
        let certificate = <Certificate as der::DecodePem>::from_pem(&certificate_pem)
            .map_err(|e| SimError::Identity(format!("{CERTIFICATE_FILE}: {e}")))?;
        Identity::new(key, certificate, Vec::new())
    }
}

/// Parses DER certificate bytes.
pub(crate) fn certificate_from_der(bytes: &[u8]) -> Result<Certificate, SimError> {
    Certificate::from_der(bytes).map_err(|e| SimError::Identity(format!("certificate: {e}")))
}

fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents)
}
