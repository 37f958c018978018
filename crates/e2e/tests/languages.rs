//! The portal in German and Arabic: the language follows the system's
//! (`navigator.languages`, Chromium), the picker changes it and is remembered, and
//! Arabic lays the page out right to left. Sign-in and My devices, and a
//! refusal of the server in German words, in Chromium as an iPhone and in
//! WebKit, each against its own server.

use device_sim::DeviceFacts;
use e2e::catalogs::message;
use e2e::journeys::enroll_another_device;
use e2e::server::ALEX;
use e2e::{Browser, Engine, PortalServer, Preferences};

#[tokio::test(flavor = "multi_thread")]
async fn german_then_arabic_in_chromium() {
    german_then_arabic(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn german_then_arabic_in_webkit() {
    german_then_arabic(Engine::WebKitIphone).await;
}

async fn german_then_arabic(engine: Engine) {
    let portal = PortalServer::start_demo();
    let german_system = Preferences {
        language: Some("de-DE"),
        ..Preferences::default()
    };
    let browser = Browser::launch_with(engine, e2e::browser::IPHONE_SAFARI_UA, german_system).await;

    // A German system gets the portal in German, from the first page
    // (Chromium; in WebKit, German is picked on the sign-in page).
    browser.goto(&portal.url("/devices")).await;
    if engine == Engine::WebKitIphone {
        browser.wait_for("/html[@lang='en']").await;
        browser.choose_language("de").await;
    }
    browser.wait_for("/html[@lang='de'][@dir='ltr']").await;
    browser
        .wait_for_heading(&message(
            "de",
            "sign-in-heading-organization",
            &[("org", "Contoso")],
        ))
        .await;
    browser
        .wait_for_text(&message("de", "sign-in-email-label", &[]))
        .await;

    // Signing in lands on My devices, in German too.
    browser.fill("input[type=email]", ALEX.0).await;
    browser
        .fill("input[type=password]", &portal.demo_password)
        .await;
    browser.click_css("button[type=submit]").await;
    browser
        .wait_for_heading(&message("de", "devices-heading", &[]))
        .await;
    browser.wait_for_path("/devices").await;

    // The picker switches to Arabic at once: right to left, Arabic words.
    browser.choose_language("ar").await;
    browser.wait_for("/html[@lang='ar'][@dir='rtl']").await;
    browser
        .wait_for_heading(&message("ar", "devices-heading", &[]))
        .await;
    let direction: String = browser
        .client
        .execute(
            "return getComputedStyle(document.querySelector('main h1')).direction",
            vec![],
        )
        .await
        .expect("computed direction")
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(direction, "rtl", "the heading is laid out right to left");

    // The choice is remembered: a reload (or the next visit) is in Arabic,
    // although the system still prefers German.
    browser.goto(&portal.url("/devices")).await;
    browser.wait_for("/html[@lang='ar'][@dir='rtl']").await;
    browser
        .wait_for_heading(&message("ar", "devices-heading", &[]))
        .await;
    browser
        .wait_for_text(&message("ar", "shell-sign-out", &[]))
        .await;

    // Signing out shows the sign-in page in Arabic.
    browser.click_css(".account button").await;
    browser
        .wait_for_text(&message("ar", "sign-in-email-label", &[]))
        .await;
    browser.screenshot("sign-in-arabic").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_shown_in_german_in_chromium() {
    a_refusal_shown_in_german(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_shown_in_german_in_webkit() {
    a_refusal_shown_in_german(Engine::WebKitIphone).await;
}

/// Contoso allows one device each. Alex, with the portal in German, is
/// about to enroll the iPhone when their iPad enrolls first: the server
/// refuses the iPhone's enrollment (`device_limit_reached`, the limit in
/// its details), and the page says so in German, with the number, from
/// the catalog, not in the server's English.
async fn a_refusal_shown_in_german(engine: Engine) {
    let portal = PortalServer::start_demo_with(&["--device-limit", "1"]);
    let german_system = Preferences {
        language: Some("de-DE"),
        ..Preferences::default()
    };
    let browser = Browser::launch_with(engine, e2e::browser::IPHONE_SAFARI_UA, german_system).await;
    let german = |key: &str, args: &[(&str, &str)]| message("de", key, args);

    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    if engine == Engine::WebKitIphone {
        browser.wait_for("/html[@lang='en']").await;
        browser.choose_language("de").await;
    }
    browser.wait_for("/html[@lang='de']").await;
    // The page in German before typing: switching re-renders the page.
    browser
        .wait_for_heading(&german(
            "sign-in-heading-organization",
            &[("org", "Contoso")],
        ))
        .await;
    browser
        .wait_for_text(&german("sign-in-email-label", &[]))
        .await;
    browser.fill("input[type=email]", ALEX.0).await;
    browser
        .fill("input[type=password]", &portal.demo_password)
        .await;
    browser.click_css("button[type=submit]").await;

    // Up to the last question before the enrollment starts; the page has
    // Contoso's rules by now (no devices yet, one allowed).
    browser
        .wait_for_heading(&german("enroll-ownership-heading", &[]))
        .await;
    browser.click_css("label[for=ownership-personal]").await;
    browser.click_button(&german("enroll-continue", &[])).await;
    browser
        .wait_for_heading(&german("enroll-secure-heading", &[]))
        .await;
    browser.click_css("label[for=enrollment-type-device]").await;
    browser.click_button(&german("enroll-continue", &[])).await;
    browser
        .wait_for_heading(&german("enroll-privacy-heading", &[("org", "Contoso")]))
        .await;

    // Meanwhile Alex's iPad enrolls: the one device Contoso allows.
    let _ipad = enroll_another_device(&browser, &portal, DeviceFacts::ipad()).await;

    browser.click_button(&german("enroll-continue", &[])).await;
    let refusal = german(
        "api-error-device-limit-reached",
        &[("org", "Contoso"), ("limit", "1")],
    );
    // The alert above the button: German words, Contoso and the number;
    // and, the answer in, the button ready to try again.
    browser.wait_for_text(&refusal).await;
    browser
        .wait_for_css(".actions button.button-primary:not([disabled])")
        .await;
    browser.wait_for_text(&refusal).await;
    browser.screenshot("refusal-in-german").await;
}
