//! The install window passed: iOS deleted the profile. **Enroll again**
//! downloads a new one for the same enrollment, without the questions.

use leptos::prelude::*;

use crate::t;

#[component]
pub fn ExpiredScreen(
    /// How long iOS keeps a downloaded profile.
    window_minutes: u32,
    on_enroll_again: Callback<()>,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{t!("enroll-expired-heading")}</h1>
        <p class="lead">{t!("enroll-expired-why", minutes = window_minutes)}</p>
        <p>{t!("enroll-expired-what-to-do")}</p>
        <button
            type="button"
            class="button button-primary button-block"
            on:click=move |_| on_enroll_again.run(())
        >
            {t!("enroll-again-button")}
        </button>
    }
}
