//! Done: the device is managed. What happens next, and the way to
//! **My devices**.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::enrollment_flow::device_name;
use crate::t;

#[component]
pub fn EnrolledScreen(device: DeviceKind, #[prop(into)] org: String) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{t!("enroll-enrolled-heading")}</h1>
        <p class="lead">{t!("enroll-enrolled-lead", device = device_name(device), org = org)}</p>
        <h2>{t!("enroll-what-happens-next")}</h2>
        <ol class="steps">
            <li>{t!("enroll-enrolled-wait")}</li>
            <li>{t!("enroll-enrolled-first-app")}</li>
            <li>{t!("enroll-enrolled-apps-arrive")}</li>
        </ol>
        <p>
            <a class="button button-primary button-block" href="/devices">
                {t!("enroll-go-to-my-devices")}
            </a>
        </p>
    }
}
