//! The failed state: what went wrong and a **Try again** button.

use leptos::prelude::*;

use crate::api::ClientError;
use crate::t;

/// Says why something could not be loaded or done, and offers to try again.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: ClientError,
    /// Runs when the person chooses **Try again**.
    on_retry: Callback<()>,
    /// A short heading such as "Your devices couldn't be loaded".
    #[prop(into, optional)]
    title: Option<String>,
) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            {title.map(|title| view! { <p class="error-panel-title">{title}</p> })}
            <p class="error-panel-message">{error.message()}</p>
            <button type="button" class="button button-secondary" on:click=move |_| on_retry.run(())>
                {t!("error-panel-try-again")}
            </button>
        </div>
    }
}
