//! Compiles the English message catalog, `src/i18n/locales/en.ftl`, into
//! `$OUT_DIR/en.json`, which the app embeds (src/i18n/catalog.rs). The
//! Fluent parser runs here, on the build host, so none of it is in the wasm;
//! a catalog with mistakes fails the build with their lines.

use std::path::PathBuf;
use std::process::ExitCode;
use std::{env, fs};

const ENGLISH: &str = "src/i18n/locales/en.ftl";

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed={ENGLISH}");
    match compile() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Cargo shows a failed build script's stderr.
            eprintln!("error: {ENGLISH}:\n{message}");
            ExitCode::FAILURE
        }
    }
}

fn compile() -> Result<(), String> {
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR is not set")?;
    let out_dir = env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let source = fs::read_to_string(PathBuf::from(manifest_dir).join(ENGLISH))
        .map_err(|error| error.to_string())?;
    let catalog = portal_i18n::compile(&source).map_err(|error| error.to_string())?;
    let json = serde_json::to_string(&catalog).map_err(|error| error.to_string())?;
    let target = PathBuf::from(out_dir).join("en.json");
    fs::write(&target, json).map_err(|error| format!("{}: {error}", target.display()))
}
