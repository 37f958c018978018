//! - Rebuild when a migration is added or changed: `sqlx::migrate!` embeds them.
//! - Compile the SPA's message catalogs (`src/i18n/locales/<tag>.ftl` of the
//!   workspace) into `$OUT_DIR/catalogs.rs`, for the first paint the server
//!   renders in the person's language (`first_paint::messages`). A catalog
//!   with mistakes fails the build with its lines, as in the SPA's build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs};

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=migrations");
    match compile_catalogs() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn compile_catalogs() -> Result<(), String> {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").ok_or("no CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").ok_or("no OUT_DIR")?);
    let locales = manifest_dir.join("../../src/i18n/locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut sources: Vec<PathBuf> = fs::read_dir(&locales)
        .map_err(|e| format!("{}: {e}", locales.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    sources.sort();
    let mut table = String::from("/// `(tag, compiled catalog JSON)` of every `src/i18n/locales/<tag>.ftl`.\npub const CATALOGS: &[(&str, &str)] = &[\n");
    for path in &sources {
        println!("cargo:rerun-if-changed={}", path.display());
        let tag = tag_of(path)?;
        let source = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let catalog =
            portal_i18n::compile(&source).map_err(|e| format!("{}:\n{e}", path.display()))?;
        let json = serde_json::to_string(&catalog).map_err(|e| e.to_string())?;
        let file = out_dir.join(format!("catalog-{tag}.json"));
        fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
        table.push_str(&format!(
            "    ({tag:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/catalog-{tag}.json\"))),\n"
        ));
    }
    table.push_str("];\n");
    let target = out_dir.join("catalogs.rs");
    fs::write(&target, table).map_err(|e| format!("{}: {e}", target.display()))
}

fn tag_of(path: &Path) -> Result<String, String> {
    let tag = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .ok_or_else(|| format!("{}: not a language tag", path.display()))?;
    if tag.is_empty() || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(format!("{}: not a language tag", path.display()));
    }
    Ok(tag.to_owned())
}
