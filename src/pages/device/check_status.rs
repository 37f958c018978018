//! **Check status**: asks the device for fresh facts and says what they
//! mean for its compliance.

use leptos::prelude::*;
use portal_api::{ActionState, DeviceAction};

use super::{Outcome, Page, CHECK_STATUS_BUTTON_ID};
use crate::api;
use crate::format::{action_failure_words, compliance_words};
use crate::t;

/// The **Check status** button ("Checking…" while under way).
#[component]
pub(super) fn CheckStatusAction(page: Page) -> impl IntoView {
    let checking = page.under_way(DeviceAction::CheckStatus);
    let check_status = move |_| {
        if checking.get_untracked() {
            return;
        }
        page.check_status_error.set(None);
        page.request(
            DeviceAction::CheckStatus,
            api::check_status(page.id()),
            move |outcome| {
                if let Outcome::Refused(error) = outcome {
                    page.check_status_error.set(Some(error.message()));
                }
            },
        );
    };
    view! {
        <button
            type="button"
            id=CHECK_STATUS_BUTTON_ID
            class="button button-secondary"
            disabled=move || checking.get() || !page.online.get()
            aria-describedby=page.offline_note()
            aria-busy=move || checking.get().then_some("true")
            on:click=check_status
        >
            {move || {
                if checking.get() {
                    t!("device-checking")
                } else {
                    t!("device-check-status")
                }
            }}
        </button>
    }
}

/// Where the status check stands: checking, why it failed, or what the
/// check this page asked for found.
#[component]
pub(super) fn CheckStatusLine(page: Page) -> impl IntoView {
    let checking = page.under_way(DeviceAction::CheckStatus);
    let details = page.details();
    move || {
        if checking.get() {
            return Some(
                view! { <p class="action-status action-pending">{t!("device-checking")}</p> }
                    .into_any(),
            );
        }
        if let Some(message) = page.check_status_error.get() {
            return Some(view! { <p class="action-status action-failed">{message}</p> }.into_any());
        }
        let details = details.get()?;
        let status = details.check_status?;
        let asked = page.state.with(|state| state.check_status_asked);
        let (class, text) = match status.state {
            ActionState::TimedOut => ("action-failed", t!("device-check-timed-out")),
            ActionState::Failed => (
                "action-failed",
                t!(
                    "device-check-failed",
                    reason = action_failure_words(&status).unwrap_or_default()
                ),
            ),
            ActionState::Succeeded if asked => (
                "action-ok",
                t!(
                    "device-check-done",
                    compliance = compliance_words(details.compliance.state),
                ),
            ),
            _ => return None,
        };
        Some(view! { <p class=format!("action-status {class}")>{text}</p> }.into_any())
    }
}
