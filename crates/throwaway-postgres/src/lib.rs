//! A throwaway PostgreSQL cluster: made with `initdb` in a new temporary
//! directory, listening on a free loopback port with its socket in that
//! directory, trusting loopback connections, and gone (process and
//! directory) when dropped. Its server can be stopped and started again on
//! the same port and data, as an operator's restart would.
//!
//! xtask starts one for the tests (after installing Debian's server when
//! missing); the fault tests start one of their own, to restart it.
//! PostgreSQL refuses to run as root, so as root the cluster runs as the
//! `postgres` system user (created when missing).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The account the server runs as when started by root.
const SYSTEM_USER: &str = "postgres";

/// The database role the cluster is made with (trusted on loopback only).
pub const ROLE: &str = "portal";

/// The database [`Cluster::start`] creates.
pub const DATABASE: &str = "portal";

/// How long the server may take to accept connections.
const STARTUP: Duration = Duration::from_secs(60);

/// How long a fast shutdown may take before the server is killed.
const SHUTDOWN: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    #[error("`{command}` failed ({status}): {stderr}")]
    Failed {
        command: String,
        status: std::process::ExitStatus,
        stderr: String,
    },
    #[error("PostgreSQL {why}; its log:\n{log}")]
    NotReady { why: String, log: String },
}

fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let what = what.into();
    move |source| Error::Io { what, source }
}

/// A cluster and, while started, its server.
pub struct Cluster {
    /// The temporary directory: the cluster (`data/`), the socket, the log.
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
    server: Option<Server>,
}

/// A running postmaster.
struct Server {
    /// `postgres`, or `runuser` running it.
    child: Child,
    /// The postmaster's own process id.
    pid: Option<u32>,
}

impl Cluster {
    /// Makes a cluster with the server programs in `bin` (e.g.
    /// `/usr/lib/postgresql/15/bin`), starts it and waits until it accepts
    /// connections, with an empty database [`DATABASE`].
    pub fn start(bin: &Path) -> Result<Cluster, Error> {
        let run_as = if is_root() {
            system_user()?;
            Some(SYSTEM_USER)
        } else {
            None
        };
        let mut cluster = Cluster {
            dir: fresh_dir()?,
            bin: bin.to_owned(),
            port: free_port()?,
            run_as,
            server: None,
        };
        if let Some(user) = run_as {
            run(Command::new("chown")
                .arg(format!("{user}:"))
                .arg(&cluster.dir))?;
        }
        run(cluster
            .as_user("initdb")
            .arg("--pgdata")
            .arg(cluster.data())
            .args(["--username", ROLE, "--auth", "trust", "--encoding", "UTF8"])
            .args(["--locale", "C", "--no-sync"]))?;
        cluster.start_again()?;
        cluster.create_database(DATABASE)?;
        Ok(cluster)
    }

    /// `postgres://portal@127.0.0.1:PORT/portal`: no password, the
    /// cluster trusts loopback connections.
    pub fn url(&self) -> String {
        self.url_of(DATABASE)
    }

    /// The URL of another database of this cluster.
    pub fn url_of(&self, database: &str) -> String {
        format!("postgres://{ROLE}@127.0.0.1:{}/{database}", self.port)
    }

    /// The server's programs.
    pub fn bin(&self) -> &Path {
        &self.bin
    }

    /// Creates an empty database `name`; its URL.
    pub fn create_database(&self, name: &str) -> Result<String, Error> {
        // Through the database every cluster has: the first call makes
        // [`DATABASE`] itself.
        create_database(&self.bin, &self.url_of("postgres"), name)
    }

