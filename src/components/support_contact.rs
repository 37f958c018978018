//! The organization's help desk: whatever of name, phone, email and website
//! the organization has set, as links a phone can act on.

use leptos::prelude::*;
use portal_api::SupportContact;

use crate::format::{web_url, web_url_label};
use crate::t;

/// The help desk's contact details as a list; shows only what is set.
/// Renders nothing when no way of reaching the help desk is set.
#[component]
pub fn SupportContactDetails(support: SupportContact) -> impl IntoView {
    // A number without digits ("ask reception") is shown, just not as a link.
    let phone = support
        .phone
        .clone()
        .filter(|phone| !phone.trim().is_empty())
        .map(|phone| (phone, support.phone_uri()));
    let email = support.email.clone().zip(support.email_uri());
    let website = support
        .website
        .as_deref()
        .and_then(web_url)
        .map(|url| (url.to_owned(), web_url_label(url).to_owned()));
    let name = support.name.clone().filter(|name| !name.trim().is_empty());
    let anything = phone.is_some() || email.is_some() || website.is_some();

    anything.then(|| {
        view! {
            <ul class="contact-list">
                {name.map(|name| view! { <li class="contact-name">{name}</li> })}
                {phone
                    .map(|(phone, uri)| {
                        let number = match uri {
                            Some(uri) => view! { <a href=uri>{phone}</a> }.into_any(),
                            None => phone.into_any(),
                        };
                        view! {
                            <li>
                                <span class="contact-kind">{t!("support-phone")}" "</span>
                                {number}
                            </li>
                        }
                    })}
                {email
                    .map(|(email, uri)| {
                        view! {
                            <li>
                                <span class="contact-kind">{t!("support-email")}" "</span>
                                <a href=uri>{email}</a>
                            </li>
                        }
                    })}
                {website
                    .map(|(url, label)| {
                        view! {
                            <li>
                                <span class="contact-kind">{t!("support-website")}" "</span>
                                <a href=url rel="external">{label}</a>
                            </li>
                        }
                    })}
            </ul>
        }
    })
}
