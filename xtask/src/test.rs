//! `cargo xtask test`: every suite CI runs, in the order that fails fastest.

use std::time::Instant;

use crate::process::{self, run_to_end, tool, workspace_root};
use crate::{build, install};

const SUITES: &[&str] = &["lint", "native", "wasm-chromium", "wasm-webkit", "e2e"];

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// A fresh display per run, deep enough for WebKit's compositor.
const XVFB_ARGS: &[&str] = &["-a", "-s", "-screen 0 1280x1024x24"];

pub fn run(args: &[String]) -> Result<(), String> {
    let mut chosen: Vec<&str> = Vec::new();
    // After `--`: passed to `cargo test` of the e2e suite (a test name
    // filter such as `accessibility`, or libtest options).
    let mut e2e_args: Vec<String> = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--" => e2e_args.extend(iter.by_ref().cloned()),
            "--suite" => {
                let name = iter.next().ok_or("--suite needs a name")?;
                let suite = SUITES
                    .iter()
                    .find(|s| **s == name.as_str())
                    .ok_or_else(|| {
                        format!("unknown suite {name}; suites: {}", SUITES.join(", "))
                    })?;
                chosen.push(suite);
            }
            other => return Err(format!("test: unknown option {other}")),
        }
    }
    if chosen.is_empty() {
        chosen = SUITES.to_vec();
    }

    install::build_tools()?;
    install::test_tools()?;

    let mut passed = 0;
    let mut timings = Vec::new();
    for suite in &chosen {
        let started = Instant::now();
        eprintln!("xtask: === suite {suite} ===");
        let result = match *suite {
            "lint" => lint(),
            "native" => native(),
            "wasm-chromium" => wasm_chromium(),
            "wasm-webkit" => wasm_webkit(),
            "e2e" => end_to_end(&e2e_args),
            _ => unreachable!("suite names are checked above"),
        };
        timings.push(format!("{suite} {:.0}s", started.elapsed().as_secs_f64()));
        if let Err(message) = result {
            println!("suites: {passed} passed, 1 failed");
            return Err(format!("suite {suite} failed: {message}"));
        }
        passed += 1;
    }
    eprintln!("xtask: timings: {}", timings.join(", "));
    println!("suites: {passed} passed, 0 failed");
    Ok(())
}

fn lint() -> Result<(), String> {
    let root = workspace_root();
    run_to_end(
        process::cargo()
            .current_dir(&root)
            .args(["fmt", "--all", "--check"]),
    )?;
    run_to_end(process::cargo().current_dir(&root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run_to_end(process::cargo().current_dir(&root).args([
        "clippy",
        "--package",
        "company-portal",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// Unit tests of every crate and the server's API tests on real SQLite.
fn native() -> Result<(), String> {
    run_to_end(process::cargo().current_dir(workspace_root()).args([
        "test",
        "--workspace",
        "--exclude",
        "e2e",
    ]))
}

/// The SPA's browser tests (tests/web.rs) in headless Chromium.
fn wasm_chromium() -> Result<(), String> {
    run_to_end(
        tool("wasm-pack")
            .current_dir(workspace_root())
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env_remove("SAFARIDRIVER")
            .env_remove("GECKODRIVER")
            .args(["test", "--headless", "--chrome", "--mode", "no-install"])
            .args(["--", "--test", "web"]),
    )
}

/// The same browser tests in WebKit (MiniBrowser) through WebKitWebDriver,
/// which has no headless mode: it runs under Xvfb.
fn wasm_webkit() -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run_to_end(
        tool("xvfb-run")
            .current_dir(workspace_root())
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("SAFARIDRIVER", WEBKIT_DRIVER)
            .env_remove("CHROMEDRIVER")
            .env_remove("GECKODRIVER")
            .args(XVFB_ARGS)
            .arg(&cargo)
            .args(["test", "--package", "company-portal"])
            .args(["--target", "wasm32-unknown-unknown", "--test", "web"]),
    )
}

/// Whole journeys: the release SPA, the real server on a fresh SQLite file,
/// and real Chromium (as an iPhone) and WebKit. `filter` goes to `cargo
/// test` after `--` (e.g. `accessibility` runs the tests whose name has it).
fn end_to_end(filter: &[String]) -> Result<(), String> {
    build::spa()?;
    let root = workspace_root();
    run_to_end(
        process::cargo()
            .current_dir(&root)
            .args(["build", "--package", "portal-server"]),
    )?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let server = target_dir.join("debug").join("portal-server");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let measurements = target_dir.join("e2e-measurements.txt");
    let _ = std::fs::remove_file(&measurements);
    let result = run_to_end(
        tool("xvfb-run")
            .current_dir(&root)
            .env("PORTAL_SERVER_BIN", server)
            .env("E2E_MEASUREMENTS", &measurements)
            .env("PORTAL_DIST_DIR", build::dist_dir())
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("CHROMIUM", CHROMIUM)
            .env("WEBKIT_DRIVER", WEBKIT_DRIVER)
            .env("AXE_CORE", install::axe_core_script())
            .args(XVFB_ARGS)
            .arg(&cargo)
            .args(["test", "--package", "e2e"])
            .args(if filter.is_empty() {
                &[][..]
            } else {
                &["--"][..]
            })
            .args(filter),
    );
    if let Ok(lines) = std::fs::read_to_string(&measurements) {
        for line in lines.lines() {
            println!("measured: {line}");
        }
    }
    result
}
