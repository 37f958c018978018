//! **My devices** (`/devices`): the signed-in person's devices, with every
//! state spelled out: loading, failed, empty and loaded.

use leptos::prelude::*;

use crate::api;
use crate::components::device_list::DeviceList;
use crate::components::error_panel::ErrorPanel;
use crate::components::loading::Loading;
use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::{redirect_if_session_expired, RequireSignIn};
use crate::context::reload;
use crate::start;
use crate::t;
use crate::this_device::this_device_id;

#[component]
pub fn DevicesPage() -> impl IntoView {
    view! {
        <PageTitle page=t!("devices-heading") />
        <h1 tabindex="-1">{t!("devices-heading")}</h1>
        <RequireSignIn>
            <YourDevices />
        </RequireSignIn>
    }
}

/// The list, asked for only once someone is signed in (a visitor's first
/// request is never an error), and not at all when the page came with it.
#[component]
fn YourDevices() -> impl IntoView {
    let devices = start::seeded_resource(start::take_devices(), api::devices);
    // An answer of `not_signed_in` sends the person to sign in.
    redirect_if_session_expired(devices);

    let loading = move || devices.with(Option::is_none);

    view! {
        <div class="devices" aria-busy=move || if loading() { "true" } else { "false" }>
            {move || match devices.get() {
                None => view! { <Loading label=t!("devices-loading") /> }.into_any(),
                Some(Ok(list)) => {
                    match this_device_id() {
                        Some(this_device) => {
                            view! { <DeviceList devices=list.devices this_device /> }.into_any()
                        }
                        None => view! { <DeviceList devices=list.devices /> }.into_any(),
                    }
                }
                Some(Err(error)) if error.is_not_signed_in() => {
                    view! { <Loading label=t!("taking-you-to-sign-in") /> }.into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <ErrorPanel
                            error
                            title=t!("devices-load-failed")
                            on_retry=Callback::new(move |()| reload(devices))
                        />
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
