//! The portal in German and Arabic: the language follows the system's
//! (`navigator.languages`, Chromium), the picker changes it and is remembered, and
//! Arabic lays the page out right to left. Sign-in and My devices, in
//! Chromium as an iPhone and in WebKit, each against its own server.

use e2e::catalogs::message;
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
