//! "Only work apps and data" (account-driven user enrollment): nothing to
//! download. The person signs in to their work account in Settings ›
//! General › VPN & Device Management › *Sign In to Work or School
//! Account*; this screen walks them through it, shows the account name to
//! type and what the organization can and can never see. The journey
//! notices by itself when the device has enrolled. Where the organization
//! offers legacy user enrollment and the device can use it (iOS 15 to 17),
//! it also offers downloading a profile instead.

use leptos::prelude::*;
use portal_api::Ownership;

use crate::components::copy_link::{CopyLabels, CopyLink};
use crate::components::privacy_lists::PrivacyLists;
use crate::return_to::DEFAULT_RETURN_PATH;
use crate::t;

#[component]
pub fn SignInToWorkAccountScreen(
    #[prop(into)] org: String,
    /// The account to type in Settings (the person's Managed Apple
    /// Account), when known.
    account: Option<String>,
    /// Back to "What do you want to secure?", when that was asked.
    #[prop(optional_no_strip)]
    on_back: Option<Callback<()>>,
    /// **Download a profile instead** (legacy user enrollment), when
    /// offered.
    #[prop(optional_no_strip)]
    on_download_instead: Option<Callback<()>>,
) -> impl IntoView {
    let account_step = match &account {
        Some(account) => t!("enroll-work-account-step-account", account = account),
        None => t!("enroll-work-account-step-account-unknown"),
    };
    let copy = account.clone().map(|account| {
        let labels = CopyLabels {
            button: t!("enroll-work-account-copy"),
            copied: t!("enroll-work-account-copied"),
            by_hand: t!("enroll-work-account-copy-by-hand"),
            field: t!("enroll-work-account-field-label"),
        };
        view! {
            <p class="work-account" data-testid="work-account">
                <strong>{account.clone()}</strong>
            </p>
            <CopyLink url=account secondary=true labels />
        }
    });
    view! {
        <h1 tabindex="-1">{t!("enroll-work-account-heading")}</h1>
        <p class="lead">{t!("enroll-work-account-lead", org = &org)}</p>
        <h2>{t!("enroll-work-account-steps-heading")}</h2>
        <ol class="steps work-account-steps">
            <li>{t!("enroll-work-account-step-settings")}</li>
            <li>{t!("enroll-work-account-step-vpn")}</li>
            <li>{t!("enroll-work-account-step-sign-in")}</li>
            <li>{account_step}</li>
            <li>{t!("enroll-work-account-step-finish", org = &org)}</li>
        </ol>
        {copy}
        <p class="hint">{t!("enroll-work-account-os")}</p>
        <PrivacyLists org=org.clone() ownership=Ownership::Personal user_enrollment=true top_level=true />
        <p class="hint" role="status">{t!("enroll-work-account-waiting")}</p>
        {on_download_instead
            .map(|on_download_instead| {
                view! {
                    <section class="legacy-user-enrollment" aria-labelledby="legacy-user-enrollment-heading">
                        <h2 id="legacy-user-enrollment-heading">
                            {t!("enroll-work-account-legacy-heading")}
                        </h2>
                        <p>{t!("enroll-work-account-legacy-text")}</p>
                        <button
                            type="button"
                            class="button button-secondary button-block"
                            on:click=move |_| on_download_instead.run(())
                        >
                            {t!("enroll-work-account-legacy-button")}
                        </button>
                    </section>
                }
            })}
        <div class="actions">
            <a class="button button-secondary button-block" href=DEFAULT_RETURN_PATH>
                {t!("enroll-go-to-my-devices")}
            </a>
            {on_back
                .map(|on_back| {
                    view! {
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| on_back.run(())
                        >
                            {t!("enroll-privacy-back")}
                        </button>
                    }
                })}
        </div>
    }
}
