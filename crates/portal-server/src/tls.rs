//! HTTPS: the operator's certificate, or a self-signed one for local runs.
//!
//! Local runs and tests need HTTPS because WebKit drops `__Host-`/Secure
//! cookies on plain `http://127.0.0.1`. Without `--tls-cert`/`--tls-key` the
//! server makes a self-signed certificate (for localhost, 127.0.0.1, ::1 and
//! the public URL's host), keeps it beside the database and reuses it.
//!
//! rustls uses the ring provider (aws-lc-rs would need cmake).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum_server::tls_rustls::RustlsConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::key_files::{self, KeyFileError};

pub const SELF_SIGNED_CERT_FILE: &str = "tls-cert.pem";
pub const SELF_SIGNED_KEY_FILE: &str = "tls-key.pem";

#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error(transparent)]
    File(#[from] KeyFileError),
    #[error("{path} holds no usable PEM {what}: {source}")]
    Pem {
        path: PathBuf,
        what: &'static str,
        source: rustls::pki_types::pem::Error,
    },
    #[error("{0} holds no certificate")]
    NoCertificate(PathBuf),
    #[error("cannot generate a self-signed certificate: {0}")]
    Generate(#[from] rcgen::Error),
    #[error("the certificate and key do not work together: {0}")]
    Rustls(#[from] rustls::Error),
}

/// Where the self-signed certificate is kept: beside the database.
pub fn self_signed_paths(database: &Path) -> (PathBuf, PathBuf) {
    let folder = database.parent().unwrap_or(Path::new(""));
    (
        folder.join(SELF_SIGNED_CERT_FILE),
        folder.join(SELF_SIGNED_KEY_FILE),
    )
}

/// The names a self-signed certificate covers: the loopback names and the
/// public URL's host.
pub fn self_signed_names(public_host: &str) -> Vec<String> {
    let mut names: Vec<String> = ["localhost", "127.0.0.1", "::1"]
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    if !names.iter().any(|name| name == public_host) {
        names.push(public_host.to_owned());
    }
    names
}

/// Reuses the self-signed certificate at `cert_path`/`key_path`, or makes
/// one for `names` and saves it there (the key readable by the owner only).
pub fn load_or_create_self_signed(
    cert_path: &Path,
    key_path: &Path,
    names: &[String],
) -> Result<(), TlsError> {
    if cert_path.is_file() && key_path.is_file() {
        tracing::info!(path = %cert_path.display(), "using the saved self-signed certificate");
        return Ok(());
    }
    let certified = rcgen::generate_simple_self_signed(names.to_vec())?;
    key_files::write_private(key_path, certified.signing_key.serialize_pem().as_bytes())?;
    key_files::write_public(cert_path, certified.cert.pem().as_bytes())?;
    tracing::info!(
        path = %cert_path.display(),
        names = ?names,
        "created a self-signed certificate"
    );
    Ok(())
}

/// A rustls configuration (ring provider, HTTP/2 and HTTP/1.1) serving the
/// certificate chain and key in the given PEM files.
pub fn server_config(cert_path: &Path, key_path: &Path) -> Result<RustlsConfig, TlsError> {
    let cert_pem = key_files::read(cert_path)?;
    let key_pem = key_files::read(key_path)?;
    let certificates = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|source| TlsError::Pem {
            path: cert_path.to_owned(),
            what: "certificate",
            source,
        })?;
    if certificates.is_empty() {
        return Err(TlsError::NoCertificate(cert_path.to_owned()));
    }
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|source| TlsError::Pem {
        path: key_path.to_owned(),
        what: "private key",
        source,
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(certificates, key)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(RustlsConfig::from_config(Arc::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cover_loopback_and_the_public_host_once() {
        assert_eq!(
            self_signed_names("portal.contoso.example"),
            ["localhost", "127.0.0.1", "::1", "portal.contoso.example"]
        );
        assert_eq!(self_signed_names("127.0.0.1").len(), 3);
    }

    #[test]
    fn creates_then_reuses_a_working_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed_paths(&dir.path().join("portal.db"));
        load_or_create_self_signed(&cert, &key, &self_signed_names("localhost")).unwrap();
        let first = std::fs::read(&cert).unwrap();
        server_config(&cert, &key).unwrap();
        load_or_create_self_signed(&cert, &key, &self_signed_names("localhost")).unwrap();
        assert_eq!(std::fs::read(&cert).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0);
        }
    }
}
