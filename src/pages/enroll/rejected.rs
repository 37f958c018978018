//! The device checked in and was refused: what went wrong, per problem
//! code, and the way forward.

use leptos::prelude::*;
use portal_api::{DeviceKind, EnrollmentProblem, EnrollmentProblemCode};

use super::update_os::UpdateSteps;
use crate::t;
use enrollment_flow::{device_name, os_name};

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
        Code::DeviceNotIdentified | Code::Other => {
            t!("enroll-rejected-heading-other", device = device)
        }
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
        Code::DeviceNotIdentified => {
            t!("enroll-rejected-device-not-identified", os = os, org = org)
        }
        Code::Other => t!("enroll-rejected-other"),
    }
}

/// What the problem's details add to the lead (the versions, the limit,
/// the install window), in the person's language. A problem recorded
/// before the server kept details has only its English explanation.
pub fn details_words(problem: &EnrollmentProblem, os: &str, org: &str) -> Option<String> {
    use EnrollmentProblemCode as Code;
    let Some(details) = &problem.details else {
        let message = problem.message.trim();
        return (!message.is_empty()).then(|| t!("enroll-rejected-details", details = message));
    };
    let version = details.os_version.as_ref().map(ToString::to_string);
    match problem.code {
        Code::OsTooOld => Some(t!(
            "enroll-rejected-details-os-too-old",
            os = os,
            version = version?,
            org = org,
            minimum = details.minimum_os_version.as_ref()?.to_string()
        )),
        Code::OsTooNew => Some(t!(
            "enroll-rejected-details-os-too-new",
            os = os,
            version = version?,
            org = org,
            maximum = details.maximum_os_version.as_ref()?.to_string()
        )),
        Code::DeviceLimitReached => details.device_limit.map(|limit| {
            t!(
                "enroll-rejected-details-device-limit",
                limit = limit,
                org = org
            )
        }),
        Code::ProfileExpired => details.install_window_seconds.map(|seconds| {
            t!(
                "enroll-rejected-details-profile-expired",
                minutes = seconds.div_ceil(60).max(1)
            )
        }),
        // The heading and the lead say it all.
        Code::DeviceNotAllowed
        | Code::ProfileAlreadyUsed
        | Code::ProfileReplaced
        | Code::DeviceNotIdentified
        | Code::Other => None,
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
    let details = details_words(&problem, os, &org);
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
        Code::DeviceNotIdentified | Code::Other => view! {
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
        {details.map(|details| view! { <p class="problem-details">{details}</p> })}
        {way_forward}
    }
}

#[cfg(test)]
mod tests {
    use portal_api::RefusalDetails;

    use super::*;
    use crate::i18n::testing::in_language;
    use crate::i18n::Language;

    fn problem(code: EnrollmentProblemCode, details: RefusalDetails) -> EnrollmentProblem {
        EnrollmentProblem::new(code, "The server's English sentence.", details)
    }

    #[test]
    fn an_old_ios_says_which_it_runs_and_which_it_needs() {
        let too_old = problem(
            EnrollmentProblemCode::OsTooOld,
            RefusalDetails {
                os_version: Some("15.8.1".parse().unwrap()),
                minimum_os_version: Some("16.0".parse().unwrap()),
                ..RefusalDetails::default()
            },
        );
        assert_eq!(
            details_words(&too_old, "iOS", "Contoso").as_deref(),
            Some("This device runs iOS 15.8.1; Contoso needs 16.0 or later.")
        );
        in_language(Language::German, || {
            assert_eq!(
                details_words(&too_old, "iOS", "Contoso").as_deref(),
                Some("Auf diesem Gerät läuft iOS 15.8.1; Contoso verlangt 16.0 oder neuer.")
            );
        });
    }

    #[test]
    fn the_limit_and_the_install_window_are_said_with_their_numbers() {
        let limit = problem(
            EnrollmentProblemCode::DeviceLimitReached,
            RefusalDetails {
                device_limit: Some(5),
                ..RefusalDetails::default()
            },
        );
        assert_eq!(
            details_words(&limit, "iOS", "Contoso").as_deref(),
            Some("Contoso allows 5 enrolled devices per person.")
        );
        let expired = problem(
            EnrollmentProblemCode::ProfileExpired,
            RefusalDetails {
                install_window_seconds: Some(480),
                ..RefusalDetails::default()
            },
        );
        assert_eq!(
            details_words(&expired, "iOS", "Contoso").as_deref(),
            Some("A profile has to be installed within 8 minutes of downloading it.")
        );
    }

    #[test]
    fn a_problem_whose_code_says_it_all_adds_nothing() {
        let replaced = problem(
            EnrollmentProblemCode::ProfileReplaced,
            RefusalDetails::default(),
        );
        assert_eq!(details_words(&replaced, "iOS", "Contoso"), None);
    }

    #[test]
    fn a_problem_recorded_before_details_shows_the_servers_explanation() {
        let old = EnrollmentProblem {
            code: EnrollmentProblemCode::OsTooOld,
            message: "This device needs iOS 16.0 or later.".into(),
            details: None,
        };
        assert_eq!(
            details_words(&old, "iOS", "Contoso").as_deref(),
            Some("Details: This device needs iOS 16.0 or later.")
        );
    }
}
