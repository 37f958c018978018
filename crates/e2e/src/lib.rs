//! The harness for end-to-end journeys: start the real server on its own
//! port and database, start a real browser with its own profile, and wait
//! for what a person would see, never for a fixed time.
//!
//! `cargo xtask test --suite e2e` sets the environment this reads:
//! `PORTAL_SERVER_BIN`, `PORTAL_DIST_DIR`, `CHROMEDRIVER`, `CHROMIUM`,
//! `WEBKIT_DRIVER`, `AXE_CORE`, `NODE`, `OIDC_PROVIDER_SCRIPT` (and
//! optionally `MINIBROWSER`).

pub mod accessibility;
pub mod api_client;
pub mod browser;
pub mod catalogs;
pub mod journeys;
pub mod keyboard;
pub mod oidc_provider;
pub mod server;

pub use accessibility::ColorScheme;
pub use api_client::ApiClient;
pub use browser::{Browser, Engine, Preferences};
pub use oidc_provider::OidcProvider;
pub use server::PortalServer;

use std::time::Duration;

/// How long any one expected thing may take to appear. Generous, because a
/// 2-core CI machine that is also compiling can take tens of seconds for a
/// step that takes one on a quiet one; a test only waits this long when it
/// is about to fail.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// An environment variable the xtask sets, or a message saying how to run.
pub fn required_env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the end-to-end suite with `cargo xtask test --suite e2e`")
    })
}

/// Where journeys write what they measured (see [`record_measurement`]).
pub fn measurements_file() -> std::path::PathBuf {
    std::env::var_os("E2E_MEASUREMENTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/e2e-measurements.txt")
        })
}

/// Appends a line to the measurements file, which `cargo xtask test` prints
/// after the suite: numbers for the README, never assertions.
pub fn record_measurement(line: &str) {
    use std::io::Write;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(measurements_file());
    if let Ok(mut file) = file {
        let _ = writeln!(file, "{line}");
    }
}
