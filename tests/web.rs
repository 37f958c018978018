//! Browser tests of the components a person touches first: the sign-in form
//! and the ways in the sign-in page offers,
//! the device list, the dialogs of a device's page, the enrollment screens' parts and a page whose module fails to download. Each test mounts one component into its own fresh
//! container (the tests share one page), acts like a person would, and
//! checks what the person would see.
//!
//! Chromium: `wasm-pack test --headless --chrome` (with `CHROMEDRIVER`).
//! WebKit: `cargo test --target wasm32-unknown-unknown` with
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner` and
//! `SAFARIDRIVER=/usr/bin/WebKitWebDriver`, under `xvfb-run -a`.

#![cfg(target_arch = "wasm32")]

use std::sync::{Arc, Mutex};

use company_portal::api::ClientError;
use company_portal::components::countdown::Countdown;
use company_portal::components::device_list::DeviceList;
use company_portal::components::device_reach::{DeviceReachNotice, REACH_STATUS_ID};
use company_portal::components::dialog::ConfirmDialog;
use company_portal::components::privacy_lists::PrivacyLists;
use company_portal::components::qr_code::QrCode;
use company_portal::components::rename_dialog::RenameDialog;
use company_portal::components::sign_in_form::SignInForm;
use company_portal::i18n::{Catalog, Language};
use company_portal::lazy_page::{lazy_page_view, PageCodeUnavailable, RenderPage};
use company_portal::pages::enroll::choose_enrollment_type::ChooseEnrollmentTypeScreen;
use company_portal::pages::enroll::download::{DownloadScreen, HandOff};
use company_portal::pages::enroll::not_set_up::NotSetUpScreen;
use company_portal::pages::enroll::sign_in_to_work_account::SignInToWorkAccountScreen;
use company_portal::pages::enroll::wrong_browser::WrongBrowserScreen;
use company_portal::pages::notifications::NotificationList;
use company_portal::pages::sign_in::SignInChoices;
use leptos::mount::mount_to;
use leptos::prelude::*;
use portal_api::{
    ApiError, ComplianceRule, ComplianceState, DeviceId, DeviceKind, DeviceReach, DeviceSummary,
    EnrollmentType, ErrorCode, InvalidValue, Notification, NotificationDetails, NotificationKind,
    OidcSignInError, Ownership, RefusalDetails, RenameDevice, SignInOptions, SignInRequest,
    SupportContact,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------- helpers

/// A new, empty element at the end of `<body>` for one test to mount into.
fn fresh_container() -> HtmlElement {
    let document = document();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    container
}

fn find(container: &HtmlElement, selector: &str) -> Element {
    container
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector:?} in {}", container.inner_html()))
}

fn input(container: &HtmlElement, selector: &str) -> HtmlInputElement {
    find(container, selector).unchecked_into()
}

fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

fn click(container: &HtmlElement, selector: &str) {
    find(container, selector)
        .unchecked_into::<HtmlElement>()
        .click();
}

/// Lets the reactive system and the DOM catch up: waits for a macrotask, by
/// which time every queued microtask (Leptos' effects) has run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits `ms` milliseconds (for the countdown's one-second tick).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A sign-in form with its inputs under the test's control.
struct SignInFormUnderTest {
    container: HtmlElement,
    pending: RwSignal<bool>,
    error: RwSignal<Option<ClientError>>,
    submitted: Arc<Mutex<Vec<SignInRequest>>>,
    _handle: Box<dyn std::any::Any>,
}

impl SignInFormUnderTest {
    fn mount() -> Self {
        Self::mount_with(None, None)
    }

    /// As the sign-in page mounts it after a form the server refused.
    fn mount_with(email: Option<String>, refusal: Option<ClientError>) -> Self {
        let container = fresh_container();
        let pending = RwSignal::new(false);
        let error = RwSignal::new(refusal);
        let submitted = Arc::new(Mutex::new(Vec::new()));
        let on_submit = Callback::new({
            let submitted = Arc::clone(&submitted);
            move |request: SignInRequest| submitted.lock().unwrap().push(request)
        });
        let handle = mount_to(container.clone(), move || {
            view! { <SignInForm pending=pending error=error on_submit=on_submit email=email /> }
        });
        SignInFormUnderTest {
            container,
            pending,
            error,
            submitted,
            _handle: Box::new(handle),
        }
    }

    fn email(&self) -> HtmlInputElement {
        input(&self.container, "input#sign-in-email")
    }

    fn password(&self) -> HtmlInputElement {
        input(&self.container, "input#sign-in-password")
    }

    fn submit(&self) {
        click(&self.container, "button[type=submit]");
    }

    fn email_error(&self) -> Option<String> {
        self.container
            .query_selector("#sign-in-email-error")
            .unwrap()
            .map(|element| text_of(&element))
    }

    fn password_error(&self) -> Option<String> {
        self.container
            .query_selector("#sign-in-password-error")
            .unwrap()
            .map(|element| text_of(&element))
    }

    fn alert(&self) -> String {
        text_of(&find(&self.container, "[role=alert]"))
    }

    fn submitted(&self) -> Vec<SignInRequest> {
        self.submitted.lock().unwrap().clone()
    }
}

impl Drop for SignInFormUnderTest {
    fn drop(&mut self) {
        // `_handle` unmounts the form when dropped after this; the container goes too.
        self.container.remove();
    }
}

fn device(display_name: &str) -> DeviceSummary {
    DeviceSummary {
        id: DeviceId("dev_1".into()),
        display_name: display_name.into(),
        model: "iPhone 15".into(),
        product_code: None,
        os_version: Some("17.4.1".into()),
        enrollment_type: EnrollmentType::UserEnrollment,
        ownership: Ownership::Personal,
        compliance: ComplianceState::Compliant,
        last_check_in_at: Some(1_700_000_000),
    }
}

// ---------------------------------------------------------------- sign-in form

#[wasm_bindgen_test]
async fn sign_in_form_submitted_empty_asks_for_the_email_and_sends_nothing() {
    let form = SignInFormUnderTest::mount();

    form.submit();
    settle().await;

    let message = form
        .email_error()
        .expect("a message next to the email field");
    assert!(
        message.contains("Enter your email address."),
        "email message: {message:?}"
    );
    let email = form.email();
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        email.get_attribute("aria-describedby").as_deref(),
        Some("sign-in-email-error")
    );
    assert_eq!(form.password_error(), None);
    assert!(
        form.submitted().is_empty(),
        "an empty form must not be submitted"
    );
    // Focus moves to the first invalid field.
    let focused = document().active_element().expect("something has focus");
    assert_eq!(focused.id(), "sign-in-email");
}

#[wasm_bindgen_test]
async fn sign_in_form_with_a_malformed_email_says_what_is_wrong() {
    let form = SignInFormUnderTest::mount();

    form.email().set_value("alex.contoso.example");
    form.password().set_value("correct horse");
    form.submit();
    settle().await;

    let message = form
        .email_error()
        .expect("a message next to the email field");
    assert!(
        message.contains("Enter an email address like name@example.com."),
        "email message: {message:?}"
    );
    assert!(form.submitted().is_empty());

    // Fixing the email but leaving the password out moves the message there.
    form.email().set_value("alex@contoso.example");
    form.password().set_value("");
    form.submit();
    settle().await;
    assert_eq!(form.email_error(), None);
    let message = form
        .password_error()
        .expect("a message next to the password field");
    assert!(message.contains("Enter your password."), "{message:?}");
    assert!(form.submitted().is_empty());
}

#[wasm_bindgen_test]
async fn sign_in_form_sends_a_valid_form_with_the_email_trimmed() {
    let form = SignInFormUnderTest::mount();

    form.email().set_value("  alex@contoso.example  ");
    form.password().set_value(" correct horse ");
    form.submit();
    settle().await;

    assert_eq!(
        form.submitted(),
        vec![SignInRequest {
            email: "alex@contoso.example".into(),
            // Passwords are sent exactly as typed.
            password: " correct horse ".into(),
        }]
    );
    assert_eq!(form.email_error(), None);
    assert_eq!(form.password_error(), None);
}

#[wasm_bindgen_test]
async fn sign_in_form_starts_with_a_refused_forms_address_and_why() {
    let mut refusal =
        ApiError::new(ErrorCode::InvalidInput, "Enter a valid email address.").for_field("email");
    refusal.details.invalid = Some(portal_api::InvalidValue::EmailMalformed);
    let form =
        SignInFormUnderTest::mount_with(Some("alex@".into()), Some(ClientError::Api(refusal)));
    settle().await;

    assert_eq!(form.email().value(), "alex@");
    let message = form.email_error().expect("why, beside the email field");
    assert!(
        message.contains("Enter an email address like name@example.com."),
        "{message:?}"
    );
    assert_eq!(form.alert().trim(), "");

    // Fixed, it is sent as typed now.
    form.email().set_value("alex@contoso.example");
    form.password().set_value("correct horse");
    form.submit();
    settle().await;
    assert_eq!(
        form.submitted(),
        vec![SignInRequest {
            email: "alex@contoso.example".into(),
            password: "correct horse".into(),
        }]
    );
}

#[wasm_bindgen_test]
async fn sign_in_form_shows_a_server_error_and_keeps_what_was_typed() {
    let form = SignInFormUnderTest::mount();
    form.email().set_value("alex@contoso.example");
    form.password().set_value("wrong password");
    assert_eq!(
        form.alert().trim(),
        "",
        "no alert before anything went wrong"
    );

    form.error.set(Some(ClientError::Api(ApiError::new(
        ErrorCode::InvalidCredentials,
        "Wrong email or password.",
    ))));
    settle().await;

    let alert = form.alert();
    assert!(
        alert.contains("That email address and password don't match an account."),
        "alert: {alert:?}"
    );
    assert_eq!(form.email().value(), "alex@contoso.example");
    assert_eq!(form.password().value(), "wrong password");
    assert_eq!(form.email_error(), None);

    // Being offline is said in the same place.
    form.error.set(Some(ClientError::Network));
    settle().await;
    assert!(form.alert().contains("Can't reach the portal."));

    // An error about one field (422 with `field`) goes next to that field instead.
    form.error.set(Some(ClientError::Api(
        ApiError::new(ErrorCode::InvalidInput, "That email address is too long.")
            .for_field("email"),
    )));
    settle().await;
    assert_eq!(form.alert().trim(), "");
    let message = form
        .email_error()
        .expect("the server's message next to the email field");
    assert!(
        message.contains("That email address is too long."),
        "{message:?}"
    );
    assert_eq!(form.email().value(), "alex@contoso.example");
}

#[wasm_bindgen_test]
async fn sign_in_form_says_signing_in_and_cannot_be_sent_twice_while_pending() {
    let form = SignInFormUnderTest::mount();
    let button = find(&form.container, "button[type=submit]");
    assert_eq!(text_of(&button).trim(), "Sign in");

    form.pending.set(true);
    settle().await;

    assert_eq!(text_of(&button).trim(), "Signing in…");
    assert!(button.has_attribute("disabled"));
    assert_eq!(
        find(&form.container, "form")
            .get_attribute("aria-busy")
            .as_deref(),
        Some("true")
    );
    form.email().set_value("alex@contoso.example");
    form.password().set_value("pw");
    form.submit();
    settle().await;
    assert!(form.submitted().is_empty());
}

// ---------------------------------------------------------------- My devices

#[wasm_bindgen_test]
async fn no_devices_offers_to_enroll_this_device() {
    let container = fresh_container();
    let handle = mount_to(
        container.clone(),
        || view! { <DeviceList devices=Vec::new() /> },
    );
    settle().await;

    let heading = find(&container, "h2");
    assert_eq!(text_of(&heading), "No devices yet");
    let link = find(&container, ".empty-state a");
    assert_eq!(text_of(&link).trim(), "Enroll this device");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/enroll"));
    assert!(text_of(&container).contains("Safari"));

    drop(handle);
    container.remove();
}

#[wasm_bindgen_test]
async fn a_device_list_with_one_device_shows_it() {
    let container = fresh_container();
    let handle = mount_to(container.clone(), || {
        view! { <DeviceList devices=vec![device("Alex's iPhone")] now=1_700_000_300 /> }
    });
    settle().await;

    let cards = container.query_selector_all(".device-card").unwrap();
    assert_eq!(cards.length(), 1);
    let text = text_of(&container);
    assert!(text.contains("Alex's iPhone"), "{text}");
    assert!(text.contains("iPhone 15"), "{text}");
    assert!(text.contains("17.4.1"), "{text}");
    assert!(text.contains("Personal"), "{text}");
    assert!(text.contains("Can access company resources"), "{text}");
    assert!(text.contains("User enrollment"), "{text}");
    assert!(!text.contains("This device"), "{text}");
    assert_eq!(
        find(&container, ".device-card h2 a")
            .get_attribute("href")
            .as_deref(),
        Some("/devices/dev_1")
    );
    assert!(container.query_selector(".empty-state").unwrap().is_none());

    let time = find(&container, "time");
    assert_eq!(text_of(&time), "5 minutes ago");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2023-11-14T22:13:20Z")
    );
    assert_eq!(time.get_attribute("title"), None);
    point_at(&time).await;
    assert!(time
        .get_attribute("title")
        .is_some_and(|title| !title.is_empty()));

    drop(handle);
    container.remove();
}

// ---------------------------------------------------------------- enrollment

const ENROLL_URL: &str = "https://portal.contoso.example/enroll";

#[wasm_bindgen_test]
async fn the_qr_code_is_an_inline_svg_path_with_a_name() {
    let container = fresh_container();
    let handle = mount_to(container.clone(), || {
        view! { <QrCode text=ENROLL_URL label="QR code of the link to this page" /> }
    });
    settle().await;

    let svg = find(&container, "svg.qr-code");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("QR code of the link to this page")
    );
    assert!(
        svg.get_attribute("style").is_none(),
        "no inline style (CSP)"
    );
    let path = find(&container, "svg.qr-code path");
    let d = path.get_attribute("d").unwrap_or_default();
    assert!(d.starts_with('M') && d.len() > 500, "{d}");
    // A real SVG element, not HTML that looks like one.
    assert_eq!(
        path.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );

    drop(handle);
    container.remove();
}

fn digits(container: &HtmlElement) -> String {
    text_of(&find(container, ".countdown-digits"))
}

#[wasm_bindgen_test]
async fn the_countdown_shows_minutes_and_seconds_and_ticks() {
    let container = fresh_container();
    let now_s = (js_sys::Date::now() / 1000.0).floor() as i64;
    let handle = mount_to(container.clone(), move || {
        view! { <Countdown deadline=now_s + 125 clock_offset_ms=0.0 /> }
    });
    settle().await;

    let first = digits(&container);
    assert!(first == "02:05" || first == "02:04", "{first}");
    assert!(text_of(&container).contains("left to install"));
    // Screen readers hear the first reading, then only milestones.
    let status = find(&container, ".countdown [role=status]");
    assert_eq!(text_of(&status), "3 minutes left to install the profile.");
    assert_eq!(
        find(&container, ".countdown-time")
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );

    sleep(1_300).await;
    let later = digits(&container);
    assert!(later < first, "{first} then {later}");
    assert_eq!(
        text_of(&status),
        "3 minutes left to install the profile.",
        "no announcement every second"
    );

    drop(handle);
    container.remove();
}

#[wasm_bindgen_test]
async fn the_countdown_follows_the_server_clock_and_ends_once() {
    let container = fresh_container();
    let now_s = (js_sys::Date::now() / 1000.0).floor() as i64;
    let elapsed = Arc::new(Mutex::new(0));
    let offset = RwSignal::new(0.0);
    let on_elapsed = Callback::new({
        let elapsed = Arc::clone(&elapsed);
        move |()| *elapsed.lock().unwrap() += 1
    });
    let handle = mount_to(container.clone(), move || {
        view! { <Countdown deadline=now_s + 600 clock_offset_ms=offset on_elapsed=on_elapsed /> }
    });
    settle().await;
    assert!(digits(&container).starts_with("10:") || digits(&container) == "09:59");

    // The server's clock is 5 minutes ahead of this browser's.
    offset.set(300_000.0);
    settle().await;
    let shown = digits(&container);
    assert!(shown == "05:00" || shown == "04:59", "{shown}");
    assert_eq!(*elapsed.lock().unwrap(), 0);

    // …or 20 minutes ahead: the window is over.
    offset.set(1_200_000.0);
    settle().await;
    assert_eq!(digits(&container), "00:00");
    assert_eq!(*elapsed.lock().unwrap(), 1);
    sleep(1_100).await;
    assert_eq!(*elapsed.lock().unwrap(), 1, "elapsed only once");

    drop(handle);
    container.remove();
}

fn mount_wrong_browser(can_open_in_safari: bool) -> (HtmlElement, Box<dyn std::any::Any>) {
    let container = fresh_container();
    let handle = mount_to(container.clone(), move || {
        view! {
            <WrongBrowserScreen
                device=DeviceKind::Iphone
                in_app=false
                web_clip=false
                can_open_in_safari=can_open_in_safari
                browser_name=Some("Chrome")
                enroll_url=ENROLL_URL
            />
        }
    });
    (container, Box::new(handle))
}

fn buttons_named(container: &HtmlElement, name: &str) -> usize {
    let buttons = container.query_selector_all("button, a").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter(|node| node.text_content().unwrap_or_default().trim() == name)
        .count()
}

#[wasm_bindgen_test]
async fn the_wrong_browser_screen_offers_open_in_safari_on_ios_17() {
    let (container, handle) = mount_wrong_browser(true);
    settle().await;

    assert_eq!(text_of(&find(&container, "h1")), "Open this page in Safari");
    assert!(text_of(&container).contains("Only Safari"));
    let link = find(&container, "a[href^='x-safari-https://']");
    assert_eq!(text_of(&link).trim(), "Open in Safari");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("x-safari-https://portal.contoso.example/enroll")
    );
    assert_eq!(buttons_named(&container, "Copy link"), 1);

    // Copy link: the clipboard, or else the link shown, selected, to copy by hand.
    click(&container, ".copy-link button");
    sleep(200).await;
    let status = text_of(&find(&container, ".copy-link-status"));
    match container.query_selector("input.copy-link-field").unwrap() {
        Some(field) => {
            let field: HtmlInputElement = field.unchecked_into();
            assert_eq!(field.value(), ENROLL_URL);
            assert!(field.read_only());
            assert!(status.contains("Copy this link"), "{status}");
        }
        None => assert!(status.starts_with("Link copied"), "{status}"),
    }

    drop(handle);
    container.remove();
}

#[wasm_bindgen_test]
async fn the_wrong_browser_screen_before_ios_17_only_copies() {
    let (container, handle) = mount_wrong_browser(false);
    settle().await;

    assert!(container
        .query_selector("a[href^='x-safari-']")
        .unwrap()
        .is_none());
    assert_eq!(buttons_named(&container, "Open in Safari"), 0);
    assert_eq!(buttons_named(&container, "Copy link"), 1);
    assert!(text_of(&container).contains("Chrome keeps it"));

    drop(handle);
    container.remove();
}

fn privacy_text(ownership: Ownership) -> (String, String) {
    let container = fresh_container();
    let handle = mount_to(container.clone(), move || {
        view! { <PrivacyLists org="Contoso" ownership=ownership /> }
    });
    let can = text_of(&find(&container, ".privacy-can-see"));
    let never = text_of(&find(&container, ".privacy-never-see"));
    drop(handle);
    container.remove();
    (can, never)
}

#[wasm_bindgen_test]
async fn the_privacy_lists_depend_on_who_owns_the_device() {
    let (personal_can, personal_never) = privacy_text(Ownership::Personal);
    let (corporate_can, corporate_never) = privacy_text(Ownership::Corporate);

    assert!(
        personal_can.starts_with("Contoso can see"),
        "{personal_can}"
    );
    assert!(personal_never.starts_with("Contoso can never see"));
    assert_ne!(personal_can, corporate_can);
    assert_ne!(personal_never, corporate_never);
    for text in [&personal_can, &corporate_can] {
        assert!(text.contains("Serial number"), "{text}");
    }
    for text in [&personal_never, &corporate_never] {
        assert!(text.contains("Your messages"), "{text}");
        assert!(text.contains("Your photos"), "{text}");
        assert!(text.contains("browsing history"), "{text}");
    }
    assert!(personal_never.contains("location"), "{personal_never}");
    assert!(!corporate_never.contains("location"));
    assert!(corporate_can.contains("Phone number"));
    assert!(!personal_can.contains("Phone number"));
}

// ---------------------------------------------------------------- device pages

#[wasm_bindgen_test]
async fn the_device_marked_this_device_comes_first() {
    let mut other = device("Work iPad");
    other.id = DeviceId("dev_2".into());
    other.model = "iPad Air".into();
    let container = fresh_container();
    let handle = mount_to(container.clone(), move || {
        view! {
            <DeviceList
                devices=vec![device("Alex's iPhone"), other.clone()]
                now=1_700_000_300
                this_device=DeviceId("dev_2".into())
            />
        }
    });
    settle().await;

    let cards = container.query_selector_all(".device-card").unwrap();
    assert_eq!(cards.length(), 2);
    let first: Element = cards.item(0).unwrap().unchecked_into();
    let second: Element = cards.item(1).unwrap().unchecked_into();
    assert_eq!(
        first.get_attribute("data-device-id").as_deref(),
        Some("dev_2")
    );
    assert!(text_of(&first).contains("Work iPad"));
    assert!(
        text_of(&first).contains("This device"),
        "{}",
        text_of(&first)
    );
    assert!(!text_of(&second).contains("This device"));
    assert_eq!(
        container
            .query_selector_all(".this-device-badge")
            .unwrap()
            .length(),
        1
    );

    drop(handle);
    container.remove();
}

fn active_element() -> Option<Element> {
    document().active_element()
}

/// A pointer comes over `target` (`pointerenter`), and the app catches up.
async fn point_at(target: &Element) {
    target
        .dispatch_event(&web_sys::Event::new("pointerenter").unwrap())
        .unwrap();
    settle().await;
}

fn press(target: &Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_dialog_takes_focus_keeps_it_inside_closes_on_escape_and_returns_it() {
    let container = fresh_container();
    let open = RwSignal::new(false);
    let no_error = Signal::stored(None::<String>);
    let handle = mount_to(container.clone(), move || {
        view! {
            <button type="button" id="test-dialog-opener" on:click=move |_| open.set(true)>
                "Remote lock"
            </button>
            <Show when=move || open.get()>
                <ConfirmDialog
                    id="test-dialog"
                    title="Lock this device?"
                    confirm_label="Lock"
                    pending_label="Locking…"
                    pending=false
                    error=no_error
                    on_confirm=Callback::new(|()| {})
                    on_cancel=Callback::new(move |()| open.set(false))
                >
                    <p>"The device locks at once. Its passcode unlocks it."</p>
                    <a href="#nowhere">"Learn more"</a>
                </ConfirmDialog>
            </Show>
        }
    });
    let opener: HtmlElement = find(&container, "#test-dialog-opener").unchecked_into();
    opener.focus().unwrap();
    opener.click();
    settle().await;

    let dialog = find(&container, "[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    let title = document().get_element_by_id(&title_id).unwrap();
    assert_eq!(text_of(&title).trim(), "Lock this device?");
    assert!(
        dialog.get_attribute("style").is_none(),
        "no inline style (CSP)"
    );

    // Takes focus: the primary button (there is no field).
    let focused = active_element().expect("something has focus");
    assert_eq!(text_of(&focused).trim(), "Lock");

    // Tab and Shift+Tab never leave the dialog.
    for _ in 0..5 {
        press(&active_element().unwrap(), "Tab", false);
        let now = active_element().unwrap();
        assert!(
            dialog.contains(Some(&now)),
            "Tab left the dialog: {}",
            now.outer_html()
        );
    }
    let cancel = dialog.query_selector(".button-secondary").unwrap().unwrap();
    cancel.unchecked_ref::<HtmlElement>().focus().unwrap();
    press(&cancel, "Tab", false);
    assert_eq!(
        text_of(&active_element().unwrap()).trim(),
        "Learn more",
        "Tab on the last control wraps to the first"
    );
    press(&active_element().unwrap(), "Tab", true);
    assert_eq!(
        text_of(&active_element().unwrap()).trim(),
        "Cancel",
        "Shift+Tab on the first control wraps to the last"
    );

    // Escape closes it and focus goes back to the opener.
    press(&active_element().unwrap(), "Escape", false);
    settle().await;
    assert!(container.query_selector("[role=dialog]").unwrap().is_none());
    assert_eq!(active_element(), Some(opener.clone().unchecked_into()));

    // Cancel closes it too.
    opener.focus().unwrap();
    opener.click();
    settle().await;
    click(&container, "[role=dialog] .button-secondary");
    settle().await;
    assert!(container.query_selector("[role=dialog]").unwrap().is_none());
    assert_eq!(active_element(), Some(opener.unchecked_into()));

    drop(handle);
    container.remove();
}

/// The rename dialog with its inputs under the test's control.
struct RenameUnderTest {
    container: HtmlElement,
    error: RwSignal<Option<ClientError>>,
    saved: Arc<Mutex<Vec<RenameDevice>>>,
    _handle: Box<dyn std::any::Any>,
}

impl RenameUnderTest {
    fn mount() -> Self {
        let container = fresh_container();
        let error = RwSignal::new(None::<ClientError>);
        let saved = Arc::new(Mutex::new(Vec::new()));
        let on_save = Callback::new({
            let saved = Arc::clone(&saved);
            move |rename: RenameDevice| saved.lock().unwrap().push(rename)
        });
        let handle = mount_to(container.clone(), move || {
            view! {
                <RenameDialog
                    current_name="Alex's iPhone"
                    pending=false
                    error=error
                    on_save=on_save
                    on_cancel=Callback::new(|()| {})
                />
            }
        });
        RenameUnderTest {
            container,
            error,
            saved,
            _handle: Box::new(handle),
        }
    }

    fn field(&self) -> HtmlInputElement {
        input(&self.container, "input#rename-device-name")
    }

    fn save_with(&self, typed: &str) {
        self.field().set_value(typed);
        click(&self.container, "button[type=submit]");
    }

    fn message(&self) -> Option<String> {
        self.container
            .query_selector("#rename-device-name-error")
            .unwrap()
            .map(|element| text_of(&element))
    }

    fn saved(&self) -> Vec<RenameDevice> {
        self.saved.lock().unwrap().clone()
    }
}

impl Drop for RenameUnderTest {
    fn drop(&mut self) {
        self.container.remove();
    }
}

#[wasm_bindgen_test]
async fn rename_is_prefilled_and_takes_focus_in_its_field() {
    let rename = RenameUnderTest::mount();
    settle().await;
    assert_eq!(rename.field().value(), "Alex's iPhone");
    let focused = active_element().unwrap();
    assert_eq!(focused.id(), "rename-device-name");
    assert!(text_of(&rename.container).contains(
        "This changes the name shown in the portal only. The device keeps its own name."
    ));
}

#[wasm_bindgen_test]
async fn rename_with_a_blank_name_asks_for_one_and_keeps_the_typed_text() {
    let rename = RenameUnderTest::mount();
    settle().await;
    rename.save_with("   ");
    settle().await;

    let message = rename.message().expect("a message next to the field");
    assert!(
        message.contains("Enter a name for this device."),
        "{message}"
    );
    let field = rename.field();
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("rename-device-name-error")
    );
    assert_eq!(field.value(), "   ");
    assert!(rename.saved().is_empty());
}

#[wasm_bindgen_test]
async fn rename_with_65_characters_is_too_long_and_keeps_the_typed_text() {
    let rename = RenameUnderTest::mount();
    settle().await;
    let long = "a".repeat(65);
    rename.save_with(&long);
    settle().await;

    let message = rename.message().expect("a message next to the field");
    assert!(message.contains("Use at most 64 characters."), "{message}");
    assert_eq!(rename.field().value(), long);
    assert!(rename.saved().is_empty());
}

#[wasm_bindgen_test]
async fn rename_saves_a_valid_name_trimmed() {
    let rename = RenameUnderTest::mount();
    settle().await;
    rename.save_with("  Work phone  ");
    settle().await;

    assert_eq!(rename.message(), None);
    assert_eq!(
        rename.saved(),
        vec![RenameDevice {
            display_name: "Work phone".into()
        }]
    );
    assert_eq!(rename.field().get_attribute("aria-invalid"), None);
}

#[wasm_bindgen_test]
async fn rename_shows_the_server_s_reason_and_keeps_the_typed_name() {
    let rename = RenameUnderTest::mount();
    settle().await;
    rename.save_with("Work phone");
    rename.error.set(Some(ClientError::Api(
        ApiError::new(ErrorCode::InvalidInput, "That name is taken.").for_field("display_name"),
    )));
    settle().await;
    assert!(rename
        .message()
        .is_some_and(|message| message.contains("That name is taken.")));
    assert_eq!(rename.field().value(), "Work phone");

    rename.error.set(Some(ClientError::Network));
    settle().await;
    assert_eq!(rename.message(), None);
    let alert = text_of(&find(&rename.container, "[role=dialog] [role=alert]"));
    assert!(alert.contains("Can't reach the portal"), "{alert}");
    assert_eq!(rename.field().value(), "Work phone");
}

#[wasm_bindgen_test]
async fn rename_says_a_name_the_server_refused_in_the_apps_own_words() {
    let rename = RenameUnderTest::mount();
    settle().await;
    rename.save_with("Work phone");
    // The server's English is not what the person reads: the code and what
    // is wrong with the value are.
    rename.error.set(Some(ClientError::Api(
        ApiError::new(ErrorCode::InvalidInput, "The server's English sentence.")
            .for_field("display_name")
            .with_details(RefusalDetails {
                invalid: Some(InvalidValue::DeviceNameTooLong),
                ..RefusalDetails::default()
            }),
    )));
    settle().await;
    assert!(rename
        .message()
        .is_some_and(|message| message.contains("Use at most 64 characters.")));

    // A refusal about no field goes in the dialog's alert, in the app's words.
    rename.error.set(Some(ClientError::Api(ApiError::new(
        ErrorCode::RemovePending,
        "The server's English sentence.",
    ))));
    settle().await;
    assert_eq!(rename.message(), None);
    let alert = text_of(&find(&rename.container, "[role=dialog] [role=alert]"));
    assert!(
        alert.contains("This device is being removed, so it can't do that any more."),
        "{alert}"
    );
}

// ---------------------------------------------------------------- notifications

#[wasm_bindgen_test]
async fn a_status_check_notification_lists_the_failing_rules_as_the_browser_lists() {
    let container = fresh_container();
    let note = Notification {
        id: 1,
        kind: NotificationKind::CheckStatusFinished,
        device_name: "Alex's iPhone".into(),
        device_id: DeviceId("dev_1".into()),
        message: "The server's English sentence.".into(),
        details: Some(NotificationDetails {
            compliance: Some(ComplianceState::InGracePeriod),
            failing_rules: vec![
                ComplianceRule::MinimumOsVersion,
                ComplianceRule::PasscodeRequired,
            ],
            ..NotificationDetails::default()
        }),
        created_at: 1_700_000_000,
    };
    let handle = mount_to(container.clone(), move || {
        view! { <NotificationList notifications=vec![note.clone()] now=1_700_000_300 /> }
    });
    settle().await;
    // `Intl.ListFormat` joins the rules as English does.
    assert_eq!(
        text_of(&find(&container, ".notification-message")),
        "Check status done: Alex's iPhone has 2 issues to fix: Software update needed and \
         Passcode needed. Open it in My devices to see what to do."
    );
    drop(handle);
    container.remove();
}

// ---------------------------------------------------------------- languages

/// A catalog in the compiled form `xtask build` serves (`/locales/ar.json`),
/// with one plural message, so the browser's `Intl.PluralRules` picks the form.
const ARABIC_DEVICES: &str = r#"{"devices":[["count",5,[["zero",["none"]],["one",["one"]],["two",["two"]],["few",["few ",["count"]]],["many",["many ",["count"]]],["other",["other ",["count"]]]]]]}"#;

#[wasm_bindgen_test]
fn plural_forms_follow_the_languages_own_rules() {
    let arabic = Catalog::parse(Language::Arabic, ARABIC_DEVICES).expect("the catalog parses");
    let forms: Vec<String> = [0, 1, 2, 3, 11, 100]
        .into_iter()
        .map(|count| arabic.format("devices", &[("count", count.into())]))
        .collect();
    // Placeholders are isolated (U+2068 … U+2069) in right-to-left text.
    assert_eq!(
        forms,
        [
            "none",
            "one",
            "two",
            "few \u{2068}3\u{2069}",
            "many \u{2068}11\u{2069}",
            "other \u{2068}100\u{2069}",
        ]
    );
    // A message the translation lacks comes from English.
    assert_eq!(arabic.format("help-heading", &[]), "Help");
}

#[wasm_bindgen_test]
fn english_is_built_in_and_formats_plurals() {
    let english = Catalog::source();
    assert_eq!(english.language(), Language::English);
    assert_eq!(english.format("no-such-message", &[]), "no-such-message");
    assert_eq!(
        english.format("shell-privacy-link", &[("org", "Contoso".into())]),
        "What can Contoso see?"
    );
}

/// The app and the server's first paint word ages from one table rather
/// than by `Intl.RelativeTimeFormat` (which costs a long task on a phone the
/// first time); this engine's `Intl` is the reference it must match, in
/// every language, for every unit, singular, dual and plural.
#[wasm_bindgen_test]
fn relative_times_are_worded_as_the_browsers_intl_words_them() {
    use company_portal::i18n::intl::relative_time;
    use js_sys::{Array, Intl, Object, Reflect};
    use portal_i18n::time::{age, relative_words, Age};

    let now = 1_700_000_000;
    assert_eq!(relative_time(now - 5 * 60, now), "5 minutes ago");
    assert_eq!(relative_time(now + 10, now), "now");

    let ages = [
        Age::JustNow,
        Age::Minutes(1),
        Age::Minutes(2),
        Age::Minutes(3),
        Age::Minutes(11),
        Age::Minutes(59),
        Age::Hours(1),
        Age::Hours(2),
        Age::Hours(5),
        Age::Hours(23),
        Age::Days(1),
        Age::Days(2),
        Age::Days(3),
        Age::Days(29),
        Age::Months(1),
        Age::Months(2),
        Age::Months(11),
        Age::Years(1),
        Age::Years(2),
        Age::Years(3),
        Age::Years(11),
        Age::Years(101),
    ];
    for language in Language::ALL {
        let options = Object::new();
        Reflect::set(&options, &"numeric".into(), &"auto".into()).unwrap();
        let format = Intl::RelativeTimeFormat::new(&Array::of1(&language.tag().into()), &options);
        for shown in ages {
            let (count, unit) = match shown {
                Age::JustNow => (0, "second"),
                Age::Minutes(n) => (n, "minute"),
                Age::Hours(n) => (n, "hour"),
                Age::Days(n) => (n, "day"),
                Age::Months(n) => (n, "month"),
                Age::Years(n) => (n, "year"),
            };
            let intl = format.format(-(count as f64), unit).as_string().unwrap();
            assert_eq!(
                western_digits(&relative_words(language, shown)),
                western_digits(&intl),
                "{language:?}, {shown:?}"
            );
        }
    }
    // The app's ages are the shared ones.
    assert_eq!(age(now - 86_400, now), Age::Days(1));
}

/// Arabic's digits are the engine's choice: Safari writes Arabic-Indic
/// ones, as the table does, Chromium Western ones; the words must match
/// either way.
fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            _ => c,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_web_clip_hands_the_download_to_safari() {
    let container = fresh_container();
    let _handle = mount_to(container.clone(), || {
        view! {
            <DownloadScreen
                link=Some("/enrollment-profiles/abc".to_owned())
                notice=None
                error=Signal::derive(|| None)
                on_retry=Callback::new(|()| ())
                hand_off=Some(HandOff { can_open_in_safari: true })
            />
        }
    });
    let origin = window().location().origin().unwrap();
    let safari = find(&container, "a.hand-off-to-safari");
    assert_eq!(
        safari.get_attribute("href").as_deref(),
        Some(format!("x-safari-{origin}/enroll").as_str())
    );
    // Safari resumes this enrollment at /enroll (the download link only works
    // with the web clip's own session); never the plain download link.
    assert!(container
        .query_selector("a.download-profile")
        .unwrap()
        .is_none());
    assert!(text_of(&container).contains("Copy link"));
    container.remove();
}

// ---------------------------------------------------------------- push: enrollment set up, device reach

#[wasm_bindgen_test]
async fn enrollment_not_set_up_explains_names_the_help_desk_and_leads_back() {
    let container = fresh_container();
    let support = SupportContact {
        name: Some("Contoso IT".into()),
        phone: Some("+1 555 0100".into()),
        email: Some("it@contoso.example".into()),
        website: None,
    };
    let _handle = mount_to(container.clone(), move || {
        view! { <NotSetUpScreen org="Contoso" support=Some(support) /> }
    });
    settle().await;
    let text = text_of(&container);
    assert!(text.contains("Enrollment isn't available yet"), "{text}");
    assert!(
        text.contains("Contoso hasn't finished setting up enrollment"),
        "{text}"
    );
    assert!(text.contains("IT support"), "{text}");
    assert_eq!(
        find(&container, "a[href='mailto:it@contoso.example']").tag_name(),
        "A"
    );
    // Said in a status region, with a way back instead of a dead end.
    assert!(text_of(&find(&container, "[role=status]")).contains("setting up enrollment"));
    assert_eq!(
        find(&container, "a.button-primary")
            .get_attribute("href")
            .as_deref(),
        Some("/devices")
    );
    // No questions, no buttons that would fail.
    assert!(container.query_selector("button").unwrap().is_none());
    container.remove();
}

#[wasm_bindgen_test]
async fn enrollment_not_set_up_without_help_desk_details_still_says_whom_to_ask() {
    let container = fresh_container();
    let _handle = mount_to(container.clone(), || {
        view! { <NotSetUpScreen org="Contoso" support=None /> }
    });
    settle().await;
    let text = text_of(&container);
    assert!(text.contains("Contact Contoso's IT support"), "{text}");
    assert!(container.query_selector(".contact-list").unwrap().is_none());
    assert!(container
        .query_selector("a[href='/devices']")
        .unwrap()
        .is_some());
    container.remove();
}

fn mount_reach(reach: DeviceReach, last_check_in_at: Option<i64>) -> HtmlElement {
    let container = fresh_container();
    let now = 1_700_000_000;
    let _handle = mount_to(container.clone(), move || {
        view! { <DeviceReachNotice reach last_check_in_at now /> }
    });
    std::mem::forget(_handle);
    container
}

fn reach_region(container: &HtmlElement) -> Element {
    let region = find(container, &format!("#{REACH_STATUS_ID}"));
    assert_eq!(region.get_attribute("role").as_deref(), Some("status"));
    region
}

#[wasm_bindgen_test]
async fn a_reachable_device_shows_no_reach_notice() {
    let container = mount_reach(DeviceReach::Reachable, Some(1_700_000_000 - 60));
    settle().await;
    assert_eq!(text_of(&reach_region(&container)).trim(), "");
    container.remove();
}

#[wasm_bindgen_test]
async fn a_device_not_connecting_says_since_when_and_what_to_do() {
    let container = mount_reach(DeviceReach::NotConnecting, Some(1_700_000_000 - 3 * 3600));
    settle().await;
    let text = text_of(&reach_region(&container));
    assert!(text.contains("hasn't connected"), "{text}");
    assert!(text.contains("3 hours ago"), "{text}");
    assert!(text.contains("connect it to the internet"), "{text}");
    assert!(text.contains("stays pending"), "{text}");
    container.remove();
}

#[wasm_bindgen_test]
async fn push_failing_is_the_organizations_problem_and_the_portal_keeps_trying() {
    let container = mount_reach(DeviceReach::PushFailing, Some(1_700_000_000 - 60));
    settle().await;
    let text = text_of(&reach_region(&container));
    assert!(text.contains("can't reach devices right now"), "{text}");
    assert!(text.contains("your organization's side"), "{text}");
    assert!(text.contains("keeps trying"), "{text}");
    container.remove();
}

#[wasm_bindgen_test]
async fn an_unregistered_device_offers_enrolling_again_or_removing_it() {
    let container = mount_reach(DeviceReach::Unregistered, Some(1_700_000_000 - 86_400));
    settle().await;
    let region = reach_region(&container);
    let text = text_of(&region);
    assert!(text.contains("no longer responds"), "{text}");
    assert!(text.contains("erased"), "{text}");
    assert!(text.contains("management profile was removed"), "{text}");
    assert!(text.contains("Remove"), "{text}");
    assert_eq!(
        region
            .query_selector("a[href='/enroll']")
            .unwrap()
            .map(|link| text_of(&link)),
        Some("Enroll a device".to_owned())
    );
    container.remove();
}

// ------------------------------------------------ user enrollment (only work apps and data)

#[wasm_bindgen_test]
async fn what_to_secure_asks_for_a_choice_then_says_which() {
    let container = fresh_container();
    let chosen = Arc::new(Mutex::new(Vec::<EnrollmentType>::new()));
    let recorded = chosen.clone();
    let handle = mount_to(container.clone(), move || {
        let recorded = recorded.clone();
        let on_choose = Callback::new(move |choice| recorded.lock().unwrap().push(choice));
        view! { <ChooseEnrollmentTypeScreen org="Contoso" on_choose on_back=None /> }
    });
    settle().await;

    assert_eq!(
        text_of(&find(&container, "h1")),
        "What do you want to secure?"
    );
    let device_hint = text_of(&find(&container, "#enrollment-type-device-hint"));
    assert!(
        device_hint.contains("Contoso manages the whole device"),
        "{device_hint}"
    );
    let user_hint = text_of(&find(&container, "#enrollment-type-user-hint"));
    assert!(user_hint.contains("can never see or erase"), "{user_hint}");
    assert_eq!(buttons_named(&container, "Back"), 0);

    // Continue without a choice: asked to choose, nothing chosen.
    click(&container, "button[type='submit']");
    settle().await;
    assert_eq!(
        text_of(&find(&container, "#enrollment-type-choose-one")),
        "Choose what you want to secure."
    );
    assert!(chosen.lock().unwrap().is_empty());

    // Only work apps and data.
    click(&container, "#enrollment-type-user");
    click(&container, "button[type='submit']");
    settle().await;
    assert_eq!(
        *chosen.lock().unwrap(),
        vec![EnrollmentType::UserEnrollment]
    );
    assert_eq!(
        text_of(&find(&container, "#enrollment-type-choose-one")),
        ""
    );

    drop(handle);
    container.remove();
}

#[wasm_bindgen_test]
async fn the_settings_walkthrough_shows_the_account_and_what_stays_private() {
    let container = fresh_container();
    let handle = mount_to(container.clone(), move || {
        view! {
            <SignInToWorkAccountScreen
                org="Contoso"
                account=Some("sam@contoso.example".to_owned())
                on_back=None
            />
        }
    });
    settle().await;

    let text = text_of(&container);
    assert!(text.contains("VPN & Device Management"), "{text}");
    assert!(text.contains("Sign In to Work or School Account"), "{text}");
    assert_eq!(
        text_of(&find(&container, "[data-testid='work-account']")).trim(),
        "sam@contoso.example"
    );
    assert_eq!(buttons_named(&container, "Copy account name"), 1);
    // Nothing to download here.
    assert!(container
        .query_selector("a[download], a[href*='profile']")
        .unwrap()
        .is_none());
    let never = text_of(&find(&container, ".privacy-never-see"));
    assert!(never.contains("serial number"), "{never}");
    assert!(never.contains("never erase your device"), "{never}");
    let my_devices = find(&container, "a[href='/devices']");
    assert_eq!(text_of(&my_devices).trim(), "Go to My devices");
    // Legacy user enrollment is not offered unless the journey says so.
    assert_eq!(buttons_named(&container, "Download a profile instead"), 0);

    drop(handle);
    container.remove();
}

#[wasm_bindgen_test]
async fn the_settings_walkthrough_can_offer_a_profile_download_instead() {
    let container = fresh_container();
    let chosen = Arc::new(Mutex::new(0));
    let seen = chosen.clone();
    let handle = mount_to(container.clone(), move || {
        let seen = seen.clone();
        view! {
            <SignInToWorkAccountScreen
                org="Contoso"
                account=Some("alex@contoso.example".to_owned())
                on_back=None
                on_download_instead=Some(Callback::new(move |()| *seen.lock().unwrap() += 1))
            />
        }
    });
    settle().await;

    // The Settings sign-in comes first (Apple's recommended way); the
    // download is the alternative below it.
    let text = text_of(&container);
    let settings = text.find("Sign In to Work or School Account").unwrap();
    let alternative = text.find("Or download a profile").unwrap();
    assert!(settings < alternative, "{text}");
    assert_eq!(buttons_named(&container, "Download a profile instead"), 1);
    click(&container, ".legacy-user-enrollment button");
    settle().await;
    assert_eq!(*chosen.lock().unwrap(), 1);

    drop(handle);
    container.remove();
}

// ---------------------------------------------------------------- sign-in: the ways in

/// The sign-in page's choices with the given options (`None`: not loaded
/// yet), returning to `/enroll`, after the provider's `error` code if any.
fn mount_sign_in_choices(
    options: RwSignal<Option<SignInOptions>>,
    provider_error: Option<&str>,
) -> (HtmlElement, Box<dyn std::any::Any>) {
    let container = fresh_container();
    let provider_error = provider_error.map(OidcSignInError::parse);
    let handle = mount_to(container.clone(), move || {
        view! {
            <SignInChoices
                options=options
                return_path=Signal::derive(|| "/enroll".to_owned())
                provider_error=Signal::derive(move || provider_error)
                pending=RwSignal::new(false)
                error=RwSignal::new(None::<ClientError>)
                on_submit=Callback::new(|_: SignInRequest| ())
            />
        }
    });
    (container, Box::new(handle))
}

fn contoso_options(oidc: bool, local_accounts: bool) -> Option<SignInOptions> {
    Some(SignInOptions {
        organization_name: "Contoso".into(),
        oidc,
        local_accounts,
    })
}

fn has(container: &HtmlElement, selector: &str) -> bool {
    container.query_selector(selector).unwrap().is_some()
}

#[wasm_bindgen_test]
async fn with_a_provider_the_work_account_comes_first_and_returns_to_the_page() {
    let options = RwSignal::new(None);
    let (container, _handle) = mount_sign_in_choices(options, None);
    settle().await;
    // Until the options arrive, the password form as before, and no button.
    let password_field = find(&container, "input#sign-in-password");
    assert!(!has(&container, "a.sign-in-oidc"));

    options.set(contoso_options(true, true));
    settle().await;
    // The form was not rebuilt: what is being typed stays.
    assert!(password_field.is_same_node(Some(&find(&container, "input#sign-in-password"))));
    let button = find(&container, "a.sign-in-oidc");
    assert_eq!(text_of(&button).trim(), "Sign in with Contoso");
    assert_eq!(
        button.get_attribute("href").as_deref(),
        Some("/api/sign-in/oidc/start?return_to=%2Fenroll")
    );
    let form = find(&container, "form");
    assert!(
        button.compare_document_position(&form) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING != 0,
        "the button comes before the password form: {}",
        container.inner_html()
    );
    assert!(text_of(&container).contains("Or use an email address and password"));
    assert!(!has(&container, ".sign-in-oidc-error"));
    container.remove();
}

#[wasm_bindgen_test]
async fn with_local_accounts_off_only_the_work_account_is_offered() {
    let (container, _handle) =
        mount_sign_in_choices(RwSignal::new(contoso_options(true, false)), None);
    settle().await;
    assert!(has(&container, "a.sign-in-oidc"));
    assert!(!has(&container, "form"), "{}", container.inner_html());
    assert!(!has(&container, "input[type=password]"));
    assert!(!text_of(&container).contains("Or use an email address"));
    container.remove();
}

#[wasm_bindgen_test]
async fn without_a_provider_only_the_password_form_is_offered() {
    let (container, _handle) =
        mount_sign_in_choices(RwSignal::new(contoso_options(false, true)), None);
    settle().await;
    assert!(!has(&container, "a.sign-in-oidc"));
    assert!(has(&container, "input#sign-in-password"));
    container.remove();
}

#[wasm_bindgen_test]
async fn a_provider_error_code_is_shown_in_words_above_the_way_to_try_again() {
    for (code, words) in [
        ("cancelled", "Sign-in was cancelled."),
        ("provider_unavailable", "sign-in service didn't answer"),
        ("email_not_verified", "email address isn't verified yet"),
        ("expired", "took too long or was already used"),
        // A code this version does not know still says something useful.
        ("from_a_newer_server", "You weren't signed in."),
    ] {
        let (container, _handle) =
            mount_sign_in_choices(RwSignal::new(contoso_options(true, true)), Some(code));
        settle().await;
        let message = find(&container, ".sign-in-oidc-error");
        assert_eq!(message.get_attribute("role").as_deref(), Some("alert"));
        let text = text_of(&message);
        assert!(text.contains(words), "{code}: {text}");
        // Words, never a raw code (most have an underscore).
        assert!(!text.contains('_'), "{code}: {text}");
        let button = find(&container, "a.sign-in-oidc");
        assert!(
            message.compare_document_position(&button) & web_sys::Node::DOCUMENT_POSITION_FOLLOWING
                != 0,
            "{code}: the message comes before the button"
        );
        container.remove();
    }
}

// ---------------------------------------------------------------- the first paint

/// Waits for the next animation frame, then for the queued tasks.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    settle().await;
}

const FIRST_PAINT_FIELDS: &str = r#"<input id="fp-email" type="email">
    <input id="fp-kept" value="as served">
    <input id="fp-agree" type="checkbox">
    <select id="fp-language"><option value="en" selected>English</option><option value="de">Deutsch</option></select>"#;

#[wasm_bindgen_test]
async fn what_was_typed_into_the_first_paint_is_carried_into_the_app() {
    let document = document();
    // The server's first paint, where the person typed, ticked and picked.
    let first_paint = document.create_element("div").unwrap();
    first_paint.set_id(portal_api::start::FIRST_PAINT_ID);
    first_paint.set_inner_html(FIRST_PAINT_FIELDS);
    document.body().unwrap().append_child(&first_paint).unwrap();
    let served = |id: &str| document.get_element_by_id(id).unwrap();
    served("fp-email")
        .unchecked_into::<HtmlInputElement>()
        .set_value("alex@contoso.example");
    served("fp-agree")
        .unchecked_into::<HtmlInputElement>()
        .set_checked(true);
    js_sys::Reflect::set(&served("fp-language"), &"value".into(), &"de".into()).unwrap();
    served("fp-email")
        .unchecked_into::<HtmlElement>()
        .focus()
        .unwrap();

    // The app takes over: its frame, mounted beside the first paint,
    // is hidden until the first paint goes.
    company_portal::start::begin_take_over();
    assert!(company_portal::start::is_starting());
    let body = document.body().unwrap();
    assert!(body.class_list().contains("app-starting"));
    let carried = company_portal::start::take_down_first_paint();
    assert!(document
        .get_element_by_id(portal_api::start::FIRST_PAINT_ID)
        .is_none());
    assert!(!body.class_list().contains("app-starting"));
    assert!(company_portal::start::is_starting());

    // The app draws the same fields; its handlers hear what was carried.
    let app = fresh_container();
    app.set_inner_html(FIRST_PAINT_FIELDS);
    let heard = Arc::new(Mutex::new(Vec::<String>::new()));
    let listener = {
        let heard = heard.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |event: web_sys::Event| {
                let target: Element = event.target().unwrap().unchecked_into();
                heard
                    .lock()
                    .unwrap()
                    .push(format!("{} {}", event.type_(), target.id()));
            },
        )
    };
    app.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref())
        .unwrap();
    carried.restore();
    next_frame().await;

    assert_eq!(input(&app, "#fp-email").value(), "alex@contoso.example");
    assert_eq!(input(&app, "#fp-kept").value(), "as served");
    assert!(input(&app, "#fp-agree").checked());
    assert_eq!(
        js_sys::Reflect::get(&find(&app, "#fp-language"), &"value".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("de")
    );
    assert_eq!(
        document
            .active_element()
            .map(|active| active.id())
            .as_deref(),
        Some("fp-email")
    );
    // Only what changed, each as if the person had done it in the app.
    let mut heard = heard.lock().unwrap().clone();
    heard.sort();
    assert_eq!(
        heard,
        ["change fp-agree", "change fp-email", "change fp-language"]
    );
    assert!(!company_portal::start::is_starting());
    app.remove();
}

#[wasm_bindgen_test]
fn without_a_first_paint_there_is_nothing_to_take_down() {
    let carried = company_portal::start::take_down_first_paint();
    assert!(!company_portal::start::is_starting());
    drop(carried);
}

// ---------------------------------------------------------------- a page's own module

thread_local! {
    /// Downloads of the flaky page's module so far: the first fails.
    static FLAKY_DOWNLOADS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn flaky_page_module(
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<RenderPage, PageCodeUnavailable>>>> {
    let attempt = FLAKY_DOWNLOADS.with(|count| {
        count.set(count.get() + 1);
        count.get()
    });
    Box::pin(async move {
        if attempt == 1 {
            Err(PageCodeUnavailable)
        } else {
            Ok((|| view! { <h1>"The flaky page"</h1> }.into_any()) as RenderPage)
        }
    })
}

#[wasm_bindgen_test]
async fn a_page_whose_module_fails_to_download_offers_to_try_again() {
    let container = fresh_container();
    let handle = mount_to(container.clone(), || {
        lazy_page_view("flaky_page", flaky_page_module)
    });
    settle().await;

    let panel = find(&container, ".error-panel[role=alert]");
    let text = text_of(&panel);
    assert!(text.contains("This page couldn't be loaded"), "{text}");
    assert!(text.contains("Check your connection"), "{text}");
    click(&container, ".error-panel button");
    settle().await;

    assert_eq!(text_of(&find(&container, "h1")), "The flaky page");
    assert!(container.query_selector(".error-panel").unwrap().is_none());
    assert_eq!(FLAKY_DOWNLOADS.with(std::cell::Cell::get), 2);
    drop(handle);

    // Opened again, the page renders at once, without another download.
    let again = mount_to(container.clone(), || {
        lazy_page_view("flaky_page", flaky_page_module)
    });
    assert_eq!(text_of(&find(&container, "h1")), "The flaky page");
    assert_eq!(FLAKY_DOWNLOADS.with(std::cell::Cell::get), 2);
    drop(again);
    container.remove();
}

fn ready_page_module(
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<RenderPage, PageCodeUnavailable>>>> {
    Box::pin(async { Ok((|| view! { <h1>"The ready page"</h1> }.into_any()) as RenderPage) })
}

fn unavailable_page_module(
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<RenderPage, PageCodeUnavailable>>>> {
    Box::pin(async { Err(PageCodeUnavailable) })
}

#[wasm_bindgen_test]
async fn a_page_whose_module_came_before_the_app_renders_at_once() {
    // As the app does before it takes over from the first paint.
    company_portal::lazy_page::download("ready_page", ready_page_module)
        .await
        .unwrap();
    let container = fresh_container();
    let handle = mount_to(container.clone(), || {
        lazy_page_view("ready_page", ready_page_module)
    });
    // Drawn in the same task: no loading state in between.
    assert_eq!(text_of(&find(&container, "h1")), "The ready page");
    drop(handle);
    container.remove();

    // A failed download is no page: the app then mounts and the page tries
    // again itself.
    assert!(
        company_portal::lazy_page::download("unavailable_page", unavailable_page_module)
            .await
            .is_err()
    );
}

#[wasm_bindgen_test]
fn the_app_waits_for_the_modules_of_what_the_first_paint_shows() {
    let names = |path: &str, signed_out: bool| {
        company_portal::first_page_modules(path, signed_out)
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>()
    };
    assert_eq!(names("/", false), ["devices_page"]);
    // Signed out, a protected page's first paint is the sign-in page.
    assert_eq!(names("/", true), ["devices_page", "sign_in_page"]);
    assert_eq!(names("/devices/abc", true), ["device_page", "sign_in_page"]);
    assert_eq!(
        names("/account-enrollment/sign-in", false),
        ["account_enrollment_sign_in_page"]
    );
    assert_eq!(names("/help", true), ["help_page"]);
    assert_eq!(names("/sign-in", true), ["sign_in_page"]);
    assert!(names("/devices/abc/more", false).is_empty());
    assert!(names("/nowhere", false).is_empty());
}

#[wasm_bindgen_test]
async fn a_relative_time_gets_its_exact_time_as_a_tooltip_when_a_pointer_comes_over_it() {
    use company_portal::components::time::RelativeTime;
    use company_portal::i18n::intl::exact_time;

    let container = fresh_container();
    let now = 1_700_000_000;
    let _handle = mount_to(container.clone(), move || {
        view! { <RelativeTime at=now - 5 * 60 now=now /> }
    });
    let time = find(&container, "time");
    assert_eq!(text_of(&time), "5 minutes ago");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2023-11-14T22:08:20Z")
    );
    assert_eq!(
        time.get_attribute("title"),
        None,
        "no date format is made before it is wanted"
    );

    point_at(&time).await;
    let tooltip = time
        .get_attribute("title")
        .expect("a tooltip once a pointer is over it");
    assert_eq!(tooltip, exact_time(now - 5 * 60));
    assert!(tooltip.contains("2023"), "{tooltip}");
}
