//! Done: the device is managed. What happens next, and the way to
//! **My devices**.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::enrollment_flow::device_name;

mod copy {
    pub const HEADING: &str = "You're all set";

    pub fn lead(device: &str, org: &str) -> String {
        format!("This {device} is now enrolled with {org}.")
    }

    pub const NEXT_TITLE: &str = "What happens next";
    pub const WAIT: &str = "Wait a few minutes before you sign in to work apps: your device is \
                            still getting its settings.";
    pub const FIRST_APP: &str = "Then open a work app, such as your work email, and sign in. \
                                 Start with that, not with a security app.";
    pub const APPS_ARRIVE: &str = "Apps your organization installs appear on your Home Screen \
                                   over the next few minutes.";
    pub const MY_DEVICES: &str = "Go to My devices";
}

#[component]
pub fn EnrolledScreen(device: DeviceKind, #[prop(into)] org: String) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::lead(device_name(device), &org)}</p>
        <h2>{copy::NEXT_TITLE}</h2>
        <ol class="steps">
            <li>{copy::WAIT}</li>
            <li>{copy::FIRST_APP}</li>
            <li>{copy::APPS_ARRIVE}</li>
        </ol>
        <p>
            <a class="button button-primary button-block" href="/devices">
                {copy::MY_DEVICES}
            </a>
        </p>
    }
}
