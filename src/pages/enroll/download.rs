//! Download the management profile: an ordinary link to the single-use
//! download URL, so Safari shows its "Allow" prompt and hands the profile
//! to Settings.
//!
//! In a home-screen web clip a download never reaches Settings, so the
//! download is handed to Safari (**Open in Safari** on iOS 17+, **Copy
//! link** always): Safari opens this enrollment at `/enroll` (after signing
//! in there: the web clip's storage is its own, and download links only
//! work with the session that asked for them). This page follows the
//! enrollment and moves on when Safari has downloaded the profile.

use leptos::prelude::*;
use portal_api::EnrollmentProblem;

use crate::api::ClientError;
use crate::components::copy_link::CopyLink;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::connectivity::use_connectivity;
use crate::t;
use enrollment_flow::open_in_safari_url;

use super::{enroll_url, problem_notice};

#[component]
pub fn DownloadScreen(
    /// The download URL, once issued.
    link: Option<String>,
    notice: Option<EnrollmentProblem>,
    #[prop(into)] error: Signal<Option<ClientError>>,
    on_retry: Callback<()>,
    /// Running as a home-screen web clip: hand the download to Safari.
    #[prop(optional_no_strip)]
    hand_off: Option<HandOff>,
) -> impl IntoView {
    let has_link = link.is_some();
    let online = use_connectivity().online();
    // What the web clip says and shows instead of Safari's download.
    let (lead, first_step, last_step) = match hand_off {
        Some(_) => (
            t!("enroll-hand-off-lead"),
            t!("enroll-hand-off-step-safari"),
            t!("enroll-hand-off-step-return"),
        ),
        None => (
            t!("enroll-download-lead"),
            t!("enroll-download-step-tap"),
            t!("enroll-download-step-close"),
        ),
    };
    view! {
        <h1 tabindex="-1">{t!("enroll-download-heading")}</h1>
        <p class="lead">{lead}</p>
        {notice.map(|notice| problem_notice(&notice))}
        <div class="download-action" aria-busy=move || (!has_link && error.get().is_none()).to_string()>
            {move || match (link.clone(), error.get(), hand_off) {
                (Some(_), _, Some(hand_off)) => view! { <HandOffLinks hand_off /> }.into_any(),
                (Some(url), _, None) => view! { <DownloadLink url online /> }.into_any(),
                (None, Some(error), _) => {
                    view! { <ErrorPanel error title=t!("enroll-download-failed") on_retry=on_retry /> }.into_any()
                }
                (None, None, _) => view! { <Loading label=t!("enroll-download-preparing") /> }.into_any(),
            }}
        </div>
        <h2>{t!("enroll-what-happens-next")}</h2>
        <ol class="steps">
            <li>{first_step}</li>
            <li>{t!("enroll-download-step-allow")}</li>
            <li>{last_step}</li>
        </ol>
    }
}

/// **Download profile**: an ordinary link (not a fetch), since Safari must
/// navigate to it to offer the profile to Settings; `rel="external"` keeps
/// the router from handling it. Offline it is a disabled button, as the
/// link would only open Safari's error page.
#[component]
fn DownloadLink(url: String, online: Signal<bool>) -> impl IntoView {
    view! {
        <Show
            when=move || online.get()
            fallback=|| view! {
                <button type="button" class="button button-primary button-block" disabled>
                    {t!("enroll-download-button")}
                </button>
            }
        >
            <a class="button button-primary button-block download-profile" href=url.clone() rel="external">
                {t!("enroll-download-button")}
            </a>
        </Show>
    }
}

/// How a web clip can hand the download to Safari.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandOff {
    /// `x-safari-https://` opens Safari directly (iOS 17 or later).
    pub can_open_in_safari: bool,
}

/// **Open in Safari** (when it works here) and **Copy link**, for this
/// enrollment in Safari (`/enroll` resumes it there).
#[component]
fn HandOffLinks(hand_off: HandOff) -> impl IntoView {
    let enroll = enroll_url();
    let safari = hand_off
        .can_open_in_safari
        .then(|| open_in_safari_url(&enroll))
        .flatten();
    let has_safari = safari.is_some();
    view! {
        {safari
            .map(|href| {
                view! {
                    <a class="button button-primary button-block hand-off-to-safari" href=href rel="external">
                        {t!("enroll-wrong-browser-open-in-safari")}
                    </a>
                    <p>{t!("enroll-hand-off-or-copy")}</p>
                }
            })}
        <CopyLink url=enroll secondary=has_safari />
    }
}
