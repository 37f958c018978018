//! What the organization can see, and can never see, on a device of one
//! ownership, with the organization's own words for it. Shown by the
//! enrollment's privacy step and by the **What can … see?** page.

use leptos::prelude::*;
use portal_api::Ownership;

use crate::t;

/// The two lists and the organization's message for `ownership`.
#[component]
pub fn PrivacyLists(
    #[prop(into)] org: String,
    ownership: Ownership,
    /// The organization's own words for this ownership, if it wrote any.
    #[prop(optional_no_strip)]
    message: Option<String>,
    /// The lists sit right under the page's `<h1>` (the enrollment step):
    /// `<h2>` headings, else `<h3>` under the page's own sections.
    #[prop(optional)]
    top_level: bool,
) -> impl IntoView {
    let heading = move |id: String, text: String| {
        if top_level {
            view! { <h2 id=id>{text}</h2> }.into_any()
        } else {
            view! { <h3 id=id>{text}</h3> }.into_any()
        }
    };
    // Both ownerships can be on one page: the ids must differ.
    let prefix = match ownership {
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    };
    let can_see_id = format!("{prefix}-can-see-heading");
    let never_see_id = format!("{prefix}-never-see-heading");
    let message_id = format!("{prefix}-message-heading");
    let (can_see_label, never_see_label, message_label) =
        (can_see_id.clone(), never_see_id.clone(), message_id.clone());
    let item = |text: String| view! { <li>{text}</li> };
    view! {
        <section class="privacy-list privacy-can-see" aria-labelledby=can_see_label>
            {heading(can_see_id, t!("privacy-can-see-title", org = &org))}
            <ul>{can_see(ownership).into_iter().map(item).collect_view()}</ul>
        </section>
        <section class="privacy-list privacy-never-see" aria-labelledby=never_see_label>
            {heading(never_see_id, t!("privacy-never-see-title", org = &org))}
            <ul>{never_see(ownership).into_iter().map(item).collect_view()}</ul>
        </section>
        {message
            .filter(|message| !message.trim().is_empty())
            .map(|message| {
                view! {
                    <section class="privacy-message" aria-labelledby=message_label>
                        {heading(message_id, t!("privacy-message-title", org = &org))}
                        <p>{message}</p>
                    </section>
                }
            })}
    }
}

/// What the organization can see on a device of this ownership.
pub fn can_see(ownership: Ownership) -> Vec<String> {
    let mut items = vec![
        t!("privacy-see-model-and-name"),
        t!("privacy-see-serial-number"),
        t!("privacy-see-os-version"),
    ];
    match ownership {
        Ownership::Personal => {
            items.extend([t!("privacy-see-work-apps"), t!("privacy-see-owned-by-you")])
        }
        Ownership::Corporate => items.extend([
            t!("privacy-see-phone-number"),
            t!("privacy-see-all-apps"),
            t!("privacy-see-owned-by-organization"),
        ]),
    }
    items.push(t!("privacy-see-security-settings"));
    items
}

/// What the organization can never see on a device of this ownership.
pub fn never_see(ownership: Ownership) -> Vec<String> {
    let mut items = vec![
        t!("privacy-never-personal-email"),
        t!("privacy-never-messages"),
        t!("privacy-never-photos"),
        t!("privacy-never-browsing-history"),
    ];
    if ownership == Ownership::Personal {
        items.push(t!("privacy-never-location"));
    }
    items.push(t!("privacy-never-calls"));
    if ownership == Ownership::Personal {
        items.push(t!("privacy-never-personal-apps"));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_personal_device_keeps_its_location_and_apps_private() {
        let never = never_see(Ownership::Personal);
        assert!(never.contains(&"Where your device is (its location)".to_owned()));
        assert!(never.contains(&"Your personal apps".to_owned()));
        assert!(!can_see(Ownership::Personal).contains(&"Phone number".to_owned()));
    }

    #[test]
    fn a_corporate_device_shows_its_apps_and_phone_number() {
        let can = can_see(Ownership::Corporate);
        assert!(can.contains(&"Phone number".to_owned()));
        assert!(can.contains(&"All apps installed on the device, and their versions".to_owned()));
        assert!(!never_see(Ownership::Corporate).contains(&"Your personal apps".to_owned()));
    }
}
