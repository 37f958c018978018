//! `cargo xtask bench load`: a load generator of the project's own against
//! the release `portal-server demo` on loopback (SQLite, or PostgreSQL with
//! one or more instances), bounded in time and in requests.
//!
//! Two phases, one after the other:
//! 1. Mixed: people (local accounts made with `portal-server user add`,
//!    signed in through the API) browse My devices, a device page and the
//!    notifications, and now and then ask a device to check its status,
//!    while simulated iPhones (`device-sim` as a library, each enrolled
//!    for real: SCEP, Authenticate, TokenUpdate) check in with `Idle` at
//!    an interval and answer the commands the server queued.
//! 2. `GET /api/devices` alone, as fast as a fixed number of connections
//!    allow (the figure the issue sets a target for).
//!
//! It prints, per endpoint, the requests, requests/s, p50, p99 and errors,
//! and the server's peak memory (VmHWM). It fails only when something
//! cannot run, never on a figure. The generator itself runs optimized: from
//! a debug xtask it builds the release xtask and hands over to it.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use device_sim::{Device, DeviceFacts, Profile};
use portal_api::{
    routes, DeviceKind, DeviceList, Enrollment, EnrollmentType, OsVersion, Ownership,
    ProfileDownload, SignInRequest, StartEnrollment,
};
use tokio::sync::Semaphore;

use super::demo_portal::{Database, DemoPortal};
use crate::apns_gateway::ApnsGateway;
use crate::process::{self, describe, run_to_end, target_dir, workspace_root};

const HELP: &str = "\
cargo xtask bench load [--duration SECS] [--devices N] [--people N] [--connections N]
                       [--think-ms MS] [--device-interval SECS]
                       [--list-duration SECS] [--list-connections N] [--max-requests N]
                       [--postgres] [--instances N]

Starts the release portal-server demo (loopback only) on SQLite, or with
--postgres on a throwaway PostgreSQL cluster, where --instances (default 1)
servers share the database as machines behind one address would (people,
devices and connections spread over them in turn), and measures:
 1. mixed, for --duration (default 60): --people (default 20) signed-in
    people each loading My devices, a device page and the notifications,
    then pausing --think-ms (default 1000), and asking a device to check
    its status every tenth visit, over at most --connections (default 64)
    connections; while --devices (default 100) simulated iPhones, enrolled
    for real beforehand (SCEP, Authenticate, TokenUpdate), check in with
    Idle every --device-interval (default 10) seconds and answer commands;
 2. GET /api/devices alone over --list-connections (default 64)
    connections for --list-duration (default 20) seconds.
