//! **Rename**: the portal's display name of the device, nothing on the
//! device itself. A dialog; the new name shows at once.

use leptos::prelude::*;
use portal_api::{DeviceAction, RenameDevice};

use super::{ActionButton, ActionDialog, Outcome, Page, RENAME_BUTTON_ID};
use crate::api::{self, ClientError};
use crate::components::rename_dialog::RenameDialog;
use crate::device_page_state::Event;
use crate::t;

/// The **Rename** button and its dialog; `notice` gets "Name changed to …".
#[component]
pub(super) fn RenameAction(page: Page, notice: RwSignal<Option<String>>) -> impl IntoView {
    let dialog = ActionDialog::<ClientError>::new(page, DeviceAction::Rename);
    let save = Callback::new(move |rename: RenameDevice| {
        dialog.error.set(None);
        let new_name = rename.display_name.clone();
        page.request(
            DeviceAction::Rename,
            api::rename_device(page.id(), rename),
            move |outcome| {
                if matches!(outcome, Outcome::Taken) {
                    // Shown now; the device's view confirms it.
                    page.dispatch(Event::Renamed(new_name.clone()));
                    notice.set(Some(t!("device-renamed", name = new_name)));
                }
                // Offline or refused: the dialog stays open with the typed name.
                dialog.ended(outcome, |error| error);
            },
        );
    });
    let current_name = move || {
        page.state
            .with_untracked(|state| state.device_name().map(str::to_owned))
            .unwrap_or_default()
    };
    view! {
        <ActionButton
            page
            id=RENAME_BUTTON_ID
            label=t!("device-rename")
            on_click=Callback::new(move |()| dialog.show())
        />
        <Show when=move || dialog.open.get()>
            <RenameDialog
                current_name=current_name()
                pending=dialog.pending
                error=dialog.error
                on_save=save
                on_cancel=dialog.cancel()
            />
        </Show>
    }
}
