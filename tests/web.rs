//! Browser tests of the components a person touches first: the sign-in form
//! and the device list. Each test mounts one component into its own fresh
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
use company_portal::components::device_list::DeviceList;
use company_portal::components::sign_in_form::SignInForm;
use leptos::mount::mount_to;
use leptos::prelude::*;
use portal_api::{
    ApiError, ComplianceState, DeviceId, DeviceSummary, EnrollmentType, ErrorCode, Ownership,
    SignInRequest,
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
        let container = fresh_container();
        let pending = RwSignal::new(false);
        let error = RwSignal::new(None::<ClientError>);
        let submitted = Arc::new(Mutex::new(Vec::new()));
        let on_submit = Callback::new({
            let submitted = Arc::clone(&submitted);
            move |request: SignInRequest| submitted.lock().unwrap().push(request)
        });
        let handle = mount_to(container.clone(), move || {
            view! { <SignInForm pending=pending error=error on_submit=on_submit /> }
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
    assert!(
        text.contains("Meets your organization's requirements"),
        "{text}"
    );
    assert!(container.query_selector(".empty-state").unwrap().is_none());

    let time = find(&container, "time");
    assert_eq!(text_of(&time), "5 minutes ago");
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2023-11-14T22:13:20Z")
    );
    assert!(time
        .get_attribute("title")
        .is_some_and(|title| !title.is_empty()));

    drop(handle);
    container.remove();
}