Both stop early after --max-requests (default 5000000) requests.
Prints per endpoint requests, requests/s, p50, p99, errors, and the
server's peak memory. The issue's figures: --duration 300 --devices 1000
--people 200 (each person has at most 5 devices, the demo's limit).";

/// The demo's limit of enrolled devices per person.
const DEVICES_PER_PERSON: usize = 5;
/// Every how many visits a person asks a device to check its status.
const CHECK_STATUS_EVERY: u64 = 10;
/// Enrollments at once (RSA key generation and SCEP dominate; on a
/// 2-core machine more only queue).
const ENROLLING_AT_ONCE: usize = 2;
/// A request that takes longer counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    duration: Duration,
    devices: usize,
    people: usize,
    connections: usize,
    think: Duration,
    device_interval: Duration,
    list_duration: Duration,
    list_connections: usize,
    max_requests: u64,
    postgres: bool,
    instances: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            duration: Duration::from_secs(60),
            devices: 100,
            people: 20,
            connections: 64,
            think: Duration::from_millis(1000),
            device_interval: Duration::from_secs(10),
            list_duration: Duration::from_secs(20),
            list_connections: 64,
            max_requests: 5_000_000,
            postgres: false,
            instances: 1,
        }
    }
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            if flag == "--postgres" {
                options.postgres = true;
                continue;
            }
            let value = args
                .next()
                .ok_or_else(|| format!("bench load: {flag} needs a value"))?;
            let number = || -> Result<u64, String> {
                value.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("bench load: {flag} wants a whole number above 0, not {value:?}")
                })
            };
            let count = || number().map(|n| usize::try_from(n).unwrap_or(usize::MAX));
            match flag.as_str() {
                "--duration" => options.duration = Duration::from_secs(number()?),
                "--devices" => options.devices = count()?,
                "--people" => options.people = count()?,
                "--connections" => options.connections = count()?,
                "--think-ms" => options.think = Duration::from_millis(number()?),
                "--device-interval" => options.device_interval = Duration::from_secs(number()?),
                "--list-duration" => options.list_duration = Duration::from_secs(number()?),
                "--list-connections" => options.list_connections = count()?,
                "--max-requests" => options.max_requests = number()?,
                "--instances" => options.instances = count()?,
                other => return Err(format!("bench load: unknown option {other}\n\n{HELP}")),
            }
        }
        if options.instances > 1 && !options.postgres {
            return Err(
                "bench load: several instances share a PostgreSQL database: add --postgres".into(),
            );
        }
        if options.devices > options.people.saturating_mul(DEVICES_PER_PERSON) {
            return Err(format!(
                "bench load: {} devices need at least {} people (the demo lets each person \
                 enroll {DEVICES_PER_PERSON})",
                options.devices,
                options.devices.div_ceil(DEVICES_PER_PERSON)
            ));
        }
        Ok(options)
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{HELP}");
        return Ok(());
    }
    let options = Options::parse(args)?;
    let release = target_dir().join("release");
    if cfg!(debug_assertions) {
        // An unoptimized client would measure itself: build the release
        // xtask (and the server) and let it generate the load.
        run_to_end(process::cargo().current_dir(workspace_root()).args([
            "build",
            "--release",
            "--package",
            "portal-server",
            "--package",
            "device-sim",
        ]))?;
        run_to_end(process::cargo().current_dir(workspace_root()).args([
            "build",
            "--release",
            "--package",
            "xtask",
        ]))?;
        let mut optimized = Command::new(release.join("xtask"));
        optimized.args(["bench", "load"]).args(args);
        return run_to_end(&mut optimized);
    }
    for binary in ["portal-server", "device-sim"] {
        if !release.join(binary).exists() {
            return Err(format!(
                "bench load: no {} (run `cargo xtask bench load`, which builds it)",
                release.join(binary).display()
            ));
        }
    }
    measure(&release, &options)
}

