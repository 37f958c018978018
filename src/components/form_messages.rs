//! How forms say what went wrong: one alert above the form for the request
//! as a whole, and a message beside the field it is about. Every form uses
//! these, so the markup screen readers rely on stays the same everywhere.

use leptos::prelude::*;

use crate::t;

/// The `role="alert"` box above a form. It is always in the page (empty
/// when there is nothing to say), so a message that appears is announced.
#[component]
pub fn FormAlert(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="form-alert" role="alert">
            {move || {
                message
                    .get()
                    .map(|message| {
                        view! {
                            <div class="alert alert-error">
                                <p>{message}</p>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The message beside a field; the field points at `id` with
/// `aria-describedby` while there is one.
#[component]
pub fn FieldError(
    id: &'static str,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|message| {
            view! {
                <p class="field-error" id=id>
                    <span class="visually-hidden">{t!("form-field-error-prefix")}" "</span>
                    {message}
                </p>
            }
        })
    }
}
