//! The device checked in and was refused: what went wrong, per problem
//! code, and the way forward.

use leptos::prelude::*;
use portal_api::{DeviceKind, EnrollmentProblem, EnrollmentProblemCode};

use super::update_os::UpdateSteps;
use crate::enrollment_flow::{device_name, os_name};

mod copy {
    pub fn heading(code: super::EnrollmentProblemCode, os: &str, device: &str) -> String {
        use super::EnrollmentProblemCode as Code;
        match code {
            Code::OsTooOld => format!("Update {os} first"),
            Code::OsTooNew => format!("This {os} version can't be enrolled yet"),
            Code::DeviceNotAllowed => format!("This {device} can't be enrolled"),
            Code::DeviceLimitReached => "You've reached your device limit".to_owned(),
            Code::ProfileAlreadyUsed | Code::ProfileReplaced | Code::ProfileExpired => {
                "That profile can't be used".to_owned()
            }
            Code::Other => format!("Your {device} couldn't be enrolled"),
        }
    }

    pub fn lead(code: super::EnrollmentProblemCode, os: &str, org: &str) -> String {
        use super::EnrollmentProblemCode as Code;
        match code {
            Code::OsTooOld => format!("{org} needs a newer {os} version than this device has."),
            Code::OsTooNew => format!(
                "{org} doesn't allow this {os} version yet. Ask your help desk when it will."
            ),
            Code::DeviceNotAllowed => format!("{org} doesn't allow enrolling this kind of device."),
            Code::DeviceLimitReached => {
                "You have as many devices as you're allowed. Remove one you no longer use in My \
                 devices, then enroll again."
                    .to_owned()
            }
            Code::ProfileAlreadyUsed => {
                "That profile was installed already. Download a fresh one.".to_owned()
            }
            Code::ProfileReplaced => {
                "A newer download replaced that profile. Remove the old one in Settings > General \
                 > VPN & Device Management, then download a fresh one."
                    .to_owned()
            }
            Code::ProfileExpired => {
                "That profile was installed too late. Download a fresh one and install it right \
                 away."
                    .to_owned()
            }
            Code::Other => {
                "Something stopped the enrollment. Try again, or ask your help desk.".to_owned()
            }
        }
    }

    pub const ENROLL_AGAIN: &str = "Enroll again";
    pub const DOWNLOAD_AGAIN: &str = "Download again";
    pub const MY_DEVICES: &str = "Go to My devices";
    pub const HELP: &str = "Contact your help desk";
    pub const SERVER_SAYS: &str = "Details: ";
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
    let primary = |label: &'static str, action: Callback<()>| {
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
            {primary(copy::ENROLL_AGAIN, on_enroll_again)}
        }
        .into_any(),
        Code::DeviceLimitReached => view! {
            <p>
                <a class="button button-secondary button-block" href="/devices">
                    {copy::MY_DEVICES}
                </a>
            </p>
            {primary(copy::ENROLL_AGAIN, on_enroll_again)}
        }
        .into_any(),
        Code::ProfileAlreadyUsed | Code::ProfileReplaced | Code::ProfileExpired => {
            primary(copy::DOWNLOAD_AGAIN, on_download_again).into_any()
        }
        Code::OsTooNew | Code::DeviceNotAllowed => view! {
            <p class="standalone-link">
                <a href="/help">{copy::HELP}</a>
            </p>
        }
        .into_any(),
        Code::Other => view! {
            {primary(copy::ENROLL_AGAIN, on_enroll_again)}
            <p class="standalone-link">
                <a href="/help">{copy::HELP}</a>
            </p>
        }
        .into_any(),
    };
    view! {
        <h1 tabindex="-1">{copy::heading(code, os, device_name(device))}</h1>
        <p class="lead">{copy::lead(code, os, &org)}</p>
        {details.map(|message| view! { <p class="problem-details">{copy::SERVER_SAYS} {message}</p> })}
        {way_forward}
    }
}
