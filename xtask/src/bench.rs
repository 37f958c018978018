//! `cargo xtask bench`: Lighthouse on the portal's first pages, each beside
//! a plain HTML copy of itself, and what each route downloads first.
//!
//! The release SPA is served by `portal-server demo` (release build) on a
//! free loopback port over HTTPS, with data of its own under
//! `<target>/bench/`; the demo's Alex signs in through the API and enrolls
//! a simulated iPhone (`device-sim`, pushed through the stand-in APNs
//! gateway), so My devices and the device page show a real device. It fails
//! only when something cannot run, never on a figure.

mod demo_portal;
mod lighthouse;
mod load;
mod plain_copy;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use portal_api::DeviceId;

use crate::apns_gateway::ApnsGateway;
use crate::process::{self, run_to_end, target_dir, workspace_root, Background};
use crate::{build, install, size};

use demo_portal::{Api, DemoPortal};
use lighthouse::{Audit, Chromium, Measurement, COLUMNS, LCP, TBT};

/// Lighthouse runs of each page and of its plain copy; the table shows the
/// medians.
const RUNS: usize = 3;

/// Headless Chromium on a machine whose network is closed: without these,
/// it waits on lookups of Google's services. `--ignore-certificate-errors`
/// accepts the demo portal's self-signed certificate.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--ignore-certificate-errors",
];

/// Debian's Chromium with those flags.
const CHROMIUM: Chromium = Chromium {
    binary: install::CHROMIUM,
    flags: CHROMIUM_FLAGS,
};

/// Safari on an iPhone running iOS 17.4 (as the e2e journeys' iPhone).
const IPHONE_SAFARI_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

/// The demo's first user (portal-server's `demo::DEMO_USERS`).
const DEMO_USER: &str = "alex@contoso.example";

/// A page the benchmark measures.
struct Page {
    /// File-name friendly, e.g. `my-devices`.
    name: &'static str,
    /// As the table shows it.
    title: &'static str,
    /// The route, as the table shows it.
    route: &'static str,
    /// The page's entry in xtask's route table (xtask/src/app_wasm.rs),
    /// whose first load `cargo xtask size` measures.
    size_route: &'static str,
    /// What Lighthouse opens, e.g. `/devices/abc`.
    path: String,
    signed_in: bool,
    /// Opened with an iPhone's Safari user agent instead of Lighthouse's
    /// emulated Android phone's.
    iphone: bool,
    /// A CSS selector there once the page shows what it is for.
    ready: &'static str,
}

fn pages(device: &str) -> Vec<Page> {
    vec![
        Page {
            name: "sign-in",
            title: "Sign-in",
            route: "/ → /sign-in",
            size_route: "/sign-in",
            path: "/".into(),
            signed_in: false,
            iphone: false,
            ready: "input[type=\"password\"]",
        },
        Page {
            name: "my-devices",
            title: "My devices",
            route: "/devices",
            size_route: "/devices",
            path: "/devices".into(),
            signed_in: true,
            iphone: false,
            ready: "a[href^=\"/devices/\"]",
        },
        Page {
            name: "enroll",
            title: "Enrollment, first step (iPhone)",
            route: "/enroll",
            size_route: "/enroll",
            path: "/enroll".into(),
            signed_in: true,
            iphone: true,
            ready: "#ownership-heading",
        },
        Page {
            name: "device",
            title: "Device",
            route: "/devices/{id}",
            size_route: "/devices/",
            path: format!("/devices/{device}"),
            signed_in: true,
            iphone: false,
            ready: ".device-facts",
        },
    ]
}

/// Where the served site's plain copies are, under its root.
const PLAIN_DIR: &str = "plain";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Page,
    PlainCopy,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Page => "page",
            Variant::PlainCopy => "plain",
        }
    }
}

/// A page's runs of both variants.
struct Measured<'a> {
    page: &'a Page,
    page_runs: Vec<Measurement>,
    plain_runs: Vec<Measurement>,
}

