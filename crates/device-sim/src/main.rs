//! `device-sim`: a simulated iPhone/iPad that enrolls with an MDM server.
//!
//! Exit codes: 0 success, 2 the server refused `Authenticate`, 1 any other
//! error (a SCEP refusal included).

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use device_sim::apns::{Delivery, Gateway, GatewayOptions, PushConnection};
use device_sim::{
    Device, DeviceFacts, DeviceKind, FactsFile, Identity, Profile, RunOutcome, SimError,
};
use x509_cert::Certificate;

#[derive(Parser)]
#[command(
    name = "device-sim",
    version,
    about = "A simulated iPhone/iPad that speaks Apple's MDM enrollment protocol"
)]
struct Cli {
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// Install a profile: get an identity by SCEP (a new RSA key and a
    /// certificate from the server's CA), Authenticate, TokenUpdate, then
    /// answer commands. A user enrollment profile (ManagedAppleID: Apple's
    /// profile-based user enrollment, iOS 13.1 to 17) makes a user-enrolled
    /// device, keyed by a fresh EnrollmentID without device identifiers.
    ///
    /// With --state-dir DIR the identity is kept for others: DIR/key.pem
    /// (the private key, PKCS#8 PEM), DIR/cert.pem (its certificate, PEM) and
    /// DIR/facts.json (what the device said about itself), so a script can
    /// sign its own MDM messages as this device (Mdm-Signature: a detached
    /// CMS signature, SHA-256 with RSA). --identity-from DIR signs with such
    /// a kept identity instead of doing SCEP.
    Enroll(Box<EnrollArgs>),
    /// A stand-in APNs gateway: Apple's provider API for the portal
    /// (HTTP/2 over TLS, `POST /3/device/<token>`, the push certificate as
    /// client certificate) and device-sim's own endpoints for devices
    /// (`enroll --apns`). Logs each push and its answer; runs until Ctrl-C.
    Apns(ApnsArgs),
    /// Account-driven enrollment, as after signing in to a work account in
    /// Settings: user enrollment (mdm-byod, iOS 15+) or device enrollment
    /// (mdm-adde, iOS 17+), whichever discovery offers and --os-version
    /// supports. Discovery, the challenge, then the web sign-in (open the
    /// printed URL in a browser, finish, and paste the
    /// apple-remotemanagement-user-login:// address it ends on; or pass
    /// --token), the profile, SCEP, Authenticate and TokenUpdate (keyed by
    /// EnrollmentID under user enrollment, by UDID under device
    /// enrollment; the token on every request), then one poll.
    AccountEnroll(AccountEnrollArgs),
}

#[derive(clap::Args)]
struct AccountEnrollArgs {
    /// The work account typed in Settings, e.g. alex@contoso.example.
    #[arg(long)]
    account: String,
    /// Where the account's domain serves /.well-known/com.apple.remotemanagement
    /// (https://contoso.example; or the portal itself).
    #[arg(long, value_name = "URL")]
    well_known_base: String,
    /// iphone or ipad.
    #[arg(long, default_value = "iphone")]
    kind: DeviceKind,
    /// OSVersion (e.g. 17.4).
    #[arg(long)]
    os_version: Option<String>,
    /// The access token (or the sign-in's result address), instead of
    /// asking for it.
    #[arg(long)]
    token: Option<String>,
    /// Accept the server's certificate whatever it is (self-signed).
    #[arg(long)]
    insecure: bool,
}

#[derive(clap::Args)]
struct ApnsArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:2197")]
    listen: String,
    /// The CA (PEM) that issued the push certificates to accept; re-read
    /// when the file changes (it may appear later).
    #[arg(long, value_name = "PEM")]
    client_ca: std::path::PathBuf,
    /// Write the gateway's self-signed TLS certificate here (PEM): the
    /// portal's --apns-ca and the devices' --apns-ca.
    #[arg(long, value_name = "PEM")]
    tls_cert_out: std::path::PathBuf,
}

