//! `cargo xtask size`: what the built SPA weighs on the wire.

use std::fs;
use std::path::Path;

use crate::app_wasm::{route_files_in_loader, PAGE_TABLE_START, ROUTE_SPLITS};
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
    println!();
    println!(
        "{:<48} {:>10} {:>10} {:>10}",
        "first load of a route (+ its page's modules)", "raw", "gzip", "brotli"
    );
    let index = fs::read_to_string(dist_dir().join("index.html")).map_err(|e| e.to_string())?;
    for (route, _) in ROUTE_SPLITS {
        let sizes = route_first_load(&assets, &index, route);
        let shown = if route.ends_with('/') {
            format!("{route}…")
        } else {
            (*route).to_owned()
        };
        println!(
            "{:<48} {:>10} {:>10} {:>10}",
            shown, sizes[0], sizes[1], sizes[2]
        );
    }
    Ok(())
}

/// Raw, gzip and brotli bytes of the first load of `route` (a path of
/// xtask's route table, e.g. `/devices/` for a device's page) in the SPA
/// built in `dist`: index.html, what it loads, and the modules of the
/// route's page that its loader preloads.
pub fn route_first_load_transfer(dist: &Path, route: &str) -> Result<[usize; 3], String> {
    let index = fs::read_to_string(dist.join("index.html")).map_err(|e| e.to_string())?;
    Ok(route_first_load(&measured_assets(dist)?, &index, route))
}

fn route_first_load(assets: &[MeasuredAsset], index: &str, route: &str) -> [usize; 3] {
    let mut totals = first_load_of(assets);
    let pages = route_files_in_loader(index, route);
    for asset in assets
        .iter()
        .filter(|asset| !asset.first_load && pages.contains(&asset.name))
    {
        for (total, size) in totals.iter_mut().zip(asset.sizes) {
            *total += size;
        }
    }
    totals
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
    let mut first_load = first_load_files(&index);
    // What those modules import (the glue imports the link module that
    // loads the pages' modules), one level deep as the build makes them.
    for script in first_load.clone().iter().filter(|f| f.ends_with(".js")) {
        let text = fs::read_to_string(dist.join(script)).unwrap_or_default();
        for imported in imports_of(&text) {
            if !first_load.contains(&imported) {
                first_load.push(imported);
            }
        }
    }
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
    let index = without_page_table(&without_home_screen_icons(index));
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

/// The files a JS module imports statically from its own folder
/// (`from "./x.js"`), without the `./`.
fn imports_of(script: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for quote in ['"', '\''] {
        let statement = format!("from {quote}./");
        let mut rest = script;
        while let Some(start) = rest.find(&statement) {
            rest = &rest[start + statement.len()..];
            let name = &rest[..rest.find(quote).unwrap_or(0)];
            if !name.is_empty() && !found.iter().any(|f| f == name) {
                found.push(name.to_owned());
            }
        }
    }
    found
}

/// `index` without the loader's table of each route's page modules: only
/// the route being opened preloads its own (see [`route_first_load`]).
fn without_page_table(index: &str) -> String {
    let Some(start) = index.find(PAGE_TABLE_START) else {
        return index.to_owned();
    };
    let end = index[start..]
        .find("];")
        .map_or(index.len(), |end| start + end + 2);
    format!("{}{}", &index[..start], &index[end..])
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
    fn finds_the_modules_the_glue_imports() {
        let glue = "import * as import1 from \"./wasm-split-0123.js\"\nimport * as import2 from \"./wasm-split-0123.js\"\nimport { x } from './snippets/a.js';";
        assert_eq!(
            super::imports_of(glue),
            ["wasm-split-0123.js", "snippets/a.js"]
        );
    }

    #[test]
    fn other_routes_page_modules_are_not_first_load() {
        let index = "<script type=module>\nconst pages = [[\"/devices\",[\"/split_devices_page-0123456789abcdef.wasm\"]]];\nimport init from '/app-0123.js';\nawait init({ module_or_path: '/app-0123_bg.wasm' });</script>";
        assert_eq!(first_load_files(index), ["app-0123.js", "app-0123_bg.wasm"]);
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
