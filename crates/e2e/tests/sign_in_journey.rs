//! Sign in → My devices → Help → sign out → a protected page sends the user
//! to sign-in → signing in returns there. In Chromium as an iPhone and in
//! WebKit, against the real server and a fresh database each.

use e2e::server::{ALEX, SAM};
use e2e::{Browser, Engine, PortalServer};

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_journey_in_chromium_as_an_iphone() {
    sign_in_journey(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_journey_in_webkit() {
    sign_in_journey(Engine::WebKitIphone).await;
}

async fn sign_in_journey(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;

    // Signed out, the portal's front door leads to sign-in, remembering
    // where the user was going.
    browser.goto(&portal.url("/")).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    browser.wait_for_path("/sign-in?return_to=%2Fdevices").await;
    browser.screenshot("sign-in").await;

    // A wrong password gets the one generic message and keeps the email.
    browser.sign_in(ALEX.0, "not-the-password").await;
    browser.wait_for_text("don't match an account").await;
    assert_eq!(browser.value_of("input[type=email]").await, ALEX.0);
    browser.screenshot("sign-in-failed").await;

    // The right one lands on My devices, which is empty and says what next.
    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_path("/devices").await;
    browser.wait_for_text(ALEX.1).await;
    let enroll = browser
        .wait_for("//a[normalize-space()='Enroll this device']")
        .await;
    let href = enroll.attr("href").await.expect("href").unwrap_or_default();
    assert!(
        href.ends_with("/enroll"),
        "Enroll this device links to {href}"
    );
    browser.screenshot("my-devices-empty").await;

    // Help shows how to reach the help desk and the privacy statement.
    browser.click_link("Help").await;
    browser.wait_for_heading("Help").await;
    browser.wait_for_path("/help").await;
    browser.wait_for("//a[@href='tel:+15550100199']").await;
    browser
        .wait_for("//a[@href='mailto:helpdesk@contoso.example']")
        .await;
    browser
        .wait_for("//a[@href='https://contoso.example/privacy']")
        .await;
    browser.screenshot("help").await;

    // Signing out ends the session on the server, not just in the page.
    assert_eq!(browser.fetch_status("/api/me").await, 200);
    browser.click_button("Sign out").await;
    browser.wait_for_heading("Sign in to Contoso").await;
    assert_eq!(browser.fetch_status("/api/me").await, 401);

    // A protected page opened while signed out goes to sign-in, and signing
    // in (as another user) returns to it.
    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    browser.sign_in(SAM.0, &portal.demo_password).await;
    // Sam's enrollment profile is user enrollment, from Settings.
    browser
        .wait_for_heading("Sign in to your work account in Settings")
        .await;
    browser.wait_for_text("sam@contoso.example").await;
    browser.wait_for_path("/enroll").await;
    browser.wait_for_text(SAM.1).await;

    browser.close().await;
}
