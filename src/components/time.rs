//! A moment shown as people read it: "5 minutes ago" (in the current language) in a `<time>` whose
//! `datetime` is the exact UTC time and whose tooltip is the exact local time.

use leptos::prelude::*;

use crate::format::rfc3339_utc;
use crate::i18n::intl::{exact_time, relative_time};

/// "5 minutes ago", with the exact time in `datetime`, and in a tooltip
/// (`title`) once a pointer comes over it: the browser's first date format
/// costs a long task on a phone, which has no tooltips to show.
#[component]
pub fn RelativeTime(
    /// The moment, in seconds since the Unix epoch.
    at: i64,
    /// "Now" in seconds since the Unix epoch.
    now: i64,
) -> impl IntoView {
    let tooltip = RwSignal::new(None::<String>);
    let add_tooltip = move |_| {
        if tooltip.with_untracked(Option::is_none) {
            tooltip.set(Some(exact_time(at)));
        }
    };
    view! {
        <time datetime=rfc3339_utc(at) title=move || tooltip.get() on:pointerenter=add_tooltip>
            {relative_time(at, now)}
        </time>
    }
}

/// An exact moment ("14 Nov 2023, 22:13") in a `<time>`, for deadlines
/// such as "can still access until …".
#[component]
pub fn ExactTime(at: i64) -> impl IntoView {
    view! { <time datetime=rfc3339_utc(at)>{exact_time(at)}</time> }
}

/// The browser's clock, in seconds since the Unix epoch.
pub fn now_unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
