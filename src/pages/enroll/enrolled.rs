//! Done: the device is managed. What happens next, the way to
//! **My devices**, and how to get the portal on the Home Screen.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::t;
use enrollment_flow::device_name;

#[component]
pub fn EnrolledScreen(
    device: DeviceKind,
    #[prop(into)] org: String,
    /// How the portal gets on the Home Screen, if it isn't there yet.
    home_screen: HomeScreen,
) -> impl IntoView {
    let home_screen = match home_screen {
        HomeScreen::AlreadyThere => None,
        HomeScreen::OrganizationAddsIt => Some(
            view! {
                <p>{t!("enroll-home-screen-managed", org = &org)}</p>
            }
            .into_any(),
        ),
        HomeScreen::AddItYourself => Some(
            view! {
                <p>{t!("enroll-home-screen-lead")}</p>
                <ol class="steps">
                    <li>{t!("enroll-home-screen-step-share")}</li>
                    <li>{t!("enroll-home-screen-step-add")}</li>
                    <li>{t!("enroll-home-screen-step-confirm")}</li>
                </ol>
            }
            .into_any(),
        ),
    }
    .map(|content| {
        view! {
            <section class="home-screen-hint" aria-labelledby="home-screen-heading">
                <h2 id="home-screen-heading">{t!("enroll-home-screen-heading")}</h2>
                {content}
            </section>
        }
    });
    view! {
        <h1 tabindex="-1">{t!("enroll-enrolled-heading")}</h1>
        <p class="lead">{t!("enroll-enrolled-lead", device = device_name(device), org = org)}</p>
        <h2>{t!("enroll-what-happens-next")}</h2>
        <ol class="steps">
            <li>{t!("enroll-enrolled-wait")}</li>
            <li>{t!("enroll-enrolled-first-app")}</li>
            <li>{t!("enroll-enrolled-apps-arrive")}</li>
        </ol>
        <p>
            <a class="button button-primary button-block" href="/devices">
                {t!("enroll-go-to-my-devices")}
            </a>
        </p>
        {home_screen}
    }
}

/// Whether, and how, to suggest the portal's icon on the Home Screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeScreen {
    /// Opened from the Home Screen already (a web clip).
    AlreadyThere,
    /// The organization installs a managed web clip through MDM.
    OrganizationAddsIt,
    /// Safari's Share > Add to Home Screen.
    AddItYourself,
}
