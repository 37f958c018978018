//! `portal-server`: the command line. Everything it runs lives in the library.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use portal_api::{EmailAddress, EnrollmentProfileType, NewPassword};
use portal_server::config::ConnectionLimits;
use portal_server::demo::{self, DEMO_USERS};
use portal_server::enrollment::type_profiles;
use portal_server::organization::{self, OrganizationChanges};
use portal_server::push::apns;
use portal_server::push::certificate::{self as push_certificate, PushFiles};
use portal_server::server::{self, ProfileSigning, ServeOptions, Transport};
use portal_server::storage::{DatabaseLocation, OpenStorage};
use portal_server::{users, Clock, PublicUrl, Storage, SystemClock};
use tracing_subscriber::EnvFilter;

#[derive(Debug, Parser)]
#[command(
    name = "portal-server",
    version,
    about = "The Company Portal's web server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the Company Portal.
    Serve(ServeArgs),
    /// Set up the Contoso demo organization and users, then serve.
    Demo(DemoArgs),
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Change or show the organization's settings.
    Organization {
        #[command(subcommand)]
        command: OrganizationCommand,
    },
    /// Check a SQLite database file for damage (SQLite's integrity check
    /// of every page, index and constraint): prints "ok", or what is wrong
    /// and fails.
    CheckDatabase {
        #[arg(long, value_name = "PATH", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// The organization's MDM push certificate (Apple's push service wakes
    /// enrolled devices with it): request, install, show.
    PushCert {
        #[command(subcommand)]
        command: PushCertCommand,
    },
    /// Enrollment type profiles: which enrollment people are offered (web
    /// device enrollment, account-driven user enrollment, or their choice),
    /// assigned to groups or to all users; 1 is the highest priority.
    EnrollmentProfile {
        #[command(subcommand)]
        command: EnrollmentProfileCommand,
    },
    /// The portal's own groups of users (the identity provider's groups
    /// can be assigned profiles too, by name).
    Group {
        #[command(subcommand)]
        command: GroupCommand,
    },
}

