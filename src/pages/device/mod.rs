//! A device's page (`/devices/:id`): what the organization can see about
//! it, whether it can reach company resources and why not, and the actions
//! the server allows now (**Rename**, **Check status**, **Remote lock**,
//! **Remove**), each with an honest account of what the device has done
//! about it so far.
//!
//! The page follows the device live (server-sent events, refetching when
//! the page comes back into view or online, polling when events fail).
//! What it shows is [`DevicePageState`], moved only by the pure reducer in
//! `src/device_page_state.rs`; each action is its own component here
//! (`rename`, `check_status`, `remote_lock`, `remove`), the device's facts
//! and compliance are in `facts`.

mod check_status;
mod facts;
mod remote_lock;
mod remove;
mod rename;

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation};
use leptos_router::hooks::use_params_map;
use portal_api::routes;
use portal_api::{DeviceAction, DeviceDetails, DeviceId, EnrollmentType};

use crate::api::{self, is_not_found, ClientError};
use crate::components::device_reach::DeviceReachNotice;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::RequireSignIn;
use crate::components::shell::focus_main_heading;
use crate::components::sliced::Sliced;
use crate::connectivity::use_connectivity;
use crate::context::{use_organization, use_session, Session};
use crate::device_page_state::{DevicePageState, Event, RemovedHow, Shown, ShownKind};
use crate::page_return::on_return_to_page;
use crate::server_events::follow_live;
use crate::t;
use crate::this_device::{forget_this_device, this_device_id};

use check_status::{CheckStatusAction, CheckStatusLine};
use facts::{ComplianceReportView, DeviceFacts};
use remote_lock::{RemoteLockAction, RemoteLockLine};
use remove::{RemoveAction, RemoveLine};
use rename::RenameAction;

/// How often to ask for the device when server-sent events are not available.
const POLL_EVERY: Duration = Duration::from_secs(10);

/// Ids of the action buttons (focus returns to them after a dialog).
pub const RENAME_BUTTON_ID: &str = "device-action-rename";
pub const CHECK_STATUS_BUTTON_ID: &str = "device-action-check-status";
pub const REMOTE_LOCK_BUTTON_ID: &str = "device-action-remote-lock";
pub const REMOVE_BUTTON_ID: &str = "device-action-remove";
/// Ids of the status lines (polite live regions).
pub const NOTICE_ID: &str = "device-notice";
pub const CHECK_STATUS_ID: &str = "check-status-status";
pub const REMOTE_LOCK_STATUS_ID: &str = "remote-lock-status";
pub const REMOVE_STATUS_ID: &str = "remove-status";
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

/// How the page's request for an action ended, for the action's component.
pub(super) enum Outcome {
    /// The portal took it; the device's view follows.
    Taken,
    /// Refused or not sent (offline, the portal's rules): the component
    /// says why and keeps what the person chose.
    Refused(ClientError),
    /// The page took care of it: signed out, or the device is gone.
    Handled,
}

/// What each part of the page shares: the state, the clock, and how to
/// ask the portal for something on the page's behalf.
#[derive(Clone, Copy)]
pub(super) struct Page {
    id: StoredValue<DeviceId>,
    pub state: RwSignal<DevicePageState>,
    pub online: Signal<bool>,
    pub is_this_device: bool,
    /// Server clock minus browser clock, in seconds.
    clock_offset: RwSignal<i64>,
    owner: StoredValue<Option<Owner>>,
    session: Session,
    fetching: StoredValue<bool>,
    /// Why the page's last **Check status** was not sent (shown in its line).
    check_status_error: RwSignal<Option<String>>,
}

impl Page {
    pub fn id(&self) -> DeviceId {
        self.id.get_value()
    }

    /// Now, on the server's clock.
    pub fn now(&self) -> i64 {
        crate::components::time::now_unix_seconds() + self.clock_offset.get_untracked()
    }

    fn dispatch(&self, event: Event) {
        self.state
            .update(|state| *state = std::mem::take(state).reduce(event));
    }

    /// A view of the device, from wherever it came.
    fn apply(&self, details: DeviceDetails) {
        self.clock_offset
            .set(details.server_now - crate::components::time::now_unix_seconds());
        self.dispatch(Event::Details(Box::new(details)));
    }

    /// The device answered 404.
    fn gone(&self) {
        let now = self.now();
        self.dispatch(Event::Gone { now });
    }

