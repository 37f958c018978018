//! A list a page asks the server for once someone is signed in (My devices,
//! Notifications), with every state spelled out: loading, the list, "taking
//! you to sign in" when the session ran out, or what failed with Try again.

use leptos::prelude::*;

use crate::api::ClientError;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::require_sign_in::redirect_if_session_expired;
use crate::context::reload;
use crate::t;

#[component]
pub fn LoadedList<T, V>(
    /// The answer, `None` while it is on its way.
    answer: LocalResource<Result<T, ClientError>>,
    /// The wrapper's class, e.g. `devices`.
    class: &'static str,
    /// e.g. "Loading your devices…".
    loading_label: String,
    /// The error panel's title, e.g. "Your devices couldn't be loaded".
    failed_title: String,
    /// Draws the loaded list.
    list: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    // An answer of `not_signed_in` sends the person to sign in.
    redirect_if_session_expired(answer);
    let loading = move || answer.with(Option::is_none);
    let loading_label = StoredValue::new(loading_label);
    let failed_title = StoredValue::new(failed_title);
    view! {
        <div class=class aria-busy=move || if loading() { "true" } else { "false" }>
            {move || match answer.get() {
                None => view! { <Loading label=loading_label.get_value() /> }.into_any(),
                Some(Ok(loaded)) => list(loaded).into_any(),
                Some(Err(error)) if error.is_not_signed_in() => {
                    view! { <Loading label=t!("taking-you-to-sign-in") /> }.into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            error
                            title=failed_title.get_value()
                            on_retry=Callback::new(move |()| reload(answer))
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
