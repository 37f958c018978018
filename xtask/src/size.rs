//! `cargo xtask size`: what the built SPA weighs on the wire.

use std::fs;
use std::path::Path;

use crate::build::{assets_in, brotli_bytes, dist_dir, gzip_bytes};

pub fn report() -> Result<(), String> {
    let assets = measured_assets(&dist_dir())?;
    println!(
        "{:<48} {:>10} {:>10} {:>10}  first load",
        "asset", "raw", "gzip", "brotli"
    );
    for asset in &assets {
        println!(
            "{:<48} {:>10} {:>10} {:>10}  {}",
            asset.name,
            asset.sizes[0],
            asset.sizes[1],
            asset.sizes[2],
            if asset.first_load { "yes" } else { "" }
        );
    }
    let totals = first_load_of(&assets);
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "first-load transfer (index.html + what it loads)", totals[0], totals[1], totals[2]
    );
    Ok(())
}

/// Raw, gzip and brotli bytes of the first load of the SPA built in
/// `dist`: index.html and what it loads. One bundle serves every route, so
/// this is every route's first load.
pub fn first_load_transfer(dist: &Path) -> Result<[usize; 3], String> {
    Ok(first_load_of(&measured_assets(dist)?))
}

/// A built file and what it weighs.
struct MeasuredAsset {
    /// Its path under dist/, e.g. `locales/de.json`.
    name: String,
    /// Raw, gzip and brotli bytes.
    sizes: [usize; 3],
    /// Whether the first load of a page fetches it.
    first_load: bool,
}

fn measured_assets(dist: &Path) -> Result<Vec<MeasuredAsset>, String> {
    if !dist.join("index.html").exists() {
        return Err("dist/index.html is missing: run `cargo xtask build` first".into());
    }
    let index = fs::read_to_string(dist.join("index.html")).map_err(|e| e.to_string())?;
    let first_load = first_load_files(&index);
    let mut measured = Vec::new();
    for asset in assets_in(dist)? {
        let name = asset
            .strip_prefix(dist)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .into_owned();
        let sizes = sizes_of(&asset)?;
        let loaded = name == "index.html" || first_load.iter().any(|f| f == &name);
        measured.push(MeasuredAsset {
            name,
            sizes,
            first_load: loaded,
        });
    }
    Ok(measured)
}

fn first_load_of(assets: &[MeasuredAsset]) -> [usize; 3] {
    let mut totals = [0usize; 3];
    for asset in assets.iter().filter(|asset| asset.first_load) {
        for (total, size) in totals.iter_mut().zip(asset.sizes) {
            *total += size;
        }
    }
    totals
}

/// raw, gzip and brotli bytes; the pre-compressed siblings when present.
fn sizes_of(asset: &Path) -> Result<[usize; 3], String> {
    let raw = fs::read(asset).map_err(|e| format!("{}: {e}", asset.display()))?;
    let sibling_len = |suffix: &str| {
        let mut name = asset.as_os_str().to_owned();
        name.push(suffix);
        fs::metadata(Path::new(&name))
            .ok()
            .map(|m| m.len() as usize)
    };
    let gzip = match sibling_len(".gz") {
        Some(len) => len,
        None => gzip_bytes(&raw)?.len(),
    };
    let brotli = match sibling_len(".br") {
        Some(len) => len,
        None => brotli_bytes(&raw)?.len(),
    };
    Ok([raw.len(), gzip, brotli])
}

/// The local files index.html references with `href="/..."` or `src="/..."`
/// (stylesheet, module loader, preloaded wasm), plus the wasm the loader
/// imports by name.
fn first_load_files(index: &str) -> Vec<String> {
    let index = without_home_screen_icons(index);
    let mut files: Vec<String> = Vec::new();
    let mut add = |reference: &str| {
        let reference = reference.trim_start_matches('/');
        let is_local_file = !reference.contains("://") && reference.contains('.');
        if is_local_file && !files.iter().any(|f| f == reference) {
            files.push(reference.to_owned());
        }
    };
    // Attributes, quoted or not (release builds minify index.html), and the
    // quoted paths in the inline loader script.
    for attribute in ["href=", "src="] {
        let mut rest = index.as_str();
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let value = match rest.as_bytes().first() {
                Some(quote @ (b'"' | b'\'')) => {
                    let inner = &rest[1..];
                    &inner[..inner.find(char::from(*quote)).unwrap_or(inner.len())]
                }
                _ => &rest[..rest.find([' ', '>', '\n']).unwrap_or(rest.len())],
            };
            add(value);
        }
    }
    for quote in ["'/", "\"/"] {
        let mut rest = index.as_str();
        while let Some(start) = rest.find(quote) {
            rest = &rest[start + 1..];
            let end = rest.find(['"', '\'']).unwrap_or(rest.len());
            add(&rest[..end]);
        }
    }
    files
}

/// `index` without its `<link rel="apple-touch-icon">` tags: browsers fetch
/// those only when someone adds the page to the Home Screen, never on load.
fn without_home_screen_icons(index: &str) -> String {
    let mut kept = String::with_capacity(index.len());
    let mut rest = index;
    while let Some(start) = rest.find("<link") {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |end| start + end + 1);
        kept.push_str(&rest[..start]);
        let tag = &rest[start..end];
        if !tag.contains("apple-touch-icon") {
            kept.push_str(tag);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    kept
}

#[cfg(test)]
mod tests {
    use super::first_load_files;

    #[test]
    fn finds_unquoted_attributes_of_minified_html() {
        let index = "<link href=/main-0123.css integrity=sha384-x rel=stylesheet><link href=/favicon-1.svg rel=icon><script type=module>import init from '/app-0123.js';</script>";
        assert_eq!(
            first_load_files(index),
            ["main-0123.css", "favicon-1.svg", "app-0123.js"]
        );
    }

    #[test]
    fn home_screen_icons_are_not_first_load() {
        let index = r#"<link rel="apple-touch-icon" sizes="180x180" href="/apple-touch-icon.png">
<link rel="stylesheet" href="/main-0123456789abcdef.css">"#;
        assert_eq!(first_load_files(index), ["main-0123456789abcdef.css"]);
    }

    #[test]
    fn finds_the_assets_trunk_links() {
        let index = r#"<link rel="stylesheet" href="/main-0123456789abcdef.css">
<link rel="modulepreload" href="/app-0123.js"><script type="module">
import init from '/app-0123.js'; init({ module_or_path: '/app-0123_bg.wasm' });</script>
<a href="https://example.com/x.html">"#;
        let files = first_load_files(index);
        assert_eq!(
            files,
            [
                "main-0123456789abcdef.css",
                "app-0123.js",
                "app-0123_bg.wasm"
            ]
        );
    }
}