    /// Runs `task` for as long as the page is open.
    fn spawn(&self, task: impl Future<Output = ()> + 'static) {
        match self.owner.get_value() {
            Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(task)),
            None => spawn_local(task),
        }
    }

    /// Asks for the device again (one request at a time; none once removed).
    pub fn fetch(self) {
        let removed = self
            .state
            .with_untracked(|s| s.kind() == ShownKind::Removed);
        if self.fetching.get_value() || removed {
            return;
        }
        self.fetching.set_value(true);
        self.spawn(async move {
            let result = api::device(self.id()).await;
            self.fetching.set_value(false);
            match result {
                Ok(details) => self.apply(details),
                Err(error) if error.is_not_signed_in() => self.session.expired(),
                Err(error) if is_not_found(&error) => self.gone(),
                Err(error) => self.dispatch(Event::LoadFailed(error)),
            }
        });
    }

    /// Sends the page's request for `action` (once at a time) and tells
    /// `done` how it ended, before the device's view it answered with is
    /// shown.
    pub fn request<R>(self, action: DeviceAction, request: R, done: impl FnOnce(Outcome) + 'static)
    where
        R: Future<Output = Result<Option<DeviceDetails>, ClientError>> + 'static,
    {
        if self
            .state
            .with_untracked(|state| state.sent.contains(action))
        {
            return;
        }
        self.dispatch(Event::Sent(action));
        self.spawn(async move {
            let result = request.await;
            self.dispatch(Event::Answered(action));
            match result {
                Ok(answer) => {
                    done(Outcome::Taken);
                    match answer {
                        Some(details) => self.apply(details),
                        None => self.fetch(),
                    }
                }
                Err(error) if error.is_not_signed_in() => {
                    done(Outcome::Handled);
                    self.session.expired();
                }
                Err(error) if is_not_found(&error) => {
                    done(Outcome::Handled);
                    self.gone();
                }
                Err(error) => done(Outcome::Refused(error)),
            }
        });
    }

    pub fn offers(&self, action: DeviceAction) -> Memo<bool> {
        let state = self.state;
        Memo::new(move |_| state.with(|state| state.offers(action)))
    }

    pub fn under_way(&self, action: DeviceAction) -> Memo<bool> {
        let state = self.state;
        Memo::new(move |_| state.with(|state| state.is_under_way(action)))
    }

    /// Whether the page's own request for `action` is on its way.
    pub fn sent(&self, action: DeviceAction) -> Signal<bool> {
        let state = self.state;
        Signal::derive(move || state.with(|state| state.sent.contains(action)))
    }

    /// The id of the offline note, while offline (`aria-describedby`).
    pub fn offline_note(&self) -> Signal<Option<&'static str>> {
        let online = self.online;
        Signal::derive(move || (!online.get()).then_some(OFFLINE_NOTE_ID))
    }

    pub fn details(&self) -> Memo<Option<DeviceDetails>> {
        let state = self.state;
        Memo::new(move |_| state.with(|state| state.details().cloned()))
    }
}

/// The open-or-closed state of an action's dialog and why the portal
/// refused its last request (`E`: the form the dialog shows it in). The
/// dialog stays open, with what the person chose, until the request is
/// taken or they cancel; it cannot be cancelled while the request is on
/// its way.
pub(super) struct ActionDialog<E: Send + Sync + 'static> {
    pub open: RwSignal<bool>,
    pub error: RwSignal<Option<E>>,
    pub pending: Signal<bool>,
}

impl<E: Send + Sync + 'static> Clone for ActionDialog<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E: Send + Sync + 'static> Copy for ActionDialog<E> {}

impl<E: Send + Sync + 'static> ActionDialog<E> {
    pub fn new(page: Page, action: DeviceAction) -> Self {
        ActionDialog {
            open: RwSignal::new(false),
            error: RwSignal::new(None),
            pending: page.sent(action),
        }
    }

    pub fn show(&self) {
        self.error.set(None);
        self.open.set(true);
    }

    pub fn close(&self) {
        self.open.set(false);
    }

    /// **Cancel**: closes it unless the request is on its way.
    pub fn cancel(self) -> Callback<()> {
        Callback::new(move |()| {
            if !self.pending.get_untracked() {
                self.close();
            }
        })
    }

    /// What happened to the request: taken or handled by the page closes
    /// the dialog, a refusal stays in it, in the form `refusal` makes.
    pub fn ended(&self, outcome: Outcome, refusal: impl FnOnce(ClientError) -> E) {
        match outcome {
            Outcome::Taken | Outcome::Handled => self.close(),
            Outcome::Refused(error) => self.error.set(Some(refusal(error))),
        }
    }
}

