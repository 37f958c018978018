//! The device cards of **My devices**, and its empty state.

use leptos::prelude::*;
use portal_api::DeviceSummary;

use crate::format::{
    compliance_class, compliance_words, enrollment_words, os_name, ownership_words, relative_time,
    rfc3339_utc,
};

/// The person's devices as cards, or [`NoDevices`] when there are none.
#[component]
pub fn DeviceList(
    devices: Vec<DeviceSummary>,
    /// "Now" in seconds since the Unix epoch, for "5 minutes ago"; defaults
    /// to the browser's clock.
    #[prop(optional)]
    now: Option<i64>,
) -> impl IntoView {
    if devices.is_empty() {
        return view! { <NoDevices /> }.into_any();
    }
    let now = now.unwrap_or_else(now_unix_seconds);
    let count = devices.len();
    view! {
        <p class="device-count">
            {if count == 1 { "1 device".to_owned() } else { format!("{count} devices") }}
        </p>
        <ul class="device-list">
            {devices
                .into_iter()
                .map(|device| view! { <DeviceCard device=device now=now /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// One device: name, model, OS version, ownership, enrollment type,
/// compliance and last check-in.
#[component]
fn DeviceCard(device: DeviceSummary, now: i64) -> impl IntoView {
    let os_label = format!("{} version", os_name(&device.model));
    let os_version = device
        .os_version
        .clone()
        .unwrap_or_else(|| "Not reported yet".to_owned());
    let last_check_in = match device.last_check_in_at {
        Some(at) => view! {
            <time datetime=rfc3339_utc(at) title=exact_time_label(at)>
                {relative_time(at, now)}
            </time>
        }
        .into_any(),
        None => "Not yet".into_any(),
    };
    let compliance_class = format!("compliance {}", compliance_class(device.compliance));

    view! {
        <li class="device-card">
            <h2 class="device-name">{device.display_name}</h2>
            <dl class="device-facts">
                <div>
                    <dt>"Model"</dt>
                    <dd>{device.model}</dd>
                </div>
                <div>
                    <dt>{os_label}</dt>
                    <dd>{os_version}</dd>
                </div>
                <div>
                    <dt>"Ownership"</dt>
                    <dd>{ownership_words(device.ownership)}</dd>
                </div>
                <div>
                    <dt>"Enrollment"</dt>
                    <dd>{enrollment_words(device.enrollment_type)}</dd>
                </div>
                <div>
                    <dt>"Compliance"</dt>
                    <dd>
                        <span class=compliance_class>{compliance_words(device.compliance)}</span>
                    </dd>
                </div>
                <div>
                    <dt>"Last check-in"</dt>
                    <dd>{last_check_in}</dd>
                </div>
            </dl>
        </li>
    }
}

/// The empty state of **My devices**: what to do next, and the way to do it.
#[component]
pub fn NoDevices() -> impl IntoView {
    view! {
        <section class="empty-state" aria-labelledby="no-devices-heading">
            <h2 id="no-devices-heading">"No devices yet"</h2>
            <p>
                "Enroll the iPhone or iPad you're holding to get your work apps and email on it. "
                "Do it in Safari on that device; it takes a few minutes."
            </p>
            <a class="button button-primary" href="/enroll">
                "Enroll this device"
            </a>
        </section>
    }
}

fn now_unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The exact time in the person's own time zone and language, for the
/// tooltip of "5 minutes ago", e.g. "14 Nov 2023, 22:13".
///
/// Uses the browser's default locale (`Intl.DateTimeFormat` with no
/// locales), never `navigator.language`, which can be something `Intl`
/// rejects (WebKit under `LANG=C` reports "C"). Falls back to the UTC time.
fn exact_time_label(unix_seconds: i64) -> String {
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
