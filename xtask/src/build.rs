//! `cargo xtask build`: the SPA into dist/, release, pre-compressed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::app_wasm;
use crate::process::{run_to_end, tool, workspace_root};

pub fn dist_dir() -> PathBuf {
    workspace_root().join("dist")
}

/// Trunk builds index.html, the CSS and the copied files; xtask builds the
/// WebAssembly (profile `wasm-release`, split into lazily loaded modules,
/// wasm-opt -Oz, fingerprinted names: src/app_wasm.rs) and puts its loader
/// into index.html; then every asset gets `.br` and `.gz` siblings so the
/// server never compresses on the fly.
pub fn spa() -> Result<(), String> {
    run_to_end(tool("trunk").current_dir(workspace_root()).args([
        "build",
        "--release",
        "--offline",
    ]))?;
    let app = app_wasm::build_into(&dist_dir())?;
    eprintln!(
        "xtask: built {} and {} with {} lazily loaded pages",
        app.main_js,
        app.main_wasm,
        app.splits.len()
    );
    // Before the service worker's file list, so it caches them too.
    let translations = compile_translations(&locales_dir(), &dist_dir())?;
    eprintln!("xtask: compiled {translations} translations into dist/locales/");
    // Before compressing, so sw.js's siblings hold the stamped worker.
    let version = stamp_service_worker(&dist_dir())?;
    eprintln!("xtask: service worker version {version}");
    let assets = assets_in(&dist_dir())?;
    for asset in &assets {
        precompress(asset)?;
    }
    eprintln!("xtask: built {} assets into dist/", assets.len());
    Ok(())
}

/// The message catalogs, `<tag>.ftl`, English first written.
fn locales_dir() -> PathBuf {
    workspace_root().join("src").join("i18n").join("locales")
}

