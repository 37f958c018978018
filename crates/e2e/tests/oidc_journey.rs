//! Signing in with the organization's work account, through a real OpenID
//! provider (npm's `oidc-provider`, `xtask/oidc/provider.mjs`): the page
//! asked for survives the round trip, sign-out ends the provider's session
//! too, and cancelling, a provider that is down or an unverified email land
//! back on sign-in with the reason and a way forward. In Chromium as an
//! iPhone and in WebKit, each test with its own provider, portal and
//! database.

use std::time::{Duration, Instant};

use e2e::oidc_provider::{PROVIDER_PASSWORD, UNVERIFIED_EMAIL};
use e2e::server::{ALEX, SAM};
use e2e::{Browser, Engine, OidcProvider, PortalServer, PATIENCE};

/// The button on the sign-in page (the demo organization is Contoso).
const SIGN_IN_WITH_CONTOSO: &str = "a.sign-in-oidc";
/// The button before the password form: the work account comes first.
const WORK_ACCOUNT_FIRST: &str = "//a[contains(concat(' ', @class, ' '), ' sign-in-oidc ')]\
     [normalize-space()='Sign in with Contoso'][following::input[@type='password']]";
/// The button, on a page with no password form at all.
const WORK_ACCOUNT_ONLY: &str = "//body[not(.//input[@type='password'])]\
     //a[contains(concat(' ', @class, ' '), ' sign-in-oidc ')]";
const PROVIDER_ERROR: &str = ".sign-in-oidc-error";

