//! The real `portal-server demo`, on a free port and a fresh SQLite file,
//! pushing through its own stand-in APNs gateway (device-sim's): the
//! simulated devices connect only when pushed, as iPhones do.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use device_sim::apns::{Gateway, GatewayOptions, PushConnection};

use crate::{required_env, PATIENCE};

/// The demo organization's users, seeded by `portal-server demo`.
pub const ALEX: (&str, &str) = ("alex@contoso.example", "Alex Wilber");
pub const SAM: (&str, &str) = ("sam@contoso.example", "Sam Taylor");

pub struct PortalServer {
    /// e.g. `https://127.0.0.1:41234`, without a trailing slash.
    pub base_url: String,
    pub demo_password: String,
    /// The portal's APNs: it trusts the demo's stand-in push CA.
    pub apns: Gateway,
    /// Runs the gateway (its own runtime, so starting a portal needs none).
    apns_runtime: Option<tokio::runtime::Runtime>,
    child: Child,
    /// `portal-server serve` and its arguments but `--listen`: how it
    /// starts again after a crash (a restart does not seed the demo again,
    /// which would end the demo users' sessions).
    command: Vec<std::ffi::OsString>,
    /// The database and the files beside it.
    data_dir: std::path::PathBuf,
    /// Removed with the server, unless the test brought its own folder.
    _data: Option<tempfile::TempDir>,
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
        let mut portal = Self::start_demo_in(data.path(), static_dir, options);
        portal._data = Some(data);
        portal
    }

    /// The demo with its database and files in `data_dir` (e.g. a small
    /// disk of the test's own), which outlives the server.
    pub fn start_demo_in(data_dir: &Path, static_dir: &Path, options: &[&str]) -> Self {
        Self::start(
            data_dir,
            &data_dir.join("portal.db").into(),
            static_dir,
            options,
        )
    }

    /// The demo on a PostgreSQL database (`postgres://…`), which other
    /// instances can share (see [`PortalServer::start_another_instance`]).
    /// Its files (TLS, CAs, push certificate) are in `data/` of a
    /// temporary working folder, where every instance finds them.
    pub fn start_demo_on_postgres(url: &str) -> Self {
        let data = tempfile::tempdir().expect("temporary directory");
        let dist = std::path::PathBuf::from(required_env("PORTAL_DIST_DIR"));
        let mut portal = Self::start(data.path(), &url.into(), &dist, &[]);
        portal._data = Some(data);
        portal
    }

    fn start(
        data_dir: &Path,
        database: &std::ffi::OsString,
        static_dir: &Path,
        options: &[&str],
    ) -> Self {
        let demo_password = format!("e2e-{}", std::process::id()) + "-correct-horse";
        let (apns, apns_runtime) = start_gateway();
        let apns_ca = data_dir.join("apns-gateway-cert.pem");
        std::fs::write(&apns_ca, apns.certificate_pem()).expect("write the gateway's certificate");
        // What `serve` needs to run this portal again (a restart); `demo`
        // takes the same and seeds the demo first.
        let mut serve_args: Vec<std::ffi::OsString> = vec!["--apns-url".into(), apns.url().into()];
        serve_args.extend(["--apns-ca".into(), apns_ca.into()]);
        serve_args.extend(["--database".into(), database.clone()]);
        serve_args.extend(["--static-dir".into(), static_dir.into()]);
        let mut demo: Vec<std::ffi::OsString> = vec![required_env("PORTAL_SERVER_BIN").into()];
        demo.push("demo".into());
        demo.extend(serve_args.iter().cloned());
        demo.extend(["--demo-password", &demo_password].map(Into::into));
        demo.extend(options.iter().map(Into::into));
        let (child, base_url) = spawn_listening(&demo, "127.0.0.1:0", data_dir);
        let mut command: Vec<std::ffi::OsString> = vec![required_env("PORTAL_SERVER_BIN").into()];
        command.push("serve".into());
        command.extend(serve_args);
        // The demo made its stand-in push CA before listening: beside the
        // SQLite file, or in `data/` with PostgreSQL.
        let push_ca = std::fs::read_to_string(data_dir.join("demo-push-ca-cert.pem"))
            .or_else(|_| std::fs::read_to_string(data_dir.join("data/demo-push-ca-cert.pem")))
            .expect("the demo's push CA");
        apns.set_client_ca(&push_ca)
            .expect("the gateway trusts the demo's push CA");
        Self {
            base_url,
            demo_password,
            apns,
            apns_runtime: Some(apns_runtime),
            child,
            command,
            data_dir: data_dir.to_owned(),
            _data: None,
        }
    }

    /// How a simulated device listens for this portal's pushes.
    pub fn push_connection(&self) -> PushConnection {
        PushConnection::in_process(&self.apns)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The server's SQLite file.
    pub fn database(&self) -> std::path::PathBuf {
        self.data_dir.join("portal.db")
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

    /// Kills the server with `SIGKILL` (no clean shutdown: as a crash or
    /// the machine's OOM killer would), then starts it again with `serve`
    /// on the same port and database, and returns once it listens. The
    /// organization's settings are in the database; options given to
    /// `demo` at the start are not given again.
    pub fn crash_and_restart(&mut self) {
        self.stop();
        let address = self
            .base_url
            .rsplit_once("://")
            .map_or(self.base_url.as_str(), |(_, address)| address)
            .to_owned();
        let (child, base_url) = spawn_listening(&self.command, &address, &self.data_dir);
        assert_eq!(base_url, self.base_url, "the restarted portal's address");
        self.child = child;
    }

    /// A second instance of this portal (`serve`, on a port of its own) on
    /// the same database and files, pushing through the same gateway: as
    /// a second machine behind one address would run.
    pub fn start_another_instance(&self) -> Instance {
        let (child, base_url) = spawn_listening(&self.command, "127.0.0.1:0", &self.data_dir);
        Instance { base_url, child }
    }
}

/// Another instance of a [`PortalServer`]; stopped when dropped.
pub struct Instance {
    /// e.g. `https://127.0.0.1:41235`, without a trailing slash.
    pub base_url: String,
    child: Child,
}

impl Instance {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `command` (the program, then its arguments) with `--listen
/// address` and returns once it prints the URL it listens on.
fn spawn_listening(
    command: &[std::ffi::OsString],
    address: &str,
    working_dir: &Path,
) -> (Child, String) {
    let (program, args) = command.split_first().expect("a program to run");
    let mut child = Command::new(program)
        .current_dir(working_dir)
        .args(args)
        .args(["--listen", address])
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
    (child, base_url)
}

impl Drop for PortalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(runtime) = self.apns_runtime.take() {
            // Allowed inside a test's runtime, unlike a plain drop.
            runtime.shutdown_background();
        }
    }
}

/// A stand-in APNs gateway on a free port, served by a runtime of its own.
fn start_gateway() -> (Gateway, tokio::runtime::Runtime) {
    std::thread::spawn(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the APNs gateway");
        let gateway = runtime
            .block_on(Gateway::start(GatewayOptions {
                listen: "127.0.0.1:0".into(),
                client_ca_pem: None,
            }))
            .expect("start the stand-in APNs gateway");
        (gateway, runtime)
    })
    .join()
    .expect("the APNs gateway's thread")
}
