//! WCAG 2.2 AA, end to end: every page and dialog of the portal, checked by
//! axe-core in the light and the dark colour scheme, in Chromium (as an
//! iPhone) and in WebKit; touch targets of at least 44 x 44 px; reflow with
//! text at 200 %; a layout that mirrors right to left; reduced motion; live
//! regions for what changes by itself; and one whole journey by keyboard.
//!
//! Run only these with `cargo xtask test --suite e2e -- accessibility`.

use std::time::{Duration, Instant};

use device_sim::{Device, DeviceFacts};
use e2e::browser::IPHONE_SAFARI_UA;
use e2e::journeys::{download_as_safari, enroll_this_device, keep_running};
use e2e::server::ALEX;
use e2e::{Browser, Engine, PortalServer, Preferences};
use fantoccini::key::Key;

const CHROME_ON_IOS_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/122.0.6261.89 Mobile/15E148 Safari/604.1";
const IOS_14_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1";
const WINDOWS_EDGE_UA: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.66";

const DIALOG: &str = "//*[@role='dialog']";

/// axe in both schemes: what every page and dialog gets.
async fn check(browser: &Browser, what: &str) {
    browser.assert_accessible_in_both_schemes(what).await;
}

/// axe in both schemes, and the layout checks: touch targets, reflow at
/// 320 px with 200 % text, mirrored under dir=rtl.
async fn check_with_layout(browser: &Browser, what: &str) {
    check(browser, what).await;
    browser.assert_touch_targets(what).await;
    browser.assert_reflows_at_200_percent(what).await;
    browser.assert_mirrors_in_rtl(what, &[]).await;
}

/// Signed out, then the enrollment from the first question to "You're all
/// set": sign-in (empty and with its error), Help, Page not found, My
/// devices (empty), Notifications (empty), and each enrollment step with
/// its countdown.
async fn sign_in_and_enrollment(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/")).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    check_with_layout(&browser, "sign-in").await;

    browser.sign_in(ALEX.0, "not-the-password").await;
    browser.wait_for_text("don't match an account").await;
    browser.assert_announced("don't match an account").await;
    check(&browser, "sign-in with its error").await;

    browser.goto(&portal.url("/help")).await;
    browser.wait_for_heading("Help").await;
    check_with_layout(&browser, "help (signed out)").await;

    browser.goto(&portal.url("/privacy")).await;
    browser
        .wait_for("//section[contains(@class,'privacy-ownership')]")
        .await;
    check_with_layout(&browser, "privacy (signed out)").await;

    browser.goto(&portal.url("/no-such-page")).await;
    browser.wait_for_heading("Page not found").await;
    check(&browser, "page not found").await;

    browser.goto(&portal.url("/devices")).await;
    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_text("No devices yet").await;
    check_with_layout(&browser, "My devices (empty)").await;

    browser.click_link("Notifications").await;
    browser.wait_for_heading("Notifications").await;
    browser.wait_for_text("No notifications yet").await;
    check(&browser, "notifications (none)").await;

    browser.click_link("Enroll").await;
    browser.wait_for_heading("Who owns this device?").await;
    check_with_layout(&browser, "enroll: who owns this device").await;
    // Continue without choosing: the form says what is missing.
    browser.click_button("Continue").await;
    browser.wait_for_text("Choose who owns this device.").await;
    browser
        .wait_for("//input[@type='radio'][@aria-invalid='true'][contains(@aria-describedby,'ownership-choose-one')]")
        .await;
    check(&browser, "enroll: who owns this device, nothing chosen").await;

    browser.click_css("label[for=ownership-personal]").await;
    browser.click_button("Continue").await;
    browser
        .wait_for_heading("What do you want to secure?")
        .await;
    check_with_layout(&browser, "enroll: what do you want to secure").await;
    browser.click_css("label[for=enrollment-type-device]").await;
    browser.click_button("Continue").await;
    browser.wait_for_heading("What can Contoso see?").await;
    check_with_layout(&browser, "enroll: privacy").await;

    browser.click_button("Continue").await;
    browser
        .wait_for_heading("Download the management profile")
        .await;
    check(&browser, "enroll: download").await;

    let facts = DeviceFacts::iphone();
    let (_, profile) = download_as_safari(&browser, &facts).await;
    browser
        .wait_for_heading("Install the profile in Settings")
        .await;
    countdown_speaks_only_at_milestones(&browser).await;
    check_with_layout(&browser, "enroll: install, with the countdown").await;
    // The iOS Settings row's chevron points the way of reading.
    browser.set_direction("rtl").await;
    let chevron = browser
        .computed_style(".ios-mock-row", "::after", "content")
        .await;
    browser.set_direction("ltr").await;
    assert_eq!(
        chevron, "\"\u{2039}\"",
        "{engine:?}: the chevron does not point left in rtl"
    );

    let mut device = Device::new(facts, profile)
        .insecure(true)
        .push_via(portal.push_connection());
    device.enroll().await.expect("the device enrolls");
    browser.wait_for_heading("You're all set").await;
    browser.assert_announced("You're all set").await;
    check(&browser, "enroll: enrolled").await;

    // In Arabic the page turns right to left, and stays accessible.
    browser.choose_language("ar").await;
    browser.wait_for("/html[@lang='ar'][@dir='rtl']").await;
    check(&browser, "enroll: enrolled, in Arabic").await;
    browser.click_css("a[href='/devices']").await;
    browser.wait_for_path("/devices").await;
    browser
        .wait_for("//*[contains(@class,'device-card')]")
        .await;
    check_with_layout(&browser, "My devices, in Arabic").await;
    browser.close().await;
}