#[tokio::test(flavor = "multi_thread")]
async fn oidc_sign_in_and_out_in_chromium_as_an_iphone() {
    sign_in_and_out(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_sign_in_and_out_in_webkit() {
    sign_in_and_out(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_cancelled_at_the_provider_in_chromium_as_an_iphone() {
    cancelled_at_the_provider(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_cancelled_at_the_provider_in_webkit() {
    cancelled_at_the_provider(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_provider_down_in_chromium_as_an_iphone() {
    provider_down(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_provider_down_in_webkit() {
    provider_down(Engine::WebKitIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_unverified_email_in_chromium_as_an_iphone() {
    unverified_email(Engine::ChromiumIphone).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn oidc_unverified_email_in_webkit() {
    unverified_email(Engine::WebKitIphone).await;
}

/// Signs in on the provider's own login page, which the browser shows.
async fn sign_in_at_the_provider(browser: &Browser, email: &str, password: &str) {
    browser.wait_for_heading("Contoso sign-in").await;
    browser.fill("#email", email).await;
    browser.fill("#password", password).await;
    browser.click_css("#sign-in").await;
}

/// Waits until the browser shows the provider's login page (not the
/// portal's), i.e. the provider asks who this is.
async fn wait_for_the_provider_to_ask(browser: &Browser, provider: &OidcProvider) {
    browser.wait_for_heading("Contoso sign-in").await;
    browser.wait_for_css("#password").await;
    let url = browser.property_of("#cancel", "href").await;
    assert!(
        url.starts_with(&provider.issuer),
        "{:?}: the login page is the provider's: {url}",
        browser.engine
    );
}

/// Taps **Sign out** and waits until the provider's sign-out has sent the
/// browser back to the portal's sign-in page. The SPA shows that page
/// itself first, before it leaves for the provider, so the address alone
/// cannot tell the two apart: a mark left in the document before the tap
/// is gone only from a page loaded afresh.
async fn sign_out_through_the_provider(browser: &Browser, portal: &PortalServer) {
    browser
        .client
        .execute("window.beforeSignOut = true;", vec![])
        .await
        .expect("mark the document");
    browser.click_button("Sign out").await;
    let expected = format!("{} false", portal.url("/sign-in"));
    let deadline = Instant::now() + PATIENCE;
    loop {
        // While a page unloads the script may fail: that is "not yet".
        let now = browser
            .client
            .execute(
                "return location.href + ' ' + (window.beforeSignOut === true);",
                vec![],
            )
            .await
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned));
        if now.as_deref() == Some(expected.as_str()) {
            return;
        }
        if Instant::now() >= deadline {
            browser
                .fail(&format!(
                    "expected a new document at {expected}, still at {now:?}"
                ))
                .await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A deep page opened signed out → sign-in → the provider → back on that
/// page, signed in as the provider's user → My devices. Sign-out ends the
/// provider's session too: the next sign-in asks for the password again.
async fn sign_in_and_out(engine: Engine) {
    let portal = PortalServer::start_demo();
    let provider = OidcProvider::start_for(&portal);
    provider.configure(&portal, "on");
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    browser.wait_for(WORK_ACCOUNT_FIRST).await;
    browser.screenshot("oidc-sign-in").await;
    browser.click_css(SIGN_IN_WITH_CONTOSO).await;

    // The provider's own page; a wrong password stays there.
    wait_for_the_provider_to_ask(&browser, &provider).await;
    sign_in_at_the_provider(&browser, ALEX.0, "not-the-password").await;
    browser.wait_for_css("#error").await;
    sign_in_at_the_provider(&browser, ALEX.0, PROVIDER_PASSWORD).await;

    // Back on the page asked for, as the provider's Alex.
    browser.wait_for_heading("Who owns this device?").await;
    browser.wait_for_path("/enroll").await;
    browser.wait_for_text(ALEX.1).await;
    assert_eq!(browser.fetch_status("/api/me").await, 200);

    browser.click_link("My devices").await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_path("/devices").await;
    browser
        .wait_for("//a[normalize-space()='Enroll this device']")
        .await;

    // Sign-out goes through the provider's sign-out and back to sign-in.
    sign_out_through_the_provider(&browser, &portal).await;
    browser.wait_for_heading("Sign in to Contoso").await;
    assert_eq!(browser.fetch_status("/api/me").await, 401);

    // The provider forgot Alex: signing in asks again, and can be Sam.
    browser.click_css(SIGN_IN_WITH_CONTOSO).await;
    wait_for_the_provider_to_ask(&browser, &provider).await;
    sign_in_at_the_provider(&browser, SAM.0, PROVIDER_PASSWORD).await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_path("/devices").await;
    browser.wait_for_text(SAM.1).await;

    browser.close().await;
}

/// Cancel at the provider → sign-in, saying so, with the button to try
/// again, which still returns to the page asked for.
async fn cancelled_at_the_provider(engine: Engine) {
    let portal = PortalServer::start_demo();
    let provider = OidcProvider::start_for(&portal);
    provider.configure(&portal, "on");
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/devices")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fdevices").await;
    browser.click_css(SIGN_IN_WITH_CONTOSO).await;
    wait_for_the_provider_to_ask(&browser, &provider).await;
    browser.click_css("#cancel").await;

    browser
        .wait_for_path("/sign-in?error=cancelled&return_to=%2Fdevices")
        .await;
    let message = browser.wait_for_css(PROVIDER_ERROR).await;
    let text = message.text().await.expect("the message's text");
    assert!(
        text.contains("Sign-in was cancelled"),
        "{engine:?}: the cancelled message reads {text:?}"
    );
    browser.wait_for(WORK_ACCOUNT_FIRST).await;
    browser.screenshot("oidc-cancelled").await;
    assert_eq!(browser.fetch_status("/api/me").await, 401);

    browser.click_css(SIGN_IN_WITH_CONTOSO).await;
    sign_in_at_the_provider(&browser, ALEX.0, PROVIDER_PASSWORD).await;
    browser.wait_for_heading("My devices").await;
    browser.wait_for_path("/devices").await;
    browser.wait_for_text(ALEX.1).await;

    browser.close().await;
}

/// The provider does not answer → sign-in says the organization's service
/// did not answer; the portal's own password still works.
async fn provider_down(engine: Engine) {
    let portal = PortalServer::start_demo();
    let mut provider = OidcProvider::start_for(&portal);
    provider.configure(&portal, "on");
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/enroll")).await;
    browser.wait_for_path("/sign-in?return_to=%2Fenroll").await;
    browser.wait_for(WORK_ACCOUNT_FIRST).await;
    provider.stop();
    browser.click_css(SIGN_IN_WITH_CONTOSO).await;

    browser
        .wait_for_path("/sign-in?error=provider_unavailable&return_to=%2Fenroll")
        .await;
    browser
        .wait_for_text("Your organization's sign-in service didn't answer.")
        .await;
    browser.wait_for_css(PROVIDER_ERROR).await;
    browser.screenshot("oidc-provider-down").await;

    browser.sign_in(ALEX.0, &portal.demo_password).await;
    browser.wait_for_heading("Who owns this device?").await;
    browser.wait_for_path("/enroll").await;
    browser.wait_for_text(ALEX.1).await;

    browser.close().await;
}

/// Local accounts off: only the work account is offered; an account whose
/// email the provider has not verified is not let in, and is told why.
async fn unverified_email(engine: Engine) {
    let portal = PortalServer::start_demo();
    let provider = OidcProvider::start_for(&portal);
    provider.configure(&portal, "off");
    let browser = Browser::launch(engine).await;

    browser.goto(&portal.url("/sign-in")).await;
    browser.wait_for(WORK_ACCOUNT_ONLY).await;
    browser.click_css(SIGN_IN_WITH_CONTOSO).await;
    sign_in_at_the_provider(&browser, UNVERIFIED_EMAIL, PROVIDER_PASSWORD).await;

    browser
        .wait_for_path("/sign-in?error=email_not_verified&return_to=%2Fdevices")
        .await;
    browser
        .wait_for_text("Your work account's email address isn't verified yet.")
        .await;
    browser.wait_for(WORK_ACCOUNT_ONLY).await;
    assert_eq!(browser.fetch_status("/api/me").await, 401);

    browser.close().await;
}
