//! Download the management profile: an ordinary link to the single-use
//! download URL, so Safari shows its "Allow" prompt and hands the profile
//! to Settings.

use leptos::prelude::*;
use portal_api::EnrollmentProblem;

use crate::api::ClientError;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;

use super::problem_notice;

mod copy {
    pub const HEADING: &str = "Download the management profile";
    pub const LEAD: &str = "The profile lets your organization set up work apps, email and Wi-Fi \
                            on this device.";
    pub const DOWNLOAD: &str = "Download profile";
    pub const PREPARING: &str = "Getting your profile ready…";
    pub const FAILED: &str = "We couldn't get your profile ready";
    pub const WHAT_NEXT: &str = "What happens next";
    pub const STEP_TAP: &str = "Tap Download profile.";
    pub const STEP_ALLOW: &str = "Safari asks: \u{201c}This website is trying to download a \
                                  configuration profile. Do you want to allow this?\u{201d} Tap Allow.";
    pub const STEP_CLOSE: &str = "Safari says \u{201c}Profile Downloaded\u{201d}. Tap Close. \
                                  This page then shows how to install it.";
}

#[component]
pub fn DownloadScreen(
    /// The download URL, once issued.
    link: Option<String>,
    notice: Option<EnrollmentProblem>,
    #[prop(into)] error: Signal<Option<ClientError>>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let has_link = link.is_some();
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::LEAD}</p>
        {notice.map(|notice| problem_notice(&notice))}
        <div class="download-action" aria-busy=move || (!has_link && error.get().is_none()).to_string()>
            {move || match (link.clone(), error.get()) {
                (Some(url), _) => {
                    // An ordinary link (not a fetch): Safari must navigate to
                    // it to offer the profile to Settings. `rel="external"`
                    // keeps the router from handling it.
                    view! {
                        <a class="button button-primary button-block download-profile" href=url rel="external">
                            {copy::DOWNLOAD}
                        </a>
                    }
                        .into_any()
                }
                (None, Some(error)) => {
                    view! { <ErrorPanel error title=copy::FAILED on_retry=on_retry /> }.into_any()
                }
                (None, None) => view! { <Loading label=copy::PREPARING /> }.into_any(),
            }}
        </div>
        <h2>{copy::WHAT_NEXT}</h2>
        <ol class="steps">
            <li>{copy::STEP_TAP}</li>
            <li>{copy::STEP_ALLOW}</li>
            <li>{copy::STEP_CLOSE}</li>
        </ol>
    }
}