/// An action's button: off while offline, and saying why.
#[component]
fn ActionButton(
    page: Page,
    id: &'static str,
    label: String,
    /// **Remove**: drawn as a destructive action.
    #[prop(optional)]
    destructive: bool,
    on_click: Callback<()>,
) -> impl IntoView {
    let class = if destructive {
        "button button-secondary button-danger-outline"
    } else {
        "button button-secondary"
    };
    view! {
        <button
            type="button"
            id=id
            class=class
            disabled=move || !page.online.get()
            aria-describedby=page.offline_note()
            on:click=move |_| on_click.run(())
        >
            {label}
        </button>
    }
}

#[component]
fn DeviceView(id: DeviceId, heading: RwSignal<Option<String>>) -> impl IntoView {
    let page = Page {
        is_this_device: this_device_id().as_ref() == Some(&id),
        id: StoredValue::new(id),
        state: RwSignal::new(DevicePageState::default()),
        // Offline, every action is turned off and says why: nothing is
        // queued to be sent later behind the person's back.
        online: use_connectivity().online(),
        clock_offset: RwSignal::new(0),
        owner: StoredValue::new(Owner::current()),
        session: use_session(),
        fetching: StoredValue::new(false),
        check_status_error: RwSignal::new(None),
    };
    let state = page.state;
    let kind = Memo::new(move |_| state.with(DevicePageState::kind));

    // The page may have come with the device (the start data).
    match crate::start::take_device(&page.id()) {
        Some(details) => page.apply(details),
        None => page.fetch(),
    }

    Effect::new(move || {
        if let Some(name) = state.with(|state| state.device_name().map(str::to_owned)) {
            heading.set(Some(name));
        }
    });
    Effect::new(move || {
        if kind.get() == ShownKind::Removed {
            forget_this_device(&page.id());
        }
    });

    // ---------------------------------------------------------- following live

    // Follow the device until it is gone (not on every change of the page).
    let following =
        Memo::new(move |_| !matches!(kind.get(), ShownKind::Removed | ShownKind::NotFound));
    let reconnect = follow_live(
        move || following.get().then(|| routes::device_events(&page.id().0)),
        move |details| page.apply(details),
        move || page.fetch(),
        POLL_EVERY,
    );

    // When the portal stops waiting for a removal or a status check, ask
    // for the outcome.
    let deadline = Memo::new(move |_| state.with(DevicePageState::next_deadline));
    let deadline_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move || {
        if let Some(Some(handle)) = deadline_timer.try_update_value(Option::take) {
            handle.clear();
        }
        if let Some(at) = deadline.get() {
            let wait = (at - page.now()).max(0) as u64 + 1;
            if let Ok(handle) =
                set_timeout_with_handle(move || page.fetch(), Duration::from_secs(wait))
            {
                deadline_timer.set_value(Some(handle));
            }
        }
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = deadline_timer.try_update_value(Option::take) {
            handle.clear();
        }
    });

    on_return_to_page(move || page.fetch(), move || reconnect.update(|n| *n += 1));
    let listeners = [window_event_listener_untyped("online", move |_| {
        reconnect.update(|n| *n += 1);
        page.fetch();
    })];
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
    });

    // A new state of the page (loaded, removed, not found): its heading
    // takes focus, so it is announced. Once loaded, only when focus was
    // lost with the loading heading it was on.
    Effect::new(move |before: Option<ShownKind>| {
        let now_kind = kind.get();
        if before.is_some_and(|before| before != now_kind) {
            let always = now_kind != ShownKind::Device;
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

    let retry = Callback::new(move |()| {
        page.dispatch(Event::Retry);
        page.fetch();
    });

    view! {
        <div class="device-page" aria-busy=move || (kind.get() == ShownKind::Loading).to_string()>
            {move || match kind.get() {
                ShownKind::Loading => view! {
                    <h1 tabindex="-1">{t!("device-page-title")}</h1>
                    <Loading label=t!("device-loading") />
                }
                .into_any(),
                ShownKind::Failed => {
                    let error = state.with_untracked(|state| match &state.shown {
                        Shown::Failed(error) => error.clone(),
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
                ShownKind::NotFound => view! {
                    <h1 tabindex="-1">{t!("device-not-found-heading")}</h1>
                    <p>{t!("device-not-found-text")}</p>
                    <p>
                        <a class="button button-primary" href="/devices">{t!("device-back")}</a>
                    </p>
                }
                .into_any(),
                ShownKind::Removed => view! { <RemovedView page /> }.into_any(),
                ShownKind::Device => view! { <DeviceShown page /> }.into_any(),
            }}
        </div>
    }
}

/// The device, its compliance, its actions and what the organization can
/// see.
#[component]
fn DeviceShown(page: Page) -> impl IntoView {
    let organization = use_organization();
    let org = move || organization.name();
    let details = page.details();
    let name = move || {
        page.state
            .with(|state| state.device_name().map(str::to_owned))
            .unwrap_or_default()
    };
    // Rename's "Name changed to …" line.
    let notice = RwSignal::new(None::<String>);
    let can_rename = page.offers(DeviceAction::Rename);
    let can_check_status = page.offers(DeviceAction::CheckStatus);
    let can_remote_lock = page.offers(DeviceAction::RemoteLock);
    let can_remove = page.offers(DeviceAction::Remove);
    let removing = page.under_way(DeviceAction::Remove);
    let checking = page.under_way(DeviceAction::CheckStatus);

    view! {
        <div class="device-heading">
            <h1 tabindex="-1">{name}</h1>
            {page
                .is_this_device
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
                            now=page.now()
                        />
                    }
                })
        }}

        // Each section in a task of its own while the app takes over: the
        // whole page in one took the longest task of its start on a phone.
        <Sliced>
        <section
            class="device-section"
            aria-labelledby="compliance-heading"
            aria-busy=move || checking.get().to_string()
        >
            <h2 id="compliance-heading">{t!("device-compliance-heading")}</h2>
            <ComplianceReportView page />
            <div id=CHECK_STATUS_ID role="status" aria-live="polite">
                <CheckStatusLine page />
            </div>
        </section>
        </Sliced>

        <Sliced>
        <section class="device-section" aria-labelledby="actions-heading">
            <h2 id="actions-heading">{t!("device-actions-heading")}</h2>
            <Show when=move || !page.online.get()>
                <p id=OFFLINE_NOTE_ID class="actions-offline-note">{t!("device-actions-offline")}</p>
            </Show>
            <div class="device-actions">
                <Show when=move || can_rename.get()>
                    <RenameAction page notice />
                </Show>
                <Show when=move || can_check_status.get()>
                    <CheckStatusAction page />
                </Show>
                <Show when=move || can_remote_lock.get()>
                    <RemoteLockAction page />
                </Show>
                <Show when=move || can_remove.get() && !removing.get()>
                    <RemoveAction page />
                </Show>
            </div>
            <Show when=move || {
                !(can_rename.get() || can_check_status.get() || can_remote_lock.get()
                    || can_remove.get() || removing.get())
            }>
                <p class="muted">{t!("device-no-actions")}</p>
            </Show>
            <div id=REMOTE_LOCK_STATUS_ID role="status" aria-live="polite">
                <RemoteLockLine page />
            </div>
            <div id=REMOVE_STATUS_ID role="status" aria-live="polite">
                <RemoveLine page />
            </div>
        </section>
        </Sliced>

        <Sliced>
        <section class="device-section" aria-labelledby="facts-heading">
            <h2 id="facts-heading">
                {move || {
                    org().map_or_else(
                        || t!("device-facts-heading"),
                        |org| t!("device-facts-heading-org", org = org),
                    )
                }}
            </h2>
            <DeviceFacts page />
        </section>
        </Sliced>
    }
}

/// The device left the portal while its page was open, and how.
#[component]
fn RemovedView(page: Page) -> impl IntoView {
    let (name, how, enrollment_type) = page.state.with_untracked(|state| match &state.shown {
        Shown::Removed {
            name,
            how,
            enrollment_type,
        } => (name.clone(), *how, *enrollment_type),
        _ => (
            String::new(),
            RemovedHow::Elsewhere,
            EnrollmentType::DeviceEnrollment,
        ),
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
        <div class="removed" role="status" id=REMOVE_STATUS_ID>
            <p class="removed-title"><strong>{t!("device-removed")}</strong></p>
            <p>{text}</p>
        </div>
        <p>
            <a class="button button-primary" href="/devices">{t!("device-back")}</a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::grace_until_words;

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
            "Check status failed: Busy."
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
