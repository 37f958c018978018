//! Running child processes with the tools' directories on PATH.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    home.join("bin")
}

/// The npm packages the build and tests use (binaryen's wasm-opt, ...).
pub fn npm_dir() -> PathBuf {
    workspace_root().join("xtask").join("npm")
}

/// PATH with the npm tools first (so Trunk finds binaryen 132's wasm-opt,
/// never Debian's older one) and cargo's bin directory after them.
pub fn tool_path() -> std::ffi::OsString {
    let mut dirs = vec![npm_dir().join("node_modules").join(".bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command that finds the project's tools on PATH.
pub fn tool(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", tool_path());
    command
}

/// Where cargo builds: `CARGO_TARGET_DIR`, else the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}

pub fn cargo() -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    tool(&cargo)
}

/// Runs the command, inheriting stdio; an error names the command.
pub fn run_to_end(command: &mut Command) -> Result<(), String> {
    let shown = describe(command);
    eprintln!("xtask: $ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The command's stdout when it runs and succeeds, else None.
pub fn output_of(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The command line, as shown to people.
pub fn describe(command: &Command) -> String {
    let mut shown = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        shown.push(' ');
        shown.push_str(&arg.to_string_lossy());
    }
    shown
}

/// A child process that runs beside the command (a server, a simulated
/// device) and is ended when this is dropped: on success, on an error
/// returned with `?`, and on a panic alike, so none outlives xtask.
pub struct Background {
    child: std::process::Child,
    shown: String,
}

impl Background {
    /// Starts the command; an error names it.
    pub fn spawn(command: &mut Command) -> Result<Background, String> {
        let shown = describe(command);
        eprintln!("xtask: $ {shown} &");
        let child = command
            .spawn()
            .map_err(|e| format!("could not start `{shown}`: {e}"))?;
        Ok(Background { child, shown })
    }

    /// The process id (e.g. to read its memory from /proc).
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    pub fn child_mut(&mut self) -> &mut std::process::Child {
        &mut self.child
    }

    /// An error if the process has already ended (it was meant to keep
    /// running), naming it and how it ended.
    pub fn check_running(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!("`{}` ended early ({status})", self.shown)),
            Err(e) => Err(format!("`{}`: {e}", self.shown)),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