/// Starts the portal (and PostgreSQL and more instances, if asked), adds
/// the people, runs both phases and prints them.
fn measure(release: &Path, options: &Options) -> Result<(), String> {
    let dirs = LoadDirs::fresh(&target_dir().join("bench-load"))?;
    // Stopped and deleted when the run ends.
    let cluster = options.postgres.then(crate::postgres::start).transpose()?;
    let database = match &cluster {
        Some(cluster) => Database::Postgres(cluster.url()),
        None => Database::Sqlite,
    };
    let gateway = ApnsGateway::start(&release.join("device-sim"), &dirs.data)?;
    let mut portal = DemoPortal::start_on(
        &database,
        &release.join("portal-server"),
        &dirs.data,
        &dirs.site,
        &gateway,
        &dirs.logs.join("portal-server.log"),
    )?;
    let mut others = (1..options.instances)
        .map(|n| portal.start_another_instance(&dirs.logs.join(format!("portal-server-{n}.log"))))
        .collect::<Result<Vec<_>, _>>()?;
    let mut base_urls = vec![portal.url.clone()];
    base_urls.extend(others.iter().map(|other| other.url.clone()));
    for url in &base_urls {
        require_loopback(url)?;
    }
    eprintln!(
        "xtask: bench load: the demo portal is at {}",
        base_urls.join(", ")
    );
    add_people(
        &release.join("portal-server"),
        &database.argument(&dirs.data),
        &portal.password,
        options.people,
    )?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("bench load: tokio: {e}"))?;
    let target = Target {
        base_urls,
        certificate: fs::read(&portal.certificate)
            .map_err(|e| format!("{}: {e}", portal.certificate.display()))?,
        password: portal.password.clone(),
    };
    let phases = runtime.block_on(generate(&target, options))?;
    portal.check_running()?;
    let mut memory = vec![memory_of(portal.pid())];
    for other in &mut others {
        other.check_running()?;
        memory.push(memory_of(other.pid()));
    }

    let servers = match &cluster {
        None => "portal-server demo (release, SQLite)".to_owned(),
        Some(_) => format!(
            "{} of portal-server (release) on one PostgreSQL {} (a throwaway cluster: \
             fsync off)",
            match options.instances {
                1 => "one instance".to_owned(),
                n => format!("{n} instances"),
            },
            postgres_version(cluster.as_ref()).unwrap_or_default(),
        ),
    };
    println!();
    println!(
        "{} (UTC), {}, {} cores; load average (1 min) before/after: {}; \
         {servers} and the load generator on the same machine, over HTTPS on loopback.",
        super::utc_date(std::time::SystemTime::now()),
        super::cpu_model().unwrap_or_else(|| "CPU unknown".into()),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        phases.load.join(" / "),
    );
    println!();
    println!(
        "Mixed, {} s: {} people (a visit: My devices, a device page, notifications, then \
         {} ms; a status check every {CHECK_STATUS_EVERY}th visit) over at most {} \
         connections; {} simulated iPhones checking in every {} s ({} commands answered).",
        phases.mixed.elapsed.as_secs(),
        options.people,
        options.think.as_millis(),
        options.connections,
        phases.devices,
        options.device_interval.as_secs(),
        phases.commands_answered,
    );
    println!();
    print_table(&phases.mixed);
    println!();
    println!(
        "`GET /api/devices` alone, {} connections, {} s (a person with {} devices):",
        options.list_connections,
        phases.list.elapsed.as_secs(),
        phases.list_person_devices,
    );
    println!();
    print_table(&phases.list);
    println!();
    for (n, memory) in memory.iter().enumerate() {
        println!(
            "portal-server{} memory: peak {} (VmHWM), at the end {} (VmRSS).",
            if options.instances > 1 {
                format!(" instance {}", n + 1)
            } else {
                String::new()
            },
            memory.peak.as_deref().unwrap_or("?"),
            memory.current.as_deref().unwrap_or("?")
        );
    }
    println!("The portal's logs: {}", dirs.logs.display());
    Ok(())
}

/// The cluster's major version, from its programs' folder
/// (`/usr/lib/postgresql/15/bin`).
fn postgres_version(cluster: Option<&throwaway_postgres::Cluster>) -> Option<String> {
    let bin = cluster?.bin();
    let version = bin.parent()?.file_name()?.to_str()?;
    Some(version.to_owned())
}

/// Where the portal is and how to trust and sign in to it.
struct Target {
    /// `https://127.0.0.1:PORT` of each instance.
    base_urls: Vec<String>,
    /// Its self-signed certificate (PEM).
    certificate: Vec<u8>,
    /// Every person's password.
    password: String,
}

impl Target {
    /// The instance the `n`th person or connection uses: each in turn.
    fn base_url(&self, n: usize) -> &str {
        &self.base_urls[n % self.base_urls.len()]
    }
}

/// A signed-in person and their enrolled devices.
#[derive(Clone)]
struct Person {
    /// The instance they use (the one their sign-in went to).
    base_url: String,
    /// `__Host-portal_session=…`.
    cookie: String,
    devices: Vec<String>,
}

/// What both phases measured.
struct Phases {
    mixed: Measured,
    list: Measured,
    devices: usize,
    commands_answered: u64,
    list_person_devices: usize,
    /// The 1-minute load average before and after.
    load: Vec<String>,
}

