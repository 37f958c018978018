//! One Lighthouse run (npm's `lighthouse` CLI, from xtask/npm) on one page,
//! and the figures the benchmark reads from its JSON report.

use std::fs::File;
use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

use crate::process::{describe, tool};

/// Headless Chromium as the benchmark starts it, for Lighthouse and for the
/// plain copies alike.
pub struct Chromium {
    pub binary: &'static str,
    /// Without `--user-data-dir`: each run gets its own.
    pub flags: &'static [&'static str],
}

/// What to measure, and as whom.
pub struct Audit<'a> {
    pub url: String,
    /// `Cookie` header sent with every request (a signed-in session).
    pub cookie: Option<&'a str>,
    /// Instead of Lighthouse's emulated phone's own (an iPhone's Safari).
    pub user_agent: Option<&'a str>,
}

/// Where a column's figure comes from in the report.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// `categories.<id>.score`, 0–1.
    Category(&'static str),
    /// `audits.<id>.numericValue`.
    Audit(&'static str),
}

/// How a column's figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 0–100 (Lighthouse's 0–1 times 100).
    Score,
    /// Milliseconds, shown as seconds.
    Seconds,
    Milliseconds,
    /// A plain number (layout shift).
    Plain,
    Bytes,
}

pub struct Column {
    pub heading: &'static str,
    source: Source,
    pub unit: Unit,
}

/// The figures of a run, in the table's order.
pub const COLUMNS: [Column; 9] = [
    Column {
        heading: "Perf.",
        source: Source::Category("performance"),
        unit: Unit::Score,
    },
    Column {
        heading: "A11y",
        source: Source::Category("accessibility"),
        unit: Unit::Score,
    },
    Column {
        heading: "Best pr.",
        source: Source::Category("best-practices"),
        unit: Unit::Score,
    },
    Column {
        heading: "SEO",
        source: Source::Category("seo"),
        unit: Unit::Score,
    },
    Column {
        heading: "FCP",
        source: Source::Audit("first-contentful-paint"),
        unit: Unit::Seconds,
    },
    Column {
        heading: "LCP",
        source: Source::Audit("largest-contentful-paint"),
        unit: Unit::Seconds,
    },
    Column {
        heading: "TBT",
        source: Source::Audit("total-blocking-time"),
        unit: Unit::Milliseconds,
    },
    Column {
        heading: "CLS",
        source: Source::Audit("cumulative-layout-shift"),
        unit: Unit::Plain,
    },
    Column {
        heading: "Transfer",
        source: Source::Audit("total-byte-weight"),
        unit: Unit::Bytes,
    },
];

/// The index of Largest Contentful Paint in [`COLUMNS`].
pub const LCP: usize = 5;
/// The index of Total Blocking Time in [`COLUMNS`].
pub const TBT: usize = 6;

/// A main-thread task of 50 ms or more, as Lighthouse's `long-tasks` audit
/// lists it (its simulated duration, on the 4× slowed CPU).
#[derive(Debug, Clone, PartialEq)]
pub struct LongTask {
    /// The script it is attributed to, e.g. `https://…/company-portal-….js`,
    /// or `Unattributable`.
    pub url: String,
    /// Milliseconds.
    pub duration: f64,
    /// Milliseconds after navigation start.
    pub start: f64,
}

/// What one run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// One per [`COLUMNS`]; `None` where Lighthouse could not tell.
    pub values: [Option<f64>; COLUMNS.len()],
    /// e.g. `12.8.2`.
    pub lighthouse_version: String,
    /// Lighthouse's own benchmark of this machine's CPU.
    pub benchmark_index: Option<f64>,
    /// What Lighthouse warned about (a redirect, a slow machine).
    pub warnings: Vec<String>,
    /// The main thread's long tasks, in order.
    pub long_tasks: Vec<LongTask>,
}

