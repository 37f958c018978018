//! **Enroll** (`/enroll`): the journey from "which device is this?" to
//! "You're all set", one screen per [`Step`] (one file per screen here).
//!
//! This module runs the journey: it reads the device, loads the rules and
//! the enrollment to resume, feeds what happens into
//! [`Step::next`](enrollment_flow::Step::next), and does each
//! step's side effects: starting the enrollment, asking for a download
//! link, following the enrollment live (server-sent events, refetching when
//! the page comes back into view), and remembering the enrollment and the
//! enrolled device in local storage.

pub mod choose_enrollment_type;
pub mod choose_ownership;
pub mod device_limit_reached;
pub mod device_not_allowed;
pub mod download;
pub mod enrolled;
pub mod expired;
pub mod install;
pub mod not_apple_mobile;
pub mod not_set_up;
pub mod privacy;
pub mod rejected;
pub mod sign_in_to_work_account;
pub mod update_os;
pub mod wrong_browser;

use std::future::Future;
use std::time::Duration;

use enrollment_flow::platform::Platform;
use enrollment_flow::{device_kind, first_step, Event, Step};
use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation};
use portal_api::routes;
use portal_api::start::{ENROLLMENT_HINT_COOKIE, ENROLLMENT_HINT_COOKIE_PATH};
use portal_api::{
    DeviceKind, Enrollment, EnrollmentProblem, EnrollmentProblemCode, EnrollmentType,
    StartEnrollment,
};

use crate::api::{self, ClientError};
use crate::components::countdown::clock_offset_ms;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::{redirect_if_session_expired, RequireSignIn};
use crate::components::shell::focus_main_heading;
use crate::connectivity::use_connectivity;
use crate::context::{reload, use_organization, use_session};
use crate::dom::local_storage;
use crate::format::web_url;
use crate::page_return::on_return_to_page;
use crate::server_events::follow_live;
use crate::t;

use choose_enrollment_type::ChooseEnrollmentTypeScreen;
use choose_ownership::ChooseOwnershipScreen;
use device_limit_reached::DeviceLimitReachedScreen;
use device_not_allowed::DeviceNotAllowedScreen;
use download::{DownloadScreen, HandOff};
use enrolled::{EnrolledScreen, HomeScreen};
use expired::ExpiredScreen;
use install::InstallScreen;
use not_apple_mobile::NotAppleMobileScreen;
use not_set_up::NotSetUpScreen;
use privacy::PrivacyScreen;
use rejected::RejectedScreen;
use sign_in_to_work_account::SignInToWorkAccountScreen;
use update_os::UpdateOsScreen;
use wrong_browser::WrongBrowserScreen;

/// Local storage: the id of the enrollment this browser is working on (a
/// hint to resume; the server keeps the real state).
pub const ENROLLMENT_HINT_KEY: &str = "company-portal.enrollment-id";
/// Local storage: the device id of "this device", once enrolled here.
pub const THIS_DEVICE_KEY: &str = "company-portal.this-device";
/// How often to ask for the enrollment when server-sent events are not
/// available.
const POLL_EVERY: Duration = Duration::from_secs(5);

/// What went wrong with the profile, and what to do about it.
fn notice_text(code: EnrollmentProblemCode) -> String {
    use EnrollmentProblemCode as Code;
    match code {
        Code::ProfileReplaced => t!("enroll-notice-profile-replaced"),
        Code::ProfileAlreadyUsed => t!("enroll-notice-profile-already-used"),
        Code::ProfileExpired => t!("enroll-notice-profile-expired"),
        _ => t!("enroll-notice-other"),
    }
}

/// A problem with the profile while the enrollment goes on (shown on the
/// Download and Install steps).
pub(crate) fn problem_notice(problem: &EnrollmentProblem) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert">
            <p>{notice_text(problem.code)}</p>
        </div>
    }
}

#[component]
pub fn EnrollPage() -> impl IntoView {
    let session = use_session();
    view! {
        <PageTitle page=t!("enroll-page-title") />
        // Until the journey shows its own screen (each has its heading).
        {move || {
            session.user().is_none().then(|| view! { <h1 tabindex="-1">{t!("enroll-heading")}</h1> })
        }}
        <RequireSignIn>
            <EnrollJourney />
        </RequireSignIn>
    }
}

