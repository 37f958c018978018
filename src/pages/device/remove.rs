//! **Remove**: takes the device out of the portal's management. What it
//! takes away depends on how the device is enrolled; confirmed in a
//! dialog, then followed until the device confirms or the portal stops
//! waiting.

use leptos::prelude::*;
use portal_api::{ActionState, DeviceAction, EnrollmentType};

use super::{around_slot, ActionButton, ActionDialog, Page, REMOVE_BUTTON_ID, SLOT};
use crate::api;
use crate::components::dialog::ConfirmDialog;
use crate::components::time::ExactTime;
use crate::format::{action_failure_words, remove_words};
use crate::t;

/// The **Remove** button and its confirmation.
#[component]
pub(super) fn RemoveAction(page: Page) -> impl IntoView {
    let dialog = ActionDialog::<String>::new(page, DeviceAction::Remove);
    let confirm = Callback::new(move |()| {
        dialog.error.set(None);
        page.request(
            DeviceAction::Remove,
            api::remove_device(page.id()),
            move |outcome| dialog.ended(outcome, |error| error.message()),
        );
    });
    // What **Remove** takes away depends on how the device is enrolled.
    let what = move || {
        let enrollment_type = page
            .state
            .with_untracked(|state| state.details().map(|d| d.summary.enrollment_type));
        remove_words(enrollment_type.unwrap_or(EnrollmentType::DeviceEnrollment))
    };
    view! {
        <ActionButton
            page
            id=REMOVE_BUTTON_ID
            label=t!("device-remove")
            destructive=true
            on_click=Callback::new(move |()| dialog.show())
        />
        <Show when=move || dialog.open.get()>
            <ConfirmDialog
                id="remove-dialog"
                title=t!("device-remove-title")
                confirm_label=t!("device-remove-confirm")
                pending_label=t!("device-removing")
                pending=dialog.pending
                error=dialog.error
                destructive=true
                on_confirm=confirm
                on_cancel=dialog.cancel()
            >
                {page.is_this_device.then(|| view! {
                    <div class="alert alert-warning">
                        <p>{t!("device-remove-this-device")}</p>
                    </div>
                })}
                <p>{what()}</p>
                <p>{t!("device-remove-undo")}</p>
            </ConfirmDialog>
        </Show>
    }
}

/// Where the removal stands: on its way, waiting for the device (and until
/// when), or why it failed.
#[component]
pub(super) fn RemoveLine(page: Page) -> impl IntoView {
    let sent = page.sent(DeviceAction::Remove);
    move || {
        if sent.get() {
            return Some(
                view! { <p class="action-status action-pending">{t!("device-removing")}</p> }
                    .into_any(),
            );
        }
        let status = page
            .state
            .with(|state| state.last(DeviceAction::Remove).cloned())?;
        match status.state {
            ActionState::Pending => Some(
                view! {
                    <div class="action-status action-pending">
                        <p class="action-status-title">
                            <strong>{t!("device-removing")}</strong>
                        </p>
                        {status.gives_up_at.map(|at| {
                            let (before, after) =
                                around_slot(&t!("device-removing-hint", time = SLOT));
                            view! {
                                <p class="action-status-detail">
                                    {before}
                                    <ExactTime at />
                                    {after}
                                </p>
                            }
                        })}
                    </div>
                }
                .into_any(),
            ),
            ActionState::Failed => Some(
                view! {
                    <p class="action-status action-failed">
                        {t!("device-remove-failed", reason = action_failure_words(&status).unwrap_or_default())}
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        }
    }
}
