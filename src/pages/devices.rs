//! **My devices** (`/devices`): the signed-in person's devices, with every
//! state spelled out: loading, failed, empty and loaded.

use leptos::prelude::*;

use crate::api;
use crate::components::device_list::DeviceList;
use crate::components::loaded_list::LoadedList;
use crate::components::page_title::PageTitle;
use crate::components::require_sign_in::RequireSignIn;
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
    view! {
        <LoadedList
            answer=devices
            class="devices"
            loading_label=t!("devices-loading")
            failed_title=t!("devices-load-failed")
            list=|list: portal_api::DeviceList| match this_device_id() {
                Some(this_device) => {
                    view! { <DeviceList devices=list.devices this_device /> }.into_any()
                }
                None => view! { <DeviceList devices=list.devices /> }.into_any(),
            }
        />
    }
}
