//! **Rename**: the portal's display name of the device, nothing on the
//! device itself. A dialog; the new name shows at once.

use leptos::prelude::*;
use portal_api::{DeviceAction, RenameDevice};

use super::{Outcome, Page, RENAME_BUTTON_ID};
use crate::api::{self, ClientError};
use crate::components::rename_dialog::RenameDialog;
use crate::device_page_state::Event;
use crate::t;

/// The **Rename** button and its dialog; `notice` gets "Name changed to …".
#[component]
pub(super) fn RenameAction(page: Page, notice: RwSignal<Option<String>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<ClientError>);
    let pending = page.sent(DeviceAction::Rename);
    let open_dialog = move |_| {
        error.set(None);
        open.set(true);
    };
    let close = Callback::new(move |()| {
        if !pending.get_untracked() {
            open.set(false);
        }
    });
    let save = Callback::new(move |rename: RenameDevice| {
        error.set(None);
        let new_name = rename.display_name.clone();
        page.request(
            DeviceAction::Rename,
            api::rename_device(page.id(), rename),
            move |outcome| match outcome {
                Outcome::Taken => {
                    open.set(false);
                    // Shown now; the device's view confirms it.
                    page.dispatch(Event::Renamed(new_name.clone()));
                    notice.set(Some(t!("device-renamed", name = new_name)));
                }
                Outcome::Handled => open.set(false),
                // Offline or refused: the dialog stays open with the typed name.
                Outcome::Refused(refusal) => error.set(Some(refusal)),
            },
        );
    });
    let current_name = move || {
        page.state
            .with_untracked(|state| state.device_name().map(str::to_owned))
            .unwrap_or_default()
    };
    view! {
        <button
            type="button"
            id=RENAME_BUTTON_ID
            class="button button-secondary"
            disabled=move || !page.online.get()
            aria-describedby=page.offline_note()
            on:click=open_dialog
        >
            {t!("device-rename")}
        </button>
        <Show when=move || open.get()>
            <RenameDialog
                current_name=current_name()
                pending
                error=error
                on_save=save
                on_cancel=close
            />
        </Show>
    }
}
