//! What the organization can see, and can never see, on a device of one
//! ownership (or with user enrollment: only work apps and data), with the
//! organization's own words for it. Shown by the enrollment's privacy
//! step, the Settings walkthrough, the web sign-in sheet and the **What
//! can … see?** page.

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
    /// User enrollment ("only work apps and data"): its own, shorter list
    /// of what can be seen, whatever `ownership` says.
    #[prop(optional)]
    user_enrollment: bool,
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
        _ if user_enrollment => "user-enrollment",
        Ownership::Personal => "personal",
        Ownership::Corporate => "corporate",
    };
    let (can, never) = if user_enrollment {
        (user_enrollment_can_see(), user_enrollment_never_see())
    } else {
        (can_see(ownership), never_see(ownership))
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
            <ul>{can.into_iter().map(item).collect_view()}</ul>
        </section>
        <section class="privacy-list privacy-never-see" aria-labelledby=never_see_label>
            {heading(never_see_id, t!("privacy-never-see-title", org = &org))}
            <ul>{never.into_iter().map(item).collect_view()}</ul>
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

/// What the organization can see with user enrollment: only the work
/// side, which iOS keeps on its own volume.
pub fn user_enrollment_can_see() -> Vec<String> {
    vec![
        t!("privacy-see-model-and-name"),
        t!("privacy-see-os-version"),
        t!("privacy-see-work-account"),
        t!("privacy-see-work-apps"),
        t!("privacy-see-passcode-compliant"),
    ]
}

/// What the organization can never see or do with user enrollment.
pub fn user_enrollment_never_see() -> Vec<String> {
    vec![
        t!("privacy-never-device-identifiers"),
        t!("privacy-never-personal-email"),
        t!("privacy-never-messages"),
        t!("privacy-never-photos"),
        t!("privacy-never-browsing-history"),
        t!("privacy-never-location"),
        t!("privacy-never-calls"),
        t!("privacy-never-personal-apps"),
        t!("privacy-never-erase-device"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_enrollment_shows_no_serial_number_and_never_erases_the_device() {
        let can = user_enrollment_can_see();
        assert!(!can.contains(&"Serial number".to_owned()));
        assert!(!can.contains(&"Phone number".to_owned()));
        let never = user_enrollment_never_see();
        assert!(never.iter().any(|item| item.contains("serial number")));
        assert!(never.iter().any(|item| item.contains("erase")));
    }

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
