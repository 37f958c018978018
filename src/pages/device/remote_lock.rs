//! **Remote lock**: locks the device's screen now; it needs the passcode
//! to open again. Confirmed in a dialog; a failed or unanswered lock can
//! be tried again from its status line.

use leptos::prelude::*;
use portal_api::{ActionState, DeviceAction};

use super::{ActionButton, ActionDialog, Outcome, Page, REMOTE_LOCK_BUTTON_ID};
use crate::api;
use crate::components::dialog::ConfirmDialog;
use crate::components::time::RelativeTime;
use crate::format::{action_failure_words, remote_lock_words};
use crate::t;

/// Sends a remote lock, from the dialog or **Try again**.
fn send_remote_lock(page: Page, done: impl FnOnce(Outcome) + 'static) {
    page.request(DeviceAction::RemoteLock, api::remote_lock(page.id()), done);
}

/// The **Remote lock** button and its confirmation.
#[component]
pub(super) fn RemoteLockAction(page: Page) -> impl IntoView {
    let dialog = ActionDialog::<String>::new(page, DeviceAction::RemoteLock);
    let confirm = Callback::new(move |()| {
        dialog.error.set(None);
        send_remote_lock(page, move |outcome| {
            dialog.ended(outcome, |error| error.message())
        });
    });
    view! {
        <ActionButton
            page
            id=REMOTE_LOCK_BUTTON_ID
            label=t!("device-remote-lock")
            on_click=Callback::new(move |()| dialog.show())
        />
        <Show when=move || dialog.open.get()>
            <ConfirmDialog
                id="remote-lock-dialog"
                title=t!("device-lock-title")
                confirm_label=t!("device-lock-confirm")
                pending_label=t!("device-lock-pending")
                pending=dialog.pending
                error=dialog.error
                on_confirm=confirm
                on_cancel=dialog.cancel()
            >
                <p>{t!("device-lock-text")}</p>
            </ConfirmDialog>
        </Show>
    }
}

/// Where the last remote lock stands, with **Try again** after a failure.
#[component]
pub(super) fn RemoteLockLine(page: Page) -> impl IntoView {
    let retry_error = RwSignal::new(None::<String>);
    let pending = page.sent(DeviceAction::RemoteLock);
    let can_remote_lock = page.offers(DeviceAction::RemoteLock);
    let try_again = move |_| {
        retry_error.set(None);
        send_remote_lock(page, move |outcome| {
            if let Outcome::Refused(error) = outcome {
                retry_error.set(Some(error.message()));
            }
        });
    };
    move || {
        let status = page
            .state
            .with(|state| state.last(DeviceAction::RemoteLock).cloned())?;
        let class = match status.state {
            ActionState::Pending => "action-status action-pending",
            ActionState::Succeeded => "action-status action-ok",
            ActionState::Failed | ActionState::TimedOut => "action-status action-failed",
        };
        let at = status.finished_at.unwrap_or(status.requested_at);
        let detail = match status.state {
            ActionState::Pending => Some(t!("device-lock-pending-hint")),
            ActionState::Succeeded => None,
            ActionState::Failed => {
                Some(action_failure_words(&status).unwrap_or_else(|| t!("device-lock-refused")))
            }
            ActionState::TimedOut => {
                Some(action_failure_words(&status).unwrap_or_else(|| t!("device-lock-no-answer")))
            }
        };
        let failed = matches!(status.state, ActionState::Failed | ActionState::TimedOut);
        Some(view! {
            <div class=class>
                <p class="action-status-title">
                    <strong>{remote_lock_words(status.state)}</strong>
                    " · "
                    <RelativeTime at now=page.now() />
                </p>
                {detail.map(|detail| view! { <p class="action-status-detail">{detail}</p> })}
                {retry_error.get().map(|message| view! { <p class="action-status-detail">{message}</p> })}
                {(failed && can_remote_lock.get()).then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            disabled=move || pending.get() || !page.online.get()
                            on:click=try_again
                        >
                            {move || {
                                if pending.get() {
                                    t!("device-lock-pending")
                                } else {
                                    t!("device-lock-try-again")
                                }
                            }}
                        </button>
                    }
                })}
            </div>
        })
    }
}
