//! **Notifications** (`/notifications`): the results of remote locks,
//! status checks and removals, newest first, kept by the server so they are
//! still there after a reload.

use leptos::prelude::*;
use portal_api::{Notification, NotificationKind};

use crate::api;
use crate::components::device_list::device_href;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::{redirect_if_session_expired, RequireSignIn};
use crate::components::time::{now_unix_seconds, RelativeTime};
use crate::context::reload;
use crate::i18n::{self, Language};
use crate::start;
use crate::t;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <PageTitle page=t!("notifications-heading") />
        <h1 tabindex="-1">{t!("notifications-heading")}</h1>
        <RequireSignIn>
            <YourNotifications />
        </RequireSignIn>
    }
}

/// The notifications, asked for once someone is signed in (unless the page
/// came with them).
#[component]
fn YourNotifications() -> impl IntoView {
    let notifications = start::seeded_resource(start::take_notifications(), api::notifications);
    redirect_if_session_expired(notifications);
    let loading = move || notifications.with(Option::is_none);

    view! {
            <div class="notifications" aria-busy=move || if loading() { "true" } else { "false" }>
                {move || match notifications.get() {
                    None => view! { <Loading label=t!("notifications-loading") /> }.into_any(),
                    Some(Ok(list)) => {
                        view! { <NotificationList notifications=list.notifications /> }.into_any()
                    }
                    Some(Err(error)) if error.is_not_signed_in() => {
                        view! { <Loading label=t!("taking-you-to-sign-in") /> }.into_any()
                    }
                    Some(Err(error)) => {
                        view! {
                            <ErrorPanel
                                error
                                title=t!("notifications-load-failed")
                                on_retry=Callback::new(move |()| reload(notifications))
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
    }
}

/// The notifications, newest first (whatever order they came in).
#[component]
pub fn NotificationList(
    mut notifications: Vec<Notification>,
    /// "Now" in seconds since the Unix epoch; defaults to the browser's clock.
    #[prop(optional)]
    now: Option<i64>,
) -> impl IntoView {
    if notifications.is_empty() {
        return view! { <p class="empty-state">{t!("notifications-none")}</p> }.into_any();
    }
    let now = now.unwrap_or_else(now_unix_seconds);
    notifications.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    view! {
        <ul class="notification-list">
            {notifications
                .into_iter()
                .map(|notification| {
                    view! {
                        <li class="notification">
                            <p class="notification-message">{notification_text(&notification)}</p>
                            <p class="notification-meta">
                                <a href=device_href(&notification.device_id)>
                                    {notification.device_name}
                                </a>
                                " · "
                                <RelativeTime at=notification.created_at now />
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// What happened. The server writes each notification in English, with
/// details (the device's reason for a failure, the number of issues); in
/// another language the app says what happened, by kind, in that language.
fn notification_text(notification: &Notification) -> String {
    if i18n::current_language_untracked() == Language::SOURCE {
        return notification.message.clone();
    }
    let name = notification.device_name.as_str();
    match notification.kind {
        NotificationKind::RemoteLockSucceeded => {
            t!("notification-remote-lock-succeeded", name = name)
        }
        NotificationKind::RemoteLockFailed => t!("notification-remote-lock-failed", name = name),
        NotificationKind::StatusCheckFinished => {
            t!("notification-status-check-finished", name = name)
        }
        NotificationKind::StatusCheckTimedOut => {
            t!("notification-status-check-timed-out", name = name)
        }
        NotificationKind::RemovalFinished => t!("notification-removal-finished", name = name),
        NotificationKind::RemovalTimedOut => t!("notification-removal-timed-out", name = name),
        NotificationKind::Other => notification.message.clone(),
    }
}