async fn generate(target: &Target, options: &Options) -> Result<Phases, String> {
    let client = http_client(target, options.connections)?;
    let mut people = Vec::new();
    for n in 0..options.people {
        // One after the other: parallel sign-ins from one address are
        // what the portal's throttle slows down.
        let base_url = target.base_url(n).to_owned();
        let cookie = sign_in(&client, &base_url, &person_email(n), &target.password).await?;
        people.push(Person {
            base_url,
            cookie,
            devices: Vec::new(),
        });
    }
    eprintln!("xtask: bench load: {} people signed in", people.len());
    let devices = enroll_devices(&client, &mut people, options.devices).await?;
    eprintln!("xtask: bench load: {} iPhones enrolled", devices.len());
    let device_count = devices.len();

    let load_before = super::load_average().unwrap_or_else(|| "?".into());
    let budget = Arc::new(Budget(AtomicU64::new(options.max_requests)));
    let started = Instant::now();
    let stop_at = started + options.duration;
    let connections = Arc::new(Semaphore::new(options.connections));
    let commands = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for (n, person) in people.iter().enumerate() {
        let browsing = Browsing {
            client: client.clone(),
            person: person.clone(),
            connections: connections.clone(),
            budget: budget.clone(),
            think: options.think,
            // Spread the first visits over one pause.
            start_after: options.think.mul_f64(n as f64 / options.people as f64),
            stop_at,
        };
        tasks.push(tokio::spawn(browsing.run()));
    }
    let device_count_f = devices.len().max(1) as f64;
    for (n, device) in devices.into_iter().enumerate() {
        let checking_in = CheckingIn {
            device,
            budget: budget.clone(),
            interval: options.device_interval,
            start_after: options.device_interval.mul_f64(n as f64 / device_count_f),
            stop_at,
            commands: commands.clone(),
        };
        tasks.push(tokio::spawn(checking_in.run()));
    }
    let mut mixed = Stats::default();
    for task in tasks {
        let stats = task
            .await
            .map_err(|e| format!("bench load: a task failed: {e}"))?;
        mixed.merge(stats);
    }
    let mixed = Measured {
        stats: mixed,
        elapsed: started.elapsed(),
    };

    // The person with the most devices, as the busiest list.
    let listed = people
        .iter()
        .max_by_key(|p| p.devices.len())
        .cloned()
        .ok_or("bench load: nobody to list devices for")?;
    let list_client = http_client(target, options.list_connections)?;
    let started = Instant::now();
    let stop_at = started + options.list_duration;
    let mut tasks = Vec::new();
    for n in 0..options.list_connections {
        let client = list_client.clone();
        let base_url = target.base_url(n).to_owned();
        let cookie = listed.cookie.clone();
        let budget = budget.clone();
        tasks.push(tokio::spawn(async move {
            let mut stats = Stats::default();
            while Instant::now() < stop_at && budget.take() {
                let request = client.get(format!("{base_url}{}", routes::DEVICES));
                timed(
                    &mut stats,
                    "GET /api/devices",
                    with_cookie(request, &cookie),
                )
                .await;
            }
            stats
        }));
    }
    let mut list = Stats::default();
    for task in tasks {
        list.merge(
            task.await
                .map_err(|e| format!("bench load: a task failed: {e}"))?,
        );
    }
    let list = Measured {
        stats: list,
        elapsed: started.elapsed(),
    };
    let load_after = super::load_average().unwrap_or_else(|| "?".into());
    Ok(Phases {
        mixed,
        list,
        devices: device_count,
        commands_answered: commands.load(Ordering::Relaxed),
        list_person_devices: listed.devices.len(),
        load: vec![load_before, load_after],
    })
}

/// HTTP/1.1 over TLS, trusting only the portal's certificate, never a
/// proxy, up to `connections` kept alive: as many connections as requests
/// at once, as browsers and wrk have them (HTTP/2 would put everything
/// on one).
fn http_client(target: &Target, connections: usize) -> Result<reqwest::Client, String> {
    let certificate = reqwest::Certificate::from_pem(&target.certificate)
        .map_err(|e| format!("bench load: the portal's certificate: {e}"))?;
    reqwest::Client::builder()
        .add_root_certificate(certificate)
        .tls_built_in_root_certs(false)
        .no_proxy()
        .http1_only()
        .pool_max_idle_per_host(connections)
        // The portal closes a kept-alive connection that sends nothing for
        // 10 s; reusing one just as it does fails the request (browsers
        // retry it, reqwest does not): let go of idle ones well before.
        .pool_idle_timeout(Duration::from_secs(5))
        .timeout(REQUEST_TIMEOUT)
        .build()
        .map_err(|e| format!("bench load: HTTP client: {e}"))
}

fn person_email(n: usize) -> String {
    format!("load-person-{n}@contoso.example")
}

