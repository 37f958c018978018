//! The device checked in and was refused: what went wrong, per problem
//! code, and the way forward.

use leptos::prelude::*;
use portal_api::{DeviceKind, EnrollmentProblem, EnrollmentProblemCode};

use super::update_os::UpdateSteps;
use crate::enrollment_flow::{device_name, os_name};
use crate::t;

/// The screen's heading for the problem.
fn heading(code: EnrollmentProblemCode, os: &str, device: &str) -> String {
    use EnrollmentProblemCode as Code;
    match code {
        Code::OsTooOld => t!("enroll-update-os-heading-too-old", os = os),
        Code::OsTooNew => t!("enroll-update-os-heading-too-new", os = os),
        Code::DeviceNotAllowed => t!("enroll-device-not-allowed-heading", device = device),
        Code::DeviceLimitReached => t!("enroll-limit-heading"),
        Code::ProfileAlreadyUsed | Code::ProfileReplaced | Code::ProfileExpired => {
            t!("enroll-rejected-heading-profile")
        }
        Code::Other => t!("enroll-rejected-heading-other", device = device),
    }
}

/// What went wrong, and what to do about it.
fn lead(code: EnrollmentProblemCode, os: &str, org: &str) -> String {
    use EnrollmentProblemCode as Code;
    match code {
        Code::OsTooOld => t!("enroll-rejected-os-too-old", org = org, os = os),
        Code::OsTooNew => t!("enroll-rejected-os-too-new", org = org, os = os),
        Code::DeviceNotAllowed => t!("enroll-rejected-device-not-allowed", org = org),
        Code::DeviceLimitReached => t!("enroll-rejected-device-limit-reached"),
        Code::ProfileAlreadyUsed => t!("enroll-rejected-profile-already-used"),
        Code::ProfileReplaced => t!("enroll-rejected-profile-replaced"),
        Code::ProfileExpired => t!("enroll-rejected-profile-expired"),
        Code::Other => t!("enroll-rejected-other"),
    }
}

#[component]
pub fn RejectedScreen(
    device: DeviceKind,
    problem: EnrollmentProblem,
    #[prop(into)] org: String,
    on_enroll_again: Callback<()>,
    on_download_again: Callback<()>,
) -> impl IntoView {
    use EnrollmentProblemCode as Code;
    let code = problem.code;
    let os = os_name(device);
    let details = (!problem.message.trim().is_empty()).then(|| problem.message.clone());
    let primary = |label: String, action: Callback<()>| {
        view! {
            <button
                type="button"
                class="button button-primary button-block"
                on:click=move |_| action.run(())
            >
                {label}
            </button>
        }
    };
    let way_forward = match code {
        Code::OsTooOld => view! {
            <UpdateSteps />
            {primary(t!("enroll-again-button"), on_enroll_again)}
        }
        .into_any(),
        Code::DeviceLimitReached => view! {
            <p>
                <a class="button button-secondary button-block" href="/devices">
                    {t!("enroll-go-to-my-devices")}
                </a>
            </p>
            {primary(t!("enroll-again-button"), on_enroll_again)}
        }
        .into_any(),
        Code::ProfileAlreadyUsed | Code::ProfileReplaced | Code::ProfileExpired => {
            primary(t!("enroll-download-again-button"), on_download_again).into_any()
        }
        Code::OsTooNew | Code::DeviceNotAllowed => view! {
            <p class="standalone-link">
                <a href="/help">{t!("enroll-contact-help-desk")}</a>
            </p>
        }
        .into_any(),
        Code::Other => view! {
            {primary(t!("enroll-again-button"), on_enroll_again)}
            <p class="standalone-link">
                <a href="/help">{t!("enroll-contact-help-desk")}</a>
            </p>
        }
        .into_any(),
    };
    view! {
        <h1 tabindex="-1">{heading(code, os, device_name(device))}</h1>
        <p class="lead">{lead(code, os, &org)}</p>
        {details
            .map(|message| {
                view! { <p class="problem-details">{t!("enroll-rejected-details", details = message)}</p> }
            })}
        {way_forward}
    }
}
