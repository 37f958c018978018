//! Banners above every page about the app itself: "You're offline" (or the
//! portal not answering), and "A new version is ready" with **Reload**,
//! which the person chooses, so an update never drops what they were doing.

use leptos::prelude::*;

use crate::connectivity::{use_connectivity, ConnectivityStatus};
use crate::service_worker::use_app_update;
use crate::t;

#[component]
pub fn ConnectivityBanner() -> impl IntoView {
    let status = use_connectivity().status();
    view! {
        // Always in the page, so screen readers announce the change.
        <div class="connectivity-banner" role="status">
            {move || {
                let title = match status.get() {
                    ConnectivityStatus::Online => return None,
                    ConnectivityStatus::Offline => t!("offline-title"),
                    ConnectivityStatus::Unreachable => t!("unreachable-title"),
                };
                Some(view! {
                    <p class="banner banner-offline">
                        <strong>{title}</strong>
                        " "
                        {t!("offline-explanation")}
                    </p>
                })
            }}
        </div>
    }
}

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_app_update();
    let ready = update.update_ready();
    view! {
        <div role="status">
            <Show when=move || ready.get()>
                <div class="banner banner-update">
                    <p>{t!("update-ready")}</p>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| update.apply_update()
                    >
                        {t!("update-reload")}
                    </button>
                </div>
            </Show>
        </div>
    }
}
