//! The organization does not allow this kind of device.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::enrollment_flow::device_name;

mod copy {
    pub fn heading(device: &str) -> String {
        format!("This {device} can't be enrolled")
    }

    pub fn lead(org: &str, device: &str) -> String {
        format!(
            "{org} doesn't allow enrolling an {device}. If you have another device for work, \
             open this page on it. Questions? Ask your help desk."
        )
    }

    pub const HELP: &str = "Contact your help desk";
}

#[component]
pub fn DeviceNotAllowedScreen(device: DeviceKind, #[prop(into)] org: String) -> impl IntoView {
    let name = device_name(device);
    view! {
        <h1 tabindex="-1">{copy::heading(name)}</h1>
        <p class="lead">{copy::lead(&org, name)}</p>
        <p class="standalone-link">
            <a href="/help">{copy::HELP}</a>
        </p>
    }
}
