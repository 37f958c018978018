//! The sign-in form: email and password, checked in the browser with the
//! same parser the server uses before anything is sent.
//!
//! The form does not talk to the API itself: the sign-in page passes
//! `pending` and `error` in and gets valid requests out through `on_submit`,
//! so the form can be tested without a server.

use leptos::html;
use leptos::prelude::*;

use portal_api::session::SignInField;
use portal_api::{EmailAddress, Password, SignInRequest};

use crate::api::ClientError;
use crate::components::form_messages::{FieldError, FormAlert};
use crate::i18n::validation::{email_error, password_error};
use crate::t;

const EMAIL_ID: &str = "sign-in-email";
const EMAIL_ERROR_ID: &str = "sign-in-email-error";
const PASSWORD_ID: &str = "sign-in-password";
const PASSWORD_ERROR_ID: &str = "sign-in-password-error";

/// Email and password fields with labels, messages next to the fields, an
/// alert box for other errors, and a submit button that says "Signing in…"
/// while `pending`.
#[component]
pub fn SignInForm(
    /// True while the sign-in request is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Why the last attempt failed. An error about a field (`ApiError::field`)
    /// is shown next to that field, any other in the alert above the form.
    #[prop(into)]
    error: Signal<Option<ClientError>>,
    /// Gets a request whose fields passed `SignInRequest::parse`, with the
    /// email address trimmed (and lower-cased) as the parser returns it.
    on_submit: Callback<SignInRequest>,
    /// What the email field starts with: the address of a form the browser
    /// sent itself before the app started, which the server refused.
    #[prop(optional_no_strip)]
    email: Option<String>,
) -> impl IntoView {
    let email_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();
    // What the browser-side check found at the last submit; it takes the
    // place of the server's answer until the next request is sent.
    let invalid = RwSignal::new(None::<(SignInField, String)>);

    let server_field_error = move |field: SignInField| {
        error.with(|error| {
            error
                .as_ref()
                .filter(|error| field_of(error) == Some(field))
                .map(ClientError::message)
        })
    };
    let field_message = move |field: SignInField| match invalid.get() {
        Some((invalid_field, message)) => (invalid_field == field).then_some(message),
        None => server_field_error(field),
    };
    // Errors that belong to no field of this form go in the alert box.
    let alert_message = move || {
        if invalid.with(Option::is_some) {
            return None;
        }
        error.with(|error| {
            error
                .as_ref()
                .filter(|error| field_of(error).is_none())
                .map(ClientError::message)
        })
    };

    let focus_field = move |field: SignInField| {
        let input = match field {
            SignInField::Email => email_input.get_untracked(),
            SignInField::Password => password_input.get_untracked(),
        };
        if let Some(input) = input {
            let _ = input.focus();
        }
    };

    // A field error from the server moves focus to that field, like ours do.
    Effect::new(move || {
        for field in [SignInField::Email, SignInField::Password] {
            if server_field_error(field).is_some() {
                focus_field(field);
                break;
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let value_of = |input: NodeRef<html::Input>| {
            input
                .get_untracked()
                .map(|input| input.value())
                .unwrap_or_default()
        };
        let typed = SignInRequest {
            email: value_of(email_input),
            password: value_of(password_input),
        };
        match checked(&typed) {
            Err((field, message)) => {
                invalid.set(Some((field, message)));
                focus_field(field);
            }
            Ok(email) => {
                invalid.set(None);
                on_submit.run(SignInRequest {
                    email: email.to_string(),
                    password: typed.password,
                });
            }
        }
    };

    let email_message = move || field_message(SignInField::Email);
    let password_message = move || field_message(SignInField::Password);

    view! {
        <form
            class="sign-in-form"
            novalidate
            aria-busy=move || if pending.get() { "true" } else { "false" }
            on:submit=submit
        >
            <FormAlert message=Signal::derive(alert_message) />

            <div class="field" class:field-invalid=move || email_message().is_some()>
                <label for=EMAIL_ID>{t!("sign-in-email-label")}</label>
                <FieldError id=EMAIL_ERROR_ID message=Signal::derive(email_message) />
                <input
                    node_ref=email_input
                    id=EMAIL_ID
                    name="email"
                    value=email
                    type="email"
                    autocomplete="username"
                    inputmode="email"
                    autocapitalize="off"
                    spellcheck="false"
                    required
                    aria-invalid=move || email_message().is_some().then_some("true")
                    aria-describedby=move || email_message().is_some().then_some(EMAIL_ERROR_ID)
                />
            </div>

            <div class="field" class:field-invalid=move || password_message().is_some()>
                <label for=PASSWORD_ID>{t!("sign-in-password-label")}</label>
                <FieldError id=PASSWORD_ERROR_ID message=Signal::derive(password_message) />
                <input
                    node_ref=password_input
                    id=PASSWORD_ID
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=move || password_message().is_some().then_some("true")
                    aria-describedby=move || {
                        password_message().is_some().then_some(PASSWORD_ERROR_ID)
                    }
                />
            </div>

            <button type="submit" class="button button-primary button-block" disabled=move || pending.get()>
                {move || if pending.get() { t!("sign-in-pending") } else { t!("sign-in-submit") }}
            </button>
        </form>
    }
}

/// The field of this form an error from the server is about, if any.
fn field_of(error: &ClientError) -> Option<SignInField> {
    let name = error.field()?;
    [SignInField::Email, SignInField::Password]
        .into_iter()
        .find(|field| field.name() == name)
}

/// `SignInRequest::parse` with its messages in the person's language: the
/// email address (trimmed, lower-cased) and password, or the first field
/// that needs fixing and what it needs.
fn checked(typed: &SignInRequest) -> Result<EmailAddress, (SignInField, String)> {
    let email = EmailAddress::parse(&typed.email)
        .map_err(|error| (SignInField::Email, email_error(&error)))?;
    Password::parse(&typed.password)
        .map_err(|error| (SignInField::Password, password_error(&error)))?;
    Ok(email)
}
