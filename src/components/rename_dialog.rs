//! **Rename**: the dialog that changes the name the portal shows for a
//! device (only the portal's; the device keeps its own name).
//!
//! Like the sign-in form it does not talk to the API itself: the page
//! passes `pending` and `error` in and gets checked names out through
//! `on_save`, so it can be tested without a server.

use leptos::html;
use leptos::prelude::*;

use portal_api::{DeviceName, RenameDevice};

use crate::api::ClientError;
use crate::components::dialog::Dialog;
use crate::components::form_messages::{FieldError, FormAlert};
use crate::i18n::validation::device_name_error;
use crate::t;

pub const DIALOG_ID: &str = "rename-dialog";
pub const NAME_ID: &str = "rename-device-name";
pub const NAME_ERROR_ID: &str = "rename-device-name-error";
/// The request field a server error about the name names.
pub const NAME_FIELD: &str = "display_name";

/// The dialog: an explanation, the name field prefilled with the current
/// name, **Save** ("Saving…" while `pending`) and **Cancel**.
#[component]
pub fn RenameDialog(
    /// The name the portal shows now.
    #[prop(into)]
    current_name: String,
    /// True while the rename request is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Why the last attempt failed: an error about `display_name` goes next
    /// to the field, any other in the alert of the dialog.
    #[prop(into)]
    error: Signal<Option<ClientError>>,
    /// Gets a name that passed `DeviceName::parse`, trimmed.
    on_save: Callback<RenameDevice>,
    /// **Cancel** or Escape.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let name_input = NodeRef::<html::Input>::new();
    // What the browser-side check found at the last submit; it takes the
    // place of the server's answer until the next request is sent.
    let invalid = RwSignal::new(None::<String>);

    let field_message = move || {
        invalid.get().or_else(|| {
            error.with(|error| {
                error
                    .as_ref()
                    .filter(|error| error.field() == Some(NAME_FIELD))
                    .map(ClientError::message)
            })
        })
    };
    let alert_message = move || {
        if invalid.with(Option::is_some) {
            return None;
        }
        error.with(|error| {
            error
                .as_ref()
                .filter(|error| error.field() != Some(NAME_FIELD))
                .map(ClientError::message)
        })
    };
    let focus_field = move || {
        if let Some(input) = name_input.get_untracked() {
            let _ = input.focus();
        }
    };
    // A field error from the server moves focus to the field, like ours do.
    Effect::new(move || {
        let about_the_name = error.with(|error| {
            error
                .as_ref()
                .is_some_and(|error| error.field() == Some(NAME_FIELD))
        });
        if about_the_name {
            focus_field();
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let typed = name_input
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_default();
        match DeviceName::parse(&typed) {
            Err(problem) => {
                invalid.set(Some(device_name_error(&problem)));
                focus_field();
            }
            Ok(name) => {
                invalid.set(None);
                on_save.run(RenameDevice {
                    display_name: name.into(),
                });
            }
        }
    };

    view! {
        <Dialog id=DIALOG_ID title=t!("rename-title") on_close=on_cancel>
            <form
                class="rename-form"
                novalidate
                aria-busy=move || if pending.get() { "true" } else { "false" }
                on:submit=submit
            >
                <p class="dialog-explain">{t!("rename-explain")}</p>
                <FormAlert message=Signal::derive(alert_message) />
                <div class="field" class:field-invalid=move || field_message().is_some()>
                    <label for=NAME_ID>{t!("rename-name-label")}</label>
                    <FieldError id=NAME_ERROR_ID message=Signal::derive(field_message) />
                    <input
                        node_ref=name_input
                        id=NAME_ID
                        name="display_name"
                        type="text"
                        autocomplete="off"
                        value=current_name
                        aria-invalid=move || field_message().is_some().then_some("true")
                        aria-describedby=move || field_message().is_some().then_some(NAME_ERROR_ID)
                    />
                </div>
                <div class="dialog-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || pending.get()
                    >
                        {move || if pending.get() { t!("rename-saving") } else { t!("rename-save") }}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| on_cancel.run(())
                    >
                        {t!("rename-cancel")}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}