/// What `cargo xtask bench` measures: by default every page, with its
/// plain copy, without traces.
#[derive(Debug, Default, PartialEq, Eq)]
struct Options {
    /// `--page NAME` (repeatable): only these pages ([`Page::name`]).
    pages: Vec<String>,
    /// `--no-plain`: the pages only, without their plain copies.
    no_plain: bool,
    /// `--traces`: keep each run's devtools trace beside its report
    /// (Lighthouse's `--save-assets`, tens of MB each), to see where the
    /// main thread's time goes.
    traces: bool,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--page" => options.pages.push(
                    args.next()
                        .ok_or("bench: --page needs a page's name")?
                        .clone(),
                ),
                "--no-plain" => options.no_plain = true,
                "--traces" => options.traces = true,
                other => return Err(format!("bench: unknown option {other}")),
            }
        }
        Ok(options)
    }

    /// The variants measured of each page.
    fn variants(&self) -> &'static [Variant] {
        if self.no_plain {
            &[Variant::Page]
        } else {
            &[Variant::Page, Variant::PlainCopy]
        }
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().is_some_and(|a| a == "load") {
        return load::run(&args[1..]);
    }
    let options = Options::parse(args)?;
    let known = pages("");
    if let Some(unknown) = options
        .pages
        .iter()
        .find(|name| !known.iter().any(|page| page.name == name.as_str()))
    {
        let names: Vec<&str> = known.iter().map(|page| page.name).collect();
        return Err(format!(
            "bench: no page `{unknown}` (pages: {})",
            names.join(", ")
        ));
    }
    install::build_tools()?;
    install::chromium()?;
    build::spa()?;
    run_to_end(process::cargo().current_dir(workspace_root()).args([
        "build",
        "--release",
        "--package",
        "portal-server",
        "--package",
        "device-sim",
    ]))?;

    let dirs = BenchDirs::fresh(&target_dir().join("bench"))?;
    // The portal serves a copy of dist/ with the plain copies beside it.
    copy_dir(&build::dist_dir(), &dirs.site)?;
    fs::create_dir_all(dirs.plain_copies()).map_err(|e| e.to_string())?;
    let mut demo = Demo::start(&target_dir().join("release"), &dirs)?;
    let pages: Vec<Page> = pages(&demo.device_id.0)
        .into_iter()
        .filter(|page| options.pages.is_empty() || options.pages.iter().any(|p| p == page.name))
        .collect();
    if !options.no_plain {
        save_plain_copies(&demo, &pages, &dirs)?;
    }
    let load_before = load_average();
    let measured = measure(&mut demo, &pages, &dirs, &options)?;
    let load = [load_before, load_average()];
    drop(demo);

    println!();
    print_environment(&measured, load);
    println!();
    print_table(&measured);
    println!();
    print_route_sizes(&pages)?;
    println!();
    println!(
        "Lighthouse's reports (JSON): {}; the plain copies: {}",
        dirs.reports.display(),
        dirs.plain_copies().display()
    );
    Ok(())
}

/// The demo portal with Alex signed in and his iPhone enrolled and
/// answering; all of it stopped when dropped, the device first.
struct Demo {
    device: Background,
    portal: DemoPortal,
    _gateway: ApnsGateway,
    /// Alex's session, as a `Cookie` header carries it.
    cookie: String,
    device_id: DeviceId,
}

impl Demo {
    /// Starts the stand-in APNs gateway and the portal (the release
    /// builds in `release`), signs Alex in and enrolls a simulated iPhone
    /// for him, as a real one would be: it keeps answering pushes.
    fn start(release: &Path, dirs: &BenchDirs) -> Result<Demo, String> {
        let gateway = ApnsGateway::start(&release.join("device-sim"), &dirs.data)?;
        let portal = DemoPortal::start(
            &release.join("portal-server"),
            &dirs.data,
            &dirs.site,
            &gateway,
            &dirs.logs.join("portal-server.log"),
        )?;
        eprintln!("xtask: bench: the demo portal is at {}", portal.url);
        let mut api = Api::new(&portal)?;
        let cookie = api.sign_in(DEMO_USER, &portal.password)?;

        let enrollment = api.start_enrollment()?;
        let link = api.profile_link(&enrollment)?;
        let log = dirs.logs.join("device-sim.log");
        let output = fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut device = Background::spawn(
            Command::new(release.join("device-sim"))
                .arg("enroll")
                .args(["--profile", &format!("{}{}", portal.url, link.url)])
                .args(["--cookie", &cookie])
                .args(["--insecure", "--stay", "--name", "Alex's iPhone"])
                .args(["--os-version", "17.4"])
                .args(["--apns", &gateway.url])
                .arg("--apns-ca")
                .arg(&gateway.certificate)
                .stdout(output.try_clone().map_err(|e| e.to_string())?)
                .stderr(output),
        )?;
        let device_id = api
            .wait_for_enrolled_device(&enrollment, &mut device)
            .map_err(|e| format!("{e} (device-sim's log: {})", log.display()))?;
        eprintln!("xtask: bench: Alex's iPhone is enrolled ({})", device_id.0);
        Ok(Demo {
            device,
            portal,
            _gateway: gateway,
            cookie,
            device_id,
        })
    }

