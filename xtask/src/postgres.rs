//! A throwaway PostgreSQL server for the tests and `cargo xtask run
//! --postgres`: Debian's server binaries (installed when missing), a fresh
//! cluster in a temporary directory, listening on a free loopback port with
//! its socket in that directory, and gone (process and directory) when
//! dropped. PostgreSQL refuses to run as root, so as root it runs as the
//! `postgres` system user (created when missing).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::install;
use crate::process::{self, describe, output_of, run_to_end, tool};

/// Where Debian installs each major version's server binaries.
const DEBIAN_SERVER_DIR: &str = "/usr/lib/postgresql";

/// The Debian package with the server (it pulls in the newest major version).
const DEBIAN_PACKAGE: &str = "postgresql";

/// The account the server runs as when xtask runs as root. Debian's package
/// creates it; it is made here when the binaries came another way.
const SYSTEM_USER: &str = "postgres";

/// The database role the cluster is made with (trusted on loopback only).
const ROLE: &str = "portal";

/// The database `start` creates for the portal.
const DATABASE: &str = "portal";

/// How long the server may take to accept connections.
const STARTUP: Duration = Duration::from_secs(60);

/// How long a fast shutdown may take before the server is killed.
const SHUTDOWN: Duration = Duration::from_secs(10);

/// The environment variable the storage tests read the server's URL from.
pub const TEST_URL_VARIABLE: &str = "PORTAL_TEST_POSTGRES_URL";

/// The environment variable the end-to-end tests find `createdb` in.
pub const BIN_VARIABLE: &str = "POSTGRES_BIN";

/// A running throwaway server; stopped and deleted when dropped.
pub struct Postgres {
    child: std::process::Child,
    /// The temporary directory: the cluster (`data/`), the socket, the log.
    dir: PathBuf,
    /// The postmaster's own process id (the child may be `runuser`).
    server_pid: Option<u32>,
    /// `postgres://portal@127.0.0.1:PORT/portal`: no password, the cluster
    /// trusts loopback connections.
    pub url: String,
    /// The server's programs (`createdb` for a test's own database).
    pub bin: PathBuf,
}

