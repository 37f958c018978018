//! The organization has not finished setting up enrollment (no MDM push
//! certificate on the server): nothing the person does helps, so say so,
//! name the help desk, and lead back to **My devices**.

use leptos::prelude::*;
use portal_api::SupportContact;

use crate::components::support_contact::SupportContactDetails;
use crate::t;

#[component]
pub fn NotSetUpScreen(
    #[prop(into)] org: String,
    /// The organization's help desk, when the page has it.
    support: Option<SupportContact>,
) -> impl IntoView {
    let support = support.filter(|support| !support.is_empty());
    let has_support = support.is_some();
    view! {
        <h1 tabindex="-1">{t!("enroll-not-set-up-heading")}</h1>
        <div class="notice" role="status">
            <p class="lead">{t!("enroll-not-set-up-lead", org = org.clone())}</p>
        </div>
        <p>
            {if has_support {
                t!("enroll-not-set-up-contact", org = org.clone())
            } else {
                t!("enroll-not-set-up-contact-it", org = org)
            }}
        </p>
        {support.map(|support| view! { <SupportContactDetails support /> })}
        <p>
            <a class="button button-primary button-block" href="/devices">
                {t!("enroll-go-to-my-devices")}
            </a>
        </p>
    }
}
