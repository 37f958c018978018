//! Install the profile in Settings: illustrated steps for this device, the
//! time left before iOS deletes the download, and **Download again**.

use leptos::prelude::*;
use portal_api::{DeviceKind, EnrollmentProblem};

use crate::components::countdown::Countdown;
use crate::enrollment_flow::device_name;

use super::problem_notice;

mod copy {
    pub const HEADING: &str = "Install the profile in Settings";
    pub const LEAD: &str = "The profile is on your device. Install it in the Settings app before \
                            the time runs out.";
    pub const INSTALLING: &str = "Your device has started installing the profile. Finish the \
                                  steps in Settings; this page updates by itself.";
    pub const STEPS_TITLE: &str = "How to install it";
    pub const STEP_SETTINGS: &str = "Open the Settings app.";
    pub const STEP_PROFILE: &str = "Tap Profile Downloaded, near the top.";
    pub const STEP_PROFILE_ELSEWHERE: &str =
        "Don't see it? Go to General > VPN & Device Management and tap the profile.";

    pub fn step_install(device: &str) -> String {
        format!("Tap Install, then enter your {device} passcode.")
    }

    pub const STEP_CONFIRM: &str = "Tap Install again to confirm, then Trust.";
    pub const STEP_DONE: &str = "Tap Done and come back to Safari. This page updates by itself.";
    pub const AGAIN_TITLE: &str = "Tapped Ignore, or can't find the profile?";
    pub const AGAIN: &str = "Download it again. The new download replaces the old one.";
    pub const DOWNLOAD_AGAIN: &str = "Download again";
}

/// One illustrated step: a numbered marker and, where it helps, what the
/// screen shows (a row or button drawn in CSS).
fn step(text: String, shows: Option<&'static str>) -> impl IntoView {
    view! {
        <li class="install-step">
            <span class="install-step-text">{text}</span>
            {shows
                .map(|label| {
                    view! {
                        <span class="ios-mock" aria-hidden="true">
                            <span class="ios-mock-row">{label}</span>
                        </span>
                    }
                })}
        </li>
    }
}

#[component]
pub fn InstallScreen(
    device: DeviceKind,
    /// When iOS deletes the download (server clock, seconds).
    deadline: i64,
    /// The device has started checking in.
    installing: bool,
    notice: Option<EnrollmentProblem>,
    #[prop(into)] clock_offset_ms: Signal<f64>,
    on_elapsed: Callback<()>,
    on_download_again: Callback<()>,
) -> impl IntoView {
    let name = device_name(device);
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::LEAD}</p>
        // Once the device has started installing, the deadline no longer matters.
        {(!installing)
            .then(|| {
                view! {
                    <Countdown deadline=deadline clock_offset_ms=clock_offset_ms on_elapsed=on_elapsed />
                }
            })}
        <p class="install-status" role="status" aria-live="polite">
            {installing.then_some(copy::INSTALLING)}
        </p>
        {notice.map(|notice| problem_notice(&notice))}
        <h2>{copy::STEPS_TITLE}</h2>
        <ol class="install-steps">
            {step(copy::STEP_SETTINGS.to_owned(), Some("Settings"))}
            {step(copy::STEP_PROFILE.to_owned(), Some("Profile Downloaded"))}
            <li class="install-step install-step-aside">
                <span class="install-step-text">{copy::STEP_PROFILE_ELSEWHERE}</span>
            </li>
            {step(copy::step_install(name), Some("Install"))}
            {step(copy::STEP_CONFIRM.to_owned(), Some("Trust"))}
            {step(copy::STEP_DONE.to_owned(), None)}
        </ol>
        <section class="download-again" aria-labelledby="download-again-heading">
            <h2 id="download-again-heading">{copy::AGAIN_TITLE}</h2>
            <p>{copy::AGAIN}</p>
            <button
                type="button"
                class="button button-secondary button-block"
                on:click=move |_| on_download_again.run(())
            >
                {copy::DOWNLOAD_AGAIN}
            </button>
        </section>
    }
}
