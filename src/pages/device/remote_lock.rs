//! **Remote lock**: locks the device's screen now; it needs the passcode
//! to open again. Confirmed in a dialog; a failed or unanswered lock can
//! be tried again from its status line.

use leptos::prelude::*;
use portal_api::{ActionState, DeviceAction};

use super::{Outcome, Page, REMOTE_LOCK_BUTTON_ID};
use crate::api;
use crate::components::dialog::ConfirmDialog;
use crate::components::time::RelativeTime;
use crate::format::{action_failure_words, remote_lock_words};
use crate::t;

/// Sends a remote lock; `refused` gets the words for why it was not sent
/// (`None` once the page took care of it: signed out, device gone), and
/// `taken` runs when the portal took it.
fn send_remote_lock(
    page: Page,
    taken: impl FnOnce() + 'static,
    refused: impl FnOnce(Option<String>) + 'static,
) {
    page.request(
        DeviceAction::RemoteLock,
        api::remote_lock(page.id()),
        move |outcome| match outcome {
            Outcome::Taken => taken(),
            Outcome::Handled => refused(None),
            Outcome::Refused(error) => refused(Some(error.message())),
        },
    );
}

/// The **Remote lock** button and its confirmation.
#[component]
pub(super) fn RemoteLockAction(page: Page) -> impl IntoView {
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pending = page.sent(DeviceAction::RemoteLock);
    let open_dialog = move |_| {
        error.set(None);
        open.set(true);
    };
    let close = Callback::new(move |()| {
        if !pending.get_untracked() {
            open.set(false);
        }
    });
    let confirm = Callback::new(move |()| {
        error.set(None);
        send_remote_lock(
            page,
            move || open.set(false),
            move |message| match message {
                Some(message) => error.set(Some(message)),
                None => open.set(false),
            },
        );
    });
    view! {
        <button
            type="button"
            id=REMOTE_LOCK_BUTTON_ID
            class="button button-secondary"
            disabled=move || !page.online.get()
            aria-describedby=page.offline_note()
            on:click=open_dialog
        >
            {t!("device-remote-lock")}
        </button>
        <Show when=move || open.get()>
            <ConfirmDialog
                id="remote-lock-dialog"
                title=t!("device-lock-title")
                confirm_label=t!("device-lock-confirm")
                pending_label=t!("device-lock-pending")
                pending
                error=error
                on_confirm=confirm
                on_cancel=close
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
        send_remote_lock(page, || {}, move |message| retry_error.set(message));
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
