//! Installing what the commands need, only when it is missing or at the
//! wrong version, from crates.io, npm and Debian's packages.

use std::fs;

use crate::process::{self, output_of, run_to_end, tool};

/// Versions the toolchain facts pin: the wasm-bindgen CLI must equal the
/// `wasm-bindgen` crate in Cargo.toml; trunk 0.22 needs a newer rustc.
const TRUNK: (&str, &str) = ("trunk", "0.21.14");
const WASM_BINDGEN: (&str, &str) = ("wasm-bindgen-cli", "0.2.130");
const WASM_PACK: (&str, &str) = ("wasm-pack", "0.15.1");
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian packages the browser tests drive: Chromium and its driver, and
/// WebKitGTK's WebDriver with MiniBrowser (Safari's engine) under Xvfb.
const BROWSER_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
];

/// Debian's Chromium, which the browser tests and `bench` drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// What `build` and `run` need.
pub fn build_tools() -> Result<(), String> {
    wasm_target()?;
    cargo_tool("trunk", TRUNK, true)?;
    // Without --locked: the CLI's lockfile names a crate version the
    // registry lacks (toolchain facts).
    cargo_tool("wasm-bindgen", WASM_BINDGEN, false)?;
    npm_packages()
}

/// What the test suites need on top of `build_tools`.
pub fn test_tools() -> Result<(), String> {
    cargo_tool("wasm-pack", WASM_PACK, true)?;
    debian_packages(BROWSER_PACKAGES)
}

/// Debian's Chromium alone: what `bench` needs of the test browsers.
pub fn chromium() -> Result<(), String> {
    debian_packages(&["chromium"])
}

fn wasm_target() -> Result<(), String> {
    let installed =
        output_of(tool("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run_to_end(tool("rustup").args(["target", "add", WASM_TARGET]))
}

/// `cargo install` the crate unless `binary --version` already names the
/// pinned version.
fn cargo_tool(binary: &str, (krate, version): (&str, &str), locked: bool) -> Result<(), String> {
    let current = output_of(tool(binary).arg("--version")).unwrap_or_default();
    if current.split_whitespace().any(|word| word == version) {
        return Ok(());
    }
    let mut command = process::cargo();
    command.args(["install", krate, "--version", version]);
    if locked {
        command.arg("--locked");
    }
    run_to_end(&mut command)
}

/// `npm ci` in xtask/npm, skipped while the installed tree matches the lock.
fn npm_packages() -> Result<(), String> {
    if output_of(tool("npm").arg("--version")).is_none() {
        debian_packages(&["nodejs", "npm"])?;
    }
    let dir = process::npm_dir();
    let lock = fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("xtask/npm/package-lock.json: {e}"))?;
    let stamp = dir.join("node_modules").join(".xtask-installed-lock.json");
    if fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    run_to_end(
        tool("npm")
            .current_dir(&dir)
            .args(["ci", "--no-audit", "--no-fund"]),
    )?;
    fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// axe-core's browser bundle (from `xtask/npm`, installed by `npm ci` with
/// binaryen), which the e2e tests inject into pages to check accessibility.
pub fn axe_core_script() -> std::path::PathBuf {
    process::npm_dir()
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js")
}

/// The test OpenID provider (`oidc-provider` from `xtask/npm`, installed by
/// `npm ci`), which the e2e tests start with [`node_binary`].
pub fn oidc_provider_script() -> std::path::PathBuf {
    process::workspace_root()
        .join("xtask")
        .join("oidc")
        .join("provider.mjs")
}

/// Node.js (installed with npm by [`build_tools`]): the first `node` on the
/// PATH the tools run with, or plain `node`.
pub fn node_binary() -> std::path::PathBuf {
    std::env::split_paths(&process::tool_path())
        .map(|dir| dir.join("node"))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| "node".into())
}

/// `apt-get install` whichever of the packages is not installed yet.
pub fn debian_packages(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            output_of(tool("dpkg-query").args(["-W", "-f=${db:Status-Status}", package])).as_deref()
                != Some("installed")
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let as_root = output_of(tool("id").arg("-u")).as_deref().map(str::trim) == Some("0");
    let apt = |args: &[&str]| {
        let mut command = if as_root {
            tool("apt-get")
        } else {
            tool("sudo")
        };
        if !as_root {
            command.arg("apt-get");
        }
        command.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        command
    };
    run_to_end(&mut apt(&["update", "-q"]))?;
    let mut install = apt(&["install", "-y", "-q"]);
    install.args(&missing);
    run_to_end(&mut install)
}
