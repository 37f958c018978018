//! At the device limit: remove a device in **My devices** first.

use leptos::prelude::*;

mod copy {
    pub const HEADING: &str = "You've reached your device limit";

    pub fn lead(org: &str, limit: u32) -> String {
        let devices = if limit == 1 { "1 device" } else { "devices" };
        if limit == 1 {
            format!("{org} lets you enroll {devices}, and you have one already.")
        } else {
            format!("{org} lets you enroll up to {limit} {devices}, and you have {limit} already.")
        }
    }

    pub const WHAT_TO_DO: &str =
        "Remove a device you no longer use in My devices, then come back to this page.";
    pub const MY_DEVICES: &str = "Go to My devices";
}

#[component]
pub fn DeviceLimitReachedScreen(limit: u32, #[prop(into)] org: String) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::lead(&org, limit)}</p>
        <p>{copy::WHAT_TO_DO}</p>
        <p>
            <a class="button button-primary button-block" href="/devices">
                {copy::MY_DEVICES}
            </a>
        </p>
    }
}
