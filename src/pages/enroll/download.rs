//! Download the management profile: an ordinary link to the single-use
//! download URL, so Safari shows its "Allow" prompt and hands the profile
//! to Settings.

use leptos::prelude::*;
use portal_api::EnrollmentProblem;

use crate::api::ClientError;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::t;

use super::problem_notice;

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
        <h1 tabindex="-1">{t!("enroll-download-heading")}</h1>
        <p class="lead">{t!("enroll-download-lead")}</p>
        {notice.map(|notice| problem_notice(&notice))}
        <div class="download-action" aria-busy=move || (!has_link && error.get().is_none()).to_string()>
            {move || match (link.clone(), error.get()) {
                (Some(url), _) => {
                    // An ordinary link (not a fetch): Safari must navigate to
                    // it to offer the profile to Settings. `rel="external"`
                    // keeps the router from handling it.
                    view! {
                        <a class="button button-primary button-block download-profile" href=url rel="external">
                            {t!("enroll-download-button")}
                        </a>
                    }
                        .into_any()
                }
                (None, Some(error)) => {
                    view! { <ErrorPanel error title=t!("enroll-download-failed") on_retry=on_retry /> }.into_any()
                }
                (None, None) => view! { <Loading label=t!("enroll-download-preparing") /> }.into_any(),
            }}
        </div>
        <h2>{t!("enroll-what-happens-next")}</h2>
        <ol class="steps">
            <li>{t!("enroll-download-step-tap")}</li>
            <li>{t!("enroll-download-step-allow")}</li>
            <li>{t!("enroll-download-step-close")}</li>
        </ol>
    }
}
