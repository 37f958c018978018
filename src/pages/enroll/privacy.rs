//! "What can <Org> see?": what the organization can and can never see for
//! the chosen ownership, then **Continue** starts the enrollment.

use leptos::prelude::*;
use portal_api::Ownership;

use crate::api::ClientError;
use crate::t;

/// The ownership as the catalog's messages select on it.
fn ownership_key(ownership: Ownership) -> &'static str {
    match ownership {
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    }
}

/// What the organization can see on a device it, or the person, owns.
fn can_see(ownership: Ownership) -> Vec<String> {
    match ownership {
        Ownership::Personal => vec![
            t!("enroll-privacy-can-see-model"),
            t!("enroll-privacy-can-see-serial-number"),
            t!("enroll-privacy-can-see-os-version"),
            t!("enroll-privacy-can-see-work-apps"),
            t!("enroll-privacy-can-see-personal-ownership"),
            t!("enroll-privacy-can-see-security-settings"),
        ],
        Ownership::Corporate => vec![
            t!("enroll-privacy-can-see-model"),
            t!("enroll-privacy-can-see-serial-number"),
            t!("enroll-privacy-can-see-os-version"),
            t!("enroll-privacy-can-see-phone-number"),
            t!("enroll-privacy-can-see-all-apps"),
            t!("enroll-privacy-can-see-corporate-ownership"),
            t!("enroll-privacy-can-see-security-settings"),
        ],
    }
}

/// What the organization can never see, whoever owns the device.
fn never_see(ownership: Ownership) -> Vec<String> {
    match ownership {
        Ownership::Personal => vec![
            t!("enroll-privacy-never-see-email"),
            t!("enroll-privacy-never-see-messages"),
            t!("enroll-privacy-never-see-photos"),
            t!("enroll-privacy-never-see-browsing-history"),
            t!("enroll-privacy-never-see-location"),
            t!("enroll-privacy-never-see-calls"),
            t!("enroll-privacy-never-see-personal-apps"),
        ],
        Ownership::Corporate => vec![
            t!("enroll-privacy-never-see-email"),
            t!("enroll-privacy-never-see-messages"),
            t!("enroll-privacy-never-see-photos"),
            t!("enroll-privacy-never-see-browsing-history"),
            t!("enroll-privacy-never-see-calls"),
        ],
    }
}

/// The two lists, for the chosen ownership.
#[component]
pub fn PrivacyLists(#[prop(into)] org: String, ownership: Ownership) -> impl IntoView {
    let item = |text: String| view! { <li>{text}</li> };
    view! {
        <section class="privacy-list privacy-can-see" aria-labelledby="can-see-heading">
            <h2 id="can-see-heading">{t!("enroll-privacy-can-see-heading", org = &org)}</h2>
            <ul>{can_see(ownership).into_iter().map(item).collect_view()}</ul>
        </section>
        <section class="privacy-list privacy-never-see" aria-labelledby="never-see-heading">
            <h2 id="never-see-heading">{t!("enroll-privacy-never-see-heading", org = &org)}</h2>
            <ul>{never_see(ownership).into_iter().map(item).collect_view()}</ul>
        </section>
    }
}

#[component]
pub fn PrivacyScreen(
    #[prop(into)] org: String,
    ownership: Ownership,
    /// The organization's privacy statement (a checked web address).
    privacy_url: Option<String>,
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
        <PrivacyLists org=org.clone() ownership=ownership />
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