/// Runs Lighthouse on `audit` with its default mobile settings (an
/// emulated Moto G Power, 4× CPU slowdown, simulated slow 4G) in a fresh
/// Chromium profile `profile`; writes the JSON report to `report` and its
/// output to `log`. With `trace`, the run's devtools trace and log are kept
/// beside the report (`<report stem>-0.trace.json`, for Chromium's
/// performance panel).
pub fn run(
    chromium: &Chromium,
    audit: &Audit,
    profile: &Path,
    report: &Path,
    log: &Path,
    trace: bool,
) -> Result<Measurement, String> {
    let mut flags: Vec<String> = chromium.flags.iter().map(|f| (*f).to_owned()).collect();
    // Quoted: Lighthouse splits its --chrome-flags like a shell.
    flags.push(format!("--user-data-dir=\"{}\"", profile.display()));
    let mut command = tool("lighthouse");
    command
        .env("CHROME_PATH", chromium.binary)
        .arg(&audit.url)
        .args(["--output=json", "--quiet", "--no-enable-error-reporting"])
        .arg(format!("--output-path={}", report.display()))
        .args(["--form-factor=mobile", "--throttling-method=simulate"])
        .arg("--only-categories=performance,accessibility,best-practices,seo")
        .arg(format!("--chrome-flags={}", flags.join(" ")));
    if trace {
        command.arg("--save-assets");
    }
    if let Some(cookie) = audit.cookie {
        let headers = serde_json::json!({ "Cookie": cookie });
        command.arg(format!("--extra-headers={headers}"));
    }
    if let Some(user_agent) = audit.user_agent {
        command.arg(format!("--emulated-user-agent={user_agent}"));
    }
    let output = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let errors = output.try_clone().map_err(|e| e.to_string())?;
    command.stdin(Stdio::null()).stdout(output).stderr(errors);
    let shown = describe(&command);
    let status = command
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`{shown}` failed ({status}); its output ({}):\n{}",
            log.display(),
            last_lines(log, 20)
        ));
    }
    let json = std::fs::read_to_string(report).map_err(|e| format!("{}: {e}", report.display()))?;
    parse(&json).map_err(|e| format!("{}: {e}", report.display()))
}

/// Whether a failed run's error is one Lighthouse itself says to run again
/// for: its trace of the page load went wrong (`NO_NAVSTART`), not the
/// page.
pub fn asks_to_run_again(error: &str) -> bool {
    error.contains("Please run Lighthouse again")
}

/// Reads a Lighthouse JSON report. A run whose page did not load (a
/// `runtimeError`) is an error: there is nothing to measure.
pub fn parse(json: &str) -> Result<Measurement, String> {
    let report: Value =
        serde_json::from_str(json).map_err(|e| format!("not a Lighthouse report: {e}"))?;
    if let Some(error) = report.get("runtimeError") {
        let code = error.get("code").and_then(Value::as_str).unwrap_or("?");
        let message = error.get("message").and_then(Value::as_str).unwrap_or("");
        return Err(format!(
            "Lighthouse could not measure the page: {code}: {message}"
        ));
    }
    let lighthouse_version = report
        .get("lighthouseVersion")
        .and_then(Value::as_str)
        .ok_or("not a Lighthouse report: no lighthouseVersion")?
        .to_owned();
    let values = COLUMNS.map(|column| match column.source {
        Source::Category(id) => report
            .pointer(&format!("/categories/{id}/score"))
            .and_then(Value::as_f64)
            .map(|score| score * 100.0),
        Source::Audit(id) => report
            .pointer(&format!("/audits/{id}/numericValue"))
            .and_then(Value::as_f64),
    });
    Ok(Measurement {
        values,
        lighthouse_version,
        benchmark_index: report
            .pointer("/environment/benchmarkIndex")
            .and_then(Value::as_f64),
        warnings: report
            .get("runWarnings")
            .and_then(Value::as_array)
            .map(|warnings| {
                warnings
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default(),
        long_tasks: long_tasks(&report),
    })
}

/// The `long-tasks` audit's tasks; none when the report has no such audit.
fn long_tasks(report: &Value) -> Vec<LongTask> {
    let Some(items) = report
        .pointer("/audits/long-tasks/details/items")
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            Some(LongTask {
                url: item.get("url")?.as_str()?.to_owned(),
                duration: item.get("duration")?.as_f64()?,
                start: item.get("startTime").and_then(Value::as_f64).unwrap_or(0.0),
            })
        })
        .collect()
}

/// The middle of the values Lighthouse could tell (of an even count, the
/// mean of the two middle ones); `None` if it could tell none.
pub fn median(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let mut known: Vec<f64> = values.into_iter().flatten().collect();
    if known.is_empty() {
        return None;
    }
    known.sort_by(f64::total_cmp);
    let middle = known.len() / 2;
    if known.len() % 2 == 1 {
        Some(known[middle])
    } else {
        Some((known[middle - 1] + known[middle]) / 2.0)
    }
}

/// The medians of each column over `runs`.
pub fn medians(runs: &[Measurement]) -> [Option<f64>; COLUMNS.len()] {
    std::array::from_fn(|column| median(runs.iter().map(|run| run.values[column])))
}