/// Adds `count` people with `password` through the server's own command
/// (`portal-server user add`), as an administrator would.
fn add_people(
    server: &Path,
    database: &std::ffi::OsStr,
    password: &str,
    count: usize,
) -> Result<(), String> {
    for n in 0..count {
        let mut command = Command::new(server);
        command
            .args(["user", "add", "--database"])
            .arg(database)
            .args(["--email", &person_email(n)])
            .args(["--name", &format!("Load Person {n}")])
            .stdin(Stdio::piped())
            .stdout(Stdio::null());
        let shown = describe(&command);
        let mut child = command
            .spawn()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        if let Some(mut stdin) = child.stdin.take() {
            writeln!(stdin, "{password}").map_err(|e| format!("`{shown}`: {e}"))?;
        }
        let status = child.wait().map_err(|e| format!("`{shown}`: {e}"))?;
        if !status.success() {
            return Err(format!("`{shown}` failed ({status})"));
        }
    }
    eprintln!("xtask: bench load: {count} people added");
    Ok(())
}

/// The state-changing headers the portal's own pages send.
fn anti_forgery(request: reqwest::RequestBuilder, base_url: &str) -> reqwest::RequestBuilder {
    request
        .header(routes::ANTI_FORGERY_HEADER, routes::ANTI_FORGERY_VALUE)
        .header("origin", base_url)
}

fn with_cookie(request: reqwest::RequestBuilder, cookie: &str) -> reqwest::RequestBuilder {
    request.header("cookie", cookie)
}

async fn sign_in(
    client: &reqwest::Client,
    base_url: &str,
    email: &str,
    password: &str,
) -> Result<String, String> {
    let body = SignInRequest {
        email: email.to_owned(),
        password: password.to_owned(),
    };
    let response = anti_forgery(
        client.post(format!("{base_url}{}", routes::SESSION)),
        base_url,
    )
    .json(&body)
    .send()
    .await
    .map_err(|e| format!("signing in as {email}: {e}"))?;
    let status = response.status();
    let prefix = format!("{}=", routes::SESSION_COOKIE);
    let cookie = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&prefix))
        .and_then(|value| value.split(';').next())
        .map(str::to_owned);
    cookie.ok_or_else(|| format!("signing in as {email} answered {status} without a session"))
}

/// A request with the person's session; a JSON answer.
async fn call<T: serde::de::DeserializeOwned>(
    request: reqwest::RequestBuilder,
    what: &str,
) -> Result<T, String> {
    let response = request.send().await.map_err(|e| format!("{what}: {e}"))?;
    let status = response.status();
    let body = response.text().await.map_err(|e| format!("{what}: {e}"))?;
    if !status.is_success() {
        return Err(format!("{what} answered {status}: {body}"));
    }
    serde_json::from_str(&body).map_err(|e| format!("{what}: {e}: {body}"))
}

/// Enrolls `count` iPhones, spread over the people (at most
/// [`DEVICES_PER_PERSON`] each), each through its person's instance (the
/// device then checks in with that instance, as its profile names it), and
/// notes each person's device ids.
async fn enroll_devices(
    client: &reqwest::Client,
    people: &mut [Person],
    count: usize,
) -> Result<Vec<Device>, String> {
    let at_once = Arc::new(Semaphore::new(ENROLLING_AT_ONCE));
    let mut tasks = Vec::new();
    for (n, person) in people.iter().enumerate() {
        // Person n gets devices n, n + people, n + 2 × people, …
        let theirs = (n..count).step_by(people.len()).count();
        let client = client.clone();
        let base_url = person.base_url.clone();
        let cookie = person.cookie.clone();
        let at_once = at_once.clone();
        tasks.push(tokio::spawn(async move {
            let mut devices = Vec::new();
            for k in 0..theirs {
                let _permit = at_once
                    .acquire()
                    .await
                    .map_err(|e| format!("bench load: {e}"))?;
                let name = format!("Person {n}'s iPhone {}", k + 1);
                devices.push(enroll_device(&client, &base_url, &cookie, name).await?);
            }
            let list: DeviceList = call(
                with_cookie(
                    client.get(format!("{base_url}{}", routes::DEVICES)),
                    &cookie,
                ),
                routes::DEVICES,
            )
            .await?;
            let ids = list.devices.into_iter().map(|d| d.id.0).collect::<Vec<_>>();
            Ok::<_, String>((devices, ids))
        }));
    }
    let mut all = Vec::new();
    for (task, person) in tasks.into_iter().zip(people.iter_mut()) {
        let (devices, ids) = task
            .await
            .map_err(|e| format!("bench load: an enrollment failed: {e}"))??;
        all.extend(devices);
        person.devices = ids;
    }
    Ok(all)
}

