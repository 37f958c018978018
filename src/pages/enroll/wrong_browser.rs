//! Wrong browser: another browser, an app's own browser or a home-screen
//! web clip. Only Safari hands the profile to Settings, so the person
//! moves this page to Safari: **Open in Safari** (iOS 17+) or **Copy link**.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::components::copy_link::CopyLink;
use crate::enrollment_flow::{device_name, open_in_safari_url};

mod copy {
    pub const HEADING: &str = "Open this page in Safari";

    pub fn why(in_app: bool, web_clip: bool, browser: &str) -> String {
        if web_clip {
            "You opened the portal from your Home Screen. Only Safari itself can pass the \
             management profile on to Settings, so the download has to happen in Safari."
                .to_owned()
        } else if in_app {
            format!(
                "You're in {browser}'s own browser. Only Safari can pass the management profile \
                 on to Settings, so enrolling has to happen there."
            )
        } else {
            format!(
                "Only Safari can pass the management profile on to Settings: {browser} keeps it \
                 to itself, and it never installs."
            )
        }
    }

    pub const OPEN_IN_SAFARI: &str = "Open in Safari";
    pub const OR_COPY: &str = "Or copy the link, open Safari, and paste it in the address bar.";
    pub const STEPS_TITLE: &str = "How to move to Safari";
    pub const STEP_COPY: &str = "Tap Copy link.";

    pub fn step_open(device: &str) -> String {
        format!("Open Safari (the blue compass on your {device}'s Home Screen).")
    }

    pub const STEP_PASTE: &str = "Tap the address bar, tap Paste and Go.";
    pub const AFTER: &str = "Sign in again in Safari. You'll carry on from this step: \
                             anything you've done so far is saved.";
}

#[component]
pub fn WrongBrowserScreen(
    device: DeviceKind,
    in_app: bool,
    web_clip: bool,
    can_open_in_safari: bool,
    browser_name: &'static str,
    /// The portal's `/enroll` address.
    #[prop(into)]
    enroll_url: String,
) -> impl IntoView {
    let safari_link = can_open_in_safari
        .then(|| open_in_safari_url(&enroll_url))
        .flatten();
    let has_safari_link = safari_link.is_some();
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::why(in_app, web_clip, browser_name)}</p>
        {safari_link
            .map(|href| {
                view! {
                    <p>
                        <a class="button button-primary button-block" href=href rel="external">
                            {copy::OPEN_IN_SAFARI}
                        </a>
                    </p>
                    <p>{copy::OR_COPY}</p>
                }
            })}
        <CopyLink url=enroll_url secondary=has_safari_link />
        <h2>{copy::STEPS_TITLE}</h2>
        <ol class="steps">
            <li>{copy::STEP_COPY}</li>
            <li>{copy::step_open(device_name(device))}</li>
            <li>{copy::STEP_PASTE}</li>
        </ol>
        <p>{copy::AFTER}</p>
    }
}
