//! **Help** (`/help`): the organization's help desk and privacy statement.
//! Public, because people who cannot sign in need it most.

use leptos::prelude::*;

use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::support_contact::SupportContactDetails;
use crate::context::use_organization;
use crate::format::web_url;

#[component]
pub fn HelpPage() -> impl IntoView {
    let organization = use_organization();
    let loading = move || organization.state().is_none();

    view! {
        <PageTitle page="Help" />
        <h1 tabindex="-1">"Help"</h1>
        <div aria-busy=move || if loading() { "true" } else { "false" }>
            {move || match organization.state() {
                None => view! { <Loading label="Loading your help desk's contact details…" /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            error
                            title="Your help desk's contact details couldn't be loaded"
                            on_retry=Callback::new(move |()| organization.reload())
                        />
                    }
                        .into_any()
                }
                Some(Ok(organization)) => {
                    let privacy_statement = organization
                        .privacy_statement_url
                        .as_deref()
                        .and_then(web_url)
                        .map(str::to_owned);
                    let has_support = !organization.support.is_empty();
                    view! {
                        <section aria-labelledby="help-desk-heading">
                            <h2 id="help-desk-heading">"Contact your help desk"</h2>
                            {if has_support {
                                view! {
                                    <p>
                                        "For trouble signing in, enrolling a device or using "
                                        "work apps, contact " {organization.name.clone()} "'s help desk:"
                                    </p>
                                    <SupportContactDetails support=organization.support />
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p>
                                        {organization.name.clone()}
                                        " hasn't added help desk details to the portal yet. "
                                        "Ask your IT department for help."
                                    </p>
                                }
                                    .into_any()
                            }}
                        </section>
                        {privacy_statement
                            .map(|url| {
                                view! {
                                    <section aria-labelledby="privacy-heading">
                                        <h2 id="privacy-heading">"Privacy"</h2>
                                        <p>
                                            "What " {organization.name.clone()}
                                            " can and can't see on your device: "
                                            <a href=url rel="external">"read the privacy statement"</a>
                                            "."
                                        </p>
                                    </section>
                                }
                            })}
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