#[derive(clap::Args)]
struct EnrollArgs {
    /// The .mobileconfig: a file, or an https:// URL to download it from.
    #[arg(long)]
    profile: String,
    /// iphone or ipad.
    #[arg(long, default_value = "iphone")]
    kind: DeviceKind,
    /// ProductName, the model identifier (e.g. iPhone15,2 or iPad13,4).
    #[arg(long)]
    model: Option<String>,
    /// Model, the model number (e.g. MQ0G3LL/A).
    #[arg(long)]
    model_number: Option<String>,
    /// OSVersion (e.g. 17.4).
    #[arg(long)]
    os_version: Option<String>,
    /// BuildVersion (e.g. 21E219).
    #[arg(long)]
    build: Option<String>,
    /// DeviceName (e.g. "Alex's iPhone").
    #[arg(long)]
    name: Option<String>,
    /// SerialNumber (random by default).
    #[arg(long)]
    serial: Option<String>,
    /// UDID (random by default).
    #[arg(long)]
    udid: Option<String>,
    /// IMEI (iPhone; random by default).
    #[arg(long)]
    imei: Option<String>,
    /// Cookie header for downloading the profile with a browser's session ("name=value").
    #[arg(long)]
    cookie: Option<String>,
    /// Accept the server's certificate whatever it is (self-signed).
    #[arg(long)]
    insecure: bool,
    /// A PEM file of root certificates the device trusts: a signed profile
    /// whose chain reaches one shows as "Verified", else "Not Verified"
    /// (repeatable).
    #[arg(long = "trust-root", value_name = "PEM")]
    trust_roots: Vec<std::path::PathBuf>,
    /// Keep answering the server after enrolling, until Ctrl-C or
    /// unenrollment: when pushed with --apns, else by polling.
    #[arg(long)]
    stay: bool,
    /// The stand-in APNs gateway (`device-sim apns`), e.g.
    /// https://127.0.0.1:2197: the device takes its push token from it and
    /// connects only when pushed, as iOS does (no polling).
    #[arg(long, value_name = "URL", requires = "apns_ca")]
    apns: Option<String>,
    /// The gateway's TLS certificate (its --tls-cert-out).
    #[arg(long, value_name = "PEM", requires = "apns")]
    apns_ca: Option<std::path::PathBuf>,
    /// Do not poll at all after enrolling (by default the device polls once;
    /// with --apns it never polls).
    #[arg(long, conflicts_with = "stay")]
    no_poll: bool,
    /// The device has no passcode: SecurityInfo says so, and a DeviceLock
    /// message answers NoPasscodeSet.
    #[arg(long)]
    no_passcode: bool,
    /// Answer this request type with Error (a simulated failure, e.g.
    /// DeviceLock); repeatable.
    #[arg(long = "refuse", value_name = "REQUEST_TYPE")]
    refused_commands: Vec<String>,
    /// Start offline: enroll, then do not answer the server (see --facts-file).
    #[arg(long)]
    offline: bool,
    /// JSON facts re-read before every message (written with the current facts
    /// if missing); may hold only some keys, and "offline": true|false.
    #[arg(long)]
    facts_file: Option<std::path::PathBuf>,
    /// Wait this many seconds before Authenticate (enroll late).
    #[arg(long, default_value_t = 0.0)]
    delay: f64,
    /// Seconds between polls with --stay.
    #[arg(long, default_value_t = 5.0)]
    poll_interval: f64,
    /// Keep the identity here after SCEP: key.pem (PKCS#8 PEM), cert.pem and
    /// facts.json (the directory is created).
    #[arg(long)]
    state_dir: Option<std::path::PathBuf>,
    /// Sign with the identity kept in this state directory (key.pem and
    /// cert.pem, e.g. an older, replaced profile's) instead of doing SCEP,
    /// while using --profile's URLs.
    #[arg(long)]
    identity_from: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Commands::Enroll(args) => *args,
        Commands::AccountEnroll(args) => {
            return match account_enroll(args).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    println!("Error: {e}");
                    ExitCode::from(1)
                }
            };
        }
        Commands::Apns(args) => {
            return match run_gateway(args).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    println!("Error: {e}");
                    ExitCode::from(1)
                }
            };
        }
    };
    match enroll(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ SimError::Refused { .. }) => {
            println!("{e}");
            ExitCode::from(2)
        }
        Err(e) => {
            println!("Error: {e}");
            ExitCode::from(1)
        }
    }
}

