//! The loading state: shown wherever a request is under way.

use leptos::prelude::*;

/// "Loading your devices…" with a spinner. A polite live region, so screen
/// readers announce it; the region that is loading should also carry
/// `aria-busy="true"`.
#[component]
pub fn Loading(
    /// What is being loaded, e.g. "Loading your devices…".
    #[prop(into)]
    label: String,
) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span class="loading-label">{label}</span>
        </div>
    }
}
