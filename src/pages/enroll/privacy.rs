//! "What can <Org> see?": what the organization can and can never see for
//! the chosen ownership (or, for legacy user enrollment, for only work apps
//! and data), then **Continue** starts the enrollment.

use leptos::prelude::*;
use portal_api::Ownership;

use crate::api::ClientError;
use crate::components::privacy_lists::PrivacyLists;
use crate::t;

/// The ownership as the catalog's messages select on it.
fn ownership_key(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    }
}

#[component]
pub fn PrivacyScreen(
    #[prop(into)] org: String,
    ownership: Ownership,
    /// Legacy user enrollment (only work apps and data, by a downloaded
    /// profile): its own lists.
    #[prop(optional)]
    user_enrollment: bool,
    /// The work account iOS asks for while installing a user enrollment's
    /// profile.
    #[prop(optional_no_strip)]
    account: Option<String>,
    /// The organization's privacy statement (a checked web address).
    privacy_url: Option<String>,
    /// The organization's own words about privacy for this ownership.
    message: Option<String>,
    /// Back to "Who owns this device?" is offered.
    can_go_back: bool,
    #[prop(into)] pending: Signal<bool>,
    #[prop(into)] error: Signal<Option<ClientError>>,
    on_continue: Callback<()>,
    on_back: Callback<()>,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{t!("enroll-privacy-heading", org = &org)}</h1>
        <p class="lead">
            {if user_enrollment {
                t!("enroll-privacy-lead-user-enrollment")
            } else {
                t!("enroll-privacy-lead", ownership = ownership_key(ownership))
            }}
        </p>
        <PrivacyLists org=org.clone() ownership=ownership message user_enrollment top_level=true />
        {account
            .filter(|_| user_enrollment)
            .map(|account| {
                view! {
                    <p class="hint" data-testid="legacy-account">
                        {t!("enroll-privacy-legacy-account", account = account)}
                    </p>
                }
            })}
        {privacy_url
            .map(|url| {
                view! {
                    <p class="standalone-link">
                        <a href=url rel="external">
                            {t!("enroll-privacy-statement-link")}
                        </a>
                    </p>
                }
            })}
        <div class="alert-slot" role="alert">
            {move || {
                error
                    .get()
                    .map(|error| {
                        view! {
                            <div class="alert alert-error">
                                <p>{error.message()}</p>
                            </div>
                        }
                    })
            }}
        </div>
        <div class="actions">
            <button
                type="button"
                class="button button-primary button-block"
                disabled=move || pending.get()
                on:click=move |_| on_continue.run(())
            >
                {move || if pending.get() { t!("enroll-privacy-starting") } else { t!("enroll-continue") }}
            </button>
            {can_go_back
                .then(|| {
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
