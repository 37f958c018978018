//! Install the profile in Settings: illustrated steps for this device, the
//! time left before iOS deletes the download, and **Download again**.

use leptos::prelude::*;
use portal_api::{DeviceKind, EnrollmentProblem};

use crate::components::countdown::Countdown;
use crate::t;
use enrollment_flow::device_name;

use super::problem_notice;

/// One illustrated step: a numbered marker and, where it helps, what the
/// screen shows (a row or button drawn in CSS).
fn step(text: String, shows: Option<String>) -> impl IntoView {
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
        <h1 tabindex="-1">{t!("enroll-install-heading")}</h1>
        <p class="lead">{t!("enroll-install-lead")}</p>
        // Once the device has started installing, the deadline no longer matters.
        {(!installing)
            .then(|| {
                view! {
                    <Countdown deadline=deadline clock_offset_ms=clock_offset_ms on_elapsed=on_elapsed />
                }
            })}
        <p class="install-status" role="status" aria-live="polite">
            {installing.then(|| t!("enroll-install-installing"))}
        </p>
        {notice.map(|notice| problem_notice(&notice))}
        <h2>{t!("enroll-install-steps-heading")}</h2>
        <ol class="install-steps">
            {step(t!("enroll-install-step-settings"), Some(t!("enroll-install-shows-settings")))}
            {step(t!("enroll-install-step-profile"), Some(t!("enroll-install-shows-profile")))}
            <li class="install-step install-step-aside">
                <span class="install-step-text">{t!("enroll-install-step-profile-elsewhere")}</span>
            </li>
            {step(t!("enroll-install-step-install", device = name), Some(t!("enroll-install-shows-install")))}
            {step(t!("enroll-install-step-confirm"), Some(t!("enroll-install-shows-trust")))}
            {step(t!("enroll-install-step-done"), None)}
        </ol>
        <section class="download-again" aria-labelledby="download-again-heading">
            <h2 id="download-again-heading">{t!("enroll-install-again-heading")}</h2>
            <p>{t!("enroll-install-again")}</p>
            <button
                type="button"
                class="button button-secondary button-block"
                on:click=move |_| on_download_again.run(())
            >
                {t!("enroll-download-again-button")}
            </button>
        </section>
    }
}
