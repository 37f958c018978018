//! The SPA's WebAssembly, split into a main module and lazily loaded
//! chunks: cargo → wasm-split → wasm-bindgen → wasm-opt → fingerprinted
//! names in dist/ → the module loader in dist/index.html.
//!
//! Trunk 0.21 cannot split a module, so it builds only the rest of dist/
//! (CSS, icons, index.html) and this module owns the wasm. The split
//! points are the pages' `lazy_page!` functions (src/lazy_page.rs): the
//! splitter moves what only one page uses into that page's module, what
//! several pages share into shared chunks, and leaves what the shell and
//! the router use in the main module.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::build::version_of;
use crate::process::{self, run_to_end, tool, workspace_root};

/// The SPA's package and binary (src/main.rs).
const APP: &str = "company-portal";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Size-tuned release profile in Cargo.toml.
const PROFILE: &str = "wasm-release";
/// What the module may use (every browser the portal supports has them);
/// wasm-opt must be told, or it refuses instructions the compiler emitted.
const WASM_FEATURES: &[&str] = &[
    "--enable-reference-types",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
];
/// The JS module through which the main module loads the chunks; the
/// splitter writes it, wasm-bindgen's glue imports it.
const LINK_MODULE: &str = "__wasm_split.js";

/// Which split module (the first argument of `lazy_page!`) each route's
/// page is in: `cargo xtask size` adds them to the route's first load, and
/// the loader in index.html fetches them beside the main module, after the
/// first paint. A path ending in `/` stands for every path below it. A split
/// module missing here fails the build.
pub const ROUTE_SPLITS: &[(&str, &str)] = &[
    ("/sign-in", "sign_in_page"),
    ("/devices", "devices_page"),
    ("/devices/", "device_page"),
    ("/enroll", "enroll_page"),
    ("/notifications", "notifications_page"),
    ("/help", "help_page"),
    ("/privacy", "privacy_page"),
    (
        "/account-enrollment/sign-in",
        "account_enrollment_sign_in_page",
    ),
];

/// What the build put into dist/: the names the loader and `size` need.
pub struct AppFiles {
    /// wasm-bindgen's glue, e.g. `company-portal-<hash>.js`.
    pub main_js: String,
    /// The main module, e.g. `company-portal-<hash>_bg.wasm`.
    pub main_wasm: String,
    /// Each split module's files (its own and the shared chunks it needs),
    /// by the split's name, all in dist/.
    pub splits: BTreeMap<String, Vec<String>>,
}

/// Builds the module into `dist` and writes its loader into
/// `dist/index.html` (which Trunk built with the placeholder).
pub fn build_into(dist: &Path) -> Result<AppFiles, String> {
    let raw = compile()?;
    let work = process::target_dir().join("xtask-app");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let prefetch = split(&raw, &work)?;
    bindgen(&work)?;
    optimize_all(&wasm_files(&work)?)?;
    let files = fingerprint(&work, dist, &prefetch)?;
    write_loader(dist, &files)?;
    Ok(files)
}

/// `cargo rustc` of the app with its split points on (feature `split`)
/// and relocations kept in the output, which the splitter needs to move
/// code between modules. Only the final link gets the flag, so no
/// dependency is rebuilt for it.
fn compile() -> Result<PathBuf, String> {
    run_to_end(process::cargo().current_dir(workspace_root()).args([
        "rustc",
        "--package",
        APP,
        "--bin",
        APP,
        "--target",
        WASM_TARGET,
        "--profile",
        PROFILE,
        "--features",
        "split",
        "--",
        "-C",
        "link-arg=--emit-relocs",
    ]))?;
    Ok(process::target_dir()
        .join(WASM_TARGET)
        .join(PROFILE)
        .join(format!("{APP}.wasm")))
}

