//! A device's page (`/devices/:id`): what the organization can see about
//! it, whether it can reach company resources and why not, and the actions
//! the server allows now (**Rename**, **Check status**, **Remote lock**,
//! **Remove**), each with an honest account of what the device has done
//! about it so far.
//!
//! The page follows the device live (server-sent events, refetching when
//! the page comes back into view or online, polling when events fail).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation};
use leptos_router::hooks::use_params_map;
use portal_api::routes;
use portal_api::{
    ActionState, ActionStatus, ComplianceState, DeviceAction, DeviceDetails, DeviceId,
    EnrollmentType, RenameDevice,
};

use crate::api::{self, is_not_found, ClientError};
use crate::components::device_reach::DeviceReachNotice;
use crate::components::dialog::ConfirmDialog;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::rename_dialog::RenameDialog;
use crate::components::require_sign_in::RequireSignIn;
use crate::components::shell::focus_main_heading;
use crate::components::time::{ExactTime, RelativeTime};
use crate::connectivity::use_connectivity;
use crate::context::{use_organization, use_session};
use crate::format::{
    action_failure_words, cannot_see_words, compliance_class, compliance_words,
    enrollment_type_fact, grace_until_words, os_version_label, ownership_words, remote_lock_words,
    removal_words, rule_words,
};
use crate::page_return::on_return_to_page;
use crate::server_events::follow_live;
use crate::t;
use crate::this_device::{forget_this_device, this_device_id};

/// How often to ask for the device when server-sent events are not available.
const POLL_EVERY: Duration = Duration::from_secs(10);

/// Ids of the action buttons (focus returns to them after a dialog).
pub const RENAME_BUTTON_ID: &str = "device-action-rename";
pub const CHECK_BUTTON_ID: &str = "device-action-check-status";
pub const LOCK_BUTTON_ID: &str = "device-action-remote-lock";
pub const REMOVE_BUTTON_ID: &str = "device-action-remove";
/// Ids of the status lines (polite live regions).
pub const NOTICE_ID: &str = "device-notice";
pub const CHECK_STATUS_ID: &str = "check-status-status";
pub const LOCK_STATUS_ID: &str = "remote-lock-status";
pub const REMOVAL_STATUS_ID: &str = "removal-status";
/// Id of the note that says why the actions are off while offline.
pub const OFFLINE_NOTE_ID: &str = "device-actions-offline";

/// Stands for a placeholder whose value is an element (a `<time>`, a
/// `<strong>`): the message is cut around it, so translators can still put
/// the element wherever their sentence needs it.
const SLOT: &str = "\u{E000}";

/// The text of `message` before and after its [`SLOT`] (all of it before
/// when a translation leaves the placeholder out).
fn around_slot(message: &str) -> (String, String) {
    match message.split_once(SLOT) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (message.to_owned(), String::new()),
    }
}

/// `/devices/:id`.
#[component]
pub fn DevicePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id")).unwrap_or_default());
    let session = use_session();
    // The device's name once loaded: the page title.
    let heading = RwSignal::new(None::<String>);
    view! {
        <PageTitle page=Signal::derive(move || {
            heading.get().unwrap_or_else(|| t!("device-page-title"))
        }) />
        {move || {
            session
                .user()
                .is_none()
                .then(|| view! { <h1 tabindex="-1">{t!("device-page-title")}</h1> })
        }}
        <RequireSignIn>
            {move || view! { <DeviceView id=DeviceId(id.get()) heading /> }}
        </RequireSignIn>
    }
}

/// How a device left the portal while its page was open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RemovedHow {
    /// The device acknowledged or checked out.
    Acknowledged,
    /// The portal stopped waiting for the device (`gives_up_at` passed).
    GaveUp,
    /// Removed by something other than this page.
    Elsewhere,
}

