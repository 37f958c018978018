//! Two instances of the portal on one PostgreSQL database, as two machines
//! behind one address would run, in Chromium as an iPhone and in WebKit.
//! The person's page is served by the first instance; the iPhone's Safari
//! downloads the profile from the second (the session is in the database),
//! so the device checks in with the second instance. The first one's page
//! still follows along: the download, "You're all set", and a remote lock
//! sent from the page, answered by the device on the second instance. The
//! changes travel between the instances through PostgreSQL's
//! `LISTEN`/`NOTIFY` (`portal-server/src/instances.rs`).
//!
//! `cargo xtask test --suite e2e` starts a throwaway PostgreSQL and sets
//! `PORTAL_TEST_POSTGRES_URL` and `POSTGRES_BIN`; each journey gets a
//! database of its own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use device_sim::{Device, DeviceFacts, Profile};
use e2e::journeys::{answer_questions_up_to_download, keep_running};
use e2e::{record_measurement, required_env, Browser, Engine, PortalServer};

async fn two_instances_journey(engine: Engine) {
    let database = fresh_database(engine);
    let portal = PortalServer::start_demo_on_postgres(&database);
    let second = portal.start_another_instance();
    let browser = Browser::launch(engine).await;
    answer_questions_up_to_download(&browser, &portal).await;

    // The iPhone's Safari reaches the second instance.
    let href = browser.property_of("a.download-profile", "href").await;
    let path = href
        .strip_prefix(&portal.base_url)
        .unwrap_or_else(|| panic!("{engine:?}: a link of the first instance: {href}"));
    let facts = DeviceFacts::iphone();
    let cookie = browser.session_cookie().await;
    let profile = Profile::fetch_as(&second.url(path), Some(&cookie), true, &facts)
        .await
        .unwrap_or_else(|e| panic!("{engine:?}: download from the second instance: {e}"));
    assert!(
        profile.mdm.server_url.starts_with(&second.base_url),
        "{engine:?}: the device talks to the second instance: {}",
        profile.mdm.server_url
    );
    // The first instance's page learns of the download the second served.
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;

    let mut device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the device enrolls");
    let enrolled = Instant::now();
    browser.wait_for_heading("You're all set").await;
    record_measurement(&format!(
        "{engine:?}: TokenUpdate on the second instance -> \"You're all set\" on the first: {} ms",
        enrolled.elapsed().as_millis()
    ));

    // A remote lock from the first instance's page: its push wakes the
    // device, which answers the second instance.
    let device_name = device.facts().device_name;
    let (stop, running) = keep_running(device);
    browser.click_link("Go to My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.click_link(&device_name).await;
    browser.wait_for_heading(&device_name).await;
    browser.click_button("Remote lock").await;
    browser.wait_for("//*[@role='dialog']").await;
    browser.click_button("Lock").await;
    browser.wait_for_text("Remote lock successful").await;

    let _ = stop.send(());
    running
        .await
        .expect("the device's task")
        .expect("the device ran without errors");
}

/// A new, empty database on the test server, named for the journey.
fn fresh_database(engine: Engine) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let server = required_env("PORTAL_TEST_POSTGRES_URL");
    let name = format!(
        "e2e_{}_{}_{}",
        format!("{engine:?}").to_lowercase(),
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let bin = std::path::PathBuf::from(required_env("POSTGRES_BIN"));
    throwaway_postgres::create_database(&bin, &server, &name)
        .unwrap_or_else(|e| panic!("createdb {name}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_in_chromium_as_an_iphone() {
    two_instances_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_in_webkit() {
    two_instances_journey(Engine::WebKitIphone).await;
}