/// Splits `raw` into `work/main.wasm`, `work/split_<name>.wasm`,
/// `work/chunk_<n>.wasm` and the link module. Returns which files each
/// split needs (file stems, e.g. `["chunk_0", "split_devices_page"]`).
fn split(raw: &Path, work: &Path) -> Result<BTreeMap<String, Vec<String>>, String> {
    let input = fs::read(raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    let main_out = work.join("main.wasm");
    let link_name = format!("./{LINK_MODULE}");
    let main_module = format!("./{APP}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = work;
    options.main_out_path = &main_out;
    options.link_name = &link_name;
    options.main_module = &main_module;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("splitting {}: {e:#}", raw.display()))?;
    let prefetch: BTreeMap<String, Vec<String>> = split.prefetch_map.into_iter().collect();
    for name in prefetch.keys() {
        if !ROUTE_SPLITS.iter().any(|(_, split)| split == name) {
            return Err(format!(
                "split module `{name}` has no route in xtask/src/app_wasm.rs's ROUTE_SPLITS"
            ));
        }
    }
    eprintln!(
        "xtask: split the app into the main module and {} lazily loaded ones",
        split.split_modules.len()
    );
    Ok(prefetch)
}

/// wasm-bindgen's glue for the main module. `--keep-lld-exports` keeps
/// what the chunks import from it; `--no-demangle` keeps the names the
/// link module refers to.
fn bindgen(work: &Path) -> Result<(), String> {
    run_to_end(
        tool("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--keep-lld-exports",
                "--no-demangle",
                "--no-typescript",
                "--out-name",
                APP,
                "--out-dir",
            ])
            .arg(work)
            .arg(work.join("main.wasm")),
    )?;
    fs::remove_file(work.join("main.wasm")).map_err(|e| e.to_string())
}

/// The `.wasm` files in `work`.
fn wasm_files(work: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for entry in fs::read_dir(work).map_err(|e| format!("{}: {e}", work.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|ext| ext == "wasm") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// [`optimize`] on every module, on every core (dozens of modules; one
/// wasm-opt at a time took minutes).
fn optimize_all(modules: &[PathBuf]) -> Result<(), String> {
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| loop {
                    let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    match modules.get(index) {
                        Some(module) => optimize(module)?,
                        None => return Ok(()),
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|_| Err("wasm-opt worker panicked".into()))
            })
            .collect::<Result<Vec<()>, String>>()
            .map(|_| ())
    })
}

/// Set (to anything) to keep the functions' names in the built modules, to
/// see what weighs with `twiggy top` / `twiggy dominators`.
const KEEP_NAMES: &str = "XTASK_WASM_NAMES";

/// wasm-opt -Oz in place (binaryen from xtask/npm, on the tools' PATH),
/// without names and debug info unless [`KEEP_NAMES`] is set.
fn optimize(wasm: &Path) -> Result<(), String> {
    let names: &[&str] = if std::env::var_os(KEEP_NAMES).is_some() {
        &["--debuginfo"]
    } else {
        &["--strip-debug", "--strip-producers"]
    };
    run_to_end(
        tool("wasm-opt")
            .arg("-Oz")
            .args(names)
            .args(WASM_FEATURES)
            .arg(wasm)
            .arg("-o")
            .arg(wasm),
    )
}

