//! The portal the benchmark measures: `portal-server demo` on a free
//! loopback port over HTTPS, with data of its own, and the API requests
//! that sign the demo's Alex in and enroll a simulated iPhone for him.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use portal_api::{
    routes, DeviceId, DeviceKind, DeviceList, Enrollment, EnrollmentState, EnrollmentType,
    OsVersion, Ownership, ProfileDownload, SignInRequest, StartEnrollment,
};
use ureq::tls::{Certificate, RootCerts, TlsConfig};

use crate::apns_gateway::ApnsGateway;
use crate::process::{describe, Background};

/// How long the server may take to listen, and the simulated device to
/// enroll and report its facts: generous, for a busy 2-core machine.
const PATIENCE: Duration = Duration::from_secs(90);
/// Between two looks at a condition that is not met yet.
const POLL: Duration = Duration::from_millis(200);

/// The database a [`DemoPortal`] keeps its data in.
#[derive(Debug, Clone)]
pub enum Database {
    /// `portal.db` in the data folder, the certificate and keys beside it.
    Sqlite,
    /// A PostgreSQL URL; the certificate and keys go into `data/` of the
    /// working folder (the data folder), where every instance finds them.
    Postgres(String),
}

impl Database {
    /// The server's `--database` argument.
    pub fn argument(&self, data: &Path) -> std::ffi::OsString {
        match self {
            Database::Sqlite => data.join("portal.db").into(),
            Database::Postgres(url) => url.into(),
        }
    }

    /// Where the server keeps its own files.
    fn files(&self, data: &Path) -> PathBuf {
        match self {
            Database::Sqlite => data.to_owned(),
            Database::Postgres(_) => data.join("data"),
        }
    }
}

/// `portal-server demo`, running until dropped.
pub struct DemoPortal {
    process: Background,
    /// e.g. `https://127.0.0.1:41234`, without a trailing slash.
    pub url: String,
    /// The demo users' password (`--demo-password`).
    pub password: String,
    /// The self-signed certificate the server made beside its database.
    pub certificate: PathBuf,
    /// `serve` with this portal's options: how another instance starts.
    serve: Command,
}

impl DemoPortal {
    /// Starts `server` (the built `portal-server`) with the demo on a free
    /// port, its database in `data`, serving the SPA from `site`, pushing
    /// through `gateway`; its output goes to `log`. Returns once it
    /// listens.
    pub fn start(
        server: &Path,
        data: &Path,
        site: &Path,
        gateway: &ApnsGateway,
        log: &Path,
    ) -> Result<DemoPortal, String> {
        Self::start_on(&Database::Sqlite, server, data, site, gateway, log)
    }

    /// [`DemoPortal::start`] on `database`.
    pub fn start_on(
        database: &Database,
        server: &Path,
        data: &Path,
        site: &Path,
        gateway: &ApnsGateway,
        log: &Path,
    ) -> Result<DemoPortal, String> {
        let password = format!("bench-{}-correct-horse-battery", std::process::id());
        let with_options = |subcommand: &str| {
            let mut command = Command::new(server);
            command
                .current_dir(data)
                .arg(subcommand)
                .arg("--database")
                .arg(database.argument(data))
                .arg("--static-dir")
                .arg(site)
                .args(["--apns-url", &gateway.url])
                .arg("--apns-ca")
                .arg(&gateway.certificate);
            command
        };
        let mut demo = with_options("demo");
        demo.args(["--demo-password", &password]);
        let (process, url) = spawn_listening(demo, log)?;
        Ok(DemoPortal {
            process,
            url,
            password,
            certificate: database.files(data).join("tls-cert.pem"),
            serve: with_options("serve"),
        })
    }

    /// Another instance of this portal (`serve` on a port of its own, the
    /// same database and files), as a second machine would run it; its
    /// output goes to `log`.
    pub fn start_another_instance(&self, log: &Path) -> Result<Instance, String> {
        let mut serve = Command::new(self.serve.get_program());
        serve.args(self.serve.get_args());
        if let Some(dir) = self.serve.get_current_dir() {
            serve.current_dir(dir);
        }
        let (process, url) = spawn_listening(serve, log)?;
        Ok(Instance { process, url })
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.process.id()
    }

    /// An error if the server has stopped.
    pub fn check_running(&mut self) -> Result<(), String> {
        self.process.check_running()
    }
}

/// Another instance of a [`DemoPortal`], running until dropped.
pub struct Instance {
    process: Background,
    /// e.g. `https://127.0.0.1:41235`, without a trailing slash.
    pub url: String,
}

impl Instance {
    pub fn pid(&self) -> u32 {
        self.process.id()
    }

    pub fn check_running(&mut self) -> Result<(), String> {
        self.process.check_running()
    }
}

/// Starts `command` on a free loopback port, its output to `log`, and
/// returns once it says where it listens.
fn spawn_listening(mut command: Command, log: &Path) -> Result<(Background, String), String> {
    let log_file = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    command
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(log_file);
    let shown = describe(&command);
    let mut process = Background::spawn(&mut command)?;
    let stdout = process
        .child_mut()
        .stdout
        .take()
        .ok_or("no stdout from portal-server")?;
    // Read stdout for as long as the server runs, so it never blocks on
    // a full pipe; hand over the URL once it is printed.
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
    let url = receiver.recv_timeout(PATIENCE).map_err(|_| {
        format!(
            "`{shown}` did not say where it listens within {} s (its log: {})",
            PATIENCE.as_secs(),
            log.display()
        )
    })?;
    Ok((process, url))
}

