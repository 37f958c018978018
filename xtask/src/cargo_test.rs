//! Running `cargo test` while passing its output through, and reading from
//! that output which test binaries and which tests failed, for the summary
//! `cargo xtask test` prints at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::process::describe;

/// What one `cargo test` run reported.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TestReport {
    pub passed: u32,
    pub failed: u32,
    /// `(binary, test)`: e.g. `("accessibility", "accessibility_keyboard_only_in_webkit")`.
    pub failed_tests: Vec<(String, String)>,
    /// Binaries that failed without naming a failed test (a crash, a
    /// timeout that killed them, a build error): cargo's rerun hint.
    pub failed_binaries: Vec<String>,
}

impl TestReport {
    /// One line per failure, for the summary.
    pub fn failures(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .failed_tests
            .iter()
            .map(|(binary, test)| format!("{binary}: {test}"))
            .collect();
        lines.extend(
            self.failed_binaries
                .iter()
                .map(|binary| format!("{binary}: failed without a test result (see its output)")),
        );
        lines
    }

    /// Reads one line of cargo's or a test binary's output.
    fn read(&mut self, line: &str, binary: &mut String) {
        let line = line.trim_end();
        if let Some(running) = line.trim_start().strip_prefix("Running ") {
            *binary = binary_name(running);
        } else if let Some(doc) = line.trim_start().strip_prefix("Doc-tests ") {
            *binary = format!("doc-tests {doc}");
        } else if let Some(test) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.strip_suffix(" ... FAILED"))
        {
            self.failed_tests.push((binary.clone(), test.to_owned()));
        } else if let Some(counts) = line.strip_prefix("test result: ") {
            self.passed += count_before(counts, " passed");
            self.failed += count_before(counts, " failed");
        } else if let Some(hint) = line
            .trim_start()
            .strip_prefix("error: test failed, to rerun pass ")
        {
            // Cargo names a failed binary right after it ends; a binary
            // whose failed tests were already read needs no second line.
            let named = self.failed_tests.iter().any(|(b, _)| b == binary);
            if !named {
                self.failed_binaries
                    .push(format!("{binary} ({})", hint.trim_matches('`')));
            }
        }
    }
}

/// Runs `cargo test ...`, its output passed through as it comes, and
/// returns what it reported with whether it succeeded.
pub fn run(command: &mut Command) -> Result<(bool, TestReport), String> {
    let shown = describe(command);
    eprintln!("xtask: $ {shown}");
    // One pipe for both streams, so lines arrive in the order they were
    // written: cargo's "Running <binary>" (stderr) before that binary's
    // results (stdout).
    let (pipe, writer) = std::io::pipe().map_err(|e| format!("a pipe for `{shown}`: {e}"))?;
    let writer_too = writer
        .try_clone()
        .map_err(|e| format!("a pipe for `{shown}`: {e}"))?;
    let spawned = command.stdout(writer_too).stderr(writer).spawn();
    // The command keeps its copies of the pipe's write end until told
    // otherwise; with them open the pipe never ends.
    command.stdout(Stdio::inherit()).stderr(Stdio::inherit());
    let mut child = spawned.map_err(|e| format!("could not start `{shown}`: {e}"))?;

    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || forward_lines(pipe, &sender));
    let mut report = TestReport::default();
    let mut binary = String::from("?");
    let mut show = |line: String, report: &mut TestReport| {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(line.as_bytes());
        let _ = out.flush();
        report.read(&line, &mut binary);
    };
    let status = loop {
        match lines.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => show(line, &mut report),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break child.wait();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) => {}
                Err(error) => break Err(error),
            },
        }
    }
    .map_err(|e| format!("`{shown}` could not be waited for: {e}"))?;
    // What it wrote before it ended; a process it left behind (a server a
    // killed test never stopped) may hold the pipe open, so not until the
    // pipe ends, only while lines keep coming.
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(2)) {
        show(line, &mut report);
    }
    Ok((status.success(), report))
}

/// Sends each line read from `pipe` (with its newline; invalid UTF-8
/// replaced) until it closes.
fn forward_lines(pipe: impl Read, sender: &mpsc::Sender<String>) {
    let mut reader = BufReader::new(pipe);
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                if sender
                    .send(String::from_utf8_lossy(&buffer).into_owned())
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

/// `tests/accessibility.rs (/…/deps/accessibility-0123abcd)` → `accessibility`;
/// `unittests src/lib.rs (/…/deps/portal_server-0123abcd)` → `portal_server`.
fn binary_name(running: &str) -> String {
    let executable = running
        .rsplit_once(" (")
        .map(|(_, path)| path.trim_end_matches(')'))
        .unwrap_or(running);
    let file = executable.rsplit('/').next().unwrap_or(executable);
    match file.rsplit_once('-') {
        Some((name, hash)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => name.to_owned(),
        _ => file.to_owned(),
    }
}

/// In `ok. 8 passed; 1 failed; ...`, the number before `what`.
fn count_before(counts: &str, what: &str) -> u32 {
    counts
        .split(';')
        .find_map(|part| {
            part.trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ")
                .strip_suffix(what)
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::TestReport;

    fn report_of(output: &str) -> TestReport {
        let mut report = TestReport::default();
        let mut binary = String::from("?");
        for line in output.lines() {
            report.read(line, &mut binary);
        }
        report
    }

    #[test]
    fn names_the_failed_tests_with_their_binaries() {
        let report = report_of(
            "     Running tests/accessibility.rs (/t/debug/deps/accessibility-5f0e2c1d9a8b7c6d)\n\
             running 2 tests\n\
             test accessibility_keyboard_only_in_chromium ... ok\n\
             test accessibility_guidance_dark_reduced_motion_in_webkit ... FAILED\n\
             test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 9.01s\n\
             error: test failed, to rerun pass `-p e2e --test accessibility`\n\
                  Running tests/languages.rs (/t/debug/deps/languages-0123456789abcdef)\n\
             test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 3.00s\n\
                  Running tests/offline_journey.rs (/t/debug/deps/offline_journey-0123456789abcdef)\n\
             error: test failed, to rerun pass `-p e2e --test offline_journey`\n",
        );
        assert_eq!((report.passed, report.failed), (3, 1));
        assert_eq!(
            report.failures(),
            [
                "accessibility: accessibility_guidance_dark_reduced_motion_in_webkit",
                "offline_journey (-p e2e --test offline_journey): failed without a test result (see its output)",
            ]
        );
    }

    #[test]
    fn unit_test_binaries_are_named_for_their_crate() {
        let report = report_of(
            "     Running unittests src/lib.rs (/t/debug/deps/portal_server-00ff00ff00ff00ff)\n\
             test mdm::tests::checkin ... FAILED\n",
        );
        assert_eq!(report.failures(), ["portal_server: mdm::tests::checkin"]);
    }
}