/// Copies the build into `dist` under fingerprinted names and rewrites
/// the references between the files. The two JS modules import each other,
/// so both are named by one hash over every file of the build: any change
/// anywhere renames both, and a browser never pairs one build's glue with
/// another's link module or chunks.
fn fingerprint(
    work: &Path,
    dist: &Path,
    prefetch: &BTreeMap<String, Vec<String>>,
) -> Result<AppFiles, String> {
    let read = |name: &str| {
        let path = work.join(name);
        fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let write = |name: &str, bytes: &[u8]| {
        let path = dist.join(name);
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    let glue_name = format!("{APP}.js");
    let main_wasm_name = format!("{APP}_bg.wasm");

    // Every wasm module is named by its own bytes.
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    let mut everything = Vec::new();
    for wasm in wasm_files(work)? {
        let name = file_name(&wasm)?;
        let bytes = read(&name)?;
        let stem = name.trim_end_matches(".wasm");
        let hashed = if name == main_wasm_name {
            format!(
                "{APP}-{}_bg.wasm",
                version_of(&[(name.clone(), bytes.clone())])
            )
        } else {
            format!(
                "{stem}-{}.wasm",
                version_of(&[(name.clone(), bytes.clone())])
            )
        };
        write(&hashed, &bytes)?;
        everything.push((name.clone(), bytes));
        renamed.insert(name, hashed);
    }
    let glue = read(&glue_name)?;
    let link = read(LINK_MODULE)?;
    everything.push((glue_name.clone(), glue.clone()));
    everything.push((LINK_MODULE.to_owned(), link.clone()));
    let build = version_of(&everything);
    let glue_hashed = format!("{APP}-{build}.js");
    let link_hashed = format!("wasm-split-{build}.js");

    let mut link = String::from_utf8(link).map_err(|e| e.to_string())?;
    for (name, hashed) in &renamed {
        if name != &main_wasm_name {
            link = replace_reference(&link, &format!("./{name}"), &format!("./{hashed}"))
                .map_err(|e| format!("{LINK_MODULE}: {e}"))?;
        }
    }
    link = replace_import(
        &link,
        &format!("./{glue_name}"),
        &format!("./{glue_hashed}"),
    )
    .map_err(|e| format!("{LINK_MODULE}: {e}"))?;
    link = one_module_per_task(&link).map_err(|e| format!("{LINK_MODULE}: {e}"))?;
    write(&link_hashed, link.as_bytes())?;

    let mut glue = String::from_utf8(glue).map_err(|e| e.to_string())?;
    // Only the import statements: the module's imports object keeps the
    // name the wasm imports from.
    glue = replace_import(
        &glue,
        &format!("./{LINK_MODULE}"),
        &format!("./{link_hashed}"),
    )
    .map_err(|e| format!("{glue_name}: {e}"))?;
    // The glue's fallback URL of the module, which the loader never uses,
    // named right all the same.
    glue = glue.replace(
        &format!("'{main_wasm_name}'"),
        &format!("'{}'", renamed[&main_wasm_name]),
    );
    write(&glue_hashed, glue.as_bytes())?;

    let mut splits = BTreeMap::new();
    for (split, stems) in prefetch {
        let mut files = Vec::new();
        for stem in stems {
            let hashed = renamed
                .get(&format!("{stem}.wasm"))
                .ok_or_else(|| format!("split `{split}` needs {stem}.wasm, which was not built"))?;
            files.push(hashed.clone());
        }
        splits.insert(split.clone(), files);
    }
    Ok(AppFiles {
        main_js: glue_hashed,
        main_wasm: renamed[&main_wasm_name].clone(),
        splits,
    })
}

fn file_name(path: &Path) -> Result<String, String> {
    path.file_name()
        .and_then(|name| name.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: not a UTF-8 file name", path.display()))
}

/// `text` with every quoted `from` (in '…' or "…") replaced by `to`; an
/// error when there is none, so a changed tool output fails the build
/// rather than shipping a module that loads the wrong file.
fn replace_reference(text: &str, from: &str, to: &str) -> Result<String, String> {
    let mut replaced = text.to_owned();
    let mut found = false;
    for quote in ['"', '\''] {
        let quoted = format!("{quote}{from}{quote}");
        if replaced.contains(&quoted) {
            found = true;
            replaced = replaced.replace(&quoted, &format!("{quote}{to}{quote}"));
        }
    }
    if found {
        Ok(replaced)
    } else {
        Err(format!("no reference to {from}"))
    }
}

/// `text` with every `from "<from>"` (or `'…'`) of an import statement
/// pointing at `to` instead; an error when there is none.
fn replace_import(text: &str, from: &str, to: &str) -> Result<String, String> {
    let mut replaced = text.to_owned();
    let mut found = false;
    for quote in ['"', '\''] {
        let statement = format!("from {quote}{from}{quote}");
        if replaced.contains(&statement) {
            found = true;
            replaced = replaced.replace(&statement, &format!("from {quote}{to}{quote}"));
        }
    }
    if found {
        Ok(replaced)
    } else {
        Err(format!("no import from {from}"))
    }
}

/// What wasm-split's link module does to load a module: start its
/// download (and its dependencies'), then instantiate it once they are there.
const LOAD_STEPS: [&str; 2] = [
    "const loader = async () => {\n",
    "const imports = getSharedImports();\n",
];

/// The link module with each module's download and instantiation in a
/// browser task of its own. As generated, a page's 20–50 modules were
/// requested in one task and instantiated in another, each a long task on a
/// phone (fetching a module costs the main thread its request's set-up,
/// instantiating fills the shared function table).
fn one_module_per_task(link: &str) -> Result<String, String> {
    let mut spread = link.to_owned();
    for step in LOAD_STEPS {
        if !spread.contains(step) {
            return Err(format!(
                "no `{}` in wasm-split's module loader (did wasm_split_cli_support change?)",
                step.trim()
            ));
        }
        spread = spread.replace(
            step,
            &format!("{step}await new Promise((next) => setTimeout(next, 0));\n"),
        );
    }
    Ok(spread)
}

/// Marks the element in index.html that the loader replaces: the app's
/// `<link data-trunk rel="rust" data-trunk-skip data-app-loader>`, which
/// Trunk leaves alone (without it Trunk would build the crate itself).
pub const LOADER_PLACEHOLDER: &str = "data-app-loader";

/// Replaces the placeholder element in `dist/index.html` with the module
/// loader (the only inline script; the server's Content-Security-Policy
/// allows it by its hash, computed from the built index.html at start-up).
fn write_loader(dist: &Path, files: &AppFiles) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let index =
        fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    let html = with_loader(&index, files).map_err(|e| format!("{}: {e}", index_path.display()))?;
    fs::write(&index_path, html).map_err(|e| format!("{}: {e}", index_path.display()))
}

fn with_loader(index: &str, files: &AppFiles) -> Result<String, String> {
    let missing = || format!("no element with `{LOADER_PLACEHOLDER}` for the module loader");
    let at = index.find(LOADER_PLACEHOLDER).ok_or_else(missing)?;
    let start = index[..at].rfind('<').ok_or_else(missing)?;
    let end = index[at..]
        .find('>')
        .map(|end| at + end + 1)
        .ok_or_else(missing)?;
    Ok(format!(
        "{}{}{}",
        &index[..start],
        loader_html(files),
        &index[end..]
    ))
}

/// The routes only a signed-in person sees: opened without a session, the
/// server's first paint is the sign-in page, and the app needs the sign-in
/// page's modules too (the page's `RequireSignIn` sends it there). As
/// `first_page_modules` in src/lib.rs.
const SIGNED_IN_ONLY: &[&str] = &[
    "/devices",
    "/devices/",
    "/notifications",
    "/enroll",
    "/account-enrollment/sign-in",
];

/// `/` opens **My devices** (`portal_api::return_to::DEFAULT_RETURN_PATH`).
const HOME_OPENS: &str = portal_api::return_to::DEFAULT_RETURN_PATH;

/// The loader. It starts the app only after the server's first paint has
/// been painted (the frame after it), not beside it: the page is already
/// drawn, so the WebAssembly must not take bandwidth from what draws it
/// (the server interleaves its streams, whatever their priority), and
/// Lighthouse's simulation counts every download that ends before the
/// largest paint as blocking it. So no preloads in the HTML. In a hidden
/// tab nothing is painted, so the app starts at once. Then the main module,
/// the glue and the opened page's own modules (from the route table, and
/// the sign-in page's when the start data says nobody is signed in on a
/// signed-in-only route) download side by side; the app waits for the page's
/// modules before it takes over from the first paint (src/main.rs).
fn loader_html(files: &AppFiles) -> String {
    let mut routes = Vec::new();
    for (path, split) in ROUTE_SPLITS {
        let Some(needed) = files.splits.get(*split) else {
            continue;
        };
        let urls: Vec<String> = needed.iter().map(|file| format!("\"/{file}\"")).collect();
        let signed_in_only = u8::from(SIGNED_IN_ONLY.contains(path));
        routes.push(format!(
            "[\"{path}\",[{}],{signed_in_only}]",
            urls.join(",")
        ));
    }
    format!(
        "<script type=\"module\">\n\
         const pages = [{routes}];\n\
         await new Promise((painted) => {{\n\
         \x20 if (document.visibilityState === \"hidden\") return painted();\n\
         \x20 requestAnimationFrame(() => setTimeout(painted, 0));\n\
         \x20 setTimeout(painted, 1000);\n\
         }});\n\
         const wasm = fetch('/{wasm}');\n\
         const glue = import('/{js}');\n\
         const path = location.pathname === \"/\" ? \"{home}\" : location.pathname;\n\
         const opened = pages.filter(([route]) => route.endsWith(\"/\") ? path.startsWith(route) && path.length > route.length : path === route);\n\
         let signedOut = false;\n\
         try {{ signedOut = JSON.parse(document.getElementById(\"{start_data}\").textContent).session.user === null; }} catch {{}}\n\
         if (signedOut && opened.some(([, , signedInOnly]) => signedInOnly)) opened.push(...pages.filter(([route]) => route === \"{sign_in}\"));\n\
         const files = [...new Set(opened.flatMap(([, files]) => files))];\n\
         for (let i = 0; i < files.length; i += {batch}) {{\n\
         \x20 if (i > 0) await new Promise((next) => setTimeout(next, 0));\n\
         \x20 document.head.append(...files.slice(i, i + {batch}).map((file) =>\n\
         \x20   Object.assign(document.createElement(\"link\"), {{ rel: \"preload\", href: file, as: \"fetch\", type: \"application/wasm\", crossOrigin: \"anonymous\" }})));\n\
         }}\n\
         const {{ default: init }} = await glue;\n\
         await init({{ module_or_path: wasm }});\n\
         </script>",
        js = files.main_js,
        wasm = files.main_wasm,
        routes = routes.join(","),
        home = HOME_OPENS,
        start_data = portal_api::start::START_DATA_ID,
        sign_in = portal_api::routes::SIGN_IN_PAGE,
        batch = PRELOADS_PER_TASK,
    )
}

/// How many preloads the loader adds in one task: each costs the main
/// thread a request's set-up, and a page needs 20–50 modules, which in one
/// task made a long one on a phone.
const PRELOADS_PER_TASK: usize = 8;

/// Where the loader's table of each route's page modules starts.
pub const PAGE_TABLE_START: &str = "const pages = [";

/// The files of `split` found in the loader of a built index.html: what
/// `cargo xtask size` adds to a route's first load.
pub fn route_files_in_loader(index: &str, route: &str) -> Vec<String> {
    let Some(start) = index.find(PAGE_TABLE_START) else {
        return Vec::new();
    };
    let needle = format!("[\"{route}\",[");
    let Some(at) = index[start..].find(&needle) else {
        return Vec::new();
    };
    let list = &index[start + at + needle.len()..];
    let list = &list[..list.find(']').unwrap_or(0)];
    list.split(',')
        .map(|file| file.trim_matches('"').trim_start_matches('/').to_owned())
        .filter(|file| !file.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> AppFiles {
        AppFiles {
            main_js: "company-portal-0123456789abcdef.js".into(),
            main_wasm: "company-portal-fedcba9876543210_bg.wasm".into(),
            splits: BTreeMap::from([
                (
                    "devices_page".to_owned(),
                    vec![
                        "chunk_1-0000000000000001.wasm".to_owned(),
                        "split_devices_page-0000000000000002.wasm".to_owned(),
                    ],
                ),
                (
                    "device_page".to_owned(),
                    vec!["split_device_page-0000000000000003.wasm".to_owned()],
                ),
            ]),
        }
    }

    #[test]
    fn the_loader_names_each_routes_modules() {
        let html = loader_html(&files());
        assert!(html.contains("import('/company-portal-0123456789abcdef.js');"));
        assert!(html.contains("fetch('/company-portal-fedcba9876543210_bg.wasm')"));
        assert_eq!(
            route_files_in_loader(&html, "/devices"),
            [
                "chunk_1-0000000000000001.wasm",
                "split_devices_page-0000000000000002.wasm"
            ]
        );
        assert_eq!(
            route_files_in_loader(&html, "/devices/"),
            ["split_device_page-0000000000000003.wasm"]
        );
        assert!(route_files_in_loader(&html, "/help").is_empty());
        assert!(html.contains("[\"/devices\",[\"/chunk_1-0000000000000001.wasm\",\"/split_devices_page-0000000000000002.wasm\"],1]"));
    }

    #[test]
    fn the_app_loads_after_the_first_paint_without_preloads_in_the_html() {
        let html = loader_html(&files());
        // Nothing downloads beside the first paint: no static imports or
        // preload links, and the downloads begin after the paint's frame.
        assert!(!html.contains("<link"));
        assert!(!html.contains("import init"));
        let painted = html.find("requestAnimationFrame").unwrap();
        assert!(painted < html.find("fetch(").unwrap());
        assert!(painted < html.find("createElement(\"link\")").unwrap());
        assert!(painted < html.find("import(").unwrap());
        // A few preloads per task, the next ones in a later task.
        let batch = html
            .find(&format!("files.slice(i, i + {PRELOADS_PER_TASK})"))
            .unwrap();
        assert!(
            html[..batch].contains("if (i > 0) await new Promise((next) => setTimeout(next, 0));")
        );
    }

    #[test]
    fn each_modules_loading_steps_get_a_task_of_their_own() {
        let link = "function makeLoad(fetcher, deps) {\n    const loader = async () => {\n        const parallelStuff = deps.map(d => d());\n        await Promise.all(parallelStuff);\n        const imports = getSharedImports();\n        return instantiate(imports);\n    };\n}";
        let spread = one_module_per_task(link).unwrap();
        assert_eq!(spread.matches("setTimeout(next, 0)").count(), 2);
        let yield_before = |step: &str| {
            let at = spread.find(step).unwrap();
            spread[..at].trim_end().ends_with("setTimeout(next, 0));")
        };
        assert!(yield_before("const parallelStuff"));
        assert!(yield_before("return instantiate"));
        assert!(one_module_per_task("function makeLoad() {}").is_err());
    }

    #[test]
    fn the_loader_replaces_the_placeholder() {
        // As Trunk leaves the skipped link in the minified index.html.
        let index = "<head><title>x</title><link data-app-loader data-trunk data-trunk-id=7 data-trunk-skip rel=rust></head><body></body>";
        let html = with_loader(index, &files()).unwrap();
        assert!(html.starts_with("<head><title>x</title><script type=\"module\">"));
        assert!(html.ends_with("</script></head><body></body>"));
        assert!(!html.contains(LOADER_PLACEHOLDER));
        assert!(!html.contains("data-trunk"));
        assert_eq!(html.matches("<script").count(), 1);
        assert!(with_loader("<head></head>", &files()).is_err());
    }

    #[test]
    fn imports_are_renamed_but_not_the_wasm_import_names() {
        let glue = "import * as import1 from \"./__wasm_split.js\"\nconst imports = { \"./__wasm_split.js\": import1 };";
        assert_eq!(
            replace_import(glue, "./__wasm_split.js", "./wasm-split-1.js").unwrap(),
            "import * as import1 from \"./wasm-split-1.js\"\nconst imports = { \"./__wasm_split.js\": import1 };"
        );
        assert!(replace_import(glue, "./other.js", "./x.js").is_err());
    }

    #[test]
    fn references_are_replaced_or_the_build_fails() {
        let glue = "import * as x from './__wasm_split.js';\nnew URL('company-portal_bg.wasm')";
        assert_eq!(
            replace_reference(glue, "./__wasm_split.js", "./wasm-split-1.js").unwrap(),
            "import * as x from './wasm-split-1.js';\nnew URL('company-portal_bg.wasm')"
        );
        assert!(replace_reference(glue, "./other.js", "./x.js").is_err());
    }

    #[test]
    fn every_signed_in_only_route_is_in_the_route_table() {
        for path in SIGNED_IN_ONLY {
            assert!(ROUTE_SPLITS.iter().any(|(p, _)| p == path), "{path}");
        }
        assert!(ROUTE_SPLITS.iter().any(|(p, _)| *p == HOME_OPENS));
        assert!(ROUTE_SPLITS
            .iter()
            .any(|(p, _)| *p == portal_api::routes::SIGN_IN_PAGE));
    }

    #[test]
    fn every_route_split_is_named_once() {
        for (index, (path, split)) in ROUTE_SPLITS.iter().enumerate() {
            assert!(path.starts_with('/'), "{path}");
            assert!(
                !ROUTE_SPLITS[index + 1..].iter().any(|(p, _)| p == path),
                "{path} twice"
            );
            assert!(split.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
        }
    }
}
