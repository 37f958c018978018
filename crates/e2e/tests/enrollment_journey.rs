//! Web-based enrollment end to end: the page in a real browser, the real
//! server on a fresh database, and the device simulator installing the
//! profile the page offered, downloaded the way Safari would (with the
//! browser's session). Each journey runs in Chromium (as an iPhone) and in
//! WebKit (MiniBrowser with an iPhone user agent).

use device_sim::{Device, DeviceFacts, SimError};
use e2e::browser::IPHONE_SAFARI_UA;
use e2e::journeys::{answer_questions_up_to_download, download_as_safari};
use e2e::server::ALEX;
use e2e::{Browser, Engine, PortalServer};

const CHROME_ON_IOS_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1";
const IOS_14_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1";
const WINDOWS_EDGE_UA: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66";

/// The countdown's `mm:ss`, in seconds.
async fn countdown_seconds(browser: &Browser) -> u32 {
    browser
        .wait_for("//*[contains(@class,'countdown-digits')]")
        .await;
    let text = browser
        .property_of(".countdown-digits", "textContent")
        .await;
    let (minutes, seconds) = text
        .trim()
        .split_once(':')
        .unwrap_or_else(|| panic!("countdown reads {text:?}"));
    minutes.parse::<u32>().expect("minutes") * 60 + seconds.parse::<u32>().expect("seconds")
}

