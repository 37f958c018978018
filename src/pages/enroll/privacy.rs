//! "What can <Org> see?": what the organization can and can never see for
//! the chosen ownership, then **Continue** starts the enrollment.

use leptos::prelude::*;
use portal_api::Ownership;

use crate::api::ClientError;

mod copy {
    use portal_api::Ownership;

    pub fn heading(org: &str) -> String {
        format!("What can {org} see?")
    }

    pub fn lead(ownership: Ownership) -> &'static str {
        match ownership {
            Ownership::Personal => {
                "Enrolling lets your organization manage work apps and settings on your own device. \
                 Here is what that means for your privacy."
            }
            Ownership::Corporate => {
                "Enrolling lets your organization manage this device it owns. \
                 Here is what that means for your privacy."
            }
        }
    }

    pub fn can_see_title(org: &str) -> String {
        format!("{org} can see")
    }

    pub fn never_see_title(org: &str) -> String {
        format!("{org} can never see")
    }

    pub fn can_see(ownership: Ownership) -> &'static [&'static str] {
        match ownership {
            Ownership::Personal => &[
                "Device model and name",
                "Serial number",
                "iOS or iPadOS version",
                "The work apps it installs, and their versions",
                "That you own this device",
                "Whether security settings, like a passcode, are on",
            ],
            Ownership::Corporate => &[
                "Device model and name",
                "Serial number",
                "iOS or iPadOS version",
                "Phone number",
                "All apps installed on the device, and their versions",
                "That your organization owns this device",
                "Whether security settings, like a passcode, are on",
            ],
        }
    }

    pub fn never_see(ownership: Ownership) -> &'static [&'static str] {
        match ownership {
            Ownership::Personal => &[
                "Your personal email, calendar and contacts",
                "Your messages",
                "Your photos and files",
                "Your browsing history",
                "Where your device is (its location)",
                "Your phone calls and call history",
                "Your personal apps",
            ],
            Ownership::Corporate => &[
                "Your personal email, calendar and contacts",
                "Your messages",
                "Your photos and files",
                "Your browsing history",
                "Your phone calls and call history",
            ],
        }
    }

    pub const PRIVACY_STATEMENT: &str = "Read the privacy statement";
    pub const CONTINUE: &str = "Continue";
    pub const STARTING: &str = "Starting…";
    pub const BACK: &str = "Back";
}

/// The two lists, for the chosen ownership.
#[component]
pub fn PrivacyLists(#[prop(into)] org: String, ownership: Ownership) -> impl IntoView {
    let item = |text: &&'static str| view! { <li>{*text}</li> };
    view! {
        <section class="privacy-list privacy-can-see" aria-labelledby="can-see-heading">
            <h2 id="can-see-heading">{copy::can_see_title(&org)}</h2>
            <ul>{copy::can_see(ownership).iter().map(item).collect_view()}</ul>
        </section>
        <section class="privacy-list privacy-never-see" aria-labelledby="never-see-heading">
            <h2 id="never-see-heading">{copy::never_see_title(&org)}</h2>
            <ul>{copy::never_see(ownership).iter().map(item).collect_view()}</ul>
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
        <h1 tabindex="-1">{copy::heading(&org)}</h1>
        <p class="lead">{copy::lead(ownership)}</p>
        <PrivacyLists org=org.clone() ownership=ownership />
        {privacy_url
            .map(|url| {
                view! {
                    <p class="standalone-link">
                        <a href=url rel="external">
                            {copy::PRIVACY_STATEMENT}
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
                {move || if pending.get() { copy::STARTING } else { copy::CONTINUE }}
            </button>
            {can_go_back
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-quiet"
                            on:click=move |_| on_back.run(())
                        >
                            {copy::BACK}
                        </button>
                    }
                })}
        </div>
    }
}
