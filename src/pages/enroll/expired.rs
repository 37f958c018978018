//! The install window passed: iOS deleted the profile. **Enroll again**
//! downloads a new one for the same enrollment, without the questions.

use leptos::prelude::*;

mod copy {
    pub const HEADING: &str = "We can't find the management profile";

    pub fn why(minutes: u32) -> String {
        let unit = if minutes == 1 { "minute" } else { "minutes" };
        format!(
            "iOS removes a downloaded profile that isn't installed within {minutes} {unit}, \
             so it's no longer in Settings."
        )
    }

    pub const WHAT_TO_DO: &str = "Enroll again to download a new one. You won't have to answer \
                                  the questions again. Then install it in Settings right away.";
    pub const ENROLL_AGAIN: &str = "Enroll again";
}

#[component]
pub fn ExpiredScreen(
    /// How long iOS keeps a downloaded profile.
    window_minutes: u32,
    on_enroll_again: Callback<()>,
) -> impl IntoView {
    view! {
        <h1 tabindex="-1">{copy::HEADING}</h1>
        <p class="lead">{copy::why(window_minutes)}</p>
        <p>{copy::WHAT_TO_DO}</p>
        <button
            type="button"
            class="button button-primary button-block"
            on:click=move |_| on_enroll_again.run(())
        >
            {copy::ENROLL_AGAIN}
        </button>
    }
}
