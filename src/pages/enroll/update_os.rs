//! Update needed: the user agent's iOS/iPadOS version is outside what the
//! organization allows. Too old: how to update. Too new: whom to ask.

use leptos::prelude::*;
use portal_api::{DeviceKind, OsVersion};

use crate::enrollment_flow::{device_name, os_name};

mod copy {
    pub fn heading_too_old(os: &str) -> String {
        format!("Update {os} first")
    }

    pub fn heading_too_new(os: &str) -> String {
        format!("This {os} version can't be enrolled yet")
    }

    pub fn needs(device: &str, os: &str, current: &str, org: &str, minimum: &str) -> String {
        format!("This {device} has {os} {current}. {org} needs {os} {minimum} or later.")
    }

    pub fn too_new(device: &str, os: &str, current: &str, org: &str, maximum: &str) -> String {
        format!(
            "This {device} has {os} {current}, and {org} allows up to {os} {maximum} for now. \
             Ask your help desk when newer versions will be allowed."
        )
    }

    pub const HOW_TITLE: &str = "How to update";
    pub const STEP_SETTINGS: &str = "Open Settings, then General > Software Update.";
    pub const STEP_INSTALL: &str =
        "Tap Update Now (or Install Now) and wait for the device to restart.";
    pub const STEP_BACK: &str = "Open this page in Safari again to enroll.";
    pub const AFTER: &str = "Updated already?";
    pub const CHECK_AGAIN: &str = "Check again";
    pub const HELP: &str = "Help";
}

/// The steps of a software update, shared with the rejection screen.
#[component]
pub fn UpdateSteps() -> impl IntoView {
    view! {
        <h2>{copy::HOW_TITLE}</h2>
        <ol class="steps">
            <li>{copy::STEP_SETTINGS}</li>
            <li>{copy::STEP_INSTALL}</li>
            <li>{copy::STEP_BACK}</li>
        </ol>
    }
}

#[component]
pub fn UpdateOsScreen(
    device: DeviceKind,
    minimum: Option<OsVersion>,
    maximum: Option<OsVersion>,
    current: OsVersion,
    #[prop(into)] org: String,
) -> impl IntoView {
    let os = os_name(device);
    let name = device_name(device);
    let too_old = minimum.as_ref().is_some_and(|minimum| current < *minimum);
    if too_old {
        let minimum = minimum.map(|v| v.to_string()).unwrap_or_default();
        view! {
            <h1 tabindex="-1">{copy::heading_too_old(os)}</h1>
            <p class="lead">{copy::needs(name, os, &current.to_string(), &org, &minimum)}</p>
            <UpdateSteps />
            <p>
                {copy::AFTER} " "
                // A full reload, so the new version is read again.
                <a href="/enroll" rel="external">
                    {copy::CHECK_AGAIN}
                </a>
            </p>
        }
        .into_any()
    } else {
        let maximum = maximum.map(|v| v.to_string()).unwrap_or_default();
        view! {
            <h1 tabindex="-1">{copy::heading_too_new(os)}</h1>
            <p class="lead">{copy::too_new(name, os, &current.to_string(), &org, &maximum)}</p>
            <p class="standalone-link">
                <a href="/help">{copy::HELP}</a>
            </p>
        }
        .into_any()
    }
}
