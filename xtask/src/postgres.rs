//! A throwaway PostgreSQL server for the tests and `cargo xtask run
//! --postgres`: Debian's server binaries (installed when missing) and a
//! cluster of `throwaway-postgres` (a temporary directory, a free loopback
//! port, gone when dropped).

use std::fs;
use std::path::PathBuf;

use throwaway_postgres::Cluster;

use crate::install;
use crate::process::{self, run_to_end};

/// Where Debian installs each major version's server binaries.
const DEBIAN_SERVER_DIR: &str = "/usr/lib/postgresql";

/// The Debian package with the server (it pulls in the newest major version).
const DEBIAN_PACKAGE: &str = "postgresql";

/// The environment variable the storage tests read the server's URL from.
pub const TEST_URL_VARIABLE: &str = "PORTAL_TEST_POSTGRES_URL";

/// The environment variable the end-to-end tests find the server's
/// programs in (`createdb`, and a cluster of their own to restart).
pub const BIN_VARIABLE: &str = "POSTGRES_BIN";

/// Installs the server binaries if needed and starts a cluster with an
/// empty database `portal`.
pub fn start() -> Result<Cluster, String> {
    let bin = server_binaries()?;
    let cluster = Cluster::start(&bin).map_err(|e| e.to_string())?;
    eprintln!("xtask: PostgreSQL ready at {}", cluster.url());
    Ok(cluster)
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
    let postgres = start()?;
    match command.split_first() {
        Some((program, rest)) => run_to_end(
            process::tool(program)
                .args(rest)
                .env(TEST_URL_VARIABLE, postgres.url()),
        ),
        None => {
            println!("{TEST_URL_VARIABLE}={}", postgres.url());
            println!("PostgreSQL runs until you press Enter.");
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("reading stdin: {e}"))?;
            Ok(())
        }
    }
}