    /// What Lighthouse (and the plain copy's browser) opens for `page`.
    fn audit(&self, page: &Page, variant: Variant) -> Audit<'_> {
        let url = match variant {
            Variant::Page => format!("{}{}", self.portal.url, page.path),
            Variant::PlainCopy => format!("{}/{PLAIN_DIR}/{}.html", self.portal.url, page.name),
        };
        Audit {
            url,
            cookie: page.signed_in.then_some(self.cookie.as_str()),
            user_agent: page.iphone.then_some(IPHONE_SAFARI_UA),
        }
    }

    /// An error if the portal or the device has stopped.
    fn check_running(&mut self) -> Result<(), String> {
        self.portal.check_running()?;
        self.device.check_running()
    }
}

/// Saves the plain copy of each page as the SPA renders it.
fn save_plain_copies(demo: &Demo, pages: &[Page], dirs: &BenchDirs) -> Result<(), String> {
    for page in pages {
        let out = dirs.plain_copies().join(format!("{}.html", page.name));
        plain_copy::save(
            &CHROMIUM,
            &demo.audit(page, Variant::Page),
            page.ready,
            &dirs.profile(&format!("{}-copy", page.name))?,
            &out,
            &dirs.logs.join(format!("{}-plain-copy.log", page.name)),
        )?;
        eprintln!(
            "xtask: bench: plain copy of {} saved to {}",
            page.path,
            out.display()
        );
    }
    Ok(())
}

/// [`RUNS`] Lighthouse runs of each page and of its plain copy.
fn measure<'a>(
    demo: &mut Demo,
    pages: &'a [Page],
    dirs: &BenchDirs,
    options: &Options,
) -> Result<Vec<Measured<'a>>, String> {
    let mut measured = Vec::new();
    for page in pages {
        let mut runs = Measured {
            page,
            page_runs: Vec::new(),
            plain_runs: Vec::new(),
        };
        // Alternating, so a busy moment of the machine falls on both.
        for run in 1..=RUNS {
            for &variant in options.variants() {
                demo.check_running()?;
                let id = format!("{}-{}-{run}", page.name, variant.name());
                let audit = demo.audit(page, variant);
                let mut attempt = 1;
                let measurement = loop {
                    // A fresh profile for each attempt, as for each run.
                    let profile = match attempt {
                        1 => dirs.profile(&id)?,
                        n => dirs.profile(&format!("{id}-attempt-{n}"))?,
                    };
                    match lighthouse::run(
                        &CHROMIUM,
                        &audit,
                        &profile,
                        &dirs.reports.join(format!("{id}.json")),
                        &dirs.logs.join(format!("{id}.log")),
                        options.traces,
                    ) {
                        Err(error)
                            if attempt < ATTEMPTS && lighthouse::asks_to_run_again(&error) =>
                        {
                            eprintln!(
                                "xtask: bench: {id}: Lighthouse asks to run again; attempt {}",
                                attempt + 1
                            );
                            attempt += 1;
                        }
                        result => break result?,
                    }
                };
                eprintln!("xtask: bench: {}", progress(&id, &measurement));
                match variant {
                    Variant::Page => runs.page_runs.push(measurement),
                    Variant::PlainCopy => runs.plain_runs.push(measurement),
                }
            }
        }
        measured.push(runs);
    }
    Ok(measured)
}

/// How many times one run is tried when Lighthouse's trace of it went
/// wrong (`NO_NAVSTART` and the like, about one run in thirty here).
const ATTEMPTS: u32 = 3;