/// Compiles every catalog in `locales` but English (which build.rs puts
/// into the app) into `dist/locales/<tag>.json`, which the SPA fetches when
/// someone picks that language. A catalog with mistakes fails the build,
/// with every mistake of every catalog. Returns how many were compiled.
fn compile_translations(locales: &Path, dist: &Path) -> Result<usize, String> {
    let mut sources = Vec::new();
    let entries = fs::read_dir(locales).map_err(|e| format!("{}: {e}", locales.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let tag = path.file_stem().and_then(|stem| stem.to_str());
        if path.extension().is_some_and(|ext| ext == "ftl") && tag != Some("en") {
            sources.push(path);
        }
    }
    sources.sort();
    let mut compiled = Vec::new();
    let mut failures = Vec::new();
    for path in &sources {
        let source = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        match portal_i18n::compile(&source) {
            Ok(catalog) => compiled.push((path, catalog)),
            Err(error) => failures.push(format!("{}:\n{error}", path.display())),
        }
    }
    if !failures.is_empty() {
        return Err(format!(
            "the message catalogs have mistakes:\n{}",
            failures.join("\n")
        ));
    }
    let target = dist.join("locales");
    fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    for (path, catalog) in &compiled {
        let tag = path.file_stem().unwrap_or_default().to_string_lossy();
        let json = serde_json::to_string(catalog).map_err(|e| e.to_string())?;
        let file = target.join(format!("{tag}.json"));
        fs::write(&file, json).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(compiled.len())
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

/// The service worker Trunk copied from `public/sw.js`, in `dist/`.
const SERVICE_WORKER: &str = "sw.js";

/// Rewrites `dist/sw.js` from the template Trunk copied there: its version
/// (a hash of every other built file, so any change makes a new worker that
/// browsers install) and the list of files it caches for offline use.
/// Returns the version.
pub fn stamp_service_worker(dist: &Path) -> Result<String, String> {
    let worker = dist.join(SERVICE_WORKER);
    let template = fs::read_to_string(&worker).map_err(|e| format!("{}: {e}", worker.display()))?;
    let mut files = Vec::new();
    for asset in assets_in(dist)? {
        let relative = asset.strip_prefix(dist).map_err(|e| e.to_string())?;
        let url = url_path(relative)?;
        if url == format!("/{SERVICE_WORKER}") {
            continue;
        }
        let bytes = fs::read(&asset).map_err(|e| format!("{}: {e}", asset.display()))?;
        files.push((url, bytes));
    }
    let version = version_of(&files);
    let urls: Vec<String> = files.into_iter().map(|(url, _)| url).collect();
    let stamped =
        stamp(&template, &version, &urls).map_err(|e| format!("{}: {e}", worker.display()))?;
    fs::write(&worker, stamped).map_err(|e| format!("{}: {e}", worker.display()))?;
    Ok(version)
}

/// `/icons/icon-192.png` for `icons/icon-192.png`. Names Trunk and
/// `public/` produce need no escaping; anything else is refused rather than
/// cached under a URL the browser never asks for.
fn url_path(relative: &Path) -> Result<String, String> {
    let mut url = String::new();
    for part in relative.components() {
        // Not UTF-8 reads as empty, which is refused below.
        let part = part.as_os_str().to_str().unwrap_or_default();
        let plain = !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !plain {
            return Err(format!(
                "{}: the service worker's file list takes only letters, digits, '.', '-' and '_' in names",
                relative.display()
            ));
        }
        url.push('/');
        url.push_str(part);
    }
    Ok(url)
}

/// 16 hex digits of FNV-1a over each file's URL, length and bytes: not a
/// security hash, only a name that changes whenever a file does.
pub fn version_of(files: &[(String, Vec<u8>)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (url, bytes) in files {
        feed(url.as_bytes());
        feed(&(bytes.len() as u64).to_le_bytes());
        feed(bytes);
    }
    format!("{hash:016x}")
}

/// The template with its `const VERSION = …;` and `const PRECACHE = …;`
/// lines replaced. Both must be there exactly once, so a changed template
/// fails the build instead of shipping an unversioned worker.
fn stamp(template: &str, version: &str, urls: &[String]) -> Result<String, String> {
    let list: Vec<String> = urls.iter().map(|url| format!("\"{url}\"")).collect();
    let replacements = [
        (
            "const VERSION = ",
            format!("const VERSION = \"{version}\";"),
        ),
        (
            "const PRECACHE = ",
            format!("const PRECACHE = [{}];", list.join(", ")),
        ),
    ];
    let mut lines: Vec<String> = template.lines().map(str::to_owned).collect();
    for (prefix, replacement) in replacements {
        let mut found = lines.iter_mut().filter(|line| line.starts_with(prefix));
        match (found.next(), found.next()) {
            (Some(line), None) => *line = replacement,
            _ => return Err(format!("expected exactly one line starting `{prefix}`")),
        }
    }
    let mut stamped = lines.join("\n");
    stamped.push('\n');
    Ok(stamped)
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "// comment\nconst VERSION = \"unversioned\";\nconst PRECACHE = [];\nconst CACHE = \"portal-\" + VERSION;\n";

    fn files(index: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            ("/app-0123456789abcdef.js".into(), b"js".to_vec()),
            ("/index.html".into(), index.as_bytes().to_vec()),
        ]
    }

    #[test]
    fn the_version_changes_with_any_file() {
        let before = version_of(&files("<html>one</html>"));
        assert_eq!(before.len(), 16);
        assert_eq!(before, version_of(&files("<html>one</html>")));
        assert_ne!(before, version_of(&files("<html>two</html>")));
        // A renamed file is a change too, even with the same bytes.
        let mut renamed = files("<html>one</html>");
        renamed[0].0 = "/app-fedcba9876543210.js".into();
        assert_ne!(before, version_of(&renamed));
    }

    #[test]
    fn stamps_version_and_file_list() {
        let urls = ["/index.html".to_owned(), "/icons/icon-192.png".to_owned()];
        let stamped = stamp(TEMPLATE, "0011223344556677", &urls).unwrap();
        assert_eq!(
            stamped,
            "// comment\nconst VERSION = \"0011223344556677\";\n\
             const PRECACHE = [\"/index.html\", \"/icons/icon-192.png\"];\n\
             const CACHE = \"portal-\" + VERSION;\n"
        );
    }

    #[test]
    fn a_template_without_its_lines_fails() {
        assert!(stamp("const VERSION = \"x\";\n", "v", &[]).is_err());
        let twice = format!("{TEMPLATE}const VERSION = \"again\";\n");
        assert!(stamp(&twice, "v", &[]).is_err());
    }

    #[test]
    fn stamps_the_real_template() {
        let template = fs::read_to_string(workspace_root().join("public").join(SERVICE_WORKER))
            .expect("public/sw.js");
        let stamped = stamp(&template, "abc", &["/index.html".to_owned()]).unwrap();
        assert!(stamped.contains("const VERSION = \"abc\";"));
        assert!(stamped.contains("const PRECACHE = [\"/index.html\"];"));
    }

    #[test]
    fn stamps_a_built_directory() {
        let dist = std::env::temp_dir().join(format!("xtask-sw-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dist);
        fs::create_dir_all(dist.join("icons")).unwrap();
        fs::write(dist.join(SERVICE_WORKER), TEMPLATE).unwrap();
        fs::write(dist.join("index.html"), "<html>one</html>").unwrap();
        fs::write(dist.join("index.html.br"), "compressed").unwrap();
        fs::write(dist.join("icons").join("icon-192.png"), "png").unwrap();

        let first = stamp_service_worker(&dist).unwrap();
        let worker = fs::read_to_string(dist.join(SERVICE_WORKER)).unwrap();
        assert!(worker.contains(&format!("const VERSION = \"{first}\";")));
        assert!(worker.contains("const PRECACHE = [\"/icons/icon-192.png\", \"/index.html\"];"));

        // A new deployment: index.html changed, and Trunk copied the
        // template again.
        fs::write(dist.join(SERVICE_WORKER), TEMPLATE).unwrap();
        fs::write(dist.join("index.html"), "<html>two</html>").unwrap();
        let second = stamp_service_worker(&dist).unwrap();
        assert_ne!(first, second);

        fs::write(dist.join("odd name.png"), "png").unwrap();
        fs::write(dist.join(SERVICE_WORKER), TEMPLATE).unwrap();
        assert!(stamp_service_worker(&dist).is_err());
        fs::remove_dir_all(&dist).unwrap();
    }
}

#[cfg(test)]
mod translation_tests {
    use super::*;

    #[test]
    fn compiles_translations_but_not_english() {
        let root = std::env::temp_dir().join(format!("xtask-locales-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let (locales, dist) = (root.join("locales"), root.join("dist"));
        fs::create_dir_all(&locales).unwrap();
        fs::write(locales.join("en.ftl"), "hello = Hello, { $name }!\n").unwrap();
        fs::write(locales.join("de.ftl"), "hello = Hallo, { $name }!\n").unwrap();
        fs::write(locales.join("README.md"), "not a catalog").unwrap();

        assert_eq!(compile_translations(&locales, &dist).unwrap(), 1);
        let json = fs::read_to_string(dist.join("locales").join("de.json")).unwrap();
        assert_eq!(json, r#"{"hello":["Hallo, ",["name"],"!"]}"#);
        assert!(!dist.join("locales").join("en.json").exists());

        // Mistakes in two catalogs: both reported, by file and line.
        fs::write(locales.join("ar.ftl"), "hello = { NUMBER($n) }\n").unwrap();
        fs::write(locales.join("ja.ftl"), "ok = x\nbroken\n").unwrap();
        let error = compile_translations(&locales, &dist).unwrap_err();
        assert!(error.contains("ar.ftl:\nline 1, `hello`"), "{error}");
        assert!(error.contains("ja.ftl:\nline 2"), "{error}");
        fs::remove_dir_all(&root).unwrap();
    }
}