async fn account_enroll(args: AccountEnrollArgs) -> Result<(), SimError> {
    let mut facts = DeviceFacts::new(args.kind);
    if let Some(version) = &args.os_version {
        facts.os_version = version.clone();
    }
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .danger_accept_invalid_certs(args.insecure)
        .build()?;
    let enrollment = device_sim::account_enrollment::AccountEnrollment::new(
        client,
        &args.well_known_base,
        &args.account,
        facts,
    )?;
    let token = args.token.clone();
    let (mut device, mode) = enrollment
        .run(|url| async move {
            if let Some(token) = token {
                return Ok(token);
            }
            println!("Sign in at: {url}");
            println!("Then paste the apple-remotemanagement-user-login:// address (or the token):");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            Ok(line.trim().to_owned())
        })
        .await?;
    match device.enrollment_id() {
        Some(enrollment_id) => println!("Enrolled by {mode} as EnrollmentID {enrollment_id}."),
        None => println!("Enrolled by {mode} as UDID {}.", device.facts().udid),
    }
    let outcome = device.poll_once().await?;
    for command in outcome.commands {
        println!("Command {}: {}", command.request_type, command.status);
    }
    Ok(())
}

/// The certificates in the `--trust-root` PEM files.
fn read_trust_roots(paths: &[std::path::PathBuf]) -> Result<Vec<Certificate>, SimError> {
    let mut roots = Vec::new();
    for path in paths {
        let pem = std::fs::read(path)?;
        let certificates = Certificate::load_pem_chain(&pem)
            .map_err(|e| SimError::TrustRoot(format!("{}: {e}", path.display())))?;
        if certificates.is_empty() {
            return Err(SimError::TrustRoot(format!(
                "{}: no certificate",
                path.display()
            )));
        }
        roots.extend(certificates);
    }
    Ok(roots)
}

fn facts_from(args: &EnrollArgs) -> DeviceFacts {
    let mut facts = DeviceFacts::new(args.kind);
    let set = |field: &mut String, value: &Option<String>| {
        if let Some(v) = value {
            *field = v.clone();
        }
    };
    set(&mut facts.product_name, &args.model);
    set(&mut facts.model, &args.model_number);
    set(&mut facts.os_version, &args.os_version);
    set(&mut facts.build_version, &args.build);
    set(&mut facts.device_name, &args.name);
    set(&mut facts.serial_number, &args.serial);
    set(&mut facts.udid, &args.udid);
    if args.imei.is_some() {
        facts.imei = args.imei.clone();
    }
    if args.no_passcode {
        facts.passcode_present = false;
    }
    facts.refused_commands = args.refused_commands.clone();
    facts
}