/// Reads the device from `navigator`.
fn read_platform() -> Platform {
    let navigator = window().navigator();
    let user_agent = navigator.user_agent().unwrap_or_default();
    let touch_points = u32::try_from(navigator.max_touch_points()).unwrap_or(0);
    // Safari's own, non-standard `navigator.standalone`.
    let standalone = js_sys::Reflect::get(&navigator, &"standalone".into())
        .ok()
        .and_then(|value| value.as_bool());
    Platform::detect(&user_agent, touch_points, standalone)
}

/// The text of the page's main heading.
fn main_heading_text() -> String {
    document()
        .query_selector(&format!("#{} h1", crate::components::shell::MAIN_ID))
        .ok()
        .flatten()
        .and_then(|heading| heading.text_content())
        .unwrap_or_default()
}

/// This page's `/enroll` address, to copy, open in Safari or scan.
pub(crate) fn enroll_url() -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}/enroll")
}

/// Remembers the enrollment this browser works on: in local storage, and
/// in its mirror for the server's first paint.
fn remember_enrollment(id: &str) {
    remember(ENROLLMENT_HINT_KEY, id);
    mirror_enrollment_hint(id);
}

/// Keeps [`ENROLLMENT_HINT_COOKIE`] equal to the local storage hint, so the
/// server's first paint of `/enroll` resumes what this page will (a hint
/// kept before the cookie existed is mirrored on the next visit). Not a
/// secret: the page's own id of the person's enrollment, only sent to
/// `/enroll`.
fn mirror_enrollment_hint(id: &str) {
    // The server's ids are base64url; anything else is no cookie value.
    if id.is_empty()
        || !id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    {
        return;
    }
    let document = document();
    let pair = format!("{ENROLLMENT_HINT_COOKIE}={id}");
    let cookies = js_sys::Reflect::get(&document, &"cookie".into())
        .ok()
        .and_then(|cookies| cookies.as_string())
        .unwrap_or_default();
    if cookies.split(';').any(|cookie| cookie.trim() == pair) {
        return;
    }
    let cookie = format!(
        "{pair}; Path={ENROLLMENT_HINT_COOKIE_PATH}; Max-Age=31536000; SameSite=Lax; Secure"
    );
    let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
}

