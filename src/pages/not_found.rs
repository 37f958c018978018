//! The page for addresses the portal does not have.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::t;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle page=t!("not-found-heading") />
        <h1 tabindex="-1">{t!("not-found-heading")}</h1>
        <p>{t!("not-found-explanation")}</p>
        <ul class="link-list">
            <li>
                <a href="/devices">{t!("shell-nav-devices")}</a>
            </li>
            <li>
                <a href="/enroll">{t!("not-found-enroll")}</a>
            </li>
            <li>
                <a href="/help">{t!("shell-nav-help")}</a>
            </li>
        </ul>
    }
}
