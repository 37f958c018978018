//! **Notifications** (`/notifications`): the results of remote locks,
//! status checks and removals, newest first, kept by the server so they are
//! still there after a reload.

use leptos::prelude::*;
use portal_api::{ComplianceState, Notification, NotificationDetails, NotificationKind};

use crate::api;
use crate::components::device_list::device_href;
use crate::components::loaded_list::LoadedList;
use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::RequireSignIn;
use crate::components::time::{now_unix_seconds, RelativeTime};
use crate::format::{command_failure_words, duration_words, rule_words};
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
    view! {
        <LoadedList
            answer=notifications
            class="notifications"
            loading_label=t!("notifications-loading")
            failed_title=t!("notifications-load-failed")
            list=|list: portal_api::NotificationList| {
                view! { <NotificationList notifications=list.notifications /> }
            }
        />
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

/// What happened, in the person's language: the words by kind, with the
/// details the server recorded (why the device refused, what the status
/// check found, how long a removal waited).
pub fn notification_text(notification: &Notification) -> String {
    let Some(details) = &notification.details else {
        return text_without_details(notification);
    };
    let name = notification.device_name.as_str();
    let reason = || {
        details
            .failure
            .as_ref()
            .map_or_else(|| t!("command-failure-no-reason"), command_failure_words)
    };
    match notification.kind {
        NotificationKind::RemoteLockSucceeded => {
            t!("notification-remote-lock-succeeded", name = name)
        }
        NotificationKind::RemoteLockFailed => t!(
            "notification-remote-lock-failed-because",
            name = name,
            reason = reason()
        ),
        NotificationKind::CheckStatusFinished => check_status_text(name, details),
        NotificationKind::CheckStatusFailed => t!(
            "notification-check-status-failed",
            name = name,
            reason = reason()
        ),
        NotificationKind::CheckStatusTimedOut => {
            t!("notification-check-status-timed-out", name = name)
        }
        NotificationKind::RemoveFinished => t!("notification-remove-finished", name = name),
        NotificationKind::RemoveFailed => {
            t!("notification-remove-failed", name = name, reason = reason())
        }
        NotificationKind::RemoveTimedOut => match details.waited_seconds {
            Some(seconds) => t!(
                "notification-remove-timed-out-after",
                name = name,
                period = duration_words(seconds)
            ),
            None => t!("notification-remove-timed-out", name = name),
        },
        NotificationKind::Other => notification.message.clone(),
    }
}

/// A status check's result: meets the requirements, or which rules fail.
fn check_status_text(name: &str, details: &NotificationDetails) -> String {
    match details.compliance {
        Some(ComplianceState::Compliant) => t!("notification-check-status-compliant", name = name),
        Some(ComplianceState::InGracePeriod | ComplianceState::NotCompliant)
            if !details.failing_rules.is_empty() =>
        {
            let rules: Vec<String> = details
                .failing_rules
                .iter()
                .copied()
                .map(rule_words)
                .collect();
            t!(
                "notification-check-status-issues",
                name = name,
                count = rules.len(),
                rules = crate::i18n::intl::list(&rules)
            )
        }
        _ => t!("notification-check-status-finished", name = name),
    }
}

/// A notification kept before the server recorded details: its English
/// sentence in English; in another language what happened, by kind.
fn text_without_details(notification: &Notification) -> String {
    if i18n::current_language_untracked() == Language::SOURCE {
        return notification.message.clone();
    }
    let name = notification.device_name.as_str();
    match notification.kind {
        NotificationKind::RemoteLockSucceeded => {
            t!("notification-remote-lock-succeeded", name = name)
        }
        NotificationKind::RemoteLockFailed => t!("notification-remote-lock-failed", name = name),
        NotificationKind::CheckStatusFinished => {
            t!("notification-check-status-finished", name = name)
        }
        NotificationKind::CheckStatusTimedOut => {
            t!("notification-check-status-timed-out", name = name)
        }
        NotificationKind::RemoveFinished => t!("notification-remove-finished", name = name),
        NotificationKind::RemoveTimedOut => t!("notification-remove-timed-out", name = name),
        // Kinds that always come with details, and kinds this app does not
        // know: the server's words.
        NotificationKind::CheckStatusFailed
        | NotificationKind::RemoveFailed
        | NotificationKind::Other => notification.message.clone(),
    }
}

#[cfg(test)]
mod tests {
    use portal_api::{CommandFailure, CommandFailureReason, ComplianceRule, DeviceId};

    use super::*;
    use crate::i18n::testing::in_language;

    fn notification(kind: NotificationKind, details: Option<NotificationDetails>) -> Notification {
        Notification {
            id: 1,
            kind,
            device_name: "Alex's iPhone".into(),
            device_id: DeviceId("d1".into()),
            message: "The server's English sentence.".into(),
            details,
            created_at: 1_700_000_000,
        }
    }

    fn failed(device_says: Option<&str>) -> Option<NotificationDetails> {
        Some(NotificationDetails {
            failure: Some(CommandFailure {
                reason: CommandFailureReason::DeviceError,
                device_says: device_says.map(str::to_owned),
            }),
            ..NotificationDetails::default()
        })
    }

    #[test]
    fn a_failed_lock_says_why_in_every_language() {
        let with_words = notification(
            NotificationKind::RemoteLockFailed,
            failed(Some("No passcode is set.")),
        );
        assert_eq!(
            notification_text(&with_words),
            "Remote lock of Alex's iPhone failed: No passcode is set."
        );
        let without_words = notification(NotificationKind::RemoteLockFailed, failed(None));
        in_language(Language::German, || {
            assert_eq!(
                notification_text(&with_words),
                "Fernsperre von Alex's iPhone fehlgeschlagen: No passcode is set."
            );
            assert_eq!(
                notification_text(&without_words),
                "Fernsperre von Alex's iPhone fehlgeschlagen: Das Gerät hat keinen Grund genannt."
            );
        });
    }

    #[test]
    fn a_status_check_names_what_it_found() {
        let compliant = notification(
            NotificationKind::CheckStatusFinished,
            Some(NotificationDetails {
                compliance: Some(ComplianceState::Compliant),
                ..NotificationDetails::default()
            }),
        );
        assert_eq!(
            notification_text(&compliant),
            "Check status done: Alex's iPhone meets your organization's requirements."
        );
        let failing = notification(
            NotificationKind::CheckStatusFinished,
            Some(NotificationDetails {
                compliance: Some(ComplianceState::InGracePeriod),
                failing_rules: vec![
                    ComplianceRule::MinimumOsVersion,
                    ComplianceRule::PasscodeRequired,
                ],
                ..NotificationDetails::default()
            }),
        );
        assert_eq!(
            notification_text(&failing),
            "Check status done: Alex's iPhone has 2 issues to fix: Software update needed, \
             Passcode needed. Open it in My devices to see what to do."
        );
        in_language(Language::German, || {
            assert!(notification_text(&failing).contains(
                "sind 2 Punkte zu beheben: Softwareupdate erforderlich, Code erforderlich"
            ));
        });
    }

    #[test]
    fn a_removal_that_timed_out_says_how_long_the_portal_waited() {
        let timed_out = notification(
            NotificationKind::RemoveTimedOut,
            Some(NotificationDetails {
                waited_seconds: Some(7 * 24 * 60 * 60),
                ..NotificationDetails::default()
            }),
        );
        assert!(notification_text(&timed_out)
            .starts_with("Alex's iPhone didn't answer within 7 days, so it was removed"));
        in_language(Language::Japanese, || {
            assert!(notification_text(&timed_out).contains("7日以内に"));
        });
    }

    #[test]
    fn every_kind_with_details_has_words_of_its_own_in_every_language() {
        let kinds = [
            NotificationKind::RemoteLockSucceeded,
            NotificationKind::RemoteLockFailed,
            NotificationKind::CheckStatusFinished,
            NotificationKind::CheckStatusFailed,
            NotificationKind::CheckStatusTimedOut,
            NotificationKind::RemoveFinished,
            NotificationKind::RemoveFailed,
            NotificationKind::RemoveTimedOut,
        ];
        for language in Language::ALL {
            in_language(language, || {
                for kind in kinds {
                    let text = notification_text(&notification(kind, failed(None)));
                    assert_ne!(text, "The server's English sentence.", "{kind:?}");
                    assert!(!text.contains("notification-"), "{language:?}: {text}");
                    assert!(!text.contains('{'), "{language:?}: {text}");
                }
            });
        }
    }

    #[test]
    fn a_notification_kept_before_details_reads_as_it_did() {
        let old = notification(NotificationKind::CheckStatusFinished, None);
        assert_eq!(notification_text(&old), "The server's English sentence.");
        in_language(Language::German, || {
            assert_eq!(
                notification_text(&old),
                "Statusprüfung für Alex's iPhone abgeschlossen. Öffnen Sie das Gerät, um das \
                 Ergebnis zu sehen."
            );
        });
        // A kind from a newer server: its English sentence.
        let newer = notification(NotificationKind::Other, failed(None));
        in_language(Language::German, || {
            assert_eq!(notification_text(&newer), "The server's English sentence.");
        });
    }
}