async fn enroll(args: EnrollArgs) -> Result<(), SimError> {
    let mut facts = facts_from(&args);
    let facts_file = args.facts_file.as_ref().map(FactsFile::new);
    if let Some(file) = &facts_file {
        if file.path().exists() {
            file.read_into(&mut facts)?;
        } else {
            file.write(&facts, args.offline)?;
            println!("Wrote facts to {}", file.path().display());
        }
    }

    let trust_roots = read_trust_roots(&args.trust_roots)?;
    println!("Loading profile from {}", args.profile);
    let profile =
        Profile::load(&args.profile, args.cookie.as_deref(), args.insecure, &facts).await?;
    if let Some(ct) = &profile.content_type {
        println!("Profile served as {ct}");
    }
    let verification = profile.verification(&trust_roots);
    match &profile.signer {
        Some(signer) => println!("{verification}: profile signed by {signer}"),
        None => println!("{verification}: profile not signed"),
    }
    if let Some(account) = &profile.mdm.managed_apple_id {
        // Apple's profile-based user enrollment: iOS asks the person to
        // sign in with this Managed Apple Account (Apple's side, not
        // simulated).
        println!("User enrollment profile for the Managed Apple Account {account}");
    }
    println!(
        "Profile {}: ServerURL {}, CheckInURL {}, Topic {}, SignMessage {}, SCEP {}",
        profile.identifier.as_deref().unwrap_or("(no identifier)"),
        profile.mdm.server_url,
        profile.mdm.check_in_url(),
        profile.mdm.topic,
        profile.mdm.sign_message,
        profile.scep.url,
    );

    let mut device = Device::new(facts, profile)
        .insecure(args.insecure)
        .no_passcode(args.no_passcode)
        .poll_interval(Duration::from_secs_f64(args.poll_interval.max(0.05)))
        .on_log(|line| println!("{line}"));
    device.set_offline(args.offline);
    if let Some(file) = facts_file {
        device = device.facts_file(file);
    }
    let pushed = match (&args.apns, &args.apns_ca) {
        (Some(url), Some(ca)) => {
            let connection = PushConnection::remote(url, &std::fs::read(ca)?)?;
            device = device.push_via(connection);
            true
        }
        _ => false,
    };
    if let Some(dir) = &args.identity_from {
        let identity = Identity::read_state_dir(dir)?;
        println!(
            "Signing with the identity kept in {} ({})",
            dir.display(),
            identity.certificate.tbs_certificate.subject
        );
        device = device.with_identity(identity);
    }

    if args.delay > 0.0 {
        println!("Waiting {} s before Authenticate", args.delay);
        tokio::time::sleep(Duration::from_secs_f64(args.delay)).await;
    }
    let enrolled = device.enroll().await;
    // Kept even when Authenticate was refused: the identity was issued.
    if let (Some(dir), Some(identity)) = (&args.state_dir, device.identity()) {
        identity.write_state_dir(dir, &device.facts())?;
        println!("Wrote the identity to {}", dir.display());
    }
    enrolled?;

    if args.stay {
        if pushed {
            println!("Staying enrolled; connecting when pushed (Ctrl-C to stop)");
        } else {
            println!(
                "Staying enrolled; polling every {} s (Ctrl-C to stop)",
                args.poll_interval
            );
        }
        let stop = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        match device.run_until(stop).await? {
            RunOutcome::Stopped => println!("Stopped"),
            RunOutcome::Unenrolled => println!("Unenrolled by the server"),
        }
    } else if pushed {
        println!("Not connecting until pushed; --stay keeps the device listening");
    } else if !args.no_poll {
        let outcome = device.poll_once().await?;
        if outcome.skipped_offline {
            println!("Offline: not polling");
        } else if outcome.commands.is_empty() {
            println!("No commands");
        }
        if outcome.unenrolled {
            println!("Unenrolled by the server");
        }
    }
    Ok(())
}

/// `device-sim apns`: serves until Ctrl-C, re-reading the client CA when
/// its file changes, logging each push.
async fn run_gateway(args: ApnsArgs) -> Result<(), Box<dyn std::error::Error>> {
    let read_ca = |path: &std::path::Path| {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let pem = std::fs::read_to_string(path).ok();
        (modified, pem)
    };
    let (mut seen, pem) = read_ca(&args.client_ca);
    let gateway = Gateway::start(GatewayOptions {
        listen: args.listen.clone(),
        client_ca_pem: None,
    })
    .await?;
    if let Some(pem) = pem {
        gateway.set_client_ca(&pem)?;
    } else {
        println!(
            "No client CA at {} yet: pushes are refused until it appears",
            args.client_ca.display()
        );
    }
    std::fs::write(&args.tls_cert_out, gateway.certificate_pem())?;
    println!("APNs gateway listening on {}", gateway.url());
    let _ = std::io::Write::flush(&mut std::io::stdout());
    let mut logged = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => break,
            _ = tick.tick() => {}
        }
        let (modified, pem) = read_ca(&args.client_ca);
        if modified != seen {
            seen = modified;
            if let Some(pem) = pem {
                match gateway.set_client_ca(&pem) {
                    Ok(()) => println!("Client CA loaded from {}", args.client_ca.display()),
                    Err(e) => println!("Client CA not loaded: {e}"),
                }
            }
        }
        let pushes = gateway.pushes();
        for push in &pushes[logged..] {
            println!(
                "Push to {} (topic {}, {}): {} {}{}",
                push.token,
                push.topic.as_deref().unwrap_or("none"),
                push.http_version,
                push.status,
                push.reason.as_deref().unwrap_or("OK"),
                match push.delivery {
                    Delivery::Woke => ", device woken",
                    Delivery::Ignored => ", ignored by the device (not its PushMagic)",
                    Delivery::NotDelivered => "",
                }
            );
        }
        logged = pushes.len();
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }
    println!("Stopped");
    Ok(())
}
