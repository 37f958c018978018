//! The real `portal-server demo`, on a free port and a fresh SQLite file.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use crate::{required_env, PATIENCE};

/// The demo organization's users, seeded by `portal-server demo`.
pub const ALEX: (&str, &str) = ("alex@contoso.example", "Alex Wilber");
pub const SAM: (&str, &str) = ("sam@contoso.example", "Sam Taylor");

pub struct PortalServer {
    /// e.g. `https://127.0.0.1:41234`, without a trailing slash.
    pub base_url: String,
    pub demo_password: String,
    child: Child,
    _data: tempfile::TempDir,
}

impl PortalServer {
    /// Starts the server and returns once it says it is listening.
    pub fn start_demo() -> Self {
        Self::start_demo_with(&[])
    }

    /// The same, with more `portal-server demo` options (e.g.
    /// `["--install-window", "5s"]`).
    pub fn start_demo_with(options: &[&str]) -> Self {
        Self::start_demo_serving(Path::new(&required_env("PORTAL_DIST_DIR")), options)
    }

    /// The same, serving the SPA from `static_dir` instead of the build in
    /// `PORTAL_DIST_DIR` (e.g. a copy a test changes, as a deployment would).
    pub fn start_demo_serving(static_dir: &Path, options: &[&str]) -> Self {
        let data = tempfile::tempdir().expect("temporary directory");
        let demo_password = format!("e2e-{}", std::process::id()) + "-correct-horse";
        let mut child = Command::new(required_env("PORTAL_SERVER_BIN"))
            .args(["demo", "--listen", "127.0.0.1:0"])
            .arg("--database")
            .arg(data.path().join("portal.db"))
            .arg("--static-dir")
            .arg(static_dir)
            .args(["--demo-password", &demo_password])
            .args(options)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start portal-server");

        // Read stdout on a thread for as long as the server runs, so it never
        // blocks on a full pipe; hand over the URL once it is printed.
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sender = Some(sender);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Company Portal is listening on ") {
                    if let Some(sender) = sender.take() {
                        let _ = sender.send(url.trim().trim_end_matches('/').to_owned());
                    }
                }
            }
        });
        let base_url = receiver
            .recv_timeout(PATIENCE)
            .expect("portal-server printed its URL");
        Self {
            base_url,
            demo_password,
            child,
            _data: data,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The server's SQLite file.
    pub fn database(&self) -> std::path::PathBuf {
        self._data.path().join("portal.db")
    }

    /// Runs `portal-server organization set` on the running server's
    /// database with `options` (e.g. `["--local-accounts", "off"]`); the
    /// server reads these settings on every request.
    pub fn set_organization(&self, options: &[&str]) {
        let output = Command::new(required_env("PORTAL_SERVER_BIN"))
            .args(["organization", "set", "--database"])
            .arg(self.database())
            .args(options)
            .output()
            .expect("run portal-server organization set");
        assert!(
            output.status.success(),
            "portal-server organization set {options:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Ends the server (as if it went down) and waits until it has exited,
    /// so its port refuses connections from then on.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PortalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