#[derive(Debug, Clone, PartialEq)]
enum PageState {
    Loading,
    Device(Box<DeviceDetails>),
    NotFound,
    /// `enrollment_type` picks the words: user enrollment erases a work
    /// volume, device enrollment removes what the organization installed.
    Removed {
        name: String,
        how: RemovedHow,
        enrollment_type: EnrollmentType,
    },
    Failed(ClientError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Loading,
    Device,
    NotFound,
    Removed,
    Failed,
}

fn is_pending(status: &Option<ActionStatus>) -> bool {
    status
        .as_ref()
        .is_some_and(|status| status.state == ActionState::Pending)
}

#[component]
fn DeviceView(id: DeviceId, heading: RwSignal<Option<String>>) -> impl IntoView {
    // Offline, every action is turned off and says why: nothing is queued
    // to be sent later behind the person's back.
    let online = use_connectivity().online();
    let offline_note = move || (!online.get()).then_some(OFFLINE_NOTE_ID);
    let session = use_session();
    let organization = use_organization();
    let owner = StoredValue::new(Owner::current());
    let id = StoredValue::new(id);
    let is_this_device = this_device_id().as_ref() == Some(&id.get_value());

    let state = RwSignal::new(PageState::Loading);
    // What **Remove** takes away depends on how the device is enrolled.
    let remove_what = move || {
        state.with(|state| match state {
            PageState::Device(details) => removal_words(details.summary.enrollment_type),
            _ => removal_words(EnrollmentType::DeviceEnrollment),
        })
    };
    let kind = Memo::new(move |_| {
        state.with(|state| match state {
            PageState::Loading => Kind::Loading,
            PageState::Device(_) => Kind::Device,
            PageState::NotFound => Kind::NotFound,
            PageState::Removed { .. } => Kind::Removed,
            PageState::Failed(_) => Kind::Failed,
        })
    });
    let details = Memo::new(move |_| {
        state.with(|state| match state {
            PageState::Device(details) => Some(details.as_ref().clone()),
            _ => None,
        })
    });
    // Server clock minus browser clock, in seconds.
    let clock_offset = RwSignal::new(0_i64);
    let now = move || crate::components::time::now_unix_seconds() + clock_offset.get_untracked();

    // A task of this page: cancelled when the page goes away.
    let spawn = move |task: Pin<Box<dyn Future<Output = ()>>>| match owner.get_value() {
        Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(task)),
        None => spawn_local(task),
    };

    // ---------------------------------------------------------- state changes

    let removed = move |how: RemovedHow| {
        let (name, enrollment_type) = state.with_untracked(|state| match state {
            PageState::Device(details) => (
                details.summary.display_name.clone(),
                details.summary.enrollment_type,
            ),
            _ => (String::new(), EnrollmentType::DeviceEnrollment),
        });
        forget_this_device(&id.get_value());
        state.set(PageState::Removed {
            name,
            how,
            enrollment_type,
        });
    };
    let apply = move |details: DeviceDetails| {
        // Answers, refetches and events can cross: never go back in time.
        let older = state.with_untracked(|state| match state {
            PageState::Device(current) => crate::device_updates::is_older(&details, current),
            _ => false,
        });
        if older {
            return;
        }
        clock_offset.set(details.server_now - crate::components::time::now_unix_seconds());
        heading.set(Some(details.summary.display_name.clone()));
        match details.removal.as_ref().map(|removal| removal.state) {
            Some(ActionState::Succeeded) => {
                state.set(PageState::Device(Box::new(details)));
                removed(RemovedHow::Acknowledged);
            }
            Some(ActionState::TimedOut) => {
                state.set(PageState::Device(Box::new(details)));
                removed(RemovedHow::GaveUp);
            }
            _ => state.set(PageState::Device(Box::new(details))),
        }
    };
    // Set while this page's own **Remove** request is on its way.
    let remove_pending = RwSignal::new(false);
    // The device is gone (404): removed while the page was open, or never here.
    let gone = move || {
        let how = state.with_untracked(|state| match state {
            PageState::Loading | PageState::Failed(_) | PageState::NotFound => None,
            PageState::Removed { how, .. } => Some(*how),
            PageState::Device(details) => Some(match &details.removal {
                Some(removal) if removal.state == ActionState::Pending => {
                    let gave_up = removal
                        .gives_up_at
                        .is_some_and(|gives_up_at| now() >= gives_up_at);
                    if gave_up {
                        RemovedHow::GaveUp
                    } else {
                        RemovedHow::Acknowledged
                    }
                }
                // This page asked, and the device answered (through push)
                // before the page had the answer to its own request.
                _ if remove_pending.get_untracked() => RemovedHow::Acknowledged,
                _ => RemovedHow::Elsewhere,
            }),
        });
        match how {
            None => state.set(PageState::NotFound),
            Some(how) => {
                if state.with_untracked(|state| !matches!(state, PageState::Removed { .. })) {
                    removed(how);
                }
            }
        }
    };
    let failed_request = move |error: ClientError| -> Option<String> {
        if error.is_not_signed_in() {
            session.expired();
            None
        } else if is_not_found(&error) {
            gone();
            None
        } else {
            Some(error.message())
        }
    };

