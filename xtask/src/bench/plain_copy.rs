//! The plain copy of a page: the DOM the SPA rendered, without scripts,
//! saved by `xtask/bench/plain-copy.mjs` into the served site, so the
//! portal serves it beside the SPA (same origin, same headers, the same
//! pre-compressed siblings as every built file).

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::bench::lighthouse::{Audit, Chromium};
use crate::build::{brotli_bytes, gzip_bytes};
use crate::install::node_binary;
use crate::process::{describe, tool, workspace_root};

fn script() -> PathBuf {
    workspace_root()
        .join("xtask")
        .join("bench")
        .join("plain-copy.mjs")
}

/// Opens `audit` as Lighthouse would, waits until `ready` (a CSS selector)
/// shows and the page has settled, and saves the plain copy to `out` with
/// its `.br` and `.gz` siblings. The script's output goes to `log`.
pub fn save(
    chromium: &Chromium,
    audit: &Audit,
    ready: &str,
    profile: &Path,
    out: &Path,
    log: &Path,
) -> Result<(), String> {
    let options = serde_json::json!({
        "chromium": chromium.binary,
        "flags": chromium.flags,
        "userDataDir": profile,
        "url": audit.url,
        "cookie": audit.cookie,
        "userAgent": audit.user_agent,
        "ready": ready,
        "out": out,
    });
    let output = File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let errors = output.try_clone().map_err(|e| e.to_string())?;
    let mut command = tool(&node_binary().to_string_lossy());
    command
        .arg(script())
        .arg(options.to_string())
        .stdin(Stdio::null())
        .stdout(output)
        .stderr(errors);
    let shown = describe(&command);
    let status = command
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if !status.success() {
        let said = std::fs::read_to_string(log).unwrap_or_default();
        return Err(format!(
            "could not save the plain copy of {} ({status}):\n{}",
            audit.url,
            said.trim_end()
        ));
    }
    let html = std::fs::read(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for (suffix, bytes) in [(".br", brotli_bytes(&html)?), (".gz", gzip_bytes(&html)?)] {
        let mut name = out.as_os_str().to_owned();
        name.push(suffix);
        std::fs::write(&name, bytes).map_err(|e| format!("{}: {e}", Path::new(&name).display()))?;
    }
    Ok(())
}
