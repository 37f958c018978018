//! The PEM files of keys and certificates the server creates for itself
//! (the MDM CA, the self-signed TLS certificate).

use std::io::{self, Write};
use std::path::Path;

/// Writes a private key: readable by the owner only (mode 0600 on Unix).
/// Creates the folder if needed.
pub(crate) fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    write(path, contents, true)
}

/// Writes a certificate, with the default permissions. Creates the folder
/// if needed.
pub(crate) fn write_public(path: &Path, contents: &[u8]) -> io::Result<()> {
    write(path, contents, false)
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
