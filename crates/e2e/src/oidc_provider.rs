//! A real OpenID provider (`xtask/oidc/provider.mjs`, npm's `oidc-provider`)
//! on a free port, with its own users, for journeys that sign in with the
//! organization's work account.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use crate::{required_env, PortalServer, PATIENCE};

/// The password of every user the test provider knows.
pub const PROVIDER_PASSWORD: &str = "contoso-idp";
/// A user whose email the provider says is not verified.
pub const UNVERIFIED_EMAIL: &str = "unverified@contoso.example";

const CLIENT_ID: &str = "company-portal";
const CLIENT_SECRET: &str = "company-portal-test-secret";

pub struct OidcProvider {
    /// e.g. `http://127.0.0.1:41235`: exactly the issuer.
    pub issuer: String,
    child: Child,
    secret_dir: tempfile::TempDir,
}

impl OidcProvider {
    /// Starts a provider that sends people back to `portal`, and returns
    /// once it says it is listening.
    pub fn start_for(portal: &PortalServer) -> Self {
        let mut child = Command::new(required_env("NODE"))
            .arg(required_env("OIDC_PROVIDER_SCRIPT"))
            .args(["--port", "0", "--redirect-uri"])
            .arg(portal.url("/api/sign-in/oidc/callback"))
            .arg("--post-logout-redirect-uri")
            .arg(portal.url("/sign-in"))
            .args(["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the OpenID provider (node)");

        // As for the portal: keep reading stdout so the pipe never fills.
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sender = Some(sender);
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("OpenID provider is listening on ") {
                    if let Some(sender) = sender.take() {
                        let _ = sender.send(url.trim().to_owned());
                    }
                }
            }
        });
        let issuer = receiver
            .recv_timeout(PATIENCE)
            .expect("the OpenID provider printed its URL");
        Self {
            issuer,
            child,
            secret_dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// Makes this provider the organization's, with local accounts `on` or
    /// `off`, as an administrator would with `organization set`.
    pub fn configure(&self, portal: &PortalServer, local_accounts: &str) {
        let secret_file = self.secret_dir.path().join("client-secret.txt");
        std::fs::write(&secret_file, CLIENT_SECRET).expect("write the client secret");
        let secret_file = secret_file.to_str().expect("UTF-8 temporary path");
        portal.set_organization(&[
            "--oidc-issuer",
            &self.issuer,
            "--oidc-client-id",
            CLIENT_ID,
            "--oidc-client-secret-file",
            secret_file,
            "--local-accounts",
            local_accounts,
        ]);
    }

    /// Ends the provider (as if it went down) and waits until it has
    /// exited, so its port refuses connections from then on.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.stop();
    }
}
