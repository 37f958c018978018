//! The page for addresses the portal does not have.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle page="Page not found" />
        <h1 tabindex="-1">"Page not found"</h1>
        <p>"There's no page at this address. Check it for typing mistakes, or go to one of these:"</p>
        <ul class="link-list">
            <li>
                <a href="/devices">"My devices"</a>
            </li>
            <li>
                <a href="/enroll">"Enroll this device"</a>
            </li>
            <li>
                <a href="/help">"Help"</a>
            </li>
        </ul>
    }
}
