//! **Help** (`/help`): the organization's help desk, and where to read about privacy.
//! Public, because people who cannot sign in need it most.

use leptos::prelude::*;

use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::support_contact::SupportContactDetails;
use crate::context::use_organization;
use crate::format::web_url;
use crate::t;

#[component]
pub fn HelpPage() -> impl IntoView {
    let organization = use_organization();
    let loading = move || organization.state().is_none();

    view! {
        <PageTitle page=t!("help-heading") />
        <h1 tabindex="-1">{t!("help-heading")}</h1>
        <div aria-busy=move || if loading() { "true" } else { "false" }>
            {move || match organization.state() {
                None => view! { <Loading label=t!("sign-in-trouble-loading") /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            error
                            title=t!("help-load-failed")
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
                            <h2 id="help-desk-heading">{t!("help-desk-heading")}</h2>
                            {if has_support {
                                view! {
                                    <p>{t!("help-desk-contact", org = &organization.name)}</p>
                                    <SupportContactDetails support=organization.support />
                                }
                                    .into_any()
                            } else {
                                view! {
                                    <p>{t!("help-desk-missing", org = &organization.name)}</p>
                                }
                                    .into_any()
                            }}
                        </section>
                        <section aria-labelledby="privacy-heading">
                            <h2 id="privacy-heading">{t!("help-privacy-heading")}</h2>
                            <ul class="link-list">
                                <li>
                                    <a href="/privacy">
                                        {t!("shell-privacy-link", org = &organization.name)}
                                    </a>
                                </li>
                                {privacy_statement
                                    .map(|url| {
                                        view! {
                                            <li>
                                                <a href=url rel="external">
                                                    {t!("help-privacy-statement", org = &organization.name)}
                                                </a>
                                            </li>
                                        }
                                    })}
                            </ul>
                        </section>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