    // ---------------------------------------------------------- loading

    let fetching = StoredValue::new(false);
    let fetch = move || {
        if fetching.get_value() || kind.get_untracked() == Kind::Removed {
            return;
        }
        fetching.set_value(true);
        spawn(Box::pin(async move {
            let result = api::device(id.get_value()).await;
            fetching.set_value(false);
            match result {
                Ok(details) => apply(details),
                Err(error) if error.is_not_signed_in() => session.expired(),
                Err(error) if is_not_found(&error) => gone(),
                // Keep showing the last known state; events or the next
                // refetch carry on.
                Err(error) => {
                    if matches!(kind.get_untracked(), Kind::Loading | Kind::Failed) {
                        state.set(PageState::Failed(error));
                    }
                }
            }
        }));
    };
    // The page may have come with the device (the start data).
    match crate::start::take_device(&id.get_value()) {
        Some(details) => apply(details),
        None => fetch(),
    }
    let retry = Callback::new(move |()| {
        state.set(PageState::Loading);
        fetch();
    });

    // ---------------------------------------------------------- following live

    // Follow the device until it is gone (not on every change of the page).
    let following = Memo::new(move |_| !matches!(kind.get(), Kind::Removed | Kind::NotFound));
    let reconnect = follow_live(
        move || {
            following
                .get()
                .then(|| routes::device_events(&id.get_value().0))
        },
        apply,
        fetch,
        POLL_EVERY,
    );

