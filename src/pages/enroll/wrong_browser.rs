//! Wrong browser: another browser, an app's own browser or a home-screen
//! web clip. Only Safari hands the profile to Settings, so the person
//! moves this page to Safari: **Open in Safari** (iOS 17+) or **Copy link**.

use leptos::prelude::*;
use portal_api::DeviceKind;

use crate::components::copy_link::CopyLink;
use crate::t;
use enrollment_flow::{device_name, open_in_safari_url};

/// Why only Safari will do, from where the page is open: a home-screen web
/// clip, an app's own browser, or another browser (named when we can).
fn why(in_app: bool, web_clip: bool, browser: Option<&str>) -> String {
    match (web_clip, in_app, browser) {
        (true, _, _) => t!("enroll-wrong-browser-web-clip"),
        (false, true, Some(browser)) => t!("enroll-wrong-browser-in-app", browser = browser),
        (false, true, None) => t!("enroll-wrong-browser-in-unknown-app"),
        (false, false, Some(browser)) => t!("enroll-wrong-browser-other", browser = browser),
        (false, false, None) => t!("enroll-wrong-browser-unknown"),
    }
}

#[component]
pub fn WrongBrowserScreen(
    device: DeviceKind,
    in_app: bool,
    web_clip: bool,
    can_open_in_safari: bool,
    /// The browser's or app's name, if we know it.
    browser_name: Option<&'static str>,
    /// The portal's `/enroll` address.
    #[prop(into)]
    enroll_url: String,
) -> impl IntoView {
    let safari_link = can_open_in_safari
        .then(|| open_in_safari_url(&enroll_url))
        .flatten();
    let has_safari_link = safari_link.is_some();
    view! {
        <h1 tabindex="-1">{t!("enroll-wrong-browser-heading")}</h1>
        <p class="lead">{why(in_app, web_clip, browser_name)}</p>
        {safari_link
            .map(|href| {
                view! {
                    <p>
                        <a class="button button-primary button-block" href=href rel="external">
                            {t!("enroll-wrong-browser-open-in-safari")}
                        </a>
                    </p>
                    <p>{t!("enroll-wrong-browser-or-copy")}</p>
                }
            })}
        <CopyLink url=enroll_url secondary=has_safari_link />
        <h2>{t!("enroll-wrong-browser-steps-heading")}</h2>
        <ol class="steps">
            <li>{t!("enroll-wrong-browser-step-copy")}</li>
            <li>{t!("enroll-wrong-browser-step-open", device = device_name(device))}</li>
            <li>{t!("enroll-wrong-browser-step-paste")}</li>
        </ol>
        <p>{t!("enroll-wrong-browser-after")}</p>
    }
}
