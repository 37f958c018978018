//! A moment shown as people read it: "5 minutes ago" in a `<time>` whose
//! `datetime` is the exact UTC time and whose tooltip is the exact local time.

use leptos::prelude::*;

use crate::format::{relative_time, rfc3339_utc};

/// "5 minutes ago", with the exact time in `datetime` and `title`.
#[component]
pub fn RelativeTime(
    /// The moment, in seconds since the Unix epoch.
    at: i64,
    /// "Now" in seconds since the Unix epoch.
    now: i64,
) -> impl IntoView {
    view! {
        <time datetime=rfc3339_utc(at) title=exact_time_label(at)>
            {relative_time(at, now)}
        </time>
    }
}

/// An exact moment ("14 Nov 2023, 22:13") in a `<time>`, for deadlines
/// such as "can still access until …".
#[component]
pub fn ExactTime(at: i64) -> impl IntoView {
    view! { <time datetime=rfc3339_utc(at)>{exact_time_label(at)}</time> }
}

/// The browser's clock, in seconds since the Unix epoch.
pub fn now_unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The exact time in the person's own time zone and language, for the
/// tooltip of "5 minutes ago", e.g. "14 Nov 2023, 22:13".
///
/// Uses the browser's default locale (`Intl.DateTimeFormat` with no
/// locales), never `navigator.language`, which can be something `Intl`
/// rejects (WebKit under `LANG=C` reports "C"). Falls back to the UTC time.
pub fn exact_time_label(unix_seconds: i64) -> String {
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;

    let date = Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    let options = Object::new();
    let _ = Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = Reflect::set(&options, &"timeStyle".into(), &"short".into());
    Intl::DateTimeFormat::new(&Array::new(), &options)
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|label| label.as_string())
        .unwrap_or_else(|| rfc3339_utc(unix_seconds))
}
