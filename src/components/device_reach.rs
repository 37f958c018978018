//! Whether the portal can reach a device, said honestly: a request only
//! arrives once Apple's push service wakes the device and it connects. When
//! something is wrong the device page says what, whose problem it is, and
//! what the person can do. Nothing shows while the device is reachable.

use leptos::prelude::*;
use portal_api::DeviceReach;

use crate::components::time::RelativeTime;
use crate::t;

/// The id of the reach notice (a polite live region).
pub const REACH_STATUS_ID: &str = "device-reach-status";

/// The notice for `reach`: a heading-like line, what it means, what to do.
/// Words and an icon-free class carry it, never colour alone.
#[component]
pub fn DeviceReachNotice(
    reach: DeviceReach,
    /// The device's last check-in (seconds since the epoch), if any.
    last_check_in_at: Option<i64>,
    /// "Now" on the server's clock (seconds since the epoch).
    now: i64,
) -> impl IntoView {
    let body = match reach {
        DeviceReach::Reachable | DeviceReach::Unknown => None,
        DeviceReach::NotConnecting => {
            let since = match last_check_in_at {
                Some(at) => view! {
                    <p>
                        {t!("device-reach-not-connecting-since")}" "
                        <RelativeTime at now />
                    </p>
                }
                .into_any(),
                None => view! { <p>{t!("device-reach-not-connecting-never")}</p> }.into_any(),
            };
            Some(view! {
                <p class="reach-title"><strong>{t!("device-reach-not-connecting-title")}</strong></p>
                {since}
                <p>{t!("device-reach-not-connecting-what-to-do")}</p>
                <p>{t!("device-reach-not-connecting-pending")}</p>
            }
            .into_any())
        }
        DeviceReach::PushFailing => Some(
            view! {
                <p class="reach-title"><strong>{t!("device-reach-push-failing-title")}</strong></p>
                <p>{t!("device-reach-push-failing-text")}</p>
                <p>{t!("device-reach-push-failing-what-to-do")}</p>
            }
            .into_any(),
        ),
        DeviceReach::Unregistered => Some(
            view! {
                <p class="reach-title"><strong>{t!("device-reach-unregistered-title")}</strong></p>
                <p>{t!("device-reach-unregistered-text")}</p>
                <p>{t!("device-reach-unregistered-what-to-do")}</p>
                <p>
                    <a class="button button-secondary" href="/enroll">
                        {t!("device-reach-enroll-again")}
                    </a>
                </p>
            }
            .into_any(),
        ),
    };
    let kind = match reach {
        DeviceReach::NotConnecting => "reach-not-connecting",
        DeviceReach::PushFailing => "reach-push-failing",
        DeviceReach::Unregistered => "reach-unregistered",
        DeviceReach::Reachable | DeviceReach::Unknown => "reach-ok",
    };
    view! {
        <div
            id=REACH_STATUS_ID
            class=format!("reach-notice {kind}")
            role="status"
            aria-live="polite"
            data-reach=kind
        >
            {body}
        </div>
    }
}