#[derive(Debug, Subcommand)]
enum EnrollmentProfileCommand {
    /// Add a profile, assigned to nobody yet.
    Add {
        #[arg(value_name = "NAME")]
        name: String,
        /// web_device_enrollment, account_driven_user_enrollment or
        /// user_choice.
        #[arg(long = "type", value_name = "TYPE", value_parser = parse_profile_type)]
        profile_type: EnrollmentProfileType,
        /// 1 is the highest; of the profiles that apply to a person, the
        /// highest priority wins.
        #[arg(long, value_name = "N")]
        priority: u32,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// List the profiles, highest priority first (JSON).
    List {
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// Assign a profile to a group (local or the identity provider's) or
    /// to all users; with --unassign, take the assignment back.
    #[command(group(clap::ArgGroup::new("to").required(true).args(["group", "all_users"])))]
    Assign {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        #[arg(long)]
        all_users: bool,
        #[arg(long)]
        unassign: bool,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// Change a profile's priority (1 is the highest).
    Priority {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(value_name = "N")]
        priority: u32,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// Remove a profile.
    Remove {
        #[arg(value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
}

#[derive(Debug, Subcommand)]
enum GroupCommand {
    /// Create a group (if new) and add users to it.
    Add {
        #[arg(value_name = "GROUP")]
        name: String,
        /// A user's email (repeatable).
        #[arg(long = "member", value_name = "EMAIL")]
        members: Vec<String>,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// Take a user out of a group.
    RemoveMember {
        #[arg(value_name = "GROUP")]
        name: String,
        #[arg(long = "member", value_name = "EMAIL")]
        member: String,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// Show a group's members (JSON).
    Members {
        #[arg(value_name = "GROUP")]
        name: String,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
}

#[derive(Debug, Subcommand)]
enum PushCertCommand {
    /// Make the push key and a certificate signing request to send to an
    /// MDM vendor for signing.
    Request {
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
        /// Make a new key even though an installed certificate uses the
        /// current one (that certificate stops working).
        #[arg(long)]
        force: bool,
    },
    /// Install the push certificate downloaded from Apple (PEM).
    Install {
        /// The certificate file from Apple's Push Certificates Portal (PEM;
        /// convert a .cer with `openssl x509 -inform der -in F.cer -out F.pem`).
        #[arg(value_name = "CERT.pem")]
        certificate: PathBuf,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
        /// Install even though the topic differs from the installed
        /// certificate's (every enrolled device must enroll again).
        #[arg(long)]
        force: bool,
    },
    /// Show the installed certificate: topic, expiry, devices using it.
    Show {
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: String,
    /// The SQLite database file (created, with its folder, if missing), or
    /// a PostgreSQL database's URL (postgres://user:password@host/name; the
    /// database must exist). With PostgreSQL the portal's own files (TLS,
    /// CA and push certificates) are kept in data/.
    #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
    database: DatabaseLocation,
    /// The SPA built by Trunk.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    static_dir: PathBuf,
    /// Where people reach the portal [default: https://<listening address>].
    #[arg(long, value_name = "URL")]
    public_url: Option<PublicUrl>,
    /// TLS certificate chain (PEM). Without one, a self-signed certificate is
    /// made and kept beside the database.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Serve plain HTTP, behind a proxy that terminates TLS (cookies stay
    /// Secure).
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    plain_http: bool,
    /// The certificate chain (PEM, the signing certificate first) that signs
    /// enrollment profiles [default: the TLS certificate]. Settings shows a
    /// profile as Verified when this chain reaches a root the device trusts.
    #[arg(long, value_name = "PEM", requires = "profile_signing_key")]
    profile_signing_cert: Option<PathBuf>,
    /// The profile-signing private key (PEM).
    #[arg(long, value_name = "PEM", requires = "profile_signing_cert")]
    profile_signing_key: Option<PathBuf>,
    /// A proxy in front of the portal (an address or CIDR range, repeatable):
    /// only from these peers is `X-Forwarded-For` taken as the client's
    /// address (sign-in throttling counts per client address).
    #[arg(long = "trusted-proxy", value_name = "CIDR", value_parser = parse_trusted_proxy)]
    trusted_proxies: Vec<ipnet::IpNet>,
    #[command(flatten)]
    apns: ApnsArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

/// What one connection or session may cost the server.
#[derive(Debug, Args)]
struct LimitArgs {
    /// How long a client may take to send a request's header (and, on a
    /// kept-alive HTTP/1.1 connection, to start the next request): `10s`.
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = demo::parse_duration)]
    header_read_timeout: std::time::Duration,
    /// A connection on which nothing moves either way for this long is
    /// closed: `60s`.
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = demo::parse_duration)]
    idle_timeout: std::time::Duration,
    /// How long a request's body may take to arrive and the request to be
    /// answered (event streams go on): `30s`.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = demo::parse_duration)]
    request_timeout: std::time::Duration,
    /// Connections open at once, at most; more are closed at once.
    #[arg(long, value_name = "N", default_value_t = portal_server::config::MAX_CONNECTIONS, value_parser = clap::value_parser!(usize))]
    max_connections: usize,
    /// Event streams (live updates of a device or an enrollment) one
    /// session may have open at once; more are refused.
    #[arg(long, value_name = "N", default_value_t = portal_server::config::EVENT_STREAMS_PER_SESSION)]
    event_streams_per_session: usize,
}

impl LimitArgs {
    fn limits(&self) -> ConnectionLimits {
        ConnectionLimits {
            header_read_timeout: self.header_read_timeout,
            idle_timeout: self.idle_timeout,
            request_timeout: self.request_timeout,
            max_connections: self.max_connections.max(1),
        }
    }
}

/// Where pushes that wake devices go.
#[derive(Debug, Args)]
struct ApnsArgs {
    /// The APNs gateway.
    #[arg(long, value_name = "URL", default_value = apns::PRODUCTION_URL, conflicts_with = "apns_sandbox")]
    apns_url: String,
    /// Use Apple's development gateway (https://api.sandbox.push.apple.com).
    #[arg(long)]
    apns_sandbox: bool,
    /// An extra trusted root (PEM) for the gateway's TLS certificate (a
    /// test gateway such as `device-sim apns`).
    #[arg(long, value_name = "PEM")]
    apns_ca: Option<PathBuf>,
}

impl ApnsArgs {
    fn options(&self) -> anyhow::Result<apns::ApnsOptions> {
        let extra_root_pem = match &self.apns_ca {
            Some(path) => {
                Some(std::fs::read(path).with_context(|| format!("reading {}", path.display()))?)
            }
            None => None,
        };
        Ok(apns::ApnsOptions {
            url: if self.apns_sandbox {
                apns::SANDBOX_URL.to_owned()
            } else {
                self.apns_url.clone()
            },
            extra_root_pem,
        })
    }
}

#[derive(Debug, Args)]
struct DemoArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// The demo users' password [default: a new random one, printed].
    #[arg(long, value_name = "PW")]
    demo_password: Option<String>,
    /// How long a downloaded profile waits to be installed: `480` (seconds),
    /// `10s`, `2m`. Real devices delete it after 8 minutes.
    #[arg(long, value_name = "DURATION", default_value = "480", value_parser = demo::parse_duration)]
    install_window: std::time::Duration,
    /// How long a status check waits for the device's answer before it
    /// shows as timed out: `120` (seconds), `30s`, `2m`.
    #[arg(long, value_name = "DURATION", default_value = "120", value_parser = demo::parse_duration)]
    check_status_timeout: std::time::Duration,
    /// How long a removal waits for the device to acknowledge before the
    /// portal forgets it anyway: `168h` (7 days), `10m`.
    #[arg(long, value_name = "DURATION", default_value = "168h", value_parser = demo::parse_duration)]
    remove_timeout: std::time::Duration,
    /// How many enrolled devices each demo user may have.
    #[arg(long, value_name = "N", default_value_t = demo::DEFAULT_DEVICE_LIMIT)]
    device_limit: u32,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a user, or set an existing user's name and password. The password
    /// is read from standard input (one line).
    Add(UserAddArgs),
    /// Set the Managed Apple Account a user signs in with on their device
    /// for account-driven enrollment [default: their work email].
    #[command(group(clap::ArgGroup::new("value").required(true).args(["account", "clear"])))]
    ManagedAppleAccount {
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
        #[arg(long, value_name = "E")]
        email: String,
        /// e.g. alex@contoso.appleaccount.example
        #[arg(long, value_name = "ACCOUNT")]
        account: Option<String>,
        /// Back to the work email.
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Args)]
struct UserAddArgs {
    #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
    database: DatabaseLocation,
    #[arg(long, value_name = "E")]
    email: String,
    /// The name shown in the portal, e.g. "Alex Wilber".
    #[arg(long, value_name = "NAME")]
    name: String,
    /// Creates the organization with this name if the portal has none yet.
    #[arg(long, value_name = "NAME")]
    organization: Option<String>,
}

#[derive(Debug, Subcommand)]
enum OrganizationCommand {
    /// Change the organization's privacy messages, managed web clip, legacy
    /// user enrollment or sign-in; settings not given stay as they are.
    Set(OrganizationSetArgs),
    /// Print the organization's settings as the portal shows them (JSON).
    Show {
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
    /// Read each person's Managed Apple Account from this claim of the
    /// identity provider at sign-in (or with --none, stop).
    #[command(group(clap::ArgGroup::new("value").required(true).args(["claim", "none"])))]
    ManagedAppleAccountClaim {
        #[arg(value_name = "CLAIM")]
        claim: Option<String>,
        #[arg(long)]
        none: bool,
        #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
        database: DatabaseLocation,
    },
}

#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("changes")
        .required(true)
        .multiple(true)
        .args(["privacy_message_personal", "privacy_message_corporate", "managed_web_clip",
               "oidc_issuer", "oidc_groups_claim", "local_accounts", "no_oidc",
               "legacy_user_enrollment"])
))]
struct OrganizationSetArgs {
    #[arg(long, value_name = "PATH|URL", default_value = "data/portal.db")]
    database: DatabaseLocation,
    /// The organization's own words on the privacy screen for a personal
    /// device (shown with the portal's lists); "" removes it.
    #[arg(long, value_name = "TEXT")]
    privacy_message_personal: Option<String>,
    /// The same for a device the organization owns; "" removes it.
    #[arg(long, value_name = "TEXT")]
    privacy_message_corporate: Option<String>,
    /// Put the portal on the Home Screen of each device that enrolls (an
    /// MDM-installed web clip): on or off.
    #[arg(long, value_name = "on|off", value_parser = clap::builder::BoolishValueParser::new())]
    managed_web_clip: Option<bool>,
    /// Sign in with the organization's identity provider (OpenID Connect):
    /// its issuer URL, https:// (http:// only on 127.0.0.1 or localhost).
    /// Register `<public URL>/api/sign-in/oidc/callback` as redirect URI.
    #[arg(long, value_name = "URL", requires_all = ["oidc_client_id", "oidc_client_secret_file"])]
    oidc_issuer: Option<String>,
    /// The portal's client ID at the provider.
    #[arg(long, value_name = "ID", requires = "oidc_issuer")]
    oidc_client_id: Option<String>,
    /// A file holding the client secret (kept in the database, never shown).
    #[arg(long, value_name = "PATH", requires = "oidc_issuer")]
    oidc_client_secret_file: Option<PathBuf>,
    /// The claim that lists the user's groups [default: groups].
    #[arg(long, value_name = "NAME")]
    oidc_groups_claim: Option<String>,
    /// Stop signing in with the identity provider.
    #[arg(long, conflicts_with = "oidc_issuer")]
    no_oidc: bool,
    /// Email and password accounts kept by the portal (the demo,
    /// break-glass): on or off.
    #[arg(long, value_name = "on|off", value_parser = clap::builder::BoolishValueParser::new())]
    local_accounts: Option<bool>,
    /// Offer "only work apps and data" as a profile download too (Apple's
    /// profile-based user enrollment, iOS/iPadOS 13.1 to 17; Apple removed
    /// it in 18), to people who may choose it: on or off [default: off].
    #[arg(long, value_name = "on|off", value_parser = clap::builder::BoolishValueParser::new())]
    legacy_user_enrollment: Option<bool>,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();

    let result = match Cli::parse().command {
        Command::Serve(args) => match open_storage(&args.database).await {
            Ok(storage) => serve(args, storage, |_| {}).await,
            Err(error) => Err(error),
        },
        Command::Demo(args) => demo(args).await,
        Command::User {
            command: UserCommand::Add(args),
        } => add_user(args).await,
        Command::Organization {
            command: OrganizationCommand::Set(args),
        } => set_organization(args).await,
        Command::Organization {
            command: OrganizationCommand::Show { database },
        } => show_organization(&database).await,
        Command::User {
            command:
                UserCommand::ManagedAppleAccount {
                    database,
                    email,
                    account,
                    clear: _,
                },
        } => set_managed_apple_account(&database, &email, account.as_deref()).await,
        Command::Organization {
            command:
                OrganizationCommand::ManagedAppleAccountClaim {
                    claim,
                    none: _,
                    database,
                },
        } => set_managed_apple_account_claim(&database, claim.as_deref()).await,
        Command::CheckDatabase { database } => check_database(&database).await,
        Command::PushCert { command } => push_cert(command).await,
        Command::EnrollmentProfile { command } => enrollment_profile(command).await,
        Command::Group { command } => group(command).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Error: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

async fn check_database(database: &DatabaseLocation) -> anyhow::Result<()> {
    let storage = open_storage(database).await?;
    let OpenStorage::Sqlite(sqlite) = &storage else {
        anyhow::bail!(
            "check-database checks SQLite files; PostgreSQL checks its own (see `amcheck` and \
             `pg_dump` in its documentation)"
        );
    };
    let problems = sqlite.integrity_problems().await?;
    storage.close().await;
    if problems.is_empty() {
        println!("ok");
        return Ok(());
    }
    for problem in &problems {
        println!("{problem}");
    }
    anyhow::bail!("{database} is damaged: {} problems (above)", problems.len())
}

/// The error and its causes on one line, without backtrace, each cause once
/// (many errors already include their cause in their own message).
fn one_line(error: &anyhow::Error) -> String {
    let mut line = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}

async fn demo(args: DemoArgs) -> anyhow::Result<()> {
    let password = match &args.demo_password {
        Some(password) => NewPassword::parse(password).context("--demo-password")?,
        None => demo::random_password().context("making a demo password")?,
    };
    let storage = open_storage(&args.serve.database).await?;
    let limits = demo::DemoLimits {
        install_window: args.install_window,
        check_status_timeout: args.check_status_timeout,
        remove_timeout: args.remove_timeout,
        device_limit: args.device_limit,
    };
    demo::seed_with_limits(storage.as_ref(), &SystemClock, &password, limits)
        .await
        .context("setting up the demo")?;
    let push = push_certificate::set_up_demo(
        &PushFiles::beside(&args.serve.database.files_beside()),
        SystemClock.now(),
    )
    .context("setting up the demo's push certificate")?;
    serve(args.serve, storage, |_| {
        for user in DEMO_USERS {
            println!("Demo user: {} ({})", user.email, user.display_name);
        }
        println!("Demo password: {}", password.expose());
        println!("Demo push topic: {}", push.certificate.topic);
        println!(
            "Demo push CA (the stand-in APNs gateway's client CA): {}",
            push.ca_certificate.display()
        );
    })
    .await
}

/// Serves until a shutdown signal. Prints the one line the end-to-end tests
/// wait for, then whatever `after_listening` adds.
async fn serve(
    args: ServeArgs,
    storage: OpenStorage,
    after_listening: impl FnOnce(&PublicUrl),
) -> anyhow::Result<()> {
    let transport = match (args.plain_http, args.tls_cert, args.tls_key) {
        (true, _, _) => Transport::PlainHttp,
        (false, Some(cert), Some(key)) => Transport::Tls { cert, key },
        _ => Transport::SelfSignedTls,
    };
    let profile_signing = match (args.profile_signing_cert, args.profile_signing_key) {
        (Some(cert), Some(key)) => Some(ProfileSigning { cert, key }),
        _ => None,
    };
    let options = ServeOptions {
        apns: args.apns.options()?,
        profile_signing,
        listen: args.listen,
        database: args.database.files_beside(),
        static_dir: args.static_dir,
        public_url: args.public_url,
        transport,
        trusted_proxies: args.trusted_proxies,
        limits: args.limits.limits(),
        event_streams_per_session: args.limits.event_streams_per_session.max(1),
        shared_database: match &storage {
            OpenStorage::Sqlite(_) => None,
            OpenStorage::Postgres(postgres) => Some(postgres.pool().clone()),
        },
    };
    let result = server::serve(options, storage.shared(), |url| {
        println!("Company Portal is listening on {url}");
        after_listening(url);
        // The tests read stdout through a pipe: don't leave lines buffered.
        let _ = std::io::stdout().flush();
    })
    .await;
    storage.close().await;
    Ok(result?)
}

async fn add_user(args: UserAddArgs) -> anyhow::Result<()> {
    let email = EmailAddress::parse(&args.email).context("--email")?;
    let password = read_password_from_stdin()?;
    let storage = open_storage(&args.database).await?;
    let saved = users::add_user(
        storage.as_ref(),
        &SystemClock,
        args.organization.as_deref(),
        &email,
        &args.name,
        &password,
    )
    .await;
    storage.close().await;
    let saved = saved?;
    println!(
        "Saved {email} ({}) in {}. They can sign in now.",
        args.name.trim(),
        saved.organization
    );
    Ok(())
}

async fn set_organization(args: OrganizationSetArgs) -> anyhow::Result<()> {
    let oidc = match (
        &args.oidc_issuer,
        &args.oidc_client_id,
        &args.oidc_client_secret_file,
    ) {
        (Some(issuer), Some(client_id), Some(secret_file)) => {
            let secret = std::fs::read_to_string(secret_file)
                .with_context(|| format!("reading {}", secret_file.display()))?;
            Some(Some(organization::OidcChanges {
                issuer: issuer.clone(),
                client_id: client_id.clone(),
                client_secret: secret.trim().to_owned(),
            }))
        }
        _ if args.no_oidc => Some(None),
        _ => None,
    };
    let changes = OrganizationChanges {
        privacy_message_personal: args.privacy_message_personal,
        privacy_message_corporate: args.privacy_message_corporate,
        managed_web_clip: args.managed_web_clip,
        oidc,
        oidc_groups_claim: args.oidc_groups_claim,
        local_accounts: args.local_accounts,
        legacy_user_enrollment: args.legacy_user_enrollment,
    };
    let storage = open_storage(&args.database).await?;
    let saved = organization::change_organization(storage.as_ref(), &SystemClock, &changes).await;
    storage.close().await;
    let saved = saved?;
    println!("Saved the settings of {}.", saved.organization.name);
    print_json(&saved)
}

async fn show_organization(database: &DatabaseLocation) -> anyhow::Result<()> {
    let storage = open_storage(database).await?;
    let current = organization::current_organization(storage.as_ref()).await;
    let push_problem = storage.push_problem().await;
    storage.close().await;
    print_json(&current?)?;
    // The push certificate lives beside the database, not in the settings.
    match push_certificate::load(&PushFiles::beside(&database.files_beside())) {
        Ok(Some(certificate)) => {
            if let Some(warning) = push_certificate::expiry_warning(&certificate, SystemClock.now())
            {
                eprintln!("Warning: {warning}");
            }
        }
        Ok(None) => eprintln!(
            "Warning: no MDM push certificate is installed, so nobody can enroll a device: \
             see `portal-server push-cert request`"
        ),
        Err(error) => eprintln!("Warning: the MDM push certificate: {error}"),
    }
    // After the JSON, on standard error: scripts keep reading the JSON.
    if let Some(problem) = push_problem? {
        let since = time::OffsetDateTime::from_unix_timestamp(problem.since)
            .ok()
            .and_then(|at| {
                at.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_else(|| problem.since.to_string());
        eprintln!("Push problem since {since}: {}", problem.message);
    }
    Ok(())
}

async fn push_cert(command: PushCertCommand) -> anyhow::Result<()> {
    match command {
        PushCertCommand::Request { database, force } => {
            let files = PushFiles::beside(&database.files_beside());
            push_certificate::request(&files, force)?;
            println!("{}", push_certificate::request_instructions(&files));
            Ok(())
        }
        PushCertCommand::Install {
            certificate,
            database,
            force,
        } => {
            let pem = std::fs::read_to_string(&certificate)
                .with_context(|| format!("reading {}", certificate.display()))?;
            let files = PushFiles::beside(&database.files_beside());
            let installed = push_certificate::install(&files, &pem, force, SystemClock.now())?;
            let certificate = &installed.certificate;
            println!("Installed the MDM push certificate.");
            println!("Topic: {}", certificate.topic);
            println!("Expires: {}", push_certificate::date(certificate.not_after));
            if let Some(old) = installed
                .replaced_topic
                .filter(|old| *old != certificate.topic)
            {
                println!(
                    "The topic changed from {old}: devices enrolled before must enroll again."
                );
            }
            if let Some(warning) = push_certificate::expiry_warning(certificate, SystemClock.now())
            {
                println!("Warning: {warning}");
            }
            println!("Restart the portal to use it.");
            Ok(())
        }
        PushCertCommand::Show { database } => {
            let files = PushFiles::beside(&database.files_beside());
            let Some(certificate) = push_certificate::load(&files)? else {
                bail!(
                    "no MDM push certificate is installed ({}): run `portal-server push-cert \
                     request` to start",
                    files.certificate.display()
                );
            };
            let storage = open_storage(&database).await?;
            let devices = storage.device_count_with_topic(&certificate.topic).await;
            storage.close().await;
            println!("Topic: {}", certificate.topic);
            println!("Expires: {}", push_certificate::date(certificate.not_after));
            println!("Enrolled devices using it: {}", devices?);
            match push_certificate::expiry(certificate.not_after, SystemClock.now()) {
                push_certificate::Expiry::Expired => bail!(
                    "{}",
                    push_certificate::expiry_warning(&certificate, SystemClock.now())
                        .unwrap_or_default()
                ),
                _ => {
                    if let Some(warning) =
                        push_certificate::expiry_warning(&certificate, SystemClock.now())
                    {
                        println!("Warning: {warning}");
                    }
                }
            }
            Ok(())
        }
    }
}

async fn set_managed_apple_account(
    database: &DatabaseLocation,
    email: &str,
    account: Option<&str>,
) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email).context("--email")?;
    let storage = open_storage(database).await?;
    let saved = users::set_managed_apple_account(storage.as_ref(), &email, account).await;
    storage.close().await;
    println!("{email} enrolls with the Managed Apple Account {}.", saved?);
    Ok(())
}

async fn set_managed_apple_account_claim(
    database: &DatabaseLocation,
    claim: Option<&str>,
) -> anyhow::Result<()> {
    let claim = claim.map(str::trim);
    if claim.is_some_and(|claim| claim.is_empty() || claim.chars().any(char::is_control)) {
        bail!("name the claim, e.g. `managed_apple_account`");
    }
    let storage = open_storage(database).await?;
    let saved = storage.set_managed_apple_account_claim(claim).await;
    storage.close().await;
    saved?;
    match claim {
        Some(claim) => println!("Managed Apple Accounts now come from the claim {claim:?}."),
        None => println!("Managed Apple Accounts no longer come from the identity provider."),
    }
    Ok(())
}

async fn enrollment_profile(command: EnrollmentProfileCommand) -> anyhow::Result<()> {
    let storage = match &command {
        EnrollmentProfileCommand::Add { database, .. }
        | EnrollmentProfileCommand::List { database }
        | EnrollmentProfileCommand::Assign { database, .. }
        | EnrollmentProfileCommand::Priority { database, .. }
        | EnrollmentProfileCommand::Remove { database, .. } => open_storage(database).await?,
    };
    let done = run_enrollment_profile(storage.as_ref(), command).await;
    storage.close().await;
    done
}

async fn run_enrollment_profile(
    storage: &dyn Storage,
    command: EnrollmentProfileCommand,
) -> anyhow::Result<()> {
    match command {
        EnrollmentProfileCommand::Add {
            name,
            profile_type,
            priority,
            ..
        } => {
            let profile =
                type_profiles::add_profile(storage, &SystemClock, &name, profile_type, priority)
                    .await?;
            println!(
                "Added the enrollment profile {:?}; assign it with `enrollment-profile assign`.",
                profile.name
            );
            print_any_json(&profile)
        }
        EnrollmentProfileCommand::List { .. } => {
            print_any_json(&storage.enrollment_type_profiles().await?)
        }
        EnrollmentProfileCommand::Assign {
            name,
            group,
            all_users: _,
            unassign,
            ..
        } => {
            let assignment = match group {
                Some(group) => type_profiles::Assignment::Group(group),
                None => type_profiles::Assignment::AllUsers,
            };
            let profile =
                type_profiles::assign_profile(storage, &SystemClock, &name, &assignment, !unassign)
                    .await?;
            print_any_json(&profile)
        }
        EnrollmentProfileCommand::Priority { name, priority, .. } => {
            let profile =
                type_profiles::set_priority(storage, &SystemClock, &name, priority).await?;
            print_any_json(&profile)
        }
        EnrollmentProfileCommand::Remove { name, .. } => {
            type_profiles::remove_profile(storage, &name).await?;
            println!("Removed the enrollment profile {:?}.", name.trim());
            Ok(())
        }
    }
}

async fn group(command: GroupCommand) -> anyhow::Result<()> {
    let storage = match &command {
        GroupCommand::Add { database, .. }
        | GroupCommand::RemoveMember { database, .. }
        | GroupCommand::Members { database, .. } => open_storage(database).await?,
    };
    let done = run_group(storage.as_ref(), command).await;
    storage.close().await;
    done
}

async fn run_group(storage: &dyn Storage, command: GroupCommand) -> anyhow::Result<()> {
    let group = match command {
        GroupCommand::Add { name, members, .. } => {
            let members = members
                .iter()
                .map(|email| EmailAddress::parse(email).context("--member"))
                .collect::<anyhow::Result<Vec<_>>>()?;
            type_profiles::add_group_members(storage, &SystemClock, &name, &members).await?
        }
        GroupCommand::RemoveMember { name, member, .. } => {
            let member = EmailAddress::parse(&member).context("--member")?;
            type_profiles::remove_group_member(storage, &name, &member).await?
        }
        GroupCommand::Members { name, .. } => type_profiles::group_named(storage, &name).await?,
    };
    print_any_json(&group)
}

fn parse_profile_type(value: &str) -> Result<EnrollmentProfileType, String> {
    EnrollmentProfileType::parse(value.trim()).ok_or_else(|| {
        let names: Vec<&str> = EnrollmentProfileType::ALL
            .iter()
            .map(|kind| kind.as_str())
            .collect();
        format!("{value:?} is not one of {}", names.join(", "))
    })
}

fn print_any_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).context("writing JSON")?
    );
    Ok(())
}

fn parse_trusted_proxy(value: &str) -> Result<ipnet::IpNet, String> {
    value
        .parse::<ipnet::IpNet>()
        .or_else(|_| value.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{value:?} is not an IP address or CIDR range (e.g. 10.0.0.0/8)"))
}

fn print_json(organization: &organization::OrganizationView) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(organization).context("writing the settings")?;
    println!("{json}");
    Ok(())
}

fn read_password_from_stdin() -> anyhow::Result<NewPassword> {
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    if read == 0 {
        bail!("type the new password on standard input (one line)");
    }
    let password = line
        .strip_suffix('\n')
        .map(|rest| rest.strip_suffix('\r').unwrap_or(rest))
        .unwrap_or(&line);
    NewPassword::parse(password).context("the password")
}

async fn open_storage(database: &DatabaseLocation) -> anyhow::Result<OpenStorage> {
    database
        .open()
        .await
        .with_context(|| format!("opening the database {database}"))
}