/// One iPhone enrolled as the person's: the web enrollment, the profile,
/// SCEP, Authenticate, TokenUpdate, and the first check-in that answers
/// the server's first questions.
async fn enroll_device(
    client: &reqwest::Client,
    base_url: &str,
    cookie: &str,
    name: String,
) -> Result<Device, String> {
    let start = StartEnrollment {
        ownership: Ownership::Personal,
        device: DeviceKind::Iphone,
        os_version: Some(OsVersion::new(17, 4, 0)),
        enrollment_type: EnrollmentType::DeviceEnrollment,
    };
    let url = |path: &str| format!("{base_url}{path}");
    let enrollment: Enrollment = call(
        anti_forgery(
            with_cookie(client.post(url(routes::ENROLLMENTS)), cookie),
            base_url,
        )
        .json(&start),
        routes::ENROLLMENTS,
    )
    .await?;
    let path = routes::enrollment_profile(&enrollment.id.0);
    let link: ProfileDownload = call(
        anti_forgery(with_cookie(client.post(url(&path)), cookie), base_url),
        &path,
    )
    .await?;
    let mut facts = DeviceFacts::new(device_sim::DeviceKind::Iphone);
    facts.device_name = name.clone();
    let failed = |e: device_sim::SimError| format!("{name}: {e}");
    let profile = Profile::fetch_as(&url(&link.url), Some(cookie), true, &facts)
        .await
        .map_err(failed)?;
    let mut device = Device::new(facts, profile).insecure(true);
    device.enroll().await.map_err(failed)?;
    device.poll_once().await.map_err(failed)?;
    Ok(device)
}

/// Requests left to make, shared by every task.
struct Budget(AtomicU64);

impl Budget {
    /// Takes one request from the budget; false once it is spent.
    fn take(&self) -> bool {
        self.0
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(1)
            })
            .is_ok()
    }
}

/// One person's visits until `stop_at`.
struct Browsing {
    client: reqwest::Client,
    person: Person,
    connections: Arc<Semaphore>,
    budget: Arc<Budget>,
    think: Duration,
    start_after: Duration,
    stop_at: Instant,
}

impl Browsing {
    async fn run(self) -> Stats {
        let mut stats = Stats::default();
        sleep_until_or_stop(Instant::now() + self.start_after, self.stop_at).await;
        let mut visit = 0u64;
        'visits: while Instant::now() < self.stop_at {
            let device = (!self.person.devices.is_empty()).then(|| {
                let n = usize::try_from(visit).unwrap_or(0) % self.person.devices.len();
                self.person.devices[n].clone()
            });
            let mut requests = vec![("GET /api/devices", self.get(routes::DEVICES))];
            if let Some(id) = &device {
                requests.push(("GET /api/devices/{id}", self.get(&routes::device(id))));
            }
            requests.push(("GET /api/notifications", self.get(routes::NOTIFICATIONS)));
            if let Some(id) = &device {
                if visit % CHECK_STATUS_EVERY == CHECK_STATUS_EVERY - 1 {
                    let base_url = &self.person.base_url;
                    let url = format!("{base_url}{}", routes::device_check_status(id));
                    let request = anti_forgery(
                        with_cookie(self.client.post(url), &self.person.cookie),
                        base_url,
                    );
                    requests.push(("POST /api/devices/{id}/check-status", request));
                }
            }
            for (endpoint, request) in requests {
                if Instant::now() >= self.stop_at || !self.budget.take() {
                    break 'visits;
                }
                let Ok(_connection) = self.connections.acquire().await else {
                    break 'visits;
                };
                timed(&mut stats, endpoint, request).await;
            }
            visit += 1;
            sleep_until_or_stop(Instant::now() + self.think, self.stop_at).await;
        }
        stats
    }

    fn get(&self, path: &str) -> reqwest::RequestBuilder {
        with_cookie(
            self.client.get(format!("{}{path}", self.person.base_url)),
            &self.person.cookie,
        )
    }
}

