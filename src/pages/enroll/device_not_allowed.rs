//! The organization does not allow this kind of device.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::t;
use enrollment_flow::device_name;

#[component]
pub fn DeviceNotAllowedScreen(device: DeviceKind, #[prop(into)] org: String) -> impl IntoView {
    let name = device_name(device);
    view! {
        <h1 tabindex="-1">{t!("enroll-device-not-allowed-heading", device = name)}</h1>
        <p class="lead">{t!("enroll-device-not-allowed-lead", org = org, device = name)}</p>
        <p class="standalone-link">
            <a href="/help">{t!("enroll-contact-help-desk")}</a>
        </p>
    }
}
