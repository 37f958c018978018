//! At the device limit: remove a device in **My devices** first.

use leptos::prelude::*;

use crate::t;

#[component]
pub fn DeviceLimitReachedScreen(limit: u32, #[prop(into)] org: String) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{t!("enroll-limit-heading")}</h1>
        <p class="lead">{t!("enroll-limit-lead", org = org, limit = limit)}</p>
        <p>{t!("enroll-limit-what-to-do")}</p>
        <p>
            <a class="button button-primary button-block" href="/devices">
                {t!("enroll-go-to-my-devices")}
            </a>
        </p>
    }
}