/// One device's check-ins until `stop_at`.
struct CheckingIn {
    device: Device,
    budget: Arc<Budget>,
    interval: Duration,
    start_after: Duration,
    stop_at: Instant,
    commands: Arc<AtomicU64>,
}

impl CheckingIn {
    async fn run(mut self) -> Stats {
        let mut stats = Stats::default();
        let mut next = Instant::now() + self.start_after;
        loop {
            sleep_until_or_stop(next, self.stop_at).await;
            if Instant::now() >= self.stop_at || !self.budget.take() {
                return stats;
            }
            next += self.interval;
            let started = Instant::now();
            let outcome = self.device.poll_once().await;
            let endpoint = "PUT /mdm/connect (Idle, answers)";
            match outcome {
                Ok(outcome) => {
                    stats.record(endpoint, started.elapsed(), None);
                    self.commands
                        .fetch_add(outcome.commands.len() as u64, Ordering::Relaxed);
                }
                Err(e) => stats.record(endpoint, started.elapsed(), Some(e.to_string())),
            }
        }
    }
}

async fn sleep_until_or_stop(until: Instant, stop_at: Instant) {
    tokio::time::sleep_until(until.min(stop_at).into()).await;
}

/// Sends `request`, reads the whole answer, and records how long it took;
/// an answer other than 2xx is an error.
async fn timed(stats: &mut Stats, endpoint: &'static str, request: reqwest::RequestBuilder) {
    let started = Instant::now();
    let error = match request.send().await {
        Ok(response) => {
            let status = response.status();
            match response.bytes().await {
                Ok(_) if status.is_success() => None,
                Ok(body) => Some(format!(
                    "{status}: {}",
                    String::from_utf8_lossy(&body[..body.len().min(200)])
                )),
                Err(e) => Some(e.to_string()),
            }
        }
        Err(e) => Some(e.to_string()),
    };
    stats.record(endpoint, started.elapsed(), error);
}

/// Latencies and errors per endpoint.
#[derive(Debug, Default)]
struct Stats(BTreeMap<&'static str, Endpoint>);

#[derive(Debug, Default)]
struct Endpoint {
    /// Of every request, errors included, in microseconds.
    latencies: Vec<u32>,
    errors: u64,
    first_error: Option<String>,
}

impl Stats {
    fn record(&mut self, endpoint: &'static str, took: Duration, error: Option<String>) {
        let entry = self.0.entry(endpoint).or_default();
        entry
            .latencies
            .push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
        if let Some(error) = error {
            entry.errors += 1;
            entry.first_error.get_or_insert(error);
        }
    }

    fn merge(&mut self, other: Stats) {
        for (endpoint, theirs) in other.0 {
            let ours = self.0.entry(endpoint).or_default();
            ours.latencies.extend(theirs.latencies);
            ours.errors += theirs.errors;
            if ours.first_error.is_none() {
                ours.first_error = theirs.first_error;
            }
        }
    }
}

/// A phase's figures and how long it took.
struct Measured {
    stats: Stats,
    elapsed: Duration,
}

/// The `p`-quantile (0 < p ≤ 1) of sorted values, nearest rank.
fn percentile(sorted: &[u32], p: f64) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

fn milliseconds(micros: Option<u32>) -> String {
    micros.map_or_else(|| "–".into(), |us| format!("{:.1}", f64::from(us) / 1000.0))
}

fn print_table(measured: &Measured) {
    let seconds = measured.elapsed.as_secs_f64().max(f64::EPSILON);
    println!("| endpoint | requests | requests/s | p50 (ms) | p99 (ms) | errors |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut all = Vec::new();
    let mut errors = 0;
    let mut first_errors = Vec::new();
    for (endpoint, figures) in &measured.stats.0 {
        let mut sorted = figures.latencies.clone();
        sorted.sort_unstable();
        println!(
            "| `{endpoint}` | {} | {:.0} | {} | {} | {} |",
            sorted.len(),
            sorted.len() as f64 / seconds,
            milliseconds(percentile(&sorted, 0.5)),
            milliseconds(percentile(&sorted, 0.99)),
            figures.errors
        );
        all.extend(sorted);
        errors += figures.errors;
        if let Some(error) = &figures.first_error {
            first_errors.push(format!("{endpoint}: {error}"));
        }
    }
    all.sort_unstable();
    println!(
        "| total | {} | {:.0} | {} | {} | {errors} |",
        all.len(),
        all.len() as f64 / seconds,
        milliseconds(percentile(&all, 0.5)),
        milliseconds(percentile(&all, 0.99)),
    );
    for error in first_errors {
        println!();
        println!("First error of {error}");
    }
}

/// A process's memory as /proc/PID/status shows it (`123456 kB`).
struct Memory {
    peak: Option<String>,
    current: Option<String>,
}

fn memory_of(pid: u32) -> Memory {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .map(|value| value.trim().to_owned())
    };
    Memory {
        peak: field("VmHWM:"),
        current: field("VmRSS:"),
    }
}

/// Refuses to send load anywhere but this machine.
fn require_loopback(url: &str) -> Result<(), String> {
    let authority = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host),
    };
    let loopback = host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback {
        Ok(())
    } else {
        Err(format!(
            "bench load: {url} is not on this machine's loopback; the load generator sends \
             load only there"
        ))
    }
}