    /// Starts the server (again) on the same port and data and waits until
    /// it accepts connections. Does nothing when it runs.
    pub fn start_again(&mut self) -> Result<(), Error> {
        if self.server.is_some() {
            return Ok(());
        }
        let log_path = self.dir.join("postgres.log");
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(io(format!("opening {}", log_path.display())))?;
        let log_err = log
            .try_clone()
            .map_err(io(format!("{}", log_path.display())))?;
        let child = self
            .as_user("postgres")
            .arg("-D")
            .arg(self.data())
            .args(["-p", &self.port.to_string()])
            .arg("-k")
            .arg(&self.dir)
            .args(["-c", "listen_addresses=127.0.0.1"])
            // Throwaway data: durability only costs time here.
            .args(["-c", "fsync=off", "-c", "synchronous_commit=off"])
            .args(["-c", "full_page_writes=off"])
            // Tests run in parallel, each with its own pools.
            .args(["-c", "max_connections=300"])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(io("starting postgres"))?;
        self.server = Some(Server { child, pid: None });
        self.wait_until_ready()?;
        let pid = fs::read_to_string(self.data().join("postmaster.pid"))
            .ok()
            .and_then(|text| text.lines().next()?.trim().parse().ok());
        if let Some(server) = &mut self.server {
            server.pid = pid;
        }
        Ok(())
    }

    /// Stops the server with a fast shutdown (it ends its clients'
    /// connections, as a restart by an operator does) and waits for it;
    /// kills it if that takes too long. The data stays.
    pub fn stop(&mut self) {
        let Some(mut server) = self.server.take() else {
            return;
        };
        if let Some(pid) = server.pid {
            signal(pid, "-INT");
            let asked = Instant::now();
            while asked.elapsed() < SHUTDOWN {
                if matches!(server.child.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            signal(pid, "-KILL");
        }
        let _ = server.child.kill();
        let _ = server.child.wait();
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// Polls `pg_isready` until the server accepts connections; an error
    /// with its log if it ends or takes longer than [`STARTUP`].
    fn wait_until_ready(&mut self) -> Result<(), Error> {
        let started = Instant::now();
        loop {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["--quiet", "--host", "127.0.0.1"])
                .args(["--port", &self.port.to_string()])
                .args(["--username", ROLE, "--dbname", "postgres"])
                .status()
                .is_ok_and(|status| status.success());
            if ready {
                return Ok(());
            }
            let ended = self
                .server
                .as_mut()
                .and_then(|server| server.child.try_wait().ok().flatten());
            if ended.is_some() || started.elapsed() > STARTUP {
                let log = fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default();
                let why = match ended {
                    Some(status) => format!("ended ({status})"),
                    None => format!("did not accept connections within {STARTUP:?}"),
                };
                self.server = None;
                return Err(Error::NotReady { why, log });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One of the server's programs, run as the cluster's owner.
    fn as_user(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        match self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(program);
                command
            }
            None => Command::new(program),
        }
    }
}

/// Creates an empty database `name` on the server of `server_url` (a
/// cluster started elsewhere, e.g. by xtask for the whole test suite) with
/// `createdb` from `bin`; the new database's URL.
pub fn create_database(bin: &Path, server_url: &str, name: &str) -> Result<String, Error> {
    run(Command::new(bin.join("createdb"))
        .arg(format!("--maintenance-db={server_url}"))
        .arg(name))?;
    let base = server_url
        .rsplit_once('/')
        .map_or(server_url, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn signal(pid: u32, which: &str) {
    let _ = Command::new("kill")
        .args([which, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

/// Runs a command to its end; its stderr in the error when it fails.
fn run(command: &mut Command) -> Result<(), Error> {
    let shown = describe(command);
    let output = command
        .stdout(Stdio::null())
        .output()
        .map_err(io(format!("running `{shown}`")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(Error::Failed {
            command: shown,
            status: output.status,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

fn describe(command: &Command) -> String {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

/// Makes [`SYSTEM_USER`] (a system account without a login) if missing.
fn system_user() -> Result<(), Error> {
    let exists = Command::new("id")
        .args(["-u", SYSTEM_USER])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if exists {
        return Ok(());
    }
    run(Command::new("useradd").args([
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

/// A new empty directory under the system's temporary directory.
fn fresh_dir() -> Result<PathBuf, Error> {
    // Tests start clusters side by side in one process: a counter keeps
    // their names apart, the time keeps them apart from earlier runs'.
    static MADE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let count = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    let dir = std::env::temp_dir().join(format!(
        "portal-postgres-{}-{count}-{nanos:09}",
        std::process::id()
    ));
    fs::create_dir(&dir).map_err(io(format!("creating {}", dir.display())))?;
    Ok(dir)
}

/// A loopback port nothing listens on right now (the OS picks it).
fn free_port() -> Result<u16, Error> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(io("finding a free port"))
}