impl Postgres {
    /// Installs the server binaries if needed, makes a cluster in a new
    /// temporary directory, starts it and waits until it accepts
    /// connections, with an empty database `portal`.
    pub fn start() -> Result<Postgres, String> {
        let bin = server_binaries()?;
        let run_as = if is_root() {
            system_user()?;
            Some(SYSTEM_USER)
        } else {
            None
        };
        let dir = fresh_dir()?;
        if let Some(user) = run_as {
            run_to_end(tool("chown").arg(format!("{user}:")).arg(&dir))?;
        }
        let data = dir.join("data");
        let mut initdb = as_user(run_as, &bin.join("initdb"));
        initdb
            .arg("--pgdata")
            .arg(&data)
            .args(["--username", ROLE, "--auth", "trust", "--encoding", "UTF8"])
            .args(["--locale", "C", "--no-sync"])
            .stdout(Stdio::null());
        if let Err(message) = run_to_end(&mut initdb) {
            let _ = fs::remove_dir_all(&dir);
            return Err(message);
        }

        let port = free_port()?;
        let log_path = dir.join("postgres.log");
        let log = fs::File::create(&log_path)
            .map_err(|e| format!("creating {}: {e}", log_path.display()))?;
        let log_err = log
            .try_clone()
            .map_err(|e| format!("{}: {e}", log_path.display()))?;
        let mut server = as_user(run_as, &bin.join("postgres"));
        server
            .arg("-D")
            .arg(&data)
            .args(["-p", &port.to_string()])
            .arg("-k")
            .arg(&dir)
            .args(["-c", "listen_addresses=127.0.0.1"])
            // Throwaway data: durability only costs time here.
            .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off"])
            // Tests run in parallel, each with its own pools.
            .args(["-c", "max_connections=300"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err);
        let shown = describe(&server);
        eprintln!("xtask: $ {shown} &");
        let child = server
            .spawn()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        let mut postgres = Postgres {
            child,
            dir,
            server_pid: None,
            url: format!("postgres://{ROLE}@127.0.0.1:{port}/{DATABASE}"),
            bin: bin.clone(),
        };
        postgres.wait_until_ready(&bin, port)?;
        postgres.server_pid = fs::read_to_string(data.join("postmaster.pid"))
            .ok()
            .and_then(|text| text.lines().next()?.trim().parse().ok());
        run_to_end(
            tool(&bin.join("createdb").to_string_lossy())
                .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                .args(["--username", ROLE, DATABASE]),
        )?;
        eprintln!("xtask: PostgreSQL ready at {}", postgres.url);
        Ok(postgres)
    }

    /// Polls `pg_isready` until the server accepts connections; an error
    /// with its log if it ends or takes longer than [`STARTUP`].
    fn wait_until_ready(&mut self, bin: &Path, port: u16) -> Result<(), String> {
        let started = Instant::now();
        loop {
            let ready = tool(&bin.join("pg_isready").to_string_lossy())
                .args([
                    "--quiet",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    &port.to_string(),
                ])
                .args(["--username", ROLE, "--dbname", "postgres"])
                .status()
                .is_ok_and(|status| status.success());
            if ready {
                return Ok(());
            }
            let ended = self.child.try_wait().ok().flatten();
            if ended.is_some() || started.elapsed() > STARTUP {
                let log = fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default();
                let why = match ended {
                    Some(status) => format!("ended ({status})"),
                    None => format!("did not accept connections within {STARTUP:?}"),
                };
                return Err(format!("PostgreSQL {why}; its log:\n{log}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Asks the server for a fast shutdown (it ends its connections) and
    /// waits for it; kills it if that takes too long.
    fn stop(&mut self) {
        if let Some(pid) = self.server_pid {
            let _ = tool("kill")
                .args(["-INT", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
            let asked = Instant::now();
            while asked.elapsed() < SHUTDOWN {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = tool("kill")
                .args(["-KILL", &pid.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The newest installed major version's server binaries, installing
/// Debian's package first when there are none.
fn server_binaries() -> Result<PathBuf, String> {
    if let Some(bin) = installed_server_binaries() {
        return Ok(bin);
    }
    install::debian_packages(&[DEBIAN_PACKAGE])?;
    installed_server_binaries().ok_or_else(|| {
        format!("installed `{DEBIAN_PACKAGE}` but found no {DEBIAN_SERVER_DIR}/*/bin/initdb")
    })
}

fn installed_server_binaries() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(DEBIAN_SERVER_DIR)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let major = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    output_of(tool("id").arg("-u")).as_deref().map(str::trim) == Some("0")
}

/// Makes [`SYSTEM_USER`] (a system account without a login) if missing.
fn system_user() -> Result<(), String> {
    if output_of(tool("id").args(["-u", SYSTEM_USER])).is_some() {
        return Ok(());
    }
    run_to_end(tool("useradd").args([
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        SYSTEM_USER,
    ]))
}

/// `program`, run as `user` when there is one (xtask runs as root).
fn as_user(user: Option<&str>, program: &Path) -> Command {
    match user {
        Some(user) => {
            let mut command = tool("runuser");
            command.args(["-u", user, "--"]).arg(program);
            command
        }
        None => tool(&program.to_string_lossy()),
    }
}

/// A new empty directory under the system's temporary directory.
fn fresh_dir() -> Result<PathBuf, String> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let dir =
        std::env::temp_dir().join(format!("portal-postgres-{}-{nanos:09}", std::process::id()));
    fs::create_dir(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    Ok(dir)
}

/// A loopback port nothing listens on right now (the OS picks it).
fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| format!("finding a free port: {e}"))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|e| format!("finding a free port: {e}"))
}

/// `cargo xtask postgres [-- COMMAND...]`: a throwaway server for working
/// by hand. With a command, runs it with [`TEST_URL_VARIABLE`] set and
/// stops the server when it ends; without, prints the URL and waits for
/// Enter.
pub fn run(args: &[String]) -> Result<(), String> {
    let command: Vec<&String> = match args.split_first() {
        None => Vec::new(),
        Some((first, rest)) if first == "--" => rest.iter().collect(),
        Some((other, _)) => return Err(format!("postgres: unknown option {other}")),
    };
    let postgres = Postgres::start()?;
    match command.split_first() {
        Some((program, rest)) => run_to_end(
            process::tool(program)
                .args(rest)
                .env(TEST_URL_VARIABLE, &postgres.url),
        ),
        None => {
            println!("{TEST_URL_VARIABLE}={}", postgres.url);
            println!("PostgreSQL runs until you press Enter.");
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("reading stdin: {e}"))?;
            Ok(())
        }
    }
}
