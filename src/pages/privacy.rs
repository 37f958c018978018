//! **What can <Org> see?** (`/privacy`): for a personal and for a
//! corporate device, and with user enrollment ("only work apps and data")
//! when the organization offers it, what the organization can see and can
//! never see, its own words for each, and its privacy statement. Public, so people can
//! read it before they sign in or enroll; linked from every page's footer
//! and from the enrollment's privacy step.

use leptos::prelude::*;
use portal_api::{Organization, Ownership};

use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::privacy_lists::PrivacyLists;
use crate::context::use_organization;
use crate::format::web_url;
use crate::t;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let organization = use_organization();
    let heading = move || match organization.name() {
        Some(name) => t!("shell-privacy-link", org = name),
        None => t!("privacy-page-heading-generic"),
    };
    let loading = move || organization.state().is_none();

    view! {
        <PageTitle page=heading() />
        <h1 tabindex="-1">{heading}</h1>
        <div class="privacy-page" aria-busy=move || if loading() { "true" } else { "false" }>
            {move || match organization.state() {
                None => view! { <Loading label=t!("privacy-page-loading") /> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            error
                            title=t!("privacy-page-load-failed")
                            on_retry=Callback::new(move |()| organization.reload())
                        />
                    }
                        .into_any()
                }
                Some(Ok(organization)) => view! { <PrivacyDetails organization /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn PrivacyDetails(organization: Organization) -> impl IntoView {
    let org = organization.name.clone();
    let statement = organization
        .privacy_statement_url
        .as_deref()
        .and_then(web_url)
        .map(str::to_owned);
    let section = |ownership: Ownership, heading: String, lead: String| {
        let id = match ownership {
            Ownership::Personal => "personal-heading",
            Ownership::Corporate => "corporate-heading",
        };
        view! {
            <section class="privacy-ownership" aria-labelledby=id>
                <h2 id=id>{heading}</h2>
                <p>{lead}</p>
                <PrivacyLists
                    org=org.clone()
                    ownership
                    message=organization.privacy_message(ownership).map(str::to_owned)
                />
            </section>
        }
    };
    view! {
        <p class="lead">{t!("privacy-page-lead", org = &org)}</p>
        {section(
            Ownership::Personal,
            t!("privacy-page-personal-heading"),
            t!("privacy-page-personal-lead"),
        )}
        {organization
            .offers_user_enrollment
            .then(|| {
                view! {
                    <section class="privacy-ownership" aria-labelledby="user-enrollment-heading">
                        <h2 id="user-enrollment-heading">
                            {t!("privacy-page-user-enrollment-heading")}
                        </h2>
                        <p>{t!("privacy-page-user-enrollment-lead")}</p>
                        <PrivacyLists
                            org=org.clone()
                            ownership=Ownership::Personal
                            user_enrollment=true
                        />
                    </section>
                }
            })}
        {section(
            Ownership::Corporate,
            t!("privacy-page-corporate-heading", org = &org),
            t!("privacy-page-corporate-lead"),
        )}
        {statement
            .map(|url| {
                view! {
                    <p class="standalone-link">
                        <a href=url rel="external">
                            {t!("help-privacy-statement", org = &org)}
                        </a>
                    </p>
                }
            })}
    }
}
