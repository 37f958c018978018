//! "What can <Org> see?": what the organization can and can never see for
//! the chosen ownership, then **Continue** starts the enrollment.

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
        <p class="lead">{t!("enroll-privacy-lead", ownership = ownership_key(ownership))}</p>
        <PrivacyLists org=org.clone() ownership=ownership message top_level=true />
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