/// `<target>/bench-load/`: the portal's data and each process's output,
/// emptied first so each run starts from a fresh database.
struct LoadDirs {
    data: PathBuf,
    /// What the portal serves: nothing the load asks for.
    site: PathBuf,
    logs: PathBuf,
}

impl LoadDirs {
    fn fresh(root: &Path) -> Result<LoadDirs, String> {
        let dirs = LoadDirs {
            data: root.join("data"),
            site: root.join("site"),
            logs: root.join("logs"),
        };
        super::empty_dirs(&[&dirs.data, &dirs.site, &dirs.logs])?;
        let index = dirs.site.join("index.html");
        fs::write(&index, "<!doctype html><title>Company Portal</title>\n")
            .map_err(|e| format!("{}: {e}", index.display()))?;
        Ok(dirs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn options_default_and_from_flags() {
        assert_eq!(Options::parse(&[]).unwrap(), Options::default());
        let options = Options::parse(&args(&[
            "--duration",
            "300",
            "--devices",
            "1000",
            "--people",
            "200",
            "--connections",
            "128",
            "--max-requests",
            "10",
        ]))
        .unwrap();
        assert_eq!(options.duration, Duration::from_secs(300));
        assert_eq!(options.devices, 1000);
        assert_eq!(options.people, 200);
        assert_eq!(options.connections, 128);
        assert_eq!(options.max_requests, 10);
        assert!(!options.postgres);
        let shared = Options::parse(&args(&["--postgres", "--instances", "2"])).unwrap();
        assert!(shared.postgres);
        assert_eq!(shared.instances, 2);
    }

    #[test]
    fn options_refuse_what_cannot_run() {
        assert!(Options::parse(&args(&["--duration"])).is_err());
        assert!(Options::parse(&args(&["--duration", "0"])).is_err());
        assert!(Options::parse(&args(&["--people", "many"])).is_err());
        assert!(Options::parse(&args(&["--url", "http://example.com"])).is_err());
        let too_many = Options::parse(&args(&["--devices", "11", "--people", "2"]));
        assert!(too_many.unwrap_err().contains("at least 3 people"));
        let no_database = Options::parse(&args(&["--instances", "2"]));
        assert!(no_database.unwrap_err().contains("--postgres"));
    }

    #[test]
    fn only_loopback_is_loaded() {
        assert!(require_loopback("https://127.0.0.1:41234").is_ok());
        assert!(require_loopback("https://[::1]:8080/").is_ok());
        assert!(require_loopback("https://localhost:8080").is_ok());
        assert!(require_loopback("https://10.0.0.5:8080").is_err());
        assert!(require_loopback("https://portal.contoso.example").is_err());
        assert!(require_loopback("https://127.0.0.1.example.com:443").is_err());
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let values: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&values, 0.5), Some(50));
        assert_eq!(percentile(&values, 0.99), Some(99));
        assert_eq!(percentile(&[7], 0.99), Some(7));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn budget_stops_at_zero() {
        let budget = Budget(AtomicU64::new(2));
        assert!(budget.take());
        assert!(budget.take());
        assert!(!budget.take());
    }
}