/// `value` as the table shows it in `unit`; `–` when unknown.
pub fn format(value: Option<f64>, unit: Unit) -> String {
    let Some(value) = value else {
        return "–".into();
    };
    match unit {
        Unit::Score => format!("{value:.0}"),
        Unit::Seconds => format!("{:.2} s", value / 1000.0),
        Unit::Milliseconds => format!("{value:.0} ms"),
        Unit::Plain => format!("{value:.3}"),
        Unit::Bytes => thousands(value.round() as u64),
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

fn last_lines(path: &Path, count: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_trace_is_run_again_a_broken_page_is_not() {
        assert!(asks_to_run_again(
            "`lighthouse …` failed (exit status: 1); its output (x.log):\nRuntime error encountered: Something went wrong with recording the trace over your page load. Please run Lighthouse again. (NO_NAVSTART)"
        ));
        assert!(!asks_to_run_again(
            "Lighthouse could not measure the page: ERRORED_DOCUMENT_REQUEST: Lighthouse was unable to reliably load the page you requested. (Status code: 500)"
        ));
    }

    /// The parts of a Lighthouse 12 report the benchmark reads.
    const REPORT: &str = r#"{
        "lighthouseVersion": "12.8.2",
        "environment": {"hostUserAgent": "Mozilla/5.0 HeadlessChrome/148.0.0.0", "benchmarkIndex": 1520.5},
        "runWarnings": ["The page was redirected"],
        "categories": {
            "performance": {"score": 0.87},
            "accessibility": {"score": 1},
            "best-practices": {"score": 0.96},
            "seo": {"score": null}
        },
        "audits": {
            "first-contentful-paint": {"numericValue": 1234.5},
            "largest-contentful-paint": {"numericValue": 2345.6},
            "total-blocking-time": {"numericValue": 120},
            "cumulative-layout-shift": {"numericValue": 0.0123},
            "total-byte-weight": {"numericValue": 352135},
            "long-tasks": {"details": {"items": [
                {"url": "https://127.0.0.1:1/app.js", "duration": 120.5, "startTime": 900},
                {"url": "Unattributable", "duration": 60}
            ]}}
        }
    }"#;

    #[test]
    fn reads_scores_and_metrics() {
        let measured = parse(REPORT).unwrap();
        assert_eq!(
            measured.values,
            [
                Some(87.0),
                Some(100.0),
                Some(96.0),
                None,
                Some(1234.5),
                Some(2345.6),
                Some(120.0),
                Some(0.0123),
                Some(352135.0)
            ]
        );
        assert_eq!(measured.lighthouse_version, "12.8.2");
        assert_eq!(measured.benchmark_index, Some(1520.5));
        assert_eq!(measured.warnings, ["The page was redirected"]);
        assert_eq!(
            measured.long_tasks,
            [
                LongTask {
                    url: "https://127.0.0.1:1/app.js".into(),
                    duration: 120.5,
                    start: 900.0
                },
                LongTask {
                    url: "Unattributable".into(),
                    duration: 60.0,
                    start: 0.0
                }
            ]
        );
        assert_eq!(COLUMNS[LCP].heading, "LCP");
        assert_eq!(COLUMNS[TBT].heading, "TBT");
    }

    #[test]
    fn a_page_that_did_not_load_is_an_error() {
        let report = r#"{"lighthouseVersion": "12.8.2", "runtimeError": {"code": "NO_FCP", "message": "The page did not paint any content."}}"#;
        let error = parse(report).unwrap_err();
        assert!(error.contains("NO_FCP"), "{error}");
        assert!(parse("<html>").is_err());
    }

    #[test]
    fn medians_skip_what_lighthouse_could_not_tell() {
        assert_eq!(median([Some(3.0), Some(1.0), Some(2.0)]), Some(2.0));
        assert_eq!(median([Some(3.0), None, Some(1.0)]), Some(2.0));
        assert_eq!(median([None, None]), None);
    }

    #[test]
    fn formats_each_unit() {
        assert_eq!(format(Some(86.6), Unit::Score), "87");
        assert_eq!(format(Some(2345.6), Unit::Seconds), "2.35 s");
        assert_eq!(format(Some(120.4), Unit::Milliseconds), "120 ms");
        assert_eq!(format(Some(0.01234), Unit::Plain), "0.012");
        assert_eq!(format(Some(352135.0), Unit::Bytes), "352,135");
        assert_eq!(format(None, Unit::Bytes), "–");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
