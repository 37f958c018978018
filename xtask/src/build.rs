//! `cargo xtask build`: the SPA into dist/, release, pre-compressed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::process::{run_to_end, tool, workspace_root};

pub fn dist_dir() -> PathBuf {
    workspace_root().join("dist")
}

/// Trunk builds (profile `wasm-release`, wasm-opt -Oz, fingerprinted names),
/// then every asset gets `.br` and `.gz` siblings so the server never
/// compresses on the fly.
pub fn spa() -> Result<(), String> {
    run_to_end(tool("trunk").current_dir(workspace_root()).args([
        "build",
        "--release",
        "--offline",
    ]))?;
    let assets = assets_in(&dist_dir())?;
    for asset in &assets {
        precompress(asset)?;
    }
    eprintln!("xtask: built {} assets into dist/", assets.len());
    Ok(())
}

/// Every built file except the compressed siblings, sorted by path.
pub fn assets_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else if !is_compressed_sibling(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_compressed_sibling(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("br" | "gz"))
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn precompress(path: &Path) -> Result<(), String> {
    let raw = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let write = |suffix: &str, bytes: Vec<u8>| {
        let target = sibling(path, suffix);
        fs::write(&target, bytes).map_err(|e| format!("{}: {e}", target.display()))
    };
    write(".br", brotli_bytes(&raw)?)?;
    write(".gz", gzip_bytes(&raw)?)
}

pub fn brotli_bytes(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        // Quality 11 and a 4 MiB window: the best ratio, paid once at build.
        let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        writer.write_all(raw).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

pub fn gzip_bytes(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(raw).map_err(|e| e.to_string())?;
    encoder.finish().map_err(|e| e.to_string())
}