/// Each of `dirs`, emptied (made when missing), so a run starts from
/// nothing a previous one left.
fn empty_dirs(dirs: &[&Path]) -> Result<(), String> {
    for dir in dirs {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(())
}

/// The benchmark's directories under `<target>/bench`, emptied first so
/// each run starts from a fresh database and profiles.
struct BenchDirs {
    /// The portal's database, certificates and the demo's push CA.
    data: PathBuf,
    /// What the portal serves: dist/ and the plain copies.
    site: PathBuf,
    /// One fresh Chromium profile per run.
    profiles: PathBuf,
    /// Lighthouse's JSON reports.
    reports: PathBuf,
    /// Each process's and run's output.
    logs: PathBuf,
}

impl BenchDirs {
    fn fresh(bench: &Path) -> Result<BenchDirs, String> {
        let dirs = BenchDirs {
            data: bench.join("data"),
            site: bench.join("site"),
            profiles: bench.join("profiles"),
            reports: bench.join("lighthouse"),
            logs: bench.join("logs"),
        };
        empty_dirs(&[
            &dirs.data,
            &dirs.site,
            &dirs.profiles,
            &dirs.reports,
            &dirs.logs,
        ])?;
        Ok(dirs)
    }

    /// Where the served site keeps the plain copies.
    fn plain_copies(&self) -> PathBuf {
        self.site.join(PLAIN_DIR)
    }

    /// A new, empty Chromium profile directory named `id`.
    fn profile(&self, id: &str) -> Result<PathBuf, String> {
        let dir = self.profiles.join(id);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(dir)
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// One run in a line, e.g. `sign-in-page-1: Perf. 87, LCP 2.35 s`.
fn progress(id: &str, measurement: &Measurement) -> String {
    let mut line = format!(
        "{id}: Perf. {}, LCP {}",
        lighthouse::format(measurement.values[0], COLUMNS[0].unit),
        lighthouse::format(measurement.values[LCP], COLUMNS[LCP].unit)
    );
    if !measurement.long_tasks.is_empty() {
        let tasks: Vec<String> = measurement
            .long_tasks
            .iter()
            .map(|task| {
                let script = task.url.rsplit('/').next().unwrap_or(&task.url);
                format!("{:.0} ms at {:.0} ms ({script})", task.duration, task.start)
            })
            .collect();
        line.push_str(&format!(
            ", TBT {}; long tasks (4× slowed): {}",
            lighthouse::format(measurement.values[TBT], COLUMNS[TBT].unit),
            tasks.join(", ")
        ));
    }
    for warning in &measurement.warnings {
        line.push_str("\n    Lighthouse warns: ");
        line.push_str(warning);
    }
    line
}

/// Lighthouse's and Chromium's versions and the machine, as measured.
/// `load`: the machine's load average before and after the runs (other
/// work on the machine slows the page's scripts, and so the figures).
fn print_environment(measured: &[Measured], load: [Option<String>; 2]) {
    let first = measured.iter().flat_map(|m| m.page_runs.first()).next();
    let lighthouse_version = first.map_or("?", |m| m.lighthouse_version.as_str());
    // Its full version: Chromium's user agent carries only the major one.
    let chromium = process::output_of(Command::new(install::CHROMIUM).arg("--version"))
        .and_then(|version| {
            let words: Vec<&str> = version.split_whitespace().take(2).collect();
            (words.len() == 2).then(|| words.join(" "))
        })
        .unwrap_or_else(|| "Chromium (version unknown)".into());
    let benchmark_indexes = measured
        .iter()
        .flat_map(|m| m.page_runs.iter().chain(&m.plain_runs))
        .map(|m| m.benchmark_index);
    let benchmark_index = lighthouse::median(benchmark_indexes)
        .map_or_else(|| "?".to_owned(), |index| format!("{index:.0}"));
    println!(
        "{} (UTC), Lighthouse {lighthouse_version} with its default mobile settings (emulated \
         Moto G Power, 4× CPU slowdown, simulated slow 4G), {chromium} headless; medians of \
         {RUNS} runs each.",
        utc_date(std::time::SystemTime::now())
    );
    let [before, after] = load.map(|load| load.unwrap_or_else(|| "?".into()));
    println!(
        "Machine: {}, {} cores, load average {before} before the runs and {after} after; \
         Lighthouse's benchmark index {benchmark_index}.",
        cpu_model().unwrap_or_else(|| "unknown CPU".into()),
        std::thread::available_parallelism().map_or(1, usize::from)
    );
}

/// The medians, one row per page and per plain copy, as a Markdown table;
/// the page's row ends with its LCP over its plain copy's.
fn print_table(measured: &[Measured]) {
    let mut heading = String::from("| page | variant |");
    let mut rule = String::from("| --- | --- |");
    for column in &COLUMNS {
        heading.push_str(&format!(" {} |", column.heading));
        rule.push_str(" ---: |");
    }
    println!("{heading} LCP page ÷ plain |");
    println!("{rule} ---: |");
    for m in measured {
        let page = lighthouse::medians(&m.page_runs);
        let plain = lighthouse::medians(&m.plain_runs);
        let ratio = match (page[LCP], plain[LCP]) {
            (Some(page), Some(plain)) if plain > 0.0 => format!("{:.2}", page / plain),
            _ => "–".into(),
        };
        let row = |values: &[Option<f64>; COLUMNS.len()]| {
            COLUMNS
                .iter()
                .zip(values)
                .map(|(column, value)| format!(" {} |", lighthouse::format(*value, column.unit)))
                .collect::<String>()
        };
        println!(
            "| {} (`{}`) | page |{} {ratio} |",
            m.page.title,
            m.page.route,
            row(&page)
        );
        if !m.plain_runs.is_empty() {
            println!("| | plain copy |{} |", row(&plain));
        }
    }
}

/// `cargo xtask size`'s first load for each page's route.
fn print_route_sizes(pages: &[Page]) -> Result<(), String> {
    println!("First-load transfer per route (`cargo xtask size`, bytes):");
    println!();
    println!("| route | raw | gzip | brotli |");
    println!("| --- | ---: | ---: | ---: |");
    for page in pages {
        let [raw, gzip, brotli] =
            size::route_first_load_transfer(&build::dist_dir(), page.size_route)?;
        println!(
            "| `{}` | {} | {} | {} |",
            page.route,
            lighthouse::thousands(raw as u64),
            lighthouse::thousands(gzip as u64),
            lighthouse::thousands(brotli as u64)
        );
    }
    println!();
    println!(
        "A route's first load: index.html, what it loads (CSS, the JS glue, the main wasm) \
         and the page's own wasm modules, which its loader preloads."
    );
    Ok(())
}

/// The CPU's name from /proc/cpuinfo, where there is one.
fn cpu_model() -> Option<String> {
    let info = fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, name)| name.trim().to_owned())
}

/// The 1-minute load average from /proc/loadavg, where there is one.
fn load_average() -> Option<String> {
    let loadavg = fs::read_to_string("/proc/loadavg").ok()?;
    loadavg.split_whitespace().next().map(str::to_owned)
}

/// `YYYY-MM-DD` of `time` in UTC.
fn utc_date(time: std::time::SystemTime) -> String {
    let seconds = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    // Howard Hinnant's civil_from_days: the proleptic Gregorian calendar
    // in eras of 400 years, starting on 1 March.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn dates_in_utc() {
        assert_eq!(utc_date(UNIX_EPOCH), "1970-01-01");
        // 2000-02-29, a leap day in a century year.
        assert_eq!(
            utc_date(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29"
        );
        // 2024-12-31 23:59:59.
        assert_eq!(
            utc_date(UNIX_EPOCH + Duration::from_secs(1_735_689_599)),
            "2024-12-31"
        );
    }

    #[test]
    fn options_pick_pages_plain_copies_and_traces() {
        let args = |list: &[&str]| list.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
        assert_eq!(Options::parse(&[]).unwrap(), Options::default());
        let options =
            Options::parse(&args(&["--page", "sign-in", "--no-plain", "--traces"])).unwrap();
        assert_eq!(options.pages, ["sign-in"]);
        assert_eq!(options.variants(), [Variant::Page]);
        assert!(options.traces);
        assert_eq!(
            Options::default().variants(),
            [Variant::Page, Variant::PlainCopy]
        );
        assert!(Options::parse(&args(&["--page"])).is_err());
        assert!(Options::parse(&args(&["--fast"])).is_err());
    }

    #[test]
    fn every_page_has_a_distinct_name_and_a_ready_selector() {
        let pages = pages("abc");
        for page in &pages {
            assert!(!page.ready.is_empty());
            assert!(page.path.starts_with('/'));
            assert_eq!(pages.iter().filter(|p| p.name == page.name).count(), 1);
        }
        assert_eq!(pages[3].path, "/devices/abc");
    }
}