/// The countdown's digits tick every second, but what screen readers hear
/// (its live region) stays put between milestones (5, 2 and 1 minutes,
/// 30 seconds, time's up), and the ticking digits are hidden from them.
async fn countdown_speaks_only_at_milestones(browser: &Browser) {
    let region = "//*[contains(@class,'countdown')]//*[@role='status' or @aria-live]";
    browser.wait_for(region).await;
    let mut digits: Vec<String> = Vec::new();
    let mut spoken = Vec::new();
    // Three different readings of the digits: two ticks seen, however slow
    // the machine is to show or to read them.
    let deadline = Instant::now() + e2e::PATIENCE;
    while digits.len() < 3 {
        assert!(
            Instant::now() < deadline,
            "the countdown did not tick: {digits:?}"
        );
        let now = browser
            .client
            .execute(
                "const c = document.querySelector('.countdown');\
                 const live = c.querySelector('[role=status], [aria-live]');\
                 const digits = c.querySelector('.countdown-digits');\
                 return [digits.textContent, live.textContent,\
                   !!digits.closest('[aria-hidden=true]')];",
                vec![],
            )
            .await
            .expect("read the countdown");
        let now: (String, String, bool) = serde_json::from_value(now).expect("countdown state");
        assert!(
            now.2,
            "the ticking digits are read out: they must be aria-hidden"
        );
        if digits.last() != Some(&now.0) {
            digits.push(now.0);
        }
        if spoken.last() != Some(&now.1) {
            spoken.push(now.1);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        spoken.len(),
        1,
        "the countdown's live region changed between milestones: {spoken:?} (digits {digits:?})"
    );
    assert!(
        spoken[0].contains("minutes left"),
        "the countdown's live region says {spoken:?}"
    );
}

/// An enrolled device's pages and dialogs, with a device that answers.
async fn self_service(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    let device = enroll_this_device(&browser, &portal, DeviceFacts::iphone()).await;
    let facts = device.facts_handle();
    let offline = device.offline_handle();
    let device_name = facts.read().expect("facts").device_name.clone();
    let (stop, device_task) = keep_running(device);

    browser.click_link("Go to My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_text("This device").await;
    check_with_layout(&browser, "My devices (one device)").await;

    browser.click_link(&device_name).await;
    browser.wait_for_heading(&device_name).await;
    check_with_layout(&browser, "device details").await;
    if engine == Engine::ChromiumIphone {
        // Offline, the actions are off and the page says why (WebKit has
        // no way to go offline through WebDriver).
        set_offline(&browser, true).await;
        browser
            .wait_for("/html[@data-connectivity='offline']")
            .await;
        check(&browser, "device details, offline").await;
        set_offline(&browser, false).await;
        browser.wait_for("/html[@data-connectivity='online']").await;
    }

    // Rename, with an invalid name and then a good one.
    browser.click_button("Rename").await;
    browser.wait_for(DIALOG).await;
    check_with_layout(&browser, "rename dialog").await;
    let field = format!("{DIALOG}//input");
    let name_field = browser.wait_for(&field).await;
    name_field.clear().await.expect("clear");
    name_field.send_keys(&"x".repeat(65)).await.expect("type");
    browser.click_button("Save").await;
    browser.wait_for_text("Use at most 64 characters.").await;
    check(&browser, "rename dialog with an invalid name").await;
    let name_field = browser.wait_for(&field).await;
    name_field.clear().await.expect("clear");
    name_field.send_keys("Work iPhone").await.expect("type");
    browser.click_button("Save").await;
    browser.wait_for_heading("Work iPhone").await;
    browser.assert_announced("Name changed to").await;

    // Check status: compliant, then out of compliance with what to do.
    browser.click_button("Check status").await;
    browser.assert_announced("Status checked").await;
    facts.write().expect("facts").os_version = "16.7".into();
    browser.click_button("Check status").await;
    browser.wait_for_text("Out of compliance").await;
    browser.assert_announced("Status checked").await;
    check(&browser, "device details, out of compliance").await;

    // Remote lock: the dialog, then pending and successful, both spoken.
    offline.store(true, std::sync::atomic::Ordering::SeqCst);
    browser.click_button("Remote lock").await;
    browser.wait_for(DIALOG).await;
    check(&browser, "remote lock dialog").await;
    browser.click_button("Lock").await;
    browser.assert_announced("Remote lock pending").await;
    check(&browser, "device details, remote lock pending").await;
    offline.store(false, std::sync::atomic::Ordering::SeqCst);
    browser.assert_announced("Remote lock successful").await;
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
    browser.assert_announced("Remote lock failed").await;
    check(&browser, "device details, remote lock failed").await;

    // Remove: the confirmation (not confirmed here).
    browser.click_button("Remove").await;
    browser.wait_for(DIALOG).await;
    check_with_layout(&browser, "remove dialog").await;
    browser.click_button("Cancel").await;

    browser.click_link("Notifications").await;
    browser.wait_for_heading("Notifications").await;
    browser.wait_for_text("Remote lock").await;
    check_with_layout(&browser, "notifications").await;

    drop(stop);
    let _ = tokio::time::timeout(e2e::PATIENCE, device_task).await;
    browser.close().await;
}

/// Chromium: cuts the tab off the network (DevTools), or reconnects it.
async fn set_offline(browser: &Browser, offline: bool) {
    browser.cdp("Network.enable", serde_json::json!({})).await;
    browser
        .cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({
                "offline": offline,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            }),
        )
        .await;
}

/// The screens for other browsers and devices and for what went wrong,
/// each in a browser of its own, launched with the system set to dark and
/// to reduced motion (real media features in both engines).
async fn guidance_in_dark_with_reduced_motion(engine: Engine) {
    let portal = PortalServer::start_demo_with(&["--install-window", "20s"]);
    let dark = Preferences {
        dark: true,
        reduced_motion: true,
        ..Preferences::default()
    };
    let as_device = |user_agent| Browser::launch_with(engine, user_agent, dark);

    let chrome = as_device(CHROME_ON_IOS_UA).await;
    chrome.goto(&portal.url("/enroll")).await;
    chrome.sign_in(ALEX.0, &portal.demo_password).await;
    chrome.wait_for_heading("Open this page in Safari").await;
    assert_dark_and_still(&chrome).await;
    chrome
        .assert_accessible("enroll: wrong browser (dark)")
        .await;
    chrome.assert_touch_targets("enroll: wrong browser").await;
    chrome.close().await;

    let desktop = as_device(WINDOWS_EDGE_UA).await;
    desktop.goto(&portal.url("/enroll")).await;
    desktop.sign_in(ALEX.0, &portal.demo_password).await;
    desktop
        .wait_for_heading("Open this page on your iPhone or iPad")
        .await;
    desktop
        .assert_accessible("enroll: not an iPhone or iPad (dark)")
        .await;
    desktop.close().await;

    let old_iphone = as_device(IOS_14_UA).await;
    old_iphone.goto(&portal.url("/enroll")).await;
    old_iphone.sign_in(ALEX.0, &portal.demo_password).await;
    old_iphone.wait_for_heading("Update iOS first").await;
    old_iphone
        .assert_accessible("enroll: update iOS first (dark)")
        .await;
    old_iphone.close().await;

    // Safari on an iPhone: the profile expires uninstalled; then a device
    // on too old an iOS installs the next one and is refused. The install
    // window leaves room for the install page's audit on a busy machine.
    let safari = as_device(IPHONE_SAFARI_UA).await;
    safari.goto(&portal.url("/enroll")).await;
    safari.sign_in(ALEX.0, &portal.demo_password).await;
    safari.wait_for_heading("Who owns this device?").await;
    safari.click_css("label[for=ownership-corporate]").await;
    safari.click_button("Continue").await;
    safari.wait_for_heading("What can Contoso see?").await;
    safari.click_button("Continue").await;
    safari
        .wait_for_heading("Download the management profile")
        .await;
    let facts = DeviceFacts::iphone();
    let _ = download_as_safari(&safari, &facts).await;
    safari
        .wait_for_heading("Install the profile in Settings")
        .await;
    safari
        .assert_accessible("enroll: install (dark, reduced motion)")
        .await;
    safari
        .wait_for_heading("We can't find the management profile")
        .await;
    safari
        .assert_announced("We can't find the management profile")
        .await;
    safari.assert_accessible("enroll: expired (dark)").await;

    safari.click_button("Enroll again").await;
    safari
        .wait_for_heading("Download the management profile")
        .await;
    let old = DeviceFacts {
        os_version: "15.8".into(),
        ..DeviceFacts::iphone()
    };
    let (_, profile) = download_as_safari(&safari, &old).await;
    let _ = Device::new(old, profile)
        .insecure(true)
        .push_via(portal.push_connection())
        .enroll()
        .await;
    safari.wait_for_heading("Update iOS first").await;
    safari
        .assert_accessible("enroll: refused, update iOS (dark)")
        .await;
    safari.close().await;
}

/// The system's dark scheme and reduced motion reach the page: its colours
/// are the dark ones, and nothing moves (a loading spinner fades slowly
/// instead of spinning; buttons change colour at once).
async fn assert_dark_and_still(browser: &Browser) {
    let answer = browser
        .client
        .execute(
            "const spinner = document.createElement('span');\
             spinner.className = 'spinner';\
             const button = document.createElement('button');\
             button.className = 'button button-primary';\
             document.body.append(spinner, button);\
             const s = getComputedStyle(spinner), b = getComputedStyle(button);\
             const result = {\
               dark: matchMedia('(prefers-color-scheme: dark)').matches,\
               reduce: matchMedia('(prefers-reduced-motion: reduce)').matches,\
               background: getComputedStyle(document.body).backgroundColor,\
               spinnerAnimation: s.animationName,\
               spinnerSeconds: parseFloat(s.animationDuration),\
               buttonTransition: Math.max(...b.transitionDuration.split(',').map(parseFloat)),\
             };\
             spinner.remove(); button.remove();\
             return result;",
            vec![],
        )
        .await
        .expect("read the media features");
    assert_eq!(
        answer["dark"], true,
        "{:?}: not dark: {answer}",
        browser.engine
    );
    assert_eq!(
        answer["reduce"], true,
        "{:?}: motion not reduced: {answer}",
        browser.engine
    );
    assert_eq!(
        answer["background"], "rgb(18, 20, 23)",
        "{:?}: the page is not in its dark colours: {answer}",
        browser.engine
    );
    assert_ne!(
        answer["spinnerAnimation"], "spin",
        "{:?}: the spinner still spins with reduced motion: {answer}",
        browser.engine
    );
    let spinner_seconds = answer["spinnerSeconds"].as_f64().unwrap_or(0.0);
    assert!(
        answer["spinnerAnimation"] == "none" || spinner_seconds >= 1.0,
        "{:?}: the spinner's animation is not a slow fade: {answer}",
        browser.engine
    );
    assert!(
        answer["buttonTransition"].as_f64().unwrap_or(1.0) <= 0.001,
        "{:?}: buttons still transition with reduced motion: {answer}",
        browser.engine
    );
}

/// Signing in and looking after a device with the keyboard alone: Tab,
/// Shift+Tab, Enter, Space and Escape, no clicks. Focus is always visible,
/// moves to the new page's heading on navigation, stays inside a dialog and
/// goes back to the button that opened it.
async fn keyboard_only(engine: Engine) {
    let portal = PortalServer::start_demo();
    let browser = Browser::launch(engine).await;
    // Setting up (with the pointer): an enrolled device, then signed out.
    let device = enroll_this_device(&browser, &portal, DeviceFacts::iphone()).await;
    let device_name = device
        .facts_handle()
        .read()
        .expect("facts")
        .device_name
        .clone();
    browser
        .client
        .delete_all_cookies()
        .await
        .expect("sign out by forgetting the session");

    browser
        .goto(&portal.url("/sign-in?return_to=%2Fdevices"))
        .await;
    browser.wait_for_heading("Sign in to Contoso").await;
    browser.take_keyboard_focus().await;

    // The first Tab reaches the skip link, which shows itself; Enter moves
    // to the main heading; the next Tab to the email field.
    let skip = browser.tab(false).await;
    assert_eq!(
        (skip.tag.as_str(), skip.text.as_str()),
        ("a", "Skip to main content"),
        "{engine:?}: the first Tab did not reach the skip link"
    );
    browser.press(Key::Enter).await;
    browser.wait_for_focus("h1", "Sign in to Contoso").await;
    let email = browser.tab(false).await;
    assert_eq!(
        email.tag, "input",
        "{engine:?}: after the heading: {email:?}"
    );
    browser.type_text(ALEX.0).await;
    let password = browser.tab(false).await;
    assert_eq!(
        password.tag, "input",
        "{engine:?}: after the email: {password:?}"
    );
    browser.type_text(&portal.demo_password).await;
    browser.press(Key::Enter).await;

    // Signed in: focus on My devices' heading, then Tab to the device.
    browser.wait_for_focus("h1", "My devices").await;
    browser.tab_to("a", &device_name, 15).await;
    browser.press(Key::Enter).await;
    browser.wait_for_focus("h1", &device_name).await;

    // Rename: the dialog takes focus into its field and keeps it inside.
    browser.tab_to("button", "Rename", 10).await;
    browser.press(Key::Enter).await;
    let field = browser.wait_for_focus("input", "Name in the portal").await;
    assert!(
        field.in_dialog,
        "{engine:?}: focus did not enter the dialog"
    );
    let mut seen = vec![field.text.clone()];
    for _ in 0..3 {
        let next = browser.tab(false).await;
        assert!(
            next.in_dialog,
            "{engine:?}: Tab left the dialog for <{}> {:?}",
            next.tag, next.text
        );
        seen.push(next.text);
    }
    assert_eq!(
        seen.first(),
        seen.last(),
        "{engine:?}: Tab does not cycle within the dialog: {seen:?}"
    );
    let back = browser.tab(true).await;
    assert!(
        back.in_dialog && back.tag == "button",
        "{engine:?}: Shift+Tab from the field should wrap to the last button: {back:?}"
    );
    // Escape closes it and gives focus back to Rename.
    browser.press(Key::Escape).await;
    browser.wait_for_focus("button", "Rename").await;
    assert!(!browser.is_present("[role=dialog]").await);

    // Space opens it again; type a name and press Enter to save.
    browser.type_text(" ").await;
    browser.wait_for_focus("input", "Name in the portal").await;
    browser.replace_focused_text("Keyboard iPhone").await;
    browser.press(Key::Enter).await;
    browser.wait_for_heading("Keyboard iPhone").await;
    browser.assert_announced("Name changed to").await;
    let after_save = browser.wait_for_focus("button", "Rename").await;
    browser.assert_focus_shown(&after_save);

    // Remote lock: Tab to it, Enter; the dialog focuses Lock; Enter locks.
    browser.tab_to("button", "Remote lock", 5).await;
    browser.press(Key::Enter).await;
    let lock = browser.wait_for_focus("button", "Lock").await;
    assert!(lock.in_dialog);
    browser.press(Key::Enter).await;
    browser.assert_announced("Remote lock pending").await;
    browser.wait_for_focus("button", "Remote lock").await;
    assert!(!browser.is_present("[role=dialog]").await);

    // Back up the page with Shift+Tab to the navigation, and on to Help.
    let mut reached_help = false;
    for _ in 0..20 {
        let focused = browser.tab(true).await;
        if focused.tag == "a" && focused.text == "Help" {
            reached_help = true;
            break;
        }
    }
    assert!(reached_help, "{engine:?}: Shift+Tab never reached Help");
    browser.press(Key::Enter).await;
    browser.wait_for_focus("h1", "Help").await;
    browser.wait_for_path("/help").await;
    drop(device);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_sign_in_and_enrollment_in_chromium() {
    sign_in_and_enrollment(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_sign_in_and_enrollment_in_webkit() {
    sign_in_and_enrollment(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_self_service_in_chromium() {
    self_service(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_self_service_in_webkit() {
    self_service(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_guidance_dark_reduced_motion_in_chromium() {
    guidance_in_dark_with_reduced_motion(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_guidance_dark_reduced_motion_in_webkit() {
    guidance_in_dark_with_reduced_motion(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_keyboard_only_in_chromium() {
    keyboard_only(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_keyboard_only_in_webkit() {
    keyboard_only(Engine::WebKitIphone).await;
}
