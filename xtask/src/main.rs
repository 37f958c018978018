//! `cargo xtask` — the project's commands. Each installs what it needs first,
//! idempotently, from the package registries only (crates.io, npm, Debian).

mod apns_gateway;
mod app_wasm;
mod bench;
mod build;
mod cargo_test;
mod install;
mod postgres;
mod process;
mod size;
mod test;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  run [--listen ADDR] [--postgres] [-- SERVER-ARGS...]
        build the SPA (release) and start portal-server with the demo
        organization and users, on https://127.0.0.1:8080 by default,
        pushing through a stand-in APNs gateway (`device-sim apns`) it
        starts beside it; its data in data/portal.db (SQLite), or with
        --postgres in a throwaway PostgreSQL cluster started for the run
  test [--suite NAME]... [-- E2E-TEST-ARGS...]
        everything CI runs; suites: lint, native, wasm-chromium, wasm-webkit, e2e;
        what follows `--` goes to the e2e tests (e.g. `-- accessibility`);
        every suite runs even after one fails, then a summary names the
        failed suites and tests; e2e runs one journey per two cores
        (E2E_TEST_THREADS or `-- --test-threads N` to change it)
  build
        build the SPA into dist/ (release, pre-compressed)
  size
        print raw, gzip and brotli bytes of each built asset and the
        first-load transfer
  bench [--page NAME]... [--no-plain] [--traces]
        build the release SPA, serve it with the demo data and a simulated
        iPhone, and run Lighthouse (mobile) three times on the sign-in page,
        My devices, the enrollment's first step and a device page, and on a
        plain HTML copy of each; prints the medians, each run's long tasks
        and each route's first-load size (it takes a while; it never fails
        on a figure). `--page` (sign-in, my-devices, enroll, device) measures
        only those pages, `--no-plain` skips the plain copies, `--traces`
        keeps each run's devtools trace beside its report
  bench load [--duration SECS] [--devices N] [--people N] [--connections N] ...
        a load generator against the release demo portal on loopback
        (SQLite): people browsing and acting while enrolled simulated
        iPhones check in, then GET /api/devices alone at 64 connections;
        prints requests/s, p50/p99 per endpoint, errors and the server's
        peak memory (`cargo xtask bench load --help` for all options)
  postgres [-- COMMAND...]
        start a throwaway PostgreSQL (installing Debian's server when
        missing) and run COMMAND with PORTAL_TEST_POSTGRES_URL set to it
        (e.g. `-- cargo test -p portal-server --test portal storage`), or
        print that URL and wait for Enter
  install [--browsers]
        only install the tools (and with --browsers the test browsers)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("build") => install::build_tools().and_then(|()| build::spa()),
        Some("size") => size::report(),
        Some("bench") => bench::run(&args[1..]),
        Some("postgres") => postgres::run(&args[1..]),
        Some("install") => {
            let browsers = args.iter().any(|a| a == "--browsers");
            install::build_tools().and_then(|()| {
                if browsers {
                    install::test_tools()
                } else {
                    Ok(())
                }
            })
        }
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask run`: the portal with demo data, as a person would try it.
fn run(args: &[String]) -> Result<(), String> {
    let mut listen = String::from("127.0.0.1:8080");
    let mut server_args: Vec<String> = Vec::new();
    let mut on_postgres = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--listen" => {
                listen = iter.next().ok_or("--listen needs an address")?.clone();
            }
            "--postgres" => on_postgres = true,
            "--" => {
                server_args.extend(iter.by_ref().cloned());
            }
            other => return Err(format!("run: unknown option {other}")),
        }
    }
    install::build_tools()?;
    build::spa()?;
    let root = process::workspace_root();
    process::run_to_end(process::cargo().current_dir(&root).args([
        "build",
        "--release",
        "--package",
        "portal-server",
        "--package",
        "device-sim",
    ]))?;
    let release = process::target_dir().join("release");
    let data = root.join("data");
    let gateway = apns_gateway::ApnsGateway::start(&release.join("device-sim"), &data)?;
    // Stopped (and its data deleted) when the run ends.
    let cluster = on_postgres.then(postgres::start).transpose()?;
    let database = cluster
        .as_ref()
        .map_or_else(|| "data/portal.db".to_owned(), |cluster| cluster.url());
    let mut command = process::tool(&release.join("portal-server").to_string_lossy());
    command
        .current_dir(&root)
        .arg("demo")
        .args(["--listen", &listen])
        .args(["--database", &database, "--static-dir", "dist"])
        .args(["--apns-url", &gateway.url])
        .arg("--apns-ca")
        .arg(&gateway.certificate)
        .args(&server_args);
    process::run_to_end(&mut command)
}
