//! Update needed: the user agent's iOS/iPadOS version is outside what the
//! organization allows. Too old: how to update. Too new: whom to ask.

use leptos::prelude::*;
use portal_api::{DeviceKind, OsVersion};

use crate::t;
use enrollment_flow::{device_name, os_name};

/// The steps of a software update, shared with the rejection screen.
#[component]
pub fn UpdateSteps() -> impl IntoView {
    view! {
        <h2>{t!("enroll-update-os-steps-heading")}</h2>
        <ol class="steps">
            <li>{t!("enroll-update-os-step-settings")}</li>
            <li>{t!("enroll-update-os-step-install")}</li>
            <li>{t!("enroll-update-os-step-back")}</li>
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
            <h1 tabindex="-1">{t!("enroll-update-os-heading-too-old", os = os)}</h1>
            <p class="lead">{t!(
                    "enroll-update-os-too-old-lead",
                    device = name,
                    os = os,
                    current = current.to_string(),
                    org = &org,
                    minimum = minimum,
                )}</p>
            <UpdateSteps />
            <p>
                {t!("enroll-update-os-updated-already")} " "
                // A full reload, so the new version is read again.
                <a href="/enroll" rel="external">
                    {t!("enroll-update-os-check-again")}
                </a>
            </p>
        }
        .into_any()
    } else {
        let maximum = maximum.map(|v| v.to_string()).unwrap_or_default();
        view! {
            <h1 tabindex="-1">{t!("enroll-update-os-heading-too-new", os = os)}</h1>
            <p class="lead">{t!(
                    "enroll-update-os-too-new-lead",
                    device = name,
                    os = os,
                    current = current.to_string(),
                    org = &org,
                    maximum = maximum,
                )}</p>
            <p class="standalone-link">
                <a href="/help">{t!("enroll-update-os-help")}</a>
            </p>
        }
        .into_any()
    }
}
