//! Self-service for an enrolled device, end to end: the page in a real
//! browser, the real server, and `device-sim` playing the device that
//! answers the commands the actions queue. In Chromium (as an iPhone) and
//! in WebKit.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use device_sim::{DeviceFacts, RunOutcome};
use e2e::journeys::{enroll_this_device, keep_running};
use e2e::server::SAM;
use e2e::{Browser, Engine, PortalServer};

const DIALOG: &str = "//*[@role='dialog']";

async fn self_service_journey(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    let device = enroll_this_device(&browser, &portal, DeviceFacts::iphone()).await;
    let facts = device.facts_handle();
    let offline = device.offline_handle();
    let device_name = facts.read().expect("facts").device_name.clone();

    // When the device sends its answer to the remote lock, for the README's
    // measurement of how fast the page shows the result.
    let lock_answered = Arc::new(Mutex::new(None::<Instant>));
    let answered = Arc::clone(&lock_answered);
    let device = device.on_log(move |line| {
        if line.starts_with("Command DeviceLock") && line.ends_with("Acknowledged") {
            if let Ok(mut at) = answered.lock() {
                *at = Some(Instant::now());
            }
        }
    });

    // The device keeps answering commands, as an enrolled iPhone does.
    let (stop, device_task) = keep_running(device);

    // My devices lists it first, marked as the device the portal is open on.
    browser.click_link("Go to My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_text("This device").await;
    browser.click_link(&device_name).await;
    browser.wait_for_heading(&device_name).await;
    let details_path = browser.path_and_query().await;
    assert!(details_path.starts_with("/devices/"), "at {details_path}");
    browser.screenshot("device-details").await;

    // Rename: an invalid name gets its message and keeps what was typed.
    browser.click_button("Rename").await;
    browser.wait_for(DIALOG).await;
    let field = format!("{DIALOG}//input");
    let too_long = "x".repeat(65);
    fill_xpath(&browser, &field, &too_long).await;
    browser.click_button("Save").await;
    browser.wait_for_text("Use at most 64 characters.").await;
    assert_eq!(value_at(&browser, &field).await, too_long);
    browser.screenshot("device-rename-invalid").await;
    fill_xpath(&browser, &field, "  Work iPhone ").await;
    browser.click_button("Save").await;
    browser.wait_for_heading("Work iPhone").await;

    // Check status: compliant first, then not after the OS goes below the
    // organization's minimum, with what to do about it.
    browser.click_button("Check status").await;
    browser.wait_for_text("Can access company resources").await;
    facts.write().expect("facts").os_version = "16.7".into();
    browser.click_button("Check status").await;
    let clicked = Instant::now();
    browser.wait_for_text("Out of compliance").await;
    record_click_to_result(engine, "Check status", "\"Out of compliance\"", clicked);
    browser.wait_for_text("Software Update").await;
    browser.screenshot("device-out-of-compliance").await;

    // Remote lock: pending while the device is away, successful once it
    // answers.
    offline.store(true, std::sync::atomic::Ordering::SeqCst);
    browser.click_button("Remote lock").await;
    browser.wait_for(DIALOG).await;
    browser.click_button("Lock").await;
    browser.wait_for_text("Remote lock pending").await;
    offline.store(false, std::sync::atomic::Ordering::SeqCst);
    browser.wait_for_text("Remote lock successful").await;
    if let Some(at) = *lock_answered.lock().expect("lock time") {
        e2e::record_measurement(&format!(
            "{engine:?}: DeviceLock acknowledged -> \"Remote lock successful\" shown: {} ms",
            at.elapsed().as_millis()
        ));
    }

    // ... and failed, with the reason, when the device reports an error.
    // A device that answers DeviceLock with an error (iOS locks even
    // without a passcode, so the simulator is told to refuse).
    facts
        .write()
        .expect("facts")
        .refused_commands
        .push("DeviceLock".into());
    browser.click_button("Remote lock").await;
    browser.wait_for(DIALOG).await;
    browser.click_button("Lock").await;
    let clicked = Instant::now();
    browser.wait_for_text("Remote lock failed").await;
    record_click_to_result(engine, "Lock", "\"Remote lock failed\"", clicked);
    browser
        .wait_for("//button[normalize-space()='Try again']")
        .await;
    browser.screenshot("device-lock-failed").await;

    // Another user never sees this device, not even by its address.
    let other = Browser::launch(engine).await;
    other.goto(&portal.url("/devices")).await;
    other.sign_in(SAM.0, &portal.demo_password).await;
    other.wait_for_heading("My devices").await;
    other.wait_for_text("No devices yet").await;
    let api_path = format!("/api{details_path}");
    assert_eq!(other.fetch_status(&api_path).await, 404);
    other.close().await;

    // Remove: the device acknowledges, checks out and leaves the list.
    browser.click_button("Remove").await;
    browser.wait_for(DIALOG).await;
    browser.click_button("Remove device").await;
    let clicked = Instant::now();
    let outcome = tokio::time::timeout(e2e::PATIENCE, device_task)
        .await
        .expect("the device is unenrolled in time")
        .expect("device task")
        .expect("device polling");
    assert_eq!(outcome, RunOutcome::Unenrolled);
    record_click_to_result(engine, "Remove device", "the device unenrolled", clicked);
    browser.goto(&portal.url("/devices")).await;
    browser.wait_for_text("No devices yet").await;
    assert_eq!(browser.fetch_status(&api_path).await, 404);
    drop(stop);
    browser.close().await;
}

/// A device that was erased no longer has the token the portal pushes to:
/// APNs answers 410 and the device page says what happened and what to do.
async fn erased_device_journey(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    let mut device = enroll_this_device(&browser, &portal, DeviceFacts::iphone()).await;
    let device_name = device.facts().device_name;
    device.erase().await.expect("erase");

    browser.click_link("Go to My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.click_link(&device_name).await;
    browser.wait_for_heading(&device_name).await;
    browser.click_button("Check status").await;
    browser
        .wait_for_text("This device no longer responds to your organization")
        .await;
    browser.wait_for_text("enroll it again").await;
    // What was asked stays honest: pending, never "successful".
    let looks_checked = browser
        .client
        .execute(
            "return document.body.innerText.includes(arguments[0]);",
            vec![serde_json::json!("Can access company resources")],
        )
        .await
        .expect("read the page");
    assert_eq!(
        looks_checked,
        serde_json::json!(false),
        "{engine:?}: an erased device must not look checked"
    );
    browser.screenshot("device-unregistered").await;
    browser.close().await;
}

/// A `measured:` line: from a click to what the page (or device) shows.
fn record_click_to_result(engine: Engine, click: &str, result: &str, clicked: Instant) {
    e2e::record_measurement(&format!(
        "{engine:?}: click {click:?} -> {result} (through APNs): {} ms",
        clicked.elapsed().as_millis()
    ));
}

async fn fill_xpath(browser: &Browser, xpath: &str, value: &str) {
    let field = browser.wait_for(xpath).await;
    field.clear().await.expect("clear");
    field.send_keys(value).await.expect("type");
}

async fn value_at(browser: &Browser, xpath: &str) -> String {
    let field = browser.wait_for(xpath).await;
    field
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn self_service_in_chromium_as_an_iphone() {
    self_service_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn self_service_in_webkit() {
    self_service_journey(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn erased_device_in_chromium_as_an_iphone() {
    erased_device_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn erased_device_in_webkit() {
    erased_device_journey(Engine::WebKitIphone).await;
}
