//! `cargo xtask test`: every suite CI runs, in the order that fails fastest.

use std::process::Command;
use std::time::Instant;

use crate::process::{self, run_to_end, tool, workspace_root};
use crate::{build, cargo_test, install, postgres};

const SUITES: &[&str] = &["lint", "native", "wasm-chromium", "wasm-webkit", "e2e"];

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
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

    // Every chosen suite runs, even after one fails: a failure in one
    // never hides what the others would have found.
    let mut outcomes = Vec::new();
    for suite in &chosen {
        let started = Instant::now();
        eprintln!("xtask: === suite {suite} ===");
        let result = match *suite {
            "lint" => plain(lint()),
            "native" => native(),
            "wasm-chromium" => plain(wasm_chromium()),
            "wasm-webkit" => plain(wasm_webkit()),
            "e2e" => end_to_end(&e2e_args),
            _ => unreachable!("suite names are checked above"),
        };
        outcomes.push((*suite, started.elapsed(), result));
    }

    let failed = outcomes.iter().filter(|(_, _, r)| r.is_err()).count();
    println!();
    println!("xtask test summary:");
    for (suite, took, result) in &outcomes {
        let seconds = took.as_secs_f64();
        match result {
            Ok(note) => println!("  {suite:<14} passed  {seconds:>5.0}s  {note}"),
            Err(failures) => {
                println!("  {suite:<14} FAILED  {seconds:>5.0}s");
                for failure in failures {
                    println!("      {failure}");
                }
            }
        }
    }
    println!(
        "suites: {} passed, {failed} failed",
        outcomes.len() - failed
    );
    if failed == 0 {
        Ok(())
    } else {
        let names: Vec<&str> = outcomes
            .iter()
            .filter(|(_, _, r)| r.is_err())
            .map(|(suite, _, _)| *suite)
            .collect();
        Err(format!("failed suites: {}", names.join(", ")))
    }
}

/// A suite's result: a note for the summary (e.g. how many tests passed),
/// or one line per failure.
type SuiteResult = Result<String, Vec<String>>;

/// A suite that is one command (or a few): passed, or why not.
fn plain(result: Result<(), String>) -> SuiteResult {
    result
        .map(|()| String::new())
        .map_err(|message| vec![message])
}

/// `cargo test` to the end (`--no-fail-fast`: every test binary runs even
/// after one fails), as a suite's result.
fn cargo_test_suite(command: &mut Command) -> SuiteResult {
    let (succeeded, report) = cargo_test::run(command).map_err(|message| vec![message])?;
    let counts = format!("{} tests passed, {} failed", report.passed, report.failed);
    if succeeded {
        return Ok(counts);
    }
    let mut failures = vec![counts];
    failures.extend(report.failures());
    if failures.len() == 1 {
        failures.push(format!(
            "`{}` failed (see above)",
            process::describe(command)
        ));
    }
    Err(failures)
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
        // With the pages' split points, as `cargo xtask build` builds them.
        "--features",
        "split",
        "--",
        "-D",
        "warnings",
    ]))
}

/// Unit tests of every crate and the server's API tests on real SQLite,
/// and the storage conformance suite on SQLite and on a throwaway
/// PostgreSQL (its URL in `PORTAL_TEST_POSTGRES_URL`).
fn native() -> SuiteResult {
    let postgres = postgres::start().map_err(|message| vec![message])?;
    cargo_test_suite(
        process::cargo()
            .current_dir(workspace_root())
            .env(postgres::TEST_URL_VARIABLE, postgres.url())
            .args(["test", "--workspace", "--exclude", "e2e", "--no-fail-fast"]),
    )
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

/// The e2e binaries' arguments: what was given after `--`, and at most
/// [`journeys_at_once`] tests at a time unless it says otherwise.
fn e2e_test_args(given: &[String]) -> Vec<String> {
    let mut args = given.to_vec();
    if !given.iter().any(|arg| arg.starts_with("--test-threads")) {
        args.push(format!("--test-threads={}", journeys_at_once()));
    }
    args
}

/// How many journeys may run at once: one per two cores (at least one), or
/// `E2E_TEST_THREADS`. A journey is a browser (WebKit or Chromium: half a
/// dozen processes), the server and a simulated device; two at once on two
/// cores that are also compiling left each one so short of CPU that waits
/// meant for seconds ran out (libtest's own default is one per core).
fn journeys_at_once() -> usize {
    if let Some(threads) = std::env::var("E2E_TEST_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        return threads;
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    (cores / 2).max(1)
}

/// Whole journeys: the release SPA, the real server on a fresh SQLite file
/// (or, for the two-instance journey, a throwaway PostgreSQL),
/// and real Chromium (as an iPhone) and WebKit. `filter` goes to `cargo
/// test` after `--` (e.g. `accessibility` runs the tests whose name has it).
fn end_to_end(filter: &[String]) -> SuiteResult {
    build::spa().map_err(|message| vec![message])?;
    let root = workspace_root();
    run_to_end(
        process::cargo()
            .current_dir(&root)
            .args(["build", "--package", "portal-server"]),
    )
    .map_err(|message| vec![message])?;
    let target_dir = process::target_dir();
    let server = target_dir.join("debug").join("portal-server");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let measurements = target_dir.join("e2e-measurements.txt");
    let _ = std::fs::remove_file(&measurements);
    // The two-instance journey's database server.
    let postgres = postgres::start().map_err(|message| vec![message])?;
    let result = cargo_test_suite(
        tool("xvfb-run")
            .current_dir(&root)
            .env(postgres::TEST_URL_VARIABLE, postgres.url())
            .env(postgres::BIN_VARIABLE, postgres.bin())
            .env("PORTAL_SERVER_BIN", server)
            .env("E2E_MEASUREMENTS", &measurements)
            .env("PORTAL_DIST_DIR", build::dist_dir())
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("CHROMIUM", install::CHROMIUM)
            .env("WEBKIT_DRIVER", WEBKIT_DRIVER)
            .env("AXE_CORE", install::axe_core_script())
            .env("NODE", install::node_binary())
            .env("OIDC_PROVIDER_SCRIPT", install::oidc_provider_script())
            .args(XVFB_ARGS)
            .arg(&cargo)
            .args(["test", "--package", "e2e", "--no-fail-fast", "--"])
            .args(e2e_test_args(filter)),
    );
    if let Ok(lines) = std::fs::read_to_string(&measurements) {
        for line in lines.lines() {
            println!("measured: {line}");
        }
    }
    result
}
