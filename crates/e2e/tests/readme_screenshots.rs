//! The README's pictures: the main screens at iPhone size (390×844) in
//! light, dark and Arabic, taken from the real portal on every run so they
//! never go stale (`tests/screenshots/<screen>-<variant>.png`). Each waits
//! for what the screen must show, so this is also a smoke test of all three.

use device_sim::DeviceFacts;
use e2e::catalogs::message;
use e2e::journeys::enroll_this_device;
use e2e::{Browser, Engine, PortalServer, Preferences};

#[derive(Clone, Copy)]
struct Variant {
    name: &'static str,
    dark: bool,
    language: &'static str,
}

const VARIANTS: [Variant; 3] = [
    Variant {
        name: "light",
        dark: false,
        language: "en",
    },
    Variant {
        name: "dark",
        dark: true,
        language: "en",
    },
    Variant {
        name: "arabic",
        dark: false,
        language: "ar",
    },
];

#[tokio::test(flavor = "multi_thread")]
async fn readme_screenshots_of_the_main_screens() {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(Engine::ChromiumIphone).await;
    let facts = DeviceFacts::iphone();
    let device_name = facts.device_name.clone();
    let _device = enroll_this_device(&browser, &portal, facts).await;

    browser.goto(&portal.url("/devices")).await;
    let device_href = browser
        .wait_for("//a[starts-with(@href, '/devices/')]")
        .await
        .attr("href")
        .await
        .expect("href")
        .expect("a device link");

    for variant in VARIANTS {
        show(&browser, variant).await;
        let tag = variant.language;

        browser.goto(&portal.url("/devices")).await;
        browser
            .wait_for_heading(&message(tag, "devices-heading", &[]))
            .await;
        browser.wait_for_text(&device_name).await;
        browser
            .readme_screenshot(&format!("my-devices-{}", variant.name))
            .await;

        browser.goto(&portal.url(&device_href)).await;
        browser.wait_for_heading(&device_name).await;
        browser
            .wait_for_text(&message(tag, "device-actions-heading", &[]))
            .await;
        browser
            .readme_screenshot(&format!("device-{}", variant.name))
            .await;

        browser.goto(&portal.url("/privacy")).await;
        browser
            .wait_for_heading(&message(tag, "shell-privacy-link", &[("org", "Contoso")]))
            .await;
        browser
            .readme_screenshot(&format!("privacy-{}", variant.name))
            .await;
    }

    // Signed out: the sign-in page, in each variant.
    show(&browser, VARIANTS[0]).await;
    browser.click_css(".account button").await;
    browser.wait_for_path("/sign-in").await;
    for variant in VARIANTS {
        show(&browser, variant).await;
        browser
            .wait_for_text(&message(variant.language, "sign-in-email-label", &[]))
            .await;
        browser
            .readme_screenshot(&format!("sign-in-{}", variant.name))
            .await;
    }
}

/// Switches the colour scheme and, through the picker, the language.
async fn show(browser: &Browser, variant: Variant) {
    browser
        .emulate_media(Preferences {
            dark: variant.dark,
            ..Preferences::default()
        })
        .await;
    browser.choose_language(variant.language).await;
    browser
        .wait_for(&format!("/html[@lang='{}']", variant.language))
        .await;
}