/// The portal's API, as the signed-in person's browser calls it.
pub struct Api {
    agent: ureq::Agent,
    base_url: String,
    /// `__Host-portal_session=…`, once signed in.
    cookie: Option<String>,
}

impl Api {
    /// Requests to `portal` that trust only its own certificate.
    pub fn new(portal: &DemoPortal) -> Result<Api, String> {
        let pem = std::fs::read(&portal.certificate)
            .map_err(|e| format!("{}: {e}", portal.certificate.display()))?;
        let certificate = Certificate::from_pem(&pem)
            .map_err(|e| format!("{}: {e}", portal.certificate.display()))?;
        let tls = TlsConfig::builder()
            .root_certs(RootCerts::Specific(Arc::new(vec![certificate])))
            .build();
        let config = ureq::Agent::config_builder()
            .tls_config(tls)
            // Loopback only: a proxy from the environment must not see it.
            .proxy(None)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Ok(Api {
            agent: ureq::Agent::new_with_config(config),
            base_url: portal.url.clone(),
            cookie: None,
        })
    }

    /// Signs in with email and password; returns the session cookie as a
    /// `Cookie` header carries it (`__Host-portal_session=…`).
    pub fn sign_in(&mut self, email: &str, password: &str) -> Result<String, String> {
        let body = SignInRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        let response = self.send("POST", routes::SESSION, Some(json(&body)?))?;
        let prefix = format!("{}=", routes::SESSION_COOKIE);
        let cookie = response
            .headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
            .find_map(|(_, value)| value.starts_with(&prefix).then_some(value))
            .and_then(|value| value.split(';').next())
            .map(str::to_owned)
            .ok_or_else(|| {
                format!(
                    "signing in as {email} set no {} cookie",
                    routes::SESSION_COOKIE
                )
            })?;
        self.cookie = Some(cookie.clone());
        Ok(cookie)
    }

    /// Starts a web enrollment of an iPhone the person owns.
    pub fn start_enrollment(&self) -> Result<Enrollment, String> {
        let body = StartEnrollment {
            ownership: Ownership::Personal,
            device: DeviceKind::Iphone,
            os_version: Some(OsVersion::new(17, 4, 0)),
            enrollment_type: EnrollmentType::DeviceEnrollment,
        };
        let response = self.send("POST", routes::ENROLLMENTS, Some(json(&body)?))?;
        parse(&response.body, routes::ENROLLMENTS)
    }

    /// A single-use download link of the enrollment's profile.
    pub fn profile_link(&self, enrollment: &Enrollment) -> Result<ProfileDownload, String> {
        let path = routes::enrollment_profile(&enrollment.id.0);
        let response = self.send("POST", &path, None)?;
        parse(&response.body, &path)
    }

    pub fn enrollment(&self, enrollment: &Enrollment) -> Result<Enrollment, String> {
        let path = routes::enrollment(&enrollment.id.0);
        parse(&self.send("GET", &path, None)?.body, &path)
    }

    pub fn devices(&self) -> Result<DeviceList, String> {
        parse(
            &self.send("GET", routes::DEVICES, None)?.body,
            routes::DEVICES,
        )
    }

    /// Waits until the enrollment is `Enrolled` and its device has
    /// reported what it is (its iOS version), as after a real iPhone
    /// installed the profile; returns the device's id. `device` is the
    /// simulated device doing it, checked while waiting.
    pub fn wait_for_enrolled_device(
        &self,
        enrollment: &Enrollment,
        device: &mut Background,
    ) -> Result<DeviceId, String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            device.check_running()?;
            let current = self.enrollment(enrollment)?;
            if let (EnrollmentState::Enrolled, Some(id)) = (current.state, &current.device_id) {
                let reported = self
                    .devices()?
                    .devices
                    .iter()
                    .any(|device| &device.id == id && device.os_version.is_some());
                if reported {
                    return Ok(id.clone());
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "the simulated iPhone did not finish enrolling within {} s (enrollment {:?})",
                    PATIENCE.as_secs(),
                    current.state
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    /// One request; an answer other than 2xx is an error with its body.
    fn send(&self, method: &str, path: &str, body: Option<String>) -> Result<Answer, String> {
        let url = format!("{}{path}", self.base_url);
        let failed = |e: ureq::Error| format!("{method} {url}: {e}");
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(&url)
            .header(routes::ANTI_FORGERY_HEADER, routes::ANTI_FORGERY_VALUE)
            // As the portal's own pages send it: the anti-forgery check
            // wants Origin or Sec-Fetch-Site on state changes.
            .header("origin", &self.base_url);
        if let Some(cookie) = &self.cookie {
            request = request.header("cookie", cookie);
        }
        let mut response = match body {
            Some(body) => {
                let request = request
                    .header("content-type", "application/json")
                    .body(body)
                    .map_err(|e| format!("{method} {url}: {e}"))?;
                self.agent.run(request).map_err(failed)?
            }
            None => {
                let request = request
                    .body(())
                    .map_err(|e| format!("{method} {url}: {e}"))?;
                self.agent.run(request).map_err(failed)?
            }
        };
        let status = response.status();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("{method} {url}: reading the answer: {e}"))?;
        if !status.is_success() {
            return Err(format!("{method} {url} answered {status}: {body}"));
        }
        Ok(Answer { headers, body })
    }
}

/// What a request answered.
struct Answer {
    headers: Vec<(String, String)>,
    body: String,
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_json::to_string(value).map_err(|e| e.to_string())
}

fn parse<T: serde::de::DeserializeOwned>(body: &str, path: &str) -> Result<T, String> {
    serde_json::from_str(body)
        .map_err(|e| format!("the answer of {path} is not what the API says ({e}): {body}"))
}
