//! The PEM files of keys and certificates the server keeps beside its
//! database (the MDM CA, the self-signed TLS certificate, the push
//! certificate and its request), and the one error for reading or
//! writing them.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A key or certificate file that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
}

/// Writes a private key: readable by the owner only (mode 0600 on Unix).
/// Creates the folder if needed.
pub(crate) fn write_private(path: &Path, contents: &[u8]) -> Result<(), KeyFileError> {
    write(path, contents, true).map_err(|source| KeyFileError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes a certificate, with the default permissions. Creates the folder
/// if needed.
pub(crate) fn write_public(path: &Path, contents: &[u8]) -> Result<(), KeyFileError> {
    write(path, contents, false).map_err(|source| KeyFileError::Write {
        path: path.to_owned(),
        source,
    })
}

/// The file's bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, KeyFileError> {
    std::fs::read(path).map_err(|source| KeyFileError::Read {
        path: path.to_owned(),
        source,
    })
}

/// The file as text (PEM).
pub(crate) fn read_to_string(path: &Path) -> Result<String, KeyFileError> {
    std::fs::read_to_string(path).map_err(|source| KeyFileError::Read {
        path: path.to_owned(),
        source,
    })
}

fn write(path: &Path, contents: &[u8], private: bool) -> io::Result<()> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path)?;
    file.write_all(contents)
}
