//! **Enroll** (`/enroll`): what enrolling this iPhone or iPad involves.
//! The enrollment itself (downloading the management profile) comes later;
//! until then this page explains the steps and offers no button that
//! would do nothing.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::RequireSignIn;

#[component]
pub fn EnrollPage() -> impl IntoView {
    view! {
        <PageTitle page="Enroll" />
        <h1 tabindex="-1">"Enroll this device"</h1>
        <RequireSignIn>
            <p class="lead">
                "Enrolling lets your organization set up work apps, email and Wi-Fi on this "
                "iPhone or iPad, and check that it's kept secure. It takes a few minutes."
            </p>
            <h2>"What will happen"</h2>
            <ol class="steps">
                <li>
                    <strong>"Download the management profile"</strong>
                    " in Safari on this device. Other browsers can't install profiles."
                </li>
                <li>
                    <strong>"Install it in Settings."</strong>
                    " Open Settings, tap Profile Downloaded, then Install, and enter your "
                    "device passcode."
                </li>
                <li>
                    <strong>"Come back here."</strong>
                    " Your device appears in "
                    <a href="/devices">"My devices"</a>
                    " once it has checked in."
                </li>
            </ol>
            <p>
                "Questions before you start? See "
                <a href="/help">"Help"</a>
                " for your help desk's contact details."
            </p>
        </RequireSignIn>
    }
}