/// Waits until the countdown shows fewer than `seconds`; returns what it shows.
async fn countdown_below(browser: &Browser, seconds: u32) -> u32 {
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    loop {
        let shown = countdown_seconds(browser).await;
        if shown < seconds {
            return shown;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the countdown stays at {shown}s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

async fn whole_journey(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    answer_questions_up_to_download(&browser, &portal).await;
    browser.screenshot("enroll-download").await;

    // The download starts the install window; the page learns it by push.
    let facts = DeviceFacts::iphone();
    let (_, profile) = download_as_safari(&browser, &facts).await;
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;
    let full_window = countdown_seconds(&browser).await;
    assert!(
        (470..=481).contains(&full_window),
        "a fresh 8-minute window (give or take the server clock's whole second) shows {full_window}s"
    );
    browser.screenshot("enroll-install").await;

    // Let the countdown run a little, so a restart would show.
    let before_reload = countdown_below(&browser, full_window - 2).await;

    // Reloading (or Safari evicting the tab) lands on the same step, with
    // the same countdown going on rather than starting over. The server's
    // clock comes in whole seconds, so the page may be a second off.
    browser.client.refresh().await.expect("reload");
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;
    let after_reload = countdown_seconds(&browser).await;
    assert!(
        after_reload <= before_reload + 1,
        "countdown went from {before_reload}s to {after_reload}s across a reload"
    );

    // The device installs the profile; the page notices at once.
    let device_name = facts.device_name.clone();
    let mut device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the device enrolls");
    let token_update_answered = std::time::Instant::now();
    browser.wait_for_heading("You're all set").await;
    // A measurement for the README, not an assertion: timing depends on the
    // machine, and the wait above already fails if the page never updates.
    e2e::record_measurement(&format!(
        "{engine:?}: TokenUpdate answered -> \"You're all set\" shown: {} ms",
        token_update_answered.elapsed().as_millis()
    ));
    browser.screenshot("enroll-done").await;

    browser.click_link("Go to My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_text(&device_name).await;
    browser.close().await;
}

async fn expired_profile_then_enroll_again(engine: Engine) {
    let portal = PortalServer::start_demo_with(&["--install-window", "12s"]);
    let browser = Browser::launch(engine).await;
    answer_questions_up_to_download(&browser, &portal).await;

    let facts = DeviceFacts::iphone();
    let (first_url, first_profile) = download_as_safari(&browser, &facts).await;
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;
    // Nobody installs it: the window passes and the page says so.
    browser
        .wait_for_heading("We can't find the management profile")
        .await;
    browser.screenshot("enroll-expired").await;

    // Enroll again goes straight back to the download, no questions asked.
    browser.click_button("Enroll again").await;
    browser
        .wait_for_heading("Download the management profile")
        .await;
    let (second_url, second_profile) = download_as_safari(&browser, &facts).await;
    assert_ne!(first_url, second_url, "Enroll again issues a fresh link");

    // The old, expired profile gets no identity (its SCEP challenge died
    // with the install window); the fresh one works.
    let mut late_device = Device::new(facts.clone(), first_profile).insecure(true);
    match late_device.enroll().await {
        Err(SimError::ScepFailure { .. }) => {}
        other => panic!("the expired profile's SCEP request was not refused: {other:?}"),
    }
    let mut device = Device::new(facts, second_profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the fresh profile enrolls");
    browser.wait_for_heading("You're all set").await;
    browser.close().await;
}

/// Download again while the first profile is being installed: the
/// replaced profile's identity (it got one by SCEP) is refused at check-in,
/// the page says what to do, and the newest profile enrolls.
async fn replaced_profile_is_refused_then_the_newest_enrolls(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    answer_questions_up_to_download(&browser, &portal).await;

    let facts = DeviceFacts::iphone();
    let (first_url, first_profile) = download_as_safari(&browser, &facts).await;
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;
    // The phone starts installing the first profile: it gets its identity.
    let mut stale = Device::new(facts.clone(), first_profile).insecure(true);
    stale
        .obtain_identity()
        .await
        .expect("the first profile's SCEP challenge works until replaced");

    // Meanwhile the person taps Download again, which replaces it.
    browser.click_button("Download again").await;
    browser
        .wait_for_heading("Download the management profile")
        .await;
    let (second_url, second_profile) = download_as_safari(&browser, &facts).await;
    assert_ne!(first_url, second_url, "Download again issues a fresh link");
    // Often all in one second: the page tells the downloads apart by count.
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;

    match stale.enroll().await {
        Err(SimError::Refused { status, .. }) => assert_eq!(status, 403),
        other => panic!("the replaced profile's check-in was not refused: {other:?}"),
    }
    browser
        .wait_for_text("The profile you installed was replaced by a newer download.")
        .await;
    browser.screenshot("enroll-profile-replaced").await;

    let mut device = Device::new(facts, second_profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the newest profile enrolls");
    browser.wait_for_heading("You're all set").await;
    browser.close().await;
}

async fn wrong_browser_then_resume_in_safari(engine: Engine) {
    let portal = PortalServer::start_demo();
    let chrome = Browser::launch_as(engine, CHROME_ON_IOS_UA).await;
    chrome.goto(&portal.url("/enroll")).await;
    chrome.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    chrome.sign_in(ALEX.0, &portal.demo_password).await;
    chrome.wait_for_heading("Open this page in Safari").await;
    // iOS 17 can hand the page to Safari directly.
    chrome
        .wait_for("//a[starts-with(@href,'x-safari-https://')]")
        .await;
    chrome.screenshot("enroll-wrong-browser").await;

    // Record what Copy link puts on the clipboard.
    chrome
        .client
        .execute(
            "window.copiedLinks = [];\
             Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {\
               writeText: text => { window.copiedLinks.push(text); return Promise.resolve(); }\
             }});",
            vec![],
        )
        .await
        .expect("watch the clipboard");
    chrome.click_button("Copy link").await;
    chrome.wait_for_text("Link copied").await;
    let copied = chrome
        .client
        .execute("return window.copiedLinks[0];", vec![])
        .await
        .expect("read the copied link");
    let link = copied.as_str().expect("a link was copied").to_owned();
    assert_eq!(link, portal.url("/enroll"));
    chrome.close().await;

    // Pasted into Safari (its own cookies: signed out), the link leads
    // through sign-in back to the same step of the enrollment.
    let safari = Browser::launch_as(engine, IPHONE_SAFARI_UA).await;
    safari.goto(&link).await;
    safari.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    safari.sign_in(ALEX.0, &portal.demo_password).await;
    safari.wait_for_heading("Who owns this device?").await;
    safari.close().await;
}

async fn guidance_for_other_devices_and_old_ios(engine: Engine) {
    let portal = PortalServer::start_demo();

    let desktop = Browser::launch_as(engine, WINDOWS_EDGE_UA).await;
    desktop.goto(&portal.url("/enroll")).await;
    desktop.sign_in(ALEX.0, &portal.demo_password).await;
    desktop
        .wait_for_heading("Open this page on your iPhone or iPad")
        .await;
    desktop
        .wait_for("//*[name()='svg' and contains(@class,'qr-code')]/*[name()='path']")
        .await;
    desktop.wait_for_text(&portal.url("/enroll")).await;
    desktop.screenshot("enroll-qr").await;
    desktop.close().await;

    let old_iphone = Browser::launch_as(engine, IOS_14_UA).await;
    old_iphone.goto(&portal.url("/enroll")).await;
    old_iphone.sign_in(ALEX.0, &portal.demo_password).await;
    old_iphone.wait_for_heading("Update iOS first").await;
    old_iphone.wait_for_text("Software Update").await;
    old_iphone.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn whole_enrollment_in_chromium_as_an_iphone() {
    whole_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn whole_enrollment_in_webkit() {
    whole_journey(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_profile_then_enroll_again_in_chromium() {
    expired_profile_then_enroll_again(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn expired_profile_then_enroll_again_in_webkit() {
    expired_profile_then_enroll_again(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn replaced_profile_is_refused_then_the_newest_enrolls_in_chromium() {
    replaced_profile_is_refused_then_the_newest_enrolls(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn replaced_profile_is_refused_then_the_newest_enrolls_in_webkit() {
    replaced_profile_is_refused_then_the_newest_enrolls(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_browser_then_resume_in_safari_in_chromium() {
    wrong_browser_then_resume_in_safari(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_browser_then_resume_in_safari_in_webkit() {
    wrong_browser_then_resume_in_safari(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn guidance_for_other_devices_and_old_ios_in_chromium() {
    guidance_for_other_devices_and_old_ios(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn guidance_for_other_devices_and_old_ios_in_webkit() {
    guidance_for_other_devices_and_old_ios(Engine::WebKitIphone).await;
}
