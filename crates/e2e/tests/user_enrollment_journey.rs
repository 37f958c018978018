//! "Only work apps and data", end to end: account-driven user enrollment
//! as an iPhone does it. The person reads the walkthrough in Safari; the
//! device (device-sim) discovers the portal from the account typed in
//! Settings, gets the `apple-as-web` challenge and opens the web sign-in
//! in Settings' sheet (a second browser with its own cookies, as that sheet
//! has); the person signs in and consents; the test reads the `308` that
//! hands Settings the token; the device enrolls with it. The walkthrough
//! notices by itself, and the device's page shows what user enrollment
//! means, offers its actions and says what **Remove** erases. In Chromium
//! (as an iPhone) and in WebKit.

use device_sim::account_enrollment::{token_from_location, AccountEnrollment, EnrollmentMode};
use device_sim::{DeviceFacts, RunOutcome};
use e2e::server::ALEX;
use e2e::{Browser, Engine, PortalServer};

const DIALOG: &str = "//*[@role='dialog']";
const DEVICE_LINK: &str = ".device-card .device-name a";

async fn work_apps_only_journey(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;

    // Safari: the person chooses "Only work apps and data"; nothing is
    // downloaded, the walkthrough shows the account to type in Settings.
    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("Who owns this device?").await;
    browser.click_css("label[for=ownership-personal]").await;
    browser.click_button("Continue").await;
    browser
        .wait_for_heading("What do you want to secure?")
        .await;
    browser.click_css("label[for=enrollment-type-user]").await;
    browser.click_button("Continue").await;
    browser
        .wait_for_heading("Sign in to your work account in Settings")
        .await;
    let account = browser
        .property_of("[data-testid=work-account] strong", "textContent")
        .await;
    assert_eq!(account.trim(), ALEX.0, "{engine:?}: the account to type");
    browser.screenshot("user-enrollment-walkthrough").await;

    // Settings: discovery by the typed account, then the challenge.
    let client = insecure_client();
    let enrollment = AccountEnrollment::new(
        client.clone(),
        &portal.base_url,
        account.trim(),
        DeviceFacts::iphone(),
    )
    .expect("a device about to enroll");
    let discovered = enrollment.discover().await.expect("discovery");
    assert_eq!(
        discovered.version, "mdm-byod",
        "{engine:?}: user enrollment"
    );
    let sign_in_url = enrollment
        .first_attempt(&discovered.base_url, EnrollmentMode::Byod)
        .await
        .expect("the apple-as-web challenge");

    // Settings' sheet: the person signs in and consents.
    let sheet = Browser::launch(engine).await;
    sheet.goto(&sign_in_url).await;
    sheet.wait_for_css("input[type=email]").await;
    sheet.sign_in(ALEX.0, &portal.demo_password).await;
    sheet.wait_for_heading("Enroll with Contoso").await;
    let typed = sheet
        .property_of("[data-testid=work-account] strong", "textContent")
        .await;
    assert_eq!(typed.trim(), ALEX.0, "{engine:?}: the sheet's account");
    sheet
        .wait_for_text("The work apps it installs, and their versions")
        .await;
    sheet.screenshot("user-enrollment-sheet").await;
    let location = consent_and_read_redirect(&sheet, &client, &portal).await;
    let token = token_from_location(&location)
        .unwrap_or_else(|| panic!("{engine:?}: no token in {location}"));
    sheet.close().await;

    // The device enrolls with the token, then listens for pushes.
    let profile = enrollment
        .authorized_attempt(&discovered.base_url, EnrollmentMode::Byod, &token)
        .await
        .expect("the enrollment profile");
    let mut device = enrollment
        .device(&profile, &token, EnrollmentMode::Byod)
        .expect("a user-enrollment profile")
        .push_via(portal.push_connection());
    device.enroll().await.expect("the device enrolls");
    assert!(device.enrollment_id().is_some(), "keyed by EnrollmentID");

    // Safari noticed by itself.
    browser.wait_for_heading("You're all set").await;
    browser.screenshot("user-enrollment-enrolled").await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let device_task = tokio::spawn(async move {
        device
            .run_until(async {
                let _ = stopped.await;
            })
            .await
    });

    // Its page: user enrollment, no serial number, the actions that apply.
    browser.click_link("Go to My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_text("User enrollment").await;
    let device_name = browser.property_of(DEVICE_LINK, "textContent").await;
    browser.click_css(DEVICE_LINK).await;
    browser.wait_for_heading(device_name.trim()).await;
    browser
        .wait_for_text("User enrollment — only work apps and data")
        .await;
    assert!(
        !page_contains(&browser, "Serial number").await,
        "{engine:?}: a user-enrolled device shows no serial number"
    );
    browser.screenshot("user-enrollment-device").await;

    browser.click_button("Check status").await;
    browser.wait_for_text("Can access company resources").await;

    browser.click_button("Remote lock").await;
    browser.wait_for(DIALOG).await;
    browser.click_button("Lock").await;
    browser.wait_for_text("Remote lock successful").await;

    // Remove says the work volume is erased, and it is.
    browser.click_button("Remove").await;
    browser.wait_for(DIALOG).await;
    browser
        .wait_for_text("The work volume is erased from the device")
        .await;
    browser.screenshot("user-enrollment-remove").await;
    browser.click_button("Remove device").await;
    let outcome = tokio::time::timeout(e2e::PATIENCE, device_task)
        .await
        .expect("the device is unenrolled in time")
        .expect("device task")
        .expect("device polling");
    assert_eq!(outcome, RunOutcome::Unenrolled);
    browser.wait_for_text("the work volume is erased").await;
    drop(stop);
    browser.close().await;
}

/// Clicks **Continue** in the sheet and returns the `Location` of the `308`
/// that ends it. The sheet's own navigation to that custom scheme goes
/// nowhere in a desktop browser, so the test asks the same finish address
/// with the sheet's session, as Settings would follow it.
async fn consent_and_read_redirect(
    sheet: &Browser,
    client: &reqwest::Client,
    portal: &PortalServer,
) -> String {
    // Keep the consent's answer where the test can read it, even after the
    // sheet followed it to the finish address (same origin: the session's
    // storage stays).
    sheet
        .client
        .execute(
            "sessionStorage.removeItem('e2e-consented');\
             const original = window.fetch;\
             window.fetch = async (...args) => {\
               const response = await original(...args);\
               const url = String(args[0] && args[0].url || args[0]);\
               if (url.includes('/api/account-enrollment/consent') && response.ok) {\
                 sessionStorage.setItem('e2e-consented', JSON.stringify(await response.clone().json()));\
               }\
               return response;\
             };",
            vec![],
        )
        .await
        .expect("watch the consent");
    let cookie = sheet.session_cookie().await;
    sheet.click_button("Continue").await;
    let consented = wait_for_consent(sheet).await;
    let finish_url = consented["finish_url"]
        .as_str()
        .unwrap_or_else(|| panic!("no finish_url in {consented}"));
    let response = client
        .get(portal.url(finish_url))
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .expect("ask the finish address");
    assert_eq!(response.status().as_u16(), 308, "the finish answers 308");
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .expect("a Location")
        .to_owned()
}

async fn wait_for_consent(sheet: &Browser) -> serde_json::Value {
    let deadline = std::time::Instant::now() + e2e::PATIENCE;
    loop {
        // The page may already be navigating away: an error is "not yet".
        if let Ok(value) = sheet
            .client
            .execute(
                "return JSON.parse(sessionStorage.getItem('e2e-consented'));",
                vec![],
            )
            .await
        {
            if !value.is_null() {
                return value;
            }
        }
        if std::time::Instant::now() >= deadline {
            sheet.fail("the consent was not answered").await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn page_contains(browser: &Browser, text: &str) -> bool {
    browser
        .client
        .execute(
            "return document.body.innerText.includes(arguments[0]);",
            vec![serde_json::json!(text)],
        )
        .await
        .expect("read the page")
        .as_bool()
        .unwrap_or(false)
}

/// The device's client: the test server's certificate is self-signed, and
/// the `308` is read, not followed.
fn insecure_client() -> reqwest::Client {
    reqwest::Client::builder()
        .use_rustls_tls()
        .danger_accept_invalid_certs(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

#[tokio::test(flavor = "multi_thread")]
async fn work_apps_only_in_chromium_as_an_iphone() {
    work_apps_only_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn work_apps_only_in_webkit() {
    work_apps_only_journey(Engine::WebKitIphone).await;
}
