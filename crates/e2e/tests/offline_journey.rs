//! Offline and updates through the service worker (`public/sw.js`, stamped
//! by `cargo xtask build`), in Chromium as an iPhone and in WebKit.
//!
//! - Offline: once the worker controls the page, the portal still opens
//!   (and opens deep links) with its server gone, and the API is never
//!   answered from a cache.
//! - Update: a new deployment's worker installs and waits; the page learns
//!   it and does not reload by itself, also when another tab switched
//!   versions; the banner's Reload switches and reloads.
//!
//! The offline and update banners' words belong to the pages, so these
//! journeys assert on the structural signals the SPA sets on `<html>`:
//! `data-connectivity="online|offline"` (src/connectivity.rs) and
//! `data-update="ready"` (src/service_worker.rs).
//!
//! Both engines register service workers over the test server's
//! self-signed HTTPS with the WebDriver capability `acceptInsecureCerts`
//! (checked with Chromium 156 and WebKitGTK 2.50), so no other flag is
//! needed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use e2e::server::ALEX;
use e2e::{required_env, Browser, Engine, PortalServer, PATIENCE};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread")]
async fn offline_journey_in_chromium_as_an_iphone() {
    offline_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_journey_in_webkit() {
    offline_journey(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn update_waits_for_the_person_in_chromium_as_an_iphone() {
    update_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn update_waits_for_the_person_in_webkit() {
    update_journey(Engine::WebKitIphone).await;
}

async fn offline_journey(engine: Engine) {
    let dist = PathBuf::from(required_env("PORTAL_DIST_DIR"));
    let mut portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("My devices").await;
    wait_for_attribute(&browser, "data-connectivity", Some("online")).await;
    wait_for_controller(&browser).await;

    // The worker holds exactly this deployment's files, under its version:
    // what `cargo xtask build` listed in dist/sw.js, nothing from the API.
    let version = stamped_version(&dist.join("sw.js"));
    assert_eq!(cache_names(&browser).await, [format!("portal-{version}")]);
    assert_eq!(
        cached_paths(&browser, &format!("portal-{version}")).await,
        built_files(&dist),
        "{engine:?}: the cache holds the built files"
    );

    // The server goes down. The API is never answered from a cache...
    portal.stop();
    assert_eq!(fetch_outcome(&browser, "/api/me").await, "network error");

    // ...but the portal still opens, from the cache, and says it is offline.
    browser.client.refresh().await.expect("reload");
    wait_for_app(&browser).await;
    wait_for_attribute(&browser, "data-connectivity", Some("offline")).await;
    browser.screenshot("offline").await;

    // A deep link too: every page of the SPA is the cached shell.
    browser.goto(&portal.url("/help")).await;
    wait_for_app(&browser).await;
    browser.wait_for_path("/help").await;
    wait_for_attribute(&browser, "data-connectivity", Some("offline")).await;

    browser.close().await;
}

async fn update_journey(engine: Engine) {
    // A copy of the build that this test deploys anew.
    let deployed = tempfile::tempdir().expect("temporary directory");
    copy_dir(Path::new(&required_env("PORTAL_DIST_DIR")), deployed.path());
    let portal = PortalServer::start_demo_serving(deployed.path(), &[]);
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    wait_for_controller(&browser).await;
    wait_for_attribute(&browser, "data-update", None).await;
    let first = stamped_version(&deployed.path().join("sw.js"));

    // A new deployment: it installs and waits; the page knows, and keeps
    // running as it was.
    let second = format!("{first}-second");
    deploy_and_wait(&browser, deployed.path(), &first, &second).await;
    browser.screenshot("update-ready").await;

    // Another tab lets it take over (the message the banner's Reload
    // sends): this page still does not reload, and still offers it.
    execute_async(
        &browser,
        "const done = arguments[arguments.length - 1];\
         navigator.serviceWorker.addEventListener('controllerchange', () => done(true));\
         navigator.serviceWorker.getRegistration().then(r => r.waiting.postMessage('skip-waiting'));",
    )
    .await;
    wait_for_cache_names(&browser, &[format!("portal-{second}")]).await;
    assert_still_here(&browser).await;
    wait_for_attribute(&browser, "data-update", Some("ready")).await;
    // Reload, the person's choice, then opens the version that is active.
    browser.click_css(".banner-update button").await;
    wait_for_reload_under(&browser, &second).await;

    // The next deployment, taken over from this page: Reload lets the
    // waiting worker take over, then reloads into it.
    let third = format!("{first}-third");
    deploy_and_wait(&browser, deployed.path(), &second, &third).await;
    browser.click_css(".banner-update button").await;
    wait_for_reload_under(&browser, &third).await;

    browser.close().await;
}

/// Deploys a worker of version `to` (replacing `from`), makes the page look
/// for it, and waits until it waits and the page says so without reloading.
async fn deploy_and_wait(browser: &Browser, dist: &Path, from: &str, to: &str) {
    // Gone if the page reloads: it must not, unless the person asks.
    execute(browser, "window.e2eStillHere = true; return true;").await;
    deploy_worker_version(dist, from, to);
    let checked = execute_async(
        browser,
        "const done = arguments[arguments.length - 1];\
         navigator.serviceWorker.getRegistration()\
           .then(r => r.update()).then(() => done('checked'), e => done(String(e)));",
    )
    .await;
    assert_eq!(
        checked,
        json!("checked"),
        "{:?}: update check",
        browser.engine
    );
    wait_for_attribute(browser, "data-update", Some("ready")).await;
    let waiting = execute(
        browser,
        "return navigator.serviceWorker.getRegistration().then(r => !!(r && r.waiting));",
    )
    .await;
    assert_eq!(
        waiting,
        json!(true),
        "{:?}: the new worker waits",
        browser.engine
    );
    assert_still_here(browser).await;
}

async fn assert_still_here(browser: &Browser) {
    assert_eq!(
        execute(browser, "return window.e2eStillHere === true;").await,
        json!(true),
        "{:?}: the page reloaded without being asked",
        browser.engine
    );
}

/// Waits until the page has reloaded and runs under the worker `version`
/// (the only cache left), with no update waiting.
async fn wait_for_reload_under(browser: &Browser, version: &str) {
    assert!(
        poll(
            browser,
            "return window.e2eStillHere === undefined;",
            PATIENCE
        )
        .await,
        "{:?}: Reload did not reload the page",
        browser.engine
    );
    browser.wait_for_heading("Sign in to Contoso").await;
    wait_for_controller(browser).await;
    wait_for_cache_names(browser, &[format!("portal-{version}")]).await;
    wait_for_attribute(browser, "data-update", None).await;
}

/// Waits until a service worker controls the page. The first worker claims
/// the page that registered it once installed; should a browser not, one
/// reload puts the page under it.
async fn wait_for_controller(browser: &Browser) {
    let script = "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);";
    if poll(browser, script, PATIENCE / 2).await {
        return;
    }
    browser.client.refresh().await.expect("reload");
    assert!(
        poll(browser, script, PATIENCE / 2).await,
        "{:?}: no service worker controls the page",
        browser.engine
    );
}

/// Waits until `<html>` has the attribute with the value (`None`: not set).
async fn wait_for_attribute(browser: &Browser, name: &str, value: Option<&str>) {
    let script = format!(
        "return document.documentElement.getAttribute({}) === {};",
        json!(name),
        json!(value)
    );
    assert!(
        poll(browser, &script, PATIENCE).await,
        "{:?}: <html {name}> never became {value:?} (it is {})",
        browser.engine,
        execute(
            browser,
            &format!(
                "return document.documentElement.getAttribute({});",
                json!(name)
            )
        )
        .await
    );
}

/// Waits until the SPA rendered its frame (the shell's `<main>`).
async fn wait_for_app(browser: &Browser) {
    assert!(
        poll(
            browser,
            "return !!document.querySelector('main#main');",
            PATIENCE
        )
        .await,
        "{:?}: the app did not start",
        browser.engine
    );
}

async fn wait_for_cache_names(browser: &Browser, expected: &[String]) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let names = cache_names(browser).await;
        if names == expected {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{:?}: caches are {names:?}, expected {expected:?}",
            browser.engine
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs `script` (which returns a boolean, or a promise of one) until it is
/// true or `patience` is up; a page that is loading counts as false.
async fn poll(browser: &Browser, script: &str, patience: Duration) -> bool {
    let deadline = Instant::now() + patience;
    loop {
        let value = browser.client.execute(script, Vec::new()).await;
        if matches!(value, Ok(Value::Bool(true))) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn execute(browser: &Browser, script: &str) -> Value {
    browser
        .client
        .execute(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("{:?}: script failed: {e}", browser.engine))
}

async fn execute_async(browser: &Browser, script: &str) -> Value {
    browser
        .client
        .execute_async(script, Vec::new())
        .await
        .unwrap_or_else(|e| panic!("{:?}: script failed: {e}", browser.engine))
}

async fn cache_names(browser: &Browser) -> Vec<String> {
    let names = execute_async(
        browser,
        "const done = arguments[arguments.length - 1];\
         caches.keys().then(done, e => done(String(e)));",
    )
    .await;
    serde_json::from_value(names.clone())
        .unwrap_or_else(|_| panic!("{:?}: cache names {names}", browser.engine))
}

/// The paths of the requests stored in the cache `name`.
async fn cached_paths(browser: &Browser, name: &str) -> BTreeSet<String> {
    let paths = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             caches.open(arguments[0]).then(c => c.keys())\
               .then(rs => done(rs.map(r => new URL(r.url).pathname)), e => done(String(e)));",
            vec![json!(name)],
        )
        .await
        .expect("read the cache");
    serde_json::from_value(paths.clone())
        .unwrap_or_else(|_| panic!("{:?}: cached paths {paths}", browser.engine))
}

/// What a same-origin `fetch` of `path` gives the page: `answered <status>`
/// or `network error`.
async fn fetch_outcome(browser: &Browser, path: &str) -> String {
    let outcome = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             fetch(arguments[0], {credentials: 'same-origin'})\
               .then(r => done('answered ' + r.status), () => done('network error'));",
            vec![json!(path)],
        )
        .await
        .expect("run fetch in the page");
    outcome.as_str().unwrap_or_default().to_owned()
}

/// The `VERSION` `cargo xtask build` wrote into the worker.
fn stamped_version(worker: &Path) -> String {
    let script = std::fs::read_to_string(worker).expect("dist/sw.js");
    script
        .lines()
        .find_map(|line| line.strip_prefix("const VERSION = \""))
        .and_then(|rest| rest.strip_suffix("\";"))
        .filter(|version| *version != "unversioned")
        .unwrap_or_else(|| panic!("{} has no stamped version", worker.display()))
        .to_owned()
}

/// A new deployment of the same files: the worker's version changes (and
/// its pre-compressed copies go, so the server sends the new bytes).
fn deploy_worker_version(dist: &Path, from: &str, to: &str) {
    let worker = dist.join("sw.js");
    let script = std::fs::read_to_string(&worker).expect("sw.js");
    let old = format!("const VERSION = \"{from}\";");
    assert!(script.contains(&old), "sw.js has no {old}");
    std::fs::write(
        &worker,
        script.replace(&old, &format!("const VERSION = \"{to}\";")),
    )
    .expect("write sw.js");
    for sibling in ["sw.js.br", "sw.js.gz"] {
        let _ = std::fs::remove_file(dist.join(sibling));
    }
}

/// Every built file's URL path, except the worker and compressed copies.
fn built_files(dist: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    let mut pending = vec![dist.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dist") {
            let path = entry.expect("dist entry").path();
            let name = path.to_string_lossy();
            if path.is_dir() {
                pending.push(path);
            } else if !name.ends_with(".br") && !name.ends_with(".gz") {
                let relative = path.strip_prefix(dist).expect("inside dist");
                files.insert(format!("/{}", relative.to_string_lossy()));
            }
        }
    }
    files.remove("/sw.js");
    files
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read dist") {
        let path = entry.expect("dist entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("create directory");
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy file");
        }
    }
}