    // When the portal stops waiting for a removal or a status check, ask
    // for the outcome.
    let deadline = Memo::new(move |_| {
        details.with(|details| {
            let details = details.as_ref()?;
            [&details.removal, &details.status_check]
                .into_iter()
                .flatten()
                .filter(|status| status.state == ActionState::Pending)
                .filter_map(|status| status.gives_up_at)
                .min()
        })
    });
    let deadline_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move || {
        if let Some(Some(handle)) = deadline_timer.try_update_value(Option::take) {
            handle.clear();
        }
        if let Some(at) = deadline.get() {
            let wait = (at - now()).max(0) as u64 + 1;
            if let Ok(handle) = set_timeout_with_handle(fetch, Duration::from_secs(wait)) {
                deadline_timer.set_value(Some(handle));
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = deadline_timer.try_update_value(Option::take) {
            handle.clear();
        }
    });

    on_return_to_page(fetch, move || reconnect.update(|n| *n += 1));
    let listeners = [window_event_listener_untyped("online", move |_| {
        reconnect.update(|n| *n += 1);
        fetch();
    })];
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
    });

    // A new state of the page (loaded, removed, not found): its heading
    // takes focus, so it is announced. Once loaded, only when focus was
    // lost with the loading heading it was on.
    Effect::new(move |before: Option<Kind>| {
        let now_kind = kind.get();
        if before.is_some_and(|before| before != now_kind) {
            let always = now_kind != Kind::Device;
            request_animation_frame(move || {
                let lost = document()
                    .active_element()
                    .is_none_or(|active| active.tag_name() == "BODY");
                if always || lost {
                    focus_main_heading();
                }
            });
        }
        now_kind
    });

    // ---------------------------------------------------------- actions

    let can = move |action: DeviceAction| {
        Memo::new(move |_| {
            details.with(|details| {
                details
                    .as_ref()
                    .is_some_and(|details| details.actions.contains(&action))
            })
        })
    };
    let can_rename = can(DeviceAction::Rename);
    let can_check = can(DeviceAction::CheckStatus);
    let can_lock = can(DeviceAction::RemoteLock);
    let can_remove = can(DeviceAction::Remove);

    let notice = RwSignal::new(None::<String>);
    // After a state-changing request: the details it answered with, or a refetch.
    let answered = move |answer: Option<DeviceDetails>| match answer {
        Some(details) => apply(details),
        None => fetch(),
    };

    // Rename
    let rename_open = RwSignal::new(false);
    let rename_pending = RwSignal::new(false);
    let rename_error = RwSignal::new(None::<ClientError>);
    let open_rename = move |_| {
        rename_error.set(None);
        rename_open.set(true);
    };
    let close_rename = Callback::new(move |()| {
        if !rename_pending.get_untracked() {
            rename_open.set(false);
        }
    });
    let save_name = Callback::new(move |rename: RenameDevice| {
        if rename_pending.get_untracked() {
            return;
        }
        rename_pending.set(true);
        rename_error.set(None);
        spawn(Box::pin(async move {
            let new_name = rename.display_name.clone();
            let result = api::rename_device(id.get_value(), rename).await;
            rename_pending.set(false);
            match result {
                Ok(answer) => {
                    rename_open.set(false);
                    if answer.is_none() {
                        // Show the new name now; the refetch confirms it.
                        state.update(|state| {
                            if let PageState::Device(details) = state {
                                details.summary.display_name = new_name.clone();
                            }
                        });
                        heading.set(Some(new_name.clone()));
                    }
                    answered(answer);
                    notice.set(Some(t!("device-renamed", name = new_name)));
                }
                Err(error) if error.is_not_signed_in() => session.expired(),
                Err(error) if is_not_found(&error) => {
                    rename_open.set(false);
                    gone();
                }
                // Offline or refused: the dialog stays open with the typed name.
                Err(error) => rename_error.set(Some(error)),
            }
        }));
    });

    // Check status
    let check_pending = RwSignal::new(false);
    let check_requested = RwSignal::new(false);
    let check_error = RwSignal::new(None::<String>);
    let checking = Memo::new(move |_| {
        check_pending.get()
            || details.with(|d| d.as_ref().is_some_and(|d| is_pending(&d.status_check)))
    });
    let check_status = move |_| {
        if checking.get_untracked() {
            return;
        }
        check_pending.set(true);
        check_requested.set(true);
        check_error.set(None);
        spawn(Box::pin(async move {
            let result = api::check_status(id.get_value()).await;
            check_pending.set(false);
            match result {
                Ok(answer) => answered(answer),
                Err(error) => check_error.set(failed_request(error)),
            }
        }));
    };

    // Remote lock
    let lock_open = RwSignal::new(false);
    let lock_pending = RwSignal::new(false);
    let lock_error = RwSignal::new(None::<String>);
    let lock_retry_error = RwSignal::new(None::<String>);
    let open_lock = move |_| {
        lock_error.set(None);
        lock_open.set(true);
    };
    let close_lock = Callback::new(move |()| {
        if !lock_pending.get_untracked() {
            lock_open.set(false);
        }
    });
    // `in_dialog`: the request comes from the confirmation (else **Try again**).
    let lock = move |in_dialog: bool| {
        if lock_pending.get_untracked() {
            return;
        }
        lock_pending.set(true);
        lock_error.set(None);
        lock_retry_error.set(None);
        spawn(Box::pin(async move {
            let result = api::remote_lock(id.get_value()).await;
            lock_pending.set(false);
            match result {
                Ok(answer) => {
                    lock_open.set(false);
                    answered(answer);
                }
                Err(error) => {
                    let message = failed_request(error);
                    if message.is_none() {
                        lock_open.set(false);
                    }
                    if in_dialog {
                        lock_error.set(message);
                    } else {
                        lock_retry_error.set(message);
                    }
                }
            }
        }));
    };
    let confirm_lock = Callback::new(move |()| lock(true));

    // Remove
    let remove_open = RwSignal::new(false);
    let remove_error = RwSignal::new(None::<String>);
    let open_remove = move |_| {
        remove_error.set(None);
        remove_open.set(true);
    };
    let close_remove = Callback::new(move |()| {
        if !remove_pending.get_untracked() {
            remove_open.set(false);
        }
    });
    let confirm_remove = Callback::new(move |()| {
        if remove_pending.get_untracked() {
            return;
        }
        remove_pending.set(true);
        remove_error.set(None);
        spawn(Box::pin(async move {
            let result = api::remove_device(id.get_value()).await;
            remove_pending.set(false);
            match result {
                Ok(answer) => {
                    remove_open.set(false);
                    answered(answer);
                }
                Err(error) => {
                    let message = failed_request(error);
                    if message.is_none() {
                        remove_open.set(false);
                    }
                    remove_error.set(message);
                }
            }
        }));
    });
    let removing = Memo::new(move |_| {
        remove_pending.get() || details.with(|d| d.as_ref().is_some_and(|d| is_pending(&d.removal)))
    });

    // ---------------------------------------------------------- the views

    let org = move || organization.name();
    let name = move || {
        details.with(|d| {
            d.as_ref()
                .map(|d| d.summary.display_name.clone())
                .unwrap_or_default()
        })
    };

    let compliance_view = move || {
        details.get().map(|details| {
            let report = details.compliance;
            let class = format!("compliance-headline {}", compliance_class(report.state));
            let headline = match (report.state, report.access_until) {
                (ComplianceState::InGracePeriod, Some(until)) => {
                    let (before, after) = around_slot(&grace_until_words(SLOT));
                    view! { {before} <ExactTime at=until /> {after} }.into_any()
                }
                (state, _) => compliance_words(state).into_any(),
            };
            let issues = (!report.issues.is_empty()).then(|| {
                view! {
                    <h3>{t!("device-compliance-fix")}</h3>
                    <ul class="compliance-issues">
                        {report
                            .issues
                            .into_iter()
                            .map(|issue| {
                                let (before, after) = around_slot(&t!(
                                    "device-compliance-issue",
                                    rule = SLOT,
                                    instruction = issue.instruction,
                                ));
                                view! {
                                    <li>
                                        {before}
                                        <strong>{rule_words(issue.rule)}</strong>
                                        {after}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            });
            let checked = report.evaluated_at.map(|at| {
                let (before, after) = around_slot(&t!("device-compliance-checked", time = SLOT));
                view! {
                    <p class="checked-at">
                        {before}
                        <RelativeTime at now=now() />
                        {after}
                    </p>
                }
            });
            view! {
                <p class=class>{headline}</p>
                {issues}
                {checked}
            }
        })
    };

    let check_line = move || {
        if checking.get() {
            return Some(
                view! { <p class="action-status action-pending">{t!("device-checking")}</p> }
                    .into_any(),
            );
        }
        if let Some(message) = check_error.get() {
            return Some(view! { <p class="action-status action-failed">{message}</p> }.into_any());
        }
        let details = details.get()?;
        let status = details.status_check?;
        match status.state {
            ActionState::TimedOut => Some(
                view! {
                    <p class="action-status action-failed">{t!("device-check-timed-out")}</p>
                }
                .into_any(),
            ),
            ActionState::Failed => Some(
                view! {
                    <p class="action-status action-failed">
                        {t!("device-check-failed", reason = action_failure_words(&status).unwrap_or_default())}
                    </p>
                }
                .into_any(),
            ),
            ActionState::Succeeded if check_requested.get() => Some(
                view! {
                    <p class="action-status action-ok">
                        {t!(
                            "device-check-done",
                            compliance = compliance_words(details.compliance.state),
                        )}
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        }
    };

    let lock_line = move || {
        let status = details.with(|d| d.as_ref().and_then(|d| d.remote_lock.clone()));
        let retry_error = lock_retry_error.get();
        let status = status?;
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
                    <RelativeTime at now=now() />
                </p>
                {detail.map(|detail| view! { <p class="action-status-detail">{detail}</p> })}
                {retry_error.map(|message| view! { <p class="action-status-detail">{message}</p> })}
                {(failed && can_lock.get()).then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            disabled=move || lock_pending.get() || !online.get()
                            on:click=move |_| lock(false)
                        >
                            {move || {
                                if lock_pending.get() {
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
    };

    let removal_line = move || {
        if remove_pending.get() {
            return Some(
                view! { <p class="action-status action-pending">{t!("device-removing")}</p> }
                    .into_any(),
            );
        }
        let status = details.with(|d| d.as_ref().and_then(|d| d.removal.clone()))?;
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
                        {t!("device-removal-failed", reason = action_failure_words(&status).unwrap_or_default())}
                    </p>
                }
                .into_any(),
            ),
            _ => None,
        }
    };

    let facts_view = move || {
        details.get().map(|details| {
            let summary = details.summary;
            let enrollment_type = summary.enrollment_type;
            let os_label = os_version_label(&summary.model);
            let now = now();
            view! {
                <dl class="device-facts">
                    <div>
                        <dt>{t!("device-fact-model")}</dt>
                        <dd>{summary.model}</dd>
                    </div>
                    // Apple's code for the model, for IT support.
                    {summary.product_code.map(|code| view! {
                        <div>
                            <dt>{t!("device-fact-model-code")}</dt>
                            <dd><code>{code}</code></dd>
                        </div>
                    })}
                    <div>
                        <dt>{os_label}</dt>
                        <dd>
                            {summary.os_version.unwrap_or_else(|| t!("device-fact-os-not-reported"))}
                        </dd>
                    </div>
                    {details.serial_number.map(|serial| view! {
                        <div>
                            <dt>{t!("device-fact-serial-number")}</dt>
                            <dd>{serial}</dd>
                        </div>
                    })}
                    <div>
                        <dt>{t!("device-fact-enrollment")}</dt>
                        <dd>{enrollment_type_fact(enrollment_type)}</dd>
                    </div>
                    <div>
                        <dt>{t!("device-fact-ownership")}</dt>
                        <dd>{ownership_words(summary.ownership)}</dd>
                    </div>
                    <div>
                        <dt>{t!("device-fact-enrolled")}</dt>
                        <dd><RelativeTime at=details.enrolled_at now /></dd>
                    </div>
                    <div>
                        <dt>{t!("device-fact-last-check-in")}</dt>
                        <dd>
                            {match summary.last_check_in_at {
                                Some(at) => view! { <RelativeTime at now /> }.into_any(),
                                None => t!("device-fact-not-checked-in").into_any(),
                            }}
                        </dd>
                    </div>
                </dl>
                <p class="cannot-see">
                    <strong>
                        {org().map_or_else(
                            || t!("device-cannot-see-label"),
                            |org| t!("device-cannot-see-label-org", org = org),
                        )}
                    </strong>
                    " "
                    {cannot_see_words(enrollment_type)}
                </p>
            }
        })
    };

    let device_view = move || {
        view! {
            <div class="device-heading">
                <h1 tabindex="-1">{name}</h1>
                {is_this_device
                    .then(|| {
                        view! { <p class="badge this-device-badge">{t!("device-this-device")}</p> }
                    })}
            </div>
            <div id=NOTICE_ID class="notice" role="status" aria-live="polite">
                {move || notice.get().map(|message| view! { <p>{message}</p> })}
            </div>
            {move || {
                details
                    .get()
                    .map(|details| {
                        view! {
                            <DeviceReachNotice
                                reach=details.reach
                                last_check_in_at=details.summary.last_check_in_at
                                now=now()
                            />
                        }
                    })
            }}

            <section
                class="device-section"
                aria-labelledby="compliance-heading"
                aria-busy=move || checking.get().to_string()
            >
                <h2 id="compliance-heading">{t!("device-compliance-heading")}</h2>
                {compliance_view}
                <div id=CHECK_STATUS_ID role="status" aria-live="polite">
                    {check_line}
                </div>
            </section>

            <section class="device-section" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{t!("device-actions-heading")}</h2>
                <Show when=move || !online.get()>
                    <p id=OFFLINE_NOTE_ID class="actions-offline-note">{t!("device-actions-offline")}</p>
                </Show>
                <div class="device-actions">
                    <Show when=move || can_rename.get()>
                        <button
                            type="button"
                            id=RENAME_BUTTON_ID
                            class="button button-secondary"
                            disabled=move || !online.get()
                            aria-describedby=offline_note
                            on:click=open_rename
                        >
                            {t!("device-rename")}
                        </button>
                    </Show>
                    <Show when=move || can_check.get()>
                        <button
                            type="button"
                            id=CHECK_BUTTON_ID
                            class="button button-secondary"
                            disabled=move || checking.get() || !online.get()
                            aria-describedby=offline_note
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
                    </Show>
                    <Show when=move || can_lock.get()>
                        <button
                            type="button"
                            id=LOCK_BUTTON_ID
                            class="button button-secondary"
                            disabled=move || !online.get()
                            aria-describedby=offline_note
                            on:click=open_lock
                        >
                            {t!("device-remote-lock")}
                        </button>
                    </Show>
                    <Show when=move || can_remove.get() && !removing.get()>
                        <button
                            type="button"
                            id=REMOVE_BUTTON_ID
                            class="button button-secondary button-danger-outline"
                            disabled=move || !online.get()
                            aria-describedby=offline_note
                            on:click=open_remove
                        >
                            {t!("device-remove")}
                        </button>
                    </Show>
                </div>
                <Show when=move || {
                    !(can_rename.get() || can_check.get() || can_lock.get() || can_remove.get()
                        || removing.get())
                }>
                    <p class="muted">{t!("device-no-actions")}</p>
                </Show>
                <div id=LOCK_STATUS_ID role="status" aria-live="polite">
                    {lock_line}
                </div>
                <div id=REMOVAL_STATUS_ID role="status" aria-live="polite">
                    {removal_line}
                </div>
            </section>

            <section class="device-section" aria-labelledby="facts-heading">
                <h2 id="facts-heading">
                    {move || {
                        org().map_or_else(
                            || t!("device-facts-heading"),
                            |org| t!("device-facts-heading-org", org = org),
                        )
                    }}
                </h2>
                {facts_view}
            </section>

            <Show when=move || rename_open.get()>
                <RenameDialog
                    current_name=name()
                    pending=rename_pending
                    error=rename_error
                    on_save=save_name
                    on_cancel=close_rename
                />
            </Show>
            <Show when=move || lock_open.get()>
                <ConfirmDialog
                    id="remote-lock-dialog"
                    title=t!("device-lock-title")
                    confirm_label=t!("device-lock-confirm")
                    pending_label=t!("device-lock-pending")
                    pending=lock_pending
                    error=lock_error
                    on_confirm=confirm_lock
                    on_cancel=close_lock
                >
                    <p>{t!("device-lock-text")}</p>
                </ConfirmDialog>
            </Show>
            <Show when=move || remove_open.get()>
                <ConfirmDialog
                    id="remove-dialog"
                    title=t!("device-remove-title")
                    confirm_label=t!("device-remove-confirm")
                    pending_label=t!("device-removing")
                    pending=remove_pending
                    error=remove_error
                    destructive=true
                    on_confirm=confirm_remove
                    on_cancel=close_remove
                >
                    {is_this_device.then(|| view! {
                        <div class="alert alert-warning">
                            <p>{t!("device-remove-this-device")}</p>
                        </div>
                    })}
                    <p>{remove_what()}</p>
                    <p>{t!("device-remove-undo")}</p>
                </ConfirmDialog>
            </Show>
        }
    };

    view! {
        <div class="device-page" aria-busy=move || (kind.get() == Kind::Loading).to_string()>
            {move || match kind.get() {
                Kind::Loading => view! {
                    <h1 tabindex="-1">{t!("device-page-title")}</h1>
                    <Loading label=t!("device-loading") />
                }
                .into_any(),
                Kind::Failed => {
                    let error = state.with_untracked(|state| match state {
                        PageState::Failed(error) => error.clone(),
                        _ => ClientError::Network,
                    });
                    if error.is_not_signed_in() {
                        return view! { <Loading label=t!("device-to-sign-in") /> }.into_any();
                    }
                    view! {
                        <h1 tabindex="-1">{t!("device-page-title")}</h1>
                        <ErrorPanel error title=t!("device-load-failed") on_retry=retry />
                    }
                    .into_any()
                }
                Kind::NotFound => view! {
                    <h1 tabindex="-1">{t!("device-not-found-heading")}</h1>
                    <p>{t!("device-not-found-text")}</p>
                    <p>
                        <a class="button button-primary" href="/devices">{t!("device-back")}</a>
                    </p>
                }
                .into_any(),
                Kind::Removed => {
                    let (name, how, enrollment_type) = state.with_untracked(|state| match state {
                        PageState::Removed { name, how, enrollment_type } => {
                            (name.clone(), *how, *enrollment_type)
                        }
                        _ => (String::new(), RemovedHow::Elsewhere, EnrollmentType::DeviceEnrollment),
                    });
                    let text = match (how, enrollment_type) {
                        (RemovedHow::Acknowledged, EnrollmentType::UserEnrollment) => {
                            t!("device-removed-acknowledged-user")
                        }
                        (RemovedHow::Acknowledged, EnrollmentType::DeviceEnrollment) => {
                            t!("device-removed-acknowledged")
                        }
                        (RemovedHow::GaveUp, _) => t!("device-removed-gave-up"),
                        (RemovedHow::Elsewhere, _) => t!("device-removed-elsewhere"),
                    };
                    view! {
                        <h1 tabindex="-1">{name}</h1>
                        <div class="removed" role="status" id=REMOVAL_STATUS_ID>
                            <p class="removed-title"><strong>{t!("device-removed")}</strong></p>
                            <p>{text}</p>
                        </div>
                        <p>
                            <a class="button button-primary" href="/devices">{t!("device-back")}</a>
                        </p>
                    }
                    .into_any()
                }
                Kind::Device => device_view().into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(before: &str, after: &str) -> (String, String) {
        (before.to_owned(), after.to_owned())
    }

    #[test]
    fn messages_with_an_element_are_cut_around_it() {
        assert_eq!(
            around_slot(&t!("device-removing-hint", time = SLOT)),
            cut(
                "Waiting for the device to confirm. If it doesn't answer by ",
                ", the portal removes it anyway."
            )
        );
        assert_eq!(
            around_slot(&t!("device-compliance-checked", time = SLOT)),
            cut("Checked ", "")
        );
        assert_eq!(
            around_slot(&grace_until_words(SLOT)),
            cut("Out of compliance — can still access until ", "")
        );
        assert_eq!(
            around_slot(&t!(
                "device-compliance-issue",
                rule = SLOT,
                instruction = "Update to iOS 17.",
            )),
            cut("", ": Update to iOS 17.")
        );
        assert_eq!(around_slot("No placeholder"), cut("No placeholder", ""));
    }

    #[test]
    fn sentences_with_names_read_as_before() {
        assert_eq!(
            t!("device-renamed", name = "Alex’s iPad"),
            "Name changed to “Alex’s iPad”."
        );
        assert_eq!(
            t!("device-check-failed", reason = "Busy."),
            "The status check failed: Busy."
        );
        assert_eq!(
            t!("device-facts-heading-org", org = "Contoso"),
            "What Contoso can see"
        );
        assert_eq!(
            t!("device-cannot-see-label-org", org = "Contoso"),
            "What Contoso can't see:"
        );
    }
}