fn remember(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

fn recall(key: &str) -> Option<String> {
    local_storage().and_then(|storage| storage.get_item(key).ok().flatten())
}

/// The journey itself, for a signed-in person.
#[component]
fn EnrollJourney() -> impl IntoView {
    let session = use_session();
    let organization = use_organization();
    let platform = StoredValue::new(read_platform());
    let owner = StoredValue::new(Owner::current());

    // From the page's start data when it came with them: then the first
    // step is known at once, the one the server's first paint drew when the
    // user agent decided it (`enrollment_flow::first_step_from_user_agent`,
    // with the hint's mirror), so the page takes over without a loading
    // state in between.
    if let Some(hint) = recall(ENROLLMENT_HINT_KEY) {
        mirror_enrollment_hint(&hint);
    }
    let start = crate::start::take_enrollment();
    let arrival = start.as_ref().map(|start| {
        let started_here = start.current.as_ref().is_some_and(|enrollment| {
            recall(ENROLLMENT_HINT_KEY).as_deref() == Some(&enrollment.id.0)
        });
        let step = first_step(
            &platform.get_value(),
            &start.rules,
            start.current.clone(),
            started_here,
        );
        (
            step,
            start
                .current
                .as_ref()
                .map(|enrollment| enrollment.server_now),
        )
    });
    let (seeded_rules, seeded_current) = match start {
        Some(start) => (Some(start.rules), Some(start.current)),
        None => (None, None),
    };
    let rules = crate::start::seeded_resource(seeded_rules, api::enrollment_rules);
    let current = crate::start::seeded_resource(seeded_current, api::current_enrollment);
    redirect_if_session_expired(rules);
    redirect_if_session_expired(current);

    let arrival_decided = arrival.is_some();
    let (first, server_now) = arrival.unwrap_or((Step::CheckDevice, None));
    let step = RwSignal::new(first);
    // Notifies only when the step really changes (a repeated event does
    // not rebuild the screen).
    let screen = Memo::new(move |_| step.get());
    let clock_offset = RwSignal::new(server_now.map_or(0.0, |server_now| {
        clock_offset_ms(server_now, js_sys::Date::now())
    }));
    // The shell says "You're offline" for every page; here the steps'
    // buttons are also turned off, so nothing is sent later behind the
    // person's back.
    let online = use_connectivity().online();

    let dispatch = Callback::new(move |event: Event| {
        let carried = match &event {
            Event::Resumed { enrollment, .. } | Event::EnrollmentUpdated(enrollment) => {
                Some(enrollment.server_now)
            }
            Event::LinkIssued(download) => Some(download.enrollment.server_now),
            _ => None,
        };
        if let Some(server_now) = carried {
            clock_offset.set(clock_offset_ms(server_now, js_sys::Date::now()));
        }
        step.update(|step| {
            let before = std::mem::replace(step, Step::CheckDevice);
            *step = before.next(event);
        });
    });

    // A task of this page: cancelled when the page goes away.
    let spawn = move |task: std::pin::Pin<Box<dyn Future<Output = ()>>>| match owner.get_value() {
        Some(owner) => owner.with(|| spawn_local_scoped_with_cancellation(task)),
        None => spawn_local(task),
    };
    // What to do with a failed request: sign in again, or show it.
    let failed = move |error: ClientError, shown: RwSignal<Option<ClientError>>| {
        if error.is_not_signed_in() {
            session.expired();
        } else {
            shown.set(Some(error));
        }
    };

    // ---------------------------------------------------------- detection and resume

    // Arriving with the start data, the first step is decided already.
    let resumed_once = StoredValue::new(arrival_decided);
    Effect::new(move || {
        if !screen.with(|step| *step == Step::CheckDevice) {
            return;
        }
        let (Some(Ok(rules)), Some(Ok(current))) = (rules.get(), current.get()) else {
            return;
        };
        dispatch.run(Event::Detected {
            platform: platform.get_value(),
            rules,
        });
        // Only on arrival: after "start over" the old enrollment is history.
        if !resumed_once.get_value() {
            resumed_once.set_value(true);
            if let Some(enrollment) = current {
                let started_here = recall(ENROLLMENT_HINT_KEY).as_deref() == Some(&enrollment.id.0);
                dispatch.run(Event::Resumed {
                    enrollment,
                    started_here,
                });
            }
        }
    });

    // ---------------------------------------------------------- remembering

    Effect::new(move || {
        screen.with(|step| {
            if let Some(id) = step.enrollment_id() {
                remember_enrollment(&id.0);
            }
            if let Step::Enrolled {
                device_id: Some(device),
            } = step
            {
                remember(THIS_DEVICE_KEY, &device.0);
            }
        });
    });

    // ---------------------------------------------------------- focus

    // On a new screen, focus its heading so screen readers announce it and
    // keyboard users start at the top. A screen that comes by itself while
    // the person is away in Settings (enrolled, expired, refused) is also
    // said by a polite live region: its heading.
    let arrived = RwSignal::new(String::new());
    Effect::new(move |before: Option<&'static str>| {
        let name = screen.with(Step::name);
        if before.is_some_and(|before| before != name) {
            let by_itself = matches!(name, "enrolled" | "expired" | "rejected");
            request_animation_frame(move || {
                focus_main_heading();
                if by_itself {
                    arrived.set(main_heading_text());
                }
            });
        }
        name
    });

    // ---------------------------------------------------------- starting

    let start_pending = RwSignal::new(false);
    let start_error = RwSignal::new(None::<ClientError>);
    let start = Callback::new(move |()| {
        let Step::Privacy {
            ownership,
            enrollment_type,
            ..
        } = step.get_untracked()
        else {
            return;
        };
        let platform = platform.get_value();
        let Some(device) = device_kind(&platform) else {
            return;
        };
        if start_pending.get_untracked() {
            return;
        }
        start_pending.set(true);
        start_error.set(None);
        spawn(Box::pin(async move {
            let result = api::start_enrollment(StartEnrollment {
                ownership,
                device,
                os_version: platform.os_version,
                enrollment_type,
            })
            .await;
            start_pending.set(false);
            match result {
                Ok(enrollment) => dispatch.run(Event::EnrollmentUpdated(enrollment)),
                Err(error) if error.is_enrollment_not_set_up() => dispatch.run(Event::NotSetUp),
                Err(error) => failed(error, start_error),
            }
        }));
    });

    // ---------------------------------------------------------- download link

    let link_pending = RwSignal::new(false);
    let link_error = RwSignal::new(None::<ClientError>);
    Effect::new(move || {
        let Step::Download {
            enrollment,
            link: None,
            ..
        } = screen.get()
        else {
            return;
        };
        if link_error.get().is_some() || link_pending.get_untracked() {
            return;
        }
        link_pending.set(true);
        spawn(Box::pin(async move {
            let result = api::profile_download(enrollment).await;
            link_pending.set(false);
            match result {
                Ok(download) => dispatch.run(Event::LinkIssued(download)),
                Err(error) if error.is_enrollment_not_set_up() => dispatch.run(Event::NotSetUp),
                Err(error) => failed(error, link_error),
            }
        }));
    });

    // ---------------------------------------------------------- following live

    let refetching = StoredValue::new(false);
    // On the Settings walkthrough there is no enrollment of the browser's
    // own to follow: the one Settings makes is the person's newest.
    let refetch_newest = move || {
        if refetching.get_value() {
            return;
        }
        refetching.set_value(true);
        spawn(Box::pin(async move {
            let result = api::current_enrollment().await;
            refetching.set_value(false);
            match result {
                Ok(Some(enrollment)) => dispatch.run(Event::EnrollmentUpdated(enrollment)),
                Err(error) if error.is_not_signed_in() => session.expired(),
                Ok(None) | Err(_) => {}
            }
        }));
    };
    let refetch = move || {
        if screen.with_untracked(|step| matches!(step, Step::SignInToWorkAccount { .. })) {
            refetch_newest();
            return;
        }
        let Some(id) = screen.with_untracked(|step| step.live_enrollment_id().cloned()) else {
            return;
        };
        if refetching.get_value() {
            return;
        }
        refetching.set_value(true);
        spawn(Box::pin(async move {
            let result = api::enrollment(id).await;
            refetching.set_value(false);
            match result {
                Ok(enrollment) => dispatch.run(Event::EnrollmentUpdated(enrollment)),
                Err(error) if error.is_not_signed_in() => session.expired(),
                // Offline or a hiccup: events, the next refetch or the
                // `online` event carry on.
                Err(_) => {}
            }
        }));
    };

    let live_id = Memo::new(move |_| screen.with(|step| step.live_enrollment_id().cloned()));
    let reconnect = follow_live(
        move || live_id.get().map(|id| routes::enrollment_events(&id.0)),
        move |enrollment: Enrollment| dispatch.run(Event::EnrollmentUpdated(enrollment)),
        refetch,
        POLL_EVERY,
    );

    // Back into view (from Settings), restored from the back-forward
    // cache, or back online: ask for the enrollment right away.
    on_return_to_page(refetch, move || reconnect.update(|n| *n += 1));
    let listeners = [window_event_listener_untyped("online", move |_| {
        // Retry whatever failed while offline.
        if rules.with_untracked(|r| matches!(r, Some(Err(_)))) {
            reload(rules);
        }
        if current.with_untracked(|c| matches!(c, Some(Err(_)))) {
            reload(current);
        }
        link_error.set(None);
        reconnect.update(|n| *n += 1);
        refetch();
    })];
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
    });
    // The walkthrough asks every few seconds: the person may read it here
    // and enroll with another device, so the page never comes back into view.
    let on_walkthrough =
        Memo::new(move |_| screen.with(|step| matches!(step, Step::SignInToWorkAccount { .. })));
    Effect::new(move || {
        if !on_walkthrough.get() {
            return;
        }
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if on_walkthrough.get_untracked() {
                    refetch();
                }
            },
            POLL_EVERY,
        ) {
            on_cleanup(move || handle.clear());
        }
    });

    // ---------------------------------------------------------- the screens

    let org = move || {
        organization
            .name()
            .unwrap_or_else(|| t!("enroll-org-fallback"))
    };
    let privacy_url = move || {
        organization.state().and_then(|state| {
            state
                .ok()?
                .privacy_statement_url
                .as_deref()
                .and_then(web_url)
                .map(str::to_owned)
        })
    };
    let device = move || device_kind(&platform.get_value()).unwrap_or(DeviceKind::Iphone);
    let window_minutes = move || {
        rules
            .get()
            .and_then(Result::ok)
            .map_or(8, |rules| rules.install_window_seconds.div_ceil(60))
    };
    let retry_loading = Callback::new(move |()| {
        if rules.with_untracked(|r| matches!(r, Some(Err(_)))) {
            reload(rules);
        }
        if current.with_untracked(|c| matches!(c, Some(Err(_)))) {
            reload(current);
        }
    });
    let choose = Callback::new(move |ownership| dispatch.run(Event::OwnershipChosen(ownership)));
    let choose_type = Callback::new(move |enrollment_type| {
        dispatch.run(Event::EnrollmentTypeChosen(enrollment_type))
    });
    let back = Callback::new(move |()| dispatch.run(Event::Back));
    let download_instead = Callback::new(move |()| dispatch.run(Event::LegacyUserEnrollmentChosen));
    // The Managed Apple Account is the work email unless the organization
    // set another.
    let work_account = move |managed_apple_account: Option<String>| {
        managed_apple_account.or_else(|| session.user().map(|user| user.email.to_string()))
    };
    let retry_link = Callback::new(move |()| link_error.set(None));
    let download_again = Callback::new(move |()| {
        link_error.set(None);
        dispatch.run(Event::DownloadAgain);
    });
    let enroll_again = Callback::new(move |()| {
        link_error.set(None);
        dispatch.run(Event::EnrollAgain);
    });
    let elapsed = Callback::new(move |()| {
        dispatch.run(Event::InstallWindowElapsed);
        // The server has the last word (the device may have made it).
        refetch();
    });

    let view_of = move |step: Step| {
        match step {
            Step::CheckDevice => {
                let error = rules
                    .get()
                    .and_then(Result::err)
                    .or_else(|| current.get().and_then(Result::err));
                match error {
                    Some(error) if error.is_not_signed_in() => {
                        view! { <Loading label=t!("enroll-to-sign-in") /> }.into_any()
                    }
                    Some(error) => view! {
                        <h1 tabindex="-1">{t!("enroll-heading")}</h1>
                        <ErrorPanel error title=t!("enroll-load-failed") on_retry=retry_loading />
                    }
                    .into_any(),
                    None => view! {
                        <h1 tabindex="-1">{t!("enroll-heading")}</h1>
                        <Loading label=t!("enroll-checking") />
                    }
                    .into_any(),
                }
            }
            Step::WrongBrowser {
                device,
                in_app,
                web_clip,
                can_open_in_safari,
                browser_name,
            } => view! {
                <WrongBrowserScreen
                    device
                    in_app
                    web_clip
                    can_open_in_safari
                    browser_name
                    enroll_url=enroll_url()
                />
            }
            .into_any(),
            Step::NotSetUp => {
                let support = organization
                    .state()
                    .and_then(Result::ok)
                    .map(|organization| organization.support);
                view! { <NotSetUpScreen org=org() support /> }.into_any()
            }
            Step::NotAppleMobile => {
                view! { <NotAppleMobileScreen enroll_url=enroll_url() /> }.into_any()
            }
            Step::DeviceNotAllowed { device } => {
                view! { <DeviceNotAllowedScreen device org=org() /> }.into_any()
            }
            Step::UpdateOs {
                device,
                minimum,
                maximum,
                current,
            } => view! { <UpdateOsScreen device minimum maximum current org=org() /> }.into_any(),
            Step::DeviceLimitReached { limit } => {
                view! { <DeviceLimitReachedScreen limit org=org() /> }.into_any()
            }
            Step::ChooseOwnership { .. } => {
                view! { <ChooseOwnershipScreen org=org() on_choose=choose /> }.into_any()
            }
            Step::ChooseEnrollmentType { back_to, .. } => {
                let on_back = back_to.is_some().then_some(back);
                view! { <ChooseEnrollmentTypeScreen org=org() on_choose=choose_type on_back /> }
                    .into_any()
            }
            Step::SignInToWorkAccount {
                managed_apple_account,
                legacy_user_enrollment,
                back_to,
            } => {
                let on_back = back_to.is_some().then_some(back);
                let on_download_instead = legacy_user_enrollment.then_some(download_instead);
                let account = work_account(managed_apple_account);
                view! {
                    <SignInToWorkAccountScreen org=org() account on_back on_download_instead />
                }
                .into_any()
            }
            Step::Privacy {
                ownership,
                enrollment_type,
                back_to,
            } => {
                let chosen = back_to.is_some();
                let user_enrollment = enrollment_type == EnrollmentType::UserEnrollment;
                // The account iOS asks for while installing a user
                // enrollment's profile.
                let account = user_enrollment
                    .then(|| {
                        work_account(
                            rules
                                .get_untracked()
                                .and_then(Result::ok)
                                .and_then(|rules| rules.managed_apple_account),
                        )
                    })
                    .flatten();
                view! {
            <PrivacyScreen
                org=org()
                ownership
                user_enrollment
                account
                privacy_url=privacy_url()
                message=organization
                    .state()
                    .and_then(Result::ok)
                    .and_then(|organization| organization.privacy_message(ownership).map(str::to_owned))
                can_go_back=chosen
                pending=start_pending
                error=start_error
                on_continue=start
                on_back=back
            />
        }
        .into_any()
            }
            Step::Download { link, notice, .. } => {
                let platform = platform.get_value();
                let hand_off = platform.web_clip.then_some(HandOff {
                    can_open_in_safari: platform.supports_open_in_safari_scheme(),
                });
                view! {
                    <DownloadScreen
                        link=link.map(|link| link.url)
                        notice
                        error=link_error
                        on_retry=retry_link
                        hand_off
                    />
                }
                .into_any()
            }
            Step::Install {
                deadline,
                installing,
                notice,
                ..
            } => view! {
                <InstallScreen
                    device=device()
                    deadline
                    installing
                    notice
                    clock_offset_ms=clock_offset
                    on_elapsed=elapsed
                    on_download_again=download_again
                />
            }
            .into_any(),
            Step::Expired { .. } => view! {
                <ExpiredScreen window_minutes=window_minutes() on_enroll_again=enroll_again />
            }
            .into_any(),
            Step::Rejected { problem, .. } => view! {
                <RejectedScreen
                    device=device()
                    problem
                    org=org()
                    on_enroll_again=enroll_again
                    on_download_again=download_again
                />
            }
            .into_any(),
            Step::Enrolled { .. } => {
                let managed_web_clip = organization
                    .state()
                    .and_then(Result::ok)
                    .is_some_and(|organization| organization.managed_web_clip);
                let home_screen = if platform.get_value().web_clip {
                    HomeScreen::AlreadyThere
                } else if managed_web_clip {
                    HomeScreen::OrganizationAddsIt
                } else {
                    HomeScreen::AddItYourself
                };
                view! { <EnrolledScreen device=device() org=org() home_screen /> }.into_any()
            }
        }
    };

    view! {
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || arrived.get()}
        </p>
        <Show when=move || !online.get()>
            <p class="actions-offline-note">{t!("enroll-offline")}</p>
        </Show>
        // A disabled fieldset turns off every button of the step at once.
        <fieldset
            class="enroll-step"
            data-step=move || screen.with(Step::name)
            disabled=move || !online.get()
            aria-busy=move || screen.with(|step| *step == Step::CheckDevice).to_string()
        >
            {move || view_of(screen.get())}
        </fieldset>
    }
}
